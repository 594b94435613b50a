/* SPDX-License-Identifier: ISC */
/* assignment.c - making, signing and strictly reading assignments and their answer keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "assignment-internal.h"
#include "bank-internal.h"
#include "json-strict.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "qtype.h"
#include "rfc3339.h"

#define VERSION 1

int
proctor_assignment_check_title(const char *title, struct proctor_error *err)
{
    uint32_t bad;

    if (title && title[0] && strlen(title) <= PROCTOR_TITLE_MAX &&
        proctor_text_check(title, 0, &bad) < 0 && bad != PROCTOR_TEXT_NOT_UTF8)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "title contains a control character (U+%04X)", (unsigned)bad);
    if (!title || !signed_plain_text(title, PROCTOR_TITLE_MAX))
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "a title is 1 to %d bytes of UTF-8 without control characters",
                                 PROCTOR_TITLE_MAX);
    return 0;
}

/* ---- making an assignment ---- */

/* A uniformly random permutation of n (randombytes_uniform, Fisher-Yates). */
static void
random_perm(size_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = randombytes_uniform((uint32_t)i), t = p[i - 1];
        p[i - 1] = p[j];
        p[j] = t;
    }
}

/*
 * The passage of q as carried in an answer key: the document id and title, the paragraph's
 * first line, its text through the end of the quote (what render_passage shows), and the
 * quote with its byte offset in that text.
 */
int
assignment_add_source(cJSON *o, const struct proctor_question *q, const char *name)
{
    const struct proctor_doc *d = q->doc;
    const struct proctor_para *pa;
    size_t end;
    char *text;
    cJSON *src;
    int ok;

    if (!d || q->para >= d->nparas)
        return 0;
    pa = &d->paras[q->para];
    end = q->quote_end > pa->end ? q->quote_end : pa->end;
    if (q->quote_start < pa->start || end > d->len)
        return 0;
    text = malloc(end - pa->start + 1);
    if (!text)
        return -1;
    memcpy(text, d->text + pa->start, end - pa->start);
    text[end - pa->start] = '\0';
    src = cJSON_AddObjectToObject(o, name);
    ok = src && cJSON_AddStringToObject(src, "doc", d->id) &&
         cJSON_AddStringToObject(src, "title", d->title && *d->title ? d->title : d->id) &&
         cJSON_AddNumberToObject(src, "line", (double)pa->line) &&
         cJSON_AddStringToObject(src, "paragraph", text) &&
         cJSON_AddNumberToObject(src, "offset", (double)(q->quote_start - pa->start)) &&
         cJSON_AddStringToObject(src, "quote", q->quote);
    free(text);
    return ok ? 0 : -1;
}

/*
 * Question q in the embedded form: full (answers, explanation, passage) or sealed. perm[k]
 * is the bank index of the option (choice, multi, order) or right item (match) that gets the
 * k-th opaque id.
 */
