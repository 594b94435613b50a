/* SPDX-License-Identifier: ISC */
/* bank-read.c - a bank's JSON question file read in pieces, one question at a time. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bank-read.h"
#include "json-arena.h"
#include "json-strict.h"
#include "proctor/error.h"

#define PIECE (256u * 1024) /* the window's first size, and the least read at a time */
#define NUMBER_MAX 63       /* cJSON reads at most 63 characters of a number */

/* A scan's outcomes besides success: not strict JSON; the window ends before the value
 * does (read more, then scan again); out of memory. */
enum { R_BAD = -1, R_MORE = -2, R_NOMEM = -3 };

/* Where the scan of the top-level object is. */
enum top {
    T_START,        /* before '{' */
    T_MEMBER,       /* after '{': a key or '}' */
    T_MEMBER_NEXT,  /* after ',': a key */
    T_AFTER_MEMBER, /* ',' or '}' */
    T_ELEM_FIRST,   /* after the '[' of "questions": an element or ']' */
    T_ELEM_NEXT,    /* after ',': an element */
    T_AFTER_ELEM,   /* ',' or ']' */
    T_TAIL,         /* after the final '}': only white space */
    T_DONE
};

struct bank_read {
    int fd;
    char *buf;
    size_t cap, len; /* buf[0, len) holds the file's bytes from offset base */
    size_t base;
    size_t pos; /* where the next step starts in buf */
    int eof;    /* the file ends at buf[len] */
    enum top top;
    int seen_questions;
    struct qdesc *d;    /* describing values (pass 2) when set, else only checking them */
    struct qnode *root; /* the element described */
    int scope;          /* a json arena scope is open */
    size_t coff;        /* pass 2: file offset coff is at line cline, column ccol */
    long cline, ccol;
    char point; /* the locale's decimal point, which strtod wants (as cJSON does) */
    size_t *cut;      /* pass 2: where the step under way ended a string in place (a NUL over */
    size_t ncut, capcut; /* its closing quote), to put back when the step is read again */
};

static int
is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first byte from i that is not white space (or the window's end): a run of
 * indentation 16 bytes at a time where SSE2 is. */
static inline size_t
skip_ws(const struct bank_read *r, size_t i)
{
    const char *s = r->buf;
    size_t n = r->len;

    if (i < n && (unsigned char)s[i] > ' ')
        return i;
    if (i + 1 < n && s[i] == ' ' && (unsigned char)s[i + 1] > ' ')
        return i + 1; /* ": " */
#if defined(__SSE2__)
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i ws = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
        unsigned other = ~(unsigned)_mm_movemask_epi8(ws) & 0xFFFFu;
        if (other)
            return i + (size_t)__builtin_ctz(other);
        i += 16;
    }
#endif
    while (i < n && (unsigned char)s[i] <= ' ' && is_ws(s[i]))
        i++;
    return i;
}

/* At the window's end: more to read, unless the file ends there. */
static int
at_end(const struct bank_read *r)
{
    return r->eof ? R_BAD : R_MORE;
}

/*
 * The string whose opening quote is before i, read on from i (the bytes between known to be
 * plain): *end just past its closing quote, *escaped when it holds an escape. Refused (R_BAD), where cJSON refuses or strict JSON does: control
 * characters, invalid UTF-8, unknown escapes, \u0000, unpaired surrogates.
 */
