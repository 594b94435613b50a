/* SPDX-License-Identifier: ISC */
/* number.c - numbers as students type them ("1,700", "-3.5"), and points as people read them. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "number.h"
#include "proctor/grade.h"
#include "tokens.h"

/* Numbers a student types: at most 10^15 in magnitude, so thousandths fit an int64. */
#define NUMBER_MAX_UNITS 1000000000000000LL

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
 * Finding the number in an answer as a student types it.
 */

/* One number said in the answer, and what surrounds it. */
struct mention {
    int64_t value;      /* thousandths */
    size_t first, last; /* its words */
    unsigned flags;
};

enum {
    M_ORDINAL = 1u << 0, /* "2nd" */
    M_GLUED = 1u << 1,   /* part of a name: "G3", "AK47" */
    M_YEAR = 1u << 2,    /* 1900 to 2099, four digits */
    M_DATE = 1u << 3,    /* beside a month: "5 April", "April 5, 1994" */
    M_ECHO = 1u << 4,    /* a number the question itself states */
    M_NEGATED = 1u << 5, /* "not 400" */
    M_DOT3 = 1u << 6,    /* "1.700" read as thousands */
    M_SCALED = 1u << 7,  /* "150k", "150 thousand" */
};

struct numwords {
    const char *w;
    int v;
};

static const struct numwords small_words[] = {
    {"zero", 0},      {"one", 1},        {"two", 2},       {"three", 3},    {"four", 4},
    {"five", 5},      {"six", 6},        {"seven", 7},     {"eight", 8},    {"nine", 9},
    {"ten", 10},      {"eleven", 11},    {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},   {"thirty", 30},    {"forty", 40},    {"fourty", 40},  {"fifty", 50},
    {"sixty", 60},    {"seventy", 70},   {"eighty", 80},   {"ninety", 90},  {NULL, 0}};

int
number_word(const char *key)
{
    for (size_t i = 0; small_words[i].w; i++)
        if (strcmp(small_words[i].w, key) == 0)
            return small_words[i].v;
    return -1;
}

/* Thousand and above: the scale's multiplier, or 0. */
static int64_t
scale_value(const char *key)
{
    if (!strcmp(key, "thousand") || !strcmp(key, "thousands") || !strcmp(key, "k"))
        return 1000;
    if (!strcmp(key, "million") || !strcmp(key, "millions") || !strcmp(key, "mn"))
        return 1000000;
    if (!strcmp(key, "billion") || !strcmp(key, "billions") || !strcmp(key, "bn"))
        return 1000000000;
    return 0;
}

static int
is_hundred(const char *key)
{
    return !strcmp(key, "hundred") || !strcmp(key, "hundreds");
}

static int
is_dozen(const char *key)
{
    return !strcmp(key, "dozen") || !strcmp(key, "dozens");
}

/* The value of number word i (a digit word's own value), or -1. Thousandths. */
static int
digits_value(const struct token *t, int whole, int64_t *out, unsigned *flags)
{
    const char *s = t->w;
    int64_t units = 0, frac = 0;
    int fd = 0, round = 0;

    for (; *s >= '0' && *s <= '9'; s++) {
        units = units * 10 + (*s - '0');
        if (units > NUMBER_MAX_UNITS)
            return -1;
    }
    if (*s == '.' && (t->flags & TOK_DOT3) && whole) {
        /* "1.700" is 1,700 when the answer is a whole number */
        for (s++; *s; s++)
            units = units * 10 + (*s - '0');
        *flags |= M_DOT3;
    } else if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, fd++) {
            if (fd < 3)
                frac = frac * 10 + (*s - '0');
            else if (fd == 3)
                round = *s >= '5';
        }
    }
    for (; fd < 3; fd++)
        frac *= 10;
    *out = units * 1000 + frac + round;
    return 0;
}

static int
is_month(const char *key)
{
    static const char *const months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", NULL};

    for (size_t i = 0; months[i]; i++)
        if (strcmp(months[i], key) == 0)
            return 1;
    return 0;
}

static int
is_ordinal_suffix(const char *key)
{
    return !strcmp(key, "st") || !strcmp(key, "nd") || !strcmp(key, "rd") ||
           !strcmp(key, "th");
}

