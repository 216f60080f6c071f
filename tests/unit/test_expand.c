/* test_expand.c - words as bash expands them (shell_expand.c and the
 * parameter operators of shell_lex.c): text -> subjects as compact
 * strings "prog|arg|arg", an argument followed by "[g]" when it is a glob
 * (the pattern as written), "[m]" when a pattern matched it on disk,
 * and "[?]" when a part of
 * it is unknown.  The disk part runs in a scratch home made here. */
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

static void cat(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	snprintf(out + n, cap - n, "%s", s);
}

static char got[65536];

static void describe(const struct subject_list *l)
{
	size_t i, k;

	got[0] = '\0';
	for (i = 0; i < l->n; i++) {
		const struct subject *s = l->v[i];

		if (i)
			cat(got, sizeof(got), " ;; ");
		cat(got, sizeof(got), s->program);
		for (k = 0; k < s->args.n; k++) {
			cat(got, sizeof(got), "|");
			cat(got, sizeof(got), s->args.v[k]);
			if (s->arg_flags && (s->arg_flags[k] & ARG_GLOB))
				cat(got, sizeof(got), "[g]");
			if (s->arg_flags && (s->arg_flags[k] & ARG_MATCHED))
				cat(got, sizeof(got), "[m]");
			if (s->arg_flags && (s->arg_flags[k] & ARG_DYNAMIC))
				cat(got, sizeof(got), "[?]");
		}
	}
}

/* `want` with "H" standing for the scratch home's path. */
static void t(const char *in, const char *want)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	char w[4096];
	size_t o = 0;
	int rc;

	for (; *want && o + strlen(home) + 1 < sizeof(w); want++)
		if (*want == 'H' && want[1] == '/') {
			memcpy(w + o, home, strlen(home));
			o += strlen(home);
		} else {
			w[o++] = *want;
		}
	w[o] = '\0';
	arena_init(&a);
	memset(&l, 0, sizeof(l));
	diag_clear(&d);
	rc = shell_parse(&l, &a, &env, in, strlen(in), &d);
	if (rc < 0)
		snprintf(got, sizeof(got), "error %d: %s", rc, d.msg);
	else
		describe(&l);
	if (!ok(!strcmp(got, w), "%s", in))
		printf("#   want: %s\n#    got: %s\n", w, got);
	arena_release(&a);
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

static void braces(void)
{
	t("rm -rf {/a,/b}", "rm|-rf|/a|/b");
	t("rm -rf ~/{.config/gcloud,.x}", "rm|-rf|~/.config/gcloud|~/.x");
	t("rm -rf ~/.{ssh,aws}", "rm|-rf|~/.ssh|~/.aws");
	t("echo a{b,c{d,e}}f", "echo|abf|acdf|acef");
	t("echo x{1..3}", "echo|x1|x2|x3");
	t("echo {3..1}", "echo|3|2|1");
	t("echo {a..c}", "echo|a|b|c");
	t("echo {01..03}", "echo|01|02|03");
	t("echo {1..7..3}", "echo|1|4|7");
	t("echo {a,b}{1,2}", "echo|a1|a2|b1|b2");
	t("echo '{a,b}' \"{c,d}\" {e}", "echo|{a,b}|{c,d}|{e}");
	t("echo {a\\,b}", "echo|{a,b}");
	t("echo {'a,b',c}", "echo|a,b|c");
	t("echo ${x}{a,b}", "echo|${x}a[?]|${x}b[?]");
	t("echo {1..100000}", "error -3: brace expansion of more than 4096 "
	  "words");
}

static void tildes(void)
{
	t("rm -rf ~root", "rm|-rf|/root");
	t("rm -rf ~root/x", "rm|-rf|/root/x");
	t("rm -rf ~nosuchuser0/x", "rm|-rf|~nosuchuser0/x");
	t("cat ~+/a.c", "cat|~/src/webapp/a.c");
	t("rm -rf ~+/../../Documents", "rm|-rf|~/Documents");
	t("rm -rf ~-/x", "rm|-rf|~-/x");
	t("OLDPWD=/tmp; rm -rf ~-/x", "rm|-rf|/tmp/x");
	t("rm -rf '~'", "rm|-rf|./~");
	t("rm -rf \"~\"/x", "rm|-rf|./~/x");
	t("rm -rf ~'root'", "rm|-rf|~root");
	t("echo ~", "echo|~");
}

