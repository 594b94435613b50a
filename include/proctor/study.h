/* SPDX-License-Identifier: ISC */
/*
 * study.h - a student's study database: one SQLite file holding a card per question studied
 * (its FSRS-6 state) and an append-only log of every review; the queue of what is due; the
 * statistics a student sees; the review log in the FSRS optimizer's schema; and the rating a
 * graded answer earns.
 *
 * Rule: proctor_study_open returns an owned handle, closed with proctor_study_close. Items
 * and statistics are owned by the caller (proctor_study_items_free, proctor_study_stats_free);
 * the questions and documents they point to are borrowed from the bank, which must outlive
 * them. Every function that writes commits before it returns, so what it recorded survives a
 * crash the moment it returns. Times are Unix seconds unless a name says _ms. Nothing here
 * reads the clock: callers pass the time. The schema is in docs/STUDY.md.
 */
#ifndef PROCTOR_STUDY_H
#define PROCTOR_STUDY_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/bank.h"
#include "proctor/error.h"
#include "proctor/fsrs.h"
#include "proctor/grade.h"
#include "proctor/session.h"

#define PROCTOR_STUDY_SCHEMA 3        /* PRAGMA user_version of a current database */
#define PROCTOR_STUDY_LEECH 8         /* lapses that make a leech */
#define PROCTOR_STUDY_MATURE 21       /* days of interval that make a card mature */
#define PROCTOR_STUDY_DAYS 30         /* days of forecast and of history in the statistics */
#define PROCTOR_STUDY_BANK_ID_MAX 256 /* bytes of a bank id, with its NUL */

/* ---- ratings ---- */

/* What the grading of one answer says, for the rating it earns. */
struct proctor_study_answer {
    int64_t earned, max; /* points, thousandths */
    int retried;         /* the question was answered wrongly before in this session */
    int variant;         /* accepted with a typo or in another form of a word: the flags
                            PROCTOR_NOTE_TYPO or PROCTOR_NOTE_FORM of proctor_grade_noted */
    int certainty;       /* 0 not asked, 1 not sure, 2 fairly sure, 3 sure */
};

/*
 * The FSRS rating of a graded answer: wrong (no points) is Again; right after a retry, partly
 * right, or right with a typo or variant is Hard; right is Good; right with certainty 3 (sure)
 * is Easy.
 */
int proctor_study_rating(const struct proctor_study_answer *a);

/* ---- settings ---- */

/* What a study configuration file sets (docs/STUDY.md). */
struct proctor_study_config {
    struct proctor_fsrs fsrs; /* retention, max-interval, learning-steps, relearning-steps,
                                 fuzz (the weights are loaded by the caller from weights) */
    char weights[1024];       /* weights = ...: a weights file or an inline list; "" unset */
    long new_per_day;         /* new-per-day = N (0 to 10000) */
    int certainty;            /* certainty = on|off */
};

/*
 * Reads settings from the text of a configuration file (len bytes, named path for
 * messages): "key = value" lines, '#' comments, blank lines. Keys: weights, retention,
 * new-per-day, max-interval, learning-steps, relearning-steps, fuzz, certainty. Settings not
 * in the file keep the values c holds. PROCTOR_EINVAL with line and column for an unknown key
 * or a bad value.
 */
int proctor_study_config_parse(const char *text, size_t len, const char *path,
                               struct proctor_study_config *c, struct proctor_error *err);

/* ---- identities ---- */

/*
 * The content digest of a question (BLAKE2b-256 over its type, prompt, points, what its type
 * writes into an open assignment (options, answers, tolerance, rubric...) and its cited
 * passage; not its explanation or tags), so that a question edited under the same id can be
 * told apart.
 */
void proctor_study_question_digest(const struct proctor_question *q, unsigned char out[32]);

/* BLAKE2b-256 of the JSON form of response r to q (as a result file holds it). -1 when r is
 * unanswered or memory runs out. */
int proctor_study_response_digest(const struct proctor_question *q,
                                  const struct proctor_response *r, unsigned char out[32]);

/*
 * The id under which a bank's cards are kept: its document ids, sorted and joined with '+'
 * ("dallaire-fax+friends-memo+unamir+withdrawal"), so that a course keeps its history
 * wherever it is installed and whatever its questions become. Truncated to fit buf.
 */
void proctor_study_bank_id(const struct proctor_bank *bank, char *buf, size_t size);

/* ---- the database ---- */

struct proctor_study;

/*
 * Opens (creating it, mode 0600) the study database at path, in WAL mode, waiting up to
 * busy_ms for a lock another process holds, and migrates an older schema to the current one.
 * PROCTOR_EINVAL when the file is not a study database, is damaged, or comes from a newer
 * proctor; PROCTOR_EIO otherwise (err says which).
 */
