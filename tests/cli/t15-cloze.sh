#!/bin/sh
# SPDX-License-Identifier: ISC
# cloze questions end to end: lint, list --type cloze, show, practice asking gap by gap with
# partial credit and feedback per gap (a gap typed wrong asked again, '-' for a blank gap,
# :skip), and assignments, sealed and open, taken gap by gap, verified and returned.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
CB="$FIX/cloze"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

run "$PROCTOR" lint "$CB"
expect_rc 0 "cloze: the fixture bank is clean"

run "$PROCTOR" list --bank "$CB" --type cloze
expect_rc 0 "list --type cloze"
expect_grep '^memo-cloze +cloze ' "$T/out" "list: a cloze question"
if [ "$(grep -c ' cloze ' "$T/out")" -eq 2 ] && [ "$(wc -l <"$T/out")" -eq 2 ]; then
    ok "list: both cloze questions, nothing else"
else fail "list: both cloze questions, nothing else"; fi
run "$PROCTOR" list --bank "$CB" --type gapfill
expect_rc 2 "list: an unknown type is a usage error"
expect_grep "unknown question type 'gapfill' \(.*essay or cloze\)" "$T/err" "naming cloze among the types"

run "$PROCTOR" show --bank "$CB" memo-cloze
expect_rc 0 "show: a cloze question"
expect_grep 'build a \{1\} of \{2\}$' "$T/out" "show: the passage with its gaps"
expect_grep "one by one, as asked; '-' leaves a gap blank" "$T/out" "show: how a cloze is answered"
expect_grep '^  Gap \{3\}: Answer with one letter\.' "$T/out" "show: each gap with its hint"
expect_grep '^    b\) Ms Ortiz$' "$T/out" "show: a choice gap's options, in the order written"
expect_grep '\{1\} library; \{2\} 1700; \{3\} b\) Ms Ortiz' "$T/out" "show: every gap's answer"

# practice, a line per gap (memo-cloze is the one of difficulty 1): 2 points, gaps weighing
# 1, 2 and 1
PR="$PROCTOR practice --bank $CB --new --difficulty 1"
printf 'Library\nmany\n1600\nb\n' | $PR >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "practice: a cloze question answered gap by gap"
expect_grep '^  Gap \{1\} of 3: Type a word or short phrase\.$' "$T/out" "practice: gap 1 with its hint"
expect_grep '^  Gap \{3\} of 3: Answer with one letter\.$' "$T/out" "practice: gap 3 with its hint"
expect_grep '^    c\) Ms Park$' "$T/out" "practice: and a choice gap's options"
expect_grep '^  expected a number such as 1,700$' "$T/out" "practice: a gap typed wrong is asked again"
expect_grep 'Partly right\. 1/2 of 2 points' "$T/out" "practice: credit by the weight of the gaps right (2 of 4)"
expect_grep '\{1\} Library \(right\); \{2\} 1600 \(wrong\); \{3\} b\) Ms Ortiz \(right\)' "$T/out" \
    "practice: feedback marks each gap"
expect_grep '\{1\} library; \{2\} 1700; \{3\} b\) Ms Ortiz$' "$T/out" "practice: and gives each answer"
printf -- '-\n1,700\nb\n' | $PR >"$T/out" 2>"$T/err"
expect_grep 'Partly right\. 3/4 of 2 points' "$T/out" "practice: a gap left blank ('-') earns nothing"
expect_grep '\{1\} \(blank\)' "$T/out" "practice: and is shown blank"
printf 'library\n1700\nB\n' | $PR >"$T/out" 2>"$T/err"
expect_grep 'Correct\. 2 of 2 points' "$T/out" "practice: every gap right earns every point"
printf 'library\n:skip\n' | $PR >"$T/out" 2>"$T/err"
expect_grep '^  1\. memo-cloze \(skipped\)$' "$T/out" "practice: :skip in a gap leaves the question"
printf '\n' | $PR >"$T/out" 2>"$T/err"
expect_grep "^  type the answer for gap \{1\}, '-' to leave it blank, or :skip$" "$T/out" \
    "practice: an empty line says how to leave a gap blank"

