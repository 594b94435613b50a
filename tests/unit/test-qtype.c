/* SPDX-License-Identifier: ISC */
/*
 * test-qtype.c - the table of question types, the questions as the runner asks them (parts,
 * hints, items shown), and checking a question described by another reader than the JSON
 * one (qdesc.h) against a loaded bank, with that reader's positions in every message; a
 * response read borrowing its JSON value (verify's) against one read as a copy.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../../src/json-arena.h"
#include "../../src/qdesc.h"
#include "../../src/qtype.h"
#include "../../src/response-json.h"
#include "../../src/sbuf.h"
#include "harness.h"
#include "proctor/bank.h"
#include "proctor/grade.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static void
test_table(void)
{
    for (int t = 0; t < PROCTOR_NTYPES; t++) {
        const struct qtype *T = qtypes[t];
        int all = T->load && T->release && T->embed && T->items && T->max && T->grade && T->parts &&
                  T->part && T->parse && T->to_json && T->from_value && T->describe_answer &&
                  T->describe_response && T->show;
        CHECK(all && T->name && T->hint && *T->hint && T->members && T->shown && T->answers,
              "type %d ('%s') has every operation and its hint and member lists", t,
              T->name ? T->name : "?");
        CHECK(strcmp(proctor_qtype_name((enum proctor_qtype)t), T->name) == 0 &&
                  proctor_qtype_parse(T->name) == t,
              "'%s' is its enumerator's name and back", T->name);
    }
    CHECK(proctor_qtype_parse("quiz") == -1 && strcmp(proctor_qtype_name(PROCTOR_NTYPES), "?") == 0,
          "an unknown name or enumerator");
    {
        char names[256] = "";
        for (int t = 0; t < PROCTOR_NTYPES; t++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     t == 0 ? "" : t == PROCTOR_NTYPES - 1 ? " or " : ", ", qtypes[t]->name);
        CHECK_STR(PROCTOR_QTYPE_NAMES, names, "PROCTOR_QTYPE_NAMES lists every type, in order");
    }
}

/* ---- the question as asked ---- */

struct items {
    char text[512];
};

static void
collect(void *ctx, int list, const char *label, const char *text)
{
    struct items *it = ctx;
    size_t n = strlen(it->text);
    snprintf(it->text + n, sizeof it->text - n, "%s[%d]%s %s", n ? "|" : "", list, label, text);
}

static void
test_asked(const struct proctor_bank *b)
{
    const struct proctor_question *chair = proctor_bank_find(b, "chair"),
                                  *match = proctor_bank_find(b, "who-did-what"),
                                  *vote = proctor_bank_find(b, "vote");
    size_t perm[] = {2, 0, 1};
    struct items it = {""};

    if (!chair || !match || !vote) {
        CHECK(0, "fixture questions");
        return;
    }
    CHECK(proctor_response_parts(chair) == 1 && proctor_question_part(chair, 0) == chair &&
              proctor_question_part(chair, 1) == NULL,
          "a choice question takes one answer, itself");
    CHECK_STR(proctor_question_hint(chair, 0), "Answer with one letter.", "its hint");
    CHECK_STR(proctor_question_hint(vote, 0), "Type a number.", "a numeric question's hint");
    CHECK_STR(proctor_question_hint(chair, 3), "", "no hint past its parts");
    CHECK_STR(proctor_question_hint(chair, PROCTOR_WHOLE), "Answer with one letter.",
              "the question's own hint, for one part the same");
    proctor_question_show(chair, perm, 0, collect, &it);
    CHECK_STR(it.text, "[0]a) Park|[0]b) Ortiz|[0]c) Lee", "its options as shown under perm");
    it.text[0] = '\0';
    proctor_question_show(match, NULL, 0, collect, &it);
    CHECK_STR(it.text,
              "[0]1. Ortiz|[0]2. Lee|[0]3. Park|[1]a) chaired|[1]b) kept the minutes|"
              "[1]c) counted the votes|[1]d) opened the library",
              "a match shows its lefts, then its rights as a second list");
    it.text[0] = '\0';
    proctor_question_show(vote, NULL, 0, collect, &it);
    CHECK_STR(it.text, "", "a numeric question shows no items");
}

