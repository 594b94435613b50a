/* SPDX-License-Identifier: ISC */
/*
 * gradebook.h - one grade per student from the verdicts on an assignment's result files:
 * the attempt limit, the grading method over a student's attempts, and the class summary.
 *
 * Rule: a gradebook is owned by the caller (proctor_gradebook_free) and copies what it keeps
 * of each verdict; rows returned are borrowed until the next add, count or the free.
 */
#ifndef PROCTOR_GRADEBOOK_H
#define PROCTOR_GRADEBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/verify.h"

enum proctor_method {
    PROCTOR_METHOD_HIGHEST, /* the best attempt */
    PROCTOR_METHOD_LAST,    /* the attempt with the highest number (then the latest finish) */
    PROCTOR_METHOD_FIRST,   /* the attempt with the lowest number (then the earliest finish) */
    PROCTOR_METHOD_AVERAGE  /* the mean of the attempts, rounded to a thousandth of a point */
};

/* "highest", "last", "first", "average"; -1 when unknown. */
int proctor_method_parse(const char *name);
const char *proctor_method_name(enum proctor_method m);

struct proctor_gradebook_row {
    char student[PROCTOR_ID_MAX + 1];
    char name[PROCTOR_NAME_MAX + 1];
    enum proctor_status status; /* OK: graded; CONFLICT: a file of the student's is in
                                   conflict (needs the teacher's decision); INVALID: no
                                   valid result */
    int graded;             /* at least one valid attempt counts */
    int64_t earned, max;    /* the grade, essays included (thousandths), when graded */
    size_t files;           /* result files naming this student, valid or not */
    size_t counted;         /* valid attempts within the limit */
    int64_t attempt;        /* the attempt chosen (0 for average) */
    char finished[32];      /* its finish time (average: the latest) */
    char reason[256];       /* CONFLICT: the conflicts; not graded: why a file was refused
                               (the reason that sorts first, so no file order decides) */
    char warnings[256];     /* of the attempt(s) graded, and files refused */
};

struct proctor_gradebook;

int proctor_gradebook_new(enum proctor_method method, struct proctor_gradebook **out,
                          struct proctor_error *err);
void proctor_gradebook_free(struct proctor_gradebook *g);

/*
 * Adds the verdict on one result file of an assignment, after proctor_verdicts_settle (which
 * applies the attempt limit), in any order: the rows do not depend on it. A file counts for
 * the student it is charged to (whose key signed it); one charged to nobody (not signed by a
 * roster key) adds no row, and a second copy of one file (duplicate) counts once. Returns 0
 * when the verdict counts (OK or CONFLICT), PROCTOR_EVERIFY when not, PROCTOR_ENOMEM.
 */
int proctor_gradebook_add(struct proctor_gradebook *g, const struct proctor_verdict *v);

/* The number of rows, one per student, sorted by student id and brought up to date; then
 * row i (NULL past the end). */
size_t proctor_gradebook_count(struct proctor_gradebook *g);
const struct proctor_gradebook_row *proctor_gradebook_row(const struct proctor_gradebook *g,
                                                          size_t i);

struct proctor_gradebook_summary {
    size_t students;           /* rows */
    size_t graded;             /* rows with a grade */
    int64_t mean, median;      /* of the graded rows' percentages, in thousandths of a percent */
    size_t histogram[10];      /* graded rows by percentage: 0-9, 10-19, ..., 90-100 */
};

void proctor_gradebook_summary(struct proctor_gradebook *g,
                               struct proctor_gradebook_summary *out);

#endif
