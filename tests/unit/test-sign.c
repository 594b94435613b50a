/* SPDX-License-Identifier: ISC */
/* test-sign.c - base64, DSSE PAE and Ed25519 envelopes against independent vectors. */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sodium.h>

#include "harness.h"
#include "proctor/base64.h"
#include "proctor/result.h"
#include "proctor/fileio.h"
#include "proctor/sign.h"
#include "../../src/json-arena.h"
#include "../../src/sign-internal.h"

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


/* The decoder proctor had before the table of shifted values: one character at a time, each
 * group checked before its bytes are written. The reference the table decoder is held to. */
static int
old_decode(const char *s, size_t slen, unsigned char *dst, size_t *outlen)
{
    const unsigned char *in = (const unsigned char *)s;
    size_t pad = 0, full, n = 0;

    *outlen = 0;
    if (slen % 4 != 0)
        return -1;
    if (slen > 0 && in[slen - 1] == '=')
        pad = slen > 1 && in[slen - 2] == '=' ? 2 : 1;
    full = slen / 4 - (pad ? 1 : 0);
    for (size_t g = 0; g <= full; g++, in += 4) {
        int v[4];
        size_t k = g < full ? 4 : pad ? 4 - pad : 0;
        for (size_t i = 0; i < k; i++) {
            const char *at = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                                    in[i]);
            if (!in[i] || !at)
                return -1;
            v[i] = (int)(at - "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        }
        if (k == 2 && (v[1] & 0x0f))
            return -1;
        if (k == 3 && (v[2] & 0x03))
            return -1;
        if (k >= 2)
            dst[n++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
        if (k >= 3)
            dst[n++] = (unsigned char)(v[1] << 4 | v[2] >> 2);
        if (k == 4)
            dst[n++] = (unsigned char)(v[2] << 6 | v[3]);
    }
    *outlen = n;
    return 0;
}

/* Whether proctor's decoder, the old one and libsodium's strict padded decoder agree on s:
 * the same acceptance, the same bytes. libsodium is left out for bytes from 0x80: its
 * constant-time decoder (1.0.18) takes some of them for base64 characters. */
static int
decoders_agree(const char *s, size_t n)
{
    unsigned char a[64], b[64], c[64];
    size_t al = 0, bl = 0, cl = 0;
    const char *end = NULL;
    int ra = proctor_base64_decode_to(s, n, a, &al) == 0;
    int rb = old_decode(s, n, b, &bl) == 0;
    int high = 0, rc;

    for (size_t i = 0; i < n; i++)
        high |= (unsigned char)s[i] >= 0x80;
    rc = high ? rb
              : sodium_base642bin(c, sizeof c, s, n, NULL, &cl, &end,
                                  sodium_base64_VARIANT_ORIGINAL) == 0 &&
                    end == s + n;
    if (high)
        memcpy(c, b, cl = bl);

    if (ra != rb || ra != rc)
        return 0;
    return !ra || (al == bl && al == cl && memcmp(a, b, al) == 0 && memcmp(a, c, al) == 0);
}

static void
test_base64_table(void)
{
    /* every 4- and 8-character string over characters at the alphabet's edges, padding and
     * the bytes around them that are not base64 */
    static const char chars[] = {'A', 'Z', 'a', 'z', '0', '9', '+', '/', '=', 'B', 'Q',
                                 '@', '[', '`', '{', '*', ',', '.', ':', '-', '_', ' ',
                                 '\n', '\0', (char)0x80, (char)0xC1, (char)0xFF};
    size_t nc = sizeof chars, bad = 0, tried = 0;
    char s[16];

    for (size_t i = 0; i < nc * nc * nc * nc; i++) {
        size_t x = i;
        for (int k = 0; k < 4; k++, x /= nc)
            s[k] = chars[x % nc];
        bad += !decoders_agree(s, 4);
        memcpy(s + 4, s, 4);
        memcpy(s, "Zm9v", 4); /* the same as a second group */
        bad += !decoders_agree(s, 8);
        tried += 2;
    }
    /* every one-byte change to the encodings of 0..40 bytes, each length cut short too */
    for (size_t len = 0; len <= 40; len++) {
        unsigned char plain[40];
        char e[64];
        for (size_t i = 0; i < len; i++)
            plain[i] = (unsigned char)(i * 37 + len);
        sodium_bin2base64(e, sizeof e, plain, len, sodium_base64_VARIANT_ORIGINAL);
        for (size_t n = strlen(e), at = 0; at < n; at++)
            for (size_t k = 0; k < nc; k++) {
                char was = e[at];
                e[at] = chars[k];
                bad += !decoders_agree(e, n);
                e[at] = was;
                bad += !decoders_agree(e, at);
                tried += 2;
            }
    }
    /* every byte value at every place of 16-character blocks (decoded sixteen at a time where
     * the processor can), padded endings too */
    for (size_t len = 16; len <= 48; len += 16)
        for (size_t at = 0; at < len + 4; at++)
            for (unsigned b = 0; b < 256; b++) {
                char e[64];
                memset(e, 'Q', len + 4);
                memcpy(e + len, "QQ==", 4);
                e[at] = (char)b;
                bad += !decoders_agree(e, len + 4);
                tried++;
            }
    CHECK(bad == 0, "the table decoder, the old one and libsodium agree on %zu strings "
                    "(%zu differ)", tried, bad);
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

/* verify's in-place reading of an envelope writes the PAE's lengths by hand: it must be the
 * PAE proctor_pae makes, byte for byte, for payloads whose lengths have 1 to 5 digits, and
 * the signature must verify over it. */
static void
test_view_pae(void)
{
    static const size_t lens[] = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10000,
                                  10001, 65535};
    unsigned char seed[32] = {42};
    struct proctor_key *k = NULL;
    struct proctor_error err;
    size_t bad = 0;
    char *payload = malloc(65536);

    proctor_key_from_seed(PROCTOR_ROLE_STUDENT, "s1", "Ann", seed, &k, &err);
    for (size_t i = 0; k && payload && i < sizeof lens / sizeof lens[0]; i++) {
        char *env = NULL;
        size_t envlen = 0, paelen = 0;
        unsigned char *pae = NULL;
        struct sign_view view;
        memset(payload, 'x', lens[i]);
        if (proctor_dsse_sign(PROCTOR_RESULT_TYPE, payload, lens[i], k, &env, &envlen, &err) < 0 ||
            proctor_pae(PROCTOR_RESULT_TYPE, payload, lens[i], &pae, &paelen) < 0 ||
            json_arena_begin() < 0) {
            bad++;
            free(env);
            free(pae);
            continue;
        }
        if (sign_view_parse(env, envlen, "t", &view, &err) < 0 || view.pae_len != paelen ||
            memcmp(view.pae, pae, paelen) != 0 || view.payload_len != lens[i] ||
            !sign_view_verify(&view, k->pk))
            bad++;
        json_arena_end();
        free(env);
        free(pae);
    }
    CHECK(k && bad == 0, "the in-place view's PAE is proctor_pae's and verifies, payloads of "
                         "0 to 65535 bytes (%zu differ)", bad);
    free(payload);
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
    test_base64_table();
    test_view_pae();
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
