/* SPDX-License-Identifier: ISC */
/* keys.c - Ed25519 key pairs, passphrase-encrypted key files, public key lines, rosters. */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "json-strict.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "proctor/base64.h"

#define KEYFILE_FORMAT "proctor-secret-key"
#define ENC_NONE "none"
#define ENC_PW "argon2id-xchacha20poly1305"
#define AAD_PREFIX "proctor-secret-key-v1"

/* Upper bounds on the Argon2id cost read from a key file, so a file can't exhaust memory. */
#define OPSLIMIT_CAP 64ULL
#define MEMLIMIT_CAP (1024ULL * 1024 * 1024)

static const char *
role_name(enum proctor_role r)
{
    return r == PROCTOR_ROLE_TEACHER ? "teacher" : "student";
}

static int
role_parse(const char *s, enum proctor_role *out)
{
    if (strcmp(s, "student") == 0)
        *out = PROCTOR_ROLE_STUDENT;
    else if (strcmp(s, "teacher") == 0)
        *out = PROCTOR_ROLE_TEACHER;
    else
        return -1;
    return 0;
}

int
proctor_kdf_default(const char *name, struct proctor_kdf_limits *out,
                    struct proctor_error *err)
{
    if (!name || !*name || strcmp(name, "interactive") == 0) {
        out->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        out->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    } else if (strcmp(name, "moderate") == 0) {
        out->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
        out->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
    } else if (strcmp(name, "min") == 0) {
        out->opslimit = crypto_pwhash_OPSLIMIT_MIN;
        out->memlimit = crypto_pwhash_MEMLIMIT_MIN;
    } else {
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "unknown key derivation cost '%s' (want interactive, "
                                 "moderate or min)",
                                 name);
    }
    return 0;
}

int
proctor_key_check_id(const char *id, struct proctor_error *err)
{
    size_t n = strlen(id);

    if (n == 0 || n > PROCTOR_ID_MAX)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "id must be 1 to %d characters", PROCTOR_ID_MAX);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || !strchr("._@-", c)))
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                     "bad id '%s' (letters, digits and . _ @ -, starting with "
                                     "a letter or digit)",
                                     id);
    }
    return 0;
}

int
proctor_key_check_name(const char *name, struct proctor_error *err)
{
    size_t n = strlen(name);
    const unsigned char *s = (const unsigned char *)name;
    uint32_t bad;

    if (n == 0 || n > PROCTOR_NAME_MAX)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "name must be 1 to %d bytes", PROCTOR_NAME_MAX);
    if (s[0] == ' ' || s[n - 1] == ' ')
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "name must not start or end with a space");
    if (proctor_text_check(name, 0, &bad) < 0)
        return bad == PROCTOR_TEXT_NOT_UTF8
                   ? proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "name is not valid UTF-8")
                   : proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "name contains a control character (U+%04X)",
                                       (unsigned)bad);
    return 0;
}

/*
 * y coordinates (sign bit clear) of the points of order 1, 2, 4 and 8, and the non-canonical
 * encodings p and p+1 of 0 and 1. With either sign bit they are refused.
 */
static const unsigned char small_order_y[][32] = {
    {0x00},
    {0x01},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0x7f},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
     0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
     0xfc, 0x05},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
     0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
     0x03, 0x7a},
    {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0x7f},
    {0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0x7f},
};

/* The cheap part of proctor_pk_check: the encodings of the small-order points. */
static int
pk_small_order(const unsigned char pk[32], struct proctor_error *err)
{
    unsigned char y[32];

    memcpy(y, pk, 32);
    y[31] &= 0x7f;
    for (size_t i = 0; i < sizeof small_order_y / sizeof small_order_y[0]; i++)
        if (sodium_memcmp(y, small_order_y[i], 32) == 0)
            return proctor_error_set(err, PROCTOR_EVERIFY, NULL, 0, 0,
                                     "public key is a small-order point");
    return 0;
}

int
proctor_pk_check(const unsigned char pk[32], struct proctor_error *err)
{
    if (pk_small_order(pk, err) < 0)
        return PROCTOR_EVERIFY;
    /* canonical, on the curve, not of small order, and in the prime-order subgroup */
    if (!crypto_core_ed25519_is_valid_point(pk))
        return proctor_error_set(err, PROCTOR_EVERIFY, NULL, 0, 0,
                                 "public key is not a valid Ed25519 point");
    return 0;
}

