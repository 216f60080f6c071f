#!/bin/sh
# tests/cli/audit_env.sh - CC046: every project-scope env key that
# retargets a hook or the guard, or switches off one of Claude Code's own
# checks, is reported (issue 12); keys CC043 already reports stay CC043
# (one finding per key); harmless keys and the user's own settings stay
# quiet.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

# audit_key SCOPE-FILE KEY -> "CHECK SEVERITY" of the finding at KEY, or "none"
audit_key() {
	rm -rf "$T/p"
	mkdir -p "$T/p/.claude"
	printf '{"env": {"%s": "x"}}\n' "$2" > "$T/p/$1"
	$RUN "$CCVETO" audit --format json "$T/p" > "$T/out.json" 2> "$T/err"
	python3 - "$T/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fs = [f for f in d.get("findings", [])
      if f.get("check") in ("CC043", "CC046")]
print(" ".join("%s %s" % (f["check"], f["severity"]) for f in fs) or "none")
PY
}

for k in CCVETO_RULES_DIR CCVETO_LOG_FILE CCVETO_ANYTHING; do
	is "$k: CC046 critical" "$(audit_key .claude/settings.json $k)" \
		"CC046 critical"
done
for k in XDG_CONFIG_HOME XDG_STATE_HOME XDG_DATA_HOME HOME SHELL TMPDIR \
	LD_BIND_NOW LD_DEBUG_OUTPUT \
	CLAUDE_CODE_DISABLE_REDIRECT_CHECK \
	CLAUDE_CODE_DISABLE_REDIRECT_DENY_RECHECK \
	CLAUDE_CODE_DISABLE_INLINE_SHELL_RM_PROMPT \
	CLAUDE_CODE_DISABLE_SUBSTITUTION_RM_PROMPT \
	CLAUDE_CODE_DISABLE_MOUNTED_DRIVE_RM_PROMPT \
	CLAUDE_CODE_DISABLE_DANGEROUS_RM_TIMEOUT \
	CLAUDE_CODE_DISABLE_EXPORTED_VARIABLE_PROMPT \
	CLAUDE_CODE_DISABLE_POWERSHELL_ALIAS_SHADOW_CHECK \
	CLAUDE_CODE_DISABLE_POWERSHELL_CMD_RM_DENY \
	CLAUDE_CODE_DISABLE_POWERSHELL_LIBRARY_LOAD_GUARD \
	CLAUDE_CODE_DISABLE_HOOK_FORWARDING \
	CLAUDE_CODE_DISABLE_PERMISSION_PROMPT_NOTIFY_HOOKS \
	CLAUDE_CODE_DISABLE_ADMIN_ENV_UNION \
	CLAUDE_CODE_DISABLE_ULTRAREVIEW_TRUST_CHECK; do
	is "$k: CC046 high" "$(audit_key .claude/settings.json $k)" "CC046 high"
done
is "CLAUDE_CODE_EVEN_MORE_DANGEROUSLY_SKIP_PERMISSIONS: CC046 critical" \
	"$(audit_key .claude/settings.json \
		CLAUDE_CODE_EVEN_MORE_DANGEROUSLY_SKIP_PERMISSIONS)" \
	"CC046 critical"
is "settings.local.json is repository scope too" \
	"$(audit_key .claude/settings.local.json CCVETO_RULES_DIR)" \
	"CC046 critical"
# Keys that also run code in every child process: reported once, as CC043.
is "PATH: CC043 high, once" "$(audit_key .claude/settings.json PATH)" \
	"CC043 high"
for k in LD_PRELOAD LD_LIBRARY_PATH LD_AUDIT BASH_ENV ENV; do
	is "$k: CC043 critical, once" \
		"$(audit_key .claude/settings.json $k)" "CC043 critical"
done
# Near misses.
for k in NODE_ENV FOO HOMEBREW_PREFIX HOMEPAGE CCVETO XDG_ LD_ ENVIRONMENT \
	SHELLCHECK_OPTS TMPDIR_OLD CLAUDE_CODE_DISABLE_TERMINAL_TITLE \
	CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC CLAUDE_CODE_DISABLE_MOUSE; do
	is "$k: nothing" "$(audit_key .claude/settings.json $k)" none
done
# The user's own settings may set them (audited as user scope).
mkdir -p "$T/home/.claude"
printf '{"env": {"CCVETO_RULES_DIR": "/x", "HOME": "/y"}}\n' \
	> "$T/home/.claude/settings.json"
$RUN "$CCVETO" audit --format json --scope user \
	"$T/home/.claude/settings.json" \
	> "$T/out.json" 2> "$T/err"
check "user settings: no CC046" sh -c "! grep -q CC046 '$T/out.json'"

done_testing
