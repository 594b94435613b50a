/* SPDX-License-Identifier: ISC */
/* cmd-key.c - proctor key export: the one-line public key a student sends to the teacher. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/keys.h"

/* The default secret key file: DATA/student.key, or DATA/teacher.key with teacher set or
 * when there is no student key. Returns a static buffer or NULL. */
const char *
cli_default_key(int teacher)
{
    static char buf[PATH_MAX];
    const char *dir = cli_data_dir(0);

    if (!dir)
        return NULL;
    snprintf(buf, sizeof buf, "%s/%s.key", dir, teacher ? "teacher" : "student");
    if (!teacher && access(buf, F_OK) != 0) {
        char t[PATH_MAX];
        snprintf(t, sizeof t, "%s/teacher.key", dir);
        if (access(t, F_OK) == 0)
            snprintf(buf, sizeof buf, "%s", t);
    }
    return buf;
}

int
cmd_key(int argc, char **argv)
{
    static const struct option opts[] = {{"key", required_argument, NULL, 'k'},
                                         {"teacher", no_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *keyfile = NULL;
    int teacher = 0, c;
    struct proctor_key *k = NULL;
    struct proctor_error err;
    char line[512];

    while ((c = getopt_long(argc, argv, "+k:th", opts, NULL)) != -1) {
        switch (c) {
        case 'k':
            if (keyfile)
                return cli_usage_error("key", "--key given twice");
            keyfile = optarg;
            break;
        case 't': teacher = 1; break;
        case 'h': return cli_print_help("key");
        default: return cli_usage_error("key", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("key", "missing subcommand (export)");
    if (strcmp(argv[optind], "export") != 0)
        return cli_usage_error("key", "unknown subcommand '%s' (want export)", argv[optind]);
    if (optind + 1 != argc)
        return cli_usage_error("key", "unexpected argument '%s'", argv[optind + 1]);
    if (!keyfile && !(keyfile = cli_default_key(teacher))) {
        cli_errorf("no key given and neither XDG_DATA_HOME nor HOME is set");
        return EXIT_USAGE;
    }
    proctor_error_clear(&err);
    /* the public half only: export never asks for the passphrase */
    if (proctor_key_load(keyfile, NULL, 0, 0, &k, &err) < 0)
        return cli_report(&err);
    proctor_key_line(k, line, sizeof line);
    printf("%s\n", line);
    proctor_key_free(k);
    return EXIT_OK;
}
