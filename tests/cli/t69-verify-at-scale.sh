#!/bin/sh
# SPDX-License-Identifier: ISC
# Verifying at scale (docs/SCALE.md): a class split into 4 shards, each verified on its own by
# 'proctor verify --json' under xargs -P 4 (the map), then reduced by 'proctor gradebook',
# gives what one verify of the whole class gives: the gradebook CSV byte for byte, the
# verdict lines and the summary, including what crosses shards - copied answers (CONFLICT), a
# file handed in twice (counted once), attempts over the limit, a student who handed nothing
# in (MISSING). The shards in any order, the reduce of a reduce, and the errors of bad lines.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1
count_is() { # GOT WANT NAME
    if [ "$1" -eq "$2" ]; then ok "$3"; else fail "$3 ($1, wanted $2)"; fi
}

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
for s in s1 s2 s3 s4 s5 s6 s7 s8; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
    "$PROCTOR" key --key $s/student.key export >>class.pub
done
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
"$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title "Week 1" --id w1 \
    --no-shuffle --attempts 2 --out w1.json >/dev/null
take() { # STUDENT INPUT
    "$PROCTOR" take --yes --key "$1/student.key" w1.json <"$2" >/dev/null 2>&1 ||
        fail "take by $1"
}
for s in s1 s2 s3 s4 s5; do
    w=right
    case $s in s2 | s5) w=wrong ;; esac
    { "$KEYS" --assignment w1.json w1.key.json $s $w; echo y; } >$s.in
    take $s $s.in
