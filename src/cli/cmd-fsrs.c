/* SPDX-License-Identifier: ISC */
/*
 * cmd-fsrs.c - proctor fsrs memory | schedule: the FSRS-6 scheduler on a review history
 * given on the command line, for scripts and for checking against other implementations.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/fileio.h"
#include "proctor/fsrs.h"

#define MAX_WEIGHTS_FILE (64u << 10)

int
cli_load_weights(const char *arg, struct proctor_fsrs *f)
{
    double w[PROCTOR_FSRS_NWEIGHTS];
    struct proctor_error err;
    char *text = NULL;
    size_t len, n;
    int rc;

    proctor_error_clear(&err);
    /* an inline list ("0.212,1.2931,...") unless a file has that name */
    if (access(arg, F_OK) != 0 && proctor_fsrs_parse_weights(arg, strlen(arg), NULL, w, &n,
                                                             NULL) == 0) {
        if (proctor_fsrs_set_weights(f, w, n, &err) < 0) {
            cli_errorf("--weights: %s", err.msg);
            return EXIT_USAGE;
        }
        return 0;
    }
    if (proctor_file_read(arg, MAX_WEIGHTS_FILE, &text, &len, &err) < 0)
        return cli_report(&err);
    rc = proctor_fsrs_parse_weights(text, len, arg, w, &n, &err);
    free(text);
    if (rc < 0 || proctor_fsrs_set_weights(f, w, n, &err) < 0) {
        if (!err.path[0])
            snprintf(err.path, sizeof err.path, "%s", arg);
        return cli_report(&err);
    }
    return 0;
}

/* "0.9" for a number option of cmd (name without dashes); EXIT_USAGE after a message. */
static int
number_option(const char *cmd, const char *name, const char *arg, double lo, double hi,
              double *out)
{
    double v;
    if (proctor_fsrs_parse_number(arg, &v) < 0 || !(v > lo && v <= hi))
        return cli_usage_error(cmd, "--%s needs a number above %g and at most %g, not '%s'", name,
                               lo, hi, arg);
    *out = v;
    return 0;
}

/* JSON numbers: enough digits for 1e-4 on any stability up to 36500 days. */
static void
json_num(double v)
{
    if (isfinite(v))
        printf("%.10g", v);
    else
        fputs("null", stdout);
}

static void
print_weights_json(const struct proctor_fsrs *f)
{
    fputs("\"weights\":[", stdout);
    for (int i = 0; i < PROCTOR_FSRS_NWEIGHTS; i++) {
        if (i)
            putchar(',');
        json_num(f->w[i]);
    }
    putchar(']');
}

static const char *const rating_names[] = {"", "again", "hard", "good", "easy"};

