/* SPDX-License-Identifier: ISC */
/*
 * fnv1a.h - FNV-1a, the 64-bit string hash of the tables keyed by id (gradebook students,
 * study questions) and of the FSRS fuzz seed (private to libproctor).
 */
#ifndef PROCTOR_FNV1A_H
#define PROCTOR_FNV1A_H

#include <stdint.h>

static inline uint64_t
fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

#endif
