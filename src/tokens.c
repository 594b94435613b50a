/* SPDX-License-Identifier: ISC */
/* tokens.c - typed text as words, for matching answers (see tokens.h). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tokens.h"

#define TOKENS_MAX_BYTES 65536

/* A code point of the text after folding, with where its original was typed, its case as
 * typed and its class (classify, is_letter), all found once when the text is folded. */
struct fcp {
    utf8proc_int32_t c;
    size_t start, end; /* bytes of the original code point */
    unsigned char upper, lower;
    unsigned char cls;    /* enum cls */
    unsigned char letter; /* is_letter(c) */
    unsigned char ascii;  /* c is ASCII and came through the ASCII path */
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

/*
 * An ASCII byte folded without utf8proc: what utf8proc_decompose_char, utf8proc_category,
 * classify and is_letter give for it (test-tokens compares this path with the general one on
 * every ASCII character, pair and triple of the characters that matter, and the answers):
 * one code point, A-Z folded to a-z unless the case is kept, letters A-Z and a-z, the white
 * space of classify, every other character punctuation.
 */
static void
fold_ascii(unsigned char b, unsigned fold, size_t at, struct fcp *f)
{
    int up = b >= 'A' && b <= 'Z', low = b >= 'a' && b <= 'z';

    f->c = up && !(fold & TOKENS_KEEP_CASE) ? b - 'A' + 'a' : b;
    f->start = at;
    f->end = at + 1;
    f->upper = (unsigned char)up;
    f->lower = (unsigned char)low;
    f->letter = (unsigned char)(up || low);
    f->cls = b >= '0' && b <= '9'                                    ? C_DIGIT
             : b == '\''                                              ? C_APOS
             : up || low                                              ? C_LETTER
             : b == ' ' || (b >= '\t' && b <= '\r') /* \t \n \v \f \r */ ? C_SPACE
                                                                      : C_PUNCT;
    f->ascii = 1;
}

/* The folded text as code points, each with its original's place, case and class: into buf
 * (nbuf of them) when it fits, else a malloc'd array; general: every character through
 * utf8proc, the ASCII ones too. */
static struct fcp *
fold_text(const char *text, size_t len, unsigned fold, int general, struct fcp *buf,
          size_t nbuf, size_t *nout)
{
    size_t i = 0, n = 0, cap = nbuf;
    struct fcp *f = buf;
    int opts = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE;

    if (len + 16 > nbuf) {
        cap = len + 16;
        if (!(f = malloc(cap * sizeof *f)))
            return NULL;
    }
    if (!(fold & TOKENS_KEEP_CASE))
        opts |= UTF8PROC_CASEFOLD;
    if (!(fold & TOKENS_KEEP_ACCENTS))
        opts |= UTF8PROC_STRIPMARK;
    while (i < len) {
        utf8proc_int32_t c, d[32];
        utf8proc_ssize_t step, k;
        utf8proc_category_t cat;
        int bc = 0;

        if (!general && !((unsigned char)text[i] & 0x80) && n < cap) {
            fold_ascii((unsigned char)text[i], fold, i, &f[n++]);
            i++;
            continue;
        }
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
                if (f == buf) {
                    if ((g = malloc(cap * sizeof *f)))
                        memcpy(g, f, n * sizeof *f);
                } else {
                    g = realloc(f, cap * sizeof *f);
                }
                if (!g)
                    goto bad;
                f = g;
            }
            f[n].c = d[j];
            f[n].start = i;
            f[n].end = i + (size_t)step;
            f[n].upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            f[n].lower = cat == UTF8PROC_CATEGORY_LL;
            f[n].cls = (unsigned char)classify(d[j]);
            f[n].letter = (unsigned char)is_letter(d[j]);
            f[n].ascii = 0;
            n++;
        }
        i += (size_t)step;
    }
    *nout = n;
    return f;
bad:
    if (f != buf)
        free(f);
    return NULL;
}

/*
 * A growable byte buffer that starts in storage of the caller's (on the stack) and moves to
 * the heap only when it outgrows it: a short answer's words cost no malloc. Always
 * NUL-terminated; failed (out of memory) stops further appends.
 */
