/* SPDX-License-Identifier: ISC */
/*
 * test-import.c - GIFT and Aiken import (src/gift.c, aiken.c, import.c): imported questions
 * grade every response as Moodle grades it where the notes say nothing was lost (the weights
 * of multi, the tolerance and range of numerical, short answers in any case and without
 * typos), positions of problems, escapes, the UTF-8 refusal, ids made unique.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "proctor/export.h"
#include "proctor/grade.h"
#include "proctor/import.h"

struct msgs {
    char text[4096];
    size_t errors, notes;
};

static int
collect(void *ctx, const struct proctor_error *e)
{
    struct msgs *m = ctx;
    size_t n = strlen(m->text);

    snprintf(m->text + n, sizeof m->text - n, "%s %ld:%ld %s; ", e->code ? "E" : "N", e->line,
             e->column, e->msg);
    if (e->code)
        m->errors++;
    else
        m->notes++;
    return 0;
}

static struct proctor_bank *
fixture(void)
{
    struct proctor_bank *b = NULL;
    struct proctor_error err;

    if (proctor_bank_load("tests/fixtures/bank", NULL, NULL, NULL, &b, &err) != 0 || !b) {
        printf("Bail out! the fixture bank does not load\n");
        exit(1);
    }
    return b;
}

static int
import(struct proctor_bank *b, enum proctor_import_format fmt, const char *text, const char *doc,
       struct msgs *m, struct proctor_import_stats *st)
{
    struct proctor_error err;
    char *json = NULL;
    int rc;

    memset(m, 0, sizeof *m);
    proctor_error_clear(&err);
    rc = proctor_import(b, fmt, "t.gift", text, strlen(text), doc, collect, m, st, &json, &err);
    if (rc < 0)
        snprintf(m->text, sizeof m->text, "%ld:%ld %s", err.line, err.column, err.msg);
    free(json);
    return rc;
}

static int64_t
grade(const struct proctor_question *q, const char *typed)
{
    struct proctor_response r;
    struct proctor_error err;
    int64_t g;

    memset(&r, 0, sizeof r);
    if (proctor_response_parse(q, NULL, typed, &r, &err) != 0)
        return -1;
    g = proctor_grade(q, &r);
    proctor_response_release(&r);
    return g;
}

/* multi: Moodle adds the weights of the options picked, between 0 and 100 %; where the
 * weights are proctor's equal shares, every one of the 16 responses grades the same */
static void
test_multi_weights(void)
{
    static const double w[4] = {-50, 50, 50, -50};
    struct proctor_import_stats st;
    struct msgs m;
    struct proctor_bank *b = fixture();
    const struct proctor_question *q;

    import(b, PROCTOR_IMPORT_GIFT,
           "::Two::Which two? {~%-50%No one ~%50%Grant ~%50%Grant's wife ~%-50%Grant's father}\n",
           NULL, &m, &st);
    CHECK(st.imported == 1 && m.notes == 0, "multi with equal shares: imported without a note");
    q = proctor_bank_find(b, "two");
    CHECK(q && q->type == PROCTOR_MULTI, "no '=' and weights: multi");
    for (unsigned set = 1; q && set < 16; set++) {
        char typed[16] = "";
        double moodle = 0;
        for (unsigned k = 0; k < 4; k++)
            if (set & (1u << k)) {
                size_t n = strlen(typed);
                snprintf(typed + n, sizeof typed - n, "%s%c", n ? " " : "", 'a' + k);
                moodle += w[k];
            }
        moodle = moodle < 0 ? 0 : moodle > 100 ? 100 : moodle;
        CHECK_INT(grade(q, typed), (long long)(moodle * 10), "multi '%s' grades as Moodle's",
                  typed);
    }
    proctor_bank_free(b);
}

