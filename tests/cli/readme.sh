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

CCVETO="$CCVETO" sh "$TOP/examples/demo.sh" > "$T/demo" 2>&1
demo_is() {	# demo_is VERDICT FRAGMENT
	if grep -F -- "$2" "$T/demo" | grep -q "^$1 "; then
		ok "demo: $1 $2"
	else
		not_ok "demo: $2 is not $1: $(grep -F -- "$2" "$T/demo" | head -1)"
	fi
}
demo_is allow '"ls -la"'
demo_is allow 'rm -rf ./build'
demo_is allow 'stop using rm -rf'
demo_is DENY '"rm -rf ~"'
demo_is DENY 'sudo /bin/rm -rf /'
demo_is DENY 'bash -c'
demo_is DENY 'i.sh | bash'
demo_is DENY 'git push --force origin main'
demo_is DENY 'id_ed25519'
demo_is ASK 'dangerouslyDisableSandbox'
done_testing
