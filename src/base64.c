/* SPDX-License-Identifier: ISC */
/* base64.c - standard padded base64, decoded strictly (one accepted encoding per value). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "proctor/base64.h"
#include "proctor/error.h"

char *
proctor_base64_encode(const void *data, size_t len)
{
    size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = malloc(n);

    if (!out)
        return NULL;
    sodium_bin2base64(out, n, data, len, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

/* The value of base64 character c, or 64 for anything else. */
#define B64V(c)                                                                             \
    ((c) >= 'A' && (c) <= 'Z'   ? (c) - 'A'                                                 \
     : (c) >= 'a' && (c) <= 'z' ? (c) - 'a' + 26                                            \
     : (c) >= '0' && (c) <= '9' ? (c) - '0' + 52                                            \
     : (c) == '+'               ? 62                                                        \
     : (c) == '/'               ? 63                                                        \
                                : 64)
/* The value of c as the k-th character of a group of four (its 6 bits already in their
 * place among the group's 24), or bit 24 (BAD) when c is not a base64 character: a group
 * is four lookups or'ed together, and one test of the or of every group says whether all
 * were base64 (a table, not a chain of tests: a result's payload is the largest thing
 * verify decodes). */
#define BAD 0x1000000u
#define B64K(c, k) (B64V(c) == 64 ? BAD : (uint32_t)B64V(c) << (18 - 6 * (k)))
#define R4(k, c) B64K((c), k), B64K((c) + 1, k), B64K((c) + 2, k), B64K((c) + 3, k)
#define R16(k, c) R4(k, c), R4(k, (c) + 4), R4(k, (c) + 8), R4(k, (c) + 12)
#define R64(k, c) R16(k, c), R16(k, (c) + 16), R16(k, (c) + 32), R16(k, (c) + 48)
#define R256(k) R64(k, 0), R64(k, 64), R64(k, 128), R64(k, 192)
static const uint32_t b64[4][256] = {{R256(0)}, {R256(1)}, {R256(2)}, {R256(3)}};
#undef R256
#undef R64
#undef R16
#undef R4

#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define HAVE_SSSE3_PATH 1

/*
 * Sixteen characters at a time into twelve bytes (SSSE3: W. Mula and D. Lemire, "Faster
 * Base64 Encoding and Decoding Using AVX2 Instructions", the SSE form): each character's
 * class from two nibble tables (a character is base64 exactly when the two class bits do not
 * meet), its value by adding the offset of its range, then the 6-bit values packed. Returns
 * the number of groups of four decoded (a multiple of four, at most groups), with *bad set
 * when one character was not base64; dst gets 3 bytes per group.
 */
__attribute__((target("ssse3"))) static size_t
decode16(const unsigned char *in, size_t groups, unsigned char *dst, uint32_t *bad)
{
    const __m128i lut_lo = _mm_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                         0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m128i lut_hi = _mm_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10,
                                         0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    const __m128i lut_roll = _mm_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0,
                                           0, 0);
    const __m128i nib = _mm_set1_epi8(0x0F), slash = _mm_set1_epi8(0x2F);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    __m128i err = _mm_setzero_si128();
    size_t g = 0;

    for (; g + 4 <= groups; g += 4, in += 16, dst += 12) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)in);
        __m128i hi = _mm_and_si128(_mm_srli_epi32(v, 4), nib);
        __m128i lo = _mm_shuffle_epi8(lut_lo, _mm_and_si128(v, nib));
        __m128i cls = _mm_shuffle_epi8(lut_hi, hi);
        __m128i roll = _mm_shuffle_epi8(lut_roll, _mm_add_epi8(_mm_cmpeq_epi8(v, slash), hi));
        __m128i packed;
        uint32_t last;
        err = _mm_or_si128(err, _mm_and_si128(lo, cls));
        v = _mm_add_epi8(v, roll);
        /* aaaaaa bbbbbb -> 12 bits, then two of those -> 24 bits, big-endian order */
        v = _mm_maddubs_epi16(v, _mm_set1_epi32(0x01400140));
        v = _mm_madd_epi16(v, _mm_set1_epi32(0x00011000));
        packed = _mm_shuffle_epi8(v, order);
        _mm_storel_epi64((__m128i *)(void *)dst, packed);
        last = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(packed, 8));
        memcpy(dst + 8, &last, 4);
    }
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) != 0xFFFF)
        *bad |= BAD;
    return g;
}
#endif

size_t
proctor_base64_decoded_len(const char *s, size_t slen)
{
    size_t pad = 0;

    if (slen % 4 != 0)
        return slen / 4 * 3;
    if (slen > 0 && s[slen - 1] == '=')
        pad = slen > 1 && s[slen - 2] == '=' ? 2 : 1;
    return slen / 4 * 3 - pad;
}

/*
 * A plain decoder: the data is public, so it need not be constant-time like libsodium's.
 * Whole groups are decoded into dst before it is known that every character was base64;
 * on failure dst holds garbage and *outlen is 0.
 */
int
proctor_base64_decode_to(const char *s, size_t slen, unsigned char *dst, size_t *outlen)
{
    const unsigned char *in = (const unsigned char *)s;
    unsigned char *o = dst;
    uint32_t bad = 0, w;
    size_t pad = 0, full;

    *outlen = 0;
    if (slen % 4 != 0)
        return PROCTOR_EINVAL;
    if (slen > 0 && in[slen - 1] == '=')
        pad = slen > 1 && in[slen - 2] == '=' ? 2 : 1;
    full = slen / 4 - (pad ? 1 : 0); /* groups without padding */
#ifdef HAVE_SSSE3_PATH
    if (full >= 4 && __builtin_cpu_supports("ssse3")) {
        size_t g = decode16(in, full, o, &bad);
        in += 4 * g;
        o += 3 * g;
        full -= g;
    }
#endif
    for (size_t g = 0; g < full; g++, in += 4, o += 3) {
        w = b64[0][in[0]] | b64[1][in[1]] | b64[2][in[2]] | b64[3][in[3]];
        bad |= w;
        o[0] = (unsigned char)(w >> 16);
        o[1] = (unsigned char)(w >> 8);
        o[2] = (unsigned char)w;
    }
    if (pad) {
        /* the unused low bits of the last character must be zero: one encoding per value */
        w = b64[0][in[0]] | b64[1][in[1]] | (pad == 1 ? b64[2][in[2]] : 0);
        bad |= w;
        if ((pad == 2 ? w & 0xffff : w & 0xff) != 0)
            bad |= BAD;
        *o++ = (unsigned char)(w >> 16);
        if (pad == 1)
            *o++ = (unsigned char)(w >> 8);
    }
    if (bad & BAD)
        return PROCTOR_EINVAL;
    *outlen = (size_t)(o - dst);
    return 0;
}

int
proctor_base64_decode(const char *s, size_t slen, unsigned char **out, size_t *outlen)
{
    unsigned char *buf;
    int rc;

    *out = NULL;
    *outlen = 0;
    if (slen % 4 != 0)
        return PROCTOR_EINVAL;
    buf = malloc(slen / 4 * 3 + 1);
    if (!buf)
        return PROCTOR_ENOMEM;
    if ((rc = proctor_base64_decode_to(s, slen, buf, outlen)) < 0) {
        free(buf);
        *outlen = 0;
        return rc;
    }
    buf[*outlen] = '\0';
    *out = buf;
    return 0;
}
