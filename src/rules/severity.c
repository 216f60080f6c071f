/* severity.c - the severity names, see severity.h. */
#include "rules/severity.h"

#include <string.h>

static const char *const names[SEVERITY_COUNT] = {
	"info", "low", "medium", "high", "critical",
};

const char *severity_name(enum severity s)
{
	return (unsigned)s < SEVERITY_COUNT ? names[s] : "?";
}

int severity_parse(enum severity *out, const char *name)
{
	int i;

	for (i = 0; name && i < SEVERITY_COUNT; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum severity)i;
			return 0;
		}
	return -1;
}

enum severity severity_lower(enum severity s, int steps)
{
	int v = (int)s - steps;

	return v < 0 ? SEVERITY_INFO : (enum severity)v;
}
