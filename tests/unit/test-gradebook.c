/* SPDX-License-Identifier: ISC */
/* test-gradebook.c - the gradebook (attempt limits, methods, summary), essay marks (set, find,
 * sign, load, refusals) and graded work (make, load, tampering). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/gradebook.h"
#include "proctor/item-stats.h"
#include "proctor/graded.h"
#include "proctor/marks.h"
#include "proctor/sign.h"

static char dir[] = "/tmp/proctor-test-gradebook-XXXXXX";

static const char *
tmp(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static unsigned made; /* verdicts made so far */

static struct proctor_verdict
verdict(const char *student, int64_t attempt, int64_t earned, int64_t max, const char *finished,
        int valid)
{
    struct proctor_verdict v;
    memset(&v, 0, sizeof v);
    v.valid = valid;
    snprintf(v.student, sizeof v.student, "%s", student);
    snprintf(v.name, sizeof v.name, "Name of %s", student);
    snprintf(v.kind, sizeof v.kind, "assignment");
    snprintf(v.finished, sizeof v.finished, "%s", finished);
    v.attempt = attempt;
    v.earned = earned;
    v.max = max;
    v.status = valid ? PROCTOR_STATUS_OK : PROCTOR_STATUS_INVALID;
    if (!valid)
        snprintf(v.reason, sizeof v.reason, "bad signature");
    /* each a different file: its own nonce and signed bytes */
    v.have_hashes = valid;
    v.nonce[0] = v.payload_hash[0] = (unsigned char)++made;
    v.nonce[1] = v.payload_hash[1] = (unsigned char)(made >> 8);
    return v;
}

/* Settles verdicts v[0..n) (named f1, f2, ...) with the attempt limit, then adds them to g
 * in the order given by perm (NULL: as they are). */
static void
settle_add(struct proctor_gradebook *g, struct proctor_verdict *v, size_t n, int64_t limit,
           const size_t *perm, int *rc)
{
    struct proctor_verdict *pv[16];
    static char names[16][8];

    for (size_t i = 0; i < n && i < 16; i++) {
        snprintf(names[i], sizeof names[i], "f%zu", i + 1);
        v[i].file = names[i];
        pv[i] = &v[perm ? perm[i] : i];
    }
    proctor_verdicts_settle(pv, n, limit);
    for (size_t i = 0; i < n; i++) {
        int r = proctor_gradebook_add(g, pv[i]);
        if (rc)
            rc[perm ? perm[i] : i] = r;
    }
}

static const struct proctor_gradebook_row *
row_of(struct proctor_gradebook *g, const char *student)
{
    size_t n = proctor_gradebook_count(g);
    for (size_t i = 0; i < n; i++)
        if (strcmp(proctor_gradebook_row(g, i)->student, student) == 0)
            return proctor_gradebook_row(g, i);
    return NULL;
}

static void
test_methods(void)
{
    static const struct {
        const char *name;
        int64_t want;
    } m[] = {{"highest", 8000}, {"last", 3000}, {"first", 5000}, {"average", 5333}};
    for (size_t k = 0; k < 4; k++) {
        struct proctor_gradebook *g = NULL;
        struct proctor_verdict v[4] = {
            verdict("s1", 1, 5000, 10000, "2024-05-01T10:00:00Z", 1),
            verdict("s1", 2, 8000, 10000, "2024-05-02T10:00:00Z", 1),
            verdict("s1", 3, 3000, 10000, "2024-05-03T10:00:00Z", 1),
            verdict("s1", 4, 9000, 10000, "2024-05-04T10:00:00Z", 0),
        };
        const struct proctor_gradebook_row *r;
        int method = proctor_method_parse(m[k].name);
        CHECK(method >= 0 && proctor_gradebook_new(method, &g, NULL) == 0, "method %s",
              m[k].name);
        settle_add(g, v, 4, 0, NULL, NULL);
        r = row_of(g, "s1");
        CHECK(r && r->graded && r->earned == m[k].want && r->max == 10000 && r->counted == 3 &&
                  r->files == 4,
              "%s: %lld of 3 counted attempts (an invalid one left out)", m[k].name,
              r ? (long long)r->earned : -1LL);
        CHECK(r && strstr(r->warnings, "1 file refused"), "%s: the refused file is noted",
              m[k].name);
        proctor_gradebook_free(g);
    }
    CHECK(proctor_method_parse("best") == -1, "an unknown method");
}

