/* SPDX-License-Identifier: ISC */
/* grade-prep.c - grading data prepared once per question (the cache grade-prep.h describes). */
#include <stdlib.h>
#include <string.h>

#include "grade-prep.h"
#include "number.h"
#include "qtype.h"

void
grade_prep_free(struct proctor_grade_prep *p)
{
    if (!p)
        return;
    textmatch_short_prep_release(&p->sp);
    free(p->exact);
    free(p);
}

void
grade_prep_question(struct proctor_question *q)
{
    struct proctor_grade_prep *p;

    for (size_t k = 0; k < q->ngaps; k++)
        grade_prep_question(&q->gaps[k]);
    if (q->prep || q->sealed || (q->type != PROCTOR_SHORT && q->type != PROCTOR_NUMERIC))
        return;
    if (!(p = calloc(1, sizeof *p)))
        return;
    if (q->type == PROCTOR_SHORT &&
        textmatch_short_prep(&p->sp, q->accept, q->naccept, q->reject, q->nreject, q->match) < 0) {
        grade_prep_free(p);
        return;
    }
    if (q->type == PROCTOR_SHORT)
        short_prep_exact(q, p);
    /* a prompt that cannot be read now (out of memory) is read again when grading */
    if (q->type == PROCTOR_NUMERIC &&
        number_prompt_values(q->prompt, p->echo, GRADE_PREP_ECHOES, &p->necho) < 0) {
        grade_prep_free(p);
        return;
    }
    q->prep = p;
}

void
grade_prep_bank(const struct proctor_bank *b)
{
    /* the bank is the caller's and const to it: its questions' prep is a cache */
    for (size_t i = 0; b && i < b->nquestions; i++)
        grade_prep_question(&b->questions[i]);
}
