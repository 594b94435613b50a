/* SPDX-License-Identifier: ISC */
/*
 * item-stats.c - item analysis from a gradebook, the way Moodle's quiz statistics compute it
 * (facility, standard deviation, discrimination index against the rest of the test,
 * Cronbach's alpha, standard error), the options picked, and the analysis as CSV.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "gradebook-internal.h"
#include "proctor/grade.h"
#include "proctor/item-stats.h"
#include "proctor/score.h"

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The sample variance of x[0..n) (n - 1); 0 for fewer than two. */
static double
variance(const double *x, size_t n, double *mean)
{
    double m = 0, ss = 0;

    for (size_t i = 0; i < n; i++)
        m += x[i];
    m = n ? m / (double)n : 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - m) * (x[i] - m);
    if (mean)
        *mean = m;
    return n > 1 ? ss / (double)(n - 1) : 0;
}

/* Pearson's correlation of x and y; 0 with *ok 0 when either has no spread. */
static double
correlation(const double *x, const double *y, size_t n, int *ok)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    *ok = n > 1 && sxx > 0 && syy > 0;
    return *ok ? sxy / sqrt(sxx * syy) : 0;
}

static int
options_of(struct proctor_item_stat *it)
{
    const struct proctor_question *q = it->q;

    if (!q)
        return 0;
    if (q->type == PROCTOR_TRUEFALSE) {
        if (!(it->options = calloc(2, sizeof *it->options)))
            return -1;
        it->options[0].id = "true";
        it->options[0].correct = q->truth != 0;
        it->options[1].id = "false";
        it->options[1].correct = q->truth == 0;
        it->noptions = 2;
    } else if (q->type == PROCTOR_CHOICE || q->type == PROCTOR_MULTI) {
        size_t n = q->noptions < 64 ? q->noptions : 64;
        if (!(it->options = calloc(n ? n : 1, sizeof *it->options)))
            return -1;
        for (size_t k = 0; k < n; k++) {
            it->options[k].id = q->options[k].id;
            it->options[k].text = q->options[k].text;
            it->options[k].correct = q->options[k].correct;
        }
        it->noptions = n;
    }
    return 0;
}

int
proctor_item_stats_compute(struct proctor_gradebook *g, struct proctor_item_stats **out,
                           struct proctor_error *err)
{
    struct proctor_item_stats *s;
    size_t nrows, n = 0, k, nq;
    double *score = NULL, *total = NULL, *pct = NULL, *rest = NULL;
    const struct proctor_gradebook_row **rows = NULL;

