#!/bin/sh
# A force push to main is refused and the remote's main is unchanged.
. "$TOP/tests/e2e/lib.sh"

git_() { git -c user.name=e2e -c user.email=e2e@example.invalid \
	-c init.defaultBranch=main -c commit.gpgsign=false "$@"; }
new_case
if [ "${E2E_SKIP:-0}" != 1 ]; then
	git_ init -q --bare "$W/remote.git"
	git_ -C "$W/project" init -q
	echo one > "$W/project/file.txt"
	git_ -C "$W/project" add file.txt
	git_ -C "$W/project" commit -q -m one
	git_ -C "$W/project" remote add origin "$W/remote.git"
	git_ -C "$W/project" push -q origin main
	# Rewrite history so that only a force push would update main.
	echo two > "$W/project/file.txt"
	git_ -C "$W/project" commit -q -a --amend -m two
	before=$(git -C "$W/remote.git" rev-parse main)
fi
run_case '{"name":"Bash","input":{"command":"git push --force origin main"}}'
refused_by_ccveto "git push --force origin main"
if [ "${E2E_SKIP:-0}" != 1 ]; then
	after=$(git -C "$W/remote.git" rev-parse main)
fi
is "git push --force origin main: the remote's main is unchanged" \
	"${after:-}" "${before:-}"

new_case
if [ "${E2E_SKIP:-0}" != 1 ]; then
	git_ -C "$W/project" init -q
	git_ -C "$W/project" commit -q --allow-empty -m one
fi
run_case '{"name":"Bash","input":{"command":"git push -f"}}'
refused_by_ccveto "git push -f on the current branch main"

done_testing