void
proctor_key_id(const unsigned char pk[32], char out[PROCTOR_KEYID_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, pk, 32);
    sodium_bin2hex(out, PROCTOR_KEYID_LEN + 1, h, PROCTOR_KEYID_LEN / 2);
}

static int
key_new(enum proctor_role role, const char *id, const char *name, struct proctor_key **out,
        struct proctor_error *err)
{
    struct proctor_key *k;
    int rc;

    *out = NULL;
    if ((rc = proctor_key_check_id(id, err)) < 0 || (rc = proctor_key_check_name(name, err)) < 0)
        return rc;
    k = calloc(1, sizeof *k);
    if (!k)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    k->role = role;
    snprintf(k->id, sizeof k->id, "%s", id);
    snprintf(k->name, sizeof k->name, "%s", name);
    *out = k;
    return 0;
}

static int
key_set_seed(struct proctor_key *k, const unsigned char seed[32], struct proctor_error *err)
{
    k->sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    if (!k->sk)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    crypto_sign_seed_keypair(k->pk, k->sk, seed);
    proctor_key_id(k->pk, k->keyid);
    return 0;
}

int
proctor_key_from_seed(enum proctor_role role, const char *id, const char *name,
                      const unsigned char seed[32], struct proctor_key **out,
                      struct proctor_error *err)
{
    int rc = key_new(role, id, name, out, err);

    if (rc < 0)
        return rc;
    if ((rc = key_set_seed(*out, seed, err)) < 0) {
        proctor_key_free(*out);
        *out = NULL;
    }
    return rc;
}

int
proctor_key_generate(enum proctor_role role, const char *id, const char *name,
                     struct proctor_key **out, struct proctor_error *err)
{
    unsigned char *seed = sodium_malloc(32);
    int rc;

    *out = NULL;
    if (!seed)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    do {
        randombytes_buf(seed, 32);
        rc = proctor_key_from_seed(role, id, name, seed, out, err);
        /* a random key is never weak in practice; checking keeps the promise exact */
        if (rc == 0 && proctor_pk_check((*out)->pk, NULL) < 0) {
            proctor_key_free(*out);
            *out = NULL;
            continue;
        }
        break;
    } while (1);
    sodium_free(seed);
    return rc;
}

void
proctor_key_free(struct proctor_key *k)
{
    if (!k)
        return;
    if (k->sk)
        sodium_free(k->sk);
    sodium_memzero(k, sizeof *k);
    free(k);
}

