/* rule.c - one rule: its scalar fields read from its JSON on demand,
 * its conditions and regexes built on first use; see rule.h (what other
 * modules see) and compiled.h (the form ruleset.c stores and
 * judge/judge.c matches).
 *
 * Security invariant: a rule whose conditions cannot be built is marked
 * unusable (built < 0) and the judge turns that into a deny naming it;
 * it never silently matches nothing. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "json/jval.h"
#include "rules/compiled.h"
#include "rules/rulepack.h"

/* ---- scalar fields, parsed on demand ---- */

static int parse_decision(enum decision *out, const char *s)
{
	if (s && !strcmp(s, "deny"))
		*out = DECISION_DENY;
	else if (s && !strcmp(s, "ask"))
		*out = DECISION_ASK;
	else
		return -1;
	return 0;
}

int rule_load(struct rule *r, struct diag *d)
{
	enum decision dec;

	if (!r->json) {
		struct diag scratch;

		/* Validated at build time: failure means no memory. */
		if (jv_parse_copy(&r->json, r->trees, r->json_text,
				  r->json_len, 0, &scratch) < 0)
			return diag_set(d, CV_ENOMEM, "rule '%s': cannot parse "
					"its JSON", r->id);
	}
	if (!r->title) {
		r->title = jv_get_string(r->json, "title");
		r->why = jv_get_string(r->json, "why");
		r->instead = jv_get_string(r->json, "instead");
		if (severity_parse(&r->severity,
				       jv_get_string(r->json, "severity")) < 0 ||
			parse_decision(&dec,
				       jv_get_string(r->json, "decision")) < 0)
			return diag_set(d, CV_EINVAL, "rule '%s' is malformed",
					r->id);
		if (!r->decision_set)
			r->decision = dec;
	}
	return 0;
}

/* Accessors parse on demand; a rule that cannot be parsed was rejected
 * at load time (user packs) or at build time (embedded), so failure here
 * means out of memory and the fields read as empty. */
static struct rule *loaded(const struct rule *r)
{
	struct rule *m = (struct rule *)r;

	rule_load(m, NULL);
	return m;
}

const char *rule_id(const struct rule *r) { return r->id; }
const char *rule_pack(const struct rule *r) { return r->pack; }
const char *rule_origin(const struct rule *r) { return r->origin; }
bool rule_enabled(const struct rule *r) { return r->enabled && !r->replaced; }
const char *rule_title(const struct rule *r)
{
	const char *s = loaded(r)->title;
	return s ? s : "";
}
const char *rule_why(const struct rule *r)
{
	const char *s = loaded(r)->why;
	return s ? s : "";
}
const char *rule_instead(const struct rule *r)
{
	const char *s = loaded(r)->instead;
	return s ? s : "";
}
enum decision rule_decision(const struct rule *r)
{
	return loaded(r)->decision;
}
enum severity rule_severity(const struct rule *r)
{
	return loaded(r)->severity;
}
const void *rule_json(const struct rule *r)
{
	return loaded(r)->json;
}

const void *rule_examples(const struct rule *r)
{
	struct rule *m = (struct rule *)r;

	if (!m->examples_text)
		return rule_json(r);
	if (!m->examples) {
		struct diag scratch;

		if (jv_parse_copy(&m->examples, m->trees, m->examples_text,
				  m->examples_len, 0, &scratch) < 0)
			m->examples = NULL;
	}
	return m->examples;
}

const char *decision_name(enum decision d)
{
	switch (d) {
	case DECISION_DENY: return "deny";
	case DECISION_ASK: return "ask";
	case DECISION_NONE: break;
	}
	/* Not "allow": ccveto never allows, Claude Code's own permission
	 * rules still decide. */
	return "none";
}

/* ---- conditions ---- */

/* The regex slots of a condition, in rulepack_regex_keys order. */
struct rx *rule_rx(struct cond *c, size_t k)
{
	static const size_t off[RULEPACK_NREGEX] = {
		offsetof(struct cond, args), offsetof(struct cond, path),
		offsetof(struct cond, line), offsetof(struct cond, redirect),
		offsetof(struct cond, code), offsetof(struct cond, content),
		offsetof(struct cond, url), offsetof(struct cond, host),
		offsetof(struct cond, mcp_server),
		offsetof(struct cond, mcp_tool), offsetof(struct cond, strings),
		offsetof(struct cond, option), offsetof(struct cond, canon),
		offsetof(struct cond, mcp_action) };

