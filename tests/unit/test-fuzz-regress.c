/* SPDX-License-Identifier: ISC */
/*
 * test-fuzz-regress.c - every problem the libFuzzer harnesses (tests/fuzz/) found, as an
 * ordinary test. Each case names the harness and what it found. Leaks show only under
 * `make check-sanitize` (LeakSanitizer) and valgrind; the other cases fail in any build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/session.h"
#include "proctor/sign.h"
#include "proctor/verify.h"

static char dir[] = "/tmp/proctor-test-fuzz-regress-XXXXXX";
static struct proctor_bank *bank;
static struct proctor_key *key;
static struct proctor_roster *roster;

/* Writes dir/name; returns its path (one of eight static buffers). */
static const char *
put(const char *name, const char *text)
{
    static char paths[8][512];
    static int next;
    char *path = paths[next++ & 7];
    FILE *f;

    snprintf(path, 512, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("not ok - cannot write %s\n", path);
        exit(1);
    }
    return path;
}

static int
count_diag(void *ctx, const struct proctor_error *e)
{
    (void)e;
    ++*(int *)ctx;
    return 0;
}

/*
 * fuzz-bank: a match question whose third pair lacks 'right' leaked the first two pairs'
 * strings (load_match set the counts question_release frees only after the loop).
 */
static void
bank_match_pair_leak(void)
{
    const char *q = "{\"questions\":[{\"id\":\"m\",\"type\":\"match\",\"prompt\":\"P\","
                    "\"pairs\":[{\"left\":\"A\",\"right\":\"a\"},{\"left\":\"B\",\"right\":\"b\"},"
                    "{\"left\":\"C\"}],\"difficulty\":1,\"level\":\"recall\",\"tags\":[\"people\"],"
                    "\"source\":{\"doc\":\"memo\",\"quote\":\"Ms Park counted the votes\"},"
                    "\"explain\":\"E\"}]}";
    const char *files[2] = {NULL, NULL};
    struct proctor_bank *b = NULL;
    struct proctor_error err;
    int n = 0, rc;

    files[0] = put("match.json", q);
    rc = proctor_bank_load(SRCDIR "/tests/fixtures/bank", files, count_diag, &n, &b, &err);
    CHECK(rc == 1 && n == 1 && b && b->nquestions == 0,
          "fuzz-bank: a match pair without 'right' is one problem (and leaks nothing)");
    proctor_bank_free(b);
}

/*
 * fuzz-session: a response the question can't take gave an empty message (err->msg was both
 * the format argument and the target) and crashed with err == NULL.
 */
static void
session_bad_response_message(void)
{
    const char *path = put("bad-response.json",
                           "{\"questions\":[{\"id\":\"chair\",\"perm\":[1,0,2],\"response\":\"nope\"}]}");
    struct proctor_session *s = NULL;
    struct proctor_error err;

    CHECK(proctor_session_load(bank, path, &s, &err) == PROCTOR_EINVAL && !s,
          "fuzz-session: a bad response is refused");
    CHECK(strstr(err.msg, "response to 'chair'") != NULL,
          "fuzz-session: and the message says which response (got '%s')", err.msg);
    CHECK(proctor_session_load(bank, path, &s, NULL) == PROCTOR_EINVAL && !s,
          "fuzz-session: the same with no error struct does not crash");
}

/* fuzz-session: a question listed twice loaded, and its result was then refused by verify. */
static void
session_duplicate_question(void)
{
    const char *path = put("dup.json", "{\"questions\":[{\"id\":\"lyon\",\"response\":true},"
                                       "{\"id\":\"books\"},{\"id\":\"lyon\",\"response\":true}]}");
    struct proctor_session *s = NULL;
    struct proctor_error err;

    CHECK(proctor_session_load(bank, path, &s, &err) == PROCTOR_EINVAL && !s,
          "fuzz-session: a question listed twice is refused");
    CHECK(strstr(err.msg, "'lyon' twice") != NULL, "fuzz-session: naming it (got '%s')", err.msg);
}

/* Makes the signed result of s and verifies it against the fixture bank and key. */
static int
result_verifies(const struct proctor_session *s, char *reason, size_t size)
{
    struct proctor_verifier *v = NULL;
    struct proctor_verdict verdict;
    struct proctor_error err;
    char *env = NULL;
    size_t len = 0;
    int rc;

    if (proctor_result_make(s, key, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL, 1, &env,
                            &len, &err) < 0 ||
        proctor_verifier_new(roster, bank, &v, &err) < 0) {
        snprintf(reason, size, "%.200s", err.msg);
        free(env);
        return -1;
    }
    rc = proctor_verify_buffer(v, "r", env, len, &verdict);
    snprintf(reason, size, "%s", verdict.reason);
    proctor_verifier_free(v);
    free(env);
    return rc;
}

