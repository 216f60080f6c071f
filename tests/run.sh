#!/bin/sh
# tests/run.sh - runs every test and ends with "N passed, N failed".
# Test programs speak TAP ("ok ..." / "not ok ..."); a program that exits
# non-zero or is killed also counts as one failure.  BUILD picks the build
# directory; VALGRIND=1 runs every binary under valgrind memcheck.
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
export CCVETO="$TOP/$BUILD/ccveto" TOP BUILD
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT INT TERM

if [ "${VALGRIND:-0}" = 1 ]; then
	# Used by tests/cli/*.sh through $RUN, and for unit binaries here.
	# --trace-children: `ccveto` executes ccveto-full for most commands.
	RUN="valgrind -q --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
--trace-children=yes"
else
	RUN=
fi
export RUN

# The hook finds the user's config and log from the passwd entry, not
# $HOME (docs/threat-model.md), so a test that forgets --home would read
# and write the real ones: fail the run if they appear.
REAL_HOME=$(awk -F: -v u="$(id -u)" '$3 == u { print $6; exit }' /etc/passwd)
real_state() {
	[ -n "$REAL_HOME" ] || return 0
	for f in "$REAL_HOME/.local/state/ccveto" "$REAL_HOME/.config/ccveto"; do
		[ -e "$f" ] && echo "$f"
	done
}
REAL_BEFORE=$(real_state)

passed=0 failed=0
run_one() {
	name=$1
	shift
	out="$LOG/$(echo "$name" | tr '/ ' '__')"
	"$@" > "$out" 2>&1
	rc=$?
	p=$(grep -c '^ok' "$out")
	f=$(grep -c '^not ok' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc"
	fi
	grep '^not ok' "$out" | sed "s|^|$name: |"
	# A skipped test is said out loud, never hidden in a count.
	grep '^ok.*# SKIP' "$out" | sed "s|^|$name: |"
	if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
		echo "--- $name (last lines) ---"
		tail -n 15 "$out"
	fi
	printf '%-40s %4d passed, %d failed\n' "$name" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in "$TOP/$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" $RUN "$t"
done
run_one "selftest" $RUN "$CCVETO" selftest --tap
for t in "$TOP"/tests/cli/*.sh; do
	[ -f "$t" ] || continue
	run_one "cli/$(basename "$t" .sh)" sh "$t"
done
for t in "$TOP"/tests/faults/*.sh; do
	[ -f "$t" ] || continue
	run_one "faults/$(basename "$t" .sh)" sh "$t"
done

if [ "$(real_state)" != "$REAL_BEFORE" ]; then
	echo "not ok - the tests created the real user's ccveto files:" \
		"$(real_state); pass --home to every hook, check and log call"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
