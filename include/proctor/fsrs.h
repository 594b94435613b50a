/* SPDX-License-Identifier: ISC */
/*
 * fsrs.h - the FSRS-6 spaced-repetition scheduler: memory states (stability, difficulty,
 * retrievability), intervals for a desired retention, and the new/learning/review/relearning
 * state machine with learning steps and interval fuzz.
 *
 * Rule: pure computation on caller-owned structs. Nothing here allocates, reads a file, reads
 * the clock or keeps state between calls; the caller passes the time and the elapsed days.
 * The formulas follow fsrs-rs (FSRS-6, 21 weights), and the state machine follows py-fsrs and
 * Anki (where ts-fsrs differs, docs/STUDY.md says how).
 */
#ifndef PROCTOR_FSRS_H
#define PROCTOR_FSRS_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/error.h"

#define PROCTOR_FSRS_NWEIGHTS 21
#define PROCTOR_FSRS_MAX_STEPS 8        /* learning or relearning steps */
#define PROCTOR_FSRS_MAX_STEP (86400 * 7) /* longest step, seconds: steps are for one session */
#define PROCTOR_FSRS_MAX_HISTORY 10000  /* reviews in one --history string */

enum proctor_fsrs_rating {
    PROCTOR_FSRS_AGAIN = 1,
    PROCTOR_FSRS_HARD = 2,
    PROCTOR_FSRS_GOOD = 3,
    PROCTOR_FSRS_EASY = 4
};

enum proctor_fsrs_state {
    PROCTOR_FSRS_NEW = 0,
    PROCTOR_FSRS_LEARNING = 1,
    PROCTOR_FSRS_REVIEW = 2,
    PROCTOR_FSRS_RELEARNING = 3
};

/* The scheduler's settings. proctor_fsrs_init gives the defaults of the issue and of the
 * reference implementations. */
struct proctor_fsrs {
    double w[PROCTOR_FSRS_NWEIGHTS]; /* clipped as fsrs-rs clips them */
    double retention;                /* desired retention, in (0, 1) */
    int32_t max_interval;            /* days, >= 1 */
    uint32_t learning[PROCTOR_FSRS_MAX_STEPS]; /* seconds */
    size_t nlearning;
    uint32_t relearning[PROCTOR_FSRS_MAX_STEPS]; /* seconds */
    size_t nrelearning;
    int fuzz; /* spread review intervals a little (deterministically from a seed) */
};

/* Defaults: the FSRS-6 default weights, retention 0.9, maximum interval 36500 days, learning
 * steps 1 min and 10 min, relearning step 10 min, fuzz on. */
void proctor_fsrs_init(struct proctor_fsrs *f);

/* The FSRS-6 default weights (21 values, static storage). */
const double *proctor_fsrs_default_weights(void);

/*
 * Sets f's weights from n values: 0 (the defaults), 17 (FSRS-4.5), 19 (FSRS-5) or 21
 * (FSRS-6). Older sets are migrated as fsrs-rs migrates them, then every weight is clipped to
 * fsrs-rs's bounds. PROCTOR_EINVAL (f unchanged) for another count or a value not finite.
 */
int proctor_fsrs_set_weights(struct proctor_fsrs *f, const double *w, size_t n,
                             struct proctor_error *err);

/*
 * Parses weights as written in a weights file or on the command line: numbers separated by
 * commas and/or white space, optionally inside [ ], '#' starting a comment to the end of the
 * line. Stores up to PROCTOR_FSRS_NWEIGHTS values in w and their count in *n (text need not
 * be NUL-terminated). PROCTOR_EINVAL naming path (may be NULL), line and column for anything
 * else, or for more than 21 numbers. The count is checked by proctor_fsrs_set_weights.
 */
int proctor_fsrs_parse_weights(const char *text, size_t len, const char *path, double *w,
                               size_t *n, struct proctor_error *err);

/* Parses all of s as a decimal number (such as "0.85" or "1e-3"), whatever the locale;
 * -1 when s is anything else or not finite. */
int proctor_fsrs_parse_number(const char *s, double *out);

/*
 * Parses learning steps "1m,10m" (units s, m, h, d; a bare number is minutes; "" or "none"
 * for no steps) into at most PROCTOR_FSRS_MAX_STEPS steps of 1 s to PROCTOR_FSRS_MAX_STEP
 * seconds. PROCTOR_EINVAL with the column of the bad step.
 */
int proctor_fsrs_parse_steps(const char *s, uint32_t *steps, size_t *n, struct proctor_error *err);

/* One review in a history: the rating (1-4) and the time since the previous review (days
 * for memory states, seconds for the state machine). */
struct proctor_fsrs_item {
    int rating;
    int64_t elapsed;
};

/*
 * Parses a history "3:0,3:1,3:5,2:10" (rating:elapsed pairs separated by commas, spaces
 * allowed around them) into items (room for max). Elapsed values are whole numbers from 0 to
 * max_elapsed. PROCTOR_EINVAL with the column of the first problem; an empty history is one.
 */
int proctor_fsrs_parse_history(const char *s, int64_t max_elapsed, struct proctor_fsrs_item *items,
                               size_t max, size_t *n, struct proctor_error *err);