/* v * m, thousandths, or -1 past the cap. */
static int64_t
times(int64_t v, int64_t m)
{
    if (m != 0 && v > NUMBER_MAX_UNITS * 1000 / m)
        return -1;
    return v * m;
}

/*
 * Reads the number said from word i on: digits or English number words ("forty-eight",
 * "one thousand seven hundred", "seventeen hundred", "a thousand", "150 thousand", "150k",
 * "1.7 thousand", "5 thousand 500", "two dozen"). Returns the words it takes (0 when word i
 * starts no number), the value in thousandths in *value; -1 when the number is too large.
 */
static size_t
read_said(const struct tokens *tk, size_t i, int whole, int64_t *value, unsigned *flags)
{
    enum { NONE, DIGITS, UNIT, TEN, HUNDRED, SCALE, AND } last = NONE;
    int64_t total = 0, current = 0, v; /* thousandths */
    int64_t last_scale = 0;
    size_t j = i, end = i;

    for (; j < tk->n; j++) {
        const struct token *t = &tk->t[j];
        const char *k = t->key;
        int wv;
        int64_t sc;

        /* "five thousand, five hundred": a comma after a scale, before its hundreds */
        if (j > i && (t->sep & (SEP_BREAK | SEP_SLASH)) &&
            !(last == SCALE && (t->sep & ~SEP_SPACE) == SEP_COMMA && number_word(k) > 0 &&
              number_word(k) < 10 && j + 1 < tk->n && is_hundred(tk->t[j + 1].key) &&
              !(tk->t[j + 1].sep & ~SEP_SPACE)))
            break;
        if (t->flags & TOK_NUMBER) {
            if (!(last == NONE || (last == SCALE && t->sep != 0)))
                break;
            if (digits_value(t, whole, &v, flags) < 0)
                return (size_t)-1;
            if (last == SCALE && v >= last_scale * 1000)
                break;
            current = v;
            last = DIGITS;
        } else if ((wv = number_word(k)) >= 0) {
            if (wv < 10 && wv > 0 && !(last == NONE || last == TEN || last == HUNDRED ||
                                       last == SCALE || last == AND))
                break;
            if (wv >= 10 && !(last == NONE || last == HUNDRED || last == SCALE || last == AND))
                break;
            if (wv == 0 && last != NONE)
                break;
            current += (int64_t)wv * 1000;
            last = wv >= 20 ? TEN : UNIT;
        } else if (is_hundred(k)) {
            if (last == NONE && !strcmp(k, "hundred"))
                current = 1000; /* "hundred" alone, as "a hundred" */
            else if (!(last == UNIT || last == TEN || last == DIGITS))
                break;
            if ((current = times(current, 100)) < 0)
                return (size_t)-1;
            last = HUNDRED;
        } else if ((sc = scale_value(k)) > 0 &&
                   (k[0] != 'k' || (last == DIGITS && (t->sep == 0 || t->sep == SEP_SPACE))) &&
                   (strcmp(k, "mn") && strcmp(k, "bn") ? 1 : last == DIGITS)) {
            if (last == NONE && (!strcmp(k, "thousand") || !strcmp(k, "million")))
                current = 1000; /* "thousand" alone, as "a thousand" */
            else if (!(last == UNIT || last == TEN || last == DIGITS || last == HUNDRED))
                break;
            if (last_scale && sc >= last_scale)
                break;
            if ((v = times(current, sc)) < 0 || total > NUMBER_MAX_UNITS * 1000 - v)
                return (size_t)-1;
            total += v;
            current = 0;
            last_scale = sc;
            last = SCALE;
            *flags |= M_SCALED;
        } else if (is_dozen(k)) {
            if (!(last == UNIT || last == TEN || last == DIGITS))
                break;
            current = times(current, 12);
            last = HUNDRED;
        } else if ((!strcmp(k, "a") || !strcmp(k, "an")) && last == NONE && j + 1 < tk->n &&
                   (is_hundred(tk->t[j + 1].key) || is_dozen(tk->t[j + 1].key) ||
                    (scale_value(tk->t[j + 1].key) && tk->t[j + 1].key[0] != 'k'))) {
            current = 1000;
            last = UNIT;
            continue; /* "a" alone is no number: end stays where it was */
        } else if (!strcmp(k, "and") && (last == HUNDRED || last == SCALE) && j + 1 < tk->n &&
                   (number_word(tk->t[j + 1].key) > 0 ||
                    ((tk->t[j + 1].flags & TOK_NUMBER) && last == SCALE))) {
            last = AND;
            continue;
        } else {
            break;
        }
        end = j + 1;
    }
    if (end == i)
        return 0;
    *value = total + current;
    return end - i;
}