    *out = NULL;
    if (!g->a)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "item analysis needs the assignment");
    nq = g->a->nq;
    nrows = proctor_gradebook_count(g);
    if (!(s = calloc(1, sizeof *s)))
        goto oom;
    s->items = calloc(nq ? nq : 1, sizeof *s->items);
    rows = malloc((nrows ? nrows : 1) * sizeof *rows);
    if (!s->items || !rows)
        goto oom;
    s->nitems = nq;
    for (size_t i = 0; i < nrows; i++) {
        const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
        if (r->graded && r->items && r->nitems == nq)
            rows[n++] = r;
    }
    s->students = n;
    score = malloc((n ? n : 1) * nq * sizeof *score + 1);
    total = calloc(n ? n : 1, sizeof *total);
    pct = malloc((n ? n : 1) * sizeof *pct);
    rest = malloc((n ? n : 1) * sizeof *rest);
    if (!score || !total || !pct || !rest)
        goto oom;
    for (k = 0; k < nq; k++) {
        struct proctor_item_stat *it = &s->items[k];
        it->qid = g->a->qids[k];
        it->bank_id = g->a->bank_ids ? g->a->bank_ids[k] : NULL;
        it->q = g->key ? proctor_bank_find(g->key, it->qid) : NULL;
        /* an essay's points are the teacher's to give: proctor_grade_max knows none */
        it->max = !it->q                           ? 0
                  : it->q->type == PROCTOR_ESSAY ? it->q->points
                                                 : proctor_grade_max(it->q);
        s->max += it->max;
        if (options_of(it) < 0)
            goto oom;
    }
    /* the points of each student on each item, and each total (of the items, in points) */
    for (size_t i = 0; i < n; i++) {
        const struct proctor_gradebook_row *r = rows[i];
        for (k = 0; k < nq; k++) {
            const struct proctor_verdict_item *v = &r->items[k];
            struct proctor_item_stat *it = &s->items[k];
            score[k * n + i] = (double)v->earned / 1000.0;
            total[i] += score[k * n + i];
            it->answered += v->answered != 0;
            if (it->q && it->q->type == PROCTOR_ESSAY && v->answered && !v->marked)
                it->unmarked++;
            for (size_t o = 0; o < it->noptions; o++)
                it->options[o].picked += (size_t)(v->picks >> o & 1);
        }
        pct[i] = r->max > 0 ? 100.0 * (double)r->earned / (double)r->max : 0;
        s->histogram[proctor_percent(r->earned, r->max) >= 100
                         ? 9
                         : (size_t)(proctor_percent(r->earned, r->max) < 0
                                        ? 0
                                        : proctor_percent(r->earned, r->max) / 10)]++;
    }
    /* per item */
    {
        double sumvar = 0, vt;
        for (k = 0; k < nq; k++) {
            struct proctor_item_stat *it = &s->items[k];
            const double *x = &score[k * n];
            double max = (double)it->max / 1000.0, var = variance(x, n, &it->mean);
            int ok = 0;
            sumvar += var;
            if (max > 0) {
                it->facility = 100.0 * it->mean / max;
                it->sd = 100.0 * sqrt(var) / max;
            }
            for (size_t i = 0; i < n; i++)
                rest[i] = total[i] - x[i];
            it->discrimination = 100.0 * correlation(x, rest, n, &ok);
            it->has_discrimination = ok;
            if (n > 1 && var == 0)
                it->flags |= PROCTOR_ITEM_NO_SPREAD;
            if (ok && it->discrimination < 0)
                it->flags |= PROCTOR_ITEM_NEGATIVE;
            else if (ok && it->discrimination < PROCTOR_ITEM_LOW_DISCRIMINATION)
                it->flags |= PROCTOR_ITEM_LOW;
            for (size_t o = 0; n && o < it->noptions; o++)
                if (!it->options[o].correct && !it->options[o].picked &&
                    it->q->type != PROCTOR_TRUEFALSE)
                    it->flags |= PROCTOR_ITEM_UNPICKED;
            if (it->unmarked)
                it->flags |= PROCTOR_ITEM_UNMARKED;
        }
        vt = variance(total, n, NULL);
        if (nq > 1 && n > 1 && vt > 0) {
            s->has_alpha = 1;
            s->alpha = (double)nq / (double)(nq - 1) * (1.0 - sumvar / vt);
        }
    }
    /* the test */
    if (n) {
        double var = variance(pct, n, &s->mean);
        s->sd = sqrt(var);
        qsort(pct, n, sizeof *pct, cmp_double);
        s->median = n % 2 ? pct[n / 2] : (pct[n / 2 - 1] + pct[n / 2]) / 2;
        if (s->has_alpha)
            s->sem = s->sd * sqrt(s->alpha < 1 ? 1 - s->alpha : 0);
    }
    free(score);
    free(total);
    free(pct);
    free(rest);
    free(rows);
    *out = s;
    return 0;
oom:
    free(score);
    free(total);
    free(pct);
    free(rest);
    free(rows);
    proctor_item_stats_free(s);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

void
proctor_item_stats_free(struct proctor_item_stats *s)
{
    if (!s)
        return;
    for (size_t k = 0; s->items && k < s->nitems; k++)
        free(s->items[k].options);
    free(s->items);
    free(s);
}

