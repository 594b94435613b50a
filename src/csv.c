/* SPDX-License-Identifier: ISC */
/* csv.c - CSV cells for spreadsheets: quoting and the formula guard. */
#include <string.h>

#include "csv.h"

/* Whether a spreadsheet could take cell s for a formula. */
static int
formula(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    if (*p == '\t' || *p == '\r')
        return 1;
    while (*p && (*p <= ' ' || *p == 0x7F))
        p++;
    return *p && strchr("=+-@", *p) != NULL;
}

void
csv_cell(struct sbuf *b, const char *s, int last)
{
    int f = formula(s);

    if (f || strpbrk(s, ",\"\r\n")) {
        sbuf_char(b, '"');
        if (f)
            sbuf_char(b, '\'');
        for (; *s; s++) {
            if (*s == '"')
                sbuf_char(b, '"');
            sbuf_char(b, *s);
        }
        sbuf_char(b, '"');
    } else {
        sbuf_str(b, s);
    }
    sbuf_str(b, last ? "\r\n" : ",");
}
