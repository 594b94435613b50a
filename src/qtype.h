/* SPDX-License-Identifier: ISC */
/*
 * qtype.h - question types as modules behind one table (private to libproctor).
 *
 * Everything that differs from one type of question to another goes through qtypes[],
 * indexed by enum proctor_qtype: the members its JSON may have, loading and checking it,
 * writing it into an assignment (sealed or open), which of its lists is shown in a drawn
 * order, grading, reading what a student typed, its response to and from JSON, and
 * describing its answer and a response. Each type is one file, src/qtype/<name>.c, which
 * defines its row with QTYPE_DEFINE; the rest of the library calls through the table and
 * never switches on the type.
 *
 * Adding a type: its enumerator in proctor/bank.h (and PROCTOR_NTYPES), its line in
 * QTYPE_LIST below, its file. The build checks the rest: the static assertions in qtype.c
 * fail when QTYPE_LIST and the enum disagree (a type without a row, a row out of place),
 * QTYPE_DEFINE refuses a row with an operation left out or NULL, and a listed type whose
 * file is missing fails the link: never a NULL found at run time. Outside the library's
 * dispatch, `proctor init` writes an example of each type (the table in src/course.c;
 * tests/cli/t15-init.sh lists the types it expects).
 */
#ifndef PROCTOR_QTYPE_H
#define PROCTOR_QTYPE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cJSON.h>

#include "bank-internal.h"
#include "proctor/grade.h"
#include "qdesc.h"
#include "response-json.h" /* struct response_value */
#include "sbuf.h"

/* Every type, in the order of enum proctor_qtype: X(enumerator, name). */
#define QTYPE_LIST(X)                                                                        \
    X(PROCTOR_CHOICE, choice)                                                                \
    X(PROCTOR_MULTI, multi)                                                                  \
    X(PROCTOR_TRUEFALSE, truefalse)                                                          \
    X(PROCTOR_SHORT, short)                                                                  \
    X(PROCTOR_NUMERIC, numeric)                                                              \
    X(PROCTOR_ORDER, order)                                                                  \
    X(PROCTOR_MATCH, match)                                                                  \
    X(PROCTOR_ESSAY, essay)                                                                  \
    X(PROCTOR_CLOZE, cloze)

struct qload;

/* Called for each item shown with a question (proctor_question_show in grade.h). */
typedef proctor_item_fn qtype_item_fn;

struct qtype {
    const char *name; /* as written in "type" */
    const char *hint; /* how to answer, shown under the question */

    /* The members its JSON may have besides the common ones (NULL-terminated): in a bank
     * file; embedded in a signed file, those that show the question (sealed and full form)
     * and those that give its answer (full form only). */
    const char *const *members;
    const char *const *shown;
    const char *const *answers;

    /* Reads and checks the type's own members of the description jq into q (whose id,
     * prompt and points are set), reporting each problem through qload_report; the form
     * (a bank file, a sealed or a full embedded question) is qload_form(L). 0 or -1. */
    int (*load)(struct qload *L, struct proctor_question *q, const struct qnode *jq);

    /* Frees what load allocated beyond the common fields (bank.c frees those). */
    void (*release)(struct proctor_question *q);

    /* Adds the type's members to o, the question embedded in an assignment: with full, the
     * answers too. perm[k] is the index in the drawn list (see items) of the item that gets
     * the k-th opaque id. 0, or -1 on out of memory. */
    int (*embed)(cJSON *o, const struct proctor_question *q, const size_t *perm, int full);

    /* The list whose order is drawn for each student (options, items, match's rights) and
     * its length; 0 when the type shows no list in a drawn order. *in_order_shows is set
     * when the list in its own order would show the answer (order's items), so practice
     * never draws that order. */
    size_t (*items)(const struct proctor_question *q, const struct proctor_option **list,
                    int *in_order_shows);

    /* The points q can earn by grading (0 for what a teacher marks), and the points r
     * earns, from 0 to that (proctor_grade clamps whatever this returns); how the answer
     * was read into note (zeroed by the caller; may be NULL). */
    int64_t (*max)(const struct proctor_question *q);
    int64_t (*grade)(const struct proctor_question *q, const struct proctor_response *r,
                     struct proctor_grade_note *note);

