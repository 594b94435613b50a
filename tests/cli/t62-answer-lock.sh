#!/bin/sh
# SPDX-License-Identifier: ISC
# An answer is final once its feedback has been shown. Each attack is the one a new user
# would try: answer wrongly, read the feedback with the right answer, :back (or :goto), answer
# again. practice --record and take of an --open assignment refuse the new answer and sign the
# first; plain practice lets the student try again but the first answer's score stands. The
# signed result carries the journal order (feedback_seen per question) and verify refuses a
# result, re-signed with the student's own key, whose response follows its own feedback.
# Resuming a recorded run as the program suggests keeps recording, and take's resume hint,
# run verbatim, goes on.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
TOOL="$BUILDDIR/tests/tools/result-tool"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1
# the printed commands say "proctor ...": run them as printed
mkdir bin
ln -s "$PROCTOR" bin/proctor
PATH="$T/bin:$PATH"

"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase >/dev/null
printf 'open sesame\n' >pw
"$PROCTOR" keygen --student s2 --name "Bo" --passphrase-file pw --out k2 >/dev/null
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out tk >/dev/null
"$PROCTOR" key export >roster
"$PROCTOR" key --key k2/student.key export >>roster

# With --seed 7 the first question is "How many books?" (1,700); 5 is wrong.
skips() { yes ':skip' | head -n 20; }

# --- 1. practice --record: answer wrongly, read the feedback, :back, answer again
{ printf '5\n:back\n1700\n'; skips; } >attack
run "$PROCTOR" practice --bank "$FB" --seed 7 --record r1.json <attack
expect_rc 0 "practice --record runs to the end"
expect_grep '^  The answer:$' "$T/out" "the feedback showed the right answer"
expect_grep '^  Your answer: 5$' "$T/out" ":back shows the saved answer"
expect_grep '^  Locked: you have seen its feedback, so this answer is final\.$' "$T/out" \
    ":back says the answer is locked"
expect_grep "^  Locked: you have seen this question's feedback, so your answer is final\. Type" \
    "$T/out" "the new answer is refused with a line saying why"
expect_no_grep '^  Correct\.' "$T/out" "the new answer is not even graded"
expect_grep '^Your score: 0 of 9 \(0%\)$' "$T/out" "the summary counts the first answer"
run "$PROCTOR" verify --roster roster --bank "$FB" r1.json
expect_rc 0 "the recorded result verifies"
expect_grep '^r1.json: OK 0/9 \(0%\)$' "$T/out" "verify counts the first answer, not the second"
payload r1.json >p1
expect_grep '"responses":\{"books":"5"\}' p1 "the signed response is the first"
expect_grep '"journal":\{"books":\{"response":1,"feedback_seen":true,"feedback":2\}\}' p1 \
    "the journal says feedback was seen after the response"

# --- 2. verify checks the journal order: the student edits their result (the second answer,
# the response after the feedback, the score) and re-signs it with their own key
KEY1="$XDG_DATA_HOME/proctor/student.key"
sed 's/"books":"5"/"books":"1700"/;
     s/"books":{"response":1,"feedback_seen":true,"feedback":2}/"books":{"response":3,"feedback_seen":true,"feedback":2}/;
     s/"earned":0,/"earned":1000,/' p1 | "$TOOL" resign "$KEY1" a-after
run "$PROCTOR" verify --roster roster --bank "$FB" a-after
expect_rc 1 "a response after its own feedback is refused"
expect_grep "^a-after: INVALID: the response to 'books' was given after its feedback was shown \(step 3 after step 2\): an answer changed once the right answer was known$" \
    "$T/out" "with the exact reason"
sed 's/,"journal":{[^}]*}}//' p1 | "$TOOL" resign "$KEY1" a-nojournal
run "$PROCTOR" verify --roster roster --bank "$FB" a-nojournal
expect_rc 1 "a result without its journal is refused"
expect_grep "^a-nojournal: INVALID: malformed result: field 'journal': missing or not an object$" \
    "$T/out" "saying the journal is missing"
sed 's/"feedback_seen":true,"feedback":2/"feedback_seen":false/' p1 |
    "$TOOL" resign "$KEY1" a-unseen
run "$PROCTOR" verify --roster roster --bank "$FB" a-unseen
expect_rc 0 "a response whose feedback was not seen is not refused (nothing to check)"
sed 's/"feedback":2}/"feedback":1}/' p1 | "$TOOL" resign "$KEY1" a-twice
run "$PROCTOR" verify --roster roster --bank "$FB" a-twice
expect_rc 1 "a journal step used twice is refused"
expect_grep "^a-twice: INVALID: malformed result: field 'journal': step 1 is used twice$" \
    "$T/out" "saying which step"

# --- 3. plain practice: another try is allowed, but the first answer's score stands
{ printf '5\n:back\n1700\n:quit\n'; } >retry
run "$PROCTOR" practice --bank "$FB" --seed 7 --new <retry
expect_rc 0 "plain practice"
expect_grep "^  You may answer again to practise; your first answer's score stands\.$" "$T/out" \
    ":back in plain practice says another try will not count"
expect_grep '^  Not counted: your first answer stands\.$' "$T/out" \
    "the second answer says it is not counted"
