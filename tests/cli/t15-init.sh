#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor init and add-doc: a bank made from a teacher's documents, the manifest's
# "require_source", and lint's reminders (a document's date and citation, questions that cite
# no passage).
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

printf '\n  The  Kigali\tLetter  \n\nDear friends, we write to you from Kigali in the spring of the year.\nIt has been a long winter for everyone here.\n\n- a bulleted point of six words or more\n' >letter.txt
printf '\357\273\277Week notes\n\nSome notes on the week, with six words at least.\n' >"Week 3 Notés.md"

run "$PROCTOR" init course --doc letter.txt --doc "Week 3 Notés.md"
expect_rc 0 "init: makes a bank from two documents"
expect_grep "^  letter +sources/letter.txt, 3 paragraphs: The Kigali Letter$" "$T/out" "init: the id from the file name, the title from the first line, spaces folded"
expect_grep "^  week-3-notes +sources/Week 3 Notés.md, 2 paragraphs: Week notes$" "$T/out" "init: an id in kebab-case, accents dropped"
expect_grep "proctor import gift FILE --into course" "$T/out" "init: says what to do next"
python3 - <<'PY' >"$T/py" 2>&1
import json
m = json.load(open("course/sources/manifest.json"))
assert m["require_source"] is True, m
docs = m["documents"]
assert [d["id"] for d in docs] == ["letter", "week-3-notes"], docs
assert docs[0] == {"id": "letter", "file": "letter.txt", "title": "The Kigali Letter"}, docs[0]
assert "date" not in docs[1] and "citation" not in docs[1]
q = json.load(open("course/questions.json"))
assert q["questions"] == [], q
types = [e["type"] for e in q["examples"]]
assert types == ["choice", "multi", "truefalse", "short", "numeric", "order", "match", "essay", "cloze"], types
assert all(e["source"]["doc"] == "letter" for e in q["examples"])
print("fine")
PY
expect_grep "^fine$" "$T/py" "init: the manifest and the question file (an example of each type, not loaded)"
if cmp -s "Week 3 Notés.md" "course/sources/Week 3 Notés.md"; then
    fail "init: the byte order mark is dropped from the copy"
else
    tail -c +4 "Week 3 Notés.md" | cmp -s - "course/sources/Week 3 Notés.md" &&
        ok "init: the byte order mark is dropped from the copy" ||
        fail "init: the byte order mark is dropped from the copy"
fi

# the examples, once moved into "questions", are a bank lint accepts; lint reminds of the dates
python3 -c "
import json; p='course/questions.json'; d=json.load(open(p)); d['questions']=d['examples']
json.dump(d, open(p, 'w'), indent=2)"
run "$PROCTOR" lint course
expect_rc 0 "init: the examples pass lint once moved into questions"
expect_grep "document 'letter' has no 'date' or 'citation' in sources/manifest.json" "$T/err" "lint: reminds of a document's date and citation"
run "$PROCTOR" lint --strict course
expect_rc 1 "lint --strict: the reminders are warnings"

# an empty string says the document has none: no reminder
python3 -c "
import json; p='course/sources/manifest.json'; m=json.load(open(p))
for d in m['documents']: d['date']=''; d['citation']='Notes, 2024.'
json.dump(m, open(p, 'w'), indent=2)"
run "$PROCTOR" lint --strict course
expect_rc 0 "lint: a date given as \"\" is no reminder"

