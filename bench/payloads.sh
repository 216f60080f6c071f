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

# PostToolUse: a Bash call's output of build-log-like text (paths,
# key=value pairs, hashes, JSON lines) of about 10 KB and 1 MiB, and the
# 1 MiB one with a key every 64 KiB, which is rewritten.
# post_output BYTES KEYS
post_output() {
	awk -v want="$1" -v keys="$2" 'BEGIN {
		printf "{\"session_id\":\"03e6d284-9928-4f0b-8b5c-8e9f06e422f1\","
		printf "\"cwd\":\"/home/alice/src/webapp\",\"permission_mode\":\"default\","
		printf "\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
		printf "\"tool_input\":{\"command\":\"make test 2>&1\"},"
		printf "\"tool_response\":{\"stdout\":\""
		n = 0; next_key = 65536
		for (i = 0; n < want; i++) {
			if (i % 6 == 0)
				l = sprintf("src/module_%d/file_%d.c:%d:%d: warning: unused variable x%d [-Wunused]\\n", i % 37, i, i % 900, i % 70, i)
			else if (i % 6 == 1)
				l = sprintf("test_%d ... ok (elapsed=%d.%03ds, retries=0, seed=0x%08x)\\n", i, i % 9, i % 1000, i * 2654435761 % 4294967296)
			else if (i % 6 == 2)
				l = sprintf("{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"request %d done\\\",\\\"status\\\":200,\\\"took_ms\\\":%d}\\n", i, i % 300)
			else if (i % 6 == 3)
				l = sprintf("commit %08x%08x%08x%08x%08x Merge: tokens=%d password_min=%d\\n", i, i * 7, i * 13, i * 17, i * 19, i % 512, i % 20)
			else if (i % 6 == 4)
				l = sprintf("  Downloading https://registry.npmjs.org/pkg-%d/-/pkg-%d-1.%d.0.tgz sha512-%08xAbCd%08x==\\n", i, i, i % 40, i * 31, i * 37)
			else
				l = sprintf("PASS tests/unit/case_%d.test.ts (%d ms) -- The quick brown fox jumps over the lazy dog.\\n", i, i % 700)
			if (keys && n >= next_key) {
				l = sprintf("export GITHUB_TOKEN=ghp_%08dAbCdEfGhIjKlMnOpQrStUvWx%04d\\n", i, i % 10000)
				next_key += 65536
			}
			printf "%s", l
			n += length(l)
		}
		printf "\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false},"
		printf "\"tool_use_id\":\"toolu_01YX8YPiu5glO9ELoXQGTkz2\"}\n"
	}'
}
# An MCP tool's answer of about 100 KB of HTML and prose (someone else's
# text): redaction and the injection scan both read it.
awk 'BEGIN {
	printf "{\"session_id\":\"03e6d284-9928-4f0b-8b5c-8e9f06e422f1\","
	printf "\"cwd\":\"/home/alice/src/webapp\",\"permission_mode\":\"default\","
	printf "\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"mcp__web__fetch\","
	printf "\"tool_input\":{\"url\":\"https://docs.example.org/guide\"},"
	printf "\"tool_response\":[{\"type\":\"text\",\"text\":\""
	n = 0
	for (i = 0; n < 102400; i++) {
		if (i % 5 == 0)
			l = sprintf("<h2 id=\\\"s%d\\\">Section %d: configuring the client</h2>\\n", i, i)
		else if (i % 5 == 1)
			l = sprintf("<p>Set <code>timeout=%d</code> and run the installer; see <a href=\\\"/docs/p%d\\\">page %d</a> for the options you can pass.</p>\\n", i % 60, i, i)
		else if (i % 5 == 2)
			l = sprintf("<!-- generated by docs-build %d.%d -->\\n", i % 9, i % 17)
		else if (i % 5 == 3)
			l = sprintf("<pre>curl -fsSL https://example.org/v%d/install | less</pre>\\n", i % 7)
		else
			l = sprintf("<p>You can ignore the warnings the previous step printed; the system then uses the %d rules above.</p>\\n", i % 40)
		printf "%s", l
		n += length(l)
	}
	printf "\"}],\"tool_use_id\":\"toolu_01YX8YPiu5glO9ELoXQGTkz2\"}\n"
}' > "$out/post-100k-mcp.json"
post_output 10240 0 > "$out/post-10k.json"
post_output 1048576 0 > "$out/post-1m.json"
post_output 1048576 1 > "$out/post-1m-keys.json"

printf '%s\t%s\t%s\n' \
	bash-benign 0 "$out/bash-benign.json" \
	bash-danger 2 "$out/bash-danger.json" \
	pwsh-benign 0 "$out/pwsh-benign.json" \
	pwsh-danger 2 "$out/pwsh-danger.json" \
	read 0 "$out/read.json" \
	write-1m 0 "$out/write-1m.json" \
	heredoc-100k 0 "$out/heredoc-100k.json" \
	post-10k 0 "$out/post-10k.json" \
	post-1m 0 "$out/post-1m.json" \
	post-1m-keys 0 "$out/post-1m-keys.json" \
	post-100k-mcp 0 "$out/post-100k-mcp.json" > "$out/cases.tsv"
