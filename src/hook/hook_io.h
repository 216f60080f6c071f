/* hook_io.h - speaking Claude Code's PreToolUse and PreSkillShellCommand
 * protocol (the same answers; only hookEventName differs).
 * Deny: exit 2 with the reason on stderr (the channel that survives a
 * broken stdout and needs no JSON).  Ask: exit 0 with one JSON object on
 * stdout; if it cannot be written whole, deny.  No write waits longer
 * than CV_OUTPUT_WAIT_MS for a reader: exit 2 denies without its reason.
 * No opinion: exit 0 with empty stdout.  Never "allow". */
#ifndef CV_HOOK_IO_H
#define CV_HOOK_IO_H

#include <stdbool.h>
#include <stddef.h>

struct verdict;

/* Writes the verdict; returns the process exit status to use. */
int hook_emit(const struct verdict *v);

/* The same for the payload's event: "PreSkillShellCommand" names itself
 * in an ask, anything else (NULL included) answers as PreToolUse. */
int hook_emit_event(const struct verdict *v, const char *event);

/* Fails closed from a signal; call it first, before anything that could
 * crash or need much stack.  Sets up an alternate signal stack, catches
 * every signal whose default action would end or stop the process (the
 * crashes SEGV, BUS, ABRT, FPE, ILL only outside sanitizer builds) and
 * turns it into a deny (exit 2) instead of Claude Code's fail-open "hook
 * error", unblocks them all, kills the worktree helper if one runs
 * (child.h), and arms the watchdog alarm.  A second call only re-arms. */
void hook_guard_install(unsigned seconds);

/* The payload is a PostToolUse event (of an mcp__ tool when mcp): from
 * now on a signal (crash, watchdog, the client's SIGTERM) answers with
 * hook_emit_withheld()'s notice and exit 0 instead of exit 2, which
 * after a call would let the output reach the model unchecked. */
void hook_post_mode(bool mcp);

/* Replaces the tool's output by a fixed notice (written without
 * allocating): 0, or 2 when stdout was used already or the write failed. */
int hook_emit_withheld(void);

/* Writes p[0..n) to stdout within CV_OUTPUT_WAIT_MS: 0, or -1 when it
 * could not be written whole (the caller then blocks). */
int hook_write_stdout(const char *p, size_t n);

#endif
