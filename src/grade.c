/* SPDX-License-Identifier: ISC */
/*
 * grade.c - answer matching, response parsing and the one grading function.
 *
 * Everything here is deterministic and integer (thousandths of a point) so that the runner
 * and the verifier always compute the same score. Nothing here prints or allocates more than
 * the inputs need; the short-answer matcher caps its inputs so hostile text stays cheap.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "proctor/error.h"
#include "proctor/grade.h"
#include "proctor/limits.h"

/*
 * Short answers longer than this (in bytes, before or after normalisation) never match:
 * no accepted answer is that long, and the cap keeps the edit-distance and wildcard
 * matchers cheap on hostile input.
 */
#define SHORT_MAX_NORM 4096
#define SHORT_MAX_RAW 65536


/* Numbers a student types: at most 10^15 in magnitude, so thousandths fit an int64. */
#define NUMBER_MAX_UNITS 1000000000000000LL

/* ---------------------------------------------------------------------------------------
 * A small growable byte buffer for building strings.
 */
struct sbuf {
    char *s;
    size_t len, cap;
    int failed;
};

static void
sb_put(struct sbuf *b, const char *p, size_t n)
{
    char *t;
    size_t want;

    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        want = b->cap ? b->cap : 64;
        while (want < b->len + n + 1)
            want *= 2;
        t = realloc(b->s, want);
        if (!t) {
            b->failed = 1;
            return;
        }
        b->s = t;
        b->cap = want;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void
sb_char(struct sbuf *b, char c)
{
    sb_put(b, &c, 1);
}

/* Appends code point c in UTF-8. */
static void
sb_cp(struct sbuf *b, utf8proc_int32_t c)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);

    sb_put(b, (const char *)tmp, (size_t)n);
}

/* Returns the built string (owned by the caller), or NULL when memory ran out. */
static char *
sb_finish(struct sbuf *b)
{
    if (b->failed || !b->s) {
        free(b->s);
        if (b->failed)
            return NULL;
        return strdup("");
    }
    return b->s;
}

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
        step = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i),
                                &cp[k]);
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
                sb_char(&out, '*');
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
            sb_char(&out, ' ');
        pending = 0;
        last_star = 0;
        if (!is_digit_cp(c)) {
            sb_cp(&out, c);
            i++;
            continue;
        }
        /* A number: integer digits, thousands groups, then an optional decimal part. */
        for (j = i; j < n && is_digit_cp(cp[j]); j++)
            sb_char(&out, (char)cp[j]);
        if (j - i <= 3) {
            while (j + 3 < n && is_group_sep_cp(cp[j]) && is_digit_cp(cp[j + 1]) &&
                   is_digit_cp(cp[j + 2]) && is_digit_cp(cp[j + 3]) &&
                   (j + 4 == n || !is_digit_cp(cp[j + 4]))) {
                for (k = j + 1; k < j + 4; k++)
                    sb_char(&out, (char)cp[k]);
                j += 4;
            }
        }
        if (j + 1 < n && cp[j] == '.' && is_digit_cp(cp[j + 1])) {
            sb_char(&out, '.');
            for (j++; j < n && is_digit_cp(cp[j]); j++)
                sb_char(&out, (char)cp[j]);
        }
        i = j;
    }
    free(cp);
    return sb_finish(&out);
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
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < v)
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

    if (!accepted || !given || strlen(given) > SHORT_MAX_RAW ||
        strlen(accepted) > SHORT_MAX_RAW)
        return 0;
    pat = normalize(accepted, 1);
    g = normalize(given, 0);
    if (!pat || !g || !*g || !*pat || strlen(g) > SHORT_MAX_NORM ||
        strlen(pat) > SHORT_MAX_NORM)
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

/* ---------------------------------------------------------------------------------------
 * Numbers and points.
 */

/* Length of a space-like character at s (ASCII space or tab, or a UTF-8 no-break, thin or
 * narrow no-break space), else 0. */
static size_t
space_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] == ' ' || u[0] == '\t')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2; /* U+00A0 */
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
        return 3; /* U+2009, U+202F */
    return 0;
}

static size_t
skip_spaces(const char *s)
{
    size_t i = 0, n;

    while ((n = space_len(s + i)) > 0)
        i += n;
    return i;
}

/*
 * A number as a student types it: surrounding spaces, an optional sign ('+', '-' or the
 * Unicode minus U+2212), integer digits with optional thousands separators, an optional
 * decimal part. Thousands separators are all commas or all spaces (ASCII, no-break, thin or
 * narrow no-break, one per gap) between correct groups: 1 to 3 digits, then groups of
 * exactly 3 ("1,700", "1 700", "12,345,678"; "17,00" and "1,700 000" are refused). The
 * decimal point is '.'; a comma is never decimal ("2,5" is refused as ambiguous). More than
 * three decimals are rounded half away from zero to thousandths ("0.0005" is 0.001).
 * "1." and "." are refused; ".5" is 0.5. Magnitudes above 10^15 are refused.
 */
