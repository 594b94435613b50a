/* SPDX-License-Identifier: ISC */
/*
 * cmd-study.c - proctor study: spaced repetition with FSRS-6 from the student's study
 * database; the due reviews, then new questions, in the practice runner. Also what study and
 * stats share: settings, the database's place, and the study day.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "prompt.h"
#include "proctor/fileio.h"
#include "proctor/score.h"
#include "proctor/study.h"
#include "render.h"
#include "runner.h"
#include "untrusted.h"

#define ROLLOVER_HOUR 4     /* a study day starts at 4 a.m., as in Anki */
#define LEARN_AHEAD 1200    /* learning steps due within 20 minutes are shown now */
#define BUSY_MS 5000        /* how long an answer waits for another study's lock */
#define IDLE_MS 100         /* how long a prompt waits before the database is let go */
#define MAX_CONFIG (64u << 10)

/* ---- what study and stats share ---- */

/* The time: $PROCTOR_NOW (Unix seconds, or a date as --due takes it) for tests, else now. */
static int
study_clock(int64_t *now)
{
    const char *env = getenv("PROCTOR_NOW");
    time_t t;

    if (!env || !*env) {
        *now = (int64_t)time(NULL);
        return 0;
    }
    if (cli_parse_count(env) >= 0) {
        *now = cli_parse_count(env);
        return 0;
    }
    if (cli_parse_datetime(env, &t) == 0) {
        *now = (int64_t)t;
        return 0;
    }
    cli_errorf("PROCTOR_NOW='%s': expected Unix seconds or a date such as 2024-05-01T09:00",
               untrusted_str(env));
    return EXIT_USAGE;
}

int
cli_study_setup(const char *cmd, const char *weights, struct cli_study *cs)
{
    const char *cfgdir = cli_config_dir(), *state;
    char path[PATH_MAX], wpath[PATH_MAX + 1100];
    struct proctor_error err;
    char *text = NULL;
    size_t len;
    time_t t;
    struct tm tm;
    int rc;

    (void)cmd;
    memset(cs, 0, sizeof *cs);
    proctor_fsrs_init(&cs->cfg.fsrs);
    cs->cfg.new_per_day = 20;
    if (cfgdir) {
        snprintf(path, sizeof path, "%s/study.conf", cfgdir);
        if (access(path, F_OK) == 0) {
            if (proctor_file_read(path, MAX_CONFIG, &text, &len, &err) < 0)
                return cli_report(&err);
            rc = proctor_study_config_parse(text, len, path, &cs->cfg, &err);
            free(text);
            if (rc < 0)
                return cli_report(&err);
            if (cs->cfg.weights[0] && !weights) {
                /* a file named in the configuration is beside it; else it is an inline list
                 * (or an absolute name) */
                snprintf(wpath, sizeof wpath, "%s/%s", cfgdir, cs->cfg.weights);
                if (cs->cfg.weights[0] == '/' || access(wpath, F_OK) != 0)
                    snprintf(wpath, sizeof wpath, "%s", cs->cfg.weights);
                if ((rc = cli_load_weights(wpath, &cs->cfg.fsrs)) != 0)
                    return rc;
            }
        }
    }
    if (weights && (rc = cli_load_weights(weights, &cs->cfg.fsrs)) != 0)
        return rc;
    if (!(state = cli_state_dir(1))) {
        cli_errorf("cannot find a directory for the study database: set HOME or "
                   "XDG_STATE_HOME");
        return EXIT_IO;
    }
    snprintf(cs->db, sizeof cs->db, "%s/study.db", state);
    snprintf(cs->lock, sizeof cs->lock, "%s/study.lock", state);
    if ((rc = study_clock(&cs->now)) != 0)
        return rc;
    t = (time_t)cs->now;
    localtime_r(&t, &tm);
    cs->day_offset = (int64_t)tm.tm_gmtoff - ROLLOVER_HOUR * 3600;
    {
        int64_t x = cs->now + cs->day_offset;
        int64_t day = x >= 0 ? x / 86400 : -((-x + 86399) / 86400);
        cs->day_start = day * 86400 - cs->day_offset;
    }
    return 0;
}

