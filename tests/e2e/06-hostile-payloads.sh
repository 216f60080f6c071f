#!/bin/sh
# Hostile and malformed payloads, as the real client delivers them, still
# end in a block: each goes through one of ccveto's fail-closed paths
# (strict JSON, nesting bound, PCRE2 limit) and the client must honour the
# verdict it produced.
. "$TOP/tests/e2e/lib.sh"

repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# 1. rm hidden 40 levels of $( ) deep: beyond CV_MAX_SHELL_DEPTH.
new_case
cmd="echo $(repeat 40 '$(echo ')rm -rf ~/important$(repeat 40 ')')"
run_case '{"name":"Bash","input":{"command":"'"$cmd"'"}}'
blocked_by_ccveto "rm inside 40 nested \$( )"
canary_survives "rm inside 40 nested \$( )"

# 2. rm after 5,000 pipeline stages.
new_case
cmd="$(repeat 5000 'true | ')rm -rf ~/important"
run_case '{"name":"Bash","input":{"command":"'"$cmd"'"}}'
refused_by_ccveto "rm after 5,000 pipeline stages"
canary_survives "rm after 5,000 pipeline stages"

# 3. A Write whose content holds NUL: the client sends "\u0000"; strict
#    JSON refuses to judge a string it would have to truncate.
new_case
run_case '{"name":"Write","input":{"file_path":"'"$W"'/project/nul.txt","content":"a\u0000b"}}' \
	--canary project/nul.txt
is "Write with an escaped NUL: not executed" \
	"$(r 'c.get("outcome") != "executed"')" True
is "Write with an escaped NUL: the file was not written" \
	"$(r 'r["canaries_exist"]["project/nul.txt"]')" False

# 4. A lone surrogate in a command (sent as the escape "\ud800").
new_case
run_case '{"name":"Bash","input":{"command":"echo \ud800; rm -rf ~/important"}}'
is "lone surrogate in a command: not executed" \
	"$(r 'c.get("outcome") != "executed"')" True
canary_survives "lone surrogate in a command"

# 5. A user pack whose regex backtracks catastrophically: the PCRE2 limit
#    trips and the deny names the rule.
new_case
mkdir -p "$W/rules"
cat > "$W/rules/hostile.json" <<'PACK'
{
  "pack": "hostile",
  "description": "e2e test pack",
  "rules": [
    {
      "id": "hostile.redos",
      "title": "a regex with catastrophic backtracking",
      "severity": "low",
      "decision": "ask",
      "tools": ["Bash", "Monitor"],
      "match": { "program": ["echo"], "args": "^(a|a)*$" },
      "why": "exercises the PCRE2 match limit",
      "instead": "nothing",
      "hit": ["echo a", "echo aa", "echo aaa"],
      "miss": ["echo b", "ls a", "echo ba"]
    },
    {
      "id": "hostile.ask-me",
      "title": "a command that always asks",
      "severity": "low",
      "decision": "ask",
      "tools": ["Bash", "Monitor"],
      "match": { "program": ["touch"], "path": "asked$" },
      "why": "exercises the ask verdict",
      "instead": "nothing",
      "hit": ["touch asked", "touch ~/asked", "sudo touch /tmp/asked"],
      "miss": ["echo touch asked", "ls", "touch other"]
    }
  ]
}
PACK
run_case '{"name":"Bash","input":{"command":"echo '"$(repeat 40 a)"'! > ~/redos-ran"}}' \
	--env "CCVETO_RULES_DIR=$W/rules" --canary home/redos-ran
blocked_by_ccveto "regex limit in a user pack"
is "regex limit: the command did not run" \
	"$(r 'r["canaries_exist"]["home/redos-ran"]')" False
is "regex limit: the reason names the rule" \
	"$(r 'any("hostile.redos" in (h.get("stderr") or "") for h in hooks)')" True
PACKDIR=$W/rules

# 6. An "ask" verdict: valid JSON the client understands, so in -p mode
#    the call is refused (malformed JSON would have let it run).
new_case
run_case '{"name":"Bash","input":{"command":"touch ~/asked"}}' \
	--env "CCVETO_RULES_DIR=$PACKDIR" --canary home/asked
is "ask: the call was refused" \
	"$(r 'c.get("outcome") in ("refused", "blocked_by_hook")')" True
is "ask: the command did not run" \
	"$(r 'r["canaries_exist"]["home/asked"]')" False
is "ask: ccveto answered exit 0 with the ask JSON" \
	"$(r 'any(h.get("exit_code") == 0 and "\"permissionDecision\":\"ask\"" in (h.get("stdout") or "") for h in hooks)')" True

# 7. The ccveto binary missing (moved, uninstalled): the registration that
#    `ccveto install` writes has onFailure "block", so the call is still
#    refused.
new_case --command "/nonexistent/ccveto-moved hook"
run_case '{"name":"Bash","input":{"command":"rm -rf ~/important"}}'
is "missing ccveto binary: blocked (onFailure: block)" \
	"$(r 'c.get("outcome")')" blocked_by_hook
canary_survives "missing ccveto binary"

done_testing
