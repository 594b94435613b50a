#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor import gift and aiken: every GIFT construct into a bank (tests/fixtures/gift, written
# from the format's documentation), problems at the GIFT file's line and column, a bad question
# skipped while the good ones import, files that are not UTF-8 refused, passages from source
# comments and --doc, nothing ever overwritten.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
G="$FIX/gift"

printf 'Kigali Notes\n\nKigali is the capital of Rwanda and its largest city.\n\nRwanda became independent on 1 July 1962, after Belgian rule.\n' >notes.txt
"$PROCTOR" init course --doc notes.txt --no-require-source >/dev/null 2>&1 || fail "import: init"

run "$PROCTOR" import gift "$G/constructs.gift" --into course
expect_rc 0 "import gift: every construct imports"
expect_grep "constructs.gift: 14 questions imported into course/gift-constructs.json, 1 description skipped$" "$T/out" "import gift: says how many, where, and the description skipped"
expect_grep "^  1 category, each a tag of the questions after it$" "$T/out" "import gift: counts the categories"
expect_grep "^  3 answers' own feedback not kept$" "$T/out" "import gift: counts the feedback not kept"
expect_grep "constructs.gift:25:73: question 'short': answer 'Kigari' is worth 50% in Moodle and nothing here" "$T/err" "import gift: a partial-credit answer is a note at its line and column"
expect_grep "constructs.gift:14:5: question 'lakes': weights not kept" "$T/err" "import gift: multi weights that proctor scores otherwise are a note"
expect_grep "constructs.gift:45:16: question 'description': a description" "$T/err" "import gift: a description is not imported, and said"
python3 - "$T/course/gift-constructs.json" >"$T/py" 2>&1 <<'PY'
import json, sys
qs = {q["id"]: q for q in json.load(open(sys.argv[1]))["questions"]}
def opts(q): return [(o["text"], o.get("correct", False)) for o in q["options"]]
c = qs["capital-choice"]   # [id:], [tag:], [difficulty:], $CATEGORY, per-answer feedback dropped
assert c["type"] == "choice" and c["tags"] == ["week-1", "places"] and c["difficulty"] == 1, c
assert opts(c) == [("Kigali", True), ("Butare", False), ("Gisenyi", False)], c
assert qs["constructs-2"]["prompt"] == "The capital of Rwanda is _____ today.", qs["constructs-2"]
l = qs["lakes"]
assert l["type"] == "multi" and [x[1] for x in opts(l)] == [True, True, False, False], l
assert qs["tf-plain"]["answer"] is True and qs["tf-plain"]["level"] == "understanding"
t = qs["tf-words"]
assert t["answer"] is False and t["explain"] == "Kigali has been the capital since 1962.", t
s = qs["short"]
assert s["accept"] == ["Kigali", "Kigali City"] and s["typos"] == 0, s
assert qs["numeric-tolerance"]["answer"] == 1962 and qs["numeric-tolerance"]["tolerance"] == 1
assert qs["numeric-range"]["range"] == [1990, 1999], qs["numeric-range"]
assert qs["numeric-several"]["answer"] == 11 and "tolerance" not in qs["numeric-several"]
m = qs["matching"]
assert [(p["left"], p["right"]) for p in m["pairs"]] == [("Kigali", "Kigali City"), ("Butare", "Southern"), ("Gisenyi", "Western")], m
assert m["distractors"] == ["Eastern"], m
e = qs["essay"]
assert e["type"] == "essay" and e["rubric"] == "Full marks: names two hills." and "explain" not in e, e
x = qs["escapes"]
assert x["prompt"] == "Which of these is {written} with braces = and a colon: ?", x["prompt"]
assert opts(x) == [("a ~ tilde", True), ("b # hash", False), ("c \\ backslash", False)], x
h = qs["html"]
assert h["prompt"] == "Press one & only one of these <keys>: the list (https://example.org/keys)", h["prompt"]
assert opts(h) == [("Enter", True), ("Escape", False)], h
assert qs["markdown"]["prompt"] == "Which is **bold**?"
assert "description" not in qs and len(qs) == 14, sorted(qs)
print("fine")
PY
expect_grep "^fine$" "$T/py" "import gift: each construct becomes the question Moodle makes of it"
grep -v '^fine$' "$T/py" | head -n 5 | sed 's/^/#   /'
run "$PROCTOR" lint course
expect_rc 0 "import gift: the imported bank passes lint"

