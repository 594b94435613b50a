/* SPDX-License-Identifier: ISC */
/* truefalse.c - a true-or-false statement: full points or none. */
#include <stdint.h>
#include <strings.h>

#include "../qtype.h"

static const char truefalse_hint[] = "Answer true or false.";
static const char *const truefalse_members[] = {"answer", NULL};
static const char *const truefalse_shown[] = {NULL};
static const char *const truefalse_answers[] = {"answer", NULL};

static int
truefalse_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *v;

    if (qload_form(L) == BANK_FORM_SEALED)
        return 0;
    v = qnode_member(jq, "answer");
    if (!qnode_is_bool(v))
        return qload_report(L, v ? v : jq, "question '%s': expected true or false for 'answer'",
                            q->id);
    q->truth = qnode_is_true(v);
    return 0;
}

static int
truefalse_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    (void)perm;
    return full && !cJSON_AddBoolToObject(o, "answer", q->truth) ? -1 : 0;
}

static int64_t
truefalse_grade(const struct proctor_question *q, const struct proctor_response *r,
                struct proctor_grade_note *note)
{
    (void)note;
    return !r->truth == !q->truth ? q->points : 0;
}

/* t, true, y, yes; f, false, n, no; in any case. */
static int
truefalse_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
                struct proctor_response *r, struct proctor_error *err)
{
    static const char *const yes[] = {"t", "true", "y", "yes"};
    static const char *const no[] = {"f", "false", "n", "no"};

    (void)q, (void)perm, (void)part;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            r->truth = 1;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            r->truth = 0;
            return 0;
        }
    }
    return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                             "answer true or false (t or f, yes or no)");
}

static cJSON *
truefalse_to_json(const struct proctor_question *q, const struct proctor_response *r)
{
    (void)q;
    return cJSON_CreateBool(r->truth);
}

static int
truefalse_from_value(const struct proctor_question *q, const struct response_value *v,
                     struct proctor_response *r, struct proctor_error *err)
{
    if (v->kind != RV_TRUE && v->kind != RV_FALSE)
        return qtype_json_bad(err, q, "expected true or false");
    r->truth = v->kind == RV_TRUE;
    return 0;
}

/* One byte, 0 or 1. */
static void
truefalse_canonical(struct sbuf *b, const struct proctor_question *q,
                    const struct proctor_response *r)
{
    (void)q;
    sbuf_char(b, (char)(r->truth != 0));
}

static void
truefalse_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    (void)perm;
    sbuf_str(b, q->truth ? "true" : "false");
}

static void
truefalse_describe_response(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                            const struct proctor_response *r)
{
    (void)q, (void)perm;
    sbuf_str(b, r->truth ? "true" : "false");
}

/* clang-format off */
QTYPE_DEFINE(truefalse,
             truefalse_hint,              /* hint */
             truefalse_members,           /* members */
             truefalse_shown,             /* shown */
             truefalse_answers,           /* answers */
             truefalse_load,              /* load */
             qtype_release_none,          /* release */
             truefalse_embed,             /* embed */
             qtype_no_items,              /* items */
             qtype_points,                /* max */
             truefalse_grade,             /* grade */
             qtype_one_part,              /* parts */
             qtype_self,                  /* part */
             truefalse_parse,             /* parse */
             truefalse_to_json,           /* to_json */
             truefalse_from_value,        /* from_value */
             truefalse_canonical,         /* canonical */
             truefalse_describe_answer,   /* describe_answer */
             truefalse_describe_response, /* describe_response */
             qtype_show_nothing           /* show */);
/* clang-format on */
