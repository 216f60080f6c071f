/* config.c - user and project configuration, see config.h.
 *
 * Security invariant: a repository cannot loosen the guard.  A project's
 * .ccveto.json is applied after the user's config and, unless the user's
 * config lists that project directory in "trust_projects", only settings
 * that make ccveto stricter take effect: a decision may go from ask to
 * deny, protected branches are added to the list, and rule packs inside
 * the project may add rules with new ids (never replace one).  Disabling,
 * lowering a decision, exceptions, log settings and trust are ignored
 * (named in `ccveto check`'s warnings).  A config file that cannot be
 * read or parsed is an error, and the hook turns errors into a deny.
 *
 * Second invariant: the environment cannot loosen the guard either.
 * Claude Code gives every hook the "env" of the project's settings, so
 * the user's config is found from the passwd entry (userhome.h), never
 * from $HOME or $XDG_CONFIG_HOME, and $CCVETO_RULES_DIR may only add
 * rules with new ids, like a project's pack.  Only the user's own config
 * can say otherwise ("trust_env": true): then $CCVETO_RULES_DIR loads
 * with full power (same ids replace), $XDG_CONFIG_HOME/ccveto/config.json
 * is read as a second user config, and the log goes where
 * $CCVETO_LOG_FILE or $XDG_STATE_HOME say (declog.c).  See
 * docs/threat-model.md for every variable.
 *
 * Cost: the hook calls this on every tool call.  With no config files it
 * is one failed open() for the user config and one per directory level
 * between cwd and $HOME for the project config. */
#include "rules/config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json/jval.h"
#include "rules/ruleset.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/redact.h"
#include "util/safefile.h"
#include "util/userhome.h"

/* The log settings of the last config_apply(): plain values, nothing to
 * free.  Exceptions belong to the rule set (ruleset_add_exception). */
static struct config_log log_settings = { true, false,
					 CV_LOG_DEFAULT_MAX_BYTES };
/* The user's config says "trust_env" (config_trust_env). */
static bool trust_env;
static struct config_post post_settings = { true, true, 0, 0, { { 0 } } };

enum level {
	LEVEL_USER,		/* the user's own file: anything goes */
	LEVEL_TRUSTED,		/* a project the user trusts: same */
	LEVEL_PROJECT,		/* any other project: tighten only */
};

/* Everything one config_apply() run carries between files. */
struct run {
	struct ruleset *set;
	const struct config_opts *opts;
	const char *home;
	char **branches;	/* protected branches set so far */
	size_t nbranches;
	bool branches_set;	/* false: the built-in defaults apply */
	const struct jv *trust;	/* user's trust_projects (in user tree) */
};

static const char *const default_branches[] = { "main", "master",
						"release/*" };

bool config_trust_env(void)
{
	return trust_env;
}

const struct config_post *config_post_settings(void)
{
	return &post_settings;
}

bool config_post_tool_off(const char *tool)
{
	unsigned k;
	size_t n;

	for (k = 0; tool && k < post_settings.n_off_tools; k++) {
		const char *o = post_settings.off_tools[k];

		n = strlen(o);
		/* "mcp__server__*": every tool of that server */
		if (n > 1 && o[n - 1] == '*' ? !strncmp(tool, o, n - 1) :
		    !strcmp(tool, o))
			return true;
	}
	return false;
}

