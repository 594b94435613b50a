# SPDX-License-Identifier: ISC
# Shared preamble for CLI tests: a clean temporary HOME, fixed locale and time zone, and
# small assertion helpers that print "ok - ..." / "not ok - ..." lines for tests/run.sh.
set -u
export LC_ALL=C.UTF-8 TZ=UTC INPUTRC=/dev/null TERM=dumb NO_COLOR=1
unset PROCTOR_BANK PROCTOR_PASSPHRASE
SRC=${PROCTOR_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
PROCTOR=${PROCTOR:-$SRC/build/proctor}
BUILDDIR=${PROCTOR_BUILD:-$SRC/build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME"
BANK="$SRC/questions"
FIX="$SRC/tests/fixtures"

ok() { echo "ok - $*"; }
fail() { echo "not ok - $*"; }

# run CMD...: runs it, leaving stdout in $T/out, stderr in $T/err and status in $rc.
run() {
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# expect_rc N NAME: the last run exited N.
expect_rc() {
    if [ "$rc" -eq "$1" ]; then ok "$2"; else
        fail "$2 (exit $rc, wanted $1)"
        sed 's/^/#   err: /' "$T/err" | head -n 5
    fi
}

# expect_file_eq FILE WANT-FILE NAME: byte-for-byte comparison with a diff on failure.
expect_file_eq() {
    if cmp -s "$1" "$2"; then ok "$3"; else
        fail "$3"
        diff -u "$2" "$1" | head -n 30 | sed 's/^/#   /'
    fi
}

# expect_grep PATTERN FILE NAME: FILE has a line matching the extended regex PATTERN.
expect_grep() {
    if grep -Eq -- "$1" "$2"; then ok "$3"; else
        fail "$3 (no line matching '$1' in $(basename "$2"))"
        head -n 10 "$2" | sed 's/^/#   /'
    fi
}

# expect_no_grep PATTERN FILE NAME
expect_no_grep() {
    if grep -Eq -- "$1" "$2"; then
        fail "$3 (found '$1')"
        grep -E -- "$1" "$2" | head -n 5 | sed 's/^/#   /'
    else ok "$3"; fi
}

# use_bounded: defines bounded and expect_bounded for tests of bad input, where bounded time
# and memory are part of the assertion.
#   bounded CMD...       runs CMD with a 20 s timeout, recording its peak RSS in $kb
#   expect_bounded NAME  the last bounded run did not time out and stayed under MAXKB
use_bounded() {
    MAXKB=262144 # 256 MB: ASan builds need room; a normal build stays far below
    case $PROCTOR in
    */build/asan/*) export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" ;;
    esac
    if [ -x /usr/bin/time ]; then
        bounded() {
            run timeout 20 /usr/bin/time -f %M -o "$T/rss" "$@"
            kb=$(tail -n 1 "$T/rss" 2>/dev/null)
            case $kb in '' | *[!0-9]*) kb=0 ;; esac
        }
    else
        bounded() { run timeout 20 "$@"; kb=1; }
        echo "skip - bad input: /usr/bin/time is missing; memory is not measured"
    fi
}

expect_bounded() {
    if [ "$rc" -ne 124 ] && [ "$kb" -gt 0 ] && [ "$kb" -lt "$MAXKB" ]; then
        ok "$1: bounded (peak RSS ${kb} KB)"
    else fail "$1: bounded (exit $rc, peak RSS ${kb} KB)"; fi
}

# payload FILE: the signed payload of a result (or any signed file show-result reads).
payload() { "$PROCTOR" show-result --payload "$1"; }

# edit FILE CODE: FILE's payload with the python CODE applied to d (the parsed JSON), as a
# student would change their own result before re-signing it (tests/tools/result-tool resign).
edit() {
    payload "$1" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
exec(sys.argv[1])
sys.stdout.write(json.dumps(d, separators=(",", ":"), ensure_ascii=False))' "$2"
}

# conformance_dir: other projects' test data (../shared/conformance beside the source tree, or
# beside the main checkout of a git worktree; $PROCTOR_CONFORMANCE first). Empty when absent:
# a test then says "skip".
conformance_dir() {
    for d in "${PROCTOR_CONFORMANCE:-}" "$SRC/../shared/conformance" \
        "$(git -C "$SRC" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/../../shared/conformance"; do
        if [ -n "$d" ] && [ -d "$d" ]; then
            (cd "$d" && pwd)
            return
        fi
    done
}
