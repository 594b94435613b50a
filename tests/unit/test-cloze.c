/* SPDX-License-Identifier: ISC */
/*
 * test-cloze.c - cloze questions: grading per gap with weights, reading the gaps one by one
 * (and a whole line split at '|'), responses in JSON, descriptions with each gap marked, the
 * canonical form verify compares, and the embedded forms (sealed gaps carry no answer).
 * The questions come from tests/fixtures/cloze.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../../src/qtype.h"
#include "harness.h"
#include "proctor/bank.h"
#include "proctor/grade.h"
#include "proctor/session.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static const struct proctor_question *cloze, *vote;

/* A response to cloze read gap by gap from the lines given. */
static int
typed(const struct proctor_question *q, const char *const *lines, struct proctor_response *r)
{
    struct proctor_error err;

    for (size_t k = 0; k < proctor_response_parts(q); k++)
        if (proctor_response_parse_part(q, NULL, k, lines[k], r, &err) < 0) {
            printf("# gap %zu: %s\n", k + 1, err.msg);
            return -1;
        }
    return 0;
}

static void
test_loaded(void)
{
    CHECK(cloze->type == PROCTOR_CLOZE && cloze->ngaps == 3 && cloze->points == 2000,
          "memo-cloze: three gaps, 2 points");
    CHECK(cloze->gaps[0].type == PROCTOR_SHORT && cloze->gaps[1].type == PROCTOR_NUMERIC &&
              cloze->gaps[2].type == PROCTOR_CHOICE,
          "each gap of its own type");
    CHECK(cloze->gaps[0].points == 1000 && cloze->gaps[1].points == 2000 &&
              cloze->gaps[2].points == 1000,
          "each gap worth its weight (1, 2, 1)");
    CHECK(proctor_response_parts(cloze) == 3 && proctor_question_part(cloze, 2) == &cloze->gaps[2] &&
              proctor_question_part(cloze, 3) == NULL,
          "asked in three parts, each a gap");
    CHECK_STR(proctor_question_hint(cloze, 1), "Type a number.", "a gap's hint is its type's");
    CHECK(strstr(proctor_question_hint(cloze, PROCTOR_WHOLE), "'-' leaves a gap blank") != NULL,
          "the question's own hint says how to leave a gap blank");
}

