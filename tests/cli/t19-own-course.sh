#!/bin/sh
# SPDX-License-Identifier: ISC
# The "your own course" walk-through of docs/QUESTIONS.md, step by step: each command the
# document gives is checked to be there, word for word, and run as it says.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
DOC="$SRC/docs/QUESTIONS.md"

# step CMD: the walk-through gives CMD (an indented line of its own), and it runs here
step() {
    if grep -qxF "       $1" "$DOC"; then ok "walk-through: docs/QUESTIONS.md gives '$1'"; else
        fail "walk-through: docs/QUESTIONS.md gives '$1'"
    fi
    # shellcheck disable=SC2086
    run $(printf '%s' "$1" | sed "s|^proctor|$PROCTOR|")
}

printf 'Kigali notes\n\nKigali is the capital of Rwanda and its largest city.\n\nRwanda became independent on 1 July 1962.\n' >notes.txt
printf 'A letter from Kigali\n\nWe write from Kigali in the spring, after the long rains.\n' >letter.txt
cat >quiz.gift <<'G'
::Independence::The notes say Rwanda "became independent on 1 July 1962". In which year?{#1962####1 July 1962.}

// [source:notes] "Kigali is the capital of Rwanda and its largest city"
::Largest::Which is Rwanda's largest city?{=Kigali ~Butare ~Gisenyi####The notes say so.}
G

step "proctor init kigali --doc notes.txt"
expect_rc 0 "walk-through 1: init makes the bank"
step "proctor lint kigali"
expect_rc 3 "walk-through 4 before 3: a bank without questions is not ready"

# step 2: the date and citation; step 3: a question in questions.json, as the text shows it
python3 - <<'PY' >"$T/py" 2>&1
import json
m = json.load(open("kigali/sources/manifest.json"))
m["documents"][0].update({"date": "2024-03-01", "citation": "Lecture notes, week 1."})
json.dump(m, open("kigali/sources/manifest.json", "w"), indent=2)
print("fine")
PY
expect_grep "^fine$" "$T/py" "walk-through 2: the date and citation"
sed -n '/^       { "id": "capital"/,/^$/p' "$DOC" | sed 's/^       //' >question.json
python3 - <<'PY' >"$T/py" 2>&1
import json
q = json.loads(open("question.json").read())
d = json.load(open("kigali/questions.json"))
assert d["questions"] == [] and len(d["examples"]) >= 9
d["questions"].append(q)
json.dump(d, open("kigali/questions.json", "w"), indent=2)
print("fine")
PY
expect_grep "^fine$" "$T/py" "walk-through 3: the question the text shows, added"
step "proctor lint kigali"
expect_rc 0 "walk-through 4: lint accepts the bank"
expect_no_grep "date|citation" "$T/err" "walk-through 4: no reminder once the date and citation are there"
step "proctor import gift quiz.gift --into kigali --doc notes"
expect_rc 0 "walk-through 5: the Moodle quiz imports"
expect_grep "quiz.gift: 2 questions imported into kigali/gift-quiz.json$" "$T/out" "walk-through 5: both questions, each tied to a passage"
step "proctor coverage --bank kigali"
expect_grep "notes" "$T/out" "walk-through 6: coverage lists the document's paragraphs"
printf 'true\n:quit\n' >answers.txt
"$PROCTOR" practice --bank kigali --tag places -n 1 <answers.txt >"$T/out" 2>&1
expect_grep "The notes call Kigali the capital of Rwanda" "$T/out" "walk-through 7: practice asks the question written in step 3"
grep -qxF "       proctor practice --bank kigali" "$DOC" && ok "walk-through: docs/QUESTIONS.md gives 'proctor practice --bank kigali'" || fail "walk-through: docs/QUESTIONS.md gives 'proctor practice --bank kigali'"
step "proctor add-doc --bank kigali letter.txt"
expect_rc 0 "walk-through 8: add-doc"
step "proctor coverage --bank kigali --doc letter"
expect_grep "MISSING" "$T/out" "walk-through 8: the new document's paragraphs have no question yet"
step "proctor export gift --bank kigali --out kigali.gift"
expect_rc 0 "walk-through 9: export gift"
expect_grep "^::capital::" kigali.gift "walk-through 9: the GIFT file holds the question"
step "proctor export qti --bank kigali --out kigali.zip"
expect_rc 0 "walk-through 9: export qti"
expect_grep "^Wrote 3 items to kigali.zip$" "$T/out" "walk-through 9: the QTI package holds the three questions"
