/* SPDX-License-Identifier: ISC */
/*
 * bare-verify.c - the physical limit for bench/verify.sh: a loop of libsodium's
 * crypto_sign_verify_detached over the exact signed messages (DSSE PAE bytes) and signatures
 * of a set of result files, with nothing else: no file reading, parsing or grading in the
 * timed part.
 *
 * usage: bare-verify RECORDS [PASSES]
 *
 * RECORDS is written by bench/verify-prep.py: for each file, the 32-byte public key, the
 * 64-byte signature, the message length (4 bytes, little-endian) and the message. Every
 * signature must verify (a check that the records are the real thing). Each pass verifies
 * every record once; prints
 *   signatures N passes P median_per_sec R best_per_sec B cpu_median_per_sec C
 * the rates from wall time, and the last from the process's CPU time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "slurp.h"

struct rec {
    const unsigned char *pk, *sig, *msg;
    size_t len;
};

static double
now_s(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
    unsigned char *buf;
    size_t len, off = 0, n = 0, cap = 0;
    struct rec *r = NULL;
    int passes = argc > 2 ? atoi(argv[2]) : 5;
    double *rate, *cpu_rate;

    if (argc < 2 || argc > 3 || passes < 1) {
        fprintf(stderr, "usage: bare-verify RECORDS [PASSES]\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    buf = (unsigned char *)slurp(argv[1], &len);
    if (!buf) {
        perror(argv[1]);
        return 1;
    }
    while (off + 100 <= len) {
        uint32_t mlen = (uint32_t)buf[off + 96] | (uint32_t)buf[off + 97] << 8 |
                        (uint32_t)buf[off + 98] << 16 | (uint32_t)buf[off + 99] << 24;
        if (off + 100 + mlen > len)
            break;
        if (n == cap) {
            struct rec *q;
            cap = cap ? cap * 2 : 1024;
            q = realloc(r, cap * sizeof *r);
            if (!q)
                return 1;
            r = q;
        }
        r[n].pk = buf + off;
        r[n].sig = buf + off + 32;
        r[n].len = mlen;
        r[n].msg = buf + off + 100;
        n++;
        off += 100 + (size_t)mlen;
    }
    if (off != len || n == 0) {
        fprintf(stderr, "bare-verify: '%s' is not a records file\n", argv[1]);
        return 1;
    }
    rate = calloc((size_t)passes, sizeof *rate);
    cpu_rate = calloc((size_t)passes, sizeof *cpu_rate);
    if (!rate || !cpu_rate)
        return 1;
    for (int p = 0; p < passes; p++) {
        size_t bad = 0;
        double t0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_PROCESS_CPUTIME_ID), t, c;
        for (size_t i = 0; i < n; i++)
            bad += crypto_sign_verify_detached(r[i].sig, r[i].msg, r[i].len, r[i].pk) != 0;
        t = now_s(CLOCK_MONOTONIC) - t0;
        c = now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (bad) {
            fprintf(stderr, "bare-verify: %zu of %zu signatures do not verify\n", bad, n);
            return 1;
        }
        rate[p] = (double)n / t;
        cpu_rate[p] = (double)n / c;
    }
    qsort(rate, (size_t)passes, sizeof *rate, cmp_double);
    qsort(cpu_rate, (size_t)passes, sizeof *cpu_rate, cmp_double);
    printf("signatures %zu passes %d median_per_sec %.0f best_per_sec %.0f "
           "cpu_median_per_sec %.0f\n",
           n, passes, passes % 2 ? rate[passes / 2] : (rate[passes / 2 - 1] + rate[passes / 2]) / 2,
           rate[passes - 1],
           passes % 2 ? cpu_rate[passes / 2]
                      : (cpu_rate[passes / 2 - 1] + cpu_rate[passes / 2]) / 2);
    free(rate);
    free(cpu_rate);
    free(r);
    free(buf);
    return 0;
}
