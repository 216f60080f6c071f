#!/bin/sh
# bench/run.sh MODE - the benchmark driver behind mk/bench.mk.
#   all       everything below, results in $BENCH/results/ (report.md)
#   check     instruction counts against bench/baseline.tsv (bench-check)
#   baseline  rewrite bench/baseline.tsv from a fresh measurement
#   variants  link variants only
# Environment: BUILD, BENCH (set by mk/bench.mk), BENCH_QUICK=1 for fewer
# rounds, BENCH_CPU=N to pin the timing runs to one core.
#
# Every hook run gets the same small fixed environment (env -i): counts
# then do not depend on the caller's environment, and the user's real
# config and decision log are never touched.
set -eu
MODE=${1:-all}
BUILD=${BUILD:-build}
BENCH=${BENCH:-$BUILD/bench}
HOOK=$BUILD/ccveto
OUT=$BENCH/results
TOP=$(pwd)
CORPUS=${BENCH_CORPUS:-$TOP/../shared/corpus/configs}
if [ "${BENCH_QUICK:-}" = 1 ]; then
	ROUNDS=5 PER=10 SROUNDS=3 SPER=6 TPUT=0.2
else
	ROUNDS=15 PER=20 SROUNDS=5 SPER=10 TPUT=0.5
fi
PIN=${BENCH_CPU:+-p $BENCH_CPU}

mkdir -p "$OUT" "$OUT/home"
PAY=$OUT/payloads
# HOME matches the payloads' transcript_path and need not exist: no user
# config is found, as on a fresh install.  The decision log goes to OUT.
# The hook finds the config and the log under the real user's passwd home,
# not $HOME: --home keeps both inside OUT.
HOOK_HOME="--home $TOP/$OUT/home"
RUN_ENV="env -i PATH=/usr/bin:/bin HOME=/home/alice LANG=C.UTF-8 \
CCVETO_LOG_FILE=$OUT/home/decisions.jsonl"

say() { printf '%s\n' "$*" >&2; }

payloads() {
	[ -f "$PAY/cases.tsv" ] && [ "$PAY/cases.tsv" -nt bench/payloads.sh ] ||
		sh bench/payloads.sh "$PAY"
}

# verdict CMD... < payload: none, ask or deny (exit 2)
verdict() {
	rc=0
	o=$($RUN_ENV "$@" 2>/dev/null) || rc=$?
	if [ "$rc" = 2 ]; then echo deny
	elif [ "$rc" != 0 ]; then echo "exit-$rc"
	elif [ -n "$o" ]; then echo ask
	else echo none
	fi
}

# instructions OUTDIR CASES CMD...: "case<TAB>Ir" lines
instructions() {
	d=$1 c=$2
	shift 2
	$RUN_ENV sh bench/callgrind.sh "$d" "$c" "$@"
}

# Per shared object, from one callgrind file: where the instructions go.
# Lines without "[object]" are code inlined from another source file;
# glibc's ("./elf/...": the dynamic loader, other "./...": libc) are
# attributed by path.
split_objects() {
	callgrind_annotate --threshold=100 --inclusive=no --auto=no "$1" \
		2>/dev/null |
	awk '/^ *[0-9,]+ \([ 0-9.]+%\) / && !/PROGRAM TOTALS/ {
		n = $1; gsub(",", "", n)
		if ($0 ~ /\[[^]]*\]$/) {
			o = $0; sub(/.*\[/, "", o); sub(/\].*/, "", o)
			sub(/.*\//, "", o)
		} else if ($0 ~ /%\)  \.\/elf\//)
			o = "ld-linux-x86-64.so.2"
		else if ($0 ~ /%\)  \.\//)
			o = "libc.so.6"
		else
			o = "other"
		sub(/\.so\..*/, ".so", o)
		s[o] += n
	} END { for (o in s) printf "%s\t%d\n", o, s[o] }' |
	sort -t '	' -k2 -nr
}

timing_main() {
	say "== wall time, ratio to /bin/true ($ROUNDS rounds x $PER runs)"
	$RUN_ENV "$BENCH/timing" $PIN -r "$ROUNDS" -n "$PER" "$PAY/cases.tsv" \
		-- "$TOP/$HOOK" hook $HOOK_HOME > "$OUT/timing.tsv"
	cat "$OUT/timing.tsv" >&2
}

instructions_main() {
	say "== instructions (callgrind)"
	CG_REF=1 instructions "$OUT/cg" "$PAY/cases.tsv" "$HOOK" hook $HOOK_HOME \
		> "$OUT/instructions.tsv"
	cat "$OUT/instructions.tsv" >&2
	for c in bash-benign write-1m; do
		split_objects "$OUT/cg/callgrind.$c" > "$OUT/objects.$c.tsv"
		callgrind_annotate --inclusive=no --auto=no \
			"$OUT/cg/callgrind.$c" \
			2>/dev/null | sed -n '1,60p' > "$OUT/top.$c.txt"
		callgrind_annotate --inclusive=yes --auto=no \
			"$OUT/cg/callgrind.$c" \
			2>/dev/null | sed -n '1,80p' > "$OUT/inclusive.$c.txt"
	done
	say "-- bash-benign by object:"
	cat "$OUT/objects.bash-benign.tsv" >&2
}

