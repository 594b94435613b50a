/* SPDX-License-Identifier: ISC */
/*
 * test-fsrs.c - FSRS-6 against the values the reference implementations' own tests pin:
 * open-spaced-repetition/fsrs-rs (src/model.rs, src/inference.rs, src/parameter_clipper.rs),
 * fsrs-cli (tests/cli_tests.rs), ts-fsrs (__tests__/FSRS-6.test.ts) and py-fsrs
 * (tests/test_fsrs.py). Stability and difficulty to 1e-4, intervals exactly.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "proctor/fsrs.h"

#define CHECK_NEAR(got, want, tol, ...)                                                    \
    do {                                                                                    \
        double g_ = (got), w_ = (want);                                                     \
        CHECK(fabs(g_ - w_) < (tol), __VA_ARGS__);                                          \
        if (!(fabs(g_ - w_) < (tol)))                                                       \
            printf("#   got:  %.9g\n#   want: %.9g\n", g_, w_);                             \
    } while (0)

/* fsrs-rs inference.rs's PARAMETERS: an FSRS-5 set of 19 weights. */
static const double fsrs5_weights[19] = {
    0.6845422, 1.6790825, 4.7349424, 10.042885, 7.4410233, 0.64219797, 1.071918,
    0.0025195254, 1.432437, 0.1544, 0.8692766, 2.0696752, 0.0953, 0.2975,
    2.4691248, 0.19542035, 3.201072, 0.18046261, 0.121442534};

/* A memory state from a history as fsrs-rs's memory_state: the first review initialises. */
static void
memory_from(const struct proctor_fsrs *f, const int *ratings, const int *days, size_t n,
            struct proctor_fsrs_memory *m)
{
    proctor_fsrs_first(f, ratings[0], m);
    for (size_t i = 1; i < n; i++)
        proctor_fsrs_next(f, m, days[i], ratings[i], m);
}

static void
test_curve_and_intervals(void)
{
    struct proctor_fsrs f;
    static const double t[] = {0, 1, 2, 3, 4, 5}, s[] = {1, 2, 3, 4, 4, 2};
    static const double want[] = {1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359};
    static const long ivl[] = {3116766, 34793, 2508, 387, 90, 27, 9, 3, 1, 1};

    proctor_fsrs_init(&f);
    /* fsrs-rs model.rs test_power_forgetting_curve */
    for (int i = 0; i < 6; i++)
        CHECK_NEAR(proctor_fsrs_retrievability(&f, t[i], s[i]), want[i], 1e-6,
                   "fsrs-rs power_forgetting_curve(t=%g, S=%g)", t[i], s[i]);
    /* fsrs-rs inference.rs test_next_interval: S=1 at retention 0.1 .. 1.0, round().max(1) */
    f.max_interval = 100000000;
    for (int i = 0; i < 10; i++) {
        f.retention = (i + 1) / 10.0;
        CHECK_INT(proctor_fsrs_interval_days(&f, 1.0), ivl[i],
                  "fsrs-rs next_interval(S=1, r=%.1f)", f.retention);
    }
    f.retention = 0.9;
    f.max_interval = 36500;
    CHECK_NEAR(proctor_fsrs_interval(&f, 121.01552), 121.01551, 1e-4,
               "fsrs-rs next_interval(121.01552, 0.9)");
    CHECK_INT(proctor_fsrs_interval_days(&f, 1e9), 36500, "the interval stops at 36500 days");
    /* fsrs-rs test_current_retrievability: decay 0.2 */
    f.w[20] = 0.2;
    CHECK_NEAR(proctor_fsrs_retrievability(&f, 0, 1), 1.0, 1e-7, "R(0, S=1), decay 0.2");
    CHECK_NEAR(proctor_fsrs_retrievability(&f, 1, 1), 0.9, 1e-7, "R(1, S=1), decay 0.2");
    CHECK_NEAR(proctor_fsrs_retrievability(&f, 2, 1), 0.84028935, 1e-7, "R(2, S=1), decay 0.2");
    CHECK_NEAR(proctor_fsrs_retrievability(&f, 3, 1), 0.7985001, 1e-7, "R(3, S=1), decay 0.2");
    /* fsrs-cli test_retrievability: S=10, 5 days, default decay */
    proctor_fsrs_init(&f);
    CHECK_NEAR(proctor_fsrs_retrievability(&f, 5, 10), 0.9403, 1e-4, "fsrs-cli R(S=10, 5 days)");
    /* ts-fsrs get_retrievability: a new card rated Easy, at its due date (8 days) */
    CHECK_NEAR(proctor_fsrs_retrievability(&f, 8, 8.2956), 0.9024733, 1e-7,
               "ts-fsrs R of an Easy first review at its due date");
}

