/* SPDX-License-Identifier: ISC */
/* bank.c - loading and validating a question bank: manifest, documents, question files. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "bank-internal.h"
#include "bank-read.h"
#include "grade-prep.h"
#include "json-strict.h"
#include "jsonpos.h"
#include "proctor/bank.h"
#include "proctor/fileio.h"
#include "qdesc.h"
#include "qtype.h"


static const char *const level_names[] = {"recall", "understanding", "analysis"};
const char *
proctor_level_name(enum proctor_level l)
{
    return (unsigned)l < 3 ? level_names[l] : "?";
}

int
proctor_level_parse(const char *name)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

/* The member names a question of one type may have in the load's form (qload_members):
 * each in the slot its hash gives or after, made at the first question of the type. */
#define ALLOWED_SLOTS 64

struct allowed {
    const char *const *base; /* the common names it was made with; NULL until made */
    const char *name[ALLOWED_SLOTS];
    size_t len[ALLOWED_SLOTS];
};

/* The state of one load: the bank being built and where problems go. */
struct qload {
    struct proctor_bank *b;
    struct doc_index *ix; /* per document */
    proctor_diag_fn diag;
    void *ctx;
    int problems;
    int stop;
    /* the file being read */
    const char *path;
    struct jsonpos pos;
    struct qsource src;  /* its questions' path and positions */
    struct qdesc desc;   /* the question being checked, described (qdesc.h) */
    size_t qcap;
    char **files; /* owned copies of question file paths (questions point into them) */
    size_t nfiles;
    enum bank_form form; /* a bank's question file, or questions embedded in a signed file */
    struct pending_src *srcs; /* embedded passages, turned into documents at the end */
    size_t nsrcs, srccap;
    struct allowed allowed[PROCTOR_NTYPES];
};

/* An embedded question's passage: {doc, title, line, paragraph, quote}. */
struct pending_src {
    size_t qi; /* index of the question */
    char *doc, *title, *para;
    long line;
    size_t offset; /* of the quote in para */
};

static void
vreport(struct qload *L, const char *path, long line, long col, const char *fmt, va_list ap)
{
    struct proctor_error e;

    proctor_error_clear(&e);
    e.code = PROCTOR_EINVAL;
    snprintf(e.path, sizeof e.path, "%s", path ? path : "");
    e.line = line;
    e.column = col;
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    L->problems++;
    if (L->diag && L->diag(L->ctx, &e))
        L->stop = 1;
}

