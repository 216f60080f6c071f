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

struct dbclient {
	const char *prog;
	enum dbq_lang lang;
	enum dbpos pos;
	bool dash_long;		/* -cmd, -execute: no short clusters */
	const char *vshort;	/* short options taking a value */
	const char *ashort;	/* short options taking an attached value
				 * only (mysql -pSECRET) */
	const char *qshort;	/* short options whose value is statements */
	const char *fshort;	/* ... a file of statements */
	const char *const *vlong;	/* long options taking a value */
	const char *const *qlong;
	const char *const *flong;
};

static const char *const psql_v[] = {
	"--dbname", "--host", "--port", "--username", "--variable", "--set",
	"--output", "--log-file", "--table-attr", "--pset",
	"--field-separator", "--record-separator", NULL
};
static const char *const psql_q[] = { "--command", NULL };
static const char *const file_l[] = { "--file", NULL };
static const char *const mysql_v[] = {
	"--host", "--port", "--database", "--socket", "--user",
	"--defaults-file", "--defaults-extra-file", "--protocol",
	"--default-character-set", "--login-path", "--ssl-ca", "--ssl-cert",
	"--ssl-key", "--ssl-mode", "--tee", "--prompt", "--delimiter",
	"--connect-timeout", "--plugin-dir", "--default-auth",
	"--bind-address", NULL
};
static const char *const mysql_q[] = {
	"--execute", "--init-command", NULL
};
static const char *const exec_q[] = { "--execute", NULL };
static const char *const sqlite_v[] = {
	"-separator", "--separator", "-nullvalue", "--nullvalue", "-newline",
	"--newline", "-vfs", "--vfs", "-maxsize", "--maxsize", "-mmap",
	"--mmap", "-heap", "--heap", "-escape", "--escape", NULL
};
static const char *const sqlite_q[] = { "-cmd", "--cmd", NULL };
static const char *const sqlite_f[] = { "-init", "--init", NULL };
static const char *const duckdb_q[] = {
	"-c", "-s", "-cmd", "--cmd", NULL
};
static const char *const ch_v[] = {
	"--host", "--port", "--user", "--password", "--database", "--format",
	"--config-file", "--param", NULL
};
static const char *const ch_q[] = { "--query", NULL };
static const char *const ch_f[] = { "--queries-file", NULL };
static const char *const cql_v[] = {
	"--username", "--password", "--keyspace", "--cqlversion",
	"--request-timeout", "--connect-timeout", "--encoding", "--cqlshrc",
	NULL
};
static const char *const crdb_v[] = {
	"--url", "--host", "--port", "--user", "--database", "--certs-dir",
	"--format", "--set", NULL
};
static const char *const usql_q[] = { "--command", NULL };
static const char *const snow_v[] = {
	"--accountname", "--username", "--dbname", "--schemaname",
	"--warehouse", "--rolename", "--connection", "--config", NULL
};
static const char *const snow_q[] = { "--query", NULL };
static const char *const snow_f[] = { "--filename", NULL };
static const char *const trino_v[] = {
	"--server", "--catalog", "--schema", "--user", "--session",
	"--output-format", NULL
};
static const char *const influx_v[] = {
	"-database", "-host", "-username", "-password", "-format",
	"-precision", "-port", NULL
};
static const char *const influx_q[] = { "-execute", "--execute", NULL };
static const char *const redis_v[] = {
	"--user", "--pass", "--sni", "--cacert", "--cacertdir",
	"--tls-ciphers", "--tls-ciphersuites", "--cert", "--key",
	"--show-pushes", "--rdb", "--functions-rdb", "--pipe-timeout",
	"--memkeys-samples", "--pattern", "--quoted-pattern", "--count",
	"--intrinsic-latency", "--lru-test", NULL
};
static const char *const redis_f[] = { "--eval", NULL };
static const char *const mongo_v[] = {
	"--host", "--port", "--username", "--password",
	"--authenticationDatabase", "--authenticationMechanism",
	"--apiVersion", "--tlsCAFile", "--tlsCertificateKeyFile", NULL
};
static const char *const mongo_q[] = { "--eval", NULL };

