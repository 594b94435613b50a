/* SPDX-License-Identifier: ISC */
/*
 * grade.h - responses and the one grading function, shared by the runner and the verifier.
 *
 * Rule: a struct proctor_response owns its strings (free with proctor_response_release).
 * Grading is deterministic and integer: scores are thousandths of a point.
 *
 * Response shapes (ids are option/item ids, never the letters shown):
 *   choice: ids[0]        multi: ids[0..n)       order: ids[0..n) in the order given
 *   match:  ids[i] = left id, ids2[i] = right id  truefalse: truth
 *   short, numeric, essay: text (as typed)
 *
 * Each type's grading, parsing and describing is in its own file, src/qtype/<type>.c.
 */
#ifndef PROCTOR_GRADE_H
#define PROCTOR_GRADE_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/bank.h"

struct proctor_response {
    int answered; /* 0: skipped or not reached */
    char *text;
    int truth;
    char **ids;
    char **ids2;
    size_t nids;
    int borrowed; /* text and ids point into something else that outlives r (verify's JSON
                     tree and its arena): proctor_response_release only forgets them */
};

void proctor_response_release(struct proctor_response *r);
int proctor_response_copy(struct proctor_response *dst, const struct proctor_response *src);

/* The points available: q->points, or 0 for essays (marked by the teacher). */
int64_t proctor_grade_max(const struct proctor_question *q);

/*
 * Grades r against q: returns the points earned, 0 <= earned <= proctor_grade_max(q).
 * An unanswered response, an id the question does not have, or a malformed response earns 0.
 */
int64_t proctor_grade(const struct proctor_question *q, const struct proctor_response *r);

/*
 * Parses what a student typed at the prompt into r, for a question shown with the options
 * (choice, multi, order) or right items (match) permuted by perm (perm[k] = index of the
 * option displayed k-th; NULL = canonical order). Returns 0, or PROCTOR_EINVAL with err->msg
 * saying what was expected ("answer with one letter from a to d"). A question that takes
 * several answers (proctor_response_parts) reads them from one line separated by '|'.
 */
int proctor_response_parse(const struct proctor_question *q, const size_t *perm,
                           const char *line, struct proctor_response *r,
                           struct proctor_error *err);

/*
 * How many answers q takes at the prompt, one after the other: 1 for most types. The runner
 * asks for part 0, 1, ... in turn, each with its own hint and items.
 */
size_t proctor_response_parts(const struct proctor_question *q);

/* The question answered at part k (q itself for a one-part question); NULL when k is out of
 * range. */
const struct proctor_question *proctor_question_part(const struct proctor_question *q,
                                                     size_t k);

/* How to answer part k of q, shown under it ("Answer with one letter."); with
 * PROCTOR_WHOLE, how to answer the question as a whole (for one of several parts: how they
 * are asked); "" when there is none. */
#define PROCTOR_WHOLE ((size_t)-1)
const char *proctor_question_hint(const struct proctor_question *q, size_t k);

/*
 * The items shown with part k of q, in the order shown under perm: options and items as
 * "a)", "b)", ... (list 0); a match's left items as "1.", "2.", ... (list 0), then its right
 * items as "a)", ... (list 1). item is called once per item; nothing for a type without.
 */
typedef void (*proctor_item_fn)(void *ctx, int list, const char *label, const char *text);
void proctor_question_show(const struct proctor_question *q, const size_t *perm, size_t k,
                           proctor_item_fn item, void *ctx);

/*
 * Parses what a student typed as part k of the response r: part 0 starts r afresh (as
 * proctor_response_parse does), a later part adds to what the earlier ones filled. Errors as
 * for proctor_response_parse; on an error part 0 leaves r empty and a later part leaves r as
 * it was, so that the same part can be asked again.
 */
int proctor_response_parse_part(const struct proctor_question *q, const size_t *perm,
                                size_t part, const char *line, struct proctor_response *r,
                                struct proctor_error *err);

/*
 * How an answer was read, for the feedback: accepted with a slip of the keys ("you wrote
 * Habarimana; the spelling is Habyarimana"), in another form of a word ("Hand" for "Hands",
 * "Canadian" for "Canada"), or a number read with dots as thousands ("1.700" as 1,700).
 * wrote holds the words as typed, expected the same words as the answer spells them (each
 * list joined by ", "; "" when no flag is set).
 */
enum {
    PROCTOR_NOTE_TYPO = 1u << 0,
    PROCTOR_NOTE_FORM = 1u << 1,
    PROCTOR_NOTE_THOUSANDS = 1u << 2
};
#define PROCTOR_NOTE_TEXT_MAX 160
struct proctor_grade_note {
    unsigned flags;
    char wrote[PROCTOR_NOTE_TEXT_MAX];
    char expected[PROCTOR_NOTE_TEXT_MAX];
    /* a numeric answer: the one number read from it, kept whatever the points (verify's
     * fingerprint is made of it, as proctor_numeric_value would read it) */
    int have_number;
    int64_t number;
};

