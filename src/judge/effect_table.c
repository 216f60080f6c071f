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
	{ '2', ER_URLENC_UPLOAD }, { 'F', ER_FORM_UPLOAD }, { 'o', ER_WRITE },
	{ 'K', ER_READ }, { '3', ER_DATA }, { 'H', ER_DATA },
	{ 'b', ER_DATA }, { 'u', ER_DATA }, { 0, 0 } };
static const struct eopt wget_opts[] = {
	{ '1', ER_UPLOAD }, { 'O', ER_WRITE }, { 'i', ER_READ },
	{ '3', ER_DATA }, { 0, 0 } };
static const struct eopt script_opts[] = {
	{ 'e', ER_SCRIPT }, { 'f', ER_SCRIPT_FILE }, { 0, 0 } };
static const struct eopt awk_opts[] = { { 'f', ER_SCRIPT_FILE }, { 0, 0 } };
static const struct eopt ref_opts[] = {
	{ '1', ER_SCRIPT }, { 0, 0 } };
static const struct eopt truncate_opts[] = {
	{ 'r', ER_READ }, { 0, 0 } };
static const struct eopt tar_opts[] = { { 'f', ER_NONE }, { 0, 0 } };
static const struct eopt unzip_opts[] = { { 'd', ER_WRITE }, { 0, 0 } };
static const struct eopt sort_opts[] = { { 'o', ER_WRITE }, { 0, 0 } };
static const struct eopt xargs_opts[] = { { 'a', ER_READ }, { 0, 0 } };

#define READER(name, shorts, longs) \
	{ name, shorts, "", longs, EK_ALL, R, R, "", "", 0, NULL, EP_READS, \
	  "" }
#define GREPLIKE(name, shorts, longs) \
	{ name, shorts, "", longs, EK_SKIP1, R, R, "rR", "", 0, script_opts, \
	  EP_READS, "clLq" }
/* Programs that print facts about their operands (sizes, hashes, modes,
 * names), never their content: known, and no effect on the operands. */
#define META(name) \
	{ name, "", "", "", EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, NULL, \
	  EP_NONE, "" }
/* They print their operands as text: data, not locations. */
#define PRINTER(name) \
	{ name, "", "", "", EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, NULL, \
	  EP_ARGS, "" }

