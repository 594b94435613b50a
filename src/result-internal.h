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

#include <time.h>

#include <cJSON.h>

#include "proctor/result.h"

/* A UTC time as "YYYY-MM-DDTHH:MM:SSZ" (1970-01-01T00:00:00Z when it cannot be shown). */
void result_rfc3339(time_t t, char out[32]);

/* Whether s is exactly such a time (years 1970-9999). */
int result_is_rfc3339(const char *s);

/* Such a time as seconds since the epoch; -1 when s is not one. */
int result_parse_time(const char *s, time_t *out);

int proctor_result_parse_tree(const void *payload, size_t len, struct proctor_result *res,
                              cJSON **tree, struct proctor_error *err);

#endif
