/* SPDX-License-Identifier: ISC */
/*
 * import.c - questions of another format into a bank (proctor/import.h): the driver the
 * readers (gift.c, aiken.c) share. It names each question, adds what the formats do not say
 * (difficulty, level, tags), ties it to a passage, checks it as a bank file's question is
 * checked and writes the questions that pass as a question file.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "import-internal.h"
#include "json-write.h"
#include "kebab.h"
#include "proctor/limits.h"

struct importer {
    struct qdesc d;
    struct bank_builder *bb;
    struct proctor_bank *bank;
    const struct proctor_doc *doc; /* --doc */
    const char *path, *text;
    size_t len;
    size_t *lines; /* offsets where lines start */
    size_t nlines;
    char base[PROCTOR_QUESTION_ID_MAX + 1]; /* the file's name, for ids */
    size_t ordinal;
    char **ids; /* ids given to this file's questions */
    size_t nids, capids;
    char **strs; /* import_str's copies for the question begun */
    size_t nstrs, capstrs;
    cJSON *out; /* the questions imported */
    proctor_diag_fn diag;
    void *ctx;
    struct proctor_import_stats *st;
    char qid[PROCTOR_QUESTION_ID_MAX + 1]; /* the question begun */
    int bad;                               /* it was refused */
    int noted;                             /* a note was given for it */
    int oom;
};

const void *
import_at(size_t off)
{
    return (const void *)(uintptr_t)(off + 1);
}

const char *
import_doc_title(struct importer *I, const char *id)
{
    const struct proctor_doc *d = proctor_bank_doc(I->bank, id);

    return d ? (d->title ? d->title : d->id) : NULL;
}

struct qdesc *
import_desc(struct importer *I)
{
    return &I->d;
}

struct proctor_import_stats *
import_stats(struct importer *I)
{
    return I->st;
}

/* Line and column (in characters) of offset off. */
static void
position(const struct importer *I, size_t off, long *line, long *col)
{
    size_t lo = 0, hi = I->nlines, c = 0;

    if (off > I->len)
        off = I->len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (I->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = I->lines[lo]; i < off; i++)
        if (((unsigned char)I->text[i] & 0xC0) != 0x80)
            c++;
    *line = (long)lo + 1;
    *col = (long)c + 1;
}

static void
where(void *ctx, const void *at, long *line, long *col)
{
    const struct importer *I = ctx;
    uintptr_t h = (uintptr_t)at;

    *line = *col = 0;
    if (h)
        position(I, (size_t)(h - 1), line, col);
}

static void
vsay(struct importer *I, int code, size_t at, const char *fmt, va_list ap)
{
    struct proctor_error e;
    size_t n;

    proctor_error_clear(&e);
    e.code = code;
    snprintf(e.path, sizeof e.path, "%s", I->path);
    position(I, at, &e.line, &e.column);
    n = I->qid[0] ? (size_t)snprintf(e.msg, sizeof e.msg, "question '%s': ", I->qid) : 0;
    if (n < sizeof e.msg)
        vsnprintf(e.msg + n, sizeof e.msg - n, fmt, ap);
    if (I->diag)
        I->diag(I->ctx, &e);
}

int
import_refuse(struct importer *I, size_t at, const char *fmt, ...)
{
    va_list ap;

    if (I->bad)
        return -1;
    va_start(ap, fmt);
    vsay(I, PROCTOR_EINVAL, at, fmt, ap);
    va_end(ap);
    I->bad = 1;
    return -1;
}

void
import_note(struct importer *I, size_t at, const char *fmt, ...)
{
    va_list ap;

    if (I->bad)
        return;
    va_start(ap, fmt);
    vsay(I, 0, at, fmt, ap);
    va_end(ap);
    I->noted = 1;
}

void
import_error(struct importer *I, size_t at, const char *fmt, ...)
{
    va_list ap;

    I->qid[0] = '\0';
    va_start(ap, fmt);
    vsay(I, PROCTOR_EINVAL, at, fmt, ap);
    va_end(ap);
    I->st->refused++;
}

char *
import_str(struct importer *I, const char *s, size_t n)
{
    char *p;

    if (I->nstrs == I->capstrs) {
        size_t cap = I->capstrs ? I->capstrs * 2 : 32;
        char **v = realloc(I->strs, cap * sizeof *v);
        if (!v)
            return I->oom = 1, NULL;
        I->strs = v;
        I->capstrs = cap;
    }
    if (!(p = malloc(n + 1)))
        return I->oom = 1, NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    I->strs[I->nstrs++] = p;
    return p;
}

