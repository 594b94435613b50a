/* SPDX-License-Identifier: ISC */
/*
 * textmatch.c - text normalisation and short-answer matching: what a typed word or phrase
 * must be to count as an accepted answer (see textmatch.h and docs/QUESTIONS.md).
 *
 * Deterministic, so that the runner and the verifier agree; the matcher caps its inputs so
 * hostile text stays cheap.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "names.h"
#include "number.h"
#include "places.h"
#include "proctor/grade.h"
#include "sbuf.h"
#include "textmatch.h"

/*
 * Short answers longer than this (in bytes, before or after normalisation) never match:
 * no accepted answer is that long, and the cap keeps the edit-distance and wildcard
 * matchers cheap on hostile input.
 */
#define SHORT_MAX_NORM 4096
#define SHORT_MAX_RAW 65536

/* ---------------------------------------------------------------------------------------
 * Normalisation.
 */

static int
is_digit_cp(utf8proc_int32_t c)
{
    return c >= '0' && c <= '9';
}

/* Letters, marks that survived STRIPMARK, and numbers other than ASCII digits. */
static int
is_word_cp(utf8proc_int32_t c)
{
    utf8proc_category_t cat;

    if (c >= 0 && c < 0x80) /* ASCII: letters and digits (test-textmatch checks utf8proc) */
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    cat = utf8proc_category(c);

    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

/* A thousands separator inside a number: a comma or any space (thin, no-break, ...). */
static int
is_group_sep_cp(utf8proc_int32_t c)
{
    if (c >= 0 && c < 0x80) /* ASCII: the only space separator is ' ' */
        return c == ',' || c == ' ';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/*
 * Decodes the NUL-terminated UTF-8 string s (already valid: utf8proc produced it) into a
 * malloc'd array of code points; *n receives the count. NULL when out of memory.
 */
static utf8proc_int32_t *
decode(const char *s, size_t *n)
{
    size_t len = strlen(s), i = 0, k = 0;
    utf8proc_int32_t *cp = malloc((len + 1) * sizeof *cp);
    utf8proc_ssize_t step;

    if (!cp)
        return NULL;
    while (i < len) {
        step =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp[k]);
        if (step <= 0) {
            free(cp);
            return NULL;
        }
        i += (size_t)step;
        k++;
    }
    *n = k;
    return cp;
}

/*
 * The normaliser behind proctor_normalize. The text is first mapped by utf8proc
 * (compatibility decomposition so that fullwidth letters, ligatures and odd spaces become
 * plain ones, case folding, accents stripped, default-ignorable characters such as the soft
 * hyphen dropped). Then:
 *   - letters and numbers are kept; every other code point (punctuation, symbols, spaces,
 *     controls) separates words, and runs of separators become one space; no space at
 *     either end;
 *   - a number keeps its decimal point ("2.5" stays "2.5": '.' survives only between two
 *     ASCII digits), and thousands groups are joined: a run of 1 to 3 digits followed by
 *     a comma or a space and exactly 3 digits, repeated, is one number ("1,700" and "1 700"
 *     become "1700"; "12,34" stays two numbers, "12 34");
 *   - with keep_star (the accepted side of a short answer), '*' is kept as a wildcard;
 *     spaces next to it are dropped (the wildcard absorbs them) and runs of '*' fold to one.
 * Returns a malloc'd string, or NULL on invalid UTF-8 or no memory.
 */
#define NORMALIZE_MAP                                                                       \
    (UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |               \
     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

static char *
normalize(const char *s, int keep_star)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_int32_t *cp = NULL, stack[128]; /* an ASCII answer's code points: no malloc */
    utf8proc_ssize_t r;
    struct sbuf out = {0};
    size_t n = 0, i, j, k;
    int pending = 0, last_star = 0;

    if (!s)
        return NULL;
    for (i = 0; s[i] && !((unsigned char)s[i] & 0x80); i++)
        ;
    if (!s[i]) {
        /* ASCII: the mapping below would only fold A-Z to a-z, character by character
         * (test-textmatch checks that of utf8proc for every ASCII character and pair) */
        n = i;
        if (!(cp = n < sizeof stack / sizeof *stack ? stack : malloc((n + 1) * sizeof *cp)))
            return NULL;
        for (i = 0; i < n; i++)
            cp[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i];
    } else {
        r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped, NORMALIZE_MAP);
        if (r < 0)
            return NULL;
        cp = decode((const char *)mapped, &n);
        free(mapped);
        if (!cp)
            return NULL;
    }

    for (i = 0; i < n;) {
        utf8proc_int32_t c = cp[i];

        if (keep_star && c == '*') {
            if (!last_star)
                sbuf_byte(&out, '*');
            last_star = 1;
            pending = 0;
            i++;
            continue;
        }
        if (!is_digit_cp(c) && !is_word_cp(c)) {
            pending = 1;
            i++;
            continue;
        }
        if (pending && out.len > 0 && !last_star)
            sbuf_byte(&out, ' ');
        pending = 0;
        last_star = 0;
        if (!is_digit_cp(c)) {
            if (c < 0x80)
                sbuf_byte(&out, (char)c);
            else
                sbuf_cp(&out, c);
            i++;
            continue;
        }
        /* A number: integer digits, thousands groups, then an optional decimal part. */
        for (j = i; j < n && is_digit_cp(cp[j]); j++)
            sbuf_byte(&out, (char)cp[j]);
        if (j - i <= 3) {
            while (j + 3 < n && is_group_sep_cp(cp[j]) && is_digit_cp(cp[j + 1]) &&
                   is_digit_cp(cp[j + 2]) && is_digit_cp(cp[j + 3]) &&
                   (j + 4 == n || !is_digit_cp(cp[j + 4]))) {
                for (k = j + 1; k < j + 4; k++)
                    sbuf_byte(&out, (char)cp[k]);
                j += 4;
            }
        }
        if (j + 1 < n && cp[j] == '.' && is_digit_cp(cp[j + 1])) {
            sbuf_byte(&out, '.');
            for (j++; j < n && is_digit_cp(cp[j]); j++)
                sbuf_byte(&out, (char)cp[j]);
        }
        i = j;
    }
    if (cp != stack)
        free(cp);
    return sbuf_finish(&out);
}

char *
proctor_normalize(const char *s)
{
    return normalize(s, 0);
}

/* ---------------------------------------------------------------------------------------
 * Typo distance and wildcards.
 */

/*
 * Optimal string alignment distance between a and b (code points), or a value above k
 * when it exceeds k. Only the diagonal band |i - j| <= k is computed, so the work is
 * O(len * k); cells just outside the band are set to k + 1 as sentinels.
 */
#define OSA_STACK 80

