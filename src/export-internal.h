/* SPDX-License-Identifier: ISC */
/* export-internal.h - what the exporters (gift-export.c, qti-export.c) share (private). */
#ifndef PROCTOR_EXPORT_INTERNAL_H
#define PROCTOR_EXPORT_INTERNAL_H

#include <string.h>

#include "proctor/bank.h"
#include "sbuf.h"

/* Whether q cites one of the documents docs[0..ndocs), or ndocs is 0 (every question). */
static inline int
export_cites(const struct proctor_question *q, const char *const *docs, size_t ndocs)
{
    if (!ndocs)
        return 1;
    for (size_t i = 0; i < ndocs; i++)
        if (q->doc && strcmp(q->doc->id, docs[i]) == 0)
            return 1;
    return 0;
}

/* s with its white space folded (runs of it one space, none at either end), each other
 * character written by put (the format's escaping) */
static inline void
export_folded(struct sbuf *b, const char *s, void (*put)(struct sbuf *, char))
{
    int space = 0, any = 0;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v') {
            space = any;
            continue;
        }
        if (space)
            sbuf_char(b, ' ');
        space = 0;
        any = 1;
        put(b, *s);
    }
}

#endif
