/* SPDX-License-Identifier: ISC */
/*
 * test-answers.c - the answer corpus (tests/fixtures/answers/): natural right answers and
 * plausible wrong ones to every short and numeric question of the shipped bank, graded with
 * the grading module as the runner grades them (parsed at the prompt, then graded). Fails
 * when fewer than 95 % of the right answers are accepted or fewer than 99 % of the wrong ones
 * refused, in the corpus or in the held-out set written after the rules, and when a short or
 * numeric question of the bank has fewer than 8 right and 4 wrong answers in the corpus. The
 * typed forms of choice, multi, order and match answers must read as stated.
 *
 * With --figures it prints only the figures (make bench reports them), and with --list each
 * answer graded against what the corpus says. Files named after the options are graded
 * instead of the two sets (same format: "answers", each with "id", "right" and "wrong"), with
 * their figures overall and per kind of question, and no targets checked:
 *   build/tests/unit/test-answers --figures other-answers.json
 *
 * Every answer is graded twice more: by the runner (the bank as loaded) and by the verifier
 * (a second load of the bank, prepared by proctor_verifier_new: accepted answers and prompts
 * read once, grade-prep.h). Points and notes must agree for each, and every short and numeric
 * question of the verifier's bank must be prepared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/keys.h"
#include "proctor/verify.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif
#define CORPUS SRCDIR "/tests/fixtures/answers/corpus.json"
#define HELD_OUT SRCDIR "/tests/fixtures/answers/held-out.json"

static struct proctor_bank *bank, *vbank; /* the runner's; the verifier's, prepared */
static int figures_only, listing;
static size_t agreed, disagreed;

/* 1 when answer typed to q earns full points (read at the prompt, then graded), 0 when not;
 * how it was read into note. */
static int
accepted(const struct proctor_question *q, const char *answer, struct proctor_grade_note *note)
{
    struct proctor_response r;
    struct proctor_error err;
    int full;

    memset(&r, 0, sizeof r);
    if (proctor_response_parse(q, NULL, answer, &r, &err) < 0)
        return 0;
    full = proctor_grade_noted(q, &r, note) == proctor_grade_max(q);
    proctor_response_release(&r);
    return full;
}

/* The runner's grade of answer (q, unprepared) and the verifier's (the same question of
 * vbank, prepared) agree: points and how the answer was read. */
static void
same_grade(const struct proctor_question *q, const char *answer)
{
    const struct proctor_question *vq = proctor_bank_find(vbank, q->id);
    struct proctor_grade_note rn, vn;
    struct proctor_response r;
    struct proctor_error err;
    int64_t rg, vg;

    memset(&r, 0, sizeof r);
    if (!vq || proctor_response_parse(q, NULL, answer, &r, &err) < 0)
        return;
    rg = proctor_grade_noted(q, &r, &rn);
    vg = proctor_grade_noted(vq, &r, &vn);
    if (rg == vg && rn.flags == vn.flags && strcmp(rn.wrote, vn.wrote) == 0 &&
        strcmp(rn.expected, vn.expected) == 0) {
        agreed++;
    } else {
        disagreed++;
        printf("# %s '%s': the runner grades %lld, the verifier %lld\n", q->id, answer,
               (long long)rg, (long long)vg);
    }
    proctor_response_release(&r);
}

static cJSON *
read_json(const char *path)
{
    struct proctor_error err;
    char *text = NULL;
    size_t len = 0;
    cJSON *root;

    if (proctor_file_read(path, 1 << 22, &text, &len, &err) < 0)
        return NULL;
    root = cJSON_Parse(text);
    free(text);
    return root;
}

struct tally {
    size_t right, right_ok, wrong, wrong_ok;
};

/* The kinds of question figures are given for. */
enum { KIND_TEXT, KIND_NAME, KIND_NUMBER, NKINDS };
static const char *const kind_names[NKINDS] = {"short (text)", "short (names)", "numeric"};

static int
kind_of(const struct proctor_question *q)
{
    if (q->type == PROCTOR_NUMERIC)
        return KIND_NUMBER;
    return q->match & PROCTOR_MATCH_NAME ? KIND_NAME : KIND_TEXT;
}

