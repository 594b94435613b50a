#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor item-stats: a class of eight whose every answer the test chose (right, wrong or
# skipped, question by question), so that the facility, standard deviation, discrimination
# (correlation with the rest of the test), Cronbach's alpha, standard error, mean and median
# are computed independently here with python3's statistics module and compared with the
# --json output; the options picked (distractor analysis) and their flags; bank ids from the
# answer key (in the report, the JSON, the CSV and the gradebook's column headings); the
# CSV; the usage errors.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
# one letter per question q1..q6: r right, w wrong, s skipped
cat >class.txt <<'EOF'
s1 rrrrrr
s2 rrrrrw
s3 rrrrww
s4 rrrwwr
s5 rrwwrw
s6 rwwwwr
s7 wrwwww
s8 wwsrww
EOF
while read -r s p; do
    "$PROCTOR" keygen --student "$s" --name "Student $s" --no-passphrase --out "$s" >/dev/null
    "$PROCTOR" key --key "$s/student.key" export >>class.pub
done <class.txt
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
"$PROCTOR" assign --key teacher/teacher.key --bank "$FIX/bank" --title "Item check" --id ic \
    --type choice --type truefalse --type numeric --type short --out ic.json >/dev/null
while read -r s p; do
    { "$KEYS" --assignment ic.json ic.key.json "$s" "$p"; echo y; } >"$s.in"
    "$PROCTOR" take --yes --key "$s/student.key" ic.json <"$s.in" >/dev/null 2>&1
done <class.txt
R=$(ls ic-s*-1.result.json)
IS() { run "$PROCTOR" item-stats --roster roster --teacher-key teacher.pub "$@"; }

IS --assignment ic.json --answer-key ic.key.json --json $R
expect_rc 0 "item-stats --json"
cp "$T/out" stats.json
expect_grep "^8 results: 8 valid, 0 invalid$" "$T/err" "the verdict counts go to standard error"

if command -v python3 >/dev/null 2>&1; then
    python3 - class.txt stats.json >check.out 2>&1 <<'EOF'
import json, statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
got = json.load(open(sys.argv[2]))
pat = [p for _, p in rows]
k = len(pat[0])
x = [[1.0 if p[i] == 'r' else 0.0 for p in pat] for i in range(k)]   # x[item][student]
tot = [sum(x[i][s] for i in range(k)) for s in range(len(pat))]
pct = [100 * t / k for t in tot]
def near(a, b, what):
    if b is None or abs(a - b) > 1e-6:
        print("not ok - %s: python %r, proctor %r" % (what, a, b))
    else:
        print("ok - %s = %.4f" % (what, a))
t = got["test"]
near(st.mean(pct), t["mean"], "test mean")
near(st.median(pct), t["median"], "test median")
near(st.stdev(pct), t["sd"], "test standard deviation")
alpha = k / (k - 1) * (1 - sum(st.variance(xi) for xi in x) / st.variance(tot))
near(alpha, t["alpha"], "Cronbach's alpha")
near(st.stdev(pct) * (1 - alpha) ** 0.5, t["sem"], "standard error of measurement")
for i, q in enumerate(got["questions"]):
    near(100 * st.mean(x[i]), q["facility"], q["id"] + " facility")
    near(100 * st.stdev(x[i]), q["sd"], q["id"] + " sd")
    rest = [tot[s] - x[i][s] for s in range(len(pat))]
    r = st.correlation(x[i], rest)
    near(100 * r, q["discrimination"], q["id"] + " discrimination")
    flagged = "negative-discrimination" in q["flags"]
    print(("ok" if flagged == (r < 0) else "not ok") + " - %s flagged negative iff r < 0" % q["id"])
    answered = sum(1 for p in pat if p[i] != 's')
    print(("ok" if q["answered"] == answered else "not ok") + " - %s answered by %d" % (q["id"], answered))
    if q["type"] == "choice":
        right = sum(1 for p in pat if p[i] == 'r')
        wrong = sum(1 for p in pat if p[i] == 'w')
        picks = sorted(o["picked"] for o in q["options"] if not o["correct"])
        okc = [o["picked"] for o in q["options"] if o["correct"]] == [right]
        okw = picks == sorted([wrong] + [0] * (len(picks) - 1))
        print(("ok" if okc and okw else "not ok") + " - %s: %d picked the right option, %d the first wrong one, none the others" % (q["id"], right, wrong))
        print(("ok" if ("unpicked-distractor" in q["flags"]) == (len(picks) > 1) else "not ok") + " - %s: a distractor nobody picked is flagged" % q["id"])
    if q["type"] == "truefalse":
        right = sum(1 for p in pat if p[i] == 'r')
        c = [o["picked"] for o in q["options"] if o["correct"]]
        print(("ok" if c == [right] else "not ok") + " - %s: true/false picks" % q["id"])
