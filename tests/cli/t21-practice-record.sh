#!/bin/sh
# proctor practice --record: a signed result of a practice run that verify accepts.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank
KEY="$BUILDDIR/tests/tools/answer-key"

run "$PROCTOR" practice --new --bank $FB --record "$T/r.json" </dev/null
expect_rc 4 "record: no key yet is an error before any question"
expect_grep "no key at '.*student.key'; make one with 'proctor keygen" "$T/err" "record: says how to make a key"
if grep -q '^Question' "$T/out"; then fail "record: no question shown without a key"; else ok "record: no question shown without a key"; fi

"$PROCTOR" keygen --student s1 --name "Ana Student" --no-passphrase >/dev/null 2>&1
"$PROCTOR" key export >"$T/s1.pub"
"$PROCTOR" roster add --roster "$T/roster" "$(cat "$T/s1.pub")" >/dev/null 2>&1

"$KEY" $FB 5 right >"$T/in"
run "$PROCTOR" practice --new --bank $FB --seed 5 --record "$T/r.json" <"$T/in"
expect_rc 0 "record: a recorded run exits 0"
expect_grep "^Signed result written to $T/r.json\.$" "$T/out" "record: says where the result is"
run "$PROCTOR" verify --roster "$T/roster" --bank $FB "$T/r.json"
expect_rc 0 "record: verify accepts the recorded result"
expect_grep "r.json: OK 9/9 \(100%\)" "$T/out" "record: verify re-grades it to 9/9"

run "$PROCTOR" practice --new --bank $FB --seed 5 --record "$T/r.json" <"$T/in"
expect_rc 4 "record: an existing result is never overwritten"
expect_grep "already exists; refusing to overwrite" "$T/err" "record: says it refuses to overwrite"
run "$PROCTOR" practice --new --bank $FB --key "$T/x.key"
expect_rc 2 "record: --key without --record is a usage error"
