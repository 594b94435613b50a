/* SPDX-License-Identifier: ISC */
/*
 * numeric.c - a number: an answer with a tolerance, or a range, found in what the student
 * typed ("about 400", "1,700 men", "forty-eight", "Resolution 909"; number.c), with optional
 * units; full points or none.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../grade-prep.h"
#include "../qtype.h"

static const char numeric_hint[] = "Type a number.";
static const char *const numeric_members[] = {"answer", "tolerance", "range", "units",
                                               "units_required", NULL};
static const char *const numeric_shown[] = {"units", "units_required", NULL};
static const char *const numeric_answers[] = {"answer", "tolerance", "range", NULL};

/* "units": the words the answer may carry ("hours", "h"); "units_required": one must be
 * given. Shown in a sealed assignment too: the runner asks for a missing unit. */
static int
load_units(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *v = qnode_member(jq, "units"), *u = qnode_member(jq, "units_required"),
                       *a;

    if (v) {
        if (!qnode_is_array(v) || v->n == 0 || v->n > 32)
            return qload_report(L, v, "question '%s': expected an array of 1 to 32 unit names "
                                      "'units'",
                                q->id);
        q->units = calloc(v->n, sizeof *q->units);
        if (!q->units)
            return qload_report(L, v, "out of memory");
        qnode_each(a, v)
        {
            if (!qnode_nonempty(a) || strlen(a->str) > 64)
                return qload_report(L, a, "question '%s': expected a unit name of 1 to 64 bytes "
                                          "in 'units'",
                                    q->id);
            q->units[q->nunits++] = qload_strdup(L, a->str);
        }
    }
    if (u) {
        if (!qnode_is_bool(u))
            return qload_report(L, u, "question '%s': expected true or false for "
                                      "'units_required'",
                                q->id);
        if (qnode_is_true(u) && !v)
            return qload_report(L, u, "question '%s': 'units_required' needs 'units'", q->id);
        q->units_required = qnode_is_true(u);
    }
    return 0;
}

static void
numeric_release(struct proctor_question *q)
{
    free(q->units); /* its strings are the bank's */
}

static int
numeric_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *ans = qnode_member(jq, "answer"), *tol = qnode_member(jq, "tolerance"),
                       *range = qnode_member(jq, "range");
    int64_t t = 0;

    if (load_units(L, q, jq) < 0)
        return -1;
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

static int
embed_units(cJSON *o, const struct proctor_question *q)
{
    cJSON *arr;

    if (q->nunits == 0)
        return 0;
    if (!(arr = cJSON_AddArrayToObject(o, "units")))
        return -1;
    for (size_t i = 0; i < q->nunits; i++)
        if (!cJSON_AddItemToArray(arr, cJSON_CreateString(q->units[i])))
            return -1;
    if (q->units_required && !cJSON_AddTrueToObject(o, "units_required"))
        return -1;
    return 0;
}

/* Thousandths, as signed payloads hold every number. */
static int
numeric_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    cJSON *arr;

    (void)perm;
    if (embed_units(o, q) < 0)
        return -1;
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

/* What the question says about the numbers in an answer. */
static struct proctor_number_rules
rules_of(const struct proctor_question *q)
{
    struct proctor_number_rules R = {q->prompt, q->units, q->nunits, q->units_required, 0,
                                     NULL, 0};

    if (q->prep) { /* the prompt's values, read once (grade-prep.h) */
        R.echo = q->prep->echo;
        R.necho = q->prep->necho;
    }

    /* "1.700" is 1,700 when every accepted value is whole (a sealed question's is not known) */
    R.whole = !q->sealed && q->lo % 1000 == 0 && q->hi % 1000 == 0 &&
              (q->is_range || q->value % 1000 == 0);
    return R;
}

int
proctor_numeric_value(const struct proctor_question *q, const char *text, int64_t *value)
{
    struct proctor_number_rules R;
    struct proctor_number_found f;

    if (!q || q->type != PROCTOR_NUMERIC || !text)
        return -1;
    R = rules_of(q);
    if (proctor_number_find(text, &R, &f) != 0 || f.kind != PROCTOR_NUMBER_ONE)
        return -1;
    *value = f.value;
    return 0;
}

static int64_t
numeric_grade(const struct proctor_question *q, const struct proctor_response *r,
              struct proctor_grade_note *note)
{
    struct proctor_number_rules R = rules_of(q);
    struct proctor_number_found f;

    if (!r->text || proctor_number_find(r->text, &R, &f) != 0 || f.kind != PROCTOR_NUMBER_ONE)
        return 0;
    if (note) { /* what proctor_numeric_value reads: the same search, rules and text */
        note->have_number = 1;
        note->number = f.value;
    }
    if (f.value < q->lo || f.value > q->hi)
        return 0;
    if (note && f.read_thousands) {
        char v[32];
        note->flags |= PROCTOR_NOTE_THOUSANDS;
        snprintf(note->wrote, sizeof note->wrote, "%.*s", (int)(f.end - f.start),
                 r->text + f.start);
        proctor_format_points(f.value, v, sizeof v);
        snprintf(note->expected, sizeof note->expected, "%s", v);
    }
    return q->points;
}

/* The number found in what was typed, kept as typed; refused when there is none, or two. */
static int
numeric_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
              struct proctor_response *r, struct proctor_error *err)
{
    struct proctor_number_rules R = rules_of(q);
    struct proctor_number_found f;
    char units[160];
    size_t len = 0;

    (void)perm, (void)part;
    if (proctor_number_find(s, &R, &f) != 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "expected a number such as 1,700");
    switch (f.kind) {
    case PROCTOR_NUMBER_ONE:
    case PROCTOR_NUMBER_NEGATED:
    case PROCTOR_NUMBER_UNIT:
        break;
    case PROCTOR_NUMBER_NONE:
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "expected a number such as 1,700");
    case PROCTOR_NUMBER_SEVERAL:
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "'%.*s' and '%.*s' are two different numbers: type the one you "
                                 "mean",
                                 (int)(f.end - f.start > 40 ? 40 : f.end - f.start), s + f.start,
                                 (int)(f.end2 - f.start2 > 40 ? 40 : f.end2 - f.start2),
                                 s + f.start2);
    case PROCTOR_NUMBER_DECIMAL_COMMA:
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "'%.*s': write a decimal with a point (2.5), and thousands as "
                                 "1,700 or 1700",
                                 (int)(f.end - f.start > 40 ? 40 : f.end - f.start), s + f.start);
    case PROCTOR_NUMBER_NO_UNIT:
        units[0] = '\0';
        for (size_t i = 0; i < q->nunits && len + 70 < sizeof units; i++)
            len += (size_t)snprintf(units + len, sizeof units - len, "%s'%s'",
                                    i == 0 ? "" : i + 1 == q->nunits ? " or " : ", ", q->units[i]);
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "give the unit with the number: %s", units);
    }
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
             numeric_release,         /* release */
             numeric_embed,           /* embed */
             qtype_no_items,          /* items */
             qtype_points,            /* max */
             numeric_grade,           /* grade */
             qtype_one_part,          /* parts */
             qtype_self,              /* part */
             numeric_parse,           /* parse */
             qtype_text_to_json,      /* to_json */
             qtype_text_from_value,   /* from_value */
             qtype_canon_number,      /* canonical */
             numeric_describe_answer, /* describe_answer */
             qtype_describe_text,     /* describe_response */
             qtype_show_nothing       /* show */);
/* clang-format on */