/* ---- a question described by another reader ---- */

struct pos {
    long line, col;
};

static void
where(void *ctx, const void *at, long *line, long *col)
{
    const struct pos *p = at;
    (void)ctx;
    *line = p ? p->line : 0;
    *col = p ? p->col : 0;
}

struct diags {
    char text[2048];
    int n;
};

static int
keep(void *ctx, const struct proctor_error *e)
{
    struct diags *d = ctx;
    size_t n = strlen(d->text);
    snprintf(d->text + n, sizeof d->text - n, "%s:%ld:%ld: %s\n", e->path, e->line, e->column,
             e->msg);
    d->n++;
    return 0;
}

/* A choice question as a GIFT reader might describe it, with its positions. */
static struct qnode *
describe(struct qdesc *d, const char *id, int correct_b, const char *extra, const struct pos *p)
{
    struct qnode *q = qdesc_add(d, NULL, NULL, QNODE_OBJECT, &p[0]), *opts, *o, *tags, *src;

    qdesc_add_string(d, q, "id", id, &p[1]);
    qdesc_add_string(d, q, "type", "choice", &p[1]);
    qdesc_add_string(d, q, "prompt", "Who kept the minutes?", &p[2]);
    opts = qdesc_add(d, q, "options", QNODE_ARRAY, &p[3]);
    o = qdesc_add(d, opts, NULL, QNODE_OBJECT, &p[3]);
    qdesc_add_string(d, o, "id", "lee", &p[3]);
    qdesc_add_string(d, o, "text", "Lee", &p[3]);
    qdesc_add_bool(d, o, "correct", 1, &p[3]);
    o = qdesc_add(d, opts, NULL, QNODE_OBJECT, &p[4]);
    qdesc_add_string(d, o, "id", "park", &p[4]);
    qdesc_add_string(d, o, "text", "Park", &p[4]);
    if (correct_b)
        qdesc_add_bool(d, o, "correct", 1, &p[4]);
    qdesc_add_number(d, q, "difficulty", 1, &p[5]);
    qdesc_add_string(d, q, "level", "recall", &p[5]);
    tags = qdesc_add(d, q, "tags", QNODE_ARRAY, &p[5]);
    qdesc_add_string(d, tags, NULL, "people", &p[5]);
    src = qdesc_add(d, q, "source", QNODE_OBJECT, &p[6]);
    qdesc_add_string(d, src, "doc", "memo", &p[6]);
    qdesc_add_string(d, src, "quote", "Mr Lee kept the minutes", &p[6]);
    qdesc_add_string(d, q, "explain", "Paragraph 2 says so.", &p[7]);
    if (extra)
        qdesc_add_string(d, q, extra, "?", &p[8]);
    return q;
}

