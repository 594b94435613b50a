/* SPDX-License-Identifier: ISC */
/*
 * study-bench.c - the study benchmarks of bench/study.sh, on libproctor.
 *
 *   study-bench make BANK DB CARDS REVIEWS   writes a study database for the first CARDS
 *       questions of BANK with about REVIEWS reviews in all: each card first studied some
 *       day in the past and reviewed with FSRS-6 whenever it fell due up to yesterday, the
 *       first days drawn so that the reviews come to REVIEWS (one transaction; cards carry
 *       their questions' digests)
 *   study-bench queue BANK DB RUNS           times building the due queue as `proctor study`
 *       does before its first question (open the database, read every card of the bank,
 *       count today's new ones, order the queue); prints the median and p90 in ms
 *   study-bench steps N                      FSRS-6 reviews per second (proctor_fsrs_review)
 *   study-bench record DB N                  answers recorded per second, each committed
 *
 * Output: "name value" pairs on one line, for bench/lib.sh's field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>
#include <sqlite3.h>

#include "proctor/bank.h"
#include "proctor/study.h"
#include "study-internal.h" /* study_made: the file of a new database */

#define NOW 1717405200 /* 2024-06-03 09:00 UTC */

static double
ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct proctor_bank *
load_bank(const char *dir)
{
    struct proctor_bank *b = NULL;
    struct proctor_error err;
    if (proctor_bank_load_flags(dir, NULL, PROCTOR_BANK_NO_DIGEST, NULL, NULL, &b, &err) != 0 ||
        !b) {
        fprintf(stderr, "study-bench: %s: %s\n", dir, err.msg);
        exit(1);
    }
    return b;
}

