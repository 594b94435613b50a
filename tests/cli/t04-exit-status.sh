#!/bin/sh
# SPDX-License-Identifier: ISC
# One exit status per kind of failure, in every command (README "Exit status"):
#   2  usage: an unknown option, an option given twice, a missing or extra operand, and a file
#      that already exists (use --force, or another name)
#   3  bad data: a bank, key, roster or answer file that does not parse or validate
#   4  system or I/O: a missing bank, key, roster or input file, no HOME for the defaults
#   1  verification failed: a forged, altered or unsigned file
# and the errors that have a next step say it. Each row: STATUS NAME COMMAND...
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
cd "$T" || exit 1

# a world to fail in: keys, a roster, an assignment, a result
"$PROCTOR" keygen --student s1 --name Ann --no-passphrase >/dev/null
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase >/dev/null
"$PROCTOR" key export >s1.pub
"$PROCTOR" roster add s1.pub 2>/dev/null
"$PROCTOR" assign --bank "$FB" --title A --id a --out a.json >/dev/null
yes ':skip' | head -n 20 | "$PROCTOR" practice --bank "$FB" --seed 1 --record r.json >/dev/null
yes ':skip' | head -n 20 | "$PROCTOR" take --yes --out a1.json a.json >/dev/null
"$PROCTOR" return --answer-key a.key.json a1.json --out g.json >/dev/null
printf 'not json\n' >junk.json
mkdir -p badbank/sources nobank
cp "$FB/sources/"* badbank/sources/
printf '{"questions": [{"id": "x"' >badbank/q.json
printf 'proctor-pk1 nonsense\n' >bad.roster
printf 'garbage\n' >bad.key
DATA=$XDG_DATA_HOME/proctor
mkdir -p empty
E="$T/empty" # a HOME with nothing in it
noh() { env -u HOME -u XDG_DATA_HOME -u XDG_STATE_HOME "$@"; }
inempty() { HOME="$E" XDG_DATA_HOME="$E/data" XDG_STATE_HOME="$E/state" "$@"; }

# row STATUS NAME CMD...: the command exits STATUS and says why (a "proctor" line on stderr,
# or verify's INVALID verdict), never silently
row() {
    _want=$1 _name=$2
    shift 2
    run "$@" </dev/null
    if [ "$rc" -eq "$_want" ]; then ok "exit $_want: $_name"; else
        fail "exit $_want: $_name (got $rc)"
        sed 's/^/#   err: /' "$T/err" | head -n 4
    fi
    if [ "$_want" -ne 0 ] && ! grep -q '^proctor' "$T/err" && ! grep -q 'INVALID' "$T/out"; then
        fail "exit $_want: $_name: says why on stderr"
    fi
}

# --- 2: usage, in every command
for c in practice study stats lint list show coverage init add-doc import export keygen key roster verify gradebook \
    item-stats assign take mark return review show-result inspect fsrs help; do
    row 2 "$c: an unknown option" "$PROCTOR" $c --no-such-option
