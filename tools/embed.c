/* embed.c - build-time generator: validates the rule packs with the same
 * code the run-time loader uses (src/rulepack.c) and writes a C file that
 * holds each rule's JSON text and its prefilter facts.  The ccveto binary
 * then works with no installed files, and a broken pack fails the build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util/buf.h"
#include "util/arena.h"
#include "json/jval.h"
#include "rules/rulepack.h"
#include "util/safefile.h"

struct prog {
	char *program;
	size_t offset;		/* of the name in the text block */
	int rule;
};

/* A rule's strings, as offsets into the text block. */
struct rec {
	size_t id, pack, tools, programs, keywords, subcommands;
	unsigned effect_ops, effect_classes, db_ops;
	size_t json, json_len, examples, examples_len, rx, rx_len;
};

struct gen {
	int n;
	struct buf text;	/* embedded_text: every string, NUL-ended */
	/* What only a reached rule reads (its JSON, examples, regexes), put
	 * after text: the index strings every call scans (tools, programs,
	 * keywords) then share a few pages instead of one per rule. */
	struct buf bulk;
	struct rec *recs;
	char **ids;
	size_t nids;
	struct prog *progs;
	size_t nprogs;
	int *programless;
	size_t nprogramless;
};

static int cmp_prog(const void *a, const void *b)
{
	const struct prog *x = a, *y = b;
	int c = strcmp(x->program, y->program);

	return c ? c : x->rule - y->rule;
}

static void put_c_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '?')
			printf("\\?");	/* no trigraphs */
		else if (c < 0x20 || c >= 0x7f)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Appends s and its NUL to the text block; returns its offset, or
 * (size_t)-1 when out of memory. */
static size_t text_add(struct buf *t, const char *s, size_t len)
{
	size_t off = t->len;

	if (buf_put(t, s, len) < 0 || buf_putc(t, '\0') < 0)
		return (size_t)-1;
	return off;
}

/* A packed list (rules_embed.h): each item NUL-ended, then an empty one. */
static size_t text_add_list(struct buf *t, const char *const *v)
{
	size_t off = t->len;

	for (; *v; v++)
		if (buf_put(t, *v, strlen(*v) + 1) < 0)
			return (size_t)-1;
	if (buf_putc(t, '\0') < 0)
		return (size_t)-1;
	return off;
}

/* Writes the text block as one array, a string literal per line. */
static void put_text(const struct buf *t)
{
	size_t i;

	printf("_Alignas(8) const char embedded_text[] =");
	for (i = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)t->data[i];

		if (i % 64 == 0)
			printf("%s\n\t\"", i ? "\"" : "");
		/* Three-digit octal: never joined with a following digit. */
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '?')
			printf("\\?");	/* no trigraphs */
		else if (c < 0x20 || c >= 0x7f)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	printf("%s;\n\n", t->len ? "\"" : " \"\"");
}

/* Pads t with NULs to a multiple of 8: pcre2_serialize_decode() reads a
 * serialized block as words.  0, or -1 when out of memory. */
static int pad8(struct buf *t)
{
	while (t->len % 8)
		if (buf_putc(t, '\0') < 0)
			return -1;
	return 0;
}

/* Compiles the rule's regexes in rulepack_regex_keys order (which also
 * proves they compile) and writes them serialized, so that the hook
 * decodes a reached rule's regexes instead of compiling them. */
static int emit_regexes(struct gen *g, struct rec *rec,
			const struct jv *rule, struct diag *d)
{
	pcre2_code *codes[RULEPACK_NREGEX * 65];
	const struct jv *conds[65], *u;
	int32_t count = 0, i;
	size_t c, k, nconds = 0;
	uint8_t *bytes = NULL;
	PCRE2_SIZE size = 0;
	int32_t rc;

	conds[nconds++] = jv_get(rule, "match");
	jv_for_each(u, jv_get(rule, "unless"))
		if (nconds < 65)
			conds[nconds++] = u;
	for (c = 0; c < nconds; c++) {
		for (k = 0; k < RULEPACK_NREGEX; k++) {
			const char *pat = jv_get_string(conds[c],
						rulepack_regex_keys[k]);
			int err;
			PCRE2_SIZE off;

			if (!pat)
				continue;
			codes[count] = pcre2_compile((PCRE2_SPTR)pat,
				PCRE2_ZERO_TERMINATED, RULEPACK_PCRE2_OPTIONS,
				&err, &off, NULL);
			if (!codes[count]) {
				PCRE2_UCHAR msg[120];

				pcre2_get_error_message(err, msg, sizeof(msg));
				return diag_set(d, CV_EINVAL, "rule '%s': regex "
					"/%s/ does not compile at offset %zu: "
					"%s", jv_get_string(rule, "id"), pat,
					(size_t)off, msg);
			}
			count++;
		}
	}
	if (count == 0)
		return 0;
	rc = pcre2_serialize_encode((const pcre2_code **)codes, count, &bytes,
				    &size, NULL);
	for (i = 0; i < count; i++)
		pcre2_code_free(codes[i]);
	if (rc < 0)
		return diag_set(d, CV_EINVAL, "cannot serialize regexes (%d)",
				rc);
	rc = pad8(&g->bulk);
	rec->rx = g->bulk.len;
	rec->rx_len = (size_t)size;
	if (rc == 0)
		rc = buf_put(&g->bulk, (const char *)bytes, (size_t)size);
	pcre2_serialize_free(bytes);
	if (rc < 0)
		return diag_set(d, CV_ENOMEM, "out of memory");
	return 0;
}

