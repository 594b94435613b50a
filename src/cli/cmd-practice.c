/* SPDX-License-Identifier: ISC */
/* cmd-practice.c - proctor practice: the self-test runner with feedback and passages. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "prompt.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/grade.h"
#include "proctor/session.h"
#include "render.h"
#include "runner.h"
#include "untrusted.h"

/* Practice state beyond the runner's: where progress is saved, and the signing key. */
struct practice {
    char save_path[PATH_MAX];
    const char *record;      /* --record FILE: write a signed result at the end */
    struct proctor_key *key; /* the student's key, loaded before the first question */
    int save_failed;         /* a save failed at some point: the exit status says so */
    int unsaved;             /* the last save failed */
    int saved;               /* the session is on disk (resumed, or saved since) */
};

/* Saves after every answer and move, so Ctrl-C or a crash loses nothing. A failed save is
 * reported and practice goes on: the answers are still in memory, and the next save may
 * work. The run then ends with status 4. */
static int
save(struct runner *R)
{
    struct practice *P = R->ctx;
    struct proctor_error err;

    if (proctor_session_save(R->s, P->save_path, &err) < 0) {
        if (!P->unsaved) { /* once, not after every answer while the disk stays full */
            cli_report(&err);
            printf("  Your progress could not be saved; your answers are kept while "
                   "proctor runs.\n");
        }
        P->save_failed = P->unsaved = 1;
    } else {
        P->unsaved = 0;
        P->saved = 1;
    }
    return 0;
}

/* path made absolute (malloc'd), so a resumed run finds it from any directory */
static char *
absolute(const char *path)
{
    char cwd[PATH_MAX], *out;

    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        return strdup(path);
    out = malloc(strlen(cwd) + strlen(path) + 2);
    if (out)
        sprintf(out, "%s/%s", cwd, path);
    return out;
}

/* The run's result file and signing key: --record and --key as given (the default key with
 * --record alone), else (a resumed run) the session's own. 0, or an exit status after saying
 * why not. */
static int
choose_record(const struct practice *P, struct proctor_session *s, const char *keyfile)
{
    char *rec = NULL, *key = NULL;
    int rc;

    if (!P->record && !keyfile)
        return 0;
    rec = P->record ? absolute(P->record) : s->record ? strdup(s->record) : NULL;
    key = keyfile ? absolute(keyfile) : !P->record && s->record_key ? strdup(s->record_key) : NULL;
    if ((!rec && (P->record || s->record)) || (!key && (keyfile || (!P->record && s->record_key))))
        rc = PROCTOR_ENOMEM;
    else
        rc = proctor_session_set_record(s, rec, key);
    free(rec);
    free(key);
    if (rc < 0) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    return 0;
}

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * Which questions a run asks for, said the same way whatever the order of the options: the
 * selection options given (not --seed, which only orders them), sorted and joined ("--doc
 * memo --type order -n 5"; "" for every question). Into buf; NULL when it does not fit.
 */
static const char *
selection_of(struct cli_args *a, int argc, char **argv, char *buf, size_t size)
{
    static const int keys[] = {'d', 't', 'y', CLI_K_DIFFICULTY, CLI_K_LEVEL, 'n'};
    char *items[CLI_MAX_FILTER * 6], opt[64];
    size_t n = 0, len = 0;
    int c;

    /* the options again, from the start: cli_next has kept none of their values */
    cli_args_init(a, argc, argv);
    while ((c = cli_next(a)) != CLI_END && c != CLI_EXIT) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            if (c != keys[k] || n == sizeof items / sizeof items[0])
                continue;
            cli_option_display(cli_option_find(a->cmd, c), opt, sizeof opt);
            if (asprintf(&items[n], "%s %s", opt, a->arg) < 0)
                items[n] = NULL;
            if (items[n])
                n++;
        }
    }
    qsort(items, n, sizeof items[0], cmp_str);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(buf + len, len < size ? size - len : 0, "%s%s", i ? " " : "", items[i]);
        len += w > 0 ? (size_t)w : 0;
        free(items[i]);
    }
    return len < size ? buf : NULL;
}