static size_t
osa_within(const utf8proc_int32_t *a, size_t n, const utf8proc_int32_t *b, size_t m, size_t k)
{
    size_t stack[3 * OSA_STACK];
    size_t *rows = NULL, *pp, *prev, *cur, *tmp;
    size_t i, j, lo, hi, best, v, inf = k + 1, result;

    if ((n > m ? n - m : m - n) > k)
        return inf;
    rows = m + 2 <= OSA_STACK ? stack : malloc(3 * (m + 2) * sizeof *rows);
    if (!rows)
        return inf;
    pp = rows;
    prev = rows + (m + 2);
    cur = rows + 2 * (m + 2);
    for (j = 0; j <= m + 1; j++)
        prev[j] = pp[j] = cur[j] = j <= k ? j : inf;
    for (i = 1; i <= n; i++) {
        lo = i > k ? i - k : 1;
        hi = i + k < m ? i + k : m;
        cur[0] = i <= k ? i : inf;
        if (lo > 1)
            cur[lo - 1] = inf;
        if (hi < m)
            cur[hi + 1] = inf;
        best = lo > 1 ? inf : cur[0];
        for (j = lo; j <= hi; j++) {
            v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            if (v > inf)
                v = inf;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > k) {
            if (rows != stack)
                free(rows);
            return inf;
        }
        tmp = pp;
        pp = prev;
        prev = cur;
        cur = tmp;
    }
    result = prev[m];
    if (rows != stack)
        free(rows);
    return result;
}

/*
 * Matches text against pat, where '*' in pat matches any run of bytes (possibly empty).
 * The pattern is split at '*': the first piece must be a prefix, the last a suffix, and
 * each middle piece is found left-most after the previous one. Taking the left-most
 * occurrence is always safe for '*'-only patterns, so there is no backtracking and the work
 * is linear in practice (memmem).
 */
static int
wildcard_match(const char *pat, const char *text)
{
    const char *star, *piece, *found, *last;
    size_t tlen = strlen(text), plen, lastlen;
    const char *t = text, *end = text + tlen;

    star = strchr(pat, '*');
    if (!star)
        return strcmp(pat, text) == 0;
    plen = (size_t)(star - pat);
    if (plen > tlen || memcmp(pat, text, plen) != 0)
        return 0;
    t += plen;
    last = strrchr(pat, '*') + 1;
    lastlen = strlen(last);
    piece = star + 1;
    while (piece < last) {
        star = strchr(piece, '*');
        plen = (size_t)(star - piece);
        if (plen > 0) {
            found = memmem(t, (size_t)(end - t), piece, plen);
            if (!found)
                return 0;
            t = found + plen;
        }
        piece = star + 1;
    }
    if (lastlen > (size_t)(end - t))
        return 0;
    return memcmp(end - lastlen, last, lastlen) == 0;
}

/* ---------------------------------------------------------------------------------------
 * Answers as words.
 */

/* The longest run of words matched as one: initials ("UN"), a place ("United States"). */
#define RUN_MAX 6

/* words_read with the words' block in buf (size bytes) when it fits (tokens_split_in), and
 * the content words' block in cbuf (csize bytes) when it fits */
static int
words_read_in(struct words *w, const char *text, unsigned fold, struct token *buf, size_t size,
              size_t *cbuf, size_t csize)
{
    size_t need;

    memset(w, 0, sizeof *w);
    w->text = text;
    if (!text || tokens_split_in(text, fold, &w->tk, buf, size) < 0)
        return -1;
    /* c, placelen and place in one block (at most tk.n content words): the caller's cbuf
     * (csize bytes) when it fits, else malloc'd (words_release frees it) */
    need = (w->tk.n ? w->tk.n : 1) * (2 * sizeof *w->c + sizeof *w->place);
    if (cbuf && need <= csize) {
        w->c = cbuf;
        w->c_in_caller = 1;
    } else {
        w->c = malloc(need);
    }
    if (!w->c) {
        tokens_release(&w->tk);
        return -1;
    }
    w->placelen = w->c + (w->tk.n ? w->tk.n : 1);
    w->place = (int *)(w->placelen + (w->tk.n ? w->tk.n : 1));
    for (size_t i = 0; i < w->tk.n; i++)
        if (!tokens_is_stop(w->tk.t[i].key))
            w->c[w->n++] = i;
    if (w->n == 0) /* nothing but "the", "of": every word counts */
        for (size_t i = 0; i < w->tk.n; i++)
            w->c[w->n++] = i;
    for (size_t i = 0; i < w->tk.n; i++) {
        const char *k[1] = {w->tk.t[i].key};
        size_t len;
        if (!(w->tk.t[i].flags & TOK_NUMBER))
            w->tk.t[i].place = places_find(k, 1, &len);
    }
    for (size_t i = 0; i < w->n; i++) {
        const char *keys[RUN_MAX];
        size_t nk = 0;
        for (size_t x = i; x < w->n && nk < RUN_MAX; x++) {
            if (x > i && (w->c[x] != w->c[x - 1] + 1 ||
                          (w->tk.t[w->c[x]].sep & (SEP_BREAK | SEP_SLASH))))
                break;
            keys[nk++] = w->tk.t[w->c[x]].key;
        }
        if (nk == 1 && !(w->tk.t[w->c[i]].flags & TOK_NUMBER)) {
            /* one word: the place found for it above (a place of one word takes one) */
            if ((w->place[i] = w->tk.t[w->c[i]].place) >= 0)
                w->placelen[i] = 1;
        } else {
            w->place[i] = places_find(keys, nk, &w->placelen[i]);
        }
    }
    return 0;
}

int
words_read(struct words *w, const char *text, unsigned fold)
{
    return words_read_in(w, text, fold, NULL, 0, NULL, 0);
}

void
words_release(struct words *w)
{
    tokens_release(&w->tk);
    if (!w->c_in_caller)
        free(w->c); /* with place and placelen (words_read) */
    memset(w, 0, sizeof *w);
}

/* ---------------------------------------------------------------------------------------
 * Two words alike.
 */

#define WORD_CPS 64

/* s decoded into cp (at most WORD_CPS code points); the count, or -1 when longer. */
static long
decode_word(const char *s, utf8proc_int32_t *cp)
{
    size_t len = strlen(s), i = 0;
    long k = 0;

    while (i < len) {
        utf8proc_ssize_t step;
        if (k == WORD_CPS)
            return -1;
        if (!((unsigned char)s[i] & 0x80)) { /* ASCII: the byte itself, as utf8proc reads it */
            cp[k++] = (unsigned char)s[i++];
            continue;
        }
        step = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i),
                                &cp[k]);
        if (step <= 0)
            return -1;
        i += (size_t)step;
        k++;
    }
    return k;
}

