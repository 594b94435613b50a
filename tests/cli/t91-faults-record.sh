#!/bin/sh
# SPDX-License-Identifier: ISC
# I/O faults in practice --record (tests/cli/faults.sh): each open, write, fsync and link of
# the run failing in turn, once and "disk stays full": exit 4, and a result that verifies or
# the session kept with every answer given.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"

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
