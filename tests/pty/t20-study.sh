#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor study on a real terminal (readline), driven through tests/pty/ptyrun with the
# fixture bank and the clock pinned: the certainty prompt, feedback and the schedule note,
# a missed question coming back, Ctrl-C (asks; "y" ends with the summary), colour; nothing
# due offers to practise ahead, and "y" does; stats on a terminal draws its charts.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require

FB="$SRC/tests/fixtures/bank"
DB="$XDG_STATE_HOME/proctor/study.db"
export PROCTOR_NOW=1717405200
STUDY="$PROCTOR study --bank $FB --no-fuzz --type numeric --type truefalse --type short"

# ---- run 1: certainty, a miss that comes back, Ctrl-C
{
    echo "timeout 10"
    echo "expect Study: 0 due for review, 0 in learning, 5 new."
    echo "expect Question 1 of 5"
    echo "expect > "
    echo "sendline 1700"
    echo "expect How sure were you? 1 not sure, 2 fairly sure, 3 sure:"
    echo "sendline 3"
    echo "expect Correct."
    echo "expect Rated easy. Next review in 8 days."
    echo "expect Question 2 of 5"
    echo "expect > "
    echo "sendline false"
    echo "expect How sure were you?"
    echo "sendline 9"
    echo "expect Type 1, 2 or 3."
    echo "sendline 1"
    echo "expect Not quite."
    echo "expect Rated again. It comes back later in this session (due in 1 minute)."
    echo "expect Question 3 of 6"
    echo "expect > "
    printf '%s\n' 'send \x03'
    echo "expect Quit now?"
    echo "sendline y"
    echo "expect Studied: 2 answers (again 1, hard 0, good 0, easy 1); 1 of 2 right."
    echo "expect-exit 0"
} >"$T/run1"
pty "study run 1: certainty asked and logged, a miss comes back, Ctrl-C ends with the summary" \
    -t 60 -l "$T/run1.log" "$T/run1" -- env -u NO_COLOR $STUDY --certainty
expect_grep '\[1mQuestion 1 of 5' "$T/run1.log" "on a terminal the header is bold"
# the WAL and its index stay beside the database (no file made and removed at each study),
# the WAL emptied at close: the answers are in study.db itself (a copy of it alone holds them)
cp "$DB" "$T/alone.db"
if [ -f "$DB-wal" ] && [ ! -s "$DB-wal" ] && [ -f "$DB-shm" ] &&
    [ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM revlog").fetchone()[0])' "$T/alone.db")" = 2 ]; then
    ok "after a study, study.db-wal is kept and empty and study.db alone holds the answers"
else fail "after a study, study.db-wal is kept and empty and study.db alone holds the answers ($(ls "$XDG_STATE_HOME/proctor" | tr '\n' ' '))"; fi
if python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); sys.exit(0 if [r for r in d.execute("SELECT rating, certainty FROM revlog ORDER BY id")] == [(4, 3), (1, 1)] else 1)' "$DB"; then
    ok "the log holds Easy with certainty 3 and Again with certainty 1"
else fail "the log holds Easy with certainty 3 and Again with certainty 1"; fi

# (sqlite3's Python module, the last to close the database above, removed its WAL: a study
# that answers nothing makes them again)
printf ':quit\n' | $STUDY >/dev/null 2>&1
cp "$DB" "$T/before.db"
dir_before=$(stat -c '%y' "$XDG_STATE_HOME/proctor")
sleep 0.05

# ---- run 2: the missed question (learning, due now) comes first; then three new ones
{
    echo "timeout 10"
    echo "expect Study: 0 due for review, 1 in learning, 3 new."
    echo "expect Question 1 of 4  "
    echo "expect The library will open in Lyon."
    echo "expect > "
    echo "sendline :quit"
    echo "expect Studied: 0 answers."
    echo "expect-exit 0"
} >"$T/run2"
pty "study run 2: the learning step is due first" -t 60 "$T/run2" -- $STUDY
# a study that records nothing writes nothing: the database byte for byte, and no file made or
# removed beside it (the directory's modification time)
if cmp -s "$DB" "$T/before.db" && [ "$(stat -c '%y' "$XDG_STATE_HOME/proctor")" = "$dir_before" ] &&
    [ ! -s "$DB-wal" ]; then
    ok "a study that answers nothing leaves the database and its directory as they were"
