/* SPDX-License-Identifier: ISC */
/*
 * sign-internal.h - a signed envelope read in place, for verify's hot path (private to
 * libproctor).
 *
 * Rule: a view's pointers are into the caller's buffer and into the calling thread's open
 * json-arena scope (json-arena.h): they live until the buffer is freed or the scope ends,
 * whichever comes first.
 */
#ifndef PROCTOR_SIGN_INTERNAL_H
#define PROCTOR_SIGN_INTERNAL_H

#include <stddef.h>

#include "proctor/error.h"
#include "proctor/sign.h"

struct sign_view {
    char *payload_type;     /* NUL-terminated (arena) */
    char *keyid;            /* NUL-terminated (arena) */
    unsigned char sig[PROCTOR_SIG_BYTES];
    unsigned char *pae;     /* the pre-authentication encoding, what the signature covers */
    size_t pae_len;
    unsigned char *payload; /* the decoded payload: the end of pae, NUL-terminated */
    size_t payload_len;
};

/*
 * Reads buf (len bytes) as proctor_dsse_parse does, accepting and refusing exactly the same
 * texts, with the same errors: the canonical envelope is matched in place and its payload
 * decoded straight into the PAE buffer, with no allocation but from the open arena scope.
 * 0, or the error of proctor_dsse_parse (path names the file in it).
 */
int sign_view_parse(const char *buf, size_t len, const char *path, struct sign_view *view,
                    struct proctor_error *err);

/* Whether view's signature verifies under pk (crypto_sign_verify_detached over the PAE). */
int sign_view_verify(const struct sign_view *view, const unsigned char pk[32]);

#endif
