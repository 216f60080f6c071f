# mk/e2e.mk - `make e2e`: the end-to-end cases in tests/e2e/ with the real
# Claude Code client (see tests/e2e/run.sh; install the client first with
# `sh ../shared/e2e/install-claude`).  CCVETO_E2E_REQUIRE=1 turns a missing
# client into a failure instead of loud skips.
.PHONY: e2e
e2e: $(BUILD)/ccveto
	@BUILD=$(BUILD) sh tests/e2e/run.sh
