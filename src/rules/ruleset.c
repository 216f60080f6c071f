/* ruleset.c - loaded rule packs, see ruleset.h.
 *
 * Embedded rules arrive as JSON text per rule plus their prefilter facts
 * (tools, programs, keywords), so loading the defaults parses nothing: a
 * rule's JSON is parsed, and its regexes compiled (rule.c), only when a
 * call reaches it through the program index or a keyword. */
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "json/jval.h"
#include "rules/compiled.h"
#include "rules/ruleset.h"
#include "rules/rulepack.h"
#include "rules/rules_embed.h"
#include "util/safefile.h"
#include "shell/subject.h"
#include "util/text.h"

/* A run-time program index entry (rules loaded from files). */
struct prog_entry {
	const char *program;
	unsigned rule;			/* index into set->rules */
};

/* An exception (ruleset_add_exception): exactly one of path, command. */
struct exception {
	char *rule;
	char *path;		/* fnmatch glob, or NULL */
	pcre2_code *command;	/* whole-line regex, or NULL */
};

struct ruleset {
	struct rule **rules;		/* NULL: embedded, not filled yet */
	size_t n, cap;
	struct arena trees;		/* every parsed pack and rule: rules
					 * point into them */
	char **origins;			/* user packs' file names */
	size_t npacks;
	/* Prefilter index, rebuilt lazily after loads. */
	bool index_dirty;
	struct prog_entry *by_prog;	/* rules not in the built-in index */
	size_t nby_prog;
	struct rule **by_prog_rules;	/* scratch for ruleset_by_program */
	size_t *programless;		/* indexes into rules */
	struct rule **programless_hits;	/* ruleset_programless's answer */
	size_t nprogramless, nprogramless_hits;
	char *hits_tool;		/* ... for this tool (every subject of
					 * a call asks for the same one) */
	char **branches;
	size_t nbranches;
	struct exception *ex;
	size_t nex;
	pcre2_match_context *ex_mctx;	/* made on the first command match */
	pcre2_match_data *ex_md;
	/* Embedded rules loaded first keep the index computed at build
	 * time; only rules added later are indexed at run time. */
	struct rule *embedded_block;	/* a slot per embedded rule, used if
					 * the arena has no memory (rule_get) */
	size_t nembedded;
	bool static_index;
};

static const char *const default_branches[] = { "main", "master",
						"release/*" };

int ruleset_new(struct ruleset **out, struct diag *d)
{
	struct ruleset *set = calloc(1, sizeof(*set));

	*out = NULL;
	if (!set)
		return diag_set(d, CV_ENOMEM, "out of memory");
	set->index_dirty = true;	/* even an empty set needs an index */
	arena_init(&set->trees);
	*out = set;
	return 0;
}

static void fill_embedded(struct rule *r, const struct embedded_rule *e);

/* The rule at index i.  An embedded rule not used yet (a NULL entry) is
 * filled from embedded_rules first; rules a call cannot reach are never
 * filled, so they cost neither the writes nor the fresh pages. */
static struct rule *rule_get(struct ruleset *set, size_t i)
{
	if (!set->rules[i]) {
		/* Filled rules sit together in the set's arena, next to
		 * their parsed JSON, rather than at their scattered slots in
		 * the block: fewer fresh pages.  The slot is the fallback. */
		struct rule *r = arena_alloc(&set->trees, sizeof(*r));

		if (!r)
			r = &set->embedded_block[i];
		memset(r, 0, sizeof(*r));
		fill_embedded(r, &embedded_rules[i]);
		r->in_block = true;
		r->trees = &set->trees;
		set->rules[i] = r;
	}
	return set->rules[i];
}

/* The rule's packed tool list, without filling an embedded rule. */
static const char *rule_tools(const struct ruleset *set, size_t i)
{
	return set->rules[i] ? set->rules[i]->tools :
	       EMBEDDED_TEXT(embedded_rules[i].tools);
}

static void fill_all(struct ruleset *set)
{
	size_t i;

	for (i = 0; i < set->nembedded; i++)
		rule_get(set, i);
}

