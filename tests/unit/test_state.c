/* test_state.c - the abstract run of a whole command line (issue 15,
 * item 2): state carried between statements.  Text -> subjects as compact
 * strings "prog|arg|arg" (an argument followed by "[?]" when a part of it
 * is unknown), each prefixed with "@DIR:" when the tracked cwd is not the
 * session's ("@?:" when it is unknown).  "H" stands for the scratch home.
 * With arguments, prints the subjects of each (a debugging aid). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "shell/shell.h"
#include "tap.h"

static char home[256], cwd[320];
static struct shell_env env = { .tool = "Bash" };
static char got[65536];

static void cat(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	snprintf(out + n, cap - n, "%s", s);
}

static void describe(const struct subject_list *l)
{
	size_t i, k;

	got[0] = '\0';
	for (i = 0; i < l->n; i++) {
		const struct subject *s = l->v[i];

		if (i)
			cat(got, sizeof(got), " ;; ");
		if (!s->cwd) {
			cat(got, sizeof(got), "@?:");
		} else if (strcmp(s->cwd, cwd)) {
			cat(got, sizeof(got), "@");
			cat(got, sizeof(got), s->cwd);
			cat(got, sizeof(got), ":");
		}
		cat(got, sizeof(got), s->program);
		for (k = 0; k < s->args.n; k++) {
			cat(got, sizeof(got), "|");
			cat(got, sizeof(got), s->args.v[k]);
			if (s->arg_flags && (s->arg_flags[k] & ARG_DYNAMIC))
				cat(got, sizeof(got), "[?]");
		}
	}
}

static int parse(const char *in)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	int rc;

	arena_init(&a);
	memset(&l, 0, sizeof(l));
	diag_clear(&d);
	rc = shell_parse(&l, &a, &env, in, strlen(in), &d);
	if (rc < 0)
		snprintf(got, sizeof(got), "error %d: %s", rc, d.msg);
	else
		describe(&l);
	arena_release(&a);
	return rc;
}

/* `want` with "H" before a '/' or ':' standing for the scratch home's path. */
static void t(const char *in, const char *want)
{
	char w[4096];
	size_t o = 0;

	for (; *want && o + strlen(home) + 1 < sizeof(w); want++)
		if (*want == 'H' && (want[1] == '/' || want[1] == ':')) {
			memcpy(w + o, home, strlen(home));
			o += strlen(home);
		} else {
			w[o++] = *want;
		}
	w[o] = '\0';
	parse(in);
	if (!ok(!strcmp(got, w), "%s", in))
		printf("#   want: %s\n#    got: %s\n", w, got);
}

static void mk(const char *rel, bool dir)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", home, rel);
	if (dir) {
		mkdir(p, 0700);
	} else if ((f = fopen(p, "w"))) {
		fclose(f);
	}
}

static void basics(void)
{
	t("rm -rf ~/.ssh", "rm|-rf|~/.ssh");
}

/* Assignments store the value bash stores: tilde prefixes expanded
 * (after '=' and each ':'), so "$d" later is that directory. */
static void assignments(void)
{
	t("d=~/Documents; cat \"$d\"", "cat|~/Documents");
	t("export T=~/.ssh; cat \"$T\"", "export|T=~/.ssh ;; cat|~/.ssh");
	t("local T=~/.ssh; cat \"$T\"", "local|T=~/.ssh ;; cat|~/.ssh");
	t("declare -x T=~/.aws; cat \"$T\"/credentials",
	  "declare|-x|T=~/.aws ;; cat|~/.aws/credentials");
	t("P=/bin:~/x; echo \"$P\"", "echo|/bin:H/x");
	t("d=~root/x; echo \"$d\"", "echo|/root/x");
	/* quoted: no tilde expansion, the value is the text "~/x" */
	t("d='~/x'; echo $d", "echo|~/x");
	t("d=x~/y; echo \"$d\"", "echo|x~/y");
	/* a value computed at run time replaces the known one */
	t("X=build; X=$(cat f); rm -rf $X", "cat|f ;; rm|-rf|$X[?]");
	t("X=build; X+=/x; rm -rf $X", "rm|-rf|build/x");
	t("X+=/x; rm -rf $X", "rm|-rf|$X[?]");
}

/* cd to a known value moves the cwd; to an unknown one loses it. */
static void cds(void)
{
	t("cd \"$HOME\" || exit; rm -rf ./.ssh",
	  "cd|~ ;; @H:exit ;; @H:rm|-rf|.ssh");
	t("cd $HOME; rm -rf .ssh", "cd|~ ;; @H:rm|-rf|.ssh");
	t("cd ${HOME}/Documents; rm x",
	  "cd|~/Documents ;; @H/Documents:rm|x");
	t("D=/tmp; cd \"$D\"; rm x", "cd|/tmp ;; @/tmp:rm|x");
	t("cd $HOME/$X; rm x", "cd|~/$X[?] ;; @?:rm|x");
	t("cd \"$X\"; rm x", "cd|$X[?] ;; @?:rm|x");
}

int main(int argc, char **argv)
{
	char *t0 = getenv("TMPDIR"), tmpl[256];

	snprintf(tmpl, sizeof(tmpl), "%s/cvstXXXXXX", t0 ? t0 : "/tmp");
	if (!mkdtemp(tmpl))
		return 1;
	snprintf(home, sizeof(home), "%s", tmpl);
	snprintf(cwd, sizeof(cwd), "%s/src/webapp", home);
	env.home = home;
	env.cwd = cwd;
	mk(".ssh", true);
	mk(".aws", true);
	mk(".aws/credentials", false);
	mk(".aws/config", false);
	mk("Documents", true);
	mk("src", true);
	mk("src/webapp", true);
	mk("src/webapp/build", true);
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			parse(argv[i]);
			printf("%s\n", got);
		}
		return 0;
	}
	basics();
	assignments();
	cds();
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
		if (system(cmd) != 0)
			return 1;
	}
	return tap_done();
}