static cJSON *
embed_question(const struct proctor_question *q, size_t index, const size_t *perm, int full)
{
    cJSON *o = cJSON_CreateObject();
    char id[24];

    /* a bank id can name its answer ("spring"): questions are q1, q2, ... */
    snprintf(id, sizeof id, "q%zu", index + 1);
    if (!o || !cJSON_AddStringToObject(o, "id", id) ||
        !cJSON_AddStringToObject(o, "type", proctor_qtype_name(q->type)) ||
        !cJSON_AddStringToObject(o, "prompt", q->prompt) ||
        !cJSON_AddNumberToObject(o, "points", (double)q->points) ||
        QTYPE(q)->embed(o, q, perm, full) < 0 ||
        (full && (!cJSON_AddStringToObject(o, "explain", q->explain ? q->explain : "-") ||
                  assignment_add_source(o, q, "source") < 0))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int
add_questions(cJSON *root, const struct proctor_question *const *qs, size_t n,
              size_t *const *perms, int full)
{
    cJSON *arr = cJSON_AddArrayToObject(root, "questions");

    if (!arr)
        return -1;
    for (size_t i = 0; i < n; i++) {
        cJSON *q = embed_question(qs[i], i, perms[i], full);
        if (!q || !cJSON_AddItemToArray(arr, q)) {
            cJSON_Delete(q);
            return -1;
        }
    }
    return 0;
}

static char *
assignment_text(const struct proctor_question *const *qs, size_t n, size_t *const *perms,
                const struct proctor_assignment_settings *set, const struct proctor_key *k)
{
    cJSON *root = cJSON_CreateObject(), *t;
    char created[32], due[32], *pk = proctor_base64_encode(k->pk, 32), *text = NULL;

    rfc3339_format(set->created, created);
    rfc3339_format(set->due, due);
    if (!pk || !root || !cJSON_AddStringToObject(root, "format", PROCTOR_ASSIGNMENT_FORMAT) ||
        !cJSON_AddNumberToObject(root, "version", VERSION) ||
        !cJSON_AddStringToObject(root, "id", set->id) ||
        !cJSON_AddStringToObject(root, "title", set->title) ||
        !(t = cJSON_AddObjectToObject(root, "teacher")) ||
        !cJSON_AddStringToObject(t, "id", k->id) || !cJSON_AddStringToObject(t, "name", k->name) ||
        !cJSON_AddStringToObject(t, "keyid", k->keyid) ||
        !cJSON_AddStringToObject(t, "public_key", pk) ||
        !cJSON_AddStringToObject(root, "created", created) ||
        (set->due && !cJSON_AddStringToObject(root, "due", due)) ||
        (set->time_limit && !cJSON_AddNumberToObject(root, "time_limit", (double)set->time_limit)) ||
        !cJSON_AddNumberToObject(root, "attempts", (double)set->attempts) ||
        !cJSON_AddBoolToObject(root, "shuffle", set->shuffle) ||
        !cJSON_AddStringToObject(root, "mode", set->sealed ? "sealed" : "open") ||
        add_questions(root, qs, n, perms, !set->sealed) < 0)
        goto out;
    text = cJSON_PrintUnformatted(root);
out:
    free(pk);
    cJSON_Delete(root);
    return text;
}

/* The answer key also carries the title and shuffle, so that marking and returning work can
 * show each student's questions as they saw them with the key alone. */
static char *
key_text(const struct proctor_question *const *qs, size_t n, size_t *const *perms,
         const struct proctor_assignment_settings *set, const unsigned char digest[32])
{
    cJSON *root = cJSON_CreateObject(), *ids;
    char *text = NULL;
    int ok;

    ok = root && cJSON_AddStringToObject(root, "format", PROCTOR_ANSWER_KEY_FORMAT) &&
         cJSON_AddNumberToObject(root, "version", VERSION) &&
         signed_add_binding(root, set->id, digest) == 0 &&
         cJSON_AddStringToObject(root, "title", set->title) &&
         cJSON_AddBoolToObject(root, "shuffle", set->shuffle) &&
         add_questions(root, qs, n, perms, 1) == 0 &&
         (ids = cJSON_AddArrayToObject(root, "bank_ids")) != NULL;
    /* the bank question each was made from, for the teacher's tools (students never see the
     * key) */
    for (size_t i = 0; ok && i < n; i++)
        ok = cJSON_AddItemToArray(ids, cJSON_CreateString(qs[i]->id));
    if (ok)
        text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

/* Signs text (freeing it) after checking a reader would accept it. */
static int
sign_text(char *text, const char *type, const struct proctor_key *k, char **out, size_t *outlen,
          struct proctor_error *err)
{
    struct proctor_error e;
    int rc;

    if (!text)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    if (proctor_json_strict_check(text, strlen(text), PROCTOR_JSON_MAX_DEPTH, "payload", &e) <
        0) {
        free(text);
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "cannot sign: the payload would be refused: %s", e.msg);
    }
    rc = proctor_dsse_sign(type, text, strlen(text), k, out, outlen, err);
    free(text);
    return rc;
}

int
proctor_assignment_make(const struct proctor_bank *bank,
                        const struct proctor_question *const *qs, size_t n,
                        const struct proctor_assignment_settings *set,
                        const struct proctor_key *teacher, char **assignment, size_t *alen,
                        char **key, size_t *klen, struct proctor_error *err)
{
    size_t **perms = NULL;
    char *atext = NULL;
    unsigned char digest[32];
    int rc = 0;

    (void)bank;
    *assignment = *key = NULL;
    *alen = *klen = 0;
    if (!teacher || !teacher->sk || teacher->role != PROCTOR_ROLE_TEACHER)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "an assignment is signed with a teacher's secret key");
    if (n == 0 || n > PROCTOR_EMBEDDED_MAX_QUESTIONS)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "an assignment has 1 to %d questions",
                                 PROCTOR_EMBEDDED_MAX_QUESTIONS);
    if (!set->id || proctor_key_check_id(set->id, NULL) < 0)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "an assignment id is 1 to %d of A-Z a-z 0-9 . _ @ -",
                                 PROCTOR_ID_MAX);
    if (proctor_assignment_check_title(set->title, err) < 0)
        return PROCTOR_EUSAGE;
    if (set->attempts < 1 || set->attempts > PROCTOR_ATTEMPTS_MAX || set->time_limit < 0 ||
        set->time_limit > PROCTOR_TIME_LIMIT_MAX || set->created < 0 || set->due < 0)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "attempts must be 1 to %d and a time limit 0 to %d minutes",
                                 PROCTOR_ATTEMPTS_MAX, PROCTOR_TIME_LIMIT_MAX);
    perms = calloc(n, sizeof *perms);
    if (!perms)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const struct proctor_question *q = qs[i];
        const struct proctor_option *list;
        int shows;
        size_t m = QTYPE(q)->items(q, &list, &shows);
        if (q->sealed) {
            rc = proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                   "question '%s' has no answer to put in a key", q->id);
            goto out;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(qs[k]->id, q->id) == 0) {
                rc = proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                       "question '%s' chosen twice", q->id);
                goto out;
            }
        if (!(perms[i] = malloc((m ? m : 1) * sizeof **perms))) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
        /* options a question shows in its own order keep it */
        if (!q->shuffle)
            for (size_t k = 0; k < m; k++)
                perms[i][k] = k;
        else
            random_perm(perms[i], m);
    }
    atext = assignment_text(qs, n, perms, set, teacher);
    if (!atext) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    crypto_hash_sha256(digest, (const unsigned char *)atext, strlen(atext));
    if (set->sealed &&
        (rc = sign_text(key_text(qs, n, perms, set, digest), PROCTOR_ANSWER_KEY_TYPE,
                        teacher, key, klen, err)) < 0)
        goto out;
    rc = sign_text(atext, PROCTOR_ASSIGNMENT_TYPE, teacher, assignment, alen, err);
    atext = NULL;
    if (rc < 0) {
        free(*key);
        *key = NULL;
        *klen = 0;
    }
