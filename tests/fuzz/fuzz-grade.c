/* SPDX-License-Identifier: ISC */
/*
 * fuzz-grade.c - libFuzzer harness for the answer-text parsers of src/grade.c.
 *
 * The input is split at the first NUL or newline into an accepted pattern and a given
 * answer. Both go through proctor_normalize, proctor_short_match (automatic, none and two
 * typos) and proctor_parse_number; the given answer through proctor_short_check with the
 * pattern and a person's name accepted and a known wrong answer, under every combination of
 * the switches (name, case, accents, containment), and through proctor_number_find with the
 * pattern as the prompt and units; it is also parsed as a response to one built-in question
 * of every type (with a shuffled display order; a choice by its options' text), graded,
 * copied and described; for a question of several parts (a cloze's gaps) as the whole line
 * split at '|' and as each part in turn. A whole number taken from the first bytes, written in
 * digits, with thousands separated by commas, spaces and dots, among words and in English
 * words, must read as itself, and beside a different one as two numbers. Build:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -std=c11 -Iinclude \
 *     $(pkg-config --cflags libutf8proc) tests/fuzz/fuzz-grade.c src/grade.c src/error.c \
 *     $(pkg-config --libs libutf8proc) -o fuzz-grade
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctor/grade.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define S(x) ((char *)(x))
#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct proctor_option opts[] = {
    {S("baril"), S("Maj. Gen. Baril"), 1}, {S("annan"), S("Kofi Annan"), 0},
    {S("riza"), S("Iqbal Riza"), 1},       {S("booh"), S("Jacques-Roger Booh-Booh"), 0},
};
static struct proctor_option lefts[] = {
    {S("l1"), S("Dallaire"), 0}, {S("l2"), S("Booh-Booh"), 0}, {S("l3"), S("Annan"), 0}};
static struct proctor_option rights[] = {
    {S("r1"), S("Force Commander"), 0}, {S("r2"), S("SRSG"), 0},
    {S("r3"), S("Head of DPKO"), 0},    {S("r4"), S("Distractor"), 0}};
static char *accept[] = {S("Dallaire"), S("*General Dallaire"), S("1,700")};
static const size_t perm4[] = {3, 1, 0, 2};
/* the gaps of a cloze: a short answer, a number weighing 2, a choice */
static struct proctor_question gaps[] = {
    {.id = S("fuzz {1}"), .type = PROCTOR_SHORT, .points = 1000, .accept = accept,
     .naccept = N(accept), .typos = -1},
    {.id = S("fuzz {2}"), .type = PROCTOR_NUMERIC, .points = 2000, .value = 1700000,
     .lo = 1700000, .hi = 1700000},
    {.id = S("fuzz {3}"), .type = PROCTOR_CHOICE, .points = 1000, .options = opts,
     .noptions = 3},
};

/* The words of a normalised text. */
static size_t
words(const char *s)
{
    size_t n = 1;

    for (; *s; s++)
        n += *s == ' ';
    return n;
}

static void
check(int ok)
{
    if (!ok)
        abort();
}

static void
exercise(const struct proctor_question *q, const size_t *perm, const char *line)
{
    struct proctor_response r, c;
    struct proctor_error err;
    int64_t g;
    char *d;

    if (proctor_response_parse(q, perm, line, &r, &err) != 0) {
        check(r.nids == 0 && r.ids == NULL && r.text == NULL && !r.answered);
        return;
    }
    g = proctor_grade(q, &r);
    check(g >= 0 && g <= proctor_grade_max(q));
    if (proctor_response_copy(&c, &r) == 0) {
        check(proctor_grade(q, &c) == g);
        proctor_response_release(&c);
    }
    d = proctor_describe_answer(q, perm);
    free(d);
    d = proctor_describe_response(q, perm, &r);
    check(d != NULL);
    free(d);
    proctor_response_release(&r);
}

