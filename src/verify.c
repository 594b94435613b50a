/* SPDX-License-Identifier: ISC */
/* verify.c - the verdict on a result file: envelope, signer, what was taken, re-grade. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/sign.h"
#include "proctor/verify.h"
#include "response-json.h"
#include "result-internal.h"
#include "rfc3339.h"

/*
 * Open-addressing sets of nonces and response hashes (16 bytes each; random or SHA-256
 * output), with the file that brought each: 32 bytes a slot. Buckets come from a keyed
 * SipHash so crafted nonces can't pile into one chain.
 */
struct seen {
    unsigned char key[16];
    uint64_t student; /* first bytes of BLAKE2b(student id), for copy detection */
    uint32_t index1;  /* input position + 1; 0 marks an empty slot */
};

struct seen_set {
    struct seen *slots;
    size_t cap, n;
};

struct proctor_verifier {
    const struct proctor_roster *roster;
    const struct proctor_bank *bank;
    const struct proctor_assignment *a; /* assignment results, when set */
    const struct proctor_bank *key;     /* a's questions with answers */
    const struct proctor_marks *marks;  /* essay marks, may be NULL */
    struct seen_set nonces, copies;
    unsigned char hkey[crypto_shorthash_KEYBYTES];
    unsigned char empty_hash[32]; /* responses hash of a result with no responses */
};

int
proctor_verifier_new(const struct proctor_roster *roster, const struct proctor_bank *bank,
                     struct proctor_verifier **out, struct proctor_error *err)
{
    struct proctor_verifier *v;

    *out = NULL;
    if (!roster)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "verifying needs a roster");
    v = calloc(1, sizeof *v);
    if (!v)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    v->roster = roster;
    v->bank = bank;
    randombytes_buf(v->hkey, sizeof v->hkey);
    {
        crypto_generichash_state st;
        crypto_generichash_init(&st, NULL, 0, sizeof v->empty_hash);
        crypto_generichash_final(&st, v->empty_hash, sizeof v->empty_hash);
    }
    *out = v;
    return 0;
}

void
proctor_verifier_free(struct proctor_verifier *v)
{
    if (!v)
        return;
    free(v->nonces.slots);
    free(v->copies.slots);
    free(v);
}

int
proctor_verifier_set_assignment(struct proctor_verifier *v, const struct proctor_assignment *a,
                                const struct proctor_bank *key,
                                const struct proctor_marks *marks, struct proctor_error *err)
{
    for (size_t i = 0; i < a->nq; i++) {
        const struct proctor_question *q = proctor_bank_find(key, a->qids[i]);
        if (!q || q->sealed)
            return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                     "the answer key lacks question '%s' of the assignment",
                                     a->qids[i]);
    }
    v->a = a;
    v->key = key;
    v->marks = marks;
    return 0;
}

