#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor verify and show-result: a round trip, then named attacks, each refused with its
# own reason; gradebook CSV and JSON lines; threads keep input order; exit statuses.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
TOOL="$BUILDDIR/tests/tools/result-tool"
FB="$FIX/bank"
cd "$T" || exit 1

for s in s1 s2 s3; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out "$T/$s" >/dev/null
done
"$PROCTOR" keygen --student s4 --name '=Dee "D", Jr' --no-passphrase --out "$T/s4" >/dev/null
cat s1/student.pub s2/student.pub s4/student.pub >roster
KID1=$(cut -d' ' -f2 s1/student.pub)
KID2=$(cut -d' ' -f2 s2/student.pub)
V() { run "$PROCTOR" verify --roster roster --bank "$FB" "$@"; }

# envelope TYPE PAYLOAD-FILE KEYID SIG: an envelope by hand (payload FILE is lib.sh's)
sig_of() { sed 's/.*"sig":"\([^"]*\)".*/\1/' "$1"; }
envelope() {
    printf '{"payloadType":"%s","payload":"%s","signatures":[{"keyid":"%s","sig":"%s"}]}\n' \
        "$1" "$(base64 -w0 "$2")" "$3" "$4"
}
# invalid FILE NAME REASON-REGEX [VERIFY-ARGS...]: verify FILE exits 1 with that reason
invalid() {
    _f=$1 _n=$2 _re=$3
    shift 3
    V "$@" "$_f"
    expect_rc 1 "$_n: refused"
    expect_grep "^$_f: INVALID: $_re" "$T/out" "$_n: reason"
}

# round trip
"$TOOL" make "$FB" s1/student.key r1 mixed || fail "result-tool make"
if [ "$(stat -c %a r1)" = 644 ]; then ok "result file mode 0644"; else fail "result file mode"; fi
V r1
expect_rc 0 "a fresh result verifies"
expect_grep "^r1: OK 4/9 \(44%\)$" "$T/out" "verdict line with score and percent"
expect_grep "^1 result: 1 valid, 0 invalid$" "$T/out" "summary line"
run "$TOOL" make "$FB" s1/student.key r1 mixed
if [ "$rc" -ne 0 ]; then ok "a result is never overwritten"; else fail "a result is never overwritten"; fi
expect_grep "already exists" "$T/err" "and the writer says so"

run "$PROCTOR" show-result r1
expect_rc 0 "show-result"
expect_grep "^student: +s1 \(key $KID1\)$" "$T/out" "show-result: student and key id"
expect_grep "^score: +4/9 \(44%\), as claimed$" "$T/out" "show-result: claimed score"
expect_grep "^  roles +\[\"ortiz\",\"lee\"\]$" "$T/out" "show-result: a response"
expect_grep "^  chair +\(no response\)$" "$T/out" "show-result: an unanswered question"
run "$PROCTOR" inspect r1
expect_rc 0 "inspect is an alias"
payload r1 >p1
expect_grep '^\{"format":"proctor-result","version":1,"student":"s1","keyid":"'"$KID1"'"' p1 \
    "payload starts with format, version, student, key id"
expect_grep '"nonce":"[0-9a-f]{32}"' p1 "payload has a 128-bit hex nonce"
expect_grep '"started":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z","finished":' p1 "RFC 3339 UTC times"
expect_grep '"program":"proctor [0-9.]+"' p1 "program version"
expect_grep '"score":\{"earned":4000,"max":9000\}\}$' p1 "score in thousandths"

# 1. a raised claimed score, re-signed with the student's own key
sed 's/"earned":4000/"earned":9000/' p1 | "$TOOL" resign s1/student.key a-score
invalid a-score "raised score, re-signed" "claimed score 9/9 but the responses earn 4/9$"

# 2. an edited response, not re-signed (the teacher's copy was altered)
sed 's/"lee"\]/"smith"]/' p1 >p2
envelope application/vnd.proctor.result+json p2 "$KID1" "$(sig_of r1)" >a-edit
invalid a-edit "edited response" "bad signature \(not made by s1's key, or the file was altered\)$"
# ... and re-signed by the student: the claimed score no longer matches
"$TOOL" resign s1/student.key a-edit2 <p2
invalid a-edit2 "edited response, re-signed" "claimed score 4/9 but the responses earn 3/9$"

# 3. a swapped student id, signed by s1
sed 's/"student":"s1"/"student":"s2"/' p1 | "$TOOL" resign s1/student.key a-swap
invalid a-swap "swapped student id" "signed by s1 \(Student s1\), claims to be s2$"

# 4. a result for another bank
cp -R "$FB" bank2
printf '\n' >>bank2/all-types.json
"$TOOL" make bank2 s1/student.key a-bank mixed
invalid a-bank "result for another bank" "result is for a different question bank"
run "$PROCTOR" verify --roster roster --bank bank2 a-bank
expect_rc 0 "... which verifies against its own bank"

