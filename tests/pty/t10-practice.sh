#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor practice on a real terminal (readline), driven through tests/pty/ptyrun with the
# fixture bank: typed answers and feedback, TAB completion of :commands and of true/false,
# :skip, history, Ctrl-C (asks, "n" goes on, "y" saves and quits), the saved session file,
# resuming at the right question, Ctrl-D, SIGTERM, colour and wrapping to the window width.
#
# The question order comes from the runner itself (a piped run with --seed) and the answers
# from tests/tools/answer-key, so the scripts below follow the bank rather than a copy of it.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require

FB="$SRC/tests/fixtures/bank"
KEY="$BUILDDIR/tests/tools/answer-key"
SEED=1
SAVED="$XDG_STATE_HOME/proctor/practice.json"
PRACTICE="$PROCTOR practice --bank $FB"

if [ ! -x "$KEY" ]; then
    fail "tests/tools/answer-key is built"
    exit 1
fi
if ! "$KEY" "$FB" $SEED right >"$T/right" || ! "$KEY" "$FB" $SEED wrong >"$T/wrong"; then
    fail "answer-key lists the answers for seed $SEED"
    exit 1
fi
N=$(wc -l <"$T/right")
# the plan: a piped run that skips everything shows each question's number, type and prompt
yes ':skip' | head -n "$N" | $PRACTICE --new --seed $SEED >"$T/plan" 2>&1
sed -n 's/^Question \([0-9]*\) of [0-9]*  \[[^,]*, \([a-z]*\)[],].*/\2/p' "$T/plan" >"$T/types"
if [ "$N" -lt 8 ] || [ "$(wc -l <"$T/types")" -ne "$N" ]; then
    fail "a piped run shows the $N questions of the fixture bank"
    head -n 20 "$T/plan" | sed 's/^/#   /'
    exit 1
fi
rm -f "$SAVED"

type_of() { sed -n "$1p" "$T/types"; }
right_of() { sed -n "$1p" "$T/right"; }
wrong_of() { sed -n "$1p" "$T/wrong"; }
# the first line of question $1's prompt, as the plan shows it
prompt_of() {
    awk -v n="$1" 'f { sub(/^  /, ""); print; exit } $0 ~ "^Question " n " of " { f = 1 }' \
        "$T/plan"
}

# answer I right|wrong: script steps that type the answer to question I and check the
# feedback. A true/false answer is typed as two letters and TAB, which must complete it.
answer() {
    _i=$1
    _a=$(if [ "$2" = right ]; then right_of "$_i"; else wrong_of "$_i"; fi)
    _t=$(type_of "$_i")
    echo "expect Question $_i of $N"
    echo "expect > "
    if [ "$_t" = truefalse ]; then
        printf 'send %.2s\\t\nexpect %s\nsendline\n' "$_a" "$_a"
    else
        echo "sendline $_a"
    fi
    if [ "$_t" = essay ]; then
        echo "expect Recorded."
    elif [ "$2" = right ]; then
        echo "expect Correct."
    else
        printf '%s\n' 'expect-re Not quite\.|Partly right\.'
    fi
}

