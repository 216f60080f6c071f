/* shell_db.c - the statements a database client runs, found on every
 * channel it reads them from, and judged by the lexers in dbq.c: options
 * (`psql -c`, `--command=`, `mysql -e`/`-eSQL`/`--execute=`,
 * `clickhouse-client -q`, `mongosh --eval`, `cqlsh -e`), operands
 * (`sqlite3 DB 'SQL'`, `redis-cli CMD ARGS`, `bq query 'SQL'`), stdin
 * (here-docs, here-strings, `echo ... | psql`, through shi_code), files
 * written earlier in the call (`-f FILE`, `< FILE`, psql `\i`), and the
 * client inside `docker exec` / `kubectl exec`.  What the statements do
 * is subject->db_ops; shell commands the client runs (`\!`, `\o |cmd`)
 * are parsed as shell with the client in `via`.
 * Knowledge is data: one row per client in `clients[]`.
 * Security invariant: a file of statements the call wrote with unknown
 * content (a download) is DBQ_UNKNOWN (ask), never nothing. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/diag.h"
#include "shell/dbq.h"
#include "shell/shell_int.h"

enum dbpos {
	P_NONE,		/* operands are a database, host or DSN */
	P_SQL,		/* sqlite3 DB SQL...: operands after the first */
	P_REDIS,	/* redis-cli CMD ARGS: the operands are the command */
	P_MONGO,	/* mongosh [DB] [FILE.js ...] */
	P_BQ,		/* bq query SQL */
	P_SUB,		/* clickhouse client|local, cockroach sql: skip one */
};

/* One client.  Names and short option sets are stored in the row and
 * long option lists as offsets into `lists` (packed "a\0b\0"): the table
 * holds no pointer, so the static hook relocates nothing for it at
 * start-up. */
struct dbclient {
	char prog[18];
	unsigned char lang;	/* enum dbq_lang */
	unsigned char pos;	/* enum dbpos */
	bool dash_long;		/* -cmd, -execute: no short clusters */
	char vshort[14];	/* short options taking a value */
	char ashort[4];		/* short options taking an attached value
				 * only (mysql -pSECRET) */
	char qshort[4];		/* short options whose value is statements */
	char fshort[4];		/* ... a file of statements */
	unsigned short vlong;	/* long options taking a value */
	unsigned short qlong;	/* ... whose value is statements */
	unsigned short flong;	/* ... a file of statements */
};

