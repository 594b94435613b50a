/* SPDX-License-Identifier: ISC */
/* runner.c - the question loop of practice and take: prompts, :commands, feedback, review. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "prompt.h"
#include "proctor/grade.h"
#include "proctor/score.h"
#include "essay.h"
#include "pager.h"
#include "runner.h"
#include "untrusted.h"

static const char *const practice_commands[] = {":help", ":skip", ":back", ":passage",
                                                ":review", ":edit", ":quit", NULL};
static const char *const review_commands[] = {":help", ":skip", ":back", ":goto", ":review",
                                              ":edit", ":submit", ":quit", NULL};
static const char *const tf_words[] = {"true", "false", NULL};

static void
show_help(const struct runner *R)
{
    printf("  Commands:\n"
           "    :help     this list\n"
           "    :skip     leave this question\n"
           "    :back     the previous question\n");
    if (R->review)
        printf("    :goto N   go to question N\n");
    printf("    :review   list every answer as you gave it\n");
    if (R->review)
        printf("    :submit   review and hand in\n");
    if (R->passages)
        printf("    :passage  show the passage\n");
    printf("    :edit     write an essay answer in $VISUAL or $EDITOR\n");
    printf("    :quit     save and stop\n");
    render_wrap(stdout, &R->st,
                "Ctrl-C asks before quitting; Ctrl-D saves and stops. Run the same command "
                "again to resume.",
                2);
}

/* A message about the answer just typed, wrapped like everything else. */
static void
say(const struct runner *R, const char *msg)
{
    render_wrap(stdout, &R->st, msg, 2);
}

/* How a right answer was read, when it was not as the answer writes it: "You wrote
 * Habarimana; the spelling is Habyarimana." */
static void
say_note(FILE *f, const struct runner *R, const struct proctor_grade_note *note)
{
    char msg[2 * PROCTOR_NOTE_TEXT_MAX * 4 + 96];

    if (note->flags & PROCTOR_NOTE_TYPO)
        snprintf(msg, sizeof msg, "You wrote %s; the spelling is %s.",
                 untrusted_str(note->wrote), untrusted_str(note->expected));
    else if (note->flags & PROCTOR_NOTE_FORM)
        snprintf(msg, sizeof msg, "You wrote %s; the answer has %s.",
                 untrusted_str(note->wrote), untrusted_str(note->expected));
    else if (note->flags & PROCTOR_NOTE_THOUSANDS)
        snprintf(msg, sizeof msg, "%s was read as %s.", untrusted_str(note->wrote),
                 untrusted_str(note->expected));
    else
        return;
    render_wrap(f, &R->st, msg, 2);
}

static void
feedback(FILE *f, const struct runner *R, size_t i, int64_t earned)
{
    const struct proctor_question *q = R->s->q[i];
    const struct style *st = &R->st;
    int64_t max = proctor_grade_max(q);
    char pts[64], *ans;

    if (q->type == PROCTOR_ESSAY) {
        fprintf(f, "\n  %sRecorded.%s\n", sty(st, "bold"), sty(st, "reset"));
        render_wrap(f, st,
                    "Essays are marked by a teacher. Compare your answer with the "
                    "rubric:",
                    2);
        render_wrap(f, st, q->rubric, 4);
    } else if (earned == max) {
        fprintf(f, "\n  %sCorrect.%s %s.\n", sty(st, "green"), sty(st, "reset"),
                proctor_format_share(earned, max, pts, sizeof pts));
        say_note(f, R, &R->graded);
    } else {
        fprintf(f, "\n  %s%s%s %s.\n", sty(st, earned ? "bold" : "red"),
                earned ? "Partly right." : "Not quite.", sty(st, "reset"),
                proctor_format_share(earned, max, pts, sizeof pts));
        if (proctor_response_parts(q) > 1) { /* which parts were right */
            ans = proctor_describe_response(q, R->s->perm[i], &R->s->resp[i]);
            fprintf(f, "  Your answers:\n");
            render_wrap(f, st, ans ? ans : "?", 4);
            free(ans);
        }
        ans = proctor_describe_answer(q, R->s->perm[i]);
        fprintf(f, "  The answer:\n");
        render_wrap(f, st, ans ? ans : "?", 4);
        free(ans);
    }
    if (q->explain) {
        fprintf(f, "\n");
        render_wrap(f, st, q->explain, 2);
    }
    if (R->passages && q->doc) {
        fprintf(f, "\n");
        render_passage(f, st, q);
    }
}

