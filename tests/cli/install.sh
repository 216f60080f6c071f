#!/bin/sh
# tests/cli/install.sh - `ccveto install` / `ccveto uninstall` on empty,
# missing, existing, invalid and read-only settings files.  Unrelated bytes
# must survive byte for byte; install twice changes nothing; uninstall
# after install gives back the original file.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
# install records what it created next to the decision log: keep it here.
export HOME="$T/home" XDG_STATE_HOME="$T/state" XDG_CONFIG_HOME="$T/config"
unset CCVETO_LOG_FILE
CMD='/opt/ccveto/bin/ccveto hook'
inst() { $RUN "$CCVETO" install --command "$CMD" "$@"; }
uninst() { $RUN "$CCVETO" uninstall --command "$CMD" "$@"; }
same() { cmp -s "$1" "$2"; }
# valid JSON, as Claude Code reads it
valid() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1"; }
ngroups() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(sum(1 for g in d.get("hooks",{}).get("PreToolUse",[])
  for h in g.get("hooks",[]) if h.get("command","").endswith("ccveto hook")))' "$1"
}

# --- round trip on a typical file, 2-space indentation ---
cat > "$T/a.json" <<'EOF'
{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "model": "opus",
  "permissions": {
    "allow": ["Bash(npm test:*)", "Read(~/src/**)"],
    "deny":  [ "Read(./.env)" ]
  },
  "env": {"FOO": "b\u00e4r \"q\""}
}
EOF
cp "$T/a.json" "$T/a.orig"
inst --settings "$T/a.json" > "$T/out" 2>&1
check "install on an existing file exits 0" test $? -eq 0
check "result is valid JSON" valid "$T/a.json"
is "two ccveto groups registered" "$(ngroups "$T/a.json")" 2
check "backup holds the original bytes" same "$T/a.json.ccveto-bak" "$T/a.orig"
check "output names the change" grep -q 'added PreToolUse matcher' "$T/out"
check "unrelated bytes kept verbatim (all but the closing brace)" \
	cmp -s -n "$(($(wc -c < "$T/a.orig") - 3))" "$T/a.orig" "$T/a.json"
check "matcher, timeout, onFailure as specified" python3 -c '
import json,sys
g=json.load(open(sys.argv[1]))["hooks"]["PreToolUse"]
assert [x["matcher"] for x in g]==["Bash|Monitor|PowerShell|Read|Write|Edit|MultiEdit|NotebookEdit|NotebookRead|LS|Glob|Grep|WebFetch|WebSearch|Artifact|Projects|ClaudeDesign|CronCreate|RemoteTrigger|ExitWorktree|PushNotification","^mcp__.*"]
s=json.load(open(sys.argv[1]))["hooks"]["PreSkillShellCommand"]
assert [x["matcher"] for x in s]==["*"], s
for x in g+s:
  h=x["hooks"]; assert len(h)==1
  assert h[0]=={"type":"command","command":"/opt/ccveto/bin/ccveto hook","timeout":5,"onFailure":"block"}, h
' "$T/a.json"
cp "$T/a.json" "$T/a.once"
inst --settings "$T/a.json" > "$T/out" 2>&1
check "second install exits 0" test $? -eq 0
check "second install changes nothing" same "$T/a.json" "$T/a.once"
check "second install says so" grep -q 'already installed' "$T/out"
uninst --settings "$T/a.json" > /dev/null 2>&1
check "uninstall exits 0" test $? -eq 0
check "install + uninstall gives the original bytes" same "$T/a.json" "$T/a.orig"
uninst --settings "$T/a.json" > "$T/out" 2>&1
check "uninstall again: nothing to remove" grep -q 'nothing to remove' "$T/out"
check "uninstall again: unchanged" same "$T/a.json" "$T/a.orig"

# --- existing PreToolUse groups of other tools stay untouched ---
printf '{\n\t"hooks": {\n\t\t"PreToolUse": [\n\t\t\t{ "matcher": "Bash", "hooks": [ { "type": "command", "command": "my-linter" } ] }\n\t\t],\n\t\t"Stop": []\n\t}\n}\n' > "$T/b.json"
cp "$T/b.json" "$T/b.orig"
inst --settings "$T/b.json" > /dev/null 2>&1
check "tab-indented: valid" valid "$T/b.json"
check "tab-indented: new lines use tabs" grep -q '^			{$' "$T/b.json"
check "tab-indented: no space indentation added" sh -c "! grep -q '^  ' '$T/b.json'"
check "other hook kept" grep -q '"command": "my-linter"' "$T/b.json"
uninst --settings "$T/b.json" > /dev/null 2>&1
check "tab-indented: round trip" same "$T/b.json" "$T/b.orig"