const struct config_log *config_log_settings(void)
{
	return &log_settings;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void warn(const struct run *r, const char *fmt, ...)
{
	char line[768];
	va_list ap;

	if (!r->opts->warnings)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	buf_puts(r->opts->warnings, line);
	buf_putc(r->opts->warnings, '\n');
}

static bool string_array(const struct jv *a)
{
	const struct jv *c;

	if (!jv_is(a, JV_ARRAY))
		return false;
	for (c = a->child; c; c = c->next)
		if (!jv_is(c, JV_STRING) || !*c->s)
			return false;
	return true;
}

/* "~/x" and paths relative to the config file's directory. */
static int resolve_path(struct buf *out, const struct run *r,
			const char *base, const char *p)
{
	if (p[0] == '~' && (p[1] == '/' || !p[1]) && r->home)
		return buf_printf(out, "%s%s", r->home, p + 1);
	if (p[0] == '/')
		return buf_puts(out, p);
	return buf_printf(out, "%s/%s", base, p);
}

static bool path_inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/* An untrusted project's pack (and one named by the environment) may
 * only add rules: load it into a scratch set first and refuse the
 * directory if any id is already taken.  `file` names where it came
 * from: a config file, or "$CCVETO_RULES_DIR". */
static int load_addonly_dir(struct run *r, const char *file,
			    const char *dir, struct diag *d)
{
	const char *who = file[0] == '$' ? "the environment" : "a project";
	const char *how = file[0] == '$' ? "set \"trust_env\": true in "
		"your config" : "trust the project in your config";
	struct ruleset *scratch = NULL;
	size_t i;
	int error;

	if ((error = ruleset_new(&scratch, d)) < 0)
		return error;
	if ((error = ruleset_load_dir(scratch, dir, d)) < 0) {
		ruleset_free(scratch);
		return diag_set(d, error, "config '%s': %s", file, d->msg);
	}
	for (i = 0; i < ruleset_count(scratch); i++) {
		const char *id = rule_id(ruleset_at(scratch, i));

		if (ruleset_find(r->set, id)) {
			warn(r, "%s: rule pack directory '%s' ignored: rule "
			     "'%s' already exists, and %s may only add rules "
			     "(%s to allow it)", file, dir, id, who, how);
			ruleset_free(scratch);
			return 0;
		}
	}
	ruleset_free(scratch);
	if ((error = ruleset_load_dir(r->set, dir, d)) < 0)
		return diag_set(d, error, "config '%s': %s", file, d->msg);
	return 0;
}

static int apply_rule_dirs(struct run *r, const struct jv *v, const char *file,
			   const char *base, enum level lv, struct diag *d)
{
	const struct jv *c;
	char real[PATH_MAX], realbase[PATH_MAX];
	int error = 0;

	if (!string_array(v))
		return diag_set(d, CV_EINVAL, "config '%s': \"rule_dirs\" must "
				"be an array of directory names", file);
	for (c = v->child; c && !error; c = c->next) {
		struct buf p = BUF_INIT;

		if ((error = resolve_path(&p, r, base, c->s)) < 0) {
			error = diag_set(d, error, "out of memory");
			break;
		}
		if (lv != LEVEL_PROJECT) {
			if ((error = ruleset_load_dir(r->set, p.data, d)) < 0)
				error = diag_set(d, error, "config '%s': %s",
						 file, d->msg);
		} else if (!realpath(p.data, real) ||
			   !realpath(base, realbase) ||
			   !path_inside(real, realbase)) {
			warn(r, "%s: rule_dirs '%s' ignored: a project's packs "
			     "must be inside the project", file,
			     c->s);
		} else {
			error = load_addonly_dir(r, file, real, d);
		}
		buf_release(&p);
	}
	return error;
}

static int apply_disable(struct run *r, const struct jv *v, const char *file,
			 enum level lv, struct diag *d)
{
	const struct jv *c;
	int error;

	if (!string_array(v))
		return diag_set(d, CV_EINVAL, "config '%s': \"disable\" must "
				"be an array of rule ids", file);
	for (c = v->child; c; c = c->next) {
		if (lv == LEVEL_PROJECT) {
			warn(r, "%s: ignored \"disable\": \"%s\": a project "
			     "cannot switch rules off", file, c->s);
			continue;
		}
		error = ruleset_disable(r->set, c->s, d);
		if (error == CV_ENOTFOUND)
			warn(r, "%s: \"disable\": no rule '%s'", file,
			     c->s);
		else if (error < 0)
			return error;
	}
	return 0;
}

static int parse_decision(enum decision *out, const char *s)
{
	if (!strcmp(s, "deny"))
		*out = DECISION_DENY;
	else if (!strcmp(s, "ask"))
		*out = DECISION_ASK;
	else if (!strcmp(s, "off"))
		*out = DECISION_NONE;
	else
		return -1;
	return 0;
}

static int apply_decisions(struct run *r, const struct jv *v, const char *file,
			   enum level lv, struct diag *d)
{
	const struct jv *c;
	int error;

	if (!jv_is(v, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "config '%s': \"decisions\" must "
				"be an object: {\"rule.id\": \"deny\"|\"ask\"|"
				"\"off\"}", file);
	for (c = v->child; c; c = c->next) {
		const struct rule *rule = ruleset_find(r->set, c->key);
		enum decision dec;

		if (!jv_is(c, JV_STRING) ||
		    parse_decision(&dec, c->s) < 0)
			return diag_set(d, CV_EINVAL, "config '%s': decision "
					"for '%s' must be \"deny\", \"ask\" or "
					"\"off\"", file, c->key);
		if (!rule) {
			warn(r, "%s: \"decisions\": no rule '%s'", file,
			     c->key);
			continue;
		}
		if (lv == LEVEL_PROJECT &&
		    (!rule_enabled(rule) || dec < rule_decision(rule) ||
		     dec == DECISION_NONE)) {
			warn(r, "%s: ignored \"decisions\": \"%s\": \"%s\": a "
			     "project may only make an enabled rule stricter",
			     file, c->key, c->s);
			continue;
		}
		if ((error = ruleset_set_decision(r->set, c->key, dec,
						  d)) < 0)
			return error;
	}
	return 0;
}

static void free_branches(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nbranches; i++)
		free(r->branches[i]);
	free(r->branches);
	r->branches = NULL;
	r->nbranches = 0;
}

static int push_branch(struct run *r, const char *b)
{
	char **nb;
	size_t i;

	for (i = 0; i < r->nbranches; i++)
		if (!strcmp(r->branches[i], b))
			return 0;
	nb = realloc(r->branches, (r->nbranches + 1) * sizeof(*nb));
	if (!nb)
		return CV_ENOMEM;
	r->branches = nb;
	if (!(nb[r->nbranches] = strdup(b)))
		return CV_ENOMEM;
	r->nbranches++;
	return 0;
}

static int apply_branches(struct run *r, const struct jv *v, const char *file,
			  enum level lv, struct diag *d)
{
	const struct jv *c;
	size_t i;

	if (!string_array(v))
		return diag_set(d, CV_EINVAL, "config '%s': "
				"\"protected_branches\" must be an array of "
				"branch globs", file);
	if (lv != LEVEL_PROJECT) {
		free_branches(r);	/* the user's list replaces */
	} else if (!r->branches_set) {
		/* A project adds to the defaults, never replaces them. */
		for (i = 0; i < 3; i++)
			if (push_branch(r, default_branches[i]) < 0)
				return diag_set(d, CV_ENOMEM, "out of memory");
	}
	r->branches_set = true;
	for (c = v->child; c; c = c->next)
		if (push_branch(r, c->s) < 0)
			return diag_set(d, CV_ENOMEM, "out of memory");
	return ruleset_set_protected_branches(r->set,
		(const char *const *)r->branches, r->nbranches, d);
}

static int add_exception(struct ruleset *set, const char *file,
			 const struct jv *e, struct diag *d)
{
	const char *rule = jv_get_string(e, "rule");
	const char *cmd = jv_get_string(e, "command");
	const char *path = jv_get_string(e, "path");

	if (!rule || !!cmd == !!path)
		return diag_set(d, CV_EINVAL, "config '%s': an exception needs "
				"\"rule\" and exactly one of \"command\" "
				"(regex) or \"path\" (glob)", file);
	return ruleset_add_exception(set, rule, cmd, path, file, d);
}

static int apply_exceptions(struct run *r, const struct jv *v, const char *file,
			    enum level lv, struct diag *d)
{
	const struct jv *c;
	int error;

	if (!jv_is(v, JV_ARRAY))
		return diag_set(d, CV_EINVAL, "config '%s': \"exceptions\" "
				"must be an array of objects", file);
	if (lv == LEVEL_PROJECT) {
		warn(r, "%s: ignored \"exceptions\": a project cannot exempt "
		     "commands from rules", file);
		return 0;
	}
	for (c = v->child; c; c = c->next) {
		if (!jv_is(c, JV_OBJECT))
			return diag_set(d, CV_EINVAL, "config '%s': "
					"\"exceptions\" must be an array of "
					"objects", file);
		if ((error = add_exception(r->set, file, c, d)) < 0)
			return error;
		if (!ruleset_find(r->set, jv_get_string(c, "rule")))
			warn(r, "%s: exception for unknown rule '%s'", file,
			     jv_get_string(c, "rule"));
	}
	return 0;
}

static int apply_log(struct run *r, const struct jv *v, const char *file,
		     enum level lv, struct diag *d)
{
	const struct jv *e, *a, *m;

	if (!jv_is(v, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "config '%s': \"log\" must be an "
				"object", file);
	if (lv == LEVEL_PROJECT) {
		warn(r, "%s: ignored \"log\": only your own config sets "
		     "logging", file);
		return 0;
	}
	e = jv_get(v, "enabled");
	a = jv_get(v, "all_calls");
	m = jv_get(v, "max_bytes");
	if ((e && !jv_is_bool(e)) || (a && !jv_is_bool(a)) ||
	    (m && (!jv_is(m, JV_NUMBER) || m->num < 4096 ||
		   m->num > 1e12)))
		return diag_set(d, CV_EINVAL, "config '%s': \"log\" takes "
				"\"enabled\" and \"all_calls\" (true/false) and "
				"\"max_bytes\" (4096 or more)", file);
	if (e)
		log_settings.enabled = jv_is(e, JV_TRUE);
	if (a)
		log_settings.all_calls = jv_is(a, JV_TRUE);
	if (m)
		log_settings.max_bytes = (unsigned long long)m->num;
	return 0;
}

/* "post": {"redact": BOOL, "inject": BOOL, "tools": {"NAME": BOOL},
 * "kinds": {"KIND": BOOL}}.  Everything is on by default, so only false changes anything,
 * and only the user's own (or a trusted project's) config may say it. */
static int apply_post(struct run *r, const struct jv *v, const char *file,
		      enum level lv, struct diag *d)
{
	const struct jv *red, *inj, *tools, *kinds, *c;
	unsigned k;

	if (!jv_is(v, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "config '%s': \"post\" must be "
				"an object", file);
	red = jv_get(v, "redact");
	inj = jv_get(v, "inject");
	tools = jv_get(v, "tools");
	kinds = jv_get(v, "kinds");
	if ((red && !jv_is_bool(red)) || (inj && !jv_is_bool(inj)) ||
	    (tools && !jv_is(tools, JV_OBJECT)) ||
	    (kinds && !jv_is(kinds, JV_OBJECT)))
		return diag_set(d, CV_EINVAL, "config '%s': \"post\" takes "
				"\"redact\" and \"inject\" (true/false), "
				"\"tools\" and "
				"\"kinds\" (objects of true/false)", file);
	for (c = tools ? tools->child : NULL; c; c = c->next)
		if (!jv_is_bool(c) || strlen(c->key) >= CONFIG_POST_NAME)
			return diag_set(d, CV_EINVAL, "config '%s': "
					"\"post.tools.%s\" must be true or "
					"false (a tool name under %d bytes)",
					file, c->key, CONFIG_POST_NAME);
	for (c = kinds ? kinds->child : NULL; c; c = c->next) {
		for (k = 0; redact_kind_name(k); k++)
			if (!strcmp(c->key, redact_kind_name(k)))
				break;
		if (!jv_is_bool(c) || !redact_kind_name(k))
			return diag_set(d, CV_EINVAL, "config '%s': "
					"\"post.kinds.%s\": not a kind of "
					"secret, or not true/false (the kinds: "
					"docs/post-tool.md)", file, c->key);
	}
	if (lv == LEVEL_PROJECT) {
		warn(r, "%s: ignored \"post\": only your own config can turn "
		     "redaction off", file);
		return 0;
	}
	if (red)
		post_settings.redact = jv_is(red, JV_TRUE);
	if (inj)
		post_settings.inject = jv_is(inj, JV_TRUE);
	for (c = tools ? tools->child : NULL; c; c = c->next) {
		if (jv_is(c, JV_TRUE))
			continue;
		if (post_settings.n_off_tools == CONFIG_POST_TOOLS)
			return diag_set(d, CV_EINVAL, "config '%s': more than "
					"%d tools in \"post.tools\"", file,
					CONFIG_POST_TOOLS);
		strcpy(post_settings.off_tools[post_settings.n_off_tools++],
		       c->key);
	}
	for (c = kinds ? kinds->child : NULL; c; c = c->next)
		for (k = 0; redact_kind_name(k); k++)
			if (!strcmp(c->key, redact_kind_name(k)) &&
			    jv_is(c, JV_FALSE))
				post_settings.kinds_off |= (uint64_t)1 << k;
	return 0;
}

static const char *const known_keys[] = {
	"$schema", "comment", "rule_dirs", "disable", "decisions",
	"protected_branches", "exceptions", "log", "trust_projects",
	"trust_env", "post", NULL,
};

static int apply_tree(struct run *r, const struct jv *root, const char *file,
		      const char *base, enum level lv, struct diag *d)
{
	const struct jv *v, *c;
	size_t i;
	int error = 0;

	if (!jv_is(root, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "config '%s' is not a JSON "
				"object", file);
	for (c = root->child; c; c = c->next) {
		for (i = 0; known_keys[i]; i++)
			if (!strcmp(c->key, known_keys[i]))
				break;
		if (!known_keys[i])
			warn(r, "%s: unknown key \"%s\" ignored", file,
			     c->key);
	}
	/* Packs first, so the other keys can name their rules. */
	if ((v = jv_get(root, "rule_dirs")) &&
	    (error = apply_rule_dirs(r, v, file, base, lv, d)) < 0)
		return error;
	if ((v = jv_get(root, "disable")) &&
	    (error = apply_disable(r, v, file, lv, d)) < 0)
		return error;
	if ((v = jv_get(root, "decisions")) &&
	    (error = apply_decisions(r, v, file, lv, d)) < 0)
		return error;
	if ((v = jv_get(root, "protected_branches")) &&
	    (error = apply_branches(r, v, file, lv, d)) < 0)
		return error;
	if ((v = jv_get(root, "exceptions")) &&
	    (error = apply_exceptions(r, v, file, lv, d)) < 0)
		return error;
	if ((v = jv_get(root, "log")) &&
	    (error = apply_log(r, v, file, lv, d)) < 0)
		return error;
	if ((v = jv_get(root, "post")) &&
	    (error = apply_post(r, v, file, lv, d)) < 0)
		return error;
	v = jv_get(root, "trust_projects");
	if (v && lv != LEVEL_USER)
		warn(r, "%s: ignored \"trust_projects\": only your own config "
		     "can trust a project", file);
	else if (v && !string_array(v))
		return diag_set(d, CV_EINVAL, "config '%s': \"trust_projects\" "
				"must be an array of directories", file);
	v = jv_get(root, "trust_env");
	if (v && lv != LEVEL_USER)
		warn(r, "%s: ignored \"trust_env\": only your own config can "
		     "trust the environment", file);
	else if (v && !jv_is_bool(v))
		return diag_set(d, CV_EINVAL, "config '%s': \"trust_env\" "
				"must be true or false", file);
	return 0;
}

/* Reads and parses one config file; *root stays NULL when it does not
 * exist. */
static int read_config(struct jv **root, struct arena *a, const char *file,
		       struct diag *d)
{
	struct buf b = BUF_INIT;
	int error;

	*root = NULL;
	/* Non-blocking, regular files only: a FIFO planted here must make
	 * every call a prompt deny, not a wait for the watchdog. */
	error = safefile_read(&b, file, CV_MAX_CONFIG_BYTES, 0, d);
	if (error == CV_ENOTFOUND) {
		buf_release(&b);
		return 0;
	}
	if (error < 0)
		error = diag_set(d, error, "config '%s' %s; fix or remove it "
				 "(every call is denied until then)", file,
				 d->msg);
	else if ((error = jv_parse_copy(root, a, b.data, b.len, 0, d)) < 0) {
		char why[CV_DIAG_MAX];

		/* d->msg cannot be both source and destination. */
		snprintf(why, sizeof(why), "%s", d->msg);
		error = diag_set(d, error, "config '%s' is not valid JSON: %s; "
				 "fix or remove it (every call is denied until "
				 "then)", file, why);
	}
	buf_release(&b);
	return error;
}

static bool trusted(const struct run *r, const char *dir)
{
	char a[PATH_MAX], b[PATH_MAX];
	const struct jv *c;

	if (!r->trust || !realpath(dir, a))
		return false;
	for (c = r->trust->child; c; c = c->next) {
		struct buf p = BUF_INIT;
		bool same;

		if (resolve_path(&p, r, "/", c->s) < 0)
			return false;
		same = realpath(p.data, b) && !strcmp(a, b);
		buf_release(&p);
		if (same)
			return true;
	}
	return false;
}

/* Finds .ccveto.json from cwd upwards, below $HOME (or below / outside
 * it).  dir receives the directory that holds it. */
static int find_project(struct buf *file, struct buf *dir, const char *cwd,
			const char *home)
{
	size_t n = strlen(cwd);

	if (cwd[0] != '/')
		return CV_ENOTFOUND;
	while (n > 1 && cwd[n - 1] == '/')
		n--;
	for (;;) {
		if (n <= 1 || (home && strlen(home) == n &&
			       !strncmp(cwd, home, n)))
			return CV_ENOTFOUND;
		buf_release(file);
		if (buf_printf(file, "%.*s/.ccveto.json", (int)n, cwd) < 0)
			return CV_ENOMEM;
		if (access(file->data, F_OK) == 0) {
			buf_release(dir);
			return buf_put(dir, cwd, n);
		}
		while (n > 1 && cwd[n - 1] != '/')
			n--;
		while (n > 1 && cwd[n - 1] == '/')
			n--;
	}
}

/* The user's config is in the passwd home, wherever the environment
 * points: see the invariants at the top. */
static int user_config_path(struct buf *out, const char *home)
{
	if (!home)
		return CV_ENOTFOUND;
	return buf_printf(out, "%s/.config/ccveto/config.json", home);
}

/* $XDG_CONFIG_HOME/ccveto/config.json when that is another file than
 * `ufile` (empty when it is unset, relative or the same). */
static int env_config_path(struct buf *out, const char *ufile)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");

	if (!xdg || xdg[0] != '/')
		return 0;
	if (buf_printf(out, "%s/ccveto/config.json", xdg) < 0)
		return CV_ENOMEM;
	if (ufile && !strcmp(out->data, ufile))
		buf_release(out);
	return 0;
}

/* A config at file, read and applied at level lv (a missing file is
 * nothing). */
static int apply_file(struct run *r, struct arena *trees, const char *file,
		      enum level lv, struct diag *d)
{
	struct buf dir = BUF_INIT;
	struct jv *root = NULL;
	const char *slash = strrchr(file, '/');
	int error;

	if ((error = read_config(&root, trees, file, d)) < 0 || !root)
		return error;
	if ((error = buf_put(&dir, file, (size_t)(slash - file))) == 0)
		error = apply_tree(r, root, file, dir.data, lv, d);
	buf_release(&dir);
	return error;
}

int config_apply(struct ruleset *set, const struct config_opts *opts,
		 struct diag *d)
{
	struct buf ufile = BUF_INIT, pfile = BUF_INIT, pdir = BUF_INIT,
		   udir = BUF_INIT, efile = BUF_INIT;
	struct jv *user = NULL, *proj = NULL;
	const char *env_rules = getenv("CCVETO_RULES_DIR");
	struct arena trees;		/* both files' trees, read once */
	struct run r = { 0 };
	const char *rules_dir = opts->rules_dir;
	int error = 0;

	log_settings.enabled = true;
	log_settings.all_calls = false;
	log_settings.max_bytes = CV_LOG_DEFAULT_MAX_BYTES;
	memset(&post_settings, 0, sizeof(post_settings));
	post_settings.redact = true;
	post_settings.inject = true;
	trust_env = false;
	arena_init(&trees);
	r.set = set;
	r.opts = opts;
	r.home = userhome();
	if (env_rules && !*env_rules)
		env_rules = NULL;
	/* --rules-dir is the user's own command line: full power. */
	if (rules_dir && *rules_dir &&
	    (error = ruleset_load_dir(set, rules_dir, d)) < 0)
		goto done;
	if (!opts->no_user_config && user_config_path(&ufile, r.home) == 0) {
		const char *slash;

		if ((error = read_config(&user, &trees, ufile.data, d)) < 0)
			goto done;
		slash = strrchr(ufile.data, '/');
		if ((error = buf_put(&udir, ufile.data,
				     (size_t)(slash - ufile.data))) < 0)
			goto done;
		trust_env = user && jv_is(jv_get(user, "trust_env"), JV_TRUE);
	}
	/* A trusted environment's pack loads before the user's config, so
	 * that config can name its rules (as it always could). */
	if (trust_env && env_rules &&
	    (error = ruleset_load_dir(set, env_rules, d)) < 0)
		goto done;
	if (user) {
		r.trust = jv_get(user, "trust_projects");
		if ((error = apply_tree(&r, user, ufile.data, udir.data,
					LEVEL_USER, d)) < 0)
			goto done;
	}
	if ((error = env_config_path(&efile, ufile.data)) < 0)
		goto done;
	if (efile.len && trust_env) {
		if ((error = apply_file(&r, &trees, efile.data, LEVEL_USER,
					d)) < 0)
			goto done;
	} else if (efile.len && access(efile.data, F_OK) == 0) {
		warn(&r, "%s ignored: $XDG_CONFIG_HOME cannot choose your "
		     "config, which is %s (set \"trust_env\": true there to "
		     "read both)", efile.data,
		     ufile.len ? ufile.data : "unknown: no passwd entry");
	}
	/* An untrusted environment's pack may only add rules. */
	if (!trust_env && env_rules &&
	    (error = load_addonly_dir(&r, "$CCVETO_RULES_DIR", env_rules,
				      d)) < 0)
		goto done;
	if (opts->cwd && find_project(&pfile, &pdir, opts->cwd, r.home) == 0) {
		enum level lv;

		if ((error = read_config(&proj, &trees, pfile.data, d)) < 0)
			goto done;
		lv = trusted(&r, pdir.data) ? LEVEL_TRUSTED : LEVEL_PROJECT;
		if (proj && (error = apply_tree(&r, proj, pfile.data,
						pdir.data, lv, d)) < 0)
			goto done;
	}
done:
	if (error == CV_ENOMEM)
		diag_set(d, error, "out of memory");
	free_branches(&r);
	arena_release(&trees);
	buf_release(&ufile);
	buf_release(&udir);
	buf_release(&efile);
	buf_release(&pfile);
	buf_release(&pdir);
	return error;
}
