/* opt.c - option tables, see opt.h. */
#include "util/opt.h"

#include <stdio.h>
#include <string.h>

#include "util/diag.h"

void opt_usage(FILE *out, const struct opt_spec *specs,
	       const char *usage_line, const char *summary)
{
	const struct opt_spec *s;

	fprintf(out, "usage: %s\n", usage_line);
	if (summary)
		fprintf(out, "\n%s\n", summary);
	fprintf(out, "\noptions:\n");
	for (s = specs; s->long_name; s++) {
		char left[64];

		snprintf(left, sizeof(left), "%s%c%s--%s%s%s",
			 s->short_name ? "-" : "",
			 s->short_name ? s->short_name : ' ',
			 s->short_name ? ", " : "  ",
			 s->long_name, s->value_name ? " " : "",
			 s->value_name ? s->value_name : "");
		fprintf(out, "  %-28s %s\n", s->short_name ? left : left + 1,
			s->help);
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
}

static int opt_apply(const struct opt_spec *s, const char *value)
{
	switch (s->kind) {
	case OPT_FLAG:
		*(int *)s->target = 1;
		break;
	case OPT_VALUE:
		*(const char **)s->target = value;
		break;
	case OPT_LIST: {
		struct opt_list *l = s->target;
		if (l->n >= (int)(sizeof(l->v) / sizeof(l->v[0]))) {
			fprintf(stderr, "ccveto: too many --%s options\n",
				s->long_name);
			return CV_EUSAGE;
		}
		l->v[l->n++] = value;
		break;
	}
	}
	return 0;
}

int opt_parse(const struct opt_spec *specs, int argc, char **argv,
	      int *nargs, const char *usage_line, const char *summary)
{
	int i, n = 0, only_operands = 0;

	for (i = 1; i < argc; i++) {
		const struct opt_spec *s;
		const char *arg = argv[i], *value = NULL, *eq;
		size_t namelen;

		if (only_operands || arg[0] != '-' || arg[1] == '\0') {
			argv[n++] = argv[i];
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_operands = 1;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			opt_usage(stdout, specs, usage_line, summary);
			return 1;
		}
		if (arg[1] == '-') {
			eq = strchr(arg + 2, '=');
			namelen = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			for (s = specs; s->long_name; s++)
				if (strlen(s->long_name) == namelen &&
				    !strncmp(s->long_name, arg + 2, namelen))
					break;
			if (eq)
				value = eq + 1;
		} else {
			for (s = specs; s->long_name; s++)
				if (s->short_name && s->short_name == arg[1])
					break;
			if (s->long_name && arg[2])
				value = arg + 2;
		}
		if (!s->long_name) {
			fprintf(stderr, "ccveto: unknown option '%s'\n", arg);
			opt_usage(stderr, specs, usage_line, summary);
			return CV_EUSAGE;
		}
		if (s->kind == OPT_FLAG && value) {
			fprintf(stderr, "ccveto: option '%s' takes no value\n",
				arg);
			return CV_EUSAGE;
		}
		if (s->kind != OPT_FLAG && !value) {
			if (i + 1 >= argc) {
				fprintf(stderr, "ccveto: option '%s' needs a "
					"value\n", arg);
				return CV_EUSAGE;
			}
			value = argv[++i];
		}
		if (opt_apply(s, value) < 0)
			return CV_EUSAGE;
	}
	*nargs = n;
	return 0;
}
