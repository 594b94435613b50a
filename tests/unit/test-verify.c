/* SPDX-License-Identifier: ISC */
/* test-verify.c - result payloads and verdicts: make, parse strictly, verify, replays, copies,
 * and verifying on several threads at once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "proctor/result.h"
#include "proctor/session.h"
#include "proctor/sign.h"
#include "proctor/verify.h"
#include "../../src/rfc3339.h"
#include "../../src/signed-file.h"

static struct proctor_bank *bank;
static struct proctor_roster *roster;
static struct proctor_key *s1, *s2, *stranger;
static char roster_path[] = "/tmp/proctor-test-verify-XXXXXX";

/* A session on every question of the fixture bank, the first `answered` answered with the
 * first option id or "1700" (wrong or right, it doesn't matter here). */
static struct proctor_session *
session(size_t answered)
{
    struct proctor_session *s = NULL;
    struct proctor_filter f = {0};
    struct proctor_error err;

    if (proctor_session_new(bank, &f, 0, 1, 0, &s, &err) < 0)
        return NULL;
    for (size_t i = 0; i < s->n && i < answered; i++) {
        const struct proctor_question *q = s->q[i];
        struct proctor_response r = {0};
        char *id = NULL;
        r.answered = 1;
        if (q->type == PROCTOR_CHOICE) {
            id = q->options[0].id;
            r.ids = &id;
            r.nids = 1;
        } else if (q->type == PROCTOR_TRUEFALSE) {
            r.truth = 1;
        } else if (q->type == PROCTOR_SHORT || q->type == PROCTOR_NUMERIC ||
                   q->type == PROCTOR_ESSAY) {
            r.text = (char *)"1700";
        } else {
            continue;
        }
        proctor_session_answer(s, i, &r);
    }
    return s;
}

static char *
make(const struct proctor_key *k, size_t answered, size_t *len)
{
    struct proctor_session *s = session(answered);
    struct proctor_error err;
    char *out = NULL;

    if (!s || proctor_result_make(s, k, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL, 1,
                                  &out, len, &err) < 0)
        printf("# make: %s\n", err.msg);
    proctor_session_free(s);
    return out;
}

static char *
payload_of(const char *env, size_t len)
{
    struct proctor_envelope e;
    char *p = NULL;
    if (proctor_dsse_parse(env, len, "t", &e, NULL) == 0)
        p = strdup((char *)e.payload);
    proctor_envelope_release(&e);
    return p;
}

/* payload with the first occurrence of from replaced by to, signed by k */
static char *
resign(const char *payload, const char *from, const char *to, const struct proctor_key *k,
       size_t *len)
{
    const char *at = strstr(payload, from);
    size_t n = strlen(payload) - strlen(from) + strlen(to);
    char *p, *out = NULL;

    if (!at)
        return NULL;
    p = malloc(n + 1);
    memcpy(p, payload, (size_t)(at - payload));
    strcpy(p + (at - payload), to);
    strcat(p, at + strlen(from));
    proctor_dsse_sign(PROCTOR_RESULT_TYPE, p, strlen(p), k, &out, len, NULL);
    free(p);
    return out;
}

/* q's k-th option id (its k-th right id when right) in the fixture bank. */
static const char *
opt(const char *qid, size_t k, int right)
{
    const struct proctor_question *q = proctor_bank_find(bank, qid);

    if (!q)
        return "?";
    if (right)
        return k < q->nrights ? q->rights[k].id : "?";
    return k < q->noptions ? q->options[k].id : "?";
}

/*
 * The fingerprints (responses_sha, and the essay's when there is one) of the result whose
 * payload is payload with its responses replaced by the members resp, signed by s1, as hex;
 * 0, or -1 when it cannot be made or verify sets no hashes.
 */
static int
fingerprint_of(const struct proctor_verifier *v, const char *payload, const char *resp,
               char hex[65], char essay[33])
{
    const char *at = strstr(payload, "\"responses\":{"), *end;
    struct proctor_verdict vd;
    char *p, *env;
    size_t n, len = 0;
    int depth = 0, in_str = 0;

    if (!at)
        return -1;
    for (end = at + strlen("\"responses\":"); *end; end++) { /* the object's closing brace */
        if (in_str && *end == '\\' && end[1])
            end++;
        else if (*end == '"')
            in_str = !in_str;
        else if (!in_str && *end == '{')
            depth++;
        else if (!in_str && *end == '}' && --depth == 0)
            break;
    }
    if (!*end)
        return -1;
    n = (size_t)(at - payload) + strlen(resp) + strlen(end) + 32;
    if (!(p = malloc(n)))
        return -1;
    snprintf(p, n, "%.*s\"responses\":{%s%s", (int)(at - payload), payload, resp, end);
    /* signed as claiming the score the responses earn: verify's first reading says it */
    for (int pass = 0; pass < 2; pass++) {
        char to[40];
        snprintf(to, sizeof to, "\"earned\":%lld,", pass ? (long long)vd.earned : 2000LL);
        env = resign(p, "\"earned\":2000,", to, s1, &len);
        memset(&vd, 0, sizeof vd);
        if (env)
            proctor_verify_buffer(v, "fp", env, len, &vd);
        free(env);
    }
    free(p);
    if (!vd.have_hashes) {
        printf("# %s\n", vd.reason);
        return -1;
    }
    sodium_bin2hex(hex, 65, vd.responses_hash, sizeof vd.responses_hash);
    if (vd.nessays)
        sodium_bin2hex(essay, 33, vd.essay_hash[0], 16);
    else
        essay[0] = '\0';
    return 0;
}

