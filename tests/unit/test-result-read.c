/* SPDX-License-Identifier: ISC */
/*
 * test-result-read.c - verify's one-pass result reader (result_onepass, src/result.c) held to
 * the tree reader (proctor_result_parse_tree) as tests/fuzz/result-same.h states it: the same
 * verdict, the same fields, and through result_read the same refusal word for word. On every
 * file of the fuzz corpora read as a payload, on every result payload under tests/ (the
 * golden files, the fuzz corpora's envelopes and payloads), each of them cut and
 * changed byte by byte, and each rebuilt with its fields moved, spaced, escaped, doubled or
 * given other values and with journal entries of every form.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "proctor/fileio.h"
#include "proctor/result.h"
#include "proctor/sign.h"

#include "../fuzz/result-same.h"
#include "harness.h"

static size_t compared, accepted, differed, corpus_files;

static void
compare(const char *what, const char *payload, size_t len)
{
    int ok;
    const char *why = result_readers_differ(payload, len, &ok);

    compared++;
    accepted += ok;
    if (why && differed++ < 10)
        printf("#   %s: %s: %.*s\n", what, why, (int)(len < 300 ? len : 300), payload);
}

/* Each payload found, by value (the test's own copies). */
static char *found[64];
static size_t nfound;

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    struct proctor_envelope env;
    struct proctor_error err;
    char *text = NULL;
    size_t len = 0;

    (void)ftw;
    if (flag != FTW_F || st->st_size > (1 << 20) ||
        proctor_file_read(path, 1 << 20, &text, &len, &err) < 0)
        return 0;
    /* every file of every fuzz corpus, whatever it holds, read as a payload too */
    if (strstr(path, "/tests/fuzz/corpus/")) {
        corpus_files++;
        compare(path, text, len);
    }
    if (nfound == sizeof found / sizeof found[0]) {
        free(text);
        return 0;
    }
    if (len > 26 && memcmp(text, "{\"format\":\"proctor-result\"", 26) == 0) {
        found[nfound++] = text; /* a payload alone */
        return 0;
    }
    if (memmem(text, len, PROCTOR_RESULT_TYPE, strlen(PROCTOR_RESULT_TYPE)) &&
        proctor_dsse_parse(text, len, path, &env, &err) == 0) {
        if (strcmp(env.payload_type, PROCTOR_RESULT_TYPE) == 0 &&
            (found[nfound] = malloc(env.payload_len + 1))) {
            memcpy(found[nfound], env.payload, env.payload_len);
            found[nfound++][env.payload_len] = '\0';
        }
        proctor_envelope_release(&env);
    }
    free(text);
    return 0;
}

/* Every byte deleted, and replaced by a few that change its meaning; cut at every tenth. */
static void
bytewise(const char *p)
{
    static const char with[] = "\"}1x,\\";
    size_t n = strlen(p);
    char *m = malloc(n + 1);

    if (!m)
        return;
    for (size_t i = 0; i < n; i++) {
        memcpy(m, p, i);
        memcpy(m + i, p + i + 1, n - i - 1);
        compare("a byte deleted", m, n - 1);
        memcpy(m, p, n);
        for (const char *w = with; *w; w++) {
            if (p[i] == *w)
                continue;
            m[i] = *w;
            compare("a byte changed", m, n);
        }
        m[i] = p[i];
        if (i % 10 == 0)
            compare("cut short", p, i);
    }
    free(m);
}

static void
compare_tree(const char *what, cJSON *root, int formatted)
{
    char *text = formatted ? cJSON_Print(root) : cJSON_PrintUnformatted(root);

    if (text)
        compare(what, text, strlen(text));
    free(text);
}

/* The first occurrence of from in p replaced by to. */
static void
compare_replaced(const char *what, const char *p, const char *from, const char *to)
{
    const char *at = strstr(p, from);
    size_t n = strlen(p), a = strlen(from), b = strlen(to);
    char *m;

    if (!at || !(m = malloc(n - a + b + 1)))
        return;
    memcpy(m, p, (size_t)(at - p));
    memcpy(m + (at - p), to, b);
    memcpy(m + (at - p) + b, at + a, n - (size_t)(at - p) - a + 1);
    compare(what, m, strlen(m));
    free(m);
}

