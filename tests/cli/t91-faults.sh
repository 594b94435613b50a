#!/bin/sh
# SPDX-License-Identifier: ISC
# I/O faults: with tests/tools/faultinject.so preloaded, each write, fsync, rename, link and
# open of `keygen`, `practice` (its session saves, and --record) and `verify --csv` fails in
# turn, once and "disk stays full" (ENOSPC). Every run must end with a message and exit 4 and
# leave the complete old file or the complete new one: no truncated file, no *.tmp* file
# left behind, no answer lost. Also an unwritable directory, and allocation failures.
. "$(dirname "$0")/lib.sh"
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

# ---- keygen: a new key, and --force over an old one ----
"$PROCTOR" keygen --student s0 --name "Old Key" --no-passphrase --out "$T/old" >/dev/null 2>&1
for call in open write fsync link rename; do
    for force in "" --force; do
        # --force replaces with rename; only a new key is linked into place
        if [ "$call" = link ] && [ -n "$force" ]; then continue; fi
        rm -rf "$T/k"
        if [ -n "$force" ]; then cp -r "$T/old" "$T/k"; fi
        c=$(calls_of $call "$PROCTOR" keygen --student s1 --name "S One" --no-passphrase --out "$T/k" $force)
        bad=
        n=1
        while [ "$n" -le "$c" ]; do
            rm -rf "$T/k"
            if [ -n "$force" ]; then cp -r "$T/old" "$T/k"; fi
            fault $call $n "$PROCTOR" keygen --student s1 --name "S One" --no-passphrase --out "$T/k" $force
            failed_cleanly || bad="$bad #$n:exit-$rc"
            no_tmp "$T/k" || bad="$bad #$n:tmp-left"
            if [ -e "$T/k/student.key" ]; then
                if cmp -s "$T/k/student.key" "$T/old/student.key"; then :; else
                    "$PROCTOR" key --key "$T/k/student.key" export >"$T/line" 2>/dev/null &&
                        grep -q ' s1 S One$' "$T/line" || bad="$bad #$n:bad-key"
                fi
            elif [ -n "$force" ]; then bad="$bad #$n:old-key-gone"; fi
            if [ -e "$T/k/student.pub" ]; then
                grep -Eq '^proctor-pk1 [0-9a-f]{16} [A-Za-z0-9+/]{43}= student (s0 Old Key|s1 S One)$' \
                    "$T/k/student.pub" || bad="$bad #$n:bad-pub"
            fi
            n=$((n + 1))
        done
        what="keygen${force:+ $force}"
        if [ "$c" -gt 0 ] && [ -z "$bad" ]; then
            ok "faults: $what: each of its $c $call calls failing (ENOSPC) ends in exit 4, keys whole"
        else fail "faults: $what: $c $call calls:$bad"; fi
    done
done

# ---- practice: the session saved after every answer ----
"$KEY" $FB 7 right >"$T/in"
S="$XDG_STATE_HOME/proctor/practice.json"
for call in open write fsync rename; do
    for COUNT in 1 0; do
        rm -f "$S"
        c=$(calls_of $call "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/in")
        bad=
        n=1
        while [ "$n" -le "$c" ]; do
            rm -f "$S"
            fault $call $n "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/in"
            failed_cleanly || bad="$bad #$n:exit-$rc"
            no_tmp "$XDG_STATE_HOME" || bad="$bad #$n:tmp-left"
            given=$(given_before_fault "$T/out")
            if [ "$COUNT" = 1 ]; then
                # one failed save: the next ones hold everything
                [ "$(answers "$S")" -eq 10 ] || bad="$bad #$n:has-$(answers "$S")-of-10"
            elif [ -e "$S" ]; then
                [ "$(answers "$S")" -ge "$given" ] || bad="$bad #$n:has-$(answers "$S")-of-$given"
            elif [ "$given" -gt 0 ]; then bad="$bad #$n:session-gone"; fi
            n=$((n + 1))
        done
        what=$([ "$COUNT" = 1 ] && echo "one $call call failing" || echo "$call failing from one call on (disk full)")
        if [ "$c" -gt 0 ] && [ -z "$bad" ]; then
            ok "faults: practice, $what, at each of $c: exit 4, session whole, no answer lost"
        else fail "faults: practice, $what:$bad"; fi
    done
