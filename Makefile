# ccveto - see README.md.  `make`, `make test`, `make asan test`,
# `make valgrind-test`, `make install PREFIX=... DESTDIR=...`.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/ccveto
CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config

BUILD ?= build
STATIC_HOOK ?= 1
ifneq ($(filter asan,$(MAKECMDGOALS)),)
BUILD = build/asan
SAN_FLAGS = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# The sanitizer runtimes need the dynamic loader.
STATIC_HOOK = 0
endif
ifneq ($(filter valgrind-test,$(MAKECMDGOALS)),)
# memcheck cannot replace malloc or the string functions inside a static
# glibc (false reports): its build links `ccveto` dynamically.
BUILD = build/valgrind
STATIC_HOOK = 0
# Wider time bounds (src/util/bounds.h): memcheck is 20-50x slower.
BUILD_DEFS = -DCV_TIME_SCALE=3
endif

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson libpcre2-8 libgit2)
# libgit2 is not linked: only the auditor's git code loads it, with dlopen,
# so the hook does not pay its start-up cost (see docs/performance.md).
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs libcjson libpcre2-8)
GIT2_LIBDIR := $(shell $(PKG_CONFIG) --variable=libdir libgit2)
GIT2_SONAME := $(shell objdump -p $(GIT2_LIBDIR)/libgit2.so 2>/dev/null | \
	sed -n 's/^ *SONAME *//p')

CV_CFLAGS = -std=c11 -D_GNU_SOURCE -Isrc -I$(BUILD)/gen \
	-Wall -Wextra -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter \
	-fstack-protector-strong -fstack-clash-protection \
	-D_FORTIFY_SOURCE=2 -fPIE -DCV_GIT2_SONAME='"$(GIT2_SONAME)"' \
	-DCV_VERSION='"$(VERSION)"' -DCV_BINDIR='"$(BINDIR)"' \
	$(DEPS_CFLAGS) $(SAN_FLAGS) $(BUILD_DEFS)
ifeq ($(DEVELOPER),1)
CV_CFLAGS += -Werror
endif
# SARIF help links (docs/ci.md): PROJECT_URL is where this ccveto really
# lives (https://github.com/OWNER/ccveto), DOCS_REF the commit or tag whose
# docs/checks.md the links name.  Unset: no informationUri and no helpUri,
# never a placeholder.
PROJECT_URL ?=
DOCS_REF ?= main
ifneq ($(PROJECT_URL),)
CV_CFLAGS += -DCV_PROJECT_URL='"$(PROJECT_URL)"' -DCV_DOCS_REF='"$(DOCS_REF)"'
endif
CV_LDFLAGS = -pie -Wl,-z,relro,-z,now,-z,noexecstack $(SAN_FLAGS)
LDLIBS += $(DEPS_LIBS) -ldl

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

# One folder per pipeline stage (docs/architecture.md), in a strict stack:
# util < json, shell, git < rules < judge < hook, audit < cli.
SRCS := $(sort $(wildcard src/*/*.c))
HDRS := $(wildcard src/*/*.h)
ALL_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS)) \
	$(BUILD)/obj/rules_embed.o
# Two programs (docs/performance.md): `ccveto`, which Claude Code starts
# before every tool call, is static-pie and holds only the hook: the folders
# from util/ up to hook/, never audit/ or cli/.  It runs `ccveto-full`
# (dynamic: cJSON, libgit2 through dlopen) for every other command, built
# from the rest.  Named exceptions: hook/front.c (main of `ccveto`)
# belongs to `ccveto` only; json/jdoc.c (cJSON), git/gitrepo.c (libgit2)
# and the auditor's readers json/jsonloc.c and git/source.c to
# `ccveto-full` only.  git/stake_exec.c is in both: in process where
# gitrepo.c is linked, through `ccveto-full worktree-stake` where not.
HOOK_DIRS := util json shell git rules judge hook
HOOK_ONLY := src/hook/front.c
FULL_ONLY := src/json/jdoc.c src/json/jsonloc.c src/git/gitrepo.c \
	src/git/source.c
