#!/bin/sh
# tests/faults/install_stable_path.sh - `ccveto install` registers the
# path the user ran ccveto by (found in PATH, or made absolute), not the
# symlink-resolved, versioned directory an upgrade deletes (with
# "onFailure": "block", a registration of a deleted program blocks every
# tool call).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE
mkdir -p "$HOME" "$T/opt/ccveto-1.0" "$T/bin"
BIN=$(dirname "$CCVETO")
cp "$BIN/ccveto" "$BIN/ccveto-full" "$T/opt/ccveto-1.0/"
ln -s ../opt/ccveto-1.0/ccveto "$T/bin/ccveto"
ln -s ../opt/ccveto-1.0/ccveto-full "$T/bin/ccveto-full"
registered() {
	sed -n 's/.*-> \(.*\)$/\1/p' "$T/out" | head -n 1
}
# valgrind --trace-children starts a traced exec with argv[0] set to the
# executed file, so the path the user typed cannot reach ccveto-full:
# under it, check only that install runs clean.
case "$RUN" in
*valgrind*)
	$RUN "$T/bin/ccveto" install --dry-run > "$T/out" 2>&1
	is "install through a symlink runs (valgrind)" "$?" 0
	echo "ok 2 - # SKIP the registered path: valgrind replaces argv[0]"
	echo "1..2"
	exit 0
	;;
esac

PATH="$T/bin:$PATH" $RUN ccveto install --dry-run > "$T/out" 2>&1
is "found in PATH: the PATH entry, not the versioned target" \
	"$(registered)" "$T/bin/ccveto hook"
$RUN "$T/bin/ccveto" install --dry-run > "$T/out" 2>&1
is "run by absolute path: that path" "$(registered)" "$T/bin/ccveto hook"
(cd "$T/bin" && $RUN ./ccveto install --dry-run) > "$T/out" 2>&1
is "run as ./ccveto: made absolute, symlink kept" "$(registered)" "$T/bin/ccveto hook"
(cd "$T/opt" && $RUN ../bin/ccveto install --dry-run) > "$T/out" 2>&1
is "run as ../bin/ccveto: .. removed, symlink kept" "$(registered)" "$T/bin/ccveto hook"
PATH="$T/bin:$PATH" $RUN ccveto-full install --dry-run > "$T/out" 2>&1
is "ccveto-full run directly: the ccveto next to it, by that path" \
	"$(registered)" "$T/bin/ccveto hook"
$RUN "$T/opt/ccveto-1.0/ccveto" install --dry-run > "$T/out" 2>&1
is "the versioned path when that is what the user ran" \
	"$(registered)" "$T/opt/ccveto-1.0/ccveto hook"

# After an upgrade (a new versioned directory, the symlinks moved), the
# registration still names a program that exists.
PATH="$T/bin:$PATH" $RUN ccveto install > "$T/out" 2>&1
mkdir "$T/opt/ccveto-1.1"
cp "$BIN/ccveto" "$BIN/ccveto-full" "$T/opt/ccveto-1.1/"
ln -sfn ../opt/ccveto-1.1/ccveto "$T/bin/ccveto"
ln -sfn ../opt/ccveto-1.1/ccveto-full "$T/bin/ccveto-full"
rm -rf "$T/opt/ccveto-1.0"
cmd=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hooks"]["PreToolUse"][0]["hooks"][0]["command"])' "$HOME/.claude/settings.json")
is "registered command" "$cmd" "$T/bin/ccveto hook"
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","tool_input":{"command":"ls"}}' |
	sh -c "$cmd" > /dev/null 2>&1
is "after the upgrade it still runs and answers" "$?" 0

done_testing
