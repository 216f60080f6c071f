/* mcp.c - an MCP tool call read by what its fields mean, see mcp.h.
 *
 * Security invariants:
 * - The server's name and its description never make a call safe: names
 *   only choose a database dialect and say where a path lives, and every
 *   field is read whatever server sends it.
 * - What the server will do on this machine is judged like the tool that
 *   does it here: a command field is parsed as shell (so `rm -rf ~` is
 *   the same deny through an MCP `exec` as through Bash), a path field is
 *   a Read, Write or Edit of that path, or the rm/mv/cp its verb implies,
 *   resolved by the same path code as the file tools.
 * - Paths of a call that names a remote place (owner/repo, bucket,
 *   project) are that place's, not this machine's: they get no local
 *   effect, only the rules on every string.
 * - A shell text an exec-like tool cannot have parsed completely asks;
 *   one in a field of a tool that runs nothing does not (prose may hold
 *   an apostrophe). */
#include "judge/mcp.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "json/jval.h"
#include "shell/dbq.h"
#include "shell/shell.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/text.h"

#define NOMEM(d) diag_nomem(d)

/* ---- the tool name as words ---- */

/* "dropTable" -> "drop table", "DeleteDBInstance" -> "delete db
 * instance", "terminate-instances" -> "terminate instances". */
static const char *action_words(struct arena *a, const char *t)
{
	size_t n = strlen(t), i, k = 0;
	char *w = arena_alloc(a, 2 * n + 1);

	if (!w)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		bool up = isupper(c);

		if (!isalnum(c)) {
			if (k && w[k - 1] != ' ')
				w[k++] = ' ';
			continue;
		}
		/* A word starts at an upper-case letter after a lower-case one
		 * or a digit, and at the last capital of an acronym followed
		 * by lower case (DBInstance). */
		if (up && i && k && w[k - 1] != ' ' &&
		    (islower((unsigned char)t[i - 1]) ||
		     isdigit((unsigned char)t[i - 1]) ||
		     (isupper((unsigned char)t[i - 1]) && i + 1 < n &&
		      islower((unsigned char)t[i + 1]))))
			w[k++] = ' ';
		w[k++] = (char)tolower(c);
	}
	while (k && w[k - 1] == ' ')
		k--;
	w[k] = '\0';
	return w;
}

/* Whether the word w[0..n) is one of list. */
static bool word_in(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(w, list[i], n))
			return true;
	return false;
}

static bool has_word(const char *words, const char *const *list)
{
	const char *p = words;

	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (word_in(p, n, list))
			return true;
		p += n;
		while (*p == ' ')
			p++;
	}
	return false;
}

static char *cat_words(struct arena *a, const char *x, const char *y)
{
	size_t n = strlen(x), m = strlen(y);
	char *w = arena_alloc(a, n + m + 2);

	if (!w)
		return NULL;
	memcpy(w, x, n);
	w[n] = n && m ? ' ' : '\0';
	memcpy(w + n + (n && m), y, m + 1);
	return w;
}

/* kubectl_delete {resourceType: "deployment"}: the tool's object is in a
 * field, so it joins the words ("kubectl delete deployment"); so does
 * the tool a generic invoker is asked to call ({tool: "s3_delete_bucket"}
 * -> "invoke s3 delete bucket"). */
static int add_object_type(struct subject *s, struct arena *a,
			   const struct jv *input)
{
	static const char *const type_keys[] = {
		"resourceType", "resource_type", "resource", "kind", "type",
		"objectType", "object_type", "resourceKind", "tool",
		"tool_name", "toolName", "operation", NULL
	};
	const struct jv *c;
	size_t i;
	char *w;

	jv_for_each(c, input) {
		for (i = 0; type_keys[i]; i++)
			if (c->key && !strcmp(c->key, type_keys[i]))
				break;
		if (!type_keys[i] || !jv_is(c, JV_STRING) || !c->len ||
		    c->len > 40)
			continue;
		for (i = 0; i < c->len; i++)
			if (!isalnum((unsigned char)c->s[i]) &&
			    c->s[i] != '_' && c->s[i] != '-')
				break;
		if (i < c->len || !(w = (char *)action_words(a, c->s)))
			continue;
		if (!(w = cat_words(a, s->mcp_action, w)))
			return -1;
		s->mcp_action = w;
		return 0;
	}
	return 0;
}

/* Route53 {ChangeBatch: {Changes: [{Action: "DELETE"}]}}, an HTTP tool's
 * {method: "DELETE"}, Ansible's {state: "absent"}: the operation is in
 * the payload.  A deleting one anywhere in it (to a bounded depth) ends
 * the words with "payload delete". */
