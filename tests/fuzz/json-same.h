/* SPDX-License-Identifier: ISC */
/*
 * json-same.h - whether two cJSON trees are alike in everything a reader of them can see
 * (types, member names, strings, numbers with their int copy, order, and the links cJSON's
 * parse makes: next/prev, the first child's prev being the last). Shared by
 * tests/unit/test-json-strict.c and tests/fuzz/fuzz-json-strict.c, which hold the one-pass
 * strict reader to cJSON's own parse.
 */
#ifndef PROCTOR_JSON_SAME_H
#define PROCTOR_JSON_SAME_H

#include <string.h>

#include <cJSON.h>

static inline int
json_same_tree(const cJSON *a, const cJSON *b)
{
    const cJSON *x, *y;

    if (!a || !b)
        return a == b;
    if (a->type != b->type || a->valueint != b->valueint || a->valuedouble != b->valuedouble ||
        !a->string != !b->string || (a->string && strcmp(a->string, b->string) != 0) ||
        !a->valuestring != !b->valuestring ||
        (a->valuestring && strcmp(a->valuestring, b->valuestring) != 0) ||
        !a->child != !b->child)
        return 0;
    for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
        if (!json_same_tree(x, y) || (x->next && x->next->prev != x) ||
            (y->next && y->next->prev != y))
            return 0;
        if (!x->next && a->child->prev != x)
            return 0;
        if (!y->next && b->child->prev != y)
            return 0;
    }
    return !x && !y;
}

#endif
