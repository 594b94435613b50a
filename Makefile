# SPDX-License-Identifier: ISC
# proctor - a quiz and assessment engine. Plain GNU make.
#   make            build build/proctor (and ./proctor, a link to it)
#   make run        install missing deps, build the program quietly (V=1: loudly), study
#                   the shipped bank (spaced repetition)
#   make test       install missing deps, build, run every test ("N passed, N failed");
#                   with -jN, N tests at a time
#   make check-sanitize   the same tests against an ASan+UBSan build in build/asan
#   make fuzz FUZZ_SECONDS=N   libFuzzer harnesses (clang)
#   make bench      benchmarks, writes BENCHMARKS.md
#   make man        regenerate the OPTIONS section of docs/proctor.1 from the option tables
#   make install PREFIX=... DESTDIR=...

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
PKG_CONFIG ?= pkg-config
CC         ?= cc
CFLAGS     ?= -O2 -g
BUILD      ?= build
VERSION    := 0.1.0

LIB_PKGS = libsodium libcjson libutf8proc sqlite3
CLI_PKGS = readline

ifeq ($(filter deps clean format,$(MAKECMDGOALS)),)
ifneq ($(shell $(PKG_CONFIG) --atleast-version=1.0.18 libsodium && echo y),y)
  ifeq ($(filter run test check,$(MAKECMDGOALS)),)
    $(warning libsodium >= 1.0.18 not found by $(PKG_CONFIG); run scripts/deps.sh)
  endif
endif
endif

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wvla -Wformat=2 -Wno-format-nonliteral -Wswitch-enum
ifdef DEVELOPER
WARN += -Werror
endif
ifdef SANITIZE
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

