#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor take and verify --assignment, piped: trusting the teacher's key, answers one per
# line and the confirmation, the signed result, the gradebook (CSV values), preview = take,
# open mode with feedback, a tampered assignment, a result checked against another
# assignment, attempts over the limit (also after the state is wiped), late and over-time
# work, and the sealed claim.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
for s in s1 s2 s3; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
    "$PROCTOR" key --key $s/student.key export >>class.pub
done
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
TK="--key teacher/teacher.key"

"$PROCTOR" assign $TK --bank "$FB" --title "Homework 1" --id hw1 --attempts 2 \
    --time-limit 30 --due 2099-01-01 --out hw1.json >/dev/null
"$PROCTOR" assign $TK --bank "$FB" --title "Homework 2" --id hw2 --out hw2.json >/dev/null
# take as student S: take S ARGS... <input
take() {
    _s=$1
    shift
    run "$PROCTOR" take --key "$_s/student.key" "$@"
}
answers() { "$KEYS" --assignment "$1" "$2" "$3" "$4"; }

# --- trust
answers hw1.json hw1.key.json s1 right >s1.right
{ cat s1.right; echo y; } >s1.in
take s1 hw1.json <s1.in
expect_rc 1 "off a terminal, an unknown teacher key is refused"
expect_grep "signed by teacher 'teacher' \(Ms Tee\), key [0-9a-f]{16}, whom you have not trusted" \
    "$T/err" "naming the teacher and key"
expect_no_grep "Question" "$T/out" "and nothing is shown"
take s1 hw1.json --teacher-key s1/student.pub <s1.in
expect_rc 3 "--teacher-key must be a teacher's key"
"$PROCTOR" keygen --teacher --name "Mr Fake" --no-passphrase --out fake >/dev/null
"$PROCTOR" key --key fake/teacher.key export >fake.pub
take s1 hw1.json --teacher-key fake.pub <s1.in
expect_rc 1 "--teacher-key with another teacher's key is refused"

# --- s1 takes it right, through --teacher-key; preview shows what take shows
take s1 hw1.json --teacher-key teacher.pub <s1.in
expect_rc 0 "s1 takes the assignment (answers piped, then y)"
cp "$T/out" s1.transcript
expect_grep "^Your answers are handed in and signed: hw1-s1-1.result.json$" s1.transcript \
    "the result file is named after the assignment, student and attempt"
expect_grep "^Hand in your answers now\? You cannot change them afterwards. \[y/N, or :goto N\]" \
    s1.transcript "the same confirmation as on a terminal"
expect_no_grep "Correct\.|Not quite" s1.transcript "a sealed assignment gives no feedback"
expect_grep "^  Saved\.$" s1.transcript "each answer is saved"
if [ -f hw1-s1-1.result.json ] && [ ! -e "$XDG_STATE_HOME/proctor/take/"*-s1.json ]; then
    ok "the result is written and the journal removed"
else fail "the result is written and the journal removed"; ls -R "$XDG_STATE_HOME" | sed 's/^/#   /'; fi
"$PROCTOR" assign --preview hw1.json --student s1 >s1.preview
# the question blocks of both, from "Question N of" through the how-to-answer line
# (take also shows the time left under each question; preview has no clock)
blocks() { awk '/^Question [0-9]+ of /{on=1} on&&/^> /{on=0} on' "$1" | grep -v '^$' |
    grep -v '^  Time left: '; }
blocks s1.transcript >b.take
blocks s1.preview >b.preview
if [ -s b.take ] && cmp -s b.take b.preview; then ok "preview shows exactly what take showed"
else fail "preview shows exactly what take showed"; diff b.preview b.take | head | sed 's/^/#   /'; fi
"$PROCTOR" show-result --payload hw1-s1-1.result.json >r1.payload
expect_grep '"taken":\{"kind":"assignment","id":"hw1","sha256":"[0-9a-f]{64}"\},"attempt":1' \
    r1.payload "the result binds the assignment and the attempt"
expect_grep '"score":\{"earned":0,"max":0\}' r1.payload "a sealed result claims no score"

# --- s2 trusts on first use with --yes, answers wrong, hands in without confirming
answers hw1.json hw1.key.json s2 wrong >s2.in
take s2 hw1.json --yes <s2.in
expect_rc 0 "s2 takes it with --yes"
expect_grep "Teacher Ms Tee \(teacher, key [0-9a-f]{16}\) is now trusted" "$T/out" \
    "--yes pins the teacher's key"
