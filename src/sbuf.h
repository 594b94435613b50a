/* SPDX-License-Identifier: ISC */
/*
 * sbuf.h - a growable string buffer for building text (private to libproctor).
 *
 * Rule: a zeroed struct sbuf is empty; appending never fails loudly but sets failed on out
 * of memory, after which appends do nothing; sbuf_finish hands the string to the caller
 * (free) or returns NULL when memory ran out. An sbuf begun in the caller's own buffer
 * (sbuf_on) grows into the heap past it; sbuf_free frees what it holds either way.
 */
#ifndef PROCTOR_SBUF_H
#define PROCTOR_SBUF_H

#include <stddef.h>

struct sbuf {
    char *s;
    size_t len, cap;
    int failed;
    int borrowed; /* s is the caller's buffer (sbuf_on), not the heap's */
};

/* b empty, writing into buf (cap bytes, cap >= 1, the caller's) until it needs more. */
static inline void
sbuf_on(struct sbuf *b, char *buf, size_t cap)
{
    *b = (struct sbuf){buf, 0, cap, 0, 1};
    buf[0] = '\0';
}

/* Frees what b holds (not a buffer of the caller's) and leaves it empty. */
void sbuf_free(struct sbuf *b);

void sbuf_put(struct sbuf *b, const char *p, size_t n);
void sbuf_str(struct sbuf *b, const char *s);
void sbuf_char(struct sbuf *b, char c);

/* sbuf_char without a call while there is room (for loops that add a byte at a time). */
static inline void
sbuf_byte(struct sbuf *b, char c)
{
    if (!b->failed && b->len + 2 <= b->cap) {
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
    } else {
        sbuf_char(b, c);
    }
}

/* Code point c in UTF-8. */
void sbuf_cp(struct sbuf *b, int c);

/* The built string (owned by the caller; "" when nothing was added), or NULL when memory
 * ran out. */
char *sbuf_finish(struct sbuf *b);

#endif
