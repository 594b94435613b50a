/* SPDX-License-Identifier: ISC */
/* cmd-import.c - proctor import gift|aiken: questions from Moodle's formats into a bank. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "proctor/bank.h"
#include "proctor/fileio.h"
#include "proctor/import.h"
#include "proctor/limits.h"
#include "untrusted.h"

static const struct cli_option options[] = {
    {"into", 'i', "DIR", 0, "the bank to add the questions to (required)",
     "proctor import gift quiz.gift --into week1", CLI_V_DIR, NULL},
    {"doc", 'd', "ID", 0,
     "tie each question that names no passage to this document of the bank, when its text "
     "quotes the document (words in quotation marks); the others are listed",
     "proctor import gift quiz.gift --into week1 --doc letter", CLI_V_DOC, NULL},
    {"dry-run", 'n', NULL, 0, "check and report, but write nothing",
     "proctor import gift --dry-run quiz.gift --into week1", CLI_V_NONE, NULL},
    {0}};

const struct command command_import = {
    "import",
    cmd_import,
    "import questions from Moodle's GIFT or Aiken format",
    "proctor import gift|aiken FILE... --into DIR [--doc ID] [--dry-run]",
    "Reads each FILE as Moodle reads it (GIFT: every question type, weights, feedback, "
    "categories, escapes; Aiken: multiple choice) and writes its questions to the bank as "
    "DIR/gift-NAME.json (or aiken-NAME.json), NAME being the file's name. Each question goes "
    "through the checks of a question written by hand, and a problem is reported at the file's "
    "line and column; a question with a problem is skipped and the others are imported. What "
    "proctor cannot keep exactly (a 50% answer, an answer's own feedback) is imported as close "
    "as it can be and reported as a note. A question gets its id from [id:x] in a comment or "
    "its ::title::, its tags from the $CATEGORY and [tag:x], difficulty 2 and level recall "
    "unless a comment says [difficulty:N] [level:x]; a comment '// [source:DOC] \"quote\"' "
    "cites a passage. docs/IMPORT.md has the details.\n\n"
    "Files must be UTF-8. The exit status is 3 when a question or a file was refused, and a "
    "question file that exists is never overwritten (remove it to import again).",
    options,
    CLI_V_FILE,
    "gift aiken",
    0};

struct report {
    size_t errors, notes;
};

static int
print_problem(void *ctx, const struct proctor_error *e)
{
    struct report *r = ctx;

    if (e->code) {
        r->errors++;
        cli_report(e);
        return 0;
    }
    r->notes++;
    fputs("proctor: note: ", stderr);
    untrusted_puts(stderr, e->path);
    if (e->line > 0)
        fprintf(stderr, ":%ld:%ld", e->line, e->column);
    fputs(": ", stderr);
    untrusted_puts(stderr, e->msg);
    fputc('\n', stderr);
    return 0;
}

static int
count_problem(void *ctx, const struct proctor_error *e)
{
    (void)e;
    ++*(size_t *)ctx;
    return 0;
}

static int
worse(int a, int b)
{
    return a > b ? a : b;
}

/* One file into bank: 0, or an exit status after saying why. */
static int
import_file(struct proctor_bank *bank, const char *dir, enum proctor_import_format fmt,
            const char *path, const char *doc, int dry)
{
    struct proctor_import_stats st;
    struct proctor_error err;
    struct report r = {0, 0};
    struct stat sb;
    char name[128], out[4096], *text = NULL, *json = NULL;
    size_t len;
    int rc;

    proctor_import_file_name(fmt, path, name, sizeof name);
    snprintf(out, sizeof out, "%s/%s", dir, name);
    if (!dry && stat(out, &sb) == 0) {
        cli_errorf("%s: '%s' already exists (an earlier import?); remove it to import the file "
                   "again",
                   path, out);
        return EXIT_USAGE;
    }
    proctor_error_clear(&err);
    if ((rc = proctor_file_read(path, PROCTOR_BANK_FILE_MAX_BYTES, &text, &len, &err)) < 0)
        return cli_report(&err);
    rc = proctor_import(bank, fmt, path, text, len, doc, print_problem, &r, &st, &json, &err);
    free(text);
    if (rc < 0)
        return cli_report(&err);
    if (json && !dry) {
        if ((rc = proctor_file_write(out, json, strlen(json), 0644, PROCTOR_WRITE_NOREPLACE,
                                     &err)) < 0) {
            free(json);
            return rc == PROCTOR_EEXIST ? cli_exists_error(out, 0) : cli_report(&err);
        }
    }
    free(json);
    untrusted_puts(stdout, path);
    printf(": %zu question%s imported", st.imported, st.imported == 1 ? "" : "s");
    if (st.imported) {
        fputs(dry ? " (not written: --dry-run)" : " into ", stdout);
        if (!dry)
            untrusted_puts(stdout, out);
    }
    if (st.refused)
        printf(", %zu refused", st.refused);
    if (st.descriptions)
        printf(", %zu description%s skipped", st.descriptions, st.descriptions == 1 ? "" : "s");
    putchar('\n');
    if (st.categories)
        printf("  %zu categor%s, each a tag of the questions after it\n", st.categories,
               st.categories == 1 ? "y" : "ies");
    if (st.notes)
        printf("  %zu question%s imported with a difference (the notes above)\n", st.notes,
               st.notes == 1 ? "" : "s");
    if (st.feedback)
        printf("  %zu answer%s' own feedback not kept\n", st.feedback, st.feedback == 1 ? "" : "s");
    if (st.unsourced)
        printf("  %zu question%s cite%s no passage ('proctor lint %s' lists them)\n", st.unsourced,
               st.unsourced == 1 ? "" : "s", st.unsourced == 1 ? "s" : "", cli_shell_word(dir));
    return st.refused ? EXIT_DATA : EXIT_OK;
}

