/* SPDX-License-Identifier: ISC */
/*
 * gift.c - Moodle's GIFT format read as Moodle's importer (question/format/gift/format.php)
 * reads it, each question described for the import driver (import-internal.h).
 *
 * Questions are separated by blank lines. In a question's lines, trimmed, a line starting
 * with // is a comment (where [id:x], [tag:x] and proctor's [source:doc] "quote" [nth:N]
 * [difficulty:N] [level:x] are read); the rest, joined by newlines, is "::title::" (optional),
 * the text, and the answers between the first '{' and the first '}'. The type is decided as
 * Moodle decides it, from the answers: none (no braces) is a description, {} an essay, a
 * leading '#' numerical, any '~' multiple choice, '=' with '->' matching, T/TRUE/F/FALSE
 * true/false, anything else short answer. Text after the closing brace makes the question a
 * missing-word one: the answers' place in the text becomes "_____".
 *
 * An escape (\~ \= \# \{ \} \: \\ and \n for a new line) is resolved when the lines are
 * joined and marked, so no search below ever takes it for the character that controls the
 * format. Every character keeps its offset in the file, for line and column in messages.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import-internal.h"
#include "proctor/limits.h"
#include "sbuf.h"

#define GIFT_MAX_ANSWERS 100

/* A question's lines as Moodle joins them. */
struct gblock {
    char *c;            /* the characters, escapes resolved */
    unsigned char *esc; /* 1 where c[i] came from an escape */
    size_t *off;        /* its offset in the file */
    size_t n, cap;
    size_t at; /* where the block starts */
    int oom;
};

static void
push(struct gblock *g, char c, int esc, size_t off)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        char *nc = realloc(g->c, cap);
        unsigned char *ne;
        size_t *no;
        if (nc)
            g->c = nc;
        ne = nc ? realloc(g->esc, cap) : NULL;
        if (ne)
            g->esc = ne;
        no = ne ? realloc(g->off, cap * sizeof *no) : NULL;
        if (!no) {
            g->oom = 1;
            return;
        }
        g->off = no;
        g->cap = cap;
    }
    g->c[g->n] = c;
    g->esc[g->n] = (unsigned char)esc;
    g->off[g->n] = off;
    g->n++;
}

/* PHP's trim set. */
static int
is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\v';
}

static int
ctl(const struct gblock *g, size_t i, char c)
{
    return g->c[i] == c && !g->esc[i];
}

static void
trim(const struct gblock *g, size_t *a, size_t *b)
{
    while (*a < *b && !g->esc[*a] && is_ws(g->c[*a]))
        (*a)++;
    while (*b > *a && !g->esc[*b - 1] && is_ws(g->c[*b - 1]))
        (*b)--;
}

/* The first (last) place in [a, b) where pat is written without escapes, or -1. */
static long
find(const struct gblock *g, size_t a, size_t b, const char *pat)
{
    size_t m = strlen(pat);

    for (size_t i = a; i + m <= b; i++) {
        size_t k = 0;
        while (k < m && ctl(g, i + k, pat[k]))
            k++;
        if (k == m)
            return (long)i;
    }
    return -1;
}

static long
rfind(const struct gblock *g, size_t a, size_t b, const char *pat)
{
    size_t m = strlen(pat);

    for (size_t i = b; i >= a + m; i--) {
        size_t k = 0;
        while (k < m && ctl(g, i - m + k, pat[k]))
            k++;
        if (k == m)
            return (long)(i - m);
    }
    return -1;
}

static size_t
at_of(const struct gblock *g, size_t i)
{
    return i < g->n ? g->off[i] : g->n ? g->off[g->n - 1] : g->at;
}

/* ---- text ---- */

enum gformat { F_MOODLE, F_HTML, F_PLAIN, F_MARKDOWN };

/* Folds each run of white space to one space, trimming both ends (in place). */
static void
fold(char *s)
{
    char *w = s;
    int space = 0;

    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\v') {
            space = w > s;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = 0;
        *w++ = *r;
    }
    *w = '\0';
}

/* An HTML entity at s (after the '&'), appended to b; the bytes it took, or 0. */
static size_t
entity(struct sbuf *b, const char *s)
{
    static const struct {
        const char *name, *text;
    } named[] = {{"amp;", "&"},
                 {"lt;", "<"},
                 {"gt;", ">"},
                 {"quot;", "\""},
                 {"apos;", "'"},
                 {"nbsp;", " "},
                 {"#39;", "'"},
                 {"ndash;", "\xe2\x80\x93"},
                 {"mdash;", "\xe2\x80\x94"},
                 {"hellip;", "\xe2\x80\xa6"}};
    unsigned long cp = 0;
    const char *p = s;

    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (strncmp(s, named[k].name, strlen(named[k].name)) == 0) {
            sbuf_str(b, named[k].text);
            return strlen(named[k].name);
        }
    if (*p++ != '#')
        return 0;
    if (*p == 'x' || *p == 'X') {
        p++;
        if (!isxdigit((unsigned char)*p))
            return 0;
        while (isxdigit((unsigned char)*p) && cp <= 0x10FFFF)
            cp = cp * 16 +
                 (unsigned long)(isdigit((unsigned char)*p) ? *p - '0' : (*p | 0x20) - 'a' + 10),
            p++;
    } else {
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p) && cp <= 0x10FFFF)
            cp = cp * 10 + (unsigned long)(*p++ - '0');
    }
    if (*p != ';' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0x20)
        return 0;
    sbuf_cp(b, (int)cp);
    return (size_t)(p + 1 - s);
}

