#!/bin/sh
# SPDX-License-Identifier: ISC
# Rebuilds the seed corpora in tests/fuzz/corpus/ from real files: the fixture bank, saved
# practice sessions, a result signed with the fixture test key (tests/fixtures/keys), key
# files, public key lines and a roster. Needs `make` first. Results carry a fresh nonce and
# time, so a rebuilt corpus differs from the committed one byte for byte; that is fine.
#   usage: sh tests/fuzz/make-corpus.sh
set -eu
cd "$(dirname "$0")/../.."
P=$PWD/build/proctor
KEY=$PWD/build/tests/tools/answer-key
RT=$PWD/build/tests/tools/result-tool
FB=tests/fixtures/bank
C=tests/fuzz/corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data" PROCTOR_PWHASH=min
unset PROCTOR_BANK PROCTOR_PASSPHRASE
rm -rf "$C"
mkdir -p "$C/fuzz-bank" "$C/fuzz-session" "$C/fuzz-verify" "$C/fuzz-keys" "$C/fuzz-grade" \
    "$C/fuzz-assignment" "$C/fuzz-marks" "$C/fuzz-fsrs" "$C/fuzz-study" "$C/fuzz-verdicts" \
    "$C/fuzz-json-strict"

# bank: the fixture bank's manifest and question file, and the lint diagnostics cases
cp $FB/sources/manifest.json "$C/fuzz-bank/manifest.json"
cp $FB/all-types.json "$C/fuzz-bank/all-types.json"
cp tests/fixtures/cloze/cloze.json "$C/fuzz-bank/cloze.json"
for f in syntax-error duplicate-id duplicate-member two-correct unknown-member quote-twice \
    cloze-markers cloze-gap-type cloze-gap-members; do
    cp tests/cli/diag/$f.json "$C/fuzz-bank/$f.json"
done

# session: practice runs on the fixture bank stopped with :quit after 3, 6 and 9 answers
for n in 3 6 9; do
    { "$KEY" $FB $n right | head -n $n; echo :quit; } |
        "$P" practice --new --bank $FB --seed $n >/dev/null
    cp "$XDG_STATE_HOME/proctor/practice.json" "$C/fuzz-session/saved-$n.json"
done
{ "$KEY" $FB 4 wrong | head -n 5; echo :quit; } | "$P" practice --new --bank $FB --seed 4 >/dev/null
cp "$XDG_STATE_HOME/proctor/practice.json" "$C/fuzz-session/saved-wrong.json"

# verify: whole result files signed with the test key, and their payloads
for mode in correct mixed none; do
    "$RT" make $FB tests/fixtures/keys/student.key "$C/fuzz-verify/result-$mode.json" $mode
    python3 -c 'import base64,json,sys; sys.stdout.buffer.write(base64.b64decode(json.load(open(sys.argv[1]))["payload"]))' \
        "$C/fuzz-verify/result-$mode.json" >"$C/fuzz-verify/payload-$mode.json"
done

# json-strict: a result payload and envelope, a question file with escapes, a session
cp "$C/fuzz-verify/payload-mixed.json" "$C/fuzz-verify/result-none.json" "$C/fuzz-json-strict/"
cp $FB/all-types.json "$C/fuzz-json-strict/all-types.json"
cp "$C/fuzz-session/saved-3.json" "$C/fuzz-json-strict/session.json"
printf '{"a":[1,-2,9007199254740991,true,false,null],"\\u00e9\\ud83d\\ude00":"x\\n\\"y","b":{}}' \
    >"$C/fuzz-json-strict/escapes.json"

# keys: the test key file, an encrypted key file, public key lines and a roster
cp tests/fixtures/keys/student.key "$C/fuzz-keys/student.key"
printf 'pass\n' >"$T/pass"
"$P" keygen --student s2 --name "Bo Ng" --passphrase-file "$T/pass" --out "$T/k2" >/dev/null
"$P" keygen --teacher --name "Ms Teach" --no-passphrase --out "$T/k3" >/dev/null
cp "$T/k2/student.key" "$C/fuzz-keys/encrypted.key"
cp tests/fixtures/keys/student.pub "$C/fuzz-keys/student.pub"
cp "$T/k3/teacher.pub" "$C/fuzz-keys/teacher.pub"
{ echo "# class 1"; cat tests/fixtures/keys/student.pub; echo; cat "$T/k2/student.pub"; } >"$C/fuzz-keys/roster"

