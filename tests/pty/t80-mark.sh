#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor mark on a real terminal (readline), driven through tests/pty/ptyrun: a class of
# four essays, two marked in a first run; the second run says so and starts at the third,
# :back goes to the second (its mark shown, Enter keeps it), :back at the very first essay
# is refused; --from-start starts at the first; with every essay marked it goes through them
# again. Ctrl-D stops, and every mark given before it is saved. min_words and each answer's
# word count are shown.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require
export PROCTOR_PWHASH=min
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

echo "a teacher's passphrase" >tpass
"$PROCTOR" keygen --teacher --name "Ms Tee" --passphrase-file tpass --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
TK="--key teacher/teacher.key --passphrase-file tpass"
for s in s1 s2 s3 s4; do
    "$PROCTOR" keygen --student "$s" --name "Student $s" --no-passphrase --out "$s" >/dev/null
done
"$PROCTOR" assign $TK --bank "$FIX/bank" --title "Week 1" --id w1 --out w1.json >/dev/null 2>&1
for s in s1 s2 s3 s4; do
    { "$KEYS" --assignment w1.json w1.key.json "$s" right; echo y; } >"$s.in"
    [ "$s" = s2 ] && sed -i 's/^An answer by s2 .*/Two words./' "$s.in"
    "$PROCTOR" take --yes --teacher-key teacher.pub --key "$s/student.key" w1.json <"$s.in" \
        >"$s.take" 2>&1
done
R="w1-s1-1.result.json w1-s2-1.result.json w1-s3-1.result.json w1-s4-1.result.json"
MARK="$PROCTOR mark $TK --answer-key w1.key.json"
[ -f w1-s4-1.result.json ] && ok "four students hand in" || fail "four students hand in"

# ---- run 1 (piped): the first two essays marked, then the input ends
printf '1\nGood.\n0.5\nOne reason.\n' | $MARK $R >run1.out 2>&1
expect_grep "^2 essay answers marked in this run; 2 still unmarked\. Marks: w1\.marks\.json$" \
    run1.out "run 1 marks two essays of four and stops at the end of its input"
expect_grep "^  At least 5 words asked for\.$" run1.out "the question's min_words is shown"
expect_grep "^  15 words$" run1.out "and each answer's word count"
expect_grep "^  2 words, fewer than asked$" run1.out "an answer shorter than asked is flagged"

# ---- run 2: resumes at the third; :back to the second and back again
{
    echo "timeout 20"
    echo "expect 2 of 4 are marked already; starting at the first unmarked one (3 of 4)."
    echo "expect Essay question"
    echo "expect Rubric:"
    echo "expect At least 5 words asked for."
    echo "expect s3, attempt 1"
    echo "expect (3 of 4):"
    echo "expect Points, 0 to 1 (Enter: leave it unmarked): "
    echo "sendline :back"
    echo "expect s2, attempt 1"
    echo "expect (2 of 4):"
    echo 'expect Marked: 0.5 of 1 - "One reason."'
    echo "expect Points, 0 to 1 (Enter: keep the mark): "
    echo "sendline "
    echo "expect Comment (Enter: keep it): "
    echo "sendline "
    echo "expect (3 of 4):"
    echo "expect Points, 0 to 1 (Enter: leave it unmarked): "
    echo "sendline 0.25"
    echo "expect Comment: "
    echo "sendline Too short."
    echo "expect (4 of 4):"
    echo "expect Points"
    echo 'send \x04'
    echo "expect 1 essay answer marked in this run; 1 still unmarked. Marks: w1.marks.json"
    echo "expect-exit 0"
} >run2
pty "run 2 resumes at the first unmarked essay; :back shows the one before and Enter keeps it" \
    -t 60 -l run2.log run2 -- $MARK $R
if grep -q "s1, attempt 1" run2.log; then
    fail "run 2 does not show the first essay, marked in run 1"
else ok "run 2 does not show the first essay, marked in run 1"; fi
run "$PROCTOR" inspect w1.marks.json
expect_grep "s2.* 0\.5 .*One reason" "$T/out" "the second essay keeps its mark after :back"
expect_grep "s3.* 0\.25 .*Too short" "$T/out" "the third essay's mark is saved before Ctrl-D"

# ---- run 3: --from-start starts at the first; :back there is refused
{
    echo "timeout 20"
    echo "expect 3 of 4 are marked already; starting at the first (--from-start)."
    echo "expect s1, attempt 1"
    echo "expect (1 of 4):"
    echo "expect Points, 0 to 1 (Enter: keep the mark): "
    echo "sendline :back"
    echo "expect This is the first essay answer; there is none before it."
    echo "expect Points, 0 to 1 (Enter: keep the mark): "
    echo 'send \x04'
    echo "expect 0 essay answers marked in this run; 1 still unmarked."
    echo "expect-exit 0"
} >run3
pty "run 3 with --from-start starts at the first essay; :back there is refused" \
    -t 60 run3 -- $MARK --from-start $R

# ---- run 4: the last one marked (piped), then a run with every essay marked
printf '1\nFine.\n' | $MARK $R >run4.out 2>&1
expect_grep "^3 of 4 are marked already; starting at the first unmarked one \(4 of 4\)\." \
    run4.out "off a terminal too, a run starts at the first unmarked essay"
expect_grep "^1 essay answer marked in this run; 0 still unmarked\." run4.out \
    "and marks it"
{
    echo "timeout 20"
    echo "expect All 4 are marked already; going through them again from the first (Enter keeps a mark)."
    echo "expect (1 of 4):"
    echo "expect Points, 0 to 1 (Enter: keep the mark): "
    echo 'send \x04'
    echo "expect 0 essay answers marked in this run; 0 still unmarked."
    echo "expect-exit 0"
} >run5
pty "with every essay marked, a run goes through them again from the first" -t 60 run5 -- \
    $MARK $R
