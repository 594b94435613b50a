/* SPDX-License-Identifier: ISC */
/* cmd-lint.c - proctor lint: check a bank's schema, answers and passage references. */
#include <getopt.h>
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
        return cli_report(&err);
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

int
cmd_lint(int argc, char **argv)
{
    static const struct option opts[] = {{"bank", required_argument, NULL, 'b'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *bank = NULL;
    int c, quiet = 0, status = EXIT_OK;

    while ((c = getopt_long(argc, argv, "b:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if (bank)
                return cli_usage_error("lint", "--bank given twice");
            bank = optarg;
            break;
        case 'q': quiet = 1; break;
        case 'h': return cli_print_help("lint");
        default: return cli_bad_option("lint", argv);
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
