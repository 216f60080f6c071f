/* effect.c - the effect engine, see effect.h.
 *
 * Security invariants kept here:
 * - one resolver for every location (shell operands, redirect targets,
 *   option values, file-tool paths): home and the tracked cwd joined, then
 *   the longest existing prefix followed through symlinks, so a spelling
 *   (`../../`, `$HOME`, a shipped `vendor -> ~` link) cannot launder a
 *   protected location;
 * - what cannot be resolved ($X, $(...), a cd to a computed place) is
 *   ECL_UNRESOLVED, never "harmless", unless a literal directory before
 *   the computed part is already inside the project or a scratch tree;
 * - a glob is a pattern: it has the classes of every protected location
 *   it could match, on the filesystem or in the tables;
 * - every bound (symlinks followed, directory entries read, operands)
 *   is counted; reaching one makes the location unresolved (fail closed). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/gitfacts.h"
#include "judge/effect_int.h"
#include "rules/rulepack.h"
#include "shell/shell.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/safefile.h"
#include "util/text.h"

#define ELLIPSIS "\xe2\x80\xa6"
#define NOMEM(x) diag_set((x)->d, CV_ENOMEM, "out of memory")

struct ectx {
	bool find_deep;			/* find -delete goes down into what it
					 * finds (find_effects) */
	struct arena *a;
	struct diag *d;
	const struct effect_env *env;
	const char *home;		/* the home classify() is using */
	const char *homes[2];		/* physical, no trailing '/' */
	const char **credv[2];		/* effect_creds made absolute */
	size_t nhomes;
	const char *tilde;		/* what ~ and $HOME expand to */
	const char *project;		/* physical */
	const char *tmpdir;
	struct strlist created;		/* physical paths made by the call */
	struct strlist made_words;	/* ... and the words that named them */
	struct strlist made_cwds;
	struct strlist link_from;	/* symlinks made by the call (ln -s) */
	struct strlist link_to;
	bool nofollow;			/* cp -a / tar: operands not followed */
	const char **creds;		/* credv of the home in use */
	bool no_made;			/* a write that makes nothing (ln -s) */
	bool inplace;			/* truncate, shred, sed -i, dd of=:
					 * meant for what is there */
	/* What each subject writes to its stdout (for a pipe into an
	 * uploader, or a redirect to /dev/tcp): OUT_UNKNOWN, OUT_READS
	 * (the content it reads; with out_stdin also its own stdin) or
	 * OUT_NONE (text or facts that hold no file's content). */
	const struct subject_list *list;
	size_t cur;
	unsigned char *out;
	bool *out_stdin;
	bool meta;			/* grep -c: prints facts only */
	const char *host;		/* where an upload goes */
	/* The project's remotes that are local paths (read on the first
	 * path outside the project): its history lives there too. */
	const char *remotes[GITFACTS_MAX_REMOTES];
	size_t nremotes;
	bool remotes_read;
};

enum { OUT_UNKNOWN, OUT_READS, OUT_NONE };

struct loc {
	const char *path;		/* NULL: unresolved */
	unsigned classes;
	bool exists, isdir;
	bool gone;			/* its directory exists, it does not */
};

/* The names rules use are the rule schema's (rulepack.c), in enum
 * order. */
#define op_names rulepack_effect_ops
#define class_names rulepack_effect_classes

int effect_op_from_name(const char *name)
{
	int i;

	for (i = 0; i < EOP_COUNT; i++)
		if (!strcmp(op_names[i], name))
			return i;
	return -1;
}

int effect_class_from_name(const char *name)
{
	int i;

	for (i = 0; i < ECL_COUNT; i++)
		if (!strcmp(class_names[i], name))
			return i;
	return -1;
}

const char *effect_op_name(enum effect_op op)
{
	return op < EOP_COUNT ? op_names[op] : "?";
}

const char *effect_class_name(unsigned class_bit)
{
	int i;

	for (i = 0; i < ECL_COUNT; i++)
		if (class_bit == 1u << i)
			return class_names[i];
	return "?";
}

/* ---- paths ---- */

static bool under(const char *p, const char *dir)
{
	size_t n;

	if (!dir)
		return false;
	n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return p[0] == '/';
	return !strncmp(p, dir, n) && (p[n] == '/' || p[n] == '\0');
}

/* The first n bytes of a and b are equal ignoring ASCII case (cheap: most
 * paths differ at once, and this runs for every store and path). */
static bool same_fold(const char *a, const char *b, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char x = (unsigned char)a[k], y = (unsigned char)b[k];

		if (x == y)
			continue;
		if ((x | 32) != (y | 32) || (x | 32) < 'a' || (x | 32) > 'z')
			return false;
	}
	return true;
}

/* Backup names of a one-file store (~/.netrc.bak): the same secret. */
static const char *const cred_backup[] = { ".bak", ".backup", ".old",
	".orig", ".save", ".copy", "~", "-old", "_old", "-bak", "_bak", NULL };

/* How p stands to the credential store at abs: CRED_IN under it
 * ignoring case, as the file systems of macOS and Windows do
 * (~/.AWS/CREDENTIALS is the store); CRED_COPY a backup copy beside it
 * (~/.docker/config.json.old): a secret file, secret to read but no
 * store to write into (`cp ~/.netrc ~/.netrc.old` is a backup, not
 * tampering); else 0. */
enum { CRED_IN = 1, CRED_COPY = 2 };

static int cred_match(const char *p, const char *abs, size_t tail,
		      bool fold)
{
	size_t n, k;

	if (!abs)
		return 0;
	n = strlen(abs);
	/* The home before the store's own name is a real path: exact. */
	if (tail > n)
		tail = n;
	if (strncmp(p, abs, n) && (!fold || strncmp(p, abs, n - tail) ||
				   !same_fold(p + n - tail, abs + n - tail,
					      tail)))
		return 0;
	if (p[n] == '/' || !p[n])
		return CRED_IN;
	for (k = 0; cred_backup[k]; k++)
		if (!strcasecmp(p + n, cred_backup[k]))
			return CRED_COPY;
	return 0;
}

/* The bytes of a store's absolute path that are its own name ("/.ssh"
 * of "~/.ssh"), compared ignoring case. */
static size_t cred_tail(const struct ecred *c)
{
	return strlen(c->path) - (c->path[0] == '~');
}

static bool cred_under(const char *p, const char *abs, size_t tail,
		       bool fold)
{
	return cred_match(p, abs, tail, fold) != 0;
}

/* Whether p has a capital letter: only then can case matter (the stores'
 * names are written in lower case but for a few macOS ones). */
static bool has_upper(const char *p)
{
	for (; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			return true;
	return false;
}

static bool strictly_under(const char *p, const char *dir)
{
	return under(p, dir) && strcmp(p, dir) &&
	       !(dir[0] == '/' && dir[1] == '\0' && p[1] == '\0');
}

static char *cat3(struct arena *a, const char *x, const char *sep,
		  const char *y)
{
	size_t nx = strlen(x), ns = strlen(sep), ny = strlen(y);
	char *out;

	if (nx + ns + ny + 1 < nx)
		return NULL;
	if (!(out = arena_alloc(a, nx + ns + ny + 1)))
		return NULL;
	memcpy(out, x, nx);
	memcpy(out + nx, sep, ns);
	memcpy(out + nx + ns, y, ny + 1);
	return out;
}

static const char *made_link(struct ectx *x, const char *path)
{
	size_t i;

	for (i = x->link_from.n; i-- > 0;)
		if (!strcmp(x->link_from.v[i], path))
			return x->link_to.v[i];
	return NULL;
}

/* The kernel's view of absolute path `in`: every existing prefix
 * followed through symlinks (the last component only when `follow`),
 * ".." taken physically where the path exists and lexically beyond.
 * NULL when a bound is hit. */
static const char *physical(struct ectx *x, const char *in, bool follow,
			    bool *exists, bool *isdir, bool *gone)
{
	char cur[PATH_MAX], todo[PATH_MAX * 2], link[PATH_MAX];
	size_t nc = 0, links = 0;
	bool missing = x->env->no_fs;
	struct stat st;

	*exists = *isdir = *gone = false;
	if (strlen(in) >= sizeof(todo))
		return NULL;
	strcpy(todo, in);
	cur[0] = '\0';
	for (;;) {
		char *s = todo, *e;
		size_t len, rest;
		ssize_t k;
		bool last;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		for (e = s; *e && *e != '/'; e++)
			;
		len = (size_t)(e - s);
		last = true;
		for (const char *r = e; *r; r++)
			if (*r != '/') {
				last = false;
				break;
			}
		if (len == 1 && s[0] == '.') {
			memmove(todo, e, strlen(e) + 1);
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (nc > 0 && cur[nc - 1] != '/')
				nc--;
			if (nc > 0)
				nc--;
			cur[nc] = '\0';
			memmove(todo, e, strlen(e) + 1);
			continue;
		}
		if (nc + 1 + len >= sizeof(cur))
			return NULL;
		cur[nc] = '/';
		memcpy(cur + nc + 1, s, len);
		cur[nc + 1 + len] = '\0';
		memmove(todo, e, strlen(e) + 1);
		if (missing) {
			nc += 1 + len;
			continue;
		}
		if (lstat(cur, &st) < 0) {
			const char *made = made_link(x, cur);

			rest = strlen(todo);

			if (made && !*made)
				return NULL;	/* a link to a computed place */
			if (made && (!last || follow)) {
				/* A link an earlier command of the call
				 * makes: followed as the kernel will. */
				k = (ssize_t)strlen(made);
				if (k >= (ssize_t)sizeof(link) ||
				    ++links > CV_MAX_EFFECT_LINKS ||
				    (size_t)k + 1 + rest >= sizeof(todo))
					return NULL;
				memcpy(link, made, (size_t)k + 1);
				goto splice;
			}
			missing = true;
			*gone = last && !made && errno == ENOENT;
			nc += 1 + len;
			continue;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow)) {
			k = readlink(cur, link, sizeof(link) - 1);
			rest = strlen(todo);
			if (k <= 0 || ++links > CV_MAX_EFFECT_LINKS ||
			    (size_t)k + 1 + rest >= sizeof(todo))
				return NULL;
			link[k] = '\0';
splice:
			memmove(todo + k + 1, todo, rest + 1);
			memcpy(todo, link, (size_t)k);
			todo[k] = '/';
			if (link[0] == '/') {
				nc = 0;
			}
			cur[nc] = '\0';
			continue;
		}
		nc += 1 + len;
		if (last) {
			*exists = true;
			*isdir = S_ISDIR(st.st_mode);
			if (S_ISLNK(st.st_mode) && !stat(cur, &st))
				*isdir = false;	/* the link is what is hit */
		}
	}
	if (nc == 0)
		return arena_strdup(x->a, "/");
	if (!missing && !*exists && !lstat(cur, &st)) {
		*exists = true;
		*isdir = S_ISDIR(st.st_mode);
	}
	return arena_strndup(x->a, cur, nc);
}

/* ---- classes ---- */

static bool in_list(const char *const *l, const char *s, size_t n)
{
	for (; *l; l++)
		if (strlen(*l) == n && !strncmp(*l, s, n))
			return true;
	return false;
}

static const char *cred_abs(struct ectx *x, const struct ecred *c)
{
	size_t i = (size_t)(c - effect_creds);

	if (!x->creds) {
		size_t k;

		if (!(x->creds = arena_calloc(x->a, effect_ncreds,
					      sizeof(*x->creds))))
			return NULL;
		for (k = 0; k < x->nhomes; k++)
			if (x->homes[k] == x->home)
				x->credv[k] = x->creds;
		for (k = 0; k < effect_ncreds; k++)
			x->creds[k] = effect_creds[k].path[0] != '~' ?
				effect_creds[k].path : !x->home ? NULL :
				cat3(x->a, x->home, "", effect_creds[k].path + 1);
	}
	return x->creds[i];
}

static bool public_name(const struct ecred *c, const char *base)
{
	const char *p = c->public_suffixes, *e;
	char pat[64];

	while (p && *p) {
		for (e = p; *e && *e != ' '; e++)
			;
		if ((size_t)(e - p) < sizeof(pat)) {
			memcpy(pat, p, (size_t)(e - p));
			pat[e - p] = '\0';
			if (!fnmatch(pat, base, 0))
				return true;
		}
		p = *e ? e + 1 : e;
	}
	return false;
}

/* Another user's home p is in (/root, /home/NAME, /Users/NAME): the
 * length of that prefix, or 0.  Their stores are as secret as ours. */
static size_t other_home(const char *p)
{
	size_t n, k;

	if (!strncmp(p, "/root", 5) && (p[5] == '/' || !p[5]))
		return 5;
	if (!strncmp(p, "/home/", 6))
		n = 6;
	else if (!strncmp(p, "/Users/", 7))
		n = 7;
	else
		return 0;
	k = strcspn(p + n, "/");
	return k ? n + k : 0;
}

