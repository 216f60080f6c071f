#!/bin/sh
# tests/faults/audit_depth.sh - a config below the auditor's directory
# depth limit (CV_MAX_AUDIT_WALK_DEPTH, 40) is not searched.  That used to be
# silent (exit 0, "clean"); the place must be named on stderr and the
# audit exit 2.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

BAD='{"permissions":{"allow":["Bash(*)"]}}'
deep="$T/tree"
i=0
while [ $i -lt 45 ]; do deep="$deep/d"; i=$((i + 1)); done
mkdir -p "$deep/.claude"
printf '%s\n' "$BAD" > "$deep/.claude/settings.json"

$RUN "$CCVETO" audit --no-rules "$T/tree" > "$T/out" 2> "$T/err"
is "a config 45 levels deep: exit 2 (the audit is incomplete)" "$?" 2
check "  ... stderr names the directory not searched" \
	grep -q "not audited: '$T/tree/d/d/.*': more than 40 directory levels" "$T/err"
check "  ... the report lists it as NOT SEARCHED" \
	grep -q "NOT SEARCHED" "$T/out"
$RUN "$CCVETO" audit --no-rules --format json "$T/tree" > "$T/out" 2> /dev/null
check "  ... JSON has it under skipped" \
	sh -c 'jq -e ".skipped | length == 1 and (.[0].error | test(\"levels deep\"))" "$1" > /dev/null' sh "$T/out"
check "  ... and a summary count" \
	sh -c 'jq -e ".summary.skipped == 1" "$1" > /dev/null' sh "$T/out"

# A shallow bad config as well: its finding is reported, the exit stays 2.
mkdir -p "$T/tree/.claude"
printf '%s\n' "$BAD" > "$T/tree/.claude/settings.json"
$RUN "$CCVETO" audit --no-rules "$T/tree" > "$T/out" 2> "$T/err"
is "with a finding too: still exit 2 (incomplete beats findings)" "$?" 2
check "  ... and the finding is reported" grep -q CC005 "$T/out"

# The same tree, nothing below the limit: no skip, no exit 2.
rm -rf "$T/tree/d"
$RUN "$CCVETO" audit --no-rules "$T/tree" > "$T/out" 2> "$T/err"
is "no deep directory: exit 1 (the finding)" "$?" 1
check "  ... nothing reported as not audited" \
	sh -c '! grep -q "not audited" "$1"' sh "$T/err"

done_testing
