#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/run.sh - `make bench`: measures the performance targets of DESIGN.md and writes
# BENCHMARKS.md (the figures, the targets, pass or miss, the machine, how to reproduce).
#
#   startup   `proctor practice --new --seed 1` on the shipped bank, stdin ":quit": launch to
#             exit, which includes showing the first question (hyperfine when installed,
#             else bench/spawntime.c), median and p90 of BENCH_STARTUP_RUNS runs (50); and
#             proctor's own time (issue 17): each run of `practice`, and of `study` with a
#             fresh and with a used study database, less the run of `proctor --version` next
#             to it (exec, dynamic linking and exit alone), median, by bench/spawntime.c
#   lint      `proctor lint` on a bank of BENCH_QUESTIONS (100 000) questions written by
#             bench/genbank.py, in files of 10 000 and then in one file: wall time and peak
#             RSS (wait4's rusage, via spawntime)
#   verify    the hook below runs bench/verify.sh when it exists (signed results, `proctor
#             verify` with -j1 and -j2, a bare libsodium loop, a minisign loop)
#   study     bench/study.sh: the due queue from 100 000 cards and 1 000 000 reviews, FSRS-6
#             steps per second, answers recorded per second, database bytes per review
#   answers   the answer corpus (tests/fixtures/answers) graded by test-answers --figures:
#             the share of natural right answers accepted and of wrong ones refused
#
# Timings are figures for the report, never pass/fail checks of `make test`. proctor is built
# afresh into build/bench-build, so a concurrent `make` in build/ can't swap binaries under a
# measurement. Environment: BENCH_COMMIT (measure that commit, exported with git archive,
# instead of the working tree), BENCH_OUT (BENCHMARKS.md), BENCH_STARTUP_RUNS,
# BENCH_QUESTIONS, and for verify.sh BENCH_RESULTS (20 000) and BENCH_VERIFY_ROUNDS (7);
# BENCH_ONLY, a list of sections to run (e.g. "startup lint"), which prints their rows and
# writes BENCHMARKS.md only when BENCH_OUT is given. Scratch files go to a temporary directory, removed at exit.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${BENCH_OUT:-$ROOT/BENCHMARKS.md}
ONLY=${BENCH_ONLY:-}
# want SECTION: whether SECTION runs (every one unless BENCH_ONLY names some)
want() { [ -z "$ONLY" ] || case " $ONLY " in *" $1 "*) true ;; *) false ;; esac; }
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-50}
QUESTIONS=${BENCH_QUESTIONS:-100000}
CC=${CC:-cc}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/proctor-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
# SRC: the tree measured; BIN: its build directory; ROOT: where the bench scripts are
if [ -n "${BENCH_COMMIT:-}" ]; then
    SRC=$WORK/tree
    mkdir "$SRC"
    git archive "$BENCH_COMMIT" | tar -x -C "$SRC"
    commit=$(git rev-parse --short "$BENCH_COMMIT")
else
    SRC=$ROOT
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git status --porcelain --untracked-files=no -- src include Makefile questions \
        2>/dev/null)" ]; then
        commit="$commit plus uncommitted changes"
    fi
fi
BIN=$SRC/build/bench-build
PROCTOR=$BIN/proctor
export ROOT SRC BIN PROCTOR WORK CC
# a clean home, so no saved session or history changes what is measured
export HOME="$WORK/home" XDG_STATE_HOME="$WORK/state" XDG_DATA_HOME="$WORK/data" \
    XDG_CONFIG_HOME="$WORK/config" LC_ALL=C.UTF-8 NO_COLOR=1 INPUTRC=/dev/null
unset PROCTOR_BANK PROCTOR_PASSPHRASE
mkdir -p "$HOME"

. bench/lib.sh

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- (a) the binary and the timing helpers
say "building $commit in $BIN"
make -s --no-print-directory -C "$SRC" -j "$(nproc)" BUILD=build/bench-build all >&2
mkdir -p "$BIN/bench"
$CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o "$BIN/bench/spawntime" bench/spawntime.c
SPAWNTIME=$BIN/bench/spawntime
export SPAWNTIME
: >"$WORK/rows.md"
: >"$WORK/details.md"

