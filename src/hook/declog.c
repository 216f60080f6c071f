/* declog.c - the decision log, see declog.h.
 *
 * Invariants: (1) a record is a whole line or absent: it is one write()
 * of the whole line on an O_APPEND descriptor, so concurrent hooks
 * interleave lines, never bytes; a short write (full disk, EFBIG) is
 * truncated away again, and a file left without its final newline gets
 * one before the next record, so no record merges into a damaged one;
 * (2) the summary is redacted before it is truncated, so a secret cut in
 * half can never slip past the recognisers; (3) nothing here prints or
 * changes the verdict: every failure just means no record; (4) the log
 * is opened through safefile.h: never through a symlink (at the file or
 * its directory) or a hard link, never a FIFO, never blocking, so the
 * agent being judged can neither wedge the hook nor point its records
 * at another file.
 *
 * Writers serialise on flock() of the log, taken without blocking for at
 * most CV_LOG_LOCK_MS.  Under the lock a writer checks that the path
 * still names the file it opened (another writer may have rotated it),
 * rotates when the file has grown past max_bytes (.1 becomes .2, the file
 * becomes .1, the record goes to a fresh file; at most three files), and
 * appends.  A writer that cannot get the lock still appends its one
 * write, skips rotation, and cuts a short write only if nothing was
 * appended after it. */
#include "hook/declog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hook/inject.h"
#include "judge/judge.h"
#include "judge/toolcall.h"
#include "rules/config.h"
#include "rules/ruleset.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/redact.h"
#include "util/safefile.h"
#include "util/userhome.h"

#ifndef CV_VERSION
#define CV_VERSION "0.0.0"
#endif

/* Redact this much of the summary (a secret that starts further in is
 * cut off by the truncation below anyway), then keep DECLOG_SUMMARY. */
#define DECLOG_REDACT_SPAN	4096
#define DECLOG_SUMMARY		512

/* The environment names the log only when the user's config trusts it
 * (config.h): a project's settings "env" could otherwise point the
 * records at ~/.bashrc (a summary holding `$( )` would run at the next
 * login) or hide them from `ccveto log`. */
int declog_path(struct buf *out)
{
	const char *f = getenv("CCVETO_LOG_FILE");
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = userhome();

	if (config_trust_env() && f && *f)
		return buf_puts(out, f);
	if (config_trust_env() && state && state[0] == '/')
		return buf_printf(out, "%s/ccveto/decisions.jsonl", state);
	if (home && home[0] == '/')
		return buf_printf(out, "%s/.local/state/ccveto/decisions.jsonl",
				  home);
	return CV_ENOTFOUND;
}

/* Cuts at most max bytes on a UTF-8 character boundary. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static int put_field(struct buf *b, const char *key, const char *val)
{
	int error;

	if ((error = buf_printf(b, ",\"%s\":", key)) < 0)
		return error;
	if (!val)
		return buf_puts(b, "null");
	if ((error = buf_putc(b, '"')) < 0 ||
	    (error = buf_put_json_string(b, val, strlen(val))) < 0)
		return error;
	return buf_putc(b, '"');
}

/* "YYYY-MM-DDTHH:MM:SSZ" for a time after 1970.  Computed here because
 * glibc's gmtime_r() still loads the time zone (opens /etc/localtime),
 * which the hook would pay on every logged call.  Days to a civil date:
 * count 400-year eras of 146097 days from 0000-03-01, so that the leap
 * day falls at the end of each year. */
static void utc_stamp(char *out, size_t size, time_t now)
{
	long long t = now < 0 ? 0 : (long long)now;
	long long days = t / 86400 + 719468, secs = t % 86400;
	long long era = days / 146097, doe = days - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	long long day = doy - (153 * mp + 2) / 5 + 1;
	long long month = mp < 10 ? mp + 3 : mp - 9;
	long long year = yoe + era * 400 + (month <= 2);

	snprintf(out, size, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
		 year, month, day, secs / 3600, secs / 60 % 60, secs % 60);
}

