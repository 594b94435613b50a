/* SPDX-License-Identifier: ISC */
/*
 * cmd-take.c - proctor take: a student takes a signed assignment. The teacher's signature is
 * checked before anything is shown; every answer is journaled (atomically, fsynced) before
 * the next question, so a crash loses nothing and the next `take` resumes; the result is
 * signed with the student's key and written atomically, and only then is the journal removed.
 *
 * State, under $XDG_STATE_HOME/proctor/take/, per assignment digest and student:
 *   <sha256>-<student>.json      the journal: a saved session (proctor_session_save)
 *   <sha256>-<student>.attempts  one line per attempt handed in: "N FINISHED RESULT-PATH"
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "prompt.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/sign.h"
#include "render.h"
#include "runner.h"
#include "untrusted.h"

#define ATTEMPTS_MAX_BYTES (1024 * 1024)

struct take {
    const struct proctor_assignment *a;
    const struct proctor_key *key;
    char journal[PATH_MAX];
    char attempts[PATH_MAX];
    char result[PATH_MAX];
    int attempt;
};

/* The runner's persist hook: the journal, written atomically and fsynced, after every answer
 * and move. A failure stops the run: going on would risk answers the student believes kept. */
static int
journal_save(struct runner *R)
{
    struct take *T = R->ctx;
    struct proctor_error err;

    proctor_error_clear(&err);
    if (proctor_session_save(R->s, T->journal, &err) < 0) {
        cli_report(&err);
        return -1;
    }
    return 0;
}

/* Number of attempts recorded as handed in (lines of the attempts file). */
static int
attempts_done(const char *path, int *n)
{
    struct proctor_error err;
    char *buf = NULL;
    size_t len = 0;

    *n = 0;
    if (access(path, F_OK) != 0)
        return 0;
    proctor_error_clear(&err);
    if (proctor_file_read(path, ATTEMPTS_MAX_BYTES, &buf, &len, &err) < 0)
        return cli_report(&err);
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n')
            (*n)++;
    free(buf);
    return 0;
}

