/* declog.h - the decision log: one JSON line per verdict appended to
 * ~/.local/state/ccveto/decisions.jsonl (see declog_path), written with a
 * single write() on an O_APPEND descriptor so concurrent hooks never tear
 * a line; secrets are redacted before writing.  Logging never changes a verdict: errors
 * are ignored by the hook. */
#ifndef CV_DECLOG_H
#define CV_DECLOG_H

#include <time.h>

struct buf;
struct redact_tally;
struct toolcall;
struct verdict;

/* Appends the record for a deny/ask verdict (every verdict with the
 * config's log.all_calls); honours log.enabled and log.max_bytes. */
void declog_record(const struct toolcall *call, const struct verdict *v);

/* Appends the record of a PostToolUse answer: decision "redact",
 * "flag" (an injection, nothing rewritten) or "withheld", how many
 * secrets, and a rule id per kind ("redact.KIND", "inject.KIND"; never a
 * value); honours log.enabled and log.max_bytes. */
void declog_record_post(const struct toolcall *call,
			const struct redact_tally *t, unsigned inject_kinds,
			const char *decision);

/* The log file: ~/.local/state/ccveto/decisions.jsonl, ~ being the
 * passwd home (userhome.h); when the user's config has "trust_env"
 * (config_trust_env(), so after config_apply()), $CCVETO_LOG_FILE, else
 * $XDG_STATE_HOME/ccveto/decisions.jsonl, come first.
 * Rotated files are the same name with ".1" and ".2". */
int declog_path(struct buf *out);

/* One record as a JSON line ending in "\n" (for tests and tools). */
int declog_format(struct buf *b, const struct toolcall *call,
		  const struct verdict *v, time_t now);

#endif
