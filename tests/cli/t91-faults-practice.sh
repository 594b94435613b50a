#!/bin/sh
# SPDX-License-Identifier: ISC
# I/O faults in practice's session saves (tests/cli/faults.sh): each write, fsync, rename and
# open failing in turn, once and "disk stays full". Every run ends with exit 4, the session
# whole and no answer lost.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"

# ---- practice: the session saved after every answer ----
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