static void
test_grade(void)
{
    static const struct {
        const char *lines[3];
        int64_t want;
        const char *what;
    } rows[] = {
        {{"library", "1700", "b"}, 2000, "every gap right: every point"},
        {{"Library", "1,700", "B"}, 2000, "case and thousands separators as each type reads them"},
        {{"library", "1600", "b"}, 1000, "gap 2 (weight 2 of 4) wrong: half"},
        {{"-", "1700", "b"}, 1500, "gap 1 (weight 1 of 4) blank: three quarters"},
        {{"librery", "1700", "a"}, 1500, "a typo forgiven as in short, a wrong choice"},
        {{"-", "-", "-"}, 0, "every gap blank: nothing"},
        {{"books", "400", "c"}, 0, "every gap wrong: nothing"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct proctor_response r;
        memset(&r, 0, sizeof r);
        if (typed(cloze, rows[i].lines, &r) < 0) {
            CHECK(0, "typed: %s", rows[i].what);
            continue;
        }
        CHECK_INT(proctor_grade(cloze, &r), rows[i].want, "grade: %s", rows[i].what);
        proctor_response_release(&r);
    }
    {
        /* 1 point in three gaps of weight 1: each right gap a third, rounded down */
        struct proctor_question q = *cloze;
        struct proctor_question g[3];
        struct proctor_response r;
        const char *lines[3] = {"library", "-", "-"};
        memcpy(g, cloze->gaps, sizeof g);
        g[1].points = 1000;
        q.gaps = g;
        q.points = 1000;
        memset(&r, 0, sizeof r);
        typed(&q, lines, &r);
        CHECK_INT(proctor_grade(&q, &r), 333, "shares round down to a thousandth");
        q.sealed = 1;
        CHECK_INT(proctor_grade(&q, &r) + proctor_grade_max(&q), 0, "a sealed cloze grades nothing");
        proctor_response_release(&r);
    }
    {
        struct proctor_response r = {0};
        char *ids[2] = {(char *)"library", (char *)"1700"};
        r.answered = 1;
        r.ids = ids;
        r.nids = 2;
        CHECK_INT(proctor_grade(cloze, &r), 0, "a response with a gap missing earns nothing");
    }
}

static void
test_parse(void)
{
    struct proctor_response r;
    struct proctor_error err;

    memset(&r, 0, sizeof r);
    CHECK(proctor_response_parse_part(cloze, NULL, 0, "  library ", &r, &err) == 0 &&
              r.nids == 3 && strcmp(r.ids[0], "library") == 0 && strcmp(r.ids[1], "") == 0,
          "gap 1 typed: the other gaps blank so far");
    CHECK(proctor_response_parse_part(cloze, NULL, 1, "many", &r, &err) == PROCTOR_EINVAL &&
              strcmp(err.msg, "expected a number such as 1,700") == 0,
          "gap 2 as no number: its type's message");
    CHECK(r.answered && r.nids == 3 && strcmp(r.ids[0], "library") == 0,
          "and the gaps typed before are kept, to ask gap 2 again");
    CHECK(proctor_response_parse_part(cloze, NULL, 1, "1 700", &r, &err) == 0 &&
              strcmp(r.ids[1], "1 700") == 0,
          "a number kept as typed");
    CHECK(proctor_response_parse_part(cloze, NULL, 2, "d", &r, &err) == PROCTOR_EINVAL &&
              strcmp(err.msg, "answer with one letter from a to c") == 0,
          "a choice gap takes one of its own letters");
    CHECK(proctor_response_parse_part(cloze, NULL, 2, "(c)", &r, &err) == 0 &&
              strcmp(r.ids[2], "park") == 0,
          "and records the option's id");
    CHECK(proctor_response_parse_part(cloze, NULL, 3, "x", &r, &err) == PROCTOR_EUSAGE,
          "there is no fourth gap");
    proctor_response_release(&r);
    CHECK(proctor_response_parse_part(cloze, NULL, 0, "", &r, &err) == PROCTOR_EINVAL &&
              strstr(err.msg, "'-' to leave it blank"),
          "an empty gap says how to leave it blank");
    proctor_response_release(&r);

    CHECK(proctor_response_parse(cloze, NULL, "library | 1,700 | b", &r, &err) == 0 &&
              proctor_grade(cloze, &r) == 2000,
          "a whole line: the gaps separated by '|'");
    proctor_response_release(&r);
    CHECK(proctor_response_parse(cloze, NULL, "library | 1700", &r, &err) == PROCTOR_EINVAL &&
              strstr(err.msg, "give 3 answers separated by '|'") && r.nids == 0,
          "too few answers on the line");
    CHECK(proctor_response_parse(cloze, NULL, "library | x | b", &r, &err) == PROCTOR_EINVAL &&
              r.nids == 0 && !r.answered,
          "a bad gap on the line: nothing kept");
}

static void
test_json_and_describe(void)
{
    const char *lines[3] = {"Library", "1600", "-"};
    struct proctor_response r, back;
    struct proctor_session s = {0};
    const struct proctor_question *qs[1] = {cloze};
    size_t *perms[1] = {NULL};
    int64_t earned[1] = {0};
    struct proctor_error err;
    char *json, *d;

    memset(&r, 0, sizeof r);
    typed(cloze, lines, &r);
    s.n = 1;
    s.q = qs;
    s.perm = perms;
    s.resp = &r;
    s.earned = earned;
    json = proctor_responses_json(&s);
    CHECK_STR(json, "{\"memo-cloze\":[\"Library\",\"1600\",\"\"]}",
              "JSON: one string per gap, \"\" for a blank one");
    free(json);
    CHECK(proctor_response_from_json_text(cloze, "[\"library\",\"1700\",\"ortiz\"]", &back, &err) ==
                  0 &&
              proctor_grade(cloze, &back) == 2000,
          "and back, graded");
    proctor_response_release(&back);
    CHECK(proctor_response_from_json_text(cloze, "[\"library\",\"1700\"]", &back, &err) ==
              PROCTOR_EINVAL,
          "JSON: a gap missing is refused");
    CHECK(proctor_response_from_json_text(cloze, "[\"library\",\"1700\",\"smith\"]", &back,
                                          &err) == PROCTOR_EINVAL &&
              strstr(err.msg, "no such option"),
          "JSON: an option the choice gap lacks is refused");
    CHECK(proctor_response_from_json_text(cloze, "[\"library\",1700,\"ortiz\"]", &back, &err) ==
              PROCTOR_EINVAL,
          "JSON: every gap a string");

    d = proctor_describe_answer(cloze, NULL);
    CHECK_STR(d, "{1} library; {2} 1700; {3} b) Ms Ortiz", "the answer, gap by gap");
    free(d);
    d = proctor_describe_response(cloze, NULL, &r);
    CHECK_STR(d, "{1} Library (right); {2} 1600 (wrong); {3} (blank)",
              "a response, each gap marked");
    free(d);
    {
        struct proctor_question sealed = *cloze;
        sealed.sealed = 1;
        d = proctor_describe_response(&sealed, NULL, &r);
        CHECK_STR(d, "{1} Library; {2} 1600; {3} (blank)",
                  "a sealed question's response, unmarked (the answers are not known)");
        free(d);
    }
    d = proctor_describe_answer(vote, NULL);
    CHECK_STR(d, "{1} 400 (\xC2\xB1 50); {2} Lyon", "a tolerance described as numeric does");
    free(d);
    proctor_response_release(&r);
}

static void
canonical(const struct proctor_question *q, const char *line, char *out, size_t size)
{
    struct proctor_response r;
    struct proctor_error err;
    struct sbuf b = {0};

    memset(out, 0, size);
    if (proctor_response_parse(q, NULL, line, &r, &err) < 0)
        return;
    qtypes[q->type]->canonical(&b, q, &r);
    if (b.s && b.len < size)
        memcpy(out, b.s, b.len);
    free(b.s);
    proctor_response_release(&r);
}

static void
test_canonical(void)
{
    char a[256], b[256];

    canonical(cloze, "Library | 1,700 | b", a, sizeof a);
    canonical(cloze, "library! | 1 700 | (b)", b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) == 0, "the same answers typed otherwise: the same canonical form");
    canonical(cloze, "library | 1700 | c", b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0, "another answer: another form");
    canonical(cloze, "- | 1700 | b", b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0, "a blank gap counts");
}

