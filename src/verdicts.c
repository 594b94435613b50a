/* SPDX-License-Identifier: ISC */
/*
 * verdicts.c - the checks across result files (duplicates, nonces, attempt limits, copies),
 * decided on the set of verdicts so that no order of the files can steer them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctor/verify.h"
#include "fnv1a.h"
#include "verdicts-internal.h"

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

/* One entry of a sort: a verdict, a key of 16 or 32 bytes taken from it, and the hash of
 * what groups it (see group_sort). */
struct entry {
    struct proctor_verdict *v;
    const unsigned char *key;
    size_t keylen;
    uint64_t h;
};

static int collide; /* verify_settle_collide: 1 every hash alike, 2 four hashes in all */

void
verify_settle_collide(int on)
{
    collide = on;
}

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

static int
cmp_key_student(const void *x, const void *y);

/* Groups of copies (their first entries' places in the entries e) by cmp_key_student. */
static int
cmp_group(const void *x, const void *y, void *e)
{
    const struct entry *all = e;
    return cmp_key_student(&all[*(const size_t *)x], &all[*(const size_t *)y]);
}

static int
cmp_hash(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    return (a->h > b->h) - (a->h < b->h);
}

/* e[0..k) in order of their hashes: a radix sort, a byte at a time (qsort, which calls a
 * function per comparison and moves the entries through a second array, cost about a
 * thousand instructions per entry of a class of a thousand); qsort when memory is short. */
static void
hash_order(struct entry *e, size_t k)
{
    struct entry *tmp = k > 1 ? malloc(k * sizeof *tmp) : NULL, *from = e, *to = tmp;

    if (!tmp) {
        if (k > 1)
            qsort(e, k, sizeof *e, cmp_hash);
        return;
    }
    for (int shift = 0; shift < 64; shift += 8) {
        size_t at[256] = {0}, sum = 0;
        struct entry *t;
        for (size_t i = 0; i < k; i++)
            at[from[i].h >> shift & 255]++;
        if (at[from[0].h >> shift & 255] == k)
            continue; /* one value of this byte: nothing moves */
        for (size_t b = 0; b < 256; b++) {
            size_t c = at[b];
            at[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < k; i++)
            to[at[from[i].h >> shift & 255]++] = from[i];
        t = from;
        from = to;
        to = t;
    }
    if (from != e)
        memcpy(e, from, k * sizeof *e);
    free(tmp);
}

/*
 * e[0..k) ordered so that each group (entries of one key, and of one student when
 * by_student; by_student 2: of one student alone) is contiguous and in cmp's order within,
 * as a sort of all by cmp would have it, where the groups themselves may come in any order:
 * every use of a group here touches only its own files. The entries are sorted by a 64-bit
 * hash of what groups them (integers compared, no strings), then each run of one hash by
 * cmp. A class of a thousand files sorted by cmp alone cost about as much as verifying six
 * of them. With mixed_only, a run of one key under one student is left unsorted (its
 * caller skips groups of one student). verify_settle_collide makes every hash alike (one run, sorted by cmp, as before)
 * or puts many groups under each hash, for the tests.
 */
static void
group_sort(struct entry *e, size_t k, int by_student, int (*cmp)(const void *, const void *),
           int mixed_only)
{
    size_t i, j;

    for (i = 0; i < k; i++) {
        uint64_t h = 0;
        if (by_student != 2) /* the key's bytes (hashes and nonces: spread already) */
            memcpy(&h, e[i].key, sizeof h);
        if (by_student)
            h ^= fnv1a(e[i].v->student) * 0x9E3779B97F4A7C15ULL;
        e[i].h = collide == 1 ? 0 : collide == 2 ? h & 3 : h;
    }
    hash_order(e, k);
    for (i = 0; i < k; i = j) {
        int one = 1; /* one key of one student only */
        for (j = i + 1; j < k && e[j].h == e[i].h; j++)
            one = one && memcmp(e[j].key, e[i].key, e[i].keylen) == 0 &&
                  strcmp(e[j].v->student, e[i].v->student) == 0;
        /* a group of one student is left as it is where only groups of two or more students
         * are looked at (mixed_only): it is one group either way */
        if (j - i > 1 && !(mixed_only && one))
            qsort(e + i, j - i, sizeof *e, cmp);
    }
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
            e[k++] = (struct entry){v[i], (const unsigned char *)v[i] + off, keylen, 0};
    return k;
}

/* Every file of each group of e[0..k) with one key under two or more students: CONFLICT,
 * naming the others ("the same responses as s2 (Bo) in 'b.json'"). */
static void
copies(struct entry *e, size_t k, const char *what)
{
    char who[200];
    size_t *start = k ? malloc(k * sizeof *start) : NULL, ngroups = 0;

    if (start) {
        group_sort(e, k, 0, cmp_key_student, 1);
    } else {
        qsort(e, k, sizeof *e, cmp_key_student); /* no memory to order groups: all at once */
    }
    for (size_t i = 0, j; i < k; i = j) {
        j = group_end(e, k, i, 0);
        if (students_in(e, i, j) < 2)
            continue;
        if (start) {
            start[ngroups++] = i;
            continue;
        }
        for (size_t m = i; m < j; m++) {
            others(e + i, j - i, e[m].v, 1, 1, who, sizeof who);
            conflict(e[m].v, what, who);
        }
    }
    /* a file may be in several groups (its essays): the groups are taken in key order, as a
     * sort of all by key gave them, so that its texts read the same */
    if (ngroups > 1)
        qsort_r(start, ngroups, sizeof *start, cmp_group, e);
    for (size_t g = 0; g < ngroups; g++) {
        size_t i = start[g], j = group_end(e, k, i, 0);
        for (size_t m = i; m < j; m++) {
            others(e + i, j - i, e[m].v, 1, 1, who, sizeof who);
            conflict(e[m].v, what, who);
        }
    }
    free(start);
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
    group_sort(e, k, 1, cmp_student_key, 0);
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
    group_sort(e, k, 1, cmp_student_key, 0);
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
        group_sort(e, k, 2, cmp_attempt, 0);
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
    group_sort(e, k, 0, cmp_key_student, 1);
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
            e[k++] = (struct entry){v[i], v[i]->responses_hash, 32, 0};
    copies(e, k, "the same responses as");
    k = 0;
    for (i = 0; i < n; i++) {
        if (!v[i]->valid || !v[i]->have_hashes || v[i]->duplicate)
            continue;
        for (size_t q = 0; q < v[i]->nessays && q < PROCTOR_ESSAY_PRINTS; q++)
            e[k++] = (struct entry){v[i], v[i]->essay_hash[q], 16, 0};
    }
    copies(e, k, "the same essay as");
    free(e);
    return 0;
}
