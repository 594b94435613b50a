/* SPDX-License-Identifier: ISC */
/* first-line.c - the first line of a text (a prompt, a comment) cut short for a listing. */
#include <stdio.h>

#include "commands.h"

const char *
cli_first_line(const char *p, size_t width, char *buf, size_t size)
{
    size_t n = 0;

    while (p[n] && p[n] != '\n' && n < width && n + 4 < size)
        n++;
    while (n && p[n] && ((unsigned char)p[n] & 0xc0) == 0x80)
        n--; /* not inside a UTF-8 sequence */
    snprintf(buf, size, "%.*s%s", (int)n, p, p[n] ? "..." : "");
    return buf;
}
