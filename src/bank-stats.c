/* SPDX-License-Identifier: ISC */
/* bank-stats.c - counts over a bank and the warnings a teacher needs about its shape. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctor/bank-stats.h"

void
proctor_stats_limits_default(struct proctor_stats_limits *l)
{
    l->max_longest = 35;
    l->max_position = 35;
    l->max_rank = 35;
    l->max_multi_longer = 65;
    l->true_min = 40;
    l->true_max = 60;
    l->min_beyond_recall = 0;
    l->max_option_chars = 200;
    l->min_sample = 8;
}

const char *
proctor_ordinal(size_t n)
{
    static const char *const words[] = {"0th", "1st", "2nd", "3rd", "4th",
                                        "5th", "6th", "7th", "8th"};
    return n < sizeof words / sizeof *words ? words[n] : "nth";
}

size_t
proctor_text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void
count_option(struct proctor_bank_stats *s, const char *text, size_t limit)
{
    size_t n = proctor_text_chars(text ? text : "");
    s->options++;
    if (n > s->longest_option)
        s->longest_option = n;
    if (n > limit)
        s->long_options++;
}

/* A choice question (or a cloze's choice gap, shown as written when as_written): where its key
 * is, how its length ranks, what picking the longest earns. */
static void
count_choice(struct proctor_bank_stats *s, const struct proctor_question *q, int as_written)
{
    size_t len[PROCTOR_STATS_MAX_OPTIONS], key = 0, longest = 0, shortest = (size_t)-1;
    size_t nlongest = 0, nshortest = 0, longer = 0, n = q->noptions;

    if (n == 0 || n > PROCTOR_STATS_MAX_OPTIONS)
        return;
    for (size_t i = 0; i < n; i++) {
        len[i] = proctor_text_chars(q->options[i].text ? q->options[i].text : "");
        if (q->options[i].correct)
            key = i;
        if (len[i] > longest)
            longest = len[i];
        if (len[i] < shortest)
            shortest = len[i];
    }
    for (size_t i = 0; i < n; i++) {
        nlongest += len[i] == longest;
        nshortest += len[i] == shortest;
        longer += len[i] > len[key];
    }
    s->nchoice++;
    s->key_position[key]++;
    s->key_rank[longer]++;
    if (len[key] == longest) {
        s->key_longest++;
        s->key_uniquely_longest += nlongest == 1;
        s->longest_score += 1000 / (int64_t)nlongest;
    }
    if (len[key] == shortest && nshortest == 1)
        s->key_uniquely_shortest++;
    s->choice_unshuffled += as_written || !q->shuffle;
}

static void
count_multi(struct proctor_bank_stats *s, const struct proctor_question *q)
{
    uint64_t c = 0, w = 0;
    size_t nc = 0, nw = 0;

    for (size_t i = 0; i < q->noptions; i++) {
        size_t n = proctor_text_chars(q->options[i].text ? q->options[i].text : "");
        if (q->options[i].correct) {
            c += n;
            nc++;
        } else {
            w += n;
            nw++;
        }
    }
    s->nmulti++;
    s->multi_correct += nc;
    s->multi_wrong += nw;
    s->multi_correct_chars += c;
    s->multi_wrong_chars += w;
    /* correct longer on average: c / nc > w / nw, without division */
    if (nc && (!nw || c * nw > w * nc))
        s->multi_correct_longer++;
}

static int
by_count(const void *a, const void *b)
{
    const struct proctor_tag_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->tag, y->tag);
}

static int
by_tag(const void *a, const void *b)
{
    return strcmp(((const struct proctor_tag_count *)a)->tag,
                  ((const struct proctor_tag_count *)b)->tag);
}

/* Every tag of the chosen questions with its count: all tags gathered, sorted by name and
 * merged, then sorted by count. */
