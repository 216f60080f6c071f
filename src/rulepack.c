/* rulepack.c - rule pack validation, see rulepack.h.
 * Unknown keys are errors: a misspelt condition ("progam") must not turn a
 * rule into one that matches everything or nothing without anyone noticing. */
#include <string.h>

#include "json.h"
#include "rulepack.h"

const char *const rulepack_condition_keys[] = {
	"program", "subcommand", "flags", "args", "path", "line",
	"redirect", "input_from", "via", "code", "git_push_protected",
	"keywords", "content", "url", "host", "mcp_server", "mcp_tool",
	"strings", "input_true", NULL
};

const char *const rulepack_regex_keys[RULEPACK_NREGEX] = {
	"args", "path", "line", "redirect", "code", "content", "url", "host",
	"mcp_server", "mcp_tool", "strings"
};

static const char *const rule_keys[] = {
	"id", "title", "severity", "decision", "tools", "match", "unless",
	"why", "instead", "hit", "miss", "references", "worktree_loss", NULL
};

static const char *const list_keys[] = {
	"program", "subcommand", "flags", "input_from", "via", "keywords",
	"input_true", NULL
};

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static int need_string(const cJSON *rule, const char *key, const char *id,
		       const char *origin, struct diag *d)
{
	const char *s = json_get_string(rule, key);

	if (!s || !*s)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': missing string "
				"\"%s\"", origin, id, key);
	return 0;
}

static int string_list(const char **out, const cJSON *arr, const char *what,
		       const char *id, const char *origin, struct diag *d)
{
	const cJSON *c;
	size_t n = 0;

	if (!cJSON_IsArray(arr))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" must be "
				"an array of strings", origin, id, what);
	cJSON_ArrayForEach(c, arr) {
		if (!cJSON_IsString(c) || !*c->valuestring)
			return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" "
					"holds a non-string or empty item",
					origin, id, what);
		if (n >= RULEPACK_MAX_LIST)
			return diag_set(d, CV_ETOOBIG, "%s: rule '%s': more "
					"than %d items in \"%s\"", origin, id,
					RULEPACK_MAX_LIST, what);
		if (out)
			out[n] = c->valuestring;
		n++;
	}
	if (n == 0)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" is empty",
				origin, id, what);
	if (out)
		out[n] = NULL;
	return 0;
}

static int check_conditions(const cJSON *cond, const char *where,
			    const char *id, const char *origin,
			    struct diag *d)
{
	const cJSON *c;
	int error;

	if (!cJSON_IsObject(cond) || !cond->child)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" must be "
				"a non-empty object", origin, id, where);
	cJSON_ArrayForEach(c, cond) {
		if (!in_list(rulepack_condition_keys, c->string))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"condition \"%s\" in \"%s\"", origin,
					id, c->string, where);
		if (in_list(list_keys, c->string)) {
			if ((error = string_list(NULL, c, c->string, id,
						 origin, d)) < 0)
				return error;
		} else if (!strcmp(c->string, "git_push_protected")) {
			if (!cJSON_IsTrue(c))
				return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"\"git_push_protected\" must be true",
					origin, id);
		} else if (!cJSON_IsString(c) || !*c->valuestring) {
			return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" "
					"must be a regex string", origin, id,
					c->string);
		}
	}
	return 0;
}

static int check_examples(const cJSON *rule, const char *key,
			  const char *id, const char *origin, struct diag *d)
{
	const cJSON *arr = json_get(rule, key), *c;
	int n = 0;

	if (!cJSON_IsArray(arr))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" examples "
				"missing", origin, id, key);
	cJSON_ArrayForEach(c, arr) {
		if (cJSON_IsString(c) ||
		    (cJSON_IsObject(c) && json_get_string(c, "tool") &&
		     cJSON_IsObject(json_get(c, "input"))))
			n++;
		else
			return diag_set(d, CV_EINVAL, "%s: rule '%s': a \"%s\""
					" example must be a string or "
					"{\"tool\":…,\"input\":{…}}", origin,
					id, key);
	}
	if (n < 3)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': needs at least 3 "
				"\"%s\" examples, has %d", origin, id, key, n);
	return 0;
}