static void
summary(FILE *f, const struct runner *R)
{
    const struct proctor_session *s = R->s;
    const struct proctor_bank *b = s->bank;
    const struct style *st = &R->st;
    int64_t earned, max;
    char a[32], m[32];
    size_t missed = 0, essays = 0;

    proctor_session_score(s, &earned, &max);
    fprintf(f, "\n%sYour score: %s of %s", sty(st, "bold"),
            proctor_format_score(earned, a, sizeof a), proctor_format_score(max, m, sizeof m));
    if (max > 0)
        fprintf(f, " (%d%%)", proctor_percent(earned, max));
    fprintf(f, "%s\n\n", sty(st, "reset"));
    for (size_t d = 0; d < b->ndocs; d++) {
        int64_t de = 0, dm = 0;
        char bar[21];
        int bw = R->st.width - 40; /* room left beside the id and the figures */
        for (size_t i = 0; i < s->n; i++) {
            if (s->q[i]->doc != &b->docs[d])
                continue;
            dm += proctor_grade_max(s->q[i]);
            de += s->resp[i].answered ? s->earned[i] : 0;
        }
        if (dm == 0)
            continue;
        if (bw > 20)
            bw = 20;
        if (bw < 0)
            bw = 0;
        for (int k = 0; k < bw; k++)
            bar[k] = k < (int)(de * bw / dm) ? '#' : '.';
        bar[bw] = '\0';
        fprintf(f, "  %-14s %s%s%s %s/%s %3d%%\n", b->docs[d].id, bw ? "[" : "", bar, bw ? "]" : "",
                proctor_format_score(de, a, sizeof a), proctor_format_score(dm, m, sizeof m),
                proctor_percent(de, dm));
    }
    for (size_t i = 0; i < s->n; i++) {
        const struct proctor_question *q = s->q[i];
        char *ans;
        if (q->type == PROCTOR_ESSAY) {
            essays += s->resp[i].answered;
            continue;
        }
        if (s->resp[i].answered && s->earned[i] == proctor_grade_max(q))
            continue;
        if (!missed++)
            fprintf(f, "\n%sTo review:%s\n", sty(st, "bold"), sty(st, "reset"));
        fprintf(f, "\n  %zu. %s%s\n", i + 1, q->id, s->resp[i].answered ? "" : " (skipped)");
        render_wrap(f, st, q->prompt, 5);
        ans = proctor_describe_answer(q, s->perm[i]);
        fprintf(f, "     Answer:\n");
        render_wrap(f, st, ans ? ans : "?", 7);
        free(ans);
        if (R->passages)
            render_passage(f, st, q);
    }
    if (!missed)
        fprintf(f, "\n  Nothing to review: every scored question was answered correctly.\n");
    if (essays)
        fprintf(f, "\n  %zu essay answer%s recorded; %s.\n", essays, essays == 1 ? "" : "s",
                R->review ? "your teacher marks essays" : "essays are not scored in practice");
}

void
runner_summary(const struct runner *R)
{
    FILE *f = pager_open();
    summary(f, R);
    pager_close(f);
}

/* Under a question shown again (:back, :goto, a resumed run): the answer saved for it, and
 * whether it may still change. */
