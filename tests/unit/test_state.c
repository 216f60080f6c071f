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
	/* local outside a function is an error: nothing set */
	t("local T=~/.ssh; cat \"$T\"", "local|T=~/.ssh ;; cat|$T[?]");
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

/* for x in LIST: the body once per value, in order; unknown values (or
 * too many) leave x unknown and the body read once. */
static void loops(void)
{
	t("for d in build; do rm -rf \"$d\"; done", "rm|-rf|build");
	t("for d in a b; do rm -rf \"$d\"; done; echo $d",
	  "rm|-rf|a ;; rm|-rf|b ;; echo|b");
	t("for f in ~/.aws/*; do cat \"$f\"; done",
	  "cat|~/.aws/config ;; cat|~/.aws/credentials");
	t("for d in ~/.aws/credentials; do cat \"$d\"; done",
	  "cat|~/.aws/credentials");
	t("for d in {a,b}/x; do rm $d; done", "rm|a/x ;; rm|b/x");
	t("for x in $(ls); do rm -rf $x; done", "ls ;; rm|-rf|$x[?]");
	t("x=build; for x in $(ls); do rm -rf $x; done",
	  "ls ;; rm|-rf|$x[?]");
	t("set -- a b; for x; do rm $x; done",
	  "set|--|a|b ;; rm|a ;; rm|b");
	t("for x; do rm $x; done", "rm|$x[?]");
	t("for d in a b; do cd $d; rm x; cd ..; done; rm y",
	  "cd|a ;; @H/src/webapp/a:rm|x ;; @H/src/webapp/a:cd|.. ;; "
	  "cd|b ;; @H/src/webapp/b:rm|x ;; @H/src/webapp/b:cd|.. ;; rm|y");
	t("for a in 1 2; do for b in x y; do echo $a$b; done; done",
	  "echo|1x ;; echo|1y ;; echo|2x ;; echo|2y");
	t("select x in a b; do rm $x; done", "rm|$x[?]");
	/* 65 values: more than CV_MAX_LOOP_VALUES, read once, unknown */
	t("for x in {1..65}; do rm $x; done", "rm|$x[?]");
	t("for x in {1..2}; do rm $x; done", "rm|1 ;; rm|2");
}

/* while read: the lines of a literal producer, else unknown. */
static void reads(void)
{
	t("while read -r d; do cat \"$d\"; done <<< ~/.aws/credentials",
	  "read|-r|d ;; cat|~/.aws/credentials");
	t("printf '%s\\n' ~/.ssh | while read -r d; do rm -rf \"$d\"; done",
	  "printf|%s\\n|~/.ssh ;; read|-r|d ;; rm|-rf|~/.ssh");
	t("printf 'a\\nb\\n' | while read -r d; do rm \"$d\"; done",
	  "printf|a\\nb\\n ;; read|-r|d ;; rm|a ;; rm|b");
	t("echo build | while IFS= read -r d; do rm -rf \"$d\"; done",
	  "echo|build ;; read|-r|d ;; rm|-rf|build");
	t("while read a b; do rm $b; done <<< 'x y z'",
	  "read|a|b ;; rm|y|z");
	t("while read -r d; do rm -rf \"$d\"; done <<EOF\nbuild\ndist\nEOF\n",
	  "read|-r|d ;; rm|-rf|build ;; rm|-rf|dist");
	t("cat f | while read d; do rm -rf \"$d\"; done",
	  "cat|f ;; read|d ;; rm|-rf|$d[?]");
	t("find . | while read d; do rm -rf \"$d\"; done",
	  "find|. ;; read|d ;; rm|-rf|$d[?]");
	t("while read d; do rm -rf \"$d\"; done < list",
	  "read|d ;; rm|-rf|$d[?] ;; ");
	t("while read d; do rm -rf \"$d\"; done <<< \"$X\"",
	  "read|d ;; rm|-rf|$d[?] ;; ");
	t("read -r d <<< ~/.ssh; rm -rf \"$d\"",
	  "read|-r|d ;; rm|-rf|~/.ssh");
	t("X=1; read X; rm $X", "read|X ;; rm|$X[?]");
	t("mapfile -t L < f; rm $L", "mapfile|-t|L ;; rm|$L[?]");
	t("L=x; printf -v L %s y; rm $L", "printf|-v|L|%s|y ;; rm|$L[?]");
}

/* Functions: inlined where called, with the call's arguments; nothing
 * where defined; recursion bounded. */
