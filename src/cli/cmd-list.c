/* SPDX-License-Identifier: ISC */
/* cmd-list.c - proctor list: one line per question, filtered. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "proctor/session.h"
#include "render.h"

#define MAX_FILTER 32

int
cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {{"bank", required_argument, NULL, 'b'},
                                         {"doc", required_argument, NULL, 'd'},
                                         {"tag", required_argument, NULL, 't'},
                                         {"type", required_argument, NULL, 'y'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *bankdir = NULL, *docs[MAX_FILTER], *tags[MAX_FILTER], *types[MAX_FILTER];
    struct proctor_filter f = {0};
    struct proctor_bank *bank = NULL;
    int c, rc;
    size_t shown = 0;

    while ((c = getopt_long(argc, argv, "b:d:t:y:h", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if (bankdir)
                return cli_usage_error("list", "--bank given twice");
            bankdir = optarg;
            break;
        case 'd':
            if (f.ndocs == MAX_FILTER)
                return cli_usage_error("list", "too many --doc options");
            docs[f.ndocs++] = optarg;
            break;
        case 't':
            if (f.ntags == MAX_FILTER)
                return cli_usage_error("list", "too many --tag options");
            tags[f.ntags++] = optarg;
            break;
        case 'y':
            if (proctor_qtype_parse(optarg) < 0)
                return cli_usage_error("list", "unknown question type '%s'", optarg);
            if (f.ntypes == MAX_FILTER)
                return cli_usage_error("list", "too many --type options");
            types[f.ntypes++] = optarg;
            break;
        case 'h': return cli_print_help("list");
        default: return cli_usage_error("list", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("list", "unexpected argument '%s'", argv[optind]);
    f.docs = docs;
    f.tags = tags;
    f.types = types;
    rc = cli_load_bank(cli_bank_dir(bankdir), &bank);
    if (rc)
        return rc;
    for (size_t i = 0; i < f.ndocs; i++)
        if (!proctor_bank_doc(bank, docs[i])) {
            cli_errorf("no document '%s' in the bank", docs[i]);
            proctor_bank_free(bank);
            return EXIT_USAGE;
        }
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        if (!proctor_filter_match(&f, q))
            continue;
        printf("%-28s %-9s %-13s d%d %-13s ", q->id, proctor_qtype_name(q->type),
               q->doc ? q->doc->id : "-", q->difficulty, proctor_level_name(q->level));
        /* the prompt's first line, cut to keep one line per question */
        {
            size_t n = strcspn(q->prompt, "\n");
            if (n > 60)
                printf("%.57s...\n", q->prompt);
            else
                printf("%.*s\n", (int)n, q->prompt);
        }
        shown++;
    }
    proctor_bank_free(bank);
    return EXIT_OK;
}