static void
test_pieces(void)
{
    struct proctor_fsrs f;
    static const double recall[] = {25.602541, 28.226582, 58.656002, 127.226685};
    static const double lapse[] = {1.0525396, 1.1894329, 1.3680838, 1.584989};
    static const double same_day[] = {1.596818, 5.0, 5.0, 8.12961};
    static const double next_d[] = {8.341763, 6.6659956, 4.990228, 3.3144615};

    proctor_fsrs_init(&f);
    for (int g = 1; g <= 4; g++) {
        double r = 1.0 - g / 10.0;
        struct proctor_fsrs_memory m;
        /* fsrs-rs model.rs test_next_stability: S=5, D=rating, R = 0.9, 0.8, 0.7, 0.6 */
        CHECK_NEAR(proctor_fsrs_stability_recall(&f, 5.0, g, r, g), recall[g - 1], 1e-4,
                   "fsrs-rs stability_after_success(S=5, D=%d, R=%.1f, rating %d)", g, r, g);
        CHECK_NEAR(proctor_fsrs_stability_lapse(&f, 5.0, g, r), lapse[g - 1], 1e-4,
                   "fsrs-rs stability_after_failure(S=5, D=%d, R=%.1f)", g, r);
        CHECK_NEAR(proctor_fsrs_stability_same_day(&f, 5.0, g), same_day[g - 1], 1e-4,
                   "fsrs-rs stability_short_term(S=5, rating %d)", g);
        /* fsrs-rs test_next_difficulty: D=5, after mean reversion */
        CHECK_NEAR(proctor_fsrs_next_difficulty(&f, 5.0, g), next_d[g - 1], 1e-4,
                   "fsrs-rs next_difficulty(5, rating %d) with mean reversion", g);
        proctor_fsrs_first(&f, g, &m);
        CHECK_NEAR(m.stability, proctor_fsrs_default_weights()[g - 1], 1e-12,
                   "initial stability of rating %d is w%d", g, g - 1);
        CHECK_NEAR(m.difficulty,
                   fmax(1.0, proctor_fsrs_default_weights()[4] -
                                 exp(proctor_fsrs_default_weights()[5] * (g - 1)) + 1.0),
                   1e-12, "initial difficulty of rating %d", g);
    }
    /* the same-day rule: Hard never lowers stability, Again may */
    for (double s = 0.5; s < 400; s *= 1.7) {
        CHECK(proctor_fsrs_stability_same_day(&f, s, 2) >= s,
              "a same-day Hard keeps stability %.2f or raises it", s);
    }
    CHECK(proctor_fsrs_stability_same_day(&f, 5.0, 1) < 5.0, "a same-day Again lowers it");
}

