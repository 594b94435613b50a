/* SPDX-License-Identifier: ISC */
/*
 * match.c - a match question: 2 to 8 left items each paired with its right item, among up to
 * 4 distractors; partial credit per pair.
 *
 * Left i pairs with right i for i < npairs; the distractors follow. In a bank file the
 * question is written as "pairs" of {left, right} and "distractors"; embedded in a signed
 * file as "lefts" and "rights" with opaque ids, and (full form) an "answer" pairing them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"

static const char match_hint[] = "Pair each number with a letter, e.g. '1b 2a 3c'.";
static const char *const match_members[] = {"pairs", "distractors", NULL};
static const char *const match_shown[] = {"lefts", "rights", NULL};
static const char *const match_answers[] = {"answer", NULL};

/* The ids of a bank file's lefts and rights, "l1" and "r1" on (at most 8 pairs and 4
 * distractors), without a formatted print for each. */
static const char *const left_ids[] = {"l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8"};
static const char *const right_ids[] = {"r1", "r2", "r3", "r4",  "r5",  "r6",
                                        "r7", "r8", "r9", "r10", "r11", "r12"};

static int
load_pairs(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *pairs = qnode_member(jq, "pairs"), *dis = qnode_member(jq, "distractors"),
                       *p;
    size_t n, nd = 0, k = 0;

    if (!qnode_is_array(pairs))
        return qload_report(L, pairs ? pairs : jq, "question '%s': expected an array 'pairs'",
                            q->id);
    n = pairs->n;
    if (n < 2 || n > 8)
        return qload_report(L, pairs, "question '%s': 'pairs' must have 2 to 8 entries, not %zu",
                            q->id, n);
    if (dis) {
        if (!qnode_is_array(dis))
            return qload_report(L, dis, "question '%s': expected an array of strings 'distractors'",
                                q->id);
        nd = dis->n;
        if (nd > 4)
            return qload_report(L, dis, "question '%s': at most 4 distractors", q->id);
    }
    q->options = calloc(n, sizeof *q->options);
    q->rights = calloc(n + nd, sizeof *q->rights);
    if (!q->options || !q->rights)
        return qload_report(L, pairs, "out of memory");
    qnode_each(p, pairs)
    {
        const struct qnode *l = qnode_member(p, "left"), *r = qnode_member(p, "right");
        if (!qnode_is_object(p) || !qnode_nonempty(l) || !qnode_nonempty(r))
            return qload_report(L, p, "question '%s': a pair needs non-empty 'left' and 'right'",
                                q->id);
        if (p->n != 2)
            return qload_report(L, p, "question '%s': a pair has only 'left' and 'right'", q->id);
        q->options[k].id = qload_strdup(L, left_ids[k]);
        q->options[k].text = qload_strdup(L, l->str);
        q->rights[k].id = qload_strdup(L, right_ids[k]);
        q->rights[k].text = qload_strdup(L, r->str);
        k++;
        q->noptions = q->nrights = k; /* so they are freed if a later pair fails */
    }
    q->noptions = q->npairs = k;
    q->nrights = k;
    if (dis) {
        qnode_each(p, dis)
        {
            if (!qnode_nonempty(p))
                return qload_report(L, p, "question '%s': expected a non-empty string", q->id);
            q->rights[q->nrights].id = qload_strdup(L, right_ids[q->nrights]);
            q->rights[q->nrights].text = qload_strdup(L, p->str);
            q->nrights++;
        }
    }
    for (size_t i = 0; i < q->nrights; i++)
        for (size_t j = i + 1; j < q->nrights; j++)
            if (q->rights[i].text && q->rights[j].text &&
                strcmp(q->rights[i].text, q->rights[j].text) == 0)
                return qload_report(L, pairs, "question '%s': right item '%s' appears twice", q->id,
                                    q->rights[i].text);
    return 0;
}

/*
 * Embedded: "lefts" and "rights" lists with their ids, and (in the full form) "answer", an
 * object pairing every left id with a distinct right id. The rights are reordered so that
 * right i pairs with left i and the distractors follow, as grading expects; a sealed
 * question keeps the order it was given in.
 */
