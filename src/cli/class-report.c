/* SPDX-License-Identifier: ISC */
/* class-report.c - the verdicts of a class printed: lines, JSON lines, gradebook, CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "class-report.h"
#include "commands.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/score.h"
#include "untrusted.h"

/* The per-question record of an assignment result: id, points, whether answered (and an
 * essay marked) and the options picked ("o2"; "true" or "false"). */
static int
json_items(cJSON *o, const struct proctor_verdict *v, const struct proctor_assignment *a,
           const struct proctor_bank *key)
{
    cJSON *arr = cJSON_AddArrayToObject(o, "questions");

    for (size_t k = 0; arr && k < v->nitems && a && k < a->nq; k++) {
        const struct proctor_question *q = proctor_bank_find(key, a->qids[k]);
        const struct proctor_verdict_item *it = &v->items[k];
        cJSON *e = cJSON_CreateObject(), *picked;
        int ok = e && cJSON_AddItemToArray(arr, e) &&
                 cJSON_AddStringToObject(e, "id", a->qids[k]) &&
                 cJSON_AddNumberToObject(e, "earned", (double)it->earned) &&
                 cJSON_AddBoolToObject(e, "answered", it->answered);
        if (!ok)
            return -1;
        if (q && q->type == PROCTOR_ESSAY && !cJSON_AddBoolToObject(e, "marked", it->marked))
            return -1;
        if (!q || (q->type != PROCTOR_CHOICE && q->type != PROCTOR_MULTI &&
                   q->type != PROCTOR_TRUEFALSE))
            continue;
        if (!(picked = cJSON_AddArrayToObject(e, "picked")))
            return -1;
        for (size_t b = 0; b < 64; b++) {
            const char *name = q->type == PROCTOR_TRUEFALSE ? (b == 0 ? "true" : "false")
                               : b < q->noptions            ? q->options[b].id
                                                            : NULL;
            if (!(it->picks >> b & 1) || !name)
                continue;
            if (!cJSON_AddItemToArray(picked, cJSON_CreateString(name)))
                return -1;
        }
    }
    return arr ? 0 : -1;
}

/* One JSON line per file: the verdict, and for an assignment result its questions. */
static int
json_line(const struct class_file *j, const struct proctor_assignment *a,
          const struct proctor_bank *key)
{
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;
    int p = proctor_percent(j->v.earned, j->v.max), ok;

    ok = o && cJSON_AddStringToObject(o, "file", j->path) &&
         cJSON_AddStringToObject(o, "status", proctor_status_name(j->v.status)) &&
         cJSON_AddStringToObject(o, "reason",
                                 j->v.status == PROCTOR_STATUS_OK ? "" : j->v.reason) &&
         cJSON_AddStringToObject(o, "student", j->v.student) &&
         cJSON_AddStringToObject(o, "name", j->v.name) &&
         cJSON_AddStringToObject(o, "kind", j->v.kind) &&
         cJSON_AddStringToObject(o, "finished", j->v.finished);
    if (ok && j->v.valid && strcmp(j->v.kind, "assignment") == 0) {
        int64_t e = j->v.earned + j->v.essay_earned, m = j->v.max + j->v.essay_max;
        p = proctor_percent(e, m);
        ok = cJSON_AddStringToObject(o, "assignment", j->v.taken_id) &&
             cJSON_AddStringToObject(o, "started", j->v.started) &&
             cJSON_AddNumberToObject(o, "earned", (double)e) &&
             cJSON_AddNumberToObject(o, "max", (double)m) &&
             (p < 0 ? cJSON_AddNullToObject(o, "percent") != NULL
                    : cJSON_AddNumberToObject(o, "percent", p) != NULL) &&
             cJSON_AddNumberToObject(o, "attempt", (double)j->v.attempt) &&
             cJSON_AddNumberToObject(o, "essay_earned", (double)j->v.essay_earned) &&
             cJSON_AddNumberToObject(o, "essay_max", (double)j->v.essay_max) &&
             cJSON_AddNumberToObject(o, "unmarked", (double)j->v.unmarked) &&
             cJSON_AddBoolToObject(o, "late", j->v.late) &&
             cJSON_AddBoolToObject(o, "overtime", j->v.overtime) &&
             cJSON_AddStringToObject(o, "warnings", j->v.warnings) &&
             (!j->v.items || json_items(o, &j->v, a, key) == 0);
    } else if (ok && j->v.valid) {
        ok = cJSON_AddNumberToObject(o, "earned", (double)j->v.earned) &&
             cJSON_AddNumberToObject(o, "max", (double)j->v.max) &&
             (p < 0 ? cJSON_AddNullToObject(o, "percent") != NULL
                    : cJSON_AddNumberToObject(o, "percent", p) != NULL) &&
             cJSON_AddNumberToObject(o, "attempt", (double)j->v.attempt) &&
             cJSON_AddStringToObject(o, "warnings", j->v.warnings);
    } else if (ok && j->v.attempt) {
        ok = cJSON_AddNumberToObject(o, "attempt", (double)j->v.attempt) != NULL;
    }
    if (ok && j->v.duplicate)
        ok = cJSON_AddTrueToObject(o, "duplicate") != NULL;
    if (ok && j->v.claimed[0] && strcmp(j->v.claimed, j->v.student) != 0)
        ok = cJSON_AddStringToObject(o, "claimed", j->v.claimed) != NULL;
    /* the file's own verdict, for proctor gradebook (the reduce) */
    if (ok && j->check)
        ok = cJSON_AddRawToObject(o, "check", j->check) != NULL;
    if (ok)
        text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!text)
        return -1;
    untrusted_json_line(stdout, text);
    cJSON_free(text);
    return 0;
}

