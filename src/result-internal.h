/* SPDX-License-Identifier: ISC */
/*
 * result-internal.h - result payload parsing that hands back the cJSON tree, for verify.c
 * (private to libproctor).
 *
 * Rule: called inside a json-arena scope (json-arena.h), which owns everything it makes: on
 * success *tree is a cJSON tree and res is filled as by proctor_result_parse, except that its
 * strings are borrowed from the tree and its arrays from the arena (never call
 * proctor_result_release on it), and that responses[i].json is NULL: the response values are
 * the members of the tree's "responses" object, in the same order. Both live until the scope
 * ends.
 */
#ifndef PROCTOR_RESULT_INTERNAL_H
#define PROCTOR_RESULT_INTERNAL_H

#include <cJSON.h>

#include "proctor/result.h"

int proctor_result_parse_tree(const void *payload, size_t len, struct proctor_result *res,
                              cJSON **tree, struct proctor_error *err);

#endif
