/* SPDX-License-Identifier: ISC */
/*
 * bank-read.h - a bank's JSON question file read in pieces, one question at a time (private
 * to libproctor).
 *
 * A question file is read twice, each time through a window of a few hundred kilobytes that
 * grows only to hold the largest single question, so memory does not grow with the file:
 *
 *   1. bank_read_check reads the whole file and checks that it is strict JSON (RFC 8259, no
 *      \u0000, nesting at most BANK_READ_DEPTH deep, numbers under 64 characters) holding an
 *      object whose first "questions" member is an array; it counts its elements. That is a
 *      subset of what cJSON accepts, and within it cJSON builds the same values, so:
 *   2. bank_read_next gives the description (qdesc.h) of each element in turn, exactly the
 *      description qdesc_from_cjson would give of cJSON's tree, each value's handle (qnode.at)
 *      being its offset in the file, which bank_read_where turns into the line and column
 *      jsonpos would give (a member's key, else the value; columns count UTF-8 characters).
 *
 * A file the check refuses (bad JSON, or JSON only cJSON's leniency accepts, or another
 * shape) is left to the whole-file reader (bank.c's json_load and cJSON), which gives the
 * exact message or reads it as before. Nothing is reported before the check has passed.
 *
 * Rule: the strings of a description live in the calling thread's json arena (json-arena.h)
 * until the next bank_read_next or bank_read_close; no json arena scope may be open around
 * these calls.
 */
#ifndef PROCTOR_BANK_READ_H
#define PROCTOR_BANK_READ_H

#include <stddef.h>

#include "qdesc.h"

#define BANK_READ_DEPTH 64 /* deeper files go to cJSON (whose limit is CJSON_NESTING_LIMIT) */

struct bank_read;

/*
 * Pass 1: 1 when the file at path is strict JSON of the shape above (at most max_bytes
 * long), with *nquestions the length of its "questions" array; 0 when it is not, or cannot
 * be read (the whole-file reader then says why); PROCTOR_ENOMEM.
 */
int bank_read_check(const char *path, size_t max_bytes, size_t *nquestions);

/* Pass 2: opens path; 0, PROCTOR_EIO (err set) or PROCTOR_ENOMEM. */
int bank_read_open(const char *path, struct bank_read **out, struct proctor_error *err);

/*
 * The next question of the file described into d (reset first): 1 with *q set; 0 at the
 * end; PROCTOR_ENOMEM; PROCTOR_EIO (err set) when the file can no longer be read or no
 * longer passes the check (it changed since bank_read_check).
 */
int bank_read_next(struct bank_read *r, struct qdesc *d, const struct qnode **q,
                   struct proctor_error *err);

/* For struct qsource: ctx is the struct bank_read, at a value's handle. */
void bank_read_where(void *ctx, const void *at, long *line, long *col);

void bank_read_close(struct bank_read *r);

#endif
