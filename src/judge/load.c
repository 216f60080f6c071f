/* load.c - shared set-up of the judging commands, see load.h. */
#include "judge/load.h"

#include <string.h>

#include "json/jval.h"
#include "judge/toolcall.h"
#include "rules/ruleset.h"

int load_ruleset(struct ruleset **out, const struct config_opts *opts,
		 struct diag *d)
{
	struct ruleset *set = NULL;
	int error;

	*out = NULL;
	if ((error = ruleset_new(&set, d)) < 0 ||
	    (error = ruleset_load_embedded(set, d)) < 0 ||
	    (error = config_apply(set, opts, d)) < 0) {
		ruleset_free(set);
		return error;
	}
	*out = set;
	return 0;
}

int load_example_call(struct toolcall *out, struct arena *a,
		      const void *json, const char *home,
		      const char *cwd, const char *branch,
		      struct diag *d)
{
	const struct jv *ex = json;
	struct toolcall_opts o;
	const char *tool, *s;

	memset(&o, 0, sizeof(o));
	o.home = home;
	o.cwd = cwd;
	o.branch = branch;
	if (jv_is(ex, JV_STRING))
		return toolcall_from_command(out, a, ex->s,
					     strlen(ex->s), &o, d);
	if ((s = jv_get_string(ex, "cwd")))
		o.cwd = s;
	if ((s = jv_get_string(ex, "branch")))
		o.branch = s;
	if ((s = jv_get_string(ex, "home")))
		o.home = s;
	tool = jv_get_string(ex, "tool");
	if (!tool || !jv_is(jv_get(ex, "input"), JV_OBJECT))
		return diag_set(d, CV_EINVAL, "an example needs \"tool\" and "
				"an \"input\" object");
	return toolcall_from_tree(out, a, tool, jv_get(ex, "input"), &o, d);
}
