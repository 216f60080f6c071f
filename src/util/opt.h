/* opt.h - command-line options from one static table per command.
 * Usage text is generated from the same table, so help never drifts. */
#ifndef CV_OPT_H
#define CV_OPT_H

#include <stdio.h>

enum opt_kind {
	OPT_FLAG,	/* sets int to 1 */
	OPT_VALUE,	/* sets const char * to the next argument */
	OPT_LIST,	/* appends to a struct opt_list (repeatable) */
};

struct opt_list {
	const char *v[64];
	int n;
};

struct opt_spec {
	char short_name;	/* 0 if none */
	const char *long_name;
	enum opt_kind kind;
	void *target;
	const char *value_name;	/* "FILE" in "--rules-dir FILE" */
	const char *help;
};

/* Parses argv[1..] (argv[0] is the command name).  Operands are moved to
 * the front of argv; *nargs receives their count.  "--" ends options.
 * Returns 0, or CV_EUSAGE after printing the problem to stderr; --help
 * prints usage to stdout and returns 1. */
int opt_parse(const struct opt_spec *specs, int argc, char **argv,
	      int *nargs, const char *usage_line, const char *summary);
void opt_usage(FILE *out, const struct opt_spec *specs,
	       const char *usage_line, const char *summary);

#endif
