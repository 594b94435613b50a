/* SPDX-License-Identifier: ISC */
/*
 * test-number.c - finding the number in an answer (proctor_number_find, src/number.c):
 * digits and words, multipliers, the European thousands rule, two numbers, echoes, dates and
 * years, negation and units; and numeric questions read and graded through it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/grade.h"
#include "../../src/number.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ONE PROCTOR_NUMBER_ONE
#define NONE PROCTOR_NUMBER_NONE
#define SEVERAL PROCTOR_NUMBER_SEVERAL
#define NEGATED PROCTOR_NUMBER_NEGATED
#define UNIT PROCTOR_NUMBER_UNIT
#define NO_UNIT PROCTOR_NUMBER_NO_UNIT
#define COMMA PROCTOR_NUMBER_DECIMAL_COMMA

static const char *const kind_names[] = {"one",     "none", "several",      "negated",
                                         "unit",    "no unit", "decimal comma"};

struct row {
    const char *text, *prompt;
    int units; /* 0 none; 1 hours; 2 hours, required */
    int whole;
    enum proctor_number_kind kind;
    long long value; /* thousandths, for ONE */
};

static void
test_find(void)
{
    static const struct row rows[] = {
        /* digits, as before */
        {"1,700", NULL, 0, 1, ONE, 1700000},
        {"1 700", NULL, 0, 1, ONE, 1700000},
        {"1700", NULL, 0, 1, ONE, 1700000},
        {"-3.5", NULL, 0, 0, ONE, -3500},
        {"\xE2\x88\x92" "3.5", NULL, 0, 0, ONE, -3500},
        {"+3", NULL, 0, 0, ONE, 3000},
        {".5", NULL, 0, 0, ONE, 500},
        {"0.0005", NULL, 0, 0, ONE, 1},
        {"18.", NULL, 0, 1, ONE, 18000},
        {"12,345,678", NULL, 0, 1, ONE, 12345678000LL},
        /* the number among words */
        {"about 400", NULL, 0, 1, ONE, 400000},
        {"~400", NULL, 0, 1, ONE, 400000},
        {"c. 400", NULL, 0, 1, ONE, 400000},
        {"400 paratroopers", NULL, 0, 1, ONE, 400000},
        {"within 36 hours", NULL, 0, 1, ONE, 36000},
        {"Resolution 909", NULL, 0, 1, ONE, 909000},
        {"S/RES/909", NULL, 0, 1, ONE, 909000},
        {"150,000 francs", NULL, 0, 1, ONE, 150000000},
        {"RWF 150,000", NULL, 0, 1, ONE, 150000000},
        /* multipliers */
        {"150k", NULL, 0, 1, ONE, 150000000},
        {"150 thousand", NULL, 0, 1, ONE, 150000000},
        {"1.7k", NULL, 0, 1, ONE, 1700000},
        {"1.7 thousand", NULL, 0, 1, ONE, 1700000},
        {"2.5 million", NULL, 0, 1, ONE, 2500000000LL},
        {"5 thousand 500", NULL, 0, 1, ONE, 5500000},
        /* words */
        {"ten", NULL, 0, 1, ONE, 10000},
        {"Ten", NULL, 0, 1, ONE, 10000},
        {"forty-eight", NULL, 0, 1, ONE, 48000},
        {"thirty six", NULL, 0, 1, ONE, 36000},
        {"one thousand seven hundred", NULL, 0, 1, ONE, 1700000},
        {"seventeen hundred", NULL, 0, 1, ONE, 1700000},
        {"a thousand", NULL, 0, 1, ONE, 1000000},
        {"five thousand five hundred", NULL, 0, 1, ONE, 5500000},
        {"fifty-five hundred", NULL, 0, 1, ONE, 5500000},
        {"nine hundred and nine", NULL, 0, 1, ONE, 909000},
        {"one hundred fifty thousand", NULL, 0, 1, ONE, 150000000},
        {"two dozen", NULL, 0, 1, ONE, 24000},
        {"five thousand, five hundred", NULL, 0, 1, ONE, 5500000},
        {"thousand", NULL, 0, 1, ONE, 1000000},
        {"up to a hundred", NULL, 0, 1, ONE, 100000},
        {"hundred", NULL, 0, 1, ONE, 100000},
        {"thousands of people", NULL, 0, 1, NONE, 0}, /* a plural alone is no number */
        {"seventeen", NULL, 0, 1, ONE, 17000}, /* a number word that is a different number */
        {"a lot", NULL, 0, 1, NONE, 0},
        {"forty forty", NULL, 0, 1, ONE, 40000}, /* the same number twice */
        {"nineteen ninety", NULL, 0, 1, SEVERAL, 0},
        /* European thousands: by the question's answer */
        {"1.700", NULL, 0, 1, ONE, 1700000},
        {"1.700", NULL, 0, 0, ONE, 1700},
        {"150.000", NULL, 0, 1, ONE, 150000000},
        {"1.700.000", NULL, 0, 0, ONE, 1700000000LL},
        {"0.500", NULL, 0, 1, ONE, 500},
        {"2,5", NULL, 0, 1, COMMA, 0},
        /* two numbers */
        {"between 10 and 20", NULL, 0, 1, SEVERAL, 0},
        {"10-20", NULL, 0, 1, SEVERAL, 0},
        {"909 or 912", NULL, 0, 1, SEVERAL, 0},
        {"ten or eleven", NULL, 0, 1, SEVERAL, 0},
        {"909/912", NULL, 0, 1, SEVERAL, 0},
        {"10 (ten)", NULL, 0, 1, ONE, 10000},
        {"400 or so", NULL, 0, 1, ONE, 400000},
        /* what does not count as a second number */
        {"1,000 in 20 minutes", "in 20 minutes his men could kill how many?", 0, 1, ONE,
         1000000},
        {"20", "in 20 minutes his men could kill how many?", 0, 1, ONE, 20000},
        {"20 or 1000", "in 20 minutes his men could kill how many?", 0, 1, SEVERAL, 0},
        {"Resolution 909 of 5 April 1994", NULL, 0, 1, ONE, 909000},
        {"909 (April 5, 1994)", NULL, 0, 1, ONE, 909000},
        {"18 in 1993", NULL, 0, 1, ONE, 18000},
        {"1993", NULL, 0, 1, ONE, 1993000},
        {"the 2nd battalion: 48", NULL, 0, 1, ONE, 48000},
        {"110 G3", NULL, 0, 1, ONE, 110000},
        {"48 (paragraph 3)", "According to paragraph 3, how many?", 0, 1, ONE, 48000},
        {"5500, not reached after four months", "after over four months", 0, 1, ONE, 5500000},
        /* negation */
        {"not 400", NULL, 0, 1, NEGATED, 400000},
        {"it wasn't 18", NULL, 0, 1, NEGATED, 18000},
        {"no more than 36", NULL, 0, 1, ONE, 36000},
        {"not sure, 36", NULL, 0, 1, ONE, 36000},
        /* units */
        {"36 hours", NULL, 1, 1, ONE, 36000},
        {"36h", NULL, 1, 1, ONE, 36000},
        {"36 hrs", NULL, 1, 1, ONE, 36000},
        {"36", NULL, 1, 1, ONE, 36000},
        {"36 days", NULL, 1, 1, UNIT, 36000},
        {"36 minutes", NULL, 1, 1, UNIT, 36000},
        {"36 days", NULL, 0, 1, ONE, 36000},
        {"36 soldiers", NULL, 1, 1, ONE, 36000},
        {"36", NULL, 2, 1, NO_UNIT, 36000},
        {"36 hours", NULL, 2, 1, ONE, 36000},
        /* nothing */
        {"", NULL, 0, 1, NONE, 0},
        {"no idea", NULL, 0, 1, NONE, 0},
        {"99999999999999999999", NULL, 0, 1, NONE, 0},
    };
    char *hours[] = {(char *)"hours", (char *)"hour", (char *)"hrs", (char *)"h"};

    for (size_t i = 0; i < N(rows); i++) {
        struct proctor_number_rules r = {rows[i].prompt, rows[i].units ? hours : NULL,
                                         rows[i].units ? N(hours) : 0, rows[i].units == 2,
                                         rows[i].whole, NULL, 0};
        struct proctor_number_found f, pf;
        int64_t echo[32];
        int rc = proctor_number_find(rows[i].text, &r, &f), prc;
        int ok = rc == 0 && f.kind == rows[i].kind &&
                 (rows[i].kind != ONE || f.value == rows[i].value);

        /* the prompt's values read beforehand (as verify prepares them) read alike */
        number_prompt_values(rows[i].prompt, echo, 32, &r.necho);
        r.echo = echo;
        prc = proctor_number_find(rows[i].text, &r, &pf);
        CHECK(prc == rc && (rc < 0 || memcmp(&pf, &f, sizeof f) == 0),
              "'%s': the same reading with the prompt's values prepared", rows[i].text);
        CHECK(ok, "'%s'%s%s: %s%s", rows[i].text, rows[i].whole ? " (whole answer)" : "",
              rows[i].units ? " (units: hours)" : "", kind_names[rows[i].kind],
              rows[i].kind == ONE ? " with its value" : "");
        if (!ok)
            printf("#   got rc %d, %s, %lld\n", rc, rc == 0 ? kind_names[f.kind] : "-",
                   (long long)f.value);
    }
    {
        struct proctor_number_found f;
        CHECK(proctor_number_find("Som\xff", NULL, &f) < 0, "invalid UTF-8 is an error");
        CHECK(proctor_number_find("between 10 and 20", NULL, &f) == 0 && f.start == 8 &&
                  f.end == 10 && f.start2 == 15 && f.end2 == 17,
              "the two numbers' places");
        CHECK(proctor_number_find("1.700", &(struct proctor_number_rules){NULL, NULL, 0, 0, 1, NULL, 0},
                                  &f) == 0 &&
                  f.read_thousands,
              "1.700 read as thousands is said");
    }
}

