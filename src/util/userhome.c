/* userhome.c - the user's home from the passwd entry, see userhome.h.
 *
 * Security invariant: nothing read from the environment decides where the
 * user's config, trust list or log are; $HOME only widens what counts as
 * home when judging (userhome_env), which makes rules match more, never
 * less, and only when it cannot turn a system path into "~". */
#include "util/userhome.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/bounds.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/safefile.h"

static struct {
	bool looked;		/* passwd read (or overridden) */
	const char *home;	/* into `store`, or NULL */
	struct buf store;
	bool env_looked;
	char *env_home;
} st;

int userhome_from_passwd(struct buf *out, const char *text, size_t len,
			 uid_t uid)
{
	const char *line = text, *end = text + len;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *eol = nl ? nl : end, *f[7], *p = line;
		size_t nf = 0;

		/* name:password:uid:gid:gecos:home:shell */
		f[nf++] = p;
		for (; p < eol && nf < 7; p++)
			if (*p == ':')
				f[nf++] = p + 1;
		if (nf == 7) {
			const char *u = f[2], *ue = f[3] - 1;
			unsigned long long v = 0;
			bool num = u < ue;

			for (; u < ue && num; u++) {
				num = *u >= '0' && *u <= '9';
				v = v * 10 + (unsigned)(*u - '0');
				if (v > 0xffffffffull)
					num = false;
			}
			if (num && v == (unsigned long long)uid &&
			    f[5][0] == '/' && f[6] - 1 > f[5] &&
			    !memchr(f[5], '\0', (size_t)(f[6] - 1 - f[5]))) {
				size_t n = (size_t)(f[6] - 1 - f[5]);

				/* "/home/u/" is "/home/u"; "/" stays. */
				while (n > 1 && f[5][n - 1] == '/')
					n--;
				buf_release(out);
				return buf_put(out, f[5], n) < 0 ?
				       CV_ENOMEM : 0;
			}
		}
		line = nl ? nl + 1 : end;
	}
	return CV_ENOTFOUND;
}

void userhome_set(const char *dir)
{
	size_t n;

	buf_release(&st.store);
	st.home = NULL;
	st.looked = true;
	if (!dir || dir[0] != '/')
		return;
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (buf_put(&st.store, dir, n) == 0)
		st.home = st.store.data;
	st.env_looked = false;	/* compare $HOME with the new home */
}

const char *userhome(void)
{
	struct buf text = BUF_INIT;
	struct diag d;

	if (st.looked)
		return st.home;
	st.looked = true;
	diag_clear(&d);
	/* Any failure (missing, a FIFO, over the cap) is "home unknown". */
	if (safefile_read(&text, "/etc/passwd", CV_MAX_PASSWD_BYTES, 0,
			  &d) == 0 &&
	    userhome_from_passwd(&st.store, text.data, text.len,
				 getuid()) == 0)
		st.home = st.store.data;
	buf_release(&text);
	return st.home;
}

/* Top-level trees whose paths rules name absolutely; a $HOME inside one
 * would make those paths "~/..." and hide them from those rules. */
static const char *const system_trees[] = {
	"bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "libx32",
	"proc", "run", "sbin", "sys", "usr", "var", NULL,
};

static bool plausible_home(const char *h, size_t n)
{
	const char *p = h, *e = h + n, *c;
	size_t ncomp = 0, i;

	if (n < 2 || h[0] != '/')
		return false;
	while (p < e) {
		while (p < e && *p == '/')
			p++;
		if (p == e)
			break;
		for (c = p; c < e && *c != '/'; c++)
			;
		if ((c - p == 1 && p[0] == '.') ||
		    (c - p == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (ncomp++ == 0)
			for (i = 0; system_trees[i]; i++) {
				size_t len = (size_t)(c - p);

				if (strlen(system_trees[i]) == len &&
				    !strncmp(p, system_trees[i], len))
					return false;
			}
		p = c;
	}
	return ncomp >= 2 && !strstr(h, "//");
}

const char *userhome_env(void)
{
	const char *h = getenv("HOME"), *u;
	size_t n;

	if (st.env_looked)
		return st.env_home;
	st.env_looked = true;
	free(st.env_home);
	st.env_home = NULL;
	if (!h || h[0] != '/')
		return NULL;
	n = strlen(h);
	while (n > 1 && h[n - 1] == '/')
		n--;
	if (!plausible_home(h, n))
		return NULL;
	u = userhome();
	if (u && strlen(u) == n && !strncmp(u, h, n))
		return NULL;
	if ((st.env_home = malloc(n + 1))) {
		memcpy(st.env_home, h, n);
		st.env_home[n] = '\0';
	}
	return st.env_home;
}
