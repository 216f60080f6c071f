/* safefile.h - the one way ccveto opens a file it reads or keeps.
 *
 * The files the hook reads (its config, rule packs, .git/HEAD) and the
 * file it keeps (the decision log) sit where the agent it guards can
 * write.  So every open here is non-blocking (a FIFO planted at a config
 * path must not stall every call until the watchdog), accepts regular
 * files only (checked with fstat on the descriptor, so what was checked is
 * what is read), caps what it reads, and on request refuses a symlink as
 * the last component.  Opening for append (the log) also refuses a file
 * with other hard links or another owner, inside a directory opened
 * without following a symlink and checked to be ours.
 *
 * Errors are negative CV_E* codes; when `d` is given it receives a phrase
 * that follows the file name ("'x' is a FIFO, not a regular file"):
 * CV_ENOTFOUND missing, CV_EINVAL wrong type / refused link / bad owner,
 * CV_ETOOBIG over the cap, CV_EIO anything else (errno kept). */
#ifndef CV_SAFEFILE_H
#define CV_SAFEFILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "util/diag.h"

struct buf;

/* A symlink as the last component is refused (O_NOFOLLOW). */
#define SAFEFILE_NOFOLLOW	1u

/* Opens a regular file for reading; *fd and, when st is not NULL, *st. */
int safefile_open(int *fd, struct stat *st, const char *path, unsigned flags,
		  struct diag *d);

/* Appends the whole of a regular file of at most max bytes to out. */
int safefile_read(struct buf *out, const char *path, size_t max,
		  unsigned flags, struct diag *d);

/* Opens a directory to keep files in: not through a symlink (the last
 * component), a directory, owned by the effective user or root, and not
 * writable by others unless sticky (/tmp).  With `create`, missing
 * directories on the way are made with mode 0700. */
int safefile_open_dir(int *dfd, const char *dir, int create, struct diag *d);

/* Opens (creating with `mode`) `name` in the directory dfd for appending
 * (O_RDWR | O_APPEND: the caller may read its last byte), never through a
 * symlink, never blocking: a regular file owned by the effective user
 * with exactly one link, else refused. */
int safefile_open_append(int *fd, struct stat *st, int dfd, const char *name,
			 unsigned mode, struct diag *d);

/* Human phrase for a file type ("a FIFO", "a directory"). */
const char *safefile_type_name(mode_t mode);

#endif