# --- CRLF and 4-space indentation ---
printf '{\r\n    "a": 1,\r\n    "hooks": {}\r\n}\r\n' > "$T/c.json"
cp "$T/c.json" "$T/c.orig"
inst --settings "$T/c.json" > /dev/null 2>&1
check "crlf: valid" valid "$T/c.json"
check "crlf: every line ends in CR LF" awk '!/\r$/ { exit 1 }' "$T/c.json"
check "4 spaces: PreToolUse at two levels" grep -q '^        "PreToolUse": \[' "$T/c.json"
uninst --settings "$T/c.json" > /dev/null 2>&1
check "crlf: uninstall keeps the rest valid" valid "$T/c.json"
check "crlf: round trip keeps the user's own empty hooks" same "$T/c.json" "$T/c.orig"

# --- compact one-line file stays one line ---
printf '{"model":"opus","env":{"A":"1"}}' > "$T/d.json"
cp "$T/d.json" "$T/d.orig"
inst --settings "$T/d.json" > /dev/null 2>&1
check "compact: valid" valid "$T/d.json"
is "compact: still one line" "$(wc -l < "$T/d.json" | tr -d ' ')" 0
uninst --settings "$T/d.json" > /dev/null 2>&1
check "compact: round trip" same "$T/d.json" "$T/d.orig"

# --- empty file and missing file ---
: > "$T/e.json"
inst --settings "$T/e.json" > /dev/null 2>&1
check "empty file: installed" test "$(ngroups "$T/e.json")" = 2
check "empty file: valid" valid "$T/e.json"
mkdir -p "$T/home"
HOME="$T/home" $RUN "$CCVETO" install --command "$CMD" > "$T/out" 2>&1
check "missing user settings: created" valid "$T/home/.claude/settings.json"
is "new file mode 0600" "$(stat -c %a "$T/home/.claude/settings.json")" 600
is "new ~/.claude mode 0700" "$(stat -c %a "$T/home/.claude")" 700
check "created file: no backup" test ! -e "$T/home/.claude/settings.json.ccveto-bak"
check "--dry-run on missing file writes nothing" sh -c \
	"HOME='$T/h2' '$CCVETO' install --dry-run --command x >/dev/null && test ! -e '$T/h2'"
uninst --settings "$T/missing.json" > "$T/out" 2>&1
check "uninstall on missing file exits 0" test $? -eq 0
check "uninstall on missing file creates nothing" test ! -e "$T/missing.json"

# --- invalid JSON and bad shapes: refused, nothing changed ---
for bad in '{"a": 1,}' '{"a": 1' '{"a":1,"a":2}' '[1,2]' \
	'{"hooks": []}' '{"hooks": {"PreToolUse": {}}}' \
	'{"a": "\u0000"}' '// comment
{}'; do
	printf '%s' "$bad" > "$T/f.json"
	cp "$T/f.json" "$T/f.orig"
	inst --settings "$T/f.json" > "$T/out" 2> "$T/err"
	rc=$?
	is "refused ($(echo "$bad" | head -n1)): exit 1" "$rc" 1
	check "refused ($(echo "$bad" | head -n1)): unchanged, no backup" \
		sh -c "cmp -s '$T/f.json' '$T/f.orig' && test ! -e '$T/f.json.ccveto-bak'"
done
check "error names the file" grep -q "$T/f.json" "$T/err"
check "error says nothing was changed" grep -q 'nothing was changed' "$T/err"

# --- read-only file and directory ---
cp "$T/a.orig" "$T/g.json"
chmod 444 "$T/g.json"
inst --settings "$T/g.json" > /dev/null 2> "$T/err"
is "read-only file: exit 1" "$?" 1
check "read-only file: unchanged" same "$T/g.json" "$T/a.orig"
check "read-only file: no backup" test ! -e "$T/g.json.ccveto-bak"
check "read-only file: message says read-only" grep -q 'read-only' "$T/err"
mkdir "$T/ro"
cp "$T/a.orig" "$T/ro/settings.json"
chmod 555 "$T/ro"
inst --settings "$T/ro/settings.json" > /dev/null 2> "$T/err"
is "read-only directory: exit 1" "$?" 1
check "read-only directory: unchanged" same "$T/ro/settings.json" "$T/a.orig"
check "read-only directory: no stray files" \
	test "$(ls -A "$T/ro")" = settings.json
chmod 755 "$T/ro"

# --- outdated and mixed entries ---
cat > "$T/h.json" <<'EOF'
{
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [ { "type": "command", "command": "/old/path/ccveto hook" } ] },
      { "matcher": "*", "hooks": [
          { "type": "command", "command": "audit-log" },
          { "type": "command", "command": "ccveto hook", "timeout": 60 }
      ] }
    ]
  }
}
EOF
inst --settings "$T/h.json" > "$T/out" 2>&1
check "outdated: valid" valid "$T/h.json"
is "outdated: only the two current groups are ours" "$(ngroups "$T/h.json")" 2
check "outdated: old path gone" sh -c "! grep -q /old/path '$T/h.json'"
check "mixed group keeps its other hook" grep -q '"command": "audit-log"' "$T/h.json"
check "output lists the removal" grep -q 'removed' "$T/out"
uninst --settings "$T/h.json" > /dev/null 2>&1
is "uninstall removes every ccveto entry" "$(ngroups "$T/h.json")" 0
check "uninstall keeps the other hook" grep -q '"audit-log"' "$T/h.json"

