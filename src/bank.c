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
#include "json-strict.h"
#include "jsonpos.h"
#include "proctor/bank.h"
#include "proctor/fileio.h"


static const char *const type_names[PROCTOR_NTYPES] = {
    "choice", "multi", "truefalse", "short", "numeric", "order", "match", "essay"};
static const char *const level_names[] = {"recall", "understanding", "analysis"};
const char *
proctor_qtype_name(enum proctor_qtype t)
{
    return (unsigned)t < PROCTOR_NTYPES ? type_names[t] : "?";
}

int
proctor_qtype_parse(const char *name)
{
    for (int i = 0; i < PROCTOR_NTYPES; i++)
        if (strcmp(name, type_names[i]) == 0)
            return i;
    return -1;
}

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

/* The state of one load: the bank being built and where problems go. */
struct loader {
    struct proctor_bank *b;
    struct doc_index *ix; /* per document */
    proctor_diag_fn diag;
    void *ctx;
    int problems;
    int stop;
    /* the file being read */
    const char *path;
    struct jsonpos pos;
    size_t qcap;
    char **files; /* owned copies of question file paths (questions point into them) */
    size_t nfiles;
    enum bank_form form; /* a bank's question file, or questions embedded in a signed file */
    struct pending_src *srcs; /* embedded passages, turned into documents at the end */
    size_t nsrcs, srccap;
};

/* An embedded question's passage: {doc, title, line, paragraph, quote}. */
struct pending_src {
    size_t qi; /* index of the question */
    char *doc, *title, *para;
    long line;
    size_t offset; /* of the quote in para */
};

