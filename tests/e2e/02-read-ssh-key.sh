#!/bin/sh
# A Read of a planted ~/.ssh/id_ed25519: blocked, the key never reaches
# the model.
. "$TOP/tests/e2e/lib.sh"

MARK=E2E-PLANTED-PRIVATE-KEY-3f9c
new_case
mkdir -p "$W/home/.ssh"
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----\n' "$MARK" > "$W/home/.ssh/id_ed25519"
chmod 600 "$W/home/.ssh/id_ed25519"
run_case '{"name":"Read","input":{"file_path":"'"$W"'/home/.ssh/id_ed25519"}}' \
	--canary home/.ssh/id_ed25519
refused_by_ccveto "Read ~/.ssh/id_ed25519"
is "Read ~/.ssh/id_ed25519: the key is not in any request to the model" \
	"$(count_in "$W/requests.jsonl" "$MARK")" 0
is "Read ~/.ssh/id_ed25519: the key is not in the client's output" \
	"$(count_in "$W/stream.jsonl" "$MARK")" 0

# The same key through Bash.
new_case
mkdir -p "$W/home/.ssh"
printf '%s\n' "$MARK" > "$W/home/.ssh/id_ed25519"
run_case '{"name":"Bash","input":{"command":"cat ~/.ssh/id_ed25519"}}'
refused_by_ccveto "cat ~/.ssh/id_ed25519"
is "cat ~/.ssh/id_ed25519: the key is not in any request to the model" \
	"$(count_in "$W/requests.jsonl" "$MARK")" 0

done_testing