/* A fingerprint longer than verify's first buffer for it (2 KiB on the stack, then the heap,
 * sbuf_on): the bytes the fingerprint is defined by (the question id and its NUL, the type,
 * the canonical answer and its NUL, a newline, in id order), hashed here. */
static void
test_fingerprint_long(const struct proctor_verifier *v, const char *payload)
{
    size_t nx = 2500, len = 0;
    char *resp = malloc(nx + 64), *bytes = malloc(nx + 64), hex[65], want[65], essay[33];
    unsigned char h[32];

    if (!resp || !bytes) {
        CHECK(0, "memory for a long answer");
        free(resp);
        free(bytes);
        return;
    }
    strcpy(resp, "\"books\":\"1700\",\"spring\":\"");
    len = strlen(resp);
    memset(resp + len, 'x', nx);
    strcpy(resp + len + nx, "\"");
    /* the number as grading read it, in thousandths */
    memcpy(bytes, "books\0\x04=1700000\0\nspring\0\x03", 25);
    len = 25;
    memset(bytes + len, 'x', nx);
    len += nx;
    memcpy(bytes + len, "\0\n", 2);
    len += 2;
    crypto_generichash(h, sizeof h, (const unsigned char *)bytes, len, NULL, 0);
    sodium_bin2hex(want, sizeof want, h, sizeof h);
    CHECK(fingerprint_of(v, payload, resp, hex, essay) == 0 && strcmp(hex, want) == 0,
          "a fingerprint of %zu bytes, past its first buffer, is the hash of its bytes", len);
    free(resp);
    free(bytes);
}

/*
 * The fingerprints of known results are the ones verify has always given (they are compared
 * across files and printed by verify --json, so the bytes hashed must never change): every
 * type answered, answers read loosely (numbers with groups and words, short answers with
 * accents, capitals and spaces, sets given out of order), and the result as made.
 */
