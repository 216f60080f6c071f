/* test_shell.c - the shell parser: input text -> subjects, as compact
 * strings.  A subject reads "prog|arg|arg" followed, when present, by
 * " via=a,b", " in=a,b", " code=[...]", " dyn" and redirects " >t";
 * subjects are joined by " ;; "; " !!" ends the list when the text was
 * not parsed completely. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "shell/shell.h"
#include "tap.h"

static const struct shell_env env = { "/home/alice", "/home/alice/src",
				       "Bash", NULL, NULL };

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

/* Test names stay on one line of TAP output. */
static const char *escape(const char *in)
{
	static char b[512];
	size_t o = 0;

	for (; *in && o + 3 < sizeof(b); in++) {
		if (*in == '\n') {
			b[o++] = '\\';
			b[o++] = 'n';
		} else if (*in == '\t') {
			b[o++] = '\\';
			b[o++] = 't';
		} else {
			b[o++] = *in;
		}
	}
	b[o] = '\0';
	return b;
}

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
	if (!ok(!strcmp(got, want), "%s", escape(in)))
		printf("#   want: %s\n#    got: %s\n", want, got);
	arena_release(&a);
}


/* The subcommand of the last subject. */
static void sub(const char *in, const char *want)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	const char *g = "(error)";

	arena_init(&a);
	if (parse(&a, &l, in, strlen(in), &d) == 0 && l.n)
		g = l.v[l.n - 1]->subcommand ? l.v[l.n - 1]->subcommand
					     : "(null)";
	if (!ok(!strcmp(g, want), "subcommand of %s", escape(in)))
		printf("#   want: %s\n#    got: %s\n", want, g);
	arena_release(&a);
}

static void path(const struct shell_env *e, const char *in, const char *want)
{
	struct arena a;
	const char *g;

	arena_init(&a);
	g = shell_norm_path(&a, e, in);
	if (!ok(g && !strcmp(g, want), "norm_path %s", escape(in)))
		printf("#   want: %s\n#    got: %s\n", want, g ? g : "NULL");
	arena_release(&a);
}

/* Field checks that the compact form does not show. */
static void fields(void)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	const struct subject *s;

	arena_init(&a);
	parse(&a, &l, "git commit -m 'rm -rf /' ./x/", 29, &d);
	s = l.n ? l.v[0] : NULL;
	ok(s && !strcmp(s->line, "git commit -m rm\x1f-rf\x1f/ x"),
	   "line joins args, \\x1f inside words");
	ok(s && s->raw_args.n == 4 && !strcmp(s->raw_args.v[3], "./x/"),
	   "raw_args keep the path as written");
	ok(s && !strcmp(s->text, "git commit -m 'rm -rf /' ./x/"),
	   "text is the source slice");
	ok(s && !strcmp(s->tool, "Bash") && !strcmp(s->cwd,
						     "/home/alice/src"),
	   "tool and cwd come from the environment");
	ok(s && s->kind == SUBJECT_COMMAND, "kind is command");
	parse(&a, &l, "ls; rm -rf ~ && echo x", 22, &d);
	ok(l.n == 3 && !strcmp(l.v[1]->text, "rm -rf ~"),
	   "text of the second command");
	parse(&a, &l, "echo hi 2>&1 >>log", 18, &d);
	ok(l.n == 1 && l.v[0]->nredirects == 2 &&
	   l.v[0]->redirects[0].op == REDIR_DUP &&
	   l.v[0]->redirects[1].op == REDIR_APPEND &&
	   !strcmp(l.v[0]->redirects[1].target, "log"),
	   "2>&1 is a dup, >> an append");
	parse(&a, &l, "cat < /etc/shadow", 17, &d);
	ok(l.n == 1 && l.v[0]->nredirects == 1 &&
	   l.v[0]->redirects[0].op == REDIR_IN, "< is an input redirect");
	parse(&a, &l, "echo \"a\tb\"", 10, &d);
	ok(l.n == 1 && !strcmp(l.v[0]->line, "echo a\x1f" "b"),
	   "a tab inside a word is \\x1f");
	parse(&a, &l, "exec {fd}>/tmp/x", 16, &d);
	ok(l.n == 1 && l.v[0]->nredirects == 1 &&
	   !strcmp(l.v[0]->redirects[0].target, "/tmp/x"),
	   "{var}> redirect");
	parse(&a, &l, "x", 1, &d);
	ok(l.n == 1 && !l.parse_incomplete && l.parse_problem == NULL,
	   "a complete parse has no problem");
	parse(&a, &l, "echo 'x", 7, &d);
	ok(l.parse_incomplete && l.parse_problem &&
	   !strcmp(l.parse_problem, "unterminated single quote"),
	   "problem says what is unterminated");
	/* A NUL byte inside the text must not end the parse silently. */
	parse(&a, &l, "ls\0; rm -rf ~", 13, &d);
	ok(l.n == 2 && l.parse_incomplete, "NUL byte: incomplete, rest kept");
	arena_release(&a);
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t u = strlen(unit), n = strlen(tail), i;
	char *s = malloc(u * times + n + 1);

	if (!s)
		abort();
	for (i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * times, tail, n + 1);
	return s;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Hostile sizes: bounded, linear, never a crash. */
