/* SPDX-License-Identifier: ISC */
/*
 * result-same.h - the one-pass result reader (result_onepass, src/result.c) held to the tree
 * reader (proctor_result_parse_tree) on one payload: both accept it or both refuse it; when
 * they accept, every field of the result and every response's value alike;
 * and result_read, what verify reads with, gives the tree reader's verdict and, on a
 * refusal, its very error (code, line, column, message); the ids' hashes both hand over
 * for verify's lookups (NULL from the tree reader) are the ids' wordhash. Shared by tests/unit/test-result-read.c
 * and tests/fuzz/fuzz-result-read.c.
 */
#ifndef PROCTOR_RESULT_SAME_H
#define PROCTOR_RESULT_SAME_H

#include <string.h>

#include <cJSON.h>

#include "../../src/fnv1a.h"
#include "../../src/json-arena.h"
#include "../../src/result-internal.h"

static inline int
rs_str_same(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* A response's value alike, read from the bytes or from the tree. */
static inline int
rs_value_same(const struct response_value *a, const struct response_value *b)
{
    if (a->kind != b->kind || !rs_str_same(a->str, b->str) || a->n != b->n ||
        !a->keys != !b->keys)
        return 0;
    /* a string's length, which the text reader checks, as each reader gives it */
    if (a->kind == RV_STRING && (!a->str || a->len != strlen(a->str) || b->len != a->len))
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (!rs_str_same(a->items[i], b->items[i]) ||
            (a->keys && !rs_str_same(a->keys[i], b->keys[i])))
            return 0;
    return 1;
}

static inline int
result_same(const struct proctor_result *a, const struct response_value *va,
            const struct proctor_result *b, const struct response_value *vb)
{
    if (a->version != b->version || !rs_str_same(a->student, b->student) ||
        !rs_str_same(a->keyid, b->keyid) || !rs_str_same(a->kind, b->kind) ||
        !rs_str_same(a->assignment_id, b->assignment_id) ||
        memcmp(a->digest, b->digest, sizeof a->digest) != 0 || a->attempt != b->attempt ||
        memcmp(a->nonce, b->nonce, sizeof a->nonce) != 0 ||
        !rs_str_same(a->started, b->started) || !rs_str_same(a->finished, b->finished) ||
        !rs_str_same(a->program, b->program) || a->nquestions != b->nquestions ||
        a->nresponses != b->nresponses || a->earned != b->earned || a->max != b->max)
        return 0;
    for (size_t i = 0; i < a->nquestions; i++)
        if (!rs_str_same(a->questions[i], b->questions[i]))
            return 0;
    for (size_t i = 0; i < a->nresponses; i++) {
        const struct proctor_result_response *x = &a->responses[i], *y = &b->responses[i];
        if (!rs_str_same(x->qid, y->qid) || x->question != y->question ||
            x->response_step != y->response_step || x->feedback_seen != y->feedback_seen ||
            x->feedback_step != y->feedback_step || !rs_str_same(x->json, y->json) ||
            !rs_value_same(&va[i], &vb[i]))
            return 0;
    }
    return 1;
}

/* 0 when the readers agree on payload (len bytes), else a word on how they differ; *accepted
 * says whether the tree reader accepted it. Opens and closes a json arena scope. */
/* Whether h (n of them, or NULL) is each id's wordhash. */
static inline int
result_hashes_same(const uint64_t *h, char *const *ids, size_t n)
{
    if (!h)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (h[i] != wordhash(ids[i], strlen(ids[i])))
            return 0;
    return 1;
}

static inline const char *
result_readers_differ(const char *payload, size_t len, int *accepted)
{
    struct proctor_result one, tree, read;
    struct response_value *v1 = NULL, *v2 = NULL, *v3 = NULL;
    uint64_t *h1 = NULL, *h3 = NULL;
    struct proctor_error e2, e3;
    cJSON *root = NULL;
    const char *why = NULL;
    int rc1, rc2, rc3;

    *accepted = 0;
    if (json_arena_begin() < 0)
        return NULL; /* no memory: nothing to compare */
    proctor_error_clear(&e2);
    proctor_error_clear(&e3);
    rc1 = result_onepass(payload, len, &one, &v1, &h1, NULL);
    rc2 = proctor_result_parse_tree(payload, len, &tree, &root, &v2, &e2);
    rc3 = result_read(payload, len, &read, &v3, &h3, &e3);
    *accepted = rc2 == 0;
    if (rc2 == PROCTOR_ENOMEM || rc1 == PROCTOR_ENOMEM || rc3 == PROCTOR_ENOMEM)
        why = NULL;
    else if ((rc1 == 0) != (rc2 == 0))
        why = rc1 == 0 ? "the one pass accepts what the tree reader refuses"
                       : "the one pass refuses what the tree reader accepts";
    else if (rc1 == 0 && !result_same(&one, v1, &tree, v2))
        why = "the readers accept it with different fields";
    else if (rc3 != rc2)
        why = "result_read's verdict is not the tree reader's";
    else if (rc3 == 0 && !result_same(&read, v3, &tree, v2))
        why = "result_read's fields are not the tree reader's";
    else if (rc1 == 0 && (!result_hashes_same(h1, one.questions, one.nquestions) ||
                          !result_hashes_same(h3, read.questions, read.nquestions)))
        why = "the ids' hashes handed over are not the ids'";
    else if (rc1 != 0 && h3)
        why = "result_read hands over hashes the one pass did not make";
    else if (rc3 != 0 && (e3.code != e2.code || e3.line != e2.line || e3.column != e2.column ||
                          strcmp(e3.msg, e2.msg) != 0 || strcmp(e3.path, e2.path) != 0))
        why = "result_read's refusal is not the tree reader's";
    json_arena_end();
    return why;
}

#endif
