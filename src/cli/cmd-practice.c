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

#define MAX_FILTER 32

static const char *const meta_commands[] = {":help", ":skip", ":back", ":passage", ":quit",
                                            NULL};
static const char *const tf_words[] = {"true", "false", NULL};

struct runner {
    struct proctor_session *s;
    struct style st;
    char save_path[PATH_MAX];
    const char *record;      /* --record FILE: write a signed result at the end */
    struct proctor_key *key; /* the student's key, loaded before the first question */
};

static void
save(struct runner *R)
{
    struct proctor_error err;
    if (proctor_session_save(R->s, R->save_path, &err) < 0)
        cli_report(&err);
}

static void
show_help(void)
{
    printf("  Commands:\n"
           "    :help      this list\n"
           "    :skip      leave this question for now\n"
           "    :back      go back to the previous question\n"
           "    :passage   show the passage this question is about\n"
           "    :quit      save your progress and stop (run 'proctor practice' to resume)\n"
           "  Ctrl-C asks before quitting; Ctrl-D saves and stops.\n");
}

static void
feedback(struct runner *R, size_t i, int64_t earned)
{
    const struct proctor_question *q = R->s->q[i];
    const struct style *st = &R->st;
    int64_t max = proctor_grade_max(q);
    char a[32], b[32], *ans;

    if (q->type == PROCTOR_ESSAY) {
        printf("\n  %sRecorded.%s Essays are marked by a teacher; in practice, compare your "
               "answer with the rubric:\n",
               sty(st, "bold"), sty(st, "reset"));
        render_wrap(stdout, st, q->rubric, 4);
    } else if (earned == max) {
        printf("\n  %sCorrect.%s %s of %s point%s.\n", sty(st, "green"), sty(st, "reset"),
               proctor_format_points(earned, a, sizeof a), proctor_format_points(max, b, sizeof b),
               max == 1000 ? "" : "s");
    } else {
        printf("\n  %s%s%s %s of %s point%s.\n", sty(st, earned ? "bold" : "red"),
               earned ? "Partly right." : "Not quite.", sty(st, "reset"),
               proctor_format_points(earned, a, sizeof a), proctor_format_points(max, b, sizeof b),
               max == 1000 ? "" : "s");
        ans = proctor_describe_answer(q, R->s->perm[i]);
        printf("  The answer:\n");
        render_wrap(stdout, st, ans ? ans : "?", 4);
        free(ans);
    }
    printf("\n");
    render_wrap(stdout, st, q->explain, 2);
    printf("\n");
    render_passage(stdout, st, q);
}

static void
summary(struct runner *R)
{
    const struct proctor_session *s = R->s;
    const struct proctor_bank *b = s->bank;
    const struct style *st = &R->st;
    int64_t earned, max;
    char a[32], m[32];
    size_t missed = 0, essays = 0;

    proctor_session_score(s, &earned, &max);
    printf("\n%sYour score: %s of %s", sty(st, "bold"), proctor_format_points(earned, a, sizeof a),
           proctor_format_points(max, m, sizeof m));
    if (max > 0)
        printf(" (%lld%%)", (long long)(earned * 100 / max));
    printf("%s\n\n", sty(st, "reset"));
    for (size_t d = 0; d < b->ndocs; d++) {
        int64_t de = 0, dm = 0;
        int any = 0;
        char bar[21];
        for (size_t i = 0; i < s->n; i++) {
            if (s->q[i]->doc != &b->docs[d])
                continue;
            any = 1;
            dm += proctor_grade_max(s->q[i]);
            de += s->resp[i].answered ? s->earned[i] : 0;
        }
        if (!any || dm == 0)
            continue;
        for (int k = 0; k < 20; k++)
            bar[k] = k < (int)(de * 20 / dm) ? '#' : '.';
        bar[20] = '\0';
        printf("  %-14s [%s] %s/%s  %3lld%%\n", b->docs[d].id, bar,
               proctor_format_points(de, a, sizeof a), proctor_format_points(dm, m, sizeof m),
               (long long)(de * 100 / dm));
    }
    for (size_t i = 0; i < s->n; i++) {
        const struct proctor_question *q = s->q[i];
        if (q->type == PROCTOR_ESSAY) {
            essays += s->resp[i].answered;
            continue;
        }
        if (s->resp[i].answered && s->earned[i] == proctor_grade_max(q))
            continue;
        if (!missed++)
            printf("\n%sTo review:%s\n", sty(st, "bold"), sty(st, "reset"));
        printf("\n  %zu. %s%s\n", i + 1, q->id, s->resp[i].answered ? "" : " (skipped)");
        render_wrap(stdout, st, q->prompt, 5);
        {
            char *ans = proctor_describe_answer(q, s->perm[i]);
            printf("     Answer: %s\n", ans ? ans : "?");
            free(ans);
        }
        render_passage(stdout, st, q);
    }
    if (!missed)
        printf("\n  Nothing to review: every scored question was answered correctly.\n");
    if (essays)
        printf("\n  %zu essay answer%s recorded; essays are not scored in practice.\n", essays,
               essays == 1 ? "" : "s");
}

