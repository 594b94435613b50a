/* SPDX-License-Identifier: ISC */
/* test-json-strict.c - the strict JSON profile: an accept/reject table with positions. */
#include <stdlib.h>
#include <string.h>

#include "../../src/json-strict.h"
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
    {"column counts characters", "{\"\xc3\xa9\":1,\"\xc3\xa9\":2}", 0, 0, 1, 8},
};

int
main(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        size_t len = r->len ? r->len : strlen(r->text);
        struct proctor_error err;
        int rc;

        proctor_error_clear(&err);
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
    return harness_done();
}