/* The numbers said in tk, each with what surrounds it; at most max. */
static size_t
mentions(const char *text, const struct tokens *tk, int whole, struct mention *m, size_t max,
         int *too_big)
{
    size_t i = 0, n = 0, len;
    int64_t v;
    unsigned flags;

    while (i < tk->n && n < max) {
        flags = 0;
        len = read_said(tk, i, whole, &v, &flags);
        if (len == (size_t)-1) {
            *too_big = 1;
            return n;
        }
        if (len == 0) {
            i++;
            continue;
        }
        m[n] = (struct mention){v, i, i + len - 1, flags};
        if (tk->t[i].flags & TOK_NUMBER) {
            const struct token *t = &tk->t[i];
            /* a sign typed right before the digits, not between two numbers ("10-20") */
            size_t s = t->start;
            int neg = (s >= 1 && text[s - 1] == '-') ||
                      (s >= 3 && memcmp(text + s - 3, "\xE2\x88\x92", 3) == 0);
            if (neg && (i == 0 || !(tk->t[i - 1].flags & TOK_NUMBER)) &&
                (i == 0 || (t->sep & SEP_SPACE) || s == 1 ||
                 (s >= 2 && text[s - 2] != '-' && !(tk->t[i - 1].end == s - 1))))
                m[n].value = -m[n].value;
            /* ".5": a point typed right before the digits */
            if (s >= 1 && text[s - 1] == '.' && (s == 1 || text[s - 2] == ' ') && len == 1 &&
                !strchr(t->w, '.')) {
                int64_t f = 0, d = 0;
                for (const char *p = t->w; *p && d < 4; p++, d++)
                    f = f * 10 + (*p - '0');
                while (d < 3)
                    f *= 10, d++;
                if (d == 4)
                    f = (f + 5) / 10;
                m[n].value = f;
            }
            if (i > 0 && tk->t[i].sep == 0 && !(tk->t[i - 1].flags & TOK_NUMBER))
                m[n].flags |= M_GLUED;
            if (i + 1 < tk->n && tk->t[i + 1].sep == 0 && is_ordinal_suffix(tk->t[i + 1].key))
                m[n].flags |= M_ORDINAL;
            if (len == 1 && t->len == 4 && !(t->flags & (TOK_DOT3 | TOK_DOTS)) &&
                m[n].value >= 1900000 && m[n].value <= 2099000 && m[n].value % 1000 == 0)
                m[n].flags |= M_YEAR;
        }
        i += len;
        n++;
    }
    return n;
}

/* Marks dates: a day beside a month ("5 April", "April 5th", "the 5th of April"), and a
 * year after one ("April 5, 1994", "April 1994"). */
static void
mark_dates(const struct tokens *tk, struct mention *m, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t a = m[k].first, b = m[k].last;
        int64_t v = m[k].value;
        int day = v >= 1000 && v <= 31000 && v % 1000 == 0;
        size_t after = b + 1;

        if (after < tk->n && is_ordinal_suffix(tk->t[after].key) && tk->t[after].sep == 0)
            after++;
        if (after < tk->n && !strcmp(tk->t[after].key, "of"))
            after++;
        if ((day || (m[k].flags & M_YEAR)) && a > 0 && is_month(tk->t[a - 1].key))
            m[k].flags |= M_DATE;
        if (day && after < tk->n && is_month(tk->t[after].key))
            m[k].flags |= M_DATE;
        if ((m[k].flags & M_YEAR) && k > 0 && (m[k - 1].flags & M_DATE) && m[k - 1].last + 1 >= a - 1)
            m[k].flags |= M_DATE;
    }
}

/* Words that qualify a number rather than deny it: "no more than 36". */
static int
is_comparison(const char *key)
{
    return !strcmp(key, "more") || !strcmp(key, "less") || !strcmp(key, "fewer") ||
           !strcmp(key, "later") || !strcmp(key, "earlier") || !strcmp(key, "over") ||
           !strcmp(key, "under") || !strcmp(key, "than") || !strcmp(key, "longer") ||
           !strcmp(key, "sooner") || !strcmp(key, "doubt");
}