static int
attempts_record(const struct take *T, const char *finished)
{
    struct proctor_error err;
    char *buf = NULL, *nbuf;
    size_t len = 0;
    int n, rc;

    proctor_error_clear(&err);
    if (access(T->attempts, F_OK) == 0 &&
        proctor_file_read(T->attempts, ATTEMPTS_MAX_BYTES, &buf, &len, &err) < 0)
        return cli_report(&err);
    n = snprintf(NULL, 0, "%d %s %s\n", T->attempt, finished, T->result);
    nbuf = malloc(len + (size_t)n + 1);
    if (!nbuf) {
        free(buf);
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    if (len)
        memcpy(nbuf, buf, len);
    snprintf(nbuf + len, (size_t)n + 1, "%d %s %s\n", T->attempt, finished, T->result);
    rc = proctor_file_write(T->attempts, nbuf, len + (size_t)n, 0600, 0, &err);
    free(buf);
    free(nbuf);
    return rc < 0 ? cli_report(&err) : 0;
}

/*
 * Whether path already holds this very attempt's result (signed by this student, for this
 * assignment and attempt): then a run ended between writing it and tidying up.
 */
static int
is_our_result(const struct take *T, const char *path)
{
    struct proctor_envelope env;
    struct proctor_result res;
    int ours = 0;

    if (proctor_result_load(path, &env, &res, NULL) < 0)
        return 0;
    if (proctor_dsse_verify(&env, T->key->pk, NULL) == 0)
        ours = res.assignment_id && strcmp(res.assignment_id, T->a->id) == 0 &&
               sodium_memcmp(res.digest, T->a->digest, 32) == 0 &&
               strcmp(res.student, T->key->id) == 0 && res.attempt == T->attempt;
    proctor_result_release(&res);
    proctor_envelope_release(&env);
    return ours;
}

/* The answers, position and start time of a journal, into the session s (same questions). */
static int
resume(struct proctor_session *s, const char *journal)
{
    struct proctor_session *old = NULL;
    struct proctor_error err;
    size_t answered = 0;

    proctor_error_clear(&err);
    if (proctor_session_load(s->bank, journal, &old, &err) < 0) {
        cli_report(&err);
        cli_errorf("cannot resume from the journal '%s'; move it away to start again",
                   journal);
        return EXIT_DATA;
    }
    if (proctor_session_resume(s, old) < 0) {
        proctor_session_free(old);
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    for (size_t j = 0; j < s->n; j++)
        answered += s->resp[j].answered != 0;
    s->cur = old->cur <= s->n ? old->cur : s->n;
    s->started = old->started;
    printf("Resuming: %zu of %zu question%s answered.\n", answered, s->n, s->n == 1 ? "" : "s");
    proctor_session_free(old);
    return 0;
}

/* when, in the student's own time zone ("2026-12-08 17:00 CET"), and how long from now */
static void
due_words(time_t due, time_t now, char *buf, size_t size)
{
    char when[64];
    long long left = (long long)(due - now), d, h, m;

    cli_local_time(due, when, sizeof when);
    if (left <= 0) {
        snprintf(buf, size, "%s", when);
        return;
    }
    d = left / 86400;
    h = left % 86400 / 3600;
    m = left % 3600 / 60;
    if (d)
        snprintf(buf, size, "%s, in %lld day%s %lld hour%s", when, d, d == 1 ? "" : "s", h,
                 h == 1 ? "" : "s");
    else if (h)
        snprintf(buf, size, "%s, in %lld hour%s %lld minute%s", when, h, h == 1 ? "" : "s", m,
                 m == 1 ? "" : "s");
    else
        snprintf(buf, size, "%s, in %lld minute%s", when, m ? m : 1, m == 1 || !m ? "" : "s");
}

static void
show_intro(const struct proctor_assignment *a, int attempt, int done)
{
    time_t due = 0, now = time(NULL);
    char words[160] = "";

    if (a->due[0] && cli_utc_parse(a->due, &due) == 0)
        due_words(due, now, words, sizeof words);
    printf("Assignment: %s (%s), set by %s.\n", untrusted_str(a->title), untrusted_str(a->id),
           untrusted_str(a->teacher_name));
    printf("%zu question%s", a->nq, a->nq == 1 ? "" : "s");
    if (a->due[0])
        printf("; due %s", words[0] ? words : untrusted_str(a->due));
    if (a->time_limit)
        printf("; time limit %lld minute%s", (long long)a->time_limit,
               a->time_limit == 1 ? "" : "s");
    printf("; attempt %d of %lld.\n", attempt, (long long)a->attempts);
    if (done > 0)
        printf("Note: you have handed in %d attempt%s at this assignment already; this is "
               "attempt %d.\n",
               done, done == 1 ? "" : "s", attempt);
    if (attempt > a->attempts)
        printf("Warning: the assignment allows %lld attempt%s, so this attempt will not count: "
               "your teacher's gradebook refuses attempts past the limit.\n",
               (long long)a->attempts, a->attempts == 1 ? "" : "s");
    if (due && now > due)
        printf("Note: this assignment was due at %s (%s); your work will be marked late.\n",
               words, untrusted_str(a->due));
    printf("Your answers are saved as you go. At the end you see them all before you hand "
           "them in. Type :help for commands.\n");
}

static int
finish(struct take *T, struct runner *R)
{
    const struct proctor_assignment *a = T->a;
    struct proctor_error err;
    char finished[32];
    struct tm tm;

    proctor_error_clear(&err);
    R->s->finished = time(NULL);
    if (R->s->finished < R->s->started)
        R->s->finished = R->s->started;
    if (proctor_result_write(R->s, T->key, NULL, PROCTOR_TAKEN_ASSIGNMENT, a->digest, a->id,
                             T->attempt, T->result, &err) < 0) {
        int rc = cli_report(&err);
        printf("Your answers are kept; run 'proctor take' again (with --out FILE to write the "
               "result elsewhere).\n");
        return rc;
    }
    gmtime_r(&R->s->finished, &tm);
    strftime(finished, sizeof finished, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (attempts_record(T, finished) != 0)
        printf("(The attempt could not be recorded; the result is written all the same.)\n");
    unlink(T->journal);
    if (a->sealed) {
        printf("\nYour answers are handed in and signed: %s\n"
               "Give this file to your teacher, who will grade it.\n",
               T->result);
    } else {
        runner_summary(R);
        printf("\nYour answers are signed: %s\nGive this file to your teacher.\n", T->result);
    }
    return EXIT_OK;
}

enum { O_TEACHER = 1, O_OUT, O_YES, O_KEY, O_PASS };

static const struct cli_option options[] = {
    {"teacher-key", O_TEACHER, "FILE", 0,
     "the teacher's public key line (as 'proctor key export --teacher' prints it), to check "
     "the assignment's signature; pinned for next time",
     "proctor take w3.json --teacher-key tee.pub", CLI_V_FILE, NULL},
    {"out", O_OUT, "FILE", 0,
     "write the signed result to FILE (default: ID-STUDENT-ATTEMPT.result.json here); never "
     "overwritten",
     "proctor take w3.json --out ~/handin/w3.json", CLI_V_FILE, NULL},
    {"yes", O_YES, NULL, 0,
     "trust the teacher's key without asking, and hand in at the end without asking (for "
     "scripts)",
     "proctor take w3.json --yes <answers.txt", CLI_V_NONE, NULL},
    {"key", O_KEY, "FILE", 0, "sign with this student secret key (default: yours from keygen)",
     "proctor take w3.json --key ~/keys/student.key", CLI_V_FILE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, CLI_HELP_PASSFILE,
     "proctor take w3.json --passphrase-file pass.txt", CLI_V_FILE, NULL},
    {0}};

const struct command command_take = {
    "take", cmd_take, "take a signed assignment; hand in a signed result",
    "proctor take FILE [--teacher-key FILE] [--out FILE] [--yes] [--key FILE]\n"
    "       [--passphrase-file FILE]",
    "Checks the assignment's signature and the teacher's key, then asks its questions. Every "
    "answer is saved before the next question, so after a crash 'proctor take FILE' resumes. "
    "Commands at the > prompt: :goto N, :back, :skip, :review, :submit and :quit. At the end "
    "the review screen lists your answers and asks before handing in; the result is signed "
    "with your student key.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_take(int argc, char **argv)
{
    const char *file, *teacher_key = NULL, *out = NULL, *keyfile = NULL, *passfile = NULL;
    const char *state;
    struct proctor_assignment *a = NULL;
    struct proctor_key *key = NULL;
    struct proctor_error err;
    struct cli_args args;
    struct runner R;
    struct take T;
    char what[PROCTOR_ID_MAX + 32], hex[65];
    enum run_outcome outcome;
    int c, rc, yes = 0, done = 0, resuming;

    memset(&R, 0, sizeof R);
    memset(&T, 0, sizeof T);
    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_TEACHER: teacher_key = args.arg; break;
        case O_OUT: out = args.arg; break;
        case O_YES: yes = 1; break;
        case O_KEY: keyfile = args.arg; break;
        case O_PASS: passfile = args.arg; break;
        case CLI_EXIT: return args.status;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("take", optind == argc ? "no assignment file given"
                                                      : "give one assignment file");
    file = argv[optind];
    proctor_error_clear(&err);
    prompt_open(0, NULL); /* no history: answers must not land in a file */

    /* nothing is shown before the signature and the signer are checked */
    if (proctor_assignment_load(file, &a, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    snprintf(what, sizeof what, "Assignment '%s'", a->id);
    if ((rc = cli_trust_teacher(teacher_key, a->keyid, a->teacher_pk, a->teacher_id,
                                a->teacher_name, what, yes ? TRUST_YES : TRUST_ASK)) != 0)
        goto out;
    if ((rc = cli_load_secret_key(keyfile ? keyfile : cli_default_key(0), passfile, &key)) != 0)
        goto out;
    if (key->role != PROCTOR_ROLE_STUDENT) {
        cli_errorf("take signs your answers with a student key; '%s' is a teacher's",
                   keyfile ? keyfile : cli_default_key(0));
        rc = EXIT_USAGE;
        goto out;
    }
    T.a = a;
    T.key = key;
    if (!(state = cli_state_dir(1))) {
        cli_errorf("cannot find a directory for the journal: set HOME or XDG_STATE_HOME");
        rc = EXIT_IO;
        goto out;
    }
    sodium_bin2hex(hex, sizeof hex, a->digest, 32);
    snprintf(T.journal, sizeof T.journal, "%s/take", state);
    if (proctor_mkdirs(T.journal, 0700, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    snprintf(T.journal, sizeof T.journal, "%s/take/%s-%s.json", state, hex, key->id);
    snprintf(T.attempts, sizeof T.attempts, "%s/take/%s-%s.attempts", state, hex, key->id);
    if ((rc = attempts_done(T.attempts, &done)) != 0)
        goto out;
    T.attempt = done + 1;
    if (out)
        snprintf(T.result, sizeof T.result, "%s", out);
    else
        snprintf(T.result, sizeof T.result, "%s-%s-%d.result.json", a->id, key->id, T.attempt);
    resuming = access(T.journal, F_OK) == 0;
    if (access(T.result, F_OK) == 0) {
        if (resuming && is_our_result(&T, T.result)) {
            /* handed in, but stopped before tidying up: finish that now */
            char now[32];
            time_t t = time(NULL);
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
            attempts_record(&T, now);
            unlink(T.journal);
            printf("Attempt %d was already handed in: %s\n", T.attempt, T.result);
            rc = EXIT_OK;
            goto out;
        }
        rc = cli_exists_error(T.result, 0);
        goto out;
    }
    if ((rc = proctor_assignment_session(a, NULL, key->id, &R.s, &err)) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    /* an open assignment gives feedback: each answer is final once it is shown */
    R.s->locking = !a->sealed;
    show_intro(a, T.attempt, resuming ? 0 : done);
    if (resuming && (rc = resume(R.s, T.journal)) != 0)
        goto out;
    R.st = render_style(stdout);
    R.ctx = &T;
    R.persist = journal_save;
    R.review = 1;
    R.passages = 0;
    R.feedback = !a->sealed;
    R.no_confirm = yes;
    if (a->time_limit)
        R.deadline = R.s->started + (time_t)a->time_limit * 60;
    if (journal_save(&R) != 0) {
        rc = EXIT_IO;
        goto out;
    }
    if (R.deadline && time(NULL) >= R.deadline) {
        printf("The time limit has passed; your answers are handed in as they are.\n");
        outcome = RUN_TIMEUP;
    } else {
        outcome = runner_run(&R);
    }
    switch (outcome) {
    case RUN_DONE: rc = finish(&T, &R); break;
    case RUN_TIMEUP:
        printf("Your answers are handed in as they are.\n");
        rc = finish(&T, &R);
        break;
    case RUN_IOERROR:
        cli_errorf("cannot save your answers in '%s'; stopping so that none is lost",
                   T.journal);
        rc = EXIT_IO;
        break;
    case RUN_QUIT:
    case RUN_INTERRUPTED:
    case RUN_TERMINATED:
        rc = journal_save(&R) == 0 ? EXIT_OK : EXIT_IO;
        printf("Your answers are saved. Run 'proctor take");
        for (int k = 1; k < optind; k++)
            printf(" %s", cli_shell_word(argv[k]));
        printf(" %s' again to go on.\n", cli_shell_word(file));
        if (outcome == RUN_INTERRUPTED)
            rc = 130;
        else if (outcome == RUN_TERMINATED)
            rc = 143;
        break;
    }
out:
    prompt_close();
    proctor_session_free(R.s);
    proctor_assignment_free(a);
    proctor_key_free(key);
    return rc;
}
