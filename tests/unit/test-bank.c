/* SPDX-License-Identifier: ISC */
/* test-bank.c - paragraphs, passage finding with folded whitespace, loading and the digest. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../../src/bank-internal.h"
#include "../../src/bank-read.h"
#include "harness.h"
#include "proctor/bank.h"
#include "proctor/coverage.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static void
test_passage_find(void)
{
    const char *text = "One two\n\tthree  four.\n\nFive six. Five six.";
    size_t s, e;

    CHECK(proctor_passage_find(text, strlen(text), "two three four", 0, &s, &e) == 0,
          "a quote across a line break and a tab is found");
    CHECK(s == 4 && strncmp(text + e - 4, "four.", 5) == 0, "its span is in original bytes (%zu..%zu)", s, e);
    CHECK(proctor_passage_find(text, strlen(text), "  two\nthree ", 0, &s, &e) == 0,
          "the quote's own whitespace is folded and trimmed");
    CHECK(proctor_passage_find(text, strlen(text), "Two three", 0, &s, &e) < 0,
          "case is not folded");
    CHECK(proctor_passage_find(text, strlen(text), "four. Five", 0, &s, &e) == 0,
          "a quote may cross a paragraph break");
    CHECK(proctor_passage_find(text, strlen(text), "seven", 0, &s, &e) < 0, "absent is -1");
    CHECK(proctor_passage_find(text, strlen(text), "Five six.", 30, &s, &e) == 0 && s > 30,
          "from skips earlier occurrences");
}

static void
test_paragraphs(void)
{
    struct proctor_doc d = {0};
    char text[] = "Title\n\n- one\n- two\nstill two\n\n\n3. three\n– four\n• five";

    d.text = text;
    d.len = strlen(text);
    CHECK(bank_paragraphs(&d) == 0, "paragraphs split");
    CHECK_INT(d.nparas, 6, "blank lines and bullets start paragraphs");
    CHECK_INT(d.paras[0].line, 1, "first paragraph on line 1");
    CHECK_INT(d.paras[2].line, 4, "'- two' starts its own paragraph on line 4");
    CHECK(strncmp(text + d.paras[2].end - 9, "still two", 9) == 0,
          "a continuation line stays in its paragraph");
    CHECK_INT(d.paras[4].line, 9, "an en-dash bullet starts a paragraph");
    CHECK_INT(d.paras[5].line, 10, "a bullet character starts a paragraph");
    CHECK_INT(bank_para_of(&d, (size_t)(strstr(text, "still") - text)), 2,
              "an offset maps to its paragraph");
    free(d.paras);
}

static int
count_diag(void *ctx, const struct proctor_error *e)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

static void
test_load(void)
{
    struct proctor_bank *b = NULL, *b2 = NULL;
    struct proctor_error err;
    const struct proctor_question *q;
    int n = 0;

    CHECK(proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, count_diag, &n, &b, &err) == 0,
          "the fixture bank loads clean");
    CHECK(n == 0 && b && b->nquestions == 10 && b->ndocs == 1, "10 questions, 1 document");
    if (!b)
        return;
    q = proctor_bank_find(b, "who-did-what");
    CHECK(q && q->type == PROCTOR_MATCH && q->npairs == 3 && q->nrights == 4,
          "match: 3 pairs and a distractor");
    CHECK(q && strcmp(q->options[1].id, "l2") == 0 && strcmp(q->rights[3].id, "r4") == 0,
          "match items get l/r ids");
    q = proctor_bank_find(b, "vote");
    CHECK(q && q->lo == 350000 && q->hi == 450000, "numeric tolerance becomes a range");
    q = proctor_bank_find(b, "spring");
    CHECK(q && q->doc && strncmp(q->doc->text + q->quote_start, "The library opens", 17) == 0 &&
              q->quote_start > (size_t)(strstr(q->doc->text, "opens in spring.") - q->doc->text),
          "nth 2 picks the second occurrence");
    CHECK(proctor_bank_find(b, "nope") == NULL, "find of an unknown id is NULL");
    CHECK(proctor_bank_doc(b, "memo") != NULL, "doc lookup");
    CHECK(proctor_bank_load(SRCDIR "/tests/fixtures/bank", NULL, NULL, NULL, &b2, &err) == 0 &&
              memcmp(b->digest, b2->digest, 32) == 0,
          "the digest is stable across loads");
    {
        struct proctor_para_cov *cov;
        size_t np;
        const struct proctor_doc *d = proctor_bank_doc(b, "memo");
        CHECK(proctor_coverage(b, d, &cov, &np) == 0 && np == 5, "coverage has 5 paragraphs");
        CHECK(cov[0].kind == PROCTOR_COV_SHORT, "a two-word title is not content");
        CHECK(cov[1].kind == PROCTOR_COV_CONTENT && cov[1].nqs == 3, "paragraph 1 cited 3 times");
        proctor_coverage_free(cov, np);
    }
    proctor_bank_free(b);
    proctor_bank_free(b2);
    proctor_bank_free(NULL);
    CHECK(proctor_bank_load(SRCDIR "/tests/no-such-bank", NULL, NULL, NULL, &b, &err) < 0 &&
              b == NULL && err.code == PROCTOR_EIO,
          "a missing bank is an I/O error and no bank");
}

/* Reported by the bank's author: a skip quote marked only its first occurrence, and a
 * repeat of a skipped paragraph was reported uncited. */
