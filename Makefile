# roadmap-run - see README.md.
#
#   make                       build build/roadmap-run
#   make check                 every test (unit, end-to-end, attacks, packs)
#   make SANITIZE=address,undefined check
#   make install PREFIX=/usr DESTDIR=/tmp/stage
#   make packs                 reproducible archives of exercises/* in build/packs/
#   make sync-support          copy the check library checklib/ into every pack's support/

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
DOCDIR   ?= $(DATADIR)/doc/roadmap-run
MANDIR   ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
CC       ?= cc
PKG_CONFIG ?= pkg-config

# Our flags are added to the user's CFLAGS, never replacing them.
WARN      = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
	    -Wformat=2 -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
LIBS_PC   = libseccomp libarchive libcjson
PC_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) 2>/dev/null)
PC_LIBS   := $(shell $(PKG_CONFIG) --libs $(LIBS_PC) 2>/dev/null)
# roadmap-run itself does not link libarchive: it loads it when a pack is an
# archive (runner/archive_dl.c says why). The unit tests link it, to build
# hostile archives.
RR_LIBS   := $(shell $(PKG_CONFIG) --libs libseccomp libcjson 2>/dev/null) -ldl
# libunistring: Unicode normalisation and full case folding of quiz text
# answers (README.md, "Building", says why a library and not our tables).
# Debian's libunistring-dev ships no .pc file: then plain -lunistring.
UNISTRING_LIBS := $(shell $(PKG_CONFIG) --libs libunistring 2>/dev/null || echo -lunistring)
PC_LIBS   += $(UNISTRING_LIBS)
RR_LIBS   += $(UNISTRING_LIBS)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ifdef SANITIZE
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

ALL_CFLAGS  = -std=gnu11 $(WARN) $(CFLAGS) $(SAN_FLAGS) -Iinclude $(PC_CFLAGS) \
	      -DRR_VERSION='"$(VERSION)"' -DRR_DATADIR='"$(DATADIR)"' -D_GNU_SOURCE
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)

B        = build
CLI_DOCS = $(B)/roadmap-run.1 $(B)/completions/roadmap-run.bash $(B)/completions/_roadmap-run \
	   $(B)/completions/roadmap-run.fish
# runner/ is in layers, each using only the ones before it (README.md,
# "Layout"): base, sandbox, pack, grading, output, cli.
LAYERS   = base sandbox pack grading output cli
SRCS     = $(sort $(foreach l,$(LAYERS),$(wildcard runner/$(l)/*.c)))
LIB_SRCS = $(filter-out runner/cli/main.c,$(SRCS))
LIB_OBJS = $(LIB_SRCS:runner/%.c=$(B)/obj/%.o) $(B)/obj/sandbox/init_blob.o
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
HELPER_SRCS = $(sort $(wildcard tests/helpers/*.c))
HELPER_BINS = $(HELPER_SRCS:tests/helpers/%.c=$(B)/tests/helpers/%)
PACKS    = $(sort $(patsubst exercises/%/pack.json,%,$(wildcard exercises/*/pack.json)))

.PHONY: all check check-unit check-e2e check-attacks check-packs check-schemas \
	install uninstall clean packs bench deps helpers sync-support
.DELETE_ON_ERROR:

all: $(B)/roadmap-run $(CLI_DOCS)