done
row 2 "study: --limit given twice" "$PROCTOR" study --bank "$FB" --limit 1 --limit 2
row 2 "stats: --json given twice" "$PROCTOR" stats --bank "$FB" --json --json
row 2 "fsrs: --history given twice" "$PROCTOR" fsrs memory --history 3:0 --history 3:0
row 2 "fsrs: no subcommand" "$PROCTOR" fsrs --history 3:0
row 2 "fsrs: a history that does not parse" "$PROCTOR" fsrs memory --history 3:x
row 2 "practice: an option given twice" "$PROCTOR" practice --seed 1 --seed 2
row 2 "list: --bank given twice" "$PROCTOR" list --bank "$FB" --bank "$FB"
row 2 "coverage: --doc given twice" "$PROCTOR" coverage --doc a --doc b
row 2 "keygen: --name given twice" "$PROCTOR" keygen --student x --name a --name b
row 2 "key: --key given twice" "$PROCTOR" key --key a --key b export
row 2 "roster: --roster given twice" "$PROCTOR" roster --roster a --roster b list
row 2 "verify: --csv given twice" "$PROCTOR" verify --csv a --csv b r.json
row 2 "assign: --title given twice" "$PROCTOR" assign --title a --title b --out x.json
row 2 "take: --out given twice" "$PROCTOR" take --out a --out b a.json
row 2 "mark: --marks given twice" "$PROCTOR" mark --marks a --marks b --answer-key a.key.json r.json
row 2 "return: --out given twice" "$PROCTOR" return --out a --out b --answer-key a.key.json r.json
row 2 "review: --teacher-key given twice" "$PROCTOR" review --teacher-key a --teacher-key b g.json
row 2 "show-result: --payload given twice" "$PROCTOR" show-result --payload --payload r.json
row 2 "show: no question id" "$PROCTOR" show --bank "$FB"
row 2 "key: no subcommand" "$PROCTOR" key
row 2 "roster: an unknown subcommand" "$PROCTOR" roster frob
row 2 "verify: no result files" "$PROCTOR" verify
row 2 "item-stats: no --assignment" "$PROCTOR" item-stats r.json
row 2 "take: two files" "$PROCTOR" take a.json b.json
row 2 "help: an unknown command" "$PROCTOR" help frob
row 2 "an unknown command" "$PROCTOR" frob
row 2 "list: an unknown --doc" "$PROCTOR" list --bank "$FB" --doc nope
row 2 "init: no directory" "$PROCTOR" init --doc "$FB/sources/memo.txt"
row 2 "init: no document" "$PROCTOR" init newbank
row 2 "add-doc: no file" "$PROCTOR" add-doc --bank "$FB"
row 2 "import: no format" "$PROCTOR" import --into "$FB"
row 2 "import: no --into" "$PROCTOR" import gift "$FB/sources/memo.txt"
row 2 "export: no format" "$PROCTOR" export --bank "$FB"
row 2 "export qti: no --out" "$PROCTOR" export qti --bank "$FB"

# --- 2: a file that already exists
row 2 "keygen: the key exists (use --force)" "$PROCTOR" keygen --student s1 --name Ann --no-passphrase
expect_grep "already exists; use --force" "$T/err" "keygen: says --force"
row 2 "assign: the assignment exists (use --force)" "$PROCTOR" assign --bank "$FB" --title A --id a --out a.json
expect_grep "already exists; use --force" "$T/err" "assign: says --force"
row 2 "return: the graded file exists (use --force)" "$PROCTOR" return --answer-key a.key.json a1.json --out g.json
expect_grep "already exists; use --force" "$T/err" "return: says --force"
row 2 "practice --record: the result exists" "$PROCTOR" practice --bank "$FB" --record r.json
expect_grep "already exists" "$T/err" "practice --record: says it exists"
row 2 "take --out: the result exists" "$PROCTOR" take --yes --out r.json a.json
expect_grep "already exists" "$T/err" "take --out: says it exists"
row 2 "init: the directory holds a bank" "$PROCTOR" init badbank --doc "$FB/sources/memo.txt"
expect_grep "already holds a bank" "$T/err" "init: says the bank is there"

# --- 4: a missing bank, in every command that reads one; the error names --bank and PROCTOR_BANK
for c in practice study stats list coverage lint; do
    row 4 "$c: a missing bank" "$PROCTOR" $c --bank nobank
    expect_grep "give --bank DIR or set PROCTOR_BANK" "$T/err" "$c: a missing bank says --bank and PROCTOR_BANK"
