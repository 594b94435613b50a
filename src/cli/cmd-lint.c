/* SPDX-License-Identifier: ISC */
/* cmd-lint.c - proctor lint: check a bank's schema, answers and passage references. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "proctor/bank-stats.h"
#include "proctor/limits.h"
#include "proctor/score.h"
#include "render.h"
#include "untrusted.h"

/* What lint does beyond loading: the report, the limits, and whether warnings fail it. */
struct lint_opts {
    int quiet, stats, strict;
    struct proctor_stats_limits limits;
};

/* Prints one warning: "proctor: warning: FILE:LINE:COL: question 'id': msg", or for the bank
 * as a whole "proctor: warning: DIR: msg". */
struct warn_ctx {
    const char *dir;
    size_t n;
};

static int
print_warning(void *ctx, const struct proctor_question *q, const char *msg)
{
    struct warn_ctx *w = ctx;

    fputs("proctor: warning: ", stderr);
    if (q) {
        untrusted_puts(stderr, q->file ? q->file : w->dir);
        if (q->line > 0)
            fprintf(stderr, ":%ld:%ld", q->line, q->column);
        fprintf(stderr, ": question '%s': ", untrusted_str(q->id));
    } else {
        fprintf(stderr, "%s: ", untrusted_str(w->dir));
    }
    untrusted_puts(stderr, msg);
    fputc('\n', stderr);
    w->n++;
    return 0;
}

/* "23 (25 %)": a count and its share of total, by the one percentage rule. */
static const char *
share(size_t n, size_t total, char *buf, size_t size)
{
    int p = proctor_percent((int64_t)n, (int64_t)total);
    if (p < 0)
        snprintf(buf, size, "%zu", n);
    else
        snprintf(buf, size, "%zu (%d %%)", n, p);
    return buf;
}

static void
print_counts(const char *title, const char *const *names, const size_t *counts, size_t n,
             size_t total)
{
    char b[48];

    printf("%s\n", title);
    for (size_t i = 0; i < n; i++)
        printf("  %-22s %s\n", untrusted_str(names[i]), share(counts[i], total, b, sizeof b));
}

