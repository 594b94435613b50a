/* SPDX-License-Identifier: ISC */
/* passage.c - paragraphs of a document, and finding quotes with whitespace folded. */
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* Appends the jump (fpos, delta) to ix; 0, or -1 on out of memory. */
static int
add_jump(struct doc_index *ix, size_t *cap, size_t fpos, size_t delta)
{
    if (ix->njumps == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        struct fold_jump *nj = realloc(ix->jumps, nc * sizeof *nj);
        if (!nj)
            return -1;
        ix->jumps = nj;
        *cap = nc;
    }
    ix->jumps[ix->njumps++] = (struct fold_jump){(uint32_t)fpos, (uint32_t)delta};
    return 0;
}

/*
 * The first offset from i (up to len) where folding has work to do: a byte below a space
 * (line breaks, tabs, control characters), or a space not followed by a byte above one.
 * Words and the single spaces between them are copied as they are.
 */
static size_t
plain_span(const char *text, size_t i, size_t len)
{
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x1F), space = _mm_set1_epi8(' ');
    while (i + 17 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(text + i + 1));
        /* unsigned v <= 0x1F exactly where max(v, 0x1F) is 0x1F; likewise next <= ' ' */
        __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(v, below), below);
        __m128i sp = _mm_and_si128(_mm_cmpeq_epi8(v, space),
                                   _mm_cmpeq_epi8(_mm_max_epu8(next, space), space));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, sp));
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    for (; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < ' ' || (c == ' ' && (i + 1 == len || (unsigned char)text[i + 1] <= ' ')))
            break;
    }
    return i;
}

/* bank_fold, and with ix set the jumps of ix (where original - folded offsets change);
 * into buf when it holds len + 1 bytes. */
static int
fold(const char *text, size_t len, char **folded, size_t *flen, struct doc_index *ix,
     char *buf, size_t bufsize)
{
    char *f = len < bufsize ? buf : NULL;
    size_t n = 0, i = 0, cap = 0;

    if (len >= UINT32_MAX || (!f && !(f = malloc(len + 1))))
        return -1;
    while (i < len && is_space(text[i]))
        i++;
    /* the first byte kept; after it the distance changes only past a run of white space */
    if (ix && i < len && add_jump(ix, &cap, 0, i) < 0)
        goto oom;
    while (i < len) {
        size_t j;
        size_t run = plain_span(text, i, len) - i;
        if (run) {
            memcpy(f + n, text + i, run);
            n += run;
            i += run;
            continue;
        }
        if (!is_space(text[i])) {
            f[n++] = text[i++];
            continue;
        }
        for (j = i + 1; j < len && is_space(text[j]);)
            j++;
        if (j == len)
            break;
        f[n++] = ' ';
        if (ix && j - i > 1 && add_jump(ix, &cap, n, j - n) < 0)
            goto oom;
        i = j;
    }
    f[n] = '\0';
    *folded = f;
    *flen = n;
    return 0;
oom:
    if (f != buf)
        free(f);
    return -1;
}

int
bank_fold(const char *text, size_t len, char **folded, size_t *flen)
{
    return fold(text, len, folded, flen, NULL, NULL, 0);
}

int
bank_fold_in(const char *text, size_t len, char *buf, size_t bufsize, char **folded,
             size_t *flen)
{
    return fold(text, len, folded, flen, NULL, buf, bufsize);
}

int
bank_index_build(struct doc_index *ix, const char *text, size_t len)
{
    memset(ix, 0, sizeof *ix);
    if (fold(text, len, &ix->folded, &ix->flen, ix, NULL, 0) == 0)
        return 0;
    bank_index_release(ix);
    return -1;
}

/* The original offset of folded offset fpos (< flen). */
static size_t
unfold(const struct doc_index *ix, size_t fpos)
{
    size_t lo = 0, hi = ix->njumps;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (ix->jumps[mid].fpos <= fpos)
            lo = mid;
        else
            hi = mid;
    }
    return fpos + ix->jumps[lo].delta;
}

