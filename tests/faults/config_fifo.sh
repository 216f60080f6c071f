#!/bin/sh
# tests/faults/config_fifo.sh - a FIFO planted where the hook reads its
# configuration (user config, a rule pack, a project's .ccveto.json) is
# refused at once with a deny that names it; the hook never waits on it
# (before: every call hung until the 4 s watchdog).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
mkdir -p "$HOME" "$XDG_CONFIG_HOME/ccveto" "$T/proj" "$T/packs"
hook() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"%s","tool_input":{"command":"ls"}}' \
		"$1" | $RUN "$CCVETO" hook --home "$HOME" > "$T/out" 2> "$T/err"
	echo $?
}

mkfifo "$XDG_CONFIG_HOME/ccveto/config.json"
is "FIFO user config: deny" "$(hook "$T/proj")" 2
check "FIFO user config: the reason names it, not the watchdog" \
	grep -q "config.json' is a FIFO, not a regular file" "$T/err"
rm "$XDG_CONFIG_HOME/ccveto/config.json"

mkfifo "$T/packs/extra.json"
is "FIFO rule pack: deny" "$(CCVETO_RULES_DIR="$T/packs" hook "$T/proj")" 2
check "FIFO rule pack: named" grep -q "extra.json' is a FIFO" "$T/err"
rm "$T/packs/extra.json"

mkfifo "$T/proj/.ccveto.json"
is "FIFO project config: deny" "$(hook "$T/proj")" 2
check "FIFO project config: named" grep -q ".ccveto.json' is a FIFO" "$T/err"
rm "$T/proj/.ccveto.json"

mkdir "$XDG_CONFIG_HOME/ccveto/config.json"
is "directory as user config: deny" "$(hook "$T/proj")" 2
check "directory as user config: named" grep -q "is a directory" "$T/err"
rmdir "$XDG_CONFIG_HOME/ccveto/config.json"

is "all removed: no objection again" "$(hook "$T/proj")" 0
check "none of these waited for the watchdog" \
	sh -c "! grep -q 'timed out' '$T/err'"

done_testing
