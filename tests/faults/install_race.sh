#!/bin/sh
# tests/faults/install_race.sh - an edit that lands between install's read
# and its rename (an editor saving the file) is kept: install notices the
# change and redoes its edit on the new text.  Before, the edit was lost,
# in neither the file nor the backup.  The edit is injected at install's
# first fsync() by an LD_PRELOAD shim (needs cc; skipped otherwise).
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset CCVETO_LOG_FILE
mkdir -p "$HOME/.claude"
S="$HOME/.claude/settings.json"
cat > "$T/shim.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At the first fsync(), write SHIM_TEXT to SHIM_FILE: in place, or
 * (SHIM_MODE=rename) as an editor does, through a new file renamed over. */
int fsync(int fd)
{
	static int done;
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	const char *f = getenv("SHIM_FILE"), *t = getenv("SHIM_TEXT");
	const char *m = getenv("SHIM_MODE");

	if (!done && f && t) {
		char tmp[4096];
		int rename_mode = m && !strcmp(m, "rename");
		FILE *o;

		done = 1;
		snprintf(tmp, sizeof(tmp), "%s.editor", f);
		if ((o = fopen(rename_mode ? tmp : f, "w"))) {
			fputs(t, o);
			fclose(o);
		}
		if (rename_mode)
			rename(tmp, f);
	}
	return real(fd);
}
C
if ! cc -shared -fPIC -o "$T/shim.so" "$T/shim.c" -ldl 2> "$T/cc.err"; then
	echo "ok 1 - # SKIP cannot build the LD_PRELOAD shim (no cc)"
	echo "1..1"
	exit 0
fi
# An ASan ccveto-full must tolerate a library loaded before its runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
edited='{"model": "sonnet", "env": {"EDITED": "by the user"}}'
for mode in inplace rename; do
	printf '{"model": "opus"}\n' > "$S"
	SHIM_FILE="$S" SHIM_TEXT="$edited" SHIM_MODE=$mode LD_PRELOAD="$T/shim.so" \
		$RUN "$CCVETO" install --command '/opt/ccveto/bin/ccveto hook' \
		> "$T/out" 2>&1
	is "$mode: install exits 0" "$?" 0
	check "$mode: install noticed the change" \
		grep -q "changed while ccveto was editing it" "$T/out"
	check "$mode: the user's edit is kept" grep -q '"EDITED": "by the user"' "$S"
	check "$mode: and ccveto's hook is registered in it" \
		grep -q '/opt/ccveto/bin/ccveto hook' "$S"
	check "$mode: the backup is the edited version" grep -q EDITED "$S.ccveto-bak"
	rm -f "$S.ccveto-bak"
done

done_testing
