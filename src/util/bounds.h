/* bounds.h - every limit ccveto enforces, with the reason for its value.
 * Hitting a limit is an error that the caller reports; nothing here is a
 * silent truncation.  In the hook, an error is a deny (fail closed). */
#ifndef CV_BOUNDS_H
#define CV_BOUNDS_H

#include <limits.h>	/* PATH_MAX */

/* A Write of 3 MB reaches the hook as ~3 MB of JSON; leave 5x headroom.
 * Anything larger is refused rather than judged on a prefix. */
#define CV_MAX_PAYLOAD_BYTES	(16u * 1024 * 1024)

/* Claude Code payloads nest 3-4 levels; MCP arguments a few more.  A
 * deeper document is hostile, and the readers recurse, so refuse it first. */
#define CV_MAX_JSON_DEPTH	128

/* Values in one JSON document.  Each costs a ~60-byte node, and "0,"
 * is a value: without a count, 14 MB of payload built 450 MB of tree.  A
 * tool call's input is written by the model in one response (fewer
 * values than its ~128k tokens); the default rule packs hold ~20k; 512k
 * keeps the tree near 32 MiB, inside the hook's 64 MiB. */
#define CV_MAX_JSON_VALUES	(512u * 1024)

/* `bash -c` in `$( )` in `sudo` in a here-doc: deeper than this is refused
 * (fail closed), since a parser that gives up must not report "no match". */
#define CV_MAX_SHELL_DEPTH	32

/* The effect resolver (judge/effect.c).  Symlinks followed in one path
 * (the kernel's own limit is 40): more is an unresolved location. */
#define CV_MAX_EFFECT_LINKS	40
/* Directory entries read to match one glob against the filesystem; a
 * bigger directory matches from the tables only. */
#define CV_MAX_EFFECT_DIRENTS	4096
/* Parents walked up from the cwd looking for the project's .git. */
#define CV_MAX_EFFECT_UP	64
/* Pipe stages followed back from an uploader. */
#define CV_MAX_EFFECT_PIPE	16
/* Nesting of an MCP call's tool_input that mcp.c reads for commands and
 * paths; real schemas nest 2-4 deep.  Deeper asks. */
#define CV_MAX_MCP_DEPTH	12

/* Items xargs reads from a literal producer (`echo a b | xargs rm`) that
 * become arguments; past it the rest is one unknown argument. */
#define CV_MAX_XARGS_ITEMS	256
/* Jobs of one GNU parallel call judged one by one (the combinations of
 * its ::: lists); more: one job with an unknown argument. */
#define CV_MAX_PARALLEL_JOBS	64

/* Simple commands in one tool call, counting everything nested.  A 100 KB
 * script holds a few thousand; beyond this the call is refused. */
#define CV_MAX_COMMANDS		20000

/* Words in one simple command (argv).  Linux's ARG_MAX allows ~130k short
 * words; a tool call with more is not something to judge piecemeal. */
#define CV_MAX_WORDS		65536

/* git aliases followed to find the subcommand that runs (alias.a = "b",
 * alias.b = "reset --hard").  git itself refuses a loop; ten levels are
 * more than anyone writes.  Past it the subcommand is left unresolved,
 * so only rules on the spelling as written can see it. */
#define CV_MAX_ARGV_ALIASES	10

/* Text the shell model produces for one tool call: every word, expanded
 * variable, here-doc body and decoded or concatenated value, counted as
 * it is written.  A command is written by the model in one response, a
 * few hundred KB at most, and reading it produces about its own length a
 * few times over (quote removal, here-docs, `bash -c` read twice); only
 * self-referencing assignments grow beyond that (`A=$B$B; B=$A$A; ...`
 * doubles per step: 30 steps are 1 GiB).  8 MiB is over 16x the largest
 * honest command and keeps the hook's peak memory below 64 MiB with a
 * 16 MiB payload (the arena holds at most ~3x this: scratch, copies).
 * Past it the call is denied as too large to judge. */
#define CV_MAX_SHELL_BYTES	(8u * 1024 * 1024)

