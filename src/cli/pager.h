/* SPDX-License-Identifier: ISC */
/*
 * pager.h - long output through $PAGER (default "less -R"), on a terminal only, and only
 * when it is longer than the screen; and the terminal's height, for screens that must not
 * scroll away.
 */
#ifndef PROCTOR_CLI_PAGER_H
#define PROCTOR_CLI_PAGER_H

#include <stdio.h>

/* The stream to write long output to: a memory buffer when standard output is a terminal
 * (shown by pager_close), else stdout itself. Never NULL. */
FILE *pager_open(void);

/* Shows what was written to f (from pager_open): through the pager when standard output is
 * a terminal and it has more lines than the screen, else on standard output. */
void pager_close(FILE *f);

/* The terminal's rows (standard output), or 0 when it is not a terminal. */
int pager_rows(void);

/* The lines text of len bytes takes on screen (its newlines). */
size_t pager_lines(const char *text, size_t len);

#endif