static void functions(void)
{
	t("f() { rm -rf \"$1\"; }; f ./dist", "rm|-rf|dist ;; f|dist");
	t("nuke() { rm -rf \"$@\"; }\nnuke ~/.ssh",
	  "rm|-rf|~/.ssh ;; nuke|~/.ssh");
	t("f() { rm -rf ~; }", "");
	t("f() { rm -rf ~; }; $X", "$X ;; rm|-rf|~");
	t("function g { cat \"$1\"; }; g ~/.aws/credentials",
	  "cat|~/.aws/credentials ;; g|~/.aws/credentials");
	t("f() ( rm -rf \"$1\" ); f x", "rm|-rf|x ;; f|x");
	t("f() { f \"$@\"; rm $1; }; f a",
	  "f|$@[?] ;; rm|$1[?] ;; f|a ;; rm|a ;; f|a");
	t("f() { local x=~/.ssh; rm -rf \"$x\"; }; f; echo \"$x\"",
	  "local|x=~/.ssh ;; rm|-rf|~/.ssh ;; f ;; echo|$x[?]");
	t("f() { y=~/.ssh; }; f; rm -rf $y", "f ;; rm|-rf|~/.ssh");
	t("f() { y=~; }; rm -rf $y", "rm|-rf|$y[?]");
	t("f() { cd /; }; rm -rf home", "rm|-rf|home");
	t("f() { cd /; }; f; rm -rf home", "cd|/ ;; @/:f ;; @/:rm|-rf|home");
	t("f() { rm \"$1\"; }; unset -f f; f x", "unset|-f|f ;; f|x");
	/* recursion: once more with unknown arguments, then no deeper */
	t("f(){ f; f; }; f", "f ;; f ;; f ;; f ;; f ;; f ;; f");
}

/* trap bodies are commands; aliases expand once expand_aliases is on. */
static void traps_aliases(void)
{
	t("trap 'rm -rf ~/.ssh' EXIT",
	  "rm|-rf|~/.ssh ;; trap|rm -rf ~/.ssh|EXIT");
	t("trap -- 'rm x' INT TERM", "rm|x ;; trap|--|rm x|INT|TERM");
	t("trap - EXIT", "trap|-|EXIT");
	t("trap 'rm x'", "trap|rm x");
	t("shopt -s expand_aliases\nalias nuke='rm -rf'\nnuke ~/.ssh",
	  "shopt|-s|expand_aliases ;; alias|nuke=rm -rf ;; rm|-rf|~/.ssh");
	t("alias nuke='rm -rf'\nnuke ~/.ssh",
	  "alias|nuke=rm -rf ;; nuke|~/.ssh");
	t("shopt -s expand_aliases; alias ls='ls -la'; ls x",
	  "shopt|-s|expand_aliases ;; alias|ls=ls -la ;; ls|-la|x");
	t("shopt -s expand_aliases; alias x='rm -rf'; unalias x; x ~",
	  "shopt|-s|expand_aliases ;; alias|x=rm -rf ;; unalias|x ;; x|~");
}

/* Arrays, shift, dotenvs. */
static void arrays(void)
{
	t("a=(./dist b); rm -rf \"${a[@]}\"", "rm|-rf|dist|b");
	t("a=(x y); echo ${a[0]} $a ${a[1]} \"${a[*]}\" ${#a[@]}",
	  "echo|x|x|y|x y|2");
	t("declare -a a=(x ~/.ssh); rm -rf \"${a[@]}\"",
	  "declare|-a ;; rm|-rf|x|~/.ssh");
	t("a=(x); a+=(z); echo ${a[@]}", "echo|x|z");
	t("a=($(ls)); rm \"${a[@]}\"", "ls ;; rm|${a[@]}[?]");
	t("a=(~/.ssh/id_ed25519); cat \"${a[@]}\"", "cat|~/.ssh/id_ed25519");
	t("a=(x y); for d in \"${a[@]}\"; do rm $d; done", "rm|x ;; rm|y");
	t("echo ${b[@]} ${c[0]}", "echo|${b[@]}[?]|${c[0]}[?]");
	t("a=(x); echo ${a[i]}", "echo|${a[i]}[?]");
	t("a=([0]=x); rm ${a[@]}", "rm|${a[@]}[?]");
	t("f() { shift; rm \"$1\"; }; f x y", "shift ;; rm|y ;; f|x|y");
	t("set -- x ~/.ssh; shift; rm -rf \"$1\"",
	  "set|--|x|~/.ssh ;; shift ;; rm|-rf|~/.ssh");
	t("set -- a b c; shift 2; rm \"$1\" \"$2\" $#",
	  "set|--|a|b|c ;; shift|2 ;; rm|c||1");
	t("shift; rm \"$1\"", "shift ;; rm|$1[?]");
	t("local T=build; rm -rf \"$T\"", "local|T=build ;; rm|-rf|$T[?]");
	t("source .env && echo $DATABASE_URL",
	  "source|.env ;; cat|--|.env ;; echo|$DATABASE_URL[?]");
	t("source .env && npm run dev", "source|.env ;; npm|run|dev");
	t("source .env.example && echo $X",
	  "source|.env.example ;; echo|$X[?]");
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
	loops();
	reads();
	functions();
	traps_aliases();
	arrays();
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
		if (system(cmd) != 0)
			return 1;
	}
	return tap_done();
}