int
proctor_parse_number(const char *s, int64_t *out)
{
    int64_t units = 0, frac = 0;
    int neg = 0, sep = 0, fdigits = 0, round_up = 0, ndigits = 0, group;
    size_t n;

    if (!s || !out)
        return -1;
    s += skip_spaces(s);
    if (*s == '+' || *s == '-') {
        neg = *s == '-';
        s++;
    } else if (strncmp(s, "\xE2\x88\x92", 3) == 0) {
        neg = 1;
        s += 3;
    }
    group = 0;
    while (*s >= '0' && *s <= '9') {
        units = units * 10 + (*s - '0');
        if (units > NUMBER_MAX_UNITS)
            return -1;
        group++;
        ndigits++;
        s++;
        if (*s >= '0' && *s <= '9')
            continue;
        /* A separator followed by a digit: a thousands group must follow. */
        n = *s == ',' ? 1 : space_len(s);
        if (n == 0 || !(s[n] >= '0' && s[n] <= '9'))
            break;
        if (sep == 0) {
            if (group > 3)
                return -1;
            sep = *s == ',' ? 1 : 2;
        } else if (group != 3 || sep != (*s == ',' ? 1 : 2)) {
            return -1;
        }
        s += n;
        group = 0;
    }
    if (sep != 0 && group != 3)
        return -1;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return -1;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (fdigits < 3)
                frac = frac * 10 + (*s - '0');
            else if (fdigits == 3)
                round_up = *s >= '5';
            fdigits++;
            ndigits++;
        }
    }
    if (ndigits == 0)
        return -1;
    s += skip_spaces(s);
    if (*s != '\0')
        return -1;
    for (; fdigits < 3; fdigits++)
        frac *= 10;
    units = units * 1000 + frac + round_up;
    if (units > NUMBER_MAX_UNITS * 1000)
        return -1;
    *out = neg ? -units : units;
    return 0;
}

const char *
proctor_format_points(int64_t v, char *buf, size_t size)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    unsigned frac = (unsigned)(a % 1000);
    char digits[8];
    int nd;

    if (!buf || size == 0)
        return buf;
    if (frac == 0) {
        snprintf(buf, size, "%s%llu", v < 0 ? "-" : "", (unsigned long long)(a / 1000));
        return buf;
    }
    nd = 3;
    snprintf(digits, sizeof digits, "%03u", frac);
    while (nd > 0 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    snprintf(buf, size, "%s%llu.%s", v < 0 ? "-" : "", (unsigned long long)(a / 1000), digits);
    return buf;
}

/* ---------------------------------------------------------------------------------------
 * Grading.
 */

int64_t
proctor_grade_max(const struct proctor_question *q)
{
    if (!q || q->type == PROCTOR_ESSAY || q->points < 0 || q->sealed)
        return 0;
    return q->points;
}

/* points * num / den, rounded down, for 0 <= num <= den, den > 0, without overflow. */
static int64_t
share(int64_t points, int64_t num, int64_t den)
{
    if (points <= 0 || num <= 0 || den <= 0)
        return 0;
    if (num >= den)
        return points;
    return (points / den) * num + (points % den) * num / den;
}

static int
same_id(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Index of the option whose id is id, or -1. */
static long
find_option(const struct proctor_option *opts, size_t n, const char *id)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (same_id(opts[i].id, id))
            return (long)i;
    return -1;
}

static int
response_has(const struct proctor_response *r, const char *id)
{
    size_t i;

    for (i = 0; i < r->nids; i++)
        if (same_id(r->ids[i], id))
            return 1;
    return 0;
}

static int64_t
grade_choice(const struct proctor_question *q, const struct proctor_response *r)
{
    long k;

    if (r->nids != 1 || !r->ids)
        return 0;
    k = find_option(q->options, q->noptions, r->ids[0]);
    return k >= 0 && q->options[k].correct ? q->points : 0;
}

/*
 * Moodle's multiple-answer scoring: the correct options share +100 %, the wrong ones share
 * -100 %, floored at 0. Each option counts once however often it is named; unknown ids are
 * ignored. earned = points * (hits * nwrong - wrongpicks * ncorrect) / (ncorrect * nwrong).
 */
static int64_t
grade_multi(const struct proctor_question *q, const struct proctor_response *r)
{
    int64_t ncorrect = 0, nwrong = 0, hits = 0, wrongpicks = 0, num;
    size_t i;

    if (!r->ids)
        return 0;
    for (i = 0; i < q->noptions; i++) {
        int picked = response_has(r, q->options[i].id);

        if (q->options[i].correct) {
            ncorrect++;
            hits += picked;
        } else {
            nwrong++;
            wrongpicks += picked;
        }
    }
    if (ncorrect == 0)
        return 0;
    if (nwrong == 0)
        return share(q->points, hits, ncorrect);
    num = hits * nwrong - wrongpicks * ncorrect;
    return share(q->points, num, ncorrect * nwrong);
}

