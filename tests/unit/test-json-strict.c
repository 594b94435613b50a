/* SPDX-License-Identifier: ISC */
/*
 * test-json-strict.c - the strict JSON profile: an accept/reject table with positions, and
 * the one-pass reader (proctor_json_parse_strict, inside a json arena scope and outside one)
 * held to the two-pass one (the check, then cJSON's parse: json_strict_parse_twice) on every
 * row, on every file of the fuzz corpora and on the payloads those files carry: the same
 * refusal (code, line, column, message) or the same tree (types, names, strings, numbers,
 * order, links).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "proctor/fileio.h"

#include "../../src/json-arena.h"
#include "../../src/json-strict.h"
#include "../../src/json-write.h"
#include "../../src/sbuf.h"
#include "../fuzz/json-same.h"
#include "harness.h"

struct row {
    const char *name;
    const char *text;
    size_t len;        /* 0: strlen(text) */
    int ok;
    long line, column; /* where the error is reported (0: don't check) */
};

static const struct row rows[] = {
    {"object", "{\"a\":1,\"b\":[true,false,null,\"x\"]}", 0, 1, 0, 0},
    {"whitespace", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n", 0, 1, 0, 0},
    {"empty containers", "{\"a\":{},\"b\":[]}", 0, 1, 0, 0},
    {"bare scalar", "42", 0, 1, 0, 0},
    {"negative", "-17", 0, 1, 0, 0},
    {"zero", "0", 0, 1, 0, 0},
    {"max safe int", "9007199254740991", 0, 1, 0, 0},
    {"min safe int", "-9007199254740991", 0, 1, 0, 0},
    {"escapes", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"", 0, 1, 0, 0},
    {"utf-8", "\"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80\"", 0, 1, 0, 0},
    {"same key in sibling objects", "[{\"a\":1},{\"a\":2}]", 0, 1, 0, 0},
    {"same key at two depths", "{\"a\":{\"a\":1}}", 0, 1, 0, 0},
    {"18 distinct keys", "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18}", 0, 1, 0, 0},
    {"depth 16", "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]", 0, 1, 0, 0},

    {"empty input", "", 0, 0, 1, 1},
    {"only whitespace", "  ", 0, 0, 1, 3},
    {"duplicate key", "{\"score\":1000,\"score\":0}", 0, 0, 1, 15},
    {"duplicate key nested", "{\"a\":{\"b\":1,\n\"c\":2,\"b\":3}}", 0, 0, 2, 7},
    {"duplicate key in array", "[1,{\"x\":1,\"x\":1}]", 0, 0, 1, 11},
    {"duplicate among 19 keys (sorted path)", "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k3\":0}", 0, 0, 1, 144},
    {"duplicate key via escape", "{\"ab\":1,\"a\\u0062\":2}", 0, 0, 1, 9},
    {"fraction", "1.5", 0, 0, 1, 1},
    {"exponent", "1e3", 0, 0, 1, 1},
    {"capital exponent", "{\"a\":1E3}", 0, 0, 1, 6},
    {"minus zero", "-0", 0, 0, 1, 1},
    {"leading zero", "012", 0, 0, 1, 1},
    {"plus sign", "+1", 0, 0, 1, 1},
    {"20 distinct keys of 12 bytes, alike in their first 8", "{\"question-000\":0,\"question-001\":1,\"question-002\":2,\"question-003\":3,\"question-004\":4,\"question-005\":5,\"question-006\":6,\"question-007\":7,\"question-008\":8,\"question-009\":9,\"question-010\":10,\"question-011\":11,\"question-012\":12,\"question-013\":13,\"question-014\":14,\"question-015\":15,\"question-016\":16,\"question-017\":17,\"question-018\":18,\"question-019\":19}", 0, 1, 0, 0},
    {"a duplicate among 21 keys of 12 bytes (hashed a word at a time)", "{\"question-000\":0,\"question-001\":1,\"question-002\":2,\"question-003\":3,\"question-004\":4,\"question-005\":5,\"question-006\":6,\"question-007\":7,\"question-008\":8,\"question-009\":9,\"question-010\":10,\"question-011\":11,\"question-012\":12,\"question-013\":13,\"question-014\":14,\"question-015\":15,\"question-016\":16,\"question-017\":17,\"question-018\":18,\"question-019\":19,\"question-013\":0}", 0, 0, 1, 352},
    {"too large", "9007199254740992", 0, 0, 1, 1},
    {"far too large", "123456789012345678901234567890", 0, 0, 1, 1},
    {"lone minus", "-", 0, 0, 1, 1},
    {"NaN", "NaN", 0, 0, 1, 1},
    {"invalid utf-8 byte", "\"a\xff\"", 0, 0, 1, 3},
    {"truncated utf-8", "\"a\xc3\"", 0, 0, 1, 3},
    {"overlong slash", "\"\xc0\xaf\"", 0, 0, 1, 2},
    {"overlong 3-byte", "\"\xe0\x80\xaf\"", 0, 0, 1, 2},
    {"overlong 4-byte", "\"\xf0\x80\x80\xaf\"", 0, 0, 1, 2},
    {"surrogate in utf-8", "\"\xed\xa0\x80\"", 0, 0, 1, 2},
    {"past U+10FFFF", "\"\xf4\x90\x80\x80\"", 0, 0, 1, 2},
    {"lone high surrogate escape", "\"\\ud800\"", 0, 0, 1, 2},
    {"lone low surrogate escape", "\"\\udc00x\"", 0, 0, 1, 2},
    {"\\u0000", "\"a\\u0000b\"", 0, 0, 1, 3},
    {"bad escape", "\"\\x41\"", 0, 0, 1, 2},
    {"control character", "\"a\tb\"", 0, 0, 1, 3},
    {"depth 17", "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", 0, 0, 1, 17},
    {"trailing garbage", "{\"a\":1}x", 0, 0, 1, 8},
    {"two values", "{} {}", 0, 0, 1, 4},
    {"trailing comma", "[1,2,]", 0, 0, 1, 6},
    {"BOM", "\xef\xbb\xbf{}", 0, 0, 1, 1},
    {"NUL byte", "{\"a\":1}\0", 8, 0, 1, 8},
    {"unterminated string", "\"abc", 0, 0, 1, 1},
    {"unterminated object", "{\"a\":1", 0, 0, 1, 7},
    {"single quotes", "{'a':1}", 0, 0, 1, 2},
    {"comment", "{}//x", 0, 0, 1, 3},
    {"True", "True", 0, 0, 1, 1},
    {"truex", "[truex]", 0, 0, 1, 6},
    {"non-string key", "{1:2}", 0, 0, 1, 2},
    {"23 keys, two given twice: the smallest named, at its second place",
     "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18,\"k19\":19,\"k7\":20,\"k3\":21,\"k3\":22}",
     0, 0, 1, 170},
    {"column counts characters", "{\"\xc3\xa9\":1,\"\xc3\xa9\":2}", 0, 0, 1, 8},
};

#ifndef SRCDIR
#define SRCDIR "."
#endif

static size_t compared, differed;

/* Both readers on text: the same refusal or the same tree. */
static void
differential(const char *what, const char *text, size_t len)
{
    struct proctor_error e1, e2;
    cJSON *one, *two;
    int same;

    proctor_error_clear(&e1);
    proctor_error_clear(&e2);
    one = proctor_json_parse_strict(text, len, "t", &e1);
    two = json_strict_parse_twice(text, len, "t", &e2);
    if (one && two)
        same = json_same_tree(one, two);
    else
        same = !one && !two && e1.code == e2.code && e1.line == e2.line &&
               e1.column == e2.column && strcmp(e1.msg, e2.msg) == 0;
    /* built in a json arena scope, as verify builds it (a string and its node one piece) */
    if (json_arena_begin() == 0) {
        struct proctor_error e3;
        cJSON *three;
        proctor_error_clear(&e3);
        three = proctor_json_parse_strict(text, len, "t", &e3);
        if (three && two)
            same = same && json_same_tree(three, two);
        else
            same = same && !three && !two && e3.code == e1.code && e3.line == e1.line &&
                   e3.column == e1.column && strcmp(e3.msg, e1.msg) == 0;
        cJSON_Delete(three); /* frees nothing in the scope */
        json_arena_end();
    }
    compared++;
    if (!same) {
        differed++;
        printf("#   the readers differ on %s: %s / %s\n", what, one ? "tree" : e1.msg,
               two ? "tree" : e2.msg);
    }
    /* a payload the file carries (a DSSE envelope's), decoded, is compared too */
    if (one && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(one, "payload"))) {
        const char *b64 = cJSON_GetObjectItemCaseSensitive(one, "payload")->valuestring;
        size_t n = strlen(b64), plen = 0;
        unsigned char *payload = malloc(n + 1);
        char name[600];
        if (payload && sodium_base642bin(payload, n + 1, b64, n, NULL, &plen, NULL,
                                         sodium_base64_VARIANT_ORIGINAL) == 0) {
            snprintf(name, sizeof name, "the payload of %s", what);
            differential(name, (const char *)payload, plen);
        }
        free(payload);
    }
    cJSON_Delete(one);
    cJSON_Delete(two);
}