int
textmatch_within(const char *a, const char *b, int k, int *edits)
{
    utf8proc_int32_t ca[WORD_CPS], cb[WORD_CPS];
    long na = decode_word(a, ca), nb = decode_word(b, cb);
    size_t d;

    if (k <= 0 || na < 2 || nb < 2)
        return 0;
    /* the first letter is right, or the first two are swapped */
    if (ca[0] != cb[0] && !(ca[0] == cb[1] && ca[1] == cb[0]))
        return 0;
    d = osa_within(ca, (size_t)na, cb, (size_t)nb, (size_t)k);
    if (d > (size_t)k)
        return 0;
    *edits = (int)d;
    return 1;
}

int
textmatch_allowance(const struct matchctx *M, size_t letters, int surname)
{
    int a;

    if (surname)
        a = letters >= 10 ? 2 : letters >= 6 ? 1 : 0;
    else
        a = letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
    if (M->typos >= 0) {
        a = M->typos;
        if ((size_t)a > letters / 3)
            a = (int)(letters / 3);
    }
    return a;
}

/* Whether g is a word of a known wrong answer or of another name the question knows, and
 * not a's word. */
static int
known_other(const struct matchctx *M, const struct token *a, const struct token *g)
{
    const struct words *lists[2] = {M->reject, M->known};
    size_t counts[2] = {M->nreject, M->nknown};

    if (strcmp(a->key, g->key) == 0)
        return 0;
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; lists[l] && i < counts[l]; i++)
            for (size_t k = 0; k < lists[l][i].n; k++) {
                const struct token *t = &lists[l][i].tk.t[lists[l][i].c[k]];
                if (t->letters >= 3 && strcmp(t->key, g->key) == 0)
                    return 1;
            }
    return 0;
}

/* Another form of the same word: a plural, -ing, -ed ("Hands", "Shaking", "Accords"). */
#define FORMS_MAX 6
static size_t
forms(const char *w, char out[FORMS_MAX][WORD_CPS * 4 + 4])
{
    size_t len = strlen(w), n = 0;

#define ENDS(s) (len > strlen(s) + 2 && strcmp(w + len - strlen(s), s) == 0)
#define FORM(cut, add)                                                                       \
    do {                                                                                     \
        snprintf(out[n], sizeof out[n], "%.*s%s", (int)(len - (cut)), w, add);              \
        n++;                                                                                 \
    } while (0)
    if (len >= WORD_CPS * 4)
        return 0;
    FORM(0, "");
    if (ENDS("ies"))
        FORM(3, "y");
    if (ENDS("es"))
        FORM(2, "");
    if (ENDS("s") && !ENDS("ss"))
        FORM(1, "");
    if (ENDS("ing")) {
        FORM(3, "");
        FORM(3, "e");
    }
    if (ENDS("ed") && n < FORMS_MAX)
        FORM(1, "");
#undef ENDS
#undef FORM
    return n;
}

static int
same_word_forms(const char *a, const char *b)
{
    char fa[FORMS_MAX][WORD_CPS * 4 + 4], fb[FORMS_MAX][WORD_CPS * 4 + 4];
    size_t na = forms(a, fa), nb = forms(b, fb);

    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (strlen(fa[i]) >= 3 && strcmp(fa[i], fb[j]) == 0)
                return 1;
    return 0;
}

/* s shortens l: its start ("Rep." for "Representative", at least 3 letters or written with
 * a dot), or a usual contraction ("Govt"). */
static int
shortens(const struct token *s, const struct token *l)
{
    static const char *const pairs[][2] = {
        {"govt", "government"}, {"gov", "government"},  {"dept", "department"},
        {"asst", "assistant"},  {"intl", "international"}, {"natl", "national"},
        {"mgen", "major general"}, {"hq", "headquarters"}, {"st", "saint"}, {"mt", "mount"},
        {"ft", "fort"},         {"sr", "senior"},     {"jr", "junior"},
        {"grp", "group"},       {"mgmt", "management"}, {"assn", "association"},
        {"cmdr", "commander"},  {"bn", "battalion"},  {"cttee", "committee"},
        {"ctte", "committee"},  {"cmte", "committee"}, {"secy", "secretary"}};

    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (s->key[0] == pairs[i][0][0] && !strcmp(s->key, pairs[i][0]) &&
            !strcmp(l->key, pairs[i][1]))
            return 1;
    return s->letters >= 2 && (s->letters >= 3 || (s->flags & TOK_DOT)) &&
           l->letters >= s->letters + 2 && strncmp(l->w, s->w, s->len) == 0;
}

/* A number and its word: "3" and "three". */
static int
number_and_word(const struct token *a, const struct token *b)
{
    const struct token *d = (a->flags & TOK_NUMBER) ? a : b, *w = d == a ? b : a;
    int v;
    char buf[16];

    if (!(d->flags & TOK_NUMBER) || (w->flags & TOK_NUMBER) || (v = number_word(w->key)) < 0)
        return 0;
    snprintf(buf, sizeof buf, "%d", v);
    return strcmp(buf, d->w) == 0;
}

static int
acronym_like(const struct token *t)
{
    return (t->flags & (TOK_UPPER | TOK_ACRONYM)) && t->letters <= 6;
}

/* Whether a and b are the same word but for the case of some letters ("somalia", "Somalia"). */
static int
only_case_differs(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;

    while (i < na && j < nb) {
        utf8proc_int32_t ca, cb;
        utf8proc_ssize_t sa = utf8proc_iterate((const utf8proc_uint8_t *)a + i,
                                               (utf8proc_ssize_t)(na - i), &ca);
        utf8proc_ssize_t sb = utf8proc_iterate((const utf8proc_uint8_t *)b + j,
                                               (utf8proc_ssize_t)(nb - j), &cb);
        if (sa <= 0 || sb <= 0 || utf8proc_tolower(ca) != utf8proc_tolower(cb))
            return 0;
        i += (size_t)sa;
        j += (size_t)sb;
    }
    return i == na && j == nb;
}

