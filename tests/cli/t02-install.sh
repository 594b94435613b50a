#!/bin/sh
# make install puts the program, the man page and the bank under DESTDIR/PREFIX, and the
# installed program finds the installed bank by itself: PREFIX is compiled in, and a PREFIX
# other than the first build's rebuilds what holds it (the flags are tracked by stamp files).
# The installs build in a copy of the build directory, so the tests running beside this one
# keep their binaries.
. "$(dirname "$0")/lib.sh"
cd "$SRC"

# a copy of the build with its times kept: only what the new PREFIX changes is rebuilt
mkdir -p "$T/build"
for f in src libproctor.a proctor .cflags .paths .ldflags; do
    [ -e "$BUILDDIR/$f" ] && cp -pR "$BUILDDIR/$f" "$T/build/"
done
before=$(cksum <"$BUILDDIR/proctor")

if make -s install DESTDIR="$T/root" PREFIX=/usr BUILD="$T/build" >"$T/out" 2>&1; then
    ok "install: make install succeeds"
else
    fail "install: make install succeeds"
    sed 's/^/#   /' "$T/out" | tail -n 5
fi
for f in usr/bin/proctor usr/share/man/man1/proctor.1 usr/share/proctor/questions/sources/manifest.json \
    usr/share/proctor/questions/sources/dallaire-fax.txt \
    usr/share/bash-completion/completions/proctor usr/share/zsh/site-functions/_proctor; do
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
# the installed bash completion finds the installed program and its installed bank
out=$(PATH="$T/root/usr/bin:$PATH" bash -c '. "$1"; COMP_LINE="proctor practice --doc dal"
    COMP_POINT=${#COMP_LINE}; _proctor proctor; printf "%s\n" "${COMPREPLY[@]}"' _ \
    "$T/root/usr/share/bash-completion/completions/proctor")
if [ "$out" = dallaire-fax ]; then ok "install: bash completion of a document id"; else
    fail "install: bash completion of a document id (got '$out')"; fi
make -s uninstall DESTDIR="$T/root" PREFIX=/usr >/dev/null 2>&1
if [ -e "$T/root/usr/bin/proctor" ] || [ -e "$T/root/usr/share/proctor" ] ||
    [ -e "$T/root/usr/share/bash-completion/completions/proctor" ] ||
    [ -e "$T/root/usr/share/zsh/site-functions/_proctor" ]; then
    fail "install: uninstall removes what install put"
else ok "install: uninstall removes what install put"; fi

# Installed for real under another PREFIX, run from elsewhere with no --bank: the program
# must look in PREFIX/share/proctor, not in the first build's /usr/local/share/proctor.
P="$T/prefix"
if make -s install PREFIX="$P" BUILD="$T/build" >"$T/out" 2>&1; then
    ok "install: make install PREFIX=\$T/prefix after a build for /usr"
else
    fail "install: make install PREFIX=\$T/prefix after a build for /usr"
    sed 's/^/#   /' "$T/out" | tail -n 5
fi
expect_grep "^-DPROCTOR_DATADIR='\"$P/share/proctor\"'\$" "$T/build/.paths" \
    "install: the path stamp names the new PREFIX"
mkdir -p "$T/elsewhere"
(cd "$T/elsewhere" && "$P/bin/proctor" list >"$T/out" 2>"$T/err")
rc=$?
expect_rc 0 "install: the installed program lists its bank from another directory"
shipped=$("$PROCTOR" list --bank "$SRC/questions" | grep -c .)
listed=$(grep -c . "$T/out")
if [ "$listed" -eq "$shipped" ]; then ok "install: it lists the $shipped installed questions"; else
    fail "install: it lists the $shipped installed questions (listed $listed)"
    sed 's/^/#   /' "$T/err" | head -n 3
fi
(cd "$T/elsewhere" && "$P/bin/proctor" lint >"$T/out" 2>"$T/err")
rc=$?
expect_rc 0 "install: the installed program lints its bank without --bank"
# and once more with the first PREFIX: rebuilt again, it looks there
make -s install DESTDIR="$T/root2" PREFIX=/opt/proctor BUILD="$T/build" >"$T/out" 2>&1
(cd "$T/elsewhere" && "$T/root2/opt/proctor/bin/proctor" list >"$T/out" 2>"$T/err")
rc=$?
expect_rc 4 "install: a program built for /opt/proctor does not find the bank staged in DESTDIR"
expect_grep "/opt/proctor/share/proctor/questions" "$T/err" "install: and names where it looked"
if [ "$(cksum <"$BUILDDIR/proctor")" = "$before" ]; then
    ok "install: the build under test is untouched"
else fail "install: the build under test is untouched"; fi
