/* SPDX-License-Identifier: ISC */
/* graded.c - graded work returned to a student: built from a result, signed, read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "assignment-internal.h"
#include "json-strict.h"
#include "proctor/graded.h"
#include "proctor/grade.h"
#include "rfc3339.h"

#define VERSION 1

/* ---- making ---- */

static cJSON *
item(const struct proctor_question *q, size_t i, const struct proctor_session *s,
     const struct proctor_result *res, const struct proctor_marks *marks, int64_t *earned,
     int *unmarked)
{
    const struct proctor_response *r = &s->resp[i];
    const struct proctor_mark *m = NULL;
    /* an essay has no correct answer: what is shown instead is its rubric */
    char *answer = proctor_describe_response(q, s->perm[i], r),
         *correct = q->type == PROCTOR_ESSAY ? strdup(q->rubric ? q->rubric : "")
                                             : proctor_describe_answer(q, s->perm[i]);
    cJSON *o = cJSON_CreateObject();
    int ok;

    *earned = 0;
    *unmarked = 0;
    if (q->type == PROCTOR_ESSAY && r->answered) {
        m = proctor_marks_find(marks, res->student, res->attempt, res->nonce, q->id);
        if (m && !proctor_mark_fits(m, r->text)) /* given for another text: not this one's */
            m = NULL;
        *earned = m ? m->points : 0;
        *unmarked = !m;
    } else if (r->answered) {
        *earned = s->earned[i];
    }
    ok = o && answer && correct && cJSON_AddNumberToObject(o, "number", (double)(i + 1)) &&
         cJSON_AddStringToObject(o, "id", q->id) &&
         cJSON_AddStringToObject(o, "type", proctor_qtype_name(q->type)) &&
         cJSON_AddStringToObject(o, "prompt", q->prompt) &&
         cJSON_AddNumberToObject(o, "points", (double)q->points) &&
         cJSON_AddBoolToObject(o, "answered", r->answered) &&
         cJSON_AddStringToObject(o, "answer", answer) &&
         cJSON_AddStringToObject(o, "correct", correct) &&
         cJSON_AddNumberToObject(o, "earned", (double)*earned) &&
         (q->type != PROCTOR_ESSAY || cJSON_AddBoolToObject(o, "marked", m != NULL)) &&
         cJSON_AddStringToObject(o, "comment", m ? m->comment : "") &&
         cJSON_AddStringToObject(o, "explain", q->explain ? q->explain : "") &&
         assignment_add_source(o, q, "passage") == 0;
    free(answer);
    free(correct);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

int
proctor_graded_make(const struct proctor_assignment *a, const struct proctor_session *s,
                    const struct proctor_result *res, const struct proctor_marks *marks,
                    const struct proctor_key *teacher, char **out, size_t *outlen,
                    struct proctor_error *err)
{
    cJSON *root = cJSON_CreateObject(), *t, *arr, *sc;
    char nonce[2 * PROCTOR_NONCE_BYTES + 1], returned[32], *pk = NULL, *text = NULL;
    int64_t earned = 0, max = 0, unmarked = 0;
    int rc;

    *out = NULL;
    *outlen = 0;
    if (!teacher || !teacher->sk || sodium_memcmp(teacher->pk, a->teacher_pk, 32) != 0) {
        cJSON_Delete(root);
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "graded work is signed by the assignment's teacher key (%s)",
                                 a->keyid);
    }
    sodium_bin2hex(nonce, sizeof nonce, res->nonce, PROCTOR_NONCE_BYTES);
    rfc3339_format(time(NULL), returned);
    pk = proctor_base64_encode(teacher->pk, 32);
    if (!root || !pk || !cJSON_AddStringToObject(root, "format", PROCTOR_GRADED_FORMAT) ||
        !cJSON_AddNumberToObject(root, "version", VERSION) ||
        signed_add_binding(root, a->id, a->digest) < 0 ||
        !cJSON_AddStringToObject(root, "title", a->title) ||
        !(t = cJSON_AddObjectToObject(root, "teacher")) ||
        !cJSON_AddStringToObject(t, "id", teacher->id) ||
        !cJSON_AddStringToObject(t, "name", teacher->name) ||
        !cJSON_AddStringToObject(t, "keyid", teacher->keyid) ||
        !cJSON_AddStringToObject(t, "public_key", pk) ||
        !cJSON_AddStringToObject(root, "student", res->student) ||
        !cJSON_AddNumberToObject(root, "attempt", (double)res->attempt) ||
        !cJSON_AddStringToObject(root, "result", nonce) ||
        !cJSON_AddStringToObject(root, "started", res->started) ||
        !cJSON_AddStringToObject(root, "finished", res->finished) ||
        !cJSON_AddStringToObject(root, "returned", returned) ||
        !(sc = cJSON_AddObjectToObject(root, "score")) ||
        !(arr = cJSON_AddArrayToObject(root, "questions")))
        goto oom;
    for (size_t i = 0; i < s->n; i++) {
        int64_t e;
        int um;
        cJSON *o = item(s->q[i], i, s, res, marks, &e, &um);
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            goto oom;
        }
        earned += e;
        max += s->q[i]->points;
        unmarked += um;
    }
    if (!cJSON_AddNumberToObject(sc, "earned", (double)earned) ||
        !cJSON_AddNumberToObject(sc, "max", (double)max) ||
        !cJSON_AddNumberToObject(root, "unmarked", (double)unmarked) ||
        !(text = cJSON_PrintUnformatted(root)))
        goto oom;
    cJSON_Delete(root);
    free(pk);
    rc = proctor_dsse_sign(PROCTOR_GRADED_TYPE, text, strlen(text), teacher, out, outlen, err);
    cJSON_free(text);
    return rc;
