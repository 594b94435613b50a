/* SPDX-License-Identifier: ISC */
/*
 * import.h - questions brought from Moodle's GIFT and Aiken formats into a bank.
 *
 * A file is read as Moodle reads it (qformat_gift, qformat_aiken): the same questions, of the
 * same types, with the same answers. Each question becomes a question of the bank's JSON
 * format and goes through every check a question of a bank file goes through (qdesc.h), so a
 * problem is reported at the GIFT file's line and column. A question with a problem is
 * reported and skipped; the others import. What proctor cannot keep exactly (a 50 % answer,
 * per-answer feedback, a number with more than three decimals) is imported as close as it can
 * be and reported as a note. docs/IMPORT.md says what each construct becomes.
 *
 * Rule: proctor_import returns the question file's text in *json (malloc'd, the caller frees
 * it); nothing is written. The questions are added to the bank given, so the ids of a second
 * file imported into it never clash with the first's.
 */
#ifndef PROCTOR_IMPORT_H
#define PROCTOR_IMPORT_H

#include <stddef.h>

#include "proctor/bank.h"
#include "proctor/error.h"

enum proctor_import_format { PROCTOR_IMPORT_GIFT, PROCTOR_IMPORT_AIKEN };

/* What an import found. */
struct proctor_import_stats {
    size_t questions;    /* questions read (Moodle's count: descriptions included) */
    size_t imported;     /* added to the bank */
    size_t refused;      /* reported and skipped */
    size_t descriptions; /* text without answers: not a question to ask, not imported */
    size_t categories;   /* $CATEGORY: lines (each becomes a tag of the questions after it) */
    size_t notes;        /* imported, with a difference reported */
    size_t feedback;     /* answers whose own feedback was not kept */
    size_t unsourced;    /* imported questions citing no passage */
};

/*
 * Reads text (len bytes, the file path, for messages) in format fmt and adds its questions to
 * bank. doc, when not NULL, names a document of the bank: a question that cites no passage is
 * tied to it when its text quotes it. diag gets each problem (err->code PROCTOR_EINVAL: the
 * question was skipped) and each note (err->code 0: imported with a difference); the
 * message starts with the question's id where it has one. *json gets the new question file
 * ({"questions": [...]}, NULL when none imported). Returns 0, or PROCTOR_EINVAL for a file
 * that is not UTF-8 ("GIFT files must be UTF-8", at the first bad byte) and PROCTOR_ENOMEM,
 * with err filled and nothing imported.
 */
int proctor_import(struct proctor_bank *bank, enum proctor_import_format fmt, const char *path,
                   const char *text, size_t len, const char *doc, proctor_diag_fn diag, void *ctx,
                   struct proctor_import_stats *stats, char **json, struct proctor_error *err);

/* The name of the question file an import of path writes in a bank: "gift-" or "aiken-" and
 * the file's name in kebab-case without its .txt/.gift extensions, then ".json"
 * ("Week 1.gift.txt" -> "gift-week-1.json"). out holds at least 96 bytes. */
void proctor_import_file_name(enum proctor_import_format fmt, const char *path, char *out,
                              size_t size);

#endif
