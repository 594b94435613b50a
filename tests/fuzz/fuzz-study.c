/* SPDX-License-Identifier: ISC */
/*
 * fuzz-study.c - libFuzzer harness for what study reads from outside: the settings file
 * (proctor_study_config_parse) and the study database read back as untrusted data.
 *
 * An input starting with 'c' is the rest of a study.conf. Anything else is written to a file
 * and opened as a study database against the fixture bank: it must be refused cleanly or
 * give cards whose states are in range (loaded in full, and up to a horizon as the due queue
 * loads it), a queue made of them, statistics, an export, and a review that records. Seeds:
 * tests/fuzz/corpus/fuzz-study/ (settings, and small real databases). Build: see the
 * Makefile's fuzz target.
 */
#include <math.h>

#include "fuzz-util.h"
#include "proctor/study.h"

static struct proctor_bank *bank;

static void
setup(void)
{
    struct proctor_error err;
    if (bank)
        return;
    if (sodium_init() < 0 ||
        proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &bank, &err) != 0)
        fz_die("the fixture bank");
}

static void
config(const uint8_t *data, size_t size)
{
    struct proctor_study_config c;
    struct proctor_error err;

    memset(&c, 0, sizeof c);
    proctor_fsrs_init(&c.fsrs);
    if (proctor_study_config_parse((const char *)data, size, "study.conf", &c, &err) == 0) {
        FZ_CHECK(c.fsrs.retention > 0 && c.fsrs.retention <= 1);
        FZ_CHECK(c.fsrs.max_interval >= 1 && c.fsrs.max_interval <= 36500);
        FZ_CHECK(c.fsrs.nlearning <= PROCTOR_FSRS_MAX_STEPS);
        FZ_CHECK(c.fsrs.nrelearning <= PROCTOR_FSRS_MAX_STEPS);
        FZ_CHECK(c.new_per_day >= 0 && c.new_per_day <= 10000);
        FZ_CHECK(memchr(c.weights, '\0', sizeof c.weights) != NULL);
    } else {
        FZ_CHECK(err.code == PROCTOR_EINVAL && err.msg[0] && err.line >= 1);
    }
}

static void
database(const uint8_t *data, size_t size)
{
    const char *path = fz_path("study.db"), *csv = fz_path("revlog.csv");
    struct proctor_study *st = NULL;
    struct proctor_study_item *items = NULL;
    struct proctor_study_stats *s = NULL;
    struct proctor_error err;
    struct proctor_fsrs f;
    size_t n = 0, rows, order[16], len;
    char wal[600], shm[600];

    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(wal);
    unlink(shm);
    fz_write(path, data, size);
    proctor_fsrs_init(&f);
    if (proctor_study_open(path, 0, &st, &err) < 0) {
        FZ_CHECK(st == NULL && err.msg[0]);
        return;
    }
    /* up to a horizon (the due queue's load: due cards in full, the others marked) */
    if (proctor_study_load(st, bank, "memo", NULL, 1717405200 + 86400, &items, &n, &err) == 0) {
        struct proctor_study_plan_opts po = {1717405200, 1717405200 + 86400, 1200, 5, 0, 0};
        struct proctor_study_plan p;
        FZ_CHECK(n <= 16);
        for (size_t i = 0; i < n; i++) {
            const struct proctor_fsrs_card *c = &items[i].fc;
            FZ_CHECK(items[i].q != NULL);
            FZ_CHECK(!items[i].partial || c->state == 0);
            FZ_CHECK(c->state >= 0 && c->state <= 3 && c->step >= 0);
            FZ_CHECK(isfinite(c->stability) && c->stability >= 0 && c->stability <= 36500);
        }
        len = proctor_study_plan(items, n, &f, &po, order, &p);
        FZ_CHECK(len <= n);
        for (size_t k = 0; k < len; k++)
            FZ_CHECK(order[k] < n);
        proctor_study_items_free(items);
        items = NULL;
    }
    if (proctor_study_load(st, bank, "memo", NULL, INT64_MAX, &items, &n, &err) == 0) {
        struct proctor_study_plan_opts po = {1717405200, 1717405200 + 86400, 1200, 5, 0, 1};
        struct proctor_study_plan p;
        FZ_CHECK(n <= 16);
        for (size_t i = 0; i < n; i++) {
            const struct proctor_fsrs_card *c = &items[i].fc;
            FZ_CHECK(c->state >= 0 && c->state <= 3 && c->step >= 0);
            FZ_CHECK(isfinite(c->stability) && c->stability >= 0 && c->stability <= 36500);
            FZ_CHECK(isfinite(c->difficulty) && c->difficulty >= 0 && c->difficulty <= 10);
        }
        len = proctor_study_plan(items, n, &f, &po, order, &p);
        FZ_CHECK(len <= n);
        for (size_t k = 0; k < len; k++)
            FZ_CHECK(order[k] < n);
        if (n > 0) {
            struct proctor_study_review rv = {3, 1717405200000LL, 0, 1000, NULL, 2};
            struct proctor_fsrs_card before = items[0].fc;
            if (proctor_study_record(st, "memo", &f, &items[0], &rv, NULL, &err) == 0)
                FZ_CHECK(items[0].card > 0 && items[0].fc.reps >= 1);
            else
                FZ_CHECK(memcmp(&before, &items[0].fc, sizeof before) == 0);
        }
    }
    if (proctor_study_stats(st, bank, "memo", &f, 1717405200, 1717390800, &s, &err) == 0) {
        FZ_CHECK(s->seen <= s->questions);
        FZ_CHECK(s->retention_passed <= s->retention_reviews);
        FZ_CHECK(s->retrievability >= 0 && s->retrievability <= 1);
    }
    if (proctor_study_export_revlog(st, csv, &rows, &err) == 0)
        unlink(csv);
    proctor_study_stats_free(s);
    proctor_study_items_free(items);
    proctor_study_close(st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size > 0 && data[0] == 'c')
        config(data + 1, size - 1);
    else
        database(data, size);
    return 0;
}
