/* SPDX-License-Identifier: ISC */
/*
 * class-report.h - what verify and gradebook print once every file has its verdict: the
 * checks across files (proctor_verdicts_settle), a verdict line or a JSON line per file, the
 * gradebook (proctor_gradebook, one row per roster student with --assignment) with its
 * summary, and the --csv file. verify fills the verdicts by checking files (the map and the
 * reduce in one process); gradebook reads them from verify --json lines (the reduce).
 *
 * Rule: the report borrows everything it is given; class_report changes the verdicts
 * (settling them) and prints; the caller frees the files.
 */
#ifndef PROCTOR_CLI_CLASS_REPORT_H
#define PROCTOR_CLI_CLASS_REPORT_H

#include <stddef.h>

#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/gradebook.h"
#include "proctor/keys.h"
#include "proctor/verify.h"

/* One result file: its name, its verdict and, for --json, the verdict as it came out of the
 * file's own checks (proctor_verdict_json, taken before settling: what the reduce reads). */
struct class_file {
    char *path;
    struct proctor_verdict v;
    char *check;
};

struct class_report {
    const char *cmd;                       /* "verify" or "gradebook", for messages */
    const struct proctor_roster *roster;   /* with a: every student gets a row */
    const struct proctor_assignment *a;    /* NULL: no gradebook, the per-file CSV */
    const struct proctor_bank *grading;    /* a's questions with answers */
    const struct proctor_bank *bank;       /* the practice bank, for the summary (may be NULL) */
    const char *bankdir;
    int method, format, json;
    int item_stats;                        /* proctor item-stats: the item analysis instead of
                                              the verdict lines, summary and gradebook CSV */
    unsigned csv_flags;
    const char *csv;                       /* --csv FILE, or NULL */
};

/* Settles files[0..n) and prints; returns the exit status (0 when every file is OK, 1 when
 * one is not, 4 on out of memory or a CSV that cannot be written). */
int class_report(const struct class_report *r, struct class_file *files, size_t n);

/* Frees what files[0..n) own, and the array. */
void class_files_free(struct class_file *files, size_t n);

#endif