/* Grades every answer of a corpus file into t (overall) and by (per kind); prints each miss. */
static void
grade_file(const char *path, const char *name, struct tally *t, struct tally by[NKINDS])
{
    cJSON *root = read_json(path), *answers, *a;

    memset(t, 0, sizeof *t);
    memset(by, 0, NKINDS * sizeof *by);
    CHECK(root != NULL, "%s: the %s reads", path, name);
    if (!root)
        return;
    answers = cJSON_GetObjectItemCaseSensitive(root, "answers");
    cJSON_ArrayForEach(a, answers)
    {
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "id"));
        const struct proctor_question *q = id ? proctor_bank_find(bank, id) : NULL;
        const char *kinds[2] = {"right", "wrong"};

        CHECK(q != NULL, "%s: question '%s' is in the shipped bank", name, id ? id : "?");
        if (!q)
            continue;
        for (int k = 0; k < 2; k++) {
            cJSON *e;
            cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(a, kinds[k]))
            {
                struct proctor_grade_note note;
                const char *s = cJSON_GetStringValue(e);
                int ok = s && accepted(q, s, &note) == (k == 0);
                if (s)
                    same_grade(q, s);
                for (struct tally *u = t; u; u = u == t ? &by[kind_of(q)] : NULL) {
                    if (k == 0) {
                        u->right++;
                        u->right_ok += (size_t)ok;
                    } else {
                        u->wrong++;
                        u->wrong_ok += (size_t)ok;
                    }
                }
                if (listing || (!ok && !figures_only))
                    printf("# %s %s %-18s %s '%s'%s%s%s%s\n", name, ok ? "ok  " : "MISS", id,
                           kinds[k], s ? s : "?", note.flags ? " (wrote " : "",
                           note.flags ? note.wrote : "", note.flags ? "; expected " : "",
                           note.flags ? note.expected : "");
            }
        }
    }
    cJSON_Delete(root);
}

/* Every short and numeric question of the bank has its answers in the corpus. */
static void
check_coverage(void)
{
    cJSON *root = read_json(CORPUS), *a;

    if (!root)
        return;
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        int right = 0, wrong = 0;
        if (q->type != PROCTOR_SHORT && q->type != PROCTOR_NUMERIC)
            continue;
        cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(root, "answers"))
        {
            const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "id"));
            if (id && strcmp(id, q->id) == 0) {
                right += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "right"));
                wrong += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "wrong"));
            }
        }
        CHECK(right >= 8 && wrong >= 4,
              "corpus: '%s' has %d right and %d wrong answers (at least 8 and 4; add them to "
              "tests/fixtures/answers/corpus.json)",
              q->id, right, wrong);
    }
    cJSON_Delete(root);
}

/* The display order a typed form is read under: perm[k] = the option shown k-th. */
static int
perm_of(const struct proctor_question *q, cJSON *shown, size_t *perm, size_t max)
{
    const struct proctor_option *list = q->type == PROCTOR_MATCH ? q->rights : q->options;
    size_t n = q->type == PROCTOR_MATCH ? q->nrights : q->noptions, k = 0;
    cJSON *s;

    if (n > max || (size_t)cJSON_GetArraySize(shown) != n)
        return -1;
    cJSON_ArrayForEach(s, shown)
    {
        size_t i;
        for (i = 0; i < n; i++)
            if (cJSON_IsString(s) && strcmp(list[i].id, s->valuestring) == 0)
                break;
        if (i == n)
            return -1;
        perm[k++] = i;
    }
    return 0;
}

/* Whether the response holds exactly the ids (or pairs) want says. */
static int
same_ids(const struct proctor_question *q, const struct proctor_response *r, cJSON *want)
{
    size_t k = 0;
    cJSON *w;

    if ((size_t)cJSON_GetArraySize(want) != r->nids)
        return 0;
    cJSON_ArrayForEach(w, want)
    {
        if (q->type == PROCTOR_MATCH) {
            const char *l = cJSON_GetStringValue(cJSON_GetArrayItem(w, 0)),
                       *rt = cJSON_GetStringValue(cJSON_GetArrayItem(w, 1));
            if (!l || !rt || !r->ids2 || strcmp(r->ids[k], l) || strcmp(r->ids2[k], rt))
                return 0;
        } else if (!cJSON_IsString(w) || strcmp(r->ids[k], w->valuestring) != 0) {
            return 0;
        }
        k++;
    }
    return 1;
}

/* The typed forms of choice, multi, order and match answers. */
static void
check_typed(void)
{
    cJSON *root = read_json(CORPUS), *t;
    size_t n = 0, ok_n = 0;

    if (!root)
        return;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(root, "typed"))
    {
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "id"));
        const char *typed = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "typed"));
        const struct proctor_question *q = id ? proctor_bank_find(bank, id) : NULL;
        cJSON *partial = cJSON_GetObjectItemCaseSensitive(t, "partial");
        int refuse = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "refuse")), rc, ok;
        struct proctor_response r;
        struct proctor_error err;
        size_t perm[16];

        if (!q || !typed ||
            perm_of(q, cJSON_GetObjectItemCaseSensitive(t, "shown"), perm, 16) < 0) {
            CHECK(0, "typed: '%s' names a question of the bank and its options", id ? id : "?");
            continue;
        }
        memset(&r, 0, sizeof r);
        rc = proctor_response_parse(q, perm, typed, &r, &err);
        ok = refuse ? rc < 0
                    : rc == 0 && same_ids(q, &r, cJSON_GetObjectItemCaseSensitive(t, "want"));
        if (ok && partial) {
            char buf[128], want[128] = "";
            size_t len = 0, k = 0, np = (size_t)cJSON_GetArraySize(partial);
            cJSON *p;
            cJSON_ArrayForEach(p, partial)
            {
                len += (size_t)snprintf(want + len, sizeof want - len, "%s%d",
                                        k == 0 ? "" : k + 1 == np ? " and " : ", ",
                                        p->valueint);
                k++;
            }
            ok = proctor_response_unpaired(q, &r, buf, sizeof buf) == np && !strcmp(buf, want);
        }
        n++;
        ok_n += (size_t)ok;
        if (!figures_only)
            CHECK(ok, "typed: '%s' to %s %s", typed, id,
                  refuse ? "is refused" : "reads as the corpus says");
        if (!ok && !figures_only && rc < 0)
            printf("#   %s\n", err.msg);
        proctor_response_release(&r);
    }
    if (figures_only)
        printf("typed forms: %zu of %zu read as meant\n", ok_n, n);
    cJSON_Delete(root);
}

