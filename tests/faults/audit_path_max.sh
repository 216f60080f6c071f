#!/bin/sh
# tests/faults/audit_path_max.sh - a config in a directory whose path is
# longer than PATH_MAX (4096) but within the depth limit: the auditor
# cannot open it by name.  That used to be silent (exit 0); the place
# must be named on stderr and the audit exit 2.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

BAD='{"permissions":{"allow":["Bash(*)"]}}'
# 25 components of 200 bytes: ~5 KB, past PATH_MAX, 26 levels deep (the
# shell's cd cannot go there, so python builds it with relative calls).
python3 - "$T/tree" "$BAD" <<'PY' || { not_ok "cannot build a tree past PATH_MAX"; done_testing; exit 0; }
import os, sys
os.mkdir(sys.argv[1])
os.chdir(sys.argv[1])
for _ in range(25):
    os.mkdir("0" * 200)
    os.chdir("0" * 200)
os.mkdir(".claude")
with open(".claude/settings.json", "w") as f:
    f.write(sys.argv[2] + "\n")
PY

$RUN "$CCVETO" audit --no-rules "$T/tree" > "$T/out" 2> "$T/err"
is "a config past PATH_MAX: exit 2 (the audit is incomplete)" "$?" 2
check "  ... stderr says a directory was not audited, and why" \
	grep -q "not audited: '.*': path longer than 4096 bytes" "$T/err"
check "  ... the report lists it as NOT SEARCHED" \
	grep -q "NOT SEARCHED" "$T/out"

done_testing