# 5. the same result handed in twice counts once (tests/cli/t63-verify-order.sh has more)
cp r1 a-replay
V r1 a-replay
expect_rc 0 "the same file twice is not refused"
expect_grep "^a-replay: OK 4/9 \(44%\)$" "$T/out" "the copy named first counts"
expect_grep "^r1: OK 4/9 \(44%\); the same file as 'a-replay': counted once$" \
    "$T/out" "the other says it is counted once"
expect_grep "^2 results: 2 valid, 0 invalid$" "$T/out" "summary"

# 6. a duplicate key in the payload, re-signed
sed 's/"score":{[^}]*}/"score":{"earned":9000,"max":9000},"score":{"earned":4000,"max":9000}/' \
    p1 | "$TOOL" resign s1/student.key a-dup
invalid a-dup "duplicate-key payload" "malformed result: payload 1:[0-9]+: duplicate object key$"

# 7. trailing garbage, 8. a truncated file, 9. a 100 MB file, 10. not a regular file
{ cat r1; printf 'x'; } >a-trail
invalid a-trail "trailing garbage" "malformed envelope: 2:1: trailing data after the JSON value$"
head -c 400 r1 >a-trunc
invalid a-trunc "truncated file" "malformed envelope: 1:[0-9]+: unterminated string$"
truncate -s 100M a-big
invalid a-big "100 MB file" "file too large \(104857600 bytes, at most 1048576\)$"
ln -s /dev/zero a-zero
invalid a-zero "/dev/zero symlink" "not a regular file$"
mkfifo a-fifo
invalid a-fifo "a FIFO (would block)" "not a regular file$"
invalid a-missing "missing file" "cannot open: No such file or directory$"

# 11. a key not in the roster
"$TOOL" make "$FB" s3/student.key a-stranger mixed
invalid a-stranger "key not in roster" \
    "claims to be s3, but its signing key '[0-9a-f]{16}' is not in the roster \(no student of that id either\)$"

# 12. a signature by the wrong key: s2 signs, the envelope names s1's key
"$TOOL" resign s2/student.key a-wrongkey <p1
sed "s/\"keyid\":\"$KID2\"/\"keyid\":\"$KID1\"/" a-wrongkey >a-wrongkey2
invalid a-wrongkey2 "signature by the wrong key" "bad signature"

# 13. the same responses handed in by another student (new nonce, own key)
sed "s/\"student\":\"s1\"/\"student\":\"s2\"/; s/\"keyid\":\"$KID1\"/\"keyid\":\"$KID2\"/;
     s/\"nonce\":\"[0-9a-f]*\"/\"nonce\":\"00112233445566778899aabbccddeeff\"/" p1 |
    "$TOOL" resign s2/student.key a-copy
V a-copy
expect_rc 0 "a copied submission alone verifies"
V r1 a-copy
expect_rc 1 "a copied submission is flagged next to the original"
expect_grep "^a-copy: CONFLICT 4/9 \(44%\): the same responses as s1 \(Student s1\) in 'r1'; the same essay as s1 \(Student s1\) in 'r1'$" \
    "$T/out" "copied submission: in conflict, naming the other"
expect_grep "^r1: CONFLICT 4/9 \(44%\): the same responses as s2 \(Student s2\) in 'a-copy'; the same" \
    "$T/out" "and the original alike"
expect_grep "^2 results: 0 valid, 0 invalid, 2 in conflict$" "$T/out" "summary counts conflicts"
# identical full marks prove nothing
"$TOOL" make "$FB" s1/student.key full1 correct
"$TOOL" make "$FB" s2/student.key full2 correct
V full1 full2
expect_rc 0 "two perfect results are not flagged as copies"

# 14. something signed that is not a result; 15. a malformed payload, signed
"$TOOL" resign s1/student.key a-type application/vnd.proctor.assignment+json <p1
invalid a-type "not a result" "not a result \(payloadType 'application/vnd.proctor.assignment\+json'\)$"
sed 's/"attempt":1/"attempt":1.5/' p1 | "$TOOL" resign s1/student.key a-float
invalid a-float "fractional number" "malformed result: payload 1:[0-9]+: only integers are allowed"
sed 's/"version":1,/"version":1,"extra":true,/' p1 | "$TOOL" resign s1/student.key a-extra
invalid a-extra "unknown field" "malformed result: unknown field 'extra'$"
sed 's/"chair-name":"[^"]*"/"nosuch":"x"/' p1 | "$TOOL" resign s1/student.key a-qid
invalid a-qid "response to an unlisted question" "malformed result: response to 'nosuch', which"
sed 's/"roles":\["ortiz","lee"\]/"roles":["ortiz","ortiz"]/' p1 | "$TOOL" resign s1/student.key a-rep
invalid a-rep "repeated option" "response to 'roles': an option id is repeated$"

# gradebook CSV and JSON lines
"$TOOL" make "$FB" s4/student.key r4 correct
V --csv book.csv r1 r4 a-stranger
expect_rc 1 "verify --csv with one invalid file"
expect_grep '^student,name,score,max,percent,status,reason,finished,file.?$' book.csv \
    "CSV header"