/* base64 of a secret into sodium_malloc memory */
static char *
secret_b64(const unsigned char *data, size_t len)
{
    size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = sodium_malloc(n);
    if (out)
        sodium_bin2base64(out, n, data, len, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

static int
add_b64(cJSON *obj, const char *key, const unsigned char *data, size_t len)
{
    char *b = proctor_base64_encode(data, len);
    int ok = b && cJSON_AddStringToObject(obj, key, b);
    free(b);
    return ok ? 0 : -1;
}

static void
make_aad(const unsigned char pk[32], unsigned char aad[sizeof AAD_PREFIX - 1 + 32])
{
    memcpy(aad, AAD_PREFIX, sizeof AAD_PREFIX - 1);
    memcpy(aad + sizeof AAD_PREFIX - 1, pk, 32);
}

/* Wipes every string in a cJSON tree (the secret may be in one), then deletes it. */
static void
wipe_delete(cJSON *item)
{
    for (cJSON *c = item ? item->child : NULL; c; c = c->next)
        if (cJSON_IsString(c) && c->valuestring)
            sodium_memzero(c->valuestring, strlen(c->valuestring));
    cJSON_Delete(item);
}

int
proctor_key_save(const struct proctor_key *k, const char *path, const char *pass,
                 size_t passlen, const struct proctor_kdf_limits *lim, int flags,
                 struct proctor_error *err)
{
    struct proctor_kdf_limits def;
    unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char aad[sizeof AAD_PREFIX - 1 + 32];
    unsigned char *dk = NULL, *ct = NULL;
    char *sb = NULL, *text = NULL;
    cJSON *root = NULL, *kdf;
    int rc = 0;

    if (!k->sk)
        return proctor_error_set(err, PROCTOR_EUSAGE, path, 0, 0, "no secret key to save");
    if (!(flags & PROCTOR_KEY_FORCE) && access(path, F_OK) == 0)
        return proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0,
                                 "key file already exists; use --force to replace it");
    if (!lim) {
        proctor_kdf_default(NULL, &def, NULL);
        lim = &def;
    }
    root = cJSON_CreateObject();
    if (!root || !cJSON_AddStringToObject(root, "format", KEYFILE_FORMAT) ||
        !cJSON_AddNumberToObject(root, "version", 1) ||
        !cJSON_AddStringToObject(root, "role", role_name(k->role)) ||
        !cJSON_AddStringToObject(root, "id", k->id) ||
        !cJSON_AddStringToObject(root, "name", k->name) ||
        !cJSON_AddStringToObject(root, "keyid", k->keyid) ||
        add_b64(root, "public_key", k->pk, 32) < 0)
        goto nomem;
    /* ct holds the 32-byte seed (the first half of libsodium's secret key), sealed or not */
    ct = sodium_malloc(32 + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    if (!ct)
        goto nomem;
    if (pass) {
        if (lim->opslimit < crypto_pwhash_OPSLIMIT_MIN || lim->memlimit < crypto_pwhash_MEMLIMIT_MIN ||
            lim->opslimit > OPSLIMIT_CAP || lim->memlimit > MEMLIMIT_CAP) {
            rc = proctor_error_set(err, PROCTOR_EUSAGE, path, 0, 0,
                                   "key derivation cost out of range");
            goto out;
        }
        dk = sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
        if (!dk)
            goto nomem;
        randombytes_buf(salt, sizeof salt);
        randombytes_buf(nonce, sizeof nonce);
        if (crypto_pwhash(dk, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pass, passlen, salt,
                          lim->opslimit, lim->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0,
                                   "cannot derive key from passphrase: out of memory");
            goto out;
        }
        make_aad(k->pk, aad);
        crypto_aead_xchacha20poly1305_ietf_encrypt(ct, NULL, k->sk, 32, aad, sizeof aad, NULL,
                                                   nonce, dk);
        kdf = cJSON_AddObjectToObject(root, "kdf");
        if (!cJSON_AddStringToObject(root, "encryption", ENC_PW) || !kdf ||
            !cJSON_AddStringToObject(kdf, "alg", "argon2id13") ||
            !cJSON_AddNumberToObject(kdf, "opslimit", (double)lim->opslimit) ||
            !cJSON_AddNumberToObject(kdf, "memlimit", (double)lim->memlimit) ||
            add_b64(kdf, "salt", salt, sizeof salt) < 0 ||
            add_b64(root, "nonce", nonce, sizeof nonce) < 0)
            goto nomem;
        sb = secret_b64(ct, 32 + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    } else {
        if (!cJSON_AddStringToObject(root, "encryption", ENC_NONE))
            goto nomem;
        sb = secret_b64(k->sk, 32);
    }
    if (!sb || !cJSON_AddStringToObject(root, "secret", sb))
        goto nomem;
    text = cJSON_Print(root);
    if (!text)
        goto nomem;
    {
        size_t n = strlen(text);
        char *nl = sodium_malloc(n + 1);
        if (!nl)
            goto nomem;
        memcpy(nl, text, n);
        nl[n] = '\n';
        rc = proctor_file_write(path, nl, n + 1, 0600,
                                (flags & PROCTOR_KEY_FORCE) ? 0 : PROCTOR_WRITE_NOREPLACE, err);
        sodium_free(nl);
        if (rc == PROCTOR_EEXIST)
            proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0,
                              "key file already exists; use --force to replace it");
    }
    goto out;
nomem:
    rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
out:
    if (text) {
        sodium_memzero(text, strlen(text));
        cJSON_free(text);
    }
    wipe_delete(root);
    if (sb)
        sodium_free(sb);
    if (dk)
        sodium_free(dk);
    if (ct)
        sodium_free(ct);
    sodium_memzero(aad, sizeof aad);
    return rc;
}

static const char *
get_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Decodes base64 field key of obj into exactly want bytes of out. */
static int
get_b64(const cJSON *obj, const char *key, unsigned char *out, size_t want)
{
    const char *s = get_str(obj, key);
    unsigned char *buf = NULL;
    size_t n = 0;
    int ok;

    if (!s || proctor_base64_decode(s, strlen(s), &buf, &n) < 0)
        return -1;
    ok = n == want;
    if (ok)
        memcpy(out, buf, want);
    sodium_memzero(buf, n);
    free(buf);
    return ok ? 0 : -1;
}

static int
decrypt_seed(const cJSON *root, const struct proctor_key *k, const char *pass, size_t passlen,
             unsigned char *seed, const char *path, struct proctor_error *err)
{
    const cJSON *kdf = cJSON_GetObjectItemCaseSensitive(root, "kdf");
    unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char aad[sizeof AAD_PREFIX - 1 + 32];
    unsigned char *ct = NULL, *dk = NULL;
    const size_t ctlen = 32 + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    int64_t ops, mem;
    const char *alg;
    int rc = 0;

    if (!cJSON_IsObject(kdf) || !(alg = get_str(kdf, "alg")) || strcmp(alg, "argon2id13") != 0 ||
        !proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(kdf, "opslimit"), &ops) ||
        !proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(kdf, "memlimit"), &mem) ||
        get_b64(kdf, "salt", salt, sizeof salt) < 0 || get_b64(root, "nonce", nonce, sizeof nonce) < 0)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "malformed key file: bad kdf, salt or nonce");
    if (ops < (int64_t)crypto_pwhash_OPSLIMIT_MIN || ops > (int64_t)OPSLIMIT_CAP ||
        mem < (int64_t)crypto_pwhash_MEMLIMIT_MIN || (uint64_t)mem > MEMLIMIT_CAP)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "key file asks for an unreasonable key derivation cost");
    if (!pass)
        return proctor_error_set(err, PROCTOR_EUSAGE, path, 0, 0,
                                 "secret key is encrypted: a passphrase is needed");
    ct = sodium_malloc(ctlen);
    dk = sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (!ct || !dk) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if (get_b64(root, "secret", ct, ctlen) < 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "malformed key file: bad encrypted secret");
        goto out;
    }
    if (crypto_pwhash(dk, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pass, passlen, salt,
                      (unsigned long long)ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0,
                               "cannot derive key from passphrase: out of memory");
        goto out;
    }
    make_aad(k->pk, aad);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(seed, NULL, NULL, ct, ctlen, aad, sizeof aad,
                                                   nonce, dk) != 0)
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "cannot decrypt secret key: wrong passphrase");
out:
    if (ct)
        sodium_free(ct);
    if (dk)
        sodium_free(dk);
    return rc;
}

