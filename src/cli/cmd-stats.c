/* SPDX-License-Identifier: ISC */
/*
 * cmd-stats.c - proctor stats: a student's progress from the study database: how much of
 * each document is learned, what falls due in the next 30 days (a bar chart), true retention,
 * reviews per day, leeches with their passages, and questions changed since studied.
 */
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/score.h"
#include "proctor/study.h"
#include "render.h"
#include "untrusted.h"

#define CHART_ROWS 6

enum { O_JSON = 1 };

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor stats --bank ~/course/questions", CLI_V_DIR,
     NULL},
    {"json", O_JSON, NULL, 0, "print one JSON object (docs/STUDY.md describes it)",
     "proctor stats --json", CLI_V_NONE, NULL},
    {0}};

const struct command command_stats = {
    "stats", cmd_stats, "your study progress: learned, due, retention, leeches",
    "proctor stats [--bank DIR] [--json]",
    "From your study database: per document, how many questions you have studied, how well you "
    "would recall them now (mean retrievability) and how many are mature (an interval of 21 "
    "days or more); what falls due in the next 30 days, as a bar chart; your true retention "
    "(reviews of learned questions answered right, last 30 days); reviews per day; leeches "
    "(questions lapsed 8 times or more) with their passages; and questions edited since you "
    "studied them. Plain text off a terminal; NO_COLOR turns colour off.",
    options, CLI_V_NONE, NULL, 0};

/* One column per value (values[0] on the left), CHART_ROWS high; a column of a non-zero value
 * is at least one cell high. */
/* The axis under a chart of n columns: label k (of nlabels) under column cols[k]. */
static void
axis(size_t n, const size_t *cols, const char *const *labels, size_t nlabels, const char *unit)
{
    char line[128];
    size_t len = 0;
    memset(line, ' ', sizeof line);
    for (size_t k = 0; k < nlabels; k++) {
        size_t w = strlen(labels[k]);
        if (cols[k] < len || cols[k] + w > sizeof line - 1)
            continue;
        memcpy(line + cols[k], labels[k], w);
        len = cols[k] + w + 1;
    }
    if (len < n)
        len = n;
    while (len > 0 && line[len - 1] == ' ')
        len--;
    printf("         %.*s  %s\n", (int)len, line, unit);
}

static void
chart(const struct style *st, const size_t *values, size_t n, const char *cell)
{
    size_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    if (max == 0) {
        printf("  (none)\n");
        return;
    }
    for (int row = CHART_ROWS; row >= 1; row--) {
        if (row == CHART_ROWS)
            printf("  %5zu |", max);
        else
            printf("        |");
        size_t last = n; /* the row ends at its last filled column: no trailing blanks */
        while (last > 0 && (values[last - 1] * CHART_ROWS + max - 1) / max < (size_t)row)
            last--;
        fputs(sty(st, "green"), stdout);
        for (size_t i = 0; i < last; i++)
            fputs((values[i] * CHART_ROWS + max - 1) / max >= (size_t)row ? cell : " ", stdout);
        fputs(sty(st, "reset"), stdout);
        putchar('\n');
    }
    printf("      0 +");
    for (size_t i = 0; i < n; i++)
        putchar('-');
    putchar('\n');
}

