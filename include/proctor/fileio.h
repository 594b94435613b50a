/* SPDX-License-Identifier: ISC */
/*
 * fileio.h - reading whole files with a size cap, and writing files atomically.
 *
 * Rule: buffers returned are malloc'd, NUL-terminated, and owned by the caller (free()).
 * Writes never leave a truncated file: data goes to a temporary file in the same directory,
 * which is fsynced and then renamed over (or, with PROCTOR_WRITE_NOREPLACE, linked to) the
 * destination, and the directory is fsynced.
 */
#ifndef PROCTOR_FILEIO_H
#define PROCTOR_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "proctor/error.h"

/*
 * Reads all of path into *out (NUL-terminated; *len excludes the NUL). Refuses anything that
 * is not a regular file, and files larger than max bytes (PROCTOR_EINVAL). "-" is not special.
 */
int proctor_file_read(const char *path, size_t max, char **out, size_t *len,
                      struct proctor_error *err);

enum {
    PROCTOR_WRITE_NOREPLACE = 1 /* fail with PROCTOR_EEXIST when path exists */
};

/* Atomically writes len bytes to path with the given mode (e.g. 0644, 0600). */
int proctor_file_write(const char *path, const void *data, size_t len, mode_t mode, int flags,
                       struct proctor_error *err);

/*
 * Opens a new temporary file beside path ("<path>.tmp" and six random characters, mode 0600,
 * close-on-exec) for a writer that streams, and puts its name in tmp (size bytes). Returns the
 * descriptor, or a negative PROCTOR_E* code. The caller fsyncs it and renames it over path.
 */
int proctor_temp_open(const char *path, char *tmp, size_t size, struct proctor_error *err);

/* Writes len bytes to fd (a temporary file from proctor_temp_open for path), retrying short
 * writes. */
int proctor_temp_write(int fd, const void *data, size_t len, const char *path,
                       struct proctor_error *err);

/*
 * Finishes a temporary file from proctor_temp_open: with commit set, fsyncs and closes it,
 * renames it over path and fsyncs the directory; otherwise (or when any step fails) closes
 * and removes it. Returns 0 or the error.
 */
int proctor_temp_finish(int fd, const char *tmp, const char *path, int commit,
                        struct proctor_error *err);

/* Creates dir and its missing parents with the given mode (like mkdir -p). */
int proctor_mkdirs(const char *dir, mode_t mode, struct proctor_error *err);

#endif
