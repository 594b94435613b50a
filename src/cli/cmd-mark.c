/* SPDX-License-Identifier: ISC */
/*
 * cmd-mark.c - proctor mark: the teacher marks the essay answers of an assignment's results,
 * one question at a time across students, with the prompt, the rubric and each answer shown.
 * Points and a comment per essay go into a teacher-signed marks file, saved after every mark,
 * so a second run resumes at the first essay not marked yet (:back goes to the one before)
 * and can change what was given.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "essay.h"
#include "prompt.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/marks.h"
#include "proctor/result.h"
#include "proctor/sign.h"
#include "proctor/verify.h"
#include "render.h"
#include "untrusted.h"

int
cli_read_result(const char *path, struct proctor_result *res)
{
    struct proctor_error err;

    proctor_error_clear(&err);
    return proctor_result_load(path, NULL, res, &err) < 0 ? cli_report(&err) : 0;
}

/* One essay answer to mark. */
struct essay {
    const struct proctor_question *q;
    const struct proctor_result *res;
    char *text;
};

struct marking {
    const struct proctor_assignment *a;
    const struct proctor_key *teacher;
    struct proctor_marks *marks;
    const char *path;
    struct style st;
};

static int
save(const struct marking *M)
{
    struct proctor_error err;
    char *env = NULL;
    size_t len = 0;
    int rc;

    proctor_error_clear(&err);
    if (proctor_marks_sign(M->marks, M->teacher, &env, &len, &err) < 0)
        return cli_report(&err);
    rc = proctor_file_write(M->path, env, len, 0644, 0, &err);
    free(env);
    return rc < 0 ? cli_report(&err) : 0;
}

/* Points as typed: a number from 0 to max with at most three decimals; -1 when not. */
static int64_t
parse_points(const char *s, int64_t max)
{
    const char *dot = strchr(s, '.');
    int64_t v;

    if (dot && strspn(dot + 1, "0123456789") > 3)
        return -1;
    if (proctor_parse_number(s, &v) < 0 || v < 0 || v > max)
        return -1;
    return v;
}

/* What mark_one did. */
enum { MARK_LEFT, MARK_SET, MARK_BACK, MARK_STOP };

/* Whether essay e has a mark that counts (one given for this text). */
static int
is_marked(const struct marking *M, const struct essay *e)
{
    const struct proctor_mark *mk = proctor_marks_find(M->marks, e->res->student, e->res->attempt,
                                                       e->res->nonce, e->q->id);
    return mk && proctor_mark_fits(mk, e->text);
}

/* Asks for the points and comment of one essay (k of n for its question); can_back when
 * there is an essay before it to go back to. */
