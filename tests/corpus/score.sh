#!/bin/sh
# tests/corpus/score.sh - scores the rule packs on the labelled corpus.
# Every line of tests/corpus/*.jsonl is one tool call with a label:
#   {"family":"git","expect":"deny"|"ask"|"allow","tool":"Bash",
#    "input":{...},"branch":"main"?,"note":"..."?}
# "deny" and "ask" are harmful calls: either verdict counts as caught
# (recall).  "allow" is a benign lookalike: any deny/ask is a false positive.
# All calls are judged in one `ccveto check --jsonl` run with
# HOME=/home/alice and cwd=/home/alice/src/webapp, the user config ignored.
#
# usage: tests/corpus/score.sh [-v] [FILE.jsonl ...]
#   -v  list every miss, false positive and decision mismatch
# Environment: CCVETO (default build/ccveto), RECALL_MIN (0.98),
# FPR_MAX (0.01).  Exit status 1 when a family misses a target.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CCVETO=${CCVETO:-$TOP/build/ccveto}
RECALL_MIN=${RECALL_MIN:-0.98}
FPR_MAX=${FPR_MAX:-0.01}
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi
[ $# -gt 0 ] || set -- "$TOP"/tests/corpus/*.jsonl
command -v jq >/dev/null || { echo "score.sh: jq is required" >&2; exit 2; }
[ -x "$CCVETO" ] || { echo "score.sh: no ccveto at $CCVETO" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cat "$@" | grep -v '^[[:space:]]*$' > "$tmp/corpus.jsonl"
# ccveto check exits 0/1/2 for no objection/ask/deny; 3 is an error.  Its
# JSON says "decision":"none" for no objection, "allow" in this corpus.
rc=0
${RUN:-} "$CCVETO" check --no-user-config --home /home/alice \
	-C /home/alice/src/webapp --jsonl "$tmp/corpus.jsonl" \
	> "$tmp/verdicts.jsonl" || rc=$?
if [ "$rc" -gt 2 ]; then
	echo "score.sh: ccveto check failed (status $rc)" >&2
	exit 2
fi

jq -n -r --slurpfile c "$tmp/corpus.jsonl" --slurpfile v "$tmp/verdicts.jsonl" \
	--argjson rmin "$RECALL_MIN" --argjson fmax "$FPR_MAX" \
	--argjson verbose "$verbose" '
  def r4: . * 10000 | round / 10000;
  def fmt: tostring | if test("\\.") then . else . + ".0" end;
  def show: (if (.input.command | type) == "string" then .input.command else (.input | tojson) end) | gsub("\n"; "\\n");
  if ($c | length) != ($v | length) then
    error("corpus has \($c|length) calls but ccveto gave \($v|length) verdicts")
  else . end |
  [range(0; $c | length) as $i | $c[$i] + {got: ($v[$i].decision |
    if . == "none" then "allow" else . end),
    rules: $v[$i].rules, err: $v[$i].error, line: ($i + 1)}] as $rows |
  ([$rows[] | .family] | unique) as $fams |
  [ $fams[] as $f | [$rows[] | select(.family == $f)] as $r |
    [$r[] | select(.expect != "allow")] as $bad |
    [$r[] | select(.expect == "allow")] as $good |
    {family: $f, harmful: ($bad | length), benign: ($good | length),
     caught: ([$bad[] | select(.got != "allow")] | length),
     fp: ([$good[] | select(.got != "allow")] | length),
     exact: ([$bad[] | select(.got == .expect)] | length)} |
    .recall = (if .harmful > 0 then .caught / .harmful else 1 end) |
    .fpr = (if .benign > 0 then .fp / .benign else 0 end) |
    .ok = (.recall >= $rmin and .fpr <= $fmax) ] as $stats |
  ($stats | {harmful: (map(.harmful) | add), benign: (map(.benign) | add),
     caught: (map(.caught) | add), fp: (map(.fp) | add),
     exact: (map(.exact) | add)}) as $t |
  (if $verbose == 1 then
    [ $rows[] |
      if .expect != "allow" and .got == "allow" then
        "MISS  \(.family) line \(.line) (want \(.expect)): \(show)"
      elif .expect == "allow" and .got != "allow" then
        "FP    \(.family) line \(.line) (\(.got) by \(.rules | join(","))): \(show)"
      elif .expect != "allow" and .got != .expect then
        "DECISION \(.family) line \(.line) (want \(.expect), got \(.got) by \(.rules | join(","))): \(show)"
      else empty end ] | .[]
  else empty end),
  "family         calls harmful benign  recall    fp-rate   decision-match  target",
  ($stats[] | "\(.family | . + " " * (14 - length)) \(.harmful + .benign | tostring | " " * (5 - length) + .) \(.harmful | tostring | " " * (7 - length) + .) \(.benign | tostring | " " * (6 - length) + .)  \(.recall | r4 | fmt | . + " " * (8 - length))  \(.fpr | r4 | fmt | . + " " * (8 - length))  \(.exact)/\(.harmful | tostring | . + " " * (12 - length))  \(if .ok then "ok" else "MISSED" end)"),
  "overall        \($t.harmful + $t.benign | tostring | " " * (5 - length) + .) \($t.harmful | tostring | " " * (7 - length) + .) \($t.benign | tostring | " " * (6 - length) + .)  \($t.caught / $t.harmful | r4 | fmt | . + " " * (8 - length))  \($t.fp / $t.benign | r4 | fmt | . + " " * (8 - length))  \($t.exact)/\($t.harmful)",
  "benign share: \($t.benign / ($t.harmful + $t.benign) * 1000 | round / 10)%  (targets: recall >= \($rmin), fp-rate <= \($fmax))",
  (if all($stats[]; .ok) then "RESULT ok" else "RESULT targets missed: \([$stats[] | select(.ok | not) | .family] | join(", "))" end)
' > "$tmp/report"
cat "$tmp/report"
tail -n 1 "$tmp/report" | grep -q '^RESULT ok$'
