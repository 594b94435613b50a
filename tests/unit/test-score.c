/* SPDX-License-Identifier: ISC */
/* test-score.c - the percentage rule and points formatted for people. */
#include <stdint.h>
#include <stdio.h>

#include "harness.h"
#include "proctor/score.h"

static void
percent(void)
{
    CHECK_INT(proctor_percent(0, 1000), 0, "nothing earned is 0%%");
    CHECK_INT(proctor_percent(1000, 1000), 100, "full marks are 100%%");
    CHECK_INT(proctor_percent(2000, 3000), 67, "2 of 3 is 67%% (nearest)");
    CHECK_INT(proctor_percent(1000, 3000), 33, "1 of 3 is 33%%");
    CHECK_INT(proctor_percent(4000, 9000), 44, "4 of 9 is 44%%");
    CHECK_INT(proctor_percent(1000, 8000), 13, "12.5%% rounds half up to 13%%");
    CHECK_INT(proctor_percent(1000, 200000), 1, "0.5%% rounds half up to 1%%");
    CHECK_INT(proctor_percent(1, 1000000), 1, "a score above zero never reads 0%%");
    CHECK_INT(proctor_percent(199000, 200000), 99, "99.5%% short of full reads 99%%, not 100%%");
    CHECK_INT(proctor_percent(999999, 1000000), 99, "one thousandth short of full reads 99%%");
    CHECK_INT(proctor_percent(1500, 1000), 100, "earned above max is clamped to 100%%");
    CHECK_INT(proctor_percent(-5, 1000), 0, "a negative score is clamped to 0%%");
    CHECK_INT(proctor_percent(0, 0), -1, "nothing to score is -1");
    CHECK_INT(proctor_percent(5, -1), -1, "a negative max is -1");
    CHECK_INT(proctor_percent(INT64_C(1) << 50, INT64_C(1) << 51), 50, "large scores do not overflow");
}

static void
score(void)
{
    char b[32];
    CHECK_STR(proctor_format_score(7000, b, sizeof b), "7", "whole points");
    CHECK_STR(proctor_format_score(6667, b, sizeof b), "6.67", "two decimals, nearest");
    CHECK_STR(proctor_format_score(6665, b, sizeof b), "6.67", "halves up");
    CHECK_STR(proctor_format_score(6664, b, sizeof b), "6.66", "below half down");
    CHECK_STR(proctor_format_score(500, b, sizeof b), "0.5", "trailing zero dropped");
    CHECK_STR(proctor_format_score(1999, b, sizeof b), "2", "rounding to a whole number");
    CHECK_STR(proctor_format_score(0, b, sizeof b), "0", "zero");
    CHECK_STR(proctor_format_score(4, b, sizeof b), "0", "a sliver rounds to 0");
    CHECK_STR(proctor_format_score(-2500, b, sizeof b), "-2.5", "negative keeps its sign");
    CHECK_STR(proctor_format_score(-4, b, sizeof b), "0", "no minus zero");
    CHECK_STR(proctor_format_score(INT64_MAX, b, sizeof b), "9223372036854775.81",
              "the largest value");
    CHECK_STR(proctor_format_score(7000, b, 2), "7", "a short buffer is truncated, terminated");
}

static void
share(void)
{
    char b[48];
    CHECK_STR(proctor_format_share(1000, 1000, b, sizeof b), "1 of 1 point", "full, one point");
    CHECK_STR(proctor_format_share(0, 2000, b, sizeof b), "0 of 2 points", "nothing of two");
    CHECK_STR(proctor_format_share(666, 1000, b, sizeof b), "2/3 of a point",
              "grading's rounded-down 2/3 reads as 2/3");
    CHECK_STR(proctor_format_share(333, 1000, b, sizeof b), "1/3 of a point", "1/3");
    CHECK_STR(proctor_format_share(500, 1000, b, sizeof b), "1/2 of a point", "1/2");
    CHECK_STR(proctor_format_share(1000, 2000, b, sizeof b), "1/2 of 2 points", "1/2 of two");
    CHECK_STR(proctor_format_share(1333, 2000, b, sizeof b), "2/3 of 2 points", "2/3 of two");
    CHECK_STR(proctor_format_share(2500, 3000, b, sizeof b), "5/6 of 3 points", "5/6 of three");
    CHECK_STR(proctor_format_share(466, 1000, b, sizeof b), "7/15 of a point",
              "an order question's 7 of 15 pairs");
    CHECK_STR(proctor_format_share(450, 1000, b, sizeof b), "0.45 of a point",
              "not a small fraction: two decimals");
    CHECK_STR(proctor_format_share(1234, 2000, b, sizeof b), "1.23 of 2 points",
              "two decimals of two points");
    CHECK_STR(proctor_format_share(667, 1000, b, sizeof b), "0.67 of a point",
              "667 is not a rounded-down third");
    CHECK_STR(proctor_format_share(3, 10, b, sizeof b), "0 of 0.01 points",
              "tiny points: no guessing at fractions");
}

/* The formatting proctor_format_score had (snprintf), the reference for the one by hand. */
static const char *
old_format(int64_t v, char *buf, size_t size)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t hundredths = (a + 5) / 10;
    const char *sign = v < 0 && hundredths ? "-" : "";

    if (hundredths % 100 == 0)
        snprintf(buf, size, "%s%llu", sign, (unsigned long long)(hundredths / 100));
    else if (hundredths % 10 == 0)
        snprintf(buf, size, "%s%llu.%llu", sign, (unsigned long long)(hundredths / 100),
                 (unsigned long long)(hundredths % 100 / 10));
    else
        snprintf(buf, size, "%s%llu.%02llu", sign, (unsigned long long)(hundredths / 100),
                 (unsigned long long)(hundredths % 100));
    return buf;
}

static void
format_by_hand(void)
{
    static const int64_t edges[] = {INT64_MIN, INT64_MIN + 1, INT64_MIN + 5, -1005, -995, -5,
                                    -4, 4, 5, 995, 1005, INT64_MAX - 5, INT64_MAX - 4,
                                    INT64_MAX};
    size_t bad = 0, tried = 0, ne = sizeof edges / sizeof edges[0];

    /* every value near zero, a sample further out, and the extremes; buffers of 1 to 24 */
    for (int64_t v = -300000, i = 0; v <= 300000 || (size_t)i < ne;
         v += v < -20000 || v > 20000 ? 997 : 1) {
        int64_t w = v <= 300000 ? v : edges[i++];
        for (size_t size = 1; size <= 24; size += size < 8 ? 1 : 16) {
            char a[32], b[32];
            proctor_format_score(w, a, size);
            old_format(w, b, size);
            bad += strcmp(a, b) != 0;
            tried++;
        }
    }
    CHECK(bad == 0, "points by hand match the snprintf forms, cut short too (%zu cases, %zu "
                    "differ)", tried, bad);
}

int
main(void)
{
    percent();
    score();
    share();
    format_by_hand();
    return harness_done();
}