static int emit_rule(void *arg, const struct rule_desc *desc, struct diag *d)
{
	struct gen *g = arg;
	struct rec *rec;
	size_t i;

	for (i = 0; i < g->nids; i++)
		if (!strcmp(g->ids[i], desc->id))
			return diag_set(d, CV_EINVAL, "duplicate rule id '%s'",
					desc->id);
	g->ids = realloc(g->ids, (g->nids + 1) * sizeof(*g->ids));
	if (!g->ids)
		return diag_set(d, CV_ENOMEM, "out of memory");
	g->ids[g->nids++] = strdup(desc->id);
	g->recs = realloc(g->recs, ((size_t)g->n + 1) * sizeof(*g->recs));
	if (!g->recs)
		return diag_set(d, CV_ENOMEM, "out of memory");
	rec = &g->recs[g->n];
	memset(rec, 0, sizeof(*rec));
	/* The hook parses a reached rule's JSON: keep the examples, which
	 * only the self-test reads, out of it. */
	{
		struct buf rule = BUF_INIT, ex = BUF_INIT;
		const struct jv *c;
		int error = buf_putc(&rule, '{');

		jv_for_each(c, desc->json) {
			if (!strcmp(c->key, "hit") || !strcmp(c->key, "miss"))
				continue;
			if (rule.len > 1 && error == 0)
				error = buf_putc(&rule, ',');
			if (error == 0)
				error = jv_write_string(&rule, c->key,
							strlen(c->key));
			if (error == 0)
				error = buf_putc(&rule, ':');
			if (error == 0)
				error = jv_write(&rule, c);
		}
		if (error == 0)
			error = buf_puts(&rule, "}");
		if (error == 0)
			error = buf_puts(&ex, "{\"hit\":");
		if (error == 0)
			error = jv_write(&ex, jv_get(desc->json, "hit"));
		if (error == 0)
			error = buf_puts(&ex, ",\"miss\":");
		if (error == 0)
			error = jv_write(&ex, jv_get(desc->json, "miss"));
		if (error == 0)
			error = buf_putc(&ex, '}');
		if (error < 0)
			return diag_set(d, CV_ENOMEM, "out of memory");
		rec->examples = text_add(&g->bulk, ex.data, ex.len);
		rec->examples_len = ex.len;
		rec->json = text_add(&g->bulk, rule.data, rule.len);
		rec->json_len = rule.len;
		buf_release(&ex);
		buf_release(&rule);
	}
	rec->id = text_add(&g->text, desc->id, strlen(desc->id));
	rec->pack = text_add(&g->text, desc->pack, strlen(desc->pack));
	rec->tools = text_add_list(&g->text, desc->tools);
	rec->programs = text_add_list(&g->text, desc->programs);
	rec->keywords = text_add_list(&g->text, desc->keywords);
	rec->subcommands = text_add_list(&g->text, desc->subcommands);
	{
		size_t k, off = rec->programs;

		for (k = 0; desc->programs[k]; k++) {
			g->progs = realloc(g->progs,
					   (g->nprogs + 1) * sizeof(*g->progs));
			if (!g->progs)
				return diag_set(d, CV_ENOMEM, "out of memory");
			g->progs[g->nprogs].program = strdup(desc->programs[k]);
			g->progs[g->nprogs].offset = off;
			off += strlen(desc->programs[k]) + 1;
			g->progs[g->nprogs].rule = g->n;
			g->nprogs++;
		}
		if (!desc->programs[0]) {
			g->programless = realloc(g->programless,
				(g->nprogramless + 1) * sizeof(int));
			if (!g->programless)
				return diag_set(d, CV_ENOMEM, "out of memory");
			g->programless[g->nprogramless++] = g->n;
		}
	}
	rec->effect_ops = desc->effect_ops;
	rec->effect_classes = desc->effect_classes;
	rec->db_ops = desc->db_ops;
	if (emit_regexes(g, rec, desc->json, d) < 0)
		return d->code;
	/* Offsets are unsigned in the tables; a failed append is -1. */
	if (g->text.len + g->bulk.len + 8 > 0xffffffffu ||
	    rec->id == (size_t)-1 ||
	    rec->pack == (size_t)-1 || rec->tools == (size_t)-1 ||
	    rec->programs == (size_t)-1 || rec->keywords == (size_t)-1 ||
	    rec->subcommands == (size_t)-1 || rec->json == (size_t)-1 ||
	    rec->examples == (size_t)-1)
		return diag_set(d, CV_ENOMEM, "out of memory or text too big");
	g->n++;
	return 0;
}