static int
load_embedded(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *ans = qnode_member(jq, "answer"), *m;
    struct proctor_option *sorted;
    unsigned char used[12] = {0};
    size_t k;

    if (qload_options(L, q, jq, "lefts", 2, 8, 0, &q->options, &q->noptions) < 0 ||
        qload_options(L, q, jq, "rights", 2, 12, 0, &q->rights, &q->nrights) < 0)
        return -1;
    if (q->nrights < q->noptions || q->nrights > q->noptions + 4)
        return qload_report(L, qnode_member(jq, "rights"),
                            "question '%s': 'rights' must have as many entries as 'lefts', plus "
                            "at most 4 distractors",
                            q->id);
    q->npairs = q->noptions;
    if (qload_form(L) == BANK_FORM_SEALED)
        return 0;
    if (!qnode_is_object(ans) || ans->n != q->noptions)
        return qload_report(L, ans ? ans : jq,
                            "question '%s': expected an object 'answer' pairing every left id "
                            "with a right id",
                            q->id);
    sorted = calloc(q->nrights, sizeof *sorted);
    if (!sorted)
        return qload_report(L, ans, "out of memory");
    for (k = 0; k < q->noptions; k++) {
        const struct qnode *r = qnode_member(ans, q->options[k].id);
        size_t j;
        for (j = 0; qnode_is_string(r) && j < q->nrights; j++)
            if (q->rights[j].id && strcmp(q->rights[j].id, r->str) == 0)
                break;
        if (!qnode_is_string(r) || j == q->nrights || used[j]) {
            free(sorted);
            return qload_report(L, r ? r : ans,
                                "question '%s': 'answer' must pair left '%s' with a right id "
                                "not used for another left",
                                q->id, q->options[k].id);
        }
        used[j] = 1;
        sorted[k] = q->rights[j];
    }
    qnode_each(m, ans)
    {
        for (k = 0; k < q->noptions; k++)
            if (strcmp(m->name, q->options[k].id) == 0)
                break;
        if (k == q->noptions) {
            free(sorted);
            return qload_report(L, m, "question '%s': 'answer' names no left '%s'", q->id, m->name);
        }
    }
    for (size_t j = 0, n = q->noptions; j < q->nrights; j++)
        if (!used[j])
            sorted[n++] = q->rights[j];
    free(q->rights);
    q->rights = sorted;
    return 0;
}

static int
match_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    if ((qload_form(L) == BANK_FORM_FILE ? load_pairs(L, q, jq) : load_embedded(L, q, jq)) < 0)
        return -1;
    q->shuffle = 1;
    return 0;
}

static int
match_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    size_t n = q->nrights;
    char id[24], id2[24];
    cJSON *arr, *ans;

    if (!(arr = cJSON_AddArrayToObject(o, "lefts")))
        return -1;
    for (size_t i = 0; i < q->noptions; i++)
        if (qtype_add_option(arr, 'l', i, q->options[i].text, 0) < 0)
            return -1;
    if (!(arr = cJSON_AddArrayToObject(o, "rights")))
        return -1;
    for (size_t k = 0; k < n; k++)
        if (qtype_add_option(arr, 'r', k, q->rights[perm[k]].text, 0) < 0)
            return -1;
    if (!full)
        return 0;
    if (!(ans = cJSON_AddObjectToObject(o, "answer")))
        return -1;
    for (size_t i = 0; i < q->npairs; i++) {
        snprintf(id, sizeof id, "l%zu", i + 1);
        snprintf(id2, sizeof id2, "r%zu", qtype_pos_of(perm, n, i) + 1);
        if (!cJSON_AddStringToObject(ans, id, id2))
            return -1;
    }
    return 0;
}

static size_t
match_items(const struct proctor_question *q, const struct proctor_option **list,
            int *in_order_shows)
{
    *list = q->rights;
    *in_order_shows = 0;
    return q->nrights;
}

/*
 * Each left item paired with its own right item earns points / npairs (computed as
 * points * correct / npairs, so shares add up without drift). Unknown ids are ignored;
 * when a left item is named more than once only its first pairing counts.
 */
static int64_t
match_grade(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note)
{
    (void)note;
    size_t npairs = q->npairs;
    unsigned char *seen = NULL, seen_stack[64];
    int64_t correct = 0;
    long l, rt;

    if (npairs == 0 || npairs > q->noptions || npairs > q->nrights || !r->ids || !r->ids2)
        return 0;
    /* the usual few lefts on the stack */
    seen = q->noptions <= sizeof seen_stack ? memset(seen_stack, 0, q->noptions)
                                            : calloc(q->noptions, 1);
    if (!seen)
        return 0;
    for (size_t i = 0; i < r->nids; i++) {
        l = qtype_find_option_at(q, q->options, q->noptions, r->ids[i], i);
        if (l < 0 || seen[l])
            continue;
        seen[l] = 1;
        rt = qtype_find_option_at(q, q->rights, q->nrights, r->ids2[i], (size_t)l);
        if (rt >= 0 && rt == l && (size_t)l < npairs)
            correct++;
    }
    if (seen != seen_stack)
        free(seen);
    return qtype_share(q->points, correct, (int64_t)npairs);
}

