/* SPDX-License-Identifier: ISC */
/*
 * bank-stats.h - what a bank holds and whether its answers show through their shape: counts
 * per document, type, level, difficulty and tag; for choice questions how often the key is the
 * longest option, where it sits and how its length ranks; for multi questions the lengths of
 * correct and wrong options; the true/false balance; and warnings past limits a teacher sets.
 *
 * Rule: proctor_bank_stats returns an owned struct (free with proctor_bank_stats_free) that
 * borrows tag strings from the bank, so it must not outlive it. Lengths are counted in
 * characters (UTF-8 code points). Nothing here prints: warnings go to a callback as text.
 */
#ifndef PROCTOR_BANK_STATS_H
#define PROCTOR_BANK_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/bank.h"
#include "proctor/error.h"
#include "proctor/session.h"

#define PROCTOR_STATS_MAX_OPTIONS 8 /* choice and multi questions have 2 to 8 options */

struct proctor_tag_count {
    const char *tag; /* borrowed from the bank */
    size_t n;
};

struct proctor_bank_stats {
    size_t nquestions;
    size_t ndocs;
    size_t *per_doc; /* [ndocs]: questions citing bank->docs[i] */
    size_t no_doc;   /* questions without a document (an assignment's embedded bank) */
    size_t per_type[PROCTOR_NTYPES];
    size_t per_level[3];      /* by enum proctor_level */
    size_t per_difficulty[4]; /* [1], [2], [3] */
    struct proctor_tag_count *tags; /* most used first, then by name */
    size_t ntags;

    /* choice questions, and the choice gaps of cloze questions (shown in the order written):
     * the key's canonical position (0 = 'a'), its length rank (the number of options strictly
     * longer than it: 0 = a longest), and the expected score of always picking the longest
     * option (a tie for longest shares the point), in thousandths */
    size_t nchoice;     /* questions and gaps */
    size_t choice_gaps; /* of which cloze gaps */
    size_t key_longest;          /* the key is a longest option, ties included */
    size_t key_uniquely_longest; /* ... and no other option is as long */
    size_t key_uniquely_shortest;
    int64_t longest_score;
    size_t key_position[PROCTOR_STATS_MAX_OPTIONS];
    size_t key_rank[PROCTOR_STATS_MAX_OPTIONS];
    size_t choice_unshuffled; /* shown in the bank's own order ("shuffle": false, or a gap) */

    /* multi questions */
    size_t nmulti;
    size_t multi_correct, multi_wrong;                 /* options */
    uint64_t multi_correct_chars, multi_wrong_chars;   /* their total lengths */
    size_t multi_correct_longer; /* questions whose correct options are longer on average */

    size_t ntruefalse, ntrue;

    size_t options;         /* options, items and match sides, counted once each */
    size_t longest_option;  /* characters */
    size_t long_options;    /* longer than the limit the stats were computed with */
};

/* Limits past which the shape is worth a warning. Percentages are whole numbers 0..100. */
struct proctor_stats_limits {
    int max_longest;      /* the longest-option strategy's score on choice questions: 35 */
    int max_position;     /* the share of choice keys at any one position: 35 */
    int max_rank;         /* the share of choice keys at any one length rank: 35 */
    int max_multi_longer; /* multi questions whose correct options are longer: 65 */
    int true_min, true_max; /* true/false statements that are true: 40 to 60 */
    int min_beyond_recall;  /* questions at understanding or analysis: 0 (no check) */
    size_t max_option_chars; /* an option, item or match side: 200 characters */
    size_t min_sample; /* fewer questions of a type than this are too few to judge: 8 */
};

void proctor_stats_limits_default(struct proctor_stats_limits *l);

/* Counts the questions of bank passing filter (NULL: all). Options longer than
 * limits->max_option_chars are counted in long_options (limits NULL: the default). Returns 0,
 * or PROCTOR_ENOMEM. */
int proctor_bank_stats(const struct proctor_bank *bank, const struct proctor_filter *filter,
                       const struct proctor_stats_limits *limits,
                       struct proctor_bank_stats **out, struct proctor_error *err);
void proctor_bank_stats_free(struct proctor_bank_stats *s);

/* A warning: q is the question it is about, or NULL for the bank as a whole; msg says what
 * and why, without a trailing newline. Return nonzero to stop. */
typedef int (*proctor_warn_fn)(void *ctx, const struct proctor_question *q, const char *msg);

/*
 * The bank-wide warnings: the longest option scoring over max_longest, a key position or
 * length rank over max_position or max_rank, multi correct options longer too often, the
 * true share outside true_min..true_max, too few questions beyond recall. A type with fewer
 * than min_sample questions is not judged. Returns the number of warnings.
 */
size_t proctor_bank_stats_warnings(const struct proctor_bank_stats *s,
                                   const struct proctor_stats_limits *l, proctor_warn_fn fn,
                                   void *ctx);

/*
 * The warnings about single questions of bank passing filter: an option, item or match side
 * over max_option_chars; an "all of the above" or "none of the above" option; a prompt ending
 * in "a" or "an", which tells which options fit. Returns the number of warnings.
 */
size_t proctor_bank_question_warnings(const struct proctor_bank *bank,
                                      const struct proctor_filter *filter,
                                      const struct proctor_stats_limits *l, proctor_warn_fn fn,
                                      void *ctx);

/* "1st", "2nd", ... "8th" for a length rank or position (n from 1 to 8). */
const char *proctor_ordinal(size_t n);

/* Characters (UTF-8 code points) in the NUL-terminated s. */
size_t proctor_text_chars(const char *s);

#endif
