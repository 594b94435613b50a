/* SPDX-License-Identifier: ISC */
/* study.c - what a graded answer is worth to the scheduler, and how questions and courses
 * are known in the study database (content digests, bank ids). */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "proctor/study.h"
#include "qtype.h"
#include "response-json.h"

int
proctor_study_rating(const struct proctor_study_answer *a)
{
    if (a->earned <= 0)
        return PROCTOR_FSRS_AGAIN;
    if (a->earned < a->max || a->retried || a->variant)
        return PROCTOR_FSRS_HARD;
    if (a->certainty >= 3)
        return PROCTOR_FSRS_EASY;
    return PROCTOR_FSRS_GOOD;
}

/* Each field goes in with a tag and its length, so no two questions hash alike by
 * shifting bytes from one field to the next. */
static void
feed(crypto_generichash_state *st, char tag, const void *data, size_t len)
{
    unsigned char head[9];
    head[0] = (unsigned char)tag;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)((uint64_t)len >> (8 * i));
    crypto_generichash_update(st, head, sizeof head);
    if (len)
        crypto_generichash_update(st, data, len);
}

static void
feed_str(crypto_generichash_state *st, char tag, const char *s)
{
    feed(st, tag, s ? s : "", s ? strlen(s) : 0);
}

static void
feed_int(crypto_generichash_state *st, char tag, int64_t v)
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)((uint64_t)v >> (8 * i));
    feed(st, tag, le, sizeof le);
}

void
proctor_study_question_digest(const struct proctor_question *q, unsigned char out[32])
{
    crypto_generichash_state st;
    size_t n = q->noptions + q->nrights + 1, *perm = malloc(n * sizeof *perm);
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;

    crypto_generichash_init(&st, (const unsigned char *)"proctor-study-q2", 16, 32);
    feed_str(&st, 't', proctor_qtype_name(q->type));
    feed_str(&st, 'p', q->prompt);
    feed_int(&st, 'P', q->points);
    /* what the question asks and accepts, as its type writes it into an open assignment
     * (options in the bank's order), so that every type's own members count */
    if (perm && o) {
        for (size_t k = 0; k < n; k++)
            perm[k] = k;
        if (QTYPE(q)->embed(o, q, perm, 1) == 0)
            text = cJSON_PrintUnformatted(o);
    }
    feed_str(&st, 'e', text);
    feed_str(&st, 'd', q->doc ? q->doc->id : NULL);
    feed_str(&st, 'q', q->quote);
    crypto_generichash_final(&st, out, 32);
    cJSON_free(text);
    cJSON_Delete(o);
    free(perm);
}

int
proctor_study_response_digest(const struct proctor_question *q, const struct proctor_response *r,
                              unsigned char out[32])
{
    cJSON *v;
    char *text;

    if (!r->answered || !(v = response_to_cjson(q, r)))
        return -1;
    text = cJSON_PrintUnformatted(v);
    cJSON_Delete(v);
    if (!text)
        return -1;
    crypto_generichash(out, 32, (const unsigned char *)text, strlen(text), NULL, 0);
    cJSON_free(text);
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
proctor_study_bank_id(const struct proctor_bank *bank, char *buf, size_t size)
{
    const char **ids;
    size_t len = 0;

    if (size == 0)
        return;
    buf[0] = '\0';
    ids = malloc((bank->ndocs ? bank->ndocs : 1) * sizeof *ids);
    if (!ids)
        return;
    for (size_t i = 0; i < bank->ndocs; i++)
        ids[i] = bank->docs[i].id;
    qsort(ids, bank->ndocs, sizeof *ids, cmp_str);
    for (size_t i = 0; i < bank->ndocs; i++) {
        size_t k = strlen(ids[i]);
        if (len + (i > 0) + k + 1 > size)
            break;
        if (i > 0)
            buf[len++] = '+';
        memcpy(buf + len, ids[i], k);
        len += k;
        buf[len] = '\0';
    }
    free(ids);
}