/*
 * Pairs like "1b 2a 3c", "1=b, 2=a" or "1-b": a left number, optionally '=', '-' or ':'
 * (spaces allowed around it), then one right letter. Each left at most once; at least one
 * pair. Lefts left unpaired simply earn nothing.
 */
static int
match_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    size_t nl = q->noptions, nr = q->nrights, left, right, i;
    unsigned char *seen = NULL;
    char range[48], example[32];
    int rc = 0;
    const char *p;

    (void)part;
    if (q->noptions == 0 || q->nrights == 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "question '%s' has no pairs",
                                 q->id ? q->id : "");
    if ((rc = qtype_check_perm(perm, q->nrights, err)) != 0)
        return rc;
    qtype_label_range(nr, range, sizeof range);
    snprintf(example, sizeof example, "%s", nr >= 2 && nl >= 2 ? "1b 2a" : "1a");
    /* Each left item is paired at most once, so there are at most nl pairs. */
    seen = calloc(nl, 1);
    if (!seen || qtype_alloc_ids(r, nl, 1)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    p = s;
    for (;;) {
        while (qtype_is_list_sep(*p))
            p++;
        if (!*p)
            break;
        if (!qtype_is_digit(*p))
            goto invalid;
        left = qtype_read_num(&p);
        while (qtype_is_space(*p))
            p++;
        if (*p == '=' || *p == '-' || *p == ':')
            p++;
        while (qtype_is_space(*p))
            p++;
        if (!qtype_is_alpha(*p) || qtype_is_alpha(p[1]))
            goto invalid;
        right = (size_t)(qtype_lower(*p) - 'a');
        p++;
        if (*p == ')' || *p == '.') /* "1a) 2b.": the letter as labelled */
            p++;
        if (*p && !qtype_is_list_sep(*p) && !qtype_is_digit(*p))
            goto invalid;
        if (left == 0 || left > nl) {
            if (left == SIZE_MAX)
                rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "there is no item that large: items are 1 to %zu", nl);
            else
                rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "there is no item %zu: items are 1 to %zu", left, nl);
            goto out;
        }
        if (right >= nr) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "'%c' is not one of the letters: pair with %s",
                                   (char)('a' + right), range);
            goto out;
        }
        if (seen[left - 1]) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "item %zu is paired twice: pair each item once", left);
            goto out;
        }
        seen[left - 1] = 1;
        i = qtype_canon(perm, right);
        if (qtype_push_id(r, q->options[left - 1].id, q->rights[i].id)) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
    if (r->nids == 0)
        goto invalid;
    goto out;
invalid:
    rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                           "pair item numbers with letters from %s, e.g. '%s'", range, example);
out:
    free(seen);
    return rc;
}

size_t
proctor_response_unpaired(const struct proctor_question *q, const struct proctor_response *r,
                          char *buf, size_t size)
{
    size_t missing = 0, k = 0, len = 0;

    if (size > 0)
        buf[0] = '\0';
    if (!q || !r || q->type != PROCTOR_MATCH)
        return 0;
    for (size_t i = 0; i < q->noptions; i++)
        missing += !qtype_response_has(r, q->options[i].id);
    for (size_t i = 0; i < q->noptions && size > 0; i++) {
        if (qtype_response_has(r, q->options[i].id))
            continue;
        k++;
        len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%zu",
                                k == 1 ? "" : k == missing ? " and " : ", ", i + 1);
        if (len >= size)
            len = size - 1;
    }
    return missing;
}

/* {"l1": "r2", ...} */
static cJSON *
match_to_json(const struct proctor_question *q, const struct proctor_response *r)
{
    cJSON *v = cJSON_CreateObject();

    (void)q;
    for (size_t i = 0; v && i < r->nids; i++) {
        if (!cJSON_AddStringToObject(v, r->ids[i], r->ids2[i])) {
            cJSON_Delete(v);
            return NULL;
        }
    }
    return v;
}

static int
match_from_value(const struct proctor_question *q, const struct response_value *v,
                 struct proctor_response *r, struct proctor_error *err)
{
    enum { MATCH_FEW = 32 };
    long lefts[MATCH_FEW]; /* the places of the left ids read, when there are that few */
    size_t n;

