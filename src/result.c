/* SPDX-License-Identifier: ISC */
/* result.c - building, signing and strictly parsing result payloads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "fnv1a.h"
#include "json-arena.h"
#include "json-strict.h"
#include "proctor/fileio.h"
#include "proctor/result.h"
#include "proctor/sign.h"
#include "response-json.h"
#include "result-internal.h"
#include "rfc3339.h"
#include "signed-file.h"


static int
add_hex(cJSON *obj, const char *key, const unsigned char *bin, size_t len)
{
    char hex[2 * 64 + 1];
    if (len > 64)
        return -1;
    sodium_bin2hex(hex, sizeof hex, bin, len);
    return cJSON_AddStringToObject(obj, key, hex) ? 0 : -1;
}

/* The payload text of s (malloc'd), or NULL on out of memory. */
static char *
build_payload(const struct proctor_session *s, const struct proctor_key *k,
              const char *student_id, const char *taken_kind, const unsigned char digest[32],
              const char *assignment_id, int attempt)
{
    cJSON *root = cJSON_CreateObject(), *taken, *qs, *rs, *journal, *score;
    unsigned char nonce[PROCTOR_NONCE_BYTES];
    char started[32], finished[32], program[PROCTOR_PROGRAM_MAX];
    int64_t earned = 0, max = 0;
    char *text = NULL;
    time_t fin = s->finished ? s->finished : time(NULL);

    /* A clock set back during the run must not make a result verify refuses. */
    if (fin < s->started)
        fin = s->started;
    randombytes_buf(nonce, sizeof nonce);
    rfc3339_format(s->started, started);
    rfc3339_format(fin, finished);
    snprintf(program, sizeof program, "proctor %s", PROCTOR_VERSION);
    proctor_session_score(s, &earned, &max);
    if (!root || !cJSON_AddStringToObject(root, "format", PROCTOR_RESULT_FORMAT) ||
        !cJSON_AddNumberToObject(root, "version", PROCTOR_RESULT_VERSION) ||
        !cJSON_AddStringToObject(root, "student", student_id) ||
        !cJSON_AddStringToObject(root, "keyid", k->keyid) ||
        !(taken = cJSON_AddObjectToObject(root, "taken")) ||
        !cJSON_AddStringToObject(taken, "kind", taken_kind) ||
        (assignment_id && !cJSON_AddStringToObject(taken, "id", assignment_id)) ||
        add_hex(taken, "sha256", digest, 32) < 0 ||
        !cJSON_AddNumberToObject(root, "attempt", attempt) ||
        add_hex(root, "nonce", nonce, sizeof nonce) < 0 ||
        !cJSON_AddStringToObject(root, "started", started) ||
        !cJSON_AddStringToObject(root, "finished", finished) ||
        !cJSON_AddStringToObject(root, "program", program) ||
        !(qs = cJSON_AddArrayToObject(root, "questions")) ||
        !(rs = cJSON_AddObjectToObject(root, "responses")) ||
        !(journal = cJSON_CreateObject()))
        goto out;
    for (size_t i = 0; i < s->n; i++) {
        cJSON *id = cJSON_CreateString(s->q[i]->id), *v, *j;
        if (!id || !cJSON_AddItemToArray(qs, id)) {
            cJSON_Delete(id);
            goto fail;
        }
        if (!s->resp[i].answered)
            continue;
        v = response_to_cjson(s->q[i], &s->resp[i]);
        if (!v || !cJSON_AddItemToObject(rs, s->q[i]->id, v)) {
            cJSON_Delete(v);
            goto fail;
        }
        /* a response whose feedback was never shown has nothing to check: no entry */
        if (s->feedback_at[i] &&
            (!(j = cJSON_AddObjectToObject(journal, s->q[i]->id)) ||
             !cJSON_AddNumberToObject(j, "response", (double)s->answered_at[i]) ||
             !cJSON_AddTrueToObject(j, "feedback_seen") ||
             !cJSON_AddNumberToObject(j, "feedback", (double)s->feedback_at[i])))
            goto fail;
    }
    if (!cJSON_AddItemToObject(root, "journal", journal))
        goto fail;
    journal = NULL;
    if (!(score = cJSON_AddObjectToObject(root, "score")) ||
        !cJSON_AddNumberToObject(score, "earned", (double)earned) ||
        !cJSON_AddNumberToObject(score, "max", (double)max))
        goto out;
    text = cJSON_PrintUnformatted(root);
out:
    cJSON_Delete(root);
    return text;
fail:
    cJSON_Delete(journal);
    goto out;
}

int
proctor_result_make(const struct proctor_session *s, const struct proctor_key *k,
                    const char *student_id, const char *taken_kind,
                    const unsigned char digest[32], const char *assignment_id, int attempt,
                    char **out, size_t *outlen, struct proctor_error *err)
{
    struct proctor_error perr;
    char *payload;
    int rc;

    *out = NULL;
    *outlen = 0;
    if (!student_id && k)
        student_id = k->id;
    if (!s || !k || !k->sk || !taken_kind || !digest || attempt < 1 || attempt > PROCTOR_RESULT_MAX_ATTEMPT)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "cannot sign a result: missing session, secret key or digest");
    if (proctor_key_check_id(student_id, err) < 0)
        return PROCTOR_EUSAGE;
    if (strcmp(taken_kind, PROCTOR_TAKEN_PRACTICE) == 0) {
        if (assignment_id)
            return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                     "a practice result has no assignment id");
    } else if (strcmp(taken_kind, PROCTOR_TAKEN_ASSIGNMENT) == 0) {
        if (!assignment_id || proctor_key_check_id(assignment_id, NULL) < 0)
            return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                     "an assignment result needs a valid assignment id");
    } else {
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "unknown result kind '%s'",
                                 taken_kind);
    }
    payload = build_payload(s, k, student_id, taken_kind, digest, assignment_id, attempt);
    if (!payload)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    /* Never sign what verify would refuse (say, a typed answer that is not UTF-8). */
    if (proctor_json_strict_check(payload, strlen(payload), PROCTOR_JSON_MAX_DEPTH, "result",
                                  &perr) < 0) {
        free(payload);
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "cannot sign a result: its payload would be refused: %s",
                                 perr.msg);
    }
    rc = proctor_dsse_sign(PROCTOR_RESULT_TYPE, payload, strlen(payload), k, out, outlen, err);
    free(payload);
    return rc;
}

