/* SPDX-License-Identifier: ISC */
/* verdict-json.c - a verdict as one JSON object, written by the map and read by the reduce. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "json-strict.h"
#include "json-write.h"
#include "sbuf.h"
#include "proctor/assignment.h"
#include "proctor/bank.h"
#include "proctor/score.h"
#include "proctor/verdict-json.h"

void
proctor_verdict_against(const unsigned char *assignment_digest, const char *assignment_id,
                        const unsigned char *bank_digest, char *out, size_t size)
{
    char hex[65];

    if (assignment_digest && assignment_id) {
        sodium_bin2hex(hex, sizeof hex, assignment_digest, 32);
        snprintf(out, size, "assignment %s %s", assignment_id, hex);
    } else if (bank_digest) {
        sodium_bin2hex(hex, sizeof hex, bank_digest, 32);
        snprintf(out, size, "bank %s", hex);
    } else if (size) {
        out[0] = '\0';
    }
}

/*
 * The object is written straight into a buffer, byte for byte as cJSON_PrintUnformatted
 * printed the tree this used to build (json_write_cjson_*; test-verdicts holds the text to
 * cJSON's own printing of it): a map line per file, without a tree of thirty nodes.
 */
static void
key(struct sbuf *b, const char *name)
{
    char t[48];
    size_t n = strlen(name), k = 0; /* the names here are short and need no escaping */

    if (b->len && b->s[b->len - 1] != '{' && b->s[b->len - 1] != '[')
        t[k++] = ',';
    t[k++] = '"';
    memcpy(t + k, name, n < 40 ? n : 40);
    k += n < 40 ? n : 40;
    t[k++] = '"';
    t[k++] = ':';
    sbuf_put(b, t, k);
}

/* A buffer with room for a verdict's text from the start (no growing by doubling). */
static struct sbuf
text_buffer(void)
{
    struct sbuf b = {malloc(2048), 0, 2048, 0, 0};

    if (!b.s)
        b.cap = 0;
    return b;
}

/* The n bytes at bin as lowercase hex at out (2n + 1 bytes): public data, by table. */
static void
hex_of(const unsigned char *bin, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = "0123456789abcdef"[bin[i] >> 4];
        out[2 * i + 1] = "0123456789abcdef"[bin[i] & 15];
    }
    out[2 * n] = '\0';
}

static void
put_str(struct sbuf *b, const char *name, const char *v)
{
    key(b, name);
    json_write_cjson_string(b, v);
}

static void
put_int(struct sbuf *b, const char *name, int64_t v)
{
    key(b, name);
    json_write_cjson_int(b, v);
}

static void
put_bool(struct sbuf *b, const char *name, int v)
{
    key(b, name);
    sbuf_str(b, v ? "true" : "false");
}

static void
put_hex(struct sbuf *b, const char *name, const unsigned char *bin, size_t n)
{
    char hex[2 * 32 + 3];
    hex_of(bin, n, hex + 1);
    hex[0] = '"';
    hex[2 * n + 1] = '"';
    key(b, name);
    sbuf_put(b, hex, 2 * n + 2);
}