static void
saved_answer(const struct runner *R, size_t i)
{
    const struct proctor_session *s = R->s;
    char *ans;

    if (!s->resp[i].answered)
        return;
    ans = proctor_describe_response(s->q[i], s->perm[i], &s->resp[i]);
    if (s->q[i]->type == PROCTOR_ESSAY) {
        printf("  %sYour answer:%s\n", sty(&R->st, "bold"), sty(&R->st, "reset"));
        render_wrap(stdout, &R->st, ans ? ans : "?", 4);
    } else {
        render_item(stdout, &R->st, "Your answer:", ans ? ans : "?", 2);
    }
    free(ans);
    if (proctor_session_locked(s, i))
        say(R, "Locked: you have seen its feedback, so this answer is final.");
    else if (s->feedback_at[i])
        say(R, "You may answer again to practise; your first answer's score stands.");
    else
        say(R, "Type a new answer to change it.");
}

/* Asks before quitting on Ctrl-C (on a terminal); returns 1 to quit. */
static int
confirm_quit(void)
{
    if (!prompt_is_tty())
        return 1;
    return prompt_yes_no("Quit now? Your answers so far are saved. [y/N] ", 0) != 0;
}

/* The longest an essay is shown in the list of answers (bytes); the rest is counted. */
#define REVIEW_ESSAY_BYTES 160

/* One line per question (its number, state and the start of its prompt), then the answer as
 * it was given: what :review, :submit and the end of an assignment show. */
static void
review_screen(const struct runner *R)
{
    const struct proctor_session *s = R->s;
    size_t unanswered = 0;

    printf("\n%sYour answers:%s\n", sty(&R->st, "bold"), sty(&R->st, "reset"));
    for (size_t i = 0; i < s->n; i++) {
        const char *p = s->q[i]->prompt;
        size_t n = strcspn(p, "\n");
        int room = R->st.width - 19; /* "  NNN. UNANSWERED " */
        char head[512], *ans;
        if (room < 10)
            room = 10;
        if (!s->resp[i].answered)
            unanswered++;
        snprintf(head, sizeof head, "%3zu. %-10s %.*s%s", i + 1,
                 !s->resp[i].answered           ? "UNANSWERED"
                 : proctor_session_locked(s, i) ? "locked"
                                                : "answered",
                 (int)((int)n > room ? room - 3 : (int)n), p, (int)n > room ? "..." : "");
        render_wrap(stdout, &R->st, head, 2);
        if (!s->resp[i].answered)
            continue;
        ans = proctor_describe_response(s->q[i], s->perm[i], &s->resp[i]);
        if (ans && s->q[i]->type == PROCTOR_ESSAY && strlen(ans) > REVIEW_ESSAY_BYTES) {
            char cut[REVIEW_ESSAY_BYTES + 64];
            size_t k = REVIEW_ESSAY_BYTES;
            while (k > 0 && ((unsigned char)ans[k] & 0xC0) == 0x80)
                k--; /* not in the middle of a character */
            snprintf(cut, sizeof cut, "%.*s... (%zu words in all)", (int)k, ans, essay_words(ans));
            render_wrap(stdout, &R->st, cut, 7);
        } else {
            render_wrap(stdout, &R->st, ans ? ans : "?", 7);
        }
        free(ans);
    }
    if (unanswered)
        printf("  %zu question%s unanswered.\n", unanswered, unanswered == 1 ? "" : "s");
    if (R->review)
        say(R, "Type :submit to hand in, or :goto N to change an answer.");
}

static void
header_time(const struct runner *R)
{
    time_t left;
    if (!R->deadline)
        return;
    left = R->deadline - time(NULL);
    if (left < 0)
        left = 0;
    printf("  %sTime left: %ld:%02ld%s\n", sty(&R->st, "dim"), (long)(left / 60),
           (long)(left % 60), sty(&R->st, "reset"));
}

static int
persist(struct runner *R)
{
    return R->persist ? R->persist(R) : 0;
}

/* What a line typed at the prompt did. */
enum step { STAY, MOVED, STOP_QUIT, STOP_DONE, STOP_TERM, STOP_TIMEUP, STOP_IOERROR };

static enum step command(struct runner *R, size_t i, const char *t);
static void trim(char *t);

/* Asks before handing in: y hands in, n (or Enter) does not, and :goto N (or another
 * :command) is taken as it would be at the > prompt. A read that ends another way says
 * why. */