enum likeness
textmatch_word(const struct matchctx *M, const struct token *a, const struct token *g,
               int surname, int *edits)
{
    int pa, pg, k;

    *edits = 0;
    if (strcmp(a->w, g->w) == 0)
        return LIKE_SAME;
    /* case_sensitive: a slip of case is the mistake the teacher asked to count, never a
     * typo, a form or a short form of the word */
    if ((M->flags & PROCTOR_MATCH_CASE) && only_case_differs(a->w, g->w))
        return LIKE_NONE;
    if ((a->flags | g->flags) & TOK_NUMBER)
        return number_and_word(a, g) ? LIKE_SAME : LIKE_NONE;
    pa = a->place;
    pg = g->place;
    if (pa >= 0 && pa == pg)
        return LIKE_FORM; /* "Canadian" for "Canada" */
    if (pg >= 0)
        return LIKE_NONE; /* another place: never a slip for this word */
    if (known_other(M, a, g))
        return LIKE_NONE;
    if (acronym_like(a) && !(g->flags & TOK_NUMBER) && g->letters == a->letters)
        return LIKE_NONE; /* "RPF" is not a slip for "RGF" */
    if (!surname && a->len >= 3 && g->len >= 3 && strncmp(a->w, g->w, 3) == 0 &&
        a->len <= g->len + 4 && g->len <= a->len + 4 && same_word_forms(a->w, g->w))
        return LIKE_FORM;
    k = textmatch_allowance(M, a->letters, surname);
    if (k > 0 && !acronym_like(a) && a->letters <= g->letters + (size_t)k &&
        g->letters <= a->letters + (size_t)k && textmatch_within(a->w, g->w, k, edits))
        return LIKE_TYPO;
    if (!surname && (shortens(g, a) || shortens(a, g)))
        return LIKE_SHORT;
    return LIKE_NONE;
}

/* ---------------------------------------------------------------------------------------
 * An accepted answer in the answer's words.
 */

#define ACCEPT_WORDS_MAX 64
#define INF_COST ((long)1 << 40)

enum move_kind { MV_WORD, MV_JOIN, MV_INITIALS, MV_PLACE };

struct move {
    size_t ka, kg; /* accepted and typed content words taken */
    long cost;
    int plain;     /* not initials alone */
    unsigned note; /* PROCTOR_NOTE_* */
};

/* Content words [i, i + k) of w stand side by side: no word and no break between. */
static int
adjacent(const struct words *w, size_t i, size_t k)
{
    if (i + k > w->n)
        return 0;
    for (size_t x = i + 1; x < i + k; x++)
        if (w->c[x] != w->c[x - 1] + 1 || (w->tk.t[w->c[x]].sep & (SEP_BREAK | SEP_SLASH)))
            return 0;
    return 1;
}

static const struct token *
word_at(const struct words *w, size_t i)
{
    return &w->tk.t[w->c[i]];
}

/* Content words [i, i + k) of w joined ("jeanpierre"), letters only; 0 when not. */
static int
joined(const struct words *w, size_t i, size_t k, char *buf, size_t size, size_t *letters)
{
    size_t len = 0;

    *letters = 0;
    if (!adjacent(w, i, k))
        return 0;
    for (size_t x = i; x < i + k; x++) {
        const struct token *t = word_at(w, x);
        if ((t->flags & TOK_NUMBER) || t->letters == 0 || len + t->len + 1 > size)
            return 0;
        memcpy(buf + len, t->w, t->len);
        len += t->len;
        *letters += t->letters;
    }
    buf[len] = '\0';
    return 1;
}

/* Whether the initials of content words [i, i + k) of w spell the word t. */
static int
initials_of(const struct words *w, size_t i, size_t k, const struct token *t)
{
    if (t->letters != k || t->len != k || (t->flags & TOK_NUMBER) || !adjacent(w, i, k))
        return 0;
    for (size_t x = 0; x < k; x++) {
        const struct token *u = word_at(w, i + x);
        if ((u->flags & TOK_NUMBER) || u->letters < 2 || u->key[0] != t->key[x])
            return 0;
    }
    return 1;
}

/* Every way accepted word i can take typed words from j on (content indexes; G limited to
 * [.., ghi)). */
static size_t
moves_at(const struct matchctx *M, const struct words *A, const struct words *G, size_t i,
         size_t j, size_t ghi, struct move *mv, size_t max)
{
    size_t n = 0, la, lg, k;
    const struct token *a = word_at(A, i), *g = word_at(G, j);
    char ba[256], bg[256];
    int edits, pa, pg;
    enum likeness like;

    like = textmatch_word(M, a, g, 0, &edits);
    if (like == LIKE_SHORT && A->n < 2)
        like = LIKE_NONE; /* a one-word answer is never abbreviated */
    if (like != LIKE_NONE && n < max)
        mv[n++] = (struct move){1, 1,
                                like == LIKE_SAME    ? 0
                                : like == LIKE_SHORT ? 3
                                : like == LIKE_FORM  ? 5
                                                     : 100L * edits,
                                1,
                                like == LIKE_FORM   ? PROCTOR_NOTE_FORM
                                : like == LIKE_TYPO ? PROCTOR_NOTE_TYPO
                                                    : 0};
    for (k = 2; k <= 3; k++) {
        size_t letters, gl;
        /* several accepted words typed as one ("Jeanpierre"), and one typed as several */
        if (i + k <= A->n && joined(A, i, k, ba, sizeof ba, &letters) &&
            !(g->flags & TOK_NUMBER) && n < max) {
            int e = 0, al = textmatch_allowance(M, letters, 0);
            if (strcmp(ba, g->w) == 0 || textmatch_within(ba, g->w, al, &e))
                mv[n++] = (struct move){k, 1, e ? 100L * e : 1, 1, e ? PROCTOR_NOTE_TYPO : 0};
        }
        if (j + k <= ghi && joined(G, j, k, bg, sizeof bg, &gl) && !(a->flags & TOK_NUMBER) &&
            n < max) {
            int e = 0, al = textmatch_allowance(M, a->letters, 0);
            if (strcmp(a->w, bg) == 0 || textmatch_within(a->w, bg, al, &e))
                mv[n++] = (struct move){1, k, e ? 100L * e : 1, 1, e ? PROCTOR_NOTE_TYPO : 0};
        }
    }
    for (k = 2; k <= RUN_MAX; k++) {
        /* "UN" for "United Nations", and "United Nations" for "UN" */
        if (i + k <= A->n && initials_of(A, i, k, g) && n < max)
            mv[n++] = (struct move){k, 1, 2, 0, 0};
        if (j + k <= ghi && acronym_like(a) && initials_of(G, j, k, a) && n < max)
            mv[n++] = (struct move){1, k, 2, 0, 0};
    }
    /* a place named in several words: "United States" for "US", "American" */
    pa = A->place[i];
    la = A->placelen[i];
    pg = G->place[j];
    lg = G->placelen[j];
    if (pa >= 0 && pa == pg && (la > 1 || lg > 1) && i + la <= A->n && j + lg <= ghi &&
        n < max) {
        int same = la == lg;
        for (k = 0; same && k < la; k++)
            same = strcmp(word_at(A, i + k)->w, word_at(G, j + k)->w) == 0;
        mv[n++] = (struct move){la, lg, same ? 0 : 5, 1, same ? 0 : PROCTOR_NOTE_FORM};
    }
    return n;
}

