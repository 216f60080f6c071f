#!/bin/sh
# tests/cli/post_corpus.sh - PostToolUse redaction scored on its corpus
# (tests/corpus/post/, 575 outputs with secrets, 1,235 lookalikes): recall
# >= 0.99, at most 0.5% of clean outputs altered (the targets of issue
# 19), and no rewrite that loses non-secret text or breaks the response.
# One hook process per record: under valgrind ($RUN) that is too slow,
# and the same code runs there through post_tool.sh and test_redact.
. "$(dirname "$0")/../lib.sh"
if [ -n "$RUN" ]; then
	ok "post corpus # SKIP under valgrind (scored by make test)"
	done_testing
	exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
CCVETO=$CCVETO sh "$TOP/tests/corpus/post-score.sh" -v --assert 0.99 0.005 \
	> "$out" 2>&1
rc=$?
line=$(grep '^recall ' "$out")
is "post corpus: recall >= 0.99 and clean altered <= 0.005 ($line)" "$rc" 0
check "post corpus: no context lost, no broken rewrite" \
	sh -c 'printf "%s\n" "$1" | grep -q "context lost 0, broken 0;"' - "$line"
grep -E '^(MISS|PARTIAL|FALSE ALARM|LOST|BROKEN) ' "$out" | sed 's/^/# /'
done_testing
