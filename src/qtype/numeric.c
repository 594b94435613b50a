/* SPDX-License-Identifier: ISC */
/*
 * numeric.c - a number: an answer with a tolerance, or a range; "1,700", "1 700" and "1700"
 * are one number (number.c); full points or none.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"

static const char numeric_hint[] = "Type a number.";
static const char *const numeric_members[] = {"answer", "tolerance", "range", NULL};
static const char *const numeric_shown[] = {NULL};
static const char *const numeric_answers[] = {"answer", "tolerance", "range", NULL};

static int
numeric_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *ans = qnode_member(jq, "answer"), *tol = qnode_member(jq, "tolerance"),
                       *range = qnode_member(jq, "range");
    int64_t t = 0;

    if (qload_form(L) == BANK_FORM_SEALED)
        return 0;
    if (range) {
        if (ans || tol)
            return qload_report(L, range, "question '%s': give 'range' or 'answer', not both",
                                q->id);
        if (!qnode_is_array(range) || range->n != 2 || qload_milli(L, range->child, &q->lo) < 0 ||
            qload_milli(L, range->child->next, &q->hi) < 0)
            return qload_report(L, range,
                                "question '%s': 'range' must be [low, high] with at most three "
                                "decimals",
                                q->id);
        if (q->lo > q->hi)
            return qload_report(L, range, "question '%s': 'range' low is above high", q->id);
        q->value = q->lo + (q->hi - q->lo) / 2;
        q->is_range = 1;
        return 0;
    }
    if (qload_milli(L, ans, &q->value) < 0)
        return qload_report(L, ans ? ans : jq,
                            "question '%s': expected a number with at most three decimals for "
                            "'answer'",
                            q->id);
    if (tol && qload_milli(L, tol, &t) < 0)
        return qload_report(L, tol, "question '%s': expected a number for 'tolerance'", q->id);
    if (t < 0)
        return qload_report(L, tol, "question '%s': 'tolerance' must not be negative", q->id);
    q->lo = q->value - t;
    q->hi = q->value + t;
    return 0;
}

/* Thousandths, as signed payloads hold every number. */
static int
numeric_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    cJSON *arr;

    (void)perm;
    if (!full)
        return 0;
    if (q->is_range)
        return (arr = cJSON_AddArrayToObject(o, "range")) &&
                       cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)q->lo)) &&
                       cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)q->hi))
                   ? 0
                   : -1;
    return cJSON_AddNumberToObject(o, "answer", (double)q->value) &&
                   cJSON_AddNumberToObject(o, "tolerance", (double)(q->hi - q->value))
               ? 0
               : -1;
}

static int64_t
numeric_grade(const struct proctor_question *q, const struct proctor_response *r)
{
    int64_t v;

    if (!r->text || proctor_parse_number(r->text, &v) != 0)
        return 0;
    return v >= q->lo && v <= q->hi ? q->points : 0;
}

/* A number as proctor_parse_number reads it, kept as typed. */
static int
numeric_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
              struct proctor_response *r, struct proctor_error *err)
{
    int64_t v;

    (void)q, (void)perm, (void)part;
    if (proctor_parse_number(s, &v) != 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "expected a number such as 1,700");
    if (!(r->text = strdup(s)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    return 0;
}

/* "1700", "400 (± 50)" when the value sits in the middle of a tolerance, "300 to 500". */
static void
numeric_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    char x[32], y[32];

    (void)perm;
    if (q->lo == q->hi) {
        sbuf_str(b, proctor_format_points(q->lo, x, sizeof x));
    } else if (!q->is_range && q->value - q->lo == q->hi - q->value) {
        sbuf_str(b, proctor_format_points(q->value, x, sizeof x));
        sbuf_str(b, " (\xC2\xB1 ");
        sbuf_str(b, proctor_format_points(q->hi - q->value, y, sizeof y));
        sbuf_str(b, ")");
    } else {
        sbuf_str(b, proctor_format_points(q->lo, x, sizeof x));
        sbuf_str(b, " to ");
        sbuf_str(b, proctor_format_points(q->hi, y, sizeof y));
    }
}

/* clang-format off */
QTYPE_DEFINE(numeric,
             numeric_hint,            /* hint */
             numeric_members,         /* members */
             numeric_shown,           /* shown */
             numeric_answers,         /* answers */
             numeric_load,            /* load */
             qtype_release_none,      /* release */
             numeric_embed,           /* embed */
             qtype_no_items,          /* items */
             qtype_points,            /* max */
             numeric_grade,           /* grade */
             qtype_one_part,          /* parts */
             qtype_self,              /* part */
             numeric_parse,           /* parse */
             qtype_text_to_json,      /* to_json */
             qtype_text_from_json,    /* from_json */
             qtype_canon_number,      /* canonical */
             numeric_describe_answer, /* describe_answer */
             qtype_describe_text,     /* describe_response */
             qtype_show_nothing       /* show */);
/* clang-format on */
