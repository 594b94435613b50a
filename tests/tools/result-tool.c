/* SPDX-License-Identifier: ISC */
/*
 * result-tool.c - test helper for signed results, built on the library API:
 *   result-tool make BANK KEY OUT [correct|mixed|none]   a result of a run on every question
 *   result-tool resign KEY OUT [TYPE]        sign stdin as a payload (default: result type)
 *   result-tool mutate BANK ROSTER FILE      every single-byte change, deletion, insertion
 *                                            and truncation of FILE must fail verification
 * KEY files must be unencrypted. Prints "ok - "/"not ok - " lines for mutate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/session.h"
#include "proctor/sign.h"
#include "proctor/verify.h"

static int
die(const struct proctor_error *err)
{
    fprintf(stderr, "result-tool: %s%s%s\n", err->path, err->path[0] ? ": " : "", err->msg);
    return 1;
}

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

/* The correct response to q. */
static void
correct(const struct proctor_question *q, const char *student, struct proctor_response *r)
{
    char buf[64];

    memset(r, 0, sizeof *r);
    r->answered = 1;
    r->ids = calloc(q->noptions + 1, sizeof *r->ids);
    r->ids2 = calloc(q->noptions + 1, sizeof *r->ids2);
    switch (q->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        for (size_t i = 0; i < q->noptions; i++)
            if (q->options[i].correct)
                r->ids[r->nids++] = xstrdup(q->options[i].id);
        break;
    case PROCTOR_ORDER:
        for (size_t i = 0; i < q->noptions; i++)
            r->ids[r->nids++] = xstrdup(q->options[i].id);
        break;
    case PROCTOR_MATCH:
        for (size_t i = 0; i < q->npairs; i++) {
            r->ids[r->nids] = xstrdup(q->options[i].id);
            r->ids2[r->nids++] = xstrdup(q->rights[i].id);
        }
        break;
    case PROCTOR_TRUEFALSE: r->truth = q->truth; break;
    case PROCTOR_SHORT: {
        char *t = xstrdup(q->accept[0]), *w = t;
        for (char *p = t; *p; p++)
            if (*p != '*')
                *w++ = *p;
        *w = '\0';
        r->text = t;
        break;
    }
    case PROCTOR_NUMERIC:
        r->text = xstrdup(proctor_format_points(q->value, buf, sizeof buf));
        break;
    case PROCTOR_ESSAY: {
        /* each student writes their own (an identical essay is a copy) */
        char essay[128];
        snprintf(essay, sizeof essay, "An essay about the passage, by %s.", student);
        r->text = xstrdup(essay);
        break;
    }
    case PROCTOR_CLOZE: /* each gap's answer, as its own type would give it */
        free(r->ids);
        r->ids = calloc(q->ngaps + 1, sizeof *r->ids);
        for (size_t k = 0; k < q->ngaps; k++) {
            struct proctor_response g;
            correct(&q->gaps[k], student, &g);
            r->ids[r->nids++] = xstrdup(g.text ? g.text : g.ids[0]);
            proctor_response_release(&g);
        }
        break;
    }
}

static int
make(int argc, char **argv)
{
    struct proctor_bank *bank = NULL;
    struct proctor_session *s = NULL;
    struct proctor_key *k = NULL;
    struct proctor_filter f = {0};
    struct proctor_error err;
    const char *mode = argc > 5 ? argv[5] : "correct";
    int rc;

    if (argc < 5)
        return 2;
    if (proctor_bank_load(argv[2], NULL, NULL, NULL, &bank, &err) != 0)
        return die(&err);
    if (proctor_key_load(argv[3], NULL, 0, 1, &k, &err) < 0)
        return die(&err);
    if (proctor_session_new(bank, &f, 0, 1, 0, &s, &err) < 0)
        return die(&err);
    for (size_t i = 0; i < s->n; i++) {
        struct proctor_response r;
        if (strcmp(mode, "none") == 0 || (strcmp(mode, "mixed") == 0 && i % 2 == 1))
            continue;
        correct(s->q[i], k->id, &r);
        proctor_session_answer(s, i, &r);
        proctor_response_release(&r);
    }
    s->finished = time(NULL);
    rc = proctor_result_write(s, k, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL, 1, argv[4],
                              &err);
    if (rc < 0)
        die(&err);
    proctor_session_free(s);
    proctor_key_free(k);
    proctor_bank_free(bank);
    return rc < 0;
}

