/* SPDX-License-Identifier: ISC */
/*
 * gradebook.c - per-student grades from verdicts: the grading method over attempts, the
 * roster's students with nothing handed in, the summary. The CSV shapes are in
 * gradebook-csv.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv1a.h"
#include "gradebook-internal.h"
#include "proctor/score.h"

struct attempt {
    int64_t earned, max, number;
    char finished[32];
    char warnings[256];
    unsigned char payload_hash[32]; /* last tie-break: no two attempts compare equal */
    int conflict, late, overtime;
    char reason[256];               /* the conflict, when there is one */
    struct proctor_verdict_item *items; /* copied from the verdict (nitems of the book) */
};

struct student {
    struct proctor_gradebook_row row;
    struct attempt *v; /* counted attempts */
    size_t n, cap;
    size_t refused;
    size_t unproven; /* refused files claiming to be this student, not signed by their key */
    char note[256];  /* of them, the one whose note sorts first */
    struct proctor_verdict_item *mean; /* the average method's items */
};

static const char *const method_names[] = {"highest", "last", "first", "average"};

int
proctor_method_parse(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, method_names[i]) == 0)
            return i;
    return -1;
}

const char *
proctor_method_name(enum proctor_method m)
{
    return (unsigned)m < 4 ? method_names[m] : "?";
}

int
proctor_gradebook_new(enum proctor_method method, struct proctor_gradebook **out,
                      struct proctor_error *err)
{
    struct proctor_gradebook *g;

    *out = NULL;
    if ((unsigned)method > PROCTOR_METHOD_AVERAGE)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "bad gradebook settings");
    if (!(g = calloc(1, sizeof *g)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    g->method = method;
    *out = g;
    return 0;
}

void
proctor_gradebook_free(struct proctor_gradebook *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        for (size_t k = 0; k < g->s[i].n; k++)
            free(g->s[i].v[k].items);
        free(g->s[i].v);
        free(g->s[i].mean);
    }
    free(g->s);
    free(g->table);
    free(g);
}

static size_t
hash(const char *s)
{
    return (size_t)fnv1a(s);
}

static int
rehash(struct proctor_gradebook *g)
{
    size_t nc = g->tcap ? g->tcap * 2 : 256, *nt = calloc(nc, sizeof *nt);

    if (!nt)
        return -1;
    for (size_t i = 0; i < g->n; i++) {
        size_t h = hash(g->s[i].row.student) & (nc - 1);
        while (nt[h])
            h = (h + 1) & (nc - 1);
        nt[h] = i + 1;
    }
    free(g->table);
    g->table = nt;
    g->tcap = nc;
    return 0;
}

/* The student with this id, added when new and create is set; NULL on out of memory, or
 * when not there and not created. */
static struct student *
student(struct proctor_gradebook *g, const char *id, const char *name, int create)
{
    size_t h;
    struct student *s;

    if (g->sorted) { /* rows were sorted: the table is stale */
        g->sorted = 0;
        g->tcap = 0;
        if (rehash(g) < 0)
            return NULL;
    }
    if ((g->n + 1) * 2 > g->tcap && rehash(g) < 0)
        return NULL;
    for (h = hash(id) & (g->tcap - 1); g->table[h]; h = (h + 1) & (g->tcap - 1))
        if (strcmp(g->s[g->table[h] - 1].row.student, id) == 0) {
            s = &g->s[g->table[h] - 1];
            if (!s->row.name[0] && name[0])
                snprintf(s->row.name, sizeof s->row.name, "%s", name);
            return s;
        }
    if (!create)
        return NULL;
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 64;
        struct student *ns = realloc(g->s, nc * sizeof *ns);
        if (!ns)
            return NULL;
        g->s = ns;
        g->cap = nc;
    }
    s = &g->s[g->n];
    memset(s, 0, sizeof *s);
    snprintf(s->row.student, sizeof s->row.student, "%s", id);
    snprintf(s->row.name, sizeof s->row.name, "%s", name);
    g->table[h] = ++g->n;
    return s;
}

void
proctor_gradebook_set_assignment(struct proctor_gradebook *g, const struct proctor_assignment *a,
                                 const struct proctor_bank *key)
{
    g->a = a;
    g->key = key;
    g->nitems = a ? a->nq : 0;
}

int
proctor_gradebook_add_roster(struct proctor_gradebook *g, const struct proctor_roster *r)
{
    for (size_t i = 0; i < proctor_roster_count(r); i++) {
        const struct proctor_key *k = proctor_roster_get(r, i);
        if (!student(g, k->id, k->name, 1))
            return PROCTOR_ENOMEM;
    }
    return 0;
}

