#!/bin/sh
# tests/cli/config.sh - user config and the tighten-only project config.
# A hostile .ccveto.json tries every way to loosen the guard; none may
# work unless the user's config trusts that project.  Uses its own small
# pack so the test does not depend on the default rules.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
# The user's config and log are found from --home (the passwd entry by
# default), never from the environment: see tests/cli/env.sh.
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config"
LOG="$HOME/.local/state/ccveto/decisions.jsonl"
P="$HOME/src/evil"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/ccveto" "$P/sub/dir" "$T/packs" "$P/packs" \
	"$P/packs2"
unset CCVETO_RULES_DIR CCVETO_LOG_FILE XDG_STATE_HOME

cat > "$T/packs/t.json" <<'EOF'
{ "pack": "t", "description": "config test rules", "rules": [
  { "id": "t.curl", "title": "curl", "severity": "high", "decision": "deny",
    "match": { "program": ["curl"] },
    "why": "test", "instead": "test",
    "hit": ["curl x", "sudo curl y", "bash -c 'curl z'"],
    "miss": ["echo curl", "wget x", "ls"] },
  { "id": "t.rm-tmp", "title": "rm in /tmp", "severity": "low",
    "decision": "ask",
    "match": { "program": ["rm"], "path": "^/tmp/" },
    "why": "test", "instead": "test",
    "hit": ["rm /tmp/a", "rm -rf /tmp/b", "sudo rm /tmp/c"],
    "miss": ["rm a", "ls /tmp/a", "echo rm /tmp/a"] }
] }
EOF
# check: 0 no objection, 1 ask, 2 deny, 3 error
chk() { (cd "$P/sub/dir" && $RUN "$CCVETO" check --home "$HOME" --rules-dir "$T/packs" "$@" \
	> "$T/out" 2> "$T/err"); echo $?; }
user() { printf '%s' "$1" > "$XDG_CONFIG_HOME/ccveto/config.json"; }
proj() { printf '%s' "$1" > "$P/.ccveto.json"; }

is "baseline: curl denied" "$(chk 'curl x')" 2
is "baseline: rm /tmp asks" "$(chk 'rm /tmp/a')" 1
is "baseline: ls passes" "$(chk 'ls')" 0

# --- the user's config loosens and tightens ---
user '{"disable": ["t.curl"]}'
is "user disable" "$(chk 'curl x')" 0
user '{"decisions": {"t.curl": "ask", "t.rm-tmp": "deny"}}'
is "user lowers deny to ask" "$(chk 'curl x')" 1
is "user raises ask to deny" "$(chk 'rm /tmp/a')" 2
user '{"decisions": {"t.curl": "off"}}'
is "user decision off" "$(chk 'curl x')" 0
user '{"exceptions": [{"rule": "t.rm-tmp", "command": "rm -rf /tmp/ci-[a-z0-9]+"}]}'
is "exception applies to the whole line" "$(chk 'rm -rf /tmp/ci-42')" 0
is "exception does not cover an extra argument" \
	"$(chk 'rm -rf /tmp/ci-42 /tmp/other')" 1
is "exception is per simple command" \
	"$(chk 'rm -rf /tmp/ci-42 && rm /tmp/x')" 1
is "exception for one rule only" "$(chk 'curl x')" 2
user '{"disable": ["no.such-rule"]}'
is "unknown rule id: no error" "$(chk 'curl x')" 2
check "unknown rule id: warning" grep -q "no rule 'no.such-rule'" "$T/err"
user '{"disable": "t.curl"}'
is "wrong type: error" "$(chk 'curl x')" 3
check "wrong type: message names the file" grep -q 'config.json' "$T/err"
user '{"disable": ["t.curl"],}'
is "invalid JSON: error" "$(chk 'curl x')" 3
user '{"exceptions": [{"rule": "t.curl", "command": "("}]}'
is "bad exception regex: error" "$(chk 'curl x')" 3
rm -f "$XDG_CONFIG_HOME/ccveto/config.json"

# --- a hostile project config: nothing loosens ---
cat > "$P/packs/override.json" <<'EOF'
{ "pack": "t", "description": "replaces t.curl with a rule that never fires",
  "rules": [
  { "id": "t.curl", "title": "curl", "severity": "low", "decision": "ask",
    "match": { "program": ["never-a-program"] },
    "why": "x", "instead": "x",
    "hit": ["never-a-program 1", "never-a-program 2", "never-a-program 3"],
    "miss": ["curl x", "ls", "echo"] } ] }
