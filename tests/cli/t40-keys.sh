#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor keygen, key export/check and roster add/list: files, modes, refusals, bad lines.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
D="$XDG_DATA_HOME/proctor"

# usage errors
run "$PROCTOR" keygen
expect_rc 2 "keygen with no arguments is a usage error"
run "$PROCTOR" keygen --student s1
expect_rc 2 "keygen without --name is a usage error"
run "$PROCTOR" keygen --student s1 --teacher --name X
expect_rc 2 "keygen with both --student and --teacher is a usage error"
# bad data in the values (exit 3, naming the option): tests/cli/t61-untrusted-text.sh has more
run "$PROCTOR" keygen --student 'a b' --name X --no-passphrase
expect_rc 3 "keygen refuses a bad id"
expect_grep "^proctor keygen: --student: bad id 'a b'" "$T/err" "and says why"
run "$PROCTOR" keygen --student s1 --name "$(printf 'A\tB')" --no-passphrase
expect_rc 3 "keygen refuses a name with a control character"
expect_grep '^proctor keygen: --name: name contains a control character \(U\+0009\)$' "$T/err" \
    "naming the option and the character"
run "$PROCTOR" keygen --student s1 --name X --bogus
expect_rc 2 "keygen with an unknown option is a usage error"
PROCTOR_PWHASH=huge run "$PROCTOR" keygen --student s1 --name X --no-passphrase
expect_rc 2 "an unknown PROCTOR_PWHASH is refused"
run "$PROCTOR" keygen -h
expect_rc 0 "keygen -h"
expect_grep "^usage: proctor keygen" "$T/out" "keygen -h prints usage"

# a student key without passphrase, in the default directory
run "$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase
expect_rc 0 "keygen --student --no-passphrase"
expect_grep "^proctor-pk1 [0-9a-f]{16} [A-Za-z0-9+/]{43}= student s1 Ann Lee$" "$T/out" \
    "keygen prints the public key line"
if [ "$(stat -c %a "$D/student.key")" = 600 ]; then ok "secret key file mode 0600"; else
    fail "secret key file mode 0600 (got $(stat -c %a "$D/student.key"))"; fi
expect_grep '"encryption":[[:space:]]*"none"' "$D/student.key" "unencrypted key says so"
cp "$D/student.key" "$T/before.key"
run "$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase
expect_rc 2 "keygen refuses to overwrite an existing key (a usage error: use --force)"
expect_grep "already exists; use --force" "$T/err" "and says to use --force"
expect_file_eq "$D/student.key" "$T/before.key" "the existing key is untouched"
run "$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --force
expect_rc 0 "keygen --force replaces it"
if cmp -s "$D/student.key" "$T/before.key"; then fail "--force wrote a new key"; else
    ok "--force wrote a new key"; fi

# export prints the same line as the .pub file, without a passphrase
run "$PROCTOR" key export
expect_rc 0 "key export"
expect_file_eq "$T/out" "$D/student.pub" "key export matches student.pub"
run "$PROCTOR" key check
expect_rc 0 "key check on an unencrypted key"
run "$PROCTOR" key frobnicate
expect_rc 2 "unknown key subcommand is a usage error"
run "$PROCTOR" key --key "$T/nope.key" export
expect_rc 4 "key export of a missing file"
expect_grep "no key at '.*nope.key'; run 'proctor keygen --student ID --name NAME'" "$T/err" "names the missing file and how to make a key"

# passphrase keys: from a file, from the environment, from stdin
printf 'correct horse\n' >"$T/pass"
run "$PROCTOR" keygen --teacher --name "Ms Teach" --out "$T/tk" --passphrase-file "$T/pass"
expect_rc 0 "keygen --teacher --passphrase-file"
expect_grep "proctor-pk1 .* teacher teacher Ms Teach$" "$T/out" "teacher line has id 'teacher'"
expect_grep "argon2id-xchacha20poly1305" "$T/tk/teacher.key" "key file names its cipher"
expect_grep '"opslimit"' "$T/tk/teacher.key" "key file stores the Argon2 opslimit"
expect_grep '"memlimit"' "$T/tk/teacher.key" "key file stores the Argon2 memlimit"
expect_grep '"salt"' "$T/tk/teacher.key" "key file stores the salt"
expect_no_grep "correct horse" "$T/tk/teacher.key" "the passphrase is not in the file"
run "$PROCTOR" key --key "$T/tk/teacher.key" --passphrase-file "$T/pass" check
expect_rc 0 "key check with the right passphrase file"
printf 'wrong horse\n' >"$T/wrong"
run "$PROCTOR" key --key "$T/tk/teacher.key" --passphrase-file "$T/wrong" check
expect_rc 1 "key check with a wrong passphrase exits 1"
expect_grep "teacher.key: cannot decrypt secret key: wrong passphrase$" "$T/err" \
    "wrong passphrase: clear message"
