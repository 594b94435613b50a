#!/bin/sh
# SPDX-License-Identifier: ISC
# proctor fsrs memory | schedule: the reference values of fsrs-rs, fsrs-cli, ts-fsrs and
# py-fsrs through the command line (JSON and text), weights inline and from a file (17, 19
# and 21 values), and the usage errors.
. "$(dirname "$0")/lib.sh"

# jcheck NAME PYTHON-EXPRESSION: the last run's stdout parses as JSON (bound to d) and the
# expression holds.
jcheck() {
    if python3 - "$T/out" "$2" >"$T/py" 2>&1 <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
near = lambda a, b, tol=1e-4: abs(a - b) < tol
ok = eval(sys.argv[2])
if not ok:
    print(json.dumps(d)[:600])
sys.exit(0 if ok else 1)
PY
        ok "$1"
    else
        fail "$1"
        sed 's/^/#   /' "$T/py" | head -n 8
    fi
}

run "$PROCTOR" fsrs memory --history "3:0,3:1,3:5,2:10" --json
expect_rc 0 "fsrs memory --json runs"
jcheck "fsrs-cli memory state 3:0,3:1,3:5,2:10: S 46.781, D 4.7437" \
    'near(d["stability"], 46.781, 1e-3) and near(d["difficulty"], 4.7437)'
jcheck "fsrs-cli memory history: the first review gives S 2.3065, D 2.118" \
    'len(d["reviews"]) == 4 and near(d["reviews"][0]["stability"], 2.3065) and near(d["reviews"][0]["difficulty"], 2.1181) and d["reviews"][0]["retrievability"] is None'
jcheck "each review has its retrievability and whole-day interval" \
    'all(0 < r["retrievability"] <= 1 for r in d["reviews"][1:]) and [r["interval"] for r in d["reviews"]] == [round(r["interval_exact"]) for r in d["reviews"]]'

run "$PROCTOR" fsrs memory --history "1:0,3:0,3:1,3:3,3:8,3:21" --json
jcheck "fsrs-rs test_memory_state: S 53.62691, D 6.3574867" \
    'near(d["stability"], 53.62691) and near(d["difficulty"], 6.3574867)'
run "$PROCTOR" fsrs memory --history "1:0,3:0,3:1,3:3,3:8,3:21" --json \
    --weights "0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0,0,0,0.1542"
jcheck "with the short-term weights frozen (inline --weights): S 53.335106" \
    'near(d["stability"], 53.335106) and near(d["difficulty"], 6.3574867)'

# fsrs-cli's name for the weights: -p, --parameters
run "$PROCTOR" fsrs memory --history "3:0,3:1,3:5,2:10" --json \
    -p 0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0,0,0,0.1542
jcheck "fsrs-cli's -p: the weights (short-term weights frozen)" \
    'len(d["reviews"]) == 4 and d["weights"][17:20] == [0, 0, 0]'
run "$PROCTOR" fsrs memory --history "3:0" --parameters 1,2,3
expect_rc 2 "--parameters is checked as --weights is"

# the same-day rule of fsrs-rs and ts-fsrs: Hard on the day of a review never lowers stability
run "$PROCTOR" fsrs memory --history "3:0,2:0,2:0" --json
jcheck "same-day Hard keeps stability 2.3065 (fsrs-rs; py-fsrs would lower it)" \
    'all(near(r["stability"], 2.3065) for r in d["reviews"]) and d["difficulty"] > d["reviews"][0]["difficulty"]'
run "$PROCTOR" fsrs memory --history "3:0,1:0" --json
jcheck "same-day Again lowers it" 'd["stability"] < 2.3065'

cat >"$T/fsrs5.txt" <<'EOF'
# fsrs-rs inference.rs PARAMETERS (FSRS-5, 19 weights)
[0.6845422, 1.6790825, 4.7349424, 10.042885, 7.4410233, 0.64219797, 1.071918,
 0.0025195254, 1.432437, 0.1544, 0.8692766, 2.0696752, 0.0953, 0.2975,
 2.4691248, 0.19542035, 3.201072, 0.18046261, 0.121442534]
EOF
run "$PROCTOR" fsrs memory --history "1:0,3:1,3:3,3:8,3:21" --weights "$T/fsrs5.txt" --json
jcheck "fsrs-rs test_memo_state (19 weights from a file): S 31.722992, D 7.382128" \
    'near(d["stability"], 31.722992) and near(d["difficulty"], 7.382128) and d["weights"][19] == 0 and d["weights"][20] == 0.5'
