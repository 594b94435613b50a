#!/bin/sh
# SPDX-License-Identifier: ISC
# I/O faults: with tests/tools/faultinject.so preloaded (tests/cli/faults.sh), each write,
# fsync, rename, link and open of `keygen` and `verify --csv` fails in turn, once and "disk
# stays full" (ENOSPC). Every run must end with a message and exit 4 and leave the complete
# old file or the complete new one: no truncated file, no *.tmp* file left behind. Also an
# unwritable directory. Practice saves, practice --record and allocation failures are in
# t91-faults-practice.sh, t91-faults-record.sh and t91-faults-malloc.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults.sh"

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

# ---- verify --csv: the gradebook replaces an old one atomically ----
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
"$PROCTOR" keygen --student s1 --name "S One" --no-passphrase >/dev/null 2>&1
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