int
cli_study_open(const struct cli_study *cs, struct proctor_study **out)
{
    struct proctor_error err;
    /* brief: a command's reads take the database alone when no other proctor has it (no
     * study.db-shm); study lets it go once a prompt has waited IDLE_MS for the student */
    if (proctor_study_open_brief(cs->db, BUSY_MS, out, &err) < 0) {
        cli_report(&err);
        if (err.code == PROCTOR_EINVAL)
            fprintf(stderr, "proctor: move it aside to start a new one; 'proctor study "
                            "--export-revlog' cannot read it either\n");
        return proctor_error_exit_status(err.code);
    }
    return 0;
}

/* "in 10 minutes", "in 3 days", "tomorrow" */
const char *
cli_study_when(int64_t now, int64_t due, int64_t day_start, char *buf, size_t size)
{
    int64_t d = due - now;
    if (d <= 0)
        snprintf(buf, size, "now");
    else if (d < 3600)
        snprintf(buf, size, "in %lld minute%s", (long long)((d + 59) / 60),
                 (d + 59) / 60 == 1 ? "" : "s");
    else if (due < day_start + 86400)
        snprintf(buf, size, "in %lld hour%s", (long long)((d + 1799) / 3600),
                 (d + 1799) / 3600 == 1 ? "" : "s");
    else if (due < day_start + 2 * 86400)
        snprintf(buf, size, "tomorrow");
    else
        snprintf(buf, size, "in %lld days", (long long)((due - day_start) / 86400));
    return buf;
}

/* ---- study ---- */

struct study_run {
    struct cli_study cs;
    struct proctor_study *db;
    char bank_id[PROCTOR_STUDY_BANK_ID_MAX];
    struct proctor_study_item *items;
    size_t nitems;
    size_t *item_of;   /* per session index: the item */
    size_t nitem_of;
    unsigned char *missed; /* per item: answered Again in this session */
    unsigned *rounds;      /* per item: times brought back */
    int certainty;
    size_t answers, right, ratings[5];
    int failed;
};

/* Asks how sure the student was (before the answer is revealed): 1-3, or 0. */
static int
ask_certainty(void)
{
    for (;;) {
        char *line = NULL;
        enum prompt_result r =
            prompt_read("  How sure were you? 1 not sure, 2 fairly sure, 3 sure: ", &line);
        if (r != PROMPT_LINE) {
            free(line);
            return 0;
        }
        if (line[strspn(line, " ")] >= '1' && line[strspn(line, " ")] <= '3' &&
            line[strspn(line, " ") + 1 + strspn(line + strspn(line, " ") + 1, " ")] == '\0') {
            int c = line[strspn(line, " ")] - '0';
            free(line);
            return c;
        }
        free(line);
        printf("  Type 1, 2 or 3.\n");
    }
}

static const char *const rating_word[] = {"", "again", "hard", "good", "easy"};