/* The tag's name at s (after '<', '/' skipped), lowercased into name. */
static void
tag_name(const char *s, const char *end, char *name, size_t size)
{
    size_t n = 0;

    if (s < end && *s == '/')
        s++;
    while (s < end && isalnum((unsigned char)*s) && n + 1 < size)
        name[n++] = (char)tolower((unsigned char)*s++);
    name[n] = '\0';
}

/* The value of attribute attr in the tag [s, end), into out (NULL when absent). */
static const char *
tag_attr(const char *s, const char *end, const char *attr, char *out, size_t size)
{
    size_t m = strlen(attr);

    for (const char *p = s; p + m + 1 < end; p++) {
        if (strncasecmp(p, attr, m) == 0 && p[m] == '=' &&
            (p == s || isspace((unsigned char)p[-1]))) {
            const char *v = p + m + 1, *e;
            char q = (*v == '"' || *v == '\'') ? *v++ : ' ';
            for (e = v; e < end && *e != q && (q != ' ' || !isspace((unsigned char)*e)); e++)
                ;
            snprintf(out, size, "%.*s", (int)(e - v), v);
            return out;
        }
    }
    return NULL;
}

/*
 * HTML as plain text: tags dropped, a line break for <br> and between blocks, a link's
 * target after its text in brackets when it is not the text itself, entities decoded, white
 * space folded.
 */
static void
html_text(struct sbuf *b, const char *s)
{
    static const char *const blocks[] = {"p",  "div", "li", "tr", "h1", "h2",    "h3",
                                         "h4", "h5",  "h6", "ul", "ol", "table", "blockquote"};
    char href[512] = "";
    size_t link_start = 0;

    while (*s) {
        if (*s == '<') {
            const char *e = strchr(s, '>');
            char name[16];
            if (!e) {
                sbuf_str(b, s);
                return;
            }
            tag_name(s + 1, e, name, sizeof name);
            if (strcmp(name, "br") == 0) {
                sbuf_char(b, '\n');
            } else if (strcmp(name, "a") == 0 && s[1] != '/') {
                if (!tag_attr(s + 1, e, "href", href, sizeof href))
                    href[0] = '\0';
                link_start = b->len;
            } else if (strcmp(name, "a") == 0 && href[0]) {
                if (b->len - link_start != strlen(href) ||
                    (b->s && strncmp(b->s + link_start, href, strlen(href)) != 0)) {
                    sbuf_str(b, " (");
                    sbuf_str(b, href);
                    sbuf_char(b, ')');
                }
                href[0] = '\0';
            } else {
                for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
                    if (strcmp(name, blocks[k]) == 0)
                        sbuf_char(b, '\n');
            }
            s = e + 1;
        } else if (*s == '&') {
            size_t n = entity(b, s + 1);
            if (!n)
                sbuf_char(b, '&');
            s += 1 + n;
        } else {
            sbuf_char(b, *s++);
        }
    }
}

/* A format prefix [html] [moodle] [plain] [markdown] at a: sets *f and moves *a past it. */
static void
take_format(const struct gblock *g, size_t *a, size_t b, enum gformat *f)
{
    static const char *const names[] = {"moodle", "html", "plain", "markdown"};

    if (*a >= b || !ctl(g, *a, '['))
        return;
    for (size_t k = 0; k < 4; k++) {
        size_t m = strlen(names[k]);
        if (*a + m + 2 <= b && memcmp(g->c + *a + 1, names[k], m) == 0 && ctl(g, *a + m + 1, ']')) {
            *f = (enum gformat)k;
            *a += m + 2;
            trim(g, a, &b);
            return;
        }
    }
}

/* The text of [a, b) (and, with mid, mid and [a2, b2)), its format prefix taken off (into
 * *f), as plain text: HTML reduced, white space folded. NULL on out of memory. */
static char *
text2(struct importer *I, const struct gblock *g, size_t a, size_t b, const char *mid, size_t a2,
      size_t b2, enum gformat *f)
{
    struct sbuf raw = {0}, out = {0};
    size_t tb = b;
    char *r, *s;

    trim(g, &a, &tb);
    if (!mid)
        b = tb;
    if (f)
        take_format(g, &a, b, f);
    sbuf_put(&raw, g->c + a, b - a);
    if (mid) {
        sbuf_str(&raw, mid);
        sbuf_put(&raw, g->c + a2, b2 - a2);
    }
    if (!(r = sbuf_finish(&raw)))
        return NULL;
    if (f && *f == F_HTML) {
        html_text(&out, r);
        free(r);
        if (!(r = sbuf_finish(&out)))
            return NULL;
    }
    fold(r);
    s = import_str(I, r, strlen(r));
    free(r);
    return s;
}

static char *
text(struct importer *I, const struct gblock *g, size_t a, size_t b, enum gformat f)
{
    return text2(I, g, a, b, NULL, 0, 0, &f);
}

/* ---- answers ---- */

struct answer {
    size_t a, b;    /* the answer's text */
    size_t fa, fb;  /* its feedback (fa == fb: none) */
    int has_weight; /* given as %N% */
    double weight;  /* percent */
    int right;      /* '=' in multiple choice */
};

