/* SPDX-License-Identifier: ISC */
/* study-queue.c - what to study now: due learning steps, due reviews, new questions, more. */
#include <stdlib.h>
#include <string.h>

#include "proctor/study.h"

struct entry {
    double key1, key2;
    size_t idx;
};

static int
cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->key1 != y->key1)
        return x->key1 < y->key1 ? -1 : 1;
    if (x->key2 != y->key2)
        return x->key2 < y->key2 ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Appends up to max entries of e (sorted) to order; returns how many. */
static size_t
take(struct entry *e, size_t n, size_t max, size_t *order, size_t *len)
{
    size_t k = 0;
    qsort(e, n, sizeof *e, cmp_entry);
    for (; k < n && k < max; k++)
        order[(*len)++] = e[k].idx;
    return k;
}

static void
later(struct proctor_study_plan *p, int64_t due)
{
    if (!p->next_due || due < p->next_due)
        p->next_due = due;
}

size_t
proctor_study_plan(const struct proctor_study_item *items, size_t n,
                   const struct proctor_fsrs *f, const struct proctor_study_plan_opts *o,
                   size_t *order, struct proctor_study_plan *p)
{
    struct entry *learn = NULL, *due = NULL, *fresh = NULL, *ahead = NULL;
    size_t nl = 0, nd = 0, nf = 0, na = 0, len = 0, room, k;
    size_t cap = o->limit ? o->limit : SIZE_MAX;

    memset(p, 0, sizeof *p);
    learn = malloc((n ? n : 1) * sizeof *learn);
    due = malloc((n ? n : 1) * sizeof *due);
    fresh = malloc((n ? n : 1) * sizeof *fresh);
    ahead = malloc((n ? n : 1) * sizeof *ahead);
    if (!learn || !due || !fresh || !ahead) {
        len = SIZE_MAX;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const struct proctor_fsrs_card *c = &items[i].fc;
        if (items[i].partial) {
            p->due_later++; /* not due before the load's horizon */
        } else if (items[i].card == 0 || c->state == PROCTOR_FSRS_NEW) {
            fresh[nf++] = (struct entry){(double)items[i].q->difficulty, (double)i, i};
        } else if ((c->state == PROCTOR_FSRS_LEARNING || c->state == PROCTOR_FSRS_RELEARNING) &&
                   c->due <= o->now + o->learn_ahead) {
            learn[nl++] = (struct entry){(double)c->due, 0, i};
        } else if (c->state == PROCTOR_FSRS_REVIEW && c->due < o->day_end) {
            due[nd++] = (struct entry){(double)c->due, 0, i};
        } else {
            double days = (double)(o->now - c->last_review) / 86400.0;
            ahead[na++] = (struct entry){proctor_fsrs_retrievability(f, days, c->stability),
                                         (double)c->due, i};
        }
    }
    p->fresh_left = nf;
    p->learning = take(learn, nl, cap - len, order, &len);
    p->review = take(due, nd, cap - len, order, &len);
    room = cap - len < o->new_limit ? cap - len : o->new_limit;
    p->fresh = take(fresh, nf, room, order, &len);
    if (o->more) {
        /* past what is due: the least retrievable cards first, then more new questions */
        size_t extra = o->limit ? o->limit : 20;
        qsort(ahead, na, sizeof *ahead, cmp_entry);
        for (k = 0; k < na && extra > 0; k++, extra--)
            order[len++] = ahead[k].idx;
        p->ahead = k;
        for (k = p->fresh; k < nf && extra > 0; k++, extra--) {
            order[len++] = fresh[k].idx;
            p->fresh++;
        }
    }
    /* what is left for later: due cards past the limit and the cards not due yet */
    p->due_later += (nl - p->learning) + (nd - p->review) + (na - p->ahead);
    for (k = p->learning; k < nl; k++)
        later(p, items[learn[k].idx].fc.due);
    for (k = p->review; k < nd; k++)
        later(p, items[due[k].idx].fc.due);
    for (k = p->ahead; k < na; k++)
        later(p, items[ahead[k].idx].fc.due);
out:
    free(learn);
    free(due);
    free(fresh);
    free(ahead);
    return len;
}
