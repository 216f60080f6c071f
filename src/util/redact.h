/* redact.h - secrets out of text before it is written anywhere.
 *
 * Two callers, two strengths, one table of provider formats (redact.c):
 *
 * redact() is for what ccveto itself writes (the decision log, audit
 * excerpts): it appends text to `out` with every recognised secret
 * replaced.  Known key formats keep at most their first 4 characters (the
 * public marker such as "AKIA" or "ghp_"); values of password/token/secret
 * settings, URL passwords, bearer tokens and private key blocks keep
 * nothing.  The replacement text is REDACT_MARK.  A recogniser that is
 * unsure redacts: a log line with too little in it is the safe failure.
 *
 * redact_output() is for a tool's output on its way to the model, where
 * rewriting harmless text is itself a harm (a build log with holes in
 * it): only what is a secret in a recognisable shape is replaced, each by
 * "[ccveto: redacted KIND]" naming its kind.  Placeholders, references to
 * variables and documented example keys are left alone.  It writes to
 * `out` only when it found something. */
#ifndef CV_REDACT_H
#define CV_REDACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

#define REDACT_MARK "[REDACTED]"

int redact(struct buf *out, const char *text, size_t len);

/* Whether text holds a secret the confident recognisers know: a key with
 * a public marker, a JWT, a private key block, a URL password.  (Not the
 * unsure ones, such as a password= setting: this decides verdicts.) */
bool redact_has_key(const char *text, size_t len);

/* What redact_output() found: how many secrets, and a bit per kind
 * (1 << kind, kinds numbered as redact_kind_name() knows them). */
struct redact_tally {
	unsigned n;
	uint64_t kinds;
};

/* Returns the number of secrets found in text (then `out` holds the whole
 * text rewritten, appended), 0 when there is none (then `out` is not
 * touched), or a negative error.  Adds to *tally.  Secrets of the kinds
 * in `keep` (1 << kind) are left as they are and not counted. */
int redact_output(struct buf *out, const char *text, size_t len,
		  uint64_t keep, struct redact_tally *tally);

/* The kind of the key text starts with, when it is one in a provider's
 * format (the table of redact_output(), JWTs, private key blocks) and not
 * a documented example or a filler; else NULL.  For the auditor, which
 * names what a config holds. */
const char *redact_key_at(const char *text, size_t len);

/* "aws-access-key-id", "private-key", ...; NULL past the last kind. */
const char *redact_kind_name(unsigned kind);

#endif
