/* SPDX-License-Identifier: ISC */
/* jsonpos.c - recovering line:column positions of cJSON nodes from their source text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"

struct scan {
    const char *s;
    size_t i, len;
    size_t *offs; /* value offsets in pre-order */
    size_t n, cap;
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
    while (sc->i < sc->len && sc->s[sc->i] != '"') {
        if (sc->s[sc->i] == '\\')
            sc->i++;
        sc->i++;
    }
    sc->i++;
}

/*
 * Scans one value. key_off is the member's key offset (or SIZE_MAX): recorded instead of the
 * value's own offset, so errors about a member point at its name. Depth is bounded by the
 * cJSON parse that already succeeded on this text (CJSON_NESTING_LIMIT).
 */
static int
scan_value(struct scan *sc, size_t key_off)
{
    char c;

    skip_ws(sc);
    if (sc->i >= sc->len)
        return 0;
    if (push(sc, key_off != SIZE_MAX ? key_off : sc->i) < 0)
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
            if (scan_value(sc, k) < 0)
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
assign(struct jsonpos *p, const cJSON *node, const size_t *offs, size_t noffs, size_t *k)
{
    for (; node; node = node->next) {
        if (*k < noffs) {
            p->v[p->n].node = node;
            p->v[p->n].offset = offs[*k];
            p->n++;
        }
        (*k)++;
        if (cJSON_IsArray(node) || cJSON_IsObject(node))
            assign(p, node->child, offs, noffs, k);
    }
}

int
jsonpos_build(struct jsonpos *p, const cJSON *root, const char *text, size_t len)
{
    struct scan sc = {text, 0, len, NULL, 0, 0};
    size_t k = 0, nl = 1;

    memset(p, 0, sizeof *p);
    p->text = text;
    for (size_t i = 0; i < len; i++)
        nl += text[i] == '\n';
    p->line_starts = malloc(nl * sizeof *p->line_starts);
    if (!p->line_starts)
        return -1;
    p->line_starts[p->nlines++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            p->line_starts[p->nlines++] = i + 1;
    if (!root)
        return 0; /* only the line table: never scan text cJSON refused */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        sc.i = 3;
    if (scan_value(&sc, SIZE_MAX) < 0)
        goto oom;
    p->v = malloc((sc.n ? sc.n : 1) * sizeof *p->v);
    if (!p->v)
        goto oom;
    assign(p, root, sc.offs, sc.n, &k);
    qsort(p->v, p->n, sizeof *p->v, cmp_entry);
    free(sc.offs);
    return 0;
oom:
    free(sc.offs);
    jsonpos_free(p);
    return -1;
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
jsonpos_node(const struct jsonpos *p, const cJSON *node, long *line, long *col)
{
    struct jsonpos_entry key = {node, 0}, *e;

    *line = *col = 0;
    if (!p->v)
        return;
    e = bsearch(&key, p->v, p->n, sizeof *p->v, cmp_entry);
    if (e)
        jsonpos_linecol(p, e->offset, line, col);
}
