#!/bin/sh
# SPDX-License-Identifier: ISC
# kill -9 at 20 points of a scripted study run: every answer whose feedback was shown (the
# review is committed before it) is in the study database, the database is intact, every
# card's review count matches its log (each answer is one transaction), and a study started
# afterwards carries on from there. A kill may land before study has even started (the
# output file is emptied first, so nothing is counted as shown then).
. "$(dirname "$0")/lib.sh"
FB="$SRC/tests/fixtures/bank"
DB="$XDG_STATE_HOME/proctor/study.db"
case $PROCTOR in
*/build/asan/*) export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" ;;
esac
STUDY="$PROCTOR study --bank $FB --no-fuzz --type numeric --type truefalse --type short"
export PROCTOR_NOW=1717405200
printf '1700\ntrue\nspring\nRomeo Ortiz\n400\n1700\ntrue\nspring\nRomeo Ortiz\n400\n' >"$T/answers"

check_db() {
    python3 - "$DB" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect(sys.argv[1])
    ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if ok and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
        print(0)  # killed after the file was made, before the schema: nothing to lose
        sys.exit(0)
    logged = db.execute("SELECT count(*) FROM revlog WHERE rating > 0").fetchone()[0]
    bad = db.execute("SELECT count(*) FROM cards c WHERE reps != (SELECT count(*) FROM revlog r "
                     "WHERE r.card = c.id AND r.rating > 0 AND r.id > c.reset)").fetchone()[0]
    print(logged if ok and bad == 0 else -1)
except Exception as e:
    print(-2)
PY
}

bad=
i=1
delay_ms=37
while [ "$i" -le 20 ]; do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    # the run's output starts empty: a kill that lands before the shell has opened it (a
    # short delay on a loaded machine) must not count the last run's feedback as this one's
    : >"$T/out"
    delay_ms=$(((delay_ms * 73 + 101) % 521))
    { while read -r line; do
        printf '%s\n' "$line"
        sleep 0.04
    done <"$T/answers"; } 2>/dev/null | stdbuf -oL $STUDY >"$T/out" 2>"$T/err" &
    pid=$!
    sleep "$(awk -v ms=$delay_ms 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $pid 2>/dev/null
    { wait $pid; } 2>/dev/null
    shown=$(grep -c '^  Rated ' "$T/out")
    if [ -e "$DB" ]; then
        logged=$(check_db)
        if [ "$logged" -lt 0 ]; then bad="$bad @${delay_ms}ms:damaged($logged)"
        elif [ "$logged" -lt "$shown" ]; then bad="$bad @${delay_ms}ms:has-$logged-of-$shown"
        elif [ "$logged" -gt 10 ]; then bad="$bad @${delay_ms}ms:too-many-$logged"; fi
        # carry on: the rest of the day's learning steps are asked again; answer them all
        { tail -n +$((logged + 1)) "$T/answers"; cat "$T/answers"; } |
            timeout 20 $STUDY >"$T/out2" 2>"$T/err2"
        rc2=$?
        if [ $rc2 -ne 0 ] || [ "$(check_db)" -lt "$logged" ]; then
            bad="$bad @${delay_ms}ms:no-carry-on($rc2)"
            sed 's/^/#   /' "$T/err2" | head -n 3
        fi
    elif [ "$shown" -gt 0 ]; then
        bad="$bad @${delay_ms}ms:lost-$shown"
    fi
    echo "# kill at ${delay_ms} ms: $shown answers shown before it"
    i=$((i + 1))
done
if [ -z "$bad" ]; then
    ok "kill -9 at 20 points: every answer shown is in the database, intact, and study carries on"
else fail "kill -9:$bad"; fi