static const struct optlists {
	char none[1];
	char psql_v[129];
	char psql_q[11];
	char file_l[8];
	char mysql_v[257];
	char mysql_q[26];
	char exec_q[11];
	char sqlite_v[139];
	char sqlite_q[12];
	char sqlite_f[14];
	char duckdb_q[18];
	char ch_v[75];
	char ch_q[9];
	char ch_f[16];
	char cql_v[104];
	char crdb_v[66];
	char usql_q[11];
	char snow_v[93];
	char snow_q[9];
	char snow_f[12];
	char trino_v[62];
	char influx_v[62];
	char influx_q[20];
	char redis_v[223];
	char redis_f[8];
	char mongo_v[137];
	char mongo_q[8];
} lists = {
	"",
	"--dbname\0" "--host\0" "--port\0" "--username\0" "--variable\0"
	"--set\0" "--output\0" "--log-file\0" "--table-attr\0" "--pset\0"
	"--field-separator\0" "--record-separator\0",
	"--command\0",
	"--file\0",
	"--host\0" "--port\0" "--database\0" "--socket\0" "--user\0"
	"--defaults-file\0" "--defaults-extra-file\0" "--protocol\0"
	"--default-character-set\0" "--login-path\0" "--ssl-ca\0"
	"--ssl-cert\0" "--ssl-key\0" "--ssl-mode\0" "--tee\0" "--prompt\0"
	"--delimiter\0" "--connect-timeout\0" "--plugin-dir\0"
	"--default-auth\0" "--bind-address\0",
	"--execute\0" "--init-command\0",
	"--execute\0",
	"-separator\0" "--separator\0" "-nullvalue\0" "--nullvalue\0"
	"-newline\0" "--newline\0" "-vfs\0" "--vfs\0" "-maxsize\0"
	"--maxsize\0" "-mmap\0" "--mmap\0" "-heap\0" "--heap\0" "-escape\0"
	"--escape\0",
	"-cmd\0" "--cmd\0",
	"-init\0" "--init\0",
	"-c\0" "-s\0" "-cmd\0" "--cmd\0",
	"--host\0" "--port\0" "--user\0" "--password\0" "--database\0"
	"--format\0" "--config-file\0" "--param\0",
	"--query\0",
	"--queries-file\0",
	"--username\0" "--password\0" "--keyspace\0" "--cqlversion\0"
	"--request-timeout\0" "--connect-timeout\0" "--encoding\0"
	"--cqlshrc\0",
	"--url\0" "--host\0" "--port\0" "--user\0" "--database\0"
	"--certs-dir\0" "--format\0" "--set\0",
	"--command\0",
	"--accountname\0" "--username\0" "--dbname\0" "--schemaname\0"
	"--warehouse\0" "--rolename\0" "--connection\0" "--config\0",
	"--query\0",
	"--filename\0",
	"--server\0" "--catalog\0" "--schema\0" "--user\0" "--session\0"
	"--output-format\0",
	"-database\0" "-host\0" "-username\0" "-password\0" "-format\0"
	"-precision\0" "-port\0",
	"-execute\0" "--execute\0",
	"--user\0" "--pass\0" "--sni\0" "--cacert\0" "--cacertdir\0"
	"--tls-ciphers\0" "--tls-ciphersuites\0" "--cert\0" "--key\0"
	"--show-pushes\0" "--rdb\0" "--functions-rdb\0" "--pipe-timeout\0"
	"--memkeys-samples\0" "--pattern\0" "--quoted-pattern\0" "--count\0"
	"--intrinsic-latency\0" "--lru-test\0",
	"--eval\0",
	"--host\0" "--port\0" "--username\0" "--password\0"
	"--authenticationDatabase\0" "--authenticationMechanism\0"
	"--apiVersion\0" "--tlsCAFile\0" "--tlsCertificateKeyFile\0",
	"--eval\0",
};

#define L(x) ((unsigned short)offsetof(struct optlists, x))
#define NO L(none)

