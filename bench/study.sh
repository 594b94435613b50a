#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/study.sh - the study figures, run by bench/run.sh (which sets ROOT, SRC, BIN,
# PROCTOR, WORK, CC and SPAWNTIME, and collects $WORK/rows.md and $WORK/details.md).
#
# Writes a bank of BENCH_STUDY_QUESTIONS (115 000: 100 625 that study asks, the rest essays)
# with bench/genbank.py, and with bench/study-bench.c a study database of 100 000 cards and
# about 1 000 000 reviews as FSRS-6 would have scheduled them for a student who kept up; then
# measures:
#   - building the due queue (open the database, read the cards due today and mark the
#     others, count today's new ones, order the queue): median of 15 runs, wall and CPU;
#   - `proctor study` on that bank and database, launch to exit: the queue built, question 1
#     shown, `:quit`, the session's summary (which reads every card and the last 30 days of
#     reviews); beside it the bank's loading alone (`proctor list`), and the difference, what
#     the study database costs;
#   - FSRS-6 scheduling steps per second (proctor_fsrs_review);
#   - answers recorded per second, each its own committed transaction (synchronous = FULL);
#   - the database's size per review (SQLite's dbstat: the review log and its indexes).
set -eu
. "$ROOT/bench/lib.sh"
NQ=${BENCH_STUDY_QUESTIONS:-115000}
S=$WORK/study
mkdir -p "$S"
SB=$BIN/bench/study-bench
# shellcheck disable=SC2046
$CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$SRC/include" -I"$SRC/src" \
    $(pkg-config --cflags libsodium libcjson libutf8proc sqlite3) -o "$SB" \
    "$ROOT/bench/study-bench.c" "$BIN/libproctor.a" \
    $(pkg-config --libs libsodium libcjson libutf8proc sqlite3) -lm

say "study: a bank of $NQ questions and a database of 100 000 cards, 1 000 000 reviews"
python3 "$ROOT/bench/genbank.py" --questions "$NQ" --sentences 1000 "$S/bank"
made=$("$SB" make "$S/bank" "$S/study.db" 100000 1000000)
cards=$(field cards "$made") reviews=$(field reviews "$made") span=$(field span_days "$made")

say "study: timing the due queue"
q=$("$SB" queue "$S/bank" "$S/study.db" 15)
q_med=$(field median_ms "$q") q_p90=$(field p90_ms "$q") q_cpu=$(field cpu_median_ms "$q")
q_len=$(field queue "$q") q_due=$(field due "$q") q_items=$(field items "$q")
row "study: due queue from $cards cards / $reviews reviews, median" \
    "$q_med ms (p90 $q_p90 ms); CPU time $q_cpu ms" "< 50 ms" "$(verdict "$q_med" "<" 50)"

say "study: proctor study, launch to exit (:quit at the first question)"
mkdir -p "$WORK/state/proctor"
cp "$S/study.db" "$WORK/state/proctor/study.db"
printf ':quit\n' >"$S/quit.in"
PROCTOR_NOW=1717405200 "$PROCTOR" study --bank "$S/bank" --no-fuzz <"$S/quit.in" >"$S/first.out"
if ! grep -q '^Question 1 of ' "$S/first.out"; then
    say "study did not show a first question:"
    head -n 20 "$S/first.out" >&2
    exit 1
fi
e2e=$(PROCTOR_NOW=1717405200 "$SPAWNTIME" -n 3 -i "$S/quit.in" -- \
    "$PROCTOR" study --bank "$S/bank" --no-fuzz)
e2e_med=$(field median_ms "$e2e") e2e_cpu=$(field cpu_median_ms "$e2e")
lint=$("$SPAWNTIME" -n 3 -- "$PROCTOR" list --bank "$S/bank" --type essay)
bank_ms=$(field median_ms "$lint")
db_ms=$(awk -v a="$e2e_med" -v b="$bank_ms" 'BEGIN { printf "%.0f", a - b }')
row "study: \`proctor study\` on that bank and database, launch to exit (\`:quit\` at question 1, then the summary), median of 3" \
    "$e2e_med ms (CPU $e2e_cpu ms): loading the $NQ-question bank alone ~$bank_ms ms, the study database's queue and summary ~$db_ms ms" \
    "-" "-"