oom:
    cJSON_Delete(root);
    free(pk);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- reading ---- */

void
proctor_graded_free(struct proctor_graded *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        struct proctor_graded_item *it = &g->items[i];
        free(it->id), free(it->type), free(it->prompt), free(it->answer), free(it->correct);
        free(it->comment), free(it->explain), free(it->doc), free(it->doc_title);
        free(it->paragraph), free(it->quote);
    }
    free(g->items);
    free(g->assignment_id);
    free(g->title);
    free(g);
}

struct pc {
    const char *path;
    struct proctor_error *err;
    int bad;
};

/* A string member: strict text of at most PROCTOR_GRADED_TEXT_MAX bytes; empty allowed when empty_ok. */
static char *
text_of(struct pc *c, const cJSON *o, const char *key, int empty_ok)
{
    const char *s = signed_str(o, key);
    char *d;

    if (!s || strlen(s) > PROCTOR_GRADED_TEXT_MAX || (!empty_ok && !*s)) {
        if (!c->bad)
            proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                              "field '%s': missing, empty or too long", key);
        c->bad = 1;
        return NULL;
    }
    if (!(d = strdup(s)) && !c->bad) {
        proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
        c->bad = 1;
    }
    return d;
}

static int64_t
int_of(struct pc *c, const cJSON *o, const char *key, int64_t lo, int64_t hi)
{
    int64_t v = 0;
    if (!proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(o, key), &v) || v < lo ||
        v > hi) {
        if (!c->bad)
            proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                              "field '%s': missing or out of range", key);
        c->bad = 1;
    }
    return v;
}

static int
bool_of(struct pc *c, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsBool(v)) {
        if (!c->bad)
            proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                              "field '%s': missing or not true or false", key);
        c->bad = 1;
    }
    return cJSON_IsTrue(v);
}

static void
time_of(struct pc *c, const cJSON *o, const char *key, char out[32])
{
    const char *s = signed_str(o, key);
    if (!s || !rfc3339_check(s)) {
        if (!c->bad)
            proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                              "field '%s': missing or not a UTC time", key);
        c->bad = 1;
        return;
    }
    snprintf(out, 32, "%s", s);
}