static const char *const values[] = {
    "0", "1", "-1", "2", "1000001", "9007199254740991", "\"\"", "\"x\"", "\"proctor-result\"",
    "\"practice\"", "\"assignment\"", "\"0123456789abcdef\"", "\"0123456789ABCDEF\"",
    "\"2024-05-01T10:00:00Z\"", "\"2024-13-01T10:00:00Z\"", "\"caf\\u00e9\"", "\"a\\tb\"",
    "true", "false", "null", "[]", "{}", "[\"q1\"]", "[\"q1\",\"q1\"]", "[1]",
    "{\"q1\":\"o1\"}", "{\"earned\":0,\"max\":0}", "{\"earned\":1,\"max\":0}",
    "{\"earned\":0}", "{\"earned\":0,\"max\":0,\"x\":1}",
    "{\"kind\":\"practice\",\"sha256\":\"" /* 64 hex */
    "0000000000000000000000000000000000000000000000000000000000000000\"}",
    "{\"kind\":\"assignment\",\"id\":\"a1\",\"sha256\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\"}",
    "{\"kind\":\"assignment\",\"sha256\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\"}",
    "{\"kind\":\"practice\",\"id\":\"a1\",\"sha256\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\"}",
    "{\"kind\":\"assignment\",\"id\":\"bad id\",\"sha256\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\"}",
    "{\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\","
    "\"id\":\"a1\",\"kind\":\"assignment\"}",
    "{\"kind\":\"practice\",\"sha256\":\"00\"}",
    "{\"kind\":\"practice\",\"sha256\":\"" /* 64 hex, one upper case */
    "000000000000000000000000000000000000000000000000000000000000000A\"}",
    "{\"kind\":\"practice\",\"sha256\":\"0000\",\"other\":1}",
};

/* A journal entry for the response to id, in each form; steps from base. */
static const char *const entries[] = {
    "{\"response\":%d,\"feedback_seen\":true,\"feedback\":%d}",
    "{\"response\":%d,\"feedback_seen\":false}",
    "{\"feedback\":%2$d,\"feedback_seen\":true,\"response\":%1$d}",
    "{\"response\":%d,\"feedback_seen\":false,\"feedback\":%d}",
    "{\"response\":%d,\"feedback_seen\":true}",
    "{\"response\":0,\"feedback_seen\":false}",
    "{\"response\":%d,\"feedback_seen\":true,\"feedback\":0}",
    "{\"response\":%d,\"feedback_seen\":1}",
    "{\"response\":\"%d\",\"feedback_seen\":false}",
    "{\"response\":%d,\"feedback_seen\":false,\"extra\":1}",
    "{\"feedback_seen\":false}",
    "[]",
};