/* The verdict line: "FILE: OK 7/10 (70%); warnings", "FILE: CONFLICT 7/10 (70%): reason",
 * "FILE: INVALID: reason". */
static void
verdict_line(const struct class_file *j)
{
    char score[96];

    /* pieces put, not printf'd: a line per file */
    fputs(untrusted_str(j->path), stdout);
    fputs(": ", stdout);
    fputs(proctor_status_name(j->v.status), stdout);
    if (j->v.valid) {
        putchar(' ');
        fputs(cli_format_score(j->v.earned + j->v.essay_earned, j->v.max + j->v.essay_max,
                               score, sizeof score),
              stdout);
    }
    if (j->v.status != PROCTOR_STATUS_OK) {
        fputs(": ", stdout);
        fputs(untrusted_str(j->v.reason), stdout);
    }
    if (j->v.valid && j->v.warnings[0]) {
        fputs("; ", stdout);
        fputs(untrusted_str(j->v.warnings), stdout);
    }
    putchar('\n');
}

/* The gradebook's order: by student, then file name (then input order, for a name given
 * twice): the same for any order of the files. */
static int
cmp_job(const void *x, const void *y)
{
    const struct class_file *a = *(const struct class_file *const *)x, *b = *(const struct class_file *const *)y;
    int c = strcmp(a->v.student, b->v.student);
    if (!c)
        c = strcmp(a->path, b->path);
    return c ? c : (a > b) - (a < b);
}

/* The class at a glance: counts by status, mean and median, and a histogram in 10 %
 * buckets. */
static void
summary(FILE *f, struct proctor_gradebook *g, enum proctor_method method)
{
    struct proctor_gradebook_summary sum;

    proctor_gradebook_summary(g, &sum);
    fprintf(f, "\n%zu student%s: %zu graded", sum.students, sum.students == 1 ? "" : "s",
            sum.graded);
    if (sum.invalid)
        fprintf(f, ", %zu INVALID (every file refused)", sum.invalid);
    if (sum.missing)
        fprintf(f, ", %zu MISSING (nothing handed in)", sum.missing);
    fputs(".\n", f);
    if (sum.conflict)
        fprintf(f, "%zu student%s in CONFLICT: the same answers or essay as another student's, "
                   "or two files with one nonce; who copied whom can't be known from the files, "
                   "so the grade%s wait%s for your decision.\n",
                sum.conflict, sum.conflict == 1 ? "" : "s", sum.conflict == 1 ? "" : "s",
                sum.conflict == 1 ? "s" : "");
    if (!sum.graded)
        return;
    fprintf(f, "Mean %lld.%lld%%, median %lld.%lld%% (each student's %s attempt).\n",
            (long long)(sum.mean / 1000), (long long)(sum.mean % 1000 / 100),
            (long long)(sum.median / 1000), (long long)(sum.median % 1000 / 100),
            proctor_method_name(method));
    cli_histogram(f, sum.histogram);
}


