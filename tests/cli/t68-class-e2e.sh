#!/bin/sh
# SPDX-License-Identifier: ISC
# A class of 32 generated students from assign to returned work: each answers an essay and
# the other questions by a pattern of their own; two hand nothing in (MISSING), one hands in
# late, one takes the assignment three times (the third over the limit of 2), one copies
# another's essay (both CONFLICT). The teacher verifies into a gradebook, marks every essay
# (piped), checks the item analysis against the gradebook's own per-question columns and,
# for the objective questions, against the answers the test chose (python3), and returns the
# class's work in one run: every graded student's file is checked.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
KEYS="$BUILDDIR/tests/tools/answer-key"
TOOL="$BUILDDIR/tests/tools/result-tool"
cd "$T" || exit 1
if ! command -v python3 >/dev/null 2>&1; then
    ok "# SKIP python3 not found"
    exit 0
fi

echo "a teacher's passphrase" >tpass
"$PROCTOR" keygen --teacher --name "Ms Tee" --passphrase-file tpass --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
TK="--key teacher/teacher.key --passphrase-file tpass"
# the students and their patterns (one letter per question q1..q10: r right, w wrong)
python3 - >class.txt <<'EOF'
import random
rnd = random.Random(14)
seen = set()
for i in range(1, 33):
    skill = i / 33
    while True:  # each pattern the student's own: the same wrong choices would be a copy
        p = "".join("r" if rnd.random() < skill else "w" for _ in range(10))
        if p not in seen and "w" in p:
            break
    seen.add(p)
    print("s%02d" % i, p)
EOF
while read -r s p; do
    "$PROCTOR" keygen --student "$s" --name "Student $s" --no-passphrase --out "$s" >/dev/null
    "$PROCTOR" key --key "$s/student.key" export >>class.pub
done <class.txt
"$PROCTOR" roster --roster roster add class.pub 2>/dev/null
DUE=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M)
run "$PROCTOR" assign $TK --bank "$FIX/bank" --title "Week 1" --id w1 --attempts 2 \
    --due "$DUE" --out w1.json
expect_rc 0 "assign, due in two hours, two attempts"

take() { # take STUDENT INPUT
    "$PROCTOR" take --yes --teacher-key teacher.pub --key "$1/student.key" w1.json <"$2" \
        >"$1.take" 2>&1
}
while read -r s p; do
    case $s in s29 | s30) continue ;; esac # they hand nothing in
    "$KEYS" --assignment w1.json w1.key.json "$s" "$p" >"$s.in"
    # s31 copies s01's essay
    [ "$s" = s31 ] && sed -i 's/An answer by s31 /An answer by s01 /' "$s.in"
    echo y >>"$s.in"
    take "$s" "$s.in"
done <class.txt
# s32 twice more: all wrong, then all right (the third attempt is over the limit)
{ "$KEYS" --assignment w1.json w1.key.json s32 wrong; echo y; } >s32b.in
{ "$KEYS" --assignment w1.json w1.key.json s32 right; echo y; } >s32c.in
take s32 s32b.in
take s32 s32c.in
expect_grep "^Warning: the assignment allows 2 attempts, so this attempt will not count" \
    s32.take "s32 is told the third attempt will not count"
