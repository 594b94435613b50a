/* SPDX-License-Identifier: ISC */
/* test-bank-stats.c - the counts and shape figures of a bank, and the warnings past limits. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "proctor/bank-stats.h"
#include "proctor/bank.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static struct proctor_bank *
load(const char *dir)
{
    struct proctor_bank *b = NULL;
    struct proctor_error err;

    if (proctor_bank_load_flags(dir, NULL, PROCTOR_BANK_NO_DIGEST, NULL, NULL, &b, &err) != 0) {
        proctor_bank_free(b);
        return NULL;
    }
    return b;
}

struct seen {
    size_t bank, question;
    char last[400];
    char about[70];
};

static int
collect(void *ctx, const struct proctor_question *q, const char *msg)
{
    struct seen *s = ctx;
    if (q) {
        s->question++;
        snprintf(s->about, sizeof s->about, "%s", q->id);
    } else {
        s->bank++;
    }
    snprintf(s->last, sizeof s->last, "%s", msg);
    return 0;
}

/* The fixture bank: counts by hand from all-types.json. */
static void
test_counts(void)
{
    struct proctor_bank *b = load(SRCDIR "/tests/fixtures/bank");
    struct proctor_bank_stats *s = NULL;
    struct proctor_filter f = {0};
    struct proctor_error err;
    const char *memo[] = {"memo"};

    CHECK(b != NULL, "the fixture bank loads");
    if (!b)
        return;
    CHECK(proctor_bank_stats(b, NULL, NULL, &s, &err) == 0 && s, "stats of the fixture bank");
    CHECK_INT(s->nquestions, b->nquestions, "every question counted");
    CHECK_INT(s->per_doc[0], b->nquestions, "all cite the one document");
    CHECK_INT(s->per_type[PROCTOR_CHOICE], 1, "one choice question");
    CHECK_INT(s->per_type[PROCTOR_ESSAY], 1, "one essay");
    CHECK_INT(s->per_level[PROCTOR_RECALL] + s->per_level[PROCTOR_UNDERSTANDING] +
                  s->per_level[PROCTOR_ANALYSIS],
              b->nquestions, "levels add up");
    CHECK_INT(s->per_level[PROCTOR_ANALYSIS], 1, "one analysis question");
    CHECK_INT(s->per_difficulty[3], 1, "one question of difficulty 3");
    /* chair: Ortiz (5, key, first), Lee (3), Park (4) */
    CHECK_INT(s->nchoice, 1, "choice counted");
    CHECK_INT(s->key_position[0], 1, "its key is option a");
    CHECK_INT(s->key_rank[0], 1, "and the longest");
    CHECK_INT(s->key_uniquely_longest, 1, "the only longest");
    CHECK_INT(s->longest_score, 1000, "so picking the longest scores the point");
    /* roles: Ortiz, Lee right (8 chars); Smith, Jones wrong (10) */
    CHECK_INT(s->nmulti, 1, "multi counted");
    CHECK_INT(s->multi_correct_chars, 8, "correct option characters");
    CHECK_INT(s->multi_wrong_chars, 10, "wrong option characters");
    CHECK_INT(s->multi_correct_longer, 0, "its correct options are not the longer ones");
    CHECK_INT(s->ntruefalse, 1, "true/false counted");
    CHECK_INT(s->ntrue, 1, "its statement is true");
    CHECK(s->ntags >= 1 && s->tags[0].n >= s->tags[s->ntags - 1].n, "tags most used first");
    proctor_bank_stats_free(s);

    f.docs = memo;
    f.ndocs = 1;
    f.levels = 1u << PROCTOR_ANALYSIS;
    CHECK(proctor_bank_stats(b, &f, NULL, &s, &err) == 0 && s->nquestions == 1,
          "a filter limits what is counted (one analysis question)");
    CHECK_INT(s->ntags, 1, "and the tags counted");
    proctor_bank_stats_free(s);
    proctor_bank_free(b);
}

