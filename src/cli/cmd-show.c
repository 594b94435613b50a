/* SPDX-License-Identifier: ISC */
/* cmd-show.c - proctor show: one question with its answer, explanation and passage. */
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "proctor/grade.h"
#include "render.h"
#include "untrusted.h"

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor show --bank ~/course/questions fax-recipient",
     CLI_V_DIR, NULL},
    {0}};

const struct command command_show = {
    "show", cmd_show, "show a question, its answer, explanation and passage",
    "proctor show [--bank DIR] ID",
    "Shows the question with the id ID (see 'proctor list') as the runner would, then its "
    "answer, the other accepted answers, the explanation and the passage with the quoted words "
    "highlighted.",
    options, CLI_V_QUESTION, NULL, 0};

int
cmd_show(int argc, char **argv)
{
    const char *bankdir = NULL;
    struct proctor_bank *bank = NULL;
    const struct proctor_question *q;
    struct proctor_session one;
    struct style st = render_style(stdout);
    struct cli_args a;
    int c, rc;
    char *ans;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("show", optind == argc ? "missing question ID" : "too many arguments");
    rc = cli_load_bank(cli_bank_dir(bankdir), PROCTOR_BANK_NO_DIGEST, &bank);
    if (rc)
        return rc;
    q = proctor_bank_find(bank, argv[optind]);
    if (!q) {
        cli_errorf("no question '%s' in the bank; see 'proctor list'", argv[optind]);
        proctor_bank_free(bank);
        return EXIT_DATA;
    }
    {
        const struct proctor_question *qs[1] = {q};
        size_t *perms[1] = {NULL};
        struct proctor_response resp[1] = {{0}};
        int64_t earned[1] = {0};
        one = (struct proctor_session){.bank = bank, .n = 1, .q = qs, .perm = perms,
                                       .resp = resp, .earned = earned};
        printf("%s%s%s  (%s, difficulty %d, %s; tags:", sty(&st, "bold"), q->id,
               sty(&st, "reset"), proctor_qtype_name(q->type), q->difficulty,
               proctor_level_name(q->level));
        for (size_t i = 0; i < q->ntags; i++)
            printf(" %s", untrusted_str(q->tags[i]));
        printf(")\n");
        render_question(stdout, &st, &one, 0);
    }
    /* a question answered in parts: each part as the runner asks it */
    for (size_t k = 0; proctor_response_parts(q) > 1 && k < proctor_response_parts(q); k++) {
        char head[96];
        snprintf(head, sizeof head, "Gap {%zu}: %s", k + 1, proctor_question_hint(q, k));
        render_wrap(stdout, &st, head, 2);
        render_part(stdout, &st, q, NULL, k);
    }
    ans = proctor_describe_answer(q, NULL);
    printf("\n  %sAnswer:%s\n", sty(&st, "bold"), sty(&st, "reset"));
    render_wrap(stdout, &st, ans ? ans : "?", 4);
    free(ans);
    for (size_t k = 0; k < proctor_response_parts(q); k++) {
        const struct proctor_question *p = proctor_question_part(q, k);
        if (!p || p->type != PROCTOR_SHORT || p->naccept < 2)
            continue;
        if (p == q)
            printf("  Also accepted:");
        else
            printf("  Also accepted for {%zu}:", k + 1);
        for (size_t i = 1; i < p->naccept; i++)
            printf("%s '%s'", i > 1 ? "," : "", untrusted_str(p->accept[i]));
        printf("\n");
    }
    if (q->explain) {
        printf("\n  %sWhy:%s\n", sty(&st, "bold"), sty(&st, "reset"));
        render_wrap(stdout, &st, q->explain, 4);
    }
    printf("\n");
    if (q->doc)
        render_passage(stdout, &st, q);
    else
        printf("  (no passage cited)\n");
    printf("  %s%s:%ld%s\n", sty(&st, "dim"), untrusted_str(q->file), q->line, sty(&st, "reset"));
    proctor_bank_free(bank);
    return EXIT_OK;
}
