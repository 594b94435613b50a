/* SPDX-License-Identifier: ISC */
/*
 * export.h - a bank's questions written for other systems: Moodle's GIFT, IMS QTI 3.0.
 *
 * Rule: the text returned in *out is malloc'd and owned by the caller (free). Questions a
 * format cannot express are passed to the skip callback with the reason and left out.
 */
#ifndef PROCTOR_EXPORT_H
#define PROCTOR_EXPORT_H

#include <stddef.h>

#include "proctor/bank.h"
#include "proctor/error.h"

/* Called for each question left out, with why ("GIFT has no ordering question"). */
typedef void (*proctor_export_skip_fn)(void *ctx, const struct proctor_question *q,
                                       const char *why);

/*
 * The questions of b citing one of docs[0..ndocs) (all when ndocs is 0) as GIFT that Moodle
 * imports and `proctor import gift` reads back into questions that grade every response the
 * same way (docs/IMPORT.md, "Export"). Each question carries its id, tags, difficulty,
 * level, points and passage in comments; its explanation and passage are its general
 * feedback. Weights are written only from Moodle's list of accepted grades. order and cloze
 * questions are skipped (skip is told). *count gets the number written. PROCTOR_ENOMEM.
 */
int proctor_export_gift(const struct proctor_bank *b, const char *const *docs, size_t ndocs,
                        proctor_export_skip_fn skip, void *ctx, char **out, size_t *count,
                        struct proctor_error *err);

/*
 * The questions of b citing one of docs[0..ndocs) (all when ndocs is 0) as an IMS QTI 3.0
 * content package, a ZIP file written atomically at path (flags: PROCTOR_WRITE_NOREPLACE, or
 * 0): imsmanifest.xml, items/<id>.xml for each question and stimuli/<doc>-p<N>.xml for each
 * paragraph cited, a qti-assessment-stimulus its items reference. Every type is written; each
 * item scores its response into SCORE, in the question's points (docs/IMPORT.md, "QTI").
 * *count gets the number of items. PROCTOR_ENOMEM, PROCTOR_EEXIST, PROCTOR_EIO.
 */
int proctor_export_qti(const struct proctor_bank *b, const char *const *docs, size_t ndocs,
                       const char *path, int flags, size_t *count, struct proctor_error *err);

#endif
