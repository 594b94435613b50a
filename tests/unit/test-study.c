/* SPDX-License-Identifier: ISC */
/*
 * test-study.c - the study database on the fixture bank: ratings, digests, the schema and
 * its migration, cards and the append-only log, the due queue, resets, statistics, the
 * optimizer's export, damaged and foreign files, a lock held by another process.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/study.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static char dir[] = "/tmp/proctor-test-study-XXXXXX";
static struct proctor_bank *bank;
static char bank_id[PROCTOR_STUDY_BANK_ID_MAX];
static struct proctor_fsrs fsrs;
static const int64_t T0 = 1717232400; /* 2024-06-01 09:00 UTC */

static const char *
path_of(const char *name)
{
    static char p[4][512];
    static int k;
    char *s = p[k++ & 3];
    snprintf(s, 512, "%s/%s", dir, name);
    return s;
}

/* One SQL statement on a side connection; returns the first column of the first row. */
static long long
sql1(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *s;
    long long v = -1;
    if (sqlite3_open(db, &h) != SQLITE_OK)
        return -2;
    if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            v = sqlite3_column_int64(s, 0);
        else if (rc != SQLITE_DONE)
            v = -3;
        sqlite3_finalize(s);
    }
    sqlite3_close(h);
    return v;
}

/* Whether a side connection that never waits reads the log now: 1, or 0 when the
 * database is locked. */
static int
side_reads(const char *db)
{
    sqlite3 *h;
    sqlite3_stmt *s;
    int ok = 0;
    if (sqlite3_open(db, &h) != SQLITE_OK)
        return 0;
    sqlite3_busy_timeout(h, 0);
    if (sqlite3_prepare_v2(h, "SELECT count(*) FROM revlog", -1, &s, NULL) == SQLITE_OK) {
        ok = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
    }
    sqlite3_close(h);
    return ok;
}

static int
exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static struct proctor_study_item *
find(struct proctor_study_item *items, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].q->id, id) == 0)
            return &items[i];
    return NULL;
}

static int
answer(struct proctor_study *st, struct proctor_study_item *it, int rating, int64_t t,
       struct proctor_error *err)
{
    struct proctor_study_review rv = {rating, t * 1000, 0, 4500, NULL, 0};
    return proctor_study_record(st, bank_id, &fsrs, it, &rv, NULL, err);
}

static void
test_ratings(void)
{
    struct proctor_study_answer a = {1000, 1000, 0, 0, 0};
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_GOOD, "right is Good");
    a.certainty = 3;
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_EASY, "right and sure is Easy");
    a.certainty = 2;
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_GOOD, "right and fairly sure is Good");
    a.certainty = 3;
    a.retried = 1;
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_HARD, "right after a retry is Hard, sure "
                                                            "or not");
    a.retried = 0;
    a.variant = 1;
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_HARD, "right with a typo is Hard");
    a.variant = 0;
    a.earned = 500;
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_HARD, "partly right is Hard");
    a.earned = 0;
    CHECK_INT(proctor_study_rating(&a), PROCTOR_FSRS_AGAIN, "wrong is Again, even when sure");
}

static void
test_identities(void)
{
    const struct proctor_question *chair = proctor_bank_find(bank, "chair");
    const struct proctor_question *books = proctor_bank_find(bank, "books");
    struct proctor_question copy = *chair;
    unsigned char a[32], b[32], c[32];

    CHECK_STR(bank_id, "memo", "the fixture bank's id is its one document");
    proctor_study_question_digest(chair, a);
    proctor_study_question_digest(chair, b);
    proctor_study_question_digest(books, c);
    CHECK(memcmp(a, b, 32) == 0 && memcmp(a, c, 32) != 0, "digests: stable, and distinct");
    copy.prompt = (char *)"Who chaired the meeting? (edited)";
    proctor_study_question_digest(&copy, b);
    CHECK(memcmp(a, b, 32) != 0, "an edited prompt changes the digest");
    copy = *chair;
    copy.explain = (char *)"another explanation";
    proctor_study_question_digest(&copy, b);
    CHECK(memcmp(a, b, 32) == 0, "an edited explanation does not (the question is the same)");
}

