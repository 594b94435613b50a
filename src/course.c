/* SPDX-License-Identifier: ISC */
/* course.c - a new bank made from a teacher's documents, and documents added to a bank. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cJSON.h>

#include "bank-internal.h"
#include "json-strict.h"
#include "json-write.h"
#include "kebab.h"
#include "proctor/course.h"
#include "proctor/fileio.h"
#include "qtype.h"

void
proctor_course_doc_id(const char *path, char *out)
{
    const char *base = strrchr(path, '/'), *dot;
    size_t n;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    if (!kebab_from(base, n, PROCTOR_QUESTION_ID_MAX, out, PROCTOR_QUESTION_ID_MAX + 1))
        strcpy(out, "doc");
}

/* A document read and checked: its text (a byte order mark dropped) and what it gives. */
struct docfile {
    char *text;
    size_t len;
};

static int
read_doc(struct proctor_course_doc *d, struct docfile *f, struct proctor_error *err)
{
    char *buf;
    size_t len, off = 0;
    const char *base = strrchr(d->path, '/');
    struct proctor_doc pd;
    int rc;

    memset(f, 0, sizeof *f);
    rc = proctor_file_read(d->path, PROCTOR_BANK_FILE_MAX_BYTES, &buf, &len, err);
    if (rc < 0)
        return rc;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        off = 3;
    if (memchr(buf, '\0', len))
        goto not_text;
    for (size_t i = off; i < len;) {
        size_t k = (unsigned char)buf[i] < 0x80
                       ? 1
                       : proctor_utf8_seq((const unsigned char *)buf + i, len - i);
        if (k == 0)
            goto not_text;
        i += k;
    }
    memmove(buf, buf + off, len - off + 1);
    len -= off;
    f->text = buf;
    f->len = len;

    /* the title: the first line with something on it, its spaces folded */
    {
        size_t i = 0, t = 0;
        int space = 0;
        while (i < len && strchr(" \t\r\n", buf[i]))
            i++;
        for (; i < len && buf[i] != '\n' && t < PROCTOR_TITLE_MAX; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (c == ' ' || c == '\t' || c == '\r' || c < 0x20 || c == 0x7f) {
                space = 1;
                continue;
            }
            if (space && t > 0)
                d->title[t++] = ' ';
            space = 0;
            if (t < PROCTOR_TITLE_MAX)
                d->title[t++] = (char)c;
        }
        /* never end inside a UTF-8 sequence */
        if (i < len && ((unsigned char)buf[i] & 0xC0) == 0x80) {
            while (t > 0 && ((unsigned char)d->title[t - 1] & 0xC0) == 0x80)
                t--;
            if (t > 0)
                t--;
        }
        d->title[t] = '\0';
        if (t == 0)
            return proctor_error_set(err, PROCTOR_EINVAL, d->path, 0, 0,
                                     "the document is empty; expected its text");
    }
    snprintf(d->file, sizeof d->file, "%s", base ? base + 1 : d->path);
    if (d->file[0] == '.' || strcmp(d->file, "manifest.json") == 0 || strlen(d->file) > 200) {
        /* a name the manifest cannot hold: the id with .txt */
        snprintf(d->file, sizeof d->file, "%s.txt", d->id);
    }
    memset(&pd, 0, sizeof pd);
    pd.text = f->text;
    pd.len = f->len;
    if (bank_paragraphs(&pd) < 0)
        return proctor_error_set(err, PROCTOR_ENOMEM, d->path, 0, 0, "out of memory");
    d->paragraphs = pd.nparas;
    free(pd.paras);
    return 0;
not_text:
    free(buf);
    return proctor_error_set(err, PROCTOR_EINVAL, d->path, 0, 0,
                             "not a UTF-8 text file; save the document as plain text (UTF-8) "
                             "first");
}

static void
docfile_release(struct docfile *f)
{
    free(f->text);
    memset(f, 0, sizeof *f);
}

