/* SPDX-License-Identifier: ISC */
/*
 * choice.c - a choice question: one correct option among 2 to 8, picked by letter or number;
 * full points or none. Options have stable ids, so shuffling never changes grading.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"
#include "../textmatch.h"

static const char choice_hint[] = "Answer with one letter.";
static const char *const choice_members[] = {"options", "shuffle", NULL};
static const char *const choice_shown[] = {"options", "shuffle", NULL};
static const char *const choice_answers[] = {NULL};

static int
choice_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    return qtype_load_choices(L, q, jq, 0);
}

static int64_t
choice_grade(const struct proctor_question *q, const struct proctor_response *r,
             struct proctor_grade_note *note)
{
    (void)note;
    long k;

    if (r->nids != 1 || !r->ids)
        return 0;
    k = qtype_find_option(q->options, q->noptions, r->ids[0]);
    return k >= 0 && q->options[k].correct ? q->points : 0;
}

/* The option the text names (textmatch_option), as a displayed index in *k; an error saying
 * which options it fits when it fits two. */
static int
choice_by_text(const struct proctor_question *q, const size_t *perm, const char *s, size_t *k,
               struct proctor_error *err)
{
    size_t n = q->noptions, which, other;
    char **texts = malloc(n * sizeof *texts), la[24], lb[24];
    int found;

    if (!texts)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t d = 0; d < n; d++)
        texts[d] = q->options[qtype_canon(perm, d)].text;
    found = textmatch_option(s, texts, n, &which, &other);
    free(texts);
    if (found < 0)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    if (found == 2) {
        qtype_label(which, la, sizeof la);
        qtype_label(other, lb, sizeof lb);
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "that fits both %s) and %s): type the letter of the one you mean",
                                 la, lb);
    }
    *k = found == 1 ? which : SIZE_MAX;
    return 0;
}

/* "b", "B", "(b)", "b)", "b." or "2": one option; or its text ("Baril"), or the start of it. */
static int
choice_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
             struct proctor_response *r, struct proctor_error *err)
{
    size_t n = q->noptions, k = SIZE_MAX, len = strlen(s);
    char range[48];
    const char *p = s;
    int rc, label = 0;

    (void)part;
    if ((rc = qtype_check_options(q, perm, err)) != 0)
        return rc;
    qtype_label_range(n, range, sizeof range);
    if (len > 0 && *p == '(')
        p++, len--;
    if (len > 0 && (p[len - 1] == ')' || p[len - 1] == '.'))
        len--;
    if (len == 1 && qtype_is_alpha(*p)) {
        k = (size_t)(qtype_lower(*p) - 'a');
        label = 1;
    } else if (len > 0 && qtype_is_digit(*p)) {
        const char *e = p;

        k = qtype_read_num(&e);
        label = (size_t)(e - p) == len;
        k = label && k > 0 && k != SIZE_MAX ? k - 1 : SIZE_MAX;
    }
    if ((!label || k >= n) && !(len == 1 && qtype_is_alpha(*p)) &&
        (rc = choice_by_text(q, perm, s, &k, err)) != 0)
        return rc;
    if (k >= n && n > 26)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "answer with one number from %s", range);
    if (k >= n)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "answer with one letter from %s", range);
    if (qtype_alloc_ids(r, 1, 0) || qtype_push_id(r, q->options[qtype_canon(perm, k)].id, NULL))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    return 0;
}

static cJSON *
choice_to_json(const struct proctor_question *q, const struct proctor_response *r)
{
    (void)q;
    return r->nids == 1 ? cJSON_CreateString(r->ids[0]) : NULL;
}

static int
choice_from_value(const struct proctor_question *q, const struct response_value *v,
                  struct proctor_response *r, struct proctor_error *err)
{
    if (v->kind != RV_STRING)
        return qtype_json_bad(err, q, "expected an option id");
    if (qtype_find_option(q->options, q->noptions, v->str) < 0)
        return qtype_json_bad(err, q, "no such option");
    r->ids = qtype_json_ids(r, 1);
    if (!r->ids || !(r->ids[0] = qtype_json_str(r, v->str)))
        return qtype_json_oom(r, err);
    r->nids = 1;
    return 0;
}

static void
choice_describe_response(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                         const struct proctor_response *r)
{
    if (r->nids == 1)
        qtype_describe_option(b, q->options, q->noptions, perm, r->ids[0]);
}

/* ---- shared with multi ---- */

int
qtype_load_choices(struct qload *L, struct proctor_question *q, const struct qnode *jq, int multi)
{
    const struct qnode *v;
    size_t ncorrect = 0;
    int sealed = qload_form(L) == BANK_FORM_SEALED;

    if (qload_options(L, q, jq, "options", 2, 8, !sealed, &q->options, &q->noptions) < 0)
        return -1;
    for (size_t i = 0; i < q->noptions; i++)
        ncorrect += (size_t)q->options[i].correct;
    if (sealed)
        ncorrect = 1;
    if (!multi && ncorrect != 1)
        return qload_report(L, qnode_member(jq, "options"),
                            "question '%s': a choice question needs exactly one correct "
                            "option, not %zu",
                            q->id, ncorrect);
    if (multi && ncorrect == 0)
        return qload_report(L, qnode_member(jq, "options"),
                            "question '%s': a multi question needs at least one correct option",
                            q->id);
    v = qnode_member(jq, "shuffle");
    if (v && !qnode_is_bool(v))
        return qload_report(L, v, "question '%s': expected true or false for 'shuffle'", q->id);
    q->shuffle = v ? qnode_is_true(v) : 1;
    return 0;
}

int
qtype_embed_choices(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    cJSON *arr;

    if (!q->shuffle && !cJSON_AddFalseToObject(o, "shuffle"))
        return -1;
    if (!(arr = cJSON_AddArrayToObject(o, "options")))
        return -1;
    for (size_t k = 0; k < q->noptions; k++)
        if (qtype_add_option(arr, 'o', k, q->options[perm[k]].text,
                             full && q->options[perm[k]].correct) < 0)
            return -1;
    return 0;
}

void
qtype_describe_correct(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    int first = 1;

    for (size_t k = 0; k < q->noptions; k++) {
        size_t i = qtype_canon(perm, k);
        if (!q->options[i].correct)
            continue;
        if (!first)
            sbuf_str(b, "; ");
        first = 0;
        qtype_sbuf_label(b, k);
        sbuf_str(b, ") ");
        sbuf_str(b, q->options[i].text ? q->options[i].text : "");
    }
}

int
qtype_check_options(const struct proctor_question *q, const size_t *perm, struct proctor_error *err)
{
    if (q->noptions == 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "question '%s' has no options",
                                 q->id ? q->id : "");
    return qtype_check_perm(perm, q->noptions, err);
}

/* clang-format off */
QTYPE_DEFINE(choice,
             choice_hint,              /* hint */
             choice_members,           /* members */
             choice_shown,             /* shown */
             choice_answers,           /* answers */
             choice_load,              /* load */
             qtype_release_none,       /* release */
             qtype_embed_choices,      /* embed */
             qtype_option_items,       /* items */
             qtype_points,             /* max */
             choice_grade,             /* grade */
             qtype_one_part,           /* parts */
             qtype_self,               /* part */
             choice_parse,             /* parse */
             choice_to_json,           /* to_json */
             choice_from_value,        /* from_value */
             qtype_canon_ids,          /* canonical */
             qtype_describe_correct,   /* describe_answer */
             choice_describe_response, /* describe_response */
             qtype_show_option_list    /* show */);
/* clang-format on */
