/* SPDX-License-Identifier: ISC */
/* cmd-verify.c - proctor verify: a verdict per result file, a gradebook, in input order. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>
#include <sodium.h>

#include "class-report.h"
#include "commands.h"
#include "proctor/fileio.h"
#include "proctor/assignment.h"
#include "proctor/grade.h"
#include "proctor/gradebook.h"
#include "proctor/marks.h"
#include "proctor/score.h"
#include "proctor/verdict-json.h"
#include "proctor/verify.h"
#include "render.h"
#include "untrusted.h"

#define MAX_THREADS 256

const char *
cli_format_score(int64_t earned, int64_t max, char *buf, size_t size)
{
    char t[96];
    int pc = proctor_percent(earned, max);
    size_t n;

    /* "%s/%s", then " (%d%%)" when there is a percentage, put together by hand (a line per
     * file of a verify), cut short to size as snprintf would */
    proctor_format_score(earned, t, 32);
    n = strlen(t);
    t[n++] = '/';
    proctor_format_score(max, t + n, 32);
    n += strlen(t + n);
    if (pc >= 0) {
        memcpy(t + n, " (", 2);
        n += 2;
        if (pc >= 100)
            t[n++] = (char)('0' + pc / 100);
        if (pc >= 10)
            t[n++] = (char)('0' + pc / 10 % 10);
        t[n++] = (char)('0' + pc % 10);
        memcpy(t + n, "%)", 2);
        n += 2;
    }
    if (size == 0)
        return buf;
    if (n > size - 1)
        n = size - 1;
    memcpy(buf, t, n);
    buf[n] = '\0';
    return buf;
}

/* Where the paths come from: the arguments, then --files-from (one path a line). */
struct source {
    char **args;
    int nargs, next;
    FILE *list;
    char *line;
    size_t cap;
    long lineno;
};

static char *
next_path(struct source *src)
{
    if (src->next < src->nargs)
        return strdup(src->args[src->next++]);
    while (src->list) {
        ssize_t n = getline(&src->line, &src->cap, src->list);
        if (n < 0)
            return NULL;
        src->lineno++;
        if (n > 0 && src->line[n - 1] == '\n')
            src->line[--n] = '\0';
        if (n > 0 && src->line[n - 1] == '\r')
            src->line[--n] = '\0';
        if (n > 0)
            return strdup(src->line);
    }
    return NULL;
}

struct batch {
    const struct proctor_verifier *verifier;
    struct class_file *jobs;
    size_t n;
    /* the one field every worker writes, on a cache line of its own: taking a file does not
     * take the line of the fields above from the other workers */
    _Alignas(64) atomic_size_t next;
    char pad[64 - sizeof(atomic_size_t)];
};

static void *
worker(void *arg)
{
    struct batch *b = arg;
    const struct proctor_verifier *v = b->verifier;
    struct class_file *jobs = b->jobs;
    size_t i, n = b->n;

    while ((i = atomic_fetch_add_explicit(&b->next, 1, memory_order_relaxed)) < n)
        proctor_verify_file(v, jobs[i].path, &jobs[i].v);
    return NULL;
}

