#!/bin/sh
# SPDX-License-Identifier: ISC
# Bad input to the bank loader and to practice: empty files, binary junk, 1 MB lines, CRLF,
# deep nesting, extreme numbers, duplicate ids across files, a 100 000-character essay,
# Ctrl-D at every prompt, SIGINT and SIGTERM, an unreadable saved session. Each gets a clear
# message and its exit status, in bounded time (timeout) and memory (peak RSS).
# Already covered elsewhere: invalid UTF-8, a BOM, an empty question file, a duplicate id in
# one file and a blank quote (t10-lint.sh, diag/); a 100 000-character line and CRLF answers
# at the prompt (t20-practice.sh).
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank
KEY="$BUILDDIR/tests/tools/answer-key"
S="$XDG_STATE_HOME/proctor/practice.json"
use_bounded

# a scratch bank: the fixture's sources and one question file of our choosing
newbank() {
    rm -rf "$T/b"
    mkdir -p "$T/b"
    cp -r $FB/sources "$T/b/"
}

# ---- the bank ----
newbank
: >"$T/b/sources/manifest.json"
bounded "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: an empty manifest is bad data"
expect_grep "manifest.json: empty file; expected a JSON object" "$T/err" "bad input: an empty manifest is named"

newbank
head -c 65536 /dev/urandom >"$T/b/junk.json"
bounded "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: binary junk as a question file is bad data"
expect_grep "junk.json(:[0-9]+:[0-9]+)?: (file contains a NUL byte|invalid UTF-8)" "$T/err" "bad input: binary junk gets a message naming the file"
expect_bounded "bad input: binary junk"
head -c 65536 /dev/urandom | tr -d '\000' | LC_ALL=C tr '\200-\377' '\001-\177' >"$T/b/junk.json"
bounded "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: printable junk as a question file is bad data"
expect_grep "junk.json:[0-9]+:[0-9]+: invalid JSON near here" "$T/err" "bad input: printable junk: line and column"

newbank
python3 - "$FB/all-types.json" "$T/b/q.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["questions"][0]["prompt"] = "How many books? " + "x" * 1000000
json.dump(d, open(sys.argv[2], "w"))
PY
bounded "$PROCTOR" lint "$T/b"
expect_rc 0 "bad input: a bank with a 1 MB line (a 1 MB prompt) loads"
expect_bounded "bad input: a 1 MB prompt"
python3 -c 'print("{\"questions\": [" + " " * 1000000 + "x]}")' >"$T/b/q.json"
bounded "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: a 1 MB line of junk is bad data"
expect_grep "q.json:1:1000016: invalid JSON near here" "$T/err" "bad input: a 1 MB line: the column of the problem"
expect_bounded "bad input: a 1 MB line of junk"

newbank
for f in all-types.json sources/manifest.json sources/memo.txt; do
    [ -f "$FB/$f" ] && sed 's/$/\r/' "$FB/$f" >"$T/b/$f"
done
run "$PROCTOR" lint "$T/b"
expect_rc 0 "bad input: a bank with CRLF line endings (questions, manifest, document) loads"
"$KEY" "$T/b" 7 right >"$T/in"
run "$PROCTOR" practice --new --bank "$T/b" --seed 7 <"$T/in"
expect_grep '^Your score: 9 of 9 \(100%\)$' "$T/out" "bad input: and practice on it scores every right answer"

newbank
python3 -c 'print("{\"questions\": " + "[" * 100000 + "]" * 100000 + "}")' >"$T/b/q.json"
bounded "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: JSON nested 100 000 deep is bad data"
expect_grep "q.json:1:[0-9]+: arrays and objects nested more than 1000 deep" "$T/err" \
    "bad input: deep nesting: says so, with line and column"
expect_bounded "bad input: deep nesting"

# numbers: 1e999 and -0 as points and answers
numq() {
    python3 - "$FB/all-types.json" "$T/b/q.json" "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = [q for q in d["questions"] if q["id"] == "books"][0]
q[sys.argv[3]] = 12345.5
open(sys.argv[2], "w").write(json.dumps({"questions": [q]}).replace("12345.5", sys.argv[4]))
PY
}
newbank
numq points 1e999
run "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: points 1e999 is bad data"
expect_grep "'points' must be a positive number" "$T/err" "bad input: points 1e999: says what is wanted"
numq points -0
run "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: points -0 is bad data"
numq answer 1e999
run "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: a numeric answer 1e999 is bad data"
expect_grep "expected a number with at most three decimals for 'answer'" "$T/err" "bad input: answer 1e999: says what is wanted"
numq answer -1e999
run "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: a numeric answer -1e999 is bad data"
numq answer -0
run "$PROCTOR" lint "$T/b"
expect_rc 0 "bad input: a numeric answer -0 is zero"
printf '0\n' | "$PROCTOR" practice --new --bank "$T/b" --seed 1 >"$T/out" 2>&1
expect_grep 'Correct\.' "$T/out" "bad input: and 0 is its right answer"