/* A problem of the manifest or another JSON file, at node at (its position from L->pos). */
static int
report_json(struct qload *L, const cJSON *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
report_json(struct qload *L, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    long line = 0, col = 0;

    if (at)
        jsonpos_node(&L->pos, at, &line, &col);
    va_start(ap, fmt);
    vreport(L, L->path, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

/*
 * Set when xstrdup runs out of memory: loading then stops with PROCTOR_ENOMEM before any
 * NULL string is compared. Per thread, so banks may load on several threads at once.
 */
static _Thread_local int dup_failed;

static char *
xstrdup(const char *s)
{
    char *d;

    if (!s)
        return NULL;
    if (!(d = strdup(s)))
        dup_failed = 1;
    return d;
}

static void
free_strv(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- the manifest and documents ---- */

static void
doc_release(struct proctor_doc *d)
{
    free(d->id), free(d->file), free(d->title), free(d->date), free(d->origin);
    free(d->citation), free(d->text), free(d->paras);
    free_strv(d->skip, d->nskip);
    memset(d, 0, sizeof *d);
}

/* How many arrays and objects are open at byte off of text (strings skipped). */
static size_t
nesting_at(const char *text, size_t off)
{
    size_t depth = 0;
    int in_str = 0;

    for (size_t i = 0; i < off && text[i]; i++) {
        char c = text[i];
        if (in_str) {
            if (c == '\\' && text[i + 1])
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return depth;
}

static int
parse_failure(struct qload *L, const char *text, const char *end, struct proctor_error *err)
{
    struct jsonpos p = {0};
    long line = 1, col = 1;
    size_t off = end ? (size_t)(end - text) : 0;

    /* a position index of an unparsed text still has its line table */
    p.text = text;
    if (jsonpos_build(&p, NULL, text, strlen(text)) == 0) {
        jsonpos_linecol(&p, off, &line, &col);
        jsonpos_free(&p);
    }
    if (err && nesting_at(text, off) >= CJSON_NESTING_LIMIT)
        return proctor_error_set(err, PROCTOR_EINVAL, L->path, line, col,
                                 "arrays and objects nested more than %d deep",
                                 CJSON_NESTING_LIMIT);
    if (err)
        return proctor_error_set(err, PROCTOR_EINVAL, L->path, line, col,
                                 "invalid JSON near here");
    return 0;
}

static int
json_load(struct qload *L, const char *path, char **textp, cJSON **rootp,
          struct proctor_error *err)
{
    char *text = NULL;
    size_t len;
    const char *end = NULL;
    cJSON *root;
    int rc;

    *rootp = NULL;
    *textp = NULL;
    rc = proctor_file_read(path, PROCTOR_BANK_FILE_MAX_BYTES, &text, &len, err);
    if (rc < 0)
        return rc;
    if (strlen(text) != len) {
        free(text);
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "file contains a NUL byte; expected JSON text");
    }
    if (strspn(text, " \t\r\n") == len) {
        free(text);
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "empty file; expected a JSON object");
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        free(text);
        return proctor_error_set(err, PROCTOR_EINVAL, path, 1, 1,
                                 "file starts with a byte order mark; save it as UTF-8 "
                                 "without one");
    }
    for (size_t i = 0; i < len;) {
        size_t n = (unsigned char)text[i] < 0x80 ? 1
                                                 : proctor_utf8_seq((unsigned char *)text + i,
                                                                    len - i);
        if (n == 0) {
            struct jsonpos p = {0};
            long line = 0, col = 0;
            if (jsonpos_build(&p, NULL, text, len) == 0) {
                jsonpos_linecol(&p, i, &line, &col);
                jsonpos_free(&p);
            }
            free(text);
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                     "invalid UTF-8; expected UTF-8 text");
        }
        i += n;
    }
    root = cJSON_ParseWithOpts(text, &end, 1);
    if (!root) {
        L->path = path;
        parse_failure(L, text, end, err);
        free(text);
        return PROCTOR_EINVAL;
    }
    *rootp = root;
    *textp = text;
    return 0;
}

static const char *
str_member(struct qload *L, const cJSON *obj, const char *name, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v) {
        if (required)
            report_json(L, obj, "missing '%s'", name);
        return NULL;
    }
    if (!cJSON_IsString(v)) {
        report_json(L, v, "expected a string for '%s'", name);
        return NULL;
    }
    return v->valuestring;
}

static int
load_doc(struct qload *L, const char *dir, const cJSON *d, struct proctor_doc *doc,
         struct doc_index *ix)
{
    static const char *const fields[] = {"id", "file", "title", "date", "origin", "citation",
                                         "skip"};
    const char *id = str_member(L, d, "id", 1), *file = str_member(L, d, "file", 1);
    const cJSON *skip = cJSON_GetObjectItemCaseSensitive(d, "skip"), *m;
    char path[PATH_MAX];
    struct proctor_error e;

    cJSON_ArrayForEach(m, d) {
        size_t k;
        for (k = 0; k < sizeof fields / sizeof *fields; k++)
            if (strcmp(m->string, fields[k]) == 0)
                break;
        if (k == sizeof fields / sizeof *fields)
            report_json(L, m, "unknown member '%s' in a document entry", m->string);
    }
    if (!id || !file)
        return -1;
    if (strchr(file, '/') || file[0] == '.')
        return report_json(L, d, "document file '%s' must be a plain name inside sources/", file);
    doc->id = xstrdup(id);
    doc->file = xstrdup(file);
    doc->title = xstrdup(str_member(L, d, "title", 1));
    doc->date = xstrdup(str_member(L, d, "date", 0));
    doc->origin = xstrdup(str_member(L, d, "origin", 0));
    doc->citation = xstrdup(str_member(L, d, "citation", 0));
    snprintf(path, sizeof path, "%s/sources/%s", dir, file);
    if (proctor_file_read(path, PROCTOR_BANK_FILE_MAX_BYTES, &doc->text, &doc->len, &e) < 0) {
        report_json(L, d, "document '%s': cannot read '%s': %s", id, path,
               e.errnum ? strerror(e.errnum) : e.msg);
        return -1;
    }
    if (bank_paragraphs(doc) < 0 || bank_index_build(ix, doc->text, doc->len) < 0)
        return report_json(L, d, "out of memory");
    if (skip) {
        const cJSON *q;
        size_t n = 0;
        if (!cJSON_IsArray(skip))
            return report_json(L, skip, "expected an array of quotes for 'skip'");
        doc->skip = calloc((size_t)cJSON_GetArraySize(skip) + 1, sizeof *doc->skip);
        if (!doc->skip)
            return report_json(L, d, "out of memory");
        cJSON_ArrayForEach(q, skip) {
            char *fq;
            size_t fl, s, en, count;
            if (!cJSON_IsString(q)) {
                report_json(L, q, "expected a string in 'skip'");
                continue;
            }
            if (bank_fold(q->valuestring, strlen(q->valuestring), &fq, &fl) < 0)
                return report_json(L, q, "out of memory");
            if (bank_find_folded(ix, fq, fl, 0, &s, &en, &count) < 0)
                report_json(L, q, "skip quote not found in '%s'", id);
            free(fq);
            doc->skip[n++] = xstrdup(q->valuestring);
        }
        doc->nskip = n;
    }
    return 0;
}

static int
load_manifest(struct qload *L, const char *dir, struct proctor_error *err)
{
    char path[PATH_MAX], *text = NULL;
    cJSON *root = NULL;
    const cJSON *docs, *d;
    int rc;
    size_t n;

    snprintf(path, sizeof path, "%s/sources/manifest.json", dir);
    rc = json_load(L, path, &text, &root, err);
    if (rc < 0) {
        if (rc == PROCTOR_EIO && err)
            snprintf(err->msg, sizeof err->msg, "cannot read the bank's manifest: %s",
                     strerror(err->errnum));
        return rc;
    }
    L->path = L->files[L->nfiles++] = strdup(path);
    if (jsonpos_build(&L->pos, root, text, strlen(text)) < 0) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    {
        const cJSON *m, *rs = cJSON_GetObjectItemCaseSensitive(root, "require_source");
        cJSON_ArrayForEach(m, root) {
            if (strcmp(m->string, "documents") && strcmp(m->string, "require_source"))
                report_json(L, m, "unknown member '%s' in the manifest (expected 'documents' "
                                  "and 'require_source')",
                            m->string);
        }
        if (rs && !cJSON_IsBool(rs))
            report_json(L, rs, "expected true or false for 'require_source'");
        L->b->require_source = cJSON_IsTrue(rs);
    }
    docs = cJSON_GetObjectItemCaseSensitive(root, "documents");
    if (!cJSON_IsArray(docs) || cJSON_GetArraySize(docs) == 0) {
        long line, col;
        jsonpos_node(&L->pos, docs ? docs : root, &line, &col);
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                               "expected a non-empty array 'documents'");
        goto out;
    }
    n = (size_t)cJSON_GetArraySize(docs);
    L->b->docs = calloc(n, sizeof *L->b->docs);
    L->ix = calloc(n, sizeof *L->ix);
    if (!L->b->docs || !L->ix) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    cJSON_ArrayForEach(d, docs) {
        struct proctor_doc *doc = &L->b->docs[L->b->ndocs];
        if (!cJSON_IsObject(d)) {
            report_json(L, d, "expected an object in 'documents'");
            continue;
        }
        if (load_doc(L, dir, d, doc, &L->ix[L->b->ndocs]) == 0) {
            if (dup_failed) {
                L->b->ndocs++; /* freed with the bank */
                rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
                goto out;
            }
            for (size_t k = 0; k < L->b->ndocs; k++)
                if (strcmp(L->b->docs[k].id, doc->id) == 0)
                    report_json(L, d, "duplicate document id '%s'", doc->id);
            L->b->ndocs++;
        } else {
            doc_release(doc);
            bank_index_release(&L->ix[L->b->ndocs]);
        }
    }
    rc = 0;
out:
    jsonpos_free(&L->pos);
    cJSON_Delete(root);
    free(text);
    return rc;
}

/* ---- questions ---- */

static const cJSON *
member(const cJSON *o, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(o, name);
}

enum bank_form
qload_form(const struct qload *L)
{
    return L->form;
}

/* A block of the bank's strings (struct proctor_bank.strings): the newest first. */
struct bank_strings {
    struct bank_strings *next;
    size_t used, cap;
    char data[];
};

#define STRINGS_BLOCK (64u * 1024 - 64) /* a block's bytes; a longer string has its own */

/*
 * A copy of s in the bank's string blocks, freed with the bank: a question's strings are
 * never freed one by one (a refused question's stay until then). NULL for NULL; on out of
 * memory NULL with dup_failed set, as xstrdup.
 */
static char *
bank_strdup(struct proctor_bank *b, const char *s)
{
    struct bank_strings *k = b->strings;
    size_t len;

    if (!s)
        return NULL;
    len = strlen(s) + 1;
    if (!k || k->cap - k->used < len) {
        size_t cap = len > STRINGS_BLOCK / 4 ? len : STRINGS_BLOCK;
        struct bank_strings *nk = malloc(sizeof *nk + cap);
        if (!nk) {
            dup_failed = 1;
            return NULL;
        }
        nk->used = 0;
        nk->cap = cap;
        if (k && cap != STRINGS_BLOCK) {
            /* a long string's block goes behind the current one, which still has room */
            nk->next = k->next;
            k->next = nk;
        } else {
            nk->next = k;
            b->strings = nk;
        }
        k = nk;
    }
    memcpy(k->data + k->used, s, len);
    k->used += len;
    return k->data + k->used - len;
}

static void
bank_strings_free(struct bank_strings *k)
{
    while (k) {
        struct bank_strings *next = k->next;
        free(k);
        k = next;
    }
}

char *
qload_strdup(struct qload *L, const char *s)
{
    return bank_strdup(L->b, s);
}

int
qload_report(struct qload *L, const struct qnode *at, const char *fmt, ...)
{
    va_list ap;
    long line = 0, col = 0;

    if (at && L->src.where)
        L->src.where(L->src.ctx, at->at, &line, &col);
    va_start(ap, fmt);
    vreport(L, L->src.path, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

int
qload_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > PROCTOR_QUESTION_ID_MAX || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
        if (c == '-' && s[i + 1] == '-')
            return 0;
    }
    return 1;
}

int
qload_decimal(const struct qnode *v, int64_t *out)
{
    double x, r;
    if (!qnode_is_number(v))
        return -1;
    x = v->num * 1000.0;
    if (!isfinite(x) || fabs(x) > 9e15)
        return -1;
    r = round(x);
    if (fabs(r - x) > 1e-6)
        return -1;
    *out = (int64_t)r;
    return 0;
}

/*
 * In a bank file a number with at most three decimals ("points": 1.5); in a signed payload,
 * where strict JSON allows integers only, the integer count of thousandths ("points": 1500).
 */
int
qload_milli(const struct qload *L, const struct qnode *v, int64_t *out)
{
    long long n;

    if (L->form == BANK_FORM_FILE)
        return qload_decimal(v, out);
    if (!qnode_get_int(v, &n) || n <= -9000000000000000LL || n >= 9000000000000000LL)
        return -1;
    *out = (int64_t)n;
    return 0;
}

int
qload_options(struct qload *L, struct proctor_question *q, const struct qnode *jq,
              const char *name, size_t min, size_t max, int with_correct,
              struct proctor_option **out, size_t *nout)
{
    const struct qnode *arr = qnode_member(jq, name), *o;
    struct proctor_option *opts;
    size_t n, k = 0;
    int bad = 0;

    if (!qnode_is_array(arr))
        return qload_report(L, arr ? arr : jq, "question '%s': expected an array '%s'", q->id,
                            name);
    n = arr->n;
    if (n < min || n > max)
        return qload_report(L, arr, "question '%s': '%s' must have %zu to %zu entries, not %zu",
                            q->id, name, min, max, n);
    opts = *out = calloc(n, sizeof **out);
    if (!opts)
        return qload_report(L, arr, "out of memory");
    qnode_each(o, arr) {
        const struct qnode *id = NULL, *text = NULL, *correct = NULL, *m;
        if (!qnode_is_object(o)) {
            qload_report(L, o, "question '%s': expected an object in '%s'", q->id, name);
            bad = 1;
            continue;
        }
        /* one walk: the first "id", "text" and "correct" (as qnode_member finds them), and
         * every other member reported in order */
        qnode_each(m, o) {
            int known = 1;
            if (qnode_named(m, "id")) {
                id = id ? id : m;
            } else if (qnode_named(m, "text")) {
                text = text ? text : m;
            } else if (qnode_named(m, "correct")) {
                correct = correct ? correct : m;
                known = with_correct;
            } else {
                known = 0;
            }
            if (!known) {
                qload_report(L, m, "question '%s': unknown member '%s' in '%s'", q->id, m->name,
                             name);
                bad = 1;
            }
        }
        if (!qnode_is_string(id) || !qload_valid_id(id->str)) {
            qload_report(L, id ? id : o,
                         "question '%s': expected a kebab-case string for an option 'id'", q->id);
            bad = 1;
            continue;
        }
        if (!qnode_nonempty(text)) {
            qload_report(L, text ? text : o,
                         "question '%s': option '%s' needs a non-empty 'text'", q->id, id->str);
            bad = 1;
        }
        if (correct && !qnode_is_bool(correct)) {
            qload_report(L, correct, "question '%s': expected true or false for 'correct'",
                         q->id);
            bad = 1;
        }
        for (size_t j = 0; j < k; j++)
            if (opts[j].id && strcmp(opts[j].id, id->str) == 0) {
                qload_report(L, id, "question '%s': duplicate option id '%s'", q->id, id->str);
                bad = 1;
            }
        opts[k].id = qload_strdup(L, id->str);
        opts[k].text = qload_strdup(L, qnode_is_string(text) ? text->str : "");
        opts[k].correct = qnode_is_true(correct);
        k++;
    }
    *nout = k;
    return bad ? -1 : 0;
}

/*
 * An embedded passage: {doc, title, line, paragraph, quote}, where paragraph is the text of
 * the paragraph the quote starts in (through the quote's end) and line its first line in the
 * document. Kept aside until every question is read; embedded_docs builds the documents.
 */
static int
load_source_embedded(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    static const char *const names[] = {"doc", "title", "line", "paragraph", "quote", "offset"};
    const struct qnode *src = qnode_member(jq, "source"), *m, *doc, *title, *line, *para, *quote;
    struct pending_src *p;
    size_t s, e;
    long long ln, off;

    if (!src)
        return 0;
    if (!qnode_is_object(src))
        return qload_report(L, src, "question '%s': expected an object for 'source'", q->id);
    qnode_each(m, src) {
        size_t k;
        for (k = 0; k < sizeof names / sizeof *names; k++)
            if (strcmp(m->name, names[k]) == 0)
                break;
        if (k == sizeof names / sizeof *names)
            return qload_report(L, m, "question '%s': unknown member '%s' in 'source'", q->id,
                                m->name);
    }
    doc = qnode_member(src, "doc");
    title = qnode_member(src, "title");
    line = qnode_member(src, "line");
    para = qnode_member(src, "paragraph");
    quote = qnode_member(src, "quote");
    if (!qnode_is_string(doc) || !qload_valid_id(doc->str) || (title && !qnode_nonempty(title)) ||
        !qnode_get_int(line, &ln) || ln < 1 || ln > 100000000 || !qnode_nonempty(para) ||
        !qnode_nonempty(quote) || !qnode_get_int(qnode_member(src, "offset"), &off) || off < 0)
        return qload_report(L, src,
                            "question '%s': 'source' needs a document id 'doc', a 'line' from "
                            "1, a 'paragraph', a 'quote' and its 'offset' in the paragraph",
                            q->id);
    if ((uint64_t)off >= strlen(para->str) ||
        proctor_passage_find(para->str, strlen(para->str), quote->str, (size_t)off, &s, &e) < 0 ||
        s != (size_t)off)
        return qload_report(L, quote,
                            "question '%s': the quote is not at its offset in the paragraph",
                            q->id);
    if (L->nsrcs == L->srccap) {
        size_t nc = L->srccap ? L->srccap * 2 : 16;
        struct pending_src *ns = realloc(L->srcs, nc * sizeof *ns);
        if (!ns)
            return qload_report(L, src, "out of memory");
        L->srcs = ns;
        L->srccap = nc;
    }
    p = &L->srcs[L->nsrcs];
    p->qi = (size_t)(q - L->b->questions);
    p->doc = xstrdup(doc->str);
    p->title = xstrdup(title ? title->str : doc->str);
    p->para = xstrdup(para->str);
    p->line = (long)ln;
    p->offset = (size_t)off;
    q->quote = qload_strdup(L, quote->str);
    if (!p->doc || !p->title || !p->para || !q->quote) {
        free(p->doc), free(p->title), free(p->para);
        return qload_report(L, src, "out of memory");
    }
    L->nsrcs++;
    return 0;
}

static int
load_source(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *src = qnode_member(jq, "source"), *doc, *quote, *nth, *m;
    const struct proctor_doc *d = NULL;
    size_t di, start, end, count, fl;
    char *fq, fbuf[512];
    int64_t n = 0;

    if (!src && !L->b->require_source)
        return 0; /* the manifest allows questions without a passage */
    if (!src)
        return qload_report(L, jq,
                            "question '%s': missing 'source' passage reference (the manifest "
                            "sets \"require_source\": true)",
                            q->id);
    if (!qnode_is_object(src))
        return qload_report(L, src, "question '%s': expected an object {doc, quote} for 'source'",
                            q->id);
    qnode_each(m, src) {
        if (!qnode_named(m, "doc") && !qnode_named(m, "quote") && !qnode_named(m, "nth"))
            qload_report(L, m, "question '%s': unknown member '%s' in 'source'", q->id, m->name);
    }
    doc = qnode_member(src, "doc");
    quote = qnode_member(src, "quote");
    nth = qnode_member(src, "nth");
    if (!qnode_is_string(doc))
        return qload_report(L, doc ? doc : src,
                            "question '%s': expected a document id for 'doc'", q->id);
    for (di = 0; di < L->b->ndocs; di++)
        if (strcmp(L->b->docs[di].id, doc->str) == 0) {
            d = &L->b->docs[di];
            break;
        }
    if (!d)
        return qload_report(L, doc, "question '%s': no document '%s' in the manifest", q->id,
                            doc->str);
    if (!qnode_is_string(quote))
        return qload_report(L, quote ? quote : src,
                            "question '%s': expected a string for 'quote'", q->id);
    if (nth) {
        if (qload_decimal(nth, &n) < 0 || n % 1000 || n < 1000)
            return qload_report(L, nth, "question '%s': 'nth' must be a whole number from 1",
                                q->id);
        n /= 1000;
    }
    if (bank_fold_in(quote->str, strlen(quote->str), fbuf, sizeof fbuf, &fq, &fl) < 0)
        return qload_report(L, quote, "out of memory");
    if (fl == 0) {
        if (fq != fbuf)
            free(fq);
        return qload_report(L, quote, "question '%s': the quote is empty", q->id);
    }
    if (fl < 3) {
        if (fq != fbuf)
            free(fq);
        return qload_report(L, quote, "question '%s': the quote is too short to locate a passage",
                            q->id);
    }
    if (bank_find_folded(&L->ix[di], fq, fl, (size_t)n, &start, &end, &count) < 0) {
        if (fq != fbuf)
            free(fq);
        if (count == 0)
            return qload_report(L, quote, "question '%s': quote not found in '%s'", q->id,
                                d->id);
        return qload_report(L, nth, "question '%s': quote occurs %zu time%s in '%s', not %lld",
                            q->id, count, count == 1 ? "" : "s", d->id, (long long)n);
    }
    if (fq != fbuf)
        free(fq);
    if (count > 1 && !nth)
        return qload_report(L, quote,
                            "question '%s': quote occurs more than once in '%s'; make it "
                            "longer or add \"nth\"",
                            q->id, d->id);
    q->doc = d;
    q->quote = qload_strdup(L, quote->str);
    q->quote_start = start;
    q->quote_end = end;
    q->para = bank_para_of(d, start);
    return 0;
}

static int
load_tags(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    const struct qnode *tags = qnode_member(jq, "tags"), *t;

    if (!qnode_is_array(tags) || tags->n == 0)
        return qload_report(L, tags ? tags : jq,
                            "question '%s': expected a non-empty array 'tags'", q->id);
    q->tags = calloc(tags->n, sizeof *q->tags);
    if (!q->tags)
        return qload_report(L, tags, "out of memory");
    qnode_each(t, tags) {
        if (!qnode_is_string(t))
            return qload_report(L, t, "question '%s': expected a string in 'tags'", q->id);
        /* any kebab-case tag: the shipped vocabulary (docs/QUESTIONS.md) or a teacher's own */
        if (!qload_valid_id(t->str))
            return qload_report(L, t,
                                "question '%s': tag '%.80s' is not kebab-case "
                                "([a-z0-9]+(-[a-z0-9]+)*, at most %d bytes, e.g. 'week-3')",
                                q->id, t->str, PROCTOR_QUESTION_ID_MAX);
        for (size_t k = 0; k < q->ntags; k++)
            if (strcmp(q->tags[k], t->str) == 0)
                return qload_report(L, t, "question '%s': tag '%s' given twice", q->id, t->str);
        q->tags[q->ntags++] = qload_strdup(L, t->str);
    }
    return 0;
}

/* What every question may have: in a bank file; embedded in a signed file, in the full form
 * (answers, explanation, passage) and in the sealed form (nothing that could reveal them). */
static const char *const file_members[] = {"id",   "type",   "prompt",  "points", "difficulty",
                                           "level", "tags", "source", "explain", NULL};
static const char *const full_members[] = {"id",      "type",   "prompt",
                                           "points",  "explain", "source", NULL};
static const char *const sealed_members[] = {"id", "type", "prompt", "points", NULL};

/* A member name's slot (nlen > 0): its length and end bytes, enough to spread a few dozen. */
static size_t
allowed_hash(const char *name, size_t nlen)
{
    return nlen + 3 * (unsigned char)name[0] + 5 * (unsigned char)name[nlen - 1];
}

static void
allowed_add(struct allowed *a, const char *const *names)
{
    for (size_t i = 0; names && names[i]; i++) {
        size_t len = strlen(names[i]), h = allowed_hash(names[i], len);
        while (a->name[h % ALLOWED_SLOTS] && strcmp(a->name[h % ALLOWED_SLOTS], names[i]))
            h++;
        a->name[h % ALLOWED_SLOTS] = names[i];
        a->len[h % ALLOWED_SLOTS] = len;
    }
}

/* The slot of a holding member m's name, or -1 when a does not name it. */
static int
allowed_slot(const struct allowed *a, const struct qnode *m)
{
    if (!m->name || m->nlen == 0)
        return -1;
    for (size_t h = allowed_hash(m->name, m->nlen);; h++) {
        const char *n = a->name[h % ALLOWED_SLOTS];
        if (!n)
            return -1;
        if (a->len[h % ALLOWED_SLOTS] == m->nlen && memcmp(n, m->name, m->nlen) == 0)
            return (int)(h % ALLOWED_SLOTS);
    }
}

int
qload_members(struct qload *L, const struct proctor_question *q, const struct qnode *obj,
              enum proctor_qtype t, const char *const *base)
{
    const struct qtype *T = qtypes[t];
    const struct qnode *m, *o;
    struct allowed *a = &L->allowed[t];
    uint64_t seen = 0; /* the slots of a named so far */
    int bad = 0;

    if (a->base != base) {
        /* the names base and the type's lists allow in the form: made once per type */
        memset(a, 0, sizeof *a);
        allowed_add(a, base);
        if (L->form == BANK_FORM_FILE) {
            allowed_add(a, T->members);
        } else {
            allowed_add(a, T->shown);
            if (L->form == BANK_FORM_FULL)
                allowed_add(a, T->answers);
        }
        a->base = base;
    }
    qnode_each(m, obj) {
        int k = allowed_slot(a, m), ok = k >= 0, dup = 0;
        if (ok) {
            /* an allowed name seen before has its slot marked */
            dup = (seen >> k) & 1;
            seen |= (uint64_t)1 << k;
        } else {
            for (o = obj->child; o != m && !dup; o = o->next)
                dup = o->nlen == m->nlen && memcmp(o->name, m->name, m->nlen) == 0;
        }
        if (dup) {
            qload_report(L, m, "question '%s': duplicate member '%s'", q->id, m->name);
            bad = 1;
        }
        if (!ok) {
            qload_report(L, m, "question '%s': unknown member '%s' for a %s%s question", q->id,
                         m->name, L->form == BANK_FORM_SEALED ? "sealed " : "", T->name);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* The type's own members, through its row of the table. */
static int
load_type_spec(struct qload *L, struct proctor_question *q, const struct qnode *jq)
{
    q->sealed = L->form == BANK_FORM_SEALED;
    return QTYPE(q)->load(L, q, jq);
}

void
bank_question_release(struct proctor_question *q)
{
    if ((unsigned)q->type < PROCTOR_NTYPES)
        QTYPE(q)->release(q);
    /* the strings are the bank's (bank_strdup), freed with it */
    free(q->tags);
    free(q->options);
    free(q->rights);
    free(q->accept);
    grade_prep_free(q->prep);
    memset(q, 0, sizeof *q);
}

/* "choice, multi, ..., essay": every type's name, for messages. */
static const char *
type_names(char *buf, size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    for (int t = 0; t < PROCTOR_NTYPES && len < size; t++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", t ? ", " : "", qtypes[t]->name);
    return buf;
}

static int
load_question(struct qload *L, const struct qnode *jq, struct proctor_question *q)
{
    const struct qnode *id = qnode_member(jq, "id"), *type = qnode_member(jq, "type"), *v;
    int t, bad = 0;
    int64_t pts;
    char names[256];

    memset(q, 0, sizeof *q);
    q->file = L->path;
    if (L->src.where)
        L->src.where(L->src.ctx, jq->at, &q->line, &q->column);
    if (!qnode_is_object(jq))
        return qload_report(L, jq, "expected a question object");
    if (!qnode_is_string(id))
        return qload_report(L, id ? id : jq, "question without a string 'id'");
    if (!qload_valid_id(id->str))
        return qload_report(L, id,
                            "question id '%.80s' is not kebab-case ([a-z0-9]+(-[a-z0-9]+)*, "
                            "at most %d bytes)",
                            id->str, PROCTOR_QUESTION_ID_MAX);
    q->id = qload_strdup(L, id->str);
    if (!qnode_is_string(type) || (t = proctor_qtype_parse(type->str)) < 0)
        return qload_report(L, type ? type : jq,
                            "question '%s': expected 'type' to be one of %s", q->id,
                            type_names(names, sizeof names));
    q->type = (enum proctor_qtype)t;
    if (qload_members(L, q, jq, q->type,
                      L->form == BANK_FORM_FILE   ? file_members
                      : L->form == BANK_FORM_FULL ? full_members
                                                  : sealed_members) < 0)
        bad = 1;
    v = qnode_member(jq, "prompt");
    if (!qnode_nonempty(v)) {
        qload_report(L, v ? v : jq, "question '%s': expected a non-empty string 'prompt'", q->id);
        bad = 1;
    } else {
        q->prompt = qload_strdup(L, v->str);
    }
    q->points = 1000;
    v = qnode_member(jq, "points");
    if (!v && L->form != BANK_FORM_FILE) {
        qload_report(L, jq, "question '%s': expected 'points' (in thousandths)", q->id);
        bad = 1;
    } else if (v) {
        if (qload_milli(L, v, &pts) < 0 || pts <= 0 || pts > 1000000) {
            qload_report(L, v,
                         "question '%s': 'points' must be a positive number with at most "
                         "three decimals",
                         q->id);
            bad = 1;
        } else {
            q->points = pts;
        }
    }
    if (L->form != BANK_FORM_FILE) {
        /* embedded: no difficulty, level or tags; the answer parts as the form allows */
        q->difficulty = 1;
        v = qnode_member(jq, "explain");
        if (L->form == BANK_FORM_FULL && !qnode_nonempty(v)) {
            qload_report(L, v ? v : jq, "question '%s': expected a non-empty string 'explain'",
                         q->id);
            bad = 1;
        } else if (v) {
            q->explain = qload_strdup(L, v->str);
        }
        if (L->form == BANK_FORM_FULL && load_source_embedded(L, q, jq) < 0)
            bad = 1;
        if (load_type_spec(L, q, jq) < 0)
            bad = 1;
        return bad ? -1 : 0;
    }
    v = qnode_member(jq, "difficulty");
    if (qload_decimal(v, &pts) < 0 || (pts != 1000 && pts != 2000 && pts != 3000)) {
        qload_report(L, v ? v : jq, "question '%s': expected 'difficulty' 1, 2 or 3", q->id);
        bad = 1;
    } else {
        q->difficulty = (int)(pts / 1000);
    }
    v = qnode_member(jq, "level");
    q->level = PROCTOR_RECALL;
    if (!qnode_is_string(v)) {
        qload_report(L, v ? v : jq,
                     "question '%s': expected 'level' to be recall, understanding or analysis",
                     q->id);
        bad = 1;
    } else {
        int k;
        for (k = 0; k < 3; k++)
            if (strcmp(v->str, level_names[k]) == 0)
                break;
        if (k == 3) {
            qload_report(L, v,
                         "question '%s': expected 'level' to be recall, understanding or "
                         "analysis",
                         q->id);
            bad = 1;
        }
        q->level = (enum proctor_level)(k % 3);
    }
    if (load_tags(L, q, jq) < 0)
        bad = 1;
    v = qnode_member(jq, "explain");
    if (!v && !L->b->require_source) {
        /* optional where passages are: an imported question may come without one */
    } else if (!qnode_nonempty(v)) {
        qload_report(L, v ? v : jq, "question '%s': expected a non-empty string 'explain'",
                     q->id);
        bad = 1;
    } else {
        q->explain = qload_strdup(L, v->str);
    }
    if (load_source(L, q, jq) < 0)
        bad = 1;
    if (load_type_spec(L, q, jq) < 0)
        bad = 1;
    return bad ? -1 : 0;
}

/*
 * Checks the question described by jq and adds it to the bank when it passes; a question
 * that fails is reported and left out. 0, or PROCTOR_ENOMEM.
 */
static int
add_question(struct qload *L, const struct qnode *jq, struct proctor_error *err)
{
    struct proctor_question *q;

    if (L->b->nquestions == L->qcap) {
        /* a bank file's array is shrunk to its size at the end */
        size_t ncap = L->qcap ? L->qcap * 2 : L->form == BANK_FORM_FILE ? 256 : 64;
        struct proctor_question *nq = realloc(L->b->questions, ncap * sizeof *nq);
        if (!nq)
            return proctor_error_set(err, PROCTOR_ENOMEM, L->path, 0, 0, "out of memory");
        L->b->questions = nq;
        L->qcap = ncap;
    }
    q = &L->b->questions[L->b->nquestions];
    if (load_question(L, jq, q) < 0) {
        /* a passage set aside for it goes too: the slot is reused */
        while (L->nsrcs > 0 && L->srcs[L->nsrcs - 1].qi == L->b->nquestions) {
            struct pending_src *p = &L->srcs[--L->nsrcs];
            free(p->doc), free(p->title), free(p->para);
        }
        bank_question_release(q);
        if (dup_failed)
            return proctor_error_set(err, PROCTOR_ENOMEM, L->path, 0, 0, "out of memory");
        return 0;
    }
    L->b->nquestions++;
    if (dup_failed)
        return proctor_error_set(err, PROCTOR_ENOMEM, L->path, 0, 0, "out of memory");
    return 0;
}

/* Where a value of a JSON question file is: ctx is the file's struct jsonpos. */
static void
json_where(void *ctx, const void *at, long *line, long *col)
{
    jsonpos_node(ctx, at, line, col);
}

/* Every question of the JSON array qs, each described (qdesc.h) and checked; 0, or
 * PROCTOR_ENOMEM. */
static int
load_question_array(struct qload *L, const cJSON *qs, const char *path,
                    struct proctor_error *err)
{
    const cJSON *jq;
    int rc = 0;

    L->src.path = path;
    L->src.where = json_where;
    L->src.ctx = &L->pos;
    cJSON_ArrayForEach(jq, qs) {
        const struct qnode *d;
        if (L->stop)
            break;
        qdesc_reset(&L->desc);
        if (!(d = qdesc_from_cjson(&L->desc, jq)))
            return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        if ((rc = add_question(L, d, err)) < 0)
            return rc;
    }
    return 0;
}

static int
load_question_file(struct qload *L, const char *path, struct proctor_error *err)
{
    char *text = NULL;
    cJSON *root = NULL;
    const cJSON *qs;
    struct proctor_error e;
    int rc;

    L->path = L->files[L->nfiles++] = strdup(path);
    rc = json_load(L, L->path, &text, &root, &e);
    if (rc < 0) {
        L->problems++;
        if (L->diag && L->diag(L->ctx, &e))
            L->stop = 1;
        if (rc == PROCTOR_ENOMEM && err)
            *err = e;
        return 0;
    }
    if (jsonpos_build(&L->pos, root, text, strlen(text)) < 0) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    qs = member(root, "questions");
    if (!cJSON_IsObject(root) || !cJSON_IsArray(qs)) {
        report_json(L, qs ? qs : root, "expected an object with an array 'questions'");
        goto out;
    }
    rc = load_question_array(L, qs, L->path, err);
out:
    jsonpos_free(&L->pos);
    cJSON_Delete(root);
    free(text);
    return rc;
}

/* A problem held back while a file is read in pieces (below). */
struct held_problem {
    long line, col;
    char *path, *msg;
};

struct held {
    struct held_problem *v;
    size_t n, cap;
    int nomem;
};

static int
hold_problem(void *ctx, const struct proctor_error *e)
{
    struct held *h = ctx;
    struct held_problem *p;

    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 16;
        struct held_problem *nv = realloc(h->v, nc * sizeof *nv);
        if (!nv) {
            h->nomem = 1;
            return 0;
        }
        h->v = nv;
        h->cap = nc;
    }
    p = &h->v[h->n];
    p->line = e->line;
    p->col = e->column;
    p->path = strdup(e->path);
    p->msg = strdup(e->msg);
    if (!p->path || !p->msg) {
        free(p->path), free(p->msg);
        h->nomem = 1;
        return 0;
    }
    h->n++;
    return 0;
}

static void
held_free(struct held *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->v[i].path), free(h->v[i].msg);
    free(h->v);
}

/*
 * A question file read in pieces, one question at a time (bank-read.h): the same
 * descriptions, checks and messages as load_question_file, without the whole file or its
 * tree in memory. Its problems are held back until the whole file has proved to be strict
 * JSON of the right shape; when it is not, its questions are taken back and 1 returned: the
 * caller reads it whole with cJSON, which gives the exact message (or reads what only its
 * leniency accepts) as before. 0, 1, or PROCTOR_ENOMEM.
 */
static int
load_question_file_pieces(struct qload *L, const char *path, struct proctor_error *err)
{
    struct bank_read *r;
    const struct qnode *d;
    struct proctor_error e;
    struct held h = {0};
    proctor_diag_fn diag = L->diag;
    void *ctx = L->ctx;
    size_t first = L->b->nquestions;
    int problems = L->problems, rc;

    if (!(L->path = L->files[L->nfiles++] = strdup(path)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    proctor_error_clear(&e);
    if ((rc = bank_read_open(L->path, PROCTOR_BANK_FILE_MAX_BYTES, &r, &e)) == 0) {
        L->src.path = L->path;
        L->src.where = bank_read_where;
        L->src.ctx = r;
        L->diag = hold_problem;
        L->ctx = &h;
        while ((rc = bank_read_next(r, &L->desc, &d, &e)) == 1)
            if ((rc = add_question(L, d, err)) < 0)
                break;
        L->diag = diag;
        L->ctx = ctx;
        bank_read_close(r);
        L->src.ctx = NULL;
    }
    if (rc == PROCTOR_EINVAL) {
        /* not for this reader: take back what it added, and read the file whole */
        while (L->b->nquestions > first)
            bank_question_release(&L->b->questions[--L->b->nquestions]);
        L->problems = problems;
        held_free(&h);
        free(L->files[--L->nfiles]);
        return 1;
    }
    if (h.nomem || (rc == PROCTOR_ENOMEM && err->code == 0)) {
        held_free(&h);
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < h.n && !L->stop; i++) {
        struct proctor_error p;
        proctor_error_set(&p, PROCTOR_EINVAL, h.v[i].path, h.v[i].line, h.v[i].col, "%s",
                          h.v[i].msg);
        if (L->diag && L->diag(L->ctx, &p))
            L->stop = 1;
    }
    held_free(&h);
    if (rc == PROCTOR_ENOMEM)
        return rc;
    if (rc < 0) {
        snprintf(e.path, sizeof e.path, "%s", L->path);
        L->problems++;
        if (L->diag && L->diag(L->ctx, &e))
            L->stop = 1;
    }
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir/<name>.json, sorted; NULL-terminated, owned by the caller. */
static char **
list_question_files(const char *dir, size_t *n, struct proctor_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **v = NULL;
    size_t cap = 0;

    *n = 0;
    if (!d) {
        proctor_error_io(err, dir, "cannot open bank directory: %s", strerror(errno));
        return NULL;
    }
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        char path[PATH_MAX];
        if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".json"))
            continue;
        if (*n + 1 >= cap) {
            char **nv;
            cap = cap ? cap * 2 : 16;
            nv = realloc(v, cap * sizeof *v);
            if (!nv)
                goto oom;
            v = nv;
        }
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (!(v[(*n)++] = strdup(path)))
            goto oom;
    }
    closedir(d);
    if (!v && !(v = calloc(1, sizeof *v)))
        goto oom2;
    qsort(v, *n, sizeof *v, cmp_str);
    v[*n] = NULL;
    return v;
oom:
    closedir(d);
oom2:
    free_strv(v, *n);
    proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
    return NULL;
}

static int
cmp_qid(const void *a, const void *b)
{
    const struct proctor_question *const *x = a, *const *y = b;
    return strcmp((*x)->id, (*y)->id);
}

static void
check_unique_ids(struct qload *L)
{
    size_t n = L->b->nquestions;
    struct proctor_question **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        v[i] = &L->b->questions[i];
    qsort(v, n, sizeof *v, cmp_qid);
    free(L->b->byid);
    L->b->byid = v;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[i]->id, v[i - 1]->id) == 0) {
            const struct proctor_question *first = v[i - 1] < v[i] ? v[i - 1] : v[i],
                                          *dup = v[i - 1] < v[i] ? v[i] : v[i - 1];
            struct proctor_error e;
            proctor_error_set(&e, PROCTOR_EINVAL, dup->file, dup->line, dup->column,
                              "duplicate question id '%s' (first defined at %s:%ld:%ld)",
                              dup->id, first->file, first->line, first->column);
            L->problems++;
            if (L->diag)
                L->diag(L->ctx, &e);
        }
    }
}

