/* gitcount_exec.c - gitrepo_count_changes() for the static `ccveto`.
 *
 * The static hook binary has no libgit2 (a static program must not
 * dlopen a shared library built against another libc).  The few calls
 * that need a work-tree comparison (a rule with worktree_loss matched:
 * git reset --hard, git clean -f, ...) ask ccveto-full, which has it:
 * `ccveto-full worktree-stake FLAGS WORKDIR` prints the count.  That
 * costs one more process start on top of the comparison itself (~30-60
 * ms), only for those calls.  Any failure is an unknown answer, and the
 * caller then keeps its verdict as if work were at stake. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "git/gitrepo.h"
#include "util/sibling.h"

extern char **environ;

int gitrepo_count_changes(size_t *count, const char *workdir, unsigned flags,
			  struct diag *d)
{
	char full[4096], arg[16], out[64];
	char *argv[] = { full, "worktree-stake", arg, (char *)workdir, NULL };
	posix_spawn_file_actions_t fa;
	size_t got = 0;
	int fds[2], status = 0, rc;
	char *end;
	ssize_t n;
	pid_t pid;

	*count = 0;
	if (sibling_path(full, sizeof(full), CV_FULL_NAME) < 0)
		return diag_set(d, CV_ENOTFOUND, "cannot find %s",
				CV_FULL_NAME);
	snprintf(arg, sizeof(arg), "%u", flags);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return diag_set(d, CV_EIO, "pipe: %s", strerror(errno));
	/* stdin and stderr: /dev/null (Claude Code reads the hook's stderr
	 * as the reason of a deny); stdout: the pipe. */
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(fds[0]);
		close(fds[1]);
		return diag_set(d, CV_ENOMEM, "out of memory");
	}
	/* The helper's stderr must never reach the hook's. */
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
					      0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	if (rc == 0)
		rc = posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
						      O_WRONLY, 0);
	if (rc == 0)
		rc = posix_spawn(&pid, full, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return diag_set(d, CV_EIO, "cannot run %s: %s", full,
				strerror(rc));
	}
	/* The hook's watchdog bounds this read: a stuck helper ends in a
	 * deny, never in a hang. */
	while (got < sizeof(out) - 1 &&
	       ((n = read(fds[0], out + got, sizeof(out) - 1 - got)) > 0 ||
		(n < 0 && errno == EINTR)))
		if (n > 0)
			got += (size_t)n;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	out[got] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got == 0 ||
	    out[0] < '0' || out[0] > '9')
		return diag_set(d, CV_EIO, "%s worktree-stake failed", full);
	errno = 0;
	*count = (size_t)strtoull(out, &end, 10);
	if (errno || (*end != '\n' && *end != '\0'))
		return diag_set(d, CV_EIO, "%s worktree-stake: bad answer",
				full);
	return 0;
}
