/* SPDX-License-Identifier: ISC */
/*
 * kebab.h - kebab-case names made from text (private to libproctor): ids of documents and
 * imported questions, tags from categories.
 */
#ifndef PROCTOR_KEBAB_H
#define PROCTOR_KEBAB_H

#include <stddef.h>

/*
 * The kebab-case form of s[0..n): accents dropped and case folded ("Roméo" -> "romeo"), every
 * run of other characters one hyphen, none at either end, cut at a hyphen to at most max bytes
 * (and size - 1). out is "" when nothing is left. Returns strlen(out).
 */
size_t kebab_from(const char *s, size_t n, size_t max, char *out, size_t size);

#endif
