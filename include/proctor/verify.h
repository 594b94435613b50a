/* SPDX-License-Identifier: ISC */
/*
 * verify.h - checking signed result files: signature, signer, what was taken, and a re-grade.
 *
 * Rule: a verifier borrows the roster and bank it is given (they must outlive it) and owns
 * only its table of seen nonces and response hashes (a few dozen bytes per file). Checking
 * one file (proctor_verify_buffer / proctor_verify_file) touches no shared state and may run
 * on many threads at once; proctor_verifier_note, which finds replays and copies across
 * files, must be called from one thread in input order.
 */
#ifndef PROCTOR_VERIFY_H
#define PROCTOR_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/error.h"
#include "proctor/keys.h"
#include "proctor/marks.h"
#include "proctor/result.h"

struct proctor_verifier;

/*
 * A verifier for results of practice runs on bank (NULL: practice results are refused),
 * signed by students in roster (required).
 */
int proctor_verifier_new(const struct proctor_roster *roster, const struct proctor_bank *bank,
                         struct proctor_verifier **out, struct proctor_error *err);
void proctor_verifier_free(struct proctor_verifier *v);

/* Grace past an assignment's time limit before a result is flagged over time, in seconds. */
#define PROCTOR_TIME_GRACE 120

/*
 * Makes v check results of assignment a (all borrowed; they must outlive v): the result's
 * digest and id must be a's, its questions exactly a's; responses are re-graded against
 * key, the questions with their answers (the answer key's bank, or a->bank when a is open);
 * the claimed score must be the re-graded one (open) or 0/0 (sealed: the student's program
 * could not know it). Essay answers get the teacher's points from marks (may be NULL);
 * unmarked essays, late work (finished after a's due time) and work over the time limit
 * (plus PROCTOR_TIME_GRACE) are warnings, not reasons to refuse: the student's clock is not
 * trusted. PROCTOR_EUSAGE when key does not hold a's questions.
 */
int proctor_verifier_set_assignment(struct proctor_verifier *v,
                                    const struct proctor_assignment *a,
                                    const struct proctor_bank *key,
                                    const struct proctor_marks *marks,
                                    struct proctor_error *err);

/* The verdict on one file. */
struct proctor_verdict {
    int valid;                          /* 1 when every check passed */
    char reason[256];                   /* why not, when invalid */
    char student[PROCTOR_ID_MAX + 1];   /* as claimed in the payload ("" when unreadable) */
    char name[PROCTOR_NAME_MAX + 1];    /* from the roster ("" when not found) */
    char kind[16];                      /* "practice" or "assignment" */
    char taken_id[PROCTOR_ID_MAX + 1];  /* assignment id ("" for practice) */
    char finished[32];                  /* finish time as claimed */
    int64_t attempt;
    int64_t earned, max;                /* re-graded score (the claimed one when it differs:
                                           see reason); essays not included */
    char started[32];                   /* start time as claimed */
    /* assignment results only */
    int64_t essay_earned, essay_max;    /* the teacher's marks; the essays' points */
    size_t unmarked;                    /* essays answered but not marked */
    int late, overtime;
    char warnings[256];                 /* "late; over the time limit; unmarked essay q3" */
    int have_hashes;                    /* the fields below are set */
    unsigned char nonce[PROCTOR_NONCE_BYTES];
    unsigned char responses_hash[32];   /* BLAKE2b-256 of the parsed responses (copy check) */
};

/*
 * Checks one result file held in buf (len bytes; path is used in messages only): strict
 * envelope, signature by the roster key of the claimed student, what was taken, and the
 * claimed score against proctor_grade() of every response. Fills *out and returns 0 when
 * valid, PROCTOR_EVERIFY when not (out->reason says why).
 */
int proctor_verify_buffer(const struct proctor_verifier *v, const char *path, const char *buf,
                          size_t len, struct proctor_verdict *out);

/* Reads path (a regular file of at most PROCTOR_RESULT_MAX_BYTES) and checks it. */
int proctor_verify_file(const struct proctor_verifier *v, const char *path,
                        struct proctor_verdict *out);

/*
 * Records verdict number index (0-based input position) and checks it against those noted
 * before: a nonce seen twice is a replay, and the same responses under another student id a
 * copy (unless they earn full marks, which proves nothing). May turn a valid verdict
 * invalid; returns 0 or PROCTOR_EVERIFY likewise, or PROCTOR_ENOMEM.
 */
int proctor_verifier_note(struct proctor_verifier *v, size_t index,
                          struct proctor_verdict *verdict);

#endif
