/* SPDX-License-Identifier: ISC */
/* secret-key.c - loading a secret key for signing, asking for its passphrase when needed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "passphrase.h"
#include "proctor/keys.h"

int
cli_no_key(const char *path, int teacher)
{
    const char *how = teacher ? "--teacher --name NAME" : "--student ID --name NAME";
    if (!path)
        cli_errorf("no key: set HOME or XDG_DATA_HOME, or give --key FILE");
    else
        cli_errorf("no key at '%s'; run 'proctor keygen %s', or give --key FILE", path, how);
    return EXIT_IO;
}

static int
is_teacher_key_path(const char *path)
{
    size_t n = strlen(path);
    return n >= 11 && strcmp(path + n - 11, "teacher.key") == 0;
}

int
cli_load_secret_key(const char *path, const char *passfile, struct proctor_key **out)
{
    struct proctor_key *pub = NULL;
    struct proctor_error err;
    char *pass = NULL, prompt[600];
    size_t passlen = 0;
    int rc;

    *out = NULL;
    if (!path || access(path, F_OK) != 0)
        return cli_no_key(path, path && is_teacher_key_path(path));
    /* the public half first: it says whether a passphrase is needed at all */
    if (proctor_key_load(path, NULL, 0, 0, &pub, &err) < 0)
        return cli_report(&err);
    if (!pub->encrypted) {
        proctor_key_free(pub);
        rc = proctor_key_load(path, NULL, 0, 1, out, &err);
        return rc < 0 ? cli_report(&err) : 0;
    }
    proctor_key_free(pub);
    snprintf(prompt, sizeof prompt, "Passphrase for %s: ", path);
    /* typed on the terminal, a wrong passphrase gets two more tries (as ssh-keygen's) */
    for (int tries = 1;; tries++) {
        if ((rc = passphrase_get(passfile, prompt, 0, &pass, &passlen)) != 0)
            return rc;
        rc = proctor_key_load(path, pass, passlen, 1, out, &err);
        passphrase_free(pass);
        pass = NULL;
        if (rc == 0)
            return 0;
        if (err.code != PROCTOR_EVERIFY || tries == PASSPHRASE_TRIES || !passphrase_asks(passfile))
            return cli_report(&err);
        fprintf(stderr, "Wrong passphrase; try again (%d more tr%s).\n", PASSPHRASE_TRIES - tries,
                PASSPHRASE_TRIES - tries == 1 ? "y" : "ies");
    }
}