static int64_t
grade_short(const struct proctor_question *q, const struct proctor_response *r)
{
    size_t i;

    if (!r->text)
        return 0;
    for (i = 0; i < q->naccept; i++)
        if (proctor_short_match(q->accept[i], r->text, q->typos))
            return q->points;
    return 0;
}

static int64_t
grade_numeric(const struct proctor_question *q, const struct proctor_response *r)
{
    int64_t v;

    if (!r->text || proctor_parse_number(r->text, &v) != 0)
        return 0;
    return v >= q->lo && v <= q->hi ? q->points : 0;
}

/*
 * Kendall: the share of item pairs put in the right relative order. The response must
 * name every item exactly once; anything else earns 0.
 */
static int64_t
grade_order(const struct proctor_question *q, const struct proctor_response *r)
{
    size_t n = q->noptions, i, j, *pos = NULL;
    unsigned char *seen = NULL;
    int64_t concordant = 0, total, earned = 0;
    long k;

    if (n == 0 || r->nids != n || !r->ids)
        return 0;
    pos = malloc(n * sizeof *pos);
    seen = calloc(n, 1);
    if (!pos || !seen)
        goto out;
    for (i = 0; i < n; i++) {
        k = find_option(q->options, n, r->ids[i]);
        if (k < 0 || seen[k])
            goto out;
        seen[k] = 1;
        pos[i] = (size_t)k;
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            concordant += pos[i] < pos[j];
    total = (int64_t)n * (int64_t)(n - 1) / 2;
    earned = total == 0 ? q->points : share(q->points, concordant, total);
out:
    free(pos);
    free(seen);
    return earned;
}

/*
 * Each left item paired with its own right item earns points / npairs (computed as
 * points * correct / npairs, so shares add up without drift). Unknown ids are ignored;
 * when a left item is named more than once only its first pairing counts.
 */
static int64_t
grade_match(const struct proctor_question *q, const struct proctor_response *r)
{
    size_t npairs = q->npairs, i;
    unsigned char *seen = NULL;
    int64_t correct = 0;
    long l, rt;

    if (npairs == 0 || npairs > q->noptions || npairs > q->nrights || !r->ids || !r->ids2)
        return 0;
    seen = calloc(q->noptions, 1);
    if (!seen)
        return 0;
    for (i = 0; i < r->nids; i++) {
        l = find_option(q->options, q->noptions, r->ids[i]);
        if (l < 0 || seen[l])
            continue;
        seen[l] = 1;
        rt = find_option(q->rights, q->nrights, r->ids2[i]);
        if (rt >= 0 && rt == l && (size_t)l < npairs)
            correct++;
    }
    free(seen);
    return share(q->points, correct, (int64_t)npairs);
}

int64_t
proctor_grade(const struct proctor_question *q, const struct proctor_response *r)
{
    int64_t earned = 0;

    if (!q || !r || !r->answered || q->points <= 0 || q->sealed)
        return 0;
    switch (q->type) {
    case PROCTOR_CHOICE: earned = grade_choice(q, r); break;
    case PROCTOR_MULTI: earned = grade_multi(q, r); break;
    case PROCTOR_TRUEFALSE: earned = (!r->truth == !q->truth) ? q->points : 0; break;
    case PROCTOR_SHORT: earned = grade_short(q, r); break;
    case PROCTOR_NUMERIC: earned = grade_numeric(q, r); break;
    case PROCTOR_ORDER: earned = grade_order(q, r); break;
    case PROCTOR_MATCH: earned = grade_match(q, r); break;
    case PROCTOR_ESSAY: earned = 0; break; /* marked by the teacher */
    }
    if (earned < 0)
        earned = 0;
    if (earned > proctor_grade_max(q))
        earned = proctor_grade_max(q);
    return earned;
}

/* ---------------------------------------------------------------------------------------
 * Responses.
 */

void
proctor_response_release(struct proctor_response *r)
{
    size_t i;

    if (!r)
        return;
    free(r->text);
    for (i = 0; i < r->nids; i++) {
        if (r->ids)
            free(r->ids[i]);
        if (r->ids2)
            free(r->ids2[i]);
    }
    free(r->ids);
    free(r->ids2);
    memset(r, 0, sizeof *r);
}

static char **
copy_ids(char *const *ids, size_t n, int *failed)
{
    char **out;
    size_t i;

    if (!ids)
        return NULL;
    out = calloc(n ? n : 1, sizeof *out);
    if (!out) {
        *failed = 1;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (ids[i] && !(out[i] = strdup(ids[i])))
            *failed = 1;
    }
    return out;
}

/* Deep copy; dst is overwritten (not released first). On failure dst is left empty. */
int
proctor_response_copy(struct proctor_response *dst, const struct proctor_response *src)
{
    int failed = 0;

    if (!dst)
        return PROCTOR_EUSAGE;
    memset(dst, 0, sizeof *dst);
    if (!src)
        return 0;
    dst->answered = src->answered;
    dst->truth = src->truth;
    dst->nids = src->nids;
    if (src->text && !(dst->text = strdup(src->text)))
        failed = 1;
    dst->ids = copy_ids(src->ids, src->nids, &failed);
    dst->ids2 = copy_ids(src->ids2, src->nids, &failed);
    if (failed) {
        proctor_response_release(dst);
        return PROCTOR_ENOMEM;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------
 * Parsing what a student typed.
 */

static int
is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Copies line without leading and trailing ASCII whitespace into a malloc'd string. */
static char *
trimmed(const char *line)
{
    size_t len;
    char *s;

    while (is_sp(*line))
        line++;
    len = strlen(line);
    while (len > 0 && is_sp(line[len - 1]))
        len--;
    s = malloc(len + 1);
    if (!s)
        return NULL;
    memcpy(s, line, len);
    s[len] = '\0';
    return s;
}

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
is_alpha(int c)
{
    c = lower(c);
    return c >= 'a' && c <= 'z';
}

static int
is_num(int c)
{
    return c >= '0' && c <= '9';
}

/* The label of displayed index k: "a".."z", then numbers. */
static void
label(size_t k, char *buf, size_t size)
{
    if (k < 26)
        snprintf(buf, size, "%c", (char)('a' + k));
    else
        snprintf(buf, size, "%zu", k + 1);
}

/* "a to d" for n options (numbers past 26). */
static void
label_range(size_t n, char *buf, size_t size)
{
    char last[24];

    label(n - 1, last, sizeof last);
    if (n > 26)
        snprintf(buf, size, "1 to %zu", n);
    else
        snprintf(buf, size, "a to %s", last);
}

/*
 * Reads a decimal number of at most 6 digits at *p (advancing it); a longer number yields
 * SIZE_MAX, which is out of every range.
 */
static size_t
read_num(const char **p)
{
    const char *s = *p;
    size_t v = 0, nd = 0;

    for (; is_num(*s); s++) {
        if (nd < 6)
            v = v * 10 + (size_t)(*s - '0');
        nd++;
    }
    *p = s;
    return nd > 6 ? SIZE_MAX : v;
}

/* Canonical index of the option displayed k-th. */
static size_t
canon(const size_t *perm, size_t k)
{
    return perm ? perm[k] : k;
}

static int
check_perm(const size_t *perm, size_t n, struct proctor_error *err)
{
    size_t i, j;

    if (!perm)
        return 0;
    for (i = 0; i < n; i++) {
        if (perm[i] >= n)
            return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                     "display order names option %zu of %zu", perm[i] + 1, n);
        for (j = 0; j < i; j++)
            if (perm[j] == perm[i])
                return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                         "display order names option %zu twice", perm[i] + 1);
    }
    return 0;
}

/* Allocates r->ids (and r->ids2 when both) for n entries. */
static int
alloc_ids(struct proctor_response *r, size_t n, int both)
{
    r->ids = calloc(n ? n : 1, sizeof *r->ids);
    if (!r->ids)
        return -1;
    if (both) {
        r->ids2 = calloc(n ? n : 1, sizeof *r->ids2);
        if (!r->ids2)
            return -1;
    }
    return 0;
}

static int
push_id(struct proctor_response *r, const char *id, const char *id2)
{
    size_t i = r->nids;

    r->ids[i] = strdup(id ? id : "");
    r->nids++;
    if (!r->ids[i])
        return -1;
    if (r->ids2) {
        r->ids2[i] = strdup(id2 ? id2 : "");
        if (!r->ids2[i])
            return -1;
    }
    return 0;
}

static int
is_list_sep(char c)
{
    return is_sp(c) || c == ',' || c == ';';
}

/*
 * Splits s into displayed indexes: tokens separated by spaces, commas or semicolons; a
 * token is a number (1-based) or a run of letters (each one a label, so "cab" is c, a, b).
 * Writes up to max indexes into out (0-based; SIZE_MAX for 0 or a number too long) and
 * returns how many the text holds, or -1 when a token is neither (*bad points at it).
 * Indexes typed as numbers are flagged in typed_num (when not NULL).
 */
static long
split_labels(const char *s, size_t *out, unsigned char *typed_num, size_t max,
             const char **bad)
{
    long count = 0;
    size_t v;

    for (;;) {
        while (is_list_sep(*s))
            s++;
        if (!*s)
            return count;
        if (is_num(*s)) {
            v = read_num(&s);
            v = v == 0 || v == SIZE_MAX ? SIZE_MAX : v - 1;
            if ((size_t)count < max) {
                out[count] = v;
                if (typed_num)
                    typed_num[count] = 1;
            }
            count++;
        } else if (is_alpha(*s)) {
            for (; is_alpha(*s); s++) {
                if ((size_t)count < max) {
                    out[count] = (size_t)(lower(*s) - 'a');
                    if (typed_num)
                        typed_num[count] = 0;
                }
                count++;
            }
        } else {
            *bad = s;
            return -1;
        }
        if (*s && !is_list_sep(*s)) {
            *bad = s;
            return -1;
        }
    }
}

/* Index k as the student typed it, for messages: "e", "9", or "0" for 0 and huge numbers. */
static void
shown(size_t k, int typed_num, char *buf, size_t size)
{
    if (k == SIZE_MAX)
        snprintf(buf, size, "0");
    else if (typed_num)
        snprintf(buf, size, "%zu", k + 1);
    else
        label(k, buf, size);
}

static int
parse_choice(const struct proctor_question *q, const size_t *perm, const char *s,
             struct proctor_response *r, struct proctor_error *err)
{
    size_t n = q->noptions, k = SIZE_MAX, len = strlen(s);
    char range[48];
    const char *p = s;

    label_range(n, range, sizeof range);
    if (len > 0 && *p == '(')
        p++, len--;
    if (len > 0 && (p[len - 1] == ')' || p[len - 1] == '.'))
        len--;
    if (len == 1 && is_alpha(*p)) {
        k = (size_t)(lower(*p) - 'a');
    } else if (len > 0 && is_num(*p)) {
        const char *e = p;

        k = read_num(&e);
        k = (size_t)(e - p) == len && k > 0 && k != SIZE_MAX ? k - 1 : SIZE_MAX;
    }
    if (k >= n && n > 26)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "answer with one number from %s", range);
    if (k >= n)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "answer with one letter from %s", range);
    if (alloc_ids(r, 1, 0) || push_id(r, q->options[canon(perm, k)].id, NULL))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    return 0;
}

