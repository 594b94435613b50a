/* SPDX-License-Identifier: ISC */
/* test-sbuf.c - unit tests for src/sbuf.c: a growable string, begun on the heap or in the
 * caller's own buffer (sbuf_on, verify's fingerprint). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../src/sbuf.h"

/* An sbuf begun in a buffer of 8 bytes: filled in it, then grown past it into the heap
 * with all it held, the caller's buffer left as it was when it grew. */
static void
test_on_caller_buffer(void)
{
    char buf[8];
    struct sbuf b;
    char *s;

    sbuf_on(&b, buf, sizeof buf);
    CHECK(b.s == buf && b.len == 0 && buf[0] == '\0', "sbuf_on: empty, in the caller's buffer");
    sbuf_str(&b, "abc");
    sbuf_byte(&b, 'd');
    sbuf_put(&b, "e\0f", 3);
    CHECK(b.s == buf && b.len == 7 && memcmp(buf, "abcde\0f", 8) == 0,
          "what fits stays in the caller's buffer, NULs too");
    sbuf_str(&b, "ghijklmnopqrstuvwxyz");
    CHECK(b.s != buf && !b.borrowed && b.len == 27 && memcmp(b.s, "abcde\0fghijklmnopqrstuvwxyz", 28) == 0,
          "grown past it into the heap with what it held");
    CHECK(memcmp(buf, "abcde\0f", 8) == 0, "the caller's buffer is left as it was");
    sbuf_free(&b); /* frees the heap's copy (ASan: no leak) */
    CHECK(b.s == NULL && b.len == 0 && b.cap == 0, "sbuf_free empties it");

    sbuf_on(&b, buf, sizeof buf);
    sbuf_str(&b, "xyz");
    sbuf_free(&b); /* the caller's buffer is not freed (ASan: no bad free) */
    CHECK(b.s == NULL, "sbuf_free of one still in the caller's buffer frees nothing of it");

    sbuf_on(&b, buf, sizeof buf);
    sbuf_str(&b, "kept");
    s = sbuf_finish(&b);
    CHECK(s && s != buf && strcmp(s, "kept") == 0, "sbuf_finish hands over a heap copy");
    free(s);

    memset(&b, 0, sizeof b);
    sbuf_str(&b, "heap");
    s = sbuf_finish(&b);
    CHECK(s && strcmp(s, "heap") == 0, "a zeroed sbuf grows on the heap as before");
    free(s);
    memset(&b, 0, sizeof b);
    s = sbuf_finish(&b);
    CHECK(s && strcmp(s, "") == 0, "an empty one finishes as \"\"");
    free(s);
}

int
main(void)
{
    test_on_caller_buffer();
    return harness_done();
}