/* Every file of every fuzz corpus, whole and cut short at a few places. */
static void
differential_corpus(void)
{
    const char *top = SRCDIR "/tests/fuzz/corpus";
    DIR *d = opendir(top), *sub;
    struct dirent *e, *f;
    size_t files = 0;

    CHECK(d != NULL, "the fuzz corpora are there (%s)", top);
    while (d && (e = readdir(d))) {
        char dir[512];
        if (e->d_name[0] == '.')
            continue;
        snprintf(dir, sizeof dir, "%s/%s", top, e->d_name);
        if (!(sub = opendir(dir)))
            continue;
        while ((f = readdir(sub))) {
            char path[800];
            char *text = NULL;
            size_t len = 0;
            struct proctor_error err;
            if (f->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, f->d_name);
            if (proctor_file_read(path, 1 << 22, &text, &len, &err) < 0)
                continue;
            files++;
            differential(path, text, len);
            for (size_t cut = 1; cut < 4 && len > 8; cut++)
                differential(path, text, len * cut / 4);
            free(text);
        }
        closedir(sub);
    }
    if (d)
        closedir(d);
    CHECK(files > 50 && differed == 0,
          "the one-pass and the two-pass readers agree on %zu fuzz corpus files (%zu documents, "
          "%zu differ)",
          files, compared, differed);
}

