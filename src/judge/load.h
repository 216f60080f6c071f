/* load.h - what every judging command sets up the same way: the
 * embedded packs, extra pack directories and the user's/project's config.
 * The set from load_ruleset() is freed with ruleset_free(). */
#ifndef CV_LOAD_H
#define CV_LOAD_H

#include "rules/config.h"
#include "util/diag.h"

struct ruleset;
struct toolcall;
struct arena;

int load_ruleset(struct ruleset **out, const struct config_opts *opts,
		 struct diag *d);

/* Builds a call from an example or batch line: a string is a Bash
 * command; an object is {"tool":…, "input":{…}, "cwd":…, "branch":…}.
 * `json` is the cJSON node; home/cwd/branch are defaults. */
int load_example_call(struct toolcall *out, struct arena *a,
		      const void *json, const char *home,
		      const char *cwd, const char *branch,
		      struct diag *d);

#endif