/* A negation before mention k in its clause ("not 400", "it wasn't 400"). */
static int
negated(const struct tokens *tk, size_t first)
{
    for (size_t j = first; j > 0; j--) {
        if (tokens_break_before(tk, j))
            return 0;
        if (tokens_is_negation(tk->t[j - 1].key) &&
            !(j < tk->n && is_comparison(tk->t[j].key)))
            return 1;
    }
    return 0;
}

/* The unit families proctor knows, to tell "36 days" from "36 hours". */
static int
known_unit(const char *key)
{
    static const char *const units[] = {
        "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour",
        "hours", "hr", "hrs", "h", "day", "days", "week", "weeks", "wk", "wks", "month",
        "months", "year", "years", "yr", "yrs", "decade", "decades", "century", "centuries",
        "mm", "cm", "m", "km", "metre", "metres", "meter", "meters", "kilometre",
        "kilometres", "kilometer", "kilometers", "mile", "miles", "mi", "foot", "feet", "ft",
        "yard", "yards", "inch", "inches", "g", "gram", "grams", "kg", "kilogram", "kilograms",
        "tonne", "tonnes", "ton", "tons", "pound", "pounds", "lb", "lbs", "franc", "francs",
        "frw", "rwf", "dollar", "dollars", "usd", "euro", "euros", "eur", "percent", "pct",
        NULL};

    for (size_t i = 0; units[i]; i++)
        if (strcmp(units[i], key) == 0)
            return 1;
    return 0;
}

/* Whether key is one of the question's units (its words folded as keys, a final 's' of
 * either side ignored). */
static int
question_unit(const struct proctor_number_rules *R, const char *key)
{
    size_t kl = strlen(key);

    for (size_t i = 0; i < R->nunits; i++) {
        struct tokens u;
        int same = 0;
        if (!R->units[i] || tokens_split(R->units[i], 0, &u) < 0)
            continue;
        if (u.n == 1) {
            size_t ul = strlen(u.t[0].key);
            same = strcmp(u.t[0].key, key) == 0 ||
                   (ul == kl + 1 && u.t[0].key[kl] == 's' && !strncmp(u.t[0].key, key, kl)) ||
                   (kl == ul + 1 && key[ul] == 's' && !strncmp(u.t[0].key, key, ul));
        }
        tokens_release(&u);
        if (same)
            return 1;
    }
    return 0;
}

/* The values the prompt states, for echoes: 0 and *n of them, or -1 when the prompt cannot
 * be read (invalid UTF-8, out of memory: *n is 0). */
int
number_prompt_values(const char *prompt, int64_t *vals, size_t max, size_t *n)
{
    struct tokens tk;
    struct mention m[32];
    size_t found, k = 0;
    int big = 0;

    *n = 0;
    if (!prompt)
        return 0;
    if (tokens_split(prompt, 0, &tk) < 0)
        return -1;
    found = mentions(prompt, &tk, 1, m, 32, &big);
    for (size_t i = 0; i < found && k < max; i++)
        vals[k++] = m[i].value;
    tokens_release(&tk);
    *n = k;
    return 0;
}

#define MENTIONS_MAX 64

int
proctor_number_find(const char *text, const struct proctor_number_rules *rules,
                    struct proctor_number_found *out)
{
    static const struct proctor_number_rules none = {0};
    const struct proctor_number_rules *R = rules ? rules : &none;
    struct tokens tk;
    struct token tkbuf[48]; /* a typed answer's words: on the stack (tokens_split_in) */
    struct mention m[MENTIONS_MAX];
    int64_t echo[32];
    size_t n, necho, k, tier, pick = SIZE_MAX, other = SIZE_MAX;
    int big = 0, disjunction = 0;

