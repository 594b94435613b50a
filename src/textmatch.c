/* SPDX-License-Identifier: ISC */
/*
 * textmatch.c - text normalisation and short-answer matching: what a typed word or phrase
 * must be to count as an accepted answer.
 *
 * Deterministic, so that the runner and the verifier agree; the matcher caps its inputs so
 * hostile text stays cheap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "proctor/grade.h"
#include "sbuf.h"

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
    utf8proc_category_t cat = utf8proc_category(c);

    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

static int
is_letter_cp(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);

    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* A thousands separator inside a number: a comma or any space (thin, no-break, ...). */
static int
is_group_sep_cp(utf8proc_int32_t c)
{
    return c == ',' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
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
static char *
normalize(const char *s, int keep_star)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_int32_t *cp = NULL;
    utf8proc_ssize_t r;
    struct sbuf out = {0};
    size_t n = 0, i, j, k;
    int pending = 0, last_star = 0;

    if (!s)
        return NULL;
    r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (r < 0)
        return NULL;
    cp = decode((const char *)mapped, &n);
    free(mapped);
    if (!cp)
        return NULL;

    for (i = 0; i < n;) {
        utf8proc_int32_t c = cp[i];

        if (keep_star && c == '*') {
            if (!last_star)
                sbuf_char(&out, '*');
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
            sbuf_char(&out, ' ');
        pending = 0;
        last_star = 0;
        if (!is_digit_cp(c)) {
            sbuf_cp(&out, c);
            i++;
            continue;
        }
        /* A number: integer digits, thousands groups, then an optional decimal part. */
        for (j = i; j < n && is_digit_cp(cp[j]); j++)
            sbuf_char(&out, (char)cp[j]);
        if (j - i <= 3) {
            while (j + 3 < n && is_group_sep_cp(cp[j]) && is_digit_cp(cp[j + 1]) &&
                   is_digit_cp(cp[j + 2]) && is_digit_cp(cp[j + 3]) &&
                   (j + 4 == n || !is_digit_cp(cp[j + 4]))) {
                for (k = j + 1; k < j + 4; k++)
                    sbuf_char(&out, (char)cp[k]);
                j += 4;
            }
        }
        if (j + 1 < n && cp[j] == '.' && is_digit_cp(cp[j + 1])) {
            sbuf_char(&out, '.');
            for (j++; j < n && is_digit_cp(cp[j]); j++)
                sbuf_char(&out, (char)cp[j]);
        }
        i = j;
    }
    free(cp);
    return sbuf_finish(&out);
}

char *
proctor_normalize(const char *s)
{
    return normalize(s, 0);
}

/* ---------------------------------------------------------------------------------------
 * Short-answer matching.
 */

/* Does s (normalised) hold nothing but numbers: digits, decimal points and spaces? */
static int
is_number_text(const char *s)
{
    int digits = 0;

    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits = 1;
        else if (*s != '.' && *s != ' ')
            return 0;
    }
    return digits;
}

/* The next number (run of digits and '.') at or after *p, or 0 when none is left. */
static int
next_number(const char **p, const char **start, size_t *len)
{
    const char *s = *p;

    while (*s && !(*s >= '0' && *s <= '9'))
        s++;
    if (!*s)
        return 0;
    *start = s;
    while ((*s >= '0' && *s <= '9') || *s == '.')
        s++;
    *len = (size_t)(s - *start);
    *p = s;
    return 1;
}

/* Do a and b (normalised) contain the same numbers in the same order? */
static int
same_numbers(const char *a, const char *b)
{
    const char *sa, *sb;
    size_t la, lb;
    int ha, hb;

    for (;;) {
        ha = next_number(&a, &sa, &la);
        hb = next_number(&b, &sb, &lb);
        if (!ha || !hb)
            return ha == hb;
        if (la != lb || memcmp(sa, sb, la) != 0)
            return 0;
    }
}

/*
 * Optimal string alignment distance between a and b (code points), or a value above k
 * when it exceeds k. Only the diagonal band |i - j| <= k is computed, so the work is
 * O(len * k); cells just outside the band are set to k + 1 as sentinels.
 */
static size_t
osa_within(const utf8proc_int32_t *a, size_t n, const utf8proc_int32_t *b, size_t m, size_t k)
{
    size_t *rows = NULL, *pp, *prev, *cur, *tmp;
    size_t i, j, lo, hi, best, v, inf = k + 1, result;

    if ((n > m ? n - m : m - n) > k)
        return inf;
    rows = malloc(3 * (m + 2) * sizeof *rows);
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
            free(rows);
            return inf;
        }
        tmp = pp;
        pp = prev;
        prev = cur;
        cur = tmp;
    }
    result = prev[m];
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

static size_t
count_letters(const utf8proc_int32_t *cp, size_t n)
{
    size_t i, letters = 0;

    for (i = 0; i < n; i++)
        letters += is_letter_cp(cp[i]) ? 1 : 0;
    return letters;
}

/*
 * Both sides are normalised (the accepted side keeps '*'). An accepted answer with a
 * wildcard is matched exactly, with no typo allowance: a typo budget spread over an
 * unknown-length run would make patterns far too permissive. Otherwise an exact match
 * wins; failing that, up to `typos` edits (insert, delete, substitute, swap of neighbours)
 * are allowed, -1 meaning 1 for answers of 5 or more letters and 0 otherwise. There is never
 * a typo allowance when the accepted answer is a number, nor when the numbers in the two
 * texts differ in any way ("1700" never matches "1600", "170" or "17000").
 */
int
proctor_short_match(const char *accepted, const char *given, int typos)
{
    char *pat = NULL, *g = NULL;
    utf8proc_int32_t *pa = NULL, *ga = NULL;
    size_t np = 0, ng = 0, allowed;
    int ok = 0;

    if (!accepted || !given || strlen(given) > SHORT_MAX_RAW || strlen(accepted) > SHORT_MAX_RAW)
        return 0;
    pat = normalize(accepted, 1);
    g = normalize(given, 0);
    if (!pat || !g || !*g || !*pat || strlen(g) > SHORT_MAX_NORM || strlen(pat) > SHORT_MAX_NORM)
        goto out;
    if (strchr(pat, '*')) {
        ok = wildcard_match(pat, g);
        goto out;
    }
    if (strcmp(pat, g) == 0) {
        ok = 1;
        goto out;
    }
    if (typos == 0 || is_number_text(pat) || !same_numbers(pat, g))
        goto out;
    pa = decode(pat, &np);
    ga = decode(g, &ng);
    if (!pa || !ga)
        goto out;
    if (typos < 0)
        allowed = count_letters(pa, np) >= 5 ? 1 : 0;
    else
        allowed = (size_t)typos;
    if (allowed == 0)
        goto out;
    ok = osa_within(pa, np, ga, ng, allowed) <= allowed;
out:
    free(pat);
    free(g);
    free(pa);
    free(ga);
    return ok;
}
