/* SPDX-License-Identifier: ISC */
/*
 * prompt.h - line input for the interactive runner: GNU readline when stdin and stdout are
 * terminals (editing, tab completion, optional history), plain getline otherwise (no prompt
 * echo tricks, no escape codes), with SIGINT/SIGTERM turned into PROMPT_INTERRUPT/PROMPT_TERM.
 */
#ifndef PROCTOR_CLI_PROMPT_H
#define PROCTOR_CLI_PROMPT_H

#include <time.h>

enum prompt_result { PROMPT_LINE, PROMPT_EOF, PROMPT_INTERRUPT, PROMPT_TERM, PROMPT_TIMEUP };

/* Sets up input; history (0/1) is loaded from and saved to histfile when set. */
void prompt_open(int history, const char *histfile);
void prompt_close(void);

/* Whether readline is in use. */
int prompt_is_tty(void);

/* Words offered by tab completion besides the :commands (NULL-terminated, borrowed). */
void prompt_set_words(const char *const *words);
void prompt_set_commands(const char *const *commands);

/* Reads one line into *line (malloc'd, no newline; free it). On PROMPT_LINE the line is
 * added to history when it is not a :command. */
enum prompt_result prompt_read(const char *prompt, char **line);

/* Asks a yes/no question; returns 1 for yes, 0 for no, dflt on an empty line, and -1 on EOF
 * or a second interrupt. */
int prompt_yes_no(const char *question, int dflt);

/* Ends any read with PROMPT_TIMEUP at the wall-clock time deadline (0: no deadline). */
void prompt_set_deadline(time_t deadline);

/* Calls fn(ctx) when a read has waited ms for input (on a terminal: since the last key; on
 * a pipe or file: for a line to begin), at most once a read, as long as it is set (fn NULL
 * clears it): study lets go of its database while the student thinks. */
void prompt_set_idle(void (*fn)(void *), void *ctx, int ms);

/* Whether SIGTERM (or SIGHUP) arrived. */
int prompt_terminated(void);

#endif