static void rule_free(struct rule *r)
{
	rule_release_conds(r);
	free(r->owned_lists);
	if (!r->in_block)
		free(r);
}

void ruleset_free(struct ruleset *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		if (set->rules[i])
			rule_free(set->rules[i]);
	free(set->rules);
	free(set->embedded_block);
	for (i = 0; i < set->npacks; i++)
		free(set->origins[i]);
	free(set->origins);
	arena_release(&set->trees);
	free(set->by_prog);
	free(set->by_prog_rules);
	free(set->programless);
	free(set->programless_hits);
	for (i = 0; i < set->nex; i++) {
		free(set->ex[i].rule);
		free(set->ex[i].path);
		pcre2_code_free(set->ex[i].command);
	}
	free(set->ex);
	pcre2_match_data_free(set->ex_md);
	pcre2_match_context_free(set->ex_mctx);
	free(set->hits_tool);
	for (i = 0; i < set->nbranches; i++)
		free(set->branches[i]);
	free(set->branches);
	free(set);
}

static int add_rule(struct ruleset *set, struct rule *r, struct diag *d)
{
	size_t i;

	if (set->n >= CV_MAX_RULES) {
		rule_free(r);
		return diag_set(d, CV_ETOOBIG, "more than %d rules",
				CV_MAX_RULES);
	}
	/* A later pack redefines a rule id: the old rule stops applying. */
	fill_all(set);
	for (i = 0; i < set->n; i++)
		if (!set->rules[i]->replaced &&
		    !strcmp(set->rules[i]->id, r->id))
			set->rules[i]->replaced = true;
	if (set->n == set->cap) {
		size_t ncap = set->cap ? set->cap * 2 : 256;
		struct rule **nr = realloc(set->rules, ncap * sizeof(*nr));
		if (!nr) {
			rule_free(r);
			return diag_set(d, CV_ENOMEM, "out of memory");
		}
		set->rules = nr;
		set->cap = ncap;
	}
	set->rules[set->n++] = r;
	set->index_dirty = true;
	return 0;
}

static void fill_embedded(struct rule *r, const struct embedded_rule *e)
{
	r->id = EMBEDDED_TEXT(e->id);
	r->pack = EMBEDDED_TEXT(e->pack);
	r->origin = "built-in";
	r->tools = EMBEDDED_TEXT(e->tools);
	r->programs = EMBEDDED_TEXT(e->programs);
	r->keywords = EMBEDDED_TEXT(e->keywords);
	r->subcommands = EMBEDDED_TEXT(e->subcommands);
	r->effect_ops = e->effect_ops;
	r->effect_classes = e->effect_classes;
	r->db_ops = e->db_ops;
	r->json_text = EMBEDDED_TEXT(e->json);
	r->json_len = e->json_len;
	r->examples_text = EMBEDDED_TEXT(e->examples);
	r->examples_len = e->examples_len;
	r->regexes = e->regexes_len ?
		(const unsigned char *)EMBEDDED_TEXT(e->regexes) : NULL;
	r->regexes_len = e->regexes_len;
	r->enabled = true;
}

int ruleset_load_embedded(struct ruleset *set, struct diag *d)
{
	size_t i, n = embedded_rule_count;
	int error;

	if (set->n == 0 && n > 0) {
		/* The common case: one allocation, no duplicate checks (the
		 * generator refused duplicates) and the build-time index.
		 * Rules are filled when first used (rule_get); until then
		 * their entry in rules is NULL. */
		struct rule *block = malloc(n * sizeof(*block));
		struct rule **v = calloc(n, sizeof(*v));

		if (!block || !v) {
			free(block);
			free(v);
			return diag_set(d, CV_ENOMEM, "out of memory");
		}
		free(set->rules);
		set->rules = v;
		set->n = set->cap = n;
		set->embedded_block = block;
		set->nembedded = n;
		set->static_index = true;
		set->index_dirty = true;
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct rule *r = calloc(1, sizeof(*r));

		if (!r)
			return diag_set(d, CV_ENOMEM, "out of memory");
		fill_embedded(r, &embedded_rules[i]);
		r->trees = &set->trees;
		if ((error = add_rule(set, r, d)) < 0)
			return error;
	}
	return 0;
}

