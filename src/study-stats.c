/* SPDX-License-Identifier: ISC */
/* study-stats.c - what a student's study database says about their progress, and the review
 * log in the FSRS optimizer's schema. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "proctor/fileio.h"
#include "proctor/study.h"
#include "study-internal.h"

static int
cmp_lapses(const void *a, const void *b)
{
    const struct proctor_study_card_ref *x = a, *y = b;
    if (x->lapses != y->lapses)
        return x->lapses > y->lapses ? -1 : 1;
    return strcmp(x->q->id, y->q->id);
}

/* The reviews of bank_id's cards since since_ms: per day back from day_start, and the
 * retention of review cards; and, unless brief, every review of the bank counted. */
static int
recent_reviews(struct proctor_study *st, const char *bank_id, int64_t day_start, int brief,
               struct proctor_study_stats *s, struct proctor_error *err)
{
    int64_t since = day_start - (int64_t)(PROCTOR_STUDY_DAYS - 1) * 86400;
    sqlite3_stmt *q = NULL;
    int rc;

    if (st->pending)
        return 0; /* no file yet: no reviews */
    if ((rc = study_prepare(st,
                            "SELECT r.time, r.rating, r.state FROM revlog r CROSS JOIN cards "
                            "c ON c.id = r.card WHERE c.bank = ?1 AND r.time >= ?2 AND "
                            "r.rating > 0",
                            &q, err)) < 0)
        return rc;
    sqlite3_bind_text(q, 1, bank_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, since * 1000);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t t = sqlite3_column_int64(q, 0) / 1000;
        int64_t ago = t >= day_start ? 0 : (day_start - t + 86399) / 86400;
        if (ago >= 0 && ago < PROCTOR_STUDY_DAYS)
            s->reviews[ago]++;
        if (sqlite3_column_int(q, 2) == PROCTOR_FSRS_REVIEW) {
            s->retention_reviews++;
            s->retention_passed += sqlite3_column_int(q, 1) > PROCTOR_FSRS_AGAIN;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return study_db_error(st, rc, "reading the study database", err);
    if (brief)
        return 0;
    if ((rc = study_prepare(st,
                            "SELECT count(*) FROM revlog r JOIN cards c ON c.id = r.card WHERE "
                            "c.bank = ?1 AND r.rating > 0",
                            &q, err)) < 0)
        return rc;
    sqlite3_bind_text(q, 1, bank_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        s->total_reviews = (size_t)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 0 : study_db_error(st, rc, "reading the study database", err);
}

/* proctor_study_stats; brief leaves out what costs most and a session's summary does not
 * show: the changed list (a digest of every studied question) and total_reviews. */
static int
study_stats(struct proctor_study *st, const struct proctor_bank *bank, const char *bank_id,
            const struct proctor_fsrs *f, int64_t now, int64_t day_start, int brief,
            struct proctor_study_stats **out, struct proctor_error *err)
{
    struct proctor_study_stats *s = NULL;
    struct proctor_study_item *items = NULL;
    size_t n = 0, orphans = 0;
    double rsum = 0;
    int rc;

    *out = NULL;
    if ((rc = study_load(st, bank, bank_id, NULL, INT64_MAX, &items, &n, &orphans, err)) < 0)
        return rc;
    s = calloc(1, sizeof *s);
    if (!s || !(s->docs = calloc(bank->ndocs ? bank->ndocs : 1, sizeof *s->docs)) ||
        !(s->leeches = calloc(n ? n : 1, sizeof *s->leeches)) ||
        !(s->changed = calloc(n ? n : 1, sizeof *s->changed))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    s->orphans = orphans;
    s->ndocs = bank->ndocs;
    for (size_t d = 0; d < bank->ndocs; d++)
        s->docs[d].doc = &bank->docs[d];
    for (size_t i = 0; i < n; i++) {
        const struct proctor_study_item *it = &items[i];
        const struct proctor_fsrs_card *c = &it->fc;
        struct proctor_study_doc_stats *ds = it->q->doc ? &s->docs[it->q->doc - bank->docs] : NULL;
        int seen = it->card && c->state != PROCTOR_FSRS_NEW;
        s->questions++;
        if (ds)
            ds->questions++;
        if (!brief && proctor_study_changed(it))
            s->changed[s->nchanged++] = (struct proctor_study_card_ref){it->q, c->lapses};
        if (!seen)
            continue;
        {
            double days = (double)(now - c->last_review) / 86400.0;
            double r = proctor_fsrs_retrievability(f, days < 0 ? 0 : days, c->stability);
            int mature = c->state == PROCTOR_FSRS_REVIEW &&
                         c->due - c->last_review >= (int64_t)PROCTOR_STUDY_MATURE * 86400;
            int64_t day = c->due < day_start ? 0 : (c->due - day_start) / 86400;
            s->seen++;
            s->mature += mature;
            s->learning += c->state == PROCTOR_FSRS_LEARNING || c->state == PROCTOR_FSRS_RELEARNING;
            rsum += r;
            if (ds) {
                ds->seen++;
                ds->mature += mature;
                ds->retrievability += r;
            }
            if (day < PROCTOR_STUDY_DAYS)
                s->due[day]++;
            if (c->lapses >= PROCTOR_STUDY_LEECH)
                s->leeches[s->nleeches++] = (struct proctor_study_card_ref){it->q, c->lapses};
        }
    }
    s->retrievability = s->seen ? rsum / (double)s->seen : 0;
    for (size_t d = 0; d < s->ndocs; d++)
        if (s->docs[d].seen)
            s->docs[d].retrievability /= (double)s->docs[d].seen;
    qsort(s->leeches, s->nleeches, sizeof *s->leeches, cmp_lapses);
    if ((rc = recent_reviews(st, bank_id, day_start, brief, s, err)) < 0)
        goto fail;
    proctor_study_items_free(items);
    *out = s;
    return 0;
fail:
    proctor_study_items_free(items);
    proctor_study_stats_free(s);
    return rc;
}

int
proctor_study_stats(struct proctor_study *st, const struct proctor_bank *bank,
                    const char *bank_id, const struct proctor_fsrs *f, int64_t now,
                    int64_t day_start, struct proctor_study_stats **out,
                    struct proctor_error *err)
{
    return study_stats(st, bank, bank_id, f, now, day_start, 0, out, err);
}

int
proctor_study_stats_brief(struct proctor_study *st, const struct proctor_bank *bank,
                          const char *bank_id, const struct proctor_fsrs *f, int64_t now,
                          int64_t day_start, struct proctor_study_stats **out,
                          struct proctor_error *err)
{
    return study_stats(st, bank, bank_id, f, now, day_start, 1, out, err);
}

void
proctor_study_stats_free(struct proctor_study_stats *s)
{
    if (!s)
        return;
    free(s->docs);
    free(s->leeches);
    free(s->changed);
    free(s);
}

int
proctor_study_export_revlog(struct proctor_study *st, const char *path, size_t *rows,
                            struct proctor_error *err)
{
    static const char header[] = "card_id,review_time,review_rating,review_state,review_duration\n";
    char tmp[PATH_MAX], *buf = NULL;
    size_t len = 0, count = 0, cap = 64 * 1024;
    sqlite3_stmt *q = NULL;
    int fd = -1, rc;

    *rows = 0;
    if ((rc = study_prepare(st,
                            "SELECT r.card, r.time, r.rating, r.state, r.duration FROM revlog r "
                            "JOIN cards c ON c.id = r.card WHERE r.rating BETWEEN 1 AND 4 AND "
                            "r.id > c.reset ORDER BY r.card, r.id",
                            &q, err)) < 0)
        return rc;
    if (!(buf = malloc(cap))) {
        sqlite3_finalize(q);
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if ((fd = proctor_temp_open(path, tmp, sizeof tmp, err)) < 0) {
        rc = fd;
        goto out;
    }
    (void)fchmod(fd, 0644);
    memcpy(buf, header, sizeof header - 1);
    len = sizeof header - 1;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int state = sqlite3_column_int(q, 3);
        if (state < 0 || state > 3)
            state = 0;
        len += (size_t)snprintf(buf + len, cap - len, "%lld,%lld,%d,%d,%lld\n",
                                (long long)sqlite3_column_int64(q, 0),
                                (long long)sqlite3_column_int64(q, 1), sqlite3_column_int(q, 2),
                                state, (long long)sqlite3_column_int64(q, 4));
        count++;
        if (cap - len < 128) {
            if ((rc = proctor_temp_write(fd, buf, len, path, err)) < 0)
                goto out;
            len = 0;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = study_db_error(st, rc, "reading the study database", err);
        goto out;
    }
    if ((rc = proctor_temp_write(fd, buf, len, path, err)) < 0)
        goto out;
    rc = proctor_temp_finish(fd, tmp, path, 1, err);
    fd = -1;
    if (rc == 0)
        *rows = count;
out:
    if (fd >= 0)
        proctor_temp_finish(fd, tmp, path, 0, NULL);
    sqlite3_finalize(q);
    free(buf);
    return rc;
}
