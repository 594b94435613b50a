/* SPDX-License-Identifier: ISC */
/* test-session.c - selection, deterministic shuffles, scoring, save and resume. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/session.h"

static int
same_order(const struct proctor_session *a, const struct proctor_session *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        if (a->q[i] != b->q[i])
            return 0;
        if ((a->perm[i] == NULL) != (b->perm[i] == NULL))
            return 0;
    }
    return 1;
}

/* The answer to question i (by id) typed as text. */
static void
typed(const struct proctor_session *s, size_t i, const char *text, struct proctor_response *r)
{
    struct proctor_error err;
    if (proctor_response_parse(s->q[i], s->perm[i], text, r, &err) < 0)
        printf("not ok - cannot parse '%s': %s\n", text, err.msg);
}

/* An answer is final once its feedback is shown (locking), or its score is (plain practice);
 * the journal steps survive saving and resuming. */
static void
locking(const struct proctor_bank *bank, const char *path)
{
    const char *ids[] = {"books", "lyon"};
    struct proctor_filter f = {.ids = ids, .nids = 2};
    struct proctor_session *s = NULL, *r = NULL, *t = NULL;
    struct proctor_response wrong, right;
    struct proctor_error err;
    int64_t earned = -1;

    if (proctor_session_new(bank, &f, 0, 1, 0, &s, &err) < 0) {
        printf("not ok - locking: no session: %s\n", err.msg);
        return;
    }
    typed(s, 0, "5", &wrong);
    typed(s, 0, "1700", &right);
    CHECK(proctor_session_respond(s, 0, &wrong, &earned) == PROCTOR_RESPONSE_RECORDED &&
              earned == 0 && s->answered_at[0] == 1,
          "locking: a first answer is recorded as step 1");
    CHECK(proctor_session_respond(s, 0, &right, &earned) == PROCTOR_RESPONSE_RECORDED &&
              earned == 1000 && s->answered_at[0] == 2,
          "locking: before feedback an answer may change (step 2)");
    proctor_session_respond(s, 0, &wrong, &earned);
    proctor_session_feedback(s, 0);
    CHECK(s->feedback_at[0] == 4 && !proctor_session_locked(s, 0),
          "plain: feedback is step 4; without locking the answer is not locked");
    CHECK(proctor_session_respond(s, 0, &right, &earned) == PROCTOR_RESPONSE_NOT_COUNTED &&
              earned == 1000 && s->earned[0] == 0 && s->answered_at[0] == 3,
          "plain: a try after feedback is graded (1) but not counted: the first score stands");
    s->locking = 1;
    CHECK(proctor_session_locked(s, 0) && !proctor_session_locked(s, 1),
          "locking: only the question whose feedback was shown is locked");
    earned = -1;
    CHECK(proctor_session_respond(s, 0, &right, &earned) == PROCTOR_RESPONSE_LOCKED &&
              earned == 0 && s->earned[0] == 0 && s->answered_at[0] == 3 && s->steps == 4,
          "locking: a new answer after feedback is refused, nothing recorded");
    CHECK(proctor_session_set_record(s, "/tmp/r.json", "/tmp/k.key") == 0, "record path set");
    CHECK(proctor_session_save(s, path, &err) == 0 &&
              proctor_session_load(bank, path, &r, &err) == 0,
          "locking: saved and loaded");
    if (r) {
        CHECK(r->locking && r->answered_at[0] == 3 && r->feedback_at[0] == 4 && r->steps == 4 &&
                  r->record && strcmp(r->record, "/tmp/r.json") == 0 && r->record_key &&
                  strcmp(r->record_key, "/tmp/k.key") == 0,
              "locking: steps, feedback, locking and where it records are kept");
        CHECK(proctor_session_respond(r, 0, &right, &earned) == PROCTOR_RESPONSE_LOCKED,
              "locking: still locked after loading");
        /* a journal resumed into a new session of the same questions in another order */
        f.ids = (const char *[]){"lyon", "books"};
        if (proctor_session_new(bank, &f, 0, 1, 0, &t, &err) == 0) {
            t->locking = 1;
            CHECK(proctor_session_resume(t, r) == 0 && t->q[1] == r->q[0] &&
                      t->answered_at[1] == 3 && t->feedback_at[1] == 4 && t->steps == 4 &&
                      proctor_session_locked(t, 1) && t->resp[1].answered && t->earned[1] == 0,
                  "resume: responses, steps and feedback follow their question");
            proctor_session_answer(t, 0, &right);
            CHECK(t->answered_at[0] == 5, "resume: the next step comes after the journal's");
        }
    }
    proctor_response_release(&wrong);
    proctor_response_release(&right);
    proctor_session_free(t);
    proctor_session_free(r);
    proctor_session_free(s);
}

