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

/* Whether the n ids of opts are all there and all different. */
static int
ids_distinct(const struct proctor_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!opts[i].id)
            return 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(opts[i].id, opts[j].id) == 0)
                return 0;
    }
    return 1;
}

/* p->exact for q, q->prep being p (set last: until then grading reads every answer). */
static void
prep_exact(const struct proctor_question *q, struct proctor_grade_prep *p)
{
    struct grade_exact *x;
    size_t n = 0;

    if (q->type == PROCTOR_SHORT) {
        if (!(x = calloc(q->naccept ? q->naccept : 1, sizeof *x)))
            return;
        for (size_t i = 0; i < q->naccept; i++)
            if (q->accept[i])
                x[n++].text = q->accept[i];
    } else {
        if (!(x = calloc(1, sizeof *x)))
            return;
        x[n++].text = proctor_format_points(q->value, p->value, sizeof p->value);
    }
    for (size_t i = 0; i < n; i++) {
        struct proctor_response r = {1, (char *)x[i].text, 0, NULL, NULL, 0, 1};
        x[i].earned = QTYPE(q)->grade(q, &r, NULL);
        x[i].noted = QTYPE(q)->grade(q, &r, &x[i].note);
    }
    p->exact = x;
    p->nexact = n;
}

void
grade_prep_question(struct proctor_question *q)
{
    struct proctor_grade_prep *p;

    for (size_t k = 0; k < q->ngaps; k++)
        grade_prep_question(&q->gaps[k]);
    if (q->prep || q->sealed)
        return;
    if (q->type == PROCTOR_CHOICE || q->type == PROCTOR_MULTI || q->type == PROCTOR_ORDER ||
        q->type == PROCTOR_MATCH) {
        if ((p = calloc(1, sizeof *p))) {
            p->distinct = ids_distinct(q->options, q->noptions) &&
                          ids_distinct(q->rights, q->nrights);
            q->prep = p;
        }
        return;
    }
    if (q->type != PROCTOR_SHORT && q->type != PROCTOR_NUMERIC)
        return;
    if (!(p = calloc(1, sizeof *p + (q->type == PROCTOR_NUMERIC
                                         ? GRADE_PREP_ECHOES * sizeof *p->echo
                                         : 0))))
        return;
    if (q->type == PROCTOR_SHORT &&
        textmatch_short_prep(&p->sp, q->accept, q->naccept, q->reject, q->nreject, q->match) < 0) {
        grade_prep_free(p);
        return;
    }
    /* a prompt that cannot be read now (out of memory) is read again when grading */
    if (q->type == PROCTOR_NUMERIC &&
        number_prompt_values(q->prompt, p->echo, GRADE_PREP_ECHOES, &p->necho) < 0) {
        grade_prep_free(p);
        return;
    }
    q->prep = p;
    prep_exact(q, p);
}

int
grade_exact(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note, int64_t *earned)
{
    const struct proctor_grade_prep *p = q->prep;

    if (!p || !p->exact || !r->text)
        return 0;
    for (size_t i = 0; i < p->nexact; i++)
        if (strcmp(r->text, p->exact[i].text) == 0) {
            if (note)
                *note = p->exact[i].note;
            *earned = note ? p->exact[i].noted : p->exact[i].earned;
            return 1;
        }
    return 0;
}

void
grade_prep_bank(const struct proctor_bank *b)
{
    /* the bank is the caller's and const to it: its questions' prep is a cache */
    for (size_t i = 0; b && i < b->nquestions; i++)
        grade_prep_question(&b->questions[i]);
}