static enum step
confirm_submit(struct runner *R)
{
    for (;;) {
        char *line = NULL, *t;
        enum step step = STAY;
        enum prompt_result r = prompt_read("Hand in your answers now? You cannot change them "
                                           "afterwards. [y/N, or :goto N] ",
                                           &line);
        if (r != PROMPT_LINE) {
            if (r == PROMPT_TERM || prompt_terminated())
                return STOP_TERM;
            if (r == PROMPT_TIMEUP || (R->deadline && time(NULL) >= R->deadline))
                return STOP_TIMEUP;
            return STOP_QUIT;
        }
        t = line + strspn(line, " \t");
        trim(t);
        if (strcasecmp(t, "y") == 0 || strcasecmp(t, "yes") == 0) {
            step = STOP_DONE;
        } else if (!t[0] || strcasecmp(t, "n") == 0 || strcasecmp(t, "no") == 0) {
            say(R, "Not handed in. Type :submit to hand in, or :goto N to change an answer.");
        } else if (t[0] == ':' && strcmp(t, ":submit") != 0) {
            step = command(R, R->s->n, t);
            if (step == STAY) {
                free(line);
                continue; /* :review, :help: then the question again */
            }
        } else {
            if (strcmp(t, ":submit") != 0)
                say(R, "Please answer y or n, or type :goto N to change an answer.");
            free(line);
            continue;
        }
        free(line);
        return step;
    }
}

static enum step
command(struct runner *R, size_t i, const char *t)
{
    struct proctor_session *s = R->s;

    if (strcmp(t, ":help") == 0 || strcmp(t, ":h") == 0 || strcmp(t, "?") == 0) {
        show_help(R);
    } else if (strcmp(t, ":quit") == 0 || strcmp(t, ":q") == 0) {
        return STOP_QUIT;
    } else if (strcmp(t, ":skip") == 0 || strcmp(t, ":s") == 0) {
        s->cur = i + 1;
        return MOVED;
    } else if (strcmp(t, ":back") == 0 || strcmp(t, ":b") == 0) {
        if (i == 0) {
            printf("  This is the first question.\n");
            return STAY;
        }
        s->cur = i - 1;
        return MOVED;
    } else if (R->passages && (strcmp(t, ":passage") == 0 || strcmp(t, ":p") == 0)) {
        if (i < s->n && s->q[i]->doc)
            render_passage(stdout, &R->st, s->q[i]);
        else if (i < s->n)
            say(R, "This question cites no passage.");
    } else if (R->review && strncmp(t, ":goto", 5) == 0 && (t[5] == ' ' || t[5] == '\0')) {
        long long n = cli_parse_count(t[5] ? t + 6 + strspn(t + 6, " ") : "");
        if (n < 1 || (size_t)n > s->n) {
            char msg[96];
            snprintf(msg, sizeof msg, "Give a question number from 1 to %zu, e.g. ':goto 3'.",
                     s->n);
            say(R, msg);
            return STAY;
        }
        s->cur = (size_t)n - 1;
        return MOVED;
    } else if (strcmp(t, ":edit") == 0) {
        say(R, i < s->n && s->q[i]->type == PROCTOR_ESSAY
                   ? ":edit works on a terminal; here, type the answer on one line."
                   : ":edit is for essay questions; type the answer here.");
    } else if (strcmp(t, ":review") == 0) {
        review_screen(R);
    } else if (R->review && strcmp(t, ":submit") == 0) {
        review_screen(R);
        return R->no_confirm ? STOP_DONE : confirm_submit(R);
    } else {
        char msg[128];
        snprintf(msg, sizeof msg, "Unknown command '%.40s'; type :help for the list.", t);
        say(R, msg);
    }
    return STAY;
}

static void
trim(char *t)
{
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        t[--n] = '\0';
}

/*
 * Feedback on question i, and on a terminal a pause before the next question when the
 * feedback and that question together would not fit the screen, so the verdict is not
 * scrolled away unseen.
 */
