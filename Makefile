# lprsim - build, test, bench, install.  Plain make; see README.md.
#   make run       build (installing missing Debian packages) and start lprsim
#   make test      the full quick test set (what CI runs)
#   make test-full the tests again under AddressSanitizer and UBSan
#   make bench     speed and memory figures (never fails on time)

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS    := ncursesw sqlite3 lua5.4 libqrencode libsodium jansson libpng cairo \
           pangocairo libcurl
# Debian packages: libraries, then the tools the tests drive.
DEB_LIBS  := pkg-config libncurses-dev libsqlite3-dev libcsv-dev \
             liblua5.4-dev libqrencode-dev libsodium-dev libjansson-dev \
             libpng-dev libcairo2-dev libpango1.0-dev libcmocka-dev \
             libcurl4-openssl-dev \
             libstemmer-dev fonts-dejavu-core fonts-wqy-microhei
# command:package for the tools (node and npm may come from elsewhere)
DEB_TOOLS := sqlite3:sqlite3 tmux:tmux zbarimg:zbar-tools \
             pamtester:pamtester cppcheck:cppcheck node:nodejs npm:npm \
             valgrind:valgrind man:man-db groff:groff-base

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wimplicit-fallthrough -Wpointer-arith -Wundef -Wvla \
        -Wcast-align -Wwrite-strings -Werror

ifeq ($(SAN),1)
BUILD   := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
BIN     := $(BUILD)/lprsim
# fontconfig's process-wide cache (cairo text) is not a leak of ours
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
else
BUILD   := build/rel
SANFLAGS :=
BIN     := lprsim
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lstemmer -lm
ALL_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
              $(WARN) $(CFLAGS) $(SANFLAGS) -Isim $(PKG_CFLAGS) -MMD -MP
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)

LIB_SRC := $(wildcard sim/util/*.c sim/core/*/*.c sim/script/*.c)
APP_SRC := $(wildcard sim/cli/*.c sim/tui/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
APP_OBJ := $(APP_SRC:%.c=$(BUILD)/%.o)
LIBA    := $(BUILD)/liblprsim.a

# unit tests live beside their subsystem: tests/unit/<folder>/test_*.c
TEST_SRC  := $(wildcard tests/unit/*/test_*.c)
TEST_BINS := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_BINS := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)


.PHONY: all deps npm-deps run test test-unit test-e2e test-full bench bench-run lint fuzz \
        test-fuzz-replay test-kill \
        check-layers install uninstall clean

all: $(BIN)

# Without the libraries the compiler errors would hide the cause.
ifneq ($(filter-out deps clean uninstall run test test-full bench,$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell pkg-config --exists $(PKGS) 2>/dev/null && echo ok),)
$(info lprsim: libraries missing: run 'make deps' (as root it installs them))
endif
endif

# Checks the Debian packages; installs the missing ones as root, else
# prints the one line to run.
deps:
	@missing=""; for p in $(DEB_LIBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	for t in $(DEB_TOOLS); do command -v $${t%%:*} >/dev/null 2>&1 \
	    || missing="$$missing $${t#*:}"; done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "deps: apt-get install failed"; exit 1; }; \
	else echo "deps: missing packages; run: sudo apt-get install -y$$missing"; \
	  exit 1; fi
	@$(MAKE) --no-print-directory -s npm-deps

# The tests' independent verifiers (npm jose, ajv), exactly as pinned with
# their integrity hashes in tests/e2e/package-lock.json; fetched once here
# so that make test never installs anything.
NPM_STAMP := tests/e2e/node_modules/.package-lock.json
XAPI_STAMP := tests/xapi/node_modules/.package-lock.json
npm-deps: $(NPM_STAMP) $(XAPI_STAMP)
$(NPM_STAMP): tests/e2e/package-lock.json tests/e2e/package.json
	@echo "deps: npm ci in tests/e2e (jose, ajv: pinned versions)"
	@cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --silent \
	  || { echo "deps: npm ci failed (network? see tests/e2e/package-lock.json)"; exit 1; }
	@touch $@
# the xAPI validator of the records tests (tests/xapi/validate.js, lrs.js)
$(XAPI_STAMP): tests/xapi/package-lock.json tests/xapi/package.json
	@echo "deps: npm ci in tests/xapi (@learninglocker/xapi-validation: pinned)"
	@cd tests/xapi && npm ci --ignore-scripts --no-audit --no-fund --silent \
	  || { echo "deps: npm ci failed (network? see tests/xapi/package-lock.json)"; exit 1; }
	@touch $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN): $(APP_OBJ) $(LIBA)
	@echo "CC $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $(APP_OBJ) $(LIBA) $(PKG_LIBS)

