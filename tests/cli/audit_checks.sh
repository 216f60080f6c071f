#!/bin/sh
# tests/cli/audit_checks.sh - every check's trigger and near-miss fixture
# (tests/audit/fixtures.txt): the hit tree must report the check, the
# miss tree must not.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
# Expand "=== ID KIND PATH" sections into $T/ID-KIND/PATH.
awk -v dir="$T" '
	/^#/ && !started { next }
	/^=== / { started = 1; out = dir "/" $2 "-" $3 "/" $4
		  d = out; sub(/\/[^\/]*$/, "", d)
		  system("mkdir -p \"" d "\""); printf "" > out; next }
	out != "" { print >> out }
' "$TOP/tests/audit/fixtures.txt"
for tree in "$T"/*-hit "$T"/*-miss; do
	[ -d "$tree" ] || continue
	name=$(basename "$tree")
	id=${name%-*}
	kind=${name##*-}
	out=$($RUN "$CCVETO" audit --format json "$tree" 2>&1)
	rc=$?
	if [ "$rc" -gt 2 ]; then
		not_ok "$name: exit $rc"
		continue
	fi
	if printf '%s' "$out" | grep -q "\"check\":\"$id\""; then
		found=yes
	else
		found=no
	fi
	if [ "$kind" = hit ]; then
		is "$id triggers on its fixture" "$found" yes
	else
		is "$id stays quiet on its near-miss" "$found" no
	fi
done
done_testing
