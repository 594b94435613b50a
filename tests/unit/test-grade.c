/* SPDX-License-Identifier: ISC */
/* test-grade.c - unit tests for src/grade.c: matching, numbers, grading and parsing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "proctor/grade.h"
#include "../../src/grade-prep.h"
#include "../../src/qtype.h"

#define S(x) ((char *)(x))
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------------------- */

static void
test_normalize(void)
{
    static const struct {
        const char *in, *want;
    } rows[] = {
        {"Roméo Dallaire", "romeo dallaire"},
        {"  Booh-Booh!  ", "booh booh"},
        {"DALLAIRE", "dallaire"},
        {"1,700", "1700"},
        {"1 700", "1700"},
        {"1 700 000", "1700000"},
        {"12,34", "12 34"},
        {"1234,567", "1234 567"},
        {"2.5", "2.5"},
        {"1,700.25 men", "1700.25 men"},
        {"e.g. this", "e g this"},
        {"Straße", "strasse"},
        {"\xEF\xBC\xA4\xEF\xBC\xA1\xEF\xBC\xAC", "dal"}, /* fullwidth DAL */
        {"Dal\xC2\xADlaire", "dallaire"},                 /* soft hyphen */
        {"1\xE2\x80\xAF" "700", "1700"},                 /* narrow no-break space */
        {"a*b", "a b"},
        {"", ""},
        {"?!", ""},
    };
    size_t i;

    for (i = 0; i < N(rows); i++) {
        char *got = proctor_normalize(rows[i].in);

        CHECK_STR(got, rows[i].want, "normalize '%s'", rows[i].in);
        free(got);
    }
    CHECK(proctor_normalize("Rom\xE9o") == NULL, "normalize refuses invalid UTF-8");
    CHECK(proctor_normalize("\xED\xA0\x80") == NULL, "normalize refuses an encoded surrogate");
    CHECK(proctor_normalize(NULL) == NULL, "normalize(NULL) is NULL");
}

/* ------------------------------------------------------------------------------------- */

static void
test_short_table(void)
{
    static const struct {
        const char *accepted, *given;
        int typos, want;
    } rows[] = {
        /* accents and case */
        {"Roméo Dallaire", "Romeo Dallaire", -1, 1},
        {"Romeo Dallaire", "Roméo Dallaire", -1, 1},
        {"Roméo Dallaire", "ROMÉO DALLAIRE", 0, 1},
        {"Dallaire", "dallaire", 0, 1},
        {"Straße", "STRASSE", 0, 1},
        {"Dallaire", "\xEF\xBC\xA4\xEF\xBC\xA1\xEF\xBC\xAC\xEF\xBC\xAC\xEF\xBC\xA1\xEF\xBC\xA9"
                     "\xEF\xBC\xB2\xEF\xBC\xA5", 0, 1},
        /* punctuation and whitespace */
        {"Booh-Booh", "booh booh", 0, 1},
        {"booh booh", "Booh-Booh", 0, 1},
        {"Booh-Booh", "boohbooh", 0, 1}, /* written as one word: no typo */
        {"Booh-Booh", "boohbooh", -1, 1},
        {"Booh-Booh", "Booh", -1, 0},
        {"Romeo Dallaire", "  Romeo   Dallaire  ", 0, 1},
        {"Romeo Dallaire", "Romeo\tDallaire\n", 0, 1},
        {"Dallaire.", "Dallaire", 0, 1},
        {"Mille Collines", "mille-collines", 0, 1},
        {"Dallaire's cable", "Dallaire\xE2\x80\x99s cable", 0, 1},
        {"Dallaire's cable", "Dallaire cable", 0, 1},
        {"Dal\xC2\xADlaire", "Dallaire", 0, 1},
        /* numbers */
        {"1,700", "1700", -1, 1},
        {"1700", "1 700", -1, 1},
        {"1 700", "1,700", -1, 1},
        {"1 000 000", "1,000,000", 0, 1},
        {"1700", "1600", -1, 0},
        {"1700", "170", -1, 0},
        {"1700", "17000", 2, 0},
        {"1700", "1701", 2, 0},
        {"1700 troops", "1600 troops", -1, 0},
        {"1700 troops", "1700 trops", -1, 1},
        {"2.5", "2.5", 0, 1},
        {"2.5", "25", -1, 0},
        {"1,700", "1.700", -1, 0},
        {"12,34", "1234", -1, 0},
        {"Resolution 872", "Resolutoin 872", -1, 1},
        {"Resolution 872", "Resolution 827", -1, 0},
        {"Resolution 872", "Resolution 8720", -1, 0},
        {"Dallaire", "Dallaire 1", -1, 1}, /* contained as a whole word */
        {"Dallaire", "not Dallaire", -1, 0},
        /* typos, automatic (1 for 5+ letters, else 0) */
        {"Dallaire", "Dalaire", -1, 1},
        {"Dallaire", "Dallare", -1, 1},
        {"Dallaire", "Dlalaire", -1, 1},
        {"Dallaire", "Dallaier", -1, 1},
        {"Dallaire", "Dallairex", -1, 1},
        {"Dallaire", "Dxxlaire", -1, 0},
        {"Dallaire", "Dalair", -1, 0},
        {"UNAMIR", "UNAMR", -1, 0}, /* acronyms get no typo allowance */
        {"United Nations", "Untied Nations", -1, 1},
        {"Arusha", "Arushaa", -1, 1},
        {"Rwanda", "Uganda", -1, 0},
        {"Kigal", "Kigel", -1, 1},
        {"Kiga", "Kige", -1, 0},
        {"RPF", "RPG", -1, 0},
        {"RPF", "rpf", -1, 1},
        /* explicit typos */
        {"Kigali", "Kigal", 0, 0},
        {"Kigali", "Kigal", -1, 1},
        {"Kigali", "Kgial", 2, 1},
        {"Kigali", "Kxgxli", 2, 1},
        {"Kigali", "Kxgxlx", 2, 0},
        {"RPF", "RPG", 1, 0},
        {"Kigali", "Kigaki", 1, 1},
        {"RPF", "RGG", 1, 0},
        /* wildcards: exact match on normalised text, never a typo allowance */
        {"*Dallaire", "General Dallaire", -1, 1},
        {"*Dallaire", "Dallaire", -1, 1},
        {"*Dallaire", "General Roméo Dallaire", -1, 1},
        {"*Dallaire", "General Dalaire", -1, 0},
        {"*Dallaire", "Dallaire Romeo", -1, 0},
        {"Inter*we", "Interahamwe", -1, 1},
        {"Inter*we", "interhamwe", -1, 1},
        {"Inter*we", "Interahamwes", -1, 0},
        {"Inter*we", "we", -1, 0},
        {"Inter*we", "Interwe", -1, 1},
        {"General *", "General Roméo Dallaire", -1, 1},
        {"Roméo * Dallaire", "Romeo Dallaire", -1, 1},
        {"Roméo * Dallaire", "Romeo A. Dallaire", -1, 1},
        {"ab*ba", "aba", -1, 0},
        {"ab*ba", "abba", -1, 1},
        {"*a*b*", "xxaxxbxx", -1, 1},
        {"*a*b*", "xxbxxaxx", -1, 0},
        {"*", "anything", -1, 1},
        /* OCR spellings are separate accepted entries: the slip itself must match */
        {"Dallalre", "dallalre", 0, 1},
        {"Dallalre", "Dallaire", 0, 0},
        /* bad or empty input */
        {"Dallaire", "Dall\xFF" "aire", -1, 0},
        {"Rom\xE9o", "Romeo", -1, 0},
        {"Dallaire", "", -1, 0},
        {"Dallaire", "   ", -1, 0},
        {"Dallaire", "!!!", -1, 0},
        {"", "", -1, 0},
    };
    size_t i;

    for (i = 0; i < N(rows); i++)
        CHECK_INT(proctor_short_match(rows[i].accepted, rows[i].given, rows[i].typos),
                  rows[i].want, "short '%s' vs '%s' (typos %d)", rows[i].accepted,
                  rows[i].given, rows[i].typos);
    CHECK(!proctor_short_match(NULL, "x", -1) && !proctor_short_match("x", NULL, -1),
          "short match with NULL is no match");
}

