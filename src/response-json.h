/* SPDX-License-Identifier: ISC */
/*
 * response-json.h - responses to and from JSON (private to libproctor).
 *
 * Shapes, by question type: choice "id"; multi ["id", ...]; truefalse true|false; short,
 * numeric, essay "text"; order ["id", ...]; match {"l1": "r2", ...}; cloze ["text", ...].
 * A response's JSON value is read in two steps: into a response_value, the little the
 * types look at (its kind, its string, its members' strings and names), from a cJSON value
 * (response_value_of_cjson: sessions, results read as trees, the runner's text) or straight
 * from the payload's bytes (response_value_pull: verify's one pass); then by the one
 * response reader, each type's from_value hook (qtype.h), whichever way it came.
 * Rule: the cJSON value returned is owned by the caller (cJSON_Delete); a filled response
 * is released by the caller.
 */
#ifndef PROCTOR_RESPONSE_JSON_H
#define PROCTOR_RESPONSE_JSON_H

#include <cJSON.h>

#include "json-strict.h"
#include "proctor/grade.h"

enum response_kind { RV_OTHER, RV_STRING, RV_TRUE, RV_FALSE, RV_ARRAY, RV_OBJECT };

/* A JSON value as a response reader sees it. Its strings are NUL-terminated and borrowed
 * (from the cJSON value or the json arena scope it was read in). */
struct response_value {
    enum response_kind kind;
    const char *str;          /* RV_STRING */
    size_t len;               /* RV_STRING: strlen(str) (JSON refuses \u0000: its length) */
    size_t n;                 /* RV_ARRAY, RV_OBJECT: how many members */
    const char *const *items; /* each member's string, NULL when it is not a string */
    const char *const *keys;  /* RV_OBJECT: each member's name */
};

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

/* The same from a response_value (its strings borrowed likewise). */
int response_from_value_borrowed(const struct proctor_question *q,
                                 const struct response_value *v, struct proctor_response *r,
                                 struct proctor_error *err);

/* v as a response_value in *out, its arrays from the open json arena scope (borrowing v's
 * strings); -1 when out of memory. */
int response_value_of_cjson(const cJSON *v, struct response_value *out);

/*
 * The JSON value at sc read into *out (strings and arrays from the open json arena scope),
 * checked as json_pull_value checks it at that depth: 0, or < 0 when the JSON is refused
 * (PROCTOR_ENOMEM when out of memory).
 */
int response_value_pull(struct json_scan *sc, int depth, struct response_value *out);

#endif