static void
test_fingerprints(const struct proctor_verifier *v, const char *payload)
{
    static const char *const want[][2] = {
        /* as verify at 56dc847 gave them */
        {"1190796c6fd75a29760ec9e8de3e352f1137248be30dfa13b7bf61552e5726bb",
         "e22325e7d7929b1426b7a1175c1be72f"},
        {"6cd225e963ebc032f510a3e1e6f86bfe7059c9d3369df95979e540c03d2a0aea", ""},
        {"b9dd390d3834fbd94d7b698440e78a5947630d3071b0b9e450c335cec1cb1102", ""},
    };
    char resp[3][1024], hex[65], essay[33];

    snprintf(resp[0], sizeof resp[0],
             "\"books\":\"1,700\",\"chair\":\"%s\",\"roles\":[\"%s\",\"%s\"],\"lyon\":false,"
             "\"chair-name\":\"Rom\u00e9o  ORTIZ\",\"vote\":\"about 420 votes\","
             "\"sequence\":[\"%s\",\"%s\",\"%s\"],\"who-did-what\":{\"%s\":\"%s\",\"%s\":\"%s\"},"
             "\"why-library\":\"An essay of  more than five\\nwords, here.\",\"spring\":\"Spring!\"",
             opt("chair", 1, 0), opt("roles", 2, 0), opt("roles", 0, 0), opt("sequence", 2, 0),
             opt("sequence", 0, 0), opt("sequence", 1, 0), opt("who-did-what", 1, 0),
             opt("who-did-what", 0, 1), opt("who-did-what", 0, 0), opt("who-did-what", 2, 1));
    snprintf(resp[1], sizeof resp[1],
             "\"books\":\"1.700\",\"chair-name\":\"\",\"vote\":\"four hundred, or 400\","
             "\"spring\":\"  SPRING  \",\"lyon\":true,\"roles\":[\"%s\"]",
             opt("roles", 3, 0));
    snprintf(resp[2], sizeof resp[2], "\"books\":\"1700\",\"chair\":\"%s\"", opt("chair", 0, 0));
    for (size_t i = 0; i < 3; i++) {
        int ok = fingerprint_of(v, payload, resp[i], hex, essay) == 0;
        printf("# fingerprint %zu: %s %s\n", i, ok ? hex : "-", ok ? essay : "-");
        CHECK(ok && strcmp(hex, want[i][0]) == 0 && strcmp(essay, want[i][1]) == 0,
              "the fingerprint of known result %zu is unchanged", i + 1);
    }
    {
        /* the essay written with its words one space apart (hashed as it is) and spaced
         * every other way (joined first): the known essay's fingerprint; four words none */
        static const char *const forms[] = {
            "An essay of more than five words, here.", " An essay of more than five words, here.",
            "An essay of more than five words, here. ", "An essay of  more than five words, here.",
            "An essay of\\tmore than five words, here.", "An essay of \\nmore than five words, here.",
            "\\r\\nAn essay of more than five words, here.\\n"};
        size_t good = 0, n = sizeof forms / sizeof forms[0];
        for (size_t i = 0; i < n; i++) {
            char r[1024], *p = strstr(resp[0], "\"why-library\":\"");
            const char *q = p ? strstr(p + 15, "\",") : NULL;
            if (!q)
                break;
            snprintf(r, sizeof r, "%.*s\"why-library\":\"%s%s", (int)(p - resp[0]), resp[0],
                     forms[i], q);
            good += fingerprint_of(v, payload, r, hex, essay) == 0 &&
                    strcmp(essay, want[0][1]) == 0;
        }
        CHECK(good == n, "the essay spaced %zu ways has its one fingerprint (%zu)", n, good);
        {
            char r[1024], *p = strstr(resp[0], "\"why-library\":\"");
            const char *q = p ? strstr(p + 15, "\",") : NULL;
            int ok = q != NULL;
            if (ok) {
                snprintf(r, sizeof r, "%.*s\"why-library\":\"Four words, no more.%s",
                         (int)(p - resp[0]), resp[0], q);
                ok = fingerprint_of(v, payload, r, hex, essay) == 0 && essay[0] == '\0';
            }
            CHECK(ok, "an essay of four words one space apart has none");
        }
    }
    {
        /* the first result's responses in the questions' order (as the runner writes them)
         * and in the reverse order: the same fingerprint */
        const char *qs = strstr(payload, "\"questions\":[");
        char *member[16], order[2][1024] = {"", ""}, *p = resp[0];
        size_t nm = 0;
        int depth = 0, in_str = 0;
        member[nm++] = p;
        for (; *p; p++) { /* resp[0] cut at its top-level commas */
            if (in_str && *p == '\\' && p[1])
                p++;
            else if (*p == '"')
                in_str = !in_str;
            else if (!in_str && (*p == '[' || *p == '{'))
                depth++;
            else if (!in_str && (*p == ']' || *p == '}'))
                depth--;
            else if (!in_str && depth == 0 && *p == ',' && nm < 16) {
                *p = '\0';
                member[nm++] = p + 1;
            }
        }
        for (size_t i = nm; i-- > 0;)
            snprintf(order[1] + strlen(order[1]), sizeof order[1] - strlen(order[1]), "%s%s",
                     i + 1 < nm ? "," : "", member[i]);
        for (qs = qs ? qs + strlen("\"questions\":[") : ""; *qs == '"';) {
            const char *end = strchr(qs + 1, '"');
            for (size_t i = 0; end && i < nm; i++)
                if (member[i][0] == '"' && strncmp(member[i] + 1, qs + 1, (size_t)(end - qs)) == 0)
                    snprintf(order[0] + strlen(order[0]), sizeof order[0] - strlen(order[0]),
                             "%s%s", order[0][0] ? "," : "", member[i]);
            qs = end ? end + 1 : "";
            if (*qs == ',')
                qs++;
        }
        for (size_t i = 0; i < 2; i++) {
            int ok = fingerprint_of(v, payload, order[i], hex, essay) == 0;
            CHECK(ok && strlen(order[i]) > 100 && strcmp(hex, want[0][0]) == 0 &&
                      strcmp(essay, want[0][1]) == 0,
                  "the first result's responses in %s have its fingerprint",
                  i == 0 ? "the questions' order" : "reverse order");
        }
    }
}

/* proctor_result_load: a result file read, or refused naming the file */
static void
test_load(const char *r1, size_t l1, const char *payload)
{
    char path[] = "/tmp/proctor-test-result-load-XXXXXX", *other = NULL, *bad = NULL;
    size_t olen = 0, blen = 0;
    struct proctor_envelope env;
    struct proctor_result res;
    struct proctor_error err;
    int fd = mkstemp(path);

    if (fd < 0 || write(fd, r1, l1) != (ssize_t)l1) {
        CHECK(0, "a result file is written");
        return;
    }
    close(fd);
    proctor_error_clear(&err);
    CHECK(proctor_result_load(path, &env, &res, &err) == 0, "a result file loads: %s", err.msg);
    CHECK(res.student && strcmp(res.student, "s1") == 0 && res.attempt == 1 &&
              strcmp(env.payload_type, PROCTOR_RESULT_TYPE) == 0 &&
              proctor_dsse_verify(&env, s1->pk, NULL) == 0,
          "its payload, and the envelope whose signature the caller checks");
    proctor_result_release(&res);
    proctor_envelope_release(&env);
    CHECK(proctor_result_load(path, NULL, &res, &err) == 0 && res.nquestions > 0,
          "without the envelope");
    proctor_result_release(&res);

    /* something signed that is not a result */
    proctor_dsse_sign("application/vnd.proctor.assignment+json", payload, strlen(payload), s1,
                      &other, &olen, NULL);
    unlink(path);
    proctor_file_write(path, other, olen, 0644, 0, NULL);
    CHECK(proctor_result_load(path, &env, &res, &err) == PROCTOR_EINVAL &&
              strcmp(err.path, path) == 0 &&
              strstr(err.msg, "not a result file (payloadType 'application/vnd.proctor."
                              "assignment+json')") &&
              !env.payload && !res.student,
          "another payloadType is refused, naming the file: %s", err.msg);

    /* a signed payload with a fractional number: refused with its place in the payload */
    bad = resign(payload, "\"attempt\":1", "\"attempt\":1.5", s1, &blen);
    unlink(path);
    proctor_file_write(path, bad, blen, 0644, 0, NULL);
    CHECK(proctor_result_load(path, NULL, &res, &err) == PROCTOR_EINVAL &&
              strcmp(err.path, path) == 0 && err.line == 0 &&
              strncmp(err.msg, "payload 1:", 10) == 0 && strstr(err.msg, "integer"),
          "a malformed payload is refused with 'payload LINE:COL': %s", err.msg);

    /* not an envelope; no file */
    unlink(path);
    proctor_file_write(path, "{}\n", 3, 0644, 0, NULL);
    CHECK(proctor_result_load(path, NULL, &res, &err) == PROCTOR_EINVAL &&
              strcmp(err.path, path) == 0,
          "a file that is no envelope is refused: %s", err.msg);
    unlink(path);
    CHECK(proctor_result_load(path, NULL, &res, &err) == PROCTOR_EIO, "a missing file: EIO");
    free(other);
    free(bad);
}

