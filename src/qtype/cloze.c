/* SPDX-License-Identifier: ISC */
/*
 * cloze.c - a cloze question: a passage with gaps {1}, {2}, ... in its prompt, each gap a
 * short, numeric or choice question of its own, graded per gap with partial credit.
 *
 * The gaps are questions (q->gaps[k], points = the gap's weight) loaded, graded, parsed
 * and described by their own types' rows; a cloze only composes them. Its response holds
 * one string per gap in ids[]: the text typed (short, numeric) or the option id (choice),
 * "" for a gap left blank. A choice gap shows its options in the order written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"
#include "../textmatch.h"
#include "proctor/limits.h"

#define CLOZE_MAX_GAPS 10
#define CLOZE_MAX_WEIGHT 10

static const char cloze_hint[] = "Fill the gaps one by one, as asked; '-' leaves a gap blank.";
static const char *const cloze_members[] = {"gaps", NULL};
static const char *const cloze_shown[] = {"gaps", NULL};
static const char *const cloze_answers[] = {NULL};

/* What a gap may have besides its type's own members. */
static const char *const gap_members[] = {"type", "weight", NULL};

/* The weight of gap g: its points in thousandths. */
static int64_t
weight(const struct proctor_question *g)
{
    return g->points / 1000;
}

/*
 * The markers in the prompt: "{1}" to "{n}" for n gaps, each once and in order. Other
 * braces are the passage's own. Returns how many markers there are in order (and 0 after
 * the first one out of place), so the caller can say what is wrong.
 */
static int
markers_in_order(const char *prompt, size_t n)
{
    size_t next = 1;

    for (const char *p = strchr(prompt, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = p + 1;
        size_t v = 0;
        if (!qtype_is_digit(*e))
            continue;
        while (qtype_is_digit(*e) && v < 1000)
            v = v * 10 + (size_t)(*e++ - '0');
        if (*e != '}')
            continue;
        if (v != next)
            return 0;
        next++;
    }
    return next - 1 == n;
}

static int
load_gap(struct qload *L, const struct proctor_question *q, struct proctor_question *g, size_t k,
         const struct qnode *jg)
{
    const struct qnode *type = qnode_member(jg, "type"), *w = qnode_member(jg, "weight");
    char id[PROCTOR_QUESTION_ID_MAX + 16];
    int t;
    int64_t wt = 1000;

    snprintf(id, sizeof id, "%s {%zu}", q->id, k + 1);
    if (!(g->id = qload_strdup(L, id)))
        return -1;
    g->file = q->file;
    g->line = q->line;
    g->column = q->column;
    g->sealed = q->sealed;
    if (!qnode_is_object(jg))
        return qload_report(L, jg, "question '%s': expected an object for gap {%zu}", q->id, k + 1);
    if (!qnode_is_string(type) || ((t = proctor_qtype_parse(type->str)) != PROCTOR_SHORT &&
                                   t != PROCTOR_NUMERIC && t != PROCTOR_CHOICE))
        return qload_report(L, type ? type : jg,
                            "question '%s': gap {%zu} needs a 'type': short, numeric or choice",
                            q->id, k + 1);
    g->type = (enum proctor_qtype)t;
    if (qload_members(L, g, jg, g->type, gap_members) < 0)
        return -1;
    if (qnode_member(jg, "shuffle"))
        return qload_report(L, qnode_member(jg, "shuffle"),
                            "question '%s': a gap's options are shown in the order written; "
                            "leave out 'shuffle'",
                            g->id);
    if (w && (qload_decimal(w, &wt) < 0 || wt % 1000 || wt < 1000 || wt > CLOZE_MAX_WEIGHT * 1000))
        return qload_report(L, w, "question '%s': a gap's 'weight' is a whole number from 1 to %d",
                            g->id, CLOZE_MAX_WEIGHT);
    g->points = wt;
    return qtypes[g->type]->load(L, g, jg);
}

static int
cloze_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *gaps = qnode_member(jq, "gaps"), *jg;
    size_t k = 0;
    int bad = 0;

    if (!qnode_is_array(gaps) || gaps->n < 1 || gaps->n > CLOZE_MAX_GAPS)
        return qload_report(L, gaps ? gaps : jq,
                            "question '%s': expected an array 'gaps' of 1 to %d gaps", q->id,
                            CLOZE_MAX_GAPS);
    if (!(q->gaps = calloc(gaps->n, sizeof *q->gaps)))
        return qload_report(L, gaps, "out of memory");
    qnode_each(jg, gaps)
    {
        q->ngaps = k + 1; /* freed with the question whatever happens next */
        if (load_gap(L, q, &q->gaps[k], k, jg) < 0)
            bad = 1;
        k++;
    }
    if (q->prompt && !markers_in_order(q->prompt, q->ngaps))
        return qload_report(L, qnode_member(jq, "prompt"),
                            "question '%s': the prompt must mark each of its %zu gap%s once, in "
                            "order: {1}%s",
                            q->id, q->ngaps, q->ngaps == 1 ? "" : "s",
                            q->ngaps == 1   ? ""
                            : q->ngaps == 2 ? " and {2}"
                                            : " to {n}");
    return bad ? -1 : 0;
}

