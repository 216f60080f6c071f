/* inject-score.c - inject_scan() over the labelled corpus
 * (tests/corpus/inject/, JSON Lines): recall on attacks and the flagged rate on
 * lookalikes, per kind and per carrier.  Built from the hook's own objects
 * by tests/corpus/inject-score.sh, so what is scored is what ships.
 *
 *   inject-score [-v] FILE.jsonl...   score; -v lists misses and flags
 *   inject-score -b FILE [N]          scan FILE's bytes N times (cost)
 *
 * A line is {"id","carrier","kinds":[...],"text"}; no kinds is a
 * lookalike.  An attack counts as caught when anything is flagged, and
 * as caught "as K" when kind K is, for each labelled K. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hook/inject.h"
#include "json/jval.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

#define MAXC 64

struct tally {
	char name[32];
	unsigned n, hit;
};

static struct tally kinds_att[INJ_NKINDS], kinds_fp[INJ_NKINDS];
static struct tally car_att[MAXC], car_look[MAXC];

static struct tally *slot(struct tally *t, const char *name)
{
	unsigned k;

	for (k = 0; k < MAXC; k++) {
		if (!t[k].name[0])
			snprintf(t[k].name, sizeof(t[k].name), "%s", name);
		if (!strcmp(t[k].name, name))
			return &t[k];
	}
	return &t[MAXC - 1];
}

static int kind_of(const char *name)
{
	int k;

	for (k = 0; k < INJ_NKINDS; k++)
		if (!strcmp(inject_kind_name((enum inject_kind)k), name))
			return k;
	return -1;
}

static void show(const char *what, const char *id, const struct jv *text,
		 const struct inject_report *r)
{
	unsigned k;

	printf("  %s %s:", what, id);
	for (k = 0; k < r->n; k++)
		printf(" %s(%d)@%zu", inject_kind_name(r->hit[k].kind),
		       r->hit[k].score, r->hit[k].off);
	printf("  ");
	for (k = 0; k < text->len && k < 100; k++)
		putchar(text->s[k] == '\n' ? ' ' : text->s[k]);
	putchar('\n');
}

static int bench(const char *path, long rounds)
{
	struct buf b = BUF_INIT;
	struct inject_report r;
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	unsigned long flagged = 0;

	if (!f)
		return perror(path), 2;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_put(&b, chunk, n) < 0)
			return 2;
	fclose(f);
	while (rounds-- > 0)
		flagged += inject_scan(&r, b.data, b.len) != 0;
	printf("%zu bytes, flagged %lu, kinds %#x, invisible %zu\n", b.len,
	       flagged, r.kinds, r.invisible_bytes);
	buf_release(&b);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned att = 0, caught = 0, look = 0, flagged = 0, k;
	int verbose = 0, a = 1;
	char line[1 << 20];

	if (argc > 2 && !strcmp(argv[1], "-b"))
		return bench(argv[2], argc > 3 ? atol(argv[3]) : 1);
	if (argc > 1 && !strcmp(argv[1], "-v"))
		verbose = 1, a++;
	for (k = 0; k < INJ_NKINDS; k++) {
		snprintf(kinds_att[k].name, sizeof(kinds_att[k].name), "%s",
			 inject_kind_name((enum inject_kind)k));
		kinds_fp[k] = kinds_att[k];
	}
	for (; a < argc; a++) {
		FILE *f = fopen(argv[a], "r");

		if (!f)
			return perror(argv[a]), 2;
		while (fgets(line, sizeof(line), f)) {
			struct arena ar;
			struct diag d = { 0 };
			struct jv *root;
			const struct jv *text, *ks, *c;
			const char *id, *carrier;
			struct inject_report r;
			unsigned got;

			arena_init(&ar);
			if (jv_parse_copy(&root, &ar, line, strlen(line), 0,
					  &d) < 0) {
				fprintf(stderr, "%s: %s\n", argv[a], d.msg);
				return 2;
			}
			text = jv_get(root, "text");
			ks = jv_get(root, "kinds");
			id = jv_get_string(root, "id");
			carrier = jv_get_string(root, "carrier");
			got = inject_scan(&r, text->s, text->len);
			if (ks->child) {
				struct tally *t = slot(car_att, carrier);
				int any = 0;

				att++;
				t->n++;
				if (got)
					caught++, t->hit++, any = 1;
				for (c = ks->child; c; c = c->next) {
					int kk = kind_of(c->s);

					if (kk < 0)
						continue;
					kinds_att[kk].n++;
					if (got & 1u << kk)
						kinds_att[kk].hit++;
					else if (verbose && any)
						show("wrong-kind", id, text,
						     &r);
				}
				if (!any && verbose)
					show("miss", id, text, &r);
			} else {
				struct tally *t = slot(car_look, carrier);

				look++;
				t->n++;
				if (got)
					flagged++, t->hit++;
				for (k = 0; k < INJ_NKINDS; k++)
					if (got & 1u << k)
						kinds_fp[k].hit++;
				if (got && verbose)
					show("flagged", id, text, &r);
			}
			arena_release(&ar);
		}
		fclose(f);
	}
	printf("attacks    %4u  caught %4u  recall %.3f\n", att, caught,
	       att ? (double)caught / att : 0);
	printf("lookalikes %4u  flagged %3u  rate   %.3f\n", look, flagged,
	       look ? (double)flagged / look : 0);
	printf("\nper kind      attacks  caught-as-kind  recall  "
	       "lookalikes-flagged-as-kind\n");
	for (k = 0; k < INJ_NKINDS; k++)
		printf("  %-12s %6u  %14u  %6.3f  %u\n", kinds_att[k].name,
		       kinds_att[k].n, kinds_att[k].hit, kinds_att[k].n ?
		       (double)kinds_att[k].hit / kinds_att[k].n : 0,
		       kinds_fp[k].hit);
	printf("\nper carrier (attacks: recall)\n");
	for (k = 0; k < MAXC && car_att[k].name[0]; k++)
		printf("  %-18s %4u  %.3f\n", car_att[k].name, car_att[k].n,
		       (double)car_att[k].hit / car_att[k].n);
	printf("\nper carrier (lookalikes: flagged rate)\n");
	for (k = 0; k < MAXC && car_look[k].name[0]; k++)
		printf("  %-18s %4u  %.3f\n", car_look[k].name, car_look[k].n,
		       (double)car_look[k].hit / car_look[k].n);
	return 0;
}
