/* SPDX-License-Identifier: ISC */
/*
 * gift-export.c - a bank's questions as Moodle's GIFT (proctor/export.h), in the form
 * gift.c reads back: per question a comment with what GIFT has no place for ([id:] [tag:]
 * [difficulty:] [level:] [points:], a short answer's [typos:] and the switches where it
 * grades otherwise than Moodle: [containment:on] [case_sensitive:on] [accents_required:on]
 * [kind:name]; "rubric:"), a comment with the passage
 * ([source:doc] "quote" [nth:N]), "::id::prompt{answers####explanation and passage}".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export-internal.h"
#include "proctor/export.h"
#include "proctor/grade.h"
#include "sbuf.h"

/* c with GIFT's control characters escaped */
static void
gift_char(struct sbuf *b, char c)
{
    if (strchr("~=#{}:\\", c))
        sbuf_char(b, '\\');
    sbuf_char(b, c);
}

/* text with GIFT's control characters escaped and white space folded; with guard, a text
 * that opens with '[' gets [plain] first, so no format prefix is read from it */
static void
put_text(struct sbuf *b, const char *s, int guard)
{
    if (guard && *s == '[')
        sbuf_str(b, "[plain]");
    export_folded(b, s, gift_char);
}

/* whether text would read as a weight at the start of an answer (%50%): GIFT cannot escape
 * it */
