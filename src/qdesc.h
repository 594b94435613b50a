/* SPDX-License-Identifier: ISC */
/*
 * qdesc.h - a question described independently of the file format it was written in, for
 * the checks every question goes through (private to libproctor).
 *
 * A question file is read in two steps. A reader for the format (the bank's JSON today,
 * GIFT or Aiken tomorrow) turns each question into a description: a small tree of values
 * with the members and shapes docs/QUESTIONS.md specifies ("id", "type", "prompt",
 * "options": [{"id", "text", "correct"}], ...), each value carrying a handle to where it was
 * written. Then bank_builder_add (bank.c) checks the description exactly as it checks a
 * question of a bank's JSON file, and reports each problem at the place the reader's
 * position callback gives for the value at fault. So every format gets the same checks
 * and the same messages, each with its own file, line and column.
 *
 * Rule: a struct qdesc owns its nodes (an arena; qdesc_reset empties it for the next
 * question and keeps the memory, qdesc_release frees it). Strings are borrowed: the reader
 * keeps what they point into alive until the description has been checked.
 *
 * For a reader of another format, say GIFT, a sketch of the whole job:
 *
 *     // one position record per value, kept by the reader until the question is checked
 *     struct gift_pos { long line, col; };
 *     static void gift_where(void *ctx, const void *at, long *line, long *col)
 *     {
 *         const struct gift_pos *p = at;
 *         (void)ctx;
 *         *line = p ? p->line : 0;
 *         *col = p ? p->col : 0;
 *     }
 *
 *     struct qsource src = {"quiz.gift", gift_where, NULL};
 *     struct bank_builder *bb;        // checks against the documents of a loaded bank
 *     bank_builder_new(bank, diag, diag_ctx, &bb, &err);
 *     struct qdesc d;
 *     qdesc_init(&d);
 *     for each GIFT question:
 *         qdesc_reset(&d);
 *         struct qnode *q = qdesc_add(&d, NULL, NULL, QNODE_OBJECT, &pos_of_question);
 *         qdesc_add_string(&d, q, "id", "gift-q1", &pos_of_title);
 *         qdesc_add_string(&d, q, "type", "choice", &pos_of_answers);
 *         qdesc_add_string(&d, q, "prompt", text, &pos_of_text);
 *         struct qnode *opts = qdesc_add(&d, q, "options", QNODE_ARRAY, &pos_of_answers);
 *         struct qnode *o = qdesc_add(&d, opts, NULL, QNODE_OBJECT, &pos_of_option);
 *         qdesc_add_string(&d, o, "id", "a", &pos_of_option);
 *         qdesc_add_string(&d, o, "text", "Kigali", &pos_of_option);
 *         qdesc_add_bool(&d, o, "correct", 1, &pos_of_option);
 *         ... "difficulty", "level", "tags", "source", "explain" likewise ...
 *         bank_builder_add(bb, &src, q, &err);  // each problem reported as quiz.gift:LINE:COL
 *     problems = bank_builder_finish(bb);     // ids given twice across the bank too; the
 *     qdesc_release(&d);                      // questions that passed are now the bank's
 *
 * Numbers are as written (a bank file allows "points": 1.5); the checks turn them into
 * thousandths and refuse more than three decimals. A member given twice is reported as a
 * duplicate, so a reader need not check that itself.
 */
#ifndef PROCTOR_QDESC_H
#define PROCTOR_QDESC_H

#include <stddef.h>
#include <string.h>

#include <cJSON.h>

#include "proctor/bank.h"

enum qnode_kind {
    QNODE_NULL,
    QNODE_FALSE,
    QNODE_TRUE,
    QNODE_NUMBER,
    QNODE_STRING,
    QNODE_ARRAY,
    QNODE_OBJECT
};

/* A value of a description. */
struct qnode {
    enum qnode_kind kind;
    const char *name;    /* the member's name in its object; NULL in an array or at the top */
    size_t nlen;         /* its length in bytes (0 without one) */
    const char *str;     /* QNODE_STRING: the text, NUL-terminated (borrowed) */
    double num;          /* QNODE_NUMBER */
    struct qnode *child; /* QNODE_ARRAY, QNODE_OBJECT: the first element or member */
    struct qnode *last;  /* and the last, for appending */
    struct qnode *next;  /* the next element or member of the parent */
    size_t n;            /* how many elements or members */
    const void *at;      /* where it was written: the reader's handle for qsource.where */
};

/*
 * Where the described questions come from: the path named in messages, and the reader's
 * way from a value's handle (qnode.at) to its line and column (1-based; 0 when unknown).
 * where may be NULL: problems are then reported with the path alone.
 */
struct qsource {
    const char *path;
    void (*where)(void *ctx, const void *at, long *line, long *column);
    void *ctx;
};

#define QDESC_BLOCK_NODES 128

struct qdesc_block {
    struct qdesc_block *next;
    size_t used;
    struct qnode nodes[QDESC_BLOCK_NODES];
};

/* An arena of nodes. */
struct qdesc {
    struct qdesc_block *blocks, *cur;
    int failed; /* out of memory: qdesc_add returned NULL */
};

void qdesc_init(struct qdesc *d);
void qdesc_reset(struct qdesc *d);
void qdesc_release(struct qdesc *d);

/*
 * A new value of kind appended to parent: as member name of an object, or as the next
 * element of an array (name NULL). parent NULL makes a free-standing value (the question's
 * object). Returns NULL, and sets d->failed, when memory runs out.
 */