out:
    free(atext);
    for (size_t i = 0; perms && i < n; i++)
        free(perms[i]);
    free(perms);
    return rc;
}

/* ---- reading ---- */

void
proctor_assignment_free(struct proctor_assignment *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->title);
    free(a->qids);
    for (size_t i = 0; a->bank_ids && i < a->nq; i++)
        free(a->bank_ids[i]);
    free(a->bank_ids);
    proctor_bank_free(a->bank);
    free(a);
}

/* teacher {id, name, keyid, public_key}: the key must be sound and its id match */
static int
parse_teacher(const cJSON *t, struct proctor_assignment *a, const char *path,
              struct proctor_error *err)
{
    static const char *const keys[] = {"id", "name", "keyid", "public_key", NULL};
    const char *id = signed_str(t, "id"), *name = signed_str(t, "name"),
               *keyid = signed_str(t, "keyid"), *pk = signed_str(t, "public_key");
    unsigned char *raw = NULL;
    size_t rawlen = 0;
    int rc;

    if (!cJSON_IsObject(t))
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'teacher': missing or not an object");
    if ((rc = signed_only_keys(t, keys, "teacher.", path, err)) < 0)
        return rc;
    if (!id || proctor_key_check_id(id, NULL) < 0 || !name ||
        proctor_key_check_name(name, NULL) < 0 || !keyid || !pk)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'teacher': want a valid id, name, keyid and public_key");
    if (proctor_base64_decode(pk, strlen(pk), &raw, &rawlen) < 0 || rawlen != 32 ||
        proctor_pk_check(raw, NULL) < 0) {
        free(raw);
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'teacher.public_key': not a sound Ed25519 public key");
    }
    memcpy(a->teacher_pk, raw, 32);
    free(raw);
    proctor_key_id(a->teacher_pk, a->keyid);
    if (strcmp(keyid, a->keyid) != 0)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "field 'teacher.keyid': does not match the public key");
    snprintf(a->teacher_id, sizeof a->teacher_id, "%s", id);
    snprintf(a->teacher_name, sizeof a->teacher_name, "%s", name);
    return 0;
}