static void
free_strs(struct importer *I)
{
    for (size_t i = 0; i < I->nstrs; i++)
        free(I->strs[i]);
    I->nstrs = 0;
}

static int
id_taken(const struct importer *I, const char *id)
{
    for (size_t i = 0; i < I->nids; i++)
        if (strcmp(I->ids[i], id) == 0)
            return 1;
    return 0;
}

/* The question's id: its own, else "<file>-<ordinal>"; "-2", "-3"... when taken. */
static void
make_id(struct importer *I, const struct import_meta *m)
{
    char base[PROCTOR_QUESTION_ID_MAX + 1];
    size_t n = 0;

    if (m->id)
        n = kebab_from(m->id, strlen(m->id), PROCTOR_QUESTION_ID_MAX - 4, base, sizeof base);
    if (!n)
        snprintf(base, sizeof base, "%.*s-%zu", PROCTOR_QUESTION_ID_MAX - 12, I->base, I->ordinal);
    snprintf(I->qid, sizeof I->qid, "%s", base);
    for (unsigned k = 2; id_taken(I, I->qid) && k < 1000000; k++)
        snprintf(I->qid, sizeof I->qid, "%.*s-%u", PROCTOR_QUESTION_ID_MAX - 8, base, k);
}

struct qnode *
import_begin(struct importer *I, const struct import_meta *m, size_t at)
{
    struct qnode *q;

    qdesc_reset(&I->d);
    I->bad = I->noted = 0;
    I->ordinal++;
    I->st->questions++;
    make_id(I, m);
    q = qdesc_add(&I->d, NULL, NULL, QNODE_OBJECT, import_at(at));
    if (!q || !qdesc_add_string(&I->d, q, "id", I->qid, import_at(m->id ? m->id_at : at)))
        return I->oom = 1, NULL;
    return q;
}

/* Whether s[0..n) holds at least three words. */
static int
three_words(const char *s, size_t n)
{
    size_t words = 0;
    int in = 0;

    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words >= 3;
}

/* A run of the prompt between quotation marks ("..." or the curly pair) that occurs once in
 * the --doc document, as a string of I's; NULL when none does. */
static const char *
quoted_passage(struct importer *I, const char *prompt)
{
    static const char *const opens[] = {"\"", "\xe2\x80\x9c"}, *const closes[] = {"\"",
                                                                                  "\xe2\x80\x9d"};
    const struct proctor_doc *d = I->doc;

    for (size_t k = 0; k < 2; k++) {
        const char *p = prompt;
        for (;;) {
            const char *a = strstr(p, opens[k]), *b;
            size_t s, e, s2, e2;
            if (!a)
                break;
            a += strlen(opens[k]);
            if (!(b = strstr(a, closes[k])))
                break;
            p = b + strlen(closes[k]);
            if (!three_words(a, (size_t)(b - a)))
                continue;
            char *quote = import_str(I, a, (size_t)(b - a));
            if (!quote)
                return NULL;
            if (proctor_passage_find(d->text, d->len, quote, 0, &s, &e) == 0 &&
                proctor_passage_find(d->text, d->len, quote, e, &s2, &e2) != 0)
                return quote;
        }
    }
    return NULL;
}

static cJSON *
to_cjson(const struct qnode *v)
{
    cJSON *o = NULL;
    const struct qnode *c;

    switch (v->kind) {
    case QNODE_NULL: return cJSON_CreateNull();
    case QNODE_FALSE: return cJSON_CreateFalse();
    case QNODE_TRUE: return cJSON_CreateTrue();
    case QNODE_NUMBER: return cJSON_CreateNumber(v->num);
    case QNODE_STRING: return cJSON_CreateString(v->str);
    case QNODE_ARRAY: o = cJSON_CreateArray(); break;
    case QNODE_OBJECT: o = cJSON_CreateObject(); break;
    }
    if (!o)
        return NULL;
    qnode_each(c, v)
    {
        cJSON *x = to_cjson(c);
        if (!x) {
            cJSON_Delete(o);
            return NULL;
        }
        if (v->kind == QNODE_OBJECT)
            cJSON_AddItemToObject(o, c->name, x);
        else
            cJSON_AddItemToArray(o, x);
    }
    return o;
}