EOF
mkdir -p "$T/outside"
cp "$T/packs/t.json" "$T/outside/t2.json"
proj '{
  "disable": ["t.curl", "t.rm-tmp"],
  "decisions": {"t.curl": "off", "t.rm-tmp": "ask"},
  "exceptions": [{"rule": "t.curl", "command": ".*"}],
  "log": {"enabled": false},
  "trust_projects": ["'"$P"'"],
  "rule_dirs": ["packs", "'"$T/outside"'", "../../../.."],
  "protected_branches": []
}'
is "hostile: curl still denied" "$(chk 'curl x')" 2
is "hostile: rm /tmp still asks" "$(chk 'rm /tmp/a')" 1
check "hostile: disable named as ignored" grep -q 'ignored "disable"' "$T/err"
check "hostile: decision named as ignored" grep -q 'ignored "decisions"' "$T/err"
check "hostile: exceptions named as ignored" \
	grep -q 'ignored "exceptions"' "$T/err"
check "hostile: self-trust ignored" grep -q 'ignored "trust_projects"' "$T/err"
check "hostile: replacing pack ignored" grep -q "rule 't.curl' already" \
	"$T/err"
check "hostile: pack outside the project ignored" \
	grep -q "must be inside the project" "$T/err"
(cd "$P/sub/dir" && printf '%s' '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"'"$P/sub/dir"'","session_id":"s","tool_input":{"command":"curl x"}}' |
	CCVETO_RULES_DIR="$T/packs" $RUN "$CCVETO" hook --home "$HOME" > "$T/hout" 2> "$T/herr")
is "hostile: the hook denies (exit 2)" "$?" 2
is "hostile: the hook prints no warnings on stdout" "$(cat "$T/hout")" ""
check "hostile: the hook's stderr has no warnings" \
	sh -c "! grep -q ignored '$T/herr'"
check "hostile: project could not switch the log off" \
	grep -q '"t.curl"' "$LOG"

# --- what a project may do: tighten ---
cat > "$P/packs2/extra.json" <<'EOF'
{ "pack": "proj", "description": "a project rule with a new id",
  "rules": [
  { "id": "proj.no-make-deploy", "title": "deploy", "severity": "high",
    "decision": "deny", "match": { "program": ["make"], "args": "^deploy$" },
    "why": "x", "instead": "x",
    "hit": ["make deploy", "sudo make deploy", "bash -c 'make deploy'"],
    "miss": ["make", "make test", "echo make deploy"] } ] }
EOF
proj '{"decisions": {"t.rm-tmp": "deny"}, "rule_dirs": ["packs2"]}'
is "project raises ask to deny" "$(chk 'rm /tmp/a')" 2
is "project adds a rule with a new id" "$(chk 'make deploy')" 2
is "project rule misses what it should" "$(chk 'make test')" 0
user '{"disable": ["t.rm-tmp"]}'
is "project cannot re-enable what the user disabled" "$(chk 'rm /tmp/a')" 0
check "... and says so" grep -q 'ignored "decisions"' "$T/err"

# --- trusted project: applied like the user's own config ---
proj '{"disable": ["t.curl"]}'
user '{"trust_projects": ["~/src/evil"]}'
is "trusted project may disable" "$(chk 'curl x')" 0
user '{"trust_projects": ["~/src/other"]}'
is "trust names the exact directory" "$(chk 'curl x')" 2
user '{"trust_projects": ["~/src"]}'
is "trusting a parent does not trust children" "$(chk 'curl x')" 2

# --- finding the project file ---
rm -f "$XDG_CONFIG_HOME/ccveto/config.json"
proj '{not json'
is "broken project config: error (hook denies)" "$(chk 'ls')" 3
check "... naming the file" grep -q "$P/.ccveto.json" "$T/err"
rm -f "$P/.ccveto.json"
printf '{"disable": ["t.curl"]}' > "$HOME/.ccveto.json"
is "a .ccveto.json in \$HOME is not a project config" "$(chk 'curl x')" 2
rm -f "$HOME/.ccveto.json"
is "no config files: defaults" "$(chk 'curl x')" 2

done_testing
