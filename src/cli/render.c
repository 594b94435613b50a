/* SPDX-License-Identifier: ISC */
/* render.c - questions, options and passages as text, wrapped and optionally highlighted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/grade.h"
#include "render.h"
#include "untrusted.h"

struct style
render_style(FILE *f)
{
    struct style st = {cli_use_color(f), 80};
    struct winsize ws;
    const char *cols = getenv("COLUMNS");

    if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        st.width = ws.ws_col;
    else if (cols && atoi(cols) > 0)
        st.width = atoi(cols);
    if (st.width > 120)
        st.width = 120;
    if (st.width < 40)
        st.width = 40;
    st.width -= 1;
    return st;
}

const char *
sty(const struct style *st, const char *which)
{
    if (!st->color)
        return "";
    if (strcmp(which, "bold") == 0)
        return "\033[1m";
    if (strcmp(which, "dim") == 0)
        return "\033[2m";
    if (strcmp(which, "green") == 0)
        return "\033[32m";
    if (strcmp(which, "red") == 0)
        return "\033[31m";
    if (strcmp(which, "mark") == 0)
        return "\033[1;33m";
    return "\033[0m";
}

static size_t
u8len(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/*
 * The columns a list marker takes at the start of a line ("1. ", "- ", "• ", "a) " and the
 * spaces after it), so its wrapped lines can be indented under the text; 0 when the line
 * starts with none. A highlight's opening "[[" (or \001 with colour) before it counts as
 * shown.
 */
static int
marker_width(const char *s, size_t n)
{
    size_t i = 0, lead = 0, k;

    if (n >= 2 && s[0] == '[' && s[1] == '[')
        i = lead = 2;
    else if (n >= 1 && s[0] == '\001')
        i = 1;
    k = i;
    if (k < n && (s[k] == '-' || s[k] == '*')) {
        k++;
    } else if (k + 3 <= n && memcmp(s + k, "\xe2\x80\xa2", 3) == 0) { /* U+2022 bullet */
        k += 3;
        lead -= 2; /* three bytes, one column */
    } else if (k < n && s[k] >= '0' && s[k] <= '9') {
        while (k < n && k - i < 3 && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k >= n || (s[k] != '.' && s[k] != ')'))
            return 0;
        k++;
    } else if (k + 1 < n && s[k] >= 'a' && s[k] <= 'z' && s[k + 1] == ')') {
        k += 2;
    } else {
        return 0;
    }
    if (k >= n || s[k] != ' ')
        return 0;
    while (k < n && s[k] == ' ')
        k++;
    if (k >= n)
        return 0;
    return (int)(k - i + lead);
}

/* Wraps text at st->width. The first line starts with indent spaces, then label and a space
 * when label is not NULL; every later line starts with hang spaces. Explicit newlines are
 * kept; a line that starts with a list marker ("1. ", "- ") continues under the text after
 * it. Empty text without a label prints nothing. With escaped set, every word of text goes
 * through the untrusted-text printer (and is measured as shown); without, text is written as
 * it is (render_excerpt's, escaped already, with its highlight markers). */
