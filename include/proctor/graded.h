/* SPDX-License-Identifier: ISC */
/*
 * graded.h - graded work returned to a student: per question their answer, the correct one,
 * the points, the teacher's comment, the explanation and the passage, signed by the teacher.
 *
 * Rule: proctor_graded_make returns a malloc'd envelope the caller frees; a loaded struct
 * proctor_graded is owned by the caller (proctor_graded_free) and owns its strings. The
 * format is in docs/FORMAT.md.
 */
#ifndef PROCTOR_GRADED_H
#define PROCTOR_GRADED_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/assignment.h"
#include "proctor/error.h"
#include "proctor/keys.h"
#include "proctor/marks.h"
#include "proctor/result.h"
#include "proctor/session.h"

#define PROCTOR_GRADED_TYPE "application/vnd.proctor.graded+json"
#define PROCTOR_GRADED_FORMAT "proctor-graded"

struct proctor_graded_item {
    int64_t number;       /* as the student saw it, from 1 */
    char *id, *type, *prompt;
    int64_t points;       /* available */
    int answered;
    char *answer;         /* the student's answer as shown to them ("" when unanswered) */
    char *correct;        /* the correct answer (an essay: its rubric) */
    int64_t earned;
    int essay, marked;    /* an essay, and whether the teacher marked it */
    char *comment;        /* the teacher's ("" when none) */
    char *explain;
    int has_passage;
    char *doc, *doc_title, *paragraph, *quote;
    int64_t line, offset; /* paragraph's first line; the quote's byte offset in paragraph */
};

struct proctor_graded {
    char *assignment_id, *title;
    unsigned char digest[32];
    char teacher_id[PROCTOR_ID_MAX + 1];
    char teacher_name[PROCTOR_NAME_MAX + 1];
    char keyid[PROCTOR_KEYID_LEN + 1];
    unsigned char teacher_pk[32];
    char student[PROCTOR_ID_MAX + 1];
    int64_t attempt;
    unsigned char nonce[PROCTOR_NONCE_BYTES]; /* of the result graded */
    char started[32], finished[32], returned[32];
    int64_t earned, max; /* essays included */
    int64_t unmarked;    /* essays answered but not marked */
    struct proctor_graded_item *items;
    size_t n;
};

/*
 * Builds and signs the graded work of result res (already verified) of assignment a: s is
 * the student's session over the questions with answers (proctor_assignment_session with
 * the key's bank) holding res's responses; marks may be NULL. Signed with teacher (secret
 * half needed), which must be a's teacher key (PROCTOR_EUSAGE).
 */
int proctor_graded_make(const struct proctor_assignment *a, const struct proctor_session *s,
                        const struct proctor_result *res, const struct proctor_marks *marks,
                        const struct proctor_key *teacher, char **out, size_t *outlen,
                        struct proctor_error *err);

/*
 * Reads graded work: a canonical envelope whose signature verifies with the teacher key its
 * payload names (PROCTOR_EVERIFY otherwise; the caller decides whether to trust that key),
 * then the payload strictly (PROCTOR_EINVAL).
 */
int proctor_graded_load(const char *path, struct proctor_graded **out,
                        struct proctor_error *err);

void proctor_graded_free(struct proctor_graded *g);

#endif
