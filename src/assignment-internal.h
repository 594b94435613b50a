/* SPDX-License-Identifier: ISC */
/*
 * assignment-internal.h - reading signed files of the assignment family (assignments, answer
 * keys, marks, graded work), shared by assignment.c, marks.c and graded.c (private).
 *
 * Rule: on success env is filled (release it with proctor_envelope_release); on failure it
 * is left released.
 */
#ifndef PROCTOR_ASSIGNMENT_INTERNAL_H
#define PROCTOR_ASSIGNMENT_INTERNAL_H

#include <stddef.h>

#include <cJSON.h>

#include "proctor/bank.h"
#include "proctor/sign.h"

/*
 * Reads path (a regular file of at most max bytes) as a canonical DSSE envelope of
 * payloadType type; what names the kind of file in messages ("an answer key"). Anything
 * that is not such an envelope is PROCTOR_EVERIFY (an unsigned or damaged file); read
 * errors PROCTOR_EIO.
 */
int assignment_open_signed(const char *path, size_t max, const char *type, const char *what,
                           struct proctor_envelope *env, struct proctor_error *err);

/* Every member of obj is one of the NULL-terminated names; else PROCTOR_EINVAL naming it. */
int assignment_only_keys(const cJSON *obj, const char *const *names, const char *where,
                         const char *path, struct proctor_error *err);

/* The string member key of obj, or NULL. */
const char *assignment_str(const cJSON *obj, const char *key);

/* Whether s is 1..max bytes of UTF-8 text without control characters (s is valid UTF-8). */
int assignment_plain_text(const char *s, size_t max);

/* Parses {"id": ..., "sha256": ...} binding a file to an assignment into id and digest. */
int assignment_binding(const cJSON *obj, const char *path, char *id, size_t idsize,
                       unsigned char digest[32], struct proctor_error *err);

/* Adds such a binding object named "assignment" to obj; -1 on out of memory. */
int assignment_add_binding(cJSON *obj, const char *id, const unsigned char digest[32]);

/*
 * Adds q's passage, when it has one, to o as member name: {doc, title, line, paragraph,
 * offset, quote} (docs/FORMAT.md). 0, or -1 on out of memory.
 */
int assignment_add_source(cJSON *o, const struct proctor_question *q, const char *name);

#endif