    /* How many answers it takes at the prompt, and the question answered at part k (q
     * itself for a one-part question). */
    size_t (*parts)(const struct proctor_question *q);
    const struct proctor_question *(*part)(const struct proctor_question *q, size_t k);

    /* Reads s (trimmed, valid UTF-8, at most PROCTOR_ANSWER_MAX_BYTES) as part k of the
     * response r: part 0 fills a zeroed r; a later part adds to what the earlier filled.
     * PROCTOR_EINVAL with err->msg saying what was expected. */
    int (*parse)(const struct proctor_question *q, const size_t *perm, size_t k, const char *s,
                 struct proctor_response *r, struct proctor_error *err);

    /* The response's JSON value (NULL on out of memory), and back (r zeroed first): the one
     * response reader, of a JSON value however it was read (response-json.h). */
    cJSON *(*to_json)(const struct proctor_question *q, const struct proctor_response *r);
    int (*from_value)(const struct proctor_question *q, const struct response_value *v,
                      struct proctor_response *r, struct proctor_error *err);

    /* The response's answer in a canonical form, appended to b as NUL-terminated strings:
     * what verify fingerprints to find the same answers under two names, so equal answers
     * must give equal bytes however they were typed or encoded (ids as sets where order
     * does not matter, numbers by value, text normalised). */
    void (*canonical)(struct sbuf *b, const struct proctor_question *q,
                      const struct proctor_response *r);

    /* The correct answer, and an answered response, for people; letters as shown under
     * perm (valid, or NULL). */
    void (*describe_answer)(struct sbuf *b, const struct proctor_question *q,
                            const size_t *perm);
    void (*describe_response)(struct sbuf *b, const struct proctor_question *q,
                              const size_t *perm, const struct proctor_response *r);

    /* The items shown with part k of the question, in the order shown, each with its label. */
    void (*show)(const struct proctor_question *q, const size_t *perm, size_t k,
                 qtype_item_fn item, void *ctx);
};

/*
 * Defines qtype_<n>, a type's row: every field in the order of struct qtype. The macro takes
 * them all, so none can be left out, and a static assertion refuses each operation given as
 * NULL (or 0); the table in qtype.c takes the address of qtype_<n> for every type in
 * QTYPE_LIST, so a listed type without its file fails the link.
 */
#define QTYPE_DEFINE(n, hint, members, shown, answers, load, release, embed, items, max, grade, \
                     parts, part, parse, to_json, from_value, canonical, describe_answer,   \
                     describe_response, show)                                               \
    QTYPE_SET(load) QTYPE_SET(release) QTYPE_SET(embed) QTYPE_SET(items) QTYPE_SET(max)     \
    QTYPE_SET(grade) QTYPE_SET(parts) QTYPE_SET(part) QTYPE_SET(parse) QTYPE_SET(to_json)    \
    QTYPE_SET(from_value) QTYPE_SET(canonical) QTYPE_SET(describe_answer)                     \
    QTYPE_SET(describe_response) QTYPE_SET(show)                                             \
    const struct qtype qtype_##n = {#n,        hint,      members,         shown,             \
                                    answers,   load,      release,         embed,             \
                                    items,     max,       grade,           parts,             \
                                    part,      parse,     to_json,         from_value,        \
                                    canonical, describe_answer, describe_response, show}
