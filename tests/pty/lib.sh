# SPDX-License-Identifier: ISC
# Helpers for the pseudo-terminal tests, sourced after tests/cli/lib.sh. Each test drives a
# command through build/tests/pty/ptyrun (see the comment at the top of ptyrun.c).
PTYRUN=${PTYRUN:-$BUILDDIR/tests/pty/ptyrun}

# pty_require: stops the test with a skip line when ptyrun is missing or no pty can be had.
pty_require() {
    if [ ! -x "$PTYRUN" ]; then
        fail "ptyrun is built ($PTYRUN missing; run make)"
        exit 1
    fi
    "$PTYRUN" -t 5 /dev/null -- true >"$T/probe" 2>&1
    case $? in
    0) ;;
    77) echo "skip - no pty ($(cat "$T/probe"))"; exit 0 ;;
    *) fail "ptyrun runs a trivial command"; sed 's/^/#   /' "$T/probe"; exit 1 ;;
    esac
}

# pty NAME PTYRUN-ARGS...: runs ptyrun (script usually "-", on stdin) and prints ok/not ok
# NAME; on failure shows ptyrun's report. Leaves its status in $prc, its report in $T/pty.out.
pty() {
    _name=$1
    shift
    "$PTYRUN" "$@" >"$T/pty.out" 2>&1
    prc=$?
    case $prc in
    0) ok "$_name" ;;
    77) echo "skip - $_name (no pty)" ;;
    *) fail "$_name (ptyrun exit $prc)"; head -n 60 "$T/pty.out" | sed 's/^/#   /' ;;
    esac
}

# pty_fails NAME WANT-STATUS PTYRUN-ARGS...: the run must fail with WANT-STATUS (a check that
# the driver really detects what it is asked to check).
pty_fails() {
    _name=$1 _want=$2
    shift 2
    "$PTYRUN" "$@" >"$T/pty.out" 2>&1
    prc=$?
    if [ $prc -eq "$_want" ]; then ok "$_name"; else
        fail "$_name (ptyrun exit $prc, wanted $_want)"
        head -n 30 "$T/pty.out" | sed 's/^/#   /'
    fi
}