/* Asks before quitting on Ctrl-C; returns 1 to quit. */
static int
confirm_quit(void)
{
    int r;
    if (!prompt_is_tty())
        return 1;
    r = prompt_yes_no("Quit now? Your answers so far are saved. [y/N] ", 0);
    return r != 0;
}

enum outcome { DONE, QUIT, INTERRUPTED, TERMINATED };

static enum outcome
run(struct runner *R)
{
    struct proctor_session *s = R->s;

    prompt_set_commands(meta_commands);
    while (s->cur < s->n) {
        size_t i = s->cur;
        const struct proctor_question *q = s->q[i];
        char *line = NULL;
        enum prompt_result pr;
        struct proctor_response resp;
        struct proctor_error err;

        render_question(stdout, &R->st, s, i);
        prompt_set_words(q->type == PROCTOR_TRUEFALSE ? tf_words : NULL);
        for (;;) {
            pr = prompt_read("> ", &line);
            if (pr == PROMPT_INTERRUPT) {
                if (confirm_quit())
                    return prompt_is_tty() ? QUIT : INTERRUPTED;
                continue;
            }
            if (pr == PROMPT_TERM)
                return TERMINATED;
            if (pr == PROMPT_EOF) {
                printf("\n");
                return QUIT;
            }
            {
                char *t = line + strspn(line, " \t");
                size_t n = strlen(t);
                while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
                    t[--n] = '\0';
                if (strcmp(t, ":help") == 0 || strcmp(t, ":h") == 0 || strcmp(t, "?") == 0) {
                    show_help();
                } else if (strcmp(t, ":quit") == 0 || strcmp(t, ":q") == 0) {
                    free(line);
                    return QUIT;
                } else if (strcmp(t, ":skip") == 0 || strcmp(t, ":s") == 0) {
                    s->cur = i + 1;
                    free(line);
                    break;
                } else if (strcmp(t, ":back") == 0 || strcmp(t, ":b") == 0) {
                    if (i == 0) {
                        printf("  This is the first question.\n");
                    } else {
                        s->cur = i - 1;
                        free(line);
                        break;
                    }
                } else if (strcmp(t, ":passage") == 0 || strcmp(t, ":p") == 0) {
                    render_passage(stdout, &R->st, q);
                } else if (t[0] == ':') {
                    printf("  Unknown command '%s'; type :help for the list.\n", t);
                } else if (proctor_response_parse(q, s->perm[i], t, &resp, &err) < 0) {
                    printf("  %s\n", err.msg);
                } else {
                    int64_t earned = proctor_session_answer(s, i, &resp);
                    proctor_response_release(&resp);
                    s->cur = i + 1;
                    save(R);
                    free(line);
                    feedback(R, i, earned);
                    break;
                }
            }
            free(line);
            line = NULL;
        }
        save(R);
    }
    return DONE;
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
    const char *bankdir = NULL, *docs[MAX_FILTER], *tags[MAX_FILTER], *types[MAX_FILTER];
    const char *state, *nstr = NULL, *keyfile = NULL, *passfile = NULL;
    struct proctor_filter f = {0};
    struct proctor_bank *bank = NULL;
    struct proctor_error err;
    struct runner R;
    uint64_t seed = 0;
    int c, rc, have_seed = 0, fresh = 0;
    long long count = 0;
    char hist[PATH_MAX];
    enum outcome out;

    memset(&R, 0, sizeof R);
    while ((c = getopt_long(argc, argv, "b:d:t:y:n:s:r:k:h", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if (bankdir)
                return cli_usage_error("practice", "--bank given twice");
            bankdir = optarg;
            break;
        case 'd':
            if (f.ndocs == MAX_FILTER)
                return cli_usage_error("practice", "too many --doc options");
            docs[f.ndocs++] = optarg;
            break;
        case 't':
            if (f.ntags == MAX_FILTER)
                return cli_usage_error("practice", "too many --tag options");
            tags[f.ntags++] = optarg;
            break;
        case 'y':
            if (proctor_qtype_parse(optarg) < 0)
                return cli_usage_error("practice", "unknown question type '%s'", optarg);
            if (f.ntypes == MAX_FILTER)
                return cli_usage_error("practice", "too many --type options");
            types[f.ntypes++] = optarg;
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
            if (R.record)
                return cli_usage_error("practice", "--record given twice");
            R.record = optarg;
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
        default: return cli_usage_error("practice", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("practice", "unexpected argument '%s'", argv[optind]);
    f.docs = docs;
    f.tags = tags;
    f.types = types;
    if ((keyfile || passfile) && !R.record)
        return cli_usage_error("practice", "--key and --passphrase-file go with --record");
    if (R.record) {
        /* fail before the first question, not after the last */
        if (access(R.record, F_OK) == 0) {
            cli_errorf("'%s' already exists; refusing to overwrite a result", R.record);
            return EXIT_IO;
        }
        rc = cli_load_secret_key(keyfile ? keyfile : cli_default_key(0), passfile, &R.key);
        if (rc)
            return rc;
    }
    rc = cli_load_bank(cli_bank_dir(bankdir), &bank);
    if (rc) {
        proctor_key_free(R.key);
        return rc;
    }
    for (size_t i = 0; i < f.ndocs; i++)
        if (!proctor_bank_doc(bank, docs[i])) {
            cli_errorf("no document '%s' in the bank; the documents are:", docs[i]);
            for (size_t k = 0; k < bank->ndocs; k++)
                fprintf(stderr, "  %s  %s\n", bank->docs[k].id, bank->docs[k].title);
            proctor_bank_free(bank);
            return EXIT_USAGE;
        }
    state = cli_state_dir(1);
    if (!state) {
        cli_errorf("cannot find a directory for saved sessions: set HOME or XDG_STATE_HOME");
        proctor_bank_free(bank);
        return EXIT_IO;
    }
    snprintf(R.save_path, sizeof R.save_path, "%s/practice.json", state);
    snprintf(hist, sizeof hist, "%s/history", state);
    R.st = render_style(stdout);
    prompt_open(1, hist);

    if (!fresh && access(R.save_path, F_OK) == 0) {
        struct proctor_session *old = NULL;
        if (proctor_session_load(bank, R.save_path, &old, &err) < 0) {
            printf("A saved practice session could not be resumed (%s); starting a new one.\n",
                   err.msg);
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
            if (yes)
                R.s = old;
            else
                proctor_session_free(old);
        }
    }
    if (!R.s) {
        if (!have_seed)
            seed = ((uint64_t)randombytes_random() << 20) ^ randombytes_random();
        rc = proctor_session_new(bank, &f, (size_t)count, seed, 1, &R.s, &err);
        if (rc < 0) {
            rc = cli_report(&err);
            proctor_bank_free(bank);
            prompt_close();
            return rc;
        }
        printf("Practice: %zu question%s. Type :help for commands.\n", R.s->n,
               R.s->n == 1 ? "" : "s");
    }
    save(&R);
    out = run(&R);
    prompt_close();
    rc = EXIT_OK;
    if (out == DONE) {
        R.s->finished = time(NULL);
        summary(&R);
        if (R.record) {
            if (proctor_result_write(R.s, R.key, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest,
                                     NULL, 1, R.record, &err) < 0) {
                rc = cli_report(&err);
                printf("Your answers are kept; run 'proctor practice --record FILE' with "
                       "another file to sign them.\n");
            } else {
                printf("\nSigned result written to %s.\n", R.record);
            }
        }
        if (rc == EXIT_OK)
            unlink(R.save_path);
    } else {
        save(&R);
        printf("Progress saved. Run 'proctor practice' to resume.\n");
        if (out == INTERRUPTED)
            rc = 130;
        else if (out == TERMINATED)
            rc = 143;
    }
    proctor_session_free(R.s);
    proctor_bank_free(bank);
    proctor_key_free(R.key);
    return rc;
}
