#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor study and stats, piped, with the clock pinned (PROCTOR_NOW): new questions in
# learning steps, a missed question coming back after the others, graduation, nothing due
# (and --more), due reviews days later, the ratings a graded answer earns (Again, Hard after
# a retry or for partial credit, Good, Easy when sure with --certainty), the database's
# schema and log, stats (JSON and text), a leech with its passage, an edited question
# flagged then kept or reset, the FSRS optimizer's export, settings from study.conf, two
# studies at once, and the usage errors.
. "$(dirname "$0")/lib.sh"
FB="$SRC/tests/fixtures/bank"
DB="$XDG_STATE_HOME/proctor/study.db"
# the five questions answered by typing (numeric, true/false, short), new ones easier first:
# books (1), lyon (1), spring (1), chair-name (2), vote (2)
TYPED="--type numeric --type truefalse --type short"
DAY0=1717405200 # 2024-06-03 09:00 UTC
STUDY="$PROCTOR study --bank $FB --no-fuzz"

# sql QUERY: one value from the study database
sql() { python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else "")' "$DB" "$1"; }
ratings() { python3 -c 'import sqlite3,sys; print(" ".join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("SELECT rating FROM revlog r JOIN cards c ON c.id = r.card WHERE c.question = ? ORDER BY r.id", (sys.argv[2],))))' "$DB" "$1"; }

# ---- before any study: stats says so, and has no mean recall to give
PROCTOR_NOW=$DAY0 run "$PROCTOR" stats --bank "$FB"
expect_rc 0 "stats before any study"
expect_grep "^Nothing studied yet in this bank \\(memo\\)\\. Run 'proctor study' to start" "$T/out" \
    "says nothing is studied yet and how to start"
PROCTOR_NOW=$DAY0 run "$PROCTOR" stats --bank "$FB" --json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["studied"] == 0 and d["retrievability"] is None and d["total_reviews"] == 0))' "$T/out"; then
    ok "stats --json before any study: nothing studied, retrievability null"
else fail "stats --json before any study: $(head -c 300 "$T/out")"; fi

# ---- day 0: five new questions; books missed, the rest right
printf '0\ntrue\nspring\nRomeo Ortiz\n400\n1700\ntrue\nspring\nRomeo Ortiz\n400\n1700\n1700\n' >"$T/in"
PROCTOR_NOW=$DAY0 run $STUDY $TYPED <"$T/in"
expect_rc 0 "study: a first session on five new questions"
expect_grep '^Study: 0 due for review, 0 in learning, 5 new\. Type :help for commands\.$' \
    "$T/out" "it says what the session holds"
expect_grep '^Question 1 of 5  \[memo, numeric' "$T/out" "the easier questions first (books)"
expect_grep 'Rated again\. It comes back later in this session \(due in 1 minute\)\.' "$T/out" \
    "a miss is rated again and comes back"
expect_grep 'Rated good\. It comes back later in this session \(due in 10 minutes\)\.' \
    "$T/out" "a right answer goes to the next learning step"
expect_grep '^Question 6 of 10  \[memo, numeric' "$T/out" "the missed question comes back after the others"
expect_grep 'Rated hard\. It comes back later in this session \(due in 6 minutes\)' "$T/out" \
    "right after a retry is hard, and stays on the first step (5 min 30 s)"
expect_grep 'Rated good\. Next review in 2 days\.' "$T/out" "a second right answer graduates"
expect_grep '^Question 12 of 12  \[memo, numeric' "$T/out" \
    "the retried question goes through both steps before it graduates"
expect_grep '^Studied: 12 answers \(again 1, hard 1, good 10, easy 0\); 11 of 12 right\.$' \
    "$T/out" "the summary counts the answers"
expect_grep '^Due later today: 0\. Due tomorrow: 1 question\. New questions left: 4 of 9\.$' \
    "$T/out" "and says what is due"
if [ "$(sql 'PRAGMA user_version')" = 3 ] && [ "$(sql 'PRAGMA journal_mode')" = wal ]; then
    ok "the study database: schema 3, WAL"
else fail "the study database: schema 3, WAL"; fi
if [ "$(stat -c %a "$DB")" = 600 ]; then ok "the database is private (0600)"; else
    fail "the database is private ($(stat -c %a "$DB"))"; fi
