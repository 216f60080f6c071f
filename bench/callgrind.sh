#!/bin/sh
# bench/callgrind.sh OUTDIR CASES CMD [ARG...] - instruction counts.
#
# Runs CMD under `valgrind --tool=callgrind` once per case of CASES (the
# file bench/payloads.sh writes), the payload on stdin, and prints
# "case<TAB>instructions" lines: every instruction the process executes,
# from the dynamic loader's first to exit, so start-up and library
# loading count as they do for a real hook.  Instruction counts barely
# move on a noisy machine, unlike wall time; they are what bench-check
# compares with bench/baseline.tsv.  The callgrind files stay in OUTDIR
# (callgrind.<case>) for `callgrind_annotate`.
#
# Counts depend on the environment (ld.so walks it) and on the payload,
# so callers run this under a fixed `env -i`.  CG_REF=1 adds a line for
# /bin/true fed the same way.
set -eu
out=${1:?usage: callgrind.sh OUTDIR CASES CMD [ARG...]}
cases=${2:?usage: callgrind.sh OUTDIR CASES CMD [ARG...]}
shift 2
mkdir -p "$out"
VALGRIND=${VALGRIND:-valgrind}

total() {
	# "summary: N" (older) or "totals: N" (newer) is the Ir total.
	sed -n 's/^\(summary\|totals\): *\([0-9]*\).*/\2/p' "$1" | tail -n 1
}

one() {
	name=$1 expect=$2 payload=$3
	shift 3
	f="$out/callgrind.$name"
	rc=0
	"$VALGRIND" -q --tool=callgrind --callgrind-out-file="$f" \
		--dump-instr=no --collect-jumps=no "$@" \
		< "$payload" > /dev/null 2> "$out/stderr.$name" || rc=$?
	if [ "$rc" -ne "$expect" ]; then
		echo "callgrind.sh: case '$name': exit $rc, expected $expect" \
			>&2
		tail -n 5 "$out/stderr.$name" >&2
		return 1
	fi
	printf '%s\t%s\n' "$name" "$(total "$f")"
}

if [ "${CG_REF:-0}" = 1 ]; then
	first=$(sed -n '/^[^#]/{p;q;}' "$cases" | cut -f 3)
	one true 0 "$first" /bin/true
fi
grep -v '^#' "$cases" | while IFS='	' read -r name expect payload; do
	one "$name" "$expect" "$payload" "$@"
done