static int
fsrs_memory(const struct proctor_fsrs *f, const struct proctor_fsrs_item *it, size_t n,
            const struct proctor_fsrs_memory *start, int json)
{
    struct proctor_fsrs_memory m = {0, 0};

    if (json) {
        printf("{\"retention\":");
        json_num(f->retention);
        printf(",\"max_interval\":%ld,", (long)f->max_interval);
        print_weights_json(f);
        printf(",\"reviews\":[");
    } else {
        printf("FSRS-6 memory states, desired retention %.4g, intervals in days\n\n",
               f->retention);
        printf("review  rating   elapsed  stability  difficulty  retrievability  interval\n");
    }
    for (size_t i = 0; i < n; i++) {
        double r = -1;
        if (i == 0 && !start) {
            proctor_fsrs_first(f, it[i].rating, &m);
        } else {
            if (i == 0)
                m = *start;
            r = proctor_fsrs_retrievability(f, (double)it[i].elapsed, m.stability);
            proctor_fsrs_next(f, &m, it[i].elapsed, it[i].rating, &m);
        }
        if (json) {
            printf("%s{\"rating\":%d,\"elapsed_days\":%lld,\"stability\":", i ? "," : "",
                   it[i].rating, (long long)it[i].elapsed);
            json_num(m.stability);
            printf(",\"difficulty\":");
            json_num(m.difficulty);
            printf(",\"retrievability\":");
            if (r < 0)
                fputs("null", stdout);
            else
                json_num(r);
            printf(",\"interval\":%ld,\"interval_exact\":", (long)proctor_fsrs_interval_days(f, m.stability));
            json_num(proctor_fsrs_interval(f, m.stability));
            putchar('}');
        } else {
            char rs[16];
            if (r < 0)
                snprintf(rs, sizeof rs, "-");
            else
                snprintf(rs, sizeof rs, "%.4f", r);
            printf("%6zu  %d %-5s  %7lld  %9.4f  %10.4f  %14s  %8ld\n", i + 1, it[i].rating,
                   rating_names[it[i].rating], (long long)it[i].elapsed, m.stability,
                   m.difficulty, rs, (long)proctor_fsrs_interval_days(f, m.stability));
        }
    }
    if (json) {
        printf("],\"stability\":");
        json_num(m.stability);
        printf(",\"difficulty\":");
        json_num(m.difficulty);
        printf(",\"interval\":%ld}\n", (long)proctor_fsrs_interval_days(f, m.stability));
    } else {
        printf("\nAfter %zu review%s: stability %.4f days, difficulty %.4f; next review in %ld "
               "day%s.\n",
               n, n == 1 ? "" : "s", m.stability, m.difficulty,
               (long)proctor_fsrs_interval_days(f, m.stability),
               proctor_fsrs_interval_days(f, m.stability) == 1 ? "" : "s");
    }
    return EXIT_OK;
}

