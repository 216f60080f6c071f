/* clock.h - elapsed time on the monotonic clock, for the bounds in
 * bounds.h that are wall time (the stake helper's wait, the answer's
 * write, the log lock, the evaluation budget, reaping the helper).
 * Monotonic: a clock set back by NTP or the user must not stretch a
 * bound.  Async-signal-safe (clock_gettime is): child_end() uses it
 * from the hook's signal handler. */
#ifndef CV_CLOCK_H
#define CV_CLOCK_H

#include <time.h>

/* Milliseconds since *t0, which clock_gettime(CLOCK_MONOTONIC) set. */
long clock_ms_since(const struct timespec *t0);

#endif
