/* SPDX-License-Identifier: ISC */
/* verify.c - the verdict on a result file: envelope, signer, what was taken, re-grade. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/sign.h"
#include "proctor/verify.h"
#include "fnv1a.h"
#include "grade-prep.h"
#include "json-arena.h"
#include "response-json.h"
#include "qtype.h"
#include "result-internal.h"
#include "rfc3339.h"
#include "sign-internal.h"

/*
 * A bank's questions by id, built once when the verifier is made: an open-addressing table
 * of the ids' hashes (wordhash: a lookup hashes the id a word at a time and compares one
 * string, no bsearch), with each
 * question's rank in id order (bank->byid), by which a file's responses are put in id order
 * without comparing strings. Without a table (no memory, or an empty bank) lookups go to
 * proctor_bank_find.
 */
struct qslot {
    const struct proctor_question *q;
    const char *id; /* q->id, compared without going through q */
    uint64_t hash;
    uint32_t rank;
};
struct qindex {
    const struct proctor_bank *bank;
    struct qslot *slot;
    size_t mask;
};

struct proctor_verifier {
    const struct proctor_roster *roster;
    const struct proctor_bank *bank;
    const struct proctor_assignment *a; /* assignment results, when set */
    const struct proctor_bank *key;     /* a's questions with answers */
    const struct proctor_marks *marks;  /* essay marks, may be NULL */
    struct qindex bank_ix, key_ix;      /* bank's and key's questions by id */
};

static void
qindex_build(struct qindex *ix, const struct proctor_bank *b)
{
    size_t size = 16;

    free(ix->slot);
    memset(ix, 0, sizeof *ix);
    ix->bank = b;
    if (!b || !b->byid || b->nquestions == 0 || b->nquestions > UINT32_MAX / 4)
        return;
    while (size < 2 * b->nquestions)
        size *= 2;
    if (!(ix->slot = calloc(size, sizeof *ix->slot)))
        return;
    ix->mask = size - 1;
    for (size_t r = 0; r < b->nquestions; r++) {
        const char *id = b->byid[r]->id;
        uint64_t h = wordhash(id, strlen(id));
        size_t i = h & ix->mask;
        while (ix->slot[i].q)
            i = (i + 1) & ix->mask;
        ix->slot[i] = (struct qslot){b->byid[r], id, h, (uint32_t)r};
    }
}

/* The question of that id, whose wordhash is h, and its rank in id order, or NULL (a table
 * made). */
static const struct proctor_question *
qindex_find_hashed(const struct qindex *ix, const char *id, uint64_t h, uint32_t *rank)
{
    for (size_t i = h & ix->mask; ix->slot[i].q; i = (i + 1) & ix->mask)
        if (ix->slot[i].hash == h && strcmp(ix->slot[i].id, id) == 0) {
            *rank = ix->slot[i].rank;
            return ix->slot[i].q;
        }
    return NULL;
}

/* The question of that id and its rank in id order, or NULL. */
static const struct proctor_question *
qindex_find(const struct qindex *ix, const char *id, uint32_t *rank)
{
    if (!ix->slot) {
        const struct proctor_question *q = proctor_bank_find(ix->bank, id);
        *rank = 0;
        if (q)
            for (size_t r = 0; r < ix->bank->nquestions; r++)
                if (ix->bank->byid[r] == q)
                    *rank = (uint32_t)r;
        return q;
    }
    return qindex_find_hashed(ix, id, wordhash(id, strlen(id)), rank);
}

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
    /* before any thread grades: the bank's grading data (grade-prep.h) and its index */
    grade_prep_bank(bank);
    qindex_build(&v->bank_ix, bank);
    *out = v;
    return 0;
}

