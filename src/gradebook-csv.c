/* SPDX-License-Identifier: ISC */
/*
 * gradebook-csv.c - the gradebook and the per-file verdicts as CSV: proctor's own columns,
 * and the shapes Moodle's and Canvas's grade imports take.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "gradebook-internal.h"
#include "proctor/grade.h"
#include "proctor/score.h"

static const char *const format_names[] = {"proctor", "moodle", "canvas"};

int
proctor_gradebook_format_parse(const char *name)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(name, format_names[i]) == 0)
            return i;
    return -1;
}

static const char *
points(int64_t v, char *buf, size_t size)
{
    return proctor_format_points(v, buf, size);
}

static void
cell_points(struct sbuf *b, int64_t v, int last)
{
    char buf[32];
    csv_cell(b, points(v, buf, sizeof buf), last);
}

static void
cell_count(struct sbuf *b, size_t n, int last)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    csv_cell(b, buf, last);
}

/* What a row's reason column says: a conflict first (it needs the teacher's decision), then
 * the warnings; a row without a grade, why. */
static void
why(const struct proctor_gradebook_row *r, char *buf, size_t size)
{
    if (r->status == PROCTOR_STATUS_CONFLICT)
        snprintf(buf, size, "%s%s%s", r->reason, r->warnings[0] ? "; " : "", r->warnings);
    else if (r->status == PROCTOR_STATUS_MISSING)
        snprintf(buf, size, "nothing handed in%s%s", r->reason[0] ? "; " : "", r->reason);
    else
        snprintf(buf, size, "%s", r->graded ? r->warnings : r->reason);
}

/* Question k's column heading: "q3", or "q3 fax-date" with the bank id the key records. */
static void
item_heading(const struct proctor_gradebook *g, size_t k, char *buf, size_t size)
{
    const char *bid = g->a->bank_ids ? g->a->bank_ids[k] : NULL;
    snprintf(buf, size, "%s%s%s", g->a->qids[k], bid ? " " : "", bid ? bid : "");
}

static void
proctor_columns(struct sbuf *b, struct proctor_gradebook *g, size_t n, int items)
{
    static const char *const head[] = {"assignment", "title",    "student", "name",  "score",
                                       "max",        "percent",  "status",  "reason",
                                       "attempt",    "attempts", "late",    "overtime",
                                       "finished"};
    const size_t nhead = sizeof head / sizeof head[0];
    const char *id = g->a ? g->a->id : "", *title = g->a ? g->a->title : "";
    char buf[600];

    for (size_t i = 0; i < nhead; i++)
        csv_cell(b, head[i], i + 1 == nhead && !items);
    for (size_t k = 0; items && k < g->nitems; k++) {
        item_heading(g, k, buf, sizeof buf);
        csv_cell(b, buf, k + 1 == g->nitems);
    }
    for (size_t i = 0; i < n; i++) {
        const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
        int p = r->graded ? proctor_percent(r->earned, r->max) : -1;
        char pc[16];

        snprintf(pc, sizeof pc, "%d", p);
        csv_cell(b, id, 0);
        csv_cell(b, title, 0);
        csv_cell(b, r->student, 0);
        csv_cell(b, r->name, 0);
        if (r->graded) {
            cell_points(b, r->earned, 0);
            cell_points(b, r->max, 0);
        } else {
            csv_cell(b, "", 0);
            csv_cell(b, "", 0);
        }
        csv_cell(b, p >= 0 ? pc : "", 0);
        csv_cell(b, proctor_status_name(r->status), 0);
        why(r, buf, sizeof buf);
        csv_cell(b, buf, 0);
        if (r->graded && r->attempt > 0)
            cell_count(b, (size_t)r->attempt, 0);
        else
            csv_cell(b, r->graded ? "average" : "", 0);
        cell_count(b, r->attempts, 0);
        csv_cell(b, r->graded ? (r->late ? "yes" : "no") : "", 0);
        csv_cell(b, r->graded ? (r->overtime ? "yes" : "no") : "", 0);
        csv_cell(b, r->graded ? r->finished : "", !items);
        for (size_t k = 0; items && k < g->nitems; k++) {
            const struct proctor_question *q =
                g->key ? proctor_bank_find(g->key, g->a->qids[k]) : NULL;
            int last = k + 1 == g->nitems;
            /* an essay not marked yet has no points to show, not zero */
            if (!r->items || (q && q->type == PROCTOR_ESSAY && !r->items[k].marked))
                csv_cell(b, "", last);
            else
                cell_points(b, r->items[k].earned, last);
        }
    }
}