/* A huge answer is refused, and quickly. */
static void
test_short_bounds(void)
{
    size_t n = 100000;
    char *big = malloc(n + 1), *pat = malloc(n + 1);
    clock_t t0;
    double secs;
    int r1, r2, r3, r4, r5;

    if (!big || !pat) {
        CHECK(0, "allocate big answers");
        free(big);
        free(pat);
        return;
    }
    memset(big, 'a', n);
    big[n] = '\0';
    t0 = clock();
    r1 = proctor_short_match("Dallaire", big, 5);
    r2 = proctor_short_match(big, big, 5);
    /* just under the raw cap, but far over the normalised cap */
    big[60000] = '\0';
    r3 = proctor_short_match("a*a*a*a*b", big, -1);
    /* 4000 bytes: within the caps; worst cases for the matchers */
    big[4000] = '\0';
    memset(pat, 'a', 4000);
    pat[3999] = 'b';
    pat[4000] = '\0';
    r4 = proctor_short_match(pat, big, 100) + proctor_short_match("a*a*a*a*a*a*a*b", big, -1);
    /* 4000 bytes of one-letter words: more words than an answer may have */
    for (size_t i = 1; i < 4000; i += 2)
        big[i] = ' ';
    r5 = proctor_short_match("a a a b", big, -1);
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK_INT(r1, 0, "a 100 000-character answer does not match");
    CHECK_INT(r2, 0, "a 100 000-character accepted answer never matches");
    CHECK_INT(r3, 0, "a 60 000-character answer does not match a wildcard");
    CHECK_INT(r4, 0, "4000 characters: a word past 64 letters has no typo allowance, and the "
                     "wildcard mismatch is computed");
    CHECK_INT(r5, 0, "2000 words: past the words an answer may have");
    CHECK(secs < 1.0, "huge answers are handled quickly (%.3f s)", secs);
    memset(big, 'a', 4000);
    big[4000] = 'b';
    big[4001] = '\0';
    CHECK_INT(proctor_short_match("a*b", big, -1), 1, "long wildcard match still works");
    free(big);
    free(pat);
}

/* ------------------------------------------------------------------------------------- */

static void
test_parse_number(void)
{
    static const struct {
        const char *in;
        int rc;
        int64_t want;
    } rows[] = {
        {"1700", 0, 1700000},
        {"1,700", 0, 1700000},
        {"1 700", 0, 1700000},
        {"  1700  ", 0, 1700000},
        {"1\xE2\x80\x89" "700", 0, 1700000},  /* thin space */
        {"1\xC2\xA0" "700", 0, 1700000},      /* no-break space */
        {"12,345,678", 0, 12345678000},
        {"1 700.25", 0, 1700250},
        {"-3.5", 0, -3500},
        {"+2", 0, 2000},
        {"\xE2\x88\x92" "5", 0, -5000},       /* U+2212 minus */
        {"0.5", 0, 500},
        {".5", 0, 500},
        {"2.333", 0, 2333},
        {"2.3334", 0, 2333},
        {"2.3335", 0, 2334},
        {"-0.0005", 0, -1},
        {"0.00049999", 0, 0},
        {"007", 0, 7000},
        {"-0", 0, 0},
        {"1000000000000000", 0, 1000000000000000000},
        {"1000000000000001", -1, 0},
        {"99999999999999999999", -1, 0},
        {"1,700 000", -1, 0},
        {"17,00", -1, 0},
        {"1,7000", -1, 0},
        {"1234,567", -1, 0},
        {"1  700", -1, 0},
        {"2,5", -1, 0},
        {"1.", -1, 0},
        {".", -1, 0},
        {"", -1, 0},
        {"   ", -1, 0},
        {"-", -1, 0},
        {"- 5", -1, 0},
        {"about 400", -1, 0},
        {"400%", -1, 0},
        {"1e3", -1, 0},
        {"0x10", -1, 0},
        {"1.2.3", -1, 0},
        {"1,", -1, 0},
        {",700", -1, 0},
    };
    size_t i;
    int64_t v;

    for (i = 0; i < N(rows); i++) {
        v = -777;
        CHECK_INT(proctor_parse_number(rows[i].in, &v), rows[i].rc, "parse_number '%s' status",
                  rows[i].in);
        if (rows[i].rc == 0)
            CHECK_INT(v, rows[i].want, "parse_number '%s' value", rows[i].in);
    }
    CHECK_INT(proctor_parse_number(NULL, &v), -1, "parse_number(NULL) fails");
}

static void
test_format_points(void)
{
    static const struct {
        int64_t v;
        const char *want;
    } rows[] = {
        {1000, "1"},   {500, "0.5"},       {2333, "2.333"}, {-1500, "-1.5"},
        {0, "0"},      {10, "0.01"},       {1, "0.001"},    {1234567, "1234.567"},
        {-1, "-0.001"}, {INT64_MIN, "-9223372036854775.808"},
    };
    char buf[32], small[3];
    size_t i;

    for (i = 0; i < N(rows); i++)
        CHECK_STR(proctor_format_points(rows[i].v, buf, sizeof buf), rows[i].want,
                  "format_points %lld", (long long)rows[i].v);
    CHECK_STR(proctor_format_points(2333, small, sizeof small), "2.",
              "format_points truncates to the buffer");
}

/* ------------------------------------------------------------------------------------- */
/* Hand-built questions. */

static struct proctor_option choice_opts[] = {
    {S("baril"), S("Maj. Gen. Baril"), 1},
    {S("annan"), S("Kofi Annan"), 0},
    {S("riza"), S("Iqbal Riza"), 0},
    {S("booh"), S("Jacques-Roger Booh-Booh"), 0},
};

static struct proctor_option multi_opts[] = {
    {S("a1"), S("Weapons caches"), 1},
    {S("b2"), S("Extermination plans"), 0},
    {S("c3"), S("Lists of Tutsi"), 1},
    {S("d4"), S("Radio broadcasts"), 0},
};