PROCTOR_PASSPHRASE='correct horse' run "$PROCTOR" key --key "$T/tk/teacher.key" check
expect_rc 0 "PROCTOR_PASSPHRASE opens the key"
PROCTOR_PASSPHRASE='nope' run "$PROCTOR" key --key "$T/tk/teacher.key" check
expect_rc 1 "a wrong PROCTOR_PASSPHRASE exits 1"
rc=$(printf 'correct horse\n' | "$PROCTOR" key --key "$T/tk/teacher.key" check >/dev/null 2>&1; echo $?)
expect_rc 0 "a passphrase on stdin (not a tty) opens the key"
rc=$(printf '' | "$PROCTOR" key --key "$T/tk/teacher.key" check >/dev/null 2>"$T/err"; echo $?)
expect_rc 2 "an empty passphrase on stdin is refused"
expect_grep "empty passphrase" "$T/err" "and says so"
rc=$(printf 'x\n' | "$PROCTOR" keygen --student s9 --name S --out "$T/s9" >/dev/null 2>&1; echo $?)
expect_rc 0 "keygen reads the passphrase from stdin when it is not a tty"
expect_grep "argon2id" "$T/s9/student.key" "and the key is encrypted"

# a corrupted key file fails cleanly
# the first character of the secret changed: A to B, anything else to A (t skips the second
# substitution after the first, which would otherwise turn a B it made back into an A)
sed -e 's/"secret":[[:space:]]*"A/"secret": "B/; t' -e 's/"secret":[[:space:]]*"[^A]/"secret": "A/' \
    "$T/tk/teacher.key" >"$T/bad.key"
run "$PROCTOR" key --key "$T/bad.key" --passphrase-file "$T/pass" check
if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; then ok "tampered key file refused (exit $rc)"; else
    fail "tampered key file refused (exit $rc)"; fi
printf '{"format":"proctor-secret-key","format":"x"}' >"$T/dup.key"
run "$PROCTOR" key --key "$T/dup.key" export
expect_rc 3 "key file with duplicate keys refused"
expect_grep "dup.key:1:32: duplicate object key" "$T/err" "with line and column"
ln -s /dev/zero "$T/zero.key"
run "$PROCTOR" key --key "$T/zero.key" export
expect_rc 3 "a /dev/zero symlink is not a key file"
expect_grep "not a regular file" "$T/err" "and says why"

# roster
LINE=$(cat "$D/student.pub")
run "$PROCTOR" roster add "$LINE"
expect_rc 0 "roster add LINE"
expect_grep "1 key added" "$T/err" "reports one key added"
run "$PROCTOR" roster add "$LINE"
expect_rc 0 "adding the same line again is fine"
expect_grep "0 keys added" "$T/err" "and adds nothing"
run "$PROCTOR" roster list
expect_rc 0 "roster list"
expect_grep "^s1 +[0-9a-f]{16}  Ann Lee$" "$T/out" "lists s1"
"$PROCTOR" keygen --student s2 --name "Bo" --no-passphrase --out "$T/s2" >/dev/null
"$PROCTOR" keygen --student s3 --name "Cy" --no-passphrase --out "$T/s3" >/dev/null
"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --out "$T/s1b" >/dev/null
{ echo "# my class"; echo; cat "$T/s2/student.pub" "$T/s3/student.pub"; } >"$T/class.txt"
run "$PROCTOR" roster --roster "$T/r2" add "$T/class.txt"
expect_rc 0 "roster add FILE"
run "$PROCTOR" roster --roster "$T/r2" list
expect_rc 0 "roster list --roster"
if [ "$(wc -l <"$T/out")" -eq 2 ]; then ok "two students listed"; else fail "two students listed"; fi
cat "$T/s1b/student.pub" | { "$PROCTOR" roster --roster "$T/r2" add - >/dev/null 2>&1; }
run "$PROCTOR" roster --roster "$T/r2" list
expect_grep "^s1 " "$T/out" "roster add - reads standard input"
run "$PROCTOR" roster --roster "$T/r2" add "$LINE"
expect_rc 2 "a second key for s1 is refused (a usage error: use --replace)"
expect_grep "another key or name; use --replace" "$T/err" "and says to use --replace"
run "$PROCTOR" roster --roster "$T/r2" add --replace "$LINE"
expect_rc 0 "--replace swaps s1's key"
run "$PROCTOR" roster --roster "$T/r2" list
expect_grep "^s1 +$(echo "$LINE" | cut -d' ' -f2)  " "$T/out" "s1 now has the first key"
TLINE=$(cat "$T/tk/teacher.pub")
run "$PROCTOR" roster --roster "$T/r2" add "$TLINE"
expect_rc 3 "a teacher key is refused in a roster"