# the session file: valid JSON, its position, and for each "INDEX:STATE" (1-based; STATE is
# a typed answer, "-" for none) that question's recorded response
check_saved() {
    _name=$1
    shift
    if [ ! -f "$SAVED" ]; then
        fail "$_name: the session is saved in \$XDG_STATE_HOME/proctor/practice.json"
        return
    fi
    if python3 -m json.tool "$SAVED" >/dev/null 2>"$T/json.err"; then
        ok "$_name: the saved session is valid JSON"
    else
        fail "$_name: the saved session is valid JSON"
        sed 's/^/#   /' "$T/json.err"
        return
    fi
    if python3 - "$SAVED" "$T/types" "$@" >"$T/check" 2>&1 <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
types = open(sys.argv[2]).read().split()
want_pos, checks = int(sys.argv[3]), sys.argv[4:]
bad = []
if d.get("position") != want_pos:
    bad.append("position is %r, want %d" % (d.get("position"), want_pos))
qs = d.get("questions", [])
if len(qs) != len(types):
    bad.append("%d questions saved, want %d" % (len(qs), len(types)))
for c in checks:
    i, typed = c.split(":", 1)
    i = int(i)
    q = qs[i - 1] if i <= len(qs) else {}
    if typed == "-":
        if "response" in q:
            bad.append("question %d (%s) has a response %r" % (i, q.get("id"), q["response"]))
        continue
    if "response" not in q:
        bad.append("question %d (%s) has no response" % (i, q.get("id")))
        continue
    r, t = q["response"], types[i - 1]
    if t == "truefalse":
        ok = r is (typed == "true")
    elif t in ("short", "numeric", "essay"):
        ok = r == typed
    elif t == "choice":
        ok = isinstance(r, str) and r != ""
    else:
        ok = r not in (None, "", [], {})
    if not ok:
        bad.append("question %d (%s, %s): response %r for %r" % (i, q.get("id"), t, r, typed))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
        ok "$_name: the saved session records the position and the answers given"
    else
        fail "$_name: the saved session records the position and the answers given"
        sed 's/^/#   /' "$T/check"
    fi
}

# check_wrap LOG MIN MAX NAME: the longest indented line of the transcript (escapes removed,
# in characters) is longer than MIN and at most MAX columns
check_wrap() {
    if python3 - "$1" "$2" "$3" >"$T/wrap" 2>&1 <<'PY'; then
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]", "", text)
text = re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", "", text)
lo, hi = int(sys.argv[2]), int(sys.argv[3])
body = [l for l in text.split("\n") if l.startswith("  ")]
longest = max((len(l) for l in body), default=0)
print("longest indented line: %d columns" % longest)
sys.exit(0 if lo < longest <= hi else 1)
PY
        ok "$4"
    else
        fail "$4"
        sed 's/^/#   /' "$T/wrap"
    fi
}

# Which question is answered wrong and which skipped in the first run: 2 and 3, swapped when
# 3 is the true/false question (its TAB completion is checked wherever it is answered).
W=2 S=3
if [ "$(type_of 3)" = truefalse ]; then W=3 S=2; fi

# ---- run 1: answers right and wrong, :sk<TAB>, :<TAB><TAB>, history, then :quit
{
    echo "timeout 10"
    echo "expect Practice: $N questions"
    answer 1 right
    printf '%s\n' 'expect-re \[\[.+\]\]'
    for i in 2 3; do
        if [ $i -eq $S ]; then
            printf 'expect Question %s of %s\nexpect > \n' $i "$N"
            printf 'send :sk\\t\nexpect :skip\nsendline\n'
        else
            answer $i wrong
            [ "$(type_of $i)" = essay ] || echo "expect The answer:"
        fi
    done
    echo "expect Question 4 of $N"
    echo "expect > "
    # two TABs after ':' list every command; Ctrl-U clears the line
    printf 'send :\\t\\t\nexpect :back\nexpect :help\nexpect :passage\nexpect :quit\n'
    printf 'expect :skip\nexpect > \nsend \\x15\n'
    # Up recalls the last answer typed (from question W)
    printf 'send \\e[A\nexpect %s\nsend \\x15\n' "$(wrong_of $W)"
    answer 4 right | sed 1,2d
    echo "expect Question 5 of $N"
    echo "expect > "
    echo "sendline :quit"
    echo "expect Progress saved"
    echo "expect-exit 0"
} >"$T/run1"
pty "practice run 1: answers, feedback, :skip by TAB, command list, history, :quit" \
    -t 60 -l "$T/run1.log" "$T/run1" -- $PRACTICE --new --seed $SEED
check_saved "after :quit" 4 "1:$(right_of 1)" "$W:$(wrong_of $W)" "$S:-" "4:$(right_of 4)"
HIST="$XDG_STATE_HOME/proctor/history"
if [ -f "$HIST" ] && grep -qF "$(right_of 1)" "$HIST" && ! grep -q '^:' "$HIST"; then
    ok "answers (not :commands) go to the history file"
