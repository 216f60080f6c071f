#!/bin/sh
# tests/cli/hostile.sh - hostile inputs to `ccveto hook`.
# Claude Code lets a call through when its hook crashes, hangs, exits with
# anything but 0 or 2, or prints malformed JSON; so every input here must
# end in a defined verdict within a time bound:
#   deny = exit 2 and a reason on stderr
#   ask  = exit 0 and one PreToolUse JSON object on stdout
#   none = exit 0 and nothing on stdout (only for well-formed input)
# The bound (LIMIT seconds) is generous on purpose, for ASan and valgrind:
# it catches hangs, it does not measure speed (that is `make bench`).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
	XDG_STATE_HOME="$T/home/.local/state"
export XDG_CACHE_HOME="$T/cache"
unset CCVETO_RULES_DIR
mkdir -p "$HOME/important" "$T/rules"
if [ -n "${RUN:-}" ]; then LIMIT=${HOSTILE_LIMIT:-90}; else LIMIT=${HOSTILE_LIMIT:-15}; fi

# payload COMMAND [TOOL]: a PreToolUse payload for a shell command; the
# command must not need JSON escaping beyond \ and ".
payload() {
	c=$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')
	printf '{"session_id":"s1","cwd":"%s","hook_event_name":"PreToolUse",' "$T"
	printf '"tool_name":"%s","tool_input":{"command":"%s"}}\n' "${2:-Bash}" "$c"
}

# hook [ARGS...] < input: runs the hook with a time bound; stdout, stderr
# and the exit status go to $T/out, $T/err and $T/rc (files, because the
# hook often runs at the end of a pipeline, in a subshell).
hook() {
	timeout -k 5 "$LIMIT" $RUN "$CCVETO" hook --home "$HOME" "$@" > "$T/out" 2> "$T/err"
	echo $? > "$T/rc"
}

# hook_no_stdout [ARGS...] < input: the same with stdout closed.
hook_no_stdout() {
	: > "$T/out"
	timeout -k 5 "$LIMIT" $RUN "$CCVETO" hook --home "$HOME" "$@" >&- 2> "$T/err"
	echo $? > "$T/rc"
}

# verdict: the verdict of the last run, in one word.
verdict() {
	rc=$(cat "$T/rc")
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "timeout"
	elif [ "$rc" -eq 2 ] && [ -s "$T/err" ]; then
		echo "deny"
	elif [ "$rc" -eq 2 ]; then
		echo "deny-without-reason"
	elif [ "$rc" -eq 0 ] && [ ! -s "$T/out" ]; then
		echo "none"
	elif [ "$rc" -eq 0 ] && [ "$(wc -l < "$T/out")" -le 1 ] &&
	     grep -q '^{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask"' "$T/out"; then
		echo "ask"
	else
		echo "undefined(rc=$rc,stdout=$(head -c 80 "$T/out"))"
	fi
}

# want DESCRIPTION VERDICT: checks the last run.
want() {
	is "$1" "$(verdict)" "$2"
}

# want_defined DESCRIPTION: the last run gave any defined verdict.
want_defined() {
	case $(verdict) in
	deny|ask|none) ok "$1 ($(verdict))" ;;
	*) not_ok "$1 (got '$(verdict)')" ;;
	esac
}

# repeat N TEXT: TEXT N times, no separator.
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# --- baselines: the guard works at all --------------------------------
payload 'ls -la' | hook
want "baseline: ls has no opinion" none
payload 'rm -rf ~' | hook
want "baseline: rm -rf ~ is denied" deny

# --- not a PreToolUse object ------------------------------------------
hook < /dev/null
want "empty stdin is denied" deny
printf ' \n\t\n' | hook
want "whitespace-only stdin is denied" deny
hook <&-
want "closed stdin is denied" deny
printf '[{"tool_name":"Bash","tool_input":{"command":"rm -rf ~"}}]' |
	hook