expect_grep '^s1,Student s1,4,9,44,OK,,[0-9T:Z-]+,r1' book.csv "CSV row for s1"
expect_grep "^s4,\"'=Dee \"\"D\"\", Jr\",9,9,100,OK,," book.csv \
    "CSV quotes commas and quotes, and defuses a leading ="
expect_grep "^,,,,,INVALID,\"claims to be s3, but its signing key '[0-9a-f]{16}' is not in the roster \(no student of that id either\)\",,a-stranger" book.csv \
    "CSV row for an invalid file"
if [ "$(grep -c . book.csv)" -eq 4 ]; then ok "CSV has a header and 3 rows"; else
    fail "CSV has a header and 3 rows"; fi
if ls book.csv.tmp* >/dev/null 2>&1; then fail "no temporary CSV left"; else ok "no temporary CSV left"; fi
V --json r1 a-score
expect_rc 1 "verify --json"
expect_grep '^\{"file":"r1","status":"OK","reason":"","student":"s1","name":"Student s1","kind":"practice","finished":"[^"]+","earned":4000,"max":9000,"percent":44,"attempt":1,"warnings":"","check":\{"against":"bank [0-9a-f]{64}","valid":true,"status":"OK",.*\}\}$' \
    "$T/out" "JSON line for a valid result"
expect_grep '^\{"file":"a-score","status":"INVALID","reason":"claimed score 9/9 but the responses earn 4/9"' \
    "$T/out" "JSON line for an invalid result"
expect_grep "^2 results: 1 valid, 1 invalid$" "$T/err" "with --json the summary goes to stderr"

# threads and --files-from keep input order
i=0
while [ $i -lt 40 ]; do
    "$TOOL" make "$FB" s$((i % 2 + 1))/student.key m$i mixed
    i=$((i + 1))
done
ls m* a-* r1 | sort >list
V --files-from list
cp "$T/out" serial.out
V -j 4 --files-from list
expect_file_eq "$T/out" serial.out "-j 4 prints the same verdicts in the same order"
V -j 3 --files-from - <list
expect_file_eq "$T/out" serial.out "--files-from - reads paths from stdin"
grep -c ': CONFLICT .*: the same responses' serial.out >/dev/null && ok "copies found among 40 results" ||
    fail "copies found among 40 results"
# --json and --csv are sorted by student (then file): any order of the files, the same bytes
V --json --csv sorted.csv --files-from list
cp "$T/out" sorted.json
sort -r list >list.rev
V --json --csv rev.csv --files-from list.rev
expect_file_eq "$T/out" sorted.json "--json: the same lines for the files in reverse order"
expect_file_eq rev.csv sorted.csv "--csv: the same gradebook for the files in reverse order"
sed -n 's/^{"file":"\([^"]*\)","status":"[A-Z]*","reason":"[^"]*","student":"\([^"]*\)".*/\2 \1/p' \
    sorted.json >order
if [ "$(grep -c . order)" -eq "$(grep -c . list)" ] && LC_ALL=C sort -c order 2>/dev/null &&
    [ "$(head -n 1 order)" != "$(head -n 1 list.rev)" ]; then
    ok "--json lines by student, then file name"
else
    fail "--json lines by student, then file name"
fi

# unusable input and usage
run "$PROCTOR" verify --roster nope --bank "$FB" r1
expect_rc 4 "a missing roster is a missing file"
expect_grep "no roster at 'nope'; add students with 'proctor roster add'" "$T/err" "a missing roster: the next step"
printf 'garbage\n' >badroster
run "$PROCTOR" verify --roster badroster --bank "$FB" r1
expect_rc 3 "a bad roster is unusable input"
expect_grep "badroster:1: not a public key line" "$T/err" "naming the roster line"
run "$PROCTOR" verify --roster roster --bank nope r1
expect_rc 4 "a missing bank is a missing file"
run "$PROCTOR" verify --roster roster --bank "$FB"
expect_rc 2 "verify without files is a usage error"
run "$PROCTOR" verify --roster roster -j 0 r1
expect_rc 2 "-j 0 is a usage error"
run "$PROCTOR" verify --roster roster --json --json r1
expect_rc 2 "an option given twice is a usage error"
run "$PROCTOR" verify --roster roster --files-from nope
expect_rc 4 "a missing --files-from list is a missing file"
run "$PROCTOR" show-result a-trail
expect_rc 3 "show-result refuses a malformed file"
expect_grep "a-trail:2:1: trailing data" "$T/err" "with line and column"
run "$PROCTOR" show-result a-type
expect_rc 3 "show-result refuses a signed file that is not a result"
expect_grep "^proctor: a-type: not a result file \(payloadType 'application/vnd.proctor.assignment\+json'\)$" \
    "$T/err" "naming the file and its payloadType"
run "$PROCTOR" show-result a-float
expect_rc 3 "show-result refuses a malformed payload"
expect_grep "^proctor: a-float: payload 1:[0-9]+: only integers are allowed" "$T/err" \
    "naming the place in the payload, not in the file"
run "$PROCTOR" show-result
expect_rc 2 "show-result without a file is a usage error"
