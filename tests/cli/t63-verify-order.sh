#!/bin/sh
# SPDX-License-Identifier: ISC
# Duplicate and copy detection that the file order cannot steer. A class hands in an
# assignment (attempt limit 2) with every trick a student could play, each file made with the
# student's own key as the student would make it: a classmate's answers re-signed, the same
# answers re-encoded, one file handed in twice, two files with one nonce, a classmate's nonce,
# a file naming another student, a copied essay, a third result after a reset. verify gives
# every file its exact verdict, and the verdicts, the CSV gradebook and the JSON lines are the
# same byte for byte whether the files come in the given order, reversed or shuffled.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
TOOL="$BUILDDIR/tests/tools/result-tool"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
for s in s1 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 s12 s13 stranger; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
    [ $s = stranger ] || "$PROCTOR" key --key $s/student.key export >>class.pub
done
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
"$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title "Week 5" --id w5 --attempts 2 \
    --out w5.json >/dev/null

# takeas STUDENT right|wrong|mixed [ESSAY] [OUT]: the student takes w5 typing those answers
takeas() {
    "$KEYS" --assignment w5.json w5.key.json "$1" right >"$1.right"
    "$KEYS" --assignment w5.json w5.key.json "$1" wrong >"$1.wrong"
    "$PROCTOR" assign --preview w5.json --student "$1" >"$1.preview"
    _e=$(sed -n 's/^Question \([0-9]*\) of .*essay.*/\1/p' "$1.preview")
    case $2 in
    right) cp "$1.right" "$1.in" ;;
    wrong) cp "$1.wrong" "$1.in" ;;
    mixed) paste -d '\n' "$1.right" "$1.wrong" | awk 'NR % 4 == 1 || NR % 4 == 0' >"$1.in" ;;
    esac
    # a wrong answer of the student's own, so no two students' answers agree by chance
    if [ "$2" != right ]; then
        _n=$(sed -n 's/^Question \([0-9]*\) of .*numeric.*/\1/p' "$1.preview" | head -n 1)
        awk -v e="$_n" -v x="$(printf %s "$1" | cksum | cut -c1-6)" \
            'NR == e { print x; next } { print }' "$1.in" >"$1.in2"
        mv "$1.in2" "$1.in"
    fi
    if [ -n "${3:-}" ]; then
        awk -v e="$_e" -v x="$3" 'NR == e { print x; next } { print }' "$1.in" >"$1.in2"
        mv "$1.in2" "$1.in"
    fi
    echo y >>"$1.in"
    run "$PROCTOR" take --yes --key "$1/student.key" --teacher-key teacher.pub \
        --out "${4:-$1.json}" w5.json <"$1.in"
    [ "$rc" -eq 0 ] || fail "$1 takes w5 ($(head -n 2 "$T/err"))"
}
for s in s1 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 s12 s13 stranger; do
    "$PROCTOR" key --key $s/student.key export | cut -d' ' -f2 >$s.kid
done

takeas s1 mixed
# s2 copies s1's answers: s1's payload as s2's own (own id, key, nonce), signed by s2
edit s1.json "d['student']='s2'; d['keyid']='$(cat s2.kid)'; d['nonce']='2'*32" |
    "$TOOL" resign s2/student.key s2.json
# s6 copies them re-encoded: numbers written with a decimal point (and a group separator),
# "all that apply" ids in another order, short answers in capitals, match pairs reordered
python3 -c '
import base64, json, sys
env = json.load(open("w5.json"))
qs = json.loads(base64.b64decode(env["payload"]))["questions"]
print(json.dumps({q["id"]: q["type"] for q in qs}))' >types.json
edit s1.json "
import json
t = json.load(open('types.json'))
for q, r in d['responses'].items():
    if t[q] == 'numeric':
        v = int(r.replace(',', ''))
        d['responses'][q] = '{:,}.0'.format(v)
    elif t[q] == 'short':
        d['responses'][q] = r.upper()
    elif t[q] == 'multi':
        d['responses'][q] = list(reversed(r))
    elif t[q] == 'match':
        d['responses'][q] = dict(reversed(list(r.items())))
