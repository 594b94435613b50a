/* SPDX-License-Identifier: ISC */
/*
 * json-strict.h - the strict JSON profile every piece of outside data is checked against
 * before cJSON parses it (private to libproctor and its tests).
 *
 * Rule: the checker allocates nothing the caller sees; proctor_json_parse_strict returns an
 * owned cJSON tree (cJSON_Delete) or NULL with err filled. Accepted documents are those on
 * which cJSON and any other conforming parser agree: valid UTF-8 without BOM, no duplicate
 * object keys at any depth (compared after unescaping), numbers only integers in
 * [-(2^53-1), 2^53-1] written without fraction, exponent, leading zeros or "-0", no "\u0000"
 * and no lone surrogate escapes, nesting at most max_depth, nothing after the value but
 * whitespace.
 */
#ifndef PROCTOR_JSON_STRICT_H
#define PROCTOR_JSON_STRICT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cJSON.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json-arena.h"
#include "proctor/error.h"
#include "proctor/limits.h"

#define PROCTOR_JSON_MAX_INT 9007199254740991LL /* 2^53 - 1 */

/*
 * Checks buf (len bytes; NUL bytes are refused) against the profile. Returns 0, or
 * PROCTOR_EINVAL with err naming path and the line:col of the first problem.
 */
int proctor_json_strict_check(const char *buf, size_t len, int max_depth, const char *path,
                              struct proctor_error *err);

/* Checks and parses in one pass (the tree built as cJSON's parse builds it, by
 * cJSON_malloc); NULL on failure with err filled. */
cJSON *proctor_json_parse_strict(const char *buf, size_t len, const char *path,
                                 struct proctor_error *err);

/* The same by two passes: proctor_json_strict_check, then cJSON's own parse. For the tests
 * and the fuzz harness that hold the one-pass reader to it (same refusals, same tree). */
cJSON *json_strict_parse_twice(const char *buf, size_t len, const char *path,
                               struct proctor_error *err);

/*
 * The first offset from i (up to n) of a byte a string cannot simply pass over: a quote, a
 * backslash, a control character or a byte of a multibyte character (16 bytes at a time
 * with SSE2, 8 elsewhere). The scanners' common case: most strings are such a run.
 */
size_t json_plain_run(const unsigned char *s, size_t i, size_t n);

#if defined(__SSE2__)
/*
 * The 16 bytes at s as a mask, bit k set when byte k ends a plain run (json_plain_run's
 * test on one block, for the scanners that loop on it inline): a quote, a backslash, or a
 * byte below a space by a signed compare, i.e. a control character or any byte from 0x80.
 */
static inline unsigned
json_stop_mask16(const unsigned char *s)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                     _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))));
}
#endif

/*
 * A pull reader over one document held to the profile, for a reader that knows the shape it
 * wants (a result payload, read straight into its struct: result.c) and so builds no tree.
 * The reader walks the document itself with the calls below; each checks what it reads as
 * the scan above does and fails with err filled (the same message the scan would give at
 * that place), and json_pull_end checks that nothing follows. What the calls cannot know is
 * the reader's to check: duplicate keys in the objects it walks itself, and the depth of
 * those objects (json_pull_value checks everything below the depth it is given).
 */
struct json_scan {
    const unsigned char *p, *start, *end;
    int max_depth;
    const char *path;
    struct proctor_error *err;
};

