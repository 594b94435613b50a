#!/bin/sh
# SPDX-License-Identifier: ISC
# Answering on a real terminal: an essay written over several lines (ended by "."), pasted
# paragraphs kept (bracketed paste), written in $EDITOR (a script standing in for one), a
# shorter essay than min_words asks "hand it in anyway?"; :review lists every answer as it
# was given; take's hand-in prompt takes :goto N.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
pty_require
export PROCTOR_PWHASH=min
FB="$SRC/tests/fixtures/bank"
SAVED="$XDG_STATE_HOME/proctor/practice.json"
ESSAY="$PROCTOR practice --bank $FB --new --type essay"

# the saved essay text, from the session file
saved_essay() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for q in d["questions"]:
    r = q.get("response")
    if r is not None: print(r if isinstance(r, str) else json.dumps(r))' "$SAVED"
}

# --- the hint on a terminal, and min_words shown
pty "essay: how to write it, and how long" -t 30 - -- env -u VISUAL -u EDITOR $ESSAY <<'S'
timeout 10
expect Question 1 of 1
expect At least 5 words.
expect-re only '\.' ends it\.$
expect > 
sendline :quit
expect-exit 0
S

# --- multi-line essay saved as typed: run practice with the short question first (seed),
# answer the essay over lines, quit, and read the session file
for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
    yes ':skip' | head -n 3 | $PROCTOR practice --bank "$FB" --new --type essay --type short \
        -n 2 --seed $seed 2>/dev/null | grep -q '^Question 1 of 2  \[memo, essay' && break
done
cat >"$T/multi" <<'S'
timeout 10
expect Question 1 of 2
expect > 
sendline Reading, meeting people,
sendline and learning.
sendline
sendline Also: quiet.
sendline .
expect Recorded.
expect Question 2 of 2
expect > 
sendline :quit
expect-exit 0
S
pty "essay: typed over lines and saved" -t 30 "$T/multi" -- env -u VISUAL -u EDITOR \
    $PROCTOR practice --bank "$FB" --new --type essay --type short -n 2 --seed $seed
saved_essay >"$T/essay"
printf 'Reading, meeting people,\nand learning.\n\nAlso: quiet.\n' >"$T/want"
expect_file_eq "$T/essay" "$T/want" "essay: the lines and the blank line between paragraphs are kept"