static void
test_builder(void)
{
    static const struct pos p[] = {{1, 1}, {1, 3}, {2, 1}, {3, 5}, {4, 5},
                                   {5, 1}, {6, 1}, {7, 1}, {9, 2}};
    struct qsource src = {"quiz.gift", where, NULL};
    struct proctor_bank *b = NULL;
    struct bank_builder *bb = NULL;
    struct proctor_error err;
    struct diags dg = {"", 0};
    struct qdesc d;
    size_t before;
    int rc;

    proctor_error_clear(&err);
    if (proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &b, &err) != 0) {
        CHECK(0, "fixture bank: %s", err.msg);
        return;
    }
    before = b->nquestions;
    qdesc_init(&d);
    CHECK(bank_builder_new(b, keep, &dg, &bb, &err) == 0, "a builder over the loaded bank");
    if (!bb)
        goto out;
    rc = bank_builder_add(bb, &src, describe(&d, "gift-minutes", 0, NULL, p), &err);
    CHECK(rc == 0 && dg.n == 0, "a sound described question is added");
    qdesc_reset(&d);
    rc = bank_builder_add(bb, &src, describe(&d, "gift-two", 1, NULL, p), &err);
    CHECK(rc == 1, "one with two correct options is refused");
    CHECK_STR(dg.text,
              "quiz.gift:3:5: question 'gift-two': a choice question needs exactly one correct "
              "option, not 2\n",
              "reported at the reader's own line and column, with the JSON loader's message");
    dg.text[0] = '\0';
    qdesc_reset(&d);
    rc = bank_builder_add(bb, &src, describe(&d, "gift-extra", 0, "feedback", p), &err);
    CHECK(rc == 1 && strstr(dg.text, "quiz.gift:9:2: question 'gift-extra': unknown member "
                                     "'feedback' for a choice question"),
          "an unknown member, at its place");
    dg.text[0] = '\0';
    qdesc_reset(&d);
    rc = bank_builder_add(bb, &src, describe(&d, "chair", 0, NULL, p), &err);
    CHECK(rc == 0, "an id the bank already has passes the question's own checks");
    CHECK(bank_builder_finish(bb) == 3 &&
              strstr(dg.text, "quiz.gift:1:1: duplicate question id 'chair' (first defined at "),
          "finishing finds it given twice across the bank");
    CHECK(b->nquestions == before + 2 && proctor_bank_find(b, "gift-minutes") &&
              strcmp(proctor_bank_find(b, "gift-minutes")->file, "quiz.gift") == 0 &&
              proctor_bank_find(b, "gift-minutes")->line == 1 &&
              proctor_bank_find(b, "gift-minutes")->doc == proctor_bank_doc(b, "memo"),
          "the added questions are the bank's, found by id, with their file and passage");
out:
    qdesc_release(&d);
    proctor_bank_free(b);
}

/* A short or numeric question as another reader might describe it, the common members at
 * p[0], its own after the caller adds them (at p[1]). */
static struct qnode *
describe_typed(struct qdesc *d, const char *id, const char *type, const struct pos *p)
{
    struct qnode *q = qdesc_add(d, NULL, NULL, QNODE_OBJECT, &p[0]), *tags, *src;

    qdesc_add_string(d, q, "id", id, &p[0]);
    qdesc_add_string(d, q, "type", type, &p[0]);
    qdesc_add_string(d, q, "prompt", "Who chaired?", &p[0]);
    qdesc_add_number(d, q, "difficulty", 1, &p[0]);
    qdesc_add_string(d, q, "level", "recall", &p[0]);
    tags = qdesc_add(d, q, "tags", QNODE_ARRAY, &p[0]);
    qdesc_add_string(d, tags, NULL, "people", &p[0]);
    src = qdesc_add(d, q, "source", QNODE_OBJECT, &p[0]);
    qdesc_add_string(d, src, "doc", "memo", &p[0]);
    qdesc_add_string(d, src, "quote", "Mr Lee kept the minutes", &p[0]);
    qdesc_add_string(d, q, "explain", "Paragraph 2 says so.", &p[0]);
    return q;
}

/* The answer fields of short and numeric questions (reject, kind, the switches, units) go
 * through the same checks from any reader, each fault at its place. */