# the imported questions grade as Moodle grades them (no typo allowance: Moodle has none)
printf 'kigali city\n' | "$PROCTOR" practice --bank course --type short >"$T/out" 2>&1
expect_grep "Correct" "$T/out" "import gift: a short answer accepted in any case"
printf 'Kigari\n' | "$PROCTOR" practice --bank course --type short >"$T/out" 2>&1
expect_grep "Not quite. 0 of 1 point" "$T/out" "import gift: no typo allowance on an imported short answer"

# a short answer is compared with the whole response, as Moodle compares it: a response that
# merely holds the answer is wrong; a 0 % answer is a known wrong one; so after export and import
printf '::Where::Which country did UNOSOM serve?{=Somalia =%%0%%Sudan#Its neighbour.}\n' >where.gift
"$PROCTOR" init whole --doc notes.txt --no-require-source >/dev/null 2>&1 || fail "import: init whole"
run "$PROCTOR" import gift where.gift --into whole
expect_rc 0 "import gift: a short answer with a 0% answer imports"
expect_grep '"containment": false' whole/gift-where.json "import gift: a short answer compares the whole response (containment off)"
expect_grep '"reject": \[' whole/gift-where.json "import gift: a 0% answer is a known wrong answer"
whole_grades() { # bank, label
    for r in 'Somalia:Correct' 'somalia:Correct' 'in Somalia:Not quite' 'It was Somalia:Not quite' 'Sudan:Not quite' 'Somalia and Sudan:Not quite'; do
        printf '%s\n' "${r%%:*}" | "$PROCTOR" practice --bank "$1" --type short >"$T/out" 2>&1
        expect_grep "${r#*:}" "$T/out" "$2: '${r%%:*}' graded as Moodle grades it (${r#*:})"
    done
}
whole_grades whole "import gift"
run "$PROCTOR" export gift --bank whole --out where-back.gift
expect_rc 0 "export gift: the imported short answer"
expect_grep '^[[:space:]]=%0%Sudan$' where-back.gift "export gift: a known wrong answer as Moodle's 0 % answer"
expect_no_grep 'containment' where-back.gift "export gift: Moodle's whole match needs no comment"
"$PROCTOR" init whole2 --doc notes.txt --no-require-source >/dev/null 2>&1 || fail "import: init whole2"
run "$PROCTOR" import gift where-back.gift --into whole2
expect_rc 0 "import gift: the exported short answer imports back"
whole_grades whole2 "export and import again"