expect_grep "^proctor-pk1 [0-9a-f]{16} .* teacher teacher Ms Tee$" \
    "$XDG_DATA_HOME/proctor/teachers" "in the trusted-teachers file"
expect_no_grep "Hand in your answers now" "$T/out" "--yes skips the confirmation"
take s3 hw1.json --teacher-key fake.pub <s2.in
expect_rc 1 "a pinned teacher's id with another key is refused"
# a forged assignment in the pinned teacher's name
"$PROCTOR" assign --key fake/teacher.key --bank "$FB" --title "Fake" --id hw1 --out forged.json \
    >/dev/null
take s3 forged.json <s2.in
expect_rc 1 "an assignment by another key under a pinned teacher's id is refused"
expect_grep "you trust another key" "$T/err" "saying a different key is trusted"

# --- verify and the gradebook
V() { run "$PROCTOR" verify --roster roster --teacher-key teacher.pub "$@"; }
V --assignment hw1.json --answer-key hw1.key.json --csv grades.csv hw1-s1-1.result.json \
    hw1-s2-1.result.json
expect_rc 0 "both results verify"
expect_grep "^hw1-s1-1.result.json: OK 9/10 \(90%\); unmarked essay q[0-9]+$" "$T/out" \
    "s1: 9 of 10, the essay unmarked"
expect_grep "^hw1-s2-1.result.json: OK 0/10 \(0%\); unmarked essay q[0-9]+$" "$T/out" \
    "s2: 0 of 10"
expect_grep "^3 students: 2 graded, 1 MISSING \(nothing handed in\)\.$" "$T/out" \
    "summary: counts, with s3 of the roster who handed nothing in"
expect_grep "^Mean 45\.0%, median 45\.0% \(each student's highest attempt\)\.$" "$T/out" \
    "summary: mean and median"
expect_grep "^  0-9%    \|# 1$" "$T/out" "histogram: s2 in the first bucket"
expect_grep "^  90-100% \|# 1$" "$T/out" "histogram: s1 in the last"
expect_grep '^assignment,title,student,name,score,max,percent,status,reason,attempt,attempts,late,overtime,finished,q1 [a-z-]+,q2 [a-z-]+,q3 [a-z-]+,q4 [a-z-]+,q5 [a-z-]+,q6 [a-z-]+,q7 [a-z-]+,q8 [a-z-]+,q9 [a-z-]+,q10 [a-z-]+.?$' \
    grades.csv "gradebook header: the assignment, the student, the grade, a column per question"
expect_grep '^hw1,Homework 1,s1,Student s1,9,10,90,OK,unmarked essay q[0-9]+,1,1,no,no,20[0-9-]+T[0-9:]+Z,' \
    grades.csv "gradebook row for s1"
expect_grep '^hw1,Homework 1,s2,Student s2,0,10,0,OK,unmarked essay q[0-9]+,1,1,no,no,' grades.csv \
    "gradebook row for s2"
expect_grep '^hw1,Homework 1,s3,Student s3,,,,MISSING,nothing handed in,,0,,,,+.?$' grades.csv \
    "gradebook row for s3, who handed nothing in"
V --assignment hw1.json --answer-key hw1.key.json --json hw1-s1-1.result.json
expect_grep '"status":"OK".*"assignment":"hw1".*"earned":9000,"max":10000,"percent":90,"attempt":1,"essay_earned":0,"essay_max":1000,"unmarked":1,"late":false,"overtime":false' \
    "$T/out" "JSON lines: the attempt in detail"
V --assignment hw1.json hw1-s1-1.result.json
expect_rc 2 "a sealed assignment needs its answer key"
V --assignment hw1.json --answer-key hw1.json hw1-s1-1.result.json
expect_rc 1 "an assignment is not an answer key"
"$PROCTOR" assign $TK --bank "$FB" --title "Homework 1" --id hw1 --out hw1b.json >/dev/null
V --assignment hw1.json --answer-key hw1b.key.json hw1-s1-1.result.json
expect_rc 1 "the answer key of another assignment (same id) is refused"
expect_grep "another assignment" "$T/err" "saying so"
XDG_DATA_HOME="$T/elsewhere" run "$PROCTOR" verify --roster roster --assignment hw1.json \
    --answer-key hw1.key.json hw1-s1-1.result.json
expect_rc 1 "verify needs to know the teacher's key"
expect_grep "neither your teacher key nor one you trust; give it with --teacher-key" "$T/err" \
    "and says how to give it"
