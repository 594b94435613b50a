/* SPDX-License-Identifier: ISC */
/*
 * test-golden.c - every signed byte, pinned: a practice result, a sealed assignment with its
 * answer key, result, marks and graded work, and an open assignment with its result and
 * graded work, all built from the fixture bank with fixed keys, a fixed random stream and a
 * fixed clock, and compared byte for byte with the files in tests/fixtures/golden/.
 *
 * A change that moves a signed byte fails here. When the change is meant (a new field in a
 * payload, say), rewrite the expected files and commit them with the change, saying why:
 *     build/tests/unit/test-golden --write
 *
 * Determinism: libsodium's random source is replaced (randombytes_set_implementation) by a
 * ChaCha20 stream from a fixed seed, so assignment permutations and result nonces repeat;
 * time() is this file's own, so the times in results and graded work repeat. The bank is
 * tests/fixtures/bank with only all-types.json, so new fixture files do not move its digest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/graded.h"
#include "proctor/marks.h"
#include "proctor/result.h"
#include "proctor/session.h"
#include "proctor/sign.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif
#define GOLDEN SRCDIR "/tests/fixtures/golden"
#define FIXED_NOW ((time_t)1700050000) /* 2023-11-15T12:06:40Z */

/* ---- a fixed clock and a fixed random stream ---- */

time_t
time(time_t *t)
{
    if (t)
        *t = FIXED_NOW;
    return FIXED_NOW;
}

static unsigned char stream_seed[randombytes_SEEDBYTES];
static uint64_t stream_calls;

static const char *
fixed_name(void)
{
    return "proctor-golden-fixed";
}

/* Each request is the next block of a keyed stream: seed and call number through BLAKE2b. */
static void
fixed_buf(void *const buf, const size_t size)
{
    unsigned char key[randombytes_SEEDBYTES], n[8];

    for (int i = 0; i < 8; i++)
        n[i] = (unsigned char)(stream_calls >> (8 * i));
    stream_calls++;
    crypto_generichash(key, sizeof key, n, sizeof n, stream_seed, sizeof stream_seed);
    randombytes_buf_deterministic(buf, size, key);
}

static uint32_t
fixed_random(void)
{
    uint32_t v;

    fixed_buf(&v, sizeof v);
    return v;
}

static uint32_t
fixed_uniform(const uint32_t upper)
{
    uint32_t min, r;

    if (upper < 2)
        return 0;
    min = (1U + ~upper) % upper;
    do
        r = fixed_random();
    while (r < min);
    return r % upper;
}

static randombytes_implementation fixed_rng = {fixed_name, fixed_random, NULL, fixed_uniform,
                                               fixed_buf, NULL};

/* ---- the fixtures ---- */

static struct proctor_bank *bank;
static struct proctor_key *student, *teacher;
static char dir[] = "/tmp/proctor-test-golden-XXXXXX";
static int writing;