static int
bad(const char *path, struct proctor_error *err, const char *field, const char *want)
{
    return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "field '%s': %s", field, want);
}

static int
parse_fields(const cJSON *root, const char *payload, size_t len, const char *path,
             struct proctor_assignment *a, struct proctor_error *err)
{
    static const char *const keys[] = {"format",   "version",    "id",       "title",
                                       "teacher",  "created",    "due",      "time_limit",
                                       "attempts", "shuffle",    "mode",     "questions",
                                       NULL};
    const cJSON *v;
    const char *s;
    int64_t x;
    int rc;

    if (!cJSON_IsObject(root))
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "assignment payload is not a JSON object");
    if ((rc = signed_only_keys(root, keys, "", path, err)) < 0)
        return rc;
    if (!(s = signed_str(root, "format")) || strcmp(s, PROCTOR_ASSIGNMENT_FORMAT) != 0)
        return bad(path, err, "format", "not \"" PROCTOR_ASSIGNMENT_FORMAT "\"");
    if (!proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(root, "version"), &x) ||
        x != VERSION)
        return bad(path, err, "version", "unsupported (want 1)");
    if (!(s = signed_str(root, "id")) || proctor_key_check_id(s, NULL) < 0)
        return bad(path, err, "id", "missing or not a valid id");
    if (!(a->id = strdup(s)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    if (!(s = signed_str(root, "title")) || !signed_plain_text(s, PROCTOR_TITLE_MAX))
        return bad(path, err, "title", "missing, empty, too long or with control characters");
    if (!(a->title = strdup(s)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    if ((rc = parse_teacher(cJSON_GetObjectItemCaseSensitive(root, "teacher"), a, path, err)) <
        0)
        return rc;
    if (!(s = signed_str(root, "created")) || !rfc3339_check(s))
        return bad(path, err, "created", "missing or not a UTC time like 2024-05-01T10:00:00Z");
    snprintf(a->created, sizeof a->created, "%s", s);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "due"))) {
        if (!cJSON_IsString(v) || !rfc3339_check(v->valuestring))
            return bad(path, err, "due", "not a UTC time like 2024-05-01T10:00:00Z");
        snprintf(a->due, sizeof a->due, "%s", v->valuestring);
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "time_limit")) &&
        (!proctor_json_get_int(v, &a->time_limit) || a->time_limit < 1 ||
         a->time_limit > PROCTOR_TIME_LIMIT_MAX))
        return bad(path, err, "time_limit", "not a whole number of minutes from 1");
    if (!proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(root, "attempts"), &a->attempts) ||
        a->attempts < 1 || a->attempts > PROCTOR_ATTEMPTS_MAX)
        return bad(path, err, "attempts", "missing or not 1 to 1000");
    v = cJSON_GetObjectItemCaseSensitive(root, "shuffle");
    if (!cJSON_IsBool(v))
        return bad(path, err, "shuffle", "missing or not true or false");
    a->shuffle = cJSON_IsTrue(v);
    if (!(s = signed_str(root, "mode")) || (strcmp(s, "sealed") != 0 && strcmp(s, "open") != 0))
        return bad(path, err, "mode", "not \"sealed\" or \"open\"");
    a->sealed = strcmp(s, "sealed") == 0;
    rc = bank_from_cjson(root, cJSON_GetObjectItemCaseSensitive(root, "questions"),
                         a->sealed ? BANK_FORM_SEALED : BANK_FORM_FULL, payload, len, path,
                         &a->bank, err);
    if (rc < 0)
        return rc;
    a->nq = a->bank->nquestions;
    a->qids = calloc(a->nq, sizeof *a->qids);
    if (!a->qids)
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; i < a->nq; i++)
        a->qids[i] = a->bank->questions[i].id;
    memcpy(a->bank->digest, a->digest, 32);
    return 0;
}

int
proctor_assignment_parse(const void *payload, size_t len, const char *path,
                         struct proctor_assignment **out, struct proctor_error *err)
{
    struct proctor_assignment *a;
    cJSON *root;
    int rc;

