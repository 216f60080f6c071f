/* test_pwsh.c - the PowerShell translator: PowerShell text -> sh text,
 * and the subjects shell_parse() reads from it ("prog|arg|arg", joined by
 * " ;; ", " dyn" for a computed program, " !!" when the text was not read
 * completely).  `test_pwsh TEXT` prints both, for debugging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "shell/pwsh.h"
#include "tap.h"

static const struct shell_env env = { "/home/alice", "/home/alice/src/webapp",
				       "PowerShell", NULL, NULL };

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

		if (!s->program)
			continue;
		if (out[0])
			cat(out, cap, " ;; ");
		cat(out, cap, s->program);
		for (k = 0; k < s->args.n; k++) {
			cat(out, cap, "|");
			cat(out, cap, s->args.v[k]);
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

static const char *one_line(const char *in)
{
	static char b[400];
	size_t o = 0;

	for (; *in && o + 3 < sizeof(b); in++) {
		if (*in == '\n') {
			b[o++] = '\\';
			b[o++] = 'n';
		} else {
			b[o++] = *in;
		}
	}
	b[o] = '\0';
	return b;
}

/* The subjects of `in` (length n) read as PowerShell. */
static const char *subjects_n(const char *in, size_t n)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	int rc;

	arena_init(&a);
	memset(&l, 0, sizeof(l));
	diag_clear(&d);
	rc = pwsh_parse(&l, &a, &env, in, n, &d);
	if (rc < 0)
		snprintf(got, sizeof(got), "error %s", diag_code_name(rc));
	else
		describe(got, sizeof(got), &l);
	arena_release(&a);
	return got;
}

static void t(const char *in, const char *want)
{
	const char *g = subjects_n(in, strlen(in));

	if (!ok(!strcmp(g, want), "%s", one_line(in)))
		printf("#   want: %s\n#    got: %s\n", want, g);
}

/* The sh text of `in`. */
static void sh(const char *in, const char *want)
{
	struct arena a;
	struct diag d;
	const char *out;
	size_t n;
	bool inc;

	arena_init(&a);
	if (pwsh_translate(&a, &env, in, strlen(in), &out, &n, &inc, &d) < 0)
		out = "(error)";
	if (!ok(!strcmp(out, want), "sh of %s", one_line(in)))
		printf("#   want: %s\n#    got: %s\n", one_line(want),
		       one_line(out));
	arena_release(&a);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		struct arena a;
		struct diag d;
		const char *out;
		size_t n;
		bool inc;

		arena_init(&a);
		if (pwsh_translate(&a, &env, argv[1], strlen(argv[1]), &out,
				   &n, &inc, &d) < 0)
			printf("error: %s\n", d.msg);
		else
			printf("%s%s---\n", out, inc ? "(incomplete)\n" : "");
		printf("%s\n", subjects_n(argv[1], strlen(argv[1])));
		arena_release(&a);
		return 0;
	}
	sh("Remove-Item ./build -Recurse -Force", "rm -r -f -- './build'\n");
	t("Remove-Item ./build -Recurse -Force", "rm|-r|-f|--|build");
	return tap_done();
}