/* The figures `lint --stats` prints; the limits are shown beside what they judge. */
static void
print_stats(const struct proctor_bank *bank, const struct proctor_bank_stats *s,
            const struct proctor_stats_limits *l)
{
    const char *names[PROCTOR_NTYPES > 8 ? PROCTOR_NTYPES : 8];
    size_t counts[PROCTOR_NTYPES > 8 ? PROCTOR_NTYPES : 8];
    char b[48];
    int k;

    printf("\n");
    printf("Questions per document\n");
    for (size_t i = 0; i < s->ndocs; i++)
        printf("  %-22s %s\n", untrusted_str(bank->docs[i].id),
               share(s->per_doc[i], s->nquestions, b, sizeof b));
    if (s->no_doc)
        printf("  %-22s %s\n", "(none)", share(s->no_doc, s->nquestions, b, sizeof b));
    for (k = 0; k < PROCTOR_NTYPES; k++) {
        names[k] = proctor_qtype_name((enum proctor_qtype)k);
        counts[k] = s->per_type[k];
    }
    print_counts("Questions per type", names, counts, PROCTOR_NTYPES, s->nquestions);
    for (k = 0; k < 3; k++) {
        names[k] = proctor_level_name((enum proctor_level)k);
        counts[k] = s->per_level[k];
    }
    print_counts("Questions per level", names, counts, 3, s->nquestions);
    printf("  %-22s %s", "beyond recall",
           share(s->nquestions - s->per_level[PROCTOR_RECALL], s->nquestions, b, sizeof b));
    if (l->min_beyond_recall > 0)
        printf("   (warned under %d %%)", l->min_beyond_recall);
    printf("\n");
    printf("Questions per difficulty\n");
    for (k = 1; k <= 3; k++) {
        char label[8];
        snprintf(label, sizeof label, "%d", k);
        printf("  %-22s %s\n", label, share(s->per_difficulty[k], s->nquestions, b, sizeof b));
    }
    printf("Questions per tag\n");
    for (size_t i = 0; i < s->ntags; i++)
        printf("  %-22s %s\n", untrusted_str(s->tags[i].tag),
               share(s->tags[i].n, s->nquestions, b, sizeof b));

    if (s->choice_gaps)
        printf("\nChoice questions: %zu, and %zu choice gap%s of cloze questions\n",
               s->nchoice - s->choice_gaps, s->choice_gaps, s->choice_gaps == 1 ? "" : "s");
    else
        printf("\nChoice questions: %zu\n", s->nchoice);
    if (s->nchoice) {
        size_t width = 0;
        for (size_t i = 0; i < PROCTOR_STATS_MAX_OPTIONS; i++)
            if (s->key_position[i] || s->key_rank[i])
                width = i + 1;
        printf("  the key is a longest option      %s\n",
               share(s->key_longest, s->nchoice, b, sizeof b));
        printf("  the key is the only longest      %s\n",
               share(s->key_uniquely_longest, s->nchoice, b, sizeof b));
        printf("  the key is the only shortest     %s\n",
               share(s->key_uniquely_shortest, s->nchoice, b, sizeof b));
        printf("  picking the longest scores       %d %%   (warned over %d %%)\n",
               proctor_percent(s->longest_score, (int64_t)s->nchoice * 1000), l->max_longest);
        for (int row = 0; row < 4; row++) {
            const size_t *v = row < 2 ? s->key_position : s->key_rank;
            printf("  %-32s", row == 0 ? "key position" : row == 2 ? "key length rank" : "");
            for (size_t i = 0; i < width; i++) {
                char cell[48], letter[2] = {(char)('a' + i), 0};
                if (row == 0)
                    snprintf(cell, sizeof cell, "%s", letter);
                else if (row == 2)
                    snprintf(cell, sizeof cell, "%s", i ? proctor_ordinal(i + 1) : "longest");
                else
                    share(v[i], s->nchoice, cell, sizeof cell);
                printf(" %-*s", i + 1 < width || row % 2 ? 11 : 0, cell);
            }
            if (row % 2)
                printf("(warned over %d %%)", row == 1 ? l->max_position : l->max_rank);
            printf("\n");
        }
        printf("  shown in the bank's order        %zu (\"shuffle\": false, or a gap)\n",
               s->choice_unshuffled);
    }
    printf("Multi questions: %zu\n", s->nmulti);
    if (s->nmulti) {
        printf("  mean option length               correct %.1f, wrong %.1f characters\n",
               s->multi_correct ? (double)s->multi_correct_chars / (double)s->multi_correct : 0.0,
               s->multi_wrong ? (double)s->multi_wrong_chars / (double)s->multi_wrong : 0.0);
        printf("  correct options longer           %s   (warned over %d %%)\n",
               share(s->multi_correct_longer, s->nmulti, b, sizeof b), l->max_multi_longer);
    }
    printf("True/false questions: %zu\n", s->ntruefalse);
    if (s->ntruefalse)
        printf("  true                             %s   (warned outside %d-%d %%)\n",
               share(s->ntrue, s->ntruefalse, b, sizeof b), l->true_min, l->true_max);
    printf("Options, items and match sides: %zu; the longest has %zu characters; %zu over %zu\n",
           s->options, s->longest_option, s->long_options, l->max_option_chars);
}

/* A document whose date or citation the manifest leaves out (as proctor init writes it) is
 * a reminder to fill them in; an empty string says the document has none. */
static void
doc_reminders(const struct proctor_bank *bank, struct warn_ctx *w)
{
    char msg[PROCTOR_QUESTION_ID_MAX * 2 + 200];

    for (size_t i = 0; i < bank->ndocs; i++) {
        const struct proctor_doc *d = &bank->docs[i];
        const char *missing = !d->date && !d->citation ? "'date' or 'citation'"
                              : !d->date               ? "'date'"
                              : !d->citation           ? "'citation'"
                                                       : NULL;
        if (!missing)
            continue;
        snprintf(msg, sizeof msg,
                 "document '%s' has no %s in sources/manifest.json: write what the document "
                 "gives (\"\" where it has none)",
                 d->id, missing);
        print_warning(w, NULL, msg);
    }
}

