/* SPDX-License-Identifier: ISC */
/*
 * faultinject.c - an LD_PRELOAD shim that makes one kind of call fail at its Nth use, for
 * the fault tests (tests/cli/t91-faults.sh). Built as build/tests/tools/faultinject.so,
 * without sanitizers (with an ASan program, set ASAN_OPTIONS=verify_asan_link_order=0).
 * Set in the environment:
 *
 *   FAULT_CALL   write   write, writev, pwrite on a regular file, and fflush/fclose of a
 *                        stream holding buffered output for a regular file (stdio's own
 *                        writes happen inside libc, out of reach; the stream's error flag is
 *                        set and its buffer dropped, as a real failure would)
 *                fsync   fsync and fdatasync of a regular file
 *                rename  rename, renameat, renameat2
 *                link    link, linkat
 *                open    open/openat (and the 64 forms) for writing or creating,
 *                        mkstemp/mkostemp, fopen with a writing mode
 *                malloc  malloc, calloc, realloc
 *   FAULT_N      the first call to fail, counting from 1 (default 1)
 *   FAULT_COUNT  how many calls fail from there (default 1; 0 = every later call too, as a
 *                disk that stays full)
 *   FAULT_ERRNO  the errno: ENOSPC, EIO, EACCES, EROFS, EDQUOT, ENOMEM, EPERM, EEXIST, EXDEV,
 *                EMFILE or a number; default EIO (ENOMEM for malloc)
 *   FAULT_AFTER  count only calls made after an open-family call (reading too) on a path
 *                containing this text: a start trigger that skips start-up
 *   FAULT_PATH   count only the calls naming a path that contains this text (open, mkstemp,
 *                fopen, rename, link; either path of the last two): one directory made
 *                unwritable, say
 *   FAULT_REPORT a file to which "calls=C fired=F" is appended at exit: C calls counted, F
 *                failed. A sweep runs once with FAULT_N=0 (no fault) to learn C.
 *
 * Standard input, output and error (descriptors 0-2, and the stdout and stderr streams) are
 * never counted: the faults are for the files a command writes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum kind { K_NONE, K_WRITE, K_FSYNC, K_RENAME, K_LINK, K_OPEN, K_MALLOC };

static int configured, kind = K_NONE, fault_errno = EIO, started = 1;
static long first = 1, count = 1;
static long calls, fired;
static const char *after, *report, *only_path;

/* Memory handed out while dlsym looks up the real allocator (dlsym may allocate). */
static _Alignas(16) char boot[16384];
static size_t boot_used;
static volatile int in_dlsym; /* volatile: the compiler assumes dlsym never calls free */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

static void
die(const char *msg)
{
    /* a raw system call: write() itself may be the one interposed */
    long r = syscall(SYS_write, 2, msg, strlen(msg));
    (void)r;
    abort();
}

/* Stores the next definition of name in the function pointer at slot (POSIX lets a
 * function pointer hold dlsym's result; memcpy keeps ISO C quiet about it). */
static void
next_sym(const char *name, void *slot, size_t size)
{
    void *p;
    in_dlsym++;
    p = dlsym(RTLD_NEXT, name);
    in_dlsym--;
    if (!p || size != sizeof p)
        die("faultinject: a real function is missing\n");
    memcpy(slot, &p, sizeof p);
}

#define LOOKUP(ptr, name) next_sym(name, &(ptr), sizeof(ptr))

static int
errno_named(const char *s)
{
    static const struct {
        const char *name;
        int value;
    } names[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO},       {"EACCES", EACCES}, {"EROFS", EROFS},
                 {"EDQUOT", EDQUOT}, {"ENOMEM", ENOMEM}, {"EPERM", EPERM},   {"EEXIST", EEXIST},
                 {"EXDEV", EXDEV},   {"EMFILE", EMFILE}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i].name) == 0)
            return names[i].value;
    return atoi(s) > 0 ? atoi(s) : EIO;
}

/* Reads the environment once; allocates nothing (malloc may be the call interposed). */
static void
setup(void)
{
    static const char *const kinds[] = {"", "write", "fsync", "rename", "link", "open", "malloc"};
    const char *c, *v;

    if (configured)
        return;
    if (!environ) /* called from another library's start-up, before libc's: try later */
        return;
    configured = 1;
    c = getenv("FAULT_CALL");
    for (int k = 1; c && k <= K_MALLOC; k++)
        if (strcmp(c, kinds[k]) == 0)
            kind = k;
    if (c && kind == K_NONE)
        die("faultinject: FAULT_CALL must be write, fsync, rename, link, open or malloc\n");
    if ((v = getenv("FAULT_N")))
        first = atol(v);
    if ((v = getenv("FAULT_COUNT")))
        count = atol(v);
    fault_errno = kind == K_MALLOC ? ENOMEM : EIO;
    if ((v = getenv("FAULT_ERRNO")) && *v)
        fault_errno = errno_named(v);
    after = getenv("FAULT_AFTER");
    started = !(after && *after);
    report = getenv("FAULT_REPORT");
    only_path = getenv("FAULT_PATH");
    if (only_path && !*only_path)
        only_path = NULL;
}

