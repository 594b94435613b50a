/* SPDX-License-Identifier: ISC */
/*
 * fuzz-result-read.c - libFuzzer harness for verify's one-pass result reader (result_onepass,
 * src/result.c, on json-strict.c's pull reader): on any input it must accept exactly what the
 * tree reader (proctor_result_parse_tree) accepts, with the same fields and response values,
 * and result_read (what verify reads with) must give the tree reader's verdict and refusal
 * word for word (result-same.h). Seeds: result payloads, with and without journal entries,
 * members in other orders, spaced. Built and run by `make fuzz`.
 */
#include "fuzz-util.h"

#include "result-same.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int accepted;
    const char *why = result_readers_differ((const char *)data, size, &accepted);

    if (why)
        fprintf(stderr, "fuzz-result-read: %s\n", why);
    FZ_CHECK(why == NULL);
    return 0;
}