/* json_plain_run (16 or 8 bytes at a time) against a byte at a time: every byte value at
 * every place of runs of 0..40 bytes, started at each offset of a word, with or without a
 * second stop byte after it. */
static void
test_plain_run(void)
{
    unsigned char buf[64];
    size_t bad = 0, tried = 0;

    for (unsigned b = 0; b < 256; b++)
        for (size_t n = 0; n <= 40; n++)
            for (size_t at = 0; at <= n; at++)
                for (size_t from = 0; from < 8 && from <= n; from++) {
                    size_t want = from;
                    memset(buf, 'a', sizeof buf);
                    if (at < n)
                        buf[at] = (unsigned char)b;
                    if (at + 5 < n)
                        buf[at + 5] = '"';
                    while (want < n && buf[want] >= 0x20 && buf[want] < 0x80 &&
                           buf[want] != '"' && buf[want] != '\\')
                        want++;
                    bad += json_plain_run(buf, from, n) != want;
                    tried++;
                }
    CHECK(bad == 0, "json_plain_run stops where a byte-at-a-time scan does (%zu cases, %zu "
                    "differ)", tried, bad);
}

/*
 * Strings of every length from 0 to 40, as a member's name, its value and an array's item,
 * with one byte of every value (or an escape) at every place, and the document ending 0 to
 * 20 bytes after the string: a short string is read in one 16-byte block when 17 bytes are
 * left (string_span, string_copy), any other way byte by byte. Held to what the profile says
 * by hand (a control byte or a bad UTF-8 byte refused, an escape decoded, anything else kept
 * as it is), not to the reader itself, and read in an arena scope and out of one.
 */
