/* test_userhome.c - the user's home from passwd text, and which $HOME
 * counts as a second home (userhome.h). */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "tap.h"
#include "util/userhome.h"

static void pw(const char *text, uid_t uid, const char *want)
{
	struct buf b = BUF_INIT;
	int rc = userhome_from_passwd(&b, text, strlen(text), uid);

	if (want)
		ok(rc == 0 && !strcmp(b.data, want), "uid %u -> %s (got %s)",
		   (unsigned)uid, want, rc == 0 ? b.data : "none");
	else
		ok(rc == CV_ENOTFOUND, "uid %u -> no entry (rc %d)",
		   (unsigned)uid, rc);
	buf_release(&b);
}

static void envhome(const char *home, const char *want)
{
	const char *got;

	setenv("HOME", home, 1);
	userhome_set("/home/alice");	/* also forgets the last $HOME */
	got = userhome_env();
	ok(want ? got && !strcmp(got, want) : !got,
	   "HOME=%s -> second home %s (got %s)", home, want ? want : "none",
	   got ? got : "none");
}

int main(void)
{
	const char *text =
		"root:x:0:0:root:/root:/bin/bash\n"
		"daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
		"alice:x:1000:1000:Alice,,,:/home/alice/:/bin/bash\n"
		"bad:x:10a:1::/home/bad:/bin/sh\n"
		"short:x:1001\n"
		"rel:x:1002:1::home/rel:/bin/sh\n"
		"rel2:x:1002:1::/home/rel2:/bin/sh\n"
		"dup:x:1000:1000::/home/dup:/bin/sh\n"
		"big:x:99999999999:1::/home/big:/bin/sh\n"
		"last:x:1003:1::/home/last:/bin/sh";

	pw(text, 0, "/root");
	pw(text, 1000, "/home/alice");		/* first entry; slash dropped */
	pw(text, 1001, NULL);			/* too few fields */
	pw(text, 1002, "/home/rel2");		/* relative home skipped */
	pw(text, 1003, "/home/last");		/* no final newline */
	pw(text, 4242, NULL);
	pw("", 0, NULL);
	pw("x:x:0:0::/:/bin/sh\n", 0, "/");
	pw("x:x::0::/h:/bin/sh\n", 0, NULL);	/* empty uid is no uid */

	envhome("/tmp/fake", "/tmp/fake");
	envhome("/tmp/fake/", "/tmp/fake");
	envhome("/home/alice", NULL);		/* the home itself */
	envhome("/home/alice/", NULL);
	envhome("/home/bob", "/home/bob");
	envhome("/", NULL);
	envhome("/tmp", NULL);			/* one component */
	envhome("/etc/x", NULL);		/* system trees */
	envhome("/usr/local", NULL);
	envhome("/var/lib/jenkins", NULL);
	envhome("/home/a/../b", NULL);
	envhome("/home/./b", NULL);
	envhome("/home//b", NULL);
	envhome("relative/home", NULL);
	envhome("", NULL);

	userhome_set("relative");
	ok(userhome() == NULL, "--home must be absolute: else no home");
	userhome_set("/home/carol/");
	ok(userhome() && !strcmp(userhome(), "/home/carol"),
	   "--home replaces the passwd entry");
	return tap_done();
}
