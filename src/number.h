/* SPDX-License-Identifier: ISC */
/* number.h - numbers as words, for the matching of answers (private to libproctor). */
#ifndef PROCTOR_NUMBER_H
#define PROCTOR_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* The value of an English number word from "zero" to "ninety" ("three", "forty"), or -1. */
int number_word(const char *key);

/* The values prompt states (its numbers, read as in an answer to a whole-number question),
 * at most max of them into vals and their count in *n: what an answer echoing the question
 * is told apart by. 0, or -1 when the prompt cannot be read (*n is then 0). */
int number_prompt_values(const char *prompt, int64_t *vals, size_t max, size_t *n);

#endif
