#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor assign: a sealed assignment and its answer key, files never overwritten, what the
# sealed payload must not hold (every accepted answer, correct flag, tolerance, explanation,
# rubric, passage and bank option id of its questions), open mode, selection options,
# --preview, and usage errors.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase >/dev/null
"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --out stu >/dev/null

run "$PROCTOR" assign --bank "$FB" --title "Homework 1" --due 2030-01-01T17:00Z --out hw1.json
expect_rc 0 "assign a sealed assignment"
expect_grep "^Assignment 'homework-1' \(10 questions, sealed\): hw1.json$" "$T/out" \
    "the id comes from the title"
expect_grep "^Answer key .*: hw1.key.json$" "$T/out" "the answer key is written beside it"
if [ "$(stat -c %a hw1.key.json)" = 600 ] && [ "$(stat -c %a hw1.json)" = 644 ]; then
    ok "the answer key is private (0600), the assignment not (0644)"
else fail "file modes"; fi
"$PROCTOR" show-result --payload hw1.json >payload.json
"$PROCTOR" show-result --payload hw1.key.json >key.json
expect_grep '"payloadType":"application/vnd.proctor.assignment\+json"' hw1.json "assignment type"
expect_grep '"payloadType":"application/vnd.proctor.answer-key\+json"' hw1.key.json "key type"
expect_grep '"due":"2030-01-01T17:00:00Z","attempts":1,"shuffle":true,"mode":"sealed"' \
    payload.json "settings in the payload"

# check-sealed BANK-DIR PAYLOAD KEY: nothing of any answer in the payload; all of it in the key
cat >check.py <<'PY'
import glob, hashlib, json, sys
bankdir, payload, keyfile = sys.argv[1:4]
raw = open(payload, "rb").read()
a, key = json.loads(raw), json.load(open(keyfile))
bad = []
# the assignment's questions are q1, q2, ...: find each in the bank by its prompt
byprompt = {}
for f in glob.glob(bankdir + "/*.json"):
    for q in json.load(open(f, encoding="utf-8"))["questions"]:
        byprompt.setdefault(q["prompt"], []).append(q)
bank = {}
for i, q in enumerate(a["questions"]):
    if q["id"] != "q%d" % (i + 1):
        bad.append("question %d has id %r, not q%d" % (i + 1, q["id"], i + 1))
    if len(byprompt.get(q["prompt"], [])) != 1:
        print("skip: prompt %r is not unique in the bank" % q["prompt"][:40])
        continue
    bank[q["id"]] = byprompt[q["prompt"]][0]
forbidden = {"correct", "accept", "typos", "answer", "tolerance", "range", "explain", "rubric",
             "source", "pairs", "distractors"}
def walk(v, path):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in forbidden:
                bad.append("%s.%s is in the sealed payload" % (path, k))
            walk(x, path + "." + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, "%s[%d]" % (path, i))
walk(a, "")
ids = set()
for q in a["questions"]:
    if q["id"] not in bank:
        continue
    b = bank[q["id"]]
    # (a prompt may name its answer on purpose: "What does OSG stand for?")
    rest = {k: v for k, v in q.items() if k not in ("prompt", "id")}
    text = json.dumps(rest, ensure_ascii=False).lower()
    for acc in b.get("accept", []):
        if acc.replace("*", "").lower() in text:
            bad.append("%s: accepted answer %r appears in the question" % (q["id"], acc))
    numbers = [v for k, v in rest.items() if type(v) in (int, float) and
               k not in ("points", "min_words")]
    if numbers:
        bad.append("%s: numbers %r besides the points" % (q["id"], numbers))
    if b.get("explain", "").lower() in text:
        bad.append("%s: the explanation appears" % q["id"])
    for o in q.get("options", []) + q.get("items", []) + q.get("lefts", []) + q.get("rights", []):
        ids.add(o["id"])
    if b["type"] == "order":
        got = [o["text"] for o in q["items"]]
        if got == [o["text"] for o in b["items"]] and len(got) > 2:
            print("note: %s happens to list its items in order" % q["id"])
bank_ids = {o["id"] for b in bank.values() for o in b.get("options", []) + b.get("items", [])}
for i in ids:
    if not (i[0] in "olr" and i[1:].isdigit()):
        bad.append("option id %r is not opaque" % i)
if key["assignment"]["sha256"] != hashlib.sha256(raw.rstrip(b"\n")).hexdigest():
    bad.append("the key does not bind the payload's SHA-256")