# assignment: the payloads of a sealed assignment, its answer key and an open assignment
"$P" keygen --teacher --name "Ms Teach" --no-passphrase --out "$T/t" >/dev/null
"$P" assign --title "Week 1" --id hw1 --bank $FB --sealed --key "$T/t/teacher.key" \
    --out "$T/a-sealed.json" --key-out "$T/k-sealed.json" >/dev/null
"$P" assign --title "Week 1" --id hw1 --bank $FB --open --key "$T/t/teacher.key" \
    --out "$T/a-open.json" >/dev/null
payload_of() {
    python3 -c 'import base64,json,sys; sys.stdout.buffer.write(base64.b64decode(json.load(open(sys.argv[1]))["payload"]))' "$1"
}
payload_of "$T/a-sealed.json" >"$C/fuzz-assignment/sealed.json"
payload_of "$T/k-sealed.json" >"$C/fuzz-assignment/answer-key.json"
payload_of "$T/a-open.json" >"$C/fuzz-assignment/open.json"
"$P" assign --title "Gaps" --id gaps --bank tests/fixtures/cloze --sealed --key "$T/t/teacher.key" \
    --out "$T/a-cloze.json" --key-out "$T/k-cloze.json" >/dev/null
payload_of "$T/a-cloze.json" >"$C/fuzz-assignment/cloze-sealed.json"
payload_of "$T/k-cloze.json" >"$C/fuzz-assignment/cloze-key.json"

# marks: a student takes the sealed assignment; the teacher marks the essay and returns it
"$P" key export --teacher --key "$T/t/teacher.key" >"$T/teacher.pub"
"$P" keygen --student s9 --name "Sam Nine" --no-passphrase --out "$T/s9" >/dev/null
"$KEY" --assignment "$T/a-sealed.json" "$T/k-sealed.json" s9 right >"$T/s9.in"
(cd "$T" && "$P" take --yes --teacher-key teacher.pub --key s9/student.key \
    --out s9.result.json a-sealed.json <s9.in >/dev/null)
printf '0.5\nOne reason; say why it matters.\n' |
    "$P" mark --answer-key "$T/k-sealed.json" --key "$T/t/teacher.key" --marks "$T/m.json" \
        "$T/s9.result.json" >/dev/null
"$P" roster add --roster "$T/roster" "$("$P" key export --key "$T/s9/student.key")" >/dev/null
"$P" return --answer-key "$T/k-sealed.json" --key "$T/t/teacher.key" --marks "$T/m.json" \
    --roster "$T/roster" "$T/s9.result.json" --out "$T/graded.json" >/dev/null
payload_of "$T/m.json" >"$C/fuzz-marks/marks.json"
# verdicts: the lines of verify --json (the map) that proctor gradebook reads: an assignment
# result with a marked essay, and practice results (one altered)
"$P" verify --json --roster "$T/roster" --teacher-key "$T/teacher.pub" \
    --assignment "$T/a-sealed.json" --answer-key "$T/k-sealed.json" --marks "$T/m.json" \
    "$T/s9.result.json" 2>/dev/null | tr -d '\n' >"$C/fuzz-verdicts/assignment.json"
{ echo "# class"; cat tests/fixtures/keys/student.pub; } >"$T/fixture.roster"
sed 's/"payload":"./"payload":"A/' "$C/fuzz-verify/result-mixed.json" >"$T/altered.json"
"$P" verify --json --roster "$T/fixture.roster" --bank $FB "$C/fuzz-verify/result-mixed.json" \
    "$T/altered.json" 2>/dev/null >"$T/practice.jsonl" || true
head -n 1 "$T/practice.jsonl" | tr -d '\n' >"$C/fuzz-verdicts/practice.json"
tail -n 1 "$T/practice.jsonl" | tr -d '\n' >"$C/fuzz-verdicts/invalid.json"
payload_of "$T/graded.json" >"$C/fuzz-marks/graded.json"

