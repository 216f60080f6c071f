#!/bin/sh
# tests/faults/uninstall_own_keys.sh - uninstall removes only what install
# added: the user's own empty "hooks" / "PreToolUse" stay (before,
# {"hooks":{"PreToolUse":[]}} came back as {}), while the ones install
# created go again, so install + uninstall gives back the file byte for
# byte in both cases.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE
mkdir -p "$HOME"
CMD='/opt/ccveto/bin/ccveto hook'
trip() {
	printf '%s\n' "$1" > "$T/s.json"
	cp "$T/s.json" "$T/s.orig"
	$RUN "$CCVETO" install --command "$CMD" --settings "$T/s.json" > /dev/null 2>&1 &&
	$RUN "$CCVETO" uninstall --command "$CMD" --settings "$T/s.json" > /dev/null 2>&1 &&
	cmp -s "$T/s.json" "$T/s.orig"
}
check "user's empty PreToolUse kept" trip '{"hooks":{"PreToolUse":[]}}'
check "user's empty hooks kept" trip '{"hooks": {}, "model": "opus"}'
check "user's PreToolUse next to other events kept" \
	trip '{"hooks": {"PreToolUse": [], "Stop": []}}'
check "containers install created are removed again" trip '{"model": "opus"}'

# Reinstalling (another path) keeps the knowledge of what was created.
printf '{"model": "opus"}\n' > "$T/s.json"
cp "$T/s.json" "$T/s.orig"
$RUN "$CCVETO" install --command "$CMD" --settings "$T/s.json" > /dev/null 2>&1
$RUN "$CCVETO" install --command '/usr/bin/ccveto hook' --settings "$T/s.json" > /dev/null 2>&1
$RUN "$CCVETO" uninstall --settings "$T/s.json" > /dev/null 2>&1
check "install, reinstall elsewhere, uninstall: original bytes" cmp -s "$T/s.json" "$T/s.orig"

# Without the record (lost state) uninstall keeps the containers: an
# empty "hooks" left behind is harmless, a user's key dropped is not.
$RUN "$CCVETO" install --command "$CMD" --settings "$T/s.json" > /dev/null 2>&1
rm -f "$XDG_STATE_HOME/ccveto/installs.json"
$RUN "$CCVETO" uninstall --command "$CMD" --settings "$T/s.json" > /dev/null 2>&1
check "no record: ccveto's entries removed, containers kept" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d=={"model":"opus","hooks":{"PreToolUse":[],"PreSkillShellCommand":[],"PostToolUse":[]}}, d' "$T/s.json"

done_testing
