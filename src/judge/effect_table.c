/* effect_table.c - per-program effects and protected locations, as data.
 * Adding a program: its short options that take a value, its long options
 * (all of them, so that unique-prefix abbreviations resolve as getopt_long
 * resolves them), the layout of its operands and the options whose value
 * is a location.  Keep `progs` sorted by name (binary search). */
#include <stdlib.h>
#include <string.h>

#include "judge/effect_int.h"

#define R EOP_READ
#define W EOP_WRITE
#define O EOP_OVERWRITE
#define D EOP_DELETE
#define M EOP_MOVE
#define C EOP_CHMOD
#define N EOP_CREATE

static const struct eopt cp_opts[] = { { 't', ER_DESTDIR }, { 0, 0 } };
static const struct eopt curl_opts[] = {
	{ 'T', ER_UPLOAD }, { 'd', ER_AT_UPLOAD }, { '1', ER_AT_UPLOAD },
	{ '2', ER_AT_UPLOAD }, { 'F', ER_FORM_UPLOAD }, { 'o', ER_WRITE },
	{ 'K', ER_READ }, { 0, 0 } };
static const struct eopt wget_opts[] = {
	{ '1', ER_UPLOAD }, { 'O', ER_WRITE }, { 'i', ER_READ }, { 0, 0 } };
static const struct eopt script_opts[] = {
	{ 'e', ER_SCRIPT }, { 'f', ER_SCRIPT }, { 0, 0 } };
static const struct eopt awk_opts[] = { { 'f', ER_SCRIPT }, { 0, 0 } };
static const struct eopt ref_opts[] = {
	{ '1', ER_SCRIPT }, { 0, 0 } };
static const struct eopt truncate_opts[] = {
	{ 'r', ER_READ }, { 0, 0 } };
static const struct eopt tar_opts[] = { { 'f', ER_NONE }, { 0, 0 } };
static const struct eopt unzip_opts[] = { { 'd', ER_WRITE }, { 0, 0 } };
static const struct eopt sort_opts[] = { { 'o', ER_WRITE }, { 0, 0 } };

#define READER(name, shorts, longs) \
	{ name, shorts, "", longs, EK_ALL, R, R, "", "", 0, NULL }
#define GREPLIKE(name, shorts, longs) \
	{ name, shorts, "", longs, EK_SKIP1, R, R, "rR", "", 0, script_opts }