/* Sorted by name: client_of() searches it in halves. */
static const struct dbclient clients[] = {
	{ "bq", DBQ_SQL, P_BQ, false, "", "", "", "",
	  NO, NO, NO },
	{ "clickhouse", DBQ_SQL, P_SUB, false, "hudf", "", "q", "",
	  L(ch_v), L(ch_q), L(ch_f) },
	{ "clickhouse-client", DBQ_SQL, P_NONE, false, "hudf", "", "q", "",
	  L(ch_v), L(ch_q), L(ch_f) },
	{ "cockroach", DBQ_PSQL, P_SUB, false, "d", "", "e", "f",
	  L(crdb_v), L(exec_q), L(file_l) },
	{ "cqlsh", DBQ_CQL, P_NONE, false, "ukp", "", "e", "f",
	  L(cql_v), L(exec_q), L(file_l) },
	{ "duckdb", DBQ_SQL, P_SQL, true, "", "", "", "",
	  L(sqlite_v), L(duckdb_q), L(sqlite_f) },
	{ "influx", DBQ_SQL, P_NONE, true, "", "", "", "",
	  L(influx_v), L(influx_q), NO },
	{ "keydb-cli", DBQ_REDIS, P_REDIS, false, "hpsaunridDtX", "", "", "",
	  L(redis_v), NO, L(redis_f) },
	{ "litecli", DBQ_SQLITE, P_NONE, false, "D", "", "e", "",
	  NO, L(exec_q), NO },
	{ "mariadb", DBQ_MYSQL, P_NONE, false, "hPDSu", "p#", "e", "",
	  L(mysql_v), L(mysql_q), NO },
	{ "mongo", DBQ_MONGO, P_MONGO, false, "up", "", "", "f",
	  L(mongo_v), L(mongo_q), L(file_l) },
	{ "mongosh", DBQ_MONGO, P_MONGO, false, "up", "", "", "f",
	  L(mongo_v), L(mongo_q), L(file_l) },
	{ "mycli", DBQ_MYSQL, P_NONE, false, "hPDSuR", "p", "e", "",
	  L(mysql_v), L(exec_q), NO },
	{ "mysql", DBQ_MYSQL, P_NONE, false, "hPDSu", "p#", "e", "",
	  L(mysql_v), L(mysql_q), NO },
	{ "mysqlsh", DBQ_MYSQL, P_NONE, false, "hPDSu", "p", "e", "f",
	  L(mysql_v), L(exec_q), L(file_l) },
	{ "pgcli", DBQ_PSQL, P_NONE, false, "hpUdD", "", "", "",
	  L(psql_v), NO, NO },
	{ "presto", DBQ_SQL, P_NONE, false, "", "", "", "f",
	  L(trino_v), L(exec_q), L(file_l) },
	{ "psql", DBQ_PSQL, P_NONE, false, "dhpUvoLTPFR", "", "c", "f",
	  L(psql_v), L(psql_q), L(file_l) },
	{ "redis-cli", DBQ_REDIS, P_REDIS, false, "hpsaunridDtX", "", "", "",
	  L(redis_v), NO, L(redis_f) },
	{ "snowsql", DBQ_SQL, P_NONE, false, "audswrco", "", "q", "f",
	  L(snow_v), L(snow_q), L(snow_f) },
	{ "spanner-cli", DBQ_SQL, P_NONE, false, "pid", "", "e", "f",
	  NO, L(exec_q), L(file_l) },
	{ "sqlcmd", DBQ_SQL, P_NONE, false, "SUPdoHlvWs", "", "Qq", "i",
	  NO, NO, NO },
	{ "sqlite", DBQ_SQLITE, P_SQL, true, "", "", "", "",
	  L(sqlite_v), L(sqlite_q), L(sqlite_f) },
	{ "sqlite3", DBQ_SQLITE, P_SQL, true, "", "", "", "",
	  L(sqlite_v), L(sqlite_q), L(sqlite_f) },
	{ "trino", DBQ_SQL, P_NONE, false, "", "", "", "f",
	  L(trino_v), L(exec_q), L(file_l) },
	{ "usql", DBQ_SQL, P_NONE, false, "o", "", "c", "f",
	  NO, L(usql_q), L(file_l) },
	{ "valkey-cli", DBQ_REDIS, P_REDIS, false, "hpsaunridDtX", "", "", "",
	  L(redis_v), NO, L(redis_f) },
};

static int cmp_client(const void *k, const void *e)
{
	return strcmp(k, ((const struct dbclient *)e)->prog);
}

/* The first letters of the names in clients[] (bit c - 'a'): most
 * programs are told apart without a search. */
#define CLIENT_INITIALS 0x3e9d0eu

static const struct dbclient *client_of(const char *prog)
{
	if (!prog || prog[0] < 'a' || prog[0] > 'z' ||
	    !(CLIENT_INITIALS & (1u << (prog[0] - 'a'))))
		return NULL;
	return bsearch(prog, clients, sizeof(clients) / sizeof(clients[0]),
		       sizeof(clients[0]), cmp_client);
}

static bool in_list(unsigned short off, const char *x, size_t n)
{
	const char *l = (const char *)&lists + off;

	if (!off)
		return false;
	for (; *l; l += strlen(l) + 1)
		if (strlen(l) == n && !strncmp(l, x, n))
			return true;
	return false;
}

/* ---- what the statements do ---- */

struct dbctx {
	struct sh_src *p;
	struct subject *s;
};

static int on_shell(void *arg, const char *cmd, size_t n)
{
	struct dbctx *c = arg;
	struct sh_src *p = c->p;
	struct arena *a = p->g->a;
	struct strlist via = { NULL, 0, 0 };
	const char *text;
	size_t k;

	for (k = 0; k < c->s->via.n; k++)
		if (strlist_push(&via, a, c->s->via.v[k]) < 0)
			return diag_set(p->g->d, CV_ENOMEM, "out of memory");
	if (sh_push_unique(&via, a, c->s->program) < 0 ||
	    !(text = arena_strndup(a, cmd, n)))
		return diag_set(p->g->d, CV_ENOMEM, "out of memory");
	return shp_parse_sub(p, text, n, &via, &c->s->input_from);
}

