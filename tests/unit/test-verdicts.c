/* SPDX-License-Identifier: ISC */
/*
 * test-verdicts.c - the checks across result files (proctor_verdicts_settle) and the
 * gradebook built on them decide on the set of files, never their order: random classes of
 * verdicts (students, nonces, copies, attempts drawn from small sets so that they collide)
 * settled in many orders give every file the same verdict and the gradebook the same rows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "proctor/gradebook.h"
#include "proctor/verify.h"
#include "../../src/verdicts-internal.h"

#define NFILES 48
#define NCLASSES 60
#define NORDERS 6

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
draw(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static char names[NFILES][16];

/* A class: files f00..f47 by students s0..s5 (some by no roster key), with nonces, signed
 * bytes, answers, essays and attempts drawn from a few values each. */
static void
make_class(struct proctor_verdict *v)
{
    for (int i = 0; i < NFILES; i++) {
        struct proctor_verdict *x = &v[i];
        memset(x, 0, sizeof *x);
        snprintf(names[i], sizeof names[i], "f%02d.json", i);
        x->file = names[i];
        x->valid = draw(6) != 0;
        x->status = x->valid ? PROCTOR_STATUS_OK : PROCTOR_STATUS_INVALID;
        if (draw(8))
            snprintf(x->student, sizeof x->student, "s%u", draw(6));
        snprintf(x->name, sizeof x->name, "Student %s", x->student);
        if (!x->valid)
            snprintf(x->reason, sizeof x->reason, "bad signature %u", draw(3));
        x->attempt = 1 + draw(3);
        snprintf(x->finished, sizeof x->finished, "2024-05-0%uT10:00:00Z", 1 + draw(4));
        x->earned = 1000 * draw(4);
        x->max = 3000;
        x->have_hashes = x->valid;
        x->nonce[0] = (unsigned char)draw(10);
        x->payload_hash[0] = (unsigned char)draw(14);
        x->responses_hash[0] = (unsigned char)draw(5);
        x->copy_evidence = x->earned < x->max && draw(4) != 0;
        x->nessays = draw(3);
        for (size_t e = 0; e < x->nessays; e++)
            x->essay_hash[e][0] = (unsigned char)(1 + draw(12));
        if (draw(5) == 0)
            snprintf(x->warnings, sizeof x->warnings, "late");
    }
}

/* What a settled verdict says, to compare across orders. */
static int
same_verdict(const struct proctor_verdict *a, const struct proctor_verdict *b)
{
    return a->status == b->status && a->valid == b->valid && a->duplicate == b->duplicate &&
           strcmp(a->reason, b->reason) == 0 && strcmp(a->warnings, b->warnings) == 0;
}

static int
same_row(const struct proctor_gradebook_row *a, const struct proctor_gradebook_row *b)
{
    return strcmp(a->student, b->student) == 0 && a->status == b->status &&
           a->graded == b->graded && a->earned == b->earned && a->max == b->max &&
           a->files == b->files && a->counted == b->counted && a->attempt == b->attempt &&
           strcmp(a->finished, b->finished) == 0 && strcmp(a->reason, b->reason) == 0 &&
           strcmp(a->warnings, b->warnings) == 0;
}

