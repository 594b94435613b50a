#!/bin/sh
# proctor lint: the shipped bank and the fixture bank are clean; each bad bank in diag/ gets
# exactly the diagnostics in its .err file and exit status 3.
. "$(dirname "$0")/lib.sh"
cd "$SRC"

run "$PROCTOR" lint
expect_rc 0 "lint: the shipped bank is clean"
expect_grep '^questions: [0-9]+ questions, 4 documents: ok$' "$T/out" "lint: reports the shipped bank's size"

run "$PROCTOR" lint tests/fixtures/bank
expect_rc 0 "lint: the fixture bank is clean"

for f in tests/cli/diag/*.json; do
    name=$(basename "$f" .json)
    run "$PROCTOR" lint --bank tests/fixtures/bank "$f"
    expect_rc 3 "lint $name: exit status 3"
    expect_file_eq "$T/err" "tests/cli/diag/$name.err" "lint $name: exact diagnostics"
    if [ -s "$T/out" ]; then fail "lint $name: nothing on stdout"; else ok "lint $name: nothing on stdout"; fi
done

# the whole bad bank at once: every problem is reported, not only the first
mkdir -p "$T/bad"
cp -r tests/fixtures/bank/sources "$T/bad/"
cp tests/cli/diag/quote-not-found.json tests/cli/diag/two-correct.json "$T/bad/"
run "$PROCTOR" lint "$T/bad"
expect_rc 3 "lint: a bank with two bad files fails"
expect_grep "quote-not-found.json:3:73: question 'quote-missing': quote not found" "$T/err" "lint: first file's problem reported"
expect_grep "two-correct.json:3:5: question 'two': a choice question needs exactly one" "$T/err" "lint: second file's problem reported"
expect_grep "2 problems found" "$T/err" "lint: problems counted"

# a missing manifest and a missing path
mkdir -p "$T/nomanifest"
run "$PROCTOR" lint "$T/nomanifest"
expect_rc 4 "lint: a directory without a manifest is an I/O error"
expect_grep "no question bank in '.*nomanifest' \(no sources/manifest.json\); give --bank DIR or set PROCTOR_BANK" "$T/err" "lint: names the missing manifest and the next step"
run "$PROCTOR" lint "$T/does-not-exist"
expect_rc 4 "lint: a missing path is an I/O error"
expect_grep "cannot open '.*does-not-exist'" "$T/err" "lint: names the missing path"

# a manifest whose document file is missing, and a skip quote not in the document
mkdir -p "$T/baddoc/sources"
printf '%s\n' '{"documents":[{"id":"a","file":"a.txt","title":"A"},' \
    '{"id":"b","file":"b.txt","title":"B","skip":["not there"]}]}' >"$T/baddoc/sources/manifest.json"
echo "b text here" >"$T/baddoc/sources/b.txt"
run "$PROCTOR" lint "$T/baddoc"
expect_rc 3 "lint: a bad manifest fails"
expect_grep "manifest.json:1:15: document 'a': cannot read" "$T/err" "lint: a missing document file is named with its manifest line"
expect_grep "manifest.json:2:46: skip quote not found in 'b'" "$T/err" "lint: a skip quote must occur"

run "$PROCTOR" lint --bogus
expect_rc 2 "lint: unknown option is a usage error"
