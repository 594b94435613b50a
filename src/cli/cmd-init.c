/* SPDX-License-Identifier: ISC */
/* cmd-init.c - proctor init: a new bank made from the teacher's own documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "proctor/course.h"
#include "untrusted.h"

enum { O_LOOSE = 1 };

static const struct cli_option options[] = {
    {"doc", 'd', "FILE", CLI_REPEAT,
     "a document of the course, a UTF-8 text file; its id comes from the file name and its title "
     "from its first line",
     "proctor init week1 --doc notes.txt --doc letter.txt", CLI_V_FILE, NULL},
    {"no-require-source", O_LOOSE, NULL, 0,
     "let questions come without a passage (\"require_source\": false), as imported ones often "
     "do; lint lists them",
     "proctor init moodle-bank --doc syllabus.txt --no-require-source", CLI_V_NONE, NULL},
    {0}};

const struct command command_init = {
    "init", cmd_init, "make a new question bank from your own documents",
    "proctor init DIR --doc FILE [--doc FILE]... [--no-require-source]",
    "Makes the bank DIR (created when missing): copies each document into DIR/sources/, writes "
    "DIR/sources/manifest.json (each document's id from its file name, its title from its first "
    "line; the date and citation are yours to add, and lint reminds you) and DIR/questions.json, "
    "a question file with no questions and an example of each type under \"examples\", which "
    "is not loaded. Every question must cite a passage (\"require_source\": true) unless "
    "--no-require-source. A directory that already holds a bank is never overwritten.\n\n"
    "Next: write questions (docs/QUESTIONS.md) or import them (proctor import gift), check "
    "them with proctor lint, and see which paragraphs they cite with proctor coverage.",
    options, CLI_V_DIR, NULL, 0};

int
cmd_init(int argc, char **argv)
{
    struct proctor_course_doc *docs;
    struct proctor_error err;
    struct cli_args a;
    const char *dir;
    size_t n = 0;
    unsigned flags = 0;
    int c;

    if (!(docs = calloc((size_t)argc, sizeof *docs))) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'd': docs[n++].path = a.arg; break;
        case O_LOOSE: flags |= PROCTOR_COURSE_LOOSE; break;
        case CLI_EXIT: free(docs); return a.status;
        }
    }
    if (optind == argc) {
        free(docs);
        return cli_usage_error("init", "give the directory of the new bank");
    }
    if (optind + 1 < argc) {
        free(docs);
        return cli_usage_error("init", "unexpected argument '%s' (give each document with --doc)",
                               argv[optind + 1]);
    }
    if (n == 0) {
        free(docs);
        return cli_usage_error("init", "give at least one document with --doc FILE");
    }
    dir = argv[optind];
    proctor_error_clear(&err);
    if (proctor_course_init(dir, docs, n, flags, &err) < 0) {
        free(docs);
        return cli_report(&err);
    }
    printf("Made the bank '%s' with %zu document%s:\n", untrusted_str(dir), n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        printf("  %-20s sources/%s, %zu paragraph%s: ", docs[i].id, untrusted_str(docs[i].file),
               docs[i].paragraphs, docs[i].paragraphs == 1 ? "" : "s");
        untrusted_puts(stdout, docs[i].title);
        putchar('\n');
    }
    printf("\nNext:\n"
           "  - add each document's date and citation to %s/sources/manifest.json;\n"
           "  - write questions in %s/questions.json (an example of each type is there) or\n"
           "    import them: proctor import gift FILE --into %s;\n"
           "  - check them: proctor lint %s; see what they cite: proctor coverage --bank %s\n",
           untrusted_str(dir), untrusted_str(dir), cli_shell_word(dir), cli_shell_word(dir),
           cli_shell_word(dir));
    free(docs);
    return EXIT_OK;
}