static int
resign(int argc, char **argv)
{
    struct proctor_key *k = NULL;
    struct proctor_error err;
    char *payload = NULL, *env = NULL;
    size_t cap = 0, len = 0, envlen = 0;
    int rc;

    if (argc < 4)
        return 2;
    if (proctor_key_load(argv[2], NULL, 0, 1, &k, &err) < 0)
        return die(&err);
    for (;;) {
        size_t n;
        if (len + 4096 > cap) {
            cap = cap * 2 + 4096;
            payload = realloc(payload, cap);
        }
        n = fread(payload + len, 1, cap - len, stdin);
        if (n == 0)
            break;
        len += n;
    }
    rc = proctor_dsse_sign(argc > 4 ? argv[4] : PROCTOR_RESULT_TYPE, payload, len, k, &env,
                           &envlen, &err);
    if (rc == 0)
        rc = proctor_file_write(argv[3], env, envlen, 0644, 0, &err);
    if (rc < 0)
        die(&err);
    free(payload);
    free(env);
    proctor_key_free(k);
    return rc < 0;
}

static int
mutate(int argc, char **argv)
{
    struct proctor_bank *bank = NULL;
    struct proctor_roster *roster = NULL;
    struct proctor_verifier *v = NULL;
    struct proctor_verdict verdict;
    struct proctor_error err;
    char *buf = NULL, *m;
    size_t len = 0, accepted = 0, tried = 0;
    clock_t t0 = clock();

    if (argc < 5)
        return 2;
    if (proctor_bank_load(argv[2], NULL, NULL, NULL, &bank, &err) != 0 ||
        proctor_roster_load(argv[3], &roster, &err) < 0 ||
        proctor_verifier_new(roster, bank, &v, &err) < 0 ||
        proctor_file_read(argv[4], PROCTOR_RESULT_MAX_BYTES, &buf, &len, &err) < 0)
        return die(&err);
    m = malloc(len + 2);
    if (proctor_verify_buffer(v, argv[4], buf, len, &verdict) != 0) {
        printf("not ok - the unmodified file verifies: %s\n", verdict.reason);
        return 1;
    }
    printf("ok - the unmodified file verifies (%zu bytes)\n", len);

    /* every byte offset, every other byte value */
    for (size_t i = 0; i < len; i++) {
        memcpy(m, buf, len);
        for (int d = 1; d < 256; d++) {
            m[i] = (char)(buf[i] ^ d);
            tried++;
            if (proctor_verify_buffer(v, "m", m, len, &verdict) == 0) {
                if (accepted++ < 5)
                    printf("# accepted: byte %zu changed from 0x%02x to 0x%02x\n", i,
                           (unsigned char)buf[i], (unsigned char)m[i]);
            }
        }
    }
    printf("%s - all %zu single-byte substitutions refused (%zu accepted)\n",
           accepted ? "not ok" : "ok", tried, accepted);

    accepted = tried = 0;
    for (size_t i = 0; i < len; i++) {
        memcpy(m, buf, i);
        memcpy(m + i, buf + i + 1, len - i - 1);
        tried++;
        if (proctor_verify_buffer(v, "m", m, len - 1, &verdict) == 0)
            accepted++;
        if (proctor_verify_buffer(v, "m", buf, i, &verdict) == 0)
            accepted++;
        tried++;
        for (const char *ins = " \n\tA0=\"{"; *ins; ins++) {
            memcpy(m, buf, i);
            m[i] = *ins;
            memcpy(m + i + 1, buf + i, len - i);
            tried++;
            if (proctor_verify_buffer(v, "m", m, len + 1, &verdict) == 0)
                accepted++;
        }
    }
    printf("%s - all %zu deletions, truncations and insertions refused (%zu accepted)\n",
           accepted ? "not ok" : "ok", tried, accepted);
    printf("# %.2f s\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
    free(m);
    free(buf);
    proctor_verifier_free(v);
    proctor_roster_free(roster);
    proctor_bank_free(bank);
    return accepted != 0;
}

int
main(int argc, char **argv)
{
    if (sodium_init() < 0)
        return 1;
    if (argc >= 2 && strcmp(argv[1], "make") == 0)
        return make(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "resign") == 0)
        return resign(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "mutate") == 0)
        return mutate(argc, argv);
    fprintf(stderr, "usage: result-tool make|resign|mutate ...\n");
    return 2;
}