void
proctor_verifier_free(struct proctor_verifier *v)
{
    if (v) {
        free(v->bank_ix.slot);
        free(v->key_ix.slot);
    }
    free(v);
    json_arena_release(); /* this thread's scratch (a worker's goes when it ends) */
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
    grade_prep_bank(key);
    qindex_build(&v->key_ix, key);
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

/* An error with nothing in it, as proctor_error_clear leaves it but for the bytes past each
 * string's NUL, which nothing reads: not a kilobyte cleared twice a file. */
static void
error_reset(struct proctor_error *e)
{
    e->code = 0;
    e->errnum = 0;
    e->path[0] = '\0';
    e->line = 0;
    e->column = 0;
    e->msg[0] = '\0';
}

/* s into dst (size bytes), cut short to fit, as snprintf's "%s" would (without formatting:
 * seven copies per file). */
static void
copy_str(char *dst, size_t size, const char *s)
{
    size_t n = strnlen(s, size - 1);

    memcpy(dst, s, n);
    dst[n] = '\0';
}

/*
 * Appends one objective response to the bytes of the fingerprint that finds the same answers
 * under two names, in a canonical form, so that re-encoding the same answers does not hide a
 * copy: the question id, then the answer - a choice's option id; a multi's ids as a set
 * (sorted); an order's ids in order; a match's pairs sorted by left id; true or false; a
 * number by its value ("1,700" and "1700" alike); short text after proctor_normalize. Every
 * string NUL-terminated, and a type tag, so that two responses hash alike exactly when they
 * are the same answer. The whole is hashed at once (BLAKE2b of the same bytes however they
 * are fed: test-verify pins the fingerprints of known results).
 */
/* The fingerprint's buffer at first: about 30 bytes a response. */
#define FP_START 2048

static void
hash_response(struct sbuf *b, const struct proctor_question *q, const struct proctor_response *r,
              const struct proctor_grade_note *note)
{
    size_t n = strlen(q->id) + 1;

    /* the id with its NUL and the type tag, copied in place while they fit (regrade sizes b
     * for a whole file's) */
    if (!b->failed && b->len + n + 2 <= b->cap) {
        memcpy(b->s + b->len, q->id, n);
        b->s[b->len + n] = (char)q->type;
        b->len += n + 1;
        b->s[b->len] = '\0';
    } else {
        char tag = (char)q->type;
        sbuf_put(b, q->id, n);
        sbuf_put(b, &tag, 1);
    }
    if (q->type == PROCTOR_NUMERIC && note && note->have_number) {
        char num[32]; /* qtype_canon_number's form of the number grading read */
        qtype_canon_str(b, qtype_canon_int(note->number, num));
    } else if ((unsigned)q->type < PROCTOR_NTYPES) {
        QTYPE(q)->canonical(b, q, r); /* each type's own canonical form (qtype.h) */
    }
    sbuf_byte(b, '\n'); /* end of this response */
}

/*
 * An essay's fingerprint: its words (runs of anything but whitespace) joined by one space,
 * so that re-spacing or re-wrapping does not hide a copy, hashed at once. Returns 0, or -1
 * when the essay has fewer than 5 words (too short to prove anything) or memory ran out.
 */
/* Each byte's kind for hash_essay: 0 a word's, 1 whitespace (space, \t \n \v \f \r), 2 the
 * end. */
static const unsigned char essay_kind[256] = {[0] = 2,    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1,
                                              ['\f'] = 1, ['\r'] = 1, [' '] = 1};

/* Whether text is its words joined by one space already (the usual essay: no copy to make),
 * with *words and *len; 0 when it is not. */
static int
essay_plain(const char *text, size_t *words, size_t *len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t w = 0;

    if (essay_kind[*p] == 1) /* leading whitespace */
        return 0;
    while (*p) {
        while (!essay_kind[*p]) /* a word */
            p++;
        w++;
        if (!*p)
            break;
        if (*p != ' ' || essay_kind[p[1]]) /* not one space before the next word */
            return 0;
        p++;
    }
    *words = w;
    *len = (size_t)(p - (const unsigned char *)text);
    return 1;
}

static int
hash_essay(const char *text, unsigned char out[16])
{
    char stack[1024], *buf = stack;
    size_t words = 0, len, n = 0;
    const unsigned char *p = (const unsigned char *)text;

    if (essay_plain(text, &words, &n)) {
        crypto_generichash(out, 16, (const unsigned char *)text, n, NULL, 0);
        return words >= 5 ? 0 : -1;
    }
    len = strlen(text);
    if (len >= sizeof stack && !(buf = malloc(len + 1)))
        return -1;
    for (;;) {
        while (essay_kind[*p] == 1)
            p++;
        if (!*p)
            break;
        if (words++)
            buf[n++] = ' ';
        while (!essay_kind[*p])
            buf[n++] = (char)*p++;
    }
    crypto_generichash(out, 16, (const unsigned char *)buf, n, NULL, 0);
    if (buf != stack)
        free(buf);
    return words >= 5 ? 0 : -1;
}

/* The place of question q (of the answer key's bank, whose questions are in the assignment's
 * order) in assignment a: an index into a->qids, or a->nq when it is not there. */
static size_t
item_index(const struct proctor_assignment *a, const struct proctor_bank *key,
           const struct proctor_question *q)
{
    size_t i = (size_t)(q - key->questions);

    if (q >= key->questions && i < a->nq && strcmp(a->qids[i], q->id) == 0)
        return i;
    for (i = 0; i < a->nq; i++)
        if (strcmp(a->qids[i], q->id) == 0)
            break;
    return i;
}

/* Bit k of the options of q picked in r (item k has the k-th opaque id); true and false are
 * bits 0 and 1. */
static uint64_t
picks_of(const struct proctor_question *q, const struct proctor_response *r)
{
    uint64_t bits = 0;

    if (!r->answered)
        return 0;
    if (q->type == PROCTOR_TRUEFALSE)
        return r->truth ? 1u : 2u;
    if (q->type != PROCTOR_CHOICE && q->type != PROCTOR_MULTI)
        return 0;
    for (size_t i = 0; i < r->nids; i++)
        for (size_t k = 0; k < q->noptions && k < 64; k++)
            if (r->ids[i] && strcmp(r->ids[i], q->options[k].id) == 0)
                bits |= (uint64_t)1 << k;
    return bits;
}

/*
 * Re-grades the responses of res against bank; for an assignment result (a set) each
 * question's points and picks go to out->items too.
 */
/* A response and its question's rank in id order. */
struct ranked {
    const struct response_value *v;
    const struct proctor_question *q;
    uint32_t rank;
};

static int
regrade(const struct qindex *ix, const struct proctor_assignment *a, int sealed,
        const struct proctor_result *res, const struct response_value *values,
        const uint64_t *qhash, struct proctor_verdict *out)
{
    const struct proctor_bank *bank = ix->bank;
    struct ranked *sorted = NULL;
    uint32_t rank;
    size_t n = 0, objective = 0;
    int64_t earned = 0, max = 0;
    struct sbuf fp = {0}; /* the fingerprint's bytes (hash_response) */
    char fpbuf[FP_START];
    struct found {
        const struct proctor_question *q;
        uint32_t rank;
    } *found;
    int rc = 0;

    if (a) {
        out->items = calloc(a->nq ? a->nq : 1, sizeof *out->items);
        if (!out->items)
            return invalid(out, "out of memory");
        out->nitems = a->nq;
    }
    /* verify's scope (json-arena.h) */
    found = json_arena_take((res->nquestions + 1) * sizeof *found);
    sorted = json_arena_take((res->nresponses + 1) * sizeof *sorted);
    if (!found || !sorted)
        return invalid(out, "out of memory");
    for (size_t i = 0; i < res->nquestions; i++) {
        /* by the hash the one pass made of the id, when it did (result-internal.h) */
        const struct proctor_question *q =
            qhash && ix->slot ? qindex_find_hashed(ix, res->questions[i], qhash[i], &rank)
                              : qindex_find(ix, res->questions[i], &rank);
        if (!q)
            return invalid(out, "question '%s' is not in the %s", res->questions[i],
                           strcmp(res->kind, PROCTOR_TAKEN_ASSIGNMENT) == 0 ? "assignment"
                                                                             : "bank");
        max += proctor_grade_max(q);
        found[i] = (struct found){q, rank};
    }
    /* the responses in id order (the fingerprint's), by their questions' ranks: every
     * response is to one of the questions, all found above, so each has one, at the place of
     * its question in res->questions (found when the result was read): no id is compared
     * again here. */
    while (n < res->nresponses) {
        struct ranked x = {&values[n], NULL, 0};
        size_t k = res->responses[n].question;
        if (k < res->nquestions) {
            x.q = found[k].q;
            x.rank = found[k].rank;
        } else {
            x.q = qindex_find(ix, res->responses[n].qid, &x.rank);
        }
        k = n++;
        for (; k > 0 && sorted[k - 1].rank > x.rank; k--)
            sorted[k] = sorted[k - 1];
        sorted[k] = x;
    }
    /* room for a class's usual file on the stack (it grows into the heap past that) */
    sbuf_on(&fp, fpbuf, sizeof fpbuf);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_question *q = sorted[i].q;
        struct proctor_response r;
        struct proctor_error e;
        struct proctor_grade_note note; /* a numeric answer's: the number read, once */
        int64_t points;

        /* r borrows the value's strings (this file's arena scope): no copy, no free */
        if (response_from_value_borrowed(q, sorted[i].v, &r, &e) < 0) {
            rc = invalid(out, "%s", e.msg);
            goto out;
        }
        points = proctor_grade_noted(q, &r, q->type == PROCTOR_NUMERIC ? &note : NULL);
        earned += points;
        if (a) {
            size_t k = item_index(a, bank, q);
            if (k < out->nitems) {
                out->items[k].earned = points;
                out->items[k].answered = r.answered != 0;
                out->items[k].picks = picks_of(q, &r);
            }
        }
        if (q->type != PROCTOR_ESSAY) {
            hash_response(&fp, q, &r, q->type == PROCTOR_NUMERIC ? &note : NULL);
            objective++;
        } else if (r.text && out->nessays < PROCTOR_ESSAY_PRINTS &&
                   hash_essay(r.text, out->essay_hash[out->nessays]) == 0) {
            out->nessays++;
        }
        /* r borrowed all it holds: nothing to release */
    }
    if (fp.failed) {
        rc = invalid(out, "out of memory");
        goto out;
    }
    crypto_generichash(out->responses_hash, sizeof out->responses_hash,
                       (const unsigned char *)(fp.s ? fp.s : ""), fp.len, NULL, 0);
    out->earned = earned;
    out->max = max;
    /* identical answers that are all right, or none at all, prove nothing */
    out->copy_evidence = objective > 0 && !(max > 0 && earned == max);
    if (sealed && (res->earned != 0 || res->max != 0)) {
        char x[32], y[32];
        rc = invalid(out, "claims a score of %s/%s, which a sealed assignment's program cannot "
                          "know",
                     proctor_format_points(res->earned, x, sizeof x),
                     proctor_format_points(res->max, y, sizeof y));
    } else if (!sealed && (earned != res->earned || max != res->max)) {
        char x[32], y[32], c[32], d[32];
        rc = invalid(out, "claimed score %s/%s but the responses earn %s/%s",
                     proctor_format_points(res->earned, x, sizeof x),
                     proctor_format_points(res->max, y, sizeof y),
                     proctor_format_points(earned, c, sizeof c),
                     proctor_format_points(max, d, sizeof d));
    }
out:
    sbuf_free(&fp);
    return rc;
}