static int
count_tags(struct proctor_bank_stats *s, const struct proctor_bank *bank,
           const struct proctor_filter *filter)
{
    size_t all = 0, n = 0;
    struct proctor_tag_count *t;

    for (size_t i = 0; i < bank->nquestions; i++)
        if (proctor_filter_match(filter, &bank->questions[i]))
            all += bank->questions[i].ntags;
    t = calloc(all ? all : 1, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        if (!proctor_filter_match(filter, q))
            continue;
        for (size_t k = 0; k < q->ntags; k++)
            t[n++] = (struct proctor_tag_count){q->tags[k], 1};
    }
    qsort(t, n, sizeof *t, by_tag);
    all = n;
    n = 0;
    for (size_t i = 0; i < all; i++) {
        if (n && strcmp(t[n - 1].tag, t[i].tag) == 0)
            t[n - 1].n++;
        else
            t[n++] = t[i];
    }
    qsort(t, n, sizeof *t, by_count);
    s->tags = t;
    s->ntags = n;
    return 0;
}

int
proctor_bank_stats(const struct proctor_bank *bank, const struct proctor_filter *filter,
                   const struct proctor_stats_limits *limits, struct proctor_bank_stats **out,
                   struct proctor_error *err)
{
    struct proctor_stats_limits def;
    struct proctor_bank_stats *s;

    *out = NULL;
    if (!limits) {
        proctor_stats_limits_default(&def);
        limits = &def;
    }
    s = calloc(1, sizeof *s);
    if (!s || !(s->per_doc = calloc(bank->ndocs ? bank->ndocs : 1, sizeof *s->per_doc)) ||
        count_tags(s, bank, filter) < 0) {
        proctor_bank_stats_free(s);
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    s->ndocs = bank->ndocs;
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        if (!proctor_filter_match(filter, q))
            continue;
        s->nquestions++;
        if (q->doc && q->doc >= bank->docs && q->doc < bank->docs + bank->ndocs)
            s->per_doc[q->doc - bank->docs]++;
        else
            s->no_doc++;
        if ((unsigned)q->type < PROCTOR_NTYPES)
            s->per_type[q->type]++;
        if ((unsigned)q->level < 3)
            s->per_level[q->level]++;
        if (q->difficulty >= 1 && q->difficulty <= 3)
            s->per_difficulty[q->difficulty]++;
        for (size_t k = 0; k < q->noptions; k++)
            count_option(s, q->options[k].text, limits->max_option_chars);
        for (size_t k = 0; k < q->nrights; k++)
            count_option(s, q->rights[k].text, limits->max_option_chars);
        /* the answer's shape: the keys of choice and multi, the balance of true/false */
        if (q->type == PROCTOR_CHOICE)
            count_choice(s, q, 0);
        else if (q->type == PROCTOR_MULTI)
            count_multi(s, q);
        else if (q->type == PROCTOR_TRUEFALSE) {
            s->ntruefalse++;
            s->ntrue += q->truth != 0;
        }
        /* a cloze's choice gaps are choice questions shown in the order written */
        for (size_t g = 0; g < q->ngaps; g++) {
            const struct proctor_question *gap = &q->gaps[g];
            for (size_t k = 0; k < gap->noptions; k++)
                count_option(s, gap->options[k].text, limits->max_option_chars);
            if (gap->type == PROCTOR_CHOICE) {
                count_choice(s, gap, 1);
                s->choice_gaps++;
            }
        }
    }
    *out = s;
    return 0;
}

void
proctor_bank_stats_free(struct proctor_bank_stats *s)
{
    if (!s)
        return;
    free(s->per_doc);
    free(s->tags);
    free(s);
}

/* Is n out of total more than pct percent? (exact: no rounding) */
static int
over(uint64_t n, uint64_t total, int pct)
{
    return n * 100 > (uint64_t)pct * total;
}

static int
under(uint64_t n, uint64_t total, int pct)
{
    return n * 100 < (uint64_t)pct * total;
}