print(("ok" if got["students"] == len(pat) else "not ok") + " - every student counted")
print(("ok" if sum(t["histogram"]) == len(pat) else "not ok") + " - the histogram holds every student")
EOF
    cat check.out
    grep -q '^not ok' check.out || ok "python3's statistics agree with item-stats"
else
    ok "# SKIP python3 not found: the hand-computed check is skipped"
fi

expect_grep '"bank_id":"(books|chair|lyon|chair-name|vote|spring)"' stats.json \
    "JSON: each question's bank id from the answer key"
expect_no_grep 'bank_ids' ic.json "the assignment students get names no bank id"
"$PROCTOR" show-result --payload ic.key.json >key.payload
expect_grep '"bank_ids":\[' key.payload "the answer key records them"

IS --assignment ic.json --answer-key ic.key.json --csv items.csv --excel $R
expect_rc 0 "the report and a CSV"
expect_grep "^Item analysis of ic \(Item check\): 6 questions, 6 points; 8 students graded \(highest attempt\)\.$" \
    "$T/out" "the report's heading"
expect_grep "Cronbach's alpha [0-9.-]+, standard error [0-9.]+%" "$T/out" "alpha and the standard error"
expect_grep "^q[0-9] chair \(choice, 1 point\): answered 8, facility 75\.0%" "$T/out" \
    "a question by its bank id, not only q2"
expect_grep "^  Who chaired the meeting\?$" "$T/out" "with its prompt"
expect_grep "^  ! .*distractor o[0-9] picked by nobody" "$T/out" "an unpicked distractor is flagged"
expect_grep "^  90-100% \|#+ " "$T/out" "a histogram"
if [ "$(head -c 3 items.csv | od -An -tx1 | tr -d ' ')" = efbbbf ]; then
    ok "--excel: the CSV starts with a byte order mark"
else fail "--excel: the CSV starts with a byte order mark"; fi
expect_grep "question,bank id,type,prompt,points,answered,facility,sd,discrimination,flags,options picked" \
    items.csv "the CSV's header"
expect_grep "^q[0-9],chair,choice,Who chaired the meeting\?,1,8,75\.0,[0-9.]+,-?[0-9.]+,[^,]*,o[0-9]\*?=[0-9]+ " \
    items.csv "a CSV row: facility, sd, discrimination, the options picked"
if [ "$(grep -c . items.csv)" -eq 7 ]; then ok "a header and a row per question"
else fail "a header and a row per question"; fi

# the gradebook names the bank question over each column too
run "$PROCTOR" verify --roster roster --teacher-key teacher.pub --assignment ic.json \
    --answer-key ic.key.json --csv book.csv $R
expect_grep ",q1 [a-z-]+,q2 [a-z-]+," book.csv "gradebook columns: q1 and its bank id"

# usage
IS $R
expect_rc 2 "item-stats needs --assignment"
expect_grep "give the assignment the results are of with --assignment FILE" "$T/err" "and says so"
IS --assignment ic.json $R
expect_rc 2 "a sealed assignment needs its answer key"
run "$PROCTOR" item-stats --bank x --assignment ic.json $R
expect_rc 2 "--bank is verify's, not item-stats'"
