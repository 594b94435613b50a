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
#include "proctor/verdict-json.h"
#include "untrusted.h"

/* One JSON line per file: the verdict, and for an assignment result its questions (built by
 * proctor_verdict_line_json), printed with untrusted characters escaped. */
static int
json_line(const struct class_file *j, const struct proctor_assignment *a,
          const struct proctor_bank *key)
{
    char *text = proctor_verdict_line_json(j->path, &j->v, j->check, a, key);

    if (!text)
        return -1;
    untrusted_json_line(stdout, text);
    free(text);
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
    /* the gradebook's order is for the JSON lines and a CSV without an assignment; the
     * verdict lines keep the input order */
    if ((r->json && !r->item_stats) || (r->csv && !book))
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
