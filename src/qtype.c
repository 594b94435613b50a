/* SPDX-License-Identifier: ISC */
/* qtype.c - the table of question types, and the pieces the types share. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctor/limits.h"
#include "grade-prep.h"
#include "json-arena.h"
#include "qtype.h"

/*
 * The table is built from QTYPE_LIST. These assertions fail the compile when the list and
 * enum proctor_qtype disagree: a type without a row, or a row out of place.
 */
#define QTYPE_INDEX(e, n) QTYPE_INDEX_##n,
enum qtype_index { QTYPE_LIST(QTYPE_INDEX) QTYPE_COUNT };
_Static_assert(QTYPE_COUNT == PROCTOR_NTYPES,
               "every question type of enum proctor_qtype needs a row in QTYPE_LIST");
#define QTYPE_IN_PLACE(e, n)                                                                       \
    _Static_assert((int)(e) == (int)QTYPE_INDEX_##n,                                               \
                   "QTYPE_LIST row '" #n "' is not at its enumerator's place");
QTYPE_LIST(QTYPE_IN_PLACE)

#define QTYPE_ROW(e, n) [e] = &qtype_##n,
const struct qtype *const qtypes[PROCTOR_NTYPES] = {QTYPE_LIST(QTYPE_ROW)};

const char *
proctor_qtype_name(enum proctor_qtype t)
{
    return (unsigned)t < PROCTOR_NTYPES ? qtypes[t]->name : "?";
}

int
proctor_qtype_parse(const char *name)
{
    for (int i = 0; i < PROCTOR_NTYPES; i++)
        if (strcmp(name, qtypes[i]->name) == 0)
            return i;
    return -1;
}

/* ---- grading ---- */

int64_t
qtype_share(int64_t points, int64_t num, int64_t den)
{
    if (points <= 0 || num <= 0 || den <= 0)
        return 0;
    if (num >= den)
        return points;
    return (points / den) * num + (points % den) * num / den;
}

long
qtype_find_option(const struct proctor_option *opts, size_t n, const char *id)
{
    if (!id)
        return -1;
    /* qtype_same_id inline: verify asks this for every id of every response */
    for (size_t i = 0; i < n; i++) {
        const char *a = opts[i].id, *b = id;
        if (!a)
            continue;
        while (*a && *a == *b)
            a++, b++;
        if (*a == *b)
            return (long)i;
    }
    return -1;
}

long
qtype_find_option_at(const struct proctor_question *q, const struct proctor_option *opts,
                     size_t n, const char *id, size_t hint)
{
    if (hint < n && q->prep && q->prep->distinct && qtype_same_id(opts[hint].id, id))
        return (long)hint;
    return qtype_find_option(opts, n, id);
}


/* ---- labels and display order ---- */

void
qtype_label(size_t k, char *buf, size_t size)
{
    if (k < 26)
        snprintf(buf, size, "%c", (char)('a' + k));
    else
        snprintf(buf, size, "%zu", k + 1);
}

void
qtype_label_range(size_t n, char *buf, size_t size)
{
    char last[24];

    qtype_label(n - 1, last, sizeof last);
    if (n > 26)
        snprintf(buf, size, "1 to %zu", n);
    else
        snprintf(buf, size, "a to %s", last);
}

void
qtype_sbuf_label(struct sbuf *b, size_t k)
{
    char l[24];

    qtype_label(k, l, sizeof l);
    sbuf_str(b, l);
}

size_t
qtype_canon(const size_t *perm, size_t k)
{
    return perm ? perm[k] : k;
}

size_t
qtype_displayed(const size_t *perm, size_t n, size_t c)
{
    if (!perm)
        return c;
    for (size_t k = 0; k < n; k++)
        if (perm[k] == c)
            return k;
    return c;
}

int
qtype_check_perm(const size_t *perm, size_t n, struct proctor_error *err)
{
    if (!perm)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (perm[i] >= n)
            return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                     "display order names option %zu of %zu", perm[i] + 1, n);
        for (size_t j = 0; j < i; j++)
            if (perm[j] == perm[i])
                return proctor_error_set(err, PROCTOR_EUSAGE, NULL, 0, 0,
                                         "display order names option %zu twice", perm[i] + 1);
    }
    return 0;
}

void
qtype_describe_option(struct sbuf *b, const struct proctor_option *opts, size_t n,
                      const size_t *perm, const char *id)
{
    long k = qtype_find_option(opts, n, id);

    if (k < 0) {
        sbuf_str(b, id);
        return;
    }
    qtype_sbuf_label(b, qtype_displayed(perm, n, (size_t)k));
    sbuf_str(b, ") ");
    sbuf_str(b, opts[k].text ? opts[k].text : "");
}