    *out = NULL;
    if (!(a = calloc(1, sizeof *a)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    crypto_hash_sha256(a->digest, payload, len);
    root = proctor_json_parse_strict(payload, len, path, err);
    if (!root) {
        proctor_assignment_free(a);
        return err ? err->code : PROCTOR_EINVAL;
    }
    rc = parse_fields(root, payload, len, path, a, err);
    cJSON_Delete(root);
    if (rc < 0) {
        proctor_assignment_free(a);
        return rc;
    }
    *out = a;
    return 0;
}

/*
 * The signature is checked against the key the payload names before anything else of the
 * payload is believed; a payload that does not even parse cannot have been signed by proctor.
 */
int
proctor_assignment_load(const char *path, struct proctor_assignment **out,
                        struct proctor_error *err)
{
    struct proctor_envelope env;
    struct proctor_error e;
    const cJSON *t;
    const char *pk, *id;
    unsigned char *raw = NULL;
    size_t rawlen = 0;
    char keyid[PROCTOR_KEYID_LEN + 1];
    cJSON *root;
    int rc;

    *out = NULL;
    rc = signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_ASSIGNMENT_TYPE, "an assignment",
                     &env, err);
    if (rc < 0)
        return rc;
    root = proctor_json_parse_strict((const char *)env.payload, env.payload_len, path, &e);
    t = cJSON_GetObjectItemCaseSensitive(root, "teacher");
    pk = signed_str(t, "public_key");
    id = signed_str(t, "id");
    if (!pk || proctor_base64_decode(pk, strlen(pk), &raw, &rawlen) < 0 || rawlen != 32 ||
        proctor_pk_check(raw, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "not a signed assignment: its payload names no sound teacher key");
        goto out;
    }
    proctor_key_id(raw, keyid);
    if (strcmp(keyid, env.keyid) != 0 || proctor_dsse_verify(&env, raw, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "bad signature: the assignment was changed after it was signed, "
                               "or not signed by the teacher it names ('%.64s', key %s)",
                               id ? id : "?", keyid);
        goto out;
    }
    rc = proctor_assignment_parse(env.payload, env.payload_len, path, out, err);
out:
    free(raw);
    cJSON_Delete(root);
    proctor_envelope_release(&env);
    return rc;
}

void
proctor_assignment_student_key(const struct proctor_assignment *a, const char *student,
                               unsigned char key[32])
{
    static const char label[] = "proctor-assignment-shuffle-v1";
    crypto_hash_sha256_state st;

    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)label, sizeof label);
    crypto_hash_sha256_update(&st, a->digest, 32);
    crypto_hash_sha256_update(&st, (const unsigned char *)student, strlen(student));
    crypto_hash_sha256_final(&st, key);
}

int
proctor_assignment_session(const struct proctor_assignment *a, const struct proctor_bank *bank,
                           const char *student, struct proctor_session **out,
                           struct proctor_error *err)
{
    unsigned char key[32];

    proctor_assignment_student_key(a, student, key);
    return proctor_session_new_keyed(bank ? bank : a->bank, a->qids, a->nq, key, a->shuffle, out,
                                     err);
}

/* ---- the answer key ---- */

static int
same_ids(const struct proctor_option *a, size_t na, const struct proctor_option *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++) {
        size_t j = 0;
        while (j < nb && strcmp(a[i].id, b[j].id) != 0)
            j++;
        if (j == nb)
            return 0;
    }
    return 1;
}

/* Whether q and kq have the same type, points and option ids, part by part (a cloze's gaps). */
static int
same_shape(const struct proctor_question *q, const struct proctor_question *kq)
{
    size_t n = proctor_response_parts(q);

    if (kq->type != q->type || kq->points != q->points ||
        !same_ids(q->options, q->noptions, kq->options, kq->noptions) ||
        !same_ids(q->rights, q->nrights, kq->rights, kq->nrights) ||
        proctor_response_parts(kq) != n)
        return 0;
    for (size_t k = 0; n > 1 && k < n; k++)
        if (!same_shape(proctor_question_part(q, k), proctor_question_part(kq, k)))
            return 0;
    return 1;
}