/* Classes of a credential store in or containing p. */
static unsigned cred_classes(struct ectx *x, const char *p, bool contains)
{
	unsigned cl = 0;
	size_t i, oh = 0;
	bool fold = has_upper(p);

	if (!x->home || !under(p, x->home))
		oh = other_home(p);
	for (i = 0; i < effect_ncreds; i++) {
		const struct ecred *c = &effect_creds[i];
		const char *abs = cred_abs(x, c), *base;
		int m;

		if (oh && c->path[0] == '~') {
			abs = c->path + 1;	/* "/.ssh", against p's rest */
			if (!p[oh]) {
				if (contains)
					cl |= ECL_CREDENTIAL | ECL_SECRET;
				continue;
			}
			m = cred_match(p + oh, abs, cred_tail(c), fold);
			if (m == CRED_COPY) {
				cl |= ECL_SECRET_FILE;
			} else if (m) {
				base = strrchr(p, '/') + 1;
				cl |= ECL_CREDENTIAL;
				if (!strcmp(p + oh, abs) || !public_name(c, base))
					cl |= ECL_SECRET;
			} else if (contains && under(abs, p + oh)) {
				cl |= ECL_CREDENTIAL | ECL_SECRET;
			}
			continue;
		}
		if (!abs)
			continue;
		m = cred_match(p, abs, fold ? cred_tail(c) : 0, fold);
		if (m == CRED_COPY) {
			cl |= ECL_SECRET_FILE;
		} else if (m) {
			cl |= ECL_CREDENTIAL;
			base = strrchr(p, '/');
			base = base ? base + 1 : p;
			if (!strcmp(p, abs) || !public_name(c, base))
				cl |= ECL_SECRET;
		} else if (contains && under(abs, p)) {
			cl |= ECL_CREDENTIAL | ECL_SECRET;
		}
	}
	return cl;
}

static void pick_home(struct ectx *x, const char *p);

/* Is `name` in the space separated list `l`? */
static bool in_words(const char *l, const char *name)
{
	size_t n = strlen(name), k;

	while (l && *l) {
		k = strcspn(l, " ");
		if (k == n && !strncmp(l, name, n))
			return true;
		l += k;
		l += strspn(l, " ");
	}
	return false;
}

/* ".env", ".env.local": a project's secrets ("env.example" is not). */
static bool dotenv_name(const char *p)
{
	const char *b = strrchr(p, '/');

	b = b ? b + 1 : p;
	if (strncasecmp(b, ".env", 4))	/* .ENV on a file system ignoring case */
		return false;
	if (!b[4])
		return true;
	if (b[4] != '.' || !b[5])
		return false;
	{
		char low[32];
		size_t k;

		for (k = 0; b[5 + k] && k + 1 < sizeof(low); k++)
			low[k] = (char)(b[5 + k] >= 'A' && b[5 + k] <= 'Z' ?
					b[5 + k] + 32 : b[5 + k]);
		low[k] = '\0';
		return b[5 + k] || !in_words(effect_dotenv_public, low);
	}
}

/* The store p is in: the credential store's root (`*tree`), or for a
 * single-file store or a .env the directory holding it (a copy beside
 * it is as exposed as the file).  NULL: none. */
static const char *store_of(struct ectx *x, const char *p, bool isdir,
			    bool *tree)
{
	size_t i;
	const char *sl;
	bool fold = has_upper(p);

	*tree = true;
	pick_home(x, p);
	for (i = 0; i < effect_ncreds; i++) {
		const char *abs = cred_abs(x, &effect_creds[i]);

		if (!abs || !cred_under(p, abs, fold ?
					cred_tail(&effect_creds[i]) : 0, fold))
			continue;
		if (strcasecmp(p, abs) || isdir)
			return abs;
		break;
	}
	if ((i < effect_ncreds || dotenv_name(p)) && (sl = strrchr(p, '/'))) {
		*tree = false;
		return arena_strndup(x->a, p, (size_t)(sl - p));
	}
	return NULL;
}

static bool key_file(struct ectx *x, const char *p);

/* Does `prog` use the store or .env at p without printing it? */
static bool consumer(struct ectx *x, const char *p, const char *prog)
{
	size_t i;
	bool fold = has_upper(p);

	pick_home(x, p);
	for (i = 0; i < effect_ncreds; i++) {
		const char *abs = cred_abs(x, &effect_creds[i]);

		if (abs && cred_under(p, abs, fold ?
				      cred_tail(&effect_creds[i]) : 0, fold))
			return in_words(effect_creds[i].consumers, prog);
	}
	/* ssh -i ./deploy_key, curl --key client.pem use a key file */
	if (key_file(x, p))
		return in_words(SSH_USERS_KEYFILE, prog);
	return dotenv_name(p) && in_words(effect_dotenv_consumers, prog);
}

/* ECL_CONFIG when rel (a path relative to the home, "/.bashrc") is in
 * one of the config trees. */
static unsigned config_class(const char *rel)
{
	const char *const *c;
	size_t n;

	for (c = effect_config; *c; c++) {
		n = strlen(*c + 1);
		if (!strncmp(rel, *c + 1, n) && (rel[n] == '/' || !rel[n]))
			return ECL_CONFIG;
	}
	return 0;
}

/* A top-level home entry (rel: "/.local/x") that holds programs' state. */
static bool home_state(const char *rel)
{
	size_t n = strcspn(rel + 1, "/");

	return rel[1] == '.' || in_list(effect_home_state, rel + 1, n);
}

static bool in_home_temp(struct ectx *x, const char *p)
{
	const char *const *t;
	size_t n;

	if (!x->home || !strictly_under(p, x->home))
		return false;
	p += strlen(x->home) + 1;
	for (t = effect_home_temp; *t; t++) {
		n = strlen(*t);
		if (!strncmp(p, *t, n) && (p[n] == '/' || !p[n]))
			return true;
	}
	return false;
}

static bool in_temp(struct ectx *x, const char *p)
{
	const char *const *t;

	for (t = effect_temp_dirs; *t; t++)
		if (strictly_under(p, *t))
			return true;
	return x->tmpdir && strcmp(x->tmpdir, "/") &&
	       strictly_under(p, x->tmpdir);
}

/* Every home ccveto knows is protected alike: classify() judges p
 * against the deepest home it is in (else the first). */
static void pick_home(struct ectx *x, const char *p)
{
	size_t k, best = 0;

	for (k = 1; k < x->nhomes; k++)
		if (under(p, x->homes[k]) && (!under(p, x->homes[best]) ||
		    strlen(x->homes[k]) > strlen(x->homes[best])))
			best = k;
	if (x->nhomes) {
		x->home = x->homes[best];
		x->creds = x->credv[best];
	}
}

static unsigned classify_place(struct ectx *x, const char *p,
			       bool contains);

/* ECL_GIT for a path in (or holding) a local remote of the project: a
 * bare repository beside it (/srv/git/app.git) is its history too. */
static unsigned remote_class(struct ectx *x, const char *p)
{
	size_t i, n;

	if (x->env->no_fs || (x->project && under(p, x->project)))
		return 0;
	if (!x->remotes_read) {
		const char *raw[GITFACTS_MAX_REMOTES];
		bool ex, isdir, gone;

		x->remotes_read = true;
		n = gitfacts_local_remotes(raw, x->a, x->project ? x->project :
					   x->env->cwd);
		for (i = 0; i < n; i++) {
			const char *ph = physical(x, raw[i], true, &ex, &isdir,
						  &gone);

			/* Only a repository that is there. */
			if (ph && ex && isdir && strcmp(ph, "/"))
				x->remotes[x->nremotes++] = ph;
		}
	}
	for (i = 0; i < x->nremotes; i++)
		if (under(p, x->remotes[i]) || strictly_under(x->remotes[i], p))
			return ECL_GIT;
	return 0;
}

/* id_rsa-based-auth.md is a page about keys, not one. */
static bool doc_ext(const char *r, size_t n)
{
	static const char *const ext[] = { ".md", ".rst", ".html", ".adoc",
		".c", ".h", ".go", ".py", ".js", ".ts", ".rb", ".rs", ".java",
		".sh", ".yml", ".yaml", ".json", ".toml", NULL };
	size_t k, m;

	for (k = 0; ext[k]; k++) {
		m = strlen(ext[k]);
		if (n >= m && !strncasecmp(r + n - m, ext[k], m))
			return true;
	}
	return false;
}

/* ".tmp", "-old", "~", "-old copy", " copy 2": what editors, file
 * managers and people append to a copy. */
static bool key_copy_suffix(const char *r)
{
	size_t n = 0;

	if (!*r || !strchr(".-_~ ", *r))
		return false;
	while (r[n] && (isalnum((unsigned char)r[n]) || strchr(".-_~", r[n])))
		n++;
	if (n > 16 || doc_ext(r, n))
		return false;
	if (!r[n])
		return true;
	r += n;
	if (strncmp(r, " copy", 5))
		return false;
	for (r += 5; *r == ' ' || isdigit((unsigned char)*r); r++)
		;
	return !*r;
}

/* deploy_key_rsa, github_ed25519, DEPLOY_KEY_RSA: an ssh key by its
 * type at the end of a name without extension; credentials.backup,
 * credentials-old: copies of a credentials file (a bare "credentials"
 * outside a store is left to the stores' list: ~ unexpanded by curl
 * makes one). */
static bool key_named(const char *b, size_t n)
{
	static const char *const types[] = { "_rsa", "-rsa", "_dsa", "-dsa",
		"_ecdsa", "-ecdsa", "_ed25519", "-ed25519", NULL };
	static const char *const copies[] = { ".bak", ".backup", ".old",
		"-old", "_old", ".orig", ".save", ".copy", "-copy", ".prev",
		".tmp", NULL };
	size_t k, m;

	for (k = 0; types[k]; k++) {
		m = strlen(types[k]);
		if (n > m && !strcasecmp(b + n - m, types[k]) &&
		    !memchr(b, '.', n))
			return true;
	}
	if (strncasecmp(b, "credentials", 11))
		return false;
	for (k = 0; copies[k]; k++)
		if (!strcasecmp(b + 11, copies[k]))
			return true;
	return false;
}

/* Private key material outside the known stores, by name: the ssh key
 * names (id_rsa, id_ed25519.bak; not .pub) and the key containers
 * (*.pem, *.key, *.p8, *.ppk, *.p12, *.pfx, *.jks, *.keystore).  A
 * text one that exists is a key only if it holds one ("PRIVATE KEY",
 * PuTTY's header): cert.pem, a CA bundle and a public key are not.  A
 * missing one named as a certificate is not either. */
static bool key_file(struct ectx *x, const char *p)
{
	static const char *const ids[] = { "rsa", "dsa", "ecdsa", "ed25519",
		"ecdsa_sk", "ed25519_sk", "xmss", NULL };
	static const char *const text_ext[] = { ".pem", ".key", ".p8",
		".ppk", NULL };
	static const char *const bin_ext[] = { ".p12", ".pfx", ".pkcs12",
		".jks", ".keystore", ".kdb", ".kdbx", ".keychain",
		".keychain-db", ".keyring", ".keypair", ".ovpn", NULL };
	/* packages' and the project's test fixtures, not the user's keys */
	static const char *const deps[] = { "/node_modules/", "/__pycache__/",
		"/site-packages/", "/dist-packages/", "/.venv/",
		"/vendor/bundle/", "/vendor/cache/", "/fixtures/",
		"/testdata/", "/test-data/", NULL };
	const char *b = strrchr(p, '/'), *dot;
	size_t n, k;
	bool text = false;

	b = b ? b + 1 : p;
	n = strlen(b);
	/* cheap first: most names have neither form */
	dot = strrchr(b, '.');
	if (strncasecmp(b, "id_", 3) && !dot && !key_named(b, n))
		return false;
	if ((n > 4 && !strcasecmp(b + n - 4, ".pub")) || strstr(p, "://") ||
	    strcasestr(b, ".pub."))
		return false;
	for (k = 0; deps[k]; k++)
		if (strstr(p, deps[k]))
			return false;
	if (!strncasecmp(b, "id_", 3)) {
		for (k = 0; ids[k]; k++) {
			size_t m = strlen(ids[k]), j;
			const char *r = b + 3 + m;

			if (strncasecmp(b + 3, ids[k], m))
				continue;
			if (!*r || !strcasecmp(r, ".pem") ||
			    !strcasecmp(r, ".key"))
				return true;
			for (j = 0; cred_backup[j]; j++)
				if (!strcasecmp(r, cred_backup[j]))
					return true;
			/* id_rsa.tmp, "id_rsa-old copy", id_rsa~: a short
			 * suffix, not prose ("id_rsa-based auth is ..."). */
			if (key_copy_suffix(r))
				return true;
		}
		return false;
	}
	if (key_named(b, n))
		return true;
	for (k = 0; bin_ext[k]; k++)
		if (!strcasecmp(dot, bin_ext[k]))
			return true;
	for (k = 0; text_ext[k] && !text; k++)
		text = !strcasecmp(dot, text_ext[k]);
	if (!text)
		return false;
	if (!x->env->no_fs) {
		char head[CV_MAX_KEYFILE_PEEK];
		ssize_t got;
		int fd;

		/* The header is at the start; a bundle may be long. */
		if (safefile_open(&fd, NULL, p, 0, NULL) == 0) {
			got = read(fd, head, sizeof(head));
			close(fd);
			return got < 0 ||
			       memmem(head, (size_t)got, "PRIVATE KEY", 11) ||
			       memmem(head, (size_t)got, "PuTTY-User-Key-File",
				      19);
		}
		if (access(p, F_OK) == 0)
			return true;	/* there but unreadable: a key, maybe */
	}
	/* Not there: named as a certificate or a public key, it is one. */
	return !strcasestr(b, "cert") && !strcasestr(b, "chain") &&
	       !strcasestr(b, "bundle") && !strcasestr(b, "public") &&
	       strncasecmp(b, "ca.", 3) && strncasecmp(b, "ca-", 3);
}

static unsigned classify(struct ectx *x, const char *p, bool contains)
{
	unsigned cl = classify_place(x, p, contains);

	if (cl & (ECL_CREATED | ECL_ROOT | ECL_DEVICE))
		return cl;
	if (!(cl & ECL_CREDENTIAL) && key_file(x, p))
		cl |= ECL_SECRET_FILE;
	return cl | remote_class(x, p);
}