else fail "a study that answers nothing leaves the database and its directory as they were ($(stat -c '%y' "$XDG_STATE_HOME/proctor") was $dir_before)"; fi

# ---- run 3: with no new questions allowed and nothing due, it offers to practise ahead
rm -f "$DB" "$DB-wal" "$DB-shm"
printf '1700\n3\n' | $STUDY --certainty --type numeric >/dev/null 2>&1
{
    echo "timeout 10"
    echo "expect Nothing is due now; the next review is in 8 days."
    echo "expect Practise ahead now? [Y/n]"
    echo "sendline y"
    echo "expect 0 due for review, 0 in learning, 4 new, 1 ahead of time."
    echo "expect Question 1 of 5"
    echo "expect How many books?"
    echo "expect > "
    echo "sendline 1700"
    echo "expect Correct."
    echo "expect Question 2 of 5"
    echo "expect > "
    echo "sendline :quit"
    echo "expect Studied: 1 answer"
    echo "expect-exit 0"
} >"$T/run3"
pty "study run 3: nothing due on a terminal offers to practise ahead; y does" \
    -t 60 "$T/run3" -- $STUDY --new 0

# ---- a study waiting at its prompt lets others at the database: it took it alone to start
# (no study.db-shm) and lets it go once the student has been thinking for 0.1 s; stats in
# another terminal reads it then, while the study still waits (it quits 3 s later)
{
    echo "timeout 20"
    echo "expect Question 1 of"
    echo "expect > "
    echo "sleep 3000"
    echo "sendline :quit"
    echo "expect Studied: 0 answers."
    echo "expect-exit 0"
} >"$T/wait"
"$PTYRUN" -t 60 -l "$T/wait.log" "$T/wait" -- $STUDY >"$T/wait.out" 2>&1 &
wpid=$!
i=0
while [ $i -lt 200 ] && ! grep -q 'Question 1 of' "$T/wait.log" 2>/dev/null; do
    sleep 0.05
    i=$((i + 1))
done
"$PROCTOR" stats --bank "$FB" --json >"$T/wstats.out" 2>"$T/wstats.err"
src=$?
if grep -q 'Studied:' "$T/wait.log"; then still=no; else still=yes; fi
wait $wpid
wrc=$?
if [ $src -eq 0 ] && [ $still = yes ] && [ $wrc -eq 0 ]; then
    ok "stats reads the database while a study waits at its prompt (not after it ends)"
else fail "stats while a study waits at its prompt (stats $src, study still waiting: $still, ptyrun $wrc)"
    sed 's/^/#   /' "$T/wstats.err" "$T/wait.out" | head -20; fi

# ---- stats on a terminal: block characters and colour; NO_COLOR keeps them plain
{
    echo "timeout 10"
    echo "expect Study progress"
    echo "expect Due in the next 30 days"
    printf 'expect \\e[32m\n'
    printf 'expect \xe2\x96\x88\n'
    echo "expect True retention"
    echo "expect-exit 0"
} >"$T/stats"
pty "stats on a terminal draws its charts in colour" -t 30 "$T/stats" -- \
    env -u NO_COLOR LC_ALL=C.UTF-8 "$PROCTOR" stats --bank "$FB"
{
    echo "timeout 10"
    echo "expect Due in the next 30 days"
    echo "expect-exit 0"
    printf 'not-expect \\e[32m\n'
} >"$T/stats2"
pty "with NO_COLOR, stats on a terminal has no colour" -t 30 "$T/stats2" -- \
    env NO_COLOR=1 "$PROCTOR" stats --bank "$FB"