/* numerical: |x - answer| <= tolerance, and min..max, bounds included */
static void
test_numerical(void)
{
    struct proctor_import_stats st;
    struct msgs m;
    struct proctor_bank *b = fixture();
    const struct proctor_question *q;

    import(b, PROCTOR_IMPORT_GIFT,
           "::Tol::Year?{#1822:2}\n\n::Range::Pi?{#3.141..3.142}\n\n"
           "::Fine::Pi?{#3.1415:0.0005}\n\n::Several::Year?{#=1822:0 =%50%1822:2}\n",
           NULL, &m, &st);
    CHECK(st.imported == 4, "numerical: 4 imported (%s)", m.text);
    q = proctor_bank_find(b, "tol");
    CHECK(q && grade(q, "1820") == 1000 && grade(q, "1824") == 1000 && grade(q, "1824.001") == 0 &&
              grade(q, "1819") == 0,
          "{#1822:2}: 1820 to 1824, bounds included");
    q = proctor_bank_find(b, "range");
    CHECK(q && grade(q, "3.141") == 1000 && grade(q, "3.142") == 1000 && grade(q, "3.143") == 0,
          "{#3.141..3.142}");
    q = proctor_bank_find(b, "fine");
    CHECK(q && q->lo == 3141 && q->hi == 3142, "{#3.1415:0.0005}: the range 3.141 to 3.142");
    q = proctor_bank_find(b, "several");
    CHECK(q && grade(q, "1822") == 1000 && grade(q, "1823") == 0,
          "several answers: the 100%% one is kept");
    CHECK(strstr(m.text, "N 7:") && strstr(m.text, "'1822:2' is worth 50%"),
          "several answers: the 50%% one is a note at its line (%s)", m.text);
    proctor_bank_free(b);
}

/* b's questions exported to GIFT and imported into a fresh fixture bank: *out, with the
 * messages of the import in m */
static struct proctor_bank *
reimport(const struct proctor_bank *b, struct msgs *m)
{
    struct proctor_import_stats st;
    struct proctor_error err;
    struct proctor_bank *back = fixture();
    char *text = NULL, *json = NULL;
    size_t count = 0;

    memset(m, 0, sizeof *m);
    if (proctor_export_gift(b, NULL, 0, NULL, NULL, &text, &count, &err) == 0)
        proctor_import(back, PROCTOR_IMPORT_GIFT, "back.gift", text, strlen(text), NULL, collect, m,
                       &st, &json, &err);
    free(text);
    free(json);
    return back;
}

