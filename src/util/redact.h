/* redact.h - secrets out of text before it is written anywhere.
 * redact() appends text to `out` with every recognised secret replaced:
 * known key formats keep at most their first 4 characters (the public
 * marker such as "AKIA" or "ghp_"), values of password/token/secret
 * settings, URL passwords, bearer tokens and private key blocks keep
 * nothing.  The replacement text is REDACT_MARK.  A recogniser that is
 * unsure redacts: a log line with too little in it is the safe failure. */
#ifndef CV_REDACT_H
#define CV_REDACT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define REDACT_MARK "[REDACTED]"

int redact(struct buf *out, const char *text, size_t len);

/* Whether text holds a secret the confident recognisers know: a key with
 * a public marker, a JWT, a private key block, a URL password.  (Not the
 * unsure ones, such as a password= setting: this decides verdicts.) */
bool redact_has_key(const char *text, size_t len);

#endif