static int
looks_weighted(const char *s)
{
    const char *p = s;

    while (*p == ' ')
        p++;
    if (*p++ != '%')
        return 0;
    while (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return 0;
    while ((*p >= '0' && *p <= '9') || *p == '.')
        p++;
    return *p == '%';
}

/* Moodle's accepted grades: 100/n for n = 1..10 */
static const char *const shares[] = {"100",      "50",       "33.33333", "25",       "20",
                                     "16.66667", "14.28571", "12.5",     "11.11111", "10"};

static void
put_number(struct sbuf *b, int64_t v)
{
    char buf[48];

    sbuf_str(b, proctor_format_points(v, buf, sizeof buf));
}

/* The occurrence of the quote the question cites (1 for the first), 0 when the quote occurs
 * once. */
static size_t
nth_of(const struct proctor_question *q)
{
    size_t nth = 0, total = 0, s, e, from = 0;

    while (proctor_passage_find(q->doc->text, q->doc->len, q->quote, from, &s, &e) == 0) {
        total++;
        if (s <= q->quote_start)
            nth = total;
        from = s + 1;
    }
    return total > 1 ? nth : 0;
}

/* Text folded onto one line as it is (no GIFT escaping): a passage's title and words, a
 * rubric, inside a comment or a text put_text escapes afterwards. */
static void
put_folded(struct sbuf *b, const char *s)
{
    export_folded(b, s, sbuf_char);
}

/* The general feedback: the explanation, then the passage. */
static void
put_feedback(struct sbuf *b, const struct proctor_question *q)
{
    int any = 0;

    if (q->explain && *q->explain) {
        sbuf_str(b, "\n\t####");
        put_text(b, q->explain, 1);
        any = 1;
    }
    if (q->doc && q->quote) {
        struct sbuf p = {0};
        char *s;
        sbuf_str(&p, "Passage (");
        put_folded(&p, q->doc->title ? q->doc->title : q->doc->id);
        sbuf_str(&p, "): \"");
        put_folded(&p, q->quote);
        sbuf_char(&p, '"');
        if ((s = sbuf_finish(&p)) != NULL) {
            sbuf_str(b, any ? "\\n\\n" : "\n\t####");
            put_text(b, s, 0);
            free(s);
        } else {
            b->failed = 1;
        }
    }
}

/* Why q cannot be written, or NULL. */
static const char *
cannot(const struct proctor_question *q)
{
    switch (q->type) {
    case PROCTOR_ORDER: return "GIFT has no ordering question";
    case PROCTOR_CLOZE:
        return "GIFT has one blank per question (Moodle's embedded answers are not GIFT)";
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        for (size_t i = 0; i < q->noptions; i++)
            if (looks_weighted(q->options[i].text))
                return "an option starts like a GIFT weight (%N%)";
        if (q->type == PROCTOR_MULTI) {
            size_t right = 0;
            for (size_t i = 0; i < q->noptions; i++)
                right += q->options[i].correct != 0;
            if (right > 10 || q->noptions - right > 10)
                return "more answers than Moodle's grades can share";
        }
        return NULL;
    case PROCTOR_SHORT:
        for (size_t i = 0; i < q->naccept; i++)
            if (looks_weighted(q->accept[i]))
                return "an answer starts like a GIFT weight (%N%)";
        /* '=' with '->' anywhere makes a matching question, and GIFT cannot escape '->' */
        for (size_t i = 0; i < q->naccept + q->nreject; i++)
            if (strstr(i < q->naccept ? q->accept[i] : q->reject[i - q->naccept], "->"))
                return "an answer holds '->', which GIFT would read as a matching question";
        return NULL;
    case PROCTOR_MATCH:
        for (size_t i = 0; i < q->npairs; i++)
            if (strstr(q->options[i].text, "->"))
                return "a left item holds '->', which GIFT cannot escape";
        return NULL;
    case PROCTOR_TRUEFALSE:
    case PROCTOR_NUMERIC:
    case PROCTOR_ESSAY: return NULL;
    }
    return NULL;
}

static void
put_question(struct sbuf *b, const struct proctor_question *q)
{
    char buf[48];

    sbuf_str(b, "// [id:");
    sbuf_str(b, q->id);
    sbuf_char(b, ']');
    for (size_t i = 0; i < q->ntags; i++) {
        sbuf_str(b, " [tag:");
        sbuf_str(b, q->tags[i]);
        sbuf_char(b, ']');
    }
    snprintf(buf, sizeof buf, " [difficulty:%d] [level:", q->difficulty);
    sbuf_str(b, buf);
    sbuf_str(b, proctor_level_name(q->level));
    sbuf_char(b, ']');
    if (q->points != 1000) {
        sbuf_str(b, " [points:");
        put_number(b, q->points);
        sbuf_char(b, ']');
    }
    if (q->type == PROCTOR_SHORT) {
        if (q->typos < 0) {
            sbuf_str(b, " [typos:auto]");
        } else {
            snprintf(buf, sizeof buf, " [typos:%d]", q->typos);
            sbuf_str(b, buf);
        }
        /* what Moodle's match (the whole response, case folded) does not do */
        if (!(q->match & PROCTOR_MATCH_WHOLE))
            sbuf_str(b, " [containment:on]");
        if (q->match & PROCTOR_MATCH_CASE)
            sbuf_str(b, " [case_sensitive:on]");
        if (q->match & PROCTOR_MATCH_ACCENTS)
            sbuf_str(b, " [accents_required:on]");
        if (q->match & PROCTOR_MATCH_NAME)
            sbuf_str(b, " [kind:name]");
    }
    sbuf_char(b, '\n');
    if (q->type == PROCTOR_ESSAY && q->rubric) {
        sbuf_str(b, "// rubric: ");
        put_folded(b, q->rubric);
        sbuf_char(b, '\n');
    }
    if (q->doc && q->quote) {
        size_t nth = nth_of(q);
        sbuf_str(b, "// [source:");
        sbuf_str(b, q->doc->id);
        sbuf_str(b, "] \"");
        put_folded(b, q->quote);
        sbuf_char(b, '"');
        if (nth) {
            snprintf(buf, sizeof buf, " [nth:%zu]", nth);
            sbuf_str(b, buf);
        }
        sbuf_char(b, '\n');
    }
    sbuf_str(b, "::");
    sbuf_str(b, q->id);
    sbuf_str(b, "::");
    put_text(b, q->prompt, 1);
    sbuf_str(b, "{");
    switch (q->type) {
    case PROCTOR_CHOICE:
        for (size_t i = 0; i < q->noptions; i++) {
            sbuf_str(b, q->options[i].correct ? "\n\t=" : "\n\t~");
            put_text(b, q->options[i].text, 1);
        }
        break;
    case PROCTOR_MULTI: {
        size_t right = 0;
        for (size_t i = 0; i < q->noptions; i++)
            right += q->options[i].correct != 0;
        for (size_t i = 0; i < q->noptions; i++) {
            size_t n = q->options[i].correct ? right : q->noptions - right;
            sbuf_str(b, q->options[i].correct ? "\n\t~%" : "\n\t~%-");
            sbuf_str(b, shares[n - 1]);
            sbuf_char(b, '%');
            put_text(b, q->options[i].text, 1);
        }
        break;
    }
    case PROCTOR_TRUEFALSE: sbuf_str(b, q->truth ? "TRUE" : "FALSE"); break;
    case PROCTOR_SHORT:
        for (size_t i = 0; i < q->naccept; i++) {
            sbuf_str(b, "\n\t=");
            put_text(b, q->accept[i], 1);
        }
        for (size_t i = 0; i < q->nreject; i++) { /* known wrong: Moodle's 0 % answers */
            sbuf_str(b, "\n\t=%0%");
            put_text(b, q->reject[i], 1);
        }
        break;
    case PROCTOR_NUMERIC:
        sbuf_char(b, '#');
        if (q->is_range) {
            put_number(b, q->lo);
            sbuf_str(b, "..");
            put_number(b, q->hi);
        } else {
            put_number(b, q->value);
            if (q->hi > q->value) {
                sbuf_char(b, ':');
                put_number(b, q->hi - q->value);
            }
        }
        break;
    case PROCTOR_MATCH:
        for (size_t i = 0; i < q->npairs; i++) {
            sbuf_str(b, "\n\t=");
            put_text(b, q->options[i].text, 1);
            sbuf_str(b, " -> ");
            put_text(b, q->rights[i].text, 0);
        }
        for (size_t i = q->npairs; i < q->nrights; i++) {
            sbuf_str(b, "\n\t= -> ");
            put_text(b, q->rights[i].text, 0);
        }
        break;
    case PROCTOR_ESSAY:
    case PROCTOR_ORDER:
    case PROCTOR_CLOZE: break;
    }
    put_feedback(b, q);
    sbuf_str(b, "\n}\n\n");
}

int
proctor_export_gift(const struct proctor_bank *b, const char *const *docs, size_t ndocs,
                    proctor_export_skip_fn skip, void *ctx, char **out, size_t *count,
                    struct proctor_error *err)
{
    struct sbuf s = {0};

    *out = NULL;
    *count = 0;
    sbuf_str(&s, "// Exported by proctor (GIFT for Moodle). Comments carry what GIFT has no "
                 "place for;\n// 'proctor import gift' reads them back.\n\n");
    for (size_t i = 0; i < b->nquestions; i++) {
        const struct proctor_question *q = &b->questions[i];
        const char *why;
        if (!export_cites(q, docs, ndocs))
            continue;
        if ((why = cannot(q)) != NULL) {
            if (skip)
                skip(ctx, q, why);
            continue;
        }
        put_question(&s, q);
        ++*count;
    }
    if (!(*out = sbuf_finish(&s)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    return 0;
}
