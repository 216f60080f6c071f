# mk/inject.mk - `make inject-score`: recall and flagged rate of the
# prompt-injection scanner (src/hook/inject.c) on tests/corpus/inject/,
# per kind and carrier; `make inject-bench`: its cost on 1 MB of clean
# text under callgrind.  Neither is part of `make test`.
.PHONY: inject-score inject-bench
$(BUILD)/inject-score: tools/inject-score.c $(LIB_OBJS) | $(BUILD)
	$(CC) $(CV_CFLAGS) $(CFLAGS) $(CV_LDFLAGS) $(LDFLAGS) -o $@ $< \
		$(LIB_OBJS) $(LDLIBS)

inject-score: $(BUILD)/inject-score
	@INJECT_SCORE=$(BUILD)/inject-score sh tests/corpus/inject-score.sh -v

inject-bench: $(BUILD)/inject-score
	@INJECT_SCORE=$(BUILD)/inject-score sh tests/corpus/inject-score.sh -b
