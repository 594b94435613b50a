#!/bin/sh
# SPDX-License-Identifier: ISC
# Nothing a student or a file controls reaches a screen raw. Each place that prints such text
# (mark's essays, verify's file names and reasons, roster list/add errors, take's untrusted
# teacher before the trust decision, review, show-result, the runner echoing a command) is fed
# a payload with a CSI (clear screen), an OSC 52 clipboard write ended by BEL, and U+009B (an
# 8-bit CSI), and the bytes written are checked: none of them raw, all shown as \x1b, \x07,
# \u009b. keygen, roster add and assign refuse control characters (exit 3, naming the field).
# The CSV gradebook defuses formulas after leading whitespace or control characters.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pty/lib.sh"
export PROCTOR_PWHASH=min
FB="$FIX/bank"
TOOL="$BUILDDIR/tests/tools/result-tool"
KEYS="$BUILDDIR/tests/tools/answer-key"
cd "$T" || exit 1

ESC=$(printf '\033')
BEL=$(printf '\007')
C1=$(printf '\302\233')
RLO=$(printf '\342\200\256')
# the attack as typed, as JSON text (for payloads re-signed by hand), and as it must be shown
X=$(printf 'x\033[2J\033]52;c;ZXZpbA==\007\302\2331;31my')
XJ='x\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u009b1;31my'
XS='x\x1b[2J\x1b]52;c;ZXZpbA==\x07\u009b1;31my'
XJSED=$(printf '%s' "$XJ" | sed 's/\\/\\\\/g') # for a sed replacement

# clean NAME FILE...: none of ESC, BEL, U+009B or U+202E is in the files
clean() {
    _n=$1
    shift
    if cat "$@" | grep -q -e "$ESC" -e "$BEL" -e "$C1" -e "$RLO"; then
        fail "$_n: no raw control characters"
        cat "$@" | grep -n -e "$ESC" -e "$BEL" -e "$C1" -e "$RLO" | od -c | head -n 8 |
            sed 's/^/#   /'
    else ok "$_n: no raw control characters"; fi
}
# shows NAME TEXT FILE: FILE holds TEXT (a fixed string)
shows() {
    if grep -qF -- "$2" "$3"; then ok "$1: shown escaped"; else
        fail "$1: shown escaped (no '$2' in $(basename "$3"))"
        head -n 8 "$3" | sed 's/^/#   /'
    fi
}

# --- keys: the teacher, two students, an impostor teacher (unencrypted, to re-sign by hand)
"$PROCTOR" keygen --teacher --name "Ms Tee" --no-passphrase --out tk >/dev/null
"$PROCTOR" keygen --teacher --name "Mr Bad" --no-passphrase --out bad >/dev/null
for s in s1 s2; do
    "$PROCTOR" keygen --student $s --name "Student $s" --no-passphrase --out $s >/dev/null
done
cat s1/student.pub s2/student.pub >roster

# --- keygen, roster add and assign refuse control characters (exit 3, naming the field)
run "$PROCTOR" keygen --student s9 --name "Ann$X" --no-passphrase --out s9
expect_rc 3 "keygen refuses ESC, BEL and U+009B in a name"
expect_grep '^proctor keygen: --name: name contains a control character \(U\+001B\)$' "$T/err" \
    "keygen names the field and the character"
run "$PROCTOR" keygen --student s9 --name "Ann${C1}Lee" --no-passphrase --out s9
expect_rc 3 "keygen refuses U+009B alone (a C1 control)"
expect_grep 'name contains a control character \(U\+009B\)$' "$T/err" "... named as U+009B"
run "$PROCTOR" keygen --teacher --id "t$X" --name "T" --no-passphrase --out s9
expect_rc 3 "keygen refuses control characters in an id"
expect_grep "^proctor keygen: --id: bad id '" "$T/err" "naming --id"
clean "keygen errors" "$T/out" "$T/err"
shows "keygen's bad id" "$XS" "$T/err"
if [ -e s9/student.key ] || [ -e s9/teacher.key ]; then fail "no key written"; else ok "no key written"; fi

PK1=$(cut -d' ' -f1-3 s1/student.pub)
run "$PROCTOR" roster --roster r-add add "$PK1 student s1 Ann${ESC}]52;c;ZXZpbA==${BEL}"
expect_rc 3 "roster add refuses a name with OSC 52"
expect_grep 'name contains a control character \(U\+001B\)$' "$T/err" "roster add names the field"
run "$PROCTOR" roster --roster r-add add "$PK1 $X s1 Ann"
expect_rc 3 "roster add refuses a line whose role is an attack"
expect_grep "role must be 'student' or 'teacher', not '" "$T/err" "quoting the role ..."
shows "roster add error" "$XS" "$T/err"
clean "roster add errors" "$T/out" "$T/err"
if [ -s r-add ]; then fail "roster add wrote nothing"; else ok "roster add wrote nothing"; fi

