/* SPDX-License-Identifier: ISC */
/*
 * signed-file.h - reading and writing the signed files (assignments, answer keys, results,
 * marks, graded work): the envelope, strict members, the binding to an assignment (private
 * to libproctor).
 *
 * Rule: signed_open fills env on success (release it with proctor_envelope_release) and
 * leaves it released on failure. Strings returned by signed_str are borrowed from obj.
 */
#ifndef PROCTOR_SIGNED_FILE_H
#define PROCTOR_SIGNED_FILE_H

#include <stddef.h>

#include <cJSON.h>

#include "proctor/sign.h"

/*
 * Reads path (a regular file of at most max bytes) as a canonical DSSE envelope of
 * payloadType type; what names the kind of file in messages ("an answer key"). Anything
 * that is not such an envelope is PROCTOR_EVERIFY (an unsigned or damaged file); read
 * errors PROCTOR_EIO.
 */
int signed_open(const char *path, size_t max, const char *type, const char *what,
                struct proctor_envelope *env, struct proctor_error *err);

/* Every member of obj is one of the NULL-terminated names; else PROCTOR_EINVAL naming it. */
int signed_only_keys(const cJSON *obj, const char *const *names, const char *where,
                     const char *path, struct proctor_error *err);

/*
 * The same, and in found[i] the member named names[i] (NULL when there is none), from one
 * walk of obj's members: a reader's lookups of its fields without a string compare each.
 * found has room for as many entries as names has before its NULL.
 */
int signed_fields(const cJSON *obj, const char *const *names, const cJSON **found,
                  const char *where, const char *path, struct proctor_error *err);

/* v's string, or NULL when v is not a string (or is NULL). */
const char *signed_value_str(const cJSON *v);

/* The string member key of obj, or NULL. */
const char *signed_str(const cJSON *obj, const char *key);

/* Whether s is exactly n lowercase hexadecimal digits (digests, nonces, key ids). */
int signed_is_hex(const char *s, size_t n);

/* Whether s is exactly n lowercase hex digits (n even), decoded into out (n / 2 bytes). */
int signed_hex_bin(const char *s, size_t n, unsigned char *out);

/* Whether s is 1..max bytes of UTF-8 text without control characters (s is valid UTF-8). */
int signed_plain_text(const char *s, size_t max);

/* Parses {"id": ..., "sha256": ...} binding a file to an assignment into id and digest. */
int signed_binding(const cJSON *obj, const char *path, char *id, size_t idsize,
                   unsigned char digest[32], struct proctor_error *err);

/* Adds such a binding object named "assignment" to obj; -1 on out of memory. */
int signed_add_binding(cJSON *obj, const char *id, const unsigned char digest[32]);

#endif
