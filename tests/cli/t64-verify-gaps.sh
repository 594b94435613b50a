#!/bin/sh
# SPDX-License-Identifier: ISC
# The smaller gaps, each closed against the attack a student would make:
#   - a questions/ folder planted in a shared hand-in folder is not the bank verify grades
#     practice results against, and verify says which bank it used (path and SHA-256);
#   - an essay mark stays with the essay it was given for: a file handed in again under the
#     same nonce with another essay, re-signed with the student's own key, gets no mark;
#   - times a clock could not honestly give (finished before started, before the assignment
#     was made, on 30 February, in the future) are warnings in the verdict.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
TOOL="$BUILDDIR/tests/tools/result-tool"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
for s in s1 s2; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
    "$PROCTOR" key --key $s/student.key export >>roster
done

# --- 1. a planted bank: a hand-in folder with a questions/ of the student's making, where
# every answer s1 gave is the right one
mkdir -p handin
cp -R "$FB" handin/questions
python3 - handin/questions/all-types.json <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
for q in d["questions"]:
    if q["type"] == "numeric":
        q["answer"] = 5
        q.pop("range", None)
        q.pop("tolerance", None)
json.dump(d, open(p, "w"), ensure_ascii=False, indent=1)
EOF
"$PROCTOR" lint --bank handin/questions >/dev/null 2>&1 ||
    fail "the planted bank lints ($("$PROCTOR" lint --bank handin/questions 2>&1 | head -n 2))"
{ printf '5\n'; yes :skip | head -n 20; } | "$PROCTOR" practice --bank handin/questions --seed 7 \
    --new --key s1/student.key --record handin/s1.json >/dev/null 2>&1
[ -f handin/s1.json ] && ok "s1 records a result on the planted bank" ||
    fail "s1 records a result on the planted bank"
cp roster handin/
cd handin || exit 1
run "$PROCTOR" verify --roster roster s1.json
expect_rc 1 "verify in the hand-in folder does not grade against ./questions"
expect_grep "^s1.json: INVALID: result is for a different question bank \(digest differs\)$" \
    "$T/out" "the result on the planted bank is refused"
expect_grep "^Practice results checked against the bank in /.*/questions \(sha256 [0-9a-f]{64}\)\.$" \
    "$T/out" "verify says which bank, by path and digest"
expect_no_grep "checked against the bank in questions " "$T/out" "not the planted ./questions"
PROCTOR_BANK=$PWD/questions run "$PROCTOR" verify --roster roster s1.json
expect_rc 0 "PROCTOR_BANK names a bank on purpose, and it is used"
expect_grep "^Practice results checked against the bank in $PWD/questions \(sha256 " "$T/out" \
    "and named"
run "$PROCTOR" verify --roster roster --bank "$FB" s1.json
expect_grep "^Practice results checked against the bank in $FB \(sha256 98d1eaa3" "$T/out" \
    "--bank is named with its digest"
cd .. || exit 1

# --- 2. essay marks bound to the essay
"$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title "Week 6" --id w6 \
    --out w6.json >/dev/null
"$KEYS" --assignment w6.json w6.key.json s1 right >s1.in
echo y >>s1.in
run "$PROCTOR" take --yes --key s1/student.key --teacher-key teacher.pub w6.json <s1.in
expect_rc 0 "s1 takes w6"
printf '1\nGood.\n' | run "$PROCTOR" mark --key teacher/teacher.key --roster roster \
    --answer-key w6.key.json --marks w6.marks.json w6-s1-1.result.json
expect_rc 0 "the teacher marks s1's essay (1 point)"
VA() { run "$PROCTOR" verify --roster roster --assignment w6.json --answer-key w6.key.json \
    --teacher-key teacher.pub --marks w6.marks.json "$@"; }
VA w6-s1-1.result.json
expect_grep "^w6-s1-1.result.json: OK 10/10 \(100%\)$" "$T/out" "the marked essay counts"
ESSAYQ=$(payload w6-s1-1.result.json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print([q for q, r in d["responses"].items() if isinstance(r, str) and len(r.split()) > 6][0])')
# s1 hands in the same result with another essay, same nonce, re-signed with their own key
edit w6-s1-1.result.json "d['responses']['$ESSAYQ'] = 'Another essay, written after the mark was given.'" |
    "$TOOL" resign s1/student.key swapped.json
VA swapped.json
expect_rc 0 "the re-signed file is still a valid result"
expect_grep "^swapped.json: OK 9/10 \(90%\); unmarked essay $ESSAYQ; mark ignored for $ESSAYQ: given for another text of the essay$" \
    "$T/out" "the mark does not follow the nonce to another essay"
run "$PROCTOR" return --key teacher/teacher.key --roster roster --answer-key w6.key.json \
    --marks w6.marks.json --out g.json swapped.json
expect_grep "9/10 \(90%\)" "$T/out" "return grades it without the mark"
printf '\n\n' | run "$PROCTOR" mark --key teacher/teacher.key --roster roster \
    --answer-key w6.key.json --marks w6.marks.json swapped.json
expect_grep "An earlier mark \(1\) was given for another text of this essay; it does not count" \
    "$T/out" "mark shows the essay unmarked again"
expect_grep "1 still unmarked" "$T/out" "and counts it unmarked"

# --- 3. times that can't be right: warnings, not refusals
P=w6-s1-1.result.json
# (the times around the real one: the assignment was made a moment before it, now)
FIN=$(payload $P | sed 's/.*"finished":"\([^"]*\)".*/\1/')
YEAR=$(echo "$FIN" | cut -c1-4)
edit $P "d['started'] = '$YEAR-12-31T23:59:59Z'" | "$TOOL" resign s1/student.key t-backwards.json
edit $P "d['started'] = d['finished'] = '2020-01-01T10:00:00Z'" |
    "$TOOL" resign s1/student.key t-before.json
edit $P "d['started'] = '$YEAR-02-30T10:00:00Z'" | "$TOOL" resign s1/student.key t-feb30.json
edit $P "d['started'] = d['finished'] = '2099-01-01T10:00:00Z'" |
    "$TOOL" resign s1/student.key t-future.json
for f in t-backwards t-before t-feb30 t-future; do
    VA $f.json
    expect_rc 0 "$f: a warning, not a refusal"
    cp "$T/out" $f.out
done
expect_grep "^t-backwards.json: OK 10/10 \(100%\); finished before it started$" t-backwards.out \
    "finished before it started"
expect_grep "^t-before.json: OK 10/10 \(100%\); finished before the assignment was made$" t-before.out \
    "finished before the assignment was made"
expect_grep "^t-feb30.json: OK 10/10 \(100%\); impossible start date $YEAR-02-30T10:00:00Z(; finished before it started)?$" t-feb30.out \
    "an impossible date"
expect_grep "^t-future.json: OK 10/10 \(100%\); finished in the future$" \
    t-future.out "a finish in the future"
VA --json t-backwards.json
expect_grep '"warnings":"[^"]*finished before it started"' "$T/out" "in the JSON line too"
run "$PROCTOR" verify --roster roster --bank "$FB" handin/s1.json
expect_no_grep "finished before|impossible|in the future" "$T/out" "an honest result has none"
