/* SPDX-License-Identifier: ISC */
/* test-sign.c - base64, DSSE PAE and Ed25519 envelopes against independent vectors. */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "harness.h"
#include "proctor/fileio.h"
#include "proctor/sign.h"

static unsigned char *
unhex(const char *hex, size_t *len)
{
    size_t n = strlen(hex) / 2;
    unsigned char *out = malloc(n + 1);
    if (sodium_hex2bin(out, n, hex, strlen(hex), NULL, len, NULL) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

static const char *
str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void
test_base64(void)
{
    static const struct {
        const char *plain, *b64;
    } ok[] = {{"", ""},         {"f", "Zg=="},       {"fo", "Zm8="},
              {"foo", "Zm9v"},  {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
              {"foobar", "Zm9vYmFy"}};
    static const struct {
        const char *s, *why;
    } bad[] = {
        {"Zg", "missing padding"},
        {"Zg=", "short padding"},
        {"Zh==", "non-zero unused bits (1 pad)"},
        {"Zm9=", "non-zero unused bits (2 pads)"},
        {"Zm 9v", "a space"},
        {"Zm9v\n", "a newline"},
        {"Zm-_", "the URL-safe alphabet"},
        {"Z===", "too much padding"},
        {"====", "only padding"},
        {"Zg==Zg==", "padding in the middle"},
        {"Zm9vY", "a length not a multiple of 4"},
        {"Zm9v\0AAA", "a NUL byte"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char *e = proctor_base64_encode(ok[i].plain, strlen(ok[i].plain));
        unsigned char *d = NULL;
        size_t dl = 0;
        CHECK_STR(e, ok[i].b64, "base64 encodes '%s'", ok[i].plain);
        CHECK(proctor_base64_decode(ok[i].b64, strlen(ok[i].b64), &d, &dl) == 0 &&
                  dl == strlen(ok[i].plain) && memcmp(d, ok[i].plain, dl) == 0,
              "base64 decodes '%s'", ok[i].b64);
        free(e);
        free(d);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char *d = (unsigned char *)"x";
        size_t dl = 7, n = strlen(bad[i].s);
        int rc;
        if (strcmp(bad[i].why, "a NUL byte") == 0)
            n = 8;
        rc = proctor_base64_decode(bad[i].s, n, &d, &dl);
        CHECK(rc == PROCTOR_EINVAL && d == NULL && dl == 0, "base64 refuses %s", bad[i].why);
    }
    /* round trip over every length and byte value */
    {
        unsigned char buf[300];
        int all = 1;
        for (size_t i = 0; i < sizeof buf; i++)
            buf[i] = (unsigned char)(i * 7 + 3);
        for (size_t n = 0; n <= sizeof buf; n++) {
            char *e = proctor_base64_encode(buf, n);
            unsigned char *d = NULL;
            size_t dl = 0;
            if (!e || proctor_base64_decode(e, strlen(e), &d, &dl) != 0 || dl != n ||
                memcmp(d, buf, n) != 0)
                all = 0;
            free(e);
            free(d);
        }
        CHECK(all, "base64 round trips 0..300 bytes");
    }
}

static void
test_vector(const cJSON *c, size_t idx)
{
    size_t seedlen = 0, pklen = 0, paelen = 0, mylen = 0, envlen = 0;
    unsigned char *seed = unhex(str(c, "seed_hex"), &seedlen);
    unsigned char *pk = unhex(str(c, "public_key_hex"), &pklen);
    unsigned char *pae = unhex(str(c, "pae_hex"), &paelen);
    unsigned char *mine = NULL, *sig = NULL;
    const char *type = str(c, "payloadType"), *payload = str(c, "payload_utf8");
    const cJSON *env = cJSON_GetObjectItemCaseSensitive(c, "envelope");
    const cJSON *s0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(env, "signatures"), 0);
    struct proctor_key *k = NULL;
    struct proctor_envelope pe;
    struct proctor_error err;
    char *envtext = NULL, *canon = NULL;
    size_t siglen = 0;

    CHECK(seed && seedlen == 32 && pk && pklen == 32 && pae, "vector %zu decodes", idx);
    CHECK(proctor_pae(type, payload, strlen(payload), &mine, &mylen) == 0 && mylen == paelen &&
              memcmp(mine, pae, paelen) == 0,
          "vector %zu: PAE bytes match", idx);
    CHECK(proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "vec", "Vector", seed, &k, &err) == 0,
          "vector %zu: key from seed", idx);
    if (!k)
        goto out;
    CHECK(memcmp(k->pk, pk, 32) == 0, "vector %zu: public key matches", idx);
    CHECK(proctor_base64_decode(str(s0, "sig"), strlen(str(s0, "sig")), &sig, &siglen) == 0 &&
              siglen == 64,
          "vector %zu: signature decodes", idx);
    {
        unsigned char s[64];
        crypto_sign_detached(s, NULL, pae, paelen, k->sk);
        CHECK(sig && memcmp(s, sig, 64) == 0, "vector %zu: Ed25519 over PAE gives the signature",
              idx);
    }
    CHECK_STR(str(env, "payload"),
              (canon = proctor_base64_encode(payload, strlen(payload))),
              "vector %zu: payload base64 matches", idx);
    /* the vector's envelope, written compactly, parses and verifies */
    {
        size_t n = strlen(str(env, "payload")) + strlen(str(s0, "sig")) + 256;
        envtext = malloc(n);
        snprintf(envtext, n,
                 "{\"payloadType\":\"%s\",\"payload\":\"%s\",\"signatures\":[{\"keyid\":\"%s\","
                 "\"sig\":\"%s\"}]}\n",
                 str(env, "payloadType"), str(env, "payload"), str(s0, "keyid"), str(s0, "sig"));
        CHECK(proctor_dsse_parse(envtext, strlen(envtext), "vec", &pe, &err) == 0,
              "vector %zu: envelope parses", idx);
        CHECK(pe.payload_len == strlen(payload) && memcmp(pe.payload, payload, pe.payload_len) == 0,
              "vector %zu: envelope payload decodes", idx);
        CHECK(proctor_dsse_verify(&pe, pk, &err) == 0, "vector %zu: envelope verifies", idx);
        pe.sig[10] ^= 1;
        CHECK(proctor_dsse_verify(&pe, pk, &err) == PROCTOR_EVERIFY,
              "vector %zu: flipped signature bit refused", idx);
        proctor_envelope_release(&pe);
    }
    /* our own signing produces the same signature */
    {
        char *out = NULL;
        CHECK(proctor_dsse_sign(type, payload, strlen(payload), k, &out, &envlen, &err) == 0,
              "vector %zu: dsse_sign", idx);
        CHECK(out && proctor_dsse_parse(out, envlen, "mine", &pe, &err) == 0 &&
                  memcmp(pe.sig, sig, 64) == 0 && strcmp(pe.keyid, k->keyid) == 0,
              "vector %zu: our envelope carries the vector's signature and our key id", idx);
        proctor_envelope_release(&pe);
        free(out);
    }
out:
    proctor_key_free(k);
    free(seed);
    free(pk);
    free(pae);
    free(mine);
    free(sig);
    free(envtext);
    free(canon);
}

static void
test_envelope_strictness(void)
{
    unsigned char seed[32] = {1};
    struct proctor_key *k = NULL;
    struct proctor_envelope pe;
    struct proctor_error err;
    char *out = NULL;
    size_t len = 0;
    static const char payload[] = "{\"a\":1}";

    proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "s", "S", seed, &k, &err);
    proctor_dsse_sign("application/x-test", payload, strlen(payload), k, &out, &len, &err);
    CHECK(proctor_dsse_parse(out, len, "t", &pe, &err) == 0, "signed envelope parses");
    CHECK(proctor_dsse_verify(&pe, k->pk, &err) == 0, "signed envelope verifies");
    proctor_envelope_release(&pe);
    /* without its final newline, with two, or with a space: not canonical */
    CHECK(proctor_dsse_parse(out, len - 1, "t", &pe, &err) == PROCTOR_EINVAL,
          "missing final newline refused");
    {
        char *b = malloc(len + 2);
        memcpy(b, out, len);
        b[len] = '\n';
        CHECK(proctor_dsse_parse(b, len + 1, "t", &pe, &err) == PROCTOR_EINVAL,
              "extra newline refused");
        memcpy(b, out, len);
        b[len - 1] = ' ';
        CHECK(proctor_dsse_parse(b, len, "t", &pe, &err) == PROCTOR_EINVAL &&
                  strstr(err.msg, "canonical"),
              "space instead of newline refused as not canonical");
        free(b);
    }
    {
        int all = 1;
        /* every single-byte change of the envelope text is refused or fails to verify */
        for (size_t i = 0; i < len; i++) {
            char saved = out[i];
            for (int d = 1; d < 256; d++) {
                out[i] = (char)(saved ^ d);
                if (proctor_dsse_parse(out, len, "t", &pe, NULL) == 0) {
                    if (proctor_dsse_verify(&pe, k->pk, NULL) == 0 &&
                        strcmp(pe.payload_type, "application/x-test") == 0 &&
                        strcmp(pe.keyid, k->keyid) == 0)
                        all = 0;
                    proctor_envelope_release(&pe);
                }
            }
            out[i] = saved;
        }
        CHECK(all, "every single-byte change to an envelope is caught");
    }
    free(out);
    proctor_key_free(k);
}

int
main(void)
{
    char path[1024];
    const char *src = getenv("PROCTOR_SRC");
    char *buf = NULL;
    size_t len = 0;
    struct proctor_error err;
    cJSON *root, *cases;
    size_t i = 0;

    if (sodium_init() < 0)
        return 1;
    test_base64();
    snprintf(path, sizeof path, "%s/tests/fixtures/vectors/dsse-ed25519.json", src ? src : ".");
    CHECK(proctor_file_read(path, 1 << 20, &buf, &len, &err) == 0, "read %s", path);
    root = buf ? cJSON_Parse(buf) : NULL;
    cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    CHECK(cJSON_GetArraySize(cases) >= 2, "vectors file has cases");
    for (const cJSON *c = cases ? cases->child : NULL; c; c = c->next)
        test_vector(c, i++);
    cJSON_Delete(root);
    free(buf);
    test_envelope_strictness();
    return harness_done();
}