# --- a paste of two paragraphs (bracketed paste) ending in the "." line
cat >"$T/paste" <<'S'
timeout 10
expect Question 1 of 2
expect > 
send \e[200~First pasted paragraph, several words long.\n\nSecond pasted paragraph.\n.\e[201~
sendline
expect Recorded.
expect Question 2 of 2
expect > 
sendline :quit
expect-exit 0
S
pty "essay: a pasted answer" -t 30 "$T/paste" -- env -u VISUAL -u EDITOR \
    $PROCTOR practice --bank "$FB" --new --type essay --type short -n 2 --seed $seed
saved_essay >"$T/essay"
printf 'First pasted paragraph, several words long.\n\nSecond pasted paragraph.\n' >"$T/want"
expect_file_eq "$T/essay" "$T/want" "essay: pasted paragraphs are kept as pasted"

# --- in the editor: a script that checks the file it is given and writes an answer
cat >"$T/editor" <<'ED'
#!/bin/sh
grep -q '^# Question: Why might a town want a library' "$1" || exit 3
grep -q '^# At least 5 words\.' "$1" || exit 4
printf 'Written in the editor: books for everyone.\n\n# a comment line\nTwo paragraphs.\n' >"$1"
ED
chmod +x "$T/editor"
cat >"$T/edit" <<'S'
timeout 10
expect Question 1 of 2
expect Press Enter (or type :edit) to write it in your editor
expect > 
sendline
expect Recorded.
expect Question 2 of 2
expect > 
sendline :quit
expect-exit 0
S
pty "essay: Enter opens \$EDITOR" -t 30 "$T/edit" -- env -u VISUAL EDITOR="$T/editor" \
    $PROCTOR practice --bank "$FB" --new --type essay --type short -n 2 --seed $seed
saved_essay >"$T/essay"
printf 'Written in the editor: books for everyone.\n\nTwo paragraphs.\n' >"$T/want"
expect_file_eq "$T/essay" "$T/want" "essay: the editor's text, its '#' lines dropped"

# --- too short: asked, "n" keeps it as a draft, :edit opens it again, "y" hands it in
cat >"$T/short-editor" <<'ED'
#!/bin/sh
if grep -q '^Too short\.' "$1"; then
    printf 'Too short. Now it is long enough to count.\n' >"$1"
else
    printf 'Too short.\n' >"$1"
fi
ED
chmod +x "$T/short-editor"
cat >"$T/short" <<'S'
timeout 10
expect Question 1 of 2
expect > 
sendline :edit
expect Your answer has 2 words; this question asks for at least 5. Hand it in anyway? [y/N]
sendline n
expect Not handed in.
expect > 
sendline :edit
expect Recorded.
expect Question 2 of 2
sendline :back
expect Question 1 of 2
sendline Short one.
sendline .
expect Hand it in anyway? [y/N]
sendline y
expect-re Recorded\.|Not counted
sendline :quit
expect-exit 0
S
pty "essay: a short essay asks first; the draft comes back in the editor" -t 30 "$T/short" -- \
    env VISUAL="$T/short-editor" $PROCTOR practice --bank "$FB" --new --type essay --type short \
    -n 2 --seed $seed

# --- :review in practice lists every answer as given
cat >"$T/review" <<'S'
timeout 10
expect Question 1 of 2
expect > 
sendline Books for everyone in the town.
sendline .
expect Question 2 of 2
expect > 
sendline :review
expect Your answers:
expect-re ^ +1\. answered +Why might a town want a library\?$
expect-re ^ +Books for everyone in the town\.$
expect-re ^ +2\. UNANSWERED +[A-Z]
sendline :quit
expect-exit 0
S
pty "practice: :review lists every answer as given" -t 30 "$T/review" -- env -u VISUAL -u EDITOR \
    $PROCTOR practice --bank "$FB" --new --type essay --type short -n 2 --seed $seed

# --- take: the hand-in prompt takes :goto N
cd "$T" || exit 1
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase >/dev/null
"$PROCTOR" keygen --student s1 --name Ann --no-passphrase >/dev/null
"$PROCTOR" key --teacher export >tee.pub
"$PROCTOR" assign --bank "$FB" --title T --id t1 --type numeric --out t1.json >/dev/null
cat >"$T/handin" <<'S'
timeout 10
expect Question 1 of 2
expect > 
sendline 1
expect Question 2 of 2
expect > 
sendline 2
expect Your answers:
expect-re ^ +1\. answered .*$
expect-re ^ +1$
expect Hand in your answers now? You cannot change them afterwards. [y/N, or :goto N]
sendline :goto 1
expect Question 1 of 2
expect Your answer: 1
expect > 
sendline 1700
expect Your answers:
expect-re ^ +1700$
expect Hand in your answers now?
sendline maybe
expect Please answer y or n, or type :goto N to change an answer.
sendline y
expect handed in and signed
expect-exit 0
S
pty "take: :goto N at the hand-in prompt" -t 30 "$T/handin" -- \
    $PROCTOR take --teacher-key tee.pub t1.json

# --- the resume prompt on a terminal: only for the same selection
rm -f "$SAVED"
printf '1700\n:quit\n' | $PROCTOR practice --bank "$FB" --type numeric --seed 7 >/dev/null 2>&1
cat >"$T/other" <<'S'
timeout 10
expect-re chosen with --type numeric\) is set aside: it is kept until this run saves
expect Question 1 of
sendline :quit
expect-exit 0
S
pty "resume: another selection is not offered, and says it is set aside" -t 30 "$T/other" -- \
    $PROCTOR practice --bank "$FB" --type choice
if grep -q 'Resume it?' "$T/pty.out"; then fail "resume: not asked for another selection"; fi
cat >"$T/same" <<'S'
timeout 10
expect You have an unfinished practice session (1 of 2 answered, at question 2). Resume it? [Y/n]
sendline y
expect Question 2 of 2
sendline :quit
expect-exit 0
S
pty "resume: the same selection (options in any order) is offered" -t 30 "$T/same" -- \
    $PROCTOR practice --type numeric --bank "$FB"