/* Whether every response of res names the place of its question in res->questions. */
static int
questions_placed(const struct proctor_result *res)
{
    for (size_t i = 0; i < res->nresponses; i++) {
        size_t k = res->responses[i].question;
        if (k >= res->nquestions || strcmp(res->questions[k], res->responses[i].qid) != 0)
            return 0;
    }
    return res->nresponses > 0;
}

static void
test_parse(const char *payload)
{
    struct proctor_result res;
    struct proctor_error err;
    static const struct {
        const char *from, *to, *want;
    } bad[] = {
        {"\"format\":\"proctor-result\"", "\"format\":\"other\"", "field 'format'"},
        {"\"version\":1", "\"version\":2", "field 'version'"},
        {"\"student\":\"s1\"", "\"student\":\"a b\"", "field 'student'"},
        {"\"keyid\":\"", "\"keyid\":\"X", "field 'keyid'"},
        {"\"kind\":\"practice\"", "\"kind\":\"exam\"", "field 'taken.kind'"},
        {"\"kind\":\"practice\"", "\"kind\":\"practice\",\"id\":\"hw1\"", "field 'taken.id'"},
        {"\"kind\":\"practice\"", "\"kind\":\"assignment\"", "field 'taken.id'"},
        {"\"sha256\":\"", "\"sha256\":\"0", "field 'taken.sha256'"},
        {"\"attempt\":1", "\"attempt\":0", "field 'attempt'"},
        {"\"attempt\":1", "\"attempt\":\"1\"", "field 'attempt'"},
        {"\"nonce\":\"", "\"nonce\":\"A", "field 'nonce'"},
        {"\"started\":\"", "\"started\":\"x", "field 'started'"},
        {"\"program\":\"", "\"program\":\"\\n", "field 'program'"},
        {"\"questions\":[", "\"questions\":[\"books\",", "appears twice"},
        /* two given twice, in either order: the first by sorted order is named */
        {"\"questions\":[", "\"questions\":[\"spring\",\"books\",", "'books' appears twice"},
        {"\"questions\":[", "\"questions\":[\"books\",\"spring\",", "'books' appears twice"},
        {"\"questions\":[", "\"questions\":[1,", "field 'questions'"},
        {"\"responses\":{", "\"responses\":{\"zzz\":1,", "not among the questions"},
        {"\"earned\":", "\"earned\":-", "field 'score'"},
        {"\"score\":{", "\"score\":{\"bonus\":1,", "unknown field 'score.bonus'"},
        {"\"format\":", "\"x\":1,\"format\":", "unknown field 'x'"},
        {"\"format\":", "\"format\":1,\"format\":", "duplicate object key"},
        {"\"attempt\":1", "\"attempt\":1.0", "only integers"},
        {"\"student\":\"s1\"", "\"student\":\"s\\u0000\"", "\\u0000"},
    };

    CHECK(proctor_result_parse(payload, strlen(payload), &res, &err) == 0, "payload parses");
    CHECK(res.nquestions == bank->nquestions && res.nresponses >= 1 &&
              strcmp(res.kind, "practice") == 0 && !res.assignment_id && res.attempt == 1 &&
              memcmp(res.digest, bank->digest, 32) == 0 && strcmp(res.student, "s1") == 0,
          "payload fields read back");
    CHECK(res.nresponses > 0 && res.responses[0].json && res.responses[0].json[0],
          "responses keep their JSON text");
    CHECK(questions_placed(&res), "responses in the questions' order placed");
    proctor_result_release(&res);
    {
        /* "program": 1 to 64 bytes from 0x20 to 0x7E, checked eight at a time: every byte
         * value (escaped, raw, or as a character's UTF-8) at the ends and across the words'
         * edges of names of 1 to 70 bytes */
        const char *p0 = strstr(payload, "\"program\":\""), *p1 = p0 ? strchr(p0 + 11, '"') : NULL;
        size_t tried = 0, wrong = 0;
        for (size_t n = 1; p1 && n <= 70; n++)
            for (unsigned b = 1; b < 256; b++)
                for (size_t at = 0; at < n; at += (at < 17 ? 1 : n)) {
                    char text[4096], name[512], *o = name;
                    int want = n <= PROCTOR_PROGRAM_MAX && b >= 0x20 && b <= 0x7E, rc;
                    for (size_t i = 0; i < n; i++) {
                        if (i != at)
                            *o++ = 'p';
                        else if (b < 0x20 || b == '"' || b == '\\')
                            o += sprintf(o, "\\u%04x", b);
                        else if (b < 0x80)
                            *o++ = (char)b;
                        else
                            *o++ = (char)(0xC0 | b >> 6), *o++ = (char)(0x80 | (b & 0x3F));
                    }
                    *o = '\0';
                    snprintf(text, sizeof text, "%.*s\"program\":\"%s%s", (int)(p0 - payload),
                             payload, name, p1);
                    rc = proctor_result_parse(text, strlen(text), &res, &err);
                    wrong += want ? rc != 0 : rc != PROCTOR_EINVAL || !strstr(err.msg, "'program'");
                    if (rc == 0)
                        proctor_result_release(&res);
                    tried++;
                }
        CHECK(p1 && wrong == 0, "program names read as printable ASCII of 1 to 64 bytes "
                                "(%zu names, %zu wrong)", tried, wrong);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *at = strstr(payload, bad[i].from);
        size_t n;
        char *p;
        int rc;
        if (!at) {
            CHECK(0, "test payload has '%s'", bad[i].from);
            continue;
        }
        n = strlen(payload) - strlen(bad[i].from) + strlen(bad[i].to);
        p = malloc(n + 1);
        memcpy(p, payload, (size_t)(at - payload));
        strcpy(p + (at - payload), bad[i].to);
        strcat(p, at + strlen(bad[i].from));
        rc = proctor_result_parse(p, n, &res, &err);
        CHECK(rc == PROCTOR_EINVAL && strstr(err.msg, bad[i].want),
              "refused: %s -> %s (%s)", bad[i].from, bad[i].to, err.msg);
        CHECK(res.student == NULL && res.questions == NULL, "released after failure");
        free(p);
    }
    /* responses are found in the questions' order first, then by table: the same result
     * read whatever their order, with gaps, and a response to no question still refused */
    {
        cJSON *root = cJSON_Parse(payload), *rs = cJSON_GetObjectItemCaseSensitive(root, "responses");
        cJSON *rev = cJSON_CreateObject(), *m;
        size_t n = (size_t)cJSON_GetArraySize(rs), kept = 0, ok;
        char *text;
        for (size_t i = n; i-- > 0;) { /* reversed, every other one left out when there are 3+ */
            m = cJSON_GetArrayItem(rs, (int)i);
            if (n >= 3 && i % 2)
                continue;
            cJSON_AddItemToObject(rev, m->string, cJSON_Duplicate(m, 1));
            kept++;
        }
        cJSON_ReplaceItemInObjectCaseSensitive(root, "responses", rev);
        rs = rev;
        text = cJSON_PrintUnformatted(root);
        ok = text && proctor_result_parse(text, strlen(text), &res, &err) == 0;
        CHECK(ok && n >= 2 && res.nresponses == kept && strcmp(res.responses[0].qid, rev->child->string) == 0,
              "responses in reverse order%s read (%zu of %zu)", n >= 3 ? " with gaps" : "", kept, n);
        if (ok)
            CHECK(questions_placed(&res), "each with the place of its question (re-grade's)");
        if (ok)
            proctor_result_release(&res);
        free(text);
        cJSON_AddNumberToObject(rs, "zzz", 1);
        text = cJSON_PrintUnformatted(root);
        CHECK(text && proctor_result_parse(text, strlen(text), &res, &err) == PROCTOR_EINVAL &&
                  strstr(err.msg, "response to 'zzz', which is not among the questions"),
              "a last response to no question refused (%s)", err.msg);
        free(text);
        cJSON_Delete(root);
    }
}

