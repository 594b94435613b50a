/* SPDX-License-Identifier: ISC */
/*
 * cmd-gradebook.c - proctor gradebook: the reduce of a class verified in pieces. Reads the
 * JSON lines of any number of `proctor verify --json` runs (the map: each ran on some of the
 * files, on any machine), then does what needs every file at once - the checks across files,
 * the attempt limit and grading method, missing students, the CSV and the summary - exactly
 * as one verify of every file would (class-report.c does it for both).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "class-report.h"
#include "commands.h"
#include "proctor/assignment.h"
#include "proctor/gradebook.h"
#include "proctor/verdict-json.h"
#include "untrusted.h"

#define LINE_MAX_BYTES (1024 * 1024) /* far more than any verdict line */

enum {
    O_ROSTER = 1, O_CSV, O_JSON, O_ASSIGN, O_KEY, O_METHOD, O_TEACHER
};

static const struct cli_option options[] = {
    {"roster", O_ROSTER, "FILE", 0,
     "the roster the files were verified with (default: $XDG_DATA_HOME/proctor/roster): with "
     "--assignment every student on it has a row, MISSING when nothing was handed in",
     "proctor gradebook --roster class3.roster --assignment w3.json --answer-key w3.key.json "
     "shard-*.jsonl",
     CLI_V_FILE, NULL},
    {"assignment", O_ASSIGN, "FILE", 0,
     "the assignment the files were verified against (verify --assignment): its attempt limit, "
     "title and questions; every line must have been checked against this very assignment",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json shard-*.jsonl",
     CLI_V_FILE, NULL},
    {"answer-key", O_KEY, "FILE", 0,
     "with --assignment: the answer key of a sealed assignment (for the question columns)",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json shard-*.jsonl",
     CLI_V_FILE, NULL},
    {"teacher-key", O_TEACHER, "FILE", 0,
     "with --assignment: the public key line of the teacher who signed it, when it is not "
     "your own key or one you trust",
     "proctor gradebook --assignment w3.json --teacher-key tee.pub shard-*.jsonl", CLI_V_FILE,
     NULL},
    {"method", O_METHOD, "METHOD", 0,
     "with --assignment: which of a student's valid attempts is the grade: highest (default), "
     "last, first or average",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json --method last "
     "shard-*.jsonl",
     CLI_V_WORDS, "highest last first average"},
    {"csv", O_CSV, "FILE", 0,
     "write the gradebook to FILE as CSV, as verify --csv writes it",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json --csv w3.csv "
     "shard-*.jsonl",
     CLI_V_FILE, NULL},
    {"format", CLI_K_FORMAT, "FORMAT", 0,
     "with --assignment: the shape of the --csv gradebook: proctor (default), moodle or canvas",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json --csv w3-moodle.csv "
     "--format moodle shard-*.jsonl",
     CLI_V_WORDS, "proctor moodle canvas"},
    {"excel", CLI_K_EXCEL, NULL, 0,
     "start the --csv file with a UTF-8 byte order mark, for Excel",
     "proctor gradebook --csv grades.csv --excel shard-*.jsonl", CLI_V_NONE, NULL},
    {"per-question", CLI_K_ITEMS, NULL, 0,
     "with --assignment: one column per question in the --csv gradebook (the default)",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json --csv w3.csv "
     "--per-question shard-*.jsonl",
     CLI_V_NONE, NULL},
    {"no-per-question", CLI_K_NOITEMS, NULL, 0,
     "with --assignment: leave the per-question columns out of the --csv gradebook",
     "proctor gradebook --assignment w3.json --answer-key w3.key.json --csv w3.csv "
     "--no-per-question shard-*.jsonl",
     CLI_V_NONE, NULL},
    {"json", O_JSON, NULL, 0,
     "print each settled verdict as one JSON line, as verify --json does (the summary goes to "
     "standard error); the lines can be reduced again",
     "proctor gradebook --json shard-*.jsonl >class.jsonl", CLI_V_NONE, NULL},
    {0}};

