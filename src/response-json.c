/* SPDX-License-Identifier: ISC */
/* response-json.c - the JSON shape of a response, shared by sessions, results and verify. */
#include <string.h>

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

static int
from_cjson(const struct proctor_question *q, const cJSON *v, struct proctor_response *r,
           struct proctor_error *err, int borrowed)
{
    int rc;

    memset(r, 0, sizeof *r);
    r->borrowed = borrowed; /* what each type's from_json reads to copy or not (qtype.h) */
    if ((unsigned)q->type >= PROCTOR_NTYPES)
        return qtype_json_bad(err, q, "unknown question type");
    if ((rc = QTYPE(q)->from_json(q, v, r, err)) < 0)
        return rc;
    r->answered = 1;
    return 0;
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
