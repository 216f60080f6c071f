#!/bin/sh
# Monitor runs shell commands too; ccveto judges them like Bash.
. "$TOP/tests/e2e/lib.sh"

new_case
run_case '{"name":"Monitor","input":{"command":"rm -rf ~/important","description":"watch","timeout_ms":5000}}'
refused_by_ccveto "Monitor rm -rf ~/important"
canary_survives "Monitor rm -rf ~/important"
is "Monitor: the hook that ran was the PreToolUse hook for Monitor" \
	"$(r 'any(h.get("hook_name") == "PreToolUse:Monitor" for h in hooks)')" True

new_case
run_case '{"name":"Monitor","input":{"command":"echo tick","description":"watch","timeout_ms":5000}}'
is "Monitor echo tick: not blocked" \
	"$(r 'c.get("outcome") != "blocked_by_hook"')" True

done_testing
