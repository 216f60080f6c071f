/* diag.c - error codes and messages, see diag.h. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int diag_set(struct diag *d, int code, const char *fmt, ...)
{
	char tmp[CV_DIAG_MAX];
	va_list ap;

	if (!d)
		return code;
	/* Through a copy: callers may pass d->msg as an argument, to wrap
	 * an inner message with context. */
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	memcpy(d->msg, tmp, sizeof(tmp));
	d->code = code;
	return code;
}

void diag_clear(struct diag *d)
{
	if (!d)
		return;
	d->code = CV_OK;
	d->msg[0] = '\0';
}

const char *diag_code_name(int code)
{
	switch (code) {
	case CV_OK: return "ok";
	case CV_ENOMEM: return "out of memory";
	case CV_EINVAL: return "invalid input";
	case CV_ETOOBIG: return "too large";
	case CV_EIO: return "i/o error";
	case CV_ELIMIT: return "limit exceeded";
	case CV_ENOTFOUND: return "not found";
	case CV_EUSAGE: return "usage error";
	}
	return "error";
}

int diag_nomem(struct diag *d)
{
	return diag_set(d, CV_ENOMEM, "%s", diag_code_name(CV_ENOMEM));
}