/*
 * Splits [a, b) at every unescaped character of seps (each part starting after its
 * separator; right set for parts after '='), dropping the first part when it is blank, as
 * Moodle's explode and array_shift do. Returns the number of parts, or -1 past max.
 */
static long
split(const struct gblock *g, size_t a, size_t b, const char *seps, struct answer *out, size_t max)
{
    size_t n = 0, start = a;
    int right = 0;

    for (size_t i = a; i <= b; i++) {
        if (i < b && !(strchr(seps, g->c[i]) && !g->esc[i] && g->c[i]))
            continue;
        size_t pa = start, pb = i;
        trim(g, &pa, &pb);
        if (!(n == 0 && start == a && pa == pb)) {
            if (n == max)
                return -1;
            memset(&out[n], 0, sizeof out[n]);
            out[n].a = pa;
            out[n].b = pb;
            out[n].right = right;
            n++;
        }
        if (i < b)
            right = g->c[i] == '=';
        start = i + 1;
    }
    return (long)n;
}

/* A weight %N% at the start of the answer (Moodle's /^%\-*([0-9]{1,2})\.?([0-9]*)%/): taken
 * off, into x->weight. -1 after refusing one Moodle cannot read (two minus signs). */
static int
weight(struct importer *I, const struct gblock *g, struct answer *x)
{
    size_t i = x->a + 1, minus = 0, digits = 0, start;
    char num[64];

    if (x->a >= x->b || !ctl(g, x->a, '%'))
        return 0;
    while (i < x->b && ctl(g, i, '-'))
        minus++, i++;
    start = i;
    while (i < x->b && isdigit((unsigned char)g->c[i]) && !g->esc[i])
        digits++, i++;
    if (!digits)
        return 0;
    if (i < x->b && ctl(g, i, '.'))
        i++;
    while (i < x->b && isdigit((unsigned char)g->c[i]) && !g->esc[i])
        i++;
    if (i >= x->b || !ctl(g, i, '%'))
        return 0;
    if (minus > 1)
        return import_refuse(I, g->off[x->a], "the weight '%.*s' is not a number",
                             (int)(i + 1 - x->a), g->c + x->a);
    snprintf(num, sizeof num, "%.*s", (int)(i - start), g->c + start);
    x->weight = strtod(num, NULL) * (minus ? -1 : 1);
    x->has_weight = 1;
    x->a = i + 1;
    trim(g, &x->a, &x->b);
    return 0;
}

/* The answer's feedback after its first '#', as Moodle's commentparser splits it. */
static void
feedback(const struct gblock *g, struct answer *x)
{
    long h = find(g, x->a, x->b, "#");

    x->fa = x->fb = x->b;
    if (h < 0)
        return;
    x->fa = (size_t)h + 1;
    x->fb = x->b;
    x->b = (size_t)h;
    trim(g, &x->a, &x->b);
    trim(g, &x->fa, &x->fb);
}

static int
full(double w)
{
    return w >= 100 - 1e-6;
}

static void
option_id(size_t k, char *buf, size_t size)
{
    if (k < 26)
        snprintf(buf, size, "%c", (int)('a' + k));
    else
        snprintf(buf, size, "option-%zu", k + 1);
}

/* Multiple choice: '=' answers make it one answer (choice), none several (multi). */
static int
multichoice(struct importer *I, const struct gblock *g, struct qnode *q, size_t a, size_t b,
            enum gformat f, size_t *nfb)
{
    struct answer x[GIFT_MAX_ANSWERS];
    struct qdesc *d = import_desc(I);
    int single = find(g, a, b, "=") >= 0;
    long n = split(g, a, b, "~=", x, GIFT_MAX_ANSWERS);
    size_t npos = 0, nwrong = 0, nright = 0;
    struct qnode *opts;

    if (n < 0)
        return import_refuse(I, g->off[a], "more than %d answers", GIFT_MAX_ANSWERS);
    if (n < 2)
        return import_refuse(I, g->off[a], "a multiple-choice question needs at least 2 answers");
    for (long k = 0; k < n; k++) {
        if (x[k].right)
            x[k].weight = 100;
        else if (weight(I, g, &x[k]) < 0)
            return -1;
        feedback(g, &x[k]);
        *nfb += x[k].fa < x[k].fb;
        if (x[k].weight > 1e-9)
            npos++;
        else
            nwrong++;
        nright += full(x[k].weight);
    }
    if (single && nright > 1)
        return import_refuse(I, g->off[a],
                             "%zu answers are right ('='): a choice question has exactly one "
                             "(without '=', give each right answer a weight: a multi question)",
                             nright);
    qdesc_add_string(d, q, "type", single ? "choice" : "multi", import_at(g->off[a]));
    opts = qdesc_add(d, q, "options", QNODE_ARRAY, import_at(g->off[a]));
    for (long k = 0; k < n; k++) {
        char id[32], *t = text(I, g, x[k].a, x[k].b, f), *idc;
        struct qnode *o = qdesc_add(d, opts, NULL, QNODE_OBJECT, import_at(at_of(g, x[k].a)));
        int right = single ? full(x[k].weight) : x[k].weight > 1e-9;
        option_id((size_t)k, id, sizeof id);
        if (!(idc = import_str(I, id, strlen(id))) || !t)
            return -1;
        qdesc_add_string(d, o, "id", idc, import_at(at_of(g, x[k].a)));
        qdesc_add_string(d, o, "text", t, import_at(at_of(g, x[k].a)));
        if (right)
            qdesc_add_bool(d, o, "correct", 1, import_at(at_of(g, x[k].a)));
        if (single && !right && (x[k].weight > 1e-9 || x[k].weight < -1e-9))
            import_note(I, g->off[x[k].a],
                        "answer '%s' is worth %g%% in Moodle and nothing here: a choice question "
                        "gives full points or none",
                        t, x[k].weight);
    }
    if (!single) {
        int same = 1;
        for (long k = 0; k < n; k++) {
            double want = x[k].weight > 1e-9 ? 100.0 / (double)npos
                          : nwrong           ? -100.0 / (double)nwrong
                                             : 0;
            same &= fabs(x[k].weight - want) < 0.01;
        }
        if (!same)
            import_note(I, g->off[a],
                        "weights not kept: here each right answer earns an equal share of +100%% "
                        "and each wrong one an equal share of -100%% (the total never below 0)");
    }
    return 0;
}