static void
show_feedback(const struct runner *R, size_t i, int64_t earned)
{
    char *text = NULL, *next = NULL, *line = NULL;
    size_t len = 0, nlen = 0;
    int rows = prompt_is_tty() ? pager_rows() : 0;
    FILE *m;

    if (rows <= 0 || !(m = open_memstream(&text, &len))) {
        feedback(stdout, R, i, earned);
        return;
    }
    feedback(m, R, i, earned);
    fclose(m);
    fwrite(text, 1, len, stdout);
    if (R->s->cur < R->s->n && (m = open_memstream(&next, &nlen)) != NULL) {
        render_question(m, &R->st, R->s, R->s->cur);
        fclose(m);
    }
    /* the verdict is the feedback's second line; the question, the prompt line and the
     * pause line must fit under it */
    if (pager_lines(text, len) + pager_lines(next, nlen) + 2 > (size_t)rows) {
        prompt_read("  Press Enter for the next question. ", &line);
        free(line);
    }
    free(text);
    free(next);
}

/* Records resp (released here) as the answer to question i: feedback when the run gives it.
 * STAY when it cannot count (the reason said), MOVED once recorded, STOP_IOERROR when it
 * cannot be saved. */
static enum step
record(struct runner *R, size_t i, struct proctor_response *resp)
{
    struct proctor_session *s = R->s;
    int64_t earned = 0;
    enum proctor_respond how;

    proctor_grade_noted(s->q[i], resp, &R->graded); /* how it was read, for the feedback */
    how = proctor_session_respond(s, i, resp, &earned);
    proctor_response_release(resp);
    if (how == PROCTOR_RESPONSE_LOCKED) {
        say(R, "Locked: you have seen this question's feedback, so your answer is final. Type "
               ":skip to go on.");
        return STAY;
    }
    /* noted before the save, so no saved answer hides the feedback it had */
    if (how == PROCTOR_RESPONSE_RECORDED && R->feedback)
        proctor_session_feedback(s, i);
    s->cur = i + 1;
    /* an assignment goes on to the next question still unanswered, so that an answer
     * changed with :goto leads back to the review screen */
    while (R->review && s->cur < s->n && s->resp[s->cur].answered)
        s->cur++;
    R->note = NULL;
    if ((how == PROCTOR_RESPONSE_RECORDED && R->answered && R->answered(R, i, earned) != 0) ||
        persist(R) != 0)
        return STOP_IOERROR;
    if (how == PROCTOR_RESPONSE_NOT_COUNTED)
        say(R, "Not counted: your first answer stands.");
    if (R->feedback)
        show_feedback(R, i, earned);
    else if (R->review)
        printf("  Saved.\n");
    if (R->note)
        say(R, R->note);
    return MOVED;
}

/* A match answer that leaves items unpaired is handed in only when the student says so (on
 * a terminal; off one it is taken as typed). 1 to go on. */
static int
unpaired_ok(const struct runner *R, size_t i, const struct proctor_response *resp)
{
    char which[96], ask[160];
    size_t n = proctor_response_unpaired(R->s->q[i], resp, which, sizeof which);

    if (n == 0 || !prompt_is_tty())
        return 1;
    snprintf(ask, sizeof ask, "%s %s not matched: hand in anyway? [y/N] ", which,
             n == 1 ? "is" : "are");
    if (prompt_yes_no(ask, 0) == 1)
        return 1;
    say(R, "Not handed in: type the whole answer again with every item paired, e.g. '1b 2a'.");
    return 0;
}

/* Text typed as the whole answer to question i. */
static enum step
answer(struct runner *R, size_t i, const char *t)
{
    struct proctor_response resp;
    struct proctor_error err;

    if (proctor_response_parse(R->s->q[i], R->s->perm[i], t, &resp, &err) < 0) {
        say(R, err.msg);
        return STAY;
    }
    if (!unpaired_ok(R, i, &resp)) {
        proctor_response_release(&resp);
        return STAY;
    }
    return record(R, i, &resp);
}

