/* SPDX-License-Identifier: ISC */
/* local-time.c - a time from a signed file (RFC 3339 in UTC) in the user's own time zone. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commands.h"

int
cli_utc_parse(const char *rfc, time_t *out)
{
    struct tm tm;

    memset(&tm, 0, sizeof tm);
    if (sscanf(rfc, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return 0;
}

const char *
cli_local_time(time_t t, char *buf, size_t size)
{
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M %Z", &tm);
    return buf;
}
