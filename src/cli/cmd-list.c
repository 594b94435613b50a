/* SPDX-License-Identifier: ISC */
/* cmd-list.c - proctor list: one line per question, filtered. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "proctor/session.h"
#include "render.h"
#include "untrusted.h"

int
cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {{"bank", required_argument, NULL, 'b'},
                                         {"doc", required_argument, NULL, 'd'},
                                         {"tag", required_argument, NULL, 't'},
                                         {"type", required_argument, NULL, 'y'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *bankdir = NULL;
    struct cli_filter cf;
    struct proctor_bank *bank = NULL;
    int c, rc;
    size_t shown = 0;

    memset(&cf, 0, sizeof cf);
    while ((c = getopt_long(argc, argv, "b:d:t:y:h", opts, NULL)) != -1) {
        if ((rc = cli_filter_option(&cf, "list", c, optarg)) >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'b':
            if (bankdir)
                return cli_usage_error("list", "--bank given twice");
            bankdir = optarg;
            break;
        case 'h': return cli_print_help("list");
        default: return cli_bad_option("list", argv);
        }
    }
    if (optind != argc)
        return cli_usage_error("list", "unexpected argument '%s'", argv[optind]);
    rc = cli_load_bank(cli_bank_dir(bankdir), PROCTOR_BANK_NO_DIGEST, &bank);
    if (rc)
        return rc;
    if ((rc = cli_filter_check_docs(&cf, bank)) != 0) {
        proctor_bank_free(bank);
        return rc;
    }
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        if (!proctor_filter_match(&cf.f, q))
            continue;
        printf("%-28s %-9s %-13s d%d %-13s ", q->id, proctor_qtype_name(q->type),
               q->doc ? q->doc->id : "-", q->difficulty, proctor_level_name(q->level));
        /* the prompt's first line, cut (between characters) to keep one line per question */
        {
            size_t n = strcspn(q->prompt, "\n"), cut = n > 60 ? 57 : n;
            while (cut < n && cut > 0 && ((unsigned char)q->prompt[cut] & 0xC0) == 0x80)
                cut--;
            untrusted_write(stdout, q->prompt, cut, 0);
            puts(cut < n ? "..." : "");
        }
        shown++;
    }
    proctor_bank_free(bank);
    return EXIT_OK;
}