verdicts_main() {
	say "== verdicts"
	grep -v '^#' "$PAY/cases.tsv" | while IFS='	' read -r n e p; do
		printf '%s\t%s\n' "$n" "$(verdict "$HOOK" hook < "$p")"
	done > "$OUT/verdicts.tsv"
	cat "$OUT/verdicts.tsv" >&2
}

throughput_main() {
	say "== in-process decisions per second (one core)"
	"$BENCH/throughput" -t "$TPUT" "$PAY/cases.tsv" > "$OUT/throughput.tsv"
	cat "$OUT/throughput.tsv" >&2
}

audit_main() {
	say "== audit of $CORPUS"
	if [ ! -d "$CORPUS" ]; then
		say "(no corpus)"
		return 0
	fi
	files=$(find "$CORPUS" -type f | wc -l)
	: > "$OUT/audit.runs"
	for i in 1 2 3; do
		t0=$(date +%s%N)
		rc=0
		$RUN_ENV "$HOOK" audit "$CORPUS" > "$OUT/audit.out" \
			2> "$OUT/audit.err" || rc=$?
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000000 )) $rc" >> "$OUT/audit.runs"
	done
	ms=$(sort -n "$OUT/audit.runs" | sed -n 2p | cut -d' ' -f1)
	rc=$(sed -n 1p "$OUT/audit.runs" | cut -d' ' -f2)
	printf 'corpus_files\t%s\nmedian_ms\t%s\nexit\t%s\noutput_lines\t%s\n' \
		"$files" "$ms" "$rc" "$(wc -l < "$OUT/audit.out")" \
		> "$OUT/audit.tsv"
	cat "$OUT/audit.tsv" >&2
	[ "$rc" -le 1 ] || { say "audit stderr:"; head -n 5 "$OUT/audit.err" >&2; }
}

# Rule count: embedded packs at 1x, 2x and 4x (copies unreachable, then
# reachable), and the copies as user packs through --rules-dir.
scaling_main() {
	say "== rule-count scaling (instructions)"
	s=$OUT/scaling
	mkdir -p "$s"
	small=$s/small.tsv
	grep -E '^(bash-benign|bash-danger|read)	' "$PAY/cases.tsv" > "$small"
	{
		printf 'variant\trules'
		grep -v '^#' "$PAY/cases.tsv" | cut -f1 | while read -r c; do
			printf '\t%s' "$c"
		done
		printf '\tbenign_ratio\n'
		for v in x1 u2 u4 r2 r4 dir-u2 dir-u4; do
			case $v in
			x1) cmd="$HOOK hook $HOOK_HOME" ;;
			dir-*) cmd="$HOOK hook $HOOK_HOME --rules-dir $BENCH/packs-${v#dir-}" ;;
			*) cmd="$BENCH/ccveto-$v hook $HOOK_HOME" ;;
			esac
			# The scaled hooks have no ccveto-full beside them:
			# count their compiled-in rules in the generated source.
			case $v in
			x1|dir-*)
				# shellcheck disable=SC2086
				rules=$($RUN_ENV "$BUILD/ccveto-full" rules \
					${cmd#* hook $HOOK_HOME} 2>/dev/null | grep -c . ||
					true) ;;
			*)
				rules=$(grep -c '^	{ r[0-9]*_id,' \
					"$BENCH/gen-$v/rules_embed.c" || true) ;;
			esac
			printf '%s\t%s' "$v" "$rules"
			# shellcheck disable=SC2086
			instructions "$s/cg-$v" "$PAY/cases.tsv" $cmd |
				cut -f2 | while read -r n; do printf '\t%s' "$n"; done
			# shellcheck disable=SC2086
			r=$($RUN_ENV "$BENCH/timing" $PIN -r "$SROUNDS" \
				-n "$SPER" "$small" -- $(echo $cmd | sed \
				"s|^$HOOK|$TOP/$HOOK|; s|^$BENCH|$TOP/$BENCH|") |
				awk -F '\t' '$1 == "bash-benign" { print $2 }')
			printf '\t%s\n' "$r"
		done
	} > "$OUT/scaling.tsv"
	cat "$OUT/scaling.tsv" >&2
}

