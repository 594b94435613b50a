/* SPDX-License-Identifier: ISC */
/*
 * commands.h - the proctor subcommands and the helpers they share.
 *
 * Adding a subcommand (see cmd-list.c for a small complete one):
 *   1. write src/cli/cmd-<name>.c holding
 *        - `static const struct cli_option options[]`: every option once, with its long
 *          name, short letter (or a long-only key from 1 to 255 that is not a letter or
 *          digit), the value's name, CLI_REPEAT for a list, a help sentence, an example
 *          command line, and what the value is (for completion); see options.h;
 *        - `const struct command command_<name>`: name, cmd_<name>, the one-line summary,
 *          the usage synopsis, a description paragraph, the options, what the operands are;
 *        - `int cmd_<name>(int argc, char **argv)` (argv[0] is the command's name), parsing
 *          with cli_args_init() and cli_next():
 *              struct cli_args a;
 *              cli_args_init(&a, argc, argv);
 *              while ((c = cli_next(&a)) != CLI_END)
 *                  switch (c) {
 *                  case 'b': bankdir = a.arg; break;
 *                  case CLI_EXIT: return a.status;   (help shown, or a usage error)
 *                  }
 *          an option given twice, an unknown option, a missing value and -h/--help are
 *          handled there; operands are argv[optind..argc);
 *   2. declare command_<name> and cmd_<name> below and add &command_<name> to commands[] in
 *      main.c (in the order `proctor --help` lists them);
 *   3. run `make man` (regenerates the OPTIONS section of docs/proctor.1 from the tables),
 *      describe the command under COMMANDS there, and add tests/cli/tNN-<name>-*.sh; add the
 *      command to the exit-status table in tests/cli/t04-exit-status.sh.
 * A command returns an exit status (0 ok, 1 verify failed, 2 usage, 3 bad data, 4 I/O);
 * main() checks stdout for write errors after it returns. Usage errors go through
 * cli_usage_error(), which points at `proctor help CMD`. Errors that have a next step say it
 * (cli_hint_* below).
 */
#ifndef PROCTOR_CLI_COMMANDS_H
#define PROCTOR_CLI_COMMANDS_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "options.h"
#include "proctor/error.h"
#include "proctor/session.h"
#include "proctor/study.h"

enum { EXIT_OK = 0, EXIT_VERIFY = 1, EXIT_USAGE = 2, EXIT_DATA = 3, EXIT_IO = 4 };

#define CMD_HIDDEN 1u /* not listed by `proctor --help` (completion's helper) */

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;     /* one line for `proctor --help`, lowercase start, no period */
    const char *usage;       /* synopsis, for `proctor help CMD` and usage errors */
    const char *description; /* what it does, for `proctor help CMD`; blank lines part
                                paragraphs */
    const struct cli_option *options; /* ends with an all-zero entry */
    enum cli_value operands;          /* what the operands are, for completion */
    const char *subcommands;          /* words the first operand may be ("add list"), or NULL */
    unsigned flags;                   /* CMD_HIDDEN */
};

/* Every command, in the order `proctor --help` lists them; NULL-terminated. */
extern const struct command *const commands[];
const struct command *cli_find_command(const char *name);

extern const struct command command_practice, command_lint, command_list, command_show,
    command_coverage, command_keygen, command_key, command_roster, command_verify,
    command_assign, command_take, command_mark, command_return, command_review,
    command_show_result, command_inspect, command_item_stats, command_study, command_stats, command_fsrs, command_help,
    command_complete, command_init, command_add_doc, command_gradebook, command_import, command_export;

