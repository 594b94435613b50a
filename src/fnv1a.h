/* SPDX-License-Identifier: ISC */
/*
 * fnv1a.h - FNV-1a, the 64-bit hash of the tables keyed by id (gradebook students, study
 * questions, verify's question index, a result payload's ids, large JSON objects' keys), of
 * the FSRS fuzz seed and of coverage's paragraphs; and wordhash, a word at a time, for the
 * short keys verify looks up per file (private to libproctor).
 */
#ifndef PROCTOR_FNV1A_H
#define PROCTOR_FNV1A_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * Not FNV: the n bytes at p taken eight at a time (a multiply and a shift per word, the last
 * word zero-filled), for tables of short keys read per file (verify's payload ids and large
 * objects' keys), where FNV's multiply per byte is most of a lookup. Well mixed for table
 * slots; not for anything an adversary must not collide (the tables compare keys on a hit,
 * and collisions cost only time).
 */
static inline uint64_t
wordhash(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;

    for (; n >= 8; n -= 8, b += 8) {
        memcpy(&w, b, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    if (n) {
        w = 0;
        memcpy(&w, b, n);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    return h * 0xC4CEB9FE1A85EC53ULL ^ (h >> 29);
}

#endif
