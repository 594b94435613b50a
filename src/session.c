/* SPDX-License-Identifier: ISC */
/* session.c - choosing and ordering questions, recording responses, saving progress. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "proctor/fileio.h"
#include "proctor/limits.h"
#include "proctor/session.h"
#include "qtype.h"
#include "response-json.h"


static int
in_list(const char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

int
proctor_filter_match(const struct proctor_filter *f, const struct proctor_question *q)
{
    if (!f)
        return 1;
    if (f->ndocs && !(q->doc && in_list(f->docs, f->ndocs, q->doc->id)))
        return 0;
    if (f->ntypes && !in_list(f->types, f->ntypes, proctor_qtype_name(q->type)))
        return 0;
    if (f->nids && !in_list(f->ids, f->nids, q->id))
        return 0;
    if (f->difficulties && !(f->difficulties & (1u << q->difficulty)))
        return 0;
    if (f->levels && !(f->levels & (1u << q->level)))
        return 0;
    if (f->ntags) {
        int any = 0;
        for (size_t i = 0; i < q->ntags && !any; i++)
            any = in_list(f->tags, f->ntags, q->tags[i]);
        if (!any)
            return 0;
    }
    return 1;
}

/*
 * A permutation of n, deterministic from key and label: Fisher-Yates over a byte stream
 * from randombytes_buf_deterministic keyed by BLAKE2b(key || label).
 */
static int
shuffle_perm(const unsigned char key[32], const char *label, size_t *perm, size_t n)
{
    unsigned char seed[randombytes_SEEDBYTES];
    crypto_generichash_state st;
    uint64_t *r;

    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    if (n < 2)
        return 0;
    r = malloc(n * sizeof *r);
    if (!r)
        return -1;
    crypto_generichash_init(&st, NULL, 0, sizeof seed);
    crypto_generichash_update(&st, key, 32);
    crypto_generichash_update(&st, (const unsigned char *)label, strlen(label));
    crypto_generichash_final(&st, seed, sizeof seed);
    randombytes_buf_deterministic(r, n * sizeof *r, seed);
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(r[i] % (i + 1)), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    free(r);
    return 0;
}

static void
seed_key(uint64_t seed, unsigned char key[32])
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(seed >> (8 * i));
    crypto_generichash(key, 32, le, sizeof le, (const unsigned char *)"proctor-seed", 12);
}

/* The length of q's list shown in a drawn order (0: none), and whether that list in its own
 * order would show the answer. */
static size_t
perm_size(const struct proctor_question *q, const struct proctor_option **list, int *shows)
{
    size_t n = QTYPE(q)->items(q, list, shows);

    return q->shuffle ? n : 0;
}

static struct proctor_session *
session_alloc(const struct proctor_bank *bank, size_t n)
{
    struct proctor_session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->bank = bank;
    s->n = n;
    s->q = calloc(n ? n : 1, sizeof *s->q);
    s->perm = calloc(n ? n : 1, sizeof *s->perm);
    s->resp = calloc(n ? n : 1, sizeof *s->resp);
    s->earned = calloc(n ? n : 1, sizeof *s->earned);
    s->answered_at = calloc(n ? n : 1, sizeof *s->answered_at);
    s->feedback_at = calloc(n ? n : 1, sizeof *s->feedback_at);
    if (!s->q || !s->perm || !s->resp || !s->earned || !s->answered_at || !s->feedback_at) {
        proctor_session_free(s);
        return NULL;
    }
    return s;
}

/* Orders of options: an order question is never shown in its correct order. */
static int
make_perm(const unsigned char key[32], const struct proctor_question *q, size_t **out)
{
    const struct proctor_option *list;
    int shows;
    size_t n = perm_size(q, &list, &shows), *p;
    char label[128];

    *out = NULL;
    if (n == 0)
        return 0;
    p = malloc(n * sizeof *p);
    if (!p)
        return -1;
    for (int attempt = 0; attempt < 8; attempt++) {
        int identity = 1;
        snprintf(label, sizeof label, "options:%s:%d", q->id, attempt);
        if (shuffle_perm(key, label, p, n) < 0) {
            free(p);
            return -1;
        }
        for (size_t i = 0; i < n && identity; i++)
            identity = p[i] == i;
        if (!identity || !shows)
            break;
        if (attempt == 7) { /* fall back to a rotation */
            for (size_t i = 0; i < n; i++)
                p[i] = (i + 1) % n;
        }
    }
    *out = p;
    return 0;
}