static void
test_answer_fields(void)
{
    static const struct pos p[] = {{1, 1}, {4, 7}};
    struct qsource src = {"quiz.gift", where, NULL};
    struct proctor_bank *b = NULL;
    struct bank_builder *bb = NULL;
    struct proctor_error err;
    struct diags dg = {"", 0};
    const struct proctor_question *q;
    struct qnode *o, *a;
    struct qdesc d;

    proctor_error_clear(&err);
    if (proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &b, &err) != 0) {
        CHECK(0, "fixture bank: %s", err.msg);
        return;
    }
    qdesc_init(&d);
    if (bank_builder_new(b, keep, &dg, &bb, &err) != 0)
        goto out;
    o = describe_typed(&d, "who-name", "short", p);
    a = qdesc_add(&d, o, "accept", QNODE_ARRAY, &p[1]);
    qdesc_add_string(&d, a, NULL, "Romeo Ortiz", &p[1]);
    a = qdesc_add(&d, o, "reject", QNODE_ARRAY, &p[1]);
    qdesc_add_string(&d, a, NULL, "Lee", &p[1]);
    qdesc_add_string(&d, o, "kind", "name", &p[1]);
    qdesc_add_bool(&d, o, "case_sensitive", 1, &p[1]);
    qdesc_add_bool(&d, o, "accents_required", 1, &p[1]);
    qdesc_add_bool(&d, o, "containment", 0, &p[1]);
    qdesc_add_number(&d, o, "typos", 0, &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 0 && dg.n == 0,
          "a short question with every answer field is added");
    qdesc_reset(&d);
    o = describe_typed(&d, "how-many", "numeric", p);
    qdesc_add_number(&d, o, "answer", 36, &p[1]);
    a = qdesc_add(&d, o, "units", QNODE_ARRAY, &p[1]);
    qdesc_add_string(&d, a, NULL, "hours", &p[1]);
    qdesc_add_bool(&d, o, "units_required", 1, &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 0 && dg.n == 0,
          "a numeric question with units is added");
    qdesc_reset(&d);
    o = describe_typed(&d, "bad-kind", "short", p);
    a = qdesc_add(&d, o, "accept", QNODE_ARRAY, &p[0]);
    qdesc_add_string(&d, a, NULL, "Ortiz", &p[0]);
    qdesc_add_string(&d, o, "kind", "person", &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 1 &&
              strstr(dg.text, "quiz.gift:4:7: question 'bad-kind': 'kind' must be \"text\" or "
                              "\"name\""),
          "an unknown kind, at its place");
    dg.text[0] = '\0';
    qdesc_reset(&d);
    o = describe_typed(&d, "bad-reject", "short", p);
    a = qdesc_add(&d, o, "accept", QNODE_ARRAY, &p[0]);
    qdesc_add_string(&d, a, NULL, "Ortiz", &p[0]);
    qdesc_add_string(&d, o, "reject", "Lee", &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 1 &&
              strstr(dg.text, "quiz.gift:4:7: question 'bad-reject': expected a non-empty array "
                              "of strings 'reject'"),
          "reject must be a list");
    dg.text[0] = '\0';
    qdesc_reset(&d);
    o = describe_typed(&d, "bad-switch", "short", p);
    a = qdesc_add(&d, o, "accept", QNODE_ARRAY, &p[0]);
    qdesc_add_string(&d, a, NULL, "Ortiz", &p[0]);
    qdesc_add_string(&d, o, "containment", "no", &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 1 &&
              strstr(dg.text, "quiz.gift:4:7: question 'bad-switch': expected true or false for "
                              "'containment'"),
          "a switch must be true or false");
    dg.text[0] = '\0';
    qdesc_reset(&d);
    o = describe_typed(&d, "bad-units", "numeric", p);
    qdesc_add_number(&d, o, "answer", 36, &p[0]);
    qdesc_add_bool(&d, o, "units_required", 1, &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 1 &&
              strstr(dg.text, "quiz.gift:4:7: question 'bad-units': 'units_required' needs "
                              "'units'"),
          "units_required without units");
    dg.text[0] = '\0';
    qdesc_reset(&d);
    o = describe_typed(&d, "units-on-short", "short", p);
    a = qdesc_add(&d, o, "accept", QNODE_ARRAY, &p[0]);
    qdesc_add_string(&d, a, NULL, "Ortiz", &p[0]);
    a = qdesc_add(&d, o, "units", QNODE_ARRAY, &p[1]);
    qdesc_add_string(&d, a, NULL, "hours", &p[1]);
    CHECK(bank_builder_add(bb, &src, o, &err) == 1 &&
              strstr(dg.text, "quiz.gift:4:7: question 'units-on-short': unknown member 'units' "
                              "for a short question"),
          "units are for numeric questions");
    bank_builder_finish(bb);
    q = proctor_bank_find(b, "who-name");
    CHECK(q && q->nreject == 1 && !strcmp(q->reject[0], "Lee") && q->typos == 0 &&
              q->match == (PROCTOR_MATCH_NAME | PROCTOR_MATCH_CASE | PROCTOR_MATCH_ACCENTS |
                           PROCTOR_MATCH_WHOLE),
          "the short question holds its reject list, kind and switches");
    q = proctor_bank_find(b, "how-many");
    CHECK(q && q->nunits == 1 && !strcmp(q->units[0], "hours") && q->units_required,
          "the numeric question holds its units");
