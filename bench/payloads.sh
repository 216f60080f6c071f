#!/bin/sh
# bench/payloads.sh OUTDIR - writes the benchmark's PreToolUse payloads and
# OUTDIR/cases.tsv ("name<TAB>expected exit<TAB>path", for bench/timing).
#
# The cases of docs/performance.md: a benign and a dangerous Bash
# call, a Read, a 1 MB Write and a 100 KB here-document.  Payloads are
# deterministic (no dates, no random data), so instruction counts compare
# across runs and machines.  The envelope is the one Claude Code sends
# (shared/spec/examples/); cwd is fixed for the same reason.
set -eu
out=${1:?usage: payloads.sh OUTDIR}
mkdir -p "$out"

# envelope TOOL INPUT-JSON
envelope() {
	printf '{"session_id":"03e6d284-9928-4f0b-8b5c-8e9f06e422f1",'
	printf '"transcript_path":"/home/alice/.claude/projects/-home-alice-src-webapp/03e6d284-9928-4f0b-8b5c-8e9f06e422f1.jsonl",'
	printf '"cwd":"/home/alice/src/webapp","permission_mode":"default",'
	printf '"hook_event_name":"PreToolUse","tool_name":"%s",' "$1"
	printf '"tool_input":%s,' "$2"
	printf '"tool_use_id":"toolu_01YX8YPiu5glO9ELoXQGTkz2"}\n'
}

envelope Bash '{"command":"git status --short && git diff --stat HEAD~1 -- src/ | tail -n 20","description":"Show working tree status"}' \
	> "$out/bash-benign.json"
envelope Bash '{"command":"cd /tmp && rm -rf ~","description":"Clean up"}' \
	> "$out/bash-danger.json"
envelope Read '{"file_path":"/home/alice/src/webapp/src/server/routes.ts"}' \
	> "$out/read.json"
# The two shell calls in PowerShell (translated to sh, then the same).
envelope PowerShell '{"command":"git status --short; git diff --stat HEAD~1 -- src/ | Select-Object -Last 20","description":"Show working tree status"}' \
	> "$out/pwsh-benign.json"
envelope PowerShell '{"command":"cd /tmp; Remove-Item -Recurse -Force ~","description":"Clean up"}' \
	> "$out/pwsh-danger.json"

# A 1 MiB Write of source-like text: JSON escapes (\n, \", \\) as a real
# file has them, varied identifiers so no two lines are alike.
awk 'BEGIN {
	printf "{\"file_path\":\"/home/alice/src/webapp/src/generated/table.ts\",\"content\":\""
	n = 0
	for (i = 0; n < 1048576; i++) {
		if (i % 8 == 0)
			l = sprintf("// section %d: lookup helpers for table %d\\n", i, i % 97)
		else if (i % 8 == 3)
			l = sprintf("export const label_%d = \\\"row %d of %d\\\";\\n", i, i, i * 7 % 1000)
		else if (i % 8 == 5)
			l = sprintf("const re_%d = /^[a-z]+\\\\d{%d}$/; // matches key%d\\n", i, i % 9 + 1, i)
		else
			l = sprintf("  if (value_%d > %d) { total += value_%d * %d; }\\n", i, i % 1000, i, i % 13)
		printf "%s", l
		n += length(l)
	}
	printf "\"}"
}' > "$out/write-input.json"
envelope Write "$(cat "$out/write-input.json")" > "$out/write-1m.json"
rm -f "$out/write-input.json"

# A ~100 KB here-document, the way Claude writes a file through Bash.
awk 'BEGIN {
	printf "{\"command\":\"mkdir -p docs && cat > docs/notes.md <<'"'"'EOF'"'"'\\n# Notes\\n\\n"
	n = 0
	for (i = 0; n < 102400; i++) {
		if (i % 10 == 0)
			l = sprintf("## Part %d\\n\\n", i / 10)
		else if (i % 10 == 4)
			l = sprintf("Run `make test` then `git diff --stat` to see step %d.\\n", i)
		else if (i % 10 == 7)
			l = sprintf("- item %d: the parser keeps $HOME and ${PATH} as text here\\n", i)
		else
			l = sprintf("Line %d of the notes explains the cache layout and its %d entries.\\n", i, i * 31 % 4096)
		printf "%s", l
		n += length(l)
	}
	printf "EOF\\nwc -l docs/notes.md\",\"description\":\"Write the notes\"}"
}' > "$out/heredoc-input.json"
envelope Bash "$(cat "$out/heredoc-input.json")" > "$out/heredoc-100k.json"
rm -f "$out/heredoc-input.json"

printf '%s\t%s\t%s\n' \
	bash-benign 0 "$out/bash-benign.json" \
	bash-danger 2 "$out/bash-danger.json" \
	pwsh-benign 0 "$out/pwsh-benign.json" \
	pwsh-danger 2 "$out/pwsh-danger.json" \
	read 0 "$out/read.json" \
	write-1m 0 "$out/write-1m.json" \
	heredoc-100k 0 "$out/heredoc-100k.json" > "$out/cases.tsv"