$(BUILD)/tests/harness.o: tests/harness.c
	@mkdir -p $(dir $@)
	@echo "CC $@"
	@$(CC) $(ALL_CFLAGS) -Itests -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/tests/harness.o $(LIBA)
	@mkdir -p $(dir $@)
	@echo "CC $@"
	@$(CC) $(ALL_CFLAGS) -Itests $< $(BUILD)/tests/harness.o $(LIBA) \
	  -o $@ $(LDFLAGS_ALL) $(PKG_LIBS) -lcmocka

# e2e fixture: signs certificates without replay (tests only)
$(BUILD)/tests/certfix: tests/e2e/certfix.c $(LIBA)
	@mkdir -p $(dir $@)
	@echo "CC $@"
	@$(CC) $(ALL_CFLAGS) $< $(LIBA) -o $@ $(LDFLAGS_ALL) $(PKG_LIBS)

# The CSV import and token fuzz targets replayed without libFuzzer, built
# with the normal compiler: the seeds and FUZZ_ROUNDS deterministic
# mutations of each (tests/fuzz/replay.c); test-full runs more rounds under
# the sanitizers, then libFuzzer itself (make fuzz).
FUZZ_ROUNDS ?= 300
$(BUILD)/fuzz/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(LIBA)
	@mkdir -p $(dir $@)
	@echo "CC $@"
	@$(CC) $(ALL_CFLAGS) tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(LIBA) \
	  -o $@ $(LDFLAGS_ALL) $(PKG_LIBS)

test-fuzz-replay: $(BUILD)/fuzz/replay_csv $(BUILD)/fuzz/replay_token
	@printf 'fuzz csv: '; LPRSIM_ROOT=$(CURDIR) $(BUILD)/fuzz/replay_csv \
	  $(FUZZ_ROUNDS) tests/fuzz/seeds_csv
	@printf 'fuzz token: '; LPRSIM_ROOT=$(CURDIR) $(BUILD)/fuzz/replay_token \
	  $(FUZZ_ROUNDS) tests/fuzz/seeds

# kill -9 landed at random points of actions (KILLS of them, test-full)
test-kill: $(BIN)
	@LPRSIM_BIN=$(CURDIR)/$(BIN) KILLS=$${KILLS:-200} sh tests/e2e/kill_loop.sh

# libFuzzer smoke run of the certificate token and revocation list parsers
FUZZ_SRC := tests/fuzz/fuzz_token.c sim/core/cert/b45.c sim/core/cert/cert.c \
            sim/core/cert/revlist.c sim/util/util.c sim/util/lptime.c
# ... and of the scenario checks and scoring
FUZZ_CHECK_SRC := tests/fuzz/fuzz_check.c sim/script/check.c \
                  sim/util/util.c sim/util/lptime.c
