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

int
response_from_cjson(const struct proctor_question *q, const cJSON *v, struct proctor_response *r,
                    struct proctor_error *err)
{
    int rc;

    memset(r, 0, sizeof *r);
    if ((unsigned)q->type >= PROCTOR_NTYPES)
        return qtype_json_bad(err, q, "unknown question type");
    if ((rc = QTYPE(q)->from_json(q, v, r, err)) < 0)
        return rc;
    r->answered = 1;
    return 0;
}
