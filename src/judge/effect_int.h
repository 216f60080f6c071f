/* effect_int.h - the data tables of the effect engine (effect_table.c),
 * read by effect.c only.  Knowledge is data: which program does what to
 * which operand, which locations are credential stores or system trees,
 * lives here and nowhere else. */
#ifndef CV_EFFECT_INT_H
#define CV_EFFECT_INT_H

#include <stddef.h>

#include "judge/effect.h"

/* How a program's operands are laid out. */
enum eprog_kind {
	EK_ALL,		/* every operand gets `op` (rm, cat, tee) */
	EK_SKIP1,	/* the first operand is not a file (chmod MODE, grep
			 * PATTERN) unless one of `script` gave it */
	EK_SRC_DEST,	/* sources get `op`, the last operand (or -t DIR)
			 * gets `dest_op` (cp, mv, install, ln, rsync) */
	EK_FIND,	/* starting points; -delete / -exec rm delete them */
	EK_DD,		/* if=FILE read, of=FILE overwritten */
	EK_TAR,		/* by mode: c/r/u read, x writes into -C */
	EK_ZIP,		/* the archive is written, the rest read */
	EK_SCP,		/* HOST:path operands are remote */
	EK_MAKEFILE,	/* mkdir, mktemp, touch: operands are created */
};

/* Option roles: what an option's value is. */
enum eopt_role {
	ER_NONE,
	ER_READ,		/* a file read (-r FILE of truncate) */
	ER_UPLOAD,		/* curl -T FILE */
	ER_AT_UPLOAD,		/* curl -d @FILE: read when it starts '@' */
	ER_FORM_UPLOAD,		/* curl -F name=@FILE / name=<FILE */
	ER_WRITE,		/* -o FILE */
	ER_DESTDIR,		/* -t DIR of cp/mv/install/ln */
	ER_SCRIPT,		/* -e/-f of sed, grep, awk: no operand skipped */
	ER_SCRIPT_FILE,		/* -f FILE of the same: also read (grep -f .env
				 * prints what of it matches) */
	ER_URLENC_UPLOAD,	/* curl --data-urlencode [name]@FILE */
	ER_DATA,		/* data sent as given (-d text, -H, a URL):
				 * computed, it is content nobody knows */
};

struct eopt {
	char letter;		/* short option, or the alias of a long one */
	unsigned char role;	/* enum eopt_role */
};

struct eprog {
	const char *name;
	const char *shorts;	/* short options with a value: "tS" */
	const char *optional;	/* short options with an attached optional
				 * value that ends the cluster: "i" of sed */
	/* Long options, space separated.  "name:x" is a flag equal to -x,
	 * "name=x" takes a value like -x, "name?x" an optional "=value";
	 * "-" for x: no short form.  A unique prefix selects the option
	 * (getopt_long: --rec is --recursive). */
	const char *longs;
	unsigned char kind;	/* enum eprog_kind */
	unsigned char op, dest_op;	/* enum effect_op */
	const char *recursive;	/* flags making it act on whole trees */
	const char *needs;	/* flags without which operands are only read
				 * (sed -i), or "" */
	unsigned char needs_op;	/* the op when `needs` is present */
	const struct eopt *opts;	/* options whose value is a location */
	/* Its standard output: EP_NONE unknown (what it computes), EP_READS
	 * the content of what it reads (cat, base64, tar c, gzip -c), its
	 * stdin when it has no file operand; EP_ARGS its literal operands
	 * (echo, printf). */
	unsigned char pipe;
	/* Flags after which it prints only facts about its input, never the
	 * input (grep -c, -l, -q): its operands are then not read. */
	const char *meta;
};

enum { EP_NONE, EP_READS, EP_ARGS };

const struct eprog *effect_prog_find(const char *name);

/* Credential stores, relative to a home ("~/" entries) or absolute. */
struct ecred {
	const char *path;
	const char *public_suffixes;	/* in a store: names that are not
					 * secret (space separated globs) */
	const char *consumers;		/* programs that use the store without
					 * printing it (ssh, kubectl), space
					 * separated; a program the effect
					 * table does not know reads it */
};
extern const struct ecred effect_creds[];
/* Programs that use a private key file (effect.c key_file) without
 * printing it: ssh -i, curl --key. */
#define SSH_USERS_KEYFILE "ssh ssh-add ssh-keygen ssh-copy-id sshfs " \
	"autossh mosh sftp scp rsync git curl wget"
extern const size_t effect_ncreds;

/* .env files anywhere: ".env" and ".env.NAME"; these NAMEs are
 * templates, not secrets.  Consumers as for a store. */
extern const char *const effect_dotenv_public;
extern const char *const effect_dotenv_consumers;

/* Readers that open every operand before they print anything: one
 * missing operand and nothing is read (paste a nope). */
extern const char *const effect_strict_openers[];

/* Config that runs or steers later sessions ("~/" entries, trees). */
extern const char *const effect_config[];
/* Top-level home entries that hold programs' state (with dot entries). */
extern const char *const effect_home_state[];

/* -name patterns of regenerable clutter (find ... -delete). */
extern const char *const effect_junk_names[];

/* System trees (top-level names under /). */
extern const char *const effect_system_dirs[];
extern const char *const effect_os_trees[];
/* Devices that are harmless to write and read. */
extern const char *const effect_harmless_devices[];
/* Scratch: absolute, and relative to a home. */
extern const char *const effect_temp_dirs[];
extern const char *const effect_home_temp[];

#endif
