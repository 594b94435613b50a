/* SPDX-License-Identifier: ISC */
/* cmd-practice.c - proctor practice: the self-test runner with feedback and passages. */
#include <getopt.h>
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

static int
parse_seed(const char *s, uint64_t *out)
{
    long long v = cli_parse_count(s);
    if (v < 0)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int
cmd_practice(int argc, char **argv)
{
    static const struct option opts[] = {
        {"bank", required_argument, NULL, 'b'}, {"doc", required_argument, NULL, 'd'},
        {"tag", required_argument, NULL, 't'},  {"type", required_argument, NULL, 'y'},
        {"seed", required_argument, NULL, 's'}, {"record", required_argument, NULL, 'r'},
        {"key", required_argument, NULL, 'k'},  {"passphrase-file", required_argument, NULL, 'P'},
        {"new", no_argument, NULL, 'N'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *bankdir = NULL;
    struct cli_filter cf;
    const char *state, *nstr = NULL, *keyfile = NULL, *passfile = NULL;
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    struct runner R;
    struct practice P;
    uint64_t seed = 0;
    int c, rc, have_seed = 0, fresh = 0;
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
    while ((c = getopt_long(argc, argv, "b:d:t:y:n:s:r:k:h", opts, NULL)) != -1) {
        if ((rc = cli_filter_option(&cf, "practice", c, optarg)) >= 0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'b':
            if (bankdir)
                return cli_usage_error("practice", "--bank given twice");
            bankdir = optarg;
            break;
        case 'n':
            if (nstr)
                return cli_usage_error("practice", "-n given twice");
            nstr = optarg;
            count = cli_parse_count(optarg);
            if (count <= 0)
                return cli_usage_error("practice", "-n needs a positive whole number, not '%s'",
                                       optarg);
            break;
        case 's':
            if (have_seed)
                return cli_usage_error("practice", "--seed given twice");
            if (parse_seed(optarg, &seed) < 0)
                return cli_usage_error("practice", "--seed needs a whole number, not '%s'",
                                       optarg);
            have_seed = 1;
            break;
        case 'r':
            if (P.record)
                return cli_usage_error("practice", "--record given twice");
            P.record = optarg;
            break;
        case 'k':
            if (keyfile)
                return cli_usage_error("practice", "--key given twice");
            keyfile = optarg;
            break;
        case 'P':
            if (passfile)
                return cli_usage_error("practice", "--passphrase-file given twice");
            passfile = optarg;
            break;
        case 'N': fresh = 1; break;
        case 'h': return cli_print_help("practice");
        default: return cli_bad_option("practice", argv);
        }
    }
    if (optind != argc)
        return cli_usage_error("practice", "unexpected argument '%s'", argv[optind]);
    if ((keyfile || passfile) && !P.record)
        return cli_usage_error("practice", "--key and --passphrase-file go with --record");
    if (P.record) {
        /* fail before the first question, not after the last */
        if (access(P.record, F_OK) == 0) {
            cli_errorf("'%s' already exists; refusing to overwrite a result", P.record);
            return EXIT_IO;
        }
        rc = cli_load_secret_key(keyfile ? keyfile : cli_default_key(0), passfile, &P.key);
        if (rc)
            return rc;
    }
    rc = cli_load_bank(cli_bank_dir(bankdir), P.record ? 0 : PROCTOR_BANK_NO_DIGEST, &bank);
    if (rc) {
        proctor_key_free(P.key);
        return rc;
    }
    if ((rc = cli_filter_check_docs(&cf, bank)) != 0) {
        proctor_bank_free(bank);
        proctor_key_free(P.key);
        return rc;
    }
    state = cli_state_dir(1);
    if (!state) {
        cli_errorf("cannot find a directory for saved sessions: set HOME or XDG_STATE_HOME");
        proctor_bank_free(bank);
        return EXIT_IO;
    }
    snprintf(P.save_path, sizeof P.save_path, "%s/practice.json", state);
    snprintf(hist, sizeof hist, "%s/history", state);
    R.st = render_style(stdout);
    prompt_open(1, hist);

    if (!fresh && access(P.save_path, F_OK) == 0) {
        struct proctor_session *old = NULL;
        if (proctor_session_load(bank, P.save_path, &old, &err) < 0) {
            /* keep it: the next save would replace the only copy of its answers */
            char kept[PATH_MAX + 8];
            snprintf(kept, sizeof kept, "%s.bad", P.save_path);
            printf("A saved practice session could not be resumed (%s); ", untrusted_str(err.msg));
            if (rename(P.save_path, kept) == 0)
                printf("it is kept as %s. ", kept);
            printf("Starting a new one.\n");
        } else {
            size_t answered = 0;
            int yes;
            char question[160];
            for (size_t i = 0; i < old->n; i++)
                answered += old->resp[i].answered;
            snprintf(question, sizeof question,
                     "You have an unfinished practice session (%zu of %zu answered, at "
                     "question %zu). Resume it? [Y/n] ",
                     answered, old->n, old->cur < old->n ? old->cur + 1 : old->n);
            yes = prompt_yes_no(question, 1);
            if (yes < 0) {
                proctor_session_free(old);
                proctor_bank_free(bank);
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
        if (!have_seed)
            seed = ((uint64_t)randombytes_random() << 20) ^ randombytes_random();
        rc = proctor_session_new(bank, &cf.f, (size_t)count, seed, 1, &R.s, &err);
        if (rc < 0) {
            rc = cli_report(&err);
            proctor_bank_free(bank);
            prompt_close();
            return rc;
        }
        printf("Practice: %zu question%s. Type :help for commands.\n", R.s->n,
               R.s->n == 1 ? "" : "s");
    }
    /* nothing to save yet: the first answer or move saves the session */
    out = runner_run(&R);
    prompt_close();
    rc = EXIT_OK;
    if (out == RUN_DONE) {
        R.s->finished = time(NULL);
        runner_summary(&R);
        if (P.record) {
            if (proctor_result_write(R.s, P.key, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest,
                                     NULL, 1, P.record, &err) < 0) {
                rc = cli_report(&err);
                printf("Your answers are kept; run 'proctor practice --record FILE' with "
                       "another file to sign them.\n");
            } else {
                printf("\nSigned result written to %s.\n", P.record);
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
            printf("Progress saved. Run 'proctor practice' to resume.\n");
            if (P.save_failed)
                rc = EXIT_IO;
            else if (out == RUN_INTERRUPTED)
                rc = 130;
            else if (out == RUN_TERMINATED)
                rc = 143;
        }
    }
    proctor_session_free(R.s);
    proctor_bank_free(bank);
    proctor_key_free(P.key);
    return rc;
}
