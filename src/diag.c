/* diag.c - error codes and messages, see diag.h. */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

int diag_set(struct diag *d, int code, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return code;
	d->code = code;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
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