static unsigned classify_place(struct ectx *x, const char *p, bool contains)
{
	const char *const *t;
	const char *s, *e;
	unsigned cl = 0;
	bool in_home, in_proj;
	size_t i;

	pick_home(x, p);
	for (i = 0; i < x->created.n; i++)
		if (under(p, x->created.v[i]))
			return ECL_CREATED;
	for (t = effect_harmless_devices; *t; t++)
		if (under(p, *t))
			return ECL_TEMP;
	if (x->tmpdir && strcmp(x->tmpdir, "/") && !strcmp(p, x->tmpdir))
		return ECL_TEMP;
	if (!strcmp(p, "/"))
		return ECL_ROOT | ECL_ANCESTOR;
	if (under(p, "/dev"))
		return ECL_DEVICE;
	cl = cred_classes(x, p, contains);
	if (dotenv_name(p))
		cl |= ECL_DOTENV;
	in_home = x->home && under(p, x->home);
	in_proj = x->project && under(p, x->project);
	/* The deeper root decides: a project in the home, or a home in a
	 * (test) project. */
	if (in_home && in_proj) {
		if (strlen(x->home) > strlen(x->project))
			in_proj = false;
		else
			in_home = false;
	}
	if (in_proj) {
		/* What git cannot work without: .git, HEAD, the refs tree
		 * and every object.  Hooks and config are the tamper pack's
		 * (planting, not loss); a single ref (refs/original) can be
		 * made again. */
		static const char *const core[] = {
			"HEAD", "refs", "packed-refs", NULL };
		const char *rel;

		if (!strcmp(p, x->project))
			return cl | ECL_PROJECT;
		rel = p + strlen(x->project) + 1;
		if (!strcmp(rel, ".git") || !strncmp(rel, ".git/objects", 12) ||
		    (!strncmp(rel, ".git/", 5) &&
		     in_list(core, rel + 5, strlen(rel + 5))))
			return cl | ECL_GIT;
		return cl | ECL_INSIDE;
	}
	if (x->project && strictly_under(x->project, p))
		cl |= ECL_ANCESTOR;
	if (in_home) {
		const char *rel = p + strlen(x->home) + 1;

		if (!strcmp(p, x->home))
			return cl | ECL_HOME;
		if (in_home_temp(x, p) && !(cl & ECL_CREDENTIAL))
			return ECL_TEMP;
		cl |= config_class(rel - 1);
		if (!(cl & ECL_ANCESTOR) && !strchr(rel, '/'))
			cl |= ECL_HOME_ENTRY;
	}
	if (cl & (ECL_ANCESTOR | ECL_HOME_ENTRY))
		return cl;
	if (!in_home && in_temp(x, p))
		return cl | ECL_TEMP;
	/* Beside the project: under one of its ancestors below the home (or,
	 * for a project outside the homes, below a top-level directory that
	 * is not a system tree), not on the way to the project. */
	if (x->project) {
		char anc[PATH_MAX];
		size_t n = strlen(x->project);

		if (n < sizeof(anc)) {
			memcpy(anc, x->project, n + 1);
			do {
				while (n > 1 && anc[n - 1] != '/')
					n--;
				if (n > 1)
					n--;
				anc[n] = '\0';
			} while (n > 1 && !under(p, anc));
			if (n > 1 && (x->home && under(x->project, x->home) ?
				      strictly_under(anc, x->home) :
				      (strchr(anc + 1, '/') ||
				       !in_list(effect_system_dirs, anc + 1,
						strlen(anc + 1)))))
				cl |= ECL_SIBLING;
		}
	}
	if (cl & (ECL_SIBLING | ECL_CREDENTIAL | ECL_CONFIG))
		return cl;
	if (in_home)
		return cl | (home_state(p + strlen(x->home)) ? ECL_HOME_STATE :
			     ECL_HOME_DATA);
	/* A system tree and its top entries (/usr/lib, /etc/passwd);
	 * deeper, what the OS and its packages own (/usr/bin/ls,
	 * /etc/ssh/sshd_config) is a system file; the rest
	 * (/usr/local/bin/tool, /opt/x/y, /var/www/x) is other. */
	s = p + 1;
	e = s + strcspn(s, "/");
	if (in_list(effect_system_dirs, s, (size_t)(e - s)) &&
	    (!*e || !strchr(e + 1, '/')))
		return cl | ECL_SYSTEM;
	if (in_list(effect_os_trees, s, (size_t)(e - s)) &&
	    strncmp(p, "/usr/local/", 11))
		return cl | ECL_SYSTEM_FILE;
	return cl | ECL_OTHER;
}

/* ---- resolving a word ---- */

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static bool dynamic(const char *s)
{
	return strchr(s, '$') || strchr(s, '`') || strstr(s, ELLIPSIS);
}

/* Expands what the shell left for us: "~", "~user", $HOME, $PWD,
 * $CLAUDE_PROJECT_DIR, $TMPDIR.  NULL when the word needs a home or cwd
 * we do not know. */
static const char *expand(struct ectx *x, const char *cwd, const char *w,
			  bool tilde, bool vars_too)
{
	static const struct { const char *name; int what; } vars[] = {
		{ "$HOME", 0 }, { "${HOME}", 0 }, { "$PWD", 1 },
		{ "${PWD}", 1 }, { "$CLAUDE_PROJECT_DIR", 2 },
		{ "${CLAUDE_PROJECT_DIR}", 2 }, { "$TMPDIR", 3 },
		{ "${TMPDIR}", 3 },
	};
	const char *base = NULL, *rest = w;
	size_t i, n;

	if (w[0] == '~' && tilde) {
		n = strcspn(w + 1, "/");
		rest = w + 1 + n;
		if (n == 0) {
			base = x->tilde;
		} else if (n == 1 && w[1] == '+') {
			base = cwd;
		} else {
			const char *hb = x->home ? strrchr(x->home, '/') : NULL;
			char *u = arena_strndup(x->a, w + 1, n);

			if (!u)
				return NULL;
			if (hb && !strcmp(hb + 1, u))
				base = x->home;
			else if (!strcmp(u, "root"))
				base = "/root";
			else if (!strchr(u, '$') && u[0] != '-')
				base = cat3(x->a, "/home/", "", u);
		}
		if (!base)
			return NULL;
		return cat3(x->a, base, "", rest);
	}
	for (i = 0; vars_too && i < sizeof(vars) / sizeof(*vars); i++) {
		n = strlen(vars[i].name);
		if (strncmp(w, vars[i].name, n) || (w[n] && w[n] != '/'))
			continue;
		/* An unknown $TMPDIR is some scratch place, but not one
		 * whose parent is known: $TMPDIR/../etc may be /etc. */
		if (vars[i].what == 3 && !x->tmpdir &&
		    (strstr(w + n, "/..") || !strcmp(w + n, "..")))
			return NULL;
		base = vars[i].what == 0 ? x->tilde : vars[i].what == 1 ? cwd :
		       vars[i].what == 2 ? x->project :
		       /* Unset, it is empty; set, a scratch directory of
			* its own: either way some scratch place. */
		       (x->tmpdir ? x->tmpdir : "/tmp/\x01");
		return base ? cat3(x->a, base, "", w + n) : NULL;
	}
	if (w[0] == '/')
		return w;
	/* Starting computed: not necessarily relative. */
	if (!cwd || (vars_too && (w[0] == '$' || w[0] == '`')))
		return NULL;
	return cat3(x->a, cwd, "/", w);
}

/* A glob: the classes of every location it could match.  The literal
 * directory before the first pattern component is resolved; the pattern
 * is matched against its entries on disk and against the names the
 * tables protect (credential stores, the way to the project, .git). */
static unsigned glob_classes(struct ectx *x, const char *abs, bool contains)
{
	char *dir = arena_strdup(x->a, abs), *pat, *rest;
	const char *d;
	unsigned cl = 0;
	bool ex, isdir = false, gone;
	size_t i;

	if (!dir)
		return ECL_UNRESOLVED;
	/* dir = up to the component holding the first glob character. */
	pat = dir + strcspn(dir, "*?[");
	while (pat > dir && pat[-1] != '/')
		pat--;
	pat[-1] = '\0';
	rest = strchr(pat, '/');
	if (rest)
		*rest++ = '\0';
	d = *dir ? physical(x, dir, true, &ex, &isdir, &gone) : "/";
	if (!d)
		return ECL_UNRESOLVED;
	/* Any name the pattern could match, as a child of d (a leading
	 * dot must be literal: "[.]ssh" and "*" never match ".ssh"). */
	if (strncmp(pat, "[.]", 3)) {
		bool dotted = pat[0] == '.';
		char *probe = cat3(x->a, d, strcmp(d, "/") ? "/" : "",
				   dotted ? ".\x01" : "\x01");

		if (!probe)
			return ECL_UNRESOLVED;
		if (rest && *rest)
			probe = cat3(x->a, probe, "/", rest);
		if (!probe)
			return ECL_UNRESOLVED;
		cl |= classify(x, probe, contains) &
		      ~(ECL_CREDENTIAL | ECL_SECRET);
	}
	/* In a store: secret unless the pattern can only name its public
	 * files (~/.ssh/ and "*.pub").  What is on disk decides when the
	 * directory can be read (below); the names alone otherwise. */
	pick_home(x, d);
	for (i = 0; (x->env->no_fs || !isdir || (rest && *rest)) &&
	     i < effect_ncreds; i++) {
		const char *c = cred_abs(x, &effect_creds[i]);

		if (!c || !under(d, c))
			continue;
		cl |= ECL_CREDENTIAL;
		if ((rest && *rest) || !public_name(&effect_creds[i], pat))
			cl |= ECL_SECRET;
		break;
	}
	/* "*" is everything in d: as good as d itself (but "*" in the
	 * project root is its files, not the project and its .git). */
	if (!strcmp(pat, "*") && !(rest && *rest)) {
		/* ... unless what is in d is scratch (/var/cache/apt/ *):
		 * emptying a scratch directory is not deleting it. */
		const char *child = cat3(x->a, d, "/", "\x01");
		unsigned dc = child && in_temp(x, child) ? 0 :
			      classify(x, d, contains);

		cl |= dc & ~ECL_PROJECT;
		if (dc & ECL_PROJECT)
			cl |= ECL_PROJECT_FILES;
	}
	/* Protected names under d that it matches. */
	pick_home(x, d);
	for (i = 0; i < effect_ncreds; i++) {
		const char *c = cred_abs(x, &effect_creds[i]);
		char comp[NAME_MAX + 1];
		size_t n;

		if (!c || !strictly_under(c, d))
			continue;
		/* A token kept in a cache is lost with it, not leaked. */
		if (!contains && in_home_temp(x, c))
			continue;
		c += strlen(d) + (strcmp(d, "/") ? 1 : 0);
		n = strcspn(c, "/");
		if (n >= sizeof(comp))
			continue;
		memcpy(comp, c, n);
		comp[n] = '\0';
		if (!fnmatch(pat, comp, FNM_PERIOD))
			cl |= ECL_CREDENTIAL | ECL_SECRET;
	}
	/* Config names under d that it matches (~/.bash* is ~/.bashrc). */
	if (x->home && under(d, x->home)) {
		const char *const *cf;
		size_t nd = strlen(d) - strlen(x->home);

		for (cf = effect_config; *cf; cf++) {
			const char *c = *cf + 1;	/* "/.bashrc" */
			char comp[NAME_MAX + 1];
			size_t n;

			if (strncmp(c, d + strlen(x->home), nd) || c[nd] != '/')
				continue;
			c += nd + 1;
			n = strcspn(c, "/");
			if (n >= sizeof(comp))
				continue;
			memcpy(comp, c, n);
			comp[n] = '\0';
			if (!fnmatch(pat, comp, FNM_PERIOD))
				cl |= ECL_CONFIG;
		}
	}
	if (x->project && strictly_under(x->project, d)) {
		const char *c = x->project + strlen(d) + (strcmp(d, "/") ? 1 : 0);
		char comp[NAME_MAX + 1];
		size_t n = strcspn(c, "/");

		if (n < sizeof(comp)) {
			memcpy(comp, c, n);
			comp[n] = '\0';
			if (!fnmatch(pat, comp, FNM_PERIOD))
				cl |= classify(x, cat3(x->a, d, "/", comp) ?
					       cat3(x->a, d, "/", comp) : d,
					       contains);
		}
	}
	if (x->project && !strcmp(d, x->project) &&
	    !fnmatch(pat, ".git", FNM_PERIOD))
		cl |= ECL_GIT;
	/* And what is really there, when the directory is small enough. */
	if (!x->env->no_fs && isdir && !(rest && *rest)) {
		DIR *dh = opendir(d);
		struct dirent *de;
		size_t seen = 0;

		while (dh && (de = readdir(dh))) {
			char *full;

			if (++seen > CV_MAX_EFFECT_DIRENTS)
				break;
			if (!strcmp(de->d_name, ".") ||
			    !strcmp(de->d_name, "..") ||
			    fnmatch(pat, de->d_name, FNM_PERIOD))
				continue;
			full = cat3(x->a, d, strcmp(d, "/") ? "/" : "",
				    de->d_name);
			if (full)
				cl |= classify(x, full, contains);
		}
		if (dh)
			closedir(dh);
	}
	return cl;
}

/* "${NAME:?msg}" and "${NAME:-word}" leading a word.  For a name we know
 * (HOME, PWD, TMPDIR) the word is rewritten to "$NAME..."; for another
 * name, ":?" is the guard idiom (bash stops when it is empty, so it
 * cannot become "/" or "~"): "" is returned; anything else is kept. */