static const struct eprog progs[] = {
	{ "awk", "fvF", "", "file=f assign=v field-separator=F", EK_SKIP1,
	  R, R, "", "", 0, awk_opts },
	READER("base32", "w", "decode:d wrap=w ignore-garbage:i"),
	READER("base64", "w", "decode:d wrap=w ignore-garbage:i"),
	READER("basenc", "w", "decode:d wrap=w base64:- base32:-"),
	READER("bat", "lrHmp", "language=l line-range=r highlight-line=H "
	       "map-syntax=m plain:p paging=- style=- theme=-"),
	READER("batcat", "lrHmp", "language=l line-range=r plain:p"),
	{ "bzip2", "", "", "stdout:c keep:k decompress:d force:f",
	  EK_ALL, M, M, "", "", 0, NULL },
	READER("cat", "", "show-all:A number:n squeeze-blank:s"),
	{ "chattr", "pv", "", "", EK_SKIP1, C, C, "R", "", 0, NULL },
	{ "chgrp", "", "", "recursive:R reference=1 dereference:- "
	  "no-dereference:h verbose:v changes:c silent:f quiet:f",
	  EK_SKIP1, C, C, "R", "", 0, ref_opts },
	{ "chmod", "", "", "recursive:R reference=1 verbose:v changes:c "
	  "silent:f quiet:f preserve-root:- no-preserve-root:-",
	  EK_SKIP1, C, C, "R", "", 0, ref_opts },
	{ "chown", "", "", "recursive:R reference=1 dereference:- "
	  "no-dereference:h from=- verbose:v changes:c silent:f quiet:f "
	  "preserve-root:- no-preserve-root:-",
	  EK_SKIP1, C, C, "R", "", 0, ref_opts },
	READER("cmp", "in", "ignore-initial=i bytes=n print-bytes:b "
	       "verbose:l silent:s quiet:s"),
	READER("comm", "", "check-order:- nocheck-order:- "
	       "output-delimiter=- total:- zero-terminated:z"),
	{ "cp", "tS", "", "archive:a attributes-only:- backup?- force:f "
	  "interactive:i link:l dereference:L no-clobber:n no-dereference:P "
	  "preserve?- no-preserve=- parents:- recursive:R reflink?- "
	  "remove-destination:- sparse=- strip-trailing-slashes:- "
	  "symbolic-link:s suffix=S target-directory=t "
	  "no-target-directory:T update?u verbose:v one-file-system:x "
	  "context?Z", EK_SRC_DEST, R, W, "rRa", "", 0, cp_opts },
	{ "curl", "ACEHKTXbcdeoFmQrtuUwxYyzhDq1", "",
	  "upload-file=T data=d data-ascii=d data-binary=1 "
	  "data-urlencode=2 data-raw=- json=1 form=F form-string=- "
	  "output=o config=K header=H user=u request=X cookie=b "
	  "cookie-jar=c user-agent=A referer=e proxy=x max-time=m "
	  "dump-header=D write-out=w url=- silent:s location:L "
	  "insecure:k fail:f include:i verbose:v remote-name:O",
	  EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, curl_opts },
	READER("cut", "bcdf", "bytes=b characters=c delimiter=d fields=f "
	       "complement:- only-delimited:s output-delimiter=-"),
	{ "dd", "", "", "", EK_DD, R, O, "", "", 0, NULL },
	READER("diff", "CDFILSUWXx", "context?C unified?U exclude=x "
	       "exclude-from=X label=- recursive:r brief:q new-file:N "
	       "ignore-case:i text:a"),
	READER("egrep", "efmABCd", "regexp=e file=f max-count=m"),
	READER("expand", "t", "tabs=t initial:i"),
	READER("fgrep", "efmABCd", "regexp=e file=f max-count=m"),
	{ "find", "", "", "", EK_FIND, D, D, "", "", 0, NULL },
	READER("fmt", "wpgd", "width=w prefix=p goal=g"),
	READER("fold", "w", "width=w bytes:b spaces:s"),
	GREPLIKE("grep", "efmABCdD", "regexp=e file=f max-count=m "
		 "after-context=A before-context=B context=C "
		 "directories=d devices=D include=- exclude=- "
		 "exclude-dir=- recursive:r dereference-recursive:R "
		 "files-with-matches:l count:c ignore-case:i "
		 "invert-match:v line-number:n only-matching:o quiet:q "
		 "silent:q no-messages:s text:a extended-regexp:E "
		 "fixed-strings:F perl-regexp:P word-regexp:w"),
	{ "gzip", "S", "", "stdout:c to-stdout:c keep:k decompress:d "
	  "force:f suffix=S recursive:r", EK_ALL, M, M, "r", "", 0, NULL },
	READER("hd", "nsCe", "length=n skip=s"),
	READER("head", "cn", "bytes=c lines=n quiet:q silent:q verbose:v "
	       "zero-terminated:z"),
	READER("hexdump", "nseCf", "length=n skip=s format=e"),
	READER("iconv", "fto", "from-code=f to-code=t output=o"),
	{ "install", "gmotS", "", "backup?- compare:C directory:d "
	  "group=g mode=m owner=o preserve-timestamps:p strip:s "
	  "suffix=S target-directory=t no-target-directory:T verbose:v",
	  EK_SRC_DEST, R, O, "", "", 0, cp_opts },
	READER("jq", "fL", "from-file=f arg=- argjson=- slurpfile=- "
	       "rawfile=- raw-output:r compact-output:c slurp:s "
	       "null-input:n"),
	READER("less", "bhjkoOpPtTxyz", "log-file=o LOG-FILE=O pattern=p "
	       "prompt=P tag=t tag-file=T tabs=x"),
	{ "ln", "tS", "", "backup?- directory:d force:f interactive:i "
	  "logical:L no-dereference:n physical:P relative:r symbolic:s "
	  "suffix=S target-directory=t no-target-directory:T verbose:v",
	  EK_SRC_DEST, EOP_COUNT, W, "", "", 0, cp_opts },
	{ "mkdir", "m", "", "mode=m parents:p verbose:v context?Z",
	  EK_MAKEFILE, N, N, "", "", 0, NULL },
	{ "mktemp", "pt", "", "directory:d dry-run:u quiet:q suffix=- "
	  "tmpdir?p", EK_MAKEFILE, N, N, "", "", 0, NULL },
	READER("more", "n", "lines=n"),
	{ "mv", "tS", "", "backup?- force:f interactive:i no-clobber:n "
	  "strip-trailing-slashes:- suffix=S target-directory=t "
	  "no-target-directory:T update?u verbose:v context?Z",
	  EK_SRC_DEST, M, W, "", "", 0, cp_opts },
	READER("nl", "bdfhilnsvw", "body-numbering=b section-delimiter=d "
	       "footer-numbering=f header-numbering=h line-increment=i "
	       "join-blank-lines=l number-format=n number-separator=s "
	       "starting-line-number=v number-width=w"),
	READER("od", "AjNSstw", "address-radix=A skip-bytes=j "
	       "read-bytes=N strings?S format=t width?w"),
	READER("paste", "d", "delimiters=d serial:s zero-terminated:z"),
	READER("pr", "DeiNowWlhS", "header=h length=l width=w"),
	READER("rev", "", ""),
	GREPLIKE("rg", "efmABCgtTjM", "regexp=e file=f max-count=m "
		 "after-context=A before-context=B context=C glob=g "
		 "type=t type-not=T threads=j max-columns=M hidden:. "
		 "no-ignore:- files-with-matches:l count:c "
		 "ignore-case:i line-number:n"),
	{ "rm", "", "", "force:f interactive?- one-file-system:- "
	  "no-preserve-root:- preserve-root?- recursive:r dir:d "
	  "verbose:v", EK_ALL, D, D, "rRd", "", 0, NULL },
	{ "rmdir", "", "", "ignore-fail-on-non-empty:- parents:p "
	  "verbose:v", EK_ALL, D, D, "", "", 0, NULL },
	{ "rsync", "BeTfM", "", "archive:a recursive:r delete:- del:- "
	  "delete-before:- delete-during:- delete-delay:- delete-after:- "
	  "delete-excluded:- remove-source-files:- rsh=e exclude=- "
	  "include=- exclude-from=- include-from=- filter=f "
	  "temp-dir=T block-size=B backup-dir=- files-from=- "
	  "compress:z verbose:v dry-run:n", EK_SCP, R, W, "ra", "", 0, NULL },
	{ "scp", "cFiJlloPS", "", "", EK_SCP, R, W, "r", "", 0, NULL },
	{ "sed", "efl", "i", "expression=e file=f in-place?i "
	  "line-length=l null-data:z zero-terminated:z quiet:n silent:n "
	  "regexp-extended:E separate:s sandbox:- debug:- posix:- "
	  "follow-symlinks:-", EK_SKIP1, R, R, "", "i", O, script_opts },
	{ "shred", "nsu", "", "force:f iterations=n random-source=- "
	  "size=s remove?u verbose:v exact:x zero:z",
	  EK_ALL, O, O, "", "", 0, NULL },
	{ "sort", "kotST", "", "key=k output=o field-separator=t "
	  "buffer-size=S temporary-directory=T files0-from=- "
	  "reverse:r numeric-sort:n unique:u", EK_ALL, R, R, "", "", 0,
	  sort_opts },
	{ "split", "abClnt", "", "suffix-length=a bytes=b line-bytes=C "
	  "lines=l number=n separator=t additional-suffix=- "
	  "numeric-suffixes?d", EK_ALL, R, R, "", "", 0, NULL },
	READER("strings", "nteTo", "bytes=n radix=t encoding=e "
	       "target=T all:a"),
	READER("tac", "s", "separator=s before:b regex:r"),
	READER("tail", "cns", "bytes=c lines=n follow?- retry:- pid=- "
	       "sleep-interval=s quiet:q silent:q verbose:v "
	       "zero-terminated:z"),
	{ "tar", "bCfFgHIKLNTVX", "", "create:c extract:x get:x list:t "
	  "append:r update:u delete:- file=f directory=C files-from=T "
	  "exclude=- exclude-from=X gzip:z bzip2:j xz:J zstd:- "
	  "verbose:v to-stdout:O to-command=- checkpoint?- "
	  "checkpoint-action=- use-compress-program=I remove-files:- "
	  "transform=- xform=- strip-components=- overwrite:- "
	  "keep-old-files:k",
	  EK_TAR, R, W, "", "", 0, tar_opts },
	{ "tee", "", "", "append:a ignore-interrupts:i output-error?-",
	  EK_ALL, O, O, "", "", 0, NULL },
	{ "touch", "dArt", "", "date=d reference=r no-create:c "
	  "no-dereference:h time=-", EK_MAKEFILE, N, N, "", "", 0, NULL },
	{ "truncate", "sr", "", "no-create:c io-blocks:o reference=r size=s",
	  EK_ALL, O, O, "", "", 0, truncate_opts },
	READER("uniq", "fsw", "skip-fields=f skip-chars=s check-chars=w "
	       "count:c repeated:d unique:u ignore-case:i"),
	{ "unlink", "", "", "", EK_ALL, D, D, "", "", 0, NULL },
	{ "unzip", "dxP", "", "", EK_ALL, R, R, "", "", 0, unzip_opts },
	{ "wget", "OoaiPeTtUw", "", "post-file=1 output-document=O "
	  "output-file=o append-output=a input-file=i "
	  "directory-prefix=P execute=e post-data=- header=- "
	  "user-agent=U timeout=T tries=t method=- body-file=1",
	  EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, wget_opts },
	READER("xxd", "cgloOns", "cols=c groupsize=g len=l seek=s"),
	{ "xz", "", "", "stdout:c to-stdout:c keep:k decompress:d "
	  "force:f", EK_ALL, M, M, "", "", 0, NULL },
	{ "zip", "bdnPtxZi", "", "recurse-paths:r", EK_ZIP, R, W, "r", "",
	  0, NULL },
	{ "zstd", "o", "", "stdout:c keep:k decompress:d force:f rm:-",
	  EK_ALL, R, R, "", "", 0, NULL },
};

