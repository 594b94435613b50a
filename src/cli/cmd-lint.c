/* SPDX-License-Identifier: ISC */
/* cmd-lint.c - proctor lint: check a bank's schema, answers and passage references. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "render.h"

struct lint_ctx {
    int quiet;
};

static int
lint_bank(const char *dir, const char *const *files, int quiet)
{
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    int n;

    proctor_error_clear(&err);
    n = proctor_bank_load_flags(dir, files, PROCTOR_BANK_NO_DIGEST, cli_print_diag, NULL, &bank,
                                &err);
    if (n < 0)
        return cli_report_bank(dir, &err);
    if (n > 0) {
        fprintf(stderr, "proctor: %s: %d problem%s found\n", dir, n, n == 1 ? "" : "s");
        proctor_bank_free(bank);
        return EXIT_DATA;
    }
    if (!quiet)
        printf("%s: %zu question%s, %zu document%s: ok\n", dir, bank->nquestions,
               bank->nquestions == 1 ? "" : "s", bank->ndocs, bank->ndocs == 1 ? "" : "s");
    proctor_bank_free(bank);
    return EXIT_OK;
}

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0,
     "the bank that question files given as PATH are checked against (default: the directory "
     "each file is in); without PATH, the bank to check (default: $PROCTOR_BANK, else "
     "./questions, else the installed bank)",
     "proctor lint --bank questions draft.json", CLI_V_DIR, NULL},
    {"quiet", 'q', NULL, 0, "print nothing when the bank is fine; problems are still reported",
     "proctor lint --quiet questions", CLI_V_NONE, NULL},
    {0}};

const struct command command_lint = {
    "lint", cmd_lint, "check a question bank: schema, answers, passage references",
    "proctor lint [--bank DIR] [--quiet] [PATH...]",
    "Checks a bank: the JSON, every question's members, that its answers can be satisfied, "
    "unique ids, and that every quote occurs once in its document. A PATH is a bank directory "
    "or a question file. Every problem is reported as FILE:LINE:COLUMN: MESSAGE; the exit "
    "status is 3 when there is one.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_lint(int argc, char **argv)
{
    const char *bank = NULL;
    struct cli_args a;
    int c, quiet = 0, status = EXIT_OK;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bank = a.arg; break;
        case 'q': quiet = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind == argc)
        return lint_bank(cli_bank_dir(bank), NULL, quiet);
    for (int i = optind; i < argc; i++) {
        struct stat st;
        int rc;
        if (stat(argv[i], &st) < 0) {
            cli_errorf("cannot open '%s': No such file or directory", argv[i]);
            rc = EXIT_IO;
        } else if (S_ISDIR(st.st_mode)) {
            rc = lint_bank(argv[i], NULL, quiet);
        } else {
            /* a question file is checked against the bank it sits in (or --bank) */
            char dir[PATH_MAX];
            const char *files[2] = {argv[i], NULL}, *slash = strrchr(argv[i], '/');
            if (bank)
                snprintf(dir, sizeof dir, "%s", bank);
            else if (slash)
                snprintf(dir, sizeof dir, "%.*s", (int)(slash - argv[i]), argv[i]);
            else
                snprintf(dir, sizeof dir, ".");
            rc = lint_bank(dir, files, quiet);
        }
        if (rc > status)
            status = rc;
    }
    return status;
}