static int
invalid(struct proctor_verdict *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
invalid(struct proctor_verdict *out, const char *fmt, ...)
{
    va_list ap;

    out->valid = 0;
    va_start(ap, fmt);
    vsnprintf(out->reason, sizeof out->reason, fmt, ap);
    va_end(ap);
    return PROCTOR_EVERIFY;
}

/* "path:line:col: msg" of a parse error, without the path when it is the file itself */
static int
invalid_err(struct proctor_verdict *out, const char *what, const struct proctor_error *e)
{
    if (e->line > 0)
        return invalid(out, "%s: %s%ld:%ld: %s", what,
                       strcmp(e->path, "payload") == 0 ? "payload " : "", e->line, e->column,
                       e->msg);
    return invalid(out, "%s: %s", what, e->msg);
}

static int
cmp_resp(const void *a, const void *b)
{
    const cJSON *const *x = a, *const *y = b;
    return strcmp((*x)->string, (*y)->string);
}

/*
 * Re-grades every response and hashes them in a canonical form (sorted by question id, each
 * response re-serialised from its parsed value) so that reordering or re-spacing a copied
 * submission does not hide it.
 */
static void
hash_str(crypto_generichash_state *st, const char *s)
{
    crypto_generichash_update(st, (const unsigned char *)s, strlen(s) + 1);
}

/*
 * Feeds one response to the fingerprint that finds the same answers under two names: the
 * question id, then the parsed response (ids in the order given, text, truth), each string
 * NUL-terminated, so two responses hash alike exactly when they are the same answer.
 */
static void
hash_response(crypto_generichash_state *st, const struct proctor_question *q,
              const struct proctor_response *r)
{
    unsigned char truth = (unsigned char)(r->truth != 0);
    hash_str(st, q->id);
    for (size_t k = 0; k < r->nids; k++) {
        hash_str(st, r->ids[k]);
        if (r->ids2)
            hash_str(st, r->ids2[k]);
    }
    if (r->text)
        hash_str(st, r->text);
    if (q->type == PROCTOR_TRUEFALSE)
        crypto_generichash_update(st, &truth, 1);
    crypto_generichash_update(st, (const unsigned char *)"\n", 1); /* end of this response */
}

static int
regrade(const struct proctor_bank *bank, int sealed, const struct proctor_result *res,
        const cJSON *tree, struct proctor_verdict *out)
{
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(tree, "responses"), *m;
    const cJSON **sorted = NULL;
    size_t n = 0;
    int64_t earned = 0, max = 0;
    crypto_generichash_state st;
    int rc = 0;

    for (size_t i = 0; i < res->nquestions; i++) {
        const struct proctor_question *q = proctor_bank_find(bank, res->questions[i]);
        if (!q)
            return invalid(out, "question '%s' is not in the %s", res->questions[i],
                           strcmp(res->kind, PROCTOR_TAKEN_ASSIGNMENT) == 0 ? "assignment"
                                                                             : "bank");
        max += proctor_grade_max(q);
    }
    sorted = malloc((res->nresponses + 1) * sizeof *sorted);
    if (!sorted)
        return invalid(out, "out of memory");
    cJSON_ArrayForEach(m, rs) sorted[n++] = m;
    qsort(sorted, n, sizeof *sorted, cmp_resp);
    crypto_generichash_init(&st, NULL, 0, sizeof out->responses_hash);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_question *q = proctor_bank_find(bank, sorted[i]->string);
        struct proctor_response r;
        struct proctor_error e;

        if (response_from_cjson(q, sorted[i], &r, &e) < 0) {
            rc = invalid(out, "%s", e.msg);
            goto out;
        }
        earned += proctor_grade(q, &r);
        hash_response(&st, q, &r);
        proctor_response_release(&r);
    }
    crypto_generichash_final(&st, out->responses_hash, sizeof out->responses_hash);
    out->earned = earned;
    out->max = max;
    if (sealed && (res->earned != 0 || res->max != 0)) {
        char a[32], b[32];
        rc = invalid(out, "claims a score of %s/%s, which a sealed assignment's program cannot "
                          "know",
                     proctor_format_points(res->earned, a, sizeof a),
                     proctor_format_points(res->max, b, sizeof b));
    } else if (!sealed && (earned != res->earned || max != res->max)) {
        char a[32], b[32], c[32], d[32];
        rc = invalid(out, "claimed score %s/%s but the responses earn %s/%s",
                     proctor_format_points(res->earned, a, sizeof a),
                     proctor_format_points(res->max, b, sizeof b),
                     proctor_format_points(earned, c, sizeof c),
                     proctor_format_points(max, d, sizeof d));
    }
out:
    free(sorted);
    return rc;
}

static void
warn(struct proctor_verdict *out, const char *what)
{
    size_t n = strlen(out->warnings);
    snprintf(out->warnings + n, sizeof out->warnings - n, "%s%s", n ? "; " : "", what);
}

/* Essay points from the teacher's marks, and which essays are still unmarked. */
static void
essays(const struct proctor_verifier *v, const struct proctor_result *res,
       struct proctor_verdict *out)
{
    char unmarked[160] = "";

    for (size_t i = 0; i < v->a->nq; i++) {
        const struct proctor_question *q = proctor_bank_find(v->key, v->a->qids[i]);
        const struct proctor_mark *m;
        int answered = 0;
        if (q->type != PROCTOR_ESSAY)
            continue;
        out->essay_max += q->points;
        for (size_t k = 0; k < res->nresponses && !answered; k++)
            answered = strcmp(res->responses[k].qid, q->id) == 0;
        if (!answered)
            continue;
        m = proctor_marks_find(v->marks, res->student, res->attempt, res->nonce, q->id);
        if (m) {
            out->essay_earned += m->points;
        } else {
            size_t n = strlen(unmarked);
            out->unmarked++;
            snprintf(unmarked + n, sizeof unmarked - n, "%s%s", n ? ", " : "", q->id);
        }
    }
    if (out->unmarked) {
        char w[200];
        snprintf(w, sizeof w, "unmarked essay%s %s", out->unmarked == 1 ? "" : "s", unmarked);
        warn(out, w);
    }
}