static bool payload_deletes(const struct jv *node, int depth)
{
	static const char *const keys[] = { "action", "operation", "op",
		"method", "verb", "state", "changetype", "change_type", NULL };
	static const char *const values[] = { "delete", "destroy", "remove",
		"purge", "terminate", "terminated", "absent", "drop",
		"deleted", NULL };
	const struct jv *c;
	size_t i, k;

	if (depth > 4)
		return false;
	jv_for_each(c, node) {
		if (jv_is(c, JV_STRING) && c->key) {
			for (i = 0; keys[i] && strcasecmp(c->key, keys[i]); i++)
				;
			for (k = 0; keys[i] && values[k]; k++)
				if (!strcasecmp(c->s, values[k]))
					return true;
		} else if ((jv_is(c, JV_OBJECT) || jv_is(c, JV_ARRAY)) &&
			   payload_deletes(c, depth + 1)) {
			return true;
		}
	}
	return false;
}

/* What a tool's verb does to the paths it is given. */
enum path_verb { PV_READ, PV_NONE, PV_WRITE, PV_EDIT, PV_DELETE, PV_MOVE,
		 PV_COPY };

static const char *const delete_verbs[] = {
	"delete", "remove", "rm", "unlink", "rmdir", "erase", "trash",
	"purge", "wipe", "destroy", "shred", "drop", "clear", NULL
};
static const char *const move_verbs[] = { "move", "mv", "rename", NULL };
static const char *const copy_verbs[] = { "copy", "cp", "duplicate", NULL };
static const char *const write_verbs[] = {
	"write", "create", "save", "put", "overwrite", "new", "mkdir",
	"touch", "store", "set", NULL
};
static const char *const edit_verbs[] = {
	"edit", "update", "patch", "replace", "modify", "append", "insert",
	"apply", "change", "prepend", "str", NULL
};
static const char *const list_verbs[] = {
	"list", "search", "find", "grep", "glob", "tree", "stat", "info",
	"exists", "watch", "count", "ls", "dir", "directory", "allowed",
	"metadata", "locate", NULL
};
/* A tool that runs what it is given. */
static const char *const exec_words[] = {
	"exec", "execute", "run", "shell", "command", "cmd", "terminal",
	"spawn", "bash", "sh", "eval", "invoke", "process", "script", NULL
};

static enum path_verb path_verb(const char *words)
{
	/* Destructive verbs first: "create_or_delete" deletes. */
	if (has_word(words, delete_verbs))
		return PV_DELETE;
	if (has_word(words, move_verbs))
		return PV_MOVE;
	if (has_word(words, copy_verbs))
		return PV_COPY;
	if (has_word(words, edit_verbs))
		return PV_EDIT;
	if (has_word(words, write_verbs))
		return PV_WRITE;
	if (has_word(words, list_verbs))
		return PV_NONE;
	return PV_READ;	/* read, get, open, upload, unknown: what leaks */
}

/* ---- database statements ---- */

static bool name_has(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; s && *s; s++)
		if (!strncasecmp(s, w, n))
			return true;
	return false;
}

/* The server's language, from its name and its tool's; DBQ_SQL with
 * *named false when neither names a database. */
static enum dbq_lang db_lang(const struct subject *s, bool *named)
{
	const char *n[2] = { s->mcp_server, s->mcp_tool };
	size_t i;

	*named = true;
	for (i = 0; i < 2; i++) {
		if (name_has(n[i], "redis") || name_has(n[i], "valkey"))
			return DBQ_REDIS;
		if (name_has(n[i], "mongo"))
			return DBQ_MONGO;
		if (name_has(n[i], "mysql") || name_has(n[i], "maria"))
			return DBQ_MYSQL;
		if (name_has(n[i], "sqlite"))
			return DBQ_SQLITE;
		if (name_has(n[i], "postgres") || name_has(n[i], "supabase") ||
		    name_has(n[i], "neon"))
			return DBQ_PSQL;
	}
	*named = name_has(n[0], "sql") || name_has(n[1], "sql") ||
		 name_has(n[0], "database") || name_has(n[0], "db") ||
		 name_has(n[1], "database");
	return DBQ_SQL;
}

/* A field that holds statements: query, sql, statement(s), sql_query;
 * for a Redis server also command. */
static bool statement_key(const char *k, enum dbq_lang lang)
{
	static const char *const keys[] = {
		"query", "sql", "statement", "statements", "sql_query",
		"sqlQuery", "rawSql", "raw_sql", "queries", NULL
	};
	size_t i;

	for (i = 0; keys[i]; i++)
		if (!strcmp(k, keys[i]))
			return true;
	return lang == DBQ_REDIS && !strcmp(k, "command");
}