static int
keep_id(struct importer *I)
{
    char *id;

    if (I->nids == I->capids) {
        size_t cap = I->capids ? I->capids * 2 : 64;
        char **v = realloc(I->ids, cap * sizeof *v);
        if (!v)
            return -1;
        I->ids = v;
        I->capids = cap;
    }
    if (!(id = strdup(I->qid)))
        return -1;
    I->ids[I->nids++] = id;
    return 0;
}

static int
end_question(struct importer *I, struct qnode *q, const struct import_meta *m)
{
    struct qdesc *d = &I->d;
    struct qnode *tags, *src;
    struct qsource qs = {I->path, where, I};
    struct proctor_error err;
    char tag[PROCTOR_QUESTION_ID_MAX + 1];
    const char *quote = m->src_quote, *docid = m->src_doc;
    size_t ntags = 0;
    int rc;

    if (I->oom || d->failed)
        return PROCTOR_ENOMEM;
    if (I->bad) {
        I->st->refused++;
        return 0;
    }
    if (m->points)
        qdesc_add_number(d, q, "points", strtod(m->points, NULL), import_at(m->meta_at));
    qdesc_add_number(d, q, "difficulty", m->difficulty ? (double)m->difficulty : 2,
                     import_at(m->meta_at));
    qdesc_add_string(d, q, "level", m->level ? m->level : "recall", import_at(m->meta_at));
    tags = qdesc_add(d, q, "tags", QNODE_ARRAY, import_at(m->tags_at));
    for (size_t i = 0; i < m->ntags; i++) {
        char *t;
        int dup = 0;
        if (!kebab_from(m->tags[i], strlen(m->tags[i]), PROCTOR_QUESTION_ID_MAX, tag, sizeof tag))
            continue;
        for (const struct qnode *c = tags ? tags->child : NULL; c; c = c->next)
            dup |= strcmp(c->str, tag) == 0;
        if (dup || !(t = import_str(I, tag, strlen(tag))))
            continue;
        qdesc_add_string(d, tags, NULL, t, import_at(m->tags_at));
        ntags++;
    }
    if (!ntags)
        qdesc_add_string(d, tags, NULL, "imported", import_at(m->tags_at));
    if (!quote && I->doc) {
        const struct qnode *p = qnode_member(q, "prompt");
        if (qnode_is_string(p) && (quote = quoted_passage(I, p->str)))
            docid = I->doc->id;
        else
            import_note(I, m->tags_at, "not tied to '%s': its text quotes no passage of it",
                        I->doc->id);
    }
    if (quote && docid) {
        src = qdesc_add(d, q, "source", QNODE_OBJECT, import_at(m->src_at));
        qdesc_add_string(d, src, "doc", docid, import_at(m->src_at));
        qdesc_add_string(d, src, "quote", quote, import_at(m->src_at));
        if (m->nth)
            qdesc_add_number(d, src, "nth", (double)m->nth, import_at(m->src_at));
    }
    if (m->explain)
        qdesc_add_string(d, q, "explain", m->explain, import_at(m->explain_at));
    if (I->oom || d->failed)
        return PROCTOR_ENOMEM;
    proctor_error_clear(&err);
    rc = bank_builder_add(I->bb, &qs, q, &err);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        I->st->refused++;
        return 0;
    }
    cJSON *o = to_cjson(q);
    if (!o || !cJSON_AddItemToArray(I->out, o) || keep_id(I) < 0) {
        cJSON_Delete(o);
        return PROCTOR_ENOMEM;
    }
    I->st->imported++;
    I->st->notes += I->noted != 0;
    I->st->unsourced += !(quote && docid);
    return 0;
}

int
import_end(struct importer *I, struct qnode *q, const struct import_meta *m)
{
    int rc = end_question(I, q, m);

    free_strs(I);
    I->qid[0] = '\0';
    return rc;
}

void
import_drop(struct importer *I)
{
    free_strs(I);
    I->qid[0] = '\0';
}

/* The offset of the first byte of text that is not UTF-8 (or is NUL), or len. */
static size_t
bad_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min;
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, min = 0x10000;
        else
            return i;
        if (len - i <= n)
            return i;
        unsigned cp = c & (0x3F >> n);
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

/* The file's name without its directory and .txt/.gift/.aiken extensions, in kebab-case
 * ("questions" when nothing is left). */
