/* SPDX-License-Identifier: ISC */
/*
 * test-tokens.c - tokens_split's ASCII path (src/tokens.c reads an ASCII character without
 * utf8proc) against the general path (every character through utf8proc): the same words,
 * byte for byte, with the same places, lengths, flags and separators, under every fold, for
 * every ASCII character alone and every pair, every triple of the characters the reader
 * treats apart, many random texts of them, and every string of the answer corpus and of the
 * shipped question bank and every line of its documents (ASCII or not: a text mixing both goes through both paths).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "harness.h"
#include "proctor/error.h"
#include "proctor/fileio.h"
#include "../../src/tokens.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static const unsigned folds[] = {0, TOKENS_KEEP_CASE, TOKENS_KEEP_ACCENTS,
                                 TOKENS_KEEP_CASE | TOKENS_KEEP_ACCENTS};

static size_t compared, differ, in_buf, on_heap;
static char first_diff[256];

/* 1 when the two splits are the same words. */
static int
same(const struct tokens *a, const struct tokens *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const struct token *x = &a->t[i], *y = &b->t[i];
        if (strcmp(x->w, y->w) != 0 || strcmp(x->key, y->key) != 0 || x->len != y->len ||
            x->letters != y->letters || x->flags != y->flags || x->sep != y->sep ||
            x->start != y->start || x->end != y->end || x->place != y->place)
            return 0;
    }
    return 1;
}

/* Splits text both ways under every fold and counts the differences. */
static void
compare(const char *text)
{
    for (size_t k = 0; k < sizeof folds / sizeof *folds; k++) {
        struct tokens a, b, c;
        struct token buf[6]; /* a few words fit, more do not: both ways of tokens_split_in */
        int ra = tokens_split(text, folds[k], &a), rb = tokens_split_general(text, folds[k], &b);
        int rc = tokens_split_in(text, folds[k], &c, buf, sizeof buf);
        compared++;
        if (ra != rb || rc != rb || (ra == 0 && (!same(&a, &b) || !same(&c, &b)))) {
            if (!differ++)
                snprintf(first_diff, sizeof first_diff, "'%s' (fold %u)", text, folds[k]);
        }
        if (rc == 0)
            in_buf += c.in_caller, on_heap += !c.in_caller;
        if (ra == 0)
            tokens_release(&a);
        if (rb == 0)
            tokens_release(&b);
        if (rc == 0)
            tokens_release(&c);
    }
}

static void
report(const char *what)
{
    CHECK(differ == 0,
          "%s: the ASCII path, in a caller's buffer or not, splits as the general one (%zu of "
          "%zu differ%s%s)",
          what, differ, compared, differ ? ", first " : "", differ ? first_diff : "");
    compared = differ = 0;
}

/* The characters tokens_split treats apart, and a few it does not, some not ASCII. */
static const char *const interesting[] = {
    "a", "A", "s", "S", "z", "0", "1", "9", "'", " ", ".", ",", "-", "/", "(", ")", "[",
    "}", "\t", "\n", "&", "+", ":", "?", "*", "\xC3\xA9" /* é */, "\xE2\x80\x99" /* ’ */,
    "\xE2\x80\x94" /* — */, "\xC3\x89" /* É */, "\xEF\xAC\x81" /* ﬁ */};
#define NINTERESTING (sizeof interesting / sizeof *interesting)

static void
every_ascii(void)
{
    char s[3] = {0};

    for (int c = 1; c < 128; c++) {
        s[0] = (char)c;
        compare(s);
    }
    report("every ASCII character");
    for (int c = 1; c < 128; c++)
        for (int d = 1; d < 128; d++) {
            s[0] = (char)c;
            s[1] = (char)d;
            compare(s);
        }
    report("every pair of ASCII characters");
}

static void
triples(void)
{
    char s[32];

    for (size_t i = 0; i < NINTERESTING; i++)
        for (size_t j = 0; j < NINTERESTING; j++)
            for (size_t k = 0; k < NINTERESTING; k++) {
                snprintf(s, sizeof s, "%s%s%s", interesting[i], interesting[j], interesting[k]);
                compare(s);
            }
    report("every triple of the characters that matter");
}