static void
test_limit_and_summary(void)
{
    struct proctor_gradebook *g = NULL;
    struct proctor_gradebook_summary sum;
    struct proctor_verdict v[] = {
        verdict("s1", 1, 5000, 10000, "2024-05-01T10:00:00Z", 1),
        verdict("s1", 3, 9000, 10000, "2024-05-01T11:00:00Z", 1), /* number past the limit */
        verdict("s1", 1, 9000, 10000, "2024-05-01T12:00:00Z", 1), /* reset machine: 2nd */
        verdict("s1", 2, 9000, 10000, "2024-05-01T13:00:00Z", 1), /* 3rd valid: over */
        verdict("s2", 1, 10000, 10000, "2024-05-01T10:00:00Z", 1),
        verdict("s3", 1, 0, 10000, "2024-05-01T10:00:00Z", 1),
        verdict("s4", 1, 0, 10000, "2024-05-01T10:00:00Z", 0),
        verdict("", 1, 0, 0, "", 0),
    };
    int rc[8];
    /* the limit does not depend on the order the files come in */
    static const size_t reversed[8] = {7, 6, 5, 4, 3, 2, 1, 0};

    proctor_gradebook_new(PROCTOR_METHOD_HIGHEST, &g, NULL);
    settle_add(g, v, 8, 2, reversed, rc);
    CHECK(rc[0] == 0 && rc[1] == PROCTOR_EVERIFY && !v[1].valid &&
              strstr(v[1].reason, "attempt 3 is over the limit of 2"),
          "an attempt number past the limit is refused: %s", v[1].reason);
    CHECK(rc[2] == 0, "a second valid result is within the limit, whatever its number");
    CHECK(rc[3] == PROCTOR_EVERIFY &&
              strstr(v[3].reason, "2 other valid results of this student finished before it"),
          "a third valid result (by finish time) is over the limit: %s", v[3].reason);
    CHECK_INT(proctor_gradebook_count(g), 4, "one row per student named");
    CHECK_STR(proctor_gradebook_row(g, 0)->student, "s1", "rows sorted by id");
    CHECK_INT(row_of(g, "s1")->earned, 9000, "s1: the best counted attempt");
    CHECK(!row_of(g, "s4")->graded && strcmp(row_of(g, "s4")->reason, "bad signature") == 0,
          "s4: no valid result, and why");
    proctor_gradebook_summary(g, &sum);
    CHECK(sum.students == 4 && sum.graded == 3, "summary: 4 students, 3 graded");
    CHECK_INT(sum.mean, 63333, "summary: mean of 90, 100, 0 is 63.333 %%");
    CHECK_INT(sum.median, 90000, "summary: median 90 %%");
    CHECK(sum.histogram[0] == 1 && sum.histogram[9] == 2, "summary: histogram buckets");
    proctor_gradebook_free(g);
}

/* The histogram buckets the percentage every screen shows (proctor_percent), so a student
 * shown 90 % is counted in 90-100 and one shown 99 % is never counted as full marks. */