static int
mark_one(struct marking *M, const struct essay *e, size_t k, size_t n, int can_back)
{
    const struct proctor_mark *old = proctor_marks_find(M->marks, e->res->student,
                                                        e->res->attempt, e->res->nonce,
                                                        e->q->id);
    char a[32], b[32], question[128], *line = NULL, *comment = NULL;
    unsigned char essay[32];
    struct proctor_error err;
    int64_t points = -1;
    int rc = MARK_LEFT;

    printf("\n%s%s, attempt %lld%s (%zu of %zu):\n", sty(&M->st, "bold"),
           untrusted_str(e->res->student),
           (long long)e->res->attempt, sty(&M->st, "reset"), k + 1, n);
    render_wrap(stdout, &M->st, e->text, 4);
    if (e->q->min_words > 0) {
        size_t w = essay_words(e->text);
        printf("  %zu word%s%s\n", w, w == 1 ? "" : "s",
               w < (size_t)e->q->min_words ? ", fewer than asked" : "");
    }
    proctor_essay_digest(e->text, essay);
    if (old && !proctor_mark_fits(old, e->text)) {
        printf("  An earlier mark (%s) was given for another text of this essay; it does not "
               "count for this one.\n",
               proctor_format_points(old->points, a, sizeof a));
        old = NULL;
    }
    if (old)
        printf("  Marked: %s of %s%s%s%s\n", proctor_format_points(old->points, a, sizeof a),
               proctor_format_points(e->q->points, b, sizeof b), old->comment[0] ? " - \"" : "",
               untrusted_str(old->comment), old->comment[0] ? "\"" : "");
    snprintf(question, sizeof question, "Points, 0 to %s (Enter: %s): ",
             proctor_format_points(e->q->points, b, sizeof b),
             old ? "keep the mark" : "leave it unmarked");
    while (points < 0) {
        switch (prompt_read(question, &line)) {
        case PROMPT_LINE: break;
        case PROMPT_INTERRUPT:
        case PROMPT_EOF:
        case PROMPT_TERM:
        case PROMPT_TIMEUP: return MARK_STOP;
        }
        line[strcspn(line, "\r")] = '\0';
        if (strcmp(line + strspn(line, " \t"), ":back") == 0) {
            free(line);
            line = NULL;
            if (can_back)
                return MARK_BACK;
            printf("  This is the first essay answer; there is none before it.\n");
            continue;
        }
        if (!line[strspn(line, " \t")]) {
            free(line);
            line = NULL;
            if (!old)
                break;
            points = old->points;
            break;
        }
        points = parse_points(line, e->q->points);
        if (points < 0)
            printf("  Give a number from 0 to %s, with at most three decimals (or :back).\n",
                   b);
        free(line);
        line = NULL;
    }
    switch (prompt_read(old && old->comment[0] ? "Comment (Enter: keep it): " : "Comment: ",
                        &comment)) {
    case PROMPT_LINE: break;
    case PROMPT_EOF:
    case PROMPT_INTERRUPT:
    case PROMPT_TERM:
    case PROMPT_TIMEUP: return MARK_STOP;
    }
    if (points < 0 || (old && points == old->points && !comment[0])) {
        /* left unmarked, or the mark kept as it was; the comment line is read all the same */
        free(comment);
        return MARK_LEFT;
    }
    proctor_error_clear(&err);
    if (proctor_marks_set(M->marks, e->res->student, e->res->attempt, e->res->nonce, e->q->id,
                          essay, points,
                          comment[0] ? comment : old ? old->comment : "", &err) < 0) {
        cli_report(&err);
        rc = MARK_LEFT;
    } else {
        rc = save(M) == 0 ? MARK_SET : MARK_STOP;
    }
    free(comment);
    return rc;
}

enum { O_KEYFILE = 1, O_MARKS, O_KEY, O_PASS, O_ROSTER, O_FROM_START };

static const struct cli_option options[] = {
    {"answer-key", O_KEYFILE, "FILE", 0,
     "the assignment's answer key, as 'proctor assign' wrote it (required); it names the "
     "assignment",
     "proctor mark --answer-key w3.key.json w3-*.result.json", CLI_V_FILE, NULL},
    {"marks", O_MARKS, "FILE", 0,
     "the marks file to write and to resume from (default: ID.marks.json beside the answer "
     "key)",
     "proctor mark --answer-key w3.key.json --marks w3-essays.json w3-*.result.json",
     CLI_V_FILE, NULL},
    {"roster", O_ROSTER, "FILE", 0,
     "skip results whose signer is not in this roster (default: your roster, when there is "
     "one)",
     "proctor mark --answer-key w3.key.json --roster class3.roster w3-*.result.json",
     CLI_V_FILE, NULL},
    {"key", O_KEY, "FILE", 0, "sign the marks with this teacher secret key (default: yours)",
     "proctor mark --answer-key w3.key.json --key ~/keys/teacher.key w3-*.result.json",
     CLI_V_FILE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, CLI_HELP_PASSFILE,
     "proctor mark --answer-key w3.key.json --passphrase-file pass.txt w3-*.result.json",
     CLI_V_FILE, NULL},
    {"from-start", O_FROM_START, NULL, 0,
     "start at the first essay answer, not at the first one still unmarked",
     "proctor mark --answer-key w3.key.json --from-start w3-*.result.json", CLI_V_NONE, NULL},
    {0}};

