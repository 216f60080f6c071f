#!/bin/sh
# tests/faults/hook_xfsz.sh - under a file size limit (`ulimit -f`) at or
# below the decision log's size, writing the record fails (EFBIG) and the
# hook answers as it would without a log.  Before, the kernel's SIGXFSZ
# killed the hook before it answered: a fail-open "hook error".
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
D="$XDG_STATE_HOME/ccveto"
LOG="$D/decisions.jsonl"
mkdir -p "$HOME" "$D" "$XDG_CONFIG_HOME/ccveto"
chmod 700 "$D"
echo '{"log": {"all_calls": true}}' > "$XDG_CONFIG_HOME/ccveto/config.json"
call() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","tool_input":{"command":"%s"}}' "$1"
}
# 8 KiB of whole records (old ones), a limit of 4 KiB: the next write
# starts past the limit.
python3 -c '
import json, sys
rec = json.dumps({"time": "2026-01-01T00:00:00Z", "decision": "deny",
                  "summary": "x" * 100}) + "\n"
open(sys.argv[1], "w").write(rec * (8192 // len(rec) + 1))' "$LOG"
size=$(wc -c < "$LOG" | tr -d ' ')
# Python's children inherit its SIG_IGN for SIGXFSZ; a shell's do not.
hook() {
	(ulimit -f 4; call "$1" | $RUN "$CCVETO" hook --home "$HOME" > "$T/stdout" 2> "$T/err"
	 echo $?)
}

is "deny past the size limit: still denied (not SIGXFSZ)" "$(hook 'rm -rf ~')" 2
check "  for its rule" grep -q "filesystem.delete-protected" "$T/err"
is "no objection past the size limit: exit 0" "$(hook ls)" 0
check "  silent" sh -c "test ! -s '$T/stdout' && test ! -s '$T/err'"
is "ask past the size limit: still an ask" "$(hook 'npm publish')" 0
check "  on stdout" grep -q '"ask"' "$T/stdout"
is "the log is left as it was" "$(wc -c < "$LOG" | tr -d ' ')" "$size"

done_testing
