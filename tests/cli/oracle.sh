#!/bin/sh
# tests/cli/oracle.sh - the execution oracle's parts that need no jail:
# canary detection, the classifier, the generator, and that the labelled
# corpus is the generator's output (tests/oracle/selftest.py).  The jail
# itself runs in `make oracle` (root only; see docs/measurement.md).
. "$(dirname "$0")/../lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
	ok "oracle self-test skipped: no python3 (# SKIP)"
	done_testing
	exit 0
fi
exec python3 "$TOP/tests/oracle/selftest.py"