static int
parse_multi(const struct proctor_question *q, const size_t *perm, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    size_t n = q->noptions, *idx = NULL, i, j;
    unsigned char *typed_num = NULL;
    const char *bad = NULL;
    char range[48], what[24];
    long count;
    int rc = 0;

    label_range(n, range, sizeof range);
    count = split_labels(s, NULL, NULL, 0, &bad);
    if (count < 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "choose letters from %s separated by spaces, e.g. 'a c'",
                                 range);
    if (count == 0)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "choose at least one letter from %s, e.g. 'a c'", range);
    idx = malloc((size_t)count * sizeof *idx);
    typed_num = malloc((size_t)count);
    if (!idx || !typed_num || alloc_ids(r, (size_t)count, 0)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    split_labels(s, idx, typed_num, (size_t)count, &bad);
    for (i = 0; i < (size_t)count; i++) {
        shown(idx[i], typed_num[i], what, sizeof what);
        if (idx[i] >= n) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "'%s' is not one of the options: choose from %s", what,
                                   range);
            goto out;
        }
        for (j = 0; j < i; j++) {
            if (idx[j] == idx[i]) {
                rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "'%s' is given twice: name each choice once", what);
                goto out;
            }
        }
        if (push_id(r, q->options[canon(perm, idx[i])].id, NULL)) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
