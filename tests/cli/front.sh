#!/bin/sh
# tests/cli/front.sh - the two programs: `ccveto` (static-pie in the
# default build, judges hook calls itself) and `ccveto-full` (every other
# command, executed by `ccveto` with the same arguments), the internal
# worktree-stake helper, and what happens when ccveto-full is missing.
. "$TOP/tests/lib.sh"
git_sandbox
FULL=$(dirname "$CCVETO")/ccveto-full

if [ "$BUILD" = build ]; then
	# The default build: no program interpreter, no shared library.
	if readelf -lW "$CCVETO" | grep -q INTERP; then
		not_ok "ccveto is linked statically"
	else
		ok "ccveto is linked statically"
	fi
	is "ccveto needs no shared library" \
		"$(readelf -dW "$CCVETO" | grep -c NEEDED)" 0
fi

is "--version runs through ccveto-full" \
	"$($RUN "$CCVETO" --version)" "$("$FULL" --version)"
$RUN "$CCVETO" audit --help > "$T/out" 2>&1
is "audit --help exits 0 through ccveto-full" $? 0
check "audit --help prints its usage" grep -q 'usage: ccveto audit' "$T/out"
$RUN "$CCVETO" help audit > "$T/out" 2>&1
is "help audit exits 0" $? 0
check "help audit prints audit's usage, not the command list" \
	grep -q 'usage: ccveto audit' "$T/out"
$RUN "$CCVETO" help log > "$T/out" 2>&1
check "help log prints log's usage" grep -q 'usage: ccveto log' "$T/out"
$RUN "$CCVETO" help no-such-command > /dev/null 2> "$T/err"
is "help for an unknown command exits 2" $? 2
check "  ... and says so on stderr" \
	grep -q "unknown command 'no-such-command'" "$T/err"
$RUN "$CCVETO" help > "$T/out" 2>&1
check "help alone lists the commands" grep -q '^  audit ' "$T/out"
$RUN "$CCVETO" no-such-command > /dev/null 2> "$T/err"
is "an unknown command exits 2" $? 2
check "and says so" grep -q "unknown command 'no-such-command'" "$T/err"

# The internal helper the static hook asks for git facts.
git init -q "$T/repo"
echo one > "$T/repo/f"
git -C "$T/repo" add f
git -C "$T/repo" commit -qm one
is "worktree-stake: a clean work tree loses nothing" \
	"$($RUN "$FULL" worktree-stake 1 "$T/repo")" 0
echo two > "$T/repo/f"
echo new > "$T/repo/g"
is "worktree-stake: one tracked change" \
	"$($RUN "$FULL" worktree-stake 1 "$T/repo")" 1
is "worktree-stake: one untracked file" \
	"$($RUN "$FULL" worktree-stake 4 "$T/repo")" 1
$RUN "$FULL" worktree-stake 99 "$T/repo" > /dev/null 2>&1
is "worktree-stake refuses unknown flags" $? 2
$RUN "$FULL" worktree-stake 1 "$T/not-a-repo" > /dev/null 2>&1
is "worktree-stake fails outside a repository" $? 1
git -C "$T/repo" checkout -q -- f
rm "$T/repo/g"

reset_payload() {
	printf '{"tool_name":"Bash","cwd":"%s","tool_input":{"command":"git reset --hard"}}\n' \
		"$T/repo" > "$T/reset.json"
}
reset_payload
$RUN "$CCVETO" hook --home "$T" --no-user-config < "$T/reset.json" > "$T/out" 2>&1
rc=$?
is "reset --hard on a clean tree: nothing to lose (git facts from ccveto-full)" \
	"$rc:$(grep -c . "$T/out")" "0:0"

# ccveto alone, without its companion: the hook still judges; a command
# that needs ccveto-full says what is missing; a git fact that cannot be
# had keeps the deny (unknown stake counts as work at stake).
mkdir "$T/alone"
cp "$CCVETO" "$T/alone/ccveto"
printf '{"tool_name":"Bash","tool_input":{"command":"rm -rf ~"}}\n' > "$T/rm.json"
$RUN "$T/alone/ccveto" hook --home "$T" --no-user-config < "$T/rm.json" > /dev/null 2>&1
is "alone: the hook still denies rm -rf ~" $? 2
$RUN "$T/alone/ccveto" hook --home "$T" --no-user-config < "$T/reset.json" > /dev/null \
	2> "$T/err"
is "alone: reset --hard stays denied without git facts" $? 2
check "alone: the deny names the rule" grep -q 'git.reset-hard' "$T/err"
$RUN "$T/alone/ccveto" audit . > /dev/null 2> "$T/err"
is "alone: audit exits 2" $? 2
check "alone: and names the missing program" grep -q 'ccveto-full' "$T/err"

done_testing
