/* SPDX-License-Identifier: ISC */
/* passage.c - paragraphs of a document, and finding quotes with whitespace folded. */
#include <stdlib.h>
#include <string.h>

#include "bank-internal.h"
#include "proctor/bank.h"

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
is_blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_space(s[i]))
            return 0;
    return 1;
}

static int
starts_bullet(const char *s, size_t len)
{
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    return (len >= 2 && s[0] == '-' && s[1] == ' ') ||
           (len >= 4 && memcmp(s, "\xE2\x80\x93 ", 4) == 0) || /* en dash */
           (len >= 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0);   /* bullet */
}

int
bank_paragraphs(struct proctor_doc *d)
{
    size_t cap = 16, i = 0;
    long line = 1;
    int open = 0;

    d->paras = malloc(cap * sizeof *d->paras);
    if (!d->paras)
        return -1;
    d->nparas = 0;
    while (i < d->len) {
        const char *nl = memchr(d->text + i, '\n', d->len - i);
        size_t end = nl ? (size_t)(nl - d->text) : d->len;
        int blank = is_blank_line(d->text + i, end - i);

        if (blank) {
            open = 0;
        } else {
            if (open && starts_bullet(d->text + i, end - i))
                open = 0;
            if (!open) {
                if (d->nparas == cap) {
                    struct proctor_para *np;
                    cap *= 2;
                    np = realloc(d->paras, cap * sizeof *np);
                    if (!np)
                        return -1;
                    d->paras = np;
                }
                d->paras[d->nparas].start = i;
                d->paras[d->nparas].line = line;
                d->nparas++;
                open = 1;
            }
            d->paras[d->nparas - 1].end = end;
        }
        i = end + 1;
        line++;
    }
    return 0;
}

size_t
bank_para_of(const struct proctor_doc *d, size_t offset)
{
    size_t lo = 0, hi = d->nparas;

    if (d->nparas == 0)
        return 0;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->paras[mid].start <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int
bank_fold(const char *text, size_t len, char **folded, size_t **map, size_t *flen)
{
    char *f = malloc(len + 1);
    size_t *m = map ? malloc((len + 1) * sizeof *m) : NULL;
    size_t n = 0, i = 0;

    if (!f || (map && !m)) {
        free(f);
        free(m);
        return -1;
    }
    while (i < len && is_space(text[i]))
        i++;
    while (i < len) {
        if (is_space(text[i])) {
            size_t j = i;
            while (j < len && is_space(text[j]))
                j++;
            if (j == len)
                break;
            if (m)
                m[n] = i;
            f[n++] = ' ';
            i = j;
        } else {
            if (m)
                m[n] = i;
            f[n++] = text[i++];
        }
    }
    if (m)
        m[n] = len;
    f[n] = '\0';
    *folded = f;
    if (map)
        *map = m;
    *flen = n;
    return 0;
}

/* Maps a folded span back to original byte offsets: the end is one past the last byte. */
static void
unfold_span(const struct doc_index *ix, size_t fpos, size_t flen, size_t *start, size_t *end)
{
    *start = ix->map[fpos];
    *end = ix->map[fpos + flen - 1] + 1;
}

int
bank_find_folded(const struct doc_index *ix, const char *fquote, size_t fqlen, size_t nth,
                 size_t *start, size_t *end, size_t *count)
{
    size_t seen = 0, from = 0;
    int found = -1;

    *count = 0;
    if (fqlen == 0)
        return -1;
    for (;;) {
        const char *hit;
        if (from >= ix->flen)
            break;
        hit = memmem(ix->folded + from, ix->flen - from, fquote, fqlen);
        if (!hit)
            break;
        seen++;
        if (seen == (nth ? nth : 1)) {
            unfold_span(ix, (size_t)(hit - ix->folded), fqlen, start, end);
            found = 0;
        }
        from = (size_t)(hit - ix->folded) + 1;
        if (seen >= (nth ? nth : 1) && seen >= 2)
            break;
    }
    *count = seen;
    return found;
}

int
proctor_passage_find(const char *text, size_t len, const char *quote, size_t from,
                     size_t *start, size_t *end)
{
    struct doc_index ix = {0};
    char *fq = NULL;
    size_t fqlen, count, s, e;
    int rc = -1;

    if (from > len)
        return -1;
    if (bank_fold(text + from, len - from, &ix.folded, &ix.map, &ix.flen) < 0)
        return -1;
    if (bank_fold(quote, strlen(quote), &fq, NULL, &fqlen) < 0)
        goto out;
    if (bank_find_folded(&ix, fq, fqlen, 1, &s, &e, &count) == 0) {
        /* offsets of the folded copy are relative to text + from */
        *start = from + s;
        *end = from + e;
        rc = 0;
    }
out:
    free(fq);
    free(ix.folded);
    free(ix.map);
    return rc;
}
