# mk/bench.mk - performance measurement, see docs/performance.md.
#   make bench            wall-time ratios to /bin/true, instruction counts,
#                         decisions/s, audit time, rule-count scaling,
#                         adversarial ceiling, link variants (~2-3 min)
#   make bench-check      instruction counts against bench/baseline.tsv
#                         (fails over +10%); not part of `make test`
#   make bench-baseline   rewrite bench/baseline.tsv (review the diff)
#   make bench-variants   only the link-variant comparison
# Everything goes to $(BUILD)/bench; BENCH_QUICK=1 runs fewer rounds.
BENCH = $(BUILD)/bench
BENCH_CFLAGS = -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Isrc \
	$(DEPS_CFLAGS)
BENCH_TOOLS = $(BENCH)/timing $(BENCH)/throughput $(BENCH)/synth
# Rule-count scaling: the defaults plus synthetic copies, embedded like
# the defaults.  u2/u4: 2x/4x the rules, the copies unreachable; r2/r4:
# the copies reachable.
BENCH_SCALED = $(BENCH)/ccveto-u2 $(BENCH)/ccveto-u4 $(BENCH)/ccveto-r2 \
	$(BENCH)/ccveto-r4
# Link variants of the same objects (see bench/variants.sh).
BENCH_VARIANTS = dynamic
BENCH_VARIANT_BINS = $(patsubst %,$(BENCH)/ccveto-link-%,$(BENCH_VARIANTS))
BENCH_ENV = BUILD=$(BUILD) BENCH=$(BENCH) BENCH_QUICK=$(BENCH_QUICK) \
	BENCH_VARIANTS='$(BENCH_VARIANTS)'

.PHONY: bench bench-check bench-baseline bench-variants bench-tools
.PRECIOUS: $(BENCH)/packs-%/.stamp $(BENCH)/gen-%/rules_embed.c \
	$(BENCH)/gen-%/rules_embed.o $(BENCH_SCALED)

bench: $(BUILD)/ccveto $(BENCH_TOOLS) $(BENCH_SCALED) $(BENCH_VARIANT_BINS)
	@$(BENCH_ENV) sh bench/run.sh all

bench-check: $(BUILD)/ccveto
	@$(BENCH_ENV) sh bench/run.sh check

bench-baseline: $(BUILD)/ccveto
	@$(BENCH_ENV) sh bench/run.sh baseline

bench-variants: $(BUILD)/ccveto $(BENCH)/timing $(BENCH_VARIANT_BINS)
	@$(BENCH_ENV) sh bench/run.sh variants

bench-tools: $(BENCH_TOOLS)

$(BENCH) $(BENCH)/obj:
	mkdir -p $@

$(BENCH)/timing: bench/timing.c | $(BENCH)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BENCH)/synth: bench/synth.c | $(BENCH)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(DEPS_LIBS)

# Linked against the hook's own objects: what runs is what ships.
$(BENCH)/throughput: bench/throughput.c $(LIB_OBJS) | $(BENCH)
	$(CC) $(CV_CFLAGS) $(CFLAGS) $(CV_LDFLAGS) $(LDFLAGS) -o $@ $< \
		$(LIB_OBJS) $(LDLIBS)

# packs-<m><n>: the defaults' packs copied n-1 times, m = u (unreachable)
# or r (reachable); see bench/synth.c.
$(BENCH)/packs-%/.stamp: $(PACKS) $(BENCH)/synth
	rm -rf $(@D) && mkdir -p $(@D)
	m=$$(echo $* | cut -c1); n=$$(echo $* | cut -c2-); \
	mode=unreachable; [ "$$m" = r ] && mode=reachable; \
	$(BENCH)/synth -k $$((n - 1)) -m $$mode -o $(@D) $(PACKS)
	touch $@

$(BENCH)/gen-%/rules_embed.c: $(BENCH)/packs-%/.stamp $(BUILD)/embed
	mkdir -p $(@D)
	$(BUILD)/embed $(PACKS) $$(ls $(BENCH)/packs-$*/*.json | sort) \
		> $@.tmp && mv $@.tmp $@

$(BENCH)/gen-%/rules_embed.o: $(BENCH)/gen-%/rules_embed.c
	$(CC) $(CV_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BENCH)/ccveto-%: $(BENCH)/gen-%/rules_embed.o \
		$(filter-out $(BUILD)/obj/rules_embed.o,$(FRONT_OBJS))
	$(CC) $(FRONT_LDFLAGS) $(LDFLAGS) -o $@ $^ $(FRONT_LIBS)

# Link variant: the hook's objects linked dynamically, as ccveto 0.1 was,
# to measure what the static-pie link saves.
$(BENCH)/ccveto-link-dynamic: $(FRONT_OBJS) | $(BENCH)
	$(CC) $(CV_LDFLAGS) $(LDFLAGS) -o $@ $(FRONT_OBJS) $(FRONT_LIBS)
