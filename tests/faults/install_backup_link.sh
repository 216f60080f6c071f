#!/bin/sh
# tests/faults/install_backup_link.sh - a symlink planted at
# settings.json.ccveto-bak is replaced by the backup, never written
# through: before, install overwrote the link's target (~/.bashrc) with
# the old settings.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE
mkdir -p "$HOME/.claude"
S="$HOME/.claude/settings.json"
printf 'export PATH=$HOME/bin:$PATH\n' > "$HOME/.bashrc"
cp "$HOME/.bashrc" "$T/bashrc.orig"
printf '{"model": "opus"}\n' > "$S"
cp "$S" "$T/settings.orig"

ln -s "$HOME/.bashrc" "$S.ccveto-bak"
$RUN "$CCVETO" install --command '/opt/ccveto/bin/ccveto hook' > "$T/out" 2>&1
is "install with a planted backup link exits 0" "$?" 0
check "the link's target is untouched" cmp -s "$HOME/.bashrc" "$T/bashrc.orig"
check "the backup is a regular file now" sh -c "test -f '$S.ccveto-bak' && test ! -L '$S.ccveto-bak'"
check "the backup holds the old settings" cmp -s "$S.ccveto-bak" "$T/settings.orig"

rm "$S.ccveto-bak"
ln -s "$T/nowhere/file" "$S.ccveto-bak"
$RUN "$CCVETO" uninstall --command '/opt/ccveto/bin/ccveto hook' > "$T/out" 2>&1
is "a dangling link: uninstall exits 0" "$?" 0
check "  nothing created where it pointed" test ! -e "$T/nowhere"
check "  the settings are back" cmp -s "$S" "$T/settings.orig"

rm "$S.ccveto-bak"
mkdir "$S.ccveto-bak"
cp "$S" "$T/before"
$RUN "$CCVETO" install --command '/opt/ccveto/bin/ccveto hook' > "$T/out" 2>&1
is "a directory in the backup's place: refused" "$?" 1
check "  and the settings are unchanged" cmp -s "$S" "$T/before"

done_testing