static void
test_database(void)
{
    struct proctor_study *st = NULL, *st2 = NULL;
    struct proctor_study_item *items = NULL, *it;
    struct proctor_error err;
    struct proctor_study_plan_opts po;
    struct proctor_study_plan plan;
    size_t n = 0, order[16], len, count;
    struct stat sb;
    const char *db = path_of("study.db");

    CHECK_INT(proctor_study_open(db, 1000, &st, &err), 0, "a new study database opens");
    if (!st) {
        printf("#   %s\n", err.msg);
        return;
    }
    CHECK_INT(proctor_study_version_found(st), 0, "it was new");
    CHECK(stat(db, &sb) < 0 && errno == ENOENT, "no file yet: it is made at the first answer");

    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err), 0, "load");
    CHECK_INT(n, 9, "nine studiable questions (the essay is left out)");
    CHECK(find(items, n, "why-library") == NULL, "no essay");
    count = 0;
    for (size_t i = 0; i < n; i++)
        count += items[i].card == 0 && items[i].fc.state == PROCTOR_FSRS_NEW;
    CHECK_INT(count, 9, "all new");

    memset(&po, 0, sizeof po);
    po.now = T0;
    po.day_end = T0 + 19 * 3600;
    po.learn_ahead = 1200;
    po.new_limit = 3;
    len = proctor_study_plan(items, n, &fsrs, &po, order, &plan);
    CHECK(len == 3 && plan.fresh == 3 && plan.fresh_left == 9, "three new questions of nine");
    CHECK(items[order[0]].q->difficulty == 1 && items[order[2]].q->difficulty == 1,
          "the easier first");

    CHECK(stat(db, &sb) < 0 && errno == ENOENT, "nor after loading the queue");
    CHECK_INT(proctor_study_new_since(st, bank_id, T0 - 3600, &count, &err), 0,
              "new since, before any answer");
    CHECK_INT(count, 0, "none");

    it = find(items, n, "chair");
    CHECK_INT(answer(st, it, PROCTOR_FSRS_GOOD, T0, &err), 0, "an answer is recorded");
    CHECK(stat(db, &sb) == 0 && (sb.st_mode & 0777) == 0600, "the file is made, private to the "
                                                             "student (mode %o)",
          (unsigned)(sb.st_mode & 0777));
    CHECK_INT(proctor_study_version_found(st), 0, "and still counts as new");
    CHECK_INT(sql1(db, "PRAGMA user_version"), PROCTOR_STUDY_SCHEMA, "schema version %d",
              PROCTOR_STUDY_SCHEMA);
    CHECK_INT(sql1(db, "PRAGMA application_id"), 0x50524354, "marked as proctor's");
    CHECK_INT(sql1(db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1,
              "in WAL mode");
    CHECK_INT(sql1(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = "
                       "'ok'"),
              1, "intact");
    CHECK_INT(sql1(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('cards', 'revlog', "
                       "'revlog_card', 'cards_due', 'revlog_time', 'revlog_no_update', "
                       "'revlog_no_delete')"),
              7, "with every table, index and trigger of the schema");
    CHECK(it->card > 0 && it->fc.state == PROCTOR_FSRS_LEARNING && it->fc.due == T0 + 600,
          "the card is created, learning, due in 10 min");
    CHECK_INT(sql1(db, "SELECT count(*) FROM revlog"), 1, "one review in the log");
    CHECK_INT(sql1(db, "SELECT duration FROM revlog"), 4500, "with its duration");
    CHECK_INT(sql1(db, "SELECT certainty IS NULL FROM revlog"), 1, "and no certainty asked");
    CHECK_INT(answer(st, it, PROCTOR_FSRS_GOOD, T0 + 300, &err), 0, "a second answer");
    CHECK(it->fc.state == PROCTOR_FSRS_REVIEW && it->fc.reps == 2, "graduates to review");
    {
        struct proctor_study_item *b = find(items, n, "books");
        struct proctor_study_review rv = {PROCTOR_FSRS_AGAIN, (T0 + 10) * 1000, 0, 100, NULL, 2};
        unsigned char dg[32];
        memset(dg, 7, sizeof dg);
        rv.response = dg;
        CHECK_INT(proctor_study_record(st, bank_id, &fsrs, b, &rv, NULL, &err), 0,
                  "Again with a response digest and certainty 2");
        CHECK_INT(sql1(db, "SELECT certainty FROM revlog WHERE rating = 1"), 2,
                  "the certainty is in the log");
        CHECK_INT(sql1(db, "SELECT length(response) FROM revlog WHERE rating = 1"), 32,
                  "and the response digest");
    }
    CHECK_INT(proctor_study_new_since(st, bank_id, T0 - 3600, &count, &err), 0, "new since");
    CHECK_INT(count, 2, "two questions studied for the first time today");

    /* the log is append-only */
    CHECK_INT(sql1(db, "UPDATE revlog SET rating = 4"), -3, "the log refuses updates");
    CHECK_INT(sql1(db, "DELETE FROM revlog"), -3, "and deletes");

    /* a second handle sees what the first committed; both can record */
    proctor_study_items_free(items);
    items = NULL;
    CHECK_INT(proctor_study_open(db, 1000, &st2, &err), 0, "a second handle opens");
    CHECK_INT(proctor_study_load(st2, bank, bank_id, NULL, INT64_MAX, &items, &n, &err), 0, "and loads");
    it = find(items, n, "chair");
    CHECK(it && it->card > 0 && it->fc.reps == 2 && it->fc.state == PROCTOR_FSRS_REVIEW,
          "the card as recorded");
    {
        struct proctor_study_item stale = *it;
        CHECK_INT(answer(st2, it, PROCTOR_FSRS_GOOD, T0 + 3 * 86400, &err), 0,
                  "a review three days later");
        CHECK_INT(answer(st, &stale, PROCTOR_FSRS_HARD, T0 + 3 * 86400 + 60, &err), 0,
                  "and one from a handle that loaded the card before it");
        CHECK_INT(stale.fc.reps, 4, "each review applies to the card as stored (4 reps)");
    }

    /* a lock held by another process: the answer is not recorded, and says why */
    {
        sqlite3 *h;
        struct proctor_study *quick = NULL;
        struct proctor_study_item before;
        it = find(items, n, "lyon");
        before = *it;
        sqlite3_open(db, &h);
        sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        proctor_study_open(db, 50, &quick, &err);
        CHECK_INT(quick ? answer(quick, it, PROCTOR_FSRS_GOOD, T0, &err) : -99, PROCTOR_EIO,
                  "a write while another process holds the lock fails after the timeout");
        CHECK(strstr(err.msg, "locked by another proctor") != NULL, "saying so: %s", err.msg);
        CHECK(memcmp(&before, it, sizeof before) == 0, "and leaves the item as it was");
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(h);
        CHECK_INT(answer(quick, it, PROCTOR_FSRS_GOOD, T0, &err), 0, "once released it works");
        proctor_study_close(quick);
    }

    /* an edited question is flagged; keep and reset */
    {
        struct proctor_question *chair = (struct proctor_question *)proctor_bank_find(bank, "chair");
        char *old = chair->prompt;
        chair->prompt = (char *)"Who chaired the April meeting?";
        proctor_study_items_free(items);
        proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err);
        it = find(items, n, "chair");
        CHECK(proctor_study_changed(it) && it->fc.reps == 4,
              "an edited question is flagged, history kept");
        CHECK_INT(proctor_study_keep(st, bank_id, it->q, &err), 0, "keep");
        proctor_study_items_free(items);
        proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err);
        it = find(items, n, "chair");
        CHECK(!proctor_study_changed(it) && it->fc.reps == 4,
              "keep takes the new digest and the history");
        CHECK_INT(proctor_study_reset(st, bank_id, it->q, (T0 + 4 * 86400) * 1000, &err), 0,
                  "reset");
        proctor_study_items_free(items);
        proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err);
        it = find(items, n, "chair");
        CHECK(it->card > 0 && it->fc.state == PROCTOR_FSRS_NEW && it->fc.reps == 0,
              "reset makes the card new");
        CHECK_INT(sql1(db, "SELECT count(*) FROM revlog WHERE rating = 0"), 1,
                  "the log records the reset");
        CHECK_INT(proctor_study_reset(st, bank_id, proctor_bank_find(bank, "spring"), 0, &err),
                  PROCTOR_ENOTFOUND, "a question never studied has nothing to reset");
        chair->prompt = old;
    }

    /* the optimizer's export: the reviews since each card's last reset */
    {
        size_t rows = 0;
        char *text = NULL;
        FILE *f;
        long size;
        CHECK_INT(proctor_study_export_revlog(st, path_of("revlog.csv"), &rows, &err), 0,
                  "export");
        CHECK_INT(rows, 2, "two reviews: books and lyon (chair was reset)");
        f = fopen(path_of("revlog.csv"), "r");
        if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0) {
            text = calloc(1, (size_t)size + 1);
            rewind(f);
            if (fread(text, 1, (size_t)size, f) != (size_t)size)
                text[0] = '\0';
        }
        if (f)
            fclose(f);
        CHECK(text && strncmp(text, "card_id,review_time,review_rating,review_state,"
                                    "review_duration\n",
                              63) == 0,
              "the FSRS optimizer's header");
        CHECK(text && strstr(text, ",1717232410000,1,0,100\n") != NULL,
              "a row: card, time in ms, rating, state before, duration in ms");
        free(text);
    }

    /* statistics */
    {
        struct proctor_study_stats *s = NULL;
        int64_t day_start = T0 - 9 * 3600 + 4 * 86400;
        CHECK_INT(proctor_study_stats(st, bank, bank_id, &fsrs, T0 + 4 * 86400, day_start, &s,
                                      &err),
                  0, "statistics");
        if (s) {
            CHECK(s->questions == 9 && s->seen == 2, "nine questions, two seen (got %zu, %zu)",
                  s->questions, s->seen);
            CHECK(s->ndocs == 1 && s->docs[0].seen == 2 && s->docs[0].questions == 9,
                  "per document");
            CHECK(s->retrievability > 0 && s->retrievability <= 1, "mean retrievability %.3f",
                  s->retrievability);
            CHECK(s->total_reviews == 6, "six reviews (got %zu)", s->total_reviews);
            CHECK(s->reviews[4] == 4 && s->reviews[1] == 2, "per day: 4 four days ago, 2 one "
                                                            "day ago (got %zu, %zu)",
                  s->reviews[4], s->reviews[1]);
            CHECK(s->retention_reviews == 2 && s->retention_passed == 2,
                  "two reviews of review cards, both passed");
            CHECK(s->nchanged == 1 && strcmp(s->changed[0].q->id, "chair") == 0,
                  "chair is flagged again: the reset took the edited prompt, now undone");
            CHECK(s->nleeches == 0 && s->orphans == 0, "no leeches, no orphans");
        }
        /* the summary's: the same counts, without the changed list and the log's total */
        {
            struct proctor_study_stats *b = NULL;
            CHECK_INT(proctor_study_stats_brief(st, bank, bank_id, &fsrs, T0 + 4 * 86400,
                                                day_start, &b, &err),
                      0, "brief statistics");
            if (s && b) {
                CHECK(b->questions == s->questions && b->seen == s->seen &&
                          b->learning == s->learning && b->mature == s->mature &&
                          memcmp(b->due, s->due, sizeof b->due) == 0 &&
                          memcmp(b->reviews, s->reviews, sizeof b->reviews) == 0 &&
                          b->retention_reviews == s->retention_reviews &&
                          b->retention_passed == s->retention_passed &&
                          b->retrievability == s->retrievability,
                      "brief: the counts, due days, reviews and retention of the full ones");
                CHECK(b->nchanged == 0 && b->total_reviews == 0,
                      "brief: no changed list (no digest), the log not counted (got %zu, %zu)",
                      b->nchanged, b->total_reviews);
            }
            proctor_study_stats_free(b);
        }
        proctor_study_stats_free(s);
    }
    proctor_study_items_free(items);
    proctor_study_close(st2);
    proctor_study_close(st);
}

