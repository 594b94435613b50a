#!/bin/sh
# SPDX-License-Identifier: ISC
# The class gradebook of verify --assignment: a row for every student of the roster (MISSING
# for one who handed nothing in, INVALID for one whose only file is refused), the columns
# (attempt, attempts made, late, per question), --no-per-question, --excel's byte order mark,
# the Moodle and Canvas shapes, an UNCHECKED result of an assignment not given, the JSON
# line's questions with the options picked, and the usage errors of the CSV options.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
KEYS="$BUILDDIR/tests/tools/answer-key"
TOOL="$BUILDDIR/tests/tools/result-tool"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
for s in s1 s2 s3 s4; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
    "$PROCTOR" key --key $s/student.key export >>class.pub
done
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
TK="--key teacher/teacher.key"
"$PROCTOR" assign $TK --bank "$FB" --title "Week 1, memo" --id g1 --no-shuffle \
    --out g1.json >/dev/null
"$PROCTOR" assign $TK --bank "$FB" --title "Week 2" --id g2 --out g2.json >/dev/null
take() {
    _s=$1
    shift
    run "$PROCTOR" take --yes --key "$_s/student.key" "$@"
}
# s1 all right, s2 all wrong, s3 hands in a file that is then altered; s4 nothing
for s in s1 s2 s3; do
    w=right
    [ $s = s2 ] && w=wrong
    { "$KEYS" --assignment g1.json g1.key.json $s $w; echo y; } >$s.in
    take $s g1.json <$s.in