want "a payload that is a JSON array is denied" deny
printf '[]' | hook
want "an empty JSON array is denied" deny
printf '42\n' | hook
want "a payload that is a JSON number is denied" deny
printf '"rm -rf ~"' | hook
want "a payload that is a JSON string is denied" deny
printf 'null' | hook
want "a payload that is null is denied" deny
printf '{}' | hook
want "an empty object is denied" deny
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"}' |
	hook
want "truncated JSON is denied" deny
printf '{"tool_name":"Bash","tool_input":{"command":"ls"}} {"tool_name":"Bash"}' |
	hook
want "two JSON values are denied" deny
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":"rm -rf ~"}' |
	hook
want "tool_input that is a string is denied" deny
printf '{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"command":"ls"},"tool_name":"Bash"}' |
	hook
want "a duplicate tool_name key is denied" deny
{ repeat 100000 '['; repeat 100000 ']'; } |
	hook
want "100,000-deep JSON nesting is denied" deny

# --- NUL bytes and encoding -------------------------------------------
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls\000; rm -rf ~"}}' |
	hook
want "a raw NUL byte inside the payload is denied" deny
{ payload 'ls'; printf '\000'; } |
	hook
want "a NUL byte after the payload is denied" deny
payload 'ls\u0000; rm -rf ~' |
	sed 's/ls\\\\u0000/ls\\u0000/' |
	hook
want "an escaped NUL in the command is denied" deny
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo \377\376"}}' |
	hook
want "invalid UTF-8 in the payload is denied" deny
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"rm -rf \300\257"}}' |
	hook
want "an overlong UTF-8 '/' is denied" deny
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo \\ud800"}}' |
	hook
want "a lone surrogate escape is denied" deny

# --- size ---------------------------------------------------------------
{
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo '
	head -c 104857600 /dev/zero | tr '\000' a
	printf '"}}\n'
} 2>/dev/null | hook
want "100 MB on stdin is denied" deny

big=$T/big-arg.json
{
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo '
	head -c 10485760 /dev/zero | tr '\000' A
	printf '"}}\n'
} > "$big"
hook < "$big"
want_defined "one 10 MB argument gets a defined verdict"
{
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"rm -rf ~ '
	head -c 10485760 /dev/zero | tr '\000' A
	printf '"}}\n'
} > "$big"
hook < "$big"
want "rm -rf ~ before a 10 MB argument is denied" deny
{
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo '
	repeat 70000 'a '
	printf '; rm -rf ~"}}\n'
} | hook
want "70,000 words in one command are denied" deny

# --- many and deeply nested commands -----------------------------------
payload "$(repeat 10000 'true | ')rm -rf ~" |
	hook
want "rm -rf ~ after 10,000 piped commands is denied" deny
payload "$(repeat 9999 'true | ')true" |
	hook
want_defined "10,000 piped benign commands get a defined verdict"
payload "$(repeat 25000 'true | ')true" |
	hook
want "25,000 piped commands (over the bound) are denied" deny
payload "$(repeat 10 'echo $(')rm -rf ~$(repeat 10 ')')" |
	hook
want "rm -rf ~ inside 10 nested \$( ) is denied" deny
payload "$(repeat 1000 'echo $(')true$(repeat 1000 ')')" |
	hook
want "1,000 nested \$( ) are denied" deny
payload "$(repeat 1000 '`')" |
	hook
want_defined "1,000 backticks get a defined verdict"
payload "$(repeat 5000 '( ')rm -rf ~$(repeat 5000 ' )')" |
	hook
want "rm -rf ~ inside 5,000 nested subshells is denied" deny
payload "$(repeat 10 'sudo env timeout 5 nice ')rm -rf ~" |
	hook
want "rm -rf ~ behind 40 wrappers (sudo, env, timeout, nice) is denied" deny