int
proctor_result_write(const struct proctor_session *s, const struct proctor_key *k,
                     const char *student_id, const char *taken_kind,
                     const unsigned char digest[32], const char *assignment_id, int attempt,
                     const char *path, struct proctor_error *err)
{
    char *env = NULL;
    size_t len = 0;
    int rc;

    rc = proctor_result_make(s, k, student_id, taken_kind, digest, assignment_id, attempt, &env,
                             &len, err);
    if (rc < 0) {
        if (err && !err->path[0])
            snprintf(err->path, sizeof err->path, "%s", path);
        return rc;
    }
    rc = proctor_file_write(path, env, len, 0644, PROCTOR_WRITE_NOREPLACE, err);
    free(env);
    return rc;
}

/* Parsing */

void
proctor_result_release(struct proctor_result *res)
{
    if (!res)
        return;
    free(res->student);
    free(res->keyid);
    free(res->kind);
    free(res->assignment_id);
    free(res->started);
    free(res->finished);
    free(res->program);
    for (size_t i = 0; i < res->nquestions; i++)
        free(res->questions[i]);
    free(res->questions);
    for (size_t i = 0; i < res->nresponses; i++) {
        free(res->responses[i].qid);
        free(res->responses[i].json);
    }
    free(res->responses);
    memset(res, 0, sizeof *res);
}

/* Whether s (n bytes) is 1 to max bytes, each from 0x20 to 0x7E (ids, the program's name). */
static int
printable_ascii_n(const char *s, size_t n, size_t max)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    size_t i = 0;

    if (n == 0 || n > max)
        return 0;
    /* eight bytes at a time: a byte from 0x80 has its high bit, 0x7F gets it by adding one,
     * one below 0x20 by subtracting 0x20 (carries and borrows only ever follow a bad byte) */
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if ((v | (v + ones) | ((v - 0x20 * ones) & ~v)) & highs)
            return 0;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
            return 0;
    return 1;
}

static int
printable_ascii(const char *s, size_t max)
{
    return printable_ascii_n(s, strlen(s), max);
}

struct pctx {
    const char *path;
    struct proctor_error *err;
    int borrow; /* in an arena scope (proctor_result_parse_tree): strings borrowed from the
                   tree, arrays from the arena, nothing to free */
};

static void *
pmalloc(struct pctx *c, size_t n)
{
    return c->borrow ? json_arena_alloc(n) : malloc(n);
}

static void *
pcalloc(struct pctx *c, size_t n, size_t size)
{
    void *p;
    if (c->borrow) {
        if (size && n > SIZE_MAX / size)
            return NULL;
        if ((p = json_arena_alloc(n * size)))
            memset(p, 0, n * size);
        return p;
    }
    return calloc(n, size);
}

static void
pfree(struct pctx *c, void *p)
{
    if (!c->borrow)
        free(p);
}

static int
bad_field(struct pctx *c, const char *field, const char *want)
{
    return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0, "field '%s': %s", field,
                             want);
}

static inline __attribute__((always_inline)) int
dup_to(char **dst, const char *s, struct pctx *c)
{
    if (c->borrow) { /* verify's case, 50 times a file: no call */
        *dst = (char *)s;
        return 0;
    }
    *dst = strdup(s);
    return *dst ? 0 : proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
}

/*
 * Strings of one payload by hash (open addressing), each with a value: the question ids to
 * find duplicates and to check each response against, the responses for the journal. Sized
 * for n strings when made; no sorting, one string compare per hit.
 */
struct strmap {
    struct strslot {
        const char *key;
        void *val;
        uint64_t hash;
    } *slot;
    size_t mask;
};

static int
strmap_init(struct strmap *M, size_t n, struct pctx *c)
{
    size_t size = 16;

    while (size < 2 * n)
        size *= 2;
    M->mask = size - 1;
    M->slot = pcalloc(c, size, sizeof *M->slot);
    return M->slot ? 0 : -1;
}

/* Whether the string a is the n bytes at b. */
static inline int
same_n(const char *a, const char *b, size_t n)
{
    size_t i = 0;

    while (i < n && a[i] == b[i])
        i++;
    return i == n && a[n] == '\0';
}

/* The slot of key (n bytes, not necessarily NUL-terminated): the one holding it, or the
 * empty one where it would go. */
static struct strslot *
strmap_slot_n(const struct strmap *M, const char *key, size_t n)
{
    uint64_t h = wordhash(key, n);
    size_t i = h & M->mask;

    while (M->slot[i].key && !(M->slot[i].hash == h && same_n(M->slot[i].key, key, n)))
        i = (i + 1) & M->mask;
    M->slot[i].hash = h;
    return &M->slot[i];
}

