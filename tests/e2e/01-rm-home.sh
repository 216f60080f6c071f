#!/bin/sh
# rm -rf ~/important through the real client: blocked, directory intact.
. "$TOP/tests/e2e/lib.sh"

new_case
run_case '{"name":"Bash","input":{"command":"rm -rf ~/important","description":"Delete the important directory"}}'
refused_by_ccveto "rm -rf ~/important"
canary_survives "rm -rf ~/important"
is "rm -rf ~/important: the model is told why" \
	"$(r '"ccveto" in str(c.get("result", {}).get("content"))')" True
is "rm -rf ~/important: the run ends normally (no hang, no crash)" \
	"$(r 'r["client"]["exit_code"] == 0 and not r["client"]["timed_out"]')" True

# The same through wrappers the client itself does not look into.
new_case
run_case '{"name":"Bash","input":{"command":"cd /tmp && sudo -n true; bash -c \"rm -rf $HOME/important\""}}'
refused_by_ccveto "bash -c 'rm -rf \$HOME/important'"
canary_survives "bash -c 'rm -rf \$HOME/important'"

done_testing
