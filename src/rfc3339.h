/* SPDX-License-Identifier: ISC */
/*
 * rfc3339.h - the one form of time in signed files: RFC 3339 in UTC to the second,
 * "YYYY-MM-DDTHH:MM:SSZ", years 1970 to 9999 (private to libproctor).
 */
#ifndef PROCTOR_RFC3339_H
#define PROCTOR_RFC3339_H

#include <time.h>

#define RFC3339_SIZE 32 /* a buffer for one, with room to spare */

/* t as such a time into out ("1970-01-01T00:00:00Z" when it cannot be shown). */
void rfc3339_format(time_t t, char out[RFC3339_SIZE]);

/* Whether s is exactly such a time. */
int rfc3339_check(const char *s);

/* Whether such a time is a moment that exists: no 30 February, no 31 April, no 29 February
 * outside a leap year, and a 60th second (a leap second) only at 23:59. */
int rfc3339_real(const char *s);

/* Such a time as seconds since the epoch; -1 when s is not one. */
int rfc3339_parse(const char *s, time_t *out);

#endif
