/* SPDX-License-Identifier: ISC */
/*
 * fuzz-verdicts.c - libFuzzer harness for what proctor gradebook reads: a line of `proctor
 * verify --json` (proctor_verdict_parse, src/verdict-json.c), outside data like any file a
 * teacher is handed. A line that parses must write back (proctor_verdict_json) to text that
 * parses to the same verdict, and must settle (proctor_verdicts_settle) beside a copy of
 * itself and go into a gradebook. Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "proctor/gradebook.h"
#include "proctor/verdict-json.h"
#include "proctor/verify.h"

#define FZ_CHECK(c)                                                                        \
    do {                                                                                   \
        if (!(c))                                                                          \
            abort();                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct proctor_verdict v, w, copy;
    struct proctor_verdict *both[2];
    struct proctor_gradebook *g = NULL;
    struct proctor_error err;
    char *file = NULL, *against = NULL, *file2 = NULL, *against2 = NULL, *text, *text2, *line;
    cJSON *o;

    if (proctor_verdict_parse((const char *)data, size, "line", 1, &v, &file, &against,
                              &err) != 0) {
        FZ_CHECK(file == NULL && against == NULL && err.msg[0]);
        return 0;
    }
    FZ_CHECK(v.file == file && strlen(v.reason) < sizeof v.reason);
    text = proctor_verdict_json(&v, against);
    FZ_CHECK(text != NULL);
    /* the line verify --json would print for it: the file and the check */
    o = cJSON_CreateObject();
    FZ_CHECK(o && cJSON_AddStringToObject(o, "file", file) && cJSON_AddRawToObject(o, "check", text));
    line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    FZ_CHECK(line != NULL);
    FZ_CHECK(proctor_verdict_parse(line, strlen(line), "again", 1, &w, &file2, &against2,
                                   &err) == 0);
    FZ_CHECK(strcmp(file, file2) == 0);
    free(line);
    text2 = proctor_verdict_json(&w, against2);
    FZ_CHECK(text2 && strcmp(text, text2) == 0 && strcmp(against, against2) == 0);
    copy = v;
    copy.items = NULL; /* the copy shares nothing it would free */
    copy.nitems = 0;
    both[0] = &v;
    both[1] = &copy;
    FZ_CHECK(proctor_verdicts_settle(both, 2, 1) == 0);
    if (proctor_gradebook_new(PROCTOR_METHOD_HIGHEST, &g, &err) == 0) {
        proctor_gradebook_add(g, &v);
        proctor_gradebook_add(g, &copy);
        (void)proctor_gradebook_count(g);
        proctor_gradebook_free(g);
    }
    free(text);
    free(text2);
    proctor_verdict_release(&v);
    proctor_verdict_release(&w);
    free(file);
    free(against);
    free(file2);
    free(against2);
    return 0;
}
