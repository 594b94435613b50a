/* SPDX-License-Identifier: ISC */
/*
 * fuzz-marks.c - libFuzzer harness for the teacher-signed files a teacher or a student reads
 * back: essay marks (proctor_marks_load, src/marks.c) and graded work (proctor_graded_load,
 * src/graded.c).
 *
 * Set up once: a sealed assignment of the fixture bank and its answer key, signed with a
 * teacher key made from a fixed seed. An input holding "proctor-graded" is a graded-work
 * payload: its "public_key" and "keyid" become the teacher's, then it is signed and loaded.
 * Any other input is a marks payload: its first 64-hex "sha256" becomes the assignment's
 * digest, then it is signed and loaded against the assignment and key. A marks file that
 * loads must find each of its marks again, and sign and load again to the same marks.
 * Built and run by `make fuzz`.
 */
#include "fuzz-teacher.h"

#include <sodium.h>

#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/graded.h"
#include "proctor/keys.h"
#include "proctor/marks.h"
#include "proctor/sign.h"

static struct fz_teacher T;
static struct proctor_bank *keybank; /* the answer key's questions */

static void
setup(void)
{
    struct proctor_error err;

    fz_teacher_setup(&T, 9);
    fz_write(fz_path("key.json"), T.key_env, T.key_len);
    if (proctor_answer_key_load(fz_path("key.json"), T.a, &keybank, &err) < 0)
        fz_die("cannot load the answer key");
}

static void
marks(const uint8_t *data, size_t size)
{
    char *p = fz_strndup(data, size), *env = NULL, *env2 = NULL;
    struct proctor_marks *m = NULL, *back = NULL;
    struct proctor_error err;
    size_t envlen = 0, envlen2 = 0;

    fz_patch(p, size, "sha256", T.digest_hex);
    if (proctor_dsse_sign(PROCTOR_MARKS_TYPE, p, size, T.key, &env, &envlen, &err) != 0) {
        free(p);
        return;
    }
    fz_write(fz_path("marks.json"), env, envlen);
    if (proctor_marks_load(fz_path("marks.json"), T.a, keybank, &m, &err) != 0) {
        FZ_CHECK(m == NULL && err.msg[0]);
        goto out;
    }
    for (size_t i = 0; i < m->n; i++) {
        const struct proctor_mark *k = &m->v[i];
        FZ_CHECK(proctor_marks_find(m, k->student, k->attempt, k->nonce, k->question) == k);
        FZ_CHECK(k->points >= 0);
    }
    /* what loads signs and loads again to the same marks */
    FZ_CHECK(proctor_marks_sign(m, T.key, &env2, &envlen2, &err) == 0);
    fz_write(fz_path("marks2.json"), env2, envlen2);
    FZ_CHECK(proctor_marks_load(fz_path("marks2.json"), T.a, keybank, &back, &err) == 0);
    FZ_CHECK(back->n == m->n);
    for (size_t i = 0; i < m->n; i++)
        FZ_CHECK(back->v[i].points == m->v[i].points &&
                 strcmp(back->v[i].comment, m->v[i].comment) == 0);
out:
    proctor_marks_free(back);
    proctor_marks_free(m);
    free(env2);
    free(env);
    free(p);
}

static void
graded(const uint8_t *data, size_t size)
{
    char *p = fz_strndup(data, size), *env = NULL;
    struct proctor_graded *g = NULL;
    struct proctor_error err;
    size_t envlen = 0;

    fz_patch(p, size, "public_key", T.pk_b64);
    fz_patch(p, size, "keyid", T.key->keyid);
    if (proctor_dsse_sign(PROCTOR_GRADED_TYPE, p, size, T.key, &env, &envlen, &err) == 0) {
        fz_write(fz_path("graded.json"), env, envlen);
        if (proctor_graded_load(fz_path("graded.json"), &g, &err) == 0) {
            FZ_CHECK(g != NULL && memcmp(g->teacher_pk, T.key->pk, 32) == 0);
            for (size_t i = 0; i < g->n; i++)
                FZ_CHECK(g->items[i].id && g->items[i].prompt);
            proctor_graded_free(g);
        } else {
            FZ_CHECK(g == NULL && err.msg[0]);
        }
        free(env);
    }
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
    if (memmem(data, size, "proctor-graded", 14))
        graded(data, size);
    else
        marks(data, size);
    return 0;
}