LIB_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LIB_PKGS) 2>/dev/null)
LIB_LIBS   := $(shell $(PKG_CONFIG) --libs $(LIB_PKGS) 2>/dev/null) -lm
CLI_LIBS   := $(shell $(PKG_CONFIG) --libs $(CLI_PKGS) 2>/dev/null || echo -lreadline)

ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DPROCTOR_VERSION='"$(VERSION)"' \
             -DSRCDIR='"$(CURDIR)"' -Iinclude $(LIB_CFLAGS) \
             $(WARN) $(SAN_FLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
# Installation paths compiled in: only into the objects that use them (git's way).
PATH_CFLAGS = -DPROCTOR_DATADIR='"$(DATADIR)/proctor"'
PATH_OBJ    = $(BUILD)/src/cli/cli.o

LIB_SRC  := $(wildcard src/*.c src/qtype/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
UNIT_SRC := $(wildcard tests/unit/test-*.c)
TOOL_SRC := tests/pty/ptyrun.c $(filter-out tests/tools/faultinject.c,$(wildcard tests/tools/*.c))
TOOL_SRC := $(wildcard $(TOOL_SRC))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)
TOOL_BIN := $(TOOL_SRC:%.c=$(BUILD)/%)
LIB      := $(BUILD)/libproctor.a
BIN      := $(BUILD)/proctor

.PHONY: all run test check check-sanitize deps install uninstall clean fuzz bench format \
        check-symbols man FORCE
FAULT_SO := $(BUILD)/tests/tools/faultinject.so
all: $(BIN) $(UNIT_BIN) $(TOOL_BIN) $(FAULT_SO)
ifeq ($(BUILD),build)
all: proctor
proctor: $(BIN)
	ln -sf $(BIN) $@
endif

deps:
	@sh scripts/deps.sh

# Flags compiled or linked in are tracked as git tracks GIT-CFLAGS: each stamp file holds its
# flags and is rewritten only when they change, so whatever was built with other flags (make,
# then make install PREFIX=/usr; a new CC, CFLAGS or SANITIZE) is rebuilt, and nothing else.
#   $(BUILD)/.cflags   compiler and flags of every object
#   $(BUILD)/.paths    installation paths, for $(PATH_OBJ) only
#   $(BUILD)/.ldflags  linker flags and libraries of every program
define track
	@mkdir -p $(@D); new='$(subst ','\'',$(strip $(1)))'; \
	  [ "$$new" = "$$(cat $@ 2>/dev/null)" ] || printf '%s\n' "$$new" >$@
endef
$(BUILD)/.cflags: FORCE
	$(call track,$(CC) $(ALL_CFLAGS))
$(BUILD)/.paths: FORCE
	$(call track,$(PATH_CFLAGS))
$(BUILD)/.ldflags: FORCE
	$(call track,$(CC) $(ALL_LDFLAGS) $(LIB_LIBS) $(CLI_LIBS))
FORCE:

$(BUILD)/%.o: %.c $(BUILD)/.cflags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

$(PATH_OBJ): EXTRA_CFLAGS = $(PATH_CFLAGS)
$(PATH_OBJ): $(BUILD)/.paths

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

$(BIN): $(CLI_OBJ) $(LIB) $(BUILD)/.ldflags
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LIB_LIBS) $(CLI_LIBS)

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(LIB) $(BUILD)/.ldflags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LIB_LIBS)

# Unit tests of front-end modules link the object they test.
$(BUILD)/tests/unit/test-untrusted: $(BUILD)/src/cli/untrusted.o

$(BUILD)/tests/pty/%: $(BUILD)/tests/pty/%.o $(BUILD)/.ldflags
	$(CC) $(ALL_LDFLAGS) -o $@ $< -lutil

$(BUILD)/tests/tools/%: $(BUILD)/tests/tools/%.o $(LIB) $(BUILD)/.ldflags
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LIB_LIBS) -ldl

# The LD_PRELOAD fault shim: a shared object, never sanitized (it must load before any runtime).
$(FAULT_SO): tests/tools/faultinject.c $(BUILD)/.cflags
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) $(CFLAGS) -fPIC -shared -o $@ $< -ldl

# make run builds only the program, quietly (V=1 shows the compiler lines; warnings always
# show), and starts it.
run: deps
	@$(MAKE) --no-print-directory $(if $(filter 1,$(V)),,-s) $(BIN)
	@$(abspath $(BIN)) study

test check: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh tests/run.sh

check-sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=address,undefined CFLAGS='-O1 -g' all
	@BUILD=build/asan SANITIZE=address,undefined CFLAGS='-O1 -g' ASAN_OPTIONS=detect_leaks=1 \
	  sh tests/run.sh

# Library hygiene: every global symbol of libproctor.a starts with proctor_ and nothing in it
# prints, exits or touches readline (checked in tests/cli/t00-library.sh).
check-symbols: $(LIB)
	@sh tests/check-symbols.sh $(LIB)

# Fuzzing: each tests/fuzz/fuzz-<name>.c is linked with the library sources by one clang
# command, for example (with the flags pkg-config gives):
#   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
#     -fno-sanitize-recover=all -DPROCTOR_VERSION='"0.1.0"' -DSRCDIR='"/path/to/proctor"' \
#     -Iinclude $(pkg-config --cflags libsodium libcjson libutf8proc) \
#     tests/fuzz/fuzz-bank.c src/*.c src/qtype/*.c $(pkg-config --libs libsodium libcjson libutf8proc) -lm \
#     -o build/fuzz/fuzz-bank
# and tests/fuzz/run.sh runs each for FUZZ_SECONDS on a scratch copy of its seed corpus
# tests/fuzz/corpus/fuzz-<name>/ (the committed corpus never grows); a crash fails the target.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

build/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(LIB_SRC) $(wildcard src/*.h include/proctor/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all -DPROCTOR_VERSION='"$(VERSION)"' -DSRCDIR='"$(CURDIR)"' \
	  -Iinclude $(LIB_CFLAGS) $(WARN) $< $(LIB_SRC) $(LIB_LIBS) -o $@

fuzz: $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

bench: all
	@sh bench/run.sh

# Only the program is needed, so an install with another PREFIX rebuilds just what it changes.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/proctor/questions/sources
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/proctor
	install -m 644 docs/proctor.1 $(DESTDIR)$(MANDIR)/man1/proctor.1
	install -m 644 questions/*.json $(DESTDIR)$(DATADIR)/proctor/questions/
	install -m 644 questions/sources/* $(DESTDIR)$(DATADIR)/proctor/questions/sources/
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 scripts/completion/proctor.bash $(DESTDIR)$(BASHCOMPDIR)/proctor
	install -m 644 scripts/completion/_proctor $(DESTDIR)$(ZSHCOMPDIR)/_proctor

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/proctor $(DESTDIR)$(MANDIR)/man1/proctor.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/proctor $(DESTDIR)$(ZSHCOMPDIR)/_proctor
	rm -rf $(DESTDIR)$(DATADIR)/proctor

# The OPTIONS section of docs/proctor.1 comes from the commands' option tables
# (tests/cli/t03-help.sh fails when it is stale).
man: $(BIN)
	@sh scripts/man-options.sh $(BIN) docs/proctor.1

format:
	clang-format -i include/proctor/*.h src/*.c src/*.h src/qtype/*.c src/cli/*.c src/cli/*.h \
	  tests/unit/*.c

clean:
	rm -rf build proctor

# Keep the objects of tests and tools: deleted as intermediates, they would be rebuilt by
# every later make.
.SECONDARY: $(UNIT_BIN:=.o) $(TOOL_BIN:=.o)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d) $(TOOL_BIN:=.d)