static void
run_batch(struct batch *b, int nthreads)
{
    pthread_t tids[MAX_THREADS];
    int started = 0;

    atomic_store(&b->next, 0);
    if (nthreads > 1 && b->n > 1) {
        for (int t = 0; t < nthreads - 1; t++) {
            if (pthread_create(&tids[started], NULL, worker, b) != 0)
                break; /* the remaining work is done below, on this thread */
            started++;
        }
    }
    worker(b);
    for (int t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
}

/* The teacher's side of an assignment, for verify, mark and return: the assignment (signed
 * by a teacher key the user trusts), its questions with answers, and the marks. */
int
cli_load_assignment_set(const char *afile, const char *keyfile, const char *marksfile,
                        const char *teacher_key, const char *opt,
                        struct proctor_assignment **a, struct proctor_bank **key,
                        const struct proctor_bank **grading, struct proctor_marks **marks)
{
    struct proctor_error err;
    char what[PROCTOR_ID_MAX + 32];
    int rc;

    *a = NULL;
    *key = NULL;
    *grading = NULL;
    if (marks)
        *marks = NULL;
    proctor_error_clear(&err);
    if (proctor_assignment_load(afile, a, &err) < 0)
        return cli_report(&err);
    snprintf(what, sizeof what, "Assignment '%s'", (*a)->id);
    if ((rc = cli_trust_teacher(teacher_key, (*a)->keyid, (*a)->teacher_pk, (*a)->teacher_id,
                                (*a)->teacher_name, what, TRUST_OWN)) != 0)
        goto fail;
    if ((*a)->sealed) {
        if (!keyfile) {
            cli_errorf("'%s' is sealed: give its answer key with %s", afile, opt);
            rc = EXIT_USAGE;
            goto fail;
        }
        if (proctor_answer_key_read(keyfile, *a, key, &err) < 0) {
            rc = cli_report(&err);
            goto fail;
        }
        *grading = *key;
    } else {
        if (keyfile && strcmp(keyfile, afile) != 0) {
            cli_errorf("'%s' is an open assignment: it holds its own answers; drop %s", afile,
                       opt);
            rc = EXIT_USAGE;
            goto fail;
        }
        *grading = (*a)->bank;
    }
    if (marks && marksfile && proctor_marks_load(marksfile, *a, *grading, marks, &err) < 0) {
        rc = cli_report(&err);
        goto fail;
    }
    return 0;
fail:
    proctor_bank_free(*key);
    proctor_assignment_free(*a);
    *a = NULL;
    *key = NULL;
    *grading = NULL;
    return rc;
}

void
cli_histogram(FILE *f, const size_t counts[10])
{
    size_t most = 0;

    for (int i = 0; i < 10; i++)
        if (counts[i] > most)
            most = counts[i];
    for (int i = 0; i < 10; i++) {
        size_t w = most > 40 ? (counts[i] * 40 + most - 1) / most : counts[i];
        char label[16];
        snprintf(label, sizeof label, "%d-%d%%", i * 10, i == 9 ? 100 : i * 10 + 9);
        fprintf(f, "  %-7s |", label);
        for (size_t k = 0; k < w; k++)
            fputc('#', f);
        if (counts[i])
            fprintf(f, " %zu", counts[i]);
        fputc('\n', f);
    }
}

/* Writes the CSV text (len bytes, freed here) to path atomically; 0 or an exit status. */
int
cli_write_csv(const char *path, char *text, size_t len)
{
    struct proctor_error err;
    int rc;

    proctor_error_clear(&err);
    rc = proctor_file_write(path, text, len, 0644, 0, &err);
    free(text);
    return rc < 0 ? cli_report(&err) : 0;
}

enum {
    O_ROSTER = 1, O_BANK, O_CSV, O_JSON, O_FILES, O_ASSIGN, O_KEY, O_MARKS, O_METHOD, O_TEACHER
};

static const struct cli_option options[] = {
    {"roster", O_ROSTER, "FILE", 0,
     "the roster of student public keys (default: $XDG_DATA_HOME/proctor/roster; see 'proctor "
     "roster'); with --assignment every student on it has a gradebook row",
     "proctor verify --roster class3.roster results/*.json", CLI_V_FILE, NULL},
    {"bank", O_BANK, "DIR", 0,
     "the bank that practice results were taken on, to re-grade them (default: $PROCTOR_BANK, "
     "else the installed one, else the one this program was built with; never ./questions)",
     "proctor verify --bank ~/course/questions results/*.json", CLI_V_DIR, NULL},
    {"csv", O_CSV, "FILE", 0,
     "write a gradebook to FILE as CSV (one row per file, or per student with --assignment)",
     "proctor verify --csv grades.csv results/*.json", CLI_V_FILE, NULL},
    {"format", CLI_K_FORMAT, "FORMAT", 0,
     "with --assignment: the shape of the --csv gradebook: proctor (default: every column), "
     "moodle (Moodle's grade import) or canvas (Canvas's gradebook import)",
     "proctor verify --assignment w3.json --answer-key w3.key.json --csv w3-moodle.csv "
     "--format moodle w3-*.result.json",
     CLI_V_WORDS, "proctor moodle canvas"},
    {"excel", CLI_K_EXCEL, NULL, 0,
     "start the --csv file with a UTF-8 byte order mark, so that Excel reads names and titles "
     "as UTF-8 (LibreOffice needs none)",
     "proctor verify --csv grades.csv --excel results/*.json", CLI_V_NONE, NULL},
    {"per-question", CLI_K_ITEMS, NULL, 0,
     "with --assignment: one column per question in the --csv gradebook, its points (the "
     "default)",
     "proctor verify --assignment w3.json --answer-key w3.key.json --csv w3.csv --per-question "
     "w3-*.result.json",
     CLI_V_NONE, NULL},
    {"no-per-question", CLI_K_NOITEMS, NULL, 0,
     "with --assignment: leave the per-question columns out of the --csv gradebook",
     "proctor verify --assignment w3.json --answer-key w3.key.json --csv w3.csv "
     "--no-per-question w3-*.result.json",
     CLI_V_NONE, NULL},
    {"json", O_JSON, NULL, 0,
     "print each verdict as one JSON object per line on standard output (the summary goes to "
     "standard error)",
     "proctor verify --json results/*.json >verdicts.jsonl", CLI_V_NONE, NULL},
    {"jobs", 'j', "N", 0, "verify on N threads (1 to 256); output keeps the input order",
     "proctor verify -j 4 results/*.json", CLI_V_NONE, NULL},
    {"files-from", O_FILES, "FILE", 0,
     "read the result paths from FILE, one a line, or from standard input with -",
     "find results -name '*.json' | proctor verify --files-from -", CLI_V_FILE, NULL},
    {"assignment", O_ASSIGN, "FILE", 0,
     "check the results against this signed assignment: its digest, questions, attempt limit "
     "and due date, one grade per student",
     "proctor verify --assignment w3.json --answer-key w3.key.json w3-*.result.json",
     CLI_V_FILE, NULL},
    {"answer-key", O_KEY, "FILE", 0,
     "with --assignment: the answer key of a sealed assignment, written beside it by 'proctor "
     "assign' (an open assignment needs none)",
     "proctor verify --assignment w3.json --answer-key w3.key.json w3-*.result.json",
     CLI_V_FILE, NULL},
    {"marks", O_MARKS, "FILE", 0,
     "with --assignment: the essay marks 'proctor mark' wrote, added to the grades",
     "proctor verify --assignment w3.json --answer-key w3.key.json --marks w3.marks.json "
     "w3-*.result.json",
     CLI_V_FILE, NULL},
    {"method", O_METHOD, "METHOD", 0,
     "with --assignment: which of a student's valid attempts is the grade: highest (default), "
     "last, first or average",
     "proctor verify --assignment w3.json --answer-key w3.key.json --method last "
     "w3-*.result.json",
     CLI_V_WORDS, "highest last first average"},
    {"teacher-key", O_TEACHER, "FILE", 0,
     "with --assignment: the public key line of the teacher who signed it, when it is not "
     "your own key or one you trust",
     "proctor verify --assignment w3.json --teacher-key tee.pub w3-*.result.json", CLI_V_FILE,
     NULL},
    {0}};

static const struct cli_option item_options[] = {
    {"assignment", O_ASSIGN, "FILE", 0,
     "the signed assignment the results are of (required)",
     "proctor item-stats --assignment w3.json --answer-key w3.key.json w3-*.result.json",
     CLI_V_FILE, NULL},
    {"answer-key", O_KEY, "FILE", 0,
     "the answer key of a sealed assignment (an open assignment needs none): it records the "
     "bank id each question was made from",
     "proctor item-stats --assignment w3.json --answer-key w3.key.json w3-*.result.json",
     CLI_V_FILE, NULL},
    {"marks", O_MARKS, "FILE", 0, "the essay marks 'proctor mark' wrote (unmarked essays count 0)",
     "proctor item-stats --assignment w3.json --answer-key w3.key.json --marks w3.marks.json "
     "w3-*.result.json",
     CLI_V_FILE, NULL},
    {"method", O_METHOD, "METHOD", 0,
     "which attempt of each student is counted: highest (default), last, first or average",
     "proctor item-stats --assignment w3.json --answer-key w3.key.json --method first "
     "w3-*.result.json",
     CLI_V_WORDS, "highest last first average"},
    {"roster", O_ROSTER, "FILE", 0,
     "the roster of student public keys (default: $XDG_DATA_HOME/proctor/roster)",
     "proctor item-stats --roster class3.roster --assignment w3.json --answer-key w3.key.json "
     "w3-*.result.json",
     CLI_V_FILE, NULL},
    {"teacher-key", O_TEACHER, "FILE", 0,
     "the public key line of the teacher who signed the assignment, when it is not yours",
     "proctor item-stats --assignment w3.json --teacher-key tee.pub w3-*.result.json",
     CLI_V_FILE, NULL},
    {"json", O_JSON, NULL, 0, "print the statistics as one JSON object instead of the report",
     "proctor item-stats --json --assignment w3.json --answer-key w3.key.json w3-*.result.json",
     CLI_V_NONE, NULL},
    {"csv", O_CSV, "FILE", 0, "also write one row per question to FILE as CSV",
     "proctor item-stats --csv w3-items.csv --assignment w3.json --answer-key w3.key.json "
     "w3-*.result.json",
     CLI_V_FILE, NULL},
    {"excel", CLI_K_EXCEL, NULL, 0, "start the --csv file with a UTF-8 byte order mark (for Excel)",
     "proctor item-stats --csv w3-items.csv --excel --assignment w3.json --answer-key "
     "w3.key.json w3-*.result.json",
     CLI_V_NONE, NULL},
    {"jobs", 'j', "N", 0, "verify on N threads (1 to 256)",
     "proctor item-stats -j 4 --assignment w3.json --answer-key w3.key.json w3-*.result.json",
     CLI_V_NONE, NULL},
    {"files-from", O_FILES, "FILE", 0,
     "read the result paths from FILE, one a line, or from standard input with -",
     "ls w3-*.result.json | proctor item-stats --assignment w3.json --answer-key w3.key.json "
     "--files-from -",
     CLI_V_FILE, NULL},
    {0}};

const struct command command_item_stats = {
    "item-stats", cmd_item_stats,
    "item analysis of an assignment: which questions worked, from its verified results",
    "proctor item-stats --assignment FILE [--answer-key FILE] [--marks FILE]\n"
    "              [--method highest|last|first|average] [--roster FILE] [--teacher-key FILE]\n"
    "              [--json] [--csv FILE [--excel]] [-j N] [--files-from FILE|-] [RESULT...]",
    "Verifies the results as 'proctor verify --assignment' does and, from the attempt the "
    "grading method chooses for each graded student (OK or CONFLICT), reports per question "
    "its bank id and prompt, facility (mean score as a percentage of its points), standard "
    "deviation, discrimination index (100 times the correlation of the question's points with "
    "the rest of the test, as Moodle computes it) and, for choice, multiple-answer and "
    "true/false questions, how many picked each option. Questions with negative or low "
    "(below 20) discrimination, no spread, or a wrong option nobody picked are flagged. For "
    "the test: mean, median and standard deviation of the percentages, Cronbach's alpha, the "
    "standard error of measurement and a histogram. The verdict counts go to standard error. "
    "docs/TEACHING.md explains each figure. The exit status is 0 when the statistics are "
    "printed, whatever the files' verdicts.",
    item_options, CLI_V_FILE, NULL, 0};

int
cmd_item_stats(int argc, char **argv)
{
    return cli_verify_run(argc, argv, 1);
}

const struct command command_verify = {
    "verify", cmd_verify, "check signed result files and re-grade them; write a gradebook",
    "proctor verify [--roster FILE] [--bank DIR] [--csv FILE [--excel]] [--json] [-j N]\n"
    "              [--files-from FILE|-] [RESULT...]\n"
    "       proctor verify --assignment FILE [--answer-key FILE] [--marks FILE]\n"
    "              [--method highest|last|first|average] [--teacher-key FILE] [--roster FILE]\n"
    "              [--csv FILE [--format proctor|moodle|canvas] [--excel]\n"
    "              [--per-question|--no-per-question]] [--json] [-j N]\n"
    "              [--files-from FILE|-] [RESULT...]",
    "Checks each result file: a strict parse, the signature, the signer in the roster under the "
    "student id, the bank or assignment it was taken on, and the score re-graded from the signed "
    "answers against the score it claims. Then, across all the files, whatever their order: a "
    "file handed in twice counts once, and the same answers or essay under two students (or "
    "one nonce in two files of one student) put every file involved in CONFLICT. Prints one "
    "verdict line per file (FILE: OK 7/10 (70%), FILE: CONFLICT 7/10 (70%): reason, FILE: "
    "INVALID: reason, or FILE: UNCHECKED: give --assignment w3.json for a result of an "
    "assignment not given) and a summary.\n\n"
    "With --assignment the gradebook has one row per student of the roster: graded (OK or "
    "CONFLICT), INVALID (every file refused) or MISSING (nothing handed in), with the grading "
    "method's attempt, and per question the points earned. docs/TEACHING.md describes the "
    "columns and how to import the moodle and canvas shapes. The exit status is 0 when every "
    "file is OK, 1 when one is not.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_verify(int argc, char **argv)
{
    return cli_verify_run(argc, argv, 0);
}

int
cli_verify_run(int argc, char **argv, int item_stats)
{
    const char *cmd = argv[0];
    const char *roster_path = NULL, *bankdir = NULL, *csv = NULL, *files_from = NULL;
    const char *afile = NULL, *keyfile = NULL, *marksfile = NULL, *teacher_key = NULL;
    int json = 0, nthreads = 1, c, rc = EXIT_OK, method = PROCTOR_METHOD_HIGHEST;
    struct cli_csv_shape shape = {PROCTOR_GRADEBOOK_PROCTOR, 0};
    struct source src = {0};
    struct proctor_roster *roster = NULL;
    struct proctor_bank *bank = NULL, *key = NULL;
    const struct proctor_bank *grading = NULL;
    struct proctor_assignment *a = NULL;
    struct proctor_marks *marks = NULL;
    struct proctor_verifier *verifier = NULL;
    struct proctor_error err;
    struct batch b = {0};
    struct cli_args args;
    struct class_report report = {0};

    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_ROSTER: roster_path = args.arg; break;
        case O_BANK: bankdir = args.arg; break;
        case O_CSV: csv = args.arg; break;
        case O_JSON: json = 1; break;
        case O_FILES: files_from = args.arg; break;
        case O_ASSIGN: afile = args.arg; break;
        case O_KEY: keyfile = args.arg; break;
        case O_MARKS: marksfile = args.arg; break;
        case O_TEACHER: teacher_key = args.arg; break;
        case O_METHOD:
            if ((method = proctor_method_parse(args.arg)) < 0)
                return cli_usage_error(cmd, "--method is highest, last, first or average");
            break;
        case 'j': {
            long long n = cli_parse_count(args.arg);
            if (n < 1 || n > MAX_THREADS)
                return cli_usage_error(cmd, "-j wants 1 to %d threads", MAX_THREADS);
            nthreads = (int)n;
            break;
        }
        case CLI_EXIT: return args.status;
        default: {
            int e = cli_csv_shape_option(&shape, cmd, &args, c);
            if (e > 0)
                return e;
            break;
        }
        }
    }
    if (optind == argc && !files_from)
        return cli_usage_error(cmd, "no result files given");
    if (item_stats && !afile)
        return cli_usage_error(cmd, "give the assignment the results are of with --assignment "
                                    "FILE");
    if (!afile && (keyfile || marksfile || teacher_key || cli_given(&args, O_METHOD) ||
                   cli_csv_shape_given(&args)))
        return cli_usage_error(cmd, "--answer-key, --marks, --method, --teacher-key, "
                                         "--format and --[no-]per-question go with --assignment");
    if ((rc = cli_csv_shape_check(cmd, &args, csv)) != 0)
        return rc;
    proctor_error_clear(&err);
    if ((rc = cli_load_roster(roster_path, &roster)) != 0)
        return rc;
    if (afile) {
        if ((rc = cli_load_assignment_set(afile, keyfile, marksfile, teacher_key, "--answer-key",
                                          &a, &key, &grading, &marks)) != 0)
            goto out;
    }
    /* Practice results need the bank they were taken on: --bank, or (without an assignment)
     * a trusted default, never ./questions (a student could plant one in a hand-in folder). */
    if (bankdir) {
        if ((rc = cli_load_bank(bankdir, 0, &bank)) != 0)
            goto out;
    } else if (!afile && (bankdir = cli_trusted_bank_dir()) != NULL) {
        struct proctor_error berr;
        if (proctor_bank_load(bankdir, NULL, NULL, NULL, &bank, &berr) != 0) {
            proctor_bank_free(bank);
            bank = NULL;
            bankdir = NULL;
        }
    }
    if (proctor_verifier_new(roster, bank, &verifier, &err) < 0 ||
        (a && proctor_verifier_set_assignment(verifier, a, grading, marks, &err) < 0)) {
        rc = cli_report(&err);
        goto out;
    }
    src.args = argv + optind;
    src.nargs = argc - optind;
    if (files_from) {
        src.list = strcmp(files_from, "-") == 0 ? stdin : fopen(files_from, "r");
        if (!src.list) {
            cli_errorf("%s: cannot open: %s", files_from, strerror(errno));
            rc = EXIT_IO;
            goto out;
        }
    }
    /* Every file is checked first (on nthreads), then the checks across files settle each
     * verdict: nothing is printed before every file is seen, so their order decides nothing. */
    {
        char *p;
        size_t cap = 0;
        while ((p = next_path(&src))) {
            if (b.n == cap) {
                struct class_file *nj = realloc(b.jobs, (cap = cap ? cap * 2 : 256) * sizeof *nj);
                if (!nj) {
                    free(p);
                    goto oom;
                }
                b.jobs = nj;
            }
            memset(&b.jobs[b.n], 0, sizeof b.jobs[b.n]);
            b.jobs[b.n++].path = p;
        }
    }
    if (src.list && ferror(src.list)) {
        cli_errorf("%s: cannot read: %s", files_from, strerror(errno));
        rc = EXIT_IO;
        goto out;
    }
    b.verifier = verifier;
    run_batch(&b, nthreads);
    if (json && !item_stats) {
        /* each file's own verdict, before the checks across files: what gradebook reads */
        char against[PROCTOR_AGAINST_MAX];
        proctor_verdict_against(a ? a->digest : NULL, a ? a->id : NULL,
                                bank ? bank->digest : NULL, against, sizeof against);
        for (size_t i = 0; i < b.n; i++)
            if (!(b.jobs[i].check = proctor_verdict_json(&b.jobs[i].v, against)))
                goto oom;
    }
    report.cmd = cmd;
    report.roster = roster;
    report.a = a;
    report.grading = grading;
    report.bank = bank;
    report.bankdir = bankdir;
    report.method = method;
    report.format = shape.format;
    report.json = json;
    report.item_stats = item_stats;
    report.csv_flags = shape.flags;
    report.csv = csv;
    rc = class_report(&report, b.jobs, b.n);
    goto out;
oom:
    cli_errorf("out of memory");
    rc = EXIT_IO;
out:
    class_files_free(b.jobs, b.n);
    free(src.line);
    if (src.list && src.list != stdin)
        fclose(src.list);
    proctor_verifier_free(verifier);
    proctor_marks_free(marks);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    proctor_bank_free(bank);
    proctor_roster_free(roster);
    return rc;
}
