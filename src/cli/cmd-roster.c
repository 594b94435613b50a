/* SPDX-License-Identifier: ISC */
/* cmd-roster.c - proctor roster add|list: the teacher's file of student public keys. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/keys.h"
#include "untrusted.h"

const char *
cli_default_roster(void)
{
    static char buf[PATH_MAX];
    const char *dir = cli_data_dir(0);

    if (!dir)
        return NULL;
    snprintf(buf, sizeof buf, "%s/roster", dir);
    return buf;
}

int
cli_load_roster(const char *path, struct proctor_roster **out)
{
    struct proctor_error err;

    *out = NULL;
    if (!path && !(path = cli_default_roster())) {
        cli_errorf("no roster: set HOME or XDG_DATA_HOME, or give --roster FILE");
        return EXIT_IO;
    }
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        cli_errorf("no roster at '%s'; add students with 'proctor roster add', or give "
                   "--roster FILE",
                   path);
        return EXIT_IO;
    }
    proctor_error_clear(&err);
    if (proctor_roster_load(path, out, &err) < 0)
        return cli_report(&err);
    return 0;
}

static int
add_one(const char *roster, const char *line, const char *where, long lineno, int replace,
        int *added)
{
    struct proctor_error err;
    int rc;

    proctor_error_clear(&err);
    rc = proctor_roster_add(roster, line, replace, &err);
    if (rc < 0) {
        if (!err.path[0] && where) {
            snprintf(err.path, sizeof err.path, "%s", where);
            err.line = lineno;
        }
        return cli_report(&err);
    }
    *added += rc == 0;
    return 0;
}

/* Adds every non-blank, non-comment line of file ("-" = standard input). */
static int
add_file(const char *roster, const char *file, int replace, int *added)
{
    FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = 0;

    if (!f) {
        cli_errorf("%s: cannot open: %s", file, strerror(errno));
        return EXIT_IO;
    }
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if ((rc = add_one(roster, line, file, lineno, replace, added)) != 0)
            break;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

enum { O_REPLACE = 1 };

static const struct cli_option options[] = {
    {"roster", 'r', "FILE", 0,
     "the roster file (default: $XDG_DATA_HOME/proctor/roster, i.e. "
     "~/.local/share/proctor/roster)",
     "proctor roster --roster class3.roster list", CLI_V_FILE, NULL},
    {"replace", O_REPLACE, NULL, 0,
     "with add: replace the key of a student already in the roster (a student who made a new "
     "key) instead of refusing",
     "proctor roster add --replace s123.pub", CLI_V_NONE, NULL},
    {0}};

const struct command command_roster = {
    "roster", cmd_roster, "add student public keys to the roster, or list it",
    "proctor roster [--roster FILE] add [--replace] (LINE | FILE | -)...\n"
    "       proctor roster [--roster FILE] list",
    "add takes public key lines as students' 'proctor key export' prints them: given as "
    "arguments, in files (one a line; # starts a comment), or on standard input (-). A student "
    "id already in the roster with another key is refused unless --replace. list prints one "
    "line per student: id, key id and name. verify, mark and return check signers against "
    "this roster.",
    options, CLI_V_FILE, "add list", 0};

int
cmd_roster(int argc, char **argv)
{
    const char *roster = NULL, *sub;
    int replace = 0, c, rc = 0, added = 0, is_default = 0;
    struct proctor_roster *r = NULL;
    struct cli_args a;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'r': roster = a.arg; break;
        case O_REPLACE: replace = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind >= argc)
        return cli_usage_error("roster", "missing subcommand (add or list)");
    sub = argv[optind++];
    if (!roster) {
        if (!(roster = cli_default_roster())) {
            cli_errorf("no roster: set HOME or XDG_DATA_HOME, or give --roster FILE");
            return EXIT_IO;
        }
        is_default = 1;
    }
    if (strcmp(sub, "add") == 0) {
        if (optind >= argc)
            return cli_usage_error("roster", "add: give public key lines or files of them");
        if (is_default && !cli_data_dir(1))
            return EXIT_IO;
        for (; optind < argc && rc == 0; optind++) {
            const char *word = argv[optind];
            /* a key line has spaces; a file name rarely does */
            if (strchr(word, ' '))
                rc = add_one(roster, word, NULL, 0, replace, &added);
            else
                rc = add_file(roster, word, replace, &added);
        }
        if (rc == 0)
            fprintf(stderr, "proctor: %s: %d key%s added\n", untrusted_str(roster), added,
                    added == 1 ? "" : "s");
        return rc;
    }
    if (strcmp(sub, "list") == 0) {
        if (optind != argc)
            return cli_usage_error("roster", "list: unexpected argument '%s'", argv[optind]);
        if (replace)
            return cli_usage_error("roster", "--replace is for 'roster add'");
        if ((rc = cli_load_roster(roster, &r)) != 0)
            return rc;
        for (size_t i = 0; i < proctor_roster_count(r); i++) {
            const struct proctor_key *k = proctor_roster_get(r, i);
            printf("%-20s %s  %s\n", untrusted_str(k->id), k->keyid, untrusted_str(k->name));
        }
        /* the full check of every key (verify does it only for the keys files name) */
        for (size_t i = 0; i < proctor_roster_count(r); i++) {
            const struct proctor_key *k = proctor_roster_get(r, i), *ok;
            struct proctor_error err;
            proctor_error_clear(&err);
            if (proctor_roster_signer(r, k->keyid, &ok, &err) < 0) {
                cli_errorf("%s: %s; verify refuses every file it signed",
                           untrusted_str(roster ? roster : cli_default_roster()), err.msg);
                rc = EXIT_DATA;
            }
        }
        proctor_roster_free(r);
        return rc;
    }
    return cli_usage_error("roster", "unknown subcommand '%s' (want add or list)", sub);
}
