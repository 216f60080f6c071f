#!/bin/sh
# tests/faults/hook_sigmask.sh - a parent that blocks or ignores the
# signals the guard relies on (the mask and SIG_IGN survive exec) cannot
# switch the watchdog off.  Before, with SIGALRM and SIGTERM blocked, a
# hook that waited (here: for the rest of its payload) waited for ever and
# Claude Code's own timeout let the call through.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
mkdir -p "$HOME"
hookrun() { python3 "$TOP/tests/faults/hookrun.py" "$@" > "$T/out"; }
rc() { sed -n 's/^rc=//p' "$T/out"; }

hookrun --block ALRM,TERM,INT,HUP -
is "SIGALRM and SIGTERM blocked by the parent: the watchdog still denies" \
	"$(rc)" 2
check "  timed out" grep -q "timed out" "$T/out"

hookrun --block TERM --signal TERM -
is "SIGTERM blocked by the parent, then sent: denied" "$(rc)" 2
check "  timed out" grep -q "timed out" "$T/out"

hookrun --ignore ALRM,TERM,INT -
is "SIGALRM ignored by the parent: the watchdog still denies" "$(rc)" 2

hookrun --ignore INT,QUIT --signal INT -
is "SIGINT ignored by the parent (as for '&' jobs), then sent: denied" \
	"$(rc)" 2

done_testing