int
proctor_key_load(const char *path, const char *pass, size_t passlen, int want_secret,
                 struct proctor_key **out, struct proctor_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    struct proctor_key *k = NULL;
    const char *fmt, *role, *id, *name, *keyid, *enc;
    unsigned char *seed = NULL;
    unsigned char pk[32];
    int64_t version;
    enum proctor_role r;
    int rc;

    *out = NULL;
    if ((rc = proctor_file_read(path, PROCTOR_KEYFILE_MAX_BYTES, &buf, &len, err)) < 0)
        return rc;
    root = proctor_json_parse_strict(buf, len, path, err);
    sodium_memzero(buf, len);
    free(buf);
    if (!root)
        return err ? err->code : PROCTOR_EINVAL;
    if (!cJSON_IsObject(root) || !(fmt = get_str(root, "format")) ||
        strcmp(fmt, KEYFILE_FORMAT) != 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "not a proctor secret key file");
        goto out;
    }
    if (!proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(root, "version"), &version) ||
        version != 1) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "unsupported key file version (want 1)");
        goto out;
    }
    if (!(role = get_str(root, "role")) || role_parse(role, &r) < 0 ||
        !(id = get_str(root, "id")) || !(name = get_str(root, "name")) ||
        !(keyid = get_str(root, "keyid")) || !(enc = get_str(root, "encryption")) ||
        get_b64(root, "public_key", pk, 32) < 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "malformed key file: want role, id, name, keyid, public_key, "
                               "encryption");
        goto out;
    }
    if ((rc = key_new(r, id, name, &k, NULL)) < 0) {
        rc = proctor_error_set(err, rc, path, 0, 0, "malformed key file: bad id or name");
        goto out;
    }
    memcpy(k->pk, pk, 32);
    proctor_key_id(pk, k->keyid);
    if (strcmp(keyid, k->keyid) != 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "key id does not match the public key");
        goto out;
    }
    if (proctor_pk_check(pk, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "public key is not a valid Ed25519 key");
        goto out;
    }
    if (strcmp(enc, ENC_PW) == 0) {
        k->encrypted = 1;
    } else if (strcmp(enc, ENC_NONE) != 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "unknown encryption '%s'", enc);
        goto out;
    }
    if (want_secret) {
        seed = sodium_malloc(32);
        if (!seed) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        if (k->encrypted)
            rc = decrypt_seed(root, k, pass, passlen, seed, path, err);
        else if (get_b64(root, "secret", seed, 32) < 0)
            rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                   "malformed key file: bad secret");
        if (rc < 0)
            goto out;
        if ((rc = key_set_seed(k, seed, err)) < 0)
            goto out;
        if (sodium_memcmp(k->pk, pk, 32) != 0) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                   "secret key does not match its public key");
            goto out;
        }
    }
    *out = k;
    k = NULL;