/* An assignment result: what was taken, the re-grade, and the warnings. */
static int
check_assignment(const struct proctor_verifier *v, const struct proctor_result *res,
                 const cJSON *tree, struct proctor_verdict *out)
{
    const struct proctor_assignment *a = v->a;
    time_t started, finished, due;
    int rc;

    if (!a)
        return invalid(out, "result is for assignment '%s'; give that assignment to check it",
                       res->assignment_id);
    if (sodium_memcmp(res->digest, a->digest, 32) != 0)
        return invalid(out, "result is for another assignment ('%s'; the digest differs from "
                            "'%s''s)",
                       res->assignment_id, a->id);
    if (strcmp(res->assignment_id, a->id) != 0)
        return invalid(out, "result names assignment '%s', not '%s'", res->assignment_id, a->id);
    if (res->nquestions != a->nq)
        return invalid(out, "result lists %zu questions; the assignment has %zu",
                       res->nquestions, a->nq);
    if ((rc = regrade(v->key, a->sealed, res, tree, out)) < 0)
        return rc;
    essays(v, res, out);
    if (rfc3339_parse(res->started, &started) == 0 &&
        rfc3339_parse(res->finished, &finished) == 0) {
        if (a->due[0] && rfc3339_parse(a->due, &due) == 0 && finished > due) {
            out->late = 1;
            warn(out, "late");
        }
        if (a->time_limit && finished - started > a->time_limit * 60 + PROCTOR_TIME_GRACE) {
            char w[64];
            out->overtime = 1;
            snprintf(w, sizeof w, "over the time limit (%lld min)",
                     (long long)((finished - started + 59) / 60));
            warn(out, w);
        }
    }
    return 0;
}

/*
 * An answer is final once its feedback has been shown: in the journal order no response may
 * come after its own feedback (a student who saw the right answer and then changed theirs).
 */
static int
journal_order(const struct proctor_result *res, struct proctor_verdict *out)
{
    for (size_t i = 0; i < res->nresponses; i++) {
        const struct proctor_result_response *r = &res->responses[i];
        if (r->feedback_seen && r->response_step > r->feedback_step)
            return invalid(out, "the response to '%s' was given after its feedback was shown "
                                "(step %lld after step %lld): an answer changed once the "
                                "right answer was known",
                           r->qid, (long long)r->response_step, (long long)r->feedback_step);
    }
    return 0;
}

int
proctor_verify_buffer(const struct proctor_verifier *v, const char *path, const char *buf,
                      size_t len, struct proctor_verdict *out)
{
    struct proctor_envelope env;
    struct proctor_result res;
    struct proctor_error e;
    const struct proctor_key *k;
    cJSON *tree = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&res, 0, sizeof res);
    proctor_error_clear(&e);
    if (proctor_dsse_parse(buf, len, path, &env, &e) < 0)
        return invalid_err(out, "malformed envelope", &e);
    if (strcmp(env.payload_type, PROCTOR_RESULT_TYPE) != 0) {
        rc = invalid(out, "not a result (payloadType '%.64s')", env.payload_type);
        goto out;
    }
    /* Check the signature before reading anything the payload says. */
    k = proctor_roster_find_keyid(v->roster, env.keyid);
    if (!k) {
        rc = invalid(out, "signing key '%.32s' is not in the roster", env.keyid);
        goto out;
    }
    if (proctor_dsse_verify(&env, k->pk, &e) < 0) {
        rc = invalid(out, "bad signature (not made by %s's key, or the file was altered)",
                     k->id);
        goto out;
    }
    if (proctor_result_parse_tree(env.payload, env.payload_len, &res, &tree, &e) < 0) {
        rc = invalid_err(out, "malformed result", &e);
        goto out;
    }
    snprintf(out->student, sizeof out->student, "%s", res.student);
    snprintf(out->kind, sizeof out->kind, "%s", res.kind);
    snprintf(out->taken_id, sizeof out->taken_id, "%s", res.assignment_id ? res.assignment_id : "");
    snprintf(out->finished, sizeof out->finished, "%s", res.finished);
    snprintf(out->started, sizeof out->started, "%s", res.started);
    out->attempt = res.attempt;
    out->earned = res.earned;
    out->max = res.max;
    memcpy(out->nonce, res.nonce, sizeof out->nonce);
    if (strcmp(res.keyid, env.keyid) != 0) {
        rc = invalid(out, "payload key id '%s' differs from the envelope's '%s'", res.keyid,
                     env.keyid);
        goto out;
    }
    if (strcmp(res.student, k->id) != 0) {
        rc = invalid(out, "claims to be from student '%s' but is signed by '%s'", res.student,
                     k->id);
        goto out;
    }
    snprintf(out->name, sizeof out->name, "%s", k->name);
    if ((rc = journal_order(&res, out)) < 0)
        goto out;
    if (strcmp(res.kind, PROCTOR_TAKEN_ASSIGNMENT) == 0) {
        if ((rc = check_assignment(v, &res, tree, out)) < 0)
            goto out;
    } else if (!v->bank) {
        rc = invalid(out, "result is for a practice run; give the question bank to check it");
        goto out;
    } else if (sodium_memcmp(res.digest, v->bank->digest, 32) != 0) {
        rc = invalid(out, "result is for a different question bank (digest differs)");
        goto out;
    } else if ((rc = regrade(v->bank, 0, &res, tree, out)) < 0) {
        goto out;
    }
    out->have_hashes = 1;
    out->valid = 1;
    rc = 0;