static const char *
tmp(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/*
 * What the student types for each question, by bank id: right, wrong, partly right, a typo
 * the matcher forgives, and one left unanswered. Letters are the ones shown, so they land on
 * whatever option the shuffle put there.
 */
static const struct {
    const char *id, *typed;
} typed[] = {
    {"books", "1,700"},
    {"chair", "b"},
    {"roles", "a c"},
    {"lyon", "false"},
    {"chair-name", "Romeo Ortis"},
    {"vote", "440"},
    {"sequence", "b a c"},
    {"who-did-what", "1a 2b 3d"},
    {"why-library", "A library lets people read, learn and meet."},
    {"spring", NULL},
};

#define NTYPED (sizeof typed / sizeof typed[0])

/* Compares got with the expected file, or writes it with --write. */
static void
golden(const char *name, const char *got, size_t len)
{
    char path[512], *want = NULL;
    size_t wlen = 0, i;
    struct proctor_error err;

    snprintf(path, sizeof path, "%s/%s", GOLDEN, name);
    if (!got) {
        CHECK(0, "%s was built", name);
        return;
    }
    if (writing) {
        unlink(path);
        CHECK(proctor_file_write(path, got, len, 0644, 0, &err) == 0, "wrote %s", path);
        return;
    }
    if (proctor_file_read(path, 1 << 24, &want, &wlen, &err) < 0) {
        CHECK(0, "%s: expected file readable: %s", name, err.msg);
        return;
    }
    for (i = 0; i < len && i < wlen && got[i] == want[i]; i++)
        ;
    CHECK(len == wlen && i == len, "%s: every byte as committed", name);
    if (len != wlen || i != len)
        printf("#   first difference at byte %zu (%zu bytes built, %zu expected); rebuild "
               "with --write only if the change is meant\n",
               i, len, wlen);
    free(want);
}

static void
answer_all(struct proctor_session *s, const char *const *bank_ids)
{
    for (size_t i = 0; i < s->n; i++) {
        const char *line = NULL, *bid = bank_ids ? NULL : s->q[i]->id;
        struct proctor_response r;
        struct proctor_error err;
        if (bank_ids) {
            /* assignment ids are q1, q2, ... in the order bank_ids gives */
            size_t k = (size_t)strtoul(s->q[i]->id + 1, NULL, 10) - 1;
            bid = bank_ids[k];
        }
        for (size_t k = 0; k < NTYPED; k++)
            if (strcmp(typed[k].id, bid) == 0)
                line = typed[k].typed;
        if (!line)
            continue;
        if (proctor_response_parse(s->q[i], s->perm[i], line, &r, &err) < 0) {
            CHECK(0, "'%s' parses for '%s': %s", line, bid, err.msg);
            continue;
        }
        proctor_session_answer(s, i, &r);
        proctor_response_release(&r);
    }
    s->finished = FIXED_NOW + 600;
}

static void
test_practice(void)
{
    struct proctor_session *s = NULL;
    struct proctor_filter f = {0};
    struct proctor_error err;
    char *out = NULL;
    size_t len = 0;

    CHECK(proctor_session_new(bank, &f, 0, 20240303, 1, &s, &err) == 0, "a practice session");
    if (!s)
        return;
    s->started = FIXED_NOW;
    answer_all(s, NULL);
    CHECK(proctor_result_make(s, student, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL, 1,
                              &out, &len, &err) == 0,
          "its result is signed");
    golden("practice.result.json", out, len);
    free(out);
    proctor_session_free(s);
}

/* The result's responses into s (as proctor return does). */
static void
fill(struct proctor_session *s, const struct proctor_result *res)
{
    struct proctor_error err;

    CHECK(proctor_result_fill(res, s, &err) == 0, "the result's responses fill the key's session");
}

static void
test_assignment(const char *name, int sealed)
{
    const struct proctor_question *qs[NTYPED];
    const char *ids[NTYPED];
    struct proctor_assignment_settings set = {name, "Golden week", 1700000000, 1700086400,
                                              45, 2, 1, sealed};
    struct proctor_assignment *a = NULL;
    struct proctor_bank *key = NULL;
    struct proctor_session *s = NULL, *ks = NULL;
    struct proctor_marks *marks = NULL;
    unsigned char essay[32] = {0};
    struct proctor_envelope env;
    struct proctor_result res;
    struct proctor_error err;
    char *atext = NULL, *ktext = NULL, *rtext = NULL, *mtext = NULL, *gtext = NULL, file[64];
    size_t alen = 0, klen = 0, rlen = 0, mlen = 0, glen = 0;

    memset(&env, 0, sizeof env);
    memset(&res, 0, sizeof res);
    proctor_error_clear(&err);
    for (size_t i = 0; i < NTYPED; i++) {
        ids[i] = typed[i].id;
        qs[i] = proctor_bank_find(bank, ids[i]);
        if (!qs[i]) {
            CHECK(0, "fixture question '%s'", ids[i]);
            return;
        }
    }
    CHECK(proctor_assignment_make(bank, qs, NTYPED, &set, teacher, &atext, &alen, &ktext, &klen,
                                  &err) == 0,
          "%s: the assignment is made: %s", name, err.msg);
    snprintf(file, sizeof file, "%s.assignment.json", name);
    golden(file, atext, alen);
    if (sealed) {
        snprintf(file, sizeof file, "%s.key.json", name);
        golden(file, ktext, klen);
    }
    if (!atext || proctor_file_write(tmp("a.json"), atext, alen, 0644, 0, &err) < 0 ||
        (ktext && proctor_file_write(tmp("k.json"), ktext, klen, 0600, 0, &err) < 0) ||
        proctor_assignment_load(tmp("a.json"), &a, &err) < 0 ||
        (sealed && proctor_answer_key_load(tmp("k.json"), a, &key, &err) < 0)) {
        CHECK(0, "%s: the assignment and its key load: %s", name, err.msg);
        goto out;
    }

    /* the student takes it: the session over what the assignment holds */
    if (proctor_assignment_session(a, NULL, student->id, &s, &err) < 0) {
        CHECK(0, "%s: the student's session: %s", name, err.msg);
        goto out;
    }
    s->started = FIXED_NOW;
    answer_all(s, ids);
    CHECK(proctor_result_make(s, student, NULL, PROCTOR_TAKEN_ASSIGNMENT, a->digest, a->id, 1,
                              &rtext, &rlen, &err) == 0,
          "%s: the result is signed", name);
    snprintf(file, sizeof file, "%s.result.json", name);
    golden(file, rtext, rlen);
    if (!rtext || proctor_dsse_parse(rtext, rlen, "result", &env, &err) < 0 ||
        proctor_result_parse(env.payload, env.payload_len, &res, &err) < 0) {
        CHECK(0, "%s: the result reads back: %s", name, err.msg);
        goto out;
    }

    /* the teacher marks the essay and returns the work, graded on the key's questions (an
     * open assignment is its own key) */
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->q[i]->id, "q9") == 0 && s->resp[i].text)
            proctor_essay_digest(s->resp[i].text, essay);
    if (!(marks = proctor_marks_new(a)) ||
        proctor_marks_set(marks, res.student, res.attempt, res.nonce, "q9", essay, 500,
                          "Two reasons, one of them thin.", &err) < 0 ||
        proctor_marks_sign(marks, teacher, &mtext, &mlen, &err) < 0) {
        CHECK(0, "%s: the marks are signed: %s", name, err.msg);
        goto out;
    }
    snprintf(file, sizeof file, "%s.marks.json", name);
    golden(file, mtext, mlen);
    if (proctor_assignment_session(a, key, res.student, &ks, &err) < 0) {
        CHECK(0, "%s: the key's session: %s", name, err.msg);
        goto out;
    }
    fill(ks, &res);
    CHECK(proctor_graded_make(a, ks, &res, marks, teacher, &gtext, &glen, &err) == 0,
          "%s: the graded work is signed: %s", name, err.msg);
    snprintf(file, sizeof file, "%s.graded.json", name);
    golden(file, gtext, glen);
