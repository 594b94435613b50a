/* SPDX-License-Identifier: ISC */
/*
 * cmd-complete.c - proctor __complete: the candidates for the word being completed, read from
 * the commands' option tables, for the bash and zsh completion scripts (scripts/completion/).
 *
 *   proctor __complete WORD...    the words after "proctor" up to the cursor; the last one is
 *                                 the word being completed (empty for a new word)
 *
 * Prints one candidate a line, or a single line "@file" or "@dir" when the word is a file or a
 * directory name, for the shell to complete itself. Never fails loudly: a bank that does not
 * load just offers no ids.
 */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "render.h"

const struct command command_complete = {
    "__complete",
    cmd_complete,
    "candidates for shell completion",
    "proctor __complete WORD...",
    "Prints the completions of the last WORD, given the words before it; used by the bash "
    "and zsh completion scripts.",
    NULL,
    CLI_V_NONE,
    NULL,
    CMD_HIDDEN};

static void
offer(const char *prefix, const char *cur, const char *cand)
{
    size_t n = strlen(cur);
    if (strncmp(cand, cur, n) == 0)
        printf("%s%s\n", prefix, cand);
}

/* The option a word names ("--bank", "--bank=x", "-b"), or NULL. */
static const struct cli_option *
option_of(const struct command *cmd, const char *w)
{
    if (strncmp(w, "--", 2) == 0 && w[2]) {
        size_t n = strcspn(w + 2, "=");
        for (const struct cli_option *o = cmd->options; o && (o->name || o->key); o++)
            if (o->name && strlen(o->name) == n && strncmp(o->name, w + 2, n) == 0)
                return o;
    } else if (w[0] == '-' && w[1] && w[1] != '-') {
        for (const struct cli_option *o = cmd->options; o && (o->name || o->key); o++)
            if (o->key == (unsigned char)w[1])
                return o;
    }
    return NULL;
}

/* The bank the command line names with --bank, else the default one; NULL when it does not
 * load. */
static struct proctor_bank *
bank_of(const struct command *cmd, int n, char **w)
{
    const char *dir = NULL;
    struct proctor_bank *bank = NULL;
    struct proctor_error err;

    for (int i = 1; i + 1 < n; i++) {
        const struct cli_option *o = option_of(cmd, w[i]);
        if (!o || !o->name || strcmp(o->name, "bank") != 0)
            continue;
        if (strchr(w[i], '='))
            dir = strchr(w[i], '=') + 1;
        else if (i + 2 < n)
            dir = w[i + 1];
    }
    proctor_error_clear(&err);
    if (proctor_bank_load_flags(cli_bank_dir(dir), NULL, PROCTOR_BANK_NO_DIGEST, NULL, NULL, &bank,
                                &err) < 0)
        return NULL;
    return bank;
}

static int
tag_seen_before(const struct proctor_bank *b, size_t qi, size_t ti)
{
    const char *t = b->questions[qi].tags[ti];
    for (size_t i = 0; i <= qi; i++)
        for (size_t k = 0; k < b->questions[i].ntags && (i < qi || k < ti); k++)
            if (strcmp(b->questions[i].tags[k], t) == 0)
                return 1;
    return 0;
}

static void
values(enum cli_value kind, const char *choices, const char *prefix, const char *cur,
       const struct command *cmd, int n, char **w)
{
    struct proctor_bank *bank = NULL;

    switch (kind) {
    case CLI_V_FILE: puts("@file"); return;
    case CLI_V_DIR: puts("@dir"); return;
    case CLI_V_TYPE:
        for (int t = 0; t < PROCTOR_NTYPES; t++)
            offer(prefix, cur, proctor_qtype_name((enum proctor_qtype)t));
        return;
    case CLI_V_COMMAND:
        for (const struct command *const *c = commands; *c; c++)
            if (!((*c)->flags & CMD_HIDDEN))
                offer(prefix, cur, (*c)->name);
        return;
    case CLI_V_WORDS:
        for (const char *p = choices; p && *p;) {
            size_t len = strcspn(p, " ");
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)len, p);
            offer(prefix, cur, word);
            p += len;
            p += strspn(p, " ");
        }
        return;
    case CLI_V_DOC:
    case CLI_V_TAG:
    case CLI_V_QUESTION:
        if (!(bank = bank_of(cmd, n, w)))
            return;
        if (kind == CLI_V_DOC)
            for (size_t d = 0; d < bank->ndocs; d++)
                offer(prefix, cur, bank->docs[d].id);
        else if (kind == CLI_V_QUESTION)
            for (size_t q = 0; q < bank->nquestions; q++)
                offer(prefix, cur, bank->questions[q].id);
        else
            for (size_t q = 0; q < bank->nquestions; q++)
                for (size_t t = 0; t < bank->questions[q].ntags; t++)
                    if (!tag_seen_before(bank, q, t))
                        offer(prefix, cur, bank->questions[q].tags[t]);
        proctor_bank_free(bank);
        return;
    case CLI_V_NONE: return;
    }
}