static void
test_weights(void)
{
    struct proctor_fsrs f;
    struct proctor_error err;
    static const double v45[17] = {0.4,  0.6,  2.4,  5.8,  4.93, 0.94, 0.86, 0.01, 1.49,
                                   0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61};
    static const double v6[21] = {0.4,  0.6,  2.4,  5.8,  6.81, 0.44675013, 1.36,
                                  0.01, 1.49, 0.14, 0.94, 2.18, 0.05,       0.34,
                                  1.26, 0.29, 2.61, 0.0,  0.0,  0.0,        0.5};
    double w[21];
    int same = 1;
    size_t n;

    proctor_fsrs_init(&f);
    /* fsrs-rs model.rs test_convert_parameters: FSRS-4.5 -> FSRS-6 */
    CHECK_INT(proctor_fsrs_set_weights(&f, v45, 17, &err), 0, "17 weights are accepted");
    for (int i = 0; i < 21; i++)
        if (fabs(f.w[i] - v6[i]) > 1e-7) {
            printf("#   w%d = %.9g, want %.9g\n", i, f.w[i], v6[i]);
            same = 0;
        }
    CHECK(same, "fsrs-rs migrates FSRS-4.5 weights (w4, w5, w6, and w17..w20)");
    CHECK_INT(proctor_fsrs_set_weights(&f, fsrs5_weights, 19, &err), 0, "19 weights too");
    CHECK(f.w[19] == 0.0 && f.w[20] == 0.5, "FSRS-5 weights get w19 = 0 and decay 0.5");
    CHECK_INT(proctor_fsrs_set_weights(&f, v45, 5, &err), PROCTOR_EINVAL, "5 weights are not");
    CHECK(strstr(err.msg, "got 5") != NULL, "the message says how many: %s", err.msg);
    memcpy(w, proctor_fsrs_default_weights(), sizeof w);
    w[3] = NAN;
    CHECK_INT(proctor_fsrs_set_weights(&f, w, 21, &err), PROCTOR_EINVAL, "NaN is refused");
    /* fsrs-rs parameter_clipper_works: the first 9 weights of an extreme set */
    {
        double x[21];
        static const double in[9] = {0.0, -1000.0, 1000.0, 0.0, 1000.0, -1000.0, 1.0, 0.25, -0.1};
        static const double out[9] = {0.001, 0.001, 100.0, 0.001, 10.0, 0.001, 1.0, 0.25, 0.0};
        memcpy(x, proctor_fsrs_default_weights(), sizeof x);
        memcpy(x, in, sizeof in);
        proctor_fsrs_set_weights(&f, x, 21, &err);
        same = 1;
        for (int i = 0; i < 9; i++)
            same &= fabs(f.w[i] - out[i]) < 1e-9;
        CHECK(same, "weights are clipped as fsrs-rs clips them");
    }

    /* the weights file syntax */
    CHECK_INT(proctor_fsrs_parse_weights("[0.1, 0.2,\n 3e-1 4 ] # x\n", 25, "w", w, &n, &err), 0,
              "brackets, commas, spaces, exponents and comments");
    CHECK(n == 4 && w[0] == 0.1 && w[2] == 0.3 && w[3] == 4.0, "the four values are read");
    CHECK_INT(proctor_fsrs_parse_weights("0.1, x2", 7, "w", w, &n, &err), PROCTOR_EINVAL,
              "a word is refused");
    CHECK(err.line == 1 && err.column == 6, "at line 1 column 6 (got %ld:%ld)", err.line,
          err.column);
    CHECK_INT(proctor_fsrs_parse_weights("0.1,\n,", 6, "w", w, &n, &err), PROCTOR_EINVAL,
              "two commas are refused");
    CHECK(err.line == 2 && err.column == 1, "at line 2 column 1 (got %ld:%ld)", err.line,
          err.column);
    CHECK_INT(proctor_fsrs_parse_weights("# none\n", 7, "w", w, &n, &err), PROCTOR_EINVAL,
              "no weights at all is refused");
    CHECK_INT(proctor_fsrs_parse_weights("[1,2", 4, "w", w, &n, &err), PROCTOR_EINVAL,
              "an unclosed bracket is refused");
    CHECK_INT(proctor_fsrs_parse_weights("1e999", 5, "w", w, &n, &err), PROCTOR_EINVAL,
              "an infinite weight is refused");
    {
        char many[200] = "";
        for (int i = 0; i < 22; i++)
            strcat(many, "1,");
        many[strlen(many) - 1] = '\0';
        CHECK_INT(proctor_fsrs_parse_weights(many, strlen(many), "w", w, &n, &err),
                  PROCTOR_EINVAL, "22 weights are refused");
    }
}

