/* SPDX-License-Identifier: ISC */
/* rfc3339.c - UTC times as signed files write them: "2024-05-01T10:00:00Z", nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rfc3339.h"

void
rfc3339_format(time_t t, char out[RFC3339_SIZE])
{
    struct tm tm;

    if (!gmtime_r(&t, &tm) || strftime(out, RFC3339_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, RFC3339_SIZE, "1970-01-01T00:00:00Z");
}

static int
digits(const char *s, int n, int lo, int hi)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi;
}

/* "YYYY-MM-DDTHH:MM:SSZ", UTC, nothing else */
int
rfc3339_check(const char *s)
{
    return strlen(s) == 20 && digits(s, 4, 1970, 9999) && s[4] == '-' &&
           digits(s + 5, 2, 1, 12) && s[7] == '-' && digits(s + 8, 2, 1, 31) && s[10] == 'T' &&
           digits(s + 11, 2, 0, 23) && s[13] == ':' && digits(s + 14, 2, 0, 59) &&
           s[16] == ':' && digits(s + 17, 2, 0, 60) && s[19] == 'Z';
}

/* The n digits at s (checked already) as a number. */
static int
num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int
rfc3339_real(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year, month, day;

    if (!rfc3339_check(s))
        return 0;
    year = num(s, 4);
    month = num(s + 5, 2);
    day = num(s + 8, 2);
    if (day > days[month - 1])
        return 0;
    if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
        return 0;
    return num(s + 17, 2) < 60 || memcmp(s + 11, "23:59", 5) == 0;
}

/* Days from 1970-01-01 to year-month-01 (proleptic Gregorian; month 1..12). */
static long long
days_to_month(long long year, int month)
{
    /* the year taken to start in March, so that a leap day ends it */
    long long y = year - (month <= 2), era = y / 400, yoe = y - era * 400;
    int mp = (month + 9) % 12;
    long long doy = (153 * mp + 2) / 5, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

/* As timegm reads the fields (a 31 April is 1 May; a 60th second the next minute's first),
 * without its time-zone machinery: verify reads two times per file. */
int
rfc3339_parse(const char *s, time_t *out)
{
    long long days;

    if (!rfc3339_check(s))
        return -1;
    days = days_to_month(num(s, 4), num(s + 5, 2)) + num(s + 8, 2) - 1;
    *out = (time_t)(days * 86400 + num(s + 11, 2) * 3600LL + num(s + 14, 2) * 60LL +
                    num(s + 17, 2));
    return 0;
}
