/* SPDX-License-Identifier: ISC */
/* score.c - the one percentage rule and points formatted for people. */
#include <stdio.h>

#include "proctor/score.h"

#define SHARE_MAX_DENOMINATOR 16
/* below this max (thousandths), rounded-down shares of different fractions can coincide */
#define SHARE_MIN_MAX 250

int
proctor_percent(int64_t earned, int64_t max)
{
    int64_t p;

    if (max <= 0)
        return -1;
    if (earned <= 0)
        return 0;
    if (earned >= max)
        return 100;
    /* earned * 100 + max / 2 cannot overflow for any score a bank can hold (max < 2^56) */
    p = (earned * 100 + max / 2) / max;
    if (p >= 100)
        return 99;
    if (p <= 0)
        return 1;
    return (int)p;
}

const char *
proctor_format_score(int64_t v, char *buf, size_t size)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t hundredths = (a + 5) / 10;
    const char *sign = v < 0 && hundredths ? "-" : "";

    if (!buf || size == 0)
        return buf;
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

/* max * num / den rounded down, as grading shares points (0 < num < den). */
static int64_t
share_of(int64_t max, int64_t num, int64_t den)
{
    return (max / den) * num + (max % den) * num / den;
}

const char *
proctor_format_share(int64_t earned, int64_t max, char *buf, size_t size)
{
    char m[32], e[32];
    const char *unit = max == 1000 ? "point" : "points";

    if (!buf || size == 0)
        return buf;
    proctor_format_score(max, m, sizeof m);
    if (earned <= 0 || earned >= max || max <= 0) {
        snprintf(buf, size, "%s of %s %s", proctor_format_score(earned, e, sizeof e), m, unit);
        return buf;
    }
    for (int64_t d = 2; max >= SHARE_MIN_MAX && d <= SHARE_MAX_DENOMINATOR; d++)
        for (int64_t n = 1; n < d; n++)
            if (share_of(max, n, d) == earned) {
                if (max == 1000)
                    snprintf(buf, size, "%lld/%lld of a point", (long long)n, (long long)d);
                else
                    snprintf(buf, size, "%lld/%lld of %s points", (long long)n, (long long)d, m);
                return buf;
            }
    if (max == 1000)
        snprintf(buf, size, "%s of a point", proctor_format_score(earned, e, sizeof e));
    else
        snprintf(buf, size, "%s of %s points", proctor_format_score(earned, e, sizeof e), m);
    return buf;
}