struct load_ctx {
	struct ruleset *set;
	const char *origin;
};

static int load_desc(void *arg, const struct rule_desc *desc, struct diag *d)
{
	struct load_ctx *ctx = arg;
	const char *const *src[4] = { desc->tools, desc->programs,
				       desc->keywords, desc->subcommands };
	const char **dst[4];
	struct rule *r = calloc(1, sizeof(*r));
	size_t size = 0, k, i;
	char *lists, *p;

	if (!r)
		return diag_set(d, CV_ENOMEM, "out of memory");
	/* The four lists packed like the embedded ones, in one block. */
	for (k = 0; k < 4; k++) {
		for (i = 0; src[k][i]; i++)
			size += strlen(src[k][i]) + 1;
		size++;
	}
	if (!(lists = malloc(size))) {
		free(r);
		return diag_set(d, CV_ENOMEM, "out of memory");
	}
	dst[0] = &r->tools;
	dst[1] = &r->programs;
	dst[2] = &r->keywords;
	dst[3] = &r->subcommands;
	for (p = lists, k = 0; k < 4; k++) {
		*dst[k] = p;
		for (i = 0; src[k][i]; i++)
			p = stpcpy(p, src[k][i]) + 1;
		*p++ = '\0';
	}
	r->owned_lists = lists;
	r->effect_ops = desc->effect_ops;
	r->effect_classes = desc->effect_classes;
	r->db_ops = desc->db_ops;
	r->id = desc->id;
	r->pack = desc->pack;
	r->origin = ctx->origin;
	r->json = (struct jv *)desc->json;
	r->trees = &ctx->set->trees;
	r->enabled = true;
	return add_rule(ctx->set, r, d);
}

int ruleset_load_pack(struct ruleset *set, const char *json, size_t len,
		      const char *origin, struct diag *d)
{
	struct load_ctx ctx;
	struct jv *pack;
	char **no, *org;
	int error;

	if (len > CV_MAX_PACK_BYTES)
		return diag_set(d, CV_ETOOBIG, "%s: pack larger than %u bytes",
				origin, CV_MAX_PACK_BYTES);
	if ((error = jv_parse_copy(&pack, &set->trees, json, len, 0, d)) < 0) {
		char msg[CV_DIAG_MAX];

		snprintf(msg, sizeof(msg), "%s", d->msg);
		return diag_set(d, error, "%s: %s", origin, msg);
	}
	/* The pack tree (in set->trees) and its origin string live as
	 * long as the set: its rules point into both. */
	org = strdup(origin);
	no = realloc(set->origins, (set->npacks + 1) * sizeof(*no));
	if (no)
		set->origins = no;
	if (!org || !no) {
		free(org);
		return diag_set(d, CV_ENOMEM, "out of memory");
	}
	set->origins[set->npacks] = org;
	set->npacks++;
	ctx.set = set;
	ctx.origin = org;
	return rulepack_walk(pack, origin, load_desc, &ctx, d);
}