static int
record_answer(struct runner *R, size_t i, int64_t earned)
{
    struct study_run *S = R->ctx;
    struct proctor_session *s = R->s;
    struct proctor_study_item *it;
    struct proctor_study_answer a;
    struct proctor_study_review rv;
    struct proctor_fsrs_outcome o;
    struct proctor_error err;
    unsigned char dg[32];
    static char note[200];
    char when[64];
    size_t k;
    int64_t now;

    if (i >= S->nitem_of)
        return 0;
    k = S->item_of[i];
    it = &S->items[k];
    memset(&a, 0, sizeof a);
    a.earned = earned;
    a.max = proctor_grade_max(s->q[i]);
    a.retried = S->missed[k];
    a.variant = (R->graded.flags & (PROCTOR_NOTE_TYPO | PROCTOR_NOTE_FORM)) != 0;
    a.certainty = S->certainty ? ask_certainty() : 0;
    memset(&rv, 0, sizeof rv);
    rv.rating = proctor_study_rating(&a);
    if (study_clock(&now) != 0)
        now = (int64_t)time(NULL);
    rv.time_ms = now * 1000;
    if (getenv("PROCTOR_NOW") && *getenv("PROCTOR_NOW"))
        rv.time_ms += (int64_t)S->answers; /* distinct times for a pinned clock */
    rv.day_offset = S->cs.day_offset;
    rv.duration_ms = runner_clock_ms() - R->shown_ms;
    rv.response = proctor_study_response_digest(s->q[i], &s->resp[i], dg) == 0 ? dg : NULL;
    rv.certainty = a.certainty;
    if (proctor_study_record(S->db, S->bank_id, &S->cs.cfg.fsrs, it, &rv, &o, &err) < 0) {
        cli_report(&err);
        S->failed = 1;
        return -1;
    }
    S->answers++;
    S->right += rv.rating > PROCTOR_FSRS_AGAIN;
    S->ratings[rv.rating]++;
    /* the first right answer after a miss is Hard; the next one counts in full */
    S->missed[k] = rv.rating == PROCTOR_FSRS_AGAIN;
    if (it->fc.state == PROCTOR_FSRS_LEARNING || it->fc.state == PROCTOR_FSRS_RELEARNING) {
        /* a learning step: it comes back after the others in this session */
        size_t *grown = realloc(S->item_of, (S->nitem_of + 1) * sizeof *grown);
        if (!grown || proctor_session_append(s, it->q, ++S->rounds[k]) < 0) {
            if (grown)
                S->item_of = grown;
            cli_errorf("out of memory");
            S->failed = 1;
            return -1;
        }
        S->item_of = grown;
        S->item_of[S->nitem_of++] = k;
        snprintf(note, sizeof note, "Rated %s. It comes back later in this session (due %s).",
                 rating_word[rv.rating],
                 cli_study_when(now, it->fc.due, S->cs.day_start, when, sizeof when));
    } else {
        snprintf(note, sizeof note, "Rated %s. Next review %s.", rating_word[rv.rating],
                 cli_study_when(now, it->fc.due, S->cs.day_start, when, sizeof when));
    }
    R->note = note;
    return 0;
}

/* The end of a session: what was reviewed, what is due tomorrow, and retention. */
static void
summary(struct study_run *S, const struct proctor_bank *bank)
{
    struct proctor_study_stats *st = NULL;
    struct proctor_error err;
    int64_t now;
    size_t tomorrow;

    if (study_clock(&now) != 0)
        now = S->cs.now;
    printf("\nStudied: %zu answer%s", S->answers, S->answers == 1 ? "" : "s");
    if (S->answers)
        printf(" (again %zu, hard %zu, good %zu, easy %zu); %zu of %zu right", S->ratings[1],
               S->ratings[2], S->ratings[3], S->ratings[4], S->right, S->answers);
    printf(".\n");
    if (proctor_study_stats_brief(S->db, bank, S->bank_id, &S->cs.cfg.fsrs, now,
                                  S->cs.day_start, &st, &err) < 0) {
        cli_report(&err);
        return;
    }
    tomorrow = st->due[1];
    printf("Due later today: %zu. Due tomorrow: %zu question%s. New questions left: %zu of "
           "%zu.\n",
           st->due[0], tomorrow, tomorrow == 1 ? "" : "s", st->questions - st->seen,
           st->questions);
    if (st->retention_reviews)
        printf("Retention (reviews of learned questions, last 30 days): %d%% (%zu of %zu).\n",
               proctor_percent((int64_t)st->retention_passed, (int64_t)st->retention_reviews),
               st->retention_passed, st->retention_reviews);
    else
        printf("Retention: no reviews of learned questions yet in the last 30 days.\n");
    printf("Run 'proctor stats' for your progress.\n");
    proctor_study_stats_free(st);
}

enum {
    O_NEW = 1,
    O_LIMIT,
    O_MORE,
    O_CERT,
    O_WEIGHTS,
    O_RETENTION,
    O_NOFUZZ,
    O_EXPORT,
    O_RESET,
    O_KEEP,
    O_SEED
};

