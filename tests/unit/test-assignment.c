/* SPDX-License-Identifier: ISC */
/* test-assignment.c - assignments and answer keys: the embedded question form (sealed and
 * full), making and loading signed files, tampering, binding, and per-student sessions. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/result.h"
#include "proctor/sign.h"
#include "proctor/verify.h"

static struct proctor_bank *bank;
static struct proctor_key *teacher, *other;
static char dir[] = "/tmp/proctor-test-assignment-XXXXXX";

static const char *
tmp(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* The assignment id of bank question id: made of every question in bank order, it is q<N>. */
static const char *
qid(const char *id)
{
    static char buf[16];
    const struct proctor_question *q = proctor_bank_find(bank, id);
    snprintf(buf, sizeof buf, "q%zu", q ? (size_t)(q - bank->questions) + 1 : (size_t)0);
    return buf;
}

/* Makes an assignment of every fixture question and writes it (and its key) to files. */
static int
make(const char *name, const char *keyname, int sealed, const struct proctor_key *k,
     const char *id)
{
    const struct proctor_question *qs[64];
    struct proctor_assignment_settings set = {id, "Test assignment", 1700000000, 1700086400,
                                              30, 2, 1, sealed};
    struct proctor_error err;
    char *a = NULL, *key = NULL;
    size_t alen, klen;
    int rc;

    for (size_t i = 0; i < bank->nquestions; i++)
        qs[i] = &bank->questions[i];
    rc = proctor_assignment_make(bank, qs, bank->nquestions, &set, k, &a, &alen, &key, &klen,
                                 &err);
    if (rc < 0) {
        printf("# make: %s\n", err.msg);
        return rc;
    }
    unlink(tmp(name));
    rc = proctor_file_write(tmp(name), a, alen, 0644, 0, &err);
    if (rc == 0 && key) {
        unlink(tmp(keyname));
        rc = proctor_file_write(tmp(keyname), key, klen, 0600, 0, &err);
    }
    free(a);
    free(key);
    return rc;
}

static char *
payload(const char *path)
{
    char *buf = NULL, *p = NULL;
    size_t len;
    struct proctor_envelope env;

    if (proctor_file_read(path, 1 << 24, &buf, &len, NULL) < 0)
        return NULL;
    if (proctor_dsse_parse(buf, len, path, &env, NULL) == 0)
        p = strdup((char *)env.payload);
    proctor_envelope_release(&env);
    free(buf);
    return p;
}

/* The correct response to q (a full question), by ids. */
static void
right(const struct proctor_question *q, struct proctor_response *r)
{
    memset(r, 0, sizeof *r);
    r->answered = 1;
    switch (q->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        r->ids = calloc(q->noptions, sizeof *r->ids);
        for (size_t i = 0; i < q->noptions; i++)
            if (q->options[i].correct)
                r->ids[r->nids++] = strdup(q->options[i].id);
        break;
    case PROCTOR_ORDER:
        r->ids = calloc(q->noptions, sizeof *r->ids);
        for (size_t i = 0; i < q->noptions; i++)
            r->ids[r->nids++] = strdup(q->options[i].id);
        break;
    case PROCTOR_MATCH:
        r->ids = calloc(q->npairs, sizeof *r->ids);
        r->ids2 = calloc(q->npairs, sizeof *r->ids2);
        for (size_t i = 0; i < q->npairs; i++) {
            r->ids[i] = strdup(q->options[i].id);
            r->ids2[i] = strdup(q->rights[i].id);
        }
        r->nids = q->npairs;
        break;
    case PROCTOR_TRUEFALSE: r->truth = q->truth; break;
    case PROCTOR_SHORT: r->text = strdup(q->accept[0]); break;
    case PROCTOR_NUMERIC: {
        char b[32];
        r->text = strdup(proctor_format_points(q->value, b, sizeof b));
        break;
    }
    case PROCTOR_ESSAY: r->text = strdup("an essay"); break;
    case PROCTOR_CLOZE: /* each gap's answer, as its own type would give it */
        r->ids = calloc(q->ngaps, sizeof *r->ids);
        for (size_t k = 0; k < q->ngaps; k++) {
            struct proctor_response g;
            right(&q->gaps[k], &g);
            r->ids[r->nids++] = strdup(g.text ? g.text : g.ids[0]);
            proctor_response_release(&g);
        }
        break;
    }
}