/* Each part of a question of several in turn, the same line for every one. */
static void
exercise_parts(const struct proctor_question *q, const char *line)
{
    struct proctor_response r;
    struct proctor_error err;
    size_t n = proctor_response_parts(q), k;
    int64_t g;
    char *d;

    memset(&r, 0, sizeof r);
    for (k = 0; k < n; k++) {
        if (proctor_response_parse_part(q, NULL, k, line, &r, &err) != 0) {
            /* a part refused leaves the earlier ones as they were */
            check(k > 0 ? (r.answered && r.nids == n) : (r.nids == 0 && !r.answered));
            if (k == 0)
                return;
        }
        check(proctor_question_part(q, k) != NULL);
    }
    g = proctor_grade(q, &r);
    check(g >= 0 && g <= proctor_grade_max(q));
    d = proctor_describe_response(q, NULL, &r);
    free(d);
    proctor_response_release(&r);
}

/* n in English words ("one thousand seven hundred and five"), n < 1 000 000, into buf. */
static void
in_words(long n, char *buf, size_t size)
{
    static const char *const ones[] = {"zero",    "one",     "two",       "three",    "four",
                                       "five",    "six",     "seven",     "eight",    "nine",
                                       "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                       "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"", "", "twenty", "thirty", "forty",
                                       "fifty", "sixty", "seventy", "eighty", "ninety"};
    size_t len = 0;

    buf[0] = '\0';
    if (n >= 1000) {
        in_words(n / 1000, buf, size);
        len = strlen(buf);
        len += (size_t)snprintf(buf + len, size - len, " thousand");
        n %= 1000;
        if (n == 0)
            return;
        len += (size_t)snprintf(buf + len, size - len, n < 100 ? " and " : " ");
    }
    if (n >= 100) {
        len += (size_t)snprintf(buf + len, size - len, "%s hundred", ones[n / 100]);
        n %= 100;
        if (n == 0)
            return;
        len += (size_t)snprintf(buf + len, size - len, " and ");
    }
    if (n < 20)
        snprintf(buf + len, size - len, "%s", ones[n]);
    else
        snprintf(buf + len, size - len, "%s%s%s", tens[n / 10], n % 10 ? "-" : "",
                 n % 10 ? ones[n % 10] : "");
}

/* text reads as the one number n (thousandths: n * 1000) under rules. */
static void
reads_as(const char *text, long n, const struct proctor_number_rules *rules)
{
    struct proctor_number_found f;

    check(proctor_number_find(text, rules, &f) == 0 && f.kind == PROCTOR_NUMBER_ONE &&
          f.value == (int64_t)n * 1000);
}

/* A whole number taken from the input, written as students write it, reads as itself; two
 * different ones are two. */
