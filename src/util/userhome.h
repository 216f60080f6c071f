/* userhome.h - the home directory of the user ccveto works for.
 *
 * It is the home of the real uid's entry in /etc/passwd, never $HOME: the
 * hook's environment is partly the judged project's (Claude Code applies
 * the "env" of a project's .claude/settings.json to every hook it starts),
 * so anything that decides where the user's config and log are comes from
 * the account, not the environment.  `--home DIR` on the command line
 * (the user's own registration, or a test) replaces the passwd entry.
 * The hook is linked statically, and getpwuid() in a static glibc needs
 * NSS, so /etc/passwd is read here, bounded and safely (safefile.h).
 *
 * For judging, $HOME counts as a second home (a path under either is "~"
 * to every rule): userhome_env() is $HOME when it names another, plausible
 * directory.  That can only make rules match more.
 *
 * Strings returned are static, valid for the process. */
#ifndef CV_USERHOME_H
#define CV_USERHOME_H

#include <stddef.h>
#include <sys/types.h>

struct buf;

/* The user's home: the --home override, else the passwd entry of the
 * real uid; NULL when neither is known (no entry, a file over its cap):
 * then there is no user config and no log, the strictest setting. */
const char *userhome(void);

/* Replaces the passwd entry for this process (`--home DIR`); DIR must be
 * absolute (else it is ignored and userhome() is NULL: fail safe). */
void userhome_set(const char *dir);

/* $HOME, when it is a second home: absolute, without "." or ".."
 * components, two components or more, not inside a system tree (/etc,
 * /usr, ...: there "~" would hide the absolute paths rules know), and not
 * userhome() itself.  NULL otherwise.  Trailing slashes are dropped. */
const char *userhome_env(void);

/* The home of uid in passwd text[0..len) (for tests): the first entry
 * with that uid whose home is absolute.  0 and the home in out,
 * CV_ENOTFOUND, or CV_ENOMEM. */
int userhome_from_passwd(struct buf *out, const char *text, size_t len,
			 uid_t uid);

#endif
