/* SPDX-License-Identifier: ISC */
/* sign.c - DSSE pre-authentication encoding and Ed25519 envelopes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "json-arena.h"
#include "json-strict.h"
#include "proctor/sign.h"
#include "sign-internal.h"

int
proctor_pae(const char *type, const void *body, size_t len, unsigned char **out,
            size_t *outlen)
{
    char head[64];
    size_t tlen = strlen(type), hlen, total;
    unsigned char *buf;
    int k;

    *out = NULL;
    *outlen = 0;
    k = snprintf(head, sizeof head, "DSSEv1 %zu ", tlen);
    if (k < 0 || (size_t)k >= sizeof head)
        return PROCTOR_EUSAGE;
    hlen = (size_t)k;
    total = hlen + tlen + 2 + 20 + len;
    buf = malloc(total + 1);
    if (!buf)
        return PROCTOR_ENOMEM;
    memcpy(buf, head, hlen);
    memcpy(buf + hlen, type, tlen);
    k = snprintf((char *)buf + hlen + tlen, 24, " %zu ", len);
    hlen += tlen + (size_t)k;
    if (len)
        memcpy(buf + hlen, body, len);
    hlen += len;
    buf[hlen] = '\0';
    *out = buf;
    *outlen = hlen;
    return 0;
}

void
proctor_envelope_release(struct proctor_envelope *env)
{
    if (!env)
        return;
    free(env->payload_type);
    free(env->payload);
    free(env->keyid);
    memset(env, 0, sizeof *env);
}

/* Strings the canonical envelope writes without escapes: printable ASCII but '"' and '\'. */
static int
plain_ascii(const char *s)
{
    for (; *s; s++)
        if (*s < 0x20 || *s > 0x7E || *s == '"' || *s == '\\')
            return 0;
    return 1;
}

static char *
envelope_text(const char *type, const char *payload_b64, const char *keyid,
              const char *sig_b64, size_t *outlen)
{
    static const char fmt[] =
        "{\"payloadType\":\"%s\",\"payload\":\"%s\",\"signatures\":[{\"keyid\":\"%s\","
        "\"sig\":\"%s\"}]}\n";
    size_t n = sizeof fmt + strlen(type) + strlen(payload_b64) + strlen(keyid) +
               strlen(sig_b64);
    char *out = malloc(n);
    int k;

    if (!out)
        return NULL;
    k = snprintf(out, n, fmt, type, payload_b64, keyid, sig_b64);
    if (k < 0 || (size_t)k >= n) {
        free(out);
        return NULL;
    }
    *outlen = (size_t)k;
    return out;
}

int
proctor_dsse_sign(const char *type, const void *payload, size_t len,
                  const struct proctor_key *k, char **out, size_t *outlen,
                  struct proctor_error *err)
{
    unsigned char *pae = NULL, sig[PROCTOR_SIG_BYTES];
    size_t paelen;
    char *pb64 = NULL, *sb64 = NULL;
    int rc = 0;

    *out = NULL;
    *outlen = 0;
    if (!k || !k->sk)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "signing needs a secret key");
    if (!plain_ascii(type))
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "bad payload type");
    if ((rc = proctor_pae(type, payload, len, &pae, &paelen)) < 0)
        return proctor_error_set(err, rc, NULL, 0, 0, "out of memory");
    crypto_sign_detached(sig, NULL, pae, paelen, k->sk);
    pb64 = proctor_base64_encode(payload, len);
    sb64 = proctor_base64_encode(sig, sizeof sig);
    if (!pb64 || !sb64 || !(*out = envelope_text(type, pb64, k->keyid, sb64, outlen)))
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    free(pae);
    free(pb64);
    free(sb64);
    return rc;
}

static const cJSON *
only_string(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring ? v : NULL;
}

/*
 * The canonical envelope read directly, without a JSON parser. Its fields are written raw
 * (payloadType and keyid are plain_ascii, payload and sig base64), so none holds a '"': a
 * text that matches the template piece by piece, with fields of those kinds, is exactly the
 * text envelope_text writes, and the strict parser would read the same four strings from it.
 * Returns 0 with *env filled, or -1 (nothing kept) so the caller takes the strict path, which
 * also says precisely what is wrong.
 */
/*
 * The canonical envelope's template matched piece by piece: its four fields (payloadType,
 * payload, keyid, sig) in place, or -1. payloadType and keyid must be printable ASCII
 * without '\\'; no field holds a '"'.
 */