static int on_include(void *arg, const char *path, size_t n,
		      const char **text, bool *unknown)
{
	struct dbctx *c = arg;
	const char *name = arena_strndup(c->p->g->a, path, n);

	if (!name)
		return diag_set(c->p->g->d, CV_ENOMEM, "out of memory");
	return shf_text(c->p, name, text, unknown);
}

static int record(struct sh_src *p, struct subject *s,
		  const struct dbq_result *r)
{
	s->db_ops |= r->ops;
	if (!s->db_what && r->what) {
		s->db_what = arena_strndup(p->g->a, r->what, r->what_len);
		if (!s->db_what)
			return diag_set(p->g->d, CV_ENOMEM, "out of memory");
	}
	return 0;
}

static int judge_text(struct sh_src *p, struct subject *s, enum dbq_lang lang,
		      const char *text)
{
	struct dbctx c = { p, s };
	struct dbq_hooks h = { &c, on_shell, on_include };
	struct dbq_result r;
	int error;

	memset(&r, 0, sizeof(r));
	if ((error = dbq_scan(&r, p->g->a, lang, text, strlen(text), &h)) < 0)
		return error == CV_ENOMEM ?
		       diag_set(p->g->d, CV_ENOMEM, "out of memory") : error;
	return record(p, s, &r);
}

/* A file of statements: judged when the call wrote it. */
static int judge_file(struct sh_src *p, struct subject *s, enum dbq_lang lang,
		      const char *path, bool lua)
{
	const char *text = NULL;
	bool unknown = false;
	int error;

	if ((error = shf_text(p, path, &text, &unknown)) < 0)
		return error;
	if (unknown) {
		struct dbq_result r = { 1u << DBQ_UNKNOWN, path, strlen(path) };

		return record(p, s, &r);
	}
	if (!text)
		return 0;
	if (lua) {
		const char *argv[2] = { "EVAL", text };
		struct dbq_result r;

		memset(&r, 0, sizeof(r));
		dbq_redis_argv(&r, argv, 2);
		return record(p, s, &r);
	}
	return judge_text(p, s, lang, text);
}

/* ---- reading a client's argv ---- */

struct dbargs {
	bool statements;	/* given as options, operands or files */
	size_t first_op;	/* index of the first operand */
	size_t nops;
};