static void params(void)
{
	t("rm -rf ${HOME:-/tmp}", "rm|-rf|~");
	t("rm -rf ${NOPE:-$HOME}/x", "rm|-rf|~/x");
	t("rm -rf \"${OUT:-$HOME}\"", "rm|-rf|~");
	t("rm -rf ${HOME%/}/.claude", "rm|-rf|~/.claude");
	t("rm -rf ${HOME:?}/.gnupg", "rm|-rf|~/.gnupg");
	t("rm -rf ${NOPE:?}/.gnupg", "rm|-rf|${NOPE:?}/.gnupg[?]");
	t("rm -rf $PWD/x", "rm|-rf|~/src/webapp/x");
	t("rm -rf $X?", "rm|-rf|$X?[g][?]");
	t("rm -rf ${HOME:+$HOME/.docker}", "rm|-rf|~/.docker");
	t("rm -rf ${NOPE:+/etc}", "rm|-rf|/etc");
	t("x=; rm -rf ${x:+/etc}", "rm|-rf|");
	t("R=HOME; rm -rf \"${!R}/.ssh\"", "rm|-rf|~/.ssh");
	t("p=$HOME/.aws/x; rm -rf \"${p%/x}\"", "rm|-rf|~/.aws");
	t("p=/a/b/c.tar.gz; echo ${p##*/} ${p#*/} ${p%%.*} ${p%.*}",
	  "echo|c.tar.gz|a/b/c.tar.gz|/a/b/c|/a/b/c.tar");
	t("p=abcabc; echo ${p/b/X} ${p//b/X} ${p/#a/X} ${p/%c/X} ${#p}",
	  "echo|aXcabc|aXcaXc|Xbcabc|abcabX|6");
	t("p=abc; echo ${p^} ${p^^} ${p,,}", "echo|Abc|ABC|abc");
	t("echo ${x:=/etc}; rm -rf $x", "echo|/etc ;; rm|-rf|/etc");
	t("echo ${x:1:2}", "echo|${x:1:2}[?]");
	t("echo ${x:-$(rm -rf /)}", "rm|-rf|/ ;; echo|$(\xe2\x80\xa6)[?]");
	t("rm -rf ${HOME}/x", "rm|-rf|~/x");
}

static void positional(void)
{
	t("bash -c 'eval \"$1\"' _ 'rm -rf ~'", "rm|-rf|~");
	t("bash -c 'rm -rf \"$@\"' sh ~/.ssh ~/.aws", "rm|-rf|~/.ssh|~/.aws");
	t("bash -c 'rm -rf \"$*\"' sh ~/.ssh ~/.aws", "rm|-rf|~/.ssh ~/.aws");
	t("set -- ~/.ssh 'a b'; rm -rf \"$@\" $#", "set|--|~/.ssh|a b ;; "
	  "rm|-rf|~/.ssh|a b|2");
	t("bash -c 'rm -rf $1' sh \"$X\"", "rm|-rf|$1[?]");
	t("set -- ~/.ssh; rm -rf \"$1\"", "set|--|~/.ssh ;; rm|-rf|~/.ssh");
}

static void splitting(void)
{
	t("D='/a /b'; rm -rf $D", "rm|-rf|/a|/b");
	t("D='/a /b'; rm -rf \"$D\"", "rm|-rf|/a /b");
	t("IFS=:; D=/a:/b; rm -rf $D", "rm|-rf|/a|/b");
	t("D='  '; rm -rf $D x", "rm|-rf|x");
}

static void substitutions(void)
{
	t("rm -rf $(echo ~)/.docker", "echo|~ ;; rm|-rf|~/.docker");
	t("rm -rf `printf %s ~`/.gnupg", "printf|%s|~ ;; rm|-rf|~/.gnupg");
	t("rm -rf $(cd ~ && pwd)/.kube",
	  "cd|~ ;; pwd ;; rm|-rf|~/.kube");
	t("rm -rf $( (cd ~ && pwd) )/.aws",
	  "cd|~ ;; pwd ;; rm|-rf|~/.aws");
	t("rm -rf $(pwd)", "pwd ;; rm|-rf|~/src/webapp");
	t("rm -rf $(dirname ~/.ssh/id_rsa)",
	  "dirname|~/.ssh/id_rsa ;; rm|-rf|~/.ssh");
	t("rm -rf $(basename /x/y)", "basename|/x/y ;; rm|-rf|y");
	t("rm -rf $(cat f)", "cat|f ;; rm|-rf|$(\xe2\x80\xa6)[?]");
	t("git commit -m \"$(cat msg)\"",
	  "cat|msg ;; git|commit|-m|$(\xe2\x80\xa6)[?]");
	t("echo $((1+2)) $( (echo x) )", "echo|x ;; echo|$((\xe2\x80\xa6))[?]"
	  "|x");
}

