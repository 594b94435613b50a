#!/bin/sh
# SPDX-License-Identifier: ISC
# Conformance with Moodle's own GIFT and Aiken fixtures (../shared/conformance/moodle-gift,
# not part of proctor: skipped when absent). The expected result of each question is what
# Moodle's importer (question/format/gift/format.php) makes of it, as its PHPUnit tests
# (giftformat_test.php) and behat counts say: questions.gift.txt 9 questions,
# questions_in_category.gift.txt a category and 4, examples.gift.txt 43, the windows-1252 file
# refused; Aiken 2, and 3 good questions with 4 errors.
. "$(dirname "$0")/lib.sh"
C=$(conformance_dir)
if [ -z "$C" ] || [ ! -d "$C/moodle-gift" ]; then
    echo "skip - import conformance: ../shared/conformance/moodle-gift is not there"
    exit 0
fi
M="$C/moodle-gift"
cd "$T" || exit 1
printf 'Notes\n\nA document for the imported questions to sit beside.\n' >notes.txt
"$PROCTOR" init bank --doc notes.txt --no-require-source >/dev/null 2>&1 || fail "moodle: init"

run "$PROCTOR" import gift "$M/questions.gift.txt" --into bank
expect_rc 0 "moodle questions.gift.txt: imports"
cp "$T/err" "$T/err.import"
expect_grep ": 9 questions imported into bank/gift-questions.json$" "$T/out" "moodle questions.gift.txt: 9 questions, as Moodle imports"
run "$PROCTOR" import gift "$M/questions_in_category.gift.txt" --into bank
expect_rc 0 "moodle questions_in_category.gift.txt: imports"
expect_grep ": 4 questions imported into bank/gift-questions-in-category.json$" "$T/out" "moodle questions_in_category.gift.txt: 4 questions"
expect_grep "^  1 category," "$T/out" "moodle questions_in_category.gift.txt: and a category"
run "$PROCTOR" import gift "$M/examples.gift.txt" --into bank
expect_rc 0 "moodle examples.gift.txt: imports"
expect_grep ": 43 questions imported into bank/gift-examples.json$" "$T/out" "moodle examples.gift.txt: the documentation's 43 questions"
run "$PROCTOR" import gift "$M/questions_encoding_windows-1252.gift.txt" --into bank
expect_rc 3 "moodle windows-1252: refused"
expect_grep "questions_encoding_windows-1252.gift.txt:[0-9]+:[0-9]+: GIFT files must be UTF-8" "$T/err" "moodle windows-1252: GIFT files must be UTF-8"
[ -e bank/gift-questions-encoding-windows-1252.json ] && fail "moodle windows-1252: nothing written" || ok "moodle windows-1252: nothing written"

python3 - >"$T/py" 2>&1 <<'PY'
import json
def load(n): return {q["id"]: q for q in json.load(open("bank/" + n))["questions"]}
def opts(q): return [(o["text"], o.get("correct", False)) for o in q["options"]]
bad = []
def want(cond, what):
    if not cond: bad.append(what)