static void
test_coverage_repeats(void)
{
    char dir[] = "/tmp/proctor-cov-XXXXXX", path[256];
    struct proctor_bank *b = NULL;
    struct proctor_error err;
    struct proctor_para_cov *cov = NULL;
    size_t n = 0;
    FILE *f;

    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "%s/sources", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/sources/d.txt", dir);
    f = fopen(path, "w");
    fputs("ROUTING LINE ONE TWO THREE FOUR\n\nThe real content of this document is here.\n\n"
          "ROUTING LINE ONE TWO THREE FOUR\n\nThe real content of this document is here.\n",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/sources/manifest.json", dir);
    f = fopen(path, "w");
    fputs("{\"documents\":[{\"id\":\"d\",\"file\":\"d.txt\",\"title\":\"D\","
          "\"skip\":[\"ROUTING LINE\"]}]}",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/q.json", dir);
    f = fopen(path, "w");
    fputs("{\"questions\":[{\"id\":\"q\",\"type\":\"truefalse\",\"prompt\":\"P\","
          "\"answer\":true,\"difficulty\":1,\"level\":\"recall\",\"tags\":[\"terms\"],"
          "\"source\":{\"doc\":\"d\",\"quote\":\"real content\",\"nth\":1},"
          "\"explain\":\"E\"}]}",
          f);
    fclose(f);
    CHECK(proctor_bank_load(dir, NULL, NULL, NULL, &b, &err) == 0, "the repeat bank loads");
    if (b && proctor_coverage(b, &b->docs[0], &cov, &n) == 0 && n == 4) {
        CHECK(cov[0].kind == PROCTOR_COV_SKIP && cov[2].kind == PROCTOR_COV_SKIP,
              "a skip quote marks every paragraph it occurs in");
        CHECK(cov[3].kind == PROCTOR_COV_REPEAT && cov[3].covered,
              "a repeat of a cited paragraph is covered through it");
    } else {
        CHECK(0, "coverage of the repeat bank");
    }
    proctor_coverage_free(cov, n);
    proctor_bank_free(b);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0)
        printf("# could not remove %s\n", dir);
}

/* Brute force: occurrences of q in f, and the offset of the nth (1-based). */
static size_t
brute(const char *f, const char *q, size_t nth, size_t *at)
{
    size_t n = 0, ql = strlen(q);
    for (const char *p = f; (p = strstr(p, q)); p++)
        if (++n == nth)
            *at = (size_t)(p - f);
    (void)ql;
    return n;
}

/* A long document takes the gram index; its answers must be memmem's. */
/* The original offset of folded offset fpos, walking text as bank_fold folds it. */
static size_t
orig_offset(const char *text, size_t len, size_t fpos)
{
    size_t i = 0, n = 0;

    while (i < len && isspace((unsigned char)text[i]))
        i++;
    while (i < len) {
        if (n == fpos)
            return i;
        if (isspace((unsigned char)text[i]))
            while (i < len && isspace((unsigned char)text[i]))
                i++;
        else
            i++;
        n++;
    }
    return SIZE_MAX;
}

/* The document of test_gram_index, about len bytes long; its index is searched for each
 * quote at each nth, every answer checked against a brute-force search. */
static void
gram_index_check(size_t target)
{
    static const char *const words[] = {"delegate", "Ortiz", "reported", "units", "to",
                                        "Kigali", "before", "the", "council", "voted.",
                                        "Interhamwe", "1,700", "weapons"};
    static const char *const quotes[] = {
        "Ortiz reported", "legate Ortiz reported 3", "the council voted. Entry 17 delegate",
        "Kigali", "units to Kigali before the council", "Entry 999 ", "weapons Entry 1000",
        "Entry 12 Ortiz", "voted. Entry 4", "no such words here at all", "e Ortiz"};
    char *text = malloc(200000), *f = NULL;
    size_t len = 0;
    struct doc_index ix = {0};

    for (int e = 0; len < target; e++) {
        len += (size_t)sprintf(text + len, "Entry %d ", e);
        for (int w = 0; w < 6; w++)
            len += (size_t)sprintf(text + len, "%s%s", words[(e * 7 + w * 3) % 13],
                                   w % 4 == 3 ? "\n\t" : " ");
    }
    CHECK(bank_index_build(&ix, text, len) == 0, "fold a long document");
    f = ix.folded;
    for (size_t k = 0; k < sizeof quotes / sizeof *quotes; k++) {
        for (size_t nth = 0; nth <= 3; nth++) {
            size_t s = 0, e = 0, count = 0, want_at = 0;
            size_t want = brute(f, quotes[k], nth ? nth : 1, &want_at);
            int rc = bank_find_folded(&ix, quotes[k], strlen(quotes[k]), nth, &s, &e, &count);
            int found_want = want >= (nth ? nth : 1);
            CHECK((rc == 0) == found_want, "'%s' nth %zu: found iff it occurs", quotes[k], nth);
            CHECK(count == want || (count >= 2 && want >= 2 && count <= want),
                  "'%s' nth %zu: count %zu agrees with %zu", quotes[k], nth, count, want);
            if (rc == 0 && found_want) {
                CHECK(s == orig_offset(text, len, want_at), "'%s' nth %zu: the same occurrence",
                      quotes[k], nth);
                CHECK(e == orig_offset(text, len, want_at + strlen(quotes[k]) - 1) + 1,
                      "'%s' nth %zu: the occurrence's end in the original", quotes[k], nth);
            }
        }
    }
    CHECK(ix.grams != NULL, "a document of %zu bytes searched %zu times got a gram index",
          len, 4 * sizeof quotes / sizeof *quotes);
    bank_index_release(&ix);
    free(text);
}

/* bank_fold_in folds into the caller's buffer when the text fits, else as bank_fold does;
 * the same folded text either way. */
static void
test_fold_in(void)
{
    static const char *const texts[] = {"", "  a  ", "one two", "a\tb\n c  d ",
                                        "  fifteen chars.", "sixteen  chars.!", "seventeen chars!!",
                                        "\n\n a long line of text   that will not fit \n"};
    int same = 1, placed = 1;

    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        char buf[16], *a = NULL, *b = NULL;
        size_t la = 0, lb = 0, len = strlen(texts[k]);
        if (bank_fold(texts[k], len, &a, &la) < 0 ||
            bank_fold_in(texts[k], len, buf, sizeof buf, &b, &lb) < 0) {
            CHECK(0, "fold '%s'", texts[k]);
            free(a);
            continue;
        }
        same &= la == lb && memcmp(a, b, la + 1) == 0;
        placed &= (b == buf) == (len < sizeof buf);
        free(a);
        if (b != buf)
            free(b);
    }
    CHECK(same, "bank_fold_in: the same folded texts as bank_fold");
    CHECK(placed, "bank_fold_in: into the buffer exactly when the text fits");
}