/* ---- adding described questions to a loaded bank (qdesc.h) ---- */

struct bank_builder {
    struct qload L;
};

int
bank_builder_new(struct proctor_bank *b, proctor_diag_fn diag, void *ctx,
                 struct bank_builder **out, struct proctor_error *err)
{
    struct bank_builder *bb;
    struct qload *L;

    *out = NULL;
    if (!b)
        return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0, "no bank to add to");
    if (!(bb = calloc(1, sizeof *bb)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    L = &bb->L;
    L->b = b;
    L->diag = diag;
    L->ctx = ctx;
    L->form = BANK_FORM_FILE;
    L->qcap = b->nquestions;
    dup_failed = 0;
    if (b->ndocs && !(L->ix = calloc(b->ndocs, sizeof *L->ix)))
        goto oom;
    for (size_t i = 0; i < b->ndocs; i++)
        if (bank_index_build(&L->ix[i], b->docs[i].text, b->docs[i].len) < 0)
            goto oom;
    *out = bb;
    return 0;
oom:
    for (size_t i = 0; L->ix && i < b->ndocs; i++)
        bank_index_release(&L->ix[i]);
    free(L->ix);
    free(bb);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* The bank's own copy of path (questions' file members point at it), added when new. */
static const char *
bank_path(struct proctor_bank *b, const char *path)
{
    char **v, *copy;

    for (size_t i = 0; i < b->npaths; i++)
        if (strcmp(b->paths[i], path) == 0)
            return b->paths[i];
    if (!(copy = strdup(path)))
        return NULL;
    if (!(v = realloc(b->paths, (b->npaths + 1) * sizeof *v))) {
        free(copy);
        return NULL;
    }
    b->paths = v;
    b->paths[b->npaths++] = copy;
    return copy;
}

int
bank_builder_add(struct bank_builder *bb, const struct qsource *src, const struct qnode *q,
                 struct proctor_error *err)
{
    struct qload *L = &bb->L;
    int before = L->problems, rc;

    if (L->stop)
        return 1;
    if (!(L->path = bank_path(L->b, src->path ? src->path : "")))
        return proctor_error_set(err, PROCTOR_ENOMEM, src->path, 0, 0, "out of memory");
    L->src = *src;
    L->src.path = L->path;
    if ((rc = add_question(L, q, err)) < 0)
        return rc;
    return L->problems == before ? 0 : 1;
}

int
bank_builder_finish(struct bank_builder *bb)
{
    struct qload *L;
    int problems;

    if (!bb)
        return 0;
    L = &bb->L;
    check_unique_ids(L);
    for (size_t i = 0; L->ix && i < L->b->ndocs; i++)
        bank_index_release(&L->ix[i]);
    free(L->ix);
    problems = L->problems;
    free(bb);
    return problems;
}

static void
hash_piece(crypto_hash_sha256_state *st, const char *name, const char *data, size_t len)
{
    unsigned char n[8];
    size_t nl = strlen(name);
    for (int i = 0; i < 8; i++)
        n[i] = (unsigned char)((uint64_t)nl >> (8 * i));
    crypto_hash_sha256_update(st, n, 8);
    crypto_hash_sha256_update(st, (const unsigned char *)name, nl);
    for (int i = 0; i < 8; i++)
        n[i] = (unsigned char)((uint64_t)len >> (8 * i));
    crypto_hash_sha256_update(st, n, 8);
    crypto_hash_sha256_update(st, (const unsigned char *)data, len);
}

/*
 * The bank digest: SHA-256 over (name, bytes) of the manifest, each document and each
 * question file, with 64-bit little-endian length prefixes, in load order. Names are the
 * base names, so a bank moved to another directory keeps its digest.
 */
static int
compute_digest(struct qload *L, const char *const *files)
{
    crypto_hash_sha256_state st;
    char path[PATH_MAX], *buf;
    size_t len;

    crypto_hash_sha256_init(&st);
    snprintf(path, sizeof path, "%s/sources/manifest.json", L->b->dir);
    if (proctor_file_read(path, PROCTOR_BANK_FILE_MAX_BYTES, &buf, &len, NULL) < 0)
        return -1;
    hash_piece(&st, "sources/manifest.json", buf, len);
    free(buf);
    for (size_t i = 0; i < L->b->ndocs; i++)
        hash_piece(&st, L->b->docs[i].file, L->b->docs[i].text, L->b->docs[i].len);
    for (size_t i = 0; files[i]; i++) {
        const char *base = strrchr(files[i], '/');
        if (proctor_file_read(files[i], PROCTOR_BANK_FILE_MAX_BYTES, &buf, &len, NULL) < 0)
            continue;
        hash_piece(&st, base ? base + 1 : files[i], buf, len);
        free(buf);
    }
    crypto_hash_sha256_final(&st, L->b->digest);
    return 0;
}

int
proctor_bank_load(const char *dir, const char *const *only_files, proctor_diag_fn diag,
                  void *ctx, struct proctor_bank **out, struct proctor_error *err)
{
    return proctor_bank_load_flags(dir, only_files, 0, diag, ctx, out, err);
}

int
proctor_bank_load_flags(const char *dir, const char *const *only_files, unsigned flags,
                        proctor_diag_fn diag, void *ctx, struct proctor_bank **out,
                        struct proctor_error *err)
{
    struct qload L;
    char **listed = NULL;
    const char *const *files;
    size_t nlisted = 0, nfiles = 0;
    int rc;

    *out = NULL;
    memset(&L, 0, sizeof L);
    dup_failed = 0;
    L.diag = diag;
    L.ctx = ctx;
    L.b = calloc(1, sizeof *L.b);
    if (!L.b || !(L.b->dir = strdup(dir))) {
        free(L.b);
        return proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
    }
    if (!only_files) {
        listed = list_question_files(dir, &nlisted, err);
        if (!listed) {
            rc = err ? err->code : PROCTOR_EIO;
            goto fail;
        }
        files = (const char *const *)listed;
    } else {
        files = only_files;
    }
    while (files[nfiles])
        nfiles++;
    L.files = calloc(nfiles + 2, sizeof *L.files);
    if (!L.files) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
        goto fail;
    }
    rc = load_manifest(&L, dir, err);
    if (rc < 0)
        goto fail;
    for (size_t i = 0; files[i] && !L.stop; i++) {
        rc = flags & PROCTOR_BANK_WHOLE_FILES ? 1 : load_question_file_pieces(&L, files[i], err);
        if (rc == 1)
            rc = load_question_file(&L, files[i], err);
        if (rc < 0)
            goto fail;
    }
    if (dup_failed) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
        goto fail;
    }
    if (L.qcap > L.b->nquestions && L.b->nquestions > 0) {
        /* no more questions come: the array at its size */
        struct proctor_question *q =
            realloc(L.b->questions, L.b->nquestions * sizeof *L.b->questions);
        if (q) {
            L.b->questions = q;
            L.qcap = L.b->nquestions;
        }
    }
    check_unique_ids(&L);
    if (L.b->nquestions == 0 && L.problems == 0) {
        struct proctor_error e;
        proctor_error_set(&e, PROCTOR_EINVAL, dir, 0, 0, "the bank has no questions");
        L.problems++;
        if (diag)
            diag(ctx, &e);
    }
    if (!(flags & PROCTOR_BANK_NO_DIGEST))
        compute_digest(&L, files);
    for (size_t i = 0; i < L.b->ndocs; i++)
        bank_index_release(&L.ix[i]);
    free(L.ix);
    free_strv(listed, nlisted);
    qdesc_release(&L.desc);
    /* question->file points into L.files; the bank keeps them (freed with the bank) */
    L.b->paths = L.files;
    L.b->npaths = L.nfiles;
    *out = L.b;
    return L.problems;