static struct strslot *
strmap_slot(const struct strmap *M, const char *key)
{
    return strmap_slot_n(M, key, strlen(key));
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/*
 * "journal": at most one entry per response, keyed by question id like "responses":
 * {"response": STEP, "feedback_seen": BOOL, "feedback": STEP (only when seen)}, every step a
 * positive integer and no step used twice. A response without an entry had no feedback
 * shown (proctor writes entries only for those that had). Whether each response came before
 * its feedback is verify's check (it is the journal order, not the form).
 */
static int
parse_journal(const cJSON *journal, struct proctor_result *res, struct pctx *c)
{
    static const char *const entry_keys[] = {"response", "feedback_seen", "feedback", NULL};
    const cJSON *e, *f[3];
    struct strmap byid = {0};
    int64_t *steps;
    size_t nsteps = 0;
    int rc = 0;

    if (!cJSON_IsObject(journal))
        return bad_field(c, "journal", "missing or not an object");
    if ((size_t)cJSON_GetArraySize(journal) > res->nresponses)
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                 "field 'journal': %d entries for %zu responses",
                                 cJSON_GetArraySize(journal), res->nresponses);
    if (!journal->child)
        return 0; /* no feedback was shown */
    steps = pmalloc(c, (2 * res->nresponses + 1) * sizeof *steps);
    if (!steps || strmap_init(&byid, res->nresponses, c) < 0) {
        pfree(c, steps);
        pfree(c, byid.slot);
        return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < res->nresponses; i++) {
        struct strslot *sl = strmap_slot(&byid, res->responses[i].qid);
        sl->key = res->responses[i].qid;
        sl->val = &res->responses[i];
    }
    /* keys unique (strict JSON), each a response's: at most one entry for each response */
    cJSON_ArrayForEach(e, journal) {
        struct proctor_result_response *found = strmap_slot(&byid, e->string)->val, *r;
        const cJSON *seen, *fb;
        if (!found || !cJSON_IsObject(e)) {
            rc = proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                   found ? "field 'journal': the entry for '%s' is not an object"
                                         : "field 'journal': an entry for '%s', which has no "
                                           "response",
                                   e->string);
            break;
        }
        r = found;
        if ((rc = signed_fields(e, entry_keys, f, "journal entry ", c->path, c->err)) < 0)
            break;
        seen = f[1];
        if (!proctor_json_get_int(f[0], &r->response_step) ||
            r->response_step < 1 || !cJSON_IsBool(seen)) {
            rc = proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                   "field 'journal': the entry for '%s' needs a positive "
                                   "'response' step and 'feedback_seen' true or false",
                                   r->qid);
            break;
        }
        r->feedback_seen = cJSON_IsTrue(seen);
        steps[nsteps++] = r->response_step;
        fb = f[2];
        if (r->feedback_seen != (fb != NULL) ||
            (fb && (!proctor_json_get_int(fb, &r->feedback_step) || r->feedback_step < 1))) {
            rc = proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                   "field 'journal': the entry for '%s' has a positive "
                                   "'feedback' step exactly when 'feedback_seen' is true",
                                   r->qid);
            break;
        }
        if (r->feedback_seen)
            steps[nsteps++] = r->feedback_step;
    }
    if (rc == 0 && nsteps > 1) {
        qsort(steps, nsteps, sizeof *steps, cmp_i64);
        for (size_t i = 1; i < nsteps && rc == 0; i++)
            if (steps[i] == steps[i - 1])
                rc = proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                       "field 'journal': step %lld is used twice",
                                       (long long)steps[i]);
    }
    pfree(c, steps);
    pfree(c, byid.slot);
    return rc;
}