/* Text that starts like a statement that changes data. */
static bool sql_shaped(const char *s)
{
	static const char *const first[] = {
		"drop", "delete", "truncate", "alter", "update", "grant",
		"revoke", "insert", "replace", "merge", "with", "create",
		"flushall", "flushdb", NULL
	};
	size_t i, n;

	while (isspace((unsigned char)*s) || *s == '(')
		s++;
	for (n = 0; isalpha((unsigned char)s[n]); n++)
		;
	for (i = 0; first[i]; i++)
		if (strlen(first[i]) == n && !strncasecmp(s, first[i], n))
			return s[n] == '\0' || isspace((unsigned char)s[n]) ||
			       s[n] == ';';
	return false;
}

struct dbwalk {
	enum dbq_lang lang;
	bool sql_tool;		/* a database server, or a tool that runs
				 * queries: SQL-shaped strings count */
	bool search;		/* a search tool of no database server:
				 * its "query" is words, not SQL */
	struct dbq_result r;
};

static int db_walk(struct dbwalk *w, struct arena *a, const struct jv *node,
		   struct diag *d)
{
	const struct jv *c;
	int error;

	for (c = node->child; c; c = c->next) {
		if (jv_is(c, JV_STRING)) {
			bool key = c->key && statement_key(c->key, w->lang) &&
				   !w->search;

			if ((key || (w->sql_tool && sql_shaped(c->s))) &&
			    dbq_scan(&w->r, a, w->lang, c->s, c->len, NULL) < 0)
				return NOMEM(d);
		} else if (c->child && (error = db_walk(w, a, c, d)) < 0) {
			return error;
		}
	}
	return 0;
}

/* Mongo servers name the operation in the tool: drop-database,
 * drop-collection, delete-many with an empty filter. */
static void mongo_tool(const struct subject *s, const struct jv *input,
		       struct dbq_result *r)
{
	char t[64];
	const char *x = s->mcp_tool;
	const struct jv *f = jv_get(input, "filter");
	bool all = !f || (jv_is(f, JV_OBJECT) && !f->child);
	size_t n = 0;

	for (; x && *x && n + 1 < sizeof(t); x++)
		if (*x != '-' && *x != '_')
			t[n++] = (char)(*x | 0x20);
	t[n] = '\0';
	if (!strcmp(t, "dropdatabase"))
		r->ops |= 1u << DBQ_DROP_DATABASE;
	else if (!strcmp(t, "dropcollection"))
		r->ops |= 1u << DBQ_DROP_TABLE;
	else if (!strcmp(t, "deletemany") && all)
		r->ops |= 1u << DBQ_DELETE_ALL;
	else if (!strcmp(t, "updatemany") && all)
		r->ops |= 1u << DBQ_UPDATE_ALL;
	if (r->ops && !r->what) {
		r->what = s->mcp_tool;
		r->what_len = strlen(s->mcp_tool);
	}
}

/* desktop-commander interact_with_process {pid, input}, send_input,
 * write_stdin: text typed into a running program (a shell, psql, a
 * Python REPL), whichever it is. */
static bool is_repl(const char *words)
{
	static const char *const to[] = { "process", "stdin", "repl",
					   "session", "input", NULL };
	static const char *const verbs[] = { "interact", "send", "write",
					     "type", NULL };

	return has_word(words, to) && has_word(words, verbs);
}

static int read_db(struct subject *s, struct arena *a, const struct jv *input,
		   struct diag *d)
{
	static const char *const runs_sql[] = {
		"query", "sql", "execute", "exec", "run", "statement", NULL
	};
	static const char *const searches[] = {
		"search", "find", "lookup", "list", NULL
	};
	struct dbwalk w;
	bool named;
	int error;

	memset(&w, 0, sizeof(w));
	w.lang = db_lang(s, &named);
	w.sql_tool = named || has_word(s->mcp_action, runs_sql) ||
		     is_repl(s->mcp_action);
	w.search = !named && has_word(s->mcp_action, searches);
	if ((error = db_walk(&w, a, input, d)) < 0)
		return error;
	if (w.lang == DBQ_MONGO)
		mongo_tool(s, input, &w.r);
	s->db_ops = w.r.ops;
	if (w.r.what &&
	    !(s->db_what = arena_strndup(a, w.r.what, w.r.what_len)))
		return NOMEM(d);
	return 0;
}

/* ---- the server and tool ---- */

/* The server and tool of mcp__<server>__<tool>.  Server names may hold
 * "__"; the payload's mcp_server.name (the configured name) disambiguates
 * when present, so the split is made after its sanitised form. */
