#!/bin/sh
# SPDX-License-Identifier: ISC
# Every single-byte change to a real signed result is refused: each byte offset set to each
# of the other 255 values, plus every deletion, truncation and a set of insertions. The
# mutations run in memory through the library's verify function (tests/tools/result-tool).
. "$(dirname "$0")/lib.sh"
TOOL="$BUILDDIR/tests/tools/result-tool"
cd "$T" || exit 1
"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --out k >/dev/null
cp k/student.pub roster
"$TOOL" make "$FIX/bank" k/student.key r1 mixed || fail "result-tool make"
"$TOOL" mutate "$FIX/bank" roster r1
# and through the CLI: a sample of flipped bytes, each a separate file, via --files-from
n=$(wc -c <r1)
i=0
: >list
while [ $i -lt "$n" ]; do
    head -c $i r1 >m$i
    dd if=r1 bs=1 skip=$i count=1 2>/dev/null | tr '\000-\377' '\001-\377\000' >>m$i
    tail -c +$((i + 2)) r1 >>m$i
    echo m$i >>list
    i=$((i + 37))
done
run "$PROCTOR" verify --roster roster --bank "$FIX/bank" -j 2 --files-from list
expect_rc 1 "verify refuses files with one byte changed"
if grep -q ': OK' "$T/out"; then fail "no changed file verifies"; grep ': OK' "$T/out" | head -3
else ok "no changed file verifies ($(grep -c INVALID "$T/out") tried)"; fi