done
take s6 s5.in # s6 hands in s5's very answers (some wrong): a copy
take s2 s2.in # s2's second and third attempts: the third is over the limit of 2
take s2 s2.in
cp w1-s1-1.result.json s1-again.json # one file handed in twice
{ "$KEYS" --assignment w1.json w1.key.json s8 right; echo y; } >s8.in
take s8 s8.in
# s8's file altered after signing: INVALID, s8 has no valid file; s7 hands in nothing
sed 's/"payload":"./"payload":"A/' w1-s8-1.result.json >s8-bad.json
rm w1-s8-1.result.json
ls ./*.json | grep -v '^./w1\.json$' | grep -v '^./w1\.key\.json$' | sed 's|^\./||' >all.list
count_is "$(wc -l <all.list)" 10 "the class: 10 result files"

ASG="--roster roster --teacher-key teacher.pub --assignment w1.json --answer-key w1.key.json"
# shellcheck disable=SC2086
run "$PROCTOR" verify $ASG --csv one.csv --files-from all.list
expect_rc 1 "one verify of the whole class: some files are not OK"
cp "$T/out" one.out
grep ': ' one.out | sort >one.lines
sed -n '/ results: /,$p' one.out >one.summary
expect_grep "CONFLICT" one.lines "the copy is found by one verify"
expect_grep "over the limit|attempt limit|limit of 2" one.lines "so is the third attempt"
expect_grep "MISSING" one.summary "s7 is MISSING"

# the map: 4 shards (round robin, so s5 and s6, and s1's two copies, land apart), verified by
# four processes at once
split -n r/4 all.list shard.
count_is "$(ls shard.* | wc -l)" 4 "4 shards"
if grep -q 'w1-s5-1' shard.aa shard.ab shard.ac shard.ad && ! grep -l 'w1-s5-1' shard.* |
    xargs grep -q 'w1-s6-1'; then
    ok "the copy's two files are in different shards"
else
    fail "the copy's two files are in different shards"
fi
# shellcheck disable=SC2016,SC2086
ls shard.* | xargs -P 4 -n 1 sh -c '"$1" verify '"$ASG"' --json --files-from "$2" >"$2.jsonl" 2>"$2.err"; [ $? -le 1 ]' sh "$PROCTOR"
rc=$?
expect_rc 0 "the map: every shard verified (exit 0 or 1)"
count_is "$(cat shard.*.jsonl | wc -l)" 10 "one JSON line per file"

# the reduce
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv red.csv shard.aa.jsonl shard.ab.jsonl shard.ac.jsonl \
    shard.ad.jsonl
expect_rc 1 "the reduce: some files are not OK (as one verify)"
expect_file_eq red.csv one.csv "the reduce's gradebook CSV is one verify's, byte for byte"
grep ': ' "$T/out" | sort >red.lines
expect_file_eq red.lines one.lines "the same verdict on every file (CONFLICT across shards too)"
sed -n '/ results: /,$p' "$T/out" >red.summary
expect_file_eq red.summary one.summary "the same summary"

# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv rev.csv shard.ad.jsonl shard.ac.jsonl shard.ab.jsonl \
    shard.aa.jsonl
expect_file_eq rev.csv one.csv "the shards in another order: the same gradebook"
cat shard.*.jsonl | sort -r | run "$PROCTOR" gradebook $ASG --csv stdin.csv -
expect_file_eq stdin.csv one.csv "the lines in any order, from standard input"
# shellcheck disable=SC2086
"$PROCTOR" gradebook $ASG --json shard.*.jsonl >again.jsonl 2>/dev/null
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv again.csv again.jsonl
expect_file_eq again.csv one.csv "the reduce's own --json lines reduce to the same gradebook"
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv moodle.csv --format moodle shard.*.jsonl
# shellcheck disable=SC2086
"$PROCTOR" verify $ASG --csv one-moodle.csv --format moodle --files-from all.list >/dev/null
expect_file_eq moodle.csv one-moodle.csv "--format moodle: the same as verify's"

# bad lines: the file, the line and the member
head -n 1 shard.aa.jsonl | sed 's/"nonce":"[0-9a-f]*"/"nonce":"xyz"/' >bad1.jsonl
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG bad1.jsonl
expect_rc 3 "a bad nonce in a line: bad data"
expect_grep "^proctor: bad1.jsonl:1: check.nonce: want 32 lowercase hex digits" "$T/err" \
    "naming the file, line and member"
{ head -n 1 shard.aa.jsonl; echo '{"file":"x","check":{}'; } >bad2.jsonl
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG bad2.jsonl
expect_rc 3 "a line that is not JSON: bad data"
expect_grep "^proctor: bad2.jsonl:2:" "$T/err" "naming its line"
head -n 1 shard.aa.jsonl | sed 's/"check":{/"check":{"extra":1,/' >bad3.jsonl
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG bad3.jsonl
expect_rc 3 "an unknown member in check: bad data"
expect_grep "check.extra: unknown member" "$T/err" "naming it"
echo '{"status":"OK"}' >bad4.jsonl
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG bad4.jsonl
expect_rc 3 "a line without check"
expect_grep "not a line of 'proctor verify --json'" "$T/err" "says what it wants"
"$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title "Week 2" --id w2 \
    --no-shuffle --out w2.json >/dev/null
run "$PROCTOR" gradebook --roster roster --teacher-key teacher.pub --assignment w2.json \
    --answer-key w2.key.json shard.aa.jsonl
expect_rc 3 "lines verified against another assignment: bad data"
expect_grep "was verified against 'assignment w1 [0-9a-f]{64}', not 'assignment w2 " "$T/err" \
    "naming both"
run "$PROCTOR" gradebook --roster roster shard.aa.jsonl
expect_rc 2 "assignment lines without --assignment: a usage error"
expect_grep "give that assignment with --assignment" "$T/err" "saying what to give"
run "$PROCTOR" gradebook --roster roster
expect_rc 2 "no verdict files: a usage error"
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG nothing.jsonl
expect_rc 4 "a missing verdict file: exit 4"
run "$PROCTOR" gradebook --roster roster --method last shard.aa.jsonl
expect_rc 2 "--method without --assignment: a usage error"
# the options that shape the CSV, read as verify reads them
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv x.csv --format blackboard shard.aa.jsonl
expect_rc 2 "gradebook: an unknown --format"
expect_grep "proctor, moodle or canvas, not 'blackboard'" "$T/err" "names the formats"
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv x.csv --per-question --no-per-question shard.aa.jsonl
expect_rc 2 "gradebook: --per-question and --no-per-question"
expect_grep "not both" "$T/err" "refused together"
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --excel shard.aa.jsonl
expect_rc 2 "gradebook: --excel without --csv"
expect_grep "give --csv FILE" "$T/err" "says to give --csv"
# shellcheck disable=SC2086
run "$PROCTOR" gradebook $ASG --csv bom.csv --excel --no-per-question shard.*.jsonl
if [ "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    ! head -n 1 bom.csv | grep -q ",q1 " &&
    head -n 1 red.csv | grep -q ",q1 "; then
    ok "gradebook --excel --no-per-question: a byte order mark, no question columns"
else fail "gradebook --excel --no-per-question: a byte order mark, no question columns"; fi