static void
file_base(const char *path, char *out, size_t size)
{
    static const char *const exts[] = {".txt", ".gift", ".aiken"};
    const char *base = strrchr(path, '/');
    size_t n;

    base = base ? base + 1 : path;
    n = strlen(base);
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; k < sizeof exts / sizeof *exts; k++) {
            size_t e = strlen(exts[k]);
            if (n > e && strncmp(base + n - e, exts[k], e) == 0) {
                n -= e;
                again = 1;
            }
        }
    }
    if (!kebab_from(base, n, PROCTOR_QUESTION_ID_MAX - 12, out, size))
        snprintf(out, size, "questions");
}

void
proctor_import_file_name(enum proctor_import_format fmt, const char *path, char *out, size_t size)
{
    char id[PROCTOR_QUESTION_ID_MAX + 1];

    file_base(path, id, sizeof id);
    snprintf(out, size, "%s-%s.json", fmt == PROCTOR_IMPORT_GIFT ? "gift" : "aiken", id);
}

int
proctor_import(struct proctor_bank *bank, enum proctor_import_format fmt, const char *path,
               const char *text, size_t len, const char *doc, proctor_diag_fn diag, void *ctx,
               struct proctor_import_stats *stats, char **json, struct proctor_error *err)
{
    struct importer I;
    size_t bad, skip = 0;
    int rc = 0;

    *json = NULL;
    memset(stats, 0, sizeof *stats);
    memset(&I, 0, sizeof I);
    if (doc && !(I.doc = proctor_bank_doc(bank, doc)))
        return proctor_error_set(err, PROCTOR_ENOTFOUND, NULL, 0, 0,
                                 "the bank has no document '%s'", doc);
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        skip = 3;
    I.path = path;
    I.text = text;
    I.len = len;
    I.bank = bank;
    I.diag = diag;
    I.ctx = ctx;
    I.st = stats;
    I.nlines = 1;
    for (size_t i = 0; i < len; i++)
        I.nlines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
    if (!(I.lines = malloc(I.nlines * sizeof *I.lines)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    I.lines[0] = 0;
    for (size_t i = 0, k = 1; i < len; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
            I.lines[k++] = i + 1;
    if ((bad = skip + bad_utf8((const unsigned char *)text + skip, len - skip)) < len) {
        long line, col;
        position(&I, bad, &line, &col);
        free(I.lines);
        return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                 "%s files must be UTF-8 (byte 0x%02X is not); save it as "
                                 "UTF-8 and import it again",
                                 fmt == PROCTOR_IMPORT_GIFT ? "GIFT" : "Aiken",
                                 (unsigned char)text[bad]);
    }
    file_base(path, I.base, sizeof I.base);
    qdesc_init(&I.d);
    /* the bank's ids, copied: adding questions may move the bank's (proctor_bank_find's
     * index would point into freed memory until bank_builder_finish) */
    for (size_t i = 0; i < bank->nquestions; i++) {
        snprintf(I.qid, sizeof I.qid, "%s", bank->questions[i].id);
        if (keep_id(&I) < 0) {
            rc = PROCTOR_ENOMEM;
            goto done;
        }
    }
    I.qid[0] = '\0';
    if (!(I.out = cJSON_CreateArray()) ||
        (rc = bank_builder_new(bank, diag, ctx, &I.bb, err)) < 0) {
        rc = rc < 0 ? rc : PROCTOR_ENOMEM;
        goto done;
    }
    rc = fmt == PROCTOR_IMPORT_GIFT ? gift_read(&I, text + skip, len - skip)
                                    : aiken_read(&I, text + skip, len - skip);
    bank_builder_finish(I.bb);
    if (rc == 0 && stats->imported) {
        cJSON *root = cJSON_CreateObject();
        char comment[600];
        snprintf(comment, sizeof comment, "Imported by 'proctor import %s' from %s",
                 fmt == PROCTOR_IMPORT_GIFT ? "gift" : "aiken", path);
        if (!root || !cJSON_AddStringToObject(root, "comment", comment)) {
            cJSON_Delete(root);
            rc = PROCTOR_ENOMEM;
        } else {
            cJSON_AddItemToObject(root, "questions", I.out);
            I.out = NULL;
            if (!(*json = json_write_pretty(root)))
                rc = PROCTOR_ENOMEM;
            cJSON_Delete(root);
        }
    }
done:
    if (rc == PROCTOR_ENOMEM)
        proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    cJSON_Delete(I.out);
    free_strs(&I);
    free(I.strs);
    for (size_t i = 0; i < I.nids; i++)
        free(I.ids[i]);
    free(I.ids);
    free(I.lines);
    qdesc_release(&I.d);
    return rc;
}