out:
    free(idx);
    free(typed_num);
    return rc;
}

/* An example order answer for n items: "c a b", then the rest with the last two swapped. */
static void
order_example(size_t n, char *buf, size_t size)
{
    size_t i, len = 0;
    char l[24];

    buf[0] = '\0';
    if (n > 26 || n < 3) {
        snprintf(buf, size, "%s", n == 2 ? "b a" : "3 1 2");
        return;
    }
    snprintf(buf, size, "c a b");
    len = strlen(buf);
    for (i = 3; i < n && len + 3 < size; i++) {
        size_t k = i;

        if (n - 3 >= 2 && i >= n - 2)
            k = i == n - 2 ? n - 1 : n - 2;
        label(k, l, sizeof l);
        len += (size_t)snprintf(buf + len, size - len, " %s", l);
    }
}

static int
parse_order(const struct proctor_question *q, const size_t *perm, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    size_t n = q->noptions, *idx = NULL, i, j;
    const char *bad = NULL;
    char range[48], example[128];
    long count;
    int rc = 0;

    label_range(n, range, sizeof range);
    order_example(n, example, sizeof example);
    count = split_labels(s, NULL, NULL, 0, &bad);
    if (count != (long)n)
        goto invalid;
    idx = malloc(n * sizeof *idx);
    if (!idx || alloc_ids(r, n, 0)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    split_labels(s, idx, NULL, n, &bad);
    for (i = 0; i < n; i++) {
        if (idx[i] >= n)
            goto invalid;
        for (j = 0; j < i; j++)
            if (idx[j] == idx[i])
                goto invalid;
    }
    for (i = 0; i < n; i++) {
        if (push_id(r, q->options[canon(perm, idx[i])].id, NULL)) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
    goto out;
invalid:
    rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                           "give each of %s exactly once, e.g. '%s'", range, example);
out:
    free(idx);
    return rc;
}

/*
 * Pairs like "1b 2a 3c", "1=b, 2=a" or "1-b": a left number, optionally '=', '-' or ':'
 * (spaces allowed around it), then one right letter. Each left at most once; at least one
 * pair. Lefts left unpaired simply earn nothing.
 */
static int
parse_match(const struct proctor_question *q, const size_t *perm, const char *s,
            struct proctor_response *r, struct proctor_error *err)
{
    size_t nl = q->noptions, nr = q->nrights, left, right, i;
    unsigned char *seen = NULL;
    char range[48], example[32];
    int rc = 0;
    const char *p;

    label_range(nr, range, sizeof range);
    snprintf(example, sizeof example, "%s", nr >= 2 && nl >= 2 ? "1b 2a" : "1a");
    /* Each left item is paired at most once, so there are at most nl pairs. */
    seen = calloc(nl, 1);
    if (!seen || alloc_ids(r, nl, 1)) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    p = s;
    for (;;) {
        while (is_list_sep(*p))
            p++;
        if (!*p)
            break;
        if (!is_num(*p))
            goto invalid;
        left = read_num(&p);
        while (is_sp(*p))
            p++;
        if (*p == '=' || *p == '-' || *p == ':')
            p++;
        while (is_sp(*p))
            p++;
        if (!is_alpha(*p) || is_alpha(p[1]))
            goto invalid;
        right = (size_t)(lower(*p) - 'a');
        p++;
        if (*p && !is_list_sep(*p) && !is_num(*p))
            goto invalid;
        if (left == 0 || left > nl) {
            if (left == SIZE_MAX)
                rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "there is no item that large: items are 1 to %zu", nl);
            else
                rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                       "there is no item %zu: items are 1 to %zu", left, nl);
            goto out;
        }
        if (right >= nr) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "'%c' is not one of the letters: pair with %s",
                                   (char)('a' + right), range);
            goto out;
        }
        if (seen[left - 1]) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "item %zu is paired twice: pair each item once", left);
            goto out;
        }
        seen[left - 1] = 1;
        i = canon(perm, right);
        if (push_id(r, q->options[left - 1].id, q->rights[i].id)) {
            rc = proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
    if (r->nids == 0)
        goto invalid;
    goto out;
invalid:
    rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                           "pair item numbers with letters from %s, e.g. '%s'", range,
                           example);