if [ "$(sql 'SELECT count(*) FROM revlog')" = 12 ] &&
    [ "$(sql 'SELECT count(*) FROM cards WHERE state = 2')" = 5 ]; then
    ok "twelve reviews logged; five cards in review"
else fail "twelve reviews logged; five in review ($(sql 'SELECT count(*) FROM revlog'), $(sql 'SELECT count(*) FROM cards WHERE state = 2'))"; fi
if [ "$(ratings books)" = "1 2 3 3" ]; then ok "books: again, hard (retried), good, good"; else
    fail "books: ratings $(ratings books)"; fi
if [ "$(sql 'SELECT count(*) FROM revlog WHERE response IS NOT NULL AND length(response) = 32 AND duration >= 0')" = 12 ]; then
    ok "each review has its response digest and duration"
else fail "each review has its response digest and duration"; fi

# ---- the same day, later: nothing due, never a dead end
PROCTOR_NOW=$((DAY0 + 3600)) run $STUDY $TYPED </dev/null
expect_rc 0 "nothing due is not an error"
expect_grep '^Nothing is due now; the next review is ' "$T/out" "nothing due: when the next is"
expect_grep "Run 'proctor study --more' to practise ahead, or 'proctor practice'" "$T/out" \
    "and what to do instead"
# the day's new questions count across sessions: five were new this morning
PROCTOR_NOW=$((DAY0 + 3600)) run $STUDY --new 6 </dev/null
expect_grep '^Study: 0 due for review, 0 in learning, 1 new\.' "$T/out" \
    "--new 6 after five new today: one more new question"
PROCTOR_NOW=$((DAY0 + 3600)) run $STUDY --new 5 </dev/null
expect_grep "^Nothing is due now; .* You have had today's 5 new questions\.$" "$T/out" \
    "--new 5 after five new today: none, and it says why"
if [ "$(sql 'SELECT count(*) FROM revlog')" = 12 ]; then
    ok "sessions ended before an answer record nothing"
else fail "sessions ended before an answer record nothing ($(sql 'SELECT count(*) FROM revlog'))"; fi
printf '1700\n' | PROCTOR_NOW=$((DAY0 + 3600)) run $STUDY $TYPED --more --limit 1
expect_rc 0 "--more practises ahead"
expect_grep ', 1 ahead of time\.' "$T/out" "one question ahead of time"
expect_grep 'Studied: 1 answer ' "$T/out" "and it is recorded"

# ---- two days later: the due reviews come back; vote missed then right (hard)
PROCTOR_NOW=$((DAY0 + 2 * 86400)) run $STUDY $TYPED </dev/null
expect_grep '^Study: [1-5] due for review' "$T/out" "two days later the reviews are due"
n=$(sed -n 's/^Study: \([0-9]*\) due.*/\1/p' "$T/out")
echo "# $n due on day 2"

# ---- a right answer with a typo is hard (its own database: the counts above stay)
printf 'sprnig\n:quit\n' | XDG_STATE_HOME="$T/typo" PROCTOR_NOW=$DAY0 run $STUDY --type short --limit 1
expect_grep 'You wrote sprnig; the spelling is spring\.' "$T/out" "a typo is accepted and noted"
expect_grep 'Rated hard\. It comes back later' "$T/out" "right with a typo is rated hard"
if [ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT rating FROM revlog").fetchone()[0])' "$T/typo/proctor/study.db")" = 2 ]; then
    ok "the log holds Hard for the typo"
else fail "the log holds Hard for the typo"; fi

# ---- the ratings of a multi question: partial credit is hard
printf ':quit\n' | PROCTOR_NOW=$DAY0 run $STUDY --type multi --seed 5
letter=$(sed -n 's/^    \([a-d]\)) Ortiz$/\1/p' "$T/out")
printf '%s\n' "$letter" | PROCTOR_NOW=$DAY0 run $STUDY --type multi --seed 5
expect_grep 'Partly right\.' "$T/out" "one of two right letters: partly right"
if [ "$(ratings roles)" = 2 ]; then ok "partial credit is rated hard"; else
    fail "partial credit is rated hard ($(ratings roles))"; fi

