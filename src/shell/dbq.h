/* dbq.h - what database statements do: SQL (PostgreSQL, MySQL, SQLite,
 * ClickHouse, CQL, InfluxQL and the clients' own commands), Redis commands
 * and Mongo shell JavaScript, each read by a lexer of its own, reduced to
 * a set of operations (enum dbq_op) that rules name in their `db`
 * condition.  The shell finds the texts a database client runs (-c, -e,
 * here-docs, pipes, files written in the call); the judge gives it the
 * query fields of MCP calls.
 * dbq_scan() only reads its text; what it finds points into that text or
 * into texts its hooks return, which must outlive the result.  Scratch
 * memory comes from the arena given. */
#ifndef CV_DBQ_H
#define CV_DBQ_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum dbq_lang {
	DBQ_SQL,	/* unknown dialect: every reading of the text */
	DBQ_PSQL,	/* PostgreSQL and psql's backslash commands */
	DBQ_MYSQL,	/* MySQL/MariaDB and the mysql client's commands */
	DBQ_SQLITE,	/* SQLite and sqlite3's dot commands */
	DBQ_CQL,	/* Cassandra CQL (// comments) */
	DBQ_REDIS,	/* one Redis command per line */
	DBQ_MONGO,	/* mongosh / mongo JavaScript */
};

/* Operations, in the order of dbq_op_names[] (the `db` condition's
 * vocabulary, bits 1 << op). */
enum dbq_op {
	DBQ_DROP_DATABASE,	/* DROP DATABASE|SCHEMA|KEYSPACE|OWNED,
				 * db.dropDatabase() */
	DBQ_DROP_TABLE,		/* DROP TABLE|VIEW|INDEX|..., coll.drop() */
	DBQ_TRUNCATE,
	DBQ_DELETE_ALL,		/* DELETE with no restricting WHERE,
				 * deleteMany({}), DEL of keys from a pipe */
	DBQ_UPDATE_ALL,		/* UPDATE with no restricting WHERE,
				 * updateMany({}, ...) */
	DBQ_ALTER_DROP,		/* ALTER TABLE ... DROP [COLUMN|PARTITION] */
	DBQ_DROP_ROLE,		/* DROP USER|ROLE, dropUser, ACL DELUSER */
	DBQ_GRANT_ALL,		/* GRANT ALL ON *.*, ... TO PUBLIC */
	DBQ_SUPERUSER,		/* SUPERUSER, GRANT SUPER, root roles */
	DBQ_EXEC_PROGRAM,	/* COPY ... PROGRAM, untrusted languages,
				 * LOAD, MODULE LOAD, load_extension */
	DBQ_FILE_WRITE,		/* INTO OUTFILE, COPY TO 'file', lo_export */
	DBQ_SHELL_ESCAPE,	/* psql \!, \o |cmd, mysql system, .shell */
	DBQ_FLUSH_ALL,		/* Redis FLUSHALL */
	DBQ_FLUSH_DB,		/* Redis FLUSHDB */
	DBQ_CONFIG_DIR,		/* CONFIG SET dir|dbfilename|logfile */
	DBQ_SHUTDOWN,		/* SHUTDOWN, shutdownServer() */
	DBQ_DEBUG,		/* Redis DEBUG (crash, reload, sleep) */
	DBQ_REPLICAOF,		/* REPLICAOF/SLAVEOF host: replaces data */
	DBQ_UNKNOWN,		/* could not be read to the end where it
				 * matters (unterminated, a bound hit, a
				 * file of unknown content) */
	DBQ_NOPS
};

extern const char *const dbq_op_names[];	/* NULL-terminated */

/* What a text makes the client do outside the database, and the files it
 * reads as more statements.  Either function may be NULL. */
struct dbq_hooks {
	void *arg;
	/* A shell command the client runs: psql `\! cmd`, `\o |cmd`. */
	int (*shell)(void *arg, const char *cmd, size_t n);
	/* The text of a file the client reads as statements (psql \i,
	 * mysql source, sqlite .read): *text NULL when not known from the
	 * call (then nothing is judged), *unknown when the call wrote it
	 * with content that cannot be known. */
	int (*include)(void *arg, const char *path, size_t n,
		       const char **text, bool *unknown);
};

struct dbq_result {
	unsigned ops;			/* 1 << enum dbq_op */
	const char *what;		/* the first statement found doing
					 * one of them, not NUL-terminated */
	size_t what_len;
};

/* Reads n bytes of `lang` text; adds what it finds to *r (r is not
 * cleared: several texts of one command add up).  <0 only on an error
 * of a hook or no memory. */
int dbq_scan(struct dbq_result *r, struct arena *a, enum dbq_lang lang,
	     const char *s, size_t n, const struct dbq_hooks *h);

/* One Redis command given as words (redis-cli's argv). */
void dbq_redis_argv(struct dbq_result *r, const char *const *argv,
		    size_t argc);

/* The op named `name`, or -1. */
int dbq_op_lookup(const char *name);

#endif