struct lbuf {
    char *s;
    size_t len, cap;
    int failed, heap;
};

/*
 * A buffer that starts on the caller's stack moved to size bytes: realloc'd once it is on the
 * heap (*heap set), else its first used bytes copied into a new block. NULL when out of
 * memory (the buffer is then unchanged).
 */
static void *
grow(void *buf, size_t used, size_t size, int *heap)
{
    void *t;

    if (*heap)
        return realloc(buf, size);
    if ((t = malloc(size)) != NULL) {
        memcpy(t, buf, used);
        *heap = 1;
    }
    return t;
}

static void
lbuf_init(struct lbuf *b, char *store, size_t size)
{
    *b = (struct lbuf){store, 0, size, 0, 0};
    store[0] = '\0';
}

static void
lbuf_put(struct lbuf *b, const char *p, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap * 2;
        char *t;
        while (cap < b->len + n + 1)
            cap *= 2;
        if (!(t = grow(b->s, b->len + 1, cap, &b->heap))) {
            b->failed = 1;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* c appended to b, without a call while there is room */
static inline void
put_byte(struct lbuf *b, char c)
{
    if (b->len + 2 <= b->cap && !b->failed) {
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
    } else {
        lbuf_put(b, &c, 1);
    }
}

/* Code point c in UTF-8. */
static void
lbuf_cp(struct lbuf *b, utf8proc_int32_t c)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);

    lbuf_put(b, (const char *)tmp, (size_t)n);
}

static void
lbuf_free(struct lbuf *b)
{
    if (b->heap)
        free(b->s);
    b->s = NULL;
    b->heap = 0;
}

/* A word being built: its folded text and its key. */
struct wip {
    struct lbuf w, key;
    size_t start, end, letters, upper, lower;
    unsigned flags, sep;
};

/* The words found so far: tokens (their w and key pointers set at the end) and an arena of
 * each word's w, NUL, key, NUL, in order; on the stack until they outgrow it. */
#define BUILD_TOKENS 32
#define BUILD_BYTES 512

struct build {
    struct token *t;
    size_t n, cap;
    int t_heap;
    struct lbuf arena;
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
        size_t cap = B->cap * 2;
        struct token *t;
        if (!(t = grow(B->t, B->n * sizeof *t, cap * sizeof *t, &B->t_heap))) {
            B->failed = 1;
            return;
        }
        B->t = t;
        B->cap = cap;
    }
    /* w and key each with its NUL (an lbuf's text is NUL-terminated): tokens_split finds
     * them again by the lengths once the arena stops moving */
    lbuf_put(&B->arena, x->w.s, x->w.len + 1);
    lbuf_put(&B->arena, x->key.s, x->key.len + 1);
    B->t[B->n] = (struct token){NULL, NULL, x->w.len, x->letters, x->flags, x->sep, x->start,
                                x->end, -1};
    if (x->letters >= 2 && x->lower == 0 && x->upper >= 2)
        B->t[B->n].flags |= TOK_UPPER;
    B->n++;
    if (B->arena.failed)
        B->failed = 1;
}

/* x empty again, keeping its buffers for the next word */
static void
wip_reset(struct wip *x)
{
    struct lbuf w = x->w, key = x->key;

    memset(x, 0, sizeof *x);
    x->w = w;
    x->key = key;
    x->w.len = x->key.len = 0;
    x->w.s[0] = x->key.s[0] = '\0';
}