static const struct cli_option options[] = {
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor study --bank ~/course/questions", CLI_V_DIR,
     NULL},
    {"doc", 'd', "ID", CLI_REPEAT, CLI_HELP_DOC, "proctor study --doc dallaire-fax", CLI_V_DOC,
     NULL},
    {"tag", 't', "TAG", CLI_REPEAT, CLI_HELP_TAG, "proctor study --tag dates", CLI_V_TAG, NULL},
    {"type", 'y', "TYPE", CLI_REPEAT, CLI_HELP_TYPE, "proctor study --type numeric", CLI_V_TYPE,
     NULL},
    {"new", O_NEW, "N", 0,
     "at most N new questions a day (default 20, or new-per-day in the configuration)",
     "proctor study --new 5", CLI_V_NONE, NULL},
    {"limit", O_LIMIT, "N", 0, "at most N questions in this session (learning steps aside)",
     "proctor study --limit 10", CLI_V_NONE, NULL},
    {"more", O_MORE, NULL, 0,
     "practise past what is due: the questions you are closest to forgetting, then more new "
     "ones (20, or --limit)",
     "proctor study --more", CLI_V_NONE, NULL},
    {"certainty", O_CERT, NULL, 0,
     "ask how sure you were after each answer; a right answer you were sure of counts as Easy",
     "proctor study --certainty", CLI_V_NONE, NULL},
    {"weights", O_WEIGHTS, "W", 0,
     "FSRS weights (21, or 19 or 17 older ones): a file, such as the FSRS optimizer writes, or "
     "an inline list (default: weights in the configuration, else FSRS-6's)",
     "proctor study --weights ~/my-weights.txt", CLI_V_FILE, NULL},
    {"retention", O_RETENTION, "R", 0, "the desired retention, above 0 and at most 1 (default 0.9)",
     "proctor study --retention 0.85", CLI_V_NONE, NULL},
    {"no-fuzz", O_NOFUZZ, NULL, 0, "schedule reviews without interval fuzz",
     "proctor study --no-fuzz", CLI_V_NONE, NULL},
    {"seed", O_SEED, "N", 0, "the order of the options shown (default: random)",
     "proctor study --seed 4", CLI_V_NONE, NULL},
    {"export-revlog", O_EXPORT, "FILE", 0,
     "write the review log as CSV for the FSRS optimizer (card_id, review_time, review_rating, "
     "review_state, review_duration) and stop",
     "proctor study --export-revlog revlog.csv", CLI_V_FILE, NULL},
    {"reset", O_RESET, "ID", CLI_REPEAT,
     "start the question with this id afresh, as new (its old reviews stay in the log)",
     "proctor study --reset fax-date", CLI_V_QUESTION, NULL},
    {"keep", O_KEEP, "ID", CLI_REPEAT,
     "keep the history of an edited question and stop flagging it as changed",
     "proctor study --keep fax-date", CLI_V_QUESTION, NULL},
    {0}};

const struct command command_study = {
    "study", cmd_study, "study with spaced repetition: what is due, then new questions",
    "proctor study [--doc ID]... [--tag TAG]... [--type TYPE]... [--new N] [--limit N] "
    "[--more]\n"
    "       [--certainty] [--weights W] [--retention R] [--no-fuzz] [--bank DIR]\n"
    "       proctor study --export-revlog FILE\n"
    "       proctor study [--bank DIR] (--reset ID | --keep ID)...",
    "Asks first the questions you are about to forget, then up to 20 new ones a day, with the "
    "feedback and passages of practice, and schedules each with FSRS-6 from how you answered: "
    "wrong is Again; right after a retry, partly right or right with a typo is Hard; right is "
    "Good; right and sure (--certainty) is Easy. A missed question comes back later in the "
    "session. Every answer is saved in your study database ($XDG_STATE_HOME/proctor/study.db) "
    "before the next question shows. When nothing is due, --more practises ahead. Settings "
    "can also come from $XDG_CONFIG_HOME/proctor/study.conf; docs/STUDY.md has the details.",
    options, CLI_V_NONE, NULL, 0};

