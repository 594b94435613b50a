/* SPDX-License-Identifier: ISC */
/*
 * teachers.c - whose signature on an assignment, an answer key or graded work to believe:
 * a key given with --teacher-key, the teacher's own key, or a key the student pinned in
 * $XDG_DATA_HOME/proctor/teachers the first time (trust on first use, after showing its
 * fingerprint).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "prompt.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "untrusted.h"

const char *
cli_teachers_file(void)
{
    static char buf[PATH_MAX];
    const char *dir = cli_data_dir(0);

    if (!dir)
        return NULL;
    snprintf(buf, sizeof buf, "%s/teachers", dir);
    return buf;
}

/* The first key line of file (a line `proctor key export --teacher` printed). */
static int
read_key_file(const char *file, struct proctor_key **out)
{
    struct proctor_error err;
    char *buf = NULL, *line, *save = NULL;
    size_t len;
    int rc;

    *out = NULL;
    proctor_error_clear(&err);
    if (proctor_file_read(file, 64 * 1024, &buf, &len, &err) < 0)
        return cli_report(&err);
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        if (line[0] && line[0] != '#')
            break;
    if (!line) {
        free(buf);
        cli_errorf("%s: no public key line in the file", file);
        return EXIT_DATA;
    }
    rc = proctor_key_parse_line(line, out, &err);
    free(buf);
    if (rc < 0) {
        snprintf(err.path, sizeof err.path, "%s", file);
        return cli_report(&err);
    }
    if ((*out)->role != PROCTOR_ROLE_TEACHER) {
        proctor_key_free(*out);
        *out = NULL;
        cli_errorf("%s: a student's key, not a teacher's", file);
        return EXIT_DATA;
    }
    return 0;
}

/* Whether the teacher key (public half) at path is pk. */
static int
is_own_key(const char *path, const unsigned char pk[32])
{
    struct proctor_key *k = NULL;
    int same;

    if (!path || access(path, F_OK) != 0 || proctor_key_load(path, NULL, 0, 0, &k, NULL) < 0)
        return 0;
    same = sodium_memcmp(k->pk, pk, 32) == 0;
    proctor_key_free(k);
    return same;
}

static int
pin(const char *file, const char *keyid, const unsigned char pk[32], const char *id,
    const char *name)
{
    struct proctor_key k;
    struct proctor_error err;
    char line[512];

    memset(&k, 0, sizeof k);
    k.role = PROCTOR_ROLE_TEACHER;
    snprintf(k.id, sizeof k.id, "%s", id);
    snprintf(k.name, sizeof k.name, "%s", name);
    snprintf(k.keyid, sizeof k.keyid, "%s", keyid);
    memcpy(k.pk, pk, 32);
    if (proctor_key_line(&k, line, sizeof line) < 0 || !cli_data_dir(1)) {
        cli_errorf("cannot record the teacher's key");
        return EXIT_IO;
    }
    proctor_error_clear(&err);
    if (proctor_roster_add_role(file, line, PROCTOR_ROLE_TEACHER, 0, &err) < 0)
        return cli_report(&err);
    printf("Teacher %s (%s, key %s) is now trusted; the key is kept in %s.\n",
           untrusted_str(name), untrusted_str(id), keyid, untrusted_str(file));
    return 0;
}

int
cli_trust_teacher(const char *keyfile, const char *keyid, const unsigned char pk[32],
                  const char *id, const char *name, const char *what, enum trust_mode mode)
{
    const char *file = cli_teachers_file();
    struct proctor_roster *pinned = NULL;
    struct proctor_error err;
    const struct proctor_key *k;
    int rc, yes;

    if (keyfile) {
        struct proctor_key *given = NULL;
        if ((rc = read_key_file(keyfile, &given)) != 0)
            return rc;
        rc = sodium_memcmp(given->pk, pk, 32) == 0 ? 0 : EXIT_VERIFY;
        if (rc)
            cli_errorf("%s is signed by key %s (teacher '%s'), not by the key in %s (%s, "
                       "teacher '%s')",
                       what, keyid, id, keyfile, given->keyid, given->id);
        proctor_key_free(given);
        return rc;
    }
    if (mode == TRUST_OWN && is_own_key(cli_default_key(1), pk))
        return 0;
    proctor_error_clear(&err);
    if (file && access(file, F_OK) == 0 &&
        proctor_roster_load_role(file, PROCTOR_ROLE_TEACHER, &pinned, &err) < 0)
        return cli_report(&err);
    if ((k = proctor_roster_find_keyid(pinned, keyid)) && sodium_memcmp(k->pk, pk, 32) == 0) {
        proctor_roster_free(pinned);
        return 0;
    }
    if ((k = proctor_roster_find(pinned, id))) {
        cli_errorf("%s is signed by key %s, but you trust another key (%s) for teacher '%s'; "
                   "if your teacher really has a new key, give it with --teacher-key",
                   what, keyid, k->keyid, id);
        proctor_roster_free(pinned);
        return EXIT_VERIFY;
    }
    proctor_roster_free(pinned);
    if (mode == TRUST_OWN || mode == TRUST_PINNED) {
        cli_errorf("%s is signed by key %s (teacher '%s'), which is %s; give it with "
                   "--teacher-key",
                   what, keyid, id,
                   mode == TRUST_OWN ? "neither your teacher key nor one you trust"
                                     : "not one you trust");
        return EXIT_VERIFY;
    }
    if (!file) {
        cli_errorf("cannot find the list of trusted teachers: set HOME or XDG_DATA_HOME");
        return EXIT_IO;
    }
    if (mode == TRUST_YES)
        return pin(file, keyid, pk, id, name);
    if (!prompt_is_tty()) {
        cli_errorf("%s is signed by teacher '%s' (%s), key %s, whom you have not trusted yet; "
                   "run it on a terminal to check the key, give --teacher-key FILE, or --yes",
                   what, id, name, keyid);
        return EXIT_VERIFY;
    }
    printf("%s is signed by a teacher you have not trusted before:\n"
           "  teacher:  %s (id %s)\n"
           "  key id:   %s\n"
           "Check the key id with your teacher (they see it with 'proctor key export "
           "--teacher').\n",
           untrusted_str(what), untrusted_str(name), untrusted_str(id), keyid);
    yes = prompt_yes_no("Trust this teacher? [y/N] ", 0);
    if (yes != 1) {
        cli_errorf("not trusted; nothing was shown");
        return EXIT_VERIFY;
    }
    return pin(file, keyid, pk, id, name);
}