static void
test_short_strings(void)
{
    size_t tried = 0, bad = 0;

    for (int arena = 0; arena < 2; arena++)
        for (size_t n = 0; n <= 40; n++)
            for (size_t at = 0; at <= n; at++)
                for (unsigned b = 0; b < 258; b += (at < n ? 1 : 258))
                    for (size_t tail = 0; tail <= 20; tail += (tail < 4 ? 1 : 8)) {
                        char body[48], want[48], doc[200];
                        size_t wl = 0, len;
                        int ok = 1, shape = (int)((n + at + b) % 3);
                        struct proctor_error e;
                        cJSON *root, *got;
                        memset(body, 'k', n);
                        body[n] = '\0';
                        if (at < n && b < 256) {
                            body[at] = (char)b;
                            if (b == 0 || b < 0x20 || b >= 0x80)
                                ok = 0; /* a control byte, or UTF-8 cut to one byte */
                            else if (b == '"')
                                ok = 0; /* the string ends early: what follows is no JSON */
                            else if (b == '\\')
                                ok = 0; /* an escape of 'k' */
                        } else if (at < n && b == 256 && at + 1 < n) {
                            body[at] = '\\', body[at + 1] = 'n'; /* an escape */
                        } else if (at < n && b == 257 && at + 1 < n) {
                            body[at] = (char)0xC3, body[at + 1] = (char)0xA9; /* é */
                        }
                        for (size_t i = 0; i < n; i++) {
                            if (body[i] == '\\' && body[i + 1] == 'n')
                                want[wl++] = '\n', i++;
                            else
                                want[wl++] = body[i];
                        }
                        want[wl] = '\0';
                        if (b == 0 && at < n)
                            continue; /* a NUL ends the C string: the NUL rows cover it */
                        len = (size_t)snprintf(doc, sizeof doc,
                                               shape == 0   ? "{\"%s\":1}"
                                               : shape == 1 ? "{\"k\":\"%s\"}"
                                                            : "[\"%s\"]",
                                               body);
                        memset(doc + len, ' ', tail);
                        len += tail;
                        if (arena && json_arena_begin() < 0)
                            continue;
                        proctor_error_clear(&e);
                        root = proctor_json_parse_strict(doc, len, "t", &e);
                        got = !root ? NULL : shape == 2 ? root->child : root->child;
                        if (ok)
                            bad += !got || strcmp(shape == 0 ? got->string : got->valuestring,
                                                  want) != 0;
                        else
                            bad += root != NULL;
                        bad += (proctor_json_strict_check(doc, len, PROCTOR_JSON_MAX_DEPTH, "t",
                                                          &e) == 0) != ok;
                        cJSON_Delete(root);
                        if (arena)
                            json_arena_end();
                        tried++;
                    }
    CHECK(bad == 0, "short strings near the end read as the profile says (%zu cases, %zu "
                    "differ)", tried, bad);
}

/* json_write_string's escaping as it was first written, byte by byte: the form proctor's
 * files have always had (DEL and \b, \f as \u00xx), which the shared escaper must keep. */
static void
ref_write_string(struct sbuf *b, const char *s)
{
    sbuf_char(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        switch (*p) {
        case '"': sbuf_str(b, "\\\""); break;
        case '\\': sbuf_str(b, "\\\\"); break;
        case '\n': sbuf_str(b, "\\n"); break;
        case '\t': sbuf_str(b, "\\t"); break;
        case '\r': sbuf_str(b, "\\r"); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                snprintf(esc, sizeof esc, "\\u%04x", *p);
                sbuf_str(b, esc);
            } else {
                sbuf_char(b, (char)*p);
            }
        }
    }
    sbuf_char(b, '"');
}

/* json_write_string against that form, and json_write_cjson_string against cJSON's own
 * printer, on every byte value alone, doubled and between letters, and on every pair. */
static void
test_write_string(void)
{
    size_t wrong = 0, wrong_cjson = 0, n = 0;

    for (int c = 1; c < 256; c++) {
        for (int d = 0; d < 256; d++) {
            char text[8];
            struct sbuf got = {0}, want = {0}, cj = {0};
            cJSON *str;
            char *printed, *g, *w, *j;
            if (d == 0)
                snprintf(text, sizeof text, "a%cb", c);
            else
                snprintf(text, sizeof text, "%c%c", c, d);
            json_write_string(&got, text);
            ref_write_string(&want, text);
            json_write_cjson_string(&cj, text);
            g = sbuf_finish(&got);
            w = sbuf_finish(&want);
            j = sbuf_finish(&cj);
            str = cJSON_CreateString(text);
            printed = str ? cJSON_PrintUnformatted(str) : NULL;
            wrong += !g || !w || strcmp(g, w) != 0;
            wrong_cjson += !j || !printed || strcmp(j, printed) != 0;
            n++;
            free(g);
            free(w);
            free(j);
            free(printed);
            cJSON_Delete(str);
        }
    }
    CHECK(wrong == 0, "json_write_string escapes %zu texts as it always has (%zu differ)", n,
          wrong);
    CHECK(wrong_cjson == 0, "json_write_cjson_string prints %zu texts as cJSON does (%zu differ)",
          n, wrong_cjson);
}

