/* SPDX-License-Identifier: ISC */
/*
 * harness.h - a tiny unit-test harness. Each CHECK prints "ok - ..." or "not ok - ...";
 * tests/run.sh counts those lines. A test file defines main() and ends with
 * "return harness_done();".
 */
#ifndef PROCTOR_TEST_HARNESS_H
#define PROCTOR_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_failed;

#define CHECK(cond, ...)                                                                    \
    do {                                                                                    \
        if (cond) {                                                                         \
            printf("ok - ");                                                                \
        } else {                                                                            \
            harness_failed++;                                                               \
            printf("not ok - %s:%d: (%s) ", __FILE__, __LINE__, #cond);                     \
        }                                                                                   \
        printf(__VA_ARGS__);                                                                \
        putchar('\n');                                                                      \
    } while (0)

#define CHECK_STR(got, want, ...)                                                          \
    do {                                                                                    \
        const char *g_ = (got), *w_ = (want);                                               \
        int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;                            \
        CHECK(same_, __VA_ARGS__);                                                          \
        if (!same_)                                                                         \
            printf("#   got:  '%s'\n#   want: '%s'\n", g_ ? g_ : "(null)",                 \
                   w_ ? w_ : "(null)");                                                     \
    } while (0)

#define CHECK_INT(got, want, ...)                                                          \
    do {                                                                                    \
        long long g_ = (long long)(got), w_ = (long long)(want);                            \
        CHECK(g_ == w_, __VA_ARGS__);                                                       \
        if (g_ != w_)                                                                       \
            printf("#   got:  %lld\n#   want: %lld\n", g_, w_);                             \
    } while (0)

static inline int
harness_done(void)
{
    return harness_failed ? 1 : 0;
}

#endif
