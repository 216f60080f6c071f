#!/bin/sh
# tests/faults/log_links.sh - the decision log is never written through a
# symlink or a hard link at its path, nor into a symlinked state directory:
# otherwise an agent points it at ~/.bashrc and its summaries (with
# "$( )" in them) run in the next shell.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
D="$XDG_STATE_HOME/ccveto"
LOG="$D/decisions.jsonl"
mkdir -p "$HOME" "$D"
chmod 700 "$D"
hook() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"%s","tool_input":{"command":"rm -rf ~ $(id)"}}' \
		"$T" | $RUN "$CCVETO" hook --home "$HOME" > /dev/null 2> "$T/err"
	echo $?
}
printf 'alias ll="ls -l"\n' > "$T/bashrc"
cp "$T/bashrc" "$T/bashrc.orig"

ln -s "$T/bashrc" "$LOG"
is "symlinked log: the call is still denied" "$(hook)" 2
check "symlinked log: its target is untouched" cmp -s "$T/bashrc" "$T/bashrc.orig"
$RUN "$CCVETO" log --home "$HOME" > /dev/null 2> "$T/err"
check "ccveto log names the symlink" grep -q "is a symlink" "$T/err"
rm "$LOG"

ln "$T/bashrc" "$LOG"
is "hard-linked log: denied" "$(hook)" 2
check "hard-linked log: the other name's file is untouched" \
	cmp -s "$T/bashrc" "$T/bashrc.orig"
$RUN "$CCVETO" log --home "$HOME" > /dev/null 2> "$T/err"
check "ccveto log names the hard link" grep -q "has 2 links" "$T/err"
rm "$LOG"

rmdir "$D"
mkdir "$T/elsewhere"
ln -s "$T/elsewhere" "$D"
is "symlinked state directory: denied" "$(hook)" 2
check "symlinked state directory: nothing written through it" \
	test -z "$(ls -A "$T/elsewhere")"
$RUN "$CCVETO" log --home "$HOME" > /dev/null 2> "$T/err"
check "ccveto log names the directory" \
	grep -q "log directory '$D' is a symlink" "$T/err"
rm "$D"

mkdir -m 777 "$D"
is "state directory writable by others: denied" "$(hook)" 2
check "  and nothing written there" test ! -e "$LOG"
chmod 700 "$D"
is "a sound directory: denied" "$(hook)" 2
check "  and logged" test -s "$LOG"

done_testing