static void
cloze_release(struct proctor_question *q)
{
    for (size_t k = 0; k < q->ngaps; k++)
        bank_question_release(&q->gaps[k]);
    free(q->gaps);
    q->gaps = NULL;
    q->ngaps = 0;
}

/*
 * The gaps: each {"type", "weight" (when not 1), and its type's members}, the options of a
 * choice gap with opaque ids in the order written, the answers only in the full form.
 */
static int
cloze_embed(cJSON *o, const struct proctor_question *q, const size_t *perm, int full)
{
    cJSON *arr = cJSON_AddArrayToObject(o, "gaps");

    (void)perm;
    if (!arr)
        return -1;
    for (size_t k = 0; k < q->ngaps; k++) {
        const struct proctor_question *g = &q->gaps[k];
        const struct proctor_option *list;
        int shows;
        size_t n = qtypes[g->type]->items(g, &list, &shows), *id = calloc(n ? n : 1, sizeof *id);
        cJSON *jg = cJSON_CreateObject();
        int rc;

        if (jg && !cJSON_AddItemToArray(arr, jg)) {
            cJSON_Delete(jg);
            jg = NULL;
        }
        for (size_t i = 0; id && i < n; i++)
            id[i] = i; /* in the order written */
        rc = !id || !jg || !cJSON_AddStringToObject(jg, "type", qtypes[g->type]->name) ||
                     (weight(g) != 1 && !cJSON_AddNumberToObject(jg, "weight", (double)weight(g)))
                 ? -1
                 : qtypes[g->type]->embed(jg, g, id, full);
        free(id);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Gap k of r as a response of the gap's own type; unanswered when left blank. */
static void
gap_response(const struct proctor_question *g, const struct proctor_response *r, size_t k,
             struct proctor_response *out, char **slot)
{
    memset(out, 0, sizeof *out);
    if (!r->ids || k >= r->nids || !r->ids[k] || !r->ids[k][0])
        return;
    out->answered = 1;
    *slot = r->ids[k];
    if (g->type == PROCTOR_CHOICE) {
        out->ids = slot;
        out->nids = 1;
    } else {
        out->text = *slot;
    }
}

/* Whether gap k is answered right; how it was read added to note (may be NULL). */
static int
gap_right(const struct proctor_question *q, const struct proctor_response *r, size_t k,
          struct proctor_grade_note *note)
{
    const struct proctor_question *g = &q->gaps[k];
    struct proctor_response gr;
    struct proctor_grade_note gn;
    char *slot = NULL;
    int right;

    gap_response(g, r, k, &gr, &slot);
    right = gr.answered && proctor_grade_noted(g, &gr, &gn) == proctor_grade_max(g) &&
            proctor_grade_max(g) > 0;
    if (right && note && gn.flags) {
        note->flags |= gn.flags;
        textmatch_note_add(note->wrote, sizeof note->wrote, gn.wrote, 0, strlen(gn.wrote));
        textmatch_note_add(note->expected, sizeof note->expected, gn.expected, 0,
                           strlen(gn.expected));
    }
    return right;
}

/* The points times the weight of the gaps answered right over the weight of all. */
static int64_t
cloze_grade(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note)
{
    int64_t right = 0, all = 0;

    if (!r->ids || r->nids != q->ngaps)
        return 0;
    for (size_t k = 0; k < q->ngaps; k++) {
        all += weight(&q->gaps[k]);
        if (gap_right(q, r, k, note))
            right += weight(&q->gaps[k]);
    }
    return qtype_share(q->points, right, all);
}

static size_t
cloze_parts(const struct proctor_question *q)
{
    return q->ngaps ? q->ngaps : 1;
}

static const struct proctor_question *
cloze_part(const struct proctor_question *q, size_t k)
{
    return k < q->ngaps ? &q->gaps[k] : NULL;
}

/* Gap k: as its own type reads it, or '-' for a gap left blank. */
static int
cloze_parse(const struct proctor_question *q, const size_t *perm, size_t k, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    const struct proctor_question *g;
    struct proctor_response gr;
    char *answer;
    int rc;

    (void)perm;
    if (k >= q->ngaps)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "question '%s' has no gaps",
                                 q->id ? q->id : "");
    g = &q->gaps[k];
    memset(&gr, 0, sizeof gr);
    if (strcmp(s, "-") == 0) {
        answer = strdup("");
    } else if (!*s) {
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "type the answer for gap {%zu}, '-' to leave it blank, or :skip",
                                 k + 1);
    } else {
        if ((rc = qtypes[g->type]->parse(g, NULL, 0, s, &gr, err)) != 0) {
            proctor_response_release(&gr);
            return rc;
        }
        answer = strdup(gr.text ? gr.text : gr.nids ? gr.ids[0] : "");
        proctor_response_release(&gr);
    }
    if (!answer)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    if (r->nids != q->ngaps || !r->ids) { /* the first part: every gap blank so far */
        proctor_response_release(r);
        if (qtype_alloc_ids(r, q->ngaps, 0)) {
            free(answer);
            proctor_response_release(r);
            return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        }
        for (size_t i = 0; i < q->ngaps; i++) {
            if (!(r->ids[i] = strdup(""))) {
                r->nids = i;
                free(answer);
                proctor_response_release(r);
                return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            }
        }
        r->nids = q->ngaps;
    }
    free(r->ids[k]);
    r->ids[k] = answer;
    return 0;
}