/* Inline code of other languages (python -c, a here-doc fed to node, a
 * script written and run in the same call) is tokenized and followed; a
 * text larger than this, or brackets nested deeper, is refused (deny),
 * since an analyser that gives up must not report "no match".  Variables
 * beyond CV_MAX_INLINE_VARS make the code's commands unknown (ask). */
#define CV_MAX_INLINE_BYTES	(1024u * 1024)
#define CV_MAX_INLINE_NESTING	256
#define CV_MAX_INLINE_VARS	512

/* Text a decoder (base64 -d, xxd -r, printf '\x..') produces from literal
 * input, and files remembered as written earlier in the call: larger
 * output, or more files, is unknown, and unknown text run as code asks. */
#define CV_MAX_DECODE_BYTES	(256u * 1024)
#define CV_MAX_WRITTEN_FILES	64

/* Word expansion (shell_expand.c).  Braces make at most this many words
 * from one word ({1..100000} is refused, not truncated); a glob that
 * matches more, or needs more directory entries read in one call, keeps
 * its pattern and is unknown (the effect layer asks); the bytes of every
 * expanded word count against CV_MAX_SHELL_BYTES.  /etc/passwd is read
 * up to its bound for ~user, else ~user stays unresolved. */
#define CV_MAX_BRACE_WORDS	4096
#define CV_MAX_GLOB_MATCHES	1024
#define CV_MAX_GLOB_DIRENTS	8192

/* The abstract run of a command line (shell_parse.c): a loop body is
 * judged once per value of `for x in LIST` or per line a literal producer
 * gives `while read`, up to CV_MAX_LOOP_VALUES values (more: the loop
 * variable is unknown, the body judged once, so destructive uses ask); a
 * function is inlined where it is called, as are aliases.  More than
 * CV_MAX_FUNCS functions or aliases leave the rest unknown (a call is
 * then a command like any other and the definition's body is judged where
 * it stands).  Bodies re-read in one call (loop values, calls, aliases)
 * are at most CV_MAX_REPLAYS, and each one's bytes count against
 * CV_MAX_SHELL_BYTES: past either the call is too large to judge (deny),
 * so `f(){ f; f; }; f` cannot grow without bound. */
#define CV_MAX_LOOP_VALUES	64
#define CV_MAX_FUNCS		64
#define CV_MAX_REPLAYS		2048

/* Database statements (shell/dbq.c): a text larger than this, more
 * statements in it, texts nested deeper (DO bodies, EXECUTE strings,
 * files read by psql \i), or a statement of more than CV_MAX_DBQ_TOKENS
 * tokens whose head writes (DELETE, UPDATE ...) is "unknown" (ask),
 * never "nothing found".  Temporary tables the text makes are remembered up to
 * CV_MAX_DBQ_CREATED; later ones are judged like any table. */
#define CV_MAX_DBQ_BYTES	(1024u * 1024)
#define CV_MAX_DBQ_STATEMENTS	10000
#define CV_MAX_DBQ_TOKENS	1024
#define CV_MAX_DBQ_JS_TOKENS	65536
#define CV_MAX_DBQ_DEPTH	8
#define CV_MAX_DBQ_CREATED	32

/* PCRE2 per-match limits: a rule regex that needs more than this on one
 * subject is treated as a match failure that denies (fail closed). */
#define CV_PCRE2_MATCH_LIMIT	200000
#define CV_PCRE2_DEPTH_LIMIT	10000
#define CV_PCRE2_HEAP_LIMIT_KB	(8 * 1024)

/* Time bounds below are multiplied by CV_TIME_SCALE, 1 in every build
 * but `make valgrind-test`'s: memcheck runs the hook and its worktree
 * helper 20-50 times slower, and a bound hit there is a deny, so the
 * suite would test valgrind's speed instead of the code.  The bounds stay
 * in force, only wider; the release build cannot change them. */
#ifndef CV_TIME_SCALE
#define CV_TIME_SCALE		1
#endif

/* Whole-call budget for rule evaluation, checked between regex matches:
 * many cheap matches must not add up to a hang either. */
#define CV_MAX_EVAL_MS		(2000 * CV_TIME_SCALE)