static void
test_leech_and_queue(void)
{
    struct proctor_study *st = NULL;
    struct proctor_study_item *items = NULL, *it;
    struct proctor_error err;
    struct proctor_study_stats *s = NULL;
    struct proctor_study_plan_opts po;
    struct proctor_study_plan plan;
    size_t n, order[16], len;
    int64_t t = T0;

    proctor_study_open(path_of("leech.db"), 1000, &st, &err);
    proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err);
    it = find(items, n, "vote");
    answer(st, it, PROCTOR_FSRS_EASY, t, &err);
    for (int i = 0; i < 9; i++) {
        t = it->fc.due + 86400;
        answer(st, it, PROCTOR_FSRS_AGAIN, t, &err);
        answer(st, it, PROCTOR_FSRS_GOOD, t + 600, &err);
    }
    CHECK_INT(it->fc.lapses, 9, "nine lapses");
    proctor_study_stats(st, bank, bank_id, &fsrs, t, t - 3600, &s, &err);
    CHECK(s && s->nleeches == 1 && strcmp(s->leeches[0].q->id, "vote") == 0 &&
              s->leeches[0].lapses == 9,
          "a leech");
    proctor_study_stats_free(s);

    /* queue order: learning due now, reviews due today, then new; --more goes ahead */
    {
        struct proctor_study_item *a = find(items, n, "lyon"), *b = find(items, n, "spring");
        answer(st, a, PROCTOR_FSRS_AGAIN, t, &err); /* learning, due in 1 min */
        answer(st, b, PROCTOR_FSRS_EASY, t, &err);  /* review, due in days */
    }
    memset(&po, 0, sizeof po);
    po.now = t + 30;
    po.day_end = t + 3600;
    po.learn_ahead = 1200;
    po.new_limit = 2;
    len = proctor_study_plan(items, n, &fsrs, &po, order, &plan);
    CHECK(len == 3 && strcmp(items[order[0]].q->id, "lyon") == 0 && plan.learning == 1 &&
              plan.fresh == 2,
          "the learning card first, then two new");
    CHECK(plan.due_later == 2 && plan.next_due > po.now, "two cards due later");
    po.limit = 1;
    len = proctor_study_plan(items, n, &fsrs, &po, order, &plan);
    CHECK(len == 1, "--limit 1 keeps one");
    po.limit = 0;
    po.new_limit = 0;
    po.more = 1;
    len = proctor_study_plan(items, n, &fsrs, &po, order, &plan);
    CHECK(len == 1 + 2 + 6 && plan.ahead == 2 && plan.fresh == 6,
          "--more: the not-yet-due cards and the new ones past the day's limit (got %zu)", len);
    /* a load up to a horizon reads only the cards due before it, and marks the others */
    proctor_study_items_free(items);
    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, t + 3600, &items, &n, &err), 0,
              "a load up to a horizon");
    {
        size_t partial = 0, full = 0;
        for (size_t i = 0; i < n; i++) {
            partial += items[i].partial;
            full += items[i].card > 0 && !items[i].partial;
        }
        CHECK(partial == 2 && full == 1, "marks the two cards due later, reads the one due "
                                         "(got %zu, %zu)",
              partial, full);
        CHECK(find(items, n, "spring")->partial && find(items, n, "spring")->card > 0 &&
                  find(items, n, "spring")->fc.stability == 0,
              "a marked card has its id and nothing else");
    }
    memset(&po, 0, sizeof po);
    po.now = t + 30;
    po.day_end = t + 3600;
    po.learn_ahead = 1200;
    po.new_limit = 2;
    len = proctor_study_plan(items, n, &fsrs, &po, order, &plan);
    CHECK(len == 3 && plan.learning == 1 && plan.fresh == 2 && plan.due_later == 2,
          "and the queue is the same as from a full load");
    {
        struct proctor_study_item *every = NULL;
        size_t m = 0, same = 0, due = 0;
        CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &every, &m, &err), 0,
                  "a full load");
        for (size_t i = 0; i < n && m == n; i++) {
            if (items[i].partial || !items[i].card)
                continue;
            due++;
            same += items[i].q == every[i].q && items[i].card == every[i].card &&
                    memcmp(&items[i].fc, &every[i].fc, sizeof items[i].fc) == 0 &&
                    memcmp(items[i].digest, every[i].digest, 32) == 0;
        }
        CHECK(m == n && due == 1 && same == due,
              "a due card read up to a horizon is the card a full load reads");
        proctor_study_items_free(every);
    }
    proctor_study_items_free(items);
    proctor_study_close(st);
}

