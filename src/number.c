/* SPDX-License-Identifier: ISC */
/* number.c - numbers as students type them ("1,700", "-3.5"), and points as people read them. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "proctor/grade.h"

/* Numbers a student types: at most 10^15 in magnitude, so thousandths fit an int64. */
#define NUMBER_MAX_UNITS 1000000000000000LL

/* Length of a space-like character at s (ASCII space or tab, or a UTF-8 no-break, thin or
 * narrow no-break space), else 0. */
static size_t
space_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] == ' ' || u[0] == '\t')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2; /* U+00A0 */
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
        return 3; /* U+2009, U+202F */
    return 0;
}

static size_t
skip_spaces(const char *s)
{
    size_t i = 0, n;

    while ((n = space_len(s + i)) > 0)
        i += n;
    return i;
}

/*
 * A number as a student types it: surrounding spaces, an optional sign ('+', '-' or the
 * Unicode minus U+2212), integer digits with optional thousands separators, an optional
 * decimal part. Thousands separators are all commas or all spaces (ASCII, no-break, thin or
 * narrow no-break, one per gap) between correct groups: 1 to 3 digits, then groups of
 * exactly 3 ("1,700", "1 700", "12,345,678"; "17,00" and "1,700 000" are refused). The
 * decimal point is '.'; a comma is never decimal ("2,5" is refused as ambiguous). More than
 * three decimals are rounded half away from zero to thousandths ("0.0005" is 0.001).
 * "1." and "." are refused; ".5" is 0.5. Magnitudes above 10^15 are refused.
 */
int
proctor_parse_number(const char *s, int64_t *out)
{
    int64_t units = 0, frac = 0;
    int neg = 0, sep = 0, fdigits = 0, round_up = 0, ndigits = 0, group;
    size_t n;

    if (!s || !out)
        return -1;
    s += skip_spaces(s);
    if (*s == '+' || *s == '-') {
        neg = *s == '-';
        s++;
    } else if (strncmp(s, "\xE2\x88\x92", 3) == 0) {
        neg = 1;
        s += 3;
    }
    group = 0;
    while (*s >= '0' && *s <= '9') {
        units = units * 10 + (*s - '0');
        if (units > NUMBER_MAX_UNITS)
            return -1;
        group++;
        ndigits++;
        s++;
        if (*s >= '0' && *s <= '9')
            continue;
        /* A separator followed by a digit: a thousands group must follow. */
        n = *s == ',' ? 1 : space_len(s);
        if (n == 0 || !(s[n] >= '0' && s[n] <= '9'))
            break;
        if (sep == 0) {
            if (group > 3)
                return -1;
            sep = *s == ',' ? 1 : 2;
        } else if (group != 3 || sep != (*s == ',' ? 1 : 2)) {
            return -1;
        }
        s += n;
        group = 0;
    }
    if (sep != 0 && group != 3)
        return -1;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return -1;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (fdigits < 3)
                frac = frac * 10 + (*s - '0');
            else if (fdigits == 3)
                round_up = *s >= '5';
            fdigits++;
            ndigits++;
        }
    }
    if (ndigits == 0)
        return -1;
    s += skip_spaces(s);
    if (*s != '\0')
        return -1;
    for (; fdigits < 3; fdigits++)
        frac *= 10;
    units = units * 1000 + frac + round_up;
    if (units > NUMBER_MAX_UNITS * 1000)
        return -1;
    *out = neg ? -units : units;
    return 0;
}

const char *
proctor_format_points(int64_t v, char *buf, size_t size)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    unsigned frac = (unsigned)(a % 1000);
    char digits[8];
    int nd;

    if (!buf || size == 0)
        return buf;
    if (frac == 0) {
        snprintf(buf, size, "%s%llu", v < 0 ? "-" : "", (unsigned long long)(a / 1000));
        return buf;
    }
    nd = 3;
    snprintf(digits, sizeof digits, "%03u", frac);
    while (nd > 0 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    snprintf(buf, size, "%s%llu.%s", v < 0 ? "-" : "", (unsigned long long)(a / 1000), digits);
    return buf;
}