int ruleset_load_dir(struct ruleset *set, const char *dir, struct diag *d)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	int error = 0;

	if (!dh)
		return diag_set(d, CV_ENOTFOUND, "cannot open rules directory "
				"'%s'", dir);
	while ((de = readdir(dh))) {
		size_t l = strlen(de->d_name);
		char **nn;

		if (l < 6 || strcmp(de->d_name + l - 5, ".json") ||
		    de->d_name[0] == '.')
			continue;
		nn = realloc(names, (n + 1) * sizeof(*nn));
		if (!nn || !(nn[n] = strdup(de->d_name))) {
			names = nn ? nn : names;
			error = diag_set(d, CV_ENOMEM, "out of memory");
			break;
		}
		names = nn;
		n++;
	}
	closedir(dh);
	if (!error)
		qsort(names, n, sizeof(*names), text_cmp_str);
	for (i = 0; i < n && !error; i++) {
		struct buf b = BUF_INIT, path = BUF_INIT;

		if (buf_printf(&path, "%s/%s", dir, names[i]) < 0) {
			error = diag_set(d, CV_ENOMEM, "out of memory");
		} else if ((error = safefile_read(&b, path.data,
						  CV_MAX_PACK_BYTES, 0,
						  d)) < 0) {
			error = diag_set(d, error, "rule pack '%s' %s",
					 path.data, error == CV_ENOTFOUND ?
					 "vanished while loading" : d->msg);
		} else {
			error = ruleset_load_pack(set, b.data, b.len,
						  path.data, d);
		}
		buf_release(&b);
		buf_release(&path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return error;
}

static struct rule *ruleset_find_rule(struct ruleset *set, const char *id)
{
	size_t i = set->n;

	while (i-- > 0) {
		/* An embedded rule not filled yet is compared by its id. */
		if (!set->rules[i] &&
		    strcmp(EMBEDDED_TEXT(embedded_rules[i].id), id))
			continue;
		if (!rule_get(set, i)->replaced &&
		    !strcmp(set->rules[i]->id, id))
			return set->rules[i];
	}
	return NULL;
}

int ruleset_disable(struct ruleset *set, const char *id, struct diag *d)
{
	struct rule *r = ruleset_find_rule(set, id);

	if (!r)
		return diag_set(d, CV_ENOTFOUND, "no rule '%s'", id);
	r->enabled = false;
	return 0;
}

int ruleset_set_decision(struct ruleset *set, const char *id,
			 enum decision dec, struct diag *d)
{
	struct rule *r = ruleset_find_rule(set, id);

	if (!r)
		return diag_set(d, CV_ENOTFOUND, "no rule '%s'", id);
	if (dec == DECISION_NONE) {
		r->enabled = false;
		return 0;
	}
	r->decision = dec;
	r->decision_set = true;
	return 0;
}

int ruleset_set_protected_branches(struct ruleset *set,
				   const char *const *globs, size_t n,
				   struct diag *d)
{
	char **nb = calloc(n ? n : 1, sizeof(*nb));
	size_t i;

	if (!nb)
		return diag_set(d, CV_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if (!(nb[i] = strdup(globs[i]))) {
			while (i-- > 0)
				free(nb[i]);
			free(nb);
			return diag_set(d, CV_ENOMEM, "out of memory");
		}
	}
	for (i = 0; i < set->nbranches; i++)
		free(set->branches[i]);
	free(set->branches);
	set->branches = nb;
	set->nbranches = n;
	return 0;
}

bool ruleset_branch_is_protected(const struct ruleset *set,
				 const char *branch)
{
	size_t i;

	if (!set->branches) {
		for (i = 0; i < 3; i++)
			if (!fnmatch(default_branches[i], branch, 0))
				return true;
		return false;
	}
	for (i = 0; i < set->nbranches; i++)
		if (!fnmatch(set->branches[i], branch, 0))
			return true;
	return false;
}

/* ---- exceptions ---- */

int ruleset_add_exception(struct ruleset *set, const char *rule,
			  const char *command, const char *path,
			  const char *origin, struct diag *d)
{
	struct exception *nv, x = { 0 };
	int errcode;
	PCRE2_SIZE erroff;

	if (command) {
		x.command = pcre2_compile((PCRE2_SPTR)command,
					  PCRE2_ZERO_TERMINATED,
					  PCRE2_ANCHORED | PCRE2_ENDANCHORED |
					  PCRE2_UTF, &errcode, &erroff, NULL);
		if (!x.command) {
			PCRE2_UCHAR msg[128];

			pcre2_get_error_message(errcode, msg, sizeof(msg));
			return diag_set(d, CV_EINVAL, "config '%s': exception "
					"for '%s': bad regex at offset %zu: %s",
					origin, rule, (size_t)erroff,
					(const char *)msg);
		}
	}
	if (!(x.rule = strdup(rule)) || (path && !(x.path = strdup(path))))
		goto oom;
	nv = realloc(set->ex, (set->nex + 1) * sizeof(*nv));
	if (!nv)
		goto oom;
	set->ex = nv;
	set->ex[set->nex++] = x;
	return 0;
oom:
	free(x.rule);
	free(x.path);
	pcre2_code_free(x.command);
	return diag_set(d, CV_ENOMEM, "out of memory");
}

bool ruleset_exception_applies(struct ruleset *set, const char *rule_id,
			       const struct subject *s)
{
	size_t i, j;

	for (i = 0; i < set->nex; i++) {
		const struct exception *x = &set->ex[i];

		if (strcmp(x->rule, rule_id))
			continue;
		if (x->command && s->kind == SUBJECT_COMMAND && s->line &&
		    !s->program_dynamic) {
			int rc;

			if (!set->ex_mctx) {
				set->ex_mctx = pcre2_match_context_create(NULL);
				set->ex_md = pcre2_match_data_create(4, NULL);
				if (!set->ex_mctx || !set->ex_md)
					return false;
				pcre2_set_match_limit(set->ex_mctx,
						      CV_PCRE2_MATCH_LIMIT);
				pcre2_set_depth_limit(set->ex_mctx,
						      CV_PCRE2_DEPTH_LIMIT);
			}
			/* A limit hit or any error is "no exception". */
			rc = pcre2_match(x->command, (PCRE2_SPTR)s->line,
					 strlen(s->line), 0, 0, set->ex_md,
					 set->ex_mctx);
			if (rc > 0)
				return true;
		}
		if (x->path && s->kind == SUBJECT_FILE && s->paths.n) {
			for (j = 0; j < s->paths.n; j++)
				if (fnmatch(x->path, s->paths.v[j], 0))
					break;
			if (j == s->paths.n)
				return true;
		}
	}
	return false;
}

size_t ruleset_count(const struct ruleset *set)
{
	return set->n;
}

const struct rule *ruleset_at(const struct ruleset *set, size_t i)
{
	return i < set->n ? rule_get((struct ruleset *)set, i) : NULL;
}

const struct rule *ruleset_find(const struct ruleset *set, const char *id)
{
	return ruleset_find_rule((struct ruleset *)set, id);
}

/* ---- prefilter index ---- */

static int cmp_prog(const void *a, const void *b)
{
	const struct prog_entry *x = a, *y = b;
	int c = strcmp(x->program, y->program);

	if (c)
		return c;
	/* Rule order (load order) among equal programs, for stable output. */
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Indexes the rules the build-time index does not cover (all of them
 * when the embedded packs were not loaded first), and lists every rule
 * without a program. */
static int build_index(struct ruleset *set)
{
	size_t first = set->static_index ? set->nembedded : 0;
	size_t i, n = 0, np = 0;
	struct prog_entry *e;
	struct rule **hits, **scratch;
	size_t *pl;

	for (i = first; i < set->n; i++) {
		const char *p;
		size_t c = 0;

		packed_for_each(p, rule_get(set, i)->programs)
			c++;
		n += c;
		if (!c)
			np++;
	}
	if (set->static_index)
		np += embedded_programless_count;
	e = malloc((n ? n : 1) * sizeof(*e));
	pl = malloc((np ? np : 1) * sizeof(*pl));
	hits = malloc((np ? np : 1) * sizeof(*hits));
	scratch = malloc((n + (set->static_index ? embedded_prog_count : 0) +
			  1) * sizeof(*scratch));
	if (!e || !pl || !hits || !scratch) {
		free(e);
		free(pl);
		free(hits);
		free(scratch);
		return -1;
	}
	n = np = 0;
	if (set->static_index)
		for (i = 0; i < embedded_programless_count; i++)
			pl[np++] = embedded_programless[i];
	for (i = first; i < set->n; i++) {
		struct rule *r = set->rules[i];
		const char *p;

		if (!r->programs[0])
			pl[np++] = i;
		packed_for_each(p, r->programs) {
			e[n].program = p;
			e[n].rule = (unsigned)i;
			n++;
		}
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), cmp_prog);
	free(set->by_prog);
	free(set->programless);
	free(set->programless_hits);
	free(set->hits_tool);
	set->hits_tool = NULL;
	free(set->by_prog_rules);
	set->by_prog = e;
	set->programless_hits = hits;
	set->nby_prog = n;
	set->programless = pl;
	set->nprogramless = np;
	set->by_prog_rules = scratch;
	set->index_dirty = false;
	return 0;
}

/* Appends the rules that index entries v[0..n) (sorted by program) list
 * for `program` to out; returns the new count.  One body for both
 * indexes: the built-in one names programs by offset, the run-time one
 * by pointer. */
#define PROG_LOOKUP(name, type, prog_of)				\
static size_t name(struct rule **out, size_t k, struct ruleset *set,	\
		   const type *v, size_t n, const char *program)	\
{									\
	size_t lo = 0, hi = n;						\
									\
	while (lo < hi) {						\
		size_t mid = lo + (hi - lo) / 2;			\
									\
		if (strcmp(prog_of(v[mid]), program) < 0)		\
			lo = mid + 1;					\
		else							\
			hi = mid;					\
	}								\
	while (lo < n && !strcmp(prog_of(v[lo]), program))		\
		out[k++] = rule_get(set, v[lo++].rule);			\
	return k;							\
}
#define EMBEDDED_PROG(e)	EMBEDDED_TEXT((e).program)
#define RUNTIME_PROG(e)		((e).program)
PROG_LOOKUP(embedded_lookup, struct embedded_prog, EMBEDDED_PROG)
PROG_LOOKUP(runtime_lookup, struct prog_entry, RUNTIME_PROG)

struct rule *const *ruleset_by_program(struct ruleset *set,
				       const char *program, size_t *n)
{
	size_t k = 0;

	*n = 0;
	if (set->index_dirty && build_index(set) < 0)
		return NULL;
	if (set->static_index)
		k = embedded_lookup(set->by_prog_rules, k, set,
				    embedded_prog_index, embedded_prog_count,
				    program);
	*n = runtime_lookup(set->by_prog_rules, k, set, set->by_prog,
			    set->nby_prog, program);
	return set->by_prog_rules;
}

struct rule *const *ruleset_all(struct ruleset *set, size_t *n)
{
	fill_all(set);
	*n = set->n;
	return set->rules;
}

/* The other name a tool's rules may be listed under: a rule for Bash is
 * one for PowerShell too (PowerShell commands are translated to shell,
 * shell/pwsh.h, and give the same subjects), and "mcp" names every MCP
 * tool.  Done here rather than by adding the names to the lists, which
 * would make every other tool's scan of them longer. */
static const char *tool_alias(const char *tool)
{
	if (tool[0] == 'P' && !strcmp(tool, "PowerShell"))
		return "Bash";
	if (tool[0] == 'm' && !strncmp(tool, "mcp__", 5))
		return "mcp";
	return NULL;
}

/* Does the packed tool list name this tool or its alias?  The first byte
 * decides most comparisons without a call: this runs for every
 * programless rule once per tool, and for every rule a program reaches. */
static bool tools_match(const char *tools, const char *tool,
			const char *alias)
{
	const char *t;

	packed_for_each(t, tools) {
		if (t[0] == tool[0] && !strcmp(t, tool))
			return true;
		if (alias && t[0] == alias[0] && !strcmp(t, alias))
			return true;
	}
	return false;
}

struct rule *const *ruleset_programless(struct ruleset *set,
					const char *tool, size_t *n)
{
	const char *alias;
	size_t i, k = 0;

	*n = 0;
	if (set->index_dirty && build_index(set) < 0)
		return NULL;
	if (set->hits_tool && !strcmp(set->hits_tool, tool)) {
		*n = set->nprogramless_hits;
		return set->programless_hits;
	}
	free(set->hits_tool);
	if (!(set->hits_tool = strdup(tool)))
		return NULL;
	/* Only the rules for this tool: the others are never filled. */
	alias = tool_alias(tool);
	for (i = 0; i < set->nprogramless; i++)
		if (tools_match(rule_tools(set, set->programless[i]), tool,
				alias))
			set->programless_hits[k++] =
				rule_get(set, set->programless[i]);
	*n = set->nprogramless_hits = k;
	return set->programless_hits;
}

bool rule_applies_to_tool(const struct rule *r, const char *tool)
{
	return tools_match(r->tools, tool, tool_alias(tool));
}
