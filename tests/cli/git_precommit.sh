#!/bin/sh
# tests/cli/git_precommit.sh - `ccveto audit --staged` as a real pre-commit
# hook, run by git itself: the plain hook (examples/git-hooks/pre-commit)
# and the pre-commit framework loading this repository's
# .pre-commit-hooks.yaml offline (`repo:` a local clone, `rev:` a commit).
# Each way of committing that makes git run hooks on a temporary index
# (GIT_INDEX_FILE) is tried both ways round: a bad config the commit would
# record is refused, and a bad index that the commit replaces is not.
. "$TOP/tests/lib.sh"
git_sandbox

# `ccveto` on PATH for both hooks, under $RUN (valgrind) when set.
mkdir -p "$T/bin"
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$RUN" "$CCVETO" > "$T/bin/ccveto"
chmod +x "$T/bin/ccveto"
PATH="$T/bin:$PATH"
export PATH PRE_COMMIT_HOME="$T/pre-commit-cache"

BAD='{"permissions":{"allow":["Bash(*)"]}}'
k=0
good() {	# a different clean settings file each time
	k=$((k + 1))
	printf '{"permissions":{"allow":["Bash(npm run t%d)"],"deny":["Read(./.env)"]}}\n' "$k"
}
S=.claude/settings.json

# try WANT DESCRIPTION GIT-COMMIT-ARGS... (run in the current directory):
# WANT is "commits" or "refused"; the commit happened iff HEAD moved.
try() {
	want=$1 desc=$2
	shift 2
	before=$(git rev-parse HEAD)
	git commit -q "$@" > "$T/out" 2>&1
	if [ "$(git rev-parse HEAD)" != "$before" ]; then
		got=commits
	else
		got=refused
	fi
	is "$mode: $desc" "$got" "$want"
	[ "$got" = "$want" ] || sed 's/^/#   /' "$T/out"
}
# Back to a clean tree on a fresh commit of a good file.
reset_clean() {
	git reset -q --hard
	good > "$S"
	git add "$S"
	git commit -q --no-verify -m "good $k"
}

# scenarios [short]: in the top of a work tree; "short" tries the four
# that differ between a linked worktree and the main one (GIT_DIR is set).
scenarios() {
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	try refused "commit -a records a bad work-tree file" -a -m x
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	git add "$S"
	good > "$S"
	try commits "commit -a replaces a bad staged file" -a -m x
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	git add "$S"
	try refused "commit --amend with a bad staged file" --amend --no-edit
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	try refused "commit PATH records the bad work-tree file" -m x "$S"
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	git add "$S"
	good > "$S"
	try commits "commit PATH replaces a bad staged file" -m x "$S"
	[ "${1:-}" = short ] && return
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	try refused "commit --only PATH" --only -m x "$S"
	reset_clean
	echo other > other.txt
	git add other.txt
	printf '%s\n' "$BAD" > "$S"
	try refused "commit -i PATH (index plus PATH)" -i -m x "$S"
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	git add "$S"
	good > "$S"
	try commits "commit --amend -a replaces a bad staged file" \
		--amend --no-edit -a
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	cd sub || return
	try refused "commit -a from a subdirectory" -a -m x
	cd .. || return
	reset_clean
	printf '%s\n' "$BAD" > "$S"
	git add "$S"
	cd sub || return
	try refused "commit --amend from a subdirectory" --amend --no-edit
	cd .. || return
	reset_clean
	good > "$S"
	try commits "a clean commit -a still commits" -a -m x
}

# A repository with a linked worktree, for both hooks.
make_repo() {	# make_repo DIR
	git init -q "$1"
	mkdir -p "$1/.claude" "$1/sub"
	good > "$1/$S"
	echo keep > "$1/sub/keep"
	git -C "$1" add -A
	git -C "$1" commit -q -m init
}

# --- the plain git hook
mode="git hook"
R="$T/plain"
make_repo "$R"
cp "$TOP/examples/git-hooks/pre-commit" "$R/.git/hooks/pre-commit"
chmod +x "$R/.git/hooks/pre-commit"
cd "$R" || exit 1
scenarios
git worktree add -q -b wt "$T/plain-wt"
cd "$T/plain-wt" || exit 1
mode="git hook, linked worktree"
scenarios short
cd "$T" || exit 1

# --- the pre-commit framework, this repository's manifest
if ! command -v pre-commit > /dev/null 2>&1; then
	msg="pre-commit is not installed: .pre-commit-hooks.yaml and the framework hook are NOT tested (Debian: apt-get install pre-commit)"
	echo "# SKIP $msg" >&2
	ok "# SKIP $msg"
	done_testing
	exit 0
fi
pre-commit validate-manifest "$TOP/.pre-commit-hooks.yaml" > "$T/out" 2>&1
is "pre-commit $(pre-commit --version | cut -d' ' -f2) accepts .pre-commit-hooks.yaml" "$?" 0
grep -i warn "$T/out" && not_ok "  ... without warnings" || ok "  ... without warnings"

# The hooks repository: the manifest as it is in this checkout, committed
# to a scratch repository so `rev:` can name a commit.
H="$T/ccveto-hooks"
git init -q "$H"
cp "$TOP/.pre-commit-hooks.yaml" "$H/"
git -C "$H" add .pre-commit-hooks.yaml
git -C "$H" commit -q -m manifest
REV=$(git -C "$H" rev-parse HEAD)

R="$T/framework"
make_repo "$R"
cat > "$R/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $H
    rev: $REV
    hooks:
      - id: ccveto-audit
EOF
git -C "$R" add .pre-commit-config.yaml
git -C "$R" commit -q -m config
cd "$R" || exit 1
pre-commit install > "$T/out" 2>&1
is "pre-commit install" "$?" 0
mode="pre-commit framework"
scenarios
# The hook must really have been the framework's, with ccveto in it.
printf '%s\n' "$BAD" > "$S"
git commit -q -a -m x > "$T/out" 2>&1
check "pre-commit framework: the refusal names ccveto's hook and check" \
	sh -c 'grep -q "ccveto audit" "$1" && grep -q CC005 "$1"' sh "$T/out"
git reset -q --hard
git worktree add -q -b wt "$T/framework-wt"
cd "$T/framework-wt" || exit 1
mode="pre-commit framework, linked worktree"
scenarios short
cd "$T" || exit 1

done_testing