V --assignment hw2.json --answer-key hw2.key.json hw1-s1-1.result.json
expect_rc 1 "a result for hw1 is not counted against hw2"
expect_grep "^hw1-s1-1.result.json: UNCHECKED: taken on assignment 'hw1', not 'hw2': give --assignment hw1.json to check it$" \
    "$T/out" "but UNCHECKED, saying what to give"
expect_grep "^1 result: 0 valid, 0 invalid, 1 unchecked$" "$T/out" "and counted as unchecked"
V --assignment hw1b.json --answer-key hw1b.key.json hw1-s1-1.result.json
expect_rc 1 "and against another assignment with the same id"
expect_grep "INVALID: result is for another version of assignment 'hw1'" "$T/out" \
    "which is refused (INVALID), not unchecked"

# --- attempts: a second take warns; a third is over the limit of 2
# (the wrong numbers answer-key gives are s1's own: wrong answers that were s2's too would be
# a copy, whichever question came first in s1's order)
answers hw1.json hw1.key.json s1 wrong >s1.wrong
{ cat s1.wrong; echo y; } >s1b.in
take s1 hw1.json <s1b.in
expect_rc 0 "s1 takes it a second time"
expect_grep "you have handed in 1 attempt at this assignment already; this is attempt 2" \
    "$T/out" "take warns about the earlier attempt"
take s1 hw1.json <s1b.in
expect_grep "this is attempt 3\.$" "$T/out" "take numbers the third attempt"
expect_grep "^Warning: the assignment allows 2 attempts, so this attempt will not count" \
    "$T/out" "a third attempt is over the limit, and take says it will not count"
V --assignment hw1.json --answer-key hw1.key.json --csv g2.csv hw1-s1-1.result.json \
    hw1-s1-2.result.json hw1-s1-3.result.json hw1-s2-1.result.json
expect_rc 1 "verify flags the attempt over the limit"
expect_grep "^hw1-s1-3.result.json: INVALID: attempt 3 is over the limit of 2 attempts$" \
    "$T/out" "by its number"
expect_no_grep "CONFLICT" "$T/out" "s1's wrong answers are not taken for a copy of s2's"
expect_grep '^hw1,Homework 1,s1,Student s1,9,10,90,OK,unmarked essay q[0-9]+; 1 file refused,1,3,' g2.csv \
    "the gradebook keeps s1's highest of two attempts"
V --assignment hw1.json --answer-key hw1.key.json --method last --csv g3.csv \
    hw1-s1-1.result.json hw1-s1-2.result.json
expect_grep '^hw1,Homework 1,s1,Student s1,0,10,0,OK,unmarked essay q[0-9]+,2,2,' g3.csv "--method last: attempt 2 of 2"
V --assignment hw1.json --answer-key hw1.key.json --method average --csv g4.csv \
    hw1-s1-1.result.json hw1-s1-2.result.json
expect_grep '^hw1,Homework 1,s1,Student s1,4.5,10,45,OK,unmarked essay q[0-9]+,average,2,no,no,[^,]+,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,,0.5.?$' \
    g4.csv "--method average, with the mean of each question"
expect_grep '^hw1,Homework 1,s2,Student s2,,,,MISSING,nothing handed in,' g4.csv \
    "s2 and s3 handed nothing in this time: MISSING"
# a wiped state directory numbers attempts from 1 again: counting catches it
rm -rf "$XDG_STATE_HOME/proctor/take"
sleep 1 # results are ranked by finish time (whole seconds): this one finishes last
take s1 hw1.json --out again.json <s1b.in
expect_grep "attempt 1 of 2" "$T/out" "after a reset the program thinks it is attempt 1"
V --assignment hw1.json --answer-key hw1.key.json hw1-s1-1.result.json hw1-s1-2.result.json \
    again.json
expect_rc 1 "but verify counts the student's results"
expect_grep "^again.json: INVALID: over the limit of 2 attempts: 2 other valid results of this student finished before it$" \
    "$T/out" "and flags the third"

# --- open mode: feedback as the student goes; verify re-grades the claimed score
"$PROCTOR" assign $TK --bank "$FB" --title "Practice set" --id open1 --open --out open1.json \
    >/dev/null