/* How to go on: the command with every option the next run needs. */
static void
resume_hint(const struct proctor_session *s, const char *bankdir, const char *passfile)
{
    printf("Progress saved. Run 'proctor practice");
    if (bankdir)
        printf(" --bank %s", cli_shell_word(bankdir));
    if (passfile && s->record)
        printf(" --passphrase-file %s", cli_shell_word(passfile));
    printf(" --resume' to resume%s%s.\n", s->record ? "; it goes on recording to " : "",
           s->record ? untrusted_str(s->record) : "");
}

static int
parse_seed(const char *s, uint64_t *out)
{
    long long v = cli_parse_count(s);
    if (v < 0)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

enum { O_PASS = 1, O_NEW, O_RESUME };

static const struct cli_option options[] = {
    {"doc", 'd', "ID", CLI_REPEAT, CLI_HELP_DOC, "proctor practice --doc dallaire-fax",
     CLI_V_DOC, NULL},
    {"tag", 't', "TAG", CLI_REPEAT, CLI_HELP_TAG, "proctor practice --tag dates", CLI_V_TAG,
     NULL},
    {"type", 'y', "TYPE", CLI_REPEAT, CLI_HELP_TYPE, "proctor practice --type order",
     CLI_V_TYPE, NULL},
    {"difficulty", CLI_K_DIFFICULTY, "N", CLI_REPEAT, CLI_HELP_DIFFICULTY,
     "proctor practice --difficulty 1", CLI_V_WORDS, "1 2 3"},
    {"level", CLI_K_LEVEL, "LEVEL", CLI_REPEAT, CLI_HELP_LEVEL,
     "proctor practice --level understanding --level analysis", CLI_V_WORDS,
     "recall understanding analysis"},
    {NULL, 'n', "N", 0, "ask at most N of the chosen questions", "proctor practice -n 10",
     CLI_V_NONE, NULL},
    {"seed", 's', "N", 0,
     "shuffle with this seed, so the same seed gives the same questions in the same order",
     "proctor practice -n 10 --seed 4", CLI_V_NONE, NULL},
    {"bank", 'b', "DIR", 0, CLI_HELP_BANK, "proctor practice --bank ~/course/questions",
     CLI_V_DIR, NULL},
    {"new", O_NEW, NULL, 0,
     "start a new session without offering to resume the saved one (which is replaced when "
     "the new one first saves)",
     "proctor practice --new", CLI_V_NONE, NULL},
    {"resume", O_RESUME, NULL, 0,
     "go on with the saved session without asking, whatever it was chosen with; off a "
     "terminal, the only way to resume",
     "proctor practice --resume <answers.txt", CLI_V_NONE, NULL},
    {"record", 'r', "FILE", 0,
     "at the end, write the answers and score to FILE, signed with your student key, for a "
     "teacher to verify; FILE must not exist",
     "proctor practice --record week3.json", CLI_V_FILE, NULL},
    {"key", 'k', "FILE", 0,
     "with --record: sign with this secret key (default: your student key from keygen)",
     "proctor practice --record week3.json --key ~/keys/student.key", CLI_V_FILE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, CLI_HELP_PASSFILE,
     "proctor practice --record week3.json --passphrase-file ~/.proctor-pass", CLI_V_FILE,
     NULL},
    {0}};

const struct command command_practice = {
    "practice", cmd_practice, "practise on the question bank, with feedback and passages",
    "proctor practice [--doc ID]... [--tag TAG]... [--type TYPE]... [--difficulty N]...\n"
    "       [--level LEVEL]... [-n N] [--seed N] [--bank DIR] [--new]\n"
    "       [--record FILE [--key FILE] [--passphrase-file FILE]]",
    "Asks the chosen questions one at a time, shuffled. After each answer it says whether it "
    "was right, gives the points, the answer, an explanation and the passage of the source "
    "document with the quoted words highlighted. At the end: the score, a bar per document, "
    "and the questions to review.\n\n"
    "Type :help at the > prompt for the commands (:skip, :back, :passage, :quit). Progress is "
    "saved after every answer; the next 'proctor practice' with the same selection (--doc, "
    "--tag, --type, --difficulty, --level, -n) offers to resume it on a terminal, and one with "
    "other options sets it aside, kept until the new run saves. Off a terminal it never asks: "
    "--resume resumes.",
    options, CLI_V_NONE, NULL, 0};

int
cmd_practice(int argc, char **argv)
{
    const char *bankdir = NULL;
    struct cli_filter cf;
    const char *state, *keyfile = NULL, *passfile = NULL;
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    struct cli_args a;
    struct runner R;
    struct practice P;
    uint64_t seed = 0;
    int c, rc, have_seed = 0, fresh = 0, resume = 0, resumable;
    char selbuf[4096];
    const char *selection;
    long long count = 0;
    char hist[PATH_MAX];
    enum run_outcome out;

    memset(&R, 0, sizeof R);
    memset(&P, 0, sizeof P);
    R.ctx = &P;
    R.persist = save;
    R.feedback = 1;
    R.passages = 1;
    memset(&cf, 0, sizeof cf);
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        if ((rc = cli_filter_option(&cf, "practice", c, a.arg)) >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'b': bankdir = a.arg; break;
        case 'n':
            count = cli_parse_count(a.arg);
            if (count <= 0)
                return cli_usage_error("practice", "-n needs a positive whole number, not '%s'",
                                       a.arg);
            break;
        case 's':
            if (parse_seed(a.arg, &seed) < 0)
                return cli_usage_error("practice", "--seed needs a whole number, not '%s'",
                                       a.arg);
            have_seed = 1;
            break;
        case 'r': P.record = a.arg; break;
        case 'k': keyfile = a.arg; break;
        case O_PASS: passfile = a.arg; break;
        case O_NEW: fresh = 1; break;
        case O_RESUME: resume = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind != argc)
        return cli_usage_error("practice", "unexpected argument '%s'", argv[optind]);
    if (fresh && resume)
        return cli_usage_error("practice", "give --new or --resume, not both");
    if (!(selection = selection_of(&a, argc, argv, selbuf, sizeof selbuf)))
        return cli_usage_error("practice", "too many selection options");
    state = cli_state_dir(1);
    if (!state) {
        cli_errorf("cannot find a directory for saved sessions: set HOME or XDG_STATE_HOME");
        return EXIT_IO;
    }
    snprintf(P.save_path, sizeof P.save_path, "%s/practice.json", state);
    snprintf(hist, sizeof hist, "%s/history", state);
    resumable = !fresh && access(P.save_path, F_OK) == 0;
    /* a resumed run may be a recorded one, which brings its own --record and --key */
    if ((keyfile || passfile) && !P.record && !resumable)
        return cli_usage_error("practice", "--key and --passphrase-file go with --record");
    if (P.record) {
        /* fail before the first question, not after the last */
        if (access(P.record, F_OK) == 0)
            return cli_exists_error(P.record, 0);
        rc = cli_load_secret_key(keyfile ? keyfile : cli_default_key(0), passfile, &P.key);
        if (rc)
            return rc;
    }
    /* signing needs the bank's digest: a recorded run, or maybe a resumed one */
    rc = cli_load_bank(cli_bank_dir(bankdir), P.record || resumable ? 0 : PROCTOR_BANK_NO_DIGEST,
                       &bank);
    if (rc) {
        proctor_key_free(P.key);
        return rc;
    }
    if ((rc = cli_filter_check_docs(&cf, bank)) != 0) {
        proctor_bank_free(bank);
        proctor_key_free(P.key);
        return rc;
    }
    R.st = render_style(stdout);
    prompt_open(1, hist);

    if (resumable) {
        struct proctor_session *old = NULL;
        if (proctor_session_load(bank, P.save_path, &old, &err) < 0) {
            /* keep it: the next save would replace the only copy of its answers */
            char kept[PATH_MAX + 8];
            snprintf(kept, sizeof kept, "%s.bad", P.save_path);
            printf("A saved practice session could not be resumed (%s); ", untrusted_str(err.msg));
            if (rename(P.save_path, kept) == 0)
                printf("it is kept as %s. ", untrusted_str(kept));
            printf("Starting a new one.\n");
        } else {
            size_t answered = 0;
            int yes;
            char question[PATH_MAX + 200];
            /* a session saved before selections were recorded counts as the same */
            int same = !old->selection || strcmp(old->selection, selection) == 0;
            for (size_t i = 0; i < old->n; i++)
                answered += old->resp[i].answered;
            snprintf(question, sizeof question,
                     "You have an unfinished practice session (%zu of %zu answered, at "
                     "question %zu%s%s). Resume it? [Y/n] ",
                     answered, old->n, old->cur < old->n ? old->cur + 1 : old->n,
                     old->record ? "; recording to " : "",
                     old->record ? untrusted_str(old->record) : "");
            if (resume) {
                yes = 1;
                printf("Resuming the saved practice session (%zu of %zu answered).\n",
                       answered, old->n);
            } else if (!prompt_is_tty() || !same) {
                /* never asked off a terminal; another selection is another session */
                yes = 0;
                printf("A saved practice session (%zu of %zu answered%s%s) is set aside: it "
                       "is kept until this run saves its first answer. ",
                       answered, old->n, !same && old->selection[0] ? ", chosen with " : "",
                       !same && old->selection[0] ? untrusted_str(old->selection) : "");
                if (!same)
                    printf("It was chosen with other options; run 'proctor practice "
                           "--resume' to go on with it.\n");
                else
                    printf("Run 'proctor practice --resume' to go on with it.\n");
            } else {
                yes = prompt_yes_no(question, 1);
            }
            if (yes < 0) {
                proctor_session_free(old);
                proctor_bank_free(bank);
                proctor_key_free(P.key);
                prompt_close();
                return EXIT_OK;
            }
            if (yes) {
                R.s = old;
                P.saved = 1;
            }
            else
                proctor_session_free(old);
        }
    }
    if (!R.s) {
        if (resume && !resumable)
            printf("No saved practice session to resume; starting a new one.\n");
        if (!have_seed)
            seed = ((uint64_t)randombytes_random() << 20) ^ randombytes_random();
        rc = proctor_session_new(bank, &cf.f, (size_t)count, seed, 1, &R.s, &err);
        if (rc < 0) {
            rc = cli_report(&err);
            goto done;
        }
        if (proctor_session_set_selection(R.s, selection) < 0) {
            cli_errorf("out of memory");
            rc = EXIT_IO;
            goto done;
        }
        printf("Practice: %zu question%s. Type :help for commands.\n", R.s->n,
               R.s->n == 1 ? "" : "s");
    }
    /* --record and --key on the command line win; else a resumed run keeps its own */
    if ((rc = choose_record(&P, R.s, keyfile)) != 0)
        goto done;
    if ((passfile || keyfile) && !R.s->record) {
        rc = cli_usage_error("practice", "--key and --passphrase-file go with --record");
        goto done;
    }
    if (R.s->record) {
        /* a recorded run locks each answer once its feedback is shown */
        R.s->locking = 1;
        if (access(R.s->record, F_OK) == 0) {
            rc = cli_exists_error(R.s->record, 0);
            goto done;
        }
        if (!P.key && (rc = cli_load_secret_key(R.s->record_key ? R.s->record_key
                                                                : cli_default_key(0),
                                                passfile, &P.key)) != 0)
            goto done;
    }
    /* nothing to save yet: the first answer or move saves the session */
    out = runner_run(&R);
    prompt_close();
    rc = EXIT_OK;
    if (out == RUN_DONE) {
        R.s->finished = time(NULL);
        runner_summary(&R);
        if (R.s->record) {
            if (proctor_result_write(R.s, P.key, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest,
                                     NULL, 1, R.s->record, &err) < 0) {
                rc = cli_report(&err);
                printf("Your answers are kept; run 'proctor practice --record FILE' with "
                       "another file to sign them.\n");
            } else {
                printf("\nSigned result written to %s.\n",
                       untrusted_str(P.record ? P.record : R.s->record));
            }
        }
        if (rc == EXIT_OK && P.save_failed)
            rc = EXIT_IO;
        if (rc == EXIT_OK)
            unlink(P.save_path);
    } else {
        if (P.unsaved)
            save(&R); /* the last save failed: one more try */
        if (!P.saved && !P.unsaved) {
            printf("No answer given; nothing to save.\n");
        } else if (P.unsaved) {
            cli_errorf("progress not saved: the answers of this run are lost when it ends");
            rc = EXIT_IO;
        } else {
            resume_hint(R.s, bankdir, passfile);
            if (P.save_failed)
                rc = EXIT_IO;
            else if (out == RUN_INTERRUPTED)
                rc = 130;
            else if (out == RUN_TERMINATED)
                rc = 143;
        }
    }
    goto out;
done:
    prompt_close();
out:
    proctor_session_free(R.s);
    cli_bank_left(bank);
    proctor_key_free(P.key);
    return rc;
}