static const struct eprog progs[] = {
	META("["),
	{ "awk", "fvF", "", "file=f assign=v field-separator=F", EK_SKIP1,
	  R, R, "", "", 0, awk_opts, EP_READS, "" },
	META("b2sum"),
	READER("base32", "w", "decode:d wrap=w ignore-garbage:i"),
	READER("base64", "w", "decode:d wrap=w ignore-garbage:i"),
	META("basename"),
	READER("basenc", "w", "decode:d wrap=w base64:- base32:-"),
	READER("bat", "lrHmp", "language=l line-range=r highlight-line=H "
	       "map-syntax=m plain:p paging=- style=- theme=-"),
	READER("batcat", "lrHmp", "language=l line-range=r plain:p"),
	{ "bzip2", "", "", "stdout:c keep:k decompress:d force:f",
	  EK_ALL, M, M, "", "", 0, NULL, EP_READS, "" },
	READER("cat", "", "show-all:A number:n squeeze-blank:s"),
	META("cd"),
	{ "chattr", "pv", "", "", EK_SKIP1, C, C, "R", "", 0, NULL, EP_NONE, "" },
	{ "chgrp", "", "", "recursive:R reference=1 dereference:- "
	  "no-dereference:h verbose:v changes:c silent:f quiet:f",
	  EK_SKIP1, C, C, "R", "", 0, ref_opts, EP_NONE, "" },
	{ "chmod", "", "", "recursive:R reference=1 verbose:v changes:c "
	  "silent:f quiet:f preserve-root:- no-preserve-root:-",
	  EK_SKIP1, C, C, "R", "", 0, ref_opts, EP_NONE, "" },
	{ "chown", "", "", "recursive:R reference=1 dereference:- "
	  "no-dereference:h from=- verbose:v changes:c silent:f quiet:f "
	  "preserve-root:- no-preserve-root:-",
	  EK_SKIP1, C, C, "R", "", 0, ref_opts, EP_NONE, "" },
	META("cksum"),
	/* cmp prints where two files differ; -l and -b print bytes. */
	{ "cmp", "in", "", "ignore-initial=i bytes=n print-bytes:b "
	  "verbose:l silent:s quiet:s", EK_ALL, EOP_COUNT, EOP_COUNT, "",
	  "lb", R, NULL, EP_READS, "s" },
	READER("comm", "", "check-order:- nocheck-order:- "
	       "output-delimiter=- total:- zero-terminated:z"),
	{ "cp", "tS", "", "archive:a attributes-only:- backup?- force:f "
	  "interactive:i link:l dereference:L no-clobber:n no-dereference:P "
	  "preserve?- no-preserve=- parents:- recursive:R reflink?- "
	  "remove-destination:- sparse=- strip-trailing-slashes:- "
	  "symbolic-link:s suffix=S target-directory=t "
	  "no-target-directory:T update?u verbose:v one-file-system:x "
	  "context?Z", EK_SRC_DEST, R, W, "rRa", "", 0, cp_opts, EP_NONE, "" },
	{ "curl", "ACEHKTXbcdeoFmQrtuUwxYyzhDq1", "",
	  "upload-file=T data=d data-ascii=d data-binary=1 "
	  "data-urlencode=2 data-raw=3 json=1 form=F form-string=3 "
	  "output=o config=K header=H user=u request=X cookie=b "
	  "cookie-jar=c user-agent=A referer=e proxy=x max-time=m "
	  "dump-header=D write-out=w url=- silent:s location:L "
	  "insecure:k fail:f include:i verbose:v remote-name:O",
	  EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, curl_opts, EP_NONE, "" },
	READER("cut", "bcdf", "bytes=b characters=c delimiter=d fields=f "
	       "complement:- only-delimited:s output-delimiter=-"),
	{ "dd", "", "", "", EK_DD, R, O, "", "", 0, NULL, EP_READS, "" },
	META("declare"),
	{ "diff", "CDFILSUWXx", "", "context?C unified?U exclude=x "
	  "exclude-from=X label=- recursive:r brief:q new-file:N "
	  "ignore-case:i text:a", EK_ALL, R, R, "r", "", 0, NULL, EP_READS,
	  "q" },
	META("dirname"),
	META("du"),
	PRINTER("echo"),
	READER("egrep", "efmABCd", "regexp=e file=f max-count=m"),
	META("exa"),
	READER("expand", "t", "tabs=t initial:i"),
	META("export"),
	META("eza"),
	META("false"),
	READER("fgrep", "efmABCd", "regexp=e file=f max-count=m"),
	META("file"),
	{ "find", "", "", "", EK_FIND, D, D, "", "", 0, NULL, EP_NONE, "" },
	READER("fmt", "wpgd", "width=w prefix=p goal=g"),
	READER("fold", "w", "width=w bytes:b spaces:s"),
	META("getfacl"),
	GREPLIKE("grep", "efmABCdD", "regexp=e file=f max-count=m "
		 "after-context=A before-context=B context=C "
		 "directories=d devices=D include=- exclude=- "
		 "exclude-dir=- recursive:r dereference-recursive:R "
		 "files-with-matches:l count:c ignore-case:i "
		 "invert-match:v line-number:n only-matching:o quiet:q "
		 "silent:q no-messages:s text:a extended-regexp:E "
		 "fixed-strings:F perl-regexp:P word-regexp:w"),
	{ "gzip", "S", "", "stdout:c to-stdout:c keep:k decompress:d "
	  "force:f suffix=S recursive:r", EK_ALL, M, M, "r", "", 0, NULL, EP_READS, "" },
	READER("hd", "nsCe", "length=n skip=s"),
	READER("head", "cn", "bytes=c lines=n quiet:q silent:q verbose:v "
	       "zero-terminated:z"),
	READER("hexdump", "nseCf", "length=n skip=s format=e"),
	READER("iconv", "fto", "from-code=f to-code=t output=o"),
	{ "install", "gmotS", "", "backup?- compare:C directory:d "
	  "group=g mode=m owner=o preserve-timestamps:p strip:s "
	  "suffix=S target-directory=t no-target-directory:T verbose:v",
	  EK_SRC_DEST, R, O, "", "", 0, cp_opts, EP_NONE, "" },
	READER("jq", "fL", "from-file=f arg=- argjson=- slurpfile=- "
	       "rawfile=- raw-output:r compact-output:c slurp:s "
	       "null-input:n"),
	READER("less", "bhjkoOpPtTxyz", "log-file=o LOG-FILE=O pattern=p "
	       "prompt=P tag=t tag-file=T tabs=x"),
	{ "ln", "tS", "", "backup?- directory:d force:f interactive:i "
	  "logical:L no-dereference:n physical:P relative:r symbolic:s "
	  "suffix=S target-directory=t no-target-directory:T verbose:v",
	  EK_SRC_DEST, EOP_COUNT, W, "", "", 0, cp_opts, EP_NONE, "" },
	META("local"),
	META("ls"),
	META("lsattr"),
	META("md5sum"),
	{ "mkdir", "m", "", "mode=m parents:p verbose:v context?Z",
	  EK_MAKEFILE, N, N, "", "", 0, NULL, EP_NONE, "" },
	{ "mktemp", "pt", "", "directory:d dry-run:u quiet:q suffix=- "
	  "tmpdir?p", EK_MAKEFILE, N, N, "", "", 0, NULL, EP_NONE, "" },
	READER("more", "n", "lines=n"),
	{ "mv", "tS", "", "backup?- force:f interactive:i no-clobber:n "
	  "strip-trailing-slashes:- suffix=S target-directory=t "
	  "no-target-directory:T update?u verbose:v context?Z",
	  EK_SRC_DEST, M, W, "", "", 0, cp_opts, EP_NONE, "" },
	META("namei"),
	READER("nl", "bdfhilnsvw", "body-numbering=b section-delimiter=d "
	       "footer-numbering=f header-numbering=h line-increment=i "
	       "join-blank-lines=l number-format=n number-separator=s "
	       "starting-line-number=v number-width=w"),
	READER("od", "AjNSstw", "address-radix=A skip-bytes=j "
	       "read-bytes=N strings?S format=t width?w"),
	READER("paste", "d", "delimiters=d serial:s zero-terminated:z"),
	META("popd"),
	READER("pr", "DeiNowWlhS", "header=h length=l width=w"),
	PRINTER("printf"),
	META("pushd"),
	META("readlink"),
	META("readonly"),
	META("realpath"),
	READER("rev", "", ""),
	GREPLIKE("rg", "efmABCgtTjM", "regexp=e file=f max-count=m "
		 "after-context=A before-context=B context=C glob=g "
		 "type=t type-not=T threads=j max-columns=M hidden:. "
		 "no-ignore:- files-with-matches:l count:c "
		 "ignore-case:i line-number:n"),
	{ "rm", "", "", "force:f interactive?- one-file-system:- "
	  "no-preserve-root:- preserve-root?- recursive:r dir:d "
	  "verbose:v help:- version:-", EK_ALL, D, D, "rRd", "", 0, NULL, EP_NONE, "" },
	{ "rmdir", "", "", "ignore-fail-on-non-empty:- parents:p "
	  "verbose:v", EK_ALL, D, D, "", "", 0, NULL, EP_NONE, "" },
	{ "rsync", "BeTfM", "", "archive:a recursive:r delete:- del:- "
	  "delete-before:- delete-during:- delete-delay:- delete-after:- "
	  "delete-excluded:- remove-source-files:- rsh=e exclude=- "
	  "include=- exclude-from=- include-from=- filter=f "
	  "temp-dir=T block-size=B backup-dir=- files-from=- "
	  "compress:z verbose:v dry-run:n", EK_SCP, R, W, "ra", "", 0, NULL, EP_NONE, "" },
	{ "scp", "cFiJlloPS", "", "", EK_SCP, R, W, "r", "", 0, NULL, EP_NONE, "" },
	{ "sed", "efl", "i", "expression=e file=f in-place?i "
	  "line-length=l null-data:z zero-terminated:z quiet:n silent:n "
	  "regexp-extended:E separate:s sandbox:- debug:- posix:- "
	  "follow-symlinks:-", EK_SKIP1, R, R, "", "i", O, script_opts, EP_READS, "" },
	META("sha1sum"),
	META("sha224sum"),
	META("sha256sum"),
	META("sha384sum"),
	META("sha512sum"),
	META("shasum"),
	{ "shred", "nsu", "", "force:f iterations=n random-source=- "
	  "size=s remove?u verbose:v exact:x zero:z",
	  EK_ALL, O, O, "", "", 0, NULL, EP_NONE, "" },
	{ "sort", "kotST", "", "key=k output=o field-separator=t "
	  "buffer-size=S temporary-directory=T files0-from=- "
	  "reverse:r numeric-sort:n unique:u", EK_ALL, R, R, "", "", 0,
	  sort_opts, EP_READS, "" },
	{ "split", "abClnt", "", "suffix-length=a bytes=b line-bytes=C "
	  "lines=l number=n separator=t additional-suffix=- "
	  "numeric-suffixes?d", EK_ALL, R, R, "", "", 0, NULL, EP_NONE, "" },
	META("stat"),
	READER("strings", "nteTo", "bytes=n radix=t encoding=e "
	       "target=T all:a"),
	META("sum"),
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
	  EK_TAR, R, W, "", "", 0, tar_opts, EP_READS, "" },
	{ "tee", "", "", "append:a ignore-interrupts:i output-error?-",
	  EK_ALL, O, O, "", "", 0, NULL, EP_READS, "" },
	META("test"),
	{ "touch", "dArt", "", "date=d reference=r no-create:c "
	  "no-dereference:h time=-", EK_MAKEFILE, N, N, "", "", 0, NULL, EP_NONE, "" },
	META("tree"),
	META("true"),
	{ "truncate", "sr", "", "no-create:c io-blocks:o reference=r size=s",
	  EK_ALL, O, O, "", "", 0, truncate_opts, EP_NONE, "" },
	META("type"),
	META("typeset"),
	READER("uniq", "fsw", "skip-fields=f skip-chars=s check-chars=w "
	       "count:c repeated:d unique:u ignore-case:i"),
	{ "unlink", "", "", "", EK_ALL, D, D, "", "", 0, NULL, EP_NONE, "" },
	META("unset"),
	{ "unzip", "dxP", "", "", EK_ALL, R, R, "", "", 0, unzip_opts, EP_READS, "" },
	META("wc"),
	{ "wget", "OoaiPeTtUw", "", "post-file=1 output-document=O "
	  "output-file=o append-output=a input-file=i "
	  "directory-prefix=P execute=e post-data=3 body-data=3 header=- "
	  "user-agent=U timeout=T tries=t method=- body-file=1",
	  EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, wget_opts, EP_NONE, "" },
	META("which"),
	/* xargs -a FILE reads FILE; its operands are the command. */
	{ "xargs", "adEILnPs", "ile", "arg-file=a delimiter=d eof?e "
	  "replace?i max-lines?l max-args=n max-procs=P max-chars=s "
	  "null:0 no-run-if-empty:r verbose:t interactive:p "
	  "process-slot-var=- show-limits:- exit:x open-tty:o",
	  EK_ALL, EOP_COUNT, EOP_COUNT, "", "", 0, xargs_opts, EP_NONE, "" },
	READER("xxd", "cgloOns", "cols=c groupsize=g len=l seek=s"),
	{ "xz", "", "", "stdout:c to-stdout:c keep:k decompress:d "
	  "force:f", EK_ALL, M, M, "", "", 0, NULL, EP_READS, "" },
	{ "zip", "bdnPtxZi", "", "recurse-paths:r", EK_ZIP, R, W, "r", "",
	  0, NULL, EP_NONE, "" },
	{ "zstd", "o", "", "stdout:c keep:k decompress:d force:f rm:-",
	  EK_ALL, R, R, "", "", 0, NULL, EP_READS, "" },
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