/* What the text of "many words" held at that place */
static char
w_char(size_t words)
{
    return words % 7 ? 'w' : 'U';
}

/* Texts the reader has rules for: numbers grouped, dotted, decimal; initials; possessives. */
static void
shapes(void)
{
    static const char *const texts[] = {
        "1,700", "1 700", "1.700", "1.700.000", "12,34", "2,5", "2.5", "0.700", "1,700,000",
        "1 700 000 men", "about 1,7000", "U.N.A.M.I.R.", "U.N.", "F A R", "F-A-R", "U/S",
        "J.-R. Dallaire", "J.- R. Dallaire", "Rwanda's army", "wasn't", "O'Brien", "Roméo",
        "ROMEO Dallaire", "(the UN) [force] {x}", "a - b", "a -- b", "a \xE2\x80\x94 b",
        "a\xE2\x80\x94" "b", "the 1st of April, 1994", "Gen. Dallaire", "800,000 - 1,000,000",
        "US$ 5", "5%", "x+y & z", "...", "", " ", "     a     ", "'s", "s'", "a's", "A'S b"};

    static char big[8192];

    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        compare(texts[i]);
    report("numbers, initials and possessives");
    /* past what the reader keeps on the stack: long words and numbers, many words, and more
     * words than a text may have (refused both ways) */
    memset(big, 'a', 100);
    big[100] = '\0';
    compare(big);
    memset(big, '7', 300);
    memcpy(big + 300, " Rom\xC3\xA9o", 8);
    compare(big);
    for (size_t w = 0; w < 520; w++)
        memcpy(big + 6 * w, w % 7 ? "word, " : "U.N.  ", 6);
    for (size_t words = 20; words <= 520; words += 100) {
        big[6 * words] = '\0';
        compare(big);
        big[6 * words] = w_char(words);
    }
    report("long words, many words, too many words");
}

/*
 * One word or number alone, the typed answer split_one_word reads at once: 1 to 80 bytes (it
 * takes up to 64), in small letters, capitalised, in capitals, mixed, digits with and
 * without a leading zero, and each with one other character put at its start, its middle
 * or its end (split's loop then).
 */
static void
one_words(void)
{
    static const char others[] = " .,'-/(0aA\x7f";
    char s[96];

    for (size_t n = 1; n <= 80; n++)
        for (int shape = 0; shape < 6; shape++) {
            for (size_t i = 0; i < n; i++)
                s[i] = shape == 0   ? (char)('a' + i % 26)
                       : shape == 1 ? (char)(i ? 'a' + i % 26 : 'K')
                       : shape == 2 ? (char)('A' + i % 26)
                       : shape == 3 ? (char)(i % 3 ? 'a' + i % 26 : 'A' + i % 26)
                       : shape == 4 ? (char)('0' + (i + 1) % 10)
                                    : (char)('0' + i % 10);
            s[n] = '\0';
            compare(s);
            for (size_t o = 0; o < sizeof others - 1; o++)
                for (size_t at = 0; at < 3; at++) {
                    char t[96];
                    size_t p = at == 0 ? 0 : at == 1 ? n / 2 : n - 1;
                    memcpy(t, s, n + 1);
                    t[p] = others[o];
                    compare(t);
                }
        }
    report("one word or number alone, and with one other character");
}

/* Random texts of the interesting characters (a fixed seed: the same texts every run). */
static void
random_texts(void)
{
    unsigned long long x = 0x9E3779B97F4A7C15ull;
    char s[256];

    for (int t = 0; t < 20000; t++) {
        size_t len = 0, want;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        want = 1 + (size_t)(x % 24);
        s[0] = '\0';
        for (size_t k = 0; k < want; k++) {
            const char *c;
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            c = interesting[x % NINTERESTING];
            if (len + strlen(c) + 1 > sizeof s)
                break;
            memcpy(s + len, c, strlen(c) + 1);
            len += strlen(c);
        }
        compare(s);
    }
    report("20 000 random texts of them");
}

