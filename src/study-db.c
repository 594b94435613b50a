/* SPDX-License-Identifier: ISC */
/* study-db.c - the study database: schema and migrations, cards, recording reviews. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fnv1a.h"
#include "proctor/fileio.h"
#include "proctor/study.h"
#include "study-internal.h"

/* 'PRCT': marks a SQLite file as a proctor study database. */
#define APPLICATION_ID 0x50524354

/*
 * The schema, one step per version: migrations[v] takes a database from version v to v + 1.
 * A step is never edited once released; a change is a new step.
 */
static const char *const migrations[PROCTOR_STUDY_SCHEMA] = {
    /* 0 -> 1: cards and the review log */
    "CREATE TABLE cards ("
    "  id INTEGER PRIMARY KEY,"
    "  bank TEXT NOT NULL,"        /* proctor_study_bank_id */
    "  question TEXT NOT NULL,"    /* the question's id */
    "  digest BLOB NOT NULL,"      /* its content digest when studied (or reset, or kept) */
    "  state INTEGER NOT NULL,"    /* 0 new, 1 learning, 2 review, 3 relearning */
    "  step INTEGER NOT NULL,"     /* learning or relearning step */
    "  stability REAL NOT NULL,"   /* days */
    "  difficulty REAL NOT NULL,"  /* 1..10 */
    "  due INTEGER NOT NULL,"      /* Unix seconds */
    "  last_review INTEGER NOT NULL," /* Unix seconds, 0 while new */
    "  reps INTEGER NOT NULL,"
    "  lapses INTEGER NOT NULL,"
    "  reset INTEGER NOT NULL DEFAULT 0," /* revlog id of the last reset, 0 for none */
    "  UNIQUE (bank, question));"
    "CREATE TABLE revlog ("
    "  id INTEGER PRIMARY KEY,"
    "  card INTEGER NOT NULL REFERENCES cards (id),"
    "  time INTEGER NOT NULL,"     /* Unix milliseconds */
    "  rating INTEGER NOT NULL,"   /* 1 again .. 4 easy; 0 the student reset the card */
    "  state INTEGER NOT NULL,"    /* the card's state before the review */
    "  elapsed INTEGER NOT NULL,"  /* days since the card's previous review */
    "  duration INTEGER NOT NULL," /* milliseconds from the question shown to the answer */
    "  response BLOB,"             /* BLAKE2b-256 of the response's JSON */
    "  certainty INTEGER);"        /* NULL not asked, 1 not sure, 2 fairly sure, 3 sure */
    "CREATE INDEX revlog_card ON revlog (card);",
    /* 1 -> 2: indexes for the due queue and the statistics; the log is append-only */
    "CREATE INDEX cards_due ON cards (bank, due);"
    "CREATE INDEX revlog_time ON revlog (time);"
    "CREATE TRIGGER revlog_no_update BEFORE UPDATE ON revlog"
    "  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;"
    "CREATE TRIGGER revlog_no_delete BEFORE DELETE ON revlog"
    "  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;",
    /* 2 -> 3: the cards due before a time read from the (bank, due) index alone: it holds
     * every column read with a due card, so that they are one range of it and not each a
     * lookup in the table (read_due) */
    "DROP INDEX cards_due;"
    "CREATE INDEX cards_due ON cards (bank, due, state, step, stability, difficulty,"
    "  last_review, reps, lapses, question, digest);",
};

int
study_db_error(struct proctor_study *st, int rc, const char *what, struct proctor_error *err)
{
    int prim = rc & 0xff;
    const char *detail = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);

    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
        return proctor_error_set(err, PROCTOR_EIO, st ? st->path : NULL, 0, 0,
                                 "%s: the study database is locked by another proctor (a study "
                                 "in another terminal?) and stayed locked; nothing was lost, "
                                 "try again",
                                 what);
    if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
        return proctor_error_set(err, PROCTOR_EINVAL, st ? st->path : NULL, 0, 0,
                                 "%s: not a usable study database (%s)", what, detail);
    if (prim == SQLITE_NOMEM)
        return proctor_error_set(err, PROCTOR_ENOMEM, st ? st->path : NULL, 0, 0,
                                 "out of memory");
    return proctor_error_set(err, PROCTOR_EIO, st ? st->path : NULL, 0, 0, "%s: %s", what,
                             detail);
}

int
study_exec(struct proctor_study *st, const char *sql, const char *what, struct proctor_error *err)
{
    int rc;

    if ((rc = study_ready(st, 0, err)) < 0)
        return rc;
    rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : study_db_error(st, rc, what, err);
}

int
study_prepare(struct proctor_study *st, const char *sql, sqlite3_stmt **out,
              struct proctor_error *err)
{
    int rc;

    if ((rc = study_ready(st, 0, err)) < 0)
        return rc;
    rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
    return rc == SQLITE_OK ? 0 : study_db_error(st, rc, "reading the study database", err);
}

