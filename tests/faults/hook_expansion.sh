#!/bin/sh
# tests/faults/hook_expansion.sh - text that grows as the shell model reads
# it (doubling assignments A=$B$B; B=$A$A; ..., in words, here-docs,
# `bash -c`, inline Python) is denied as too large to judge once it passes
# CV_MAX_SHELL_BYTES, and no input takes the hook above 64 MiB (a JSON
# document of millions of tiny values included).  Before, a few hundred
# bytes of command grew to gigabytes: the watchdog, the OOM killer or a
# CPU limit decided, and a 14 MB array of zeros built a 450 MB tree.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
mkdir -p "$HOME"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
def bash(name, cmd):
    json.dump({"hook_event_name": "PreToolUse", "tool_name": "Bash",
               "cwd": "/", "tool_input": {"command": cmd}},
              open("%s/%s.json" % (t, name), "w"))
steps = lambda n: "A=x; " + " ".join("B=$A$A; A=$B$B;" for _ in range(n))
bash("double", steps(30) + " echo $A")
bash("double_rm", steps(30) + " rm -rf ~")
bash("double_braces", "A=x; " + " ".join("B=${A}${A}; A=\"${B}${B}\";"
                                        for _ in range(30)) + " ls")
bash("double_heredoc", steps(10) + " cat <<EOF\n" + "$A" * 4000 + "\nEOF")
bash("double_bash_c", steps(11) + ' bash -c "$A $A $A"')
bash("double_python", "python3 -c '" + "a=\"x\"\n" + "a=a+a\n" * 18 +
     "b=a+a\n" * 100 + "'")
bash("big_word", "echo '" + "x" * (15 << 20) + "'")
json.dump({"hook_event_name": "PreToolUse", "tool_name": "mcp__s__t",
           "cwd": "/", "tool_input": {"a": [0] * 7000000}},
          open("%s/json_values.json" % t, "w"), separators=(",", ":"))
PY
hookrun() { python3 "$TOP/tests/faults/hookrun.py" "$@" > "$T/out"; }
rc() { sed -n 's/^rc=//p' "$T/out"; }
rss() { sed -n 's/^maxrss_kb=//p' "$T/out"; }

cases="double double_rm double_braces double_heredoc double_bash_c
	double_python big_word json_values"
# Under valgrind reading 15 MB takes longer than the 4 s watchdog.
[ -n "$RUN" ] && cases="double double_heredoc double_bash_c double_python"
for c in $cases; do
	hookrun "$T/$c.json"
	is "$c: denied" "$(rc)" 2
	check "  too large to judge, said at once (not the watchdog)" \
		grep -q "too large to judge" "$T/out"
	# valgrind's and ASan's own memory would be measured: not there.
	if [ -z "$RUN" ] && case ${BUILD:-} in *asan*) false ;; esac; then
		r=$(rss)
		check "  peak RSS ${r} KiB <= 64 MiB" test "${r:-999999}" -le 65536
	fi
done

done_testing