size_t
qtype_option_items(const struct proctor_question *q, const struct proctor_option **list,
                   int *in_order_shows)
{
    *list = q->options;
    *in_order_shows = 0;
    return q->noptions;
}

void
qtype_show_option_list(const struct proctor_question *q, const size_t *perm, size_t k,
                       qtype_item_fn item, void *ctx)
{
    (void)k;
    qtype_show_options(q->options, q->noptions, perm, 0, item, ctx);
}

void
qtype_show_options(const struct proctor_option *opts, size_t n, const size_t *perm, int list,
                   qtype_item_fn item, void *ctx)
{
    char label[24];

    for (size_t k = 0; k < n; k++) {
        snprintf(label, sizeof label, "%c)", (int)('a' + k));
        item(ctx, list, label, opts[qtype_canon(perm, k)].text);
    }
}

/* ---- typed answers ---- */

int
qtype_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

int
qtype_is_list_sep(char c)
{
    return qtype_is_space(c) || c == ',' || c == ';';
}

int
qtype_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int
qtype_is_alpha(int c)
{
    c = qtype_lower(c);
    return c >= 'a' && c <= 'z';
}

int
qtype_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/*
 * Reads a decimal number of at most 6 digits at *p (advancing it); a longer number yields
 * SIZE_MAX, which is out of every range.
 */
size_t
qtype_read_num(const char **p)
{
    const char *s = *p;
    size_t v = 0, nd = 0;

    for (; qtype_is_digit(*s); s++) {
        if (nd < 6)
            v = v * 10 + (size_t)(*s - '0');
        nd++;
    }
    *p = s;
    return nd > 6 ? SIZE_MAX : v;
}

/* A separator between labels: spaces, commas, semicolons, '&', '+', '/', '>', '-', '.',
 * brackets and '→' ("a, b & e", "(a) (b)", "b > c > a", "b-c-a", "a. b."); its length. */
static size_t
label_sep(const char *s)
{
    if (qtype_is_list_sep(*s) || strchr("&+/>-.()[]", *s))
        return *s ? 1 : 0;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x86 && (unsigned char)s[2] == 0x92)
        return 3; /* U+2192 RIGHTWARDS ARROW */
    return 0;
}

/* "and", "then", "plus" between labels: separators, never letters. */
static size_t
label_word(const char *s)
{
    static const char *const words[] = {"and", "then", "plus", NULL};

    for (size_t i = 0; words[i]; i++) {
        size_t n = strlen(words[i]), k;
        for (k = 0; k < n && qtype_lower(s[k]) == words[i][k]; k++)
            ;
        if (k == n && !qtype_is_alpha(s[n]) && !qtype_is_digit(s[n]))
            return n;
    }
    return 0;
}

/*
 * Splits s into displayed indexes: tokens separated by label_sep and the words "and",
 * "then" and "plus"; a token is a number (1-based) or a run of letters (each one a label, so
 * "cab" is c, a, b). Writes up to max indexes into out (0-based; SIZE_MAX for 0 or a number
 * too long) and returns how many the text holds, or -1 when a token is neither (*bad points
 * at it). Indexes typed as numbers are flagged in typed_num (when not NULL).
 */
long
qtype_split_labels(const char *s, size_t *out, unsigned char *typed_num, size_t max,
                   const char **bad)
{
    long count = 0;
    size_t v, n;

    for (;;) {
        while ((n = label_sep(s)) > 0 || (n = label_word(s)) > 0)
            s += n;
        if (!*s)
            return count;
        if (qtype_is_digit(*s)) {
            v = qtype_read_num(&s);
            v = v == 0 || v == SIZE_MAX ? SIZE_MAX : v - 1;
            if ((size_t)count < max) {
                out[count] = v;
                if (typed_num)
                    typed_num[count] = 1;
            }
            count++;
        } else if (qtype_is_alpha(*s)) {
            for (; qtype_is_alpha(*s); s++) {
                if ((size_t)count < max) {
                    out[count] = (size_t)(qtype_lower(*s) - 'a');
                    if (typed_num)
                        typed_num[count] = 0;
                }
                count++;
            }
        } else {
            *bad = s;
            return -1;
        }
        if (*s && !label_sep(s)) {
            *bad = s;
            return -1;
        }
    }
}

/* Index k as the student typed it, for messages: "e", "9", or "0" for 0 and huge numbers. */
void
qtype_typed_label(size_t k, int typed_num, char *buf, size_t size)
{
    if (k == SIZE_MAX)
        snprintf(buf, size, "0");
    else if (typed_num)
        snprintf(buf, size, "%zu", k + 1);
    else
        qtype_label(k, buf, size);
}