expect_grep '^  Correct\. 1 of 1 point\.$' "$T/out" "... and is graded for the student to see"
expect_grep '"response":	"5"' "$XDG_STATE_HOME/proctor/practice.json" \
    "the saved progress keeps the first answer"
{ printf 'y\n'; skips; } | run "$PROCTOR" practice --bank "$FB" --seed 7
expect_grep '^Your score: 0 of 9 \(0%\)$' "$T/out" "the summary keeps the first answer's score"

# --- 4. take --open: the same attack with :back, and with :goto
run "$PROCTOR" assign --bank "$FB" --key tk/teacher.key --open --title "Open week" --id ow \
    --out ow.json
expect_rc 0 "an open assignment"
"$KEYS" --assignment ow.json - s1 right >right
"$KEYS" --assignment ow.json - s1 wrong >wrong
N=$(wc -l <right)
{
    sed -n 1p wrong
    echo ':back'
    sed -n 1p right
    echo ':goto 1'
    sed -n 1p right
    echo ':skip'
    sed -n "2,${N}p" right
    echo y
} >take.in
run "$PROCTOR" take --teacher-key tk/teacher.pub ow.json <take.in
expect_rc 0 "take of the open assignment"
expect_grep '^  Locked: you have seen its feedback, so this answer is final\.$' "$T/out" \
    "take: :back and :goto show the answer locked"
if [ "$(grep -c "^  Locked: you have seen this question's feedback" "$T/out")" -eq 2 ]; then
    ok "take: both new answers refused"; else fail "take: both new answers refused"; fi
expect_grep '^ +1\. locked ' "$T/out" "the review screen marks it locked"
run "$PROCTOR" verify --roster roster --assignment ow.json --teacher-key tk/teacher.pub \
    ow-s1-1.result.json
expect_rc 0 "the open result verifies"
expect_grep "^ow-s1-1.result.json: OK [0-9.]+/[0-9.]+ " "$T/out" "verify gives a score"
payload ow-s1-1.result.json >po
expect_grep '"feedback_seen":true' po "the open result says feedback was seen"
if grep -q '"feedback_seen":false' po; then fail "every answered question saw its feedback"; else
    ok "every answered question saw its feedback"; fi

# --- 5. resuming practice --record as the program suggests keeps recording
{ printf '5\n:quit\n'; } >half
run "$PROCTOR" practice --bank "$FB" --seed 7 --new --record r5.json --key k2/student.key \
    --passphrase-file pw <half
expect_rc 0 "a recorded run stopped halfway"
hint=$(sed -n "s/^Progress saved\. Run '\(.*\)' to resume; it goes on recording to .*r5\.json\.$/\1/p" "$T/out")
if [ -n "$hint" ]; then ok "the hint names the result file ($hint)"; else
    fail "the hint names the result file"; tail -n 3 "$T/out" | sed 's/^/#   /'; fi
{ printf ':back\n1700\n'; skips; } >rest
eval "$hint" <rest >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "the printed command resumes"
expect_grep '^Resuming the saved practice session' "$T/out" "the printed command (with --resume) resumes without asking"
expect_grep "^  Locked: you have seen this question's feedback" "$T/out" \
    "the resumed run keeps the lock"
if [ -f r5.json ]; then ok "the resumed run wrote the signed result"; else
    fail "the resumed run wrote the signed result"; fi
run "$PROCTOR" verify --roster roster --bank "$FB" r5.json
expect_rc 0 "it verifies"
expect_grep '^r5.json: OK 0/9 \(0%\)$' "$T/out" "with the first answer"
"$PROCTOR" show-result r5.json >sr5
expect_grep '^student: +s2 ' sr5 "signed with the key the first run was given"

# --- 6. take's resume hint names every option, and works verbatim
mkdir elsewhere
cp ow.json tk/teacher.pub elsewhere/
cd elsewhere || exit 1
"$PROCTOR" keygen --student s3 --name "Cy" --passphrase-file ../pw --out s3 >/dev/null
"$KEYS" --assignment ow.json - s3 right >right3
"$KEYS" --assignment ow.json - s3 wrong >wrong3
N=$(wc -l <right3)
{ sed -n 1p right3; echo ':quit'; } >t1.in
run "$PROCTOR" take --teacher-key teacher.pub --key s3/student.key --passphrase-file ../pw ow.json \
    <t1.in
expect_rc 0 "take stopped after one answer"
hint=$(sed -n "s/^Your answers are saved\. Run '\(.*\)' again to go on\.$/\1/p" "$T/out")
case $hint in
*--teacher-key*--key*--passphrase-file*ow.json) ok "the take hint names every option ($hint)" ;;
*) fail "the take hint names every option ($hint)" ;;
esac
# the resumed run goes back to the first question, whose feedback the first run showed
{ echo ':back'; sed -n 1p wrong3; echo ':skip'; sed -n "2,${N}p" right3; echo y; } >t2.in
eval "$hint" <t2.in >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "the printed take command goes on"
if [ -f ow-s3-1.result.json ]; then ok "and hands the work in"; else fail "and hands the work in"; fi
expect_grep "^  Locked: you have seen this question's feedback, so your answer is final\." "$T/out" \
    "the journal keeps the lock: a new answer to a question seen before the stop is refused"
"$PROCTOR" key --key s3/student.key export >roster3
run "$PROCTOR" verify --roster roster3 --assignment ow.json --teacher-key teacher.pub \
    ow-s3-1.result.json
expect_grep "^ow-s3-1.result.json: OK 9/10 \(90%\); unmarked essay" "$T/out" \
    "the first answer (right) is the one signed"
