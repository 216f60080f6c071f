/* stake_exec.c - stake_exec_count(), see stake_exec.h.
 *
 * The static hook binary has no libgit2 (a static program must not
 * dlopen a shared library built against another libc).  The few calls
 * that need a work-tree comparison (a rule with worktree_loss matched:
 * git reset --hard, git clean -f, ...) ask ccveto-full, which has it:
 * `ccveto-full worktree-stake FLAGS WORKDIR [PATHSPEC...]` prints the
 * count.  That
 * costs one more process start on top of the comparison itself (~30-60
 * ms), only for those calls.  Any failure is an unknown answer, and the
 * caller then keeps its verdict as if work were at stake.  Where
 * gitrepo.c is linked (ccveto-full, the unit tests) its
 * gitrepo_count_changes() is called in process instead: it is declared
 * weak here, so the hook's objects hold no reference that would pull
 * gitrepo.o (and libgit2) in.
 *
 * The helper never outlives the hook: it is killed and reaped when its
 * answer takes longer than CV_STAKE_MS and by the hook's signal handlers
 * (child.h), and bounds its own time and memory (cmd_worktree_stake.c);
 * the index it reads must be a regular file below GITREPO_MAX_INDEX_BYTES
 * (gitrepo.c). */
#include "git/stake_exec.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "git/gitrepo.h"
#include "util/bounds.h"
#include "util/child.h"
#include "util/clock.h"
#include "util/sibling.h"

extern char **environ;

#pragma weak gitrepo_count_changes

/* Reads the helper's answer until EOF, a full buffer or CV_STAKE_MS after
 * t0; returns the bytes read, or -1 when time ran out. */
static ssize_t read_answer(int fd, char *out, size_t size,
			   const struct timespec *t0)
{
	struct pollfd pfd;
	size_t got = 0;
	long left;
	ssize_t n;
	int r;

	while (got < size) {
		if ((left = CV_STAKE_MS - clock_ms_since(t0)) <= 0)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if ((r = poll(&pfd, 1, (int)left)) < 0 && errno == EINTR)
			continue;
		if (r == 0)
			return -1;
		if (r < 0)
			break;
		if ((n = read(fd, out + got, size - got)) < 0 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Reaps the helper, which exits right after its answer; one that does
 * not within CV_STAKE_MS of t0 is killed.  0 and *status, or -1. */
static int reap(pid_t pid, int *status, const struct timespec *t0)
{
	const struct timespec tick = { 0, 1000000 };	/* 1 ms */
	pid_t r;

	for (;;) {
		if ((r = waitpid(pid, status, WNOHANG)) == pid) {
			child_track(0);
			return 0;
		}
		if (r < 0 && errno != EINTR)
			break;
		if (clock_ms_since(t0) >= CV_STAKE_MS)
			break;
		nanosleep(&tick, NULL);
	}
	child_end();
	return -1;
}

static int exec_count(size_t *count, const char *workdir, unsigned flags,
		      const char *const *paths, size_t npaths,
		      struct diag *d)
{
	char full[4096], arg[16], out[64];
	char *argv[5 + CV_MAX_STAKE_PATHS] = { full, "worktree-stake", arg,
					       (char *)workdir, NULL };
	posix_spawn_file_actions_t fa;
	struct timespec t0;
	int fds[2], status = 0, rc;
	ssize_t got;
	char *end;
	pid_t pid;

	*count = 0;
	if (npaths > CV_MAX_STAKE_PATHS)
		return diag_set(d, CV_ETOOBIG, "more than %d pathspecs",
				CV_MAX_STAKE_PATHS);
	for (size_t i = 0; i < npaths; i++)
		argv[4 + i] = (char *)paths[i];
	argv[4 + npaths] = NULL;
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
		return diag_nomem(d);
	}
	/* The helper's stderr must never reach the hook's. */
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
					      0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	if (rc == 0)
		rc = posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
						      O_WRONLY, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (rc == 0)
		rc = posix_spawn(&pid, full, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return diag_set(d, CV_EIO, "cannot run %s: %s", full,
				strerror(rc));
	}
	/* From here on the helper ends with the hook, whichever way the
	 * hook ends: its answer, this deadline, the watchdog or a signal
	 * (the handlers call child_end()). */
	child_track(pid);
	got = read_answer(fds[0], out, sizeof(out) - 1, &t0);
	close(fds[0]);
	if (got < 0) {
		child_end();
		return diag_set(d, CV_EIO, "%s worktree-stake took longer "
				"than %d ms: killed", full, CV_STAKE_MS);
	}
	if (reap(pid, &status, &t0) < 0)
		return diag_set(d, CV_EIO, "%s worktree-stake did not exit: "
				"killed", full);
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

int stake_exec_count(size_t *count, const char *workdir, unsigned flags,
		     const char *const *paths, size_t npaths,
		     struct diag *d)
{
	if (gitrepo_count_changes)
		return gitrepo_count_changes(count, workdir, flags, paths,
					     npaths, d);
	return exec_count(count, workdir, flags, paths, npaths, d);
}