int proctor_study_open(const char *path, int busy_ms, struct proctor_study **out,
                       struct proctor_error *err);
void proctor_study_close(struct proctor_study *st);

/*
 * proctor_study_open for a short use (a command's start-up, statistics, a summary): when no
 * other connection has the database open, it is taken alone, without waiting for one
 * (SQLite's EXCLUSIVE locking mode: the WAL index in this process's memory, no study.db-shm
 * opened, locked or written), until proctor_study_release or proctor_study_close; another
 * proctor then waits for it (up to its busy_ms). When another connection has it, it is shared
 * as proctor_study_open shares it. What is committed, and how, is the same either way.
 */
int proctor_study_open_brief(const char *path, int busy_ms, struct proctor_study **out,
                             struct proctor_error *err);

/*
 * Lets other connections at a database taken alone: closes the connection (nothing is left
 * uncommitted: every write commits before it returns). The handle stays usable: its next
 * write opens the database again, shared (a session's answers), and its next read takes it
 * alone again when it can. Nothing to do for a shared or pending handle.
 */
void proctor_study_release(struct proctor_study *st);

/* The schema version found when the database was opened (0 for a new file). */
int proctor_study_version_found(const struct proctor_study *st);

/* One question of the bank and its card. */
struct proctor_study_item {
    const struct proctor_question *q; /* borrowed from the bank */
    int64_t card;                     /* the card's row id; 0 for a question never studied */
    struct proctor_fsrs_card fc;      /* its state (new and zero when card is 0) */
    unsigned char digest[32];         /* the card's content digest (zero when card is 0) */
    int partial;                      /* studied, but not due before the load's horizon: only
                                         card is read (fc and digest are zero) */
};

/* Whether item it's question changed since its card's digest was taken (it was edited after
 * it was studied). 0 for a question never studied. */
int proctor_study_changed(const struct proctor_study_item *it);

/*
 * One item for each question of bank that passes filter (may be NULL), in bank order; essays
 * are left out (they are not graded). Cards due at or after due_before are only marked as
 * studied (partial), which is all the due queue needs and saves reading every card of a
 * large bank; INT64_MAX reads every card. Cards are read back as untrusted data: a card
 * whose state, step, stability or difficulty is out of range makes this fail with
 * PROCTOR_EINVAL naming it.
 */
int proctor_study_load(struct proctor_study *st, const struct proctor_bank *bank,
                       const char *bank_id, const struct proctor_filter *filter,
                       int64_t due_before, struct proctor_study_item **items, size_t *n,
                       struct proctor_error *err);
void proctor_study_items_free(struct proctor_study_item *items);

/* How many cards of bank_id had their first review at or after since (seconds). */
int proctor_study_new_since(struct proctor_study *st, const char *bank_id, int64_t since,
                            size_t *count, struct proctor_error *err);

/* What to study now. */
struct proctor_study_plan_opts {
    int64_t now;         /* seconds */
    int64_t day_end;     /* when the study day ends (reviews due before it are due today) */
    int64_t learn_ahead; /* learning steps due this many seconds from now are shown now */
    size_t new_limit;    /* new questions allowed (what is left of the day's) */
    size_t limit;        /* at most this many questions in all (0 = no limit) */
    int more;            /* go past what is due: questions not yet due (least retrievable
                            first), then new questions past the day's limit, up to limit
                            (or 20 when limit is 0) more */
};

struct proctor_study_plan {
    size_t learning; /* learning and relearning cards in the queue */
    size_t review;   /* review cards due */
    size_t fresh;    /* new questions */
    size_t ahead;    /* questions not yet due (with more) */
    size_t fresh_left;    /* new questions never studied, in all */
    size_t due_later;     /* cards due after the queue (today or later), not in it */
    int64_t next_due;     /* the earliest due time of those cards, 0 when none */
};

/*
 * Orders items into a queue in order (room for n indexes into items): learning and
 * relearning cards due now (soonest first), then review cards due today (most overdue first),
 * then new questions (easier first, then bank order), then with o->more the rest (which needs
 * items loaded in full: partial items count as due later). Returns the queue's length and
 * fills p; SIZE_MAX when memory runs out.
 */
size_t proctor_study_plan(const struct proctor_study_item *items, size_t n,
                          const struct proctor_fsrs *f, const struct proctor_study_plan_opts *o,
                          size_t *order, struct proctor_study_plan *p);