static void
journals(const char *p)
{
    cJSON *root = cJSON_Parse(p), *rs, *r;
    int k = 0;

    rs = cJSON_GetObjectItemCaseSensitive(root, "responses");
    if (!rs || !rs->child) {
        cJSON_Delete(root);
        return;
    }
    /* one entry of each form for the first response, then for each of the first few, then
     * two whose steps meet */
    for (size_t e = 0; e < sizeof entries / sizeof entries[0]; e++) {
        char buf[200];
        snprintf(buf, sizeof buf, entries[e], 1, 2);
        cJSON_DeleteItemFromObjectCaseSensitive(root, "journal");
        cJSON_AddItemToObject(root, "journal", cJSON_CreateObject());
        cJSON_AddItemToObject(cJSON_GetObjectItemCaseSensitive(root, "journal"),
                              rs->child->string, cJSON_Parse(buf));
        compare_tree("a journal entry", root, 0);
    }
    for (int meet = 0; meet < 2; meet++) {
        cJSON *j = cJSON_CreateObject();
        k = 0;
        cJSON_ArrayForEach(r, rs) {
            char buf[200];
            int s = meet && k == 2 ? 3 : 2 * k + 1; /* the third's response meets a feedback */
            snprintf(buf, sizeof buf, entries[k % 2], s, s + 1);
            cJSON_AddItemToObject(j, r->string, cJSON_Parse(buf));
            if (++k == 4)
                break;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(root, "journal");
        cJSON_AddItemToObject(root, "journal", j);
        compare_tree(meet ? "journal steps that meet" : "journal entries", root, 0);
        compare_tree("journal entries, spaced", root, 1);
        /* the journal before the responses (read once they are) */
        {
            cJSON *moved = cJSON_CreateObject(), *x;
            cJSON_AddItemToObject(moved, "journal", cJSON_Duplicate(j, 1));
            cJSON_ArrayForEach(x, root)
                if (strcmp(x->string, "journal") != 0)
                    cJSON_AddItemToObject(moved, x->string, cJSON_Duplicate(x, 1));
            compare_tree("the journal first", moved, 0);
            cJSON_Delete(moved);
        }
    }
    /* an entry for a question without a response, and a second entry by escape */
    {
        char *text = cJSON_PrintUnformatted(root);
        if (text) {
            compare_replaced("an entry for another question", text, "\"journal\":{\"",
                             "\"journal\":{\"nope\":{\"response\":9,\"feedback_seen\":false},\"");
            free(text);
        }
    }
    cJSON_Delete(root);
}

static void
structural(const char *p)
{
    cJSON *root = cJSON_Parse(p), *m;
    int n = cJSON_GetArraySize(root);

    if (!root)
        return;
    compare_tree("spaced", root, 1);
    /* every rotation of the members: fields before what they need */
    for (int k = 1; k < n; k++) {
        cJSON *first = cJSON_DetachItemViaPointer(root, root->child);
        cJSON_AddItemToObject(root, first->string, first);
        compare_tree("members rotated", root, 0);
    }
    cJSON_Delete(root);
    root = cJSON_Parse(p);
    /* every member given each other value, and dropped */
    for (int i = 0; i < n; i++) {
        cJSON *copy = cJSON_Parse(p), *at = cJSON_GetArrayItem(copy, i);
        char *name = strdup(at->string);
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            cJSON_ReplaceItemInObjectCaseSensitive(copy, name, cJSON_Parse(values[v]));
            compare_tree("a field's value changed", copy, 0);
        }
        cJSON_DeleteItemFromObjectCaseSensitive(copy, name);
        compare_tree("a field dropped", copy, 0);
        cJSON_AddItemToObject(copy, "unknown", cJSON_CreateNumber(1));
        compare_tree("an unknown field", copy, 0);
        free(name);
        cJSON_Delete(copy);
    }
    /* the first response given values of every kind (what the response reader sees of it) */
    m = cJSON_GetObjectItemCaseSensitive(root, "responses");
    if (m && m->child) {
        /* (the last six: at the depth limit of 16 and one past it) */
        static const char *const answers[] = {
            "\"x\"", "\"\"", "\"caf\\u00e9 \\ud83d\\ude00\"", "1", "-2", "true", "false",
            "null", "[]", "{}", "[\"a\"]", "[\"a\",1]", "[\"a\",\"a\"]", "[[\"a\"]]",
            "[{\"a\":1}]", "{\"a\":\"b\"}", "{\"a\":\"b\",\"c\":1}", "{\"a\":{\"b\":\"c\"}}",
            "{\"a\":[\"b\"]}", "{\"a\\u0062\":\"c\",\"d\":\"e\"}",
            "{\"ab\":\"c\",\"ab\":\"d\"}",
            "{\"k0\":\"a\",\"k1\":\"a\",\"k2\":\"a\",\"k3\":\"a\",\"k4\":\"a\",\"k5\":\"a\",\"k6\":\"a\",\"k7\":\"a\",\"k8\":\"a\",\"k9\":\"a\",\"k10\":\"a\",\"k11\":\"a\",\"k12\":\"a\",\"k13\":\"a\",\"k14\":\"a\",\"k15\":\"a\",\"k16\":\"a\"}",
            "{\"k0\":\"a\",\"k1\":\"a\",\"k2\":\"a\",\"k3\":\"a\",\"k4\":\"a\",\"k5\":\"a\",\"k6\":\"a\",\"k7\":\"a\",\"k8\":\"a\",\"k9\":\"a\",\"k10\":\"a\",\"k11\":\"a\",\"k12\":\"a\",\"k13\":\"a\",\"k14\":\"a\",\"k15\":\"a\",\"k3\":\"b\"}",
            "[[[[[[[[[[[[[1]]]]]]]]]]]]]", "[[[[[[[[[[[[[[1]]]]]]]]]]]]]]",
            "{\"a\":[[[[[[[[[[[[1]]]]]]]]]]]]}", "{\"a\":[[[[[[[[[[[[[1]]]]]]]]]]]]]}",
            "[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]", "{\"a\":[[[[[[[[[[[[[[1]]]]]]]]]]]]]]}"};
        char *name = strdup(m->child->string);
        for (size_t v = 0; name && v < sizeof answers / sizeof answers[0]; v++) {
            cJSON *x = cJSON_Parse(answers[v]);
            if (!x)
                continue;
            cJSON_ReplaceItemInObjectCaseSensitive(m, name, x);
            compare_tree("a response's value", root, 0);
            compare_tree("a response's value, spaced", root, 1);
        }
        free(name);
    }
    cJSON_Delete(root);
    root = cJSON_Parse(p);
    /* a response to a question not taken, a question twice, a response's key escaped */
    m = cJSON_GetObjectItemCaseSensitive(root, "responses");
    if (m) {
        cJSON_AddItemToObject(m, "not-a-question", cJSON_CreateString("x"));
        compare_tree("a response to no question", root, 0);
        cJSON_DeleteItemFromObjectCaseSensitive(m, "not-a-question");
    }
    m = cJSON_GetObjectItemCaseSensitive(root, "questions");
    if (m && m->child) {
        cJSON_AddItemToArray(m, cJSON_CreateString(m->child->valuestring));
        compare_tree("a question twice", root, 0);
    }
    cJSON_Delete(root);
    compare_replaced("a field's name escaped", p, "\"format\"", "\"form\\u0061t\"");
    compare_replaced("the responses' name escaped", p, "\"responses\"", "\"respons\\u0065s\"");
    compare_replaced("a response's key escaped", p, "\"responses\":{\"", "\"responses\":{\"\\u0071");
    compare_replaced("a field twice", p, "{\"format\"", "{\"score\":{\"earned\":0,\"max\":0},\"format\"");
    compare_replaced("a field twice by escape", p, "{\"format\"",
                     "{\"sc\\u006fre\":{\"earned\":0,\"max\":0},\"format\"");
    compare_replaced("a response twice", p, "\"responses\":{", "\"responses\":{\"q1\":\"o1\",");
    compare_replaced("a response's keys the same by escape", p, "\"responses\":{\"",
                     "\"responses\":{\"x\":{\"ab\":\"c\",\"a\\u0062\":\"d\"},\"");
    compare_replaced("a response's 17 keys, two the same by escape", p, "\"responses\":{\"",
                     "\"responses\":{\"x\":{\"k0\":1,\"k1\":1,\"k2\":1,\"k3\":1,\"k4\":1,"
                     "\"k5\":1,\"k6\":1,\"k7\":1,\"k8\":1,\"k9\":1,\"k10\":1,\"k11\":1,"
                     "\"k12\":1,\"k13\":1,\"k14\":1,\"k15\":1,\"k\\u0031\":1},\"");
    compare_replaced("a value too deep", p, "\"responses\":{\"",
                     "\"responses\":{\"x\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]],\"");
    compare_replaced("a BOM", p, "{", "\xEF\xBB\xBF{");
    compare_replaced("trailing data", p, "}}", "}} x");
    compare_replaced("trailing space", p, "}}", "}} \n");
}