static void
die_sql(sqlite3 *db, const char *what)
{
    fprintf(stderr, "study-bench: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

/* The number of reviews a card gets when first studied t seconds before NOW and reviewed
 * whenever due (the pattern of make_db, without its randomness in ratings: all Good but one
 * lapse in ten). */
static long
reviews_span(long cards, long reviews)
{
    struct proctor_fsrs f;
    double want = (double)reviews / (double)cards;
    long lo = 30, hi = 36500;
    proctor_fsrs_init(&f);
    while (lo < hi) {
        long mid = (lo + hi) / 2, total = 0;
        uint64_t rnd = 7;
        for (int k = 0; k < 2000; k++) {
            struct proctor_fsrs_card c;
            int64_t t;
            memset(&c, 0, sizeof c);
            rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
            t = NOW - (int64_t)((rnd >> 16) % (uint64_t)(mid * 86400L));
            for (int n = 0; n < 64 && (c.state == 0 || c.due < NOW - 43200); n++) {
                int rating;
                rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
                rating = (rnd >> 33) % 10 == 0 ? 1 : (rnd >> 40) % 5 == 0 ? 2 : 3;
                proctor_fsrs_review(&f, &c, t, c.state ? (t - c.last_review) / 86400 : 0,
                                    rating, proctor_fsrs_fuzz_seed("q", (uint32_t)c.reps), NULL);
                total++;
                t = c.due + (int64_t)((rnd >> 24) % 3600);
            }
        }
        if ((double)total / 2000.0 < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int
make_db(const char *bankdir, const char *path, long cards, long reviews)
{
    struct proctor_bank *bank = load_bank(bankdir);
    struct proctor_study *st = NULL;
    struct proctor_error err;
    struct proctor_fsrs f;
    sqlite3 *db;
    sqlite3_stmt *ic, *ir;
    char bank_id[PROCTOR_STUDY_BANK_ID_MAX];
    long done = 0, made = 0;
    uint64_t rnd = 42;
    /* how far back first studies go: chosen (by a first pass) for reviews / cards a card */
    long span_days = reviews_span(cards, reviews);

    /* the schema, made by the library (a new database is pending until its first write:
     * study_made writes its file as the first answer would) */
    if (proctor_study_open(path, 1000, &st, &err) < 0 || study_made(st, &err) < 0) {
        fprintf(stderr, "study-bench: %s\n", err.msg);
        return 1;
    }
    proctor_study_close(st);
    proctor_study_bank_id(bank, bank_id, sizeof bank_id);
    proctor_fsrs_init(&f);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die_sql(db, path);
    if (sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO cards (bank, question, digest, state, step, stability, "
                           "difficulty, due, last_review, reps, lapses) VALUES "
                           "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &ic, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO revlog (card, time, rating, state, elapsed, duration, "
                           "response, certainty) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
                           -1, &ir, NULL) != SQLITE_OK)
        die_sql(db, "preparing");
    for (size_t i = 0; i < bank->nquestions && made < cards; i++) {
        const struct proctor_question *q = &bank->questions[i];
        struct proctor_fsrs_card c;
        unsigned char digest[32], resp[32];
        long n;
        int64_t t, card;
        struct {
            int64_t t;
            int rating, state, elapsed;
        } log[64];
        if (q->type == PROCTOR_ESSAY)
            continue;
        memset(&c, 0, sizeof c);
        /* a student who has kept up: the card was first studied some time ago and reviewed
         * whenever it fell due, up to yesterday; one review in ten is a lapse, one in five
         * Hard. Its first study is drawn so that the reviews average out to the count asked. */
        rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
        t = NOW - (int64_t)((rnd >> 16) % (uint64_t)(span_days * 86400L));
        n = 0;
        while (n < 64 && (c.state == PROCTOR_FSRS_NEW || c.due < NOW - 43200)) {
            struct proctor_fsrs_outcome o;
            int rating;
            int64_t elapsed = c.state ? (t - c.last_review) / 86400 : 0;
            rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
            rating = (rnd >> 33) % 10 == 0 ? 1 : (rnd >> 40) % 5 == 0 ? 2 : 3;
            log[n].t = t;
            log[n].rating = rating;
            log[n].state = c.state;
            log[n].elapsed = (int)elapsed;
            proctor_fsrs_review(&f, &c, t, elapsed, rating, proctor_fsrs_fuzz_seed(q->id, c.reps),
                                &o);
            n++;
            t = c.due + (int64_t)((rnd >> 24) % 3600); /* reviewed within the hour it fell due */
        }
        proctor_study_question_digest(q, digest);
        sqlite3_bind_text(ic, 1, bank_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ic, 2, q->id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(ic, 3, digest, 32, SQLITE_STATIC);
        sqlite3_bind_int(ic, 4, c.state);
        sqlite3_bind_int(ic, 5, c.step);
        sqlite3_bind_double(ic, 6, c.stability);
        sqlite3_bind_double(ic, 7, c.difficulty);
        sqlite3_bind_int64(ic, 8, c.due);
        sqlite3_bind_int64(ic, 9, c.last_review);
        sqlite3_bind_int(ic, 10, c.reps);
        sqlite3_bind_int(ic, 11, c.lapses);
        if (sqlite3_step(ic) != SQLITE_DONE)
            die_sql(db, "inserting a card");
        sqlite3_reset(ic);
        card = sqlite3_last_insert_rowid(db);
        for (long k = 0; k < n; k++) {
            crypto_generichash(resp, 32, (const unsigned char *)&log[k], sizeof log[k], NULL, 0);
            sqlite3_bind_int64(ir, 1, card);
            sqlite3_bind_int64(ir, 2, log[k].t * 1000);
            sqlite3_bind_int(ir, 3, log[k].rating);
            sqlite3_bind_int(ir, 4, log[k].state);
            sqlite3_bind_int(ir, 5, log[k].elapsed);
            sqlite3_bind_int(ir, 6, 3000 + (int)(rnd % 20000));
            sqlite3_bind_blob(ir, 7, resp, 32, SQLITE_TRANSIENT);
            if (sqlite3_step(ir) != SQLITE_DONE)
                die_sql(db, "inserting a review");
            sqlite3_reset(ir);
        }
        done += n;
        made++;
    }
    sqlite3_finalize(ic);
    sqlite3_finalize(ir);
    if (sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) !=
        SQLITE_OK)
        die_sql(db, "committing");
    sqlite3_close(db);
    printf("cards %ld reviews %ld span_days %ld\n", made, done, span_days);
    proctor_bank_free(bank);
    return 0;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int
queue(const char *bankdir, const char *path, int runs)
{
    struct proctor_bank *bank = load_bank(bankdir);
    double *t = calloc((size_t)runs, sizeof *t), *c = calloc((size_t)runs, sizeof *c);
    char bank_id[PROCTOR_STUDY_BANK_ID_MAX];
    size_t len = 0, n = 0, due = 0;
    struct proctor_fsrs f;

    proctor_fsrs_init(&f);
    proctor_study_bank_id(bank, bank_id, sizeof bank_id);
    for (int r = 0; r < runs; r++) {
        struct proctor_study *st = NULL;
        struct proctor_study_item *items = NULL;
        struct proctor_study_plan_opts po = {NOW, NOW + 15 * 3600, 1200, 20, 0, 0};
        struct proctor_study_plan p;
        struct proctor_error err;
        size_t fresh = 0, *order;
        double t0 = ms_now(), c0 = cpu_ms();
        if (proctor_study_open(path, 1000, &st, &err) < 0 ||
            proctor_study_load(st, bank, bank_id, NULL, NOW + 15 * 3600, &items, &n, &err) < 0 ||
            proctor_study_new_since(st, bank_id, NOW - 5 * 3600, &fresh, &err) < 0) {
            fprintf(stderr, "study-bench: %s\n", err.msg);
            return 1;
        }
        order = malloc(n * sizeof *order);
        len = proctor_study_plan(items, n, &f, &po, order, &p);
        due = p.review + p.learning;
        t[r] = ms_now() - t0;
        c[r] = cpu_ms() - c0;
        free(order);
        proctor_study_items_free(items);
        proctor_study_close(st);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    qsort(c, (size_t)runs, sizeof *c, cmp_double);
    printf("median_ms %.2f p90_ms %.2f cpu_median_ms %.2f items %zu queue %zu due %zu\n",
           t[runs / 2], t[(runs * 9 + 9) / 10 - 1], c[runs / 2], n, len, due);
    free(t);
    free(c);
    proctor_bank_free(bank);
    return 0;
}

static int
steps(long n)
{
    struct proctor_fsrs f;
    struct proctor_fsrs_card c;
    struct proctor_fsrs_outcome o;
    double t0, ms;
    int64_t t = NOW;
    long sum = 0;

    proctor_fsrs_init(&f);
    memset(&c, 0, sizeof c);
    t0 = ms_now();
    for (long i = 0; i < n; i++) {
        int rating = i % 7 == 0 ? 1 : 3;
        if (i % 50 == 0)
            memset(&c, 0, sizeof c);
        proctor_fsrs_review(&f, &c, t, c.state ? (t - c.last_review) / 86400 : 0, rating,
                            proctor_fsrs_fuzz_seed("q-0000001", (uint32_t)c.reps), &o);
        t = c.due;
        sum += o.days;
    }
    ms = ms_now() - t0;
    printf("steps_per_s %.0f ns_per_step %.1f check %ld\n", n / (ms / 1e3), ms * 1e6 / n, sum);
    return 0;
}

static int
record(const char *bankdir, const char *path, long n)
{
    struct proctor_bank *bank = load_bank(bankdir);
    struct proctor_study *st = NULL;
    struct proctor_study_item *items = NULL;
    struct proctor_error err;
    struct proctor_fsrs f;
    char bank_id[PROCTOR_STUDY_BANK_ID_MAX];
    size_t count = 0;
    double t0, ms;

    proctor_fsrs_init(&f);
    proctor_study_bank_id(bank, bank_id, sizeof bank_id);
    if (proctor_study_open(path, 1000, &st, &err) < 0 ||
        proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &count, &err) < 0 || count == 0) {
        fprintf(stderr, "study-bench: %s\n", err.msg);
        return 1;
    }
    t0 = ms_now();
    for (long i = 0; i < n; i++) {
        struct proctor_study_review rv = {3, (NOW + i) * 1000LL, 0, 2000, NULL, 0};
        if (proctor_study_record(st, bank_id, &f, &items[(size_t)i % count], &rv, NULL, &err) <
            0) {
            fprintf(stderr, "study-bench: %s\n", err.msg);
            return 1;
        }
    }
    ms = ms_now() - t0;
    printf("answers_per_s %.0f ms_per_answer %.2f\n", n / (ms / 1e3), ms / n);
    proctor_study_items_free(items);
    proctor_study_close(st);
    proctor_bank_free(bank);
    return 0;
}

int
main(int argc, char **argv)
{
    if (sodium_init() < 0)
        return 1;
    if (argc == 6 && strcmp(argv[1], "make") == 0)
        return make_db(argv[2], argv[3], atol(argv[4]), atol(argv[5]));
    if (argc == 5 && strcmp(argv[1], "queue") == 0)
        return queue(argv[2], argv[3], atoi(argv[4]) > 0 ? atoi(argv[4]) : 1);
    if (argc == 3 && strcmp(argv[1], "steps") == 0)
        return steps(atol(argv[2]));
    if (argc == 5 && strcmp(argv[1], "record") == 0)
        return record(argv[2], argv[3], atol(argv[4]));
    fprintf(stderr, "usage: study-bench make BANK DB CARDS REVIEWS | queue BANK DB RUNS | "
                    "steps N | record BANK DB N\n");
    return 2;
}