done
{ "$KEYS" --assignment g2.json g2.key.json s1 right; echo y; } >s1b.in
take s1 g2.json <s1b.in
# s3's file with s1's signature: s3's key id, a signature that is not s3's
sed "s/\"sig\":\"[^\"]*\"/\"sig\":\"$(sed 's/.*"sig":"\([^"]*\)".*/\1/' g1-s1-1.result.json | sed 's/[\/&]/\\&/g')\"/" \
    g1-s3-1.result.json >s3-bad.json
R="g1-s1-1.result.json g1-s2-1.result.json s3-bad.json g2-s1-1.result.json"
V() { run "$PROCTOR" verify --roster roster --teacher-key teacher.pub "$@"; }

V --assignment g1.json --answer-key g1.key.json --csv book.csv $R
expect_rc 1 "verify: one file refused, one unchecked"
expect_grep "^g2-s1-1.result.json: UNCHECKED: taken on assignment 'g2', not 'g1': give --assignment g2.json to check it$" \
    "$T/out" "another assignment's result is UNCHECKED, saying what to give"
expect_grep "^4 results: 2 valid, 1 invalid, 1 unchecked$" "$T/out" "the file counts"
expect_grep "^4 students: 2 graded, 2 MISSING \(nothing handed in\)\.$" \
    "$T/out" "the student counts: an altered file is no one's, so s3 is MISSING like s4"
"$PROCTOR" assign --preview g1.json --student s1 >pv
ESSAY=$(sed -n 's/^Question \([0-9]*\) of [0-9]*  \[essay,.*/\1/p' pv)
N=$(grep -c '^Question [0-9]* of ' pv)
heads=""
i=1
while [ $i -le "$N" ]; do heads="$heads,q$i [a-z-]+"; i=$((i + 1)); done
expect_grep "^assignment,title,student,name,score,max,percent,status,reason,attempt,attempts,late,overtime,finished$heads.?\$" \
    book.csv "header: a column per question, with the bank id the answer key records"
# s1's cells: 1 for each scored question, nothing for the unmarked essay
cells=""
i=1
while [ $i -le "$N" ]; do
    if [ $i -eq "$ESSAY" ]; then cells="$cells,"; else cells="$cells,1"; fi
    i=$((i + 1))
done
expect_grep "^g1,\"Week 1, memo\",s1,Student s1,9,10,90,OK,unmarked essay q$ESSAY,1,1,no,no,20[0-9T:Z-]+$cells.?\$" \
    book.csv "s1: graded, every scored question's point, the essay's cell empty"
expect_grep "^g1,\"Week 1, memo\",s2,Student s2,0,10,0,OK,unmarked essay q$ESSAY,1,1,no,no," \
    book.csv "s2: graded, nothing right"
expect_grep "^g1,\"Week 1, memo\",s3,Student s3,,,,MISSING,\"nothing handed in; 's3-bad.json' claims to be s3 but is refused: bad signature \(not made by s3's key, or the file was altered\)\",,0," \
    book.csv "s3: MISSING, told of the refused file that claims to be theirs"
expect_grep "^g1,\"Week 1, memo\",s4,Student s4,,,,MISSING,nothing handed in,,0,,,," book.csv \
    "s4: MISSING"
if [ "$(grep -c . book.csv)" -eq 5 ]; then ok "a header and one row per student of the roster"
else fail "a header and one row per student of the roster"; fi

V --assignment g1.json --answer-key g1.key.json --csv short.csv --no-per-question --excel $R
if [ "$(head -c 3 short.csv | od -An -tx1 | tr -d ' ')" = efbbbf ]; then
    ok "--excel: a UTF-8 byte order mark first"
else fail "--excel: a UTF-8 byte order mark first"; fi
expect_grep "finished.?$" short.csv "--no-per-question: the header ends with finished"
expect_no_grep "q1" short.csv "--no-per-question: no question columns"
head -c 3 book.csv | od -An -tx1 | grep -q efbbbf && fail "no mark without --excel" ||
    ok "no byte order mark without --excel"

V --assignment g1.json --answer-key g1.key.json --csv moodle.csv --format moodle $R
printf 'ID number,"Week 1, memo"\r\ns1,9\r\ns2,0\r\n' >moodle.want
expect_file_eq moodle.csv moodle.want "--format moodle: ID number and the grade, graded students only"
V --assignment g1.json --answer-key g1.key.json --csv canvas.csv --format canvas $R
printf 'Student,ID,SIS User ID,SIS Login ID,Section,"Week 1, memo"\r\nPoints Possible,,,,,10\r\nStudent s1,,s1,,,9\r\nStudent s2,,s2,,,0\r\n' \
    >canvas.want
expect_file_eq canvas.csv canvas.want "--format canvas: Canvas's columns and Points Possible"

# JSON lines: each question's points and the options picked
V --assignment g1.json --answer-key g1.key.json --json g1-s1-1.result.json
expect_grep '"questions":\[\{"id":"q1","earned":[0-9]+,"answered":true' "$T/out" \
    "JSON: the questions in the assignment's order"
expect_grep '"id":"q'"$ESSAY"'","earned":0,"answered":true,"marked":false' "$T/out" \
    "JSON: the essay, answered, not marked"
CHOICE=$(sed -n 's/^Question \([0-9]*\) of [0-9]*  \[choice,.*/\1/p' pv | head -n 1)
expect_grep '"id":"q'"$CHOICE"'","earned":1000,"answered":true,"picked":\["o[0-9]+"\]' \
    "$T/out" "JSON: the option a choice question's answer picked"
TF=$(sed -n 's/^Question \([0-9]*\) of [0-9]*  \[truefalse,.*/\1/p' pv | head -n 1)
expect_grep '"id":"q'"$TF"'","earned":1000,"answered":true,"picked":\["(true|false)"\]' \
    "$T/out" "JSON: true or false"

# without --assignment: UNCHECKED, not refused
run "$PROCTOR" verify --roster roster g1-s1-1.result.json
expect_rc 1 "an assignment result without its assignment is not OK"
expect_grep "^g1-s1-1.result.json: UNCHECKED: taken on assignment 'g1': give --assignment g1.json to check it$" \
    "$T/out" "it is UNCHECKED: give --assignment g1.json"

# usage
V --csv x.csv --format moodle g1-s1-1.result.json
expect_rc 2 "--format needs --assignment"
V --assignment g1.json --answer-key g1.key.json --format moodle g1-s1-1.result.json
expect_rc 2 "--format needs --csv"
expect_grep "give --csv FILE" "$T/err" "and says so"
V --assignment g1.json --answer-key g1.key.json --csv x.csv --format blackboard \
    g1-s1-1.result.json
expect_rc 2 "an unknown format"
expect_grep "proctor, moodle or canvas, not 'blackboard'" "$T/err" "names the formats"
V --assignment g1.json --answer-key g1.key.json --csv x.csv --per-question --no-per-question \
    g1-s1-1.result.json
expect_rc 2 "--per-question and --no-per-question conflict"
