#!/bin/sh
# SPDX-License-Identifier: ISC
# Long screens on a terminal: the end-of-quiz review and `proctor review` go through $PAGER
# when longer than the screen (not when they fit, never off a terminal); after feedback that
# would push its verdict off the screen, practice waits for Enter before the next question.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require
export PROCTOR_PWHASH=min
FB="$SRC/tests/fixtures/bank"
KEY="$BUILDDIR/tests/tools/answer-key"
cat >"$T/pager" <<'P'
#!/bin/sh
echo PAGER-START
cat
echo PAGER-END
P
chmod +x "$T/pager"
export PAGER="$T/pager"
PRACTICE="$PROCTOR practice --bank $FB --new --seed 7"

# three questions skipped: the review list (prompts, answers, passages) is longer than 12 rows
cat >"$T/skip3" <<'S'
timeout 20
expect > 
sendline :skip
expect > 
sendline :skip
expect > 
sendline :skip
expect PAGER-START
expect Your score: 0 of
expect To review:
expect PAGER-END
expect-exit 0
S
pty "pager: a review longer than the screen goes through \$PAGER" -t 30 -s 12x100 "$T/skip3" \
    -- $PRACTICE -n 3
cat >"$T/skip1" <<'S'
timeout 20
expect > 
sendline :skip
expect Your score: 0 of
expect-exit 0
not-expect PAGER-START
S
pty "pager: a review that fits the screen is printed as it is" -t 30 -s 100x100 "$T/skip1" \
    -- $PRACTICE -n 1
printf ':skip\n:skip\n:skip\n' | $PRACTICE -n 3 >"$T/piped" 2>&1
expect_no_grep 'PAGER-START' "$T/piped" "pager: never off a terminal"
expect_grep 'To review:' "$T/piped" "pager: off a terminal the review is printed"

# feedback with its passage, then the next question, on 12 rows: a pause first
wrong1=$("$KEY" "$FB" 7 wrong | head -n 1)
cat >"$T/pause" <<S
timeout 20
expect Question 1 of
expect > 
sendline $wrong1
expect Not quite.
expect Press Enter for the next question.
not-expect Question 2 of
sendline
expect Question 2 of
sendline :quit
expect-exit 0
S
pty "pause: feedback that would scroll its verdict away waits for Enter" -t 30 -s 12x100 \
    "$T/pause" -- $PRACTICE
cat >"$T/nopause" <<S
timeout 20
expect Question 1 of
expect > 
sendline $wrong1
expect Not quite.
expect Question 2 of
not-expect Press Enter
sendline :quit
expect-exit 0
S
pty "pause: none when the verdict and the next question fit" -t 30 -s 100x100 "$T/nopause" \
    -- $PRACTICE
printf '%s\n:quit\n' "$wrong1" | $PRACTICE >"$T/piped" 2>&1
expect_no_grep 'Press Enter' "$T/piped" "pause: never off a terminal"

# proctor review of graded work, longer than 12 rows, through the pager
cd "$T" || exit 1
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase >/dev/null
"$PROCTOR" keygen --student s1 --name Ann --no-passphrase >/dev/null
"$PROCTOR" key export >s1.pub
"$PROCTOR" roster add s1.pub 2>/dev/null
"$PROCTOR" assign --bank "$FB" --title T --id t1 --type numeric --out t1.json >/dev/null
printf '1700\n400\n' | "$PROCTOR" take --yes --out r.json t1.json >/dev/null 2>&1
"$PROCTOR" return --answer-key t1.key.json r.json --out g.json >/dev/null 2>&1
cat >"$T/review" <<'S'
timeout 20
expect PAGER-START
expect Score:
expect Question 2
expect PAGER-END
expect-exit 0
S
pty "pager: proctor review longer than the screen goes through \$PAGER" -t 30 -s 12x100 \
    "$T/review" -- $PROCTOR review g.json
run "$PROCTOR" review g.json
expect_no_grep 'PAGER-START' "$T/out" "pager: proctor review off a terminal prints as it is"
expect_grep '^Score: ' "$T/out" "pager: proctor review off a terminal shows the score"
