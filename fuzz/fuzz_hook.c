/* fuzz_hook.c - libFuzzer harness for the hook's whole judgement:
 * payload bytes -> toolcall_parse() -> judge_call() with the embedded
 * packs, as `ccveto hook` runs it minus the I/O.
 *
 * The invariant is the issue's: every input ends in a defined verdict.  A
 * payload that cannot be read, or a judgement that fails, must be a DENY
 * with a reason; an ASK or DENY always has a reason; nothing crashes.
 * An input starting with '!' is a Bash command instead of a payload (via
 * toolcall_from_command), so the fuzzer reaches the shell and the rules
 * without having to learn the payload's JSON first. */
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "fuzz_util.h"
#include "judge/judge.h"
#include "rules/ruleset.h"
#include "judge/toolcall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset *hook_set;

static void hook_free_set(void)
{
	ruleset_free(hook_set);
	hook_set = NULL;
}

static struct ruleset *hook_ruleset(void)
{
	struct diag d;

	if (hook_set)
		return hook_set;
	diag_clear(&d);
	if (ruleset_new(&hook_set, &d) < 0 ||
	    ruleset_load_embedded(hook_set, &d) < 0) {
		fprintf(stderr, "fuzz_hook: cannot load the packs: %s\n",
			d.msg);
		abort();
	}
	atexit(hook_free_set);
	return hook_set;
}

static void hook_check_verdict(const struct verdict *v)
{
	size_t i;

	FUZZ_CHECK(v->decision == DECISION_NONE || v->decision == DECISION_ASK
		   || v->decision == DECISION_DENY, "a defined decision");
	if (v->error < 0)
		FUZZ_CHECK(v->decision == DECISION_DENY,
			   "an error verdict denies (fail closed)");
	if (v->decision != DECISION_NONE)
		FUZZ_CHECK(v->reason && v->reason[0],
			   "an ask or deny has a reason");
	fuzz_touch(v->reason);
	FUZZ_CHECK(v->nhits <= VERDICT_MAX_HITS, "hit count bound");
	for (i = 0; i < v->nhits; i++) {
		FUZZ_CHECK(v->hits[i].rule != NULL, "a hit names its rule");
		fuzz_touch(rule_id(v->hits[i].rule));
		if (i && v->hits[i].decision == DECISION_DENY)
			FUZZ_CHECK(v->hits[i - 1].decision == DECISION_DENY,
				   "deny hits come first");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct toolcall_opts opts = {
		.home = "/home/alice", .cwd = "/home/alice/src/webapp",
	};
	struct ruleset *set = hook_ruleset();
	struct toolcall call;
	struct verdict v;
	struct arena a;
	struct diag d;
	char *copy = NULL;
	int error;

	arena_init(&a);
	memset(&call, 0, sizeof(call));
	memset(&v, 0, sizeof(v));
	diag_clear(&d);
	if (size && data[0] == '!')
		error = toolcall_from_command(&call, &a, (const char *)data + 1,
					      size - 1, &opts, &d);
	else if (!(copy = malloc(size ? size : 1)))
		return 0;
	else
		/* Parsed in place, like the hook's stdin buffer; an exact-size
		 * copy so that ASan sees any read past the end. */
		error = toolcall_parse(&call, &a, memcpy(copy, data, size),
				       size, &opts, &d);
	if (error < 0) {
		FUZZ_CHECK(d.msg[0] != '\0', "a rejected payload has a message");
		judge_fail_closed(&v, &a, error, d.msg);
		FUZZ_CHECK(v.decision == DECISION_DENY,
			   "an unreadable payload is denied");
		hook_check_verdict(&v);
		goto done;
	}
	fuzz_touch(call.event);
	fuzz_touch(call.tool);
	fuzz_touch(call.cwd);
	fuzz_touch(call.session_id);
	fuzz_touch(call.home);
	fuzz_touch(call.summary);
	fuzz_touch_subjects(&call.subjects);

	diag_clear(&d);
	error = judge_call(&v, &a, set, &call, &d);
	if (error < 0) {
		if (v.decision != DECISION_DENY)
			judge_fail_closed(&v, &a, error, d.msg);
		FUZZ_CHECK(v.decision == DECISION_DENY,
			   "a failed judgement is denied");
	}
	hook_check_verdict(&v);
done:
	arena_release(&a);
	free(copy);
	return 0;
}