done
row 4 "show: a missing bank" "$PROCTOR" show --bank nobank x
row 4 "assign: a missing bank" "$PROCTOR" assign --bank nobank --title B --out b.json
row 4 "verify: a missing bank" "$PROCTOR" verify --bank nobank r.json
row 4 "add-doc: a missing bank" "$PROCTOR" add-doc --bank nobank "$FB/sources/memo.txt"
expect_grep "give --bank DIR or set PROCTOR_BANK" "$T/err" "add-doc: a missing bank says --bank and PROCTOR_BANK"
row 4 "practice: PROCTOR_BANK names a missing bank" env PROCTOR_BANK="$T/nobank" "$PROCTOR" practice
expect_grep "give --bank DIR or set PROCTOR_BANK" "$T/err" "practice: PROCTOR_BANK missing says so"

# --- 3: a bad bank
for c in practice study stats list coverage lint; do
    row 3 "$c: a bank that does not validate" "$PROCTOR" $c --bank badbank
done

# --- 4: a missing key; the error says how to make one
row 4 "practice --record: no student key" inempty "$PROCTOR" practice --bank "$FB" --record new.json
expect_grep "run 'proctor keygen --student ID --name NAME'" "$T/err" "practice --record: says to run keygen"
row 4 "take: no student key" inempty "$PROCTOR" take --yes a.json
expect_grep "run 'proctor keygen --student ID --name NAME'" "$T/err" "take: says to run keygen"
row 4 "key export: no key" inempty "$PROCTOR" key export
expect_grep "run 'proctor keygen --student ID --name NAME'" "$T/err" "key export: says to run keygen"
row 4 "key check: no key" inempty "$PROCTOR" key check
row 4 "key --teacher export: no teacher key" inempty "$PROCTOR" key --teacher export
expect_grep "run 'proctor keygen --teacher --name NAME'" "$T/err" "key --teacher: says to run keygen --teacher"
row 4 "assign: no teacher key" inempty "$PROCTOR" assign --bank "$FB" --title B --out b.json
expect_grep "run 'proctor keygen --teacher --name NAME'" "$T/err" "assign: says to run keygen --teacher"
row 4 "mark: no teacher key" inempty "$PROCTOR" mark --answer-key a.key.json r.json
row 4 "return: no teacher key" inempty "$PROCTOR" return --answer-key a.key.json r.json --out g2.json
row 4 "practice --record --key: a missing key file" "$PROCTOR" practice --bank "$FB" --record new.json --key nokey
row 3 "key export: a key file that is not a key" "$PROCTOR" key --key bad.key export
row 3 "practice --record: a key file that is not a key" "$PROCTOR" practice --bank "$FB" --record new.json --key bad.key
printf '::Q::caf\351?{T}\n' >latin1.gift
row 3 "import: a GIFT file that is not UTF-8" "$PROCTOR" import gift latin1.gift --into "$FB" --dry-run
printf '::Q::How many?{#many}\n' >bad.gift
row 3 "import: a question refused" "$PROCTOR" import gift bad.gift --into "$FB" --dry-run

# --- 4: a missing roster, in every command that reads one; the error says how to make one
row 4 "verify: no roster" inempty "$PROCTOR" verify --bank "$FB" r.json
expect_grep "add students with 'proctor roster add'" "$T/err" "verify: says to add students"
row 4 "verify --roster: a missing roster" "$PROCTOR" verify --roster noroster --bank "$FB" r.json
row 4 "roster list: no roster" inempty "$PROCTOR" roster list
expect_grep "add students with 'proctor roster add'" "$T/err" "roster list: says to add students"
row 4 "mark --roster: a missing roster" "$PROCTOR" mark --roster noroster --answer-key a.key.json r.json
row 4 "return --roster: a missing roster" "$PROCTOR" return --roster noroster --answer-key a.key.json r.json --out g3.json
expect_grep "add students with 'proctor roster add'" "$T/err" "return: says to add students"
# --- 3: a bad roster
row 3 "verify: a roster that does not parse" "$PROCTOR" verify --roster bad.roster --bank "$FB" r.json
row 3 "roster list: a roster that does not parse" "$PROCTOR" roster --roster bad.roster list
row 3 "return: a roster that does not parse" "$PROCTOR" return --roster bad.roster --answer-key a.key.json r.json --out g3.json

