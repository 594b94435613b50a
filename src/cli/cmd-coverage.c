/* SPDX-License-Identifier: ISC */
/* cmd-coverage.c - proctor coverage: each document's paragraphs and the questions citing them. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "proctor/coverage.h"
#include "render.h"

static void
excerpt(const struct proctor_doc *d, const struct proctor_para *p, char *buf, size_t size)
{
    size_t o = 0;
    for (size_t i = p->start; i < p->end && o + 4 < size; i++) {
        char c = d->text[i];
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
        if (c == ' ' && o > 0 && buf[o - 1] == ' ')
            continue;
        buf[o++] = c;
    }
    if (o + 4 >= size) {
        /* don't cut a UTF-8 sequence in half */
        while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && ((unsigned char)buf[o - 1] & 0x80))
            o--;
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
}

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor coverage --bank ~/course/questions",
     CLI_V_DIR, NULL},
    {"doc", 'd', "ID", 0, "only the paragraphs of the document with this id",
     "proctor coverage --doc withdrawal", CLI_V_DOC, NULL},
    {"missing", 'm', NULL, 0, "list only the paragraphs of content that no question cites",
     "proctor coverage --missing", CLI_V_NONE, NULL},
    {0}};

const struct command command_coverage = {
    "coverage", cmd_coverage, "list each document's paragraphs with the questions citing them",
    "proctor coverage [--bank DIR] [--doc ID] [--missing]",
    "Lists each paragraph of each document with the number of questions citing it. Paragraphs "
    "of fewer than six words, those the manifest lists under skip, and repeats of an earlier "
    "paragraph need no question. The exit status is 1 when a paragraph of content has none.",
    options, CLI_V_NONE, NULL, 0};

int
cmd_coverage(int argc, char **argv)
{
    const char *bankdir = NULL, *only = NULL;
    struct proctor_bank *bank = NULL;
    struct cli_args a;
    int c, rc, missing_only = 0;
    size_t missing = 0;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case 'd': only = a.arg; break;
        case 'm': missing_only = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind != argc)
        return cli_usage_error("coverage", "unexpected argument '%s'", argv[optind]);
    rc = cli_load_bank(cli_bank_dir(bankdir), PROCTOR_BANK_NO_DIGEST, &bank);
    if (rc)
        return rc;
    if (only && !proctor_bank_doc(bank, only)) {
        cli_errorf("no document '%s' in the bank", only);
        proctor_bank_free(bank);
        return EXIT_USAGE;
    }
    for (size_t di = 0; di < bank->ndocs; di++) {
        const struct proctor_doc *d = &bank->docs[di];
        struct proctor_para_cov *cov;
        size_t n, content = 0, cited = 0, nq = 0;
        char ex[72];

        if (only && strcmp(only, d->id) != 0)
            continue;
        if (proctor_coverage(bank, d, &cov, &n) < 0) {
            cli_errorf("out of memory");
            proctor_bank_free(bank);
            return EXIT_IO;
        }
        for (size_t p = 0; p < n; p++) {
            nq += cov[p].nqs;
            if (cov[p].kind == PROCTOR_COV_CONTENT) {
                content++;
                cited += cov[p].covered;
            }
        }
        printf("%s: %zu of %zu content paragraphs cited (%zu questions in all)\n", d->id, cited,
               content, nq);
        for (size_t p = 0; p < n; p++) {
            const char *mark = "";
            if (missing_only && cov[p].covered)
                continue;
            switch (cov[p].kind) {
            case PROCTOR_COV_SHORT: mark = "short"; break;
            case PROCTOR_COV_SKIP: mark = "skip"; break;
            case PROCTOR_COV_REPEAT: mark = cov[p].covered ? "repeat" : "MISSING"; break;
            case PROCTOR_COV_CONTENT: mark = cov[p].covered ? "ok" : "MISSING"; break;
            }
            if (!cov[p].covered)
                missing++;
            excerpt(d, cov[p].para, ex, sizeof ex);
            printf("  %4ld %-7s %2zu  %s", cov[p].para->line, mark, cov[p].nqs, ex);
            if (cov[p].nqs) {
                printf("  <-");
                for (size_t k = 0; k < cov[p].nqs; k++)
                    printf(" %s", cov[p].qs[k]->id);
            }
            printf("\n");
        }
        proctor_coverage_free(cov, n);
    }
    proctor_bank_free(bank);
    if (missing) {
        cli_errorf("%zu paragraph%s of content cited by no question", missing,
                   missing == 1 ? "" : "s");
        return EXIT_VERIFY;
    }
    return EXIT_OK;
}