fail:
    if (L.ix)
        for (size_t i = 0; i < L.b->ndocs; i++)
            bank_index_release(&L.ix[i]);
    free(L.ix);
    qdesc_release(&L.desc);
    free_strv(listed, nlisted);
    L.b->paths = L.files;
    L.b->npaths = L.nfiles;
    proctor_bank_free(L.b);
    return rc < 0 ? rc : PROCTOR_EINVAL;
}

/*
 * The documents of an embedded bank: one per document id its passages name, holding just the
 * cited paragraphs (each once, separated by blank lines) with their lines in the original, so
 * that render_passage and everything else work as for a bank loaded from files.
 */
static int
embedded_docs(struct qload *L)
{
    struct proctor_bank *b = L->b;
    size_t n = L->nsrcs, *dix = NULL, *pix = NULL;
    int rc = -1;

    if (n == 0)
        return 0;
    dix = calloc(n, sizeof *dix);
    pix = calloc(n, sizeof *pix);
    b->docs = calloc(n, sizeof *b->docs);
    if (!dix || !pix || !b->docs)
        goto out;
    for (size_t i = 0; i < n; i++) {
        size_t d;
        for (d = 0; d < b->ndocs; d++)
            if (strcmp(b->docs[d].id, L->srcs[i].doc) == 0)
                break;
        if (d == b->ndocs) {
            b->docs[d].id = xstrdup(L->srcs[i].doc);
            b->docs[d].title = xstrdup(L->srcs[i].title);
            b->docs[d].file = xstrdup("");
            b->ndocs++;
            if (!b->docs[d].id || !b->docs[d].title || !b->docs[d].file)
                goto out;
        }
        dix[i] = d;
    }
    for (size_t d = 0; d < b->ndocs; d++) {
        struct proctor_doc *doc = &b->docs[d];
        size_t np = 0, len = 0, off = 0;
        /* first pass: the distinct paragraphs (by line) and the text's length */
        doc->paras = calloc(n, sizeof *doc->paras);
        if (!doc->paras)
            goto out;
        for (size_t i = 0; i < n; i++) {
            size_t k;
            if (dix[i] != d)
                continue;
            for (k = 0; k < i; k++)
                if (dix[k] == d && L->srcs[k].line == L->srcs[i].line)
                    break;
            if (k < i) {
                if (strcmp(L->srcs[k].para, L->srcs[i].para) != 0) {
                    qload_report(L, NULL,
                           "question '%s': its paragraph at line %ld of '%s' differs from "
                           "question '%s''s",
                           b->questions[L->srcs[i].qi].id, L->srcs[i].line, doc->id,
                           b->questions[L->srcs[k].qi].id);
                    rc = 0;
                    goto out;
                }
                pix[i] = pix[k];
                continue;
            }
            pix[i] = np;
            doc->paras[np].line = L->srcs[i].line;
            doc->paras[np].start = len;
            len += strlen(L->srcs[i].para);
            doc->paras[np].end = len;
            len += 2;
            np++;
        }
        doc->nparas = np;
        doc->text = malloc(len + 1);
        if (!doc->text)
            goto out;
        for (size_t i = 0; i < n; i++) {
            if (dix[i] != d || doc->paras[pix[i]].start != off)
                continue;
            memcpy(doc->text + off, L->srcs[i].para, strlen(L->srcs[i].para));
            off += strlen(L->srcs[i].para);
            memcpy(doc->text + off, "\n\n", 2);
            off += 2;
        }
        doc->text[off] = '\0';
        doc->len = off;
    }
    for (size_t i = 0; i < n; i++) {
        struct proctor_question *q = &b->questions[L->srcs[i].qi];
        struct proctor_doc *doc = &b->docs[dix[i]];
        size_t s, e, at = doc->paras[pix[i]].start + L->srcs[i].offset;
        if (proctor_passage_find(doc->text, doc->len, q->quote, at, &s, &e) < 0 || s != at)
            goto out; /* checked when read: cannot happen */
        q->doc = doc;
        q->quote_start = s;
        q->quote_end = e;
        q->para = pix[i];
    }
    rc = 0;
out:
    free(dix);
    free(pix);
    if (rc < 0)
        qload_report(L, NULL, "out of memory");
    return rc;
}

