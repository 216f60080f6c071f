/* tap.h - minimal TAP output for unit tests: ok(cond, fmt, ...) prints
 * "ok N - ..." or "not ok N - ..."; tap_done() prints the plan and returns
 * the exit status. */
#ifndef CV_TAP_H
#define CV_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