/* The key's questions must be the assignment's: same ids, types and option ids. */
static int
check_match(const struct proctor_assignment *a, const struct proctor_bank *k, const char *path,
            struct proctor_error *err)
{
    if (k->nquestions != a->nq)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "answer key has %zu questions, the assignment %zu",
                                 k->nquestions, a->nq);
    for (size_t i = 0; i < a->nq; i++) {
        const struct proctor_question *q = &a->bank->questions[i],
                                      *kq = proctor_bank_find(k, q->id);
        if (!kq || !same_shape(q, kq))
            return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                     "answer key does not match the assignment at question "
                                     "'%s'",
                                     q->id);
    }
    return 0;
}

/*
 * The payload of an answer key whose signature was checked: its binding, title and shuffle
 * into a (an assignment of its own, or to compare with), its questions into *bank.
 */
/* The optional "bank_ids" of a key: one bank question id per question (older keys have
 * none). */
static int
key_bank_ids(const cJSON *ids, const char *path, struct proctor_assignment *k,
             struct proctor_error *err)
{
    size_t i = 0;
    const cJSON *e;

    if (!ids)
        return 0;
    if (!cJSON_IsArray(ids) || (size_t)cJSON_GetArraySize(ids) != k->nq)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "answer key: bank_ids must list one id per question");
    if (!(k->bank_ids = calloc(k->nq ? k->nq : 1, sizeof *k->bank_ids)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    cJSON_ArrayForEach(e, ids) {
        if (!cJSON_IsString(e) || !e->valuestring[0] ||
            !signed_plain_text(e->valuestring, PROCTOR_ID_MAX))
            return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                     "answer key: bank_ids[%zu]: want a question id", i);
        if (!(k->bank_ids[i++] = strdup(e->valuestring)))
            return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    }
    return 0;
}

static int
key_parse(const struct proctor_envelope *env, const char *path, struct proctor_assignment *k,
          struct proctor_error *err)
{
    static const char *const keys[] = {"format",    "version",  "assignment", "title",
                                       "shuffle",   "questions", "bank_ids",  NULL};
    const char *s;
    const cJSON *v;
    cJSON *root;
    int64_t ver;
    char id[PROCTOR_ID_MAX + 1];
    int rc = 0;

    root = proctor_json_parse_strict((const char *)env->payload, env->payload_len, path, err);
    if (!root)
        return err ? err->code : PROCTOR_EINVAL;
    if (!cJSON_IsObject(root) || (rc = signed_only_keys(root, keys, "", path, err)) < 0 ||
        !(s = signed_str(root, "format")) || strcmp(s, PROCTOR_ANSWER_KEY_FORMAT) != 0 ||
        !proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(root, "version"), &ver) ||
        ver != VERSION) {
        rc = rc < 0 ? rc
                    : proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                        "not a proctor answer key (format or version)");
        goto out;
    }
    if ((rc = signed_binding(cJSON_GetObjectItemCaseSensitive(root, "assignment"), path, id,
                             sizeof id, k->digest, err)) < 0)
        goto out;
    v = cJSON_GetObjectItemCaseSensitive(root, "shuffle");
    if (!(s = signed_str(root, "title")) || !signed_plain_text(s, PROCTOR_TITLE_MAX) ||
        !cJSON_IsBool(v)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "answer key: want a title and shuffle");
        goto out;
    }
    k->shuffle = cJSON_IsTrue(v);
    if (!(k->id = strdup(id)) || !(k->title = strdup(s))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    rc = bank_from_cjson(root, cJSON_GetObjectItemCaseSensitive(root, "questions"),
                         BANK_FORM_FULL, (const char *)env->payload, env->payload_len, path,
                         &k->bank, err);
    if (rc < 0)
        goto out;
    k->nq = k->bank->nquestions;
    if (!(k->qids = calloc(k->nq, sizeof *k->qids))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < k->nq; i++)
        k->qids[i] = k->bank->questions[i].id;
    memcpy(k->bank->digest, k->digest, 32);
    rc = key_bank_ids(cJSON_GetObjectItemCaseSensitive(root, "bank_ids"), path, k, err);
out:
    cJSON_Delete(root);
    return rc;
}