/* One review as recorded. */
struct proctor_study_review {
    int rating;            /* 1-4 */
    int64_t time_ms;       /* when the answer was given */
    int64_t day_offset;    /* seconds added to a Unix time before counting whole days, so
                              that days begin where the student's do: the time zone's offset
                              from UTC less the hour the study day starts */
    int64_t duration_ms;   /* from the question shown to the answer */
    const unsigned char *response; /* the response's digest (32 bytes), or NULL */
    int certainty;         /* 0 not asked, 1-3 */
};

/*
 * Reviews item it with FSRS-6 (settings f; fuzz seeded from the question id and review
 * count; days elapsed counted with rv->day_offset) as the card is stored now (another study
 * may have reviewed it since it was loaded) and, in one transaction, creates its card if new, stores its new state and appends
 * the review to the log; commits before returning. Updates it and fills o (may be NULL).
 * PROCTOR_EIO (it unchanged, nothing recorded) when the database refuses, for example when
 * another process holds the lock longer than the busy timeout.
 */
int proctor_study_record(struct proctor_study *st, const char *bank_id,
                         const struct proctor_fsrs *f, struct proctor_study_item *it,
                         const struct proctor_study_review *rv, struct proctor_fsrs_outcome *o,
                         struct proctor_error *err);

/*
 * Starts question q afresh: its card becomes new with the question's current digest, and the
 * log records the reset (rating 0); earlier reviews stay in the log but no longer count.
 * proctor_study_keep instead keeps the card's history and takes the current digest (the
 * change is acknowledged). PROCTOR_ENOTFOUND when q has no card.
 */
int proctor_study_reset(struct proctor_study *st, const char *bank_id,
                        const struct proctor_question *q, int64_t time_ms,
                        struct proctor_error *err);
int proctor_study_keep(struct proctor_study *st, const char *bank_id,
                       const struct proctor_question *q, struct proctor_error *err);

/* ---- statistics ---- */

struct proctor_study_doc_stats {
    const struct proctor_doc *doc;
    size_t questions; /* studiable questions citing it */
    size_t seen;      /* of which studied */
    size_t mature;    /* of which in review with an interval of PROCTOR_STUDY_MATURE days */
    double retrievability; /* mean over the seen ones, now */
};

struct proctor_study_card_ref {
    const struct proctor_question *q;
    int32_t lapses;
};

struct proctor_study_stats {
    struct proctor_study_doc_stats *docs; /* one per document of the bank, in bank order */
    size_t ndocs;
    size_t questions, seen, mature, learning;
    double retrievability;                  /* mean over every seen question, now */
    size_t due[PROCTOR_STUDY_DAYS];         /* due on day i from today (0 includes overdue) */
    size_t reviews[PROCTOR_STUDY_DAYS];     /* reviews done i days ago (0 is today) */
    size_t retention_reviews;               /* reviews of review cards in the last 30 days */
    size_t retention_passed;                /* of which not rated Again */
    size_t total_reviews;                   /* every review of this bank, ever */
    struct proctor_study_card_ref *leeches; /* lapsed PROCTOR_STUDY_LEECH times or more */
    size_t nleeches;
    struct proctor_study_card_ref *changed; /* edited since studied */
    size_t nchanged;
    size_t orphans; /* cards of this bank whose question is no longer in it */
};

/*
 * The statistics of bank_id's cards at now; days run from day_start (the start of today) in
 * steps of 24 hours. Leeches are listed most lapses first.
 */
int proctor_study_stats(struct proctor_study *st, const struct proctor_bank *bank,
                        const char *bank_id, const struct proctor_fsrs *f, int64_t now,
                        int64_t day_start, struct proctor_study_stats **out,
                        struct proctor_error *err);
/* The same without changed (left empty: no question's digest is computed) and total_reviews
 * (left 0: the log is not counted), what the end of a study session shows. */
int proctor_study_stats_brief(struct proctor_study *st, const struct proctor_bank *bank,
                              const char *bank_id, const struct proctor_fsrs *f, int64_t now,
                              int64_t day_start, struct proctor_study_stats **out,
                              struct proctor_error *err);
void proctor_study_stats_free(struct proctor_study_stats *s);

/*
 * Writes the review log (every bank, every card, from its last reset on) to path atomically,
 * in the FSRS optimizer's CSV schema: card_id,review_time,review_rating,review_state,
 * review_duration (time and duration in milliseconds; state before the review: 0 new,
 * 1 learning, 2 review, 3 relearning). Sets *rows to the reviews written.
 */
int proctor_study_export_revlog(struct proctor_study *st, const char *path, size_t *rows,
                                struct proctor_error *err);

#endif