/* The manifest entry of a document: id, file, title; date and citation left to the teacher. */
static cJSON *
doc_entry(const struct proctor_course_doc *d)
{
    cJSON *o = cJSON_CreateObject();

    if (!o || !cJSON_AddStringToObject(o, "id", d->id) ||
        !cJSON_AddStringToObject(o, "file", d->file) ||
        !cJSON_AddStringToObject(o, "title", d->title)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int
write_json(const char *path, const cJSON *root, int flags, struct proctor_error *err)
{
    char *text = json_write_pretty(root);
    int rc;

    if (!text)
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    rc = proctor_file_write(path, text, strlen(text), 0644, flags, err);
    free(text);
    return rc;
}

/* The words of the first paragraph of text, up to eight: an example's quote. */
static char *
first_words(const char *text, size_t len)
{
    struct sbuf b = {0};
    size_t i = 0, words = 0;

    while (i < len && strchr(" \t\r\n", text[i]))
        i++;
    while (i < len && words < 8) {
        size_t s = i;
        while (i < len && !strchr(" \t\r\n", text[i]))
            i++;
        if (words++)
            sbuf_char(&b, ' ');
        sbuf_put(&b, text + s, i - s);
        /* stop at the paragraph's end: a blank line */
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            i++;
        if (i < len && text[i] == '\n') {
            size_t j = i + 1;
            while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
                j++;
            if (j >= len || text[j] == '\n')
                break;
            i = j;
        }
    }
    return sbuf_finish(&b);
}

/* An example question of type type; NULL when out of memory or the type has no example. */
static cJSON *
example(const char *type, const char *doc, const char *quote)
{
    static const char *const common =
        "\"difficulty\": 1, \"level\": \"recall\", \"tags\": [\"week-1\"]";
    static const struct {
        const char *type, *json;
    } ex[] = {
        {"choice",
         "\"prompt\": \"A question whose one correct answer the passage gives?\", "
         "\"options\": [{\"id\": \"right\", \"text\": \"The answer the passage gives\", "
         "\"correct\": true}, {\"id\": \"wrong-a\", \"text\": \"A wrong answer, as specific and as "
         "long\"}, {\"id\": \"wrong-b\", \"text\": \"Another wrong answer of the same kind\"}]"},
        {"multi",
         "\"prompt\": \"Which of these does the passage say? Choose all that apply.\", "
         "\"options\": [{\"id\": \"said-a\", \"text\": \"One thing it says\", \"correct\": true}, "
         "{\"id\": \"said-b\", \"text\": \"Another thing it says\", \"correct\": true}, "
         "{\"id\": \"not-said\", \"text\": \"Something it does not say\"}]"},
        {"truefalse", "\"prompt\": \"A statement the passage shows to be true.\", "
                      "\"answer\": true"},
        {"short", "\"prompt\": \"A question answered in a word or a name?\", "
                  "\"accept\": [\"the word\", \"another spelling of it\"]"},
        {"numeric", "\"prompt\": \"A question answered by a number the passage gives?\", "
                    "\"answer\": 1994, \"tolerance\": 0"},
        {"order", "\"prompt\": \"Put these events in the order they happened.\", "
                  "\"items\": [{\"id\": \"first\", \"text\": \"What happened first\"}, "
                  "{\"id\": \"second\", \"text\": \"What happened next\"}, "
                  "{\"id\": \"third\", \"text\": \"What happened last\"}]"},
        {"match", "\"prompt\": \"Match each person with their role.\", "
                  "\"pairs\": [{\"left\": \"A person\", \"right\": \"Their role\"}, "
                  "{\"left\": \"Another person\", \"right\": \"Another role\"}], "
                  "\"distractors\": [\"A role nobody here had\"]"},
        {"cloze", "\"prompt\": \"A sentence of the passage with its key words as gaps: {1} wrote it "
                  "in {2}.\", \"gaps\": [{\"type\": \"short\", \"accept\": [\"the author\"]}, "
                  "{\"type\": \"numeric\", \"answer\": 1994}], \"points\": 2"},
        {"essay", "\"prompt\": \"A question asking for a paragraph of argument from the "
                  "passage.\", \"rubric\": \"Full marks: what a complete answer says. Half: what a "
                  "partial one says.\", \"min_words\": 40"},
    };
    char buf[2048];
    cJSON *o, *src;

    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        if (strcmp(ex[i].type, type) != 0)
            continue;
        snprintf(buf, sizeof buf, "{\"id\": \"example-%s\", \"type\": \"%s\", %s, %s}", type, type,
                 ex[i].json, common);
        if (!(o = cJSON_Parse(buf)))
            return NULL;
        src = cJSON_CreateObject();
        if (!src || !cJSON_AddStringToObject(src, "doc", doc) ||
            !cJSON_AddStringToObject(src, "quote", quote) ||
            !cJSON_AddItemToObject(o, "source", src)) {
            cJSON_Delete(src);
            cJSON_Delete(o);
            return NULL;
        }
        if (!cJSON_AddStringToObject(o, "explain",
                                     "One or two sentences that teach why the answer is right, "
                                     "pointing at the passage.")) {
            cJSON_Delete(o);
            return NULL;
        }
        return o;
    }
    return NULL;
}

/* The question file of a new bank: no questions, and an example of each type. */
static cJSON *
question_file(const struct proctor_course_doc *d, const struct docfile *f)
{
    cJSON *root = cJSON_CreateObject(), *ex;
    char *quote = first_words(f->text, f->len);

    if (!root || !quote ||
        !cJSON_AddStringToObject(
            root, "comment",
            "Write questions in 'questions'. The 'examples' are not loaded: copy one into "
            "'questions', give it its own id, and change it. docs/QUESTIONS.md describes every "
            "member; 'proctor lint' checks the bank.") ||
        !cJSON_AddArrayToObject(root, "questions") ||
        !(ex = cJSON_AddArrayToObject(root, "examples")))
        goto oom;
    for (int t = 0; t < PROCTOR_NTYPES; t++) {
        cJSON *q = example(qtypes[t]->name, d->id, quote);
        if (q && !cJSON_AddItemToArray(ex, q)) {
            cJSON_Delete(q);
            goto oom;
        }
    }
    free(quote);
    return root;
oom:
    free(quote);
    cJSON_Delete(root);
    return NULL;
}

/* dir/name into out (PATH_MAX bytes); PROCTOR_EUSAGE when it does not fit. */
static int
join(char *out, const char *dir, const char *name, struct proctor_error *err)
{
    int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);
    if (n < 0 || n >= PATH_MAX)
        return proctor_error_set(err, PROCTOR_EUSAGE, dir, 0, 0, "the path is too long");
    return 0;
}

