#!/bin/sh
# SPDX-License-Identifier: ISC
# kill -9 at 20 points of a scripted practice run, then resume: every answer whose feedback
# was shown (a save comes before the feedback) is in the saved session, the file always
# parses, and finishing the resumed run scores every answer.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank
KEY="$BUILDDIR/tests/tools/answer-key"
S="$XDG_STATE_HOME/proctor/practice.json"
case $PROCTOR in
*/build/asan/*) export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" ;;
esac

"$KEY" $FB 7 right >"$T/answers"
answers() {
    python3 -c 'import json,sys
try:
    d = json.load(open(sys.argv[1]))
    print(sum("response" in q for q in d["questions"]), d["position"])
except Exception:
    print(-1, -1)' "$1"
}

bad=
i=1
delay_ms=37
while [ "$i" -le 20 ]; do
    rm -f "$S"
    # a kill point from 0 to 520 ms into a run that feeds an answer every 40 ms
    delay_ms=$(((delay_ms * 73 + 101) % 521))
    # line-buffered output, so the transcript holds all the feedback shown before the kill
    { while read -r line; do
        printf '%s\n' "$line"
        sleep 0.04
    done <"$T/answers"; } 2>/dev/null |
        stdbuf -oL "$PROCTOR" practice --new --bank $FB --seed 7 >"$T/out" 2>"$T/err" &
    pid=$!
    sleep "$(awk -v ms=$delay_ms 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $pid 2>/dev/null
    { wait $pid; } 2>/dev/null
    krc=$?
    given=$(grep -c 'Correct\.' "$T/out")
    if [ -e "$S" ]; then
        set -- $(answers "$S")
        have=$1 pos=$2
        if [ "$have" -lt 0 ]; then bad="$bad @${delay_ms}ms:unreadable"; fi
        if [ "$have" -lt "$given" ]; then bad="$bad @${delay_ms}ms:has-$have-of-$given"; fi
        # resume and finish: the answers not yet given, from the saved position on
        tail -n +$((pos + 1)) "$T/answers" >"$T/rest"
        run timeout 20 "$PROCTOR" practice --bank $FB --seed 7 --resume <"$T/rest"
        grep -Eq "saved practice session \($have of 10 answered" "$T/out" ||
            bad="$bad @${delay_ms}ms:no-resume-offer"
        grep -Eq '^Your score: ([0-9.]+) of \1 \(100%\)$' "$T/out" ||
            bad="$bad @${delay_ms}ms:resumed-not-100%"
    elif [ "$given" -gt 0 ] && ! grep -q '^Your score' "$T/out"; then
        # no file: never saved (nothing given), or the run had finished (summary shown)
        bad="$bad @${delay_ms}ms:lost-$given"
    fi
    echo "# kill at ${delay_ms} ms: exit $krc, $given answered before it"
    i=$((i + 1))
done
if [ -z "$bad" ]; then
    ok "kill -9 at 20 points: every answer shown before the kill is saved, and the resumed run scores 100%"
else fail "kill -9:$bad"; fi