kq = {q["id"]: q for q in key["questions"]}
fold = lambda s: " ".join(s.split())
for q in a["questions"]:
    if q["id"] not in bank:
        continue
    k, b = kq[q["id"]], bank[q["id"]]
    if b["type"] == "short" and k["accept"] != b["accept"]:
        bad.append("%s: the key lacks the accepted answers" % q["id"])
    if b["type"] in ("choice", "multi"):
        want = sorted(o["text"] for o in b["options"] if o.get("correct"))
        got = sorted(o["text"] for o in k["options"] if o.get("correct"))
        if want != got:
            bad.append("%s: the key's correct options %r, want %r" % (q["id"], got, want))
    if b["type"] == "order" and [o["text"] for o in k["items"]] != [o["text"] for o in b["items"]]:
        bad.append("%s: the key's items are not in the correct order" % q["id"])
    if "source" not in k or fold(b["source"]["quote"]) not in fold(k["source"]["paragraph"]):
        bad.append("%s: the key lacks the passage" % q["id"])
    if k.get("explain") != b["explain"]:
        bad.append("%s: the key lacks the explanation" % q["id"])
for x in bad:
    print(x)
sys.exit(1 if bad else 0)
PY
# show-result --payload prints the payload and a newline
if python3 check.py "$FB" payload.json key.json >check.out 2>&1; then
    ok "the sealed assignment holds no answer of any kind; the key holds them all"
else
    fail "the sealed assignment holds no answer of any kind; the key holds them all"
    sed 's/^/#   /' check.out | head -n 20
fi
# the same over the whole shipped bank, with its option ids like 'right' and 'p1'
run "$PROCTOR" assign --bank "$BANK" --title "Everything" --out all.json
expect_rc 0 "assign every question of the shipped bank"
"$PROCTOR" show-result --payload all.json >all-payload.json
"$PROCTOR" show-result --payload all.key.json >all-key.json
if python3 check.py "$BANK" all-payload.json all-key.json >check.out 2>&1; then
    ok "no answer of the shipped bank's questions is in the sealed payload"
else
    fail "no answer of the shipped bank's questions is in the sealed payload"
    sed 's/^/#   /' check.out | head -n 20
fi
expect_no_grep '"correct"|"accept"|"tolerance"' all-payload.json "grep finds no answer member"

# never overwrite
run "$PROCTOR" assign --bank "$FB" --title "Homework 1" --out hw1.json
expect_rc 2 "an existing assignment is not overwritten (use --force)"
expect_grep "'hw1.json' already exists" "$T/err" "and says so"
run "$PROCTOR" assign --bank "$FB" --title "Homework 1" --out other.json --key-out hw1.key.json
expect_rc 2 "nor an existing answer key"
cp hw1.json hw1.before
run "$PROCTOR" assign --bank "$FB" --title "Homework 1" --out hw1.json --force
expect_rc 0 "--force replaces both"
if cmp -s hw1.json hw1.before; then fail "--force wrote a new assignment"; else
    ok "--force wrote a new assignment"; fi

# selection, settings, open mode
run "$PROCTOR" assign --bank "$FB" --title "Pick" --id pick.2 --question chair --question lyon \
    --question books --no-shuffle --open --attempts 3 --time-limit 20 --out pick.json
expect_rc 0 "assign chosen questions, open, no shuffle"
if [ ! -e pick.key.json ]; then ok "an open assignment has no separate key"; else
    fail "an open assignment has no separate key"; fi
"$PROCTOR" show-result --payload pick.json >pick-payload.json
expect_grep '"id":"pick.2"' pick-payload.json "--id"
expect_grep '"time_limit":20,"attempts":3,"shuffle":false,"mode":"open"' pick-payload.json \
    "time limit, attempts, no shuffle, open"
expect_grep '"questions":\[\{"id":"q1","type":"choice".*\{"id":"q2","type":"truefalse".*\{"id":"q3","type":"numeric"' pick-payload.json \
    "the questions in the order given, as q1, q2, q3"
expect_grep '"correct":true' pick-payload.json "open mode carries the answers"
expect_grep '"explain":"Paragraph 2 names Ortiz as chair."' pick-payload.json \
    "and the explanations"
run "$PROCTOR" assign --bank "$FB" --title "Numbers" --type numeric --out num.json
expect_grep "\(2 questions, sealed\)" "$T/out" "--type filters"
run "$PROCTOR" assign --bank "$FB" --title "Some" -n 4 --doc memo --out some.json
expect_grep "\(4 questions, sealed\)" "$T/out" "-n chooses that many"

# preview: what a student sees, the same every time, different per student
run "$PROCTOR" assign --preview hw1.json --student s1
expect_rc 0 "preview"
cp "$T/out" p1
expect_grep "^What student s1 sees, in order:$" p1 "preview names the student"
if [ "$(grep -c '^Question [0-9]* of 10 ' p1)" -eq 10 ]; then ok "preview shows every question"
else fail "preview shows every question"; fi
expect_no_grep "From memo|\[\[" p1 "preview shows no passage"
"$PROCTOR" assign --preview hw1.json --student s1 >p1b
expect_file_eq p1b p1 "preview is deterministic"
"$PROCTOR" assign --preview hw1.json --student s2 | sed 's/s2/s1/' >p2
if cmp -s p1 p2; then fail "another student sees another order"; else
    ok "another student sees another order"; fi
