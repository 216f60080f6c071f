/* engine.c - shared set-up of the judging commands, see engine.h. */
#include <string.h>

#include "engine.h"
#include "json.h"
#include "ruleset.h"
#include "toolcall.h"

int engine_load(struct ruleset **out, const struct config_opts *opts,
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

int engine_call_from_example(struct toolcall *out, struct arena *a,
			     const void *json, const char *home,
			     const char *cwd, const char *branch,
			     struct diag *d)
{
	const cJSON *ex = json;
	struct toolcall_opts o;
	const char *tool, *s;
	char *text;
	int error;

	memset(&o, 0, sizeof(o));
	o.home = home;
	o.cwd = cwd;
	o.branch = branch;
	if (cJSON_IsString(ex))
		return toolcall_from_command(out, a, ex->valuestring,
					     strlen(ex->valuestring), &o, d);
	if ((s = json_get_string(ex, "cwd")))
		o.cwd = s;
	if ((s = json_get_string(ex, "branch")))
		o.branch = s;
	if ((s = json_get_string(ex, "home")))
		o.home = s;
	tool = json_get_string(ex, "tool");
	if (!tool || !cJSON_IsObject(json_get(ex, "input")))
		return diag_set(d, CV_EINVAL, "an example needs \"tool\" and "
				"an \"input\" object");
	text = cJSON_PrintUnformatted(json_get(ex, "input"));
	if (!text)
		return diag_set(d, CV_ENOMEM, "out of memory");
	error = toolcall_from_input(out, a, tool, text, strlen(text), &o, d);
	cJSON_free(text);
	return error;
}
