#!/bin/sh
# tests/faults/tamper_rules.sh - the calls that would erase, redirect or
# wedge what ccveto keeps are denied through the real hook (before, rm or
# mkfifo on the log, a symlink at it, or a Write to the installed binary
# had no objection); reading the log stays quiet.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
mkdir -p "$HOME"
bash_call() {
	python3 -c 'import json,sys; print(json.dumps({"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":sys.argv[1],"tool_input":{"command":sys.argv[2]}}))' "$T" "$1" |
		$RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
	echo $?
}
write_call() {
	python3 -c 'import json,sys; print(json.dumps({"hook_event_name":"PreToolUse","tool_name":"Write","cwd":sys.argv[1],"tool_input":{"file_path":sys.argv[2],"content":"x"}}))' "$T" "$1" |
		$RUN "$CCVETO" hook --home "$HOME" > /dev/null 2>&1
	echo $?
}
for c in 'rm -f ~/.local/state/ccveto/decisions.jsonl' \
	': > $HOME/.local/state/ccveto/decisions.jsonl' \
	'mkfifo ~/.local/state/ccveto/decisions.jsonl' \
	'mkfifo ~/.config/ccveto/config.json' \
	'ln -sf ~/.bashrc ~/.local/state/ccveto/decisions.jsonl' \
	'ln ~/.local/state/ccveto/decisions.jsonl /tmp/x' \
	'mv ~/.local/state/ccveto /tmp/gone' \
	'truncate -s0 ~/.local/state/ccveto/decisions.jsonl' \
	'sudo rm /usr/local/bin/ccveto' \
	'cp /bin/true /usr/local/bin/ccveto-full'; do
	is "deny: $c" "$(bash_call "$c")" 2
done
is "deny: Write to the installed ccveto" "$(write_call /usr/local/bin/ccveto)" 2
is "deny: Write to the log" "$(write_call "$HOME/.local/state/ccveto/decisions.jsonl")" 2
for c in 'ccveto log' 'cat ~/.local/state/ccveto/decisions.jsonl' \
	'tail -f ~/.local/state/ccveto/decisions.jsonl' \
	'rm -rf ./build' 'make install'; do
	is "quiet: $c" "$(bash_call "$c")" 0
done

done_testing