static int judge_argv(struct sh_src *p, struct subject *s,
		      const struct dbclient *c, const char *const *v, size_t n,
		      struct dbargs *out)
{
	size_t i, ops = 0, k;
	bool opts = true;
	int error = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n && error >= 0; i++) {
		const char *x = v[i], *val = NULL, *eq;
		size_t nl;
		int kind = 0;	/* 1 statements, 2 file */

		if (opts && !strcmp(x, "--")) {
			opts = false;
			continue;
		}
		if (opts && x[0] == '-' && x[1] &&
		    (x[1] == '-' || c->dash_long)) {
			eq = strchr(x, '=');
			nl = eq ? (size_t)(eq - x) : strlen(x);
			if (in_list(c->qlong, x, nl))
				kind = 1;
			else if (in_list(c->flong, x, nl))
				kind = 2;
			if (kind) {
				val = eq ? eq + 1 : i + 1 < n ? v[++i] : NULL;
			} else if (!eq && in_list(c->vlong, x, nl)) {
				i++;
				continue;
			} else if (c->lang == DBQ_REDIS && !strcmp(x,
								"--cluster")) {
				/* --cluster call HOST CMD ARGS: every node */
				if (i + 2 < n && !strcmp(v[i + 1], "call")) {
					struct dbq_result r;

					memset(&r, 0, sizeof(r));
					dbq_redis_argv(&r, v + i + 3,
						       n - i - 3);
					out->statements = true;
					return record(p, s, &r);
				}
				return 0;
			} else if (c->lang == DBQ_PSQL && eq &&
				   !strncmp(x, "--output", nl) &&
				   eq[1] == '|') {
				struct dbctx ctx = { p, s };
				struct dbq_result r = {
					1u << DBQ_SHELL_ESCAPE, x, strlen(x)
				};

				if ((error = on_shell(&ctx, eq + 2,
						      strlen(eq + 2))) < 0 ||
				    (error = record(p, s, &r)) < 0)
					return error;
				continue;
			} else {
				continue;
			}
		} else if (opts && x[0] == '-' && x[1]) {
			for (k = 1; x[k]; k++) {
				if (strchr(c->qshort, x[k]))
					kind = 1;
				else if (strchr(c->fshort, x[k]))
					kind = 2;
				else if (strchr(c->ashort, x[k]))
					break;
				if (kind || strchr(c->vshort, x[k])) {
					val = x[k + 1] ? x + k + 1 :
					      i + 1 < n ? v[++i] : NULL;
					break;
				}
			}
			if (c->lang == DBQ_PSQL && !kind && val &&
			    x[k] == 'o' && val[0] == '|') {
				struct dbctx ctx = { p, s };
				struct dbq_result r = {
					1u << DBQ_SHELL_ESCAPE, val,
					strlen(val)
				};

				if ((error = on_shell(&ctx, val + 1,
						      strlen(val + 1))) < 0 ||
				    (error = record(p, s, &r)) < 0)
					return error;
			}
			if (!kind)
				continue;
		} else {
			/* an operand */
			if (ops++ == 0)
				out->first_op = i;
			out->nops++;
			switch (c->pos) {
			case P_SQL:
				if (ops > 1) {
					out->statements = true;
					error = judge_text(p, s, c->lang, x);
				}
				break;
			case P_REDIS: {
				struct dbq_result r;

				memset(&r, 0, sizeof(r));
				dbq_redis_argv(&r, v + i, n - i);
				/* DEL of keys another command listed:
				 * `... --scan | xargs redis-cli del` */
				if ((!strcasecmp(x, "DEL") ||
				     !strcasecmp(x, "UNLINK")) &&
				    strlist_has(&s->via, "xargs")) {
					r.ops |= 1u << DBQ_DELETE_ALL;
					r.what = x;
					r.what_len = strlen(x);
				}
				out->statements = true;
				return record(p, s, &r);
			}
			case P_MONGO: {
				size_t m = strlen(x);

				if (m > 3 && !strcmp(x + m - 3, ".js")) {
					out->statements = true;
					error = judge_file(p, s, c->lang,
							   x, false);
				}
				break;
			}
			case P_BQ:
				if (ops > 1 && !strcmp(v[out->first_op],
						       "query")) {
					out->statements = true;
					error = judge_text(p, s, c->lang, x);
				}
				break;
			default:
				break;
			}
			continue;
		}
		if (!val)
			continue;
		out->statements = true;
		if (kind == 1)
			error = judge_text(p, s, c->lang, val);
		else if (strcmp(val, "-"))
			error = judge_file(p, s, c->lang, val,
					   c->lang == DBQ_REDIS);
		else
			out->statements = false;	/* -f -: stdin */
	}
	return error;
}

/* docker exec [OPTS] CONTAINER PROG ARGS, kubectl exec POD -- PROG ARGS:
 * the client runs elsewhere, but what it runs is written here. */
static int judge_exec(struct sh_src *p, struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	const struct dbclient *c;
	struct dbargs da;
	size_t i, k;
	bool kube;

	if (!s->subcommand || strcmp(s->subcommand, "exec"))
		return 0;
	kube = !strcmp(s->program, "kubectl") || !strcmp(s->program, "oc");
	for (i = 0; i < a->n && strcmp(a->v[i], "exec"); i++)
		;
	if (kube) {
		for (; i < a->n && strcmp(a->v[i], "--"); i++)
			;
		i++;
	} else {
		bool container = false;

		for (i++; i < a->n; i++) {
			const char *x = a->v[i];

			if (x[0] == '-') {
				if (!strchr(x, '=') &&
				    (!strcmp(x, "-e") || !strcmp(x, "--env") ||
				     !strcmp(x, "-u") || !strcmp(x, "--user") ||
				     !strcmp(x, "-w") ||
				     !strcmp(x, "--workdir") ||
				     !strcmp(x, "--env-file") ||
				     !strcmp(x, "--detach-keys")))
					i++;
				continue;
			}
			if (container) {
				break;
			}
			container = true;
		}
	}
	if (i >= a->n)
		return 0;
	{
		const char *prog = a->v[i], *b = strrchr(prog, '/');

		if (!(c = client_of(b ? b + 1 : prog)))
			return 0;
	}
	k = i + 1;
	return judge_argv(p, s, c, a->v + k, a->n - k, &da);
}