char *
proctor_verdict_json(const struct proctor_verdict *v, const char *against)
{
    struct sbuf b = text_buffer();

    sbuf_char(&b, '{');
    put_str(&b, "against", against ? against : "");
    put_bool(&b, "valid", v->valid);
    put_str(&b, "status", proctor_status_name(v->status));
    put_str(&b, "reason", v->reason);
    put_str(&b, "student", v->student);
    put_str(&b, "claimed", v->claimed);
    put_str(&b, "name", v->name);
    put_str(&b, "kind", v->kind);
    put_str(&b, "taken_id", v->taken_id);
    put_str(&b, "started", v->started);
    put_str(&b, "finished", v->finished);
    put_int(&b, "attempt", v->attempt);
    put_int(&b, "earned", v->earned);
    put_int(&b, "max", v->max);
    put_int(&b, "essay_earned", v->essay_earned);
    put_int(&b, "essay_max", v->essay_max);
    put_int(&b, "unmarked", (int64_t)v->unmarked);
    put_bool(&b, "late", v->late);
    put_bool(&b, "overtime", v->overtime);
    put_str(&b, "warnings", v->warnings);
    put_bool(&b, "duplicate", v->duplicate);
    put_bool(&b, "have_hashes", v->have_hashes);
    put_hex(&b, "nonce", v->nonce, sizeof v->nonce);
    put_hex(&b, "payload_sha", v->payload_hash, sizeof v->payload_hash);
    put_hex(&b, "responses_sha", v->responses_hash, sizeof v->responses_hash);
    put_bool(&b, "copy_evidence", v->copy_evidence);
    key(&b, "essays");
    sbuf_char(&b, '[');
    for (size_t i = 0; i < v->nessays && i < PROCTOR_ESSAY_PRINTS; i++) {
        char hex[33];
        hex_of(v->essay_hash[i], 16, hex);
        if (i)
            sbuf_char(&b, ',');
        sbuf_char(&b, '"');
        sbuf_str(&b, hex);
        sbuf_char(&b, '"');
    }
    sbuf_char(&b, ']');
    key(&b, "items");
    sbuf_char(&b, '[');
    for (size_t i = 0; i < v->nitems; i++) {
        const struct proctor_verdict_item *it = &v->items[i];
        char picks[17];
        snprintf(picks, sizeof picks, "%016" PRIx64, it->picks);
        if (i)
            sbuf_char(&b, ',');
        sbuf_char(&b, '{');
        put_int(&b, "earned", it->earned);
        put_str(&b, "picks", picks);
        put_bool(&b, "answered", it->answered);
        put_bool(&b, "marked", it->marked);
        sbuf_char(&b, '}');
    }
    sbuf_str(&b, "]}");
    return sbuf_finish(&b);
}

/* The questions of an assignment result: points, answered, marked (essays), picked options. */
static void
json_items(struct sbuf *b, const struct proctor_verdict *v, const struct proctor_assignment *a,
           const struct proctor_bank *key_bank)
{
    key(b, "questions");
    sbuf_char(b, '[');
    for (size_t k = 0; k < v->nitems && a && k < a->nq; k++) {
        const struct proctor_question *q = proctor_bank_find(key_bank, a->qids[k]);
        const struct proctor_verdict_item *it = &v->items[k];
        if (k)
            sbuf_char(b, ',');
        sbuf_char(b, '{');
        put_str(b, "id", a->qids[k]);
        put_int(b, "earned", it->earned);
        put_bool(b, "answered", it->answered);
        if (q && q->type == PROCTOR_ESSAY)
            put_bool(b, "marked", it->marked);
        if (q && (q->type == PROCTOR_CHOICE || q->type == PROCTOR_MULTI ||
                  q->type == PROCTOR_TRUEFALSE)) {
            int n = 0;
            key(b, "picked");
            sbuf_char(b, '[');
            for (size_t k2 = 0; k2 < 64; k2++) {
                const char *name = q->type == PROCTOR_TRUEFALSE ? (k2 == 0 ? "true" : "false")
                                   : k2 < q->noptions           ? q->options[k2].id
                                                                : NULL;
                if (!(it->picks >> k2 & 1) || !name)
                    continue;
                if (n++)
                    sbuf_char(b, ',');
                json_write_cjson_string(b, name);
            }
            sbuf_char(b, ']');
        }
        sbuf_char(b, '}');
    }
    sbuf_char(b, ']');
}

