/* SPDX-License-Identifier: ISC */
/*
 * assignment-internal.h - what graded.c shares with assignment.c (private); the reading of
 * signed files is in signed-file.h.
 */
#ifndef PROCTOR_ASSIGNMENT_INTERNAL_H
#define PROCTOR_ASSIGNMENT_INTERNAL_H

#include <stddef.h>

#include <cJSON.h>

#include "proctor/bank.h"
#include "signed-file.h"

/*
 * Adds q's passage, when it has one, to o as member name: {doc, title, line, paragraph,
 * offset, quote} (docs/FORMAT.md). 0, or -1 on out of memory.
 */
int assignment_add_source(cJSON *o, const struct proctor_question *q, const char *name);

#endif
