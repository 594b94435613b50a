/* SPDX-License-Identifier: ISC */
/*
 * fuzz-session.c - libFuzzer harness for the saved-session loader (proctor_session_load in
 * src/session.c, with src/response-json.c) against the fixture bank.
 *
 * A session that loads must survive the round trip the runner makes: saved and loaded again
 * it gives the same responses, position and score; and the signed result made from it (with
 * the fixture test key) must pass proctor_verify_buffer with the score the runner computed,
 * since the runner and the verifier grade with one function. Built and run by `make fuzz`.
 */
#include "fuzz-util.h"

#include <sodium.h>

#include "proctor/bank.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/session.h"
#include "proctor/verify.h"

static struct proctor_bank *bank;
static struct proctor_key *key;
static struct proctor_roster *roster;
static struct proctor_verifier *verifier;

static void
setup(void)
{
    struct proctor_error err;

    fz_student_fixture(&bank, &key, &roster);
    if (proctor_verifier_new(roster, bank, &verifier, &err) < 0)
        fz_die("cannot make a verifier");
}

static void
same_sessions(const struct proctor_session *a, const struct proctor_session *b)
{
    char *ja = proctor_responses_json(a), *jb = proctor_responses_json(b);
    int64_t ea, ma, eb, mb;

    /* the file keeps 52 bits of the seed, all a double holds exactly */
    FZ_CHECK(a->n == b->n && a->cur == b->cur);
    FZ_CHECK((a->seed & 0xFFFFFFFFFFFFFull) == (b->seed & 0xFFFFFFFFFFFFFull));
    for (size_t i = 0; i < a->n; i++)
        FZ_CHECK(a->q[i] == b->q[i] && a->resp[i].answered == b->resp[i].answered &&
                 a->answered_at[i] == b->answered_at[i] &&
                 a->feedback_at[i] == b->feedback_at[i]);
    /* the journal, where it records and whether it locks survive too */
    FZ_CHECK(a->steps == b->steps && a->locking == b->locking);
    FZ_CHECK((!a->record && !b->record) || (a->record && b->record && !strcmp(a->record, b->record)));
    FZ_CHECK(ja && jb && strcmp(ja, jb) == 0);
    proctor_session_score(a, &ea, &ma);
    proctor_session_score(b, &eb, &mb);
    FZ_CHECK(ea == eb && ma == mb && ea >= 0 && ea <= ma);
    free(ja);
    free(jb);
}

static void
signed_result_verifies(const struct proctor_session *s)
{
    struct proctor_verdict v;
    struct proctor_error err;
    char *env = NULL;
    size_t len = 0;
    int64_t earned, max;

    if (proctor_result_make(s, key, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL, 1, &env,
                            &len, &err) < 0)
        return;
    proctor_session_score(s, &earned, &max);
    if (proctor_verify_buffer(verifier, "fuzz", env, len, &v) != 0) {
        fprintf(stderr, "verify refused a result made from a loaded session: %s\n", v.reason);
        abort();
    }
    FZ_CHECK(v.earned == earned && v.max == max);
    free(env);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    struct proctor_session *s = NULL, *again = NULL;
    struct proctor_error err;
    int rc;

    if (!ready) {
        setup();
        ready = 1;
    }
    fz_write(fz_path("session.json"), data, size);
    proctor_error_clear(&err);
    rc = proctor_session_load(bank, fz_path("session.json"), &s, &err);
    if (rc < 0) {
        FZ_CHECK(s == NULL && err.code == rc && err.msg[0]);
        return 0;
    }
    FZ_CHECK(s != NULL && s->n > 0 && s->cur <= s->n);
    if (proctor_session_save(s, fz_path("saved.json"), &err) == 0) {
        if (proctor_session_load(bank, fz_path("saved.json"), &again, &err) != 0) {
            fprintf(stderr, "a saved session does not load again: %s\n", err.msg);
            abort();
        }
        same_sessions(s, again);
        proctor_session_free(again);
    }
    signed_result_verifies(s);
    proctor_session_free(s);
    return 0;
}