char *
proctor_verdict_line_json(const char *file, const struct proctor_verdict *v, const char *check,
                          const struct proctor_assignment *a, const struct proctor_bank *key_bank)
{
    struct sbuf b = text_buffer();
    int p = proctor_percent(v->earned, v->max);

    sbuf_char(&b, '{');
    put_str(&b, "file", file);
    put_str(&b, "status", proctor_status_name(v->status));
    put_str(&b, "reason", v->status == PROCTOR_STATUS_OK ? "" : v->reason);
    put_str(&b, "student", v->student);
    put_str(&b, "name", v->name);
    put_str(&b, "kind", v->kind);
    put_str(&b, "finished", v->finished);
    if (v->valid && strcmp(v->kind, "assignment") == 0) {
        int64_t e = v->earned + v->essay_earned, m = v->max + v->essay_max;
        p = proctor_percent(e, m);
        put_str(&b, "assignment", v->taken_id);
        put_str(&b, "started", v->started);
        put_int(&b, "earned", e);
        put_int(&b, "max", m);
        key(&b, "percent");
        if (p < 0)
            sbuf_str(&b, "null");
        else
            json_write_cjson_int(&b, p);
        put_int(&b, "attempt", v->attempt);
        put_int(&b, "essay_earned", v->essay_earned);
        put_int(&b, "essay_max", v->essay_max);
        put_int(&b, "unmarked", (int64_t)v->unmarked);
        put_bool(&b, "late", v->late);
        put_bool(&b, "overtime", v->overtime);
        put_str(&b, "warnings", v->warnings);
        if (v->items)
            json_items(&b, v, a, key_bank);
    } else if (v->valid) {
        put_int(&b, "earned", v->earned);
        put_int(&b, "max", v->max);
        key(&b, "percent");
        if (p < 0)
            sbuf_str(&b, "null");
        else
            json_write_cjson_int(&b, p);
        put_int(&b, "attempt", v->attempt);
        put_str(&b, "warnings", v->warnings);
    } else if (v->attempt) {
        put_int(&b, "attempt", v->attempt);
    }
    if (v->duplicate)
        put_bool(&b, "duplicate", 1);
    if (v->claimed[0] && strcmp(v->claimed, v->student) != 0)
        put_str(&b, "claimed", v->claimed);
    /* the file's own verdict, for proctor gradebook (the reduce) */
    if (check) {
        key(&b, "check");
        sbuf_str(&b, check);
    }
    sbuf_char(&b, '}');
    return sbuf_finish(&b);
}


/* Reading */

struct rd {
    const char *path;
    long line;
    struct proctor_error *err;
};

static int
bad(struct rd *r, const char *member, const char *want)
{
    return proctor_error_set(r->err, PROCTOR_EINVAL, r->path, r->line, 0, "%s: want %s", member,
                             want);
}

/* A string member of at most size - 1 bytes (valid UTF-8 past the strict check), copied. */
static int
get_str(struct rd *r, const cJSON *o, const char *name, char *dst, size_t size)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);
    char member[64];

    snprintf(member, sizeof member, "check.%s", name);
    if (!cJSON_IsString(m) || strlen(m->valuestring) >= size) {
        char want[64];
        snprintf(want, sizeof want, "a string of at most %zu bytes", size - 1);
        return bad(r, member, want);
    }
    memcpy(dst, m->valuestring, strlen(m->valuestring) + 1);
    return 0;
}

static int
get_bool(struct rd *r, const cJSON *o, const char *name, int *dst)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);
    char member[64];

    snprintf(member, sizeof member, "check.%s", name);
    if (!cJSON_IsBool(m))
        return bad(r, member, "true or false");
    *dst = cJSON_IsTrue(m);
    return 0;
}

static int
get_int(struct rd *r, const cJSON *o, const char *name, int64_t lo, int64_t *dst)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);
    char member[64];

    snprintf(member, sizeof member, "check.%s", name);
    if (!proctor_json_get_int(m, dst) || *dst < lo)
        return bad(r, member, lo == 0 ? "a whole number, 0 or more" : "a whole number");
    return 0;
}

static int
get_hex(struct rd *r, const cJSON *m, const char *member, unsigned char *dst, size_t n)
{
    size_t got = 0;
    char want[64];

    if (cJSON_IsString(m) && strlen(m->valuestring) == 2 * n) {
        const char *s = m->valuestring;
        size_t i;
        for (i = 0; s[i] && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')); i++)
            ;
        if (i == 2 * n && sodium_hex2bin(dst, n, s, 2 * n, NULL, &got, NULL) == 0 && got == n)
            return 0;
    }
    snprintf(want, sizeof want, "%zu lowercase hex digits", 2 * n);
    return bad(r, member, want);
}

static int
get_status(struct rd *r, const cJSON *o, enum proctor_status *dst)
{
    static const enum proctor_status st[] = {PROCTOR_STATUS_OK, PROCTOR_STATUS_INVALID,
                                             PROCTOR_STATUS_CONFLICT, PROCTOR_STATUS_UNCHECKED};
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "status");

    for (size_t i = 0; cJSON_IsString(m) && i < sizeof st / sizeof st[0]; i++)
        if (strcmp(m->valuestring, proctor_status_name(st[i])) == 0) {
            *dst = st[i];
            return 0;
        }
    return bad(r, "check.status", "OK, INVALID, CONFLICT or UNCHECKED");
}