out:
    free(atext), free(ktext), free(rtext), free(mtext), free(gtext);
    proctor_envelope_release(&env);
    proctor_result_release(&res);
    proctor_marks_free(marks);
    proctor_session_free(s);
    proctor_session_free(ks);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    unlink(tmp("a.json"));
    unlink(tmp("k.json"));
}

/*
 * A sealed assignment of the cloze fixture questions (tests/fixtures/cloze): assignment,
 * answer key, a result answered gap by gap (one gap wrong, one left blank) and the graded
 * work, pinned like the rest. It runs after the others, so their bytes do not move.
 */
static void
test_cloze(void)
{
    static const char *const ids[] = {"memo-cloze", "memo-cloze-vote"};
    static const char *const lines[] = {"library | 1600 | b", "420 | -"};
    const char *only[] = {SRCDIR "/tests/fixtures/cloze/cloze.json", NULL};
    const struct proctor_question *qs[2];
    struct proctor_assignment_settings set = {"gaps", "Golden gaps", 1700000000, 0, 0, 1, 1, 1};
    struct proctor_bank *cb = NULL, *key = NULL;
    struct proctor_assignment *a = NULL;
    struct proctor_session *s = NULL, *ks = NULL;
    struct proctor_envelope env;
    struct proctor_result res;
    struct proctor_error err;
    char *atext = NULL, *ktext = NULL, *rtext = NULL, *gtext = NULL;
    size_t alen = 0, klen = 0, rlen = 0, glen = 0;

    memset(&env, 0, sizeof env);
    memset(&res, 0, sizeof res);
    proctor_error_clear(&err);
    if (proctor_bank_load(SRCDIR "/tests/fixtures/cloze", only, NULL, NULL, &cb, &err) != 0 ||
        !(qs[0] = proctor_bank_find(cb, ids[0])) || !(qs[1] = proctor_bank_find(cb, ids[1]))) {
        CHECK(0, "the cloze fixture bank: %s", err.msg);
        goto out;
    }
    CHECK(proctor_assignment_make(cb, qs, 2, &set, teacher, &atext, &alen, &ktext, &klen,
                                  &err) == 0,
          "cloze: the assignment is made");
    golden("cloze.assignment.json", atext, alen);
    golden("cloze.key.json", ktext, klen);
    if (!atext || !ktext || proctor_file_write(tmp("a.json"), atext, alen, 0644, 0, &err) < 0 ||
        proctor_file_write(tmp("k.json"), ktext, klen, 0600, 0, &err) < 0 ||
        proctor_assignment_load(tmp("a.json"), &a, &err) < 0 ||
        proctor_answer_key_load(tmp("k.json"), a, &key, &err) < 0 ||
        proctor_assignment_session(a, NULL, student->id, &s, &err) < 0) {
        CHECK(0, "cloze: the assignment, its key and the student's session: %s", err.msg);
        goto out;
    }
    s->started = FIXED_NOW;
    for (size_t i = 0; i < s->n; i++) {
        size_t k = (size_t)strtoul(s->q[i]->id + 1, NULL, 10) - 1;
        struct proctor_response r;
        if (k < 2 && proctor_response_parse(s->q[i], s->perm[i], lines[k], &r, &err) == 0) {
            proctor_session_answer(s, i, &r);
            proctor_response_release(&r);
        } else {
            CHECK(0, "cloze: '%s' answers %s: %s", lines[k < 2 ? k : 0], s->q[i]->id, err.msg);
        }
    }
    s->finished = FIXED_NOW + 600;
    CHECK(proctor_result_make(s, student, NULL, PROCTOR_TAKEN_ASSIGNMENT, a->digest, a->id, 1,
                              &rtext, &rlen, &err) == 0,
          "cloze: the result is signed");
    golden("cloze.result.json", rtext, rlen);
    if (!rtext || proctor_dsse_parse(rtext, rlen, "result", &env, &err) < 0 ||
        proctor_result_parse(env.payload, env.payload_len, &res, &err) < 0 ||
        proctor_assignment_session(a, key, res.student, &ks, &err) < 0) {
        CHECK(0, "cloze: the result reads back: %s", err.msg);
        goto out;
    }
    fill(ks, &res);
    CHECK(proctor_graded_make(a, ks, &res, NULL, teacher, &gtext, &glen, &err) == 0,
          "cloze: the graded work is signed: %s", err.msg);
    golden("cloze.graded.json", gtext, glen);
out:
    free(atext), free(ktext), free(rtext), free(gtext);
    proctor_envelope_release(&env);
    proctor_result_release(&res);
    proctor_session_free(s);
    proctor_session_free(ks);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    proctor_bank_free(cb);
    unlink(tmp("a.json"));
    unlink(tmp("k.json"));
}