int
proctor_session_new(const struct proctor_bank *bank, const struct proctor_filter *filter,
                    size_t count, uint64_t seed, int shuffle, struct proctor_session **out,
                    struct proctor_error *err)
{
    unsigned char key[32];
    size_t *idx = NULL, *order = NULL, n = 0;
    struct proctor_session *s = NULL;

    *out = NULL;
    /* room for every question, or every explicit id (one may be listed twice) */
    idx = malloc(((filter && filter->nids > bank->nquestions ? filter->nids : bank->nquestions) + 1) *
                 sizeof *idx);
    if (!idx)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    if (filter && filter->nids && !shuffle) {
        /* explicit ids, in the order given; each is matched against the other selections
         * only (matching it against the ids too would be quadratic in their number) */
        struct proctor_filter rest = *filter;
        rest.ids = NULL;
        rest.nids = 0;
        for (size_t k = 0; k < filter->nids; k++) {
            const struct proctor_question *q = proctor_bank_find(bank, filter->ids[k]);
            if (!q) {
                free(idx);
                return proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                                         "no question '%s' in the bank", filter->ids[k]);
            }
            if (proctor_filter_match(&rest, q))
                idx[n++] = (size_t)(q - bank->questions);
        }
    } else {
        for (size_t i = 0; i < bank->nquestions; i++)
            if (proctor_filter_match(filter, &bank->questions[i]))
                idx[n++] = i;
    }
    if (n == 0) {
        free(idx);
        return proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                                 "no question matches the selection");
    }
    seed_key(seed, key);
    order = malloc(n * sizeof *order);
    if (!order)
        goto oom;
    if (shuffle) {
        if (shuffle_perm(key, "questions", order, n) < 0)
            goto oom;
    } else {
        for (size_t i = 0; i < n; i++)
            order[i] = i;
    }
    if (count == 0 || count > n)
        count = n;
    s = session_alloc(bank, count);
    if (!s)
        goto oom;
    s->seed = seed;
    for (size_t i = 0; i < count; i++) {
        s->q[i] = &bank->questions[idx[order[i]]];
        if (make_perm(key, s->q[i], &s->perm[i]) < 0)
            goto oom;
    }
    s->started = time(NULL);
    free(idx);
    free(order);
    *out = s;
    return 0;
oom:
    free(idx);
    free(order);
    proctor_session_free(s);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Option ids in order: shorter first, then byte order ("o2" before "o10"). */
static int
id_before(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return la != lb ? la < lb : strcmp(a, b) < 0;
}

/*
 * An assignment's display order of q's options: a permutation, from key, of the options
 * sorted by id, so that the order does not depend on how a file lists them (the sealed
 * assignment and its answer key list an order question's items differently).
 */