struct tjob {
    const struct proctor_verifier *v;
    const char *buf;
    size_t len;
    int bad;
};

/* Verifies the n files f[0..n) (named as given), then settles them in that order. */
static void
check_set(const struct proctor_verifier *v, const char *const *f, const size_t *len,
          const char *const *names, size_t n, struct proctor_verdict *out)
{
    struct proctor_verdict *pv[8];

    for (size_t i = 0; i < n; i++) {
        proctor_verify_buffer(v, names[i], f[i], len[i], &out[i]);
        pv[i] = &out[i];
    }
    proctor_verdicts_settle(pv, n, 0);
}

/* The checks across files: duplicates, copies, empty and same-student submissions; the same
 * outcome for either order. */
static void
cross_checks(const struct proctor_verifier *v, const char *r1, size_t l1)
{
    struct proctor_verdict vd[4];
    size_t l2, l3, l4;
    char *r2 = make(s2, 3, &l2), *r3 = make(s1, 3, &l3), *r4;

    {
        const char *f[] = {r1, r1}, *names[] = {"r1b", "r1"};
        size_t len[] = {l1, l1};
        check_set(v, f, len, names, 2, vd);
        CHECK(vd[0].status == PROCTOR_STATUS_OK && vd[1].status == PROCTOR_STATUS_OK &&
                  vd[0].duplicate && !vd[1].duplicate &&
                  strcmp(vd[0].warnings, "the same file as 'r1': counted once") == 0,
              "the same file twice counts once, the copy named first: '%s'", vd[0].warnings);
    }
    for (int order = 0; order < 2; order++) {
        const char *f[] = {order ? r2 : r1, order ? r1 : r2};
        const char *names[] = {order ? "r2" : "r1", order ? "r1" : "r2"};
        size_t len[] = {order ? l2 : l1, order ? l1 : l2};
        const struct proctor_verdict *a, *b;
        check_set(v, f, len, names, 2, vd);
        a = &vd[order], b = &vd[!order];
        CHECK(a->status == PROCTOR_STATUS_CONFLICT && b->status == PROCTOR_STATUS_CONFLICT &&
                  a->valid && b->valid &&
                  strcmp(a->reason, "the same responses as s2 (Bo) in 'r2'") == 0 &&
                  strcmp(b->reason, "the same responses as s1 (Ann) in 'r1'") == 0,
              "the same responses under s1 and s2: both in conflict, naming the other (%s "
              "order): '%s' / '%s'",
              order ? "reversed" : "given", a->reason, b->reason);
    }
    {
        const char *f[] = {r1, r3}, *names[] = {"r1", "r3"};
        size_t len[] = {l1, l3};
        check_set(v, f, len, names, 2, vd);
        CHECK(vd[0].status == PROCTOR_STATUS_OK && vd[1].status == PROCTOR_STATUS_OK,
              "the same student handing in the same answers again is not a copy");
    }
    free(r3);
    r3 = make(s1, 0, &l3);
    r4 = make(s2, 0, &l4);
    {
        const char *f[] = {r3, r4}, *names[] = {"e1", "e2"};
        size_t len[] = {l3, l4};
        check_set(v, f, len, names, 2, vd);
        CHECK(vd[0].status == PROCTOR_STATUS_OK && vd[1].status == PROCTOR_STATUS_OK,
              "two empty submissions are not copies");
    }
    free(r2);
    free(r3);
    free(r4);
}