static void
warn(struct proctor_verdict *out, const char *what)
{
    size_t n = strlen(out->warnings);
    snprintf(out->warnings + n, sizeof out->warnings - n, "%s%s", n ? "; " : "", what);
}

/* Essay points from the teacher's marks, and which essays are still unmarked. A mark counts
 * only for the very text it was given for: one for another text of the essay (a file changed
 * and re-signed under the same nonce) is ignored, and said so. */
static void
essays(const struct proctor_verifier *v, const struct proctor_result *res,
       const struct response_value *values, struct proctor_verdict *out)
{
    char unmarked[160] = "", stale[160] = "";

    for (size_t i = 0; i < v->a->nq; i++) {
        uint32_t rank;
        const struct proctor_question *q = qindex_find(&v->key_ix, v->a->qids[i], &rank);
        const char *text = NULL;
        const struct proctor_mark *m;
        if (q->type != PROCTOR_ESSAY)
            continue;
        for (size_t r = 0; r < res->nresponses; r++)
            if (strcmp(res->responses[r].qid, q->id) == 0 && values[r].kind == RV_STRING)
                text = values[r].str;
        out->essay_max += q->points;
        if (!text)
            continue;
        m = proctor_marks_find(v->marks, res->student, res->attempt, res->nonce, q->id);
        if (m && proctor_mark_fits(m, text)) {
            size_t k = item_index(v->a, v->key, q);
            out->essay_earned += m->points;
            if (k < out->nitems) {
                out->items[k].earned = m->points;
                out->items[k].marked = 1;
            }
        } else {
            size_t n = strlen(unmarked);
            out->unmarked++;
            snprintf(unmarked + n, sizeof unmarked - n, "%s%s", n ? ", " : "", q->id);
            if (m) {
                n = strlen(stale);
                snprintf(stale + n, sizeof stale - n, "%s%s", n ? ", " : "", q->id);
            }
        }
    }
    if (out->unmarked) {
        char w[200];
        snprintf(w, sizeof w, "unmarked essay%s %s", out->unmarked == 1 ? "" : "s", unmarked);
        warn(out, w);
    }
    if (stale[0]) {
        char w[240];
        snprintf(w, sizeof w, "mark ignored for %s: given for another text of the essay", stale);
        warn(out, w);
    }
}