static struct proctor_option order_opts[] = {
    {S("fax"), S("Dallaire sends the cable"), 0},
    {S("habyarimana"), S("President Habyarimana is assassinated"), 0},
    {S("belgians"), S("Ten Belgian peacekeepers are killed"), 0},
};

static struct proctor_option order5_opts[] = {
    {S("o1"), S("one"), 0}, {S("o2"), S("two"), 0},   {S("o3"), S("three"), 0},
    {S("o4"), S("four"), 0}, {S("o5"), S("five"), 0},
};

static struct proctor_option match_lefts[] = {
    {S("l1"), S("Roméo Dallaire"), 0},
    {S("l2"), S("Jacques-Roger Booh-Booh"), 0},
    {S("l3"), S("Kofi Annan"), 0},
};

static struct proctor_option match_rights[] = {
    {S("r1"), S("Force Commander"), 0},
    {S("r2"), S("Special Representative of the Secretary-General"), 0},
    {S("r3"), S("Head of DPKO"), 0},
    {S("r4"), S("President of Rwanda"), 0},
};

static char *short_accept[] = {S("Dallaire"), S("Dallalre"), S("*General Dallaire")};

static struct proctor_question
question(enum proctor_qtype type, int64_t points)
{
    struct proctor_question q;

    memset(&q, 0, sizeof q);
    q.id = S("q");
    q.type = type;
    q.points = points;
    q.typos = -1;
    switch (type) {
    case PROCTOR_CHOICE:
        q.options = choice_opts;
        q.noptions = N(choice_opts);
        break;
    case PROCTOR_MULTI:
        q.options = multi_opts;
        q.noptions = N(multi_opts);
        break;
    case PROCTOR_ORDER:
        q.options = order_opts;
        q.noptions = N(order_opts);
        break;
    case PROCTOR_MATCH:
        q.options = match_lefts;
        q.noptions = N(match_lefts);
        q.rights = match_rights;
        q.nrights = N(match_rights);
        q.npairs = 3;
        break;
    case PROCTOR_SHORT:
        q.accept = short_accept;
        q.naccept = N(short_accept);
        break;
    case PROCTOR_NUMERIC:
        q.value = q.lo = q.hi = 1700000;
        break;
    case PROCTOR_TRUEFALSE: q.truth = 1; break;
    case PROCTOR_ESSAY: q.rubric = S("Full marks: names the risk"); break;
    case PROCTOR_CLOZE: break; /* test-qtype.c builds cloze questions from a bank */
    }
    return q;
}

/* Fills r with ids (strdup'd) and, when ids2 is not NULL, the matching right ids. */
static void
resp_ids(struct proctor_response *r, const char *const *ids, const char *const *ids2,
         size_t n)
{
    size_t i;

    memset(r, 0, sizeof *r);
    r->answered = 1;
    r->ids = calloc(n + 1, sizeof *r->ids);
    if (ids2)
        r->ids2 = calloc(n + 1, sizeof *r->ids2);
    for (i = 0; i < n; i++) {
        r->ids[i] = strdup(ids[i]);
        if (ids2)
            r->ids2[i] = strdup(ids2[i]);
    }
    r->nids = n;
}

static int64_t
grade_ids(const struct proctor_question *q, const char *const *ids, size_t n)
{
    struct proctor_response r;
    int64_t g;

    resp_ids(&r, ids, NULL, n);
    g = proctor_grade(q, &r);
    proctor_response_release(&r);
    return g;
}

static int64_t
grade_text(const struct proctor_question *q, const char *text)
{
    struct proctor_response r;

    memset(&r, 0, sizeof r);
    r.answered = 1;
    r.text = S(text);
    return proctor_grade(q, &r);
}

/* Grades each of typed against q unprepared and p (q prepared, as verify prepares its bank):
 * the points, with and without a note, and the note alike; the count of those alike. */
static size_t
prepared_alike(const struct proctor_question *q, const struct proctor_question *p,
               const char *const *typed, size_t n)
{
    size_t agree = 0;

    for (size_t i = 0; i < n; i++) {
        struct proctor_response r = {1, S(typed[i]), 0, NULL, NULL, 0, 0};
        struct proctor_grade_note a, b;
        int64_t ga = proctor_grade_noted(q, &r, &a), gb = proctor_grade_noted(p, &r, &b);
        agree += ga == gb && proctor_grade(q, &r) == proctor_grade(p, &r) &&
                 memcmp(&a, &b, sizeof a) == 0;
    }
    return agree;
}

/* A prepared question (grade-prep.h) grades the answer it expects, typed as it is written,
 * once then (a short question's accepted answers, a numeric one's value), by its type's
 * grading; a typed answer of the same bytes grades from that, any other as before. */
static void
test_grade_prepared(void)
{
    static char *accept[] = {S("Dallaire"), S("General Dallaire"), S("*Dallaire"), S("Kigali")};
    static char *reject[] = {S("General Dallaire"), S("Kigali")};
    static const char *typed[] = {"Dallaire",  "General Dallaire", "*Dallaire", "Kigali",
                                  "dallaire",  "Dallaire ",        "Dalaire",   "Romeo Dallaire",
                                  "Kigal",     "", "General Dallaire was there"};
    static const char *numbers[] = {"1700", "1,700", "1700 ", "about 1700", "1701", "1700000",
                                    "17OO", "", "1700 or 1800"};
    struct proctor_question q = question(PROCTOR_SHORT, 1000), p;
    struct proctor_question nq = question(PROCTOR_NUMERIC, 2000), np;

    q.accept = accept;
    q.naccept = N(accept);
    q.reject = reject;
    q.nreject = N(reject);
    q.typos = 1;
    p = q;
    grade_prep_question(&p);
    CHECK(p.prep && p.prep->exact && p.prep->nexact == N(accept),
          "a short question prepared grades its accepted answers once");
    if (!p.prep || !p.prep->exact)
        return;
    CHECK(p.prep->exact[0].earned == 1000 && p.prep->exact[0].noted == 1000,
          "'Dallaire' typed is accepted");
    CHECK(p.prep->exact[1].earned == 0 && p.prep->exact[3].noted == 0,
          "an accepted answer that is also a known wrong one is not, typed as it is written");
    CHECK_INT(prepared_alike(&q, &p, typed, N(typed)), N(typed),
              "short: prepared and unprepared grade alike");
    /* the grade of an exact answer is the one made then (changed here: it follows) */
    p.prep->exact[0].earned = 0;
    CHECK_INT(grade_text(&p, "Dallaire"), 0, "an exact answer is graded from its preparation");
    CHECK_INT(grade_text(&p, "Dallaire!"), 1000, "any other answer is read as before");
    grade_prep_free(p.prep);

    nq.lo = 1650000;
    nq.hi = 1750000;
    nq.prompt = S("Of some 2500 troops, how many stayed?");
    np = nq;
    grade_prep_question(&np);
    CHECK(np.prep && np.prep->exact && np.prep->nexact == 1 &&
              strcmp(np.prep->exact[0].text, "1700") == 0 && np.prep->exact[0].noted == 2000 &&
              np.prep->exact[0].note.have_number && np.prep->exact[0].note.number == 1700000,
          "a numeric question prepared grades its value written plainly once");
    if (!np.prep || !np.prep->exact)
        return;
    CHECK_INT(prepared_alike(&nq, &np, numbers, N(numbers)), N(numbers),
              "numeric: prepared and unprepared grade alike");
    np.prep->exact[0].earned = 0;
    CHECK_INT(grade_text(&np, "1700"), 0, "a numeric exact answer is graded from its preparation");
    CHECK_INT(grade_text(&np, "1,700"), 2000, "any other number is read as before");
    grade_prep_free(np.prep);
}

