/* SPDX-License-Identifier: ISC */
/*
 * assignment.h - signed assignments and their answer keys.
 *
 * Rule: proctor_assignment_make returns malloc'd envelopes the caller frees; a loaded or
 * parsed struct proctor_assignment is owned by the caller (proctor_assignment_free) and owns
 * its bank of questions; proctor_answer_key_load returns an owned bank (proctor_bank_free).
 * Nothing here decides whom to trust: a loaded assignment is signed by the key it names,
 * and the caller compares that key with one it trusts. Formats are in docs/FORMAT.md.
 */
#ifndef PROCTOR_ASSIGNMENT_H
#define PROCTOR_ASSIGNMENT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "proctor/bank.h"
#include "proctor/error.h"
#include "proctor/keys.h"
#include "proctor/limits.h"
#include "proctor/session.h"

#define PROCTOR_ASSIGNMENT_TYPE "application/vnd.proctor.assignment+json"
#define PROCTOR_ANSWER_KEY_TYPE "application/vnd.proctor.answer-key+json"
#define PROCTOR_ASSIGNMENT_FORMAT "proctor-assignment"
#define PROCTOR_ANSWER_KEY_FORMAT "proctor-answer-key"

/* What the teacher chose for an assignment. */
struct proctor_assignment_settings {
    const char *id;     /* [A-Za-z0-9._@-], as student ids */
    const char *title;  /* UTF-8 without control characters, 1..PROCTOR_TITLE_MAX bytes */
    time_t created;
    time_t due;         /* 0: none */
    int64_t time_limit; /* minutes, 0: none */
    int64_t attempts;   /* 1..PROCTOR_ATTEMPTS_MAX */
    int shuffle;        /* questions and options shuffled per student */
    int sealed;         /* answers in a separate key (else in the assignment: open mode) */
};

/* A loaded assignment. */
struct proctor_assignment {
    char *id, *title;
    char teacher_id[PROCTOR_ID_MAX + 1];
    char teacher_name[PROCTOR_NAME_MAX + 1];
    char keyid[PROCTOR_KEYID_LEN + 1]; /* of the signing key, = proctor_key_id(teacher_pk) */
    unsigned char teacher_pk[32];
    char created[32], due[32]; /* RFC 3339 UTC; due "" when none */
    int64_t time_limit;        /* minutes, 0 when none */
    int64_t attempts;
    int shuffle, sealed;
    unsigned char digest[32]; /* SHA-256 of the payload bytes: what results bind */
    const char **qids;        /* question ids in the assignment's order (borrowed from bank) */
    size_t nq;
    struct proctor_bank *bank; /* the questions as held: sealed ones carry no answers */
    char **bank_ids;           /* the bank id each question was made from, parallel to qids:
                                  what the answer key records, for the teacher's tools (NULL,
                                  or NULL entries, when not known: an open assignment, an old
                                  key) */
};

/* Checks a title: 1..PROCTOR_TITLE_MAX bytes without control characters; PROCTOR_EINVAL. */
int proctor_assignment_check_title(const char *title, struct proctor_error *err);

/*
 * Builds and signs an assignment of the n questions qs (borrowed from bank, a bank loaded
 * from files) with the teacher's key (secret half needed). Question ids become q1, q2, ...
 * in the order given, and option, item and match ids opaque ones (o1, l1, r1, ...) in an
 * order drawn at random, so that neither ids nor order give an answer away. *assignment gets the envelope (malloc'd, *alen bytes). With
 * set->sealed the assignment holds no answers, explanations, rubrics or passages, and *key
 * gets the signed answer key bound to the assignment's digest; open, the answers are in the
 * assignment and *key is NULL. PROCTOR_EUSAGE on bad settings.
 */
int proctor_assignment_make(const struct proctor_bank *bank,
                            const struct proctor_question *const *qs, size_t n,
                            const struct proctor_assignment_settings *set,
                            const struct proctor_key *teacher, char **assignment, size_t *alen,
                            char **key, size_t *klen, struct proctor_error *err);

/*
 * Parses an assignment payload strictly (no signature check), path naming it in messages.
 * PROCTOR_EINVAL on anything out of place.
 */
int proctor_assignment_parse(const void *payload, size_t len, const char *path,
                             struct proctor_assignment **out, struct proctor_error *err);

/*
 * Reads an assignment file: a canonical envelope of PROCTOR_ASSIGNMENT_TYPE whose signature
 * verifies with the teacher key its payload names, then the payload parsed strictly.
 * PROCTOR_EVERIFY when the file is not such a signed envelope (unsigned, tampered, another
 * type); PROCTOR_EINVAL when it is signed but its payload is malformed; PROCTOR_EIO.
 */
int proctor_assignment_load(const char *path, struct proctor_assignment **out,
                            struct proctor_error *err);

void proctor_assignment_free(struct proctor_assignment *a);

/*
 * The key a student's shuffle is drawn from: SHA-256("proctor-assignment-shuffle-v1" || 0 ||
 * assignment digest || student id).
 */
void proctor_assignment_student_key(const struct proctor_assignment *a, const char *student,
                                    unsigned char key[32]);

/*
 * The session student sees: a's questions in a's order, shuffled per student when a->shuffle
 * (proctor_session_new_keyed), over bank (NULL: a->bank; or the answer key's questions,
 * which have the same ids, to grade or describe what the student saw).
 */
int proctor_assignment_session(const struct proctor_assignment *a,
                               const struct proctor_bank *bank, const char *student,
                               struct proctor_session **out, struct proctor_error *err);

/*
 * Reads the answer key of a: signed by a's teacher key, bound to a's digest and id, with
 * the same questions (ids, types, option ids) as a. Returns the questions with their answers
 * as an owned bank. PROCTOR_EVERIFY for a bad signature, another key or another assignment;
 * PROCTOR_EINVAL for a malformed key. For an open assignment, its own bank is the key.
 */
int proctor_answer_key_load(const char *path, const struct proctor_assignment *a,
                            struct proctor_bank **out, struct proctor_error *err);

/*
 * proctor_answer_key_load, and a->bank_ids set from the key (the bank question each question
 * was made from; left as it was when the key records none).
 */
int proctor_answer_key_read(const char *path, struct proctor_assignment *a,
                            struct proctor_bank **out, struct proctor_error *err);

/*
 * The answer key at path as an assignment of its own, for the teacher's commands that have
 * only the key: signed by pk (the teacher's own key; PROCTOR_EVERIFY otherwise), its id,
 * title, digest and shuffle from the key, its bank the questions with answers, sealed set.
 * Due time, time limit, attempts and the teacher's id and name are not in a key: they are
 * empty ("", 0, 1). An open assignment's file is accepted as its own key.
 */
int proctor_answer_key_open(const char *path, const unsigned char pk[32],
                            struct proctor_assignment **out, struct proctor_error *err);

#endif
