/* SPDX-License-Identifier: ISC */
/* tokens.c - typed text as words, for matching answers (see tokens.h). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "sbuf.h"
#include "tokens.h"

#define TOKENS_MAX_BYTES 65536

/* A code point of the text after folding, with where its original was typed. */
struct fcp {
    utf8proc_int32_t c;
    size_t start, end; /* bytes of the original code point */
    unsigned char upper, lower;
};

enum cls { C_LETTER, C_DIGIT, C_APOS, C_SPACE, C_PUNCT };

static enum cls
classify(utf8proc_int32_t c)
{
    utf8proc_category_t cat;

    if (c >= '0' && c <= '9')
        return C_DIGIT;
    if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC)
        return C_APOS;
    cat = utf8proc_category(c);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
        return C_LETTER; /* letters, marks kept, other digits */
    if (cat == UTF8PROC_CATEGORY_ZS || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
        c == '\f')
        return C_SPACE;
    return C_PUNCT;
}

static int
is_letter(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);

    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static int
is_hyphen(utf8proc_int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2212;
}

static int
is_dash(utf8proc_int32_t c)
{
    return c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

/* The folded text as code points, each with its original's place and case. */
static struct fcp *
fold_text(const char *text, unsigned fold, size_t *nout)
{
    size_t len = strlen(text), i = 0, n = 0, cap = len + 16;
    struct fcp *f = malloc(cap * sizeof *f);
    int opts = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE;

    if (!f)
        return NULL;
    if (!(fold & TOKENS_KEEP_CASE))
        opts |= UTF8PROC_CASEFOLD;
    if (!(fold & TOKENS_KEEP_ACCENTS))
        opts |= UTF8PROC_STRIPMARK;
    while (i < len) {
        utf8proc_int32_t c, d[32];
        utf8proc_ssize_t step, k;
        utf8proc_category_t cat;
        int bc = 0;

        step = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i),
                                &c);
        if (step <= 0 || (c >= 0xD800 && c <= 0xDFFF))
            goto bad;
        k = utf8proc_decompose_char(c, d, 32, (utf8proc_option_t)opts, &bc);
        if (k < 0 || k > 32)
            goto bad;
        cat = utf8proc_category(c);
        for (utf8proc_ssize_t j = 0; j < k; j++) {
            if (n == cap) {
                struct fcp *g;
                cap *= 2;
                if (!(g = realloc(f, cap * sizeof *f)))
                    goto bad;
                f = g;
            }
            f[n].c = d[j];
            f[n].start = i;
            f[n].end = i + (size_t)step;
            f[n].upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            f[n].lower = cat == UTF8PROC_CATEGORY_LL;
            n++;
        }
        i += (size_t)step;
    }
    *nout = n;
    return f;
bad:
    free(f);
    return NULL;
}

/* A word being built: its folded text and its key. */
struct wip {
    struct sbuf w, key;
    size_t start, end, letters, upper, lower;
    unsigned flags, sep;
};

struct build {
    struct token *t;
    size_t n, cap;
    struct sbuf arena;
    size_t *woff, *koff;
    int failed;
};

static void
add_token(struct build *B, struct wip *x)
{
    if (B->failed)
        return;
    if (B->n == TOKENS_MAX) {
        B->failed = 1;
        return;
    }
    if (B->n == B->cap) {
        size_t cap = B->cap ? B->cap * 2 : 16;
        struct token *t = realloc(B->t, cap * sizeof *t);
        size_t *wo = realloc(B->woff, cap * sizeof *wo), *ko;
        if (t)
            B->t = t;
        if (wo)
            B->woff = wo;
        ko = realloc(B->koff, cap * sizeof *ko);
        if (ko)
            B->koff = ko;
        if (!t || !wo || !ko) {
            B->failed = 1;
            return;
        }
        B->cap = cap;
    }
    B->woff[B->n] = B->arena.len;
    sbuf_put(&B->arena, x->w.s ? x->w.s : "", x->w.len);
    sbuf_char(&B->arena, '\0');
    B->koff[B->n] = B->arena.len;
    sbuf_put(&B->arena, x->key.s ? x->key.s : "", x->key.len);
    sbuf_char(&B->arena, '\0');
    B->t[B->n] = (struct token){NULL, NULL, x->w.len, x->letters, x->flags, x->sep, x->start,
                                x->end, -1};
    if (x->letters >= 2 && x->lower == 0 && x->upper >= 2)
        B->t[B->n].flags |= TOK_UPPER;
    B->n++;
    if (B->arena.failed)
        B->failed = 1;
}

