/* safefile.c - see safefile.h.
 *
 * Security invariants: (1) no open() here can block: O_NONBLOCK is on for
 * every open, so a FIFO is opened (or refused, ENXIO for writing) at once
 * and then refused by type; (2) the type check is fstat() on the open
 * descriptor, never a stat() of the name before opening it, so a file
 * swapped between check and use is still checked; (3) for the files ccveto
 * keeps, no symlink is followed at the file or its directory and a hard
 * link at the file is refused, so the log cannot be pointed at another
 * file (appending JSON to ~/.bashrc would run `$( )` from a summary).
 *
 * Cost: a missing file is one failed open(), as before; an existing one
 * adds one fstat().  A missing file sets no message (the hook reads a
 * missing config on every call). */
#include "util/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

const char *safefile_type_name(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISLNK(mode))
		return "a symlink";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a regular file";
}

/* An open() that failed: name the problem the way a user can act on. */
static int open_error(int err, int nofollow, struct diag *d)
{
	if (err == ENOENT || err == ENOTDIR)
		return CV_ENOTFOUND;
	if (err == ELOOP && nofollow)
		return diag_set(d, CV_EINVAL, "is a symlink, which is not "
				"followed here");
	if (err == ENXIO)	/* a FIFO without reader, a socket */
		return diag_set(d, CV_EINVAL, "is a FIFO or socket, not a "
				"regular file");
	if (err == EISDIR)
		return diag_set(d, CV_EINVAL, "is a directory, not a "
				"regular file");
	errno = err;
	return diag_set(d, CV_EIO, "cannot be opened: %s", strerror(err));
}

int safefile_open(int *fd, struct stat *st, const char *path, unsigned flags,
		  struct diag *d)
{
	int nofollow = (flags & SAFEFILE_NOFOLLOW) != 0;
	struct stat tmp, *s = st ? st : &tmp;
	int f;

	*fd = -1;
	f = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		 (nofollow ? O_NOFOLLOW : 0));
	if (f < 0)
		return open_error(errno, nofollow, d);
	if (fstat(f, s) < 0) {
		int err = errno;

		close(f);
		return diag_set(d, CV_EIO, "cannot be read: %s",
				strerror(err));
	}
	if (!S_ISREG(s->st_mode)) {
		close(f);
		return diag_set(d, CV_EINVAL, "is %s, not a regular file",
				safefile_type_name(s->st_mode));
	}
	*fd = f;
	return 0;
}

int safefile_read(struct buf *out, const char *path, size_t max,
		  unsigned flags, struct diag *d)
{
	struct stat st;
	int fd, error, err;

	if ((error = safefile_open(&fd, &st, path, flags, d)) < 0)
		return error;
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return diag_set(d, CV_ETOOBIG, "is larger than %zu bytes",
				max);
	}
	/* Read to EOF, not st_size: the file may grow under us (capped). */
	error = buf_read_fd(out, fd, max);
	err = errno;
	close(fd);
	if (error == CV_ETOOBIG)
		diag_set(d, error, "is larger than %zu bytes", max);
	else if (error < 0)
		diag_set(d, error, "cannot be read: %s", strerror(err));
	return error;
}

/* A directory we may keep files in: ours or root's, and nobody else may
 * rename entries in it (not writable by group or others, unless sticky). */
static int dir_trusted(const struct stat *st, struct diag *d)
{
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return diag_set(d, CV_EINVAL, "is owned by another user");
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(st->st_mode & S_ISVTX))
		return diag_set(d, CV_EINVAL, "is writable by other users");
	return 0;
}

static void make_parents(const char *dir)
{
	char *p = strdup(dir), *s;

	if (!p)
		return;
	for (s = p + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	mkdir(p, 0700);
	free(p);
}

int safefile_open_dir(int *dfd, const char *dir, int create, struct diag *d)
{
	struct stat st;
	int f, error;

	*dfd = -1;
	f = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (f < 0 && errno == ENOENT && create) {
		make_parents(dir);
		f = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (f < 0) {
		int err = errno;

		/* ELOOP: a symlink (O_NOFOLLOW); ENOTDIR: a file. */
		if ((err == ELOOP || err == ENOTDIR) && lstat(dir, &st) == 0) {
			if (S_ISLNK(st.st_mode))
				return diag_set(d, CV_EINVAL, "is a symlink, "
						"which is not followed here");
			return diag_set(d, CV_EINVAL, "is %s, not a "
					"directory",
					safefile_type_name(st.st_mode));
		}
		return open_error(err, 1, d);
	}
	if (fstat(f, &st) < 0) {
		error = diag_set(d, CV_EIO, "cannot be read: %s",
				 strerror(errno));
		close(f);
		return error;
	}
	if ((error = dir_trusted(&st, d)) < 0) {
		close(f);
		return error;
	}
	*dfd = f;
	return 0;
}

int safefile_open_append(int *fd, struct stat *st, int dfd, const char *name,
			 unsigned mode, struct diag *d)
{
	struct stat tmp, *s = st ? st : &tmp;
	int f, error = 0;

	*fd = -1;
	f = openat(dfd, name, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW |
		   O_NONBLOCK | O_NOCTTY | O_CLOEXEC, mode);
	if (f < 0)
		return open_error(errno, 1, d);
	if (fstat(f, s) < 0)
		error = diag_set(d, CV_EIO, "cannot be read: %s",
				 strerror(errno));
	else if (!S_ISREG(s->st_mode))
		error = diag_set(d, CV_EINVAL, "is %s, not a regular file",
				 safefile_type_name(s->st_mode));
	else if (s->st_uid != geteuid())
		error = diag_set(d, CV_EINVAL, "is owned by another user");
	else if (s->st_nlink != 1)
		error = diag_set(d, CV_EINVAL, "has more than one link (a "
				 "hard link is not written through)");
	if (error < 0) {
		close(f);
		return error;
	}
	*fd = f;
	return 0;
}
