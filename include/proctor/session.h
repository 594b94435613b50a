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
    unsigned difficulties; /* bit d set: difficulty d (1..3) passes; 0 = any */
    unsigned levels;       /* bit l set: level l (enum proctor_level) passes; 0 = any */
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
    /* The journal order: every recorded response and every feedback shown is a step,
     * numbered from 1 in the order they happened. */
    uint64_t steps;                        /* steps so far */
    uint64_t *answered_at;                 /* per question: step of its recorded response
                                              (0 = none) */
    uint64_t *feedback_at;                 /* per question: step its feedback (the right
                                              answer) was shown at (0 = never) */
    int locking;                           /* a signed or graded run: an answer is final
                                              once its feedback has been shown */
    char *record;                          /* practice --record: the result file to write, */
    char *record_key;                      /* and the key to sign it with (NULL: default);
                                              saved, so a resumed run keeps recording */
    char *selection;                       /* how the questions were chosen, as the program
                                              describes it ("--doc memo -n 10"; NULL: not
                                              said); saved, so a resume can tell whether a
                                              new run asks for the same */
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

/*
 * Appends question q (of s's bank) to the end of s, unanswered, with its options in an order
 * drawn from s's seed and round (another round, another order): how study brings a question
 * back later in the same session. 0, or PROCTOR_ENOMEM (s unchanged).
 */
int proctor_session_append(struct proctor_session *s, const struct proctor_question *q,
                           unsigned round);

/* Records (a copy of) response r for question i as the next step, grading it; returns points
 * earned. It records whatever it is given: runners ask with proctor_session_respond. */
int64_t proctor_session_answer(struct proctor_session *s, size_t i,
                               const struct proctor_response *r);

/* What became of a response a student gave (proctor_session_respond). */
enum proctor_respond {
    PROCTOR_RESPONSE_RECORDED,    /* recorded: it counts */
    PROCTOR_RESPONSE_NOT_COUNTED, /* feedback for the question was shown already and the run
                                     does not lock (plain practice): graded for the student
                                     to see, not recorded; the first answer's score stands */
    PROCTOR_RESPONSE_LOCKED       /* feedback was shown and the run locks: refused */
};

/*
 * A response the student gave to question i: recorded, graded but not counted, or refused,
 * as above. *earned gets the points r earns (0 when locked).
 */
enum proctor_respond proctor_session_respond(struct proctor_session *s, size_t i,
                                             const struct proctor_response *r,
                                             int64_t *earned);

/*
 * Notes that question i's feedback is being shown, as the next step. Call it before showing
 * the feedback and before saving, so that no saved session holds a response whose feedback
 * the student saw without saying so.
 */
void proctor_session_feedback(struct proctor_session *s, size_t i);

/* Whether question i's response is final: feedback was shown in a locking session. */
int proctor_session_locked(const struct proctor_session *s, size_t i);

/*
 * Takes over the responses of old (a session of the same questions, in any order, such as a
 * journal being resumed) into s, with their steps and feedback. 0, or PROCTOR_ENOMEM.
 */
int proctor_session_resume(struct proctor_session *s, const struct proctor_session *old);

/*
 * Sets where a practice run records its signed result (path) and the key file that signs it
 * (key, NULL for the default); both are saved with the session. PROCTOR_ENOMEM.
 */
int proctor_session_set_record(struct proctor_session *s, const char *path, const char *key);

/* Sets s->selection to a copy of selection (NULL clears it). 0, or PROCTOR_ENOMEM. */
int proctor_session_set_selection(struct proctor_session *s, const char *selection);

/* Totals over answered-or-not questions: earned and available points (thousandths). */
void proctor_session_score(const struct proctor_session *s, int64_t *earned, int64_t *max);

/*
 * Saves the session (seed, question ids, permutations, responses, position, times, the
 * journal steps, locking and where it records) as JSON to path atomically, and loads it back
 * against a bank. A load fails with PROCTOR_EINVAL if
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
