#!/bin/sh
# tests/cli/git_audit.sh - `ccveto audit --staged / --rev / --all-refs /
# --repo` on temporary repositories made with the git CLI: staged-bad vs
# worktree-fixed and the reverse, an empty repository, a subdirectory, a
# bare clone ("vet before you open"), an older commit, detached HEAD, a
# linked worktree, and the git-only checks CC018 and CC098.
. "$TOP/tests/lib.sh"
git_sandbox

BAD='{"permissions":{"allow":["Bash(*)"]}}'
GOOD='{"permissions":{"allow":["Bash(npm run test)"],"deny":["Read(./.env)"]}}'

# audit ARGS... -> rc, out (text report)
audit() {
	out=$($RUN "$CCVETO" audit --no-rules "$@" 2> "$T/err")
	rc=$?
}
has() { case "$out" in *"$1"*) return 0 ;; esac; return 1; }

R="$T/repo"
git init -q "$R"
cd "$R" || exit 1

# An empty repository: nothing staged, nothing audited, no error.
audit --staged
is "empty repository: --staged exits 0" "$rc" 0
audit --rev HEAD
is "empty repository: --rev HEAD is an error (exit 2)" "$rc" 2
check "empty repository: the error names the revision" \
	grep -q "HEAD" "$T/err"

# Staged bad, work tree fixed: --staged reports it, the worktree does not.
mkdir .claude sub
printf '%s\n' "$BAD" > .claude/settings.json
git add .claude/settings.json
printf '%s\n' "$GOOD" > .claude/settings.json
audit --staged
is "staged-bad/worktree-fixed: --staged exits 1" "$rc" 1
check "  ... and reports CC005" has CC005
check "  ... with the index as source" has "(index)"
check "  ... paths relative to the repository root" \
	has ".claude/settings.json"
audit .
is "staged-bad/worktree-fixed: worktree audit exits 0" "$rc" 0
cd sub || exit 1
audit --staged
is "--staged works from a subdirectory" "$rc" 1
case "$out" in *"../.claude"*|*"sub/"*) not_ok "paths from the root" ;;
*) ok "paths stay relative to the root from a subdirectory" ;; esac
cd "$R" || exit 1

# The reverse: staged fixed, work tree bad.
printf '%s\n' "$GOOD" > .claude/settings.json
git add .claude/settings.json
printf '%s\n' "$BAD" > .claude/settings.json
audit --staged
is "staged-fixed/worktree-bad: --staged exits 0" "$rc" 0
audit .
is "staged-fixed/worktree-bad: worktree audit exits 1" "$rc" 1
git commit -q -m good
C1=$(git rev-parse HEAD)

# A bad commit on top: --rev HEAD sees it, --rev on the older one not.
git add .claude/settings.json
git commit -q -m bad
audit --rev HEAD
is "--rev HEAD (bad) exits 1" "$rc" 1
check "  ... labelled with the commit" has "commit "
audit --rev HEAD~1
is "--rev HEAD~1 (older, good) exits 0" "$rc" 0
audit --rev "$C1"
is "--rev SHA exits 0" "$rc" 0
git tag v1 "$C1"
audit --rev v1
is "--rev on a tag exits 0" "$rc" 0
audit --rev no-such-branch
is "unknown revision exits 2" "$rc" 2
check "  ... and says so" grep -q "unknown revision 'no-such-branch'" "$T/err"
audit --rev HEAD .claude/settings.json
is "--rev with a PATH inside the commit" "$rc" 1

# Detached HEAD: --staged and --rev HEAD still work.
git checkout -q --detach "$C1"
audit --rev HEAD
is "detached HEAD: --rev HEAD is the old commit (exit 0)" "$rc" 0
audit --staged
is "detached HEAD: --staged exits 0" "$rc" 0
git checkout -q main

# A linked worktree on a feature branch with the bad file staged.
git worktree add -q -b feature "$T/wt" "$C1"
cd "$T/wt" || exit 1
printf '%s\n' "$BAD" > .claude/settings.json
git add .claude/settings.json
audit --staged
is "linked worktree: --staged sees its own index" "$rc" 1
audit --rev HEAD
is "linked worktree: --rev HEAD is its own branch" "$rc" 0
audit --rev main
is "linked worktree: --rev main" "$rc" 1
audit .
check "linked worktree: no CC098 for an honest .git file" sh -c \
	'! printf "%s" "$1" | grep -q CC098' sh "$out"
cd "$R" || exit 1

# A bare clone: vet before you open.
git clone -q --bare "$R" "$T/r.git"
audit --repo "$T/r.git" --rev HEAD
is "bare clone: --rev HEAD (bad) exits 1" "$rc" 1
audit --repo "$T/r.git" --rev v1
is "bare clone: --rev v1 (good) exits 0" "$rc" 0
audit --repo "$T/r.git" --staged
is "bare clone: --staged is a usage error" "$rc" 2
check "  ... that says why" grep -q "bare repository" "$T/err"
audit --repo "$T/r.git" --all-refs
is "bare clone: --all-refs finds the bad head (exit 1)" "$rc" 1
check "  ... and names branch heads in paths" has "main:"
check "  ... and the tag" has "v1:"
audit --repo "$T/r.git" --all-refs --format sarif
is "--all-refs in SARIF exits 1" "$rc" 1
audit --repo "$T/nowhere" --rev HEAD
is "--repo on a missing path exits 2" "$rc" 2
audit --staged --rev HEAD
is "--staged with --rev is a usage error" "$rc" 2

