/* SPDX-License-Identifier: ISC */
/*
 * cmd-key.c - proctor key export: the one-line public key a student sends to the teacher;
 * proctor key check: does the passphrase open the secret key?
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "passphrase.h"
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

enum { O_PASS = 1 };

static const struct cli_option options[] = {
    {"key", 'k', "FILE", 0,
     "the key file (default: your student key, or your teacher key with --teacher, under "
     "$XDG_DATA_HOME/proctor)",
     "proctor key --key ~/keys/student.key export", CLI_V_FILE, NULL},
    {"teacher", 't', NULL, 0, "use your teacher key rather than your student key",
     "proctor key --teacher export", CLI_V_NONE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, "with check: " CLI_HELP_PASSFILE,
     "proctor key --passphrase-file pass.txt check", CLI_V_FILE, NULL},
    {0}};

const struct command command_key = {
    "key", cmd_key, "print your one-line public key, or check your passphrase opens the key",
    "proctor key [--key FILE] [--teacher] export\n"
    "       proctor key [--key FILE] [--teacher] [--passphrase-file FILE] check",
    "export prints the one-line public key (proctor-pk1 ...) a student sends to the teacher, "
    "or a teacher gives to students; it never asks for the passphrase. check asks for the "
    "passphrase and says whether it opens the secret key.",
    options, CLI_V_NONE, "export check", 0};

int
cmd_key(int argc, char **argv)
{
    const char *keyfile = NULL, *passfile = NULL, *sub;
    int teacher = 0, c, rc = EXIT_OK;
    struct proctor_key *k = NULL, *full = NULL;
    struct proctor_error err;
    struct cli_args a;
    char line[512], prompt[600];
    char *pass = NULL;
    size_t passlen = 0;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'k': keyfile = a.arg; break;
        case 't': teacher = 1; break;
        case O_PASS: passfile = a.arg; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind >= argc)
        return cli_usage_error("key", "missing subcommand (export or check)");
    sub = argv[optind];
    if (strcmp(sub, "export") != 0 && strcmp(sub, "check") != 0)
        return cli_usage_error("key", "unknown subcommand '%s' (want export or check)", sub);
    if (passfile && strcmp(sub, "check") != 0)
        return cli_usage_error("key", "--passphrase-file is for 'key check'");
    if (optind + 1 != argc)
        return cli_usage_error("key", "unexpected argument '%s'", argv[optind + 1]);
    if (!keyfile)
        keyfile = cli_default_key(teacher);
    if (!keyfile || access(keyfile, F_OK) != 0)
        return cli_no_key(keyfile, teacher);
    proctor_error_clear(&err);
    /* the public half only: export never asks for the passphrase */
    if (proctor_key_load(keyfile, NULL, 0, 0, &k, &err) < 0)
        return cli_report(&err);
    if (strcmp(sub, "export") == 0) {
        proctor_key_line(k, line, sizeof line);
        printf("%s\n", line);
        proctor_key_free(k);
        return EXIT_OK;
    }
    snprintf(prompt, sizeof prompt, "Passphrase for %s: ", keyfile);
    if (k->encrypted && (rc = passphrase_get(passfile, prompt, 0, &pass, &passlen)) != 0)
        goto out;
    if (proctor_key_load(keyfile, pass, passlen, 1, &full, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    printf("%s: secret key opens and matches public key %s (%s %s)\n", keyfile, full->keyid,
           full->role == PROCTOR_ROLE_TEACHER ? "teacher" : "student", full->id);
out:
    passphrase_free(pass);
    proctor_key_free(full);
    proctor_key_free(k);
    return rc;
}