/* tests/fixtures/shape trips every warning; the limits move them. */
static void
test_warnings(void)
{
    struct proctor_bank *b = load(SRCDIR "/tests/fixtures/shape");
    struct proctor_bank_stats *s = NULL;
    struct proctor_stats_limits l;
    struct proctor_error err;
    struct seen seen;

    CHECK(b != NULL, "the shape fixture loads");
    if (!b)
        return;
    proctor_stats_limits_default(&l);
    CHECK(proctor_bank_stats(b, NULL, &l, &s, &err) == 0, "stats of the shape fixture");
    /* 10 of 11 choice keys are the only longest, at 'a'; the eleventh ("above") is at 'c',
     * and "article"'s key "library" (7) beats "school" (6) */
    CHECK_INT(s->nchoice, 11, "eleven choice questions");
    CHECK_INT(s->key_position[0], 10, "ten keys at 'a'");
    CHECK_INT(s->longest_score, 10000, "picking the longest earns ten of eleven");
    CHECK_INT(s->multi_correct_longer, 8, "every multi question's correct options are longer");
    CHECK_INT(s->ntrue, 8, "every statement is true");
    CHECK_INT(s->long_options, 1, "one option over 200 characters");
    CHECK_INT(s->longest_option, 234, "the longest option's characters");

    memset(&seen, 0, sizeof seen);
    l.min_beyond_recall = 45;
    CHECK_INT(proctor_bank_stats_warnings(s, &l, collect, &seen), 6,
              "six bank-wide warnings: longest, position, rank, multi, true/false, recall");
    CHECK(strstr(seen.last, "beyond recall") != NULL, "the last is about recall: %s", seen.last);

    memset(&seen, 0, sizeof seen);
    l.max_longest = l.max_position = l.max_rank = l.max_multi_longer = 100;
    l.true_min = 0;
    l.true_max = 100;
    l.min_beyond_recall = 0;
    CHECK_INT(proctor_bank_stats_warnings(s, &l, collect, &seen), 0,
              "none when every limit allows everything");

    memset(&seen, 0, sizeof seen);
    proctor_stats_limits_default(&l);
    l.min_sample = 12;
    CHECK_INT(proctor_bank_stats_warnings(s, &l, collect, &seen), 0,
              "none when each type has fewer questions than the sample needs");

    memset(&seen, 0, sizeof seen);
    proctor_stats_limits_default(&l);
    CHECK_INT(proctor_bank_question_warnings(b, NULL, &l, collect, &seen), 3,
              "three question warnings: a long option, all of the above, an ending article");
    CHECK_STR(seen.about, "article", "the last is about the prompt ending in 'an'");
    CHECK(strstr(seen.last, "\"an\"") != NULL, "naming the article: %s", seen.last);
    memset(&seen, 0, sizeof seen);
    l.max_option_chars = 234;
    CHECK_INT(proctor_bank_question_warnings(b, NULL, &l, collect, &seen), 2,
              "an option of exactly the limit is fine");
    proctor_bank_stats_free(s);
    proctor_bank_free(b);
}

/* A choice question with these options, shuffled, for the hand-built banks below. */
static void
choice_question(struct proctor_question *q, char *id, struct proctor_option *o, size_t n)
{
    memset(q, 0, sizeof *q);
    q->id = id;
    q->type = PROCTOR_CHOICE;
    q->options = o;
    q->noptions = n;
    q->shuffle = 1;
}

/* Ties for longest share the point; ranks count strictly longer options. */
static void
test_ties(void)
{
    char a[] = "a", bb[] = "b", c[] = "c", same[] = "same", x[] = "x", id[] = "tie";
    struct proctor_option o[3] = {{a, same, 1}, {bb, same, 0}, {c, x, 0}};
    struct proctor_question q;
    struct proctor_bank b;
    struct proctor_bank_stats *s = NULL;
    struct proctor_error err;

    memset(&b, 0, sizeof b);
    choice_question(&q, id, o, 3);
    q.difficulty = 1;
    b.questions = &q;
    b.nquestions = 1;
    CHECK(proctor_bank_stats(&b, NULL, NULL, &s, &err) == 0, "stats of a one-question bank");
    CHECK_INT(s->longest_score, 500, "a two-way tie for longest earns half");
    CHECK_INT(s->key_longest, 1, "the key is a longest option");
    CHECK_INT(s->key_uniquely_longest, 0, "but not the only one");
    CHECK_INT(s->key_rank[0], 1, "no option is longer: rank 0");
    CHECK_INT(s->no_doc, 1, "a question without a document");
    proctor_bank_stats_free(s);

    /* a cloze's choice gap counts as a choice question shown as written */
    {
        char gid[] = "gap", cid[] = "cloze";
        struct proctor_option go[2] = {{a, x, 0}, {bb, same, 1}};
        struct proctor_question gap, cloze;
        choice_question(&gap, gid, go, 2);
        memset(&cloze, 0, sizeof cloze);
        cloze.id = cid;
        cloze.type = PROCTOR_CLOZE;
        cloze.gaps = &gap;
        cloze.ngaps = 1;
        cloze.difficulty = 2;
        b.questions = &cloze;
        CHECK(proctor_bank_stats(&b, NULL, NULL, &s, &err) == 0, "stats of a cloze question");
        CHECK_INT(s->nchoice, 1, "its choice gap is counted with the choice questions");
        CHECK_INT(s->choice_gaps, 1, "as a gap");
        CHECK_INT(s->key_position[1], 1, "its key at 'b'");
        CHECK_INT(s->choice_unshuffled, 1, "shown in the order written");
        CHECK_INT(s->options, 2, "its options counted");
        proctor_bank_stats_free(s);
    }
    CHECK_INT(proctor_text_chars("Roméo"), 5, "characters, not bytes");
    CHECK_STR(proctor_ordinal(2), "2nd", "ordinals");
}

int
main(void)
{
    test_counts();
    test_warnings();
    test_ties();
    return harness_done();
}
