#!/bin/sh
# tests/faults/log_lock.sh - a process holding the decision log's lock for
# good costs the hook at most a moment: it answers, and its record is still
# written whole.  Before, a hook that had to rotate the log waited on the
# lock until the watchdog.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'kill "$holder" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
D="$XDG_STATE_HOME/ccveto"
LOG="$D/decisions.jsonl"
mkdir -p "$HOME" "$D" "$XDG_CONFIG_HOME/ccveto"
chmod 700 "$D"
echo '{"log": {"max_bytes": 4096}}' > "$XDG_CONFIG_HOME/ccveto/config.json"
deny='{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","session_id":"s","tool_input":{"command":"rm -rf ~"}}'
i=0
while [ $i -lt 20 ]; do
	echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
	i=$((i + 1))
done
# Grow the current file past max_bytes (the next writer wants to rotate)
# and hold its lock until killed.
python3 -c '
import json
print(json.dumps({"time":"2026-01-01T00:00:00Z","session_id":"pad","cwd":"/","tool":"Bash","summary":"x"*4000,"decision":"deny","rules":["t"],"version":"0"}))' >> "$LOG"
python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").write("locked\n")
time.sleep(600)' "$LOG" "$T/locked" < /dev/null > /dev/null 2>&1 &
holder=$!
i=0
while [ ! -s "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "another process holds the lock" test -s "$T/locked"
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2> "$T/err"
is "lock held elsewhere: denied by its rule" "$?" 2
check "  not by the watchdog" grep -q 'filesystem.delete-protected' "$T/err"
check "  and the record was written, whole" \
	sh -c "tail -n 1 '$LOG' | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"session_id\"]==\"s\"'"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
check "lock released: the log rotates again" test "$(wc -c < "$LOG")" -lt 4096

done_testing