/* Part k of question i, asked of a question that takes its answers one by one (the gaps of
 * a cloze): which part, how to answer it, and what it offers to choose from. */
static void
ask_part(const struct runner *R, size_t i, size_t k)
{
    const struct proctor_question *q = R->s->q[i];
    char head[96];

    snprintf(head, sizeof head, "Gap {%zu} of %zu: %s", k + 1, proctor_response_parts(q),
             proctor_question_hint(q, k));
    say(R, head);
    render_part(stdout, &R->st, q, R->s->perm[i], k);
}

/* Text typed as part *k of question i's answer, added to pending: the next part is asked
 * until the last, and then the whole answer is recorded. */
static enum step
answer_part(struct runner *R, size_t i, size_t *k, struct proctor_response *pending,
            const char *t)
{
    const struct proctor_question *q = R->s->q[i];
    struct proctor_error err;

    if (proctor_response_parse_part(q, R->s->perm[i], *k, t, pending, &err) < 0) {
        say(R, err.msg);
        return STAY;
    }
    if (++*k < proctor_response_parts(q)) {
        ask_part(R, i, *k);
        return STAY;
    }
    *k = 0;
    return record(R, i, pending);
}

/* Whether question i's answer is written as an essay on this terminal. */
static int
essay_here(const struct runner *R, size_t i)
{
    return i < R->s->n && R->s->q[i]->type == PROCTOR_ESSAY && prompt_is_tty();
}

/* An essay written (text, malloc'd, taken): shorter than the question asks, it is handed in
 * only when the student says so; else kept as the draft for :edit. */
static enum step
essay_submit(struct runner *R, size_t i, char *text)
{
    const struct proctor_question *q = R->s->q[i];
    size_t words = essay_words(text);
    enum step step;

    if (words == 0) {
        say(R, "Nothing written; the question is left as it was.");
        free(text);
        return STAY;
    }
    if (q->min_words > 0 && words < (size_t)q->min_words) {
        char ask[160];
        int yes;
        snprintf(ask, sizeof ask, "Your answer has %zu word%s; this question asks for at least "
                 "%ld. Hand it in anyway? [y/N] ",
                 words, words == 1 ? "" : "s", q->min_words);
        yes = prompt_yes_no(ask, 0);
        if (yes != 1) {
            free(R->draft);
            R->draft = text;
            if (yes == 0)
                say(R, essay_editor() ? "Not handed in. Type :edit (or press Enter) to go on "
                                        "writing it."
                                      : "Not handed in. Type your answer again; a line holding "
                                        "only '.' ends it.");
            return yes < 0 ? STOP_QUIT : STAY;
        }
    }
    step = answer(R, i, text);
    if (step == MOVED) {
        free(R->draft);
        R->draft = NULL;
    }
    free(text);
    return step;
}

/* An essay at the prompt: typed over several lines from line on, or (an empty line, or
 * :edit) written in the editor. */
static enum step
essay_compose(struct runner *R, size_t i, const char *line, int edit)
{
    const char *editor = essay_editor();
    char *text = NULL;

    if (edit || !line[strspn(line, " \t")]) {
        if (!editor) {
            say(R, edit ? "No editor: set VISUAL or EDITOR. Type your answer here; a line "
                          "holding only '.' ends it."
                        : "Type your answer; a line holding only '.' ends it.");
            return STAY;
        }
        if (essay_edit(editor, R->s->q[i], R->draft, &text) < 0)
            return STAY;
        return essay_submit(R, i, text);
    }
    switch (essay_read_lines(line, &text)) {
    case PROMPT_LINE: return essay_submit(R, i, text);
    case PROMPT_INTERRUPT: return confirm_quit() ? STOP_QUIT : STAY;
    case PROMPT_TERM: return STOP_TERM;
    case PROMPT_TIMEUP: return STOP_TIMEUP;
    case PROMPT_EOF: return STOP_QUIT;
    }
    return STAY;
}

