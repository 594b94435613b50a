/* SPDX-License-Identifier: ISC */
/*
 * fuzz-bank.c - libFuzzer harness for the bank loader and linter (src/bank.c, passage.c,
 * jsonpos.c, coverage.c): proctor_bank_load with a diagnostics callback, as `proctor lint`
 * calls it.
 *
 * An input holding the word "documents" replaces the manifest of a copy of the fixture bank
 * (whose document and question file stay); any other input is loaded as a question file
 * against the fixture manifest, read both in pieces and whole (the same problems, places and
 * questions either way). A loaded bank is then walked: every question found by id,
 * its passage inside its document, its answer described and graded, the coverage of every
 * document computed, and its figures and warnings counted as `proctor lint --stats` does. Built and run by `make fuzz` (see the Makefile).
 */
#include "fuzz-util.h"

#include "proctor/bank-stats.h"
#include "proctor/bank.h"
#include "proctor/coverage.h"
#include "proctor/grade.h"

static int
diag(void *ctx, const struct proctor_error *e)
{
    FZ_CHECK(e->code == PROCTOR_EINVAL || e->code == PROCTOR_EIO || e->code == PROCTOR_ENOMEM);
    FZ_CHECK(memchr(e->msg, '\0', sizeof e->msg) && e->msg[0]);
    FZ_CHECK(memchr(e->path, '\0', sizeof e->path));
    FZ_CHECK(e->line >= 0 && e->column >= 0);
    ++*(int *)ctx;
    return 0;
}

/* Every problem as text, to compare the two question file readers. */
struct record {
    char text[1 << 16];
    size_t len;
};

static int
record(void *ctx, const struct proctor_error *e)
{
    struct record *r = ctx;
    if (r->len < sizeof r->text)
        r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "%s:%ld:%ld: %s\n",
                                   e->path, e->line, e->column, e->msg);
    return 0;
}

/* The question file read in pieces (bank-read.c) and read whole by cJSON give the same
 * problems at the same places, and the same questions. */
static void
compare_readers(const char *const *files, const struct proctor_bank *bank, int rc)
{
    static struct record a, b;
    struct proctor_bank *whole = NULL, *pieces = NULL;
    struct proctor_error err;
    int rw, rp;

    a.len = b.len = 0;
    rp = proctor_bank_load_flags(fz_dir(), files, PROCTOR_BANK_NO_DIGEST, record, &a, &pieces,
                                 &err);
    rw = proctor_bank_load_flags(fz_dir(), files, PROCTOR_BANK_NO_DIGEST | PROCTOR_BANK_WHOLE_FILES,
                                 record, &b, &whole, &err);
    FZ_CHECK(rp == rc && rw == rc);
    if (a.len != b.len || memcmp(a.text, b.text, a.len) != 0)
        fprintf(stderr, "in pieces:\n%.*s\nwhole:\n%.*s\n", (int)a.len, a.text, (int)b.len,
                b.text);
    FZ_CHECK(a.len == b.len && memcmp(a.text, b.text, a.len) == 0);
    if (pieces && whole) {
        FZ_CHECK(pieces->nquestions == whole->nquestions && bank->nquestions == whole->nquestions);
        for (size_t i = 0; i < whole->nquestions; i++) {
            const struct proctor_question *p = &pieces->questions[i], *w = &whole->questions[i];
            FZ_CHECK(strcmp(p->id, w->id) == 0 && p->line == w->line && p->column == w->column);
            FZ_CHECK(strcmp(p->prompt, w->prompt) == 0 && p->points == w->points);
        }
    }
    proctor_bank_free(pieces);
    proctor_bank_free(whole);
}

static int
warned(void *ctx, const struct proctor_question *q, const char *msg)
{
    (void)q;
    FZ_CHECK(msg && msg[0]);
    ++*(size_t *)ctx;
    return 0;
}

static void
walk(const struct proctor_bank *b)
{
    struct proctor_response none = {0};
    struct proctor_bank_stats *st = NULL;
    struct proctor_stats_limits lim;
    struct proctor_error err;
    size_t nw = 0, got;

    for (size_t i = 0; i < b->nquestions; i++) {
        const struct proctor_question *q = &b->questions[i];
        char *d;
        FZ_CHECK(proctor_bank_find(b, q->id) != NULL);
        /* without "require_source" in the manifest a question may cite no passage */
        FZ_CHECK(q->doc || !b->require_source);
        FZ_CHECK(!q->doc || (q->quote_start <= q->quote_end && q->quote_end <= q->doc->len));
        FZ_CHECK(!q->doc || q->para < q->doc->nparas);
        FZ_CHECK(proctor_grade(q, &none) == 0);
        d = proctor_describe_answer(q, NULL);
        free(d);
    }
    for (size_t i = 0; i < b->ndocs; i++) {
        struct proctor_para_cov *cov = NULL;
        size_t n = 0;
        FZ_CHECK(proctor_bank_doc(b, b->docs[i].id) != NULL);
        if (proctor_coverage(b, &b->docs[i], &cov, &n) == 0) {
            FZ_CHECK(n == b->docs[i].nparas);
            proctor_coverage_free(cov, n);
        }
    }
    proctor_stats_limits_default(&lim);
    lim.min_sample = 1;
    lim.min_beyond_recall = 50;
    if (proctor_bank_stats(b, NULL, &lim, &st, &err) == 0) {
        size_t types = 0;
        FZ_CHECK(st->nquestions == b->nquestions);
        for (int t = 0; t < PROCTOR_NTYPES; t++)
            types += st->per_type[t];
        FZ_CHECK(types == st->nquestions);
        FZ_CHECK(st->longest_score <= (int64_t)st->nchoice * 1000);
        got = proctor_bank_stats_warnings(st, &lim, warned, &nw);
        FZ_CHECK(got == nw);
        proctor_bank_stats_free(st);
    }
    nw = 0;
    got = proctor_bank_question_warnings(b, NULL, &lim, warned, &nw);
    FZ_CHECK(got == nw);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready, manifest_replaced = 1;
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    const char *files[2] = {NULL, NULL};
    int problems = 0, rc, as_manifest;

    if (!ready) {
        char src[PATH_MAX];
        snprintf(src, sizeof src, "%s/sources", fz_dir());
        if (mkdir(src, 0700) < 0)
            fz_die(src);
        fz_copy("tests/fixtures/bank/sources/memo.txt", fz_path("sources/memo.txt"));
        fz_copy("tests/fixtures/bank/all-types.json", fz_path("all-types.json"));
        ready = 1;
    }
    as_manifest = memmem(data, size, "documents", 9) != NULL;
    if (as_manifest) {
        fz_write(fz_path("sources/manifest.json"), data, size);
        files[0] = fz_path("all-types.json");
        manifest_replaced = 1;
    } else {
        if (manifest_replaced)
            fz_copy("tests/fixtures/bank/sources/manifest.json",
                    fz_path("sources/manifest.json"));
        manifest_replaced = 0;
        fz_write(fz_path("q.json"), data, size);
        files[0] = fz_path("q.json");
    }
    proctor_error_clear(&err);
    rc = proctor_bank_load(fz_dir(), files, diag, &problems, &bank, &err);
    if (rc < 0) {
        FZ_CHECK(bank == NULL && err.code == rc && err.msg[0]);
        return 0;
    }
    FZ_CHECK(bank != NULL && rc == problems);
    if (!as_manifest)
        compare_readers(files, bank, rc);
    walk(bank);
    proctor_bank_free(bank);
    return 0;
}
