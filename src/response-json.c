/* SPDX-License-Identifier: ISC */
/* response-json.c - the JSON shape of a response, shared by sessions, results and verify. */
#include <stdlib.h>
#include <string.h>

#include "json-arena.h"
#include "proctor/bank.h"
#include "qtype.h"
#include "response-json.h"

cJSON *
response_to_cjson(const struct proctor_question *q, const struct proctor_response *r)
{
    if (!r->answered || (unsigned)q->type >= PROCTOR_NTYPES)
        return NULL;
    return QTYPE(q)->to_json(q, r);
}

/* The one response reader: each type's from_value. */
static int
from_value(const struct proctor_question *q, const struct response_value *v,
           struct proctor_response *r, struct proctor_error *err, int borrowed)
{
    int rc;

    memset(r, 0, sizeof *r);
    r->borrowed = borrowed; /* what each type's from_value reads to copy or not (qtype.h) */
    if ((unsigned)q->type >= PROCTOR_NTYPES)
        return qtype_json_bad(err, q, "unknown question type");
    if ((rc = QTYPE(q)->from_value(q, v, r, err)) < 0)
        return rc;
    r->answered = 1;
    return 0;
}

/* v as a response_value whose arrays are room (2 * room_n pointers) when they fit, else
 * malloc'd into *heap (or the arena, with arena set). -1 when out of memory. */
static int
of_cjson(const cJSON *v, struct response_value *out, const char **room, size_t room_n,
         const char ***heap, int arena)
{
    const cJSON *m;
    const char **items, **keys;
    size_t n = 0;

    memset(out, 0, sizeof *out);
    *heap = NULL;
    if (cJSON_IsString(v) && v->valuestring) {
        out->kind = RV_STRING;
        out->str = v->valuestring;
        out->len = strlen(v->valuestring);
        return 0;
    }
    if (cJSON_IsBool(v)) {
        out->kind = cJSON_IsTrue(v) ? RV_TRUE : RV_FALSE;
        return 0;
    }
    if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
        return 0; /* RV_OTHER */
    cJSON_ArrayForEach(m, v)
        n++;
    if (n > room_n) {
        if (n > SIZE_MAX / (2 * sizeof *items))
            return -1;
        room = arena ? json_arena_alloc(2 * n * sizeof *items) : malloc(2 * n * sizeof *items);
        if (!room)
            return -1;
        if (!arena)
            *heap = room;
    }
    items = room;
    keys = room ? room + n : NULL; /* no members: no room was needed */
    n = 0;
    cJSON_ArrayForEach(m, v) {
        items[n] = cJSON_IsString(m) ? m->valuestring : NULL;
        keys[n++] = m->string;
    }
    out->kind = cJSON_IsArray(v) ? RV_ARRAY : RV_OBJECT;
    out->n = n;
    out->items = items;
    out->keys = out->kind == RV_OBJECT ? keys : NULL;
    return 0;
}

static int
from_cjson(const struct proctor_question *q, const cJSON *v, struct proctor_response *r,
           struct proctor_error *err, int borrowed)
{
    const char *room[64], **heap;
    struct response_value rv;
    int rc;

    if (of_cjson(v, &rv, room, sizeof room / sizeof room[0] / 2, &heap, 0) < 0) {
        memset(r, 0, sizeof *r);
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    rc = from_value(q, &rv, r, err, borrowed);
    free(heap);
    return rc;
}

int
response_from_cjson(const struct proctor_question *q, const cJSON *v, struct proctor_response *r,
                    struct proctor_error *err)
{
    return from_cjson(q, v, r, err, 0);
}

int
response_from_cjson_borrowed(const struct proctor_question *q, const cJSON *v,
                             struct proctor_response *r, struct proctor_error *err)
{
    return from_cjson(q, v, r, err, 1);
}

int
response_from_value_borrowed(const struct proctor_question *q, const struct response_value *v,
                             struct proctor_response *r, struct proctor_error *err)
{
    return from_value(q, v, r, err, 1);
}

int
response_value_of_cjson(const cJSON *v, struct response_value *out)
{
    const char **heap;

    return of_cjson(v, out, NULL, 0, &heap, 1);
}

/* Room for n + 1 pointers where old has n (*cap of them at first, then twice as many),
 * from the arena; NULL when out of memory. */
static inline const char **
grow(const char **old, size_t n, size_t *cap)
{
    const char **more;

    if (old && n < *cap)
        return old;
    if (old)
        *cap *= 2;
    if (!(more = json_arena_take(*cap * sizeof *more)))
        return NULL;
    if (n)
        memcpy(more, old, n * sizeof *more);
    return more;
}

/* Keys compared pairwise up to this many (an object's keys must differ after unescaping);
 * a larger object is checked again whole by json_pull_value, which hashes them. */
#define PAIRWISE 16

int
response_value_pull(struct json_scan *sc, int depth, struct response_value *out)
{
    const char **items = NULL, **keys = NULL;
    const unsigned char *start;
    size_t n = 0, cap = 4, kcap = 4, len, klen[PAIRWISE];
    int object, rc, b;

    memset(out, 0, sizeof *out);
    json_skip_ws(sc);
    if (sc->p >= sc->end)
        return json_pull_value(sc, depth, NULL); /* its refusal */
    switch (*sc->p) {
    case '"':
        out->kind = RV_STRING;
        return json_pull_str(sc, (char **)&out->str, &out->len);
    case 't':
    case 'f':
        if ((rc = json_pull_bool(sc, &b)) < 0)
            return rc;
        out->kind = b ? RV_TRUE : RV_FALSE;
        return 0;
    case '[':
    case '{':
        break;
    default:
        return json_pull_value(sc, depth, NULL); /* RV_OTHER, checked */
    }
    if (depth + 1 > sc->max_depth)
        return json_pull_value(sc, depth, NULL); /* "nested too deeply" */
    object = *sc->p == '{';
    start = sc->p++;
    if (!json_pull_char(sc, object ? '}' : ']')) {
        do {
            char *s = NULL;
            if (!(items = grow(items, n, &cap)) || (object && !(keys = grow(keys, n, &kcap))))
                return PROCTOR_ENOMEM;
            if (object) {
                char *k;
                /* the name as a string value would be read, then its ':' */
                if ((rc = json_pull_str(sc, &k, &len)) < 0)
                    return rc;
                if (!json_pull_char(sc, ':'))
                    return PROCTOR_EINVAL;
                if (n < PAIRWISE)
                    klen[n] = len;
                keys[n] = k;
            }
            json_skip_ws(sc);
            if (sc->p < sc->end && *sc->p == '"')
                rc = json_pull_str(sc, &s, &len);
            else
                rc = json_pull_value(sc, depth + 1, NULL);
            if (rc < 0)
                return rc;
            items[n++] = s;
        } while (json_pull_char(sc, ','));
        if (!json_pull_char(sc, object ? '}' : ']'))
            return PROCTOR_EINVAL;
    }
    if (object && n > PAIRWISE) {
        struct json_scan whole = *sc;
        whole.p = start;
        if ((rc = json_pull_value(&whole, depth, NULL)) < 0)
            return rc;
    } else if (object) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (klen[i] == klen[j] && memcmp(keys[i], keys[j], klen[i]) == 0)
                    return PROCTOR_EINVAL; /* a duplicate key */
    }
    out->kind = object ? RV_OBJECT : RV_ARRAY;
    out->n = n;
    out->items = items;
    out->keys = keys;
    return 0;
}
