# tests/e2e/lib.sh - helpers for the end-to-end cases (source it).
# Each case drives the REAL Claude Code client through ../shared/e2e/run-case
# against a scripted fake model on 127.0.0.1, with ccveto registered exactly
# as `ccveto install` writes it into the (scratch) user's settings.json, and
# asserts on run-case's JSON report: what the client did with the call,
# whether the canary files survived, what the model was shown.
#
# Set by run.sh: CCVETO (binary under test), E2E_DIR (the harness),
# E2E_SKIP=1 when the client cannot run here: then every check prints
# "ok N - ... # SKIP claude client not installed" and nothing is run.
n=0
_skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP ${E2E_SKIP_WHY:-claude client not installed}"; }
ok() {
	if [ "${E2E_SKIP:-0}" = 1 ]; then _skip "$1"; return; fi
	n=$((n + 1)); echo "ok $n - $1"
}
not_ok() {
	if [ "${E2E_SKIP:-0}" = 1 ]; then _skip "$1"; return; fi
	n=$((n + 1)); echo "not ok $n - $1"
	[ -n "${W:-}" ] && echo "# case dir kept: $W" && KEEP=1
}
check() {
	d=$1; shift
	if [ "${E2E_SKIP:-0}" = 1 ]; then _skip "$d"; return; fi
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}
done_testing() {
	echo "1..$n"
	[ "${KEEP:-0}" = 1 ] || { [ -n "${CASES:-}" ] && rm -rf $CASES; }
}

# new_case [INSTALL-ARGS...]: a fresh case directory $W with home/ and
# project/, and ccveto registered by `ccveto install [INSTALL-ARGS...]` in
# $W/home/.claude/settings.json, as a user would do it.  `--home $W/home`
# stands in for the passwd entry (the hook never takes its home from
# $HOME), so the hook's config and log stay in the case directory.
new_case() {
	W=$(mktemp -d "${TMPDIR:-/tmp}/ccveto-e2e.XXXXXX")
	CASES="${CASES:-} $W"
	mkdir -p "$W/home" "$W/project"
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	if ! HOME="$W/home" "$CCVETO" install --home "$W/home" "$@" \
			> "$W/install.out" 2>&1; then
		echo "# ccveto install failed:"; sed 's/^/#   /' "$W/install.out"
	fi
}

# run_case TOOL_USE [run-case options]: runs the client in $W; the report
# goes to $W/report.json.  --scope flag keeps run-case's own (empty)
# settings out of home/.claude/settings.json, which stays byte for byte
# what `ccveto install` wrote.
run_case() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	_run_case "" "$@"
}
# _run_case HOOK_COMMAND TOOL_USE [run-case options]: run_case, and when
# HOOK_COMMAND is not empty it is registered too (in the flag settings,
# for run-case's --event/--matcher, behind its stdin recorder).
_run_case() {
	hk=$1 tu=$2; shift 2
	"$E2E_DIR/run-case" --workdir "$W" --scope flag "$@" "$tu" \
		${hk:+"$hk"} > "$W/report.json" 2> "$W/run-case.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "# run-case failed (rc=$rc):"; sed 's/^/#   /' "$W/run-case.err"
		echo '{}' > "$W/report.json"
	fi
}

# drop_install_post: takes install's PostToolUse groups out of the case's
# user settings, for a control run without redaction and for post_case,
# whose recorded registration then is the only one.
drop_install_post() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	python3 - "$W/home/.claude/settings.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d.get("hooks", {}).pop("PostToolUse", None)
json.dump(d, open(p, "w"), indent=2)
PY
}

# post_case TOOL_USE MATCHER [run-case options]: run_case with ccveto
# registered for PostToolUse on MATCHER, in the entry `ccveto install`
# writes for it (the same command, 10 s, onFailure block) but in the
# flag settings and recorded (report's hook_invocations); install's own
# PostToolUse groups are dropped, so this is the one that runs.
post_case() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	drop_install_post
	tu=$1 pm=$2; shift 2
	_run_case "$CCVETO hook --home '$W/home'" "$tu" --event PostToolUse \
		--matcher "$pm" --timeout 10 --on-failure block "$@"
}

# r PYTHON-EXPRESSION: evaluates over the report: r (all of it), c (the
# first tool call), hooks (hook_response events); prints the value.
r() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	python3 - "$W/report.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
calls = r.get("tool_calls") or [{}]
c = calls[0]
hooks = [e for e in r.get("hook_events") or [] if e.get("subtype") == "hook_response"]
try:
    v = eval(sys.argv[2])
