/* SPDX-License-Identifier: ISC */
/* cmd-list.c - proctor list: one line per question, filtered. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "proctor/session.h"
#include "render.h"
#include "untrusted.h"

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor list --bank ~/course/questions", CLI_V_DIR,
     NULL},
    {"doc", 'd', "ID", CLI_REPEAT, CLI_HELP_DOC, "proctor list --doc dallaire-fax", CLI_V_DOC,
     NULL},
    {"tag", 't', "TAG", CLI_REPEAT, CLI_HELP_TAG, "proctor list --tag dates", CLI_V_TAG, NULL},
    {"type", 'y', "TYPE", CLI_REPEAT, CLI_HELP_TYPE, "proctor list --type order --type match",
     CLI_V_TYPE, NULL},
    {0}};

const struct command command_list = {
    "list", cmd_list, "list the questions, one per line",
    "proctor list [--bank DIR] [--doc ID]... [--tag TAG]... [--type TYPE]...",
    "One line per question: its id, type, document, difficulty, level and the start of its "
    "prompt. The selection options keep the questions that match one value of each option "
    "given.",
    options, CLI_V_NONE, NULL, 0};

int
cmd_list(int argc, char **argv)
{
    const char *bankdir = NULL;
    struct cli_filter cf;
    struct proctor_bank *bank = NULL;
    struct cli_args a;
    int c, rc;
    size_t shown = 0;

    memset(&cf, 0, sizeof cf);
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        if ((rc = cli_filter_option(&cf, "list", c, a.arg)) >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case CLI_EXIT: return a.status;
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