# ---- --certainty: right and sure is easy; the certainty is logged
printf ':quit\n' | PROCTOR_NOW=$DAY0 run $STUDY --type choice --seed 2
letter=$(sed -n 's/^    \([a-c]\)) Ortiz$/\1/p' "$T/out")
printf '%s\n3\n' "$letter" | PROCTOR_NOW=$DAY0 run $STUDY --type choice --seed 2 --certainty
expect_grep 'How sure were you\? 1 not sure, 2 fairly sure, 3 sure' "$T/out" "--certainty asks"
expect_grep 'Rated easy\.' "$T/out" "right and sure is easy"
if [ "$(sql "SELECT r.certainty FROM revlog r JOIN cards c ON c.id = r.card WHERE c.question = 'chair'")" = 3 ]; then
    ok "the certainty is in the log"
else fail "the certainty is in the log"; fi

# ---- stats
PROCTOR_NOW=$((DAY0 + 3600)) run "$PROCTOR" stats --bank "$FB" --json
expect_rc 0 "stats --json"
if python3 - "$T/out" >"$T/py" 2>&1 <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
assert d["bank"] == "memo", d["bank"]
assert d["questions"] == 9 and d["studied"] == 7, (d["questions"], d["studied"])
assert len(d["due"]) == 30 and len(d["reviews"]) == 30
assert d["reviews"][0] == d["total_reviews"] == 15, (d["reviews"][0], d["total_reviews"])
assert sum(d["due"]) >= 6, d["due"]
assert d["documents"][0]["id"] == "memo" and 0 < d["documents"][0]["retrievability"] <= 1
assert d["leeches"] == [] and d["changed"] == []
PY
    ok "stats --json: questions, studied, due forecast, reviews per day"
else fail "stats --json"; sed 's/^/#   /' "$T/py"; fi
PROCTOR_NOW=$((DAY0 + 3600)) run "$PROCTOR" stats --bank "$FB"
expect_rc 0 "stats"
expect_grep '^  memo +7/9 ' "$T/out" "a line per document"
expect_grep '^Due in the next 30 days' "$T/out" "the due forecast"
expect_grep '^      0 \+-{30}$' "$T/out" "as a bar chart"
expect_grep '^True retention, last 30 days' "$T/out" "retention"
expect_no_grep "$(printf '\033')" "$T/out" "off a terminal: no escape codes"

# ---- a leech: lyon lapses 8 times (on a copy of the database)
cp "$DB" "$T/day0.db"
t=$((DAY0 + 10 * 86400))
i=0
while [ $i -lt 8 ]; do
    printf 'false\ntrue\ntrue\n' | PROCTOR_NOW=$t $STUDY --type truefalse >/dev/null 2>&1
    t=$((t + 30 * 86400))
    i=$((i + 1))
done
if [ "$(sql "SELECT lapses FROM cards WHERE question = 'lyon'")" = 8 ]; then ok "eight lapses"; else
    fail "eight lapses ($(sql "SELECT lapses FROM cards WHERE question = 'lyon'"))"; fi
PROCTOR_NOW=$t run "$PROCTOR" stats --bank "$FB"
expect_grep '^Leeches \(lapsed 8 times or more' "$T/out" "stats lists leeches"
expect_grep '^  lyon, 8 lapses$' "$T/out" "with their lapses"
expect_grep 'From memo, line [0-9]+' "$T/out" "and their passage"
PROCTOR_NOW=$t run "$PROCTOR" stats --bank "$FB" --json
expect_grep '"leeches":\[\{"id":"lyon","lapses":8,"doc":"memo","line":[0-9]+,"quote":"' "$T/out" \
    "stats --json lists the leech with its passage"
cp "$T/day0.db" "$DB"
rm -f "$DB-wal" "$DB-shm"

# ---- an edited question: flagged, history kept; --keep and --reset
mkdir -p "$T/bank"
cp -r "$FB/sources" "$T/bank/"
sed 's/"Who had a role named in paragraph 2?"/"Who had a role, as paragraph 2 names them?"/' \
    "$FB/all-types.json" >"$T/bank/all-types.json"