/*
 * fuzz-session: a session started "in the future" (a clock set back during the run) made a
 * result whose finish time came before its start, which verify refused; and start times and
 * seeds out of range reached a double-to-integer cast (undefined behaviour, UBSan).
 */
static void
session_times(void)
{
    const char *future = put("future.json", "{\"started\":3590716926,\"seed\":6,"
                                            "\"questions\":[{\"id\":\"lyon\",\"response\":true}]}");
    const char *huge = put("huge.json", "{\"started\":1e300,\"seed\":1e300,"
                                        "\"questions\":[{\"id\":\"lyon\",\"response\":true}]}");
    struct proctor_session *s = NULL;
    struct proctor_error err;
    char reason[256];
    time_t now = time(NULL);

    CHECK(proctor_session_load(bank, future, &s, &err) == 0 && s->started == 3590716926,
          "fuzz-session: a start time in 2083 is kept");
    if (s)
        CHECK(result_verifies(s, reason, sizeof reason) == 0,
              "fuzz-session: and its signed result verifies (%s)", reason);
    proctor_session_free(s);
    s = NULL;
    CHECK(proctor_session_load(bank, huge, &s, &err) == 0 && s->started >= now && s->seed == 0,
          "fuzz-session: a start time and seed of 1e300 are ignored");
    if (s)
        CHECK(result_verifies(s, reason, sizeof reason) == 0,
              "fuzz-session: and its signed result verifies (%s)", reason);
    proctor_session_free(s);
}

/*
 * fuzz-session (journal steps): "answered_at": 0 beside a response loaded as step 0, so the
 * session saved again lost it; feedback before the answer, or a step used twice, would make
 * a result verify refuses.
 */
static void
session_journal_steps(void)
{
    const char *zero = put("zero.json", "{\"steps\":4,\"questions\":[{\"id\":\"lyon\","
                                        "\"response\":true,\"answered_at\":0,"
                                        "\"feedback_at\":3}]}");
    const char *early = put("early.json", "{\"questions\":[{\"id\":\"lyon\",\"response\":"
                                          "true,\"answered_at\":5,\"feedback_at\":2}]}");
    const char *twice = put("twice.json", "{\"questions\":[{\"id\":\"lyon\",\"response\":"
                                          "true,\"answered_at\":1,\"feedback_at\":2},"
                                          "{\"id\":\"books\",\"response\":\"3\","
                                          "\"answered_at\":2}]}");
    struct proctor_session *s = NULL;
    struct proctor_error err;
    char reason[256];

    CHECK(proctor_session_load(bank, zero, &s, &err) == 0 && s->answered_at[0] == 1 &&
              s->feedback_at[0] == 3 && s->steps == 4,
          "fuzz-session: a zero step is no step: the response keeps the one loading gave it");
    if (s)
        CHECK(result_verifies(s, reason, sizeof reason) == 0,
              "fuzz-session: and its signed result verifies (%s)", reason);
    proctor_session_free(s);
    s = NULL;
    CHECK(proctor_session_load(bank, early, &s, &err) == PROCTOR_EINVAL && !s &&
              strstr(err.msg, "feedback of question 'lyon' before its answer"),
          "fuzz-session: feedback before the answer is refused (got '%s')", err.msg);
    CHECK(proctor_session_load(bank, twice, &s, &err) == PROCTOR_EINVAL && !s &&
              strstr(err.msg, "step 2 twice"),
          "fuzz-session: a step used twice is refused (got '%s')", err.msg);
}

int
main(void)
{
    struct proctor_error err;

    if (sodium_init() < 0 || !mkdtemp(dir) ||
        proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &bank, &err) != 0 ||
        proctor_key_load(SRCDIR "/tests/fixtures/keys/student.key", NULL, 0, 1, &key, &err) < 0 ||
        proctor_roster_load(SRCDIR "/tests/fixtures/keys/student.pub", &roster, &err) < 0) {
        printf("not ok - cannot set up: %s\n", err.msg);
        return 1;
    }
    bank_match_pair_leak();
    session_bad_response_message();
    session_duplicate_question();
    session_times();
    session_journal_steps();

    proctor_roster_free(roster);
    proctor_key_free(key);
    proctor_bank_free(bank);
    {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            printf("# could not remove %s\n", dir);
    }
    return harness_done();
}
