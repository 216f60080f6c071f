/* cmd_selftest.c - `ccveto selftest`: every rule's `hit` examples must be
 * caught by that rule and its `miss` near-misses must not be, through the
 * whole pipeline (payload model, shell parser, prefilter, matcher), and
 * every command its `instead` text offers in backquotes must pass.
 * Examples run as user alice: HOME=/home/alice, cwd=/home/alice/src/webapp. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "json/jval.h"
#include "judge/judge.h"
#include "judge/load.h"
#include "judge/toolcall.h"
#include "rules/config.h"
#include "rules/ruleset.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/opt.h"

#define EX_HOME "/home/alice"
#define EX_CWD "/home/alice/src/webapp"

struct tally {
	int tap, verbose;
	unsigned n, failed;
};

static void report(struct tally *t, int pass, const char *id,
		   const char *what, const struct jv *ex, const char *detail)
{
	struct buf text;
	const char *shown = "?";

	buf_init(&text);
	if (jv_is(ex, JV_STRING))
		shown = ex->s;
	else if (jv_write(&text, ex) == 0 && buf_putc(&text, '\0') == 0)
		shown = text.data;

	t->n++;
	if (!pass)
		t->failed++;
	if (t->tap)
		printf("%sok %u - %s %s: %s%s%s\n", pass ? "" : "not ", t->n,
		       id, what, shown, detail ? " # " : "",
		       detail ? detail : "");
	else if (!pass)
		printf("FAIL %s %s: %s%s%s\n", id, what, shown,
		       detail ? " - " : "", detail ? detail : "");
	buf_release(&text);
}

static void run_examples(struct tally *t, struct ruleset *set,
			 const struct rule *r, const char *key, int want)
{
	const struct jv *list = jv_get(rule_examples(r), key), *ex;

	jv_for_each(ex, list) {
		struct toolcall call;
		struct verdict v;
		struct arena a;
		struct diag d;
		int found = 0, error;
		size_t i;

		arena_init(&a);
		diag_clear(&d);
		memset(&call, 0, sizeof(call));
		error = load_example_call(&call, &a, ex, EX_HOME,
					  EX_CWD, NULL, &d);
		call.lexical = true;
		if (error >= 0)
			error = judge_call(&v, &a, set, &call, &d);
		if (error < 0) {
			report(t, 0, rule_id(r), key, ex, d.msg);
		} else {
			for (i = 0; i < v.nhits; i++)
				if (v.hits[i].rule == r)
					found = 1;
			report(t, found == want, rule_id(r), key, ex,
			       found == want ? NULL :
			       want ? "not matched" : "matched");
		}
		arena_release(&a);
	}
}

/* A backquoted span of `instead` that reads as a command: it starts with
 * a program name (not an option, a placeholder or a fragment). */
static int offers_command(const char *p, size_t n)
{
	return n > 0 && ((*p >= 'a' && *p <= 'z') || *p == '.') &&
		!memchr(p, '<', n) && !memchr(p, '\n', n);
}

/* Every command the rule's `instead` text offers must itself pass:
 * advice the guard would block (or ask about) is no advice. */
static void run_instead(struct tally *t, struct ruleset *set,
			const struct rule *r)
{
	const char *p = rule_instead(r), *q;
	char cmd[512];

	for (; p && (p = strchr(p, '`')) && (q = strchr(p + 1, '`'));
	     p = q + 1) {
		size_t n = (size_t)(q - p - 1);
		struct jv ex;
		struct toolcall call;
		struct verdict v;
		struct arena a;
		struct diag d;
		int error;

		if (!offers_command(p + 1, n) || n >= sizeof(cmd))
			continue;
		memcpy(cmd, p + 1, n);
		cmd[n] = '\0';
		memset(&ex, 0, sizeof(ex));
		ex.type = JV_STRING;
		ex.s = cmd;
		ex.len = n;
		arena_init(&a);
		diag_clear(&d);
		memset(&call, 0, sizeof(call));
		error = load_example_call(&call, &a, &ex, EX_HOME, EX_CWD,
					  NULL, &d);
		call.lexical = true;
		if (error >= 0)
			error = judge_call(&v, &a, set, &call, &d);
		if (error < 0)
			report(t, 0, rule_id(r), "instead", &ex, d.msg);
		else
			report(t, v.decision == DECISION_NONE, rule_id(r),
			       "instead", &ex, v.decision == DECISION_NONE ?
			       NULL : v.nhits ? rule_id(v.hits[0].rule) :
			       "objected to");
		arena_release(&a);
	}
}

int cmd_selftest(int argc, char **argv)
{
	const char *rules_dir = NULL;
	struct tally t = { 0, 0, 0, 0 };
	int nargs = 0, status;
	const struct opt_spec opts[] = {
		{ 0, "tap", OPT_FLAG, &t.tap, NULL,
		  "print one TAP line per example" },
		{ 'r', "rules-dir", OPT_VALUE, &rules_dir, "DIR",
		  "also test the packs in DIR" },
		{ 0 }
	};
	struct config_opts copts = { 0 };
	struct ruleset *set = NULL;
	struct diag d;
	size_t i;

	status = opt_parse(opts, argc, argv, &nargs,
			   "ccveto selftest [--tap] [--rules-dir DIR]",
			   "Runs every rule's hit and miss examples through "
			   "the whole pipeline.");
	if (status)
		return status > 0 ? 0 : 2;
	diag_clear(&d);
	/* The rules as shipped: no user or project configuration. */
	copts.rules_dir = rules_dir;
	copts.no_user_config = 1;
	if (load_ruleset(&set, &copts, &d) < 0) {
		fprintf(stderr, "ccveto: %s\n", d.msg);
		if (t.tap)
			printf("not ok 1 - loading rule packs: %s\n", d.msg);
		return 1;
	}
	for (i = 0; i < ruleset_count(set); i++) {
		const struct rule *r = ruleset_at(set, i);

		if (!rule_enabled(r))
			continue;
		diag_clear(&d);
		if (judge_rule_compile(r, &d) < 0) {
			t.n++;
			t.failed++;
			printf("%s%u - %s compiles # %s\n",
			       t.tap ? "not ok " : "FAIL ", t.n, rule_id(r),
			       d.msg);
			continue;
		}
		run_examples(&t, set, r, "hit", 1);
		run_examples(&t, set, r, "miss", 0);
		run_instead(&t, set, r);
	}
	if (t.tap)
		printf("1..%u\n", t.n);
	else
		printf("%zu rules, %u examples, %u failed\n",
		       ruleset_count(set), t.n, t.failed);
	ruleset_free(set);
	return t.failed ? 1 : 0;
}