static int
exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 || errno != ENOENT;
}

int
proctor_course_init(const char *dir, struct proctor_course_doc *docs, size_t n, unsigned flags,
                    struct proctor_error *err)
{
    char path[PATH_MAX], sources[PATH_MAX];
    struct docfile *files = NULL;
    cJSON *manifest = NULL, *arr, *qfile = NULL;
    int rc;

    if (n == 0)
        return proctor_error_set(err, PROCTOR_EUSAGE, dir, 0, 0,
                                 "a bank needs at least one document");
    if ((rc = join(path, dir, "sources/manifest.json", err)) < 0)
        return rc;
    if (exists(path))
        return proctor_error_set(err, PROCTOR_EEXIST, NULL, 0, 0,
                                 "'%s' already holds a bank (sources/manifest.json); proctor init "
                                 "never overwrites one (add documents with proctor add-doc)",
                                 dir);
    if ((rc = join(path, dir, "questions.json", err)) < 0)
        return rc;
    if (exists(path))
        return proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0, "'%s' already exists", path);
    if (!(files = calloc(n, sizeof *files)))
        return proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
    rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        proctor_course_doc_id(docs[i].path, docs[i].id);
        rc = read_doc(&docs[i], &files[i], err);
        for (size_t k = 0; k < i && rc == 0; k++) {
            if (strcmp(docs[k].id, docs[i].id) == 0)
                rc = proctor_error_set(err, PROCTOR_EUSAGE, docs[i].path, 0, 0,
                                       "'%s' and '%s' would both get the id '%s'; rename one",
                                       docs[k].path, docs[i].path, docs[i].id);
            else if (strcmp(docs[k].file, docs[i].file) == 0)
                rc = proctor_error_set(err, PROCTOR_EUSAGE, docs[i].path, 0, 0,
                                       "'%s' and '%s' have one file name; rename one",
                                       docs[k].path, docs[i].path);
        }
    }
    if (rc < 0)
        goto out;
    if ((rc = join(sources, dir, "sources", err)) < 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if ((rc = join(path, sources, docs[i].file, err)) < 0)
            goto out;
        if (exists(path)) {
            rc = proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0, "'%s' already exists", path);
            goto out;
        }
    }
    manifest = cJSON_CreateObject();
    if (!manifest || !cJSON_AddBoolToObject(manifest, "require_source",
                                            !(flags & PROCTOR_COURSE_LOOSE)) ||
        !(arr = cJSON_AddArrayToObject(manifest, "documents")))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        cJSON *e = doc_entry(&docs[i]);
        if (!e || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            goto oom;
        }
    }
    if (!(qfile = question_file(&docs[0], &files[0])))
        goto oom;
    if ((rc = proctor_mkdirs(sources, 0755, err)) < 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        join(path, sources, docs[i].file, err);
        rc = proctor_file_write(path, files[i].text, files[i].len, 0644,
                                PROCTOR_WRITE_NOREPLACE, err);
        if (rc < 0)
            goto out;
    }
    join(path, dir, "questions.json", err);
    if ((rc = write_json(path, qfile, PROCTOR_WRITE_NOREPLACE, err)) < 0)
        goto out;
    join(path, dir, "sources/manifest.json", err);
    rc = write_json(path, manifest, PROCTOR_WRITE_NOREPLACE, err);
    goto out;