/* "10m", "2d", "1h 30m", "45s": a delay for people. */
static const char *
human_delay(int64_t s, char *buf, size_t size)
{
    if (s % 86400 == 0)
        snprintf(buf, size, "%lldd", (long long)(s / 86400));
    else if (s >= 3600 && s % 60 == 0)
        snprintf(buf, size, "%lldh%02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
    else if (s % 60 == 0)
        snprintf(buf, size, "%lldm", (long long)(s / 60));
    else if (s > 60)
        snprintf(buf, size, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
    else
        snprintf(buf, size, "%llds", (long long)s);
    return buf;
}

static int
fsrs_schedule(const struct proctor_fsrs *f, const struct proctor_fsrs_item *it, size_t n,
              const char *fuzz_id, int json)
{
    struct proctor_fsrs_card c;
    int64_t now = 0;

    memset(&c, 0, sizeof c);
    if (json) {
        printf("{\"retention\":");
        json_num(f->retention);
        printf(",\"max_interval\":%ld,\"fuzz\":%s,", (long)f->max_interval,
               f->fuzz ? "true" : "false");
        print_weights_json(f);
        printf(",\"learning_steps\":[");
        for (size_t k = 0; k < f->nlearning; k++)
            printf("%s%lu", k ? "," : "", (unsigned long)f->learning[k]);
        printf("],\"relearning_steps\":[");
        for (size_t k = 0; k < f->nrelearning; k++)
            printf("%s%lu", k ? "," : "", (unsigned long)f->relearning[k]);
        printf("],\"reviews\":[");
    } else {
        printf("FSRS-6 schedule, desired retention %.4g, times in seconds from the first "
               "review\n\n",
               f->retention);
        printf("review        time  rating  state before -> after     step  stability  "
               "difficulty  retrievability    interval\n");
    }
    for (size_t i = 0; i < n; i++) {
        struct proctor_fsrs_outcome o;
        int64_t elapsed_days;
        now = i == 0 ? 0 : now + it[i].elapsed;
        elapsed_days = c.state == PROCTOR_FSRS_NEW ? 0 : (now - c.last_review) / 86400;
        proctor_fsrs_review(f, &c, now, elapsed_days, it[i].rating,
                            proctor_fsrs_fuzz_seed(fuzz_id ? fuzz_id : "", (uint32_t)c.reps), &o);
        if (json) {
            printf("%s{\"time\":%lld,\"rating\":%d,\"elapsed_days\":%lld,\"state_before\":\"%s\","
                   "\"state\":\"%s\",\"step\":%d,\"stability\":",
                   i ? "," : "", (long long)now, it[i].rating, (long long)elapsed_days,
                   proctor_fsrs_state_name(o.state_before), proctor_fsrs_state_name(c.state),
                   c.step);
            json_num(c.stability);
            printf(",\"difficulty\":");
            json_num(c.difficulty);
            printf(",\"retrievability\":");
            if (o.retrievability < 0)
                fputs("null", stdout);
            else
                json_num(o.retrievability);
            printf(",\"interval\":%lld,\"interval_days\":%ld,\"due\":%lld,\"reps\":%ld,"
                   "\"lapses\":%ld}",
                   (long long)o.interval, (long)o.days, (long long)c.due, (long)c.reps,
                   (long)c.lapses);
        } else {
            char rs[16], before[32], delay[32];
            if (o.retrievability < 0)
                snprintf(rs, sizeof rs, "-");
            else
                snprintf(rs, sizeof rs, "%.4f", o.retrievability);
            snprintf(before, sizeof before, "%s -> %s", proctor_fsrs_state_name(o.state_before),
                     proctor_fsrs_state_name(c.state));
            printf("%6zu  %10lld  %d %-5s %-24s %4d  %9.4f  %10.4f  %14s  %10lld (%s)\n", i + 1,
                   (long long)now, it[i].rating, rating_names[it[i].rating], before, c.step,
                   c.stability, c.difficulty, rs, (long long)o.interval,
                   human_delay(o.interval, delay, sizeof delay));
        }
    }
    if (json) {
        printf("],\"state\":\"%s\",\"step\":%d,\"stability\":", proctor_fsrs_state_name(c.state),
               c.step);
        json_num(c.stability);
        printf(",\"difficulty\":");
        json_num(c.difficulty);
        printf(",\"due\":%lld,\"reps\":%ld,\"lapses\":%ld}\n", (long long)c.due, (long)c.reps,
               (long)c.lapses);
    } else {
        char delay[32];
        printf("\nAfter %zu review%s: %s, stability %.4f days, difficulty %.4f; due at %lld "
               "(%s after the last review).\n",
               n, n == 1 ? "" : "s", proctor_fsrs_state_name(c.state), c.stability,
               c.difficulty, (long long)c.due,
               human_delay(c.due - c.last_review, delay, sizeof delay));
    }
    return EXIT_OK;
}

enum { O_HISTORY = 1, O_MAXIVL, O_SSTAB, O_SDIFF, O_LSTEPS, O_RSTEPS, O_FUZZ, O_JSON, O_STARTS, O_STARTD };

static const struct cli_option options[] = {
    {"history", O_HISTORY, "HISTORY", 0,
     "the reviews: rating:elapsed pairs separated by commas, the rating from 1 (again) to 4 "
     "(easy), the time since the previous review in days (memory) or seconds (schedule)",
     "proctor fsrs memory --history 3:0,3:1,3:5,2:10", CLI_V_NONE, NULL},
    {"weights", 'w', "W", 0,
     "FSRS weights: 21 numbers (or 19 or 17 older ones, migrated as fsrs-rs does), inline and "
     "separated by commas, or a file of them (default: the FSRS-6 defaults)",
     "proctor fsrs memory --history 3:0,3:2 --weights my-weights.txt", CLI_V_FILE, NULL},
    {"parameters", 'p', "W", 0, "the same as --weights (fsrs-cli's name)",
     "proctor fsrs memory --history 3:0,3:1,3:5,2:10 -p my-weights.txt", CLI_V_FILE, NULL},
    {"retention", 'r', "R", 0, "the desired retention, above 0 and at most 1 (default 0.9)",
     "proctor fsrs memory --history 3:0,3:2 --retention 0.85", CLI_V_NONE, NULL},
    {"max-interval", O_MAXIVL, "DAYS", 0, "the longest interval, 1 to 36500 days (default 36500)",
     "proctor fsrs schedule --history 4:0,4:691200 --max-interval 365", CLI_V_NONE, NULL},
    {"stability", O_SSTAB, "S", 0,
     "memory: the stability before the history (with --difficulty); the first review is then "
     "an ordinary one",
     "proctor fsrs memory --history 3:3 --stability 10 --difficulty 5", CLI_V_NONE, NULL},
    {"difficulty", O_SDIFF, "D", 0, "memory: the difficulty before the history, 1 to 10",
     "proctor fsrs memory --history 1:3 --stability 10 --difficulty 5", CLI_V_NONE, NULL},
    {"starting-stability", O_STARTS, "S", 0, "the same as --stability (fsrs-cli's name)",
     "proctor fsrs memory --history 3:5,2:10 --starting-stability 5 --starting-difficulty 5",
     CLI_V_NONE, NULL},
    {"starting-difficulty", O_STARTD, "D", 0, "the same as --difficulty (fsrs-cli's name)",
     "proctor fsrs memory --history 3:5,2:10 --starting-stability 5 --starting-difficulty 5",
     CLI_V_NONE, NULL},
    {"learning-steps", O_LSTEPS, "STEPS", 0,
     "schedule: the learning steps, such as 1m,10m (units s, m, h, d; 'none' for none)",
     "proctor fsrs schedule --history 2:0 --learning-steps 10m", CLI_V_NONE, NULL},
    {"relearning-steps", O_RSTEPS, "STEPS", 0, "schedule: the relearning steps (default 10m)",
     "proctor fsrs schedule --history 4:0,1:691200 --relearning-steps 5m,1h", CLI_V_NONE, NULL},
    {"fuzz", O_FUZZ, "ID", 0,
     "schedule: spread review intervals as study does for the question with this id",
     "proctor fsrs schedule --history 3:0,3:600,3:172800 --fuzz fax-date", CLI_V_QUESTION, NULL},
    {"json", O_JSON, NULL, 0, "print one JSON object (docs/STUDY.md describes it)",
     "proctor fsrs memory --history 3:0,3:1 --json", CLI_V_NONE, NULL},
    {0}};

const struct command command_fsrs = {
    "fsrs", cmd_fsrs, "FSRS-6 memory states and schedules for a review history",
    "proctor fsrs memory --history R:DAYS,... [--weights W] [--retention R]\n"
    "       [--stability S --difficulty D] [--max-interval DAYS] [--json]\n"
    "       proctor fsrs schedule --history R:SECONDS,... [--weights W] [--retention R]\n"
    "       [--learning-steps STEPS] [--relearning-steps STEPS] [--max-interval DAYS]\n"
    "       [--fuzz ID] [--json]",
    "memory prints the FSRS-6 memory state after each review of the history as fsrs-rs "
    "computes it: stability, difficulty, the retrievability at the review and the next "
    "interval in whole days. schedule runs the whole state machine of study (learning steps, "
    "review, lapses and relearning) on a history timed in seconds, and prints each review's "
    "state, step, memory and the time until the card is due. Fuzz is off unless --fuzz is "
    "given. docs/STUDY.md describes the formulas and the output.",
    options, CLI_V_NONE, "memory schedule", 0};

int
cmd_fsrs(int argc, char **argv)
{
    const char *history = NULL, *weights = NULL, *fuzz_id = NULL, *sub;
    const char *lsteps = NULL, *rsteps = NULL, *sstr = NULL, *dstr = NULL;
    struct proctor_fsrs f;
    struct proctor_fsrs_item *items = NULL;
    struct proctor_fsrs_memory start = {0, 0};
    struct proctor_error err;
    struct cli_args a;
    int c, rc, json = 0, schedule;
    size_t n;

    proctor_fsrs_init(&f);
    f.fuzz = 0;
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case O_HISTORY: history = a.arg; break;
        case 'w':
        case 'p': weights = a.arg; break;
        case 'r':
            if ((rc = number_option("fsrs", "retention", a.arg, 0, 1, &f.retention)) != 0)
                return rc;
            break;
        case O_MAXIVL: {
            long long v = cli_parse_count(a.arg);
            if (v < 1 || v > 36500)
                return cli_usage_error("fsrs", "--max-interval needs a number of days from 1 "
                                               "to 36500, not '%s'",
                                       a.arg);
            f.max_interval = (int32_t)v;
            break;
        }
        case O_SSTAB:
        case O_STARTS:
            if (sstr)
                return cli_usage_error("fsrs", "--stability given twice");
            sstr = a.arg;
            if ((rc = number_option("fsrs", "stability", a.arg, 0, 36500, &start.stability)) != 0)
                return rc;
            break;
        case O_SDIFF:
        case O_STARTD:
            if (dstr)
                return cli_usage_error("fsrs", "--difficulty given twice");
            dstr = a.arg;
            if ((rc = number_option("fsrs", "difficulty", a.arg, 0.999999, 10,
                                    &start.difficulty)) != 0)
                return rc;
            break;
        case O_LSTEPS:
            lsteps = a.arg;
            if (proctor_fsrs_parse_steps(a.arg, f.learning, &f.nlearning, &err) < 0)
                return cli_usage_error("fsrs", "--learning-steps '%s': column %ld: %s", a.arg,
                                       err.column, err.msg);
            break;
        case O_RSTEPS:
            rsteps = a.arg;
            if (proctor_fsrs_parse_steps(a.arg, f.relearning, &f.nrelearning, &err) < 0)
                return cli_usage_error("fsrs", "--relearning-steps '%s': column %ld: %s", a.arg,
                                       err.column, err.msg);
            break;
        case O_FUZZ:
            fuzz_id = a.arg;
            f.fuzz = 1;
            break;
        case O_JSON: json = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind >= argc)
        return cli_usage_error("fsrs", "missing subcommand (memory or schedule)");
    sub = argv[optind];
    if (strcmp(sub, "memory") != 0 && strcmp(sub, "schedule") != 0)
        return cli_usage_error("fsrs", "unknown subcommand '%s' (want memory or schedule)", sub);
    schedule = strcmp(sub, "schedule") == 0;
    if (optind + 1 != argc)
        return cli_usage_error("fsrs", "unexpected argument '%s'", argv[optind + 1]);
    if (!history)
        return cli_usage_error("fsrs", "%s needs --history, e.g. --history \"%s\"", sub,
                               schedule ? "3:0,3:600,3:172800" : "3:0,3:1,3:5,2:10");
    if (schedule && (sstr || dstr))
        return cli_usage_error("fsrs", "--stability and --difficulty are for 'fsrs memory'");
    if (!schedule && (lsteps || rsteps || fuzz_id))
        return cli_usage_error("fsrs", "--learning-steps, --relearning-steps and --fuzz are "
                                       "for 'fsrs schedule'");
    if (!sstr != !dstr)
        return cli_usage_error("fsrs", "give --stability and --difficulty together (the "
                                       "state before the history), or neither");
    if (weights && (rc = cli_load_weights(weights, &f)) != 0)
        return rc;
    items = malloc(PROCTOR_FSRS_MAX_HISTORY * sizeof *items);
    if (!items) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    if (proctor_fsrs_parse_history(history, schedule ? (int64_t)36500 * 86400 * 10 : 365000,
                                   items, PROCTOR_FSRS_MAX_HISTORY, &n, &err) < 0) {
        free(items);
        cli_errorf("--history: column %ld: %s", err.column, err.msg);
        return EXIT_USAGE;
    }
    rc = schedule ? fsrs_schedule(&f, items, n, fuzz_id, json)
                  : fsrs_memory(&f, items, n, sstr ? &start : NULL, json);
    free(items);
    return rc;
}
