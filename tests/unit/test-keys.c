/* SPDX-License-Identifier: ISC */
/* test-keys.c - key files (encrypted and not), key ids, public key lines, small-order keys,
 * rosters. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "proctor/fileio.h"
#include "proctor/keys.h"
#include "proctor/sign.h"

static char dir[] = "/tmp/proctor-test-keys-XXXXXX";

static void
path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void
test_small_order(void)
{
    /* The eight points of order dividing 8, and non-canonical encodings of 0 and 1. */
    static const char *bad[] = {
        "0100000000000000000000000000000000000000000000000000000000000000", /* identity */
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* order 2 */
        "0000000000000000000000000000000000000000000000000000000000000000", /* order 4 */
        "0000000000000000000000000000000000000000000000000000000000000080", /* order 4 */
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", /* order 8 */
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", /* order 8 */
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", /* order 8 */
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", /* order 8 */
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p (= 0) */
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p+1 (= 1) */
        "0100000000000000000000000000000000000000000000000000000000000080", /* -0 x, y=1 */
    };
    unsigned char pk[32];
    struct proctor_error err;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sodium_hex2bin(pk, 32, bad[i], 64, NULL, NULL, NULL);
        CHECK(proctor_pk_check(pk, &err) == PROCTOR_EVERIFY, "small-order key %zu refused", i);
    }
    /* a point not on the curve: y = 2 gives no x */
    memset(pk, 0, 32);
    pk[0] = 2;
    CHECK(proctor_pk_check(pk, &err) == PROCTOR_EVERIFY, "point off the curve refused");
    /* a mixed-order point: a good key plus a point of order 8 */
    {
        unsigned char good[32], t[32], mixed[32];
        crypto_sign_keypair(good, (unsigned char[64]){0});
        sodium_hex2bin(t, 32, bad[4], 64, NULL, NULL, NULL);
        crypto_core_ed25519_add(mixed, good, t);
        CHECK(proctor_pk_check(good, &err) == 0, "a generated key is accepted");
        CHECK(proctor_pk_check(mixed, &err) == PROCTOR_EVERIFY,
              "key with a small-order component refused");
    }
    /* a small-order key in a public key line is refused with a clear message */
    {
        char *b64 = NULL, line[256], id[17];
        struct proctor_key *k = NULL;
        sodium_hex2bin(pk, 32, bad[4], 64, NULL, NULL, NULL);
        b64 = proctor_base64_encode(pk, 32);
        proctor_key_id(pk, id);
        snprintf(line, sizeof line, "proctor-pk1 %s %s student s1 Mallory", id, b64);
        CHECK(proctor_key_parse_line(line, &k, &err) == PROCTOR_EINVAL && !k &&
                  strstr(err.msg, "small-order"),
              "small-order key line refused: %s", err.msg);
        free(b64);
    }
}

static void
test_ids(void)
{
    struct proctor_error err;
    CHECK(proctor_key_check_id("s123", &err) == 0, "id s123 ok");
    CHECK(proctor_key_check_id("ann.lee@school-1", &err) == 0, "id with . @ - ok");
    CHECK(proctor_key_check_id("", &err) == PROCTOR_EINVAL, "empty id refused");
    CHECK(proctor_key_check_id("-x", &err) == PROCTOR_EINVAL, "id starting with - refused");
    CHECK(proctor_key_check_id("a b", &err) == PROCTOR_EINVAL, "id with space refused");
    CHECK(proctor_key_check_id("a/b", &err) == PROCTOR_EINVAL, "id with slash refused");
    CHECK(proctor_key_check_name("Ann Lee", &err) == 0, "name ok");
    CHECK(proctor_key_check_name("Ren\xc3\xa9" "e", &err) == 0, "UTF-8 name ok");
    CHECK(proctor_key_check_name("a\nb", &err) == PROCTOR_EINVAL, "newline in name refused");
    CHECK(proctor_key_check_name("a\xff", &err) == PROCTOR_EINVAL, "bad UTF-8 name refused");
    CHECK(proctor_key_check_name(" Ann", &err) == PROCTOR_EINVAL, "leading space refused");
}

