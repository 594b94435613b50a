/* SPDX-License-Identifier: ISC */
/*
 * import-internal.h - what the readers of other formats (gift.c, aiken.c) share with the
 * import driver (import.c), private to libproctor.
 *
 * A reader finds each question of its file and describes it (qdesc.h) between import_begin and
 * import_end: import_begin starts the description with the question's id, the reader adds "type",
 * "prompt" and its type's members, import_end adds what every question has (difficulty, level,
 * tags, the passage, the explanation), checks it through bank_builder_add and keeps it for
 * the question file when it passes. Positions are byte offsets into the file, given to the
 * description as handles (import_at) that the driver turns into line and column.
 *
 * Rule: strings given to the description must live until import_end returns: import_str copies
 * what the reader builds into memory the driver frees when the question ends (import_end,
 * import_drop), so a reader may make the strings of import_meta before import_begin.
 */
#ifndef PROCTOR_IMPORT_INTERNAL_H
#define PROCTOR_IMPORT_INTERNAL_H

#include <stddef.h>

#include "proctor/import.h"
#include "qdesc.h"

#define IMPORT_MAX_TAGS 16

/* What a question has besides its type's members, as the file gives it (NULL: not given). */
struct import_meta {
    const char *id; /* [id:x] or the title: made kebab-case */
    size_t id_at;
    const char *tags[IMPORT_MAX_TAGS]; /* the category, [tag:x]: made kebab-case */
    size_t ntags;
    size_t tags_at;
    const char *src_doc, *src_quote; /* [source:doc] "quote" [nth:N] */
    long nth;
    size_t src_at;
    long difficulty;   /* [difficulty:N]; 0: 2 */
    const char *level; /* [level:x]; NULL: recall */
    size_t meta_at;
    const char *points; /* [points:N] */
    const char *typos;  /* [typos:N], [typos:auto] */
    size_t typos_at;
    /* a short answer's switches, as proctor's export writes what Moodle's whole, caseless
     * match does not say: [containment:on] [case_sensitive:on] [accents_required:on]
     * [kind:name] (each "on"/"off", "true"/"false"; kind "text"/"name") and where */
    const char *containment, *case_sensitive, *accents_required, *kind;
    size_t containment_at, case_sensitive_at, accents_required_at, kind_at;
    const char *rubric;  /* a comment "rubric: ..." */
    const char *explain; /* general feedback */
    size_t explain_at;
};

struct importer;

/* A description handle for the byte at offset off of the file. */
const void *import_at(size_t off);

/* Starts question number ordinal (1-based, for the id "<file>-<ordinal>" when the file gives
 * none) at offset at: the object, with its "id". NULL on out of memory (reported by
 * proctor_import). */
struct qnode *import_begin(struct importer *I, const struct import_meta *m, size_t at);

/* A copy of s[0..n) that lives until the question ends; NULL on out of memory. */
char *import_str(struct importer *I, const char *s, size_t n);

/* A problem with the question begun: reported at offset at ("question 'ID': ..."), and
 * import_end will skip it. Returns -1. */
int import_refuse(struct importer *I, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A difference the question is imported with, reported at offset at. */
void import_note(struct importer *I, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A problem outside any question (a line the format does not allow), at offset at. */
void import_error(struct importer *I, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Ends the question begun: completes, checks and keeps it. 0, or PROCTOR_ENOMEM. */
int import_end(struct importer *I, struct qnode *q, const struct import_meta *m);

/* Ends the question begun without importing it (a description). */
void import_drop(struct importer *I);

/* The title of the bank's document id, or NULL. */
const char *import_doc_title(struct importer *I, const char *id);

/* The description being built (for qdesc_add and friends). */
struct qdesc *import_desc(struct importer *I);
struct proctor_import_stats *import_stats(struct importer *I);

/* The readers: every question of text[0..len) through import_begin/import_end. 0 or
 * PROCTOR_ENOMEM. */
int gift_read(struct importer *I, const char *text, size_t len);
int aiken_read(struct importer *I, const char *text, size_t len);

#endif
