/* SPDX-License-Identifier: ISC */
/*
 * cmd-return.c - proctor return: the teacher turns verified results into graded work for
 * the students (their answers, the correct ones, points, comments, explanations, passages),
 * signed with the teacher's key: one file, or a whole class at once (the attempt the grading
 * method chooses for each student, into a folder). proctor review shows it to the student.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/assignment.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/gradebook.h"
#include "proctor/graded.h"
#include "proctor/marks.h"
#include "proctor/result.h"
#include "proctor/verify.h"
#include "untrusted.h"

enum {
    O_KEYFILE = 1,
    O_MARKS,
    O_ROSTER,
    O_KEY,
    O_PASS,
    O_OUT,
    O_FORCE,
    O_OUTDIR,
    O_METHOD,
    O_ASSIGN,
    O_FILES,
    O_RELEASE
};

static const struct cli_option options[] = {
    {"answer-key", O_KEYFILE, "FILE", 0,
     "the assignment's answer key (an open assignment, given with --assignment, needs none)",
     "proctor return --answer-key w3.key.json w3-*.result.json", CLI_V_FILE, NULL},
    {"assignment", O_ASSIGN, "FILE", 0,
     "the assignment: an open one is its own answer key; with a sealed one's --answer-key, "
     "its attempt limit applies to a class",
     "proctor return --assignment w3-open.json w3-open-*.result.json", CLI_V_FILE, NULL},
    {"marks", O_MARKS, "FILE", 0,
     "the essay marks from 'proctor mark' (default: ID.marks.json, where 'proctor mark' "
     "writes it, when it exists)",
     "proctor return --answer-key w3.key.json --marks w3.marks.json w3-*.result.json", CLI_V_FILE,
     NULL},
    {"roster", O_ROSTER, "FILE", 0,
     "the roster the results' signers must be in (default: $XDG_DATA_HOME/proctor/roster)",
     "proctor return --answer-key w3.key.json --roster class3.roster w3-*.result.json", CLI_V_FILE,
     NULL},
    {"key", O_KEY, "FILE", 0, "sign with this teacher secret key (default: yours)",
     "proctor return --answer-key w3.key.json --key ~/keys/teacher.key w3-*.result.json",
     CLI_V_FILE, NULL},
    {"passphrase-file", O_PASS, "FILE", 0, CLI_HELP_PASSFILE,
     "proctor return --answer-key w3.key.json --passphrase-file pass.txt w3-*.result.json",
     CLI_V_FILE, NULL},
    {"out", O_OUT, "FILE", 0, "one result: write its graded work to FILE",
     "proctor return --answer-key w3.key.json w3-s123-1.result.json --out s123.graded.json",
     CLI_V_FILE, NULL},
    {"out-dir", O_OUTDIR, "DIR", 0,
     "write each student's graded work to DIR/ID-STUDENT.graded.json (default: ID-graded, "
     "after the assignment's id)",
     "proctor return --answer-key w3.key.json --out-dir returned w3-*.result.json", CLI_V_DIR,
     NULL},
    {"method", O_METHOD, "METHOD", 0,
     "which attempt of a student's is returned: highest (default), last, first; average "
     "returns the last",
     "proctor return --answer-key w3.key.json --method last w3-*.result.json", CLI_V_WORDS,
     "highest last first average"},
    {"files-from", O_FILES, "FILE", 0,
     "read the result paths from FILE, one a line, or from standard input with -",
     "ls w3-*.result.json | proctor return --answer-key w3.key.json --files-from -", CLI_V_FILE,
     NULL},
    {"release", O_RELEASE, "STUDENT", CLI_REPEAT,
     "return this student's work though it is in CONFLICT, once you have decided (repeat it, "
     "or give several ids separated by commas)",
     "proctor return --answer-key w3.key.json --release s7,s8 w3-*.result.json", CLI_V_NONE,
     NULL},
    {"force", O_FORCE, NULL, 0, "replace graded work that exists",
     "proctor return --answer-key w3.key.json w3-*.result.json --force", CLI_V_NONE, NULL},
    {0}};

const struct command command_return = {
    "return",
    cmd_return,
    "turn verified results into signed graded work for the students",
    "proctor return (--answer-key FILE | --assignment OPEN-FILE) [--assignment FILE]\n"
    "       [--marks FILE] [--roster FILE] [--key FILE] [--passphrase-file FILE] [--force]\n"
    "       RESULT --out FILE\n"
    "       proctor return ... [--out-dir DIR] [--method M] [--files-from FILE|-]\n"
    "       [--release STUDENT[,STUDENT...]]... RESULT...",
    "Verifies results and writes graded work for their students, signed with your teacher "
    "key: per question their answer, the correct answer, the points, your comment, the "
    "explanation and the passage. The student reads it with 'proctor review'.\n\n"
    "With --out, one result. Otherwise a whole class: the passphrase is asked once, the files "
    "are checked together as verify checks them (copies, files handed in twice, attempts over "
    "the limit), and for every student with a grade the attempt the grading method chooses "
    "is written to DIR/ID-STUDENT.graded.json. Students in CONFLICT are held back for your "
    "decision: once you have made it, run return again with --release and their ids (the "
    "others' work is already there; --force replaces it). Refused files are listed. The exit "
    "status is 1 when a file is not OK or a student is held back.",
    options,
    CLI_V_FILE,
    NULL,
    0};

struct returning {
    const struct proctor_assignment *a; /* from the answer key: its questions with answers */
    const struct proctor_marks *marks;
    const struct proctor_key *teacher;
    int force;
    int single; /* one result (--out) */
    char **release; /* students in CONFLICT to return all the same (--release), NULL-ended */
};