done
COUNT=1

# ---- practice --record: the signed result at the end ----
"$PROCTOR" keygen --student s1 --name "S One" --no-passphrase >/dev/null 2>&1
"$PROCTOR" key export >"$T/roster"
for call in open write fsync link; do
    for COUNT in 1 0; do
        rm -f "$S" "$T/r.json"
        c=$(calls_of $call "$PROCTOR" practice --new --bank $FB --seed 7 --record "$T/r.json" <"$T/in")
        bad=
        n=1
        while [ "$n" -le "$c" ]; do
            rm -f "$S" "$T/r.json"
            fault $call $n "$PROCTOR" practice --new --bank $FB --seed 7 --record "$T/r.json" <"$T/in"
            failed_cleanly || bad="$bad #$n:exit-$rc"
            no_tmp "$XDG_STATE_HOME" "$T" || bad="$bad #$n:tmp-left"
            given=$(given_before_fault "$T/out")
            if [ -e "$T/r.json" ]; then
                "$PROCTOR" verify --roster "$T/roster" --bank $FB "$T/r.json" >"$T/v" 2>&1 &&
                    grep -q 'OK 9/9' "$T/v" || bad="$bad #$n:bad-result"
            elif [ -e "$S" ]; then
                [ "$(answers "$S")" -ge "$given" ] || bad="$bad #$n:has-$(answers "$S")-of-$given"
            elif [ "$given" -gt 0 ]; then bad="$bad #$n:all-lost"; fi
            n=$((n + 1))
        done
        if [ "$c" -gt 0 ] && [ -z "$bad" ]; then
            ok "faults: practice --record, $call (count $COUNT) at each of $c: exit 4, a verified result or the session kept"
        else fail "faults: practice --record, $call (count $COUNT):$bad"; fi
    done
done
COUNT=1

# ---- verify --csv: the gradebook replaces an old one atomically ----
for mode in correct mixed none; do
    "$RT" make $FB "$FIX/keys/student.key" "$T/res-$mode.json" $mode 2>/dev/null
done
printf 'old gradebook\r\n' >"$T/old.csv"
for call in open write fsync rename; do
    cp "$T/old.csv" "$T/g.csv"
    c=$(calls_of $call "$PROCTOR" verify --roster "$FIX/keys/student.pub" --bank $FB --csv "$T/g.csv" "$T"/res-*.json)
    bad=
    n=1
    while [ "$n" -le "$c" ]; do
        cp "$T/old.csv" "$T/g.csv"
        fault $call $n "$PROCTOR" verify --roster "$FIX/keys/student.pub" --bank $FB --csv "$T/g.csv" "$T"/res-*.json
        failed_cleanly || bad="$bad #$n:exit-$rc"
        no_tmp "$T" || bad="$bad #$n:tmp-left"
        if cmp -s "$T/g.csv" "$T/old.csv"; then :; else
            [ "$(grep -c ',OK,' "$T/g.csv")" -eq 3 ] && [ "$(wc -l <"$T/g.csv")" -eq 4 ] ||
                bad="$bad #$n:csv-cut"
        fi
        n=$((n + 1))
    done
    if [ "$c" -gt 0 ] && [ -z "$bad" ]; then
        ok "faults: verify --csv, each of its $c $call calls failing: exit 4, the old gradebook or the whole new one"
    else fail "faults: verify --csv, $call:$bad"; fi
done

# ---- an unwritable directory ----
# chmod does not stop root (CI runs as root): there the shim fails every open for writing
# in the directory with EACCES instead, which is what the kernel would do.
unwritable() {
    if [ "$(id -u)" -ne 0 ]; then
        chmod 500 "$1"
        shift
        run "$@"
    else
        ONLY="$1/" COUNT=0 ERRNO=EACCES
        shift
        fault open 1 "$@"
        ONLY= COUNT=1 ERRNO=ENOSPC
    fi
}
if [ "$(id -u)" -eq 0 ]; then
    echo "skip - faults: a real chmod 500 directory (running as root; EACCES injected instead)"
fi
mkdir -p "$T/ro"
rm -rf "$XDG_STATE_HOME/proctor"
mkdir -p "$XDG_STATE_HOME/proctor"
unwritable "$XDG_STATE_HOME/proctor" "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/in"
if failed_cleanly "Permission denied" && grep -q "could not be saved" "$T/out" &&
    grep -q 'Your score: ' "$T/out"; then
    ok "faults: practice with an unwritable state directory says so, finishes the run and exits 4"