run "$PROCTOR" assign --bank "$FB" --key tk/teacher.key --title "Week $X" --out w.json
expect_rc 3 "assign refuses a title with control characters"
expect_grep '^proctor assign: --title: title contains a control character \(U\+001B\)$' \
    "$T/err" "assign names --title and the character"
run "$PROCTOR" assign --bank "$FB" --key tk/teacher.key --title "Week" --id "w$X" --out w.json
expect_rc 3 "assign refuses an id with control characters"
expect_grep "^proctor assign: --id: bad id" "$T/err" "assign names --id"
clean "assign errors" "$T/out" "$T/err"

# --- roster list: a name with a right-to-left override (valid UTF-8, no control character)
# is listed escaped; a roster line naming a key id that is an attack is refused, escaped
"$PROCTOR" keygen --student s3 --name "Eve ${RLO}eeL nnA" --no-passphrase --out s3 >/dev/null
run "$PROCTOR" roster --roster r3 add s3/student.pub
expect_rc 0 "roster add takes a name with U+202E (not a control character)"
run "$PROCTOR" roster --roster r3 list
expect_rc 0 "roster list"
shows "roster list" 'Eve \u202eeeL nnA' "$T/out"
clean "roster list" "$T/out" "$T/err"
printf '%s student s4 Dee\n' "proctor-pk1 $X $(cut -d' ' -f3 s1/student.pub)" >r4
run "$PROCTOR" roster --roster r4 list
expect_rc 3 "roster list refuses a bad line"
expect_grep "^proctor: r4:1: key id '" "$T/err" "naming the file and line"
shows "roster list error" "$XS" "$T/err"
clean "roster list error" "$T/out" "$T/err"

# --- an assignment with an essay; s1 types the attack as the essay, s2 a plain one
run "$PROCTOR" assign --bank "$FB" --key tk/teacher.key --title "Week 1" --id w1 --out w1.json
expect_rc 0 "the teacher sets an assignment"
for s in s1 s2; do
    "$KEYS" --assignment w1.json w1.key.json $s right >$s.in
    "$PROCTOR" assign --preview w1.json --student $s >$s.preview
    e=$(sed -n 's/^Question \([0-9]*\) of .*essay.*/\1/p' $s.preview)
    if [ $s = s1 ]; then
        awk -v e="$e" -v x="$X" 'NR == e { print x; next } { print }' $s.in >$s.typed
    else
        sed "${e}s/.*/A plain essay./" $s.in >$s.typed
    fi
    echo y >>$s.typed
    run "$PROCTOR" take --yes --key $s/student.key --teacher-key tk/teacher.pub w1.json <$s.typed
    expect_rc 0 "$s takes it, typing the answers"
done
clean "take, echoing nothing raw" "$T/out" "$T/err"
R1=w1-s1-1.result.json
R2=w1-s2-1.result.json

# mark: the teacher reads the essays
printf '1\n\n1\nGood.\n' | run "$PROCTOR" mark --key tk/teacher.key --roster roster \
    --answer-key w1.key.json --marks w1.marks.json "$R1" "$R2"
expect_rc 0 "mark"
expect_grep "^Marking 2 essay answers" "$T/out" "mark shows both essays"
shows "mark, the essay" "$XS" "$T/out"
clean "mark" "$T/out" "$T/err"

# review: s1 reads graded work holding the essay
run "$PROCTOR" return --key tk/teacher.key --roster roster --answer-key w1.key.json \
    --marks w1.marks.json --out s1.graded.json "$R1"
expect_rc 0 "return"
clean "return" "$T/out" "$T/err"
run "$PROCTOR" review --teacher-key tk/teacher.pub s1.graded.json
expect_rc 0 "review"
shows "review, the answer" "$XS" "$T/out"
clean "review" "$T/out" "$T/err"

# show-result
run "$PROCTOR" show-result "$R1"
expect_rc 0 "show-result"
shows "show-result, the response" "\"$XJ\"" "$T/out"
clean "show-result" "$T/out" "$T/err"

# --- verify: a file named with the attack, a reason quoting a field name that is one
cp "$R2" "r$X.json"
"$PROCTOR" show-result --payload "$R1" |
    sed "s/\"version\":1,/\"version\":1,\"$XJSED\":1,/" | "$TOOL" resign s1/student.key forged.json
VA() { run "$PROCTOR" verify --roster roster --assignment w1.json --answer-key w1.key.json \
    --teacher-key tk/teacher.pub "$@"; }
VA "r$X.json" forged.json
expect_rc 1 "verify"
shows "verify, a file name" "r$XS.json: OK" "$T/out"
shows "verify, a reason" "forged.json: INVALID: malformed result: unknown field '$XS'" "$T/out"
clean "verify" "$T/out" "$T/err"
VA --json "r$X.json" forged.json
expect_rc 1 "verify --json"
clean "verify --json" "$T/out" "$T/err"
shows "verify --json, a file name" '"file":"rx\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u009b1;31my.json"' \
    "$T/out"
