/* SPDX-License-Identifier: ISC */
/*
 * fuzz-verify.c - libFuzzer harness for what `proctor verify` reads from a student: the DSSE
 * envelope (proctor_dsse_parse, src/sign.c, json-strict.c), the result payload
 * (proctor_result_parse, src/result.c) and the re-grade of its responses
 * (proctor_verify_buffer, src/verify.c, response-json.c, grade.c).
 *
 * An input starting with '{"payloadType"' is checked as a whole result file. Any other input
 * is a payload: it is parsed on its own, then signed with the fixture test key (whose public
 * line is the roster) so that verify gets past the signature to the payload checks and the
 * re-grade. A 64-hex "sha256" in the payload is replaced by the fixture bank's digest first,
 * so mutated payloads keep reaching the re-grade. Built and run by `make fuzz`.
 */
#include "fuzz-util.h"

#include <sodium.h>

#include "proctor/bank.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/sign.h"
#include "proctor/verify.h"

static struct proctor_bank *bank;
static struct proctor_key *key;
static struct proctor_roster *roster;
static char digest_hex[65];

static void
setup(void)
{
    fz_student_fixture(&bank, &key, &roster);
    sodium_bin2hex(digest_hex, sizeof digest_hex, bank->digest, 32);
}

/* Verifies buf with a fresh verifier; a valid file given twice counts once, whichever
 * copy comes first. */
static int
verify(const char *buf, size_t len, struct proctor_verdict *v)
{
    struct proctor_verifier *ver = NULL;
    struct proctor_error err;
    int rc;

    if (proctor_verifier_new(roster, bank, &ver, &err) < 0)
        fz_die("proctor_verifier_new");
    rc = proctor_verify_buffer(ver, "fuzz", buf, len, v);
    FZ_CHECK(rc == 0 || rc == PROCTOR_EVERIFY);
    FZ_CHECK((rc == 0) == (v->valid == 1));
    FZ_CHECK(memchr(v->reason, '\0', sizeof v->reason) && memchr(v->student, '\0', sizeof v->student));
    if (rc == 0) {
        struct proctor_verdict copy = *v;
        struct proctor_verdict *pair[2] = {&copy, v};
        FZ_CHECK(v->earned >= 0 && v->earned <= v->max);
        copy.file = "fuzz-copy"; /* names after "fuzz": the copy is the duplicate */
        FZ_CHECK(proctor_verdicts_settle(pair, 2, 0) == 0);
        FZ_CHECK(v->status == PROCTOR_STATUS_OK && !v->duplicate);
        FZ_CHECK(copy.status == PROCTOR_STATUS_OK && copy.duplicate);
    }
    proctor_verifier_free(ver);
    return rc;
}

static void
envelope(const uint8_t *data, size_t size)
{
    struct proctor_envelope env;
    struct proctor_verdict v;
    struct proctor_error err;

    if (proctor_dsse_parse((const char *)data, size, "fuzz", &env, &err) == 0) {
        struct proctor_result res;
        FZ_CHECK(env.payload_type && env.keyid && env.payload);
        if (proctor_result_parse(env.payload, env.payload_len, &res, &err) == 0)
            proctor_result_release(&res);
        proctor_envelope_release(&env);
    } else {
        FZ_CHECK(env.payload == NULL && env.keyid == NULL && env.payload_type == NULL);
        FZ_CHECK(err.msg[0]);
    }
    verify((const char *)data, size, &v);
}

static void
payload(const uint8_t *data, size_t size)
{
    char *p = fz_strndup(data, size), *at, *env = NULL;
    struct proctor_result res;
    struct proctor_verdict v;
    struct proctor_error err;
    size_t envlen = 0;
    int parsed;

    at = memmem(p, size, "\"sha256\":\"", 10);
    if (at && (size_t)(at - p) + 10 + 64 <= size)
        memcpy(at + 10, digest_hex, 64);
    parsed = proctor_result_parse(p, size, &res, &err) == 0;
    if (parsed) {
        FZ_CHECK(res.student && res.keyid && res.nquestions > 0);
        FZ_CHECK(res.earned >= 0 && res.earned <= res.max);
        for (size_t i = 0; i < res.nresponses; i++)
            FZ_CHECK(res.responses[i].qid && res.responses[i].json);
        proctor_result_release(&res);
    } else {
        FZ_CHECK(err.code == PROCTOR_EINVAL || err.code == PROCTOR_ENOMEM);
    }
    if (proctor_dsse_sign(PROCTOR_RESULT_TYPE, p, size, key, &env, &envlen, &err) == 0) {
        /* what verify accepts, the plain parser accepts too */
        if (verify(env, envlen, &v) == 0)
            FZ_CHECK(parsed);
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
    if (size >= 14 && memcmp(data, "{\"payloadType\"", 14) == 0)
        envelope(data, size);
    else
        payload(data, size);
    return 0;
}