static void
test_sealed(void)
{
    struct proctor_assignment *a = NULL;
    struct proctor_bank *key = NULL;
    struct proctor_error err;
    char *p;

    proctor_error_clear(&err);
    CHECK(make("a.json", "a.key.json", 1, teacher, "hw1") == 0, "a sealed assignment is made");
    CHECK(proctor_assignment_load(tmp("a.json"), &a, &err) == 0, "and loads: %s", err.msg);
    if (!a)
        return;
    CHECK_STR(a->id, "hw1", "its id");
    CHECK_STR(a->title, "Test assignment", "its title");
    CHECK_STR(a->teacher_id, "teacher", "its teacher");
    CHECK_STR(a->keyid, teacher->keyid, "signed by the teacher's key");
    CHECK_STR(a->due, "2023-11-15T22:13:20Z", "due time in UTC");
    CHECK(a->sealed && a->shuffle && a->attempts == 2 && a->time_limit == 30, "settings");
    CHECK_INT(a->nq, bank->nquestions, "every question");
    p = payload(tmp("a.json"));
    CHECK(p && !strstr(p, "\"correct\"") && !strstr(p, "\"accept\"") &&
              !strstr(p, "\"tolerance\"") && !strstr(p, "\"answer\"") &&
              !strstr(p, "\"explain\"") && !strstr(p, "\"rubric\"") && !strstr(p, "\"source\"") &&
              !strstr(p, "Ortiz\",\"correct"),
          "the sealed payload holds no answers, explanations, rubrics or passages");
    CHECK(p && !strstr(p, "\"ortiz\"") && !strstr(p, "\"met\""),
          "nor the bank's option ids");
    free(p);
    for (size_t i = 0; i < a->nq; i++) {
        const struct proctor_question *q = &a->bank->questions[i];
        CHECK(q->sealed && q->naccept == 0 && !q->explain && !q->doc,
              "question '%s' is sealed", q->id);
    }
    CHECK(proctor_answer_key_load(tmp("a.key.json"), a, &key, &err) == 0,
          "the answer key loads against it: %s", err.msg);
    for (size_t i = 0; key && i < a->nq; i++) {
        const struct proctor_question *q = &a->bank->questions[i];
        struct proctor_response r;
        right(proctor_bank_find(key, q->id), &r);
        CHECK_INT(proctor_grade(q, &r) + proctor_grade_max(q), 0,
                  "a sealed question grades nothing, even the right answer ('%s')", q->id);
        proctor_response_release(&r);
    }
    if (key) {
        int64_t total = 0, want = 0;
        for (size_t i = 0; i < key->nquestions; i++) {
            const struct proctor_question *q = &key->questions[i];
            const struct proctor_question *orig = &bank->questions[i];
            struct proctor_response r;
            right(q, &r);
            total += proctor_grade(q, &r);
            want += proctor_grade_max(orig);
            proctor_response_release(&r);
        }
        CHECK_INT(total, want, "the key's right answers earn every point");
        CHECK(proctor_bank_find(key, qid("chair"))->doc &&
                  strcmp(proctor_bank_find(key, qid("chair"))->doc->id, "memo") == 0,
              "the key carries the passage's document");
        CHECK(strcmp(key->questions[0].id, "q1") == 0 && strcmp(key->questions[9].id, "q10") == 0,
              "questions are q1, q2, ... in the order given");
        {
            const struct proctor_question *q = proctor_bank_find(key, qid("spring"));
            const struct proctor_question *o = proctor_bank_find(bank, "spring");
            const char *kt = q->doc->text + q->quote_start, *ot = o->doc->text + o->quote_start;
            size_t kp = q->quote_start - q->doc->paras[q->para].start,
                   op = o->quote_start - o->doc->paras[o->para].start;
            CHECK(q->quote_end - q->quote_start == o->quote_end - o->quote_start &&
                      memcmp(kt, ot, q->quote_end - q->quote_start) == 0 && kp == op &&
                      q->doc->paras[q->para].line == o->doc->paras[o->para].line,
                  "the second occurrence of a quote stays the one highlighted");
        }
    }
    /* what each student sees is the same over the sealed questions and the key */
    {
        struct proctor_session *s1 = NULL, *s2 = NULL, *s3 = NULL;
        int same = 1, differs = 0;
        proctor_assignment_session(a, NULL, "s1", &s1, &err);
        proctor_assignment_session(a, key, "s1", &s2, &err);
        proctor_assignment_session(a, NULL, "s2", &s3, &err);
        for (size_t i = 0; s1 && s2 && s3 && i < s1->n; i++) {
            size_t n = s1->q[i]->type == PROCTOR_MATCH ? s1->q[i]->nrights : s1->q[i]->noptions;
            same &= strcmp(s1->q[i]->id, s2->q[i]->id) == 0;
            differs |= strcmp(s1->q[i]->id, s3->q[i]->id) != 0;
            for (size_t k = 0; same && s1->perm[i] && k < n; k++) {
                const struct proctor_option *o1 = s1->q[i]->type == PROCTOR_MATCH
                                                      ? s1->q[i]->rights
                                                      : s1->q[i]->options,
                                            *o2 = s2->q[i]->type == PROCTOR_MATCH
                                                      ? s2->q[i]->rights
                                                      : s2->q[i]->options;
                same &= strcmp(o1[s1->perm[i][k]].id, o2[s2->perm[i][k]].id) == 0;
            }
        }
        CHECK(s1 && s2 && same, "a student sees the same order over the assignment and its key");
        CHECK(differs, "another student sees another order");
        proctor_session_free(s1);
        proctor_session_free(s2);
        proctor_session_free(s3);
    }
    proctor_bank_free(key);
    proctor_assignment_free(a);
}