/* short answer: Moodle matches the whole answer, case folded, * a wildcard, no typos */
static void
test_short(void)
{
    static const struct {
        const char *id, *typed;
        int64_t want; /* as Moodle grades it */
    } moodle[] = {
        {"who", "ORTIZ", 1000},
        {"who", "romeo ortiz", 1000},
        {"who", "Ortis", 0},
        {"who", "Lee", 0},
        {"where", "Somalia", 1000},
        {"where", "somalia", 1000},
        {"where", "in Somalia", 0},
        {"where", "It was Somalia", 0},
        {"where", "Somalia and Sudan", 0},
        {"where", "Sudan", 0},
        {"where", "the Somalia", 0},
        {"frog", "Frog", 1000},
        {"frog", "frogs", 0},
        {"frog", "a frog", 0},
        {"frog", "Toad", 0},
        {"frog", "Cat", 0},
        {"hague", "The Hague", 1000},
        {"hague", "in The Hague", 0},
        {"dallaire", "General Dallaire", 1000},
        {"dallaire", "Dallaire", 1000},
        {"dallaire", "Dallaire's cable", 0},
    };
    struct proctor_import_stats st;
    struct msgs m;
    struct proctor_bank *b = fixture(), *back;
    const struct proctor_question *q;

    import(b, PROCTOR_IMPORT_GIFT,
           "::Who::Who chaired?{=Ortiz =Roméo Ortiz =%0%*}\n\n"
           "::Where::Where?{=Somalia =%0%Sudan#No: Sudan is its neighbour.}\n\n"
           "::Frog::Which animal?{\n=Frog\n=%50%Cat\n=%-25%Toad\n=%0%Frogs\n=%0%*og#no\n}\n\n"
           "::Hague::Which city?{=The Hague}\n\n"
           "::Dallaire::Who?{=*Dallaire}\n",
           NULL, &m, &st);
    CHECK(st.imported == 5, "short: 5 imported (%s)", m.text);
    q = proctor_bank_find(b, "who");
    CHECK(q && q->type == PROCTOR_SHORT && q->naccept == 2 && q->typos == 0 && q->nreject == 0,
          "short: two accepted; Moodle's catch-all '=%%0%%*' is no known wrong answer");
    q = proctor_bank_find(b, "where");
    CHECK(q && (q->match & PROCTOR_MATCH_WHOLE) && q->nreject == 1 &&
              strcmp(q->reject[0], "Sudan") == 0,
          "short: the whole response compared (containment off); a 0%% answer is a known wrong "
          "one");
    q = proctor_bank_find(b, "frog");
    CHECK(q && q->naccept == 1 && q->nreject == 2 && strcmp(q->reject[0], "Toad") == 0 &&
              strcmp(q->reject[1], "Frogs") == 0,
          "short: 0%% and negative answers are known wrong ones, in order");
    CHECK(strstr(m.text, "N 7:6 question 'frog': answer 'Cat' is worth 50% in Moodle") &&
              strstr(m.text, "N 8:7 question 'frog': answer 'Toad' is worth -25% in Moodle; here "
                             "it is a known wrong answer") &&
              strstr(m.text, "N 10:5 question 'frog': the wrong answer '*og' is not kept"),
          "short: partial credit, a negative weight and a wrong wildcard are notes at their line "
          "and column (%s)",
          m.text);
    for (size_t i = 0; i < sizeof moodle / sizeof *moodle; i++) {
        q = proctor_bank_find(b, moodle[i].id);
        CHECK(q && grade(q, moodle[i].typed) == moodle[i].want,
              "short '%s': '%s' earns %lld, as in Moodle", moodle[i].id, moodle[i].typed,
              (long long)moodle[i].want);
    }
    /* exported and imported again: the same switches, the same grades */
    back = reimport(b, &m);
    for (size_t i = 0; i < sizeof moodle / sizeof *moodle; i++) {
        const struct proctor_question *a = proctor_bank_find(b, moodle[i].id);
        q = proctor_bank_find(back, moodle[i].id);
        CHECK(a && q && q->match == a->match && q->nreject == a->nreject &&
                  grade(q, moodle[i].typed) == moodle[i].want,
              "short '%s' after export and import: '%s' still earns %lld", moodle[i].id,
              moodle[i].typed, (long long)moodle[i].want);
    }
    proctor_bank_free(back);
    proctor_bank_free(b);

    /* proctor's own switches, written as comments by the export, read back */
    b = fixture();
    import(b, PROCTOR_IMPORT_GIFT,
           "// [containment:on] [case_sensitive:on] [accents_required:on] [typos:auto]\n"
           "::Contained::Where?{=Somalia}\n\n"
           "// [kind:name]\n::Named::Who?{=Roméo Dallaire}\n\n"
           "// [containment:maybe]\n::Bad::Who?{=x}\n\n// [kind:place]\n::Bad2::Who?{=x}\n",
           NULL, &m, &st);
    CHECK(st.imported == 2 && st.refused == 2, "switch comments: 2 imported, 2 refused (%s)",
          m.text);
    CHECK(strstr(m.text, "E 7:4 question 'bad': '[containment:maybe]': expected on or off") &&
              strstr(m.text, "E 10:4 question 'bad2': '[kind:place]': expected text or name"),
          "switch comments: a bad value refused at its line and column (%s)", m.text);
    q = proctor_bank_find(b, "contained");
    CHECK(q && q->typos < 0 && q->match == (PROCTOR_MATCH_CASE | PROCTOR_MATCH_ACCENTS) &&
              grade(q, "in Somalia") == 1000,
          "[containment:on] [case_sensitive:on] [accents_required:on] [typos:auto]: proctor's "
          "rules");
    q = proctor_bank_find(b, "named");
    CHECK(q && (q->match & PROCTOR_MATCH_NAME) && grade(q, "Dallaire") == 1000,
          "[kind:name]: a person's name, the surname alone enough");
    back = reimport(b, &m);
    for (size_t i = 0; i < 2; i++) {
        const char *id = i ? "named" : "contained";
        const struct proctor_question *a = proctor_bank_find(b, id);
        q = proctor_bank_find(back, id);
        CHECK(a && q && a->match == q->match && a->typos == q->typos,
              "'%s' after export and import: the same switches (%s)", id, m.text);
    }
    proctor_bank_free(back);
    proctor_bank_free(b);
}

