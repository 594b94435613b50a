/* SPDX-License-Identifier: ISC */
/*
 * verify-inproc.c - verify against the bare signature loop in one process, interleaved
 * block by block, for bench/verify.sh.
 *
 * usage: verify-inproc ROSTER BANK LIST RECORDS [BLOCK] [PASSES]
 *
 * LIST names the result files (one a line, as `proctor verify --files-from` reads them) and
 * RECORDS holds the same files' signed messages in the same order (bench/verify-prep.py, as
 * bench/bare-verify.c reads it). For each block of BLOCK files (100) in turn, the process
 * runs libsodium's crypto_sign_verify_detached over the block's records (the bare loop),
 * then libproctor's proctor_verify_file over the block's files (reading, envelope, signature,
 * payload, re-grade: everything `verify` does per file but the report), each timed by the
 * thread's CPU clock. PASSES (5) passes over every file. A slow spell of a shared machine
 * (another program, a host's neighbour) lasts far longer than a block of some 10 ms, so it
 * falls on both sides alike, where runs of whole processes one after the other see it on
 * one side only. Every signature must verify and every file come out valid. Prints
 *   files N block B passes P bare_cpu_s X verify_cpu_s Y ratio R pass_ratios r1,r2,...
 * R is the rate of verify over the rate of the bare loop (X / Y), over all passes; the
 * pass ratios the same per pass.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "proctor/bank.h"
#include "proctor/keys.h"
#include "proctor/verify.h"

#include "slurp.h"

struct rec {
    const unsigned char *pk, *sig, *msg;
    size_t len;
};

static double
cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *detail)
{
    fprintf(stderr, "verify-inproc: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

int
main(int argc, char **argv)
{
    struct proctor_roster *roster = NULL;
    struct proctor_bank *bank = NULL;
    struct proctor_verifier *v = NULL;
    struct proctor_error err;
    struct proctor_verdict verdict;
    char *list, *recbuf, **path = NULL, *line, *save = NULL;
    struct rec *r = NULL;
    size_t llen, rlen, n = 0, nrec = 0, cap = 0, off = 0, block;
    int passes;
    double bare_total = 0, verify_total = 0;
    double *pass_ratio;

    if (argc < 5 || argc > 7) {
        fprintf(stderr, "usage: verify-inproc ROSTER BANK LIST RECORDS [BLOCK] [PASSES]\n");
        return 2;
    }
    block = argc > 5 ? (size_t)strtoul(argv[5], NULL, 10) : 100;
    passes = argc > 6 ? atoi(argv[6]) : 5;
    if (block == 0 || passes < 1) {
        fprintf(stderr, "verify-inproc: BLOCK and PASSES must be at least 1\n");
        return 2;
    }
    if (sodium_init() < 0)
        die("libsodium does not start", NULL);
    memset(&err, 0, sizeof err);
    memset(&verdict, 0, sizeof verdict);
    if (proctor_roster_load(argv[1], &roster, &err) != 0)
        die("the roster", err.msg);
    if (proctor_bank_load(argv[2], NULL, NULL, NULL, &bank, &err) != 0)
        die("the bank", err.msg);
    if (proctor_verifier_new(roster, bank, &v, &err) < 0)
        die("the verifier", err.msg);

    list = slurp(argv[3], &llen);
    if (!list)
        die("cannot read the list", argv[3]);
    for (line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            path = realloc(path, cap * sizeof *path);
            if (!path)
                die("out of memory", NULL);
        }
        path[n++] = line;
    }
    recbuf = slurp(argv[4], &rlen);
    if (!recbuf)
        die("cannot read the records", argv[4]);
    r = calloc(n ? n : 1, sizeof *r);
    if (!r)
        die("out of memory", NULL);
    while (off + 100 <= rlen && nrec < n) {
        const unsigned char *b = (const unsigned char *)recbuf + off;
        uint32_t mlen = (uint32_t)b[96] | (uint32_t)b[97] << 8 | (uint32_t)b[98] << 16 |
                        (uint32_t)b[99] << 24;
        if (off + 100 + mlen > rlen)
            break;
        r[nrec].pk = b;
        r[nrec].sig = b + 32;
        r[nrec].len = mlen;
        r[nrec].msg = b + 100;
        nrec++;
        off += 100 + (size_t)mlen;
    }
    if (n == 0 || nrec != n || off != rlen)
        die("the records are not the list's files, one each in order", argv[4]);

    pass_ratio = calloc((size_t)passes, sizeof *pass_ratio);
    if (!pass_ratio)
        die("out of memory", NULL);
    for (int p = 0; p < passes; p++) {
        double bare = 0, ver = 0;
        for (size_t s = 0; s < n; s += block) {
            size_t e = s + block < n ? s + block : n, bad = 0;
            double t0 = cpu_now(), t1, t2;
            for (size_t i = s; i < e; i++)
                bad += crypto_sign_verify_detached(r[i].sig, r[i].msg, r[i].len, r[i].pk) != 0;
            t1 = cpu_now();
            for (size_t i = s; i < e; i++) {
                bad += proctor_verify_file(v, path[i], &verdict) != 0 || !verdict.valid;
                proctor_verdict_release(&verdict);
            }
            t2 = cpu_now();
            if (bad)
                die("a signature or a file does not verify", path[s]);
            bare += t1 - t0;
            ver += t2 - t1;
        }
        pass_ratio[p] = bare / ver;
        bare_total += bare;
        verify_total += ver;
    }
    printf("files %zu block %zu passes %d bare_cpu_s %.3f verify_cpu_s %.3f ratio %.3f "
           "pass_ratios ",
           n, block, passes, bare_total, verify_total, bare_total / verify_total);
    for (int p = 0; p < passes; p++)
        printf("%s%.3f", p ? "," : "", pass_ratio[p]);
    printf("\n");

    free(pass_ratio);
    free(r);
    free(recbuf);
    free(path);
    free(list);
    proctor_verifier_free(v);
    proctor_bank_free(bank);
    proctor_roster_free(roster);
    return 0;
}
