/* effect.h - what a call does to which locations: the effect engine.
 * effect_compute() walks the subjects of one call in order and gives each
 * the list of its effects: an operation (delete, overwrite, read, ...) on
 * a location, the location resolved the way the kernel will see it (home
 * and the tracked cwd joined, `..` folded, the longest existing prefix
 * followed through symlinks) and sorted into protected classes (root,
 * system, home, credential, ...).  An operand that cannot be resolved
 * ($X, $(...)) has the class "unresolved": the policy asks, it never
 * assumes the location is harmless.  Which operands of which program have
 * which effect is data (effect_table.c).  Everything lives in the arena. */
#ifndef CV_EFFECT_H
#define CV_EFFECT_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/subject.h"
#include "util/diag.h"

struct arena;

enum effect_op {
	EOP_READ,		/* its content is printed, copied or parsed */
	EOP_UPLOAD,		/* its content is sent over the network */
	EOP_WRITE,		/* created, appended to, or a file put in it */
	EOP_OVERWRITE,		/* an existing file replaced or truncated */
	EOP_DELETE,
	EOP_MOVE,		/* renamed away from where it was */
	EOP_CHMOD,		/* mode, owner or attributes changed */
	EOP_CREATE,		/* mkdir, mktemp, touch: made by this call */
	/* chmod with a mode we can read, by what it does to access (a
	 * mode that only tightens has no effect; an unreadable mode,
	 * chown, chattr are EOP_CHMOD): */
	EOP_LOCK,		/* the owner loses read or write (or, on a
				 * directory, search): chmod 000, a-w */
	EOP_SHARE_READ,		/* group or others gain read: 644, a+r */
	EOP_SHARE_WRITE,	/* group or others gain write: 777, o+w */
	EOP_COUNT
};

/* Classes, as bits: a location may be several (~/.ssh is a home entry
 * and a credential store). */
enum effect_class {
	ECL_ROOT	= 1u << 0,	/* / */
	ECL_SYSTEM	= 1u << 1,	/* /etc, /usr, ... and what is in them */
	ECL_DEVICE	= 1u << 2,	/* /dev/sda, not /dev/null */
	ECL_HOME	= 1u << 3,	/* a home directory itself */
	ECL_HOME_ENTRY	= 1u << 4,	/* ~/x, not the project's ancestors */
	ECL_ANCESTOR	= 1u << 5,	/* a directory the project is under */
	ECL_SIBLING	= 1u << 6,	/* beside the project, or in there */
	ECL_PROJECT	= 1u << 7,	/* the project root itself */
	ECL_GIT		= 1u << 8,	/* the project's .git and its core */
	ECL_CREDENTIAL	= 1u << 9,	/* in a credential store (whole tree) */
	ECL_SECRET	= 1u << 10,	/* a credential's content (not *.pub) */
	ECL_HOME_DATA	= 1u << 11,	/* the user's own files deeper in a
					 * home (~/Documents/x), none of
					 * the above */
	ECL_INSIDE	= 1u << 12,	/* inside the project, not .git */
	ECL_TEMP	= 1u << 13,	/* /tmp, $TMPDIR, ~/.cache, ... */
	ECL_CREATED	= 1u << 14,	/* made earlier by the same call */
	ECL_OTHER	= 1u << 15,	/* anywhere else */
	ECL_UNRESOLVED	= 1u << 16,	/* computed at run time: unknown */
	ECL_DOTENV	= 1u << 17,	/* a .env file: a project's secrets */
	ECL_PIPE	= 1u << 18,	/* what another command writes, or a
					 * computed value: content unknown */
	ECL_HOME_STATE	= 1u << 19,	/* deeper in a home under a dot entry
					 * or a tool's tree (~/.local/x,
					 * ~/bin/x): programs' state */
	ECL_CONFIG	= 1u << 20,	/* what runs or steers later sessions:
					 * shell start-up files, git's
					 * global config, the agent's
					 * instructions and settings */
	ECL_SYSTEM_FILE	= 1u << 21,	/* deeper in what the OS owns
					 * (/usr/bin/ls, /etc/ssh/x), not
					 * /usr/local, /opt, /srv, /var */
	ECL_PROJECT_FILES = 1u << 22,	/* every entry of the project root
					 * at once ("*" there) */
	ECL_GUARDED	= 1u << 23,	/* "${X:?}"/...: never empty, its
					 * value not known */
	ECL_SECRET_FILE	= 1u << 24,	/* a secret outside the stores: a
					 * private key (id_rsa, *.pem, *.p12)
					 * or a store's backup copy */
};
#define ECL_COUNT 25

struct effect {
	enum effect_op op;
	unsigned classes;	/* enum effect_class bits */
	bool recursive;		/* whole trees (rm -r, cp -r, tar c) */
	const char *word;	/* the operand as written (quotes removed) */
	const char *path;	/* resolved absolute path; NULL: unresolved */
	const char *host;	/* EOP_UPLOAD: where it goes, or NULL */
};

struct effect_list {
	struct effect *v;
	size_t n, cap;
};

/* What the resolver knows about the call's world. */
struct effect_env {
	const char *home;	/* absolute, or NULL */
	const char *home_alt;	/* a second home ($HOME when it is not the
				 * passwd one), or NULL */
	const char *tilde;	/* what ~ and $HOME expand to; NULL: home */
	const char *cwd;	/* the payload's cwd, or NULL */
	const char *project;	/* the project root, or NULL: found from cwd */
	const char *tmpdir;	/* $TMPDIR, or NULL */
	bool no_fs;		/* do not look at the filesystem (tests) */
};

/* Fills subject->effects of every subject of the list, in order, so that
 * a location made by an earlier command is known to later ones. */
int effect_compute(struct subject_list *list, struct arena *a,
		   const struct effect_env *env, struct diag *d);

/* Names used by rules ("delete", "home-entry"); -1 for an unknown name. */
int effect_op_from_name(const char *name);
int effect_class_from_name(const char *name);
const char *effect_op_name(enum effect_op op);
const char *effect_class_name(unsigned class_bit);

#endif
