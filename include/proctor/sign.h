/* SPDX-License-Identifier: ISC */
/*
 * sign.h - DSSE envelopes signed with pure Ed25519 (their base64 is proctor/base64.h).
 *
 * Rule: functions that return buffers (char ** / unsigned char ** out-parameters) return
 * malloc'd memory the caller frees with free(); out-parameters are NULL on failure. A parsed
 * struct proctor_envelope owns its strings; release it with proctor_envelope_release.
 * The envelope and the signature are specified in docs/FORMAT.md.
 */
#ifndef PROCTOR_SIGN_H
#define PROCTOR_SIGN_H

#include <stddef.h>

#include "proctor/base64.h"
#include "proctor/error.h"
#include "proctor/keys.h"

#define PROCTOR_SIG_BYTES 64

/*
 * DSSE's pre-authentication encoding:
 *   "DSSEv1" SP len(type) SP type SP len(body) SP body   (lengths in ASCII decimal)
 * into a malloc'd *out of *outlen bytes.
 */
int proctor_pae(const char *type, const void *body, size_t len, unsigned char **out,
                size_t *outlen);

/* A parsed envelope with exactly one signature. */
struct proctor_envelope {
    char *payload_type;
    unsigned char *payload; /* decoded bytes, NUL-terminated; payload_len excludes the NUL */
    size_t payload_len;
    char *keyid;
    unsigned char sig[PROCTOR_SIG_BYTES];
};

void proctor_envelope_release(struct proctor_envelope *env);

/*
 * Signs payload (len bytes) of type with k (which must hold a secret key) and writes the
 * envelope in proctor's canonical form - compact JSON, keys in the order payloadType,
 * payload, signatures[{keyid, sig}], one trailing newline - to a malloc'd *out.
 */
int proctor_dsse_sign(const char *type, const void *payload, size_t len,
                      const struct proctor_key *k, char **out, size_t *outlen,
                      struct proctor_error *err);

/*
 * Parses an envelope from buf strictly (see json-strict rules in FORMAT.md). The bytes must
 * be exactly the canonical form proctor_dsse_sign writes, so that no byte of a signed file
 * can change without the file being refused. PROCTOR_EINVAL (with line:col when known).
 */
int proctor_dsse_parse(const char *buf, size_t len, const char *path,
                       struct proctor_envelope *env, struct proctor_error *err);

/* Checks env's signature over PAE(type, payload) with pk; 0 or PROCTOR_EVERIFY. */
int proctor_dsse_verify(const struct proctor_envelope *env, const unsigned char pk[32],
                        struct proctor_error *err);

#endif
