#!/bin/sh
# SPDX-License-Identifier: ISC
# The screen follows the terminal: a resize (SIGWINCH) re-wraps from the next question on;
# TERM=dumb on a terminal and a piped run print no escape codes and no cursor movement (the
# line-oriented mode screen readers follow); numbered passages wrap under their text.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require
PRACTICE="$PROCTOR practice --bank $SRC/tests/fixtures/wrap --new --seed 1"

# 100 columns for question 1, then the window shrinks to 60 before question 2 shows
cat >"$T/resize" <<'SCRIPT'
timeout 10
expect Question 1 of 2
expect-re ^    a\) Ms Ortiz chaired the meeting while Mr Lee kept the minutes, and the vote of approximately$
expect > 
resize 24 60
sleep 100
sendline :skip
expect Question 2 of 2
expect-re ^    b\) The committee agreed that the new library would hold$
expect-re ^       exactly one thousand seven hundred books and would$
expect > 
sendline :quit
expect-exit 0
SCRIPT
pty "resize: the next question is wrapped to the new width" -t 30 -s 24x100 "$T/resize" -- \
    env COLUMNS= $PRACTICE

# TERM=dumb on a real terminal: readline and proctor write no escape sequence at all
cat >"$T/dumb" <<'SCRIPT'
timeout 10
expect Question 1 of 2
expect > 
sendline b
expect Question 2 of 2
expect > 
sendline :passage
expect From memo
sendline :quit
expect-exit 0
SCRIPT
pty "TERM=dumb: a practice run on a terminal" -t 30 -T dumb -l "$T/dumb.log" "$T/dumb" -- \
    env -u NO_COLOR $PRACTICE
if LC_ALL=C grep -q "$(printf '\033')" "$T/dumb.log"; then
    fail "TERM=dumb: no escape codes"
    LC_ALL=C grep -o "$(printf '\033').\{0,6\}" "$T/dumb.log" | sort | uniq -c | head | sed 's/^/#   /'
else ok "TERM=dumb: no escape codes"; fi
# cursor movement without escapes: backspaces, or a carriage return that is not a line end
if LC_ALL=C tr -d '\n' <"$T/dumb.log" | LC_ALL=C grep -q "$(printf '\b')"; then
    fail "TERM=dumb: no backspaces"
else ok "TERM=dumb: no backspaces"; fi
if LC_ALL=C sed "s/$(printf '\r')\$//" "$T/dumb.log" | LC_ALL=C grep -q "$(printf '\r')"; then
    fail "TERM=dumb: a carriage return only at a line end"
else ok "TERM=dumb: a carriage return only at a line end"; fi

# off a terminal, with colour allowed and TERM=xterm: still nothing but text
printf 'b\n:passage\n:quit\n' | env -u NO_COLOR TERM=xterm $PRACTICE >"$T/piped" 2>&1
if LC_ALL=C grep -q "$(printf '\033\|\b\|\r')" "$T/piped"; then
    fail "off a terminal: no escape codes or cursor movement"
else ok "off a terminal: no escape codes or cursor movement"; fi
expect_grep 'From memo' "$T/piped" "off a terminal: the passage is shown"

# a numbered paragraph of a document wraps under its text, not under its number
cd "$SRC" || exit 1
id=$("$PROCTOR" list --doc dallaire-fax | awk '{print $1}' | while read -r q; do
    "$PROCTOR" show "$q" | grep -q '^    2\. ' && { echo "$q"; break; }
done)
if [ -n "$id" ]; then
    "$PROCTOR" show "$id" | sed -n '/From dallaire-fax/,$p' >"$T/show"
    expect_grep '^    2\. .{40,}$' "$T/show" "bullets: the numbered paragraph starts at its number"
    expect_grep '^       [A-Za-z(]' "$T/show" "bullets: its next lines are indented under the text"
    expect_no_grep '^    [a-z]' "$T/show" "bullets: no line of the paragraph falls back under the number"
else fail "bullets: a question citing paragraph 2 of the Dallaire cable"; fi
