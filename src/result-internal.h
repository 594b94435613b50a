/* SPDX-License-Identifier: ISC */
/*
 * result-internal.h - result payload parsing that hands back the cJSON tree, for verify.c
 * (private to libproctor).
 *
 * Rule: on success *tree is an owned cJSON tree (cJSON_Delete) and res is filled as by
 * proctor_result_parse, except that responses[i].json is NULL: the response values are the
 * members of the tree's "responses" object, in the same order.
 */
#ifndef PROCTOR_RESULT_INTERNAL_H
#define PROCTOR_RESULT_INTERNAL_H

#include <cJSON.h>

#include "proctor/result.h"

int proctor_result_parse_tree(const void *payload, size_t len, struct proctor_result *res,
                              cJSON **tree, struct proctor_error *err);

#endif
