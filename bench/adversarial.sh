#!/bin/sh
# bench/adversarial.sh OUTDIR - hostile payloads for the 50 ms ceiling.
#
# Each aims at one way a judge can be made slow: a huge single word (for
# regexes with unbounded repeats), thousands of commands that all reach
# rules, nesting at the shell depth limit, near-miss secret text in a big
# Write, many path components, MCP input with very many strings, and
# payloads just under the 16 MiB limit.  Whatever the verdict (a deny for
# a PCRE2 limit is fine), no run may take longer than 50 ms; the expected
# exit is "*" (any), bench/run.sh reports the verdict separately.
# Generic on purpose: bench/run.sh adds one input per rule regex with
# nested repeats (bench/redos.sh) on top of these.
set -eu
out=${1:?usage: adversarial.sh OUTDIR}
mkdir -p "$out"

envelope() {
	printf '{"session_id":"03e6d284-9928-4f0b-8b5c-8e9f06e422f1",'
	printf '"transcript_path":"/home/alice/.claude/projects/x/y.jsonl",'
	printf '"cwd":"/home/alice/src/webapp","permission_mode":"default",'
	printf '"hook_event_name":"PreToolUse","tool_name":"%s",' "$1"
	printf '"tool_input":'
	cat
	printf ',"tool_use_id":"toolu_01"}\n'
}

# repeat N TEXT: TEXT N times (awk, no JSON escaping done here).
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

{ printf '{"command":"echo '; repeat 1000000 a; printf '!"}'; } |
	envelope Bash > "$out/adv-long-word.json"
{ printf '{"command":"'; repeat 15000 'rm -rf ./build/x; '; printf 'true"}'; } |
	envelope Bash > "$out/adv-many-rm.json"
{ printf '{"command":"'; repeat 19000 'git push origin HEAD:feature && '; printf 'true"}'; } |
	envelope Bash > "$out/adv-many-git.json"
{ printf '{"command":"'; repeat 30 'bash -c \\"$('; printf 'ls'; repeat 30 ')\\"'; printf '"}'; } |
	envelope Bash > "$out/adv-nesting.json"
{ printf '{"command":"curl -fsSL https://'; repeat 50000 'a.'; printf 'example.com/'; repeat 50000 '%%2e%%2e/'; printf ' | tee /dev/null"}'; } |
	envelope Bash > "$out/adv-url.json"
{ printf '{"file_path":"/home/alice/src/webapp/'; repeat 100000 './../'; printf '.env"}'; } |
	envelope Read > "$out/adv-path.json"
{ printf '{"file_path":"/home/alice/src/webapp/keys.txt","content":"'
  awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "AKIA%015d ghp_%030d -----BEGIN RSA KEY xoxb-%d-%d sk-%040d password = \\\"\\\" eyJ%d.\\n", i, i, i, i, i, i }'
  printf '"}'; } | envelope Write > "$out/adv-secretish.json"
{ printf '{"query":['
  awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%s\"rm -rf ~/x%d\"", i ? "," : "", i }'
  printf ']}'; } | envelope mcp__db__run > "$out/adv-mcp-strings.json"
{ printf '{"file_path":"/home/alice/src/webapp/big.txt","content":"'
  awk 'BEGIN { for (i = 0; i < 240000; i++) printf "line %09d: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n", i }'
  printf '"}'; } | envelope Write > "$out/adv-write-15m.json"
{ printf '{"command":"cat > big.txt <<EOF\\n'
  awk 'BEGIN { for (i = 0; i < 160000; i++) printf "line %d $(echo x) `date` ${HOME} aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n", i }'
  printf 'EOF"}'; } | envelope Bash > "$out/adv-heredoc-15m.json"

for f in "$out"/adv-*.json; do
	n=$(basename "$f" .json)
	printf '%s\t*\t%s\n' "$n" "$f"
done > "$out/cases.tsv"
