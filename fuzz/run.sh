#!/bin/sh
# fuzz/run.sh SECONDS TARGET... - runs each libFuzzer harness for SECONDS
# (called by `make fuzz` and `make fuzz-smoke`, which build first).
# New inputs go to $FUZZ_BUILD/corpus/TARGET; the seeds are read from
# fuzz/corpus/TARGET, fuzz/regress/TARGET and $FUZZ_BUILD/seeds/TARGET.
# A crash, leak, timeout or broken invariant leaves its input in
# $FUZZ_BUILD/crashes/ and makes this script fail.  One line per run is
# appended to $FUZZ_BUILD/stats.tsv (date, target, seconds, executions,
# corpus size, coverage, status).
set -u
FUZZ_BUILD=${FUZZ_BUILD:-build/fuzz}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-20}
FUZZ_ARGS=${FUZZ_ARGS:-}
seconds=$1
shift
failed=
mkdir -p "$FUZZ_BUILD/crashes" "$FUZZ_BUILD/logs"
[ -f "$FUZZ_BUILD/stats.tsv" ] || printf 'date\ttarget\tseconds\texecs\tcorpus\tcov\tstatus\n' > "$FUZZ_BUILD/stats.tsv"
for t in "$@"; do
	bin=$FUZZ_BUILD/fuzz_$t
	corpus=$FUZZ_BUILD/corpus/$t
	log=$FUZZ_BUILD/logs/$t.log
	mkdir -p "$corpus"
	set -- "$corpus"
	for d in fuzz/corpus/$t fuzz/regress/$t $FUZZ_BUILD/seeds/$t; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	# The harness's own tokens, plus the doubling assignments for the
	# harnesses whose input reaches the shell model.
	dict=
	cat /dev/null > "$FUZZ_BUILD/$t.dict"
	[ -f "fuzz/$t.dict" ] && cat "fuzz/$t.dict" >> "$FUZZ_BUILD/$t.dict"
	case $t in
	shell|hook) cat fuzz/doubling.dict >> "$FUZZ_BUILD/$t.dict" ;;
	esac
	[ -s "$FUZZ_BUILD/$t.dict" ] && dict=-dict=$FUZZ_BUILD/$t.dict
	echo "fuzz: $t for ${seconds}s"
	# shellcheck disable=SC2086 # FUZZ_ARGS and dict are word lists
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_total_time="$seconds" -timeout="$FUZZ_TIMEOUT" \
		-rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_BUILD/crashes/$t-" $dict $FUZZ_ARGS \
		"$@" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | sed 's/cov: //')
	size=$(find "$corpus" -type f | wc -l)
	status=ok
	if [ "$rc" -ne 0 ]; then
		status="FAIL(rc=$rc)"
		failed="$failed $t"
		grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -20
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
		"$t" "$seconds" "${execs:-?}" "$size" "${cov:-?}" "$status" \
		>> "$FUZZ_BUILD/stats.tsv"
	printf 'fuzz: %-9s %s execs, corpus %s, cov %s: %s\n' "$t" \
		"${execs:-?}" "$size" "${cov:-?}" "$status"
done
if [ -n "$failed" ]; then
	echo "fuzz: FAILED:$failed (inputs in $FUZZ_BUILD/crashes/, logs in $FUZZ_BUILD/logs/)"
	exit 1
fi