void
textmatch_note_add(char *buf, size_t size, const char *text, size_t start, size_t end)
{
    size_t len = strlen(buf), n = end - start;

    if (len > 0 && len + 2 < size) {
        memcpy(buf + len, ", ", 2);
        len += 2;
    }
    if (len + n + 1 > size) {
        n = size - len - 1;
        while (n > 0 && ((unsigned char)text[start + n] & 0xC0) == 0x80)
            n--; /* cut before a continuation byte: at a character's start */
    }
    memcpy(buf + len, text + start, n);
    buf[len + n] = '\0';
}

struct dpcell {
    long cost[2];         /* the best finish with (1) and without (0) a plain move */
    unsigned char ka[2], kg[2], note[2]; /* the move taken (moves_at's): what walk follows */
    unsigned char next[2];
};

/* The window of the path from (0, j) through dp: its end, cost and notes. */
static void
walk(const struct words *A, const struct words *G, size_t clo, const struct dpcell *dp,
     size_t n, size_t j0, struct window *w)
{
    size_t i = 0, j = j0;
    int b = 1;

    memset(w, 0, sizeof *w);
    w->cost = dp[j0].cost[1];
    while (i < A->n) {
        const struct dpcell *c = &dp[i * (n + 1) + j];
        size_t ka = c->ka[b], kg = c->kg[b]; /* the move align chose here */
        if (c->note[b]) {
            w->note |= c->note[b];
            textmatch_note_add(w->wrote, sizeof w->wrote, G->text, word_at(G, clo + j)->start,
                               word_at(G, clo + j + kg - 1)->end);
            textmatch_note_add(w->expected, sizeof w->expected, A->text, word_at(A, i)->start,
                               word_at(A, i + ka - 1)->end);
        }
        b = c->next[b];
        i += ka;
        j += kg;
    }
    w->ws = G->c[clo + j0];
    w->we = G->c[clo + j - 1] + 1;
}

/*
 * The table of the closest way A's words [i, m) can be found from G's content word j on,
 * for every i and j: what textmatch_find and textmatch_find_each read: in buf (nbuf cells)
 * when it fits, else malloc'd. NULL out of memory.
 */
static struct dpcell *
align(const struct matchctx *M, const struct words *A, const struct words *G, size_t clo,
      size_t chi, struct dpcell *buf, size_t nbuf)
{
    size_t m = A->n, n = chi - clo, i, j;
    struct dpcell *dp =
        (m + 1) * (n + 1) <= nbuf ? buf : malloc((m + 1) * (n + 1) * sizeof *dp);
    struct move mv[32];

#define CELL(i, j) dp[(i) * (n + 1) + (j)]
    if (!dp)
        return NULL;
    for (j = 0; j <= n; j++) {
        CELL(m, j).cost[0] = 0;
        CELL(m, j).cost[1] = INF_COST;
    }
    for (i = m; i-- > 0;) {
        for (j = n + 1; j-- > 0;) {
            struct dpcell *c = &CELL(i, j);
            size_t nm = j < n && n - j >= 1 ? moves_at(M, A, G, i, clo + j, chi, mv, 32) : 0;
            c->cost[0] = c->cost[1] = INF_COST;
            for (size_t x = 0; x < nm; x++) {
                if (i + mv[x].ka > m || j + mv[x].kg > n)
                    continue;
                for (int b = 0; b < 2; b++) {
                    long rest = CELL(i + mv[x].ka, j + mv[x].kg).cost[b];
                    int nb = b | mv[x].plain;
                    if (rest >= INF_COST || rest + mv[x].cost >= c->cost[nb])
                        continue;
                    c->cost[nb] = rest + mv[x].cost;
                    c->ka[nb] = (unsigned char)mv[x].ka;
                    c->kg[nb] = (unsigned char)mv[x].kg;
                    c->note[nb] = (unsigned char)mv[x].note;
                    c->next[nb] = (unsigned char)b;
                }
            }
        }
    }
#undef CELL
    return dp;
}

int
textmatch_find_each(const struct matchctx *M, const struct words *A, const struct words *G,
                    size_t clo, size_t chi, int (*each)(void *ctx, const struct window *w),
                    void *ctx, struct window *best)
{
    size_t n = chi > clo ? chi - clo : 0, best_j = SIZE_MAX;
    struct dpcell *dp, cells[64]; /* a short answer's table: on the stack */
    struct window w;

    memset(best, 0, sizeof *best);
    best->cost = INF_COST;
    if (A->n == 0 || n == 0 || A->n > ACCEPT_WORDS_MAX || chi > G->n)
        return 0;
    if (!(dp = align(M, A, G, clo, chi, cells, sizeof cells / sizeof *cells)))
        return -1;
    for (size_t j = 0; j < n; j++) {
        if (dp[j].cost[1] >= INF_COST)
            continue;
        if (each) {
            walk(A, G, clo, dp, n, j, &w);
            if (each(ctx, &w)) {
                if (dp != cells)
                    free(dp);
                *best = w;
                return 1;
            }
        }
        if (best_j == SIZE_MAX || dp[j].cost[1] < dp[best_j].cost[1])
            best_j = j;
    }
    if (best_j != SIZE_MAX && !each)
        walk(A, G, clo, dp, n, best_j, best);
    if (dp != cells)
        free(dp);
    return best_j != SIZE_MAX && !each;
}

int
textmatch_find(const struct matchctx *M, const struct words *A, const struct words *G,
               size_t clo, size_t chi, struct window *w)
{
    return textmatch_find_each(M, A, G, clo, chi, NULL, NULL, w);
}

/* ---------------------------------------------------------------------------------------
 * What makes a fair teacher refuse an answer that holds an accepted one.
 */

/* A negation before token k in its clause: "not Somalia", "it wasn't Somalia". */
static int
negated_before(const struct words *G, size_t k)
{
    for (size_t x = k; x > 0; x--) {
        if (tokens_break_before(&G->tk, x))
            return 0;
        if (tokens_is_negation(G->tk.t[x - 1].key) &&
            !(x < G->tk.n && strcmp(G->tk.t[x].key, "doubt") == 0))
            return 1;
    }
    return 0;
}

static int
is_connector_word(const char *key)
{
    return !strcmp(key, "and") || tokens_is_or(key) || !strcmp(key, "plus");
}

/*
 * Whether tokens a < b, the ends of two candidates, are joined as a list: between them (the
 * tokens a+1..b-1 and the gaps before a+1..b) only "the", "and", "or", fillers, commas,
 * slashes, '&' or '+', and at least one of "and", "or", ',', '/', '&', '+'.
 */