void
study_rollback(struct proctor_study *st)
{
    if (st->db && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A single integer from sql (no parameters). */
static int
query_int(struct proctor_study *st, const char *sql, int64_t *out, struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc;

    if ((rc = study_prepare(st, sql, &s, err)) < 0)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_OK ? 0 : study_db_error(st, rc, "reading the study database", err);
}

static int
migrate(struct proctor_study *st, struct proctor_error *err)
{
    int64_t version, appid, tables;
    char sql[64];
    int rc;

    if ((rc = query_int(st, "PRAGMA user_version", &version, err)) < 0)
        return rc;
    st->version_found = (int)version;
    if (version == PROCTOR_STUDY_SCHEMA)
        return 0;
    if (version > PROCTOR_STUDY_SCHEMA || version < 0)
        return proctor_error_set(err, PROCTOR_EINVAL, st->path, 0, 0,
                                 "this study database has schema version %lld, made by a newer "
                                 "proctor (this one knows up to %d)",
                                 (long long)version, PROCTOR_STUDY_SCHEMA);
    if ((rc = study_exec(st, "BEGIN IMMEDIATE", "opening the study database", err)) < 0)
        return rc;
    /* again inside the transaction: another process may have migrated meanwhile */
    if ((rc = query_int(st, "PRAGMA user_version", &version, err)) < 0 ||
        (rc = query_int(st, "PRAGMA application_id", &appid, err)) < 0 ||
        (rc = query_int(st, "SELECT count(*) FROM sqlite_master", &tables, err)) < 0)
        goto fail;
    if ((version == 0 && tables > 0) || (appid != 0 && appid != APPLICATION_ID)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, st->path, 0, 0,
                               "not a proctor study database (it holds other tables)");
        goto fail;
    }
    for (int64_t v = version; v < PROCTOR_STUDY_SCHEMA; v++)
        if ((rc = study_exec(st, migrations[v], "updating the study database", err)) < 0)
            goto fail;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PROCTOR_STUDY_SCHEMA);
    if ((rc = study_exec(st, sql, "updating the study database", err)) < 0)
        goto fail;
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
    if ((rc = study_exec(st, sql, "updating the study database", err)) < 0 ||
        (rc = study_exec(st, "COMMIT", "updating the study database", err)) < 0)
        goto fail;
    return 0;
fail:
    study_rollback(st);
    return rc;
}

/*
 * The file of a pending study database, made whole before anyone can open it: the empty
 * database in memory (the schema, made when it was opened) serialized, its header marked
 * for WAL (the file format's bytes 18 and 19, as PRAGMA journal_mode = WAL sets them), and
 * the image written to a temporary file, fsynced and linked into place, never over a
 * database another proctor made meanwhile. Made in place by SQLite, it cost nine fdatasync
 * calls (a rollback journal to mark the empty file WAL, then the WAL's creation, commit and
 * checkpoint) and, when interrupted, left an empty file; this costs one fsync of the file and
 * one of its directory, and an interrupted run leaves no database (only a temporary file).
 */
static int
write_image(struct proctor_study *st, struct proctor_error *err)
{
    sqlite3_int64 size = 0;
    unsigned char *image = sqlite3_serialize(st->db, "main", &size, 0);
    int rc;

    if (!image || size < 100) {
        sqlite3_free(image);
        return proctor_error_set(err, PROCTOR_ENOMEM, st->path, 0, 0, "out of memory");
    }
    image[18] = image[19] = 2; /* WAL */
    rc = proctor_file_write(st->path, image, (size_t)size, 0600, PROCTOR_WRITE_NOREPLACE, err);
    sqlite3_free(image);
    return rc == PROCTOR_EEXIST ? 0 : rc;
}

/* A file this size or larger is read through a mapping (PRAGMA mmap_size): it saves a copy of
 * every page read when the cards are many; a small file costs less read than mapped (the
 * mapping, its page faults and its unmapping at close). */
#define MMAP_FROM (4 << 20)

/* SQLite's settings for this process, before its first use: no memory statistics (a lock
 * and counters taken at every allocation, which proctor never reads). */
