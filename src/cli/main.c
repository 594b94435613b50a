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

const struct command commands[] = {
    {"practice", cmd_practice, "practise on the question bank, with feedback and passages",
     "proctor practice [--doc ID]... [--tag T]... [--type T]... [-n N] [--seed N] [--bank DIR]\n"
     "       [--new] [--record FILE [--key FILE] [--passphrase-file F]]"},
    {"lint", cmd_lint, "check a question bank: schema, answers, passage references",
     "proctor lint [--bank DIR] [PATH...]"},
    {"list", cmd_list, "list the questions, one per line",
     "proctor list [--bank DIR] [--doc ID] [--tag T] [--type T]"},
    {"show", cmd_show, "show a question, its answer, explanation and passage",
     "proctor show [--bank DIR] ID"},
    {"coverage", cmd_coverage, "list each document's paragraphs with the questions citing them",
     "proctor coverage [--bank DIR] [--doc ID] [--missing]"},
    {"keygen", cmd_keygen, "make an Ed25519 key pair, the secret key encrypted",
     "proctor keygen (--student ID | --teacher [--id ID]) --name NAME [--out DIR] [--force] "
     "[--no-passphrase | --passphrase-file F]"},
    {"key", cmd_key, "print your one-line public key, or check your passphrase opens the key",
     "proctor key [--key FILE] [--teacher] export\n"
     "       proctor key [--key FILE] [--teacher] [--passphrase-file F] check"},
    {"roster", cmd_roster, "add student public keys to the roster, or list it",
     "proctor roster [--roster FILE] add [--replace] (LINE | FILE | -)...\n"
     "       proctor roster [--roster FILE] list"},
    {"verify", cmd_verify, "check signed result files and re-grade them; write a gradebook",
     "proctor verify [--roster R] [--bank DIR] [--csv F] [--json] [-j N] [--files-from F|-] "
     "[RESULT...]\n"
     "       proctor verify --assignment A [--answer-key K] [--marks M] "
     "[--method highest|last|first|average]\n"
     "              [--teacher-key K] [--roster R] [--csv F] [--json] [-j N] "
     "[--files-from F|-] [RESULT...]"},
    {"assign", cmd_assign, "make a signed assignment (and its answer key) from the bank",
     "proctor assign --title T [--id ID] [--bank DIR] [--question ID]... [--doc D]... "
     "[--tag T]...\n"
     "       [--type T]... [--difficulty N] [-n COUNT] [--due WHEN] [--time-limit MINUTES]\n"
     "       [--attempts N] [--no-shuffle] [--sealed | --open] [--key FILE] "
     "[--passphrase-file F]\n"
     "       [--key-out FILE] [--force] --out FILE\n"
     "       proctor assign --preview FILE --student ID"},
    {"take", cmd_take, "take a signed assignment; hand in a signed result",
     "proctor take FILE [--teacher-key K] [--out RESULT] [--yes] [--key FILE] "
     "[--passphrase-file F]"},
    {"mark", cmd_mark, "mark the essay answers of an assignment's results",
     "proctor mark --answer-key K [--marks M] [--roster R] [--key FILE] [--passphrase-file F] "
     "RESULT..."},
    {"return", cmd_return, "turn a verified result into signed graded work for the student",
     "proctor return --answer-key K [--marks M] [--roster R] [--key FILE] "
     "[--passphrase-file F] [--force]\n"
     "       RESULT --out GRADED"},
    {"review", cmd_review, "read graded work returned by the teacher",
     "proctor review GRADED [--teacher-key K]"},
    {"show-result", cmd_show_result, "show what a result file says (without verifying it)",
     "proctor show-result [--payload] FILE"},
    {"inspect", cmd_show_result, "the same as show-result", "proctor inspect [--payload] FILE"},
    {"help", cmd_help, "show help for a command", "proctor help [COMMAND]"},
    {NULL, NULL, NULL, NULL}};

const struct command *
cli_find_command(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void
print_overview(FILE *f)
{
    fprintf(f, "usage: proctor [--help] [--version] COMMAND [ARGS]\n\n"
               "proctor: quizzes on source documents, with results a teacher can verify.\n\n"
               "commands:\n");
    for (const struct command *c = commands; c->name; c++)
        fprintf(f, "  %-12s %s\n", c->name, c->summary);
    fprintf(f, "\nRun 'proctor help COMMAND' for a command's options; see proctor(1).\n"
               "Exit status: 0 ok, 1 verification failed, 2 usage, 3 bad data, 4 system or "
               "I/O error.\n");
}

int
cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (argc > 2)
        return cli_usage_error("help", "too many arguments");
    if (!cli_find_command(argv[1])) {
        cli_errorf("'%s' is not a proctor command; see 'proctor --help'", argv[1]);
        return EXIT_USAGE;
    }
    return cli_print_help(argv[1]);
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
    opterr = 0; /* commands report bad options themselves, in one shape */
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
    if (!c) {
        cli_errorf("'%s' is not a proctor command; see 'proctor --help'", argv[1]);
        return EXIT_USAGE;
    }
    return finish_stdout(c->fn(argc - 1, argv + 1));
}
