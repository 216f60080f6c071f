#!/bin/sh
# tests/cli/git_hook.sh - the hook's git-aware verdicts on real temporary
# repositories: `git push` with and without a refspec on main vs a feature
# branch (the branch read from .git/HEAD, a linked worktree's gitdir: file,
# detached HEAD), and reset/clean on clean vs dirty work trees.
. "$TOP/tests/lib.sh"
git_sandbox

# verdict CWD COMMAND -> got = deny | ask | allow; err = the reason
verdict() {
	cmd=$(printf '%s' "$2" | sed 's/\\/\\\\/g; s/"/\\"/g')
	printf '{"session_id":"s","transcript_path":"%s/t.jsonl","cwd":"%s","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"%s"},"tool_use_id":"t1"}\n' \
		"$T" "$1" "$cmd" > "$T/p.json"
	$RUN "$CCVETO" hook --home "$HOME" --no-user-config < "$T/p.json" > "$T/out" \
		2> "$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
	case "$rc:$out" in
	2:*) got=deny ;;
	0:*'"ask"'*) got=ask ;;
	0:) got=allow ;;
	*) got="exit $rc ($out)" ;;
	esac
}
expect() {	# expect WANT CWD COMMAND DESCRIPTION
	verdict "$2" "$3"
	is "$4: $3 -> $1" "$got" "$1"
}

R="$T/repo"
git init -q "$R"
mkdir -p "$R/src/deep"
echo one > "$R/a.txt"
git -C "$R" add a.txt
git -C "$R" commit -q -m one
git -C "$R" branch feature

# On main.
expect deny "$R" "git push -f" "on main, no refspec"
expect deny "$R/src/deep" "git push --force origin" "on main, from a subdir"
expect deny "$R" "git push -u -f origin HEAD" "on main, HEAD refspec"
expect allow "$R" "git push -f origin feature" "on main, feature refspec"
expect allow "$R" "git push origin main" "on main, no force"
# On a feature branch.
git -C "$R" checkout -q feature
expect allow "$R" "git push -f" "on feature, no refspec"
expect allow "$R" "git push --force -u origin HEAD" "on feature, HEAD"
expect deny "$R" "git push -f origin main" "on feature, main refspec"
expect deny "$R" "git push origin +main" "on feature, +main"
# release/* is protected by default.
git -C "$R" checkout -q -b release/2.0
expect deny "$R" "git push -f" "on release/2.0, no refspec"
git -C "$R" checkout -q main
# Detached HEAD: nothing protected is pushed by `git push -f` alone.
git -C "$R" checkout -q --detach
expect allow "$R" "git push -f origin HEAD:refs/heads/tmp" \
	"detached, explicit feature ref"
expect deny "$R" "git push -f origin HEAD:main" "detached, HEAD:main"
git -C "$R" checkout -q main
# A linked worktree (.git is a gitdir: file) on a feature branch.
git -C "$R" worktree add -q -b wt-feature "$T/wt"
expect allow "$T/wt" "git push -f" "linked worktree on wt-feature"
git -C "$T/wt" checkout -q -b release/wt
expect deny "$T/wt" "git push -f" "linked worktree on release/wt"
git -C "$R" checkout -q feature
expect deny "$T/wt" "git push -f" "  ... whatever the main checkout is on"
git -C "$R" checkout -q main
# Not a repository: the branch is unknown, so a bare force push is denied.
mkdir -p "$T/plain"
expect deny "$T/plain" "git push -f" "outside a repository (unknown)"

# Destructive commands on a clean and a dirty work tree: with nothing at
# stake there is no objection (reset --hard REV only moves the branch, the
# reflog keeps where it was); with work at stake the decision stays and
# the reason counts the files.
expect allow "$R" "git reset --hard" "clean tree: nothing to lose"
expect allow "$R" "git reset --hard HEAD" "clean tree: nothing to lose"
expect allow "$R" "git -C . clean -fd" "clean tree: nothing to lose"
expect allow "$R" "git checkout -- ." "clean tree: nothing to lose"
expect allow "$R/src" "git restore ." "clean tree: nothing to lose"
echo '*.log' > "$R/.gitignore"
echo 'node_modules/' >> "$R/.gitignore"
git -C "$R" add .gitignore && git -C "$R" commit -q -m ignore
mkdir -p "$R/node_modules/m" && echo x > "$R/node_modules/m/i.js"
echo log > "$R/build.log"
expect allow "$R" "git clean -fdx" "ignored build output only"
echo secret > "$R/.env.local"
echo '.env.local' >> "$R/.git/info/exclude"
expect deny "$R" "git clean -fdx" "an ignored file that is not build output"
expect allow "$R" "git clean -fdx node_modules" "  ... limited to node_modules"
rm -f "$R/.env.local"
echo two > "$R/a.txt"
echo new > "$R/untracked.txt"
expect deny "$R" "git reset --hard" "dirty tree"
case "$err" in *"1 uncommitted change"*)
	ok "dirty tree: the reason counts the files" ;;