static void
parse_item(struct pc *c, const cJSON *o, struct proctor_graded_item *it)
{
    static const char *const keys[] = {"number",  "id",     "type",    "prompt",
                                       "points",  "answered", "answer", "correct",
                                       "earned",  "marked", "comment", "explain",
                                       "passage", NULL};
    static const char *const pkeys[] = {"doc", "title", "line", "paragraph", "offset",
                                        "quote", NULL};
    const cJSON *p;

    if (!cJSON_IsObject(o) || signed_only_keys(o, keys, "questions[].", c->path, c->err) < 0) {
        if (!c->bad && !cJSON_IsObject(o))
            proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                              "field 'questions': an entry is not an object");
        c->bad = 1;
        return;
    }
    it->number = int_of(c, o, "number", 1, 100000);
    it->id = text_of(c, o, "id", 0);
    it->type = text_of(c, o, "type", 0);
    it->prompt = text_of(c, o, "prompt", 0);
    it->points = int_of(c, o, "points", 1, 1000000);
    it->answered = bool_of(c, o, "answered");
    it->answer = text_of(c, o, "answer", 1);
    it->correct = text_of(c, o, "correct", 1);
    it->earned = int_of(c, o, "earned", 0, it->points);
    it->comment = text_of(c, o, "comment", 1);
    it->explain = text_of(c, o, "explain", 1);
    if (!c->bad && proctor_qtype_parse(it->type) < 0) {
        proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field 'type': unknown");
        c->bad = 1;
    }
    it->essay = it->type && strcmp(it->type, "essay") == 0;
    if (it->essay)
        it->marked = bool_of(c, o, "marked");
    else if (cJSON_GetObjectItemCaseSensitive(o, "marked") && !c->bad) {
        proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                          "field 'marked': only essays are marked");
        c->bad = 1;
    }
    p = cJSON_GetObjectItemCaseSensitive(o, "passage");
    if (!p || c->bad)
        return;
    if (!cJSON_IsObject(p) || signed_only_keys(p, pkeys, "passage.", c->path, c->err) < 0) {
        c->bad = 1;
        return;
    }
    it->has_passage = 1;
    it->doc = text_of(c, p, "doc", 0);
    it->doc_title = text_of(c, p, "title", 0);
    it->line = int_of(c, p, "line", 1, 100000000);
    it->paragraph = text_of(c, p, "paragraph", 0);
    it->quote = text_of(c, p, "quote", 0);
    it->offset = int_of(c, p, "offset", 0, PROCTOR_GRADED_TEXT_MAX);
    if (!c->bad && (size_t)it->offset >= strlen(it->paragraph)) {
        proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                          "field 'passage.offset': past the paragraph");
        c->bad = 1;
    }
}