static void
test_key_files(void)
{
    struct proctor_key *k = NULL, *l = NULL, *p = NULL;
    struct proctor_kdf_limits min;
    struct proctor_error err;
    char path[512], path2[512], line[512];
    struct stat st;
    char *buf = NULL;
    size_t len = 0;

    CHECK(proctor_key_generate(PROCTOR_ROLE_STUDENT, "s1", "Ann Lee", &k, &err) == 0,
          "generate");
    CHECK(strlen(k->keyid) == PROCTOR_KEYID_LEN, "key id has %d hex digits", PROCTOR_KEYID_LEN);
    proctor_kdf_default("min", &min, &err);

    /* encrypted, default (interactive) cost */
    path_in(path, sizeof path, "enc.key");
    CHECK(proctor_key_save(k, path, "correct horse", 13, NULL, 0, &err) == 0, "save encrypted");
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "key file mode is 0600");
    CHECK(proctor_file_read(path, 1 << 16, &buf, &len, &err) == 0 &&
              strstr(buf, "argon2id-xchacha20poly1305") && strstr(buf, "\"opslimit\"") &&
              strstr(buf, "\"salt\""),
          "file records the cipher, cost and salt");
    free(buf);
    CHECK(proctor_key_load(path, "correct horse", 13, 1, &l, &err) == 0 && l && l->sk &&
              l->encrypted && memcmp(l->sk, k->sk, 64) == 0,
          "load with the right passphrase gives the same secret key");
    CHECK(l && strcmp(l->id, "s1") == 0 && strcmp(l->name, "Ann Lee") == 0 &&
              strcmp(l->keyid, k->keyid) == 0,
          "id, name and key id survive");
    proctor_key_free(l);
    l = NULL;
    CHECK(proctor_key_load(path, "wrong horse", 11, 1, &l, &err) == PROCTOR_EVERIFY && !l &&
              strcmp(err.msg, "cannot decrypt secret key: wrong passphrase") == 0,
          "wrong passphrase: %s", err.msg);
    CHECK(proctor_key_load(path, NULL, 0, 1, &l, &err) == PROCTOR_EUSAGE && !l,
          "no passphrase for an encrypted key: %s", err.msg);
    CHECK(proctor_key_load(path, NULL, 0, 0, &p, &err) == 0 && p && !p->sk && p->encrypted &&
              memcmp(p->pk, k->pk, 32) == 0,
          "public half loads without a passphrase");
    proctor_key_free(p);

    /* never overwritten without force */
    CHECK(proctor_key_save(k, path, "x", 1, &min, 0, &err) == PROCTOR_EEXIST &&
              strstr(err.msg, "--force"),
          "existing key file not overwritten: %s", err.msg);
    CHECK(proctor_key_save(k, path, "x", 1, &min, PROCTOR_KEY_FORCE, &err) == 0,
          "overwritten with force");
    CHECK(proctor_key_load(path, "x", 1, 1, &l, &err) == 0, "and loads with the new passphrase");
    proctor_key_free(l);
    l = NULL;

    /* unencrypted */
    path_in(path2, sizeof path2, "plain.key");
    CHECK(proctor_key_save(k, path2, NULL, 0, NULL, 0, &err) == 0, "save unencrypted");
    CHECK(proctor_key_load(path2, NULL, 0, 1, &l, &err) == 0 && l && !l->encrypted &&
              memcmp(l->sk, k->sk, 64) == 0,
          "load unencrypted");
    proctor_key_free(l);
    l = NULL;

    /* a tampered ciphertext or public key is refused, never crashes */
    {
        char *b = NULL, *at;
        size_t n = 0;
        char tp[512];
        proctor_file_read(path, 1 << 16, &b, &n, &err);
        at = strstr(b, "\"secret\"");
        at = strchr(at + 9, '"') + 5;
        *at = *at == 'A' ? 'B' : 'A';
        path_in(tp, sizeof tp, "tampered.key");
        proctor_file_write(tp, b, n, 0600, 0, &err);
        CHECK(proctor_key_load(tp, "x", 1, 1, &l, &err) < 0 && !l, "tampered secret refused: %s",
              err.msg);
        free(b);
        {
            static const char dup[] = "{\"format\":\"proctor-secret-key\",\"format\":1}";
            proctor_file_write(tp, dup, strlen(dup), 0600, 0, &err);
        }
        CHECK(proctor_key_load(tp, NULL, 0, 0, &l, &err) == PROCTOR_EINVAL && !l &&
                  strstr(err.msg, "duplicate"),
              "duplicate keys in a key file refused");
        CHECK(proctor_key_load("/dev/zero", NULL, 0, 0, &l, &err) == PROCTOR_EINVAL,
              "/dev/zero refused as a key file");
    }

    /* public key line */
    CHECK(proctor_key_line(k, line, sizeof line) > 0 && strncmp(line, "proctor-pk1 ", 12) == 0,
          "key line: %s", line);
    CHECK(proctor_key_parse_line(line, &p, &err) == 0 && p && memcmp(p->pk, k->pk, 32) == 0 &&
              strcmp(p->name, "Ann Lee") == 0 && p->role == PROCTOR_ROLE_STUDENT && !p->sk,
          "key line parses back");
    proctor_key_free(p);
    {
        char bad[512];
        snprintf(bad, sizeof bad, "%s", line);
        bad[12] = bad[12] == '0' ? '1' : '0';
        CHECK(proctor_key_parse_line(bad, &p, &err) == PROCTOR_EINVAL && strstr(err.msg, "key id"),
              "key line with a wrong key id refused");
        CHECK(proctor_key_parse_line("proctor-pk1 x", &p, &err) == PROCTOR_EINVAL,
              "short key line refused");
        snprintf(bad, sizeof bad, "%s", line);
        *strstr(bad, " student ") = '\t';
        CHECK(proctor_key_parse_line(bad, &p, &err) == PROCTOR_EINVAL, "tab in key line refused");
    }
    proctor_key_free(k);
}