int
main(void)
{
    test_plain_run();
    test_short_strings();
    test_write_string();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        size_t len = r->len ? r->len : strlen(r->text);
        struct proctor_error err;
        int rc;

        proctor_error_clear(&err);
        differential(r->name, r->text, len);
        rc = proctor_json_strict_check(r->text, len, PROCTOR_JSON_MAX_DEPTH, "t.json", &err);
        if (r->ok) {
            CHECK(rc == 0, "accepts %s", r->name);
            if (rc != 0)
                printf("#   %ld:%ld: %s\n", err.line, err.column, err.msg);
        } else {
            CHECK(rc == PROCTOR_EINVAL, "refuses %s", r->name);
            if (r->line) {
                CHECK(err.line == r->line && err.column == r->column,
                      "%s reported at %ld:%ld", r->name, r->line, r->column);
                if (err.line != r->line || err.column != r->column)
                    printf("#   got %ld:%ld: %s\n", err.line, err.column, err.msg);
            }
        }
    }

    CHECK(differed == 0, "the one-pass and the two-pass readers agree on every row (%zu)",
          compared);

    /* what is accepted parses with cJSON to the same values */
    {
        static const char doc[] = "{\"n\":-9007199254740991,\"s\":\"\\u00e9\",\"k\":\"\\ud83d\\ude00\"}";
        struct proctor_error err;
        cJSON *root = proctor_json_parse_strict(doc, strlen(doc), "t", &err);
        int64_t n = 0;
        CHECK(root != NULL, "parse_strict parses");
        CHECK(proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(root, "n"), &n) &&
                  n == -9007199254740991LL,
              "integers survive exactly");
        CHECK_STR(cJSON_GetObjectItemCaseSensitive(root, "s")->valuestring, "\xc3\xa9",
                  "escape decoded as UTF-8");
        CHECK_STR(cJSON_GetObjectItemCaseSensitive(root, "k")->valuestring, "\xf0\x9f\x98\x80",
                  "surrogate pair decoded");
        cJSON_Delete(root);
        CHECK(proctor_json_parse_strict("{\"a\":1,\"a\":2}", 13, "t", &err) == NULL &&
                  err.code == PROCTOR_EINVAL && strstr(err.msg, "duplicate"),
              "parse_strict refuses duplicates");
    }

    /* a deep document is refused without deep recursion */
    {
        size_t n = 100000;
        char *deep = malloc(n);
        struct proctor_error err;
        memset(deep, '[', n);
        CHECK(proctor_json_strict_check(deep, n, PROCTOR_JSON_MAX_DEPTH, "t", &err) ==
                  PROCTOR_EINVAL,
              "100000 nested arrays refused");
        free(deep);
    }

    /* an object with many keys is checked quickly */
    {
        size_t n = 20000, cap = n * 16 + 16, o = 0;
        char *big = malloc(cap);
        struct proctor_error err;
        big[o++] = '{';
        for (size_t i = 0; i < n; i++)
            o += (size_t)snprintf(big + o, cap - o, "%s\"k%zu\":%zu", i ? "," : "", i, i);
        big[o++] = '}';
        CHECK(proctor_json_strict_check(big, o, PROCTOR_JSON_MAX_DEPTH, "t", &err) == 0,
              "20000 distinct keys accepted");
        memcpy(big + o - 1, ",\"k7\":1}", 8);
        CHECK(proctor_json_strict_check(big, o + 7, PROCTOR_JSON_MAX_DEPTH, "t", &err) ==
                  PROCTOR_EINVAL,
              "a duplicate among 20000 keys found");
        free(big);
    }
    differential_corpus();
    return harness_done();
}