/* Every string in a JSON tree, keys too. */
static void
walk(const cJSON *j)
{
    for (; j; j = j->next) {
        if (j->string)
            compare(j->string);
        if (cJSON_IsString(j))
            compare(j->valuestring);
        walk(j->child);
    }
}

static size_t
json_file(const char *path)
{
    struct proctor_error err;
    char *text = NULL;
    size_t len = 0;
    cJSON *root;

    if (proctor_file_read(path, 1 << 24, &text, &len, &err) < 0)
        return 0;
    root = cJSON_Parse(text);
    free(text);
    if (!root)
        return 0;
    walk(root);
    cJSON_Delete(root);
    return 1;
}

static const char *const sources[] = {
    SRCDIR "/questions/sources/dallaire-fax.txt", SRCDIR "/questions/sources/friends-memo.txt",
    SRCDIR "/questions/sources/unamir.txt", SRCDIR "/questions/sources/withdrawal.txt"};

/* Every line of a text file. */
static size_t
lines_of(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[8192];

    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        compare(line);
    }
    fclose(f);
    return 1;
}

static void
corpora(void)
{
    const char *dir = SRCDIR "/questions";
    size_t files = json_file(SRCDIR "/tests/fixtures/answers/corpus.json") +
                   json_file(SRCDIR "/tests/fixtures/answers/held-out.json");
    DIR *d;
    struct dirent *e;

    CHECK(files == 2, "the answer corpus reads (%zu of 2 files)", files);
    report("every string of the answer corpus");
    files = 0;
    if ((d = opendir(dir))) {
        while ((e = readdir(d))) {
            char path[4096];
            size_t n = strlen(e->d_name);
            if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            files += json_file(path);
        }
        closedir(d);
    }
    CHECK(files > 0, "the shipped question files read (%zu)", files);
    report("every string of the shipped question bank");
    files = 0;
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        files += lines_of(sources[i]);
    CHECK(files == sizeof sources / sizeof *sources, "the shipped documents read (%zu)", files);
    report("every line of the shipped documents");
}

/* The word lists (compared by their first two bytes first): each word found, and words
 * that differ in one letter, one letter more or less, not. */
static void
word_lists(void)
{
    static const struct {
        int (*is)(const char *);
        const char *yes[8], *no[8];
    } lists[] = {
        {tokens_is_stop, {"a", "an", "at", "the", "towards", "within", "of", NULL},
         {"", "ab", "t", "th", "thee", "ofs", "withi", NULL}},
        {tokens_is_negation, {"no", "not", "non", "none", "nobody", "wasnt", "except", NULL},
         {"", "n", "nt", "nott", "nobod", "wasn", "exceptt", NULL}},
        {tokens_is_or, {"or", "nor", "vs", "versus", NULL},
         {"", "o", "ors", "v", "vss", "versu", "nr", NULL}},
        {tokens_is_filler, {"i", "it", "its", "is", "all", "according", "okay", NULL},
         {"", "ii", "itz", "al", "alls", "accordin", "o", NULL}},
    };
    size_t wrong = 0;

    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (size_t k = 0; k < 8; k++) {
            if (lists[l].yes[k] && !lists[l].is(lists[l].yes[k]) && !wrong++)
                printf("# '%s' not found in list %zu\n", lists[l].yes[k], l);
            if (lists[l].no[k] && lists[l].is(lists[l].no[k]) && !wrong++)
                printf("# '%s' found in list %zu\n", lists[l].no[k], l);
        }
    CHECK(wrong == 0, "the word lists find their words and nothing else (%zu wrong)", wrong);
}

int
main(void)
{
    word_lists();
    every_ascii();
    triples();
    shapes();
    one_words();
    random_texts();
    corpora();
    CHECK(in_buf > 1000 && on_heap > 1000,
          "tokens_split_in kept words in the caller's buffer (%zu texts) and on the heap when "
          "they did not fit (%zu)",
          in_buf, on_heap);
    return harness_done();
}
