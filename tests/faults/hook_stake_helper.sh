#!/bin/sh
# tests/faults/hook_stake_helper.sh - the worktree helper the hook runs for
# `git reset --hard` and friends (`ccveto-full worktree-stake`) is bounded
# and never outlives the hook: an index that is a FIFO or huge is refused
# before libgit2 reads it, a helper that blocks (a FIFO `.git/config`) is
# killed and reaped when the hook stops waiting, and each time the rule's
# deny stands (work may be at stake).  Before, a FIFO index or config left
# the helper blocked for ever after the watchdog ended the hook (whose
# answer was "timed out"), and a 300 MB index was read whole into memory
# (peak RSS 315 MB).
. "$TOP/tests/lib.sh"

git_sandbox
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
R="$T/repo"
git init -q "$R" && echo a > "$R/a" && git -C "$R" add a &&
	git -C "$R" commit -qm a
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"%s","tool_input":{"command":"git reset --hard"}}' "$R" > "$T/p.json"
hookrun() { python3 "$TOP/tests/faults/hookrun.py" "$@" > "$T/out"; }
rc() { sed -n 's/^rc=//p' "$T/out"; }
rss() { sed -n 's/^maxrss_kb=//p' "$T/out"; }
# Helpers still running on this repository (matched by its unique path).
left() {
	{ for p in /proc/[0-9]*; do
		tr '\0' ' ' < "$p/cmdline"
		echo
	done; } 2>/dev/null | grep -c "worktree-stake [0-9]* $R"
}
# A helper from a failed case must not wedge the next one.
cleanup() {
	{ for p in /proc/[0-9]*; do
		if tr '\0' ' ' < "$p/cmdline" |
		   grep -q "worktree-stake [0-9]* $R"; then
			kill -9 "${p#/proc/}"
		fi
	done; } 2>/dev/null
}

hookrun "$T/p.json"
is "clean tree: the helper answers (ask, exit 0)" "$(rc)" 0

mv "$R/.git/index" "$T/index"
mkfifo "$R/.git/index"
hookrun "$T/p.json"
is "FIFO .git/index: the rule's deny stands" "$(rc)" 2
check "  for its rule, not the watchdog" grep -q "git.reset-hard" "$T/out"
sleep 1
is "  and no helper is left behind" "$(left)" 0
cleanup
rm "$R/.git/index"

# Sparse: costs no disk, but libgit2 would read it all.
dd if=/dev/zero of="$R/.git/index" bs=1 count=0 seek=300M 2>/dev/null
hookrun "$T/p.json"
is "300 MB .git/index: the rule's deny stands" "$(rc)" 2
if [ -z "$RUN" ] && case ${BUILD:-} in *asan*) false ;; esac; then
	r=$(rss)
	check "  and it is not read: peak RSS ${r} KiB <= 64 MiB" \
		test "${r:-999999}" -le 65536
fi
rm "$R/.git/index"
mv "$T/index" "$R/.git/index"

mv "$R/.git/config" "$T/config.git"
mkfifo "$R/.git/config"
hookrun "$T/p.json"
is "FIFO .git/config (the helper blocks in libgit2): the deny stands" \
	"$(rc)" 2
check "  for its rule" grep -q "git.reset-hard" "$T/out"
check "  not the watchdog" sh -c "! grep -q 'timed out' '$T/out'"
sleep 1
is "  and the helper was killed and reaped" "$(left)" 0
cleanup
rm "$R/.git/config"
mv "$T/config.git" "$R/.git/config"

done_testing
