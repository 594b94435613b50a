/* SPDX-License-Identifier: ISC */
/*
 * grade-prep.h - grading data prepared once per question (private to libproctor).
 *
 * Rule: a cache, never a second way to grade. proctor_grade (grade.c) and the types'
 * grading read q->prep when it is set and compute the very same data on the spot when it is
 * not, so the runner (which never prepares) and verify (which prepares when a verifier is
 * created, before its threads start) grade through one function alike. Preparing writes only
 * q->prep and may fail for lack of memory: the question is then graded unprepared. Read-only
 * once made; freed with the question (bank_question_release).
 */
#ifndef PROCTOR_GRADE_PREP_H
#define PROCTOR_GRADE_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/bank.h"
#include "textmatch.h"

#define GRADE_PREP_ECHOES 32

/* A short question's accepted answer typed as it is written, byte for byte: graded once when
 * prepared, by the very check grading makes (textmatch_short_check, with its note). */
struct short_exact {
    int found, noted; /* found without a note, and with one (note) */
    struct proctor_grade_note note;
};

struct proctor_grade_prep {
    /* short: the accepted and known wrong answers read into words as the question folds
     * them (textmatch_read_all), and each accepted answer holding '*' normalised as a
     * pattern (NULL for the others, or when it could not be) */
    struct short_prep sp;
    /* short: exact[i] for q->accept[i] (a typed answer equal to it grades as it did here, so
     * the usual answer is not read into words again per file); NULL when it could not be */
    struct short_exact *exact;
    /* numeric: the values its prompt states (echoes, number.c), read once */
    int64_t echo[GRADE_PREP_ECHOES];
    size_t necho;
};

/* Prepares q and its gaps (those not yet prepared). */
void grade_prep_question(struct proctor_question *q);

/* Prepares every question of b. b's questions are changed only in their prep member. */
void grade_prep_bank(const struct proctor_bank *b);

void grade_prep_free(struct proctor_grade_prep *p);

/* p->exact for short question q once p->sp is prepared (qtype/short.c: the rules its grading
 * reads); left NULL when out of memory. */
void short_prep_exact(const struct proctor_question *q, struct proctor_grade_prep *p);

#endif
