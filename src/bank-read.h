/* SPDX-License-Identifier: ISC */
/*
 * bank-read.h - a bank's JSON question file read in pieces, one question at a time (private
 * to libproctor).
 *
 * The file is read through a window of a few hundred kilobytes that grows only to hold the
 * largest single question, so memory does not grow with the file. bank_read_next gives the
 * description (qdesc.h) of each element of the "questions" array in turn: exactly the
 * description qdesc_from_cjson would give of cJSON's tree, each value's handle (qnode.at)
 * being its offset in the file, which bank_read_where turns into the line and column jsonpos
 * would give (a member's key, else the value; columns count UTF-8 characters).
 *
 * It reads strict JSON (RFC 8259) only, and not all of it: no \u0000, nesting at most
 * BANK_READ_DEPTH deep, numbers under 64 characters, no escapes in the top-level keys, an
 * object whose first "questions" member is an array. That is a subset of what cJSON accepts,
 * and within it cJSON builds the same values. Anything else, found anywhere in the file,
 * ends the reading with PROCTOR_EINVAL: the caller takes back what it did with the questions
 * read so far (it holds back their problems until the end) and reads the file whole with
 * cJSON, which gives the exact message, or reads what only its leniency accepts, as before.
 *
 * Rule: the strings of a description live until the next bank_read_next or bank_read_close:
 * in the reader's window (a string without escapes is ended in place, a NUL over its
 * closing quote) or in the calling thread's json arena (json-arena.h); no json arena scope
 * may be open around these calls.
 */
#ifndef PROCTOR_BANK_READ_H
#define PROCTOR_BANK_READ_H

#include <stddef.h>

#include "qdesc.h"

#define BANK_READ_DEPTH 64 /* deeper files go to cJSON (whose limit is CJSON_NESTING_LIMIT) */

struct bank_read;

/*
 * Opens path (at most max_bytes long): 0; PROCTOR_EINVAL when it cannot be read this way
 * (missing, not a regular file, too long: the whole-file reader says why); PROCTOR_ENOMEM.
 */
int bank_read_open(const char *path, size_t max_bytes, struct bank_read **out,
                   struct proctor_error *err);

/*
 * The next question of the file described into d (reset first): 1 with *q set; 0 at the end
 * of a file read through; PROCTOR_EINVAL when the file is not for this reader (above) or can
 * no longer be read; PROCTOR_ENOMEM (err set).
 */
int bank_read_next(struct bank_read *r, struct qdesc *d, const struct qnode **q,
                   struct proctor_error *err);

/* For struct qsource: ctx is the struct bank_read, at a value's handle. */
void bank_read_where(void *ctx, const void *at, long *line, long *col);

void bank_read_close(struct bank_read *r);

#endif
