#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor inspect: an assignment (settings, due date in local time with the zone, questions),
# its answer key (the bank id of each question), essay marks, graded work and a result; a
# file that is not proctor's; a tampered assignment.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --out s1 >/dev/null
"$PROCTOR" key --key s1/student.key export >class.pub
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
TK="--key teacher/teacher.key"
"$PROCTOR" assign $TK --bank "$FIX/bank" --title "Week 1" --id w1 --due 2030-01-01T17:00Z \
    --time-limit 20 --attempts 2 --out w1.json >/dev/null

TZ=CET-1 run "$PROCTOR" inspect w1.json
expect_rc 0 "inspect an assignment"
expect_grep "^assignment: Week 1 \(w1\)$" "$T/out" "its title and id"
expect_grep "^signed by:  Ms Tee \(teacher, key [0-9a-f]+\)" "$T/out" "its teacher"
expect_grep "^due:        2030-01-01 18:00 CET \(2030-01-01T17:00:00Z\)$" "$T/out" \
    "the due date in local time, the zone named"
expect_grep "^time limit: 20 minutes$" "$T/out" "the time limit"
expect_grep "^attempts:   2$" "$T/out" "the attempts"
expect_grep "^mode:       sealed " "$T/out" "the mode"
expect_grep "^questions:  10 " "$T/out" "the questions"
expect_grep "^  q1 +[a-z]+ +1 pt  " "$T/out" "each question"

run "$PROCTOR" inspect w1.key.json
expect_rc 0 "inspect an answer key"
expect_grep "^answer key: Week 1$" "$T/out" "its title"
expect_grep "^assignment: w1 \(sha256 [0-9a-f]{64}\)$" "$T/out" "the assignment it binds"
expect_grep "^  q[0-9]+ +(books|chair|roles|lyon|chair-name|vote|sequence|who-did-what|why-library|spring) " \
    "$T/out" "each question with its bank id"
expect_grep "^signature:  by key [0-9a-f]+, not checked here$" "$T/out" "the signature's key"

{ "$KEYS" --assignment w1.json w1.key.json s1 right; echo y; } >s1.in
"$PROCTOR" take --yes --teacher-key teacher.pub --key s1/student.key w1.json <s1.in >/dev/null 2>&1
# a comment longer than a listing's line, a three-byte character across its 60th byte
printf '1\nClear, with two reasons given; the second one could cite th\342\200\224and more.\n' >marks.in
"$PROCTOR" mark $TK --roster roster --answer-key w1.key.json w1-s1-1.result.json <marks.in \
    >/dev/null 2>&1
run "$PROCTOR" inspect w1.marks.json
expect_rc 0 "inspect essay marks"
expect_grep "^marks:      1$" "$T/out" "one mark"
expect_grep "^  s1 +attempt 1 +q[0-9]+ +1 pt  Clear, with two reasons given; the second one could cite th\.\.\.$" \
    "$T/out" "student, attempt, question, points, comment (its first 59 bytes: cut before a character, not inside)"

"$PROCTOR" return $TK --roster roster --answer-key w1.key.json w1-s1-1.result.json \
    --out s1.graded.json >/dev/null 2>&1
run "$PROCTOR" inspect s1.graded.json
expect_rc 0 "inspect graded work"
expect_grep "^graded work: Week 1$" "$T/out" "its title"
expect_grep "^student:    s1, attempt 1$" "$T/out" "the student and attempt"
expect_grep "^score:      10/10 \(100%\) \(0 essays unmarked\)$" "$T/out" "the score"

run "$PROCTOR" inspect w1-s1-1.result.json
expect_rc 0 "inspect a result"
expect_grep "^result:    w1-s1-1.result.json$" "$T/out" "as show-result"

run "$PROCTOR" inspect --payload w1.key.json
expect_grep '"bank_ids":\[' "$T/out" "--payload: the signed JSON"

printf '{"payloadType":"text/plain","payload":"aGk=","signatures":[{"keyid":"00","sig":"AA=="}]}' >other.json
run "$PROCTOR" inspect other.json
expect_rc 3 "a signed file of another type"
sed 's/"payload":"e/"payload":"f/' w1.json >bad.json
run "$PROCTOR" inspect bad.json
[ "$rc" -ne 0 ] && ok "a tampered assignment is refused" || fail "a tampered assignment is refused"
