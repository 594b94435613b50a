/* SPDX-License-Identifier: ISC */
/*
 * fuzz-import.c - libFuzzer harness for the GIFT and Aiken readers (src/gift.c, aiken.c,
 * import.c): proctor_import of the input into a fresh copy of the fixture bank, as `proctor
 * import` calls it. The first byte picks the format (odd: Aiken) and, when it is '!', --doc
 * memo; the rest is the file. Every message must be well formed and placed inside the file;
 * the counts must add up; the question file written must load back as a bank file with as
 * many questions, each graded without a response to 0; and the bank exported as GIFT
 * imports again, every question written, none refused, in order and of its type, a short
 * answer with the same switches and answers grading alike. Built and run by `make fuzz`.
 */
#include "fuzz-util.h"

#include "proctor/export.h"
#include "proctor/grade.h"
#include "proctor/import.h"

struct seen {
    long lines; /* lines of the input */
    size_t errors;
};

static int
diag(void *ctx, const struct proctor_error *e)
{
    struct seen *s = ctx;

    FZ_CHECK(e->code == PROCTOR_EINVAL || e->code == 0);
    FZ_CHECK(memchr(e->msg, '\0', sizeof e->msg) && e->msg[0]);
    FZ_CHECK(e->line >= 0 && e->line <= s->lines && e->column >= 0);
    s->errors += e->code != 0;
    return 0;
}

/* the questions the GIFT export left out, by their index in the bank */
struct skipped {
    const struct proctor_question *first;
    unsigned char *out;
};

static void
skip(void *ctx, const struct proctor_question *q, const char *why)
{
    struct skipped *k = ctx;

    FZ_CHECK(why && *why);
    k->out[q - k->first] = 1;
}

/* a typed text graded by q */
static int64_t
grade_text(const struct proctor_question *q, const char *text)
{
    struct proctor_response r = {0};

    r.answered = 1;
    r.text = (char *)text;
    return proctor_grade(q, &r);
}

/* a short answer and its copy through GIFT: the same switches and answers, and the same
 * grade for each answer written, inside a longer one, and each known wrong answer */
static void
same_short(const struct proctor_question *a, const struct proctor_question *b)
{
    char typed[2100];

    FZ_CHECK(a->match == b->match && a->typos == b->typos && a->naccept == b->naccept &&
             a->nreject == b->nreject);
    for (size_t i = 0; i < a->naccept + a->nreject; i++) {
        const char *t = i < a->naccept ? a->accept[i] : a->reject[i - a->naccept];
        FZ_CHECK(grade_text(a, t) == grade_text(b, t));
        snprintf(typed, sizeof typed, "in %s", t);
        FZ_CHECK(grade_text(a, typed) == grade_text(b, typed));
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char bankdir[PATH_MAX], *text;
    struct proctor_bank *bank = NULL, *back = NULL;
    struct proctor_import_stats st;
    struct proctor_error err;
    struct seen s = {1, 0};
    enum proctor_import_format fmt;
    const char *doc;
    char *json = NULL;
    size_t before;
    int rc;

    if (size < 1)
        return 0;
    fmt = data[0] & 1 ? PROCTOR_IMPORT_AIKEN : PROCTOR_IMPORT_GIFT;
    doc = data[0] == '!' ? "memo" : NULL;
    text = fz_strndup(data + 1, size - 1);
    for (size_t i = 0; i + 1 < size; i++)
        s.lines += text[i] == '\n' || (text[i] == '\r' && (i + 2 >= size || text[i + 1] != '\n'));
    snprintf(bankdir, sizeof bankdir, "%s/tests/fixtures/bank", SRCDIR);
    if (proctor_bank_load_flags(bankdir, NULL, PROCTOR_BANK_NO_DIGEST, NULL, NULL, &bank, &err) !=
            0 ||
        !bank)
        fz_die("the fixture bank does not load");
    before = bank->nquestions;
    proctor_error_clear(&err);
    rc = proctor_import(bank, fmt, "fuzz.gift", text, size - 1, doc, diag, &s, &st, &json, &err);
    if (rc < 0) {
        FZ_CHECK(rc == PROCTOR_EINVAL && json == NULL && err.line >= 1 && err.line <= s.lines);
    } else {
        FZ_CHECK(bank->nquestions == before + st.imported);
        FZ_CHECK(st.refused <= s.errors);
        FZ_CHECK((json != NULL) == (st.imported > 0));
        for (size_t i = before; i < bank->nquestions; i++) {
            struct proctor_response none = {0};
            FZ_CHECK(proctor_bank_find(bank, bank->questions[i].id) == &bank->questions[i]);
            FZ_CHECK(proctor_grade(&bank->questions[i], &none) == 0);
        }
    }
    if (json) {
        /* the file written loads back in the bank beside the fixture's own questions */
        const char *only[3];
        char all[PATH_MAX];
        int problems;
        snprintf(all, sizeof all, "%s/all-types.json", bankdir);
        fz_write(fz_path("gift-fuzz.json"), json, strlen(json));
        only[0] = all;
        only[1] = fz_path("gift-fuzz.json");
        only[2] = NULL;
        problems =
            proctor_bank_load_flags(bankdir, only, PROCTOR_BANK_NO_DIGEST, NULL, NULL, &back, &err);
        FZ_CHECK(problems == 0 && back && back->nquestions == bank->nquestions);
        proctor_bank_free(back);
    }
    if (json) {
        /* what was imported, exported and imported again into the fixture bank */
        struct proctor_import_stats st2;
        struct seen s2 = {1, 0};
        char *gift = NULL, *json2 = NULL;
        size_t count = 0, before2, j;
        struct skipped k = {bank->questions, calloc(bank->nquestions + 1, 1)};
        if (!k.out)
            fz_die("out of memory");
        FZ_CHECK(proctor_export_gift(bank, NULL, 0, skip, &k, &gift, &count, &err) == 0);
        for (const char *p = gift; *p; p++)
            s2.lines += *p == '\n';
        if (proctor_bank_load_flags(bankdir, NULL, PROCTOR_BANK_NO_DIGEST, NULL, NULL, &back,
                                    &err) != 0 ||
            !back)
            fz_die("the fixture bank does not load");
        before2 = back->nquestions;
        FZ_CHECK(proctor_import(back, PROCTOR_IMPORT_GIFT, "export.gift", gift, strlen(gift), NULL,
                                diag, &s2, &st2, &json2, &err) == 0);
        FZ_CHECK(st2.imported == count && st2.refused == 0);
        /* each question written comes back, in order, of its type; a short answer grading
         * alike */
        j = before2;
        for (size_t i = 0; i < bank->nquestions; i++) {
            if (k.out[i])
                continue;
            FZ_CHECK(j < back->nquestions);
            FZ_CHECK(back->questions[j].type == bank->questions[i].type);
            if (bank->questions[i].type == PROCTOR_SHORT)
                same_short(&bank->questions[i], &back->questions[j]);
            j++;
        }
        FZ_CHECK(j == back->nquestions);
        free(k.out);
        free(gift);
        free(json2);
        proctor_bank_free(back);
    }
    free(json);
    free(text);
    proctor_bank_free(bank);
    return 0;
}