/*
 * Times the student's clock could not honestly have given: warnings, not reasons to refuse
 * (the clock is not trusted either way), so the teacher can weigh them. created is the
 * assignment's creation time ("" for practice).
 */
static void
dates(const struct proctor_result *res, const char *created, struct proctor_verdict *out)
{
    time_t started, finished, made, now = time(NULL);
    char w[96];

    if (!rfc3339_real(res->started)) {
        snprintf(w, sizeof w, "impossible start date %s", res->started);
        warn(out, w);
    }
    if (!rfc3339_real(res->finished)) {
        snprintf(w, sizeof w, "impossible finish date %s", res->finished);
        warn(out, w);
    }
    if (rfc3339_parse(res->started, &started) < 0 || rfc3339_parse(res->finished, &finished) < 0)
        return;
    if (finished < started)
        warn(out, "finished before it started");
    if (created[0] && rfc3339_parse(created, &made) == 0 && finished < made)
        warn(out, "finished before the assignment was made");
    if (finished > now + PROCTOR_CLOCK_GRACE)
        warn(out, "finished in the future");
}

/* An assignment result: what was taken, the re-grade, and the warnings. */
static int
check_assignment(const struct proctor_verifier *v, const struct proctor_result *res,
                 const struct response_value *values, const uint64_t *qhash,
                 struct proctor_verdict *out)
{
    const struct proctor_assignment *a = v->a;
    time_t started, finished, due;
    int rc;