    memset(out, 0, sizeof *out);
    out->kind = PROCTOR_NUMBER_NONE;
    if (!text || tokens_split_in(text, 0, &tk, tkbuf, sizeof tkbuf) < 0)
        return -1;
    n = mentions(text, &tk, R->whole, m, MENTIONS_MAX, &big);
    if (big || n == 0) {
        tokens_release(&tk);
        return 0;
    }
    for (k = 0; k + 1 < tk.n; k++)
        if (tk.t[k].flags & TOK_COMMA_DEC && tk.t[k + 1].flags & TOK_NUMBER &&
            tk.t[k + 1].sep == SEP_COMMA) {
            out->kind = PROCTOR_NUMBER_DECIMAL_COMMA;
            out->start = tk.t[k].start;
            out->end = tk.t[k + 1].end;
            tokens_release(&tk);
            return 0;
        }
    mark_dates(&tk, m, n);
    if (R->echo) {
        necho = R->necho < 32 ? R->necho : 32;
        memcpy(echo, R->echo, necho * sizeof *echo);
    } else {
        number_prompt_values(R->prompt, echo, 32, &necho);
    }
    for (k = 0; k < n; k++) {
        for (size_t e = 0; e < necho; e++)
            if (echo[e] == m[k].value)
                m[k].flags |= M_ECHO;
        if (negated(&tk, m[k].first))
            m[k].flags |= M_NEGATED;
    }
    for (k = 0; k < tk.n; k++)
        if (tokens_is_or(tk.t[k].key) || (k > 0 && (tk.t[k].sep & SEP_SLASH) &&
                                          (tk.t[k].flags & TOK_NUMBER) &&
                                          (tk.t[k - 1].flags & TOK_NUMBER)))
            disjunction = 1;
    /* two numbers offered as alternatives: "909 or 912" */
    for (k = 1; disjunction && k < n; k++)
        if (m[k].value != m[0].value && !(m[k].flags & M_DATE) && !(m[0].flags & M_DATE)) {
            out->kind = PROCTOR_NUMBER_SEVERAL;
            out->start = tk.t[m[0].first].start, out->end = tk.t[m[0].last].end;
            out->start2 = tk.t[m[k].first].start, out->end2 = tk.t[m[k].last].end;
            tokens_release(&tk);
            return 0;
        }
    /* the plain numbers; failing those, echoes, years, ordinals and names; then dates */
    for (tier = 0; tier < 3 && pick == SIZE_MAX; tier++) {
        for (k = 0; k < n; k++) {
            unsigned f = m[k].flags;
            int in = tier == 0   ? !(f & (M_ECHO | M_YEAR | M_ORDINAL | M_GLUED | M_DATE))
                     : tier == 1 ? !(f & M_DATE)
                                 : 1;
            if (!in)
                continue;
            if (pick == SIZE_MAX)
                pick = k;
            else if (m[k].value != m[pick].value && other == SIZE_MAX)
                other = k;
            else if (m[k].value == m[pick].value && !(m[k].flags & M_NEGATED))
                m[pick].flags &= ~(unsigned)M_NEGATED; /* said again without the "not" */
        }
    }
    out->value = m[pick].value;
    out->start = tk.t[m[pick].first].start;
    out->end = tk.t[m[pick].last].end;
    out->read_thousands = (m[pick].flags & M_DOT3) != 0;
    if (other != SIZE_MAX) {
        out->kind = PROCTOR_NUMBER_SEVERAL;
        out->start2 = tk.t[m[other].first].start;
        out->end2 = tk.t[m[other].last].end;
    } else if (m[pick].flags & M_NEGATED) {
        out->kind = PROCTOR_NUMBER_NEGATED;
    } else {
        size_t a = m[pick].last + 1, b = m[pick].first;
        const struct token *after = a < tk.n ? &tk.t[a] : NULL;
        const struct token *before = b > 0 ? &tk.t[b - 1] : NULL;
        int given_unit = (after && question_unit(R, after->key)) ||
                         (before && question_unit(R, before->key));

        out->kind = PROCTOR_NUMBER_ONE;
        if (R->nunits > 0 && !given_unit &&
            ((after && !(after->sep & SEP_BREAK) && known_unit(after->key)) ||
             (before && !(m[pick].first < tk.n && (tk.t[m[pick].first].sep & SEP_BREAK)) &&
              known_unit(before->key)))) {
            const struct token *u = after && known_unit(after->key) ? after : before;
            out->kind = PROCTOR_NUMBER_UNIT;
            out->start2 = u->start;
            out->end2 = u->end;
        } else if (R->units_required && !given_unit) {
            out->kind = PROCTOR_NUMBER_NO_UNIT;
        }
    }
    tokens_release(&tk);
    return 0;
}