obj_of = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(1))
OBJS := $(filter-out $(call obj_of,$(HOOK_ONLY)),$(ALL_OBJS))
LIB_OBJS := $(filter-out $(BUILD)/obj/cli/main.o,$(OBJS))
HOOK_SRCS := $(filter-out $(FULL_ONLY),\
	$(sort $(wildcard $(patsubst %,src/%/*.c,$(HOOK_DIRS)))))
FRONT_OBJS := $(call obj_of,$(HOOK_SRCS)) $(BUILD)/obj/rules_embed.o
ifeq ($(STATIC_HOOK),1)
# pack-relative-relocs: the embedded rule tables hold ~4,500 pointers,
# relocated at every start; RELR makes that a few hundred words.
FRONT_LDFLAGS = -static-pie -Wl,-z,relro,-z,now,-z,noexecstack \
	-Wl,-z,pack-relative-relocs
else
FRONT_LDFLAGS = $(CV_LDFLAGS)
endif
FRONT_LIBS := $(shell $(PKG_CONFIG) --libs libpcre2-8)
PACKS := $(sort $(wildcard rules/*.json))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))

.PHONY: all test check asan valgrind-test install uninstall clean docs \
	docs-check bench bench-check fuzz corpus-score
all: $(BUILD)/ccveto $(BUILD)/ccveto-full

$(BUILD)/ccveto: $(FRONT_OBJS) | $(BUILD)/ccveto-full
	$(CC) $(FRONT_LDFLAGS) $(LDFLAGS) -o $@ $(FRONT_OBJS) $(FRONT_LIBS)

$(BUILD)/ccveto-full: $(OBJS)
	$(CC) $(CV_LDFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c $(HDRS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CV_CFLAGS) $(CFLAGS) -c -o $@ $<

# Default packs are compiled in: the binary needs no installed files.
$(BUILD)/gen/rules_embed.c: $(PACKS) $(BUILD)/embed | $(BUILD)/gen
	$(BUILD)/embed $(PACKS) > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/rules_embed.o: $(BUILD)/gen/rules_embed.c | $(BUILD)/obj
	$(CC) $(CV_CFLAGS) $(CFLAGS) -c -o $@ $<
EMBED_SRCS = tools/embed.c src/rules/rulepack.c src/rules/severity.c \
	src/json/jval.c \
	src/util/diag.c src/util/buf.c src/util/safefile.c src/util/text.c \
	src/util/arena.c src/shell/dbq.c
$(BUILD)/embed: $(EMBED_SRCS) $(HDRS) | $(BUILD)
	$(CC) -std=c11 -D_GNU_SOURCE -Isrc $(DEPS_CFLAGS) -O1 -o $@ \
		$(EMBED_SRCS) $(DEPS_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/tap.h $(LIB_OBJS) | $(BUILD)/tests
	$(CC) $(CV_CFLAGS) $(CFLAGS) -Itests/unit $(CV_LDFLAGS) $(LDFLAGS) \
		-o $@ $< $(LIB_OBJS) $(LDLIBS)

$(BUILD) $(BUILD)/obj $(BUILD)/gen $(BUILD)/tests:
	mkdir -p $@

# `make test` (alias `check`): every test, ending in "N passed, N failed".
test check: $(BUILD)/ccveto $(BUILD)/ccveto-full $(UNIT_BINS)
	@BUILD=$(BUILD) sh tests/run.sh

# `make asan test`: the same suite with ASan+UBSan (build/asan).
asan:
	@:

valgrind-test: $(BUILD)/ccveto $(BUILD)/ccveto-full $(UNIT_BINS)
	@BUILD=$(BUILD) VALGRIND=1 sh tests/run.sh

docs: $(BUILD)/ccveto $(BUILD)/ccveto-full
	$(BUILD)/ccveto rules --format markdown > docs/rule-list.md
	$(BUILD)/ccveto tools --format markdown > docs/tools.md

docs-check: $(BUILD)/ccveto $(BUILD)/ccveto-full
	@$(BUILD)/ccveto rules --format markdown | cmp -s - docs/rule-list.md \
		|| { echo "docs/rule-list.md is stale: run 'make docs'"; exit 1; }
	@$(BUILD)/ccveto tools --format markdown | cmp -s - docs/tools.md \
		|| { echo "docs/tools.md is stale: run 'make docs'"; exit 1; }

install: $(BUILD)/ccveto $(BUILD)/ccveto-full
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/rules
	install -m 755 $(BUILD)/ccveto $(DESTDIR)$(BINDIR)/ccveto
	install -m 755 $(BUILD)/ccveto-full $(DESTDIR)$(BINDIR)/ccveto-full
	install -m 644 docs/ccveto.1 $(DESTDIR)$(MANDIR)/man1/ccveto.1
	install -m 644 $(PACKS) $(DESTDIR)$(DATADIR)/rules/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ccveto $(DESTDIR)$(BINDIR)/ccveto-full \
		$(DESTDIR)$(MANDIR)/man1/ccveto.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(wildcard mk/*.mk)

# `make demo`: build, then judge a few sample tool calls.
demo: $(BUILD)/ccveto $(BUILD)/ccveto-full
	@CCVETO=$(BUILD)/ccveto sh examples/demo.sh
.PHONY: demo