# ---- (b) startup: launch to the first question, shipped bank
if want startup; then
say "startup: $STARTUP_RUNS runs of proctor practice"
printf ':quit\n' >"$WORK/quit.in"
"$PROCTOR" practice --new --seed 1 --bank "$SRC/questions" <"$WORK/quit.in" >"$WORK/startup.out"
if ! grep -q '^Question 1 of ' "$WORK/startup.out"; then
    say "practice did not show a first question:"
    cat "$WORK/startup.out" >&2
    exit 1
fi
nq=$(sed -n 's/^Practice: \([0-9]*\) questions.*/\1/p' "$WORK/startup.out")
st=$("$SPAWNTIME" -n "$STARTUP_RUNS" -w 5 -i "$WORK/quit.in" -- \
    "$PROCTOR" practice --new --seed 1 --bank "$SRC/questions")
st_med=$(field median_ms "$st") st_p90=$(field p90_ms "$st") st_cpu=$(field cpu_median_ms "$st")
tool="bench/spawntime.c (posix_spawn + wait4)"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup 5 --runs "$STARTUP_RUNS" --export-json "$WORK/hf.json" \
        "'$PROCTOR' practice --new --seed 1 --bank '$SRC/questions' <'$WORK/quit.in'" \
        >/dev/null
    hf=$(python3 -c '
import json, math, sys
t = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
n = len(t)
med = t[n // 2] if n % 2 else (t[n // 2 - 1] + t[n // 2]) / 2
print("%.3f %.3f" % (med * 1e3, t[math.ceil(0.9 * n) - 1] * 1e3))' "$WORK/hf.json")
    med=${hf% *} p90=${hf#* }
    tool="hyperfine $(hyperfine --version | cut -d' ' -f2) (shell spawn subtracted)"
    other="bench/spawntime.c on the same command: median $st_med ms, p90 $st_p90 ms."
else
    med=$st_med p90=$st_p90
    other="hyperfine is not installed; bench/spawntime.c did the timing."
fi
row "startup: \`practice\` to the first question, shipped bank ($nq questions), median" \
    "$med ms (p90 $p90 ms); CPU time $st_cpu ms" "< 10 ms" "$(verdict "$med" "<" 10)"
cat >>"$WORK/details.md" <<EOF
### Startup

\`proctor practice --new --seed 1 --bank questions\` with standard input \`:quit\`, output to
/dev/null: $STARTUP_RUNS runs after 5 warm-up runs, timed with $tool. Each run loads and
checks the whole shipped bank ($nq questions, 4 documents), starts a session, saves it,
shows question 1, reads \`:quit\`, saves again and exits, so the figure is an upper bound on
"starting to the first question". Median $med ms, p90 $p90 ms. $other
The median CPU time (user + system, from wait4) of a run is $st_cpu ms: on a busy machine the
wall time exceeds it by the time spent waiting for a core.

EOF

# proctor's own time: each run less the `proctor --version` run next to it (bench/spawntime.c)
# own_time LABEL [-r PATH] -- CMD...: a row for CMD's own time against issue 17's 3 ms
own_time() {
    _label=$1
    shift
    _r=$("$SPAWNTIME" -n "$STARTUP_RUNS" -w 5 -i "$WORK/quit.in" "$@" --- "$PROCTOR" --version)
    _own=$(field own_median_ms "$_r")
    row "startup: $_label, proctor's own time (the run less \`proctor --version\`), median" \
        "$_own ms (the run $(field median_ms "$_r") ms, \`--version\` $(field base_median_ms "$_r") ms; own CPU time $(field own_cpu_median_ms "$_r") ms)" \
        "<= 3 ms" "$(verdict "$_own" "<=" 3)"
}
say "startup: proctor's own time, practice and study"
own_time "\`practice --new\`" -- "$PROCTOR" practice --new --seed 1 --bank "$SRC/questions"
# study with a fresh database each run (removed before it), then with one that has reviews
sstate=$WORK/study-state
(
    export XDG_STATE_HOME="$sstate"
    own_time "\`study\`, a fresh study database" -r "$sstate/proctor/study.db" -- \
        "$PROCTOR" study --bank "$SRC/questions"
)
# a used one: five sessions answering each question they show
i=0
while [ $i -lt 5 ]; do
    awk 'BEGIN { for (k = 0; k < 40; k++) print (k % 3 ? "a" : "1"); print ":quit" }' |
        XDG_STATE_HOME="$sstate" "$PROCTOR" study --bank "$SRC/questions" >/dev/null
    i=$((i + 1))
done
used=$(python3 - "$sstate/proctor/study.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print("%d cards, %d reviews" % (db.execute("SELECT count(*) FROM cards").fetchone()[0],
                                db.execute("SELECT count(*) FROM revlog").fetchone()[0]))
PY
)
(
    export XDG_STATE_HOME="$sstate"
    own_time "\`study\`, a used study database ($used)" -- "$PROCTOR" study --bank "$SRC/questions"
)
cat >>"$WORK/details.md" <<EOF
**Proctor's own time** (issue 17: at most 3 ms). bench/spawntime.c runs each command
$STARTUP_RUNS times (after 5 warm-up runs), each run followed at once by a run of
\`proctor --version\`, which starts the same program (exec, dynamic linking of libsodium,
libcjson, libsqlite3, readline and the rest, the C library's start-up, exit) and does nothing
else. The figure is the median over the runs of the difference of the two wall times: what
the command adds to starting the program, in one interleaved series, so that a change of load
touches both alike. \`practice --new --seed 1\` and \`study\` read \`:quit\` at the first
question. For \`study\`, \`XDG_STATE_HOME\` is a scratch directory: for the fresh figure the
study database is removed (outside the timing) before every run, so each run creates it; for
the used figure five sessions have first answered up to 40 questions each ($used). A \`study\`
run opens the database, builds the queue, shows question 1, reads \`:quit\`, prints the
session's summary (read from the database again) and closes it.

EOF
fi

# ---- (c) lint on a synthetic bank
# lint_bank DIR: times `proctor lint --bank DIR` (once when slow, else 3 runs)
lint_bank() {
    if ! "$PROCTOR" lint --bank "$1" >"$WORK/lint.out" 2>&1; then
        say "lint finds problems in the generated bank:"
        head -n 20 "$WORK/lint.out" >&2
        exit 1
    fi
    _r=$("$SPAWNTIME" -n 1 -- "$PROCTOR" lint --bank "$1")
    if [ "$(verdict "$(field median_ms "$_r")" "<" 10000)" = pass ]; then
        _r=$("$SPAWNTIME" -n 3 -- "$PROCTOR" lint --bank "$1")
    fi
    lint_s=$(awk -v ms="$(field median_ms "$_r")" 'BEGIN { printf "%.3f", ms / 1000 }')
    lint_mb=$(awk -v kb="$(field maxrss_kb "$_r")" 'BEGIN { printf "%.1f", kb / 1024 }')
    lint_cpu=$(awk -v ms="$(field cpu_median_ms "$_r")" 'BEGIN { printf "%.3f", ms / 1000 }')
    lint_runs=$(field runs "$_r")
}
if want lint; then
say "lint: generating a bank of $QUESTIONS questions"
python3 bench/genbank.py --questions "$QUESTIONS" "$WORK/bank"
bank_mb=$(du -sk "$WORK/bank" | awk '{ printf "%.1f", $1 / 1024 }')
doc_mb=$(du -k "$WORK/bank/sources/synthetic.txt" | awk '{ printf "%.1f", $1 / 1024 }')
say "lint: timing proctor lint (${bank_mb} MB)"
lint_bank "$WORK/bank"
row "lint, $QUESTIONS questions in files of 10 000: wall time" "$lint_s s; CPU time $lint_cpu s" \
    "<= 0.5 s" "$(verdict "$lint_s" "<=" 0.5)"
row "lint, $QUESTIONS questions in files of 10 000: peak RSS" "$lint_mb MB" "<= 128 MB" \
    "$(verdict "$lint_mb" "<=" 128)"
main_s=$lint_s main_mb=$lint_mb main_runs=$lint_runs main_cpu=$lint_cpu
rm -rf "$WORK/bank"
say "lint: the same questions in one file"
python3 bench/genbank.py --questions "$QUESTIONS" --per-file "$QUESTIONS" "$WORK/bank"
one_file_mb=$(du -k "$WORK/bank/q-000.json" | awk '{ printf "%.1f", $1 / 1024 }')
lint_bank "$WORK/bank"
flat=$(awk -v one="$lint_mb" -v ten="$main_mb" 'BEGIN { print (one <= 128 && one <= ten * 1.1) ? 1 : 0 }')
row "lint, the same $QUESTIONS questions in one file ($one_file_mb MB): peak RSS" \
    "$lint_mb MB (in files of 10 000: $main_mb MB); wall time $lint_s s" \
    "<= 128 MB, not growing with the largest file (within 10 % of the figure above)" \
    "$([ "$flat" = 1 ] && echo pass || echo '**miss**')"
one_s=$lint_s one_mb=$lint_mb one_runs=$lint_runs one_cpu=$lint_cpu
rm -rf "$WORK/bank"
say "lint: the same number of questions over a document of 1000 sentences"
python3 bench/genbank.py --questions "$QUESTIONS" --sentences 1000 "$WORK/bank"
lint_bank "$WORK/bank"
rm -rf "$WORK/bank"
cat >>"$WORK/details.md" <<EOF
### Lint

\`python3 bench/genbank.py --questions $QUESTIONS DIR\` writes a bank of $QUESTIONS questions
($bank_mb MB: the eight types in turn, in files of 10 000) over one document of
$doc_mb MB, in which every question cites a sentence of its own, so each of the $QUESTIONS
quotes must be found, and found only once, in the whole document. \`proctor lint --bank DIR\`
reports it clean. Timed with bench/spawntime.c (peak RSS from wait4), median of
$main_runs run(s): **$main_s s, $main_mb MB** (CPU time $main_cpu s). The targets are issue
17's: at most 0.5 s and 128 MB, and memory that does not grow with the largest question file.

The same questions written as one file of $one_file_mb MB (\`--per-file $QUESTIONS\`), median
of $one_runs run(s): $one_s s, **$one_mb MB** (CPU time $one_cpu s). Question files are read
in pieces, one question at a time (src/bank-read.c), so the figure stays that of the bank,
not of its largest file.

To tell the cost of the passage search from that of reading and checking the questions, the
same $QUESTIONS questions were also linted over a document of only 1 000 sentences
(\`--sentences 1000\`: each quote cited by 100 questions): median of $lint_runs run(s),
$lint_s s, $lint_mb MB (CPU time $lint_cpu s).

EOF
fi

# ---- (d) verify throughput: bench/verify.sh, when it exists, appends its rows and details
if ! want verify; then
    :
elif [ -f bench/verify.sh ]; then
    say "verify: running bench/verify.sh"
    sh bench/verify.sh
else
    row "verify throughput" "not measured: bench/verify.sh is missing" "see DESIGN.md" "-"
fi

# ---- (e) study: bench/study.sh appends its rows and details
if want study && [ -f bench/study.sh ]; then
    say "study: running bench/study.sh"
    sh bench/study.sh
fi

# ---- (f) answers: how well typed answers are graded (figures, not timings)
if want answers; then
say "answers: grading the answer corpus"
make -s --no-print-directory -C "$SRC" BUILD=build/bench-build \
    build/bench-build/tests/unit/test-answers >&2
"$BIN/tests/unit/test-answers" --figures >"$WORK/answers.txt"
for set in corpus "held-out set"; do
    line=$(grep "^$set:" "$WORK/answers.txt")
    acc=$(echo "$line" | sed -n 's/.*accepted [0-9]* of [0-9]* (\([0-9.]*\) %).*/\1/p')
    ref=$(echo "$line" | sed -n 's/.*refused [0-9]* of [0-9]* (\([0-9.]*\) %).*/\1/p')
    row "answers, $set: right accepted" "$acc %" ">= 95 %" "$(verdict "$acc" ">=" 95)"
    row "answers, $set: wrong refused" "$ref %" ">= 99 %" "$(verdict "$ref" ">=" 99)"
done
{
    cat <<EOF
**Answers.** \`test-answers --figures\` grades every answer of tests/fixtures/answers/corpus.json
(natural right and plausible wrong answers to each short and numeric question of the shipped
bank) and held-out.json (written after the matching rules, never used to tune them) with the
grading module, as the runner reads and grades them; \`make test\` fails below the targets.
Another file of the same form is graded with \`build/tests/unit/test-answers --figures FILE\`.

EOF
    printf '```\n'
    cat "$WORK/answers.txt"
    printf '```\n\n'
} >>"$WORK/details.md"
fi

# ---- BENCHMARKS.md
if [ -n "$ONLY" ] && [ -z "${BENCH_OUT:-}" ]; then
    say "BENCH_ONLY=\"$ONLY\": the rows (BENCHMARKS.md is left as it is)"
    cat "$WORK/rows.md" >&2
    exit 0
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
busy=$(echo "$load_before $load_after" | awk '{ print ($1 > 0.5 || $4 > 0.5) ? 1 : 0 }')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release 2>/dev/null || echo unknown)
{
    cat <<EOF
# Benchmarks

Written by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), measuring
proctor $commit. The targets are those of DESIGN.md; these are measurements, not tests, and
\`make test\` never times anything.

| measurement | figure | target | result |
| --- | --- | --- | --- |
EOF
    cat "$WORK/rows.md"
    cat <<EOF

## Machine

- CPU: $cpu, $(nproc) online CPU(s) (\`nproc\`); $mem of memory
- Kernel: $(uname -sr) ($(uname -m)); $os
- Compiler: $($CC --version | head -n 1); libsodium $(pkg-config --modversion libsodium)
- proctor built with the Makefile's default flags (\`-O2 -g\`)
- Load average (1, 5, 15 min) before the run: $load_before; after: $load_after

EOF
    if [ "$busy" = 1 ]; then
        cat <<EOF
**The machine was not idle during this run** (see the load averages): other processes were
competing for its $(nproc) CPU(s). Wall times are inflated by the time spent waiting for a
core, most of all for \`verify -j2\` (which needs both) and the minisign loop (thousands of
processes). The CPU-time figures beside them are much less affected; rerun \`make bench\` on
an idle machine for figures to compare with the targets.
EOF
    fi
    echo
    cat "$ROOT/bench/changes.md"
    cat <<EOF

## How each figure is measured

EOF
    cat "$WORK/details.md"
    cat <<EOF
## Reproducing

    make bench                       # builds, measures, rewrites BENCHMARKS.md
    BENCH_OUT=/tmp/b.md make bench   # the same, written elsewhere
    BENCH_COMMIT=HEAD make bench     # measure the last commit, not the working tree

Knobs: \`BENCH_STARTUP_RUNS\` (50), \`BENCH_QUESTIONS\` (100000), \`BENCH_RESULTS\` (20000),
\`BENCH_VERIFY_ROUNDS\` (7, the interleaved rounds of the bare loop, verify -j1, -j2 and minisign), \`BENCH_ONLY\`
(sections to run, e.g. "startup lint": their rows only, unless \`BENCH_OUT\` is set),
\`BENCH_STUDY_QUESTIONS\` (115000).
The verify section needs \`minisign\`, which bench/verify.sh installs with apt-get when it is
missing; hyperfine is used for the startup figure when installed. The whole run takes a few
minutes on two cores, most of it in linting the large bank and in the minisign loop.
On an idle machine figures vary by a few per cent between runs; on a busy one, far more.
EOF
} >"$OUT"
say "wrote $OUT"
cat "$WORK/rows.md" >&2