/* Counts a call of kind k; 1 when it is to fail. FAULT_N=0 never fails. */
static int
should_fail(int k)
{
    long n;

    setup();
    if (k != kind || !started)
        return 0;
    n = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    if (first > 0 && n >= first && (count == 0 || n < first + count)) {
        __atomic_add_fetch(&fired, 1, __ATOMIC_SEQ_CST);
        return 1;
    }
    return 0;
}

/* should_fail for a call naming path (and path2, when not NULL) */
static int
should_fail_path(int k, const char *path, const char *path2)
{
    setup();
    if (only_path && !(path && strstr(path, only_path)) && !(path2 && strstr(path2, only_path)))
        return 0;
    return should_fail(k);
}

static int
fail(void)
{
    errno = fault_errno;
    return -1;
}

static void
note_path(const char *path)
{
    setup();
    if (!started && path && strstr(path, after))
        started = 1;
}

static int
regular_fd(int fd)
{
    struct stat st;
    return fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

static int
writing_flags(int flags)
{
    return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) != 0;
}

__attribute__((destructor)) static void
write_report(void)
{
    char line[64];
    int fd, n;

    if (!report || !*report)
        return;
    kind = K_NONE; /* nothing below may fail */
    n = snprintf(line, sizeof line, "calls=%ld fired=%ld\n", calls, fired);
    fd = (int)syscall(SYS_open, report, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        long r = syscall(SYS_write, fd, line, (size_t)n);
        (void)r;
        syscall(SYS_close, fd);
    }
}

/* ---- memory ---- */

static void *
boot_alloc(size_t n)
{
    size_t at = (boot_used + 15) & ~(size_t)15;
    if (n > sizeof boot - at)
        return NULL;
    boot_used = at + n;
    return boot + at; /* zeroed: static storage, never reused */
}

static int
from_boot(const void *p)
{
    return (const char *)p >= boot && (const char *)p < boot + sizeof boot;
}

