# mk/fuzz.mk - libFuzzer harnesses (clang), see docs/reliability.md.
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="json shell"]
#                          run each harness for FUZZ_SECONDS
#   make fuzz-smoke        short bounded run of each (CI), FUZZ_SMOKE_SECONDS
#   make fuzz-build        build only
# Everything goes to build/fuzz: binaries, the growing corpora (corpus/),
# generated seeds (seeds/), crash inputs (crashes/), logs and stats.tsv.
# The seeds committed in fuzz/corpus/ and the regression inputs in
# fuzz/regress/ are read, never written.
FUZZ_CC ?= clang
FUZZ_BUILD ?= build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
# Per-input limit: far above the hook's own 4 s watchdog even under ASan,
# so a report here is a real hang, not a slow sanitizer.
FUZZ_TIMEOUT ?= 20
FUZZ_ARGS ?=

FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -Isrc -Ifuzz -I$(FUZZ_BUILD)/gen \
	-g -O1 -DCV_FUZZING -DCV_GIT2_SONAME='"$(GIT2_SONAME)"' \
	-DCV_VERSION='"$(VERSION)"' $(DEPS_CFLAGS) $(FUZZ_SAN)

# Harnesses whose interfaces exist (the auditor's come later).
FUZZ_TARGETS ?= json shell pwsh hook rulepack post \
	$(if $(wildcard src/json/jsonloc.c),jsonloc) \
	$(if $(wildcard src/audit/audit.c),audit)
FUZZ_BINS = $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

# The library as ccveto-full links it, minus main.c; src/util/arena.c, built
# with -DCV_FUZZING, gives each object its own malloc so ASan sees overruns.
FUZZ_LIB_SRCS = $(filter-out src/cli/main.c $(HOOK_ONLY),$(SRCS))
FUZZ_OBJS = $(patsubst src/%.c,$(FUZZ_BUILD)/obj/%.o,$(FUZZ_LIB_SRCS)) \
	$(FUZZ_BUILD)/obj/rules_embed.o

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-seeds
# Objects reached only through the pattern rule below are not temporary.
.SECONDARY: $(FUZZ_OBJS)
fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: src/%.c $(HDRS) mk/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
# The packs are embedded by the normal build's generator, whatever its
# recipe in the Makefile.
$(FUZZ_BUILD)/gen/rules_embed.c: $(PACKS) $(BUILD)/embed | $(FUZZ_BUILD)/gen
	$(BUILD)/embed $(PACKS) > $@.tmp && mv $@.tmp $@
$(FUZZ_BUILD)/obj/rules_embed.o: $(FUZZ_BUILD)/gen/rules_embed.c \
		| $(FUZZ_BUILD)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_util.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) \
		$(DEPS_LIBS) -ldl

$(FUZZ_BUILD)/obj $(FUZZ_BUILD)/gen:
	mkdir -p $@

fuzz-seeds:
	@sh fuzz/seed.sh $(FUZZ_BUILD)/seeds

fuzz: fuzz-build fuzz-seeds
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) \
		FUZZ_ARGS='$(FUZZ_ARGS)' \
		sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build fuzz-seeds
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) \
		FUZZ_ARGS='$(FUZZ_ARGS)' \
		sh fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)