int cmd_lint(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_practice(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_complete(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_roster(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_item_stats(int argc, char **argv);
int cmd_gradebook(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_show_result(int argc, char **argv);
int cmd_assign(int argc, char **argv);
int cmd_take(int argc, char **argv);
int cmd_mark(int argc, char **argv);
int cmd_return(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_fsrs(int argc, char **argv);
int cmd_study(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_add_doc(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* Signing commands (cmd-key.c, cmd-roster.c, cmd-verify.c): the default secret key file
 * DATA/student.key (DATA/teacher.key with teacher, or when there is no student key), the
 * default roster DATA/roster (static buffers, NULL without HOME), and scores as
 * "6.67/10 (67%)" (proctor_format_score and proctor_percent; no percent when max is 0). */
const char *cli_default_key(int teacher);
const char *cli_default_roster(void);

/* cmd-roster.c: loads the roster at path (NULL: the default one). A missing roster is exit 4
 * with the next step ("add students with 'proctor roster add'"); one that does not parse, 3.
 * 0, or an exit status after printing why. */
struct proctor_roster;
int cli_load_roster(const char *path, struct proctor_roster **out);
const char *cli_format_score(int64_t earned, int64_t max, char *buf, size_t size);

struct proctor_key;

/* Help sentences of options several commands share. */
#define CLI_HELP_BANK                                                                      \
    "the question bank, a directory (default: $PROCTOR_BANK, else ./questions when it holds a " \
    "bank, else the installed one)"
#define CLI_HELP_DOC "only questions citing the document with this id (see 'proctor coverage')"
#define CLI_HELP_TAG "only questions with this tag"
#define CLI_HELP_TYPE "only questions of this type: " PROCTOR_QTYPE_NAMES
#define CLI_HELP_PASSFILE                                                                  \
    "read the secret key's passphrase from the first line of this file instead of asking " \
    "(or set PROCTOR_PASSPHRASE)"

#define CLI_HELP_DIFFICULTY "only questions of difficulty N: 1 (easy), 2 or 3 (hard)"
#define CLI_HELP_LEVEL "only questions at this level: recall, understanding or analysis"

/* filter.c: the selection options --doc ID (key 'd'), --tag T ('t'), --type T ('y'),
 * --difficulty N (CLI_K_DIFFICULTY) and --level L (CLI_K_LEVEL), each repeatable, gathered into
 * a proctor_filter. list, practice and assign share them. */
enum { CLI_K_DIFFICULTY = 0xd1, CLI_K_LEVEL = 0xd2 };
#define CLI_MAX_FILTER 32
struct cli_filter {
    struct proctor_filter f;
    const char *docs[CLI_MAX_FILTER], *tags[CLI_MAX_FILTER], *types[CLI_MAX_FILTER];
};

/* Takes option c with argument arg when it is a selection option: 0 when taken, -1 when c
 * is not one, or EXIT_USAGE after printing the usage error. */
int cli_filter_option(struct cli_filter *cf, const char *cmd, int c, const char *arg);

/* gradebook-options.c: the options that shape a --csv gradebook, as verify, item-stats and
 * gradebook take them: --format F (CLI_K_FORMAT), --excel (CLI_K_EXCEL), --per-question
 * (CLI_K_ITEMS) and --no-per-question (CLI_K_NOITEMS). */
enum { CLI_K_FORMAT = 0xe1, CLI_K_EXCEL = 0xe2, CLI_K_ITEMS = 0xe3, CLI_K_NOITEMS = 0xe4 };
struct cli_csv_shape {
    int format;     /* enum proctor_gradebook_format */
    unsigned flags; /* PROCTOR_CSV_* */
};

/* Takes option c when it is one of those: 0 when taken, -1 when c is not one, or EXIT_USAGE
 * after printing the usage error. */
int cli_csv_shape_option(struct cli_csv_shape *s, const char *cmd, const struct cli_args *args,
                         int c);

/* Whether --format or --[no-]per-question was given (they need --assignment). */
int cli_csv_shape_given(const struct cli_args *args);

/* 0, or EXIT_USAGE after saying so when one of them was given without --csv. */
int cli_csv_shape_check(const char *cmd, const struct cli_args *args, const char *csv);

/* local-time.c: an RFC 3339 UTC time ("2026-12-08T16:00:00Z") as seconds (0), or -1 when it
 * is not one; a time in the user's time zone, the zone named ("2026-12-08 17:00 CET"). */
int cli_utc_parse(const char *rfc, time_t *out);
const char *cli_local_time(time_t t, char *buf, size_t size);

/* first-line.c: the first line of text p cut to at most width bytes (and to fit size) on a
 * character boundary, "..." added when cut, into buf; returns buf. */
const char *cli_first_line(const char *p, size_t width, char *buf, size_t size);

/* Every --doc names a document of bank: 0, or EXIT_USAGE after listing the documents. */
int cli_filter_check_docs(const struct cli_filter *cf, const struct proctor_bank *bank);

/* secret-key.c: the error for a key file that is not there (path NULL: no HOME for the
 * default), with the next step: "run 'proctor keygen --student ID --name NAME'" (--teacher
 * when path is a teacher key). Returns EXIT_IO. */
int cli_no_key(const char *path, int teacher);

/* secret-key.c: loads the secret key at path (asking for its passphrase from passfile,
 * $PROCTOR_PASSPHRASE or the terminal when it is encrypted). 0, or an exit status after
 * printing the error. */
int cli_load_secret_key(const char *path, const char *passfile, struct proctor_key **out);

/* teachers.c: whether to believe a teacher key (keyid, pk, id, name) that signed what (a
 * phrase for messages: "assignment 'hw1'"). keyfile (--teacher-key) must hold that very key.
 * Else: a key pinned in cli_teachers_file(); TRUST_OWN also takes the user's own teacher key
 * (for the teacher's commands); TRUST_ASK shows the fingerprint and asks on a terminal
 * (refusing off one), TRUST_YES pins it without asking; TRUST_PINNED takes nothing else.
 * Returns 0, or an exit status after printing why not. */
enum trust_mode { TRUST_ASK, TRUST_YES, TRUST_OWN, TRUST_PINNED };
int cli_trust_teacher(const char *keyfile, const char *keyid, const unsigned char pk[32],
                      const char *id, const char *name, const char *what, enum trust_mode mode);
const char *cli_teachers_file(void); /* DATA/teachers (static buffer), NULL without HOME */

struct proctor_assignment;
struct proctor_bank;
struct proctor_marks;

/* cmd-verify.c: the teacher's side of an assignment (verify, mark, return): afile loaded and
 * signed by a teacher key the user trusts (--teacher-key, their own, or pinned); its answer
 * key from keyfile when sealed (opt names that option in messages); *grading the questions
 * with answers (*key, or the open assignment's own); marks from marksfile when both are set.
 * 0, or an exit status after printing why. */
int cli_load_assignment_set(const char *afile, const char *keyfile, const char *marksfile,
                            const char *teacher_key, const char *opt,
                            struct proctor_assignment **a, struct proctor_bank **key,
                            const struct proctor_bank **grading, struct proctor_marks **marks);

/* cmd-verify.c: a histogram of ten 10 % buckets (0-9 % ... 90-100 %) as rows of '#', at
 * most 40 wide, each with its count. */
void cli_histogram(FILE *f, const size_t counts[10]);

/* cmd-verify.c: verify (item_stats 0) or item-stats (1) on argv; an exit status. */
int cli_verify_run(int argc, char **argv, int item_stats);

/* cmd-verify.c: writes the CSV text (len bytes, freed here) to path atomically; 0 or an exit
 * status after printing why. */
int cli_write_csv(const char *path, char *text, size_t len);

struct proctor_gradebook;

/* item-report.c: the item analysis of book's graded rows as a report on standard output (or
 * one JSON object with json), and as CSV to csv when given; 0 or an exit status. */
int cli_item_stats_report(struct proctor_gradebook *book, const struct proctor_assignment *a,
                          int method, int json, const char *csv, unsigned csv_flags);

struct proctor_result;

/* cmd-mark.c: reads a result file's payload (strict envelope and payload; no signature
 * check) into res (release with proctor_result_release). 0, or an exit status after
 * printing why. */
int cli_read_result(const char *path, struct proctor_result *res);

struct proctor_fsrs;

/* cmd-fsrs.c: sets f's weights from arg, an inline list ("0.212,1.2931,...") or a weights
 * file (docs/STUDY.md). 0, or an exit status after printing why not. */
int cli_load_weights(const char *arg, struct proctor_fsrs *f);

/* cmd-study.c: what study and stats share. cli_study_setup reads the settings
 * ($XDG_CONFIG_HOME/proctor/study.conf, then --weights when given), finds the database and
 * the lock file under the state directory, and the time ($PROCTOR_NOW for tests) and the
 * study day (from 4 a.m. local time). 0, or an exit status after printing why. */
struct cli_study {
    struct proctor_study_config cfg;
    char db[PATH_MAX], lock[PATH_MAX];
    int64_t now;        /* Unix seconds */
    int64_t day_offset; /* added to a time before counting days (see study.h) */
    int64_t day_start;  /* when today's study day began */
};
int cli_study_setup(const char *cmd, const char *weights, struct cli_study *cs);
/* Opens the study database; 0, or an exit status after printing why. */
int cli_study_open(const struct cli_study *cs, struct proctor_study **out);
/* "now", "in 10 minutes", "in 3 hours", "tomorrow", "in 5 days" (buf). */
const char *cli_study_when(int64_t now, int64_t due, int64_t day_start, char *buf, size_t size);

/* cli.c: reporting and common lookups */

/* Prints "proctor: path:line:col: msg" (parts present only when known) to stderr and
 * returns the exit status for err->code. */
int cli_report(const struct proctor_error *err);

/* Prints "proctor: <message>" to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "proctor <cmd>: <message>", the usage synopsis and "Try 'proctor help <cmd>'" to
 * stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "proctor <cmd>: <field>: <message>" to stderr for a value that is not valid data
 * (a name with a control character, a bad id); returns EXIT_DATA. */
int cli_field_error(const char *cmd, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The error for a bank that did not load: for a directory with no manifest, "no question
 * bank in 'DIR'; give --bank DIR or set PROCTOR_BANK" (exit 4); else as cli_report. */
int cli_report_bank(const char *dir, const struct proctor_error *err);

/* The error for an output file that already exists: "'FILE' already exists; use --force to
 * replace it", or with has_force 0 "...; give another file". Returns EXIT_USAGE. */
int cli_exists_error(const char *path, int has_force);

/* The error for a word that is not a command: "did you mean 'practice'?" when one is close.
 * Returns EXIT_USAGE. */
int cli_unknown_command(const char *word);

/* Bank directory: --bank, then $PROCTOR_BANK, then ./questions when it holds a bank, then
 * the installed PROCTOR_DATADIR/questions. Returns a static buffer. */
const char *cli_bank_dir(const char *opt);

/* The bank a teacher's check trusts when none is given: $PROCTOR_BANK, else the installed
 * PROCTOR_DATADIR/questions, else the bank of the source tree this program was built from;
 * never ./questions, which anyone may plant in a shared folder. NULL when none is there. */
const char *cli_trusted_bank_dir(void);

/* $XDG_STATE_HOME/proctor (or ~/.local/state/proctor), created when mkdir is set; likewise
 * for XDG_DATA_HOME. Return static buffers, NULL when HOME is unset too. */
const char *cli_state_dir(int mkdir);
const char *cli_config_dir(void); /* $XDG_CONFIG_HOME/proctor (or ~/.config/proctor), not made */
const char *cli_data_dir(int mkdir);

/* cmd-assign.c: "2024-05-01" (end of day), "2024-05-01T17:00[:SS]" or with a space, local
 * time, or with a final Z for UTC; -1 when not such a time. */
int cli_parse_datetime(const char *s, time_t *out);

/* s as one word a POSIX shell reads back as s ('quoted' when it has to be), for commands
 * printed for the user to run; shown through the untrusted-text printer, so the result
 * lives as untrusted_str's does. */
const char *cli_shell_word(const char *s);

/* Parses a non-negative decimal integer option value; returns -1 on error. */
long long cli_parse_count(const char *s);

/* Whether colour/escape codes may be used on stream f (a tty and NO_COLOR unset). */
int cli_use_color(FILE *f);

#endif
