/* SPDX-License-Identifier: ISC */
/*
 * grade.c - the one grading function, shared by the runner and the verifier.
 *
 * Deterministic and integer (thousandths of a point), so that the runner and the verifier
 * always compute the same score. Each type grades through its row of qtypes[] (qtype.h);
 * this is where a score is bounded whatever a type returns.
 */
#include <stdint.h>
#include <string.h>

#include "proctor/grade.h"
#include "grade-prep.h"
#include "qtype.h"

int64_t
proctor_grade_max(const struct proctor_question *q)
{
    if (!q || (unsigned)q->type >= PROCTOR_NTYPES || q->points < 0 || q->sealed)
        return 0;
    return QTYPE(q)->max(q);
}

int64_t
proctor_grade_noted(const struct proctor_question *q, const struct proctor_response *r,
                    struct proctor_grade_note *note)
{
    int64_t earned, max;

    if (note)
        memset(note, 0, sizeof *note);
    if (!q || !r || !r->answered || (unsigned)q->type >= PROCTOR_NTYPES || q->points <= 0 ||
        q->sealed)
        return 0;
    /* the answer expected, typed as it is written: graded so when q was prepared */
    if (!q->prep || !q->prep->exact || !grade_exact(q, r, note, &earned))
        earned = QTYPE(q)->grade(q, r, note);
    max = proctor_grade_max(q);
    if (earned < 0)
        earned = 0;
    if (earned > max)
        earned = max;
    if (note && earned < max) {
        /* a note is about an answer accepted; only the number read stays */
        int have = note->have_number;
        int64_t number = note->number;
        memset(note, 0, sizeof *note);
        note->have_number = have;
        note->number = number;
    }
    return earned;
}

int64_t
proctor_grade(const struct proctor_question *q, const struct proctor_response *r)
{
    return proctor_grade_noted(q, r, NULL);
}