$(B)/obj/%.o: runner/%.c $(wildcard include/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -c -o $@ $<

# The check's init (runner/sandbox/init/check-init.c): a static program without libc,
# x86_64 system calls; carried inside the library by init_blob.S.
ifneq ($(findstring x86_64,$(shell $(CC) -dumpmachine)),)
CHECK_INIT = $(B)/check-init
endif
INIT_CFLAGS = -std=gnu11 -O2 -Wall -Wextra -Iinclude -nostdlib -static -no-pie \
	      -fno-stack-protector -fno-builtin -fno-asynchronous-unwind-tables \
	      -fcf-protection=none -s -Wl,--build-id=none -Wl,-z,noexecstack

$(B)/check-init: runner/sandbox/init/check-init.c include/sandbox_msg.h | $(B)/obj
	$(CC) $(INIT_CFLAGS) -o $@ $<

$(B)/obj/sandbox/init_blob.o: runner/sandbox/init_blob.S $(CHECK_INIT)
	@mkdir -p $(@D)
	$(CC) -c -o $@ $< $(if $(CHECK_INIT),-DCHECK_INIT_PATH='"$(CHECK_INIT)"')

$(B)/libroadmap.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/roadmap-run: $(B)/obj/cli/main.o $(B)/libroadmap.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(RR_LIBS) -lm

# The man page and the completions are generated from the command table
# (runner/cli/command_table.c) by the binary just built; docs/roadmap-run.1
# is the copy kept in the tree, and tests/e2e fails when it differs.
$(B)/roadmap-run.1: $(B)/roadmap-run
	$(B)/roadmap-run help --man >$@
$(B)/completions/roadmap-run.bash: $(B)/roadmap-run
	@mkdir -p $(@D)
	$(B)/roadmap-run help --completion bash >$@
$(B)/completions/_roadmap-run: $(B)/roadmap-run
	@mkdir -p $(@D)
	$(B)/roadmap-run help --completion zsh >$@
$(B)/completions/roadmap-run.fish: $(B)/roadmap-run
	@mkdir -p $(@D)
	$(B)/roadmap-run help --completion fish >$@

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libroadmap.a $(wildcard include/*.h) | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(B)/libroadmap.a \
		$(ALL_LDFLAGS) $(CMOCKA_LIBS) $(PC_LIBS) -lm

# Small programs the attack and e2e suites run inside checks (static where
# possible so they work in any filesystem view).
$(B)/tests/helpers/%: tests/helpers/%.c | $(B)/tests/helpers
	$(CC) -std=gnu11 -O1 -g -Wall -D_GNU_SOURCE -o $@ $< -lpthread

$(B)/obj $(B)/tests $(B)/tests/helpers $(B)/packs:
	mkdir -p $@

helpers: $(HELPER_BINS)

# The parts run one after another even under -j: the suites time things
# and the schema check reads the reports the others leave in $(B)/reports.
check: all helpers
	@rm -rf $(B)/reports
	@$(MAKE) --no-print-directory check-unit
	@$(MAKE) --no-print-directory check-e2e
	@$(MAKE) --no-print-directory check-attacks
	@$(MAKE) --no-print-directory check-packs
	@$(MAKE) --no-print-directory check-schemas

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done
	@echo "== $(B)/tests/test_sandbox, with the init forked instead of exec'd"
	@ROADMAP_RUN_SANDBOX_DISABLE=initexec $(B)/tests/test_sandbox

SUITE_ENV = RR=$(abspath $(B))/roadmap-run HELPERS=$(abspath $(B))/tests/helpers \
	    RR_REPORTS_DIR=$(abspath $(B))/reports

check-e2e: all helpers
	@$(SUITE_ENV) sh tests/run-suite tests/e2e
	@B=$(abspath $(B)) sh tests/as-user tests/e2e

check-attacks: all helpers
	@$(SUITE_ENV) sh tests/run-suite tests/attacks

check-packs: all
	@$(SUITE_ENV) sh tests/run-suite tests/packs

check-schemas: all
	@$(SUITE_ENV) sh tests/run-suite tests/schemas

# The check library lives once in checklib/; each pack carries a copy in its
# support/ so it stays self-contained. `make check` (tests/packs) fails when
# a copy has drifted; this target brings them back in line.
sync-support:
	@sh scripts/sync-support

packs: all sync-support | $(B)/packs
	@set -e; for p in $(PACKS); do \
		$(B)/roadmap-run pack exercises/$$p -o $(B)/packs/$$p.tar.gz --quiet; \
		$(B)/roadmap-run pack exercises/$$p -o $(B)/packs/$$p-learner.tar.gz --learner --quiet; \
		echo "packed $(B)/packs/$$p.tar.gz"; done

bench: all
	scripts/bench-overhead

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/roadmap-run
	install -m 0755 $(B)/roadmap-run $(DESTDIR)$(BINDIR)/roadmap-run
	install -m 0644 README.md $(wildcard docs/*.md) $(DESTDIR)$(DOCDIR)/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0644 $(B)/roadmap-run.1 $(DESTDIR)$(MANDIR)/man1/roadmap-run.1
	install -m 0644 $(B)/completions/roadmap-run.bash $(DESTDIR)$(BASHCOMPDIR)/roadmap-run
	install -m 0644 $(B)/completions/_roadmap-run $(DESTDIR)$(ZSHCOMPDIR)/_roadmap-run
	install -m 0644 $(B)/completions/roadmap-run.fish $(DESTDIR)$(FISHCOMPDIR)/roadmap-run.fish
	# Learners get the learner edition: no solution/, wrong/ or accept/.
	# Authors and instructors validate from the repository.
	install -d $(DESTDIR)$(DATADIR)/roadmap-run/exercises
	@set -e; for p in $(PACKS); do \
		$(B)/roadmap-run pack exercises/$$p --learner --quiet \
			-o $(DESTDIR)$(DATADIR)/roadmap-run/exercises/$$p.tar.gz; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/roadmap-run $(DESTDIR)$(MANDIR)/man1/roadmap-run.1 \
	      $(DESTDIR)$(BASHCOMPDIR)/roadmap-run $(DESTDIR)$(ZSHCOMPDIR)/_roadmap-run \
	      $(DESTDIR)$(FISHCOMPDIR)/roadmap-run.fish
	rm -rf $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/roadmap-run

# Fuzzing (libFuzzer, clang only): `make fuzz` builds $(FUZZ_B)/fuzz_<target>
# from tests/fuzz/fuzz_<target>.c against the library compiled again with
# clang and -fsanitize=fuzzer-no-link,address,undefined. Not part of `all`
# or `check`; scripts/fuzz-smoke runs every harness for a while.
FUZZ_B     ?= $(B)/fuzz
FUZZ_CC    ?= clang
FUZZ_SAN    = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=gnu11 -g -O1 $(FUZZ_SAN) -Iinclude $(PC_CFLAGS) -DRR_VERSION='"$(VERSION)"' \
	      -D_GNU_SOURCE -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
FUZZ_SRCS   = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS   = $(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_B)/%)
FUZZ_OBJS   = $(LIB_SRCS:runner/%.c=$(FUZZ_B)/obj/%.o) $(B)/obj/sandbox/init_blob.o

.PHONY: fuzz
fuzz: $(FUZZ_BINS)

$(FUZZ_B)/obj/%.o: runner/%.c $(wildcard include/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_B)/libroadmap-fuzz.a: $(FUZZ_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_B)/libroadmap-fuzz.a $(wildcard include/*.h)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_B)/libroadmap-fuzz.a $(PC_LIBS) -lm

$(FUZZ_B)/obj:
	mkdir -p $@

# Debian packages the build and the tests need (used by .ci/run and README).
deps:
	scripts/install-deps

clean:
	rm -rf $(B)

-include $(wildcard $(B)/obj/*/*.d)
