/* SPDX-License-Identifier: ISC */
/*
 * untrusted.h - the one way the program prints text that a student or a file controls:
 * names, ids, titles, responses, essays, comments, file names, roster lines, and messages
 * that quote any of them.
 *
 * Such text is written with every character that could move the cursor, change the screen,
 * set the window title or write the clipboard shown as a visible escape instead:
 *   C0 controls and DEL               \x1b  \x07  \x7f
 *   C1 controls (U+0080..U+009F)      \u009b
 *   bytes that are not UTF-8          \xff  \xc0 (one escape per byte)
 *   line and paragraph separators,
 *   bidi embeddings, overrides and
 *   isolates (U+2028, U+2029,
 *   U+202A..U+202E, U+2066..U+2069)   \u202e
 * The same on a terminal and off it, colour or not. Everything else (printable ASCII, all
 * other valid UTF-8) is written as it is.
 *
 * Rule: the functions write to the stream they are given and keep nothing, except
 * untrusted_str, whose result lives in one of a few rotating buffers (below).
 */
#ifndef PROCTOR_CLI_UNTRUSTED_H
#define PROCTOR_CLI_UNTRUSTED_H

#include <stddef.h>
#include <stdio.h>

/* Flags: keep line breaks ('\n') and tabs as they are, for multi-line text (essays,
 * comments) shown by a caller that lays the lines out itself. Without it they are escaped
 * too, so one untrusted field can never start a line of its own. */
#define UNTRUSTED_LINES 1u

/* Writes the len bytes at s to f, escaped as above. */
void untrusted_write(FILE *f, const char *s, size_t len, unsigned flags);

/* Writes the string s to f on one line, escaped (NULL writes nothing). */
void untrusted_puts(FILE *f, const char *s);

/*
 * The escaped form of the len bytes at s into dst (size bytes, always NUL-terminated when
 * size > 0; an escape is never cut in two). Returns the length the whole escaped text
 * needs, like snprintf, so a result >= size means it was shortened.
 */
size_t untrusted_escape(char *dst, size_t size, const char *s, size_t len, unsigned flags);

/*
 * Writes one line of JSON text (as cJSON prints it: control characters already escaped in
 * strings) and a newline, with DEL, C1 controls, separators and bidi controls written as
 * \u escapes (the same string to a JSON reader) and bytes that are not UTF-8 as \ufffd.
 */
void untrusted_json_line(FILE *f, const char *json);

/*
 * The escaped one-line form of s (NULL gives ""), for a printf argument:
 *     printf("%s: OK\n", untrusted_str(path));
 * The result stays valid until UNTRUSTED_SLOTS more calls, so one printf may take up to
 * that many. Out of memory gives "?".
 */
#define UNTRUSTED_SLOTS 8
const char *untrusted_str(const char *s);

#endif
