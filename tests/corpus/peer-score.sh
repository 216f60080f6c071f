#!/bin/sh
# tests/corpus/peer-score.sh - scores ccveto on the public test suites of
# two peer guards (../shared/corpus/peer-suites/*.jsonl, see its README).
# A line: {"id", "tool_name", "tool_input", "expect": "block"|"allow"|
# "either", "category", "note"}.  "block" counts as caught when ccveto
# denies or asks, "allow" is a false positive when it does, "either" is
# counted but never scored.  Calls are judged as the README says: in a
# scratch git repository on branch main with one clean commit, HOME a
# scratch directory, cwd the repository, the user config ignored.
#
# Reported, never gated (exit 0 whatever the figures; 2 on a setup error).
# usage: tests/corpus/peer-score.sh [-v] [SUITE.jsonl ...]
#   -v  list every miss and false positive
# Environment: CCVETO (default build/ccveto), PEER_DIR (default
# ../shared/corpus/peer-suites relative to the worktree).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CCVETO=${CCVETO:-$TOP/build/ccveto}
PEER_DIR=${PEER_DIR:-$TOP/../shared/corpus/peer-suites}
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi
if [ $# -eq 0 ]; then
	set -- "$PEER_DIR"/*.jsonl
	if [ ! -f "$1" ]; then
		echo "peer-score.sh: no peer suites in $PEER_DIR (skipped)"
		exit 0
	fi
fi
command -v jq >/dev/null || { echo "peer-score.sh: jq is required" >&2; exit 2; }
command -v git >/dev/null || { echo "peer-score.sh: git is required" >&2; exit 2; }
[ -x "$CCVETO" ] || { echo "peer-score.sh: no ccveto at $CCVETO" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
home=$tmp/home
repo=$home/repo
mkdir -p "$repo"
(
	cd "$repo"
	export HOME="$home" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=peer \
		GIT_AUTHOR_EMAIL=peer@example.invalid GIT_COMMITTER_NAME=peer \
		GIT_COMMITTER_EMAIL=peer@example.invalid
	git init -q -b main
	echo "# scratch" > README.md
	git add README.md
	git commit -q -m initial
)

for suite in "$@"; do
	name=$(basename "$suite" .jsonl)
	# {{HOME}} and {{CWD}} in a call stand for the home and the working
	# directory the peer's test ran with: here the scratch ones.
	jq -c --arg home "$home" --arg cwd "$repo" '
	  def fill: walk(if type == "string" then
	    gsub("\\{\\{HOME\\}\\}"; $home) |
	    gsub("\\{\\{CWD\\}\\}"; $cwd) else . end);
	  {tool: .tool_name, input: (.tool_input | fill)}' "$suite" \
		> "$tmp/calls.jsonl"
	rc=0
	${RUN:-} "$CCVETO" check --no-user-config --home "$home" -C "$repo" \
		--jsonl "$tmp/calls.jsonl" > "$tmp/verdicts.jsonl" || rc=$?
	if [ "$rc" -gt 2 ]; then
		echo "peer-score.sh: ccveto check failed on $name (status $rc)" >&2
		exit 2
	fi
	jq -n -r --slurpfile c "$suite" --slurpfile v "$tmp/verdicts.jsonl" \
		--arg name "$name" --argjson verbose "$verbose" '
	  def r4: (. * 10000 | round) as $n | "\($n / 10000 | floor)." +
	    ("000\($n % 10000)" | .[-4:]);
	  def pad(n): tostring | . + " " * (n - length);
	  def lpad(n): tostring | " " * (n - length) + .;
	  def show: (.tool_input.command // (.tool_name + " " +
	    (.tool_input | tojson))) | gsub("\n"; "\\n") |
	    if length > 200 then .[0:197] + "..." else . end;
	  if ($c | length) != ($v | length) then
	    error("\($name): \($c | length) calls but \($v | length) verdicts")
	  else . end |
	  # deny and ask object; "none" (no objection) does not.
	  [range(0; $c | length) as $i | $c[$i] + {got: $v[$i].decision,
	    blocked: ($v[$i].decision == "deny" or $v[$i].decision == "ask")}]
	    as $rows |
	  def stats(r): [r[] | select(.expect == "block")] as $b |
	    [r[] | select(.expect == "allow")] as $a |
	    {block: ($b | length), allow: ($a | length),
	     either: ([r[] | select(.expect == "either")] | length),
	     caught: ([$b[] | select(.blocked)] | length),
	     fp: ([$a[] | select(.blocked)] | length)};
	  def line($t; s): "\($t | pad(20)) \(s.block | lpad(6)) \(s.caught | lpad(6))  \(if s.block > 0 then (s.caught / s.block | r4) else "-" end | pad(8)) \(s.allow | lpad(6)) \(s.fp | lpad(5))  \(if s.allow > 0 then (s.fp / s.allow | r4) else "-" end | pad(8)) \(s.either | lpad(6))";
	  (if $verbose == 1 then
	    ($rows[] | select(.expect == "block" and (.blocked | not)) |
	      "MISS  \($name) \(.id) [\(.category)]: \(show)"),
	    ($rows[] | select(.expect == "allow" and .blocked) |
	      "FP    \($name) \(.id) [\(.category)] \(.got): \(show)")
	  else empty end),
	  "== peer suite \($name): \($rows | length) calls",
	  "category              block caught  recall    allow    fp  fp-rate    either",
	  (($rows | map(.category) | unique)[] as $k |
	    line($k; stats([$rows[] | select(.category == $k)]))),
	  line("overall"; stats($rows))
	'
done
echo "(peer suites are reported, not gated; targets apply to tests/corpus only)"
