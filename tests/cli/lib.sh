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
