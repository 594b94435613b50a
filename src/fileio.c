/* SPDX-License-Identifier: ISC */
/* fileio.c - capped whole-file reads and atomic, durable writes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proctor/fileio.h"

int
proctor_file_read(const char *path, size_t max, char **out, size_t *len,
                  struct proctor_error *err)
{
    int fd = -1, rc = 0;
    struct stat st;
    char *buf = NULL;
    size_t cap = 0, n = 0;

    *out = NULL;
    if (len)
        *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat refuses it next */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return proctor_error_io(err, path, "cannot open: %s", strerror(errno));
    if (fstat(fd, &st) < 0) {
        rc = proctor_error_io(err, path, "cannot stat: %s", strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "not a regular file");
        goto out;
    }
    if ((unsigned long long)st.st_size > max) {
        rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                               "file too large (%lld bytes, at most %zu)",
                               (long long)st.st_size, max);
        goto out;
    }
    /* room for one byte more than fstat said, to see a file that grew, and the NUL */
    cap = (size_t)st.st_size + 2;
    buf = malloc(cap);
    if (!buf) {
        rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    for (;;) {
        size_t want;
        ssize_t r;
        if (n + 1 >= cap) {
            char *nb;
            if (cap > max + 1) {
                rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                       "file too large (at most %zu bytes)", max);
                goto out;
            }
            cap = cap * 2 + 64;
            nb = realloc(buf, cap);
            if (!nb) {
                rc = proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
                goto out;
            }
            buf = nb;
        }
        want = cap - n - 1;
        r = read(fd, buf + n, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            rc = proctor_error_io(err, path, "cannot read: %s", strerror(errno));
            goto out;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            rc = proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0,
                                   "file too large (at most %zu bytes)", max);
            goto out;
        }
        if ((size_t)r < want)
            break; /* a short read of a regular file: its end */
    }
    buf[n] = '\0';
    *out = buf;
    buf = NULL;
    if (len)
        *len = n;
out:
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

static int
write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static void
dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

static void
sync_dir(const char *path)
{
    char dir[PATH_MAX];
    int fd;

    dir_of(path, dir, sizeof dir);
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int
proctor_temp_open(const char *path, char *tmp, size_t size, struct proctor_error *err)
{
    int n = snprintf(tmp, size, "%s.tmp", path), fd;

    /* mkostemp's template: six 'X' after the name, which it replaces */
    if (n < 0 || (size_t)n + 7 > size)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "path too long");
    memset(tmp + n, 'X', 6);
    tmp[n + 6] = '\0';
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return proctor_error_io(err, path, "cannot create temporary file: %s",
                                strerror(errno));
    return fd;
}

int
proctor_temp_write(int fd, const void *data, size_t len, const char *path,
                   struct proctor_error *err)
{
    if (write_all(fd, data, len) < 0)
        return proctor_error_io(err, path, "cannot write: %s", strerror(errno));
    return 0;
}

int
proctor_temp_finish(int fd, const char *tmp, const char *path, int commit,
                    struct proctor_error *err)
{
    int rc = 0;

    if (commit && fsync(fd) < 0)
        rc = proctor_error_io(err, path, "cannot write: %s", strerror(errno));
    if (close(fd) < 0 && commit && rc == 0)
        rc = proctor_error_io(err, path, "cannot write: %s", strerror(errno));
    if (commit && rc == 0 && rename(tmp, path) < 0)
        rc = proctor_error_io(err, path, "cannot rename into place: %s", strerror(errno));
    if (!commit || rc != 0) {
        unlink(tmp);
        return rc;
    }
    sync_dir(path);
    return 0;
}

int
proctor_file_write(const char *path, const void *data, size_t len, mode_t mode, int flags,
                   struct proctor_error *err)
{
    char tmp[PATH_MAX];
    int fd, rc = 0;

    if ((flags & PROCTOR_WRITE_NOREPLACE) && access(path, F_OK) == 0)
        return proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0,
                                 "already exists; refusing to overwrite");
    fd = proctor_temp_open(path, tmp, sizeof tmp, err);
    if (fd < 0)
        return fd;
    if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        rc = proctor_error_io(err, path, "cannot write: %s", strerror(errno));
        close(fd);
        unlink(tmp);
        return rc;
    }
    if (close(fd) < 0) {
        rc = proctor_error_io(err, path, "cannot write: %s", strerror(errno));
        unlink(tmp);
        return rc;
    }
    if (flags & PROCTOR_WRITE_NOREPLACE) {
        /* link() fails with EEXIST atomically, so two writers can't both win. */
        if (link(tmp, path) < 0) {
            int e = errno;
            unlink(tmp);
            errno = e;
            if (e == EEXIST)
                return proctor_error_set(err, PROCTOR_EEXIST, path, 0, 0,
                                         "already exists; refusing to overwrite");
            return proctor_error_io(err, path, "cannot create: %s", strerror(e));
        }
        unlink(tmp);
    } else if (rename(tmp, path) < 0) {
        rc = proctor_error_io(err, path, "cannot rename into place: %s", strerror(errno));
        unlink(tmp);
        return rc;
    }
    sync_dir(path);
    return 0;
}

int
proctor_mkdirs(const char *dir, mode_t mode, struct proctor_error *err)
{
    char buf[PATH_MAX];
    size_t n = strlen(dir);

    if (n == 0 || n >= sizeof buf)
        return proctor_error_set(err, PROCTOR_EINVAL, dir, 0, 0, "bad directory name");
    memcpy(buf, dir, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, mode) < 0 && errno != EEXIST)
            return proctor_error_io(err, buf, "cannot create directory: %s", strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, mode) < 0 && errno != EEXIST)
        return proctor_error_io(err, buf, "cannot create directory: %s", strerror(errno));
    return 0;
}