q = load("gift-questions.json")
want(list(q) == ["q8", "moodle-activities", "q2", "colours", "q5", "shortanswer", "q1", "2-08-tsl", "2-08-tsl-2"], "ids %s" % list(q))
want(q["q8"]["type"] == "essay" and q["q8"]["prompt"] == "How are you?", "Q8 essay")
m = q["moodle-activities"]
want(m["type"] == "match" and m["prompt"] == "Match the activity to the description.", "match prompt: html reduced")
want([p["right"] for p in m["pairs"]] == ["Forum", "Choice", "Database", "Wiki"] and m["distractors"] == ["Chat"], "match pairs, '= -> Chat' a distractor")
want(m["pairs"][0]["left"] == "An activity supporting asynchronous discussions.", "match left: [html] prefix taken off")
want(q["q2"]["type"] == "choice" and opts(q["q2"]) == [("yellow", True), ("red", False), ("blue", False)], "Q2 choice, feedback dropped, [plain] taken off")
want(q["colours"]["type"] == "multi" and opts(q["colours"]) == [("yellow", True), ("red", False), ("off-beige", True), ("blue", False)], "colours: no '=' makes multi")
q5 = q["q5"]
want(q5["type"] == "numeric" and q5["answer"] == 3 and q5["tolerance"] == 2, "Q5 numerical 3:2")
want(q5["prompt"] == 'What is a number from 1 to 5? _____";', "Q5: the stray text after the brace makes it missing-word, as Moodle reads the fixture")
sa = q["shortanswer"]
want(sa["type"] == "short" and sa["accept"] == ["Frog"] and "reject" not in sa, "shortanswer: Frog at 100%; Cat at 50% and the catch-all * at 0% not kept")
want(sa["typos"] == 0 and sa["containment"] is False and "case_sensitive" not in sa, "shortanswer: the whole response, case folded, no typos, as Moodle compares it")
q1 = q["q1"]
want(q1["type"] == "truefalse" and q1["answer"] is False, "Q1 FALSE")
want(q1.get("explain") == "This is, of course, a Hitchiker's Guide to the Galaxy reference.", "Q1 general feedback")
want(q["2-08-tsl"]["answer"] is True and q["2-08-tsl-2"]["answer"] is True, "{T} and {TRUE}")

c = load("gift-questions-in-category.json")
want(list(c) == ["moodle-activities-2", "greeting", "moodle-user", "moodle-acronym"], "category ids %s" % list(c))
want(all(x["tags"] == ["default-for-new-features"] for x in c.values()), "$CATEGORY: the tag of each question")
g = c["greeting"]
want(g["prompt"] == "Listen to this greeting: (http://demo.moodle.net/file.php/5/media/bonjour.mp3) What language is being spoken?", "greeting: html with escapes: " + g["prompt"])
want(opts(g) == [("English", False), ("French", True), ("German", False), ("Spanish", False)], "greeting options")
want(c["moodle-user"]["accept"] == ["Moodler"], "=%100%Moodler#")
want(c["moodle-acronym"]["answer"] is True and c["moodle-acronym"]["prompt"] == "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment.", "acronym")