static void *
thread_verify(void *arg)
{
    struct tjob *j = arg;
    struct proctor_verdict vd;
    for (int i = 0; i < 200; i++)
        if (proctor_verify_buffer(j->v, "t", j->buf, j->len, &vd) != 0 || vd.earned != 2000)
            j->bad++;
    return NULL;
}

/* rfc3339_parse (days counted by formula) against timegm, which it replaced: every day of
 * 1970..2500 and of the last years, with days 29..31 of every month (a 31 April is 1 May to
 * both), and the edges of the clock (a 60th second too). */
static void
test_rfc3339_parse(void)
{
    static const char *const clocks[] = {"00:00:00", "23:59:59", "23:59:60", "12:34:56",
                                         "12:34:60"};
    size_t bad = 0, tried = 0;

    for (int y = 1970; y <= 9999; y += y < 2500 || y > 9990 ? 1 : 97)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++)
                for (size_t c = 0; c < 5; c++) {
                    char s[40];
                    struct tm tm = {0};
                    time_t got = 0, want;
                    if (c && d % 7 != 3 && d < 28)
                        continue;
                    snprintf(s, sizeof s, "%04d-%02d-%02dT%sZ", y, m, d, clocks[c]);
                    tm.tm_year = y - 1900;
                    tm.tm_mon = m - 1;
                    tm.tm_mday = d;
                    tm.tm_hour = atoi(clocks[c]);
                    tm.tm_min = atoi(clocks[c] + 3);
                    tm.tm_sec = atoi(clocks[c] + 6);
                    want = timegm(&tm);
                    bad += rfc3339_parse(s, &got) != 0 || got != want;
                    /* real: the day exists (timegm did not carry it into the next month),
                     * a 60th second only at 23:59 */
                    {
                        struct tm day = {0};
                        time_t noon;
                        int real;
                        day.tm_year = y - 1900;
                        day.tm_mon = m - 1;
                        day.tm_mday = d;
                        day.tm_hour = 12;
                        noon = timegm(&day);
                        gmtime_r(&noon, &day);
                        real = day.tm_mday == d && (strcmp(clocks[c] + 6, "60") != 0 ||
                                                    strncmp(clocks[c], "23:59", 5) == 0);
                        bad += rfc3339_real(s) != real;
                    }
                    tried++;
                }
    CHECK(bad == 0, "rfc3339_parse and rfc3339_real agree with timegm on %zu times (%zu differ)",
          tried, bad);
}

/* signed_hex_bin (a table, one test at the end) against libsodium's decoder and a check of
 * lowercase hex: every byte value at every place of strings of 2 to 8 digits, odd lengths,
 * strings cut short. */
