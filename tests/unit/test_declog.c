/* test_declog.c - decision log records: format, redaction, concurrent
 * writers (no torn or lost lines), rotation under concurrency. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "rules/config.h"
#include "hook/declog.h"
#include "json/jdoc.h"
#include "judge/judge.h"
#include "rules/ruleset.h"
#include "util/safefile.h"
#include "util/userhome.h"
#include "tap.h"
#include "judge/toolcall.h"

#define WRITERS 8
#define RECORDS 400

static char dir[] = "/tmp/ccveto-declog-XXXXXX";

/* Lines in path; *bad counts lines that are not a whole JSON record. */
static long count_lines(const char *path, long *bad)
{
	struct buf b = BUF_INIT;
	size_t i, start = 0;
	long n = 0;

	if (safefile_read(&b, path, 1u << 30, 0, NULL) < 0)
		return -1;
	for (i = 0; i < b.len; i++) {
		cJSON *rec = NULL;
		struct diag d;

		if (b.data[i] != '\n')
			continue;
		if (json_parse(&rec, b.data + start, i - start, 0, &d) < 0 ||
		    !json_get_string(rec, "summary"))
			(*bad)++;
		cJSON_Delete(rec);
		n++;
		start = i + 1;
	}
	if (start != b.len)
		(*bad)++;
	buf_release(&b);
	return n;
}

static void writers(const struct toolcall *call, const struct verdict *v)
{
	pid_t pids[WRITERS];
	int i, j, st, okay = 1;

	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			for (j = 0; j < RECORDS; j++)
				declog_record(call, v);
			_exit(0);
		}
	}
	for (i = 0; i < WRITERS; i++)
		if (pids[i] < 0 || waitpid(pids[i], &st, 0) < 0 || st)
			okay = 0;
	ok(okay, "%d writers x %d records finished", WRITERS, RECORDS);
}

static void apply_config(const char *json)
{
	struct ruleset *set = NULL;
	struct config_opts o = { 0 };
	struct diag d = { 0 };
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/.config", dir);
	mkdir(path, 0700);
	strcat(path, "/ccveto");
	mkdir(path, 0700);
	strcat(path, "/config.json");
	f = fopen(path, "w");
	fputs(json, f);
	fclose(f);
	ruleset_new(&set, &d);
	ok(config_apply(set, &o, &d) == 0, "config applied: %s", d.msg);
	ruleset_free(set);
}