static void
sqlite_setup(void)
{
    static int done;

    if (!done) {
        done = 1;
        (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE once initialized */
    }
}

/*
 * Opens st->path into st->db, creating an empty file when there is none, and migrates it.
 * With alone, a database already in WAL mode is taken alone when no other connection has it
 * open (never waiting for one): SQLite's EXCLUSIVE locking mode, which keeps the WAL index
 * in this process's memory, so that study.db-shm is not opened, truncated, written page by
 * page, mapped and locked over and over at every start-up; the lock is held until the
 * connection closes (proctor_study_release). Otherwise, and when another connection has the
 * database, it is shared as before.
 *
 * The WAL file and its index (path-wal, path-shm) are kept when the database is closed
 * (SQLITE_FCNTL_PERSIST_WAL), the WAL emptied to 0 bytes (journal_size_limit = 0) once its
 * content is checkpointed into the database: SQLite otherwise creates both files at every
 * open and removes them at every close, which cost a study's start-up two file creations,
 * two removals and their inodes' freeing even when it records nothing. What is committed is
 * on disk as before (synchronous = FULL, each commit synced in the WAL); only the two files'
 * lifetime changes.
 */
static int
open_file(struct proctor_study *st, int alone, struct proctor_error *err)
{
    unsigned char head[100];
    struct stat sb;
    int fd, rc, wal = 0, persist = 1;
    off_t size = 0;
    char *mode = NULL;

    /* create it private to the student before SQLite does (SQLite would use 0644) */
    fd = open(st->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return proctor_error_io(err, st->path, "cannot open the study database: %s",
                                strerror(errno));
    /* already WAL (the header's write and read versions, bytes 18 and 19, are 2): the mode
     * is the file's, and setting it again is a statement for nothing */
    if (pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head && head[18] == 2 &&
        head[19] == 2)
        wal = 1;
    if (fstat(fd, &sb) == 0)
        size = sb.st_size;
    close(fd);
    sqlite_setup();
    alone = alone && wal;
    st->alone = 0;
again:
    /* NOMUTEX: a handle is used by one thread, and a mutex per column read is a third of
     * the cost of reading 100 000 cards */
    rc = sqlite3_open_v2(st->path, &st->db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return study_db_error(st, rc, "cannot open the study database", err);
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, alone ? 0 : st->busy_ms);
    if (alone && (rc = study_exec(st, "PRAGMA locking_mode = EXCLUSIVE",
                                  "opening the study database", err)) < 0)
        return rc;
    (void)sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    /* WAL: readers (stats) never block the writer, and a commit is one append; FULL: a
     * committed answer survives a power cut, not only a crash */
    if (!wal) {
        rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, &mode);
        sqlite3_free(mode);
        if (rc != SQLITE_OK)
            return study_db_error(st, rc, "cannot open the study database", err);
    }
    /* the first statement that reads the file (synchronous needs the schema): alone, it
     * takes the lock, or finds another connection and opens again, shared */
    rc = sqlite3_exec(st->db,
                      "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                      "PRAGMA journal_size_limit = 0",
                      NULL, NULL, NULL);
    if (alone && (rc & 0xff) == SQLITE_BUSY) {
        sqlite3_close_v2(st->db);
        st->db = NULL;
        alone = 0;
        goto again;
    }
    if (rc != SQLITE_OK)
        return study_db_error(st, rc, "opening the study database", err);
    st->alone = alone;
    if (alone)
        sqlite3_busy_timeout(st->db, st->busy_ms);
    if ((size >= MMAP_FROM &&
         (rc = study_exec(st, "PRAGMA mmap_size = 268435456", "opening the study database",
                          err)) < 0) ||
        (rc = migrate(st, err)) < 0)
        return rc;
    return 0;
}

/* The empty database of a pending study, in memory, made when it is first read (not at
 * start-up: the queue of a database with no file is every question, new) or written. */
static int
memory_db(struct proctor_study *st, struct proctor_error *err)
{
    int rc;

    sqlite_setup();
    rc = sqlite3_open_v2(":memory:", &st->db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        rc = study_db_error(st, rc, "cannot open the study database", err);
    else {
        sqlite3_extended_result_codes(st->db, 1);
        rc = migrate(st, err);
        st->version_found = 0;
    }
    if (rc < 0) {
        sqlite3_close_v2(st->db);
        st->db = NULL;
    }
    return rc;
}

int
study_made(struct proctor_study *st, struct proctor_error *err)
{
    sqlite3 *mem;
    int rc;

    if (!st->pending)
        return study_ready(st, 1, err);
    if ((!st->db && (rc = memory_db(st, err)) < 0) || (rc = write_image(st, err)) < 0)
        return rc;
    mem = st->db;
    st->db = NULL;
    if ((rc = open_file(st, 0, err)) < 0) {
        sqlite3_close_v2(st->db);
        st->db = mem;
        return rc;
    }
    sqlite3_close_v2(mem);
    st->pending = 0;
    st->version_found = 0; /* new when opened */
    return 0;
}

int
study_ready(struct proctor_study *st, int write, struct proctor_error *err)
{
    int rc, found = st->version_found;

    if (st->db)
        return 0;
    if (st->pending)
        return memory_db(st, err);
    /* opened again after proctor_study_release: the version found is the first opening's */
    if ((rc = open_file(st, st->brief && !write, err)) < 0) {
        sqlite3_close_v2(st->db);
        st->db = NULL;
    }
    st->version_found = found;
    return rc;
}

static int
study_open(const char *path, int busy_ms, int brief, struct proctor_study **out,
           struct proctor_error *err)
{
    struct proctor_study *st;
    struct stat sb;
    int rc;

    *out = NULL;
    st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    }
    st->busy_ms = busy_ms;
    st->brief = brief;
    if (lstat(path, &sb) < 0 && errno == ENOENT) {
        /* no database yet: pending, an empty one (memory_db) until the first answer writes
         * it to path (study_made), so that start-up makes no file, parses no schema and
         * waits for no disk, and a study that records nothing writes nothing */
        st->pending = 1;
        rc = 0;
    } else {
        rc = open_file(st, brief, err);
    }
    if (rc < 0) {
        proctor_study_close(st);
        return rc;
    }
    *out = st;
    return 0;
}

int
proctor_study_open(const char *path, int busy_ms, struct proctor_study **out,
                   struct proctor_error *err)
{
    return study_open(path, busy_ms, 0, out, err);
}

int
proctor_study_open_brief(const char *path, int busy_ms, struct proctor_study **out,
                         struct proctor_error *err)
{
    return study_open(path, busy_ms, 1, out, err);
}

void
proctor_study_release(struct proctor_study *st)
{
    if (st && st->db && st->alone) {
        sqlite3_close_v2(st->db);
        st->db = NULL;
        st->alone = 0;
    }
}

void
proctor_study_close(struct proctor_study *st)
{
    if (!st)
        return;
    if (st->db)
        sqlite3_close_v2(st->db);
    free(st->path);
    free(st);
}

int
proctor_study_version_found(const struct proctor_study *st)
{
    return st->version_found;
}

/* ---- cards ---- */

#define CARD_COLUMNS                                                                       \
    "id, question, digest, state, step, stability, difficulty, due, last_review, reps, lapses"

/*
 * Reads the card at the current row of s (CARD_COLUMNS) into fc, checking it as untrusted
 * data. PROCTOR_EINVAL naming the question when a value is out of range.
 */
static int
read_card(struct proctor_study *st, sqlite3_stmt *s, struct proctor_fsrs_card *fc,
          struct proctor_error *err)
{
    const char *qid = (const char *)sqlite3_column_text(s, 1);
    int64_t state = sqlite3_column_int64(s, 3), step = sqlite3_column_int64(s, 4);
    int64_t reps = sqlite3_column_int64(s, 9), lapses = sqlite3_column_int64(s, 10);
    double sta = sqlite3_column_double(s, 5), dif = sqlite3_column_double(s, 6);
    const char *what = NULL;

    for (int c = 3; c <= 10 && !what; c++) {
        int t = sqlite3_column_type(s, c);
        if (t != SQLITE_INTEGER && !(t == SQLITE_FLOAT && (c == 5 || c == 6)))
            what = "a value of the wrong type";
    }
    if (what)
        ;
    else if (sqlite3_column_type(s, 2) != SQLITE_BLOB || sqlite3_column_bytes(s, 2) != 32)
        what = "its digest";
    else if (state < PROCTOR_FSRS_NEW || state > PROCTOR_FSRS_RELEARNING)
        what = "its state";
    else if (step < 0 || step >= PROCTOR_FSRS_MAX_STEPS)
        what = "its step";
    else if (!isfinite(sta) || sta < 0 || sta > 36500 || (state != 0 && sta <= 0))
        what = "its stability";
    else if (!isfinite(dif) || dif < 0 || dif > 10 || (state != 0 && dif < 1))
        what = "its difficulty";
    else if (reps < 0 || reps > INT32_MAX || lapses < 0 || lapses > INT32_MAX)
        what = "its review count";
    if (what)
        return proctor_error_set(err, PROCTOR_EINVAL, st->path, 0, 0,
                                 "the card of question '%s' is damaged (%s is out of range)",
                                 qid ? qid : "?", what);
    memset(fc, 0, sizeof *fc);
    fc->state = (int)state;
    fc->step = (int)step;
    fc->stability = sta;
    fc->difficulty = dif;
    fc->due = sqlite3_column_int64(s, 7);
    fc->last_review = sqlite3_column_int64(s, 8);
    fc->reps = (int32_t)reps;
    fc->lapses = (int32_t)lapses;
    return 0;
}

/* How many questions ahead the walks through a bank prefetch. */
#define PREFETCH_AHEAD 16

/* The bank's questions by id, for the cards read back: open addressing over FNV-1a, about
 * five times faster than proctor_bank_find's binary search on 100 000 ids. */
struct id_index {
    uint32_t *slot; /* question index + 1; 0 is empty */
    size_t mask;
};

static int
id_index_init(struct id_index *ix, const struct proctor_bank *bank)
{
    size_t size = 16;
    while (size < bank->nquestions * 2)
        size <<= 1;
    ix->mask = size - 1;
    if (!(ix->slot = calloc(size, sizeof *ix->slot)))
        return -1;
    for (size_t i = 0; i < bank->nquestions; i++) {
        size_t k = (size_t)fnv1a(bank->questions[i].id) & ix->mask;
        while (ix->slot[k])
            k = (k + 1) & ix->mask;
        ix->slot[k] = (uint32_t)(i + 1);
    }
    return 0;
}

static const struct proctor_question *
id_index_find(const struct id_index *ix, const struct proctor_bank *bank, const char *id)
{
    for (size_t k = (size_t)fnv1a(id) & ix->mask; ix->slot[k]; k = (k + 1) & ix->mask)
        if (strcmp(bank->questions[ix->slot[k] - 1].id, id) == 0)
            return &bank->questions[ix->slot[k] - 1];
    return NULL;
}

/* A question of the bank, by its index: its id (copied beside, so that a walk in id order
 * need not read the question) and its item (SIZE_MAX when it has none). */
struct qslot {
    const char *id;
    size_t item;
};

/* The cards due before the load's horizon, read in full before the others are marked, and
 * found by row id (open addressing over a small table: a few thousand cards). */
struct due_card {
    int64_t card;
    struct proctor_fsrs_card fc;
    unsigned char digest[32];
};

struct due_set {
    struct due_card *v;
    size_t n, cap;
    uint32_t *slot; /* index + 1; 0 is empty */
    int64_t *key;   /* the card of each slot: a lookup (mostly of cards not in the set) reads
                       these two small arrays and not the cards */
    size_t mask;
};

static size_t
card_hash(int64_t id)
{
    return (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15ULL) >> 29);
}

