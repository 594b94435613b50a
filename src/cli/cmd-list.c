/* SPDX-License-Identifier: ISC */
/* cmd-list.c - proctor list: one line per question, filtered. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "proctor/bank-stats.h"
#include "proctor/session.h"
#include "render.h"
#include "untrusted.h"

enum { O_TAGS = 1 };

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor list --bank ~/course/questions", CLI_V_DIR,
     NULL},
    {"doc", 'd', "ID", CLI_REPEAT, CLI_HELP_DOC, "proctor list --doc dallaire-fax", CLI_V_DOC,
     NULL},
    {"tag", 't', "TAG", CLI_REPEAT, CLI_HELP_TAG, "proctor list --tag dates", CLI_V_TAG, NULL},
    {"type", 'y', "TYPE", CLI_REPEAT, CLI_HELP_TYPE, "proctor list --type order --type match",
     CLI_V_TYPE, NULL},
    {"difficulty", CLI_K_DIFFICULTY, "N", CLI_REPEAT, CLI_HELP_DIFFICULTY,
     "proctor list --difficulty 3", CLI_V_WORDS, "1 2 3"},
    {"level", CLI_K_LEVEL, "LEVEL", CLI_REPEAT, CLI_HELP_LEVEL,
     "proctor list --level understanding --level analysis", CLI_V_WORDS,
     "recall understanding analysis"},
    {"tags", O_TAGS, NULL, 0,
     "list the tags of the chosen questions instead, with how many questions have each, most "
     "used first",
     "proctor list --tags --doc withdrawal", CLI_V_NONE, NULL},
    {0}};

const struct command command_list = {
    "list", cmd_list, "list the questions, one per line",
    "proctor list [--bank DIR] [--doc ID]... [--tag TAG]... [--type TYPE]... [--difficulty N]...\n"
    "       [--level LEVEL]... [--tags]",
    "One line per question: its id, type, document, difficulty, level and the start of its "
    "prompt. The selection options keep the questions that match one value of each option "
    "given. With --tags, one line per tag instead: the tag and how many of those questions "
    "have it.",
    options, CLI_V_NONE, NULL, 0};

/* One line per tag of the chosen questions: the tag and how many have it, most used first. */
static int
list_tags(const struct proctor_bank *bank, const struct proctor_filter *f)
{
    struct proctor_bank_stats *s;
    struct proctor_error err;

    if (proctor_bank_stats(bank, f, NULL, &s, &err) < 0)
        return cli_report(&err);
    for (size_t i = 0; i < s->ntags; i++)
        printf("%-24s %zu\n", untrusted_str(s->tags[i].tag), s->tags[i].n);
    proctor_bank_stats_free(s);
    return EXIT_OK;
}

int
cmd_list(int argc, char **argv)
{
    const char *bankdir = NULL;
    struct cli_filter cf;
    struct proctor_bank *bank = NULL;
    struct cli_args a;
    int c, rc, tags = 0;
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
        case O_TAGS: tags = 1; break;
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
    if (tags) {
        rc = list_tags(bank, &cf.f);
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