/* The schema as the first release made it (version 1). */
#define V1_SCHEMA                                                                          \
    "CREATE TABLE cards (id INTEGER PRIMARY KEY, bank TEXT NOT NULL, question TEXT NOT "     \
    "NULL, digest BLOB NOT NULL, state INTEGER NOT NULL, step INTEGER NOT NULL, stability "  \
    "REAL NOT NULL, difficulty REAL NOT NULL, due INTEGER NOT NULL, last_review INTEGER NOT " \
    "NULL, reps INTEGER NOT NULL, lapses INTEGER NOT NULL, reset INTEGER NOT NULL DEFAULT "  \
    "0, UNIQUE (bank, question));"                                                          \
    "CREATE TABLE revlog (id INTEGER PRIMARY KEY, card INTEGER NOT NULL REFERENCES cards "   \
    "(id), time INTEGER NOT NULL, rating INTEGER NOT NULL, state INTEGER NOT NULL, elapsed " \
    "INTEGER NOT NULL, duration INTEGER NOT NULL, response BLOB, certainty INTEGER);"       \
    "CREATE INDEX revlog_card ON revlog (card);"

static void
test_files(void)
{
    struct proctor_study *st = NULL;
    struct proctor_study_item *items = NULL;
    struct proctor_error err;
    size_t n;
    const char *v1 = path_of("v1.db"), *foreign = path_of("foreign.db");
    const char *newer = path_of("newer.db"), *junk = path_of("junk.db");
    sqlite3 *h;
    FILE *f;

    /* a schema-1 database (as the first release made it) migrates and keeps its cards */
    sqlite3_open(v1, &h);
    sqlite3_exec(h,
                 V1_SCHEMA
                 "INSERT INTO cards VALUES (1, 'memo', 'books', zeroblob(32), 2, 0, 12.5, 4.0, "
                 "1717300000, 1717200000, 3, 0, 0);"
                 "INSERT INTO revlog VALUES (1, 1, 1717200000000, 3, 1, 0, 3000, NULL, NULL);"
                 "PRAGMA user_version = 1;",
                 NULL, NULL, NULL);
    sqlite3_close(h);
    CHECK_INT(proctor_study_open(v1, 1000, &st, &err), 0, "a schema-1 database opens");
    CHECK_INT(st ? proctor_study_version_found(st) : -1, 1, "found at version 1");
    CHECK_INT(sql1(v1, "PRAGMA user_version"), 3, "and is migrated to version 3");
    CHECK_INT(sql1(v1, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1,
              "and, made with a rollback journal, is switched to WAL");
    CHECK_INT(sql1(v1, "SELECT count(*) FROM sqlite_master WHERE name IN ('cards_due', "
                       "'revlog_time', 'revlog_no_update', 'revlog_no_delete')"),
              4, "with the indexes and triggers of version 2");
    CHECK_INT(sql1(v1, "SELECT count(*) FROM sqlite_master WHERE name = 'cards_due' AND sql LIKE "
                       "'%due, state, step, stability, difficulty,%question, digest)'"),
              1, "and the (bank, due) index of version 3, holding a due card's columns");
    if (st && proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err) == 0) {
        struct proctor_study_item *it = find(items, n, "books");
        CHECK(it && it->card == 1 && it->fc.stability == 12.5 && it->fc.reps == 3 &&
                  proctor_study_changed(it),
              "its card is kept (and flagged: its digest is not the question's)");
    }
    proctor_study_items_free(items);
    items = NULL;

    /* a damaged card is refused, naming it */
    sql1(v1, "UPDATE cards SET state = 9");
    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err), PROCTOR_EINVAL,
              "a card with state 9 is refused");
    CHECK(strstr(err.msg, "the card of question 'books' is damaged (its state is out of "
                          "range)") != NULL,
          "naming the question: %s", err.msg);
    sql1(v1, "UPDATE cards SET state = 2, stability = -1");
    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err), PROCTOR_EINVAL,
              "a negative stability is refused");
    sql1(v1, "UPDATE cards SET stability = 'x'");
    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err), PROCTOR_EINVAL,
              "text for a stability is refused");
    proctor_study_close(st);
    st = NULL;

    /* a schema-2 database (as wave 2 to 5 made them, in WAL mode) migrates to 3: its cards
     * kept, the due ones read from the new index the same as from the table */
    {
        const char *v2 = path_of("v2.db");
        struct proctor_study_item *due = NULL, *all = NULL, *a, *b;
        size_t nd = 0, na = 0;
        sqlite3_open(v2, &h);
        sqlite3_exec(
            h,
            "PRAGMA journal_mode = WAL;" V1_SCHEMA
            "CREATE INDEX cards_due ON cards (bank, due);"
            "CREATE INDEX revlog_time ON revlog (time);"
            "CREATE TRIGGER revlog_no_update BEFORE UPDATE ON revlog"
            "  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;"
            "CREATE TRIGGER revlog_no_delete BEFORE DELETE ON revlog"
            "  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;"
            "INSERT INTO cards VALUES (1, 'memo', 'books', zeroblob(32), 2, 0, 12.5, 4.0, "
            "1717300000, 1717200000, 3, 0, 0);"
            "INSERT INTO cards VALUES (2, 'memo', 'lyon', randomblob(32), 2, 0, 40.25, 6.5, "
            "1750000000, 1717000000, 5, 1, 0);"
            "INSERT INTO cards VALUES (3, 'memo', 'gone', zeroblob(32), 1, 1, 0.5, 7.0, "
            "1717100000, 1717000000, 1, 0, 0);"
            "INSERT INTO revlog VALUES (1, 1, 1717200000000, 3, 1, 0, 3000, NULL, NULL);"
            "PRAGMA application_id = 1347568468; PRAGMA user_version = 2;",
            NULL, NULL, NULL);
        sqlite3_close(h);
        CHECK_INT(proctor_study_open(v2, 1000, &st, &err), 0, "a schema-2 database opens");
        CHECK_INT(st ? proctor_study_version_found(st) : -1, 2, "found at version 2");
        CHECK_INT(sql1(v2, "PRAGMA user_version"), 3, "and is migrated to version 3");
        CHECK_INT(sql1(v2, "SELECT count(*) FROM sqlite_master WHERE name = 'cards_due' AND "
                           "sql LIKE '%question, digest)'"),
                  1, "its (bank, due) index now holds a due card's columns");
        CHECK_INT(sql1(v2, "SELECT count(*) FROM pragma_integrity_check WHERE "
                           "integrity_check = 'ok'"),
                  1, "intact");
        if (st &&
            proctor_study_load(st, bank, bank_id, NULL, 1717400000, &due, &nd, &err) == 0 &&
            proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &all, &na, &err) == 0) {
            a = find(due, nd, "books");
            b = find(all, na, "books");
            CHECK(a && b && !a->partial && a->card == 1 && a->fc.stability == 12.5 &&
                      a->fc.reps == 3 && memcmp(&a->fc, &b->fc, sizeof a->fc) == 0 &&
                      memcmp(a->digest, b->digest, 32) == 0,
                  "its due card is read in full from the index, as from the table");
            a = find(due, nd, "lyon");
            b = find(all, na, "lyon");
            CHECK(a && b && a->partial && a->card == 2 && !b->partial && b->card == 2 &&
                      b->fc.stability == 40.25 && b->fc.lapses == 1,
                  "a card due later is marked, and read in full by a full load");
        } else {
            CHECK(0, "its cards load: %s", err.msg);
        }
        proctor_study_items_free(due);
        proctor_study_items_free(all);
        proctor_study_close(st);
        st = NULL;
    }

    sqlite3_open(newer, &h);
    sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(h);
    CHECK_INT(proctor_study_open(newer, 1000, &st, &err), PROCTOR_EINVAL,
              "a database from a newer proctor is refused");
    CHECK(strstr(err.msg, "made by a newer proctor") != NULL, "saying so: %s", err.msg);

    sqlite3_open(foreign, &h);
    sqlite3_exec(h, "CREATE TABLE songs (title TEXT)", NULL, NULL, NULL);
    sqlite3_close(h);
    CHECK_INT(proctor_study_open(foreign, 1000, &st, &err), PROCTOR_EINVAL,
              "another program's database is refused");
    CHECK(strstr(err.msg, "not a proctor study database") != NULL, "saying so: %s", err.msg);
    CHECK_INT(sql1(foreign, "SELECT count(*) FROM sqlite_master"), 1, "and left as it was");

    f = fopen(junk, "w");
    if (f) {
        fputs("this is not a database, just a text file that happens to be here\n", f);
        fclose(f);
    }
    CHECK_INT(proctor_study_open(junk, 1000, &st, &err), PROCTOR_EINVAL,
              "a file that is not SQLite is refused as bad data");
    CHECK(st == NULL, "and no handle is returned");
}

