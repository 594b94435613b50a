/* SPDX-License-Identifier: ISC */
/*
 * names.h - people's names as answers (private to libproctor): a surname alone, with a
 * title, a first name, a short first name or initials, in either order, and never another
 * person (docs/QUESTIONS.md, "kind": "name").
 */
#ifndef PROCTOR_NAMES_H
#define PROCTOR_NAMES_H

#include <stddef.h>

#include "proctor/grade.h"
#include "textmatch.h"

/* Whether G names one of the people accept[0..n) (their texts, and read as words in acc)
 * under the rules M; how it was read into note (may be NULL). */
int names_check(const struct matchctx *M, char *const *accept, const struct words *acc,
                size_t n, const struct words *G, struct proctor_grade_note *note);

/* A title or a word that may stand before a name: "Mr", "Gen.", "President", "Under". */
int names_is_title(const char *key);

#endif