static void
wrap(FILE *f, const struct style *st, const char *label, const char *text, int indent, int hang,
     int escaped)
{
    int width = st->width - hang;
    const char *p = text;
    int first = 1;
    char small[256], *shown = small;
    size_t cap = sizeof small;

    if (width < 20)
        width = 20;
    if (label && !*p) {
        fprintf(f, "%*s%s\n", indent, "", label);
        return;
    }
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t linelen = eol ? (size_t)(eol - p) : strlen(p);
        size_t col = 0;
        const char *w = p, *end = p + linelen;
        int extra = first && label ? 0 : marker_width(p, linelen), cont = 0;

        if (first && label)
            fprintf(f, "%*s%s ", indent, "", label);
        else
            fprintf(f, "%*s", first ? indent : hang, "");
        first = 0;
        while (w < end) {
            const char *we = w, *out = w;
            size_t wl, olen;
            while (we < end && *we != ' ' && *we != '\t')
                we++;
            olen = (size_t)(we - w);
            if (escaped) {
                size_t need = untrusted_escape(shown, cap, w, olen, 0);
                if (need >= cap) {
                    char *big = malloc(need + 1);
                    if (big) {
                        if (shown != small)
                            free(shown);
                        shown = big;
                        cap = need + 1;
                        untrusted_escape(shown, cap, w, olen, 0);
                    }
                }
                out = shown;
                olen = strlen(shown);
            }
            wl = u8len(out, olen);
            if (col > 0 && col + 1 + wl > (size_t)(cont ? width - extra : width)) {
                fprintf(f, "\n%*s", hang + extra, "");
                col = 0;
                cont = 1;
            } else if (col > 0) {
                fputc(' ', f);
                col++;
            }
            fwrite(out, 1, olen, f);
            col += wl;
            w = we;
            while (w < end && (*w == ' ' || *w == '\t'))
                w++;
        }
        fputc('\n', f);
        if (!eol)
            break;
        p = eol + 1;
    }
    if (shown != small)
        free(shown);
}

void
render_wrap(FILE *f, const struct style *st, const char *text, int indent)
{
    wrap(f, st, NULL, text, indent, indent, 1);
}

void
render_item(FILE *f, const struct style *st, const char *label, const char *text, int indent)
{
    wrap(f, st, label, text, indent, indent + (int)u8len(label, strlen(label)) + 1, 1);
}

/* Appends the escaped form of text[from, to) to o, newlines and tabs as spaces. */
static char *
excerpt_part(char *o, const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        size_t n = 0;
        while (i + n < to && text[i + n] != '\n' && text[i + n] != '\t')
            n++;
        o += untrusted_escape(o, SIZE_MAX, text + i, n, 0);
        i += n;
        if (i < to) {
            *o++ = ' ';
            i++;
        }
    }
    *o = '\0';
    return o;
}

void
render_excerpt(FILE *f, const struct style *st, const char *docid, long line, const char *text,
               size_t len, size_t qs, size_t qe)
{
    char *buf, *o;

    if (qs > len)
        qs = len;
    if (qe < qs)
        qe = qs;
    if (qe > len)
        qe = len;
    /* an escape is at most 4 bytes for each byte of text (\xff) */
    buf = malloc(len * 4 + 64);
    if (!buf)
        return;
    o = excerpt_part(buf, text, 0, qs);
    if (qe > qs) {
        o += sprintf(o, "%s", st->color ? "\001" : "[[");
        o = excerpt_part(o, text, qs, qe);
        o += sprintf(o, "%s", st->color ? "\002" : "]]");
    }
    excerpt_part(o, text, qe, len);
    fprintf(f, "  %sFrom %s, line %ld:%s\n", sty(st, "dim"), untrusted_str(docid), line,
            st->color ? "" : "");
    if (st->color) {
        /* expand the markers after wrapping so escape codes don't count as width */
        char *wrapped = NULL;
        size_t wl = 0;
        FILE *m = open_memstream(&wrapped, &wl);
        if (m) {
            wrap(m, st, NULL, buf, 4, 4, 0);
            fclose(m);
            for (char *c = wrapped; c && *c; c++) {
                if (*c == '\001')
                    fputs("\033[0m\033[1;33m", f);
                else if (*c == '\002')
                    fputs("\033[0m\033[2m", f);
                else
                    fputc(*c, f);
            }
            free(wrapped);
        }
        fputs(sty(st, "reset"), f);
    } else {
        wrap(f, st, NULL, buf, 4, 4, 0);
    }
    free(buf);
}