struct qnode *qdesc_add_block(struct qdesc *d, struct qnode *parent, const char *name,
                              size_t nlen, enum qnode_kind kind, const void *at);

/* v made parent's last child (nothing when parent is NULL: the root). */
static inline void
qnode_link(struct qnode *parent, struct qnode *v)
{
    if (parent) {
        if (parent->last)
            parent->last->next = v;
        else
            parent->child = v;
        parent->last = v;
        parent->n++;
    }
}

/* qdesc_add with the name's length given (nlen bytes, NUL-terminated after them). */
static inline struct qnode *
qdesc_add_n(struct qdesc *d, struct qnode *parent, const char *name, size_t nlen,
            enum qnode_kind kind, const void *at)
{
    struct qnode *v;

    if (!d->cur || d->cur->used == QDESC_BLOCK_NODES)
        return qdesc_add_block(d, parent, name, nlen, kind, at); /* the next block first */
    v = &d->cur->nodes[d->cur->used++];
    *v = (struct qnode){.kind = kind, .name = name, .nlen = nlen, .at = at};
    qnode_link(parent, v);
    return v;
}

static inline struct qnode *
qdesc_add(struct qdesc *d, struct qnode *parent, const char *name, enum qnode_kind kind,
          const void *at)
{
    return qdesc_add_n(d, parent, name, name ? strlen(name) : 0, kind, at);
}

static inline struct qnode *
qdesc_add_string(struct qdesc *d, struct qnode *parent, const char *name, const char *s,
                 const void *at)
{
    struct qnode *v = qdesc_add(d, parent, name, QNODE_STRING, at);

    if (v)
        v->str = s;
    return v;
}
struct qnode *qdesc_add_number(struct qdesc *d, struct qnode *parent, const char *name, double v,
                               const void *at);
struct qnode *qdesc_add_bool(struct qdesc *d, struct qnode *parent, const char *name, int v,
                             const void *at);

/*
 * The description of the JSON value v (with every member and element), each node's at
 * being its cJSON node: the JSON reader's positions come from those (jsonpos_node). NULL on
 * out of memory.
 */
struct qnode *qdesc_from_cjson(struct qdesc *d, const cJSON *v);

/* Member m is named name: lengths first, so that a literal name costs a compare or two. */
static inline int
qnode_named(const struct qnode *m, const char *name)
{
    size_t len = strlen(name);

    return m->name && m->nlen == len && memcmp(m->name, name, len) == 0;
}

/* Member name of object o (the first when given twice), or NULL; NULL o gives NULL. */
static inline const struct qnode *
qnode_member(const struct qnode *o, const char *name)
{
    const struct qnode *m;

    if (!o || o->kind != QNODE_OBJECT)
        return NULL;
    for (m = o->child; m; m = m->next)
        if (qnode_named(m, name))
            return m;
    return NULL;
}

static inline int
qnode_is_string(const struct qnode *v)
{
    return v && v->kind == QNODE_STRING && v->str;
}

static inline int
qnode_is_bool(const struct qnode *v)
{
    return v && (v->kind == QNODE_TRUE || v->kind == QNODE_FALSE);
}

static inline int
qnode_is_true(const struct qnode *v)
{
    return v && v->kind == QNODE_TRUE;
}

static inline int
qnode_is_number(const struct qnode *v)
{
    return v && v->kind == QNODE_NUMBER;
}

static inline int
qnode_is_array(const struct qnode *v)
{
    return v && v->kind == QNODE_ARRAY;
}

static inline int
qnode_is_object(const struct qnode *v)
{
    return v && v->kind == QNODE_OBJECT;
}

/* A string with something other than spaces in it. */
int qnode_nonempty(const struct qnode *v);

/* A number holding an integer of at most 2^53 in magnitude, into *out. */
int qnode_get_int(const struct qnode *v, long long *out);

#define qnode_each(m, parent) for ((m) = (parent) ? (parent)->child : NULL; (m); (m) = (m)->next)

/* ---- checking described questions into a bank (bank.c) ---- */

struct bank_builder;

/*
 * Starts adding questions to bank b, which proctor_bank_load made: the questions' passages
 * are looked up in its documents, their ids must be unique across it. Each problem found is
 * passed to diag (may be NULL) with ctx, as proctor_bank_load passes them; diag returning
 * nonzero stops adding. PROCTOR_ENOMEM.
 */
int bank_builder_new(struct proctor_bank *b, proctor_diag_fn diag, void *ctx,
                     struct bank_builder **out, struct proctor_error *err);

/*
 * Checks the question described by q (an object) as proctor_bank_load checks one of a bank
 * file, with every check and message the same, positions from src (src->path is copied), and
 * adds it to the bank when it passes. Returns 0 when added, 1 when refused (each problem went
 * to diag), PROCTOR_ENOMEM. Questions added may move b->questions: hold no pointer into it
 * until bank_builder_finish.
 */
int bank_builder_add(struct bank_builder *bb, const struct qsource *src, const struct qnode *q,
                     struct proctor_error *err);

/*
 * Ends the adding: ids given twice across the whole bank are reported (diag), and the bank's
 * id index is rebuilt for proctor_bank_find. Frees bb. Returns the number of problems found
 * since bank_builder_new (0 when every question was added).
 */
int bank_builder_finish(struct bank_builder *bb);

#endif
