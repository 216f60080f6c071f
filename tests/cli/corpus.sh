#!/bin/sh
# tests/cli/corpus.sh - the labelled corpus (tests/corpus/*.jsonl) scored
# against the rule packs: one TAP line per family, ok when the family meets
# recall >= 0.98 and false-positive rate <= 0.01 (see tests/corpus/score.sh).
. "$(dirname "$0")/../lib.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
sh "$TOP/tests/corpus/score.sh" -v > "$out" 2>&1
rc=$?
if [ "$rc" -gt 1 ]; then
	not_ok "corpus scorer ran (status $rc)"
	sed 's/^/# /' "$out"
	done_testing
	exit 0
fi
# Misses and false positives as TAP comments, for the log.
grep -E '^(MISS|FP|DECISION) ' "$out" | sed 's/^/# /'
fams=0
while read -r fam calls harmful benign recall fpr match verdict; do
	case $fam in family|overall|benign|RESULT|MISS|FP|DECISION) continue ;; esac
	[ -n "$verdict" ] || continue
	fams=$((fams + 1))
	d="corpus $fam: recall $recall, fp-rate $fpr ($harmful harmful, $benign benign)"
	if [ "$verdict" = ok ]; then ok "$d"; else not_ok "$d"; fi
done < "$out"
[ "$fams" -gt 0 ] || not_ok "corpus scorer printed no families"
grep '^overall\|^benign share' "$out" | sed 's/^/# /'
done_testing