/* n of total as a whole percentage, rounded to nearest (for messages) */
static unsigned
pct(uint64_t n, uint64_t total)
{
    return total ? (unsigned)((n * 200 + total) / (total * 2)) : 0;
}

size_t
proctor_bank_stats_warnings(const struct proctor_bank_stats *s,
                            const struct proctor_stats_limits *l, proctor_warn_fn fn, void *ctx)
{
    const char *what = s->choice_gaps ? "questions and gaps" : "questions";
    char msg[320];
    size_t n = 0;
    int stop = 0;

#define WARN(...)                                                                          \
    do {                                                                                    \
        snprintf(msg, sizeof msg, __VA_ARGS__);                                             \
        n++;                                                                                \
        if (!stop && fn)                                                                    \
            stop = fn(ctx, NULL, msg);                                                      \
    } while (0)

    if (s->nchoice && s->nchoice >= l->min_sample) {
        /* the score in thousandths of a question against pct percent of nchoice questions */
        if ((uint64_t)s->longest_score * 100 > (uint64_t)l->max_longest * s->nchoice * 1000)
            WARN("picking the longest option scores %u %% on the %zu choice %s (more than %d "
                 "%%): make the distractors as long and as specific as the key",
                 pct((uint64_t)s->longest_score, (uint64_t)s->nchoice * 1000), s->nchoice, what,
                 l->max_longest);
        for (size_t i = 0; i < PROCTOR_STATS_MAX_OPTIONS; i++)
            if (over(s->key_position[i], s->nchoice, l->max_position))
                WARN("the key is option '%c' in %zu of the %zu choice %s (%u %%, more than %d "
                     "%%): move keys to other positions",
                     (int)('a' + i), s->key_position[i], s->nchoice, what,
                     pct(s->key_position[i], s->nchoice), l->max_position);
        for (size_t i = 0; i < PROCTOR_STATS_MAX_OPTIONS; i++)
            if (over(s->key_rank[i], s->nchoice, l->max_rank))
                WARN("the key is the %s%slongest option in %zu of the %zu choice %s (%u %%, "
                     "more than %d %%): vary which option is longest",
                     i ? proctor_ordinal(i + 1) : "", i ? " " : "", s->key_rank[i], s->nchoice,
                     what, pct(s->key_rank[i], s->nchoice), l->max_rank);
    }
    if (s->nmulti && s->nmulti >= l->min_sample &&
        over(s->multi_correct_longer, s->nmulti, l->max_multi_longer))
        WARN("the correct options are longer on average in %zu of the %zu multi questions "
             "(%u %%, more than %d %%): lengthen the wrong ones",
             s->multi_correct_longer, s->nmulti, pct(s->multi_correct_longer, s->nmulti),
             l->max_multi_longer);
    if (s->ntruefalse && s->ntruefalse >= l->min_sample &&
        (under(s->ntrue, s->ntruefalse, l->true_min) ||
         over(s->ntrue, s->ntruefalse, l->true_max)))
        WARN("%zu of the %zu true/false statements are true (%u %%, outside %d-%d %%): "
             "rewrite some statements the other way",
             s->ntrue, s->ntruefalse, pct(s->ntrue, s->ntruefalse), l->true_min, l->true_max);
    if (s->nquestions && l->min_beyond_recall > 0 &&
        under(s->nquestions - s->per_level[PROCTOR_RECALL], s->nquestions, l->min_beyond_recall))
        WARN("%zu of the %zu questions are beyond recall (%u %%, fewer than %d %%)",
             s->nquestions - s->per_level[PROCTOR_RECALL], s->nquestions,
             pct(s->nquestions - s->per_level[PROCTOR_RECALL], s->nquestions),
             l->min_beyond_recall);
#undef WARN
    return n;
}