/* How to write an essay on a terminal (render_question says how long it should be). */
static void
essay_hint(const struct runner *R, size_t i)
{
    if (R->s->q[i]->type != PROCTOR_ESSAY || !prompt_is_tty())
        return;
    if (essay_editor())
        say(R, "Press Enter (or type :edit) to write it in your editor, or type it here: it "
               "may take several lines, and a line holding only '.' ends it.");
    else
        say(R, "Type it here: it may take several lines (pasted paragraphs are kept), and a line "
               "holding only '.' ends it.");
}

static enum run_outcome run(struct runner *R);

int64_t
runner_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum run_outcome
runner_run(struct runner *R)
{
    enum run_outcome out = run(R);
    free(R->draft);
    R->draft = NULL;
    return out;
}

static enum run_outcome
run(struct runner *R)
{
    struct proctor_session *s = R->s;

    prompt_set_commands(R->review ? review_commands : practice_commands);
    prompt_set_deadline(R->deadline);
    for (;;) {
        size_t i = s->cur, part = 0, nparts = 1;
        int at_end = i >= s->n;
        enum step step = STAY;
        struct proctor_response pending;
        char gap_prompt[32];

        memset(&pending, 0, sizeof pending);

        if (at_end && !R->review)
            return RUN_DONE;
        /* the terminal may have been resized (SIGWINCH): wrap from this question on to the
         * width it has now */
        R->st.width = render_style(stdout).width;
        if (at_end) {
            review_screen(R);
            step = R->no_confirm ? STOP_DONE : confirm_submit(R);
        } else {
            render_question(stdout, &R->st, s, i);
            essay_hint(R, i);
            saved_answer(R, i);
            header_time(R);
            R->shown_ms = runner_clock_ms();
            if ((nparts = proctor_response_parts(s->q[i])) > 1)
                ask_part(R, i, 0);
        }
        prompt_set_words(!at_end && s->q[i]->type == PROCTOR_TRUEFALSE ? tf_words : NULL);
        while (step == STAY) {
            char *line = NULL, *t;

            snprintf(gap_prompt, sizeof gap_prompt, "{%zu}> ", part + 1);
            switch (prompt_read(nparts > 1 ? gap_prompt : "> ", &line)) {
            case PROMPT_INTERRUPT:
                if (confirm_quit()) {
                    proctor_response_release(&pending);
                    return prompt_is_tty() ? RUN_QUIT : RUN_INTERRUPTED;
                }
                continue;
            case PROMPT_TERM: proctor_response_release(&pending); return RUN_TERMINATED;
            case PROMPT_TIMEUP:
                proctor_response_release(&pending);
                printf("  Time is up.\n");
                return RUN_TIMEUP;
            case PROMPT_EOF:
                proctor_response_release(&pending);
                printf("\n");
                return RUN_QUIT;
            case PROMPT_LINE: break;
            }
            t = line + strspn(line, " \t");
            trim(t);
            if (strcmp(t, ":edit") == 0 && essay_here(R, i))
                step = essay_compose(R, i, t, 1);
            else if (t[0] == ':' || (t[0] == '?' && !t[1]))
                step = command(R, i, t);
            else if (at_end)
                say(R, "Type :submit to hand in, or :goto N to change an answer.");
            else if (essay_here(R, i))
                step = essay_compose(R, i, line, 0);
            else if (nparts > 1)
                step = answer_part(R, i, &part, &pending, t);
            else
                step = answer(R, i, t);
            free(line);
        }
        /* a question left before its last part: what was typed for it goes */
        proctor_response_release(&pending);
        if (step == STOP_IOERROR)
            return RUN_IOERROR;
        if (step == STOP_QUIT)
            return RUN_QUIT;
        if (step == STOP_DONE)
            return RUN_DONE;
        if (step == STOP_TERM)
            return RUN_TERMINATED;
        if (step == STOP_TIMEUP) {
            printf("  Time is up.\n");
            return RUN_TIMEUP;
        }
        if (persist(R) != 0)
            return RUN_IOERROR;
    }
}
