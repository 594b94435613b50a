/* SPDX-License-Identifier: ISC */
/*
 * gradebook.h - one grade per student from the verdicts on an assignment's result files:
 * the attempt limit, the grading method over a student's attempts, the students of the
 * roster who handed nothing in, the class summary, and the gradebook as CSV (proctor's own
 * columns, or the shapes Moodle and Canvas import).
 *
 * Rule: a gradebook is owned by the caller (proctor_gradebook_free) and copies what it keeps
 * of each verdict; it borrows the assignment and answer key it is given (they must outlive
 * it); rows returned are borrowed until the next add, count or the free; CSV text is the
 * caller's to free.
 */
#ifndef PROCTOR_GRADEBOOK_H
#define PROCTOR_GRADEBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/assignment.h"
#include "proctor/keys.h"
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
                                   conflict (needs the teacher's decision); INVALID: files
                                   handed in, none valid; MISSING: on the roster, nothing
                                   handed in */
    int graded;             /* at least one valid attempt counts */
    int64_t earned, max;    /* the grade, essays included (thousandths), when graded */
    size_t files;           /* result files charged to this student, valid or not */
    size_t attempts;        /* of them, the attempts made: each file once (copies of one
                               file count once) */
    size_t counted;         /* valid attempts within the limit */
    int64_t attempt;        /* the attempt chosen (0 for average) */
    char finished[32];      /* its finish time (average: the latest) */
    int late, overtime;     /* the attempt chosen was late, over the time limit (average:
                               any attempt) */
    char reason[256];       /* CONFLICT: the conflicts; not graded: why a file was refused
                               (the reason that sorts first, so no file order decides) */
    char warnings[256];     /* of the attempt(s) graded, and files refused */
    const struct proctor_verdict_item *items; /* per question of the assignment, of the
                                   attempt chosen (average: the mean points; answered, marked
                                   and picks of any attempt); NULL when not graded or the
                                   verdicts carried none */
    size_t nitems;
};

struct proctor_gradebook;

int proctor_gradebook_new(enum proctor_method method, struct proctor_gradebook **out,
                          struct proctor_error *err);
void proctor_gradebook_free(struct proctor_gradebook *g);

/*
 * The assignment the results are of and its questions with answers (the answer key's bank,
 * or the open assignment's own), both borrowed: the CSV names the assignment and has one
 * column per question, headed by its id and, when the answer key records it, the bank id it
 * was made from ("q3 fax-date").
 */
void proctor_gradebook_set_assignment(struct proctor_gradebook *g,
                                      const struct proctor_assignment *a,
                                      const struct proctor_bank *key);

/*
 * Adds a row for every student of roster, so that those who hand in nothing are MISSING
 * rather than absent. 0, or PROCTOR_ENOMEM.
 */
int proctor_gradebook_add_roster(struct proctor_gradebook *g, const struct proctor_roster *r);

/*
 * Adds the verdict on one result file of an assignment, after proctor_verdicts_settle (which
 * applies the attempt limit), in any order: the rows do not depend on it. A file counts for
 * the student it is charged to (whose key signed it); one charged to nobody (not signed by a
 * roster key) adds no row, a second copy of one file (duplicate) counts once, and an
 * UNCHECKED file (another assignment's) is not this assignment's. Returns 0 when the verdict
 * counts (OK or CONFLICT), PROCTOR_EVERIFY when not, PROCTOR_ENOMEM.
 */
int proctor_gradebook_add(struct proctor_gradebook *g, const struct proctor_verdict *v);

/* The number of rows, one per student, sorted by student id and brought up to date; then
 * row i (NULL past the end). */
size_t proctor_gradebook_count(struct proctor_gradebook *g);
const struct proctor_gradebook_row *proctor_gradebook_row(const struct proctor_gradebook *g,
                                                          size_t i);

struct proctor_gradebook_summary {
    size_t students;           /* rows */
    size_t graded;             /* rows with a grade (OK or CONFLICT) */
    size_t ok, conflict, invalid, missing; /* rows by status */
    int64_t mean, median;      /* of the graded rows' percentages, in thousandths of a percent */
    size_t histogram[10];      /* graded rows by percentage: 0-9, 10-19, ..., 90-100 */
};

void proctor_gradebook_summary(struct proctor_gradebook *g,
                               struct proctor_gradebook_summary *out);

/* The shapes of the gradebook as CSV. */
enum proctor_gradebook_format {
    PROCTOR_GRADEBOOK_PROCTOR, /* every column: assignment, title, student, name, score, max,
                                  percent, status, reason, attempt, attempts, late, overtime,
                                  finished, then one per question */
    PROCTOR_GRADEBOOK_MOODLE,  /* Moodle's grade import: "ID number" and one grade column
                                  named after the title; students without a grade left out */
    PROCTOR_GRADEBOOK_CANVAS   /* Canvas's gradebook import: Student, ID, SIS User ID, SIS
                                  Login ID, Section, the assignment; a Points Possible row;
                                  students without a grade left out */
};

/* "proctor", "moodle", "canvas"; -1 when unknown. */
int proctor_gradebook_format_parse(const char *name);

#define PROCTOR_CSV_BOM 1u      /* start with a UTF-8 byte order mark (for Excel) */
#define PROCTOR_CSV_NO_ITEMS 2u /* leave out the per-question columns */

/*
 * The gradebook as CSV (RFC 4180, CRLF line ends, UTF-8; a cell a spreadsheet would take for
 * a formula starts with '), in *out (malloc'd, *len bytes). Scores are points with at most
 * three decimals and a point ("7.5"); percentages are proctor_percent's. 0, or
 * PROCTOR_ENOMEM.
 */
int proctor_gradebook_csv(struct proctor_gradebook *g, enum proctor_gradebook_format format,
                          unsigned flags, char **out, size_t *len);

/*
 * The per-file CSV of verdicts v[0..n) (student, name, score, max, percent, status, reason,
 * finished, file), in that order, into *out (malloc'd). 0, or PROCTOR_ENOMEM.
 */
int proctor_verdicts_csv(const struct proctor_verdict *const *v, size_t n, unsigned flags,
                         char **out, size_t *len);

#endif