static int split_name(struct subject *s, struct arena *a, const char *tool,
		      const char *server_name, struct diag *d)
{
	const char *rest = tool + 5, *sep;

	if (server_name) {
		size_t n = strlen(server_name), i;
		char *san = arena_strndup(a, server_name, n);

		if (!san)
			return NOMEM(d);
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)san[i]) &&
			    san[i] != '_' && san[i] != '-')
				san[i] = '_';
		s->mcp_server = server_name;
		if (!strncmp(rest, san, n) && !strncmp(rest + n, "__", 2)) {
			s->mcp_tool = rest + n + 2;
			return 0;
		}
	}
	sep = strstr(rest, "__");
	if (!s->mcp_server)
		s->mcp_server = sep ? arena_strndup(a, rest,
						    (size_t)(sep - rest)) :
				      rest;
	s->mcp_tool = sep ? sep + 2 : "";
	return s->mcp_server ? 0 : NOMEM(d);
}

/* ---- commands ---- */

/* Whether key k's last word is one of ends: "cli_command", "awsCommand",
 * "db_path" end in "command" and "path" (a word starts after '_' or '-',
 * or at a capital). */
static bool key_last_word(const char *k, const char *const *ends)
{
	size_t n = k ? strlen(k) : 0, i, e;

	for (i = 0; ends[i]; i++) {
		e = strlen(ends[i]);
		if (n > e && !strcasecmp(k + n - e, ends[i]) &&
		    (k[n - e - 1] == '_' || k[n - e - 1] == '-' ||
		     isupper((unsigned char)k[n - e])))
			return true;
	}
	return false;
}

/* "cli_command", "awsCommand", "kubectl_cmd": a key naming a command. */
static bool command_suffix(const char *k)
{
	static const char *const ends[] = { "command", "cmd", "cmdline",
					    "commandline", NULL };

	return key_last_word(k, ends);
}

static bool key_in(const char *k, const char *const *keys)
{
	size_t i;

	for (i = 0; k && keys[i]; i++)
		if (!strcasecmp(k, keys[i]))
			return true;
	return false;
}

static const char *const command_keys[] = {
	"command", "cmd", "commands", "script", "shell", "commandLine",
	"command_line", "cmdline", "shell_command", "shellCommand", "bash",
	"sh", NULL
};
static const char *const lines_keys[] = {
	"commands", "cmds", "scripts", "lines", "keys", NULL
};
static const char *const argv_keys[] = {
	"args", "arguments", "argv", "params", "parameters", NULL
};
static const char *const code_keys[] = { "code", "source_code", NULL };
/* What a terminal tool (tmux send-keys, iTerm write) types. */
static const char *const typed_keys[] = {
	"keys", "text", "input", "data", "chars", NULL
};
static const char *const cwd_keys[] = {
	"cwd", "workdir", "working_directory", "workingDirectory", "cd",
	"working_dir", "dir", "directory", NULL
};

/* word, single-quoted for sh: the shell reads back exactly word. */
static int quote(struct buf *b, const char *w)
{
	int error = buf_putc(b, '\'');

	for (; !error && *w; w++)
		error = *w == '\'' ? buf_puts(b, "'\\''") : buf_putc(b, *w);
	return error ? error : buf_putc(b, '\'');
}

struct mctx {
	struct toolcall *call;
	struct subject *s;
	struct arena *a;
	struct diag *d;
	struct shell_env env;		/* tool "Bash", the server's cwd */
	bool exec;			/* the tool runs what it is given */
	bool remote;			/* its paths name a remote place */
	bool redis;			/* "command" is a Redis command */
	bool terminal;			/* it types into a terminal */
	bool repl;			/* it types into a running program */
	const char *program;		/* what an argv alone runs */
	enum path_verb verb;
};

/* Parses text as the Bash commands it is; an unparsable text only counts
 * when the tool runs commands. */
static int run_text(struct mctx *m, const char *text, size_t len)
{
	struct subject_list *l = &m->call->subjects;
	bool was = l->parse_incomplete;
	const char *problem = l->parse_problem;
	int error;

	/* Subjects point into the text: it lives as long as they do. */
	if (!(text = arena_strndup(m->a, text, len)))
		return NOMEM(m->d);
	if ((error = shell_parse(l, m->a, &m->env, text, len, m->d)) < 0)
		return error;
	if (!m->exec) {
		l->parse_incomplete = was;
		l->parse_problem = problem;
	}
	return 0;
}

/* An argv word for sh: quoted, except a leading "~" or "$HOME", which a
 * server that joins its argv into a shell line expands (the safe reading:
 * `~/.ssh/id_rsa` is the key, not a directory named "~"). */