/* Does text say "all of the above", "none of the above" or the like? */
static int
above_option(const char *text)
{
    static const char *const cues[] = {"of the above", "all of these", "none of these",
                                       "all the above", "none above"};
    char low[256];
    size_t i;

    for (i = 0; text[i] && i < sizeof low - 1; i++)
        low[i] = (char)tolower((unsigned char)text[i]);
    low[i] = '\0';
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
        if (strstr(low, cues[k]))
            return 1;
    return 0;
}

/* Does the prompt end with the article "a" or "an" (before a blank to fill)? Returns it. */
static const char *
ending_article(const char *prompt)
{
    size_t n = strlen(prompt);

    while (n && (isspace((unsigned char)prompt[n - 1]) || strchr("_.:?", prompt[n - 1]) ||
                 (unsigned char)prompt[n - 1] >= 0x80))
        n--;
    if (n >= 2 && (prompt[n - 2] == 'a' || prompt[n - 2] == 'A') && prompt[n - 1] == 'n' &&
        (n == 2 || !isalpha((unsigned char)prompt[n - 3])))
        return "an";
    if (n >= 1 && (prompt[n - 1] == 'a' || prompt[n - 1] == 'A') &&
        (n == 1 || !isalpha((unsigned char)prompt[n - 2])))
        return "a";
    return NULL;
}

size_t
proctor_bank_question_warnings(const struct proctor_bank *bank,
                               const struct proctor_filter *filter,
                               const struct proctor_stats_limits *l, proctor_warn_fn fn,
                               void *ctx)
{
    char msg[320];
    size_t n = 0;
    int stop = 0;

#define QWARN(q, ...)                                                                      \
    do {                                                                                    \
        snprintf(msg, sizeof msg, __VA_ARGS__);                                             \
        n++;                                                                                \
        if (!stop && fn)                                                                    \
            stop = fn(ctx, q, msg);                                                         \
    } while (0)

    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        const char *article;
        const char *what = q->type == PROCTOR_ORDER ? "item" : q->type == PROCTOR_MATCH
                                                                  ? "left item"
                                                                  : "option";
        if (!proctor_filter_match(filter, q))
            continue;
        for (size_t k = 0; k < q->noptions; k++) {
            const char *t = q->options[k].text ? q->options[k].text : "";
            size_t chars = proctor_text_chars(t);
            if (chars > l->max_option_chars)
                QWARN(q, "%s %zu has %zu characters (more than %zu): shorten it", what, k + 1,
                      chars, l->max_option_chars);
            if ((q->type == PROCTOR_CHOICE || q->type == PROCTOR_MULTI) && above_option(t))
                QWARN(q, "option %zu is an \"all/none of the above\" option, a cue students "
                         "learn to read: write the options out instead",
                      k + 1);
        }
        for (size_t k = 0; k < q->nrights; k++) {
            size_t chars = proctor_text_chars(q->rights[k].text ? q->rights[k].text : "");
            if (chars > l->max_option_chars)
                QWARN(q, "right item %zu has %zu characters (more than %zu): shorten it", k + 1,
                      chars, l->max_option_chars);
        }
        for (size_t g = 0; g < q->ngaps; g++)
            for (size_t k = 0; k < q->gaps[g].noptions; k++) {
                const char *t = q->gaps[g].options[k].text ? q->gaps[g].options[k].text : "";
                size_t chars = proctor_text_chars(t);
                if (chars > l->max_option_chars)
                    QWARN(q, "gap {%zu}, option %zu has %zu characters (more than %zu): shorten "
                             "it",
                          g + 1, k + 1, chars, l->max_option_chars);
                if (above_option(t))
                    QWARN(q, "gap {%zu}, option %zu is an \"all/none of the above\" option: "
                             "write the options out instead",
                          g + 1, k + 1);
            }
        if ((q->type == PROCTOR_CHOICE || q->type == PROCTOR_MULTI) && q->prompt &&
            (article = ending_article(q->prompt)) != NULL)
            QWARN(q, "the prompt ends in \"%s\", which tells which options fit: end it before "
                     "the article",
                  article);
    }
#undef QWARN
    return n;
}