/* ["Kigali", "1700", "o2", ""]: one string per gap, "" when left blank. */
static int
cloze_from_value(const struct proctor_question *q, const struct response_value *v,
                 struct proctor_response *r, struct proctor_error *err)
{
    size_t k = 0;

    if (v->kind != RV_ARRAY || v->n != q->ngaps)
        return qtype_json_bad(err, q, "expected an array of one string per gap");
    if (!(r->ids = qtype_json_ids(r, q->ngaps)))
        return qtype_json_oom(r, err);
    for (size_t i = 0; i < v->n; i++) {
        const struct proctor_question *g = &q->gaps[k];
        const char *e = v->items[i];
        if (!e || strlen(e) > PROCTOR_ANSWER_MAX_BYTES) {
            proctor_response_release(r);
            return qtype_json_bad(err, q, "expected a string of at most 64 KiB for each gap");
        }
        if (g->type == PROCTOR_CHOICE && e[0] &&
            qtype_find_option(g->options, g->noptions, e) < 0) {
            proctor_response_release(r);
            return qtype_json_bad(err, q, "no such option");
        }
        if (!(r->ids[k] = qtype_json_str(r, e)))
            return qtype_json_oom(r, err);
        r->nids = ++k;
    }
    return 0;
}

/* Each gap's answer in its type's canonical form, a blank gap as an empty string. */
static void
cloze_canonical(struct sbuf *b, const struct proctor_question *q, const struct proctor_response *r)
{
    for (size_t k = 0; k < q->ngaps; k++) {
        const struct proctor_question *g = &q->gaps[k];
        struct proctor_response gr;
        char *slot = NULL;
        gap_response(g, r, k, &gr, &slot);
        if (gr.answered)
            qtypes[g->type]->canonical(b, g, &gr);
        else
            qtype_canon_str(b, "");
    }
}

/* "{1} Interahamwe; {2} 1700; {3} b) RGF" */
static void
cloze_describe_answer(struct sbuf *b, const struct proctor_question *q, const size_t *perm)
{
    char mark[32];

    (void)perm;
    for (size_t k = 0; k < q->ngaps; k++) {
        snprintf(mark, sizeof mark, "%s{%zu} ", k ? "; " : "", k + 1);
        sbuf_str(b, mark);
        qtypes[q->gaps[k].type]->describe_answer(b, &q->gaps[k], NULL);
    }
}

/* "{1} interahamwe (right); {2} 1600 (wrong); {3} (blank)": right or wrong only where the
 * answers are known (not a sealed question). */
static void
cloze_describe_response(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                        const struct proctor_response *r)
{
    char mark[32];

    (void)perm;
    for (size_t k = 0; k < q->ngaps; k++) {
        const struct proctor_question *g = &q->gaps[k];
        struct proctor_response gr;
        char *slot = NULL;
        gap_response(g, r, k, &gr, &slot);
        snprintf(mark, sizeof mark, "%s{%zu} ", k ? "; " : "", k + 1);
        sbuf_str(b, mark);
        if (!gr.answered) {
            sbuf_str(b, "(blank)");
            continue;
        }
        qtypes[g->type]->describe_response(b, g, NULL, &gr);
        if (!q->sealed)
            sbuf_str(b, gap_right(q, r, k, NULL) ? " (right)" : " (wrong)");
    }
}

/* A choice gap's options; nothing for the others. */
static void
cloze_show(const struct proctor_question *q, const size_t *perm, size_t k, qtype_item_fn item,
           void *ctx)
{
    (void)perm;
    if (k < q->ngaps)
        qtypes[q->gaps[k].type]->show(&q->gaps[k], NULL, 0, item, ctx);
}

/* clang-format off */
QTYPE_DEFINE(cloze,
             cloze_hint,              /* hint */
             cloze_members,           /* members */
             cloze_shown,             /* shown */
             cloze_answers,           /* answers */
             cloze_load,              /* load */
             cloze_release,           /* release */
             cloze_embed,             /* embed */
             qtype_no_items,          /* items */
             qtype_points,            /* max */
             cloze_grade,             /* grade */
             cloze_parts,             /* parts */
             cloze_part,              /* part */
             cloze_parse,             /* parse */
             qtype_ids_to_json,       /* to_json */
             cloze_from_value,        /* from_value */
             cloze_canonical,         /* canonical */
             cloze_describe_answer,   /* describe_answer */
             cloze_describe_response, /* describe_response */
             cloze_show               /* show */);
/* clang-format on */