/* Credential stores as whole trees ("~/" is every home ccveto knows),
 * with the names in them that are public and the programs that are given
 * the store's files as operands to use them, not to print them (ssh -i,
 * kubectl --kubeconfig, gpg --homedir).  This is the one list: the secrets pack's
 * rules, the resolver and the auditor's effect checks all read it.
 * A program the effect table does not know reads every operand it is
 * given (`vim ~/.aws/credentials`), unless it is a consumer here. */
#define SSH_USERS "ssh ssh-add ssh-keygen ssh-copy-id sshfs autossh mosh " \
	"sftp ssh-agent"
const struct ecred effect_creds[] = {
	/* known_hosts, config and authorized_keys are public to read (a
	 * host list, options, public keys); writing them is the tamper
	 * pack's. */
	{ "~/.ssh", "*.pub known_hosts known_hosts.old config "
		    "authorized_keys authorized_keys2", SSH_USERS },
	/* config: region and output format; keys live in credentials. */
	{ "~/.aws", "config", NULL },
	{ "~/.azure", NULL, NULL },
	/* configurations/ and active_config name the account and project,
	 * never a token. */
	{ "~/.config/gcloud", "configurations config_* active_config "
			      ".last_*", "gcloud" },
	{ "~/.kube", NULL, "kubectl helm k9s kubectx kubens kind minikube "
			   "k3d oc kustomize" },
	{ "~/.gnupg", "*.conf pubring.kbx pubring.kbx~ pubring.gpg "
		      "trustdb.gpg", "gpg gpg2 gpgconf gpg-agent "
		      "gpg-connect-agent gpgsm" },
	{ "~/.docker/config.json", NULL, "docker podman docker-compose" },
	{ "~/.netrc", NULL, NULL },
	{ "~/.git-credentials", NULL, NULL },
	{ "~/.config/git/credentials", NULL, NULL },
	{ "~/.config/gh", "config.yml", NULL },
	{ "~/.config/hub", NULL, NULL },
	{ "~/.npmrc", NULL, "npm npx pnpm yarn" },
	{ "~/.yarnrc.yml", NULL, "yarn" },
	{ "~/.pypirc", NULL, "twine" },
	{ "~/.pgpass", NULL, NULL },
	{ "~/.my.cnf", NULL, "mysql mysqldump mariadb" },
	{ "~/.vault-token", NULL, NULL },
	{ "~/.password-store", NULL, "pass gopass" },
	{ "~/.local/share/keyrings", NULL, NULL },
	{ "~/Library/Keychains", NULL, NULL },
	{ "~/.config/op", NULL, NULL },
	{ "~/.config/Bitwarden", NULL, NULL },
	{ "~/.config/Bitwarden CLI", NULL, NULL },
	{ "~/.config/1Password", NULL, NULL },
	{ "~/.claude/.credentials.json", NULL, NULL },
	{ "~/.claude.json", NULL, NULL },
	{ "~/.codex/auth.json", NULL, NULL },
	/* Other agents' and cloud CLIs' login tokens: each file (or tree)
	 * holds a bearer token or a private key, nothing public. */
	{ "~/.codex/.credentials.json", NULL, NULL },
	{ "~/.codex/secrets", NULL, NULL },
	{ "~/.codex/.sandbox-secrets", NULL, NULL },
	{ "~/.gemini/oauth_creds.json", NULL, NULL },
	{ "~/.gemini/mcp-oauth-tokens.json", NULL, NULL },
	{ "~/.gemini/a2a-oauth-tokens.json", NULL, NULL },
	{ "~/.gemini/google_accounts.json", NULL, NULL },
	{ "~/.gemini/gemini-credentials.json", NULL, NULL },
	{ "~/.copilot/mcp-oauth-config", NULL, NULL },
	{ "~/.copilot/mcp-secrets", NULL, NULL },
	{ "~/.cursor/auth.json", NULL, NULL },
	{ "~/.config/cursor/auth.json", NULL, NULL },
	{ "~/.local/share/opencode/auth.json", NULL, NULL },
	{ "~/.local/share/opencode/mcp-auth.json", NULL, NULL },
	{ "~/.local/share/amp/secrets.json", NULL, NULL },
	{ "~/.amp/oauth", NULL, NULL },
	{ "~/.kimi/credentials", NULL, NULL },
	{ "~/.kimi/mcp-oauth", NULL, NULL },
	{ "~/.kimi-code/credentials", NULL, NULL },
	{ "~/.kimi-code/server.token", NULL, NULL },
	{ "~/.pi/agent/auth.json", NULL, NULL },
	{ "~/.config/github-copilot", NULL, NULL },
	{ "~/.oci", "oci_cli_rc", "oci" },
	{ "~/.config/doctl", NULL, "doctl" },
	{ "~/.config/hcloud", NULL, "hcloud" },
	{ "~/.fly", NULL, "fly flyctl" },
	{ "~/.config/rclone/rclone.conf", NULL, "rclone" },
	{ "~/.s3cfg", NULL, "s3cmd" },
	{ "~/.boto", NULL, "gsutil" },
	{ "~/.databrickscfg", NULL, "databricks" },
	{ "~/.supabase/access-token", NULL, "supabase" },
	{ "~/.config/stripe/config.toml", NULL, "stripe" },
	{ "~/.gem/credentials", NULL, NULL },
	{ "~/.cargo/credentials", NULL, NULL },
	{ "~/.cargo/credentials.toml", NULL, NULL },
	{ "~/.composer/auth.json", NULL, NULL },
	{ "~/.config/composer/auth.json", NULL, NULL },
	{ "~/.terraform.d/credentials.tfrc.json", NULL, NULL },
	{ "~/.huggingface/token", NULL, NULL },
	{ "~/.cache/huggingface/token", NULL, NULL },
	/* Browser profiles: cookies, saved logins, session tokens. */
	{ "~/.mozilla/firefox", "profiles.ini installs.ini", "firefox" },
	{ "~/.config/google-chrome", NULL, "google-chrome chrome" },
	{ "~/.config/chromium", NULL, "chromium chromium-browser" },
	{ "~/.config/BraveSoftware", NULL, "brave brave-browser" },
	{ "~/.config/microsoft-edge", NULL, "microsoft-edge" },
	{ "~/.config/vivaldi", NULL, "vivaldi" },
	{ "~/Library/Application Support/Google/Chrome", NULL, NULL },
	{ "~/Library/Application Support/Chromium", NULL, NULL },
	{ "~/Library/Application Support/Firefox", NULL, NULL },
	{ "~/Library/Application Support/BraveSoftware", NULL, NULL },
	{ "~/Library/Application Support/Microsoft Edge", NULL, NULL },
	{ "~/Library/Application Support/Arc", NULL, NULL },
	{ "~/Library/Application Support/Vivaldi", NULL, NULL },
	{ "~/Library/Safari", NULL, NULL },
	/* The same on Windows (PowerShell, Git Bash), and the user's
	 * Credential Manager vault and DPAPI master keys. */
	{ "~/AppData/Local/Google/Chrome/User Data", NULL, NULL },
	{ "~/AppData/Local/Chromium/User Data", NULL, NULL },
	{ "~/AppData/Local/Microsoft/Edge/User Data", NULL, NULL },
	{ "~/AppData/Local/BraveSoftware/Brave-Browser/User Data", NULL,
	  NULL },
	{ "~/AppData/Roaming/Mozilla/Firefox/Profiles", NULL, NULL },
	{ "~/AppData/Roaming/Microsoft/Credentials", NULL, NULL },
	{ "~/AppData/Local/Microsoft/Credentials", NULL, NULL },
	{ "~/AppData/Roaming/Microsoft/Protect", NULL, NULL },
	{ "~/Library/Cookies", NULL, NULL },
	{ "/etc/shadow", NULL, NULL },
	{ "/etc/gshadow", NULL, NULL },
	{ "/etc/security/opasswd", NULL, NULL },
	/* (/etc/ssh host keys: secrets.etc-shadow; its configs are the
	 * system pack's.) */
};
const size_t effect_ncreds = sizeof(effect_creds) / sizeof(*effect_creds);