answers open1.json - s3 right >s3.in
{ head -n 2 s3.in; answers open1.json - s3 wrong | sed -n '3,$p'; echo y; } >s3.mixed
take s3 open1.json --teacher-key teacher.pub <s3.mixed
expect_rc 0 "s3 takes an open assignment"
expect_grep "Correct\. 1 of 1 point\." "$T/out" "open mode: feedback on a right answer"
expect_grep "Not quite\." "$T/out" "and on a wrong one"
expect_grep "^Your score: " "$T/out" "and a score at the end"
expect_no_grep "\[\[" "$T/out" "but no passages"
V --assignment open1.json open1-s3-1.result.json
expect_rc 0 "an open assignment's result verifies without a separate key"
"$PROCTOR" show-result --payload open1-s3-1.result.json >r3.payload
expect_no_grep '"score":\{"earned":0,"max":0\}' r3.payload "an open result claims its score"

# --- a tampered assignment: one changed character of the payload
sed 's/"payload":"eyJ/"payload":"eyK/' hw1.json >tampered.json
take s2 tampered.json <s2.in
expect_rc 1 "take refuses a tampered assignment"
expect_no_grep "Question" "$T/out" "and shows nothing"
printf '{"format":"proctor-assignment"}\n' >plain.json
take s2 plain.json <s2.in
expect_rc 1 "and an unsigned one"
V --assignment tampered.json --answer-key hw1.key.json hw1-s1-1.result.json
expect_rc 1 "verify refuses it too"

# --- late and over-time work are warnings, not refusals
"$PROCTOR" assign $TK --bank "$FB" --title "Late" --id late1 --due 2020-01-01T00:00Z \
    --force --time-limit 1 --out late1.json >/dev/null
answers late1.json late1.key.json s2 right >s2.late
# the first three answers, then the input ends: the journal keeps them
head -n 3 s2.late | "$PROCTOR" take --key s2/student.key late1.json >"$T/out" 2>&1
expect_grep "was due at 2020-01-01 00:00 UTC \(2020-01-01T00:00:00Z\); your work will be marked late" "$T/out" \
    "take warns that the work is late"
J=$(ls "$XDG_STATE_HOME"/proctor/take/*-s2.json)
# an hour ago by the journal: the time limit has long passed
python3 - "$J" <<'PY'
import json, sys, time
d = json.load(open(sys.argv[1]))
d["started"] = int(time.time()) - 3600
json.dump(d, open(sys.argv[1], "w"))
PY
sed -n '4,$p' s2.late | "$PROCTOR" take --key s2/student.key late1.json >"$T/out" 2>&1
expect_grep "The time limit has passed; your answers are handed in as they are" "$T/out" \
    "resuming after the time limit hands the work in"
V --assignment late1.json --answer-key late1.key.json late1-s2-1.result.json
expect_rc 0 "late and over-time work still verifies"
# (60 or 61 minutes: the journal was set an hour back, and a minute may pass before verify)
expect_grep "^late1-s2-1.result.json: OK [23]/10 \([23]0%\); (unmarked essay q[0-9]+; )?late; over the time limit \(6[01] min\)$" \
    "$T/out" "flagged late and over time, graded on the answers given before"

# --- the clock runs out while take waits for an answer: it hands the work in by itself
"$PROCTOR" assign $TK --bank "$FB" --title "Quick" --id quick --time-limit 1 --out quick.json \
    >/dev/null
answers quick.json quick.key.json s3 right | head -n 2 |
    "$PROCTOR" take --key s3/student.key --teacher-key teacher.pub quick.json >/dev/null 2>&1
J=$(ls "$XDG_STATE_HOME"/proctor/take/*-s3.json | head -n 1)
# the limit ends three seconds from now
python3 - "$J" <<'PY'
import json, sys, time
d = json.load(open(sys.argv[1]))
d["started"] = int(time.time()) - 57
json.dump(d, open(sys.argv[1], "w"))
PY
rm -f fifo
mkfifo fifo
"$PROCTOR" take --key s3/student.key --teacher-key teacher.pub quick.json <fifo >quick.out 2>&1 &
pid=$!
exec 3>fifo
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
exec 3>&-
wait $pid
rc=$?
expect_rc 0 "take ends by itself when the time is up"
expect_grep "^  Time left: 0:0[0-3]$" quick.out "it showed the time left"
expect_grep "^  Time is up\.$" quick.out "says the time is up"
expect_grep "^Your answers are handed in and signed: quick-s3-1.result.json$" quick.out \
    "and hands the answers in"
V --assignment quick.json --answer-key quick.key.json quick-s3-1.result.json
expect_grep "^quick-s3-1.result.json: OK [12]/10 " "$T/out" \
    "with the answers given before the time ran out"
