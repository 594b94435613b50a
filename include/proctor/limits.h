/* SPDX-License-Identifier: ISC */
/*
 * limits.h - every size and count limit of proctor's files and inputs, in one place.
 *
 * Each cap keeps hostile input cheap and is far above what a real bank, class or answer
 * needs; docs/FORMAT.md and docs/QUESTIONS.md state the ones a writer of files can meet.
 */
#ifndef PROCTOR_LIMITS_H
#define PROCTOR_LIMITS_H

/* ids, names and texts, in bytes */
#define PROCTOR_ID_MAX 64           /* a student, teacher or assignment id: [A-Za-z0-9._@-] */
#define PROCTOR_NAME_MAX 128        /* a display name: UTF-8, no control characters */
#define PROCTOR_QUESTION_ID_MAX 64  /* a question, option or tag id: kebab-case */
#define PROCTOR_TITLE_MAX 200       /* an assignment's title */
#define PROCTOR_COMMENT_MAX 4096    /* a teacher's comment on an essay */
#define PROCTOR_ANSWER_MAX_BYTES (64u * 1024) /* one response's text: what a result can hold */
#define PROCTOR_PROGRAM_MAX 64      /* a result's "program" */
#define PROCTOR_GRADED_TEXT_MAX (256 * 1024) /* any text of graded work */

/* counts */
#define PROCTOR_ATTEMPTS_MAX 1000             /* attempts an assignment allows */
#define PROCTOR_TIME_LIMIT_MAX 100000         /* an assignment's time limit, minutes */
#define PROCTOR_EMBEDDED_MAX_QUESTIONS 2000   /* questions in an assignment or answer key */
#define PROCTOR_RESULT_MAX_QUESTIONS 100000   /* questions a result lists */
#define PROCTOR_RESULT_MAX_ATTEMPT 1000000    /* a result's attempt number */
#define PROCTOR_MARKS_MAX 1000000             /* marks in a marks file */
#define PROCTOR_JSON_MAX_DEPTH 16             /* nesting of a signed payload */

/* file sizes, in bytes */
#define PROCTOR_BANK_FILE_MAX_BYTES (64u << 20)          /* a question file or document */
#define PROCTOR_ASSIGNMENT_MAX_BYTES (16 * 1024 * 1024)  /* assignment, key, marks, graded */
#define PROCTOR_RESULT_MAX_BYTES (1024 * 1024)           /* a result file */
#define PROCTOR_SESSION_MAX_BYTES (16u << 20)            /* a saved practice session */
#define PROCTOR_KEYFILE_MAX_BYTES (64 * 1024)            /* a secret key file */
#define PROCTOR_ROSTER_MAX_BYTES (64 * 1024 * 1024)      /* a roster or teachers file */

#endif