/* Maps a folded span back to original byte offsets: the end is one past the last byte. */
static void
unfold_span(const struct doc_index *ix, size_t fpos, size_t flen, size_t *start, size_t *end)
{
    *start = unfold(ix, fpos);
    *end = unfold(ix, fpos + flen - 1) + 1;
}

#define GRAM 8                    /* bytes in an indexed gram */
#define GRAM_MIN_DOC (64u * 1024) /* smaller documents are searched with memmem ... */
#define GRAM_MIN_SEARCHED 1024    /* ... until one of this size has been searched often */
#define GRAM_SEARCHES 1

/* Word-start grams: for each distinct gram (kept in the slot, so that probing never reads
 * the text) how often it occurs, and where its occurrences start in pos[], which holds them
 * grouped by gram, each group in ascending order of position. */
struct gram_slot {
    uint64_t gram;
    uint32_t first; /* its first occurrence in pos[] */
    uint32_t count; /* 0: an empty slot */
};

struct gram_index {
    uint32_t *pos; /* word starts' offsets in the folded text, grouped by gram */
    size_t npos;
    struct gram_slot *slots;
    size_t mask;
    /* a small document's word starts instead: chained by the hash of their gram, each
     * chain in ascending order (UINT32_MAX ends it), no table of distinct grams to fill */
    uint32_t *head; /* mask + 1 chains */
    uint32_t *next; /* the word start after pos[k] in its chain */
};

static uint64_t
gram_at(const char *p)
{
    uint64_t g;
    memcpy(&g, p, sizeof g);
    return g;
}

static size_t
gram_hash(uint64_t g)
{
    g ^= g >> 33;
    g *= 0xff51afd7ed558ccdULL;
    g ^= g >> 33;
    return (size_t)g;
}

static struct gram_slot *
gram_find(const struct gram_index *gi, uint64_t g)
{
    for (size_t h = gram_hash(g) & gi->mask;; h = (h + 1) & gi->mask) {
        struct gram_slot *sl = &gi->slots[h];
        if (sl->count == 0 || sl->gram == g)
            return sl;
    }
}

static void
gram_free(struct gram_index *gi)
{
    if (!gi)
        return;
    free(gi->pos);
    free(gi->slots);
    free(gi->head);
    free(gi->next);
    free(gi);
}

/* Doubles the table of gi; 0, or -1 on out of memory. */
static int
gram_grow(struct gram_index *gi)
{
    size_t ocap = gi->mask + 1, ncap = ocap * 2;
    struct gram_slot *old = gi->slots;

    if (!(gi->slots = calloc(ncap, sizeof *gi->slots))) {
        gi->slots = old;
        return -1;
    }
    gi->mask = ncap - 1;
    for (size_t h = 0; h < ocap; h++)
        if (old[h].count)
            *gram_find(gi, old[h].gram) = old[h];
    free(old);
    return 0;
}

/* The first space of f at or after i, else n: 16 bytes at a time where SSE2 is. */
static size_t
next_space(const char *f, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(f + i));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (i < n && f[i] != ' ')
        i++;
    return i;
}

/* Each word start i of f (0, and every offset after a space) with a whole gram after it. */
#define each_word_start(i, f, flen)                                                             \
    for (size_t i = 0; i + GRAM <= (flen); i = next_space((f), i, (flen)) + 1)