static int
parse_fields(const cJSON *root, struct proctor_result *res, int want_text, struct pctx *c)
{
    static const char *const top[] = {"format",    "version",  "student",  "keyid",
                                      "taken",     "attempt",  "nonce",    "started",
                                      "finished",  "program",  "questions", "responses",
                                      "journal",   "score",    NULL};
    enum { FORMAT, VERSION, STUDENT, KEYID, TAKEN, ATTEMPT, NONCE, STARTED, FINISHED, PROGRAM,
           QUESTIONS, RESPONSES, JOURNAL, SCORE, NTOP };
    static const char *const taken_keys[] = {"kind", "id", "sha256", NULL};
    static const char *const score_keys[] = {"earned", "max", NULL};
    const cJSON *f[NTOP], *t[3], *sc[2], *taken, *qs, *rs, *score, *m;
    const char *s, *twice = NULL;
    int64_t v;
    struct strmap ids = {0};
    size_t next;
    int nq;
    int rc;

    if (!cJSON_IsObject(root))
        return proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                 "result payload is not a JSON object");
    if ((rc = signed_fields(root, top, f, "", c->path, c->err)) < 0)
        return rc;
    if (!(s = signed_value_str(f[FORMAT])) || strcmp(s, PROCTOR_RESULT_FORMAT) != 0)
        return bad_field(c, "format", "not \"" PROCTOR_RESULT_FORMAT "\"");
    if (!proctor_json_get_int(f[VERSION], &v) ||
        v != PROCTOR_RESULT_VERSION)
        return bad_field(c, "version", "unsupported (want 1)");
    res->version = (int)v;
    if (!(s = signed_value_str(f[STUDENT])) || proctor_key_check_id(s, NULL) < 0)
        return bad_field(c, "student", "missing or not a valid id");
    if ((rc = dup_to(&res->student, s, c)) < 0)
        return rc;
    if (!(s = signed_value_str(f[KEYID])) || !signed_is_hex(s, PROCTOR_KEYID_LEN))
        return bad_field(c, "keyid", "missing or not 16 lowercase hex digits");
    if ((rc = dup_to(&res->keyid, s, c)) < 0)
        return rc;

    taken = f[TAKEN];
    if (!cJSON_IsObject(taken))
        return bad_field(c, "taken", "missing or not an object");
    if ((rc = signed_fields(taken, taken_keys, t, "taken.", c->path, c->err)) < 0)
        return rc;
    if (!(s = signed_value_str(t[0])) ||
        (strcmp(s, PROCTOR_TAKEN_PRACTICE) != 0 && strcmp(s, PROCTOR_TAKEN_ASSIGNMENT) != 0))
        return bad_field(c, "taken.kind", "not \"practice\" or \"assignment\"");
    if ((rc = dup_to(&res->kind, s, c)) < 0)
        return rc;
    m = t[1];
    if (strcmp(res->kind, PROCTOR_TAKEN_ASSIGNMENT) == 0) {
        if (!cJSON_IsString(m) || proctor_key_check_id(m->valuestring, NULL) < 0)
            return bad_field(c, "taken.id", "missing or not a valid assignment id");
        if ((rc = dup_to(&res->assignment_id, m->valuestring, c)) < 0)
            return rc;
    } else if (m) {
        return bad_field(c, "taken.id", "a practice result has no assignment id");
    }
    if (!(s = signed_value_str(t[2])) || !signed_hex_bin(s, 64, res->digest))
        return bad_field(c, "taken.sha256", "missing or not 64 lowercase hex digits");

    if (!proctor_json_get_int(f[ATTEMPT], &v) || v < 1 ||
        v > PROCTOR_RESULT_MAX_ATTEMPT)
        return bad_field(c, "attempt", "missing or not a positive integer");
    res->attempt = v;
    if (!(s = signed_value_str(f[NONCE])) ||
        !signed_hex_bin(s, 2 * PROCTOR_NONCE_BYTES, res->nonce))
        return bad_field(c, "nonce", "missing or not 32 lowercase hex digits");
    if (!(s = signed_value_str(f[STARTED])) || !rfc3339_check(s))
        return bad_field(c, "started", "missing or not a UTC time like 2024-05-01T10:00:00Z");
    if ((rc = dup_to(&res->started, s, c)) < 0)
        return rc;
    if (!(s = signed_value_str(f[FINISHED])) || !rfc3339_check(s))
        return bad_field(c, "finished", "missing or not a UTC time like 2024-05-01T10:00:00Z");
    if ((rc = dup_to(&res->finished, s, c)) < 0)
        return rc;
    if (!(s = signed_value_str(f[PROGRAM])) || !printable_ascii(s, PROCTOR_PROGRAM_MAX))
        return bad_field(c, "program", "missing or not a short printable string");
    if ((rc = dup_to(&res->program, s, c)) < 0)
        return rc;

    qs = f[QUESTIONS];
    nq = cJSON_IsArray(qs) ? cJSON_GetArraySize(qs) : 0;
    if (nq < 1 || nq > PROCTOR_RESULT_MAX_QUESTIONS)
        return bad_field(c, "questions", "missing, empty or not an array");
    res->questions = pcalloc(c, (size_t)nq, sizeof *res->questions);
    if (!res->questions)
        return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
    cJSON_ArrayForEach(m, qs) {
        if (!cJSON_IsString(m) || !printable_ascii(m->valuestring, 256))
            return bad_field(c, "questions", "every entry must be a question id");
        if ((rc = dup_to(&res->questions[res->nquestions], m->valuestring, c)) < 0)
            return rc;
        res->nquestions++;
    }
    if (strmap_init(&ids, res->nquestions, c) < 0)
        return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
    /* an id given twice: the first in sorted order is named, whatever the order given */
    for (size_t i = 0; i < res->nquestions; i++) {
        struct strslot *sl = strmap_slot(&ids, res->questions[i]);
        if (!sl->key) {
            sl->key = res->questions[i];
            sl->val = (void *)(uintptr_t)(i + 1); /* the place after it */
        } else if (!twice || strcmp(sl->key, twice) < 0)
            twice = sl->key;
    }
    if (twice) {
        rc = proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                               "field 'questions': '%s' appears twice", twice);
        pfree(c, ids.slot);
        return rc;
    }

    rs = f[RESPONSES];
    if (!cJSON_IsObject(rs)) {
        pfree(c, ids.slot);
        return bad_field(c, "responses", "missing or not an object");
    }
    res->responses = pcalloc(c, (size_t)cJSON_GetArraySize(rs) + 1, sizeof *res->responses);
    if (!res->responses) {
        pfree(c, ids.slot);
        return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
    }
    next = 0;
    cJSON_ArrayForEach(m, rs) {
        struct proctor_result_response *r = &res->responses[res->nresponses];
        const char *key = m->string;
        struct strslot *sl;
        /* proctor writes the responses in the questions' order: the next question first,
         * then the table (responses' keys are unique, so a match is this response's) */
        if (next < res->nquestions && strcmp(res->questions[next], key) == 0) {
            next++;
        } else if ((sl = strmap_slot(&ids, key))->key) {
            next = (size_t)(uintptr_t)sl->val; /* just after that question */
        } else {
            rc = proctor_error_set(c->err, PROCTOR_EINVAL, c->path, 0, 0,
                                   "response to '%s', which is not among the questions", key);
            pfree(c, ids.slot);
            return rc;
        }
        r->question = next - 1;
        if ((rc = dup_to(&r->qid, key, c)) < 0) {
            pfree(c, ids.slot);
            return rc;
        }
        res->nresponses++;
        if (want_text && !(r->json = cJSON_PrintUnformatted(m))) {
            pfree(c, ids.slot);
            return proctor_error_set(c->err, PROCTOR_ENOMEM, c->path, 0, 0, "out of memory");
        }
    }
    pfree(c, ids.slot);
    if ((rc = parse_journal(f[JOURNAL], res, c)) < 0)
        return rc;

    score = f[SCORE];
    if (!cJSON_IsObject(score))
        return bad_field(c, "score", "missing or not an object");
    if ((rc = signed_fields(score, score_keys, sc, "score.", c->path, c->err)) < 0)
        return rc;
    if (!proctor_json_get_int(sc[0], &res->earned) ||
        !proctor_json_get_int(sc[1], &res->max) ||
        res->earned < 0 || res->max < 0 || res->earned > res->max)
        return bad_field(c, "score", "want integers 0 <= earned <= max");
    return 0;
}

