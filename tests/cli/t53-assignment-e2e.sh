#!/bin/sh
# SPDX-License-Identifier: ISC
# A whole assignment through the real binaries: the teacher makes keys (with a passphrase)
# and a sealed assignment with a time limit; s1 takes it on a real terminal (trusting the
# teacher after the fingerprint prompt, a wrong answer changed with :goto, the review screen,
# "n" then :submit and "y"), s2 takes it piped; the teacher verifies them into a gradebook
# (CSV values checked), marks the essays (piped), verifies again with the marks, returns the
# graded work, and s1 reviews it (answers, correct answers, points, comment, passages).
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pty/lib.sh"
pty_require
export PROCTOR_PWHASH=min
FB="$FIX/bank"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

# --- the teacher (who keeps the roster) and two students, each with their own HOME
TH="$T/teacher-home"
S1="$T/s1-home"
S2="$T/s2-home"
as() { _h=$1; shift; HOME="$_h" XDG_DATA_HOME="$_h/data" XDG_STATE_HOME="$_h/state" "$@"; }
mkdir -p "$TH" "$S1" "$S2"
printf 'teacher secret\n' >tpass
run as "$TH" "$PROCTOR" keygen --teacher --name "Ms Tee" --passphrase-file tpass
expect_rc 0 "the teacher makes a passphrase-protected key"
for s in s1 s2; do
    h=$(eval echo \$$(echo "$s" | tr s S))
    as "$h" "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase >/dev/null
    as "$h" "$PROCTOR" key export >"$s.pub"
done
run as "$TH" "$PROCTOR" roster add s1.pub s2.pub
expect_rc 0 "the teacher adds both students to the roster"
TKID=$(as "$TH" "$PROCTOR" key --teacher export | cut -d' ' -f2)

run as "$TH" "$PROCTOR" assign --bank "$FB" --title "Memo homework" --id memo1 \
    --time-limit 45 --attempts 1 --passphrase-file tpass --out memo1.json
expect_rc 0 "the teacher sets a sealed assignment"
"$KEYS" --assignment memo1.json memo1.key.json s1 right >s1.right
"$KEYS" --assignment memo1.json memo1.key.json s1 wrong >s1.wrong
N=$(wc -l <s1.right)
as "$S1" "$PROCTOR" assign --preview memo1.json --student s1 >s1.preview
type_of() { sed -n "s/^Question $1 of $N  \[\([a-z]*\),.*/\1/p" s1.preview; }

# --- s1 on a terminal
{
    echo "timeout 10"
    echo "expect signed by a teacher you have not trusted before"
    echo "expect key id:   $TKID"
    echo "expect Trust this teacher? [y/N]"
    echo "sendline y"
    echo "expect is now trusted"
    echo "expect Question 1 of $N"
    echo "expect-re Time left: 4[45]:[0-5][0-9]"
    # question 1 answered wrong first (an essay has no wrong: it is answered as it is)
    echo "expect > "
    echo "sendline $(sed -n 1p s1.wrong)"
    # an essay on a terminal may take several lines: a line holding only "." ends it
    [ "$(type_of 1)" = essay ] && echo "sendline ."
    echo "expect Saved."
    i=2
    while [ $i -le "$N" ]; do
        echo "expect Question $i of $N"
        echo "expect > "
        if [ "$(type_of $i)" = truefalse ]; then
            printf 'send %.2s\\t\nexpect %s\nsendline\n' "$(sed -n "${i}p" s1.right)" \
                "$(sed -n "${i}p" s1.right)"
        else
            echo "sendline $(sed -n "${i}p" s1.right)"
            [ "$(type_of $i)" = essay ] && echo "sendline ."
        fi
        echo "expect Saved."
        i=$((i + 1))
    done
    echo "expect Your answers:"
    echo "expect Hand in your answers now? You cannot change them afterwards. [y/N, or :goto N]"
    echo "sendline n"
    echo "expect Not handed in."
    echo "expect > "
    echo "sendline :goto 1"
    echo "expect Question 1 of $N"
    echo "expect > "
    echo "sendline $(sed -n 1p s1.right)"
    [ "$(type_of 1)" = essay ] && echo "sendline ."
    echo "expect Saved."
    echo "expect Your answers:"
    echo "expect-re ^ +1\\. answered "
    echo "expect Hand in your answers now?"
    echo "sendline n"
    echo "expect > "
    echo "sendline :review"
    echo "expect Your answers:"
    echo "expect > "
    echo "sendline :submit"
    echo "expect Hand in your answers now?"
    echo "sendline y"
    echo "expect Your answers are handed in and signed: memo1-s1-1.result.json"
    echo "expect-exit 0"
} >s1.script
pty "s1 takes the assignment on a terminal: trust prompt, :goto, review, :submit" -t 60 \
    -l s1.log s1.script -- env HOME="$S1" XDG_DATA_HOME="$S1/data" \
    XDG_STATE_HOME="$S1/state" "$PROCTOR" take memo1.json