/* The key of f: lower case, no marks (f->c is already folded as asked). */
static void
key_cp(struct lbuf *b, const struct fcp *f)
{
    utf8proc_int32_t c = f->c, d[32];
    int bc = 0;
    utf8proc_ssize_t k;

    if (f->ascii) { /* what the mapping below gives an ASCII letter */
        put_byte(b, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        return;
    }
    k = utf8proc_decompose_char(
        c, d, 32,
        (utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                            UTF8PROC_STRIPMARK | UTF8PROC_IGNORE),
        &bc);

    for (utf8proc_ssize_t j = 0; j >= 0 && j < k && k <= 32; j++)
        lbuf_cp(b, d[j]);
}

/* Reads a number at f[i] (an ASCII digit): thousands groups joined, a decimal part kept. */
static size_t
read_number(const struct fcp *f, size_t n, size_t i, struct wip *x)
{
    size_t j = i, lead, k;
    int grouped = 0;

#define DIG(p) ((p) < n && f[(p)].c >= '0' && f[(p)].c <= '9')
    while (DIG(j))
        put_byte(&x->w, (char)f[j++].c);
    lead = j - i;
    /* thousands groups: ',' or a space, then exactly three digits */
    while (lead <= 3 && j + 3 < n + 0 && (f[j].c == ',' || f[j].cls == C_SPACE) &&
           DIG(j + 1) && DIG(j + 2) && DIG(j + 3) && !DIG(j + 4)) {
        for (k = j + 1; k < j + 4; k++)
            put_byte(&x->w, (char)f[k].c);
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
                put_byte(&x->w, (char)f[k].c);
            j += 4;
        }
        x->flags |= TOK_DOTS;
    } else if (j + 1 < n && f[j].c == '.' && DIG(j + 1)) {
        size_t d0 = j + 1;
        put_byte(&x->w, '.');
        for (j++; DIG(j); j++)
            put_byte(&x->w, (char)f[j].c);
        if (j - d0 == 3 && lead <= 3 && !grouped && f[i].c != '0')
            x->flags |= TOK_DOT3;
    } else if (j + 1 < n && f[j].c == ',' && DIG(j + 1)) {
        x->flags |= TOK_COMMA_DEC; /* "2,5", "12,34": not a thousands group */
    }
#undef DIG
    if (x->w.failed)
        x->key.failed = 1; /* an allocation failed: the key is not whole */
    else
        lbuf_put(&x->key, x->w.s, x->w.len);
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
        enum cls cl = (enum cls)f[k].cls;

        if (cl == C_SPACE)
            s |= SEP_SPACE;
        else if (is_hyphen(c))
            s |= SEP_HYPHEN;
        else if (is_dash(c))
            s |= (k > 0 && f[k - 1].cls == C_SPACE) || (k + 1 < n && f[k + 1].cls == C_SPACE)
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

/* The code points folded at once on the stack: a short answer's, a number's. */
#define FOLD_STACK 256

/*
 * The usual typed answer, one ASCII word or number and nothing else ("Okafor", "248"):
 * made into the one token split's loop makes of it (w folded as asked, the key in lower
 * case, a capital, all capitals, a number), without folding it character by character.
 * 1 when text is not such a word (split reads it then), else as split. test-tokens holds
 * split to tokens_split_general on every character, pair and triple, and random texts.
 */
static int
split_one_word(const char *text, size_t len, unsigned fold, struct tokens *out,
               struct token *ubuf, size_t usize)
{
    int digits = text[0] >= '0' && text[0] <= '9';
    size_t upper = 0, need = sizeof *out->t + 2 * (len + 1) + 1;
    char *w, *key;

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (digits ? c < '0' || c > '9' : (c | 0x20) < 'a' || (c | 0x20) > 'z')
            return 1;
        upper += c >= 'A' && c <= 'Z';
    }
    if (ubuf && need <= usize) {
        out->t = ubuf;
        out->in_caller = 1;
    } else if (!(out->t = malloc(need))) {
        return -1;
    }
    w = (char *)(out->t + 1);
    key = w + len + 1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i], low = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        w[i] = fold & TOKENS_KEEP_CASE ? c : low;
        key[i] = low;
    }
    w[len] = key[len] = key[len + 1] = '\0';
    out->t[0] = (struct token){w, key, len, digits ? 0 : len, digits ? TOK_NUMBER : 0, 0, 0,
                               len, -1};
    if (!digits && text[0] >= 'A' && text[0] <= 'Z')
        out->t[0].flags |= TOK_CAPITAL;
    if (!digits && len >= 2 && upper == len)
        out->t[0].flags |= TOK_UPPER;
    out->n = 1;
    return 0;
}