static int
parse(const void *payload, size_t len, struct proctor_result *res, cJSON **tree,
      struct proctor_error *err)
{
    struct pctx c = {"payload", err, tree != NULL};
    cJSON *root;
    int rc;

    memset(res, 0, sizeof *res);
    if (tree)
        *tree = NULL;
    root = proctor_json_parse_strict(payload, len, c.path, err);
    if (!root)
        return err ? err->code : PROCTOR_EINVAL;
    rc = parse_fields(root, res, tree == NULL, &c);
    if (rc < 0) {
        if (c.borrow)
            memset(res, 0, sizeof *res);
        else
            proctor_result_release(res);
        cJSON_Delete(root);
        return rc;
    }
    if (tree)
        *tree = root;
    else
        cJSON_Delete(root);
    return 0;
}

int
proctor_result_parse(const void *payload, size_t len, struct proctor_result *res,
                     struct proctor_error *err)
{
    return parse(payload, len, res, NULL, err);
}

int
proctor_result_fill(const struct proctor_result *res, struct proctor_session *s,
                    struct proctor_error *err)
{
    for (size_t k = 0; k < res->nresponses; k++)
        for (size_t i = 0; i < s->n; i++) {
            struct proctor_response r;
            int rc;
            if (strcmp(s->q[i]->id, res->responses[k].qid) != 0)
                continue;
            if ((rc = proctor_response_from_json_text(s->q[i], res->responses[k].json, &r, err)) <
                0)
                return rc;
            proctor_session_answer(s, i, &r);
            proctor_response_release(&r);
        }
    return 0;
}

int
proctor_result_load(const char *path, struct proctor_envelope *env, struct proctor_result *res,
                    struct proctor_error *err)
{
    struct proctor_envelope e;
    struct proctor_error perr;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    memset(res, 0, sizeof *res);
    if (env)
        memset(env, 0, sizeof *env);
    if ((rc = proctor_file_read(path, PROCTOR_RESULT_MAX_BYTES, &buf, &len, err)) < 0)
        return rc;
    rc = proctor_dsse_parse(buf, len, path, &e, err);
    free(buf);
    if (rc < 0)
        return rc;
    if (strcmp(e.payload_type, PROCTOR_RESULT_TYPE) != 0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "not a result file (payloadType '%.80s')", e.payload_type);
        goto out;
    }
    proctor_error_clear(&perr);
    if ((rc = proctor_result_parse(e.payload, e.payload_len, res, &perr)) < 0) {
        /* a place in the decoded payload, not in the file */
        if (perr.line > 0)
            proctor_error_set(err, rc, path, 0, 0, "payload %ld:%ld: %s", perr.line, perr.column,
                              perr.msg);
        else
            proctor_error_set(err, rc, path, 0, 0, "payload: %s", perr.msg);
        goto out;
    }
    if (env) {
        *env = e;
        return 0;
    }
out:
    proctor_envelope_release(&e);
    return rc;
}

int
proctor_result_parse_tree(const void *payload, size_t len, struct proctor_result *res,
                          cJSON **tree, struct response_value **values, struct proctor_error *err)
{
    const cJSON *m;
    size_t n = 0;
    int rc;

    *values = NULL;
    if ((rc = parse(payload, len, res, tree, err)) < 0)
        return rc;
    if (!(*values = json_arena_alloc((res->nresponses + 1) * sizeof **values)))
        goto oom;
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(*tree, "responses"))
        if (response_value_of_cjson(m, &(*values)[n++]) < 0)
            goto oom;
    return 0;
oom:
    memset(res, 0, sizeof *res);
    *tree = NULL;
    *values = NULL;
    return proctor_error_set(err, PROCTOR_ENOMEM, "payload", 0, 0, "out of memory");
}

/*
 * The one-pass reader: the payload read straight into res (no tree), under the same rules
 * as parse_fields above, for verify. It only says yes or no: its refusals are handed to the
 * tree reader for the message (result_read), so a refusal reads the same either way, and
 * test-result-read and fuzz-result-read hold its every yes to the tree reader's (the same
 * fields). Strings and arrays from the open json arena scope; each response's value read as
 * a response_value (response_value_pull), which the one response reader
 * (response_from_value_borrowed: each type's from_value) reads as it reads the runner's.
 */
