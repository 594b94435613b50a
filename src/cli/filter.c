/* SPDX-License-Identifier: ISC */
/* filter.c - the selection options (--doc, --tag, --type, --difficulty, --level) shared by list,
 * practice and assign. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int
cli_filter_option(struct cli_filter *cf, const char *cmd, int c, const char *arg)
{
    const char **v;
    size_t *n;

    switch (c) {
    case CLI_K_DIFFICULTY: {
        long long d = cli_parse_count(arg);
        if (d < 1 || d > 3)
            return cli_usage_error(cmd, "--difficulty is 1, 2 or 3, not '%s'", arg);
        cf->f.difficulties |= 1u << d;
        return 0;
    }
    case CLI_K_LEVEL: {
        int l = proctor_level_parse(arg);
        if (l < 0)
            return cli_usage_error(cmd, "--level is recall, understanding or analysis, not '%s'",
                                   arg);
        cf->f.levels |= 1u << l;
        return 0;
    }
    case 'd': v = cf->docs; n = &cf->f.ndocs; break;
    case 't': v = cf->tags; n = &cf->f.ntags; break;
    case 'y':
        if (proctor_qtype_parse(arg) < 0)
            return cli_usage_error(cmd, "unknown question type '%s' (" PROCTOR_QTYPE_NAMES ")",
                                   arg);
        v = cf->types;
        n = &cf->f.ntypes;
        break;
    default: return -1;
    }
    if (*n == CLI_MAX_FILTER)
        return cli_usage_error(cmd, "too many values for one selection option");
    v[(*n)++] = arg;
    cf->f.docs = cf->docs;
    cf->f.tags = cf->tags;
    cf->f.types = cf->types;
    return 0;
}

int
cli_filter_check_docs(const struct cli_filter *cf, const struct proctor_bank *bank)
{
    for (size_t i = 0; i < cf->f.ndocs; i++) {
        if (proctor_bank_doc(bank, cf->docs[i]))
            continue;
        cli_errorf("no document '%s' in the bank; the documents are:", cf->docs[i]);
        for (size_t k = 0; k < bank->ndocs; k++)
            fprintf(stderr, "  %s  %s\n", bank->docs[k].id, bank->docs[k].title);
        return EXIT_USAGE;
    }
    return 0;
}