static int
make_keyed_perm(const unsigned char key[32], const struct proctor_question *q, int shuffle,
                size_t **out)
{
    const struct proctor_option *opts;
    int shows;
    size_t n = perm_size(q, &opts, &shows), *base, *p;
    char label[128];

    *out = NULL;
    if (n == 0)
        return 0;
    base = malloc(n * sizeof *base);
    p = malloc(n * sizeof *p);
    if (!base || !p) {
        free(base);
        free(p);
        return -1;
    }
    for (size_t i = 0; i < n; i++) { /* insertion sort: at most 12 options */
        size_t j = i;
        while (j > 0 && id_before(opts[i].id, opts[base[j - 1]].id)) {
            base[j] = base[j - 1];
            j--;
        }
        base[j] = i;
    }
    snprintf(label, sizeof label, "assignment-options:%s", q->id);
    if (shuffle && shuffle_perm(key, label, p, n) < 0) {
        free(base);
        free(p);
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        p[k] = base[shuffle ? p[k] : k];
    free(base);
    *out = p;
    return 0;
}

int
proctor_session_new_keyed(const struct proctor_bank *bank, const char *const *ids, size_t n,
                          const unsigned char key[32], int shuffle,
                          struct proctor_session **out, struct proctor_error *err)
{
    struct proctor_session *s = NULL;
    size_t *order = NULL;

    *out = NULL;
    if (n == 0)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no questions");
    order = malloc(n * sizeof *order);
    s = session_alloc(bank, n);
    if (!order || !s || shuffle_perm(key, "assignment-questions", order, shuffle ? n : 0) < 0)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        const char *id = ids[shuffle ? order[i] : i];
        const struct proctor_question *q = proctor_bank_find(bank, id);
        if (!q) {
            free(order);
            proctor_session_free(s);
            return proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                                     "no question '%s' in the assignment", id);
        }
        for (size_t k = 0; k < i; k++)
            if (s->q[k] == q) {
                free(order);
                proctor_session_free(s);
                return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                         "question '%s' listed twice", id);
            }
        s->q[i] = q;
        if (make_keyed_perm(key, q, shuffle, &s->perm[i]) < 0)
            goto oom;
    }
    s->started = time(NULL);
    free(order);
    *out = s;
    return 0;
oom:
    free(order);
    proctor_session_free(s);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Grows one per-question array of s to n + 1 entries of size bytes, the new one zero. */
static int
grow(void **arr, size_t n, size_t size)
{
    char *p = realloc(*arr, (n + 1) * size);
    if (!p)
        return -1;
    memset(p + n * size, 0, size);
    *arr = p;
    return 0;
}

int
proctor_session_append(struct proctor_session *s, const struct proctor_question *q,
                       unsigned round)
{
    unsigned char key[32];
    size_t *perm = NULL;

    seed_key(s->seed + (uint64_t)round * 0x9e3779b97f4a7c15ULL, key);
    if (make_perm(key, q, &perm) < 0 || grow((void **)&s->q, s->n, sizeof *s->q) < 0 ||
        grow((void **)&s->perm, s->n, sizeof *s->perm) < 0 ||
        grow((void **)&s->resp, s->n, sizeof *s->resp) < 0 ||
        grow((void **)&s->earned, s->n, sizeof *s->earned) < 0 ||
        grow((void **)&s->answered_at, s->n, sizeof *s->answered_at) < 0 ||
        grow((void **)&s->feedback_at, s->n, sizeof *s->feedback_at) < 0) {
        free(perm);
        return PROCTOR_ENOMEM;
    }
    s->q[s->n] = q;
    s->perm[s->n] = perm;
    s->n++;
    return 0;
}

void
proctor_session_free(struct proctor_session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        if (s->perm)
            free(s->perm[i]);
        if (s->resp)
            proctor_response_release(&s->resp[i]);
    }
    free(s->q);
    free(s->perm);
    free(s->resp);
    free(s->earned);
    free(s->answered_at);
    free(s->feedback_at);
    free(s->record);
    free(s->record_key);
    free(s->selection);
    free(s);
}

int64_t
proctor_session_answer(struct proctor_session *s, size_t i, const struct proctor_response *r)
{
    proctor_response_release(&s->resp[i]);
    s->answered_at[i] = r->answered ? ++s->steps : 0;
    if (proctor_response_copy(&s->resp[i], r) < 0)
        return s->earned[i] = 0;
    s->earned[i] = proctor_grade(s->q[i], &s->resp[i]);
    return s->earned[i];
}

enum proctor_respond
proctor_session_respond(struct proctor_session *s, size_t i, const struct proctor_response *r,
                        int64_t *earned)
{
    *earned = 0;
    if (!s->feedback_at[i]) {
        *earned = proctor_session_answer(s, i, r);
        return PROCTOR_RESPONSE_RECORDED;
    }
    if (s->locking)
        return PROCTOR_RESPONSE_LOCKED;
    *earned = proctor_grade(s->q[i], r);
    return PROCTOR_RESPONSE_NOT_COUNTED;
}

void
proctor_session_feedback(struct proctor_session *s, size_t i)
{
    if (!s->feedback_at[i])
        s->feedback_at[i] = ++s->steps;
}