# init never overwrites
run "$PROCTOR" init course --doc letter.txt
expect_rc 2 "init: refuses a directory that holds a bank"
expect_grep "'course' already holds a bank" "$T/err" "init: says why"
mkdir -p half && printf '{}' >half/questions.json
run "$PROCTOR" init half --doc letter.txt
expect_rc 2 "init: refuses to write over a question file"
run "$PROCTOR" init two --doc letter.txt --doc sub/letter.txt
expect_rc 4 "init: a missing document is an I/O error"
mkdir -p sub && cp letter.txt sub/letter.txt
run "$PROCTOR" init two --doc letter.txt --doc sub/letter.txt
expect_rc 2 "init: two documents with one id"
expect_grep "would both get the id 'letter'; rename one" "$T/err" "init: names the clash"
if [ -e two ]; then fail "init: nothing written after a refusal"; else ok "init: nothing written after a refusal"; fi
printf 'caf\351\n' >latin1.txt
run "$PROCTOR" init three --doc latin1.txt
expect_rc 3 "init: a document that is not UTF-8"
expect_grep "latin1.txt: not a UTF-8 text file" "$T/err" "init: says the document is not UTF-8 text"
printf '\n  \n' >blank.txt
run "$PROCTOR" init three --doc blank.txt
expect_rc 3 "init: an empty document"

# add-doc: a document added to the bank; coverage lists its paragraphs
printf 'A Second Letter\n\nWe write again from Kigali, with more to tell you this time.\n' >second.txt
run "$PROCTOR" add-doc --bank course second.txt
expect_rc 0 "add-doc: adds a document"
expect_grep "^Added 'second' to 'course' as sources/second.txt, 2 paragraphs: A Second Letter$" "$T/out" "add-doc: says what it added"
run "$PROCTOR" coverage --bank course --doc second
expect_rc 1 "add-doc: coverage then shows the new document's paragraphs uncited"
expect_grep "MISSING +0 +We write again from Kigali" "$T/out" "add-doc: its paragraph of content is listed as missing"
run "$PROCTOR" add-doc --bank course second.txt
expect_rc 2 "add-doc: an id the bank has"
expect_grep "has a document 'second' already; give another id with --id" "$T/err" "add-doc: says to give --id"
run "$PROCTOR" add-doc --bank course --id second-copy --title "The copy" second.txt
expect_rc 0 "add-doc: --id and --title"
expect_grep "as sources/second-copy.txt, 2 paragraphs: The copy" "$T/out" "add-doc: a taken file name becomes the id's"
run "$PROCTOR" add-doc --bank course --id Not_Kebab second.txt
expect_rc 2 "add-doc: a bad --id"
run "$PROCTOR" lint course
expect_rc 0 "add-doc: the bank still loads"

# "require_source": a bank that requires sources refuses a question without one, and one that
# does not lists it
python3 -c "
import json; p='course/questions.json'; d=json.load(open(p)); q=d['questions'][2]
del q['source']; del q['explain']
json.dump(d, open(p, 'w'), indent=2)"
run "$PROCTOR" lint course
expect_rc 3 "require_source: a question without a passage is refused"
expect_grep "question 'example-truefalse': missing 'source' passage reference \(the manifest sets \"require_source\": true\)" "$T/err" "require_source: says why"
python3 -c "
import json; p='course/sources/manifest.json'; m=json.load(open(p)); m['require_source']=False
json.dump(m, open(p, 'w'), indent=2)"
run "$PROCTOR" lint course
expect_rc 0 "require_source false: a question without a passage or explanation loads"
expect_grep "^1 question cites no passage" "$T/out" "require_source false: lint lists the questions without a passage"
expect_grep "^  example-truefalse  course/questions.json:[0-9]+$" "$T/out" "require_source false: names each with its file and line"
printf 'true\n' | "$PROCTOR" practice --bank course --type truefalse >"$T/out" 2>&1
expect_grep "Correct" "$T/out" "require_source false: the question without a passage can be practised"
run "$PROCTOR" show --bank course example-truefalse
expect_grep "no passage cited" "$T/out" "show: says when a question cites no passage"
python3 -c "
import json; p='course/sources/manifest.json'; m=json.load(open(p)); m['require_source']='yes'
json.dump(m, open(p, 'w'), indent=2)"
run "$PROCTOR" lint course
expect_rc 3 "require_source: must be true or false"
expect_grep "manifest.json:2:3: expected true or false for 'require_source'" "$T/err" "require_source: a bad value is named with its position"
