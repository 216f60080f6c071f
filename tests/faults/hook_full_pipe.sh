#!/bin/sh
# tests/faults/hook_full_pipe.sh - a client that stops reading the hook's
# stderr or stdout (the pipe is full) cannot wedge it: every answer waits
# a bounded time for room, then the hook exits 2, which denies even when
# the reason never arrives.  Before, the deny's write() blocked for ever,
# and so did the watchdog's and the SIGTERM handler's messages.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
mkdir -p "$HOME"
hookrun() { python3 "$TOP/tests/faults/hookrun.py" "$@" > "$T/out"; }
rc() { sed -n 's/^rc=//p' "$T/out"; }
call() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","tool_input":{"command":"%s"}}' "$1"
}
call 'rm -rf ~' > "$T/deny.json"
call 'npm publish' > "$T/ask.json"
call 'ls' > "$T/none.json"

hookrun --full-stderr "$T/deny.json"
is "deny, stderr full: exit 2 all the same" "$(rc)" 2
hookrun --full-stdout "$T/ask.json"
is "ask, stdout full: denied instead (exit 2)" "$(rc)" 2
check "  and the deny's reason still reaches stderr" grep -q ccveto "$T/out"
hookrun --full-stdout --full-stderr "$T/ask.json"
is "ask, both full: exit 2" "$(rc)" 2
hookrun --full-stdout --full-stderr "$T/none.json"
is "no objection, both full: exit 0 (nothing to write)" "$(rc)" 0
hookrun --full-stderr -
is "watchdog, stderr full: its message does not block the exit" "$(rc)" 2
hookrun --full-stderr --signal TERM -
is "SIGTERM, stderr full: exit 2" "$(rc)" 2

done_testing