/* Allocates r->ids (and r->ids2 when both) for n entries. */
int
qtype_alloc_ids(struct proctor_response *r, size_t n, int both)
{
    r->ids = calloc(n ? n : 1, sizeof *r->ids);
    if (!r->ids)
        return -1;
    if (both) {
        r->ids2 = calloc(n ? n : 1, sizeof *r->ids2);
        if (!r->ids2)
            return -1;
    }
    return 0;
}

int
qtype_push_id(struct proctor_response *r, const char *id, const char *id2)
{
    size_t i = r->nids;

    r->ids[i] = strdup(id ? id : "");
    r->nids++;
    if (!r->ids[i])
        return -1;
    if (r->ids2) {
        r->ids2[i] = strdup(id2 ? id2 : "");
        if (!r->ids2[i])
            return -1;
    }
    return 0;
}

/* ---- responses in JSON ---- */

int
qtype_json_bad(struct proctor_error *err, const struct proctor_question *q, const char *what)
{
    return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "response to '%s': %s", q->id, what);
}

int
qtype_json_oom(struct proctor_response *r, struct proctor_error *err)
{
    proctor_response_release(r);
    return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
}

cJSON *
qtype_ids_to_json(const struct proctor_question *q, const struct proctor_response *r)
{
    cJSON *v = cJSON_CreateArray();

    (void)q;
    for (size_t i = 0; v && i < r->nids; i++) {
        cJSON *s = cJSON_CreateString(r->ids[i]);
        if (!s || !cJSON_AddItemToArray(v, s)) {
            cJSON_Delete(s);
            cJSON_Delete(v);
            return NULL;
        }
    }
    return v;
}

static int
seen_before(char **ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (qtype_same_id(ids[i], id))
            return 1;
    return 0;
}

/* An array of distinct option ids of q, at most max of them (exactly max with exactly). */
char *
qtype_json_str(const struct proctor_response *r, const char *s)
{
    return r->borrowed ? (char *)s : strdup(s);
}

char **
qtype_json_ids(const struct proctor_response *r, size_t n)
{
    size_t bytes;
    char **p;

    if (!r->borrowed)
        return calloc(n ? n : 1, sizeof *p);
    if (n > SIZE_MAX / sizeof *p - 1)
        return NULL;
    bytes = (n ? n : 1) * sizeof *p;
    if ((p = json_arena_take(bytes)))
        for (size_t i = 0; i < (n ? n : 1); i++) /* a few: without memset's call */
            p[i] = NULL;
    return p;
}

int
qtype_ids_from_value(const struct proctor_question *q, const struct response_value *v,
                     size_t max, int exactly, struct proctor_response *r,
                     struct proctor_error *err)
{
    size_t n;

    if (v->kind != RV_ARRAY)
        return qtype_json_bad(err, q, "expected an array of option ids");
    n = v->n;
    if (n > max || (exactly && n != max))
        return qtype_json_bad(err, q, "wrong number of option ids");
    r->ids = qtype_json_ids(r, n);
    if (!r->ids)
        return qtype_json_oom(r, err);
    for (size_t i = 0; i < n; i++) {
        const char *e = v->items[i];
        if (!e || qtype_find_option_at(q, q->options, q->noptions, e, i) < 0) {
            proctor_response_release(r);
            return qtype_json_bad(err, q, "no such option");
        }
        if (seen_before(r->ids, r->nids, e)) {
            proctor_response_release(r);
            return qtype_json_bad(err, q, "an option id is repeated");
        }
        if (!(r->ids[r->nids] = qtype_json_str(r, e)))
            return qtype_json_oom(r, err);
        r->nids++;
    }
    return 0;
}

int
qtype_text_from_value(const struct proctor_question *q, const struct response_value *v,
                      struct proctor_response *r, struct proctor_error *err)
{
    if (v->kind != RV_STRING)
        return qtype_json_bad(err, q, "expected a string");
    if (v->len > PROCTOR_ANSWER_MAX_BYTES)
        return qtype_json_bad(err, q, "text longer than 64 KiB");
    if (!(r->text = qtype_json_str(r, v->str)))
        return qtype_json_oom(r, err);
    return 0;
}

cJSON *
qtype_text_to_json(const struct proctor_question *q, const struct proctor_response *r)
{
    (void)q;
    return cJSON_CreateString(r->text ? r->text : "");
}

/* ---- canonical forms (verify's fingerprint of the same answers) ---- */

void
qtype_canon_ids(struct sbuf *b, const struct proctor_question *q,
                const struct proctor_response *r)
{
    (void)q;
    for (size_t k = 0; k < r->nids; k++)
        qtype_canon_str(b, r->ids[k]);
}

