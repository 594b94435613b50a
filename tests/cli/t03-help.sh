#!/bin/sh
# SPDX-License-Identifier: ISC
# Help from the option tables: `proctor help CMD` and `CMD --help` describe every option with
# an example; the man page's OPTIONS section is generated from the same tables and must match;
# one usage error shape for bad options (given twice, missing value, takes no value,
# ambiguous, unknown with a suggestion), and "did you mean" for mistyped commands.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
MAN=docs/proctor.1

run "$PROCTOR" --help
cmds=$(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$T/out")
if [ "$(echo "$cmds" | wc -w)" -ge 15 ]; then ok "--help lists the commands"; else
    fail "--help lists the commands ($cmds)"; fi
expect_no_grep '__complete' "$T/out" "--help hides the completion helper"

for c in $cmds; do
    run "$PROCTOR" help "$c"
    expect_rc 0 "help $c"
    cp "$T/out" "$T/help-$c"
    expect_grep "^usage: proctor $c" "$T/help-$c" "help $c: the usage"
    expect_grep '^Options:$' "$T/help-$c" "help $c: an Options section"
    expect_grep '^  -h, --help ' "$T/help-$c" "help $c: --help itself"
    # every option line (a line starting "  -") is followed, before the next option, by its
    # example: count options and examples
    nopt=$(grep -Ec '^  -[a-z0-9]|^      --[a-z]' "$T/help-$c")
    nex=$(grep -c '^  *e\.g\. ' "$T/help-$c")
    if [ "$nex" -eq $((nopt - 1)) ]; then ok "help $c: an example for each of its $((nopt - 1)) options"
    else fail "help $c: an example for each option ($nopt option lines, $nex examples)"; fi
    # the examples use the command they document
    ex=$c
    if grep '^ *e\.g\. proctor ' "$T/help-$c" | grep -v "e\.g\. proctor $ex \|e\.g\. .*| proctor $ex " | grep -q .; then
        fail "help $c: examples run 'proctor $ex'"
        grep '^ *e\.g\. proctor ' "$T/help-$c" | grep -v "proctor $ex " | head -3 | sed 's/^/#   /'
    else ok "help $c: examples run 'proctor $ex'"; fi
    run "$PROCTOR" "$c" --help
    expect_file_eq "$T/out" "$T/help-$c" "$c --help is the same as help $c"
    run "$PROCTOR" "$c" -h
    expect_file_eq "$T/out" "$T/help-$c" "$c -h is the same as help $c"
    # the man page: the command is described under COMMANDS, and each of its options appears
    # in its OPTIONS subsection
    if grep -q "^\.B $(echo "$c" | sed 's/-/\\\\-/g')\( \|$\)" "$MAN"; then ok "man: '$c' under COMMANDS"
    else fail "man: '$c' under COMMANDS"; fi
    sed -n "/^\.SS $(echo "$c" | sed 's/-/\\\\-/g')\$/,/^\.SS /p" "$MAN" >"$T/man-$c"
    for o in $(sed -n 's/^  \(-[a-z]\), \(--[a-z-]*\).*/\2/p; s/^      \(--[a-z-]*\).*/\1/p; s/^  \(-[a-z]\) .*/\1/p' "$T/help-$c"); do
        [ "$o" = --help ] && continue
        m=$(printf '%s' "$o" | sed 's/-/\\-/g')
        if grep -qF "\\fB$m\\fR" "$T/man-$c"; then :; else
            fail "man: $c $o is in the OPTIONS section"
            missing=1
        fi
    done
done
if [ "${missing:-0}" = 0 ]; then ok "man: every option of every command is in the OPTIONS section"; fi

# the OPTIONS section is exactly what the tables generate (make man)
sh scripts/man-options.sh "$PROCTOR" "$MAN" - >"$T/man"
expect_file_eq "$T/man" "$MAN" "man: the OPTIONS section is generated from the option tables (run 'make man')"
# and the check notices a page that lost an option
sed '/\\-\\-seed\\fR/,+4d' "$MAN" >"$T/stale.1"
sh scripts/man-options.sh "$PROCTOR" "$T/stale.1" - >"$T/fixed.1"
if cmp -s "$T/stale.1" "$T/fixed.1"; then fail "man: a page missing --seed differs from the generated one"
else ok "man: a page missing --seed differs from the generated one"; fi
if command -v groff >/dev/null 2>&1; then
    groff -man -ww -z "$MAN" >"$T/groff" 2>&1
    if [ -s "$T/groff" ]; then fail "man: groff has no warnings"; sed 's/^/#   /' "$T/groff" | head
    else ok "man: groff has no warnings"; fi
else echo "skip - groff is not installed"; fi

# --help of the help text: an example with the option described
expect_grep '^  -n N  +ask at most N of the chosen questions$' "$T/help-practice" "help practice: -n described"
expect_grep '^ +e\.g\. proctor practice -n 10$' "$T/help-practice" "help practice: -n with an example"
expect_grep '^      --new  +start a new session' "$T/help-practice" "help practice: a long-only flag"
expect_grep 'may be repeated$' "$T/help-practice" "help practice: repeatable options say so"

# usage errors: one shape, pointing at help
run "$PROCTOR" practice --bnak x
expect_rc 2 "a mistyped option is a usage error"
expect_grep "^proctor practice: unknown option '--bnak'; did you mean '--bank'\?$" "$T/err" "a mistyped option: did you mean"
expect_grep "^usage: proctor practice " "$T/err" "a usage error shows the usage"
expect_grep "^Try 'proctor help practice' for more information\.$" "$T/err" "a usage error points at help"
run "$PROCTOR" verify --asignment a.json r.json
expect_grep "did you mean '--assignment'\?" "$T/err" "verify --asignment: did you mean --assignment"
run "$PROCTOR" list --frobnicate
expect_grep "^proctor list: unknown option '--frobnicate'$" "$T/err" "an option far from any: no suggestion"
run "$PROCTOR" list -x
expect_grep "^proctor list: unknown option '-x'$" "$T/err" "an unknown short option"
run "$PROCTOR" list --bank
expect_rc 2 "a missing value is a usage error"
expect_grep "^proctor list: option '--bank' needs a value \(DIR\)$" "$T/err" "a missing value names the option and value"
run "$PROCTOR" practice -n
expect_grep "^proctor practice: option '-n' needs a value \(N\)$" "$T/err" "a short option's missing value"
run "$PROCTOR" practice --new=yes
expect_grep "^proctor practice: option '--new' takes no value$" "$T/err" "a flag given a value"
run "$PROCTOR" verify --m x r.json
expect_grep "^proctor verify: option '--m' is ambiguous: --marks, --method$" "$T/err" "an ambiguous prefix lists the options"
run "$PROCTOR" list --bank a --bank=b
expect_rc 2 "an option given twice is a usage error"
expect_grep "^proctor list: --bank given twice$" "$T/err" "given twice names the option"
run "$PROCTOR" list --bank=tests/fixtures/bank --doc memo --doc memo
expect_rc 0 "a repeatable option may be given twice"
run "$PROCTOR" list --ba tests/fixtures/bank
expect_rc 0 "an unambiguous prefix of a long option is accepted"

# mistyped commands
run "$PROCTOR" pratice
expect_rc 2 "a mistyped command is a usage error"
expect_grep "^proctor: 'pratice' is not a proctor command; did you mean 'practice'\? See 'proctor --help'$" "$T/err" "pratice: did you mean practice"
run "$PROCTOR" lsit
expect_grep "did you mean 'list'\?" "$T/err" "lsit (two letters swapped): did you mean list"
run "$PROCTOR" verfiy
expect_grep "did you mean 'verify'\?" "$T/err" "verfiy: did you mean verify"
run "$PROCTOR" rooster
expect_grep "did you mean 'roster'\?" "$T/err" "rooster: did you mean roster"
run "$PROCTOR" cover
expect_grep "did you mean 'coverage'\?" "$T/err" "a prefix: did you mean coverage"
run "$PROCTOR" xyzzy
expect_grep "^proctor: 'xyzzy' is not a proctor command; see 'proctor --help'$" "$T/err" "a word far from any command: no suggestion"
run "$PROCTOR" help pratice
expect_rc 2 "help of a mistyped command is a usage error"
expect_grep "did you mean 'practice'\?" "$T/err" "help pratice: did you mean practice"
run "$PROCTOR" help --roff practice
expect_rc 2 "help --roff takes no command"
