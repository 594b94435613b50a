/* SPDX-License-Identifier: ISC */
/* marks.c - the teacher's essay marks: a signed file bound to the assignment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "json-strict.h"
#include "proctor/marks.h"
#include "signed-file.h"

#define VERSION 1

struct proctor_marks *
proctor_marks_new(const struct proctor_assignment *a)
{
    struct proctor_marks *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    snprintf(m->assignment_id, sizeof m->assignment_id, "%s", a->id);
    memcpy(m->digest, a->digest, 32);
    return m;
}

void
proctor_marks_free(struct proctor_marks *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].question);
        free(m->v[i].comment);
    }
    free(m->v);
    free(m);
}

static int
cmp_key(const char *student, int64_t attempt, const unsigned char *nonce, const char *qid,
        const struct proctor_mark *b)
{
    int c = strcmp(student, b->student);
    if (c)
        return c;
    if (attempt != b->attempt)
        return attempt < b->attempt ? -1 : 1;
    if ((c = memcmp(nonce, b->nonce, PROCTOR_NONCE_BYTES)))
        return c;
    return strcmp(qid, b->question);
}

const struct proctor_mark *
proctor_marks_find(const struct proctor_marks *m, const char *student, int64_t attempt,
                   const unsigned char nonce[PROCTOR_NONCE_BYTES], const char *qid)
{
    size_t lo = 0, hi = m ? m->n : 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(student, attempt, nonce, qid, &m->v[mid]);
        if (c == 0)
            return &m->v[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void
proctor_essay_digest(const char *text, unsigned char out[32])
{
    crypto_hash_sha256(out, (const unsigned char *)text, strlen(text));
}

int
proctor_mark_fits(const struct proctor_mark *m, const char *text)
{
    unsigned char d[32];

    proctor_essay_digest(text ? text : "", d);
    return sodium_memcmp(d, m->essay, sizeof d) == 0;
}

static int
comment_ok(const char *s)
{
    uint32_t bad;

    return strlen(s) <= PROCTOR_COMMENT_MAX && proctor_text_check(s, 1, &bad) == 0;
}

int
proctor_marks_set(struct proctor_marks *m, const char *student, int64_t attempt,
                  const unsigned char nonce[PROCTOR_NONCE_BYTES], const char *qid,
                  const unsigned char essay[32], int64_t points, const char *comment,
                  struct proctor_error *err)
{
    size_t lo = 0, hi = m->n;
    struct proctor_mark *e;
    char *q, *c;

    if (!comment)
        comment = "";
    if (proctor_key_check_id(student, NULL) < 0 || attempt < 1 || !qid || !*qid ||
        strlen(qid) > 256 || points < 0 || points > 1000000)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "a bad mark");
    if (!comment_ok(comment))
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "a comment is at most %d bytes of text (no control "
                                 "characters but tab and newline)",
                                 PROCTOR_COMMENT_MAX);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = cmp_key(student, attempt, nonce, qid, &m->v[mid]);
        if (cmp == 0) {
            if (!(c = strdup(comment)))
                return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            free(m->v[mid].comment);
            m->v[mid].comment = c;
            m->v[mid].points = points;
            memcpy(m->v[mid].essay, essay, sizeof m->v[mid].essay);
            return 0;
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 16;
        struct proctor_mark *nv = realloc(m->v, nc * sizeof *nv);
        if (!nv)
            return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        m->v = nv;
        m->cap = nc;
    }
    q = strdup(qid);
    c = strdup(comment);
    if (!q || !c) {
        free(q);
        free(c);
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    memmove(&m->v[lo + 1], &m->v[lo], (m->n - lo) * sizeof *m->v);
    m->n++;
    e = &m->v[lo];
    memset(e, 0, sizeof *e);
    snprintf(e->student, sizeof e->student, "%s", student);
    e->attempt = attempt;
    memcpy(e->nonce, nonce, PROCTOR_NONCE_BYTES);
    e->question = q;
    memcpy(e->essay, essay, sizeof e->essay);
    e->points = points;
    e->comment = c;
    return 0;
}

int
proctor_marks_sign(const struct proctor_marks *m, const struct proctor_key *teacher, char **out,
                   size_t *outlen, struct proctor_error *err)
{
    cJSON *root = cJSON_CreateObject(), *arr;
    char *text = NULL, nonce[2 * PROCTOR_NONCE_BYTES + 1], essay[65];
    int rc;

    *out = NULL;
    *outlen = 0;
    if (!root || !cJSON_AddStringToObject(root, "format", PROCTOR_MARKS_FORMAT) ||
        !cJSON_AddNumberToObject(root, "version", VERSION) ||
        signed_add_binding(root, m->assignment_id, m->digest) < 0 ||
        !(arr = cJSON_AddArrayToObject(root, "marks")))
        goto oom;
    for (size_t i = 0; i < m->n; i++) {
        const struct proctor_mark *e = &m->v[i];
        cJSON *o = cJSON_CreateObject();
        sodium_bin2hex(nonce, sizeof nonce, e->nonce, PROCTOR_NONCE_BYTES);
        sodium_bin2hex(essay, sizeof essay, e->essay, sizeof e->essay);
        if (!o || !cJSON_AddItemToArray(arr, o) ||
            !cJSON_AddStringToObject(o, "student", e->student) ||
            !cJSON_AddNumberToObject(o, "attempt", (double)e->attempt) ||
            !cJSON_AddStringToObject(o, "nonce", nonce) ||
            !cJSON_AddStringToObject(o, "question", e->question) ||
            !cJSON_AddStringToObject(o, "essay", essay) ||
            !cJSON_AddNumberToObject(o, "points", (double)e->points) ||
            !cJSON_AddStringToObject(o, "comment", e->comment))
            goto oom;
    }
    if (!(text = cJSON_PrintUnformatted(root)))
        goto oom;
    cJSON_Delete(root);
    rc = proctor_dsse_sign(PROCTOR_MARKS_TYPE, text, strlen(text), teacher, out, outlen, err);
    cJSON_free(text);
    return rc;
oom:
    cJSON_Delete(root);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

static int
parse_mark(const cJSON *o, const struct proctor_bank *key, struct proctor_marks *m,
           const char *path, size_t i, struct proctor_error *err)
{
    static const char *const keys[] = {"student", "attempt", "nonce",   "question",
                                       "essay",   "points",  "comment", NULL};
    const char *student = signed_str(o, "student"), *nonce = signed_str(o, "nonce"),
               *qid = signed_str(o, "question"), *comment = signed_str(o, "comment"),
               *essay = signed_str(o, "essay");
    const struct proctor_question *q;
    unsigned char nb[PROCTOR_NONCE_BYTES], eb[32];
    int64_t attempt, points;
    struct proctor_error e;
    int rc;

    if (!cJSON_IsObject(o))
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "mark %zu: not an object",
                                 i + 1);
    if ((rc = signed_only_keys(o, keys, "marks[].", path, err)) < 0)
        return rc;
    if (!student || proctor_key_check_id(student, NULL) < 0 ||
        !proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(o, "attempt"), &attempt) ||
        attempt < 1 || attempt > 1000000 || !nonce || strlen(nonce) != 2 * PROCTOR_NONCE_BYTES ||
        sodium_hex2bin(nb, sizeof nb, nonce, strlen(nonce), NULL, NULL, NULL) != 0 || !qid ||
        !essay || strlen(essay) != 64 || strspn(essay, "0123456789abcdef") != 64 ||
        sodium_hex2bin(eb, sizeof eb, essay, 64, NULL, NULL, NULL) != 0 ||
        !proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(o, "points"), &points) ||
        !comment)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "mark %zu: want student, attempt, nonce, question, essay (64 "
                                 "lowercase hex digits), points and comment",
                                 i + 1);
    q = proctor_bank_find(key, qid);
    if (!q || q->type != PROCTOR_ESSAY)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "mark %zu: '%s' is not an essay question of the assignment",
                                 i + 1, qid);
    if (points < 0 || points > q->points)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "mark %zu: %lld thousandths for question '%s', which is worth "
                                 "%lld",
                                 i + 1, (long long)points, qid, (long long)q->points);
    if (proctor_marks_find(m, student, attempt, nb, qid))
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "mark %zu: question '%s' of that result is marked twice", i + 1,
                                 qid);
    proctor_error_clear(&e);
    if ((rc = proctor_marks_set(m, student, attempt, nb, qid, eb, points, comment, &e)) < 0)
        return proctor_error_set(err, rc, path, 0, 0, "mark %zu: %s", i + 1, e.msg);
    return 0;
}

int
proctor_marks_load(const char *path, const struct proctor_assignment *a,
                   const struct proctor_bank *key, struct proctor_marks **out,
                   struct proctor_error *err)
{
    static const char *const keys[] = {"format", "version", "assignment", "marks", NULL};
    struct proctor_envelope env;
    struct proctor_marks *m = NULL;
    unsigned char digest[32];
    char id[PROCTOR_ID_MAX + 1];
    const cJSON *arr, *o;
    const char *s;
    cJSON *root = NULL;
    int64_t v;
    size_t i = 0;
    int rc;

    *out = NULL;
    rc = signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_MARKS_TYPE, "a marks file", &env,
                     err);
    if (rc < 0)
        return rc;
    if (strcmp(env.keyid, a->keyid) != 0 || proctor_dsse_verify(&env, a->teacher_pk, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "bad signature: the marks were changed after they were signed, "
                               "or not signed by the assignment's teacher (key %s)",
                               a->keyid);
        goto out;
    }
    root = proctor_json_parse_strict((const char *)env.payload, env.payload_len, path, err);
    if (!root) {
        rc = err ? err->code : PROCTOR_EINVAL;
        goto out;
    }
    if (!cJSON_IsObject(root) || (rc = signed_only_keys(root, keys, "", path, err)) < 0 ||
        !(s = signed_str(root, "format")) || strcmp(s, PROCTOR_MARKS_FORMAT) != 0 ||
        !proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(root, "version"), &v) ||
        v != VERSION) {
        rc = rc < 0 ? rc
                    : proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                        "not a proctor marks file (format or version)");
        goto out;
    }
    if ((rc = signed_binding(cJSON_GetObjectItemCaseSensitive(root, "assignment"), path, id,
                             sizeof id, digest, err)) < 0)
        goto out;
    if (sodium_memcmp(digest, a->digest, 32) != 0 || strcmp(id, a->id) != 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "the marks are for another assignment ('%s', or another version "
                               "of it)",
                               id);
        goto out;
    }
    arr = cJSON_GetObjectItemCaseSensitive(root, "marks");
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) > PROCTOR_MARKS_MAX) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "field 'marks': missing or not an array");
        goto out;
    }
    if (!(m = proctor_marks_new(a))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    cJSON_ArrayForEach(o, arr) {
        if ((rc = parse_mark(o, key, m, path, i++, err)) < 0)
            goto out;
    }
    *out = m;
    m = NULL;
    rc = 0;
out:
    proctor_marks_free(m);
    cJSON_Delete(root);
    proctor_envelope_release(&env);
    return rc;
}