static void
test_refusals(void)
{
    struct proctor_assignment *a = NULL, *b = NULL;
    struct proctor_bank *key = NULL;
    struct proctor_error err;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    make("b.json", "b.key.json", 1, teacher, "hw1");
    make("c.json", "c.key.json", 1, other, "hw1");
    proctor_assignment_load(tmp("a.json"), &a, &err);
    proctor_assignment_load(tmp("b.json"), &b, &err);
    if (!a || !b)
        return;
    CHECK(proctor_answer_key_load(tmp("b.key.json"), a, &key, &err) == PROCTOR_EVERIFY &&
              strstr(err.msg, "another assignment"),
          "a key made for another assignment of the same id is refused: %s", err.msg);
    proctor_bank_free(key);
    key = NULL;
    CHECK(proctor_answer_key_load(tmp("c.key.json"), a, &key, &err) == PROCTOR_EVERIFY &&
              strstr(err.msg, "not by the assignment's teacher key"),
          "a key signed by another teacher is refused: %s", err.msg);
    proctor_bank_free(key);
    key = NULL;
    CHECK(proctor_answer_key_load(tmp("a.json"), a, &key, &err) == PROCTOR_EVERIFY,
          "an assignment is not an answer key: %s", err.msg);
    proctor_assignment_free(b);
    b = NULL;
    CHECK(proctor_assignment_load(tmp("a.key.json"), &b, &err) == PROCTOR_EVERIFY,
          "an answer key is not an assignment: %s", err.msg);

    /* one changed byte of the signed payload */
    proctor_file_read(tmp("a.json"), 1 << 24, &buf, &len, NULL);
    if (buf) {
        struct proctor_envelope env;
        char *sig;
        proctor_dsse_parse(buf, len, "a", &env, NULL);
        sig = strstr(buf, "\"sig\":\"");
        if (env.payload && sig) {
            char *p64, *out;
            size_t olen;
            char *title = strstr((char *)env.payload, "Test assignment");
            title[0] = 'B';
            p64 = proctor_base64_encode(env.payload, env.payload_len);
            olen = strlen(p64) + 400;
            out = malloc(olen);
            snprintf(out, olen, "{\"payloadType\":\"%s\",\"payload\":\"%s\",\"signatures\":[{"
                                "\"keyid\":\"%s\",%s",
                     env.payload_type, p64, env.keyid, sig);
            unlink(tmp("t.json"));
            proctor_file_write(tmp("t.json"), out, strlen(out), 0644, 0, NULL);
            rc = proctor_assignment_load(tmp("t.json"), &b, &err);
            CHECK(rc == PROCTOR_EVERIFY && strstr(err.msg, "bad signature"),
                  "a changed title is refused: %s", err.msg);
            proctor_assignment_free(b);
            b = NULL;
            free(p64);
            free(out);
        }
        proctor_envelope_release(&env);
        free(buf);
    }
    unlink(tmp("u.json"));
    proctor_file_write(tmp("u.json"), "{\"format\":\"proctor-assignment\"}\n", 32, 0644, 0, NULL);
    CHECK(proctor_assignment_load(tmp("u.json"), &b, &err) == PROCTOR_EVERIFY,
          "an unsigned file is refused: %s", err.msg);
    proctor_assignment_free(a);
}