    if (v->kind != RV_OBJECT)
        return qtype_json_bad(err, q, "expected an object of left id to right id");
    n = v->n;
    if (n > q->noptions)
        return qtype_json_bad(err, q, "too many pairs");
    r->ids = qtype_json_ids(r, n);
    r->ids2 = qtype_json_ids(r, n);
    if (!r->ids || !r->ids2)
        return qtype_json_oom(r, err);
    for (size_t k = 0; k < n; k++) {
        const char *left = v->keys[k], *right = v->items[k];
        long l;
        if (!right || (l = qtype_find_option_at(q, q->options, q->noptions, left, k)) < 0 ||
            qtype_find_option_at(q, q->rights, q->nrights, right, (size_t)l) < 0) {
            proctor_response_release(r);
            return qtype_json_bad(err, q, "no such item");
        }
        /* a left id given before: one found at the same place (the usual few: their places
         * kept) */
        for (size_t i = 0; i < r->nids; i++)
            if (n <= MATCH_FEW ? lefts[i] == l : strcmp(r->ids[i], left) == 0) {
                proctor_response_release(r);
                return qtype_json_bad(err, q, "a left item is paired twice");
            }
        if (n <= MATCH_FEW)
            lefts[r->nids] = l;
        r->ids[r->nids] = qtype_json_str(r, left);
        r->ids2[r->nids] = qtype_json_str(r, right);
        r->nids++;
        if (!r->ids[r->nids - 1] || !r->ids2[r->nids - 1])
            return qtype_json_oom(r, err);
    }
    return 0;
}

/* "1-b Force Commander; 2-a ...": each left's number, its right's letter as shown and text. */
static void
match_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    size_t n = q->nrights;

    for (size_t i = 0; i < q->npairs && i < q->noptions && i < n; i++) {
        char num[24];

        if (i > 0)
            sbuf_str(b, "; ");
        snprintf(num, sizeof num, "%zu-", i + 1);
        sbuf_str(b, num);
        qtype_sbuf_label(b, qtype_displayed(perm, n, i));
        sbuf_char(b, ' ');
        sbuf_str(b, q->rights[i].text ? q->rights[i].text : "");
    }
}

/* The same for the pairs given; "(none)". */
static void
match_describe_response(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                        const struct proctor_response *r)
{
    size_t n = q->nrights;
    int first = 1;

    for (size_t i = 0; i < q->noptions; i++) {
        long rt = -1;
        char num[24];
        for (size_t j = 0; r->ids2 && j < r->nids && rt < 0; j++)
            if (qtype_same_id(r->ids[j], q->options[i].id))
                rt = qtype_find_option(q->rights, n, r->ids2[j]);
        if (rt < 0)
            continue;
        if (!first)
            sbuf_str(b, "; ");
        first = 0;
        snprintf(num, sizeof num, "%zu-", i + 1);
        sbuf_str(b, num);
        qtype_sbuf_label(b, qtype_displayed(perm, n, (size_t)rt));
        sbuf_char(b, ' ');
        sbuf_str(b, q->rights[rt].text ? q->rights[rt].text : "");
    }
    if (first)
        sbuf_str(b, "(none)");
}

/* The lefts numbered (list 0), then the rights lettered in the order shown (list 1). */
static void
match_show(const struct proctor_question *q, const size_t *perm, size_t k, qtype_item_fn item,
           void *ctx)
{
    char label[24];

    (void)k;
    for (size_t i = 0; i < q->noptions; i++) {
        snprintf(label, sizeof label, "%zu.", i + 1);
        item(ctx, 0, label, q->options[i].text);
    }
    qtype_show_options(q->rights, q->nrights, perm, 1, item, ctx);
}

/* clang-format off */
QTYPE_DEFINE(match,
             match_hint,              /* hint */
             match_members,           /* members */
             match_shown,             /* shown */
             match_answers,           /* answers */
             match_load,              /* load */
             qtype_release_none,      /* release */
             match_embed,             /* embed */
             match_items,             /* items */
             qtype_points,            /* max */
             match_grade,             /* grade */
             qtype_one_part,          /* parts */
             qtype_self,              /* part */
             match_parse,             /* parse */
             match_to_json,           /* to_json */
             match_from_value,        /* from_value */
             qtype_canon_id_set,      /* canonical */
             match_describe_answer,   /* describe_answer */
             match_describe_response, /* describe_response */
             match_show               /* show */);
/* clang-format on */