/* A long document takes the gram index at once; a short one searched again and again, its
 * chained form (a one-off search of a short text, as proctor_passage_find makes, memmem). */
static void
test_gram_index(void)
{
    struct doc_index ix = {0};
    size_t s, e, count;

    gram_index_check(150000);
    gram_index_check(5000);
    gram_index_check(1200);
    CHECK(bank_index_build(&ix, "one two three four five six seven eight nine ten", 48) == 0,
          "fold a short text");
    CHECK(bank_find_folded(&ix, "three four", 10, 0, &s, &e, &count) == 0 && s == 8 && e == 18,
          "a short text searched once: found");
    CHECK(ix.grams == NULL, "a short text searched once: no index built");
    bank_index_release(&ix);
}


/* ---- the question file read in pieces (bank-read.c) against cJSON's reading of it whole */

struct diags {
    char *text;
    size_t len, cap;
};

static int
keep_diag(void *ctx, const struct proctor_error *e)
{
    struct diags *d = ctx;
    char line[2048];
    int n = snprintf(line, sizeof line, "%s:%ld:%ld: %s\n", e->path, e->line, e->column, e->msg);
    if (d->len + (size_t)n + 1 > d->cap) {
        d->cap = (d->len + (size_t)n + 1) * 2;
        d->text = realloc(d->text, d->cap);
    }
    memcpy(d->text + d->len, line, (size_t)n + 1);
    d->len += (size_t)n;
    return 0;
}