/* Matching: "=left -> right" pairs; an empty left side makes the right one a distractor. */
static int
matching(struct importer *I, const struct gblock *g, struct qnode *q, size_t a, size_t b,
         enum gformat f)
{
    struct answer x[GIFT_MAX_ANSWERS];
    struct qdesc *d = import_desc(I);
    long n = split(g, a, b, "=", x, GIFT_MAX_ANSWERS);
    struct qnode *pairs, *distractors = NULL;

    if (n < 0)
        return import_refuse(I, g->off[a], "more than %d answers", GIFT_MAX_ANSWERS);
    if (n < 2)
        return import_refuse(I, g->off[a], "a matching question needs at least 2 answers");
    qdesc_add_string(d, q, "type", "match", import_at(g->off[a]));
    pairs = qdesc_add(d, q, "pairs", QNODE_ARRAY, import_at(g->off[a]));
    for (long k = 0; k < n; k++) {
        long arrow = find(g, x[k].a, x[k].b, "->");
        size_t ra, rb = x[k].b;
        char *left, *right;
        if (arrow < 0)
            return import_refuse(I, at_of(g, x[k].a),
                                 "a matching answer is written '=left -> right'");
        ra = (size_t)arrow + 2;
        trim(g, &ra, &rb);
        left = text(I, g, x[k].a, (size_t)arrow, f);
        right = text2(I, g, ra, rb, NULL, 0, 0, NULL); /* Moodle reads no format here */
        if (!left || !right)
            return -1;
        if (!*left) {
            if (!distractors)
                distractors = qdesc_add(d, q, "distractors", QNODE_ARRAY, import_at(at_of(g, ra)));
            qdesc_add_string(d, distractors, NULL, right, import_at(at_of(g, ra)));
            continue;
        }
        struct qnode *p = qdesc_add(d, pairs, NULL, QNODE_OBJECT, import_at(at_of(g, x[k].a)));
        qdesc_add_string(d, p, "left", left, import_at(at_of(g, x[k].a)));
        qdesc_add_string(d, p, "right", right, import_at(at_of(g, ra)));
    }
    return 0;
}

/* A switch comment's value: 1 on, 0 off, -1 not given, -2 neither (refused at at). */
static int
switch_value(struct importer *I, const char *v, size_t at, const char *name)
{
    if (!v)
        return -1;
    if (strcmp(v, "on") == 0 || strcmp(v, "true") == 0)
        return 1;
    if (strcmp(v, "off") == 0 || strcmp(v, "false") == 0)
        return 0;
    import_refuse(I, at, "'[%s:%s]': expected on or off", name, v);
    return -2;
}

/*
 * Short answer, graded as Moodle grades it: the whole response against each answer, case
 * folded, no typo allowance ("containment": false, "typos": 0). The answers worth 100% are
 * accepted; those worth 0% or less are known wrong ones ("reject"), but for Moodle's
 * catch-all '*'; partial credit is reported. Comments written by proctor's export say where
 * a question grades otherwise ([containment:on], [typos:N], ...: m).
 */