static void
test_roster(void)
{
    struct proctor_key *a = NULL, *b = NULL, *a2 = NULL, *t = NULL;
    struct proctor_roster *r = NULL;
    struct proctor_error err;
    char path[512], la[512], lb[512], la2[512], lt[512];

    path_in(path, sizeof path, "roster");
    proctor_key_generate(PROCTOR_ROLE_STUDENT, "s1", "Ann", &a, &err);
    proctor_key_generate(PROCTOR_ROLE_STUDENT, "s2", "Bo", &b, &err);
    proctor_key_generate(PROCTOR_ROLE_STUDENT, "s1", "Ann", &a2, &err);
    proctor_key_generate(PROCTOR_ROLE_TEACHER, "teacher", "Ms T", &t, &err);
    proctor_key_line(a, la, sizeof la);
    proctor_key_line(b, lb, sizeof lb);
    proctor_key_line(a2, la2, sizeof la2);
    proctor_key_line(t, lt, sizeof lt);

    CHECK(proctor_roster_add(path, la, 0, &err) == 0, "add to a new roster");
    CHECK(proctor_roster_add(path, lb, 0, &err) == 0, "add a second student");
    CHECK(proctor_roster_add(path, la, 0, &err) == 1, "adding the same line again is a no-op");
    CHECK(proctor_roster_add(path, la2, 0, &err) == PROCTOR_EEXIST, "another key for s1 refused");
    CHECK(proctor_roster_add(path, lt, 0, &err) == PROCTOR_EINVAL, "teacher key refused");
    CHECK(proctor_roster_load(path, &r, &err) == 0 && proctor_roster_count(r) == 2,
          "roster loads with 2 keys");
    CHECK(r && proctor_roster_find(r, "s1") &&
              memcmp(proctor_roster_find(r, "s1")->pk, a->pk, 32) == 0,
          "find s1");
    CHECK(r && !proctor_roster_find(r, "s3"), "s3 not found");
    proctor_roster_free(r);
    r = NULL;
    CHECK(proctor_roster_add(path, la2, 1, &err) == 0, "replace s1's key");
    CHECK(proctor_roster_load(path, &r, &err) == 0 && proctor_roster_count(r) == 2 &&
              memcmp(proctor_roster_find(r, "s1")->pk, a2->pk, 32) == 0,
          "s1 now has the new key");
    proctor_roster_free(r);
    r = NULL;
    {
        char text[2048];
        snprintf(text, sizeof text, "# class 7b\n\n%s\n%s\nnot a key\n", la, lb);
        proctor_file_write(path, text, strlen(text), 0644, 0, &err);
        CHECK(proctor_roster_load(path, &r, &err) == PROCTOR_EINVAL && err.line == 5,
              "bad roster line reported at line 5");
        snprintf(text, sizeof text, "%s\n%s\n", la, la2);
        proctor_file_write(path, text, strlen(text), 0644, 0, &err);
        CHECK(proctor_roster_load(path, &r, &err) == PROCTOR_EINVAL && strstr(err.msg, "twice"),
              "student twice in a roster refused");
    }
    proctor_key_free(a);
    proctor_key_free(b);
    proctor_key_free(a2);
    proctor_key_free(t);
}


/*
 * What libsodium's crypto_sign_verify_detached refuses by itself, and what only the roster's
 * check does. libsodium 1.0.18 refuses a public key that is not canonical, of small order or
 * off the curve, but accepts a mixed-order key (a good key plus a point of order 8): its owner
 * can make signatures that verify (below), so the roster's full check is what keeps such a
 * key from being trusted. A roster loads such a line (the costly check waits for the first
 * use of the key) but never hands the key out.
 */