static int
scan_string_from(const struct bank_read *r, size_t i, size_t *end, int *escaped)
{
    const unsigned char *s = (const unsigned char *)r->buf;
    size_t n = r->len;

    *escaped = 0;
    for (;;) {
        unsigned c;
        i = json_plain_run(s, i, n);
        if (i >= n)
            return at_end(r);
        c = s[i];
        if (c == '"') {
            *end = i + 1;
            return 0;
        }
        if (c == '\\') {
            unsigned u, lo;
            if (i + 1 >= n)
                return at_end(r);
            switch (s[i + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't': i += 2; break;
            case 'u':
                if (i + 6 > n)
                    return at_end(r);
                if (proctor_json_hex4(s + i + 2, &u) < 0 || u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
                    return R_BAD;
                if (u < 0xD800 || u > 0xDBFF) {
                    i += 6;
                    break;
                }
                if (i + 12 > n)
                    return at_end(r);
                if (s[i + 6] != '\\' || s[i + 7] != 'u' || proctor_json_hex4(s + i + 8, &lo) < 0 ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return R_BAD;
                i += 12;
                break;
            default: return R_BAD;
            }
            *escaped = 1;
        } else if (c < 0x20) {
            return R_BAD;
        } else if (c < 0x80) {
            i++;
        } else {
            size_t k = proctor_utf8_seq(s + i, n - i);
            if (!k)
                return n - i < 4 && !r->eof ? R_MORE : R_BAD;
            i += k;
        }
    }
}

/* scan_string from the string's first byte. */
static int
scan_string(const struct bank_read *r, size_t i, size_t *end, int *escaped)
{
    return scan_string_from(r, i + 1, end, escaped);
}

/* The list of cuts (closing quotes a NUL was put over) made twice as long; -1 when out of
 * memory. */
static int
cut_grow(struct bank_read *r)
{
    size_t nc = r->capcut ? r->capcut * 2 : 256;
    size_t *ncut = realloc(r->cut, nc * sizeof *ncut);

    if (!ncut)
        return -1;
    r->cut = ncut;
    r->capcut = nc;
    return 0;
}

/*
 * The text of the string [i, end) that scan_string passed; NULL when out of memory. Without
 * escapes it is the window's own bytes, ended in place by a NUL over the closing quote (put
 * back by uncut when the step must be read again); with them, decoded into the arena.
 */
static char *
decode_string(struct bank_read *r, size_t i, size_t end, int escaped)
{
    const unsigned char *s = (const unsigned char *)r->buf + i + 1;
    size_t n = end - i - 2;
    char *out, *o;

    if (!escaped) {
        if (r->ncut == r->capcut && cut_grow(r) < 0)
            return NULL;
        r->cut[r->ncut++] = end - 1;
        r->buf[end - 1] = '\0';
        return r->buf + i + 1;
    }
    if (!r->scope) {
        /* the step's first escaped string opens the arena scope its texts live in */
        if (json_arena_begin() < 0)
            return NULL;
        r->scope = 1;
    }
    if (!(out = o = json_arena_alloc(n + 1)))
        return NULL;
    for (size_t k = 0; k < n;) {
        const unsigned char *b = memchr(s + k, '\\', n - k);
        size_t run = b ? (size_t)(b - (s + k)) : n - k;
        unsigned u = 0, lo = 0;
        memcpy(o, s + k, run);
        o += run;
        k += run;
        if (k >= n)
            break;
        switch (s[k + 1]) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
            proctor_json_hex4(s + k + 2, &u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                proctor_json_hex4(s + k + 8, &lo);
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            }
            o += proctor_utf8_put(u, o);
            k += 4;
            break;
        default: *o++ = (char)s[k + 1]; break; /* " \ / */
        }
        k += 2;
    }
    *o = '\0';
    return out;
}

/*
 * The string whose opening quote is at i, as scan_string checks it: *end just past its
 * closing quote; when describing (r->d), its text in *out (decode_string). A run of
 * printable ASCII up to the closing quote, the common case, is found 16 bytes at a time
 * and ended in place here; anything else takes scan_string and decode_string.
 */
static int string_cut(struct bank_read *r, size_t i, size_t j, char **out);
static int string_slow(struct bank_read *r, size_t i, size_t j, size_t *end, char **out);

static inline __attribute__((always_inline)) int
string_at(struct bank_read *r, size_t i, size_t *end, char **out)
{
    const unsigned char *s = (const unsigned char *)r->buf;
    size_t j = i + 1, n = r->len;

#if defined(__SSE2__)
    for (; j + 16 <= n; j += 16) {
        unsigned mask = json_stop_mask16(s + j);
        if (mask) {
            j += (size_t)__builtin_ctz(mask);
            break;
        }
    }
#endif
    if (j + 16 > n)
        j = json_plain_run(s, j, n); /* near the window's end */
    if (j < n && s[j] == '"') {
        *end = j + 1;
        if (!r->d)
            return 0;
        if (r->ncut == r->capcut)
            return string_cut(r, i, j, out);
        r->cut[r->ncut++] = j;
        r->buf[j] = '\0';
        *out = r->buf + i + 1;
        return 0;
    }
    return string_slow(r, i, j, end, out);
}

/* string_at's string [i, j] ended in place when the list of cuts must grow first. */
static int
string_cut(struct bank_read *r, size_t i, size_t j, char **out)
{
    if (cut_grow(r) < 0)
        return R_NOMEM;
    r->cut[r->ncut++] = j;
    r->buf[j] = '\0';
    *out = r->buf + i + 1;
    return 0;
}

/* string_at's string from j, the first byte that is not printable ASCII (or the window's
 * end): scan_string on from there. */
static int
string_slow(struct bank_read *r, size_t i, size_t j, size_t *end, char **out)
{
    int rc, esc;

    if ((rc = scan_string_from(r, j, end, &esc)) < 0) /* [i + 1, j) is plain */
        return rc;
    if (r->d && !(*out = decode_string(r, i, *end, esc)))
        return R_NOMEM;
    return 0;
}

/* The number at i: *end just past it, *x its value (when x is set), as cJSON reads it. */
static int
scan_number(const struct bank_read *r, size_t i, size_t *end, double *x)
{
    const char *s = r->buf;
    size_t n = r->len, st = i;
    int plain = 1;

#define DIGIT(k) ((k) < n && s[k] >= '0' && s[k] <= '9')
    if (s[i] == '-')
        i++;
    if (i >= n)
        return at_end(r);
    if (s[i] == '0')
        i++;
    else if (DIGIT(i))
        while (DIGIT(i))
            i++;
    else
        return R_BAD;
    if (i < n && s[i] == '.') {
        plain = 0;
        if (!DIGIT(i + 1))
            return i + 1 >= n ? at_end(r) : R_BAD;
        i++;
        while (DIGIT(i))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        plain = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (!DIGIT(i))
            return i >= n ? at_end(r) : R_BAD;
        while (DIGIT(i))
            i++;
    }
#undef DIGIT
    if (i >= n && !r->eof)
        return R_MORE; /* the number may go on */
    if (i - st > NUMBER_MAX)
        return R_BAD;
    *end = i;
    if (!x)
        return 0;
    if (plain && i - st <= 16) {
        /* up to 15 digits: exact in a double, as strtod gives it */
        uint64_t u = 0;
        for (size_t k = st + (s[st] == '-'); k < i; k++)
            u = u * 10 + (uint64_t)(s[k] - '0');
        *x = s[st] == '-' ? -(double)u : (double)u;
    } else {
        char tmp[NUMBER_MAX + 1];
        memcpy(tmp, s + st, i - st);
        tmp[i - st] = '\0';
        for (char *p = tmp; *p; p++)
            if (*p == '.')
                *p = r->point;
        *x = strtod(tmp, NULL);
    }
    return 0;
}

static const void *
handle(size_t off)
{
    return (const void *)(uintptr_t)off;
}

/*
 * The value at i (white space skipped before it already): *end just past it. When r->d is
 * set, it is described as a value of parent (named name in an object), its handle the file
 * offset at.
 */
static int
scan_value(struct bank_read *r, size_t i, size_t *end, int depth, struct qnode *parent,
           const char *name, size_t nlen, size_t at)
{
    const char *s = r->buf;
    size_t n = r->len, e;
    struct qnode *v = NULL;
    int rc;

    if (i >= n)
        return at_end(r);
    switch (s[i]) {
    case '{':
    case '[': {
        int obj = s[i] == '{';
        char close = obj ? '}' : ']';
        if (depth >= BANK_READ_DEPTH)
            return R_BAD;
        if (r->d &&
            !(v = qdesc_add_n(r->d, parent, name, nlen, obj ? QNODE_OBJECT : QNODE_ARRAY,
                              handle(at))))
            return R_NOMEM;
        if (r->d && !parent)
            r->root = v;
        i = skip_ws(r, i + 1);
        if (i >= n)
            return at_end(r);
        if (s[i] == close) {
            *end = i + 1;
            return 0;
        }
        for (;;) {
            char *key = NULL;
            size_t vat = r->base + i, klen = 0; /* a member's handle is its key's place */
            if (obj) {
                if (i >= n)
                    return at_end(r);
                if (s[i] != '"')
                    return R_BAD;
                if ((rc = string_at(r, i, &e, &key)) < 0)
                    return rc;
                /* its length: the bytes between the quotes, unless escapes made it shorter */
                klen = key && key == r->buf + i + 1 ? e - i - 2 : key ? strlen(key) : 0;
                i = skip_ws(r, e);
                if (i >= n)
                    return at_end(r);
                if (s[i] != ':')
                    return R_BAD;
                i = skip_ws(r, i + 1);
            }
            if (i < n && s[i] == '"') {
                /* a string, the commonest value, without a call of its own */
                char *str = NULL;
                if ((rc = string_at(r, i, &e, &str)) < 0)
                    return rc;
                struct qnode *sv;
                if (r->d) {
                    if (!(sv = qdesc_add_n(r->d, v, key, klen, QNODE_STRING, handle(vat))))
                        return R_NOMEM;
                    sv->str = str;
                }
            } else if ((rc = scan_value(r, i, &e, depth + 1, v, key, klen, vat)) < 0) {
                return rc;
            }
            i = skip_ws(r, e);
            if (i >= n)
                return at_end(r);
            if (s[i] == close) {
                *end = i + 1;
                return 0;
            }
            if (s[i] != ',')
                return R_BAD;
            i = skip_ws(r, i + 1);
        }
    }
    case '"': {
        char *str = NULL;
        if ((rc = string_at(r, i, &e, &str)) < 0)
            return rc;
        if (r->d) {
            if (!(v = qdesc_add_n(r->d, parent, name, nlen, QNODE_STRING, handle(at))))
                return R_NOMEM;
            v->str = str;
            if (!parent)
                r->root = v;
        }
        *end = e;
        return 0;
    }
    case 't':
    case 'f':
    case 'n': {
        const char *lit = s[i] == 't' ? "true" : s[i] == 'f' ? "false" : "null";
        size_t ll = strlen(lit);
        enum qnode_kind kind = s[i] == 't' ? QNODE_TRUE : s[i] == 'f' ? QNODE_FALSE : QNODE_NULL;
        if (n - i < ll)
            return memcmp(s + i, lit, n - i) == 0 ? at_end(r) : R_BAD;
        if (memcmp(s + i, lit, ll) != 0)
            return R_BAD;
        if (r->d) {
            if (!(v = qdesc_add_n(r->d, parent, name, nlen, kind, handle(at))))
                return R_NOMEM;
            if (!parent)
                r->root = v;
        }
        *end = i + ll;
        return 0;
    }
    default: {
        double x = 0;
        if (s[i] != '-' && (s[i] < '0' || s[i] > '9'))
            return R_BAD;
        if ((rc = scan_number(r, i, end, r->d ? &x : NULL)) < 0)
            return rc;
        if (r->d) {
            if (!(v = qdesc_add_n(r->d, parent, name, nlen, QNODE_NUMBER, handle(at))))
                return R_NOMEM;
            v->num = x;
            if (!parent)
                r->root = v;
        }
        return 0;
    }
    }
}

/*
 * One step through the top-level object from r->pos (see enum top); r->pos and r->top move
 * on only when it succeeds. 1 when the step was an element of "questions" (*el its offset
 * in buf), 0 for another step, 2 at the end of the file, or R_*.
 */
static int
step(struct bank_read *r, size_t *el)
{
    const char *s = r->buf;
    size_t n = r->len, i = skip_ws(r, r->pos), e;
    int rc, esc;

    if (i >= n) {
        if (r->eof && r->top == T_TAIL) {
            r->top = T_DONE;
            return 2;
        }
        return at_end(r);
    }
    switch (r->top) {
    case T_START:
        if (s[i] != '{')
            return R_BAD;
        r->pos = i + 1;
        r->top = T_MEMBER;
        return 0;
    case T_MEMBER:
    case T_MEMBER_NEXT: {
        int questions;
        size_t j;
        if (s[i] == '}' && r->top == T_MEMBER) {
            r->pos = i + 1;
            r->top = T_TAIL;
            return 0;
        }
        if (s[i] != '"')
            return R_BAD;
        if ((rc = scan_string(r, i, &e, &esc)) < 0)
            return rc;
        if (esc)
            return R_BAD; /* an escaped key: left to cJSON */
        questions = e - i == 11 && memcmp(s + i + 1, "questions", 9) == 0;
        j = skip_ws(r, e);
        if (j >= n)
            return at_end(r);
        if (s[j] != ':')
            return R_BAD;
        j = skip_ws(r, j + 1);
        if (j >= n)
            return at_end(r);
        if (questions && !r->seen_questions) {
            /* cJSON's lookup finds the first member of that name */
            if (s[j] != '[')
                return R_BAD;
            r->seen_questions = 1;
            r->pos = j + 1;
            r->top = T_ELEM_FIRST;
            return 0;
        }
        {
            struct qdesc *d = r->d; /* only the questions are described */
            r->d = NULL;
            rc = scan_value(r, j, &e, 1, NULL, NULL, 0, 0);
            r->d = d;
        }
        if (rc < 0)
            return rc;
        r->pos = e;
        r->top = T_AFTER_MEMBER;
        return 0;
    }
    case T_AFTER_MEMBER:
    case T_AFTER_ELEM: {
        int elems = r->top == T_AFTER_ELEM;
        if (s[i] == ',') {
            r->top = elems ? T_ELEM_NEXT : T_MEMBER_NEXT;
        } else if (s[i] == (elems ? ']' : '}')) {
            r->top = elems ? T_AFTER_MEMBER : T_TAIL;
        } else {
            return R_BAD;
        }
        r->pos = i + 1;
        return 0;
    }
    case T_ELEM_FIRST:
    case T_ELEM_NEXT:
        if (s[i] == ']' && r->top == T_ELEM_FIRST) {
            r->pos = i + 1;
            r->top = T_AFTER_MEMBER;
            return 0;
        }
        r->root = NULL;
        if ((rc = scan_value(r, i, &e, 0, NULL, NULL, 0, r->base + i)) < 0)
            return rc;
        *el = i;
        r->pos = e;
        r->top = T_AFTER_ELEM;
        return 1;
    case T_TAIL:
    case T_DONE: break;
    }
    return R_BAD;
}

/* Moves the position cursor on to file offset to (the bytes between are in the window). */
static void
cursor_to(const struct bank_read *r, size_t to, size_t *off, long *line, long *col)
{
    const char *p = r->buf + (*off - r->base), *e = r->buf + (to - r->base), *last = NULL;
    long lines = 0;

    /* the line breaks counted, 16 bytes at a time where SSE2 is; columns from the last */
#if defined(__SSE2__)
    for (const __m128i nl = _mm_set1_epi8('\n'); p + 32 <= e; p += 32) {
        unsigned mask =
            (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), nl)) |
            (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), nl))
                << 16;
        if (mask) {
            last = p + 31 - __builtin_clz(mask);
            for (; mask; mask &= mask - 1)
                lines++;
        }
    }
