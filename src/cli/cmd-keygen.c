/* SPDX-License-Identifier: ISC */
/* cmd-keygen.c - proctor keygen: a new Ed25519 key pair, the secret half encrypted. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "passphrase.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"

int
cmd_keygen(int argc, char **argv)
{
    enum { O_STUDENT = 1, O_TEACHER, O_ID, O_NAME, O_OUT, O_FORCE, O_NOPASS, O_PASSFILE };
    static const struct option opts[] = {{"student", required_argument, NULL, O_STUDENT},
                                         {"teacher", no_argument, NULL, O_TEACHER},
                                         {"id", required_argument, NULL, O_ID},
                                         {"name", required_argument, NULL, O_NAME},
                                         {"out", required_argument, NULL, O_OUT},
                                         {"force", no_argument, NULL, O_FORCE},
                                         {"no-passphrase", no_argument, NULL, O_NOPASS},
                                         {"passphrase-file", required_argument, NULL, O_PASSFILE},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *student = NULL, *id = NULL, *name = NULL, *outdir = NULL, *passfile = NULL;
    int teacher = 0, force = 0, nopass = 0, c, rc = EXIT_OK;
    unsigned seen = 0;
    struct proctor_key *k = NULL;
    struct proctor_kdf_limits lim;
    struct proctor_error err;
    char keypath[PATH_MAX], pubpath[PATH_MAX], line[512];
    char *pass = NULL;
    size_t passlen = 0;
    enum proctor_role role;

    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c > 0 && c < 32) {
            if (seen & (1u << c))
                return cli_usage_error("keygen", "option given twice");
            seen |= 1u << c;
        }
        switch (c) {
        case O_STUDENT: student = optarg; break;
        case O_TEACHER: teacher = 1; break;
        case O_ID: id = optarg; break;
        case O_NAME: name = optarg; break;
        case O_OUT: outdir = optarg; break;
        case O_FORCE: force = 1; break;
        case O_NOPASS: nopass = 1; break;
        case O_PASSFILE: passfile = optarg; break;
        case 'h': return cli_print_help("keygen");
        default: return cli_bad_option("keygen", argv);
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
    if (!outdir && !(outdir = cli_data_dir(1)))
        return EXIT_IO;
    if (proctor_mkdirs(outdir, 0700, &err) < 0)
        return cli_report(&err);
    snprintf(keypath, sizeof keypath, "%s/%s.key", outdir, teacher ? "teacher" : "student");
    snprintf(pubpath, sizeof pubpath, "%s/%s.pub", outdir, teacher ? "teacher" : "student");
    if (!force && access(keypath, F_OK) == 0) {
        cli_errorf("%s: key file already exists; use --force to replace it", keypath);
        return EXIT_IO;
    }
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
