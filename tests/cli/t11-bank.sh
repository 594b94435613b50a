#!/bin/sh
# The shipped bank: lint-clean, every paragraph of content cited (proctor coverage), and the
# shape issue #3 asks for: 150+ questions, 25+ per document, 8+ per type (5+ essays), and at
# least a third beyond recall.
. "$(dirname "$0")/lib.sh"
cd "$SRC"

run "$PROCTOR" lint questions
expect_rc 0 "bank: lint is clean"
run "$PROCTOR" coverage
expect_rc 0 "bank: coverage finds every paragraph of content cited"
if grep -q MISSING "$T/out"; then fail "bank: no MISSING paragraph"; grep MISSING "$T/out" | head | sed 's/^/#   /'; else ok "bank: no MISSING paragraph"; fi

"$PROCTOR" list >"$T/list"
total=$(wc -l <"$T/list")
if [ "$total" -ge 150 ]; then ok "bank: $total questions (150+)"; else fail "bank: $total questions (150+)"; fi
for d in dallaire-fax unamir withdrawal friends-memo; do
    n=$(awk -v d=$d '$3 == d' "$T/list" | wc -l)
    if [ "$n" -ge 25 ]; then ok "bank: $n questions on $d (25+)"; else fail "bank: $n questions on $d (25+)"; fi
done
for t in choice multi truefalse short numeric order match; do
    n=$(awk -v t=$t '$2 == t' "$T/list" | wc -l)
    if [ "$n" -ge 8 ]; then ok "bank: $n $t questions (8+)"; else fail "bank: $n $t questions (8+)"; fi
done
n=$(awk '$2 == "essay"' "$T/list" | wc -l)
if [ "$n" -ge 5 ]; then ok "bank: $n essays (5+)"; else fail "bank: $n essays (5+)"; fi
beyond=$(awk '$5 != "recall"' "$T/list" | wc -l)
if [ $((beyond * 3)) -ge "$total" ]; then ok "bank: $beyond of $total beyond recall (a third+)"; else fail "bank: $beyond of $total beyond recall (a third+)"; fi

# both guiding questions of the April cable are essays with a rubric
python3 - "$SRC/questions" <<'PY' >"$T/py" 2>&1
import glob, json, sys
qs = [q for f in sorted(glob.glob(sys.argv[1] + "/*.json")) for q in json.load(open(f))["questions"]]
essays = [q for q in qs if q["type"] == "essay"]
want = ["Why did the U.S. State Department want to withdraw all UNAMIR forces from Rwanda?",
        "Do you agree that peacekeepers should be withdrawn from a location if there is risk to their lives?"]
for w in want:
    hit = [q for q in essays if q["source"]["doc"] == "withdrawal" and w[:40] in q["source"]["quote"] and q.get("rubric")]
    print(("ok - " if hit else "not ok - ") + "bank: an essay with a rubric on the guiding question '" + w[:50] + "...'")
PY
cat "$T/py"
