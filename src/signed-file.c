/* SPDX-License-Identifier: ISC */
/*
 * signed-file.c - the pieces every reader of a signed file uses: opening the envelope,
 * strict member checks, the binding to an assignment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "json-strict.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "signed-file.h"

int
signed_open(const char *path, size_t max, const char *type, const char *what,
            struct proctor_envelope *env, struct proctor_error *err)
{
    struct proctor_error e;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    memset(env, 0, sizeof *env);
    proctor_error_clear(&e);
    if ((rc = proctor_file_read(path, max, &buf, &len, err)) < 0)
        return rc;
    rc = proctor_dsse_parse(buf, len, path, env, &e);
    free(buf);
    if (rc < 0) {
        if (rc == PROCTOR_ENOMEM)
            return proctor_error_set(err, rc, path, 0, 0, "out of memory");
        return proctor_error_set(err, PROCTOR_EVERIFY, path, e.line, e.column,
                                 "not a signed proctor file: %s", e.msg);
    }
    if (strcmp(env->payload_type, type) != 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "not %s (its payloadType is '%.80s')", what, env->payload_type);
        proctor_envelope_release(env);
        return rc;
    }
    return 0;
}

int
signed_fields(const cJSON *obj, const char *const *names, const cJSON **found, const char *where,
              const char *path, struct proctor_error *err)
{
    const cJSON *m;
    size_t n = 0, next = 0;

    while (names[n])
        n++;
    if (found)
        memset(found, 0, n * sizeof *found);
    /* one walk of the members; the name after the last one found is tried first (files
     * proctor writes have their members in the names' order), then each name by its first
     * byte before the rest */
    cJSON_ArrayForEach(m, obj)
    {
        const char *key = m->string;
        size_t i = next;
        if (i >= n || names[i][0] != key[0] || strcmp(names[i], key) != 0)
            for (i = 0; names[i] && (names[i][0] != key[0] || strcmp(names[i], key) != 0); i++)
                ;
        next = i + 1;
        if (!names[i])
            return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "unknown field '%s%.64s'",
                                     where, key);
        if (found && !found[i])
            found[i] = m; /* the first of that name, as cJSON_GetObjectItemCaseSensitive */
    }
    return 0;
}

int
signed_only_keys(const cJSON *obj, const char *const *names, const char *where, const char *path,
                 struct proctor_error *err)
{
    return signed_fields(obj, names, NULL, where, path, err);
}

const char *
signed_value_str(const cJSON *v)
{
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

const char *
signed_str(const cJSON *obj, const char *key)
{
    return signed_value_str(cJSON_GetObjectItemCaseSensitive(obj, key));
}

int
signed_plain_text(const char *s, size_t max)
{
    size_t n = strlen(s);
    uint32_t bad;

    return n > 0 && n <= max && proctor_text_check(s, 0, &bad) == 0;
}

int
signed_is_hex(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* The value of a lowercase hex digit, 16 for any other byte. */
#define HEXV(c) ((c) >= '0' && (c) <= '9' ? (c) - '0' : (c) >= 'a' && (c) <= 'f' ? (c) - 'a' + 10 : 16)
#define H4(c) HEXV(c), HEXV((c) + 1), HEXV((c) + 2), HEXV((c) + 3)
#define H16(c) H4(c), H4((c) + 4), H4((c) + 8), H4((c) + 12)
#define H64(c) H16(c), H16((c) + 16), H16((c) + 32), H16((c) + 48)
static const unsigned char hexv[256] = {H64(0), H64(64), H64(128), H64(192)};

int
signed_hex_bin(const char *s, size_t n, unsigned char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned bad = 0;

    if (strnlen(s, n + 1) != n || n % 2)
        return 0;
    /* a table, and one test at the end (out holds garbage when it fails): digests and
     * nonces are read for every file verify reads */
    for (size_t i = 0; i < n; i += 2) {
        unsigned hi = hexv[p[i]], lo = hexv[p[i + 1]];
        bad |= hi | lo;
        out[i / 2] = (unsigned char)(hi << 4 | lo);
    }
    return !(bad & 16);
}

int
signed_binding(const cJSON *obj, const char *path, char *id, size_t idsize,
               unsigned char digest[32], struct proctor_error *err)
{
    static const char *const keys[] = {"id", "sha256", NULL};
    const char *s;
    int rc;

    if (!cJSON_IsObject(obj))
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'assignment': missing or not an object");
    if ((rc = signed_only_keys(obj, keys, "assignment.", path, err)) < 0)
        return rc;
    if (!(s = signed_str(obj, "id")) || proctor_key_check_id(s, NULL) < 0 || strlen(s) >= idsize)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'assignment.id': missing or not a valid id");
    snprintf(id, idsize, "%s", s);
    if (!(s = signed_str(obj, "sha256")) || !signed_is_hex(s, 64) ||
        sodium_hex2bin(digest, 32, s, 64, NULL, NULL, NULL) != 0)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'assignment.sha256': missing or not 64 lowercase hex "
                                 "digits");
    return 0;
}

int
signed_add_binding(cJSON *obj, const char *id, const unsigned char digest[32])
{
    char hex[65];
    cJSON *b = cJSON_AddObjectToObject(obj, "assignment");

    sodium_bin2hex(hex, sizeof hex, digest, 32);
    return b && cJSON_AddStringToObject(b, "id", id) && cJSON_AddStringToObject(b, "sha256", hex)
               ? 0
               : -1;
}
