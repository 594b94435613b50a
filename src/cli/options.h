/* SPDX-License-Identifier: ISC */
/*
 * options.h - a command's options declared once: one table per command (in its cmd-<name>.c)
 * drives getopt_long, `proctor help CMD` and `CMD --help`, the OPTIONS section of the man page
 * (`proctor help --roff`), and shell completion (`proctor __complete`).
 *
 * Parsing with cli_next() rejects an option given twice (unless it is CLI_REPEAT), turns every
 * bad option into one usage error that points at `proctor help CMD` and suggests the option
 * meant ("did you mean '--bank'?"), and handles -h/--help itself.
 */
#ifndef PROCTOR_CLI_OPTIONS_H
#define PROCTOR_CLI_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

/* What an option's value or a command's operands are, for completion. */
enum cli_value {
    CLI_V_NONE,     /* free text (a title, a name): nothing to offer */
    CLI_V_FILE,     /* a file name */
    CLI_V_DIR,      /* a directory */
    CLI_V_DOC,      /* a document id of the bank */
    CLI_V_TAG,      /* a tag used in the bank */
    CLI_V_TYPE,     /* a question type */
    CLI_V_QUESTION, /* a question id of the bank */
    CLI_V_COMMAND,  /* a proctor command */
    CLI_V_WORDS     /* one of the words in choices */
};

/* Flags of an option. */
#define CLI_REPEAT 1u /* may be given more than once (a list: --doc A --doc B) */

/*
 * One option. The table ends with an all-zero entry. key is what cli_next() returns: the short
 * letter when the option has one (an alphanumeric key is also accepted as -k), else any value
 * from 1 to 255 that is not alphanumeric. name may be NULL for a short-only option (-n).
 */
struct cli_option {
    const char *name;     /* long name without "--" */
    int key;              /* the short letter, or a long-only key */
    const char *arg;      /* the value's name ("DIR"), NULL for a flag */
    unsigned flags;       /* CLI_REPEAT */
    const char *help;     /* what it does, one or two sentences, lowercase start */
    const char *example;  /* a whole command line using it: "proctor list --doc memo" */
    enum cli_value value; /* what the value is (completion) */
    const char *choices;  /* CLI_V_WORDS: the values, space-separated */
};

struct command;

/* The state of one command's option parsing. */
struct cli_args {
    const struct command *cmd;
    const char *arg; /* the value of the option cli_next() just returned */
    int status;      /* after CLI_EXIT: the exit status to return */
    /* private */
    int argc;
    char **argv;
    struct option longs[40];
    char shorts[96];
    unsigned char seen[40];
};

enum { CLI_END = -1, CLI_EXIT = -2 };

/*
 * Starts parsing argv (argv[0] is the command's name, which finds its table). Each
 * cli_next() returns the key of the next option (its value in a->arg), CLI_END when the options
 * are done (the operands are argv[optind..argc), as with getopt), or CLI_EXIT after printing the
 * help (a->status 0) or a usage error (a->status 2): the command returns a->status.
 */
void cli_args_init(struct cli_args *a, int argc, char **argv);
int cli_next(struct cli_args *a);

/* How often the option with key was given so far; how many options were given in all. */
int cli_given(const struct cli_args *a, int key);
int cli_given_count(const struct cli_args *a);

/* The option as the user would type it ("--bank", or "-n" for a short-only option). */
const char *cli_option_display(const struct cli_option *o, char *buf, size_t size);

/* The option with key in cmd's table, or NULL. */
const struct cli_option *cli_option_find(const struct command *cmd, int key);

/* Prints cmd's full help to f: usage, summary, description, every option with an example. */
void cli_print_command_help(FILE *f, const struct command *cmd);

/* Prints the OPTIONS section of the man page for every command (roff). */
void cli_print_roff_options(FILE *f);

/*
 * The name closest to word by edit distance (insertions, deletions, substitutions and swaps
 * of two neighbours, ignoring case), or one that word begins, when it is close enough to be a
 * likely typo (1 edit for 3 letters, 2 up to 6, 3 beyond); else NULL. The names are get(ctx,
 * 0), get(ctx, 1), ... up to the first NULL.
 */
const char *cli_suggest(const char *word, const char *(*get)(void *ctx, size_t i), void *ctx);

#endif
