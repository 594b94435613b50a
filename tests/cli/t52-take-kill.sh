#!/bin/sh
# SPDX-License-Identifier: ISC
# Killing proctor take with SIGKILL at any point loses no answer it acknowledged: for several
# kill points (before the first answer, after 1, 4 and 9 answers, at the confirmation, and at
# random moments while answers stream in) the journal is whole, `take` resumes where it
# stopped, and the signed result holds exactly the answers of an uninterrupted run. Also a
# run stopped between writing the result and tidying up is finished, not taken again.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
"$PROCTOR" keygen --student s1 --name "Ann" --no-passphrase --out s1 >/dev/null
"$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title "Kill test" --id k1 \
    --out k1.json >/dev/null
# a mix of right and wrong answers, one skipped
"$KEYS" --assignment k1.json k1.key.json s1 right >right
"$KEYS" --assignment k1.json k1.key.json s1 wrong >wrong
{ sed -n 1p right; sed -n 2p wrong; echo :skip; sed -n '4,7p' right; sed -n 8p wrong
  sed -n '9,10p' right; } >answers
N=$(wc -l <answers)
TAKE="$PROCTOR take --key s1/student.key --teacher-key teacher.pub k1.json"

responses() { "$PROCTOR" show-result --payload "$1" | python3 -c '
import json, sys
print(json.dumps(json.load(sys.stdin)["responses"], sort_keys=True))'; }

# the reference: one uninterrupted run
export XDG_STATE_HOME="$T/state-ref"
{ cat answers; echo y; } | $TAKE --out ref.json >ref.out 2>&1 || fail "the reference run"
responses ref.json >ref.responses
if [ "$(wc -c <ref.responses)" -gt 20 ]; then ok "the reference run records its answers"
else fail "the reference run records its answers"; fi

# count JOURNAL: answers recorded in it ("-" when it does not parse)
count() { python3 - "$1" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print(sum(1 for q in d["questions"] if "response" in q), d["position"])
except Exception:
    print("-")
PY
}
# wait_for JOURNAL K: until it records K answers (5 s at most; the journal is replaced
# atomically, so a grep sees a whole file)
wait_for() {
    _i=0
    while [ $_i -lt 500 ]; do
        [ "$(grep -c '"response":' "$1" 2>/dev/null)" = "$2" ] && return 0
        sleep 0.01
        _i=$((_i + 1))
    done
    return 1
}

# kill_after K: feed K answers (K = N+1: all, and wait at the confirmation), SIGKILL, resume
kill_after() {
    k=$1
    export XDG_STATE_HOME="$T/state-$k"
    rm -f fifo
    mkfifo fifo
    $TAKE --out "r$k.json" <fifo >"run$k.out" 2>&1 &
    pid=$!
    exec 3>fifo
    journal=
    _i=0
    while [ -z "$journal" ] && [ $_i -lt 250 ]; do
        journal=$(ls "$XDG_STATE_HOME"/proctor/take/*.json 2>/dev/null)
        [ -n "$journal" ] || sleep 0.02
        _i=$((_i + 1))
    done
    sent=0
    while [ $sent -lt "$k" ] && [ $sent -lt "$N" ]; do
        sent=$((sent + 1))
        sed -n "${sent}p" answers >&3
        # a skip records no answer; wait on the position instead
        wait_for "$journal" "$(sed -n "1,${sent}p" answers | grep -vc '^:skip$')" ||
            { fail "kill point $k: answer $sent reaches the journal"; }
    done
    if [ "$k" -gt "$N" ]; then
        _i=0
        until grep -q "Hand in your answers now" "run$k.out" || [ $_i -ge 250 ]; do
            sleep 0.02
            _i=$((_i + 1))
        done
    fi
    kill -9 $pid
    wait $pid 2>/dev/null
    exec 3>&-
    if [ -e "r$k.json" ]; then fail "kill point $k: no result before the confirmation"; fi
    got=$(count "$journal")
    if [ "$got" != "-" ]; then ok "kill point $k: the journal is whole JSON"
    else fail "kill point $k: the journal is whole JSON"; fi
    pos=${got#* }
    { sed -n "$((pos + 1)),\$p" answers; echo y; } | $TAKE --out "r$k.json" >"resume$k.out" 2>&1
    expect_grep "^Resuming: [0-9]+ of $N questions answered\.$" "resume$k.out" \
        "kill point $k: take resumes"
    responses "r$k.json" >"r$k.responses" 2>/dev/null
    expect_file_eq "r$k.responses" ref.responses "kill point $k: every answer is kept"
}
for k in 0 1 4 9 $((N + 1)); do
    kill_after $k
done

# random moments: answers stream in as fast as they can, SIGKILL after 0-40 ms
for trial in 1 2 3 4 5 6; do
    export XDG_STATE_HOME="$T/state-rand$trial"
    delay=$(awk -v s="$trial$$" 'BEGIN { srand(s); printf "%.3f", rand() * 0.04 }')
    rm -f fifo
    mkfifo fifo
    $TAKE --out "rr$trial.json" <fifo >/dev/null 2>&1 &
    pid=$!
    exec 3>fifo
    cat answers >&3
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    exec 3>&-
    journal=$(ls "$XDG_STATE_HOME"/proctor/take/*.json 2>/dev/null)
    if [ -z "$journal" ]; then
        # killed before the first write: nothing to resume, start afresh
        { cat answers; echo y; } | $TAKE --out "rr$trial.json" >/dev/null 2>&1
    else
        got=$(count "$journal")
        if [ "$got" = "-" ]; then fail "random kill $trial: the journal is whole JSON"; continue; fi
        pos=${got#* }
        { sed -n "$((pos + 1)),\$p" answers; echo y; } | $TAKE --out "rr$trial.json" \
            >/dev/null 2>&1
    fi
    responses "rr$trial.json" >"rr$trial.responses" 2>/dev/null
    expect_file_eq "rr$trial.responses" ref.responses \
        "random kill $trial (after ${delay}s): every answer is kept"
done

# stopped after the result was written but before the journal went: finished, not retaken
export XDG_STATE_HOME="$T/state-tidy"
rm -f fifo
mkfifo fifo
$TAKE <fifo >tidy.out 2>&1 &
pid=$!
exec 3>fifo
cat answers >&3
_i=0
until grep -q "Hand in your answers now" tidy.out || [ $_i -ge 250 ]; do
    sleep 0.02
    _i=$((_i + 1))
done
cp "$XDG_STATE_HOME"/proctor/take/*.json journal.copy
echo y >&3
exec 3>&-
wait $pid
cp journal.copy "$(ls "$XDG_STATE_HOME"/proctor/take/*.attempts | sed 's/\.attempts$/.json/')"
rm "$XDG_STATE_HOME"/proctor/take/*.attempts
run $TAKE
expect_rc 0 "take after a run stopped while tidying up"
expect_grep "^Attempt 1 was already handed in: k1-s1-1.result.json$" "$T/out" \
    "finishes the tidying up instead of asking again"
if [ ! -e "$(ls "$XDG_STATE_HOME"/proctor/take/*.attempts | sed 's/\.attempts$/.json/')" ]
then ok "and removes the journal"; else fail "and removes the journal"; fi
