#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor return for a whole class: one run, one passphrase (from a file here), the files
# checked together (an attempt over the limit, a copy held back as CONFLICT), the attempt the
# grading method chooses for each student written to --out-dir (default: ID-graded), never
# over existing work without --force; an open assignment needs no --answer-key; the single
# file form (--out) is unchanged; usage errors.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

echo "teacher pass" >tpass
"$PROCTOR" keygen --teacher --name "Ms Tee" --passphrase-file tpass --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
for s in s1 s2 s3 s4 s5; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
    "$PROCTOR" key --key $s/student.key export >>class.pub
done
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
TK="--key teacher/teacher.key --passphrase-file tpass"
"$PROCTOR" assign $TK --bank "$FIX/bank" --title "Class" --id c1 --attempts 2 \
    --out c1.json >/dev/null
"$PROCTOR" assign $TK --bank "$FIX/bank" --title "Open one" --id o1 --open \
    --out o1.json >/dev/null
take() { "$PROCTOR" take --yes --teacher-key teacher.pub --key "$1/student.key" "$2" <"$3" \
    >/dev/null 2>&1; }
# s1: attempt 1 all right, attempt 2 all wrong, attempt 3 over the limit; s2 right;
# s3 hands in s2's essay (a copy); s4 nothing; s5 right on the open one
{ "$KEYS" --assignment c1.json c1.key.json s1 right; echo y; } >s1r.in
{ "$KEYS" --assignment c1.json c1.key.json s1 wrong; echo y; } >s1w.in
{ "$KEYS" --assignment c1.json c1.key.json s2 wrong; echo y; } >s2.in
{ "$KEYS" --assignment c1.json c1.key.json s3 wrong | sed 's/An answer by s3 /An answer by s2 /'
    echo y; } >s3.in
take s1 c1.json s1r.in
take s1 c1.json s1w.in
take s1 c1.json s1w.in
take s2 c1.json s2.in
take s3 c1.json s3.in
R="c1-s1-1.result.json c1-s1-2.result.json c1-s1-3.result.json c1-s2-1.result.json c1-s3-1.result.json"
RET() { run "$PROCTOR" return $TK --roster roster "$@"; }

RET --answer-key c1.key.json --assignment c1.json $R
expect_rc 1 "return a class: a file refused and a copy held back make the status 1"
cp "$T/out" class.out
expect_grep "^c1-s1-3.result.json: INVALID: attempt 3 is over the limit of 2 attempts$" \
    class.out "the attempt over the limit is refused, as verify refuses it"
expect_grep "^Graded work for s1 \(Student s1, attempt 1\): 9/10 \(90%\)" class.out \
    "s1's highest attempt is returned"
expect_grep "^  written to c1-graded/c1-s1.graded.json$" class.out \
    "into the folder named after the assignment"
expect_grep "^s2 \(Student s2\): held back, CONFLICT: " class.out "s2's copy is held back"
expect_grep "^s3 \(Student s3\): held back, CONFLICT: " class.out "and s3's"
expect_grep "^Returned the work of 1 of 1 graded student to c1-graded/; 2 held back \(CONFLICT\); 1 file refused\.$" \
    class.out "the summary"
if [ -f c1-graded/c1-s1.graded.json ] && [ "$(ls c1-graded | wc -l)" -eq 1 ]; then
    ok "one graded file, s1's"
else fail "one graded file, s1's"; fi
"$PROCTOR" show-result --payload c1-graded/c1-s1.graded.json >g1.payload 2>&1
expect_grep '"attempt":1' g1.payload "the graded work is of attempt 1"
run "$PROCTOR" review c1-graded/c1-s1.graded.json --teacher-key teacher.pub
expect_rc 0 "the student can review it"
expect_grep "^Score: 9 of 10 \(90%\)$" "$T/out" "with the score (the essay not marked yet)"
expect_grep "^Once you have decided, return them with --release STUDENT" class.out \
    "the summary says how to return the held-back students"

# the teacher decides that s2 and s3 worked together honestly: one run returns both, keeping
# the work returned before
RET --answer-key c1.key.json --assignment c1.json --release s2 --release s3,s9 $R
expect_rc 1 "--release: a file still refused and an id not in CONFLICT make the status 1"
cp "$T/out" release.out
expect_grep "^s2 \(Student s2\): returned on your decision \(--release\), CONFLICT: " release.out \
    "s2 is returned on the teacher's decision"
expect_grep "^  written to c1-graded/c1-s2.graded.json$" release.out "into the class folder"
expect_grep "^s3 \(Student s3\): returned on your decision" release.out "and s3"
expect_grep "^Returned the work of 2 of 3 graded students to c1-graded/; 1 returned before, kept; 2 in CONFLICT returned on your decision; 1 file refused\.$" \
    release.out "the summary: s1's work returned before is kept, not an error"
expect_grep "^proctor: --release s9: no student of that id is in CONFLICT; nothing released$" \
    "$T/err" "an id that is not in CONFLICT is named"
if [ "$(ls c1-graded | wc -l)" -eq 3 ]; then ok "three graded files"
else fail "three graded files"; fi
run "$PROCTOR" review c1-graded/c1-s3.graded.json --teacher-key teacher.pub
expect_rc 0 "s3 can review the returned work"
RET --answer-key c1.key.json --release s2 --out x.json c1-s2-1.result.json
expect_rc 2 "--release is for a class, not --out"
RET --answer-key c1.key.json --release s2,,s3 $R
expect_rc 2 "--release with an empty id"

RET --answer-key c1.key.json --assignment c1.json $R
expect_rc 2 "never over returned work without --force"
expect_grep "c1-graded/c1-s1.graded.json" "$T/err" "naming the file"
RET --answer-key c1.key.json --assignment c1.json --method last --force --out-dir last $R
expect_grep "^Graded work for s1 \(Student s1, attempt 2\): " "$T/out" \
    "--method last: attempt 2 (of the two within the limit)"
[ -f last/c1-s1.graded.json ] && ok "--out-dir names the folder" || fail "--out-dir names the folder"
printf '%s\n' c1-s1-1.result.json >list
RET --answer-key c1.key.json --out-dir fromlist --files-from list
expect_rc 0 "--files-from"
expect_grep "^No attempt limit applied: give --assignment with the answer key to apply it\.$" \
    "$T/out" "without the assignment, no limit is applied, and return says so"

# an open assignment is its own answer key
{ "$KEYS" --assignment o1.json - s5 right; echo y; } >s5.in
take s5 o1.json s5.in
RET --assignment o1.json o1-s5-1.result.json
expect_rc 0 "an open assignment needs no --answer-key"
expect_grep "^Graded work for s5 \(Student s5, attempt 1\): 9/10 \(90%\)" "$T/out" "s5's work"
[ -f o1-graded/o1-s5.graded.json ] && ok "in o1-graded/" || fail "in o1-graded/"

# one file, as before
RET --answer-key c1.key.json c1-s1-1.result.json --out one.graded.json
expect_rc 0 "--out: one result"
expect_grep "^Written to one.graded.json; give it to the student" "$T/out" "as before"

# usage
RET c1-s1-1.result.json
expect_rc 2 "no answer key and no assignment"
RET --answer-key c1.key.json --out x.json c1-s1-1.result.json c1-s2-1.result.json
expect_rc 2 "--out takes one file"
RET --answer-key c1.key.json --out x.json --out-dir d c1-s1-1.result.json
expect_rc 2 "--out and --out-dir"
RET --assignment c1.json c1-s1-1.result.json
expect_rc 2 "a sealed assignment without its key"
expect_grep "give its answer key" "$T/err" "says to give the key"
