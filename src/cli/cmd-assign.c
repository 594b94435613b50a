/* SPDX-License-Identifier: ISC */
/*
 * cmd-assign.c - proctor assign: choose questions from the bank and write a signed assignment
 * (and, sealed, its answer key beside it); --preview shows what one student will see.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "proctor/session.h"
#include "render.h"
#include "untrusted.h"

#define MAX_FILTER 256

/* "2024-05-01" (the end of that day, local time), "2024-05-01T17:00", "2024-05-01 17:00:30"
 * (local time), or either with a final Z (UTC) or an offset from UTC ("+02:00", "-0530"). */
int
cli_parse_datetime(const char *s, time_t *out)
{
    struct tm tm, want;
    int n = 0, m = 0, utc = 0;
    long offset = 0;
    size_t len = strlen(s);

    memset(&tm, 0, sizeof tm);
    if (len > 0 && (s[len - 1] == 'Z' || s[len - 1] == 'z')) {
        utc = 1;
        len--;
    } else if (len > 16 && (s[len - 6] == '+' || s[len - 6] == '-') && s[len - 3] == ':') {
        int hh, mm, k = 0;
        if (sscanf(s + len - 5, "%2d:%2d%n", &hh, &mm, &k) != 2 || k != 5 || hh > 23 || mm > 59)
            return -1;
        offset = (s[len - 6] == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
        utc = 1;
        len -= 6;
    } else if (len > 15 && (s[len - 5] == '+' || s[len - 5] == '-') && s[len - 3] != ':') {
        int hh, mm, k = 0;
        if (sscanf(s + len - 4, "%2d%2d%n", &hh, &mm, &k) != 2 || k != 4 || hh > 23 || mm > 59)
            return -1;
        offset = (s[len - 5] == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
        utc = 1;
        len -= 5;
    }
    if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 || n != 10)
        return -1;
    if ((size_t)n == len) {
        tm.tm_hour = 23, tm.tm_min = 59, tm.tm_sec = 59;
    } else {
        if (s[n] != 'T' && s[n] != 't' && s[n] != ' ')
            return -1;
        if (sscanf(s + n + 1, "%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &m) != 2 || m != 5)
            return -1;
        n += 1 + m;
        if ((size_t)n < len) {
            if (sscanf(s + n, ":%2d%n", &tm.tm_sec, &m) != 1 || m != 3)
                return -1;
            n += m;
        }
        if ((size_t)n != len)
            return -1;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    want = tm;
    *out = utc ? timegm(&tm) - offset : mktime(&tm);
    /* mktime and timegm quietly move 31 April to 1 May; refuse such dates */
    if (*out == (time_t)-1 || tm.tm_year != want.tm_year || tm.tm_mon != want.tm_mon ||
        tm.tm_mday != want.tm_mday || tm.tm_year < 70 || tm.tm_year > 8099 ||
        want.tm_hour > 23 || want.tm_min > 59 || want.tm_sec > 59)
        return -1;
    return 0;
}

/* An id from a title: lowercase letters and digits, other runs turned into one '-'. */
static void
slug(const char *title, char *out, size_t size)
{
    size_t n = 0;
    int dash = 0;

    for (const unsigned char *p = (const unsigned char *)title; *p && n + 2 < size; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')) {
            if (dash && n > 0)
                out[n++] = '-';
            out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            dash = 0;
        } else {
            dash = 1;
        }
        if (n >= PROCTOR_ID_MAX - 1)
            break;
    }
    out[n] = '\0';
}

/* hw1.json -> hw1.key.json; other names get ".key" appended. */
static void
key_path_for(const char *out, char *buf, size_t size)
{
    size_t n = strlen(out);
    if (n > 5 && strcmp(out + n - 5, ".json") == 0)
        snprintf(buf, size, "%.*s.key.json", (int)(n - 5), out);
    else
        snprintf(buf, size, "%s.key", out);
}

static int
preview(const char *file, const char *student)
{
    struct proctor_assignment *a = NULL;
    struct proctor_session *s = NULL;
    struct proctor_error err;
    struct style st = render_style(stdout);
    int rc;

    proctor_error_clear(&err);
    if (proctor_key_check_id(student, &err) < 0)
        return cli_field_error("assign", "--student", "%s", err.msg);
    if ((rc = proctor_assignment_load(file, &a, &err)) < 0)
        return cli_report(&err);
    if (proctor_assignment_session(a, NULL, student, &s, &err) < 0) {
        rc = cli_report(&err);
        proctor_assignment_free(a);
        return rc;
    }
    printf("Assignment %s: %s\n", untrusted_str(a->id), untrusted_str(a->title));
    printf("Set by %s (%s, key %s); %s; %zu question%s.\n", untrusted_str(a->teacher_name),
           untrusted_str(a->teacher_id),
           a->keyid, a->sealed ? "sealed" : "open, with feedback", a->nq, a->nq == 1 ? "" : "s");
    printf("What student %s sees, in order:\n", untrusted_str(student));
    for (size_t i = 0; i < s->n; i++)
        render_question(stdout, &st, s, i);
    proctor_session_free(s);
    proctor_assignment_free(a);
    return EXIT_OK;
}

/* Keeps k of the n questions in v, chosen at random, in their order. */
static size_t
choose(const struct proctor_question **v, size_t n, size_t k)
{
    unsigned char *keep;
    size_t kept = 0, out = 0;

    if (k == 0 || k >= n || !(keep = calloc(n, 1)))
        return n;
    while (kept < k) {
        size_t j = randombytes_uniform((uint32_t)n);
        if (!keep[j]) {
            keep[j] = 1;
            kept++;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (keep[i])
            v[out++] = v[i];
    free(keep);
    return out;
}

static int
exists(const char *path)
{
    return access(path, F_OK) == 0;
}

enum {
    O_TITLE = 1, O_BANK, O_ID, O_QUESTION, O_DOC, O_TAG, O_TYPE, O_DUE, O_LIMIT,
    O_ATTEMPTS, O_NOSHUFFLE, O_SEALED, O_OPEN, O_OUT, O_KEYOUT, O_KEY, O_PASS, O_FORCE,
    O_PREVIEW, O_STUDENT
};

static const struct cli_option options[] = {
    {"title", O_TITLE, "TITLE", 0, "the title students see (required)",
     "proctor assign --title \"Week 3\" --doc withdrawal -n 10 --out w3.json", CLI_V_NONE,
     NULL},
    {"id", O_ID, "ID", 0,
     "the assignment's id, used in file names and gradebooks (default: made from the title)",
     "proctor assign --title \"Week 3\" --id w3 --out w3.json", CLI_V_NONE, NULL},
    {"bank", O_BANK, "DIR", 0, CLI_HELP_BANK,
     "proctor assign --bank ~/course/questions --title Quiz --out quiz.json", CLI_V_DIR, NULL},
    {"question", O_QUESTION, "ID", CLI_REPEAT, "this question (see 'proctor list')",
     "proctor assign --title Quiz --question fax-recipient --question fax-date --out quiz.json",
     CLI_V_QUESTION, NULL},
    {"doc", O_DOC, "ID", CLI_REPEAT, CLI_HELP_DOC,
     "proctor assign --title Quiz --doc dallaire-fax --out quiz.json", CLI_V_DOC, NULL},
    {"tag", O_TAG, "TAG", CLI_REPEAT, CLI_HELP_TAG,
     "proctor assign --title Quiz --tag dates --out quiz.json", CLI_V_TAG, NULL},
    {"type", O_TYPE, "TYPE", CLI_REPEAT, CLI_HELP_TYPE,
     "proctor assign --title Quiz --type essay --out quiz.json", CLI_V_TYPE, NULL},
    {"difficulty", CLI_K_DIFFICULTY, "N", CLI_REPEAT, CLI_HELP_DIFFICULTY,
     "proctor assign --title Quiz --difficulty 1 --out quiz.json", CLI_V_WORDS, "1 2 3"},
    {"level", CLI_K_LEVEL, "LEVEL", CLI_REPEAT, CLI_HELP_LEVEL,
     "proctor assign --title Quiz --level analysis --out quiz.json", CLI_V_WORDS,
     "recall understanding analysis"},
    {NULL, 'n', "COUNT", 0, "at most COUNT of the chosen questions, drawn at random",
     "proctor assign --title Quiz -n 10 --out quiz.json", CLI_V_NONE, NULL},
    {"due", O_DUE, "WHEN", 0,
     "the due date: 2026-12-08 (end of that day), 2026-12-08T17:00 (local time), "
     "2026-12-08T17:00+02:00 (an offset from UTC) or 2026-12-08T15:00Z (UTC); one in the past "
     "needs --force; late work is flagged by verify",
     "proctor assign --title Quiz --due 2026-12-08T17:00+02:00 --out quiz.json", CLI_V_NONE, NULL},
    {"time-limit", O_LIMIT, "MINUTES", 0,
     "the time a student has once they start; at zero take hands in the answers given",
     "proctor assign --title Quiz --time-limit 30 --out quiz.json", CLI_V_NONE, NULL},
    {"attempts", O_ATTEMPTS, "N", 0, "how many attempts a student may hand in (default 1)",
     "proctor assign --title Quiz --attempts 2 --out quiz.json", CLI_V_NONE, NULL},
    {"no-shuffle", O_NOSHUFFLE, NULL, 0,
     "keep the questions and options in the bank's order (default: shuffled per student)",
     "proctor assign --title Quiz --no-shuffle --out quiz.json", CLI_V_NONE, NULL},
    {"sealed", O_SEALED, NULL, 0,
     "the default: no answers in the assignment; the answer key is written beside it",
     "proctor assign --title Quiz --sealed --out quiz.json", CLI_V_NONE, NULL},
    {"open", O_OPEN, NULL, 0,
     "put the answers in the assignment, so take gives feedback as the student goes",
     "proctor assign --title Practice --open --out practice.json", CLI_V_NONE, NULL},
    {"out", O_OUT, "FILE", 0, "write the assignment to FILE (required)",
     "proctor assign --title Quiz --out quiz.json", CLI_V_FILE, NULL},
    {"key-out", O_KEYOUT, "FILE", 0,
     "write a sealed assignment's answer key to FILE (default: beside --out, quiz.key.json "
     "for quiz.json)",
     "proctor assign --title Quiz --out quiz.json --key-out ~/private/quiz.key.json",
     CLI_V_FILE, NULL},
    {"key", O_KEY, "FILE", 0,
     "sign with this teacher secret key (default: your teacher key from 'proctor keygen "
     "--teacher')",
     "proctor assign --title Quiz --key ~/keys/teacher.key --out quiz.json", CLI_V_FILE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, CLI_HELP_PASSFILE,
     "proctor assign --title Quiz --passphrase-file pass.txt --out quiz.json", CLI_V_FILE,
     NULL},
    {"force", O_FORCE, NULL, 0,
     "replace the assignment and answer key files if they exist; accept a --due in the past",
     "proctor assign --title Quiz --out quiz.json --force", CLI_V_NONE, NULL},
    {"preview", O_PREVIEW, "FILE", 0,
     "with --student: show what that student will see of assignment FILE, in order",
     "proctor assign --preview quiz.json --student s123", CLI_V_FILE, NULL},
    {"student", O_STUDENT, "ID", 0, "with --preview: the student id",
     "proctor assign --preview quiz.json --student s123", CLI_V_NONE, NULL},
    {0}};

const struct command command_assign = {
    "assign", cmd_assign, "make a signed assignment (and its answer key) from the bank",
    "proctor assign --title TITLE [--id ID] [--bank DIR] [--question ID]... [--doc ID]...\n"
    "       [--tag TAG]... [--type TYPE]... [--difficulty N]... [--level LEVEL]... [-n COUNT]\n"
    "       [--due WHEN] [--time-limit MINUTES] [--attempts N] [--no-shuffle] [--sealed | --open]\n"
    "       [--key FILE] [--passphrase-file FILE] [--key-out FILE] [--force] --out FILE\n"
    "       proctor assign --preview FILE --student ID",
    "Chooses questions from the bank and writes an assignment signed with your teacher key. "
    "A sealed assignment (the default) holds no answers: its answer key goes to a separate "
    "file that you keep for 'proctor verify'. Students take it with 'proctor take'; each sees "
    "the questions and options in an order drawn from the assignment and their id.",
    options, CLI_V_NONE, NULL, 0};

int
cmd_assign(int argc, char **argv)
{
    const char *title = NULL, *bankdir = NULL, *id = NULL, *out = NULL, *keyout = NULL;
    const char *keyfile = NULL, *passfile = NULL, *previewing = NULL, *student = NULL;
    const char *ids[MAX_FILTER];
    const struct proctor_question **chosen = NULL;
    struct proctor_assignment_settings set;
    struct cli_filter cf;
    struct proctor_bank *bank = NULL;
    struct proctor_session *s = NULL;
    struct proctor_key *teacher = NULL;
    struct proctor_error err;
    char idbuf[PROCTOR_ID_MAX + 1], keypath[PATH_MAX], due[32];
    char *env = NULL, *keyenv = NULL;
    size_t elen = 0, klen = 0, n;
    long long count = 0, v;
    int c, rc, force = 0;
    struct cli_args a;

    memset(&set, 0, sizeof set);
    set.attempts = 1;
    set.shuffle = 1;
    set.sealed = 1;
    memset(&cf, 0, sizeof cf);
    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        /* the selection options, shared with list and practice (--doc is 'd' there) */
        rc = cli_filter_option(&cf, "assign",
                               c == O_DOC ? 'd' : c == O_TAG ? 't' : c == O_TYPE ? 'y' : c, a.arg);
        if (rc > 0)
            return rc;
        if (rc == 0)
            continue;
        switch (c) {
        case O_TITLE: title = a.arg; break;
        case O_BANK: bankdir = a.arg; break;
        case O_ID: id = a.arg; break;
        case O_QUESTION:
            if (cf.f.nids == MAX_FILTER)
                return cli_usage_error("assign", "too many --question options");
            ids[cf.f.nids++] = a.arg;
            break;
        case 'n':
            count = cli_parse_count(a.arg);
            if (count <= 0)
                return cli_usage_error("assign", "-n needs a positive whole number, not '%s'",
                                       a.arg);
            break;
        case O_DUE:
            if (cli_parse_datetime(a.arg, &set.due) < 0)
                return cli_usage_error("assign",
                                       "--due wants a date and time such as 2024-05-01, "
                                       "2024-05-01T17:00 (local time), 2024-05-01T17:00+02:00 "
                                       "or 2024-05-01T17:00:00Z, not '%s'",
                                       a.arg);
            break;
        case O_LIMIT:
            v = cli_parse_count(a.arg);
            if (v < 1 || v > PROCTOR_TIME_LIMIT_MAX)
                return cli_usage_error("assign", "--time-limit wants 1 to %d minutes",
                                       PROCTOR_TIME_LIMIT_MAX);
            set.time_limit = v;
            break;
        case O_ATTEMPTS:
            v = cli_parse_count(a.arg);
            if (v < 1 || v > PROCTOR_ATTEMPTS_MAX)
                return cli_usage_error("assign", "--attempts wants 1 to %d",
                                       PROCTOR_ATTEMPTS_MAX);
            set.attempts = v;
            break;
        case O_NOSHUFFLE: set.shuffle = 0; break;
        case O_SEALED:
        case O_OPEN:
            if (cli_given(&a, O_SEALED) + cli_given(&a, O_OPEN) > 1)
                return cli_usage_error("assign", "give --sealed or --open, not both");
            set.sealed = c == O_SEALED;
            break;
        case O_OUT: out = a.arg; break;
        case O_KEYOUT: keyout = a.arg; break;
        case O_KEY: keyfile = a.arg; break;
        case O_PASS: passfile = a.arg; break;
        case O_FORCE: force = 1; break;
        case O_PREVIEW: previewing = a.arg; break;
        case O_STUDENT: student = a.arg; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind != argc)
        return cli_usage_error("assign", "unexpected argument '%s'", argv[optind]);
    if (previewing || student) {
        if (!previewing || !student)
            return cli_usage_error("assign", "--preview FILE goes with --student ID");
        if (cli_given_count(&a) != 2)
            return cli_usage_error("assign", "--preview takes only --student");
        return preview(previewing, student);
    }
    if (!title)
        return cli_usage_error("assign", "--title is required");
    if (!out)
        return cli_usage_error("assign", "--out FILE is required");
    if (!set.sealed && keyout)
        return cli_usage_error("assign", "--key-out is for a sealed assignment");
    proctor_error_clear(&err);
    if (proctor_assignment_check_title(title, &err) < 0)
        return cli_field_error("assign", "--title", "%s", err.msg);
    if (!id) {
        slug(title, idbuf, sizeof idbuf);
        if (!idbuf[0])
            return cli_usage_error("assign", "cannot make an id from the title; give --id");
        id = idbuf;
    }
    if (proctor_key_check_id(id, &err) < 0)
        return cli_field_error("assign", "--id", "%s", err.msg);
    if (set.due && set.due < time(NULL) && !force) {
        cli_local_time(set.due, due, sizeof due);
        return cli_usage_error("assign", "--due %s is in the past; give --force to set it "
                                         "all the same (every result will be late)",
                               due);
    }
    if (set.sealed)
        snprintf(keypath, sizeof keypath, "%s", keyout ? keyout : "");
    if (set.sealed && !keyout)
        key_path_for(out, keypath, sizeof keypath);
    if (set.sealed && strcmp(keypath, out) == 0)
        return cli_usage_error("assign", "the answer key and the assignment need two files");
    /* refuse before asking for a passphrase */
    if (!force && (exists(out) || (set.sealed && exists(keypath))))
        return cli_exists_error(exists(out) ? out : keypath, 1);
    rc = cli_load_secret_key(keyfile ? keyfile : cli_default_key(1), passfile, &teacher);
    if (rc)
        return rc;
    if (teacher->role != PROCTOR_ROLE_TEACHER) {
        cli_errorf("'%s' is a student's key; make a teacher's with 'proctor keygen --teacher'",
                   keyfile ? keyfile : cli_default_key(1));
        rc = EXIT_USAGE;
        goto out;
    }
    if ((rc = cli_load_bank(cli_bank_dir(bankdir), 0, &bank)) != 0)
        goto out;
    if ((rc = cli_filter_check_docs(&cf, bank)) != 0)
        goto out;
    for (size_t i = 0; i < cf.f.nids; i++)
        if (!proctor_bank_find(bank, ids[i])) {
            cli_errorf("no question '%s' in the bank", ids[i]);
            rc = EXIT_USAGE;
            goto out;
        }
    cf.f.ids = ids;
    if (proctor_session_new(bank, &cf.f, 0, 0, 0, &s, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    chosen = calloc(s->n, sizeof *chosen);
    if (!chosen) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    for (size_t i = 0; i < s->n; i++)
        chosen[i] = s->q[i];
    n = choose(chosen, s->n, (size_t)count);
    set.id = id;
    set.title = title;
    set.created = time(NULL);
    if (proctor_assignment_make(bank, chosen, n, &set, teacher, &env, &elen, &keyenv, &klen,
                                &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    /* the key first: an assignment without its key would be of no use */
    if (keyenv && proctor_file_write(keypath, keyenv, klen, 0600,
                                     force ? 0 : PROCTOR_WRITE_NOREPLACE, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    if (proctor_file_write(out, env, elen, 0644, force ? 0 : PROCTOR_WRITE_NOREPLACE, &err) <
        0) {
        rc = cli_report(&err);
        if (keyenv)
            unlink(keypath);
        goto out;
    }
    printf("Assignment '%s' (%zu question%s, %s): %s\n", id, n, n == 1 ? "" : "s",
           set.sealed ? "sealed" : "open", out);
    /* everything it set, so that a mistyped option shows before students see it */
    printf("  title:      %s\n", untrusted_str(title));
    if (set.due) {
        struct tm tm;
        char utc[32];
        cli_local_time(set.due, due, sizeof due);
        gmtime_r(&set.due, &tm);
        strftime(utc, sizeof utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
        printf("  due:        %s (%s)\n", due, utc);
    } else {
        printf("  due:        none\n");
    }
    if (set.time_limit)
        printf("  time limit: %lld minute%s\n", (long long)set.time_limit,
               set.time_limit == 1 ? "" : "s");
    else
        printf("  time limit: none\n");
    printf("  attempts:   %lld\n", (long long)set.attempts);
    printf("  mode:       %s\n", set.sealed ? "sealed (the answers are in the answer key)"
                                            : "open (feedback after each answer)");
    printf("  shuffle:    %s\n", set.shuffle ? "questions and options, per student" : "off");
    printf("  questions:  %zu\n", n);
    if (keyenv)
        printf("Answer key (keep it to yourself; verify, mark and return need it): %s\n",
               keypath);
    printf("Signed by %s (%s, key %s).\n", teacher->name, teacher->id, teacher->keyid);
out:
    free(env);
    if (keyenv)
        sodium_memzero(keyenv, klen);
    free(keyenv);
    free(chosen);
    proctor_session_free(s);
    proctor_bank_free(bank);
    proctor_key_free(teacher);
    return rc;
}