static int
joins(const struct words *G, size_t a, size_t b)
{
    int conn = 0;

    for (size_t x = a + 1; x <= b && x < G->tk.n; x++) {
        const struct token *t = &G->tk.t[x];
        if (t->sep & (SEP_COMMA | SEP_SLASH | SEP_AMP | SEP_PLUS))
            conn = 1;
        if (t->sep & (SEP_OPEN | SEP_CLOSE | SEP_STOP))
            return 0;
        if (x < b) {
            if (is_connector_word(t->key))
                conn = 1;
            else if (!tokens_is_stop(t->key) && !tokens_is_filler(t->key))
                return 0;
        }
    }
    return conn;
}

/* A hedge before token k in its clause, after token lo: "Somalia? Maybe Sudan", "Somalia, or
 * perhaps Sudan". */
static int
hedged_before(const struct words *G, size_t lo, size_t k)
{
    static const char *const hedges[] = {"maybe", "perhaps", "possibly", "probably"};

    for (size_t x = k; x > lo; x--) {
        for (size_t h = 0; h < sizeof hedges / sizeof hedges[0]; h++)
            if (!strcmp(G->tk.t[x - 1].key, hedges[h]))
                return 1;
        if (tokens_break_before(&G->tk, x - 1))
            return 0;
    }
    return 0;
}

/* Whether tokens [k, kend] (outside [ws, we)) are joined to the window as a second
 * candidate, or offered as one after it with a hedge ("Somalia? Maybe Sudan"). */
static int
beside(const struct words *G, size_t ws, size_t we, size_t k, size_t kend)
{
    if (negated_before(G, k))
        return 0;
    if (k >= we && hedged_before(G, we, k))
        return 1;
    if (k >= we)
        return we > 0 && joins(G, we - 1, k);
    return joins(G, kend, ws);
}

/* "Somalia? No, Rwanda": a clause of its own saying no after the answer takes it back. */
static int
taken_back(const struct words *G, size_t we)
{
    for (size_t x = we; x < G->tk.n; x++) {
        const struct token *t = &G->tk.t[x];
        if (!tokens_is_negation(t->key) || !tokens_break_before(&G->tk, x))
            continue;
        if (x + 1 == G->tk.n || tokens_break_before(&G->tk, x + 1) ||
            strcmp(G->tk.t[x + 1].key, "wait") == 0)
            return 1;
    }
    return 0;
}

struct seg_ctx {
    textmatch_fits_fn fits;
    void *ctx;
};

/* Whether the content words [clo, chi) say something: a word that is not a filler. */
static int
substantive(const struct words *G, size_t clo, size_t chi)
{
    for (size_t x = clo; x < chi; x++) {
        const char *k = word_at(G, x)->key;
        if (!tokens_is_filler(k) && !tokens_is_negation(k) && !tokens_is_or(k))
            return 1;
    }
    return 0;
}

/* Alternatives: "Somalia or Rwanda", "Somalia/Rwanda". Each must answer on its own. */
static int
alternatives_refused(const struct words *G, size_t ws, size_t we, textmatch_fits_fn fits,
                     void *ctx)
{
    size_t seg = 0, x;
    int cuts = 0;

    for (x = 0; x < G->n; x++) {
        size_t t = G->c[x];
        const struct token *tok = &G->tk.t[t];
        int cut_before = tokens_is_or(tok->key) ||
                         (x > 0 && (tok->sep & SEP_SLASH) && !(tok->flags & TOK_NUMBER));
        if (t >= ws && t < we)
            continue;
        if (cut_before) {
            cuts++;
            if (x > seg && substantive(G, seg, x) && !fits(ctx, G, seg, x))
                return 1;
            seg = tokens_is_or(tok->key) ? x + 1 : x;
        }
    }
    if (cuts && G->n > seg && substantive(G, seg, G->n) && !fits(ctx, G, seg, G->n))
        return 1;
    return 0;
}

struct reject_scan {
    const struct words *G;
    size_t ws, we;
};

/* Whether the wrong answer found at w counts: outside the accepted words, or the same words
 * written as the wrong answer is (not another form of it: with "accept": ["Frog"],
 * "reject": ["Frogs"], Frog is right and Frogs wrong), and not negated. */
static int
reject_counts(void *ctx, const struct window *w)
{
    const struct reject_scan *r = ctx;
    int same = w->ws == r->ws && w->we == r->we;
    int inside = w->ws >= r->ws && w->we <= r->we && !same;
    int apart = w->we <= r->ws || w->ws >= r->we;

    if (same && w->note)
        return 0;
    return !inside && !(apart && negated_before(r->G, w->ws));
}

/* A known wrong answer outside the accepted words, not negated. */
static int
reject_found(const struct matchctx *M, const struct words *G, size_t ws, size_t we)
{
    struct matchctx R = *M;
    struct reject_scan scan = {G, ws, we};
    struct window w;

    R.typos = 0;
    for (size_t r = 0; r < M->nreject; r++)
        if (textmatch_find_each(&R, &M->reject[r], G, 0, G->n, reject_counts, &scan, &w) == 1)
            return 1;
    return 0;
}

/* The content index of token t in G (the first content word at or after it). */
static size_t
content_index(const struct words *G, size_t t)
{
    size_t x = 0;

    while (x < G->n && G->c[x] < t)
        x++;
    return x;
}

/* Another country beside the window when the window names one. */
static int
place_beside(const struct words *G, size_t ws, size_t we)
{
    int inside[8];
    size_t ninside = 0, x;

    for (x = content_index(G, ws); x < G->n && G->c[x] < we; x++)
        if (places_is_country(G->place[x]) && ninside < 8)
            inside[ninside++] = G->place[x];
    if (ninside == 0)
        return 0;
    for (x = 0; x < G->n; x++) {
        size_t t = G->c[x], k, len = G->placelen[x];
        int p = G->place[x], same = 0;
        if ((t >= ws && t < we) || !places_is_country(p))
            continue;
        for (k = 0; k < ninside; k++)
            same |= inside[k] == p;
        if (!same && beside(G, ws, we, t, G->c[x + len - 1]))
            return 1;
        x += len - 1;
    }
    return 0;
}

int
textmatch_refused(const struct matchctx *M, const struct words *G, size_t ws, size_t we,
                  int name, textmatch_fits_fn fits, void *ctx)
{
    (void)name;
    if (negated_before(G, ws))
        return 1;
    /* "Somalia not": a negation right after, and nothing more in its clause */
    if (we < G->tk.n && tokens_is_negation(G->tk.t[we].key) && !tokens_break_before(&G->tk, we) &&
        (we + 1 == G->tk.n || tokens_break_before(&G->tk, we + 1)))
        return 1;
    if (taken_back(G, we) || alternatives_refused(G, ws, we, fits, ctx))
        return 1;
    if (reject_found(M, G, ws, we))
        return 1;
    return place_beside(G, ws, we);
}

