# mk/packs.mk - `make corpus-score`: recall and false-positive rate of the
# rule packs on the labelled corpus, per family (tests/corpus/score.sh -v;
# its targets decide the exit status), then on the peer guards' public
# suites per category (tests/corpus/peer-score.sh; reported, never gated).
corpus-score: $(BUILD)/ccveto
	@rc=0; CCVETO=$(BUILD)/ccveto sh tests/corpus/score.sh -v || rc=$$?; \
	echo; CCVETO=$(BUILD)/ccveto sh tests/corpus/peer-score.sh || \
		echo "peer suites could not be scored"; \
	exit $$rc