run "$PROCTOR" fsrs memory --history "3:21" --stability 20.925528 --difficulty 7.005062 \
    --weights "$T/fsrs5.txt" --json
jcheck "fsrs-rs next_states from S 20.925528 D 7.005062 after 21 days, Good: 40.87456, 6.9913807" \
    'near(d["stability"], 40.87456) and near(d["difficulty"], 6.9913807)'
run "$PROCTOR" fsrs memory --history "3:5,2:10" --starting-stability 5 --starting-difficulty 5 --json
jcheck "fsrs-cli memory state from S 5 D 5: 31.1913, 6.6595" \
    'near(d["stability"], 31.1913) and near(d["difficulty"], 6.6595)'
for r in 1:1.2588 2:15.038 3:18.3772 4:25.6897; do
    run "$PROCTOR" fsrs memory --history "${r%%:*}:3" --stability 10 --difficulty 5 --json
    jcheck "fsrs-cli schedule S 10 D 5 after 3 days, rating ${r%%:*}: S ${r#*:}" \
        "near(d['stability'], ${r#*:}, 1e-3)"
done
run "$PROCTOR" fsrs memory --history "3:0" --retention 0.85 --json
jcheck "fsrs-cli new card at retention 0.85: Good interval 4.3972" \
    'near(d["reviews"][0]["interval_exact"], 4.3972) and d["interval"] == 4'
cat >"$T/fsrs45.txt" <<'EOF'
0.4 0.6 2.4 5.8 4.93 0.94 0.86 0.01 1.49 0.14 0.94 2.18 0.05 0.34 1.26 0.29 2.61
EOF
run "$PROCTOR" fsrs memory --history "3:0" --weights "$T/fsrs45.txt" --json
jcheck "fsrs-rs migrates 17 FSRS-4.5 weights (w4 6.81, w5 0.44675, w6 1.36, decay 0.5)" \
    'near(d["weights"][4], 6.81, 1e-6) and near(d["weights"][5], 0.44675013, 1e-6) and near(d["weights"][6], 1.36, 1e-6) and d["weights"][17:] == [0, 0, 0, 0.5]'

# fsrs-rs test_next_interval: S = 1 (w0 = 1, rating Again) at retention 0.1 .. 1.0
W1="1,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542"
got=
for r in 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1; do
    "$PROCTOR" fsrs memory --history "1:0" --weights "$W1" --retention $r --json \
        --max-interval 36500 >"$T/out" 2>"$T/err"
    got="$got $(python3 -c 'import json,sys; print(max(1, round(json.load(open(sys.argv[1]))["reviews"][0]["interval_exact"])))' "$T/out")"
done
if [ "$got" = " 3116766 34793 2508 387 90 27 9 3 1 1" ]; then
    ok "fsrs-rs test_next_interval: 3116766 34793 2508 387 90 27 9 3 1 1"
else fail "fsrs-rs test_next_interval: got$got"; fi

# the state machine: ts-fsrs ivl_history and py-fsrs test_review_card (fuzz off)
run "$PROCTOR" fsrs schedule --json --history \
    "3:0,3:600,3:172800,3:950400,3:3974400,3:14083200,1:43027200,1:600,3:600,3:172800,3:345600,3:604800,3:1036800"
