/* SPDX-License-Identifier: ISC */
/*
 * describe.c - the correct answer and a student's response, described for people: in
 * feedback, the end-of-practice review, graded work and show.
 */
#include <stdlib.h>
#include <string.h>

#include "proctor/grade.h"
#include "qtype.h"

/* perm, when it is a valid display order of q's drawn list; else NULL (canonical order). */
static const size_t *
usable_perm(const struct proctor_question *q, const size_t *perm)
{
    const struct proctor_option *list;
    int shows;

    if (perm && qtype_check_perm(perm, QTYPE(q)->items(q, &list, &shows), NULL) != 0)
        return NULL;
    return perm;
}

char *
proctor_describe_answer(const struct proctor_question *q, const size_t *perm)
{
    struct sbuf b = {0};

    if (!q)
        return NULL;
    if ((unsigned)q->type < PROCTOR_NTYPES)
        QTYPE(q)->describe_answer(&b, q, usable_perm(q, perm));
    return sbuf_finish(&b);
}

char *
proctor_describe_response(const struct proctor_question *q, const size_t *perm,
                          const struct proctor_response *r)
{
    struct sbuf b = {0};

    if (!q || !r)
        return NULL;
    if (r->answered && (unsigned)q->type < PROCTOR_NTYPES)
        QTYPE(q)->describe_response(&b, q, usable_perm(q, perm), r);
    return sbuf_finish(&b);
}
