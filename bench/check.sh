#!/bin/sh
# bench/check.sh BASELINE CURRENT [PERCENT] - the instruction-count gate.
#
# Both files hold "case<TAB>instructions" lines ('#' starts a comment).
# Fails when a case of BASELINE is missing from CURRENT or costs more than
# PERCENT (default 10) per cent over its baseline.  A case that got much
# cheaper only gets a note: update the baseline on purpose, with
# `make bench-baseline`, and review the diff.
set -eu
base=${1:?usage: check.sh BASELINE CURRENT [PERCENT]}
cur=${2:?usage: check.sh BASELINE CURRENT [PERCENT]}
pct=${3:-10}

awk -F '\t' -v pct="$pct" '
	/^#/ || NF < 2 { next }
	FNR == NR { base[$1] = $2; order[++n] = $1; next }
	{ cur[$1] = $2 }
	END {
		bad = 0
		printf "%-16s %14s %14s %8s\n", "case", "baseline", "now", "change"
		for (i = 1; i <= n; i++) {
			c = order[i]
			if (!(c in cur)) {
				printf "%-16s %14d %14s %8s  FAIL: not measured\n", c, base[c], "-", "-"
				bad = 1
				continue
			}
			d = (cur[c] - base[c]) * 100.0 / base[c]
			note = ""
			if (d > pct) {
				note = sprintf("  FAIL: over +%d%%", pct)
				bad = 1
			} else if (d < -pct)
				note = "  (cheaper: make bench-baseline?)"
			printf "%-16s %14d %14d %+7.1f%%%s\n", c, base[c], cur[c], d, note
		}
		if (bad)
			print "bench-check: instruction counts regressed"
		else
			print "bench-check: ok"
		exit bad
	}' "$base" "$cur"