static void
test_embedded_form(void)
{
    static const struct {
        int sealed;
        const char *json, *want;
    } bad[] = {
        {1, "{\"questions\":[{\"id\":\"q\",\"type\":\"truefalse\",\"prompt\":\"P\",\"points\":1000,"
            "\"answer\":true}]}",
         "unknown member 'answer' for a sealed truefalse"},
        {1, "{\"questions\":[{\"id\":\"q\",\"type\":\"choice\",\"prompt\":\"P\",\"points\":1000,"
            "\"options\":[{\"id\":\"o1\",\"text\":\"A\",\"correct\":true},{\"id\":\"o2\","
            "\"text\":\"B\"}]}]}",
         "unknown member 'correct'"},
        {1, "{\"questions\":[{\"id\":\"q\",\"type\":\"essay\",\"prompt\":\"P\"}]}",
         "expected 'points'"},
        {0, "{\"questions\":[{\"id\":\"q\",\"type\":\"essay\",\"prompt\":\"P\",\"points\":1000,"
            "\"explain\":\"E\"}]}",
         "needs a 'rubric'"},
        {0, "{\"questions\":[{\"id\":\"q\",\"type\":\"match\",\"prompt\":\"P\",\"points\":1000,"
            "\"explain\":\"E\",\"lefts\":[{\"id\":\"l1\",\"text\":\"A\"},{\"id\":\"l2\","
            "\"text\":\"B\"}],\"rights\":[{\"id\":\"r1\",\"text\":\"x\"},{\"id\":\"r2\","
            "\"text\":\"y\"}],\"answer\":{\"l1\":\"r1\",\"l2\":\"r1\"}}]}",
         "not used for another left"},
        {0, "{\"questions\":[{\"id\":\"q\",\"type\":\"truefalse\",\"prompt\":\"P\",\"points\":1000,"
            "\"answer\":true,\"explain\":\"E\",\"source\":{\"doc\":\"d\",\"line\":3,"
            "\"paragraph\":\"Some text here.\",\"offset\":2,\"quote\":\"text here\"}}]}",
         "not at its offset"},
        {1, "{\"questions\":[{\"id\":\"q\",\"type\":\"short\",\"prompt\":\"P\",\"points\":1.5}]}",
         "integers"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct proctor_bank *b = NULL;
        struct proctor_error err;
        int rc;
        proctor_error_clear(&err);
        rc = proctor_bank_from_json(bad[i].json, strlen(bad[i].json), bad[i].sealed, "x", &b,
                                    &err);
        CHECK(rc == PROCTOR_EINVAL && strstr(err.msg, bad[i].want),
              "embedded form refused: %s (%s)", bad[i].want, err.msg);
        proctor_bank_free(b);
    }
    {
        const char *ok = "{\"questions\":[{\"id\":\"q\",\"type\":\"match\",\"prompt\":\"P\","
                         "\"points\":2000,\"explain\":\"E\",\"lefts\":[{\"id\":\"l1\",\"text\":"
                         "\"A\"},{\"id\":\"l2\",\"text\":\"B\"}],\"rights\":[{\"id\":\"r1\","
                         "\"text\":\"x\"},{\"id\":\"r2\",\"text\":\"y\"},{\"id\":\"r3\","
                         "\"text\":\"z\"}],\"answer\":{\"l1\":\"r3\",\"l2\":\"r1\"},"
                         "\"source\":{\"doc\":\"d\",\"line\":3,\"paragraph\":\"Some text "
                         "here.\",\"offset\":5,\"quote\":\"text here\"}}]}";
        struct proctor_bank *b = NULL;
        struct proctor_error err;
        CHECK(proctor_bank_from_json(ok, strlen(ok), 0, "x", &b, &err) == 0,
              "a full match question loads: %s", err.msg);
        if (b) {
            const struct proctor_question *q = &b->questions[0];
            CHECK(strcmp(q->rights[0].id, "r3") == 0 && strcmp(q->rights[1].id, "r1") == 0 &&
                      strcmp(q->rights[2].id, "r2") == 0 && q->npairs == 2,
                  "its rights are put in pair order, the distractor last");
            CHECK(q->doc && q->doc->paras[q->para].line == 3 &&
                      q->quote_end - q->quote_start == 9 &&
                      memcmp(q->doc->text + q->quote_start, "text here", 9) == 0,
                  "its passage becomes a document paragraph");
        }
        proctor_bank_free(b);
    }
}

/* The answer fields of the shipped bank (a name, known wrong answers, units) are carried into
 * an assignment's answer key, so verify grades as practice does; units, which the prompt
 * needs, are in the sealed assignment too; the rest is not. */
static void
test_answer_fields(void)
{
    static const char *const ids[] = {"unamir-habyarimana", "fax-militia", "fax-36-hours"};
    struct proctor_assignment_settings set = {"hw9", "Answers", 1700000000, 0, 0, 1, 0, 1};
    const struct proctor_question *qs[3];
    struct proctor_assignment *a = NULL;
    struct proctor_bank *shipped = NULL, *k = NULL;
    struct proctor_error err;
    struct proctor_response r;
    char *ae = NULL, *ke = NULL, *p;
    size_t alen, klen;

    if (proctor_bank_load(SRCDIR "/questions", NULL, NULL, NULL, &shipped, &err) != 0) {
        CHECK(0, "the shipped bank loads: %s", err.msg);
        return;
    }
    for (size_t i = 0; i < 3; i++)
        qs[i] = proctor_bank_find(shipped, ids[i]);
    if (!qs[0] || !qs[1] || !qs[2] || !qs[0]->match || !qs[1]->nreject || !qs[2]->nunits) {
        CHECK(0, "the shipped bank has a name, a reject list and units");
        proctor_bank_free(shipped);
        return;
    }
    CHECK(proctor_assignment_make(shipped, qs, 3, &set, teacher, &ae, &alen, &ke, &klen, &err) ==
                  0 &&
              proctor_file_write(tmp("f.json"), ae, alen, 0644, 0, &err) == 0 &&
              proctor_file_write(tmp("f.key.json"), ke, klen, 0600, 0, &err) == 0 &&
              proctor_assignment_load(tmp("f.json"), &a, &err) == 0 &&
              proctor_answer_key_load(tmp("f.key.json"), a, &k, &err) == 0,
          "an assignment of them and its key: %s", err.msg);
    p = payload(tmp("f.json"));
    CHECK(p && strstr(p, "\"units\":[\"hours\"") && !strstr(p, "\"reject\"") &&
              !strstr(p, "\"kind\"") && !strstr(p, "Impuzamugambi"),
          "the sealed payload holds the units and no answer field");
    free(p);
    if (a && k) {
        const struct proctor_question *sq = proctor_bank_find(a->bank, "q3"),
                                       *kn = proctor_bank_find(k, "q1"),
                                       *kr = proctor_bank_find(k, "q2");
        CHECK(sq && sq->nunits == qs[2]->nunits && !strcmp(sq->units[0], "hours"),
              "the sealed question has its units");
        CHECK(kn && kn->match == PROCTOR_MATCH_NAME && kr && kr->nreject == qs[1]->nreject &&
                  !strcmp(kr->reject[0], qs[1]->reject[0]),
              "the key's questions have their kind and reject list");
        memset(&r, 0, sizeof r);
        r.answered = 1;
        r.text = (char *)"Pres. Habarimana";
        CHECK(kn && proctor_grade(kn, &r) == proctor_grade(qs[0], &r) &&
                  proctor_grade(kn, &r) == kn->points,
              "a name graded from the key as from the bank");
        r.text = (char *)"Interahamwe and Impuzamugambi";
        CHECK(kr && proctor_grade(kr, &r) == 0 && proctor_grade(qs[1], &r) == 0,
              "a known wrong answer refused from the key as from the bank");
    }
    free(ae);
    free(ke);
    proctor_assignment_free(a);
    proctor_bank_free(k);
    proctor_bank_free(shipped);
}

/* The verdict on envelope env (len bytes) against assignment a and its key. */
static int
verdict_on(const struct proctor_verifier *v, const char *env, size_t len,
           struct proctor_verdict *out)
{
    proctor_verdict_release(out); /* it may hold the previous verdict's items */
    return proctor_verify_buffer(v, "r", env, len, out);
}

/* The result's payload with one string replaced, signed again by k. */
static char *
forge(const char *env, size_t len, const char *from, const char *to,
      const struct proctor_key *k, size_t *outlen)
{
    struct proctor_envelope e;
    char *p, *hit, *out = NULL;
    size_t n;

    if (proctor_dsse_parse(env, len, "r", &e, NULL) < 0)
        return NULL;
    hit = strstr((char *)e.payload, from);
    n = e.payload_len - strlen(from) + strlen(to);
    p = malloc(n + 1);
    if (hit && p) {
        size_t pre = (size_t)(hit - (char *)e.payload);
        memcpy(p, e.payload, pre);
        memcpy(p + pre, to, strlen(to));
        memcpy(p + pre + strlen(to), hit + strlen(from), e.payload_len - pre - strlen(from));
        p[n] = '\0';
        proctor_dsse_sign(PROCTOR_RESULT_TYPE, p, n, k, &out, outlen, NULL);
    }
    free(p);
    proctor_envelope_release(&e);
    return out;
}

static void
test_verify(void)
{
    struct proctor_assignment *a = NULL, *b = NULL;
    struct proctor_bank *key = NULL;
    struct proctor_roster *roster = NULL;
    struct proctor_verifier *v = NULL;
    struct proctor_session *s = NULL;
    struct proctor_key *stu = NULL;
    struct proctor_verdict out;
    struct proctor_error err;
    unsigned char seed[32] = {9};
    char line[512], *env = NULL, *bad = NULL;
    size_t len = 0, blen = 0;

    memset(&out, 0, sizeof out);
    proctor_error_clear(&err);
    if (proctor_assignment_load(tmp("a.json"), &a, &err) < 0 ||
        proctor_assignment_load(tmp("b.json"), &b, &err) < 0 ||
        proctor_answer_key_load(tmp("a.key.json"), a, &key, &err) < 0 ||
        proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "s1", "Ann", seed, &stu, &err) < 0) {
        CHECK(0, "verify setup: %s", err.msg);
        goto out;
    }
    proctor_key_line(stu, line, sizeof line);
    unlink(tmp("roster"));
    proctor_roster_add(tmp("roster"), line, 0, NULL); /* creates it (no error struct needed) */
    if (proctor_roster_load(tmp("roster"), &roster, &err) < 0 ||
        proctor_verifier_new(roster, NULL, &v, &err) < 0 ||
        proctor_verifier_set_assignment(v, a, key, NULL, &err) < 0 ||
        proctor_assignment_session(a, NULL, "s1", &s, &err) < 0) {
        CHECK(0, "verifier: %s", err.msg);
        goto out;
    }
    /* the first question answered right, by the key */
    {
        struct proctor_response r;
        right(proctor_bank_find(key, s->q[0]->id), &r);
        proctor_session_answer(s, 0, &r);
        proctor_response_release(&r);
    }
    CHECK(proctor_result_make(s, stu, NULL, PROCTOR_TAKEN_ASSIGNMENT, a->digest, a->id, 1, &env,
                              &len, &err) == 0,
          "a result of the sealed assignment is made");
    CHECK(env && strstr(env, "payload") != NULL, "an envelope");
    if (!env)
        goto out;
    CHECK(verdict_on(v, env, len, &out) == 0 && out.valid &&
              out.earned == proctor_grade_max(proctor_bank_find(key, s->q[0]->id)) &&
              out.max == 9000 && out.essay_max == 1000,
          "it verifies, re-graded against the key: %s", out.reason);
    {
        size_t k = 0, answered = 0;
        while (k < a->nq && strcmp(a->qids[k], s->q[0]->id) != 0)
            k++;
        for (size_t i = 0; out.items && i < out.nitems; i++)
            answered += out.items[i].answered;
        CHECK(out.items && out.nitems == a->nq && k < a->nq && out.items[k].answered &&
                  out.items[k].earned == out.earned && answered == 1,
              "the verdict records each question in the assignment's order: only %s (the "
              "first shown) answered, with its points",
              s->q[0]->id);
    }
    bad = forge(env, len, "\"score\":{\"earned\":0,\"max\":0}",
                "\"score\":{\"earned\":1000,\"max\":9000}", stu, &blen);
    CHECK(bad && verdict_on(v, bad, blen, &out) == PROCTOR_EVERIFY &&
              strstr(out.reason, "which a sealed assignment's program cannot know"),
          "a sealed result claiming a score is refused: %s", out.reason);
    free(bad);
    bad = forge(env, len, "\"questions\":[\"", "\"questions\":[\"q99\",\"", stu, &blen);
    CHECK(bad && verdict_on(v, bad, blen, &out) == PROCTOR_EVERIFY,
          "a result listing other questions is refused: %s", out.reason);
    free(bad);
    {
        char from[80], to[80], hex[65];
        sodium_bin2hex(hex, sizeof hex, a->digest, 32);
        snprintf(from, sizeof from, "\"sha256\":\"%s\"", hex);
        sodium_bin2hex(hex, sizeof hex, b->digest, 32);
        snprintf(to, sizeof to, "\"sha256\":\"%s\"", hex);
        bad = forge(env, len, from, to, stu, &blen);
        CHECK(bad && verdict_on(v, bad, blen, &out) == PROCTOR_EVERIFY &&
                  strstr(out.reason, "another version of assignment"),
              "a result bound to another assignment of the same id is refused: %s",
              out.reason);
        free(bad);
    }
    bad = forge(env, len, "\"attempt\":1,", "\"attempt\":2,", stu, &blen);
    CHECK(bad && verdict_on(v, bad, blen, &out) == 0 && out.attempt == 2,
          "the attempt number is what the student's program wrote (verify counts them)");
    free(bad);
out:
    proctor_verdict_release(&out);
    free(env);
    proctor_session_free(s);
    proctor_verifier_free(v);
    proctor_roster_free(roster);
    proctor_key_free(stu);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    proctor_assignment_free(b);
}

int
main(void)
{
    struct proctor_error err;
    unsigned char seed[32] = {1}, seed2[32] = {2};

    if (sodium_init() < 0 || !mkdtemp(dir) ||
        proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &bank, &err) != 0 ||
        proctor_key_from_seed(PROCTOR_ROLE_TEACHER, "teacher", "Ms Tee", seed, &teacher, &err) <
            0 ||
        proctor_key_from_seed(PROCTOR_ROLE_TEACHER, "teacher", "Mr Other", seed2, &other, &err) <
            0) {
        CHECK(0, "setup");
        return harness_done();
    }
    test_sealed();
    test_refusals();
    test_verify();
    test_embedded_form();
    test_answer_fields();
    proctor_bank_free(bank);
    proctor_key_free(teacher);
    proctor_key_free(other);
    {
        static const char *const names[] = {"a.json", "a.key.json", "b.json", "b.key.json",
                                            "c.json", "c.key.json", "t.json",   "u.json",
                                            "f.json", "f.key.json",
                                            "roster"};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            unlink(tmp(names[i]));
        rmdir(dir);
    }
    return harness_done();
}