*)	not_ok "dirty tree: the reason does not count the files: $err" ;;
esac
expect deny "$R" "git clean -fd" "untracked file present"
case "$err" in *"1 untracked file"*)
	ok "untracked file: the reason counts it" ;;
*)	not_ok "untracked file: the reason does not count it: $err" ;;
esac
# Pathspecs: the stake of the paths named, from the command's directory.
echo one > "$R/src/b.txt"
git -C "$R" add src/b.txt && git -C "$R" commit -q -m b
expect ask "$R" "git checkout -- a.txt" "a.txt is modified"
expect ask "$R" "git checkout HEAD -- a.txt" "a.txt is modified (from HEAD)"
expect ask "$R" "git restore a.txt" "a.txt is modified (restore)"
expect allow "$R" "git checkout -- src/b.txt" "src/b.txt is clean"
expect allow "$R" "cd src && git checkout -- b.txt" "src/b.txt is clean (cd)"
expect ask "$R" "cd src && git checkout -- ../a.txt" "../a.txt from src"
expect allow "$R" "git -C src checkout -- b.txt" "-C src: src/b.txt is clean"
expect ask "$R/src" "git -C .. checkout -- a.txt" "-C ..: a.txt is modified"
expect allow "$R/src" "git restore ." "src is clean"
expect ask "$R/src" "git restore :/" "the top is not"
expect allow "$R" "git checkout feature/none" "a branch-like name matches no file"
expect ask "$R" "git stash pop && git checkout -- src/b.txt" \
	"an earlier stash pop in the call: work may be at stake"
expect deny "$R" "git --git-dir=/nonexistent reset --hard" \
	"another repository: unknown"
echo one > "$R/a.txt"
expect allow "$R" "git checkout -- a.txt" "a.txt is back to clean"
echo two > "$R/a.txt"
git -C "$R" stash -q -u
verdict "$R" "git clean -fd"
is "clean tree after stash: clean -fd has nothing to lose" "$got" allow
expect ask "$R" "git stash && git stash drop" "stash then drop in one call"
verdict "$R" "git stash drop"
case "$got" in deny|ask) ok "a stash entry at stake: stash drop blocked or asked ($got)" ;;
*) not_ok "stash drop -> $got" ;; esac

# Moving a protected branch (git.ref-rewrite-protected): `git branch -M
# main` names the first branch of a new repository and overwrites nothing
# when main does not exist or is the branch renamed; with main present it
# would replace it.
N="$T/new"
git init -q -b master "$N"
git -C "$N" commit -q --allow-empty -m first
expect allow "$N" "git branch -M main" "no main yet: the first branch renamed"
expect allow "$N" "git branch -m main" "no main yet: -m"
git -C "$N" branch -M main
expect allow "$N" "git branch -M main" "already on main: a no-op"
git -C "$N" checkout -q -b topic
expect ask "$N" "git branch -M main" "on topic with main present: overwrites it"
expect ask "$N" "git branch -f main HEAD~0" "branch -f main"
expect ask "$N" "git update-ref refs/heads/main HEAD" "update-ref of main"
expect allow "$N" "git branch -f topic2 HEAD" "branch -f of an own branch"
git -C "$N" pack-refs --all
expect ask "$N" "git branch -C topic main" "main only in packed-refs"
expect allow "$N" "git branch -C topic release/9" "no such release branch"
expect ask "$R" "cd $N && git branch -M main" "the cd is followed"

# git reset --hard REV moves the branch unless REV is HEAD's commit
# (git.reset-hard-moves-branch): refs read loose and packed.
git -C "$N" checkout -q main
git -C "$N" commit -q --allow-empty -m second
git -C "$N" update-ref refs/remotes/origin/main HEAD
expect allow "$N" "git reset --hard origin/main" "origin/main is HEAD's commit"
expect allow "$N" "git reset --hard $(git -C "$N" rev-parse HEAD)" "HEAD's id"
expect ask "$N" "git reset --hard HEAD~1" "HEAD~1 drops a commit"
expect ask "$N" "git reset --hard $(git -C "$N" rev-parse HEAD~1)" "an older id"
git -C "$N" update-ref refs/remotes/origin/main HEAD~1
git -C "$N" pack-refs --all
expect ask "$N" "git reset --hard origin/main" "origin/main behind (packed)"
expect allow "$N" "git reset --hard main" "main, packed, is HEAD"
done_testing