# assignments: sealed (answers in the key) and open, taken gap by gap, verified, returned
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
"$PROCTOR" keygen --student s1 --name "Ann" --no-passphrase --out s1 >/dev/null
"$PROCTOR" key --key s1/student.key export >class.pub
TK="--key teacher/teacher.key"
run "$PROCTOR" assign $TK --bank "$CB" --title "Gaps" --id gaps --out gaps.json
expect_rc 0 "assign: a sealed assignment of cloze questions"
"$PROCTOR" show-result --payload gaps.json >gaps.payload
expect_grep '"type":"cloze"' gaps.payload "the assignment carries cloze questions"
expect_grep '"gaps":\[\{"type":"short"\},\{"type":"numeric","weight":2\},\{"type":"choice","options":\[\{"id":"o1","text":"Mr Lee"\},\{"id":"o2","text":"Ms Ortiz"\},' \
    gaps.payload "sealed: each gap's type and weight, a choice gap's options in order, opaque ids"
expect_no_grep '"accept"|"answer"|"correct"|"tolerance"' gaps.payload "sealed: no answer in it"
"$PROCTOR" show-result --payload gaps.key.json >key.payload
expect_grep '"accept":\["library"\]' key.payload "the answer key holds the gaps' answers"
expect_grep '"answer":400000,"tolerance":50000' key.payload "numbers in thousandths, as signed payloads hold them"

"$KEYS" --assignment gaps.json gaps.key.json s1 right >s1.in
echo y >>s1.in
run "$PROCTOR" take --key s1/student.key --teacher-key teacher.pub gaps.json <s1.in
expect_rc 0 "take: the sealed assignment, gap by gap"
expect_grep '^\{1\}> ' "$T/out" "take: asks gap by gap"
expect_no_grep 'Correct\.|Not quite|\(right\)' "$T/out" "take: a sealed assignment shows no verdict"
run "$PROCTOR" verify --roster class.pub --assignment gaps.json --answer-key gaps.key.json \
    --teacher-key teacher.pub gaps-s1-1.result.json
expect_rc 0 "verify: the result of the sealed assignment"
expect_grep '^gaps-s1-1\.result\.json: OK [0-9.]+/3 ' "$T/out" "verify: re-graded from the signed gaps"
"$PROCTOR" show-result --payload gaps-s1-1.result.json >result.payload
expect_grep '"q[12]":\["[^"]*","[^"]*"(,"[^"]*")?\]' result.payload "the result holds one string per gap"

run "$PROCTOR" return $TK --roster class.pub --answer-key gaps.key.json --out s1.graded.json \
    gaps-s1-1.result.json
expect_rc 0 "return: the graded work"
run "$PROCTOR" review --teacher-key teacher.pub s1.graded.json
expect_rc 0 "review: the graded work"
expect_grep '\{1\} [^;]+ \((right|wrong)\); \{2\}' "$T/out" "review: each gap marked right or wrong"

# open: the answers travel in the assignment and the runner gives feedback per gap
run "$PROCTOR" assign $TK --bank "$CB" --title "Gaps open" --id gapsopen --open --out open.json
expect_rc 0 "assign --open: cloze questions with their answers"
"$KEYS" --assignment open.json - s1 right >s1o.in
echo y >>s1o.in
run "$PROCTOR" take --key s1/student.key --teacher-key teacher.pub open.json <s1o.in
expect_rc 0 "take: the open assignment"
expect_grep 'Correct\. 2 of 2 points' "$T/out" "take open: feedback on the cloze"
run "$PROCTOR" verify --roster class.pub --assignment open.json --teacher-key teacher.pub \
    gapsopen-s1-1.result.json
expect_grep '^gapsopen-s1-1\.result\.json: OK 3/3 \(100%\)' "$T/out" "verify: the open assignment's result"
