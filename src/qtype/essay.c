/* SPDX-License-Identifier: ISC */
/*
 * essay.c - an essay: a paragraph recorded as written, marked later by the teacher against a
 * rubric (marks.c); grading gives it nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"

static const char essay_hint[] = "Write your answer.";
static const char *const essay_members[] = {"rubric", "min_words", NULL};
static const char *const essay_shown[] = {"min_words", NULL};
static const char *const essay_answers[] = {"rubric", NULL};

static int
essay_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *v = qnode_member(jq, "rubric");

    if (qload_form(L) != BANK_FORM_SEALED) {
        if (!qnode_nonempty(v))
            return qload_report(L, v ? v : jq, "question '%s': an essay needs a 'rubric'", q->id);
        q->rubric = qload_strdup(L, v->str);
    }
    v = qnode_member(jq, "min_words");
    if (v) {
        int64_t w;
        if (qload_decimal(v, &w) < 0 || w % 1000 || w < 0)
            return qload_report(L, v, "question '%s': 'min_words' must be a whole number", q->id);
        q->min_words = (long)(w / 1000);
    }
    return 0;
}

static int
essay_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    (void)perm;
    if (q->min_words > 0 && !cJSON_AddNumberToObject(o, "min_words", (double)q->min_words))
        return -1;
    if (full && !cJSON_AddStringToObject(o, "rubric", q->rubric ? q->rubric : "-"))
        return -1;
    return 0;
}

/* Marked by the teacher, so nothing by grading. */
static int64_t
essay_max(const struct proctor_question *q)
{
    (void)q;
    return 0;
}

static int64_t
essay_grade(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note)
{
    (void)note;
    (void)q, (void)r;
    return 0;
}

/* The text as written: verify fingerprints essays apart, by their words. */
static void
essay_canonical(struct sbuf *b, const struct proctor_question *q, const struct proctor_response *r)
{
    (void)q;
    if (r->text)
        qtype_canon_str(b, r->text);
}

/* "(marked by the teacher) rubric: ..." */
static void
essay_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    (void)perm;
    sbuf_str(b, "(marked by the teacher)");
    if (q->rubric && *q->rubric) {
        sbuf_str(b, " rubric: ");
        sbuf_str(b, q->rubric);
    }
}

/* clang-format off */
QTYPE_DEFINE(essay,
             essay_hint,            /* hint */
             essay_members,         /* members */
             essay_shown,           /* shown */
             essay_answers,         /* answers */
             essay_load,            /* load */
             qtype_release_none,    /* release */
             essay_embed,           /* embed */
             qtype_no_items,        /* items */
             essay_max,             /* max */
             essay_grade,           /* grade */
             qtype_one_part,        /* parts */
             qtype_self,            /* part */
             qtype_parse_text,      /* parse */
             qtype_text_to_json,    /* to_json */
             qtype_text_from_value, /* from_value */
             essay_canonical,       /* canonical */
             essay_describe_answer, /* describe_answer */
             qtype_describe_text,   /* describe_response */
             qtype_show_nothing     /* show */);
/* clang-format on */
