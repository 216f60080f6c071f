/* cmd_worktree_stake.c - `ccveto-full worktree-stake FLAGS WORKDIR
 * [PATHSPEC...]`, an
 * internal command: the static hook binary has no libgit2 and asks this
 * one how many changed files a destructive git command would lose (see
 * stake_exec.c).  Prints the count and a newline; exit 0, or 1 with
 * the reason on stderr. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "git/gitrepo.h"
#include "util/bounds.h"

/* Lowers a soft limit to v (never raises one the parent set lower). */
static void lower_limit(int resource, rlim_t v)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) < 0)
		return;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > v)
		rl.rlim_cur = v;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
		rl.rlim_cur = rl.rlim_max;
	setrlimit(resource, &rl);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CV_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CV_SANITIZED 1
#endif

/* The hook kills this helper when it stops waiting, but a hook killed
 * with SIGKILL cannot: so the helper ends itself too, after
 * CV_STAKE_SECONDS of wall time (blocked on a FIFO libgit2 opened) or of
 * CPU, and cannot grow past CV_STAKE_MAX_DATA_BYTES (a huge index). */
static void bound_self(void)
{
	sigset_t set;

	lower_limit(RLIMIT_CPU, CV_STAKE_SECONDS);
#ifndef CV_SANITIZED
	/* Not under ASan: its shadow memory is a private mapping that
	 * RLIMIT_DATA counts, so the sanitized helper could not start. */
	lower_limit(RLIMIT_DATA, CV_STAKE_MAX_DATA_BYTES);
#endif
	lower_limit(RLIMIT_CORE, 0);
	signal(SIGALRM, SIG_DFL);
	signal(SIGXCPU, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigaddset(&set, SIGXCPU);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	alarm(CV_STAKE_SECONDS);
}

int cmd_worktree_stake(int argc, char **argv)
{
	struct diag d;
	unsigned long flags;
	size_t count;
	char *end;

	bound_self();
	diag_clear(&d);
	if (argc < 3 || argc - 3 > CV_MAX_STAKE_PATHS) {
		fprintf(stderr, "usage: ccveto-full worktree-stake FLAGS "
			"WORKDIR [PATHSPEC...] (internal)\n");
		return 2;
	}
	flags = strtoul(argv[1], &end, 10);
	if (*end || flags == 0 || flags > 0xF) {
		fprintf(stderr, "ccveto: worktree-stake: bad flags '%s'\n",
			argv[1]);
		return 2;
	}
	if (gitrepo_count_changes(&count, argv[2], (unsigned)flags,
				  (const char *const *)argv + 3,
				  (size_t)(argc - 3), &d) < 0) {
		fprintf(stderr, "ccveto: worktree-stake: %s\n", d.msg);
		return 1;
	}
	printf("%zu\n", count);
	return fflush(stdout) == 0 ? 0 : 1;
}
