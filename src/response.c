/* SPDX-License-Identifier: ISC */
/*
 * response.c - responses: their lifetime, and reading what a student typed at the prompt
 * into one (each type's parse, through qtype.h), part by part for a question that takes
 * several answers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "proctor/grade.h"
#include "proctor/limits.h"
#include "qtype.h"

void
proctor_response_release(struct proctor_response *r)
{
    size_t i;

    if (!r)
        return;
    if (r->borrowed) { /* nothing here is r's own */
        memset(r, 0, sizeof *r);
        return;
    }
    free(r->text);
    for (i = 0; i < r->nids; i++) {
        if (r->ids)
            free(r->ids[i]);
        if (r->ids2)
            free(r->ids2[i]);
    }
    free(r->ids);
    free(r->ids2);
    memset(r, 0, sizeof *r);
}

static char **
copy_ids(char *const *ids, size_t n, int *failed)
{
    char **out;
    size_t i;

    if (!ids)
        return NULL;
    out = calloc(n ? n : 1, sizeof *out);
    if (!out) {
        *failed = 1;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (ids[i] && !(out[i] = strdup(ids[i])))
            *failed = 1;
    }
    return out;
}

/* Deep copy; dst is overwritten (not released first). On failure dst is left empty. */
int
proctor_response_copy(struct proctor_response *dst, const struct proctor_response *src)
{
    int failed = 0;

    if (!dst)
        return PROCTOR_EUSAGE;
    memset(dst, 0, sizeof *dst);
    if (!src)
        return 0;
    dst->answered = src->answered;
    dst->truth = src->truth;
    dst->nids = src->nids;
    if (src->text && !(dst->text = strdup(src->text)))
        failed = 1;
    dst->ids = copy_ids(src->ids, src->nids, &failed);
    dst->ids2 = copy_ids(src->ids2, src->nids, &failed);
    if (failed) {
        proctor_response_release(dst);
        return PROCTOR_ENOMEM;
    }
    return 0;
}

/* ---- the question as asked ---- */

size_t
proctor_response_parts(const struct proctor_question *q)
{
    if (!q || (unsigned)q->type >= PROCTOR_NTYPES)
        return 1;
    return QTYPE(q)->parts(q);
}

const struct proctor_question *
proctor_question_part(const struct proctor_question *q, size_t k)
{
    if (!q || (unsigned)q->type >= PROCTOR_NTYPES || k >= QTYPE(q)->parts(q))
        return NULL;
    return QTYPE(q)->part(q, k);
}

const char *
proctor_question_hint(const struct proctor_question *q, size_t k)
{
    const struct proctor_question *p;

    if (k == PROCTOR_WHOLE)
        return q && (unsigned)q->type < PROCTOR_NTYPES ? QTYPE(q)->hint : "";
    p = proctor_question_part(q, k);
    return p && (unsigned)p->type < PROCTOR_NTYPES ? QTYPE(p)->hint : "";
}

void
proctor_question_show(const struct proctor_question *q, const size_t *perm, size_t k,
                      proctor_item_fn item, void *ctx)
{
    const struct proctor_option *list;
    int shows;

    if (!q || (unsigned)q->type >= PROCTOR_NTYPES || k >= QTYPE(q)->parts(q))
        return;
    if (perm && qtype_check_perm(perm, QTYPE(q)->items(q, &list, &shows), NULL) != 0)
        perm = NULL;
    QTYPE(q)->show(q, perm, k, item, ctx);
}

/* ---- parsing what a student typed ---- */

/* Copies line without leading and trailing ASCII whitespace into a malloc'd string. */
static char *
trimmed(const char *line)
{
    size_t len;
    char *s;

    while (qtype_is_space(*line))
        line++;
    len = strlen(line);
    while (len > 0 && qtype_is_space(line[len - 1]))
        len--;
    s = malloc(len + 1);
    if (!s)
        return NULL;
    memcpy(s, line, len);
    s[len] = '\0';
    return s;
}

static int
valid_utf8(const char *s)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s), i = 0, step;

    while (i < len) {
        step = utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &c);
        if (step <= 0)
            return 0;
        i += step;
    }
    return 1;
}

/*
 * Part 0 overwrites r (a response it held before is not released: release it first); a
 * later part adds to it. On success r->answered is 1; on failure part 0 leaves r empty and a
 * later part leaves it as it was (each type's parse changes r only when it succeeds).
 */
int
proctor_response_parse_part(const struct proctor_question *q, const size_t *perm, size_t part,
                            const char *line, struct proctor_response *r, struct proctor_error *err)
{
    char *s = NULL;
    int rc = 0;

    if (!r)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no response to fill");
    if (part == 0)
        memset(r, 0, sizeof *r);
    if (!q || !line)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no question or answer");
    if ((unsigned)q->type >= PROCTOR_NTYPES)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "unknown question type");
    if (part >= QTYPE(q)->parts(q))
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                 "question '%s' takes %zu answer%s", q->id ? q->id : "",
                                 QTYPE(q)->parts(q), QTYPE(q)->parts(q) == 1 ? "" : "s");
    if (!(s = trimmed(line)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    if (!valid_utf8(s)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "the answer is not valid UTF-8 text");
        goto out;
    }
    /* what response-json.c reads back: a longer answer could be saved but never resumed
     * or verified */
    if (strlen(s) > PROCTOR_ANSWER_MAX_BYTES) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "the answer is too long (at most 64 KiB)");
        goto out;
    }
    rc = QTYPE(q)->parse(q, perm, part, s, r, err);
out:
    free(s);
    if (rc != 0 && part == 0)
        proctor_response_release(r);
    else if (rc == 0)
        r->answered = 1;
    return rc;
}

/*
 * A question of one part reads the whole line; one of several reads the answers to its
 * parts separated by '|' ("Kigali | 1,700 | b").
 */
int
proctor_response_parse(const struct proctor_question *q, const size_t *perm, const char *line,
                       struct proctor_response *r, struct proctor_error *err)
{
    size_t n, k = 0;
    const char *p;
    int rc;

    if (!r)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no response to fill");
    memset(r, 0, sizeof *r);
    n = proctor_response_parts(q);
    if (n <= 1 || !line)
        return proctor_response_parse_part(q, perm, 0, line, r, err);
    for (p = line; (p = strchr(p, '|')); p++)
        k++;
    if (k + 1 != n)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "give %zu answers separated by '|', one for each gap", n);
    for (k = 0, p = line; k < n; k++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *one = malloc(len + 1);
        if (!one) {
            proctor_response_release(r);
            return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        }
        memcpy(one, p, len);
        one[len] = '\0';
        rc = proctor_response_parse_part(q, perm, k, one, r, err);
        free(one);
        if (rc < 0) {
            proctor_response_release(r);
            return rc;
        }
        p = bar ? bar + 1 : p + len;
    }
    return 0;
}
