# mk/audit.mk - auditor targets (included by the Makefile).
# `make audit-corpus`: audit the real-world corpus, findings per check.
# `make audit-sarif-check`: SARIF of the fixtures, validated.
.PHONY: audit-corpus audit-sarif-check
audit-corpus: $(BUILD)/ccveto
	@TOP=$(CURDIR) CCVETO=$(CURDIR)/$(BUILD)/ccveto sh tests/cli/audit_corpus.sh

audit-sarif-check: $(BUILD)/ccveto
	@$(BUILD)/ccveto audit --format sarif -o $(BUILD)/corpus.sarif \
		$(CURDIR)/../shared/corpus/configs > /dev/null; \
	python3 tests/audit/validate_sarif.py $(BUILD)/corpus.sarif \
		$${CCVETO_SARIF_SCHEMA:+--schema "$$CCVETO_SARIF_SCHEMA"} && \
		echo "SARIF valid: $(BUILD)/corpus.sarif"
