/* fuzz_shell.c - libFuzzer harness for the shell reader (shell.h).
 * Any bytes are a Bash command: shell_parse() must return every simple
 * command it found or an error, within the bounds of bounds.h, and every
 * string it hands back must be readable.  The first line also goes
 * through shell_norm_path(), which file-tool paths share. */
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "fuzz_util.h"
#include "shell/shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct shell_env env = {
		.home = "/home/alice", .cwd = "/home/alice/src/webapp",
		.tool = "Bash",
	};
	static const struct shell_env bare = { .tool = "Monitor" };
	struct subject_list list;
	struct arena a;
	struct diag d;
	const char *norm;
	char *path;
	size_t i, n;
	int error;

	arena_init(&a);
	memset(&list, 0, sizeof(list));
	diag_clear(&d);
	error = shell_parse(&list, &a, size && data[0] & 1 ? &bare : &env,
			    (const char *)data, size, &d);
	if (error < 0) {
		FUZZ_CHECK(d.msg[0] != '\0', "a parse error has a message");
	} else {
		FUZZ_CHECK(list.n <= CV_MAX_COMMANDS, "command count bound");
		for (i = 0; i < list.n; i++)
			FUZZ_CHECK(list.v[i]->kind == SUBJECT_COMMAND,
				   "shell subjects are commands");
		fuzz_touch_subjects(&list);
		if (list.parse_incomplete)
			FUZZ_CHECK(list.parse_problem != NULL,
				   "an incomplete parse says why");
	}

	for (n = 0; n < size && data[n] != '\n' && n < 4096; n++)
		;
	path = fuzz_cstr(data, n);
	norm = shell_norm_path(&a, &env, path);
	fuzz_touch(norm);
	norm = shell_norm_path(&a, &bare, path);
	fuzz_touch(norm);
	free(path);
	arena_release(&a);
	return 0;
}