int shdb_args(struct sh_src *p, struct subject *s)
{
	const struct dbclient *c;
	struct dbargs da;
	size_t k;
	int error;

	if (s->program_dynamic)
		return 0;
	if (!(c = client_of(s->program))) {
		if (!s->subcommand || strcmp(s->subcommand, "exec"))
			return 0;
		if (!strcmp(s->program, "docker") ||
		    !strcmp(s->program, "podman") ||
		    !strcmp(s->program, "kubectl") || !strcmp(s->program, "oc"))
			return judge_exec(p, s);
		return 0;
	}
	if ((error = judge_argv(p, s, c, s->raw_args.v, s->raw_args.n,
				&da)) < 0)
		return error;
	/* psql < FILE: the statements are the file's. */
	for (k = 0; k < s->nredirects; k++)
		if (s->redirects[k].op == REDIR_IN &&
		    (error = judge_file(p, s, c->lang, s->redirects[k].target,
					false)) < 0)
			return error;
	return 0;
}

bool shdb_client(const char *program)
{
	return client_of(program) != NULL;
}

int shdb_stdin(const struct subject *s)
{
	const struct dbclient *c;
	const struct strlist *a = &s->raw_args;
	size_t i, ops = 0;
	bool opts = true;

	if (s->program_dynamic || !(c = client_of(s->program)))
		return 0;
	/* Statements given as options or operands: stdin is not read.
	 * A quick look, the full reading is judge_argv's. */
	for (i = 0; i < a->n; i++) {
		const char *x = a->v[i];
		size_t nl, k;

		if (opts && !strcmp(x, "--")) {
			opts = false;
			continue;
		}
		if (opts && x[0] == '-' && x[1] &&
		    (x[1] == '-' || c->dash_long)) {
			const char *eq = strchr(x, '=');

			nl = eq ? (size_t)(eq - x) : strlen(x);
			if (in_list(c->qlong, x, nl))
				return 0;
			if (in_list(c->flong, x, nl)) {
				if (!eq && i + 1 < a->n && !strcmp(a->v[i + 1],
								   "-"))
					return 2;
				return 0;
			}
			if (!eq && in_list(c->vlong, x, nl))
				i++;
			continue;
		}
		if (opts && x[0] == '-' && x[1]) {
			for (k = 1; x[k]; k++) {
				if (strchr(c->qshort, x[k]))
					return 0;
				if (strchr(c->fshort, x[k]))
					return x[k + 1] ? !strcmp(x + k + 1,
								  "-") * 2 :
					       (i + 1 < a->n &&
						!strcmp(a->v[i + 1], "-")) * 2;
				if (strchr(c->ashort, x[k]))
					break;
				if (strchr(c->vshort, x[k])) {
					if (!x[k + 1])
						i++;
					break;
				}
			}
			continue;
		}
		ops++;
		if ((c->pos == P_SQL && ops > 1) || c->pos == P_REDIS ||
		    (c->pos == P_BQ && ops > 1))
			return 0;
		if (c->pos == P_MONGO && strlen(x) > 3 &&
		    !strcmp(x + strlen(x) - 3, ".js"))
			return 0;
	}
	return 2;
}

int shdb_code(struct sh_src *p, struct subject *s, const char *text)
{
	const struct dbclient *c = client_of(s->program);

	if (!c)
		return 0;
	return judge_text(p, s, c->lang, text);
}
