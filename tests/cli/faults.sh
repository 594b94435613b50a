# SPDX-License-Identifier: ISC
# Shared by the t91-faults*.sh scripts (sourced after lib.sh): I/O and allocation faults with
# tests/tools/faultinject.so preloaded. The sweeps are split across scripts so that
# make test -jN runs them side by side.
cd "$SRC"
FB=tests/fixtures/bank
FI="$BUILDDIR/tests/tools/faultinject.so"
KEY="$BUILDDIR/tests/tools/answer-key"
RT="$BUILDDIR/tests/tools/result-tool"
export PROCTOR_PWHASH=min

if [ ! -f "$FI" ]; then
    echo "skip - faults: $FI is not built"
    exit 0
fi
case $PROCTOR in
*/build/asan/*)
    # the shim is not sanitized and loads before the ASan runtime
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    ;;
esac

# fault CALL N CMD...: runs CMD with the Nth CALL failing ($COUNT calls, 0 = all from N on;
# errno $ERRNO; counting after $AFTER, only calls naming $ONLY). Leaves out/err/rc as run
# does, and the shim's report ("calls=C fired=F") in $report.
COUNT=1 ERRNO=ENOSPC AFTER= ONLY=
fault() {
    fcall=$1 fn=$2
    shift 2
    rm -f "$T/report"
    run env LD_PRELOAD="$FI" FAULT_CALL="$fcall" FAULT_N="$fn" FAULT_COUNT="$COUNT" \
        FAULT_ERRNO="$ERRNO" FAULT_AFTER="$AFTER" FAULT_PATH="$ONLY" FAULT_REPORT="$T/report" "$@"
    report=$(tail -n 1 "$T/report" 2>/dev/null)
}

# calls_of CALL CMD...: how many CALLs CMD makes (a run with no fault).
calls_of() {
    ccall=$1
    shift
    fault "$ccall" 0 "$@"
    set -- $(echo "$report" | tr '=' ' ')
    echo "${2:-0}"
}

# no_tmp DIR...: no temporary file left in the directories
no_tmp() {
    [ -z "$(find "$@" -name '*.tmp*' 2>/dev/null)" ]
}

# the message of a failed run: "proctor: ...: <strerror>" and exit status 4
failed_cleanly() {
    [ "$rc" -eq 4 ] && grep -q "^proctor: .*${1:-No space left on device}" "$T/err"
}

# answers FILE: the number of answered questions in a saved session (-1 if it does not parse)
answers() {
    python3 -c 'import json,sys
try:
    d = json.load(open(sys.argv[1]))
    print(sum("response" in q for q in d["questions"]))
except Exception:
    print(-1)' "$1"
}

# the number of answers given (and saved, since a save comes before the feedback) before
# the first failed save, in a practice transcript
given_before_fault() {
    awk '/could not be saved/ { exit } /Correct\./ { n++ } END { print n + 0 }' "$1"
}


# what every sweep feeds or reads: the right answers to a practice run of the fixture bank,
# its saved session, and three signed results (all right, some right, none answered)
"$KEY" $FB 7 right >"$T/in"
S="$XDG_STATE_HOME/proctor/practice.json"
for mode in correct mixed none; do
    "$RT" make $FB "$FIX/keys/student.key" "$T/res-$mode.json" $mode 2>/dev/null
done