expect_rc 0 "fsrs schedule --json runs"
python3 - "$T/out" >"$T/hist" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(str(r["interval"] // 86400) for r in d["reviews"]))
PY
if [ "$(cat "$T/hist")" = "0 2 11 46 163 498 0 0 2 4 7 12 21" ]; then
    ok "ts-fsrs/py-fsrs interval history 0 2 11 46 163 498 0 0 2 4 7 12 21"
else fail "interval history: $(cat "$T/hist")"; fi
jcheck "states: learning, then review, a lapse into relearning and back" \
    '[r["state"] for r in d["reviews"]][:3] == ["learning", "review", "review"] and d["reviews"][6]["state"] == "relearning" and d["reviews"][7]["state"] == "relearning" and d["reviews"][8]["state"] == "review" and d["lapses"] == 1'
for g in 1:60 2:330 3:600 4:691200; do
    run "$PROCTOR" fsrs schedule --history "${g%%:*}:0" --json
    jcheck "a new card rated ${g%%:*} is due in ${g#*:} s (py-fsrs learning steps)" \
        "d['reviews'][0]['interval'] == ${g#*:}"
done
run "$PROCTOR" fsrs schedule --history "2:0" --learning-steps 10m --json
jcheck "one 10 min learning step: Hard waits 15 min" 'd["reviews"][0]["interval"] == 900'
run "$PROCTOR" fsrs schedule --history "1:0" --learning-steps none --json
jcheck "no learning steps: Again schedules whole days" \
    'd["state"] == "review" and d["reviews"][0]["interval_days"] >= 1'

# fuzz: off by default; with --fuzz ID, deterministic for ID and spread across ids
H="3:0,3:600,3:172800,3:950400,3:3974400"
run "$PROCTOR" fsrs schedule --history "$H" --fuzz fax-date --json
cp "$T/out" "$T/fuzz1"
run "$PROCTOR" fsrs schedule --history "$H" --fuzz fax-date --json
if cmp -s "$T/out" "$T/fuzz1"; then ok "--fuzz ID gives the same intervals every time"; else
    fail "--fuzz ID gives the same intervals every time"; fi
spread=$(for id in a b c d e f g h i j k l; do
    "$PROCTOR" fsrs schedule --history "$H" --fuzz "$id" --json |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["reviews"][-1]["interval_days"])'
done | sort -u | tr '\n' ' ')
case $spread in
*" "*" "*) ok "fuzzed intervals spread around 163 days: $spread" ;;
*) fail "fuzzed intervals spread around 163 days: $spread" ;;
esac

# text output
run "$PROCTOR" fsrs memory --history "3:0,3:1,3:5,2:10"
expect_rc 0 "fsrs memory prints a table"
expect_grep '^     4  2 hard        10    46\.7810      4\.7437          0\.9522        47$' "$T/out" \
    "the table row of the fourth review"
expect_grep 'next review in 47 days' "$T/out" "and a summary"
run "$PROCTOR" fsrs schedule --history "3:0,3:600"
expect_grep 'learning -> review' "$T/out" "fsrs schedule prints the state changes"

# usage errors
run "$PROCTOR" fsrs
expect_rc 2 "fsrs without a subcommand is a usage error"
run "$PROCTOR" fsrs memory
expect_rc 2 "memory without --history is a usage error"
expect_grep 'needs --history' "$T/err" "saying what is missing"
run "$PROCTOR" fsrs memory --history "3:0,5:1"
expect_rc 2 "rating 5 is refused"
expect_grep 'column 5: expected a rating from 1 \(again\) to 4 \(easy\)' "$T/err" \
    "with the column and what was expected"
run "$PROCTOR" fsrs memory --history "3:0" --retention 1.5
expect_rc 2 "retention 1.5 is refused"
run "$PROCTOR" fsrs memory --history "3:0" --stability 5
expect_rc 2 "--stability without --difficulty is refused"
run "$PROCTOR" fsrs memory --history "3:0" --weights 1,2,3
expect_rc 2 "three weights are refused"
expect_grep 'expected 21 FSRS weights \(or 19 or 17' "$T/err" "saying how many are wanted"
printf '0.1, 0.2,\n0.3 oops\n' >"$T/bad.txt"
run "$PROCTOR" fsrs memory --history "3:0" --weights "$T/bad.txt"
expect_rc 3 "a bad weights file is bad data"
expect_grep "bad\.txt:2:5: expected a number, got 'oops'" "$T/err" "named with line and column"
run "$PROCTOR" fsrs memory --history "3:0" --weights "$T/missing.txt"
expect_rc 4 "a missing weights file is an I/O error"
run "$PROCTOR" fsrs schedule --history "3:0" --stability 3 --difficulty 3
expect_rc 2 "--stability is not for schedule"
run "$PROCTOR" fsrs memory --history "3:0" --fuzz x
expect_rc 2 "--fuzz is not for memory"
run "$PROCTOR" fsrs frobnicate --history "3:0"
expect_rc 2 "an unknown subcommand is a usage error"
run "$PROCTOR" fsrs --help
expect_rc 0 "fsrs --help"
expect_grep 'proctor fsrs schedule' "$T/out" "shows the usage"