PROCTOR_NOW=$((DAY0 + 3600)) run "$PROCTOR" stats --bank "$T/bank" --json
expect_grep '"changed":\["roles"\]' "$T/out" "an edited question is flagged in stats"
PROCTOR_NOW=$((DAY0 + 3600)) run "$PROCTOR" stats --bank "$T/bank"
expect_grep '^Changed since you studied them' "$T/out" "(text too)"
expect_grep "proctor study --reset ID' starts the question afresh" "$T/out" "with what to do"
if [ "$(sql "SELECT reps FROM cards WHERE question = 'roles'")" = 1 ]; then
    ok "its history is kept meanwhile"
else fail "its history is kept meanwhile"; fi
run "$PROCTOR" study --bank "$T/bank" --keep roles
expect_rc 0 "study --keep"
expect_grep "Kept the history of 'roles'" "$T/out" "says so"
PROCTOR_NOW=$((DAY0 + 3600)) run "$PROCTOR" stats --bank "$T/bank" --json
expect_grep '"changed":\[\]' "$T/out" "no longer flagged"
run "$PROCTOR" study --bank "$T/bank" --reset roles
expect_rc 0 "study --reset"
if [ "$(sql "SELECT state || ' ' || reps FROM cards WHERE question = 'roles'")" = "0 0" ] &&
    [ "$(ratings roles)" = "2 0" ]; then
    ok "reset: the card is new again, the log keeps its review and records the reset"
else fail "reset ($(sql "SELECT state || ' ' || reps FROM cards WHERE question = 'roles'"); $(ratings roles))"; fi
run "$PROCTOR" study --bank "$T/bank" --reset nonesuch
expect_rc 3 "--reset of an unknown question is bad data"
run "$PROCTOR" study --bank "$T/bank" --keep spring --reset chair-name
expect_rc 0 "--keep and --reset together"

# ---- the FSRS optimizer's export
run "$PROCTOR" study --export-revlog "$T/revlog.csv"
expect_rc 0 "study --export-revlog"
expect_grep '^Wrote [0-9]+ reviews to ' "$T/out" "says how many"
if python3 - "$T/revlog.csv" "$DB" >"$T/py" 2>&1 <<'PY'; then
import csv, sqlite3, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0] == ["card_id", "review_time", "review_rating", "review_state", "review_duration"], rows[0]
db = sqlite3.connect(sys.argv[2])
want = db.execute("SELECT count(*) FROM revlog r JOIN cards c ON c.id = r.card WHERE r.rating > 0 AND r.id > c.reset").fetchone()[0]
assert len(rows) - 1 == want, (len(rows) - 1, want)
for r in rows[1:]:
    card, t, rating, state, dur = map(int, r)
    assert 1 <= rating <= 4 and 0 <= state <= 3 and dur >= 0
    assert t >= 1717405200000, t
cards = [int(r[0]) for r in rows[1:]]
assert cards == sorted(cards)
PY
    ok "the CSV has the optimizer's columns, times in ms, one row per review since each reset"
else fail "the exported CSV"; sed 's/^/#   /' "$T/py"; fi

# ---- settings from study.conf; --weights
mkdir -p "$XDG_CONFIG_HOME/proctor"
printf '# my settings\nnew-per-day = 1\nretention = 0.85\nlearning-steps = 2m, 20m\n' \
    >"$XDG_CONFIG_HOME/proctor/study.conf"
rm -f "$DB" "$DB-wal" "$DB-shm"
printf '1700\n' | PROCTOR_NOW=$DAY0 run $STUDY $TYPED
expect_grep '^Study: 0 due for review, 0 in learning, 1 new\.' "$T/out" "new-per-day = 1"
expect_grep 'due in 20 minutes' "$T/out" "learning-steps = 2m, 20m"
printf 'retention = 2\n' >"$XDG_CONFIG_HOME/proctor/study.conf"
PROCTOR_NOW=$DAY0 run $STUDY </dev/null
expect_rc 3 "a bad setting is bad data"
expect_grep 'study\.conf:1:13: retention: expected a number above 0 and at most 1' "$T/err" \
    "named with line and column"
