/* SPDX-License-Identifier: ISC */
/*
 * slurp.h - a whole file read into memory, for the bench tools (bare-verify.c,
 * verify-inproc.c): the bytes and a NUL after them, their count in *len; NULL when the file
 * can't be read or memory runs out.
 */
#ifndef PROCTOR_BENCH_SLURP_H
#define PROCTOR_BENCH_SLURP_H

#include <stdio.h>
#include <stdlib.h>

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, k;

    if (!f)
        return NULL;
    do {
        if (n + 65536 > cap) {
            char *q;
            cap = (n + 65536) * 2;
            q = realloc(buf, cap + 1);
            if (!q) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = q;
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

#endif