out:
    if (seed)
        sodium_free(seed);
    wipe_delete(root);
    proctor_key_free(k);
    return rc;
}

int
proctor_key_line(const struct proctor_key *k, char *buf, size_t size)
{
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    int n;

    sodium_bin2base64(b64, sizeof b64, k->pk, 32, sodium_base64_VARIANT_ORIGINAL);
    n = snprintf(buf, size, "%s %s %s %s %s %s", PROCTOR_PK_PREFIX, k->keyid, b64,
                 role_name(k->role), k->id, k->name);
    if (n < 0 || (size_t)n >= size)
        return PROCTOR_EUSAGE;
    return n;
}

/* Splits off the next field ending at a single space; NULL when there is none. */
static char *
next_field(char **p)
{
    char *s = *p, *sp = s ? strchr(s, ' ') : NULL;
    if (!sp || sp == s)
        return NULL;
    *sp = '\0';
    *p = sp + 1;
    return s;
}

/* A public key line; with full the key is checked by proctor_pk_check, else only against
 * the small-order encodings (a roster being loaded: see proctor_roster_load). */
static int
parse_line(const char *line, int full, struct proctor_key **out, struct proctor_error *err)
{
    char *copy, *p, *prefix, *keyid, *b64, *role, *id;
    unsigned char *pk = NULL;
    size_t pklen = 0, n;
    enum proctor_role r;
    struct proctor_key *k = NULL;
    int rc = 0;

    *out = NULL;
    if (strncmp(line, "\xEF\xBB\xBF", 3) == 0) /* a BOM: a file saved by Notepad */
        line += 3;
    n = strlen(line);
    if (n > 0 && line[n - 1] == '\n')
        n--;
    if (n > 0 && line[n - 1] == '\r') /* CRLF: a line saved on Windows */
        n--;
    copy = malloc(n + 1);
    if (!copy)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(copy, line, n);
    copy[n] = '\0';
    p = copy;
    if (!(prefix = next_field(&p)) || strcmp(prefix, PROCTOR_PK_PREFIX) != 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "not a public key line (want '" PROCTOR_PK_PREFIX
                               " KEYID KEY ROLE ID NAME')");
        goto out;
    }
    if (!(keyid = next_field(&p)) || !(b64 = next_field(&p)) || !(role = next_field(&p)) ||
        !(id = next_field(&p)) || !*p) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "public key line needs KEYID KEY ROLE ID NAME, one space apart");
        goto out;
    }
    if (role_parse(role, &r) < 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "role must be 'student' or 'teacher', not '%s'", role);
        goto out;
    }
    if (proctor_base64_decode(b64, strlen(b64), &pk, &pklen) < 0 || pklen != 32) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "public key is not 32 bytes of base64");
        goto out;
    }
    if ((rc = full ? proctor_pk_check(pk, err) : pk_small_order(pk, err)) < 0) {
        rc = PROCTOR_EINVAL;
        if (err)
            err->code = rc;
        goto out;
    }
    if ((rc = key_new(r, id, p, &k, err)) < 0)
        goto out;
    memcpy(k->pk, pk, 32);
    proctor_key_id(pk, k->keyid);
    if (strcmp(keyid, k->keyid) != 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "key id '%s' does not match the public key (want '%s')", keyid,
                               k->keyid);
        goto out;
    }
    *out = k;
    k = NULL;
