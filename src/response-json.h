/* SPDX-License-Identifier: ISC */
/*
 * response-json.h - responses to and from cJSON values (private to libproctor).
 *
 * Shapes, by question type: choice "id"; multi ["id", ...]; truefalse true|false; short,
 * numeric, essay "text"; order ["id", ...]; match {"l1": "r2", ...}. Rule: the cJSON value
 * returned is owned by the caller (cJSON_Delete); a filled response is released by the caller.
 */
#ifndef PROCTOR_RESPONSE_JSON_H
#define PROCTOR_RESPONSE_JSON_H

#include <cJSON.h>

#include "proctor/grade.h"

/* The JSON form of answered response r to q; NULL on out of memory or if unanswered. */
cJSON *response_to_cjson(const struct proctor_question *q, const struct proctor_response *r);

/*
 * Reads v as a response to q into r (answered = 1). PROCTOR_EINVAL with err->msg when v has
 * the wrong shape for q's type, names an id q lacks, or repeats an id. Text over 64 KiB is
 * refused.
 */
int response_from_cjson(const struct proctor_question *q, const cJSON *v,
                        struct proctor_response *r, struct proctor_error *err);

/*
 * response_from_cjson, the same checks and messages, but r borrows: its text and ids are v's
 * own strings and its id arrays come from the calling thread's open json arena scope
 * (json-arena.h), so r costs no malloc and must not outlive v or the scope. r->borrowed is
 * set; proctor_response_release(r) only forgets it. PROCTOR_ENOMEM when no scope is open.
 */
int response_from_cjson_borrowed(const struct proctor_question *q, const cJSON *v,
                                 struct proctor_response *r, struct proctor_error *err);

#endif
