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

#include <stdint.h>

#include <cJSON.h>

#include "sbuf.h"

/* v as a JSON text ending in a newline. */
char *json_write_pretty(const cJSON *v);

/* Appends s as a JSON string (quoted and escaped) to b. */
void json_write_string(struct sbuf *b, const char *s);

/* Appends the number x as JSON writes it: whole numbers without a fraction, others with the
 * fewest digits that read back as x. */
void json_write_number(struct sbuf *b, double x);

/*
 * The same forms as cJSON_PrintUnformatted writes them, byte for byte, for lines a reader
 * compares with what cJSON printed before (verify --json): s quoted with '"', '\\', \b,
 * \f, \n, \r and \t escaped by letter, other bytes below 32 as \u00xx, every other byte
 * (UTF-8, DEL) as it is; v as cJSON prints the double (double)v.
 */
void json_write_cjson_string(struct sbuf *b, const char *s);
void json_write_cjson_int(struct sbuf *b, int64_t v);

#endif