out:
    proctor_key_free(k);
    free(pk);
    free(copy);
    return rc;
}

int
proctor_key_parse_line(const char *line, struct proctor_key **out, struct proctor_error *err)
{
    return parse_line(line, 1, out, err);
}

/* Rosters */

enum { KEY_UNCHECKED, KEY_GOOD, KEY_WEAK };

struct proctor_roster {
    struct proctor_key **keys;  /* sorted by id after loading */
    struct proctor_key **bykid; /* the same keys sorted by key id */
    _Atomic unsigned char *state; /* KEY_*, of bykid[i]: proctor_pk_check done on first use */
    size_t n, cap;
};

struct proctor_roster *
proctor_roster_new(void)
{
    return calloc(1, sizeof(struct proctor_roster));
}

void
proctor_roster_free(struct proctor_roster *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        proctor_key_free(r->keys[i]);
    free(r->keys);
    free(r->bykid);
    free((void *)r->state);
    free(r);
}

size_t
proctor_roster_count(const struct proctor_roster *r)
{
    return r ? r->n : 0;
}

const struct proctor_key *
proctor_roster_get(const struct proctor_roster *r, size_t i)
{
    return r && i < r->n ? r->keys[i] : NULL;
}

static int
cmp_key_id(const void *a, const void *b)
{
    const struct proctor_key *const *x = a, *const *y = b;
    return strcmp((*x)->id, (*y)->id);
}

/* bsearch comparators: a string key against a key's id, or its key id */
static int
find_id(const void *key, const void *elem)
{
    return strcmp(key, (*(const struct proctor_key *const *)elem)->id);
}

static int
find_keyid(const void *key, const void *elem)
{
    return strcmp(key, (*(const struct proctor_key *const *)elem)->keyid);
}

/*
 * Whether bykid[i] passes proctor_pk_check, checked once: threads that race here both run
 * the check and store the same answer.
 */
static int
key_trusted(const struct proctor_roster *r, size_t i, struct proctor_error *err)
{
    unsigned char st = r->state ? atomic_load_explicit(&r->state[i], memory_order_relaxed)
                                : (unsigned char)KEY_UNCHECKED;
    struct proctor_error e;

    if (st == KEY_GOOD)
        return 1;
    proctor_error_clear(&e);
    if (st == KEY_UNCHECKED) {
        st = proctor_pk_check(r->bykid[i]->pk, &e) == 0 ? KEY_GOOD : KEY_WEAK;
        if (r->state)
            atomic_store_explicit(&r->state[i], st, memory_order_relaxed);
    }
    if (st == KEY_GOOD)
        return 1;
    if (!e.msg[0])
        proctor_pk_check(r->bykid[i]->pk, &e);
    proctor_error_set(err, PROCTOR_EVERIFY, NULL, 0, 0, "the roster's key of %s is refused: %s",
                      r->bykid[i]->id, e.msg);
    return 0;
}

static size_t
kid_index(const struct proctor_roster *r, const char *keyid)
{
    struct proctor_key **k =
        r && r->bykid && r->n ? bsearch(keyid, r->bykid, r->n, sizeof *r->bykid, find_keyid)
                              : NULL;
    return k ? (size_t)(k - r->bykid) : SIZE_MAX;
}

const struct proctor_key *
proctor_roster_find(const struct proctor_roster *r, const char *id)
{
    struct proctor_key **k = r && r->n ? bsearch(id, r->keys, r->n, sizeof *r->keys, find_id)
                                       : NULL;
    size_t i = k ? kid_index(r, (*k)->keyid) : SIZE_MAX;
    return i != SIZE_MAX && key_trusted(r, i, NULL) ? *k : NULL;
}

static int
cmp_keyid(const void *a, const void *b)
{
    const struct proctor_key *const *x = a, *const *y = b;
    return strcmp((*x)->keyid, (*y)->keyid);
}

