/* SPDX-License-Identifier: ISC */
/*
 * bank.h - source documents, passages and question banks.
 *
 * Rule: proctor_bank_load returns an owned bank that owns every question, document and
 * string reachable from it; free it with proctor_bank_free. Questions and documents are
 * borrowed pointers into the bank, valid until it is freed. The bank format is specified in
 * docs/QUESTIONS.md.
 */
#ifndef PROCTOR_BANK_H
#define PROCTOR_BANK_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/error.h"

enum proctor_qtype {
    PROCTOR_CHOICE,
    PROCTOR_MULTI,
    PROCTOR_TRUEFALSE,
    PROCTOR_SHORT,
    PROCTOR_NUMERIC,
    PROCTOR_ORDER,
    PROCTOR_MATCH,
    PROCTOR_ESSAY,
    PROCTOR_CLOZE
};

/* The number of question types: not an enumerator, so a switch on the type names every type
 * and nothing else (-Wswitch-enum), and a forgotten one is a compiler warning. */
#define PROCTOR_NTYPES ((int)PROCTOR_CLOZE + 1)

/* Their names, for help and messages (proctor_qtype_name gives each). */
#define PROCTOR_QTYPE_NAMES                                                                \
    "choice, multi, truefalse, short, numeric, order, match, essay or cloze"

enum proctor_level { PROCTOR_RECALL, PROCTOR_UNDERSTANDING, PROCTOR_ANALYSIS };

/* How a short answer is matched (struct proctor_question.match): the answers are people's
 * names; case counts; accents count; the answer must be the accepted one, not contain it. */
enum {
    PROCTOR_MATCH_NAME = 1u << 0,
    PROCTOR_MATCH_CASE = 1u << 1,
    PROCTOR_MATCH_ACCENTS = 1u << 2,
    PROCTOR_MATCH_WHOLE = 1u << 3
};

/* A paragraph of a document: [start, end) byte offsets and its first line (1-based). */
struct proctor_para {
    size_t start, end;
    long line;
};

struct proctor_doc {
    char *id, *file, *title, *date, *origin, *citation; /* date, origin, citation: NULL when
                                                           the manifest leaves them out */
    char *text; /* the whole document, NUL-terminated */
    size_t len;
    struct proctor_para *paras;
    size_t nparas;
    char **skip; /* quotes of paragraphs coverage need not see covered */
    size_t nskip;
};

/* An option of choice/multi, an item of order, a left or right item of match. */
struct proctor_option {
    char *id;
    char *text;
    int correct; /* choice/multi */
};

struct proctor_question {
    char *id;
    enum proctor_qtype type;
    char *prompt;
    int64_t points; /* thousandths */
    int difficulty; /* 1..3 */
    enum proctor_level level;
    char **tags;
    size_t ntags;
    char *explain;
    /* the passage: the doc, the byte span of the quote, and its enclosing paragraph */
    const struct proctor_doc *doc;
    char *quote;
    size_t quote_start, quote_end; /* byte offsets into doc->text */
    size_t para;                    /* index into doc->paras */
    int shuffle;                    /* choice/multi: shuffle options (default 1) */

    struct proctor_option *options; /* choice, multi, order (in correct order), match lefts */
    size_t noptions;
    struct proctor_option *rights; /* match: rights (pairs' rights in order, then distractors) */
    size_t nrights;
    size_t npairs; /* match: left i pairs with right i for i < npairs */
    int truth;     /* truefalse */
    char **accept; /* short */
    size_t naccept;
    char **reject; /* short: known wrong answers, checked first */
    size_t nreject;
    int typos;             /* short: edits allowed in a word, -1 = automatic */
    unsigned match;        /* short: PROCTOR_MATCH_* */
    char **units;          /* numeric: units the answer may carry */
    size_t nunits;
    int units_required;    /* numeric: a unit must be given */
    int64_t value;         /* numeric: answer in thousandths */
    int64_t lo, hi;        /* numeric: accepted closed range in thousandths */
    int is_range;          /* numeric: given as "range" (else answer ± tolerance) */
    char *rubric;          /* essay */
    long min_words;        /* essay */
    struct proctor_question *gaps; /* cloze: each gap a short, numeric or choice question of
                                      its own, its points the gap's weight (thousandths) */
    size_t ngaps;
    int sealed;            /* from a sealed assignment: the answer is not known, so
                              proctor_grade and proctor_grade_max give 0 */
    struct proctor_grade_prep *prep; /* grading data prepared once (a cache that verify
                                        fills; NULL until then; private) */

