#!/bin/sh
# SPDX-License-Identifier: ISC
# The CLI under valgrind (memcheck): lint, practice from a pipe (finishing with --record,
# and quitting then resuming), verify (valid and invalid files, --csv, --json, threads),
# show-result, keygen, key export and roster add, with their error paths. Zero errors and
# zero definite or indirect leaks. Skipped without valgrind, and for sanitizer builds (ASan
# and valgrind do not run together).
. "$(dirname "$0")/lib.sh"
cd "$SRC"
FB=tests/fixtures/bank
KEY="$BUILDDIR/tests/tools/answer-key"
RT="$BUILDDIR/tests/tools/result-tool"
export PROCTOR_PWHASH=min

if ! command -v valgrind >/dev/null 2>&1; then
    echo "skip - valgrind: not installed"
    exit 0
fi
case $PROCTOR in
*/build/asan/* | */asan/proctor)
    echo "skip - valgrind: $PROCTOR is a sanitizer build"
    exit 0
    ;;
esac

# vg NAME WANT-RC CMD...: CMD (proctor's arguments) under memcheck exits WANT-RC, clean
vg() {
    name=$1 want=$2
    shift 2
    run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --error-exitcode=99 --log-file="$T/vg" "$PROCTOR" "$@"
    if [ "$rc" -eq "$want" ] && [ ! -s "$T/vg" ]; then
        ok "valgrind: $name: no errors, no leaks (exit $rc)"
    else
        fail "valgrind: $name (exit $rc, wanted $want)"
        sed 's/^/#   /' "$T/vg" | head -n 30
    fi
}

vg "lint of the shipped bank" 0 lint
vg "lint of a bad question file" 3 lint --bank $FB tests/cli/diag/two-correct.json
vg "lint of a bank with a bad manifest" 4 lint "$T"
vg "list" 0 list --bank $FB
vg "show" 0 show --bank $FB who-did-what
vg "coverage" 0 coverage --bank $FB

vg "keygen" 0 keygen --student s1 --name "S One" --no-passphrase
vg "keygen refusing to overwrite" 2 keygen --student s1 --name "S One" --no-passphrase
vg "key export" 0 key export
"$PROCTOR" key export >"$T/s1.pub"
vg "roster add" 0 roster --roster "$T/roster" add "$T/s1.pub"
vg "roster add of a bad line" 3 roster --roster "$T/roster" add "proctor-pk1 nonsense"
vg "roster list" 0 roster --roster "$T/roster" list

"$KEY" $FB 7 right >"$T/in"
vg "practice from a pipe, with --record" 0 practice --new --bank $FB --seed 7 --record "$T/r.json" <"$T/in"
{ head -n 3 "$T/in"; echo ":passage"; echo "nonsense"; echo ":quit"; } >"$T/part"
vg "practice, :quit after 3 answers" 0 practice --new --bank $FB --seed 7 <"$T/part"
tail -n +4 "$T/in" >"$T/rest"
vg "practice, resumed and finished" 0 practice --bank $FB --seed 7 --resume <"$T/rest"
vg "practice with an unknown --doc" 2 practice --new --bank $FB --doc nowhere </dev/null

"$RT" make $FB "$FIX/keys/student.key" "$T/t1.json" mixed
cat "$FIX/keys/student.pub" >>"$T/roster"
head -c 300 "$T/r.json" >"$T/cut.json"
vg "verify of a valid result" 0 verify --roster "$T/roster" --bank $FB "$T/r.json"
vg "verify with --csv, -j 2 and an invalid file" 1 verify --roster "$T/roster" --bank $FB \
    --csv "$T/g.csv" -j 2 "$T/r.json" "$T/t1.json" "$T/cut.json" "$T/missing.json"
vg "verify --json of a file given twice" 0 verify --roster "$T/roster" --bank $FB --json \
    "$T/r.json" "$T/r.json"
"$PROCTOR" verify --roster "$T/roster" --bank $FB --json "$T/r.json" "$T/t1.json" \
    "$T/cut.json" >"$T/v.jsonl" 2>/dev/null
printf '{"file":"x","check":{"valid":1}}\n' >"$T/bad.jsonl"
vg "gradebook of verify --json lines, --csv" 1 gradebook --roster "$T/roster" --csv "$T/g2.csv" \
    "$T/v.jsonl" "$T/v.jsonl"
vg "gradebook of a bad line" 3 gradebook --roster "$T/roster" "$T/v.jsonl" "$T/bad.jsonl"
vg "show-result" 0 show-result "$T/r.json"
vg "show-result of a truncated file" 3 show-result "$T/cut.json"