out:
    cJSON_Delete(tree);
    proctor_result_release(&res);
    proctor_envelope_release(&env);
    return rc;
}

int
proctor_verify_file(const struct proctor_verifier *v, const char *path,
                    struct proctor_verdict *out)
{
    char *buf = NULL;
    size_t len = 0;
    struct proctor_error e;
    int rc;

    proctor_error_clear(&e);
    /* proctor_file_read opens without blocking and refuses FIFOs and devices */
    if (proctor_file_read(path, PROCTOR_RESULT_MAX_BYTES, &buf, &len, &e) < 0) {
        memset(out, 0, sizeof *out);
        return invalid(out, "%s", e.msg);
    }
    rc = proctor_verify_buffer(v, path, buf, len, out);
    free(buf);
    return rc;
}

static size_t
bucket(const unsigned char key[crypto_shorthash_KEYBYTES], const unsigned char k[16], size_t mask)
{
    unsigned char h[crypto_shorthash_BYTES];
    uint64_t x;

    crypto_shorthash(h, k, 16, key);
    memcpy(&x, h, sizeof x);
    return (size_t)x & mask;
}

/* Looks k up in set, inserting it with index and student when absent; returns the entry
 * found (NULL when inserted). *oom is set when the set could not grow. */
static struct seen *
seen_put(struct seen_set *set, const unsigned char hkey[crypto_shorthash_KEYBYTES],
         const unsigned char k[16], uint64_t student, size_t index, int *oom)
{
    size_t mask, h;

    if ((set->n + 1) * 4 > set->cap * 3) {
        size_t nc = set->cap ? set->cap * 2 : 1024;
        struct seen *ns = calloc(nc, sizeof *ns);
        if (!ns) {
            *oom = 1;
            return NULL;
        }
        for (size_t i = 0; i < set->cap; i++) {
            if (!set->slots[i].index1)
                continue;
            for (h = bucket(hkey, set->slots[i].key, nc - 1); ns[h].index1; h = (h + 1) & (nc - 1))
                ;
            ns[h] = set->slots[i];
        }
        free(set->slots);
        set->slots = ns;
        set->cap = nc;
    }
    mask = set->cap - 1;
    for (h = bucket(hkey, k, mask); set->slots[h].index1; h = (h + 1) & mask)
        if (memcmp(set->slots[h].key, k, 16) == 0)
            return &set->slots[h];
    memcpy(set->slots[h].key, k, 16);
    set->slots[h].student = student;
    set->slots[h].index1 = (uint32_t)(index + 1);
    set->n++;
    return NULL;
}

int
proctor_verifier_note(struct proctor_verifier *v, size_t index, struct proctor_verdict *verdict)
{
    unsigned char sh[crypto_generichash_BYTES];
    uint64_t student;
    struct seen *prev;
    int oom = 0;

    if (!verdict->have_hashes)
        return verdict->valid ? 0 : PROCTOR_EVERIFY;
    crypto_generichash(sh, sizeof sh, (const unsigned char *)verdict->student,
                       strlen(verdict->student), NULL, 0);
    memcpy(&student, sh, sizeof student);
    prev = seen_put(&v->nonces, v->hkey, verdict->nonce, student, index, &oom);
    if (oom)
        return PROCTOR_ENOMEM;
    if (prev && verdict->valid)
        return invalid(verdict, "nonce already seen in result #%lu: a replayed or copied file",
                       (unsigned long)prev->index1);
    /* Identical full marks, or identical empty submissions, prove nothing; any other
     * identical responses under two ids are a copy. */
    if ((verdict->max > 0 && verdict->earned == verdict->max) ||
        memcmp(verdict->responses_hash, v->empty_hash, 32) == 0)
        return verdict->valid ? 0 : PROCTOR_EVERIFY;
    prev = seen_put(&v->copies, v->hkey, verdict->responses_hash, student, index, &oom);
    if (oom)
        return PROCTOR_ENOMEM;
    if (prev && verdict->valid && prev->student != student)
        return invalid(verdict, "same responses as result #%lu, from another student",
                       (unsigned long)prev->index1);
    return verdict->valid ? 0 : PROCTOR_EVERIFY;
}