static void
test_parsers(void)
{
    struct proctor_fsrs_item it[8];
    struct proctor_error err;
    uint32_t steps[PROCTOR_FSRS_MAX_STEPS];
    size_t n;

    CHECK_INT(proctor_fsrs_parse_history("3:0,3:1, 3:5 ,2:10", 36500, it, 8, &n, &err), 0,
              "a history parses");
    CHECK(n == 4 && it[3].rating == 2 && it[3].elapsed == 10 && it[2].elapsed == 5,
          "into its four reviews");
    CHECK_INT(proctor_fsrs_parse_history("3:0,5:1", 36500, it, 8, &n, &err), PROCTOR_EINVAL,
              "rating 5 is refused");
    CHECK(err.column == 5, "at column 5 (got %ld)", err.column);
    CHECK_INT(proctor_fsrs_parse_history("3:0,3", 36500, it, 8, &n, &err), PROCTOR_EINVAL,
              "a review without its time is refused");
    CHECK_INT(proctor_fsrs_parse_history("", 36500, it, 8, &n, &err), PROCTOR_EINVAL,
              "an empty history is refused");
    CHECK_INT(proctor_fsrs_parse_history("3:-1", 36500, it, 8, &n, &err), PROCTOR_EINVAL,
              "a negative time is refused");
    CHECK_INT(proctor_fsrs_parse_history("3:99999999999999999999", 36500, it, 8, &n, &err),
              PROCTOR_EINVAL, "a huge time is refused");
    CHECK_INT(proctor_fsrs_parse_history("3:0,3:0,", 36500, it, 8, &n, &err), PROCTOR_EINVAL,
              "a trailing comma is refused");

    CHECK_INT(proctor_fsrs_parse_steps("1m,10m", steps, &n, &err), 0, "steps parse");
    CHECK(n == 2 && steps[0] == 60 && steps[1] == 600, "1m and 10m are 60 and 600 seconds");
    CHECK_INT(proctor_fsrs_parse_steps("30s, 2h,1d,5", steps, &n, &err), 0, "units s h d");
    CHECK(n == 4 && steps[0] == 30 && steps[1] == 7200 && steps[2] == 86400 && steps[3] == 300,
          "and a bare number is minutes");
    CHECK_INT(proctor_fsrs_parse_steps("none", steps, &n, &err), 0, "'none' is no steps");
    CHECK(n == 0, "no steps");
    CHECK_INT(proctor_fsrs_parse_steps("1m,0m", steps, &n, &err), PROCTOR_EINVAL,
              "a zero step is refused");
    CHECK_INT(proctor_fsrs_parse_steps("1x", steps, &n, &err), PROCTOR_EINVAL,
              "an unknown unit is refused");
}