static void
wip_reset(struct wip *x)
{
    free(x->w.s);
    free(x->key.s);
    memset(x, 0, sizeof *x);
}

/* The key of c: lower case, no marks (c is already folded as asked). */
static void
key_cp(struct sbuf *b, utf8proc_int32_t c)
{
    utf8proc_int32_t d[32];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        c, d, 32,
        (utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                            UTF8PROC_STRIPMARK | UTF8PROC_IGNORE),
        &bc);

    for (utf8proc_ssize_t j = 0; j >= 0 && j < k && k <= 32; j++)
        sbuf_cp(b, d[j]);
}

/* Reads a number at f[i] (an ASCII digit): thousands groups joined, a decimal part kept. */
static size_t
read_number(const struct fcp *f, size_t n, size_t i, struct wip *x)
{
    size_t j = i, lead, k;
    int grouped = 0;

#define DIG(p) ((p) < n && f[(p)].c >= '0' && f[(p)].c <= '9')
    while (DIG(j))
        sbuf_char(&x->w, (char)f[j++].c);
    lead = j - i;
    /* thousands groups: ',' or a space, then exactly three digits */
    while (lead <= 3 && j + 3 < n + 0 && (f[j].c == ',' || classify(f[j].c) == C_SPACE) &&
           DIG(j + 1) && DIG(j + 2) && DIG(j + 3) && !DIG(j + 4)) {
        for (k = j + 1; k < j + 4; k++)
            sbuf_char(&x->w, (char)f[k].c);
        j += 4;
        grouped = 1;
    }
    if (lead <= 3 && !grouped && j < n && f[j].c == '.' && DIG(j + 1) && DIG(j + 2) &&
        DIG(j + 3) && !DIG(j + 4) && j + 4 < n && f[j + 4].c == '.' && DIG(j + 5) &&
        DIG(j + 6) && DIG(j + 7) && !DIG(j + 8)) {
        /* "1.700.000": dots between groups of three */
        while (j + 3 < n && f[j].c == '.' && DIG(j + 1) && DIG(j + 2) && DIG(j + 3) &&
               !DIG(j + 4)) {
            for (k = j + 1; k < j + 4; k++)
                sbuf_char(&x->w, (char)f[k].c);
            j += 4;
        }
        x->flags |= TOK_DOTS;
    } else if (j + 1 < n && f[j].c == '.' && DIG(j + 1)) {
        size_t d0 = j + 1;
        sbuf_char(&x->w, '.');
        for (j++; DIG(j); j++)
            sbuf_char(&x->w, (char)f[j].c);
        if (j - d0 == 3 && lead <= 3 && !grouped && f[i].c != '0')
            x->flags |= TOK_DOT3;
    } else if (j + 1 < n && f[j].c == ',' && DIG(j + 1)) {
        x->flags |= TOK_COMMA_DEC; /* "2,5", "12,34": not a thousands group */
    }
#undef DIG
    if (x->w.failed)
        x->key.failed = 1; /* an allocation failed: the key is not whole */
    else
        sbuf_put(&x->key, x->w.s, x->w.len);
    x->flags |= TOK_NUMBER;
    return j;
}

/* The separators in the gap f[from, to) as SEP_* bits. */
static unsigned
gap_bits(const struct fcp *f, size_t from, size_t to, size_t n)
{
    unsigned s = 0;

    for (size_t k = from; k < to; k++) {
        utf8proc_int32_t c = f[k].c;
        enum cls cl = classify(c);

        if (cl == C_SPACE)
            s |= SEP_SPACE;
        else if (is_hyphen(c))
            s |= SEP_HYPHEN;
        else if (is_dash(c))
            s |= (k > 0 && classify(f[k - 1].c) == C_SPACE) ||
                         (k + 1 < n && classify(f[k + 1].c) == C_SPACE)
                     ? SEP_STOP
                     : SEP_HYPHEN;
        else if (c == '/')
            s |= SEP_SLASH;
        else if (c == ',')
            s |= SEP_COMMA;
        else if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == 0x2026)
            s |= SEP_STOP;
        else if (c == '(' || c == '[' || c == '{')
            s |= SEP_OPEN;
        else if (c == ')' || c == ']' || c == '}')
            s |= SEP_CLOSE;
        else if (c == '&')
            s |= SEP_AMP;
        else if (c == '+')
            s |= SEP_PLUS;
        else
            s |= SEP_OTHER;
    }
    return s;
}

/*
 * Joins runs of single letters into one word: each letter but the last followed by '.', or
 * '/', (or ".-" as in "J.-R."), or every letter a capital with one space or hyphen between
 * ("F A R", "F-A-R").
 */
