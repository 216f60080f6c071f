/* severity.h - how bad a matched rule or an audit finding is, and its
 * one spelling.  Rules use low to critical (rulepack.c refuses "info");
 * audit findings use all five.  Values are ordered: a larger value is
 * worse, so `--fail-on` and the report counts compare and index by it. */
#ifndef CV_SEVERITY_H
#define CV_SEVERITY_H

enum severity {
	SEVERITY_INFO,
	SEVERITY_LOW,
	SEVERITY_MEDIUM,
	SEVERITY_HIGH,
	SEVERITY_CRITICAL,
};

#define SEVERITY_COUNT	5

/* "info" ... "critical"; "?" outside the enum. */
const char *severity_name(enum severity s);
/* 0, or -1 when `name` (may be NULL) is none of the five. */
int severity_parse(enum severity *out, const char *name);
/* Lower by `steps`, not below info. */
enum severity severity_lower(enum severity s, int steps);

#endif