static void
test_memory_states(void)
{
    struct proctor_fsrs f;
    struct proctor_fsrs_memory m;
    struct proctor_error err;
    static const int r1[] = {1, 3, 3, 3, 3, 3}, d1[] = {0, 0, 1, 3, 8, 21};
    static const int r2[] = {1, 3, 3, 3, 3}, d2[] = {0, 1, 3, 8, 21};
    static const int r3[] = {3, 3, 3, 2}, d3[] = {0, 1, 5, 10};

    /* fsrs-rs inference.rs test_memory_state (and ts-fsrs, py-fsrs test_memo_state) */
    proctor_fsrs_init(&f);
    memory_from(&f, r1, d1, 6, &m);
    CHECK_NEAR(m.stability, 53.62691, 1e-4, "fsrs-rs memory state [1,3,3,3,3,3] stability");
    CHECK_NEAR(m.difficulty, 6.3574867, 1e-4, "fsrs-rs memory state difficulty");
    f.w[17] = f.w[18] = f.w[19] = 0.0;
    memory_from(&f, r1, d1, 6, &m);
    CHECK_NEAR(m.stability, 53.335106, 1e-4, "the same with short-term weights frozen");
    CHECK_NEAR(m.difficulty, 6.3574867, 1e-4, "difficulty unchanged");

    /* fsrs-rs test_memo_state with FSRS-5 weights */
    proctor_fsrs_init(&f);
    CHECK_INT(proctor_fsrs_set_weights(&f, fsrs5_weights, 19, &err), 0, "FSRS-5 weights");
    memory_from(&f, r2, d2, 5, &m);
    CHECK_NEAR(m.stability, 31.722992, 1e-4, "fsrs-rs test_memo_state stability");
    CHECK_NEAR(m.difficulty, 7.382128, 1e-4, "fsrs-rs test_memo_state difficulty");
    m.stability = 20.925528;
    m.difficulty = 7.005062;
    proctor_fsrs_next(&f, &m, 21, 3, &m);
    CHECK_NEAR(m.stability, 40.87456, 1e-4, "fsrs-rs next_states(...).good stability");
    CHECK_NEAR(m.difficulty, 6.9913807, 1e-4, "fsrs-rs next_states(...).good difficulty");
    {
        /* fsrs-rs test_next_states: after [1:0,3:1,3:3,3:8], each rating 21 days later */
        static const double s[] = {2.9691455, 17.091452, 31.722992, 71.7502};
        static const double d[] = {8.000659, 7.6913934, 7.382128, 7.0728626};
        struct proctor_fsrs_memory base, nx;
        memory_from(&f, r2, d2, 4, &base);
        for (int g = 1; g <= 4; g++) {
            proctor_fsrs_next(&f, &base, 21, g, &nx);
            CHECK_NEAR(nx.stability, s[g - 1], 1e-4, "fsrs-rs test_next_states rating %d: S", g);
            CHECK_NEAR(nx.difficulty, d[g - 1], 1e-4, "fsrs-rs test_next_states rating %d: D", g);
            CHECK_NEAR(proctor_fsrs_interval(&f, nx.stability), s[g - 1], 1e-4,
                       "its interval at retention 0.9 equals its stability");
        }
    }

    /* fsrs-cli tests/cli_tests.rs */
    proctor_fsrs_init(&f);
    memory_from(&f, r3, d3, 4, &m);
    CHECK_NEAR(m.stability, 46.781, 1e-3, "fsrs-cli memory state 3:0,3:1,3:5,2:10 stability");
    CHECK_NEAR(m.difficulty, 4.7437, 1e-4, "fsrs-cli memory state difficulty");
    proctor_fsrs_first(&f, 3, &m);
    CHECK_NEAR(m.difficulty, 2.1181, 1e-4, "fsrs-cli memory history: first difficulty");
    m.stability = 5.0;
    m.difficulty = 5.0;
    proctor_fsrs_next(&f, &m, 5, 3, &m);
    proctor_fsrs_next(&f, &m, 10, 2, &m);
    CHECK_NEAR(m.stability, 31.1913, 1e-4, "fsrs-cli memory state from S=5 D=5: stability");
    CHECK_NEAR(m.difficulty, 6.6595, 1e-4, "fsrs-cli memory state from S=5 D=5: difficulty");
    {
        static const double s[] = {1.2588, 15.038, 18.3772, 25.6897};
        struct proctor_fsrs_memory base = {10.0, 5.0}, nx;
        for (int g = 1; g <= 4; g++) {
            proctor_fsrs_next(&f, &base, 3, g, &nx);
            CHECK_NEAR(nx.stability, s[g - 1], 1e-3, "fsrs-cli schedule S=10 D=5 3 days, "
                                                     "rating %d",
                       g);
        }
        f.retention = 0.85;
        proctor_fsrs_first(&f, 1, &nx);
        CHECK_NEAR(proctor_fsrs_interval(&f, nx.stability), 0.4042, 1e-4,
                   "fsrs-cli new card at retention 0.85: Again interval");
        proctor_fsrs_first(&f, 3, &nx);
        CHECK_NEAR(proctor_fsrs_interval(&f, nx.stability), 4.3972, 1e-4,
                   "fsrs-cli new card at retention 0.85: Good interval");
    }
}

