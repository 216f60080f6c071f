#!/bin/sh
# tests/faults/hook_signals.sh - every signal whose default action would
# end or stop the hook ends in the documented deny instead (exit 2 and a
# reason), and Claude Code's timeout signal, SIGTERM, says "timed out".
# Before, SIGINT, SIGHUP, SIGQUIT, SIGUSR1/2, SIGXCPU, SIGXFSZ and the rest
# killed the hook (a fail-open "hook error"), SIGTSTP stopped it until the
# watchdog, and SIGTERM said "the guard failed".
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_STATE_HOME="$T/home/.local/state"
unset CCVETO_LOG_FILE CCVETO_RULES_DIR
mkdir -p "$HOME"
# hookrun.py -: the hook is judging (waiting for the rest of its payload)
# when the signal arrives.
run() { python3 "$TOP/tests/faults/hookrun.py" --signal "$1" - > "$T/out"; }
rc() { sed -n 's/^rc=//p' "$T/out"; }

sigs="HUP INT QUIT USR1 USR2 XCPU XFSZ PIPE ALRM TSTP TTIN TTOU VTALRM PROF IO PWR SYS TRAP"
# Under valgrind each run costs seconds: the common ones only.
[ -n "$RUN" ] && sigs="HUP INT USR1 XFSZ"
for s in $sigs; do
	run "$s"
	is "SIG$s: denied (exit 2)" "$(rc)" 2
	check "  SIG$s: with a reason" grep -q "ccveto blocked this call" "$T/out"
done

run TERM
is "SIGTERM (Claude Code's timeout): denied" "$(rc)" 2
check "  and says it timed out" grep -q "timed out" "$T/out"
check "  not that the guard failed" sh -c "! grep -q 'failed' '$T/out'"

# SIGPIPE and SIGXFSZ that the kernel sends for the hook's own write are
# failed writes, not a verdict: a closed stdout turns an ask into a deny.
printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","tool_input":{"command":"npm publish"}}' > "$T/ask.json"
python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)    # nobody will ever read stdout
p = subprocess.run([os.environ["CCVETO"], "hook", "--home", os.environ["HOME"]], stdin=open(sys.argv[1]),
                   stdout=w, stderr=subprocess.PIPE, timeout=10)
print(p.returncode)
sys.stdout.write(p.stderr.decode())' "$T/ask.json" > "$T/out" 2>&1
is "ask with stdout closed (EPIPE): denied, not killed by SIGPIPE" \
	"$(head -n 1 "$T/out")" 2
check "  with the ask's reason" grep -q "ccveto" "$T/out"

done_testing