struct onepass {
    struct json_scan sc;
    struct proctor_result *res;
    struct response_value *values; /* of res->responses[i] */
    struct strmap ids;      /* question id -> its place + 1 */
    uint16_t *qlen;         /* the ids' lengths (at most 256) */
    uint64_t *qhash;        /* the ids' hashes (wordhash, as o->ids holds them) */
    uint32_t *answered;     /* by question: its response's place + 1, or 0 */
    unsigned char *journaled; /* by response: whether the journal has its entry */
    int64_t *steps;
    size_t nsteps;
};

#define REFUSE PROCTOR_EINVAL

/* The place in names (n of them) of the n bytes at s, trying hint first; -1 when none. */
static int
name_at(const char *const *names, int count, int hint, const char *s, size_t n)
{
    if (hint >= count)
        hint = 0;
    for (int k = 0, i = hint; k < count; k++, i = i + 1 == count ? 0 : i + 1)
        if (same_n(names[i], s, n))
            return i;
    return -1;
}

/* The next member's key of the object being walked (after '{' or a ','), as one of names:
 * its place, with *bits marking it seen (a second time is a duplicate key: refused). 1 when
 * the object ends instead, REFUSE otherwise. */
static int
next_member(struct json_scan *sc, const char *const *names, int count, int *which,
            unsigned *bits, int first)
{
    const char *k;
    size_t n;
    int i;

    if (first ? json_pull_char(sc, '}') : !json_pull_char(sc, ',')) {
        if (first || json_pull_char(sc, '}'))
            return 1;
        return REFUSE;
    }
    if (json_pull_key(sc, &k, &n) < 0 || (i = name_at(names, count, *which + 1, k, n)) < 0 ||
        (*bits & (1u << i)))
        return REFUSE;
    *bits |= 1u << i;
    *which = i;
    return 0;
}

/* The place of the question id (n bytes at s, not NUL-terminated) among the questions, or
 * -1; next is where the last one was found plus one (proctor writes them in order). */
static long
question_at(const struct onepass *o, size_t next, const char *s, size_t n)
{
    const struct proctor_result *res = o->res;
    const struct strslot *sl;

    if (next < res->nquestions && same_n(res->questions[next], s, n))
        return (long)next;
    sl = strmap_slot_n(&o->ids, s, n);
    return sl->key ? (long)(uintptr_t)sl->val - 1 : -1;
}

static int
read_taken(struct onepass *o)
{
    static const char *const names[] = {"kind", "id", "sha256"};
    struct json_scan *sc = &o->sc;
    struct proctor_result *res = o->res;
    unsigned bits = 0;
    int which = -1, rc;
    char *s, *id = NULL;
    size_t n;

    if (!json_pull_char(sc, '{'))
        return REFUSE;
    for (int first = 1; (rc = next_member(sc, names, 3, &which, &bits, first)) == 0; first = 0) {
        if (json_pull_str(sc, &s, &n) < 0)
            return REFUSE;
        if (which == 0) {
            if (strcmp(s, PROCTOR_TAKEN_PRACTICE) != 0 && strcmp(s, PROCTOR_TAKEN_ASSIGNMENT) != 0)
                return REFUSE;
            res->kind = s;
        } else if (which == 1) {
            id = s;
        } else if (!signed_hex_bin(s, 64, res->digest)) {
            return REFUSE;
        }
    }
    if (rc < 0 || !(bits & 1) || !(bits & 4))
        return REFUSE;
    if (strcmp(res->kind, PROCTOR_TAKEN_ASSIGNMENT) == 0) {
        if (!id || proctor_key_check_id(id, NULL) < 0)
            return REFUSE;
        res->assignment_id = id;
    } else if (id) {
        return REFUSE;
    }
    return 0;
}

static int
read_questions(struct onepass *o)
{
    struct json_scan *sc = &o->sc;
    struct proctor_result *res = o->res;
    size_t cap = 64, n;
    char *s;

    if (!json_pull_char(sc, '[') || json_pull_char(sc, ']'))
        return REFUSE; /* empty: refused */
    if (!(res->questions = json_arena_take(cap * sizeof *res->questions)) ||
        !(o->qlen = json_arena_take(cap * sizeof *o->qlen)))
        return PROCTOR_ENOMEM;
    do {
        if (res->nquestions == PROCTOR_RESULT_MAX_QUESTIONS || json_pull_str(sc, &s, &n) < 0 ||
            !printable_ascii_n(s, n, 256))
            return REFUSE;
        if (res->nquestions == cap) {
            char **more = json_arena_take(2 * cap * sizeof *more);
            uint16_t *lens = json_arena_take(2 * cap * sizeof *lens);
            if (!more || !lens)
                return PROCTOR_ENOMEM;
            memcpy(more, res->questions, cap * sizeof *more);
            memcpy(lens, o->qlen, cap * sizeof *lens);
            res->questions = more;
            o->qlen = lens;
            cap *= 2;
        }
        o->qlen[res->nquestions] = (uint16_t)n;
        res->questions[res->nquestions++] = s;
    } while (json_pull_char(sc, ','));
    if (!json_pull_char(sc, ']'))
        return REFUSE;
    /* each id once */
    if (strmap_init(&o->ids, res->nquestions, &(struct pctx){"payload", NULL, 1}) < 0 ||
        !(o->answered = json_arena_take(res->nquestions * sizeof *o->answered)) ||
        !(o->qhash = json_arena_take(res->nquestions * sizeof *o->qhash)))
        return PROCTOR_ENOMEM;
    memset(o->answered, 0, res->nquestions * sizeof *o->answered);
    for (size_t i = 0; i < res->nquestions; i++) {
        struct strslot *sl = strmap_slot_n(&o->ids, res->questions[i], o->qlen[i]);
        if (sl->key)
            return REFUSE;
        sl->key = res->questions[i];
        sl->val = (void *)(uintptr_t)(i + 1);
        o->qhash[i] = sl->hash;
    }
    return 0;
}

