#!/bin/sh
# SPDX-License-Identifier: ISC
# Selecting questions: a teacher's own kebab-case tags, `proctor list --tags` with counts,
# and --difficulty and --level, shared by list, practice and assign (repeatable: either value
# passes), with their usage errors.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
SB="$FIX/shape"
cd "$T" || exit 1

# --- tags: any kebab-case tag, listed with counts (most used first)
run "$PROCTOR" list --tags --bank "$SB"
expect_rc 0 "list --tags"
expect_grep '^week-3 +27$' "$T/out" "list --tags: a teacher's own tag and its count"
run "$PROCTOR" list --tags --bank "$FB"
expect_rc 0 "list --tags on the fixture bank"
python3 - "$FB" "$T/out" <<'PY' >"$T/py" 2>&1
import collections, glob, json, sys
c = collections.Counter(t for f in glob.glob(sys.argv[1] + "/*.json")
                        for q in json.load(open(f))["questions"] for t in q["tags"])
want = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
got = [(l.split()[0], int(l.split()[1])) for l in open(sys.argv[2])]
print(("ok - " if got == want else "not ok - ") + "list --tags: every tag with its count, most used first (%s)" % got)
PY
cat "$T/py"
run "$PROCTOR" list --tags --bank "$FB" --type choice
expect_grep '^people +1$' "$T/out" "list --tags: counts the selected questions only"
if [ "$(wc -l <"$T/out")" -eq 1 ]; then ok "list --tags --type choice: one tag"; else fail "list --tags --type choice: one tag"; fi
run "$PROCTOR" list --tags --bank "$SRC/questions"
expect_grep '^sources +[0-9]+$' "$T/out" "list --tags: the shipped bank's tags"

# --- list --difficulty / --level
run "$PROCTOR" list --bank "$FB" --level analysis
expect_rc 0 "list --level"
if [ "$(wc -l <"$T/out")" -eq 1 ] && grep -q ' analysis ' "$T/out"; then ok "list --level analysis: the one analysis question"
else fail "list --level analysis: the one analysis question"; cat "$T/out"; fi
run "$PROCTOR" list --bank "$FB" --difficulty 1 --difficulty 3
n13=$(python3 -c 'import json,sys; print(sum(1 for q in json.load(open(sys.argv[1]))["questions"] if q["difficulty"] in (1,3)))' "$FB/all-types.json")
if [ "$(wc -l <"$T/out")" -eq "$n13" ] && ! grep -q ' d2 ' "$T/out"; then ok "list --difficulty 1 --difficulty 3: either passes ($n13)"
else fail "list --difficulty 1 --difficulty 3: either passes ($n13)"; cat "$T/out"; fi
run "$PROCTOR" list --bank "$FB" --level recall --difficulty 2
if [ "$(wc -l <"$T/out")" -gt 0 ] && ! grep -vq ' d2 recall ' "$T/out"; then ok "list: --level and --difficulty together"
else fail "list: --level and --difficulty together"; cat "$T/out"; fi

# --- practice --difficulty / --level: only the chosen questions are asked
run "$PROCTOR" practice --bank "$FB" --new --seed 1 --level understanding --level analysis </dev/null
expect_rc 0 "practice --level"
expect_grep '^Practice: 2 questions\.' "$T/out" "practice --level understanding --level analysis: 2 questions"
run "$PROCTOR" practice --bank "$FB" --new --seed 1 --difficulty 3 </dev/null
expect_grep '^Practice: 1 question\.' "$T/out" "practice --difficulty 3: 1 question"
expect_grep 'analysis|essay|Question 1 of 1' "$T/out" "practice --difficulty 3: the hard one is asked"
run "$PROCTOR" practice --bank "$FB" --new --level analysis --difficulty 1 </dev/null
expect_rc 3 "practice: nothing matches"
expect_grep 'no question matches the selection' "$T/err" "practice: says nothing matches"
for bad in "--difficulty 0" "--difficulty 4" "--difficulty x" "--level hard" "--level"; do
    run "$PROCTOR" practice --bank "$FB" --new $bad </dev/null
    expect_rc 2 "practice $bad: a usage error"
done
run "$PROCTOR" practice --bank "$FB" --new --level hard </dev/null
expect_grep "^proctor practice: --level is recall, understanding or analysis, not 'hard'$" "$T/err" \
    "practice --level: names the levels"

# --- assign takes the same options (the same parser)
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
run "$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title Hard --level analysis \
    --out hard.json
expect_rc 0 "assign --level"
expect_grep "\(1 question, sealed\)" "$T/out" "assign --level analysis: one question"
run "$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title Two --difficulty 1 \
    --difficulty 3 --open --out two.json
expect_rc 0 "assign --difficulty twice"
expect_grep "\($n13 questions, open\)" "$T/out" "assign --difficulty 1 --difficulty 3: either passes"
run "$PROCTOR" assign --key teacher/teacher.key --bank "$FB" --title Bad --level hard --out bad.json
expect_rc 2 "assign --level hard: a usage error"
expect_grep "^proctor assign: --level is recall, understanding or analysis, not 'hard'$" "$T/err" \
    "assign: the same message as practice"
