/* SPDX-License-Identifier: ISC */
/* coverage.c - paragraphs of a document and the questions that cite them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank-internal.h"
#include "fnv1a.h"
#include "proctor/coverage.h"

static size_t
count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* FNV-1a of paragraph p with whitespace runs folded: equal texts hash alike, so repeats are
 * found by comparing numbers, and confirmed byte for byte. */
static uint64_t
para_hash(const struct proctor_doc *d, const struct proctor_para *pa)
{
    uint64_t h;
    char *f;
    size_t n;

    if (bank_fold(d->text + pa->start, pa->end - pa->start, &f, &n) < 0)
        return 0;
    h = fnv1a_bytes(f, n);
    free(f);
    return h;
}

static int
same_text(const struct proctor_doc *d, const struct proctor_para *a, const struct proctor_para *b)
{
    char *fa, *fb;
    size_t la, lb;
    int same = 0;

    if (bank_fold(d->text + a->start, a->end - a->start, &fa, &la) < 0)
        return 0;
    if (bank_fold(d->text + b->start, b->end - b->start, &fb, &lb) == 0) {
        same = la == lb && memcmp(fa, fb, la) == 0;
        free(fb);
    }
    free(fa);
    return same;
}

/* Marks in skipped[] every paragraph holding an occurrence of one of the skip quotes. */
static void
mark_skips(const struct proctor_doc *d, char *skipped)
{
    for (size_t k = 0; k < d->nskip; k++) {
        size_t s, e, from = 0;
        while (proctor_passage_find(d->text, d->len, d->skip[k], from, &s, &e) == 0) {
            skipped[bank_para_of(d, s)] = 1;
            from = s + 1;
        }
    }
}

int
proctor_coverage(const struct proctor_bank *bank, const struct proctor_doc *doc,
                 struct proctor_para_cov **out, size_t *n)
{
    struct proctor_para_cov *c = calloc(doc->nparas ? doc->nparas : 1, sizeof *c);
    char *skipped = calloc(doc->nparas ? doc->nparas : 1, 1);
    uint64_t *hash = calloc(doc->nparas ? doc->nparas : 1, sizeof *hash);

    *out = NULL;
    *n = 0;
    if (!c || !skipped || !hash) {
        free(c);
        free(skipped);
        free(hash);
        return PROCTOR_ENOMEM;
    }
    mark_skips(doc, skipped);
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        struct proctor_para_cov *pc;
        const struct proctor_question **nq;
        if (q->doc != doc || q->para >= doc->nparas)
            continue;
        pc = &c[q->para];
        nq = realloc(pc->qs, (pc->nqs + 1) * sizeof *nq);
        if (!nq) {
            proctor_coverage_free(c, doc->nparas);
            free(skipped);
            free(hash);
            return PROCTOR_ENOMEM;
        }
        pc->qs = nq;
        pc->qs[pc->nqs++] = q;
    }
    for (size_t p = 0; p < doc->nparas; p++) {
        const struct proctor_para *pa = &doc->paras[p];
        c[p].para = pa;
        c[p].kind = PROCTOR_COV_CONTENT;
        if (count_words(doc->text + pa->start, pa->end - pa->start) < PROCTOR_COV_MIN_WORDS) {
            c[p].kind = PROCTOR_COV_SHORT;
            continue;
        }
        hash[p] = para_hash(doc, pa);
        if (skipped[p]) {
            c[p].kind = PROCTOR_COV_SKIP;
        } else {
            /* a repeat of a skipped paragraph is skipped too */
            for (size_t k = 0; k < p; k++)
                if ((c[k].kind == PROCTOR_COV_CONTENT || c[k].kind == PROCTOR_COV_SKIP) &&
                    hash[k] == hash[p] && same_text(doc, &doc->paras[k], pa)) {
                    c[p].kind = c[k].kind == PROCTOR_COV_SKIP ? PROCTOR_COV_SKIP
                                                              : PROCTOR_COV_REPEAT;
                    c[p].repeat_of = k;
                    break;
                }
        }
    }
    for (size_t p = 0; p < doc->nparas; p++) {
        if (c[p].kind == PROCTOR_COV_CONTENT)
            c[p].covered = c[p].nqs > 0;
        else if (c[p].kind == PROCTOR_COV_REPEAT)
            c[p].covered = c[p].nqs > 0 || c[c[p].repeat_of].nqs > 0;
        else
            c[p].covered = 1;
    }
    free(skipped);
    free(hash);
    *out = c;
    *n = doc->nparas;
    return 0;
}

void
proctor_coverage_free(struct proctor_para_cov *cov, size_t n)
{
    if (!cov)
        return;
    for (size_t i = 0; i < n; i++)
        free(cov[i].qs);
    free(cov);
}
