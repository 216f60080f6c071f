#!/bin/sh
# tests/e2e/run.sh - end-to-end cases with the real Claude Code client
# (`make e2e`).  Not part of `make test`: the client is a ~380 MB download,
# installed by ../shared/e2e/install-claude into ~/.cache/ccveto-e2e.
#
# CCVETO_E2E_CASES="01 07" runs only the cases whose names start so;
# CCVETO_E2E_PREFIX picks another installed client (the CI runs a subset
# on the previous pinned version too).
# When the client (or python3, or the harness) is missing, every check
# prints "ok N - ... # SKIP ..." and a loud banner says that NOTHING was
# tested; with CCVETO_E2E_REQUIRE=1 (CI) that is a failure instead.
# Ends with "N passed, N failed, N skipped".
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CCVETO=${CCVETO:-$TOP/$BUILD/ccveto}
E2E_DIR=${CCVETO_E2E_DIR:-$TOP/../shared/e2e}
E2E_DIR=$(cd "$E2E_DIR" 2>/dev/null && pwd || echo "$E2E_DIR")
export CCVETO E2E_DIR TOP BUILD

find_claude() {
	prefix=${CCVETO_E2E_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/ccveto-e2e}
	nm=$prefix/node_modules/@anthropic-ai
	for c in "${CLAUDE_BIN:-}" "$nm/claude-code/bin/claude.exe" \
	    "$nm/claude-code-linux-x64/claude" \
	    "$nm/claude-code-linux-arm64/claude" "$(command -v claude)"; do
		# The npm wrapper ships a small stub until postinstall runs.
		if [ -n "$c" ] && [ -x "$c" ] &&
		   [ "$(wc -c < "$c")" -gt 1048576 ]; then
			echo "$c"
			return 0
		fi
	done
	return 1
}

why=
if [ ! -x "$E2E_DIR/run-case" ]; then
	why="e2e harness not found at $E2E_DIR (set CCVETO_E2E_DIR)"
elif ! command -v python3 >/dev/null 2>&1; then
	why="python3 not installed"
elif ! claude=$(find_claude); then
	why="claude client not installed"
elif [ ! -x "$CCVETO" ]; then
	echo "e2e: $CCVETO not built (make)" >&2
	exit 1
fi
if [ -n "$why" ]; then
	banner="E2E NOT RUN: $why. Nothing below was tested against the real client. Install it with: apt-get install -y npm python3 && sh $E2E_DIR/install-claude"
	echo "################################################################"
	echo "# $banner"
	echo "################################################################"
	echo "e2e: $banner" >&2
	export E2E_SKIP=1 E2E_SKIP_WHY="$why"
else
	E2E_CLIENT_VERSION=$("$claude" --version 2>/dev/null |
		sed -n '1s/^\([0-9][0-9.]*\).*/\1/p')
	export CLAUDE_BIN="$claude" E2E_CLIENT_VERSION
	echo "# client: $claude (${E2E_CLIENT_VERSION:-unknown version})"
fi

LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT INT TERM
passed=0 failed=0 skipped=0
for t in "$TOP"/tests/e2e/[0-9]*.sh; do
	name=$(basename "$t" .sh)
	# CCVETO_E2E_CASES="01 07": only the cases whose names start so.
	if [ -n "${CCVETO_E2E_CASES:-}" ]; then
		want=0
		for c in $CCVETO_E2E_CASES; do
			case $name in "$c"*) want=1 ;; esac
		done
		[ "$want" = 1 ] || continue
	fi
	out=$LOG/$name
	sh "$t" > "$out" 2>&1
	rc=$?
	p=$(grep '^ok' "$out" | grep -vc '# SKIP')
	s=$(grep -c '^ok.*# SKIP' "$out")
	f=$(grep -c '^not ok' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc"
	fi
	if [ "$f" -ne 0 ] || [ "${E2E_VERBOSE:-0}" = 1 ]; then
		echo "--- $name ---"
		cat "$out"
	fi
	printf '%-32s %3d passed, %d failed, %d skipped\n' "e2e/$name" "$p" "$f" "$s"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ -n "$why" ]; then
	echo "e2e: $banner" >&2
	[ "${CCVETO_E2E_REQUIRE:-0}" = 1 ] && exit 1
fi
[ "$failed" -eq 0 ]
