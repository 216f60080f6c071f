/* child.h - the one helper process the hook may be waiting for.
 * The hook runs `ccveto-full worktree-stake` for some calls (see
 * stake_exec.c); whatever way the hook ends -- its answer, the
 * watchdog, a signal -- that helper must end with it, not outlive it
 * holding a 2 GB index or blocked on a FIFO.  child_track() records the
 * helper, child_end() kills and reaps it; both are async-signal-safe, so
 * the hook's signal handler calls child_end() too. */
#ifndef CV_CHILD_H
#define CV_CHILD_H

#include <sys/types.h>

/* Records pid (> 0) as the running helper; 0 forgets it. */
void child_track(pid_t pid);

/* Kills the recorded helper with SIGKILL and reaps it, waiting at most
 * CV_CHILD_REAP_MS; does nothing if there is none. */
void child_end(void);

#endif