#define QTYPE_SET(op)                                                                        \
    _Static_assert(_Generic((op), void *: 0, int: 0, long: 0, default: 1),                   \
                   "question type operation '" #op "' is not set");

#define QTYPE_DECLARE(e, n) extern const struct qtype qtype_##n;
QTYPE_LIST(QTYPE_DECLARE)

/* The rows, indexed by enum proctor_qtype (qtype.c). */
extern const struct qtype *const qtypes[PROCTOR_NTYPES];

/* The row of q's type. */
#define QTYPE(q) (qtypes[(q)->type])

/* ---- what the types share (qtype.c) ---- */

/* points * num / den rounded down, for 0 <= num <= den, den > 0, without overflow. */
int64_t qtype_share(int64_t points, int64_t num, int64_t den);

/* The index of the option whose id is id in opts[0..n), or -1. */
long qtype_find_option(const struct proctor_option *opts, size_t n, const char *id);

/* qtype_find_option, trying place hint first when q is prepared and its ids are known
 * distinct (grade-prep.h), so that the place found there is the only one: the same answer,
 * without comparing the ids before it. A response's usual answer is where the hint says (an
 * order's k-th id, a match's k-th left and its right). */
long qtype_find_option_at(const struct proctor_question *q, const struct proctor_option *opts,
                          size_t n, const char *id, size_t hint);

/* Whether ids a and b (either may be NULL: not the same) are the same; inline: verify asks
 * it for every id of every response. */
static inline int
qtype_same_id(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    /* ids are short: compared here, without strcmp's call (the same answer) */
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* Whether r gives id. */
static inline int
qtype_response_has(const struct proctor_response *r, const char *id)
{
    for (size_t i = 0; i < r->nids; i++)
        if (qtype_same_id(r->ids[i], id))
            return 1;
    return 0;
}

/* Labels as shown: "a".."z", then numbers; "a to d" (or "1 to 30") for n options. */
void qtype_label(size_t k, char *buf, size_t size);
void qtype_label_range(size_t n, char *buf, size_t size);
void qtype_sbuf_label(struct sbuf *b, size_t k);

/* Canonical index of the option shown k-th; the index shown for canonical c. */
size_t qtype_canon(const size_t *perm, size_t k);
size_t qtype_displayed(const size_t *perm, size_t n, size_t c);

/* Whether perm is a permutation of n (NULL is); PROCTOR_EUSAGE naming the fault. */
int qtype_check_perm(const size_t *perm, size_t n, struct proctor_error *err);

/* "b) Lee": the option with this id as shown, or the id itself when q has none such. */
void qtype_describe_option(struct sbuf *b, const struct proctor_option *opts, size_t n,
                           const size_t *perm, const char *id);

/* The options as the drawn list (choice, multi), and shown as list 0 (choice, multi, order). */
size_t qtype_option_items(const struct proctor_question *q, const struct proctor_option **list,
                          int *in_order_shows);
void qtype_show_option_list(const struct proctor_question *q, const size_t *perm, size_t k,
                            qtype_item_fn item, void *ctx);

/* Items labelled a), b), ... in the order perm shows them, as list 0. */
void qtype_show_options(const struct proctor_option *opts, size_t n, const size_t *perm,
                        int list, qtype_item_fn item, void *ctx);

/* Typed answers. */
int qtype_is_space(char c);
int qtype_is_list_sep(char c);
int qtype_lower(int c);
int qtype_is_alpha(int c);
int qtype_is_digit(int c);
size_t qtype_read_num(const char **p);
long qtype_split_labels(const char *s, size_t *out, unsigned char *typed_num, size_t max,
                        const char **bad);
void qtype_typed_label(size_t k, int typed_num, char *buf, size_t size);
int qtype_alloc_ids(struct proctor_response *r, size_t n, int both);
int qtype_push_id(struct proctor_response *r, const char *id, const char *id2);

/* Responses in JSON. */
int qtype_json_bad(struct proctor_error *err, const struct proctor_question *q,
                   const char *what);
int qtype_json_oom(struct proctor_response *r, struct proctor_error *err);
/* What a from_value hook keeps of the JSON value: a copy of s, or s itself when r borrows
 * (response_from_cjson_borrowed, response_from_value_borrowed); n zeroed id slots (at least
 * one), from the open json arena scope when r borrows. NULL when out of memory. */
char *qtype_json_str(const struct proctor_response *r, const char *s);
char **qtype_json_ids(const struct proctor_response *r, size_t n);
cJSON *qtype_ids_to_json(const struct proctor_question *q, const struct proctor_response *r);
int qtype_ids_from_value(const struct proctor_question *q, const struct response_value *v,
                         size_t max, int exactly, struct proctor_response *r,
                         struct proctor_error *err);
int qtype_text_from_value(const struct proctor_question *q, const struct response_value *v,
                          struct proctor_response *r, struct proctor_error *err);

/* Canonical forms: each string NUL-terminated; ids as given; ids sorted (with their pairs);
 * text normalised (proctor_normalize, as typed when it cannot be); a number by its value
 * ("=1700000"), text that is no number normalised. */
static inline void
qtype_canon_str(struct sbuf *b, const char *s)
{
    size_t n = strlen(s) + 1;

    if (!b->failed && b->len + n + 1 <= b->cap) { /* sbuf_put's copy, without its call */
        memcpy(b->s + b->len, s, n);
        b->len += n;
        b->s[b->len] = '\0';
    } else {
        sbuf_put(b, s, n);
    }
}
void qtype_canon_ids(struct sbuf *b, const struct proctor_question *q,
                     const struct proctor_response *r);
void qtype_canon_id_set(struct sbuf *b, const struct proctor_question *q,
                        const struct proctor_response *r);
void qtype_canon_text(struct sbuf *b, const struct proctor_question *q,
                      const struct proctor_response *r);
/* A number's canonical form: "=" and its decimal digits ("=-1700"), as snprintf's "=%lld"
 * gives it, into buf; returns buf. */
char *qtype_canon_int(int64_t v, char buf[32]);
void qtype_canon_number(struct sbuf *b, const struct proctor_question *q,
                        const struct proctor_response *r);

/* Embedding: an option {id: <prefix><k+1>, text, correct when set} appended to arr; the
 * position of v in p[0..n). */
int qtype_add_option(cJSON *arr, char prefix, size_t k, const char *text, int correct);
size_t qtype_pos_of(const size_t *p, size_t n, size_t v);

/* The defaults most types share. */
void qtype_release_none(struct proctor_question *q);
size_t qtype_no_items(const struct proctor_question *q, const struct proctor_option **list,
                      int *in_order_shows);
int64_t qtype_points(const struct proctor_question *q);
size_t qtype_one_part(const struct proctor_question *q);
const struct proctor_question *qtype_self(const struct proctor_question *q, size_t k);
void qtype_show_nothing(const struct proctor_question *q, const size_t *perm, size_t k,
                        qtype_item_fn item, void *ctx);
void qtype_describe_text(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                         const struct proctor_response *r);
cJSON *qtype_text_to_json(const struct proctor_question *q, const struct proctor_response *r);
/* Any text but none: what short and essay answers are at the prompt. */
int qtype_parse_text(const struct proctor_question *q, const size_t *perm, size_t part,
                     const char *s, struct proctor_response *r, struct proctor_error *err);

/* ---- choice.c, for multi too: options with correct ones ---- */

/* "options" (2 to 8, with "correct" unless sealed) and "shuffle": exactly one correct option,
 * or with multi at least one. */
int qtype_load_choices(struct qload *L, struct proctor_question *q, const struct qnode *jq,
                       int multi);
int qtype_embed_choices(cJSON *o, const struct proctor_question *q, const size_t *perm,
                        int full);
/* The correct options as shown: "a) X; c) Y". */
void qtype_describe_correct(struct sbuf *b, const struct proctor_question *q,
                            const size_t *perm);

/* A question of options with none is refused at the prompt ("has no options"), and so is a
 * display order that is not a permutation of them. */
int qtype_check_options(const struct proctor_question *q, const size_t *perm,
                        struct proctor_error *err);

/* ---- loading (bank.c): what a type's load op may call ---- */

enum bank_form qload_form(const struct qload *L);

/* Reports a problem at value at (its position from the description's source); returns -1. */
int qload_report(struct qload *L, const struct qnode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A copy of s that the bank owns (NULL for NULL); out of memory stops the load. */
char *qload_strdup(struct qload *L, const char *s);

/* A number of thousandths: in a bank file a number with at most three decimals; embedded in
 * a signed file, the integer count of thousandths. 0, or -1 when v is neither. */
int qload_milli(const struct qload *L, const struct qnode *v, int64_t *out);

/* A number with at most three decimals as thousandths, whatever the form. */
int qload_decimal(const struct qnode *v, int64_t *out);

/* Whether s is a kebab-case id of at most PROCTOR_QUESTION_ID_MAX bytes. */
int qload_valid_id(const char *s);

/* A list [{id, text, correct}] named name of min to max entries into *out (*nout entries):
 * options, items, match's lefts and rights. correct only when with_correct. */
int qload_options(struct qload *L, struct proctor_question *q, const struct qnode *jq,
                  const char *name, size_t min, size_t max, int with_correct,
                  struct proctor_option **out, size_t *nout);

/* Reports each member of obj that is given twice or that a question (gap: part of one) of
 * type t may not have in this form, beyond the names in base (NULL-terminated). 0 or -1. */
int qload_members(struct qload *L, const struct proctor_question *q, const struct qnode *obj,
                  enum proctor_qtype t, const char *const *base);

#endif