static void
test_histogram_percent(void)
{
    struct proctor_gradebook *g = NULL;
    struct proctor_gradebook_summary sum;
    struct proctor_verdict v[] = {
        verdict("a", 1, 8960, 10000, "2024-05-01T10:00:00Z", 1), /* 89.6 % reads 90 % */
        verdict("b", 1, 8940, 10000, "2024-05-01T10:00:00Z", 1), /* 89.4 % reads 89 % */
        verdict("c", 1, 30, 10000, "2024-05-01T10:00:00Z", 1),   /* 0.3 % reads 1 % */
    };

    proctor_gradebook_new(PROCTOR_METHOD_HIGHEST, &g, NULL);
    settle_add(g, v, 3, 1, NULL, NULL);
    proctor_gradebook_summary(g, &sum);
    CHECK(sum.histogram[9] == 1 && sum.histogram[8] == 1 && sum.histogram[0] == 1,
          "histogram: 89.6 %% (shown as 90 %%) is in 90-100, 89.4 %% in 80-89");
    proctor_gradebook_free(g);
}

/* ---- marks and graded work, on a real assignment of the fixture bank ---- */

static struct proctor_bank *bank;
static struct proctor_key *teacher, *other;

static struct proctor_assignment *
assignment(struct proctor_bank **key)
{
    const struct proctor_question *qs[64];
    struct proctor_assignment_settings set = {"hw", "HW", 1700000000, 0, 0, 1, 1, 1};
    struct proctor_assignment *a = NULL;
    struct proctor_error err;
    char *env = NULL, *kenv = NULL;
    size_t elen, klen;

    for (size_t i = 0; i < bank->nquestions; i++)
        qs[i] = &bank->questions[i];
    if (proctor_assignment_make(bank, qs, bank->nquestions, &set, teacher, &env, &elen, &kenv,
                                &klen, &err) < 0)
        return NULL;
    unlink(tmp("a.json"));
    unlink(tmp("k.json"));
    proctor_file_write(tmp("a.json"), env, elen, 0644, 0, NULL);
    proctor_file_write(tmp("k.json"), kenv, klen, 0644, 0, NULL);
    free(env);
    free(kenv);
    if (proctor_assignment_load(tmp("a.json"), &a, &err) < 0 ||
        proctor_answer_key_load(tmp("k.json"), a, key, &err) < 0) {
        printf("# %s\n", err.msg);
        proctor_assignment_free(a);
        return NULL;
    }
    return a;
}

static const char *
essay_id(const struct proctor_bank *key)
{
    for (size_t i = 0; i < key->nquestions; i++)
        if (key->questions[i].type == PROCTOR_ESSAY)
            return key->questions[i].id;
    return "?";
}

/* A roster of students s1..s<n> (names "Name of sK"), written to tmp("roster") and loaded. */
static struct proctor_roster *
roster_of(int n)
{
    struct proctor_roster *r = NULL;

    unlink(tmp("roster"));
    for (int i = 1; i <= n; i++) {
        unsigned char seed[32] = {(unsigned char)(40 + i)};
        struct proctor_key *k = NULL;
        char id[16], name[32], line[512];
        snprintf(id, sizeof id, "s%d", i);
        snprintf(name, sizeof name, "Name of s%d", i);
        if (proctor_key_from_seed(PROCTOR_ROLE_STUDENT, id, name, seed, &k, NULL) == 0 &&
            proctor_key_line(k, line, sizeof line) > 0)
            proctor_roster_add(tmp("roster"), line, 0, NULL);
        proctor_key_free(k);
    }
    if (proctor_roster_load(tmp("roster"), &r, NULL) < 0)
        return NULL;
    return r;
}

/* Gives verdict v one item per question of a: earned[k] thousandths, all answered. */
static void
with_items(struct proctor_verdict *v, const struct proctor_assignment *a, const int64_t *earned)
{
    v->items = calloc(a->nq, sizeof *v->items);
    v->nitems = a->nq;
    for (size_t k = 0; v->items && k < a->nq; k++) {
        v->items[k].earned = earned[k];
        v->items[k].answered = 1;
        v->items[k].picks = (uint64_t)1 << (k % 3);
    }
}

/* The class gradebook: every roster student a row (MISSING, INVALID, OK), another
 * assignment's result left out, per-question columns, and the Moodle and Canvas shapes. */
