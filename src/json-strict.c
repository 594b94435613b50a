/* SPDX-License-Identifier: ISC */
/* json-strict.c - a validating pre-pass that holds outside JSON to one unambiguous profile. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json-strict.h"

struct scan {
    const unsigned char *p, *start, *end;
    int max_depth;
    const char *path;
    struct proctor_error *err;
};

/* A decoded object key, kept only until its object closes. */
struct key {
    const char *s; /* the key's bytes: in the buffer, or `owned` when it had escapes */
    char *owned;
    size_t len;
    size_t off;
};

void
proctor_json_position(const char *buf, size_t len, size_t off, long *line, long *col)
{
    long l = 1, c = 1;

    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int
fail_at(struct scan *sc, const unsigned char *at, const char *what)
{
    long line, col;
    size_t off = (size_t)(at - sc->start);

    proctor_json_position((const char *)sc->start, (size_t)(sc->end - sc->start), off, &line,
                          &col);
    return proctor_error_set(sc->err, PROCTOR_EINVAL, sc->path, line, col, "%s", what);
}

size_t
proctor_utf8_seq(const unsigned char *s, size_t avail)
{
    unsigned char b = s[0];

    if (avail == 0)
        return 0;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        unsigned char lo = 0x80, hi = 0xBF;
        if (b == 0xE0)
            lo = 0xA0; /* overlong */
        if (b == 0xED)
            hi = 0x9F; /* UTF-16 surrogates */
        return avail >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        unsigned char lo = 0x80, hi = 0xBF;
        if (b == 0xF0)
            lo = 0x90; /* overlong */
        if (b == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
        return avail >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 &&
                       (s[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

int
proctor_text_check(const char *s, int lines, uint32_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t avail = strlen(s);

    while (avail > 0) {
        size_t k = proctor_utf8_seq(p, avail);
        uint32_t c = p[0];
        if (k == 0) {
            *bad = PROCTOR_TEXT_NOT_UTF8;
            return -1;
        }
        if (k == 2)
            c = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
        if ((k == 1 && (c < 0x20 || c == 0x7F) && !(lines && (c == '\n' || c == '\t'))) ||
            (k == 2 && c >= 0x80 && c <= 0x9F)) {
            *bad = c;
            return -1;
        }
        p += k;
        avail -= k;
    }
    return 0;
}

static void
skip_ws(struct scan *sc)
{
    while (sc->p < sc->end &&
           (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
        sc->p++;
}

static int
hex4(const unsigned char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t
put_utf8(unsigned cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Scans a string starting at the opening quote. When key is not NULL the unescaped bytes
 * are stored there (malloc'd) so duplicate keys can be compared as the parser will see them.
 */
static int
scan_string(struct scan *sc, struct key *key)
{
    const unsigned char *q = sc->p + 1;
    char *dec = NULL;
    size_t n = 0;

    if (key) {
        /* Only a key with escapes needs decoding (into a copy never longer than the text). */
        const unsigned char *e = q;
        int escaped = 0;
        while (e < sc->end && *e != '"') {
            if (*e == '\\' && e + 1 < sc->end) {
                escaped = 1;
                e++;
            }
            e++;
        }
        key->owned = NULL;
        if (escaped) {
            dec = malloc((size_t)(e - q) + 1);
            if (!dec)
                return proctor_error_set(sc->err, PROCTOR_ENOMEM, sc->path, 0, 0,
                                         "out of memory");
        }
    }
    for (;;) {
        /* the common case first: a run of printable ASCII, which needs no other check */
        while (q < sc->end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\') {
            if (dec)
                dec[n] = (char)*q;
            n++;
            q++;
        }
        if (q >= sc->end) {
            free(dec);
            return fail_at(sc, sc->p, "unterminated string");
        }
        if (*q == '"')
            break;
        if (*q < 0x20) {
            free(dec);
            return fail_at(sc, q, "control character in string (escape it)");
        }
        if (*q == '\\') {
            unsigned cp, lo;
            if (q + 1 >= sc->end) {
                free(dec);
                return fail_at(sc, sc->p, "unterminated string");
            }
            switch (q[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': {
                static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
                if (dec)
                    dec[n++] = to[strchr(from, q[1]) - from];
                q += 2;
                continue;
            }
            case 'u':
                break;
            default:
                free(dec);
                return fail_at(sc, q, "invalid escape in string");
            }
            if (sc->end - q < 6 || hex4(q + 2, &cp) < 0) {
                free(dec);
                return fail_at(sc, q, "invalid \\u escape in string");
            }
            if (cp == 0) {
                free(dec);
                return fail_at(sc, q, "\\u0000 is not allowed in strings");
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                free(dec);
                return fail_at(sc, q, "lone low surrogate escape in string");
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (sc->end - q < 12 || q[6] != '\\' || q[7] != 'u' || hex4(q + 8, &lo) < 0 ||
                    lo < 0xDC00 || lo > 0xDFFF) {
                    free(dec);
                    return fail_at(sc, q, "lone high surrogate escape in string");
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                q += 6;
            }
            if (dec)
                n += put_utf8(cp, dec + n);
            q += 6;
            continue;
        }
        {
            size_t k = proctor_utf8_seq(q, (size_t)(sc->end - q));
            if (k == 0) {
                free(dec);
                return fail_at(sc, q, "invalid UTF-8");
            }
            if (dec)
                memcpy(dec + n, q, k);
            n += k;
            q += k;
        }
    }
    if (key) {
        if (dec) {
            dec[n] = '\0';
            key->s = key->owned = dec;
        } else {
            key->s = (const char *)sc->p + 1;
        }
        key->len = n;
        key->off = (size_t)(sc->p - sc->start);
    }
    sc->p = q + 1;
    return 0;
}

static int
scan_number(struct scan *sc)
{
    const unsigned char *s = sc->p;
    int neg = 0;
    unsigned long long v = 0;

    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (s >= sc->end || *s < '0' || *s > '9')
        return fail_at(sc, sc->p, "invalid number");
    if (*s == '0' && s + 1 < sc->end && s[1] >= '0' && s[1] <= '9')
        return fail_at(sc, sc->p, "leading zeros are not allowed in numbers");
    while (s < sc->end && *s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned)(*s - '0');
        if (v > (unsigned long long)PROCTOR_JSON_MAX_INT)
            return fail_at(sc, sc->p, "integer out of range (at most 2^53-1 in magnitude)");
        s++;
    }
    if (s < sc->end && (*s == '.' || *s == 'e' || *s == 'E'))
        return fail_at(sc, sc->p, "only integers are allowed (no fraction or exponent)");
    if (neg && v == 0)
        return fail_at(sc, sc->p, "-0 is not allowed");
    sc->p = s;
    return 0;
}

static int
key_cmp(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

static int scan_value(struct scan *sc, int depth);

static int
check_dup_keys(struct scan *sc, struct key *keys, size_t n)
{
    /* the objects proctor reads are small: pairwise is cheaper than sorting them */
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (keys[i].len == keys[j].len && memcmp(keys[i].s, keys[j].s, keys[i].len) == 0)
                    return fail_at(sc, sc->start + keys[i].off, "duplicate object key");
        return 0;
    }
    qsort(keys, n, sizeof *keys, key_cmp);
    for (size_t i = 1; i < n; i++) {
        if (keys[i].len == keys[i - 1].len && memcmp(keys[i].s, keys[i - 1].s, keys[i].len) == 0)
            return fail_at(sc, sc->start + keys[i].off, "duplicate object key");
    }
    return 0;
}

static int
scan_object(struct scan *sc, int depth)
{
    struct key small[16], *keys = small;
    size_t n = 0, cap = sizeof small / sizeof small[0];
    int rc = 0;

    sc->p++;
    skip_ws(sc);
    if (sc->p < sc->end && *sc->p == '}') {
        sc->p++;
        return 0;
    }
    for (;;) {
        skip_ws(sc);
        if (sc->p >= sc->end || *sc->p != '"') {
            rc = fail_at(sc, sc->p, "expected a string key");
            goto out;
        }
        if (n == cap) {
            size_t nc = cap * 2;
            struct key *nk = keys == small ? malloc(nc * sizeof *nk)
                                           : realloc(keys, nc * sizeof *nk);
            if (nk && keys == small)
                memcpy(nk, small, sizeof small);
            if (!nk) {
                rc = proctor_error_set(sc->err, PROCTOR_ENOMEM, sc->path, 0, 0,
                                       "out of memory");
                goto out;
            }
            keys = nk;
            cap = nc;
        }
        if ((rc = scan_string(sc, &keys[n])) < 0)
            goto out;
        n++;
        skip_ws(sc);
        if (sc->p >= sc->end || *sc->p != ':') {
            rc = fail_at(sc, sc->p, "expected ':' after key");
            goto out;
        }
        sc->p++;
        if ((rc = scan_value(sc, depth)) < 0)
            goto out;
        skip_ws(sc);
        if (sc->p < sc->end && *sc->p == ',') {
            sc->p++;
            continue;
        }
        if (sc->p < sc->end && *sc->p == '}') {
            sc->p++;
            break;
        }
        rc = fail_at(sc, sc->p, "expected ',' or '}' in object");
        goto out;
    }
    rc = check_dup_keys(sc, keys, n);
out:
    for (size_t i = 0; i < n; i++)
        free(keys[i].owned);
    if (keys != small)
        free(keys);
    return rc;
}

static int
scan_array(struct scan *sc, int depth)
{
    int rc;

    sc->p++;
    skip_ws(sc);
    if (sc->p < sc->end && *sc->p == ']') {
        sc->p++;
        return 0;
    }
    for (;;) {
        if ((rc = scan_value(sc, depth)) < 0)
            return rc;
        skip_ws(sc);
        if (sc->p < sc->end && *sc->p == ',') {
            sc->p++;
            continue;
        }
        if (sc->p < sc->end && *sc->p == ']') {
            sc->p++;
            return 0;
        }
        return fail_at(sc, sc->p, "expected ',' or ']' in array");
    }
}

static int
scan_literal(struct scan *sc, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
        return fail_at(sc, sc->p, "invalid literal");
    sc->p += n;
    return 0;
}

static int
scan_value(struct scan *sc, int depth)
{
    skip_ws(sc);
    if (sc->p >= sc->end)
        return fail_at(sc, sc->p, "unexpected end of input");
    switch (*sc->p) {
    case '{':
    case '[':
        if (depth + 1 > sc->max_depth)
            return fail_at(sc, sc->p, "nested too deeply");
        return *sc->p == '{' ? scan_object(sc, depth + 1) : scan_array(sc, depth + 1);
    case '"':
        return scan_string(sc, NULL);
    case 't':
        return scan_literal(sc, "true");
    case 'f':
        return scan_literal(sc, "false");
    case 'n':
        return scan_literal(sc, "null");
    default:
        if (*sc->p == '-' || (*sc->p >= '0' && *sc->p <= '9'))
            return scan_number(sc);
        if (*sc->p >= 0x80 && proctor_utf8_seq(sc->p, (size_t)(sc->end - sc->p)) == 0)
            return fail_at(sc, sc->p, "invalid UTF-8");
        return fail_at(sc, sc->p, "unexpected character");
    }
}

int
proctor_json_strict_check(const char *buf, size_t len, int max_depth, const char *path,
                          struct proctor_error *err)
{
    struct scan sc;
    int rc;

    sc.start = sc.p = (const unsigned char *)buf;
    sc.end = sc.start + len;
    sc.max_depth = max_depth;
    sc.path = path;
    sc.err = err;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        return fail_at(&sc, sc.p, "byte order mark is not allowed");
    if (memchr(buf, '\0', len))
        return fail_at(&sc, (const unsigned char *)memchr(buf, '\0', len), "NUL byte in JSON");
    if ((rc = scan_value(&sc, 0)) < 0)
        return rc;
    skip_ws(&sc);
    if (sc.p != sc.end)
        return fail_at(&sc, sc.p, "trailing data after the JSON value");
    return 0;
}

cJSON *
proctor_json_parse_strict(const char *buf, size_t len, const char *path,
                          struct proctor_error *err)
{
    cJSON *root;
    const char *end = NULL;

    if (proctor_json_strict_check(buf, len, PROCTOR_JSON_MAX_DEPTH, path, err) < 0)
        return NULL;
    root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!root) {
        /* the checker accepted it, so this is cJSON running out of memory */
        proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "cannot parse JSON: out of memory");
        return NULL;
    }
    return root;
}

int
proctor_json_get_int(const cJSON *item, int64_t *out)
{
    double d;

    if (!cJSON_IsNumber(item))
        return 0;
    d = item->valuedouble;
    if (!(d >= -(double)PROCTOR_JSON_MAX_INT && d <= (double)PROCTOR_JSON_MAX_INT) ||
        d != (double)(int64_t)d)
        return 0;
    *out = (int64_t)d;
    return 1;
}