/* A multi's ids, a match's pairs: sorted by (left) id, so the order given does not count. */
void
qtype_canon_id_set(struct sbuf *b, const struct proctor_question *q,
                   const struct proctor_response *r)
{
    size_t stack[32];
    size_t *order = r->nids <= 32 ? stack : malloc((r->nids + 1) * sizeof *order);

    if (!order) { /* out of memory: the ids as given (a copy may then be missed) */
        qtype_canon_ids(b, q, r);
        return;
    }
    for (size_t k = 0; k < r->nids; k++) { /* insertion sort by (left) id: few ids */
        size_t j = k;
        while (j > 0 && strcmp(r->ids[k], r->ids[order[j - 1]]) < 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    for (size_t k = 0; k < r->nids; k++) {
        qtype_canon_str(b, r->ids[order[k]]);
        if (r->ids2)
            qtype_canon_str(b, r->ids2[order[k]]);
    }
    if (order != stack)
        free(order);
}

void
qtype_canon_text(struct sbuf *b, const struct proctor_question *q,
                 const struct proctor_response *r)
{
    char *norm, low[64];
    size_t n;

    (void)q;
    if (!r->text)
        return;
    /* one ASCII word of letters alone (the usual typed answer): proctor_normalize gives it
     * in small letters, so it is written so without its copy */
    for (n = 0; n < sizeof low && ((r->text[n] | 0x20) >= 'a' && (r->text[n] | 0x20) <= 'z');
         n++)
        low[n] = (char)(r->text[n] | 0x20);
    if (n > 0 && n < sizeof low && !r->text[n]) {
        low[n] = '\0';
        qtype_canon_str(b, low);
        return;
    }
    norm = proctor_normalize(r->text);
    qtype_canon_str(b, norm ? norm : r->text);
    free(norm);
}

char *
qtype_canon_int(int64_t v, char buf[32])
{
    char digits[24];
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    size_t n = 0, k = 0;

    do
        digits[n++] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    buf[k++] = '=';
    if (v < 0)
        buf[k++] = '-';
    while (n > 0)
        buf[k++] = digits[--n];
    buf[k] = '\0';
    return buf;
}

void
qtype_canon_number(struct sbuf *b, const struct proctor_question *q,
                   const struct proctor_response *r)
{
    int64_t value;
    char num[32];

    /* the value grading reads ("1,700", "1700" and "about 1700" alike) */
    if (r->text && proctor_numeric_value(q, r->text, &value) == 0) {
        qtype_canon_str(b, qtype_canon_int(value, num));
    } else {
        qtype_canon_text(b, q, r);
    }
}

/* ---- embedding ---- */

int
qtype_add_option(cJSON *arr, char prefix, size_t k, const char *text, int correct)
{
    char id[24];
    cJSON *o = cJSON_CreateObject();

    snprintf(id, sizeof id, "%c%zu", prefix, k + 1);
    if (!o || !cJSON_AddItemToArray(arr, o) || !cJSON_AddStringToObject(o, "id", id) ||
        !cJSON_AddStringToObject(o, "text", text) ||
        (correct && !cJSON_AddTrueToObject(o, "correct")))
        return -1;
    return 0;
}

size_t
qtype_pos_of(const size_t *p, size_t n, size_t v)
{
    size_t k = 0;

    while (k < n && p[k] != v)
        k++;
    return k;
}

/* ---- the defaults most types share ---- */

void
qtype_release_none(struct proctor_question *q)
{
    (void)q;
}

size_t
qtype_no_items(const struct proctor_question *q, const struct proctor_option **list,
               int *in_order_shows)
{
    (void)q;
    *list = NULL;
    *in_order_shows = 0;
    return 0;
}

int64_t
qtype_points(const struct proctor_question *q)
{
    return q->points;
}

size_t
qtype_one_part(const struct proctor_question *q)
{
    (void)q;
    return 1;
}

const struct proctor_question *
qtype_self(const struct proctor_question *q, size_t k)
{
    return k == 0 ? q : NULL;
}

void
qtype_show_nothing(const struct proctor_question *q, const size_t *perm, size_t k,
                   qtype_item_fn item, void *ctx)
{
    (void)q, (void)perm, (void)k, (void)item, (void)ctx;
}

void
qtype_describe_text(struct sbuf *b, const struct proctor_question *q, const size_t *perm,
                    const struct proctor_response *r)
{
    (void)q, (void)perm;
    sbuf_str(b, r->text ? r->text : "");
}

int
qtype_parse_text(const struct proctor_question *q, const size_t *perm, size_t part, const char *s,
                 struct proctor_response *r, struct proctor_error *err)
{
    (void)q, (void)perm, (void)part;
    if (!*s)
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0, "type an answer, or :skip");
    if (!(r->text = strdup(s)))
        return proctor_error_set(err, PROCTOR_ENOMEM, NULL, 0, 0, "out of memory");
    return 0;
}