static void
test_class(struct proctor_assignment *a, const struct proctor_bank *key)
{
    struct proctor_roster *roster = roster_of(5);
    struct proctor_gradebook *g = NULL;
    struct proctor_gradebook_summary sum;
    const struct proctor_gradebook_row *r;
    int64_t e1[64] = {0}, e2[64] = {0}, e3[64] = {0};
    size_t essay = 0;
    struct proctor_verdict v[5];
    char *csv = NULL, want[4096], line[1024];
    size_t len = 0;

    if (!roster || a->nq > 64) {
        CHECK(0, "class setup");
        proctor_roster_free(roster);
        return;
    }
    while (essay < a->nq && proctor_bank_find(key, a->qids[essay])->type != PROCTOR_ESSAY)
        essay++;
    for (size_t k = 0; k < a->nq; k++) {
        e1[k] = k == essay ? 0 : 1000;
        e2[k] = k < 2 ? 1000 : 0;
        e3[k] = k == 0 ? 500 : 0;
    }
    v[0] = verdict("s1", 1, 9000, 9000, "2024-05-01T10:00:00Z", 1);
    v[0].essay_max = 1000;
    v[0].late = 1;
    with_items(&v[0], a, e1);
    v[1] = verdict("s2", 1, 2000, 9000, "2024-05-01T10:00:00Z", 1);
    v[1].essay_max = 1000;
    with_items(&v[1], a, e2);
    v[2] = verdict("s2", 2, 500, 9000, "2024-05-01T11:00:00Z", 1);
    v[2].essay_max = 1000;
    with_items(&v[2], a, e3);
    v[3] = verdict("s2", 1, 0, 0, "", 0); /* another assignment's result */
    v[3].status = PROCTOR_STATUS_UNCHECKED;
    v[4] = verdict("s4", 1, 0, 0, "", 0); /* a forgery */
    proctor_gradebook_new(PROCTOR_METHOD_AVERAGE, &g, NULL);
    proctor_gradebook_set_assignment(g, a, key);
    CHECK(proctor_gradebook_add_roster(g, roster) == 0, "the roster's students are added");
    settle_add(g, v, 5, 2, NULL, NULL);
    CHECK(v[3].status == PROCTOR_STATUS_UNCHECKED, "settling leaves an unchecked file so");
    CHECK_INT(proctor_gradebook_count(g), 5, "a row for every student on the roster");
    r = row_of(g, "s3");
    CHECK(r && r->status == PROCTOR_STATUS_MISSING && !r->graded && r->files == 0,
          "s3 handed nothing in: MISSING");
    CHECK(row_of(g, "s5") && row_of(g, "s5")->status == PROCTOR_STATUS_MISSING,
          "s5 too");
    r = row_of(g, "s4");
    CHECK(r && r->status == PROCTOR_STATUS_INVALID && r->files == 1 && r->attempts == 1,
          "s4 handed in a refused file: INVALID, not MISSING");
    r = row_of(g, "s2");
    CHECK(r && r->status == PROCTOR_STATUS_OK && r->files == 2 && r->attempts == 2 &&
              r->earned == 1250,
          "s2: two attempts averaged; the other assignment's result is not one of them");
    CHECK(r && r->items && r->nitems == a->nq && r->items[0].earned == 750 &&
              r->items[1].earned == 500 && r->items[2].earned == 0,
          "s2: the mean points of each question");
    r = row_of(g, "s1");
    CHECK(r && r->late && !r->overtime && r->items && r->items[essay].earned == 0 &&
              !r->items[essay].marked,
          "s1: late, and the essay unmarked");
    proctor_gradebook_summary(g, &sum);
    CHECK(sum.students == 5 && sum.graded == 2 && sum.ok == 2 && sum.invalid == 1 &&
              sum.missing == 2 && sum.conflict == 0,
          "summary: 2 graded, 1 invalid, 2 missing");

    /* proctor's columns */
    CHECK(proctor_gradebook_csv(g, PROCTOR_GRADEBOOK_PROCTOR, 0, &csv, &len) == 0 && csv &&
              strlen(csv) == len,
          "the gradebook as CSV");
    snprintf(want, sizeof want,
             "assignment,title,student,name,score,max,percent,status,reason,attempt,attempts,"
             "late,overtime,finished,q1,q2,q3");
    CHECK(csv && strncmp(csv, want, strlen(want)) == 0,
          "CSV header: the assignment, the student, the grade, then the questions");
    {
        char cells[512] = "";
        for (size_t k = 0; k < a->nq; k++)
            snprintf(cells + strlen(cells), sizeof cells - strlen(cells), ",%s",
                     k == essay ? "" : "1");
        snprintf(line, sizeof line,
                 "\r\nhw,HW,s1,Name of s1,9,10,90,OK,,average,1,yes,no,2024-05-01T10:00:00Z%s\r\n",
                 cells);
    }
    CHECK(csv && strstr(csv, line), "s1's row: late, and an unmarked essay's cell empty");
    CHECK(csv && strstr(csv, "\r\nhw,HW,s2,Name of s2,1.25,10,13,OK,,average,2,no,no,"
                             "2024-05-01T11:00:00Z,0.75,0.5,0,"),
          "s2's row: the average of two attempts, per question too");
    CHECK(csv && strstr(csv, "\r\nhw,HW,s3,Name of s3,,,,MISSING,nothing handed in,,0,,,,,"),
          "s3's row: MISSING");
    CHECK(csv && strstr(csv, "\r\nhw,HW,s4,Name of s4,,,,INVALID,bad signature,,1,,,,,"),
          "s4's row: INVALID, and why");
    free(csv);
    CHECK(proctor_gradebook_csv(g, PROCTOR_GRADEBOOK_PROCTOR, PROCTOR_CSV_BOM |
                                PROCTOR_CSV_NO_ITEMS, &csv, &len) == 0 &&
              csv && memcmp(csv, "\xef\xbb\xbf" "assignment,", 14) == 0 &&
              strstr(csv, "finished\r\n") && !strstr(csv, "q1"),
          "with a byte order mark, without the question columns");
    free(csv);

    /* Moodle: an id and a grade column; only grades */
    CHECK(proctor_gradebook_csv(g, PROCTOR_GRADEBOOK_MOODLE, 0, &csv, &len) == 0 && csv &&
              strcmp(csv, "ID number,HW\r\ns1,9\r\ns2,1.25\r\n") == 0,
          "Moodle's import: ID number and the grade, only students with a grade");
    free(csv);
    /* Canvas: its student columns, the SIS User ID, a Points Possible row */
    CHECK(proctor_gradebook_csv(g, PROCTOR_GRADEBOOK_CANVAS, 0, &csv, &len) == 0 && csv &&
              strcmp(csv, "Student,ID,SIS User ID,SIS Login ID,Section,HW\r\n"
                          "Points Possible,,,,,10\r\n"
                          "Name of s1,,s1,,,9\r\n"
                          "Name of s2,,s2,,,1.25\r\n") == 0,
          "Canvas's import: its student columns, a Points Possible row, only grades");
    free(csv);
    CHECK(proctor_gradebook_format_parse("moodle") == PROCTOR_GRADEBOOK_MOODLE &&
              proctor_gradebook_format_parse("canvas") == PROCTOR_GRADEBOOK_CANVAS &&
              proctor_gradebook_format_parse("proctor") == PROCTOR_GRADEBOOK_PROCTOR &&
              proctor_gradebook_format_parse("blackboard") == -1,
          "format names");
    for (size_t i = 0; i < 5; i++)
        proctor_verdict_release(&v[i]);
    proctor_gradebook_free(g);
    proctor_roster_free(roster);
}

