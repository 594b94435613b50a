/* SPDX-License-Identifier: ISC */
/*
 * verdicts.c - the checks across result files (duplicates, nonces, attempt limits, copies),
 * decided on the set of verdicts so that no order of the files can steer them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctor/verify.h"

const char *
proctor_status_name(enum proctor_status s)
{
    switch (s) {
    case PROCTOR_STATUS_OK: return "OK";
    case PROCTOR_STATUS_CONFLICT: return "CONFLICT";
    case PROCTOR_STATUS_INVALID: return "INVALID";
    case PROCTOR_STATUS_UNCHECKED: return "UNCHECKED";
    case PROCTOR_STATUS_MISSING: return "MISSING";
    }
    return "INVALID";
}

/* One entry of a sort: a verdict, and a key of 16 or 32 bytes taken from it. */
struct entry {
    struct proctor_verdict *v;
    const unsigned char *key;
    size_t keylen;
};

/* By file name, then by where the verdict is in memory: the last tie-break only separates
 * one name given twice, whose lines read the same whichever comes first. */
static int
cmp_file(const struct proctor_verdict *a, const struct proctor_verdict *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    return c ? c : (a > b) - (a < b);
}

/* By student, then key, then file. */
static int
cmp_student_key(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = strcmp(a->v->student, b->v->student);
    if (!c)
        c = memcmp(a->key, b->key, a->keylen);
    return c ? c : cmp_file(a->v, b->v);
}

/* By key, then student, then file. */
static int
cmp_key_student(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = memcmp(a->key, b->key, a->keylen);
    if (!c)
        c = strcmp(a->v->student, b->v->student);
    return c ? c : cmp_file(a->v, b->v);
}

/* A student's results in the order they were taken: finish time, attempt number, then the
 * signed bytes and the file name (so two never tie). Attempt numbers start again at 1 on a
 * reset machine, so the finish time (the student's clock) comes first. */
static int
cmp_attempt(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = strcmp(a->v->student, b->v->student);
    if (!c)
        c = strcmp(a->v->finished, b->v->finished);
    if (!c)
        c = (a->v->attempt > b->v->attempt) - (a->v->attempt < b->v->attempt);
    if (!c)
        c = memcmp(a->v->payload_hash, b->v->payload_hash, sizeof a->v->payload_hash);
    return c ? c : cmp_file(a->v, b->v);
}

/* Appends a part to one of a verdict's texts ("; " between parts); a part that does not fit
 * whole becomes "...", once. */
static void
append(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
append(char *dst, size_t size, const char *fmt, ...)
{
    size_t n = strlen(dst);
    char part[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(part, sizeof part, fmt, ap);
    va_end(ap);
    if (n >= 3 && strcmp(dst + n - 3, "...") == 0)
        return;
    if (n + 2 + strlen(part) < size)
        snprintf(dst + n, size - n, "%s%s", n ? "; " : "", part);
    else if (n + 5 < size)
        snprintf(dst + n, size - n, "%s...", n ? "; " : "");
}

/*
 * "s2 (Bo Park) in 'b.json', s3 (Cy) in 'c.json'": the others of group e[0..n) than self
 * (those of other students when other_students is set, else of the same one), as many as
 * fit in buf, then "and N more".
 */
static void
others(const struct entry *e, size_t n, const struct proctor_verdict *self, int other_students,
       int with_student, char *buf, size_t size)
{
    size_t len = 0, listed = 0, left = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        const struct proctor_verdict *o = e[k].v;
        char one[600];
        int same = strcmp(o->student, self->student) == 0;
        if (o == self || same == other_students)
            continue;
        if (with_student)
            snprintf(one, sizeof one, "%s%s (%s) in '%s'", listed ? ", " : "", o->student,
                     o->name, o->file ? o->file : "?");
        else
            snprintf(one, sizeof one, "%s'%s'", listed ? ", " : "", o->file ? o->file : "?");
        if (len + strlen(one) + 16 < size) {
            memcpy(buf + len, one, strlen(one) + 1);
            len += strlen(one);
            listed++;
        } else {
            left++;
        }
    }
    if (left)
        snprintf(buf + len, size - len, ", and %zu more", left);
}

static void
conflict(struct proctor_verdict *v, const char *what, const char *who)
{
    if (v->status == PROCTOR_STATUS_INVALID)
        return;
    v->status = PROCTOR_STATUS_CONFLICT;
    append(v->reason, sizeof v->reason, "%s %s", what, who);
}

/* The end of the group that starts at e[i]: entries whose key (and student, when by_student)
 * are the same. */
static size_t
group_end(const struct entry *e, size_t n, size_t i, int by_student)
{
    size_t j = i + 1;
    while (j < n && memcmp(e[j].key, e[i].key, e[i].keylen) == 0 &&
           (!by_student || strcmp(e[j].v->student, e[i].v->student) == 0))
        j++;
    return j;
}

/* How many students the group e[i..j) spans. */
static size_t
students_in(const struct entry *e, size_t i, size_t j)
{
    size_t k = 1;
    for (size_t m = i + 1; m < j; m++) /* the group is sorted by student within its key */
        k += strcmp(e[m].v->student, e[m - 1].v->student) != 0;
    return k;
}

/* The files still counted (valid, checked, not a second copy of another), keyed by the
 * keylen bytes at offset off of their verdict. */
static size_t
counted(struct proctor_verdict *const *v, size_t n, struct entry *e, size_t off, size_t keylen)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i]->valid && v[i]->have_hashes && !v[i]->duplicate)
            e[k++] = (struct entry){v[i], (const unsigned char *)v[i] + off, keylen};
    return k;
}