static void
join_initials(const char *text, struct tokens *tk)
{
    size_t i = 0, out = 0;

    while (i < tk->n) {
        size_t j = i + 1, k;
        struct token *a = &tk->t[i];

        if (a->letters == 1 && a->len > 0 && !(a->flags & TOK_NUMBER)) {
            int caps = (a->flags & TOK_CAPITAL) != 0;
            while (j < tk->n && tk->t[j].letters == 1 && !(tk->t[j].flags & TOK_NUMBER) &&
                   tk->t[j].len > 0) {
                const char *g = text + tk->t[j - 1].end;
                size_t glen = tk->t[j].start - tk->t[j - 1].end;
                int dotted = (glen == 1 && (g[0] == '.' || g[0] == '/')) ||
                             (glen == 2 && g[0] == '.' && (g[1] == ' ' || g[1] == '-')) ||
                             (glen == 3 && g[0] == '.' && g[1] == '-' && g[2] == ' ');
                int spaced = glen == 1 && (g[0] == ' ' || g[0] == '-') && caps &&
                             (tk->t[j].flags & TOK_CAPITAL);
                if (!dotted && !spaced)
                    break;
                caps = caps && (tk->t[j].flags & TOK_CAPITAL);
                j++;
            }
        }
        if (j - i >= 2) {
            /* the letters are one byte each after folding (ASCII), or the run is kept */
            int ascii = 1;
            for (k = i; k < j; k++)
                ascii = ascii && tk->t[k].len == 1 && strlen(tk->t[k].key) == 1;
            if (ascii) {
                char *w = (char *)tk->t[i].w, *key = (char *)tk->t[i].key;
                /* the first word's arena slot holds one byte and a NUL: write the joined
                 * letters in the slots of the words joined (each two bytes), which follow */
                char buf[TOKENS_MAX + 1], kbuf[TOKENS_MAX + 1];
                size_t m = 0;
                for (k = i; k < j && m < TOKENS_MAX; k++, m++) {
                    buf[m] = tk->t[k].w[0];
                    kbuf[m] = tk->t[k].key[0];
                }
                buf[m] = kbuf[m] = '\0';
                /* the slots of words i..j-1 are consecutive: 4 bytes each (w, NUL, key, NUL) */
                memcpy(w, buf, m + 1);
                key = w + m + 1;
                memcpy(key, kbuf, m + 1);
                tk->t[out] = tk->t[i];
                tk->t[out].w = w;
                tk->t[out].key = key;
                tk->t[out].len = m;
                tk->t[out].letters = m;
                tk->t[out].end = tk->t[j - 1].end;
                tk->t[out].flags = (tk->t[i].flags & (TOK_PAREN | TOK_CAPITAL)) | TOK_ACRONYM |
                                   (tk->t[j - 1].flags & TOK_DOT);
                out++;
                i = j;
                continue;
            }
        }
        tk->t[out++] = tk->t[i++];
    }
    tk->n = out;
}

int
tokens_split(const char *text, unsigned fold, struct tokens *out)
{
    struct fcp *f = NULL;
    size_t n = 0, i = 0, last_end = 0, depth = 0;
    struct build B = {0};
    struct wip x = {0};
    int have_prev = 0;

    memset(out, 0, sizeof *out);
    if (!text || strlen(text) > TOKENS_MAX_BYTES || !(f = fold_text(text, fold, &n)))
        return -1;
    while (i < n && !B.failed) {
        enum cls cl = classify(f[i].c);
        unsigned sep;

        if (cl != C_LETTER && cl != C_DIGIT) {
            if (f[i].c == '(' || f[i].c == '[' || f[i].c == '{')
                depth++;
            else if ((f[i].c == ')' || f[i].c == ']' || f[i].c == '}') && depth > 0)
                depth--;
            i++;
            continue;
        }
        sep = have_prev ? gap_bits(f, last_end, i, n) : 0; /* the gap since the last word */
        wip_reset(&x);
        x.sep = sep;
        x.start = f[i].start;
        if (depth > 0)
            x.flags |= TOK_PAREN;
        if (cl == C_DIGIT) {
            i = read_number(f, n, i, &x);
        } else {
            if (f[i].upper)
                x.flags |= TOK_CAPITAL;
            while (i < n) {
                cl = classify(f[i].c);
                if (cl == C_APOS && i > 0 && is_letter(f[i - 1].c) && i + 1 < n &&
                    is_letter(f[i + 1].c)) {
                    /* "Rwanda's": dropped; "wasn't", "O'Brien": joined */
                    if ((f[i + 1].c == 's' || f[i + 1].c == 'S') &&
                        (i + 2 >= n || !is_letter(f[i + 2].c))) {
                        i += 2;
                        break;
                    }
                    i++;
                    continue;
                }
                if (cl != C_LETTER)
                    break;
                sbuf_cp(&x.w, f[i].c);
                key_cp(&x.key, f[i].c);
                if (is_letter(f[i].c))
                    x.letters++;
                x.upper += f[i].upper;
                x.lower += f[i].lower;
                i++;
            }
        }
        x.end = f[i - 1].end;
        if (i < n && f[i].c == '.')
            x.flags |= TOK_DOT;
        if (x.w.failed || x.key.failed) {
            B.failed = 1;
            break;
        }
        add_token(&B, &x);
        last_end = i;
        have_prev = 1;
    }
    wip_reset(&x);
    free(f);
    out->arena = sbuf_finish(&B.arena);
    if (B.failed || !out->arena) {
        free(out->arena);
        free(B.t);
        free(B.woff);
        free(B.koff);
        memset(out, 0, sizeof *out);
        return -1;
    }
    for (size_t k = 0; k < B.n; k++) {
        B.t[k].w = out->arena + B.woff[k];
        B.t[k].key = out->arena + B.koff[k];
    }
    free(B.woff);
    free(B.koff);
    out->t = B.t;
    out->n = B.n;
    join_initials(text, out);
    return 0;
}

