/* SPDX-License-Identifier: ISC */
/*
 * gradebook-internal.h - the gradebook's state, shared by gradebook.c (the rows) and
 * gradebook-csv.c (their CSV shapes) (private to libproctor).
 */
#ifndef PROCTOR_GRADEBOOK_INTERNAL_H
#define PROCTOR_GRADEBOOK_INTERNAL_H

#include <stddef.h>

#include "proctor/gradebook.h"

struct student;

struct proctor_gradebook {
    enum proctor_method method;
    const struct proctor_assignment *a; /* borrowed, may be NULL */
    const struct proctor_bank *key;     /* its questions with answers, may be NULL */
    size_t nitems;                      /* a->nq: the items kept of each verdict */
    struct student *s;
    size_t n, cap;
    size_t *table; /* open addressing: index + 1 into s, 0 empty */
    size_t tcap;
    int sorted;
};

#endif