static int
shortanswer(struct importer *I, const struct gblock *g, struct qnode *q, size_t a, size_t b,
            const struct import_meta *m, size_t *nfb)
{
    struct answer x[GIFT_MAX_ANSWERS];
    struct qdesc *d = import_desc(I);
    long n = split(g, a, b, "=", x, GIFT_MAX_ANSWERS);
    struct qnode *acc = NULL, *rej = NULL;
    int contain, cased, accents;

    if (n < 0)
        return import_refuse(I, g->off[a], "more than %d answers", GIFT_MAX_ANSWERS);
    if (n < 1)
        return import_refuse(I, g->off[a], "a short-answer question needs an answer");
    contain = switch_value(I, m->containment, m->containment_at, "containment");
    cased = switch_value(I, m->case_sensitive, m->case_sensitive_at, "case_sensitive");
    accents = switch_value(I, m->accents_required, m->accents_required_at, "accents_required");
    if (contain == -2 || cased == -2 || accents == -2)
        return -1;
    if (m->kind && strcmp(m->kind, "name") != 0 && strcmp(m->kind, "text") != 0)
        return import_refuse(I, m->kind_at, "'[kind:%s]': expected text or name", m->kind);
    if (m->typos && strcmp(m->typos, "auto") != 0 &&
        (strlen(m->typos) != 1 || m->typos[0] < '0' || m->typos[0] > '3'))
        return import_refuse(I, m->typos_at, "'[typos:%s]': expected 0, 1, 2, 3 or auto", m->typos);
    qdesc_add_string(d, q, "type", "short", import_at(g->off[a]));
    for (long k = 0; k < n; k++) {
        char *t;
        if (weight(I, g, &x[k]) < 0)
            return -1;
        if (!x[k].has_weight)
            x[k].weight = 100;
        feedback(g, &x[k]);
        *nfb += x[k].fa < x[k].fb;
        if (!(t = text(I, g, x[k].a, x[k].b, F_MOODLE)))
            return -1;
        if (full(x[k].weight)) {
            if (!acc)
                acc = qdesc_add(d, q, "accept", QNODE_ARRAY, import_at(at_of(g, x[k].a)));
            qdesc_add_string(d, acc, NULL, t, import_at(at_of(g, x[k].a)));
        } else if (x[k].weight > 1e-9) {
            import_note(I, at_of(g, x[k].a),
                        "answer '%s' is worth %g%% in Moodle and nothing here: a short answer is "
                        "right or wrong",
                        t, x[k].weight);
        } else if (strspn(t, "*") == strlen(t)) {
            /* Moodle's "anything else" answer, there for its feedback: grades as nothing */
        } else if (strchr(t, '*')) {
            import_note(I, at_of(g, x[k].a),
                        "the wrong answer '%s' is not kept: a known wrong answer here is "
                        "matched as words, without '*'",
                        t);
        } else {
            if (x[k].weight < -1e-9)
                import_note(I, at_of(g, x[k].a),
                            "answer '%s' is worth %g%% in Moodle; here it is a known wrong "
                            "answer, worth nothing (a score is never below 0)",
                            t, x[k].weight);
            if (!rej)
                rej = qdesc_add(d, q, "reject", QNODE_ARRAY, import_at(at_of(g, x[k].a)));
            qdesc_add_string(d, rej, NULL, t, import_at(at_of(g, x[k].a)));
        }
    }
    if (!acc)
        return import_refuse(I, g->off[a], "no answer is worth 100%%: a short answer needs one");
    /* Moodle allows no typos; a [typos:N] or [typos:auto] comment (proctor's export) says */
    if (!m->typos || strcmp(m->typos, "auto") != 0)
        qdesc_add_number(d, q, "typos", m->typos ? strtod(m->typos, NULL) : 0,
                         import_at(g->off[a]));
    if (m->kind && strcmp(m->kind, "name") == 0)
        qdesc_add_string(d, q, "kind", "name", import_at(m->kind_at));
    if (cased == 1)
        qdesc_add_bool(d, q, "case_sensitive", 1, import_at(m->case_sensitive_at));
    if (accents == 1)
        qdesc_add_bool(d, q, "accents_required", 1, import_at(m->accents_required_at));
    /* Moodle compares the whole response; proctor's default finds the answer inside it */
    if (contain != 1)
        qdesc_add_bool(d, q, "containment", 0,
                       import_at(m->containment ? m->containment_at : g->off[a]));
    return 0;
}