/* --reset and --keep, then stop. */
static int
reset_or_keep(struct study_run *S, const struct proctor_bank *bank, const char *const *ids,
              size_t n, int keep)
{
    for (size_t i = 0; i < n; i++) {
        const struct proctor_question *q = proctor_bank_find(bank, ids[i]);
        struct proctor_error err;
        if (!q) {
            cli_errorf("no question '%s' in the bank", untrusted_str(ids[i]));
            return EXIT_DATA;
        }
        if ((keep ? proctor_study_keep(S->db, S->bank_id, q, &err)
                  : proctor_study_reset(S->db, S->bank_id, q, S->cs.now * 1000, &err)) < 0)
            return cli_report(&err);
        if (keep)
            printf("Kept the history of '%s'; it is no longer flagged as changed.\n",
                   untrusted_str(q->id));
        else
            printf("Reset '%s': it starts afresh as a new question.\n", untrusted_str(q->id));
    }
    return EXIT_OK;
}

static void
release_db(void *db)
{
    proctor_study_release(db);
}

/* Another study on the same database: say so (both may go on; answers are saved in turn). */
static int
take_lock(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK)
        printf("Another 'proctor study' is using your study database (in another terminal?). "
               "Both can go on: each answer is saved in turn.\n");
    return fd;
}

