#!/bin/sh
# proctor practice off a terminal: a golden transcript, scoring every question right and
# wrong through the runner, saving and resuming, Ctrl-D, and usage errors.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank
KEY="$BUILDDIR/tests/tools/answer-key"

# 1. a golden piped run: bad input, :passage, :skip, :back, :help, partial credit, summary
run "$PROCTOR" practice --new --bank $FB --seed 7 <tests/cli/golden/practice-fixture.in
expect_rc 0 "practice: a piped run exits 0"
expect_file_eq "$T/out" tests/cli/golden/practice-fixture.out "practice: piped transcript matches the golden file"
if grep -q "$(printf '\033')" "$T/out"; then fail "practice: no escape codes off a terminal"; else ok "practice: no escape codes off a terminal"; fi
if [ -e "$XDG_STATE_HOME/proctor/practice.json" ]; then fail "practice: a finished session is not kept"; else ok "practice: a finished session is not kept"; fi

# 2. the same seed gives the same questions in the same order
"$PROCTOR" practice --new --bank $FB --seed 7 </dev/null >"$T/a" 2>&1
"$PROCTOR" practice --new --bank $FB --seed 7 </dev/null >"$T/b" 2>&1
"$PROCTOR" practice --new --bank $FB --seed 8 </dev/null >"$T/c" 2>&1
if cmp -s "$T/a" "$T/b"; then ok "practice: --seed makes a run reproducible"; else fail "practice: --seed makes a run reproducible"; fi
if cmp -s "$T/a" "$T/c"; then fail "practice: another seed gives another order"; else ok "practice: another seed gives another order"; fi
rm -f "$XDG_STATE_HOME/proctor/practice.json"

# 3. every question of both banks answered right scores 100 %, wrong scores 0 %
for bank in $FB questions; do
    for seed in 1 2; do
        "$KEY" $bank $seed right >"$T/in" || fail "answer-key $bank"
        run "$PROCTOR" practice --new --bank $bank --seed $seed <"$T/in"
        expect_grep '^Your score: ([0-9.]+) of \1 \(100%\)$' "$T/out" "practice $bank seed $seed: all right scores 100%"
        expect_grep 'Nothing to review' "$T/out" "practice $bank seed $seed: nothing to review"
        "$KEY" $bank $seed wrong >"$T/in"
        run "$PROCTOR" practice --new --bank $bank --seed $seed <"$T/in"
        expect_grep '^Your score: 0 of [0-9.]+ \(0%\)$' "$T/out" "practice $bank seed $seed: all wrong scores 0%"
        if grep -Eq 'Correct\.|Partly right' "$T/out"; then fail "practice $bank seed $seed: no answer credited"; else ok "practice $bank seed $seed: no answer credited"; fi
    done
done

# 4. :quit saves; the next run offers to resume and keeps the answers given
"$KEY" $FB 7 right | head -n 3 >"$T/in"
echo ":quit" >>"$T/in"
run "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/in"
expect_rc 0 "practice: :quit exits 0"
expect_grep "Progress saved" "$T/out" "practice: :quit says progress is saved"
S="$XDG_STATE_HOME/proctor/practice.json"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['position']==3 and sum('response' in q for q in d['questions'])==3 else 1)" "$S"; then
    ok "practice: the saved session holds 3 answers and the position"
else fail "practice: the saved session holds 3 answers and the position"; fi
{ "$KEY" $FB 7 right | tail -n +4; } >"$T/in"
run "$PROCTOR" practice --bank $FB --resume <"$T/in"
expect_grep '^Resuming the saved practice session \(3 of 10 answered\)\.$' "$T/out" "practice --resume: resumes without asking"
expect_grep '^Question 4 of 10' "$T/out" "practice: resumes at question 4"
if grep -q '^Question 1 of 10' "$T/out"; then fail "practice: does not start over"; else ok "practice: does not start over"; fi
expect_grep '^Your score: 9 of 9 \(100%\)$' "$T/out" "practice: answers from before the resume still count"

# 5. Ctrl-D (end of input) saves like :quit; declining to resume starts afresh
"$KEY" $FB 7 right | head -n 2 >"$T/in"
run "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/in"
expect_rc 0 "practice: end of input exits 0"
expect_grep "Progress saved" "$T/out" "practice: end of input saves"
cp "$XDG_STATE_HOME/proctor/practice.json" "$T/saved"
printf ':quit\n' >"$T/in"
run "$PROCTOR" practice --bank $FB --seed 8 <"$T/in"
expect_grep '^Practice: 10 questions' "$T/out" "practice off a terminal without --resume: a new session"
expect_grep "^A saved practice session \(2 of 10 answered\) is set aside: it is kept until this run saves its first answer\. Run 'proctor practice --resume' to go on with it\.$" "$T/out" "practice off a terminal: never asks, says the old one is set aside"
expect_no_grep 'Resume it\?' "$T/out" "practice off a terminal: no resume question"
expect_file_eq "$XDG_STATE_HOME/proctor/practice.json" "$T/saved" "practice: the set-aside session is kept while the new run saves nothing"
run "$PROCTOR" practice --bank $FB --type numeric <"$T/in"
expect_grep "is set aside.*It was chosen with other options" "$T/out" "practice: another selection is another session"
run "$PROCTOR" practice --bank $FB --new --resume </dev/null
expect_rc 2 "practice: --new and --resume conflict"

# 6. selection options and usage errors
run "$PROCTOR" practice --new --bank $FB --type choice --type truefalse -n 5 --seed 1 </dev/null
expect_grep '^Practice: 2 questions' "$T/out" "practice: --type filters (two types)"
run "$PROCTOR" practice --new --doc dallaire-fax -n 3 --seed 1 </dev/null
expect_grep '^Practice: 3 questions' "$T/out" "practice: -n limits the count"
if grep -E '^\s+\[' "$T/out" | grep -qv 'dallaire-fax'; then fail "practice: --doc keeps one document"; else ok "practice: --doc keeps one document"; fi
run "$PROCTOR" practice --new --doc nowhere </dev/null
expect_rc 2 "practice: unknown --doc is a usage error"
expect_grep "no document 'nowhere'" "$T/err" "practice: names the unknown document"
run "$PROCTOR" practice --new --tag nothing-has-this </dev/null
expect_rc 3 "practice: an empty selection is a data error"
expect_grep "no question matches the selection" "$T/err" "practice: says nothing matched"
run "$PROCTOR" practice -n 0
expect_rc 2 "practice: -n 0 is a usage error"
run "$PROCTOR" practice --seed 1 --seed 2
expect_rc 2 "practice: an option given twice is a usage error"
expect_grep "seed given twice" "$T/err" "practice: says which option was repeated"
run "$PROCTOR" practice extra-arg
expect_rc 2 "practice: a stray argument is a usage error"
PROCTOR_BANK="$SRC/$FB" run "$PROCTOR" practice --new --seed 1 </dev/null
expect_grep '^Practice: 10 questions' "$T/out" "practice: PROCTOR_BANK selects the bank"

# 7. a 100 000-character answer line and CRLF input are handled
python3 -c "print('x'*100000)" >"$T/in"
printf '1700\r\n:quit\r\n' >>"$T/in"
run timeout 20 "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/in"
expect_rc 0 "practice: a 100 000-character line is refused, not fatal"
expect_grep 'Correct\. 1 of 1 point' "$T/out" "practice: CRLF answers are read"
