/* SPDX-License-Identifier: ISC */
/*
 * fuzz-json-strict.c - libFuzzer harness for the strict JSON reader (src/json-strict.c) that
 * every piece of outside data goes through: the one-pass reader (proctor_json_parse_strict,
 * the check and the tree together) must refuse exactly what the two-pass one
 * (json_strict_parse_twice: proctor_json_strict_check, then cJSON's own parse) refuses, with
 * the same code, line, column and message, and accept the rest as the same tree
 * (json-same.h); built inside a json arena scope (as verify builds it, strings and their
 * nodes in one piece) it must be the same tree again. proctor_json_strict_check alone must
 * agree on accept or refuse. Seeds: result
 * payloads and envelopes, a bank file, a session. Built and run by `make fuzz`.
 */
#include "fuzz-util.h"

#include "../../src/json-arena.h"
#include "../../src/json-strict.h"
#include "json-same.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct proctor_error e1, e2, e3;
    const char *text = (const char *)data;
    cJSON *one, *two;
    int checked;

    proctor_error_clear(&e1);
    proctor_error_clear(&e2);
    proctor_error_clear(&e3);
    one = proctor_json_parse_strict(text, size, "fuzz", &e1);
    two = json_strict_parse_twice(text, size, "fuzz", &e2);
    checked = proctor_json_strict_check(text, size, PROCTOR_JSON_MAX_DEPTH, "fuzz", &e3);
    FZ_CHECK((one != NULL) == (two != NULL));
    FZ_CHECK((checked == 0) == (one != NULL));
    if (one) {
        FZ_CHECK(json_same_tree(one, two));
    } else {
        FZ_CHECK(e1.code == e2.code && e1.line == e2.line && e1.column == e2.column);
        FZ_CHECK(strcmp(e1.msg, e2.msg) == 0 && strcmp(e1.path, e2.path) == 0);
    }
    if (json_arena_begin() == 0) {
        struct proctor_error e4;
        cJSON *in_arena;
        proctor_error_clear(&e4);
        in_arena = proctor_json_parse_strict(text, size, "fuzz", &e4);
        FZ_CHECK((in_arena != NULL) == (one != NULL));
        if (in_arena)
            FZ_CHECK(json_same_tree(in_arena, two));
        else
            FZ_CHECK(e4.code == e1.code && e4.line == e1.line && strcmp(e4.msg, e1.msg) == 0);
        cJSON_Delete(in_arena); /* frees nothing in the scope */
        json_arena_end();
    }
    cJSON_Delete(one);
    cJSON_Delete(two);
    return 0;
}