static const struct due_card *
due_find(const struct due_set *d, int64_t card)
{
    if (!d->slot)
        return NULL;
    for (size_t k = card_hash(card) & d->mask; d->slot[k]; k = (k + 1) & d->mask)
        if (d->key[k] == card)
            return &d->v[d->slot[k] - 1];
    return NULL;
}

static void
due_free(struct due_set *d)
{
    free(d->v);
    free(d->slot);
    free(d->key);
}

/* Reads every card of bank_id due before due_before into d, checking each as untrusted. */
static int
read_due(struct proctor_study *st, const char *bank_id, int64_t due_before, struct due_set *d,
         struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    size_t size = 16;
    int rc;

    if ((rc = study_prepare(st,
                            "SELECT " CARD_COLUMNS " FROM cards WHERE bank = ?1 AND due < ?2",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, due_before);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct due_card *c;
        if (d->n == d->cap) {
            size_t nc = d->cap ? d->cap * 2 : 1024;
            struct due_card *nv = nc <= UINT32_MAX / 2 ? realloc(d->v, nc * sizeof *nv) : NULL;
            if (!nv) {
                sqlite3_finalize(s);
                return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            }
            d->v = nv;
            d->cap = nc;
        }
        c = &d->v[d->n];
        if ((rc = read_card(st, s, &c->fc, err)) < 0) {
            sqlite3_finalize(s);
            return rc;
        }
        c->card = sqlite3_column_int64(s, 0);
        memcpy(c->digest, sqlite3_column_blob(s, 2), 32);
        d->n++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return study_db_error(st, rc, "reading the study database", err);
    while (size < d->n * 2)
        size <<= 1;
    d->mask = size - 1;
    if (!(d->slot = calloc(size, sizeof *d->slot)) || !(d->key = malloc(size * sizeof *d->key)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < d->n; i++) {
        size_t k = card_hash(d->v[i].card) & d->mask;
        while (d->slot[k])
            k = (k + 1) & d->mask;
        d->slot[k] = (uint32_t)(i + 1);
        d->key[k] = d->v[i].card;
    }
    return 0;
}

/*
 * Marks the items of every card of bank_id as studied: the due ones (in d) in full, the
 * others with only card and partial set. The ids come sorted from the (bank, question) index
 * and are merged with the bank's questions sorted by id (ord: their slots in id order, an
 * array read in sequence): two sequential walks instead of a lookup per card. The walk through
 * the bank is bound by memory (each id is a cache miss), so the ids a few steps ahead are
 * prefetched.
 */
static int
mark_studied(struct proctor_study *st, const struct proctor_bank *bank, const char *bank_id,
             struct proctor_study_item *it, const struct qslot *ord, const struct due_set *d,
             size_t *lost, struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    size_t j = 0, nq = bank->nquestions;
    int rc;

    if ((rc = study_prepare(st,
                            "SELECT question, id FROM cards WHERE bank = ?1 ORDER BY question",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *qid = (const char *)sqlite3_column_text(s, 0);
        const struct due_card *due;
        size_t k;
        int c = 1;
        if (!qid) {
            ++*lost;
            continue;
        }
        while (j < nq) {
            if (j + PREFETCH_AHEAD < nq)
                __builtin_prefetch(ord[j + PREFETCH_AHEAD].id);
            if ((c = strcmp(ord[j].id, qid)) >= 0)
                break;
            j++;
        }
        if (c != 0) {
            ++*lost;
            continue;
        }
        if ((k = ord[j].item) == SIZE_MAX)
            continue;
        /* at most one card per question: UNIQUE (bank, question) */
        it[k].card = sqlite3_column_int64(s, 1);
        if ((due = due_find(d, it[k].card))) {
            it[k].fc = due->fc;
            memcpy(it[k].digest, due->digest, 32);
        } else {
            it[k].partial = 1;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : study_db_error(st, rc, "reading the study database", err);
}

int
study_load(struct proctor_study *st, const struct proctor_bank *bank, const char *bank_id,
           const struct proctor_filter *filter, int64_t due_before,
           struct proctor_study_item **items, size_t *n, size_t *orphans,
           struct proctor_error *err)
{
    int all = due_before == INT64_MAX || !bank->byid;
    struct proctor_study_item *it = NULL;
    struct id_index ix = {NULL, 0};
    struct due_set due = {NULL, 0, 0, NULL, NULL, 0};
    struct qslot *slot = NULL, *ord = NULL;
    size_t count = 0, lost = 0;
    sqlite3_stmt *s = NULL;
    int rc, txn = 0;

    *items = NULL;
    *n = 0;
    it = calloc(bank->nquestions ? bank->nquestions : 1, sizeof *it);
    slot = malloc((bank->nquestions ? bank->nquestions : 1) * sizeof *slot);
    if (!it || !slot || (all && id_index_init(&ix, bank) < 0)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        if (i + PREFETCH_AHEAD < bank->nquestions)
            __builtin_prefetch(&bank->questions[i + PREFETCH_AHEAD]);
        slot[i] = (struct qslot){q->id, SIZE_MAX};
        if (q->type == PROCTOR_ESSAY || !proctor_filter_match(filter, q))
            continue;
        slot[i].item = count;
        it[count++].q = q;
    }
    if (st->pending)
        goto done; /* nothing stored yet: every question new */
    if ((rc = study_ready(st, 0, err)) < 0)
        goto fail;
    if (!all) {
        /* only the due cards in full: through the (bank, due) index, then every card's id
         * from the (bank, question) index to mark the others; in one read transaction, so
         * that the due cards are among those marked */
        if (sqlite3_get_autocommit(st->db)) {
            if ((rc = study_exec(st, "BEGIN", "reading the study database", err)) < 0)
                goto fail;
            txn = 1;
        }
        if ((rc = read_due(st, bank_id, due_before, &due, err)) < 0)
            goto fail;
        /* the slots in id order, for the merge (the random reads here are independent of
         * each other, which the merge's are not) */
        if (!(ord = malloc((bank->nquestions ? bank->nquestions : 1) * sizeof *ord))) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto fail;
        }
        for (size_t j = 0; j < bank->nquestions; j++)
            ord[j] = slot[bank->byid[j] - bank->questions];
        if ((rc = mark_studied(st, bank, bank_id, it, ord, &due, &lost, err)) < 0)
            goto fail;
        goto done;
    }
    /* every card: a table scan (through an index, every card is a random read, 8 times
     * slower for 100 000 cards, and a database rarely holds more than a bank or two) */
    if ((rc = study_prepare(st, "SELECT " CARD_COLUMNS " FROM cards NOT INDEXED WHERE bank = ?1",
                            &s, err)) < 0)
        goto fail;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *qid = (const char *)sqlite3_column_text(s, 1);
        const struct proctor_question *q = NULL;
        struct proctor_study_item *x;
        if (!qid || !(q = id_index_find(&ix, bank, qid))) {
            lost++;
            continue;
        }
        if (slot[q - bank->questions].item == SIZE_MAX)
            continue;
        x = &it[slot[q - bank->questions].item];
        if ((rc = read_card(st, s, &x->fc, err)) < 0)
            goto fail;
        x->card = sqlite3_column_int64(s, 0);
        x->partial = 0;
        memcpy(x->digest, sqlite3_column_blob(s, 2), 32);
    }
    if (rc != SQLITE_DONE) {
        rc = study_db_error(st, rc, "reading the study database", err);
        goto fail;
    }
    sqlite3_finalize(s);
done:
    if (txn)
        study_rollback(st);
    free(slot);
    free(ord);
    free(ix.slot);
    due_free(&due);
    *items = it;
    *n = count;
    if (orphans)
        *orphans = lost;
    return 0;
fail:
    sqlite3_finalize(s);
    if (txn)
        study_rollback(st);
    free(slot);
    free(ord);
    free(ix.slot);
    due_free(&due);
    free(it);
    return rc;
}

int
proctor_study_load(struct proctor_study *st, const struct proctor_bank *bank,
                   const char *bank_id, const struct proctor_filter *filter, int64_t due_before,
                   struct proctor_study_item **items, size_t *n, struct proctor_error *err)
{
    return study_load(st, bank, bank_id, filter, due_before, items, n, NULL, err);
}

int
proctor_study_changed(const struct proctor_study_item *it)
{
    unsigned char digest[32];
    if (it->card == 0 || it->partial)
        return 0;
    /* computed when asked: a digest per card would cost more than the rest of the queue */
    proctor_study_question_digest(it->q, digest);
    return memcmp(digest, it->digest, 32) != 0;
}

void
proctor_study_items_free(struct proctor_study_item *items)
{
    free(items);
}

int
proctor_study_new_since(struct proctor_study *st, const char *bank_id, int64_t since,
                        size_t *count, struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc;

    *count = 0;
    if (st->pending)
        return 0; /* nothing stored yet */
    if ((rc = study_prepare(st,
                            /* CROSS JOIN: from the recent reviews (revlog_time), not from
                             * every card's whole log */
                            "SELECT count(DISTINCT r.card) FROM revlog r CROSS JOIN cards c "
                            "ON c.id = r.card WHERE c.bank = ?1 AND r.time >= ?2 AND "
                            "r.state = 0 AND r.rating > 0",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, since * 1000);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = (size_t)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : study_db_error(st, rc, "reading the study database", err);
}

/* ---- recording ---- */

/* The card of it as stored now (another study may have reviewed it since it was loaded):
 * fills fc and *card, or leaves them when the question has no card yet. */
static int
current_card(struct proctor_study *st, const char *bank_id, const struct proctor_question *q,
             int64_t *card, struct proctor_fsrs_card *fc, struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc;

    if ((rc = study_prepare(st,
                            "SELECT " CARD_COLUMNS " FROM cards WHERE bank = ?1 AND question = ?2",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, q->id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        rc = read_card(st, s, fc, err);
        if (rc == 0)
            *card = sqlite3_column_int64(s, 0);
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = study_db_error(st, rc, "reading the study database", err);
    }
    sqlite3_finalize(s);
    return rc;
}

static int
insert_card(struct proctor_study *st, const char *bank_id, const struct proctor_question *q,
            int64_t *card, struct proctor_error *err)
{
    unsigned char digest[32];
    sqlite3_stmt *s = NULL;
    int rc;

    proctor_study_question_digest(q, digest);
    if ((rc = study_prepare(st,
                            "INSERT INTO cards (bank, question, digest, state, step, stability, "
                            "difficulty, due, last_review, reps, lapses) VALUES "
                            "(?1, ?2, ?3, 0, 0, 0, 0, 0, 0, 0, 0)",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, q->id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, digest, 32, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return study_db_error(st, rc, "saving the answer", err);
    *card = sqlite3_last_insert_rowid(st->db);
    return 0;
}

static int
update_card(struct proctor_study *st, int64_t card, const struct proctor_fsrs_card *fc,
            struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc;

    if ((rc = study_prepare(st,
                            "UPDATE cards SET state = ?2, step = ?3, stability = ?4, "
                            "difficulty = ?5, due = ?6, last_review = ?7, reps = ?8, lapses = ?9 "
                            "WHERE id = ?1",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int(s, 2, fc->state);
    sqlite3_bind_int(s, 3, fc->step);
    sqlite3_bind_double(s, 4, fc->stability);
    sqlite3_bind_double(s, 5, fc->difficulty);
    sqlite3_bind_int64(s, 6, fc->due);
    sqlite3_bind_int64(s, 7, fc->last_review);
    sqlite3_bind_int(s, 8, fc->reps);
    sqlite3_bind_int(s, 9, fc->lapses);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : study_db_error(st, rc, "saving the answer", err);
}

static int
append_log(struct proctor_study *st, int64_t card, int64_t time_ms, int rating, int state,
           int64_t elapsed, int64_t duration_ms, const unsigned char *response, int certainty,
           int64_t *id, struct proctor_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc;

    if ((rc = study_prepare(st,
                            "INSERT INTO revlog (card, time, rating, state, elapsed, duration, "
                            "response, certainty) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_int64(s, 2, time_ms);
    sqlite3_bind_int(s, 3, rating);
    sqlite3_bind_int(s, 4, state);
    sqlite3_bind_int64(s, 5, elapsed);
    sqlite3_bind_int64(s, 6, duration_ms < 0 ? 0 : duration_ms);
    if (response)
        sqlite3_bind_blob(s, 7, response, 32, SQLITE_STATIC);
    if (certainty > 0)
        sqlite3_bind_int(s, 8, certainty);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return study_db_error(st, rc, "saving the answer", err);
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

/* Whole days between two times, counted in days that begin at day_offset seconds past
 * midnight UTC (a time zone's offset less the hour the study day starts). */
static int64_t
day_of(int64_t t, int64_t day_offset)
{
    int64_t x = t + day_offset;
    return x >= 0 ? x / 86400 : -((-x + 86399) / 86400);
}

int
proctor_study_record(struct proctor_study *st, const char *bank_id,
                     const struct proctor_fsrs *f, struct proctor_study_item *it,
                     const struct proctor_study_review *rv, struct proctor_fsrs_outcome *o,
                     struct proctor_error *err)
{
    struct proctor_fsrs_card fc = it->fc;
    struct proctor_fsrs_outcome out;
    int64_t card = 0, now = rv->time_ms / 1000, elapsed = 0;
    int rc;

    if (rv->rating < 1 || rv->rating > 4)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "rating %d out of range",
                                 rv->rating);
    if ((rc = study_made(st, err)) < 0 ||
        (rc = study_exec(st, "BEGIN IMMEDIATE", "saving the answer", err)) < 0)
        return rc;
    if ((rc = current_card(st, bank_id, it->q, &card, &fc, err)) < 0)
        goto fail;
    if (card == 0) {
        memset(&fc, 0, sizeof fc);
        if ((rc = insert_card(st, bank_id, it->q, &card, err)) < 0)
            goto fail;
    }
    if (fc.state != PROCTOR_FSRS_NEW) {
        elapsed = day_of(now, rv->day_offset) - day_of(fc.last_review, rv->day_offset);
        if (elapsed < 0)
            elapsed = 0;
    }
    if ((rc = proctor_fsrs_review(f, &fc, now, elapsed, rv->rating,
                                  proctor_fsrs_fuzz_seed(it->q->id, (uint32_t)fc.reps), &out)) <
        0) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, st->path, 0, 0,
                               "the card of question '%s' cannot be scheduled", it->q->id);
        goto fail;
    }
    if ((rc = update_card(st, card, &fc, err)) < 0 ||
        (rc = append_log(st, card, rv->time_ms, rv->rating, out.state_before, elapsed,
                         rv->duration_ms, rv->response, rv->certainty, NULL, err)) < 0 ||
        (rc = study_exec(st, "COMMIT", "saving the answer", err)) < 0)
        goto fail;
    it->card = card;
    it->fc = fc;
    if (o)
        *o = out;
    return 0;
fail:
    study_rollback(st);
    return rc;
}

int
proctor_study_reset(struct proctor_study *st, const char *bank_id,
                    const struct proctor_question *q, int64_t time_ms, struct proctor_error *err)
{
    struct proctor_fsrs_card fc;
    unsigned char digest[32];
    sqlite3_stmt *s = NULL;
    int64_t card = 0, logid = 0;
    int rc;

    memset(&fc, 0, sizeof fc);
    if ((rc = study_made(st, err)) < 0 ||
        (rc = study_exec(st, "BEGIN IMMEDIATE", "resetting the card", err)) < 0)
        return rc;
    if ((rc = current_card(st, bank_id, q, &card, &fc, err)) < 0)
        goto fail;
    if (card == 0) {
        rc = proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                               "question '%s' has not been studied: nothing to reset", q->id);
        goto fail;
    }
    if ((rc = append_log(st, card, time_ms, 0, fc.state, 0, 0, NULL, 0, &logid, err)) < 0)
        goto fail;
    proctor_study_question_digest(q, digest);
    if ((rc = study_prepare(st,
                            "UPDATE cards SET digest = ?2, state = 0, step = 0, stability = 0, "
                            "difficulty = 0, due = 0, last_review = 0, reps = 0, lapses = 0, "
                            "reset = ?3 WHERE id = ?1",
                            &s, err)) < 0)
        goto fail;
    sqlite3_bind_int64(s, 1, card);
    sqlite3_bind_blob(s, 2, digest, 32, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, logid);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        rc = study_db_error(st, rc, "resetting the card", err);
        goto fail;
    }
    if ((rc = study_exec(st, "COMMIT", "resetting the card", err)) < 0)
        goto fail;
    return 0;
fail:
    study_rollback(st);
    return rc;
}

int
proctor_study_keep(struct proctor_study *st, const char *bank_id,
                   const struct proctor_question *q, struct proctor_error *err)
{
    unsigned char digest[32];
    sqlite3_stmt *s = NULL;
    int rc;

    if ((rc = study_made(st, err)) < 0)
        return rc;
    proctor_study_question_digest(q, digest);
    if ((rc = study_prepare(st, "UPDATE cards SET digest = ?3 WHERE bank = ?1 AND question = ?2",
                            &s, err)) < 0)
        return rc;
    sqlite3_bind_text(s, 1, bank_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, q->id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, digest, 32, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return study_db_error(st, rc, "updating the card", err);
    if (sqlite3_changes(st->db) == 0)
        return proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                                 "question '%s' has not been studied: nothing to keep", q->id);
    return 0;
}