/* Reviews c at now with the elapsed days of the py-fsrs scheduler (whole 24-hour periods). */
static void
review(const struct proctor_fsrs *f, struct proctor_fsrs_card *c, int64_t now, int rating,
       struct proctor_fsrs_outcome *o)
{
    int64_t elapsed = c->state == PROCTOR_FSRS_NEW ? 0 : (now - c->last_review) / 86400;
    proctor_fsrs_review(f, c, now, elapsed, rating, proctor_fsrs_fuzz_seed("q", (uint32_t)c->reps),
                        o);
}

static void
test_state_machine(void)
{
    struct proctor_fsrs f;
    struct proctor_fsrs_card c;
    struct proctor_fsrs_outcome o;
    static const int ratings[] = {3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3};
    static const int ivl[] = {0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21};
    int64_t now = 1669725000; /* 2022-11-29 12:30 UTC */
    int same = 1;

    proctor_fsrs_init(&f);
    f.fuzz = 0;
    /* ts-fsrs FSRS-6 ivl_history and py-fsrs test_review_card */
    memset(&c, 0, sizeof c);
    for (int i = 0; i < 13; i++) {
        review(&f, &c, now, ratings[i], &o);
        if ((c.due - c.last_review) / 86400 != ivl[i]) {
            printf("#   review %d: %lld days, want %d\n", i + 1,
                   (long long)((c.due - c.last_review) / 86400), ivl[i]);
            same = 0;
        }
        now = c.due;
    }
    CHECK(same, "ts-fsrs/py-fsrs interval history 0 2 11 46 163 498 0 0 2 4 7 12 21");
    CHECK(c.lapses == 1, "one lapse (got %d)", (int)c.lapses);

    /* ts-fsrs FSRS-6 'first repeat' */
    {
        static const double s[] = {0.212, 1.2931, 2.3065, 8.2956};
        static const double d[] = {6.4133, 5.11217071, 2.11810397, 1};
        static const int days[] = {0, 0, 0, 8}, states[] = {1, 1, 1, 2};
        static const int64_t secs[] = {60, 330, 600, 8 * 86400};
        for (int g = 1; g <= 4; g++) {
            memset(&c, 0, sizeof c);
            review(&f, &c, now, g, &o);
            CHECK(fabs(c.stability - s[g - 1]) < 1e-8 && fabs(c.difficulty - d[g - 1]) < 1e-7,
                  "ts-fsrs first repeat rating %d: S %.8g D %.8g", g, c.stability, c.difficulty);
            CHECK(o.days == days[g - 1] && c.state == states[g - 1] && c.reps == 1,
                  "rating %d: %s, %d days", g, proctor_fsrs_state_name(c.state), (int)o.days);
            /* py-fsrs test_again/hard/good/easy_learning_steps */
            CHECK_INT(o.interval, secs[g - 1], "a new card rated %d is due in %lld s", g,
                      (long long)secs[g - 1]);
        }
    }

    /* ts-fsrs and py-fsrs memory state through the scheduler, reviewing at the given days */
    {
        static const int r[] = {1, 3, 3, 3, 3, 3}, d[] = {0, 0, 1, 3, 8, 21};
        memset(&c, 0, sizeof c);
        now = 1669725000;
        for (int i = 0; i < 6; i++) {
            now += (int64_t)d[i] * 86400;
            review(&f, &c, now, r[i], &o);
        }
        CHECK_NEAR(c.stability, 53.62691, 1e-4, "py-fsrs test_memo_state stability");
        CHECK_NEAR(c.difficulty, 6.3574867, 1e-4, "py-fsrs test_memo_state difficulty");
    }

    /* py-fsrs test_repeated_correct_reviews: ten Easy reviews in a row leave D at 1 */
    memset(&c, 0, sizeof c);
    for (int i = 0; i < 10; i++)
        review(&f, &c, 1669725000, 4, &o);
    CHECK(c.difficulty == 1.0, "ten Easy reviews leave difficulty 1 (got %.9g)", c.difficulty);

    /* steps: py-fsrs test_learning_card_rate_hard_{one,second}_learning_step */
    {
        struct proctor_fsrs g = f;
        g.learning[0] = 600;
        g.nlearning = 1;
        memset(&c, 0, sizeof c);
        review(&g, &c, 0, 2, &o);
        CHECK(c.state == PROCTOR_FSRS_LEARNING && o.interval == 900,
              "one 10 min step: Hard waits 15 min (got %lld s)", (long long)o.interval);
        memset(&c, 0, sizeof c);
        review(&f, &c, 0, 3, &o);
        review(&f, &c, 600, 2, &o);
        CHECK(c.state == PROCTOR_FSRS_LEARNING && c.step == 1 && o.interval == 600,
              "Hard on the second step stays on it, 10 min (got step %d, %lld s)", c.step,
              (long long)o.interval);
        review(&f, &c, 1200, 1, &o);
        CHECK(c.step == 0 && o.interval == 60, "Again goes back to the first step, 1 min");
        review(&f, &c, 1260, 3, &o);
        CHECK(c.step == 1 && o.interval == 600, "then Good to the second step, 10 min");
        review(&f, &c, 1860, 3, &o);
        CHECK(c.state == PROCTOR_FSRS_REVIEW && o.days >= 1, "and Good graduates");
        /* py-fsrs test_relearning */
        review(&f, &c, c.due, 1, &o);
        CHECK(c.state == PROCTOR_FSRS_RELEARNING && c.step == 0 && o.interval == 600 &&
                  c.lapses == 1,
              "Again in review: a lapse, relearning for 10 min");
        review(&f, &c, c.due, 1, &o);
        CHECK(c.state == PROCTOR_FSRS_RELEARNING && o.interval == 600 && c.lapses == 1,
              "Again while relearning: 10 min more, no second lapse");
        review(&f, &c, c.due, 2, &o);
        CHECK(c.state == PROCTOR_FSRS_RELEARNING && o.interval == 900,
              "Hard on the only relearning step: 15 min");
        review(&f, &c, c.due, 3, &o);
        CHECK(c.state == PROCTOR_FSRS_REVIEW && o.days >= 1, "Good after relearning: review");
        /* no steps at all (py-fsrs test_no_learning_steps, test_no_relearning_steps) */
        g = f;
        g.nlearning = g.nrelearning = 0;
        memset(&c, 0, sizeof c);
        review(&g, &c, 0, 1, &o);
        CHECK(c.state == PROCTOR_FSRS_REVIEW && o.days >= 1, "no learning steps: Again on a "
                                                             "new card schedules days");
        review(&g, &c, c.due, 1, &o);
        CHECK(c.state == PROCTOR_FSRS_REVIEW && o.days >= 1 && c.lapses == 1,
              "no relearning steps: a lapse stays in review");
    }

    /* maximum interval (py-fsrs test_maximum_interval) and the review ordering */
    {
        struct proctor_fsrs g = f;
        int ok = 1, ordered = 1;
        g.max_interval = 100;
        memset(&c, 0, sizeof c);
        for (int i = 0; i < 8; i++) {
            review(&g, &c, c.due, i % 2 ? 3 : 4, &o);
            ok &= o.days <= 100;
        }
        CHECK(ok, "no interval passes a maximum of 100 days");
        for (int e = 1; e < 60; e += 7) {
            struct proctor_fsrs_card base;
            int32_t d[5];
            memset(&base, 0, sizeof base);
            review(&f, &base, 0, 3, &o);
            review(&f, &base, 600, 3, &o);
            for (int r = 2; r <= 4; r++) {
                c = base;
                proctor_fsrs_review(&f, &c, base.due + e * 86400, 2 + e, r, 1, &o);
                d[r] = o.days;
            }
            ordered &= d[2] <= d[3] && d[3] < d[4];
        }
        CHECK(ordered, "review intervals are ordered hard <= good < easy");
    }

    /* bad input leaves the card alone */
    memset(&c, 0, sizeof c);
    CHECK_INT(proctor_fsrs_review(&f, &c, 0, 0, 5, 0, &o), PROCTOR_EUSAGE, "rating 5 is refused");
    c.state = 9;
    CHECK_INT(proctor_fsrs_review(&f, &c, 0, 0, 3, 0, &o), PROCTOR_EUSAGE,
              "a state out of range is refused");
    CHECK(c.reps == 0, "and the card is unchanged");
}