/* Last resort: a watchdog alarm that denies if the hook is still running.
 * Claude Code's default hook timeout is 600 s and a timeout is fail-open. */
#define CV_WATCHDOG_SECONDS	(4 * CV_TIME_SCALE)

/* The verdict is a few hundred bytes on stderr (or stdout for an ask).
 * A client that stopped reading leaves the pipe full and a plain write()
 * blocked for ever; the hook waits this long for room, then exits 2
 * anyway, which denies even when the reason never arrives.  The same
 * bound holds for the watchdog's and the signal handlers' messages. */
#define CV_OUTPUT_WAIT_MS	1000

/* After SIGKILL the worktree helper (stake_exec.c) is gone within
 * microseconds unless it is stuck in the kernel; the hook does not wait
 * longer than this to reap it. */
#define CV_CHILD_REAP_MS	100

/* The decision log's writers take flock() in turn for microseconds; a
 * lock held longer is a stuck or hostile process, so a hook waits at
 * most this long (elapsed, polling every 1 ms) and then writes without
 * it. */
#define CV_LOG_LOCK_MS		100

/* `ccveto install` waits this long for another install editing the same
 * directory, and redoes its edit this many times when the file changes
 * between its read and its rename (an editor saving); a file that keeps
 * changing is left alone rather than overwritten. */
#define CV_INSTALL_LOCK_SECONDS	10
#define CV_INSTALL_ATTEMPTS	3

/* Rule packs: one pack file and the number of rules across all packs. */
#define CV_MAX_PACK_BYTES	(4u * 1024 * 1024)
#define CV_MAX_RULES		4096

/* Config files audited by `ccveto audit`. */
#define CV_MAX_CONFIG_BYTES	(8u * 1024 * 1024)

/* /etc/passwd, read by the hook on every call to find the user's home
 * (userhome.h): a few KB on most systems, ~100 bytes per account; one
 * synced from a directory with tens of thousands of accounts still fits.
 * Larger is "home unknown": no user config, no log (strictest). */
#define CV_MAX_PASSWD_BYTES	(8u * 1024 * 1024)

/* A HEAD is "ref: refs/heads/<name>\n" or an object id (64 hex digits at
 * most); a `.git` file is "gitdir: <path>\n".  Branch names are short in
 * practice and paths are below PATH_MAX, so anything larger is hostile or
 * broken and reported as unknown. */
#define GITFACTS_MAX_HEAD	4096
#define GITFACTS_MAX_DOTGIT	(PATH_MAX + 64)
/* logs/refs/stash: one line (~150 bytes) per stash entry. */
#define GITFACTS_MAX_STASHLOG	(4u * 1024 * 1024)
/* A repository's config read for its local remotes (url = /path): a
 * bigger one, or more remotes, are not read (the remotes stay unknown,
 * that is unprotected beyond their class: an unknown is never narrowed). */
#define GITFACTS_MAX_CONFIG	(256u * 1024)
/* Bytes of a *.pem / *.key file read for a "PRIVATE KEY" header. */
#define CV_MAX_KEYFILE_PEEK	8192
/* $PATH entries searched for `$(which NAME)`; more: the rest unread. */
#define CV_MAX_PATH_DIRS	64
/* packed-refs read to learn whether a branch exists; larger: unknown. */
#define GITFACTS_MAX_PACKED	(4u * 1024 * 1024)
#define GITFACTS_MAX_REMOTES	16

/* The hook may ask for a status comparison; a repository with more index
 * entries than this is refused (unknown, so the verdict stays as it is)
 * rather than risk the hook's watchdog: libgit2 compares ~100k entries
 * per 100 ms when the stat data matches, far slower when it does not. */
#define GITREPO_MAX_STATUS_ENTRIES	50000

/* The index of a repository at that limit: 50,000 entries of ~62 bytes
 * plus their paths and extensions are ~10 MB.  A larger index is refused
 * before libgit2 reads it whole into memory (a 2 GB one did). */
#define GITREPO_MAX_INDEX_BYTES	(64u * 1024 * 1024)

