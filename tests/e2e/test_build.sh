# A fresh machine: `make` before `make deps` names the way forward, `make run`
# installs only what building needs, `make test` the test packages too, and
# every tool the tests call comes from a listed package.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# No compiler or no pkg-config yet: "run make deps", not a compiler error.
out=$(make -s -C "$ROOT" B="$TMPD/build" CC="$TMPD/no-such-cc" hanchot 2>&1) && fail "make without a compiler succeeded"
grep -qF "run make deps" <<<"$out" || fail "make without a compiler: $out"
grep -qF "No such file" <<<"$out" && fail "make without a compiler shows the compiler's failure: $out"
mkdir -p "$TMPD/nopc"
ln -s "$(command -v "${CC:-cc}")" "$TMPD/nopc/cc"
out=$(PATH="$TMPD/nopc" /usr/bin/make -s -C "$ROOT" B="$TMPD/build" CC=cc hanchot 2>&1) && fail "make without pkg-config succeeded"
grep -qF "run make deps" <<<"$out" || fail "make without pkg-config: $out"

# Which packages each target installs: dpkg-query says everything is
# missing, apt-get writes down what it is asked for.
stub=$TMPD/stub
mkdir -p "$stub"
printf '#!/bin/sh\nexit 1\n' >"$stub/dpkg-query"
printf '#!/bin/sh\necho "$*" >>"%s/apt.log"\n' "$TMPD" >"$stub/apt-get"
printf '#!/bin/sh\necho 0\n' >"$stub/id"
chmod +x "$stub"/*
debs() { make -s -C "$ROOT" --eval "print-$1: ; @echo \$($1)" "print-$1"; }
BUILD=$(debs BUILD_DEBS) TEST=$(debs TEST_DEBS)
installed() { grep '^install' "$TMPD/apt.log" | tr ' ' '\n' | grep -v '^-' | sort -u; }

# make run: the build packages, none of the test ones. The program then fails
# to open a database in a missing folder instead of opening the screen.
rm -f "$TMPD/apt.log"
PATH="$stub:$PATH" HANCHOT_DB="$TMPD/missing/x.db" make -s -C "$ROOT" run >/dev/null 2>&1 || true
for p in $BUILD; do installed | grep -qx "$p" || fail "make run did not install $p"; done
for p in $TEST; do installed | grep -qx "$p" && fail "make run installed the test package $p"; done

# make deps (what make test runs first): both lists.
rm -f "$TMPD/apt.log"
PATH="$stub:$PATH" make -s -C "$ROOT" deps >/dev/null 2>&1 || fail "make deps failed"
for p in $BUILD $TEST; do installed | grep -qx "$p" || fail "make deps did not install $p"; done

# Every program the tests call is in a listed package or in every Debian.
if command -v dpkg >/dev/null; then
	for tool in pgrep tmux sqlite3 python3 valgrind calcurse clang; do
		path=$(command -v "$tool") || fail "$tool is not installed"
		pkg=$({ dpkg -S "$path" || dpkg -S "$(readlink -f "$path")"; } 2>/dev/null | head -1 | cut -d: -f1 || true)
		if [ -z "$pkg" ]; then # installed by hand (pyenv …): nothing to learn from it here
			echo "build: $path belongs to no Debian package, not checked" >&2
			continue
		fi
		essential=$(dpkg-query -W -f='${Essential}' "$pkg" 2>/dev/null || true)
		[ "$essential" = yes ] && continue
		# a versioned package (python3.11, clang-14) or a minimal one
		# (python3-minimal owns /usr/bin/python3 on a fresh Debian) comes
		# with the listed one
		grep -qw -e "$pkg" -e "${pkg%%[-.][0-9]*}" -e "${pkg%-minimal}" <<<"$BUILD $TEST" ||
			fail "$tool comes from $pkg, which is not in the Makefile's package lists"
	done
fi

# Each object depends on the headers it includes, not on all of them; a
# plain make does not stop at a warning, make test (WERROR=-Werror) does.
# (a plain make: not the WERROR=-Werror that make test passes down, in MAKEFLAGS
# and in the environment)
plain_make() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u WERROR make "$@"; }
plain_make -s -C "$ROOT" B="$TMPD/b" "$TMPD/b/obj/core/err.o" || fail "make of one object"
grep -qF "core/err.h" "$TMPD/b/obj/core/err.d" || fail "err.o does not depend on core/err.h: $(cat "$TMPD/b/obj/core/err.d")"
grep -qF "core/date.h" "$TMPD/b/obj/core/err.d" && fail "err.o depends on a header it does not include"
grep -qF -- "-Werror" "$TMPD/b/flags" && fail "a plain make compiles with -Werror"
plain_make -s -C "$ROOT" B="$TMPD/b" WERROR=-Werror "$TMPD/b/obj/core/err.o" || fail "make with WERROR"
grep -qF -- "-Werror" "$TMPD/b/flags" || fail "WERROR=-Werror is not used"
grep -A3 '^test:' "$ROOT/Makefile" | grep -qF 'WERROR=-Werror' || fail "make test does not compile with -Werror"

# The Linux-only calls live in core/os.c, whose POSIX fallback builds too.
"${CC:-cc}" -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -U__linux__ -I"$ROOT" -c "$ROOT/core/os.c" \
	-o "$TMPD/os.o" || fail "core/os.c's POSIX fallback does not build"
grep -lE 'copy_file_range|renameat2|F_SETLEASE|sync_file_range|statx\(' "$ROOT"/core/*.c "$ROOT"/db/*.c "$ROOT"/tui/*.c |
	grep -vx "$ROOT/core/os.c" && fail "Linux-only calls outside core/os.c"
true