int
textmatch_joined_name(const struct words *G, size_t ws, size_t we, size_t k)
{
    return beside(G, ws, we, k, k);
}

/* ---------------------------------------------------------------------------------------
 * Short answers.
 */

struct short_ctx {
    const struct matchctx *M;
    const struct words *accept;
    size_t naccept;
};

/* Does one of the accepted answers appear in the content words [clo, chi)? */
static int
short_fits(void *ctx, const struct words *G, size_t clo, size_t chi)
{
    const struct short_ctx *S = ctx;
    struct window w;

    for (size_t i = 0; i < S->naccept; i++)
        if (S->accept[i].tk.n && textmatch_find(S->M, &S->accept[i], G, clo, chi, &w) == 1)
            return 1;
    return 0;
}

/* With containment off: the window is the whole answer, but for a bracket at its end. */
static int
covers(const struct words *G, size_t ws, size_t we)
{
    for (size_t x = 0; x < G->n; x++) {
        size_t t = G->c[x];
        if (t >= ws && t < we)
            continue;
        if (t < ws || !(G->tk.t[t].flags & TOK_PAREN))
            return 0;
    }
    return 1;
}

/*
 * With containment off, for a short answer: the window is the whole answer, but for a
 * bracket at its end and for as many little words before (after) it as the accepted answer
 * itself has there ("The Hague" for "The Hague"; "in Somalia" is not "Somalia", as Moodle
 * compares the whole response).
 */
static int
whole_answer(const struct words *A, const struct words *G, size_t ws, size_t we)
{
    size_t lead = 0, trail = 0, before = 0, after = 0;

    if (A->n < A->tk.n && A->n > 0) {
        lead = A->c[0];
        trail = A->tk.n - 1 - A->c[A->n - 1];
    }
    for (size_t t = 0; t < G->tk.n; t++) {
        if (t >= ws && t < we)
            continue;
        if (t >= we && (G->tk.t[t].flags & TOK_PAREN))
            continue;
        if (!tokens_is_stop(G->tk.t[t].key))
            return 0;
        if (t < ws ? ++before > lead : ++after > trail)
            return 0;
    }
    return 1;
}

/* An accepted answer with '*': matched on the normalised text, as Moodle does; refused when
 * the answer holds a negation or "or" that the pattern does not. prepared: the accepted
 * answer already normalised as a pattern (grade-prep.h), or NULL to normalise it now. */
static int
wildcard_check(const struct matchctx *M, const char *accepted, const char *prepared,
               const struct words *G)
{
    char *own = prepared ? NULL : normalize(accepted, 1), *g = normalize(G->text, 0);
    const char *pat = prepared ? prepared : own;
    int ok = pat && g && *pat && *g && strlen(g) <= SHORT_MAX_NORM &&
             strlen(pat) <= SHORT_MAX_NORM && wildcard_match(pat, g);

    for (size_t x = 0; ok && x < G->tk.n; x++) {
        const char *k = G->tk.t[x].key;
        if ((tokens_is_negation(k) || tokens_is_or(k)) && !strstr(pat, k))
            ok = 0;
    }
    if (ok && reject_found(M, G, 0, 0))
        ok = 0;
    free(own);
    free(g);
    return ok;
}

static void
note_window(struct proctor_grade_note *note, const struct window *w)
{
    if (!note)
        return;
    note->flags |= w->note;
    snprintf(note->wrote, sizeof note->wrote, "%s", w->wrote);
    snprintf(note->expected, sizeof note->expected, "%s", w->expected);
}

static unsigned
fold_of(unsigned flags)
{
    return ((flags & PROCTOR_MATCH_CASE) ? TOKENS_KEEP_CASE : 0) |
           ((flags & PROCTOR_MATCH_ACCENTS) ? TOKENS_KEEP_ACCENTS : 0);
}

int
textmatch_read_all(char *const *texts, size_t n, unsigned fold, struct words **out)
{
    struct words *w = calloc(n ? n : 1, sizeof *w);

    *out = w;
    if (!w)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (texts[i] && !strchr(texts[i], '*') && strlen(texts[i]) <= SHORT_MAX_RAW &&
            words_read(&w[i], texts[i], fold) < 0)
            memset(&w[i], 0, sizeof w[i]); /* unreadable: never matches */
    return 0;
}

void
textmatch_release_all(struct words *w, size_t n)
{
    for (size_t i = 0; w && i < n; i++)
        words_release(&w[i]);
    free(w);
}

int
textmatch_short_prep(struct short_prep *P, char *const *accept, size_t naccept,
                     char *const *reject, size_t nreject, unsigned flags)
{
    unsigned fold = fold_of(flags);

    memset(P, 0, sizeof *P);
    P->naccept = naccept;
    P->nreject = nreject;
    if (!(P->acc = calloc(naccept ? naccept : 1, sizeof *P->acc)) ||
        !(P->rej = calloc(nreject ? nreject : 1, sizeof *P->rej)) ||
        !(P->pat = calloc(naccept ? naccept : 1, sizeof *P->pat))) {
        textmatch_short_prep_release(P);
        return -1;
    }
    /* read as textmatch_read_all reads them, except that a text that cannot be read (out
     * of memory: a bank's texts are UTF-8 of bounded length) fails the preparation, and the
     * question is graded unprepared, rather than never matching */
    for (size_t k = 0; k < naccept + nreject; k++) {
        const char *t = k < naccept ? accept[k] : reject[k - naccept];
        struct words *w = k < naccept ? &P->acc[k] : &P->rej[k - naccept];
        if (t && !strchr(t, '*') && strlen(t) <= SHORT_MAX_RAW && words_read(w, t, fold) < 0) {
            memset(w, 0, sizeof *w);
            textmatch_short_prep_release(P);
            return -1;
        }
    }
    for (size_t i = 0; i < naccept; i++)
        if (accept[i] && strchr(accept[i], '*'))
            P->pat[i] = normalize(accept[i], 1); /* NULL when it cannot be: normalised again,
                                                    and refused, when used */
    return 0;
}

void
textmatch_short_prep_release(struct short_prep *P)
{
    textmatch_release_all(P->acc, P->naccept);
    textmatch_release_all(P->rej, P->nreject);
    for (size_t i = 0; P->pat && i < P->naccept; i++)
        free(P->pat[i]);
    free(P->pat);
    memset(P, 0, sizeof *P);
}

