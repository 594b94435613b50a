/* SPDX-License-Identifier: ISC */
/*
 * fuzz-util.h - shared by the libFuzzer harnesses whose parser reads a file by path: one
 * scratch directory per process (removed at exit), files written into it, and the source
 * tree's fixtures (SRCDIR comes from the build command, see the Makefile's fuzz target), and
 * fz_student_fixture: the fixture bank, test student key and roster most harnesses start from.
 */
#ifndef PROCTOR_FUZZ_UTIL_H
#define PROCTOR_FUZZ_UTIL_H

#include <fcntl.h>
#include <stdint.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SRCDIR
#define SRCDIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_root[PATH_MAX];

static inline int
fz_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static inline void
fz_cleanup(void)
{
    if (fz_root[0])
        nftw(fz_root, fz_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Stops the run: a harness that cannot set itself up must not report a clean pass. */
static inline void
fz_die(const char *what)
{
    fprintf(stderr, "fuzz harness setup failed: %s\n", what);
    abort();
}

/* The scratch directory (in /dev/shm when there is one: every input is written to it). */
static inline const char *
fz_dir(void)
{
    if (!fz_root[0]) {
        const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
        snprintf(fz_root, sizeof fz_root, "%s/proctor-fuzz-XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(fz_root))
            fz_die("mkdtemp");
        atexit(fz_cleanup);
    }
    return fz_root;
}

/* dir/name in a static buffer (one of four, so a few can be in use at once). */
static inline const char *
fz_path(const char *name)
{
    static char bufs[4][PATH_MAX];
    static int next;
    char *b = bufs[next++ & 3];
    snprintf(b, PATH_MAX, "%s/%s", fz_dir(), name);
    return b;
}

static inline void
fz_write(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const char *p = data;
    if (fd < 0)
        fz_die(path);
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w <= 0)
            fz_die(path);
        p += w;
        len -= (size_t)w;
    }
    close(fd);
}

/* Copies SRCDIR/rel to path. */
static inline void
fz_copy(const char *rel, const char *path)
{
    char src[PATH_MAX], buf[1 << 16];
    FILE *f;
    size_t n;
    int fd;

    snprintf(src, sizeof src, "%s/%s", SRCDIR, rel);
    if (!(f = fopen(src, "rb")))
        fz_die(src);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fz_die(path);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (write(fd, buf, n) != (ssize_t)n)
            fz_die(path);
    fclose(f);
    close(fd);
}

/* A NUL-terminated copy of the input. */
static inline char *
fz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        fz_die("out of memory");
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Aborts (a finding) when an invariant the library promises does not hold. */
#define FZ_CHECK(cond)                                                                      \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);    \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

#include <sodium.h>

#include "proctor/bank.h"
#include "proctor/keys.h"

/*
 * The fixtures most harnesses start from: sodium ready, the fixture bank, the fixed test
 * student's secret key (tests/fixtures/keys) and a roster holding its public key.
 */
static inline void
fz_student_fixture(struct proctor_bank **bank, struct proctor_key **key,
                   struct proctor_roster **roster)
{
    char path[PATH_MAX];
    struct proctor_error err;

    if (sodium_init() < 0)
        fz_die("sodium_init");
    snprintf(path, sizeof path, "%s/tests/fixtures/bank", SRCDIR);
    if (proctor_bank_load(path, NULL, NULL, NULL, bank, &err) != 0)
        fz_die("cannot load the fixture bank");
    snprintf(path, sizeof path, "%s/tests/fixtures/keys/student.key", SRCDIR);
    if (proctor_key_load(path, NULL, 0, 1, key, &err) < 0)
        fz_die("cannot load the fixture key");
    fz_copy("tests/fixtures/keys/student.pub", fz_path("roster"));
    if (proctor_roster_load(fz_path("roster"), roster, &err) < 0)
        fz_die("cannot load the roster");
}

#endif
