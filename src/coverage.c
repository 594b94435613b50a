/* SPDX-License-Identifier: ISC */
/* coverage.c - paragraphs of a document and the questions that cite them. */
#include <stdlib.h>
#include <string.h>

#include "bank-internal.h"
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

static int
same_text(const struct proctor_doc *d, const struct proctor_para *a, const struct proctor_para *b)
{
    char *fa, *fb;
    size_t la, lb;
    int same = 0;

    if (bank_fold(d->text + a->start, a->end - a->start, &fa, NULL, &la) < 0)
        return 0;
    if (bank_fold(d->text + b->start, b->end - b->start, &fb, NULL, &lb) == 0) {
        same = la == lb && memcmp(fa, fb, la) == 0;
        free(fb);
    }
    free(fa);
    return same;
}

/* Whether any occurrence of a skip quote lies in paragraph p. */
static int
skip_listed(const struct proctor_doc *d, size_t p)
{
    for (size_t k = 0; k < d->nskip; k++) {
        size_t s, e, from = 0;
        while (proctor_passage_find(d->text, d->len, d->skip[k], from, &s, &e) == 0) {
            if (bank_para_of(d, s) == p)
                return 1;
            from = s + 1;
        }
    }
    return 0;
}

int
proctor_coverage(const struct proctor_bank *bank, const struct proctor_doc *doc,
                 struct proctor_para_cov **out, size_t *n)
{
    struct proctor_para_cov *c = calloc(doc->nparas ? doc->nparas : 1, sizeof *c);

    *out = NULL;
    *n = 0;
    if (!c)
        return PROCTOR_ENOMEM;
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
        } else if (skip_listed(doc, p)) {
            c[p].kind = PROCTOR_COV_SKIP;
        } else {
            /* a repeat of a skipped paragraph is skipped too */
            for (size_t k = 0; k < p; k++)
                if ((c[k].kind == PROCTOR_COV_CONTENT || c[k].kind == PROCTOR_COV_SKIP) &&
                    same_text(doc, &doc->paras[k], pa)) {
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
