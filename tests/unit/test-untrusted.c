/* SPDX-License-Identifier: ISC */
/*
 * test-untrusted.c - the printer of untrusted text (src/cli/untrusted.c): the bytes written
 * for terminal attacks (ESC, CSI, OSC 52 clipboard writes, window titles, U+009B, DEL),
 * invalid UTF-8 and bidi overrides; what passes unchanged; shortened buffers.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../src/cli/untrusted.h"

/* What untrusted_write writes for the len bytes at s. */
static char *
written(const char *s, size_t len, unsigned flags)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);

    if (!f)
        return NULL;
    untrusted_write(f, s, len, flags);
    fclose(f);
    return buf;
}

/* Checks untrusted_write, untrusted_escape and untrusted_str agree on s. */
static void
same(const char *s, size_t len, const char *want, const char *what)
{
    char *w = written(s, len, 0), buf[512];
    size_t need = untrusted_escape(buf, sizeof buf, s, len, 0);

    CHECK_STR(w, want, "%s: written", what);
    CHECK_STR(buf, want, "%s: escaped into a buffer", what);
    CHECK_INT(need, strlen(want), "%s: length needed", what);
    if (strlen(s) == len)
        CHECK_STR(untrusted_str(s), want, "%s: as a printf argument", what);
    free(w);
}

#define SAME(lit, want, what) same(lit, sizeof lit - 1, want, what)

/* Printable ASCII is passed over in runs, not a character at a time: every string of four
 * pieces (runs, escapes, UTF-8) against the escapes of its pieces put together, into
 * buffers of every size (pieces go in whole or not at all; an ASCII byte is a piece). */
static void
runs_and_pieces(void)
{
    static const struct {
        const char *in, *out;
    } piece[] = {{"a", "a"},   {"Zq ~", "Zq ~"}, {" ", " "},
                 {"\x1b", "\\x1b"}, {"\x7f", "\\x7f"}, {"\n", "\\x0a"},
                 {"\xc3\xa9", "\xc3\xa9"}, {"\xe2\x80\xae", "\\u202e"}, {"\xff", "\\xff"},
                 {"\xc2\x9b", "\\u009b"}};
    size_t np = sizeof piece / sizeof piece[0], bad = 0, tried = 0;

    for (size_t code = 0; code < np * np * np * np; code++) {
        char in[64] = "", want[128] = "", *w;
        size_t x = code, cut[32], ncut = 1;
        cut[0] = 0;
        for (int k = 0; k < 4; k++, x /= np) {
            const char *o = piece[x % np].out;
            strcat(in, piece[x % np].in);
            if ((unsigned char)o[0] >= 0x20 && (unsigned char)o[0] < 0x7F && o[0] != '\\')
                for (size_t b = 0; o[b]; b++) { /* ASCII: a piece a byte */
                    size_t len = strlen(want);
                    want[len] = o[b];
                    want[len + 1] = '\0';
                    cut[ncut++] = len + 1;
                }
            else {
                strcat(want, o);
                cut[ncut++] = strlen(want);
            }
        }
        w = written(in, strlen(in), 0);
        bad += !w || strcmp(w, want) != 0;
        free(w);
        for (size_t size = 0; size <= strlen(want) + 1; size++) {
            char buf[130] = "?";
            size_t fit = 0, need = untrusted_escape(size ? buf : NULL, size, in, strlen(in), 0);
            for (size_t c = 0; c < ncut; c++)
                if (size && cut[c] <= size - 1)
                    fit = cut[c];
            bad += need != strlen(want) ||
                   (size && (strlen(buf) != fit || strncmp(buf, want, fit) != 0));
            tried++;
        }
    }
    CHECK(bad == 0, "runs of ASCII and other pieces escape and cut as one character at a time "
                    "would (%zu cases, %zu differ)", tried, bad);
}

