/* SPDX-License-Identifier: ISC */
/*
 * csv.h - CSV cells for spreadsheets (private to libproctor): RFC 4180 quoting, CRLF line
 * ends, and a guard against cells a spreadsheet would run as a formula.
 */
#ifndef PROCTOR_CSV_H
#define PROCTOR_CSV_H

#include "sbuf.h"

/*
 * Appends cell s to b, then "," or, when last, "\r\n". A cell holding a comma, quote, CR or
 * LF is quoted (quotes doubled); one that a spreadsheet could take for a formula (starting
 * with = + - @, a tab or a CR, or with one of = + - @ after leading spaces and control
 * characters) is quoted and starts with ', so it is shown as text and never run.
 */
void csv_cell(struct sbuf *b, const char *s, int last);

/* The UTF-8 byte order mark Excel needs to read a CSV file as UTF-8. */
#define CSV_BOM "\xef\xbb\xbf"

#endif