const struct proctor_key *
proctor_roster_find_keyid(const struct proctor_roster *r, const char *keyid)
{
    const struct proctor_key *k = NULL;
    return proctor_roster_signer(r, keyid, &k, NULL) == 0 ? k : NULL;
}

int
proctor_roster_signer(const struct proctor_roster *r, const char *keyid,
                      const struct proctor_key **out, struct proctor_error *err)
{
    size_t i = kid_index(r, keyid);

    *out = NULL;
    if (i == SIZE_MAX)
        return proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                                 "no key with key id '%.32s' in the roster", keyid);
    if (!key_trusted(r, i, err))
        return PROCTOR_EVERIFY;
    *out = r->bykid[i];
    return 0;
}

int
proctor_roster_check(const struct proctor_roster *r, struct proctor_error *err)
{
    for (size_t i = 0; r && i < r->n; i++)
        if (!key_trusted(r, i, err))
            return PROCTOR_EVERIFY;
    return 0;
}

static int
roster_push(struct proctor_roster *r, struct proctor_key *k)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 32;
        struct proctor_key **nk = realloc(r->keys, nc * sizeof *nk);
        if (!nk)
            return -1;
        r->keys = nk;
        r->cap = nc;
    }
    r->keys[r->n++] = k;
    return 0;
}

static const char *
wrong_role(enum proctor_role role)
{
    return role == PROCTOR_ROLE_STUDENT ? "a roster holds student keys, not teacher keys"
                                        : "a list of trusted teachers holds teacher keys, not "
                                          "student keys";
}

/* Parses roster text; on a bad line fails with its number. Sorted by id when done. */
static int
roster_parse(char *text, size_t len, const char *path, enum proctor_role role,
             struct proctor_roster *r, struct proctor_error *err)
{
    long lineno = 0;
    char *p = text, *end = text + len;
    int rc;

    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        struct proctor_key *k = NULL;
        char *line = p;

        lineno++;
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : end;
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (strlen(line) != (size_t)((nl ? nl : end) - line))
            return proctor_error_set(err, PROCTOR_EINVAL, path, lineno, 0, "NUL byte in roster");
        if ((rc = parse_line(line, 0, &k, err)) < 0) {
            if (err) {
                err->line = lineno;
                snprintf(err->path, sizeof err->path, "%s", path);
            }
            return rc;
        }
        if (k->role != role) {
            proctor_key_free(k);
            return proctor_error_set(err, PROCTOR_EINVAL, path, lineno, 0, "%s",
                                     wrong_role(role));
        }
        if (roster_push(r, k) < 0) {
            proctor_key_free(k);
            return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        }
    }
    if (r->n > 1)
        qsort(r->keys, r->n, sizeof *r->keys, cmp_key_id);
    for (size_t i = 1; i < r->n; i++)
        if (strcmp(r->keys[i]->id, r->keys[i - 1]->id) == 0)
            return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "%s '%s' appears twice",
                                     role == PROCTOR_ROLE_STUDENT ? "student" : "teacher",
                                     r->keys[i]->id);
    free(r->bykid);
    r->bykid = malloc((r->n ? r->n : 1) * sizeof *r->bykid);
    if (!r->bykid)
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    if (r->n)
        memcpy(r->bykid, r->keys, r->n * sizeof *r->bykid);
    if (r->n > 1)
        qsort(r->bykid, r->n, sizeof *r->bykid, cmp_keyid);
    for (size_t i = 1; i < r->n; i++)
        if (strcmp(r->bykid[i]->keyid, r->bykid[i - 1]->keyid) == 0)
            return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                     "'%s' and '%s' share one key",
                                     r->bykid[i - 1]->id, r->bykid[i]->id);
    free((void *)r->state);
    r->state = calloc(r->n ? r->n : 1, sizeof *r->state); /* KEY_UNCHECKED */
    if (!r->state)
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    return 0;
}

int
proctor_roster_load(const char *path, struct proctor_roster **out, struct proctor_error *err)
{
    return proctor_roster_load_role(path, PROCTOR_ROLE_STUDENT, out, err);
}