int declog_format(struct buf *b, const struct toolcall *call,
		  const struct verdict *v, time_t now)
{
	static const char *const names[] = { "none", "ask", "deny" };
	struct buf red = BUF_INIT;
	char ts[64];
	size_t i, n;
	int error;

	utc_stamp(ts, sizeof(ts), now);
	if ((error = buf_printf(b, "{\"time\":\"%s\"", ts)) < 0 ||
	    (error = put_field(b, "session_id", call->session_id)) < 0 ||
	    (error = put_field(b, "cwd", call->cwd)) < 0 ||
	    (error = put_field(b, "tool", call->tool)) < 0)
		goto done;
	if (call->summary) {
		n = strlen(call->summary);
		if ((error = redact(&red, call->summary,
				    utf8_cut(call->summary, n,
					     DECLOG_REDACT_SPAN))) < 0)
			goto done;
		red.len = utf8_cut(red.data, red.len, DECLOG_SUMMARY);
		red.data[red.len] = '\0';
	}
	if ((error = put_field(b, "summary", red.data)) < 0 ||
	    (error = put_field(b, "decision",
			       names[v->decision <= DECISION_DENY ?
				     v->decision : DECISION_DENY])) < 0 ||
	    (error = buf_puts(b, ",\"rules\":[")) < 0)
		goto done;
	for (i = 0; i < v->nhits && i < VERDICT_MAX_HITS; i++) {
		const char *id = rule_id(v->hits[i].rule);

		if ((error = buf_printf(b, "%s\"", i ? "," : "")) < 0 ||
		    (error = buf_put_json_string(b, id, strlen(id))) < 0 ||
		    (error = buf_putc(b, '"')) < 0)
			goto done;
	}
	if ((error = buf_puts(b, "]")) < 0 ||
	    (v->error < 0 && (error = buf_puts(b, ",\"error\":true")) < 0) ||
	    (error = put_field(b, "version", CV_VERSION)) < 0)
		goto done;
	error = buf_puts(b, "}\n");
done:
	buf_release(&red);
	return error;
}

/* Takes the writers' lock without waiting on whoever holds it: a lock
 * held for good (by a stuck or hostile process) must cost the hook at
 * most CV_LOG_LOCK_MS, never the watchdog.
 * The bound is elapsed time, not a number of tries: on a loaded machine
 * a 1 ms sleep can take far longer. */
static bool lock_log(int fd)
{
	const struct timespec pause = { 0, 1000000 };
	struct timespec t0;
	bool started = false;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return false;
		if (!started) {
			clock_gettime(CLOCK_MONOTONIC, &t0);
			started = true;
		} else if (clock_ms_since(&t0) >= CV_LOG_LOCK_MS) {
			return false;
		}
		nanosleep(&pause, NULL);
	}
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The open log, its directory and whether we hold the lock. */
struct logfile {
	int dfd, fd;
	bool locked;
	const char *name;
	struct stat st;
};

/* Under the lock: is `name` still the file we hold?  Another writer may
 * have rotated it between our open and our lock; follow it then. */
