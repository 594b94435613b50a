#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs every test: unit binaries, then CLI scripts, then pseudo-terminal scripts. Each prints
# "ok - ..." / "not ok - ..." lines (and "skip - ..."); this counts them and ends with
# "N passed, N failed". Exit 1 when anything failed. BUILD selects the build directory.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export PROCTOR="${PROCTOR:-$PWD/$BUILD/proctor}" PROCTOR_BUILD="$PWD/$BUILD" PROCTOR_SRC="$PWD"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run_one() {
    name=$1
    shift
    out=$(mktemp)
    "$@" >"$out" 2>&1
    rc=$?
    sed "s|^|$name: |" "$out" | grep -aE ': (not ok|ok|skip) - ' >>"$log"
    if ! grep -aqE '^(ok|not ok|skip) - ' "$out"; then
        echo "not ok - $name: ran no checks (exit $rc)" | sed "s|^|$name: |" >>"$log"
    elif [ $rc -ne 0 ] && ! grep -aq '^not ok - ' "$out"; then
        echo "$name: not ok - exited $rc after its checks" >>"$log"
    fi
    if grep -aq '^not ok - ' "$out" || [ $rc -ne 0 ]; then
        echo "---- $name (exit $rc)"
        cat "$out"
        status=1
    fi
    rm -f "$out"
}

for t in "$BUILD"/tests/unit/test-*; do
    [ -x "$t" ] && case $t in *.d|*.o) ;; *) run_one "$(basename "$t")" "$t" ;; esac
done
for t in tests/cli/t*.sh tests/pty/t*.sh; do
    [ -f "$t" ] && run_one "$t" sh "$t"
done

passed=$(grep -ac ': ok - ' "$log")
failed=$(grep -ac ': not ok - ' "$log")
skipped=$(grep -ac ': skip - ' "$log")
if [ "${VERBOSE:-0}" = 1 ]; then cat "$log"; fi
grep -a ': not ok - ' "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ $status -eq 0 ]