int
textmatch_short_check(const struct proctor_short_rules *rules, const struct short_prep *P,
                      const char *given, struct proctor_grade_note *note)
{
    struct words G;
    struct token gbuf[32]; /* the typed answer's words: on the stack */
    size_t cbuf[3 * 16];   /* and their content words' places, for up to 16 words */
    struct short_prep own = {0};
    const struct words *acc, *rej;
    struct matchctx M = {0};
    struct short_ctx S;
    struct window w, best;
    unsigned fold;
    int found = 0;

    if (note)
        memset(note, 0, sizeof *note);
    if (!rules || !given || strlen(given) > SHORT_MAX_RAW)
        return 0;
    fold = fold_of(rules->flags);
    if (words_read_in(&G, given, fold, gbuf, sizeof gbuf, cbuf, sizeof cbuf) < 0)
        return 0;
    if (G.tk.n == 0)
        goto out;
    if (!P) {
        /* unprepared (the runner): read the answers now, as grade-prep.c would have */
        if (textmatch_read_all(rules->accept, rules->naccept, fold, &own.acc) < 0 ||
            textmatch_read_all(rules->reject, rules->nreject, fold, &own.rej) < 0)
            goto out;
    }
    acc = P ? P->acc : own.acc;
    rej = P ? P->rej : own.rej;
    M.typos = rules->typos;
    M.flags = rules->flags;
    M.reject = rej;
    M.nreject = rules->nreject;
    if (rules->flags & PROCTOR_MATCH_NAME) {
        found = names_check(&M, rules->accept, acc, rules->naccept, &G, note);
        goto out;
    }
    S = (struct short_ctx){&M, acc, rules->naccept};
    best.cost = INF_COST;
    /* without a note only whether one answer is found counts: the first found ends it */
    for (size_t i = 0; i < rules->naccept && !(found && !note); i++) {
        if (rules->accept[i] && strchr(rules->accept[i], '*')) {
            if (wildcard_check(&M, rules->accept[i], P ? P->pat[i] : NULL, &G) &&
                best.cost > 0) {
                memset(&best, 0, sizeof best);
                found = 1;
            }
            continue;
        }
        if (acc[i].tk.n == 0 || textmatch_find(&M, &acc[i], &G, 0, G.n, &w) != 1)
            continue;
        if ((rules->flags & PROCTOR_MATCH_WHOLE) && !whole_answer(&acc[i], &G, w.ws, w.we))
            continue;
        if (textmatch_refused(&M, &G, w.ws, w.we, 0, short_fits, &S))
            continue;
        if (w.cost < best.cost) {
            best = w;
            found = 1;
        }
    }
    if (found)
        note_window(note, &best);
out:
    textmatch_release_all(own.acc, rules->naccept);
    textmatch_release_all(own.rej, rules->nreject);
    words_release(&G);
    return found;
}

int
proctor_short_check(const struct proctor_short_rules *rules, const char *given,
                    struct proctor_grade_note *note)
{
    return textmatch_short_check(rules, NULL, given, note);
}

int
proctor_short_match(const char *accepted, const char *given, int typos)
{
    char *acc[1] = {(char *)accepted};
    struct proctor_short_rules r = {acc, 1, NULL, 0, typos, 0};

    if (!accepted)
        return 0;
    return proctor_short_check(&r, given, NULL);
}

/* ---------------------------------------------------------------------------------------
 * An option named by its text.
 */

/* Every content word of G alike to a different content word of O, in any order. */
static int
all_words_in(const struct matchctx *M, const struct words *G, const struct words *O)
{
    unsigned char used[ACCEPT_WORDS_MAX] = {0};
    int e;

    if (O->n > ACCEPT_WORDS_MAX)
        return 0;
    for (size_t x = 0; x < G->n; x++) {
        size_t y;
        for (y = 0; y < O->n; y++)
            if (!used[y] && textmatch_word(M, word_at(O, y), word_at(G, x), 0, &e) != LIKE_NONE)
                break;
        if (y == O->n)
            return 0;
        used[y] = 1;
    }
    return 1;
}

static int
has_negation_or(const struct words *G)
{
    for (size_t x = 0; x < G->tk.n; x++)
        if (tokens_is_negation(G->tk.t[x].key) || tokens_is_or(G->tk.t[x].key))
            return 1;
    return 0;
}

/* How well the answer G names option O (0: not at all). */
static int
option_class(const struct matchctx *M, const struct words *G, const struct words *O,
             const char *given, const char *text)
{
    struct short_ctx S = {M, O, 1};
    struct window w;
    int r = 0;

    if (O->tk.n == 0)
        return 0;
    if (textmatch_find(M, O, G, 0, G->n, &w) == 1 &&
        !textmatch_refused(M, G, w.ws, w.we, 0, short_fits, &S))
        return covers(G, w.ws, w.we) ? 5 : 4; /* the option's text, or in a longer answer */
    if (has_negation_or(G))
        return 0;
    if (textmatch_find(M, G, O, 0, O->n, &w) == 1)
        return 3; /* a part of the option's text: "Baril" for "Maj. Gen. Baril" */
    if (all_words_in(M, G, O))
        return 2; /* its words in another order: "15 April" for "April 15" */
    {
        char *g = proctor_normalize(given), *t = proctor_normalize(text);
        if (g && t && strlen(g) >= 2 && strncmp(t, g, strlen(g)) == 0)
            r = 1; /* the start of it: "Belg" */
        free(g);
        free(t);
    }
    return r;
}

int
textmatch_option(const char *given, char *const *texts, size_t n, size_t *which, size_t *other)
{
    struct words G, *opts = NULL;
    struct matchctx M = {0};
    int best = 0, found = 0, cls;

    *which = *other = SIZE_MAX;
    if (!given || strlen(given) > SHORT_MAX_RAW || words_read(&G, given, 0) < 0)
        return 0;
    if (G.tk.n == 0) {
        words_release(&G);
        return 0;
    }
    if (textmatch_read_all(texts, n, 0, &opts) < 0) {
        textmatch_release_all(opts, n);
        words_release(&G);
        return -1;
    }
    M.typos = -1;
    M.known = opts;
    M.nknown = n;
    for (size_t i = 0; i < n; i++) {
        cls = option_class(&M, &G, &opts[i], given, texts[i]);
        if (cls > best) {
            best = cls;
            *which = i;
            *other = SIZE_MAX;
            found = 1;
        } else if (cls == best && cls > 0 && *other == SIZE_MAX) {
            *other = i;
            found = 2;
        }
    }
    textmatch_release_all(opts, n);
    words_release(&G);
    return found;
}