# --- symlinked settings (dotfile managers): the link stays a link ---
cp "$T/a.orig" "$T/real.json"
ln -s "$T/real.json" "$T/link.json"
inst --settings "$T/link.json" > /dev/null 2>&1
check "symlink kept" test -L "$T/link.json"
is "target edited" "$(ngroups "$T/real.json")" 2

# --- usage ---
$RUN "$CCVETO" install --user --local > /dev/null 2>&1
is "two scopes: usage error" "$?" 2
$RUN "$CCVETO" install --help > "$T/out" 2>&1
is "--help exits 0" "$?" 0
check "--help lists --dry-run" grep -q -- '--dry-run' "$T/out"
$RUN "$CCVETO" uninstall --help > "$T/out" 2>&1
check "uninstall --help" grep -q 'uninstall' "$T/out"
(cd "$T" && $RUN "$CCVETO" install --local --command "$CMD" >/dev/null 2>&1)
check "--local writes .claude/settings.local.json" \
	valid "$T/.claude/settings.local.json"

# --- PreSkillShellCommand (skill and custom-command inline shell lines) ---
nskill() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(sum(1 for g in d.get("hooks",{}).get("PreSkillShellCommand",[])
  for h in g.get("hooks",[]) if h.get("command","").endswith("ccveto hook")))' "$1"
}
is "skill event: one ccveto group" "$(nskill "$T/a.once")" 1
# An install from before the event existed: upgraded in place.
cat > "$T/s1.json" <<'EOF'
{
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash|Monitor|Read|Write|Edit|NotebookEdit|Glob|Grep|WebFetch|WebSearch",
        "hooks": [ { "type": "command", "command": "/opt/ccveto/bin/ccveto hook", "timeout": 5, "onFailure": "block" } ] },
      { "matcher": "^mcp__.*",
        "hooks": [ { "type": "command", "command": "/opt/ccveto/bin/ccveto hook", "timeout": 5, "onFailure": "block" } ] }
    ]
  }
}
EOF
inst --settings "$T/s1.json" > "$T/out" 2>&1
check "upgrade: valid" valid "$T/s1.json"
is "upgrade: two PreToolUse groups" "$(ngroups "$T/s1.json")" 2
is "upgrade: the skill group added" "$(nskill "$T/s1.json")" 1
check "upgrade: the old tool list replaced" grep -q 'removed an outdated' "$T/out"
check "upgrade: the skill event named" \
	grep -q 'added PreSkillShellCommand matcher "\*"' "$T/out"
cp "$T/s1.json" "$T/s1.once"
inst --settings "$T/s1.json" > /dev/null 2>&1
check "upgrade: idempotent" same "$T/s1.json" "$T/s1.once"
# The user's own skill hooks stay, in a group of their own or shared.
cat > "$T/s2.json" <<'EOF'
{"hooks": {"PreSkillShellCommand": [
  {"matcher": "Bash", "hooks": [{"type": "command", "command": "skill-audit"}]},
  {"matcher": "*", "hooks": [{"type": "command", "command": "notify"}, {"type": "command", "command": "ccveto hook"}]}
]}}
EOF
inst --settings "$T/s2.json" > /dev/null 2>&1
check "skill: valid" valid "$T/s2.json"
is "skill: one ccveto group" "$(nskill "$T/s2.json")" 1
check "skill: other hooks kept" sh -c "grep -q skill-audit '$T/s2.json' &&
	grep -q '\"notify\"' '$T/s2.json'"
uninst --settings "$T/s2.json" > /dev/null 2>&1
is "skill: uninstall removes ccveto" "$(nskill "$T/s2.json")" 0
check "skill: uninstall keeps the others" sh -c "grep -q skill-audit \
	'$T/s2.json' && grep -q '\"notify\"' '$T/s2.json'"
check "skill: uninstall leaves no PreToolUse behind" \
	sh -c "! grep -q PreToolUse '$T/s2.json'"
printf '{"hooks": {"PreSkillShellCommand": {}}}' > "$T/s3.json"
cp "$T/s3.json" "$T/s3.orig"
inst --settings "$T/s3.json" > /dev/null 2> "$T/err"
is "skill: a non-array event refused" "$?" 1
check "skill: refused file unchanged" same "$T/s3.json" "$T/s3.orig"
check "skill: the message names it" \
	grep -q 'hooks.PreSkillShellCommand' "$T/err"

# default command: this binary's absolute path
$RUN "$CCVETO" install --settings "$T/i.json" > /dev/null 2>&1
check "default command is the absolute binary path" \
	grep -q "\"command\": \"$(readlink -f "$CCVETO") hook\"" "$T/i.json"

done_testing
