#!/bin/sh
# SPDX-License-Identifier: ISC
# Self-tests of the pseudo-terminal driver tests/pty/ptyrun.c, with ordinary programs: input
# and output, escape stripping, echo off, window size, Ctrl-C and signals, exit status, and
# that each kind of step really fails (quickly) when what it checks is not so.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require

# usage errors
pty_fails "no arguments is a usage error" 2
pty_fails "a missing -- is a usage error" 2 - true

pty "a line typed is read by the command" -t 5 - -- sh -c 'read x; echo got:$x' <<'S'
sendline hello world
expect got:hello world
expect-exit 0
expect-eof
S

pty "stdin, stdout and stderr are the terminal" -t 5 - -- sh -c \
    'test -t 0 && test -t 1 && test -t 2 && echo all-tty; tty' <<'S'
expect all-tty
expect-re ^/dev/pts/[0-9]+$
expect-exit 0
S

pty "TERM is xterm by default" -t 5 - -- sh -c 'echo "term=$TERM."' <<'S'
expect term=xterm.
S
pty "-T sets TERM" -t 5 -T vt100 - -- sh -c 'echo "term=$TERM."' <<'S'
expect term=vt100.
S

pty "expect sees through escape sequences and carriage returns" -t 5 - -- sh -c \
    'printf "Ques\033[1mtion\033[0m 1\033[K of\r\n\033]0;title\007ok\r\n"' <<'S'
expect Question 1 of
expect ok
expect-exit 0
S

pty "expect matches raw escapes when asked to" -t 5 - -- sh -c \
    'printf "plain \033[1mbold\033[0m\n"' <<'S'
expect \e[1mbold\e[0m
S

pty "expect-re matches an extended regex, and expect consumes output" -t 5 - -- sh -c \
    'echo "score 7/10 (70%)"; echo second' <<'S'
expect-re score [0-9]+/10 \([0-9]+%\)
expect second
expect-exit 0
S

pty_fails "expect does not match text before the last match" 1 -t 5 - -- sh -c \
    'echo alpha; echo beta; sleep 5' <<'S'
timeout 0.5
expect beta
expect alpha
S

pty_fails "expect fails when the text never comes (and does not wait out the command)" 1 \
    -t 5 - -- sh -c 'echo something else; sleep 10' <<'S'
timeout 0.3
expect never printed
S
expect_grep 'ptyrun: -:2: expect: timed out' "$T/pty.out" "a failed expect names the script line"
expect_grep 'something else' "$T/pty.out" "a failed expect shows the output it got"

pty_fails "expect fails at once when the command exits without printing it" 1 -t 20 - -- \
    sh -c 'echo bye' <<'S'
expect never printed
S
expect_grep 'output ended' "$T/pty.out" "the report says the output ended"

pty "echo-off sees stty -echo, echo-on sees it restored" -t 5 - -- sh -c \
    'stty -echo; echo prompt:; read x; stty echo; echo "len=${#x}"; read y' <<'S'
expect prompt:
echo-off
sendline hunter2
expect len=7
not-expect hunter2
echo-on
sendline visible
expect visible
S

pty_fails "echo-off fails while the terminal echoes" 1 -t 5 - -- sh -c 'echo ready; read x' <<'S'
expect ready
timeout 0.3
echo-off
S

pty_fails "not-expect fails when the text appeared" 1 -t 5 - -- sh -c 'echo secret; read x' <<'S'
expect secret
not-expect secret
S

pty "the window size is set with -s and changed with resize" -t 5 -s 30x100 - -- sh -c \
    'stty size; read x; stty size' <<'S'
expect 30 100
resize 40 132
sendline
expect 40 132
expect-exit 0
S

pty "resize delivers SIGWINCH" -t 5 - -- sh -c \
    'trap "echo got-winch" WINCH; echo armed; while :; do sleep 0.05; done' <<'S'
expect armed
resize 50 70
expect got-winch
S

pty "Ctrl-C interrupts sleep" -t 5 - -- sleep 30 <<'S'
sleep 100
send \x03
expect-exit signal INT
S

pty "Ctrl-C interrupts cat, which copied a line first" -t 5 - -- cat <<'S'
sendline abc
# the terminal's echo, then cat's copy
expect abc
expect abc
send \x03
expect-exit signal INT
S

pty "Ctrl-D ends cat's input" -t 5 - -- cat <<'S'
send \x04
expect-exit 0
S

pty "signal TERM reaches the command" -t 5 - -- sh -c 'echo up; exec sleep 30' <<'S'
expect up
signal TERM
expect-exit signal TERM
S

pty_fails "expect-exit fails on the wrong status" 1 -t 5 - -- sh -c 'exit 3' <<'S'
expect-exit 0
S
pty "expect-exit takes the status" -t 5 - -- sh -c 'exit 3' <<'S'
expect-exit 3
S

pty_fails "expect-exit fails while the command runs on" 1 -t 5 - -- sleep 30 <<'S'
timeout 0.3
expect-exit 0
S

pty_fails "an unknown step is an error" 1 -t 5 - -- true <<'S'
frobnicate
S
pty_fails "a bad escape is an error" 1 -t 5 - -- cat <<'S'
send \q
S

# The global limit bounds everything, even a script that would wait forever, and the command
# is killed with it.
start=$(date +%s)
pty_fails "the global time limit ends a stuck run" 1 -t 1 - -- sh -c \
    'echo $$ >"$0"; exec sleep 60' "$T/stuck.pid" <<'S'
expect never
S
elapsed=$(($(date +%s) - start))
if [ $elapsed -le 4 ]; then ok "the stuck run ended within the limit (${elapsed}s)"; else
    fail "the stuck run took ${elapsed}s with -t 1"; fi
if [ -s "$T/stuck.pid" ] && kill -0 "$(cat "$T/stuck.pid")" 2>/dev/null; then
    fail "the command is killed when the run fails"
    kill "$(cat "$T/stuck.pid")"
else ok "the command is killed when the run fails"; fi

pty "a passing script ends a command still running" -t 5 - -- sh -c \
    'echo $$ >"$0"; echo up; exec sleep 60' "$T/left.pid" <<'S'
expect up
S
sleep 1
if [ -s "$T/left.pid" ] && kill -0 "$(cat "$T/left.pid")" 2>/dev/null; then
    fail "no command is left running after the script"
    kill "$(cat "$T/left.pid")"
else ok "no command is left running after the script"; fi

pty "-l writes the raw transcript" -t 5 -l "$T/log" - -- sh -c \
    'printf "one\033[1mtwo\r\n"; echo three' <<'S'
expect three
expect-eof
S
# the terminal turns the \n after \r into \r\n (onlcr)
if printf 'one\033[1mtwo\r\r\nthree\r\n' | cmp -s - "$T/log"; then ok "the log holds the raw bytes"
else fail "the log holds the raw bytes"; od -c "$T/log" | head -n 5 | sed 's/^/#   /'; fi

printf 'sendline from a file\nexpect got:from a file\n' >"$T/script"
pty "the script can be a file" -t 5 "$T/script" -- sh -c 'read x; echo got:$x'

pty_fails "a command that cannot be run fails the run" 1 -t 5 - -- /nonexistent/cmd <<'S'
expect anything
S
expect_grep "cannot run '/nonexistent/cmd'" "$T/pty.out" "the report names the command"