static int
report(struct loader *L, const cJSON *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
report(struct loader *L, const cJSON *at, const char *fmt, ...)
{
    struct proctor_error e;
    va_list ap;
    long line = 0, col = 0;

    proctor_error_clear(&e);
    if (at)
        jsonpos_node(&L->pos, at, &line, &col);
    e.code = PROCTOR_EINVAL;
    snprintf(e.path, sizeof e.path, "%s", L->path ? L->path : "");
    e.line = line;
    e.column = col;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    L->problems++;
    if (L->diag && L->diag(L->ctx, &e))
        L->stop = 1;
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
parse_failure(struct loader *L, const char *text, const char *end, struct proctor_error *err)
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
json_load(struct loader *L, const char *path, char **textp, cJSON **rootp,
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
str_member(struct loader *L, const cJSON *obj, const char *name, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v) {
        if (required)
            report(L, obj, "missing '%s'", name);
        return NULL;
    }
    if (!cJSON_IsString(v)) {
        report(L, v, "expected a string for '%s'", name);
        return NULL;
    }
    return v->valuestring;
}

static int
load_doc(struct loader *L, const char *dir, const cJSON *d, struct proctor_doc *doc,
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
            report(L, m, "unknown member '%s' in a document entry", m->string);
    }
    if (!id || !file)
        return -1;
    if (strchr(file, '/') || file[0] == '.')
        return report(L, d, "document file '%s' must be a plain name inside sources/", file);
    doc->id = xstrdup(id);
    doc->file = xstrdup(file);
    doc->title = xstrdup(str_member(L, d, "title", 1));
    doc->date = xstrdup(str_member(L, d, "date", 0));
    doc->origin = xstrdup(str_member(L, d, "origin", 0));
    doc->citation = xstrdup(str_member(L, d, "citation", 0));
    snprintf(path, sizeof path, "%s/sources/%s", dir, file);
    if (proctor_file_read(path, PROCTOR_BANK_FILE_MAX_BYTES, &doc->text, &doc->len, &e) < 0) {
        report(L, d, "document '%s': cannot read '%s': %s", id, path,
               e.errnum ? strerror(e.errnum) : e.msg);
        return -1;
    }
    if (bank_paragraphs(doc) < 0 || bank_fold(doc->text, doc->len, &ix->folded, &ix->map,
                                              &ix->flen) < 0)
        return report(L, d, "out of memory");
    if (skip) {
        const cJSON *q;
        size_t n = 0;
        if (!cJSON_IsArray(skip))
            return report(L, skip, "expected an array of quotes for 'skip'");
        doc->skip = calloc((size_t)cJSON_GetArraySize(skip) + 1, sizeof *doc->skip);
        if (!doc->skip)
            return report(L, d, "out of memory");
        cJSON_ArrayForEach(q, skip) {
            char *fq;
            size_t fl, s, en, count;
            if (!cJSON_IsString(q)) {
                report(L, q, "expected a string in 'skip'");
                continue;
            }
            if (bank_fold(q->valuestring, strlen(q->valuestring), &fq, NULL, &fl) < 0)
                return report(L, q, "out of memory");
            if (bank_find_folded(ix, fq, fl, 0, &s, &en, &count) < 0)
                report(L, q, "skip quote not found in '%s'", id);
            free(fq);
            doc->skip[n++] = xstrdup(q->valuestring);
        }
        doc->nskip = n;
    }
    return 0;
}

static int
load_manifest(struct loader *L, const char *dir, struct proctor_error *err)
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
            report(L, d, "expected an object in 'documents'");
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
                    report(L, d, "duplicate document id '%s'", doc->id);
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

static int
valid_id(const char *s)
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

/* A JSON number with at most three decimals, as thousandths. */
static int
to_milli(const cJSON *v, int64_t *out)
{
    double x, r;
    if (!cJSON_IsNumber(v))
        return -1;
    x = v->valuedouble * 1000.0;
    if (!isfinite(x) || fabs(x) > 9e15)
        return -1;
    r = round(x);
    if (fabs(r - x) > 1e-6)
        return -1;
    *out = (int64_t)r;
    return 0;
}

/*
 * A number of thousandths: in a bank file a JSON number with at most three decimals
 * ("points": 1.5); in a signed payload, where strict JSON allows integers only, the integer
 * count of thousandths ("points": 1500).
 */
static int
milli(const struct loader *L, const cJSON *v, int64_t *out)
{
    if (L->form == BANK_FORM_FILE)
        return to_milli(v, out);
    return proctor_json_get_int(v, out) && *out > -9000000000000000LL &&
                   *out < 9000000000000000LL
               ? 0
               : -1;
}

static int
nonempty_string(const cJSON *v)
{
    if (!cJSON_IsString(v))
        return 0;
    for (const char *p = v->valuestring; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return 1;
    return 0;
}

static const cJSON *
member(const cJSON *o, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(o, name);
}

/*
 * A list of options [{id, text, correct}] into *out (*nout entries): the options of
 * choice/multi, the items of order, and (embedded) the lefts and rights of match.
 */
static int
load_option_list(struct loader *L, struct proctor_question *q, const cJSON *jq,
                 const char *name, size_t min, size_t max, int with_correct,
                 struct proctor_option **out, size_t *nout)
{
    const cJSON *arr = member(jq, name), *o;
    struct proctor_option *opts;
    size_t n, k = 0;
    int bad = 0;

    if (!cJSON_IsArray(arr))
        return report(L, arr ? arr : jq, "question '%s': expected an array '%s'", q->id, name);
    n = (size_t)cJSON_GetArraySize(arr);
    if (n < min || n > max)
        return report(L, arr, "question '%s': '%s' must have %zu to %zu entries, not %zu",
                      q->id, name, min, max, n);
    opts = *out = calloc(n, sizeof **out);
    if (!opts)
        return report(L, arr, "out of memory");
    cJSON_ArrayForEach(o, arr) {
        const cJSON *id = member(o, "id"), *text = member(o, "text"),
                    *correct = member(o, "correct"), *m;
        if (!cJSON_IsObject(o)) {
            report(L, o, "question '%s': expected an object in '%s'", q->id, name);
            bad = 1;
            continue;
        }
        cJSON_ArrayForEach(m, o) {
            if (strcmp(m->string, "id") && strcmp(m->string, "text") &&
                (!with_correct || strcmp(m->string, "correct"))) {
                report(L, m, "question '%s': unknown member '%s' in '%s'", q->id, m->string,
                       name);
                bad = 1;
            }
        }
        if (!cJSON_IsString(id) || !valid_id(id->valuestring)) {
            report(L, id ? id : o,
                   "question '%s': expected a kebab-case string for an option 'id'", q->id);
            bad = 1;
            continue;
        }
        if (!nonempty_string(text)) {
            report(L, text ? text : o, "question '%s': option '%s' needs a non-empty 'text'",
                   q->id, id->valuestring);
            bad = 1;
        }
        if (correct && !cJSON_IsBool(correct)) {
            report(L, correct, "question '%s': expected true or false for 'correct'", q->id);
            bad = 1;
        }
        for (size_t j = 0; j < k; j++)
            if (opts[j].id && strcmp(opts[j].id, id->valuestring) == 0) {
                report(L, id, "question '%s': duplicate option id '%s'", q->id,
                       id->valuestring);
                bad = 1;
            }
        opts[k].id = xstrdup(id->valuestring);
        opts[k].text = xstrdup(cJSON_IsString(text) ? text->valuestring : "");
        opts[k].correct = cJSON_IsTrue(correct);
        k++;
    }
    *nout = k;
    return bad ? -1 : 0;
}

static int
load_options(struct loader *L, struct proctor_question *q, const cJSON *jq, const char *name,
             size_t min, size_t max, int with_correct)
{
    return load_option_list(L, q, jq, name, min, max, with_correct, &q->options,
                            &q->noptions);
}

static int
load_match(struct loader *L, struct proctor_question *q, const cJSON *jq)
{
    const cJSON *pairs = member(jq, "pairs"), *dis = member(jq, "distractors"), *p;
    size_t n, nd = 0, k = 0;
    char idbuf[16];

    if (!cJSON_IsArray(pairs))
        return report(L, pairs ? pairs : jq, "question '%s': expected an array 'pairs'", q->id);
    n = (size_t)cJSON_GetArraySize(pairs);
    if (n < 2 || n > 8)
        return report(L, pairs, "question '%s': 'pairs' must have 2 to 8 entries, not %zu",
                      q->id, n);
    if (dis) {
        if (!cJSON_IsArray(dis))
            return report(L, dis, "question '%s': expected an array of strings 'distractors'",
                          q->id);
        nd = (size_t)cJSON_GetArraySize(dis);
        if (nd > 4)
            return report(L, dis, "question '%s': at most 4 distractors", q->id);
    }
    q->options = calloc(n, sizeof *q->options);
    q->rights = calloc(n + nd, sizeof *q->rights);
    if (!q->options || !q->rights)
        return report(L, pairs, "out of memory");
    cJSON_ArrayForEach(p, pairs) {
        const cJSON *l = member(p, "left"), *r = member(p, "right");
        if (!cJSON_IsObject(p) || !nonempty_string(l) || !nonempty_string(r))
            return report(L, p, "question '%s': a pair needs non-empty 'left' and 'right'",
                          q->id);
        if (cJSON_GetArraySize(p) != 2)
            return report(L, p, "question '%s': a pair has only 'left' and 'right'", q->id);
        snprintf(idbuf, sizeof idbuf, "l%zu", k + 1);
        q->options[k].id = xstrdup(idbuf);
        q->options[k].text = xstrdup(l->valuestring);
        snprintf(idbuf, sizeof idbuf, "r%zu", k + 1);
        q->rights[k].id = xstrdup(idbuf);
        q->rights[k].text = xstrdup(r->valuestring);
        k++;
        q->noptions = q->nrights = k; /* so question_release frees them if a later pair fails */
    }
    q->noptions = q->npairs = k;
    q->nrights = k;
    if (dis) {
        cJSON_ArrayForEach(p, dis) {
            if (!nonempty_string(p))
                return report(L, p, "question '%s': expected a non-empty string", q->id);
            snprintf(idbuf, sizeof idbuf, "r%zu", q->nrights + 1);
            q->rights[q->nrights].id = xstrdup(idbuf);
            q->rights[q->nrights].text = xstrdup(p->valuestring);
            q->nrights++;
        }
    }
    for (size_t i = 0; i < q->nrights; i++)
        for (size_t j = i + 1; j < q->nrights; j++)
            if (q->rights[i].text && q->rights[j].text &&
                strcmp(q->rights[i].text, q->rights[j].text) == 0)
                return report(L, pairs, "question '%s': right item '%s' appears twice", q->id,
                              q->rights[i].text);
    return 0;
}

/*
 * An embedded match question: "lefts" and "rights" lists with their ids, and (in the full
 * form) "answer", an object pairing every left id with a distinct right id. The rights are
 * reordered so that right i pairs with left i and the distractors follow, as proctor_grade
 * expects; a sealed question keeps the order it was given in.
 */
static int
load_match_embedded(struct loader *L, struct proctor_question *q, const cJSON *jq)
{
    const cJSON *ans = member(jq, "answer"), *m;
    struct proctor_option *sorted;
    unsigned char used[12] = {0};
    size_t k;

    if (load_option_list(L, q, jq, "lefts", 2, 8, 0, &q->options, &q->noptions) < 0 ||
        load_option_list(L, q, jq, "rights", 2, 12, 0, &q->rights, &q->nrights) < 0)
        return -1;
    if (q->nrights < q->noptions || q->nrights > q->noptions + 4)
        return report(L, member(jq, "rights"),
                      "question '%s': 'rights' must have as many entries as 'lefts', plus at "
                      "most 4 distractors",
                      q->id);
    q->npairs = q->noptions;
    if (L->form == BANK_FORM_SEALED)
        return 0;
    if (!cJSON_IsObject(ans) || (size_t)cJSON_GetArraySize(ans) != q->noptions)
        return report(L, ans ? ans : jq,
                      "question '%s': expected an object 'answer' pairing every left id with "
                      "a right id",
                      q->id);
    sorted = calloc(q->nrights, sizeof *sorted);
    if (!sorted)
        return report(L, ans, "out of memory");
    for (k = 0; k < q->noptions; k++) {
        const cJSON *r = member(ans, q->options[k].id);
        size_t j;
        for (j = 0; cJSON_IsString(r) && j < q->nrights; j++)
            if (q->rights[j].id && strcmp(q->rights[j].id, r->valuestring) == 0)
                break;
        if (!cJSON_IsString(r) || j == q->nrights || used[j]) {
            free(sorted);
            return report(L, r ? r : ans,
                          "question '%s': 'answer' must pair left '%s' with a right id not "
                          "used for another left",
                          q->id, q->options[k].id);
        }
        used[j] = 1;
        sorted[k] = q->rights[j];
    }
    cJSON_ArrayForEach(m, ans) {
        for (k = 0; k < q->noptions; k++)
            if (strcmp(m->string, q->options[k].id) == 0)
                break;
        if (k == q->noptions) {
            free(sorted);
            return report(L, m, "question '%s': 'answer' names no left '%s'", q->id, m->string);
        }
    }
    for (size_t j = 0, n = q->noptions; j < q->nrights; j++)
        if (!used[j])
            sorted[n++] = q->rights[j];
    free(q->rights);
    q->rights = sorted;
    return 0;
}

/*
 * An embedded passage: {doc, title, line, paragraph, quote}, where paragraph is the text of
 * the paragraph the quote starts in (through the quote's end) and line its first line in the
 * document. Kept aside until every question is read; embedded_docs builds the documents.
 */
static int
load_source_embedded(struct loader *L, struct proctor_question *q, const cJSON *jq)
{
    static const char *const names[] = {"doc", "title", "line", "paragraph", "quote", "offset"};
    const cJSON *src = member(jq, "source"), *m, *doc, *title, *line, *para, *quote;
    struct pending_src *p;
    size_t s, e;
    int64_t ln, off;

    if (!src)
        return 0;
    if (!cJSON_IsObject(src))
        return report(L, src, "question '%s': expected an object for 'source'", q->id);
    cJSON_ArrayForEach(m, src) {
        size_t k;
        for (k = 0; k < sizeof names / sizeof *names; k++)
            if (strcmp(m->string, names[k]) == 0)
                break;
        if (k == sizeof names / sizeof *names)
            return report(L, m, "question '%s': unknown member '%s' in 'source'", q->id,
                          m->string);
    }
    doc = member(src, "doc");
    title = member(src, "title");
    line = member(src, "line");
    para = member(src, "paragraph");
    quote = member(src, "quote");
    if (!cJSON_IsString(doc) || !valid_id(doc->valuestring) ||
        (title && !nonempty_string(title)) || !proctor_json_get_int(line, &ln) || ln < 1 ||
        ln > 100000000 || !nonempty_string(para) || !nonempty_string(quote) ||
        !proctor_json_get_int(member(src, "offset"), &off) || off < 0)
        return report(L, src,
                      "question '%s': 'source' needs a document id 'doc', a 'line' from 1, a "
                      "'paragraph', a 'quote' and its 'offset' in the paragraph",
                      q->id);
    if ((uint64_t)off >= strlen(para->valuestring) ||
        proctor_passage_find(para->valuestring, strlen(para->valuestring), quote->valuestring,
                             (size_t)off, &s, &e) < 0 ||
        s != (size_t)off)
        return report(L, quote, "question '%s': the quote is not at its offset in the paragraph",
                      q->id);
    if (L->nsrcs == L->srccap) {
        size_t nc = L->srccap ? L->srccap * 2 : 16;
        struct pending_src *ns = realloc(L->srcs, nc * sizeof *ns);
        if (!ns)
            return report(L, src, "out of memory");
        L->srcs = ns;
        L->srccap = nc;
    }
    p = &L->srcs[L->nsrcs];
    p->qi = (size_t)(q - L->b->questions);
    p->doc = xstrdup(doc->valuestring);
    p->title = xstrdup(title ? title->valuestring : doc->valuestring);
    p->para = xstrdup(para->valuestring);
    p->line = (long)ln;
    p->offset = (size_t)off;
    q->quote = xstrdup(quote->valuestring);
    if (!p->doc || !p->title || !p->para || !q->quote) {
        free(p->doc), free(p->title), free(p->para);
        return report(L, src, "out of memory");
    }
    L->nsrcs++;
    return 0;
}

static int
load_source(struct loader *L, struct proctor_question *q, const cJSON *jq)
{
    const cJSON *src = member(jq, "source"), *doc, *quote, *nth, *m;
    const struct proctor_doc *d = NULL;
    size_t di, start, end, count, fl;
    char *fq;
    int64_t n = 0;

    if (!src)
        return report(L, jq, "question '%s': missing 'source' passage reference", q->id);
    if (!cJSON_IsObject(src))
        return report(L, src, "question '%s': expected an object {doc, quote} for 'source'",
                      q->id);
    cJSON_ArrayForEach(m, src) {
        if (strcmp(m->string, "doc") && strcmp(m->string, "quote") && strcmp(m->string, "nth"))
            report(L, m, "question '%s': unknown member '%s' in 'source'", q->id, m->string);
    }
    doc = member(src, "doc");
    quote = member(src, "quote");
    nth = member(src, "nth");
    if (!cJSON_IsString(doc))
        return report(L, doc ? doc : src, "question '%s': expected a document id for 'doc'",
                      q->id);
    for (di = 0; di < L->b->ndocs; di++)
        if (strcmp(L->b->docs[di].id, doc->valuestring) == 0) {
            d = &L->b->docs[di];
            break;
        }
    if (!d)
        return report(L, doc, "question '%s': no document '%s' in the manifest", q->id,
                      doc->valuestring);
    if (!cJSON_IsString(quote))
        return report(L, quote ? quote : src, "question '%s': expected a string for 'quote'",
                      q->id);
    if (nth) {
        if (to_milli(nth, &n) < 0 || n % 1000 || n < 1000)
            return report(L, nth, "question '%s': 'nth' must be a whole number from 1", q->id);
        n /= 1000;
    }
    if (bank_fold(quote->valuestring, strlen(quote->valuestring), &fq, NULL, &fl) < 0)
        return report(L, quote, "out of memory");
    if (fl == 0) {
        free(fq);
        return report(L, quote, "question '%s': the quote is empty", q->id);
    }
    if (fl < 3) {
        free(fq);
        return report(L, quote, "question '%s': the quote is too short to locate a passage",
                      q->id);
    }
    if (bank_find_folded(&L->ix[di], fq, fl, (size_t)n, &start, &end, &count) < 0) {
        free(fq);
        if (count == 0)
            return report(L, quote, "question '%s': quote not found in '%s'", q->id, d->id);
        return report(L, nth, "question '%s': quote occurs %zu time%s in '%s', not %lld",
                      q->id, count, count == 1 ? "" : "s", d->id, (long long)n);
    }
    free(fq);
    if (count > 1 && !nth)
        return report(L, quote,
                      "question '%s': quote occurs more than once in '%s'; make it longer "
                      "or add \"nth\"",
                      q->id, d->id);
    q->doc = d;
    q->quote = xstrdup(quote->valuestring);
    q->quote_start = start;
    q->quote_end = end;
    q->para = bank_para_of(d, start);
    return 0;
}

static int
load_tags(struct loader *L, struct proctor_question *q, const cJSON *jq)
{
    const cJSON *tags = member(jq, "tags"), *t;
    size_t n;

    if (!cJSON_IsArray(tags) || cJSON_GetArraySize(tags) == 0)
        return report(L, tags ? tags : jq, "question '%s': expected a non-empty array 'tags'",
                      q->id);
    n = (size_t)cJSON_GetArraySize(tags);
    q->tags = calloc(n, sizeof *q->tags);
    if (!q->tags)
        return report(L, tags, "out of memory");
    cJSON_ArrayForEach(t, tags) {
        if (!cJSON_IsString(t))
            return report(L, t, "question '%s': expected a string in 'tags'", q->id);
        /* any kebab-case tag: the shipped vocabulary (docs/QUESTIONS.md) or a teacher's own */
        if (!valid_id(t->valuestring))
            return report(L, t,
                          "question '%s': tag '%.80s' is not kebab-case ([a-z0-9]+(-[a-z0-9]+)*, "
                          "at most %d bytes, e.g. 'week-3')",
                          q->id, t->valuestring, PROCTOR_QUESTION_ID_MAX);
        for (size_t k = 0; k < q->ntags; k++)
            if (strcmp(q->tags[k], t->valuestring) == 0)
                return report(L, t, "question '%s': tag '%s' given twice", q->id,
                              t->valuestring);
        q->tags[q->ntags++] = xstrdup(t->valuestring);
    }
    return 0;
}

static const char *const common_members[] = {"id",     "type", "prompt", "points", "difficulty",
                                             "level",  "tags", "source", "explain"};

static const char *const embedded_members[] = {"id", "type", "prompt", "points"};

/*
 * The members a question may have. In a bank file: the common ones and its type's. Embedded
 * in a signed file: id, type, prompt, points and what is needed to show the question, plus
 * in the full form the answer, the explanation and the passage; a sealed question has no
 * member that could reveal its answer.
 */
static int
allowed_member(enum bank_form form, enum proctor_qtype t, const char *name)
{
    static const char *const shown[PROCTOR_NTYPES][2] = {
        [PROCTOR_CHOICE] = {"options", "shuffle"}, [PROCTOR_MULTI] = {"options", "shuffle"},
        [PROCTOR_ORDER] = {"items"},               [PROCTOR_MATCH] = {"lefts", "rights"},
        [PROCTOR_ESSAY] = {"min_words"},
    };
    static const char *const answers[PROCTOR_NTYPES][3] = {
        [PROCTOR_TRUEFALSE] = {"answer"},
        [PROCTOR_SHORT] = {"accept", "typos"},
        [PROCTOR_NUMERIC] = {"answer", "tolerance", "range"},
        [PROCTOR_MATCH] = {"answer"},
        [PROCTOR_ESSAY] = {"rubric"},
    };
    static const char *const extra[PROCTOR_NTYPES][4] = {
        [PROCTOR_CHOICE] = {"options", "shuffle"},
        [PROCTOR_MULTI] = {"options", "shuffle"},
        [PROCTOR_TRUEFALSE] = {"answer"},
        [PROCTOR_SHORT] = {"accept", "typos"},
        [PROCTOR_NUMERIC] = {"answer", "tolerance", "range"},
        [PROCTOR_ORDER] = {"items"},
        [PROCTOR_MATCH] = {"pairs", "distractors"},
        [PROCTOR_ESSAY] = {"rubric", "min_words"},
    };
    if (form != BANK_FORM_FILE) {
        for (size_t i = 0; i < sizeof embedded_members / sizeof *embedded_members; i++)
            if (strcmp(name, embedded_members[i]) == 0)
                return 1;
        for (size_t i = 0; i < 2 && shown[t][i]; i++)
            if (strcmp(name, shown[t][i]) == 0)
                return 1;
        if (form == BANK_FORM_SEALED)
            return 0;
        if (strcmp(name, "explain") == 0 || strcmp(name, "source") == 0)
            return 1;
        for (size_t i = 0; i < 3 && answers[t][i]; i++)
            if (strcmp(name, answers[t][i]) == 0)
                return 1;
        return 0;
    }
    for (size_t i = 0; i < sizeof common_members / sizeof *common_members; i++)
        if (strcmp(name, common_members[i]) == 0)
            return 1;
    for (size_t i = 0; i < 4 && extra[t][i]; i++)
        if (strcmp(name, extra[t][i]) == 0)
            return 1;
    return 0;
}

static int
load_type_spec(struct loader *L, struct proctor_question *q, const cJSON *jq)
{
    const cJSON *v;
    size_t ncorrect = 0;

    int sealed = L->form == BANK_FORM_SEALED;

    q->sealed = sealed;
    switch (q->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        if (load_options(L, q, jq, "options", 2, 8, !sealed) < 0)
            return -1;
        for (size_t i = 0; i < q->noptions; i++)
            ncorrect += q->options[i].correct;
        if (sealed)
            ncorrect = 1;
        if (q->type == PROCTOR_CHOICE && ncorrect != 1)
            return report(L, member(jq, "options"),
                          "question '%s': a choice question needs exactly one correct option, "
                          "not %zu",
                          q->id, ncorrect);
        if (q->type == PROCTOR_MULTI && ncorrect == 0)
            return report(L, member(jq, "options"),
                          "question '%s': a multi question needs at least one correct option",
                          q->id);
        v = member(jq, "shuffle");
        if (v && !cJSON_IsBool(v))
            return report(L, v, "question '%s': expected true or false for 'shuffle'", q->id);
        q->shuffle = v ? cJSON_IsTrue(v) : 1;
        return 0;
    case PROCTOR_TRUEFALSE:
        if (sealed)
            return 0;
        v = member(jq, "answer");
        if (!cJSON_IsBool(v))
            return report(L, v ? v : jq, "question '%s': expected true or false for 'answer'",
                          q->id);
        q->truth = cJSON_IsTrue(v);
        return 0;
    case PROCTOR_SHORT: {
        const cJSON *a;
        if (sealed)
            return 0;
        v = member(jq, "accept");
        if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
            return report(L, v ? v : jq,
                          "question '%s': expected a non-empty array of strings 'accept'",
                          q->id);
        q->accept = calloc((size_t)cJSON_GetArraySize(v), sizeof *q->accept);
        if (!q->accept)
            return report(L, v, "out of memory");
        cJSON_ArrayForEach(a, v) {
            if (!nonempty_string(a))
                return report(L, a, "question '%s': expected a non-empty accepted answer",
                              q->id);
            q->accept[q->naccept++] = xstrdup(a->valuestring);
        }
        q->typos = -1;
        v = member(jq, "typos");
        if (v) {
            int64_t t;
            if (to_milli(v, &t) < 0 || t % 1000 || t < 0 || t > 3000)
                return report(L, v, "question '%s': 'typos' must be 0, 1, 2 or 3", q->id);
            q->typos = (int)(t / 1000);
        }
        return 0;
    }
    case PROCTOR_NUMERIC: {
        const cJSON *ans = member(jq, "answer"), *tol = member(jq, "tolerance"),
                    *range = member(jq, "range");
        int64_t t = 0;
        if (sealed)
            return 0;
        if (range) {
            if (ans || tol)
                return report(L, range, "question '%s': give 'range' or 'answer', not both",
                              q->id);
            if (!cJSON_IsArray(range) || cJSON_GetArraySize(range) != 2 ||
                milli(L, cJSON_GetArrayItem(range, 0), &q->lo) < 0 ||
                milli(L, cJSON_GetArrayItem(range, 1), &q->hi) < 0)
                return report(L, range,
                              "question '%s': 'range' must be [low, high] with at most three "
                              "decimals",
                              q->id);
            if (q->lo > q->hi)
                return report(L, range, "question '%s': 'range' low is above high", q->id);
            q->value = q->lo + (q->hi - q->lo) / 2;
            q->is_range = 1;
            return 0;
        }
        if (milli(L, ans, &q->value) < 0)
            return report(L, ans ? ans : jq,
                          "question '%s': expected a number with at most three decimals for "
                          "'answer'",
                          q->id);
        if (tol && milli(L, tol, &t) < 0)
            return report(L, tol, "question '%s': expected a number for 'tolerance'", q->id);
        if (t < 0)
            return report(L, tol, "question '%s': 'tolerance' must not be negative", q->id);
        q->lo = q->value - t;
        q->hi = q->value + t;
        return 0;
    }
    case PROCTOR_ORDER:
        if (load_options(L, q, jq, "items", 3, 6, 0) < 0)
            return -1;
        q->shuffle = 1;
        return 0;
    case PROCTOR_MATCH:
        if ((L->form == BANK_FORM_FILE ? load_match(L, q, jq) : load_match_embedded(L, q, jq)) <
            0)
            return -1;
        q->shuffle = 1;
        return 0;
    case PROCTOR_ESSAY:
        v = member(jq, "rubric");
        if (!sealed) {
            if (!nonempty_string(v))
                return report(L, v ? v : jq, "question '%s': an essay needs a 'rubric'",
                              q->id);
            q->rubric = xstrdup(v->valuestring);
        }
        v = member(jq, "min_words");
        if (v) {
            int64_t w;
            if (to_milli(v, &w) < 0 || w % 1000 || w < 0)
                return report(L, v, "question '%s': 'min_words' must be a whole number",
                              q->id);
            q->min_words = (long)(w / 1000);
        }
        return 0;
    default:
        return -1;
    }
}

static void
question_release(struct proctor_question *q)
{
    free(q->id);
    free(q->prompt);
    free_strv(q->tags, q->ntags);
    free(q->explain);
    free(q->quote);
    for (size_t i = 0; i < q->noptions; i++)
        free(q->options[i].id), free(q->options[i].text);
    free(q->options);
    for (size_t i = 0; i < q->nrights; i++)
        free(q->rights[i].id), free(q->rights[i].text);
    free(q->rights);
    free_strv(q->accept, q->naccept);
    free(q->rubric);
    memset(q, 0, sizeof *q);
}

static int
load_question(struct loader *L, const cJSON *jq, struct proctor_question *q)
{
    const cJSON *id = member(jq, "id"), *type = member(jq, "type"), *v, *m;
    int t, bad = 0;
    int64_t pts;

    memset(q, 0, sizeof *q);
    q->file = L->path;
    jsonpos_node(&L->pos, jq, &q->line, &q->column);
    if (!cJSON_IsObject(jq))
        return report(L, jq, "expected a question object");
    if (!cJSON_IsString(id))
        return report(L, id ? id : jq, "question without a string 'id'");
    if (!valid_id(id->valuestring))
        return report(L, id, "question id '%.80s' is not kebab-case ([a-z0-9]+(-[a-z0-9]+)*, "
                      "at most %d bytes)", id->valuestring, PROCTOR_QUESTION_ID_MAX);
    q->id = xstrdup(id->valuestring);
    if (!cJSON_IsString(type) || (t = proctor_qtype_parse(type->valuestring)) < 0)
        return report(L, type ? type : jq,
                      "question '%s': expected 'type' to be one of choice, multi, truefalse, "
                      "short, numeric, order, match, essay",
                      q->id);
    q->type = (enum proctor_qtype)t;
    cJSON_ArrayForEach(m, jq) {
        for (const cJSON *o = jq->child; o != m; o = o->next)
            if (strcmp(o->string, m->string) == 0) {
                report(L, m, "question '%s': duplicate member '%s'", q->id, m->string);
                bad = 1;
                break;
            }
        if (!allowed_member(L->form, q->type, m->string)) {
            report(L, m, "question '%s': unknown member '%s' for a %s%s question", q->id,
                   m->string, L->form == BANK_FORM_SEALED ? "sealed " : "", type_names[t]);
            bad = 1;
        }
    }
    v = member(jq, "prompt");
    if (!nonempty_string(v)) {
        report(L, v ? v : jq, "question '%s': expected a non-empty string 'prompt'", q->id);
        bad = 1;
    } else {
        q->prompt = xstrdup(v->valuestring);
    }
    q->points = 1000;
    v = member(jq, "points");
    if (!v && L->form != BANK_FORM_FILE) {
        report(L, jq, "question '%s': expected 'points' (in thousandths)", q->id);
        bad = 1;
    } else if (v) {
        if (milli(L, v, &pts) < 0 || pts <= 0 || pts > 1000000) {
            report(L, v, "question '%s': 'points' must be a positive number with at most "
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
        v = member(jq, "explain");
        if (L->form == BANK_FORM_FULL && !nonempty_string(v)) {
            report(L, v ? v : jq, "question '%s': expected a non-empty string 'explain'",
                   q->id);
            bad = 1;
        } else if (v) {
            q->explain = xstrdup(v->valuestring);
        }
        if (L->form == BANK_FORM_FULL && load_source_embedded(L, q, jq) < 0)
            bad = 1;
        if (load_type_spec(L, q, jq) < 0)
            bad = 1;
        return bad ? -1 : 0;
    }
    v = member(jq, "difficulty");
    if (to_milli(v, &pts) < 0 || (pts != 1000 && pts != 2000 && pts != 3000)) {
        report(L, v ? v : jq, "question '%s': expected 'difficulty' 1, 2 or 3", q->id);
        bad = 1;
    } else {
        q->difficulty = (int)(pts / 1000);
    }
    v = member(jq, "level");
    q->level = PROCTOR_RECALL;
    if (!cJSON_IsString(v)) {
        report(L, v ? v : jq,
               "question '%s': expected 'level' to be recall, understanding or analysis", q->id);
        bad = 1;
    } else {
        int k;
        for (k = 0; k < 3; k++)
            if (strcmp(v->valuestring, level_names[k]) == 0)
                break;
        if (k == 3) {
            report(L, v,
                   "question '%s': expected 'level' to be recall, understanding or analysis",
                   q->id);
            bad = 1;
        }
        q->level = (enum proctor_level)(k % 3);
    }
    if (load_tags(L, q, jq) < 0)
        bad = 1;
    v = member(jq, "explain");
    if (!nonempty_string(v)) {
        report(L, v ? v : jq, "question '%s': expected a non-empty string 'explain'", q->id);
        bad = 1;
    } else {
        q->explain = xstrdup(v->valuestring);
    }
    if (load_source(L, q, jq) < 0)
        bad = 1;
    if (load_type_spec(L, q, jq) < 0)
        bad = 1;
    return bad ? -1 : 0;
}

/* Every question of the array qs; 0, or PROCTOR_ENOMEM. */
static int
load_question_array(struct loader *L, const cJSON *qs, const char *path,
                    struct proctor_error *err)
{
    const cJSON *jq;

    cJSON_ArrayForEach(jq, qs) {
        struct proctor_question *q;
        if (L->stop)
            break;
        if (L->b->nquestions == L->qcap) {
            size_t ncap = L->qcap ? L->qcap * 2 : 64;
            struct proctor_question *nq = realloc(L->b->questions, ncap * sizeof *nq);
            if (!nq)
                return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
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
            question_release(q);
            if (dup_failed)
                return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
            continue;
        }
        L->b->nquestions++;
        if (dup_failed)
            return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    }
    return 0;
}

static int
load_question_file(struct loader *L, const char *path, struct proctor_error *err)
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
        report(L, qs ? qs : root, "expected an object with an array 'questions'");
        goto out;
    }
    rc = load_question_array(L, qs, path, err);
out:
    jsonpos_free(&L->pos);
    cJSON_Delete(root);
    free(text);
    return rc;
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
check_unique_ids(struct loader *L)
{
    size_t n = L->b->nquestions;
    struct proctor_question **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        v[i] = &L->b->questions[i];
    qsort(v, n, sizeof *v, cmp_qid);
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
compute_digest(struct loader *L, const char *const *files)
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
    struct loader L;
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
        rc = load_question_file(&L, files[i], err);
        if (rc < 0)
            goto fail;
    }
    if (dup_failed) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
        goto fail;
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
embedded_docs(struct loader *L)
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
                    report(L, NULL,
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
        report(L, NULL, "out of memory");
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
    struct loader L;
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
        report(&L, qs ? qs : root, "expected an array 'questions' of 1 to %d questions",
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
        question_release(&b->questions[i]);
    free(b->questions);
    for (size_t i = 0; i < b->ndocs; i++)
        doc_release(&b->docs[i]);
    free(b->docs);
    free(b->byid);
    free_strv(b->paths, b->npaths);
    free(b->dir);
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
