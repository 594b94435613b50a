/* SPDX-License-Identifier: ISC */
/* sbuf.c - a growable string buffer for building text. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "sbuf.h"

void
sbuf_put(struct sbuf *b, const char *p, size_t n)
{
    char *t;
    size_t want;

    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        want = b->cap ? b->cap : 64;
        while (want < b->len + n + 1)
            want *= 2;
        /* past the caller's buffer: into the heap, with what it holds */
        t = b->borrowed ? malloc(want) : realloc(b->s, want);
        if (!t) {
            b->failed = 1;
            return;
        }
        if (b->borrowed)
            memcpy(t, b->s, b->len + 1);
        b->borrowed = 0;
        b->s = t;
        b->cap = want;
    }
    if (n) /* p may be NULL when n is 0 (an empty, or failed, sbuf's text) */
        memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void
sbuf_str(struct sbuf *b, const char *s)
{
    sbuf_put(b, s, strlen(s));
}

void
sbuf_char(struct sbuf *b, char c)
{
    sbuf_put(b, &c, 1);
}

void
sbuf_cp(struct sbuf *b, int c)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)c, tmp);

    sbuf_put(b, (const char *)tmp, (size_t)n);
}

char *
sbuf_finish(struct sbuf *b)
{
    if (b->failed || !b->s || b->borrowed) {
        char *copy = b->failed ? NULL : strdup(b->s ? b->s : "");
        sbuf_free(b);
        return copy;
    }
    return b->s;
}

void
sbuf_free(struct sbuf *b)
{
    if (!b->borrowed)
        free(b->s);
    *b = (struct sbuf){0};
}
