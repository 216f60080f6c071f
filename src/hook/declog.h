/* declog.h - the decision log: one JSON line per verdict appended to
 * $XDG_STATE_HOME/ccveto/decisions.jsonl, written with a single write() on
 * an O_APPEND descriptor so concurrent hooks never tear a line; secrets
 * are redacted before writing.  Logging never changes a verdict: errors
 * are ignored by the hook. */
#ifndef CV_DECLOG_H
#define CV_DECLOG_H

#include <time.h>

struct buf;
struct toolcall;
struct verdict;

/* Appends the record for a deny/ask verdict (every verdict with the
 * config's log.all_calls); honours log.enabled and log.max_bytes. */
void declog_record(const struct toolcall *call, const struct verdict *v);

/* The log file: $CCVETO_LOG_FILE, else $XDG_STATE_HOME/ccveto/
 * decisions.jsonl, else ~/.local/state/ccveto/decisions.jsonl.
 * Rotated files are the same name with ".1" and ".2". */
int declog_path(struct buf *out);

/* One record as a JSON line ending in "\n" (for tests and tools). */
int declog_format(struct buf *b, const struct toolcall *call,
		  const struct verdict *v, time_t now);

#endif
