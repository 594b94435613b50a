/* SPDX-License-Identifier: ISC */
/* bank-internal.h - helpers shared by bank.c, passage.c and coverage.c (private). */
#ifndef PROCTOR_BANK_INTERNAL_H
#define PROCTOR_BANK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "proctor/bank.h"
#include "proctor/limits.h"

/* How questions are written: a bank's question file, or embedded in a signed file with
 * integer thousandths and passages carried along, with (full) or without (sealed) answers. */
enum bank_form { BANK_FORM_FILE, BANK_FORM_SEALED, BANK_FORM_FULL };

/*
 * Builds an owned bank from the array qs of embedded questions (docs/FORMAT.md) found in the
 * tree root, which was parsed from text (len bytes; for line:col in messages). Questions are
 * checked as bank_load checks a question file, stopping at the first problem (PROCTOR_EINVAL
 * with err naming path). Passages become documents holding only the cited paragraphs. The
 * bank's dir is path and its digest zero; the caller may set it.
 */
int bank_from_cjson(const cJSON *root, const cJSON *qs, enum bank_form form, const char *text,
                    size_t len, const char *path, struct proctor_bank **out,
                    struct proctor_error *err);

/* Frees what question q owns (not q itself), through its type's release and the common
 * fields: its arrays; its strings are its bank's (qload_strdup), freed with the bank. q is
 * left zeroed. For the gaps of a cloze question too. */
void bank_question_release(struct proctor_question *q);

struct gram_index;

/* From folded offset fpos on (to the next jump), a byte's original offset is fpos + delta. */
struct fold_jump {
    uint32_t fpos, delta;
};

/*
 * A document with whitespace runs folded to one space, and the way back to the original:
 * the offsets where the distance between the two changes (after leading space and each run
 * of white space longer than one byte), not an offset per byte. For a large document,
 * finding a quote builds (on first use) an index of the 8-byte grams that start words, so a
 * bank of many questions on one long document is not quadratic.
 */
struct doc_index {
    char *folded;
    size_t flen;
    struct fold_jump *jumps; /* ascending fpos, the first at 0 (none when flen is 0) */
    size_t njumps;
    struct gram_index *grams; /* NULL until needed */
    unsigned searches;        /* made without grams so far */
};

/* Folds text (len bytes) into ix, zeroed first. 0, or -1 on out of memory. */
int bank_index_build(struct doc_index *ix, const char *text, size_t len);

/* Frees what ix holds (not ix itself). */
void bank_index_release(struct doc_index *ix);

/* Splits d->text into paragraphs (d->paras). Returns 0, -1 on out of memory. */
int bank_paragraphs(struct proctor_doc *d);

/* The index of the paragraph holding byte offset (the last one starting at or before it). */
size_t bank_para_of(const struct proctor_doc *d, size_t offset);

/* Folds whitespace runs of text into single spaces, trimming both ends. */
int bank_fold(const char *text, size_t len, char **folded, size_t *flen);

/* bank_fold into buf (bufsize bytes) when the text fits (len < bufsize): *folded is then
 * buf, else malloc'd as bank_fold's; free it only when it is not buf. */
int bank_fold_in(const char *text, size_t len, char *buf, size_t bufsize, char **folded,
                 size_t *flen);

/*
 * Finds the nth (1-based; 0 means 1) occurrence of the folded quote. Sets *count to the
 * number of occurrences seen (at least up to 2, to detect ambiguity). Returns 0 and the
 * original span [*start, *end) when found, else -1.
 */
int bank_find_folded(struct doc_index *ix, const char *fquote, size_t fqlen, size_t nth,
                     size_t *start, size_t *end, size_t *count);

#endif
