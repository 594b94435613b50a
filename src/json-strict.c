/* SPDX-License-Identifier: ISC */
/* json-strict.c - a validating pre-pass that holds outside JSON to one unambiguous profile. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "fnv1a.h"
#include "json-arena.h"
#include "json-strict.h"


/* A decoded object key, kept only until its object closes. */
struct key {
    const char *s; /* the key's bytes: in the buffer, `owned` when it had escapes, or the
                      built member's name */
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
fail_at(struct json_scan *sc, const unsigned char *at, const char *what)
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

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define HAS_ZERO(v) (((v)-ONES) & ~(v)&HIGHS)

size_t
json_plain_run(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    while (i + 16 <= n) {
        unsigned mask = json_stop_mask16(s + i);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (i + 8 <= n) {
        uint64_t v, x;
        memcpy(&v, s + i, 8);
        /* each test flags its first byte exactly (false flags only follow a true one) */
        x = (v & HIGHS) | ((v - ONES * 0x20) & ~v & HIGHS) | HAS_ZERO(v ^ (ONES * '"')) |
            HAS_ZERO(v ^ (ONES * '\\'));
        if (x)
            return i + (size_t)__builtin_ctzll(x) / 8;
        i += 8;
    }
#endif
    while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

#define skip_ws json_skip_ws

int
proctor_json_hex4(const unsigned char *p, unsigned *out)
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

size_t
proctor_utf8_put(unsigned cp, char *o)
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

/* Memory for the tree being built: from the thread's open arena scope straight away when
 * there is one (what cJSON_malloc's hook would give, without the two calls: verify builds
 * about two hundred pieces a file), else cJSON_malloc, as cJSON's own parse allocates. */
static void *
tree_alloc(size_t n)
{
    void *p = json_arena_take(n);
    return p ? p : cJSON_malloc(n);
}

static int
out_of_memory(struct json_scan *sc)
{
    return proctor_error_set(sc->err, PROCTOR_ENOMEM, sc->path, 0, 0,
                             "cannot parse JSON: out of memory");
}

/*
 * The body of the string whose opening quote is at sc->p: checked, its unescaped length in
 * *len and whether it has escapes in *escaped; unescaped into dec too when dec is not NULL
 * (room for *len bytes: a second pass, once the first has sized it). Returns a pointer to
 * the closing quote, or NULL with sc->err filled.
 */
static const unsigned char *
string_body(struct json_scan *sc, char *dec, size_t *len, int *escaped)
{
    const unsigned char *q = sc->p + 1;
    size_t n = 0;

    *escaped = 0;
    for (;;) {
        /* the common case first: a run of printable ASCII, which needs no other check */
        const unsigned char *run = q;
        q = run + json_plain_run(run, 0, (size_t)(sc->end - run));
        if (dec)
            memcpy(dec + n, run, (size_t)(q - run));
        n += (size_t)(q - run);
        if (q >= sc->end) {
            fail_at(sc, sc->p, "unterminated string");
            return NULL;
        }
        if (*q == '"')
            break;
        if (*q < 0x20) {
            fail_at(sc, q, "control character in string (escape it)");
            return NULL;
        }
        if (*q == '\\') {
            unsigned cp, lo;
            char u[4];
            *escaped = 1;
            if (q + 1 >= sc->end) {
                fail_at(sc, sc->p, "unterminated string");
                return NULL;
            }
            switch (q[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': {
                static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
                if (dec)
                    dec[n] = to[strchr(from, q[1]) - from];
                n++;
                q += 2;
                continue;
            }
            case 'u':
                break;
            default:
                fail_at(sc, q, "invalid escape in string");
                return NULL;
            }
            if (sc->end - q < 6 || proctor_json_hex4(q + 2, &cp) < 0) {
                fail_at(sc, q, "invalid \\u escape in string");
                return NULL;
            }
            if (cp == 0) {
                fail_at(sc, q, "\\u0000 is not allowed in strings");
                return NULL;
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                fail_at(sc, q, "lone low surrogate escape in string");
                return NULL;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (sc->end - q < 12 || q[6] != '\\' || q[7] != 'u' ||
                    proctor_json_hex4(q + 8, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF) {
                    fail_at(sc, q, "lone high surrogate escape in string");
                    return NULL;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                q += 6;
            }
            if (dec)
                n += proctor_utf8_put(cp, dec + n);
            else
                n += proctor_utf8_put(cp, u);
            q += 6;
            continue;
        }
        {
            size_t k = proctor_utf8_seq(q, (size_t)(sc->end - q));
            if (k == 0) {
                fail_at(sc, q, "invalid UTF-8");
                return NULL;
            }
            if (dec)
                memcpy(dec + n, q, k);
            n += k;
            q += k;
        }
    }
    *len = n;
    return q;
}

/* The string at sc->p (its opening quote) checked: its closing quote, and its unescaped
 * length in *n; NULL with sc->err filled when it is refused. */
static inline const unsigned char *
string_span(struct json_scan *sc, size_t *n, int *escaped)
{
    size_t k;

    *escaped = 0;
    if (sc->end - sc->p >= 17) {
        int m = json_short_plain(sc->p + 1);
        if (m >= 0) {
            *n = (size_t)m;
            return sc->p + 1 + m;
        }
    }
    k = json_plain_run(sc->p + 1, 0, (size_t)(sc->end - sc->p - 1));
    /* most strings are one plain run up to the closing quote: nothing else to check */
    if (sc->p + 1 + k < sc->end && sc->p[1 + k] == '"') {
        *n = k;
        return sc->p + 1 + k;
    }
    return string_body(sc, NULL, n, escaped);
}

/* The string at sc->p, checked by string_span, unescaped into dec (n + 1 bytes with its
 * NUL; room bytes may be written there). */
static inline void
string_copy(struct json_scan *sc, char *dec, size_t n, int escaped, size_t room)
{
    if (escaped)
        string_body(sc, dec, &n, &escaped); /* checked already: it decodes alike */
    else if (n < 16 && room >= 16 && sc->end - sc->p >= 17)
        memcpy(dec, sc->p + 1, 16); /* a short string in one block: what follows n is room */
    else
        memcpy(dec, sc->p + 1, n);
    dec[n] = '\0';
}

/* What json_arena_take(n) gives room for (its pieces are whole multiples of 16 bytes). */
#define ARENA_ROOM(n) (((n) + 15) & ~(size_t)15)

/*
 * Scans a string starting at the opening quote. When key is not NULL the unescaped bytes
 * are stored there so duplicate keys can be compared as the parser will see them (malloc'd
 * when the key had escapes; when building, the copy in *val). When val is not NULL (building)
 * the unescaped string is returned there, allocated by tree_alloc.
 */
static int
scan_string(struct json_scan *sc, struct key *key, char **val)
{
    const unsigned char *close;
    char *dec = NULL;
    size_t n;
    int escaped;

    if (!(close = string_span(sc, &n, &escaped)))
        return PROCTOR_EINVAL;
    if (val || (key && escaped)) {
        /* a copy: a value being built always, a key only when escapes make it differ */
        size_t room = n + 1;
        if (val && (dec = json_arena_take(n + 1)))
            room = ARENA_ROOM(n + 1);
        else
            dec = val ? cJSON_malloc(n + 1) : malloc(n + 1); /* tree_alloc's, or a key's */
        if (!dec)
            return val ? out_of_memory(sc)
                       : proctor_error_set(sc->err, PROCTOR_ENOMEM, sc->path, 0, 0,
                                           "out of memory");
        string_copy(sc, dec, n, escaped, room);
    }
    if (key) {
        key->owned = NULL;
        if (val)
            key->s = dec; /* the member's name: the tree owns it */
        else if (dec)
            key->s = key->owned = dec;
        else
            key->s = (const char *)sc->p + 1;
        key->len = n;
        key->off = (size_t)(sc->p - sc->start);
    }
    if (val)
        *val = dec;
    sc->p = close + 1;
    return 0;
}

/* A new node of the tree being built. */
static cJSON *
new_node(struct json_scan *sc, int type)
{
    cJSON *n = tree_alloc(sizeof *n);

    if (!n) {
        out_of_memory(sc);
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->type = type;
    return n;
}

/* The number at sc->p checked and taken, its value in *iv. */
static int
number_read(struct json_scan *sc, int64_t *iv)
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
    *iv = neg ? -(int64_t)v : (int64_t)v;
    sc->p = s;
    return 0;
}

static int
scan_number(struct json_scan *sc, cJSON **out)
{
    int64_t v;
    int rc;

    if ((rc = number_read(sc, &v)) < 0)
        return rc;
    if (out) {
        /* the value as cJSON's parse stores it: exact (an integer within 2^53), and the int
         * copy saturated */
        double d = (double)v;
        if (!(*out = new_node(sc, cJSON_Number)))
            return PROCTOR_ENOMEM;
        (*out)->valuedouble = d;
        (*out)->valueint = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
    }
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

static int scan_value(struct json_scan *sc, int depth, cJSON **out);

static int
check_dup_keys(struct json_scan *sc, struct key *keys, size_t n)
{
    /* the objects proctor reads are small: pairwise is cheaper than sorting them */
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (keys[i].len == keys[j].len && (keys[i].len == 0 || keys[i].s[0] == keys[j].s[0]) &&
                    memcmp(keys[i].s, keys[j].s, keys[i].len) == 0)
                    return fail_at(sc, sc->start + keys[i].off, "duplicate object key");
        return 0;
    }
    /* more: by hash, naming what sorting them would (key_cmp): the smallest key given more
     * than once, at its second place */
    {
        uint32_t small[128], *slot = small;
        size_t size = 32;
        const struct key *twice = NULL;

        while (size < 2 * n)
            size *= 2;
        if (size > sizeof small / sizeof small[0] && !(slot = malloc(size * sizeof *slot)))
            return proctor_error_set(sc->err, PROCTOR_ENOMEM, sc->path, 0, 0, "out of memory");
        memset(slot, 0, size * sizeof *slot);
        for (size_t i = 0; i < n; i++) {
            uint64_t h = wordhash(keys[i].s, keys[i].len);
            size_t at;
            for (at = h & (size - 1); slot[at]; at = (at + 1) & (size - 1)) {
                const struct key *k = &keys[slot[at] - 1];
                if (k->len == keys[i].len && memcmp(k->s, keys[i].s, k->len) == 0)
                    break;
            }
            if (!slot[at])
                slot[at] = (uint32_t)i + 1;
            else if (!twice || key_cmp(&keys[i], twice) < 0)
                twice = &keys[i];
        }
        if (slot != small)
            free(slot);
        if (twice)
            return fail_at(sc, sc->start + twice->off, "duplicate object key");
    }
    return 0;
}

/* Appends child to the list [*head .. *last] as cJSON's parse links it (the first's prev is
 * the last, once the list is complete). */
static void
link_child(cJSON **head, cJSON **last, cJSON *child)
{
    if (!*head) {
        *head = child;
    } else {
        (*last)->next = child;
        child->prev = *last;
    }
    *last = child;
}

static int
scan_object(struct json_scan *sc, int depth, cJSON **out)
{
    struct key small[16], *keys = small;
    size_t n = 0, cap = sizeof small / sizeof small[0];
    cJSON *obj = NULL, *head = NULL, *last = NULL;
    int rc = 0;

    if (out) {
        if (!(obj = new_node(sc, cJSON_Object)))
            return PROCTOR_ENOMEM;
        *out = obj;
    }
    sc->p++;
    skip_ws(sc);
    if (sc->p < sc->end && *sc->p == '}') {
        sc->p++;
        return 0;
    }
    for (;;) {
        char *name = NULL;
        cJSON *child = NULL;

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
        if ((rc = scan_string(sc, &keys[n], out ? &name : NULL)) < 0)
            goto out;
        n++;
        skip_ws(sc);
        if (sc->p >= sc->end || *sc->p != ':') {
            cJSON_free(name);
            rc = fail_at(sc, sc->p, "expected ':' after key");
            goto out;
        }
        sc->p++;
        if ((rc = scan_value(sc, depth, out ? &child : NULL)) < 0) {
            cJSON_free(name);
            cJSON_Delete(child); /* what was built of it */
            goto out;
        }
        if (child) {
            child->string = name; /* the tree owns it now (keys[n - 1].s points to it) */
            link_child(&head, &last, child);
            obj->child = head;
            head->prev = last;
        }
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
        if (keys[i].owned) /* a key with escapes: rare */
            free(keys[i].owned);
    if (keys != small)
        free(keys);
    return rc;
}

static int
scan_array(struct json_scan *sc, int depth, cJSON **out)
{
    cJSON *arr = NULL, *head = NULL, *last = NULL;
    int rc;

    if (out) {
        if (!(arr = new_node(sc, cJSON_Array)))
            return PROCTOR_ENOMEM;
        *out = arr;
    }
    sc->p++;
    skip_ws(sc);
    if (sc->p < sc->end && *sc->p == ']') {
        sc->p++;
        return 0;
    }
    for (;;) {
        cJSON *child = NULL;
        if ((rc = scan_value(sc, depth, out ? &child : NULL)) < 0) {
            cJSON_Delete(child); /* what was built of it */
            return rc;
        }
        if (child) {
            link_child(&head, &last, child);
            arr->child = head;
            head->prev = last;
        }
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

/* The literal word (n bytes: inline, a literal's compare folds to a few) at sc->p. */
static inline int
scan_literal(struct json_scan *sc, const char *word, size_t n, int type, cJSON **out)
{
    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
        return fail_at(sc, sc->p, "invalid literal");
    if (out) {
        if (!(*out = new_node(sc, type)))
            return PROCTOR_ENOMEM;
        if (type == cJSON_True)
            (*out)->valueint = 1; /* as cJSON's parse has it */
    }
    sc->p += n;
    return 0;
}

/* A string value built into a node. In an arena scope the node and its string are one piece
 * (cJSON_Delete frees nothing there); else two, as cJSON's parse makes them. */
static int
scan_string_node(struct json_scan *sc, cJSON **out)
{
    const unsigned char *close;
    size_t n;
    int escaped;
    cJSON *node;
    char *v;
    size_t room;

    if (!(close = string_span(sc, &n, &escaped)))
        return PROCTOR_EINVAL;
    room = n + 1;
    if ((node = json_arena_take(sizeof *node + n + 1))) {
        memset(node, 0, sizeof *node);
        node->type = cJSON_String;
        v = (char *)(node + 1);
        room = ARENA_ROOM(sizeof *node + n + 1) - sizeof *node;
    } else {
        if (!(v = cJSON_malloc(n + 1)))
            return out_of_memory(sc);
        if (!(node = new_node(sc, cJSON_String))) {
            cJSON_free(v);
            return PROCTOR_ENOMEM;
        }
    }
    string_copy(sc, v, n, escaped, room);
    node->valuestring = v;
    *out = node;
    sc->p = close + 1;
    return 0;
}

/* Scans a value; when out is not NULL, builds it into *out (linked into the tree by the
 * caller, which frees the whole tree on failure). */
static int
scan_value(struct json_scan *sc, int depth, cJSON **out)
{
    skip_ws(sc);
    if (sc->p >= sc->end)
        return fail_at(sc, sc->p, "unexpected end of input");
    switch (*sc->p) {
    case '{':
    case '[':
        if (depth + 1 > sc->max_depth)
            return fail_at(sc, sc->p, "nested too deeply");
        return *sc->p == '{' ? scan_object(sc, depth + 1, out)
                             : scan_array(sc, depth + 1, out);
    case '"':
        if (out)
            return scan_string_node(sc, out);
        return scan_string(sc, NULL, NULL);
    case 't':
        return scan_literal(sc, "true", 4, cJSON_True, out);
    case 'f':
        return scan_literal(sc, "false", 5, cJSON_False, out);
    case 'n':
        return scan_literal(sc, "null", 4, cJSON_NULL, out);
    default:
        if (*sc->p == '-' || (*sc->p >= '0' && *sc->p <= '9'))
            return scan_number(sc, out);
        if (*sc->p >= 0x80 && proctor_utf8_seq(sc->p, (size_t)(sc->end - sc->p)) == 0)
            return fail_at(sc, sc->p, "invalid UTF-8");
        return fail_at(sc, sc->p, "unexpected character");
    }
}

/* The whole document: the checks, and the tree when out is not NULL. */
static int
scan_document(const char *buf, size_t len, int max_depth, const char *path,
              struct proctor_error *err, cJSON **out)
{
    struct json_scan sc;
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
    if ((rc = scan_value(&sc, 0, out)) < 0)
        return rc;
    skip_ws(&sc);
    if (sc.p != sc.end)
        return fail_at(&sc, sc.p, "trailing data after the JSON value");
    return 0;
}

/* The pull reader (json-strict.h) */

int
json_pull_begin(struct json_scan *sc, const char *buf, size_t len, int max_depth,
                const char *path, struct proctor_error *err)
{
    sc->start = sc->p = (const unsigned char *)buf;
    sc->end = sc->start + len;
    sc->max_depth = max_depth;
    sc->path = path;
    sc->err = err;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        return fail_at(sc, sc->p, "byte order mark is not allowed");
    if (memchr(buf, '\0', len))
        return fail_at(sc, (const unsigned char *)memchr(buf, '\0', len), "NUL byte in JSON");
    return 0;
}

int
json_pull_key_slow(struct json_scan *sc, const char **s, size_t *n)
{
    const unsigned char *close;
    int escaped;

    json_skip_ws(sc);
    if (sc->p >= sc->end || *sc->p != '"')
        return fail_at(sc, sc->p, "expected a string key");
    if (!(close = string_span(sc, n, &escaped)))
        return PROCTOR_EINVAL;
    if (escaped) {
        char *dec = json_arena_take(*n + 1);
        if (!dec)
            return out_of_memory(sc);
        string_copy(sc, dec, *n, escaped, *n + 1);
        *s = dec;
    } else {
        *s = (const char *)sc->p + 1;
    }
    sc->p = close + 1;
    if (!json_pull_char(sc, ':'))
        return fail_at(sc, sc->p, "expected ':' after key");
    return 0;
}

int
json_pull_str_slow(struct json_scan *sc, char **out, size_t *n)
{
    const unsigned char *close;
    char *dec;
    int escaped;
    size_t room;

    json_skip_ws(sc);
    if (sc->p >= sc->end || *sc->p != '"')
        return fail_at(sc, sc->p, "expected a string");
    if (!(close = string_span(sc, n, &escaped)))
        return PROCTOR_EINVAL;
    if (!(dec = json_arena_take(*n + 1)))
        return out_of_memory(sc);
    room = ARENA_ROOM(*n + 1);
    string_copy(sc, dec, *n, escaped, room);
    *out = dec;
    sc->p = close + 1;
    return 0;
}

int
json_pull_int(struct json_scan *sc, int64_t *v)
{
    json_skip_ws(sc);
    if (sc->p >= sc->end || !(*sc->p == '-' || (*sc->p >= '0' && *sc->p <= '9')))
        return fail_at(sc, sc->p, "expected a number");
    return number_read(sc, v);
}

int
json_pull_bool(struct json_scan *sc, int *v)
{
    json_skip_ws(sc);
    if (sc->end - sc->p >= 4 && memcmp(sc->p, "true", 4) == 0) {
        sc->p += 4;
        *v = 1;
        return 0;
    }
    if (sc->end - sc->p >= 5 && memcmp(sc->p, "false", 5) == 0) {
        sc->p += 5;
        *v = 0;
        return 0;
    }
    return fail_at(sc, sc->p, "expected true or false");
}

int
json_pull_value(struct json_scan *sc, int depth, cJSON **out)
{
    return scan_value(sc, depth, out);
}

int
json_pull_end(struct json_scan *sc)
{
    json_skip_ws(sc);
    if (sc->p != sc->end)
        return fail_at(sc, sc->p, "trailing data after the JSON value");
    return 0;
}

int
proctor_json_strict_check(const char *buf, size_t len, int max_depth, const char *path,
                          struct proctor_error *err)
{
    return scan_document(buf, len, max_depth, path, err, NULL);
}

cJSON *
proctor_json_parse_strict(const char *buf, size_t len, const char *path,
                          struct proctor_error *err)
{
    cJSON *root = NULL;

    /* one pass: the strict checks and the tree together, the tree as cJSON's parse builds it
     * (json_strict_parse_twice, for tests, is the check followed by cJSON's parse) */
    if (scan_document(buf, len, PROCTOR_JSON_MAX_DEPTH, path, err, &root) < 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

cJSON *
json_strict_parse_twice(const char *buf, size_t len, const char *path,
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
