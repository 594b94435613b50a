/* SPDX-License-Identifier: ISC */
/*
 * short.c - a short answer: a word or phrase matched against a list of accepted answers, and
 * a list of known wrong ones, under the question's switches (textmatch.c: case, accents and
 * punctuation folded, the accepted answer found as whole words in a longer one, a few slips
 * of the keys per word; names.c for people's names); full points or none.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../grade-prep.h"
#include "../qtype.h"

static const char short_hint[] = "Type a word or short phrase.";
static const char *const short_members[] = {"accept",         "reject",           "typos",
                                            "kind",           "case_sensitive",   "accents_required",
                                            "containment",    NULL};
static const char *const short_shown[] = {NULL};
static const char *const short_answers[] = {"accept",         "reject",           "typos",
                                            "kind",           "case_sensitive",   "accents_required",
                                            "containment",    NULL};

/* A non-empty array of non-empty strings named name into *out (*n entries). */
static int
load_texts(struct qload *L, const struct proctor_question *q, const struct qnode *jq,
           const char *name, int required, char ***out, size_t *n)
{
    const struct qnode *v = qnode_member(jq, name), *a;

    if (!v && !required)
        return 0;
    if (!qnode_is_array(v) || v->n == 0)
        return qload_report(L, v ? v : jq, "question '%s': expected a non-empty array of strings '%s'",
                            q->id, name);
    *out = calloc(v->n, sizeof **out);
    if (!*out)
        return qload_report(L, v, "out of memory");
    qnode_each(a, v)
    {
        if (!qnode_nonempty(a))
            return qload_report(L, a, "question '%s': expected a non-empty string in '%s'", q->id,
                                name);
        if (strlen(a->str) > 1024)
            return qload_report(L, a, "question '%s': an entry of '%s' is longer than 1024 bytes",
                                q->id, name);
        (*out)[(*n)++] = qload_strdup(L, a->str);
    }
    return 0;
}

/* A switch: true or false, into the bit of q->match (set means the stricter rule). */
static int
load_switch(struct qload *L, struct proctor_question *q, const struct qnode *jq,
            const char *name, unsigned bit, int strict_when)
{
    const struct qnode *v = qnode_member(jq, name);

    if (!v)
        return 0;
    if (!qnode_is_bool(v))
        return qload_report(L, v, "question '%s': expected true or false for '%s'", q->id, name);
    if (qnode_is_true(v) == strict_when)
        q->match |= bit;
    return 0;
}

static int
short_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *v;

    q->typos = -1;
    if (qload_form(L) == BANK_FORM_SEALED)
        return 0;
    if (load_texts(L, q, jq, "accept", 1, &q->accept, &q->naccept) < 0 ||
        load_texts(L, q, jq, "reject", 0, &q->reject, &q->nreject) < 0)
        return -1;
    v = qnode_member(jq, "typos");
    if (v) {
        int64_t t;
        if (qload_decimal(v, &t) < 0 || t % 1000 || t < 0 || t > 3000)
            return qload_report(L, v, "question '%s': 'typos' must be 0, 1, 2 or 3", q->id);
        q->typos = (int)(t / 1000);
    }
    v = qnode_member(jq, "kind");
    if (v) {
        if (!qnode_is_string(v) || (strcmp(v->str, "text") != 0 && strcmp(v->str, "name") != 0))
            return qload_report(L, v, "question '%s': 'kind' must be \"text\" or \"name\"", q->id);
        if (strcmp(v->str, "name") == 0)
            q->match |= PROCTOR_MATCH_NAME;
    }
    if (load_switch(L, q, jq, "case_sensitive", PROCTOR_MATCH_CASE, 1) < 0 ||
        load_switch(L, q, jq, "accents_required", PROCTOR_MATCH_ACCENTS, 1) < 0 ||
        load_switch(L, q, jq, "containment", PROCTOR_MATCH_WHOLE, 0) < 0)
        return -1;
    return 0;
}

static void
short_release(struct proctor_question *q)
{
    free(q->reject); /* its strings are the bank's */
}

static int
add_texts(cJSON *o, const char *name, char *const *v, size_t n)
{
    cJSON *arr;

    if (!(arr = cJSON_AddArrayToObject(o, name)))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!cJSON_AddItemToArray(arr, cJSON_CreateString(v[i])))
            return -1;
    return 0;
}

/* The answers and every switch away from its default, so that verify grades alike. */
static int
short_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    (void)perm;
    if (!full)
        return 0;
    if (add_texts(o, "accept", q->accept, q->naccept) < 0 ||
        (q->nreject && add_texts(o, "reject", q->reject, q->nreject) < 0))
        return -1;
    if (q->typos >= 0 && !cJSON_AddNumberToObject(o, "typos", q->typos))
        return -1;
    if ((q->match & PROCTOR_MATCH_NAME) && !cJSON_AddStringToObject(o, "kind", "name"))
        return -1;
    if ((q->match & PROCTOR_MATCH_CASE) && !cJSON_AddTrueToObject(o, "case_sensitive"))
        return -1;
    if ((q->match & PROCTOR_MATCH_ACCENTS) && !cJSON_AddTrueToObject(o, "accents_required"))
        return -1;
    if ((q->match & PROCTOR_MATCH_WHOLE) && !cJSON_AddFalseToObject(o, "containment"))
        return -1;
    return 0;
}

static int64_t
short_grade(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note)
{
    struct proctor_short_rules rules = {q->accept, q->naccept, q->reject, q->nreject, q->typos,
                                        q->match};

    if (!r->text)
        return 0;
    /* the answers read once when prepared (grade-prep.h), else now: the same check */
    return textmatch_short_check(&rules, q->prep ? &q->prep->sp : NULL, r->text, note)
               ? q->points
               : 0;
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
             short_release,         /* release */
             short_embed,           /* embed */
             qtype_no_items,        /* items */
             qtype_points,          /* max */
             short_grade,           /* grade */
             qtype_one_part,        /* parts */
             qtype_self,            /* part */
             qtype_parse_text,      /* parse */
             qtype_text_to_json,    /* to_json */
             qtype_text_from_value, /* from_value */
             qtype_canon_text,      /* canonical */
             short_describe_answer, /* describe_answer */
             qtype_describe_text,   /* describe_response */
             qtype_show_nothing     /* show */);
/* clang-format on */
