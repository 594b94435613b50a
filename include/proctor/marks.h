/* SPDX-License-Identifier: ISC */
/*
 * marks.h - the teacher's marks for essay answers: points and a comment per essay of each
 * result, kept in a file signed by the teacher and bound to the assignment.
 *
 * Rule: a struct proctor_marks is owned by the caller (proctor_marks_free) and owns its
 * entries; proctor_marks_find returns a borrowed pointer valid until the next change or the
 * free. The format is in docs/FORMAT.md.
 */
#ifndef PROCTOR_MARKS_H
#define PROCTOR_MARKS_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/assignment.h"
#include "proctor/error.h"
#include "proctor/keys.h"
#include "proctor/limits.h"
#include "proctor/result.h"

#define PROCTOR_MARKS_TYPE "application/vnd.proctor.marks+json"
#define PROCTOR_MARKS_FORMAT "proctor-marks"

/* The mark of one essay answer: which result (its nonce, student and attempt), which question,
 * and which text: a mark binds the essay it was given for. */
struct proctor_mark {
    char student[PROCTOR_ID_MAX + 1];
    int64_t attempt;
    unsigned char nonce[PROCTOR_NONCE_BYTES];
    char *question;
    unsigned char essay[32]; /* proctor_essay_digest of the essay marked */
    int64_t points; /* thousandths, 0..the question's points */
    char *comment;  /* "" when none */
};

struct proctor_marks {
    char assignment_id[PROCTOR_ID_MAX + 1];
    unsigned char digest[32]; /* of the assignment */
    struct proctor_mark *v;   /* sorted by student, attempt, nonce, question */
    size_t n, cap;
};

/* No marks yet, for assignment a. NULL on out of memory. */
struct proctor_marks *proctor_marks_new(const struct proctor_assignment *a);
void proctor_marks_free(struct proctor_marks *m);

/*
 * Reads a marks file for a: signed by a's teacher key and bound to a's digest
 * (PROCTOR_EVERIFY otherwise); every mark for an essay question of key (the questions with
 * answers) with points from 0 to the question's, and no essay marked twice (PROCTOR_EINVAL).
 */
int proctor_marks_load(const char *path, const struct proctor_assignment *a,
                       const struct proctor_bank *key, struct proctor_marks **out,
                       struct proctor_error *err);

/* The mark for question qid of the result of student's attempt with this nonce, or NULL. */
const struct proctor_mark *proctor_marks_find(const struct proctor_marks *m, const char *student,
                                              int64_t attempt,
                                              const unsigned char nonce[PROCTOR_NONCE_BYTES],
                                              const char *qid);

/* SHA-256 of an essay's text (its UTF-8 bytes, as the result holds them). */
void proctor_essay_digest(const char *text, unsigned char out[32]);

/* Whether mark m was given for this very essay text (and not for another text of the same
 * question of a result with the same nonce). */
int proctor_mark_fits(const struct proctor_mark *m, const char *text);

/*
 * Sets (adds or replaces) the mark of question qid of a result, given for the essay whose
 * proctor_essay_digest is essay; comment may be NULL. Points
 * must be from 0 to 1000000 thousandths (the caller checks the question's own maximum);
 * comments at most PROCTOR_COMMENT_MAX bytes of UTF-8 without control characters other than
 * tab and newline. PROCTOR_EINVAL, PROCTOR_ENOMEM.
 */
int proctor_marks_set(struct proctor_marks *m, const char *student, int64_t attempt,
                      const unsigned char nonce[PROCTOR_NONCE_BYTES], const char *qid,
                      const unsigned char essay[32], int64_t points, const char *comment,
                      struct proctor_error *err);

/* The signed marks file in memory (*out malloc'd), signed with the teacher's secret key. */
int proctor_marks_sign(const struct proctor_marks *m, const struct proctor_key *teacher,
                       char **out, size_t *outlen, struct proctor_error *err);

#endif
