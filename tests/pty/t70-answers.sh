#!/bin/sh
# SPDX-License-Identifier: ISC
# Natural answers on a real terminal: a match with items left unpaired asks "... are not
# matched: hand in anyway?" (no: asked again; yes: taken); an answer accepted with a slip of
# the keys says what was typed against the spelling; a number written with a dot as the
# thousands separator says how it was read. Off a terminal the partial match is taken as
# typed.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require
FB="$SRC/tests/fixtures/bank"

# --- a match left partly unpaired: asked, "n" keeps the question, "y" hands it in
pty "match: unpaired items are asked about, and 'n' asks again" -t 30 - -- \
    $PROCTOR practice --bank "$FB" --new --seed 1 --type match <<'S'
timeout 10
expect Question 1 of 1
expect > 
sendline 1a
expect 2 and 3 are not matched: hand in anyway? [y/N]
sendline n
expect Not handed in: type the whole answer again with every item paired
expect > 
sendline 1a 3b
expect 2 is not matched: hand in anyway? [y/N]
sendline y
expect-re point\.$
expect Your score:
expect-exit 0
S

# --- every item paired: no question
pty "match: a whole answer is taken at once" -t 30 - -- \
    $PROCTOR practice --bank "$FB" --new --seed 1 --type match <<'S'
timeout 10
expect > 
sendline 1a 2b 3c
expect-re point\.$
expect Your score:
expect-exit 0
S

# --- off a terminal the partial answer is taken as typed
printf '1a\n' | $PROCTOR practice --bank "$FB" --new --seed 1 --type match >"$T/piped" 2>&1
if grep -q 'not matched' "$T/piped"; then fail "match off a terminal: never asks"; else ok "match off a terminal: never asks"; fi
expect_grep 'point\.$' "$T/piped" "match off a terminal: the partial answer is graded"

# --- a slip of the keys, said with the right spelling (chair-name is the fixture's one
# question tagged people)
pty "short: a slip is accepted and the spelling shown" -t 30 - -- \
    $PROCTOR practice --bank "$FB" --new --type short --tag people <<'S'
timeout 10
expect Name the chair.
expect > 
sendline Ms Ortis
expect Correct. 1 of 1 point.
expect You wrote Ortis; the spelling is Ortiz.
expect-exit 0
S

# --- a dot as the thousands separator, said
pty "numeric: 1.700 is read as 1700, and said" -t 30 - -- \
    $PROCTOR practice --bank "$FB" --new --type numeric --tag numbers --difficulty 1 <<'S'
timeout 10
expect How many books?
expect > 
sendline about 1.700 books
expect Correct. 1 of 1 point.
expect 1.700 was read as 1700.
expect-exit 0
S