    /* another assignment's result is not refused: it is for a check not asked for */
    if (!a || (strcmp(res->assignment_id, a->id) != 0 &&
               sodium_memcmp(res->digest, a->digest, 32) != 0)) {
        invalid(out, "taken on assignment '%s'%s%s%s: give --assignment %s.json to check it",
                res->assignment_id, a ? ", not '" : "", a ? a->id : "", a ? "'" : "",
                res->assignment_id);
        out->status = PROCTOR_STATUS_UNCHECKED;
        return PROCTOR_EVERIFY;
    }
    if (sodium_memcmp(res->digest, a->digest, 32) != 0)
        return invalid(out, "result is for another version of assignment '%s' (the digest "
                            "differs from that of the assignment given)",
                       a->id);
    if (strcmp(res->assignment_id, a->id) != 0)
        return invalid(out, "result names assignment '%s', not '%s'", res->assignment_id, a->id);
    if (res->nquestions != a->nq)
        return invalid(out, "result lists %zu questions; the assignment has %zu",
                       res->nquestions, a->nq);
    if ((rc = regrade(&v->key_ix, a, a->sealed, res, values, qhash, out)) < 0)
        return rc;
    essays(v, res, values, out);
    dates(res, a->created, out);
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
    struct sign_view env;
    struct proctor_result res;
    struct proctor_error e;
    const struct proctor_key *k;
    struct response_value *values = NULL; /* of res.responses */
    uint64_t *qhash = NULL;               /* of res.questions' ids (result_read) */
    int rc;

