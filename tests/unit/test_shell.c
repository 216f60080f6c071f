/* test_shell.c - the shell parser: input text -> subjects, as compact
 * strings.  A subject reads "prog|arg|arg" followed, when present, by
 * " via=a,b", " in=a,b", " code=[...]", " dyn" and redirects " >t";
 * subjects are joined by " ;; "; " !!" ends the list when the text was
 * not parsed completely. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "bounds.h"
#include "shell.h"
#include "tap.h"

static const struct shell_env env = { "/home/alice", "/home/alice/src",
				       "Bash" };

static void cat(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	snprintf(out + n, cap - n, "%s", s);
}

static void describe(char *out, size_t cap, const struct subject_list *l)
{
	size_t i, k;

	out[0] = '\0';
	for (i = 0; i < l->n; i++) {
		const struct subject *s = l->v[i];

		if (i)
			cat(out, cap, " ;; ");
		cat(out, cap, s->program);
		for (k = 0; k < s->args.n; k++) {
			cat(out, cap, "|");
			cat(out, cap, s->args.v[k]);
		}
		for (k = 0; k < s->via.n; k++) {
			cat(out, cap, k ? "," : " via=");
			cat(out, cap, s->via.v[k]);
		}
		for (k = 0; k < s->input_from.n; k++) {
			cat(out, cap, k ? "," : " in=");
			cat(out, cap, s->input_from.v[k]);
		}
		for (k = 0; k < s->code.n; k++) {
			cat(out, cap, " code=[");
			cat(out, cap, s->code.v[k]);
			cat(out, cap, "]");
		}
		if (s->program_dynamic)
			cat(out, cap, " dyn");
		for (k = 0; k < s->nredirects; k++) {
			static const char *const ops[] = { " <", " >", " >>",
							   " >&" };
			cat(out, cap, ops[s->redirects[k].op]);
			cat(out, cap, s->redirects[k].target);
		}
	}
	if (l->parse_incomplete)
		cat(out, cap, " !!");
}

static char got[65536];

static int parse(struct arena *a, struct subject_list *l, const char *in,
		 size_t len, struct diag *d)
{
	memset(l, 0, sizeof(*l));
	diag_clear(d);
	return shell_parse(l, a, &env, in, len, d);
}

static void t(const char *in, const char *want)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	int rc;

	arena_init(&a);
	rc = parse(&a, &l, in, strlen(in), &d);
	if (rc < 0)
		snprintf(got, sizeof(got), "error %d: %s", rc, d.msg);
	else
		describe(got, sizeof(got), &l);
	if (!ok(!strcmp(got, want), "%s", in))
		printf("#   want: %s\n#    got: %s\n", want, got);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	char buf[4096];

	if (argc > 1) {
		struct arena a;
		struct subject_list l;
		struct diag d;
		int i, rc;

		for (i = 1; i < argc; i++) {
			arena_init(&a);
			rc = parse(&a, &l, argv[i], strlen(argv[i]), &d);
			if (rc < 0)
				printf("error %d: %s\n", rc, d.msg);
			describe(buf, sizeof(buf), &l);
			printf("%s\n", buf);
			arena_release(&a);
		}
		return 0;
	}
	t("rm -rf ~", "rm|-rf|~");
	return tap_done();
}
