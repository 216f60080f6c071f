/* rulepack.c - rule pack validation, see rulepack.h.
 * Unknown keys are errors: a misspelt condition ("progam") must not turn a
 * rule into one that matches everything or nothing without anyone noticing. */
#include "rules/rulepack.h"

#include <string.h>

#include "json/jval.h"
#include "shell/dbq.h"
#include "rules/severity.h"
#include "util/text.h"

const char *const rulepack_condition_keys[] = {
	"program", "subcommand", "flags", "args", "path", "line",
	"redirect", "input_from", "via", "code", "git_push_protected",
	"git_ref_protected", "git_reset_moves",
	"keywords", "content", "url", "host", "mcp_server", "mcp_tool",
	"strings", "input_true", "effect", "option", "canon", "db", NULL
};

const char *const rulepack_effect_ops[] = {
	"read", "upload", "write", "overwrite", "delete", "move", "chmod",
	"create", "lock", "share-read", "share-write", NULL
};

const char *const rulepack_effect_classes[] = {
	"root", "system", "device", "home", "home-entry", "ancestor",
	"sibling", "project", "git", "credential", "secret", "home-data",
	"inside", "temp", "created", "other", "unresolved", "dotenv", "pipe",
	"home-state", "config", "system-file", "project-files", "guarded", "secret-file", NULL
};

const char *const rulepack_regex_keys[RULEPACK_NREGEX] = {
	"args", "path", "line", "redirect", "code", "content", "url", "host",
	"mcp_server", "mcp_tool", "strings", "option", "canon"
};

static const char *const rule_keys[] = {
	"id", "title", "severity", "decision", "tools", "match", "unless",
	"why", "instead", "hit", "miss", "references", "worktree_loss",
	"worktree_unknown", NULL
};

static const char *const list_keys[] = {
	"program", "subcommand", "flags", "input_from", "via", "keywords",
	"input_true", NULL
};

static int need_string(const struct jv *rule, const char *key, const char *id,
		       const char *origin, struct diag *d)
{
	const char *s = jv_get_string(rule, key);

	if (!s || !*s)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': missing string "
				"\"%s\"", origin, id, key);
	return 0;
}

static int string_list(const char **out, const struct jv *arr, const char *what,
		       const char *id, const char *origin, struct diag *d)
{
	const struct jv *c;
	size_t n = 0;

	if (!jv_is(arr, JV_ARRAY))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" must be "
				"an array of strings", origin, id, what);
	jv_for_each(c, arr) {
		if (!jv_is(c, JV_STRING) || !*c->s)
			return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" "
					"holds a non-string or empty item",
					origin, id, what);
		if (n >= RULEPACK_MAX_LIST)
			return diag_set(d, CV_ETOOBIG, "%s: rule '%s': more "
					"than %d items in \"%s\"", origin, id,
					RULEPACK_MAX_LIST, what);
		if (out)
			out[n] = c->s;
		n++;
	}
	if (n == 0)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" is empty",
				origin, id, what);
	if (out)
		out[n] = NULL;
	return 0;
}

/* "effect": {"op": [names], "class": [names]}, both required. */
static int check_effect(const struct jv *e, const char *id,
			const char *origin, struct diag *d)
{
	static const char *const keys[] = { "op", "class", NULL };
	const struct jv *c, *v;
	int error;

	if (!jv_is(e, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"effect\" must "
				"be an object", origin, id);
	jv_for_each(c, e)
		if (!text_in_list(c->key, keys))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"key \"%s\" in \"effect\"", origin, id,
					c->key);
	for (c = e->child; c; c = c->next) {
		const char *const *names = !strcmp(c->key, "op") ?
			rulepack_effect_ops : rulepack_effect_classes;

		if ((error = string_list(NULL, c, c->key, id, origin, d)) < 0)
			return error;
		jv_for_each(v, c)
			if (!text_in_list(v->s, names))
				return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"unknown effect %s \"%s\"", origin,
					id, c->key, v->s);
	}
	if (!jv_get(e, "op") || !jv_get(e, "class"))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"effect\" needs "
				"\"op\" and \"class\"", origin, id);
	return 0;
}

/* "db": {"op": [names of shell/dbq.h's operations]}. */
static int check_db(const struct jv *e, const char *id, const char *origin,
		    struct diag *d)
{
	const struct jv *c, *v;
	int error;

