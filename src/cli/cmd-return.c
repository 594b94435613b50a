/* SPDX-License-Identifier: ISC */
/*
 * cmd-return.c - proctor return: the teacher turns a verified result into graded work for
 * the student (their answers, the correct ones, points, comments, explanations, passages),
 * signed with the teacher's key. proctor review shows it to the student.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/graded.h"
#include "proctor/grade.h"
#include "proctor/marks.h"
#include "proctor/result.h"
#include "proctor/verify.h"
#include "untrusted.h"

enum { O_KEYFILE = 1, O_MARKS, O_ROSTER, O_KEY, O_PASS, O_OUT, O_FORCE };

static const struct cli_option options[] = {
    {"answer-key", O_KEYFILE, "FILE", 0, "the assignment's answer key (required)",
     "proctor return --answer-key w3.key.json w3-s123-1.result.json --out s123.graded.json",
     CLI_V_FILE, NULL},
    {"marks", O_MARKS, "FILE", 0,
     "the essay marks from 'proctor mark' (default: ID.marks.json beside the answer key, when "
     "it exists)",
     "proctor return --answer-key w3.key.json --marks w3.marks.json w3-s123-1.result.json "
     "--out s123.graded.json",
     CLI_V_FILE, NULL},
    {"roster", O_ROSTER, "FILE", 0,
     "the roster the result's signer must be in (default: $XDG_DATA_HOME/proctor/roster)",
     "proctor return --answer-key w3.key.json --roster class3.roster w3-s123-1.result.json "
     "--out s123.graded.json",
     CLI_V_FILE, NULL},
    {"key", O_KEY, "FILE", 0, "sign with this teacher secret key (default: yours)",
     "proctor return --answer-key w3.key.json --key ~/keys/teacher.key w3-s123-1.result.json "
     "--out s123.graded.json",
     CLI_V_FILE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, CLI_HELP_PASSFILE,
     "proctor return --answer-key w3.key.json --passphrase-file pass.txt w3-s123-1.result.json "
     "--out s123.graded.json",
     CLI_V_FILE, NULL},
    {"out", O_OUT, "FILE", 0, "write the graded work to FILE (required)",
     "proctor return --answer-key w3.key.json w3-s123-1.result.json --out s123.graded.json",
     CLI_V_FILE, NULL},
    {"force", O_FORCE, NULL, 0, "replace FILE if it exists",
     "proctor return --answer-key w3.key.json w3-s123-1.result.json --out s123.graded.json "
     "--force",
     CLI_V_NONE, NULL},
    {0}};

const struct command command_return = {
    "return", cmd_return, "turn a verified result into signed graded work for the student",
    "proctor return --answer-key FILE [--marks FILE] [--roster FILE] [--key FILE]\n"
    "       [--passphrase-file FILE] [--force] RESULT --out FILE",
    "Verifies one result and writes graded work for its student, signed with your teacher "
    "key: per question their answer, the correct answer, the points, your comment, the "
    "explanation and the passage. The student reads it with 'proctor review'.",
    options, CLI_V_FILE, NULL, 0};

int
cmd_return(int argc, char **argv)
{
    const char *keyfile = NULL, *marksfile = NULL, *roster_path = NULL, *teacherkey = NULL;
    const char *passfile = NULL, *out = NULL, *path;
    struct proctor_assignment *a = NULL;
    struct proctor_key *teacher = NULL;
    struct proctor_marks *marks = NULL;
    struct proctor_roster *roster = NULL;
    struct proctor_verifier *verifier = NULL;
    struct proctor_session *s = NULL;
    struct proctor_result res;
    struct proctor_verdict v;
    struct proctor_error err;
    struct cli_args args;
    char *env = NULL, score[96];
    size_t len = 0;
    int c, rc = EXIT_OK, force = 0;

    memset(&res, 0, sizeof res);
    memset(&v, 0, sizeof v);
    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_KEYFILE: keyfile = args.arg; break;
        case O_MARKS: marksfile = args.arg; break;
        case O_ROSTER: roster_path = args.arg; break;
        case O_KEY: teacherkey = args.arg; break;
        case O_PASS: passfile = args.arg; break;
        case O_OUT: out = args.arg; break;
        case O_FORCE: force = 1; break;
        case CLI_EXIT: return args.status;
        }
    }
    if (!keyfile)
        return cli_usage_error("return", "--answer-key K is required");
    if (!out)
        return cli_usage_error("return", "--out GRADED is required");
    if (optind + 1 != argc)
        return cli_usage_error("return", "give one result file");
    path = argv[optind];
    if (!force && access(out, F_OK) == 0)
        return cli_exists_error(out, 1);
    if (access(path, F_OK) != 0) {
        cli_errorf("%s: cannot open: %s", path, strerror(errno));
        return EXIT_IO;
    }
    proctor_error_clear(&err);
    if ((rc = cli_load_secret_key(teacherkey ? teacherkey : cli_default_key(1), passfile,
                                  &teacher)) != 0)
        goto out;
    if ((rc = cli_load_roster(roster_path, &roster)) != 0)
        goto out;
    if (proctor_answer_key_open(keyfile, teacher->pk, &a, &err) < 0 ||
        (marksfile && proctor_marks_load(marksfile, a, a->bank, &marks, &err) < 0) ||
        proctor_verifier_new(roster, NULL, &verifier, &err) < 0 ||
        proctor_verifier_set_assignment(verifier, a, a->bank, marks, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    /* only work that verify would accept is graded and returned */
    if (proctor_verify_file(verifier, path, &v) < 0) {
        printf("%s: INVALID: %s\n", untrusted_str(path), untrusted_str(v.reason));
        rc = EXIT_VERIFY;
        goto out;
    }
    if ((rc = cli_read_result(path, &res)) != 0)
        goto out;
    if (proctor_assignment_session(a, NULL, res.student, &s, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    if (proctor_result_fill(&res, s, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    if (proctor_graded_make(a, s, &res, marks, teacher, &env, &len, &err) < 0 ||
        proctor_file_write(out, env, len, 0644, force ? 0 : PROCTOR_WRITE_NOREPLACE, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    printf("Graded work for %s (%s, attempt %lld): %s%s%s\nWritten to %s; give it to the "
           "student, who reads it with 'proctor review %s'.\n",
           untrusted_str(res.student), untrusted_str(v.name), (long long)res.attempt,
           cli_format_score(v.earned + v.essay_earned, v.max + v.essay_max, score, sizeof score),
           v.warnings[0] ? "; " : "", untrusted_str(v.warnings), untrusted_str(out),
           untrusted_str(out));
out:
    proctor_verdict_release(&v);
    free(env);
    proctor_session_free(s);
    proctor_result_release(&res);
    proctor_verifier_free(verifier);
    proctor_roster_free(roster);
    proctor_marks_free(marks);
    proctor_assignment_free(a);
    proctor_key_free(teacher);
    return rc;
}