static inline void
json_skip_ws(struct json_scan *sc)
{
    /* proctor's own files have no white space between tokens: one test for them */
    if (sc->p < sc->end && *sc->p > ' ')
        return;
    while (sc->p < sc->end &&
           (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
        sc->p++;
}

/* Starts sc on buf (len bytes): a byte order mark or a NUL byte anywhere refused at once. */
int json_pull_begin(struct json_scan *sc, const char *buf, size_t len, int max_depth,
                    const char *path, struct proctor_error *err);

/* After white space, whether the next byte is c; if so it is taken. */
static inline int
json_pull_char(struct json_scan *sc, unsigned char c)
{
    json_skip_ws(sc);
    if (sc->p < sc->end && *sc->p == c) {
        sc->p++;
        return 1;
    }
    return 0;
}

/* An object's key and the ':' after it: its unescaped bytes in *s (in the document when it
 * has no escapes, else in the open json arena scope; not NUL-terminated) and *n. */
int json_pull_key_slow(struct json_scan *sc, const char **s, size_t *n);

/* A string value, unescaped and NUL-terminated in the open json arena scope (*n bytes);
 * PROCTOR_EINVAL when the value is not a string. */
int json_pull_str_slow(struct json_scan *sc, char **out, size_t *n);

/* The length of a string whose body starts at s when it is one plain run closed within its
 * first 16 bytes (s has 16 bytes to read), else -1: most keys and values proctor writes. */
static inline int
json_short_plain(const unsigned char *s)
{
#if defined(__SSE2__)
    unsigned mask = json_stop_mask16(s);
    int k;

    if (!mask)
        return -1;
    k = __builtin_ctz(mask);
    return s[k] == '"' ? k : -1;
#else
    (void)s;
    return -1;
#endif
}

/* json_pull_key_slow, a short plain key inline. */
static inline int
json_pull_key(struct json_scan *sc, const char **s, size_t *n)
{
    int k;

    json_skip_ws(sc);
    if (sc->end - sc->p >= 19 && *sc->p == '"' && (k = json_short_plain(sc->p + 1)) >= 0 &&
        sc->p[k + 2] == ':') {
        *s = (const char *)sc->p + 1;
        *n = (size_t)k;
        sc->p += k + 3;
        return 0;
    }
    return json_pull_key_slow(sc, s, n);
}

/* json_pull_str_slow, a short plain string inline (copied a block at a time into arena room
 * of 16 bytes). */
static inline int
json_pull_str(struct json_scan *sc, char **out, size_t *n)
{
    int k;
    char *dec;

    json_skip_ws(sc);
    if (sc->end - sc->p >= 17 && *sc->p == '"' && (k = json_short_plain(sc->p + 1)) >= 0 &&
        json_arena_room >= 16) {
        dec = (char *)json_arena_take(16);
        memcpy(dec, sc->p + 1, 16);
        dec[k] = '\0';
        *out = dec;
        *n = (size_t)k;
        sc->p += k + 2;
        return 0;
    }
    return json_pull_str_slow(sc, out, n);
}

/* A number (an integer in the profile's range); PROCTOR_EINVAL when the value is not one. */
int json_pull_int(struct json_scan *sc, int64_t *v);

/* true or false; PROCTOR_EINVAL when the value is neither. */
int json_pull_bool(struct json_scan *sc, int *v);

/* Any value at depth (its containers count from depth + 1), checked, and built into *out
 * as proctor_json_parse_strict builds a tree (from the open json arena scope, when there
 * is one) when out is not NULL. */
int json_pull_value(struct json_scan *sc, int depth, cJSON **out);

/* The end of the document: nothing but white space left. */
int json_pull_end(struct json_scan *sc);

/* 1-based line and column (in characters) of byte offset off of buf. */
void proctor_json_position(const char *buf, size_t len, size_t off, long *line, long *col);

/* Length of the valid UTF-8 sequence at s (at most avail bytes), or 0 if invalid. */
size_t proctor_utf8_seq(const unsigned char *s, size_t avail);

/* The four hex digits at p as a number in *out; -1 when one is not a hex digit. */
int proctor_json_hex4(const unsigned char *p, unsigned *out);

/* Code point cp (below 0x110000) written as UTF-8 at o (room for 4 bytes); the bytes written. */
size_t proctor_utf8_put(unsigned cp, char *o);

/*
 * Whether s is text for a name, a title or a comment: valid UTF-8 without control characters
 * (C0, DEL, C1 U+0080..U+009F; with lines set, newline and tab are allowed). 0 when it is;
 * -1 when not, with *bad the first control character's code point, or
 * PROCTOR_TEXT_NOT_UTF8 when s is not UTF-8.
 */
#define PROCTOR_TEXT_NOT_UTF8 0xFFFFFFFFu
int proctor_text_check(const char *s, int lines, uint32_t *bad);

/* Whether item is a JSON number holding an integer (any number past the checker is). */
int proctor_json_get_int(const cJSON *item, int64_t *out);

#endif