# the switches' comments (as proctor's export writes them), weights at or below 0, Moodle's
# '\]' in a comment; a switch's bad value refused at its line and column
run "$PROCTOR" import gift "$G/switches.gift" --into whole
expect_rc 3 "import gift: a bad switch value refuses its question"
expect_grep "switches.gift: 4 questions imported into whole/gift-switches.json, 3 refused$" "$T/out" "import gift: the good questions of the switches file"
expect_grep "switches.gift:28:4: question 'bad-typos': '\[typos:many\]': expected 0, 1, 2, 3 or auto$" "$T/err" "import gift: a typo allowance that is not one, at its column"
expect_grep "switches.gift:22:4: question 'bad-switch': '\[containment:sometimes\]': expected on or off$" "$T/err" "import gift: a switch that is neither on nor off, at its column"
expect_grep "switches.gift:25:4: question 'bad-kind': '\[kind:place\]': expected text or name$" "$T/err" "import gift: a kind that is neither text nor name, at its column"
expect_grep "switches.gift:9:11: question 'whole': answer 'Kenya' is worth -50% in Moodle; here it is a known wrong answer" "$T/err" "import gift: a negative short answer is a known wrong one, with a note"
python3 - <<'PY' >"$T/py" 2>&1
import json
qs = {q["id"]: q for q in json.load(open("whole/gift-switches.json"))["questions"]}
w = qs["whole"]
assert w["accept"] == ["Somalia"] and w["reject"] == ["Sudan", "Kenya"] and w["containment"] is False and w["typos"] == 0, w
c = qs["contained"]
assert "containment" not in c and "typos" not in c and c.get("accents_required") is True and "case_sensitive" not in c, c
n = qs["named"]
assert n["kind"] == "name" and "containment" not in n and n["tags"] == ["people"], n
assert qs["escaped-id"]["tags"] == ["a-b"], qs["escaped-id"]
print("fine")
PY
expect_grep "^fine$" "$T/py" "import gift: the switches' comments set the question's members"
grep -v '^fine$' "$T/py" | head -n 5 | sed 's/^/#   /'

# a file imported once is not imported over itself
run "$PROCTOR" import gift "$G/constructs.gift" --into course
expect_rc 2 "import gift: refuses to overwrite an earlier import"
expect_grep "'course/gift-constructs.json' already exists \(an earlier import\?\); remove it" "$T/err" "import gift: says to remove the earlier file"

# problems: each at its line and column, the good question imported, exit 3
run "$PROCTOR" import gift "$G/bad.gift" --into course
expect_rc 3 "import gift: a file with bad questions exits 3"
expect_grep "bad.gift: 1 question imported into course/gift-bad.json, 6 refused$" "$T/out" "import gift: the good question is imported, the bad ones counted"
expect_grep "bad.gift:5:46: question 'no-close': '\{' without the '\}' that closes the answers$" "$T/err" "import gift: an unclosed brace at its column"
expect_grep "bad.gift:7:28: question 'not-a-number': the answer 'many' is not a number \(Moodle reads it as '\*'" "$T/err" "import gift: a non-numeric numerical answer, with Moodle's reading of it"
expect_grep "bad.gift:9:25: question 'one-answer': a multiple-choice question needs at least 2 answers$" "$T/err" "import gift: too few answers"
expect_grep "bad.gift:11:24: question 'two-right': 2 answers are right" "$T/err" "import gift: two right answers in a choice question"
expect_grep "bad.gift:13:22: question 'bad-weight': the weight '%--50%' is not a number$" "$T/err" "import gift: a weight Moodle cannot read"
expect_grep "bad.gift:15:30: question 'arrowless': a matching answer is written '=left -> right'$" "$T/err" "import gift: a matching answer without ->"

# the format's checks come from the bank: a question with nine options, at the GIFT position
printf '::Nine::Pick.{=a ~b ~c ~d ~e ~f ~g ~h ~i}\n' >nine.gift
run "$PROCTOR" import gift nine.gift --into course
expect_rc 3 "import gift: a question the bank's checks refuse"
expect_grep "^proctor: nine.gift:1:[0-9]+: question 'nine': .*(2 to 8|at most 8)" "$T/err" "import gift: the bank's own check, at the GIFT line"

# a file that is not UTF-8 is refused, as Moodle refuses it
printf '::Caf\351::Is it open?{T}\n' >latin1.gift
run "$PROCTOR" import gift latin1.gift --into course
expect_rc 3 "import gift: a file that is not UTF-8"
expect_grep "latin1.gift:1:6: GIFT files must be UTF-8 \(byte 0xE9 is not\)" "$T/err" "import gift: names the first byte that is not UTF-8"
[ -e course/gift-latin1.json ] && fail "import gift: nothing written for a file refused" || ok "import gift: nothing written for a file refused"

