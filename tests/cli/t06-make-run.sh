#!/bin/sh
# SPDX-License-Identifier: ISC
# make run: a quiet build of only the program it runs (no compiler lines unless V=1), then
# study (20 new questions on a first run). Run in a scratch build directory, with the study
# session fed from a pipe.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
B="$T/build"
# an empty answer stream: study starts, then ends at end of input
make run BUILD="$B" </dev/null >"$T/out" 2>&1
expect_grep '^Study: 0 due for review, 0 in learning, 20 new\.' "$T/out" \
    "make run: study starts, with 20 new questions on the first run"
expect_no_grep '(^| )(cc|gcc|clang|ar) |-std=c11|-o ' "$T/out" "make run: no compiler lines"
if [ -x "$B/proctor" ] && [ ! -e "$B/tests/unit" ] && [ ! -e "$B/tests/pty" ]; then
    ok "make run: builds only the program"
else fail "make run: builds only the program ($(ls "$B/tests" 2>/dev/null | tr '\n' ' '))"; fi
# V=1: the same build, loud (make -n prints what it would run, without building again)
make -n -B run BUILD="$B" V=1 </dev/null >"$T/out" 2>&1
expect_grep 'std=c11 .*-c -o .*main\.o src/cli/main\.c' "$T/out" "make run V=1: shows the compiler lines"
