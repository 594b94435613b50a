/* SPDX-License-Identifier: ISC */
/* error.c - filling struct proctor_error. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "proctor/error.h"

void
proctor_error_clear(struct proctor_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void
set_path(struct proctor_error *err, const char *path)
{
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    else
        err->path[0] = '\0';
}

int
proctor_error_set(struct proctor_error *err, int code, const char *path, long line, long column,
                  const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    err->errnum = 0;
    set_path(err, path);
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int
proctor_error_io(struct proctor_error *err, const char *path, const char *fmt, ...)
{
    int saved = errno;
    va_list ap;

    if (!err)
        return PROCTOR_EIO;
    err->code = PROCTOR_EIO;
    err->errnum = saved;
    set_path(err, path);
    err->line = err->column = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return PROCTOR_EIO;
}

int
proctor_error_exit_status(int code)
{
    switch (code) {
    case PROCTOR_OK: return 0;
    case PROCTOR_EVERIFY: return 1;
    case PROCTOR_EUSAGE:
    case PROCTOR_EEXIST: return 2; /* give --force, or another name */
    case PROCTOR_EINVAL:
    case PROCTOR_ENOTFOUND: return 3;
    default: return 4;
    }
}