const char *const effect_strict_openers[] = {
	"paste", "sort", "comm", "cmp", "diff", "join", NULL,
};

/* What runs or steers later sessions, relative to every home, as whole
 * trees: a file planted or changed here acts after this call ends (the
 * next shell, the next git command, the next agent session).  The
 * tamper pack's spelling rules name the same places. */
const char *const effect_config[] = {
	/* shell start-up files */
	"~/.bashrc", "~/.bash_profile", "~/.bash_login", "~/.bash_logout",
	"~/.bash_aliases", "~/.profile", "~/.zshrc", "~/.zshenv",
	"~/.zprofile", "~/.zlogin", "~/.zlogout", "~/.kshrc", "~/.cshrc",
	"~/.tcshrc", "~/.inputrc", "~/.xprofile", "~/.xinitrc",
	"~/.pam_environment", "~/.config/fish", "~/.config/environment.d",
	/* git runs commands its global config names */
	"~/.gitconfig", "~/.config/git/config",
	/* ssh: a ProxyCommand, a forced command, who may log in */
	"~/.ssh/config", "~/.ssh/rc", "~/.ssh/environment",
	"~/.ssh/authorized_keys", "~/.ssh/authorized_keys2",
	/* coding agents' instructions, commands, hooks and settings, and
	 * ccveto's own */
	"~/.claude", "~/.claude.json", "~/.codex", "~/.gemini", "~/.cursor",
	"~/.config/Claude", "~/.config/ccveto", "~/.local/state/ccveto",
	/* started at log-in */
	"~/.config/autostart", "~/.config/systemd/user",
	"~/Library/LaunchAgents", NULL,
};