# malformed, weak and small-order keys
KID=$(echo "$LINE" | cut -d' ' -f2)
bad_line() {
    run "$PROCTOR" roster --roster "$T/r3" add "$1"
    if [ "$rc" -eq 3 ]; then ok "refused: $2"; else fail "refused: $2 (exit $rc)"; fi
    expect_grep "$3" "$T/err" "$2: says '$3'"
}
bad_line "proctor-pk1 $KID AAAA student s1 X" "short key" "not 32 bytes"
bad_line "proctor-pk1 0000000000000000 $(echo "$LINE" | cut -d' ' -f3) student s1 X" \
    "wrong key id" "does not match the public key"
# order-8 point 26e8958f...fc05 and the identity, with their own key ids
bad_line "proctor-pk1 0 JuiVj8KyJ7BFw/SJ8u+Y8NXfrAXTxjM5sTgCiG1T/AU= student s1 X" \
    "small-order key" "small-order"
bad_line "proctor-pk1 0 AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= student s1 X" \
    "identity key" "small-order"
bad_line "proctor-pk1 0 AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= student s1 X" \
    "point off the curve" "not a valid Ed25519 point"
bad_line "proctor-pk1 $KID $(echo "$LINE" | cut -d' ' -f3) student s1" "missing name" "NAME"
bad_line "proctor-pk1  $KID x student s1 X" "double space" "one space apart"
bad_line "ssh-ed25519 AAAA" "not a proctor line" "not a public key line"
if [ ! -e "$T/r3" ]; then ok "no roster file created by refused lines"; else
    fail "no roster file created by refused lines"; fi
printf '%s\nnot a key line\n' "$LINE" >"$T/r4"
run "$PROCTOR" roster --roster "$T/r4" list
expect_rc 3 "a roster with a bad line is refused"
expect_grep "r4:2: not a public key line" "$T/err" "naming the line"
run "$PROCTOR" roster --roster "$T/none" list
expect_rc 4 "a missing roster"
run "$PROCTOR" roster
expect_rc 2 "roster without a subcommand is a usage error"

# A hand-edited roster. A small-order key is refused when the roster loads, naming the line
# (libsodium would refuse its signatures too). A mixed-order key (a good key plus a point of
# order 8, which libsodium's verify accepts: tests/unit/test-keys.c signs under one) loads,
# because the costly check of each key waits for its first use, but is never trusted:
# 'roster list' checks every key and names it; verify still checks the others' files, and
# never hands the key out to check its own (tests/unit/test-keys.c test_roster_weak_keys signs
# under such a key and asks the roster for it).
RT="$BUILDDIR/tests/tools/result-tool"
MIXED="proctor-pk1 d6e64d52e3422f34 +7MhHRd7zO/XY9AaiPZHPkPlzwoHQORKtcZEYO79RnU= student mallory Mallory"
printf '%s\nproctor-pk1 0 JuiVj8KyJ7BFw/SJ8u+Y8NXfrAXTxjM5sTgCiG1T/AU= student eve Eve\n' \
    "$LINE" >"$T/r5"
"$RT" make tests/fixtures/bank "$D/student.key" "$T/res1.json" correct
run "$PROCTOR" verify --roster "$T/r5" --bank tests/fixtures/bank "$T/res1.json"
expect_rc 3 "verify with a small-order key in the roster: bad data"
expect_grep "r5:2: public key is a small-order point" "$T/err" "naming the roster's line"
printf '%s\n%s\n' "$LINE" "$MIXED" >"$T/r6"
run "$PROCTOR" roster --roster "$T/r6" list
expect_rc 3 "roster list with a mixed-order key: bad data"
expect_grep "^s1 " "$T/out" "still lists the class"
expect_grep "the roster's key of mallory is refused: public key is not a valid Ed25519 point" \
    "$T/err" "and names the weak key"
run "$PROCTOR" verify --roster "$T/r6" --bank tests/fixtures/bank "$T/res1.json"
expect_rc 0 "verify with that roster checks s1's file (the weak key is never used)"
expect_grep ": OK" "$T/out" "as OK"