out:
    free(seen);
    return rc;
}

static int
parse_truth(const char *s, int *truth)
{
    static const char *const yes[] = {"t", "true", "y", "yes"};
    static const char *const no[] = {"f", "false", "n", "no"};
    size_t i;

    for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *truth = 1;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *truth = 0;
            return 0;
        }
    }
    return -1;
}

static int
valid_utf8(const char *s)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s), i = 0, step;

    while (i < len) {
        step = utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &c);
        if (step <= 0)
            return 0;
        i += step;
    }
    return 1;
}

/*
 * r is overwritten (a response it held before is not released: release it first). On
 * success r->answered is 1; on failure r is left empty.
 */
int
proctor_response_parse(const struct proctor_question *q, const size_t *perm, const char *line,
                       struct proctor_response *r, struct proctor_error *err)
{
    char *s = NULL;
    int rc = 0;
    int64_t v;

    if (!r)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no response to fill");
    memset(r, 0, sizeof *r);
    if (!q || !line)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no question or answer");
    s = trimmed(line);
    if (!s)
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    if (!valid_utf8(s)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "the answer is not valid UTF-8 text");
        goto out;
    }
    /* what response-json.c reads back: a longer answer could be saved but never resumed
     * or verified */
    if (strlen(s) > PROCTOR_ANSWER_MAX_BYTES) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                               "the answer is too long (at most 64 KiB)");
        goto out;
    }
    switch (q->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
    case PROCTOR_ORDER:
        if (q->noptions == 0) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "question '%s' has no options",
                                   q->id ? q->id : "");
            break;
        }
        if ((rc = check_perm(perm, q->noptions, err)) != 0)
            break;
        if (q->type == PROCTOR_CHOICE)
            rc = parse_choice(q, perm, s, r, err);
        else if (q->type == PROCTOR_MULTI)
            rc = parse_multi(q, perm, s, r, err);
        else
            rc = parse_order(q, perm, s, r, err);
        break;
    case PROCTOR_MATCH:
        if (q->noptions == 0 || q->nrights == 0) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "question '%s' has no pairs",
                                   q->id ? q->id : "");
            break;
        }
        if ((rc = check_perm(perm, q->nrights, err)) != 0)
            break;
        rc = parse_match(q, perm, s, r, err);
        break;
    case PROCTOR_TRUEFALSE:
        if (parse_truth(s, &r->truth) != 0)
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "answer true or false (t or f, yes or no)");
        break;
    case PROCTOR_NUMERIC:
        if (proctor_parse_number(s, &v) != 0) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "expected a number such as 1,700");
            break;
        }
        r->text = s;
        s = NULL;
        break;
    case PROCTOR_SHORT:
    case PROCTOR_ESSAY:
        if (!*s) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                   "type an answer, or :skip");
            break;
        }
        r->text = s;
        s = NULL;
        break;
    default:
        rc = proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "unknown question type");
        break;
    }