out:
    qdesc_release(&d);
    proctor_bank_free(b);
}

/* The JSON reader's descriptions keep every member, kind and name. */
static void
test_from_cjson(void)
{
    cJSON *j = cJSON_Parse("{\"a\": [1, \"x\", true, false, null, {\"b\": 2.5}]}");
    struct qdesc d;
    const struct qnode *root, *a, *e;
    long long n;

    qdesc_init(&d);
    root = qdesc_from_cjson(&d, j);
    a = qnode_member(root, "a");
    CHECK(root && qnode_is_object(root) && root->n == 1 && qnode_is_array(a) && a->n == 6 &&
              a->at == cJSON_GetObjectItemCaseSensitive(j, "a"),
          "an object and its array, each at its cJSON node");
    e = a ? a->child : NULL;
    CHECK(e && qnode_get_int(e, &n) && n == 1 && qnode_is_string(e->next) &&
              strcmp(e->next->str, "x") == 0 && qnode_is_true(e->next->next) &&
              qnode_is_bool(e->next->next->next) && !qnode_is_true(e->next->next->next) &&
              e->next->next->next->next->kind == QNODE_NULL,
          "numbers, strings, booleans and null");
    e = a ? a->last : NULL;
    CHECK(e && qnode_is_object(e) && qnode_member(e, "b") &&
              !qnode_get_int(qnode_member(e, "b"), &n) && qnode_member(e, "b")->num == 2.5,
          "a nested object, and a fraction is no integer");
    qdesc_reset(&d);
    CHECK(qdesc_from_cjson(&d, j) != NULL, "the arena is reused after a reset");
    qdesc_release(&d);
    cJSON_Delete(j);
}

/* Two responses alike: the same fields, strings and canonical form. */
static int
same_response(const struct proctor_question *q, const struct proctor_response *a,
              const struct proctor_response *b)
{
    struct sbuf x = {0}, y = {0};
    int same;

    if (a->answered != b->answered || a->truth != b->truth || a->nids != b->nids ||
        !a->text != !b->text || (a->text && strcmp(a->text, b->text) != 0) ||
        !a->ids2 != !b->ids2)
        return 0;
    for (size_t k = 0; k < a->nids; k++)
        if (strcmp(a->ids[k], b->ids[k]) != 0 || (a->ids2 && strcmp(a->ids2[k], b->ids2[k]) != 0))
            return 0;
    QTYPE(q)->canonical(&x, q, a);
    QTYPE(q)->canonical(&y, q, b);
    same = x.len == y.len && (x.len == 0 || memcmp(x.s, y.s, x.len) == 0) &&
           proctor_grade(q, a) == proctor_grade(q, b);
    free(x.s);
    free(y.s);
    return same;
}