int
main(void)
{
    runs_and_pieces();
    /* what passes unchanged */
    SAME("Ann Lee", "Ann Lee", "plain ASCII");
    SAME("Rom\xc3\xa9o \xe2\x80\x94 \xf0\x9d\x84\x9e", "Rom\xc3\xa9o \xe2\x80\x94 \xf0\x9d\x84\x9e",
         "UTF-8 of 2, 3 and 4 bytes");
    SAME("a\\x1b", "a\\x1b", "a backslash typed as text");
    SAME("\xe2\x80\x8f", "\xe2\x80\x8f", "a right-to-left mark (not an override)");
    SAME("", "", "empty");

    /* terminal attacks */
    SAME("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H", "CSI: clear the screen");
    SAME("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07", "OSC 0: window title");
    SAME("\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07", "OSC 52: clipboard write");
    SAME("\x1b]52;c;ZXZpbA==\x1b\\", "\\x1b]52;c;ZXZpbA==\\x1b\\", "OSC 52 ended by ST");
    SAME("a\xc2\x9b" "31mred", "a\\u009b31mred", "U+009B: an 8-bit CSI in UTF-8");
    SAME("\xc2\x9d" "0;t\xc2\x9c", "\\u009d0;t\\u009c", "U+009D OSC and U+009C ST");
    SAME("\xc2\x80\xc2\x9f", "\\u0080\\u009f", "the ends of the C1 range");
    SAME("x\x7fy", "x\\x7fy", "DEL");
    SAME("a\rb\nc\td\x08", "a\\x0db\\x0ac\\x09d\\x08", "CR, LF, tab, backspace on one line");
    same("a\0b", 3, "a\\x00b", "a NUL byte");
    SAME("\xe2\x80\xae" "cod.exe", "\\u202ecod.exe", "U+202E right-to-left override");
    SAME("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069", "bidi isolates");
    SAME("a\xe2\x80\xa8" "b\xe2\x80\xa9", "a\\u2028b\\u2029", "line and paragraph separators");

    /* bytes that are not UTF-8: one escape each, and the text after them kept */
    SAME("\x9b" "2J", "\\x9b2J", "a lone 0x9B byte (8-bit CSI outside UTF-8)");
    SAME("\xc0\xaf", "\\xc0\\xaf", "an overlong slash");
    SAME("\xe0\x80\xaf", "\\xe0\\x80\\xaf", "an overlong three-byte form");
    SAME("\xed\xa0\x80", "\\xed\\xa0\\x80", "a UTF-16 surrogate");
    SAME("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", "past U+10FFFF");
    SAME("\xff\xfe", "\\xff\\xfe", "0xFF 0xFE");
    SAME("ab\xe2\x80", "ab\\xe2\\x80", "a sequence cut short at the end");
    SAME("\xe2\x80" "A", "\\xe2\\x80A", "a sequence cut short by ASCII");
    SAME("\xc2\x1b", "\\xc2\\x1b", "a lead byte before ESC");

    /* multi-line text keeps its lines and tabs, nothing else */
    {
        char *w = written("one\n\ttwo\r\x1b[1A", 13, UNTRUSTED_LINES);
        CHECK_STR(w, "one\n\ttwo\\x0d\\x1b[1A", "UNTRUSTED_LINES keeps newline and tab only");
        free(w);
    }

    /* shortened output never cuts an escape or a character in two */
    {
        char buf[6];
        size_t need = untrusted_escape(buf, sizeof buf, "ab\x1b" "cd", 5, 0);
        CHECK_STR(buf, "ab", "a short buffer stops before an escape that does not fit");
        CHECK_INT(need, 8, "and says how much the whole needs");
        need = untrusted_escape(buf, 4, "a\xc3\xa9\xc3\xa9", 5, 0);
        CHECK_STR(buf, "a\xc3\xa9", "a short buffer keeps whole characters");
        CHECK_INT(need, 5, "length of UTF-8 that needs no escape");
        CHECK_INT(untrusted_escape(NULL, 0, "\x1b", 1, 0), 4, "size 0 only measures");
    }

    /* printf arguments: several live at once; long ones grow their slot */
    {
        const char *a = untrusted_str("\x1b"), *b = untrusted_str("\xc2\x9b");
        char big[5000];
        memset(big, '\x07', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        CHECK_STR(a, "\\x1b", "first argument still valid");
        CHECK_STR(b, "\\u009b", "second argument");
        CHECK_INT(strlen(untrusted_str(big)), 4 * 4999, "a 4999-byte argument, fully escaped");
        CHECK_STR(untrusted_str(NULL), "", "NULL is empty");
    }
    return harness_done();
}
