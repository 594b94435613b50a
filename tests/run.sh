#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs every test: unit binaries, CLI scripts and pseudo-terminal scripts. Each prints
# "ok - ..." / "not ok - ..." lines (and "skip - ..."); this counts them and ends with
# "N passed, N failed, N skipped". Exit 1 when anything failed. BUILD selects the build
# directory.
#
# Tests run side by side: as many at once as the -j of the make that runs this (make test
# -j2), or JOBS; one at a time otherwise. Each test keeps its files in its own mktemp
# directory, so none shares a path with another. The slowest tests of the last run start
# first ($BUILD/.test-times), so the run ends when the longest test does, not later. The
# report is in the same order whatever the timing: the failed checks, then, for each test
# that failed, its whole output.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export PROCTOR="${PROCTOR:-$PWD/$BUILD/proctor}" PROCTOR_BUILD="$PWD/$BUILD" PROCTOR_SRC="$PWD"

# --one NAME: runs one test (called by xargs below), leaving in $RUN_DIR/<key>: its output
# (.out), exit status (.rc) and wall time in milliseconds (.ms).
if [ "${1:-}" = --one ]; then
    name=$2
    key=$(printf '%s' "$name" | tr '/' '_')
    start=$(date +%s%3N)
    case $name in
    *.sh) sh "$name" >"$RUN_DIR/$key.out" 2>&1 ;;
    *) "$name" >"$RUN_DIR/$key.out" 2>&1 ;;
    esac
    echo $? >"$RUN_DIR/$key.rc"
    echo $(($(date +%s%3N) - start)) >"$RUN_DIR/$key.ms"
    exit 0
fi

# the jobs: JOBS, else -jN from MAKEFLAGS (-j alone: one per processor), else 1
jobs=${JOBS:-}
if [ -z "$jobs" ]; then
    jobs=1
    for w in ${MAKEFLAGS:-}; do
        case $w in
        -j) jobs=$(nproc 2>/dev/null || echo 2) ;;
        -j[0-9]*) jobs=${w#-j} ;;
        --jobs=[0-9]*) jobs=${w#--jobs=} ;;
        esac
    done
fi
case $jobs in '' | *[!0-9]* | 0) jobs=1 ;; esac

RUN_DIR=$(mktemp -d)
export RUN_DIR
trap 'rm -rf "$RUN_DIR"' EXIT

tests=
for t in "$BUILD"/tests/unit/test-*; do
    [ -x "$t" ] && case $t in *.d | *.o) ;; *) tests="$tests $t" ;; esac
done
for t in tests/cli/t*.sh tests/pty/t*.sh; do
    [ -f "$t" ] && tests="$tests $t"
done

# longest first by the last run's times; tests not timed yet go first
times="$BUILD/.test-times"
for t in $tests; do
    ms=$(awk -v t="$t" '$1 == t { print $2 }' "$times" 2>/dev/null)
    echo "${ms:-999999999} $t"
done | sort -k1,1nr -k2 | awk '{ print $2 }' >"$RUN_DIR/order"
xargs -P "$jobs" -n 1 sh tests/run.sh --one <"$RUN_DIR/order"

log="$RUN_DIR/log"
: >"$log"
: >"$RUN_DIR/times"
status=0
for name in $tests; do
    key=$(printf '%s' "$name" | tr '/' '_')
    label=$(basename "$name")
    case $name in *.sh) label=$name ;; esac
    out="$RUN_DIR/$key.out"
    rc=$(cat "$RUN_DIR/$key.rc" 2>/dev/null || echo 127)
    echo "$name $(cat "$RUN_DIR/$key.ms" 2>/dev/null || echo 0)" >>"$RUN_DIR/times"
    [ -f "$out" ] || : >"$out"
    sed "s|^|$label: |" "$out" | grep -aE ': (not ok|ok|skip) - ' >>"$log"
    if ! grep -aqE '^(ok|not ok|skip) - ' "$out"; then
        echo "$label: not ok - ran no checks (exit $rc)" >>"$log"
    elif [ "$rc" -ne 0 ] && ! grep -aq '^not ok - ' "$out"; then
        echo "$label: not ok - exited $rc after its checks" >>"$log"
    fi
    if grep -aq '^not ok - ' "$out" || [ "$rc" -ne 0 ]; then
        echo "---- $label (exit $rc)"
        cat "$out"
        status=1
    fi
done
cp "$RUN_DIR/times" "$times" 2>/dev/null

passed=$(grep -ac ': ok - ' "$log")
failed=$(grep -ac ': not ok - ' "$log")
skipped=$(grep -ac ': skip - ' "$log")
if [ "${VERBOSE:-0}" = 1 ]; then cat "$log"; fi
grep -a ': not ok - ' "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ $status -eq 0 ]
