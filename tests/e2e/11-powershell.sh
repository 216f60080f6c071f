#!/bin/sh
# The PowerShell tool (enabled on Linux by CLAUDE_CODE_USE_POWERSHELL_TOOL=1;
# pwsh need not be installed: the hook runs before the tool would): a
# Remove-Item of the canary is refused before execution and the canary
# survives; a harmless listing is not refused by ccveto.
. "$TOP/tests/e2e/lib.sh"

new_case
run_case '{"name":"PowerShell","input":{"command":"Remove-Item -Recurse -Force ~/important"}}' \
	--env CLAUDE_CODE_USE_POWERSHELL_TOOL=1
blocked_by_ccveto "PowerShell Remove-Item ~/important"
canary_survives "PowerShell Remove-Item ~/important"
is "PowerShell: the hook that ran was the PreToolUse hook for PowerShell" \
	"$(r 'any(h.get("hook_name") == "PreToolUse:PowerShell" for h in hooks)')" True

new_case
run_case '{"name":"PowerShell","input":{"command":"rm -r -fo $HOME/important"}}' \
	--env CLAUDE_CODE_USE_POWERSHELL_TOOL=1
blocked_by_ccveto "PowerShell rm -r -fo \$HOME/important (alias, abbreviated)"
canary_survives "PowerShell rm -r -fo \$HOME/important"

new_case
run_case '{"name":"PowerShell","input":{"command":"Get-ChildItem -Force"}}' \
	--env CLAUDE_CODE_USE_POWERSHELL_TOOL=1
is "PowerShell Get-ChildItem: not refused by ccveto" \
	"$(r 'not any(h.get("exit_code") == 2 or "\"permissionDecision\"" in (h.get("stdout") or "") for h in hooks)')" True
is "PowerShell Get-ChildItem: the hook was called" \
	"$(r 'any(h.get("hook_name") == "PreToolUse:PowerShell" for h in hooks)')" True

done_testing
