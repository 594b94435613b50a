/* SPDX-License-Identifier: ISC */
/*
 * fuzz-fsrs.c - libFuzzer harness for the FSRS-6 text parsers of src/fsrs.c and the
 * scheduler they feed.
 *
 * The first byte chooses what the rest is: 'w' weights (a weights file), 'h' a memory
 * history (rating:days), 's' a schedule history (rating:seconds), 't' learning steps, anything
 * else a number. Whatever parses is run through the memory states or the state machine, which
 * must keep stability in (0, 36500], difficulty in [1, 10], retrievability in [0, 1] and due
 * times after the review. Build: see the Makefile's fuzz target.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctor/fsrs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
    if (!ok)
        abort();
}

static void
check_memory(const struct proctor_fsrs_memory *m)
{
    check(m->stability > 0 && m->stability <= 36500);
    check(m->difficulty >= 1 && m->difficulty <= 10);
}

static void
run_history(const struct proctor_fsrs *f, const struct proctor_fsrs_item *it, size_t n,
            int schedule)
{
    if (!schedule) {
        struct proctor_fsrs_memory m;
        proctor_fsrs_first(f, it[0].rating, &m);
        check_memory(&m);
        for (size_t i = 1; i < n; i++) {
            double r = proctor_fsrs_retrievability(f, (double)it[i].elapsed, m.stability);
            check(r >= 0 && r <= 1);
            proctor_fsrs_next(f, &m, it[i].elapsed, it[i].rating, &m);
            check_memory(&m);
            check(proctor_fsrs_interval_days(f, m.stability) >= 1);
        }
    } else {
        struct proctor_fsrs_card c;
        struct proctor_fsrs_outcome o;
        int64_t now = 0;
        memset(&c, 0, sizeof c);
        for (size_t i = 0; i < n; i++) {
            now += it[i].elapsed;
            check(proctor_fsrs_review(f, &c, now, (now - c.last_review) / 86400, it[i].rating,
                                      proctor_fsrs_fuzz_seed("q", (uint32_t)c.reps), &o) == 0);
            check(c.stability > 0 && c.stability <= 36500);
            check(c.difficulty >= 1 && c.difficulty <= 10);
            check(c.due > now && o.interval > 0);
            check(o.days <= f->max_interval);
            check(c.state >= PROCTOR_FSRS_LEARNING && c.state <= PROCTOR_FSRS_RELEARNING);
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct proctor_fsrs_item items[256];
    struct proctor_fsrs f;
    struct proctor_error err;
    char *s;
    size_t n;

    if (size < 1)
        return 0;
    proctor_fsrs_init(&f);
    s = malloc(size);
    if (!s)
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    switch (data[0]) {
    case 'w': {
        double w[PROCTOR_FSRS_NWEIGHTS];
        /* not NUL-terminated: the parser must stay inside size - 1 bytes */
        char *exact = malloc(size - 1 ? size - 1 : 1);
        if (!exact)
            break;
        memcpy(exact, data + 1, size - 1);
        if (proctor_fsrs_parse_weights(exact, size - 1, "fuzz", w, &n, &err) == 0) {
            check(n >= 1 && n <= PROCTOR_FSRS_NWEIGHTS);
            if (proctor_fsrs_set_weights(&f, w, n, &err) == 0) {
                static const struct proctor_fsrs_item h[] = {{3, 0}, {1, 0}, {2, 1}, {4, 30},
                                                             {1, 400}, {3, 0}};
                run_history(&f, h, 6, 0);
                run_history(&f, h, 6, 1);
            }
        } else {
            check(err.code == PROCTOR_EINVAL && err.msg[0]);
        }
        free(exact);
        break;
    }
    case 'h':
    case 's':
        if (proctor_fsrs_parse_history(s, data[0] == 's' ? (int64_t)36500 * 86400 * 10 : 365000,
                                       items, 256, &n, &err) == 0) {
            check(n >= 1 && n <= 256);
            run_history(&f, items, n, data[0] == 's');
            f.fuzz = 0;
            f.nlearning = f.nrelearning = 0;
            run_history(&f, items, n, 1);
        } else {
            check(err.code == PROCTOR_EINVAL && err.column >= 1);
        }
        break;
    case 't': {
        uint32_t steps[PROCTOR_FSRS_MAX_STEPS];
        if (proctor_fsrs_parse_steps(s, steps, &n, &err) == 0) {
            static const struct proctor_fsrs_item h[] = {{2, 0}, {3, 30}, {1, 600}, {2, 90000},
                                                         {3, 600}, {1, 86400 * 30}, {2, 60}};
            check(n <= PROCTOR_FSRS_MAX_STEPS);
            for (size_t k = 0; k < n; k++)
                check(steps[k] >= 1 && steps[k] <= PROCTOR_FSRS_MAX_STEP);
            memcpy(f.learning, steps, sizeof steps);
            f.nlearning = n;
            memcpy(f.relearning, steps, sizeof steps);
            f.nrelearning = n;
            run_history(&f, h, 7, 1);
        }
        break;
    }
    default: {
        double v;
        if (proctor_fsrs_parse_number(s, &v) == 0)
            check(isfinite(v));
        break;
    }
    }
    free(s);
    return 0;
}
