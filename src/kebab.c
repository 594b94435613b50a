/* SPDX-License-Identifier: ISC */
/* kebab.c - kebab-case names made from text. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "kebab.h"

size_t
kebab_from(const char *s, size_t n, size_t max, char *out, size_t size)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t fl;
    const char *p;
    size_t len = 0, pn;
    int hyphen = 0;

    if (size == 0)
        return 0;
    if (max > size - 1)
        max = size - 1;
    fl = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &folded,
                      UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    /* text that is not UTF-8 is taken byte by byte: only its ASCII letters and digits stay */
    p = fl >= 0 ? (const char *)folded : s;
    pn = fl >= 0 ? (size_t)fl : n;
    for (size_t i = 0; i < pn; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            int starts = hyphen && len > 0;
            if (len + (size_t)starts + 1 > max) {
                /* too long: end at the last whole word */
                if (!starts && len > 0) {
                    char *h = memrchr(out, '-', len);
                    if (h)
                        len = (size_t)(h - out);
                }
                break;
            }
            if (starts)
                out[len++] = '-';
            hyphen = 0;
            out[len++] = c;
        } else {
            hyphen = 1;
        }
    }
    free(folded);
    while (len > 0 && out[len - 1] == '-')
        len--;
    out[len] = '\0';
    return len;
}
