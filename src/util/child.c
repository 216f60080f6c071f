/* child.c - see child.h.  Only async-signal-safe calls (kill, waitpid,
 * clock_gettime, nanosleep): child_end() runs inside signal handlers. */
#include "util/child.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "util/bounds.h"
#include "util/clock.h"

static volatile sig_atomic_t tracked;

void child_track(pid_t pid)
{
	tracked = pid > 0 ? (sig_atomic_t)pid : 0;
}

void child_end(void)
{
	const struct timespec tick = { 0, 1000000 };	/* 1 ms */
	pid_t pid = (pid_t)tracked;
	struct timespec t0;
	pid_t r;

	if (pid <= 0)
		return;
	tracked = 0;
	kill(pid, SIGKILL);
	/* SIGKILL ends a process at once unless it sits in the kernel
	 * (a hung NFS read): then it is left to init rather than held. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((r = waitpid(pid, NULL, WNOHANG)) == 0 ||
	       (r < 0 && errno == EINTR)) {
		if (clock_ms_since(&t0) >= CV_CHILD_REAP_MS)
			break;
		nanosleep(&tick, NULL);
	}
}
