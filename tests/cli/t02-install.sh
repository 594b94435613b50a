#!/bin/sh
# make install puts the program, the man page and the bank under DESTDIR/PREFIX, and the
# installed program lints the installed bank.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
BUILD_REL=${BUILDDIR#"$SRC"/}

if make -s install DESTDIR="$T/root" PREFIX=/usr BUILD="$BUILD_REL" >"$T/out" 2>&1; then
    ok "install: make install succeeds"
else
    fail "install: make install succeeds"
    sed 's/^/#   /' "$T/out" | tail -n 5
fi
for f in usr/bin/proctor usr/share/man/man1/proctor.1 usr/share/proctor/questions/sources/manifest.json \
    usr/share/proctor/questions/sources/dallaire-fax.txt; do
    if [ -f "$T/root/$f" ]; then ok "install: $f"; else fail "install: $f"; fi
done
run "$T/root/usr/bin/proctor" lint "$T/root/usr/share/proctor/questions"
expect_rc 0 "install: the installed program lints the installed bank"
if command -v man >/dev/null 2>&1; then
    if man -l "$T/root/usr/share/man/man1/proctor.1" 2>/dev/null | grep -q 'EXIT STATUS'; then
        ok "install: the man page renders"
    else fail "install: the man page renders"; fi
else
    echo "skip - install: man is not installed"
fi
make -s uninstall DESTDIR="$T/root" PREFIX=/usr >/dev/null 2>&1
if [ -e "$T/root/usr/bin/proctor" ] || [ -e "$T/root/usr/share/proctor" ]; then
    fail "install: uninstall removes what install put"
else ok "install: uninstall removes what install put"; fi