#endif
    for (; p < e; p++)
        if (*p == '\n') {
            lines++;
            last = p;
        }
    if (last) {
        *line += lines;
        *col = 1;
        p = last + 1;
    } else {
        p = r->buf + (*off - r->base);
    }
    for (; p < e; p++)
        *col += ((unsigned char)*p & 0xC0) != 0x80;
    *off = to;
}

/* The closing quotes of the step's strings put back, for the step to be read again. */
static void
uncut(struct bank_read *r)
{
    while (r->ncut > 0)
        r->buf[r->cut[--r->ncut]] = '"';
}

/* Keeps the window from r->pos on and reads more after it; 0, or -1 (errno set). */
static int
refill(struct bank_read *r)
{
    size_t keep = r->pos;

    if (r->d)
        cursor_to(r, r->base + keep, &r->coff, &r->cline, &r->ccol);
    memmove(r->buf, r->buf + keep, r->len - keep);
    r->base += keep;
    r->len -= keep;
    r->pos = 0;
    if (r->cap - r->len < PIECE / 2) {
        /* the step under way fills the window: one question larger than it */
        size_t ncap = r->cap * 2;
        char *nb = realloc(r->buf, ncap);
        if (!nb) {
            errno = ENOMEM;
            return -1;
        }
        r->buf = nb;
        r->cap = ncap;
    }
    while (r->len < r->cap) {
        ssize_t got = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0) {
            r->eof = 1;
            break;
        }
        r->len += (size_t)got;
    }
    return 0;
}

