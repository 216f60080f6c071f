/* fuzz_pwsh.c - libFuzzer harness for the PowerShell translator (pwsh.h).
 * Any bytes are a PowerShell command: pwsh_translate() must return sh
 * text within CV_MAX_PWSH_BYTES or an error with a message, and
 * pwsh_parse() must give subjects or an error, never hang or read past
 * the input (it is copied into a buffer of exactly `size` bytes). */
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "fuzz_util.h"
#include "shell/pwsh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct shell_env env = {
		.home = "/home/alice", .cwd = "/home/alice/src/webapp",
		.tool = "PowerShell",
	};
	static const struct shell_env bare = { .tool = "PowerShell" };
	const struct shell_env *e = size && data[0] & 1 ? &bare : &env;
	struct subject_list list;
	struct arena a;
	struct diag d;
	const char *sh;
	char *copy = malloc(size ? size : 1);
	size_t n;
	bool inc;
	int error;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	arena_init(&a);
	diag_clear(&d);
	error = pwsh_translate(&a, e, copy, size, &sh, &n, &inc, &d);
	if (error < 0) {
		FUZZ_CHECK(d.msg[0] != '\0', "a translation error has a message");
	} else {
		FUZZ_CHECK(n <= CV_MAX_PWSH_BYTES, "output bound");
		FUZZ_CHECK(sh[n] == '\0', "the sh text is terminated");
		fuzz_touch(sh);
	}
	memset(&list, 0, sizeof(list));
	diag_clear(&d);
	error = pwsh_parse(&list, &a, e, copy, size, &d);
	if (error < 0) {
		FUZZ_CHECK(d.msg[0] != '\0', "a parse error has a message");
	} else {
		fuzz_touch_subjects(&list);
		if (list.parse_incomplete)
			FUZZ_CHECK(list.parse_problem != NULL,
				   "an incomplete parse says why");
	}
	arena_release(&a);
	free(copy);
	return 0;
}