/* The questions that cite no passage, which a bank without "require_source" allows. */
static void
list_unsourced(const struct proctor_bank *bank, int quiet)
{
    size_t n = 0;

    for (size_t i = 0; i < bank->nquestions; i++)
        n += !bank->questions[i].doc;
    if (!n || quiet)
        return;
    printf("%zu question%s cite%s no passage (the manifest does not set \"require_source\"):\n",
           n, n == 1 ? "" : "s", n == 1 ? "s" : "");
    for (size_t i = 0; i < bank->nquestions; i++) {
        const struct proctor_question *q = &bank->questions[i];
        if (q->doc)
            continue;
        printf("  %s", untrusted_str(q->id));
        if (q->file) {
            printf("  ");
            untrusted_puts(stdout, q->file);
            if (q->line > 0)
                printf(":%ld", q->line);
        }
        printf("\n");
    }
}

static int
lint_bank(const char *dir, const char *const *files, const struct lint_opts *o)
{
    struct proctor_bank *bank = NULL;
    struct proctor_bank_stats *s = NULL;
    struct proctor_error err;
    struct warn_ctx w = {dir, 0};
    int n;

    proctor_error_clear(&err);
    n = proctor_bank_load_flags(dir, files, PROCTOR_BANK_NO_DIGEST, cli_print_diag, NULL, &bank,
                                &err);
    if (n < 0)
        return cli_report_bank(dir, &err);
    if (n > 0) {
        fprintf(stderr, "proctor: %s: %d problem%s found\n", untrusted_str(dir), n,
                n == 1 ? "" : "s");
        proctor_bank_free(bank);
        return EXIT_DATA;
    }
    if (!o->quiet || o->stats)
        printf("%s: %zu question%s, %zu document%s: ok\n", untrusted_str(dir), bank->nquestions,
               bank->nquestions == 1 ? "" : "s", bank->ndocs, bank->ndocs == 1 ? "" : "s");
    proctor_bank_question_warnings(bank, NULL, &o->limits, print_warning, &w);
    doc_reminders(bank, &w);
    list_unsourced(bank, o->quiet && !o->stats);
    if (o->stats) {
        if (proctor_bank_stats(bank, NULL, &o->limits, &s, &err) < 0) {
            proctor_bank_free(bank);
            return cli_report(&err);
        }
        print_stats(bank, s, &o->limits);
        fflush(stdout);
        proctor_bank_stats_warnings(s, &o->limits, print_warning, &w);
        proctor_bank_stats_free(s);
    }
    cli_bank_left(bank);
    if (w.n && o->strict) {
        fprintf(stderr, "proctor: %s: %zu warning%s (--strict)\n", untrusted_str(dir), w.n,
                w.n == 1 ? "" : "s");
        return EXIT_VERIFY;
    }
    return EXIT_OK;
}

