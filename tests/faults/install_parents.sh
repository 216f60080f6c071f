#!/bin/sh
# tests/faults/install_parents.sh - `install --settings` into a directory
# that does not exist is an error (a typo in the name must not create a
# tree of directories and a settings file nobody reads); --parents
# creates them, mode 0700.  The scopes' own .claude directory is still
# created (Claude Code would create it the same way).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE
mkdir -p "$HOME"
CMD='/opt/ccveto/bin/ccveto hook'

$RUN "$CCVETO" install --command "$CMD" --settings "$T/typo/dir/settings.json" > "$T/out" 2>&1
is "missing directory: exit 1" "$?" 1
check "  nothing created" test ! -e "$T/typo"
check "  the message names it and the way out" \
	grep -q "directory '$T/typo/dir' does not exist.*--parents" "$T/out"
$RUN "$CCVETO" install --command "$CMD" --settings "$T/typo/dir/settings.json" --parents > "$T/out" 2>&1
is "--parents: exit 0" "$?" 0
check "  file created" test -s "$T/typo/dir/settings.json"
is "  directories 0700" "$(stat -c %a "$T/typo" "$T/typo/dir" | tr '\n' ' ')" "700 700 "
$RUN "$CCVETO" install --command "$CMD" --dry-run --settings "$T/new/settings.json" --parents > "$T/out" 2>&1
check "--dry-run creates nothing" test ! -e "$T/new"
$RUN "$CCVETO" install --command "$CMD" > "$T/out" 2>&1
is "--user without ~/.claude: exit 0" "$?" 0
check "  ~/.claude created and said so" grep -q "created directory '$HOME/.claude'" "$T/out"
HOME="$T/nohome" $RUN "$CCVETO" install --command "$CMD" > "$T/out" 2>&1
is "--user with a missing home: exit 1" "$?" 1
check "  no home created" test ! -e "$T/nohome"

done_testing
