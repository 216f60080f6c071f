#!/bin/sh
# tests/faults/hook_tiny_stack.sh - on a tiny stack (`ulimit -s`) the hook
# still answers: its signal handlers, with their own stack, exist before
# anything else runs, and main()'s frame is small, so running out of stack
# later is a deny, never a crash.  Before, below ~8 KiB (no stack
# randomisation) the hook died of SIGSEGV before its handler existed.
# setarch -R turns the kernel's random stack offset (up to 8 KiB) off, so
# each size means the same thing on every run; docs/reliability.md has the
# floor with the offset on.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
if [ -n "$RUN" ]; then
	ok "# SKIP valgrind runs the program on a stack of its own"
	done_testing
	exit 0
fi
case ${BUILD:-} in
*asan*)	# No crash handlers there: ASan reports a crash itself, and its
	# runtime needs stack of its own.
	ok "# SKIP sanitizer builds keep their own crash handlers"
	done_testing
	exit 0 ;;
esac
if ! setarch -R true 2>/dev/null; then
	ok "# SKIP setarch -R (util-linux) is not available here"
	done_testing
	exit 0
fi
call() {
	printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","cwd":"/","tool_input":{"command":"%s"}}' "$1" > "$T/$2.json"
}
call 'rm -rf ~' deny
call 'ls' none
# A small environment, as the floor depends on its size.
hook() {
	env -i HOME="$T" PATH=/usr/bin:/bin setarch -R sh -c \
		"ulimit -s $1; exec '$CCVETO' hook --home '$T' --no-user-config < '$T/$2.json' > /dev/null 2> '$T/err'"
	echo $?
}

for kib in 64 16 8 7 6 4 2; do
	is "${kib} KiB of stack: rm -rf ~ denied" "$(hook $kib deny)" 2
	r=$(hook $kib none)
	case $r in
	0|2) ok "${kib} KiB of stack: ls answered ($r)" ;;
	*) not_ok "${kib} KiB of stack: ls ended with status $r" ;;
	esac
done

done_testing