int
main(int argc, char **argv)
{
    const char *only[] = {SRCDIR "/tests/fixtures/bank/all-types.json", NULL};
    struct proctor_error err;

    writing = argc > 1 && strcmp(argv[1], "--write") == 0;
    memset(stream_seed, 0x5a, sizeof stream_seed);
    if (randombytes_set_implementation(&fixed_rng) != 0 || sodium_init() < 0 ||
        strcmp(randombytes_implementation_name(), fixed_name()) != 0) {
        printf("not ok - the fixed random stream is installed\n");
        return 1;
    }
    if (!mkdtemp(dir) ||
        proctor_bank_load(SRCDIR "/tests/fixtures/bank", only, NULL, NULL, &bank, &err) != 0 ||
        proctor_key_load(SRCDIR "/tests/fixtures/keys/student.key", NULL, 0, 1, &student,
                         &err) < 0 ||
        proctor_key_load(SRCDIR "/tests/fixtures/keys/teacher.key", NULL, 0, 1, &teacher,
                         &err) < 0) {
        printf("not ok - fixtures: %s\n", err.msg);
        return 1;
    }
    /* the same stream on every run, whatever ran before */
    stream_calls = 0;
    test_practice();
    test_assignment("sealed", 1);
    test_assignment("open", 0);
    test_cloze();
    rmdir(dir);
    proctor_bank_free(bank);
    proctor_key_free(student);
    proctor_key_free(teacher);
    return harness_done();
}