static void
test_hex_bin(void)
{
    size_t bad = 0, tried = 0;

    for (size_t n = 1; n <= 8; n++)
        for (size_t at = 0; at < n; at++)
            for (unsigned b = 0; b < 256; b++) {
                char s[16];
                unsigned char got[8], want[8];
                int ok = n % 2 == 0 && b != 0, rc;
                size_t wl = 0;
                memcpy(s, "0f9a3bc7", n);
                s[n] = '\0';
                s[at] = (char)b;
                ok = ok && ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'));
                rc = signed_hex_bin(s, n, got);
                if (ok)
                    ok = sodium_hex2bin(want, sizeof want, s, n, NULL, &wl, NULL) == 0 &&
                         wl == n / 2;
                bad += rc != ok || (ok && memcmp(got, want, n / 2) != 0);
                tried++;
            }
    CHECK(bad == 0, "signed_hex_bin reads lowercase hex as libsodium does and refuses the rest "
                    "(%zu cases, %zu differ)", tried, bad);
}

/* signed_fields: each member found by name whatever the order (the next name in order is
 * tried first), absent ones NULL, an unknown one refused by name. */
static void
test_signed_fields(void)
{
    static const char *const names[] = {"alpha", "beta", "gamma", "delta", NULL};
    static const char *const docs[] = {
        "{\"alpha\":0,\"beta\":1,\"gamma\":2,\"delta\":3}", "{\"delta\":3,\"gamma\":2,\"beta\":1,\"alpha\":0}",
        "{\"beta\":1,\"delta\":3}", "{\"gamma\":2,\"alpha\":0,\"delta\":3,\"beta\":1}", "{}"};
    struct proctor_error err;
    size_t bad = 0;

    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        cJSON *o = cJSON_Parse(docs[d]);
        const cJSON *f[4];
        if (signed_fields(o, names, f, "", "t", &err) != 0)
            bad++;
        for (int i = 0; i < 4; i++)
            bad += f[i] != cJSON_GetObjectItemCaseSensitive(o, names[i]) ||
                   (f[i] && f[i]->valueint != i);
        cJSON_Delete(o);
    }
    {
        cJSON *o = cJSON_Parse("{\"alpha\":0,\"bet\":1,\"gamma\":2}");
        const cJSON *f[4];
        bad += signed_fields(o, names, f, "x.", "t", &err) != PROCTOR_EINVAL ||
               strcmp(err.msg, "unknown field 'x.bet'") != 0;
        cJSON_Delete(o);
    }
    CHECK(bad == 0, "signed_fields finds members in any order and refuses an unknown one");
}