static int
match_canonical(const char *buf, size_t len, const char *field[4], size_t flen[4])
{
#define PIECES(X)                                                                          \
    X("{\"payloadType\":\"") X("\",\"payload\":\"") X("\",\"signatures\":[{\"keyid\":\"")             \
    X("\",\"sig\":\"") X("\"}]}\n")
#define TEXT(s) s,
#define LEN(s) sizeof s - 1,
    static const char *const piece[5] = {PIECES(TEXT)};
    static const size_t plen[5] = {PIECES(LEN)};
#undef TEXT
#undef LEN
#undef PIECES
    const char *p = buf, *end = buf + len;

    for (int i = 0; i < 5; i++) {
        const char *q;
        if ((size_t)(end - p) < plen[i] || memcmp(p, piece[i], plen[i]) != 0)
            return -1;
        p += plen[i];
        if (i == 4)
            break;
        q = memchr(p, '"', (size_t)(end - p));
        if (!q)
            return -1;
        field[i] = p;
        flen[i] = (size_t)(q - p);
        p = q;
    }
    if (p != end)
        return -1;
    for (int i = 0; i < 4; i += 2)
        for (size_t k = 0; k < flen[i]; k++)
            if (field[i][k] < 0x20 || field[i][k] > 0x7E || field[i][k] == '\\')
                return -1;
    return 0;
}

static int
parse_canonical(const char *buf, size_t len, struct proctor_envelope *env)
{
    const char *field[4];
    size_t flen[4];
    unsigned char *sigbytes = NULL;
    size_t siglen = 0;

    if (match_canonical(buf, len, field, flen) < 0)
        return -1;
    if (proctor_base64_decode(field[3], flen[3], &sigbytes, &siglen) < 0 ||
        siglen != PROCTOR_SIG_BYTES) {
        free(sigbytes);
        return -1;
    }
    memcpy(env->sig, sigbytes, PROCTOR_SIG_BYTES);
    free(sigbytes);
    env->payload_type = strndup(field[0], flen[0]);
    env->keyid = strndup(field[2], flen[2]);
    if (!env->payload_type || !env->keyid ||
        proctor_base64_decode(field[1], flen[1], &env->payload, &env->payload_len) < 0) {
        proctor_envelope_release(env);
        return -1;
    }
    return 0;
}

int
proctor_dsse_parse(const char *buf, size_t len, const char *path,
                   struct proctor_envelope *env, struct proctor_error *err)
{
    cJSON *root = NULL;
    const cJSON *type, *payload, *sigs, *s0, *keyid, *sig;
    unsigned char *sigbytes = NULL;
    size_t siglen = 0, clen = 0;
    char *canon = NULL;
    int rc = 0;

    memset(env, 0, sizeof *env);
    if (parse_canonical(buf, len, env) == 0)
        return 0;
    root = proctor_json_parse_strict(buf, len, path, err);
    if (!root)
        return err ? err->code : PROCTOR_EINVAL;
    if (!cJSON_IsObject(root) || cJSON_GetArraySize(root) != 3 ||
        !(type = only_string(root, "payloadType")) || !(payload = only_string(root, "payload")) ||
        !cJSON_IsArray(sigs = cJSON_GetObjectItemCaseSensitive(root, "signatures"))) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "not a DSSE envelope (want payloadType, payload, signatures)");
        goto out;
    }
    if (cJSON_GetArraySize(sigs) != 1) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "envelope must have exactly one signature");
        goto out;
    }
    s0 = cJSON_GetArrayItem(sigs, 0);
    if (!cJSON_IsObject(s0) || cJSON_GetArraySize(s0) != 2 || !(keyid = only_string(s0, "keyid")) ||
        !(sig = only_string(s0, "sig"))) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "malformed signature (want keyid and sig)");
        goto out;
    }
    if (!plain_ascii(type->valuestring) || !plain_ascii(keyid->valuestring)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "payloadType and keyid must be printable ASCII");
        goto out;
    }
    /* Nothing may vary but what is signed: the file must be the one canonical text. */
    canon = envelope_text(type->valuestring, payload->valuestring, keyid->valuestring,
                          sig->valuestring, &clen);
    if (!canon) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if (clen != len || memcmp(canon, buf, len) != 0) {
        size_t i = 0;
        long line, col;
        while (i < len && i < clen && canon[i] == buf[i])
            i++;
        proctor_json_position(buf, len, i, &line, &col);
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                               "envelope is not in canonical form (spacing, key order, "
                               "escapes or final newline differ)");
        goto out;
    }
    rc = proctor_base64_decode(payload->valuestring, strlen(payload->valuestring),
                               &env->payload, &env->payload_len);
    if (rc < 0) {
        rc = proctor_error_set(err, rc, path, 0, 0, "payload is not valid base64");
        goto out;
    }
    rc = proctor_base64_decode(sig->valuestring, strlen(sig->valuestring), &sigbytes, &siglen);
    if (rc < 0 || siglen != PROCTOR_SIG_BYTES) {
        rc = proctor_error_set(err, rc < 0 ? rc : PROCTOR_EINVAL, path, 0, 0,
                               "signature is not 64 bytes of valid base64");
        goto out;
    }
    memcpy(env->sig, sigbytes, PROCTOR_SIG_BYTES);
    env->payload_type = strdup(type->valuestring);
    env->keyid = strdup(keyid->valuestring);
    if (!env->payload_type || !env->keyid)
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
out:
    free(canon);
    free(sigbytes);
    cJSON_Delete(root);
    if (rc < 0)
        proctor_envelope_release(env);
    return rc;
}