static int
key_load(const char *path, const struct proctor_assignment *a, struct proctor_bank **out,
         char ***bank_ids, struct proctor_error *err)
{
    struct proctor_envelope env;
    struct proctor_assignment *k = NULL;
    int rc;

    *out = NULL;
    rc = signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_ANSWER_KEY_TYPE, "an answer key",
                     &env, err);
    if (rc < 0)
        return rc;
    if (strcmp(env.keyid, a->keyid) != 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "answer key is signed by key %.32s, not by the assignment's "
                               "teacher key %s",
                               env.keyid, a->keyid);
        goto out;
    }
    if (proctor_dsse_verify(&env, a->teacher_pk, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "bad signature: the answer key was changed after it was signed");
        goto out;
    }
    if (!(k = calloc(1, sizeof *k))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if ((rc = key_parse(&env, path, k, err)) < 0)
        goto out;
    if (sodium_memcmp(k->digest, a->digest, 32) != 0 || strcmp(k->id, a->id) != 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "answer key is for another assignment ('%s', or another version "
                               "of it: the digest differs)",
                               k->id);
        goto out;
    }
    if ((rc = check_match(a, k->bank, path, err)) < 0)
        goto out;
    *out = k->bank;
    k->bank = NULL;
    if (bank_ids) {
        *bank_ids = k->bank_ids;
        k->bank_ids = NULL;
    }
out:
    proctor_assignment_free(k);
    proctor_envelope_release(&env);
    return rc;
}

int
proctor_answer_key_load(const char *path, const struct proctor_assignment *a,
                        struct proctor_bank **out, struct proctor_error *err)
{
    return key_load(path, a, out, NULL, err);
}

int
proctor_answer_key_read(const char *path, struct proctor_assignment *a,
                        struct proctor_bank **out, struct proctor_error *err)
{
    char **ids = NULL;
    int rc = key_load(path, a, out, &ids, err);

    if (rc == 0 && ids) {
        for (size_t i = 0; a->bank_ids && i < a->nq; i++)
            free(a->bank_ids[i]);
        free(a->bank_ids);
        a->bank_ids = ids;
    }
    return rc;
}

int
proctor_answer_key_open(const char *path, const unsigned char pk[32],
                        struct proctor_assignment **out, struct proctor_error *err)
{
    struct proctor_envelope env;
    struct proctor_assignment *k = NULL;
    char keyid[PROCTOR_KEYID_LEN + 1];
    int rc;

    *out = NULL;
    proctor_key_id(pk, keyid);
    rc = signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_ANSWER_KEY_TYPE, "an answer key",
                     &env, NULL);
    if (rc == PROCTOR_EVERIFY &&
        signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_ASSIGNMENT_TYPE, "an assignment",
                    &env, NULL) == 0) {
        /* an open assignment is its own answer key */
        proctor_envelope_release(&env);
        if ((rc = proctor_assignment_load(path, &k, err)) < 0)
            return rc;
        if (sodium_memcmp(k->teacher_pk, pk, 32) != 0) {
            rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                                   "signed by key %s, not by your key %s", k->keyid, keyid);
            proctor_assignment_free(k);
            return rc;
        }
        if (k->sealed) {
            proctor_assignment_free(k);
            return proctor_error_set(err, PROCTOR_EUSAGE, path, 0, 0,
                                     "a sealed assignment holds no answers: give its answer "
                                     "key");
        }
        *out = k;
        return 0;
    }
    if (rc < 0) /* read it again for the message */
        return signed_open(path, PROCTOR_ASSIGNMENT_MAX_BYTES, PROCTOR_ANSWER_KEY_TYPE,
                           "an answer key", &env, err);
    if (strcmp(env.keyid, keyid) != 0 || proctor_dsse_verify(&env, pk, NULL) < 0) {
        rc = proctor_error_set(err, PROCTOR_EVERIFY, path, 0, 0,
                               "not signed by your key %s (signed by %.32s, or changed after "
                               "signing)",
                               keyid, env.keyid);
        goto out;
    }
    if (!(k = calloc(1, sizeof *k))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if ((rc = key_parse(&env, path, k, err)) < 0)
        goto out;
    memcpy(k->teacher_pk, pk, 32);
    memcpy(k->keyid, keyid, sizeof k->keyid);
    k->sealed = 1;
    k->attempts = 1;
    *out = k;
    k = NULL;
out:
    proctor_assignment_free(k);
    proctor_envelope_release(&env);
    return rc;
}