/* "responses" at sc (the questions read already). */
static int
read_responses(struct onepass *o, struct json_scan *sc)
{
    struct proctor_result *res = o->res;
    size_t next = 0, n;
    const char *k;

    res->responses = json_arena_take((res->nquestions + 1) * sizeof *res->responses);
    o->values = json_arena_take((res->nquestions + 1) * sizeof *o->values);
    if (!res->responses || !o->values)
        return PROCTOR_ENOMEM;
    if (!json_pull_char(sc, '{'))
        return REFUSE;
    if (json_pull_char(sc, '}'))
        return 0;
    do {
        struct proctor_result_response *r = &res->responses[res->nresponses];
        long q;
        int rc;
        if (json_pull_key(sc, &k, &n) < 0 || (q = question_at(o, next, k, n)) < 0 ||
            o->answered[q]) /* not a question's, or a duplicate key */
            return REFUSE;
        if ((rc = response_value_pull(sc, 2, &o->values[res->nresponses])) < 0)
            return rc == PROCTOR_ENOMEM ? rc : REFUSE;
        memset(r, 0, sizeof *r);
        r->qid = res->questions[q];
        r->question = (size_t)q;
        res->nresponses++;
        o->answered[q] = (uint32_t)res->nresponses;
        next = (size_t)q + 1;
    } while (json_pull_char(sc, ','));
    return json_pull_char(sc, '}') ? 0 : REFUSE;
}

/* One journal entry's object, for response r. */
static int
read_entry(struct onepass *o, struct json_scan *sc, struct proctor_result_response *r)
{
    static const char *const names[] = {"response", "feedback_seen", "feedback"};
    unsigned bits = 0;
    int which = -1, rc, seen = 0;

    if (!json_pull_char(sc, '{'))
        return REFUSE;
    for (int first = 1; (rc = next_member(sc, names, 3, &which, &bits, first)) == 0; first = 0)
        if ((which == 0 && json_pull_int(sc, &r->response_step) < 0) ||
            (which == 1 && json_pull_bool(sc, &seen) < 0) ||
            (which == 2 && json_pull_int(sc, &r->feedback_step) < 0))
            return REFUSE;
    if (rc < 0 || !(bits & 1) || !(bits & 2) || r->response_step < 1 || seen != !!(bits & 4) ||
        (seen && r->feedback_step < 1))
        return REFUSE;
    r->feedback_seen = seen;
    o->steps[o->nsteps++] = r->response_step;
    if (seen)
        o->steps[o->nsteps++] = r->feedback_step;
    return 0;
}

/* "journal" at sc (the responses read already). */
static int
read_journal(struct onepass *o, struct json_scan *sc)
{
    struct proctor_result *res = o->res;
    size_t n;
    const char *k;

    if (!json_pull_char(sc, '{'))
        return REFUSE;
    if (json_pull_char(sc, '}'))
        return 0;
    o->steps = json_arena_take((2 * res->nresponses + 1) * sizeof *o->steps);
    o->journaled = json_arena_take(res->nresponses + 1);
    if (!o->steps || !o->journaled)
        return PROCTOR_ENOMEM;
    memset(o->journaled, 0, res->nresponses + 1);
    do {
        long q;
        size_t r;
        /* a response's, once (a second entry would be a duplicate key) */
        if (json_pull_key(sc, &k, &n) < 0 || (q = question_at(o, 0, k, n)) < 0 ||
            !o->answered[q] || o->journaled[r = o->answered[q] - 1])
            return REFUSE;
        o->journaled[r] = 1;
        if (read_entry(o, sc, &res->responses[r]) < 0)
            return REFUSE;
    } while (json_pull_char(sc, ','));
    if (!json_pull_char(sc, '}'))
        return REFUSE;
    if (o->nsteps > 1) {
        qsort(o->steps, o->nsteps, sizeof *o->steps, cmp_i64);
        for (size_t i = 1; i < o->nsteps; i++)
            if (o->steps[i] == o->steps[i - 1])
                return REFUSE;
    }
    return 0;
}

static int
read_score(struct onepass *o)
{
    static const char *const names[] = {"earned", "max"};
    struct json_scan *sc = &o->sc;
    unsigned bits = 0;
    int which = -1, rc;

    if (!json_pull_char(sc, '{'))
        return REFUSE;
    for (int first = 1; (rc = next_member(sc, names, 2, &which, &bits, first)) == 0; first = 0)
        if (json_pull_int(sc, which ? &o->res->max : &o->res->earned) < 0)
            return REFUSE;
    if (rc < 0 || bits != 3 || o->res->earned < 0 || o->res->earned > o->res->max)
        return REFUSE;
    return 0;
}

/* A string member's value, checked by ok (which sees it and its length). */
static int
read_str(struct json_scan *sc, char **dst, size_t want, int (*ok)(const char *, size_t))
{
    size_t n;

    return json_pull_str(sc, dst, &n) == 0 && (!want || n == want) && ok(*dst, n) ? 0 : REFUSE;
}

static int
ok_format(const char *s, size_t n)
{
    return n == sizeof PROCTOR_RESULT_FORMAT - 1 && memcmp(s, PROCTOR_RESULT_FORMAT, n) == 0;
}