int
cmd_import(int argc, char **argv)
{
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    struct cli_args a;
    enum proctor_import_format fmt;
    const char *dir = NULL, *doc = NULL;
    size_t problems = 0;
    int c, dry = 0, status = EXIT_OK, rc;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'i': dir = a.arg; break;
        case 'd': doc = a.arg; break;
        case 'n': dry = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind == argc)
        return cli_usage_error("import", "say which format: gift or aiken");
    if (strcmp(argv[optind], "gift") == 0)
        fmt = PROCTOR_IMPORT_GIFT;
    else if (strcmp(argv[optind], "aiken") == 0)
        fmt = PROCTOR_IMPORT_AIKEN;
    else
        return cli_usage_error("import", "unknown format '%s'; give gift or aiken",
                               untrusted_str(argv[optind]));
    if (++optind == argc)
        return cli_usage_error("import", "give the %s file(s) to import", argv[optind - 1]);
    if (!dir)
        return cli_usage_error("import", "give the bank to import into with --into DIR");
    proctor_error_clear(&err);
    rc = proctor_bank_load_flags(dir, NULL, PROCTOR_BANK_NO_DIGEST, count_problem, &problems, &bank,
                                 &err);
    if (rc < 0 || !bank)
        return cli_report_bank(dir, &err);
    /* a new bank has no questions, which lint counts as a problem; any other problem is the
     * bank's own, not the import's: said, and the import goes on */
    if (problems && bank->nquestions)
        fprintf(stderr,
                "proctor: note: the bank in '%s' has %zu problem%s ('proctor lint %s' "
                "lists them)\n",
                untrusted_str(dir), problems, problems == 1 ? "" : "s", cli_shell_word(dir));
    if (doc && !proctor_bank_doc(bank, doc)) {
        cli_usage_error("import", "the bank has no document '%s' (see 'proctor coverage')",
                        untrusted_str(doc));
        proctor_bank_free(bank);
        return EXIT_USAGE;
    }
    for (int i = optind; i < argc; i++)
        status = worse(status, import_file(bank, dir, fmt, argv[i], doc, dry));
    proctor_bank_free(bank);
    return status;
}