/* Every file of each group of e[0..k) with one key under two or more students: CONFLICT,
 * naming the others ("the same responses as s2 (Bo) in 'b.json'"). */
static void
copies(struct entry *e, size_t k, const char *what)
{
    char who[200];

    qsort(e, k, sizeof *e, cmp_key_student);
    for (size_t i = 0, j; i < k; i = j) {
        j = group_end(e, k, i, 0);
        if (students_in(e, i, j) < 2)
            continue;
        for (size_t m = i; m < j; m++) {
            others(e + i, j - i, e[m].v, 1, 1, who, sizeof who);
            conflict(e[m].v, what, who);
        }
    }
}

int
proctor_verdicts_settle(struct proctor_verdict *const *v, size_t n, int64_t attempt_limit)
{
    size_t cap = n * (1 + PROCTOR_ESSAY_PRINTS) + 1, k, i, j;
    struct entry *e = malloc(cap * sizeof *e);
    char who[200];

    if (!e)
        return PROCTOR_ENOMEM;
    for (i = 0; i < n; i++) {
        v[i]->duplicate = 0;
        if (v[i]->valid)
            v[i]->status = PROCTOR_STATUS_OK;
        else if (v[i]->status != PROCTOR_STATUS_UNCHECKED)
            v[i]->status = PROCTOR_STATUS_INVALID;
    }

    /* 1. the very same signed bytes from one student: the copy named first counts */
    k = counted(v, n, e, offsetof(struct proctor_verdict, payload_hash), 32);
    qsort(e, k, sizeof *e, cmp_student_key);
    for (i = 0; i < k; i = j) {
        j = group_end(e, k, i, 1);
        for (size_t m = i + 1; m < j; m++) {
            e[m].v->duplicate = 1;
            append(e[m].v->warnings, sizeof e[m].v->warnings,
                   "the same file as '%s': counted once", e[i].v->file ? e[i].v->file : "?");
        }
    }

    /* 2. one nonce in two different files of one student: that student's conflict */
    k = counted(v, n, e, offsetof(struct proctor_verdict, nonce), PROCTOR_NONCE_BYTES);
    qsort(e, k, sizeof *e, cmp_student_key);
    for (i = 0; i < k; i = j) {
        j = group_end(e, k, i, 1);
        for (size_t m = i; m < j && j - i > 1; m++) {
            others(e + i, j - i, e[m].v, 0, 0, who, sizeof who);
            conflict(e[m].v, "the same nonce, with other contents, as this student's", who);
        }
    }

    /* 3. attempts past the limit, by number or by rank */
    if (attempt_limit > 0) {
        k = counted(v, n, e, offsetof(struct proctor_verdict, nonce), PROCTOR_NONCE_BYTES);
        qsort(e, k, sizeof *e, cmp_attempt);
        for (i = 0; i < k; i = j) {
            size_t rank = 0;
            for (j = i; j < k && strcmp(e[j].v->student, e[i].v->student) == 0; j++) {
                struct proctor_verdict *a = e[j].v;
                if (a->attempt > attempt_limit) {
                    a->valid = 0;
                    a->status = PROCTOR_STATUS_INVALID;
                    snprintf(a->reason, sizeof a->reason,
                             "attempt %lld is over the limit of %lld attempt%s",
                             (long long)a->attempt, (long long)attempt_limit,
                             attempt_limit == 1 ? "" : "s");
                } else if (rank >= (size_t)attempt_limit) {
                    a->valid = 0;
                    a->status = PROCTOR_STATUS_INVALID;
                    snprintf(a->reason, sizeof a->reason,
                             "over the limit of %lld attempt%s: %zu other valid result%s of "
                             "this student finished before it",
                             (long long)attempt_limit, attempt_limit == 1 ? "" : "s", rank,
                             rank == 1 ? "" : "s");
                } else {
                    rank++;
                }
            }
        }
    }

    /* 4. one nonce under two students harms no one: each is told of the others */
    k = counted(v, n, e, offsetof(struct proctor_verdict, nonce), PROCTOR_NONCE_BYTES);
    qsort(e, k, sizeof *e, cmp_key_student);
    for (i = 0; i < k; i = j) {
        j = group_end(e, k, i, 0);
        if (students_in(e, i, j) < 2)
            continue;
        for (size_t m = i; m < j; m++) {
            others(e + i, j - i, e[m].v, 1, 1, who, sizeof who);
            append(e[m].v->warnings, sizeof e[m].v->warnings, "the same nonce as %s", who);
        }
    }

    /* 5. the same answers, or the same essay, under two or more students */
    k = 0;
    for (i = 0; i < n; i++)
        if (v[i]->valid && v[i]->have_hashes && !v[i]->duplicate && v[i]->copy_evidence)
            e[k++] = (struct entry){v[i], v[i]->responses_hash, 32};
    copies(e, k, "the same responses as");
    k = 0;
    for (i = 0; i < n; i++) {
        if (!v[i]->valid || !v[i]->have_hashes || v[i]->duplicate)
            continue;
        for (size_t q = 0; q < v[i]->nessays && q < PROCTOR_ESSAY_PRINTS; q++)
            e[k++] = (struct entry){v[i], v[i]->essay_hash[q], 16};
    }
    copies(e, k, "the same essay as");
    free(e);
    return 0;
}