static void
test_fuzz(void)
{
    struct proctor_fsrs f;
    struct proctor_fsrs_card a, b;
    struct proctor_fsrs_outcome o;
    int within = 1, varies = 0;

    proctor_fsrs_init(&f);
    /* the range of ts-fsrs get_fuzz_range: 10 days spread by 1 + 0.15 * 4.5 + 0.1 * 3 */
    CHECK_INT(proctor_fsrs_fuzz(&f, 10, 0, 0.0), 8, "10 days fuzz down to 8");
    CHECK_INT(proctor_fsrs_fuzz(&f, 10, 0, 0.999999), 12, "and up to 12");
    CHECK_INT(proctor_fsrs_fuzz(&f, 2, 0, 0.9), 2, "2 days are not fuzzed");
    CHECK_INT(proctor_fsrs_fuzz(&f, 10, 9, 0.0), 10, "never sooner than elapsed + 1 days");
    CHECK_INT(proctor_fsrs_fuzz(&f, 100, 0, 0.0), 93, "100 days: from 93 (delta 6.975)");
    CHECK_INT(proctor_fsrs_fuzz(&f, 100, 0, 0.999999), 107, "to 107");
    f.max_interval = 101;
    CHECK_INT(proctor_fsrs_fuzz(&f, 100, 0, 0.999999), 101, "nor past the maximum");
    proctor_fsrs_init(&f);
    for (uint32_t reps = 0; reps < 200; reps++) {
        uint64_t seed = proctor_fsrs_fuzz_seed("fax-date", reps);
        int32_t d = proctor_fsrs_fuzz(&f, 30, 0, 0.5);
        memset(&a, 0, sizeof a);
        a.state = PROCTOR_FSRS_REVIEW;
        a.stability = 30;
        a.difficulty = 5;
        a.reps = 3;
        b = a;
        proctor_fsrs_review(&f, &a, 0, 30, 3, seed, &o);
        proctor_fsrs_review(&f, &b, 0, 30, 3, seed, NULL);
        within &= a.due == b.due;
        varies |= o.days != d;
    }
    CHECK(within, "the same seed gives the same fuzzed interval");
    CHECK(varies, "different review counts give different intervals");
    CHECK(proctor_fsrs_fuzz_seed("a", 1) != proctor_fsrs_fuzz_seed("b", 1) &&
              proctor_fsrs_fuzz_seed("a", 1) != proctor_fsrs_fuzz_seed("a", 2),
          "the seed depends on the question id and the review count");
    f.fuzz = 0;
    memset(&a, 0, sizeof a);
    a.state = PROCTOR_FSRS_REVIEW;
    a.stability = 30;
    a.difficulty = 5;
    proctor_fsrs_review(&f, &a, 0, 30, 3, 12345, &o);
    {
        struct proctor_fsrs_memory m = {30, 5};
        proctor_fsrs_next(&f, &m, 30, 3, &m);
        CHECK_INT(o.days, proctor_fsrs_interval_days(&f, m.stability),
                  "with fuzz off the interval is the rounded one");
    }
}

int
main(void)
{
    test_curve_and_intervals();
    test_pieces();
    test_weights();
    test_parsers();
    test_memory_states();
    test_state_machine();
    test_fuzz();
    return harness_done();
}
