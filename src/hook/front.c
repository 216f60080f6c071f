/* front.c - main() of the `ccveto` binary that Claude Code runs.
 *
 * The hook runs before every tool call, and most of its cost is starting
 * a process: this binary is linked statically (static-pie) with only what
 * `ccveto hook` needs, so no dynamic loader, no shared cJSON or libgit2.
 * Every other command (audit, install, check, ...) is executed by
 * ccveto-full, the complete program installed next to this one, with the
 * same arguments.  See docs/performance.md for the measurements. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hook/cmd_hook.h"
#include "hook/hook_io.h"
#include "util/bounds.h"
#include "util/sibling.h"

/* Out of main(): its buffer must not weigh on the hook's stack. */
static __attribute__((noinline)) int run_full(char **argv)
{
	char full[4096] = "";

	/* argv[0] stays what the user typed: `ccveto install` registers
	 * the path the user runs ccveto by, not where it resolves to. */
	if (sibling_path(full, sizeof(full), CV_FULL_NAME) == 0)
		execv(full, argv);
	fprintf(stderr, "ccveto: cannot run %s, which does every command but "
		"'hook' (%s); install it next to this program\n",
		full[0] ? full : CV_FULL_NAME, strerror(errno));
	return 2;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "hook")) {
		/* First of all, on a frame this small: from here on a crash,
		 * a hang or a signal is a deny (docs/reliability.md has the
		 * smallest stack the hook answers on). */
		hook_guard_install(CV_WATCHDOG_SECONDS);
		return cmd_hook(argc - 1, argv + 1);
	}
	return run_full(argv);
}
