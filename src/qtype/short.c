/* SPDX-License-Identifier: ISC */
/*
 * short.c - a short answer: a word or phrase matched against a list of accepted answers
 * (textmatch.c: case, accents, punctuation and spaces folded, numbers normalised, '*' as a
 * wildcard, a small typo allowance); full points or none.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"

static const char short_hint[] = "Type a word or short phrase.";
static const char *const short_members[] = {"accept", "typos", NULL};
static const char *const short_shown[] = {NULL};
static const char *const short_answers[] = {"accept", "typos", NULL};

static int
short_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *v, *a;

    if (qload_form(L) == BANK_FORM_SEALED)
        return 0;
    v = qnode_member(jq, "accept");
    if (!qnode_is_array(v) || v->n == 0)
        return qload_report(L, v ? v : jq,
                            "question '%s': expected a non-empty array of strings 'accept'", q->id);
    q->accept = calloc(v->n, sizeof *q->accept);
    if (!q->accept)
        return qload_report(L, v, "out of memory");
    qnode_each(a, v)
    {
        if (!qnode_nonempty(a))
            return qload_report(L, a, "question '%s': expected a non-empty accepted answer", q->id);
        q->accept[q->naccept++] = qload_strdup(L, a->str);
    }
    q->typos = -1;
    v = qnode_member(jq, "typos");
    if (v) {
        int64_t t;
        if (qload_decimal(v, &t) < 0 || t % 1000 || t < 0 || t > 3000)
            return qload_report(L, v, "question '%s': 'typos' must be 0, 1, 2 or 3", q->id);
        q->typos = (int)(t / 1000);
    }
    return 0;
}

static int
short_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    cJSON *arr;

    (void)perm;
    if (!full)
        return 0;
    if (!(arr = cJSON_AddArrayToObject(o, "accept")))
        return -1;
    for (size_t i = 0; i < q->naccept; i++)
        if (!cJSON_AddItemToArray(arr, cJSON_CreateString(q->accept[i])))
            return -1;
    if (q->typos >= 0 && !cJSON_AddNumberToObject(o, "typos", q->typos))
        return -1;
    return 0;
}

static int64_t
short_grade(const struct proctor_question *q, const struct proctor_response *r)
{
    if (!r->text)
        return 0;
    for (size_t i = 0; i < q->naccept; i++)
        if (proctor_short_match(q->accept[i], r->text, q->typos))
            return q->points;
    return 0;
}

/* The first accepted answer, without its wildcards and the spaces around them. */
static void
short_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    struct sbuf t = {0};
    const char *p;
    char *clean;
    size_t k;

    (void)perm;
    if (q->naccept == 0 || !q->accept[0])
        return;
    for (p = q->accept[0]; *p; p++)
        if (*p != '*')
            sbuf_char(&t, *p);
    clean = sbuf_finish(&t);
    if (!clean) {
        b->failed = 1;
        return;
    }
    p = clean;
    while (qtype_is_space(*p))
        p++;
    k = strlen(p);
    while (k > 0 && qtype_is_space(p[k - 1]))
        k--;
    sbuf_put(b, p, k);
    free(clean);
}

/* clang-format off */
QTYPE_DEFINE(short,
             short_hint,            /* hint */
             short_members,         /* members */
             short_shown,           /* shown */
             short_answers,         /* answers */
             short_load,            /* load */
             qtype_release_none,    /* release */
             short_embed,           /* embed */
             qtype_no_items,        /* items */
             qtype_points,          /* max */
             short_grade,           /* grade */
             qtype_one_part,        /* parts */
             qtype_self,            /* part */
             qtype_parse_text,      /* parse */
             qtype_text_to_json,    /* to_json */
             qtype_text_from_json,  /* from_json */
             qtype_canon_text,      /* canonical */
             short_describe_answer, /* describe_answer */
             qtype_describe_text,   /* describe_response */
             qtype_show_nothing     /* show */);
/* clang-format on */
