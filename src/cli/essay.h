/* SPDX-License-Identifier: ISC */
/*
 * essay.h - writing an essay answer on a terminal: in $VISUAL or $EDITOR on a temporary
 * file, or line by line until a line holding only ".", pasted paragraphs kept whole.
 */
#ifndef PROCTOR_CLI_ESSAY_H
#define PROCTOR_CLI_ESSAY_H

#include <stddef.h>

#include "proctor/bank.h"
#include "prompt.h"

/* The words of text: runs of characters between blanks and line ends. */
size_t essay_words(const char *text);

/* $VISUAL, else $EDITOR, when set and not empty; else NULL. */
const char *essay_editor(void);

/*
 * The rest of an essay whose first line, first, was typed at the prompt (a paste may have
 * put several lines in it): more lines, each read with a blank prompt, until a line holding
 * only ".". On PROMPT_LINE, *text is the essay without that line (malloc'd); any other result
 * is the read that ended it (*text NULL).
 */
enum prompt_result essay_read_lines(const char *first, char **text);

/*
 * Runs editor (a shell command line, as git runs $EDITOR) on a temporary file holding draft
 * (may be NULL) followed by the question, and how many words it asks for, on lines starting
 * with '#', which are dropped when the file is read back. *text is what was written,
 * trimmed (malloc'd; "" when nothing). Returns 0, or -1 after saying why the editor could not
 * run or the file could not be read.
 */
int essay_edit(const char *editor, const struct proctor_question *q, const char *draft,
               char **text);

#endif
