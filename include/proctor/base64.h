/* SPDX-License-Identifier: ISC */
/*
 * base64.h - the base64 of signed files, key files and public key lines.
 *
 * Rule: proctor_base64_encode and proctor_base64_decode return malloc'd memory the caller
 * frees with free() (*out is NULL on failure); proctor_base64_decode_to writes into the
 * caller's buffer.
 */
#ifndef PROCTOR_BASE64_H
#define PROCTOR_BASE64_H

#include <stddef.h>

/* Standard base64 with padding (RFC 4648 section 4) of len bytes, NUL-terminated. */
char *proctor_base64_encode(const void *data, size_t len);

/*
 * Decodes standard padded base64 strictly: no whitespace, the right padding, and zero
 * unused bits, so each byte string has exactly one accepted encoding. *out is malloc'd
 * (NUL-terminated for convenience; *outlen excludes the NUL). PROCTOR_EINVAL if malformed.
 */
int proctor_base64_decode(const char *s, size_t slen, unsigned char **out, size_t *outlen);

/* The number of bytes s (slen characters) decodes to when it is well formed: at most
 * slen / 4 * 3. */
size_t proctor_base64_decoded_len(const char *s, size_t slen);

/*
 * The same strict decoding into dst, which has room for proctor_base64_decoded_len(s, slen)
 * bytes (no NUL is added); *outlen is the number written. 0 or PROCTOR_EINVAL (dst may then
 * hold part of the bytes).
 */
int proctor_base64_decode_to(const char *s, size_t slen, unsigned char *dst, size_t *outlen);

#endif