/* Whether --release names student. */
static int
released(const struct returning *R, const char *student)
{
    for (char **p = R->release; p && *p; p++)
        if (strcmp(*p, student) == 0)
            return 1;
    return 0;
}

/* Writes the graded work of the verified result at path (verdict v) to out. */
static int
return_one(const struct returning *R, const char *path, const struct proctor_verdict *v,
           const char *out)
{
    struct proctor_session *s = NULL;
    struct proctor_result res;
    struct proctor_error err;
    char *env = NULL, score[96];
    size_t len = 0;
    int rc;

    memset(&res, 0, sizeof res);
    proctor_error_clear(&err);
    if ((rc = cli_read_result(path, &res)) != 0)
        goto out;
    if (proctor_assignment_session(R->a, NULL, res.student, &s, &err) < 0 ||
        proctor_result_fill(&res, s, &err) < 0 ||
        proctor_graded_make(R->a, s, &res, R->marks, R->teacher, &env, &len, &err) < 0 ||
        proctor_file_write(out, env, len, 0644, R->force ? 0 : PROCTOR_WRITE_NOREPLACE, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    printf(
        "Graded work for %s (%s, attempt %lld): %s%s%s\n", untrusted_str(res.student),
        untrusted_str(v->name), (long long)res.attempt,
        cli_format_score(v->earned + v->essay_earned, v->max + v->essay_max, score, sizeof score),
        v->warnings[0] ? "; " : "", untrusted_str(v->warnings));
    printf("%s %s", R->single ? "Written to" : "  written to", untrusted_str(out));
    if (R->single)
        printf("; give it to the student, who reads it with 'proctor review %s'.",
               untrusted_str(out));
    putchar('\n');
out:
    free(env);
    proctor_session_free(s);
    proctor_result_release(&res);
    return rc;
}

struct file {
    char *path;
    struct proctor_verdict v;
};

/* The verdict of the attempt row r stands for: its number and finish time (average: the
 * student's last valid attempt). */
static const struct file *
chosen(const struct file *f, size_t n, const struct proctor_gradebook_row *r)
{
    const struct file *best = NULL;

    for (size_t i = 0; i < n; i++) {
        const struct proctor_verdict *v = &f[i].v;
        if (strcmp(v->student, r->student) != 0 || !v->valid || v->duplicate ||
            v->status == PROCTOR_STATUS_UNCHECKED)
            continue;
        if (r->attempt
                ? v->attempt == r->attempt && strcmp(v->finished, r->finished) == 0
                : !best || v->attempt > best->v.attempt ||
                      (v->attempt == best->v.attempt && strcmp(v->finished, best->v.finished) > 0))
            best = &f[i];
    }
    return best;
}

/* The class: every file verified and settled, one attempt per student returned. */
static int
return_class(const struct returning *R, const struct proctor_verifier *verifier,
             const struct proctor_roster *roster, struct file *f, size_t n, int64_t limit,
             int method, const char *dir)
{
    struct proctor_verdict **vs = malloc((n ? n : 1) * sizeof *vs);
    struct proctor_gradebook *g = NULL;
    struct proctor_error err;
    size_t written = 0, held = 0, refused = 0, graded = 0, freed = 0, kept = 0;
    int rc = EXIT_OK;

    proctor_error_clear(&err);
    if (!vs || proctor_gradebook_new((enum proctor_method)method, &g, &err) < 0) {
        free(vs);
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    for (size_t i = 0; i < n; i++) {
        proctor_verify_file(verifier, f[i].path, &f[i].v);
        vs[i] = &f[i].v;
    }
    proctor_gradebook_set_assignment(g, R->a, R->a->bank);
    if (proctor_verdicts_settle(vs, n, limit) < 0 || proctor_gradebook_add_roster(g, roster) < 0)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        if (proctor_gradebook_add(g, &f[i].v) == PROCTOR_ENOMEM)
            goto oom;
        if (f[i].v.status != PROCTOR_STATUS_OK && f[i].v.status != PROCTOR_STATUS_CONFLICT) {
            printf("%s: %s: %s\n", untrusted_str(f[i].path), proctor_status_name(f[i].v.status),
                   untrusted_str(f[i].v.reason));
            refused++;
        }
    }
    if (proctor_mkdirs(dir, 0755, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    for (size_t i = 0; i < proctor_gradebook_count(g); i++) {
        const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
        const struct file *c;
        char out[PATH_MAX];
        if (r->status == PROCTOR_STATUS_CONFLICT && released(R, r->student)) {
            printf("%s (%s): returned on your decision (--release), CONFLICT: %s\n",
                   untrusted_str(r->student), untrusted_str(r->name), untrusted_str(r->reason));
            freed++;
        } else if (r->status == PROCTOR_STATUS_CONFLICT) {
            printf("%s (%s): held back, CONFLICT: %s\n", untrusted_str(r->student),
                   untrusted_str(r->name), untrusted_str(r->reason));
            held++;
            continue;
        }
        if (!r->graded || !(c = chosen(f, n, r)))
            continue;
        graded++;
        if ((size_t)snprintf(out, sizeof out, "%s/%s-%s.graded.json", dir, R->a->id, r->student) >=
            sizeof out) {
            cli_errorf("%s: the folder's name is too long", dir);
            rc = EXIT_USAGE;
            goto out;
        }
        if (!R->force && access(out, F_OK) == 0) {
            if (R->release && !released(R, r->student)) { /* the run after a decision */
                kept++;
                continue;
            }
            rc = cli_exists_error(out, 1);
            continue;
        }
        if (return_one(R, c->path, &c->v, out) == 0)
            written++;
        else
            rc = EXIT_IO;
    }
    printf("Returned the work of %zu of %zu graded student%s to %s/", written, graded,
           graded == 1 ? "" : "s", untrusted_str(dir));
    if (kept)
        printf("; %zu returned before, kept", kept);
    if (freed)
        printf("; %zu in CONFLICT returned on your decision", freed);
    if (held)
        printf("; %zu held back (CONFLICT)", held);
    if (refused)
        printf("; %zu file%s refused", refused, refused == 1 ? "" : "s");
    printf(".\n");
    if (held)
        printf("Once you have decided, return them with --release STUDENT (the others' work is "
               "kept; add --force to write it again).\n");
    for (char **p = R->release; p && *p; p++) {
        size_t i;
        for (i = 0; i < proctor_gradebook_count(g); i++) {
            const struct proctor_gradebook_row *r = proctor_gradebook_row(g, i);
            if (strcmp(r->student, *p) == 0 && r->status == PROCTOR_STATUS_CONFLICT)
                break;
        }
        if (i == proctor_gradebook_count(g)) {
            cli_errorf("--release %s: no student of that id is in CONFLICT; nothing released",
                       untrusted_str(*p));
            if (rc == EXIT_OK)
                rc = EXIT_VERIFY;
        }
    }
    if (!limit)
        printf("No attempt limit applied: give --assignment with the answer key to apply it.\n");
    if (rc == EXIT_OK && (held || refused))
        rc = EXIT_VERIFY;
    goto out;
oom:
    cli_errorf("out of memory");
    rc = EXIT_IO;
out:
    proctor_gradebook_free(g);
    free(vs);
    return rc;
}

static int
push(struct file **f, size_t *n, size_t *cap, char *p)
{
    if (!p)
        return -1;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct file *nf = realloc(*f, nc * sizeof *nf);
        if (!nf) {
            free(p);
            return -1;
        }
        *f = nf;
        *cap = nc;
    }
    memset(&(*f)[*n], 0, sizeof **f);
    (*f)[(*n)++].path = p;
    return 0;
}

/* The result paths: the operands, then --files-from's lines. 0, or an exit status. */
static int
gather(int argc, char **argv, const char *files_from, struct file **out, size_t *n)
{
    size_t cap = 0, lcap = 0;
    FILE *list;
    char *line = NULL;
    ssize_t len;
    int rc = EXIT_OK;

    *out = NULL;
    *n = 0;
    for (int i = 0; i < argc; i++)
        if (push(out, n, &cap, strdup(argv[i])) < 0)
            goto oom;
    if (!files_from)
        return 0;
    if (!(list = strcmp(files_from, "-") == 0 ? stdin : fopen(files_from, "r"))) {
        cli_errorf("%s: cannot open: %s", files_from, strerror(errno));
        return EXIT_IO;
    }
    while ((len = getline(&line, &lcap, list)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len && push(out, n, &cap, strdup(line)) < 0) {
            cli_errorf("out of memory");
            rc = EXIT_IO;
            break;
        }
    }
    free(line);
    if (list != stdin)
        fclose(list);
    return rc;
oom:
    cli_errorf("out of memory");
    return EXIT_IO;
}

/* Adds --release's comma-separated ids to the NULL-ended list. 0, or an exit status. */
static int
add_release(char ***list, size_t *n, const char *arg)
{
    const char *p = arg;

    for (;;) {
        size_t len = strcspn(p, ",");
        char **nl;
        if (len == 0)
            return cli_usage_error("return", "--release takes student ids separated by commas "
                                             "(got '%s')", untrusted_str(arg));
        if (!(nl = realloc(*list, (*n + 2) * sizeof *nl)) || !(nl[*n] = strndup(p, len))) {
            if (nl)
                *list = nl;
            cli_errorf("out of memory");
            return EXIT_IO;
        }
        *list = nl;
        nl[++*n] = NULL;
        if (!p[len])
            return 0;
        p += len + 1;
    }
}

int
cmd_return(int argc, char **argv)
{
    const char *keyfile = NULL, *marksfile = NULL, *roster_path = NULL, *teacherkey = NULL;
    const char *passfile = NULL, *out = NULL, *outdir = NULL, *afile = NULL;
    const char *files_from = NULL;
    struct proctor_assignment *a = NULL, *given = NULL;
    struct proctor_key *teacher = NULL;
    struct proctor_marks *marks = NULL;
    struct proctor_roster *roster = NULL;
    struct proctor_verifier *verifier = NULL;
    struct proctor_error err;
    struct returning R;
    struct cli_args args;
    struct file *files = NULL;
    char **release = NULL;
    size_t nfiles = 0, nrelease = 0;
    int64_t limit = 0;
    int c, rc = EXIT_OK, force = 0, method = PROCTOR_METHOD_HIGHEST;
    char defdir[PROCTOR_ID_MAX + 16], defmarks[PROCTOR_ID_MAX + 16];

    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_KEYFILE: keyfile = args.arg; break;
        case O_ASSIGN: afile = args.arg; break;
        case O_MARKS: marksfile = args.arg; break;
        case O_ROSTER: roster_path = args.arg; break;
        case O_KEY: teacherkey = args.arg; break;
        case O_PASS: passfile = args.arg; break;
        case O_OUT: out = args.arg; break;
        case O_OUTDIR: outdir = args.arg; break;
        case O_FILES: files_from = args.arg; break;
        case O_FORCE: force = 1; break;
        case O_RELEASE:
            if ((rc = add_release(&release, &nrelease, args.arg)) != 0)
                goto out;
            break;
        case O_METHOD:
            if ((method = proctor_method_parse(args.arg)) < 0)
                return cli_usage_error("return", "--method is highest, last, first or average");
            break;
        case CLI_EXIT: return args.status;
        }
    }
    if (!keyfile && !afile) {
        rc = cli_usage_error("return", "give the answer key with --answer-key K (or an open "
                                       "assignment with --assignment A)");
        goto out;
    }
    if (out && (outdir || files_from || cli_given(&args, O_METHOD) || release)) {
        rc = cli_usage_error("return", "--out writes one result's work; --out-dir, "
                                       "--files-from, --method and --release are for a class");
        goto out;
    }
    if (out && optind + 1 != argc) {
        rc = cli_usage_error("return", "--out takes one result file; for a class give "
                                       "--out-dir DIR (or nothing)");
        goto out;
    }
    if (optind == argc && !files_from) {
        rc = cli_usage_error("return", "no result files given");
        goto out;
    }
    if (out && !force && access(out, F_OK) == 0) {
        rc = cli_exists_error(out, 1);
        goto out;
    }
    if ((rc = gather(argc - optind, argv + optind, files_from, &files, &nfiles)) != 0)
        goto out;
    for (size_t i = 0; i < nfiles; i++)
        if (access(files[i].path, F_OK) != 0) {
            cli_errorf("%s: cannot open: %s", files[i].path, strerror(errno));
            rc = EXIT_IO;
            goto out;
        }
    proctor_error_clear(&err);
    /* the passphrase is asked, and the key derived, once for the whole class */
    if ((rc = cli_load_secret_key(teacherkey ? teacherkey : cli_default_key(1), passfile,
                                  &teacher)) != 0)
        goto out;
    if ((rc = cli_load_roster(roster_path, &roster)) != 0)
        goto out;
    if (proctor_answer_key_open(keyfile ? keyfile : afile, teacher->pk, &a, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    if (!a->sealed) {
        limit = a->attempts; /* an open assignment: its own key, its own limit */
    } else if (afile && keyfile) {
        if (proctor_assignment_load(afile, &given, &err) < 0) {
            rc = cli_report(&err);
            goto out;
        }
        if (memcmp(given->digest, a->digest, 32) != 0) {
            cli_errorf("%s: not the assignment of the answer key %s", afile, keyfile);
            rc = EXIT_VERIFY;
            goto out;
        }
        limit = given->attempts;
    }
    if (!marksfile) {
        snprintf(defmarks, sizeof defmarks, "%s.marks.json", a->id);
        if (access(defmarks, F_OK) == 0)
            marksfile = defmarks;
    }
    if ((marksfile && proctor_marks_load(marksfile, a, a->bank, &marks, &err) < 0) ||
        proctor_verifier_new(roster, NULL, &verifier, &err) < 0 ||
        proctor_verifier_set_assignment(verifier, a, a->bank, marks, &err) < 0) {
        rc = cli_report(&err);
        goto out;
    }
    R.a = a;
    R.marks = marks;
    R.teacher = teacher;
    R.force = force;
    R.single = 0;
    R.release = release;
    if (out) {
        /* only work that verify would accept is graded and returned */
        if (proctor_verify_file(verifier, files[0].path, &files[0].v) < 0) {
            printf("%s: INVALID: %s\n", untrusted_str(files[0].path),
                   untrusted_str(files[0].v.reason));
            rc = EXIT_VERIFY;
            goto out;
        }
        R.single = 1;
        rc = return_one(&R, files[0].path, &files[0].v, out);
        goto out;
    }
    if (!outdir) {
        snprintf(defdir, sizeof defdir, "%s-graded", a->id);
        outdir = defdir;
    }
    rc = return_class(&R, verifier, roster, files, nfiles, limit, method, outdir);
out:
    for (size_t i = 0; i < nfiles; i++) {
        free(files[i].path);
        proctor_verdict_release(&files[i].v);
    }
    free(files);
    for (size_t i = 0; i < nrelease; i++)
        free(release[i]);
    free(release);
    proctor_verifier_free(verifier);
    proctor_roster_free(roster);
    proctor_marks_free(marks);
    proctor_assignment_free(given);
    proctor_assignment_free(a);
    proctor_key_free(teacher);
    return rc;
}
