/* SPDX-License-Identifier: ISC */
/* jsonpos.c - recovering line:column positions of cJSON nodes from their source text. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"

struct scan {
    const char *s;
    size_t i, len;
    size_t *offs; /* value offsets in pre-order */
    size_t n, cap;
    int max_depth; /* record values down to this depth (0 = the root) */
};

static int
push(struct scan *sc, size_t off)
{
    if (sc->n == sc->cap) {
        size_t ncap = sc->cap ? sc->cap * 2 : 256;
        size_t *no = realloc(sc->offs, ncap * sizeof *no);
        if (!no)
            return -1;
        sc->offs = no;
        sc->cap = ncap;
    }
    sc->offs[sc->n++] = off;
    return 0;
}

static void
skip_ws(struct scan *sc)
{
    while (sc->i < sc->len && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t' ||
                               sc->s[sc->i] == '\n' || sc->s[sc->i] == '\r'))
        sc->i++;
}

static void
skip_string(struct scan *sc)
{
    sc->i++; /* opening quote */
    while (sc->i < sc->len) {
        /* the text is NUL-terminated, and cJSON has accepted it: no NUL inside a string */
        sc->i += strcspn(sc->s + sc->i, "\"\\");
        if (sc->i >= sc->len || sc->s[sc->i] == '"')
            break;
        sc->i += 2; /* an escape and the character it escapes */
    }
    sc->i++;
}

/*
 * Scans one value. key_off is the member's key offset (or SIZE_MAX): recorded instead of the
 * value's own offset, so errors about a member point at its name. Depth is bounded by the
 * cJSON parse that already succeeded on this text (CJSON_NESTING_LIMIT).
 */
static int
scan_value(struct scan *sc, size_t key_off, int depth)
{
    char c;

    skip_ws(sc);
    if (sc->i >= sc->len)
        return 0;
    if (depth <= sc->max_depth && push(sc, key_off != SIZE_MAX ? key_off : sc->i) < 0)
        return -1;
    c = sc->s[sc->i];
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        sc->i++;
        skip_ws(sc);
        if (sc->i < sc->len && sc->s[sc->i] == close) {
            sc->i++;
            return 0;
        }
        while (sc->i < sc->len) {
            size_t k = SIZE_MAX;
            skip_ws(sc);
            if (c == '{') {
                k = sc->i;
                skip_string(sc);
                skip_ws(sc);
                sc->i++; /* colon */
            }
            if (scan_value(sc, k, depth + 1) < 0)
                return -1;
            skip_ws(sc);
            if (sc->i < sc->len && sc->s[sc->i] == ',') {
                sc->i++;
                continue;
            }
            sc->i++; /* closing bracket */
            break;
        }
        return 0;
    }
    if (c == '"') {
        skip_string(sc);
        return 0;
    }
    while (sc->i < sc->len && !strchr(",]} \t\r\n", sc->s[sc->i]))
        sc->i++;
    return 0;
}

static int
cmp_entry(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct jsonpos_entry *)a)->node;
    uintptr_t y = (uintptr_t)((const struct jsonpos_entry *)b)->node;
    return x < y ? -1 : x > y;
}

static void
assign(struct jsonpos *p, const cJSON *node, const size_t *offs, size_t noffs, size_t *k,
       int depth, int max_depth)
{
    for (; node; node = node->next) {
        if (*k < noffs) {
            p->v[p->n].node = node;
            p->v[p->n].offset = offs[*k];
            p->n++;
        }
        (*k)++;
        if ((cJSON_IsArray(node) || cJSON_IsObject(node)) && depth < max_depth)
            assign(p, node->child, offs, noffs, k, depth + 1, max_depth);
    }
}

/* Indexes the nodes of p->root down to max_depth. 0, or -1 on out of memory. */
static int
index_nodes(struct jsonpos *p, int max_depth)
{
    struct scan sc = {p->text, 0, p->len, NULL, 0, 0, max_depth};
    size_t k = 0;

    if (p->len >= 3 && memcmp(p->text, "\xEF\xBB\xBF", 3) == 0)
        sc.i = 3;
    if (scan_value(&sc, SIZE_MAX, 0) < 0) {
        free(sc.offs);
        return -1;
    }
    free(p->v);
    p->n = 0;
    p->v = malloc((sc.n ? sc.n : 1) * sizeof *p->v);
    if (!p->v) {
        free(sc.offs);
        return -1;
    }
    assign(p, p->root, sc.offs, sc.n, &k, 0, max_depth);
    qsort(p->v, p->n, sizeof *p->v, cmp_entry);
    free(sc.offs);
    return 0;
}

int
jsonpos_build(struct jsonpos *p, const cJSON *root, const char *text, size_t len)
{
    size_t nl = 1;

    memset(p, 0, sizeof *p);
    p->text = text;
    p->len = len;
    p->root = root;
    for (const char *q = text; (q = memchr(q, '\n', len - (size_t)(q - text))); q++)
        nl++;
    p->line_starts = malloc(nl * sizeof *p->line_starts);
    if (!p->line_starts)
        return -1;
    p->line_starts[p->nlines++] = 0;
    for (const char *q = text; (q = memchr(q, '\n', len - (size_t)(q - text))); q++)
        p->line_starts[p->nlines++] = (size_t)(q - text) + 1;
    if (!root)
        return 0; /* only the line table: never scan text cJSON refused */
    if (index_nodes(p, 2) < 0) {
        jsonpos_free(p);
        return -1;
    }
    return 0;
}

void
jsonpos_free(struct jsonpos *p)
{
    free(p->v);
    free(p->line_starts);
    memset(p, 0, sizeof *p);
}

void
jsonpos_linecol(const struct jsonpos *p, size_t offset, long *line, long *col)
{
    size_t lo = 0, hi = p->nlines;
    long c = 1;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = p->line_starts[lo]; i < offset; i++)
        if (((unsigned char)p->text[i] & 0xC0) != 0x80)
            c++;
    *line = (long)lo + 1;
    *col = c;
}

void
jsonpos_node(struct jsonpos *p, const cJSON *node, long *line, long *col)
{
    struct jsonpos_entry key = {node, 0}, *e = NULL;

    *line = *col = 0;
    if (p->v)
        e = bsearch(&key, p->v, p->n, sizeof *p->v, cmp_entry);
    if (!e && !p->full && p->root) {
        /* a deeper node: index them all, once (cJSON's nesting limit bounds the depth) */
        p->full = 1;
        if (index_nodes(p, INT_MAX) < 0)
            return;
        e = bsearch(&key, p->v, p->n, sizeof *p->v, cmp_entry);
    }
    if (e)
        jsonpos_linecol(p, e->offset, line, col);
}