printf 'colour = blue\n' >"$XDG_CONFIG_HOME/proctor/study.conf"
PROCTOR_NOW=$DAY0 run $STUDY </dev/null
expect_grep "study\.conf:1:1: unknown setting 'colour'" "$T/err" "an unknown setting is named"
printf 'weights = w.txt\n' >"$XDG_CONFIG_HOME/proctor/study.conf"
printf '1 2 3\n' >"$XDG_CONFIG_HOME/proctor/w.txt"
PROCTOR_NOW=$DAY0 run $STUDY </dev/null
expect_rc 3 "weights from the configuration (a file beside it) are checked"
expect_grep 'expected 21 FSRS weights' "$T/err" "three weights are refused"
rm -f "$XDG_CONFIG_HOME/proctor/study.conf"
PROCTOR_NOW=$DAY0 run $STUDY --weights "$T/nope.txt" </dev/null
expect_rc 4 "--weights of a missing file is an I/O error"

# ---- a study that finds nobody else using the database has it alone: the WAL index in its
# memory, no study.db-shm opened or made (answering or not); stats likewise
rm -f "$DB-shm"
printf ':quit\n' | PROCTOR_NOW=$DAY0 $STUDY $TYPED >/dev/null 2>&1
printf '1700\n' | PROCTOR_NOW=$DAY0 $STUDY $TYPED >/dev/null 2>&1
PROCTOR_NOW=$DAY0 "$PROCTOR" stats --bank "$FB" >/dev/null 2>&1
if [ ! -e "$DB-shm" ] && [ -e "$DB-wal" ] && [ ! -s "$DB-wal" ]; then
    ok "study and stats alone on the database make no study.db-shm (the WAL kept, empty)"
else fail "study and stats alone on the database make no study.db-shm ($(ls "$XDG_STATE_HOME/proctor" | tr '\n' ' '))"; fi

# ---- two studies at once on one database: both saved, nothing corrupted
rm -f "$DB" "$DB-wal" "$DB-shm"
{ for a in 1700 true spring 'Romeo Ortiz' 400; do sleep 0.3; printf '%s\n' "$a"; done; } |
    PROCTOR_NOW=$DAY0 $STUDY $TYPED >"$T/a.out" 2>&1 &
apid=$!
sleep 0.5
{ for a in 1700 true spring 'Romeo Ortiz' 400; do sleep 0.1; printf '%s\n' "$a"; done; } |
    PROCTOR_NOW=$DAY0 $STUDY $TYPED >"$T/b.out" 2>&1
brc=$?
wait $apid
arc=$?
if [ $arc -eq 0 ] && [ $brc -eq 0 ]; then ok "two studies at once both finish"; else
    fail "two studies at once both finish ($arc, $brc)"; sed 's/^/#   /' "$T/b.out" | tail -5; fi
expect_grep "Another 'proctor study' is using your study database" "$T/b.out" \
    "the second is told about the first"
if [ "$(sql 'PRAGMA integrity_check')" = ok ] && [ "$(sql 'SELECT count(*) FROM revlog')" = 10 ]; then
    ok "the database is intact and holds both studies' ten answers"
else fail "intact, ten answers ($(sql 'PRAGMA integrity_check'), $(sql 'SELECT count(*) FROM revlog'))"; fi
if [ "$(sql 'SELECT sum(reps) FROM cards')" = 10 ]; then
    ok "each card counts the reviews of both"
else fail "each card counts the reviews of both ($(sql 'SELECT sum(reps) FROM cards'))"; fi

# ---- bad files and usage
printf 'not a database at all, just some text in the way\n' >"$DB"
rm -f "$DB-wal" "$DB-shm"
run $STUDY </dev/null
expect_rc 3 "a study database that is not one is bad data"
expect_grep 'study\.db: .*not a usable study database' "$T/err" "named"
rm -f "$DB"
run $STUDY --new x
expect_rc 2 "--new x is a usage error"
run $STUDY --limit 0
expect_rc 2 "--limit 0 is a usage error"
run $STUDY --export-revlog "$T/x.csv" --more
expect_rc 2 "--export-revlog goes alone"
run $STUDY --type essay
expect_rc 3 "a selection of essays only has nothing to study"
expect_grep 'no question to study matches the selection' "$T/err" "says so"
run $STUDY --doc nonesuch
expect_rc 2 "an unknown document is a usage error"
run "$PROCTOR" stats --bank "$FB" extra
expect_rc 2 "stats takes no operands"
PROCTOR_NOW=yesterday run "$PROCTOR" stats --bank "$FB"
expect_rc 2 "a bad PROCTOR_NOW is refused"