static void follow_rotation(struct logfile *lf)
{
	struct stat now;
	int fd;

	if (fstatat(lf->dfd, lf->name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    same_file(&now, &lf->st))
		return;
	if (safefile_open_append(&fd, &now, lf->dfd, lf->name, 0600,
				 NULL) < 0)
		return;		/* keep appending to what we hold */
	if (!lock_log(fd)) {
		close(fd);
		return;
	}
	close(lf->fd);		/* drops the old lock */
	lf->fd = fd;
	lf->st = now;
}

/* Under the lock, with the file past max_bytes: .1 becomes .2, the file
 * becomes .1, and the record goes to a fresh file. */
static void rotate(struct logfile *lf)
{
	struct buf one = BUF_INIT, two = BUF_INIT;
	struct stat st;
	int fd;

	if (buf_printf(&one, "%s.1", lf->name) < 0 ||
	    buf_printf(&two, "%s.2", lf->name) < 0)
		goto done;
	renameat(lf->dfd, one.data, lf->dfd, two.data);
	if (renameat(lf->dfd, lf->name, lf->dfd, one.data) < 0)
		goto done;
	if (safefile_open_append(&fd, &st, lf->dfd, lf->name, 0600,
				 NULL) < 0)
		goto done;	/* cannot start a new file: keep the old */
	if (!lock_log(fd)) {
		close(fd);
		goto done;
	}
	close(lf->fd);
	lf->fd = fd;
	lf->st = st;
done:
	buf_release(&one);
	buf_release(&two);
}

/* Appends one record so that the file holds it as a whole line or not
 * at all.  A short write (full disk, file size limit) is cut off again;
 * a file that does not end in a newline (a crash, an older writer) gets
 * one first, so this record is never merged into a damaged line. */
static void append_whole(const struct logfile *lf, const char *rec,
			 size_t len)
{
	struct stat st;
	off_t end;
	ssize_t w;
	char last;

	if (fstat(lf->fd, &st) < 0)
		return;
	if (st.st_size > 0 &&
	    pread(lf->fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
		while ((w = write(lf->fd, "\n", 1)) < 0 && errno == EINTR)
			;
		if (w != 1)
			return;
	}
	while ((w = write(lf->fd, rec, len)) < 0 && errno == EINTR)
		;
	if (w <= 0 || (size_t)w == len)
		return;
	/* O_APPEND left the offset at the end of our partial bytes.  Without
	 * the lock another writer may have appended since: cut only if the
	 * file still ends where we stopped. */
	end = lseek(lf->fd, 0, SEEK_CUR);
	if (end < w)
		return;
	if (lf->locked || (fstat(lf->fd, &st) == 0 && st.st_size == end))
		while (ftruncate(lf->fd, end - w) < 0 && errno == EINTR)
			;
}

/* Opens the log for appending: its directory without following a
 * symlink and checked to be ours (safefile.h), the file never through a
 * symlink or hard link.  `path` is split in place. */
static int open_log(struct logfile *lf, char *path)
{
	char *slash = strrchr(path, '/');
	const char *dir = ".";

	lf->name = path;
	if (slash == path) {
		dir = "/";
		lf->name = path + 1;
	} else if (slash) {
		*slash = '\0';
		dir = path;
		lf->name = slash + 1;
	}
	if (!*lf->name ||
	    safefile_open_dir(&lf->dfd, dir, 1, NULL) < 0 ||
	    safefile_open_append(&lf->fd, &lf->st, lf->dfd, lf->name, 0600,
				 NULL) < 0)
		return -1;
	return 0;
}

/* Appends one formatted record (rotation, locking: see above). */
static void append_record(const struct buf *rec)
{
	const struct config_log *cl = config_log_settings();
	struct buf path = BUF_INIT;
	struct logfile lf = { -1, -1, false, NULL, { 0 } };

	if (declog_path(&path) < 0 || open_log(&lf, path.data) < 0)
		goto done;
	/* Without the lock (someone holds it for good) the record is still
	 * written, whole; only rotation waits for a writer that has it. */
	if ((lf.locked = lock_log(lf.fd))) {
		follow_rotation(&lf);
		if (fstat(lf.fd, &lf.st) == 0 &&
		    (unsigned long long)lf.st.st_size + rec->len > cl->max_bytes)
			rotate(&lf);
	}
	append_whole(&lf, rec->data, rec->len);
done:
	if (lf.fd >= 0)
		close(lf.fd);	/* also releases the lock */
	if (lf.dfd >= 0)
		close(lf.dfd);
	buf_release(&path);
}

void declog_record(const struct toolcall *call, const struct verdict *v)
{
	const struct config_log *cl = config_log_settings();
	struct buf rec = BUF_INIT;

	if (!call || !v || !cl->enabled)
		return;
	if (v->decision == DECISION_NONE && !cl->all_calls)
		return;
	if (declog_format(&rec, call, v, time(NULL)) == 0)
		append_record(&rec);
	buf_release(&rec);
}

void declog_record_post(const struct toolcall *call,
			const struct redact_tally *t, unsigned inject_kinds,
			const char *decision)
{
	const struct config_log *cl = config_log_settings();
	struct buf rec = BUF_INIT;
	const char *name;
	char ts[64];
	unsigned k, n = 0;
	int error;

	if (!call || !t || !cl->enabled)
		return;
	utc_stamp(ts, sizeof(ts), time(NULL));
	error = buf_printf(&rec, "{\"time\":\"%s\"", ts);
	if (!error)
		error = put_field(&rec, "session_id", call->session_id);
	if (!error)
		error = put_field(&rec, "cwd", call->cwd);
	if (!error)
		error = put_field(&rec, "tool", call->tool);
	/* The record of a verdict, with one rule id a kind ("redact.KIND",
	 * so that `ccveto log` counts them), the event and the count. */
	if (!error)
		error = buf_printf(&rec, ",\"summary\":\"redacted %u "
				   "secret%s from the tool output%s\","
				   "\"event\":\"PostToolUse\",\"decision\":"
				   "\"%s\",\"redacted\":%u,\"rules\":[", t->n,
				   t->n == 1 ? "" : "s", inject_kinds ?
				   "; flagged injected instructions" : "",
				   decision, t->n);
	for (k = 0; !error && (name = redact_kind_name(k)); k++)
		if (t->kinds & ((uint64_t)1 << k))
			error = buf_printf(&rec, "%s\"redact.%s\"",
					   n++ ? "," : "", name);
	for (k = 0; !error && k < INJ_NKINDS; k++)
		if (inject_kinds & (1u << k))
			error = buf_printf(&rec, "%s\"inject.%s\"",
					   n++ ? "," : "",
					   inject_kind_name((enum inject_kind)k));
	if (!error)
		error = buf_puts(&rec, "]");
	if (!error)
		error = put_field(&rec, "version", CV_VERSION);
	if (!error)
		error = buf_puts(&rec, "}\n");
	if (!error)
		append_record(&rec);
	buf_release(&rec);
}
