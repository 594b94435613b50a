#!/bin/sh
# SPDX-License-Identifier: ISC
# Allocation failures (tests/cli/faults.sh): every allocation of lint, keygen, and sampled
# ones of practice and verify --csv failing in turn: never a crash, never a broken file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"

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
