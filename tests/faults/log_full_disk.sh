#!/bin/sh
# tests/faults/log_full_disk.sh - the decision log on a full disk: a
# record that does not fit is absent, never a fragment the next record
# merges into.  Uses a 64 KiB tmpfs (needs root and mount; skipped
# otherwise).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
M="$T/disk"
cleanup() {
	umount "$M" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
mkdir -p "$M" "$T/home"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=64k,mode=0700 ccveto-test "$M" 2>/dev/null; then
	echo "ok 1 - # SKIP needs root and a tmpfs mount"
	echo "1..1"
	exit 0
fi
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" CCVETO_LOG_FILE="$M/decisions.jsonl"
unset XDG_STATE_HOME CCVETO_RULES_DIR
LOG=$CCVETO_LOG_FILE
# The environment may move the log only when the user's config says so.
mkdir -p "$XDG_CONFIG_HOME/ccveto"
echo '{"trust_env": true}' > "$XDG_CONFIG_HOME/ccveto/config.json"
deny='{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","session_id":"s","tool_input":{"command":"rm -rf ~"}}'
whole() { python3 -c '
import json,sys
data=open(sys.argv[1],"rb").read()
assert data.endswith(b"\n"), "last line without newline"
n=0
for line in data.split(b"\n")[:-1]:
    json.loads(line); n+=1
print(n)' "$1" 2>&1; }

# Whole records up to 100 bytes short of a page, then fill the disk: the
# next record fits only in part (the rest of the log's last page).
python3 -c '
import json,sys
line=lambda n: json.dumps({"time":"2026-01-01T00:00:00Z","session_id":"old","cwd":"/","tool":"Bash","summary":"x"*n,"decision":"deny","rules":["t.x"],"version":"0"})+"\n"
body=""
while len(body)+len(line(100))<3996-len(line(0)): body+=line(100)
body+=line(3996-len(body)-len(line(0)))
assert len(body)==3996
open(sys.argv[1],"w").write(body)' "$LOG"
dd if=/dev/zero of="$M/fill" bs=4096 2>/dev/null
before=$(whole "$LOG")
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
is "disk full: still denied" "$?" 2
is "disk full: no fragment, the log is whole" "$(whole "$LOG")" "$before"
is "disk full: the log is back at its size" "$(wc -c < "$LOG" | tr -d ' ')" 3996
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
is "still full: whole" "$(whole "$LOG")" "$before"
rm "$M/fill"
echo "$deny" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
is "space again: the next record is whole" "$(whole "$LOG")" "$((before + 1))"
$RUN "$CCVETO" log --home "$HOME" --last 0 > "$T/out" 2>&1
check "ccveto log: no damaged line" sh -c "! grep -q damaged '$T/out'"

done_testing