/* Marking the cards due later: ids that are prefixes of others ("chair", "chair-name"), and
 * an id that is no question's ("chair-nam", between them) counted apart. */
static void
test_marking(void)
{
    const char *db = path_of("mark.db");
    struct proctor_study *st = NULL;
    struct proctor_study_item *items = NULL, *it;
    struct proctor_error err;
    size_t n = 0;

    CHECK_INT(proctor_study_open(db, 1000, &st, &err), 0, "marking: a new database");
    if (!st)
        return;
    proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err);
    it = find(items, n, "lyon");
    CHECK_INT(it ? answer(st, it, PROCTOR_FSRS_GOOD, T0, &err) : -99, 0, "marking: an answer");
    proctor_study_items_free(items);
    items = NULL;
    proctor_study_close(st);
    st = NULL;
    sql1(db, "INSERT INTO cards (bank, question, digest, state, step, stability, difficulty, "
             "due, last_review, reps, lapses) SELECT 'memo', column1, zeroblob(32), 2, 0, 30, "
             "5, 1900000000, 1717000000, 4, 0 FROM (VALUES ('chair'), ('chair-name'), "
             "('chair-nam'))");
    CHECK_INT(proctor_study_open(db, 1000, &st, &err), 0, "marking: opened again");
    if (!st)
        return;
    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, T0 + 86400, &items, &n, &err), 0,
              "marking: loaded up to a horizon");
    {
        struct proctor_study_item *c = find(items, n, "chair"), *cn = find(items, n, "chair-name");
        CHECK(c && cn && c->partial && cn->partial && c->card > 0 && cn->card > 0 &&
                  c->card != cn->card,
              "a card whose id is a prefix of another's, and that other, are both marked");
    }
    proctor_study_items_free(items);
    items = NULL;
    {
        struct proctor_study_stats *ss = NULL;
        CHECK_INT(proctor_study_stats(st, bank, bank_id, &fsrs, T0, T0 - 3600, &ss, &err), 0,
                  "marking: statistics");
        CHECK(ss && ss->orphans == 1, "the card of no question is an orphan (got %zu)",
              ss ? ss->orphans : 0);
        proctor_study_stats_free(ss);
    }
    proctor_study_close(st);
}

