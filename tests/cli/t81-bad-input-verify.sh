#!/bin/sh
# SPDX-License-Identifier: ISC
# Bad input to what a teacher reads: result files, key files and rosters. Empty files,
# binary junk, a BOM, CRLF, deep nesting, 1e999 and -0, invalid UTF-8 and a 700 KB line in a
# signed payload, and result files named with spaces, a newline or a leading '-'. Each gets a
# clear message and its exit status in bounded time and memory.
# Already covered elsewhere: a symlink to /dev/zero, a FIFO, a 100 MB file, truncation and
# trailing data (t41-verify.sh); a key file with duplicate keys or pointing at /dev/zero
# (t40-keys.sh).
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB="$SRC/tests/fixtures/bank"
RT="$BUILDDIR/tests/tools/result-tool"
SK="$FIX/keys/student.key"
R="$FIX/keys/student.pub"
use_bounded
V() { bounded "$PROCTOR" verify --roster "$R" --bank "$FB" "$@"; }
VR() {
    vr=$1
    shift
    bounded "$PROCTOR" verify --roster "$vr" --bank "$FB" "$@"
}
# refused FILE NAME REASON-REGEX: verify says FILE is INVALID for that reason, exit 1
refused() {
    V "$1"
    expect_rc 1 "bad result: $2: refused"
    expect_grep "^$1: INVALID: $3" "$T/out" "bad result: $2: says why"
    expect_bounded "bad result: $2"
}

cd "$T" || exit 1
"$RT" make "$FB" "$SK" good correct
"$PROCTOR" show-result --payload good >payload
# signed FILE: sign stdin (a payload) with the test key
signed() { "$RT" resign "$SK" "$1"; }

# ---- result files ----
: >empty
refused empty "an empty file" "malformed envelope: 1:1: unexpected end of input$"
head -c 65536 /dev/urandom >junk
refused junk "binary junk" "malformed envelope: "
{ printf '\357\273\277'; cat good; } >bom
refused bom "a BOM" "malformed envelope: 1:1: byte order mark is not allowed$"
sed 's/$/\r/' good >crlf
refused crlf "CRLF line end" "malformed envelope: .*(canonical|trailing)"
python3 -c 'print("[" * 100000 + "]" * 100000)' >deep
refused deep "an envelope nested 100 000 deep" "malformed envelope: 1:[0-9]+: nested too deeply$"
python3 - <<'PY' | signed pdeep
p = open("payload").read()
print(p.replace('"started"', '"x":' + "[" * 5000 + "]" * 5000 + ',"started"'), end="")
PY
refused pdeep "a payload nested 5 000 deep" "malformed result: payload 1:[0-9]+: nested too deeply$"
sed 's/"attempt":1,/"attempt":1e999,/' payload | signed p1e999
refused p1e999 "1e999 in the payload" "malformed result: payload 1:[0-9]+: only integers are allowed"
sed 's/"earned":\([0-9]*\)/"earned":-0/' payload | signed pminus0
refused pminus0 "-0 in the payload" "malformed result: payload 1:[0-9]+: -0 is not allowed$"
LC_ALL=C sed "s/\"program\":\"proctor/\"program\":\"pro$(printf '\377')ctor/" payload | signed putf8
refused putf8 "invalid UTF-8 in the payload" "malformed result: payload 1:[0-9]+: invalid UTF-8$"
python3 - <<'PY' | signed plong
import re
p = open("payload").read()
print(re.sub(r'"why-library":"[^"]*"', '"why-library":"' + "word " * 140000 + '"', p), end="")
PY
refused plong "a 700 KB response line" "response to 'why-library': text longer than 64 KiB$"

# ---- names with spaces, a newline, a leading '-' ----
cp good "with space.json"
"$RT" make "$FB" "$SK" "new
line.json" correct
"$RT" make "$FB" "$SK" ./-dash.json correct
V --csv book.csv -- "with space.json" "new
line.json" -dash.json
expect_rc 0 "bad names: verify -- takes names with a space, a newline and a leading '-'"
expect_grep '^with space.json: OK 9/9' "$T/out" "bad names: a space"
expect_grep '^-dash.json: OK 9/9' "$T/out" "bad names: a leading '-' after --"
if [ "$(grep -c 'OK 9/9' "$T/out")" -eq 3 ]; then ok "bad names: a newline (three verdicts)"
else fail "bad names: a newline (three verdicts)"; fi
expect_grep ',"new$' book.csv "bad names: the CSV quotes a name with a newline"
V ./-dash.json
expect_rc 0 "bad names: ./-dash.json"
V -dash.json
expect_rc 2 "bad names: -dash.json without -- is an unknown option"
printf '%s\n' "with space.json" -dash.json >list
V --files-from list
expect_rc 0 "bad names: --files-from reads names with spaces and a leading '-' as they are"

# ---- key files ----
K() { bounded "$PROCTOR" key --key "$1" export; }
K empty
expect_rc 3 "bad key: an empty key file is bad data"
expect_grep "empty:1:1: unexpected end of input$" "$T/err" "bad key: an empty key file: says so"
K junk
expect_rc 3 "bad key: binary junk is bad data"
expect_bounded "bad key: binary junk"
{ printf '\357\273\277'; cat "$SK"; } >bom.key
K bom.key
expect_rc 3 "bad key: a key file with a BOM is bad data"
expect_grep "byte order mark is not allowed$" "$T/err" "bad key: a BOM: says so"
sed 's/$/\r/' "$SK" >crlf.key
K crlf.key
expect_rc 0 "bad key: a key file with CRLF line ends loads"
python3 -c 'print("[" * 100000 + "]" * 100000)' >deep.key
K deep.key
expect_rc 3 "bad key: a key file nested 100 000 deep is bad data"
expect_bounded "bad key: deep nesting"

# ---- rosters ----
Ro() { bounded "$PROCTOR" roster --roster "$1" list; }
Ro empty
expect_rc 0 "bad roster: an empty roster lists nothing"
VR empty good
expect_rc 1 "bad roster: with an empty roster, verify refuses every result"
expect_grep "is not in the roster" "$T/out" "bad roster: and says the key is not in it"
Ro junk
expect_rc 3 "bad roster: binary junk is bad data"
expect_grep "junk:[0-9]+: " "$T/err" "bad roster: binary junk: names the line"
expect_bounded "bad roster: binary junk"
{ printf '\357\273\277'; cat "$R"; } >bom.roster
sed 's/$/\r/' "$R" >crlf.roster
for f in bom crlf; do
    Ro $f.roster
    expect_rc 0 "bad roster: a roster with a $f loads"
    VR $f.roster good
    expect_rc 0 "bad roster: and verify uses it ($f)"
done
python3 -c 'print("proctor-pk1 " + "x" * 1000000)' >long.roster
Ro long.roster
expect_rc 3 "bad roster: a 1 MB line is bad data"
expect_grep "long.roster:1: " "$T/err" "bad roster: a 1 MB line: names the line"
expect_bounded "bad roster: a 1 MB line"
