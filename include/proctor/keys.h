/* SPDX-License-Identifier: ISC */
/*
 * keys.h - Ed25519 key pairs, encrypted secret key files, public key lines and rosters.
 *
 * Rule: proctor_key_generate, proctor_key_load and proctor_key_parse_line return an owned
 * key (free with proctor_key_free); its secret half, when present, lives in sodium_malloc
 * memory and is wiped on free. A roster owns its keys; proctor_roster_find returns a borrowed
 * pointer valid until proctor_roster_free. File formats are specified in docs/FORMAT.md.
 */
#ifndef PROCTOR_KEYS_H
#define PROCTOR_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "proctor/error.h"
#include "proctor/limits.h"

enum proctor_role { PROCTOR_ROLE_STUDENT, PROCTOR_ROLE_TEACHER };

#define PROCTOR_KEYID_LEN 16  /* hex characters: first 8 bytes of SHA-256(public key) */
#define PROCTOR_PK_PREFIX "proctor-pk1"

struct proctor_key {
    enum proctor_role role;
    char id[PROCTOR_ID_MAX + 1];
    char name[PROCTOR_NAME_MAX + 1];
    char keyid[PROCTOR_KEYID_LEN + 1];
    unsigned char pk[32];
    unsigned char *sk; /* 64-byte libsodium secret key in sodium_malloc memory; NULL if public */
    int encrypted;     /* the file it came from has a passphrase */
};

/* Argon2id cost parameters stored in, and read back from, an encrypted key file. */
struct proctor_kdf_limits {
    unsigned long long opslimit;
    size_t memlimit;
};

/*
 * The cost called name: NULL or "interactive" (crypto_pwhash OPSLIMIT/MEMLIMIT_INTERACTIVE,
 * the default), "moderate", or "min" (for fast tests; the CLI takes it from $PROCTOR_PWHASH).
 * Unknown names give PROCTOR_EUSAGE.
 */
int proctor_kdf_default(const char *name, struct proctor_kdf_limits *out,
                        struct proctor_error *err);

/* Checks an id (1..PROCTOR_ID_MAX bytes of [A-Za-z0-9._@-]) or a name; 0 or PROCTOR_EINVAL. */
int proctor_key_check_id(const char *id, struct proctor_error *err);
int proctor_key_check_name(const char *name, struct proctor_error *err);

/*
 * Refuses public keys that are not canonical encodings of points of the prime-order
 * subgroup: malformed, the identity, and the small-order points. 0 or PROCTOR_EVERIFY.
 */
int proctor_pk_check(const unsigned char pk[32], struct proctor_error *err);

/* Writes the key id of pk (PROCTOR_KEYID_LEN lowercase hex digits and a NUL) to out. */
void proctor_key_id(const unsigned char pk[32], char out[PROCTOR_KEYID_LEN + 1]);

/* A new random key pair for role, id and name. */
int proctor_key_generate(enum proctor_role role, const char *id, const char *name,
                         struct proctor_key **out, struct proctor_error *err);

/* The same from a 32-byte seed (crypto_sign_seed_keypair); for tests and vectors. */
int proctor_key_from_seed(enum proctor_role role, const char *id, const char *name,
                          const unsigned char seed[32], struct proctor_key **out,
                          struct proctor_error *err);

void proctor_key_free(struct proctor_key *k);

enum {
    PROCTOR_KEY_FORCE = 1 /* proctor_key_save: replace an existing file */
};

/*
 * Writes k's secret key file to path (mode 0600, atomically; PROCTOR_EEXIST if it exists
 * unless flags has PROCTOR_KEY_FORCE). With pass (passlen bytes) the seed is encrypted with
 * XChaCha20-Poly1305 under an Argon2id key of cost lim (NULL = proctor_kdf_default(NULL));
 * with pass NULL it is stored in the clear.
 */
int proctor_key_save(const struct proctor_key *k, const char *path, const char *pass,
                     size_t passlen, const struct proctor_kdf_limits *lim, int flags,
                     struct proctor_error *err);

