/* SPDX-License-Identifier: ISC */
/*
 * cmd-inspect.c - proctor inspect: what any proctor file says, readably: an assignment, an
 * answer key, essay marks, graded work or a result (which show-result describes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "commands.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/graded.h"
#include "proctor/marks.h"
#include "proctor/result.h"
#include "proctor/score.h"
#include "proctor/sign.h"
#include "untrusted.h"

/* A string member of o, or "" (borrowed). */
static const char *
str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double
num(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* thousandths as points: "1.5" */
static const char *
pts(double thousandths, char *buf, size_t size)
{
    return proctor_format_points((int64_t)thousandths, buf, size);
}

/* The first line of a prompt or comment, at most about 60 bytes. */
static void
first_line(const char *p, char *buf, size_t size)
{
    cli_first_line(p, 60, buf, size);
}

/* An RFC 3339 UTC time also in local time with the zone named. */
static void
when(const char *rfc, char *buf, size_t size)
{
    time_t t;

    if (cli_utc_parse(rfc, &t) < 0) {
        snprintf(buf, size, "%s", rfc);
        return;
    }
    cli_local_time(t, buf, size);
    snprintf(buf + strlen(buf), size - strlen(buf), " (%s)", rfc);
}

static void
questions(const cJSON *qs, const cJSON *bank_ids)
{
    const cJSON *q;
    int i = 0;
    char p[32], line[96];

    printf("questions: %d\n", cJSON_GetArraySize(qs));
    cJSON_ArrayForEach(q, qs) {
        const cJSON *bid = cJSON_GetArrayItem(bank_ids, i++);
        first_line(str(q, "prompt"), line, sizeof line);
        printf("  %-4s %-20s %-9s %5s pt  %s\n", untrusted_str(str(q, "id")),
               cJSON_IsString(bid) ? untrusted_str(bid->valuestring) : "",
               untrusted_str(str(q, "type")), pts(num(q, "points"), p, sizeof p),
               untrusted_str(line));
    }
}

static int
assignment(const char *path)
{
    struct proctor_assignment *a = NULL;
    struct proctor_error err;
    char due[96];

    proctor_error_clear(&err);
    if (proctor_assignment_load(path, &a, &err) < 0)
        return cli_report(&err);
    printf("assignment: %s (%s)\n", untrusted_str(a->title), untrusted_str(a->id));
    printf("file:       %s\n", untrusted_str(path));
    printf("signed by:  %s (%s, key %s): the signature matches the key the file names; "
           "'proctor take' also checks you trust it\n",
           untrusted_str(a->teacher_name), untrusted_str(a->teacher_id), a->keyid);
    printf("created:    %s\n", untrusted_str(a->created));
    if (a->due[0])
        when(a->due, due, sizeof due);
    printf("due:        %s\n", a->due[0] ? untrusted_str(due) : "none");
    if (a->time_limit)
        printf("time limit: %lld minute%s\n", (long long)a->time_limit,
               a->time_limit == 1 ? "" : "s");
    else
        printf("time limit: none\n");
    printf("attempts:   %lld\n", (long long)a->attempts);
    printf("mode:       %s\n", a->sealed ? "sealed (the answers are in a separate answer key)"
                                         : "open (answers inside; feedback after each answer)");
    printf("shuffle:    %s\n", a->shuffle ? "questions and options, per student" : "off");
    printf("questions:  %zu (bank ids are in the answer key: 'proctor inspect KEY')\n", a->nq);
    for (size_t i = 0; i < a->nq; i++) {
        const struct proctor_question *q = proctor_bank_find(a->bank, a->qids[i]);
        char p[32], line[96];
        if (!q)
            continue;
        first_line(q->prompt, line, sizeof line);
        printf("  %-4s %-9s %5s pt  %s\n", untrusted_str(q->id), proctor_qtype_name(q->type),
               proctor_format_points(q->points, p, sizeof p), untrusted_str(line));
    }
    proctor_assignment_free(a);
    return EXIT_OK;
}

static void
binding(const cJSON *root)
{
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(root, "assignment");
    printf("assignment: %s (sha256 %s)\n", untrusted_str(str(b, "id")),
           untrusted_str(str(b, "sha256")));
}

static void
answer_key(const cJSON *root)
{
    printf("answer key: %s\n", untrusted_str(str(root, "title")));
    binding(root);
    printf("shuffle:    %s\n",
           cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "shuffle")) ? "on" : "off");
    questions(cJSON_GetObjectItemCaseSensitive(root, "questions"),
              cJSON_GetObjectItemCaseSensitive(root, "bank_ids"));
}