/* A database taken alone (proctor_study_open_brief) and let go (proctor_study_release). */
static void
test_alone(void)
{
    const char *db = path_of("alone.db"), *shm = path_of("alone.db-shm");
    const char *wal = path_of("alone.db-wal");
    struct proctor_study *st = NULL, *st2 = NULL;
    struct proctor_study_item *items = NULL, *it;
    struct proctor_error err;
    struct stat sb;
    size_t n = 0;

    /* a database with one answer, its index removed */
    CHECK_INT(proctor_study_open(db, 1000, &st, &err), 0, "alone: a new database");
    if (!st)
        return;
    proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err);
    it = find(items, n, "lyon");
    CHECK_INT(it ? answer(st, it, PROCTOR_FSRS_GOOD, T0, &err) : -99, 0, "alone: one answer");
    proctor_study_close(st);
    proctor_study_items_free(items);
    items = NULL;
    unlink(shm);
    sql1(db, "PRAGMA user_version = 2"); /* migrated again when opened: found at 2 */

    CHECK_INT(proctor_study_open_brief(db, 1000, &st, &err), 0, "opened brief");
    if (!st)
        return;
    CHECK_INT(proctor_study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &err), 0,
              "and read");
    CHECK(!side_reads(db), "a brief handle has the database alone: another connection waits");
    CHECK(!exists(shm), "and it makes no -shm file (the WAL index is in its memory)");
    proctor_study_release(st);
    CHECK(side_reads(db), "released, another connection reads at once");
    /* a write after the release opens it again, shared */
    it = find(items, n, "lyon");
    CHECK_INT(it ? answer(st, it, PROCTOR_FSRS_GOOD, T0 + 86400, &err) : -99, 0,
              "the handle still records after the release");
    CHECK(side_reads(db) && sql1(db, "SELECT count(*) FROM revlog") == 2,
          "shared again: the answer committed and others read while it is open");
    CHECK(exists(shm), "sharing, SQLite keeps its -shm index");
    CHECK_INT(proctor_study_version_found(st), 2,
              "opened again, it still says the version it first found");
    /* shared at once when another connection has the database */
    {
        sqlite3 *h;
        sqlite3_stmt *s = NULL;
        struct proctor_study_item *items2 = NULL;
        size_t n2 = 0;
        sqlite3_open(db, &h);
        sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
        sqlite3_prepare_v2(h, "SELECT count(*) FROM cards", -1, &s, NULL);
        sqlite3_step(s);
        CHECK_INT(proctor_study_open_brief(db, 1000, &st2, &err), 0,
                  "brief beside a reader: opens");
        CHECK_INT(st2 ? proctor_study_load(st2, bank, bank_id, NULL, INT64_MAX, &items2, &n2,
                                           &err)
                      : -99,
                  0, "and reads");
        CHECK(side_reads(db), "shared: a third connection reads too");
        proctor_study_items_free(items2);
        proctor_study_close(st2);
        st2 = NULL;
        sqlite3_finalize(s);
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(h);
    }
    proctor_study_close(st);
    /* a write while alone (--reset, --keep) commits as a shared one does */
    CHECK_INT(proctor_study_open_brief(db, 1000, &st, &err), 0, "brief again");
    if (!st)
        return;
    it = find(items, n, "lyon");
    CHECK_INT(it ? answer(st, it, PROCTOR_FSRS_AGAIN, T0 + 3 * 86400, &err) : -99, 0,
              "an answer recorded alone");
    CHECK(!side_reads(db), "still alone until closed");
    proctor_study_close(st);
    CHECK(stat(wal, &sb) == 0 && sb.st_size == 0, "closed: its WAL emptied into study.db");
    CHECK_INT(sql1(db, "SELECT count(*) FROM revlog"), 3, "which holds the answer");
    CHECK_INT(sql1(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = "
                       "'ok'"),
              1, "the database is intact");
    proctor_study_items_free(items);
}