const struct command command_gradebook = {
    "gradebook", cmd_gradebook,
    "the gradebook of a class verified in pieces, from verify --json lines",
    "proctor gradebook [--roster FILE] [--assignment FILE [--answer-key FILE]\n"
    "              [--teacher-key FILE] [--method highest|last|first|average]]\n"
    "              [--csv FILE [--format proctor|moodle|canvas] [--excel]\n"
    "              [--per-question|--no-per-question]] [--json] VERDICTS.jsonl...|-",
    "The reduce step of verifying at scale: each 'proctor verify --json' run (the map, on any "
    "part of the files, on any machine, in any order) prints one JSON line per file with what "
    "the file's own checks found; gradebook reads those lines from any number of files (- for "
    "standard input) and does what needs every file at once: a file handed in twice counts "
    "once, the same answers or essay under two students (or one nonce in two files of one "
    "student) are CONFLICT even when the files were verified apart, the attempt limit, the "
    "grading method, the students of the roster who handed nothing in, the summary and the "
    "--csv gradebook. It prints what one 'proctor verify' of every file prints, with the "
    "verdict lines in file name order. Every line must have been verified against the same "
    "assignment (or bank), and with --assignment against that one. The lines are the "
    "teacher's own output, not signed: keep them where students cannot write. docs/SCALE.md "
    "has the recipe. The exit status is 0 when every file is OK, 1 when one is not, 3 for a "
    "line that is not verify's.",
    options, CLI_V_FILE, NULL, 0};

/* Reads the verdict lines of path (- for standard input) into *files. 0, or an exit status
 * after printing why. */
