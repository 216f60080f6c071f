# mk/packs.mk - `make corpus-score`: recall and false-positive rate of the
# rule packs on the labelled corpus, per family (tests/corpus/score.sh -v).
corpus-score: $(BUILD)/ccveto
	CCVETO=$(BUILD)/ccveto sh tests/corpus/score.sh -v
