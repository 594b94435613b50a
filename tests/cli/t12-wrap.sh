#!/bin/sh
# SPDX-License-Identifier: ISC
# Long options are shown whole at any width: a 150-character option (and a 152-character
# multi option) at 60 columns in show, practice, assign --preview, take and review, wrapped
# at the width with later lines aligned under the option's text, never cut.
. "$(dirname "$0")/lib.sh"
export PROCTOR_PWHASH=min COLUMNS=60
WB="$FIX/wrap"
cd "$T" || exit 1

LONG=$(python3 -c 'import json,sys; q=json.load(open(sys.argv[1]))["questions"]; print(q[0]["options"][1]["text"])' "$WB/wrap.json")
MLONG=$(python3 -c 'import json,sys; q=json.load(open(sys.argv[1]))["questions"]; print(q[1]["options"][0]["text"])' "$WB/wrap.json")
if [ ${#LONG} -eq 150 ]; then ok "wrap: the fixture's long option has 150 characters"
else fail "wrap: the fixture's long option has 150 characters (${#LONG})"; fi

# whole NAME FILE TEXT: TEXT appears in FILE once its lines are joined (nothing cut)
whole() {
    if tr '\n' ' ' <"$2" | tr -s ' ' | grep -qF -- "$3"; then ok "$1: shown whole"
    else fail "$1: shown whole"; sed 's/^/#   /' "$2" | head -n 30; fi
}
# hang NAME FILE FIRST-WORDS: the line holding "x) FIRST-WORDS" is followed by lines indented
# to the option's text, and none of them is wider than 59 columns (COLUMNS=60 leaves one free)
hang() {
    if awk -v w="$3" '
        f && $0 ~ "^       [^ ]" { n++; if (length($0) > 59) bad = 1; next }
        f { exit }
        index($0, ") " w) { f = 1; if (length($0) > 59) bad = 1 }
        END { exit !(f && n >= 2 && !bad) }' "$2"
    then ok "$1: wrapped at 59 columns, later lines under the option's text"
    else fail "$1: wrapped at 59 columns, later lines under the option's text"
        sed 's/^/#   /' "$2" | head -n 20; fi
}

run "$PROCTOR" show --bank "$WB" long-choice
expect_rc 0 "wrap: show"
whole "wrap: show" "$T/out" "b) $LONG"
hang "wrap: show" "$T/out" "The committee"
run "$PROCTOR" show --bank "$WB" long-multi
whole "wrap: show (multi)" "$T/out" "a) $MLONG"
hang "wrap: show (multi)" "$T/out" "Ms Ortiz"

printf 'a\nb\n' | "$PROCTOR" practice --bank "$WB" --new --seed 1 >practice.out 2>&1
whole "wrap: practice" practice.out "$LONG"
hang "wrap: practice" practice.out "The committee"
whole "wrap: practice (multi)" practice.out "$MLONG"
hang "wrap: practice (multi)" practice.out "Ms Ortiz"

# an assignment: preview, take (piped), and the graded work in review
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out teacher >/dev/null
"$PROCTOR" key --key teacher/teacher.key export >teacher.pub
"$PROCTOR" keygen --student s1 --name "Ann Lee" --no-passphrase --out s1 >/dev/null
"$PROCTOR" key --key s1/student.key export >s1.pub
"$PROCTOR" roster --roster roster add s1.pub 2>/dev/null
"$PROCTOR" assign --key teacher/teacher.key --bank "$WB" --title "Wrap" --id wrap1 \
    --no-shuffle --out wrap1.json >/dev/null
run "$PROCTOR" assign --preview wrap1.json --student s1
expect_rc 0 "wrap: preview"
whole "wrap: preview" "$T/out" "$LONG"
hang "wrap: preview" "$T/out" "The committee"
printf 'a\nb\ny\n' >take.in
run "$PROCTOR" take --key s1/student.key --teacher-key teacher.pub --out r1.json wrap1.json \
    <take.in
expect_rc 0 "wrap: take"
whole "wrap: take" "$T/out" "$LONG"
hang "wrap: take" "$T/out" "The committee"
run "$PROCTOR" return --key teacher/teacher.key --answer-key wrap1.key.json --roster roster \
    r1.json --out r1.graded.json
expect_rc 0 "wrap: return"
run "$PROCTOR" review --teacher-key teacher.pub r1.graded.json
expect_rc 0 "wrap: review"
whole "wrap: review" "$T/out" "$LONG"