static int
keep_first(void *ctx, const struct proctor_error *e)
{
    struct proctor_error *err = ctx;
    if (err && !err->code)
        *err = *e;
    return 1;
}

int
bank_from_cjson(const cJSON *root, const cJSON *qs, enum bank_form form, const char *text,
                size_t len, const char *path, struct proctor_bank **out,
                struct proctor_error *err)
{
    struct qload L;
    struct proctor_error first;
    int rc = 0;

    *out = NULL;
    memset(&L, 0, sizeof L);
    dup_failed = 0;
    proctor_error_clear(&first);
    L.form = form;
    L.diag = keep_first;
    L.ctx = &first;
    L.b = calloc(1, sizeof *L.b);
    L.files = calloc(2, sizeof *L.files);
    if (!L.b || !L.files || !(L.b->dir = strdup(path)) ||
        !(L.path = L.files[L.nfiles++] = strdup(path))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if (jsonpos_build(&L.pos, root, text, len) < 0) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if (!cJSON_IsArray(qs) || cJSON_GetArraySize(qs) < 1 ||
        cJSON_GetArraySize(qs) > PROCTOR_EMBEDDED_MAX_QUESTIONS)
        report_json(&L, qs ? qs : root, "expected an array 'questions' of 1 to %d questions",
               PROCTOR_EMBEDDED_MAX_QUESTIONS);
    else if ((rc = load_question_array(&L, qs, path, err)) < 0)
        goto out;
    if (!L.problems)
        check_unique_ids(&L);
    if (!L.problems)
        embedded_docs(&L);
    if (L.problems) {
        rc = PROCTOR_EINVAL;
        if (err)
            *err = first;
    }
out:
    jsonpos_free(&L.pos);
    qdesc_release(&L.desc);
    for (size_t i = 0; i < L.nsrcs; i++)
        free(L.srcs[i].doc), free(L.srcs[i].title), free(L.srcs[i].para);
    free(L.srcs);
    if (L.b) {
        L.b->paths = L.files;
        L.b->npaths = L.nfiles;
    } else {
        free(L.files);
    }
    if (rc < 0) {
        proctor_bank_free(L.b);
        return rc;
    }
    *out = L.b;
    return 0;
}

int
proctor_bank_from_json(const char *text, size_t len, int sealed, const char *path,
                       struct proctor_bank **out, struct proctor_error *err)
{
    cJSON *root;
    int rc;