static const char *guarded(struct ectx *x, const char *w)
{
	static const char *const known[] = { "HOME", "PWD", "TMPDIR", NULL };
	size_t n;
	const char *close, *rest;

	if (strncmp(w, "${", 2))
		return w;
	n = strspn(w + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		   "0123456789_");
	if (!n || w[2 + n] != ':' || (w[3 + n] != '?' && w[3 + n] != '-'))
		return w;
	if (!(close = strchr(w + 2 + n, '}')))
		return w;
	rest = close + 1;
	if (in_list(known, w + 2, n))
		return cat3(x->a, "$", arena_strndup(x->a, w + 2, n) ?
			    arena_strndup(x->a, w + 2, n) : "", rest);
	if (w[3 + n] == '?' && !dynamic(rest))
		return "";
	return w;
}

/* Resolves one operand for an effect.  `follow`: the last component is
 * followed through a symlink (rm does not follow it, cat does). */
static struct loc resolve(struct ectx *x, const char *cwd, const char *w,
			  unsigned wf, bool follow, bool contains)
{
	struct loc l = { NULL, ECL_UNRESOLVED, false, false, false };
	const char *abs, *dyn;
	size_t n = strlen(w), i;
	bool tilde = !(wf & ARG_LEAD_QUOTED);

	if (!n)
		return l;
	/* The same word, in the same directory, as a location an earlier
	 * command made: that one (mkdir d-$$ && rm -rf d-$$). */
	for (i = 0; i < x->made_words.n; i++)
		if (!strcmp(x->made_words.v[i], w) &&
		    x->made_cwds.v[i] == cwd) {
			l.classes = ECL_CREATED;
			return l;
		}
	/* $ and ` the shell left alone (single quotes) are text; a value
	 * the parser substituted may itself hold "$HOME". */
	if (!(wf & ARG_DYNAMIC) && ((wf & ARG_SINGLE) || !dynamic(w))) {
		if (!(abs = expand(x, cwd, w, tilde, false)))
			return l;
		goto literal;
	}
	/* "dir/" and "dir/." name the directory a link points to. */
	if (w[n - 1] == '/' || (n >= 2 && !strcmp(w + n - 2, "/.")))
		follow = true;
	if (dynamic(w) && !(w = guarded(x, w)))
		return l;
	if (!*w) {
		l.classes = ECL_GUARDED; /* ${X:?}: never empty, not known */
		return l;
	}
	if (dynamic(w)) {
		const char *exp = expand(x, cwd, w, tilde, true);
		char *pre;
		bool ex, isdir, gone;
		unsigned cl;

		/* $HOME/x, $PWD/x ... with nothing computed after them. */
		if (exp && !dynamic(exp) && strncmp(w, "$HOME", 5) &&
		    strncmp(w, "${HOME}", 7)) {
			w = exp;
		} else if (exp && !dynamic(exp)) {
			w = exp;
		} else {
			/* The literal directory before the computed part
			 * decides when it is the project's inside or
			 * scratch: $X cannot climb out of it (no ".."
			 * after a computed part is assumed). */
			dyn = exp ? exp : w;
			pre = arena_strdup(x->a, dyn);
			if (!pre)
				return l;
			n = strcspn(pre, "$`\xe2");
			while (n > 0 && pre[n - 1] != '/')
				n--;
			if (n == 0 || !exp || exp[0] != '/' ||
			    strstr(dyn + n, ".."))
				return l;
			pre[n - 1] = '\0';
			abs = physical(x, *pre ? pre : "/", true, &ex, &isdir, &gone);
			if (!abs || !(abs = cat3(x->a, abs, strcmp(abs, "/") ?
						 "/" : "", "\x01")))
				return l;
			/* Some name in that directory. */
			cl = classify(x, abs, contains);
			if (cl & (ECL_INSIDE | ECL_TEMP | ECL_CREATED))
				l.classes = cl;
			return l;
		}
	}
	if (!(abs = expand(x, cwd, w, tilde, true)))
		return l;
literal:
	if (has_glob(abs)) {
		l.classes = glob_classes(x, abs, contains);
		return l;
	}
	n = strlen(w);
	if (w[n - 1] == '/' || (n >= 2 && !strcmp(w + n - 2, "/.")))
		follow = true;
	if (!(l.path = physical(x, abs, follow, &l.exists, &l.isdir,
				    &l.gone)))
		return l;
	/* "file/": the kernel says ENOTDIR, nothing happens. */
	if (w[n - 1] == '/' && l.exists && !l.isdir) {
		l.classes = 0;
		return l;
	}
	l.classes = classify(x, l.path, contains);
	return l;
}

/* ---- building effects ---- */

static int add(struct ectx *x, struct effect_list *el, enum effect_op op,
	       const char *word, const struct loc *l, bool recursive)
{
	struct effect *e;

	if (op >= EOP_COUNT || !l->classes)
		return 0;
	e = arena_grow(x->a, el->v, &el->cap, sizeof(*e), el->n + 1);
	if (!e)
		return NOMEM(x);
	el->v = e;
	e = &el->v[el->n++];
	e->op = op;
	e->classes = l->classes;
	e->recursive = recursive;
	e->word = word;
	e->path = l->path;
	e->host = op == EOP_UPLOAD ? x->host : NULL;
	return 0;
}

static int created(struct ectx *x, const struct loc *l, const char *w,
		   const char *cwd)
{
	/* What exists by definition (the home, the project, a store) is
	 * not made by writing into it, whatever the filesystem says. */
	/* ... nor is a config tree: what is put in it later still acts
	 * on later sessions. */
	if (x->no_made || l->exists || (l->classes & (ECL_ROOT | ECL_SYSTEM | ECL_HOME |
	    ECL_ANCESTOR | ECL_PROJECT | ECL_GIT | ECL_CREDENTIAL |
	    ECL_DEVICE | ECL_CONFIG)))
		return 0;
	if (strlist_push(&x->made_words, x->a, w) < 0 ||
	    strlist_push(&x->made_cwds, x->a, cwd) < 0)
		return NOMEM(x);
	if (!l->path || (l->classes & ECL_UNRESOLVED))
		return 0;
	return strlist_push(&x->created, x->a, l->path) < 0 ? NOMEM(x) : 0;
}

/* An operand put: resolve and add. */
static int put(struct ectx *x, struct effect_list *el, const char *cwd,
	       enum effect_op op, const char *w, unsigned wf, bool recursive)
{
	bool follow = op != EOP_DELETE && op != EOP_MOVE && !x->nofollow;
	bool contains = recursive && (op == EOP_READ || op == EOP_UPLOAD);
	struct loc l;

	if (!w || !*w || !strcmp(w, "-"))
		return 0;
	l = resolve(x, cwd, w, wf, follow, contains);
	/* Not there (its directory is): an overwrite creates.  A delete of
	 * what is not there is still judged: the call was written to
	 * delete it, and the tree may differ when it runs (an earlier
	 * command, or another process, can make it; and a guard that
	 * passes `rm -rf ~/important` because the name is free today
	 * teaches the agent nothing). */
	if (l.gone && op == EOP_OVERWRITE && !x->inplace)
		op = EOP_WRITE;
	/* A write over what exists replaces it. */
	if (op == EOP_WRITE && l.exists && !l.isdir)
		op = EOP_OVERWRITE;
	/* Over nothing, it creates.  A store, a system tree or a device
	 * counts as there: planting a file in it is as bad. */
	if (op == EOP_OVERWRITE && l.path && !l.exists && !x->inplace &&
	    !(l.classes & (ECL_ROOT | ECL_SYSTEM | ECL_HOME | ECL_ANCESTOR |
			   ECL_PROJECT | ECL_GIT | ECL_DEVICE |
			   ECL_CREDENTIAL)))
		op = EOP_WRITE;
	/* touch or mkdir -p of what is there makes nothing. */
	if (op == EOP_CREATE && l.exists)
		return 0;
	if (op == EOP_WRITE || op == EOP_CREATE) {
		int error = add(x, el, op, w, &l, recursive);

		return error < 0 ? error : created(x, &l, w, cwd);
	}
	return add(x, el, op, w, &l, recursive);
}

/* ---- what is sent ---- */

/* A tree sent whole carries the .env at its top (tar czf - . | curl). */
static bool dir_dotenv(struct ectx *x, const char *dir)
{
	struct stat st;
	char *p;

	if (x->env->no_fs || !dir || !(p = cat3(x->a, dir, "/", ".env")))
		return false;
	return !lstat(p, &st);
}

static int unknown_upload(struct ectx *x, struct effect_list *el,
			  const char *word)
{
	struct loc l = { NULL, ECL_PIPE, false, false, false };

	return add(x, el, EOP_UPLOAD, word && *word ? word : "-", &l, false);
}

static int send_stdin(struct ectx *x, struct effect_list *el, size_t j,
		      unsigned depth);

/* What subject j writes to its stdout, sent: an upload of every location
 * it reads, or one of unknown content. */
static int send_output(struct ectx *x, struct effect_list *el, size_t j,
		       unsigned depth)
{
	const struct subject *s = x->list->v[j];
	size_t i, n = s->effects ? s->effects->n : 0;
	int error;

	if (depth > CV_MAX_EFFECT_PIPE || x->out[j] == OUT_UNKNOWN)
		return unknown_upload(x, el, s->program);
	if (x->out[j] == OUT_NONE)
		return 0;
	/* (el may be s->effects itself: the snapshot n, and a copy of
	 * each effect before add() moves the array.) */
	for (i = 0; i < n; i++) {
		struct effect e = s->effects->v[i];
		struct loc r = { e.path, e.classes, false, false, false };

		if (e.op != EOP_READ)
			continue;
		if (e.recursive && dir_dotenv(x, e.path))
			r.classes |= ECL_DOTENV;
		if ((error = add(x, el, EOP_UPLOAD, e.word, &r,
				 e.recursive)) < 0)
			return error;
	}
	return x->out_stdin[j] ? send_stdin(x, el, j, depth + 1) : 0;
}

/* What subject j reads on its stdin, sent: a `<` file, the stages of the
 * pipe before it, or, fed by something not followed (a here-string of
 * a $( ), an enclosing pipe), content nobody knows.  Fed by nothing, it
 * is the agent's stdin, which is empty. */
static int send_stdin(struct ectx *x, struct effect_list *el, size_t j,
		      unsigned depth)
{
	const struct subject *s = x->list->v[j];
	bool fed = false;
	size_t i;
	int error;

	if (depth > CV_MAX_EFFECT_PIPE)
		return unknown_upload(x, el, "-");
	for (i = 0; i < s->nredirects; i++) {
		const struct redirect *r = &s->redirects[i];

		if (r->op != REDIR_IN)
			continue;
		fed = true;
		if ((error = put(x, el, s->cwd, EOP_UPLOAD,
				 r->raw ? r->raw : r->target, r->flags,
				 false)) < 0)
			return error;
	}
	if (fed)
		return 0;
	if (s->piped) {
		if (s->pipe_lo >= s->pipe_hi || s->pipe_lo >= j)
			return unknown_upload(x, el, "-");
		for (i = s->pipe_lo; i < s->pipe_hi && i < j; i++)
			if ((error = send_output(x, el, i, depth + 1)) < 0)
				return error;
		return 0;
	}
	return s->input_from.n ? unknown_upload(x, el, "-") : 0;
}

static bool stdin_word(const char *v)
{
	return !strcmp(v, "-") || !strcmp(v, "/dev/stdin") ||
	       !strcmp(v, "/dev/fd/0") || !strcmp(v, "/proc/self/fd/0");
}

/* An uploaded file operand: the file, or the uploader's stdin. */
static int send_file(struct ectx *x, struct effect_list *el,
		     const char *cwd, const char *f, unsigned wf)
{
	if (stdin_word(f))
		return send_stdin(x, el, x->cur, 0);
	return put(x, el, cwd, EOP_UPLOAD, f, wf, false);
}

/* /dev/tcp/HOST/PORT (bash's sockets): HOST, or NULL for anything else
 * and for the loopback (a local service). */
static const char *dev_tcp_host(struct ectx *x, const char *t)
{
	const char *h;
	size_t n;

	if (strncmp(t, "/dev/tcp/", 9) && strncmp(t, "/dev/udp/", 9))
		return NULL;
	h = t + 9;
	n = strcspn(h, "/");
	if (!n || (n == 9 && !strncmp(h, "localhost", 9)) ||
	    !strncmp(h, "127.", 4) || (n == 3 && !strncmp(h, "::1", 3)))
		return NULL;
	return arena_strndup(x->a, h, n);
}

/* A command whose output is redirected to a socket sends it. */
static int socket_effects(struct ectx *x, struct effect_list *el,
			  const struct subject *s)
{
	size_t i;
	int error;

	for (i = 0; i < s->nredirects; i++) {
		const struct redirect *r = &s->redirects[i];
		const char *h;

		if ((r->op != REDIR_OUT && r->op != REDIR_APPEND) ||
		    !(h = dev_tcp_host(x, r->target)))
			continue;
		x->host = h;
		error = send_output(x, el, x->cur, 0);
		x->host = NULL;
		if (error < 0)
			return error;
	}
	return 0;
}

struct parsed {
	unsigned char flag[128];
	struct { char letter; const char *v; unsigned char f; } val[32];
	size_t nval;
	const char **ops;
	unsigned char *opf;		/* ARG_* of each operand */
	size_t nops;
	char last_if;			/* the last of -i / -f given */
	bool exits;			/* prints help or a version, or
					 * rejects an option, and stops */
};

static bool flag(const struct parsed *pa, const char *letters)
{
	for (; *letters; letters++)
		if (pa->flag[(unsigned char)*letters & 127])
			return true;
	return false;
}

/* A long option of pg by exact name or unique prefix: its kind
 * (':' flag, '=' value, '?' optional value) and alias letter. */