	return (struct rx *)((char *)c + off[k]);
}

static int flagspec_parse(struct flagspec *f, const char *spec)
{
	const char *p = spec;

	memset(f, 0, sizeof(*f));
	while (*p) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > 2 && p[0] == '-' && p[1] == '-') {
			if (f->nlongs >= 8)
				return -1;
			f->longs[f->nlongs++] = p + 2;	/* ends at '|' */
		} else if (len == 2 && p[0] == '-') {
			size_t n = strlen(f->shorts);
			if (n + 1 >= sizeof(f->shorts))
				return -1;
			f->shorts[n] = p[1];
		} else {
			return -1;
		}
		p += len;
		if (*p == '|')
			p++;
	}
	return 0;
}

static const struct jv *cond_list(const struct jv *c, const char *key)
{
	const struct jv *v = jv_get(c, key);

	return jv_is(v, JV_ARRAY) ? v : NULL;
}

static int cond_build(struct cond *c, const struct jv *j, const char *id,
		      struct diag *d)
{
	const struct jv *flags, *f;
	size_t n = 0, k;

	memset(c, 0, sizeof(*c));
	c->program = cond_list(j, "program");
	c->subcommand = cond_list(j, "subcommand");
	c->input_from = cond_list(j, "input_from");
	c->via = cond_list(j, "via");
	c->keywords = cond_list(j, "keywords");
	c->input_true = cond_list(j, "input_true");
	c->git_push_protected =
		jv_get_true(j, "git_push_protected");
	c->git_ref_protected = jv_get_true(j, "git_ref_protected");
	c->git_reset_moves = jv_get_true(j, "git_reset_moves");
	c->holds_secret = jv_get_true(j, "holds_secret");
	if ((f = jv_get(j, "effect"))) {
		const struct jv *v;
		size_t i;

		jv_for_each(v, cond_list(f, "op"))
			for (i = 0; rulepack_effect_ops[i]; i++)
				if (!strcmp(rulepack_effect_ops[i], v->s))
					c->effect_ops |= 1u << i;
		jv_for_each(v, cond_list(f, "class"))
			for (i = 0; rulepack_effect_classes[i]; i++)
				if (!strcmp(rulepack_effect_classes[i], v->s))
					c->effect_classes |= 1u << i;
		if (!c->effect_ops || !c->effect_classes)
			return diag_set(d, CV_EINVAL, "rule '%s': bad effect",
					id);
	}
	if ((f = jv_get(j, "db")) && !(c->db_ops = rulepack_db_ops(f)))
		return diag_set(d, CV_EINVAL, "rule '%s': bad db", id);
	/* One walk over the members, not a lookup per regex key. */
	jv_for_each(f, j) {
		if (!jv_is(f, JV_STRING) || !f->key)
			continue;
		for (k = 0; k < RULEPACK_NREGEX; k++)
			if (!strcmp(f->key, rulepack_regex_keys[k])) {
				rule_rx(c, k)->pattern = f->s;
				break;
			}
	}
	if ((flags = cond_list(j, "flags"))) {
		c->nflags = flags->n;
		c->flags = calloc(c->nflags, sizeof(*c->flags));
		if (!c->flags)
			return diag_set(d, CV_ENOMEM, "out of memory");
		jv_for_each(f, flags) {
			if (!jv_is(f, JV_STRING) ||
			    flagspec_parse(&c->flags[n], f->s) < 0)
				return diag_set(d, CV_EINVAL, "rule '%s': bad "
					"flag spec '%s' (want -x|--long)", id,
					jv_is(f, JV_STRING) ? f->s :
							    "?");
			n++;
		}
	}
	return 0;
}

static void rx_free(struct rx *x)
{
	pcre2_code_free(x->code);
	x->code = NULL;
}

static void cond_free(struct cond *c)
{
	size_t k;

	free(c->flags);
	for (k = 0; k < RULEPACK_NREGEX; k++)
		rx_free(rule_rx(c, k));
	memset(c, 0, sizeof(*c));
}

void rule_release_conds(struct rule *r)
{
	size_t i;

	if (r->built <= 0)
		return;
	if (r->match)
		cond_free(r->match);
	free(r->match);
	r->match = NULL;
	for (i = 0; i < r->nunless; i++)
		cond_free(&r->unless[i]);
	free(r->unless);
	r->unless = NULL;
	r->nunless = 0;
	r->built = 0;
}

