/* SPDX-License-Identifier: ISC */
/*
 * fuzz-assignment.c - libFuzzer harness for what `proctor take` and `verify` read from a
 * teacher: assignment payloads (proctor_assignment_parse, proctor_assignment_load,
 * proctor_assignment_session) and answer keys (proctor_answer_key_load), src/assignment.c.
 *
 * Set up once: a sealed assignment of the fixture bank, signed with a teacher key made from
 * a fixed seed. An input holding "proctor-answer-key" is an answer-key payload: its first
 * 64-hex "sha256" becomes that assignment's digest, then it is signed with the teacher key
 * and loaded against the assignment. Any other input is an assignment payload: its
 * "public_key" and "keyid" become the teacher's, so a payload that parses must also load
 * once signed, and give a session for a student. Built and run by `make fuzz`.
 */
#include "fuzz-util.h"

#include <sodium.h>

#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/grade.h"
#include "proctor/keys.h"
#include "proctor/session.h"
#include "proctor/sign.h"

static struct proctor_bank *bank;
static struct proctor_key *teacher;
static struct proctor_assignment *a0;
static char digest_hex[65], pk_b64[45];

static void
setup(void)
{
    unsigned char seed[32];
    struct proctor_assignment_settings set = {0};
    const struct proctor_question **qs;
    struct proctor_envelope env;
    struct proctor_error err;
    char path[PATH_MAX], *aenv = NULL, *kenv = NULL;
    size_t alen = 0, klen = 0;

    if (sodium_init() < 0)
        fz_die("sodium_init");
    snprintf(path, sizeof path, "%s/tests/fixtures/bank", SRCDIR);
    if (proctor_bank_load(path, NULL, NULL, NULL, &bank, &err) != 0)
        fz_die("cannot load the fixture bank");
    memset(seed, 7, sizeof seed);
    if (proctor_key_from_seed(PROCTOR_ROLE_TEACHER, "teacher", "Ms Teach", seed, &teacher,
                              &err) < 0)
        fz_die("cannot make the teacher key");
    qs = malloc(bank->nquestions * sizeof *qs);
    if (!qs)
        fz_die("out of memory");
    for (size_t i = 0; i < bank->nquestions; i++)
        qs[i] = &bank->questions[i];
    set.id = "hw1";
    set.title = "Fuzz";
    set.created = 1700000000;
    set.attempts = 2;
    set.shuffle = 1;
    set.sealed = 1;
    if (proctor_assignment_make(bank, qs, bank->nquestions, &set, teacher, &aenv, &alen, &kenv,
                                &klen, &err) < 0 ||
        proctor_dsse_parse(aenv, alen, "a", &env, &err) < 0 ||
        proctor_assignment_parse(env.payload, env.payload_len, "a", &a0, &err) < 0)
        fz_die("cannot make the assignment");
    proctor_envelope_release(&env);
    free(aenv);
    free(kenv);
    free(qs);
    sodium_bin2hex(digest_hex, sizeof digest_hex, a0->digest, 32);
    sodium_bin2base64(pk_b64, sizeof pk_b64, teacher->pk, 32, sodium_base64_VARIANT_ORIGINAL);
}

/* Overwrites the value after the first `"name":"` in p (n bytes) with v, if it fits. */
static void
patch(char *p, size_t n, const char *name, const char *v)
{
    char pat[64];
    size_t pl = (size_t)snprintf(pat, sizeof pat, "\"%s\":\"", name), vl = strlen(v);
    char *at = memmem(p, n, pat, pl);
    if (at && (size_t)(at - p) + pl + vl <= n)
        memcpy(at + pl, v, vl);
}

static void
walk(const struct proctor_assignment *a, const struct proctor_bank *b)
{
    struct proctor_session *s = NULL;
    struct proctor_response none = {0};
    struct proctor_error err;

    for (size_t i = 0; i < b->nquestions; i++) {
        char *d = proctor_describe_answer(&b->questions[i], NULL);
        free(d);
        FZ_CHECK(proctor_grade(&b->questions[i], &none) == 0);
    }
    if (proctor_assignment_session(a, b, "s1", &s, &err) == 0) {
        FZ_CHECK(s->n == a->nq);
        proctor_session_free(s);
    }
}

static void
answer_key(const uint8_t *data, size_t size)
{
    char *p = fz_strndup(data, size), *env = NULL;
    struct proctor_bank *kb = NULL;
    struct proctor_error err;
    size_t envlen = 0;

    patch(p, size, "sha256", digest_hex);
    if (proctor_dsse_sign(PROCTOR_ANSWER_KEY_TYPE, p, size, teacher, &env, &envlen, &err) == 0) {
        fz_write(fz_path("key.json"), env, envlen);
        if (proctor_answer_key_load(fz_path("key.json"), a0, &kb, &err) == 0) {
            FZ_CHECK(kb != NULL);
            walk(a0, kb);
            proctor_bank_free(kb);
        } else {
            FZ_CHECK(kb == NULL && err.msg[0]);
        }
        free(env);
    }
    free(p);
}

static void
assignment(const uint8_t *data, size_t size)
{
    char *p = fz_strndup(data, size), *env = NULL;
    struct proctor_assignment *a = NULL, *back = NULL;
    struct proctor_error err;
    size_t envlen = 0;

    patch(p, size, "public_key", pk_b64);
    patch(p, size, "keyid", teacher->keyid);
    if (proctor_assignment_parse(p, size, "fuzz", &a, &err) < 0) {
        FZ_CHECK(a == NULL && err.msg[0]);
        free(p);
        return;
    }
    FZ_CHECK(a && a->bank && a->nq == a->bank->nquestions);
    walk(a, a->bank);
    if (memcmp(a->teacher_pk, teacher->pk, 32) == 0 &&
        proctor_dsse_sign(PROCTOR_ASSIGNMENT_TYPE, p, size, teacher, &env, &envlen, &err) == 0) {
        fz_write(fz_path("assignment.json"), env, envlen);
        if (proctor_assignment_load(fz_path("assignment.json"), &back, &err) != 0) {
            fprintf(stderr, "a payload that parses does not load once signed: %s\n", err.msg);
            abort();
        }
        FZ_CHECK(memcmp(back->digest, a->digest, 32) == 0 && back->nq == a->nq);
        proctor_assignment_free(back);
        free(env);
    }
    proctor_assignment_free(a);
    free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;

    if (!ready) {
        setup();
        ready = 1;
    }
    if (memmem(data, size, "proctor-answer-key", 18))
        answer_key(data, size);
    else
        assignment(data, size);
    return 0;
}