enum {
    O_STATS = 1, O_STRICT, O_MAX_LONGEST, O_MAX_POSITION, O_MAX_RANK, O_MAX_MULTI, O_TRUE,
    O_BEYOND, O_OPTION_LENGTH, O_MIN_SAMPLE
};

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0,
     "the bank that question files given as PATH are checked against (default: the directory "
     "each file is in); without PATH, the bank to check (default: $PROCTOR_BANK, else "
     "./questions, else the installed bank)",
     "proctor lint --bank questions draft.json", CLI_V_DIR, NULL},
    {"quiet", 'q', NULL, 0, "print nothing when the bank is fine; problems are still reported",
     "proctor lint --quiet questions", CLI_V_NONE, NULL},
    {"stats", O_STATS, NULL, 0,
     "also print the bank's figures (questions per document, type, level, difficulty and tag; "
     "how often a choice key is the longest option, its position and length rank; multi option "
     "lengths; the true/false balance) and warn where its answers show through their shape",
     "proctor lint --stats questions", CLI_V_NONE, NULL},
    {"strict", O_STRICT, NULL, 0, "exit with status 1 when there is any warning",
     "proctor lint --stats --strict questions", CLI_V_NONE, NULL},
    {"max-longest", O_MAX_LONGEST, "PCT", 0,
     "with --stats: warn when always picking the longest choice option would score more than "
     "PCT % (default 35)",
     "proctor lint --stats --max-longest 30", CLI_V_NONE, NULL},
    {"max-position", O_MAX_POSITION, "PCT", 0,
     "with --stats: warn when more than PCT % of the choice keys sit at one position, in the "
     "bank's own order (default 35)",
     "proctor lint --stats --max-position 30", CLI_V_NONE, NULL},
    {"max-rank", O_MAX_RANK, "PCT", 0,
     "with --stats: warn when more than PCT % of the choice keys have one length rank "
     "(longest, 2nd longest, ...; default 35)",
     "proctor lint --stats --max-rank 30", CLI_V_NONE, NULL},
    {"max-multi-longer", O_MAX_MULTI, "PCT", 0,
     "with --stats: warn when the correct options are longer on average than the wrong ones in "
     "more than PCT % of the multi questions (default 65)",
     "proctor lint --stats --max-multi-longer 60", CLI_V_NONE, NULL},
    {"true-share", O_TRUE, "MIN-MAX", 0,
     "with --stats: warn when the share of true/false statements that are true is outside "
     "MIN-MAX % (default 40-60)",
     "proctor lint --stats --true-share 45-55", CLI_V_NONE, NULL},
    {"min-beyond-recall", O_BEYOND, "PCT", 0,
     "with --stats: warn when fewer than PCT % of the questions are at understanding or "
     "analysis level (default 0: no warning)",
     "proctor lint --stats --min-beyond-recall 45", CLI_V_NONE, NULL},
    {"min-sample", O_MIN_SAMPLE, "N", 0,
     "with --stats: judge the shape of a question type only when the bank has at least N "
     "questions of it (default 8)",
     "proctor lint --stats --min-sample 4 week3", CLI_V_NONE, NULL},
    {"max-option-length", O_OPTION_LENGTH, "N", 0,
     "warn about an option, item or match side longer than N characters (default 200)",
     "proctor lint --max-option-length 120", CLI_V_NONE, NULL},
    {0}};

const struct command command_lint = {
    "lint", cmd_lint, "check a question bank: schema, answers, passage references",
    "proctor lint [--bank DIR] [--quiet] [--strict] [--max-option-length N] [PATH...]\n"
    "       proctor lint --stats [--max-longest PCT] [--max-position PCT] [--max-rank PCT]\n"
    "       [--max-multi-longer PCT] [--true-share MIN-MAX] [--min-beyond-recall PCT]\n"
    "       [--min-sample N] [--bank DIR] [--quiet] [--strict] [--max-option-length N] [PATH...]",
    "Checks a bank: the JSON, every question's members, that its answers can be satisfied, "
    "unique ids, and that every quote occurs once in its document. A PATH is a bank directory "
    "or a question file. Every problem is reported as FILE:LINE:COLUMN: MESSAGE; the exit "
    "status is 3 when there is one.\n\n"
    "Warnings do not fail the check (unless --strict): an option over 200 characters, an "
    "\"all/none of the above\" option, a prompt ending in \"a\" or \"an\". With --stats, lint also "
    "prints the bank's figures and warns where answers show through their shape: the longest "
    "option too often the key, one position or length rank holding too many keys, correct multi "
    "options too often the longer ones, true/false statements too often true or false. The "
    "--max-..., --true-share, --min-beyond-recall and --min-sample options set when those "
    "warnings come.",
    options, CLI_V_FILE, NULL, 0};

/* The option with key c as the user types it ("--max-rank"), for messages. */
static const char *
option_name(int c, char *buf, size_t size)
{
    return cli_option_display(cli_option_find(&command_lint, c), buf, size);
}

