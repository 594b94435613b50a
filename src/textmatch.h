/* SPDX-License-Identifier: ISC */
/*
 * textmatch.h - matching a typed answer against accepted ones, word by word (private to
 * libproctor): what short answers, people's names (names.c) and the text of a choice's
 * options share.
 *
 * An answer is read into words (tokens.h); its content words are those that are not "the",
 * "of", "in" and the like. An accepted answer matches when its content words are found in
 * the answer's, in order and side by side, each word alike by one of the rules of
 * textmatch_word (same word, another form, a slip of the keys, an abbreviation), a run of
 * words by its initials ("UN" for "United Nations") or written as one ("Jeanpierre"). What
 * lies outside the words found is then read for what would make a fair teacher refuse: a
 * negation, a second candidate, a known wrong answer (textmatch_refused).
 */
#ifndef PROCTOR_TEXTMATCH_H
#define PROCTOR_TEXTMATCH_H

#include <stddef.h>

#include "proctor/grade.h"
#include "tokens.h"

/* A text as words: tk, and the indexes of its content words. */
struct words {
    const char *text; /* borrowed: what tk's spans point into */
    struct tokens tk;
    size_t *c, n;
    int *place;       /* by content index: the place its words from there name, or -1 */
    size_t *placelen; /* and how many content words that takes */
    int c_in_caller;  /* c (with place and placelen) is the reader's buffer: not freed */
};

/* Reads text into w (folded as fold asks: TOKENS_KEEP_*). 0, or -1 (invalid UTF-8, too
 * long, out of memory). */
int words_read(struct words *w, const char *text, unsigned fold);
void words_release(struct words *w);

/* How alike two words are (textmatch_word), best first. */
enum likeness {
    LIKE_NONE,
    LIKE_SAME,      /* the same word, or a number and its word ("3", "three") */
    LIKE_SHORT,     /* an abbreviation or initials ("Rep." for "Representative") */
    LIKE_FORM,      /* another form: "Hands" for "Hand", "Canadian" for "Canada" */
    LIKE_TYPO,      /* a slip of the keys within the allowance */
};

/* The rules of one question. */
struct matchctx {
    int typos;                   /* -1 automatic, 0 none, n: at most n edits in a word */
    unsigned flags;              /* PROCTOR_MATCH_* */
    const struct words *reject;  /* known wrong answers, read */
    size_t nreject;
    const struct words *known;   /* other names the question knows (options, say) */
    size_t nknown;
};

/*
 * How alike the accepted word a is to the typed word g: the same, a short form, another
 * form or a typo (with *edits set), or not alike. Never alike when g is another name the
 * question knows (a place, a word of a known wrong answer). surname: the allowance for
 * people's names (none under 6 letters, 1 up to 9, then 2) instead of words' (none under 5
 * letters, 1 up to 8, then 2).
 */
enum likeness textmatch_word(const struct matchctx *M, const struct token *a,
                             const struct token *g, int surname, int *edits);

/* The allowance for a word of so many letters. */
int textmatch_allowance(const struct matchctx *M, size_t letters, int surname);

/* Whether two strings (code points, compared as they are) are within k edits (insert,
 * delete, substitute, swap of neighbours), the first letters alike; the edits in *edits. */
int textmatch_within(const char *a, const char *b, int k, int *edits);

/* The words of the answer that agree with an accepted answer. */
struct window {
    size_t ws, we;       /* tokens [ws, we) of the answer */
    long cost;           /* lower is closer */
    unsigned note;       /* PROCTOR_NOTE_TYPO, PROCTOR_NOTE_FORM */
    char wrote[PROCTOR_NOTE_TEXT_MAX], expected[PROCTOR_NOTE_TEXT_MAX];
};

/*
 * Finds the accepted answer A in the answer G's content words [clo, chi): the closest
 * window (the first of the closest), into *w. 1 when found, 0 when not, -1 out of memory.
 */
int textmatch_find(const struct matchctx *M, const struct words *A, const struct words *G,
                   size_t clo, size_t chi, struct window *w);

/* Every window where A is found, each passed to each (first first) until it returns 1: then
 * 1 with that window in *w; 0 when it never does (or A is not found), -1 out of memory. */
int textmatch_find_each(const struct matchctx *M, const struct words *A, const struct words *G,
                        size_t clo, size_t chi, int (*each)(void *ctx, const struct window *w),
                        void *ctx, struct window *w);

/* Does the segment of G's content words [clo, chi) answer the question on its own? */
typedef int (*textmatch_fits_fn)(void *ctx, const struct words *G, size_t clo, size_t chi);

/*
 * Whether a fair teacher would refuse G although the window [ws, we) agrees with an
 * accepted answer: a negation before it in its clause ("not Somalia"); alternatives offered
 * with "or" or "/" that do not all answer the question (fits); a known wrong answer found
 * outside it, not negated; another country beside it, or (name) another person's name,
 * joined by "and", "or", a comma. 1 when refused.
 */
int textmatch_refused(const struct matchctx *M, const struct words *G, size_t ws, size_t we,
                      int name, textmatch_fits_fn fits, void *ctx);

/* Whether token k of G, outside the window [ws, we), is joined to it as a second candidate
 * ("Dallaire and Booh-Booh", "Somalia, Rwanda"), and not negated. */
int textmatch_joined_name(const struct words *G, size_t ws, size_t we, size_t k);

/* Reads each of texts[0..n) into (*out)[i] (one without words when it holds '*' or cannot be
 * read); 0, or -1 out of memory. Free with textmatch_release_all. */
int textmatch_read_all(char *const *texts, size_t n, unsigned fold, struct words **out);
void textmatch_release_all(struct words *w, size_t n);

/* A short answer's accepted and known wrong answers read once (grade-prep.h): acc and rej
 * as textmatch_read_all reads them under the question's PROCTOR_MATCH_* flags, and pat[i]
 * the normalised pattern of accepted answer i when it holds '*' (else NULL). */
struct short_prep {
    struct words *acc, *rej;
    char **pat;
    size_t naccept, nreject;
};
int textmatch_short_prep(struct short_prep *P, char *const *accept, size_t naccept,
                         char *const *reject, size_t nreject, unsigned flags);
void textmatch_short_prep_release(struct short_prep *P);

/* proctor_short_check reading rules' answers from P (prepared for the same rules), or
 * reading them now when P is NULL: one check either way. */
int textmatch_short_check(const struct proctor_short_rules *rules, const struct short_prep *P,
                          const char *given, struct proctor_grade_note *note);

/*
 * The option whose text (texts[0..n)) the typed answer names: the text itself, a longer
 * answer holding it, a part of it ("Baril" for "Maj. Gen. Baril"), its words in another order
 * ("15 April"), or its start ("Belg"), the closest kind that only one option fits. 1 and
 * *which; 2 when two options fit alike (*which and *other); 0 when none; -1 out of memory.
 */
int textmatch_option(const char *given, char *const *texts, size_t n, size_t *which,
                     size_t *other);

/* Copies text[start, end) into buf (size bytes), cut at a character boundary, appending to
 * what buf holds after ", ". */
void textmatch_note_add(char *buf, size_t size, const char *text, size_t start, size_t end);

#endif