static int valid_id(const char *id, const char *pack)
{
	size_t plen = strlen(pack);
	const char *p;

	if (strncmp(id, pack, plen) || id[plen] != '.' || !id[plen + 1])
		return 0;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

static int applies_to_shell(const struct rule_desc *desc)
{
	const char *const *t;

	for (t = desc->tools; *t; t++)
		if (!strcmp(*t, "Bash") || !strcmp(*t, "Monitor"))
			return 1;
	return 0;
}

static int walk_rule(const cJSON *rule, const char *pack, const char *origin,
		     rulepack_fn fn, void *arg, struct diag *d)
{
	struct rule_desc desc;
	const cJSON *c, *match, *unless;
	const char *id, *s;
	int error;

	memset(&desc, 0, sizeof(desc));
	if (!cJSON_IsObject(rule))
		return diag_set(d, CV_EINVAL, "%s: a rule is not an object",
				origin);
	id = json_get_string(rule, "id");
	if (!id || !valid_id(id, pack))
		return diag_set(d, CV_EINVAL, "%s: rule id '%s' must be "
				"'%s.<name>' in [a-z0-9._-]", origin,
				id ? id : "(missing)", pack);
	cJSON_ArrayForEach(c, rule)
		if (!in_list(rule_keys, c->string))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"key \"%s\"", origin, id, c->string);
	if ((error = need_string(rule, "title", id, origin, d)) < 0 ||
	    (error = need_string(rule, "why", id, origin, d)) < 0 ||
	    (error = need_string(rule, "instead", id, origin, d)) < 0 ||
	    (error = need_string(rule, "severity", id, origin, d)) < 0 ||
	    (error = need_string(rule, "decision", id, origin, d)) < 0)
		return error;
	s = json_get_string(rule, "decision");
	if (strcmp(s, "deny") && strcmp(s, "ask"))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': decision must be "
				"\"deny\" or \"ask\"", origin, id);
	s = json_get_string(rule, "severity");
	if (strcmp(s, "critical") && strcmp(s, "high") &&
	    strcmp(s, "medium") && strcmp(s, "low"))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': severity must be "
				"critical, high, medium or low", origin, id);
	if ((c = json_get(rule, "worktree_loss")) &&
	    (!cJSON_IsString(c) || (strcmp(c->valuestring, "tracked") &&
	     strcmp(c->valuestring, "unstaged") &&
	     strcmp(c->valuestring, "untracked") &&
	     strcmp(c->valuestring, "stash"))))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': worktree_loss "
				"must be tracked, unstaged, untracked or stash",
				origin, id);
	match = json_get(rule, "match");
	if ((error = check_conditions(match, "match", id, origin, d)) < 0)
		return error;
	unless = json_get(rule, "unless");
	if (unless) {
		if (!cJSON_IsArray(unless))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"\"unless\" must be an array of "
					"condition objects", origin, id);
		cJSON_ArrayForEach(c, unless)
			if ((error = check_conditions(c, "unless", id, origin,
						      d)) < 0)
				return error;
	}
	if ((error = check_examples(rule, "hit", id, origin, d)) < 0 ||
	    (error = check_examples(rule, "miss", id, origin, d)) < 0)
		return error;

	desc.id = id;
	desc.pack = pack;
	desc.json = rule;
	if ((c = json_get(rule, "tools")) &&
	    (error = string_list(desc.tools, c, "tools", id, origin, d)) < 0)
		return error;
	if (!json_get(rule, "tools")) {
		desc.tools[0] = "Bash";
		desc.tools[1] = "Monitor";
	}
	if ((c = json_get(match, "program")) &&
	    (error = string_list(desc.programs, c, "program", id, origin,
				 d)) < 0)
		return error;
	if ((c = json_get(match, "subcommand")) &&
	    (error = string_list(desc.subcommands, c, "subcommand", id, origin,
				 d)) < 0)
		return error;
	if ((c = json_get(match, "keywords")) &&
	    (error = string_list(desc.keywords, c, "keywords", id, origin,
				 d)) < 0)
		return error;
	/* A rule that applies to shell commands with neither a program nor
	 * keywords would be evaluated on every command of every call. */
	if (!desc.programs[0] && !desc.keywords[0] && applies_to_shell(&desc)) {
		cJSON_ArrayForEach(c, match)
			if (strcmp(c->string, "input_true"))
				return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"a rule for Bash/Monitor without "
					"\"program\" needs \"keywords\" (the "
					"prefilter)", origin, id);
	}
	return fn(arg, &desc, d);
}

int rulepack_walk(const cJSON *pack, const char *origin, rulepack_fn fn,
		  void *arg, struct diag *d)
{
	const cJSON *rules, *c;
	const char *name;
	int error;

	if (!cJSON_IsObject(pack))
		return diag_set(d, CV_EINVAL, "%s: a pack must be a JSON "
				"object", origin);
	name = json_get_string(pack, "pack");
	if (!name || !*name)
		return diag_set(d, CV_EINVAL, "%s: missing \"pack\" name",
				origin);
	cJSON_ArrayForEach(c, pack)
		if (strcmp(c->string, "pack") && strcmp(c->string, "rules") &&
		    strcmp(c->string, "description") &&
		    strcmp(c->string, "$schema"))
			return diag_set(d, CV_EINVAL, "%s: unknown pack key "
					"\"%s\"", origin, c->string);
	rules = json_get(pack, "rules");
	if (!cJSON_IsArray(rules))
		return diag_set(d, CV_EINVAL, "%s: \"rules\" must be an array",
				origin);
	cJSON_ArrayForEach(c, rules)
		if ((error = walk_rule(c, name, origin, fn, arg, d)) < 0)
			return error;
	return 0;
}