adversarial_main() {
	say "== adversarial inputs (max wall ms of 3 runs)"
	a=$OUT/adversarial
	[ -f "$a/cases.tsv" ] && [ "$a/cases.tsv" -nt bench/adversarial.sh ] ||
		sh bench/adversarial.sh "$a"
	# A user pack with a regex that backtracks exponentially, reached by
	# every `printf`: the worst a pack can do within the PCRE2 limits.
	mkdir -p "$a/redos-pack"
	cat > "$a/redos-pack/redos.json" <<'EOF'
{ "pack": "redos", "rules": [ {
  "id": "redos.nested", "title": "exponential backtracking",
  "severity": "low", "decision": "ask",
  "match": { "program": ["printf"], "args": "^(a|aa)+$" },
  "why": "benchmark only", "instead": "benchmark only",
  "hit": ["printf a", "printf aa", "printf aaa"],
  "miss": ["printf b", "printf ab", "printf ba"] } ] }
EOF
	awk 'BEGIN {
		printf "{\"session_id\":\"s\",\"cwd\":\"/home/alice/src/webapp\","
		printf "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\","
		printf "\"tool_input\":{\"command\":\""
		for (i = 0; i < 3000; i++)
			printf "printf aaaaaaaaaaaaaaaaaaaaaaaaaaaaab; "
		printf "true\"}}\n"
	}' > "$a/redos-many.json"
	awk 'BEGIN {
		printf "{\"session_id\":\"s\",\"cwd\":\"/home/alice/src/webapp\","
		printf "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\","
		printf "\"tool_input\":{\"command\":\"printf "
		for (i = 0; i < 60; i++)
			printf "a"
		printf "b\"}}\n"
	}' > "$a/redos-one.json"
	printf 'redos-one\t*\t%s\nredos-many\t*\t%s\n' "$a/redos-one.json" \
		"$a/redos-many.json" > "$a/redos.tsv"
	$RUN_ENV "$BENCH/timing" -r 1 -n 3 -w 0 "$a/cases.tsv" -- \
		"$TOP/$HOOK" hook $HOOK_HOME > "$a/timing.tsv"
	$RUN_ENV "$BENCH/timing" -r 1 -n 3 -w 0 "$a/redos.tsv" -- \
		"$TOP/$HOOK" hook $HOOK_HOME --rules-dir "$TOP/$a/redos-pack" \
		| grep -v '^#' >> "$a/timing.tsv"
	{
		printf 'case\tbytes\tmax_ms\tverdict\n'
		grep -v '^#' "$a/timing.tsv" | while IFS='	' read -r n _ _ _ _ mx _ _; do
			case $n in
			redos-*) p=$a/$n.json
				v=$(verdict "$HOOK" hook $HOOK_HOME --rules-dir "$a/redos-pack" < "$p") ;;
			*) p=$a/$n.json; v=$(verdict "$HOOK" hook $HOOK_HOME < "$p") ;;
			esac
			printf '%s\t%s\t%.1f\t%s\n' "$n" "$(wc -c < "$p")" \
				"$(awk -v x="$mx" 'BEGIN { print x / 1000 }')" "$v"
		done
	} > "$OUT/adversarial.tsv"
	cat "$OUT/adversarial.tsv" >&2
}

variants_main() {
	say "== link variants"
	{
		printf 'variant\tbash-benign_Ir\tread_Ir\tbenign_ratio\tread_ratio\n'
		grep -E '^(bash-benign|read)	' "$PAY/cases.tsv" > "$OUT/v.tsv"
		for v in default $BENCH_VARIANTS; do
			b=$HOOK
			[ "$v" = default ] || b=$BENCH/ccveto-link-$v
			ir=$(instructions "$OUT/cg-link-$v" "$OUT/v.tsv" "$b" hook $HOOK_HOME |
				cut -f2 | tr '\n' '\t')
			# shellcheck disable=SC2086
			rt=$($RUN_ENV "$BENCH/timing" $PIN -r "$SROUNDS" -n "$SPER" \
				"$OUT/v.tsv" -- "$TOP/$b" hook | grep -v '^#' |
				cut -f2 | tr '\n' '\t')
			printf '%s\t%s%s\n' "$v" "$ir" "$rt" | sed 's/\t$//'
		done
	} > "$OUT/variants.tsv"
	cat "$OUT/variants.tsv" >&2
}

case $MODE in
all)
	payloads
	verdicts_main
	timing_main
	instructions_main
	throughput_main
	audit_main
	scaling_main
	adversarial_main
	variants_main
	say "results in $OUT"
	;;
check)
	payloads
	instructions "$OUT/cg" "$PAY/cases.tsv" "$HOOK" hook $HOOK_HOME \
		> "$OUT/instructions.tsv"
	sh bench/check.sh bench/baseline.tsv "$OUT/instructions.tsv"
	;;
baseline)
	payloads
	{
		echo "# bench/baseline.tsv - callgrind instruction counts of"
		echo "# 'ccveto hook' per case (bench/payloads.sh), for"
		echo "# make bench-check; rewrite with make bench-baseline."
		instructions "$OUT/cg" "$PAY/cases.tsv" "$HOOK" hook $HOOK_HOME
	} > bench/baseline.tsv.tmp
	mv bench/baseline.tsv.tmp bench/baseline.tsv
	cat bench/baseline.tsv
	;;
variants)
	payloads
	variants_main
	;;
*)
	say "usage: run.sh all|check|baseline|variants"
	exit 2
	;;
esac
