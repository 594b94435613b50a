/* SPDX-License-Identifier: ISC */
/*
 * fuzz-keys.c - libFuzzer harness for the key parsers of src/keys.c: secret key files
 * (proctor_key_load), one-line public keys (proctor_key_parse_line) and rosters
 * (proctor_roster_load, proctor_roster_add).
 *
 * An input starting with '{' is a key file, loaded for its public half and for its secret
 * half (an unencrypted one is decoded; an encrypted one gets no passphrase, so no input can
 * make the harness run Argon2). Any other input is a public key line and a roster; a roster
 * that loads must find each of its keys by id and key id, and its lines must parse back to
 * the same keys; adding the fixture test key's line to it must keep every key. Built and run
 * by `make fuzz`.
 */
#include "fuzz-util.h"

#include <sodium.h>

#include "proctor/keys.h"

static char test_line[512];

static void
setup(void)
{
    char path[PATH_MAX];
    FILE *f;

    if (sodium_init() < 0)
        fz_die("sodium_init");
    snprintf(path, sizeof path, "%s/tests/fixtures/keys/student.pub", SRCDIR);
    if (!(f = fopen(path, "r")) || !fgets(test_line, sizeof test_line, f))
        fz_die(path);
    fclose(f);
}

static void
key_file(const uint8_t *data, size_t size)
{
    struct proctor_key *k = NULL;
    struct proctor_error err;
    char line[512];

    fz_write(fz_path("key"), data, size);
    if (proctor_key_load(fz_path("key"), NULL, 0, 0, &k, &err) == 0) {
        struct proctor_key *back = NULL;
        FZ_CHECK(k && !k->sk);
        FZ_CHECK(proctor_key_check_id(k->id, NULL) == 0);
        if (proctor_key_line(k, line, sizeof line) > 0) {
            FZ_CHECK(proctor_key_parse_line(line, &back, &err) == 0);
            FZ_CHECK(memcmp(back->pk, k->pk, 32) == 0 && strcmp(back->keyid, k->keyid) == 0);
            proctor_key_free(back);
        }
        proctor_key_free(k);
    } else {
        FZ_CHECK(k == NULL && err.msg[0]);
    }
    if (proctor_key_load(fz_path("key"), NULL, 0, 1, &k, &err) == 0) {
        FZ_CHECK(k && k->sk && !k->encrypted);
        proctor_key_free(k);
    }
}

static void
check_roster(const struct proctor_roster *r)
{
    for (size_t i = 0; i < proctor_roster_count(r); i++) {
        const struct proctor_key *k = proctor_roster_get(r, i);
        struct proctor_key *back = NULL;
        struct proctor_error err;
        char line[512];
        FZ_CHECK(k && k->role == PROCTOR_ROLE_STUDENT);
        FZ_CHECK(proctor_roster_find(r, k->id) == k);
        FZ_CHECK(proctor_roster_find_keyid(r, k->keyid) == k);
        FZ_CHECK(proctor_key_line(k, line, sizeof line) > 0);
        FZ_CHECK(proctor_key_parse_line(line, &back, &err) == 0);
        FZ_CHECK(memcmp(back->pk, k->pk, 32) == 0 && strcmp(back->id, k->id) == 0 &&
                 strcmp(back->name, k->name) == 0);
        proctor_key_free(back);
    }
}

static void
lines(const uint8_t *data, size_t size)
{
    char *s = fz_strndup(data, size);
    struct proctor_key *k = NULL;
    struct proctor_roster *r = NULL;
    struct proctor_error err;
    size_t before;
    int rc;

    if (proctor_key_parse_line(s, &k, &err) == 0) {
        FZ_CHECK(k && !k->sk);
        proctor_key_free(k);
    } else {
        FZ_CHECK(k == NULL && err.msg[0]);
    }
    fz_write(fz_path("roster"), data, size);
    if (proctor_roster_load(fz_path("roster"), &r, &err) < 0) {
        FZ_CHECK(r == NULL && err.msg[0]);
        free(s);
        return;
    }
    check_roster(r);
    before = proctor_roster_count(r);
    proctor_roster_free(r);
    rc = proctor_roster_add(fz_path("roster"), test_line, 0, &err);
    FZ_CHECK(rc == 0 || rc == 1 || rc == PROCTOR_EEXIST);
    FZ_CHECK(proctor_roster_load(fz_path("roster"), &r, &err) == 0);
    FZ_CHECK(proctor_roster_count(r) == before + (rc == 0));
    check_roster(r);
    proctor_roster_free(r);
    free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;

    if (!ready) {
        setup();
        ready = 1;
    }
    if (size > 0 && data[0] == '{')
        key_file(data, size);
    else
        lines(data, size);
    return 0;
}
