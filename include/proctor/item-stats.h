/* SPDX-License-Identifier: ISC */
/*
 * item-stats.h - item analysis of one assignment from its gradebook, as Moodle's quiz
 * statistics compute it: per question the facility, standard deviation, discrimination index
 * and the options picked; for the test the mean, median, standard deviation, Cronbach's alpha
 * and the standard error of measurement.
 *
 * Rule: the statistics are the caller's (proctor_item_stats_free); they borrow the gradebook's
 * assignment and answer key (question ids, bank ids, prompts and option texts), which must
 * outlive them.
 */
#ifndef PROCTOR_ITEM_STATS_H
#define PROCTOR_ITEM_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/bank.h"
#include "proctor/error.h"
#include "proctor/gradebook.h"

/* An option of a choice or multi question (or true and false): how many students picked it. */
struct proctor_item_option {
    const char *id;   /* the opaque id ("o2"), or "true" / "false" */
    const char *text; /* the option's text (NULL for true and false) */
    int correct;      /* a right answer */
    size_t picked;    /* students who picked it */
};

/* Flags of an item: what the teacher should look at. */
#define PROCTOR_ITEM_NEGATIVE 1u /* discrimination below 0: the weaker students did better */
#define PROCTOR_ITEM_LOW 2u      /* discrimination below PROCTOR_ITEM_LOW_DISCRIMINATION */
#define PROCTOR_ITEM_UNPICKED                                                                      \
    4u                            /* a wrong option nobody picked (a distractor that does not      \
                                     distract) */
#define PROCTOR_ITEM_NO_SPREAD 8u /* every student earned the same points: no discrimination */
#define PROCTOR_ITEM_UNMARKED 16u /* an essay answered but not marked by everyone (counted 0) */

/* Discrimination below this (in percent, Moodle's scale) is flagged low. */
#define PROCTOR_ITEM_LOW_DISCRIMINATION 20.0

struct proctor_item_stat {
    const char *qid;     /* "q3" */
    const char *bank_id; /* the bank question it was made from (NULL when the key does not say) */
    const struct proctor_question *q; /* the question with its answer (the key's) */
    int64_t max;                      /* its points (thousandths) */
    size_t answered;                  /* students who answered it */
    double mean;                      /* mean points (not thousandths) */
    double facility;                  /* mean points as a percentage of max */
    double sd; /* standard deviation of the points (sample, n - 1) as a percentage
                  of max */
    int has_discrimination;
    double discrimination; /* 100 times the correlation (Pearson) of the item's points with
                              the rest of the test (the total less this item), Moodle's
                              discrimination index */
    struct proctor_item_option *options; /* choice and multi: in the key's order; truefalse:
                                            true, false; else NULL */
    size_t noptions;
    size_t unmarked; /* essays answered, not marked */
    unsigned flags;  /* PROCTOR_ITEM_* */
};

struct proctor_item_stats {
    size_t students;         /* the graded students counted (OK or CONFLICT), one attempt each:
                                the one the grading method chose */
    int64_t max;             /* the test's points (thousandths) */
    double mean, median, sd; /* of the students' percentages (sample standard deviation) */
    int has_alpha;
    double alpha;         /* Cronbach's alpha: k/(k-1) (1 - sum of item variances / variance of
                             the totals) */
    double sem;           /* standard error of measurement, sd sqrt(1 - alpha), in percent */
    size_t histogram[10]; /* students by percentage (proctor_percent): 0-9, ..., 90-100 */
    struct proctor_item_stat *items; /* one per question, in the assignment's order */
    size_t nitems;
};

/*
 * The item analysis of the graded rows of g (whose assignment and answer key were set with
 * proctor_gradebook_set_assignment, and whose verdicts carried their items). Statistics that
 * need two students, or spread, are left out (has_* 0). 0; PROCTOR_EUSAGE when g has no
 * assignment; PROCTOR_ENOMEM.
 */
int proctor_item_stats_compute(struct proctor_gradebook *g, struct proctor_item_stats **out,
                               struct proctor_error *err);
void proctor_item_stats_free(struct proctor_item_stats *s);

/*
 * The item analysis as CSV (one row per question: question, bank id, type, prompt, points,
 * answered, facility, sd, discrimination, flags, then "id=count" of each option picked, the
 * right ones marked with '*'), with the flags of proctor_gradebook_csv (PROCTOR_CSV_BOM).
 * 0, or PROCTOR_ENOMEM.
 */
int proctor_item_stats_csv(const struct proctor_item_stats *s, unsigned flags, char **out,
                           size_t *len);

/* The flags as words: "negative discrimination; unpicked distractor o3" into buf. */
const char *proctor_item_flags(const struct proctor_item_stat *it, char *buf, size_t size);

#endif