static void hostile(void)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	char *s;
	double t0;
	int rc;
	size_t i;

	arena_init(&a);
	s = repeat("$(", 10000, "rm");
	t0 = now();
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG && now() - t0 < 10,
	   "10,000 nested $( is CV_ETOOBIG, quickly (%.1f ms)",
	   (now() - t0) * 1000);
	free(s);
	s = repeat("$(", 20, "rm -rf ~");
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 && l.parse_incomplete && l.n > 0 &&
	   !strcmp(l.v[0]->program, "rm"), "20 nested $( parse, rm found");
	free(s);
	s = repeat("bash -c \"", 1, "");
	free(s);
	s = repeat("echo a | ", 10000, "bash");
	arena_release(&a);
	t0 = now();
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 && l.n == 10002 &&
	   strlist_has(&l.v[10000]->input_from, "echo"),
	   "10,000 pipes (%.1f ms)", (now() - t0) * 1000);
	free(s);
	s = repeat("( ", 5000, "rm x");
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 && l.n == 1, "5,000 open subshells");
	free(s);
	s = repeat("{ ", 5000, "rm x");
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 && l.n == 1, "5,000 open groups");
	free(s);
	s = repeat("x", 1 << 20, "");
	arena_release(&a);
	t0 = now();
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 && l.n == 1 && strlen(l.v[0]->program) == 1u << 20,
	   "1 MB word (%.1f ms)", (now() - t0) * 1000);
	free(s);
	s = repeat("rm a; ", 20001, "");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG, "more than CV_MAX_COMMANDS is CV_ETOOBIG");
	free(s);
	s = repeat(" a", CV_MAX_WORDS + 1, "");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG, "more than CV_MAX_WORDS is CV_ETOOBIG");
	free(s);
	s = repeat("rm -rf ~/x\n", 10000, "EOF\n");
	{
		char *h = malloc(strlen(s) + 32);

		strcpy(h, "bash <<'EOF'\n");
		strcat(h, s);
		arena_release(&a);
		t0 = now();
		rc = parse(&a, &l, h, strlen(h), &d);
		ok(rc == 0 && l.n == 10001 && !l.parse_incomplete,
		   "100 KB here-doc fed to bash (%.1f ms)",
		   (now() - t0) * 1000);
		free(h);
	}
	free(s);
	/* Binary junk without NUL: any outcome but a crash or a hang. */
	s = malloc(65537);
	srand(7);
	for (i = 0; i < 65536; i++)
		s[i] = (char)(1 + rand() % 255);
	s[65536] = '\0';
	arena_release(&a);
	rc = parse(&a, &l, s, 65536, &d);
	ok(rc == 0 || rc == CV_ETOOBIG, "random bytes do not crash");
	for (i = 0; i < 65536; i++)
		s[i] = "$()`'\"\\{}<>|&;\n #x"[rand() % 19];
	arena_release(&a);
	t0 = now();
	rc = parse(&a, &l, s, 65536, &d);
	ok((rc == 0 || rc == CV_ETOOBIG) && now() - t0 < 10,
	   "shell-metacharacter junk does not crash (%.1f ms)",
	   (now() - t0) * 1000);
	free(s);
	/* Many short random texts over shell syntax: a crash or sanitizer
	 * report fails the run. */
	{
		static const char *const bits[] = {
			"$(", ")", "`", "'", "\"", "\\", "${", "}", "<<", "EOF",
			"\n", " ", ";", "|", "&&", "(", "rm", "-c", "bash",
			"sudo", "<<<", "$'", "#", "find", "-exec", "\\;",
			"eval", "case", "in", "esac", "((", "))", "<(", "=",
			"x", "~", "/", "{", "for", "do", "done", ">&", "2>",
		};
		char tb[256];
		int r, ok_all = 1;

		for (r = 0; r < 3000; r++) {
			size_t o = 0;
			int k, nb = 1 + rand() % 24;

			for (k = 0; k < nb; k++) {
				const char *b = bits[rand() % (int)(sizeof(bits)
						/ sizeof(bits[0]))];

				if (o + strlen(b) + 1 >= sizeof(tb))
					break;
				memcpy(tb + o, b, strlen(b));
				o += strlen(b);
			}
			tb[o] = '\0';
			arena_release(&a);
			rc = parse(&a, &l, tb, o, &d);
			if (rc != 0 && rc != CV_ETOOBIG)
				ok_all = 0;
		}
		ok(ok_all, "3,000 random shell-like texts");
	}
	s = repeat("`", 3000, "");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 || rc == CV_ETOOBIG, "3,000 backquotes");
	free(s);
	s = repeat("${", 3000, "");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 || rc == CV_ETOOBIG, "3,000 open ${");
	free(s);
	s = repeat("bash -c \"", 40, "rm\"");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG || (rc == 0 && l.parse_incomplete),
	   "40 nested bash -c: refused or incomplete");
	free(s);
	s = repeat("eval ", 40, "rm x");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG, "40 nested eval is CV_ETOOBIG");
	free(s);
	s = repeat("find -exec ", 3000, "rm ;");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG, "3,000 nested find -exec is CV_ETOOBIG");
	free(s);
	/* Inline code: nesting is refused, concatenation stays linear,
	 * code that runs itself through exec() ends at the depth bound. */
	s = repeat("(", 300, "");
	{
		size_t n = strlen(s);
		char *c = malloc(n + 16);

		if (!c)
			abort();
		memcpy(c, "python3 -c '", 12);
		memcpy(c + 12, s, n);
		memcpy(c + 12 + n, "'", 2);
		free(s);
		s = c;
	}
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG, "python with 300 open brackets is CV_ETOOBIG");
	free(s);
	s = repeat(" + a", 100000, "'");
	memcpy(s, "node -e 'a", 10);
	arena_release(&a);
	t0 = now();
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 && now() - t0 < 2,
	   "100,000 concatenations are linear (%.1f ms)", (now() - t0) * 1000);
	free(s);
	s = repeat("exec(\"", 40, "os.system(1)");
	{
		size_t n = strlen(s);
		char *c = malloc(n + 16);

		if (!c)
			abort();
		memcpy(c, "python3 -c '", 12);
		memcpy(c + 12, s, n);
		memcpy(c + 12 + n, "'", 2);
		free(s);
		s = c;
	}
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == 0 || rc == CV_ETOOBIG, "40 nested unterminated exec(");
	free(s);
	s = strdup("echo 'bash a.sh' > a.sh; bash a.sh");
	arena_release(&a);
	rc = parse(&a, &l, s, strlen(s), &d);
	ok(rc == CV_ETOOBIG, "a script that runs itself is CV_ETOOBIG");
	free(s);
	arena_release(&a);
}

/* Cost of a typical call, for the report. */
static void bench(void)
{
	static const char cmd[] =
		"cd /home/alice/src && git status --short | head -n 20";
	struct arena a;
	struct subject_list l;
	struct diag d;
	double t0 = now();
	int i, n = 20000;

	for (i = 0; i < n; i++) {
		arena_init(&a);
		parse(&a, &l, cmd, sizeof(cmd) - 1, &d);
		arena_release(&a);
	}
	ok(1, "small command: %.2f us per parse", (now() - t0) * 1e6 / n);
}