/* Top-level entries of a home that hold programs' state or what can be
 * fetched again, not the user's own documents (every dot entry is state
 * too). */
const char *const effect_home_state[] = {
	"bin", "go", "snap", "Library", "Applications", "Downloads", NULL,
};

/* Names find(1) is told to delete that are regenerable clutter (editor
 * backups, OS metadata, bytecode): find ~ -name .DS_Store -delete picks
 * no document.  Any other -name pattern picks an unknown set. */
const char *const effect_junk_names[] = {
	".DS_Store", "._*", "Thumbs.db", "desktop.ini", "*.pyc", "*.pyo",
	"__pycache__", ".pytest_cache", ".mypy_cache", "*.swp", "*.swo",
	"*~", ".#*", "*.orig", "*.rej", "*.tmp", "core", NULL,
};

/* Top-level directories of the system (and of macOS). */
const char *const effect_system_dirs[] = {
	"bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64",
	"libx32", "media", "mnt", "opt", "proc", "root", "run", "sbin",
	"snap", "srv", "sys", "usr", "var", "Applications", "Library",
	"System", "Users", "Volumes", "private", "nix", NULL,
};

/* The trees the operating system and its packages own at every depth;
 * /usr/local is the administrator's (effect.c excepts it). */
const char *const effect_os_trees[] = {
	"bin", "boot", "etc", "lib", "lib32", "lib64", "libx32", "sbin",
	"usr", "System", NULL,
};