/* Embedded rules carry their regexes compiled at build time; decoding is
 * a copy, compiling costs 20k-180k instructions per regex.  If the PCRE2
 * at run time cannot read them (another version), or the count does not
 * line up, nothing is assigned and regexes compile lazily as usual. */
static void rule_decode_regexes(struct rule *r)
{
	pcre2_code *codes[RULEPACK_NREGEX * 16];
	int32_t n, got, used = 0;
	size_t c, k, nconds = 1 + r->nunless;

	if (!r->regexes)
		return;
	n = pcre2_serialize_get_number_of_codes(r->regexes);
	if (n <= 0 || n > (int32_t)(sizeof(codes) / sizeof(*codes)))
		return;
	got = pcre2_serialize_decode(codes, n, r->regexes, NULL);
	if (got != n)
		return;
	for (c = 0; c < nconds; c++) {
		struct cond *cd = c == 0 ? r->match : &r->unless[c - 1];

		for (k = 0; k < RULEPACK_NREGEX; k++) {
			struct rx *x = rule_rx(cd, k);

			if (!x->pattern)
				continue;
			if (used < n && !x->code)
				x->code = codes[used];
			else if (used < n)
				pcre2_code_free(codes[used]);
			used++;
		}
	}
	/* A mismatch means the data is not what we think: use none of it. */
	if (used != n) {
		for (c = 0; c < nconds; c++) {
			struct cond *cd = c == 0 ? r->match : &r->unless[c - 1];
			for (k = 0; k < RULEPACK_NREGEX; k++)
				rx_free(rule_rx(cd, k));
		}
		while (used < n)
			pcre2_code_free(codes[used++]);
	}
}

int rule_build(struct rule *r, struct diag *d)
{
	const struct jv *unless, *u;
	size_t i = 0;
	int error;

	if (r->built > 0)
		return 0;
	if (r->built < 0)
		return diag_set(d, CV_EINVAL, "rule '%s' is unusable", r->id);
	if ((error = rule_load(r, d)) < 0)
		return error;
	r->built = 1;	/* from here on rule_release_conds() cleans up */
	if (!(r->match = calloc(1, sizeof(*r->match)))) {
		error = diag_set(d, CV_ENOMEM, "out of memory");
		goto fail;
	}
	if ((error = cond_build(r->match,
				jv_get(r->json, "match"),
				r->id, d)) < 0)
		goto fail;
	unless = jv_get(r->json, "unless");
	if (jv_is(unless, JV_ARRAY) && unless->n > 0) {
		r->nunless = unless->n;
		r->unless = calloc(r->nunless, sizeof(*r->unless));
		if (!r->unless) {
			error = diag_set(d, CV_ENOMEM, "out of memory");
			goto fail;
		}
		jv_for_each(u, unless)
			if ((error = cond_build(&r->unless[i++], u, r->id,
						d)) < 0)
				goto fail;
	}
	rule_decode_regexes(r);
	return 0;
fail:
	rule_release_conds(r);
	r->built = -1;
	return error;
}

/* Compiles a regex condition that did not arrive precompiled (user
 * packs, or a PCRE2 that could not decode the embedded codes). */
int rule_rx_compile(struct rx *x, const char *id, struct diag *d)
{
	PCRE2_UCHAR msg[120];
	PCRE2_SIZE off;
	int err;

	x->code = pcre2_compile((PCRE2_SPTR)x->pattern, PCRE2_ZERO_TERMINATED,
				RULEPACK_PCRE2_OPTIONS, &err, &off, NULL);
	if (x->code)
		return 0;
	pcre2_get_error_message(err, msg, sizeof(msg));
	return diag_set(d, CV_EINVAL, "rule '%s': regex /%s/ does not compile "
			"at offset %zu: %s", id, x->pattern, (size_t)off, msg);
}

/* Every regex of the rule compiled now, not on first use. */
int rule_compile(struct rule *r, struct diag *d)
{
		size_t c, k;
	int error;

	if ((error = rule_build(r, d)) < 0)
		return error;
	for (c = 0; c <= r->nunless; c++) {
		struct cond *cd = c == 0 ? r->match : &r->unless[c - 1];

		for (k = 0; k < RULEPACK_NREGEX; k++) {
			struct rx *x = rule_rx(cd, k);

			if (x->pattern && !x->code &&
			    (error = rule_rx_compile(x, r->id, d)) < 0)
				return error;
		}
	}
	return 0;
}