    memset(out, 0, sizeof *out);
    memset(&res, 0, sizeof res);
    out->file = path;
    out->status = PROCTOR_STATUS_INVALID;
    error_reset(&e);
    /* Everything read from the file lives in this thread's arena until the end: no malloc
     * or free per file (json-arena.h). */
    if (json_arena_begin() < 0)
        return invalid(out, "out of memory");
    if (sign_view_parse(buf, len, path, &env, &e) < 0) {
        rc = invalid_err(out, "malformed envelope", &e);
        goto out;
    }
    if (strcmp(env.payload_type, PROCTOR_RESULT_TYPE) != 0) {
        rc = invalid(out, "not a result (payloadType '%.64s')", env.payload_type);
        goto out;
    }
    /* Check the signature before reading anything the payload says. */
    /* the roster's key is checked fully (proctor_pk_check) the first time it is used */
    if ((rc = proctor_roster_signer(v->roster, env.keyid, &k, &e)) == PROCTOR_EVERIFY) {
        rc = invalid(out, "%s", e.msg);
        goto out;
    }
    if (!k) {
        /* who the file says it is, unproven, so the teacher knows whom to ask */
        if (result_read(env.payload, env.payload_len, &res, &values, NULL, &e) == 0)
            copy_str(out->claimed, sizeof out->claimed, res.student);
        if (out->claimed[0])
            rc = invalid(out, "claims to be %s, but its signing key '%.32s' is not in the "
                              "roster%s",
                         out->claimed, env.keyid,
                         proctor_roster_find(v->roster, out->claimed)
                             ? " (the roster has another key for that id)"
                             : " (no student of that id either)");
        else
            rc = invalid(out, "signing key '%.32s' is not in the roster", env.keyid);
        goto out;
    }
    if (!sign_view_verify(&env, k->pk)) {
        /* whom it names, unproven: the file is not charged to anyone */
        if (result_read(env.payload, env.payload_len, &res, &values, NULL, &e) == 0)
            copy_str(out->claimed, sizeof out->claimed, res.student);
        rc = invalid(out, "bad signature (not made by %s's key, or the file was altered)",
                     k->id);
        goto out;
    }
    /* from here on the file is provably the signer's: charged to them, whatever it says */
    copy_str(out->student, sizeof out->student, k->id);
    copy_str(out->name, sizeof out->name, k->name);
    crypto_generichash(out->payload_hash, sizeof out->payload_hash,
                       (const unsigned char *)env.payload, env.payload_len, NULL, 0);
    if (result_read(env.payload, env.payload_len, &res, &values, &qhash, &e) < 0) {
        rc = invalid_err(out, "malformed result", &e);
        goto out;
    }
    copy_str(out->claimed, sizeof out->claimed, res.student);
    copy_str(out->kind, sizeof out->kind, res.kind);
    copy_str(out->taken_id, sizeof out->taken_id, res.assignment_id ? res.assignment_id : "");
    copy_str(out->finished, sizeof out->finished, res.finished);
    copy_str(out->started, sizeof out->started, res.started);
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
        rc = invalid(out, "signed by %s (%s), claims to be %s", k->id, k->name, res.student);
        goto out;
    }
    if ((rc = journal_order(&res, out)) < 0)
        goto out;
    if (strcmp(res.kind, PROCTOR_TAKEN_ASSIGNMENT) == 0) {
        if ((rc = check_assignment(v, &res, values, qhash, out)) < 0)
            goto out;
    } else if (!v->bank) {
        rc = invalid(out, "a practice run: give --bank DIR, the bank it was taken on, to check "
                          "it");
        out->status = PROCTOR_STATUS_UNCHECKED;
        goto out;
    } else if (sodium_memcmp(res.digest, v->bank->digest, 32) != 0) {
        rc = invalid(out, "result is for a different question bank (digest differs)");
        goto out;
    } else if ((rc = regrade(&v->bank_ix, NULL, 0, &res, values, qhash, out)) < 0) {
        goto out;
    } else {
        dates(&res, "", out);
    }
    out->have_hashes = 1;
    out->valid = 1;
    out->status = PROCTOR_STATUS_OK;
    rc = 0;
out:
    /* the result's strings and values and the envelope all go with the arena's scope */
    json_arena_end();
    return rc;
}

void
proctor_verdict_release(struct proctor_verdict *v)
{
    if (!v)
        return;
    free(v->items);
    v->items = NULL;
    v->nitems = 0;
}

int
proctor_verify_file(const struct proctor_verifier *v, const char *path,
                    struct proctor_verdict *out)
{
    char *buf = NULL;
    size_t len = 0;
    struct proctor_error e;
    int rc;

    error_reset(&e);
    /* proctor_file_read opens without blocking and refuses FIFOs and devices */
    if (proctor_file_read(path, PROCTOR_RESULT_MAX_BYTES, &buf, &len, &e) < 0) {
        memset(out, 0, sizeof *out);
        out->file = path;
        out->status = PROCTOR_STATUS_INVALID;
        return invalid(out, "%s", e.msg);
    }
    rc = proctor_verify_buffer(v, path, buf, len, out);
    free(buf);
    return rc;
}
