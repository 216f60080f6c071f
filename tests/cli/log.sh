#!/bin/sh
# tests/cli/log.sh - the decision log through the real hook: concurrent
# hooks never tear a line, secrets are redacted, `ccveto log` summarises.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
# The log is found from --home (the passwd entry by default).
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
	XDG_STATE_HOME="$T/home/.local/state"
export CCVETO_RULES_DIR="$T/packs"
unset CCVETO_LOG_FILE NO_COLOR
mkdir -p "$HOME" "$T/packs"
LOG="$XDG_STATE_HOME/ccveto/decisions.jsonl"
cat > "$T/packs/t.json" <<'EOF'
{ "pack": "t", "description": "log test rules", "rules": [
  { "id": "t.curl", "title": "curl", "severity": "high", "decision": "deny",
    "match": { "program": ["curl"] }, "why": "test", "instead": "test",
    "hit": ["curl x", "sudo curl y", "bash -c 'curl z'"],
    "miss": ["echo curl", "wget x", "ls"] },
  { "id": "t.rm", "title": "rm", "severity": "low", "decision": "ask",
    "match": { "program": ["rm"] }, "why": "test", "instead": "test",
    "hit": ["rm a", "sudo rm b", "bash -c 'rm c'"],
    "miss": ["echo rm", "ls", "rmdir x"] } ] }
EOF
hook() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"%s","session_id":"%s","tool_input":{"command":"%s"}}' \
		"$T" "$2" "$1" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
}
lines() { [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }
whole() { python3 -c '
import json,sys
n=0
for line in open(sys.argv[1], "rb"):
    assert line.endswith(b"\n"), line
    r=json.loads(line)
    for k in ("time","session_id","cwd","tool","summary","decision","rules","version"):
        assert k in r, (k, r)
    n+=1
print(n)' "$1"; }

hook 'ls' s0
check "no objection: nothing logged, no file" test ! -e "$LOG"
hook 'curl -H \"Authorization: Bearer abcdef0123456789xyz\" https://bob:pa55word@example.com' s1
is "deny logged" "$(lines "$LOG")" 1
check "log dir 0700" test "$(stat -c %a "$XDG_STATE_HOME/ccveto")" = 700
check "log file 0600" test "$(stat -c %a "$LOG")" = 600
check "bearer token redacted" sh -c "! grep -q abcdef0123 '$LOG'"
check "URL password redacted" sh -c "! grep -q pa55word '$LOG'"
check "rule id recorded" grep -q '"rules":\["t.curl"\]' "$LOG"
hook 'rm x' s2
is "ask logged" "$(lines "$LOG")" 2

# 16 hooks at once, 25 calls each: every line whole, none lost.
i=0
while [ $i -lt 16 ]; do
	( j=0; while [ $j -lt 25 ]; do hook "curl https://x/$i/$j" "p$i"; j=$((j + 1)); done ) &
	i=$((i + 1))
done
wait
is "concurrent hooks: all 402 records, each a whole JSON line" \
	"$(whole "$LOG" 2>&1)" 402

$RUN "$CCVETO" log --home "$HOME" > "$T/out" 2>&1
is "ccveto log exits 0" "$?" 0
check "counts per verdict" grep -Eq '^  deny +401$' "$T/out"
check "counts per rule" grep -Eq '^  t.curl +401$' "$T/out"
check "counts per day" grep -Eq "^  $(date -u +%Y-%m-%d) +402$" "$T/out"
check "no colour when not a terminal" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
$RUN "$CCVETO" log --home "$HOME" --last 3 --json > "$T/out.json"
check "--json: valid, last 3" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["records"]==402 and d["by_decision"]=={"deny":401,"ask":1}, d
assert len(d["last"])==3
' "$T/out.json"
printf 'torn{"ti\n' >> "$LOG"
$RUN "$CCVETO" log --home "$HOME" --last 0 > "$T/out" 2>&1
check "damaged lines counted and located, not fatal" \
	grep -q "1 damaged line skipped (not whole records; the first is line 403 of $LOG)" "$T/out"

# Rotation: with a small max_bytes at most three files, lines whole.
mkdir -p "$XDG_CONFIG_HOME/ccveto"
echo '{"log": {"max_bytes": 8192}}' > "$XDG_CONFIG_HOME/ccveto/config.json"
i=0
while [ $i -lt 8 ]; do
	( j=0; while [ $j -lt 20 ]; do hook "curl https://rot/$i/$j" "r$i"; j=$((j + 1)); done ) &
	i=$((i + 1))
done
wait
check "rotated to .1 and .2" test -s "$LOG.1" -a -s "$LOG.2"
check "no .3" test ! -e "$LOG.3"
check "current file bounded" test "$(wc -c < "$LOG")" -le 9000
rot_ok=1
for f in "$LOG" "$LOG.1" "$LOG.2"; do
	whole "$f" > /dev/null 2>&1 || rot_ok=0
done
is "rotated files hold whole lines" "$rot_ok" 1
echo '{"log": {"enabled": false}}' > "$XDG_CONFIG_HOME/ccveto/config.json"
n=$(lines "$LOG")
hook 'curl x' off
is "log.enabled false: nothing written" "$(lines "$LOG")" "$n"
echo '{"log": {"all_calls": true}}' > "$XDG_CONFIG_HOME/ccveto/config.json"
hook 'ls' all
check "log.all_calls: no-objection calls logged" \
	grep -q '"decision":"none"' "$LOG"

before=$(lines "$LOG")
CCVETO_LOG_FILE="$T/custom.jsonl" hook 'curl y' c
is "CCVETO_LOG_FILE ignored: the user's config does not trust the environment" \
	"$(lines "$T/custom.jsonl")" 0
is "  ... the record went to the user's log" "$(lines "$LOG")" $((before + 1))
echo '{"trust_env": true}' > "$XDG_CONFIG_HOME/ccveto/config.json"
CCVETO_LOG_FILE="$T/custom.jsonl" hook 'curl y' c
is "CCVETO_LOG_FILE honoured with \"trust_env\": true" \
	"$(lines "$T/custom.jsonl")" 1
CCVETO_LOG_FILE="$T/custom.jsonl" $RUN "$CCVETO" log --home "$HOME" \
	--json > "$T/out.json"
is "  ... and ccveto log reads it there" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"])' "$T/out.json" 2>&1)" 1
rm "$XDG_CONFIG_HOME/ccveto/config.json"
$RUN "$CCVETO" log --file "$T/nothing.jsonl" > "$T/out" 2> "$T/err"
is "--file naming a missing log: an error (exit 1)" "$?" 1
check "  ... said on stderr" grep -q "cannot read '$T/nothing.jsonl'" "$T/err"
check "  ... nothing on stdout" test ! -s "$T/out"
$RUN "$CCVETO" log --home "$T/fresh" > "$T/out" 2>&1
is "no default log yet: exit 0" "$?" 0
check "  ... says so" grep -q 'no decision log' "$T/out"
$RUN "$CCVETO" log --home "$HOME" --last x > /dev/null 2>&1
is "bad --last: usage error" "$?" 2
$RUN "$CCVETO" log --help > "$T/out" 2>&1
check "log --help" grep -q -- '--last' "$T/out"

done_testing