static bool long_find(const struct eprog *pg, const char *name, size_t n,
		      char *kind, char *alias)
{
	const char *p = pg->longs;
	int found = 0;

	while (p && *p) {
		size_t len = strcspn(p, ":=?");
		const char *tok = p;

		if (!tok[len])
			break;
		if (len == n && !strncmp(tok, name, n)) {
			*kind = tok[len];
			*alias = tok[len + 1];
			return true;
		}
		if (len > n && !strncmp(tok, name, n) && found++ == 0) {
			*kind = tok[len];
			*alias = tok[len + 1];
		}
		p = tok + len + 2;
		while (*p == ' ')
			p++;
	}
	return found == 1;
}

static void setval(struct parsed *pa, char letter, const char *v,
		   unsigned char f)
{
	if (letter && letter != '-' && pa->nval < 32) {
		pa->val[pa->nval].letter = letter;
		pa->val[pa->nval].v = v;
		pa->val[pa->nval].f = f;
		pa->nval++;
	}
	if (letter && letter != '-')
		pa->flag[(unsigned char)letter & 127] = 1;
}

#define AF(af, i) ((af) ? (af)[i] : 0)

static int parse_args(struct ectx *x, const struct eprog *pg,
		      const struct strlist *args, const unsigned char *af,
		      struct parsed *pa)
{
	size_t i;
	bool opts = true;

	memset(pa, 0, sizeof(*pa));
	if (!(pa->ops = arena_calloc(x->a, args->n + 1, sizeof(*pa->ops))) ||
	    !(pa->opf = arena_calloc(x->a, args->n + 1, 1)))
		return NOMEM(x);
	for (i = 0; i < args->n; i++) {
		const char *a = args->v[i];

		if (opts && !strcmp(a, "--")) {
			opts = false;
			continue;
		}
		/* tar cf x.tar ...: the old form, a cluster without '-'. */
		if (opts && i == 0 && pg->kind == EK_TAR && a[0] != '-') {
			size_t k;

			for (k = 0; a[k]; k++) {
				pa->flag[(unsigned char)a[k] & 127] = 1;
				if (strchr(pg->shorts, a[k]) && i + 1 < args->n) {
					i++;
					setval(pa, a[k], args->v[i], AF(af, i));
				}
			}
			continue;
		}
		if (opts && a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			char kind = 0, alias = 0;

			/* --help and --version before the first operand
			 * stop the program there, with GNU's option order
			 * and with BSD's (which stops reading options at
			 * the first operand).  rm's table is all of its
			 * options: one it does not know (--v: --verbose or
			 * --version?) is a usage error before anything is
			 * removed. */
			if (!pa->nops && (!strcmp(a, "--help") ||
					  !strcmp(a, "--version")))
				pa->exits = true;
			if (!long_find(pg, a + 2, n, &kind, &alias)) {
				if (!pa->nops && !strcmp(pg->name, "rm"))
					pa->exits = true;
				continue;
			}
			/* A table that lists help and version: a unique
			 * prefix of either (--vers) is that option. */
			if (!pa->nops && n && strstr(pg->longs, "help:-") &&
			    (!strncmp(a + 2, "help", n) ||
			     !strncmp(a + 2, "version", n)))
				pa->exits = true;
			if (kind == ':') {
				if (alias != '-')
					pa->flag[(unsigned char)alias & 127] = 1;
				if (alias == 'i' || alias == 'f')
					pa->last_if = alias;
			} else if (kind == '=') {
				if (eq) {
					setval(pa, alias, eq + 1, AF(af, i));
				} else if (i + 1 < args->n) {
					i++;
					setval(pa, alias, args->v[i], AF(af, i));
				}
			} else {
				setval(pa, alias, eq ? eq + 1 : "", AF(af, i));
				if (alias == 'i')
					pa->last_if = alias;
			}
			continue;
		}
		if (opts && a[0] == '-' && a[1]) {
			size_t k;

			for (k = 1; a[k]; k++) {
				char c = a[k];

				if (strchr(pg->optional, c)) {
					setval(pa, c, a + k + 1, AF(af, i));
					break;
				}
				if (strchr(pg->shorts, c)) {
					if (a[k + 1]) {
						setval(pa, c, a + k + 1,
						       AF(af, i));
					} else if (i + 1 < args->n) {
						i++;
						setval(pa, c, args->v[i],
						       AF(af, i));
					}
					break;
				}
				pa->flag[(unsigned char)c & 127] = 1;
				if (c == 'i' || c == 'f')
					pa->last_if = c;
			}
			continue;
		}
		pa->opf[pa->nops] = AF(af, i);
		pa->ops[pa->nops++] = a;
	}
	return 0;
}

static const struct eopt *opt_role(const struct eprog *pg, char letter)
{
	const struct eopt *o;

	for (o = pg->opts; o && o->letter; o++)
		if (o->letter == letter)
			return o;
	return NULL;
}

/* Values of options that name locations. */
static int option_effects(struct ectx *x, struct effect_list *el,
			  const char *cwd, const struct eprog *pg,
			  const struct parsed *pa, bool *script)
{
	size_t i;
	int error = 0;

	*script = false;
	for (i = 0; i < pa->nval && !error; i++) {
		const struct eopt *o = opt_role(pg, pa->val[i].letter);
		const char *v = pa->val[i].v, *at;
		unsigned wf = pa->val[i].f;
		char *f;

		if (!o)
			continue;
		switch (o->role) {
		case ER_READ:
			error = put(x, el, cwd, EOP_READ, v, wf, false);
			break;
		case ER_UPLOAD:
			error = !strcmp(v, ".") ?
				send_stdin(x, el, x->cur, 0) :
				send_file(x, el, cwd, v, wf);
			break;
		case ER_AT_UPLOAD:
			/* No tilde expansion after '@': curl reads
			 * a file literally named "~/...". */
			if (v[0] == '@')
				error = send_file(x, el, cwd, v + 1,
						  wf | ARG_LEAD_QUOTED);
			else if (wf & ARG_DYNAMIC)
				error = unknown_upload(x, el, v);
			break;
		case ER_URLENC_UPLOAD:
			/* "content", "=content", "name=content", "@FILE",
			 * "name@FILE": a file when '@' comes before any
			 * '='. */
			at = v + strcspn(v, "=@");
			if (*at == '@')
				error = send_file(x, el, cwd, at + 1,
						  wf | ARG_LEAD_QUOTED);
			else if (wf & ARG_DYNAMIC)
				error = unknown_upload(x, el, v);
			break;
		case ER_FORM_UPLOAD:
			at = strpbrk(v, "@<");
			if (at && (f = arena_strndup(x->a, at + 1,
						     strcspn(at + 1, ";"))))
				error = send_file(x, el, cwd, f,
						  wf | ARG_LEAD_QUOTED);
			else if (!at && (wf & ARG_DYNAMIC))
				error = unknown_upload(x, el, v);
			break;
		case ER_DATA:
			/* Text sent as given: computed, nobody knows it. */
			if (wf & ARG_DYNAMIC)
				error = unknown_upload(x, el, v);
			break;
		case ER_WRITE:
			error = put(x, el, cwd, EOP_WRITE, v, wf, false);
			break;
		case ER_SCRIPT:
			*script = true;
			break;
		case ER_SCRIPT_FILE:
			*script = true;
			error = put(x, el, cwd, EOP_READ, v, wf, false);
			break;
		default:
			break;
		}
	}
	return error;
}

static const char *base_of(const char *p)
{
	const char *b;
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	for (b = p + n; b > p && b[-1] != '/'; b--)
		;
	return b;
}

/* ln -s TARGET LINK: later commands of the call go through LINK. */
static int made_symlink(struct ectx *x, const char *cwd, const char *target,
			unsigned tf, const char *link, unsigned lf)
{
	struct loc l = resolve(x, cwd, link, lf, false, false);
	const char *to;

	if (!l.path)
		return 0;
	if (tf & ARG_DYNAMIC)
		to = "";	/* unknown: what goes through it is too */
	else if (target[0] == '~' && !(tf & ARG_LEAD_QUOTED))
		to = expand(x, cwd, target, true, false);
	else
		to = target;
	if (!to || strlist_push(&x->link_from, x->a, l.path) < 0 ||
	    strlist_push(&x->link_to, x->a, to) < 0)
		return NOMEM(x);
	return 0;
}

/* cp .env .env.bak, cp ~/.netrc ~/netrc.old: a copy that stays in the
 * source's store (its tree, or the directory of a single-file store or a
 * .env) exposes nothing the original did not. */
static bool in_store_copy(struct ectx *x, const char *cwd, const char *src,
			  unsigned sf, const char *dst, unsigned df)
{
	struct loc sl = resolve(x, cwd, src, sf, true, false);
	struct loc dl;
	const char *store, *slash;
	bool tree;

	if (!sl.path || !(sl.classes & (ECL_SECRET | ECL_DOTENV)) ||
	    !(store = store_of(x, sl.path, sl.isdir, &tree)))
		return false;
	dl = resolve(x, cwd, dst, df, false, false);
	if (!dl.path || (dl.classes & ECL_UNRESOLVED))
		return false;
	if (tree)
		return strictly_under(dl.path, store);
	slash = strrchr(dl.path, '/');
	return slash && (size_t)(slash - dl.path) == strlen(store) &&
	       !strncmp(dl.path, store, strlen(store));
}

/* How many of the first n operands bash passes: a pattern that matched
 * is replaced by its matches (ARG_MATCHED words after it). */
static size_t passed(const struct parsed *pa, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!((pa->opf[i] & ARG_GLOB) && i + 1 < pa->nops &&
		      (pa->opf[i + 1] & ARG_MATCHED)))
			k++;
	return k;
}

/* cp/mv/install/ln SRC... DEST, or -t DIR SRC... */
static int src_dest(struct ectx *x, struct effect_list *el, const char *cwd,
		    const struct eprog *pg, const struct parsed *pa,
		    bool recursive)
{
	const char *dest = NULL, *t;
	unsigned df = 0;
	size_t i, nsrc = pa->nops;
	struct loc dl = { NULL, 0, false, false, false };
	bool ln = !strcmp(pg->name, "ln");
	int error;

	for (i = 0; i < pa->nval; i++) {
		const struct eopt *o = opt_role(pg, pa->val[i].letter);

		if (o && o->role == ER_DESTDIR) {
			dest = pa->val[i].v;
			df = pa->val[i].f;
		}
	}
	if (!dest) {
		if (pa->nops < 2) {
			if (!ln || pa->nops != 1)
				return 0;
			dest = ".";
		} else {
			nsrc--;
			dest = pa->ops[nsrc];
			df = pa->opf[nsrc];
		}
	}
	if (!flag(pa, "T"))
		dl = resolve(x, cwd, dest, df, true, false);
	/* Several sources into what is not a directory: the program
	 * refuses before it does anything.  (A glob kept beside the paths
	 * it matched is not an operand bash passes.) */
	if (passed(pa, nsrc) >= 2 && nsrc == pa->nops - 1 && !x->env->no_fs &&
	    dl.path && !dl.isdir && !(dl.classes & (ECL_CREATED |
						    ECL_UNRESOLVED)))
		return 0;
	for (i = 0; i < nsrc; i++) {
		enum effect_op dop = pg->dest_op, sop = pg->op;

		/* Into a directory: DIR/basename(SRC). */
		if (dl.isdir && dl.path) {
			t = cat3(x->a, dest, "/", base_of(pa->ops[i]));
			if (!t)
				return NOMEM(x);
		} else {
			t = dest;
		}
		/* A hard link is a second name for the content: made
		 * outside the store, it is a copy anyone can read. */
		if (ln && !flag(pa, "s"))
			sop = EOP_READ;
		if (sop == EOP_READ && in_store_copy(x, cwd, pa->ops[i],
						     pa->opf[i], t, df))
			sop = EOP_COUNT;
		if ((error = put(x, el, cwd, sop, pa->ops[i], pa->opf[i],
				 recursive)) < 0)
			return error;
		if (ln && !flag(pa, "f"))
			dop = EOP_WRITE;	/* fails if it exists */
		/* A link is followed later, not "made by the call". */
		x->no_made = ln && flag(pa, "s");
		error = put(x, el, cwd, dop, t, df, recursive);
		x->no_made = false;
		if (error < 0)
			return error;
		if (ln && flag(pa, "s") &&
		    (error = made_symlink(x, cwd, pa->ops[i], pa->opf[i], t,
					  df)) < 0)
			return error;
	}
	return 0;
}

static bool remote_operand(const char *w)
{
	size_t n = strcspn(w, ":/");

	return w[n] == ':' && n > 0;
}

static int scp_like(struct ectx *x, struct effect_list *el, const char *cwd,
		    const struct parsed *pa, bool recursive)
{
	const char *dest;
	size_t i;
	bool up;
	int error;

	if (pa->nops < 2)
		return 0;
	dest = pa->ops[pa->nops - 1];
	up = remote_operand(dest);
	for (i = 0; i + 1 < pa->nops; i++) {
		if (remote_operand(pa->ops[i]))
			continue;
		if ((error = put(x, el, cwd, up ? EOP_UPLOAD : EOP_READ,
				 pa->ops[i], pa->opf[i], recursive)) < 0)
			return error;
	}
	if (up)
		return 0;
	return put(x, el, cwd, EOP_WRITE, dest, pa->opf[pa->nops - 1],
		   recursive);
}

static bool any_arg(const struct strlist *args, const char *prefix)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < args->n; i++)
		if (!strncmp(args->v[i], prefix, n))
			return true;
	return false;
}

