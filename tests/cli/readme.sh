#!/bin/sh
# tests/cli/readme.sh - what the README shows works: the rule example
# passes its own self-test, and the demo's verdicts are the documented ones.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"

python3 - "$TOP/README.md" "$T/local.json" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r'```json\n(\{ "pack": "local".*?)\n```', text, re.S)
open(sys.argv[2], "w").write(m.group(1) if m else "")
PY
$RUN "$CCVETO" selftest --rules-dir "$T" > "$T/selftest"
is "the README's rule example is valid and passes its examples" "$?" 0
$RUN "$CCVETO" check --no-user-config --rules-dir "$T" \
	'psql -h prod-db.internal' > /dev/null
is "the README's rule asks for psql against production" "$?" 1

# The first screen: two commands, one builds and runs the demo, one runs
# the tests; the first works as root on a machine without sudo.
python3 - "$TOP/README.md" > "$T/first" <<'PY'
import re, sys
m = re.search(r'```sh\n(.*?)```', open(sys.argv[1]).read(), re.S)
print(m.group(1) if m else "", end="")
PY
is "README's first block holds two commands" "$(grep -c . "$T/first")" 2
check "  ... the first builds and runs the demo" \
	sh -c 'head -1 "$1" | grep -q "apt-get install .*&& make demo$"' sh "$T/first"
check "  ... without sudo (root has no sudo on a fresh machine)" \
	sh -c '! grep -q sudo "$1"' sh "$T/first"
is "  ... the second runs the tests" "$(sed -n 2p "$T/first")" "make test"

CCVETO="$CCVETO" sh "$TOP/examples/demo.sh" > "$T/demo" 2>&1
demo_is() {	# demo_is VERDICT FRAGMENT
	if grep -F -- "$2" "$T/demo" | grep -q "^$1 "; then
		ok "demo: $1 $2"
	else
		not_ok "demo: $2 is not $1: $(grep -F -- "$2" "$T/demo" | head -1)"
	fi
}
demo_is "no objection" '"ls -la"'
demo_is "no objection" 'rm -rf ./build'
demo_is "no objection" 'stop using rm -rf'
demo_is DENY '"rm -rf ~"'
demo_is DENY 'sudo /bin/rm -rf /'
demo_is DENY 'bash -c'
demo_is DENY 'i.sh | bash'
demo_is DENY 'git push --force origin main'
demo_is DENY 'id_ed25519'
demo_is ASK 'dangerouslyDisableSandbox'
out=$($RUN "$CCVETO" check --no-user-config 'ls -la')
is "check says no objection, not allow" "$out" "no objection: ls -la"
out=$($RUN "$CCVETO" check --no-user-config --json 'ls -la')
case $out in *'"decision":"none"'*) ok "check --json: decision none" ;;
*) not_ok "check --json: decision none: $out" ;; esac
done_testing
