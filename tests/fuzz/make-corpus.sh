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
    "$C/fuzz-assignment" "$C/fuzz-marks"

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
payload_of "$T/graded.json" >"$C/fuzz-marks/graded.json"

# grade: accepted pattern, newline, given answer (see fuzz-grade.c)
printf 'Dallaire\ngeneral dallaire' >"$C/fuzz-grade/short"
printf '*General Dallaire\nMaj. General Dallaire' >"$C/fuzz-grade/wildcard"
printf '1,700\n1 700' >"$C/fuzz-grade/number"
printf 'x\na c' >"$C/fuzz-grade/letters"
printf 'x\n1b 2a 3c' >"$C/fuzz-grade/pairs"
printf 'x\ntrue' >"$C/fuzz-grade/truth"
printf 'Rom\xc3\xa9o\nROMEO' >"$C/fuzz-grade/accents"
ls "$C"/* | wc -l