/* find's starting point, or with tests some entry under it. */
static bool refused_dot(const char *w)
{
	size_t n = strlen(w);

	while (n > 1 && w[n - 1] == '/')
		n--;
	if (n >= 1 && w[n - 1] == '.' && (n == 1 || w[n - 2] == '/'))
		return true;
	return n >= 2 && w[n - 1] == '.' && w[n - 2] == '.' &&
	       (n == 2 || w[n - 3] == '/');
}

static int find_dot_git(struct ectx *x, struct effect_list *el,
			const char *cwd, enum effect_op op, const char *w,
			unsigned wf)
{
	const char *abs = expand(x, cwd, w, true, true), *git;
	bool ex, isdir, gone;
	struct stat st;

	if (!abs || abs[0] != '/')
		return 0;
	if (!(abs = physical(x, abs, true, &ex, &isdir, &gone)) ||
	    !(git = cat3(x->a, abs, strcmp(abs, "/") ? "/" : "", ".git")))
		return NOMEM(x);
	/* On disk: a .git is there.  Judged without the disk (examples),
	 * or for a directory not there yet: the project root has one. */
	if (x->env->no_fs || !ex ? !x->project || strcmp(abs, x->project) :
	    lstat(git, &st) != 0)
		return 0;
	return put(x, el, cwd, op, git, wf, true);
}

/* find's starting point; with tests (-name ...) only entries somewhere
 * below it, a name two levels down; find never removes "." itself. */
static int find_put(struct ectx *x, struct effect_list *el, const char *cwd,
		    enum effect_op op, const char *w, unsigned wf,
		    bool filtered, bool junk)
{
	const char *sub;
	size_t n;
	int error;

	if ((wf & ARG_DYNAMIC) || has_glob(w) ||
	    (!filtered && !refused_dot(w)))
		return put(x, el, cwd, op, w, wf, true);
	if (!(sub = cat3(x->a, w, "/", filtered ? "\x01/\x01" : "\x01")))
		return NOMEM(x);
	n = el->n;
	if ((error = put(x, el, cwd, op, sub, wf, true)) < 0)
		return error;
	/* find . -delete: every entry, dotted ones too, so a .git there
	 * goes with the rest (a glob's "*" would skip it; find does not). */
	if (!filtered && x->find_deep &&
	    (error = find_dot_git(x, el, cwd, op, w, wf)) < 0)
		return error;
	/* Some of the user's files, picked by tests at run time: which
	 * ones is not known here (-name '*.csv'), unless every test names
	 * clutter (-name .DS_Store). */
	if (filtered && el->n > n && (el->v[n].classes & ECL_HOME_DATA)) {
		el->v[n].classes &= ~ECL_HOME_DATA;
		if (!junk)
			el->v[n].classes |= ECL_UNRESOLVED;
		if (!el->v[n].classes)
			el->n--;
	}
	return 0;
}

/* What find -exec PROG {} does to the content of what it finds: read
 * by a reader or by a program the table does not know, sent by an
 * uploader; nothing for the rest (ls, rm, chmod). */
static enum effect_op read_op(const char *prog, enum effect_op prev)
{
	const struct eprog *pg = effect_prog_find(prog);

	if (prev == EOP_UPLOAD)
		return prev;
	if (pg && pg->opts && pg->kind == EK_ALL && pg->op == EOP_COUNT &&
	    pg->pipe == EP_NONE && strcmp(prog, "xargs"))
		return EOP_UPLOAD;	/* curl, wget */
	if (!pg || pg->pipe == EP_READS)
		return EOP_READ;
	return prev;
}

/* Tests that select some of the tree: then the starting point itself is
 * not what goes, only entries in it.  -name '*' selects everything. */
static const char *const find_tests[] = {
	"-name", "-iname", "-path", "-ipath", "-wholename",
	"-iwholename", "-regex", "-iregex", "-newer", "-mtime", "-mmin",
	"-atime", "-amin", "-ctime", "-cmin", "-size", "-empty", "-user",
	"-group", "-perm", "-links", "-inum", "-samefile", "-lname",
	"-ilname", "-uid", "-gid", "-nouser", "-nogroup", "-used", NULL };

/* find's starting points args[*start, *end) (none: "."), and whether a
 * test filters what it finds. */
static void find_roots(const struct strlist *args, size_t *start,
		       size_t *end, bool *filtered)
{
	size_t i;

	for (i = 0; i < args->n && (!strcmp(args->v[i], "-H") ||
	     !strcmp(args->v[i], "-L") || !strcmp(args->v[i], "-P")); i++)
		;
	*start = i;
	while (i < args->n && args->v[i][0] != '-' &&
	       strcmp(args->v[i], "(") && strcmp(args->v[i], "!"))
		i++;
	*end = i;
	*filtered = false;
	for (; i < args->n; i++)
		if (in_list(find_tests, args->v[i], strlen(args->v[i])) &&
		    !(i + 1 < args->n && (!strcmp(args->v[i], "-name") ||
		      !strcmp(args->v[i], "-iname")) &&
		      !strcmp(args->v[i + 1], "*")))
			*filtered = true;
}

/* An operand that stands for names a find finds: they exist, and with
 * -type f they are files (rm without -r removes them). */
#define OPF_FOUND	0x80u

/* find -exec CMD {} ;, find … | xargs CMD: an operand with "{}" stands
 * for the names the find finds, its starting points (or, with a test,
 * entries below them), so CMD's effect is judged on them. */
static int found_ops(struct ectx *x, const struct subject *s,
		     struct parsed *pa)
{
	const struct strlist *fa = &s->found_by->raw_args;
	const unsigned char *ff = s->found_by->arg_flags;
	static const char *const dot[] = { ".", NULL };
	const char *const *roots, *names[8];
	size_t start, end, nr, i, k, c, j, o = 0, has = 0, nn = 0;
	const char **ops;
	unsigned char *opf;
	bool filtered, fold[8];

	for (i = 0; i < pa->nops; i++)
		has += strstr(pa->ops[i], "{}") != NULL;
	if (!has)
		return 0;
	find_roots(fa, &start, &end, &filtered);
	roots = start < end ? fa->v + start : dot;
	nr = start < end ? end - start : 1;
	/* -name credentials: the stores of that name under the roots */
	for (i = end; i + 1 < fa->n && nn < 8; i++)
		if (!strcmp(fa->v[i], "-name") || !strcmp(fa->v[i], "-iname")) {
			fold[nn] = fa->v[i][1] == 'i';
			names[nn++] = fa->v[i + 1];
		}
	if (!(ops = arena_calloc(x->a, pa->nops + has * nr *
				 (1 + 2 * nn * effect_ncreds) + 1,
				 sizeof(*ops))) ||
	    !(opf = arena_calloc(x->a, pa->nops + has * nr *
				 (1 + 2 * nn * effect_ncreds) + 1, 1)))
		return NOMEM(x);
	for (i = 0; i < pa->nops; i++) {
		if (!strstr(pa->ops[i], "{}")) {
			opf[o] = pa->opf[i];
			ops[o++] = pa->ops[i];
			continue;
		}
		for (k = 0; k < nr; k++) {
			const char *w = roots[k];
			unsigned wf = start < end ? AF(ff, start + k) : 0;

			if (!(wf & ARG_DYNAMIC) && !has_glob(w) &&
			    (filtered || refused_dot(w)) &&
			    !(w = cat3(x->a, w, "/", filtered ? "\x01/\x01" :
				       "\x01")))
				return NOMEM(x);
			opf[o] = (unsigned char)(wf | OPF_FOUND);
			ops[o++] = w;
			if (!nn || (wf & ARG_DYNAMIC) ||
			    !(w = expand(x, s->cwd, roots[k], true, true)) ||
			    w[0] != '/')
				continue;
			pick_home(x, w);
			for (c = 0; c < effect_ncreds; c++) {
				const char *cp = cred_abs(x, &effect_creds[c]);
				const char *b = cp ? strrchr(cp, '/') : NULL;

				if (!b || !(strictly_under(cp, w) ||
					    !strcmp(cp, w)))
					continue;
				for (j = 0; j < nn; j++) {
					int fl = fold[j] ? FNM_CASEFOLD : 0;

					/* the store itself by its name, or a
					 * file of that name in it */
					if (!fnmatch(names[j], b + 1, fl)) {
						opf[o] = OPF_FOUND;
						ops[o++] = cp;
					} else if (!has_glob(names[j]) &&
						   !strchr(names[j], '/')) {
						opf[o] = OPF_FOUND;
						if (!(ops[o++] = cat3(x->a, cp,
							"/", names[j])))
							return NOMEM(x);
					}
				}
			}
		}
	}
	pa->ops = ops;
	pa->opf = opf;
	pa->nops = o;
	return 0;
}

static const char *const shells_c[] = { "sh", "bash", "dash", "zsh", "ksh",
					"busybox", NULL };

/* A deleting program a shell script runs ("rm -rf {}", "cd x && rm
 * \"$1\""): "rm"; else the shell itself. */
static const char *script_program(const char *script,
				  const char *const *del, const char *shell)
{
	const char *p = script;

	while (*p) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == ';' || *p == '&' ||
		       *p == '|' || *p == '(' || *p == '\n')
			p++;
		n = strcspn(p, " \t;&|()\n");
		if (n && n < 16) {
			char w[16];

			memcpy(w, p, n);
			w[n] = '\0';
			/* Any deleter: "rm" stands for them all. */
			if (in_list(del, base_of(w), strlen(base_of(w))))
				return del[0];
		}
		p += n;
	}
	return shell;
}

static int find_effects(struct ectx *x, struct effect_list *el,
			const char *cwd, const struct strlist *args,
			const unsigned char *af)
{
	static const char *const del[] = { "rm", "unlink", "rmdir", "shred",
					   NULL };
	static const char *const chm[] = { "chmod", "chown", "chgrp", NULL };
	/* Tests that select some of the tree: then the starting point
	 * itself is not what goes, only entries in it. */
	static const char *const tests[] = {
		"-name", "-iname", "-path", "-ipath", "-wholename",
		"-iwholename", "-regex", "-iregex", "-newer", "-mtime", "-mmin", "-atime", "-amin", "-ctime",
		"-cmin", "-size", "-empty", "-user", "-group", "-perm",
		"-links", "-inum", "-samefile", "-lname", "-ilname", "-uid",
		"-gid", "-nouser", "-nogroup", "-used", NULL };
	enum effect_op op = EOP_COUNT, rop = EOP_COUNT;
	const char *sought[8];
	size_t i, start, end, nnames = 0, k;
	bool filtered = false, junk = true;
	int error = 0;

	for (i = 0; i < args->n && (!strcmp(args->v[i], "-H") ||
	     !strcmp(args->v[i], "-L") || !strcmp(args->v[i], "-P")); i++)
		;
	start = i;
	while (i < args->n && args->v[i][0] != '-' &&
	       strcmp(args->v[i], "(") && strcmp(args->v[i], "!"))
		i++;
	end = i;
	for (; i < args->n; i++) {
		const char *a = args->v[i];

		if (in_list(tests, a, strlen(a))) {
			filtered = true;
			if ((!strcmp(a, "-name") || !strcmp(a, "-iname")) &&
			    i + 1 < args->n && !(AF(af, i + 1) & ARG_DYNAMIC) &&
			    nnames < sizeof(sought) / sizeof(*sought))
				sought[nnames++] = args->v[i + 1];
			if ((strcmp(a, "-name") && strcmp(a, "-iname")) ||
			    i + 1 >= args->n ||
			    !in_list(effect_junk_names, args->v[i + 1],
				     strlen(args->v[i + 1])))
				junk = false;
		}
		if (!strcmp(a, "-delete")) {
			op = EOP_DELETE;
		} else if ((!strcmp(a, "-exec") || !strcmp(a, "-execdir") ||
			    !strcmp(a, "-ok") || !strcmp(a, "-okdir")) &&
			   i + 1 < args->n) {
			const char *prog = base_of(args->v[i + 1]);
			size_t j;
			bool names = false;

			/* Only a command given the found names ({}). */
			for (j = i + 2; j < args->n && strcmp(args->v[j], ";") &&
			     strcmp(args->v[j], "+"); j++)
				if (strstr(args->v[j], "{}"))
					names = true;
			/* Its words are its own: -exec echo -delete ; deletes
			 * nothing. */
			k = i;
			i = j;
			if (!names)
				continue;
			/* -exec sh -c 'rm -rf {}' ;, -exec bash -c 'rm "$1"' _
			 * {} ;: the script's program is what acts on them
			 * (its own subject sees "{}" or $1, not the names). */
			if (in_list(shells_c, prog, strlen(prog)) &&
			    k + 3 < j && !strcmp(args->v[k + 2], "-c"))
				prog = script_program(args->v[k + 3], del, prog);
			rop = read_op(prog, rop);
			if (in_list(del, prog, strlen(prog)))
				op = EOP_DELETE;
			else if (in_list(chm, prog, strlen(prog)) &&
				 op == EOP_COUNT)
				op = EOP_CHMOD;
			else if (!strcmp(prog, "mv") && op == EOP_COUNT)
				op = EOP_MOVE;
		}
	}
	/* -exec cat {}: what it finds is read (or sent), wherever in the
	 * tree the tests let it look. */
	for (i = start; rop != EOP_COUNT && i < (start == end ? start + 1 :
						  end); i++) {
		const char *root = start == end ? "." : args->v[i];

		if ((error = put(x, el, cwd, rop, root, start == end ? 0 :
				 AF(af, i), true)) < 0)
			return error;
		/* -name .env, -name id_rsa, -name '*.pem': what it looks for,
		 * somewhere below, is read (a pattern's stars stand for any
		 * name: "*.pem" is some key file). */
		for (k = 0; k < nnames; k++) {
			char *probe = cat3(x->a, root, "/\x01/", sought[k]), *c;

			if (!probe)
				return NOMEM(x);
			for (c = probe + strlen(root) + 3; *c; c++)
				if (*c == '*' || *c == '?' || *c == '[' ||
				    *c == ']' || *c == '/')
					*c = '\x01';
			if ((error = put(x, el, cwd, rop, probe, 0,
					 false)) < 0)
				return error;
		}
	}
	if (op == EOP_COUNT)
		return 0;
	/* -delete empties a directory before removing it only when find
	 * goes down into it: not at -maxdepth 0 or 1, not for -type d or l
	 * (a .git's files are not those). */
	x->find_deep = op == EOP_DELETE;
	for (i = end; i + 1 < args->n; i++)
		if ((!strcmp(args->v[i], "-maxdepth") &&
		     atoi(args->v[i + 1]) <= 1) ||
		    (!strcmp(args->v[i], "-type") &&
		     !strchr(args->v[i + 1], 'f')) ||
		    !strcmp(args->v[i], "-prune"))
			x->find_deep = false;
	if (start == end)
		error = find_put(x, el, cwd, op, ".", 0, filtered, junk);
	for (i = start; i < end && error >= 0; i++)
		error = find_put(x, el, cwd, op, args->v[i], AF(af, i),
				 filtered, junk);
	x->find_deep = false;
	return error < 0 ? error : 0;
}