/*
 * response_from_cjson_borrowed against response_from_cjson, for every question of bank b and
 * many JSON values of every shape (right, wrong, repeated and unknown ids): the same return,
 * the same message, the same response, grade and canonical form; and the borrowed one keeps
 * the value's own strings (no copy), its id arrays from the arena scope (none: out of memory).
 */
static void
test_borrowed(const struct proctor_bank *b, const char *what)
{
    size_t compared = 0, differ = 0, copied = 0, scopeless = 0, arrays = 0;

    for (size_t i = 0; i < b->nquestions; i++) {
        const struct proctor_question *q = &b->questions[i];
        const char *o0 = q->noptions > 0 ? q->options[0].id : "a";
        const char *o1 = q->noptions > 1 ? q->options[1].id : "b";
        const char *r0 = q->nrights > 0 ? q->rights[0].id : "c";
        const char *r1 = q->nrights > 1 ? q->rights[1].id : "d";
        char v[40][256];
        size_t nv = 0;

#define V(...) snprintf(v[nv++], sizeof v[0], __VA_ARGS__)
        V("\"%s\"", o0), V("\"nope\""), V("true"), V("false"), V("12"), V("null"), V("[]");
        V("[\"%s\"]", o0), V("[\"%s\",\"%s\"]", o0, o1), V("[\"%s\",\"%s\"]", o1, o0);
        V("[\"%s\",\"%s\"]", o0, o0), V("[\"zz\"]"), V("[1]"), V("[\"\",\"%s\",\"\"]", o0);
        V("{}"), V("{\"%s\":\"%s\"}", o0, r0), V("{\"%s\":\"%s\",\"%s\":\"%s\"}", o1, r0, o0, r1);
        V("{\"%s\":\"zz\"}", o0), V("{\"%s\":1}", o0), V("{\"%s\":\"%s\",\"%s\":\"%s\"}", o0, r0, o0, r1);
        V("\"1,700\""), V("\"Ortiz\""), V("\"Rom\u00e9o ORTIZ, 400\""), V("\"\"");
        if (q->noptions > 2)
            V("[\"%s\",\"%s\",\"%s\"]", q->options[2].id, o1, o0);
#undef V
        for (size_t k = 0; k < nv; k++) {
            cJSON *j = cJSON_Parse(v[k]);
            struct proctor_response own, bor;
            struct proctor_error e1, e2;
            int r1_, r2_;

            if (!j)
                continue;
            memset(&e1, 0, sizeof e1);
            memset(&e2, 0, sizeof e2);
            r1_ = response_from_cjson(q, j, &own, &e1);
            if (json_arena_begin() < 0)
                break;
            r2_ = response_from_cjson_borrowed(q, j, &bor, &e2);
            compared++;
            if (r1_ != r2_ || strcmp(e1.msg, e2.msg) != 0 ||
                (r1_ == 0 && (!bor.borrowed || !same_response(q, &own, &bor))))
                differ++;
            if (r2_ == 0 && bor.text && bor.text != j->valuestring)
                copied++;
            if (r2_ == 0 && bor.nids > 0 && cJSON_IsArray(j) && bor.ids[0] != j->child->valuestring)
                copied++;
            proctor_response_release(&bor);
            json_arena_end();
            /* outside a scope the id arrays cannot be had */
            if (r1_ == 0 && own.ids) {
                arrays++;
                if (response_from_cjson_borrowed(q, j, &bor, &e2) == PROCTOR_ENOMEM)
                    scopeless++;
                proctor_response_release(&bor);
            }
            proctor_response_release(&own);
            cJSON_Delete(j);
        }
    }
    CHECK(compared > 40 && differ == 0,
          "%s: a borrowed response reads as a copied one (%zu of %zu values differ)", what,
          differ, compared);
    CHECK(copied == 0, "%s: a borrowed response keeps the JSON value's strings (%zu copies)",
          what, copied);
    CHECK(arrays > 0 && scopeless == arrays,
          "%s: with no arena scope open a borrowed response with ids is refused (%zu of %zu)",
          what, scopeless, arrays);
}

