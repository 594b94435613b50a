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

/* The value of a base64 character, or 64 for anything else. */
static unsigned
b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned)(c - 'A');
    if (c >= 'a' && c <= 'z')
        return (unsigned)(c - 'a' + 26);
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0' + 52);
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return 64;
}

/*
 * A plain decoder: the data is public, so it need not be constant-time like
 * libsodium's, and a result's payload is the largest thing verify decodes.
 */
int
proctor_base64_decode(const char *s, size_t slen, unsigned char **out, size_t *outlen)
{
    const unsigned char *in = (const unsigned char *)s;
    unsigned char *buf, *o;
    size_t pad = 0, full;

    *out = NULL;
    *outlen = 0;
    if (slen % 4 != 0)
        return PROCTOR_EINVAL;
    if (slen > 0 && in[slen - 1] == '=')
        pad = slen > 1 && in[slen - 2] == '=' ? 2 : 1;
    full = slen / 4 - (pad ? 1 : 0); /* groups without padding */
    buf = malloc(slen / 4 * 3 + 1);
    if (!buf)
        return PROCTOR_ENOMEM;
    o = buf;
    for (size_t g = 0; g < full; g++, in += 4) {
        unsigned a = b64_value(in[0]), b = b64_value(in[1]), c = b64_value(in[2]),
                 d = b64_value(in[3]);
        if ((a | b | c | d) & 64)
            goto bad;
        *o++ = (unsigned char)(a << 2 | b >> 4);
        *o++ = (unsigned char)(b << 4 | c >> 2);
        *o++ = (unsigned char)(c << 6 | d);
    }
    if (pad) {
        unsigned a = b64_value(in[0]), b = b64_value(in[1]), c = pad == 1 ? b64_value(in[2]) : 0;
        /* the unused low bits of the last character must be zero: one encoding per value */
        if ((a | b | c) & 64 || (pad == 2 && (b & 0x0f)) || (pad == 1 && (c & 0x03)))
            goto bad;
        *o++ = (unsigned char)(a << 2 | b >> 4);
        if (pad == 1)
            *o++ = (unsigned char)(b << 4 | c >> 2);
    }
    *o = '\0';
    *out = buf;
    *outlen = (size_t)(o - buf);
    return 0;
bad:
    free(buf);
    return PROCTOR_EINVAL;
}
