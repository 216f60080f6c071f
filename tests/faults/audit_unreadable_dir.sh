#!/bin/sh
# tests/faults/audit_unreadable_dir.sh - a config in a directory the
# auditor cannot read (mode 000).  That used to be silent (exit 0,
# "NO CONFIG FILES FOUND" or clean); the place must be named on stderr and
# the audit exit 2.  As root, permissions do not stop reads, so the audit
# runs as nobody (setpriv); without setpriv the test skips, loudly.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM

as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv > /dev/null 2>&1; then
		msg="running as root without setpriv: unreadable directories are NOT tested"
		echo "# SKIP $msg" >&2
		ok "# SKIP $msg"
		done_testing
		exit 0
	fi
	as_user() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			--inh-caps=-all "$@"
	}
	chmod 755 "$T"
fi
# The binary must be reachable by that user too.
if ! as_user test -x "$CCVETO"; then
	msg="$CCVETO is not executable by uid 65534: unreadable directories are NOT tested"
	echo "# SKIP $msg" >&2
	ok "# SKIP $msg"
	done_testing
	exit 0
fi

BAD='{"permissions":{"allow":["Bash(*)"]}}'
mkdir -p "$T/tree/locked/.claude" "$T/tree/open"
printf '%s\n' "$BAD" > "$T/tree/locked/.claude/settings.json"
chmod -R a+rX "$T/tree"
chmod 000 "$T/tree/locked"

as_user $RUN "$CCVETO" audit --no-rules "$T/tree" > "$T/out" 2> "$T/err"
is "a config in an unreadable directory: exit 2" "$?" 2
check "  ... stderr names it: 'tree/locked': cannot read the directory" \
	grep -q "not audited: '$T/tree/locked': cannot read the directory: Permission denied" "$T/err"

# The unreadable directory is the one named.
as_user $RUN "$CCVETO" audit --no-rules "$T/tree/locked" > "$T/out" 2> "$T/err"
is "the named directory itself is unreadable: exit 2" "$?" 2
check "  ... and said so" grep -q "not audited: '$T/tree/locked'" "$T/err"
check "  ... not 'NO CONFIG FILES FOUND' as if it were empty" \
	sh -c '! grep -q "NO CONFIG FILES FOUND" "$1"' sh "$T/out"

chmod 755 "$T/tree/locked"
as_user $RUN "$CCVETO" audit --no-rules "$T/tree" > "$T/out" 2> "$T/err"
is "readable again: exit 1 (the finding)" "$?" 1

done_testing
