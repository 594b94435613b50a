/* SPDX-License-Identifier: ISC */
/*
 * fnv1a.h - FNV-1a, the 64-bit hash of the tables keyed by id (gradebook students, study
 * questions, verify's question index, a result payload's ids, large JSON objects' keys), of
 * the FSRS fuzz seed and of coverage's paragraphs (private to libproctor).
 */
#ifndef PROCTOR_FNV1A_H
#define PROCTOR_FNV1A_H

#include <stddef.h>
#include <stdint.h>

/* Of the n bytes at p. */
static inline uint64_t
fnv1a_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

/* Of the string s, without its NUL. */
static inline uint64_t
fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

#endif
