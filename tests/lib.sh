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