static int dd_effects(struct ectx *x, struct effect_list *el,
		      const char *cwd, const struct strlist *args,
		      const unsigned char *af)
{
	size_t i;
	int error = 0;

	for (i = 0; i < args->n && !error; i++) {
		const char *a = args->v[i];

		if (!strncmp(a, "if=", 3))
			error = put(x, el, cwd, EOP_READ, a + 3, AF(af, i),
				    false);
		else if (!strncmp(a, "of=", 3))
			error = put(x, el, cwd, EOP_OVERWRITE, a + 3,
				    AF(af, i), false);
	}
	return error;
}

static int tar_effects(struct ectx *x, struct effect_list *el,
		       const char *cwd, const struct parsed *pa,
		       const struct strlist *args)
{
	const char *file = NULL, *dir = NULL, *c;
	unsigned ff = 0, cf = 0;
	bool create = flag(pa, "cru"), extract = flag(pa, "x");
	bool remove = any_arg(args, "--remove-files");
	bool del = any_arg(args, "--delete");
	size_t i;
	int error = 0;

	for (i = 0; i < pa->nval; i++) {
		if (pa->val[i].letter == 'f') {
			file = pa->val[i].v;
			ff = pa->val[i].f;
		}
		if (pa->val[i].letter == 'C') {
			dir = pa->val[i].v;
			cf = pa->val[i].f;
		}
	}
	/* Operands are taken from -C DIR. */
	c = cwd;
	if (dir && ((cf & ARG_DYNAMIC) ||
		    !(c = shell_path_join(x->a, NULL, cwd, dir))))
		c = NULL;
	if (create || del) {
		if (file && (error = put(x, el, cwd, del ? EOP_OVERWRITE :
					 EOP_WRITE, file, ff, false)) < 0)
			return error;
		/* tar stores links as links (unless -h). */
		x->nofollow = !flag(pa, "h");
		for (i = 0; create && i < pa->nops; i++)
			if ((error = put(x, el, c, remove ? EOP_DELETE :
					 EOP_READ, pa->ops[i], pa->opf[i],
					 true)) < 0)
				break;
		x->nofollow = false;
		return error < 0 ? error : 0;
	}
	if (extract) {
		if (file && (error = put(x, el, cwd, EOP_READ, file, ff,
					 false)) < 0)
			return error;
		return put(x, el, cwd, EOP_WRITE, dir ? dir : ".", cf, true);
	}
	return 0;
}

/* ---- chmod modes ---- */

/* The umask a mode without "ugoa" is filtered by: the default of every
 * login shell.  A 002 umask only adds group write, and with it the group
 * is the user's own private group. */
#define EFFECT_UMASK	022

/* MODE applied to a file of mode `old` (a directory when `dir`), as
 * chmod(1) does; -1 when MODE cannot be read here (a copy such as
 * "g=u", a computed word). */
static long mode_apply(const char *mode, long old, bool dir)
{
	const char *m = mode;
	long cur = old;

	if (!*m)
		return -1;
	if (strspn(m, "01234567") == strlen(m)) {
		if (strlen(m) > 5)
			return -1;
		return strtol(m, NULL, 8) & 07777;
	}
	while (*m) {
		long who = 0, mask;

		for (; *m && strchr("ugoa", *m); m++)
			who |= *m == 'u' ? 04700 : *m == 'g' ? 02070 :
			       *m == 'o' ? 01007 : 07777;
		/* No "ugoa": all, except what the umask keeps. */
		mask = who ? who : 07777 & ~EFFECT_UMASK;
		if (!*m || !strchr("+-=", *m))
			return -1;
		while (*m && strchr("+-=", *m)) {
			char op = *m++;
			long bits = 0;

			for (; *m && strchr("rwxXst", *m); m++)
				bits |= *m == 'r' ? 0444 : *m == 'w' ? 0222 :
					*m == 'x' ? 0111 : *m == 's' ? 06000 :
					*m == 't' ? 01000 :
					(dir || (cur & 0111)) ? 0111 : 0;
			if (*m && strchr("ugo", *m))
				return -1;	/* copies another's bits */
			bits &= mask;
			if (op == '+')
				cur |= bits;
			else if (op == '-')
				cur &= ~bits;
			else
				cur = (cur & ~(who ? who : 07777)) | bits;
		}
		if (*m == ',')
			m++;
		else if (*m)
			return -1;
	}
	return cur & 07777;
}

/* What chmod MODE does to access, as effect ops (bits of 1u << op): the
 * owner losing read or write (search, on a directory) is EOP_LOCK, group
 * or others gaining read or write EOP_SHARE_*, a set-id or sticky bit
 * plain EOP_CHMOD; a mode that only tightens has none.  `old` is the
 * file's mode, or -1 (not there, a whole tree): then what MODE can take
 * away from anything and add to nothing counts. */
static unsigned chmod_ops(const char *mode, long old, bool dir)
{
	long added, removed, a0, a1;
	unsigned ops = 0;

	if (old >= 0) {
		if ((a0 = mode_apply(mode, old, dir)) < 0)
			return 1u << EOP_CHMOD;
		added = a0 & ~old;
		removed = old & ~a0;
	} else {
		if ((a0 = mode_apply(mode, 0, dir)) < 0 ||
		    (a1 = mode_apply(mode, 07777, dir)) < 0)
			return 1u << EOP_CHMOD;
		added = a0;
		removed = 07777 & ~a1;
	}
	if ((removed & 0600) || (dir && (removed & 0100)))
		ops |= 1u << EOP_LOCK;
	if (added & 044)
		ops |= 1u << EOP_SHARE_READ;
	if (added & 022)
		ops |= 1u << EOP_SHARE_WRITE;
	if (added & 07000)
		ops |= 1u << EOP_CHMOD;
	return ops;
}

/* A chmod operand with a mode that can be read: an effect per change of
 * access, none when the mode only tightens. */
static int chmod_put(struct ectx *x, struct effect_list *el, const char *cwd,
		     const char *mode, const char *w, unsigned wf,
		     bool recursive)
{
	struct loc l;
	struct stat st;
	long old = -1;
	bool dir;
	unsigned ops;
	int op, error;

	if (!w || !*w)
		return 0;
	l = resolve(x, cwd, w, wf, true, false);
	if (!l.classes)
		return 0;
	if (!l.path || (l.classes & ECL_UNRESOLVED) || has_glob(w))
		return add(x, el, EOP_CHMOD, w, &l, recursive);
	dir = l.isdir || (recursive && !l.exists);
	if (l.exists && !x->env->no_fs && !stat(l.path, &st) &&
	    !(recursive && S_ISDIR(st.st_mode)))
		old = (long)(st.st_mode & 07777);
	ops = chmod_ops(mode, old, dir);
	for (op = 0; op < EOP_COUNT; op++)
		if ((ops & (1u << op)) &&
		    (error = add(x, el, (enum effect_op)op, w, &l,
				 recursive)) < 0)
			return error;
	return 0;
}

/* chmod's MODE: the first operand, or a "-w"-like word chmod(1) takes
 * for a mode although it looks like an option.  *files: the operands
 * start at 0 then. */
static const char *chmod_mode(const struct strlist *args,
			      const struct parsed *pa, bool *files)
{
	size_t i;

	*files = false;
	for (i = 0; i < args->n; i++) {
		const char *a = args->v[i];

		if (!strcmp(a, "--"))
			break;
		if (a[0] == '-' && a[1] && strspn(a + 1, "rwxXst") ==
		    strlen(a + 1)) {
			*files = true;
			return a;
		}
	}
	return pa->nops ? pa->ops[0] : NULL;
}

/* rm -i asks on its stdin: with nothing piped or redirected in, the
 * agent's empty stdin answers no. */
static bool declines(const struct subject *s, const struct parsed *pa)
{
	size_t i;

	if (pa->last_if != 'i' || s->input_from.n)
		return false;
	for (i = 0; i < s->nredirects; i++)
		if (s->redirects[i].op == REDIR_IN &&
		    strcmp(s->redirects[i].target, "/dev/null"))
			return false;
	return true;
}

/* Subcommands of git that name files without showing their content. */
static bool git_names_only(const struct subject *s)
{
	static const char *const names[] = { "status", "rm", "mv",
		"check-ignore", "check-attr", "ls-files", "add-", NULL };

	return s->subcommand && in_list(names, s->subcommand,
					strlen(s->subcommand));
}

/* A word of a program the table does not know, as the location it may
 * name: `--key=FILE` and `name=FILE` give FILE, `@FILE` (httpie, curl
 * lookalikes) FILE.  NULL: not a location (an option, a URL, text). */
static const char *unknown_operand(const char *w)
{
	const char *eq;

	if (w[0] == '-') {
		if (w[1] != '-' || !(eq = strchr(w, '=')))
			return NULL;
		w = eq + 1;
	} else if ((eq = strchr(w, '=')) && eq > w &&
		   strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			  "0123456789_.-") == (size_t)(eq - w)) {
		w = eq + 1;
	}
	if (w[0] == '@')
		w++;
	if (!*w || strstr(w, "://") || strchr(w, '\n') ||
	    strlen(w) >= PATH_MAX)
		return NULL;
	/* Text with blanks is a location only when it starts like one
	 * ("$HOME/Library/Application Support/..."). */
	if (strpbrk(w, " \t") && !strchr("~/.$", w[0]))
		return NULL;
	return w;
}

/* A program the effect table does not know (an editor, an interpreter
 * given a script, an uploader): every operand that resolves to a secret
 * is read by it, unless the program is one that uses that store without
 * printing it (ssh -i KEY, kubectl --kubeconfig F).  Only secrets are
 * recorded: what else it does to its operands is not known. */
static int unknown_effects(struct ectx *x, struct effect_list *el,
			   const struct subject *s)
{
	size_t i;
	int error;

	if (!strcmp(s->program, "git") && git_names_only(s))
		return 0;
	for (i = 0; i < s->raw_args.n; i++) {
		const char *w = unknown_operand(s->raw_args.v[i]);
		unsigned wf = AF(s->arg_flags, i);
		struct loc l;

		if (!w)
			continue;
		if (w != s->raw_args.v[i])
			wf &= ~(unsigned)ARG_LEAD_QUOTED;
		l = resolve(x, s->cwd, w, wf, true, false);
		if (!(l.classes & (ECL_SECRET | ECL_DOTENV)) ||
		    (l.path && consumer(x, l.path, s->program)))
			continue;
		if ((error = add(x, el, EOP_READ, w, &l, false)) < 0)
			return error;
	}
	return 0;
}

/* The command the pipe after s feeds prints facts only (ls, wc). */
static bool facts_only_next(const struct ectx *x, const struct subject *s)
{
	size_t j;

	(void)s;
	for (j = x->cur + 1; j < x->list->n; j++) {
		const struct subject *c = x->list->v[j];
		const struct eprog *pg;

		if (!c->piped || c->pipe_lo > x->cur || c->pipe_hi <= x->cur)
			continue;
		pg = c->program && !c->program_dynamic ?
		     effect_prog_find(c->program) : NULL;
		return pg && pg->kind == EK_ALL && pg->op == EOP_COUNT &&
		       !pg->opts && pg->pipe == EP_NONE;
	}
	return false;
}