	if (!jv_is(e, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"db\" must be "
				"an object", origin, id);
	jv_for_each(c, e)
		if (strcmp(c->key, "op"))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"key \"%s\" in \"db\"", origin, id,
					c->key);
	if (!(c = jv_get(e, "op")))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"db\" needs "
				"\"op\"", origin, id);
	if ((error = string_list(NULL, c, "op", id, origin, d)) < 0)
		return error;
	jv_for_each(v, c)
		if (dbq_op_lookup(v->s) < 0)
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"db op \"%s\"", origin, id, v->s);
	return 0;
}

unsigned rulepack_db_ops(const struct jv *db)
{
	const struct jv *v;
	unsigned ops = 0;
	int k;

	jv_for_each(v, jv_get(db, "op"))
		if (jv_is(v, JV_STRING) && (k = dbq_op_lookup(v->s)) >= 0)
			ops |= 1u << k;
	return ops;
}

static int check_conditions(const struct jv *cond, const char *where,
			    const char *id, const char *origin,
			    struct diag *d)
{
	const struct jv *c;
	int error;

	if (!jv_is(cond, JV_OBJECT) || !cond->child)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" must be "
				"a non-empty object", origin, id, where);
	jv_for_each(c, cond) {
		if (!text_in_list(c->key, rulepack_condition_keys))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"condition \"%s\" in \"%s\"", origin,
					id, c->key, where);
		if (text_in_list(c->key, list_keys)) {
			if ((error = string_list(NULL, c, c->key, id,
						 origin, d)) < 0)
				return error;
		} else if (!strcmp(c->key, "effect")) {
			if ((error = check_effect(c, id, origin, d)) < 0)
				return error;
		} else if (!strcmp(c->key, "db")) {
			if ((error = check_db(c, id, origin, d)) < 0)
				return error;
		} else if (!strcmp(c->key, "git_push_protected") ||
			   !strcmp(c->key, "git_ref_protected") ||
			   !strcmp(c->key, "git_reset_moves")) {
			if (!jv_is(c, JV_TRUE))
				return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"\"%s\" must be true", origin, id,
					c->key);
		} else if (!jv_is(c, JV_STRING) || !*c->s) {
			return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" "
					"must be a regex string", origin, id,
					c->key);
		}
	}
	return 0;
}