/* Grades of every order of the ids of q (and, for a match, every pairing of its lefts with
 * its rights) against q unprepared and p prepared: the count of those alike, of *n. */
static size_t
options_alike(const struct proctor_question *q, const struct proctor_question *p, size_t *n)
{
    static const size_t perm[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                      {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    size_t agree = 0;

    *n = 0;
    for (size_t a = 0; a < 6; a++)
        for (size_t b = 0; b < (q->type == PROCTOR_MATCH ? 6 : 1); b++) {
            const char *ids[3], *rights[3];
            struct proctor_response r;
            for (size_t k = 0; k < 3; k++) {
                ids[k] = q->options[perm[a][k]].id;
                rights[k] = q->nrights ? q->rights[perm[b][k]].id : NULL;
            }
            resp_ids(&r, ids, q->type == PROCTOR_MATCH ? rights : NULL, 3);
            agree += proctor_grade(q, &r) == proctor_grade(p, &r);
            ++*n;
            proctor_response_release(&r);
        }
    return agree;
}

/* A question with options prepared knows its ids distinct, and looks an id up first where
 * the usual answer has it (qtype_find_option_at): the same place as a look from the first,
 * the grades alike; ids given twice (a question built by hand) are looked up from the
 * first. */
static void
test_grade_prepared_options(void)
{
    static struct proctor_option twice[] = {
        {S("a"), S("first"), 0}, {S("b"), S("second"), 0}, {S("a"), S("third"), 0}};
    struct proctor_question q = question(PROCTOR_ORDER, 1000), p = q;
    struct proctor_question m = question(PROCTOR_MATCH, 3000), mp = m;
    struct proctor_question d = question(PROCTOR_ORDER, 1000), dp;
    size_t n = 0;

    grade_prep_question(&p);
    grade_prep_question(&mp);
    CHECK(p.prep && p.prep->distinct && mp.prep && mp.prep->distinct,
          "an order and a match question prepared know their ids distinct");
    /* a numeric question's echoes are room of its own: the others' prep is small */
    CHECK(sizeof(struct proctor_grade_prep) <= 128,
          "a question's prepared data without a numeric's echoes is small (%zu bytes)",
          sizeof(struct proctor_grade_prep));
    CHECK_INT(qtype_find_option_at(&p, p.options, p.noptions, "belgians", 2), 2,
              "an id found where the hint says");
    CHECK_INT(qtype_find_option_at(&p, p.options, p.noptions, "belgians", 0), 2,
              "an id found elsewhere than the hint says");
    CHECK_INT(qtype_find_option_at(&p, p.options, p.noptions, "nobody", 1), -1,
              "an id not there is not found");
    CHECK_INT(options_alike(&q, &p, &n), n, "order: every order grades alike prepared");
    CHECK_INT(options_alike(&m, &mp, &n), n, "match: every pairing grades alike prepared");
    d.options = twice;
    d.noptions = N(twice);
    dp = d;
    grade_prep_question(&dp);
    CHECK(dp.prep && !dp.prep->distinct, "ids given twice are not distinct");
    CHECK_INT(qtype_find_option_at(&dp, twice, N(twice), "a", 2), 0,
              "ids given twice: the first place, whatever the hint");
    grade_prep_free(p.prep);
    grade_prep_free(mp.prep);
    grade_prep_free(dp.prep);
}

static void
test_grade_choice(void)
{
    struct proctor_question q = question(PROCTOR_CHOICE, 1000);
    const char *right[] = {"baril"}, *wrong[] = {"annan"}, *unknown[] = {"nobody"};
    const char *two[] = {"baril", "annan"};
    struct proctor_response none;

    CHECK_INT(proctor_grade_max(&q), 1000, "choice max is the points");
    CHECK_INT(grade_ids(&q, right, 1), 1000, "choice right option");
    CHECK_INT(grade_ids(&q, wrong, 1), 0, "choice wrong option");
    CHECK_INT(grade_ids(&q, unknown, 1), 0, "choice unknown id earns nothing");
    CHECK_INT(grade_ids(&q, two, 2), 0, "choice with two ids is malformed");
    q.points = 2500;
    CHECK_INT(grade_ids(&q, right, 1), 2500, "choice scales with points");
    memset(&none, 0, sizeof none);
    CHECK_INT(proctor_grade(&q, &none), 0, "unanswered choice earns nothing");
    CHECK_INT(proctor_grade(&q, NULL), 0, "NULL response earns nothing");
}

static void
test_grade_multi(void)
{
    struct proctor_question q = question(PROCTOR_MULTI, 1000);
    const char *both[] = {"a1", "c3"}, *one[] = {"c3"}, *oneone[] = {"a1", "b2"};
    const char *all[] = {"a1", "b2", "c3", "d4"}, *dup[] = {"a1", "a1", "a1"};
    const char *wrongs[] = {"b2", "d4"}, *junk[] = {"a1", "zz", "c3", "c3"};
    static struct proctor_option three[] = {
        {S("x"), S("X"), 1}, {S("y"), S("Y"), 1}, {S("z"), S("Z"), 1}};
    static struct proctor_option odd[] = {
        {S("x"), S("X"), 1}, {S("y"), S("Y"), 1}, {S("z"), S("Z"), 1},
        {S("u"), S("U"), 0}, {S("v"), S("V"), 0}};
    const char *xy[] = {"x", "y"}, *xu[] = {"x", "y", "u"};

    CHECK_INT(grade_ids(&q, both, 2), 1000, "multi both correct");
    CHECK_INT(grade_ids(&q, one, 1), 500, "multi one of two correct");
    CHECK_INT(grade_ids(&q, oneone, 2), 0, "multi one right one wrong");
    CHECK_INT(grade_ids(&q, all, 4), 0, "multi every option scores 0");
    CHECK_INT(grade_ids(&q, wrongs, 2), 0, "multi only wrong floors at 0");
    CHECK_INT(grade_ids(&q, dup, 3), 500, "multi duplicates count once");
    CHECK_INT(grade_ids(&q, junk, 4), 1000, "multi unknown ids ignored");
    q.points = 2000;
    CHECK_INT(grade_ids(&q, one, 1), 1000, "multi partial scales with points");
    q.points = 1000;
    q.options = three;
    q.noptions = N(three);
    CHECK_INT(grade_ids(&q, xy, 2), 666, "multi all correct options: 2 of 3 floored");
    q.options = odd;
    q.noptions = N(odd);
    /* (2*2 - 1*3) / (3*2) = 1/6 */
    CHECK_INT(grade_ids(&q, xu, 3), 166, "multi 2 hits 1 wrong of 3/2 is 1/6");
    CHECK_INT(grade_ids(&q, xy, 2), 666, "multi 2 hits of 3 correct");
}

static void
test_grade_order(void)
{
    struct proctor_question q = question(PROCTOR_ORDER, 1000), q5;
    const char *right[] = {"fax", "habyarimana", "belgians"};
    const char *rev[] = {"belgians", "habyarimana", "fax"};
    const char *swap[] = {"habyarimana", "fax", "belgians"};
    const char *dup[] = {"fax", "fax", "belgians"};
    const char *unknown[] = {"fax", "habyarimana", "nobody"};
    const char *shortr[] = {"fax", "habyarimana"};
    const char *r5[] = {"o2", "o1", "o3", "o5", "o4"};

    CHECK_INT(grade_ids(&q, right, 3), 1000, "order all right");
    CHECK_INT(grade_ids(&q, rev, 3), 0, "order reversed scores 0");
    CHECK_INT(grade_ids(&q, swap, 3), 666, "order one swap: 2 of 3 pairs, floored");
    CHECK_INT(grade_ids(&q, dup, 3), 0, "order with a repeated item scores 0");
    CHECK_INT(grade_ids(&q, unknown, 3), 0, "order with an unknown item scores 0");
    CHECK_INT(grade_ids(&q, shortr, 2), 0, "order missing an item scores 0");
    q.points = 3000;
    CHECK_INT(grade_ids(&q, swap, 3), 2000, "order partial scales with points");
    q5 = question(PROCTOR_ORDER, 1000);
    q5.options = order5_opts;
    q5.noptions = N(order5_opts);
    CHECK_INT(grade_ids(&q5, r5, 5), 800, "order 5 items, two swaps: 8 of 10 pairs");
    {
        /* more items than order_grade keeps on the stack: the same grading */
        static struct proctor_option many[40];
        static char ids[40][8];
        const char *in_order[40], *swapped[40];
        for (int i = 0; i < 40; i++) {
            snprintf(ids[i], sizeof ids[i], "i%d", i);
            many[i] = (struct proctor_option){ids[i], ids[i], 0};
            in_order[i] = swapped[i] = ids[i];
        }
        swapped[0] = ids[1];
        swapped[1] = ids[0];
        q5.options = many;
        q5.noptions = 40;
        CHECK_INT(grade_ids(&q5, in_order, 40), 1000, "order of 40 items all right");
        CHECK_INT(grade_ids(&q5, swapped, 40), 998, "order of 40 items, one swap: 779 of 780");
        swapped[1] = ids[1];
        CHECK_INT(grade_ids(&q5, swapped, 40), 0, "order of 40 items with one repeated");
    }
}

static int64_t
grade_pairs(const struct proctor_question *q, const char *const *l, const char *const *r,
            size_t n)
{
    struct proctor_response resp;
    int64_t g;

    resp_ids(&resp, l, r, n);
    g = proctor_grade(q, &resp);
    proctor_response_release(&resp);
    return g;
}

static void
test_grade_match(void)
{
    struct proctor_question q = question(PROCTOR_MATCH, 1000);
    const char *l3[] = {"l1", "l2", "l3"}, *r3[] = {"r1", "r2", "r3"};
    const char *rwrong[] = {"r2", "r1", "r3"}, *rdist[] = {"r1", "r4", "r4"};
    const char *l1[] = {"l1"}, *r1[] = {"r1"};
    const char *ldup[] = {"l1", "l1"}, *rdup[] = {"r2", "r1"}, *rdup2[] = {"r1", "r2"};
    const char *lunk[] = {"l9", "l2"}, *runk[] = {"r1", "r9"};

    CHECK_INT(grade_pairs(&q, l3, r3, 3), 1000, "match all pairs right");
    CHECK_INT(grade_pairs(&q, l3, rwrong, 3), 333, "match one of three right");
    CHECK_INT(grade_pairs(&q, l3, rdist, 3), 333, "match distractor earns nothing");
    CHECK_INT(grade_pairs(&q, l1, r1, 1), 333, "match partial answer");
    CHECK_INT(grade_pairs(&q, ldup, rdup, 2), 0, "match repeated left: first pairing counts");
    CHECK_INT(grade_pairs(&q, ldup, rdup2, 2), 333, "match repeated left: later one ignored");
    CHECK_INT(grade_pairs(&q, lunk, runk, 2), 0, "match unknown ids ignored");
    {
        /* more lefts than match_grade keeps on the stack: the same grading */
        static struct proctor_option lefts[70], rights[70];
        static char lid[70][8], rid[70][8];
        const char *ls[70], *rs[70];
        struct proctor_question big = q;
        for (int i = 0; i < 70; i++) {
            snprintf(lid[i], sizeof lid[i], "l%d", i);
            snprintf(rid[i], sizeof rid[i], "r%d", i);
            lefts[i] = (struct proctor_option){lid[i], lid[i], 0};
            rights[i] = (struct proctor_option){rid[i], rid[i], 0};
            ls[i] = lid[i];
            rs[i] = rid[i];
        }
        big.options = lefts;
        big.noptions = big.nrights = big.npairs = 70;
        big.rights = rights;
        CHECK_INT(grade_pairs(&big, ls, rs, 70), 1000, "match of 70 pairs all right");
        rs[0] = rid[1];
        ls[1] = lid[0];
        CHECK_INT(grade_pairs(&big, ls, rs, 70), 971,
                  "match of 70 pairs: one wrong, one left repeated (68 of 70)");
    }
    q.points = 3000;
    CHECK_INT(grade_pairs(&q, l3, rwrong, 3), 1000, "match share is exact for 3 points");
    q.points = 1000;
    {
        struct proctor_response r;

        resp_ids(&r, l3, NULL, 3);
        CHECK_INT(proctor_grade(&q, &r), 0, "match without right ids is malformed");
        proctor_response_release(&r);
    }
}

static void
test_grade_other(void)
{
    struct proctor_question q = question(PROCTOR_TRUEFALSE, 1000);
    struct proctor_response r;

    memset(&r, 0, sizeof r);
    r.answered = 1;
    r.truth = 1;
    CHECK_INT(proctor_grade(&q, &r), 1000, "truefalse right");
    r.truth = 0;
    CHECK_INT(proctor_grade(&q, &r), 0, "truefalse wrong");
    q.truth = 0;
    CHECK_INT(proctor_grade(&q, &r), 1000, "truefalse false is right");
    r.answered = 0;
    CHECK_INT(proctor_grade(&q, &r), 0, "truefalse unanswered");

    q = question(PROCTOR_SHORT, 1000);
    CHECK_INT(grade_text(&q, "Roméo Dallaire"), 1000, "short: the accepted answer in a longer one");
    CHECK_INT(grade_text(&q, "not Dallaire"), 0, "short: not with a negation");
    CHECK_INT(grade_text(&q, "dallaire"), 1000, "short first accepted");
    CHECK_INT(grade_text(&q, "Dallalre"), 1000, "short OCR spelling entry");
    CHECK_INT(grade_text(&q, "Lt. General Dallaire"), 1000, "short wildcard entry");
    CHECK_INT(grade_text(&q, "Dalaire"), 1000, "short automatic typo");
    q.typos = 0;
    CHECK_INT(grade_text(&q, "Dalaire"), 0, "short typos 0 is exact");
    CHECK_INT(grade_text(&q, "Booh-Booh"), 0, "short wrong answer");

    q = question(PROCTOR_NUMERIC, 1000);
    CHECK_INT(grade_text(&q, "1,700"), 1000, "numeric 1,700");
    CHECK_INT(grade_text(&q, "1 700"), 1000, "numeric 1 700");
    CHECK_INT(grade_text(&q, "1700.0"), 1000, "numeric 1700.0");
    CHECK_INT(grade_text(&q, "1701"), 0, "numeric off by one, no tolerance");
    CHECK_INT(grade_text(&q, "about 1700"), 1000, "numeric: the number in words around it");
    CHECK_INT(grade_text(&q, "1700 or 1800"), 0, "numeric: two numbers");
    q.value = 400000;
    q.lo = 350000;
    q.hi = 450000;
    CHECK_INT(grade_text(&q, "350"), 1000, "numeric tolerance lower bound included");
    CHECK_INT(grade_text(&q, "450"), 1000, "numeric tolerance upper bound included");
    CHECK_INT(grade_text(&q, "450.001"), 0, "numeric just past tolerance");
    CHECK_INT(grade_text(&q, "349.999"), 0, "numeric just below tolerance");
    q.lo = -5000;
    q.hi = -1000;
    CHECK_INT(grade_text(&q, "-2.5"), 1000, "numeric negative range");
    CHECK_INT(grade_text(&q, "2.5"), 0, "numeric sign matters");
    {
        /* the note keeps the number grading read, right or wrong, as proctor_numeric_value
         * reads it (verify's fingerprint takes it from there) */
        static const char *const texts[] = {"-2.5", "2.5", "1,700", "1.700", "about 400",
                                            "400 or 500", "none", "", "-0", "two",
                                            "9007199254740991", "3 April 1994"};
        size_t agree = 0, n = sizeof texts / sizeof texts[0], have = 0;
        for (size_t i = 0; i < n; i++) {
            struct proctor_response given;
            struct proctor_grade_note note;
            int64_t v = 0, points;
            int rc = proctor_numeric_value(&q, texts[i], &v);
            memset(&given, 0, sizeof given);
            given.answered = 1;
            given.text = S(texts[i]);
            points = proctor_grade_noted(&q, &given, &note);
            agree += (rc == 0) == (note.have_number != 0) && (rc != 0 || note.number == v) &&
                     points == grade_text(&q, texts[i]);
            have += note.have_number != 0;
        }
        CHECK(agree == n && have >= 6, "numeric: the note's number is proctor_numeric_value's "
                                       "(%zu of %zu agree, %zu read)", agree, n, have);
    }

    q = question(PROCTOR_ESSAY, 5000);
    CHECK_INT(proctor_grade_max(&q), 0, "essay max is 0");
    CHECK_INT(grade_text(&q, "A long and excellent essay."), 0, "essay earns 0 here");
}

/* ------------------------------------------------------------------------------------- */

static void
test_parse(void)
{
    struct proctor_question q = question(PROCTOR_CHOICE, 1000);
    static const size_t perm4[] = {2, 0, 3, 1};   /* a=riza b=baril c=booh d=annan */
    static const size_t perm3[] = {2, 0, 1};      /* a=belgians b=fax c=habyarimana */
    static const size_t permr[] = {3, 1, 0, 2};   /* a=r4 b=r2 c=r1 d=r3 */
    struct proctor_response r;
    struct proctor_error err;
    int rc;

#define PARSE(line) (proctor_error_clear(&err), rc = proctor_response_parse(&q, perm, line, &r, &err))
    {
        const size_t *perm = perm4;

        PARSE("b");
        CHECK(rc == 0 && r.answered && r.nids == 1 && strcmp(r.ids[0], "baril") == 0,
              "choice 'b' under a permutation is the canonical 'baril'");
        CHECK_INT(proctor_grade(&q, &r), 1000, "choice parsed answer grades");
        proctor_response_release(&r);
        PARSE("a");
        CHECK(rc == 0 && strcmp(r.ids[0], "riza") == 0, "choice displayed 'a' is perm[0]");
        proctor_response_release(&r);
        PARSE(" B ");
        CHECK(rc == 0 && strcmp(r.ids[0], "baril") == 0, "choice upper case, spaces");
        proctor_response_release(&r);
        PARSE("(b)");
        CHECK(rc == 0 && strcmp(r.ids[0], "baril") == 0, "choice '(b)'");
        proctor_response_release(&r);
        PARSE("2");
        CHECK(rc == 0 && strcmp(r.ids[0], "baril") == 0, "choice number 2");
        proctor_response_release(&r);
        PARSE("e");
        CHECK_INT(rc, PROCTOR_EINVAL, "choice out of range");
        CHECK_STR(err.msg, "answer with one letter from a to d", "choice error message");
        CHECK(r.nids == 0 && r.ids == NULL && !r.answered, "failed parse leaves r empty");
        PARSE("a b");
        CHECK_INT(rc, PROCTOR_EINVAL, "choice two letters refused");
        PARSE("0");
        CHECK_INT(rc, PROCTOR_EINVAL, "choice 0 refused");
        PARSE("");
        CHECK_INT(rc, PROCTOR_EINVAL, "choice empty refused");
    }
    {
        const size_t *perm = NULL;

        PARSE("b");
        CHECK(rc == 0 && strcmp(r.ids[0], "annan") == 0, "choice canonical when perm NULL");
        proctor_response_release(&r);
        PARSE("Baril");
        CHECK(rc == 0 && strcmp(r.ids[0], "baril") == 0, "choice: a part of the option's text");
        proctor_response_release(&r);
        PARSE("Kofi Annan");
        CHECK(rc == 0 && strcmp(r.ids[0], "annan") == 0, "choice: the option's text");
        proctor_response_release(&r);
        PARSE("Ann");
        CHECK(rc == 0 && strcmp(r.ids[0], "annan") == 0, "choice: a word's start");
        proctor_response_release(&r);
        PARSE("not Baril");
        CHECK_INT(rc, PROCTOR_EINVAL, "choice: a negation names no option");
        PARSE("Baril or Annan");
        CHECK_INT(rc, PROCTOR_EINVAL, "choice: two options name none");
    }

    q = question(PROCTOR_MULTI, 1000);
    {
        const size_t *perm = perm4; /* a=c3 b=a1 c=d4 d=b2 */

        PARSE("a, b");
        CHECK(rc == 0 && r.nids == 2 && strcmp(r.ids[0], "c3") == 0 &&
                  strcmp(r.ids[1], "a1") == 0,
              "multi 'a, b' maps through the permutation");
        CHECK_INT(proctor_grade(&q, &r), 1000, "multi parsed answer grades");
        proctor_response_release(&r);
        PARSE("ab");
        CHECK(rc == 0 && r.nids == 2, "multi letters run together");
        proctor_response_release(&r);
        PARSE("a a");
        CHECK_INT(rc, PROCTOR_EINVAL, "multi duplicate refused");
        CHECK_STR(err.msg, "'a' is given twice: name each choice once", "multi duplicate msg");
        PARSE("a e");
        CHECK_INT(rc, PROCTOR_EINVAL, "multi out of range refused");
        CHECK_STR(err.msg, "'e' is not one of the options: choose from a to d",
                  "multi range msg");
        PARSE("1 5");
        CHECK_INT(rc, PROCTOR_EINVAL, "multi number out of range refused");
        CHECK_STR(err.msg, "'5' is not one of the options: choose from a to d",
                  "multi number range msg echoes the number");
        PARSE("2 4");
        CHECK(rc == 0 && r.nids == 2 && strcmp(r.ids[0], "a1") == 0 &&
                  strcmp(r.ids[1], "b2") == 0,
              "multi numbers map through the permutation");
        proctor_response_release(&r);
        PARSE(" , ");
        CHECK_INT(rc, PROCTOR_EINVAL, "multi nothing chosen refused");
        CHECK_STR(err.msg, "choose at least one letter from a to d, e.g. 'a c'",
                  "multi empty msg");
        PARSE("a?");
        CHECK_INT(rc, PROCTOR_EINVAL, "multi junk refused");
        PARSE("a and b");
        CHECK(rc == 0 && r.nids == 2 && strcmp(r.ids[1], "a1") == 0,
              "multi: 'and' separates, it is not a, n, d");
        proctor_response_release(&r);
        PARSE("a) b)");
        CHECK(rc == 0 && r.nids == 2, "multi 'a) b)'");
        proctor_response_release(&r);
        PARSE("(a) (b)");
        CHECK(rc == 0 && r.nids == 2, "multi '(a) (b)'");
        proctor_response_release(&r);
        PARSE("a,b.");
        CHECK(rc == 0 && r.nids == 2, "multi 'a,b.'");
        proctor_response_release(&r);
        PARSE("a & b");
        CHECK(rc == 0 && r.nids == 2, "multi 'a & b'");
        proctor_response_release(&r);
        PARSE("and");
        CHECK_INT(rc, PROCTOR_EINVAL, "multi: 'and' alone chooses nothing");
    }

    q = question(PROCTOR_TRUEFALSE, 1000);
    {
        static const char *const yes[] = {"t", "TRUE", " yes ", "Y"};
        static const char *const no[] = {"f", "False", "n", "NO"};
        const size_t *perm = NULL;
        size_t i;

        for (i = 0; i < N(yes); i++) {
            PARSE(yes[i]);
            CHECK(rc == 0 && r.truth == 1 && r.answered, "truefalse '%s' is true", yes[i]);
            proctor_response_release(&r);
            PARSE(no[i]);
            CHECK(rc == 0 && r.truth == 0 && r.answered, "truefalse '%s' is false", no[i]);
            proctor_response_release(&r);
        }
        PARSE("maybe");
        CHECK_INT(rc, PROCTOR_EINVAL, "truefalse 'maybe' refused");
        CHECK_STR(err.msg, "answer true or false (t or f, yes or no)", "truefalse msg");
    }

    q = question(PROCTOR_SHORT, 1000);
    {
        const size_t *perm = NULL;

        PARSE("  Roméo Dallaire \n");
        CHECK(rc == 0 && strcmp(r.text, "Roméo Dallaire") == 0, "short text trimmed");
        proctor_response_release(&r);
        PARSE("   ");
        CHECK_INT(rc, PROCTOR_EINVAL, "short empty refused");
        CHECK_STR(err.msg, "type an answer, or :skip", "short empty msg");
        PARSE("Rom\xE9o");
        CHECK_INT(rc, PROCTOR_EINVAL, "short invalid UTF-8 refused");
    }

    q = question(PROCTOR_NUMERIC, 1000);
    {
        const size_t *perm = NULL;

        PARSE(" 1,700 ");
        CHECK(rc == 0 && strcmp(r.text, "1,700") == 0, "numeric text kept as typed");
        CHECK_INT(proctor_grade(&q, &r), 1000, "numeric parsed answer grades");
        proctor_response_release(&r);
        PARSE("about 400");
        CHECK(rc == 0 && strcmp(r.text, "about 400") == 0, "numeric: words around the number");
        proctor_response_release(&r);
        PARSE("no idea");
        CHECK_INT(rc, PROCTOR_EINVAL, "numeric: no number refused");
        CHECK_STR(err.msg, "expected a number such as 1,700", "numeric msg");
        PARSE("between 10 and 20");
        CHECK_INT(rc, PROCTOR_EINVAL, "numeric: two numbers refused");
        CHECK_STR(err.msg, "'10' and '20' are two different numbers: type the one you mean",
                  "numeric: the message names both");
    }

    q = question(PROCTOR_ORDER, 1000);
    {
        const size_t *perm = perm3;

        PARSE("b c a");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[0], "fax") == 0 &&
                  strcmp(r.ids[1], "habyarimana") == 0 && strcmp(r.ids[2], "belgians") == 0,
              "order 'b c a' maps through the permutation");
        CHECK_INT(proctor_grade(&q, &r), 1000, "order parsed answer grades");
        proctor_response_release(&r);
        PARSE("BCA");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[0], "fax") == 0, "order 'BCA'");
        proctor_response_release(&r);
        PARSE("b,c,a");
        CHECK(rc == 0 && r.nids == 3, "order 'b,c,a'");
        proctor_response_release(&r);
        PARSE("2 3 1");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[2], "belgians") == 0, "order numbers");
        proctor_response_release(&r);
        PARSE("b > c > a");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[2], "belgians") == 0, "order 'b > c > a'");
        proctor_response_release(&r);
        PARSE("b-c-a");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[2], "belgians") == 0, "order 'b-c-a'");
        proctor_response_release(&r);
        PARSE("b \xE2\x86\x92 c \xE2\x86\x92 a");
        CHECK(rc == 0 && r.nids == 3, "order with arrows");
        proctor_response_release(&r);
        PARSE("b then c then a");
        CHECK(rc == 0 && r.nids == 3, "order 'b then c then a'");
        proctor_response_release(&r);
        PARSE("b c");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[2], "belgians") == 0,
              "order: the one item left comes last");
        proctor_response_release(&r);
        PARSE("b");
        CHECK_INT(rc, PROCTOR_EINVAL, "order: two items missing refused");
        CHECK_STR(err.msg, "give each of a to c exactly once, e.g. 'c a b'", "order msg");
        PARSE("b b a");
        CHECK_INT(rc, PROCTOR_EINVAL, "order repeated item refused");
        PARSE("b c d");
        CHECK_INT(rc, PROCTOR_EINVAL, "order out of range refused");
        PARSE("b c a a");
        CHECK_INT(rc, PROCTOR_EINVAL, "order too many refused");
    }
    q = question(PROCTOR_ORDER, 1000);
    q.options = order5_opts;
    q.noptions = N(order5_opts);
    {
        const size_t *perm = NULL;

        PARSE("a b");
        CHECK_STR(err.msg, "give each of a to e exactly once, e.g. 'c a b e d'",
                  "order msg for five items");
    }

    q = question(PROCTOR_MATCH, 1000);
    {
        const size_t *perm = permr; /* a=r4 b=r2 c=r1 d=r3 */

        PARSE("1c 2b 3d");
        CHECK(rc == 0 && r.nids == 3 && strcmp(r.ids[0], "l1") == 0 &&
                  strcmp(r.ids2[0], "r1") == 0 && strcmp(r.ids2[1], "r2") == 0 &&
                  strcmp(r.ids2[2], "r3") == 0,
              "match '1c 2b 3d' maps rights through the permutation");
        CHECK_INT(proctor_grade(&q, &r), 1000, "match parsed answer grades");
        proctor_response_release(&r);
        PARSE("1=c, 2=a");
        CHECK(rc == 0 && r.nids == 2 && strcmp(r.ids2[1], "r4") == 0, "match '1=c, 2=a'");
        CHECK_INT(proctor_grade(&q, &r), 333, "match partial parsed answer");
        proctor_response_release(&r);
        PARSE("1-C 3 - d");
        CHECK(rc == 0 && r.nids == 2 && strcmp(r.ids[1], "l3") == 0, "match '1-C 3 - d'");
        proctor_response_release(&r);
        PARSE("1c2b");
        CHECK(rc == 0 && r.nids == 2, "match pairs run together");
        proctor_response_release(&r);
        PARSE("1c 1b");
        CHECK_INT(rc, PROCTOR_EINVAL, "match left twice refused");
        CHECK_STR(err.msg, "item 1 is paired twice: pair each item once", "match twice msg");
        PARSE("4a");
        CHECK_INT(rc, PROCTOR_EINVAL, "match left out of range refused");
        CHECK_STR(err.msg, "there is no item 4: items are 1 to 3", "match left range msg");
        PARSE("1e");
        CHECK_INT(rc, PROCTOR_EINVAL, "match right out of range refused");
        CHECK_STR(err.msg, "'e' is not one of the letters: pair with a to d",
                  "match right range msg");
        PARSE("");
        CHECK_INT(rc, PROCTOR_EINVAL, "match empty refused");
        CHECK_STR(err.msg, "pair item numbers with letters from a to d, e.g. '1b 2a'",
                  "match empty msg");
        PARSE("c1");
        CHECK_INT(rc, PROCTOR_EINVAL, "match letter first refused");
        PARSE("1cd");
        CHECK_INT(rc, PROCTOR_EINVAL, "match two letters refused");
    }
    {
        static const size_t bad[] = {0, 0, 1, 2};
        const size_t *perm = bad;

        q = question(PROCTOR_CHOICE, 1000);
        PARSE("a");
        CHECK_INT(rc, PROCTOR_EUSAGE, "a permutation naming an option twice is refused");
    }
    {
        const size_t *perm = NULL;

        q = question(PROCTOR_ESSAY, 1000);
        PARSE("  My essay.  ");
        CHECK(rc == 0 && strcmp(r.text, "My essay.") == 0, "essay text");
        proctor_response_release(&r);
    }