/* The worktree helper (`ccveto-full worktree-stake`, stake_exec.c):
 * a comparison of GITREPO_MAX_STATUS_ENTRIES takes well under a second,
 * so the hook waits CV_STAKE_MS for its answer (inside the 4 s watchdog,
 * with time left to answer), then kills it and keeps its verdict.  The
 * helper bounds itself too, in case the hook is gone: CV_STAKE_SECONDS of
 * wall and CPU time, and CV_STAKE_MAX_DATA_BYTES of heap (RLIMIT_DATA:
 * read-only mappings of pack files do not count, an index read into
 * memory does). */
#define CV_STAKE_MS		(2500 * CV_TIME_SCALE)
/* Pathspecs of one destructive git command weighed by the stake helper
 * (git checkout -- a b c); more is an unknown stake (the verdict stays). */
#define CV_MAX_STAKE_PATHS	64
#define CV_STAKE_SECONDS	(3 * CV_TIME_SCALE)
#define CV_STAKE_MAX_DATA_BYTES	(512u * 1024 * 1024)

/* `--all-refs` on a repository with thousands of tags is refused rather
 * than audited for minutes: name the refs you mean with --rev. */
#define AUDIT_GIT_MAX_REFS	1000

/* Limits of the auditor (see also JL_MAX_* in jsonloc.h).  Real configs
 * are a few KB; a settings file over 4 MB is hostile or not a config. */
#define CV_MAX_AUDIT_FILE_BYTES	(4u * 1024 * 1024)
/* Files audited in one run, directories entered while discovering, and
 * directory depth: a huge or looping tree must not hang the auditor. */
#define CV_MAX_AUDIT_FILES	10000
#define CV_MAX_AUDIT_WALK_ENTRIES	500000
#define CV_MAX_AUDIT_WALK_DEPTH	40

/* Limits for audited configs (real ones nest under 10 levels and hold a
 * few hundred values); beyond these the file is reported (CC095), never
 * half-read.  The parser (json/jsonloc.c) recurses once per level, so
 * depth bounds stack. */
#define JL_MAX_DEPTH	64
#define JL_MAX_STRING	(64u * 1024)	/* decoded bytes in one string */
#define JL_MAX_ARRAY	10000		/* entries in one array / object */
#define JL_MAX_NODES	500000		/* values in one document */

/* Programs, tools or keywords listed by one rule (rules/rulepack.c):
 * a longer list is a pack that wants a structured condition instead. */
#define RULEPACK_MAX_LIST 64

/* Rules one verdict names (judge/judge.h): enough to say why; more hits
 * do not change a deny, and the log line stays short. */
#define VERDICT_MAX_HITS 16

/* Assignments remembered per scope (shell/shell_lex.c) are bounded: the
 * table serves the common `D=~; rm -rf $D`, not arbitrary programs.
 * Beyond the bound a variable simply stays unresolved ($D, dynamic),
 * which rules see. */
#define CV_MAX_SHELL_VARS 256

/* PowerShell is read by translating it to sh (shell/pwsh.c).  The input
 * and the sh text of one call are at most CV_MAX_PWSH_BYTES each; every
 * byte the translator writes on the way (values, statements, copies)
 * counts against CV_MAX_PWSH_WORK, so a value doubled in a loop stops
 * there.  Past either the call is too large to judge (deny).  Variables
 * remembered per call are at most CV_MAX_PWSH_VARS; later ones stay
 * unknown (never absent). */
#define CV_MAX_PWSH_BYTES	(256u * 1024)
#define CV_MAX_PWSH_WORK	(16u * CV_MAX_PWSH_BYTES)
#define CV_MAX_PWSH_VARS	64

/* The decision log's log.max_bytes when the config says nothing
 * (rules/config.c): the log rotates beyond it. */
#define CV_LOG_DEFAULT_MAX_BYTES (10ull * 1024 * 1024)
/* `ccveto log` reads 3 files of at most log.max_bytes; a bigger file is
 * read in part (cli/cmd_log.c). */
#define CV_MAX_LOG_READ_BYTES	(512u * 1024 * 1024)

/* Every settings edit is one splice; a settings file needs a handful.
 * More means a bug, and cli/settings_edit.c stops instead of looping. */
#define CV_MAX_SETTINGS_EDITS	256

#endif