/*
 * Reads a secret key file. With want_secret 0 only the public half is loaded (no passphrase
 * needed; k->encrypted says whether one will be). With want_secret set, pass is needed for an
 * encrypted file: a wrong passphrase gives PROCTOR_EVERIFY ("cannot decrypt secret key: wrong
 * passphrase"), a missing one PROCTOR_EUSAGE. The file buffer is wiped before it is freed.
 */
int proctor_key_load(const char *path, const char *pass, size_t passlen, int want_secret,
                     struct proctor_key **out, struct proctor_error *err);

/*
 * The one-line public key, without newline, into buf:
 *   proctor-pk1 <keyid> <base64 public key> <student|teacher> <id> <name>
 * Returns the length, or PROCTOR_EUSAGE when size is too small.
 */
int proctor_key_line(const struct proctor_key *k, char *buf, size_t size);

/* Parses such a line (a leading UTF-8 BOM and a trailing LF or CRLF are allowed) into a
 * public key; PROCTOR_EINVAL. */
int proctor_key_parse_line(const char *line, struct proctor_key **out,
                           struct proctor_error *err);

/* A roster: the public keys of a class, one proctor-pk1 student line each. */
struct proctor_roster;

/*
 * Loads a roster file: '#' comments and blank lines allowed; every other line a student
 * public key line; ids unique. A bad line gives PROCTOR_EINVAL with path and line.
 *
 * Loading checks each key's form and refuses the small-order encodings, but leaves the
 * costly part of proctor_pk_check (on the curve, in the prime-order subgroup: some 75 us a
 * key) to the first time the key is looked up: proctor_roster_find, proctor_roster_find_keyid
 * and proctor_roster_signer never hand out a key that fails it, so a weak key in a
 * hand-edited roster is never trusted, and a class's verify pays only for the keys its files
 * name. proctor_roster_add checks a key fully before it is written.
 */
int proctor_roster_load(const char *path, struct proctor_roster **out,
                        struct proctor_error *err);

/*
 * The same for a file of keys of another role: PROCTOR_ROLE_TEACHER for the list of teachers
 * a student trusts. proctor_roster_load is proctor_roster_load_role(..., STUDENT, ...).
 */
int proctor_roster_load_role(const char *path, enum proctor_role role,
                             struct proctor_roster **out, struct proctor_error *err);

/* An empty roster (for proctor_roster_add to a file that does not exist yet). */
struct proctor_roster *proctor_roster_new(void);
void proctor_roster_free(struct proctor_roster *r);

size_t proctor_roster_count(const struct proctor_roster *r);
const struct proctor_key *proctor_roster_get(const struct proctor_roster *r, size_t i);

/* The key of student id, or NULL (also when that key fails proctor_pk_check). */
const struct proctor_key *proctor_roster_find(const struct proctor_roster *r, const char *id);

/* The key whose key id is keyid, or NULL (also when that key fails proctor_pk_check). */
const struct proctor_key *proctor_roster_find_keyid(const struct proctor_roster *r,
                                                    const char *keyid);

/*
 * The same, saying why: 0 with *out the key; PROCTOR_ENOTFOUND when no key has that key id;
 * PROCTOR_EVERIFY when the roster's key with that id fails proctor_pk_check (err names the
 * student). Safe on many threads at once.
 */
int proctor_roster_signer(const struct proctor_roster *r, const char *keyid,
                          const struct proctor_key **out, struct proctor_error *err);

/* Checks every key of r fully (proctor_pk_check); the first that fails is PROCTOR_EVERIFY,
 * naming the student. */
int proctor_roster_check(const struct proctor_roster *r, struct proctor_error *err);

/*
 * Adds a public key line to the roster file at path (created when missing), atomically.
 * Adding a line that is already there is a no-op returning 1; a different key for an id
 * already present is PROCTOR_EEXIST unless replace is set. Returns 0 when added.
 */
int proctor_roster_add(const char *path, const char *line, int replace,
                       struct proctor_error *err);
int proctor_roster_add_role(const char *path, const char *line, enum proctor_role role,
                            int replace, struct proctor_error *err);

#endif
