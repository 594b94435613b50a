/* SPDX-License-Identifier: ISC */
/*
 * cmd-review.c - proctor review: a student reads graded work their teacher returned, question
 * by question, once its signature and the teacher's key are checked.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "pager.h"
#include "proctor/bank.h"
#include "proctor/grade.h"
#include "proctor/graded.h"
#include "proctor/score.h"
#include "render.h"
#include "untrusted.h"

static void
show_item(FILE *f, const struct style *st, const struct proctor_graded_item *it)
{
    char pts[64];

    fprintf(f, "\n%sQuestion %lld%s  %s[%s, %s%s]%s\n", sty(st, "bold"), (long long)it->number,
            sty(st, "reset"), sty(st, "dim"), untrusted_str(it->type),
            proctor_format_share(it->earned, it->points, pts, sizeof pts),
            it->essay && !it->marked && it->answered ? ", not marked yet" : "", sty(st, "reset"));
    render_wrap(f, st, it->prompt, 2);
    fprintf(f, "  %sYour answer:%s\n", sty(st, "bold"), sty(st, "reset"));
    render_wrap(f, st, it->answered ? it->answer : "(no answer)", 4);
    if (!it->essay) {
        const char *mark = it->earned == it->points ? "green" : it->earned ? "bold" : "red";
        fprintf(f, "  %s%s%s\n", sty(st, mark),
                it->earned == it->points ? "Right."
                : it->earned             ? "Partly right."
                                         : "Not right.",
                sty(st, "reset"));
        if (it->earned != it->points) {
            fprintf(f, "  %sThe answer:%s\n", sty(st, "bold"), sty(st, "reset"));
            render_wrap(f, st, it->correct, 4);
        }
    } else {
        fprintf(f, "  %sWhat the teacher looked for:%s\n", sty(st, "bold"), sty(st, "reset"));
        render_wrap(f, st, it->correct, 4);
    }
    if (it->comment[0]) {
        fprintf(f, "  %sTeacher's comment:%s\n", sty(st, "bold"), sty(st, "reset"));
        render_wrap(f, st, it->comment, 4);
    }
    if (it->explain[0]) {
        fprintf(f, "\n");
        render_wrap(f, st, it->explain, 2);
    }
    if (it->has_passage) {
        size_t qs = 0, qe = 0, len = strlen(it->paragraph);
        if (proctor_passage_find(it->paragraph, len, it->quote, (size_t)it->offset, &qs, &qe) < 0)
            qs = qe = len;
        fprintf(f, "\n");
        render_excerpt(f, st, it->doc, (long)it->line, it->paragraph, len, qs, qe);
    }
}

enum { O_TEACHER = 1 };

static const struct cli_option options[] = {
    {"teacher-key", O_TEACHER, "FILE", 0,
     "the teacher's public key line, when their key is not pinned yet (a first 'proctor take' "
     "pins it)",
     "proctor review s123.graded.json --teacher-key tee.pub", CLI_V_FILE, NULL},
    {0}};

const struct command command_review = {
    "review",
    cmd_review,
    "read graded work returned by the teacher",
    "proctor review GRADED [--teacher-key FILE]",
    "Checks the graded work's signature and the teacher's key, then shows the score and each "
    "question: your answer, the correct one, the points, the teacher's comment, the "
    "explanation and the passage.",
    options,
    CLI_V_FILE,
    NULL,
    0};

int
cmd_review(int argc, char **argv)
{
    const char *teacher_key = NULL;
    struct proctor_graded *g = NULL;
    struct proctor_error err;
    struct cli_args args;
    struct style st;
    FILE *out;
    char what[600], a[32], b[32];
    int c, rc;

    cli_args_init(&args, argc, argv);
    while ((c = cli_next(&args)) != CLI_END) {
        switch (c) {
        case O_TEACHER: teacher_key = args.arg; break;
        case CLI_EXIT: return args.status;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("review", "give one graded file");
    proctor_error_clear(&err);
    if (proctor_graded_load(argv[optind], &g, &err) < 0)
        return cli_report(&err);
    snprintf(what, sizeof what, "Graded work '%.500s'", argv[optind]);
    if ((rc = cli_trust_teacher(teacher_key, g->keyid, g->teacher_pk, g->teacher_id,
                                g->teacher_name, what, TRUST_OWN)) != 0) {
        proctor_graded_free(g);
        return rc;
    }
    st = render_style(stdout);
    /* longer than the screen: through the pager, on a terminal */
    out = pager_open();
    fprintf(out, "%s%s%s (%s), marked by %s.\n", sty(&st, "bold"), untrusted_str(g->title),
            sty(&st, "reset"), untrusted_str(g->assignment_id), untrusted_str(g->teacher_name));
    fprintf(out, "Student %s, attempt %lld, handed in %s; returned %s.\n",
            untrusted_str(g->student), (long long)g->attempt, untrusted_str(g->finished),
            untrusted_str(g->returned));
    fprintf(out, "%sScore: %s of %s", sty(&st, "bold"),
            proctor_format_score(g->earned, a, sizeof a),
            proctor_format_score(g->max, b, sizeof b));
    if (g->max > 0)
        fprintf(out, " (%d%%)", proctor_percent(g->earned, g->max));
    fprintf(out, "%s\n", sty(&st, "reset"));
    if (g->unmarked)
        fprintf(out, "%lld essay answer%s not marked yet.\n", (long long)g->unmarked,
                g->unmarked == 1 ? " is" : "s are");
    for (size_t i = 0; i < g->n; i++)
        show_item(out, &st, &g->items[i]);
    pager_close(out);
    proctor_graded_free(g);
    return EXIT_OK;
}