else fail "faults: practice with an unwritable state directory (exit $rc)"; fi
chmod 700 "$XDG_STATE_HOME/proctor"
unwritable "$T/ro" "$PROCTOR" keygen --student s2 --name S --no-passphrase --out "$T/ro"
if failed_cleanly "Permission denied" && [ ! -e "$T/ro/student.key" ] && no_tmp "$T/ro"; then
    ok "faults: keygen into an unwritable directory: exit 4, nothing written"
else fail "faults: keygen into an unwritable directory (exit $rc)"; fi
chmod 700 "$T/ro"
unwritable "$T/ro" "$PROCTOR" verify --roster "$FIX/keys/student.pub" --bank $FB --csv "$T/ro/g.csv" "$T/res-correct.json"
if failed_cleanly "Permission denied" && [ ! -e "$T/ro/g.csv" ]; then
    ok "faults: verify --csv into an unwritable directory: exit 4"
else fail "faults: verify --csv into an unwritable directory (exit $rc)"; fi
chmod 700 "$T/ro"
rm -f "$S"
unwritable "$T/ro" "$PROCTOR" practice --new --bank $FB --seed 7 --record "$T/ro/r.json" <"$T/in"
if failed_cleanly "Permission denied" && [ ! -e "$T/ro/r.json" ] && grep -q "Your answers are kept" "$T/out"; then
    ok "faults: practice --record into an unwritable directory: exit 4, answers kept"
else fail "faults: practice --record into an unwritable directory (exit $rc)"; fi
chmod 700 "$T/ro"
if [ "$(answers "$S")" -eq 10 ]; then ok "faults: and the saved session holds all 10 answers"
else fail "faults: and the saved session holds all 10 answers ($(answers "$S"))"; fi

# ---- allocation failures: never a crash, never a broken file ----
# sweep_malloc NAME STEP CHECK-DIR CMD...: every STEPth allocation failing in turn. In the C
# locale: glibc's setlocale leaks when one of its own allocations fails (LeakSanitizer).
sweep_malloc() {
    name=$1 step=$2 dir=$3
    shift 3
    LC_ALL=C
    c=$(calls_of malloc "$@" <"$T/in")
    bad=
    n=1
    runs=0
    while [ "$n" -le "$c" ]; do
        rm -f "$S" "$T/r.json"
        fault malloc $n "$@" <"$T/in"
        [ "$rc" -lt 128 ] || bad="$bad #$n:signal-$rc"
        case $rc in 0 | 1 | 3 | 4) ;; *) bad="$bad #$n:exit-$rc" ;; esac
        grep -q 'AddressSanitizer\|runtime error\|Segmentation' "$T/err" && bad="$bad #$n:crash"
        no_tmp "$dir" || bad="$bad #$n:tmp-left"
        if [ -e "$S" ] && [ "$(answers "$S")" -lt 0 ]; then bad="$bad #$n:bad-session"; fi
        n=$((n + step))
        runs=$((runs + 1))
    done
    if [ "$c" -gt 0 ] && [ -z "$bad" ]; then
        ok "faults: $name: $runs of its $c allocations failing in turn: no crash, exit 0/1/3/4, files whole"
    else fail "faults: $name ($c allocations):$bad"; fi
    LC_ALL=C.UTF-8
}
# every allocation of loading a bank (where a failed strdup crashed the loader); one in four
# under ASan, where each run is slower
step=1
case $PROCTOR in */build/asan/*) step=4 ;; esac
sweep_malloc "lint" $step "$T" "$PROCTOR" lint $FB
AFTER=practice.json
sweep_malloc "practice after the first save" 23 "$XDG_STATE_HOME" \
    "$PROCTOR" practice --new --bank $FB --seed 7
AFTER=
rm -rf "$T/k"
sweep_malloc "keygen" 1 "$T" "$PROCTOR" keygen --student s3 --name S --no-passphrase --out "$T/k" --force
AFTER=res-correct
sweep_malloc "verify --csv" 11 "$T" \
    "$PROCTOR" verify --roster "$FIX/keys/student.pub" --bank $FB --csv "$T/g.csv" "$T"/res-*.json