# --- 4: a missing input file
row 4 "take: a missing assignment" "$PROCTOR" take nothing.json
row 4 "review: a missing graded file" "$PROCTOR" review nothing.json
row 4 "show-result: a missing file" "$PROCTOR" show-result nothing.json
row 4 "inspect: a missing file" "$PROCTOR" inspect nothing.json
row 4 "lint: a missing path" "$PROCTOR" lint nothing.json
row 4 "init: a missing document" "$PROCTOR" init newbank --doc nothing.txt
row 4 "add-doc: a missing document" "$PROCTOR" add-doc --bank badbank nothing.txt
row 4 "import: a missing file" "$PROCTOR" import gift nothing.gift --into "$FB" --dry-run
row 4 "import: a missing bank" "$PROCTOR" import gift "$FB/sources/memo.txt" --into nobank
row 4 "export: a missing bank" "$PROCTOR" export gift --bank nobank
row 4 "mark: a missing answer key" "$PROCTOR" mark --answer-key nothing.json r.json
row 4 "return: a missing result" "$PROCTOR" return --answer-key a.key.json nothing.json --out g4.json
row 4 "roster add: a missing file" "$PROCTOR" roster add nothing.pub
row 4 "verify --files-from: a missing list" "$PROCTOR" verify --bank "$FB" --files-from nothing.txt
row 4 "verify --assignment: a missing assignment" "$PROCTOR" verify --assignment nothing.json r.json
row 4 "fsrs --weights: a missing weights file" "$PROCTOR" fsrs memory --history 3:0 --weights nothing.txt
row 4 "study --weights: a missing weights file" "$PROCTOR" study --bank "$FB" --weights nothing.txt
# --- 3: an input file that is not what it should be
row 3 "show-result: a file that is not JSON" "$PROCTOR" show-result junk.json
row 3 "fsrs --weights: a weights file that does not parse" "$PROCTOR" fsrs memory --history 3:0 --weights junk.json
mkdir -p junkdb/proctor
cp junk.json junkdb/proctor/study.db
row 3 "study: a study database that is not one" env XDG_STATE_HOME="$T/junkdb" "$PROCTOR" study --bank "$FB"
row 3 "stats: a study database that is not one" env XDG_STATE_HOME="$T/junkdb" "$PROCTOR" stats --bank "$FB"
row 3 "roster add: a line that is not a key" "$PROCTOR" roster add "proctor-pk1 nonsense line"
row 3 "init: a document that is not text" "$PROCTOR" init newbank --doc "$PROCTOR"
# --- 1: a file that is not signed, where a signature is the point
row 1 "take: a file that is not a signed assignment" "$PROCTOR" take junk.json
row 1 "review: a file that is not signed graded work" "$PROCTOR" review junk.json
row 1 "verify: a file that is not a signed result" "$PROCTOR" verify --bank "$FB" junk.json

# --- 4: no HOME for the default files
row 4 "practice: no HOME for the saved session" noh "$PROCTOR" practice --bank "$FB"
row 4 "study: no HOME for the study database" noh env -u XDG_CONFIG_HOME "$PROCTOR" study --bank "$FB"
row 4 "stats: no HOME for the study database" noh env -u XDG_CONFIG_HOME "$PROCTOR" stats --bank "$FB"
row 4 "key export: no HOME for the default key" noh "$PROCTOR" key export
row 4 "verify: no HOME for the default roster" noh "$PROCTOR" verify --bank "$FB" r.json
row 4 "return: no HOME for the default roster" noh "$PROCTOR" return --answer-key a.key.json r.json --out g5.json
row 4 "roster: no HOME for the default roster" noh "$PROCTOR" roster list
row 4 "keygen: no HOME for the default directory" noh "$PROCTOR" keygen --student x --name X --no-passphrase