static void
test_marks(struct proctor_assignment *a, const struct proctor_bank *key)
{
    unsigned char n1[PROCTOR_NONCE_BYTES] = {1}, n2[PROCTOR_NONCE_BYTES] = {2};
    struct proctor_marks *m = proctor_marks_new(a), *back = NULL;
    const char *essay = essay_id(key);
    const struct proctor_mark *got;
    struct proctor_error err;
    char *env = NULL;
    size_t len;
    unsigned char text_digest[32];

    proctor_essay_digest("The essay as written.", text_digest);
    CHECK(proctor_marks_set(m, "s2", 1, n2, essay, text_digest, 500, "half", &err) == 0 &&
              proctor_marks_set(m, "s1", 1, n1, essay, text_digest, 1000, NULL, &err) == 0 &&
              proctor_marks_set(m, "s2", 1, n2, essay, text_digest, 750, "more", &err) == 0,
          "marks are set and replaced");
    CHECK_INT(m->n, 2, "one mark per essay answer");
    got = proctor_marks_find(m, "s2", 1, n2, essay);
    CHECK(got && got->points == 750 && strcmp(got->comment, "more") == 0, "found, replaced");
    CHECK(!proctor_marks_find(m, "s2", 1, n1, essay), "another result's nonce finds nothing");
    CHECK(got && proctor_mark_fits(got, "The essay as written.") &&
              !proctor_mark_fits(got, "The essay as written, then changed."),
          "a mark fits the very text it was given for, and no other");
    CHECK(proctor_marks_set(m, "s1", 1, n1, essay, text_digest, 1, "bad\001", &err) ==
              PROCTOR_EINVAL,
          "a control character in a comment is refused");
    CHECK(proctor_marks_sign(m, teacher, &env, &len, &err) == 0, "marks are signed");
    unlink(tmp("m.json"));
    proctor_file_write(tmp("m.json"), env, len, 0644, 0, NULL);
    CHECK(proctor_marks_load(tmp("m.json"), a, key, &back, &err) == 0 && back && back->n == 2,
          "and load back: %s", err.msg);
    proctor_marks_free(back);
    back = NULL;
    free(env);
    env = NULL;

    /* 2 points for a 1-point essay; a mark on a question that is not an essay */
    proctor_marks_set(m, "s3", 1, n1, essay, text_digest, 2000, "", &err);
    proctor_marks_sign(m, teacher, &env, &len, &err);
    unlink(tmp("m2.json"));
    proctor_file_write(tmp("m2.json"), env, len, 0644, 0, NULL);
    CHECK(proctor_marks_load(tmp("m2.json"), a, key, &back, &err) == PROCTOR_EINVAL &&
              strstr(err.msg, "which is worth"),
          "more points than the essay is worth are refused: %s", err.msg);
    free(env);
    env = NULL;
    proctor_marks_free(m);
    m = proctor_marks_new(a);
    proctor_marks_set(m, "s1", 1, n1, "q1", text_digest, 0, "", &err);
    proctor_marks_sign(m, teacher, &env, &len, &err);
    unlink(tmp("m3.json"));
    proctor_file_write(tmp("m3.json"), env, len, 0644, 0, NULL);
    CHECK(proctor_marks_load(tmp("m3.json"), a, key, &back, &err) ==
                  (key->questions[0].type == PROCTOR_ESSAY ? 0 : PROCTOR_EINVAL),
          "a mark for a question that is not an essay is refused");
    proctor_marks_free(back);
    back = NULL;
    free(env);
    env = NULL;
    proctor_marks_sign(m, other, &env, &len, &err);
    unlink(tmp("m4.json"));
    proctor_file_write(tmp("m4.json"), env, len, 0644, 0, NULL);
    CHECK(proctor_marks_load(tmp("m4.json"), a, key, &back, &err) == PROCTOR_EVERIFY,
          "marks signed by another teacher are refused");
    free(env);
    proctor_marks_free(m);
}

