#!/bin/sh
# proctor practice --record: what is refused before the first question (no key yet, --key
# without --record). The signed round trip and its refusals are in t45-practice-record.sh.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank

run "$PROCTOR" practice --new --bank $FB --record "$T/r.json" </dev/null
expect_rc 4 "record: no key yet is an error before any question"
expect_grep "no key at '.*student.key'; run 'proctor keygen --student ID --name NAME'" "$T/err" "record: says how to make a key"
if grep -q '^Question' "$T/out"; then fail "record: no question shown without a key"; else ok "record: no question shown without a key"; fi
if [ -e "$T/r.json" ]; then fail "record: no result without a key"; else ok "record: no result without a key"; fi

run "$PROCTOR" practice --new --bank $FB --key "$T/x.key"
expect_rc 2 "record: --key without --record is a usage error"
expect_grep "go with --record" "$T/err" "record: says --key goes with --record"
run "$PROCTOR" practice --new --bank $FB --passphrase-file "$T/p"
expect_rc 2 "record: --passphrase-file without --record is a usage error"