run "$PROCTOR" assign --preview pick.json --student s1
expect_grep "^Question 1 of 3  \[memo, choice, 1 point\]$" "$T/out" \
    "no shuffle: the order given"

# usage and data errors
run "$PROCTOR" assign --bank "$FB" --out x.json
expect_rc 2 "--title is required"
run "$PROCTOR" assign --bank "$FB" --title T
expect_rc 2 "--out is required"
run "$PROCTOR" assign --bank "$FB" --title T --out x.json --due tomorrow
expect_rc 2 "a bad --due"
expect_grep "2024-05-01T17:00" "$T/err" "shows the forms --due takes"
run "$PROCTOR" assign --bank "$FB" --title T --out x.json --due 2030-02-30
expect_rc 2 "a date that does not exist"
run "$PROCTOR" assign --bank "$FB" --title T --out x.json --sealed --open
expect_rc 2 "--sealed and --open"
run "$PROCTOR" assign --bank "$FB" --title T --out x.json --question nope
expect_rc 2 "an unknown question"
expect_grep "no question 'nope'" "$T/err" "is named"
run "$PROCTOR" assign --bank "$FB" --title T --out x.json --key stu/student.key
expect_rc 2 "a student's key cannot sign an assignment"
run "$PROCTOR" assign --bank "$FB" --title T --out x.json --attempts 0
expect_rc 2 "--attempts 0"
run "$PROCTOR" assign --preview hw1.json
expect_rc 2 "--preview without --student"
run "$PROCTOR" assign --preview nothing.json --student s1
expect_rc 4 "--preview of a missing file"
if [ ! -e x.json ]; then ok "no file written by a failed assign"; else
    fail "no file written by a failed assign"; fi

# --- dates: an offset, local time, a due date in the past; what assign echoes
run "$PROCTOR" assign --bank "$FB" --title "Offset" --due 2030-01-01T19:00+02:00 \
    --time-limit 30 --attempts 2 --out off.json
expect_rc 0 "--due with an offset from UTC"
expect_grep "^  due:        2030-01-01 17:00 UTC \(2030-01-01T17:00:00Z\)$" "$T/out" \
    "assign echoes the due time, local and UTC"
expect_grep "^  time limit: 30 minutes$" "$T/out" "the time limit"
expect_grep "^  attempts:   2$" "$T/out" "the attempts"
expect_grep "^  mode:       sealed " "$T/out" "the mode"
expect_grep "^  shuffle:    questions and options, per student$" "$T/out" "the shuffle"
expect_grep "^  questions:  10$" "$T/out" "the count"
"$PROCTOR" show-result --payload off.json | grep -q '"due":"2030-01-01T17:00:00Z"' &&
    ok "19:00+02:00 is 17:00 UTC" || fail "19:00+02:00 is 17:00 UTC"
run "$PROCTOR" assign --bank "$FB" --title "Offset" --due 2030-01-01T17:00-0530 --out off2.json
"$PROCTOR" show-result --payload off2.json | grep -q '"due":"2030-01-01T22:30:00Z"' &&
    ok "an offset without a colon" || fail "an offset without a colon"
TZ=CET-1 run "$PROCTOR" assign --bank "$FB" --title "Local" --due 2030-01-01T18:00 \
    --no-shuffle --open --out local.json
TZ=CET-1 "$PROCTOR" show-result --payload local.json | grep -q '"due":"2030-01-01T17:00:00Z"' &&
    ok "--due without a zone is local time" || fail "--due without a zone is local time"
expect_grep "^  due:        2030-01-01 18:00 CET \(2030-01-01T17:00:00Z\)$" "$T/out" \
    "echoed in local time with the zone named"
expect_grep "^  shuffle:    off$" "$T/out" "no shuffle echoed"
expect_grep "^  mode:       open " "$T/out" "open echoed"
run "$PROCTOR" assign --bank "$FB" --title "Past" --due 2020-01-01 --out past.json
expect_rc 2 "a due date in the past is refused"
expect_grep "in the past; give --force" "$T/err" "saying how to set it all the same"
[ -e past.json ] && fail "nothing written for a past due date" || ok "nothing written for a past due date"
run "$PROCTOR" assign --bank "$FB" --title "Past" --due 2020-01-01 --force --out past.json
expect_rc 0 "--force sets a past due date"
# students see the due date in their own zone, and the time left
printf ':quit\n' >quit.in
"$PROCTOR" key --key "$XDG_DATA_HOME/proctor/teacher.key" export >tee.pub
TZ=CET-1 run "$PROCTOR" take --key stu/student.key --teacher-key tee.pub local.json <quit.in
expect_grep "; due 2030-01-01 18:00 CET, in [0-9]+ days [0-9]+ hours?;" "$T/out" \
    "take: the due date in the student's zone, named, and the time left"