static void
test_graded(struct proctor_assignment *a, const struct proctor_bank *key)
{
    struct proctor_session *s = NULL;
    struct proctor_result res;
    struct proctor_graded *g = NULL;
    struct proctor_error err;
    char *env = NULL;
    size_t len;

    memset(&res, 0, sizeof res);
    res.student = (char *)"s1";
    res.attempt = 1;
    res.started = (char *)"2024-05-01T10:00:00Z";
    res.finished = (char *)"2024-05-01T10:20:00Z";
    if (proctor_assignment_session(a, key, "s1", &s, &err) < 0) {
        CHECK(0, "a session");
        return;
    }
    /* answer the first question with its first option or "1700" */
    {
        struct proctor_response r = {0};
        char *id = s->q[0]->noptions ? s->q[0]->options[0].id : NULL;
        r.answered = 1;
        r.ids = id ? &id : NULL;
        r.nids = id ? 1 : 0;
        r.text = id ? NULL : (char *)"1700";
        r.truth = 1;
        proctor_session_answer(s, 0, &r);
    }
    CHECK(proctor_graded_make(a, s, &res, NULL, other, &env, &len, &err) == PROCTOR_EUSAGE,
          "graded work must be signed by the assignment's teacher");
    CHECK(proctor_graded_make(a, s, &res, NULL, teacher, &env, &len, &err) == 0,
          "graded work is made: %s", err.msg);
    unlink(tmp("g.json"));
    proctor_file_write(tmp("g.json"), env, len, 0644, 0, NULL);
    CHECK(proctor_graded_load(tmp("g.json"), &g, &err) == 0, "and loads: %s", err.msg);
    if (g) {
        CHECK(g->n == s->n && strcmp(g->student, "s1") == 0 && g->items[0].answered &&
                  !g->items[1].answered && g->items[0].number == 1,
              "per question, in the order the student saw");
        CHECK(g->max == 10000 && g->earned == s->earned[0], "the score");
        CHECK(strcmp(g->keyid, teacher->keyid) == 0, "signed by the teacher");
        for (size_t i = 0; i < g->n; i++)
            if (!g->items[i].has_passage || !g->items[i].correct[0])
                CHECK(0, "item %zu has a passage and a correct answer", i + 1);
    }
    proctor_graded_free(g);
    g = NULL;
    /* one changed byte of the payload */
    {
        char *p = strstr(env, "\"payload\":\"") + 20;
        *p = *p == 'A' ? 'B' : 'A';
        unlink(tmp("g2.json"));
        proctor_file_write(tmp("g2.json"), env, len, 0644, 0, NULL);
        CHECK(proctor_graded_load(tmp("g2.json"), &g, &err) == PROCTOR_EVERIFY,
              "changed graded work is refused: %s", err.msg);
    }
    free(env);
    proctor_session_free(s);
}