int
cmd_study(int argc, char **argv)
{
    const char *bankdir = NULL, *weights = NULL, *export = NULL, *resets[64], *keeps[64];
    size_t nresets = 0, nkeeps = 0;
    struct cli_filter cf;
    struct cli_args a;
    struct study_run S;
    struct proctor_bank *bank = NULL;
    struct proctor_study_plan_opts po;
    struct proctor_study_plan plan;
    struct proctor_error err;
    struct runner R;
    size_t *order = NULL, len, fresh_today = 0;
    long long new_limit = -1, limit = 0, seed = -1;
    int64_t horizon;
    double retention = 0;
    int c, rc, more = 0, certainty = 0, nofuzz = 0, lockfd = -1, prompting = 0;
    enum run_outcome out;
    const char **ids = NULL;

    memset(&cf, 0, sizeof cf);
    memset(&S, 0, sizeof S);
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        if ((rc = cli_filter_option(&cf, "study", c, a.arg)) >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case O_NEW:
            if ((new_limit = cli_parse_count(a.arg)) < 0 || new_limit > 10000)
                return cli_usage_error("study", "--new needs a whole number from 0 to 10000, "
                                                "not '%s'",
                                       a.arg);
            break;
        case O_LIMIT:
            if ((limit = cli_parse_count(a.arg)) <= 0 || limit > 1000000)
                return cli_usage_error("study", "--limit needs a positive whole number, not "
                                                "'%s'",
                                       a.arg);
            break;
        case O_SEED:
            if ((seed = cli_parse_count(a.arg)) < 0)
                return cli_usage_error("study", "--seed needs a whole number, not '%s'", a.arg);
            break;
        case O_MORE: more = 1; break;
        case O_CERT: certainty = 1; break;
        case O_NOFUZZ: nofuzz = 1; break;
        case O_WEIGHTS: weights = a.arg; break;
        case O_RETENTION:
            if (proctor_fsrs_parse_number(a.arg, &retention) < 0 ||
                !(retention > 0 && retention <= 1))
                return cli_usage_error("study", "--retention needs a number above 0 and at "
                                                "most 1, not '%s'",
                                       a.arg);
            break;
        case O_EXPORT: export = a.arg; break;
        case O_RESET:
            if (nresets == 64)
                return cli_usage_error("study", "at most 64 --reset at once");
            resets[nresets++] = a.arg;
            break;
        case O_KEEP:
            if (nkeeps == 64)
                return cli_usage_error("study", "at most 64 --keep at once");
            keeps[nkeeps++] = a.arg;
            break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind != argc)
        return cli_usage_error("study", "unexpected argument '%s'", argv[optind]);
    if (export && cli_given_count(&a) > 1)
        return cli_usage_error("study", "--export-revlog goes alone");
    if ((nresets || nkeeps) && cli_given_count(&a) > (int)(nresets + nkeeps) + (bankdir != NULL))
        return cli_usage_error("study", "--reset and --keep go alone (with --bank)");
    if ((rc = cli_study_setup("study", weights, &S.cs)) != 0)
        return rc;
    if (retention > 0)
        S.cs.cfg.fsrs.retention = retention;
    if (nofuzz)
        S.cs.cfg.fsrs.fuzz = 0;
    if (new_limit >= 0)
        S.cs.cfg.new_per_day = (long)new_limit;
    S.certainty = certainty || S.cs.cfg.certainty;
    if (export) {
        size_t rows = 0;
        if ((rc = cli_study_open(&S.cs, &S.db)) != 0)
            return rc;
        rc = EXIT_OK;
        if (proctor_study_export_revlog(S.db, export, &rows, &err) < 0)
            rc = cli_report(&err);
        else
            printf("Wrote %zu review%s to %s, in the FSRS optimizer's schema.\n", rows,
                   rows == 1 ? "" : "s", untrusted_str(export));
        proctor_study_close(S.db);
        return rc;
    }
    /* the bank first: the database, which start-up may hold alone, is opened only when
     * it is read */
    if ((rc = cli_load_bank(cli_bank_dir(bankdir), PROCTOR_BANK_NO_DIGEST, &bank)) != 0 ||
        (rc = cli_study_open(&S.cs, &S.db)) != 0)
        goto out;
    proctor_study_bank_id(bank, S.bank_id, sizeof S.bank_id);
    if (nresets || nkeeps) {
        rc = reset_or_keep(&S, bank, resets, nresets, 0);
        if (rc == EXIT_OK)
            rc = reset_or_keep(&S, bank, keeps, nkeeps, 1);
        goto out;
    }
    if ((rc = cli_filter_check_docs(&cf, bank)) != 0)
        goto out;
    /* what is due today is all the queue needs: only those cards are read in full */
    horizon = S.cs.day_start + 86400;
    if (horizon < S.cs.now + LEARN_AHEAD + 1)
        horizon = S.cs.now + LEARN_AHEAD + 1;
    if (proctor_study_load(S.db, bank, S.bank_id, &cf.f, more ? INT64_MAX : horizon, &S.items,
                           &S.nitems, &err) < 0 ||
        proctor_study_new_since(S.db, S.bank_id, S.cs.day_start, &fresh_today, &err) < 0) {
        rc = cli_report(&err);
        if (err.code == PROCTOR_EINVAL && strstr(err.msg, "damaged"))
            fprintf(stderr, "proctor: 'proctor study --reset ID' starts that question afresh\n");
        goto out;
    }
    if (S.nitems == 0) {
        cli_errorf("no question to study matches the selection (essays are not studied)");
        rc = EXIT_DATA;
        goto out;
    }
    order = malloc(S.nitems * sizeof *order);
    S.missed = calloc(S.nitems, 1);
    S.rounds = calloc(S.nitems, sizeof *S.rounds);
    if (!order || !S.missed || !S.rounds) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    memset(&po, 0, sizeof po);
    po.now = S.cs.now;
    po.day_end = S.cs.day_start + 86400;
    po.learn_ahead = LEARN_AHEAD;
    po.new_limit = (size_t)S.cs.cfg.new_per_day > fresh_today
                       ? (size_t)S.cs.cfg.new_per_day - fresh_today
                       : 0;
    po.limit = (size_t)limit;
    po.more = more;
    len = proctor_study_plan(S.items, S.nitems, &S.cs.cfg.fsrs, &po, order, &plan);
    if (len == SIZE_MAX) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    lockfd = take_lock(S.cs.lock);
    prompt_open(0, NULL);
    prompting = 1;
    /* start-up took the database alone when no other proctor had it (no study.db-shm); once
     * the student has been thinking for IDLE_MS, it is let go, so that stats or a study in
     * another terminal never wait longer than that (the next answer opens it again, shared) */
    prompt_set_idle(release_db, S.db, IDLE_MS);
    if (len == 0 && !more) {
        /* every card, to say when the next one is due and to go ahead */
        proctor_study_items_free(S.items);
        S.items = NULL;
        if (proctor_study_load(S.db, bank, S.bank_id, &cf.f, INT64_MAX, &S.items, &S.nitems,
                               &err) < 0) {
            rc = cli_report(&err);
            goto out;
        }
        len = proctor_study_plan(S.items, S.nitems, &S.cs.cfg.fsrs, &po, order, &plan);
    }
    if (len == 0) {
        char when[64];
        printf("Nothing is due now");
        if (plan.next_due)
            printf("; the next review is %s",
                   cli_study_when(S.cs.now, plan.next_due, S.cs.day_start, when, sizeof when));
        printf(".");
        if (plan.fresh_left && !po.new_limit)
            printf(" You have had today's %ld new questions.", S.cs.cfg.new_per_day);
        printf("\n");
        if (prompt_is_tty() && prompt_yes_no("Practise ahead now? [Y/n] ", 1) == 1) {
            po.more = 1;
            len = proctor_study_plan(S.items, S.nitems, &S.cs.cfg.fsrs, &po, order, &plan);
        } else {
            printf("Run 'proctor study --more' to practise ahead, or 'proctor practice' for a "
                   "plain quiz.\n");
        }
        if (len == 0 || len == SIZE_MAX) {
            if (len == 0 && po.more)
                printf("There is nothing more to practise in this selection.\n");
            rc = EXIT_OK;
            goto out;
        }
    }
    /* the session: the queue, in order; learning steps are appended as they come */
    ids = malloc(len * sizeof *ids);
    S.item_of = malloc(len * sizeof *S.item_of);
    if (!ids || !S.item_of) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    for (size_t k = 0; k < len; k++) {
        ids[k] = S.items[order[k]].q->id;
        S.item_of[k] = order[k];
    }
    S.nitem_of = len;
    memset(&R, 0, sizeof R);
    R.st = render_style(stdout);
    R.feedback = 1;
    R.passages = 1;
    R.answered = record_answer;
    R.ctx = &S;
    {
        struct proctor_filter f;
        uint64_t sd = seed >= 0 ? (uint64_t)seed
                                : ((uint64_t)randombytes_random() << 20) ^ randombytes_random();
        memset(&f, 0, sizeof f);
        f.ids = ids;
        f.nids = len;
        if (proctor_session_new(bank, &f, 0, sd, 0, &R.s, &err) < 0) {
            rc = cli_report(&err);
            goto out;
        }
    }
    printf("Study: %zu due for review, %zu in learning, %zu new", plan.review, plan.learning,
           plan.fresh);
    if (plan.ahead)
        printf(", %zu ahead of time", plan.ahead);
    printf(". Type :help for commands.\n");
    for (size_t k = 0; k < len; k++)
        if (proctor_study_changed(&S.items[order[k]])) {
            printf("Note: '%s' changed since you studied it; its history is kept ('proctor "
                   "study --reset %s' starts it afresh).\n",
                   untrusted_str(S.items[order[k]].q->id), untrusted_str(S.items[order[k]].q->id));
        }
    out = runner_run(&R);
    prompt_close();
    prompting = 0;
    rc = EXIT_OK;
    if (S.failed || out == RUN_IOERROR) {
        printf("The answers before this one are saved.\n");
        rc = EXIT_IO;
    } else {
        summary(&S, bank);
        if (out == RUN_INTERRUPTED)
            rc = 130;
        else if (out == RUN_TERMINATED)
            rc = 143;
    }
    proctor_session_free(R.s);
out:
    prompt_set_idle(NULL, NULL, 0);
    if (prompting)
        prompt_close();
    if (lockfd >= 0)
        close(lockfd);
    free(ids);
    free(order);
    free(S.item_of);
    free(S.missed);
    free(S.rounds);
    proctor_study_items_free(S.items);
    proctor_study_close(S.db);
    cli_bank_left(bank);
    return rc;
}
