/* SPDX-License-Identifier: ISC */
/*
 * multi.c - a multi question: all that apply among 2 to 8 options; partial credit per option
 * (Moodle's scoring), never below 0.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../qtype.h"

static const char multi_hint[] = "Choose all that apply: letters separated by spaces, e.g. 'a c'.";
static const char *const multi_members[] = {"options", "shuffle", NULL};
static const char *const multi_shown[] = {"options", "shuffle", NULL};
static const char *const multi_answers[] = {NULL};

static int
multi_load(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    return qtype_load_choices(L, q, jq, 1);
}

/*
 * Moodle's multiple-answer scoring: the correct options share +100 %, the wrong ones share
 * -100 %, floored at 0. Each option counts once however often it is named; unknown ids are
 * ignored. earned = points * (hits * nwrong - wrongpicks * ncorrect) / (ncorrect * nwrong).
 */
static int64_t
multi_grade(const struct proctor_question *q, const struct proctor_response *r,
            struct proctor_grade_note *note)
{
    (void)note;
    int64_t ncorrect = 0, nwrong = 0, hits = 0, wrongpicks = 0, num;

    if (!r->ids)
        return 0;
    for (size_t i = 0; i < q->noptions; i++) {
        int picked = qtype_response_has(r, q->options[i].id);

        if (q->options[i].correct) {
            ncorrect++;
            hits += picked;
        } else {
            nwrong++;
            wrongpicks += picked;
        }
    }
    if (ncorrect == 0)
        return 0;
    if (nwrong == 0)
        return qtype_share(q->points, hits, ncorrect);
    num = hits * nwrong - wrongpicks * ncorrect;
    return qtype_share(q->points, num, ncorrect * nwrong);
}

/* Letters or numbers separated by spaces, commas or semicolons ("a c", "ac", "1,3"), each
 * option at most once. */
static int
multi_parse(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    size_t n = q->noptions, *idx = NULL, i, j;
    unsigned char *typed_num = NULL;
    const char *bad = NULL;
    char range[48], what[24];
    long count;
    int rc = 0;

    (void)part;
    if ((rc = qtype_check_options(q, perm, err)) != 0)
        return rc;
    qtype_label_range(n, range, sizeof range);
    count = qtype_split_labels(s, NULL, NULL, 0, &bad);
    if (count < 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "choose letters from %s separated by spaces, e.g. 'a c'", range);
    if (count == 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "choose at least one letter from %s, e.g. 'a c'", range);
    idx = malloc((size_t)count * sizeof *idx);
    typed_num = malloc((size_t)count);
    if (!idx || !typed_num || qtype_alloc_ids(r, (size_t)count, 0)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    qtype_split_labels(s, idx, typed_num, (size_t)count, &bad);
    for (i = 0; i < (size_t)count; i++) {
        qtype_typed_label(idx[i], typed_num[i], what, sizeof what);
        if (idx[i] >= n) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "'%s' is not one of the options: choose from %s", what, range);
            goto out;
        }
        for (j = 0; j < i; j++) {
            if (idx[j] == idx[i]) {
                rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "'%s' is given twice: name each choice once", what);
                goto out;
            }
        }
        if (qtype_push_id(r, q->options[qtype_canon(perm, idx[i])].id, NULL)) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
out:
    free(idx);
    free(typed_num);
    return rc;
}

static int
multi_from_value(const struct proctor_question *q, const struct response_value *v,
                 struct proctor_response *r,
                struct proctor_error *err)
{
    return qtype_ids_from_value(q, v, q->noptions, 0, r, err);
}

/* The options picked, in the order shown; "(none)". */
static void
multi_describe_response(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                        const struct proctor_response *r)
{
    int first = 1;

    for (size_t k = 0; k < q->noptions; k++) {
        size_t i = qtype_canon(perm, k);
        if (!qtype_response_has(r, q->options[i].id))
            continue;
        if (!first)
            sbuf_str(b, "; ");
        first = 0;
        qtype_describe_option(b, q->options, q->noptions, perm, q->options[i].id);
    }
    if (first)
        sbuf_str(b, "(none)");
}

/* clang-format off */
QTYPE_DEFINE(multi,
             multi_hint,              /* hint */
             multi_members,           /* members */
             multi_shown,             /* shown */
             multi_answers,           /* answers */
             multi_load,              /* load */
             qtype_release_none,      /* release */
             qtype_embed_choices,     /* embed */
             qtype_option_items,      /* items */
             qtype_points,            /* max */
             multi_grade,             /* grade */
             qtype_one_part,          /* parts */
             qtype_self,              /* part */
             multi_parse,             /* parse */
             qtype_ids_to_json,       /* to_json */
             multi_from_value,        /* from_value */
             qtype_canon_id_set,      /* canonical */
             qtype_describe_correct,  /* describe_answer */
             multi_describe_response, /* describe_response */
             qtype_show_option_list   /* show */);
/* clang-format on */
