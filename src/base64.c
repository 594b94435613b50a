/* SPDX-License-Identifier: ISC */
/* base64.c - standard padded base64, decoded strictly (one accepted encoding per value). */
#include <stdlib.h>

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

/* The value of each base64 character; 64 for anything else (a table, not a chain of tests:
 * a result's payload is the largest thing verify decodes). */
static const unsigned char b64[256] = {
#define X64 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64
    X64, X64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 62, 64, 64, 64, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 64, 64, 64, 64, 64, 64,
    64, 0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 64, 64, 64, 64, 64,
    64, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 64, 64, 64, 64, 64,
    X64, X64, X64, X64, X64, X64, X64, X64
#undef X64
};

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
 */
int
proctor_base64_decode_to(const char *s, size_t slen, unsigned char *dst, size_t *outlen)
{
    const unsigned char *in = (const unsigned char *)s;
    unsigned char *o = dst;
    size_t pad = 0, full;

    *outlen = 0;
    if (slen % 4 != 0)
        return PROCTOR_EINVAL;
    if (slen > 0 && in[slen - 1] == '=')
        pad = slen > 1 && in[slen - 2] == '=' ? 2 : 1;
    full = slen / 4 - (pad ? 1 : 0); /* groups without padding */
    for (size_t g = 0; g < full; g++, in += 4) {
        unsigned a = b64[in[0]], b = b64[in[1]], c = b64[in[2]], d = b64[in[3]];
        if ((a | b | c | d) & 64)
            return PROCTOR_EINVAL;
        o[0] = (unsigned char)(a << 2 | b >> 4);
        o[1] = (unsigned char)(b << 4 | c >> 2);
        o[2] = (unsigned char)(c << 6 | d);
        o += 3;
    }
    if (pad) {
        unsigned a = b64[in[0]], b = b64[in[1]], c = pad == 1 ? b64[in[2]] : 0;
        /* the unused low bits of the last character must be zero: one encoding per value */
        if ((a | b | c) & 64 || (pad == 2 && (b & 0x0f)) || (pad == 1 && (c & 0x03)))
            return PROCTOR_EINVAL;
        *o++ = (unsigned char)(a << 2 | b >> 4);
        if (pad == 1)
            *o++ = (unsigned char)(b << 4 | c >> 2);
    }
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