static int quote_arg(struct buf *b, const char *w)
{
	int error = 0;

	if (w[0] == '~' && (w[1] == '/' || !w[1])) {
		error = buf_putc(b, '~');
		w++;
	} else if (!strncmp(w, "$HOME", 5) && (w[5] == '/' || !w[5])) {
		error = buf_puts(b, "\"$HOME\"");
		w += 5;
	}
	return error ? error : *w ? quote(b, w) : 0;
}

/* {command: "rm", args: ["-rf", "~"]} or {command: ["rm", "-rf", "~"]}:
 * an argv, quoted word by word. */
static int run_argv(struct mctx *m, const char *program,
		    const struct jv *arr)
{
	struct buf b;
	const struct jv *c;
	int error = 0;

	buf_init(&b);
	if (program)
		error = quote(&b, program);
	jv_for_each(c, arr) {
		if (error)
			break;
		if (!jv_is(c, JV_STRING))
			continue;
		if (b.len)
			error = buf_putc(&b, ' ');
		if (!error)
			error = quote_arg(&b, c->s);
	}
	if (!error && b.len)
		error = run_text(m, b.data, b.len);
	else if (error)
		error = NOMEM(m->d);
	buf_release(&b);
	return error;
}

/* Inline code: the interpreter its language field names, python when
 * none does (the kernels and sandboxes these tools front). */
static int run_code(struct mctx *m, const struct jv *obj, const char *code)
{
	static const char *const lang_keys[] = {
		"language", "lang", "kernel", "runtime", NULL
	};
	const char *lang = NULL, *prog = "python3", *opt = "-c";
	const struct jv *c;
	struct buf b;
	int error;

	jv_for_each(c, obj)
		if (jv_is(c, JV_STRING) && key_in(c->key, lang_keys))
			lang = c->s;
	if (lang && (name_has(lang, "bash") || !strcasecmp(lang, "sh") ||
		     name_has(lang, "shell")))
		return run_text(m, code, strlen(code));
	if (lang && (name_has(lang, "javascript") || name_has(lang, "node") ||
		     name_has(lang, "typescript") || !strcasecmp(lang, "js") ||
		     !strcasecmp(lang, "ts"))) {
		prog = "node";
		opt = "-e";
	} else if (lang && name_has(lang, "ruby")) {
		prog = "ruby";
		opt = "-e";
	}
	buf_init(&b);
	error = buf_puts(&b, prog);
	if (!error)
		error = buf_putc(&b, ' ');
	if (!error)
		error = buf_puts(&b, opt);
	if (!error)
		error = buf_putc(&b, ' ');
	if (!error)
		error = quote(&b, code);
	error = error ? NOMEM(m->d) : run_text(m, b.data, b.len);
	buf_release(&b);
	return error;
}

/* {commands: ["mkdir -p x", "echo y >> z"]}: one command line each;
 * tmux {keys: ["rm -rf ~/", "Enter"]}: the keys typed, as lines. */
static int run_lines(struct mctx *m, const struct jv *arr)
{
	const struct jv *c;
	int error;

	jv_for_each(c, arr)
		if (jv_is(c, JV_STRING) && *c->s &&
		    (error = run_text(m, c->s, c->len)) < 0)
			return error;
	return 0;
}

static bool has_command(const struct jv *obj)
{
	const struct jv *c;

	jv_for_each(c, obj)
		if (key_in(c->key, command_keys) || command_suffix(c->key))
			return true;
	return false;
}

/* run_gcloud_command {args: [...]}: the one word of the tool's name that
 * is not about running, else the server's name. */
