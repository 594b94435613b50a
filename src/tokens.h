/* SPDX-License-Identifier: ISC */
/*
 * tokens.h - typed text as words, for matching answers (private to libproctor).
 *
 * tokens_split reads a line as a student typed it into words: case folded and accents
 * stripped (unless asked to keep them), compatibility forms mapped (fullwidth letters,
 * ligatures), each word with where it was typed, how it was written (capitals, a dot after
 * it) and what separated it from the word before (a space, a hyphen, a comma...). Numbers
 * are words of their own, with thousands groups joined ("1,700" and "1 700" are "1700").
 * Dotted or spaced single letters are joined into one word ("U.N.A.M.I.R.", "F A R",
 * "U/S" are "unamir", "far", "us"). A possessive "'s" is dropped ("Rwanda's" is "rwanda").
 *
 * Rule: struct tokens owns its words (one block); tokens_release frees them.
 */
#ifndef PROCTOR_TOKENS_H
#define PROCTOR_TOKENS_H

#include <stddef.h>
#include <stdint.h>

/* How to fold (tokens_split's fold argument). */
enum {
    TOKENS_KEEP_CASE = 1,    /* "FAR" and "far" differ */
    TOKENS_KEEP_ACCENTS = 2, /* "Roméo" and "Romeo" differ */
};

/* What lies between a word and the one before it (struct token.sep). */
enum {
    SEP_SPACE = 1u << 0,
    SEP_HYPHEN = 1u << 1,  /* '-', or a dash between two words with no space around it */
    SEP_SLASH = 1u << 2,   /* '/' */
    SEP_COMMA = 1u << 3,   /* ',' */
    SEP_STOP = 1u << 4,    /* '.', '!', '?', ';', ':', or a dash with spaces around it */
    SEP_OPEN = 1u << 5,    /* '(', '[', '{' */
    SEP_CLOSE = 1u << 6,   /* ')', ']', '}' */
    SEP_AMP = 1u << 7,     /* '&' */
    SEP_PLUS = 1u << 8,    /* '+' */
    SEP_OTHER = 1u << 9,   /* any other punctuation or symbol */
};

/* A clause ends between two words: a comma, a full stop, a bracket. */
#define SEP_BREAK (SEP_COMMA | SEP_STOP | SEP_OPEN | SEP_CLOSE)

/* How a word was written (struct token.flags). */
enum {
    TOK_NUMBER = 1u << 0,  /* digits: "1700", "2.5", "1.700" */
    TOK_UPPER = 1u << 1,   /* two or more letters, every one a capital as typed */
    TOK_CAPITAL = 1u << 2, /* begins with a capital as typed */
    TOK_DOT = 1u << 3,     /* a '.' right after it ("Gen.") */
    TOK_PAREN = 1u << 4,   /* inside brackets */
    TOK_ACRONYM = 1u << 5, /* single letters joined: "U.N.", "F A R" */
    TOK_DOT3 = 1u << 6,    /* a number written d.ddd ("1.700"): thousands or a decimal? */
    TOK_DOTS = 1u << 7,    /* a number with dots between groups of three ("1.700.000") */
    TOK_COMMA_DEC = 1u << 8, /* digits, a comma, then 1, 2 or 4+ digits ("2,5"): a decimal
                                comma or two numbers; on the first of the two words */
};

struct token {
    const char *w;        /* as compared: folded as asked, NUL-terminated */
    const char *key;      /* lower case, no accents: for word lists and tables */
    size_t len;           /* bytes of w */
    size_t letters;       /* letters (code points) in w */
    unsigned flags, sep;  /* TOK_*, SEP_* */
    size_t start, end;    /* where it was typed: bytes of the text */
    int place;            /* the place this one word names (places.h), or -1: set by the
                             reader of words (textmatch.c), -1 from tokens_split */
};

struct tokens {
    struct token *t; /* one block: the tokens, then their words' text */
    size_t n;
    int in_caller;   /* the block is the caller's buffer (tokens_split_in): not freed */
};

/* The most words read from one text: what a short answer can be. */
#define TOKENS_MAX 512

/*
 * Splits text (NUL-terminated UTF-8, at most 64 KiB) into words, folded as fold asks. 0, or
 * -1 on invalid UTF-8, text too long, more than TOKENS_MAX words, or out of memory (out is
 * then empty).
 */
int tokens_split(const char *text, unsigned fold, struct tokens *out);

/* tokens_split with the words' block in buf (size bytes) when it fits, else malloc'd as
 * tokens_split does: a reader that is done with the words before it returns keeps them on
 * its stack. tokens_release frees only a malloc'd block; out must not outlive buf. */
int tokens_split_in(const char *text, unsigned fold, struct tokens *out, struct token *buf,
                    size_t size);

/* tokens_split with every character read through utf8proc, the ASCII ones too (tokens_split
 * reads ASCII characters without it): the same words by construction, which test-tokens
 * checks on many texts. */
int tokens_split_general(const char *text, unsigned fold, struct tokens *out);
void tokens_release(struct tokens *tk);

/* Word lists, by key. */
int tokens_is_stop(const char *key);     /* the, a, of, in, to, from, and, ... */
int tokens_is_negation(const char *key); /* not, no, never, wasn't, ... */
int tokens_is_or(const char *key);       /* or, nor, vs, versus */
int tokens_is_filler(const char *key);   /* words that name nothing: I, think, maybe, it, was */

/* Whether a clause ends between word i - 1 and word i (a break in the gap, or "but"). */
int tokens_break_before(const struct tokens *tk, size_t i);

/* Whether every letter typed in the text is a capital, or every one small: the writer's
 * capitals say nothing then. */
int tokens_uniform_case(const struct tokens *tk);

#endif
