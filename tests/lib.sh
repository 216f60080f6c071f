# tests/lib.sh - TAP helpers for tests/cli/*.sh (source it).
# $CCVETO is the binary under test; $RUN is empty or a valgrind prefix.
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
# check DESCRIPTION COMMAND...: passes when the command exits 0
check() {
	d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# is DESCRIPTION GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}
done_testing() { echo "1..$n"; }
# git_sandbox: a scratch directory $T (removed on exit) with its own HOME,
# config and state directories and git identity; no system git config and
# no GIT_* variables from the caller.
git_sandbox() {
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
	export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 \
		XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
	mkdir -p "$HOME"
	git config --global user.name ccveto-test
	git config --global user.email test@example.invalid
	git config --global init.defaultBranch main
	git config --global advice.detachedHead false
}