/* proctor_grade, and how the answer was read into note (zeroed first; may be NULL). */
int64_t proctor_grade_noted(const struct proctor_question *q, const struct proctor_response *r,
                            struct proctor_grade_note *note);

/*
 * Short answers: the accepted answers, the known wrong ones, and the switches of a question
 * (docs/QUESTIONS.md). Each accepted answer is found as whole words in what was typed, unless
 * PROCTOR_MATCH_WHOLE; case and accents count only when asked; each word allows a few slips
 * of the keys by its length (typos -1), none (0) or at most typos; with PROCTOR_MATCH_NAME
 * the answers are people's names.
 */
struct proctor_short_rules {
    char *const *accept;
    size_t naccept;
    char *const *reject;
    size_t nreject;
    int typos;
    unsigned flags; /* PROCTOR_MATCH_* (proctor/bank.h) */
};

/* Whether given is a right answer under rules; how it was read into note (may be NULL). */
int proctor_short_check(const struct proctor_short_rules *rules, const char *given,
                        struct proctor_grade_note *note);

/* proctor_short_check with one accepted answer and the default switches: for tests and
 * fuzzing. */
int proctor_short_match(const char *accepted, const char *given, int typos);

/*
 * Numbers in an answer as students type them ("about 400", "Resolution 909", "forty-eight",
 * "150k", "1.700"). What the question says about them: its prompt (a number it states is not
 * taken for the answer when another is given), its units (a known unit that is not one of
 * them, "36 days" for hours, makes the answer wrong), whether a unit is required, and
 * whether its answer is a whole number ("1.700" is then 1,700, not 1.7).
 */
struct proctor_number_rules {
    const char *prompt;
    char *const *units;
    size_t nunits;
    int units_required;
    int whole;
    const int64_t *echo; /* the values the prompt states, when already read (necho of them);
                            NULL: read them from prompt */
    size_t necho;
};

enum proctor_number_kind {
    PROCTOR_NUMBER_ONE,           /* one number: value */
    PROCTOR_NUMBER_NONE,          /* no number */
    PROCTOR_NUMBER_SEVERAL,       /* two different numbers ("909 or 912", "10-20") */
    PROCTOR_NUMBER_NEGATED,       /* "not 400" */
    PROCTOR_NUMBER_UNIT,          /* a unit that is not the question's ("36 days") */
    PROCTOR_NUMBER_NO_UNIT,       /* the question requires a unit; none given */
    PROCTOR_NUMBER_DECIMAL_COMMA  /* "2,5": a decimal comma, or two numbers? */
};

struct proctor_number_found {
    enum proctor_number_kind kind;
    int64_t value;        /* thousandths (ONE, NEGATED, UNIT, NO_UNIT) */
    size_t start, end;    /* bytes of the text: the number */
    size_t start2, end2;  /* SEVERAL: the other number; UNIT: the unit */
    int read_thousands;   /* "1.700" read as 1,700 */
};

/* Finds the number in text under rules (may be NULL) into out. 0, or -1 on invalid UTF-8,
 * text too long or out of memory. */
int proctor_number_find(const char *text, const struct proctor_number_rules *rules,
                        struct proctor_number_found *out);

/* The number a numeric question reads in text, as its grading does (its prompt, units and
 * answer considered): 0 and *value (thousandths), or -1 when it reads no one number. */
int proctor_numeric_value(const struct proctor_question *q, const char *text, int64_t *value);

/* The left items of a match response left unpaired, numbered as shown ("3, 5 and 6"), into
 * buf; returns how many (0 for a question that is not a match). */
size_t proctor_response_unpaired(const struct proctor_question *q,
                                 const struct proctor_response *r, char *buf, size_t size);

/* Normalises s for matching into a malloc'd string (NULL on invalid UTF-8 / no memory). */
char *proctor_normalize(const char *s);

/* Parses a number as a student types it ("1,700", "-3.5") into thousandths; -1 if none. */
int proctor_parse_number(const char *s, int64_t *out);

/* Formats a thousandths value as "1", "0.5", "2.333" into buf. */
const char *proctor_format_points(int64_t v, char *buf, size_t size);

/* The correct answer described for people ("b) Maj. Gen. Baril"), malloc'd. */
char *proctor_describe_answer(const struct proctor_question *q, const size_t *perm);

/* A response described the same way ("b) Lee", "c, a, b: ...", the text as typed; "" when
 * unanswered), with the letters as shown under perm. malloc'd; NULL on out of memory. */
char *proctor_describe_response(const struct proctor_question *q, const size_t *perm,
                                const struct proctor_response *r);

#endif
