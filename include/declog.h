/* declog.h - the decision log: one JSON line per verdict appended to
 * $XDG_STATE_HOME/ccveto/decisions.jsonl, written with a single write() on
 * an O_APPEND descriptor so concurrent hooks never tear a line; secrets
 * are redacted before writing.  Logging never changes a verdict: errors
 * are ignored by the hook. */
#ifndef CV_DECLOG_H
#define CV_DECLOG_H

struct toolcall;
struct verdict;

void declog_record(const struct toolcall *call, const struct verdict *v);

#endif