/* ".env.example" and its kin are checked in; ".env", ".env.local",
 * ".env.production" are not. */
const char *const effect_dotenv_public =
	"example sample template dist default defaults schema tpl";
const char *const effect_dotenv_consumers =
	"source . docker docker-compose podman dotenv-linter dotenv "
	"direnv foreman heroku";

const char *const effect_harmless_devices[] = {
	"/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/stdin",
	"/dev/tty", "/dev/full", "/dev/random", "/dev/urandom", "/dev/fd",
	"/dev/shm", "/dev/pts", "/proc/self/fd",
	/* bash's own network pseudo-files: the exfiltration rules'. */
	"/dev/tcp", "/dev/udp", NULL,
};

const char *const effect_temp_dirs[] = {
	"/tmp", "/var/tmp", "/dev/shm", "/private/tmp", "/private/var/tmp",
	"/private/var/folders",
	/* caches the system rebuilds (apt's lists and archives) */
	"/var/cache", "/var/lib/apt/lists", NULL,
};

/* Caches a program rebuilds by itself: deleting them costs time only. */
const char *const effect_home_temp[] = {
	".cache", "Library/Caches", ".npm/_cacache", ".npm/_logs",
	".yarn/cache", ".gradle/caches", ".m2/repository", ".cargo/registry",
	".local/share/Trash", "go/pkg/mod", NULL,
};