static struct gram_index *
gram_build(const char *f, size_t flen)
{
    struct gram_index *gi = calloc(1, sizeof *gi);
    size_t n = 0, distinct = 0, next = 0;

    if (!gi)
        return NULL;
    /* sized by the distinct grams, at most half full: far fewer than the word starts in a
     * document that repeats its words, and small enough to stay in cache */
    gi->mask = 1023;
    if (!(gi->slots = calloc(gi->mask + 1, sizeof *gi->slots)))
        goto oom;
    /* each gram counted, then its group placed, then each word start put in its group */
    each_word_start(i, f, flen) {
        struct gram_slot *sl;
        uint64_t g;
        n++;
        sl = gram_find(gi, g = gram_at(f + i));
        if (sl->count == 0 && 2 * (distinct + 1) > gi->mask + 1) {
            if (gram_grow(gi) < 0)
                goto oom;
            sl = gram_find(gi, g);
        }
        if (sl->count++ == 0) {
            sl->gram = g;
            distinct++;
        }
    }
    if (!(gi->pos = malloc((n ? n : 1) * sizeof *gi->pos)))
        goto oom;
    for (size_t h = 0; h <= gi->mask; h++) {
        gi->slots[h].first = (uint32_t)next;
        next += gi->slots[h].count;
    }
    /* first moves on as its group fills, and is put back after */
    each_word_start(i, f, flen)
        gi->pos[gram_find(gi, gram_at(f + i))->first++] = (uint32_t)i;
    for (size_t h = 0; h <= gi->mask; h++)
        gi->slots[h].first -= gi->slots[h].count;
    gi->npos = n;
    return gi;
oom:
    gram_free(gi);
    return NULL;
}

/* A small document's index: its word starts chained by gram hash (struct gram_index). */
static struct gram_index *
chain_build(const char *f, size_t flen)
{
    struct gram_index *gi = calloc(1, sizeof *gi);
    size_t n = 0;

    if (!gi)
        return NULL;
    /* at most one word start in two bytes */
    if (!(gi->pos = malloc((flen / 2 + 1) * sizeof *gi->pos)) ||
        !(gi->next = malloc((flen / 2 + 1) * sizeof *gi->next)))
        goto oom;
    each_word_start(i, f, flen) gi->pos[n++] = (uint32_t)i;
    gi->npos = n;
    for (gi->mask = 63; gi->mask + 1 < n; gi->mask = gi->mask * 2 + 1)
        ;
    if (!(gi->head = malloc((gi->mask + 1) * sizeof *gi->head)))
        goto oom;
    memset(gi->head, 0xFF, (gi->mask + 1) * sizeof *gi->head);
    /* from the last, so that each chain runs in ascending order */
    for (size_t k = n; k-- > 0;) {
        size_t h = gram_hash(gram_at(f + gi->pos[k])) & gi->mask;
        gi->next[k] = gi->head[h];
        gi->head[h] = (uint32_t)k;
    }
    return gi;
oom:
    gram_free(gi);
    return NULL;
}

/* The first word start of gram g's chain (UINT32_MAX: none), and the next after k. */
static uint32_t
chain_next(const struct gram_index *gi, const char *f, uint64_t g, uint32_t k)
{
    while (k != UINT32_MAX && gram_at(f + gi->pos[k]) != g)
        k = gi->next[k];
    return k;
}

/* How often gram g starts a word (counting stops at most). */
static size_t
chain_count(const struct gram_index *gi, const char *f, uint64_t g, size_t most)
{
    size_t c = 0;

    for (uint32_t k = chain_next(gi, f, g, gi->head[gram_hash(g) & gi->mask]);
         k != UINT32_MAX && c < most; k = chain_next(gi, f, g, gi->next[k]))
        c++;
    return c;
}

void
bank_index_release(struct doc_index *ix)
{
    free(ix->folded);
    free(ix->jumps);
    gram_free(ix->grams);
    memset(ix, 0, sizeof *ix);
}

/* Tallies an occurrence at folded offset at; returns 1 when the search can stop. */
static int
occurrence(const struct doc_index *ix, size_t at, size_t fqlen, size_t nth, size_t *seen,
           size_t *start, size_t *end, int *found)
{
    (*seen)++;
    if (*seen == (nth ? nth : 1)) {
        unfold_span(ix, at, fqlen, start, end);
        *found = 0;
    }
    return *seen >= (nth ? nth : 1) && *seen >= 2;
}