#undef PARSE
}

static void
test_copy(void)
{
    const char *l[] = {"l1", "l2"}, *rr[] = {"r2", "r1"};
    struct proctor_response a, b;

    resp_ids(&a, l, rr, 2);
    a.text = strdup("text");
    a.truth = 1;
    CHECK_INT(proctor_response_copy(&b, &a), 0, "copy succeeds");
    CHECK(b.answered == 1 && b.truth == 1 && b.nids == 2 && b.ids != a.ids &&
              b.ids[0] != a.ids[0] && strcmp(b.ids[1], "l2") == 0 &&
              strcmp(b.ids2[0], "r2") == 0 && strcmp(b.text, "text") == 0 && b.text != a.text,
          "copy is deep");
    proctor_response_release(&a);
    CHECK(a.ids == NULL && a.nids == 0 && a.text == NULL, "release empties the response");
    CHECK(strcmp(b.ids2[1], "r1") == 0, "copy survives release of the original");
    proctor_response_release(&b);
    proctor_response_release(&b);
    proctor_response_release(NULL);
    CHECK(1, "release twice and release(NULL) are safe");
}

static void
test_describe(void)
{
    static const size_t perm4[] = {2, 0, 3, 1};
    static const size_t perm3[] = {2, 0, 1};
    static const size_t permr[] = {3, 1, 0, 2};
    struct proctor_question q;
    char *s;

#define DESCRIBE(p, want, what)                                                             \
    do {                                                                                    \
        s = proctor_describe_answer(&q, p);                                                 \
        CHECK_STR(s, want, what);                                                           \
        free(s);                                                                            \
    } while (0)

    q = question(PROCTOR_CHOICE, 1000);
    DESCRIBE(perm4, "b) Maj. Gen. Baril", "describe choice, permuted");
    DESCRIBE(NULL, "a) Maj. Gen. Baril", "describe choice, canonical");
    q = question(PROCTOR_MULTI, 1000);
    DESCRIBE(perm4, "a) Lists of Tutsi; b) Weapons caches", "describe multi, permuted");
    q = question(PROCTOR_TRUEFALSE, 1000);
    DESCRIBE(NULL, "true", "describe truefalse");
    q = question(PROCTOR_SHORT, 1000);
    q.accept = (char *[]){S(" *General Dallaire")};
    q.naccept = 1;
    DESCRIBE(NULL, "General Dallaire", "describe short strips the wildcard");
    q = question(PROCTOR_NUMERIC, 1000);
    DESCRIBE(NULL, "1700", "describe numeric exact");
    q.value = 400000;
    q.lo = 350000;
    q.hi = 450000;
    DESCRIBE(NULL, "400 (\xC2\xB1 50)", "describe numeric tolerance");
    q.value = 0;
    q.lo = 300000;
    q.hi = 500500;
    DESCRIBE(NULL, "300 to 500.5", "describe numeric range");
    q = question(PROCTOR_ORDER, 1000);
    DESCRIBE(perm3,
             "b, c, a: Dallaire sends the cable; President Habyarimana is assassinated; "
             "Ten Belgian peacekeepers are killed",
             "describe order, permuted");
    q = question(PROCTOR_MATCH, 1000);
    DESCRIBE(permr,
             "1-c Force Commander; 2-b Special Representative of the Secretary-General; "
             "3-d Head of DPKO",
             "describe match, permuted");
    q = question(PROCTOR_ESSAY, 1000);
    DESCRIBE(NULL, "(marked by the teacher) rubric: Full marks: names the risk",
             "describe essay");
#undef DESCRIBE
}

int
main(void)
{
    test_normalize();
    test_short_table();
    test_short_bounds();
    test_parse_number();
    test_format_points();
    test_grade_choice();
    test_grade_prepared();
    test_grade_prepared_options();
    test_grade_multi();
    test_grade_order();
    test_grade_match();
    test_grade_other();
    test_parse();
    test_copy();
    test_describe();
    return harness_done();
}