static void
test_config(void)
{
    struct proctor_study_config c;
    struct proctor_error err;
    static const char good[] = "# settings\n  weights = w.txt  \nretention=0.85\n"
                               "new-per-day = 5\nmax-interval = 365\n"
                               "learning-steps = 30s, 5m\nrelearning-steps = none\n"
                               "fuzz = off\ncertainty = on\r\n\n";
    memset(&c, 0, sizeof c);
    proctor_fsrs_init(&c.fsrs);
    c.new_per_day = 20;
    CHECK_INT(proctor_study_config_parse(good, strlen(good), "study.conf", &c, &err), 0,
              "a settings file parses");
    CHECK_STR(c.weights, "w.txt", "weights (trimmed)");
    CHECK(c.fsrs.retention == 0.85 && c.new_per_day == 5 && c.fsrs.max_interval == 365,
          "retention, new-per-day, max-interval");
    CHECK(c.fsrs.nlearning == 2 && c.fsrs.learning[0] == 30 && c.fsrs.learning[1] == 300 &&
              c.fsrs.nrelearning == 0,
          "learning and relearning steps");
    CHECK(c.fsrs.fuzz == 0 && c.certainty == 1, "fuzz off, certainty on (CRLF too)");
    CHECK_INT(proctor_study_config_parse("\nfuzz = maybe\n", 14, "study.conf", &c, &err),
              PROCTOR_EINVAL, "fuzz = maybe is refused");
    CHECK(err.line == 2 && err.column == 8 && strstr(err.msg, "expected on or off"),
          "at 2:8: %ld:%ld %s", err.line, err.column, err.msg);
    CHECK_INT(proctor_study_config_parse("retention\n", 10, "study.conf", &c, &err),
              PROCTOR_EINVAL, "a line without '=' is refused");
    CHECK_INT(proctor_study_config_parse("learning-steps = 1m,, 2m", 24, "s", &c, &err),
              PROCTOR_EINVAL, "a bad step is refused");
    CHECK(err.column == 21, "at the column of the step (got %ld)", err.column);
    CHECK_INT(proctor_study_config_parse("new-per-day = 10001", 19, "s", &c, &err),
              PROCTOR_EINVAL, "new-per-day over 10000 is refused");
    CHECK_INT(proctor_study_config_parse("a\0b = 1", 7, "s", &c, &err), PROCTOR_EINVAL,
              "a NUL byte is refused");
}