int main(void)
{
	struct toolcall call;
	struct verdict v;
	struct buf rec = BUF_INIT, path = BUF_INIT;
	char log[256], cfg[256], big[3000];
	long n, n1, n2, bad = 0;
	cJSON *j = NULL;
	struct diag d;

	if (!mkdtemp(dir))
		return 1;
	/* The log is in the user's home (--home here, else the passwd
	 * entry); the environment cannot move it without "trust_env". */
	snprintf(log, sizeof(log), "%s/.local/state/ccveto/decisions.jsonl",
		 dir);
	snprintf(cfg, sizeof(cfg), "%s/elsewhere.jsonl", dir);
	userhome_set(dir);
	setenv("CCVETO_LOG_FILE", cfg, 1);
	setenv("XDG_STATE_HOME", "/nonexistent", 1);
	memset(&call, 0, sizeof(call));
	memset(&v, 0, sizeof(v));
	call.tool = "Bash";
	call.session_id = "0d9f";
	call.cwd = "/home/alice/src/\"webapp\"";
	call.summary = "curl -H 'Authorization: Bearer abcdef0123456789' "
		       "https://alice:hunter22@example.com";
	v.decision = DECISION_DENY;
	v.error = -1;

	ok(declog_format(&rec, &call, &v, 0) == 0 &&
	   json_parse(&j, rec.data, rec.len, 0, &d) == 0,
	   "a record is one JSON object: %s", rec.data);
	ok(rec.len && rec.data[rec.len - 1] == '\n' &&
	   !memchr(rec.data, '\n', rec.len - 1), "... on one line");
	ok(!strcmp(json_get_string(j, "time"), "1970-01-01T00:00:00Z"),
	   "time is UTC ISO 8601");
	{
		/* The date is computed without gmtime(): a leap day, the
		 * last second of a century year, a recent time. */
		static const struct { time_t t; const char *want; } when[] = {
			{ 951782400, "2000-02-29T00:00:00Z" },
			{ 4133980799, "2100-12-31T23:59:59Z" },
			{ 1795392000, "2026-11-23T00:00:00Z" },
		};
		size_t k;

		for (k = 0; k < sizeof(when) / sizeof(when[0]); k++) {
			struct buf r2 = BUF_INIT;

			ok(declog_format(&r2, &call, &v, when[k].t) == 0 &&
			   strstr(r2.data, when[k].want) != NULL,
			   "timestamp %s", when[k].want);
			buf_release(&r2);
		}
	}
	ok(!strcmp(json_get_string(j, "decision"), "deny") &&
	   json_get_true(j, "error") &&
	   cJSON_IsArray(json_get(j, "rules")) &&
	   json_get_string(j, "version") && json_get_string(j, "tool") &&
	   !strcmp(json_get_string(j, "cwd"), call.cwd),
	   "fields: decision, error, rules, version, tool, cwd");
	ok(!strstr(rec.data, "abcdef0123") && !strstr(rec.data, "hunter22"),
	   "summary redacted");
	cJSON_Delete(j);
	buf_release(&rec);

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big + 505, "\xc3\xa9\xc3\xa9", 4);	/* UTF-8 at the cut */
	call.summary = big;
	j = NULL;
	ok(declog_format(&rec, &call, &v, 0) == 0 &&
	   json_parse(&j, rec.data, rec.len, 0, &d) == 0 &&
	   strlen(json_get_string(j, "summary")) <= 512,
	   "summary truncated to 512 bytes on a character boundary");
	cJSON_Delete(j);
	buf_release(&rec);

	ok(declog_path(&path) == 0 && !strcmp(path.data, log),
	   "the log is under the user's home, not $CCVETO_LOG_FILE or "
	   "$XDG_STATE_HOME: %s", path.data);
	buf_release(&path);

	/* Concurrent writers: every line whole, none lost. */
	call.summary = "rm -rf ~ # token=abcdefghijklmnop";
	writers(&call, &v);
	n = count_lines(log, &bad);
	ok(n == WRITERS * RECORDS, "all %d records there (%ld)",
	   WRITERS * RECORDS, n);
	ok(bad == 0, "no torn lines (%ld bad)", bad);

	/* no objection: not logged by default */
	v.decision = DECISION_NONE;
	declog_record(&call, &v);
	bad = 0;
	ok(count_lines(log, &bad) == n, "allow-equivalent not logged");
	apply_config("{\"log\": {\"all_calls\": true}}");
	declog_record(&call, &v);
	ok(count_lines(log, &bad) == n + 1, "all_calls logs every call");
	apply_config("{\"trust_env\": true}");
	ok(declog_path(&path) == 0 && !strcmp(path.data, cfg),
	   "with \"trust_env\": true, $CCVETO_LOG_FILE names the file");
	buf_release(&path);
	apply_config("{\"log\": {\"enabled\": false}}");
	v.decision = DECISION_DENY;
	declog_record(&call, &v);
	ok(count_lines(log, &bad) == n + 1, "enabled: false logs nothing");

	/* Rotation under concurrency: at most 3 files, no torn lines,
	 * the current file bounded. */
	apply_config("{\"log\": {\"max_bytes\": 20000}}");
	writers(&call, &v);
	bad = 0;
	n = count_lines(log, &bad);
	snprintf(big, sizeof(big), "%s.1", log);
	n1 = count_lines(big, &bad);
	snprintf(big, sizeof(big), "%s.2", log);
	n2 = count_lines(big, &bad);
	ok(n > 0 && n1 > 0 && n2 > 0, "rotated into .1 and .2 (%ld %ld %ld)",
	   n, n1, n2);
	snprintf(big, sizeof(big), "%s.3", log);
	ok(access(big, F_OK) != 0, "no .3");
	ok(bad == 0, "no torn lines across rotation (%ld bad)", bad);
	{
		struct stat st;
		int sr;

		/* stat() first: ok()'s arguments are read before it runs. */
		memset(&st, 0, sizeof(st));
		sr = stat(log, &st);
		ok(sr == 0 && st.st_size <= 20000 + 600,
		   "current file bounded (%ld bytes)", (long)st.st_size);
		ok((st.st_mode & 0777) == 0600, "log mode 0600");
	}
	snprintf(big, sizeof(big), "rm -rf '%s'", dir);
	if (system(big) != 0)
		return 1;
	return tap_done();
}