int
proctor_roster_load_role(const char *path, enum proctor_role role, struct proctor_roster **out,
                         struct proctor_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    struct proctor_roster *r;
    int rc;

    *out = NULL;
    if ((rc = proctor_file_read(path, PROCTOR_ROSTER_MAX_BYTES, &buf, &len, err)) < 0)
        return rc;
    r = proctor_roster_new();
    if (!r) {
        free(buf);
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    }
    rc = roster_parse(buf, len, path, role, r, err);
    free(buf);
    if (rc < 0) {
        proctor_roster_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int
proctor_roster_add(const char *path, const char *line, int replace, struct proctor_error *err)
{
    return proctor_roster_add_role(path, line, PROCTOR_ROLE_STUDENT, replace, err);
}

int
proctor_roster_add_role(const char *path, const char *line, enum proctor_role role, int replace,
                        struct proctor_error *err)
{
    struct proctor_error rerr;
    char *buf = NULL, *copy = NULL, *nbuf = NULL, keyline[512];
    size_t len = 0, nlen = 0;
    struct proctor_roster *r = NULL;
    struct proctor_key *k = NULL;
    const struct proctor_key *old;
    int rc, klen;

    if ((rc = proctor_key_parse_line(line, &k, err)) < 0)
        return rc;
    if (k->role != role) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "%s", wrong_role(role));
        goto out;
    }
    klen = proctor_key_line(k, keyline, sizeof keyline);
    if (klen < 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "public key line too long");
        goto out;
    }
    /* a local error: a missing file is told apart even when the caller passed none */
    rc = proctor_file_read(path, PROCTOR_ROSTER_MAX_BYTES, &buf, &len, &rerr);
    if (rc == PROCTOR_EIO && rerr.errnum == ENOENT) {
        buf = strdup("");
        len = 0;
        rc = buf ? 0 : proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    } else if (rc < 0 && err) {
        *err = rerr;
    }
    if (rc < 0)
        goto out;
    copy = malloc(len + 1);
    r = proctor_roster_new();
    nbuf = malloc(len + (size_t)klen + 2);
    if (!copy || !r || !nbuf) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    memcpy(copy, buf, len + 1);
    if ((rc = roster_parse(copy, len, path, role, r, err)) < 0)
        goto out;
    for (size_t i = 0; i < r->n; i++) {
        if (sodium_memcmp(r->keys[i]->pk, k->pk, 32) == 0 && strcmp(r->keys[i]->id, k->id) != 0) {
            rc = proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0,
                                   "this key is already in '%s' for '%s'", path,
                                   r->keys[i]->id);
            goto out;
        }
    }
    old = NULL; /* the line for k->id as written, trusted or not: it is the one replaced */
    for (size_t i = 0; i < r->n && !old; i++)
        if (strcmp(r->keys[i]->id, k->id) == 0)
            old = r->keys[i];
    if (old && sodium_memcmp(old->pk, k->pk, 32) == 0 && strcmp(old->name, k->name) == 0) {
        rc = 1;
        goto out;
    }
    if (old && !replace) {
        rc = proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0,
                               "%s '%s' is already in '%s' with another key or name%s",
                               role == PROCTOR_ROLE_STUDENT ? "student" : "teacher", k->id, path,
                               role == PROCTOR_ROLE_STUDENT ? "; use --replace" : "");
        goto out;
    }
    /* Keep every other line as written (comments too); drop the replaced one; append. */
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        struct proctor_key *lk = NULL;
        int drop = 0;
        if (old && l > 0 && p[0] != '#') {
            char *tmp = strndup(p, l);
            if (tmp && proctor_key_parse_line(tmp, &lk, NULL) == 0 && strcmp(lk->id, k->id) == 0)
                drop = 1;
            proctor_key_free(lk);
            free(tmp);
        }
        if (!drop) {
            memcpy(nbuf + nlen, p, l);
            nlen += l;
            nbuf[nlen++] = '\n';
        }
        p = nl ? nl + 1 : end;
    }
    memcpy(nbuf + nlen, keyline, (size_t)klen);
    nlen += (size_t)klen;
    nbuf[nlen++] = '\n';
    rc = proctor_file_write(path, nbuf, nlen, 0644, 0, err);
out:
    proctor_roster_free(r);
    proctor_key_free(k);
    free(buf);
    free(copy);
    free(nbuf);
    return rc;
}