/* Moodle's grade import: map "ID number" to the users' ID number field, the title to the
 * grade item. Only grades: a row without one would change nothing or blank a grade. */
static void
moodle_columns(struct sbuf *b, struct proctor_gradebook *g, size_t n)
{
    csv_cell(b, "ID number", 0);
    csv_cell(b, g->a ? g->a->title : "grade", 1);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
        if (r->status != PROCTOR_STATUS_OK)
            continue;
        csv_cell(b, r->student, 0);
        cell_points(b, r->earned, 1);
    }
}

/* Canvas's gradebook import: the student columns of its own export (the roster id as the
 * SIS User ID it matches on), a column for the assignment and a Points Possible row. */
static void
canvas_columns(struct sbuf *b, struct proctor_gradebook *g, size_t n)
{
    int64_t possible = 0;
    int have = 0;

    csv_cell(b, "Student", 0);
    csv_cell(b, "ID", 0);
    csv_cell(b, "SIS User ID", 0);
    csv_cell(b, "SIS Login ID", 0);
    csv_cell(b, "Section", 0);
    csv_cell(b, g->a ? g->a->title : "grade", 1);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
        if (r->graded && !have) {
            possible = r->max;
            have = 1;
        }
    }
    if (g->key && g->a) {
        possible = 0;
        for (size_t k = 0; k < g->a->nq; k++) {
            const struct proctor_question *q = proctor_bank_find(g->key, g->a->qids[k]);
            possible += q ? q->points : 0;
        }
        have = 1;
    }
    csv_cell(b, "Points Possible", 0);
    for (int k = 0; k < 4; k++)
        csv_cell(b, "", 0);
    if (have)
        cell_points(b, possible, 1);
    else
        csv_cell(b, "", 1);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
        if (r->status != PROCTOR_STATUS_OK)
            continue;
        csv_cell(b, r->name, 0);
        csv_cell(b, "", 0);
        csv_cell(b, r->student, 0);
        csv_cell(b, "", 0);
        csv_cell(b, "", 0);
        cell_points(b, r->earned, 1);
    }
}

static int
finish(struct sbuf *b, char **out, size_t *len)
{
    size_t n = b->len;
    *out = sbuf_finish(b);
    *len = *out ? n : 0;
    return *out ? 0 : PROCTOR_ENOMEM;
}

int
proctor_gradebook_csv(struct proctor_gradebook *g, enum proctor_gradebook_format format,
                      unsigned flags, char **out, size_t *len)
{
    struct sbuf b = {0};
    size_t n = proctor_gradebook_count(g);

    if (flags & PROCTOR_CSV_BOM)
        sbuf_str(&b, CSV_BOM);
    switch (format) {
    case PROCTOR_GRADEBOOK_PROCTOR:
        proctor_columns(&b, g, n, g->a && g->nitems && !(flags & PROCTOR_CSV_NO_ITEMS));
        break;
    case PROCTOR_GRADEBOOK_MOODLE: moodle_columns(&b, g, n); break;
    case PROCTOR_GRADEBOOK_CANVAS: canvas_columns(&b, g, n); break;
    }
    return finish(&b, out, len);
}

int
proctor_verdicts_csv(const struct proctor_verdict *const *v, size_t n, unsigned flags,
                     char **out, size_t *len)
{
    static const char *const head[] = {"student", "name",   "score",    "max", "percent",
                                       "status",  "reason", "finished", "file"};
    struct sbuf b = {0};

    if (flags & PROCTOR_CSV_BOM)
        sbuf_str(&b, CSV_BOM);
    for (size_t i = 0; i < 9; i++)
        csv_cell(&b, head[i], i == 8);
    for (size_t i = 0; i < n; i++) {
        const struct proctor_verdict *d = v[i];
        int p = proctor_percent(d->earned, d->max);
        char pc[16];

        snprintf(pc, sizeof pc, "%d", p);
        csv_cell(&b, d->student, 0);
        csv_cell(&b, d->name, 0);
        if (d->valid) {
            cell_points(&b, d->earned, 0);
            cell_points(&b, d->max, 0);
        } else {
            csv_cell(&b, "", 0);
            csv_cell(&b, "", 0);
        }
        csv_cell(&b, d->valid && p >= 0 ? pc : "", 0);
        csv_cell(&b, proctor_status_name(d->status), 0);
        csv_cell(&b, d->status == PROCTOR_STATUS_OK ? d->warnings : d->reason, 0);
        csv_cell(&b, d->finished, 0);
        csv_cell(&b, d->file ? d->file : "", 1);
    }
    return finish(&b, out, len);
}