expect_grep "^proctor-pk1 $TKID .* teacher teacher Ms Tee$" "$S1/data/proctor/teachers" \
    "s1 now trusts the teacher's key"
if grep -q "history" "$S1/state/proctor/"* 2>/dev/null || [ -e "$S1/state/proctor/history" ]
then fail "take keeps no readline history"; else ok "take keeps no readline history"; fi

# --- s2 piped: half right, with an essay of their own
"$KEYS" --assignment memo1.json memo1.key.json s2 right >s2.right
"$KEYS" --assignment memo1.json memo1.key.json s2 wrong >s2.wrong
as "$S2" "$PROCTOR" assign --preview memo1.json --student s2 >s2.preview
awk 'NR <= 5' s2.right >s2.in
awk 'NR > 5' s2.wrong >>s2.in
ESSAY2=$(sed -n 's/^Question \([0-9]*\) of .*essay.*/\1/p' s2.preview)
sed -i "${ESSAY2}s/.*/A library gives people books and a quiet place to study./" s2.in
echo y >>s2.in
run as "$S2" "$PROCTOR" take --yes memo1.json <s2.in
expect_rc 0 "s2 takes it piped"
R1=memo1-s1-1.result.json
R2=memo1-s2-1.result.json
# s2's score: the scored questions among the first five
S2POINTS=$(head -n 5 s2.preview | true; awk -v e="$ESSAY2" '
    /^Question [0-9]+ of / { n = $2 } END {}' s2.preview)
S2POINTS=$(sed -n 's/^Question \([0-9]*\) of [0-9]*  \[\([a-z]*\),.*/\1 \2/p' s2.preview |
    awk '$1 <= 5 && $2 != "essay" { n++ } END { print n + 0 }')

# --- the teacher verifies: a gradebook
run as "$TH" "$PROCTOR" verify --assignment memo1.json --answer-key memo1.key.json \
    --csv grades.csv "$R1" "$R2"
expect_rc 0 "the teacher verifies both results"
expect_grep "^$R1: OK 9/10 \(90%\); unmarked essay q[0-9]+$" "$T/out" \
    "s1 has every scored question right; the essay is not marked yet"
expect_grep "^$R2: OK $S2POINTS/10 \(${S2POINTS}0%\); unmarked essay q[0-9]+$" "$T/out" \
    "s2 has $S2POINTS"
expect_grep "^memo1,Memo homework,s1,Student s1,9,10,90,OK,unmarked essay q[0-9]+,1,1,no,no,20" grades.csv \
    "gradebook: s1 9 of 10"
expect_grep "^memo1,Memo homework,s2,Student s2,$S2POINTS,10,${S2POINTS}0,OK,unmarked essay q[0-9]+,1,1,no,no,20" \
    grades.csv "gradebook: s2 $S2POINTS of 10"
expect_grep "^Mean " "$T/out" "a summary with the mean"

# --- marking the essays (piped: points, then comment, per essay, in file order)
printf '1\nTwo clear reasons.\n0.5\nOne reason; say why study matters.\n' |
    as "$TH" "$PROCTOR" mark --answer-key memo1.key.json --passphrase-file tpass "$R1" "$R2" \
    >mark.out 2>&1
expect_grep "^Essay question q[0-9]+ \(1 point\), 2 answers$" mark.out \
    "mark shows the essay question"
expect_grep "Full marks: two reasons. Half: one." mark.out "with its rubric"
expect_grep "A library gives people books and a quiet place to study." mark.out \
    "and each student's answer"
expect_grep "^2 essay answers marked in this run; 0 still unmarked. Marks: memo1.marks.json$" \
    mark.out "both essays marked"
expect_grep '"payloadType":"application/vnd.proctor.marks\+json"' memo1.marks.json \
    "a signed marks file"
run as "$TH" "$PROCTOR" verify --assignment memo1.json --answer-key memo1.key.json \
    --marks memo1.marks.json --csv grades2.csv "$R1" "$R2"
expect_rc 0 "verify with the marks"
expect_grep "^memo1,Memo homework,s1,Student s1,10,10,100,OK,,1,1," grades2.csv "s1 now has 10 of 10"
S2M=$(echo "$S2POINTS" | awk '{ printf "%s", $1 + 0.5 }')
S2P=$(echo "$S2POINTS" | awk '{ printf "%d", ($1 + 0.5) * 10 + 0.5 }')
expect_grep "^memo1,Memo homework,s2,Student s2,$S2M,10,$S2P,OK,,1,1," grades2.csv \
    "s2 gets half a point for the essay"
# re-running mark resumes: Enter keeps a mark; a new number changes it
printf '\n\n0.75\n\n' | as "$TH" "$PROCTOR" mark --answer-key memo1.key.json \
    --passphrase-file tpass "$R1" "$R2" >mark2.out 2>&1
expect_grep 'Marked: 1 of 1 - "Two clear reasons."' mark2.out "a second run shows the marks"
run as "$TH" "$PROCTOR" verify --assignment memo1.json --answer-key memo1.key.json \
    --marks memo1.marks.json --json "$R2"
expect_grep '"essay_earned":750' "$T/out" "and a changed mark counts"
cp memo1.marks.json forged-marks.json
sed -i 's/"payload":"eyJ/"payload":"eyK/' forged-marks.json
run as "$TH" "$PROCTOR" verify --assignment memo1.json --answer-key memo1.key.json \
    --marks forged-marks.json "$R2"
expect_rc 1 "a changed marks file is refused"

# --- graded work back to s1, and s1 reads it
run as "$TH" "$PROCTOR" return --answer-key memo1.key.json --marks memo1.marks.json \
    --passphrase-file tpass "$R1" --out s1.graded.json
expect_rc 0 "the teacher returns s1's graded work"
expect_grep "^Graded work for s1 \(Student s1, attempt 1\): 10/10 \(100%\)$" "$T/out" \
    "with the score"
expect_grep '"payloadType":"application/vnd.proctor.graded\+json"' s1.graded.json \
    "a signed graded file"
run as "$TH" "$PROCTOR" return --answer-key memo1.key.json --passphrase-file tpass "$R1" \
    --out s1.graded.json
expect_rc 2 "return never overwrites (use --force)"
run as "$S1" "$PROCTOR" review s1.graded.json
expect_rc 0 "s1 reviews the graded work"
cp "$T/out" review.out
expect_grep "^Memo homework \(memo1\), marked by Ms Tee\.$" review.out "review: the title"
expect_grep "^Score: 10 of 10 \(100%\)$" review.out "review: the score"
expect_grep "^Question 1  \[" review.out "review: question by question"
expect_grep "^  Teacher's comment:$" review.out "review: the teacher's comment"
expect_grep "^    Two clear reasons\.$" review.out "review: its text"
expect_grep "^  From memo, line [0-9]+:$" review.out "review: the passage"
expect_grep "\[\[Ms Roméo Ortiz chaired the meeting\.\]\]" review.out \
    "review: the quote highlighted"
expect_grep "^  Your answer:$" review.out "review: the student's answer"
if [ "$(grep -c '^  Right\.$' review.out)" -eq 9 ]; then ok "review: 9 scored answers right"
else fail "review: 9 scored answers right"; fi

# s2's graded work: wrong answers show the correct one as s2 saw the options
run as "$TH" "$PROCTOR" return --answer-key memo1.key.json --marks memo1.marks.json \
    --passphrase-file tpass "$R2" --out s2.graded.json
run as "$S2" "$PROCTOR" review s2.graded.json
expect_grep "^  Not right\.$" "$T/out" "review: a wrong answer is marked so"
expect_grep "^  The answer:$" "$T/out" "review: with the correct answer"
expect_grep "^    One reason; say why study matters\.$" "$T/out" "review: s2's comment"
# review checks the teacher's signature and key
sed 's/"payload":"eyJ/"payload":"eyK/' s1.graded.json >bad.graded.json
run as "$S1" "$PROCTOR" review bad.graded.json
expect_rc 1 "review refuses changed graded work"
run as "$T/nobody" "$PROCTOR" review s1.graded.json
expect_rc 1 "review refuses graded work from a teacher not trusted"
run as "$T/nobody" "$PROCTOR" review --teacher-key "$TH/data/proctor/teacher.pub" \
    s1.graded.json
expect_rc 0 "or trusts it with --teacher-key"