/* types as Moodle decides them; ids unique; escapes; errors at their line and column */
static void
test_types_and_errors(void)
{
    struct proctor_import_stats st;
    struct msgs m;
    struct proctor_bank *b = fixture();
    const struct proctor_question *q;

    import(b, PROCTOR_IMPORT_GIFT,
           "::Q::A {T} b\n\n::Q::A\\{b\\} {true}\n\n::Q::A?{=x -> y =z -> w}\n\n"
           "::Q::Essay{}\n\n::Q::A?{#}\n\n// [id:Mixed Case]\n::Other::x {~a =b}.\n",
           NULL, &m, &st);
    CHECK(st.imported == 5 && st.refused == 1, "5 imported, 1 refused (%s)", m.text);
    q = proctor_bank_find(b, "q");
    CHECK(q && q->type == PROCTOR_TRUEFALSE && q->truth && strcmp(q->prompt, "A _____ b") == 0,
          "{T} with text after it: missing-word truefalse");
    q = proctor_bank_find(b, "q-2");
    CHECK(q && q->type == PROCTOR_SHORT && strcmp(q->prompt, "A{b}") == 0,
          "{true} is a short answer (Moodle's T/TRUE/F/FALSE are upper case); \\{ \\} kept");
    q = proctor_bank_find(b, "q-3");
    CHECK(q && q->type == PROCTOR_MATCH && q->npairs == 2, "'=' and '->': matching");
    q = proctor_bank_find(b, "q-4");
    CHECK(q && q->type == PROCTOR_ESSAY, "{}: essay");
    CHECK(strstr(m.text, "E 9:9 question 'q-5': a numerical question needs an answer") != NULL,
          "{#}: refused at its line and column (%s)", m.text);
    q = proctor_bank_find(b, "mixed-case");
    CHECK(q && q->type == PROCTOR_CHOICE && strcmp(q->prompt, "x _____.") == 0,
          "[id:] made kebab-case before the title");
    proctor_bank_free(b);

    /* Moodle's comment escape: [id:i\]d] is the id i]d (kebab-case here) */
    b = fixture();
    import(b, PROCTOR_IMPORT_GIFT, "// [id:i\\]d] [tag:t\\]ag]\n::Title::x{T}\n", NULL, &m, &st);
    q = proctor_bank_find(b, "i-d");
    CHECK(q && q->ntags == 1 && strcmp(q->tags[0], "t-ag") == 0,
          "'\\]' inside [id:] and [tag:] is part of the value (%s)", m.text);
    proctor_bank_free(b);

    b = fixture();
    CHECK(import(b, PROCTOR_IMPORT_GIFT, "::A::ok{T}\n\n::B::caf\xc3 {T}\n", NULL, &m, &st) ==
              PROCTOR_EINVAL,
          "a file that is not UTF-8 is refused");
    CHECK(strstr(m.text, "3:9 GIFT files must be UTF-8") != NULL, "at its first bad byte (%s)",
          m.text);
    CHECK(st.imported == 0 && st.questions == 0, "nothing imported from it");
    proctor_bank_free(b);

    b = fixture();
    import(b, PROCTOR_IMPORT_GIFT, "::T::The memo says \"Mr Lee kept the minutes\".{T}\n", "memo",
           &m, &st);
    q = proctor_bank_find(b, "t");
    CHECK(q && q->doc && strcmp(q->quote, "Mr Lee kept the minutes") == 0,
          "--doc: tied to the passage its text quotes");
    proctor_bank_free(b);
}

static void
test_aiken(void)
{
    struct proctor_import_stats st;
    struct msgs m;
    struct proctor_bank *b = fixture();
    const struct proctor_question *q;

    import(b, PROCTOR_IMPORT_AIKEN, "Who kept the minutes?\r\nA) Ortiz\r\nB) Lee\r\nANSWER: B\r\n",
           NULL, &m, &st);
    q = proctor_bank_find(b, "t-1");
    CHECK(st.imported == 1 && q && q->type == PROCTOR_CHOICE && grade(q, "b") == 1000 &&
              grade(q, "a") == 0,
          "aiken with CRLF lines: a choice question (%s)", m.text);
    proctor_bank_free(b);

    b = fixture();
    import(b, PROCTOR_IMPORT_AIKEN,
           "Unfinished?\nA) yes\nB) no\n\nWho kept the minutes?\nA) Ortiz\nB) Lee\nANSWER: B\n",
           NULL, &m, &st);
    CHECK(st.imported == 1 &&
              strstr(m.text, "E 5:1 a question begins before the one before it ('Unfinished?') "
                             "had its ANSWER line"),
          "aiken: a question left without ANSWER, reported where the next begins, as Moodle "
          "does (%s)",
          m.text);
    proctor_bank_free(b);
}