static int
get_items(struct rd *r, const cJSON *o, struct proctor_verdict *v)
{
    static const char *const names[] = {"earned", "picks", "answered", "marked"};
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, "items"), *e;
    size_t n;

    if (!cJSON_IsArray(arr) || (n = (size_t)cJSON_GetArraySize(arr)) > PROCTOR_RESULT_MAX_QUESTIONS)
        return bad(r, "check.items", "an array of at most " "the questions of a result");
    if (n == 0)
        return 0;
    if (!(v->items = calloc(n, sizeof *v->items)))
        return proctor_error_set(r->err, PROCTOR_ENOMEM, r->path, r->line, 0, "out of memory");
    cJSON_ArrayForEach(e, arr) {
        struct proctor_verdict_item *it = &v->items[v->nitems];
        unsigned char picks[8];
        char member[48];
        int answered, marked;
        const cJSON *m;
        snprintf(member, sizeof member, "check.items[%zu]", v->nitems);
        if (!cJSON_IsObject(e) || cJSON_GetArraySize(e) != 4)
            return bad(r, member, "an object of earned, picks, answered and marked");
        for (size_t k = 0; k < 4; k++)
            if (!cJSON_GetObjectItemCaseSensitive(e, names[k]))
                return bad(r, member, "an object of earned, picks, answered and marked");
        if (!proctor_json_get_int(cJSON_GetObjectItemCaseSensitive(e, "earned"), &it->earned) ||
            it->earned < 0 || !cJSON_IsBool(m = cJSON_GetObjectItemCaseSensitive(e, "answered")))
            return bad(r, member, "earned 0 or more and answered true or false");
        answered = cJSON_IsTrue(m);
        if (!cJSON_IsBool(m = cJSON_GetObjectItemCaseSensitive(e, "marked")))
            return bad(r, member, "marked true or false");
        marked = cJSON_IsTrue(m);
        snprintf(member, sizeof member, "check.items[%zu].picks", v->nitems);
        if (get_hex(r, cJSON_GetObjectItemCaseSensitive(e, "picks"), member, picks, 8) < 0)
            return PROCTOR_EINVAL;
        it->picks = 0;
        for (int k = 0; k < 8; k++)
            it->picks = it->picks << 8 | picks[k];
        it->answered = (unsigned char)answered;
        it->marked = (unsigned char)marked;
        v->nitems++;
    }
    return 0;
}