d['student'] = 's6'; d['keyid'] = '$(cat s6.kid)'; d['nonce'] = '6' * 32" |
    "$TOOL" resign s6/student.key s6.json
if [ "$(payload s6.json | grep -o '"[0-9,]*\.0"' | head -n 1)" ]; then
    ok "s6's copy writes the numbers differently"; else fail "s6's copy writes the numbers differently"; fi

# s3 hands in one file twice, under two names
takeas s3 right
cp s3.json s3-again.json
# s4 makes two different files with one nonce: their result, then a changed answer re-signed
takeas s4 mixed
edit s4.json "d['started'] = '2020-01-01T00:00:00Z'" | "$TOOL" resign s4/student.key s4-edited.json
cmp -s s4.json s4-edited.json && fail "s4's two files differ" || ok "s4's two files differ"
# s5 takes it, then puts s12's nonce in their file
takeas s12 right
takeas s5 wrong
edit s5.json "d['nonce'] = '$(payload s12.json | sed 's/.*"nonce":"\([0-9a-f]*\)".*/\1/')'" |
    "$TOOL" resign s5/student.key s5.json.new && mv s5.json.new s5.json
# s7 signs a file naming s8; a stranger (not on the roster) hands one in naming s8 too
takeas s7 right
edit s7.json "d['student'] = 's8'" | "$TOOL" resign s7/student.key s7-as-s8.json
rm s7.json
edit s12.json "d['student']='s8'; d['keyid']='$(cat stranger.kid)'; d['nonce']='e'*32" |
    "$TOOL" resign stranger/student.key stranger.json
# s9 and s10 both answer every question right, each with their own essay: not copies;
# s11 copies s9's essay, word for word but re-spaced, with other answers
ESSAY="Libraries give a town books, a quiet place to read and a public room for meetings."
takeas s9 right "$ESSAY"
takeas s10 right
takeas s11 mixed "  Libraries  give a town books,   a quiet place to read and a public room for meetings. "
# s13 hands in three results, each numbered attempt 1 (a reset machine): the third by finish
# time is over the limit of two
takeas s13 mixed s13.json
for k in 1 2; do
    edit s13.json "
d['nonce'] = 'c$k' * 16
d['started'] = d['finished'] = '2030-01-0${k}T10:00:00Z'" |
        "$TOOL" resign s13/student.key s13-$k.json
done
edit s13.json "d['started'] = d['finished'] = '2030-01-03T10:00:00Z'" |
    "$TOOL" resign s13/student.key s13.json.new && mv s13.json.new s13.json

