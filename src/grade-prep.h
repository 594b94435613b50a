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

/*
 * The answer a question expects, typed as it is written (a short question's accepted answers,
 * a numeric one's value as proctor_format_points writes it): graded once when the question is
 * prepared, by its type's grading itself, without a note and with one. A response whose text
 * is the same bytes is given that grade (grade_exact), so the usual answer is not read again
 * for every file.
 */
struct grade_exact {
    const char *text;
    int64_t earned, noted; /* the type's grade without a note, and with one (note) */
    struct proctor_grade_note note;
};

struct proctor_grade_prep {
    /* short: the accepted and known wrong answers read into words as the question folds
     * them (textmatch_read_all), and each accepted answer holding '*' normalised as a
     * pattern (NULL for the others, or when it could not be) */
    struct short_prep sp;
    /* the answers graded once (grade_exact), NULL when there are none or no memory */
    struct grade_exact *exact;
    size_t nexact;
    char value[32]; /* numeric: exact[0].text */
    /* choice, multi, order, match: its option ids are all different, and its right ids (a
     * loaded bank's are: bank.c and match.c refuse a repeated one), so an id found at a
     * place is found nowhere else (qtype_find_option_at) */
    int distinct;
    /* numeric: the values its prompt states (echoes, number.c), read once: room for
     * GRADE_PREP_ECHOES of them only in a numeric question's (the others' are the size of
     * the struct) */
    size_t necho;
    int64_t echo[];
};

/* Prepares q and its gaps (those not yet prepared): short and numeric questions, and those
 * with options. */
void grade_prep_question(struct proctor_question *q);

/* Prepares every question of b. b's questions are changed only in their prep member. */
void grade_prep_bank(const struct proctor_bank *b);

void grade_prep_free(struct proctor_grade_prep *p);

/* 1 and *earned (and *note, when not NULL) when r's text is one of q's prepared exact answers
 * (grade.c: what the type's grading would give); else 0. */
int grade_exact(const struct proctor_question *q, const struct proctor_response *r,
                struct proctor_grade_note *note, int64_t *earned);

#endif