/* qtype_canon_text: the typed text normalised (proctor_normalize), the one-word fast path
 * included: words of letters of 1 to 80 bytes in every case, and with one other byte. */
static void
test_canon_text(void)
{
    static const char others[] = " .,'-0*\x7f\xc3";
    size_t tried = 0, differ = 0;

    for (size_t n = 1; n <= 80; n++)
        for (int shape = 0; shape < 3; shape++)
            for (size_t o = 0; o <= sizeof others - 1; o++) {
                char t[96];
                struct sbuf b = {0};
                struct proctor_response r;
                struct proctor_question q;
                char *want;
                for (size_t i = 0; i < n; i++)
                    t[i] = (char)((shape == 1 || (shape == 2 && i % 2) ? 'A' : 'a') + i % 26);
                t[n] = '\0';
                if (o < sizeof others - 1)
                    t[(n * o) % n] = others[o];
                memset(&r, 0, sizeof r);
                memset(&q, 0, sizeof q);
                r.answered = 1;
                r.text = t;
                qtype_canon_text(&b, &q, &r);
                want = proctor_normalize(t); /* NULL for bad UTF-8: the text as it is */
                differ += !b.s || b.len != strlen(want ? want : t) + 1 ||
                          strcmp(b.s, want ? want : t) != 0;
                free(want);
                free(b.s);
                tried++;
            }
    CHECK(differ == 0, "qtype_canon_text is proctor_normalize's text (%zu texts, %zu differ)",
          tried, differ);
}

/* qtype_canon_int writes what snprintf's "=%lld" does, from the least to the greatest. */
static void
test_canon_int(void)
{
    static const int64_t some[] = {0, 1, -1, 9, 10, -10, 99, 100, 1700, -1700, 1000000,
                                   INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1};
    size_t differ = 0, n = 0;
    char a[32], b[32];

    for (size_t i = 0; i < sizeof some / sizeof *some; i++, n++) {
        snprintf(b, sizeof b, "=%lld", (long long)some[i]);
        differ += strcmp(qtype_canon_int(some[i], a), b) != 0;
    }
    for (int64_t v = -100000; v <= 100000; v += 7, n++) {
        snprintf(b, sizeof b, "=%lld", (long long)v);
        differ += strcmp(qtype_canon_int(v, a), b) != 0;
    }
    for (int64_t p = 1; p < INT64_MAX / 10; p *= 10)
        for (int d = -1; d <= 1; d++, n += 2) {
            snprintf(b, sizeof b, "=%lld", (long long)(p + d));
            differ += strcmp(qtype_canon_int(p + d, a), b) != 0;
            snprintf(b, sizeof b, "=%lld", (long long)-(p + d));
            differ += strcmp(qtype_canon_int(-(p + d), a), b) != 0;
        }
    CHECK(differ == 0, "a number's canonical form is snprintf's =%%lld (%zu of %zu differ)",
          differ, n);
}

int
main(void)
{
    test_canon_text();
    struct proctor_bank *b = NULL;
    struct proctor_error err;

    if (sodium_init() < 0)
        return 1;
    test_table();
    if (proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &b, &err) == 0) {
        test_asked(b);
        test_borrowed(b, "fixture bank");
    } else {
        CHECK(0, "fixture bank: %s", err.msg);
    }
    proctor_bank_free(b);
    b = NULL;
    if (proctor_bank_load(SRCDIR "/tests/fixtures/cloze", NULL, NULL, NULL, &b, &err) == 0)
        test_borrowed(b, "cloze bank");
    else
        CHECK(0, "cloze bank: %s", err.msg);
    proctor_bank_free(b);
    test_builder();
    test_answer_fields();
    test_from_cjson();
    test_canon_int();
    return harness_done();
}
