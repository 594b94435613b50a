/* SPDX-License-Identifier: ISC */
/* study-internal.h - what the study database's files share (private to libproctor). */
#ifndef PROCTOR_STUDY_INTERNAL_H
#define PROCTOR_STUDY_INTERNAL_H

#include <sqlite3.h>

#include "proctor/study.h"

struct proctor_study {
    sqlite3 *db;
    char *path;
    int version_found; /* PRAGMA user_version when opened */
    int busy_ms;       /* how long a locked database is waited for */
    int pending;       /* db is an empty one in memory: path is made at the first write */
    int brief;         /* opened for a short use: a read may take the database alone */
    int alone;         /* db holds the database alone (EXCLUSIVE locking, no -shm) */
};

/* Makes st->db usable: the empty database in memory while pending, else the file, opened
 * again after proctor_study_release (shared for a write; taken alone for a read when st was
 * opened brief and no other connection has it). 0 or the error. */
int study_ready(struct proctor_study *st, int write, struct proctor_error *err);

/* Makes the study database's file when it is still pending (an empty database in memory
 * since proctor_study_open found no file), and switches st to it; 0 or the error, st left
 * pending then. Every write calls it first. */
int study_made(struct proctor_study *st, struct proctor_error *err);

/* Fills err from SQLite's result code rc for an action (what, e.g. "saving the answer");
 * returns the PROCTOR_E* code: EIO for busy and I/O, EINVAL for a damaged file. */
int study_db_error(struct proctor_study *st, int rc, const char *what, struct proctor_error *err);

/* Runs sql (no results), or prepares one statement; 0 or the error. */
int study_exec(struct proctor_study *st, const char *sql, const char *what,
               struct proctor_error *err);
int study_prepare(struct proctor_study *st, const char *sql, sqlite3_stmt **out,
                  struct proctor_error *err);

/* Rolls back the open transaction, if any. */
void study_rollback(struct proctor_study *st);

/* proctor_study_load, also counting the cards of bank_id whose question is not in bank. */
int study_load(struct proctor_study *st, const struct proctor_bank *bank, const char *bank_id,
               const struct proctor_filter *filter, int64_t due_before,
               struct proctor_study_item **items, size_t *n, size_t *orphans,
               struct proctor_error *err);

#endif