int main(int argc, char **argv)
{
	struct gen g = { 0, BUF_INIT, BUF_INIT, NULL, NULL, 0, NULL, 0, NULL,
			 0 };
	size_t k;
	struct diag d;
	const char **names = calloc((size_t)argc, sizeof(*names));
	const char **descs = calloc((size_t)argc, sizeof(*descs));
	const char **files = calloc((size_t)argc, sizeof(*files));
	struct arena trees;		/* every pack, alive until the end */
	int i, npacks = 0, total;

	if (!names || !descs || !files)
		return 1;
	arena_init(&trees);
	printf("/* generated by tools/embed.c from the rule packs - do not "
	       "edit */\n#include <stddef.h>\n#include \"rules/rules_embed.h\"\n\n");
	for (i = 1; i < argc; i++) {
		struct buf b = BUF_INIT;
		const char *base = strrchr(argv[i], '/');
		struct jv *pack = NULL;

		if (safefile_read(&b, argv[i], 4u << 20, 0, NULL) < 0) {
			fprintf(stderr, "embed: cannot read '%s'\n", argv[i]);
			return 1;
		}
		diag_clear(&d);
		if (jv_parse_copy(&pack, &trees, b.data, b.len, 0, &d) < 0 ||
		    rulepack_walk(pack, argv[i], emit_rule, &g, &d) < 0) {
			fprintf(stderr, "embed: %s: %s\n", argv[i], d.msg);
			return 1;
		}
		buf_release(&b);
		names[npacks] = jv_get_string(pack, "pack");
		descs[npacks] = jv_get_string(pack, "description");
		files[npacks] = base ? base + 1 : argv[i];
		npacks++;
	}
	total = g.n;
	/* The bulk goes after the index strings, 8-aligned for the
	 * regexes (embedded_text itself is 8-aligned). */
	{
		size_t base;
		int rc = pad8(&g.text);

		base = g.text.len;
		if (rc == 0)
			rc = buf_put(&g.text, g.bulk.data, g.bulk.len);
		if (rc < 0) {
			fprintf(stderr, "embed: out of memory\n");
			return 1;
		}
		for (i = 0; i < total; i++) {
			g.recs[i].json += base;
			g.recs[i].examples += base;
			if (g.recs[i].rx_len)
				g.recs[i].rx += base;
		}
		buf_release(&g.bulk);
	}
	put_text(&g.text);
	/* id, pack, tools, programs, keywords, subcommands, effect ops and
	 * classes, db ops, json, json_len, examples, examples_len, regexes, len */
	printf("const struct embedded_rule embedded_rules[] = {\n");
	for (i = 0; i < total; i++) {
		const struct rec *r = &g.recs[i];

		printf("\t{ %zu, %zu, %zu, %zu, %zu, %zu, %uu, %uu, %uu, %zu, "
		       "%zu, %zu, %zu, %zu, %zu },\n", r->id, r->pack, r->tools,
		       r->programs, r->keywords, r->subcommands,
		       r->effect_ops, r->effect_classes, r->db_ops, r->json,
		       r->json_len, r->examples, r->examples_len, r->rx,
		       r->rx_len);
	}
	printf("\t{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }\n};\n");
	free(g.recs);
	buf_release(&g.text);
	printf("const size_t embedded_rule_count = %d;\n\n", total);
	qsort(g.progs, g.nprogs, sizeof(*g.progs), cmp_prog);
	printf("const struct embedded_prog embedded_prog_index[] = {\n");
	for (k = 0; k < g.nprogs; k++) {
		printf("\t{ %zu, %d },\t/* %s */\n", g.progs[k].offset,
		       g.progs[k].rule, g.progs[k].program);
		free(g.progs[k].program);
	}
	printf("\t{ 0, 0 }\n};\nconst size_t embedded_prog_count = %zu;"
	       "\n", g.nprogs);
	printf("const unsigned embedded_programless[] = { ");
	for (k = 0; k < g.nprogramless; k++)
		printf("%d, ", g.programless[k]);
	printf("0 };\nconst size_t embedded_programless_count = %zu;\n\n",
	       g.nprogramless);
	free(g.progs);
	free(g.programless);
	printf("const struct embedded_pack embedded_packs[] = {\n");
	for (i = 0; i < npacks; i++) {
		printf("\t{ ");
		put_c_string(names[i]);
		printf(", ");
		put_c_string(files[i]);
		printf(", ");
		put_c_string(descs[i] ? descs[i] : "");
		printf(" },\n");
	}
	printf("\t{ NULL, NULL, NULL }\n};\n");
	for (i = 0; i < (int)g.nids; i++)
		free(g.ids[i]);
	free(g.ids);
	free(names);
	free(descs);
	free(files);
	arena_release(&trees);
	return 0;
}
