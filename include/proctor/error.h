/* SPDX-License-Identifier: ISC */
/*
 * error.h - how libproctor reports failure.
 *
 * Rule: every fallible function returns 0 (or a count/handle) on success and a negative
 * PROCTOR_E* code on failure, and fills the caller-owned struct proctor_error when one is
 * given (it may be NULL). The struct holds no heap memory, so out-of-memory is reportable.
 */
#ifndef PROCTOR_ERROR_H
#define PROCTOR_ERROR_H

#include <stddef.h>

enum proctor_code {
    PROCTOR_OK = 0,
    PROCTOR_EINVAL = -1, /* bad data: a bank, file or answer that does not parse or validate */
    PROCTOR_EIO = -2,    /* system or I/O error; err.errnum holds errno */
    PROCTOR_ENOMEM = -3, /* out of memory */
    PROCTOR_EVERIFY = -4, /* a signature or check failed: forged, tampered, wrong key */
    PROCTOR_EUSAGE = -5, /* a caller asked for something impossible (bad argument) */
    PROCTOR_EEXIST = -6, /* refused to overwrite an existing file */
    PROCTOR_ENOTFOUND = -7 /* a named thing (question, document, key) does not exist */
};

struct proctor_error {
    int code;          /* a PROCTOR_E* value, 0 when no error */
    int errnum;        /* saved errno for PROCTOR_EIO, else 0 */
    char path[512];    /* file concerned, "" if none */
    long line, column; /* 1-based location in path, 0 when unknown */
    char msg[512];     /* what is wrong, lowercase, no trailing period */
};

/* Clears *err (no-op when err is NULL). */
void proctor_error_clear(struct proctor_error *err);

/*
 * Fills err (when not NULL) with code, path (may be NULL), line, column and a printf-style
 * message; returns code so a failure site is one line: return proctor_error_set(...).
 */
int proctor_error_set(struct proctor_error *err, int code, const char *path, long line,
                      long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Like proctor_error_set for PROCTOR_EIO, saving errno (read at entry) into err->errnum. */
int proctor_error_io(struct proctor_error *err, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Exit status the documented CLI uses for a code: 0 ok, 1 verify, 2 usage (and a file that
 * already exists: a usage error, fixed by --force or another name), 3 data, 4 I/O. */
int proctor_error_exit_status(int code);

#endif
