#!/bin/sh
# SPDX-License-Identifier: ISC
# The assignment commands' edges: help, no arguments, extra arguments, unknown options,
# missing and wrong files, each with its documented exit status and a message naming the
# file; mark and return refuse keys and files that are not theirs.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
cd "$T" || exit 1

for c in assign take mark return review; do
    run "$PROCTOR" help $c
    expect_grep "^usage: proctor $c " "$T/out" "help $c"
    run "$PROCTOR" $c --nonsense
    expect_rc 2 "$c: an unknown option is a usage error"
done
run "$PROCTOR" --help
for c in assign take mark return review; do
    expect_grep "^  $c " "$T/out" "--help lists '$c'"
done
run "$PROCTOR" take
expect_rc 2 "take: no file"
run "$PROCTOR" take a.json b.json
expect_rc 2 "take: two files"
run "$PROCTOR" take nothing.json
expect_rc 4 "take: a missing file"
expect_grep "nothing.json: cannot open" "$T/err" "take: names the file"
printf 'not json' >junk.json
run "$PROCTOR" take junk.json
expect_rc 1 "take: a file that is not a signed assignment is refused"
expect_grep "junk.json.*not a signed proctor file" "$T/err" "take: says what it is not"
run "$PROCTOR" review
expect_rc 2 "review: no file"
run "$PROCTOR" review junk.json
expect_rc 1 "review: junk is refused"
run "$PROCTOR" mark k.json
expect_rc 2 "mark: --answer-key is required"
run "$PROCTOR" mark --answer-key k.json
expect_rc 2 "mark: results are required"
run "$PROCTOR" return --answer-key k.json
expect_rc 2 "return: results are required"
run "$PROCTOR" return --answer-key k.json --out g.json r1.json r2.json
expect_rc 2 "return: --out takes one result"
run "$PROCTOR" return --out g.json r.json
expect_rc 2 "return: --answer-key is required"
run "$PROCTOR" verify --answer-key k.json r.json
expect_rc 2 "verify: --answer-key goes with --assignment"
run "$PROCTOR" verify --roster r --assignment a.json --method best r.json
expect_rc 2 "verify: an unknown --method"

# the teacher's commands work with the teacher's own key and answer key only
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase >/dev/null
"$PROCTOR" keygen --teacher --name "Mr Oh" --id oh --no-passphrase --out other >/dev/null
"$PROCTOR" keygen --student s1 --name Ann --no-passphrase --out s1 >/dev/null
"$PROCTOR" key --key s1/student.key export >class.pub
"$PROCTOR" roster add class.pub 2>/dev/null
"$PROCTOR" assign --bank "$FB" --title "A" --id a --out a.json >/dev/null
"$PROCTOR" assign --bank "$FB" --title "A" --id a --open --out open.json >/dev/null
run "$PROCTOR" mark --answer-key a.key.json --key other/teacher.key x.json
expect_rc 1 "mark: an answer key signed by another teacher is refused"
expect_grep "not signed by your key" "$T/err" "mark: says whose key"
run "$PROCTOR" mark --answer-key a.json x.json
expect_rc 2 "mark: a sealed assignment is not an answer key"
"$BUILDDIR/tests/tools/answer-key" --assignment open.json - s1 right |
    "$PROCTOR" take --key s1/student.key --yes open.json >/dev/null 2>&1
run "$PROCTOR" mark --answer-key a.key.json a-s1-1.result.json
expect_grep "skipped: .*(another version of assignment|not a result of assignment)" "$T/out" \
    "mark: a result of another assignment is skipped"
run "$PROCTOR" mark --answer-key open.json a-s1-1.result.json
expect_rc 0 "mark: an open assignment is its own answer key"
run "$PROCTOR" return --answer-key a.key.json a-s1-1.result.json --out g.json
expect_rc 1 "return: a result of another assignment is refused"
expect_grep "INVALID: result is for another version of assignment 'a'" "$T/out" "return: says why"
if [ ! -e g.json ]; then ok "return: nothing written"; else fail "return: nothing written"; fi
run "$PROCTOR" return --answer-key open.json a-s1-1.result.json --out g.json
expect_rc 0 "return: an open assignment's result"
run "$PROCTOR" review g.json
expect_rc 0 "review: the teacher's own key is believed"