int
bank_find_folded(struct doc_index *ix, const char *fquote, size_t fqlen, size_t nth,
                 size_t *start, size_t *end, size_t *count)
{
    size_t seen = 0, best_w = 0;
    struct gram_slot *best = NULL;
    int found = -1;

    *count = 0;
    if (fqlen == 0)
        return -1;
    if (!ix->grams && ix->flen >= GRAM_MIN_DOC)
        ix->grams = gram_build(ix->folded, ix->flen); /* on failure, memmem below */
    else if (!ix->grams && ix->flen >= GRAM_MIN_SEARCHED && ++ix->searches > GRAM_SEARCHES)
        ix->grams = chain_build(ix->folded, ix->flen);
    if (ix->grams && ix->grams->head) {
        /* the same search through the chains: the rarest gram's occurrences in order */
        const struct gram_index *gi = ix->grams;
        size_t best_n = SIZE_MAX;
        uint64_t bg = 0;
        for (size_t w = 1; w + GRAM <= fqlen; w++) {
            uint64_t g;
            size_t c;
            if (fquote[w - 1] != ' ')
                continue;
            c = chain_count(gi, ix->folded, g = gram_at(fquote + w), best_n);
            if (c < best_n) {
                best_n = c;
                best_w = w;
                bg = g;
                if (c <= 1)
                    break;
            }
        }
        if (best_n != SIZE_MAX) {
            for (uint32_t k = chain_next(gi, ix->folded, bg, gi->head[gram_hash(bg) & gi->mask]);
                 k != UINT32_MAX; k = chain_next(gi, ix->folded, bg, gi->next[k])) {
                size_t p = gi->pos[k];
                if (p < best_w || p - best_w + fqlen > ix->flen ||
                    memcmp(ix->folded + p - best_w, fquote, fqlen) != 0)
                    continue;
                if (occurrence(ix, p - best_w, fqlen, nth, &seen, start, end, &found))
                    break;
            }
            *count = seen;
            return found;
        }
    } else if (ix->grams) {
        /* the quote's rarest word-start gram: every occurrence has it at the same offset */
        for (size_t w = 1; w + GRAM <= fqlen; w++) {
            struct gram_slot *sl;
            if (fquote[w - 1] != ' ')
                continue;
            sl = gram_find(ix->grams, gram_at(fquote + w));
            if (!best || sl->count < best->count) {
                best = sl;
                best_w = w;
                if (sl->count <= 1)
                    break; /* none rarer: found once at most */
            }
        }
    }
    if (best) {
        for (uint32_t k = best->first; k < best->first + best->count; k++) {
            size_t p = ix->grams->pos[k];
            if (p < best_w || p - best_w + fqlen > ix->flen ||
                memcmp(ix->folded + p - best_w, fquote, fqlen) != 0)
                continue;
            if (occurrence(ix, p - best_w, fqlen, nth, &seen, start, end, &found))
                break;
        }
    } else {
        for (size_t from = 0; from < ix->flen;) {
            const char *hit = memmem(ix->folded + from, ix->flen - from, fquote, fqlen);
            if (!hit)
                break;
            if (occurrence(ix, (size_t)(hit - ix->folded), fqlen, nth, &seen, start, end,
                           &found))
                break;
            from = (size_t)(hit - ix->folded) + 1;
        }
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
    if (bank_index_build(&ix, text + from, len - from) < 0)
        return -1;
    if (bank_fold(quote, strlen(quote), &fq, &fqlen) < 0)
        goto out;
    if (bank_find_folded(&ix, fq, fqlen, 1, &s, &e, &count) == 0) {
        /* offsets of the folded copy are relative to text + from */
        *start = from + s;
        *end = from + e;
        rc = 0;
    }
out:
    free(fq);
    bank_index_release(&ix);
    return rc;
}