# passages: a source comment, checked like any quote; --doc ties a question that quotes the document
cat >src.gift <<'G'
// [source:notes] "capital of Rwanda and its largest city" [tag:places]
::Largest::Kigali is the largest city of Rwanda.{T####The notes say so.}

// [source:notes] "words the notes do not have"
::Misquoted::Kigali is a city.{T}

::Quoting::The notes say Rwanda "became independent on 1 July 1962" - in which year?{#1962}

::Not quoting::Which river flows through Kigali?{=Nyabugogo}
G
run "$PROCTOR" import gift src.gift --into course --doc notes
expect_rc 3 "import gift: a misquoted passage is a problem"
expect_grep "^proctor: src.gift:4:4: question 'misquoted': quote not found in 'notes'$" "$T/err" "import gift: the quote's problem at the source comment's line"
expect_grep "src.gift:9:.*question 'not-quoting': not tied to 'notes': its text quotes no passage of it" "$T/err" "import gift --doc: lists a question it cannot tie"
python3 - <<'PY' >"$T/py" 2>&1
import json
qs = {q["id"]: q for q in json.load(open("course/gift-src.json"))["questions"]}
assert qs["largest"]["source"] == {"doc": "notes", "quote": "capital of Rwanda and its largest city"}, qs["largest"]
assert qs["largest"]["explain"] == "The notes say so." and qs["largest"]["tags"] == ["places"]
assert qs["quoting"]["source"] == {"doc": "notes", "quote": "became independent on 1 July 1962"}, qs["quoting"]
assert "source" not in qs["not-quoting"] and "misquoted" not in qs
print("fine")
PY
expect_grep "^fine$" "$T/py" "import gift: passages from the source comment and from --doc"
run "$PROCTOR" lint course
expect_rc 0 "import gift: lint accepts the bank"
expect_grep "^  not-quoting +course/gift-src.json:[0-9]+$" "$T/out" "import gift: lint lists the question without a passage"

# a bank that requires passages refuses a question without one
"$PROCTOR" init strict --doc notes.txt >/dev/null 2>&1
run "$PROCTOR" import gift src.gift --into strict
expect_rc 3 "import gift: a bank that requires sources refuses questions without one"
expect_grep "question 'quoting': missing 'source' passage reference" "$T/err" "import gift: says the source is missing"

# --dry-run writes nothing; usage errors
run "$PROCTOR" import gift --dry-run "$G/constructs.gift" --into strict
expect_rc 3 "import gift --dry-run: reports as an import does"
[ -e strict/gift-constructs.json ] && fail "import --dry-run: writes nothing" || ok "import --dry-run: writes nothing"
run "$PROCTOR" import gift "$G/constructs.gift"
expect_rc 2 "import: --into is required"
run "$PROCTOR" import xml quiz.xml --into course
expect_rc 2 "import: an unknown format"
expect_grep "unknown format 'xml'; give gift or aiken" "$T/err" "import: names the formats"
run "$PROCTOR" import gift --into course
expect_rc 2 "import: no file"
run "$PROCTOR" import gift missing.gift --into course
expect_rc 4 "import: a missing file is an I/O error"
run "$PROCTOR" import gift "$G/constructs.gift" --into course --doc nope
expect_rc 2 "import: --doc names a document of the bank"

# Aiken
run "$PROCTOR" import aiken "$G/sample.aiken" --into course
expect_rc 0 "import aiken: imports"
expect_grep "sample.aiken: 2 questions imported into course/aiken-sample.json$" "$T/out" "import aiken: counts"
python3 - <<'PY' >"$T/py" 2>&1
import json
qs = json.load(open("course/aiken-sample.json"))["questions"]
assert [q["id"] for q in qs] == ["sample-1", "sample-2"], qs
assert qs[0]["prompt"] == "In which city is the seat of Rwanda's government?"
assert [(o["text"], o.get("correct", False)) for o in qs[0]["options"]] == [("Butare", False), ("Kigali", True), ("Gisenyi", False)]
assert [o.get("correct", False) for o in qs[1]["options"]] == [False, True]
print("fine")
PY
expect_grep "^fine$" "$T/py" "import aiken: questions, options and the answer"
printf 'Orphan?\nA) yes\nANSWER: C\n\nB) an option first\n' >bad.aiken
run "$PROCTOR" import aiken bad.aiken --into course
expect_rc 3 "import aiken: bad questions"
expect_grep "bad.aiken:3:1: question 'bad-1': ANSWER C names none|bad.aiken:3:1: question 'bad-1': a question needs at least 2 options" "$T/err" "import aiken: an answer naming no option, at its line"
expect_grep "bad.aiken:5:1: an option with no question begun" "$T/err" "import aiken: an option before any question"

# export gift: the shipped bank for Moodle, read back into a bank of the same documents
run "$PROCTOR" export gift --bank "$BANK" --out bank.gift
expect_rc 0 "export gift: writes the shipped bank"
expect_grep "^Wrote [0-9]+ questions to bank.gift \(([0-9]+) not expressible in GIFT, named above\)$" "$T/out" "export gift: says how many, and how many were left out"
expect_grep "^proctor: note: question '[a-z0-9-]+' \(order\) not exported: GIFT has no ordering question$" "$T/err" "export gift: an order question is named and left out"
expect_grep "^proctor: note: question '[a-z0-9-]+' \(cloze\) not exported" "$T/err" "export gift: a cloze question is named and left out"
if grep -o '%-\?[0-9.]*%' bank.gift | tr -d '%-' | sort -u |
    grep -vxE '100|90|83\.33333|80|75|70|66\.66667|60|50|40|33\.33333|30|25|20|16\.66667|14\.28571|12\.5|11\.11111|10|5|0' >"$T/w"; then
    fail "export gift: weights only from Moodle's accepted list ($(tr '\n' ' ' <"$T/w"))"
else ok "export gift: weights only from Moodle's accepted list"; fi
expect_grep '^// \[id:[a-z0-9-]+\].* \[typos:auto\] \[containment:on\]' bank.gift "export gift: a short answer that finds the answer inside the response says so ([containment:on])"
expect_grep '\[kind:name\]' bank.gift "export gift: a person's name says so ([kind:name])"
expect_grep '^[[:space:]]=%0%Impuzamugambi$' bank.gift "export gift: the shipped bank's known wrong answers as 0 % answers"
mkdir -p rt && cp -r "$BANK/sources" rt/
run "$PROCTOR" import gift bank.gift --into rt
expect_rc 0 "export gift: the export imports back"
written=$(grep -c '^::' bank.gift)
expect_grep "bank.gift: $written questions imported into rt/gift-bank.json$" "$T/out" "export gift: every question written comes back, without a note"
expect_no_grep "note" "$T/err" "export gift: no note on the way back"
run "$PROCTOR" lint rt
expect_rc 0 "export gift: the bank read back passes lint"
run "$PROCTOR" export gift --bank rt
expect_file_eq "$T/out" bank.gift "export gift: exporting what was read back gives the same GIFT"
run "$PROCTOR" export gift --bank "$BANK" --out bank.gift
expect_rc 2 "export gift --out: never over an existing file"
run "$PROCTOR" export gift --bank "$BANK" --out bank.gift --force
expect_rc 0 "export gift --out --force: replaces it"
run "$PROCTOR" export gift --bank "$BANK" --doc dallaire-fax
expect_rc 0 "export gift --doc: one document"
expect_no_grep "\[source:(unamir|friends-memo|withdrawal)" "$T/out" "export gift --doc: only that document's questions"
expect_grep "\[source:dallaire-fax\]" "$T/out" "export gift --doc: its questions are there"
run "$PROCTOR" export xml --bank "$BANK"
expect_rc 2 "export: an unknown format"
run "$PROCTOR" export gift --bank "$BANK" --doc nope
expect_rc 2 "export: --doc names a document of the bank"
