/* SPDX-License-Identifier: ISC */
/*
 * coverage.h - which paragraphs of a document the bank's questions cite.
 *
 * Rule: proctor_coverage returns an owned array (free with proctor_coverage_free) whose
 * question pointers borrow from the bank.
 */
#ifndef PROCTOR_COVERAGE_H
#define PROCTOR_COVERAGE_H

#include <stddef.h>

#include "proctor/bank.h"

enum proctor_cov_kind {
    PROCTOR_COV_CONTENT, /* real content: must be cited */
    PROCTOR_COV_SHORT,   /* fewer than PROCTOR_COV_MIN_WORDS words: headers, page furniture */
    PROCTOR_COV_SKIP,    /* listed in the manifest's "skip" */
    PROCTOR_COV_REPEAT   /* the same text as an earlier paragraph, covered through it */
};

#define PROCTOR_COV_MIN_WORDS 6

struct proctor_para_cov {
    const struct proctor_para *para;
    enum proctor_cov_kind kind;
    size_t repeat_of; /* PROCTOR_COV_REPEAT: index of the earlier paragraph */
    const struct proctor_question **qs; /* the questions citing it */
    size_t nqs;
    int covered; /* cited, or a repeat of a cited paragraph, or not content */
};

/* Coverage of doc's paragraphs by the bank's questions; *n = doc->nparas. 0 or ENOMEM. */
int proctor_coverage(const struct proctor_bank *bank, const struct proctor_doc *doc,
                     struct proctor_para_cov **out, size_t *n);
void proctor_coverage_free(struct proctor_para_cov *cov, size_t n);

#endif