/* Item analysis at its edges: no graded student, one, and the average method's mean points;
 * options picked; a gradebook without its assignment. (t66-item-stats.sh checks the figures
 * of a whole class against python3's statistics module.) */
static void
test_item_stats(struct proctor_assignment *a, const struct proctor_bank *key)
{
    struct proctor_roster *roster = roster_of(3);
    struct proctor_gradebook *g = NULL;
    struct proctor_item_stats *st = NULL;
    struct proctor_verdict v[3];
    int64_t e1[64] = {0}, e2[64] = {0};
    char *csv = NULL;
    size_t len = 0, choice = 0;

    if (!roster || a->nq > 64) {
        CHECK(0, "item stats setup");
        proctor_roster_free(roster);
        return;
    }
    proctor_gradebook_new(PROCTOR_METHOD_HIGHEST, &g, NULL);
    CHECK(proctor_item_stats_compute(g, &st, NULL) == PROCTOR_EUSAGE && !st,
          "item analysis needs the assignment");
    proctor_gradebook_set_assignment(g, a, key);
    proctor_gradebook_add_roster(g, roster);
    CHECK(proctor_item_stats_compute(g, &st, NULL) == 0 && st && st->students == 0 &&
              st->nitems == a->nq && !st->has_alpha && !st->items[0].has_discrimination,
          "only MISSING students: nothing counted, nothing undefined computed");
    proctor_item_stats_free(st);
    st = NULL;
    proctor_gradebook_free(g);

    while (choice < a->nq && proctor_bank_find(key, a->qids[choice])->type != PROCTOR_CHOICE)
        choice++;
    for (size_t k = 0; k < a->nq; k++) {
        e1[k] = 1000;
        e2[k] = k == 0 ? 0 : 1000;
    }
    v[0] = verdict("s1", 1, 10000, 10000, "2024-05-01T10:00:00Z", 1);
    with_items(&v[0], a, e1);
    v[1] = verdict("s1", 2, 9000, 10000, "2024-05-01T11:00:00Z", 1);
    with_items(&v[1], a, e2);
    v[2] = verdict("s2", 1, 0, 0, "", 0); /* refused: s2 is not graded */
    proctor_gradebook_new(PROCTOR_METHOD_AVERAGE, &g, NULL);
    proctor_gradebook_set_assignment(g, a, key);
    proctor_gradebook_add_roster(g, roster);
    settle_add(g, v, 3, 2, NULL, NULL);
    CHECK(proctor_item_stats_compute(g, &st, NULL) == 0 && st, "one graded student");
    CHECK(st && st->students == 1 && !st->has_alpha && !st->items[0].has_discrimination &&
              st->items[0].mean == 0.5 && st->items[0].facility == 50.0 &&
              st->items[1].facility == 100.0,
          "one student: the average method's mean points per question; no alpha, no "
          "discrimination");
    CHECK(st && st->mean == 95.0 && st->median == 95.0 && st->histogram[9] == 1,
          "the test: mean and median of the one percentage, in the 90-100 bucket");
    CHECK(st && choice < a->nq && st->items[choice].noptions > 0 &&
              st->items[choice].options[choice % 3].picked == 1 &&
              st->items[choice].answered == 1,
          "the option picked is counted (once for the student, over both attempts)");
    CHECK(st && st->items[0].bank_id == NULL, "no bank id when the assignment records none");
    CHECK(st && proctor_item_stats_csv(st, PROCTOR_CSV_BOM, &csv, &len) == 0 && csv &&
              strncmp(csv, "\xef\xbb\xbfquestion,bank id,type,prompt,points,answered,", 46) == 0 &&
              strlen(csv) == len,
          "the CSV, with a byte order mark");
    free(csv);
    proctor_item_stats_free(st);
    for (size_t i = 0; i < 3; i++)
        proctor_verdict_release(&v[i]);
    proctor_gradebook_free(g);
    proctor_roster_free(roster);
}