/* Loads dir/q.json both ways: the same count, problems (file:line:col: message) and
 * questions. */
static void
readers_agree(const char *dir, const char *what, const char *text, size_t len)
{
    char path[256];
    const char *files[2] = {path, NULL};
    struct diags a = {0}, b = {0};
    struct proctor_bank *p = NULL, *w = NULL;
    struct proctor_error err;
    int rp, rw, same = 1;
    FILE *f;

    snprintf(path, sizeof path, "%s/q.json", dir);
    f = fopen(path, "wb");
    fwrite(text, 1, len, f);
    fclose(f);
    rp = proctor_bank_load_flags(dir, files, PROCTOR_BANK_NO_DIGEST, keep_diag, &a, &p, &err);
    rw = proctor_bank_load_flags(dir, files, PROCTOR_BANK_NO_DIGEST | PROCTOR_BANK_WHOLE_FILES,
                                 keep_diag, &b, &w, &err);
    CHECK(rp == rw, "%s: the same count of problems (%d, %d)", what, rp, rw);
    CHECK(a.len == b.len && (a.len == 0 || memcmp(a.text, b.text, a.len) == 0),
          "%s: the same problems at the same places", what);
    if (a.len != b.len || (a.len && memcmp(a.text, b.text, a.len) != 0))
        printf("# in pieces:\n%.2000s# whole:\n%.2000s", a.text ? a.text : "",
               b.text ? b.text : "");
    if (p && w && p->nquestions == w->nquestions) {
        for (size_t i = 0; i < w->nquestions; i++) {
            const struct proctor_question *x = &p->questions[i], *y = &w->questions[i];
            same &= strcmp(x->id, y->id) == 0 && strcmp(x->prompt, y->prompt) == 0 &&
                    x->line == y->line && x->column == y->column && x->points == y->points &&
                    x->quote_start == y->quote_start;
        }
    } else {
        same = p == w;
    }
    CHECK(same, "%s: the same questions, at the same lines and columns", what);
    proctor_bank_free(p);
    proctor_bank_free(w);
    free(a.text);
    free(b.text);
}

