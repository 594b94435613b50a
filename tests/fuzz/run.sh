#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs each libFuzzer harness given for SECONDS on a scratch copy of its seed corpus
# (tests/fuzz/corpus/<harness>/), so the committed corpus never grows. Crash inputs and logs
# are kept in build/fuzz/out/<harness>/. Exit 1 when any harness found something.
#   usage: tests/fuzz/run.sh SECONDS build/fuzz/fuzz-NAME...
set -u
cd "$(dirname "$0")/../.."
secs=$1
shift
status=0
for bin in "$@"; do
    name=$(basename "$bin")
    out=build/fuzz/out/$name
    rm -rf "$out"
    mkdir -p "$out/corpus"
    if [ -d "tests/fuzz/corpus/$name" ]; then
        cp tests/fuzz/corpus/"$name"/* "$out/corpus/" 2>/dev/null
    fi
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
    printf '%s: %s s ... ' "$name" "$secs"
    if "$bin" $dict -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" >"$out/log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")
        echo "ok, $execs runs"
    else
        echo "FAILED (see $out/log)"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant failed|.*runtime error)' "$out/log" | head -n 5
        ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-* 2>/dev/null
        status=1
    fi
done
exit $status
