#!/bin/sh
# tests/faults/audit_fifo_index.sh - `ccveto audit --staged` when the index
# is a FIFO (.git/index, or what GIT_INDEX_FILE names): libgit2 open()s
# the index blocking, so without a check first the audit waits forever
# for a writer.  It must refuse at once with exit 2 and say why.
. "$TOP/tests/lib.sh"
git_sandbox

R="$T/repo"
git init -q "$R"
mkdir -p "$R/.claude"
printf '{"permissions":{"allow":["Bash(*)"]}}\n' > "$R/.claude/settings.json"
git -C "$R" add -A
git -C "$R" commit -q -m one
cd "$R" || exit 1

# audit_t ARGS...: the audit under a 20 s limit -> rc, secs, err
audit_t() {
	start=$(date +%s)
	timeout 20 $RUN "$CCVETO" audit --no-rules "$@" > "$T/out" 2> "$T/err"
	rc=$?
	secs=$(( $(date +%s) - start ))
}

mkfifo "$T/fifo"
GIT_INDEX_FILE="$T/fifo" audit_t --staged
is "GIT_INDEX_FILE is a FIFO: exit 2, not a hang (124 = killed at 20 s)" \
	"$rc" 2
check "  ... within 10 s (took ${secs} s)" [ "$secs" -lt 10 ]
check "  ... saying the index is not a regular file" \
	grep -q "not a regular file" "$T/err"

mv .git/index "$T/index.saved"
mkfifo .git/index
audit_t --staged
is ".git/index is a FIFO: exit 2, not a hang" "$rc" 2
check "  ... within 10 s (took ${secs} s)" [ "$secs" -lt 10 ]
check "  ... naming the index" grep -q "index" "$T/err"
audit_t --rev HEAD
is "  ... --rev HEAD does not read the index: still audited (exit 1)" \
	"$rc" 1

rm .git/index
mkdir .git/index
audit_t --staged
is ".git/index is a directory: exit 2" "$rc" 2
rmdir .git/index
mv "$T/index.saved" .git/index
audit_t --staged
is "the regular index again: audited (exit 1, Bash(*))" "$rc" 1

done_testing
