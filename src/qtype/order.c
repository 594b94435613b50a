/* SPDX-License-Identifier: ISC */
/*
 * order.c - an order question: 3 to 6 items put in order (a chronology, say); partial credit
 * by the share of item pairs put in the right relative order (Kendall).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"

static const char order_hint[] = "Give the letters in order, first to last, e.g. 'c a b'.";
static const char *const order_members[] = {"items", NULL};
static const char *const order_shown[] = {"items", NULL};
static const char *const order_answers[] = {NULL};

/* The items, in the correct order (a sealed question's in the order given). */
static int
order_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    if (qload_options(L, q, jq, "items", 3, 6, 0, &q->options, &q->noptions) < 0)
        return -1;
    q->shuffle = 1;
    return 0;
}

/* Sealed: the items in id order, which is random; full: in the correct order. */
static int
order_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    size_t n = q->noptions;
    cJSON *arr;

    if (!(arr = cJSON_AddArrayToObject(o, "items")))
        return -1;
    for (size_t k = 0; k < n; k++) {
        size_t i = full ? k : perm[k];
        if (qtype_add_option(arr, 'o', full ? qtype_pos_of(perm, n, k) : k, q->options[i].text, 0) <
            0)
            return -1;
    }
    return 0;
}

static size_t
order_items(const struct proctor_question *q, const struct proctor_option **list,
            int *in_order_shows)
{
    *list = q->options;
    *in_order_shows = 1;
    return q->noptions;
}

/*
 * Kendall: the share of item pairs put in the right relative order. The response must
 * name every item exactly once; anything else earns 0.
 */
static int64_t
order_grade(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note)
{
    (void)note;
    size_t n = q->noptions, i, j, *pos = NULL, pos_stack[32];
    unsigned char *seen = NULL, seen_stack[32];
    int64_t concordant = 0, total, earned = 0;
    long k;

    if (n == 0 || r->nids != n || !r->ids)
        return 0;
    if (n <= 32) { /* the usual few items: on the stack */
        pos = pos_stack;
        seen = memset(seen_stack, 0, n);
    } else {
        pos = malloc(n * sizeof *pos);
        seen = calloc(n, 1);
    }
    if (!pos || !seen)
        goto out;
    for (i = 0; i < n; i++) {
        k = qtype_find_option_at(q, q->options, n, r->ids[i], i);
        if (k < 0 || seen[k])
            goto out;
        seen[k] = 1;
        pos[i] = (size_t)k;
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            concordant += pos[i] < pos[j];
    total = (int64_t)n * (int64_t)(n - 1) / 2;
    earned = total == 0 ? q->points : qtype_share(q->points, concordant, total);
out:
    if (pos != pos_stack)
        free(pos);
    if (seen != seen_stack)
        free(seen);
    return earned;
}

/* An example order answer for n items: "c a b", then the rest with the last two swapped. */
static void
order_example(size_t n, char *buf, size_t size)
{
    size_t i, len = 0;
    char l[24];

    buf[0] = '\0';
    if (n > 26 || n < 3) {
        snprintf(buf, size, "%s", n == 2 ? "b a" : "3 1 2");
        return;
    }
    snprintf(buf, size, "c a b");
    len = strlen(buf);
    for (i = 3; i < n && len + 3 < size; i++) {
        size_t k = i;

        if (n - 3 >= 2 && i >= n - 2)
            k = i == n - 2 ? n - 1 : n - 2;
        qtype_label(k, l, sizeof l);
        len += (size_t)snprintf(buf + len, size - len, " %s", l);
    }
}

/* Every item's letter (or number) once, first to last: "c a b", "cab", "3,1,2", "c > a > b",
 * "c-a-b"; the last may be left out ("c a" for "c a b"). */
static int
order_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    size_t n = q->noptions, *idx = NULL, i, j;
    const char *bad = NULL;
    char range[48], example[128];
    long count;
    int rc = 0;

    (void)part;
    if ((rc = qtype_check_options(q, perm, err)) != 0)
        return rc;
    qtype_label_range(n, range, sizeof range);
    order_example(n, example, sizeof example);
    count = qtype_split_labels(s, NULL, NULL, 0, &bad);
    if (count != (long)n && count != (long)n - 1)
        goto invalid;
    idx = malloc(n * sizeof *idx);
    if (!idx || qtype_alloc_ids(r, n, 0)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    qtype_split_labels(s, idx, NULL, n, &bad);
    for (i = 0; i < (size_t)count; i++) {
        if (idx[i] >= n)
            goto invalid;
        for (j = 0; j < i; j++)
            if (idx[j] == idx[i])
                goto invalid;
    }
    if (count == (long)n - 1) {
        /* one item left: it comes last */
        for (idx[n - 1] = 0; idx[n - 1] < n; idx[n - 1]++) {
            for (j = 0; j < n - 1 && idx[j] != idx[n - 1]; j++)
                ;
            if (j == n - 1)
                break;
        }
    }
    for (i = 0; i < n; i++) {
        if (qtype_push_id(r, q->options[qtype_canon(perm, idx[i])].id, NULL)) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
    goto out;
invalid:
    rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                           "give each of %s exactly once, e.g. '%s'", range, example);
out:
    free(idx);
    return rc;
}

static int
order_from_value(const struct proctor_question *q, const struct response_value *v,
                 struct proctor_response *r,
                struct proctor_error *err)
{
    return qtype_ids_from_value(q, v, q->noptions, 1, r, err);
}

/* "c, a, b: first; second; third": the letters as shown, then the items in order. */
static void
order_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    size_t n = q->noptions;

    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            sbuf_str(b, ", ");
        qtype_sbuf_label(b, qtype_displayed(perm, n, i));
    }
    sbuf_str(b, ":");
    for (size_t i = 0; i < n; i++) {
        sbuf_str(b, i > 0 ? "; " : " ");
        sbuf_str(b, q->options[i].text ? q->options[i].text : "");
    }
}

/* The same, in the order given. */
static void
order_describe_response(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                        const struct proctor_response *r)
{
    size_t n = q->noptions;

    for (size_t i = 0; i < r->nids; i++) {
        long k = qtype_find_option(q->options, n, r->ids[i]);
        char l[24];
        if (i > 0)
            sbuf_str(b, ", ");
        if (k < 0)
            snprintf(l, sizeof l, "?");
        else
            qtype_label(qtype_displayed(perm, n, (size_t)k), l, sizeof l);
        sbuf_str(b, l);
    }
    sbuf_str(b, ":");
    for (size_t i = 0; i < r->nids; i++) {
        long k = qtype_find_option(q->options, n, r->ids[i]);
        sbuf_str(b, i > 0 ? "; " : " ");
        sbuf_str(b, k >= 0 && q->options[k].text ? q->options[k].text : r->ids[i]);
    }
}

/* clang-format off */
QTYPE_DEFINE(order,
             order_hint,              /* hint */
             order_members,           /* members */
             order_shown,             /* shown */
             order_answers,           /* answers */
             order_load,              /* load */
             qtype_release_none,      /* release */
             order_embed,             /* embed */
             order_items,             /* items */
             qtype_points,            /* max */
             order_grade,             /* grade */
             qtype_one_part,          /* parts */
             qtype_self,              /* part */
             order_parse,             /* parse */
             qtype_ids_to_json,       /* to_json */
             order_from_value,        /* from_value */
             qtype_canon_ids,         /* canonical */
             order_describe_answer,   /* describe_answer */
             order_describe_response, /* describe_response */
             qtype_show_option_list   /* show */);
/* clang-format on */