static int
split(const char *text, unsigned fold, int general, struct tokens *out, struct token *ubuf,
      size_t usize)
{
    struct fcp buf[FOLD_STACK], *f = NULL;
    struct token tbuf[BUILD_TOKENS];
    char abuf[BUILD_BYTES], wbuf[64], kbuf[64];
    size_t n = 0, i = 0, last_end = 0, depth = 0, len;
    struct build B = {tbuf, 0, BUILD_TOKENS, 0, {0}, 0};
    struct wip x = {0};
    int have_prev = 0;
    char *p;

    memset(out, 0, sizeof *out);
    if (!text || (len = strlen(text)) > TOKENS_MAX_BYTES)
        return -1;
    if (!general && len > 0 && len <= 64) {
        int one = split_one_word(text, len, fold, out, ubuf, usize);
        if (one <= 0)
            return one;
    }
    if (!(f = fold_text(text, len, fold, general, buf, FOLD_STACK, &n)))
        return -1;
    lbuf_init(&B.arena, abuf, sizeof abuf);
    lbuf_init(&x.w, wbuf, sizeof wbuf);
    lbuf_init(&x.key, kbuf, sizeof kbuf);
    while (i < n && !B.failed) {
        enum cls cl = (enum cls)f[i].cls;
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
                cl = (enum cls)f[i].cls;
                if (cl == C_APOS && i > 0 && f[i - 1].letter && i + 1 < n && f[i + 1].letter) {
                    /* "Rwanda's": dropped; "wasn't", "O'Brien": joined */
                    if ((f[i + 1].c == 's' || f[i + 1].c == 'S') &&
                        (i + 2 >= n || !f[i + 2].letter)) {
                        i += 2;
                        break;
                    }
                    i++;
                    continue;
                }
                if (cl != C_LETTER)
                    break;
                if (f[i].ascii)
                    put_byte(&x.w, (char)f[i].c);
                else
                    lbuf_cp(&x.w, f[i].c);
                key_cp(&x.key, &f[i]);
                if (f[i].letter)
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
    lbuf_free(&x.w);
    lbuf_free(&x.key);
    if (f != buf)
        free(f);
    /* the tokens and then their words' text, in one block: the caller's when it fits, else
     * malloc'd (tokens_release frees it) */
    if (!B.failed && ubuf && B.n * sizeof *B.t + B.arena.len + 1 <= usize) {
        out->t = ubuf;
        out->in_caller = 1;
    } else if (!B.failed) {
        out->t = malloc(B.n * sizeof *B.t + B.arena.len + 1);
    }
    if (out->t) {
        p = (char *)(out->t + B.n);
        memcpy(out->t, B.t, B.n * sizeof *B.t);
        memcpy(p, B.arena.s, B.arena.len + 1);
        /* each word's w then its key, each NUL-terminated, in order (add_token) */
        for (size_t k = 0; k < B.n; k++) {
            out->t[k].w = p;
            p += out->t[k].len + 1;
            out->t[k].key = p;
            p += strlen(p) + 1;
        }
        out->n = B.n;
    }
    if (B.t_heap)
        free(B.t);
    lbuf_free(&B.arena);
    if (!out->t) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    join_initials(text, out);
    return 0;
}

int
tokens_split(const char *text, unsigned fold, struct tokens *out)
{
    return split(text, fold, 0, out, NULL, 0);
}

int
tokens_split_in(const char *text, unsigned fold, struct tokens *out, struct token *buf,
                size_t size)
{
    return split(text, fold, 0, out, buf, size);
}

int
tokens_split_general(const char *text, unsigned fold, struct tokens *out)
{
    return split(text, fold, 1, out, NULL, 0);
}

void
tokens_release(struct tokens *tk)
{
    if (!tk->in_caller)
        free(tk->t);
    memset(tk, 0, sizeof *tk);
}

/* ---- word lists ---- */

static int
in_list(const char *const *list, const char *key)
{
    /* the first two bytes first (most words differ there; key[1] is its NUL when key is one
     * letter, which then must end the word too), then the rest */
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == key[0] && list[i][1] == key[1] && (!key[0] || !key[1] ||
                                                             strcmp(list[i] + 2, key + 2) == 0))
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
