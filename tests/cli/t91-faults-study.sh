#!/bin/sh
# SPDX-License-Identifier: ISC
# The study database is made at the first answer (tests/cli/faults.sh): a study that answers
# nothing leaves no database; each open, write, fsync and link of a first answer failing in
# turn, once and "disk stays full", ends with exit 4 and the answer not confirmed, or with
# the answer confirmed and in the database; never a temporary file left, never a database
# that does not open; and the next study, without faults, records its answer.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"
DB="$XDG_STATE_HOME/proctor/study.db"
STUDY="$PROCTOR study --bank $FB --no-fuzz --type numeric"
export PROCTOR_NOW=1717405200
printf '1700\n:quit\n' >"$T/one"
printf ':quit\n' >"$T/none"

# reviews: the reviews in the study database; -1 when it does not open whole
reviews() {
    python3 - "$DB" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect(sys.argv[1])
    ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ok = ok and db.execute("PRAGMA user_version").fetchone()[0] == 3
    ok = ok and db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    print(db.execute("SELECT count(*) FROM revlog").fetchone()[0] if ok else -1)
except Exception:
    print(-1)
PY
}

rm -f "$DB"
run $STUDY <"$T/none"
if [ "$rc" -eq 0 ] && grep -q '^Question 1 of ' "$T/out" && [ ! -e "$DB" ]; then
    ok "study: a first study that answers nothing makes no database"
else fail "study: a first study that answers nothing (exit $rc; $(ls "$XDG_STATE_HOME/proctor"))"; fi
run $STUDY <"$T/one"
if [ "$rc" -eq 0 ] && grep -q '^  Rated ' "$T/out" && [ "$(reviews)" = 1 ] &&
    [ "$(stat -c %a "$DB")" = 600 ] && no_tmp "$XDG_STATE_HOME"; then
    ok "study: the first answer makes the database (mode 600, WAL, intact) and is in it"
else fail "study: the first answer (exit $rc, reviews $(reviews))"; fi

for call in open write fsync link; do
    for COUNT in 1 0; do
        rm -f "$DB" "$DB-wal" "$DB-shm"
        c=$(calls_of $call $STUDY <"$T/one")
        bad=
        n=1
        while [ "$n" -le "$c" ]; do
            rm -f "$DB" "$DB-wal" "$DB-shm"
            fault $call $n $STUDY <"$T/one"
            shown=$(grep -c '^  Rated ' "$T/out")
            no_tmp "$XDG_STATE_HOME" || bad="$bad #$n:tmp-left"
            if [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ]; then bad="$bad #$n:exit-$rc"; fi
            if [ "$shown" -gt 0 ] && [ "$(reviews)" != 1 ]; then bad="$bad #$n:lost"; fi
            if [ -e "$DB" ] && [ "$(reviews)" -lt 0 ]; then bad="$bad #$n:damaged"; fi
            run $STUDY <"$T/one"
            [ "$rc" -eq 0 ] && [ "$(reviews)" -ge 1 ] || bad="$bad #$n:next-run-$rc"
            n=$((n + 1))
        done
        if [ "$c" -gt 0 ] && [ -z "$bad" ]; then
            ok "faults: study's first answer, $call (count $COUNT) at each of $c: the answer kept or not confirmed, the next study records"
        else fail "faults: study's first answer, $call (count $COUNT) ($c calls):$bad"; fi
    done
done