const char *
proctor_item_flags(const struct proctor_item_stat *it, char *buf, size_t size)
{
    size_t len = 0;

#define ADD(...)                                                                                   \
    do {                                                                                           \
        int w_ = snprintf(buf + len, size - len, "%s", len ? "; " : "");                           \
        if (w_ > 0 && (size_t)w_ < size - len)                                                     \
            len += (size_t)w_;                                                                     \
        w_ = snprintf(buf + len, size - len, __VA_ARGS__);                                         \
        if (w_ > 0)                                                                                \
            len = (size_t)w_ < size - len ? len + (size_t)w_ : size - 1;                           \
    } while (0)
    if (!size)
        return buf;
    buf[0] = '\0';
    if (it->flags & PROCTOR_ITEM_NEGATIVE)
        ADD("negative discrimination");
    if (it->flags & PROCTOR_ITEM_LOW)
        ADD("low discrimination");
    if (it->flags & PROCTOR_ITEM_NO_SPREAD)
        ADD("no spread");
    for (size_t o = 0; (it->flags & PROCTOR_ITEM_UNPICKED) && o < it->noptions; o++)
        if (!it->options[o].correct && !it->options[o].picked)
            ADD("distractor %s picked by nobody", it->options[o].id);
    if (it->flags & PROCTOR_ITEM_UNMARKED)
        ADD("%zu essay%s unmarked", it->unmarked, it->unmarked == 1 ? "" : "s");
#undef ADD
    return buf;
}

static void
cell_double(struct sbuf *b, int have, double v, int last)
{
    char buf[32];
    if (have)
        snprintf(buf, sizeof buf, "%.1f", v);
    else
        buf[0] = '\0';
    csv_cell(b, buf, last);
}

int
proctor_item_stats_csv(const struct proctor_item_stats *s, unsigned flags, char **out, size_t *len)
{
    static const char *const head[] = {"question",       "bank id",  "type",          "prompt",
                                       "points",         "answered", "facility",      "sd",
                                       "discrimination", "flags",    "options picked"};
    const size_t nhead = sizeof head / sizeof head[0];
    struct sbuf b = {0};
    char buf[1024];

    if (flags & PROCTOR_CSV_BOM)
        sbuf_str(&b, CSV_BOM);
    for (size_t i = 0; i < nhead; i++)
        csv_cell(&b, head[i], i + 1 == nhead);
    for (size_t k = 0; k < s->nitems; k++) {
        const struct proctor_item_stat *it = &s->items[k];
        struct sbuf picks = {0};
        char *p;
        csv_cell(&b, it->qid, 0);
        csv_cell(&b, it->bank_id ? it->bank_id : "", 0);
        csv_cell(&b, it->q ? proctor_qtype_name(it->q->type) : "", 0);
        csv_cell(&b, it->q ? it->q->prompt : "", 0);
        csv_cell(&b, proctor_format_points(it->max, buf, sizeof buf), 0);
        snprintf(buf, sizeof buf, "%zu", it->answered);
        csv_cell(&b, buf, 0);
        cell_double(&b, s->students > 0, it->facility, 0);
        cell_double(&b, s->students > 1, it->sd, 0);
        cell_double(&b, it->has_discrimination, it->discrimination, 0);
        csv_cell(&b, proctor_item_flags(it, buf, sizeof buf), 0);
        for (size_t o = 0; o < it->noptions; o++) {
            snprintf(buf, sizeof buf, "%s%s%s=%zu", o ? " " : "", it->options[o].id,
                     it->options[o].correct ? "*" : "", it->options[o].picked);
            sbuf_str(&picks, buf);
        }
        if (!(p = sbuf_finish(&picks)))
            b.failed = 1;
        csv_cell(&b, p ? p : "", 1);
        free(p);
    }
    *out = sbuf_finish(&b);
    if (!*out)
        return PROCTOR_ENOMEM;
    *len = strlen(*out);
    return 0;
}
