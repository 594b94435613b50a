/* SPDX-License-Identifier: ISC */
/* score.c - the one percentage rule and points formatted for people. */
#include <stdio.h>
#include <string.h>

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
    uint64_t hundredths = (a + 5) / 10, whole = hundredths / 100;
    unsigned frac = (unsigned)(hundredths % 100);
    char t[32], d[24];
    size_t n = 0, k = 0;

    if (!buf || size == 0)
        return buf;
    /* "%s%llu", then ".%llu" of the tenths or ".%02llu" of the hundredths, by hand: verify
     * prints a score per file */
    if (v < 0 && hundredths)
        t[n++] = '-';
    do
        d[k++] = (char)('0' + whole % 10);
    while ((whole /= 10) != 0);
    while (k)
        t[n++] = d[--k];
    if (frac) {
        t[n++] = '.';
        t[n++] = (char)('0' + frac / 10);
        if (frac % 10)
            t[n++] = (char)('0' + frac % 10);
    }
    if (n > size - 1)
        n = size - 1; /* cut short, as snprintf would */
    memcpy(buf, t, n);
    buf[n] = '\0';
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