static int check_examples(const struct jv *rule, const char *key,
			  const char *id, const char *origin, struct diag *d)
{
	const struct jv *arr = jv_get(rule, key), *c;
	int n = 0;

	if (!jv_is(arr, JV_ARRAY))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': \"%s\" examples "
				"missing", origin, id, key);
	jv_for_each(c, arr) {
		if (jv_is(c, JV_STRING) ||
		    (jv_is(c, JV_OBJECT) && jv_get_string(c, "tool") &&
		     jv_is(jv_get(c, "input"), JV_OBJECT)))
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

static int walk_rule(const struct jv *rule, const char *pack, const char *origin,
		     rulepack_fn fn, void *arg, struct diag *d)
{
	struct rule_desc desc;
	const struct jv *c, *match, *unless;
	const char *id, *s;
	enum severity sev;
	int error;

	memset(&desc, 0, sizeof(desc));
	if (!jv_is(rule, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "%s: a rule is not an object",
				origin);
	id = jv_get_string(rule, "id");
	if (!id || !valid_id(id, pack))
		return diag_set(d, CV_EINVAL, "%s: rule id '%s' must be "
				"'%s.<name>' in [a-z0-9._-]", origin,
				id ? id : "(missing)", pack);
	jv_for_each(c, rule)
		if (!text_in_list(c->key, rule_keys))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': unknown "
					"key \"%s\"", origin, id, c->key);
	if ((error = need_string(rule, "title", id, origin, d)) < 0 ||
	    (error = need_string(rule, "why", id, origin, d)) < 0 ||
	    (error = need_string(rule, "instead", id, origin, d)) < 0 ||
	    (error = need_string(rule, "severity", id, origin, d)) < 0 ||
	    (error = need_string(rule, "decision", id, origin, d)) < 0)
		return error;
	s = jv_get_string(rule, "decision");
	if (strcmp(s, "deny") && strcmp(s, "ask"))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': decision must be "
				"\"deny\" or \"ask\"", origin, id);
	if (severity_parse(&sev, jv_get_string(rule, "severity")) < 0 ||
		sev == SEVERITY_INFO)
		return diag_set(d, CV_EINVAL, "%s: rule '%s': severity must be "
				"critical, high, medium or low", origin, id);
	if ((c = jv_get(rule, "worktree_loss")) &&
	    (!jv_is(c, JV_STRING) || (strcmp(c->s, "tracked") &&
	     strcmp(c->s, "unstaged") &&
	     strcmp(c->s, "untracked") &&
	     strcmp(c->s, "stash"))))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': worktree_loss "
				"must be tracked, unstaged, untracked or stash",
				origin, id);
	if ((c = jv_get(rule, "worktree_unknown")) &&
	    (!jv_is(c, JV_STRING) || !jv_get(rule, "worktree_loss") ||
	     (strcmp(c->s, "keep") && strcmp(c->s, "none"))))
		return diag_set(d, CV_EINVAL, "%s: rule '%s': worktree_unknown "
				"must be keep or none, with worktree_loss",
				origin, id);
	match = jv_get(rule, "match");
	if ((error = check_conditions(match, "match", id, origin, d)) < 0)
		return error;
	unless = jv_get(rule, "unless");
	if (unless) {
		if (!jv_is(unless, JV_ARRAY))
			return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"\"unless\" must be an array of "
					"condition objects", origin, id);
		jv_for_each(c, unless)
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
	if ((c = jv_get(match, "effect"))) {
		const struct jv *v;
		size_t k;

		jv_for_each(v, jv_get(c, "op"))
			for (k = 0; rulepack_effect_ops[k]; k++)
				if (!strcmp(rulepack_effect_ops[k], v->s))
					desc.effect_ops |= 1u << k;
		jv_for_each(v, jv_get(c, "class"))
			for (k = 0; rulepack_effect_classes[k]; k++)
				if (!strcmp(rulepack_effect_classes[k], v->s))
					desc.effect_classes |= 1u << k;
	}
	if ((c = jv_get(match, "db")))
		desc.db_ops = rulepack_db_ops(c);
	if ((c = jv_get(rule, "tools")) &&
	    (error = string_list(desc.tools, c, "tools", id, origin, d)) < 0)
		return error;
	if (!jv_get(rule, "tools")) {
		desc.tools[0] = "Bash";
		desc.tools[1] = "Monitor";
	}
	if ((c = jv_get(match, "program")) &&
	    (error = string_list(desc.programs, c, "program", id, origin,
				 d)) < 0)
		return error;
	if ((c = jv_get(match, "subcommand")) &&
	    (error = string_list(desc.subcommands, c, "subcommand", id, origin,
				 d)) < 0)
		return error;
	if ((c = jv_get(match, "keywords")) &&
	    (error = string_list(desc.keywords, c, "keywords", id, origin,
				 d)) < 0)
		return error;
	/* A rule that applies to shell commands with neither a program nor
	 * keywords would be evaluated on every command of every call. */
	if (!desc.programs[0] && !desc.keywords[0] && applies_to_shell(&desc)) {
		/* The effect is its own prefilter: computed once per call,
		 * and empty for commands that touch no location; so are a
		 * database client's statements (db). */
		jv_for_each(c, match)
			if (strcmp(c->key, "input_true") &&
			    strcmp(c->key, "effect") && strcmp(c->key, "db"))
				return diag_set(d, CV_EINVAL, "%s: rule '%s': "
					"a rule for Bash/Monitor without "
					"\"program\" needs \"keywords\" (the "
					"prefilter)", origin, id);
	}
	return fn(arg, &desc, d);
}

int rulepack_walk(const struct jv *pack, const char *origin, rulepack_fn fn,
		  void *arg, struct diag *d)
{
	const struct jv *rules, *c;
	const char *name;
	int error;

	if (!jv_is(pack, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "%s: a pack must be a JSON "
				"object", origin);
	name = jv_get_string(pack, "pack");
	if (!name || !*name)
		return diag_set(d, CV_EINVAL, "%s: missing \"pack\" name",
				origin);
	jv_for_each(c, pack)
		if (strcmp(c->key, "pack") && strcmp(c->key, "rules") &&
		    strcmp(c->key, "description") &&
		    strcmp(c->key, "$schema"))
			return diag_set(d, CV_EINVAL, "%s: unknown pack key "
					"\"%s\"", origin, c->key);
	rules = jv_get(pack, "rules");
	if (!jv_is(rules, JV_ARRAY))
		return diag_set(d, CV_EINVAL, "%s: \"rules\" must be an array",
				origin);
	jv_for_each(c, rules)
		if ((error = walk_rule(c, name, origin, fn, arg, d)) < 0)
			return error;
	return 0;
}
