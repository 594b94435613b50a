/* SPDX-License-Identifier: ISC */
/*
 * session.h - a quiz session: the questions chosen, the order shown, and the responses.
 *
 * Rule: proctor_session_new returns an owned session that borrows the bank (the bank must
 * outlive it) and owns its arrays and responses; free with proctor_session_free.
 * Selection and shuffling are deterministic from the seed (randombytes_buf_deterministic).
 */
#ifndef PROCTOR_SESSION_H
#define PROCTOR_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "proctor/bank.h"
#include "proctor/grade.h"

/* Which questions: every non-empty list is a filter (OR within a list, AND across lists). */
struct proctor_filter {
    const char *const *docs;
    size_t ndocs;
    const char *const *tags;
    size_t ntags;
    const char *const *types;
    size_t ntypes;
    const char *const *ids; /* explicit question ids (in this order when shuffle is 0) */
    size_t nids;
    int difficulty; /* 0 = any */
};

/* Does q pass the filter? */
int proctor_filter_match(const struct proctor_filter *f, const struct proctor_question *q);

struct proctor_session {
    const struct proctor_bank *bank;
    uint64_t seed;
    size_t n;                              /* questions in the session */
    const struct proctor_question **q;     /* in the order shown */
    size_t **perm;                         /* per question: display order of options/rights,
                                              NULL when not permuted */
    struct proctor_response *resp;         /* per question */
    int64_t *earned;                       /* per question, valid when resp[i].answered */
    size_t cur;                            /* next question to show */
    time_t started, finished;              /* UTC seconds; finished 0 until done */
};

/*
 * Chooses up to count questions (0 = all) passing filter, shuffled from seed (when shuffle
 * is nonzero), with option orders shuffled too. PROCTOR_ENOTFOUND when nothing matches.
 */
int proctor_session_new(const struct proctor_bank *bank, const struct proctor_filter *filter,
                        size_t count, uint64_t seed, int shuffle,
                        struct proctor_session **out, struct proctor_error *err);
void proctor_session_free(struct proctor_session *s);

/*
 * An assignment's session: the n questions ids (which must all be in bank, once each), in
 * that order, or shuffled from key when shuffle is set. Options, items and match rights are
 * shown sorted by id (shorter ids first, then byte order), permuted from key when shuffle is
 * set (choice and multi questions only when their own shuffle is set). The same key gives
 * the same order for any bank holding questions with these ids, so a sealed assignment and
 * its answer key show a student the same thing. Unlike practice, an order question may be
 * shown in its correct order.
 */
int proctor_session_new_keyed(const struct proctor_bank *bank, const char *const *ids,
                              size_t n, const unsigned char key[32], int shuffle,
                              struct proctor_session **out, struct proctor_error *err);

/* Records (a copy of) response r for question i, grading it; returns points earned. */
int64_t proctor_session_answer(struct proctor_session *s, size_t i,
                               const struct proctor_response *r);

/* Totals over answered-or-not questions: earned and available points (thousandths). */
void proctor_session_score(const struct proctor_session *s, int64_t *earned, int64_t *max);

/*
 * Saves the session (seed, question ids, permutations, responses, position, times) as JSON
 * to path atomically, and loads it back against a bank. A load fails with PROCTOR_EINVAL if
 * the file is malformed or names questions the bank lacks.
 */
int proctor_session_save(const struct proctor_session *s, const char *path,
                         struct proctor_error *err);
int proctor_session_load(const struct proctor_bank *bank, const char *path,
                         struct proctor_session **out, struct proctor_error *err);

/*
 * The responses as a JSON object text keyed by question id (shapes as in grade.h, e.g.
 * {"fax-date":true,"q2":["a","c"],"q3":{"l1":"r2"}}); unanswered questions are omitted.
 * malloc'd; NULL on out of memory. And back: parses such JSON for question q.
 */
char *proctor_responses_json(const struct proctor_session *s);
int proctor_response_from_json_text(const struct proctor_question *q, const char *json,
                                    struct proctor_response *r, struct proctor_error *err);

#endif