int
main(void)
{
    struct proctor_assignment *a = NULL;
    struct proctor_bank *key = NULL;
    struct proctor_error err;
    unsigned char seed[32] = {7}, seed2[32] = {8};

    test_methods();
    test_limit_and_summary();
    test_histogram_percent();
    if (sodium_init() < 0 || !mkdtemp(dir) ||
        proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &bank, &err) != 0 ||
        proctor_key_from_seed(PROCTOR_ROLE_TEACHER, "teacher", "Ms Tee", seed, &teacher, &err) <
            0 ||
        proctor_key_from_seed(PROCTOR_ROLE_TEACHER, "other", "Mr O", seed2, &other, &err) < 0 ||
        !(a = assignment(&key))) {
        CHECK(0, "setup");
        return harness_done();
    }
    test_class(a, key);
    test_item_stats(a, key);
    test_marks(a, key);
    test_graded(a, key);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    proctor_bank_free(bank);
    proctor_key_free(teacher);
    proctor_key_free(other);
    {
        static const char *const names[] = {"a.json",  "k.json",  "m.json", "m2.json",
                                            "m3.json", "m4.json", "g.json", "g2.json",
                                            "roster"};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            unlink(tmp(names[i]));
        rmdir(dir);
    }
    return harness_done();
}