static void
marks(const cJSON *root)
{
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(root, "marks"), *m;
    char p[32], line[96];

    printf("essay marks\n");
    binding(root);
    printf("marks:      %d\n", cJSON_GetArraySize(ms));
    cJSON_ArrayForEach(m, ms) {
        first_line(str(m, "comment"), line, sizeof line);
        printf("  %-12s attempt %-3.0f %-4s %6s pt  %s\n", untrusted_str(str(m, "student")),
               num(m, "attempt"), untrusted_str(str(m, "question")),
               pts(num(m, "points"), p, sizeof p), untrusted_str(line));
    }
}

static void
graded(const cJSON *root)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "teacher");
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "score");
    char score[96];

    printf("graded work: %s\n", untrusted_str(str(root, "title")));
    binding(root);
    printf("teacher:    %s (%s, key %s)\n", untrusted_str(str(t, "name")),
           untrusted_str(str(t, "id")), untrusted_str(str(t, "keyid")));
    printf("student:    %s, attempt %.0f\n", untrusted_str(str(root, "student")),
           num(root, "attempt"));
    printf("finished:   %s\n", untrusted_str(str(root, "finished")));
    printf("returned:   %s\n", untrusted_str(str(root, "returned")));
    printf("score:      %s (%.0f essay%s unmarked)\n",
           cli_format_score((int64_t)num(sc, "earned"), (int64_t)num(sc, "max"), score,
                            sizeof score),
           num(root, "unmarked"), num(root, "unmarked") == 1 ? "" : "s");
    questions(cJSON_GetObjectItemCaseSensitive(root, "questions"), NULL);
    printf("The student reads it with 'proctor review', which checks the signature.\n");
}

static const struct cli_option options[] = {
    {"payload", 1, NULL, 0, "print the signed payload, the exact JSON bytes, as it is",
     "proctor inspect --payload w3.json", CLI_V_NONE, NULL},
    {0}};

const struct command command_inspect = {
    "inspect", cmd_inspect, "describe any proctor file: assignment, answer key, marks, graded "
                            "work or result",
    "proctor inspect [--payload] FILE",
    "Says what a proctor file is and what it holds: an assignment (title, teacher, due date in "
    "your time zone, time limit, attempts, mode, shuffle, its questions), an answer key (the "
    "assignment it binds and each question with the bank id it was made from), essay marks "
    "(student, attempt, question, points, comment), graded work (student, attempt, score, "
    "questions) or a result (as 'proctor show-result'). An assignment's signature is checked "
    "against the key it names; other files' signatures are checked by the commands that use "
    "them (verify, return, review).",
    options, CLI_V_FILE, NULL, 0};

int
cmd_inspect(int argc, char **argv)
{
    struct proctor_envelope env;
    struct proctor_error err;
    struct cli_args a;
    char *buf = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    const char *path, *type;
    int c, rc = EXIT_OK, raw = 0;

    cli_args_init(&a, argc, argv);
    while ((c = cli_next(&a)) != CLI_END) {
        switch (c) {
        case 1: raw = 1; break;
        case CLI_EXIT: return a.status;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("inspect", optind == argc ? "missing file" : "give one file");
    path = argv[optind];
    proctor_error_clear(&err);
    if (proctor_file_read(path, PROCTOR_ASSIGNMENT_MAX_BYTES, &buf, &len, &err) < 0)
        return cli_report(&err);
    rc = proctor_dsse_parse(buf, len, path, &env, &err);
    free(buf);
    if (rc < 0)
        return cli_report(&err);
    type = env.payload_type;
    if (raw) {
        fwrite(env.payload, 1, env.payload_len, stdout);
        goto out;
    }
    if (strcmp(type, PROCTOR_RESULT_TYPE) == 0) {
        proctor_envelope_release(&env);
        return cmd_show_result(argc, argv);
    }
    if (strcmp(type, PROCTOR_ASSIGNMENT_TYPE) == 0) {
        proctor_envelope_release(&env);
        return assignment(path);
    }
    root = cJSON_ParseWithLength((const char *)env.payload, env.payload_len);
    if (!cJSON_IsObject(root)) {
        cli_errorf("%s: the signed payload is not a JSON object", path);
        rc = EXIT_DATA;
    } else if (strcmp(type, PROCTOR_ANSWER_KEY_TYPE) == 0) {
        answer_key(root);
    } else if (strcmp(type, PROCTOR_MARKS_TYPE) == 0) {
        marks(root);
    } else if (strcmp(type, PROCTOR_GRADED_TYPE) == 0) {
        graded(root);
    } else {
        cli_errorf("%s: a signed file of type '%s', not one proctor reads", path,
                   untrusted_str(type));
        rc = EXIT_DATA;
    }
    if (rc == EXIT_OK)
        printf("signature:  by key %s, not checked here\n", untrusted_str(env.keyid));
out:
    cJSON_Delete(root);
    proctor_envelope_release(&env);
    return rc;
}
