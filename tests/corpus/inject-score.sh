#!/bin/sh
# tests/corpus/inject-score.sh - scores inject_scan() on tests/corpus/inject/
# (attacks.jsonl, lookalikes.jsonl; regenerate with gen.py there): recall
# on attacks and the flagged rate on lookalikes, per kind and per carrier.
# heldout.jsonl (35 hand-written texts, written after the scanner was
# tuned on the generated corpus, which has the same author; two rules
# came from its misses since) and heldout2.jsonl (60 attacks and 60
# lookalikes by an author who never saw the scanner or its data, used
# for nothing but this score) are scored separately and reported, never
# gated: heldout2 is the honest estimate.
#
# usage: tests/corpus/inject-score.sh [-v]   -v lists misses and flags
#        tests/corpus/inject-score.sh -b     instructions per byte on 1 MB
#                                            of clean text (callgrind)
# Environment: INJECT_SCORE (default build/inject-score, `make
# inject-score` builds it), RECALL_MIN (0.9), FLAGGED_MAX (0.01).  Exit
# status 1 when a target is missed.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${INJECT_SCORE:-$TOP/build/inject-score}
RECALL_MIN=${RECALL_MIN:-0.9}
FLAGGED_MAX=${FLAGGED_MAX:-0.01}
DIR=$TOP/tests/corpus/inject
[ -x "$BIN" ] || { echo "inject-score.sh: no $BIN (make inject-score)" >&2; exit 2; }

if [ "${1:-}" = "-b" ]; then
	command -v valgrind >/dev/null || { echo "valgrind is required" >&2; exit 2; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT INT TERM
	# 1 MB of clean prose and markup: the lookalikes' texts, repeated.
	python3 - "$DIR/lookalikes.jsonl" "$tmp/clean.txt" <<'PY'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
out, n = [], 0
while n < 1 << 20:
	for t in texts:
		out.append(t + "\n\n")
		n += len(out[-1].encode())
open(sys.argv[2], "wb").write("".join(out).encode()[:1 << 20])
PY
	for rounds in 1 0; do
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$rounds" \
			"$BIN" -b "$tmp/clean.txt" "$rounds" > /dev/null 2>&1
	done
	a=$(callgrind_annotate "$tmp/cg.1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
	b=$(callgrind_annotate "$tmp/cg.0" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
	echo "inject_scan on 1 MiB of clean text: $((a - b)) instructions," \
		"$(awk -v d=$((a - b)) 'BEGIN { printf "%.2f", d / 1048576 }') per byte"
	exit 0
fi

out=$("$BIN" "$@" "$DIR/attacks.jsonl" "$DIR/lookalikes.jsonl")
echo "$out"
echo
echo "held out (reported, not gated):"
"$BIN" "$@" "$DIR/heldout.jsonl" | sed -n '/^  miss\|^  flagged\|^  wrong\|^attacks\|^lookalikes/p'
echo
echo "held out 2 (120 texts by another author who never saw the scanner):"
"$BIN" "$@" "$DIR/heldout2.jsonl" | sed -n '/^  miss\|^  flagged\|^  wrong\|^attacks\|^lookalikes/p'
echo
echo "$out" | awk -v rmin="$RECALL_MIN" -v fmax="$FLAGGED_MAX" '
	/^attacks / { recall = $NF }
	/^lookalikes / { rate = $NF }
	END {
		bad = 0
		if (recall + 0 < rmin) { print "recall " recall " < " rmin; bad = 1 }
		if (rate + 0 > fmax) { print "flagged rate " rate " > " fmax; bad = 1 }
		exit bad
	}'
