#!/bin/sh
# The library/program boundary (STYLE.md §1), checked on the built libproctor.a; and the
# checker itself, seen to fail on an archive that breaks each rule in the ways a compiler
# spells it (fortified printf, assert, dprintf, err/warn, exit).
. "$(dirname "$0")/lib.sh"
sh "$SRC/tests/check-symbols.sh" "$BUILDDIR/libproctor.a"

CC=${CC:-cc}
cat >"$T/bad.c" <<'C'
#include <assert.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
int proctor_bad(int x);
int helper_outside_the_rule(int x);
int
proctor_bad(int x)
{
    printf("x=%d\n", x);
    fprintf(stderr, "x=%d\n", x);
    dprintf(2, "x=%d\n", x);
    assert(x > 0);
    if (x == 1)
        warnx("one");
    if (x == 2)
        err(1, "two");
    if (x == 3)
        exit(3);
    return x;
}
int
helper_outside_the_rule(int x)
{
    return x + 1;
}
C
if "$CC" -std=c11 -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -c -o "$T/bad.o" "$T/bad.c" 2>"$T/cc.err" &&
    ar rcs "$T/libbad.a" "$T/bad.o"; then
    sh "$SRC/tests/check-symbols.sh" "$T/libbad.a" >"$T/check.out" 2>&1
    rc=$?
    if [ "$rc" -eq 1 ]; then ok "check-symbols: a bad archive fails (exit 1)"; else
        fail "check-symbols: a bad archive fails (exit $rc, wanted 1)"; fi
    expect_grep '^not ok - library: global symbols outside' "$T/check.out" \
        "check-symbols: names a global symbol outside the naming rule"
    expect_grep '^#   helper_outside_the_rule$' "$T/check.out" "check-symbols: helper_outside_the_rule"
    expect_grep '^not ok - library: uses what only the program may' "$T/check.out" \
        "check-symbols: finds what only the program may use"
    for sym in __printf_chk __fprintf_chk __dprintf_chk __assert_fail warnx err exit stderr; do
        expect_grep "^#   $sym\$" "$T/check.out" "check-symbols: finds $sym"
    done
else
    fail "check-symbols: the bad object compiles"
    sed 's/^/#   /' "$T/cc.err" | head -n 5
fi

# Under AddressSanitizer each global gets an ODR indicator (__odr_asan.X with gcc,
# __odr_asan_gen_X with clang): the check reads it as X, so a well-named table passes and a
# misnamed one is still named, once.
cat >"$T/san.c" <<'C'
const char *proctor_good_table[] = {"a", "b"};
const char *bad_table[] = {"c", "d"};
C
if "$CC" -std=c11 -O1 -fsanitize=address -c -o "$T/san.o" "$T/san.c" 2>"$T/cc.err" &&
    ar rcs "$T/libsan.a" "$T/san.o"; then
    if nm -g --defined-only "$T/libsan.a" | grep -q '__odr_asan'; then
        ok "check-symbols: the sanitized object holds ODR indicators"
    else
        echo "skip - check-symbols: $CC emits no __odr_asan symbols"
    fi
    sh "$SRC/tests/check-symbols.sh" "$T/libsan.a" >"$T/san.out" 2>&1
    rc=$?
    if [ "$rc" -eq 1 ]; then ok "check-symbols: a sanitized misnamed global fails (exit 1)"; else
        fail "check-symbols: a sanitized misnamed global fails (exit $rc, wanted 1)"; fi
    if [ "$(grep -c '^#   ' "$T/san.out")" -eq 1 ] && grep -q '^#   bad_table$' "$T/san.out"; then
        ok "check-symbols: names bad_table once, and not proctor_good_table's indicator"
    else
        fail "check-symbols: names bad_table once, and not proctor_good_table's indicator"
        sed 's/^/#   /' "$T/san.out"
    fi
    printf 'const char *proctor_good_table[] = {"a"};\n' >"$T/san2.c"
    "$CC" -std=c11 -O1 -fsanitize=address -c -o "$T/san2.o" "$T/san2.c" &&
        ar rcs "$T/libsan2.a" "$T/san2.o"
    sh "$SRC/tests/check-symbols.sh" "$T/libsan2.a" >"$T/san.out" 2>"$T/err"
    rc=$?
    expect_rc 0 "check-symbols: a sanitized archive of well-named globals passes"
else
    echo "skip - check-symbols: $CC cannot build with -fsanitize=address"
fi