# a duplicate id across two files
newbank
python3 - "$FB/all-types.json" "$T/b" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = [q for q in d["questions"] if q["id"] == "lyon"][0]
json.dump({"questions": [q]}, open(sys.argv[2] + "/a.json", "w"))
json.dump({"questions": [q]}, open(sys.argv[2] + "/b.json", "w"))
PY
run "$PROCTOR" lint "$T/b"
expect_rc 3 "bad input: one id in two question files is bad data"
expect_grep "b.json:1:[0-9]+: duplicate question id 'lyon' \(first defined at .*a.json:1:[0-9]+\)" "$T/err" \
    "bad input: the duplicate names both places"

# ---- practice ----
"$KEY" $FB 7 right >"$T/in"

# a 100 000-character essay: refused at the prompt, so the session stays resumable
{ head -n 4 "$T/in"; python3 -c 'print("word " * 20000)'; sed -n 5p "$T/in"; echo :quit; } >"$T/long"
bounded "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/long"
expect_grep "the answer is too long \(at most 64 KiB\)" "$T/out" "bad input: a 100 000-character essay is refused"
expect_grep "Recorded\." "$T/out" "bad input: and the next answer is taken"
expect_bounded "bad input: a 100 000-character essay"
printf ':quit\n' | "$PROCTOR" practice --bank $FB --seed 7 --resume >"$T/out" 2>&1
expect_grep "saved practice session \(5 of 10 answered" "$T/out" "bad input: the session resumes with its 5 answers"

# Ctrl-D (end of input) at every question prompt saves what was given
bad=
k=0
while [ "$k" -le 10 ]; do
    rm -f "$S"
    head -n $k "$T/in" | "$PROCTOR" practice --new --bank $FB --seed 7 >"$T/out" 2>"$T/err"
    r=$?
    if [ $k -eq 0 ]; then
        # nothing answered yet: nothing is written, and it says so
        [ "$r" -eq 0 ] && grep -q "nothing to save" "$T/out" && [ ! -e "$S" ] || bad="$bad after-0:exit-$r"
    elif [ $k -lt 10 ]; then
        got=$(python3 -c 'import json,sys; print(sum("response" in q for q in json.load(open(sys.argv[1]))["questions"]))' "$S" 2>/dev/null)
        [ "$r" -eq 0 ] && grep -q "Progress saved" "$T/out" && [ "$got" = "$k" ] || bad="$bad after-$k:exit-$r,saved-$got"
    else
        [ "$r" -eq 0 ] && [ ! -e "$S" ] || bad="$bad after-10:exit-$r"
    fi
    k=$((k + 1))
done
if [ -z "$bad" ]; then ok "bad input: Ctrl-D at each of the 10 question prompts exits 0 with every answer saved"
else fail "bad input: Ctrl-D at a question prompt:$bad"; fi

# ... and with a saved session, a run that ends before its first answer changes nothing
head -n 3 "$T/in" | "$PROCTOR" practice --new --bank $FB --seed 7 >/dev/null 2>&1
cp "$S" "$T/before"
run "$PROCTOR" practice --bank $FB </dev/null
expect_rc 0 "bad input: Ctrl-D before the first answer, with a session saved, exits 0"
expect_file_eq "$S" "$T/before" "bad input: and leaves the saved session as it was"

# SIGINT and SIGTERM while waiting for an answer (input from a pipe)
for sig in INT TERM; do
    rm -f "$S" "$T/fifo"
    mkfifo "$T/fifo"
    "$PROCTOR" practice --new --bank $FB --seed 7 <"$T/fifo" >"$T/out" 2>"$T/err" &
    pid=$!
    exec 3>"$T/fifo"
    head -n 2 "$T/in" >&3
    n=0
    while [ "$(grep -c '^Question' "$T/out")" -lt 3 ] && [ $n -lt 100 ]; do
        sleep 0.05
        n=$((n + 1))
    done
    kill -$sig $pid
    { wait $pid; } 2>/dev/null
    r=$?
    exec 3>&-
    want=$([ $sig = INT ] && echo 130 || echo 143)
    if [ "$r" -eq "$want" ]; then ok "bad input: SIG$sig during a piped run exits $want"
    else fail "bad input: SIG$sig during a piped run exits $want (got $r)"; fi
    got=$(python3 -c 'import json,sys; print(sum("response" in q for q in json.load(open(sys.argv[1]))["questions"]))' "$S" 2>/dev/null)
    if [ "$got" = 2 ] && grep -q "Progress saved" "$T/out"; then ok "bad input: SIG$sig: both answers given are saved"
    else fail "bad input: SIG$sig: both answers given are saved (got '$got')"; fi
done

# saved sessions that cannot be resumed: empty, junk, another bank's; kept aside, not lost
for kind in empty junk foreign; do
    mkdir -p "$XDG_STATE_HOME/proctor"
    case $kind in
    empty) : >"$S" && label="an empty" ;;
    junk) head -c 4096 /dev/urandom >"$S" && label="a junk" ;;
    foreign) printf '{"questions":[{"id":"not-in-this-bank","response":"x"}]}' >"$S" &&
        label="another bank's" ;;
    esac
    cp "$S" "$T/was"
    rm -f "$S.bad"
    bounded "$PROCTOR" practice --bank $FB --seed 7 </dev/null
    expect_rc 0 "bad input: $label saved session: practice still starts"
    expect_grep "could not be resumed \(.+\); it is kept as .*practice.json.bad" "$T/out" "bad input: $label saved session: says why, and where it is kept"
    expect_file_eq "$S.bad" "$T/was" "bad input: $label saved session is kept as it was"
done