static void
count_skip(void *ctx, const struct proctor_question *q, const char *why)
{
    (void)why;
    CHECK(q->type == PROCTOR_ORDER || q->type == PROCTOR_CLOZE,
          "export: only order and cloze are left out ('%s' is %s)", q->id,
          proctor_qtype_name(q->type));
    ++*(size_t *)ctx;
}

/* every response typed for q and its copy grades the same */
static size_t
same_grades(const struct proctor_question *a, const struct proctor_question *b)
{
    char typed[256], buf[64];
    size_t n = 0, diff = 0;

#define TRY(s)                                                                                     \
    do {                                                                                           \
        n++;                                                                                       \
        if (grade(a, s) != grade(b, s)) {                                                          \
            diff++;                                                                                \
            printf("#   '%s' on %s: %lld against %lld\n", s, a->id, (long long)grade(a, s),        \
                   (long long)grade(b, s));                                                        \
        }                                                                                          \
    } while (0)
    switch (a->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        for (unsigned set = 1; set < (1u << a->noptions); set++) {
            typed[0] = '\0';
            for (size_t k = 0; k < a->noptions; k++)
                if (set & (1u << k))
                    snprintf(typed + strlen(typed), sizeof typed - strlen(typed), "%c ",
                             (int)('a' + k));
            TRY(typed);
            if (a->type == PROCTOR_CHOICE && set > 1)
                set = (set << 1) - 1; /* choice takes one letter: 1, 2, 4, ... */
        }
        break;
    case PROCTOR_TRUEFALSE:
        TRY("true");
        TRY("false");
        break;
    case PROCTOR_SHORT:
        for (size_t i = 0; i < a->naccept; i++) {
            size_t len = strlen(a->accept[i]);
            TRY(a->accept[i]);
            snprintf(typed, sizeof typed, "%s", a->accept[i]);
            for (char *p = typed; *p; p++)
                *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
            TRY(typed);
            if (len > 3) {
                snprintf(typed, sizeof typed, "%.*s%s", (int)(len / 2), a->accept[i],
                         a->accept[i] + len / 2 + 1);
                TRY(typed);
            }
        }
        snprintf(typed, sizeof typed, "It was %s", a->accept[0]);
        TRY(typed);
        for (size_t i = 0; i < a->nreject; i++) {
            TRY(a->reject[i]);
            snprintf(typed, sizeof typed, "%s and %s", a->accept[0], a->reject[i]);
            TRY(typed);
        }
        if (a->match & PROCTOR_MATCH_NAME) { /* the surname alone */
            const char *sp = strrchr(a->accept[0], ' ');
            TRY(sp ? sp + 1 : a->accept[0]);
        }
        TRY("nothing like it");
        break;
    case PROCTOR_NUMERIC: {
        int64_t v[] = {a->value, a->lo, a->hi, a->lo - 1, a->hi + 1, a->value + 1000, 0};
        for (size_t i = 0; i < sizeof v / sizeof *v; i++)
            TRY(proctor_format_points(v[i], buf, sizeof buf));
        break;
    }
    case PROCTOR_MATCH:
        for (size_t shift = 0; shift < a->nrights; shift++) {
            typed[0] = '\0';
            for (size_t k = 0; k < a->npairs; k++)
                snprintf(typed + strlen(typed), sizeof typed - strlen(typed), "%zu%c ", k + 1,
                         (int)('a' + (k + shift) % a->nrights));
            TRY(typed);
        }
        break;
    case PROCTOR_ESSAY:
    case PROCTOR_ORDER:
    case PROCTOR_CLOZE: break;
    }
#undef TRY
    return n && !diff ? n : 0;
}

/* export the shipped bank, import it beside its own documents: every question GIFT can
 * express comes back, and grades every response the same way */