    *out = NULL;
    root = proctor_json_parse_strict(text, len, path, err);
    if (!root)
        return err ? err->code : PROCTOR_EINVAL;
    if (!cJSON_IsObject(root) || cJSON_GetArraySize(root) != 1) {
        cJSON_Delete(root);
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                 "expected an object with one member, 'questions'");
    }
    rc = bank_from_cjson(root, member(root, "questions"),
                         sealed ? BANK_FORM_SEALED : BANK_FORM_FULL, text, len, path, out, err);
    cJSON_Delete(root);
    return rc;
}

void
proctor_bank_free(struct proctor_bank *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nquestions; i++)
        bank_question_release(&b->questions[i]);
    free(b->questions);
    for (size_t i = 0; i < b->ndocs; i++)
        doc_release(&b->docs[i]);
    free(b->docs);
    free(b->byid);
    free_strv(b->paths, b->npaths);
    free(b->dir);
    bank_strings_free(b->strings);
    free(b);
}

static int
find_qid(const void *key, const void *elem)
{
    return strcmp(key, (*(const struct proctor_question *const *)elem)->id);
}

const struct proctor_question *
proctor_bank_find(const struct proctor_bank *b, const char *id)
{
    struct proctor_question **q =
        b->byid && b->nquestions ? bsearch(id, b->byid, b->nquestions, sizeof *b->byid, find_qid)
                                 : NULL;
    return q ? *q : NULL;
}

const struct proctor_doc *
proctor_bank_doc(const struct proctor_bank *b, const char *id)
{
    for (size_t i = 0; i < b->ndocs; i++)
        if (strcmp(b->docs[i].id, id) == 0)
            return &b->docs[i];
    return NULL;
}