void *
malloc(size_t n)
{
    if (!real_malloc) {
        if (in_dlsym)
            return boot_alloc(n);
        LOOKUP(real_malloc, "malloc");
    }
    if (should_fail(K_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
    if (!real_calloc) {
        if (in_dlsym)
            return size && n > SIZE_MAX / size ? NULL : boot_alloc(n * size);
        LOOKUP(real_calloc, "calloc");
    }
    if (should_fail(K_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
    if (!real_realloc) {
        if (in_dlsym)
            return NULL;
        LOOKUP(real_realloc, "realloc");
    }
    if (should_fail(K_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    if (p && from_boot(p)) {
        size_t room = (size_t)(boot + sizeof boot - (char *)p);
        void *q = real_realloc(NULL, n);
        if (q)
            memcpy(q, p, n < room ? n : room);
        return q;
    }
    return real_realloc(p, n);
}

void
free(void *p)
{
    if (!p || from_boot(p))
        return;
    if (!real_free) {
        if (in_dlsym) /* dlsym freeing its own error text while we look free up: keep it */
            return;
        LOOKUP(real_free, "free");
    }
    real_free(p);
}

/* ---- files ---- */

#define REAL(type, name, args)                                                              \
    static type(*real) args;                                                                \
    if (!real)                                                                              \
    LOOKUP(real, name)

static int
do_open(const char *name, int at, int dirfd, const char *path, int flags, int mode)
{
    static int (*r_open)(const char *, int, ...), (*r_open64)(const char *, int, ...);
    static int (*r_openat)(int, const char *, int, ...), (*r_openat64)(int, const char *, int, ...);
    int (**slot)(const char *, int, ...) = strcmp(name, "open") == 0 ? &r_open : &r_open64;
    int (**slot_at)(int, const char *, int, ...) =
        strcmp(name, "openat") == 0 ? &r_openat : &r_openat64;

    if (writing_flags(flags) && should_fail_path(K_OPEN, path, NULL))
        return fail();
    note_path(path);
    if (at) {
        if (!*slot_at)
            next_sym(name, slot_at, sizeof *slot_at);
        return (*slot_at)(dirfd, path, flags, mode);
    }
    if (!*slot)
        next_sym(name, slot, sizeof *slot);
    return (*slot)(path, flags, mode);
}

static int
mode_arg(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, int) : 0;
}

int
open(const char *path, int flags, ...)
{
    va_list ap;
    int mode;
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    return do_open("open", 0, 0, path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
    va_list ap;
    int mode;
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    return do_open("open64", 0, 0, path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    int mode;
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    return do_open("openat", 1, dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    int mode;
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    return do_open("openat64", 1, dirfd, path, flags, mode);
}

int
mkostemp(char *tmpl, int flags)
{
    REAL(int, "mkostemp", (char *, int));
    if (should_fail_path(K_OPEN, tmpl, NULL))
        return fail();
    note_path(tmpl);
    return real(tmpl, flags);
}

int
mkstemp(char *tmpl)
{
    REAL(int, "mkstemp", (char *));
    if (should_fail_path(K_OPEN, tmpl, NULL))
        return fail();
    note_path(tmpl);
    return real(tmpl);
}

static FILE *
do_fopen(const char *name, const char *path, const char *mode)
{
    static FILE *(*r_fopen)(const char *, const char *), *(*r_fopen64)(const char *, const char *);
    FILE *(**slot)(const char *, const char *) = strcmp(name, "fopen") == 0 ? &r_fopen : &r_fopen64;

    if (strpbrk(mode, "wa+") && should_fail_path(K_OPEN, path, NULL)) {
        errno = fault_errno;
        return NULL;
    }
    note_path(path);
    if (!*slot)
        next_sym(name, slot, sizeof *slot);
    return (*slot)(path, mode);
}

FILE *
fopen(const char *path, const char *mode)
{
    return do_fopen("fopen", path, mode);
}

FILE *
fopen64(const char *path, const char *mode)
{
    return do_fopen("fopen64", path, mode);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
    REAL(ssize_t, "write", (int, const void *, size_t));
    if (regular_fd(fd) && should_fail(K_WRITE))
        return fail();
    return real(fd, buf, n);
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
    REAL(ssize_t, "writev", (int, const struct iovec *, int));
    if (regular_fd(fd) && should_fail(K_WRITE))
        return fail();
    return real(fd, iov, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
    REAL(ssize_t, "pwrite", (int, const void *, size_t, off_t));
    if (regular_fd(fd) && should_fail(K_WRITE))
        return fail();
    return real(fd, buf, n, off);
}

/* A stream whose buffered output is bound for a regular file (not stdout or stderr). */
static int
pending_file_output(FILE *f)
{
    return f && f != stdout && f != stderr && __fwritable(f) && __fpending(f) > 0 &&
           regular_fd(fileno(f));
}

int
fflush(FILE *f)
{
    REAL(int, "fflush", (FILE *));
    if (pending_file_output(f) && should_fail(K_WRITE)) {
        __fpurge(f);
        f->_flags |= _IO_ERR_SEEN;
        errno = fault_errno;
        return EOF;
    }
    return real(f);
}

int
fclose(FILE *f)
{
    REAL(int, "fclose", (FILE *));
    if (pending_file_output(f) && should_fail(K_WRITE)) {
        __fpurge(f);
        real(f);
        errno = fault_errno;
        return EOF;
    }
    return real(f);
}

int
fsync(int fd)
{
    REAL(int, "fsync", (int));
    if (regular_fd(fd) && should_fail(K_FSYNC))
        return fail();
    return real(fd);
}

int
fdatasync(int fd)
{
    REAL(int, "fdatasync", (int));
    if (regular_fd(fd) && should_fail(K_FSYNC))
        return fail();
    return real(fd);
}

int
rename(const char *from, const char *to)
{
    REAL(int, "rename", (const char *, const char *));
    if (should_fail_path(K_RENAME, from, to))
        return fail();
    return real(from, to);
}

int
renameat(int fd1, const char *from, int fd2, const char *to)
{
    REAL(int, "renameat", (int, const char *, int, const char *));
    if (should_fail_path(K_RENAME, from, to))
        return fail();
    return real(fd1, from, fd2, to);
}

int
renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
    REAL(int, "renameat2", (int, const char *, int, const char *, unsigned));
    if (should_fail_path(K_RENAME, from, to))
        return fail();
    return real(fd1, from, fd2, to, flags);
}

int
link(const char *from, const char *to)
{
    REAL(int, "link", (const char *, const char *));
    if (should_fail_path(K_LINK, from, to))
        return fail();
    return real(from, to);
}

int
linkat(int fd1, const char *from, int fd2, const char *to, int flags)
{
    REAL(int, "linkat", (int, const char *, int, const char *, int));
    if (should_fail_path(K_LINK, from, to))
        return fail();
    return real(fd1, from, fd2, to, flags);
}