int
class_report(const struct class_report *r, struct class_file *files, size_t total)
{
    struct proctor_gradebook *book = NULL;
    struct class_file **sorted = NULL;
    struct proctor_verdict **verdicts = NULL;
    struct proctor_error err;
    size_t nvalid = 0, nconflict = 0, nunchecked = 0;
    FILE *info = r->json || r->item_stats ? stderr : stdout;
    int rc = EXIT_OK;

    proctor_error_clear(&err);
    if (r->a) {
        if (proctor_gradebook_new((enum proctor_method)r->method, &book, &err) < 0)
            goto oom;
        proctor_gradebook_set_assignment(book, r->a, r->grading);
        if (proctor_gradebook_add_roster(book, r->roster) < 0)
            goto oom;
    }
    sorted = malloc((total + 1) * sizeof *sorted);
    verdicts = malloc((total + 1) * sizeof *verdicts);
    if (!sorted || !verdicts)
        goto oom;
    for (size_t i = 0; i < total; i++) {
        sorted[i] = &files[i];
        verdicts[i] = &files[i].v;
    }
    if (proctor_verdicts_settle(verdicts, total, r->a ? r->a->attempts : 0) < 0)
        goto oom;
    qsort(sorted, total, sizeof *sorted, cmp_job);
    for (size_t i = 0; i < total; i++) {
        const struct class_file *j = &files[i];
        nvalid += j->v.status == PROCTOR_STATUS_OK;
        nconflict += j->v.status == PROCTOR_STATUS_CONFLICT;
        nunchecked += j->v.status == PROCTOR_STATUS_UNCHECKED;
        if (!r->json && !r->item_stats)
            verdict_line(j);
        if (book && proctor_gradebook_add(book, &j->v) == PROCTOR_ENOMEM)
            goto oom;
    }
    for (size_t i = 0; r->json && !r->item_stats && i < total; i++)
        if (json_line(sorted[i], r->a, r->grading) < 0)
            goto oom;
    fprintf(info, "%zu result%s: %zu valid, %zu invalid", total, total == 1 ? "" : "s", nvalid,
            total - nvalid - nconflict - nunchecked);
    if (nconflict)
        fprintf(info, ", %zu in conflict", nconflict);
    if (nunchecked)
        fprintf(info, ", %zu unchecked", nunchecked);
    fputc('\n', info);
    if (r->bank) {
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, r->bank->digest, sizeof r->bank->digest);
        fprintf(info, "Practice results checked against the bank in %s (sha256 %s).\n",
                untrusted_str(r->bankdir), hex);
    }
    if (r->item_stats) {
        rc = cli_item_stats_report(book, r->a, (enum proctor_method)r->method, r->json, r->csv,
                                   r->csv_flags);
        goto out;
    }
    if (book)
        summary(info, book, (enum proctor_method)r->method);
    if (r->csv) {
        char *text = NULL;
        size_t len = 0;
        for (size_t i = 0; !book && i < total; i++)
            verdicts[i] = &sorted[i]->v;
        if ((book ? proctor_gradebook_csv(book, (enum proctor_gradebook_format)r->format,
                                          r->csv_flags, &text, &len)
                  : proctor_verdicts_csv((const struct proctor_verdict *const *)verdicts, total,
                                         r->csv_flags, &text, &len)) < 0)
            goto oom;
        if ((rc = cli_write_csv(r->csv, text, len)) != 0)
            goto out;
    }
    rc = nvalid == total ? EXIT_OK : EXIT_VERIFY;
    goto out;
oom:
    cli_errorf("out of memory");
    rc = EXIT_IO;
out:
    free(sorted);
    free(verdicts);
    proctor_gradebook_free(book);
    return rc;
}

void
class_files_free(struct class_file *files, size_t n)
{
    for (size_t i = 0; files && i < n; i++) {
        free(files[i].path);
        free(files[i].check);
        proctor_verdict_release(&files[i].v);
    }
    free(files);
}