static int
read_lines(const char *path, const char *want, char *seen, size_t seen_size,
           struct class_file **files, size_t *n, size_t *cap)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    const char *name = strcmp(path, "-") == 0 ? "(standard input)" : path;
    char *line = NULL;
    size_t lcap = 0;
    long lineno = 0;
    ssize_t len;
    int rc = 0;

    if (!f) {
        cli_errorf("%s: cannot open: %s", untrusted_str(path), strerror(errno));
        return EXIT_IO;
    }
    while ((len = getline(&line, &lcap, f)) >= 0) {
        struct proctor_error err;
        struct class_file *cf;
        char *against = NULL;
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (len > LINE_MAX_BYTES) {
            cli_errorf("%s:%ld: line too long (%zd bytes, at most %d)", untrusted_str(name),
                       lineno, len, LINE_MAX_BYTES);
            rc = EXIT_DATA;
            break;
        }
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            struct class_file *nf = realloc(*files, nc * sizeof *nf);
            if (!nf) {
                cli_errorf("out of memory");
                rc = EXIT_IO;
                break;
            }
            *files = nf;
            *cap = nc;
        }
        cf = &(*files)[*n];
        memset(cf, 0, sizeof *cf);
        proctor_error_clear(&err);
        if (proctor_verdict_parse(line, (size_t)len, name, lineno, &cf->v, &cf->path, &against,
                                  &err) < 0) {
            rc = cli_report(&err);
            break;
        }
        (*n)++;
        /* every line checked against one thing: the assignment given, or the first line's */
        if (!seen[0])
            snprintf(seen, seen_size, "%s", against);
        if (strcmp(against, want ? want : seen) != 0) {
            cli_errorf("%s:%ld: '%s' was verified against %s%s%s, not %s%s%s",
                       untrusted_str(name), lineno, untrusted_str(cf->path),
                       against[0] ? "'" : "", against[0] ? untrusted_str(against) : "nothing",
                       against[0] ? "'" : "", (want ? want : seen)[0] ? "'" : "",
                       (want ? want : seen)[0] ? untrusted_str(want ? want : seen) : "nothing",
                       (want ? want : seen)[0] ? "'" : "");
            rc = EXIT_DATA;
        } else if (!want && strncmp(against, "assignment ", 11) == 0) {
            cli_errorf("%s:%ld: '%s' was verified against %s: give that assignment with "
                       "--assignment",
                       untrusted_str(name), lineno, untrusted_str(cf->path),
                       untrusted_str(against));
            rc = EXIT_USAGE;
        }
        free(against);
        if (rc)
            break;
    }
    if (!rc && ferror(f)) {
        cli_errorf("%s: cannot read: %s", untrusted_str(name), strerror(errno));
        rc = EXIT_IO;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* Input order means nothing here: the files in name order, so the verdict lines are too. */
static int
cmp_path(const void *x, const void *y)
{
    const struct class_file *a = x, *b = y;
    return strcmp(a->path, b->path);
}

int
cmd_gradebook(int argc, char **argv)
{
    const char *roster_path = NULL, *csv = NULL, *afile = NULL, *keyfile = NULL;
    const char *teacher_key = NULL;
    int json = 0, c, rc = EXIT_OK, method = PROCTOR_METHOD_HIGHEST;
    struct cli_csv_shape shape = {PROCTOR_GRADEBOOK_PROCTOR, 0};
    struct proctor_roster *roster = NULL;
    struct proctor_bank *key = NULL;
    const struct proctor_bank *grading = NULL;
    struct proctor_assignment *a = NULL;
    struct class_file *files = NULL;
    size_t n = 0, cap = 0;
    struct class_report report = {0};
    char want[PROCTOR_AGAINST_MAX] = "", seen[PROCTOR_AGAINST_MAX] = "";
    struct cli_args args;

    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_ROSTER: roster_path = args.arg; break;
        case O_CSV: csv = args.arg; break;
        case O_JSON: json = 1; break;
        case O_ASSIGN: afile = args.arg; break;
        case O_KEY: keyfile = args.arg; break;
        case O_TEACHER: teacher_key = args.arg; break;
        case O_METHOD:
            if ((method = proctor_method_parse(args.arg)) < 0)
                return cli_usage_error("gradebook",
                                       "--method is highest, last, first or average");
            break;
        case CLI_EXIT: return args.status;
        default: {
            int e = cli_csv_shape_option(&shape, "gradebook", &args, c);
            if (e > 0)
                return e;
            break;
        }
        }
    }
    if (optind == argc)
        return cli_usage_error("gradebook", "no verdict files given (the lines of 'proctor "
                                            "verify --json'; - for standard input)");
    if (!afile && (keyfile || teacher_key || cli_given(&args, O_METHOD) ||
                   cli_csv_shape_given(&args)))
        return cli_usage_error("gradebook", "--answer-key, --method, --teacher-key, --format "
                                            "and --[no-]per-question go with --assignment");
    if ((rc = cli_csv_shape_check("gradebook", &args, csv)) != 0)
        return rc;
    if ((rc = cli_load_roster(roster_path, &roster)) != 0)
        return rc;
    if (afile) {
        if ((rc = cli_load_assignment_set(afile, keyfile, NULL, teacher_key, "--answer-key", &a,
                                          &key, &grading, NULL)) != 0)
            goto out;
        proctor_verdict_against(a->digest, a->id, NULL, want, sizeof want);
    }
    for (int i = optind; i < argc && rc == 0; i++)
        rc = read_lines(argv[i], afile ? want : NULL, seen, sizeof seen, &files, &n, &cap);
    if (rc)
        goto out;
    if (n > 1)
        qsort(files, n, sizeof *files, cmp_path);
    /* the checks across files and the gradebook read the verdicts as verify filled them */
    for (size_t i = 0; i < n; i++) {
        files[i].v.file = files[i].path;
        if (json && !(files[i].check = proctor_verdict_json(&files[i].v, afile ? want : seen))) {
            cli_errorf("out of memory");
            rc = EXIT_IO;
            goto out;
        }
    }
    report.cmd = "gradebook";
    report.roster = roster;
    report.a = a;
    report.grading = grading;
    report.method = method;
    report.format = shape.format;
    report.json = json;
    report.csv_flags = shape.flags;
    report.csv = csv;
    rc = class_report(&report, files, n);
out:
    class_files_free(files, n);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    proctor_roster_free(roster);
    return rc;
}