/* A numeric question through the grading module: parse at the prompt, then grade. */
static void
test_question(void)
{
    static char *hours[] = {(char *)"hours", (char *)"h"};
    struct proctor_question q;
    struct proctor_response r;
    struct proctor_error err;
    struct proctor_grade_note note;

    memset(&q, 0, sizeof q);
    q.id = (char *)"q";
    q.type = PROCTOR_NUMERIC;
    q.prompt = (char *)"Within how many hours, paragraph 9 says?";
    q.points = 1000;
    q.value = q.lo = q.hi = 36000;
    q.units = hours;
    q.nunits = 2;
#define PARSE(s) proctor_response_parse(&q, NULL, (s), &r, &err)
    CHECK(PARSE("within 36 hours (paragraph 9)") == 0 && proctor_grade(&q, &r) == 1000,
          "a number among words, an echo of the prompt beside it");
    proctor_response_release(&r);
    CHECK(PARSE("thirty-six") == 0 && proctor_grade(&q, &r) == 1000, "a number in words");
    proctor_response_release(&r);
    CHECK(PARSE("36 days") == 0 && proctor_grade(&q, &r) == 0, "another unit is wrong");
    proctor_response_release(&r);
    CHECK(PARSE("not 36") == 0 && proctor_grade(&q, &r) == 0, "a negated number is wrong");
    proctor_response_release(&r);
    CHECK(PARSE("24 or 36") == PROCTOR_EINVAL, "two numbers are asked again");
    CHECK_STR(err.msg, "'24' and '36' are two different numbers: type the one you mean",
              "saying which");
    CHECK(PARSE("2,5") == PROCTOR_EINVAL, "a decimal comma is asked again");
    CHECK(PARSE("soon") == PROCTOR_EINVAL, "no number is asked again");
    q.units_required = 1;
    CHECK(PARSE("36") == PROCTOR_EINVAL, "a required unit is asked for");
    CHECK_STR(err.msg, "give the unit with the number: 'hours' or 'h'", "naming the units");
    CHECK(PARSE("36h") == 0, "given, it is read");
    proctor_response_release(&r);
    q.units_required = 0;
    q.value = q.lo = q.hi = 1700000;
    CHECK(PARSE("1.700") == 0 && proctor_grade_noted(&q, &r, &note) == 1000,
          "1.700 is 1,700 when the answer is whole");
    CHECK(note.flags == PROCTOR_NOTE_THOUSANDS && !strcmp(note.wrote, "1.700") &&
              !strcmp(note.expected, "1700"),
          "and the note says how it was read");
    proctor_response_release(&r);
    q.value = q.lo = q.hi = 1700;
    CHECK(PARSE("1.700") == 0 && proctor_grade(&q, &r) == 1000,
          "1.700 is 1.7 when the answer has decimals");
    proctor_response_release(&r);
#undef PARSE
}

int
main(void)
{
    test_find();
    test_question();
    return harness_done();
}