if python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/out" 2>/dev/null
then ok "verify --json: each line is JSON"; else fail "verify --json: each line is JSON"; fi

# --- CSV cells: a formula after leading whitespace or control characters is defused too
"$TOOL" make "$FB" s1/student.key r1 mixed
TAB=$(printf '\t')
for name in "$TAB=1+1" " @SUM(A1)" "${TAB}x"; do cp r1 "$name"; done
run "$PROCTOR" verify --roster roster --bank "$FB" --csv book.csv "$TAB=1+1"
expect_grep "^s1,.*,\"'$TAB=1\\+1\".?\$" book.csv "CSV: a tab then = is defused"
run "$PROCTOR" verify --roster roster --bank "$FB" --csv book.csv " @SUM(A1)"
expect_grep "^s1,.*,\"' @SUM\\(A1\\)\".?\$" book.csv "CSV: spaces then @ is defused"
run "$PROCTOR" verify --roster roster --bank "$FB" --csv book.csv "${TAB}x"
expect_grep "^s1,.*,\"'${TAB}x\".?\$" book.csv "CSV: a leading tab is defused"
run "$PROCTOR" verify --roster roster --bank "$FB" --csv book.csv r1
expect_grep "^s1,.*,r1.?\$" book.csv "CSV: a plain cell is left alone"

# --- take: the untrusted teacher's name and the assignment, before the trust decision
"$PROCTOR" keygen --teacher --name "Mr ${RLO}daB" --no-passphrase --out rlo >/dev/null
run "$PROCTOR" assign --bank "$FB" --key rlo/teacher.key --title "Week ${RLO}2" --id w2 \
    --out w2.json
expect_rc 0 "an assignment by a teacher whose name has U+202E"
export HOME="$T/h2" XDG_DATA_HOME="$T/h2/data" XDG_STATE_HOME="$T/h2/state"
mkdir -p "$HOME"
cp -R s1 "$HOME/s1"
run "$PROCTOR" take --key s1/student.key w2.json </dev/null
expect_rc 1 "take refuses an untrusted teacher off a terminal"
shows "take, the teacher's name" 'Mr \u202edaB' "$T/err"
clean "take, untrusted teacher" "$T/out" "$T/err"
printf 'y\n' | run "$PROCTOR" take --yes --key s1/student.key w2.json
shows "take --yes, the pinned teacher" 'Teacher Mr \u202edaB (teacher' "$T/out"
shows "take, the title" 'Assignment: Week \u202e2 (w2)' "$T/out"
clean "take --yes" "$T/out" "$T/err"

# a forged assignment: the impostor re-signs a payload whose title holds the attack
sed 's/.*"payload":"\([^"]*\)".*/\1/' w1.json | base64 -d |
    sed "s/\"title\":\"Week 1\"/\"title\":\"$XJSED\"/" |
    "$TOOL" resign bad/teacher.key forged-w1.json application/vnd.proctor.assignment+json
sed 's/.*"payload":"\([^"]*\)".*/\1/' forged-w1.json | base64 -d | grep -q 'u001b' &&
    ok "the forged assignment carries the attack" || fail "the forged assignment carries the attack"
run "$PROCTOR" take --key s1/student.key forged-w1.json </dev/null
if [ "$rc" -ne 0 ]; then ok "take refuses the forged assignment"; else fail "take refuses the forged assignment"; fi
clean "take, forged assignment" "$T/out" "$T/err"

# on a terminal: the fingerprint prompt shows the name escaped; "n" shows nothing more
if pty_available=$("$PTYRUN" -t 5 /dev/null -- true >/dev/null 2>&1; echo $?) &&
    [ "$pty_available" -eq 0 ]; then
    rm -f "$XDG_DATA_HOME/proctor/teachers"
    printf '%s\n' "timeout 10" "expect signed by a teacher you have not trusted before" \
        'expect teacher:  Mr \\u202edaB (id teacher)' "expect Trust this teacher? [y/N]" \
        "sendline n" "expect not trusted; nothing was shown" "expect-exit 1" >trust.script
    pty "take on a terminal: the trust prompt shows the name escaped" -t 20 -l trust.log \
        trust.script -- "$PROCTOR" take --key s1/student.key w2.json
    # (readline's own escape codes are in the log; the name's override must not be)
    if grep -q "$RLO" trust.log; then fail "take's trust prompt: no raw U+202E"; else
        ok "take's trust prompt: no raw U+202E"; fi
else
    echo "skip - take on a terminal (no pty)"
fi

# --- the runner echoing an unknown command
printf ':%s\n:quit\n' "$X" | run "$PROCTOR" practice --bank "$FB" --new
expect_grep "Unknown command" "$T/out" "practice echoes an unknown command"
shows "practice, an unknown command" ":$XS" "$T/out"
clean "practice" "$T/out" "$T/err"