    /* where it was defined, for messages */
    const char *file;
    long line, column;
};

struct proctor_bank {
    char *dir;
    struct proctor_doc *docs;
    size_t ndocs;
    struct proctor_question *questions;
    size_t nquestions;
    unsigned char digest[32]; /* SHA-256 over the manifest, sources and question files */
    struct proctor_question **byid; /* questions sorted by id, for proctor_bank_find */
    char **paths;                  /* the files read (questions' file members point here) */
    size_t npaths;
    int require_source; /* the manifest's "require_source": every question cites a passage and
                           explains its answer; without it both are optional (imported banks) */
    struct bank_strings *strings; /* private: the questions' strings, a few large blocks
                                     (freed with the bank, not one by one) */
};

/* Called for every problem found while loading; return nonzero to stop at the first. */
typedef int (*proctor_diag_fn)(void *ctx, const struct proctor_error *err);

/*
 * Loads the bank in dir: sources/manifest.json, its documents, and dir/<name>.json in name
 * order. Every problem found is passed to diag (when not NULL) and counted; loading goes on
 * past bad questions so lint can report them all. Returns the number of problems (0 when
 * clean) and sets *out to the bank (NULL when the manifest itself is unusable, with err
 * describing why). With only_files (NULL-terminated list, may be NULL), question files are
 * those paths instead of dir/<name>.json.
 */
int proctor_bank_load(const char *dir, const char *const *only_files, proctor_diag_fn diag,
                      void *ctx, struct proctor_bank **out, struct proctor_error *err);

enum {
    PROCTOR_BANK_NO_DIGEST = 1,  /* leave digest zero: for checks that sign nothing (lint) */
    PROCTOR_BANK_WHOLE_FILES = 2 /* read each question file whole into a cJSON tree, as before
                                    files were read in pieces: the same questions and messages
                                    in more memory (tests compare the two readers) */
};

/* proctor_bank_load with flags. Hashing every file is a third of the work of loading a large
 * bank, and only what signs or verifies results needs the digest. */
int proctor_bank_load_flags(const char *dir, const char *const *only_files, unsigned flags,
                            proctor_diag_fn diag, void *ctx, struct proctor_bank **out,
                            struct proctor_error *err);

void proctor_bank_free(struct proctor_bank *bank);

/*
 * A bank from questions embedded in a signed file: text is strict JSON {"questions": [...]}
 * in the embedded form of docs/FORMAT.md (integer thousandths; passages as
 * {doc, title, line, paragraph, offset, quote}). With sealed set the questions carry no
 * answers (and must not). Stops at the first problem: PROCTOR_EINVAL naming path. The bank
 * has no manifest; its documents hold only the cited paragraphs. Free with proctor_bank_free.
 */
int proctor_bank_from_json(const char *text, size_t len, int sealed, const char *path,
                           struct proctor_bank **out, struct proctor_error *err);

const struct proctor_question *proctor_bank_find(const struct proctor_bank *bank,
                                                 const char *id);
const struct proctor_doc *proctor_bank_doc(const struct proctor_bank *bank, const char *id);

const char *proctor_qtype_name(enum proctor_qtype t);
int proctor_qtype_parse(const char *name); /* -1 when unknown */
const char *proctor_level_name(enum proctor_level l);
int proctor_level_parse(const char *name); /* -1 when unknown */

/*
 * Finds quote in text with whitespace runs folded, starting the search at byte from. On
 * success returns 0 and sets [*start, *end) to the matched bytes of text; -1 if absent.
 */
int proctor_passage_find(const char *text, size_t len, const char *quote, size_t from,
                         size_t *start, size_t *end);

#endif
