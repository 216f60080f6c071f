#!/bin/sh
# tests/cli/post_tool.sh - `ccveto hook` on PostToolUse (issue 19): a
# secret in a tool's output comes back redacted as updatedToolOutput
# (updatedMCPToolOutput for MCP), clean output gets no answer at all, and
# a payload it cannot read is blocked, never passed.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T/h XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state

post() {	# post PAYLOAD -> rc, out, err
	printf '%s' "$1" > "$T/p.json"
	$RUN "$CCVETO" hook --no-user-config < "$T/p.json" > "$T/out" 2> "$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}

# Built from pieces: no whole key sits in this file.
GH=ghp_$(printf 'a1B2c3D4e5F6g7H8i9J0')k1L2m3N4o5P6q7R8
AWS=AKIA$(printf 'Z7QW')3RTY5UIOPLKJ
HEAD='"session_id":"s1","cwd":"/tmp","hook_event_name":"PostToolUse"'

post "{$HEAD,\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"cat .env\"},\"tool_response\":{\"stdout\":\"GITHUB_TOKEN=$GH\\nAWS=$AWS\\n\",\"stderr\":\"warn\",\"interrupted\":false,\"isImage\":false}}"
is "Bash secret: exit 0" "$rc" 0
check "Bash secret: updatedToolOutput" \
	sh -c 'printf %s "$1" | grep -q "\"hookEventName\":\"PostToolUse\".*\"updatedToolOutput\":{\"stdout\":"' - "$out"
case "$out" in
*"$GH"*|*"$AWS"*) not_ok "Bash secret: no key in the answer" ;;
*) ok "Bash secret: no key in the answer" ;;
esac
check "Bash secret: other fields kept" \
	sh -c 'printf %s "$1" | grep -q "\"stderr\":\"warn\",\"interrupted\":false,\"isImage\":false"' - "$out"
check "Bash secret: context says what happened" \
	sh -c 'printf %s "$1" | grep -q "\"additionalContext\":\"ccveto redacted 1 field"' - "$out"

post "{$HEAD,\"tool_name\":\"mcp__srv__get\",\"tool_input\":{},\"tool_response\":[{\"type\":\"text\",\"text\":\"key $GH\"}]}"
is "MCP secret: exit 0" "$rc" 0
check "MCP secret: updatedMCPToolOutput" \
	sh -c 'printf %s "$1" | grep -q "\"updatedMCPToolOutput\":\[{\"type\":\"text\",\"text\":\"key ghp_\[REDACTED\]\"}\]"' - "$out"

post "{$HEAD,\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/tmp/k\"},\"tool_response\":{\"type\":\"text\",\"file\":{\"filePath\":\"/tmp/k\",\"content\":\"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\\n-----END OPENSSH PRIVATE KEY-----\\n\",\"numLines\":3}}}"
check "Read private key: redacted" \
	sh -c 'printf %s "$1" | grep -q "\"updatedToolOutput\":{\"type\":\"text\",\"file\":{\"filePath\":\"/tmp/k\",\"content\":\"[^\"]*REDACTED"' - "$out"
case "$out" in
*b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ*) not_ok "Read private key: body gone" ;;
*) ok "Read private key: body gone" ;;
esac

# Clean output, lookalikes included: no answer, so it arrives unchanged.
post "{$HEAD,\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git log\"},\"tool_response\":{\"stdout\":\"commit 7ba88bf3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7\\nuuid 123e4567-e89b-12d3-a456-426614174000\\nAKIAIOSFODNN7EXAMPLE\\n\",\"stderr\":\"\"}}"
is "clean output: exit 0" "$rc" 0
is "clean output: empty stdout" "$out" ""

post "{$HEAD,\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}}"
is "no tool_response: no answer" "$rc:$out" "0:"

# Unreadable payloads are blocked (exit 2 with a reason), never passed.
post "{$HEAD,\"tool_name\":\"Bash\",\"tool_response\":{\"stdout\":\"$GH"
is "truncated PostToolUse: exit 2" "$rc" 2
check "truncated PostToolUse: a reason" test -n "$err"
printf '{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_response":{"stdout":"\377\376 %s"}}' "$GH" > "$T/p.json"
$RUN "$CCVETO" hook --no-user-config < "$T/p.json" > "$T/out" 2> "$T/err"
rc=$?
case "$rc:$(cat "$T/out")" in
2:*) ok "invalid UTF-8: blocked" ;;
0:*REDACTED*) ok "invalid UTF-8: redacted" ;;
*) not_ok "invalid UTF-8: exit $rc, neither blocked nor redacted" ;;
esac
post "{$HEAD,\"tool_name\":\"Bash\",\"tool_response\":{\"stdout\":12,\"stderr\":null,\"x\":[true,{\"y\":\"$GH\"}]}}"
check "non-string fields: nested secret redacted" \
	sh -c 'printf %s "$1" | grep -q "\"stdout\":12,\"stderr\":null,\"x\":\[true,{\"y\":\"ghp_\[REDACTED\]\"}\]"' - "$out"

# A large output (4 MiB of text with one key at the end) is scanned whole.
awk -v k="$GH" 'BEGIN { printf "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_response\":{\"stdout\":\""; for (i = 0; i < 65536; i++) printf "line %08d of a long build log, nothing secret in it at all.....\\n", i; printf "%s\"}}", k }' > "$T/big.json"
$RUN "$CCVETO" hook --no-user-config < "$T/big.json" > "$T/out" 2> "$T/err"
rc=$?
if [ "$rc" = 0 ] && grep -q REDACTED "$T/out" && ! grep -q "$GH" "$T/out"; then
	ok "4 MiB output: the key at its end is redacted"
else
	not_ok "4 MiB output: exit $rc"
fi

# The event name spelled with a \u escape is still PostToolUse.
post "{\"hook_event_name\":\"PostTool\\u0055se\",\"tool_name\":\"Bash\",\"tool_response\":{\"stdout\":\"$GH\"}}"
check "escaped event name: still redacted" \
	sh -c 'printf %s "$1" | grep -q "ghp_\[REDACTED\]"' - "$out"

done_testing
