#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor lint --stats: the figures of a bank (per document, type, level, difficulty, tag; the
# choice key's longest share, position and length rank; multi option lengths; true/false
# balance) and a warning for each limit passed, on tests/fixtures/shape, which is built to
# trip every one; the limits a teacher sets; --strict; the warnings plain lint gives; and the
# shipped bank within every limit.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
SB=tests/fixtures/shape

run "$PROCTOR" lint "$SB"
expect_rc 0 "lint: warnings do not fail the check"
expect_grep "^$SB: 27 questions, 1 document: ok$" "$T/out" "lint: the fixture loads"
expect_grep "^proctor: warning: $SB/shape.json:[0-9]+:[0-9]+: question 'long-option': option 1 has 234 characters \(more than 200\)" \
    "$T/err" "lint: an option over 200 characters"
expect_grep "question 'above': option 3 is an \"all/none of the above\" option" "$T/err" \
    "lint: an all-of-the-above option"
expect_grep "question 'article': the prompt ends in \"an\"" "$T/err" \
    "lint: a prompt ending in an article"
if [ "$(grep -c 'warning' "$T/err")" -eq 3 ]; then ok "lint: only the question warnings without --stats"
else fail "lint: only the question warnings without --stats"; cat "$T/err" | sed 's/^/#   /'; fi

run "$PROCTOR" lint --stats --min-beyond-recall 45 "$SB"
expect_rc 0 "lint --stats: exit 0 with warnings"
S="$T/out"
expect_grep '^  memo +27 \(100 %\)$' "$S" "stats: questions per document"
expect_grep '^  choice +11 \(41 %\)$' "$S" "stats: questions per type"
expect_grep '^  recall +27 \(100 %\)$' "$S" "stats: questions per level"
expect_grep '^  beyond recall +0 \(0 %\)   \(warned under 45 %\)$' "$S" "stats: beyond recall with its limit"
expect_grep '^  1 +27 \(100 %\)$' "$S" "stats: questions per difficulty"
expect_grep '^  week-3 +27 \(100 %\)$' "$S" "stats: questions per tag (a teacher's own)"
expect_grep '^  the key is the only longest +10 \(91 %\)$' "$S" "stats: key uniquely longest"
expect_grep '^  picking the longest scores +91 %   \(warned over 35 %\)$' "$S" "stats: longest-option score"
expect_grep '^ +10 \(91 %\) +0 \(0 %\) +1 \(9 %\) +\(warned over 35 %\)$' "$S" "stats: key positions and ranks"
expect_grep '^  mean option length +correct 38\.0, wrong 4\.5 characters$' "$S" "stats: multi option lengths"
expect_grep '^  correct options longer +8 \(100 %\)' "$S" "stats: multi correct longer"
expect_grep '^  true +8 \(100 %\)   \(warned outside 40-60 %\)$' "$S" "stats: true/false balance"
expect_grep '^Options, items and match sides: 71; the longest has 234 characters; 1 over 200$' "$S" \
    "stats: option lengths"
E="$T/err"
expect_grep "^proctor: warning: $SB: picking the longest option scores 91 % on the 11 choice questions \(more than 35 %\)" "$E" \
    "warning: the longest option"
expect_grep "^proctor: warning: $SB: the key is option 'a' in 10 of the 11 choice questions" "$E" \
    "warning: one key position"
expect_grep "^proctor: warning: $SB: the key is the longest option in 10 of the 11" "$E" \
    "warning: one length rank"
expect_grep "^proctor: warning: $SB: the correct options are longer on average in 8 of the 8 multi" "$E" \
    "warning: multi correct options longer"
expect_grep "^proctor: warning: $SB: 8 of the 8 true/false statements are true \(100 %, outside 40-60 %\)" "$E" \
    "warning: true/false balance"
expect_grep "^proctor: warning: $SB: 0 of the 27 questions are beyond recall \(0 %, fewer than 45 %\)" "$E" \
    "warning: beyond recall"
if [ "$(grep -c 'warning' "$E")" -eq 9 ]; then ok "stats: nine warnings in all"
else fail "stats: nine warnings in all ($(grep -c warning "$E"))"; fi

# the limits move the warnings
run "$PROCTOR" lint --stats --max-longest 100 --max-position 100 --max-rank 100 \
    --max-multi-longer 100 --true-share 0-100 --max-option-length 300 "$SB"
expect_rc 0 "limits: exit 0"
if [ "$(grep -c 'warning' "$T/err")" -eq 2 ]; then ok "limits: only the two question warnings are left"
else fail "limits: only the two question warnings are left"; sed 's/^/#   /' "$T/err"; fi
expect_grep '\(warned outside 0-100 %\)' "$T/out" "limits: the report shows the limits used"
run "$PROCTOR" lint --stats --min-sample 12 "$SB"
expect_no_grep "picking the longest|true/false statements" "$T/err" \
    "limits: a type with fewer questions than --min-sample is not judged"

# --strict: any warning fails, with status 1
run "$PROCTOR" lint --strict "$SB"
expect_rc 1 "--strict: warnings fail"
expect_grep "^proctor: $SB: 3 warnings \(--strict\)$" "$T/err" "--strict: the count"
run "$PROCTOR" lint --stats --strict tests/fixtures/wrap
expect_rc 0 "--strict: a bank without warnings passes"

# usage errors
for bad in "--stats --max-longest 101" "--stats --max-rank x" "--stats --true-share 60-40" \
    "--stats --true-share 40" "--max-position 30" "--stats --min-sample 0" "--max-option-length 0"; do
    run "$PROCTOR" lint $bad "$SB"
    expect_rc 2 "usage: lint $bad"
done
run "$PROCTOR" lint --max-position 30 "$SB"
expect_grep "the shape limits .* go with --stats" "$T/err" "usage: limits without --stats are refused"

# the shipped bank keeps every limit, with 45 % beyond recall
run "$PROCTOR" lint --stats --strict --min-beyond-recall 45 questions
expect_rc 0 "the shipped bank: no warning at the default limits"
if [ -s "$T/err" ]; then fail "the shipped bank: nothing on stderr"; sed 's/^/#   /' "$T/err" | head; else ok "the shipped bank: nothing on stderr"; fi
