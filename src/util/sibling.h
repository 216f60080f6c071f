/* sibling.h - the companion program next to this one.
 * `ccveto` is a static binary that judges hook calls itself and hands
 * every other command to `ccveto-full` (cJSON, libgit2), installed in the
 * same directory; see docs/performance.md for why there are two. */
#ifndef CV_SIBLING_H
#define CV_SIBLING_H

#include <stddef.h>

#define CV_FULL_NAME "ccveto-full"

/* out = the directory of /proc/self/exe + "/" + name.  0, or -1 when the
 * path cannot be found or does not fit. */
int sibling_path(char *out, size_t size, const char *name);

#endif