# grade: accepted pattern, newline, given answer (see fuzz-grade.c)
printf 'Dallaire\ngeneral dallaire' >"$C/fuzz-grade/short"
printf '*General Dallaire\nMaj. General Dallaire' >"$C/fuzz-grade/wildcard"
printf '1,700\n1 700' >"$C/fuzz-grade/number"
printf 'x\na c' >"$C/fuzz-grade/letters"
printf 'x\n1b 2a 3c' >"$C/fuzz-grade/pairs"
printf 'x\ntrue' >"$C/fuzz-grade/truth"
printf 'Rom\xc3\xa9o\nROMEO' >"$C/fuzz-grade/accents"
printf 'Juv\xc3\xa9nal Habyarimana\nPres. J. Habarimana, not Kagame' >"$C/fuzz-grade/name"
printf 'Somalia\nnot Somalia or Rwanda, no: Sudan/Uganda' >"$C/fuzz-grade/refusals"
printf 'In 20 minutes, how many?\nabout one thousand seven hundred and 5 (1.700) on 5 April 1994, 36h' >"$C/fuzz-grade/numbers"
printf 'United Nations Assistance Mission for Rwanda\nU.N. Assistence Mission in Rwanda (UNAMIR)' >"$C/fuzz-grade/initials"
printf 'x\nMaj. Gen. Baril' >"$C/fuzz-grade/option-text"
printf 'x\n(a) b) c, and d > e' >"$C/fuzz-grade/labels"
# fsrs: the first byte says what the rest is (see fuzz-fsrs.c)
printf 'w[0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,\n 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]\n' \
    >"$C/fuzz-fsrs/weights21"
printf 'w0.4 0.6 2.4 5.8 4.93 0.94 0.86 0.01 1.49 0.14 0.94 2.18 0.05 0.34 1.26 0.29 2.61 # FSRS-4.5\n' \
    >"$C/fuzz-fsrs/weights17"
printf 'h3:0,3:1,3:5,2:10' >"$C/fuzz-fsrs/history"
printf 's3:0,3:600,3:172800,1:950400,1:600,3:600' >"$C/fuzz-fsrs/schedule"
printf 't1m,10m,30s,2h' >"$C/fuzz-fsrs/steps"
printf 'n1e-3' >"$C/fuzz-fsrs/number"

# study: settings ('c' first), and study databases made by study runs (see fuzz-study.c)
printf 'c# settings\nweights = my-weights.txt\nretention = 0.85\nnew-per-day = 10\nmax-interval = 365\nlearning-steps = 1m, 10m\nrelearning-steps = 10m\nfuzz = off\ncertainty = on\n' \
    >"$C/fuzz-study/settings"
printf 'cretention = 2\n' >"$C/fuzz-study/bad-setting"
printf '0\ntrue\nspring\nRomeo Ortiz\n400\n1700\ntrue\n' |
    PROCTOR_NOW=1717405200 "$P" study --bank $FB --type numeric --type truefalse --type short \
        >/dev/null
"$P" study --bank $FB --reset books >/dev/null
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("VACUUM")' \
    "$XDG_STATE_HOME/proctor/study.db"
cp "$XDG_STATE_HOME/proctor/study.db" "$C/fuzz-study/studied.db"
chmod 644 "$C/fuzz-study/studied.db"
python3 - "$C/fuzz-study/schema-1.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE cards (id INTEGER PRIMARY KEY, bank TEXT NOT NULL, question TEXT NOT NULL,
  digest BLOB NOT NULL, state INTEGER NOT NULL, step INTEGER NOT NULL, stability REAL NOT NULL,
  difficulty REAL NOT NULL, due INTEGER NOT NULL, last_review INTEGER NOT NULL,
  reps INTEGER NOT NULL, lapses INTEGER NOT NULL, reset INTEGER NOT NULL DEFAULT 0,
  UNIQUE (bank, question));
CREATE TABLE revlog (id INTEGER PRIMARY KEY, card INTEGER NOT NULL REFERENCES cards (id),
  time INTEGER NOT NULL, rating INTEGER NOT NULL, state INTEGER NOT NULL,
  elapsed INTEGER NOT NULL, duration INTEGER NOT NULL, response BLOB, certainty INTEGER);
CREATE INDEX revlog_card ON revlog (card);
INSERT INTO cards VALUES (1, 'memo', 'lyon', zeroblob(32), 2, 0, 12.5, 4.0, 1717300000,
  1717200000, 3, 9, 0);
INSERT INTO revlog VALUES (1, 1, 1717200000000, 3, 1, 0, 3000, NULL, NULL);
PRAGMA user_version = 1;
""")
db.close()
PY
ls "$C"/* | wc -l

# fuzz-import: GIFT and Aiken files behind a format byte ('g' GIFT, 'a' Aiken, '!' GIFT with
# --doc memo)
mkdir -p "$C/fuzz-import"
for f in constructs.gift bad.gift switches.gift; do
    { printf 'g'; cat tests/fixtures/gift/$f; } >"$C/fuzz-import/$f"
done
{ printf 'a'; cat tests/fixtures/gift/sample.aiken; printf 'Orphan?\nA) yes\nANSWER: C\n'; } >"$C/fuzz-import/sample.aiken"