int
proctor_session_locked(const struct proctor_session *s, size_t i)
{
    return s->locking && i < s->n && s->feedback_at[i] != 0;
}

int
proctor_session_resume(struct proctor_session *s, const struct proctor_session *old)
{
    for (size_t i = 0; i < old->n; i++) {
        for (size_t j = 0; j < s->n; j++) {
            if (s->q[j] != old->q[i])
                continue;
            proctor_response_release(&s->resp[j]);
            if (old->resp[i].answered && proctor_response_copy(&s->resp[j], &old->resp[i]) < 0)
                return PROCTOR_ENOMEM;
            s->earned[j] = old->resp[i].answered ? proctor_grade(s->q[j], &s->resp[j]) : 0;
            s->answered_at[j] = old->answered_at[i];
            s->feedback_at[j] = old->feedback_at[i];
        }
    }
    if (old->steps > s->steps)
        s->steps = old->steps;
    return 0;
}

int
proctor_session_set_record(struct proctor_session *s, const char *path, const char *key)
{
    char *p = path ? strdup(path) : NULL, *k = key ? strdup(key) : NULL;

    if ((path && !p) || (key && !k)) {
        free(p);
        free(k);
        return PROCTOR_ENOMEM;
    }
    free(s->record);
    free(s->record_key);
    s->record = p;
    s->record_key = k;
    return 0;
}

int
proctor_session_set_selection(struct proctor_session *s, const char *selection)
{
    char *copy = selection ? strdup(selection) : NULL;

    if (selection && !copy)
        return PROCTOR_ENOMEM;
    free(s->selection);
    s->selection = copy;
    return 0;
}

void
proctor_session_score(const struct proctor_session *s, int64_t *earned, int64_t *max)
{
    *earned = *max = 0;
    for (size_t i = 0; i < s->n; i++) {
        *max += proctor_grade_max(s->q[i]);
        if (s->resp[i].answered)
            *earned += s->earned[i];
    }
}

char *
proctor_responses_json(const struct proctor_session *s)
{
    cJSON *o = cJSON_CreateObject();
    char *text;

    if (!o)
        return NULL;
    for (size_t i = 0; i < s->n; i++) {
        cJSON *v;
        if (!s->resp[i].answered)
            continue;
        v = response_to_cjson(s->q[i], &s->resp[i]);
        if (!v || !cJSON_AddItemToObject(o, s->q[i]->id, v)) {
            cJSON_Delete(v);
            cJSON_Delete(o);
            return NULL;
        }
    }
    text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

int
proctor_response_from_json_text(const struct proctor_question *q, const char *json,
                                struct proctor_response *r, struct proctor_error *err)
{
    cJSON *v = cJSON_Parse(json);
    int rc;

    memset(r, 0, sizeof *r);
    if (!v)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "invalid JSON response");
    rc = response_from_cjson(q, v, r, err);
    cJSON_Delete(v);
    return rc;
}

static void
hex32(const unsigned char *d, char out[65])
{
    sodium_bin2hex(out, 65, d, 32);
}

int
proctor_session_save(const struct proctor_session *s, const char *path,
                     struct proctor_error *err)
{
    cJSON *root = cJSON_CreateObject(), *qs;
    char digest[65], *text = NULL;
    int rc;

