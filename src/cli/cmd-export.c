/* SPDX-License-Identifier: ISC */
/* cmd-export.c - proctor export gift|qti: a bank's questions for Moodle and QTI 3.0 systems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "proctor/bank.h"
#include "proctor/export.h"
#include "proctor/fileio.h"
#include "render.h"
#include "untrusted.h"

enum { O_FORCE = 1 };

#define MAX_DOCS 64

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor export gift --bank week1 > week1.gift",
     CLI_V_DIR, NULL},
    {"doc", 'd', "ID", CLI_REPEAT, CLI_HELP_DOC,
     "proctor export gift --doc dallaire-fax > fax.gift", CLI_V_DOC, NULL},
    {"out", 'o', "FILE", 0,
     "write to FILE (atomically) instead of standard output; qti: the package, required",
     "proctor export gift --out bank.gift", CLI_V_FILE, NULL},
    {"force", O_FORCE, NULL, 0, "with --out: replace FILE if it exists",
     "proctor export gift --out bank.gift --force", CLI_V_NONE, NULL},
    {0}};

const struct command command_export = {
    "export",
    cmd_export,
    "write the bank's questions as GIFT for Moodle",
    "proctor export gift [--bank DIR] [--doc ID]... [--out FILE [--force]]",
    "Writes the questions (those citing --doc ID, or all) in Moodle's GIFT format, which "
    "Moodle imports and 'proctor import gift' reads back into questions that grade every "
    "response the same way. GIFT has no place for ids, tags, difficulty, level, points, the "
    "passage or an essay's rubric: they go into comments before each question, which Moodle "
    "ignores and proctor reads; the explanation and the passage are the question's general "
    "feedback. Weights come only from Moodle's list of accepted grades. Order and cloze "
    "questions cannot be written in GIFT: each is named on standard error and left out. "
    "docs/IMPORT.md has the details.",
    options,
    CLI_V_NONE,
    "gift",
    0};

static void
skipped(void *ctx, const struct proctor_question *q, const char *why)
{
    ++*(size_t *)ctx;
    fprintf(stderr, "proctor: note: question '%s' (%s) not exported: ", untrusted_str(q->id),
            proctor_qtype_name(q->type));
    untrusted_puts(stderr, why);
    fputc('\n', stderr);
}

int
cmd_export(int argc, char **argv)
{
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    struct cli_args a;
    const char *bankdir = NULL, *out = NULL, *docs[MAX_DOCS];
    size_t ndocs = 0, nskipped = 0, count = 0;
    char *text = NULL;
    int c, force = 0, rc, qti = 0;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case 'd':
            if (ndocs == MAX_DOCS)
                return cli_usage_error("export", "at most %d --doc options", MAX_DOCS);
            docs[ndocs++] = a.arg;
            break;
        case 'o': out = a.arg; break;
        case O_FORCE: force = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind == argc)
        return cli_usage_error("export", "say which format: gift or qti");
    if (strcmp(argv[optind], "gift") == 0)
        qti = 0;
    else if (strcmp(argv[optind], "qti") == 0)
        qti = 1;
    else
        return cli_usage_error("export", "unknown format '%s'; give gift or qti",
                               untrusted_str(argv[optind]));
    if (qti && !out)
        return cli_usage_error("export", "give the package's file with --out FILE.zip");
    if (optind + 1 < argc)
        return cli_usage_error("export", "unexpected '%s'", untrusted_str(argv[optind + 1]));
    if (force && !out)
        return cli_usage_error("export", "--force goes with --out");
    if ((rc = cli_load_bank(cli_bank_dir(bankdir), PROCTOR_BANK_NO_DIGEST, &bank)) != 0)
        return rc;
    for (size_t i = 0; i < ndocs; i++)
        if (!proctor_bank_doc(bank, docs[i])) {
            proctor_bank_free(bank);
            return cli_usage_error("export", "the bank has no document '%s'",
                                   untrusted_str(docs[i]));
        }
    proctor_error_clear(&err);
    if (qti) {
        rc = proctor_export_qti(bank, docs, ndocs, out, force ? 0 : PROCTOR_WRITE_NOREPLACE, &count,
                                &err);
        proctor_bank_free(bank);
        if (rc < 0)
            return rc == PROCTOR_EEXIST ? cli_exists_error(out, 1) : cli_report(&err);
        printf("Wrote %zu item%s to ", count, count == 1 ? "" : "s");
        untrusted_puts(stdout, out);
        putchar('\n');
        return EXIT_OK;
    }
    rc = proctor_export_gift(bank, docs, ndocs, skipped, &nskipped, &text, &count, &err);
    proctor_bank_free(bank);
    if (rc < 0)
        return cli_report(&err);
    if (out) {
        rc = proctor_file_write(out, text, strlen(text), 0644, force ? 0 : PROCTOR_WRITE_NOREPLACE,
                                &err);
        free(text);
        if (rc < 0)
            return rc == PROCTOR_EEXIST ? cli_exists_error(out, 1) : cli_report(&err);
        printf("Wrote %zu question%s to ", count, count == 1 ? "" : "s");
        untrusted_puts(stdout, out);
        if (nskipped)
            printf(" (%zu not expressible in GIFT, named above)", nskipped);
        putchar('\n');
        return EXIT_OK;
    }
    fputs(text, stdout);
    free(text);
    if (nskipped)
        fprintf(stderr, "proctor: %zu question%s written, %zu not expressible in GIFT\n", count,
                count == 1 ? "" : "s", nskipped);
    return EXIT_OK;
}
