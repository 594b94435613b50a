/* SPDX-License-Identifier: ISC */
/* export-internal.h - what the exporters (gift-export.c, qti-export.c) share (private). */
#ifndef PROCTOR_EXPORT_INTERNAL_H
#define PROCTOR_EXPORT_INTERNAL_H

#include <string.h>

#include "proctor/bank.h"

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

#endif