static const char *tool_program(struct arena *a, const char *words,
				const char *server)
{
	const char *p = words, *found = NULL;
	size_t found_n = 0, count = 0;

	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (!word_in(p, n, exec_words)) {
			found = p;
			found_n = n;
			count++;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	if (count == 1)
		return arena_strndup(a, found, found_n);
	return server;
}

static int read_commands(struct mctx *m, const struct jv *obj, int depth)
{
	const struct jv *c, *args = NULL;
	int error;

	/* Deeper than any real schema: what is down there is unknown, and
	 * the call asks (a bound hit is never "nothing found"). */
	if (depth > CV_MAX_MCP_DEPTH) {
		m->call->subjects.parse_incomplete = true;
		m->call->subjects.parse_problem = "an MCP call nested deeper "
						  "than ccveto reads";
		return 0;
	}
	jv_for_each(c, obj)
		if (jv_is(c, JV_ARRAY) && key_in(c->key, argv_keys))
			args = c;
	if (args && !depth && m->exec && m->program && !has_command(obj) &&
	    (error = run_argv(m, m->program, args)) < 0)
		return error;
	jv_for_each(c, obj) {
		if ((key_in(c->key, command_keys) || command_suffix(c->key)) &&
		    !(m->redis && !strcmp(c->key, "command"))) {
			if (jv_is(c, JV_STRING) && *c->s)
				error = args ? run_argv(m, c->s, args) :
					       run_text(m, c->s, c->len);
			else if (jv_is(c, JV_ARRAY) && key_in(c->key, lines_keys))
				error = run_lines(m, c);
			else if (jv_is(c, JV_ARRAY))
				error = run_argv(m, NULL, c);
			else
				error = 0;
			if (error < 0)
				return error;
		} else if (m->repl && key_in(c->key, typed_keys) &&
			   jv_is(c, JV_STRING) && *c->s) {
			/* As shell and as Python: what the program is, is
			 * not known (its SQL went to read_db). */
			if ((error = run_text(m, c->s, c->len)) < 0 ||
			    (error = run_code(m, obj, c->s)) < 0)
				return error;
		} else if (m->terminal && key_in(c->key, typed_keys) &&
			   (jv_is(c, JV_STRING) || jv_is(c, JV_ARRAY))) {
			error = jv_is(c, JV_STRING) ? run_text(m, c->s, c->len)
						     : run_lines(m, c);
			if (error < 0)
				return error;
		} else if (m->exec && key_in(c->key, code_keys) &&
			   jv_is(c, JV_STRING) && *c->s) {
			if ((error = run_code(m, obj, c->s)) < 0)
				return error;
		} else if ((jv_is(c, JV_OBJECT) || jv_is(c, JV_ARRAY)) &&
			   (error = read_commands(m, c, depth + 1)) < 0) {
			return error;
		}
	}
	return 0;
}

/* ---- paths ---- */

static const char *const path_keys[] = {
	"path", "paths", "file", "files", "filename", "file_path", "filePath",
	"filepath", "file_name", "fileName", "filenames", "directory", "dir",
	"folder", "dirpath", "dir_path", "absolute_path", "absolutePath",
	"notebook_path", "local_path", "localPath", NULL
};
/* Keys that name a path only when the value looks like one. */
static const char *const maybe_path_keys[] = {
	"target", "target_path", "targetPath", "destination", "dest", "dst",
	"destination_path", "destinationPath", "source", "src", "source_path",
	"sourcePath", "from", "to", "old_path", "new_path", "oldPath",
	"newPath", "output", "output_path", "outputPath", "input",
	"input_path", "location", "uri", NULL
};
static const char *const source_keys[] = {
	"source", "src", "source_path", "sourcePath", "from", "old_path",
	"oldPath", NULL
};
static const char *const dest_keys[] = {
	"destination", "dest", "dst", "destination_path", "destinationPath",
	"to", "new_path", "newPath", "target", "target_path", "targetPath",
	NULL
};
static const char *const content_keys[] = {
	"content", "contents", "text", "data", "body", "new_string",
	"new_source", "value", "new_text", "newText", NULL
};
/* A path in a call naming one of these is a remote one. */
static const char *const remote_keys[] = {
	"owner", "repo", "repository", "repo_name", "repoName", "bucket",
	"bucket_name", "project_id", "projectId", "gist_id", "drive_id",
	"site_id", "share", "container", "space", "space_key", "namespace",
	"branch", "ref", "remote_path", "remotePath", NULL
};

/* "target_file", "db_path", "srcPath", "output_dir": a key naming a
 * path by its last word (its value must still look like one). */
static bool path_suffix(const char *k)
{
	static const char *const ends[] = { "path", "paths", "file", "files",
					    "filename", "dir", "directory",
					    "folder", NULL };

	return key_last_word(k, ends);
}

static bool looks_like_path(const char *v)
{
	if (strstr(v, "://"))
		return !strncmp(v, "file://", 7);
	return v[0] == '/' || v[0] == '~' || v[0] == '.' ||
	       strchr(v, '/') != NULL;
}

/* The local path of a value: file:///x -> /x; NULL for none. */
static const char *local_path(const char *v)
{
	if (!strncmp(v, "file://", 7))
		return v[7] == '/' ? v + 7 : NULL;
	return strstr(v, "://") ? NULL : v;
}

struct paths {
	bool exec;		/* the tool runs commands */
	const char *v[16];
	size_t n;
	bool more;		/* some were left out: the table is full */
	const char *src, *dst;
};

static void path_add(struct paths *p, const char *v)
{
	if (!(v = local_path(v)) || !*v)
		return;
	if (p->n < sizeof(p->v) / sizeof(p->v[0]))
		p->v[p->n++] = v;
	else
		p->more = true;
}

static void find_paths(struct paths *p, const struct jv *obj, int depth)
{
	const struct jv *c, *e;

	if (depth > CV_MAX_MCP_DEPTH) {
		p->more = true;		/* unknown paths: the call asks */
		return;
	}
	jv_for_each(c, obj) {
		bool sure = key_in(c->key, path_keys),
		     maybe = key_in(c->key, maybe_path_keys) ||
			     path_suffix(c->key);

		/* An exec tool's directory is where it runs, not a target. */
		if (p->exec && key_in(c->key, cwd_keys))
			continue;

		if (jv_is(c, JV_STRING) && *c->s &&
		    (sure || (maybe && looks_like_path(c->s)))) {
			path_add(p, c->s);
			if (key_in(c->key, source_keys) && !p->src)
				p->src = local_path(c->s);
			else if (key_in(c->key, dest_keys) && !p->dst)
				p->dst = local_path(c->s);
		} else if (jv_is(c, JV_ARRAY) && (sure || maybe)) {
			jv_for_each(e, c)
				if (jv_is(e, JV_STRING) && *e->s &&
				    (sure || looks_like_path(e->s)))
					path_add(p, e->s);
		} else if (jv_is(c, JV_OBJECT) || (jv_is(c, JV_ARRAY) &&
						   !key_in(c->key,
							   argv_keys))) {
			find_paths(p, c, depth + 1);
		}
	}
}

static const char *find_content(const struct jv *obj)
{
	const struct jv *c;

	jv_for_each(c, obj)
		if (jv_is(c, JV_STRING) && key_in(c->key, content_keys))
			return c->s;
	return NULL;
}

/* A file tool's subject for each path: "Read", "Write" or "Edit".  A
 * leading $HOME or ${HOME} is the home: a server that hands the path to
 * a shell or expands it itself reaches it (the safe reading). */
static int file_subject(struct mctx *m, const char *tool, const char *path,
			const char *content)
{
	struct subject *f = subject_new(&m->call->subjects, m->a,
					SUBJECT_FILE);
	size_t skip = !strncmp(path, "$HOME", 5) ? 5 :
		      !strncmp(path, "${HOME}", 7) ? 7 : 0;

	if (!f)
		return NOMEM(m->d);
	if (skip && (path[skip] == '/' || !path[skip])) {
		char *t = arena_alloc(m->a, strlen(path + skip) + 2);

		if (!t)
			return NOMEM(m->d);
		t[0] = '~';
		strcpy(t + 1, path + skip);
		path = t;
	}
	f->tool = tool;
	f->cwd = m->env.cwd;
	f->content = content;
	return toolcall_add_path(f, m->a, &m->env, path, true, m->d);
}

/* rm, mv or cp of the paths, as a command. */
static int command_of(struct mctx *m, const char *argv0,
		      const char *const *paths, size_t n)
{
	struct buf b;
	size_t i;
	int error;

	buf_init(&b);
	error = buf_puts(&b, argv0);
	if (!error)
		error = buf_puts(&b, " --");
	for (i = 0; !error && i < n; i++) {
		error = buf_putc(&b, ' ');
		if (!error)
			error = quote_arg(&b, paths[i]);
	}
	error = error ? NOMEM(m->d) : run_text(m, b.data, b.len);
	buf_release(&b);
	return error;
}

static int read_paths(struct mctx *m, const struct jv *input)
{
	struct paths p;
	const char *content;
	size_t i;
	int error = 0;

	memset(&p, 0, sizeof(p));
	p.exec = m->exec;
	find_paths(&p, input, 0);
	if (!p.n || m->verb == PV_NONE)
		return 0;
	if (p.more) {
		/* More paths than the table holds: the rest are unknown,
		 * which in a destructive position asks. */
		m->call->subjects.parse_incomplete = true;
		m->call->subjects.parse_problem = "an MCP call with more "
						  "paths than ccveto reads";
	}
	switch (m->verb) {
	case PV_DELETE:
		return command_of(m, "rm -rf", p.v, p.n);
	case PV_MOVE:
	case PV_COPY:
		if (p.src && p.dst) {
			const char *sd[2] = { p.src, p.dst };

			return command_of(m, m->verb == PV_MOVE ? "mv" :
					  "cp -r", sd, 2);
		}
		/* A move with one path: it leaves where it was. */
		if (m->verb == PV_MOVE)
			return command_of(m, "rm -rf", p.v, p.n);
		break;
	default:
		break;
	}
	content = find_content(input);
	for (i = 0; i < p.n && error >= 0; i++)
		error = file_subject(m, m->verb == PV_WRITE ? "Write" :
				     m->verb == PV_EDIT ? "Edit" : "Read",
				     p.v[i], content);
	return error;
}

static bool has_remote_key(const struct jv *input)
{
	const struct jv *c;

	jv_for_each(c, input)
		if (key_in(c->key, remote_keys) &&
		    (jv_is(c, JV_STRING) || jv_is(c, JV_NUMBER)))
			return true;
	return false;
}

/* A tool that fetches or opens a URL (fetch, navigate, browse, scrape,
 * download): the URL is a WebFetch's, for the web rules (paste sites,
 * data in the query string). */
static int read_fetch(struct mctx *m, const struct jv *input)
{
	static const char *const words[] = {
		"fetch", "navigate", "browse", "goto", "open", "visit",
		"scrape", "crawl", "download", "request", "http", "curl",
		"get", NULL
	};
	static const char *const url_keys[] = { "url", "uri", "href",
						"link", "endpoint", NULL };
	const struct jv *c;
	struct subject *w;

	if (!has_word(m->s->mcp_action, words))
		return 0;
	jv_for_each(c, input) {
		if (!jv_is(c, JV_STRING) || !key_in(c->key, url_keys) ||
		    (strncmp(c->s, "http://", 7) && strncmp(c->s, "https://", 8)))
			continue;
		if (!(w = subject_new(&m->call->subjects, m->a, SUBJECT_WEB)))
			return NOMEM(m->d);
		w->tool = "WebFetch";
		w->cwd = m->env.cwd;
		w->url = c->s;
		w->host = text_url_host(m->a, c->s);
		if (strlist_push(&w->strings, m->a, c->s) < 0)
			return NOMEM(m->d);
	}
	return 0;
}

/* tmux, screen, iTerm, a terminal server, or a send-keys tool. */
static bool is_terminal(const struct subject *s)
{
	static const char *const words[] = { "terminal", "tmux", "iterm",
					     "screen", "console", "tty",
					     "pty", "keys", NULL };
	static const char *const servers[] = { "tmux", "iterm", "terminal",
					       "screen", "wezterm", "kitty",
					       NULL };
	size_t i;

	for (i = 0; servers[i]; i++)
		if (name_has(s->mcp_server, servers[i]))
			return true;
	return has_word(s->mcp_action, words);
}

int mcp_read(struct toolcall *call, struct subject *s, struct arena *a,
	     const struct shell_env *env, const struct jv *input,
	     const char *server, struct diag *d)
{
	struct mctx m;
	const struct jv *c;
	bool m_redis, named;
	int error;

	if ((error = split_name(s, a, call->tool, server, d)) < 0)
		return error;
	if (!(s->mcp_action = action_words(a, s->mcp_tool)))
		return NOMEM(d);
	/* A tool named by a verb alone (pulumi's "destroy", npm's
	 * "unpublish") acts on what its server is about. */
	if (*s->mcp_action && !strchr(s->mcp_action, ' ')) {
		const char *sv = action_words(a, s->mcp_server);

		if (!sv || !(s->mcp_action = cat_words(a, sv, s->mcp_action)))
			return NOMEM(d);
	}
	if (add_object_type(s, a, input) < 0 ||
	    (payload_deletes(input, 0) &&
	     !(s->mcp_action = cat_words(a, s->mcp_action,
					  "payload delete"))))
		return NOMEM(d);
	s->holds_secret = toolcall_strings_hold_secret(&s->strings);
	if ((error = read_db(s, a, input, d)) < 0)
		return error;
	m_redis = db_lang(s, &named) == DBQ_REDIS;

	memset(&m, 0, sizeof(m));
	m.call = call;
	m.s = s;
	m.a = a;
	m.d = d;
	m.env = *env;
	m.env.tool = "Bash";
	m.exec = has_word(s->mcp_action, exec_words);
	m.remote = has_remote_key(input);
	m.verb = path_verb(s->mcp_action);
	m.redis = m_redis;
	m.terminal = is_terminal(s);
	m.repl = is_repl(s->mcp_action);
	if (m.exec && !(m.program = tool_program(a, s->mcp_action,
						 s->mcp_server)))
		return NOMEM(d);
	/* The directory the server runs a command in, when the call says. */
	jv_for_each(c, input)
		if (jv_is(c, JV_STRING) && c->s[0] == '/' &&
		    key_in(c->key, cwd_keys))
			m.env.cwd = c->s;
	if ((error = read_commands(&m, input, 0)) < 0 ||
	    (error = read_fetch(&m, input)) < 0)
		return error;
	if (m.remote)
		return 0;
	m.env.cwd = env->cwd;
	return read_paths(&m, input);
}