static int program_effects(struct ectx *x, struct effect_list *el,
			   const struct subject *s)
{
	const struct eprog *pg = effect_prog_find(s->program);
	const unsigned char *af = s->arg_flags;
	const char *cwd = s->cwd;
	struct parsed pa;
	enum effect_op op;
	bool recursive, script;
	size_t i, from = 0;
	int error = 0;

	if (!pg)
		return *s->program ? unknown_effects(x, el, s) : 0;
	if (pg->kind == EK_FIND)
		return find_effects(x, el, cwd, &s->raw_args, af);
	if (pg->kind == EK_DD)
		return dd_effects(x, el, cwd, &s->raw_args, af);
	/* echo/printf into a pipe hand their words on as names (xargs,
	 * while read): a secret named there is as good as read, unless
	 * what takes them only states facts (xargs ls -l, xargs wc -c). */
	if (pg->pipe == EP_ARGS)
		return s->pipe_out && !facts_only_next(x, s) ?
		       unknown_effects(x, el, s) : 0;
	if ((error = parse_args(x, pg, &s->raw_args, af, &pa)) < 0 ||
	    (s->found_by && (error = found_ops(x, s, &pa)) < 0))
		return error;
	/* A dry run touches nothing; nor does a program that stops at its
	 * options. */
	if ((!strcmp(pg->name, "rsync") && flag(&pa, "n")) || pa.exits)
		return 0;
	if (!strcmp(pg->name, "rm") && declines(s, &pa))
		return 0;
	/* Uploaders: where it goes; a URL computed at run time is itself
	 * content nobody knows (?d=$(...)). */
	x->host = NULL;
	if (!strcmp(pg->name, "curl") || !strcmp(pg->name, "wget"))
		for (i = 0; i < pa.nops; i++) {
			if (!x->host && strstr(pa.ops[i], "://"))
				x->host = text_url_host(x->a, pa.ops[i]);
			if ((pa.opf[i] & ARG_DYNAMIC) &&
			    (error = unknown_upload(x, el, pa.ops[i])) < 0)
				return error;
		}
	error = option_effects(x, el, cwd, pg, &pa, &script);
	x->host = NULL;
	if (error < 0)
		return error;
	recursive = flag(&pa, pg->recursive);
	op = pg->op;
	if (pg->needs[0])
		op = flag(&pa, pg->needs) ? pg->needs_op :
		     pg->op == EOP_COUNT ? EOP_COUNT : EOP_READ;
	if (!strcmp(pg->name, "tee") && flag(&pa, "a"))
		op = EOP_WRITE;
	if ((!strcmp(pg->name, "gzip") || !strcmp(pg->name, "bzip2") ||
	     !strcmp(pg->name, "xz")) && flag(&pa, "ck"))
		op = EOP_READ;
	if (!strcmp(pg->name, "rg"))
		recursive = flag(&pa, ".");
	/* grep -c, -l, -q print facts about the content, never the
	 * content: nothing is read out. */
	if (pg->meta && pg->meta[0] && flag(&pa, pg->meta) && op == EOP_READ) {
		op = EOP_COUNT;
		x->meta = true;
	}
	switch (pg->kind) {
	case EK_SRC_DEST:
		/* cp -r/-a copies a link as a link unless -L/-H. */
		x->nofollow = !strcmp(pg->name, "cp") &&
			(recursive || flag(&pa, "Pd")) && !flag(&pa, "LH");
		error = src_dest(x, el, cwd, pg, &pa, recursive);
		x->nofollow = false;
		return error;
	case EK_SCP:
		if (!strcmp(pg->name, "rsync") && pa.nops >= 2 &&
		    any_arg(&s->raw_args, "--del") &&
		    (error = put(x, el, cwd, EOP_DELETE, pa.ops[pa.nops - 1],
				 pa.opf[pa.nops - 1], true)) < 0)
			return error;
		if (!strcmp(pg->name, "rsync") &&
		    any_arg(&s->raw_args, "--remove-source-files"))
			for (i = 0; i + 1 < pa.nops; i++)
				if ((error = put(x, el, cwd, EOP_DELETE,
						 pa.ops[i], pa.opf[i],
						 false)) < 0)
					return error;
		return scp_like(x, el, cwd, &pa, recursive);
	case EK_TAR:
		return tar_effects(x, el, cwd, &pa, &s->raw_args);
	case EK_ZIP:
		if (pa.nops < 1)
			return 0;
		if ((error = put(x, el, cwd, EOP_WRITE, pa.ops[0], pa.opf[0],
				 false)) < 0)
			return error;
		from = 1;
		break;
	case EK_SKIP1:
		from = script ? 0 : 1;
		break;
	case EK_MAKEFILE:
		if (!strcmp(pg->name, "mktemp"))
			return 0;
		break;
	default:
		break;
	}
	/* split IN PREFIX: a third operand is refused. */
	if (!strcmp(pg->name, "split") && passed(&pa, pa.nops) > 2)
		return 0;
	if (op == EOP_READ && !x->env->no_fs &&
	    in_list(effect_strict_openers, pg->name, strlen(pg->name)))
		for (i = from; i < pa.nops; i++)
			if (!(pa.opf[i] & ARG_DYNAMIC) &&
			    resolve(x, cwd, pa.ops[i], pa.opf[i], true,
				    false).gone)
				return 0;
	/* chmod MODE: what it does to access decides (a computed mode,
	 * --reference: every operand is changed somehow). */
	if (!strcmp(pg->name, "chmod") && !script) {
		bool files;
		const char *mode = chmod_mode(&s->raw_args, &pa, &files);
		unsigned mf = files || !pa.nops ? 0 : pa.opf[0];

		if (mode && !(mf & ARG_DYNAMIC) && !dynamic(mode)) {
			for (i = files ? 0 : 1; i < pa.nops; i++)
				if ((error = chmod_put(x, el, cwd, mode,
						       pa.ops[i], pa.opf[i],
						       recursive)) < 0)
					return error;
			return 0;
		}
		from = files ? 0 : 1;
	}
	for (i = from; i < pa.nops; i++) {
		const char *w = pa.ops[i];

		/* find -exec rm {} ;: the find subject has the effect. */
		if (strstr(w, "{}") && strlist_has(&s->via, "find"))
			continue;
		if (!strcmp(pg->name, "split") && i > 0)
			break;
		/* rm refuses "." and ".." (and "x/.", "x/..") and deletes
		 * nothing; but `rm -rf .` is written to empty the cwd, and
		 * is judged as `rm -rf ./ *` (a delete of what is not there
		 * is judged too: see put()).  ".." chains are the
		 * rm-parent rule's. */
		if (!strcmp(pg->name, "rm") && refused_dot(w)) {
			if (!recursive || (strcmp(w, ".") && strcmp(w, "./")))
				continue;
			w = "./*";
		}
		if (!strcmp(pg->name, "rm") && !recursive &&
		    !(pa.opf[i] & OPF_FOUND)) {
			struct loc l = resolve(x, cwd, w, pa.opf[i], false,
					       false);

			/* rm without -r fails on a directory. */
			if ((l.exists && l.isdir) ||
			    (!l.exists && (l.classes & (ECL_ROOT | ECL_HOME |
			     ECL_ANCESTOR | ECL_PROJECT))))
				continue;
		}
		/* truncate, shred, sed -i act on what is there. */
		x->inplace = op == EOP_OVERWRITE && strcmp(pg->name, "tee");
		error = put(x, el, cwd, op, w, pa.opf[i], recursive ||
			    op == EOP_DELETE);
		x->inplace = false;
		if (error < 0)
			return error;
		if (!strcmp(pg->name, "shred") && flag(&pa, "u") &&
		    (error = put(x, el, cwd, EOP_DELETE, w, pa.opf[i],
				 false)) < 0)
			return error;
	}
	return 0;
}

static int redirect_effects(struct ectx *x, struct effect_list *el,
			    const struct subject *s)
{
	size_t i;
	int error;

	for (i = 0; i < s->nredirects; i++) {
		const struct redirect *r = &s->redirects[i];
		const char *w = r->raw ? r->raw : r->target;
		enum effect_op op;

		switch (r->op) {
		case REDIR_IN: op = EOP_READ; break;
		case REDIR_OUT: op = EOP_OVERWRITE; break;
		case REDIR_APPEND: op = EOP_WRITE; break;
		default: continue;
		}
		if ((error = put(x, el, s->cwd, op, w, r->flags, false)) < 0)
			return error;
	}
	return 0;
}

static int file_effects(struct ectx *x, struct effect_list *el,
			const struct subject *s)
{
	const char *t = s->tool ? s->tool : "";
	enum effect_op op;
	bool recursive = false;
	size_t i;
	int error = 0;

	/* Glob lists names: as revealing as reading, for a store. */
	if (!strcmp(t, "Read") || !strcmp(t, "NotebookRead") ||
	    !strcmp(t, "Glob"))
		op = EOP_READ;
	else if (!strcmp(t, "Grep")) {
		op = EOP_READ;
		recursive = false;	/* rg skips hidden trees */
	} else if (!strcmp(t, "Write"))
		op = EOP_WRITE;
	else if (!strcmp(t, "Edit") || !strcmp(t, "MultiEdit") ||
		 !strcmp(t, "NotebookEdit"))
		op = EOP_OVERWRITE;
	else if (!strcmp(t, "Artifact"))
		op = EOP_UPLOAD;	/* published on claude.ai */
	else
		return 0;
	/* Glob: what the pattern joined to the directory names, not
	 * the directory's whole listing.  An edit changes what is there
	 * (it fails on nothing). */
	x->inplace = op == EOP_OVERWRITE;
	for (i = !strcmp(t, "Glob") && s->paths.n > 1; i < s->paths.n; i++) {
		if ((error = put(x, el, s->cwd, op, s->paths.v[i], 0,
				 recursive)) < 0)
			break;
		/* An edit reads the file first, and shows it back. */
		if (op == EOP_OVERWRITE &&
		    (error = put(x, el, s->cwd, EOP_READ, s->paths.v[i], 0,
				 false)) < 0)
			break;
	}
	x->inplace = false;
	return error < 0 ? error : 0;
}

/* What subject i writes to its stdout, for whoever reads it. */
static void note_output(struct ectx *x, const struct subject *s, size_t i)
{
	const struct eprog *pg = s->program && !s->program_dynamic ?
				 effect_prog_find(s->program) : NULL;
	size_t k;

	x->out[i] = OUT_UNKNOWN;
	if (!pg)
		return;
	switch (pg->pipe) {
	case EP_ARGS:
		x->out[i] = OUT_NONE;
		for (k = 0; k < s->raw_args.n; k++)
			if (AF(s->arg_flags, k) & ARG_DYNAMIC)
				x->out[i] = OUT_UNKNOWN;
		break;
	case EP_READS:
		x->out[i] = x->meta ? OUT_NONE : OUT_READS;
		x->out_stdin[i] = true;
		for (k = 0; k < s->effects->n; k++)
			if (s->effects->v[k].op == EOP_READ)
				x->out_stdin[i] = false;
		break;
	default:
		/* Facts about files (ls, wc, md5sum): no content. */
		if (pg->kind == EK_ALL && pg->op == EOP_COUNT && !pg->opts)
			x->out[i] = OUT_NONE;
		break;
	}
}

/* The project: $CLAUDE_PROJECT_DIR-like given root, else the nearest
 * directory above cwd holding .git, else cwd itself. */
static const char *find_project(struct ectx *x, const char *cwd)
{
	char buf[PATH_MAX + 8];
	struct stat st;
	size_t n, up;
	bool ex, isdir, gone;

	if (!cwd || cwd[0] != '/')
		return NULL;
	if (!(cwd = physical(x, cwd, true, &ex, &isdir, &gone)))
		return NULL;
	n = strlen(cwd);
	if (n >= PATH_MAX || x->env->no_fs)
		return cwd;
	memcpy(buf, cwd, n + 1);
	for (up = 0; up < CV_MAX_EFFECT_UP && n > 1; up++) {
		memcpy(buf + n, "/.git", 6);
		if (!lstat(buf, &st))
			return arena_strndup(x->a, buf, n);
		while (n > 1 && buf[n - 1] != '/')
			n--;
		if (n > 1)
			n--;
		buf[n] = '\0';
		if (x->home && !strcmp(buf, x->home))
			break;	/* a home under git is not a project */
	}
	return cwd;
}

int effect_compute(struct subject_list *list, struct arena *a,
		   const struct effect_env *env, struct diag *d)
{
	struct ectx x;
	size_t i;
	bool ex, isdir, gone;
	int error;

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.d = d;
	x.env = env;
	for (i = 0; i < 2; i++) {
		const char *h = i ? env->home_alt : env->home, *ph;

		if (!h || h[0] != '/')
			continue;
		if (!(ph = physical(&x, h, true, &ex, &isdir, &gone)))
			return NOMEM(&x);
		/* HOME=/ : no home to protect apart from the root; HOME=/etc
		 * from the environment: /etc stays a system tree. */
		if (!strcmp(ph, "/") || (x.nhomes && !strcmp(ph, x.homes[0])))
			continue;
		if (i && !strchr(ph + 1, '/') && strcmp(ph, "/root") &&
		    in_list(effect_system_dirs, ph + 1, strlen(ph + 1)))
			continue;
		x.homes[x.nhomes++] = ph;
	}
	x.home = x.nhomes ? x.homes[0] : NULL;
	x.tilde = env->tilde && env->tilde[0] == '/' ? env->tilde : x.home;
	x.project = env->project ? env->project : find_project(&x, env->cwd);
	if (x.project && x.home && !strcmp(x.project, x.home))
		x.project = NULL;
	x.tmpdir = env->tmpdir && env->tmpdir[0] == '/' ? env->tmpdir : NULL;
	x.list = list;
	if (!(x.out = arena_calloc(a, list->n + 1, 1)) ||
	    !(x.out_stdin = arena_calloc(a, list->n + 1, sizeof(bool))))
		return NOMEM(&x);
	for (i = 0; i < list->n; i++) {
		struct subject *s = list->v[i];
		struct effect_list *el = arena_calloc(a, 1, sizeof(*el));

		if (!el)
			return NOMEM(&x);
		s->effects = el;
		x.cur = i;
		x.meta = false;
		if (s->kind == SUBJECT_FILE) {
			if ((error = file_effects(&x, el, s)) < 0)
				return error;
			continue;
		}
		if (s->kind != SUBJECT_COMMAND)
			continue;
		if (s->program && !s->program_dynamic &&
		    (error = program_effects(&x, el, s)) < 0)
			return error;
		if ((error = redirect_effects(&x, el, s)) < 0)
			return error;
		note_output(&x, s, i);
		if ((error = socket_effects(&x, el, s)) < 0)
			return error;
	}
	return 0;
}
