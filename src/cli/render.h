/* SPDX-License-Identifier: ISC */
/* render.h - showing questions, answers and passages on a terminal or a pipe. */
#ifndef PROCTOR_CLI_RENDER_H
#define PROCTOR_CLI_RENDER_H

#include <stdio.h>

#include "proctor/bank.h"
#include "proctor/session.h"

struct style {
    int color; /* escape codes allowed */
    int width; /* wrap column */
};

/* Style for stream f: colour when f is a terminal and NO_COLOR/TERM=dumb are unset; width
 * from the terminal, else $COLUMNS, else 80 (clamped to 40..120). */
struct style render_style(FILE *f);

/* Wraps text at st->width with indent spaces before each line; keeps explicit newlines. */
void render_wrap(FILE *f, const struct style *st, const char *text, int indent);

/* An option or item: indent spaces, label ("b)", "3.") and text, wrapped at st->width with
 * later lines aligned under the text, so a long option is shown whole at any width. */
void render_item(FILE *f, const struct style *st, const char *label, const char *text,
                 int indent);

/* Highlighting helpers: begin/end bold, green, red, or the quote highlight ("" without colour). */
const char *sty(const struct style *st, const char *which);

/* The paragraph holding q's quote, the quoted words highlighted ([[...]] without colour),
 * with a citation line "doc-id, line N: title". */
void render_passage(FILE *f, const struct style *st, const struct proctor_question *q);

/* The same for a passage given as text: len bytes of paragraph from document docid, first
 * line line, with the quote at [qs, qe). */
void render_excerpt(FILE *f, const struct style *st, const char *docid, long line,
                    const char *text, size_t len, size_t qs, size_t qe);

/* The items shown with part k of q (options, items, a match's two lists), under perm. */
void render_part(FILE *f, const struct style *st, const struct proctor_question *q,
                 const size_t *perm, size_t k);

/* Question i of session s: the "Question 3 of 10" header, document, prompt and options. */
void render_question(FILE *f, const struct style *st, const struct proctor_session *s,
                     size_t i);

/* Loads the bank in dir (flags as for proctor_bank_load_flags: PROCTOR_BANK_NO_DIGEST when
 * nothing will be signed or verified); prints every problem; on problems tells the user to
 * run lint. Returns 0 and sets *out, or an exit status. */
int cli_load_bank(const char *dir, unsigned flags, struct proctor_bank **out);

/*
 * For a bank a command has finished with just before it exits: instead of freeing question
 * by question (tens of milliseconds for a bank of 100 000), the exit takes the memory back
 * at once. The bank stays reachable (no leak for valgrind); a second call frees the first.
 */
void cli_bank_left(struct proctor_bank *bank);

/* Prints "proctor: " and err to stderr via cli_report; returns 0 so loading goes on. */
int cli_print_diag(void *ctx, const struct proctor_error *err);

#endif