/* A number as PHP's is_numeric reads it (white space around, sign, decimals, exponent). */
static int
number(const char *s, double *out)
{
    const char *p = s;
    char *end;

    while (*p && is_ws(*p))
        p++;
    if (!*p || !(isdigit((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+'))
        return -1;
    for (const char *c = p; *c; c++)
        if (*c == 'x' || *c == 'X' || *c == 'n' || *c == 'N' || *c == 'i' || *c == 'I' ||
            *c == 'p' || *c == 'P')
            return -1;
    *out = strtod(p, &end);
    while (*end && is_ws(*end))
        end++;
    return *end || end == p || !isfinite(*out) ? -1 : 0;
}

/* x in thousandths when it has at most three decimals. */
static int
exact_milli(double x, double *m)
{
    double r;

    if (fabs(x) > 9e12)
        return 0;
    r = round(x * 1000);
    *m = r;
    return fabs(x * 1000 - r) <= 1e-9 * fmax(1, fabs(r));
}

/* Numerical: {#answer}, {#answer:tolerance}, {#min..max}, several "=" answers with weights. */
static int
numerical(struct importer *I, const struct gblock *g, struct qnode *q, size_t a, size_t b,
          enum gformat f, size_t *nfb)
{
    struct answer x[GIFT_MAX_ANSWERS];
    struct qdesc *d = import_desc(I);
    long tilde = find(g, a + 1, b, "~"), n, use = -1;
    double ans = 0, tol = 0, lo = 0, hi = 0, m1, m2;
    int is_range = 0;

    (void)f;
    if (tilde >= 0) {
        *nfb += 1;
        b = (size_t)tilde;
    }
    n = split(g, a + 1, b, "=", x, GIFT_MAX_ANSWERS);
    if (n < 0)
        return import_refuse(I, g->off[a], "more than %d answers", GIFT_MAX_ANSWERS);
    if (n < 1)
        return import_refuse(I, g->off[a], "a numerical question needs an answer after '#'");
    for (long k = 0; k < n; k++) {
        char *t, *mk;
        double v, w;
        if (weight(I, g, &x[k]) < 0)
            return -1;
        if (!x[k].has_weight)
            x[k].weight = 100;
        feedback(g, &x[k]);
        *nfb += x[k].fa < x[k].fb;
        if (!(t = text(I, g, x[k].a, x[k].b, F_MOODLE)))
            return -1;
        if (!full(x[k].weight)) {
            if (x[k].weight > 1e-9 || x[k].weight < -1e-9)
                import_note(I, at_of(g, x[k].a),
                            "answer '%s' is worth %g%% in Moodle and nothing here: a numeric "
                            "answer is right or wrong",
                            t, x[k].weight);
            continue;
        }
        if (use >= 0) {
            import_note(I, at_of(g, x[k].a),
                        "a second right answer '%s' is not kept: a numeric question has one", t);
            continue;
        }
        use = k;
        if ((mk = strstr(t + (*t != 0), "..")) != NULL) {
            *mk = '\0';
            if (number(t, &v) < 0 || number(mk + 2, &w) < 0)
                return import_refuse(I, at_of(g, x[k].a), "the range '%s..%s' is not two numbers",
                                     t, mk + 2);
            if (v > w)
                return import_refuse(I, at_of(g, x[k].a), "the range '%s..%s' starts above its end",
                                     t, mk + 2);
            lo = v, hi = w, is_range = 1;
        } else {
            if ((mk = strchr(t + (*t != 0), ':')) != NULL) {
                *mk = '\0';
                if (number(mk + 1, &tol) < 0)
                    return import_refuse(I, at_of(g, x[k].a), "the tolerance '%s' is not a number",
                                         mk + 1);
            }
            if (number(t, &ans) < 0)
                return import_refuse(I, at_of(g, x[k].a),
                                     "the answer '%s' is not a number (Moodle reads it as '*', "
                                     "which takes every answer as right)",
                                     t);
            tol = fabs(tol);
            lo = ans - tol, hi = ans + tol;
        }
    }
    if (use < 0)
        return import_refuse(I, g->off[a],
                             "no answer is worth 100%%: a numeric question needs one");
    qdesc_add_string(d, q, "type", "numeric", import_at(g->off[a]));
    if (!is_range && exact_milli(ans, &m1) && exact_milli(tol, &m2)) {
        qdesc_add_number(d, q, "answer", m1 / 1000, import_at(at_of(g, x[use].a)));
        if (m2 > 0)
            qdesc_add_number(d, q, "tolerance", m2 / 1000, import_at(at_of(g, x[use].a)));
        return 0;
    }
    if (fabs(lo) > 9e12 || fabs(hi) > 9e12)
        return import_refuse(I, at_of(g, x[use].a), "a number too large for a question");
    m1 = ceil(lo * 1000 - 1e-9 * fmax(1, fabs(lo * 1000)));
    m2 = floor(hi * 1000 + 1e-9 * fmax(1, fabs(hi * 1000)));
    if (m1 > m2)
        return import_refuse(I, at_of(g, x[use].a),
                             "no number of three decimals lies between %g and %g", lo, hi);
    if (fabs(m1 - lo * 1000) > 1e-9 * fmax(1, fabs(m1)) ||
        fabs(m2 - hi * 1000) > 1e-9 * fmax(1, fabs(m2)))
        import_note(I, at_of(g, x[use].a),
                    "the answers from %g to %g are kept as %g to %g (numbers here have at most "
                    "three decimals)",
                    lo, hi, m1 / 1000, m2 / 1000);
    struct qnode *r = qdesc_add(d, q, "range", QNODE_ARRAY, import_at(at_of(g, x[use].a)));
    qdesc_add_number(d, r, NULL, m1 / 1000, import_at(at_of(g, x[use].a)));
    qdesc_add_number(d, r, NULL, m2 / 1000, import_at(at_of(g, x[use].a)));
    return 0;
}

/* ---- questions ---- */

/* "\]" as "]", in place. */
static void
unescape_bracket(char *s)
{
    char *w = s;

    for (const char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == ']')
            r++;
        *w++ = *r;
    }
    *w = '\0';
}

/* Reads the comments' [id:x] [tag:x] [source:doc] "quote" [nth:N] [difficulty:N] [level:x]
 * [points:N] [typos:N] and a short answer's switches ([containment:on] ...). */
static void
comment(struct importer *I, const char *text, size_t a, size_t b, struct import_meta *m)
{
    while (a < b && is_ws(text[a]))
        a++;
    if (b - a >= 7 && memcmp(text + a, "rubric:", 7) == 0) {
        char *r = import_str(I, text + a + 7, b - a - 7);
        if (r) {
            fold(r);
            m->rubric = r;
        }
        return;
    }
    for (size_t i = a; i < b; i++) {
        static const char *const keys[] = {"[id:",
                                           "[tag:",
                                           "[source:",
                                           "[nth:",
                                           "[difficulty:",
                                           "[level:",
                                           "[points:",
                                           "[typos:",
                                           "[containment:",
                                           "[case_sensitive:",
                                           "[accents_required:",
                                           "[kind:"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            size_t kl = strlen(keys[k]);
            const char *v, *e;
            char *s;
            if (b - i < kl || memcmp(text + i, keys[k], kl) != 0)
                continue;
            v = text + i + kl;
            /* the value ends at the first ']' that is not written '\]' (Moodle's escape) */
            for (e = v; e < text + b && (*e != ']' || (e > v && e[-1] == '\\')); e++)
                ;
            if (e == text + b)
                break;
            if (!(s = import_str(I, v, (size_t)(e - v))))
                return;
            unescape_bracket(s);
            fold(s);
            switch (k) {
            case 0:
                if (!m->id)
                    m->id = s, m->id_at = i;
                break;
            case 1:
                if (m->ntags < IMPORT_MAX_TAGS)
                    m->tags[m->ntags++] = s;
                break;
            case 2: {
                const char *q1 = memchr(e, '"', (size_t)(text + b - e)), *q2 = NULL;
                for (const char *p = text + b; q1 && p > q1 + 1; p--)
                    if (p[-1] == '"') {
                        q2 = p - 1;
                        break;
                    }
                m->src_doc = s;
                m->src_at = i;
                m->src_quote = q1 && q2 ? import_str(I, q1 + 1, (size_t)(q2 - q1 - 1)) : NULL;
                break;
            }
            case 3: m->nth = strtol(s, NULL, 10); break;
            case 4:
                m->difficulty = strtol(s, NULL, 10);
                m->meta_at = i;
                break;
            case 5:
                m->level = s;
                m->meta_at = i;
                break;
            case 6:
                m->points = s;
                m->meta_at = i;
                break;
            case 7: m->typos = s, m->typos_at = i; break;
            case 8: m->containment = s, m->containment_at = i; break;
            case 9: m->case_sensitive = s, m->case_sensitive_at = i; break;
            case 10: m->accents_required = s, m->accents_required_at = i; break;
            default: m->kind = s, m->kind_at = i; break;
            }
            i = (size_t)(e - text);
            break;
        }
    }
}

/* The passage proctor's export appends to the general feedback ('Passage (TITLE): "QUOTE"'),
 * taken off again when the source comment names the same passage. */
static void
strip_passage(struct importer *I, struct import_meta *m)
{
    const char *title = m->src_doc ? import_doc_title(I, m->src_doc) : NULL;
    struct sbuf sb = {0};
    char *want;
    size_t n, w;

    if (title && m->src_quote) {
        sbuf_str(&sb, "Passage (");
        sbuf_str(&sb, title);
        sbuf_str(&sb, "): \"");
        sbuf_str(&sb, m->src_quote);
        sbuf_char(&sb, '"');
        if ((want = sbuf_finish(&sb)) != NULL) {
            fold(want);
            n = strlen(m->explain), w = strlen(want);
            if (n >= w && strcmp(m->explain + n - w, want) == 0 &&
                (n == w || m->explain[n - w - 1] == ' '))
                ((char *)m->explain)[n == w ? 0 : n - w - 1] = '\0';
            free(want);
        }
    }
    if (!*m->explain)
        m->explain = NULL;
}

static int
is_tf(const struct gblock *g, size_t a, size_t b, int *truth)
{
    static const char *const words[] = {"T", "TRUE", "F", "FALSE"};
    long h = find(g, a, b, "#");

    if (h > (long)a)
        b = (size_t)h;
    trim(g, &a, &b);
    for (size_t k = 0; k < 4; k++)
        if (b - a == strlen(words[k]) && memcmp(g->c + a, words[k], b - a) == 0) {
            *truth = k < 2;
            return 1;
        }
    return 0;
}

struct gift {
    struct importer *I;
    const char *text;
    char *category;
    size_t category_at;
};

/* One question: the block's characters [0, g->n), its comments' meta m. */
static int
question(struct gift *G, struct gblock *g, struct import_meta *m)
{
    struct importer *I = G->I;
    struct qdesc *d = import_desc(I);
    size_t a = 0, b = g->n, aa, ab, nfb = 0;
    long s, e, gf;
    enum gformat f = F_MOODLE;
    char *title, *prompt;
    struct qnode *q;
    int truth;

    trim(g, &a, &b);
    if (a == b)
        return 0;
    if (b - a >= 10 && memcmp(g->c + a, "$CATEGORY:", 10) == 0) {
        size_t ca = a + 10, cb = b;
        const char *c;
        trim(g, &ca, &cb);
        free(G->category);
        G->category = NULL;
        /* "$course$/top/Week 1" is the tag week-1: the context and "top" are Moodle's */
        while (ca < cb && g->c[ca] == '$') {
            long slash = find(g, ca, cb, "/");
            if (slash < 0)
                break;
            ca = (size_t)slash + 1;
        }
        if (cb - ca >= 3 && memcmp(g->c + ca, "top", 3) == 0 &&
            (cb - ca == 3 || g->c[ca + 3] == '/'))
            ca += cb - ca == 3 ? 3 : 4;
        c = g->c + ca;
        if (!(G->category = strndup(c, cb - ca)))
            return PROCTOR_ENOMEM;
        G->category_at = g->off[a];
        import_stats(I)->categories++;
        return 0;
    }
    if (b - a >= 2 && ctl(g, a, ':') && ctl(g, a + 1, ':')) {
        long t;
        a += 2;
        if ((t = find(g, a, b, "::")) >= 0) {
            size_t ta = a, tb = (size_t)t;
            trim(g, &ta, &tb);
            if (!(title = import_str(I, g->c + ta, tb - ta)))
                return PROCTOR_ENOMEM;
            if (!m->id)
                m->id = title, m->id_at = at_of(g, ta);
            a = (size_t)t + 2;
            trim(g, &a, &b);
        }
    }
    if (G->category && m->ntags < IMPORT_MAX_TAGS) {
        memmove(m->tags + 1, m->tags, m->ntags * sizeof *m->tags);
        m->tags[0] = G->category;
        m->ntags++;
    }
    m->tags_at = g->off[a < g->n ? a : 0];
    if (!m->meta_at)
        m->meta_at = m->tags_at;
    if (!m->src_at)
        m->src_at = m->tags_at;
    if (!(q = import_begin(I, m, at_of(g, a))))
        return PROCTOR_ENOMEM;
    s = find(g, a, b, "{");
    e = find(g, a, b, "}");
    if (s < 0 && e < 0) {
        import_stats(I)->descriptions++;
        import_note(I, at_of(g, a),
                    "a description (text without answers) is not a question to "
                    "ask: not imported");
        import_drop(I);
        return 0;
    }
    if (s < 0)
        import_refuse(I, g->off[e], "'}' without the '{' that opens the answers");
    else if (e < 0)
        import_refuse(I, g->off[s], "'{' without the '}' that closes the answers");
    else if (e < s)
        import_refuse(I, g->off[e], "'}' before the '{' that opens the answers");
    if (s < 0 || e < s)
        return import_end(I, q, m);
    aa = (size_t)s + 1;
    ab = (size_t)e;
    trim(g, &aa, &ab);
    /* the answers at the end are taken out; elsewhere they leave a blank (missing word) */
    prompt = text2(I, g, a, (size_t)s, ctl(g, b - 1, '}') ? "" : "_____", (size_t)e + 1, b, &f);
    if (!prompt)
        return PROCTOR_ENOMEM;
    if ((gf = rfind(g, aa, ab, "####")) >= 0) {
        if (!(m->explain = text(I, g, (size_t)gf + 4, ab, f)))
            return PROCTOR_ENOMEM;
        m->explain_at = at_of(g, (size_t)gf + 4);
        strip_passage(I, m);
        ab = (size_t)gf;
        trim(g, &aa, &ab);
    }
    qdesc_add_string(d, q, "prompt", prompt, import_at(at_of(g, a)));
    if (aa == ab) {
        qdesc_add_string(d, q, "type", "essay", import_at(g->off[s]));
        /* the rubric: from a "rubric:" comment (as proctor exports it), else the general
         * feedback */
        qdesc_add_string(d, q, "rubric",
                         m->rubric ? m->rubric
                         : m->explain
                             ? m->explain
                             : "(imported from GIFT without a rubric: mark as you see fit)",
                         import_at(g->off[s]));
        if (!m->rubric)
            m->explain = NULL;
    } else if (ctl(g, aa, '#')) {
        numerical(I, g, q, aa, ab, f, &nfb);
    } else if (find(g, aa, ab, "~") >= 0) {
        multichoice(I, g, q, aa, ab, f, &nfb);
    } else if (find(g, aa, ab, "=") >= 0 && find(g, aa, ab, "->") >= 0) {
        matching(I, g, q, aa, ab, f);
    } else if (is_tf(g, aa, ab, &truth)) {
        long h = find(g, aa, ab, "#");
        qdesc_add_string(d, q, "type", "truefalse", import_at(g->off[aa]));
        qdesc_add_bool(d, q, "answer", truth, import_at(g->off[aa]));
        if (h >= 0) {
            long h2 = find(g, (size_t)h + 1, ab, "#");
            nfb += 1 + (h2 >= 0);
        }
    } else {
        shortanswer(I, g, q, aa, ab, m, &nfb);
    }
    import_stats(I)->feedback += nfb;
    return import_end(I, q, m);
}

int
gift_read(struct importer *I, const char *text, size_t len)
{
    struct gift G = {I, text, NULL, 0};
    struct gblock g = {0};
    struct import_meta m;
    size_t i = 0;
    int rc = 0, lines = 0;

    memset(&m, 0, sizeof m);
    while (rc == 0 && i <= len) {
        size_t ls = i, le = i, ta, tb;
        while (le < len && text[le] != '\n' && text[le] != '\r')
            le++;
        i = le + (le < len && text[le] == '\r' && le + 1 < len && text[le + 1] == '\n' ? 2 : 1);
        ta = ls, tb = le;
        while (ta < tb && is_ws(text[ta]))
            ta++;
        while (tb > ta && is_ws(text[tb - 1]))
            tb--;
        if (ta == tb) {
            if (lines) {
                rc = question(&G, &g, &m);
                if (g.oom)
                    rc = PROCTOR_ENOMEM;
            }
            g.n = 0;
            lines = 0;
            memset(&m, 0, sizeof m);
            if (le >= len)
                break;
            continue;
        }
        if (!lines)
            g.at = ta;
        if (lines++)
            push(&g, '\n', 0, ls ? ls - 1 : 0);
        if (tb - ta >= 2 && text[ta] == '/' && text[ta + 1] == '/') {
            comment(I, text, ta + 2, tb, &m);
            push(&g, ' ', 0, ta);
            continue;
        }
        for (size_t k = ta; k < tb; k++) {
            if (text[k] == '\\' && k + 1 < tb && strchr("\\:#={}~n", text[k + 1])) {
                push(&g, text[k + 1] == 'n' ? '\n' : text[k + 1], 1, k);
                k++;
            } else {
                push(&g, text[k], 0, k);
            }
        }
    }
    free(g.c);
    free(g.esc);
    free(g.off);
    free(G.category);
    return g.oom ? PROCTOR_ENOMEM : rc;
}
