#!/bin/sh
# The dispatcher and the read-only commands: --help, --version, help, list, show, coverage.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank

run "$PROCTOR" --help
expect_rc 0 "--help exits 0"
for c in practice lint list show coverage help; do
    expect_grep "^  $c " "$T/out" "--help lists '$c'"
done
expect_grep "Exit status: 0 ok, 1 verification failed, 2 usage, 3 bad data, 4 system" "$T/out" "--help documents exit codes"
run "$PROCTOR"
expect_rc 2 "no command is a usage error"
run "$PROCTOR" --version
expect_grep '^proctor [0-9]+\.[0-9]+\.[0-9]+$' "$T/out" "--version prints the version"
run "$PROCTOR" frobnicate
expect_rc 2 "an unknown command is a usage error"
expect_grep "'frobnicate' is not a proctor command" "$T/err" "names the unknown command"
run "$PROCTOR" help practice
expect_grep '^usage: proctor practice ' "$T/out" "help CMD prints the usage"
run "$PROCTOR" practice --help
expect_grep '^usage: proctor practice ' "$T/out" "CMD --help prints the usage"
run "$PROCTOR" help nothing
expect_rc 2 "help of an unknown command is a usage error"
if "$PROCTOR" --help >/dev/full 2>/dev/null; then fail "a full stdout is an error"; else ok "a full stdout is an error"; fi

run "$PROCTOR" list --bank $FB
expect_rc 0 "list exits 0"
if [ "$(wc -l <"$T/out")" -eq 10 ]; then ok "list: one line per question"; else fail "list: one line per question"; fi
expect_grep '^who-did-what +match +memo +d2 recall +Match each person to a task\.$' "$T/out" "list: id, type, doc, difficulty, level, prompt"
run "$PROCTOR" list --bank $FB --type numeric
if [ "$(wc -l <"$T/out")" -eq 2 ]; then ok "list --type filters"; else fail "list --type filters"; fi
run "$PROCTOR" list --bank $FB --tag places
expect_grep '^lyon ' "$T/out" "list --tag filters"
run "$PROCTOR" list --type nonsense
expect_rc 2 "list: an unknown type is a usage error"
run "$PROCTOR" list --doc dallaire-fax
expect_rc 0 "list --doc on the shipped bank"
if grep -v ' dallaire-fax ' "$T/out" | grep -q .; then fail "list --doc keeps one document"; else ok "list --doc keeps one document"; fi

run "$PROCTOR" show --bank $FB chair
expect_rc 0 "show exits 0"
expect_grep '^    c\) Ortiz|^    [abc]\) Ortiz' "$T/out" "show: lists the options"
expect_grep '^    a\) Ortiz$' "$T/out" "show: options in the bank's order"
expect_grep '^  Answer:' "$T/out" "show: gives the answer"
expect_grep '\[\[Ms Roméo Ortiz chaired the meeting\.\]\]' "$T/out" "show: highlights the quote in its paragraph"
expect_grep 'From memo, line 5:' "$T/out" "show: cites the document and line"
run "$PROCTOR" show --bank $FB nope
expect_rc 3 "show: an unknown id is a data error"
expect_grep "no question 'nope'" "$T/err" "show: names the unknown id"
run "$PROCTOR" show
expect_rc 2 "show: no id is a usage error"

run "$PROCTOR" coverage --bank $FB
expect_rc 0 "coverage: the fixture bank cites every paragraph"
expect_grep '^memo: 4 of 4 content paragraphs cited \(10 questions in all\)$' "$T/out" "coverage: counts paragraphs and questions"
expect_grep '^ +10 ok +1  4\. The library opens in spring\. The library opens in spring\.  <- spring$' "$T/out" "coverage: lists each paragraph with its questions"
mkdir -p "$T/b"
cp -r $FB/sources "$T/b/"
python3 - "$FB/all-types.json" "$T/b/q.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["questions"] = [q for q in d["questions"] if q["id"] not in ("vote", "lyon")]
json.dump(d, open(sys.argv[2], "w"))
PY
run "$PROCTOR" coverage --bank "$T/b"
expect_rc 1 "coverage: a paragraph with no question fails"
expect_grep '^ +7 MISSING +0  3\. The vote was approximately 400' "$T/out" "coverage: marks the uncited paragraph"
expect_grep '1 paragraph of content cited by no question' "$T/err" "coverage: counts what is missing"
run "$PROCTOR" coverage --bank "$T/b" --missing
if [ "$(grep -c '^ ' "$T/out")" -eq 1 ]; then ok "coverage --missing lists only the gaps"; else fail "coverage --missing lists only the gaps"; fi