# CC018: a tracked settings.local.json, in the index and in a worktree.
printf '%s\n' "$GOOD" > .claude/settings.local.json
git add .claude/settings.local.json
audit --staged
check "CC018: staged settings.local.json" has CC018
audit .
check "CC018: tracked settings.local.json in a worktree audit" has CC018
git rm -q --cached .claude/settings.local.json
audit .
case "$out" in *"is tracked by git"*) not_ok "CC018: untracked file is not 'tracked'" ;;
*) ok "CC018: an untracked settings.local.json is not called tracked" ;; esac

# CC098: a checkout whose .git/commondir points elsewhere, and a .git
# file pointing to a directory that does not point back.
mkdir -p "$T/evil/.claude"
git init -q "$T/evil"
printf '%s\n' "$GOOD" > "$T/evil/.claude/settings.json"
printf '%s\n' "$R/.git" > "$T/evil/.git/commondir"
audit "$T/evil"
check "CC098: .git/commondir outside the checkout" has CC098
mkdir -p "$T/evil2/.claude" "$T/elsewhere"
printf '%s\n' "$GOOD" > "$T/evil2/.claude/settings.json"
printf 'gitdir: %s\n' "$T/elsewhere" > "$T/evil2/.git"
audit "$T/evil2"
check "CC098: .git file pointing outside, no back-link" has CC098
audit "$R"
case "$out" in *CC098*) not_ok "CC098: none for a normal repository" ;;
*) ok "CC098: none for a normal repository" ;; esac

# The environment git gives hooks (githooks(5)): GIT_INDEX_FILE, GIT_DIR,
# GIT_WORK_TREE, GIT_COMMON_DIR.  tests/cli/git_precommit.sh runs real
# commits; here each variable alone.
cd "$R" || exit 1
git reset -q --hard
printf '%s\n' "$GOOD" > .claude/settings.json
git add .claude/settings.json
cp .git/index "$T/good.index"
printf '%s\n' "$BAD" > .claude/settings.json
git add .claude/settings.json
cp .git/index "$T/bad.index"
git reset -q --hard
printf '%s\n' "$GOOD" > .claude/settings.json
git add .claude/settings.json
audit --staged
is "env: without GIT_INDEX_FILE the index is .git/index (good)" "$rc" 0
GIT_INDEX_FILE="$T/bad.index" audit --staged
is "env: GIT_INDEX_FILE names the index (bad)" "$rc" 1
cp "$T/bad.index" .git/tmp-index
GIT_INDEX_FILE=.git/tmp-index audit --staged
is "env: a relative GIT_INDEX_FILE is relative to the current directory" \
	"$rc" 1
rm -f .git/tmp-index
GIT_INDEX_FILE= audit --staged
is "env: an empty GIT_INDEX_FILE is unset" "$rc" 0
GIT_INDEX_FILE="$T/no-such-index" audit --staged
is "env: a missing GIT_INDEX_FILE is an empty index, as for git" "$rc" 0
GIT_INDEX_FILE="$T/bad.index" audit --rev HEAD
is "env: GIT_INDEX_FILE does not change --rev" "$rc" 1
GIT_INDEX_FILE="$T/bad.index" audit --staged --repo "$R"
is "env: --repo naming the same repository keeps GIT_INDEX_FILE" "$rc" 1
GIT_INDEX_FILE="$T/bad.index" audit --staged --repo "$T/wt"
is "env: --repo naming another repository ignores GIT_INDEX_FILE" "$rc" 1
git -C "$T/wt" reset -q
GIT_INDEX_FILE="$T/bad.index" audit --staged --repo "$T/wt"
is "  ... (its own index is clean)" "$rc" 0
cd "$T" || exit 1
GIT_DIR="$R/.git" audit --staged
is "env: GIT_DIR from outside the work tree" "$rc" 0
GIT_DIR="$R/.git" GIT_INDEX_FILE="$T/bad.index" audit --staged
is "env: GIT_DIR with GIT_INDEX_FILE" "$rc" 1
GIT_DIR="$R" audit --staged
is "env: GIT_DIR naming a work tree, not a git directory, is an error" \
	"$rc" 2
check "  ... that names GIT_DIR" grep -q "GIT_DIR" "$T/err"
GIT_DIR="$T/r.git" audit --staged
is "env: GIT_DIR naming a bare repository: nothing staged (exit 2)" "$rc" 2
GIT_DIR="$T/r.git" GIT_WORK_TREE="$R" GIT_INDEX_FILE="$T/bad.index" \
	audit --staged
is "env: GIT_WORK_TREE makes a bare git directory usable for --staged" \
	"$rc" 1
GIT_DIR="$R/.git" GIT_WORK_TREE="$T/nowhere" audit --staged
is "env: a GIT_WORK_TREE that does not exist is an error" "$rc" 2
GIT_DIR="$R/.git" GIT_COMMON_DIR="$R/.git" audit --staged
is "env: GIT_COMMON_DIR that agrees with the repository" "$rc" 0
cd "$T/wt" || exit 1
GIT_COMMON_DIR="$R/.git" audit --rev HEAD
is "env: GIT_COMMON_DIR of a linked worktree" "$rc" 0
GIT_COMMON_DIR="$T/r.git" audit --rev HEAD
is "env: a GIT_COMMON_DIR ccveto cannot follow is an error, not another repository's answer" \
	"$rc" 2
check "  ... that says so" grep -q "GIT_COMMON_DIR" "$T/err"
cd "$T" || exit 1

done_testing