static void globs(void)
{
	t("rm -rf ~/.ss?", "rm|-rf|~/.ss?[g]|~/.ssh[m]");
	t("rm -rf ~/.k*", "rm|-rf|~/.k*[g]|~/.kube[m]");
	t("rm -rf ~/[D]ocuments", "rm|-rf|~/[D]ocuments[g]|~/Documents[m]");
	t("rm -rf ~/.nomatch*", "rm|-rf|~/.nomatch*[g]");
	t("rm -rf '~/.ss?'", "rm|-rf|./~/.ss?");
	t("rm -rf ~/'.ss?'", "rm|-rf|~/.ss?");
	t("rm -f *.c", "rm|-f|*.c[g]|a.c[m]|b.c[m]");
	t("rm -rf ~/src/*/build",
	  "rm|-rf|~/src/*/build[g]|~/src/webapp/build[m]");
	t("rm -rf ~/.??*", "rm|-rf|~/.??*[g]|~/.aws[m]|~/.bashrc[m]|"
	  "~/.config[m]|~/.kube[m]|~/.ssh[m]");
	t("rm -rf $HOME/.[a-c]*", "rm|-rf|~/.[a-c]*[g]|~/.aws[m]|"
	  "~/.bashrc[m]|~/.config[m]");
	t("D=~/.ss; rm -rf $D?", "rm|-rf|~/.ss?[g]|~/.ssh[m]");
	t("rm -rf \"$HOME\"/.ss?", "rm|-rf|~/.ss?[g]|~/.ssh[m]");
}

/* Variants of the classes above, spelled as an attacker would. */
static void adversarial(void)
{
	t("rm -rf {~,/tmp}/.ssh", "rm|-rf|~/.ssh|/tmp/.ssh");
	t("rm -rf ~/.s{s,x}h", "rm|-rf|~/.ssh|~/.sxh");
	t("rm -rf ~/.s{s..s}h", "rm|-rf|~/.ssh");
	t("X=.ssh; rm -rf ~/${X}", "rm|-rf|~/.ssh");
	t("rm -rf ~/.s''sh", "rm|-rf|~/.ssh");
	t("rm -rf ~/\".ss\"?", "rm|-rf|~/.ss?[g]|~/.ssh[m]");
	t("rm -rf ~/.[s]s[h]", "rm|-rf|~/.[s]s[h][g]|~/.ssh[m]");
	t("rm -rf ~/.[!x]sh", "rm|-rf|~/.[!x]sh[g]|~/.ssh[m]");
	t("rm -rf $(printf '%s' ~)", "printf|%s|~ ;; rm|-rf|~");
	t("bash -c 'rm -rf $0' ~/.ssh", "rm|-rf|~/.ssh");
	t("sh -c 'rm -rf \"${1:-/}\"' _", "rm|-rf|/");
	t("a=HOME; b=a; rm -rf ${!a}", "rm|-rf|~");
	t("v=xHOMEx; rm -rf ${v//x/}", "rm|-rf|HOME");
	t("export D=~/.aws; rm -rf $D", "export|D=~/.aws ;; rm|-rf|~/.aws");
	t("rm -rf ~root/../alice", "rm|-rf|/alice");
	t("rm -rf {{a,b},c}", "rm|-rf|a|b|c");
	t("echo \\{a,b\\}", "echo|{a,b}");
}

static void matching(void)
{
	ok(shell_glob_reaches("~/.ss?", "~/.ssh"), "~/.ss? reaches ~/.ssh");
	ok(shell_glob_reaches("~/*", "~/.ssh/id_rsa") == false,
	   "~/* does not reach ~/.ssh/id_rsa (dot)");
	ok(shell_glob_reaches("~/.*", "~/.ssh/id_rsa"), "~/.* reaches it");
	ok(shell_glob_reaches("/home/ali*/.aws", "/home/alice/.aws/x"),
	   "/home/ali*/.aws reaches inside");
	ok(shell_glob_reaches("/home/*", "/home/alice/.aws"),
	   "a parent pattern reaches below");
	ok(!shell_glob_reaches("/home/[!a]*/.aws", "/home/alice/.aws"),
	   "negated class");
	ok(shell_glob_reaches("/home/[[:lower:]]lice", "/home/alice"),
	   "character class");
	ok(!shell_glob_reaches("~/.ss\\?", "~/.ssh"), "escaped ?");
	ok(!shell_glob_reaches("src/*", "~/.ssh"), "relative vs home");
}

int main(void)
{
	char *t0 = getenv("TMPDIR"), tmpl[256];

	snprintf(tmpl, sizeof(tmpl), "%s/cvexpXXXXXX", t0 ? t0 : "/tmp");
	if (!mkdtemp(tmpl))
		return 1;
	snprintf(home, sizeof(home), "%s", tmpl);
	snprintf(cwd, sizeof(cwd), "%s/src/webapp", home);
	env.home = home;
	env.cwd = cwd;
	mk(".ssh", true);
	mk(".aws", true);
	mk(".kube", true);
	mk(".config", true);
	mk(".bashrc", false);
	mk("Documents", true);
	mk("src", true);
	mk("src/webapp", true);
	mk("src/webapp/build", true);
	mk("src/webapp/a.c", false);
	mk("src/webapp/b.c", false);
	braces();
	tildes();
	params();
	positional();
	splitting();
	substitutions();
	globs();
	adversarial();
	matching();
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
		if (system(cmd) != 0)
			ok(0, "remove the scratch home");
	}
	return tap_done();
}
