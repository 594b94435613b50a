/* SPDX-License-Identifier: ISC */
/*
 * result.h - signed result files: what a student took, every raw response, the claimed score.
 *
 * Rule: the caller owns what it passes (borrowed, never freed here); proctor_result_parse
 * fills a caller-owned struct proctor_result whose strings it owns until
 * proctor_result_release. The payload and envelope are specified in docs/FORMAT.md.
 */
#ifndef PROCTOR_RESULT_H
#define PROCTOR_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/error.h"
#include "proctor/keys.h"
#include "proctor/limits.h"
#include "proctor/session.h"
#include "proctor/sign.h"

#define PROCTOR_RESULT_TYPE "application/vnd.proctor.result+json"
#define PROCTOR_RESULT_FORMAT "proctor-result"
#define PROCTOR_RESULT_VERSION 1
#define PROCTOR_NONCE_BYTES 16

/* What the result is for: a practice run on a bank, or an assignment. */
#define PROCTOR_TAKEN_PRACTICE "practice"
#define PROCTOR_TAKEN_ASSIGNMENT "assignment"

/*
 * Builds the signed result envelope of session s in memory (*out malloc'd, *outlen bytes).
 *   k           the student's key, with its secret half (proctor_key_load with want_secret)
 *   student_id  NULL means k->id
 *   taken_kind  PROCTOR_TAKEN_PRACTICE or PROCTOR_TAKEN_ASSIGNMENT
 *   digest      practice: the bank's digest (bank->digest); assignment: SHA-256 of the
 *               assignment's payload bytes
 *   assignment_id  the assignment id; NULL for practice
 *   attempt     1 for the first attempt
 * The nonce is fresh from randombytes; the times are s->started and s->finished (the current
 * time when s->finished is 0); the claimed score is proctor_session_score(s). Questions
 * never answered are listed but have no response. PROCTOR_EUSAGE on bad arguments.
 */
int proctor_result_make(const struct proctor_session *s, const struct proctor_key *k,
                        const char *student_id, const char *taken_kind,
                        const unsigned char digest[32], const char *assignment_id,
                        int attempt, char **out, size_t *outlen, struct proctor_error *err);

/*
 * The same, written to path atomically with mode 0644, never replacing an existing file
 * (PROCTOR_EEXIST).
 */
int proctor_result_write(const struct proctor_session *s, const struct proctor_key *k,
                         const char *student_id, const char *taken_kind,
                         const unsigned char digest[32], const char *assignment_id,
                         int attempt, const char *path, struct proctor_error *err);

/* One response as recorded: the question id and the response's JSON text (compact), and
 * its place in the journal order (docs/FORMAT.md §3): the step it was given at and, when the
 * student saw its feedback, the step the feedback was shown at. */
struct proctor_result_response {
    char *qid;
    char *json;
    size_t question; /* the place of qid in the result's questions */
    int64_t response_step;
    int feedback_seen;
    int64_t feedback_step; /* 0 unless feedback_seen */
};

/* A decoded result payload. */
struct proctor_result {
    int version;
    char *student;
    char *keyid;
    char *kind;                      /* "practice" or "assignment" */
    char *assignment_id;             /* NULL for practice */
    unsigned char digest[32];        /* bank digest or assignment payload SHA-256 */
    int64_t attempt;
    unsigned char nonce[PROCTOR_NONCE_BYTES];
    char *started, *finished;        /* RFC 3339 UTC, "2024-05-01T10:00:00Z" */
    char *program;                   /* "proctor 0.1.0" */
    char **questions;                /* ids of the questions taken, in the order shown */
    size_t nquestions;
    struct proctor_result_response *responses; /* in payload order */
    size_t nresponses;
    int64_t earned, max;             /* claimed score, thousandths */
};

/*
 * Parses and checks a result payload (the decoded bytes, not the envelope) strictly: JSON
 * rules of FORMAT.md, every field present with the right type and form, no unknown fields.
 * On failure *res is left released. PROCTOR_EINVAL with line:col of the payload when known.
 */
int proctor_result_parse(const void *payload, size_t len, struct proctor_result *res,
                         struct proctor_error *err);

void proctor_result_release(struct proctor_result *res);

/*
 * Records the responses of res (parsed with proctor_result_parse or _load) into s, a session
 * over the same question ids (proctor_assignment_session over the answer key's questions, to
 * grade and describe what the student saw), each graded as it is recorded. Responses to
 * questions s lacks are ignored. PROCTOR_EINVAL ("response to 'q3': ...") when one does not
 * fit its question.
 */
int proctor_result_fill(const struct proctor_result *res, struct proctor_session *s,
                        struct proctor_error *err);

/*
 * Reads the result file at path: at most PROCTOR_RESULT_MAX_BYTES, a canonical DSSE envelope
 * of PROCTOR_RESULT_TYPE, its payload parsed as proctor_result_parse does into res. The
 * signature is not checked here: who may sign is the caller's question (verify asks the
 * roster). With env not NULL the envelope is handed back too, for a caller that checks the
 * signature (release it with proctor_envelope_release). Every error names path:
 * PROCTOR_EIO when it cannot be read; PROCTOR_EINVAL for a malformed envelope, another
 * payloadType ("not a result file (payloadType '...')") or a malformed payload, whose place
 * is given in the message as "payload LINE:COL" (of the decoded payload, not of the file).
 * On failure res and env are left released.
 */
int proctor_result_load(const char *path, struct proctor_envelope *env, struct proctor_result *res,
                        struct proctor_error *err);

#endif