e = json.load(open("bank/gift-examples.json"))["questions"]
types = " ".join(x["type"] for x in e)
want(types == "choice choice truefalse short numeric choice choice choice choice short short truefalse truefalse match match numeric numeric numeric numeric numeric short choice choice short short truefalse choice choice short multi multi choice choice choice choice truefalse short numeric match choice choice short numeric", "examples types: " + types)
ex = {x["id"]: x for x in e}
want(ex["examples-17"]["range"] == [3.141, 3.142], "{#3.1415:0.0005} as a range of three decimals")
want(ex["examples-18"]["range"] == [3.141, 3.142], "{#3.141..3.142}")
want(ex["gift-control-characters"]["options"][5] == {"id": "f", "text": "\\", "correct": True}, "\\\\ is a backslash")
want([o["text"] for o in ex["examples-32"]["options"]] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"], "\\= in answers")
want(ex["examples-25"]["prompt"] == "Who's buried in **Grant's tomb**?", "[markdown] kept as written")
want(ex["examples-2"]["prompt"] == "Grant is _____ in Grant's tomb.", "missing word")
print("\n".join(bad) if bad else "fine")
PY
expect_grep "^fine$" "$T/py" "moodle GIFT fixtures: each question as Moodle's importer makes it"
grep -v '^fine$' "$T/py" | head -n 10 | sed 's/^/#   /'

# graded as Moodle grades what it imports: each question alone in a bank, answered through
# practice. Short answers: the whole response, case folded (Moodle's usecase 0), no typos;
# numerical: answer +- tolerance, bounds included; true/false.
grades() { # file id response verdict...
    f=$1 id=$2
    shift 2
    rm -rf one && mkdir one && cp -r bank/sources one/
    python3 - "bank/$f" "$id" >one/q.json <<'PY'
import json, sys
q = [x for x in json.load(open(sys.argv[1]))["questions"] if x["id"] == sys.argv[2]]
print(json.dumps({"questions": q}))
PY
    while [ $# -ge 2 ]; do
        printf '%s\n' "$1" | "$PROCTOR" practice --bank one >"$T/out" 2>&1
        expect_grep "$2" "$T/out" "moodle $id: '$1' graded as Moodle grades it ($2)"
        shift 2
    done
}
grades gift-questions.json shortanswer Frog Correct frog Correct FROG Correct ' Frog ' Correct \
    'a frog' 'Not quite' 'Frog and Cat' 'Not quite' 'not Frog' 'Not quite' Toad 'Not quite'
grades gift-questions-in-category.json moodle-user Moodler Correct moodler Correct \
    'a Moodler' 'Not quite' 'Moodle' 'Not quite'
grades gift-questions.json q5 3 Correct 1 Correct 5 Correct 5.0 Correct 0.9 'Not quite' 5.01 'Not quite'
grades gift-questions.json q1 false Correct true 'Not quite'
grades gift-examples.json examples-4 'no one' Correct nobody Correct 'no' 'Not quite' \
    'Grant' 'Not quite' 'no one is' 'Not quite'
grades gift-examples.json jesus-hometown-2 Nazareth Correct 'in Nazareth' 'Not quite' \
    Nazereth 'Not quite' Bethlehem 'Not quite'
grades gift-examples.json examples-38 1822 Correct 1817 Correct 1827 Correct 1816 'Not quite'
expect_grep "questions.gift.txt:36:10: question 'shortanswer': answer 'Cat' is worth 50% in Moodle and nothing here" "$T/err.import" "moodle shortanswer: Cat's 50% is a note at its line and column"

run "$PROCTOR" import aiken "$M/questions.aiken.txt" --into bank
expect_rc 0 "moodle questions.aiken.txt: imports"
expect_grep ": 2 questions imported into bank/aiken-questions.json$" "$T/out" "moodle questions.aiken.txt: 2 questions"
run "$PROCTOR" import aiken "$M/aiken_errors.txt" --into bank
expect_rc 3 "moodle aiken_errors.txt: some refused"
expect_grep ": 3 questions imported into bank/aiken-aiken-errors.json, 4 refused$" "$T/out" "moodle aiken_errors.txt: 3 good questions, 4 errors"
expect_grep "aiken_errors.txt:3:1: .*at least 2 options" "$T/err" "moodle aiken_errors.txt: too few answers"
expect_grep "aiken_errors.txt:5:1: an option with no question begun" "$T/err" "moodle aiken_errors.txt: an option before a question"
expect_grep "aiken_errors.txt:7:1: an ANSWER line with no question begun" "$T/err" "moodle aiken_errors.txt: an answer before a question"
expect_grep "aiken_errors.txt:18:1: a question begins before the one before it \('A question started but not finished'\) had its ANSWER line" "$T/err" "moodle aiken_errors.txt: a question not finished, at the line where the next begins (Moodle: line 18)"
python3 - >"$T/py" 2>&1 <<'PY'
import json
q = json.load(open("bank/aiken-questions.json"))["questions"]
assert [o["text"] for o in q[0]["options"] if o.get("correct")] == ["Martin Dougiamas"], q[0]
assert q[1]["prompt"] == 'Moodle\'s abilities include handling user input that includes <html class="cool"> & images:', q[1]
e = json.load(open("bank/aiken-aiken-errors.json"))["questions"]
assert [x["prompt"] for x in e] == ["A good question", "A second good question", "A third good question with HTML chars such as > < &"], e
assert [o["text"] for o in e[1]["options"]] == ["Incorrect (No space)", "Correct (No space)"], e[1]
print("fine")
PY
expect_grep "^fine$" "$T/py" "moodle Aiken fixtures: questions, options and answers"
run "$PROCTOR" lint bank
expect_rc 0 "moodle fixtures: the bank they make passes lint"
