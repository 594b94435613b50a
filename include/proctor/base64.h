/* SPDX-License-Identifier: ISC */
/*
 * base64.h - the base64 of signed files, key files and public key lines.
 *
 * Rule: both functions return malloc'd memory the caller frees with free(); *out is NULL on
 * failure.
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

#endif