static void
test_gift_round_trip(void)
{
    const char *none[] = {NULL};
    struct proctor_bank *orig = NULL, *back = NULL;
    struct proctor_import_stats st;
    struct proctor_error err;
    struct msgs m;
    char *text = NULL, *json = NULL, *again = NULL;
    size_t skipped = 0, count = 0, count2 = 0, bad = 0, responses = 0, essays = 0;

    CHECK(proctor_bank_load("questions", NULL, NULL, NULL, &orig, &err) == 0 && orig,
          "round trip: the shipped bank loads");
    proctor_bank_load("questions", none, NULL, NULL, &back, &err);
    CHECK(back != NULL, "round trip: its documents load alone");
    if (!orig || !back)
        return;
    CHECK(proctor_export_gift(orig, NULL, 0, count_skip, &skipped, &text, &count, &err) == 0,
          "round trip: export");
    CHECK(count + skipped == orig->nquestions && skipped > 0,
          "round trip: %zu written, %zu left out", count, skipped);
    memset(&m, 0, sizeof m);
    proctor_import(back, PROCTOR_IMPORT_GIFT, "bank.gift", text, strlen(text), NULL, collect, &m,
                   &st, &json, &err);
    CHECK(st.imported == count && st.refused == 0 && st.notes == 0 && st.feedback == 0,
          "round trip: all %zu import, without a note (%s)", count, m.text);
    for (size_t i = 0; i < orig->nquestions; i++) {
        const struct proctor_question *a = &orig->questions[i], *b = proctor_bank_find(back, a->id);
        if (a->type == PROCTOR_ORDER || a->type == PROCTOR_CLOZE) {
            bad += b != NULL;
            continue;
        }
        if (!b || b->type != a->type || b->points != a->points || b->difficulty != a->difficulty ||
            b->match != a->match || b->typos != a->typos || b->nreject != a->nreject ||
            b->level != a->level || b->ntags != a->ntags || !b->doc != !a->doc ||
            (a->doc && strcmp(a->doc->id, b->doc->id) != 0) || b->quote_start != a->quote_start ||
            strcmp(b->prompt, a->prompt) != 0 ||
            strcmp(b->explain ? b->explain : "", a->explain ? a->explain : "") != 0 ||
            (a->type == PROCTOR_ESSAY && strcmp(a->rubric, b->rubric) != 0)) {
            printf("#   %s differs\n", a->id);
            bad++;
            continue;
        }
        if (a->type == PROCTOR_ESSAY) {
            essays++;
            continue;
        }
        size_t n = same_grades(a, b);
        bad += n == 0;
        responses += n;
    }
    CHECK(bad == 0,
          "round trip: each question the same (id, type, points, tags, passage, "
          "prompt, explanation, a short answer's switches and known wrong answers), %zu "
          "responses graded alike, %zu essays",
          responses, essays);
    CHECK(proctor_export_gift(back, NULL, 0, NULL, NULL, &again, &count2, &err) == 0 &&
              count2 == count && strcmp(again, text) == 0,
          "round trip: exporting the imported questions gives the same GIFT");
    free(again);
    free(text);
    free(json);
    proctor_bank_free(orig);
    proctor_bank_free(back);
}

static void
note_skip(void *ctx, const struct proctor_question *q, const char *why)
{
    snprintf(ctx, 256, "%s: %s", q->id, why);
}

/* fuzz-import found it: {T->} is a short answer, but "=T->" written back reads as matching */
static void
test_export_arrow(void)
{
    struct proctor_import_stats st;
    struct proctor_error err;
    struct msgs m;
    struct proctor_bank *b = fixture();
    char *text = NULL, why[256] = "";
    size_t count = 0;
    const struct proctor_question *q;

    import(b, PROCTOR_IMPORT_GIFT, "::Arrow::Which way?{T->}\n", NULL, &m, &st);
    q = proctor_bank_find(b, "arrow");
    CHECK(q && q->type == PROCTOR_SHORT, "{T->}: a short answer, as in Moodle (no '=')");
    CHECK(proctor_export_gift(b, NULL, 0, note_skip, why, &text, &count, &err) == 0 &&
              strstr(why, "arrow: an answer holds '->'") && !strstr(text, "::arrow::"),
          "export: a short answer holding '->' is named and left out (%s)", why);
    free(text);
    proctor_bank_free(b);
}

int
main(void)
{
    test_multi_weights();
    test_numerical();
    test_short();
    test_types_and_errors();
    test_aiken();
    test_gift_round_trip();
    test_export_arrow();
    return harness_done();
}
