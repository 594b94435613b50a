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
#include "fuzz-teacher.h"

#include <sodium.h>

#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/grade.h"
#include "proctor/keys.h"
#include "proctor/session.h"
#include "proctor/sign.h"

static struct fz_teacher T;

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

    fz_patch(p, size, "sha256", T.digest_hex);
    if (proctor_dsse_sign(PROCTOR_ANSWER_KEY_TYPE, p, size, T.key, &env, &envlen, &err) == 0) {
        fz_write(fz_path("key.json"), env, envlen);
        if (proctor_answer_key_load(fz_path("key.json"), T.a, &kb, &err) == 0) {
            FZ_CHECK(kb != NULL);
            walk(T.a, kb);
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

    fz_patch(p, size, "public_key", T.pk_b64);
    fz_patch(p, size, "keyid", T.key->keyid);
    if (proctor_assignment_parse(p, size, "fuzz", &a, &err) < 0) {
        FZ_CHECK(a == NULL && err.msg[0]);
        free(p);
        return;
    }
    FZ_CHECK(a && a->bank && a->nq == a->bank->nquestions);
    walk(a, a->bank);
    if (memcmp(a->teacher_pk, T.key->pk, 32) == 0 &&
        proctor_dsse_sign(PROCTOR_ASSIGNMENT_TYPE, p, size, T.key, &env, &envlen, &err) == 0) {
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
        fz_teacher_setup(&T, 7);
        ready = 1;
    }
    if (memmem(data, size, "proctor-answer-key", 18))
        answer_key(data, size);
    else
        assignment(data, size);
    return 0;
}