/* Appends question i (with the problems some numbers are given) to buf. */
static size_t
some_question(char *buf, size_t i, const char *nl)
{
    return (size_t)sprintf(
        buf,
        "%s { \"id\": \"q-%zu\", \"type\": \"truefalse\",%s \"prompt\": \"Roméo\\u00e9 %s %zu\","
        " \"answer\": %s, \"points\": %s, \"difficulty\": 1, \"level\": \"recall\",%s"
        " \"tags\": [\"places\"], \"source\": { \"doc\": \"memo\", \"quote\": \"Ms Roméo Ortiz "
        "chaired the meeting.\" }, \"explain\": \"E\"%s }",
        i ? "," : "", i % 11 == 5 ? i - 1 : i, nl, i % 13 == 3 ? "\\ud83d\\ude00\\n\\t\\\"\\/" : "é",
        i, i % 17 == 2 ? "1" : "true", i % 5 == 1 ? "1.5" : i % 5 == 2 ? "2e0" : "1", nl,
        i % 7 == 4 ? ", \"bogus\": [1, {\"x\": null}]" : "");
}

static void
test_readers_agree(void)
{
    char dir[] = "/tmp/proctor-read-XXXXXX", path[256], *buf, *big;
    size_t n, len;
    static const char *const odd[] = {
        "{\"questions\": []}",
        "{ \"notes\": {\"a\": [1, 2.5e-3, {\"b\": null}, false]}, \"questions\": [%s],"
        " \"questions\": 5, \"z\": \"\\u00e9\" }\n",
        "{\"questions\": [%s], }",          /* trailing comma */
        "{\"questions\": [%s]} x",          /* text after the object */
        "\xEF\xBB\xBF{\"questions\": [%s]}", /* byte order mark */
        "{\"questions\": {\"a\": [%s]}}",
        "[{\"questions\": [%s]}]",
        "{\"quest\\u0069ons\": [%s]}",
        "{\"questions\": [%s, {\"id\": \"x\", \"points\": 01}]}",
        "{\"questions\": [%s, {\"id\": \"x\\u0000y\"}]}",
        "{\"questions\": [%s, {\"id\": \"x\", \"points\": "
        "1.000000000000000000000000000000000000000000000000000000000000000001}]}",
        "{\"questions\": [%s, {\"id\": \"\\ud800x\"}]}",
        "{\"questions\": [%s, {\"id\": \"tab\there\"}]}",
        "{\"questions\": [%s, {\"id\": \"x\", \"prompt\": \"\xC3\x28\"}]}",
        "{\"questions\": [%s, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
        "[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
        "]]]]]]]]]]]]]}",
        "{\"questions\": [%s, tru]}",
        "{\"questions\": [%s, -]}",
        "{\"questions\": [%s",
        "  ",
    };

    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "cp -r '%s/tests/fixtures/bank/sources' '%s/'", SRCDIR, dir);
    if (system(path) != 0) {
        CHECK(0, "copy the fixture sources");
        return;
    }
    buf = malloc(8u << 20);
    /* thousands of questions, one a line and then all on one line, with CRLF line ends, and
     * one of 300 KB: the window slides and grows, and every position still agrees */
    for (int form = 0; form < 3; form++) {
        const char *nl = form == 0 ? "\n" : form == 1 ? "" : "\r\n";
        len = (size_t)sprintf(buf, "{ \"questions\": [%s", nl);
        for (size_t i = 0; i < 3000; i++) {
            len += some_question(buf + len, i, nl);
            if (i == 1500) {
                len += (size_t)sprintf(buf + len, ", { \"id\": \"big\", \"prompt\": \"");
                memset(buf + len, 'w', 300000);
                len += 300000;
                len += (size_t)sprintf(buf + len, "\", \"unknown\": 1 }");
            }
        }
        len += (size_t)sprintf(buf + len, "%s] }%s", nl, nl);
        readers_agree(dir, form == 0 ? "3000 questions, one a line"
                      : form == 1 ? "3000 questions on one line"
                                  : "3000 questions, CRLF",
                      buf, len);
    }
    /* found wanting at the very end, after thousands of questions and their problems: those
     * are taken back, and the file read whole says what cJSON says */
    memcpy(buf + len - 4, "]} x", 4);
    readers_agree(dir, "3000 questions, then text after the object", buf, len);
    len -= 4;
    len += (size_t)sprintf(buf + len, ", {\"id\": \"lenient\", \"points\": 01}]}");
    readers_agree(dir, "3000 questions, then a number only cJSON reads", buf, len);
    big = malloc(4096);
    n = some_question(big, 3, " ");
    for (size_t k = 0; k < sizeof odd / sizeof *odd; k++) {
        len = (size_t)snprintf(buf, 8u << 20, odd[k], big);
        snprintf(path, sizeof path, "odd file %zu", k);
        readers_agree(dir, path, buf, len);
    }
    (void)n;
    /* a NUL byte */
    len = (size_t)sprintf(buf, "{\"questions\": [%s]}", big);
    buf[20] = '\0';
    readers_agree(dir, "a NUL byte", buf, len);
    free(big);
    free(buf);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0)
        printf("# could not remove %s\n", dir);
}