int
proctor_gradebook_add(struct proctor_gradebook *g, const struct proctor_verdict *v)
{
    struct student *s;
    struct attempt *a;

    if (!v->student[0] && v->claimed[0] && (s = student(g, v->claimed, "", 0)) != NULL) {
        /* not proven to be theirs, so not charged to them; but they are told of it */
        char note[sizeof s->note];
        snprintf(note, sizeof note, "'%.60s' claims to be %s but is refused: %.90s",
                 v->file ? v->file : "?", v->claimed, v->reason);
        if (!s->unproven++ || strcmp(note, s->note) < 0)
            memcpy(s->note, note, sizeof note);
    }
    if (!v->student[0] || v->status == PROCTOR_STATUS_UNCHECKED)
        return v->status == PROCTOR_STATUS_OK || v->status == PROCTOR_STATUS_CONFLICT
                   ? 0
                   : PROCTOR_EVERIFY;
    if (!(s = student(g, v->student, v->name, 1)))
        return PROCTOR_ENOMEM;
    s->row.files++;
    if (v->duplicate)
        return 0;
    s->row.attempts++;
    if (v->status == PROCTOR_STATUS_INVALID || !v->valid) {
        s->refused++;
        /* of several refused files, the reason that sorts first: no file order decides */
        if (!s->row.reason[0] || strcmp(v->reason, s->row.reason) < 0)
            snprintf(s->row.reason, sizeof s->row.reason, "%s", v->reason);
        return PROCTOR_EVERIFY;
    }
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 4;
        struct attempt *nv = realloc(s->v, nc * sizeof *nv);
        if (!nv)
            return PROCTOR_ENOMEM;
        s->v = nv;
        s->cap = nc;
    }
    a = &s->v[s->n];
    memset(a, 0, sizeof *a);
    if (g->nitems && v->items && v->nitems == g->nitems) {
        if (!(a->items = malloc(g->nitems * sizeof *a->items)))
            return PROCTOR_ENOMEM;
        memcpy(a->items, v->items, g->nitems * sizeof *a->items);
    }
    s->n++;
    a->earned = v->earned + v->essay_earned;
    a->max = v->max + v->essay_max;
    a->number = v->attempt;
    snprintf(a->finished, sizeof a->finished, "%s", v->finished);
    snprintf(a->warnings, sizeof a->warnings, "%s", v->warnings);
    memcpy(a->payload_hash, v->payload_hash, sizeof a->payload_hash);
    a->conflict = v->status == PROCTOR_STATUS_CONFLICT;
    a->late = v->late;
    a->overtime = v->overtime;
    snprintf(a->reason, sizeof a->reason, "%s", a->conflict ? v->reason : "");
    return 0;
}

/* Appends each "; "-separated part of w to dst unless it is there already. */
static void
merge_warnings(char *dst, size_t size, const char *w)
{
    while (*w) {
        const char *end = strstr(w, "; ");
        size_t len = end ? (size_t)(end - w) : strlen(w), n = strlen(dst);
        int have = 0;
        for (const char *p = dst; *p && !have;) {
            const char *pe = strstr(p, "; ");
            size_t pl = pe ? (size_t)(pe - p) : strlen(p);
            have = pl == len && memcmp(p, w, len) == 0;
            p += pl + (pe ? 2 : 0);
        }
        if (!have)
            snprintf(dst + n, size - n, "%s%.*s", n ? "; " : "", (int)len, w);
        w = end ? end + 2 : w + len;
    }
}

/* Attempts in the order they count: by number, then finish time, then signed bytes. */
static int
cmp_attempt(const void *x, const void *y)
{
    const struct attempt *a = x, *b = y;
    int c = (a->number > b->number) - (a->number < b->number);
    if (!c)
        c = strcmp(a->finished, b->finished);
    return c ? c : memcmp(a->payload_hash, b->payload_hash, sizeof a->payload_hash);
}

/* Whether a beats b, which comes earlier in cmp_attempt order (a tie keeps b). */
static int
better(enum proctor_method m, const struct attempt *a, const struct attempt *b)
{
    switch (m) {
    case PROCTOR_METHOD_LAST: return 1;
    case PROCTOR_METHOD_FIRST:
    case PROCTOR_METHOD_AVERAGE: return 0;
    case PROCTOR_METHOD_HIGHEST: /* earned/max compared exactly (both below 2^31) */
        return a->earned * (b->max ? b->max : 1) > b->earned * (a->max ? a->max : 1);
    }
    return 0;
}