static void
number_forms(const uint8_t *data, size_t size)
{
    struct proctor_number_rules whole = {"", NULL, 0, 0, 1, NULL, 0};
    struct proctor_number_found f;
    char digits[32], text[256], words[200];
    unsigned long u = 0;
    long n, m;
    size_t len, k;

    for (k = 0; k < size && k < 4; k++)
        u = u << 8 | data[k];
    n = (long)(u % 1000000);
    m = (n + 1 + (long)(u >> 20) % 97) % 1000000;
    snprintf(digits, sizeof digits, "%ld", n);
    reads_as(digits, n, &whole);
    snprintf(text, sizeof text, "about %s soldiers.", digits);
    reads_as(text, n, &whole);
    /* thousands grouped with commas, spaces and (the answer being whole) dots */
    for (const char *sep = ",  ."; *sep; sep++) {
        len = strlen(digits);
        size_t j = 0;
        for (k = 0; k < len; k++) {
            if (k > 0 && (len - k) % 3 == 0)
                text[j++] = *sep;
            text[j++] = digits[k];
        }
        text[j] = '\0';
        reads_as(text, n, &whole);
    }
    in_words(n, words, sizeof words);
    reads_as(words, n, &whole);
    /* a year beside another number is taken for a date, not a second answer */
    if ((n < 1900 || n > 2099) && (m < 1900 || m > 2099)) {
        snprintf(text, sizeof text, "%s or %ld", digits, m);
        check(proctor_number_find(text, &whole, &f) == 0 && f.kind == PROCTOR_NUMBER_SEVERAL);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1), *given, *norm;
    struct proctor_question q;
    size_t cut;
    int64_t v;
    char pts[32];
    int t;

    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    for (cut = 0; cut < size && buf[cut] != '\0' && buf[cut] != '\n'; cut++)
        ;
    buf[cut] = '\0';
    given = cut < size ? buf + cut + 1 : buf + size;

    norm = proctor_normalize(buf);
    free(norm);
    norm = proctor_normalize(given);
    free(norm);
    for (t = -1; t <= 2; t++)
        (void)proctor_short_match(buf, given, t);
    /* A normalised answer of at most 64 words always matches itself. */
    norm = proctor_normalize(given);
    if (norm && *norm && !strchr(given, '*') && strlen(norm) <= 4096 && words(norm) <= 64)
        check(proctor_short_match(given, given, 0));
    free(norm);
    {
        char *acc[2] = {buf, S("Jacques-Roger Booh-Booh")}, *rej[1] = {S("Impuzamugambi")};
        struct proctor_short_rules rules = {acc, 2, rej, 1, -1, 0};
        struct proctor_grade_note note;
        for (unsigned f = 0; f < 16; f++) {
            rules.flags = f;
            rules.typos = (int)(f % 3) - 1;
            (void)proctor_short_check(&rules, given, &note);
            check(memchr(note.wrote, '\0', sizeof note.wrote) != NULL &&
                  memchr(note.expected, '\0', sizeof note.expected) != NULL);
        }
    }
    {
        char *units[2] = {S("hours"), S("h")};
        struct proctor_number_rules nr = {buf, units, 2, 0, 1, NULL, 0};
        struct proctor_number_found f;
        size_t glen = strlen(given);
        for (int k = 0; k < 4; k++) {
            nr.units_required = k & 1;
            nr.whole = (k >> 1) & 1;
            if (proctor_number_find(given, &nr, &f) == 0)
                check(f.start <= f.end && f.end <= glen && f.start2 <= f.end2 && f.end2 <= glen);
        }
        (void)proctor_number_find(given, NULL, &f);
    }
    if (proctor_parse_number(given, &v) == 0) {
        check(v >= -1000000000000000000LL && v <= 1000000000000000000LL);
        proctor_format_points(v, pts, sizeof pts);
    }
    (void)proctor_parse_number(buf, &v);

    memset(&q, 0, sizeof q);
    q.id = S("fuzz");
    q.points = 1500;
    q.typos = -1;
    for (t = 0; t < PROCTOR_NTYPES; t++) {
        q.type = (enum proctor_qtype)t;
        q.options = opts;
        q.noptions = N(opts);
        q.rights = NULL;
        q.nrights = q.npairs = 0;
        switch (q.type) {
        case PROCTOR_CHOICE: q.noptions = 3; break;
        case PROCTOR_MATCH:
            q.options = lefts;
            q.noptions = N(lefts);
            q.rights = rights;
            q.nrights = N(rights);
            q.npairs = 3;
            break;
        case PROCTOR_SHORT:
            q.accept = accept;
            q.naccept = N(accept);
            break;
        case PROCTOR_NUMERIC:
            q.value = 400000;
            q.lo = 350000;
            q.hi = 450000;
            break;
        case PROCTOR_CLOZE:
            q.options = NULL;
            q.noptions = 0;
            q.gaps = gaps;
            q.ngaps = N(gaps);
            exercise_parts(&q, given);
            break;
        case PROCTOR_MULTI:
        case PROCTOR_TRUEFALSE:
        case PROCTOR_ORDER:
        case PROCTOR_ESSAY: break;
        }
        exercise(&q, NULL, given);
        if (q.type != PROCTOR_CHOICE)
            exercise(&q, perm4, given);
    }
    number_forms(data, size);
    free(buf);
    return 0;
}
