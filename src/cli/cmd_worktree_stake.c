/* cmd_worktree_stake.c - `ccveto-full worktree-stake FLAGS WORKDIR`, an
 * internal command: the static hook binary has no libgit2 and asks this
 * one how many changed files a destructive git command would lose (see
 * gitcount_exec.c).  Prints the count and a newline; exit 0, or 1 with
 * the reason on stderr. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "git/gitrepo.h"

int cmd_worktree_stake(int argc, char **argv)
{
	struct diag d;
	unsigned long flags;
	size_t count;
	char *end;

	diag_clear(&d);
	if (argc != 3) {
		fprintf(stderr, "usage: ccveto-full worktree-stake FLAGS "
			"WORKDIR (internal)\n");
		return 2;
	}
	flags = strtoul(argv[1], &end, 10);
	if (*end || flags == 0 || flags > 0xF) {
		fprintf(stderr, "ccveto: worktree-stake: bad flags '%s'\n",
			argv[1]);
		return 2;
	}
	if (gitrepo_count_changes(&count, argv[2], (unsigned)flags, &d) < 0) {
		fprintf(stderr, "ccveto: worktree-stake: %s\n", d.msg);
		return 1;
	}
	printf("%zu\n", count);
	return fflush(stdout) == 0 ? 0 : 1;
}
