# SPDX-License-Identifier: ISC
# Helpers shared by bench/run.sh and bench/verify.sh. Both write into $WORK: rows.md (lines
# of the summary table) and details.md (how each figure was measured), which run.sh turns
# into BENCHMARKS.md.

say() { echo "bench: $*" >&2; }

# row WHAT FIGURE TARGET VERDICT: one line of the summary table
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >>"$WORK/rows.md"; }

# verdict VALUE OP LIMIT: prints "pass" or "**miss**" (OP is <, <=, > or >=)
verdict() {
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
        ok = (op == "<") ? v < l : (op == "<=") ? v <= l : (op == ">") ? v > l : v >= l
        print ok ? "pass" : "**miss**" }'
}

# field NAME LINE...: the word after NAME in a "name value name value ..." line
field() {
    _n=$1
    shift
    echo "$*" | awk -v n="$_n" '{ for (i = 1; i < NF; i++) if ($i == n) print $(i + 1) }'
}

# calc EXPR: awk arithmetic, printed with up to 2 decimals
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