    hex32(s->bank->digest, digest);
    if (!root || !cJSON_AddNumberToObject(root, "version", 1) ||
        (!sodium_is_zero(s->bank->digest, 32) && !cJSON_AddStringToObject(root, "bank", digest)) ||
        !cJSON_AddNumberToObject(root, "seed", (double)(s->seed & 0xFFFFFFFFFFFFFull)) ||
        !cJSON_AddNumberToObject(root, "started", (double)s->started) ||
        !cJSON_AddNumberToObject(root, "position", (double)s->cur) ||
        !cJSON_AddNumberToObject(root, "steps", (double)s->steps) ||
        (s->locking && !cJSON_AddTrueToObject(root, "locking")) ||
        (s->record && !cJSON_AddStringToObject(root, "record", s->record)) ||
        (s->record_key && !cJSON_AddStringToObject(root, "record_key", s->record_key)) ||
        (s->selection && !cJSON_AddStringToObject(root, "selection", s->selection)) ||
        !(qs = cJSON_AddArrayToObject(root, "questions")))
        goto oom;
    for (size_t i = 0; i < s->n; i++) {
        cJSON *e = cJSON_CreateObject(), *p;
        if (!e || !cJSON_AddItemToArray(qs, e) || !cJSON_AddStringToObject(e, "id", s->q[i]->id))
            goto oom;
        if (s->perm[i]) {
            const struct proctor_option *list;
            int shows;
            size_t n = perm_size(s->q[i], &list, &shows);
            if (!(p = cJSON_AddArrayToObject(e, "perm")))
                goto oom;
            for (size_t k = 0; k < n; k++)
                if (!cJSON_AddItemToArray(p, cJSON_CreateNumber((double)s->perm[i][k])))
                    goto oom;
        }
        if (s->resp[i].answered) {
            cJSON *v = response_to_cjson(s->q[i], &s->resp[i]);
            if (!v || !cJSON_AddItemToObject(e, "response", v)) {
                cJSON_Delete(v);
                goto oom;
            }
        }
        if ((s->answered_at[i] &&
             !cJSON_AddNumberToObject(e, "answered_at", (double)s->answered_at[i])) ||
            (s->feedback_at[i] &&
             !cJSON_AddNumberToObject(e, "feedback_at", (double)s->feedback_at[i])))
            goto oom;
    }
    text = cJSON_Print(root);
    if (!text)
        goto oom;
    cJSON_Delete(root);
    rc = proctor_file_write(path, text, strlen(text), 0600, 0, err);
    cJSON_free(text);
    return rc;
oom:
    cJSON_Delete(root);
    return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
}

static int
whole(const cJSON *v, double max, size_t *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > max ||
        v->valuedouble != (double)(size_t)v->valuedouble)
        return -1;
    *out = (size_t)v->valuedouble;
    return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/*
 * A loaded journal must be one the runner could have written (or the result made from it
 * would be refused): feedback only after a recorded response, no step used twice. Sets
 * s->steps past the last step.
 */
static int
check_steps(struct proctor_session *s, const char *path, struct proctor_error *err)
{
    uint64_t *all = malloc((2 * s->n + 1) * sizeof *all);
    size_t k = 0;
    int rc = 0;

    if (!all)
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; i < s->n && rc == 0; i++) {
        if (s->feedback_at[i] && (!s->answered_at[i] || s->feedback_at[i] < s->answered_at[i]))
            rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                   "saved session shows the feedback of question '%s' before "
                                   "its answer",
                                   s->q[i]->id);
        if (s->answered_at[i])
            all[k++] = s->answered_at[i];
        if (s->feedback_at[i])
            all[k++] = s->feedback_at[i];
    }
    if (rc == 0 && k > 1) {
        qsort(all, k, sizeof *all, cmp_u64);
        for (size_t i = 1; i < k && rc == 0; i++)
            if (all[i] == all[i - 1])
                rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                       "saved session uses step %llu twice",
                                       (unsigned long long)all[i]);
    }
    if (rc == 0 && k > 0 && all[k - 1] > s->steps)
        s->steps = all[k - 1];
    free(all);
    return rc;
}

int
proctor_session_load(const struct proctor_bank *bank, const char *path,
                     struct proctor_session **out, struct proctor_error *err)
{
    char *text = NULL;
    cJSON *root = NULL;
    const cJSON *qs, *e, *v;
    struct proctor_session *s = NULL;
    unsigned char *taken = NULL; /* per bank question: already in the session */
    size_t n, i = 0, pos;
    int rc;