static int cmp_prog(const void *k, const void *e)
{
	return strcmp(k, ((const struct eprog *)e)->name);
}

const struct eprog *effect_prog_find(const char *name)
{
	return bsearch(name, progs, sizeof(progs) / sizeof(*progs),
		       sizeof(*progs), cmp_prog);
}

/* Credential stores as whole trees ("~/" is every home ccveto knows).
 * The secrets pack's rules name the same stores (rules/secrets.json);
 * this is the list the effect rules use. */
const struct ecred effect_creds[] = {
	{ "~/.ssh", "*.pub known_hosts known_hosts.old config "
		    "authorized_keys authorized_keys2" },
	/* (authorized_keys is public to read; writing it is the tamper
	 * pack's.) */
	{ "~/.aws", "config" },
	{ "~/.azure", NULL },
	{ "~/.config/gcloud", "configurations config_* active_config "
			      ".last_*" },
	{ "~/.kube", NULL },
	{ "~/.gnupg", "*.conf pubring.kbx pubring.gpg trustdb.gpg" },
	{ "~/.docker/config.json", NULL },
	{ "~/.netrc", NULL },
	{ "~/.git-credentials", NULL },
	{ "~/.config/git/credentials", NULL },
	{ "~/.config/gh", "config.yml" },
	{ "~/.config/hub", NULL },
	{ "~/.npmrc", NULL },
	{ "~/.yarnrc.yml", NULL },
	{ "~/.pypirc", NULL },
	{ "~/.pgpass", NULL },
	{ "~/.my.cnf", NULL },
	{ "~/.vault-token", NULL },
	{ "~/.password-store", NULL },
	{ "~/.local/share/keyrings", NULL },
	{ "~/Library/Keychains", NULL },
	{ "~/.config/op", NULL },
	{ "~/.config/Bitwarden", NULL },
	{ "~/.config/Bitwarden CLI", NULL },
	{ "~/.config/1Password", NULL },
	{ "~/.claude/.credentials.json", NULL },
	{ "~/.claude.json", NULL },
	{ "~/.codex/auth.json", NULL },
	{ "~/.gem/credentials", NULL },
	{ "~/.cargo/credentials", NULL },
	{ "~/.cargo/credentials.toml", NULL },
	{ "~/.composer/auth.json", NULL },
	{ "~/.config/composer/auth.json", NULL },
	{ "~/.terraform.d/credentials.tfrc.json", NULL },
	{ "~/.huggingface/token", NULL },
	{ "~/.cache/huggingface/token", NULL },
	{ "/etc/shadow", NULL },
	{ "/etc/gshadow", NULL },
	/* (/etc/ssh host keys: secrets.etc-shadow; its configs are the
	 * system pack's.) */
};
const size_t effect_ncreds = sizeof(effect_creds) / sizeof(*effect_creds);

/* Top-level directories of the system (and of macOS). */
const char *const effect_system_dirs[] = {
	"bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64",
	"libx32", "media", "mnt", "opt", "proc", "root", "run", "sbin",
	"snap", "srv", "sys", "usr", "var", "Applications", "Library",
	"System", "Users", "Volumes", "private", "nix", NULL,
};

const char *const effect_harmless_devices[] = {
	"/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/stdin",
	"/dev/tty", "/dev/full", "/dev/random", "/dev/urandom", "/dev/fd",
	"/dev/shm", "/dev/pts", "/proc/self/fd",
	/* bash's own network pseudo-files: the exfiltration rules'. */
	"/dev/tcp", "/dev/udp", NULL,
};

const char *const effect_temp_dirs[] = {
	"/tmp", "/var/tmp", "/dev/shm", "/private/tmp", "/private/var/tmp",
	"/private/var/folders", NULL,
};

/* Caches a program rebuilds by itself: deleting them costs time only. */
const char *const effect_home_temp[] = {
	".cache", "Library/Caches", ".npm/_cacache", ".npm/_logs",
	".yarn/cache", ".gradle/caches", ".m2/repository", ".cargo/registry",
	".local/share/Trash", "go/pkg/mod", NULL,
};