fuzz:
	@if ! command -v clang >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "fuzz: installing clang (test-full only)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install \
	    -y -qq --no-install-recommends clang >/dev/null || true; fi
	@if ! command -v clang >/dev/null 2>&1; then \
	  echo "fuzz: skipped (clang not installed; apt-get install clang)"; \
	else mkdir -p build/fuzz/corpus && \
	  clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -Isim $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined $(FUZZ_SRC) \
	    -o build/fuzz/fuzz_token -lsodium -ljansson && \
	  cp tests/fuzz/seeds/* build/fuzz/corpus/ && \
	  build/fuzz/fuzz_token -max_total_time=$${FUZZ_SECONDS:-10} \
	    -max_len=512 build/fuzz/corpus 2>build/fuzz/log.txt && \
	  tail -n 2 build/fuzz/log.txt && echo "fuzz: token parser ok" && \
	  mkdir -p build/fuzz/corpus_check && \
	  clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -Isim $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined $(FUZZ_CHECK_SRC) \
	    -o build/fuzz/fuzz_check -ljansson && \
	  cp tests/fuzz/seeds_check/* build/fuzz/corpus_check/ && \
	  build/fuzz/fuzz_check -max_total_time=$${FUZZ_SECONDS:-10} \
	    -max_len=2048 build/fuzz/corpus_check 2>build/fuzz/log_check.txt && \
	  tail -n 2 build/fuzz/log_check.txt && echo "fuzz: scenario checks ok" && \
	  mkdir -p build/fuzz/corpus_csv && \
	  clang -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -g -O1 \
	    -Isim $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined \
	    tests/fuzz/fuzz_csv.c $(LIB_SRC) -o build/fuzz/fuzz_csv \
	    $(PKG_LIBS) && \
	  cp tests/fuzz/seeds_csv/* build/fuzz/corpus_csv/ && \
	  LPRSIM_ROOT=$(CURDIR) build/fuzz/fuzz_csv \
	    -max_total_time=$${FUZZ_SECONDS:-10} -max_len=4096 \
	    build/fuzz/corpus_csv 2>build/fuzz/log_csv.txt && \
	  tail -n 2 build/fuzz/log_csv.txt && echo "fuzz: csv import ok"; fi

$(BUILD)/bench/%: tests/bench/%.c $(LIBA)
	@mkdir -p $(dir $@)
	@echo "CC $@"
	@$(CC) $(ALL_CFLAGS) $< $(LIBA) -o $@ $(LDFLAGS_ALL) $(PKG_LIBS)

# Starts lprsim on the default database, creating and filling it first.
# The flags come from pkg-config when make reads this file, so after deps
# (which may install the libraries) the build runs in a fresh make.
run: deps
	@$(MAKE) --no-print-directory all
	@./lprsim --quiet roster list >/dev/null 2>&1 || ./lprsim init
	./lprsim

test: deps
	@$(MAKE) --no-print-directory all test-unit test-fuzz-replay test-e2e

test-unit: $(TEST_BINS)
	@set -e; for t in $(TEST_BINS); do echo "== $$t"; \
	  LPRSIM_ROOT=$(CURDIR) $$t; done

test-e2e: $(BIN) $(BUILD)/tests/certfix
	@LPRSIM_BIN=$(CURDIR)/$(BIN) CERTFIX=$(CURDIR)/$(BUILD)/tests/certfix \
	  sh tests/e2e/run.sh

test-full: deps
	$(MAKE) SAN=1 test-unit test-e2e
	$(MAKE) SAN=1 FUZZ_ROUNDS=3000 test-fuzz-replay
	$(MAKE) SAN=1 test-kill
	$(MAKE) fuzz

bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: all $(BENCH_BINS)
	@LPRSIM_BIN=$(CURDIR)/$(BIN) BENCH_DIR=$(BUILD)/bench sh tests/bench/run.sh

# The core's subsystem folders, lowest first: each may include only the
# folders before it (tests/lint/layers.sh also checks that SQL, CSV, Lua
# and curses stay in their folders and that the core prints nothing).
CORE_LAYERS := io store world policy audit action cert learn

check-layers:
	@sh tests/lint/layers.sh "$(CORE_LAYERS)"

lint: check-layers
	@if grep -nE '\b(sprintf|strcpy|strcat|strtok|gets|atoi)\s*\(' -r sim tests \
	  | grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*)'; \
	  then echo "lint: banned function"; exit 1; fi
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --inline-suppr --suppress=unknownMacro --std=c11 -Isim sim

# The installed layout (README "Install"): the binary finds its data at
# run time in ../share/lprsim beside its own folder, so PREFIX is never
# compiled in.  Folders install creates are listed in .made-dirs, and
# uninstall removes exactly those (when empty), never a shared one.
BINDIR      := $(PREFIX)/bin
SHAREDIR    := $(PREFIX)/share/lprsim
MANDIR      := $(PREFIX)/share/man/man1
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
INSTALL_DIRS := $(BINDIR) $(PREFIX)/share $(SHAREDIR) \
                $(PREFIX)/share/man $(MANDIR) $(PREFIX)/share/bash-completion \
                $(BASHCOMPDIR)

# man page and bash completion: generated from the command table
$(BUILD)/lprsim.1: $(BIN)
	@./$(BIN) help --man > $@
$(BUILD)/lprsim.bash: $(BIN)
	@./$(BIN) help --completion bash > $@

install: $(BIN) $(BUILD)/lprsim.1 $(BUILD)/lprsim.bash
	@made=""; p=""; for c in $$(echo "$(PREFIX)" | tr / ' '); do \
	  p="$$p/$$c"; [ -d "$(DESTDIR)$$p" ] || made="$$made $$p"; done; \
	for d in $(INSTALL_DIRS); do \
	  [ -d "$(DESTDIR)$$d" ] || made="$$made $$d"; done; \
	install -d $(addprefix $(DESTDIR),$(INSTALL_DIRS)); \
	for d in $$made; do echo "$$d"; done >> $(DESTDIR)$(SHAREDIR)/.made-dirs
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/lprsim
	cp -r datasets scenarios curriculum $(DESTDIR)$(SHAREDIR)/
	install -m 0644 $(BUILD)/lprsim.1 $(DESTDIR)$(MANDIR)/lprsim.1
	install -m 0644 $(BUILD)/lprsim.bash $(DESTDIR)$(BASHCOMPDIR)/lprsim

uninstall:
	@made=$$(cat $(DESTDIR)$(SHAREDIR)/.made-dirs 2>/dev/null); \
	rm -f $(DESTDIR)$(BINDIR)/lprsim $(DESTDIR)$(MANDIR)/lprsim.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/lprsim; \
	rm -rf $(DESTDIR)$(SHAREDIR); \
	for d in $$(printf '%s\n' $$made | sort -r); do \
	  [ ! -d "$(DESTDIR)$$d" ] || rmdir --ignore-fail-on-non-empty "$(DESTDIR)$$d"; \
	done; \
	echo "uninstalled lprsim from $(DESTDIR)$(PREFIX)"

clean:
	rm -rf build lprsim

-include $(shell find build -name '*.d' 2>/dev/null)
