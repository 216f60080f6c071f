#!/bin/sh
# tests/faults/install_owner.sh - root installing into a user's settings
# file keeps its owner, group and mode (and the backup's): before, the
# rewritten file became root's and its owner could no longer read it.
# Needs root (skipped otherwise).
. "$TOP/tests/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "ok 1 - # SKIP needs root"
	echo "1..1"
	exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/alice" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE
mkdir -p "$HOME/.claude"
S="$HOME/.claude/settings.json"
printf '{"model": "opus"}\n' > "$S"
# uid/gid that need not exist in /etc/passwd
chown -R 4321:4322 "$HOME"
chmod 640 "$S"

$RUN "$CCVETO" install --command '/opt/ccveto/bin/ccveto hook' > "$T/out" 2>&1
is "install as root exits 0" "$?" 0
is "the file keeps its owner and group" "$(stat -c %u:%g "$S")" 4321:4322
is "the file keeps its mode" "$(stat -c %a "$S")" 640
is "the backup has them too" "$(stat -c %u:%g:%a "$S.ccveto-bak")" 4321:4322:640
$RUN "$CCVETO" uninstall --command '/opt/ccveto/bin/ccveto hook' > "$T/out" 2>&1
is "uninstall as root: owner kept" "$(stat -c %u:%g:%a "$S")" 4321:4322:640

rm -rf "$HOME/.claude"
$RUN "$CCVETO" install --command '/opt/ccveto/bin/ccveto hook' > "$T/out" 2>&1
is "a new .claude in the user's home belongs to the user" \
	"$(stat -c %u:%g:%a "$HOME/.claude")" 4321:4322:700
is "and so does the new settings file" "$(stat -c %u:%g:%a "$S")" 4321:4322:600

done_testing
