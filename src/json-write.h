/* SPDX-License-Identifier: ISC */
/*
 * json-write.h - JSON for people to read and edit (private to libproctor): the layout of the
 * shipped bank's files, two spaces per level, one member or element per line, UTF-8 kept as it
 * is (only '"', '\\' and control characters escaped), whole numbers without a fraction.
 *
 * Rule: the returned text is malloc'd and owned by the caller (free); NULL on out of memory.
 */
#ifndef PROCTOR_JSON_WRITE_H
#define PROCTOR_JSON_WRITE_H

#include <cJSON.h>

#include "sbuf.h"

/* v as a JSON text ending in a newline. */
char *json_write_pretty(const cJSON *v);

/* Appends s as a JSON string (quoted and escaped) to b. */
void json_write_string(struct sbuf *b, const char *s);

/* Appends the number x as JSON writes it: whole numbers without a fraction, others with the
 * fewest digits that read back as x. */
void json_write_number(struct sbuf *b, double x);

#endif
