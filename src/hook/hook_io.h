/* hook_io.h - speaking Claude Code's PreToolUse and PreSkillShellCommand
 * protocol (the same answers; only hookEventName differs).
 * Deny: exit 2 with the reason on stderr (the channel that survives a
 * broken stdout and needs no JSON).  Ask: exit 0 with one JSON object
 * written in a single write(); if it cannot be written whole, deny.
 * No opinion: exit 0 with empty stdout.  Never "allow". */
#ifndef CV_HOOK_IO_H
#define CV_HOOK_IO_H

struct verdict;

/* Writes the verdict; returns the process exit status to use. */
int hook_emit(const struct verdict *v);

/* The same for the payload's event: "PreSkillShellCommand" names itself
 * in an ask, anything else (NULL included) answers as PreToolUse. */
int hook_emit_event(const struct verdict *v, const char *event);

/* Fails closed from a signal: arms a watchdog alarm and, outside
 * sanitizer builds, turns crashes (SEGV, BUS, ABRT, FPE, ILL) into a deny
 * instead of Claude Code's fail-open "hook error". */
void hook_guard_install(unsigned seconds);

#endif
