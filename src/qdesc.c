/* SPDX-License-Identifier: ISC */
/* qdesc.c - questions described independently of their file format (see qdesc.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qdesc.h"


void
qdesc_init(struct qdesc *d)
{
    memset(d, 0, sizeof *d);
}

void
qdesc_reset(struct qdesc *d)
{
    for (struct qdesc_block *b = d->blocks; b; b = b->next)
        b->used = 0;
    d->cur = d->blocks;
    d->failed = 0;
}

void
qdesc_release(struct qdesc *d)
{
    struct qdesc_block *b = d->blocks, *next;

    for (; b; b = next) {
        next = b->next;
        free(b);
    }
    memset(d, 0, sizeof *d);
}

static struct qnode *
node_alloc(struct qdesc *d)
{
    while (d->cur && d->cur->used == QDESC_BLOCK_NODES)
        d->cur = d->cur->next;
    if (!d->cur) {
        struct qdesc_block *b = malloc(sizeof *b);
        if (!b) {
            d->failed = 1;
            return NULL;
        }
        b->used = 0;
        b->next = NULL;
        if (!d->blocks) {
            d->blocks = b;
        } else {
            struct qdesc_block *t = d->blocks;
            while (t->next)
                t = t->next;
            t->next = b;
        }
        d->cur = b;
    }
    return &d->cur->nodes[d->cur->used++];
}

/* qdesc_add when the current block is full (or there is none): the next one. */
struct qnode *
qdesc_add_block(struct qdesc *d, struct qnode *parent, const char *name, size_t nlen,
                enum qnode_kind kind, const void *at)
{
    struct qnode *v = node_alloc(d);

    if (!v)
        return NULL;
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->name = name;
    v->nlen = nlen;
    v->at = at;
    qnode_link(parent, v);
    return v;
}

struct qnode *
qdesc_add_number(struct qdesc *d, struct qnode *parent, const char *name, double x, const void *at)
{
    struct qnode *v = qdesc_add(d, parent, name, QNODE_NUMBER, at);

    if (v)
        v->num = x;
    return v;
}

struct qnode *
qdesc_add_bool(struct qdesc *d, struct qnode *parent, const char *name, int x, const void *at)
{
    return qdesc_add(d, parent, name, x ? QNODE_TRUE : QNODE_FALSE, at);
}

static struct qnode *
from_cjson(struct qdesc *d, struct qnode *parent, const cJSON *v)
{
    enum qnode_kind kind = cJSON_IsString(v)   ? QNODE_STRING
                           : cJSON_IsNumber(v) ? QNODE_NUMBER
                           : cJSON_IsTrue(v)   ? QNODE_TRUE
                           : cJSON_IsFalse(v)  ? QNODE_FALSE
                           : cJSON_IsArray(v)  ? QNODE_ARRAY
                           : cJSON_IsObject(v) ? QNODE_OBJECT
                                               : QNODE_NULL;
    struct qnode *n =
        qdesc_add(d, parent, parent && parent->kind == QNODE_OBJECT ? v->string : NULL, kind, v);
    const cJSON *c;

    if (!n)
        return NULL;
    if (kind == QNODE_STRING)
        n->str = v->valuestring;
    else if (kind == QNODE_NUMBER)
        n->num = v->valuedouble;
    else if (kind == QNODE_ARRAY || kind == QNODE_OBJECT)
        cJSON_ArrayForEach(c, v) if (!from_cjson(d, n, c)) return NULL;
    return n;
}

struct qnode *
qdesc_from_cjson(struct qdesc *d, const cJSON *v)
{
    return v ? from_cjson(d, NULL, v) : NULL;
}

int
qnode_nonempty(const struct qnode *v)
{
    if (!qnode_is_string(v))
        return 0;
    for (const char *p = v->str; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return 1;
    return 0;
}

int
qnode_get_int(const struct qnode *v, long long *out)
{
    const double max = 9007199254740991.0; /* 2^53 - 1 */
    double x;

    if (!qnode_is_number(v))
        return 0;
    x = v->num;
    if (!(x >= -max && x <= max) || x != (double)(long long)x)
        return 0;
    *out = (long long)x;
    return 1;
}