int
proctor_dsse_verify(const struct proctor_envelope *env, const unsigned char pk[32],
                    struct proctor_error *err)
{
    unsigned char *pae = NULL;
    size_t paelen;
    int rc;

    if ((rc = proctor_pae(env->payload_type, env->payload, env->payload_len, &pae, &paelen)) < 0)
        return proctor_error_set(err, rc, NULL, 0, 0, "out of memory");
    rc = crypto_sign_verify_detached(env->sig, pae, paelen, pk);
    free(pae);
    if (rc != 0)
        return proctor_error_set(err, PROCTOR_EVERIFY, NULL, 0, 0, "bad signature");
    return 0;
}

/* v in decimal at o (room for 20 digits); the digits written. */
static size_t
put_decimal(char *o, size_t v)
{
    char d[24];
    size_t n = 0;

    do
        d[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    for (size_t i = 0; i < n; i++)
        o[i] = d[n - 1 - i];
    return n;
}

/* "DSSEv1 <len(type)> <type> <len(payload)> " then room for the payload (and a NUL), in the
 * arena; the payload's place is returned in *payload. The lengths written by hand: this is
 * made for every file verify reads. */
static unsigned char *
view_pae(const char *type, size_t tlen, size_t plen, size_t *hlen, unsigned char **payload)
{
    unsigned char *buf;
    char *o;

    if (tlen > SIZE_MAX - plen - 64 || !(buf = json_arena_alloc(tlen + plen + 64)))
        return NULL;
    o = (char *)buf;
    memcpy(o, "DSSEv1 ", 7);
    o += 7;
    o += put_decimal(o, tlen);
    *o++ = ' ';
    memcpy(o, type, tlen);
    o += tlen;
    *o++ = ' ';
    o += put_decimal(o, plen);
    *o++ = ' ';
    *hlen = (size_t)(o - (char *)buf);
    *payload = buf + *hlen;
    return buf;
}

static char *
arena_strndup(const char *s, size_t n)
{
    char *d = json_arena_alloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* The canonical envelope in place (parse_canonical's template); -1 to take the strict path. */
static int
view_canonical(const char *buf, size_t len, struct sign_view *v)
{
    const char *field[4];
    size_t flen[4], siglen, hlen, n;

    if (match_canonical(buf, len, field, flen) < 0)
        return -1;
    if (flen[3] != 88 || proctor_base64_decoded_len(field[3], flen[3]) != PROCTOR_SIG_BYTES ||
        proctor_base64_decode_to(field[3], flen[3], v->sig, &siglen) < 0)
        return -1;
    if (flen[1] % 4 != 0 || !(v->payload_type = arena_strndup(field[0], flen[0])) ||
        !(v->keyid = arena_strndup(field[2], flen[2])))
        return -1;
    n = proctor_base64_decoded_len(field[1], flen[1]);
    if (!(v->pae = view_pae(field[0], flen[0], n, &hlen, &v->payload)) ||
        proctor_base64_decode_to(field[1], flen[1], v->payload, &v->payload_len) < 0 ||
        v->payload_len != n)
        return -1;
    v->payload[n] = '\0';
    v->pae_len = hlen + n;
    return 0;
}

int
sign_view_parse(const char *buf, size_t len, const char *path, struct sign_view *view,
                struct proctor_error *err)
{
    struct proctor_envelope env;
    size_t hlen;
    int rc;

    memset(view, 0, sizeof *view);
    if (view_canonical(buf, len, view) == 0)
        return 0;
    /* not the canonical text, or no arena: the strict path says what is wrong */
    memset(view, 0, sizeof *view);
    if ((rc = proctor_dsse_parse(buf, len, path, &env, err)) < 0)
        return rc;
    memcpy(view->sig, env.sig, sizeof view->sig);
    view->payload_type = arena_strndup(env.payload_type, strlen(env.payload_type));
    view->keyid = arena_strndup(env.keyid, strlen(env.keyid));
    view->pae = view_pae(env.payload_type, strlen(env.payload_type), env.payload_len, &hlen,
                         &view->payload);
    if (!view->payload_type || !view->keyid || !view->pae) {
        proctor_envelope_release(&env);
        memset(view, 0, sizeof *view);
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    }
    memcpy(view->payload, env.payload, env.payload_len);
    view->payload[env.payload_len] = '\0';
    view->payload_len = env.payload_len;
    view->pae_len = hlen + env.payload_len;
    proctor_envelope_release(&env);
    return 0;
}

int
sign_view_verify(const struct sign_view *view, const unsigned char pk[32])
{
    return crypto_sign_verify_detached(view->sig, view->pae, view->pae_len, pk) == 0;
}