static void
settle(struct proctor_gradebook *g, struct student *s)
{
    struct proctor_gradebook_row *r = &s->row;
    char extra[64];

    r->counted = s->n;
    r->graded = s->n > 0;
    r->warnings[0] = '\0';
    r->items = NULL;
    r->nitems = 0;
    r->late = r->overtime = 0;
    r->status = s->n ? PROCTOR_STATUS_OK
                : r->files ? PROCTOR_STATUS_INVALID
                           : PROCTOR_STATUS_MISSING;
    if (r->status == PROCTOR_STATUS_MISSING)
        snprintf(r->reason, sizeof r->reason, "%s", s->note);
    if (s->unproven && r->status != PROCTOR_STATUS_MISSING) {
        snprintf(extra, sizeof extra, "%zu refused file%s claiming to be them", s->unproven,
                 s->unproven == 1 ? "" : "s");
        merge_warnings(r->warnings, sizeof r->warnings, extra);
    }
    if (s->n == 0)
        return;
    qsort(s->v, s->n, sizeof *s->v, cmp_attempt);
    r->reason[0] = '\0';
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].conflict) {
            r->status = PROCTOR_STATUS_CONFLICT;
            merge_warnings(r->reason, sizeof r->reason, s->v[i].reason);
        }
    if (g->method == PROCTOR_METHOD_AVERAGE) {
        int64_t e = 0, m = 0;
        const char *latest = s->v[0].finished;
        int items = g->nitems > 0;
        for (size_t i = 0; i < s->n; i++) {
            e += s->v[i].earned;
            m += s->v[i].max;
            if (strcmp(s->v[i].finished, latest) > 0)
                latest = s->v[i].finished;
            merge_warnings(r->warnings, sizeof r->warnings, s->v[i].warnings);
            r->late |= s->v[i].late;
            r->overtime |= s->v[i].overtime;
            items &= s->v[i].items != NULL;
        }
        r->earned = (e + (int64_t)s->n / 2) / (int64_t)s->n;
        r->max = (m + (int64_t)s->n / 2) / (int64_t)s->n;
        r->attempt = 0;
        snprintf(r->finished, sizeof r->finished, "%s", latest);
        free(s->mean);
        s->mean = items ? calloc(g->nitems, sizeof *s->mean) : NULL;
        for (size_t k = 0; s->mean && k < g->nitems; k++) {
            int64_t sum = 0;
            for (size_t i = 0; i < s->n; i++) {
                sum += s->v[i].items[k].earned;
                s->mean[k].answered |= s->v[i].items[k].answered;
                s->mean[k].marked |= s->v[i].items[k].marked;
                s->mean[k].picks |= s->v[i].items[k].picks;
            }
            s->mean[k].earned = (sum + (int64_t)s->n / 2) / (int64_t)s->n;
        }
        r->items = s->mean;
    } else {
        const struct attempt *best = &s->v[0];
        for (size_t i = 1; i < s->n; i++)
            if (better(g->method, &s->v[i], best))
                best = &s->v[i];
        r->earned = best->earned;
        r->max = best->max;
        r->attempt = best->number;
        r->late = best->late;
        r->overtime = best->overtime;
        r->items = best->items;
        snprintf(r->finished, sizeof r->finished, "%s", best->finished);
        merge_warnings(r->warnings, sizeof r->warnings, best->warnings);
    }
    r->nitems = r->items ? g->nitems : 0;
    if (s->refused) {
        snprintf(extra, sizeof extra, "%zu file%s refused", s->refused,
                 s->refused == 1 ? "" : "s");
        merge_warnings(r->warnings, sizeof r->warnings, extra);
    }
}

static int
cmp_student(const void *a, const void *b)
{
    const struct student *x = a, *y = b;
    return strcmp(x->row.student, y->row.student);
}

size_t
proctor_gradebook_count(struct proctor_gradebook *g)
{
    if (g->n > 1 && !g->sorted)
        qsort(g->s, g->n, sizeof *g->s, cmp_student);
    g->sorted = 1;
    for (size_t i = 0; i < g->n; i++)
        settle(g, &g->s[i]);
    return g->n;
}

const struct proctor_gradebook_row *
proctor_gradebook_row(const struct proctor_gradebook *g, size_t i)
{
    return i < g->n ? &g->s[i].row : NULL;
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void
proctor_gradebook_summary(struct proctor_gradebook *g, struct proctor_gradebook_summary *out)
{
    int64_t *pct, sum = 0;
    size_t n = proctor_gradebook_count(g), k = 0;

    memset(out, 0, sizeof *out);
    out->students = n;
    pct = malloc((n ? n : 1) * sizeof *pct);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_gradebook_row *r = &g->s[i].row;
        switch (r->status) {
        case PROCTOR_STATUS_OK: out->ok++; break;
        case PROCTOR_STATUS_CONFLICT: out->conflict++; break;
        case PROCTOR_STATUS_INVALID:
        case PROCTOR_STATUS_UNCHECKED: out->invalid++; break;
        case PROCTOR_STATUS_MISSING: out->missing++; break;
        }
        if (!r->graded)
            continue;
        out->graded++;
        if (r->max <= 0 || !pct)
            continue;
        pct[k] = (r->earned * 100000 + r->max / 2) / r->max;
        sum += pct[k++];
        /* the bucket of the percentage every screen shows; 100 % goes in 90-100 */
        out->histogram[(size_t)(proctor_percent(r->earned, r->max) == 100
                                    ? 9
                                    : proctor_percent(r->earned, r->max) / 10)]++;
    }
    if (k) {
        qsort(pct, k, sizeof *pct, cmp_i64);
        out->mean = (sum + (int64_t)k / 2) / (int64_t)k;
        out->median = k % 2 ? pct[k / 2] : (pct[k / 2 - 1] + pct[k / 2] + 1) / 2;
    }
    free(pct);
}