#define NO NULL
static const struct dbclient clients[] = {
	{ "psql", DBQ_PSQL, P_NONE, false, "dhpUvoLTPFR", "", "c", "f",
	  psql_v, psql_q, file_l },
	{ "pgcli", DBQ_PSQL, P_NONE, false, "hpUdD", "", "", "",
	  psql_v, NO, NO },
	{ "mysql", DBQ_MYSQL, P_NONE, false, "hPDSu", "p#", "e", "",
	  mysql_v, mysql_q, NO },
	{ "mariadb", DBQ_MYSQL, P_NONE, false, "hPDSu", "p#", "e", "",
	  mysql_v, mysql_q, NO },
	{ "mysqlsh", DBQ_MYSQL, P_NONE, false, "hPDSu", "p", "e", "f",
	  mysql_v, exec_q, file_l },
	{ "mycli", DBQ_MYSQL, P_NONE, false, "hPDSuR", "p", "e", "",
	  mysql_v, exec_q, NO },
	{ "sqlite3", DBQ_SQLITE, P_SQL, true, "", "", "", "",
	  sqlite_v, sqlite_q, sqlite_f },
	{ "sqlite", DBQ_SQLITE, P_SQL, true, "", "", "", "",
	  sqlite_v, sqlite_q, sqlite_f },
	{ "litecli", DBQ_SQLITE, P_NONE, false, "D", "", "e", "",
	  NO, exec_q, NO },
	{ "duckdb", DBQ_SQL, P_SQL, true, "", "", "", "",
	  sqlite_v, duckdb_q, sqlite_f },
	{ "clickhouse-client", DBQ_SQL, P_NONE, false, "hudf", "", "q", "",
	  ch_v, ch_q, ch_f },
	{ "clickhouse", DBQ_SQL, P_SUB, false, "hudf", "", "q", "",
	  ch_v, ch_q, ch_f },
	{ "cqlsh", DBQ_CQL, P_NONE, false, "ukp", "", "e", "f",
	  cql_v, exec_q, file_l },
	{ "cockroach", DBQ_PSQL, P_SUB, false, "d", "", "e", "f",
	  crdb_v, exec_q, file_l },
	{ "usql", DBQ_SQL, P_NONE, false, "o", "", "c", "f",
	  NO, usql_q, file_l },
	{ "sqlcmd", DBQ_SQL, P_NONE, false, "SUPdoHlvWs", "", "Qq", "i",
	  NO, NO, NO },
	{ "snowsql", DBQ_SQL, P_NONE, false, "audswrco", "", "q", "f",
	  snow_v, snow_q, snow_f },
	{ "trino", DBQ_SQL, P_NONE, false, "", "", "", "f",
	  trino_v, exec_q, file_l },
	{ "presto", DBQ_SQL, P_NONE, false, "", "", "", "f",
	  trino_v, exec_q, file_l },
	{ "spanner-cli", DBQ_SQL, P_NONE, false, "pid", "", "e", "f",
	  NO, exec_q, file_l },
	{ "bq", DBQ_SQL, P_BQ, false, "", "", "", "",
	  NO, NO, NO },
	{ "influx", DBQ_SQL, P_NONE, true, "", "", "", "",
	  influx_v, influx_q, NO },
	{ "redis-cli", DBQ_REDIS, P_REDIS, false, "hpsaunridDtX", "", "", "",
	  redis_v, NO, redis_f },
	{ "valkey-cli", DBQ_REDIS, P_REDIS, false, "hpsaunridDtX", "", "", "",
	  redis_v, NO, redis_f },
	{ "keydb-cli", DBQ_REDIS, P_REDIS, false, "hpsaunridDtX", "", "", "",
	  redis_v, NO, redis_f },
	{ "mongosh", DBQ_MONGO, P_MONGO, false, "up", "", "", "f",
	  mongo_v, mongo_q, file_l },
	{ "mongo", DBQ_MONGO, P_MONGO, false, "up", "", "", "f",
	  mongo_v, mongo_q, file_l },
};

static const struct dbclient *client_of(const char *prog)
{
	size_t i;

	if (!prog)
		return NULL;
	for (i = 0; i < sizeof(clients) / sizeof(clients[0]); i++)
		if (!strcmp(clients[i].prog, prog))
			return &clients[i];
	return NULL;
}

static bool in_list(const char *const *l, const char *x, size_t n)
{
	if (!l)
		return false;
	for (; *l; l++)
		if (strlen(*l) == n && !strncmp(*l, x, n))
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
