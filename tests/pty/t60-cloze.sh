#!/bin/sh
# SPDX-License-Identifier: ISC
# A cloze question on a real terminal (readline): the passage with its gaps, then each gap
# asked at its own prompt with its hint (and a choice gap's options), a gap typed wrong asked
# again, :passage between gaps, and feedback marking each gap.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require

CB="$SRC/tests/fixtures/cloze"
# memo-cloze is the question of difficulty 1: 2 points, gaps weighing 1, 2 and 1
PRACTICE="$PROCTOR practice --bank $CB --new --difficulty 1"

pty "cloze: gap by gap on a terminal, feedback per gap" -t 30 - -- $PRACTICE <<'S'
timeout 10
expect Question 1 of 1
expect build a {1} of {2}
expect Gap {1} of 3: Type a word or short phrase.
expect {1}> 
sendline library
expect Gap {2} of 3: Type a number.
expect {2}> 
sendline lots
expect expected a number such as 1,700
expect {2}> 
sendline :passage
expect [[agreed to build a library of 1,700
expect {2}> 
sendline 1600
expect Gap {3} of 3: Answer with one letter.
expect c) Ms Park
expect {3}> 
sendline b
expect Partly right. 1/2 of 2 points.
expect {1} library (right); {2} 1600 (wrong); {3} b) Ms Ortiz (right)
expect {1} library; {2} 1700; {3} b) Ms Ortiz
expect Your score: 1 of 2 (50%)
expect-exit 0
S
