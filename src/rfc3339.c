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

int
rfc3339_real(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year, month, day;

    if (!rfc3339_check(s))
        return 0;
    year = atoi(s);
    month = atoi(s + 5);
    day = atoi(s + 8);
    if (day > days[month - 1])
        return 0;
    if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
        return 0;
    return atoi(s + 17) < 60 || strncmp(s + 11, "23:59", 5) == 0;
}

int
rfc3339_parse(const char *s, time_t *out)
{
    struct tm tm;
    time_t t;

    if (!rfc3339_check(s))
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = atoi(s + 5) - 1;
    tm.tm_mday = atoi(s + 8);
    tm.tm_hour = atoi(s + 11);
    tm.tm_min = atoi(s + 14);
    tm.tm_sec = atoi(s + 17);
    t = timegm(&tm);
    if (t == (time_t)-1)
        return -1;
    *out = t;
    return 0;
}