static void
test_session_append(void)
{
    struct proctor_session *s = NULL;
    struct proctor_filter f;
    struct proctor_error err;
    const char *ids[] = {"roles"};
    memset(&f, 0, sizeof f);
    f.ids = ids;
    f.nids = 1;
    CHECK_INT(proctor_session_new(bank, &f, 0, 5, 0, &s, &err), 0, "a session of one question");
    if (!s)
        return;
    CHECK_INT(proctor_session_append(s, s->q[0], 1), 0, "the question appended");
    CHECK_INT(proctor_session_append(s, proctor_bank_find(bank, "sequence"), 2), 0,
              "and another");
    CHECK(s->n == 3 && s->q[1] == s->q[0] && !s->resp[1].answered && s->answered_at[2] == 0,
          "three questions, the new ones unanswered");
    CHECK(s->perm[1] && s->perm[2], "with their own option orders");
    proctor_session_free(s);
}

int
main(void)
{
    struct proctor_error err;

    if (sodium_init() < 0 || !mkdtemp(dir)) {
        printf("not ok - set up\n");
        return 1;
    }
    if (proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &bank, &err) != 0 ||
        !bank) {
        printf("not ok - the fixture bank loads: %s\n", err.msg);
        return 1;
    }
    proctor_study_bank_id(bank, bank_id, sizeof bank_id);
    proctor_fsrs_init(&fsrs);
    fsrs.fuzz = 0;
    test_ratings();
    test_identities();
    test_config();
    test_session_append();
    test_database();
    test_leech_and_queue();
    test_files();
    test_alone();
    test_marking();
    proctor_bank_free(bank);
    {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            printf("# could not remove %s\n", dir);
    }
    return harness_done();
}