# s05's clock says it handed in an hour after the due time (a student's own re-signed file)
edit w1-s05-1.result.json '
import datetime
due = datetime.datetime.strptime("'"$DUE"'", "%Y-%m-%dT%H:%M")
d["finished"] = (due + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")' |
    "$TOOL" resign s05/student.key w1-s05-1.result.json
n=$(ls w1-s*.result.json | wc -l)
if [ "$n" -eq 32 ]; then ok "32 result files: 29 students, s32's three"
else fail "32 result files: 29 students, s32's three (got $n)"; fi

# --- the gradebook before marking
V() { run "$PROCTOR" verify --roster roster --teacher-key teacher.pub --assignment w1.json --answer-key w1.key.json "$@"; }
V --csv book0.csv w1-s*.result.json
expect_rc 1 "verify: not every file OK"
expect_grep "^w1-s32-3.result.json: INVALID: attempt 3 is over the limit of 2 attempts$" \
    "$T/out" "s32's third attempt refused"
expect_grep "^32 students: 30 graded, 2 MISSING \(nothing handed in\)\.$" "$T/out" \
    "the summary counts the missing"
expect_grep "^2 students in CONFLICT" "$T/out" "and the copy"

# --- mark every essay: one point and a comment each
yes '1
Well argued.' | head -n 400 >marks.in
run "$PROCTOR" mark $TK --roster roster --answer-key w1.key.json w1-s*.result.json <marks.in
expect_rc 0 "mark: every essay, piped"
V --marks w1.marks.json --csv book.csv w1-s*.result.json
cp "$T/out" verify.out
expect_grep "^w1-s05-1.result.json: OK .*late" verify.out "s05's work is late"
python3 - class.txt book.csv >book.check 2>&1 <<'EOF'
import csv, sys
pat = dict(l.split() for l in open(sys.argv[1]))
rows = {r["student"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
def check(c, what):
    print(("ok" if c else "not ok") + " - " + what)
check(len(rows) == 32, "gradebook: a row for each of the 32 students")
check(rows["s29"]["status"] == "MISSING" and rows["s30"]["status"] == "MISSING",
      "s29 and s30 MISSING")
check(rows["s01"]["status"] == "CONFLICT" and rows["s31"]["status"] == "CONFLICT",
      "s01 and s31 CONFLICT (the same essay)")
check(rows["s05"]["late"] == "yes" and rows["s04"]["late"] == "no", "s05 late, s04 not")
check(rows["s32"]["attempts"] == "3" and rows["s32"]["attempt"] == "1",
      "s32: three attempts made, the first (highest of the two counted) chosen")
ok = [s for s, r in rows.items() if r["status"] == "OK"]
check(len(ok) == 28, "28 students OK")
qcols = [c for c in rows["s02"] if c.startswith("q")]
check(len(qcols) == 10 and all(" " in c for c in qcols), "ten question columns with bank ids")
# every graded row's score is the sum of its question columns
check(all(abs(sum(float(r[c] or 0) for c in qcols) - float(r["score"])) < 1e-9
          for r in rows.values() if r["score"]), "each score is the sum of its questions")
check(all(r[c] != "" for r in rows.values() if r["score"] for c in qcols),
      "every essay is marked: no empty question cell")
EOF
cat book.check

# --- the item analysis agrees with the gradebook and with the answers the test chose
run "$PROCTOR" item-stats --roster roster --teacher-key teacher.pub --assignment w1.json --answer-key w1.key.json \
    --marks w1.marks.json --json w1-s*.result.json
expect_rc 0 "item-stats over the class"
cp "$T/out" stats.json
python3 - class.txt book.csv stats.json >stats.check 2>&1 <<'EOF'
import csv, json, statistics as st, sys
pat = dict(l.split() for l in open(sys.argv[1]))
rows = [r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")) if r["score"]]
got = json.load(open(sys.argv[3]))
def check(c, what):
    print(("ok" if c else "not ok") + " - " + what)
check(got["students"] == len(rows) == 30, "30 graded students analysed")
qcols = [c for c in rows[0] if c.startswith("q")]
for q, col in zip(got["questions"], qcols):
    pts = [float(r[col]) for r in rows]
    fac = 100 * st.mean(pts) / float(q["points"])
    check(abs(fac - q["facility"]) < 1e-6, "%s facility %.1f: the gradebook's column" % (q["id"], fac))
    check(col == q["id"] + " " + q["bank_id"], "%s: the column heading names bank id %s" % (q["id"], q["bank_id"]))
    if q["type"] in ("choice", "truefalse", "numeric", "short"):
        k = int(q["id"][1:]) - 1
        # s32's chosen attempt is its first, by its pattern; everyone else's by theirs
        right = sum(1 for r in rows if pat[r["student"]][k] == "r")
        check(abs(100 * right / len(rows) - q["facility"]) < 1e-6,
              "%s (%s): facility from the answers chosen" % (q["id"], q["type"]))
tot = [float(r["score"]) for r in rows]
pct = [100 * float(r["score"]) / float(r["max"]) for r in rows]
check(abs(st.mean(pct) - got["test"]["mean"]) < 1e-6, "test mean")
check(abs(st.median(pct) - got["test"]["median"]) < 1e-6, "test median")
items = [[float(r[c]) for r in rows] for c in qcols]
alpha = len(items) / (len(items) - 1) * (1 - sum(st.variance(x) for x in items) / st.variance(tot))
check(abs(alpha - got["test"]["alpha"]) < 1e-6, "Cronbach's alpha %.3f" % alpha)
EOF
cat stats.check

# --- return the class's work in one run
run "$PROCTOR" return $TK --roster roster --answer-key w1.key.json --assignment w1.json \
    --marks w1.marks.json w1-s*.result.json
expect_rc 1 "return: the copy held back and the refused file make the status 1"
cp "$T/out" return.out
expect_grep "^Returned the work of 28 of 28 graded students to w1-graded/; 2 held back \(CONFLICT\); 1 file refused\.$" \
    return.out "28 students' work returned"
missing=0
bad=0
while read -r s p; do
    f="w1-graded/w1-$s.graded.json"
    case $s in
    s01 | s31 | s29 | s30)
        [ -e "$f" ] && bad=$((bad + 1))
        continue
        ;;
    esac
    if ! [ -f "$f" ]; then missing=$((missing + 1)); continue; fi
    "$PROCTOR" review --teacher-key teacher.pub "$f" >"$s.review" 2>&1 || bad=$((bad + 1))
    score=$(awk -F, -v s="$s" '$3 == s { print $5 "/" $6 }' book.csv)
    grep -q "^Student $s, attempt " "$s.review" || bad=$((bad + 1))
    grep -q "^Score: ${score%/*} of ${score#*/} (" "$s.review" || bad=$((bad + 1))
done <class.txt
if [ "$missing" -eq 0 ] && [ "$bad" -eq 0 ]; then
    ok "every graded student's file: reviewable, theirs, the gradebook's score"
else fail "graded files: $missing missing, $bad wrong"; fi
expect_grep "^Student s32, attempt 1," s32.review "s32 gets back the attempt that counted"
expect_grep "Well argued\." s02.review "the essay's comment is in the returned work"
