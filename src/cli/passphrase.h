/* SPDX-License-Identifier: ISC */
/*
 * passphrase.h - reading a passphrase for a secret key, never through readline.
 *
 * Rule: the passphrase returned lives in sodium_malloc memory owned by the caller, who frees
 * it with passphrase_free (which wipes it).
 */
#ifndef PROCTOR_CLI_PASSPHRASE_H
#define PROCTOR_CLI_PASSPHRASE_H

#include <stddef.h>

#define PASSPHRASE_MAX 1024

/*
 * Gets a passphrase, from the first of: file (--passphrase-file; its first line),
 * $PROCTOR_PASSPHRASE, the terminal with echo off (when stdin is a terminal; asked twice when
 * confirm is set, and again, up to PASSPHRASE_TRIES times, when the two differ), or a line of
 * standard input. Prints its own error and returns an exit
 * status (nonzero) on failure; 0 with *out and *len set on success.
 */
int passphrase_get(const char *file, const char *prompt, int confirm, char **out, size_t *len);

void passphrase_free(char *p);

/* How often a mistyped passphrase is asked for (as ssh-keygen and gpg do). */
#define PASSPHRASE_TRIES 3

/* Whether passphrase_get(file, ...) would ask on the terminal (so that asking again helps). */
int passphrase_asks(const char *file);

#endif