static int
read_check(struct rd *r, const cJSON *c, struct proctor_verdict *v, char *against,
           size_t against_size)
{
    static const char *const members[] = {
        "against", "valid", "status", "reason", "student", "claimed", "name", "kind",
        "taken_id", "started", "finished", "attempt", "earned", "max", "essay_earned",
        "essay_max", "unmarked", "late", "overtime", "warnings", "duplicate", "have_hashes",
        "nonce", "payload_sha", "responses_sha", "copy_evidence", "essays", "items", NULL};
    const cJSON *m, *essays;
    int64_t unmarked;

    cJSON_ArrayForEach(m, c) {
        size_t i;
        for (i = 0; members[i] && strcmp(members[i], m->string) != 0; i++)
            ;
        if (!members[i]) {
            char member[80];
            snprintf(member, sizeof member, "check.%.60s", m->string);
            return proctor_error_set(r->err, PROCTOR_EINVAL, r->path, r->line, 0,
                                     "%s: unknown member", member);
        }
    }
    if (get_str(r, c, "against", against, against_size) < 0 ||
        get_bool(r, c, "valid", &v->valid) < 0 || get_status(r, c, &v->status) < 0 ||
        get_str(r, c, "reason", v->reason, sizeof v->reason) < 0 ||
        get_str(r, c, "student", v->student, sizeof v->student) < 0 ||
        get_str(r, c, "claimed", v->claimed, sizeof v->claimed) < 0 ||
        get_str(r, c, "name", v->name, sizeof v->name) < 0 ||
        get_str(r, c, "kind", v->kind, sizeof v->kind) < 0 ||
        get_str(r, c, "taken_id", v->taken_id, sizeof v->taken_id) < 0 ||
        get_str(r, c, "started", v->started, sizeof v->started) < 0 ||
        get_str(r, c, "finished", v->finished, sizeof v->finished) < 0 ||
        get_int(r, c, "attempt", 0, &v->attempt) < 0 || get_int(r, c, "earned", 0, &v->earned) < 0 ||
        get_int(r, c, "max", 0, &v->max) < 0 ||
        get_int(r, c, "essay_earned", 0, &v->essay_earned) < 0 ||
        get_int(r, c, "essay_max", 0, &v->essay_max) < 0 ||
        get_int(r, c, "unmarked", 0, &unmarked) < 0 || get_bool(r, c, "late", &v->late) < 0 ||
        get_bool(r, c, "overtime", &v->overtime) < 0 ||
        get_str(r, c, "warnings", v->warnings, sizeof v->warnings) < 0 ||
        get_bool(r, c, "duplicate", &v->duplicate) < 0 ||
        get_bool(r, c, "have_hashes", &v->have_hashes) < 0 ||
        get_hex(r, cJSON_GetObjectItemCaseSensitive(c, "nonce"), "check.nonce", v->nonce,
                sizeof v->nonce) < 0 ||
        get_hex(r, cJSON_GetObjectItemCaseSensitive(c, "payload_sha"), "check.payload_sha",
                v->payload_hash, sizeof v->payload_hash) < 0 ||
        get_hex(r, cJSON_GetObjectItemCaseSensitive(c, "responses_sha"), "check.responses_sha",
                v->responses_hash, sizeof v->responses_hash) < 0 ||
        get_bool(r, c, "copy_evidence", &v->copy_evidence) < 0)
        return PROCTOR_EINVAL;
    v->unmarked = (size_t)unmarked;
    essays = cJSON_GetObjectItemCaseSensitive(c, "essays");
    if (!cJSON_IsArray(essays) || cJSON_GetArraySize(essays) > PROCTOR_ESSAY_PRINTS)
        return bad(r, "check.essays", "an array of at most 4 fingerprints");
    cJSON_ArrayForEach(m, essays) {
        char member[32];
        snprintf(member, sizeof member, "check.essays[%zu]", v->nessays);
        if (get_hex(r, m, member, v->essay_hash[v->nessays], 16) < 0)
            return PROCTOR_EINVAL;
        v->nessays++;
    }
    return get_items(r, c, v);
}

int
proctor_verdict_parse(const char *text, size_t len, const char *path, long line,
                      struct proctor_verdict *out, char **file, char **against,
                      struct proctor_error *err)
{
    struct rd r = {path, line, err};
    struct proctor_error e;
    char bind[PROCTOR_AGAINST_MAX];
    const cJSON *f, *c;
    cJSON *root;
    int rc;

    memset(out, 0, sizeof *out);
    *file = NULL;
    *against = NULL;
    proctor_error_clear(&e);
    if (!(root = proctor_json_parse_strict(text, len, path, &e)))
        return proctor_error_set(err, e.code, path, line, e.column, "%s", e.msg);
    f = cJSON_GetObjectItemCaseSensitive(root, "file");
    c = cJSON_GetObjectItemCaseSensitive(root, "check");
    if (!cJSON_IsObject(root) || !cJSON_IsString(f) || !f->valuestring[0] ||
        strlen(f->valuestring) > 4096 || !cJSON_IsObject(c)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, line, 0,
                               "not a line of 'proctor verify --json' (want an object with "
                               "\"file\" and \"check\")");
        goto out;
    }
    if ((rc = read_check(&r, c, out, bind, sizeof bind)) < 0)
        goto out;
    if (!(*file = strdup(f->valuestring)) || !(*against = strdup(bind))) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, line, 0, "out of memory");
        goto out;
    }
    out->file = *file;
    rc = 0;
out:
    if (rc < 0) {
        proctor_verdict_release(out);
        memset(out, 0, sizeof *out);
        free(*file);
        free(*against);
        *file = NULL;
        *against = NULL;
    }
    cJSON_Delete(root);
    return rc;
}