oom:
    rc = proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
out:
    for (size_t i = 0; i < n; i++)
        docfile_release(&files[i]);
    free(files);
    cJSON_Delete(manifest);
    cJSON_Delete(qfile);
    return rc < 0 ? rc : 0;
}

int
proctor_course_add_doc(const char *dir, struct proctor_course_doc *doc, const char *id,
                       const char *title, struct proctor_error *err)
{
    char path[PATH_MAX], mpath[PATH_MAX], *text = NULL;
    size_t len;
    struct docfile f = {0};
    cJSON *root = NULL, *docs, *d, *e;
    int rc, taken = 0;

    if ((rc = join(mpath, dir, "sources/manifest.json", err)) < 0)
        return rc;
    if ((rc = proctor_file_read(mpath, PROCTOR_BANK_FILE_MAX_BYTES, &text, &len, err)) < 0)
        return rc;
    root = cJSON_ParseWithLength(text, len);
    free(text);
    docs = cJSON_GetObjectItemCaseSensitive(root, "documents");
    if (!cJSON_IsObject(root) || !cJSON_IsArray(docs)) {
        cJSON_Delete(root);
        return proctor_error_set(err, PROCTOR_EINVAL, mpath, 0, 0,
                                 "expected an object with an array 'documents' (run 'proctor "
                                 "lint' to see why it does not load)");
    }
    if (id) {
        if (!qload_valid_id(id)) {
            cJSON_Delete(root);
            return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                     "'%s' is not a kebab-case id ([a-z0-9]+(-[a-z0-9]+)*, at "
                                     "most %d bytes)",
                                     id, PROCTOR_QUESTION_ID_MAX);
        }
        snprintf(doc->id, sizeof doc->id, "%s", id);
    } else {
        proctor_course_doc_id(doc->path, doc->id);
    }
    if ((rc = read_doc(doc, &f, err)) < 0)
        goto out;
    if (title) {
        if (!*title || strlen(title) > PROCTOR_TITLE_MAX) {
            rc = proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                   "a title has 1 to %d bytes", PROCTOR_TITLE_MAX);
            goto out;
        }
        snprintf(doc->title, sizeof doc->title, "%s", title);
    }
    cJSON_ArrayForEach(d, docs) {
        const cJSON *did = cJSON_GetObjectItemCaseSensitive(d, "id");
        const cJSON *dfile = cJSON_GetObjectItemCaseSensitive(d, "file");
        if (cJSON_IsString(did) && strcmp(did->valuestring, doc->id) == 0) {
            rc = proctor_error_set(err, PROCTOR_EEXIST, mpath, 0, 0,
                                   "the bank has a document '%s' already; give another id with "
                                   "--id",
                                   doc->id);
            goto out;
        }
        if (cJSON_IsString(dfile) && strcmp(dfile->valuestring, doc->file) == 0)
            taken = 1;
    }
    if (taken) {
        /* another document has this file name: the copy is named after its id */
        const char *dot = strrchr(doc->file, '.');
        char ext[16];
        snprintf(ext, sizeof ext, "%s", dot && strlen(dot) < sizeof ext ? dot : ".txt");
        snprintf(doc->file, sizeof doc->file, "%s%s", doc->id, ext);
        cJSON_ArrayForEach(d, docs) {
            const cJSON *dfile = cJSON_GetObjectItemCaseSensitive(d, "file");
            if (cJSON_IsString(dfile) && strcmp(dfile->valuestring, doc->file) == 0) {
                rc = proctor_error_set(err, PROCTOR_EEXIST, mpath, 0, 0,
                                       "the bank has a document file '%s' already; rename the "
                                       "file",
                                       doc->file);
                goto out;
            }
        }
    }
    {
        char sources[PATH_MAX];
        if ((rc = join(sources, dir, "sources", err)) < 0 ||
            (rc = join(path, sources, doc->file, err)) < 0)
            goto out;
    }
    if (exists(path)) {
        rc = proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0, "'%s' already exists", path);
        goto out;
    }
    if (!(e = doc_entry(doc)) || !cJSON_AddItemToArray(docs, e)) {
        cJSON_Delete(e);
        rc = proctor_error_set(err, PROCTOR_ENOMEM, dir, 0, 0, "out of memory");
        goto out;
    }
    if ((rc = proctor_file_write(path, f.text, f.len, 0644, PROCTOR_WRITE_NOREPLACE, err)) < 0)
        goto out;
    rc = write_json(mpath, root, 0, err);
out:
    docfile_release(&f);
    cJSON_Delete(root);
    return rc < 0 ? rc : 0;
}
