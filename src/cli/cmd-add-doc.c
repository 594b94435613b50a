/* SPDX-License-Identifier: ISC */
/* cmd-add-doc.c - proctor add-doc: a document added to a bank. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "proctor/course.h"
#include "untrusted.h"

enum { O_TITLE = 1 };

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor add-doc --bank week1 letter.txt", CLI_V_DIR,
     NULL},
    {"id", 'i', "ID", 0,
     "the document's id instead of the one its file name gives (kebab-case, at most 64 "
     "characters)",
     "proctor add-doc --bank week1 --id kigali-letter letter.txt", CLI_V_NONE, NULL},
    {"title", O_TITLE, "TITLE", 0, "the document's title instead of its first line",
     "proctor add-doc --bank week1 --title 'Letter from Kigali' letter.txt", CLI_V_NONE, NULL},
    {0}};

const struct command command_add_doc = {
    "add-doc", cmd_add_doc, "add a document to a question bank",
    "proctor add-doc [--bank DIR] [--id ID] [--title TITLE] FILE",
    "Copies FILE, a UTF-8 text file, into the bank's sources/ and adds it to the manifest: its "
    "id from the file name (or --id), its title from its first line (or --title). Add its date "
    "and citation to the manifest yourself; lint reminds you. Then 'proctor coverage --doc ID' "
    "lists its paragraphs, none of them cited yet.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_add_doc(int argc, char **argv)
{
    struct proctor_course_doc doc;
    struct proctor_error err;
    struct cli_args a;
    const char *bankdir = NULL, *id = NULL, *title = NULL, *dir;
    int c;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case 'i': id = a.arg; break;
        case O_TITLE: title = a.arg; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind == argc)
        return cli_usage_error("add-doc", "give the document's file");
    if (optind + 1 < argc)
        return cli_usage_error("add-doc", "one document at a time; unexpected '%s'",
                               argv[optind + 1]);
    memset(&doc, 0, sizeof doc);
    doc.path = argv[optind];
    dir = cli_bank_dir(bankdir);
    proctor_error_clear(&err);
    if (proctor_course_add_doc(dir, &doc, id, title, &err) < 0)
        return err.code == PROCTOR_EIO && strstr(err.path, "manifest.json")
                   ? cli_report_bank(dir, &err)
                   : cli_report(&err);
    printf("Added '%s' to '%s' as sources/%s, %zu paragraph%s: ", doc.id, untrusted_str(dir),
           untrusted_str(doc.file), doc.paragraphs, doc.paragraphs == 1 ? "" : "s");
    untrusted_puts(stdout, doc.title);
    printf("\nAdd its date and citation to %s/sources/manifest.json; 'proctor coverage --bank %s "
           "--doc %s' lists its paragraphs.\n",
           untrusted_str(dir), cli_shell_word(dir), doc.id);
    return EXIT_OK;
}
