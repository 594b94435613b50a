/* SPDX-License-Identifier: ISC */
/* cmd-keygen.c - proctor keygen: a new Ed25519 key pair, the secret half encrypted. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "passphrase.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"

enum { O_STUDENT = 1, O_TEACHER, O_ID, O_NAME, O_OUT, O_FORCE, O_NOPASS, O_PASSFILE };

static const struct cli_option options[] = {
    {"student", O_STUDENT, "ID", 0,
     "make a student's key for the student id ID (the id your teacher's roster knows you by)",
     "proctor keygen --student s123 --name \"Ann Lee\"", CLI_V_NONE, NULL},
    {"teacher", O_TEACHER, NULL, 0,
     "make a teacher's key, which signs assignments, marks and graded work",
     "proctor keygen --teacher --name \"Ms Tee\"", CLI_V_NONE, NULL},
    {"id", O_ID, "ID", 0, "with --teacher: the teacher's id (default: teacher)",
     "proctor keygen --teacher --id tee --name \"Ms Tee\"", CLI_V_NONE, NULL},
    {"name", O_NAME, "NAME", 0, "your name as it appears on results and in rosters (required)",
     "proctor keygen --student s123 --name \"Ann Lee\"", CLI_V_NONE, NULL},
    {"out", O_OUT, "DIR", 0,
     "write the key pair into DIR (default: $XDG_DATA_HOME/proctor, i.e. "
     "~/.local/share/proctor)",
     "proctor keygen --student s123 --name \"Ann Lee\" --out ~/keys", CLI_V_DIR, NULL},
    {"force", O_FORCE, NULL, 0, "replace an existing key pair (the old secret key is lost)",
     "proctor keygen --student s123 --name \"Ann Lee\" --force", CLI_V_NONE, NULL},
    {"no-passphrase", O_NOPASS, NULL, 0,
     "store the secret key unencrypted; for tests only, anyone who copies it can sign as you",
     "proctor keygen --student t1 --name Test --no-passphrase", CLI_V_NONE, NULL},
    {"passphrase-file", O_PASSFILE, "FILE", 0,
     "take the new key's passphrase from the first line of this file instead of asking (or "
     "set PROCTOR_PASSPHRASE)",
     "proctor keygen --student s123 --name \"Ann Lee\" --passphrase-file pass.txt",
     CLI_V_FILE, NULL},
    {0}};

const struct command command_keygen = {
    "keygen", cmd_keygen, "make an Ed25519 key pair, the secret key encrypted",
    "proctor keygen (--student ID | --teacher [--id ID]) --name NAME [--out DIR] [--force]\n"
    "       [--no-passphrase | --passphrase-file FILE]",
    "Makes a key pair: the secret key (student.key or teacher.key, mode 0600, encrypted with a "
    "passphrase asked twice with echo off) and the public key (.pub). A student sends the "
    "public key line it prints to the teacher, who adds it with 'proctor roster add'. An "
    "existing key is never replaced without --force.",
    options, CLI_V_NONE, NULL, 0};

int
cmd_keygen(int argc, char **argv)
{
    const char *student = NULL, *id = NULL, *name = NULL, *outdir = NULL, *passfile = NULL;
    int teacher = 0, force = 0, nopass = 0, c, rc = EXIT_OK;
    struct proctor_key *k = NULL;
    struct proctor_kdf_limits lim;
    struct proctor_error err;
    struct cli_args a;
    char keypath[PATH_MAX], pubpath[PATH_MAX], line[512];
    char *pass = NULL;
    size_t passlen = 0;
    enum proctor_role role;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case O_STUDENT: student = a.arg; break;
        case O_TEACHER: teacher = 1; break;
        case O_ID: id = a.arg; break;
        case O_NAME: name = a.arg; break;
        case O_OUT: outdir = a.arg; break;
        case O_FORCE: force = 1; break;
        case O_NOPASS: nopass = 1; break;
        case O_PASSFILE: passfile = a.arg; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind != argc)
        return cli_usage_error("keygen", "unexpected argument '%s'", argv[optind]);
    if (!!student + teacher != 1)
        return cli_usage_error("keygen", "give exactly one of --student ID and --teacher");
    if (student && id)
        return cli_usage_error("keygen", "--id is for --teacher; --student takes the id");
    if (!name)
        return cli_usage_error("keygen", "--name is required");
    if (nopass && passfile)
        return cli_usage_error("keygen", "--no-passphrase and --passphrase-file conflict");
    role = teacher ? PROCTOR_ROLE_TEACHER : PROCTOR_ROLE_STUDENT;
    if (!id)
        id = teacher ? "teacher" : student;
    proctor_error_clear(&err);
    if (proctor_key_check_id(id, &err) < 0)
        return cli_field_error("keygen", student ? "--student" : "--id", "%s", err.msg);
    if (proctor_key_check_name(name, &err) < 0)
        return cli_field_error("keygen", "--name", "%s", err.msg);
    if (proctor_kdf_default(getenv("PROCTOR_PWHASH"), &lim, &err) < 0) {
        cli_errorf("PROCTOR_PWHASH: %s", err.msg);
        return EXIT_USAGE;
    }
    if (!outdir && !(outdir = cli_data_dir(1))) {
        cli_errorf("no directory for keys: set HOME or XDG_DATA_HOME, or give --out DIR");
        return EXIT_IO;
    }
    if (proctor_mkdirs(outdir, 0700, &err) < 0)
        return cli_report(&err);
    snprintf(keypath, sizeof keypath, "%s/%s.key", outdir, teacher ? "teacher" : "student");
    snprintf(pubpath, sizeof pubpath, "%s/%s.pub", outdir, teacher ? "teacher" : "student");
    if (!force && access(keypath, F_OK) == 0)
        return cli_exists_error(keypath, 1);
    if (!nopass &&
        (rc = passphrase_get(passfile, "Passphrase for the new key: ", 1, &pass, &passlen)) != 0)
        return rc;
    if (proctor_key_generate(role, id, name, &k, &err) < 0 ||
        proctor_key_save(k, keypath, pass, passlen, &lim, force ? PROCTOR_KEY_FORCE : 0, &err) <
            0) {
        rc = cli_report(&err);
        goto out;
    }
    if (proctor_key_line(k, line, sizeof line) < 0) {
        cli_errorf("public key line too long");
        rc = EXIT_USAGE;
        goto out;
    }
    {
        size_t n = strlen(line);
        line[n] = '\n';
        if (proctor_file_write(pubpath, line, n + 1, 0644, 0, &err) < 0) {
            rc = cli_report(&err);
            goto out;
        }
        line[n] = '\0';
    }
    printf("secret key: %s (%s)\npublic key: %s\nkey id:     %s\n", keypath,
           pass ? "passphrase protected" : "NOT passphrase protected", pubpath, k->keyid);
    if (!teacher)
        printf("Send this line to your teacher ('proctor key export' prints it again):\n");
    printf("%s\n", line);
out:
    passphrase_free(pass);
    proctor_key_free(k);
    return rc;
}
