#!/bin/sh
# SPDX-License-Identifier: ISC
# On a real terminal 60 columns wide, practice shows a 150-character option whole: wrapped
# at the window's width, its later lines under its text, nothing cut (options used to be
# formatted into a 96-byte buffer and cut mid-word).
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require

cat >"$T/choice" <<'SCRIPT'
timeout 10
expect Question 1 of 1
expect-re ^    a\) Lee chaired\.$
expect-re ^    b\) The committee agreed that the new library would hold$
expect-re ^       exactly one thousand seven hundred books and would$
expect-re ^       open its doors in Lyon during the spring term\.$
expect-re ^    c\) The meeting was held on 3 May\.$
expect > 
sendline b
expect Correct.
expect-exit 0
SCRIPT
cat >"$T/multi" <<'SCRIPT'
timeout 10
expect Question 1 of 1
expect-re ^    a\) Ms Ortiz chaired the meeting while Mr Lee kept the$
expect-re ^       minutes, and the vote of approximately four hundred$
expect-re ^       in favour was counted afterwards by Ms Park alone$
expect-re ^    b\) Smith$
expect > 
sendline a
expect Correct.
expect-exit 0
SCRIPT
PRACTICE="$PROCTOR practice --bank $SRC/tests/fixtures/wrap --new --seed 1"
pty "wrap: a 150-character option shown whole in a 60-column window" -t 60 -s 24x60 \
    "$T/choice" -- $PRACTICE --type choice
pty "wrap: a 152-character multi option likewise" -t 60 -s 24x60 "$T/multi" -- \
    $PRACTICE --type multi