const struct command command_mark = {
    "mark", cmd_mark, "mark the essay answers of an assignment's results",
    "proctor mark --answer-key FILE [--marks FILE] [--roster FILE] [--key FILE]\n"
    "       [--passphrase-file FILE] [--from-start] RESULT...",
    "Shows each essay question with its rubric and every student's answer in turn, and asks "
    "for points (0 to the question's, to thousandths) and a comment. The marks are saved, "
    "signed, after each one, so you can stop at any time (Ctrl-C or Ctrl-D). A later run "
    "says how many answers are marked and starts at the first one still unmarked (with "
    "--from-start, or when every answer is marked, at the first); ':back' at the points "
    "prompt goes to the answer before, whose mark is shown and kept by Enter. Off a terminal "
    "it reads two lines per essay: the points (empty: leave as it is; ':back' takes no "
    "comment line) and the comment.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_mark(int argc, char **argv)
{
    const char *keyfile = NULL, *marksfile = NULL, *teacherkey = NULL, *passfile = NULL;
    const char *roster_path = NULL;
    struct proctor_assignment *a = NULL;
    struct proctor_key *teacher = NULL;
    struct proctor_roster *roster = NULL;
    struct proctor_verifier *verifier = NULL;
    struct proctor_result *results = NULL;
    struct essay *essays = NULL;
    struct proctor_error err;
    struct cli_args args;
    struct marking M;
    char marks_path[PATH_MAX];
    size_t nres = 0, nessays = 0, marked = 0, unmarked = 0, already = 0, start = 0;
    const struct proctor_question *shown = NULL;
    unsigned char *set = NULL;
    int c, rc = EXIT_OK, stop = 0, from_start = 0;

    memset(&M, 0, sizeof M);
    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_KEYFILE: keyfile = args.arg; break;
        case O_MARKS: marksfile = args.arg; break;
        case O_KEY: teacherkey = args.arg; break;
        case O_PASS: passfile = args.arg; break;
        case O_ROSTER: roster_path = args.arg; break;
        case O_FROM_START: from_start = 1; break;
        case CLI_EXIT: return args.status;
        }
    }
    if (!keyfile)
        return cli_usage_error("mark", "--answer-key K is required");
    if (optind == argc)
        return cli_usage_error("mark", "no result files given");
    proctor_error_clear(&err);
    prompt_open(0, NULL);
    if ((rc = cli_load_secret_key(teacherkey ? teacherkey : cli_default_key(1), passfile,
                                  &teacher)) != 0)
        goto out;
    if (proctor_answer_key_open(keyfile, teacher->pk, &a, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    snprintf(marks_path, sizeof marks_path, "%s", marksfile ? marksfile : "");
    if (!marksfile)
        snprintf(marks_path, sizeof marks_path, "%s.marks.json", a->id);
    M.a = a;
    M.teacher = teacher;
    M.path = marks_path;
    M.st = render_style(stdout);
    if (access(marks_path, F_OK) == 0) {
        if (proctor_marks_load(marks_path, a, a->bank, &M.marks, &err) < 0) {
            rc = cli_report(&err);
            goto out;
        }
    } else if (!(M.marks = proctor_marks_new(a))) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    /* with a roster, results are checked as verify checks them before they are marked */
    if (!roster_path && cli_default_roster() && access(cli_default_roster(), F_OK) == 0)
        roster_path = cli_default_roster();
    if (roster_path) {
        if ((rc = cli_load_roster(roster_path, &roster)) != 0)
            goto out;
        if (proctor_verifier_new(roster, NULL, &verifier, &err) < 0 ||
            proctor_verifier_set_assignment(verifier, a, a->bank, NULL, &err) < 0) {
            rc = cli_report(&err);
            goto out;
        }
    }
    results = calloc((size_t)(argc - optind), sizeof *results);
    essays = calloc((size_t)(argc - optind) * a->nq + 1, sizeof *essays);
    if (!results || !essays) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        struct proctor_result *res = &results[nres];
        if (verifier) {
            struct proctor_verdict v;
            int bad = proctor_verify_file(verifier, argv[i], &v) < 0;
            if (bad)
                printf("%s: skipped: %s\n", untrusted_str(argv[i]), untrusted_str(v.reason));
            proctor_verdict_release(&v);
            if (bad)
                continue;
        }
        if (cli_read_result(argv[i], res) != 0)
            continue;
        if (!res->assignment_id || sodium_memcmp(res->digest, a->digest, 32) != 0) {
            printf("%s: skipped: not a result of assignment '%s'\n", untrusted_str(argv[i]),
                   a->id);
            proctor_result_release(res);
            continue;
        }
        nres++;
    }
    for (size_t k = 0; k < a->nq; k++) {
        const struct proctor_question *q = proctor_bank_find(a->bank, a->qids[k]);
        if (q->type != PROCTOR_ESSAY)
            continue;
        for (size_t i = 0; i < nres; i++)
            for (size_t r = 0; r < results[i].nresponses; r++) {
                struct proctor_response resp;
                if (strcmp(results[i].responses[r].qid, q->id) != 0 ||
                    proctor_response_from_json_text(q, results[i].responses[r].json, &resp,
                                                    NULL) < 0)
                    continue;
                essays[nessays].q = q;
                essays[nessays].res = &results[i];
                essays[nessays].text = resp.text;
                resp.text = NULL;
                proctor_response_release(&resp);
                nessays++;
            }
    }
    if (nessays == 0) {
        printf("No essay answers to mark in %zu result%s.\n", nres, nres == 1 ? "" : "s");
        goto out;
    }
    printf("Marking %zu essay answer%s of assignment %s (%s). Marks are saved to %s as you go.\n",
           nessays, nessays == 1 ? "" : "s", a->id, untrusted_str(a->title),
           untrusted_str(marks_path));
    if (!(set = calloc(nessays, 1))) {
        cli_errorf("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    for (size_t i = 0; i < nessays; i++)
        already += is_marked(&M, &essays[i]);
    while (start < nessays && is_marked(&M, &essays[start]))
        start++;
    if (already == nessays)
        printf("All %zu are marked already; going through them again from the first (Enter "
               "keeps a mark).\n", nessays);
    else if (from_start && already)
        printf("%zu of %zu are marked already; starting at the first (--from-start).\n",
               already, nessays);
    else if (already)
        printf("%zu of %zu are marked already; starting at the first unmarked one (%zu of %zu). "
               "Type :back at the points prompt to go to the one before.\n",
               already, nessays, start + 1, nessays);
    if (from_start || start == nessays)
        start = 0;
    for (size_t i = start; i < nessays && !stop;) {
        const struct proctor_question *q = essays[i].q;
        size_t first = i, n = 0;
        char pts[32];
        while (first > 0 && essays[first - 1].q == q)
            first--;
        for (size_t j = first; j < nessays && essays[j].q == q; j++)
            n++;
        if (q != shown) {
            printf("\n%sEssay question %s (%s point%s), %zu answer%s%s\n", sty(&M.st, "bold"),
                   q->id, proctor_format_points(q->points, pts, sizeof pts),
                   q->points == 1000 ? "" : "s", n, n == 1 ? "" : "s", sty(&M.st, "reset"));
            render_wrap(stdout, &M.st, q->prompt, 2);
            printf("  Rubric:\n");
            render_wrap(stdout, &M.st, q->rubric ? q->rubric : "(none)", 4);
            if (q->min_words > 0)
                printf("  At least %ld word%s asked for.\n", q->min_words,
                       q->min_words == 1 ? "" : "s");
            shown = q;
        }
        switch (mark_one(&M, &essays[i], i - first, n, i > 0)) {
        case MARK_SET: set[i] = 1; i++; break;
        case MARK_BACK: i--; break;
        case MARK_STOP: stop = 1; break;
        default: i++; break;
        }
    }
    for (size_t i = 0; i < nessays; i++) {
        marked += set[i];
        unmarked += !is_marked(&M, &essays[i]);
    }
    printf("\n%zu essay answer%s marked in this run; %zu still unmarked. Marks: %s\n", marked,
           marked == 1 ? "" : "s", unmarked, untrusted_str(marks_path));
out:
    prompt_close();
    free(set);
    for (size_t i = 0; i < nessays; i++)
        free(essays[i].text);
    free(essays);
    for (size_t i = 0; i < nres; i++)
        proctor_result_release(&results[i]);
    free(results);
    proctor_verifier_free(verifier);
    proctor_roster_free(roster);
    proctor_marks_free(M.marks);
    proctor_assignment_free(a);
    proctor_key_free(teacher);
    return rc;
}
