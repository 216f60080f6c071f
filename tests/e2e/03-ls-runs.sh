#!/bin/sh
# A harmless command runs: the guard is there (it ran and said nothing)
# and does not get in the way.
. "$TOP/tests/e2e/lib.sh"

new_case
run_case '{"name":"Bash","input":{"command":"ls -la"}}'
is "ls -la: executed" "$(r 'c.get("outcome")')" executed
is "ls -la: the model sees the listing" \
	"$(r '"README.md" in str(c.get("result", {}).get("content"))')" True
is "ls -la: ccveto ran and exited 0 with empty stdout" \
	"$(r 'any(h.get("exit_code") == 0 and not (h.get("stdout") or "").strip() for h in hooks)')" True

new_case
run_case '{"name":"Read","input":{"file_path":"'"$W"'/project/README.md"}}'
is "Read README.md in the project: executed" "$(r 'c.get("outcome")')" executed

done_testing
