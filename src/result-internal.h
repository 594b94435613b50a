/* SPDX-License-Identifier: ISC */
/*
 * result-internal.h - result payload reading for verify.c, its tests and fuzz harness
 * (private to libproctor).
 *
 * Rule: called inside a json-arena scope (json-arena.h), which owns everything they make: on
 * success res is filled as by proctor_result_parse, except that its strings and arrays are
 * borrowed from the scope (never call proctor_result_release on it) and that
 * responses[i].json is NULL: the value of responses[i] is (*values)[i] (response-json.h),
 * for the one response reader. All of it lives until the scope ends.
 */
#ifndef PROCTOR_RESULT_INTERNAL_H
#define PROCTOR_RESULT_INTERNAL_H

#include <stdint.h>

#include <cJSON.h>

#include "proctor/result.h"
#include "response-json.h"

/* By the tree: the payload parsed into *tree (proctor_json_parse_strict), its fields
 * checked by the rules of proctor_result_parse; the values are the members of the tree's
 * "responses" object. On failure err says why (as proctor_result_parse would). */
int proctor_result_parse_tree(const void *payload, size_t len, struct proctor_result *res,
                              cJSON **tree, struct response_value **values, struct proctor_error *err);

/* In one pass, without a tree: the payload read straight into res by the same rules, each
 * response's value read as a response_value (response_value_pull). 0 exactly when proctor_result_parse_tree would accept the
 * payload, with the same fields; else PROCTOR_EINVAL (PROCTOR_ENOMEM when out of memory), err
 * (may be NULL) saying only where the JSON itself was refused, if it was. */
int result_onepass(const void *payload, size_t len, struct proctor_result *res,
                   struct response_value **values, uint64_t **qhash, struct proctor_error *err);

/* result_onepass, and when it refuses, proctor_result_parse_tree for the verdict and its
 * message: what verify reads a payload with. When qhash is not NULL, *qhash is the question
 * ids' hashes as the one pass made them checking each is given once (wordhash of
 * res->questions[i], from the scope), for verify's lookups; NULL when the tree reader read
 * the payload. */
int result_read(const void *payload, size_t len, struct proctor_result *res,
                struct response_value **values, uint64_t **qhash, struct proctor_error *err);

#endif