out:
    free(s);
    if (rc != 0)
        proctor_response_release(r);
    else
        r->answered = 1;
    return rc;
}

/* ---------------------------------------------------------------------------------------
 * Describing the correct answer.
 */

/* Displayed index of canonical option c under perm (c itself when perm is NULL). */
static size_t
displayed(const size_t *perm, size_t n, size_t c)
{
    size_t k;

    if (!perm)
        return c;
    for (k = 0; k < n; k++)
        if (perm[k] == c)
            return k;
    return c;
}

static void
sb_label(struct sbuf *b, size_t k)
{
    char l[24];

    label(k, l, sizeof l);
    sb_str(b, l);
}

static void
describe_numeric(const struct proctor_question *q, struct sbuf *b)
{
    char x[32], y[32];

    if (q->lo == q->hi) {
        sb_str(b, proctor_format_points(q->lo, x, sizeof x));
    } else if (!q->is_range && q->value - q->lo == q->hi - q->value) {
        sb_str(b, proctor_format_points(q->value, x, sizeof x));
        sb_str(b, " (\xC2\xB1 ");
        sb_str(b, proctor_format_points(q->hi - q->value, y, sizeof y));
        sb_str(b, ")");
    } else {
        sb_str(b, proctor_format_points(q->lo, x, sizeof x));
        sb_str(b, " to ");
        sb_str(b, proctor_format_points(q->hi, y, sizeof y));
    }
}

/*
 * choice "b) Maj. Gen. Baril"; multi "a) X; c) Y"; truefalse "true"; short the first
 * accepted answer without '*'; numeric "1700", "400 (± 50)" (a tolerance: the value sits in
 * the middle of the range) or "300 to 500"; order "c, a, b: first; second; third"; match
 * "1-b Force Commander; 2-a ..."; essay "(marked by the teacher) rubric: ...".
 */
char *
proctor_describe_answer(const struct proctor_question *q, const size_t *perm)
{
    struct sbuf b = {0};
    size_t i, k, n;
    const char *p;
    int first = 1;

    if (!q)
        return NULL;
    n = q->type == PROCTOR_MATCH ? q->nrights : q->noptions;
    if (perm && q->type != PROCTOR_TRUEFALSE && check_perm(perm, n, NULL) != 0)
        perm = NULL;
    switch (q->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        for (k = 0; k < n; k++) {
            i = canon(perm, k);
            if (!q->options[i].correct)
                continue;
            if (!first)
                sb_str(&b, "; ");
            first = 0;
            sb_label(&b, k);
            sb_str(&b, ") ");
            sb_str(&b, q->options[i].text ? q->options[i].text : "");
        }
        break;
    case PROCTOR_TRUEFALSE: sb_str(&b, q->truth ? "true" : "false"); break;
    case PROCTOR_SHORT:
        if (q->naccept > 0 && q->accept[0]) {
            struct sbuf t = {0};
            char *clean;

            for (p = q->accept[0]; *p; p++)
                if (*p != '*')
                    sb_char(&t, *p);
            clean = sb_finish(&t);
            if (!clean) {
                b.failed = 1;
                break;
            }
            p = clean;
            while (is_sp(*p))
                p++;
            k = strlen(p);
            while (k > 0 && is_sp(p[k - 1]))
                k--;
            sb_put(&b, p, k);
            free(clean);
        }
        break;
    case PROCTOR_NUMERIC: describe_numeric(q, &b); break;
    case PROCTOR_ORDER:
        for (i = 0; i < n; i++) {
            if (i > 0)
                sb_str(&b, ", ");
            sb_label(&b, displayed(perm, n, i));
        }
        sb_str(&b, ":");
        for (i = 0; i < n; i++) {
            sb_str(&b, i > 0 ? "; " : " ");
            sb_str(&b, q->options[i].text ? q->options[i].text : "");
        }
        break;
    case PROCTOR_MATCH:
        for (i = 0; i < q->npairs && i < q->noptions && i < n; i++) {
            char num[24];

            if (i > 0)
                sb_str(&b, "; ");
            snprintf(num, sizeof num, "%zu-", i + 1);
            sb_str(&b, num);
            sb_label(&b, displayed(perm, n, i));
            sb_char(&b, ' ');
            sb_str(&b, q->rights[i].text ? q->rights[i].text : "");
        }
        break;
    case PROCTOR_ESSAY:
        sb_str(&b, "(marked by the teacher)");
        if (q->rubric && *q->rubric) {
            sb_str(&b, " rubric: ");
            sb_str(&b, q->rubric);
        }
        break;
    default: break;
    }
    return sb_finish(&b);
}