static void
test_embedded(void)
{
    static const char sealed_ok[] =
        "{\"questions\":[{\"id\":\"q1\",\"type\":\"cloze\",\"prompt\":\"A {1} and {2}.\","
        "\"points\":1000,\"gaps\":[{\"type\":\"short\"},{\"type\":\"choice\",\"weight\":2,"
        "\"options\":[{\"id\":\"o1\",\"text\":\"X\"},{\"id\":\"o2\",\"text\":\"Y\"}]}]}]}";
    static const char sealed_answer[] =
        "{\"questions\":[{\"id\":\"q1\",\"type\":\"cloze\",\"prompt\":\"A {1}.\","
        "\"points\":1000,\"gaps\":[{\"type\":\"short\",\"accept\":[\"x\"]}]}]}";
    static const char sealed_correct[] =
        "{\"questions\":[{\"id\":\"q1\",\"type\":\"cloze\",\"prompt\":\"A {1}.\","
        "\"points\":1000,\"gaps\":[{\"type\":\"choice\",\"options\":[{\"id\":\"o1\",\"text\":"
        "\"X\",\"correct\":true},{\"id\":\"o2\",\"text\":\"Y\"}]}]}]}";
    struct proctor_bank *b = NULL;
    struct proctor_error err;

    CHECK(proctor_bank_from_json(sealed_ok, strlen(sealed_ok), 1, "a.json", &b, &err) == 0 &&
              b->questions[0].ngaps == 2 && b->questions[0].gaps[1].points == 2000 &&
              b->questions[0].gaps[1].sealed,
          "a sealed cloze loads: its gaps' types, weights and options: %s", err.msg);
    proctor_bank_free(b);
    CHECK(proctor_bank_from_json(sealed_answer, strlen(sealed_answer), 1, "a.json", &b, &err) ==
                  PROCTOR_EINVAL &&
              strstr(err.msg, "unknown member 'accept' for a sealed short question"),
          "a sealed gap with its answer is refused: %s", err.msg);
    CHECK(proctor_bank_from_json(sealed_correct, strlen(sealed_correct), 1, "a.json", &b, &err) ==
                  PROCTOR_EINVAL &&
              strstr(err.msg, "unknown member 'correct'"),
          "and a sealed choice gap marking its key: %s", err.msg);
}

int
main(void)
{
    struct proctor_bank *b = NULL;
    struct proctor_error err;

    if (sodium_init() < 0)
        return 1;
    if (proctor_bank_load(SRCDIR "/tests/fixtures/cloze", NULL, NULL, NULL, &b, &err) != 0 ||
        !(cloze = proctor_bank_find(b, "memo-cloze")) ||
        !(vote = proctor_bank_find(b, "memo-cloze-vote"))) {
        printf("not ok - the cloze fixture bank loads: %s\n", err.msg);
        return 1;
    }
    test_loaded();
    test_grade();
    test_parse();
    test_json_and_describe();
    test_canonical();
    test_embedded();
    proctor_bank_free(b);
    return harness_done();
}