static void cases(void)
{
	/* simple commands and quoting */
	t("rm -rf ~", "rm|-rf|~");
	t("  ls   -la  ", "ls|-la");
	t("", "");
	t("   \n\n ", "");
	t("echo 'a b' c", "echo|a b|c");
	t("echo \"a b\"c", "echo|a bc");
	t("echo \"a \\\"b\\\" \\\\ \\$x \\`y\\`\"", "echo|a \"b\" \\ $x `y`");
	t("echo \"a\\qb\"", "echo|a\\qb");
	t("echo a\\ b", "echo|a b");
	t("echo a\\\nb", "echo|ab");
	t("rm -rf \\\n ~", "rm|-rf|~");
	t("echo $'a\\nb'", "echo|a\nb");
	t("echo $'\\x41\\102\\u00e9\\t\\\\\\''", "echo|AB\xc3\xa9\t\\'");
	t("echo $'\\e[0m'", "echo|\x1b[0m");
	t("echo $'ab\\0cd'ef", "echo|abef");
	t("echo $'\\x00zz'y", "echo|y");
	t("echo $'\\cA'", "echo|\x01");
	t("echo $\"hello $USER\"", "echo|hello $USER");
	t("echo '$HOME'", "echo|~");
	t("echo a#b #c", "echo|a#b");
	t("# only a comment", "");
	t("ls # rm -rf ~", "ls");
	t("ls #\nrm x", "ls ;; rm|x");
	t("echo '#not' \"#not\"", "echo|#not|#not");
	t("echo 'it''s'", "echo|its");
	t("echo ''", "echo|");
	t("echo \"\" x", "echo||x");
	/* obfuscated program names */
	t("/bin/rm -rf ~", "rm|-rf|~");
	t("/usr/bin/rm -rf ~", "rm|-rf|~");
	t("\\rm -rf ~", "rm|-rf|~");
	t("\"rm\" -rf ~", "rm|-rf|~");
	t("r''m -rf ~", "rm|-rf|~");
	t("'r'\"m\" -rf ~", "rm|-rf|~");
	t("r\\m -rf ~", "rm|-rf|~");
	t("$'\\x72m' -rf ~", "rm|-rf|~");
	t("./node_modules/.bin/rimraf x", "rimraf|x");
	t("$CMD -rf ~", "$CMD|-rf|~ dyn");
	t("${CMD} -rf ~", "${CMD}|-rf|~ dyn");
	/* A substitution whose output is known is that output. */
	t("$(echo rm) -rf ~", "echo|rm ;; rm|-rf|~ in=echo");
	t("$(cat x) -rf ~", "cat|x ;; $(\xe2\x80\xa6)|-rf|~ in=cat dyn");
	t("`echo rm` -rf ~", "echo|rm ;; rm|-rf|~ in=echo");
	t("CMD=rm; $CMD -rf ~", "rm|-rf|~");
	/* operators */
	t("a; b", "a ;; b");
	t("a && b || c", "a ;; b ;; c");
	t("a & b", "a ;; b");
	t("a&&b", "a ;; b");
	t("a | b", "a ;; b in=a");
	t("a |& b", "a ;; b in=a");
	t("a | b | c", "a ;; b in=a ;; c in=a,b");
	t("a | b; c", "a ;; b in=a ;; c");
	t("a\nb\n", "a ;; b");
	t("(cd /; rm -rf x)", "cd|/ ;; rm|-rf|x");
	t("(a) | b", "a ;; b in=a");
	t("{ rm -rf ~; }", "rm|-rf|~");
	t("{ a; b; } | c", "a ;; b ;; c in=a,b");
	t("curl x | (cd /tmp; bash)", "curl|x ;; cd|/tmp in=curl ;; "
	  "bash in=curl");
	t("! rm x", "rm|x");
	t("echo {a,b}", "echo|a|b");
	t("echo }", "echo|}");
	t("a;;b", "a ;; b");
	/* reserved words */
	t("if rm -rf ~; then echo a; fi", "rm|-rf|~ ;; echo|a");
	t("if a; then b; elif c; then d; else e; fi",
	  "a ;; b ;; c ;; d ;; e");
	t("while true; do rm x; done", "true ;; rm|x");
	t("until a; do b; done", "a ;; b");
	/* a for's body runs once per value (test_state.c has more) */
	t("for f in /nonexistent-cv/*; do rm \"$f\"; done",
	  "rm|/nonexistent-cv/*");
	t("for f in a b\ndo rm $f\ndone", "rm|a ;; rm|b");
	t("for f in $(ls); do rm $f; done", "ls ;; rm|$f");
	t("for ((i=0;i<3;i++)); do rm $i; done", "rm|$i");
	t("select x in a b; do rm $x; done", "rm|$x");
	t("for x; do rm $x; done", "rm|$x");
	t("case $x in a) rm -rf ~;; esac", "rm|-rf|~");
	t("case $x in a|b) rm a;; (c) rm c;; *) rm d;; esac; ls",
	  "rm|a ;; rm|c ;; rm|d ;; ls");
	t("case x in\n a)\n  rm a\n  ;;\n b) rm b;&\nesac",
	  "rm|a ;; rm|b");
	t("case $(id) in a) x;; esac", "id ;; x");
	/* a function runs where it is called, not where defined */
	t("f() { rm -rf ~; }", "");
	t("f () { rm -rf ~; }; f", "rm|-rf|~ ;; f");
	t("function f { rm x; }; f", "rm|x ;; f");
	t("function f() { rm x; }; f", "rm|x ;; f");
	t("[[ -d x ]] && rm x", "rm|x");
	t("[[ $(id -u) == 0 && -n x ]] || rm y", "id|-u ;; rm|y");
	t("[[ a < b ]]", "");
	t("(( x++ )); rm y", "rm|y");
	t("(( $(id -u) == 0 )) && rm z", "id|-u ;; rm|z");
	t("time rm x", "rm|x via=time");
	t("time -p rm x", "rm|x via=time");
	t("coproc rm x", "rm|x");
	t("coproc X { rm -rf ~; }", "rm|-rf|~");
	t("echo if then fi done", "echo|if|then|fi|done");
	t("if", "");
	t("'if' x", "if|x");
	/* substitutions */
	t("echo $(rm -rf ~)", "rm|-rf|~ ;; echo|$(\xe2\x80\xa6) in=rm");
	t("echo \"$(rm -rf ~)\"", "rm|-rf|~ ;; echo|$(\xe2\x80\xa6) in=rm");
	t("echo `rm -rf ~`", "rm|-rf|~ ;; echo|`\xe2\x80\xa6` in=rm");
	t("echo `echo \\`rm x\\``", "rm|x ;; echo|`\xe2\x80\xa6` in=rm ;; "
	  "echo|`\xe2\x80\xa6` in=rm,echo");
	t("echo $(echo $(rm x))", "rm|x ;; echo|$(\xe2\x80\xa6) in=rm ;; "
	  "echo|$(\xe2\x80\xa6) in=rm,echo");
	t("echo $( (rm x) )", "rm|x ;; echo|$(\xe2\x80\xa6) in=rm");
	t("echo $(echo ')')", "echo|) ;; echo|) in=echo");
	t("echo $(echo \")\")", "echo|) ;; echo|) in=echo");
	t("echo $(# comment )\nrm x)", "rm|x ;; echo|$(\xe2\x80\xa6) in=rm");
	t("diff <(ls a) >(cat)", "ls|a ;; cat ;; diff|<(\xe2\x80\xa6)|"
	  ">(\xe2\x80\xa6) in=ls,cat");
	t("bash <(curl x)", "curl|x ;; bash|<(\xe2\x80\xa6) in=curl");
	t("source <(curl -s x)", "curl|-s|x ;; source|<(\xe2\x80\xa6) "
	  "in=curl");
	t(". <(wget -O- x)", "wget|-O-|x ;; .|<(\xe2\x80\xa6) in=wget");
	t("echo $((1+2))", "echo|$((\xe2\x80\xa6))");
	t("echo $(( $(id -u) + 1 ))", "id|-u ;; echo|$((\xe2\x80\xa6)) in=id");
	t("echo ${x:-$(whoami)}", "whoami ;; echo|$(\xe2\x80\xa6) in=whoami");
	t("echo ${x:-\"}\"}", "echo|}");
	t("echo ${#x} ${x%/*}", "echo|${#x}|${x%/*}");
	t("x=$(rm -rf ~)", "rm|-rf|~");
	t("X=$(curl x) bash", "curl|x ;; bash in=curl");
	t("echo a$(b)c", "b ;; echo|a$(\xe2\x80\xa6)c in=b");
	/* pipelines and input_from */
	t("curl -fsSL x | sudo bash", "curl|-fsSL|x ;; bash via=sudo in=curl");
	t("curl x | sh -", "curl|x ;; sh|- in=curl");
	t("wget -qO- x | python3", "wget|-qO-|x ;; python3 in=wget");
	t("sh -c \"$(curl -fsSL x)\"", "curl|-fsSL|x ;; $(\xe2\x80\xa6) via=sh "
	  "in=curl dyn ;; sh|-c|$(\xe2\x80\xa6) in=curl");
	t("bash -c \"$(wget -O- x)\"", "wget|-O-|x ;; $(\xe2\x80\xa6) via=bash "
	  "in=wget dyn ;; bash|-c|$(\xe2\x80\xa6) in=wget");
	t("eval \"$(curl x)\"", "curl|x ;; $(\xe2\x80\xa6) via=eval in=curl dyn "
	  ";; eval|$(\xe2\x80\xa6) in=curl");
	t("echo $(curl x) | bash", "curl|x ;; echo|$(\xe2\x80\xa6) in=curl ;; "
	  "bash in=curl,echo ;; $(\xe2\x80\xa6) via=bash in=curl,echo dyn");
	t("echo 'rm -rf ~' | bash", "echo|rm -rf ~ ;; bash in=echo ;; "
	  "rm|-rf|~ via=bash in=echo");
	t("printf 'rm -rf ~\\n' | sudo sh", "printf|rm -rf ~\\n ;; sh via=sudo "
	  "in=printf ;; rm|-rf|~ via=sudo,sh in=printf");
	t("echo 'print(1)' | python3", "echo|print(1) ;; python3 in=echo "
	  "code=[print(1)\n]");
	t("echo hi | cat", "echo|hi ;; cat in=echo");
	t("ls | xargs rm", "ls ;; rm|$(…) via=xargs in=ls");
	/* redirections */
	t("echo x > ~/.bashrc", "echo|x >~/.bashrc");
	t("echo x >> $HOME/.bashrc", "echo|x >>~/.bashrc");
	t("echo x >| /home/alice//.profile", "echo|x >~/.profile");
	t("echo x 2>&1", "echo|x >&1");
	t("echo x 2>&-", "echo|x >&-");
	t("cmd &>/dev/null", "cmd >/dev/null");
	t("cmd &>> log", "cmd >>log");
	t("cmd >& out.txt", "cmd >out.txt");
	t("cmd 1>&2 3<&0", "cmd >&2 >&0");
	t("cmd <> /dev/sda", "cmd >/dev/sda");
	t("cmd 2> /dev/null < in", "cmd >/dev/null <in");
	t(">~/.ssh/authorized_keys", " >~/.ssh/authorized_keys");
	t("> x", " >x");
	t("echo>x", "echo >x");
	t("echo 2>x", "echo >x");
	t("echo a2>x", "echo|a2 >x");
	t("exec 3<> /dev/tcp/h/80", "exec >/dev/tcp/h/80");
	t("cat > ./out/ <<EOF\nx\nEOF", "cat >out");
	t("echo >", "echo > !!");
	t("echo x >$(rm y)", "rm|y ;; echo|x in=rm >$(\xe2\x80\xa6)");
	t("dd if=/dev/zero of=/dev/sda bs=1M", "dd|if=/dev/zero|of=/dev/sda|"
	  "bs=1M");
	t("dd of=$HOME/x/ if=/dev/zero", "dd|of=~/x|if=/dev/zero");
	/* here-docs and here-strings */
	t("bash <<EOF\nrm -rf ~\nEOF", "bash ;; rm|-rf|~ via=bash");
	t("sh <<'EOF'\nrm -rf ~\nEOF\nls", "sh ;; rm|-rf|~ via=sh ;; ls");
	t("sudo bash <<\"EOF\"\nrm -rf /\nEOF", "bash via=sudo ;; rm|-rf|/ "
	  "via=sudo,bash");
	t("bash -s <<EOF\nrm x\nEOF", "bash|-s ;; rm|x via=bash");
	t("bash - <<EOF\nrm x\nEOF", "bash|- ;; rm|x via=bash");
	t("bash script.sh <<EOF\nrm x\nEOF", "bash|script.sh");
	t("bash <<-EOF\n\trm -rf ~\n\tEOF\nls", "bash ;; rm|-rf|~ via=bash ;; "
	  "ls");
	t("python3 - <<'EOF'\nimport os\nos.system('x')\nEOF",
	  "python3|- code=[import os\nos.system('x')\n] ;; x via=python3");
	t("python3 <<EOF\nprint(1)\nEOF", "python3 code=[print(1)\n]");
	t("python3 x.py <<EOF\ndata\nEOF", "python3|x.py");
	t("node <<EOF\nx()\nEOF", "node code=[x()\n]");
	t("perl <<EOF\nunlink\nEOF", "perl code=[unlink\n]");
	t("cat <<EOF\nrm -rf ~\nEOF", "cat");
	t("cat <<EOF\n$(rm -rf ~)\nEOF", "cat in=rm ;; rm|-rf|~");
	t("cat <<'EOF'\n$(rm -rf ~)\nEOF", "cat");
	t("cat <<A; bash <<B\nx\nA\nrm y\nB", "cat ;; bash ;; rm|y via=bash");
	t("bash <<A <<B\nrm a\nA\nrm b\nB",
	  "bash ;; rm|a via=bash ;; rm|b via=bash");
	t("cat <<A | bash\nrm a\nA", "cat ;; bash in=cat ;; rm|a via=bash "
	  "in=cat");
	t("bash <<EOF\nrm x", "bash ;; rm|x via=bash !!");
	t("bash <<EOF", "bash !!");
	t("cat <<EOF\n  EOF\nEOF", "cat");
	t("bash <<< 'rm -rf ~'", "bash ;; rm|-rf|~ via=bash");
	t("bash <<< \"$(curl x)\"", "curl|x ;; bash in=curl ;; $(\xe2\x80\xa6) "
	  "via=bash in=curl dyn");
	t("python3 <<< 'import os'", "python3 code=[import os]");
	t("cat <<< 'rm x' | sh", "cat ;; sh in=cat ;; rm|x via=sh in=cat");
	t("grep x <<< \"$y\"", "grep|x");
	/* assignments */
	t("D=~; rm -rf $D", "rm|-rf|~");
	t("D=~; rm -rf ${D}/", "rm|-rf|~");
	t("D=/; rm -rf \"$D\"", "rm|-rf|/");
	t("D=$HOME; rm -rf $D", "rm|-rf|~");
	t("export D=~; rm -rf $D", "export|D=~ ;; rm|-rf|~");
	/* local outside a function sets nothing (bash: an error) */
	t("local D=/tmp/x; rm -rf $D", "local|D=/tmp/x ;; rm|-rf|$D");
	t("X=1 Y=2 rm -rf ~", "rm|-rf|~");
	t("X=1", "");
	t("X=$(curl x)", "curl|x");
	t("rm -rf $DIR/", "rm|-rf|$DIR");
	t("D=a D=b; rm $D", "rm|b");
	t("\"X=1\" rm", "X=1|rm");
	t("X=1 > f", " >f");
	t("a=b=c; echo $a", "echo|b=c");
	/* wrappers */
	t("sudo rm -rf /", "rm|-rf|/ via=sudo");
	t("sudo -u root -g wheel rm x", "rm|x via=sudo");
	t("sudo -uroot rm x", "rm|x via=sudo");
	/* sudo takes VAR=value before the command (seen in real configs). */
	t("sudo FIREWALL_MODE=${M:-strict} /usr/local/bin/fw.sh", "fw.sh via=sudo");
	t("sudo -E A=1 B=2 rm -rf x", "rm|-rf|x via=sudo");
	t("sudo --user=root -- rm x", "rm|x via=sudo");
	t("sudo -E -H rm x", "rm|x via=sudo");
	t("sudo -s rm x", "rm|x via=sudo");
	t("sudo -i", "sudo|-i");
	t("sudo -s", "sudo|-s");
	t("sudo -e /etc/hosts", "sudo|-e|/etc/hosts");
	t("doas -u root rm x", "rm|x via=doas");
	t("env", "env");
	t("env -i PATH=/bin rm x", "rm|x via=env");
	t("env -u HOME -C /tmp rm x", "rm|x via=env");
	t("env -- rm x", "rm|x via=env");
	/* env -S does not expand ~ (a file named ~), refuses $X */
	t("env -S 'rm -rf ~'", "rm|-rf|./~ via=env");
	t("env -S 'rm -rf ${HOME}/x'", "rm|-rf|~/x via=env");
	t("env -S 'rm -rf $HOME'", "env|-S|rm -rf $HOME");
	t("env -S'rm -rf' ~", "rm|-rf|~ via=env");
	t("command rm x", "rm|x via=command");
	t("command -p rm x", "rm|x via=command");
	t("command -v rm", "command|-v|rm");
	t("builtin cd /", "cd|/ via=builtin");
	t("exec rm x", "rm|x via=exec");
	t("exec -a name -c rm x", "rm|x via=exec");
	t("nice -n 10 rm x", "rm|x via=nice");
	t("nice -10 rm x", "rm|x via=nice");
	t("nohup rm x &", "rm|x via=nohup");
	t("timeout 5 rm x", "rm|x via=timeout");
	t("timeout -s KILL -k 1 5s rm x", "rm|x via=timeout");
	t("timeout --preserve-status --signal=TERM 5 rm x",
	  "rm|x via=timeout");
	t("stdbuf -oL -e 0 rm x", "rm|x via=stdbuf");
	t("ionice -c 3 -n 7 rm x", "rm|x via=ionice");
	t("setsid -f rm x", "rm|x via=setsid");
	t("chrt -f 99 rm x", "rm|x via=chrt");
	t("chrt -p 99 1234", "chrt|-p|99|1234");
	t("taskset 0x3 rm x", "rm|x via=taskset");
	t("taskset -c 0,1 rm x", "rm|x via=taskset");
	t("flock -w 5 /tmp/l rm x", "rm|x via=flock");
	t("flock /tmp/l -c 'rm -rf ~'", "rm|-rf|~ via=flock");
	t("chroot /mnt rm x", "rm|x via=chroot");
	t("chroot /mnt", "chroot|/mnt");
	t("unbuffer rm x", "rm|x via=unbuffer");
	t("caffeinate -t 5 rm x", "rm|x via=caffeinate");
	t("xargs rm", "rm via=xargs");
	t("xargs -0 -n 1 -P4 rm -f", "rm|-f via=xargs");
	t("xargs -I {} rm {}", "rm|{} via=xargs");
	t("xargs -i rm {}", "rm|{} via=xargs");
	t("xargs -d '\\n' -L1 rm", "rm via=xargs");
	t("xargs --max-procs 2 --null rm", "rm via=xargs");
	t("xargs", "xargs");
	t("find / -delete", "find|/|-delete");
	t("find . -name '*.o' -exec rm {} \\;", "find|.|-name|*.o|-exec|rm|{}|; "
	  ";; rm|{} via=find");
	t("find . -exec rm {} + -execdir sh -c 'rm x' \\;",
	  "find|.|-exec|rm|{}|+|-execdir|sh|-c|rm x|; ;; rm|{} via=find ;; "
	  "rm|x via=find,sh");
	t("find . -ok rm {} ';'", "find|.|-ok|rm|{}|; ;; rm|{} via=find");
	t("find . -exec", "find|.|-exec");
	t("bash -c 'rm -rf ~'", "rm|-rf|~ via=bash");
	t("sh -c 'a; b' name arg", "a via=sh ;; b via=sh");
	t("bash -lc 'rm x'", "rm|x via=bash");
	t("bash -ec 'rm x'", "rm|x via=bash");
	t("bash -xc 'rm x'", "rm|x via=bash");
	t("bash --norc -o pipefail -c 'rm x'", "rm|x via=bash");
	t("bash -c -e 'rm x'", "rm|x via=bash");
	t("zsh -c 'rm x'", "rm|x via=zsh");
	t("dash -c 'rm x'", "rm|x via=dash");
	t("/bin/sh -c 'rm x'", "rm|x via=sh");
	t("bash script.sh", "bash|script.sh");
	t("$SHELL -c 'rm -rf ~'", "rm|-rf|~ via=$SHELL ;; $SHELL|-c|rm -rf ~ "
	  "dyn");
	t("bash -c", "bash|-c");
	t("bash -c \"rm $D\"", "rm|$D via=bash ;; bash|-c|rm $D");
	t("bash -c 'bash -c \"rm x\"'", "rm|x via=bash,bash");
	t("eval rm -rf '~'", "rm|-rf|~ via=eval");
	t("eval 'rm x; ls'", "rm|x via=eval ;; ls via=eval");
	t("watch -n 1 rm x", "rm|x via=watch");
	t("watch -d 'rm x; ls'", "rm|x via=watch ;; ls via=watch");
	t("watch -x rm x", "rm|x via=watch");
	t("su -c 'rm -rf /'", "rm|-rf|/ via=su");
	t("su - root -c 'rm x'", "rm|x via=su");
	t("su", "su");
	t("su -", "su|-");
	t("runuser -u bob -- rm x", "rm|x via=runuser");
	t("script -q -c 'rm x' /dev/null", "rm|x via=script");
	/* Remote runners: the command is judged, the runner stays. */
	t("ssh host rm -rf /", "rm|-rf|/ via=ssh ;; ssh|host|rm|-rf|/");
	t("ssh -p 22 -i k host 'cd /; rm x'", "cd|/ via=ssh ;; rm|x via=ssh "
	  ";; ssh|-p|22|-i|k|host|cd /; rm x");
	t("ssh host", "ssh|host");
	t("ssh -N -L 8080:x:80 host", "ssh|-N|-L|8080:x:80|host");
	t("kubectl exec -it pod -c app -- rm x", "rm|x via=kubectl ;; "
	  "kubectl|exec|-it|pod|-c|app|--|rm|x");
	t("kubectl get pods", "kubectl|get|pods");
	t("docker exec -u 0 c rm x", "rm|x via=docker ;; "
	  "docker|exec|-u|0|c|rm|x");
	t("docker run img rm x", "docker|run|img|rm|x");
	/* More launchers from the table. */
	t("strace -f -o t rm x", "rm|x via=strace");
	t("strace -p 12", "strace|-p|12");
	t("ltrace -e malloc rm x", "rm|x via=ltrace");
	t("unshare -r --wd=/ rm x", "rm|x via=unshare");
	t("systemd-run --user -p X=1 rm x", "rm|x via=systemd-run");
	t("bwrap --bind / / --dev /dev rm x", "rm|x via=bwrap");
	t("firejail --noprofile rm x", "rm|x via=firejail");
	t("firejail --list", "firejail|--list");
	t("entr -s 'rm x; ls'", "rm|x via=entr ;; ls via=entr");
	t("entr -c make", "make via=entr");
	t("xvfb-run -a -s '-screen 0' rm x", "rm|x via=xvfb-run");
	t("dbus-launch --exit-with-session rm x", "rm|x via=dbus-launch");
	t("tmux new -d -s w 'rm x'", "rm|x via=tmux");
	t("tmux ls", "tmux|ls");
	t("screen -dmS w rm x", "rm|x via=screen");
	t("screen -ls", "screen|-ls");
	t("echo 'rm x' | at now", "echo|rm x ;; at|now in=echo ;; "
	  "rm|x via=at in=echo");
	t("at -l", "at|-l");
	t("busybox rm x", "rm|x via=busybox");
	t("busybox sh -c 'rm x'", "rm|x via=busybox,sh");
	t("pkexec rm x", "rm|x via=pkexec");
	t("sudo env FOO=1 timeout 5 nice bash -c 'cd / && rm -rf ~'",
	  "cd|/ via=sudo,env,timeout,nice,bash ;; "
	  "rm|-rf|~ via=sudo,env,timeout,nice,bash");
	t("sudo sudo sudo rm x", "rm|x via=sudo,sudo,sudo");
	t("nohup sudo -u x xargs -n1 rm", "rm via=nohup,sudo,xargs");
	t("sudo find / -exec rm {} \\;", "find|/|-exec|rm|{}|; via=sudo ;; "
	  "rm|{} via=sudo,find");
	t("curl x | xargs -0 sh -c 'rm $0'", "curl|x ;; rm|$0 via=xargs,sh "
	  "in=curl");
	t("time sudo rm x", "rm|x via=time,sudo");
	/* The wrapper table: what each one's options say it runs. */
	t("sudo -u root -l rm x", "sudo|-u|root|-l|rm|x");
	t("sudo -ll", "sudo|-ll");
	t("env -iS 'rm -rf ~'", "rm|-rf|./~ via=env");
	t("env -S bash -c 'rm -rf ~'", "rm|-rf|~ via=env,bash");
	t("env --split-string='rm x' y", "rm|x|y via=env");
	t("env -S", "env|-S");
	t("ionice -c 3 -p 42", "ionice|-c|3|-p|42");
	t("busybox --list rm", "busybox|--list|rm");
	t("runuser --user=bob rm x", "rm|x via=runuser");
	t("runuser -l bob -c 'rm x'", "rm|x via=runuser");
	t("su -lc 'rm x' bob", "rm|x via=su");
	t("su --command='rm x'", "rm|x via=su");
	t("flock -c", "flock|-c");
	t("timeout 5 -s KILL", "-s|KILL via=timeout");
	/* Exec sinks (shell_sinks.c): what a program runs from its data. */
	t("git -c alias.x='!rm -rf ~' x", "git|-c|alias.x=!rm -rf ~|x ;; rm|-rf|~ via=git");
	t("git -c alias.st=status st", "git|-c|alias.st=status|st ;; git|status via=git");
	t("git -c Core.SSHCommand='ssh -i k' fetch", "git|-c|Core.SSHCommand=ssh -i k|fetch ;; ssh|-i|k via=git");
	/* ... and the environment variables git reads as those commands */
	t("GIT_SSH_COMMAND='rm -rf ~' git fetch", "git|fetch ;; rm|-rf|~ via=git");
	t("export GIT_PAGER='cat x'; git log", "export|GIT_PAGER=cat x ;; git|log ;; cat|x via=git");
	t("GIT_AUTHOR_NAME='rm x' git commit", "git|commit");
	t("git -c core.fsmonitor=true status",
	  "git|-c|core.fsmonitor=true|status");
	t("git -c user.name=x commit", "git|-c|user.name=x|commit");
	t("git config --global diff.x.textconv 'rm y'", "git|config|--global|diff.x.textconv|rm y ;; rm|y via=git");
	t("git config credential.helper store",
	  "git|config|credential.helper|store");
	t("git config --get alias.x", "git|config|--get|alias.x");
	t("git config user.email a@b", "git|config|user.email|a@b");
	t("sed -n '1e rm x' f", "sed|-n|1e rm x|f ;; rm|x via=sed");
	t("sed 's/a/rm x/e' f", "sed|s/a/rm x/e|f ;; rm|x via=sed");
	t("sed -e 's/e/E/g;/e/d' f", "sed|-e|s/e/E/g;/e/d|f");
	t("sed '1a e rm x' f", "sed|1a e rm x|f");
	t("sed -ne '2e rm x' f", "sed|-ne|2e rm x|f ;; rm|x via=sed");
	t("sed --sandbox '1e rm x' f", "sed|--sandbox|1e rm x|f");
	t("sed -i.e 's/a/b/' f", "sed|-i.e|s/a/b|f");
	t("tar --checkpoint=1 --checkpoint-action=exec='rm x' -cf a b",
	  "tar|--checkpoint=1|--checkpoint-action=exec=rm x|-cf|a|b ;; rm|x via=tar");
	t("tar --checkpoint-action=dot -cf a b",
	  "tar|--checkpoint-action=dot|-cf|a|b");
	t("tar --to-com 'rm x' -xf a", "tar|--to-com|rm x|-xf|a ;; rm|x via=tar");
	t("tar -cIzstd -f a b", "tar|-cIzstd|-f|a|b ;; zstd via=tar");
	t("tar cIf 'rm x' a b", "tar|cIf|rm x|a|b ;; rm|x via=tar");
	t("tar --to-stdout -xf a", "tar|--to-stdout|-xf|a");
	t("vim -c '%!rm x' f", "vim|-c|%!rm x|f ;; rm|x via=vim");
	t("vim -c 'call system(\"rm x\")'", "vim|-c|call system(\"rm x\") ;; rm|x via=vim");
	t("vim -c wq f", "vim|-c|wq|f");
	t("emacs --eval '(shell-command \"rm x\")'", "emacs|--eval|(shell-command \"rm x\") ;; rm|x via=emacs");
	t("make -f - <<'E'\nV = rm\nall:\n\t@$(V) x $$H\nE",
	  "make|-f|- ;; rm|x|$H via=make");
	t("make -f /dev/stdin <<<$'all:\n\t$(shell rm x)'",
	  "make|-f|/dev/stdin ;; rm|x via=make ;; $(…) via=make in=rm dyn");
	t("make -f Makefile all", "make|-f|Makefile|all");
	/* xargs: its input becomes arguments (shell_norm.c wrap_xargs). */
	t("echo ~/.ssh b | xargs rm -rf", "echo|~/.ssh|b ;; "
	  "rm|-rf|~/.ssh|b via=xargs in=echo");
	t("printf '%s\\0' a 'b c' | xargs -0 rm", "printf|%s\\0|a|b c ;; "
	  "rm|a|b c via=xargs in=printf");
	t("echo 'a \"b c\"' | xargs rm", "echo|a \"b c\" ;; "
	  "rm|a|b c via=xargs in=echo");
	t("printf 'a\\nb\\n' | xargs -I{} mv {} {}.bak",
	  "printf|a\\nb\\n ;; mv|a|a.bak via=xargs in=printf ;; "
	  "mv|b|b.bak via=xargs in=printf");
	t("xargs rm <<< 'x y'", "rm|x|y via=xargs");
	t("xargs rm < list", "rm|$(…) via=xargs <list");
	t("cat list | xargs -I{} rm {}", "cat|list ;; rm|$(…) via=xargs in=cat");
	t("xargs -a ~/.netrc echo", "cat|~/.netrc via=xargs ;; "
	  "echo|$(…) via=xargs");
	t("find ~/.ssh | xargs cat", "find|~/.ssh ;; cat|{} via=xargs in=find");
	t("git ls-files | xargs wc -l", "git|ls-files ;; "
	  "wc|-l|$(…) via=xargs in=git");
	/* inline interpreter code */
	t("python3 -c 'import os'", "python3|-c|import os code=[import os]");
	t("python -Bc 'x'", "python|-Bc|x code=[x]");
	t("python3.12 -W ignore -c 'x' a", "python3.12|-W|ignore|-c|x|a "
	  "code=[x]");
	t("python3 script.py -c x", "python3|script.py|-c|x");
	t("python3 -m http.server", "python3|-m|http.server");
	t("pypy3 -c 'x'", "pypy3|-c|x code=[x]");
	t("perl -e 'unlink 1'", "perl|-e|unlink 1 code=[unlink 1] ;; "
	  "rm|-f|--|1 via=perl");
	t("perl -ne 'print' f", "perl|-ne|print|f code=[print]");
	t("perl -E 'say 1' -e 'x'", "perl|-E|say 1|-e|x code=[say 1] "
	  "code=[x]");
	t("perl -i.bak -pe 's/a/b/' f", "perl|-i.bak|-pe|s/a/b|f "
	  "code=[s/a/b/]");
	t("perl script.pl -e x", "perl|script.pl|-e|x");
	t("ruby -e 'system 1'", "ruby|-e|system 1 code=[system 1] ;; "
	  "1 via=ruby");
	t("node -e 'x()'", "node|-e|x() code=[x()]");
	t("nodejs --eval 'x()'", "nodejs|--eval|x() code=[x()]");
	t("node -p 'x'", "node|-p|x code=[x]");
	t("node --eval='x'", "node|--eval=x code=[x]");
	t("bun -e 'x'", "bun|-e|x code=[x]");
	t("deno eval 'x'", "deno|eval|x code=[x]");
	t("php -r 'x();'", "php|-r|x(); code=[x();]");
	t("osascript -e 'tell app' -e 'end'", "osascript|-e|tell app|-e|end "
	  "code=[tell app] code=[end]");
	t("pwsh -c Remove-Item x", "pwsh|-c|Remove-Item|x "
	  "code=[Remove-Item x]");
	t("powershell -Command 'x'", "powershell|-Command|x code=[x]");
	t("lua -e 'os.exit()'", "lua|-e|os.exit() code=[os.exit()]");
	t("Rscript -e 'x'", "Rscript|-e|x code=[x]");
	/* Inline code followed to its effects (shell_inline.c), decoders
	 * (shell_decode.c), scripts written then run (shell_files.c). */
	t("python3 -c 'import shutil; shutil.rmtree(\"/etc/x\")'",
	  "python3|-c|import shutil; shutil.rmtree(\"/etc/x\") code=[import shutil; shutil.rmtree(\"/etc/x\")] ;; rm|-rf|--|/etc/x via=python3");
	t("python3 -c \"import os; os.system(f'rm -rf {os.path.expanduser(\\\"~\\\")}/.aws')\"",
	  "python3|-c|import os; os.system(f'rm -rf {os.path.expanduser(\"~\")}/.aws') code=[import os; os.system(f'rm -rf {os.path.expanduser(\"~\")}/.aws')] ;; rm|-rf|~/.aws via=python3");
	t("python3 -c 'print(\"rm -rf ~\") # os.system(\"rm -rf ~\")'",
	  "python3|-c|print(\"rm -rf ~\") # os.system(\"rm -rf ~\") code=[print(\"rm -rf ~\") # os.system(\"rm -rf ~\")]");
	t("python3 -c 'r\"\"\"os.system(\"x\")\"\"\"'",
	  "python3|-c|r\"\"\"os.system(\"x\")\"\"\" code=[r\"\"\"os.system(\"x\")\"\"\"]");
	t("python3 -c \"from subprocess import run as r; r(['rm', '-rf', '/srv'])\"",
	  "python3|-c|from subprocess import run as r; r(['rm', '-rf', '/srv']) code=[from subprocess import run as r; r(['rm', '-rf', '/srv'])] ;; rm|-rf|/srv via=python3");
	t("python3 -c 'import os; os.system(input())'",
	  "python3|-c|import os; os.system(input()) code=[import os; os.system(input())] ;; <computed-exec>|python3 via=python3");
	t("python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[1])' x",
	  "python3|-c|import shutil, sys; shutil.rmtree(sys.argv[1])|x code=[import shutil, sys; shutil.rmtree(sys.argv[1])] ;; <computed-path>|python3 via=python3");
	t("python3 -c 'open(\"/etc/passwd\").read(); open(\"out\", \"w\")'",
	  "python3|-c|open(\"/etc/passwd\").read(); open(\"out\", \"w\") code=[open(\"/etc/passwd\").read(); open(\"out\", \"w\")] ;; cat|--|/etc/passwd via=python3 ;; : via=python3 >out");
	t("python3 -c \"import base64, os; os.system(base64.b64decode('bHMgL3RtcA==').decode())\"",
	  "python3|-c|import base64, os; os.system(base64.b64decode('bHMgL3RtcA==').decode()) code=[import base64, os; os.system(base64.b64decode('bHMgL3RtcA==').decode())] ;; ls|/tmp via=python3");
	t("python3 -c \"import pathlib; (pathlib.Path.home() / '.ssh' / 'id_rsa').unlink()\"",
	  "python3|-c|import pathlib; (pathlib.Path.home() / '.ssh' / 'id_rsa').unlink() code=[import pathlib; (pathlib.Path.home() / '.ssh' / 'id_rsa').unlink()] ;; rm|-f|--|~/.ssh/id_rsa via=python3");
	t("python3 -c \"import os\nfor r, d, fs in os.walk('/srv/x'):\n    [os.remove(os.path.join(r, f)) for f in fs]\"",
	  "python3|-c|import os\nfor r, d, fs in os.walk('/srv/x'):\n    [os.remove(os.path.join(r, f)) for f in fs] code=[import os\nfor r, d, fs in os.walk('/srv/x'):\n    [os.remove(os.path.join(r, f)) for f in fs]] ;; rm|-rf|--|/srv/x via=python3");
	t("node -e 'require(\"child_process\").execSync(\"rm -rf \" + require(\"os\").homedir() + \"/.ssh\")'",
	  "node|-e|require(\"child_process\").execSync(\"rm -rf \" + require(\"os\").homedir() + \"/.ssh\") code=[require(\"child_process\").execSync(\"rm -rf \" + require(\"os\").homedir() + \"/.ssh\")] ;; rm|-rf|~/.ssh via=node");
	t("node -e 'const cp = require(\"child_process\"); cp.spawnSync(\"rm\", [\"-rf\", \"/srv\"])'",
	  "node|-e|const cp = require(\"child_process\"); cp.spawnSync(\"rm\", [\"-rf\", \"/srv\"]) code=[const cp = require(\"child_process\"); cp.spawnSync(\"rm\", [\"-rf\", \"/srv\"])] ;; rm|-rf|/srv via=node");
	t("node -e 'console.log(`rm -rf ${x}`)'",
	  "node|-e|console.log(`rm -rf ${x}`) code=[console.log(`rm -rf ${x}`)]");
	t("node -e 'require(\"fs/promises\").rm(\"/srv/x\", {recursive: true})'",
	  "node|-e|require(\"fs/promises\").rm(\"/srv/x\", {recursive: true}) code=[require(\"fs/promises\").rm(\"/srv/x\", {recursive: true})] ;; rm|-rf|--|/srv/x via=node");
	t("node -e 'eval(Buffer.from(\"bHMgLw==\", \"base64\").toString())'",
	  "node|-e|eval(Buffer.from(\"bHMgLw==\", \"base64\").toString()) code=[eval(Buffer.from(\"bHMgLw==\", \"base64\").toString())]");
	t("perl -e 'system(\"rm -rf \" . \"$ENV{HOME}/.aws\")'",
	  "perl|-e|system(\"rm -rf \" . \"$ENV{HOME}/.aws\") code=[system(\"rm -rf \" . \"$ENV{HOME}/.aws\")] ;; rm|-rf|~/.aws via=perl");
	t("perl -e 'use File::Path qw(rmtree); rmtree(\"/srv/x\")'",
	  "perl|-e|use File::Path qw(rmtree); rmtree(\"/srv/x\") code=[use File::Path qw(rmtree); rmtree(\"/srv/x\")] ;; rm|-rf|--|/srv/x via=perl");
	t("perl -e 'my $c = qx{ls /srv}; unlink \"/srv/y\"'",
	  "perl|-e|my $c = qx{ls /srv}; unlink \"/srv/y\" code=[my $c = qx{ls /srv}; unlink \"/srv/y\"] ;; ls|/srv via=perl ;; rm|-f|--|/srv/y via=perl");
	t("perl -e 'system(pack(\"H*\", \"6c73\"))'",
	  "perl|-e|system(pack(\"H*\", \"6c73\")) code=[system(pack(\"H*\", \"6c73\"))] ;; ls via=perl");
	t("perl -e 'open(F, \"<\", \"/etc/shadow\"); print <F>'",
	  "perl|-e|open(F, \"<\", \"/etc/shadow\"); print <F> code=[open(F, \"<\", \"/etc/shadow\"); print <F>] ;; cat|--|/etc/shadow via=perl");
	t("perl -e 's/x/y/g; print \"system(1)\"'",
	  "perl|-e|s/x/y/g; print \"system(1)\" code=[s/x/y/g; print \"system(1)\"]");
	t("ruby -e 'system \"rm\", \"-rf\", \"/srv\"'",
	  "ruby|-e|system \"rm\", \"-rf\", \"/srv\" code=[system \"rm\", \"-rf\", \"/srv\"] ;; rm|-rf|/srv via=ruby");
	t("ruby -e 'puts `id`'",
	  "ruby|-e|puts `id` code=[puts `id`] ;; id via=ruby");
	t("php -r 'echo shell_exec(\"id\");'",
	  "php|-r|echo shell_exec(\"id\"); code=[echo shell_exec(\"id\");] ;; id via=php");
	t("awk 'BEGIN { \"date\" | getline d; print d > \"/tmp/o\" }'",
	  "awk|BEGIN { \"date\" | getline d; print d > \"/tmp/o\" } code=[BEGIN { \"date\" | getline d; print d > \"/tmp/o\" }] ;; date via=awk ;; : via=awk >/tmp/o");
	t("echo cm0gLXJmIC9zcnY= | base64 -d | sh",
	  "echo|cm0gLXJmIC9zcnY= ;; base64|-d in=echo ;; sh in=echo,base64 ;; rm|-rf|/srv via=sh in=echo,base64");
	t("base64 -d <<< bHM= | bash",
	  "base64|-d ;; bash in=base64 ;; ls via=bash in=base64");
	t("cat f | base64 -d | sh",
	  "cat|f ;; base64|-d in=cat ;; sh in=cat,base64 ;; <computed-exec>|sh in=cat,base64");
	t("printf '\\x6c\\x73\\n' | sh",
	  "printf|\\x6c\\x73\\n ;; sh in=printf ;; ls via=sh in=printf");
	t("echo 'sl' | rev | sh",
	  "echo|sl ;; rev in=echo ;; sh in=echo,rev ;; ls via=sh in=echo,rev");
	t("echo 'yf' | tr 'a-z' 'n-za-m' | sh",
	  "echo|yf ;; tr|a-z|n-za-m in=echo ;; sh in=echo,tr ;; ls via=sh in=echo,tr");
	/* Case-insensitive and Windows file systems find the program. */
	t("RM -rf /", "rm|-rf|/");
	t("GIT.EXE status", "git|status");
	t("\"C:\\Program Files\\Git\\bin\\git.exe\" status", "git|status");
	t("/usr/bin/RM x", "rm|x");
	/* env - is env -i; BSD env -P and xargs -J / -R / -S take values. */
	t("env - rm -rf /x", "rm|-rf|/x via=env");
	t("env -P /usr/bin rm x", "rm|x via=env");
	t("echo a | xargs -J % mv % /tmp", "echo|a ;; mv|a|/tmp via=xargs in=echo");
	t("echo a | xargs -R 2 rm", "echo|a ;; rm|a via=xargs in=echo");
	/* A function called by a quoted name, or timed. */
	t("f() { rm -rf /x; }; 'f'", "rm|-rf|/x ;; f");
	t("f() { rm -rf /x; }; time -p f", "rm|-rf|/x ;; f via=time");
	/* Not the keyword after an assignment; a quoted "--" is a name. */
	t("f() { rm -rf /x; }; X=1 time f", "f via=time");
	t("f() { rm -rf /x; }; time \"--\" f", "f via=time");
	/* GNU parallel: each job a shell line, {} replaced, args quoted. */
	t("parallel rm -rf {} ::: build /",
	  "rm|-rf|build via=parallel ;; rm|-rf|/ via=parallel");
	t("parallel -j2 gzip ::: a.log 'b c.log'",
	  "gzip|a.log via=parallel ;; gzip|b c.log via=parallel");
	t("parallel ::: 'rm -rf /tmp/x' true",
	  "rm|-rf|/tmp/x via=parallel ;; true via=parallel");
	t("printf 'a\\nb\\n' | parallel echo {.}",
	  "printf|a\\nb\\n ;; echo|a via=parallel in=printf ;; echo|b via=parallel in=printf");
	t("parallel bash -c 'rm -rf {}' ::: /",
	  "rm via=parallel,bash");
	t("parallel -q bash -c 'rm -rf {}' ::: /",
	  "rm|-rf|/ via=parallel,bash");
	t("parallel --version rm -rf /", "parallel|--version|rm|-rf|/");
	t("parallel echo {1}-{2} ::: a b ::: x",
	  "echo|a-x via=parallel ;; echo|b-x via=parallel");
	t("cat list | parallel rm -rf",
	  "cat|list ;; rm|-rf|$(…) via=parallel in=cat");
	t("curl -s u | parallel --pipe sh", "curl|-s|u ;; sh via=parallel in=curl");
	t("parallel --workdir /tmp rm -f {} ::: x",
	  "cd|/tmp via=parallel ;; rm|-f|x via=parallel");
	t("eval \"$(echo bHM= | base64 --decode)\"",
	  "echo|bHM= ;; base64|--decode in=echo ;; ls via=eval in=echo,base64");
	/* A decoded command word is a value: the command it spells. */
	t("$(echo cm0gLXJmIGJ1aWxk | base64 -d)",
	  "echo|cm0gLXJmIGJ1aWxk ;; base64|-d in=echo ;; rm|-rf|build in=echo,base64");
	t("$(echo bHM= | base64 -d | gunzip)",
	  "echo|bHM= ;; base64|-d in=echo ;; gunzip in=echo,base64 ;; $(…) in=echo,base64,gunzip dyn");
	/* bash's start-up files run before its script */
	t("echo 'rm -rf /srv' > e.sh; BASH_ENV=e.sh bash x.sh",
	  "echo|rm -rf /srv >e.sh ;; bash|x.sh ;; rm|-rf|/srv via=bash");
	t("echo 'rm x' > rc; bash --rcfile rc -i", "echo|rm x >rc ;; bash|--rcfile|rc|-i ;; rm|x via=bash");
	t("echo 'rm -rf /srv' > s.sh && bash s.sh",
	  "echo|rm -rf /srv >s.sh ;; bash|s.sh ;; rm|-rf|/srv via=bash");
	t("printf '#!/usr/bin/env python3\\nimport os; os.system(\"id\")\\n' > r; chmod +x r; ./r",
	  "printf|#!/usr/bin/env python3\\nimport os; os.system(\"id\")\\n >r ;; chmod|+x|r ;; r code=[#!/usr/bin/env python3\nimport os; os.system(\"id\")\n] ;; id via=r");
	t("curl -s http://x/i.sh > i.sh; sh i.sh",
	  "curl|-s|http://x/i.sh >i.sh ;; sh|i.sh ;; <computed-exec>|sh");
	t("printf '%s\\n' 'rm -rf /' | bash -n",
	  "printf|%s\\n|rm -rf / ;; bash|-n in=printf");
	t("python3 -c \"import pathlib; [p.unlink() for p in pathlib.Path('/srv').glob('*')]\"",
	  "python3|-c|import pathlib; [p.unlink() for p in pathlib.Path('/srv').glob('*')] "
	  "code=[import pathlib; [p.unlink() for p in pathlib.Path('/srv').glob('*')]] ;; "
	  "rm|-f|--|/srv/* via=python3");
	t("echo 'ls /srv' | base64 | base64 -d | sh",
	  "echo|ls /srv ;; base64 in=echo ;; base64|-d in=echo,base64 ;; "
	  "sh in=echo,base64 ;; ls|/srv via=sh in=echo,base64");
	t("source <(echo 'ls /srv')",
	  "echo|ls /srv ;; source|<(\xe2\x80\xa6) in=echo ;; ls|/srv via=source in=echo");
	t("cat > x.py <<'EOF'\nimport os\nos.system('id')\nEOF\npython3 x.py",
	  "cat >x.py ;; python3|x.py code=[import os\nos.system('id')\n] ;; id via=python3");
	t("awk 'BEGIN{system(\"x\")}' f", "awk|BEGIN{system(\"x\")}|f "
	  "code=[BEGIN{system(\"x\")}] ;; x via=awk");
	t("awk -F: -f p.awk f", "awk|-F:|-f|p.awk|f");
	t("sudo python3 -c 'x'", "python3|-c|x via=sudo code=[x]");
	/* path normalisation of arguments */
	t("rm -rf $HOME/", "rm|-rf|~");
	t("rm -rf ${HOME}", "rm|-rf|~");
	t("rm -rf \"$HOME\"", "rm|-rf|~");
	t("rm -rf ~/", "rm|-rf|~");
	t("rm -rf ~//x/./y/", "rm|-rf|~/x/y");
	t("rm -rf /home/alice", "rm|-rf|~");
	t("rm -rf /home/alice/", "rm|-rf|~");
	t("rm -rf /home/alicex", "rm|-rf|/home/alicex");
	t("rm -rf /home/bob", "rm|-rf|/home/bob");
	t("rm -rf /root", "rm|-rf|/root");
	t("rm -rf ~bob/x/", "rm|-rf|~bob/x");
	t("rm -rf ./build/", "rm|-rf|build");
	t("rm -rf ./", "rm|-rf|.");
	t("rm -rf .", "rm|-rf|.");
	t("rm -rf //", "rm|-rf|/");
	t("rm -rf /.", "rm|-rf|/");
	t("rm -rf /tmp/..", "rm|-rf|/");
	t("rm -rf ~/x/..", "rm|-rf|~");
	t("rm -rf ../x/", "rm|-rf|../x");
	t("rm -rf /nonexistent-x/*", "rm|-rf|/nonexistent-x/*");
	t("rm -rf ~/*", "rm|-rf|~/*");
	t("rm --dir=/tmp//x/ y", "rm|--dir=/tmp/x|y");
	t("curl https://x.com//a/", "curl|https://x.com//a/");
	t("sed s/a/b/ f", "sed|s/a/b|f");
	t("echo -n x", "echo|-n|x");
}