static void
print_text(const struct proctor_study_stats *s, const struct proctor_bank *bank,
           const char *bank_id)
{
    struct style st = render_style(stdout);
    const char *cell = "#";
    size_t reviews[PROCTOR_STUDY_DAYS], recent = 0;

    /* block characters on a UTF-8 terminal; plain '#' elsewhere */
    if (isatty(fileno(stdout)) && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
        cell = "\u2588";
    printf("%sStudy progress%s: %s\n", sty(&st, "bold"), sty(&st, "reset"),
           untrusted_str(bank_id));
    printf("  %zu of %zu questions studied; %zu mature; %zu in learning; %zu reviews in all.\n\n",
           s->seen, s->questions, s->mature, s->learning, s->total_reviews);
    printf("  %-16s %9s %10s %8s  %s\n", "document", "studied", "mature", "recall", "learned");
    for (size_t d = 0; d < s->ndocs; d++) {
        const struct proctor_study_doc_stats *ds = &s->docs[d];
        char studied[32], mature[32], recall[16], bar[64];
        int bw = 20, fill;
        if (!ds->questions)
            continue;
        snprintf(studied, sizeof studied, "%zu/%zu", ds->seen, ds->questions);
        snprintf(mature, sizeof mature, "%d%%", proctor_percent((int64_t)ds->mature,
                                                            (int64_t)ds->questions));
        if (ds->seen)
            snprintf(recall, sizeof recall, "%d%%", (int)(ds->retrievability * 100 + 0.5));
        else
            snprintf(recall, sizeof recall, "-");
        /* learned: the share of questions studied, weighted by recall now */
        fill = (int)((double)bw * ds->retrievability * (double)ds->seen / (double)ds->questions +
                     0.5);
        for (int k = 0; k < bw; k++)
            bar[k] = k < fill ? '#' : '.';
        bar[bw] = '\0';
        printf("  %-16s %9s %10s %8s  [%s%s%s]\n", untrusted_str(ds->doc->id), studied, mature,
               recall, sty(&st, "green"), bar, sty(&st, "reset"));
    }
    if (s->seen)
        printf("  %-16s %9s %9d%% %7d%%\n", "all",
               "", proctor_percent((int64_t)s->mature, (int64_t)s->questions),
               (int)(s->retrievability * 100 + 0.5));

    printf("\n%sDue in the next 30 days%s (today first; overdue counts as today): %zu today, "
           "%zu tomorrow\n",
           sty(&st, "bold"), sty(&st, "reset"), s->due[0], s->due[1]);
    chart(&st, s->due, PROCTOR_STUDY_DAYS, cell);
    {
        static const size_t cols[] = {0, 5, 10, 15, 20, 25};
        static const char *const labels[] = {"0", "5", "10", "15", "20", "25"};
        axis(PROCTOR_STUDY_DAYS, cols, labels, 6, "days from today");
    }

    for (size_t i = 0; i < PROCTOR_STUDY_DAYS; i++) {
        reviews[i] = s->reviews[PROCTOR_STUDY_DAYS - 1 - i];
        recent += reviews[i];
    }
    printf("\n%sReviews per day%s, last 30 days (today on the right): %zu in all, %zu today\n",
           sty(&st, "bold"), sty(&st, "reset"), recent, s->reviews[0]);
    chart(&st, reviews, PROCTOR_STUDY_DAYS, cell);
    {
        static const size_t cols[] = {0, 9, 19, 29};
        static const char *const labels[] = {"-29", "-20", "-10", "0"};
        axis(PROCTOR_STUDY_DAYS, cols, labels, 4, "days ago (0 is today)");
    }

    printf("\n%sTrue retention%s, last 30 days: ", sty(&st, "bold"), sty(&st, "reset"));
    if (s->retention_reviews)
        printf("%d%% (%zu of %zu reviews of learned questions answered right)\n",
               proctor_percent((int64_t)s->retention_passed, (int64_t)s->retention_reviews),
               s->retention_passed, s->retention_reviews);
    else
        printf("no reviews of learned questions yet\n");

    if (s->nleeches) {
        printf("\n%sLeeches%s (lapsed %d times or more: worth rereading the passage):\n",
               sty(&st, "bold"), sty(&st, "reset"), PROCTOR_STUDY_LEECH);
        for (size_t i = 0; i < s->nleeches; i++) {
            printf("\n  %s, %d lapses\n", untrusted_str(s->leeches[i].q->id),
                   (int)s->leeches[i].lapses);
            render_wrap(stdout, &st, s->leeches[i].q->prompt, 4);
            render_passage(stdout, &st, s->leeches[i].q);
        }
    }
    if (s->nchanged) {
        printf("\n%sChanged since you studied them%s (their history is kept):\n",
               sty(&st, "bold"), sty(&st, "reset"));
        for (size_t i = 0; i < s->nchanged; i++)
            printf("  %s\n", untrusted_str(s->changed[i].q->id));
        printf("  'proctor study --keep ID' keeps a history as it is; 'proctor study --reset "
               "ID' starts the question afresh.\n");
    }
    if (s->orphans)
        printf("\n%zu studied question%s no longer in this bank.\n", s->orphans,
               s->orphans == 1 ? " is" : "s are");
    (void)bank;
}

static void
json_str(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void
print_json(const struct proctor_study_stats *s, const char *bank_id, int64_t now)
{
    printf("{\"bank\":");
    json_str(bank_id);
    printf(",\"time\":%lld,\"questions\":%zu,\"studied\":%zu,\"mature\":%zu,\"learning\":%zu,"
           "\"retrievability\":",
           (long long)now, s->questions, s->seen, s->mature, s->learning);
    if (s->seen)
        printf("%.6f", s->retrievability);
    else
        printf("null");
    printf(",\"total_reviews\":%zu,\"documents\":[", s->total_reviews);
    for (size_t d = 0, k = 0; d < s->ndocs; d++) {
        const struct proctor_study_doc_stats *ds = &s->docs[d];
        if (!ds->questions)
            continue;
        printf("%s{\"id\":", k++ ? "," : "");
        json_str(ds->doc->id);
        printf(",\"questions\":%zu,\"studied\":%zu,\"mature\":%zu,\"retrievability\":",
               ds->questions, ds->seen, ds->mature);
        if (ds->seen)
            printf("%.6f}", ds->retrievability);
        else
            printf("null}");
    }
    printf("],\"due\":[");
    for (size_t i = 0; i < PROCTOR_STUDY_DAYS; i++)
        printf("%s%zu", i ? "," : "", s->due[i]);
    printf("],\"reviews\":[");
    for (size_t i = 0; i < PROCTOR_STUDY_DAYS; i++)
        printf("%s%zu", i ? "," : "", s->reviews[i]);
    printf("],\"retention\":{\"reviews\":%zu,\"passed\":%zu,\"rate\":", s->retention_reviews,
           s->retention_passed);
    if (s->retention_reviews)
        printf("%.6f}", (double)s->retention_passed / (double)s->retention_reviews);
    else
        printf("null}");
    printf(",\"leeches\":[");
    for (size_t i = 0; i < s->nleeches; i++) {
        const struct proctor_question *q = s->leeches[i].q;
        printf("%s{\"id\":", i ? "," : "");
        json_str(q->id);
        printf(",\"lapses\":%d,\"doc\":", (int)s->leeches[i].lapses);
        json_str(q->doc ? q->doc->id : "");
        printf(",\"line\":%ld,\"quote\":", q->doc && q->para < q->doc->nparas
                                               ? q->doc->paras[q->para].line
                                               : 0L);
        json_str(q->quote ? q->quote : "");
        putchar('}');
    }
    printf("],\"changed\":[");
    for (size_t i = 0; i < s->nchanged; i++) {
        if (i)
            putchar(',');
        json_str(s->changed[i].q->id);
    }
    printf("],\"orphans\":%zu}\n", s->orphans);
}

int
cmd_stats(int argc, char **argv)
{
    const char *bankdir = NULL;
    struct cli_args a;
    struct cli_study cs;
    struct proctor_study *db = NULL;
    struct proctor_bank *bank = NULL;
    struct proctor_study_stats *s = NULL;
    struct proctor_error err;
    char bank_id[PROCTOR_STUDY_BANK_ID_MAX];
    int c, rc, json = 0;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case O_JSON: json = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind != argc)
        return cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
    if ((rc = cli_study_setup("stats", NULL, &cs)) != 0)
        return rc;
    if ((rc = cli_load_bank(cli_bank_dir(bankdir), PROCTOR_BANK_NO_DIGEST, &bank)) != 0)
        return rc;
    if ((rc = cli_study_open(&cs, &db)) != 0)
        goto out;
    proctor_study_bank_id(bank, bank_id, sizeof bank_id);
    if (proctor_study_stats(db, bank, bank_id, &cs.cfg.fsrs, cs.now, cs.day_start, &s, &err) <
        0) {
        rc = cli_report(&err);
        goto out;
    }
    if (json)
        print_json(s, bank_id, cs.now);
    else if (s->total_reviews == 0 && s->seen == 0)
        printf("Nothing studied yet in this bank (%s). Run 'proctor study' to start: 20 new "
               "questions a day, then what you are about to forget.\n",
               untrusted_str(bank_id));
    else
        print_text(s, bank, bank_id);
out:
    proctor_study_stats_free(s);
    proctor_study_close(db);
    proctor_bank_free(bank);
    return rc;
}