static double
share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* Prints a file's figures, overall and per kind; checks the targets when check is set. */
static void
report(const char *name, const struct tally *t, const struct tally by[NKINDS], int check)
{
    double racc = share(t->right_ok, t->right), wref = share(t->wrong_ok, t->wrong);

    printf("%s%s: right answers accepted %zu of %zu (%.1f %%); wrong answers refused %zu of %zu "
           "(%.1f %%)\n",
           figures_only ? "" : "# ", name, t->right_ok, t->right, racc, t->wrong_ok, t->wrong,
           wref);
    for (int k = 0; k < NKINDS; k++)
        if (by[k].right + by[k].wrong > 0)
            printf("%s  %-13s accepted %zu of %zu (%.1f %%), refused %zu of %zu (%.1f %%)\n",
                   figures_only ? "" : "# ", kind_names[k], by[k].right_ok, by[k].right,
                   share(by[k].right_ok, by[k].right), by[k].wrong_ok, by[k].wrong,
                   share(by[k].wrong_ok, by[k].wrong));
    if (figures_only || !check)
        return;
    CHECK(t->right > 0 && racc >= 95.0, "%s: at least 95 %% of right answers accepted (%.1f %%)",
          name, racc);
    CHECK(t->wrong > 0 && wref >= 99.0, "%s: at least 99 %% of wrong answers refused (%.1f %%)",
          name, wref);
}

int
main(int argc, char **argv)
{
    struct proctor_error err;
    struct tally corpus, held, by[NKINDS];
    int arg = 1;

    figures_only = argc > 1 && strcmp(argv[1], "--figures") == 0;
    listing = argc > 1 && strcmp(argv[1], "--list") == 0;
    arg += figures_only || listing;
    if (proctor_bank_load(SRCDIR "/questions", NULL, NULL, NULL, &bank, &err) != 0 || !bank) {
        CHECK(0, "the shipped bank loads: %s", err.msg);
        return harness_done();
    }
    {
        /* the verifier's copy: prepared when the verifier is made */
        struct proctor_roster *roster = proctor_roster_new();
        struct proctor_verifier *v = NULL;
        size_t unprepared = 0, objective = 0;
        if (proctor_bank_load(SRCDIR "/questions", NULL, NULL, NULL, &vbank, &err) != 0 ||
            !roster || proctor_verifier_new(roster, vbank, &v, &err) != 0) {
            CHECK(0, "the verifier's copy of the bank loads and a verifier is made");
            return harness_done();
        }
        for (size_t i = 0; i < vbank->nquestions; i++) {
            const struct proctor_question *q = &vbank->questions[i];
            if (q->type == PROCTOR_SHORT || q->type == PROCTOR_NUMERIC) {
                objective++;
                unprepared += q->prep == NULL;
            }
        }
        CHECK(objective > 0 && unprepared == 0,
              "a verifier prepares every short and numeric question (%zu of %zu unprepared)",
              unprepared, objective);
        CHECK(bank->questions[0].prep == NULL, "loading a bank prepares nothing");
        proctor_verifier_free(v);
        proctor_roster_free(roster);
    }
    if (arg < argc) {
        for (; arg < argc; arg++) {
            grade_file(argv[arg], argv[arg], &corpus, by);
            report(argv[arg], &corpus, by, 0);
        }
        proctor_bank_free(bank);
        proctor_bank_free(vbank);
        return figures_only ? 0 : harness_done();
    }
    grade_file(CORPUS, "corpus", &corpus, by);
    report("corpus", &corpus, by, 1);
    grade_file(HELD_OUT, "held-out set", &held, by);
    report("held-out set", &held, by, 1);
    if (!figures_only)
        CHECK(agreed >= 500 && disagreed == 0,
              "the runner and the verifier (prepared) grade every answer alike (%zu agree, %zu "
              "differ)",
              agreed, disagreed);
    if (!figures_only)
        check_coverage();
    check_typed();
    proctor_bank_free(bank);
    proctor_bank_free(vbank);
    return figures_only ? 0 : harness_done();
}