/* A memory state. Stability is in days (the interval at which retrievability is 90%),
 * difficulty is from 1 to 10. */
struct proctor_fsrs_memory {
    double stability, difficulty;
};

/* Retrievability (probability of recall) elapsed_days after a review leaving stability. */
double proctor_fsrs_retrievability(const struct proctor_fsrs *f, double elapsed_days,
                                   double stability);

/* The interval in days at which retrievability falls to f->retention, unrounded; and the
 * same rounded, at least 1 and at most f->max_interval (no fuzz). */
double proctor_fsrs_interval(const struct proctor_fsrs *f, double stability);
int32_t proctor_fsrs_interval_days(const struct proctor_fsrs *f, double stability);

/* The memory state after a first review rated rating (1-4). */
void proctor_fsrs_first(const struct proctor_fsrs *f, int rating, struct proctor_fsrs_memory *out);

/*
 * The memory state after a review rated rating (1-4) elapsed_days (whole days) after the
 * previous one, as fsrs-rs's step: a review on the same day (0 days) uses the short-term
 * stability, in which Hard, Good and Easy never lower stability; otherwise stability after a
 * recall, or after a lapse (never above the stability before divided by exp(w17 * w18)).
 * Difficulty moves with linear damping and mean reversion. out may be m.
 */
void proctor_fsrs_next(const struct proctor_fsrs *f, const struct proctor_fsrs_memory *m,
                       int64_t elapsed_days, int rating, struct proctor_fsrs_memory *out);

/* The pieces of proctor_fsrs_next, for a given retrievability r: stability after a recall
 * rated Hard, Good or Easy; after a lapse; after a same-day review; and the next difficulty
 * (linear damping and mean reversion, clamped to [1, 10]). */
double proctor_fsrs_stability_recall(const struct proctor_fsrs *f, double s, double d, double r,
                                     int rating);
double proctor_fsrs_stability_lapse(const struct proctor_fsrs *f, double s, double d, double r);
double proctor_fsrs_stability_same_day(const struct proctor_fsrs *f, double s, int rating);
double proctor_fsrs_next_difficulty(const struct proctor_fsrs *f, double d, int rating);

/* A card of the state machine. A new card has state PROCTOR_FSRS_NEW and zeros. */
struct proctor_fsrs_card {
    int state;            /* enum proctor_fsrs_state */
    int step;             /* index of the current learning or relearning step */
    double stability;     /* days (0 while new) */
    double difficulty;    /* 1..10 (0 while new) */
    int64_t due;          /* seconds, the time it is next due */
    int64_t last_review;  /* seconds, the time of the last review (0 while new) */
    int32_t reps, lapses; /* reviews, and lapses from the review state */
};

/* What one review did. */
struct proctor_fsrs_outcome {
    int state_before;      /* the card's state when reviewed */
    double retrievability; /* at the review, from the state before; -1 for a new card */
    int64_t interval;      /* seconds until due */
    int32_t days;          /* whole days scheduled (review state), 0 for a step */
};

/*
 * Reviews card c at time now (seconds) with rating (1-4): elapsed_days is the number of days
 * since c->last_review as the caller counts days (ignored for a new card). Updates the
 * memory state (proctor_fsrs_first / proctor_fsrs_next), then the state and due time:
 *   new, learning, relearning: Again goes back to the first step; Hard stays on the step
 *     (the first step waits the mean of the first two steps, or 1.5 times a single one);
 *     Good moves to the next step, or graduates after the last; Easy graduates. A graduated
 *     card is due after proctor_fsrs_interval_days, fuzzed when f->fuzz is set.
 *   review: Again is a lapse and goes to the first relearning step (or a new interval when
 *     there are none); Hard, Good and Easy get intervals ordered hard <= good < easy.
 * Fuzz is drawn from seed (proctor_fsrs_fuzz_seed). Fills o when not NULL.
 * PROCTOR_EUSAGE (c unchanged) for a rating outside 1-4 or a card state out of range.
 */
int proctor_fsrs_review(const struct proctor_fsrs *f, struct proctor_fsrs_card *c, int64_t now,
                        int64_t elapsed_days, int rating, uint64_t seed,
                        struct proctor_fsrs_outcome *o);

/* A fuzz seed from a question id and the card's review count, so the same review of the same
 * question always gets the same interval. */
uint64_t proctor_fsrs_fuzz_seed(const char *id, uint32_t reps);

/*
 * The interval a review interval of ivl days becomes after fuzz u (from 0 to 1), as ts-fsrs
 * fuzzes: unchanged below 2.5 days, else a whole number of days within a range that widens
 * with the interval (15% from 2.5 to 7 days, 10% to 20, 5% beyond), at least elapsed_days + 1
 * when the interval is longer than that, and at most f->max_interval.
 */
int32_t proctor_fsrs_fuzz(const struct proctor_fsrs *f, int32_t ivl, int64_t elapsed_days,
                          double u);

/* "new", "learning", "review", "relearning" (or "?"). */
const char *proctor_fsrs_state_name(int state);

#endif