# --- bash's own corner cases (found while writing these tests) -----------
# "((" opens an arithmetic command only if it closes with "))"; otherwise
# bash reads it as two nested subshells and runs what is inside.
payload '((rm -rf ~) )' | hook
want "((rm -rf ~) ) (nested subshells, not arithmetic) is denied" deny
payload '((true); rm -rf ~)' | hook
want "((true); rm -rf ~) is denied" deny
payload '((echo a) && rm -rf ~)' | hook
want "((echo a) && rm -rf ~) is denied" deny
# Command substitution inside arithmetic expansion runs.
payload 'x=$(( `rm -rf ~` ))' | hook
want "backticks inside \$(( )) are judged" deny
payload 'echo $(( $(rm -rf ~) ))' | hook
want "\$( ) inside \$(( )) is judged" deny
# A real arithmetic command runs nothing: no opinion.
payload '((i = 1 + 2))' | hook
want "((i = 1 + 2)) has no opinion" none

# --- a user pack with a catastrophic regex -------------------------------
cat > "$T/rules/hostile.json" <<'PACK'
{
  "pack": "hostile",
  "description": "test pack for tests/cli/hostile.sh",
  "rules": [
    {
      "id": "hostile.redos",
      "title": "a regex with catastrophic backtracking",
      "severity": "low",
      "decision": "ask",
      "tools": ["Bash", "Monitor"],
      "match": { "program": ["echo"], "args": "^(a|a)*$" },
      "why": "exercises the PCRE2 match limit",
      "instead": "nothing",
      "hit": ["echo a", "echo aa", "echo aaa"],
      "miss": ["echo b", "ls a", "echo ba"]
    },
    {
      "id": "hostile.ask-me",
      "title": "a command that always asks",
      "severity": "low",
      "decision": "ask",
      "tools": ["Bash", "Monitor"],
      "match": { "program": ["ask-me-please"] },
      "why": "exercises the ask verdict",
      "instead": "nothing",
      "hit": ["ask-me-please", "ask-me-please x", "sudo ask-me-please"],
      "miss": ["echo ask-me-please", "ls", "ask-me-not"]
    }
  ]
}
PACK
payload "echo $(repeat 40 a)!" |
	hook --rules-dir "$T/rules"
want "a regex limit in a user pack denies" deny
if grep -q 'hostile.redos' "$T/err"; then
	ok "the limit deny names the rule"
else
	not_ok "the limit deny names the rule (stderr: $(head -c 200 "$T/err"))"
fi
payload "echo $(repeat 40 a)!" |
	(export CCVETO_RULES_DIR="$T/rules"; hook)
want "the same through CCVETO_RULES_DIR" deny
payload "ask-me-please now" |
	hook --rules-dir "$T/rules"
want "a user pack's ask rule asks" ask

# --- where the verdict goes ---------------------------------------------
payload 'rm -rf ~' | hook_no_stdout
want "closed stdout: deny still exits 2" deny
payload 'ask-me-please now' |
	hook_no_stdout --rules-dir "$T/rules"
want "closed stdout: an ask that cannot be written denies" deny
# A pipe with no reader: writing gives EPIPE, or SIGPIPE if not ignored;
# dying by SIGPIPE would be a fail-open crash.
if command -v perl >/dev/null 2>&1; then
	payload 'ask-me-please now' > "$T/ask.json"
	timeout -k 5 "$LIMIT" perl -e 'pipe(R, W) or die; close(R);
		open(STDOUT, ">&", \*W) or die; close(W); exec(@ARGV) or die' \
		$RUN "$CCVETO" hook --home "$HOME" --rules-dir "$T/rules" < "$T/ask.json" 2> "$T/err"
	echo $? > "$T/rc"
	: > "$T/out"
	want "stdout is a pipe without reader: an ask denies" deny
else
	ok "stdout is a pipe without reader # SKIP perl not found"
fi
# stdin that never ends: the watchdog must deny.
mkfifo "$T/fifo"
exec 3<> "$T/fifo"
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash"' >&3
hook < "$T/fifo"
want "stdin that never reaches EOF is denied by the watchdog" deny
exec 3>&-

done_testing
