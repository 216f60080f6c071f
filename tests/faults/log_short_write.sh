#!/bin/sh
# tests/faults/log_short_write.sh - a record that does not fit under the
# file size limit (RLIMIT_FSIZE, `ulimit -f`) is cut off again: the log
# holds whole lines only and the next record that fits is whole too.
# Before, the short write left a fragment without its newline and the next
# record merged into it (or, at the limit, SIGXFSZ killed the hook).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
D="$XDG_STATE_HOME/ccveto"
LOG="$D/decisions.jsonl"
mkdir -p "$HOME" "$D"
chmod 700 "$D"
deny='{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","session_id":"s","tool_input":{"command":"rm -rf ~"}}'
# whole FILE: every line a JSON record ending in a newline; prints them
whole() { python3 -c '
import json,sys
data=open(sys.argv[1],"rb").read()
assert data.endswith(b"\n"), "last line without newline"
n=0
for line in data.split(b"\n")[:-1]:
    json.loads(line); n+=1
print(n)' "$1" 2>&1; }

# 4,040 bytes of whole records, a limit of 4,096: the next record (~160
# bytes) crosses it and the kernel writes only its first 56.
python3 -c '
import json,sys
line=lambda n: json.dumps({"time":"2026-01-01T00:00:00Z","session_id":"old","cwd":"/","tool":"Bash","summary":"x"*n,"decision":"deny","rules":["t.x"],"version":"0"})+"\n"
body=""
while len(body)+len(line(100))<4040-len(line(0)): body+=line(100)
body+=line(0+4040-len(body)-len(line(0)))
assert len(body)==4040
open(sys.argv[1],"w").write(body)' "$LOG"
before=$(whole "$LOG")
hook() { (ulimit -f 8; echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1; echo $?); }
is "over the size limit: still denied" "$(hook)" 2
is "the cut record is gone, the log is whole" "$(whole "$LOG")" "$before"
is "the file is back at its old size" "$(wc -c < "$LOG" | tr -d ' ')" 4040
is "again: denied, not killed by SIGXFSZ" "$(hook)" 2
is "again: whole" "$(whole "$LOG")" "$before"
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
is "without the limit the next record is appended whole" \
	"$(whole "$LOG")" "$((before + 1))"
$RUN "$CCVETO" log --home "$HOME" --last 0 > "$T/out" 2>&1
check "ccveto log finds no damaged line" sh -c "! grep -q damaged '$T/out'"

# A line left without its newline (a crash, an older ccveto): the next
# record starts on a line of its own and survives.
printf '{"time":"2026-01-01T00:00:00Z","trunc' >> "$LOG"
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
is "after a damaged tail the new record is still whole" \
	"$(tail -n 1 "$LOG" | python3 -c 'import json,sys; print(json.load(sys.stdin)["session_id"])')" s
$RUN "$CCVETO" log --home "$HOME" --last 0 > "$T/out" 2>&1
check "ccveto log counts the one damaged line and locates it" \
	grep -q "1 damaged line skipped (not whole records; the first is line $((before + 2)) of $LOG)" "$T/out"

done_testing