ls ./*.json | sed 's|^\./||' | grep -v '^w5\|^types' >given
[ "$(wc -l <given)" -eq 17 ] && ok "17 result files" || fail "17 result files ($(wc -l <given))"
tac given >reversed
python3 -c 'import random, sys; l = open(sys.argv[1]).read().split(); random.Random(9).shuffle(l); print("\n".join(l))' \
    given >shuffled
V() {
    run "$PROCTOR" verify --roster roster --assignment w5.json --answer-key w5.key.json \
        --teacher-key teacher.pub "$@"
}
for order in given reversed shuffled; do
    V --csv $order.csv --files-from $order
    expect_rc 1 "$order order: verify flags files"
    sort "$T/out" >$order.verdicts
    V --json --files-from $order
    cp "$T/out" $order.jsonl
    cp "$T/err" $order.summary
done
cmp -s given.verdicts reversed.verdicts && cmp -s given.verdicts shuffled.verdicts &&
    ok "every file's verdict is the same in all three orders" ||
    { fail "every file's verdict is the same in all three orders"; diff given.verdicts reversed.verdicts | head; }
expect_file_eq reversed.csv given.csv "the CSV gradebook is the same, reversed"
expect_file_eq shuffled.csv given.csv "the CSV gradebook is the same, shuffled"
expect_file_eq reversed.jsonl given.jsonl "the JSON lines are the same, reversed"
expect_file_eq shuffled.jsonl given.jsonl "the JSON lines are the same, shuffled"
expect_file_eq shuffled.summary given.summary "the summary is the same"
if cmp -s given shuffled || cmp -s given reversed; then fail "the orders differ"; else ok "the orders differ"; fi
# on four threads, files are checked in whatever order the threads take them
V --jobs 4 --csv threads.csv --files-from shuffled
sort "$T/out" >threads.verdicts
V --jobs 4 --json --files-from shuffled
cp "$T/out" threads.jsonl
expect_file_eq threads.verdicts given.verdicts "on four threads: every file's verdict is the same"
expect_file_eq threads.csv given.csv "on four threads: the CSV gradebook is the same"
expect_file_eq threads.jsonl given.jsonl "on four threads: the JSON lines are the same"

v=given.verdicts
# copies: s1, s2 (same bytes re-signed) and s6 (re-encoded) flag each other alike
expect_grep "^s1.json: CONFLICT [0-9.]+/10 \([0-9]+%\): the same responses as s2 \(Student s2\) in 's2.json', s6 \(Student s6\) in 's6.json'" \
    $v "s1: in conflict with s2 and s6, not refused"
expect_grep "^s2.json: CONFLICT [0-9.]+/10 \([0-9]+%\): the same responses as s1 \(Student s1\) in 's1.json', s6 \(Student s6\) in 's6.json'" \
    $v "s2: alike"
expect_grep "^s6.json: CONFLICT [0-9.]+/10 \([0-9]+%\): the same responses as s1 \(Student s1\) in 's1.json', s2 \(Student s2\) in 's2.json'" \
    $v "s6: re-encoding the answers does not hide the copy"
# one file twice: counted once
expect_grep "^s3-again.json: OK 9/10 \(90%\); unmarked essay q[0-9]+$" $v "s3: the copy named first counts"
expect_grep "^s3.json: OK 9/10 \(90%\); unmarked essay q[0-9]+; the same file as 's3-again.json': counted once$" \
    $v "s3: the other is counted once"
expect_grep '^w5,Week 5,s3,Student s3,9,10,90,OK,unmarked essay q[0-9]+,1,1,' given.csv \
    "s3: one attempt in the gradebook"
# two files, one nonce, one student: that student's conflict
expect_grep "^s4-edited.json: CONFLICT [0-9.]+/10 \([0-9]+%\): the same nonce, with other contents, as this student's 's4.json'" \
    $v "s4: two files with one nonce are in conflict"
expect_grep "^s4.json: CONFLICT [0-9.]+/10 \([0-9]+%\): the same nonce, with other contents, as this student's 's4-edited.json'" \
    $v "s4: both of them"
expect_grep '^w5,Week 5,s4,Student s4,[0-9.]+,10,[0-9]+,CONFLICT,.*,[12],2,no,no,' given.csv \
    "s4: the gradebook asks the teacher"
# a classmate's nonce harms no one
expect_grep "^s5.json: OK 0/10 \(0%\); unmarked essay q[0-9]+; the same nonce as s12 \(Student s12\) in 's12.json'$" \
    $v "s5: graded, told of s12"
expect_grep "^s12.json: OK 9/10 \(90%\); unmarked essay q[0-9]+; the same nonce as s5 \(Student s5\) in 's5.json'$" \
    $v "s12: graded, told of s5"
# a file signed by s7 naming s8 is charged to s7; nothing is charged to s8
expect_grep "^s7-as-s8.json: INVALID: signed by s7 \(Student s7\), claims to be s8$" $v \
    "s7: signed by s7, claims to be s8"
expect_grep '^w5,Week 5,s7,Student s7,,,,INVALID,"signed by s7 \(Student s7\), claims to be s8",,1,' given.csv \
    "s7's row holds it"
expect_grep "^stranger.json: INVALID: claims to be s8, but its signing key '[0-9a-f]{16}' is not in the roster \(the roster has another key for that id\)$" \
    $v "a stranger's file is refused, naming whom it claims to be"
expect_grep "^w5,Week 5,s8,Student s8,,,,MISSING,\"nothing handed in; 'stranger.json' claims to be s8 but is refused: claims to be s8, but its signing key '[0-9a-f]{16}' is not in the roster.*\",,0," \
    given.csv "nothing is charged to s8, whom two files name: MISSING, told of the stranger's file"
expect_no_grep '^w5,Week 5,stranger,' given.csv "no row for an id not on the roster"
# all right is not a copy; a copied essay is
expect_grep "^s10.json: OK 9/10 \(90%\); unmarked essay q[0-9]+$" $v "s10: all right, like s9: not a copy"
expect_grep "^s9.json: CONFLICT 9/10 \(90%\): the same essay as s11 \(Student s11\) in 's11.json'" \
    $v "s9: the same essay as s11"
expect_grep "^s11.json: CONFLICT [0-9.]+/10 \([0-9]+%\): the same essay as s9 \(Student s9\) in 's9.json'" \
    $v "s11: alike, re-spacing does not hide it"
# attempts: the third by finish time is over the limit, in every order
expect_grep "^s13.json: INVALID: over the limit of 2 attempts: 2 other valid results of this student finished before it$" \
    $v "s13: the last-finished of three is over the limit"
expect_grep "^s13-1.json: (OK|CONFLICT) " $v "s13: the first counts"
expect_grep "^s13-2.json: (OK|CONFLICT) " $v "s13: the second counts"
expect_grep '^w5,Week 5,s13,Student s13,[0-9.]+,10,[0-9]+,OK,.*1 file refused,[0-9]+,3,' given.csv \
    "s13: two attempts counted, one refused"
expect_grep "^17 results: 7 valid, 3 invalid, 7 in conflict$" given.summary "the summary"
expect_grep "^6 students in CONFLICT: .* wait for your decision\.$" given.summary \
    "the summary says how many grades wait for the teacher"
expect_grep '"file":"s1.json","status":"CONFLICT","reason":"the same responses as s2' given.jsonl \
    "JSON lines say CONFLICT"
expect_grep '"file":"s7-as-s8.json","status":"INVALID",.*"student":"s7".*"claimed":"s8"' \
    given.jsonl "JSON: the file is charged to s7 and claims s8"
python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
keys = [(r["student"], r["file"]) for r in rows]
sys.exit(0 if keys == sorted(keys) else 1)' given.jsonl &&
    ok "JSON lines sorted by student" || fail "JSON lines sorted by student"

# practice results too: the per-file CSV in three orders
"$TOOL" make "$FB" s1/student.key p1.json mixed
"$TOOL" make "$FB" s2/student.key p2.json mixed
"$TOOL" make "$FB" s3/student.key p3.json correct
cp p3.json p3-copy.json
printf 'p1.json\np2.json\np3.json\np3-copy.json\n' >pg
tac pg >pr
for order in pg pr; do
    run "$PROCTOR" verify --roster roster --bank "$FB" --csv $order.csv --files-from $order
done
expect_file_eq pr.csv pg.csv "practice: the per-file CSV is the same in either order"
expect_grep "^s1,Student s1,4,9,44,CONFLICT,the same responses as s2 \(Student s2\) in 'p2.json'," \
    pg.csv "practice: the copy is a conflict in the CSV"
expect_grep "^s3,Student s3,9,9,100,OK,the same file as 'p3-copy.json': counted once,.*,p3.json" \
    pg.csv "practice: the duplicate says it counts once"