static void
reader_free(struct bank_read *r)
{
    if (r->scope)
        json_arena_end();
    if (r->fd >= 0)
        close(r->fd);
    free(r->buf);
    free(r->cut);
    free(r);
}

static struct bank_read *
reader_open(const char *path, size_t max_bytes)
{
    struct bank_read *r = calloc(1, sizeof *r);
    struct stat st;
    int e;

    if (!r)
        return NULL; /* errno is ENOMEM */
    r->cap = PIECE;
    r->cline = r->ccol = 1;
    r->point = localeconv()->decimal_point[0];
    if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(r->fd, &st) < 0)
        goto fail;
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > max_bytes) {
        errno = EINVAL; /* the whole-file reader says why */
        goto fail;
    }
    if (!(r->buf = malloc(r->cap))) {
        errno = ENOMEM;
        goto fail;
    }
    return r;
fail:
    e = errno;
    reader_free(r);
    errno = e;
    return NULL;
}

int
bank_read_open(const char *path, size_t max_bytes, struct bank_read **out,
               struct proctor_error *err)
{
    if ((*out = reader_open(path, max_bytes)))
        return 0;
    if (errno == ENOMEM)
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    return PROCTOR_EINVAL; /* the whole-file reader says why */
}

int
bank_read_next(struct bank_read *r, struct qdesc *d, const struct qnode **q,
               struct proctor_error *err)
{
    for (;;) {
        size_t el;
        int rc;
        if (r->scope) {
            json_arena_end();
            r->scope = 0;
        }
        if (r->top == T_DONE)
            return r->seen_questions ? 0 : PROCTOR_EINVAL;
        qdesc_reset(d);
        r->d = d;
        r->ncut = 0; /* the strings cut by the last step are behind r->pos: never read again */
        rc = step(r, &el);
        if (rc == R_MORE)
            uncut(r);
        if (rc == 1) {
            cursor_to(r, r->base + el, &r->coff, &r->cline, &r->ccol);
            r->d = NULL;
            *q = r->root;
            return 1;
        }
        if (rc == R_MORE && refill(r) < 0)
            rc = errno == ENOMEM ? R_NOMEM : R_BAD; /* the whole-file reader reports it */
        r->d = NULL;
        if (rc == R_NOMEM || d->failed)
            return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
        if (rc == R_BAD)
            return PROCTOR_EINVAL;
    }
}

void
bank_read_where(void *ctx, const void *at, long *line, long *col)
{
    const struct bank_read *r = ctx;
    size_t off = r->coff, to = (size_t)(uintptr_t)at;

    *line = r->cline;
    *col = r->ccol;
    if (to < r->coff || to > r->base + r->len) {
        *line = *col = 0;
        return;
    }
    cursor_to(r, to, &off, line, col);
}

void
bank_read_close(struct bank_read *r)
{
    if (r)
        reader_free(r);
}