static void
test_roster_weak_keys(void)
{
    static const char order8[] = "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05";
    unsigned char seed[32], pk[32], sk[64], t[32], mixed[32], h[64], a[32], sig[64], r[32],
        hr[64], ha[32], hram[32];
    static const unsigned char msg[] = "a result payload";
    crypto_hash_sha512_state st;
    char path[300], id[17], *b64;
    struct proctor_roster *ro = NULL;
    struct proctor_error err;
    const struct proctor_key *k = NULL;
    FILE *f;
    int tries = 0, rc;

    memset(seed, 7, sizeof seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    sodium_hex2bin(t, 32, order8, 64, NULL, NULL, NULL);
    CHECK(crypto_sign_verify_detached((unsigned char[64]){0}, msg, sizeof msg, t) != 0,
          "libsodium refuses a small-order public key by itself");
    CHECK(crypto_core_ed25519_add(mixed, pk, t) == 0, "a mixed-order key: pk + order-8 point");
    /* the key's owner signs for the mixed key: S = r + h*a, with r tried until h = 0 mod 8,
     * so that h times the order-8 part vanishes */
    crypto_hash_sha512(h, seed, 32);
    memcpy(a, h, 32);
    a[0] &= 248;
    a[31] &= 127;
    a[31] |= 64;
    do {
        crypto_core_ed25519_scalar_random(r);
        crypto_scalarmult_ed25519_base_noclamp(sig, r);
        crypto_hash_sha512_init(&st);
        crypto_hash_sha512_update(&st, sig, 32);
        crypto_hash_sha512_update(&st, mixed, 32);
        crypto_hash_sha512_update(&st, msg, sizeof msg);
        crypto_hash_sha512_final(&st, hr);
        crypto_core_ed25519_scalar_reduce(hram, hr);
    } while ((hram[0] & 7) != 0 && ++tries < 1000);
    crypto_core_ed25519_scalar_mul(ha, hram, a);
    crypto_core_ed25519_scalar_add(sig + 32, r, ha);
    CHECK(crypto_sign_verify_detached(sig, msg, sizeof msg, mixed) == 0,
          "libsodium accepts a signature under a mixed-order key (%d tries)", tries + 1);
    CHECK(proctor_pk_check(mixed, &err) == PROCTOR_EVERIFY, "proctor_pk_check refuses it");

    /* a hand-edited roster holding that key beside a good one */
    b64 = proctor_base64_encode(mixed, 32);
    proctor_key_id(mixed, id);
    snprintf(path, sizeof path, "%s/weak.roster", dir);
    f = fopen(path, "w");
    if (f) {
        char *gb64 = proctor_base64_encode(pk, 32);
        char gid[17];
        proctor_key_id(pk, gid);
        fprintf(f, "proctor-pk1 %s %s student good Good\n", gid, gb64);
        fprintf(f, "proctor-pk1 %s %s student mallory Mallory\n", id, b64);
        fclose(f);
        free(gb64);
    }
    proctor_error_clear(&err);
    rc = proctor_roster_load(path, &ro, &err);
    CHECK(rc == 0, "a roster with a mixed-order key loads (the full check waits for use): %s",
          err.msg);
    CHECK(ro && proctor_roster_find_keyid(ro, id) == NULL, "but find_keyid never hands it out");
    CHECK(ro && proctor_roster_find(ro, "mallory") == NULL, "nor find by id");
    proctor_error_clear(&err);
    CHECK(ro && proctor_roster_signer(ro, id, &k, &err) == PROCTOR_EVERIFY && !k &&
              strstr(err.msg, "mallory") && strstr(err.msg, "not a valid Ed25519 point"),
          "the signer lookup says why: %s", err.msg);
    CHECK(ro && proctor_roster_signer(ro, id, &k, &err) == PROCTOR_EVERIFY,
          "and says so again (the answer is kept)");
    CHECK(ro && proctor_roster_find(ro, "good") != NULL, "the good key is handed out");
    CHECK(ro && proctor_roster_signer(ro, "0000000000000000", &k, &err) == PROCTOR_ENOTFOUND,
          "an unknown key id is not found");
    CHECK(ro && proctor_roster_check(ro, &err) == PROCTOR_EVERIFY && strstr(err.msg, "mallory"),
          "proctor_roster_check names the weak key: %s", err.msg);
    proctor_roster_free(ro);
    ro = NULL;

    /* a small-order key is refused at load, with its line */
    sodium_hex2bin(t, 32, order8, 64, NULL, NULL, NULL);
    free(b64);
    b64 = proctor_base64_encode(t, 32);
    proctor_key_id(t, id);
    f = fopen(path, "w");
    if (f) {
        fprintf(f, "# class\nproctor-pk1 %s %s student mallory Mallory\n", id, b64);
        fclose(f);
    }
    proctor_error_clear(&err);
    CHECK(proctor_roster_load(path, &ro, &err) == PROCTOR_EINVAL && !ro && err.line == 2 &&
              strstr(err.msg, "small-order"),
          "a small-order key in a roster is refused at load, line %ld: %s", err.line, err.msg);
    free(b64);
}

int
main(void)
{
    char cmd[600];

    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    test_small_order();
    test_ids();
    test_key_files();
    test_roster();
    test_roster_weak_keys();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return harness_done();
}