except Exception as e:  # a missing key is a failed check, not a crash
    v = "error: %s: %s" % (type(e).__name__, e)
print(v)
PY
}

# count_in FILE TEXT: lines of FILE holding TEXT ("missing" without FILE).
count_in() {
	if [ -f "$1" ]; then grep -c -F -- "$2" "$1"; else echo missing; fi
}

# The checks almost every case makes.
blocked_by_ccveto() {
	is "$1: the client reports a block by the hook" \
		"$(r 'c.get("outcome")')" blocked_by_hook
	is "$1: ccveto exited 2 with a reason" \
		"$(r 'any(h.get("exit_code") == 2 and "ccveto" in (h.get("stderr") or "") for h in hooks)')" True
}
# refused_by_ccveto DESC: the call did not run because of ccveto, by a deny
# (exit 2) or an ask (JSON; in -p mode nobody can approve, so refused).
refused_by_ccveto() {
	is "$1: the client refused the call" \
		"$(r 'c.get("outcome") in ("blocked_by_hook", "refused")')" True
	is "$1: ccveto denied (exit 2) or asked (ask JSON)" \
		"$(r 'any((h.get("exit_code") == 2 and "ccveto" in (h.get("stderr") or "")) or (h.get("exit_code") == 0 and "\"permissionDecision\":\"ask\"" in (h.get("stdout") or "")) for h in hooks)')" True
}
canary_survives() {
	is "$1: ~/important/keep.txt still exists" \
		"$(r 'r["canaries_exist"]["home/important/keep.txt"]')" True
}

# The version of the client under test ("2.1.332"; run.sh exports it as
# E2E_CLIENT_VERSION), or nothing when it cannot be told.
client_version() {
	if [ -n "${E2E_CLIENT_VERSION:-}" ]; then
		echo "$E2E_CLIENT_VERSION"
	elif [ -n "${CLAUDE_BIN:-}" ]; then
		"$CLAUDE_BIN" --version 2>/dev/null |
			sed -n '1s/^\([0-9][0-9.]*\).*/\1/p'
	fi
}
# version_at_least HAVE WANT: HAVE is WANT or newer (dotted numbers).
version_at_least() {
	[ -n "$1" ] &&
	[ "$(printf '%s\n%s\n' "$2" "$1" | sort -t. -k1,1n -k2,2n -k3,3n |
	     head -n 1)" = "$2" ]
}
# needs_client VERSION: every later check of this case file is skipped
# ("# SKIP needs Claude Code VERSION ...") on an older client.
needs_client() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	_v=$(client_version)
	if ! version_at_least "$_v" "$1"; then
		E2E_SKIP=1
		E2E_SKIP_WHY="needs Claude Code $1 or newer (this is ${_v:-an unknown version})"
	fi
}

# project_command NAME TEXT: writes the project's custom command
# .claude/commands/NAME.md (run it with run_case ... --prompt /NAME); the
# project becomes a git repository so that `git status` lines work.
project_command() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	mkdir -p "$W/project/.claude/commands"
	printf '%s\n' "$2" > "$W/project/.claude/commands/$1.md"
	git -C "$W/project" init -q 2>/dev/null
}
# project_skill NAME TEXT: the same as a skill, .claude/skills/NAME/SKILL.md.
project_skill() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	mkdir -p "$W/project/.claude/skills/$1"
	printf '%s\n' "$2" > "$W/project/.claude/skills/$1/SKILL.md"
	git -C "$W/project" init -q 2>/dev/null
}
# prompt_has TEXT: does the text the client sent the model as the user's
# turn (a command's expanded body, a skill's text after a Skill call) hold
# TEXT?  Reads the fake model's request log; prints True or False.
prompt_has() {
	[ "${E2E_SKIP:-0}" = 1 ] && return 0
	python3 - "$W/requests.jsonl" "$1" <<'PY'
import json, sys
want, found = sys.argv[2], False
try:
    lines = open(sys.argv[1]).read().splitlines()
except OSError:
    lines = []
for line in lines:
    body = json.loads(line).get("body") or {}
    for m in body.get("messages") or []:
        if m.get("role") != "user":
            continue
        parts = m.get("content")
        parts = [parts] if isinstance(parts, str) else parts or []
        for p in parts:
            if not isinstance(p, dict):
                p = {"text": str(p)}
            text = p.get("text") or ""
            if p.get("type") == "tool_result":
                text = json.dumps(p.get("content"))
            if want in text:
                found = True
print(found)
PY
}
