/* SPDX-License-Identifier: ISC */
/*
 * zip.h - a ZIP archive built in memory, its files stored uncompressed (private to
 * libproctor): what an IMS content package needs, without a compression library. Times are
 * fixed (1980-01-01), so the same files give the same bytes.
 *
 * Rule: the archive owns its buffer; zip_finish hands the bytes to the caller (free).
 */
#ifndef PROCTOR_ZIP_H
#define PROCTOR_ZIP_H

#include <stddef.h>

#include "sbuf.h"

struct zip {
    struct sbuf data;    /* local headers and files */
    struct sbuf central; /* the central directory */
    size_t entries;
};

/* Adds the file name (UTF-8, '/' between directories) holding len bytes at p. */
void zip_add(struct zip *z, const char *name, const void *p, size_t len);

/* The archive's bytes (*len of them, malloc'd), or NULL on out of memory; z is emptied. */
char *zip_finish(struct zip *z, size_t *len);

#endif
