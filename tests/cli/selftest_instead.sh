#!/bin/sh
# tests/cli/selftest_instead.sh - the self-test judges the commands a
# rule's `instead` text offers in backquotes: advice the guard itself
# would block fails the self-test, prose and option fragments are not
# judged.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/good" "$T/bad"
cat > "$T/good/t.json" <<'PACK'
{ "pack": "t", "description": "instead test", "rules": [
  { "id": "t.zzfrob", "title": "zzfrob", "severity": "high", "decision": "deny",
    "match": { "program": ["zzfrob"] },
    "why": "test",
    "instead": "use `wget -q URL` (or pass `--proto =https`)",
    "hit": ["zzfrob x", "sudo zzfrob y", "env zzfrob z"],
    "miss": ["wget x", "echo zzfrob", "ls"] } ] }
PACK
sed 's/`wget -q URL`/`zzfrob -q URL`/' "$T/good/t.json" > "$T/bad/t.json"

out=$($RUN "$CCVETO" selftest --rules-dir "$T/good" 2>&1)
rc=$?
check "an instead that passes: self-test passes" [ "$rc" = 0 ]
out=$($RUN "$CCVETO" selftest --rules-dir "$T/bad" 2>&1)
rc=$?
check "an instead the guard blocks: self-test fails" [ "$rc" = 1 ]
case $out in
*"FAIL t.zzfrob instead: zzfrob -q URL - t.zzfrob"*) ok "the failure names the rule, the command and what blocked it" ;;
*) not_ok "the failure names the rule, the command and what blocked it: $out" ;;
esac
case $out in
*"--proto"*) not_ok "an option fragment is not judged: $out" ;;
*) ok "an option fragment is not judged" ;;
esac
done_testing