int
main(void)
{
    struct proctor_bank *bank = NULL;
    struct proctor_session *a = NULL, *b = NULL, *c = NULL, *r = NULL;
    struct proctor_error err;
    struct proctor_response resp;
    const char *types[] = {"choice", "order"};
    const char *ids[] = {"lyon", "books", "chair"};
    struct proctor_filter f = {0};
    char path[] = "/tmp/proctor-test-session-XXXXXX";
    int64_t e, m;
    int fd;

    if (sodium_init() < 0 ||
        proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &bank, &err) != 0) {
        printf("not ok - cannot load the fixture bank\n");
        return 1;
    }
    CHECK(proctor_session_new(bank, NULL, 0, 42, 1, &a, &err) == 0 && a->n == 10,
          "all questions by default");
    CHECK(proctor_session_new(bank, NULL, 0, 42, 1, &b, &err) == 0 && same_order(a, b),
          "the same seed gives the same order");
    for (size_t i = 0; i < a->n; i++)
        if (a->perm[i] && b->perm[i]) {
            size_t n = a->q[i]->type == PROCTOR_MATCH ? a->q[i]->nrights : a->q[i]->noptions;
            CHECK(memcmp(a->perm[i], b->perm[i], n * sizeof *a->perm[i]) == 0,
                  "the same seed gives the same option order for %s", a->q[i]->id);
        }
    CHECK(proctor_session_new(bank, NULL, 0, 43, 1, &c, &err) == 0 && !same_order(a, c),
          "another seed gives another order");
    for (size_t i = 0; i < a->n; i++)
        if (a->q[i]->type == PROCTOR_ORDER) {
            int identity = 1;
            for (size_t k = 0; k < a->q[i]->noptions; k++)
                identity &= a->perm[i][k] == k;
            CHECK(!identity, "order items are never shown in the correct order");
        }
    proctor_session_free(b);
    proctor_session_free(c);

    f.types = types;
    f.ntypes = 2;
    CHECK(proctor_session_new(bank, &f, 0, 1, 1, &b, &err) == 0 && b->n == 2,
          "a type filter keeps choice and order questions");
    proctor_session_free(b);
    f = (struct proctor_filter){.ids = ids, .nids = 3};
    CHECK(proctor_session_new(bank, &f, 0, 1, 0, &b, &err) == 0 && b->n == 3 &&
              strcmp(b->q[0]->id, "lyon") == 0 && strcmp(b->q[2]->id, "chair") == 0,
          "explicit ids without shuffle keep their order");
    proctor_session_free(b);
    CHECK(proctor_session_new(bank, NULL, 4, 1, 1, &b, &err) == 0 && b->n == 4, "count limits");
    proctor_session_free(b);
    f = (struct proctor_filter){.difficulties = 1u << 3};
    CHECK(proctor_session_new(bank, &f, 0, 1, 1, &b, &err) == 0 && b->n == 1,
          "difficulty filter");
    proctor_session_free(b);
    f = (struct proctor_filter){.difficulties = 1u << 1 | 1u << 3};
    CHECK(proctor_session_new(bank, &f, 0, 1, 1, &b, &err) == 0 && b->n == 5,
          "two difficulties: either passes");
    proctor_session_free(b);
    f = (struct proctor_filter){.levels = 1u << PROCTOR_UNDERSTANDING | 1u << PROCTOR_ANALYSIS};
    CHECK(proctor_session_new(bank, &f, 0, 1, 1, &b, &err) == 0 && b->n == 2,
          "level filter: beyond recall");
    proctor_session_free(b);
    f = (struct proctor_filter){.levels = 1u << PROCTOR_RECALL, .difficulties = 1u << 2};
    CHECK(proctor_session_new(bank, &f, 0, 1, 1, &b, &err) == 0 && b->n == 4,
          "level and difficulty together: both must pass");
    proctor_session_free(b);
    f = (struct proctor_filter){.ids = (const char *[]){"missing"}, .nids = 1};
    CHECK(proctor_session_new(bank, &f, 0, 1, 0, &b, &err) == PROCTOR_ENOTFOUND && !b,
          "an unknown id is not found");

    /* answer two questions, save, load: same questions, answers, scores and position */
    for (size_t i = 0; i < a->n; i++) {
        if (a->q[i]->type == PROCTOR_TRUEFALSE) {
            CHECK(proctor_response_parse(a->q[i], a->perm[i], "true", &resp, &err) == 0,
                  "parse true");
            CHECK_INT(proctor_session_answer(a, i, &resp), 1000, "a right answer earns 1 point");
            proctor_response_release(&resp);
        }
        if (a->q[i]->type == PROCTOR_MULTI) {
            CHECK(proctor_response_parse(a->q[i], a->perm[i], "a b c d", &resp, &err) == 0,
                  "parse multi");
            CHECK_INT(proctor_session_answer(a, i, &resp), 0, "every option earns nothing");
            proctor_response_release(&resp);
        }
    }
    a->cur = 5;
    proctor_session_score(a, &e, &m);
    CHECK(e == 1000 && m == 9000, "score 1 of 9 (essays count for nothing)");
    fd = mkstemp(path);
    close(fd);
    CHECK(proctor_session_save(a, path, &err) == 0, "save");
    CHECK(proctor_session_load(bank, path, &r, &err) == 0, "load");
    if (r) {
        int64_t e2, m2;
        CHECK(same_order(a, r) && r->cur == 5 && r->seed == 42, "order, position and seed kept");
        proctor_session_score(r, &e2, &m2);
        CHECK(e2 == e && m2 == m, "scores re-graded the same after loading");
        for (size_t i = 0; i < a->n; i++)
            if (a->perm[i]) {
                size_t n = a->q[i]->type == PROCTOR_MATCH ? a->q[i]->nrights : a->q[i]->noptions;
                CHECK(memcmp(a->perm[i], r->perm[i], n * sizeof *a->perm[i]) == 0,
                      "option order of %s kept", a->q[i]->id);
            }
    }
    {
        char *json = proctor_responses_json(a);
        CHECK(json && strstr(json, "\"lyon\":true") && strstr(json, "\"roles\":["),
              "responses as JSON: %s", json ? json : "(null)");
        free(json);
    }
    /* a corrupt session file is refused with a reason, never half-loaded */
    {
        FILE *fp = fopen(path, "w");
        fputs("{\"questions\":[{\"id\":\"chair\",\"perm\":[0,0,1]}]}", fp);
        fclose(fp);
        proctor_session_free(r);
        r = NULL;
        CHECK(proctor_session_load(bank, path, &r, &err) == PROCTOR_EINVAL && !r &&
                  strstr(err.msg, "bad option order"),
              "a repeated index in a saved permutation is refused");
        fp = fopen(path, "w");
        fputs("{\"questions\":[{\"id\":\"gone\"}]}", fp);
        fclose(fp);
        CHECK(proctor_session_load(bank, path, &r, &err) == PROCTOR_EINVAL &&
                  strstr(err.msg, "'gone'"),
              "a question the bank lacks is refused");
        fp = fopen(path, "w");
        fputs("{\"questions\":[{\"id\":\"lyon\",\"response\":\"maybe\"}]}", fp);
        fclose(fp);
        CHECK(proctor_session_load(bank, path, &r, &err) == PROCTOR_EINVAL,
              "a response of the wrong shape is refused");
    }
    locking(bank, path);
    unlink(path);
    proctor_session_free(r);
    proctor_session_free(a);
    proctor_bank_free(bank);
    return harness_done();
}