int
main(void)
{
    const char *src = getenv("PROCTOR_SRC");
    char dir[1024], line[512], text[2048];
    struct proctor_error err;
    struct proctor_verifier *v = NULL;
    struct proctor_verdict vd;
    unsigned char seed[32] = {7};
    char *r1, *p1, *x;
    size_t l1, lx;
    FILE *f;

    test_rfc3339_parse();
    test_hex_bin();
    test_signed_fields();
    if (sodium_init() < 0)
        return 1;
    snprintf(dir, sizeof dir, "%s/tests/fixtures/bank", src ? src : ".");
    CHECK(proctor_bank_load(dir, NULL, NULL, NULL, &bank, &err) == 0, "fixture bank loads");
    if (!bank)
        return harness_done();
    proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "s1", "Ann", seed, &s1, &err);
    seed[0] = 8;
    proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "s2", "Bo", seed, &s2, &err);
    seed[0] = 9;
    proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "s3", "Cy", seed, &stranger, &err);
    if (mkstemp(roster_path) < 0)
        return 1;
    proctor_key_line(s1, line, sizeof line);
    snprintf(text, sizeof text, "%s\n", line);
    proctor_key_line(s2, line, sizeof line);
    strcat(text, line);
    strcat(text, "\n");
    f = fopen(roster_path, "w");
    fputs(text, f);
    fclose(f);
    CHECK(proctor_roster_load(roster_path, &roster, &err) == 0, "roster loads");
    CHECK(proctor_roster_find_keyid(roster, s2->keyid) &&
              strcmp(proctor_roster_find_keyid(roster, s2->keyid)->id, "s2") == 0,
          "roster finds a key by key id");
    CHECK(proctor_verifier_new(NULL, bank, &v, &err) == PROCTOR_EUSAGE, "a roster is required");
    CHECK(proctor_verifier_new(roster, bank, &v, &err) == 0, "verifier");

    /* make: argument checks */
    {
        struct proctor_session *s = session(0);
        char *out = NULL;
        size_t n;
        CHECK(proctor_result_make(s, s1, NULL, "exam", bank->digest, NULL, 1, &out, &n, &err) ==
                  PROCTOR_EUSAGE,
              "unknown kind refused");
        CHECK(proctor_result_make(s, s1, NULL, PROCTOR_TAKEN_ASSIGNMENT, bank->digest, NULL, 1,
                                  &out, &n, &err) == PROCTOR_EUSAGE,
              "assignment without an id refused");
        CHECK(proctor_result_make(s, s1, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL, 0,
                                  &out, &n, &err) == PROCTOR_EUSAGE,
              "attempt 0 refused");
        {
            struct proctor_key pub = *s1;
            pub.sk = NULL;
            CHECK(proctor_result_make(s, &pub, NULL, PROCTOR_TAKEN_PRACTICE, bank->digest, NULL,
                                      1, &out, &n, &err) == PROCTOR_EUSAGE,
                  "a public key can't sign");
        }
        CHECK(out == NULL, "nothing returned on failure");
        proctor_session_free(s);
    }

    r1 = make(s1, 3, &l1);
    CHECK(r1 != NULL, "make a result");
    if (!r1)
        return harness_done();
    p1 = payload_of(r1, l1);
    test_parse(p1);
    test_load(r1, l1, p1);

    CHECK(proctor_verify_buffer(v, "r1", r1, l1, &vd) == 0 && vd.valid, "r1 verifies");
    CHECK(strcmp(vd.student, "s1") == 0 && strcmp(vd.name, "Ann") == 0 &&
              strcmp(vd.kind, "practice") == 0 && vd.attempt == 1 && vd.have_hashes,
          "verdict fields");
    CHECK_INT(vd.earned, 2000, "re-graded earned");
    CHECK_INT(vd.max, 9000, "re-graded max");
    cross_checks(v, r1, l1);
    test_fingerprints(v, p1);
    test_fingerprint_long(v, p1);

    /* verdict reasons */
    x = resign(p1, "\"earned\":2000", "\"earned\":9000", s1, &lx);
    CHECK(proctor_verify_buffer(v, "x", x, lx, &vd) == PROCTOR_EVERIFY &&
              strcmp(vd.reason, "claimed score 9/9 but the responses earn 2/9") == 0,
          "raised score: %s", vd.reason);
    free(x);
    x = resign(p1, "\"student\":\"s1\"", "\"student\":\"s2\"", s1, &lx);
    CHECK(proctor_verify_buffer(v, "x", x, lx, &vd) == PROCTOR_EVERIFY &&
              strcmp(vd.reason, "signed by s1 (Ann), claims to be s2") == 0 &&
              strcmp(vd.student, "s1") == 0 && strcmp(vd.claimed, "s2") == 0,
          "swapped student: charged to the signer: %s", vd.reason);
    free(x);
    x = resign(p1, "\"student\":\"s1\"", "\"student\":\"s3\"", stranger, &lx);
    CHECK(proctor_verify_buffer(v, "x", x, lx, &vd) == PROCTOR_EVERIFY &&
              strstr(vd.reason, "is not in the roster"),
          "stranger: %s", vd.reason);
    free(x);
    x = resign(p1, "\"questions\":[", "\"questions\":[\"nosuch\",", s1, &lx);
    CHECK(proctor_verify_buffer(v, "x", x, lx, &vd) == PROCTOR_EVERIFY &&
              strstr(vd.reason, "question 'nosuch' is not in the bank"),
          "unknown question: %s", vd.reason);
    free(x);
    {
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, bank->digest, 32);
        x = resign(p1, hex, "0000000000000000000000000000000000000000000000000000000000000000",
                   s1, &lx);
        CHECK(proctor_verify_buffer(v, "x", x, lx, &vd) == PROCTOR_EVERIFY &&
                  strstr(vd.reason, "different question bank"),
              "other bank: %s", vd.reason);
        free(x);
        x = resign(p1, "\"kind\":\"practice\"", "\"kind\":\"assignment\",\"id\":\"hw1\"", s1, &lx);
        CHECK(proctor_verify_buffer(v, "x", x, lx, &vd) == PROCTOR_EVERIFY &&
                  strstr(vd.reason, "assignment 'hw1'"),
              "assignment result: %s", vd.reason);
        free(x);
    }
    {
        struct proctor_verifier *nob = NULL;
        proctor_verifier_new(roster, NULL, &nob, &err);
        CHECK(proctor_verify_buffer(nob, "r1", r1, l1, &vd) == PROCTOR_EVERIFY &&
                  vd.status == PROCTOR_STATUS_UNCHECKED && strstr(vd.reason, "give --bank DIR"),
              "no bank: UNCHECKED, saying what to give: %s", vd.reason);
        proctor_verifier_free(nob);
    }
    CHECK(proctor_verify_file(v, "/dev/zero", &vd) == PROCTOR_EVERIFY &&
              strstr(vd.reason, "not a regular file"),
          "/dev/zero refused");

    /* several threads verifying the same buffer agree */
    {
        pthread_t t[4];
        struct tjob j[4];
        int bad = 0;
        for (int i = 0; i < 4; i++) {
            j[i] = (struct tjob){v, r1, l1, 0};
            pthread_create(&t[i], NULL, thread_verify, &j[i]);
        }
        for (int i = 0; i < 4; i++) {
            pthread_join(t[i], NULL);
            bad += j[i].bad;
        }
        CHECK(bad == 0, "800 verifications on 4 threads all agree");
    }

    free(r1);
    free(p1);
    proctor_verifier_free(v);
    proctor_roster_free(roster);
    proctor_key_free(s1);
    proctor_key_free(s2);
    proctor_key_free(stranger);
    proctor_bank_free(bank);
    remove(roster_path);
    return harness_done();
}