static int
parse(const cJSON *root, struct proctor_graded *g, struct pc *c)
{
    static const char *const keys[] = {"format",  "version", "assignment", "title",
                                       "teacher", "student", "attempt",    "result",
                                       "started", "finished", "returned",  "score",
                                       "unmarked", "questions", NULL};
    static const char *const tkeys[] = {"id", "name", "keyid", "public_key", NULL};
    static const char *const skeys[] = {"earned", "max", NULL};
    const cJSON *t, *sc, *qs, *o;
    const char *s;
    char id[PROCTOR_ID_MAX + 1];
    unsigned char *raw = NULL;
    size_t rawlen = 0, i = 0;
    int rc;

    if (!cJSON_IsObject(root))
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "not a JSON object");
    if ((rc = signed_only_keys(root, keys, "", c->path, c->err)) < 0)
        return rc;
    if (!(s = signed_str(root, "format")) || strcmp(s, PROCTOR_GRADED_FORMAT) != 0 ||
        int_of(c, root, "version", VERSION, VERSION) != VERSION || c->bad)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                 "not proctor graded work (format or version)");
    if ((rc = signed_binding(cJSON_GetObjectItemCaseSensitive(root, "assignment"), c->path, id,
                             sizeof id, g->digest, c->err)) < 0)
        return rc;
    if (!(g->assignment_id = strdup(id)))
        return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
    g->title = text_of(c, root, "title", 0);
    t = cJSON_GetObjectItemCaseSensitive(root, "teacher");
    if (!cJSON_IsObject(t) || (rc = signed_only_keys(t, tkeys, "teacher.", c->path, c->err)) < 0)
        return rc < 0 ? rc
                      : proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                          "field 'teacher': missing");
    if (!(s = signed_str(t, "id")) || proctor_key_check_id(s, NULL) < 0)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field 'teacher.id'");
    snprintf(g->teacher_id, sizeof g->teacher_id, "%s", s);
    if (!(s = signed_str(t, "name")) || proctor_key_check_name(s, NULL) < 0)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field 'teacher.name'");
    snprintf(g->teacher_name, sizeof g->teacher_name, "%s", s);
    if (!(s = signed_str(t, "public_key")) ||
        proctor_base64_decode(s, strlen(s), &raw, &rawlen) < 0 || rawlen != 32 ||
        proctor_pk_check(raw, NULL) < 0) {
        free(raw);
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                 "field 'teacher.public_key': not a sound public key");
    }
    memcpy(g->teacher_pk, raw, 32);
    free(raw);
    proctor_key_id(g->teacher_pk, g->keyid);
    if (!(s = signed_str(t, "keyid")) || strcmp(s, g->keyid) != 0)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                 "field 'teacher.keyid': does not match the key");
    if (!(s = signed_str(root, "student")) || proctor_key_check_id(s, NULL) < 0)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field 'student'");
    snprintf(g->student, sizeof g->student, "%s", s);
    g->attempt = int_of(c, root, "attempt", 1, 1000000);
    if (!(s = signed_str(root, "result")) || strlen(s) != 2 * PROCTOR_NONCE_BYTES ||
        sodium_hex2bin(g->nonce, sizeof g->nonce, s, strlen(s), NULL, NULL, NULL) != 0)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field 'result'");
    time_of(c, root, "started", g->started);
    time_of(c, root, "finished", g->finished);
    time_of(c, root, "returned", g->returned);
    sc = cJSON_GetObjectItemCaseSensitive(root, "score");
    if (!cJSON_IsObject(sc) || signed_only_keys(sc, skeys, "score.", c->path, c->err) < 0)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field 'score'");
    g->max = int_of(c, sc, "max", 0, PROCTOR_JSON_MAX_INT);
    g->earned = int_of(c, sc, "earned", 0, g->max);
    g->unmarked = int_of(c, root, "unmarked", 0, 100000);
    qs = cJSON_GetObjectItemCaseSensitive(root, "questions");
    if (c->bad)
        return c->err ? c->err->code : PROCTOR_EINVAL;
    if (!cJSON_IsArray(qs) || cJSON_GetArraySize(qs) < 1 || cJSON_GetArraySize(qs) > 100000)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                 "field 'questions': missing or empty");
    g->items = calloc((size_t)cJSON_GetArraySize(qs), sizeof *g->items);
    if (!g->items)
        return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
    cJSON_ArrayForEach(o, qs) {
        parse_item(c, o, &g->items[i]);
        g->n = ++i;
        if (c->bad)
            return c->err ? c->err->code : PROCTOR_EINVAL;
    }
    return 0;
}

int
proctor_graded_load(const char *path, struct proctor_graded **out, struct proctor_error *err)
{
    struct proctor_envelope env;
    struct proctor_graded *g = NULL;
    struct pc c = {path, err, 0};
    unsigned char *raw = NULL;
    size_t rawlen = 0;
    char keyid[PROCTOR_KEYID_LEN + 1];
    const char *pk;
    cJSON *root = NULL;
    int rc;

    *out = NULL;
    rc = signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_GRADED_TYPE, "graded work", &env,
                     err);
    if (rc < 0)
        return rc;
    /* the signature first, with the key the payload names; then the rest of the payload */
    root = proctor_json_parse_strict((const char *)env.payload, env.payload_len, path, NULL);
    pk = signed_str(cJSON_GetObjectItemCaseSensitive(root, "teacher"), "public_key");
    keyid[0] = '\0';
    if (pk && proctor_base64_decode(pk, strlen(pk), &raw, &rawlen) == 0 && rawlen == 32)
        proctor_key_id(raw, keyid);
    if (!keyid[0] || proctor_pk_check(raw, NULL) < 0 || strcmp(keyid, env.keyid) != 0 ||
        proctor_dsse_verify(&env, raw, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "bad signature: the graded work was changed after it was signed, "
                               "or not signed by the teacher it names");
        goto out;
    }
    if (!(g = calloc(1, sizeof *g))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if ((rc = parse(root, g, &c)) < 0)
        goto out;
    if (sodium_memcmp(raw, g->teacher_pk, 32) != 0) { /* cannot happen: the same member */
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0, "teacher key mismatch");
        goto out;
    }
    *out = g;
    g = NULL;
out:
    free(raw);
    proctor_graded_free(g);
    cJSON_Delete(root);
    proctor_envelope_release(&env);
    return rc;
}