int
main(void)
{
    static struct proctor_verdict base[NFILES], first[NFILES], now[NFILES], ref[2][NFILES];
    struct proctor_gradebook_row rows[NORDERS][8];
    size_t nrows[NORDERS];
    int bad_verdicts = 0, bad_rows = 0, conflicts = 0, duplicates = 0, over = 0, bad_grouped = 0;

    for (int c = 0; c < NCLASSES; c++) {
        make_class(base);
        for (int o = 0; o < NORDERS; o++) {
            size_t perm[NFILES];
            struct proctor_verdict *pv[NFILES];
            struct proctor_gradebook *g = NULL;
            int64_t limit = c % 3; /* none, 1 or 2 attempts */

            for (size_t i = 0; i < NFILES; i++)
                perm[i] = i;
            for (size_t i = NFILES - 1; o > 0 && i > 0; i--) { /* order 0: as made */
                size_t j = draw((unsigned)i + 1), t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            if (o == 1) /* order 1: reversed */
                for (size_t i = 0; i < NFILES; i++)
                    perm[i] = NFILES - 1 - i;
            /* laid out in input order, as verify keeps them */
            for (size_t i = 0; i < NFILES; i++) {
                now[i] = base[perm[i]];
                pv[i] = &now[i];
            }
            /* the reference: every step's entries sorted whole by its comparison (mode 1);
             * mode 2 puts many groups under one hash; mode 0 (below) is the real one */
            for (int mode = 1; mode <= 2; mode++) {
                struct proctor_verdict *pr[NFILES];
                for (size_t i = 0; i < NFILES; i++) {
                    ref[mode - 1][i] = now[i];
                    pr[i] = &ref[mode - 1][i];
                }
                verify_settle_collide(mode);
                proctor_verdicts_settle(pr, NFILES, limit);
                verify_settle_collide(0);
            }
            if (proctor_verdicts_settle(pv, NFILES, limit) != 0 ||
                proctor_gradebook_new(PROCTOR_METHOD_HIGHEST, &g, NULL) != 0) {
                CHECK(0, "settle and gradebook run");
                return harness_done();
            }
            for (size_t i = 0; i < NFILES; i++)
                for (int mode = 1; mode <= 2; mode++)
                    if ((!same_verdict(&now[i], &ref[0][i]) ||
                         !same_verdict(&ref[1][i], &ref[0][i])) &&
                        bad_grouped++ < 3)
                        printf("# class %d, order %d: %s grouped: '%s' / '%s', sorted whole: "
                               "'%s' / '%s'\n", c, o, now[i].file, now[i].reason,
                               now[i].warnings, ref[0][i].reason, ref[0][i].warnings);
            for (size_t i = 0; i < NFILES; i++)
                proctor_gradebook_add(g, pv[i]);
            nrows[o] = proctor_gradebook_count(g);
            for (size_t r = 0; r < nrows[o] && r < 8; r++)
                rows[o][r] = *proctor_gradebook_row(g, r);
            proctor_gradebook_free(g);
            if (o == 0) {
                for (size_t i = 0; i < NFILES; i++) {
                    first[perm[i]] = now[i];
                    conflicts += now[i].status == PROCTOR_STATUS_CONFLICT;
                    duplicates += now[i].duplicate;
                    over += strstr(now[i].reason, "over the limit") != NULL;
                }
                continue;
            }
            for (size_t i = 0; i < NFILES; i++)
                if (!same_verdict(&now[i], &first[perm[i]]) && bad_verdicts++ < 3)
                    printf("# class %d, order %d: %s: '%s' / '%s' vs '%s' / '%s'\n", c, o,
                           now[i].file, now[i].reason, now[i].warnings, first[perm[i]].reason,
                           first[perm[i]].warnings);
            if (nrows[o] != nrows[0])
                bad_rows++;
            for (size_t r = 0; r < nrows[o] && r < 8; r++)
                if (!same_row(&rows[o][r], &rows[0][r]) && bad_rows++ < 3)
                    printf("# class %d, order %d: row %s differs\n", c, o, rows[o][r].student);
        }
    }
    CHECK(bad_verdicts == 0, "every file's verdict is the same in %d orders of %d classes",
          NORDERS, NCLASSES);
    CHECK(bad_rows == 0, "every gradebook row is the same in every order");
    CHECK(bad_grouped == 0, "settling by hashed groups gives every verdict that sorting every "
                            "step whole gives, with many groups under one hash too");
    /* the classes do exercise what they test */
    CHECK(conflicts > 0 && duplicates > 0 && over > 0,
          "the classes hold conflicts (%d), duplicates (%d) and results over the limit (%d)",
          conflicts, duplicates, over);
    return harness_done();
}