int main(int argc, char **argv)
{
	char buf[4096];
	static const struct shell_env nohome = { 0 };

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
	cases();
	path(&env, "/home/alice/.ssh/id_rsa", "~/.ssh/id_rsa");
	path(&env, "/home/alice", "~");
	path(&env, "$HOME/.aws/credentials", "~/.aws/credentials");
	path(&env, "/etc//passwd/", "/etc/passwd");
	path(&env, "/", "/");
	path(&env, "a/../b", "b");
	path(&env, "../../x", "../../x");
	path(&env, "./", ".");
	path(&env, "", "");
	path(&env, "/root/.ssh", "/root/.ssh");
	path(&nohome, "/root/.ssh", "~/.ssh");
	path(&nohome, "/home/bob/.ssh/", "~/.ssh");
	path(&nohome, "/home/", "/home");
	path(&nohome, "/etc/x", "/etc/x");
	/* ".." is resolved before the home becomes "~": the parent of home. */
	path(&env, "~/..", "/home");
	path(&env, "$HOME/../bob/.ssh", "/home/bob/.ssh");
	path(&env, "/home/alice/..", "/home");
	path(&env, "~/x/../.ssh/id_rsa", "~/.ssh/id_rsa");
	path(&env, "/home/alice/x/..", "~");
	path(&nohome, "$HOME/..", "~/..");
	{
		/* Home is the passwd home and $HOME: either becomes "~";
		 * "~" and $HOME expand as the shell will (tilde). */
		static const struct shell_env two = { "/home/alice",
			"/home/alice/src", "Bash", "/tmp/fake", "/tmp/fake" };
		static const struct shell_env etc = { "/home/alice",
			"/home/alice/src", "Bash", NULL, "/etc" };

		path(&two, "/home/alice/x", "~/x");
		path(&two, "/tmp/fake/x", "~/x");
		path(&two, "/tmp/fake", "~");
		path(&two, "$HOME/x", "~/x");
		path(&two, "~/..", "/tmp");
		path(&two, "/tmp/fakeish/x", "/tmp/fakeish/x");
		path(&two, "/tmp/x", "/tmp/x");
		path(&etc, "~/sudoers", "/etc/sudoers");
		path(&etc, "$HOME/sudoers", "/etc/sudoers");
		path(&etc, "/home/alice/.ssh", "~/.ssh");
	}
	sub("git -C repo -c a=b push origin main", "push");
	sub("git --git-dir=.git --work-tree x status", "status");
	sub("git --no-pager log", "log");
	sub("git", "(null)");
	sub("docker -H tcp://x compose up", "compose");
	sub("docker --context prod rm -f x", "rm");
	sub("kubectl -n prod delete pod x", "delete");
	sub("kubectl --context=c --namespace x apply -f y", "apply");
	sub("helm --kube-context c uninstall r", "uninstall");
	sub("terraform -chdir=infra destroy", "destroy");
	sub("aws --profile p --region r s3 rm s3://b", "s3");
	sub("gcloud --project p compute instances delete x", "compute");
	sub("az --subscription s group delete", "group");
	sub("npm --prefix x publish", "publish");
	sub("cargo -C dir publish", "publish");
	sub("systemctl -H host stop x", "stop");
	sub("systemctl --user stop x", "stop");
	sub("sudo git -C x push", "push");
	sub("make -j8 install", "install");
	fields();
	hostile();
	bench();
	return tap_done();
}
