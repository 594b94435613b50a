/* SPDX-License-Identifier: ISC */
/* number.h - numbers as words, for the matching of answers (private to libproctor). */
#ifndef PROCTOR_NUMBER_H
#define PROCTOR_NUMBER_H

/* The value of an English number word from "zero" to "ninety" ("three", "forty"), or -1. */
int number_word(const char *key);

#endif