void
render_passage(FILE *f, const struct style *st, const struct proctor_question *q)
{
    const struct proctor_doc *d = q->doc;
    const struct proctor_para *pa;
    size_t len, qs, qe;

    if (!d || q->para >= d->nparas)
        return;
    pa = &d->paras[q->para];
    qs = q->quote_start < pa->start ? pa->start : q->quote_start;
    qe = q->quote_end;
    if (qe < pa->end && qe < qs)
        qe = qs;
    /* a quote may run past its paragraph: show through its end */
    len = (qe > pa->end ? qe : pa->end) - pa->start;
    render_excerpt(f, st, d->id, pa->line, d->text + pa->start, len, qs - pa->start,
                   qe - pa->start);
}

struct shown {
    FILE *f;
    const struct style *st;
    int list;
};

/* One item shown with a question: a blank line between lists (a match's lefts and rights). */
static void
show_item(void *ctx, int list, const char *label, const char *text)
{
    struct shown *sh = ctx;

    if (list != sh->list)
        fputc('\n', sh->f);
    sh->list = list;
    render_item(sh->f, sh->st, label, text, 4);
}

void
render_part(FILE *f, const struct style *st, const struct proctor_question *q,
            const size_t *perm, size_t k)
{
    struct shown sh = {f, st, 0};

    proctor_question_show(q, perm, k, show_item, &sh);
}

void
render_question(FILE *f, const struct style *st, const struct proctor_session *s, size_t i)
{
    const struct proctor_question *q = s->q[i];
    char pts[32];

    /* an assignment's questions may come without their document */
    fprintf(f, "\n%sQuestion %zu of %zu%s", sty(st, "bold"), i + 1, s->n, sty(st, "reset"));
    if (q->type == PROCTOR_ESSAY && q->doc)
        fprintf(f, "  %s[%s, essay, marked by a teacher]%s\n", sty(st, "dim"), q->doc->id,
                sty(st, "reset"));
    else if (q->type == PROCTOR_ESSAY)
        fprintf(f, "  %s[essay, %s point%s, marked by a teacher]%s\n", sty(st, "dim"),
                proctor_format_points(q->points, pts, sizeof pts), q->points == 1000 ? "" : "s",
                sty(st, "reset"));
    else
        fprintf(f, "  %s[%s%s%s, %s point%s]%s\n", sty(st, "dim"), q->doc ? q->doc->id : "",
                q->doc ? ", " : "", proctor_qtype_name(q->type),
                proctor_format_points(q->points, pts, sizeof pts), q->points == 1000 ? "" : "s",
                sty(st, "reset"));
    render_wrap(f, st, q->prompt, 2);
    if (proctor_response_parts(q) == 1)
        render_part(f, st, q, s->perm[i], 0);
    fputs(sty(st, "dim"), f);
    render_wrap(f, st, proctor_question_hint(q, PROCTOR_WHOLE), 2);
    if (q->type == PROCTOR_ESSAY && q->min_words > 0) {
        char words[64];
        snprintf(words, sizeof words, "At least %ld words.", q->min_words);
        render_wrap(f, st, words, 2);
    }
    fputs(sty(st, "reset"), f);
}

int
cli_print_diag(void *ctx, const struct proctor_error *err)
{
    (void)ctx;
    cli_report(err);
    return 0;
}

/* The bank cli_bank_left keeps: reachable until the exit (valgrind counts no leak). */
static struct proctor_bank *left_bank;

void
cli_bank_left(struct proctor_bank *bank)
{
    proctor_bank_free(left_bank);
    left_bank = bank;
}

int
cli_load_bank(const char *dir, unsigned flags, struct proctor_bank **out)
{
    struct proctor_error err;
    int n;

    proctor_error_clear(&err);
    n = proctor_bank_load_flags(dir, NULL, flags, cli_print_diag, NULL, out, &err);
    if (n < 0)
        return cli_report_bank(dir, &err);
    if (n > 0) {
        cli_errorf("the bank in '%s' has %d problem%s; see 'proctor lint --bank %s'", dir, n,
                   n == 1 ? "" : "s", dir);
        proctor_bank_free(*out);
        *out = NULL;
        return EXIT_DATA;
    }
    return 0;
}