static int
ok_id(const char *s, size_t n)
{
    (void)n;
    return proctor_key_check_id(s, NULL) == 0;
}

static int
ok_hex(const char *s, size_t n)
{
    return signed_is_hex(s, n);
}

static int
ok_time(const char *s, size_t n)
{
    (void)n;
    return rfc3339_check(s);
}

static int
ok_program(const char *s, size_t n)
{
    return n <= PROCTOR_PROGRAM_MAX && printable_ascii(s, PROCTOR_PROGRAM_MAX);
}

_Static_assert(PROCTOR_JSON_MAX_DEPTH >= 3, "the one-pass reader walks three levels itself");

int
result_onepass(const void *payload, size_t len, struct proctor_result *res,
               struct response_value **values, uint64_t **qhash, struct proctor_error *err)
{
    static const char *const top[] = {"format",    "version",   "student",  "keyid",
                                      "taken",     "attempt",   "nonce",    "started",
                                      "finished",  "program",   "questions", "responses",
                                      "journal",   "score"};
    enum { FORMAT, VERSION, STUDENT, KEYID, TAKEN, ATTEMPT, NONCE, STARTED, FINISHED, PROGRAM,
           QUESTIONS, RESPONSES, JOURNAL, SCORE, NTOP };
    struct onepass o;
    struct json_scan *sc = &o.sc, later;
    const unsigned char *responses_at = NULL, *journal_at = NULL;
    unsigned bits = 0;
    int which = -1, rc = REFUSE;
    int64_t v;
    char *s;

    memset(res, 0, sizeof *res);
    memset(&o, 0, sizeof o);
    o.res = res;
    *values = NULL;
    if (qhash)
        *qhash = NULL;
    if (json_pull_begin(sc, payload, len, PROCTOR_JSON_MAX_DEPTH, "payload", err) < 0 ||
        !json_pull_char(sc, '{'))
        goto refuse;
    for (int first = 1; (rc = next_member(sc, top, NTOP, &which, &bits, first)) == 0; first = 0) {
        switch (which) {
        case FORMAT:
            rc = read_str(sc, &s, 0, ok_format);
            break;
        case VERSION:
            rc = json_pull_int(sc, &v) == 0 && v == PROCTOR_RESULT_VERSION ? 0 : REFUSE;
            res->version = PROCTOR_RESULT_VERSION;
            break;
        case STUDENT:
            rc = read_str(sc, &res->student, 0, ok_id);
            break;
        case KEYID:
            rc = read_str(sc, &res->keyid, PROCTOR_KEYID_LEN, ok_hex);
            break;
        case TAKEN:
            rc = read_taken(&o);
            break;
        case ATTEMPT:
            rc = json_pull_int(sc, &res->attempt) == 0 && res->attempt >= 1 &&
                         res->attempt <= PROCTOR_RESULT_MAX_ATTEMPT
                     ? 0
                     : REFUSE;
            break;
        case NONCE:
            rc = json_pull_str(sc, &s, &(size_t){0}) == 0 &&
                         signed_hex_bin(s, 2 * PROCTOR_NONCE_BYTES, res->nonce)
                     ? 0
                     : REFUSE;
            break;
        case STARTED:
            rc = read_str(sc, &res->started, 0, ok_time);
            break;
        case FINISHED:
            rc = read_str(sc, &res->finished, 0, ok_time);
            break;
        case PROGRAM:
            rc = read_str(sc, &res->program, 0, ok_program);
            break;
        case QUESTIONS:
            rc = read_questions(&o);
            break;
        case RESPONSES:
            /* read once the questions are known: later, when they come after */
            if (bits & (1u << QUESTIONS)) {
                rc = read_responses(&o, sc);
            } else {
                json_skip_ws(sc);
                responses_at = sc->p;
                rc = json_pull_value(sc, 1, NULL);
            }
            break;
        case JOURNAL:
            if ((bits & (1u << RESPONSES)) && !responses_at) {
                rc = read_journal(&o, sc);
            } else {
                json_skip_ws(sc);
                journal_at = sc->p;
                rc = json_pull_value(sc, 1, NULL);
            }
            break;
        case SCORE:
            rc = read_score(&o);
            break;
        default:
            rc = REFUSE;
        }
        if (rc < 0)
            goto refuse;
    }
    if (rc < 0 || json_pull_end(sc) < 0 || bits != (1u << NTOP) - 1)
        goto refuse;
    /* a member that came before what it needs, read now from where it began (its JSON
     * checked already) */
    later = *sc;
    if (responses_at && (later.p = responses_at, rc = read_responses(&o, &later)) < 0)
        goto refuse;
    if (journal_at && (later.p = journal_at, rc = read_journal(&o, &later)) < 0)
        goto refuse;
    *values = o.values;
    if (qhash)
        *qhash = o.qhash;
    return 0;
refuse:
    memset(res, 0, sizeof *res);
    return rc == PROCTOR_ENOMEM ? rc : REFUSE;
}

int
result_read(const void *payload, size_t len, struct proctor_result *res, struct response_value **values,
            uint64_t **qhash, struct proctor_error *err)
{
    cJSON *tree;

    if (result_onepass(payload, len, res, values, qhash, NULL) == 0)
        return 0;
    if (qhash)
        *qhash = NULL;
    /* refused (or out of memory): the tree reader's verdict and message */
    return proctor_result_parse_tree(payload, len, res, &tree, values, err);
}