/* s as a whole number from lo to hi, or -1. */
static long long
whole(const char *s, long long lo, long long hi)
{
    long long v = cli_parse_count(s);
    return v < lo || v > hi ? -1 : v;
}

int
cmd_lint(int argc, char **argv)
{
    const char *bank = NULL;
    struct cli_args a;
    struct lint_opts o;
    int c, limits = 0, status = EXIT_OK;
    long long n;
    char name[64];

    memset(&o, 0, sizeof o);
    proctor_stats_limits_default(&o.limits);
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 'b': bank = a.arg; break;
        case 'q': o.quiet = 1; break;
        case O_STATS: o.stats = 1; break;
        case O_STRICT: o.strict = 1; break;
        case O_MAX_LONGEST:
        case O_MAX_POSITION:
        case O_MAX_RANK:
        case O_MAX_MULTI:
        case O_BEYOND: {
            int *limit = c == O_MAX_LONGEST    ? &o.limits.max_longest
                         : c == O_MAX_POSITION ? &o.limits.max_position
                         : c == O_MAX_RANK     ? &o.limits.max_rank
                         : c == O_MAX_MULTI    ? &o.limits.max_multi_longer
                                               : &o.limits.min_beyond_recall;
            if ((n = whole(a.arg, 0, 100)) < 0)
                return cli_usage_error("lint", "%s wants a whole percentage from 0 to 100, not "
                                               "'%s'",
                                       option_name(c, name, sizeof name), a.arg);
            *limit = (int)n;
            limits = 1;
            break;
        }
        case O_TRUE: {
            char lo[8], hi[8];
            int end = 0;
            long long min = -1, max = -1;
            if (sscanf(a.arg, "%7[0-9]-%7[0-9]%n", lo, hi, &end) == 2 && !a.arg[end]) {
                min = whole(lo, 0, 100);
                max = whole(hi, 0, 100);
            }
            if (min < 0 || max < min)
                return cli_usage_error("lint", "--true-share wants MIN-MAX, two whole "
                                               "percentages such as 40-60, not '%s'",
                                       a.arg);
            o.limits.true_min = (int)min;
            o.limits.true_max = (int)max;
            limits = 1;
            break;
        }
        case O_MIN_SAMPLE:
        case O_OPTION_LENGTH:
            if ((n = whole(a.arg, 1, 1000000)) < 0)
                return cli_usage_error("lint", "%s wants a whole number from 1 to 1000000, not "
                                               "'%s'",
                                       option_name(c, name, sizeof name), a.arg);
            *(c == O_MIN_SAMPLE ? &o.limits.min_sample : &o.limits.max_option_chars) = (size_t)n;
            limits |= c == O_MIN_SAMPLE;
            break;
        case CLI_EXIT: return a.status;
        }
    }
    if (limits && !o.stats)
        return cli_usage_error("lint", "the shape limits (--max-longest, --true-share, ...) go "
                                       "with --stats");
    if (optind == argc)
        return lint_bank(cli_bank_dir(bank), NULL, &o);
    for (int i = optind; i < argc; i++) {
        struct stat st;
        int rc;
        if (stat(argv[i], &st) < 0) {
            cli_errorf("cannot open '%s': No such file or directory", argv[i]);
            rc = EXIT_IO;
        } else if (S_ISDIR(st.st_mode)) {
            rc = lint_bank(argv[i], NULL, &o);
        } else {
            /* a question file is checked against the bank it sits in (or --bank) */
            char dir[PATH_MAX];
            const char *files[2] = {argv[i], NULL}, *slash = strrchr(argv[i], '/');
            if (bank)
                snprintf(dir, sizeof dir, "%s", bank);
            else if (slash)
                snprintf(dir, sizeof dir, "%.*s", (int)(slash - argv[i]), argv[i]);
            else
                snprintf(dir, sizeof dir, ".");
            rc = lint_bank(dir, files, &o);
        }
        if (rc > status)
            status = rc;
    }
    return status;
}
