#!/bin/sh
# SPDX-License-Identifier: ISC
# The whole path a student and teacher take: keygen, key export, roster add, a practice run
# recorded with --record (plain and passphrase-protected keys), verify, gradebook.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
cd "$T" || exit 1

"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase >/dev/null
printf 'open sesame\n' >pw
"$PROCTOR" keygen --student s2 --name "Bo" --passphrase-file pw --out k2 >/dev/null
"$PROCTOR" key export >s1.pub
"$PROCTOR" key --key k2/student.key export >s2.pub
run "$PROCTOR" roster --roster roster add s1.pub s2.pub
expect_rc 0 "the teacher adds both students to a roster"

# s1 answers the first question (the numeric 1,700) and skips the rest
{ printf '1,700\n'; yes ':skip' | head -n 40; } >answers
run "$PROCTOR" practice --bank "$FB" --seed 7 --record r1.json <answers
expect_rc 0 "practice --record"
expect_grep "^Your score: 1 of 9 \(11%\)$" "$T/out" "practice shows 1 of 9"
expect_grep "Signed result written to r1.json" "$T/out" "practice says where the result is"
run "$PROCTOR" verify --roster roster --bank "$FB" r1.json
expect_rc 0 "the recorded result verifies"
expect_grep "^r1.json: OK 1/9 \(11%\)$" "$T/out" "verify re-grades to the score the student saw"
run "$PROCTOR" show-result r1.json
expect_grep "^student: +s1 " "$T/out" "the result names s1"
expect_grep '^  books +"1,700"$' "$T/out" "the raw response is recorded as typed"

# s2's key has a passphrase; s2 also names a chair, wrongly (identical responses from two
# students are flagged as a copy, however the number is typed: tests/cli/t63-verify-order.sh)
{ printf '1700\nSmith\n'; yes ':skip' | head -n 40; } >answers2
run "$PROCTOR" practice --bank "$FB" --seed 7 --new --record r2.json --key k2/student.key \
    --passphrase-file pw <answers2
expect_rc 0 "practice --record with a passphrase-protected key"
printf 'wrong\n' >bad
run "$PROCTOR" practice --bank "$FB" --seed 7 --new --record r3.json --key k2/student.key \
    --passphrase-file bad <answers
expect_rc 1 "a wrong passphrase stops practice --record before the first question"
expect_grep "cannot decrypt secret key: wrong passphrase$" "$T/err" "with a clear message"
expect_no_grep "Question 1" "$T/out" "no question was asked"
if [ ! -e r3.json ]; then ok "no result written"; else fail "no result written"; fi

run "$PROCTOR" practice --bank "$FB" --record r1.json <answers
if [ "$rc" -ne 0 ]; then ok "practice --record never overwrites a result"; else
    fail "practice --record never overwrites a result"; fi

run "$PROCTOR" verify --roster roster --bank "$FB" --csv grades.csv r1.json r2.json
expect_rc 0 "both results verify"
expect_grep '^s1,Ann Lee,1,9,11,OK,,' grades.csv "gradebook row for s1"
expect_grep '^s2,Bo,1,9,11,OK,,' grades.csv "gradebook row for s2"

# The student and the teacher see the same percentage and points: 8 of 9 is 88.9 %, shown as
# 89 % by the runner and by verify (one rounding rule, proctor_percent), and a half-right
# "all that apply" answer reads as a fraction of a point.
"$BUILDDIR/tests/tools/answer-key" "$FB" 7 right | sed '1s/.*/2700/' >answers8
run "$PROCTOR" practice --bank "$FB" --seed 7 --new --record r8.json <answers8
expect_grep "^Your score: 8 of 9 \(89%\)$" "$T/out" "practice: 8 of 9 reads 89% (nearest, not cut)"
run "$PROCTOR" verify --roster roster --bank "$FB" r8.json
expect_grep "^r8.json: OK 8/9 \(89%\)$" "$T/out" "verify: the same 89% the student saw"
"$BUILDDIR/tests/tools/answer-key" "$FB" 7 right | sed '1s/.*/2700/;6s/.*/b/' >answers75
run "$PROCTOR" practice --bank "$FB" --seed 7 --new <answers75
expect_grep "^  Partly right\. 1/2 of a point\.$" "$T/out" "practice: a partial answer reads as a fraction"
expect_grep "^Your score: 7\.5 of 9 \(83%\)$" "$T/out" "practice: a partial score in points and percent"
