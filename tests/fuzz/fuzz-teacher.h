/* SPDX-License-Identifier: ISC */
/*
 * fuzz-teacher.h - for the harnesses of what a teacher signs (fuzz-assignment, fuzz-marks):
 * a sealed assignment of the fixture bank and its answer key, signed with a teacher key made
 * from a fixed seed, and fz_patch to put the teacher's values into a fuzzed payload.
 */
#ifndef PROCTOR_FUZZ_TEACHER_H
#define PROCTOR_FUZZ_TEACHER_H

#include "fuzz-util.h"

#include <sodium.h>

#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/keys.h"
#include "proctor/sign.h"

struct fz_teacher {
    struct proctor_bank *bank;      /* the fixture bank */
    struct proctor_key *key;        /* the teacher, from a fixed seed */
    struct proctor_assignment *a;   /* sealed, all the bank's questions */
    char *key_env;                  /* its signed answer key */
    size_t key_len;
    char digest_hex[65], pk_b64[45]; /* the assignment's digest, the teacher's public key */
};

static inline void
fz_teacher_setup(struct fz_teacher *t, unsigned char seed_byte)
{
    unsigned char seed[32];
    struct proctor_assignment_settings set = {0};
    const struct proctor_question **qs;
    struct proctor_envelope env;
    struct proctor_error err;
    char path[PATH_MAX], *aenv = NULL;
    size_t alen = 0;

    if (sodium_init() < 0)
        fz_die("sodium_init");
    snprintf(path, sizeof path, "%s/tests/fixtures/bank", SRCDIR);
    if (proctor_bank_load(path, NULL, NULL, NULL, &t->bank, &err) != 0)
        fz_die("cannot load the fixture bank");
    memset(seed, seed_byte, sizeof seed);
    if (proctor_key_from_seed(PROCTOR_ROLE_TEACHER, "teacher", "Ms Teach", seed, &t->key,
                              &err) < 0)
        fz_die("cannot make the teacher key");
    qs = malloc(t->bank->nquestions * sizeof *qs);
    if (!qs)
        fz_die("out of memory");
    for (size_t i = 0; i < t->bank->nquestions; i++)
        qs[i] = &t->bank->questions[i];
    set.id = "hw1";
    set.title = "Fuzz";
    set.created = 1700000000;
    set.attempts = 2;
    set.shuffle = 1;
    set.sealed = 1;
    if (proctor_assignment_make(t->bank, qs, t->bank->nquestions, &set, t->key, &aenv, &alen,
                                &t->key_env, &t->key_len, &err) < 0 ||
        proctor_dsse_parse(aenv, alen, "a", &env, &err) < 0 ||
        proctor_assignment_parse(env.payload, env.payload_len, "a", &t->a, &err) < 0)
        fz_die("cannot make the assignment");
    proctor_envelope_release(&env);
    free(aenv);
    free(qs);
    sodium_bin2hex(t->digest_hex, sizeof t->digest_hex, t->a->digest, 32);
    sodium_bin2base64(t->pk_b64, sizeof t->pk_b64, t->key->pk, 32,
                      sodium_base64_VARIANT_ORIGINAL);
}

/* Overwrites the value after the first `"name":"` in p (n bytes) with v, if it fits. */
static inline void
fz_patch(char *p, size_t n, const char *name, const char *v)
{
    char pat[64];
    size_t pl = (size_t)snprintf(pat, sizeof pat, "\"%s\":\"", name), vl = strlen(v);
    char *at = memmem(p, n, pat, pl);
    if (at && (size_t)(at - p) + pl + vl <= n)
        memcpy(at + pl, v, vl);
}

#endif
