#!/bin/sh
# tests/faults/log_fifo.sh - a FIFO at the decision log path never stalls
# the hook or changes its answer.  Before, opening it for the record waited
# for a reader until the watchdog turned every logged call into a deny
# ("ran out of time"; now the watchdog says "timed out"), no-objection
# calls included with log.all_calls.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
LOG="$XDG_STATE_HOME/ccveto/decisions.jsonl"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/ccveto" "$XDG_STATE_HOME/ccveto"
chmod 700 "$XDG_STATE_HOME/ccveto"
echo '{"log": {"all_calls": true}}' > "$XDG_CONFIG_HOME/ccveto/config.json"
hook() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"%s","tool_input":{"command":"%s"}}' \
		"$T" "$1" | $RUN "$CCVETO" hook --home "$HOME" > "$T/out" 2> "$T/err"
	echo $?
}

mkfifo "$LOG"
is "FIFO log, no objection call: still exit 0" "$(hook ls)" 0
check "  and no watchdog message" sh -c "! grep -q 'timed out' '$T/err'"
is "FIFO log, deny call: deny" "$(hook 'rm -rf ~')" 2
check "  for its rule, not the watchdog" grep -q 'filesystem.delete-protected' "$T/err"
check "the FIFO is left as it was" test -p "$LOG"
$RUN "$CCVETO" log --home "$HOME" > "$T/out" 2> "$T/err"
check "ccveto log does not wait either, and says why" \
	grep -q "is a FIFO, not a regular file: the hook does not write to it" "$T/err"

done_testing
