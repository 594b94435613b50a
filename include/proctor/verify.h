/* SPDX-License-Identifier: ISC */
/*
 * verify.h - checking signed result files: signature, signer, what was taken, and a re-grade.
 *
 * Rule: a verifier borrows the roster, bank, assignment and marks it is given (they must
 * outlive it). Checking one file (proctor_verify_buffer / proctor_verify_file) touches no
 * shared state and may run on many threads at once; the checks across files
 * (proctor_verdicts_settle) then run once on the verdicts of every file.
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

/* How far past the verifier's clock a finish time may be before it is flagged, in seconds. */
#define PROCTOR_CLOCK_GRACE 86400

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

/*
 * A file's standing once every file given has been seen (proctor_verdicts_settle), and a
 * gradebook row's (proctor_gradebook_row).
 */
enum proctor_status {
    PROCTOR_STATUS_OK,        /* valid, and nothing across files casts doubt on it */
    PROCTOR_STATUS_INVALID,   /* refused: forged, altered, wrong signer, another version of
                                 the assignment, over the attempt limit, a wrong score... */
    PROCTOR_STATUS_CONFLICT,  /* valid, but the same responses or essay as another student's,
                                 or one nonce in two different files of one student: graded,
                                 for the teacher to decide (who copied whom can't be known) */
    PROCTOR_STATUS_UNCHECKED, /* signed by a roster student, but taken on an assignment the
                                 verifier was not given: neither refused nor graded */
    PROCTOR_STATUS_MISSING    /* a gradebook row only: a student on the roster with no file */
};

#define PROCTOR_ESSAY_PRINTS 4 /* essays fingerprinted per result for the copy check */

/*
 * What one question of an assignment result earned, and what was picked: the item-level
 * record behind the gradebook's question columns and the item analysis.
 */
struct proctor_verdict_item {
    int64_t earned;         /* thousandths: the re-grade; an essay, the teacher's mark for its
                               very text (0 when unmarked) */
    uint64_t picks;         /* choice and multi: bit k set when the option with the k-th
                               opaque id (o1 is bit 0) was picked, up to the 64th option;
                               truefalse: bit 0 "true", bit 1 "false"; 0 for other types */
    unsigned char answered; /* a response was given */
    unsigned char marked;   /* an essay the teacher marked (for this text) */
};

/* The verdict on one file. */
struct proctor_verdict {
    const char *file;                   /* the file's name, as given (borrowed) */
    int valid;                          /* 1 when every check of the file passed (and, after
                                           settling, it is within the attempt limit) */
    enum proctor_status status;         /* set by proctor_verdicts_settle (OK or INVALID
                                           before) */
    char reason[256];                   /* why INVALID, or the CONFLICT */
    char student[PROCTOR_ID_MAX + 1];   /* the roster student the file is charged to: whose
                                           key signed it ("" when no roster key's signature
                                           verifies) */
    char claimed[PROCTOR_ID_MAX + 1];   /* the student id the payload claims ("" when
                                           unreadable) */
    char name[PROCTOR_NAME_MAX + 1];    /* the signer's name in the roster ("" when none) */
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
    int duplicate;                      /* the very file (same signer, same signed bytes) is
                                           given more than once: this copy is not counted */
    /* for the checks across files: set when the file itself is valid */
    int have_hashes;
    unsigned char nonce[PROCTOR_NONCE_BYTES];
    unsigned char payload_hash[32];     /* BLAKE2b-256 of the signed payload */
    unsigned char responses_hash[32];   /* BLAKE2b-256 of the objective responses in a
                                           canonical form (copy check) */
    int copy_evidence;                  /* identical responses would prove something: some
                                           objective answer, and not all of them right */
    size_t nessays;                     /* essays fingerprinted (at most PROCTOR_ESSAY_PRINTS) */
    unsigned char essay_hash[PROCTOR_ESSAY_PRINTS][16]; /* of each essay of 5 words or
                                           more, whitespace folded */
    /* assignment results checked against their assignment: one item per question, in the
     * assignment's order (its qids), owned by the verdict (proctor_verdict_release) */
    struct proctor_verdict_item *items;
    size_t nitems;
};

/* Frees what a verdict owns (its items); the verdict may then be filled again. A copy of a
 * verdict (a struct assignment) shares its items: release only one of them. */
void proctor_verdict_release(struct proctor_verdict *v);

/*
 * Checks one result file held in buf (len bytes; path names it in messages and in
 * out->file, so it must outlive *out): strict envelope, signature by the roster key of the
 * claimed student, the journal order, what was taken, and the claimed score against
 * proctor_grade() of every response. Fills *out (overwritten: release it first when it was
 * filled before) and returns 0 when valid, PROCTOR_EVERIFY when not (out->reason says why).
 * A result signed by a roster student for an assignment the verifier was not given (another
 * id) is UNCHECKED, with a reason naming the option and file to give ("give --assignment
 * w3.json"); a key not in the roster names the student the payload claims to be (unproven).
 */
int proctor_verify_buffer(const struct proctor_verifier *v, const char *path, const char *buf,
                          size_t len, struct proctor_verdict *out);

/* Reads path (a regular file of at most PROCTOR_RESULT_MAX_BYTES) and checks it. */
int proctor_verify_file(const struct proctor_verifier *v, const char *path,
                        struct proctor_verdict *out);

/*
 * The checks across files, on the verdicts of every file given (v[0..n), after
 * proctor_verify_buffer or proctor_verify_file). The outcome depends only on the set of
 * files, never on their order (ties are broken by file name):
 *   - the same signed payload from one student more than once counts once: the copy whose
 *     name sorts first counts, the others get `duplicate` and a warning;
 *   - one nonce in two different files of one student: every such file is CONFLICT;
 *   - attempt_limit (0: none): a student's counted results are ranked by finish time, then
 *     attempt number; those whose attempt number is past the limit, or past the limit by
 *     rank (a reset machine numbers attempts from 1 again), are INVALID;
 *   - one nonce under two different students harms no one: a warning on each, naming the
 *     others;
 *   - the same objective responses (compared in a canonical form) under two or more
 *     students, or the same essay text: every file of the group is CONFLICT, naming the
 *     other students. Responses that are all right, or none at all, prove nothing.
 * Sets each status (and valid, for results over the limit); UNCHECKED files stay so. 0, or
 * PROCTOR_ENOMEM.
 */
int proctor_verdicts_settle(struct proctor_verdict *const *v, size_t n, int64_t attempt_limit);

/* "OK", "INVALID", "CONFLICT", "UNCHECKED" or "MISSING". */
const char *proctor_status_name(enum proctor_status s);

#endif
