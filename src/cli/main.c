/* SPDX-License-Identifier: ISC */
/* main.c - the proctor program: set up, dispatch a subcommand, check stdout, exit. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"

const struct command *const commands[] = {
    &command_practice, &command_study, &command_stats, &command_lint,   &command_list,   &command_show,
    &command_coverage, &command_init,   &command_add_doc, &command_import, &command_export, &command_keygen, &command_key,    &command_roster,
    &command_verify,   &command_gradebook, &command_item_stats, &command_assign, &command_take,   &command_mark,
    &command_return,   &command_review, &command_show_result, &command_inspect,
    &command_fsrs,     &command_help,     &command_complete, NULL};

const struct command *
cli_find_command(const char *name)
{
    for (const struct command *const *c = commands; *c; c++)
        if (strcmp((*c)->name, name) == 0)
            return *c;
    return NULL;
}

static void
print_overview(FILE *f)
{
    fprintf(f, "usage: proctor [--help] [--version] COMMAND [ARGS]\n\n"
               "proctor: quizzes on source documents, with results a teacher can verify.\n\n"
               "commands:\n");
    for (const struct command *const *c = commands; *c; c++)
        if (!((*c)->flags & CMD_HIDDEN))
            fprintf(f, "  %-12s %s\n", (*c)->name, (*c)->summary);
    fprintf(f, "\nRun 'proctor help COMMAND' for a command's options; see proctor(1).\n"
               "Exit status: 0 ok, 1 verification failed, 2 usage, 3 bad data, 4 system or "
               "I/O error.\n");
}

enum { O_ROFF = 1 };
static const struct cli_option help_options[] = {
    {"roff", O_ROFF, NULL, 0,
     "print the options of every command as the OPTIONS section of the man page (roff), "
     "as 'make man' puts it in docs/proctor.1",
     "proctor help --roff", CLI_V_NONE, NULL},
    {0}};

const struct command command_help = {
    "help", cmd_help, "show help for a command", "proctor help [COMMAND]",
    "Without a command, lists the commands. With one, shows its usage, what it does and every "
    "option with an example; 'proctor COMMAND --help' shows the same.",
    help_options, CLI_V_COMMAND, NULL, 0};

int
cmd_help(int argc, char **argv)
{
    struct cli_args a;
    const struct command *c;
    int k, roff = 0;

    cli_args_init(&a, argc, argv);
    while ((k = cli_next(&a)) != CLI_END) {
        switch (k) {
        case O_ROFF: roff = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (roff) {
        if (optind != argc)
            return cli_usage_error("help", "--roff takes no command");
        cli_print_roff_options(stdout);
        return EXIT_OK;
    }
    if (optind == argc) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (optind + 1 < argc)
        return cli_usage_error("help", "too many arguments");
    c = cli_find_command(argv[optind]);
    if (!c)
        return cli_unknown_command(argv[optind]);
    cli_print_command_help(stdout, c);
    return EXIT_OK;
}

static int
finish_stdout(int status)
{
    /* A full disk or closed pipe must not end in exit 0. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            cli_errorf("cannot write standard output: %s", strerror(errno));
        return status ? status : EXIT_IO;
    }
    return status;
}

int
main(int argc, char **argv)
{
    const struct command *c;

    setlocale(LC_ALL, "");
    if (sodium_init() < 0) {
        cli_errorf("cannot initialise libsodium");
        return EXIT_IO;
    }
    if (argc < 2) {
        print_overview(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_overview(stdout);
        return finish_stdout(EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("proctor %s\n", PROCTOR_VERSION);
        return finish_stdout(EXIT_OK);
    }
    c = cli_find_command(argv[1]);
    if (!c)
        return cli_unknown_command(argv[1]);
    return finish_stdout(c->fn(argc - 1, argv + 1));
}
