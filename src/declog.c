/* declog.c - the decision log, see declog.h.
 *
 * Invariants: (1) one record is one write() of one whole line on an
 * O_APPEND descriptor, so concurrent hooks interleave lines, never bytes;
 * (2) the summary is redacted before it is truncated, so a secret cut in
 * half can never slip past the recognisers; (3) nothing here prints or
 * changes the verdict: every failure just means no record.
 *
 * Rotation: when the file has grown past max_bytes, the writer that
 * notices takes flock() on it, checks that the path still names the same
 * file (another writer may have rotated it already), renames .1 to .2 and
 * the file to .1, and appends its record to a fresh file.  Writers that
 * still hold the old descriptor append to what is now .1: their line is
 * kept, whole.  At most three files exist. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "declog.h"
#include "policy.h"
#include "redact.h"
#include "ruleset.h"
#include "toolcall.h"

#ifndef CV_VERSION
#define CV_VERSION "0.0.0"
#endif

/* Redact this much of the summary (a secret that starts further in is
 * cut off by the truncation below anyway), then keep DECLOG_SUMMARY. */
#define DECLOG_REDACT_SPAN	4096
#define DECLOG_SUMMARY		512

int declog_path(struct buf *out)
{
	const char *f = getenv("CCVETO_LOG_FILE");
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (f && *f)
		return buf_puts(out, f);
	if (state && state[0] == '/')
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

static int open_log(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		      O_NOFOLLOW | O_NOCTTY, 0600);
	char *dir, *s;

	if (fd >= 0 || errno != ENOENT)
		return fd;
	/* First record: create the state directory (0700) and retry. */
	if (!(dir = strdup(path)))
		return -1;
	for (s = dir + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(dir, 0700);
		*s = '/';
	}
	free(dir);
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		    O_NOFOLLOW | O_NOCTTY, 0600);
}

/* Returns the descriptor to write to: fd itself, or a fresh file. */
static int rotate(int fd, const char *path, size_t reclen)
{
	const struct config_log *cl = config_log_settings();
	struct buf one = BUF_INIT, two = BUF_INIT;
	struct stat a, b;
	int nfd = fd;

	if (flock(fd, LOCK_EX) < 0)
		return fd;
	/* Under the lock: is `path` still our file, and still too big? */
	if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
	    (unsigned long long)b.st_size + reclen > cl->max_bytes &&
	    buf_printf(&one, "%s.1", path) == 0 &&
	    buf_printf(&two, "%s.2", path) == 0) {
		rename(one.data, two.data);
		if (rename(path, one.data) == 0)
			nfd = open_log(path);
	}
	flock(fd, LOCK_UN);
	if (nfd < 0)	/* cannot start a new file: keep the old one */
		nfd = fd;
	if (nfd != fd)
		close(fd);
	else if (stat(path, &b) == 0 && fstat(fd, &a) == 0 &&
		 (a.st_dev != b.st_dev || a.st_ino != b.st_ino)) {
		/* someone else rotated: append to the new file */
		int fresh = open_log(path);

		if (fresh >= 0) {
			close(fd);
			nfd = fresh;
		}
	}
	buf_release(&one);
	buf_release(&two);
	return nfd;
}

void declog_record(const struct toolcall *call, const struct verdict *v)
{
	const struct config_log *cl = config_log_settings();
	struct buf path = BUF_INIT, rec = BUF_INIT;
	struct stat st;
	int fd = -1;

	if (!call || !v || !cl->enabled)
		return;
	if (v->decision == DECISION_NONE && !cl->all_calls)
		return;
	if (declog_path(&path) < 0 ||
	    declog_format(&rec, call, v, time(NULL)) < 0)
		goto done;
	if ((fd = open_log(path.data)) < 0)
		goto done;
	if (fstat(fd, &st) == 0 &&
	    (unsigned long long)st.st_size + rec.len > cl->max_bytes)
		fd = rotate(fd, path.data, rec.len);
	/* One write: the whole line or (on a full disk) a short write that
	 * the next reader skips as an unreadable line, never a merge. */
	while (write(fd, rec.data, rec.len) < 0 && errno == EINTR)
		;
done:
	if (fd >= 0)
		close(fd);
	buf_release(&path);
	buf_release(&rec);
}