void
tokens_release(struct tokens *tk)
{
    free(tk->t);
    free(tk->arena);
    memset(tk, 0, sizeof *tk);
}

/* ---- word lists ---- */

static int
in_list(const char *const *list, const char *key)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

int
tokens_is_stop(const char *key)
{
    static const char *const stop[] = {"the", "a", "an", "of", "for", "in", "to", "from",
                                       "at", "on", "by", "with", "into", "within", "and",
                                       "between", "among", "upon", "onto", "towards", NULL};
    return in_list(stop, key);
}

int
tokens_is_negation(const char *key)
{
    static const char *const neg[] = {"not", "no", "never", "neither", "nor", "none", "nothing",
                                      "isnt", "wasnt", "arent", "werent", "dont", "doesnt",
                                      "didnt", "cannot", "cant", "wont", "wouldnt", "hasnt",
                                      "havent", "hadnt", "couldnt", "shouldnt", "aint", "non",
                                      "except", "nobody", NULL};
    return in_list(neg, key);
}

int
tokens_is_or(const char *key)
{
    static const char *const ors[] = {"or", "nor", "vs", "versus", NULL};
    return in_list(ors, key);
}

int
tokens_is_filler(const char *key)
{
    static const char *const filler[] = {
        "i",       "think",  "guess",   "believe", "maybe",   "perhaps", "probably",
        "possibly", "surely", "sure",   "it",      "its",     "was",     "is",
        "were",    "are",    "be",      "been",    "he",      "she",     "they",
        "his",     "her",    "their",   "this",    "that",    "these",   "those",
        "there",   "here",   "so",      "yes",     "ok",      "okay",    "answer",
        "called",  "named",  "known",   "as",      "which",   "who",     "what",
        "um",      "uh",     "either",  "also",    "just",    "only",    "then",
        "well",    "would",  "say",     "says",    "said",    "according", "memo",
        "cable",   "summary", "document", "text",  "one",     "some",    "very",
        "pretty",  "quite",  "definitely", "certainly", "correct", "right", "all", NULL};
    return in_list(filler, key);
}

int
tokens_break_before(const struct tokens *tk, size_t i)
{
    if (i == 0 || i >= tk->n)
        return 0;
    if (tk->t[i].sep & SEP_BREAK)
        return 1;
    return strcmp(tk->t[i].key, "but") == 0 || strcmp(tk->t[i - 1].key, "but") == 0 ||
           strcmp(tk->t[i].key, "rather") == 0 || strcmp(tk->t[i].key, "instead") == 0;
}

int
tokens_uniform_case(const struct tokens *tk)
{
    int any_cap = 0, any_small = 0;

    for (size_t i = 0; i < tk->n; i++) {
        const struct token *t = &tk->t[i];
        if (t->flags & TOK_NUMBER)
            continue;
        if (t->flags & (TOK_UPPER | TOK_ACRONYM))
            any_cap = 1;
        else if (t->flags & TOK_CAPITAL)
            any_cap = any_small = 1; /* "Booh": a capital, then small letters */
        else
            any_small = 1;
    }
    return !(any_cap && any_small);
}
