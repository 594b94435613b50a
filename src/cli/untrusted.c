/* SPDX-License-Identifier: ISC */
/* untrusted.c - printing text a student or a file controls, with controls shown escaped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "untrusted.h"

/*
 * The valid UTF-8 sequence at s (at most avail bytes): its length, and its code point in
 * *cp; 0 when s does not start one (overlong forms, surrogates, past U+10FFFF, truncated,
 * a stray continuation byte).
 */
static size_t
utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    unsigned char b = s[0];
    size_t n;
    uint32_t c, min;

    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF)
        n = 2, c = b & 0x1Fu, min = 0x80;
    else if (b >= 0xE0 && b <= 0xEF)
        n = 3, c = b & 0x0Fu, min = 0x800;
    else if (b >= 0xF0 && b <= 0xF4)
        n = 4, c = b & 0x07u, min = 0x10000;
    else
        return 0;
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* Characters that reorder or break lines when shown: shown as \u and four hex digits. */
static int
is_layout_control(uint32_t c)
{
    return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * The next piece of s (at most avail bytes): either n bytes to copy as they are (returned
 * with esc[0] == '\0'), or the escape for them in esc. Returns the bytes of s consumed.
 */
static size_t
next_piece(const unsigned char *s, size_t avail, unsigned flags, char esc[12])
{
    uint32_t c;
    size_t n = utf8_decode(s, avail, &c);

    esc[0] = '\0';
    if (n == 0) {
        snprintf(esc, 12, "\\x%02x", s[0]);
        return 1;
    }
    if ((flags & UNTRUSTED_LINES) && (c == '\n' || c == '\t'))
        return 1;
    if (c < 0x20 || c == 0x7F)
        snprintf(esc, 12, "\\x%02x", (unsigned)c);
    else if (is_layout_control(c))
        snprintf(esc, 12, "\\u%04x", (unsigned)c);
    return n;
}

/* How many bytes from p (before end) are printable ASCII, shown as they are: the common case,
 * passed over without decoding each character (a verify prints a line per file). */
static size_t
plain_ascii(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *q = p;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight at a time: a byte from 0x80, below 0x20 or DEL stops the word (each test flags
     * its first byte exactly; false flags only follow a true one) */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (end - q >= 8) {
        uint64_t w, x, del;
        memcpy(&w, q, 8);
        del = w ^ (ones * 0x7F);
        x = (w & highs) | ((w - ones * 0x20) & ~w & highs) | ((del - ones) & ~del & highs);
        if (x)
            return (size_t)(q - p) + (size_t)__builtin_ctzll(x) / 8;
        q += 8;
    }
#endif
    while (q < end && *q >= 0x20 && *q < 0x7F)
        q++;
    return (size_t)(q - p);
}

void
untrusted_write(FILE *f, const char *s, size_t len, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
    char esc[12];

    while (p < end) {
        size_t n;
        if ((p += plain_ascii(p, end)) >= end)
            break;
        n = next_piece(p, (size_t)(end - p), flags, esc);
        if (esc[0]) {
            fwrite(run, 1, (size_t)(p - run), f);
            fputs(esc, f);
            run = p + n;
        }
        p += n;
    }
    fwrite(run, 1, (size_t)(p - run), f);
}

void
untrusted_puts(FILE *f, const char *s)
{
    if (s)
        untrusted_write(f, s, strlen(s), 0);
}

size_t
untrusted_escape(char *dst, size_t size, const char *s, size_t len, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    size_t out = 0, total = 0, room = size ? size - 1 : 0;
    int stopped = 0;
    char esc[12];

    while (p < end) {
        size_t n = plain_ascii(p, end), plen;
        const char *piece;
        if (n) {
            /* one-byte pieces: as many as fit go in */
            if (!stopped) {
                size_t k = room - out < n ? room - out : n;
                if (k) /* dst is NULL when only measuring (size 0) */
                    memcpy(dst + out, p, k);
                out += k;
                stopped = k < n;
            }
            total += n;
            p += n;
            continue;
        }
        n = next_piece(p, (size_t)(end - p), flags, esc);
        piece = esc[0] ? esc : (const char *)p;
        plen = esc[0] ? strlen(esc) : n;
        /* a piece (an escape or one character) goes in whole or not at all */
        if (!stopped && out + plen <= room) {
            memcpy(dst + out, piece, plen);
            out += plen;
        } else {
            stopped = 1;
        }
        total += plen;
        p += n;
    }
    if (size)
        dst[out] = '\0';
    return total;
}

const char *
untrusted_str(const char *s)
{
    static char *slot[UNTRUSTED_SLOTS];
    static size_t cap[UNTRUSTED_SLOTS];
    static unsigned next;
    unsigned k = next++ % UNTRUSTED_SLOTS;
    size_t len, need;

    if (!s)
        return "";
    len = strlen(s);
    need = untrusted_escape(NULL, 0, s, len, 0) + 1;
    if (need > cap[k]) {
        char *p = realloc(slot[k], need);
        if (!p)
            return "?";
        slot[k] = p;
        cap[k] = need;
    }
    untrusted_escape(slot[k], cap[k], s, len, 0);
    return slot[k];
}

void
untrusted_json_line(FILE *f, const char *json)
{
    const unsigned char *p = (const unsigned char *)json, *run = p, *end = p + strlen(json);

    while (p < end) {
        uint32_t c;
        size_t n;
        if ((p += plain_ascii(p, end)) >= end)
            break;
        n = utf8_decode(p, (size_t)(end - p), &c);
        if (n == 0 || c == 0x7F || is_layout_control(c)) {
            fwrite(run, 1, (size_t)(p - run), f);
            /* inside a JSON string, \u escapes mean the same character; a byte that is not
             * UTF-8 can't be in JSON at all and becomes U+FFFD */
            fprintf(f, "\\u%04x", n == 0 ? 0xFFFDu : (unsigned)c);
            n = n ? n : 1;
            run = p + n;
        }
        p += n;
    }
    fwrite(run, 1, (size_t)(p - run), f);
    fputc('\n', f);
}