else
    fail "answers (not :commands) go to the history file"
    sed 's/^/#   /' "$HIST" 2>/dev/null | head -n 10
fi
check_wrap "$T/run1.log" 40 79 "at 80 columns, text fills the width and no more"

# ---- run 2: resume at question 5; Ctrl-C asks, "n" goes on, "y" saves and quits
{
    echo "timeout 10"
    echo "expect (3 of $N answered, at question 5)"
    echo "expect Resume it? [Y/n]"
    echo "sendline"
    echo "expect Question 5 of $N"
    echo "expect $(prompt_of 5)"
    answer 5 right | sed 1d
    echo "expect Question 6 of $N"
    echo "expect > "
    printf '%s\n' 'send \x03'
    echo "expect Quit now?"
    echo "sendline n"
    echo "expect > "
    answer 6 right | sed 1,2d
    echo "expect Question 7 of $N"
    echo "expect > "
    printf '%s\n' 'send \x03'
    echo "expect Quit now?"
    echo "sendline y"
    echo "expect Progress saved"
    echo "expect-exit 0"
    echo "not-expect Question 1 of"
} >"$T/run2"
pty "practice run 2: offers to resume, resumes at question 5; Ctrl-C asks before quitting" \
    -t 60 -l "$T/run2.log" "$T/run2" -- $PRACTICE
check_saved "after Ctrl-C" 6 "1:$(right_of 1)" "$S:-" "5:$(right_of 5)" "6:$(right_of 6)"

# ---- run 3: resume at question 7 and finish; the summary lists what to review
{
    echo "timeout 10"
    echo "expect (5 of $N answered, at question 7)"
    echo "expect Resume it? [Y/n]"
    echo "sendline y"
    echo "expect Question 7 of $N"
    echo "expect $(prompt_of 7)"
    answer 7 right | sed 1d
    i=8
    while [ $i -le "$N" ]; do
        answer $i right
        i=$((i + 1))
    done
    echo "expect Your score:"
    echo "expect To review:"
    echo "expect-exit 0"
    echo "not-expect Question 1 of"
} >"$T/run3"
pty "practice run 3: resumes at question 7, finishes with the summary" \
    -t 60 -l "$T/run3.log" "$T/run3" -- $PRACTICE
if [ -e "$SAVED" ]; then fail "a finished session is not kept"; else
    ok "a finished session is not kept"; fi

# ---- run 4: a 40-column window, colour on; Ctrl-D saves and ends cleanly
{
    echo "timeout 10"
    printf 'expect \\e[1mQuestion 1 of %s\n' "$N"
    answer 1 right | sed 1d
    printf '%s\n' 'expect \e[1;33m'
    echo "expect Question 2 of $N"
    echo "expect > "
    printf '%s\n' 'send \x04'
    echo "expect Progress saved"
    echo "expect-exit 0"
} >"$T/run4"
pty "practice run 4: colour and highlighted passage without NO_COLOR; Ctrl-D saves" \
    -t 60 -s 24x40 -l "$T/run4.log" "$T/run4" -- env -u NO_COLOR $PRACTICE --new --seed $SEED
expect_grep '\[32mCorrect\.' "$T/run4.log" "a right answer is shown in green"
check_saved "after Ctrl-D" 1 "1:$(right_of 1)"
check_wrap "$T/run4.log" 20 39 "in a 40-column window, text is wrapped to fit"

# ---- run 5: SIGTERM saves the answers and exits 143
{
    echo "timeout 10"
    answer 1 right
    echo "expect Question 2 of $N"
    echo "expect > "
    echo "signal TERM"
    echo "expect Progress saved"
    echo "expect-exit 143"
} >"$T/run5"
pty "practice run 5: SIGTERM saves and exits 143" -t 60 "$T/run5" -- \
    $PRACTICE --new --seed $SEED
check_saved "after SIGTERM" 1 "1:$(right_of 1)"
