/* SPDX-License-Identifier: ISC */
/* response-json.c - the JSON shape of a response, shared by sessions, results and verify. */
#include <stdlib.h>
#include <string.h>

#include "proctor/bank.h"
#include "proctor/limits.h"
#include "response-json.h"


cJSON *
response_to_cjson(const struct proctor_question *q, const struct proctor_response *r)
{
    cJSON *v = NULL;

    if (!r->answered)
        return NULL;
    switch (q->type) {
    case PROCTOR_CHOICE:
        return r->nids == 1 ? cJSON_CreateString(r->ids[0]) : NULL;
    case PROCTOR_MULTI:
    case PROCTOR_ORDER:
        v = cJSON_CreateArray();
        for (size_t i = 0; v && i < r->nids; i++) {
            cJSON *s = cJSON_CreateString(r->ids[i]);
            if (!s || !cJSON_AddItemToArray(v, s)) {
                cJSON_Delete(s);
                cJSON_Delete(v);
                return NULL;
            }
        }
        return v;
    case PROCTOR_MATCH:
        v = cJSON_CreateObject();
        for (size_t i = 0; v && i < r->nids; i++) {
            if (!cJSON_AddStringToObject(v, r->ids[i], r->ids2[i])) {
                cJSON_Delete(v);
                return NULL;
            }
        }
        return v;
    case PROCTOR_TRUEFALSE:
        return cJSON_CreateBool(r->truth);
    case PROCTOR_SHORT:
    case PROCTOR_NUMERIC:
    case PROCTOR_ESSAY:
        return cJSON_CreateString(r->text ? r->text : "");
    default:
        return NULL;
    }
}

static int
has_id(const struct proctor_option *o, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(o[i].id, id) == 0)
            return 1;
    return 0;
}

static int
seen_before(char **ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

static int
bad(struct proctor_error *err, const struct proctor_question *q, const char *what)
{
    return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "response to '%s': %s", q->id,
                             what);
}

int
response_from_cjson(const struct proctor_question *q, const cJSON *v, struct proctor_response *r,
                    struct proctor_error *err)
{
    const cJSON *e;
    size_t n;

    memset(r, 0, sizeof *r);
    switch (q->type) {
    case PROCTOR_CHOICE:
        if (!cJSON_IsString(v))
            return bad(err, q, "expected an option id");
        if (!has_id(q->options, q->noptions, v->valuestring))
            return bad(err, q, "no such option");
        r->ids = calloc(1, sizeof *r->ids);
        if (!r->ids || !(r->ids[0] = strdup(v->valuestring)))
            goto oom;
        r->nids = 1;
        break;
    case PROCTOR_MULTI:
    case PROCTOR_ORDER:
        if (!cJSON_IsArray(v))
            return bad(err, q, "expected an array of option ids");
        n = (size_t)cJSON_GetArraySize(v);
        if (n > q->noptions || (q->type == PROCTOR_ORDER && n != q->noptions))
            return bad(err, q, "wrong number of option ids");
        r->ids = calloc(n ? n : 1, sizeof *r->ids);
        if (!r->ids)
            goto oom;
        cJSON_ArrayForEach(e, v) {
            if (!cJSON_IsString(e) || !has_id(q->options, q->noptions, e->valuestring)) {
                proctor_response_release(r);
                return bad(err, q, "no such option");
            }
            if (seen_before(r->ids, r->nids, e->valuestring)) {
                proctor_response_release(r);
                return bad(err, q, "an option id is repeated");
            }
            if (!(r->ids[r->nids] = strdup(e->valuestring)))
                goto oom;
            r->nids++;
        }
        break;
    case PROCTOR_MATCH:
        if (!cJSON_IsObject(v))
            return bad(err, q, "expected an object of left id to right id");
        n = (size_t)cJSON_GetArraySize(v);
        if (n > q->noptions)
            return bad(err, q, "too many pairs");
        r->ids = calloc(n ? n : 1, sizeof *r->ids);
        r->ids2 = calloc(n ? n : 1, sizeof *r->ids2);
        if (!r->ids || !r->ids2)
            goto oom;
        cJSON_ArrayForEach(e, v) {
            if (!cJSON_IsString(e) || !has_id(q->options, q->noptions, e->string) ||
                !has_id(q->rights, q->nrights, e->valuestring)) {
                proctor_response_release(r);
                return bad(err, q, "no such item");
            }
            if (seen_before(r->ids, r->nids, e->string)) {
                proctor_response_release(r);
                return bad(err, q, "a left item is paired twice");
            }
            r->ids[r->nids] = strdup(e->string);
            r->ids2[r->nids] = strdup(e->valuestring);
            r->nids++;
            if (!r->ids[r->nids - 1] || !r->ids2[r->nids - 1])
                goto oom;
        }
        break;
    case PROCTOR_TRUEFALSE:
        if (!cJSON_IsBool(v))
            return bad(err, q, "expected true or false");
        r->truth = cJSON_IsTrue(v);
        break;
    case PROCTOR_SHORT:
    case PROCTOR_NUMERIC:
    case PROCTOR_ESSAY:
        if (!cJSON_IsString(v))
            return bad(err, q, "expected a string");
        if (strlen(v->valuestring) > PROCTOR_ANSWER_MAX_BYTES)
            return bad(err, q, "text longer than 64 KiB");
        if (!(r->text = strdup(v->valuestring)))
            goto oom;
        break;
    default:
        return bad(err, q, "unknown question type");
    }
    r->answered = 1;
    return 0;
oom:
    proctor_response_release(r);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}
