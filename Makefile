# hanchot — plain Makefile, pkg-config for every library.
# make            build ./hanchot
# make run        install missing build packages, build, open the TUI on the default database
# make test       install missing build and test packages, build and run every test
#                 (unit, sanitizer, end-to-end, short fuzz, valgrind)
# make fuzz       long libFuzzer runs          make bench   benchmarks (tests/bench/)
# make score CORPUS=DIR   the notice reading scored on documents with hand readings
# make install / uninstall (PREFIX, DESTDIR)   make deps    install missing Debian packages
#                                               (make deps-build: only what building needs)

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
CFLAGS   ?= -O2 -g
# The program links BASE_PKGS only (libical is opened when a calendar is
# written: core/ical.c; libcurl when publishing: core/caldav.c); the extraction helper hanchot-extract (and the
# tests) also link the libraries that read .docx, .odt, PDF, scans.
BASE_PKGS = ncursesw sqlite3
EXTRACT_PKGS = libzip libxml-2.0 poppler-glib tesseract lept
PKGS      = $(BASE_PKGS) libical libcurl $(EXTRACT_PKGS)

# Debian 12 packages: what building needs, and what testing needs on top.
BUILD_DEBS = gcc make pkg-config libncurses-dev libsqlite3-dev libical-dev libcurl4-openssl-dev \
             libzip-dev libxml2-dev libpoppler-glib-dev libtesseract-dev libleptonica-dev \
             tesseract-ocr-vie
TEST_DEBS  = libcmocka-dev tmux valgrind sqlite3 python3 python3-icalendar calcurse \
             clang libclang-rt-14-dev procps \
             python3-docx python3-odf python3-reportlab python3-pil fonts-dejavu-core time \
             radicale

# Warnings are errors for developers and CI (make test, WERROR=-Werror), not
# for a user's plain `make` with a newer compiler that warns about more.
WERROR  ?=
WARN = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wwrite-strings -Wno-format-nonliteral
DEFS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
       -DHANCHOT_VERSION='"$(VERSION)"' -DHANCHOT_DATADIR='"$(PREFIX)/share/hanchot"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
BASE_LIBS  = $(shell pkg-config --libs $(BASE_PKGS) 2>/dev/null) -lm -pthread -ldl
ALL_CFLAGS = -std=c11 -pthread $(DEFS) $(WARN) -I. $(PKG_CFLAGS) $(CFLAGS)
# Each object depends on the headers it includes (the compiler lists them).
DEPFLAGS   = -MMD -MP
LIBS       = $(PKG_LIBS) -lm -pthread -ldl