static void
options_of(const struct command *cmd, const char *cur, int n, char **w)
{
    for (const struct cli_option *o = cmd->options; o && (o->name || o->key); o++) {
        char name[64];
        int given = 0;
        for (int i = 1; i + 1 < n; i++)
            given |= option_of(cmd, w[i]) == o;
        if (given && !(o->flags & CLI_REPEAT))
            continue;
        offer("", cur, cli_option_display(o, name, sizeof name));
    }
    offer("", cur, "--help");
}

int
cmd_complete(int argc, char **argv)
{
    int n = argc - 1, operands = 0;
    char **w = argv + 1;
    const struct command *cmd;
    const char *cur, *prev;
    const struct cli_option *o;

    if (n < 1)
        return EXIT_OK;
    cur = w[n - 1];
    if (n == 1) {
        if (cur[0] == '-') {
            offer("", cur, "--help");
            offer("", cur, "--version");
        } else {
            values(CLI_V_COMMAND, NULL, "", cur, NULL, 0, NULL);
        }
        return EXIT_OK;
    }
    if (!(cmd = cli_find_command(w[0])) || cmd->flags & CMD_HIDDEN)
        return EXIT_OK;
    /* the value of an option: --bank DIR, -b DIR, --bank=DIR */
    prev = n >= 3 ? w[n - 2] : "";
    o = option_of(cmd, prev);
    if (o && o->arg && !strchr(prev, '=') && !(prev[1] != '-' && prev[2])) {
        values(o->value, o->choices, "", cur, cmd, n, w);
        return EXIT_OK;
    }
    if (strncmp(cur, "--", 2) == 0 && strchr(cur, '=')) {
        char prefix[80];
        size_t len = (size_t)(strchr(cur, '=') - cur) + 1;
        o = option_of(cmd, cur);
        if (o && o->arg && len < sizeof prefix) {
            snprintf(prefix, sizeof prefix, "%.*s", (int)len, cur);
            if (o->value == CLI_V_FILE || o->value == CLI_V_DIR)
                values(o->value, NULL, "", "", cmd, n, w);
            else
                values(o->value, o->choices, prefix, cur + len, cmd, n, w);
        }
        return EXIT_OK;
    }
    if (cur[0] == '-') {
        options_of(cmd, cur, n, w);
        return EXIT_OK;
    }
    /* an operand: count the operands before it, skipping options and their values */
    for (int i = 1; i + 1 < n; i++) {
        const struct cli_option *p = option_of(cmd, w[i]);
        if (w[i][0] == '-' && w[i][1]) {
            if (p && p->arg && !strchr(w[i], '=') && !(w[i][1] != '-' && w[i][2]))
                i++;
            continue;
        }
        operands++;
    }
    if (cmd->subcommands && operands == 0)
        values(CLI_V_WORDS, cmd->subcommands, "", cur, cmd, n, w);
    else if (cmd->operands == CLI_V_COMMAND || cmd->operands == CLI_V_QUESTION)
        values(operands == 0 ? cmd->operands : CLI_V_NONE, NULL, "", cur, cmd, n, w);
    else
        values(cmd->operands, NULL, "", cur, cmd, n, w);
    return EXIT_OK;
}