    *out = NULL;
    rc = proctor_file_read(path, PROCTOR_SESSION_MAX_BYTES, &text, NULL, err);
    if (rc < 0)
        return rc;
    root = cJSON_Parse(text);
    qs = cJSON_GetObjectItemCaseSensitive(root, "questions");
    if (!root || !cJSON_IsArray(qs) || cJSON_GetArraySize(qs) == 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "not a saved session");
        goto out;
    }
    n = (size_t)cJSON_GetArraySize(qs);
    s = session_alloc(bank, n);
    taken = calloc(bank->nquestions ? bank->nquestions : 1, 1);
    if (!s || !taken) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    /* out-of-range doubles must not reach a cast (undefined behaviour) */
    if (whole(cJSON_GetObjectItemCaseSensitive(root, "seed"), 9007199254740991.0, &pos) == 0)
        s->seed = pos;
    /* a start time past 9999-12-31 or before 1970 can't be written in a result */
    v = cJSON_GetObjectItemCaseSensitive(root, "started");
    s->started = whole(v, 253402300799.0, &pos) == 0 ? (time_t)pos : time(NULL);
    s->locking = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "locking"));
    v = cJSON_GetObjectItemCaseSensitive(root, "record");
    if (cJSON_IsString(v) && v->valuestring[0]) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(root, "record_key");
        if (proctor_session_set_record(s, v->valuestring,
                                       cJSON_IsString(k) && k->valuestring[0] ? k->valuestring
                                                                               : NULL) < 0)
            goto oom;
    }
    v = cJSON_GetObjectItemCaseSensitive(root, "selection");
    if (cJSON_IsString(v) && proctor_session_set_selection(s, v->valuestring) < 0)
        goto oom;
    cJSON_ArrayForEach(e, qs) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id"),
                    *perm = cJSON_GetObjectItemCaseSensitive(e, "perm"),
                    *resp = cJSON_GetObjectItemCaseSensitive(e, "response");
        const struct proctor_option *list;
        int shows;
        const struct proctor_question *q =
            cJSON_IsString(id) ? proctor_bank_find(bank, id->valuestring) : NULL;
        size_t want;
        if (!q) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                   "saved session names a question the bank lacks ('%s')",
                                   cJSON_IsString(id) ? id->valuestring : "?");
            goto out;
        }
        /* a question twice would be graded twice (and its result refused by verify) */
        if (taken[q - bank->questions]++) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                   "saved session names question '%s' twice", q->id);
            goto out;
        }
        s->q[i] = q;
        want = perm_size(q, &list, &shows);
        if (want && perm) {
            const cJSON *p;
            size_t k = 0;
            unsigned char seen[256] = {0};
            if (!cJSON_IsArray(perm) || (size_t)cJSON_GetArraySize(perm) != want || want > 256)
                goto badperm;
            if (!(s->perm[i] = malloc(want * sizeof **s->perm)))
                goto oom;
            cJSON_ArrayForEach(p, perm) {
                size_t x;
                if (whole(p, (double)want - 1, &x) < 0 || seen[x]++)
                    goto badperm;
                s->perm[i][k++] = x;
            }
        } else if (want || perm) {
            goto badperm;
        }
        if (resp) {
            struct proctor_response r;
            struct proctor_error rerr;
            /* a local error: err may be NULL, and its msg can't be both source and target */
            if (response_from_cjson(q, resp, &r, &rerr) < 0) {
                rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "%s", rerr.msg);
                goto out;
            }
            proctor_session_answer(s, i, &r);
            proctor_response_release(&r);
        }
        if (whole(cJSON_GetObjectItemCaseSensitive(e, "answered_at"), 9007199254740991.0,
                  &pos) == 0 && pos > 0 && s->resp[i].answered)
            s->answered_at[i] = pos;
        if (whole(cJSON_GetObjectItemCaseSensitive(e, "feedback_at"), 9007199254740991.0,
                  &pos) == 0)
            s->feedback_at[i] = pos;
        i++;
    }
    if ((rc = check_steps(s, path, err)) < 0)
        goto out;
    /* the next step comes after every step the file holds */
    if (whole(cJSON_GetObjectItemCaseSensitive(root, "steps"), 9007199254740991.0, &pos) == 0 &&
        pos > s->steps)
        s->steps = pos;
    if (whole(cJSON_GetObjectItemCaseSensitive(root, "position"), (double)n, &pos) < 0)
        pos = 0;
    s->cur = pos;
    *out = s;
    s = NULL;
    rc = 0;
    goto out;
badperm:
    rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                           "saved session has a bad option order for question %zu", i + 1);
    goto out;
oom:
    rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
out:
    proctor_session_free(s);
    cJSON_Delete(root);
    free(taken);
    free(text);
    return rc;
}