/* The option with this id as shown: "b) Lee"; the id itself when q has no such option. */
static void
describe_option(struct sbuf *b, const struct proctor_option *opts, size_t n, const size_t *perm,
                const char *id)
{
    long k = find_option(opts, n, id);

    if (k < 0) {
        sb_str(b, id);
        return;
    }
    sb_label(b, displayed(perm, n, (size_t)k));
    sb_str(b, ") ");
    sb_str(b, opts[k].text ? opts[k].text : "");
}

/*
 * Like proctor_describe_answer, for a response: choice "b) Lee"; multi "a) X; c) Y" in the
 * order shown; order "c, a, b: X; Y; Z" in the order given; match "1-b chaired; 2-a ..." for
 * the pairs given; truefalse "true"; short, numeric, essay the text as typed; "" when
 * unanswered.
 */
char *
proctor_describe_response(const struct proctor_question *q, const size_t *perm,
                          const struct proctor_response *r)
{
    struct sbuf b = {0};
    size_t n;
    int first = 1;

    if (!q || !r)
        return NULL;
    n = q->type == PROCTOR_MATCH ? q->nrights : q->noptions;
    if (perm && q->type != PROCTOR_TRUEFALSE && check_perm(perm, n, NULL) != 0)
        perm = NULL;
    if (!r->answered) {
        sb_str(&b, "");
        return sb_finish(&b);
    }
    switch (q->type) {
    case PROCTOR_CHOICE:
        if (r->nids == 1)
            describe_option(&b, q->options, n, perm, r->ids[0]);
        break;
    case PROCTOR_MULTI:
        for (size_t k = 0; k < n; k++) {
            size_t i = canon(perm, k);
            if (!response_has(r, q->options[i].id))
                continue;
            if (!first)
                sb_str(&b, "; ");
            first = 0;
            describe_option(&b, q->options, n, perm, q->options[i].id);
        }
        if (first)
            sb_str(&b, "(none)");
        break;
    case PROCTOR_ORDER:
        for (size_t i = 0; i < r->nids; i++) {
            long k = find_option(q->options, n, r->ids[i]);
            char l[24];
            if (i > 0)
                sb_str(&b, ", ");
            if (k < 0)
                snprintf(l, sizeof l, "?");
            else
                label(displayed(perm, n, (size_t)k), l, sizeof l);
            sb_str(&b, l);
        }
        sb_str(&b, ":");
        for (size_t i = 0; i < r->nids; i++) {
            long k = find_option(q->options, n, r->ids[i]);
            sb_str(&b, i > 0 ? "; " : " ");
            sb_str(&b, k >= 0 && q->options[k].text ? q->options[k].text : r->ids[i]);
        }
        break;
    case PROCTOR_MATCH:
        for (size_t i = 0; i < q->noptions; i++) {
            long rt = -1;
            char num[24];
            for (size_t j = 0; r->ids2 && j < r->nids && rt < 0; j++)
                if (same_id(r->ids[j], q->options[i].id))
                    rt = find_option(q->rights, n, r->ids2[j]);
            if (rt < 0)
                continue;
            if (!first)
                sb_str(&b, "; ");
            first = 0;
            snprintf(num, sizeof num, "%zu-", i + 1);
            sb_str(&b, num);
            sb_label(&b, displayed(perm, n, (size_t)rt));
            sb_char(&b, ' ');
            sb_str(&b, q->rights[rt].text ? q->rights[rt].text : "");
        }
        if (first)
            sb_str(&b, "(none)");
        break;
    case PROCTOR_TRUEFALSE: sb_str(&b, r->truth ? "true" : "false"); break;
    case PROCTOR_SHORT:
    case PROCTOR_NUMERIC:
    case PROCTOR_ESSAY: sb_str(&b, r->text ? r->text : ""); break;
    }
    return sb_finish(&b);
}