/*
 * The reader itself over a file much larger than its window: every question's strings are
 * the text written (ended in place in the window, those of a question cut off by the
 * window's end put back before it is read again), and the file is read through to its end,
 * not given up on (PROCTOR_EINVAL would send it to the whole-file reader).
 */
static void
test_read_in_place(void)
{
    char dir[] = "/tmp/proctor-inplace-XXXXXX", path[300], want[64];
    const size_t nq = 20000;
    struct bank_read *r = NULL;
    struct proctor_error err;
    struct qdesc d;
    const struct qnode *q;
    size_t got = 0, good = 0;
    FILE *f;
    int rc;

    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "%s/q.json", dir);
    f = fopen(path, "wb");
    fputs("{\"questions\": [\n", f);
    for (size_t i = 0; i < nq; i++)
        fprintf(f, "%s  {\"id\": \"q-%zu\", \"prompt\": \"Prompt \\\"%zu\\\" of the file\",\n"
                   "   \"tags\": [\"a\", \"b-%zu\"], \"points\": %zu}",
                i ? ",\n" : "", i, i, i % 7, i % 5 + 1);
    fputs("\n]}\n", f);
    fclose(f);
    qdesc_init(&d);
    CHECK(bank_read_open(path, 1u << 30, &r, &err) == 0, "open a file of %zu questions", nq);
    while (r && (rc = bank_read_next(r, &d, &q, &err)) == 1) {
        const struct qnode *id = qnode_member(q, "id"), *pr = qnode_member(q, "prompt"),
                           *tags = qnode_member(q, "tags");
        char wp[64], wt[16];
        snprintf(want, sizeof want, "q-%zu", got);
        snprintf(wp, sizeof wp, "Prompt \"%zu\" of the file", got);
        snprintf(wt, sizeof wt, "b-%zu", got % 7);
        good += qnode_is_string(id) && strcmp(id->str, want) == 0 && qnode_is_string(pr) &&
                strcmp(pr->str, wp) == 0 && qnode_is_array(tags) && tags->n == 2 &&
                strcmp(tags->child->str, "a") == 0 && strcmp(tags->last->str, wt) == 0;
        got++;
    }
    CHECK(r && rc == 0, "read through to the end, in pieces (%d)", r ? rc : -1);
    CHECK(got == nq && good == nq, "every question's strings as written (%zu of %zu, %zu good)",
          got, nq, good);
    bank_read_close(r);
    qdesc_release(&d);
    remove(path);
    rmdir(dir);
}

int
main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_passage_find();
    test_paragraphs();
    test_load();
    test_coverage_repeats();
    test_gram_index();
    test_fold_in();
    test_readers_agree();
    test_read_in_place();
    return harness_done();
}
