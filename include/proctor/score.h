/* SPDX-License-Identifier: ISC */
/*
 * score.h - how a score reads to people: the one percentage rule and points as a student or
 * a teacher sees them. Every screen and gradebook goes through these, so the runner, verify,
 * review and the gradebook never show the same score two ways.
 *
 * Rule: scores are thousandths of a point (as everywhere in libproctor); the formatters write
 * into the caller's buffer and return it (never NULL when size > 0).
 */
#ifndef PROCTOR_SCORE_H
#define PROCTOR_SCORE_H

#include <stddef.h>
#include <stdint.h>

/*
 * The percentage of earned out of max, a whole number: the nearest, halves rounded up, except
 * that a score short of full marks never reads 100 and a score above zero never reads 0
 * (99.6 % is 99, 0.4 % is 1). earned is clamped to 0..max. Returns -1 when max <= 0 (nothing
 * to score).
 */
int proctor_percent(int64_t earned, int64_t max);

/*
 * Points for people: whole points as they are ("7"), otherwise at most two decimals, the
 * nearest, halves up, trailing zeros dropped ("6.67", "0.5"). Negative values keep their sign.
 */
const char *proctor_format_score(int64_t v, char *buf, size_t size);

/*
 * The points one answer earned out of the question's max, as a student reads them:
 *   full or nothing      "1 of 1 point", "0 of 2 points"
 *   an exact fraction     "2/3 of a point", "1/2 of 2 points" (lowest terms, denominators to 16;
 *                         a share is a fraction when grading's rounded-down share of it is
 *                         earned)
 *   anything else         "0.45 of a point", "1.33 of 2 points" (proctor_format_score)
 */
const char *proctor_format_share(int64_t earned, int64_t max, char *buf, size_t size);

#endif