int
main(void)
{
    size_t proctor_files;

    nftw(SRCDIR "/tests", visit, 16, FTW_PHYS);
    CHECK(corpus_files > 50 && differed == 0,
          "the readers agree on every fuzz corpus file read as a payload (%zu files)",
          corpus_files);
    CHECK(nfound >= 8, "result payloads found under tests/ (%zu)", nfound);
    accepted = 0;
    for (size_t i = 0; i < nfound; i++)
        compare("a payload under tests/", found[i], strlen(found[i]));
    proctor_files = accepted;
    CHECK(proctor_files == nfound && differed == 0,
          "both readers accept every payload under tests/ alike (%zu of %zu)", proctor_files,
          nfound);
    for (size_t i = 0; i < nfound; i++)
        structural(found[i]);
    for (size_t i = 0; i < nfound; i++)
        journals(found[i]);
    CHECK(differed == 0 && accepted > proctor_files + 100,
          "the readers agree on every field's change, move and form (%zu payloads, %zu "
          "accepted, %zu differ)",
          compared, accepted, differed);
    for (size_t i = 0; i < nfound && i < 4; i++)
        bytewise(found[i]);
    CHECK(differed == 0, "and byte by byte on four of them (%zu payloads in all, %zu differ)",
          compared, differed);
    for (size_t i = 0; i < nfound; i++)
        free(found[i]);
    return harness_done();
}
