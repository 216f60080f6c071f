/* test_safefile.c - the one safe file opener: regular files only, never
 * blocking, symlinks and hard links refused where asked. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/safefile.h"
#include "tap.h"

static char dir[] = "/tmp/ccveto-safefile-XXXXXX";

static const char *at(const char *name)
{
	static char p[2][512];
	static int k;

	k ^= 1;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int read_rc(const char *name, unsigned flags, size_t max,
		   struct diag *d)
{
	struct buf b = BUF_INIT;
	int rc;

	diag_clear(d);
	rc = safefile_read(&b, at(name), max, flags, d);
	buf_release(&b);
	return rc;
}

int main(void)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct stat st;
	int fd, dfd, rc, wfd;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	put("a.json", "{\"a\":1}\n");
	ok(safefile_read(&b, at("a.json"), 100, 0, &d) == 0 &&
	   b.len == 8 && !strcmp(b.data, "{\"a\":1}\n"), "regular file read");
	ok(safefile_read(&b, at("a.json"), 100, 0, &d) == 0 && b.len == 16,
	   "appends to what the buffer holds");
	buf_release(&b);
	ok(read_rc("missing", 0, 100, &d) == CV_ENOTFOUND, "missing file");
	ok(read_rc("missing/x", 0, 100, &d) == CV_ENOTFOUND,
	   "missing directory on the way");
	ok(read_rc("a.json", 0, 4, &d) == CV_ETOOBIG &&
	   strstr(d.msg, "larger than 4"), "over the cap: %s", d.msg);

	/* A FIFO nobody writes to: open() would wait forever without
	 * O_NONBLOCK; here it is refused at once. */
	mkfifo(at("fifo"), 0600);
	alarm(5);
	rc = read_rc("fifo", 0, 100, &d);
	ok(rc == CV_EINVAL && strstr(d.msg, "a FIFO"),
	   "FIFO refused without blocking: %s", d.msg);
	/* ... and with a writer holding it open: still not read. */
	wfd = open(at("fifo"), O_RDWR | O_NONBLOCK);
	ok(read_rc("fifo", 0, 100, &d) == CV_EINVAL, "FIFO with a writer");
	if (wfd >= 0)
		close(wfd);
	alarm(0);
	mkdir(at("d"), 0700);
	ok(read_rc("d", 0, 100, &d) == CV_EINVAL &&
	   strstr(d.msg, "directory"), "directory refused: %s", d.msg);
	diag_clear(&d);
	ok(safefile_read(&b, "/dev/null", 100, 0, &d) == CV_EINVAL &&
	   strstr(d.msg, "character device"), "device refused: %s", d.msg);
	buf_release(&b);

	ok(symlink("a.json", at("link.json")) == 0, "made a symlink");
	ok(read_rc("link.json", 0, 100, &d) == 0,
	   "symlink followed by default");
	ok(read_rc("link.json", SAFEFILE_NOFOLLOW, 100, &d) == CV_EINVAL &&
	   strstr(d.msg, "symlink"), "symlink refused with NOFOLLOW: %s",
	   d.msg);
	ok(safefile_open(&fd, &st, at("a.json"), 0, &d) == 0 && fd >= 0 &&
	   S_ISREG(st.st_mode) && st.st_size == 8, "open gives fd and stat");
	if (fd >= 0)
		close(fd);

	/* Directories to keep files in. */
	ok(safefile_open_dir(&dfd, at("d"), 0, &d) == 0, "own 0700 directory");
	if (dfd >= 0)
		close(dfd);
	ok(safefile_open_dir(&dfd, at("new/sub"), 0, &d) == CV_ENOTFOUND,
	   "missing, not created");
	ok(safefile_open_dir(&dfd, at("new/sub"), 1, &d) == 0 &&
	   stat(at("new/sub"), &st) == 0 && (st.st_mode & 0777) == 0700,
	   "missing, created 0700");
	if (dfd >= 0)
		close(dfd);
	ok(symlink("d", at("dlink")) == 0, "made a symlink");
	ok(safefile_open_dir(&dfd, at("dlink"), 1, &d) == CV_EINVAL &&
	   strstr(d.msg, "symlink"), "symlinked directory refused: %s", d.msg);
	ok(safefile_open_dir(&dfd, at("a.json"), 1, &d) == CV_EINVAL &&
	   strstr(d.msg, "regular file, not a directory"),
	   "a file is not a directory: %s", d.msg);
	mkdir(at("open"), 0700);
	chmod(at("open"), 0777);
	ok(safefile_open_dir(&dfd, at("open"), 0, &d) == CV_EINVAL &&
	   strstr(d.msg, "writable by other users"),
	   "world-writable directory refused: %s", d.msg);
	chmod(at("open"), 01777);
	ok(safefile_open_dir(&dfd, at("open"), 0, &d) == 0,
	   "sticky world-writable directory (/tmp) accepted");
	if (dfd >= 0)
		close(dfd);

	/* Files to append to. */
	safefile_open_dir(&dfd, at("d"), 0, &d);
	ok(safefile_open_append(&fd, &st, dfd, "log", 0600, &d) == 0 &&
	   S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600,
	   "log created 0600");
	if (fd >= 0)
		close(fd);
	put("victim", "precious\n");
	ok(link(at("victim"), at("d/hard")) == 0, "made a hard link");
	ok(safefile_open_append(&fd, &st, dfd, "hard", 0600, &d) ==
	   CV_EINVAL && strstr(d.msg, "more than one link"),
	   "hard link refused: %s", d.msg);
	ok(symlink("../victim", at("d/soft")) == 0, "made a symlink");
	ok(safefile_open_append(&fd, &st, dfd, "soft", 0600, &d) ==
	   CV_EINVAL && strstr(d.msg, "symlink"), "symlink refused: %s", d.msg);
	mkfifo(at("d/fifo"), 0600);
	alarm(5);
	ok(safefile_open_append(&fd, &st, dfd, "fifo", 0600, &d) ==
	   CV_EINVAL, "FIFO without reader refused: %s", d.msg);
	rc = open(at("d/fifo"), O_RDONLY | O_NONBLOCK);
	ok(safefile_open_append(&fd, &st, dfd, "fifo", 0600, &d) ==
	   CV_EINVAL && strstr(d.msg, "a FIFO"),
	   "FIFO with a reader refused: %s", d.msg);
	if (rc >= 0)
		close(rc);
	alarm(0);
	safefile_read(&b, at("victim"), 100, 0, &d);
	ok(!strcmp(b.data, "precious\n"), "the linked file is untouched");
	buf_release(&b);
	close(dfd);

	ok(!strcmp(safefile_type_name(S_IFIFO), "a FIFO") &&
	   !strcmp(safefile_type_name(S_IFSOCK), "a socket"), "type names");
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		rc = system(cmd);
		(void)rc;
	}
	return tap_done();
}