B = build
Q = @
CORE_SRC = $(wildcard core/*.c)
DB_SRC   = $(wildcard db/*.c)
TUI_SRC  = $(filter-out tui/main.c tui/main_extract.c,$(wildcard tui/*.c))
LIB_SRC  = $(CORE_SRC) $(DB_SRC) $(TUI_SRC)
CORE_HDRS = $(wildcard core/*.h)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
ASAN_BIN = $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(UNIT_SRC))
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))

.PHONY: all run test unit asan e2e fuzz fuzz-short bench score valgrind install uninstall clean deps check-deps FORCE

all: hanchot hanchot-extract

# Before the first compile: a fresh machine without the build packages gets
# the way forward instead of "stdio.h: No such file or directory".
.PHONY: check-build deps-build
check-build:
	@if ! command -v $(CC) >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1 || \
	  ! pkg-config --exists $(PKGS) || ! echo '#include <stdio.h>' | $(CC) -E -x c - >/dev/null 2>&1; then \
	  echo "hanchot: the build packages are missing: run make deps (as root or with sudo)" >&2; exit 1; fi

$(B)/obj/%.o: %.c $(B)/flags | check-build
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The flags every object is compiled with: when they change (WERROR for
# make test after a plain make, another CFLAGS or PREFIX, whose data folder
# is compiled into tui/paths.c) every object is compiled again.
$(B)/flags: FORCE
	@mkdir -p $(B); echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' > $@
FORCE:

$(B)/libhanchot.a: $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC))
	@rm -f $@
	$(Q)ar rcs $@ $^

hanchot: $(B)/obj/tui/main.o $(B)/libhanchot.a
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(BASE_LIBS)

hanchot-extract: $(B)/obj/tui/main_extract.o $(B)/libhanchot.a
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# --- tests -------------------------------------------------------------------
$(B)/tests/%: tests/unit/%.c $(B)/libhanchot.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< $(B)/libhanchot.a $(LIBS) $(shell pkg-config --libs cmocka)

ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
$(B)/asan/obj/%.o: %.c $(B)/flags
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -O1 $(ASAN_FLAGS) -c -o $@ $<

$(B)/asan/libhanchot.a: $(patsubst %.c,$(B)/asan/obj/%.o,$(LIB_SRC))
	@rm -f $@
	$(Q)ar rcs $@ $^

$(B)/asan/tests/%: tests/unit/%.c $(B)/asan/libhanchot.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -O1 $(ASAN_FLAGS) -o $@ $< $(B)/asan/libhanchot.a $(LIBS) $(shell pkg-config --libs cmocka)

$(B)/asan/hanchot: $(B)/asan/obj/tui/main.o $(B)/asan/libhanchot.a
	$(Q)$(CC) $(ASAN_FLAGS) -o $@ $^ $(LIBS)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; (cd tests && ../$$t); done

asan: $(ASAN_BIN)
	@set -e; for t in $(ASAN_BIN); do echo "== $$t (asan+ubsan)"; \
	  (cd tests && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ../$$t); done

e2e: hanchot hanchot-extract
	@HANCHOT=$(CURDIR)/hanchot bash tests/e2e/run.sh

FUZZ_CC = clang
FUZZ_FLAGS = -std=c11 $(DEFS) -I. $(PKG_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined
$(B)/fuzz/%: tests/fuzz/%.c $(CORE_SRC) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(CORE_SRC) $(LIBS)

fuzz-short: $(FUZZ_BIN)
	@set -e; for f in $(FUZZ_BIN); do n=$$(basename $$f); echo "== $$n ($${FUZZ_SECONDS:-10} s)"; \
	  mkdir -p $(B)/corpus/$$n tests/fuzz/seeds/$$n; \
	  $$f -max_total_time=$${FUZZ_SECONDS:-10} -max_len=8192 -timeout=10 $(B)/corpus/$$n tests/fuzz/seeds/$$n 2>$(B)/fuzz/$$n.log \
	  || { tail -40 $(B)/fuzz/$$n.log; exit 1; }; tail -1 $(B)/fuzz/$$n.log; done

fuzz:
	@$(MAKE) fuzz-short FUZZ_SECONDS=$${FUZZ_SECONDS:-300}

valgrind: hanchot hanchot-extract
	@HANCHOT=$(CURDIR)/hanchot bash tests/e2e/valgrind.sh

bench: hanchot hanchot-extract $(B)/bench_view
	@HANCHOT=$(CURDIR)/hanchot bash tests/bench/run.sh

# The notice reading measured on real documents with hand readings (NAME.txt
# beside NAME.expected.tsv): `make score CORPUS=DIR`, V=1 lists the mismatches.
CORPUS ?= ../shared/corpus
score: hanchot
	@python3 tests/e2e/score.py ./hanchot $(CORPUS) $(if $(V),-v)

# in-process view timings (usage in its header); built here so it keeps compiling
$(B)/bench_view: tests/bench/bench_view.c $(B)/libhanchot.a
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $< $(B)/libhanchot.a $(LIBS) -o $@

# Everything; `deps` first when a test tool or library is missing.
test:
	@$(MAKE) --no-print-directory check-deps || $(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory WERROR=-Werror all unit asan e2e fuzz-short valgrind
	@echo "test suites: $(words $(UNIT_BIN) $(ASAN_BIN) $(FUZZ_BIN) e2e valgrind) passed, 0 failed"

run:
	@$(MAKE) --no-print-directory check-deps DEBS='$(BUILD_DEBS)' >/dev/null || $(MAKE) --no-print-directory deps-build
	@$(MAKE) --no-print-directory all
	./hanchot

# The missing Debian packages of $(DEBS) (default: building and testing).
DEBS ?= $(BUILD_DEBS) $(TEST_DEBS)
MISSING_DEBS = missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; done

check-deps:
	@$(MISSING_DEBS); \
	  if [ -n "$$missing" ]; then echo "missing Debian packages:$$missing"; exit 1; fi

# deps: what building and testing need (make test); deps-build: only what
# building and running need (make run).
deps-build:
	@$(MAKE) --no-print-directory deps DEBS='$(BUILD_DEBS)'

deps:
	@$(MISSING_DEBS); \
	if [ -z "$$missing" ]; then echo "all packages present"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "hanchot: missing packages; run as root: apt-get install$$missing"; exit 1; fi; \
	echo "installing:$$missing"; \
	$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing

install: hanchot hanchot-extract
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/hanchot
	install -m 755 hanchot $(DESTDIR)$(PREFIX)/bin/hanchot
	install -m 755 hanchot-extract $(DESTDIR)$(PREFIX)/bin/hanchot-extract
	install -m 644 config/hanchot.1 $(DESTDIR)$(PREFIX)/share/man/man1/hanchot.1
	install -m 644 config/hanchot.conf $(DESTDIR)$(PREFIX)/share/hanchot/hanchot.conf
	for f in config/*.tsv config/*.md; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/hanchot/; done; true

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/hanchot $(DESTDIR)$(PREFIX)/bin/hanchot-extract $(DESTDIR)$(PREFIX)/share/man/man1/hanchot.1
	rm -rf $(DESTDIR)$(PREFIX)/share/hanchot

clean:
	rm -rf $(B) hanchot hanchot-extract

# What the compiler found each object and test to include (-MMD -MP).
-include $(shell find $(B) -name '*.d' 2>/dev/null)
