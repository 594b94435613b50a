/* SPDX-License-Identifier: ISC */
/*
 * course.h - a teacher's own course: a new bank made from their documents (proctor init), and
 * a document added to a bank (proctor add-doc).
 *
 * A document gets its id from its file name (lowercase letters, digits and hyphens: "Week 3
 * Notes.txt" is "week-3-notes") and its title from its first line that is not blank. The
 * manifest entry leaves out the date and the citation, which only the teacher knows; lint
 * reminds them (an empty string there says the document has none). Documents must be UTF-8
 * text without NUL bytes; a byte order mark is dropped when the file is copied.
 *
 * Rule: nothing is written unless everything can be: the documents are copied first, the
 * manifest last, each file atomically and never over an existing one.
 */
#ifndef PROCTOR_COURSE_H
#define PROCTOR_COURSE_H

#include <stddef.h>

#include "proctor/error.h"
#include "proctor/limits.h"

/* A document as it enters a bank. */
struct proctor_course_doc {
    const char *path;                       /* the teacher's file */
    char id[PROCTOR_QUESTION_ID_MAX + 1];   /* its id in the manifest */
    char file[256];                         /* its name in sources/ */
    char title[PROCTOR_TITLE_MAX + 1];
    size_t paragraphs;                      /* how many paragraphs it has */
};

/* Flags of proctor_course_init. */
enum {
    PROCTOR_COURSE_LOOSE = 1 /* "require_source": false: questions may cite no passage */
};

/*
 * Makes the bank dir (created when missing) from the documents docs[0..n): copies each into
 * dir/sources/, writes dir/sources/manifest.json and dir/questions.json, a question file with
 * no questions and one example of each type under "examples" (which loading ignores). Fills
 * docs[i]'s id, file, title and paragraphs. Refuses a dir that already holds a bank or any of
 * those files (PROCTOR_EEXIST), two documents with one id, a document that is not UTF-8 text
 * (PROCTOR_EINVAL), a missing one (PROCTOR_EIO).
 */
int proctor_course_init(const char *dir, struct proctor_course_doc *docs, size_t n,
                        unsigned flags, struct proctor_error *err);

/*
 * Adds the document doc->path to the bank in dir: copies it into dir/sources/ and appends its
 * entry to the manifest. id and title, when not NULL, replace the ones found from the file.
 * Refuses an id the manifest has, a name taken in sources/ (PROCTOR_EEXIST), a manifest that
 * does not parse (PROCTOR_EINVAL).
 */
int proctor_course_add_doc(const char *dir, struct proctor_course_doc *doc, const char *id,
                           const char *title, struct proctor_error *err);

/* The document id a file name gives: "Week 3 Notes.txt" -> "week-3-notes"; "doc" when nothing
 * is left. out holds PROCTOR_QUESTION_ID_MAX + 1 bytes. */
void proctor_course_doc_id(const char *path, char *out);

#endif
