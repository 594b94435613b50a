#!/bin/sh
# SPDX-License-Identifier: ISC
# Passphrases typed on a real pseudo-terminal: echo is off while typing and back on after,
# keygen asks twice, a wrong passphrase fails cleanly (exit 1, clear message), and the
# passphrase never appears in the output or the key file. Uses tests/pty/ptyrun.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pty/lib.sh"
pty_require
cd "$T" || exit 1
# the default Argon2id cost (INTERACTIVE) here, to exercise the real path once
unset PROCTOR_PWHASH

pty "keygen reads the passphrase twice with echo off" -t 20 - -- sh -c \
    "'$PROCTOR' keygen --student s1 --name 'Ann Lee' --out k; echo rc=\$?; read x" <<'S'
expect Passphrase for the new key:
echo-off
sendline tr0ub4dor &3
expect Repeat passphrase:
echo-off
sendline tr0ub4dor &3
expect (passphrase protected)
expect rc=0
not-expect tr0ub4dor
echo-on
S
expect_grep '"encryption":[[:space:]]*"argon2id-xchacha20poly1305"' k/student.key \
    "the key file is encrypted"
expect_no_grep "tr0ub4dor" k/student.key "the passphrase is not in the key file"
expect_grep '"opslimit":[[:space:]]*2,' k/student.key "default cost is OPSLIMIT_INTERACTIVE"

pty "keygen asks again when the passphrases differ, three times at most" -t 20 - -- sh -c \
    "PROCTOR_PWHASH=min '$PROCTOR' keygen --student s2 --name Bo --out k2; echo rc=\$?; read x" <<'S'
expect Passphrase for the new key:
echo-off
sendline one thing
expect Repeat passphrase:
sendline another
expect Passphrases do not match; try again.
expect Passphrase for the new key:
sendline one thing
expect Repeat passphrase:
sendline a third
expect Passphrases do not match; try again.
expect Passphrase for the new key:
sendline one thing
expect Repeat passphrase:
sendline a fourth
expect passphrases do not match
expect rc=2
echo-on
S
if [ ! -e k2/student.key ]; then ok "no key written after three mismatches"; else
    fail "no key written after three mismatches"; fi

pty "keygen: a mismatch, then the same passphrase twice" -t 20 - -- sh -c \
    "PROCTOR_PWHASH=min '$PROCTOR' keygen --teacher --name Tee --out k3; echo rc=\$?; read x" <<'S'
expect Passphrase for the new key:
echo-off
sendline first try
expect Repeat passphrase:
sendline frist try
expect Passphrases do not match; try again.
expect Passphrase for the new key:
sendline second try
expect Repeat passphrase:
sendline second try
expect (passphrase protected)
expect rc=0
echo-on
S

# a mistyped passphrase gets two more tries (assign, as every signing command)
pty "a wrong passphrase, then the right one" -t 20 - -- sh -c \
    "'$PROCTOR' assign --bank '$FIX/bank' --title T --key k3/teacher.key --out a.json >/dev/null; echo rc=\$?; read x" <<'S'
expect Passphrase for k3/teacher.key:
echo-off
sendline second tyr
expect Wrong passphrase; try again (2 more tries).
expect Passphrase for k3/teacher.key:
sendline second try
expect rc=0
echo-on
S
[ -f a.json ] && ok "the assignment is written after the retry" ||
    fail "the assignment is written after the retry"
pty "three wrong passphrases: the command fails" -t 20 - -- sh -c \
    "'$PROCTOR' assign --bank '$FIX/bank' --title T --key k3/teacher.key --out b.json; echo rc=\$?; read x" <<'S'
expect Passphrase for k3/teacher.key:
echo-off
sendline one
expect Wrong passphrase; try again (2 more tries).
expect Passphrase for k3/teacher.key:
sendline two
expect Wrong passphrase; try again (1 more try).
expect Passphrase for k3/teacher.key:
sendline three
expect k3/teacher.key: cannot decrypt secret key: wrong passphrase
expect rc=1
echo-on
S

pty "key check with the right passphrase" -t 20 - -- sh -c \
    "'$PROCTOR' key --key k/student.key check; echo rc=\$?; read x" <<'S'
expect Passphrase for k/student.key:
echo-off
sendline tr0ub4dor &3
expect secret key opens and matches public key
expect rc=0
not-expect tr0ub4dor
echo-on
S

pty "a wrong passphrase fails cleanly and restores echo" -t 20 - -- sh -c \
    "'$PROCTOR' key --key k/student.key check; echo rc=\$?; read x" <<'S'
expect Passphrase for k/student.key:
echo-off
sendline correct horse
expect k/student.key: cannot decrypt secret key: wrong passphrase
expect rc=1
not-expect correct horse
echo-on
S

pty "Ctrl-D at the prompt is an empty passphrase, refused" -t 20 - -- sh -c \
    "'$PROCTOR' key --key k/student.key check; echo rc=\$?; read x" <<'S'
expect Passphrase for k/student.key:
echo-off
send \x04
expect empty passphrase
expect rc=2
echo-on
S

pty "Ctrl-C at the prompt restores echo" -t 20 - -- sh -c \
    "trap : INT; '$PROCTOR' key --key k/student.key check; echo rc=\$?; read x" <<'S'
expect Passphrase for k/student.key:
echo-off
send \x03
expect rc=130
echo-on
S