say "study: scheduling steps and recorded answers"
st=$("$SB" steps 2000000)
steps=$(field steps_per_s "$st") ns=$(field ns_per_step "$st")
row "study: one FSRS-6 scheduling step" "$steps steps/s ($ns ns a step)" "-" "-"
cp "$S/study.db" "$S/record.db"
rec=$("$SB" record "$S/bank" "$S/record.db" 300)
aps=$(field answers_per_s "$rec") mspa=$(field ms_per_answer "$rec")
row "study: an answer recorded (one committed transaction)" "$aps answers/s ($mspa ms each)" \
    "-" "-"

sizes=$(python3 - "$S/study.db" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
pages = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
n = db.execute("SELECT count(*) FROM revlog").fetchone()[0]
log = pages.get("revlog", 0) + pages.get("revlog_card", 0) + pages.get("revlog_time", 0)
total = os.path.getsize(sys.argv[1])
print("per_review %.1f log_mb %.1f total_mb %.1f total_per_review %.1f" %
      (log / n, log / 1048576, total / 1048576, total / n))
PY
)
per=$(field per_review "$sizes") total_mb=$(field total_mb "$sizes")
tpr=$(field total_per_review "$sizes") log_mb=$(field log_mb "$sizes")
row "study: database size per review" "$per bytes (log and its indexes); $tpr bytes with the cards" "-" "-"

cat >>"$WORK/details.md" <<DETAILS
### Study

\`python3 bench/genbank.py --questions $NQ --sentences 1000\` writes the bank (every eighth
question an essay, which study leaves out: $q_items questions to study), and
bench/study-bench.c (\`make\`) a study database of **$cards cards and $reviews reviews**:
each card as a student who keeps up would have it: first studied on a day of the last
$span days (drawn so that the reviews come to about ten a card), then reviewed through
FSRS-6 whenever it fell due, up to yesterday (one answer in ten Again, one in five Hard), each
review with a response digest, as study stores them. The database is $total_mb MB.

- **Due queue** (\`study-bench queue\`, 15 runs): what \`proctor study\` does between loading
  the bank and showing question 1: open the database (WAL, checks of the schema), read in
  full the cards due before the end of the study day ($q_due of them here: the cards are
  young, so their intervals are short), mark the other cards as studied from the
  (bank, question) index merged with the bank's ids, count today's new questions, and order
  the queue ($q_len questions: the due ones and 20 new). Median $q_med ms, p90 $q_p90 ms,
  CPU time $q_cpu ms.
- **\`proctor study\`, launch to exit** on that bank and database (bench/spawntime.c, 3 runs,
  stdin \`:quit\`): the due queue built, question 1 shown, \`:quit\` read, then the session's
  summary (every card of the bank read again, and the reviews of the last 30 days) and the
  database closed. Median $e2e_med ms, CPU $e2e_cpu ms. Loading and checking the
  $NQ-question bank takes $bank_ms ms of it on its own (\`proctor list\` on the same bank),
  so the study database's part (opening it, the queue, the summary) is about $db_ms ms. The
  shipped bank of a few hundred questions loads in a few milliseconds: its figures are the
  start-up rows.
- **Scheduling** (\`study-bench steps\`): proctor_fsrs_review on one card, 2 000 000 times:
  $steps steps a second, $ns ns each (memory state, interval, fuzz and the state machine).
- **Recording** (\`study-bench record\`, 300 answers on a copy of the database): each
  answer is one transaction (read the card, update it, append to the log) committed with
  \`synchronous = FULL\` before the next: $aps answers a second, $mspa ms each, the cost of
  the fsyncs that make an answer survive a power cut.
- **Size** (SQLite's dbstat): the review log and its two indexes take $log_mb MB, **$per
  bytes a review** (a third of it the 32-byte response digest); with the cards,
  $tpr bytes a review.

DETAILS
