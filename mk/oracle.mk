# mk/oracle.mk - the execution oracle, see docs/measurement.md.
#   make oracle                 build the jail, prove its isolation, re-execute
#                               every case of tests/oracle/corpus.jsonl (fails
#                               if a stored label no longer matches execution),
#                               then score ccveto per family and mechanism and
#                               list its misses and false positives
#   make oracle ORACLE_ASSERT=1 also fail unless every damaging call is blocked
#                               and every harmless lookalike passes, except
#                               the known disagreements listed with a reason
#                               in tests/oracle/known.jsonl; a listed case
#                               ccveto now gets right fails too (delete it)
#   make oracle-label           regenerate the candidates (tests/oracle/gen.py)
#                               and label them by execution into
#                               tests/oracle/corpus.jsonl (commit the result);
#                               calls already there keep their label unless
#                               ORACLE_FRESH=1 (after a change to the jail,
#                               fixture or classifier)
# The oracle needs root and unshare(2); elsewhere it prints ORACLE SKIPPED and
# succeeds, unless ORACLE_REQUIRE=1.  ORACLE_JOBS sets the number of workers
# (default: the number of CPUs).
ORACLE_DIR = tests/oracle
ORACLE_ASSERT ?= 0
ORACLE_REQUIRE ?= 0
ORACLE_FRESH ?= 0
ORACLE_RUN = python3 $(ORACLE_DIR)/oracle.py --build $(BUILD)/oracle

.PHONY: oracle oracle-label
oracle: $(BUILD)/ccveto $(BUILD)/ccveto-full
	@rc=0; CCVETO=$(CURDIR)/$(BUILD)/ccveto $(ORACLE_RUN) all \
		$(ORACLE_DIR)/corpus.jsonl --generator $(ORACLE_DIR)/gen.py \
		$(if $(wildcard $(ORACLE_DIR)/known.jsonl),--known \
			$(ORACLE_DIR)/known.jsonl) \
		$(if $(filter 1,$(ORACLE_ASSERT)),--assert) || rc=$$?; \
	if [ $$rc -eq 3 ] && [ "$(ORACLE_REQUIRE)" != 1 ]; then rc=0; fi; \
	exit $$rc

oracle-label: | $(BUILD)
	python3 $(ORACLE_DIR)/gen.py > $(BUILD)/oracle-candidates.jsonl
	$(ORACLE_RUN) label $(BUILD)/oracle-candidates.jsonl \
		$(if $(filter 1,$(ORACLE_FRESH)),,--reuse $(ORACLE_DIR)/corpus.jsonl) \
		$(ORACLE_DIR)/corpus.jsonl
