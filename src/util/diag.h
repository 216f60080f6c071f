/* diag.h - error codes and the one-line message that goes with them.
 * A struct diag is owned by the caller; diag_set() formats into it and
 * returns the code, so `return diag_set(d, CV_EINVAL, "...")` reads well. */
#ifndef CV_DIAG_H
#define CV_DIAG_H

#include <stddef.h>

enum {
	CV_OK = 0,
	CV_ENOMEM = -1,		/* out of memory */
	CV_EINVAL = -2,		/* malformed input */
	CV_ETOOBIG = -3,	/* a bound in bounds.h was hit */
	CV_EIO = -4,		/* read or write failed */
	CV_ELIMIT = -5,		/* a PCRE2 or time limit was hit */
	CV_ENOTFOUND = -6,	/* no such file, key or rule */
	CV_EUSAGE = -7,		/* bad command-line usage */
};

#define CV_DIAG_MAX 512

struct diag {
	int code;
	char msg[CV_DIAG_MAX];
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int diag_set(struct diag *d, int code, const char *fmt, ...);
/* The one way out of memory is reported: CV_ENOMEM, "out of memory". */
int diag_nomem(struct diag *d);
void diag_clear(struct diag *d);
const char *diag_code_name(int code);

#endif
