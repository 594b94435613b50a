/* SPDX-License-Identifier: ISC */
/* passphrase.c - passphrases from a file, the environment, or a terminal with echo off. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "commands.h"
#include "passphrase.h"

/* The terminal whose echo we turned off, restored on a fatal signal too. */
static int tty_fd = -1;
static struct termios tty_saved;
static volatile sig_atomic_t tty_dirty;

static void
restore_tty(void)
{
    if (tty_dirty) {
        (void)tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
        tty_dirty = 0;
    }
}

static void
on_signal(int sig)
{
    restore_tty();
    signal(sig, SIG_DFL);
    raise(sig);
}

void
passphrase_free(char *p)
{
    if (p)
        sodium_free(p); /* sodium_free wipes before freeing */
}

/* Reads one line (without its newline) from fd into buf; -1 on error, -2 if too long. */
static int
read_line(int fd, char *buf, size_t size, size_t *len)
{
    size_t n = 0;

    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0 || c == '\n')
            break;
        if (n + 1 >= size)
            return -2;
        buf[n++] = c;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    *len = n;
    return 0;
}

static int
prompt_tty(int in, int out, const char *prompt, char *buf, size_t size, size_t *len)
{
    struct termios t;
    struct sigaction sa, old_int, old_term, old_hup;
    int rc;

    if (tcgetattr(in, &tty_saved) < 0)
        return -1;
    t = tty_saved;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
    t.c_lflag |= ICANON;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    tty_fd = in;
    tty_dirty = 1;
    /* Echo goes off before the prompt appears, so nothing typed after it is ever shown;
     * TCSAFLUSH drops what was typed before it. */
    if (tcsetattr(in, TCSAFLUSH, &t) < 0) {
        tty_dirty = 0;
        rc = -1;
    } else {
        if (write(out, prompt, strlen(prompt)) < 0) {
            /* nothing useful to do: the read below still works */
        }
        rc = read_line(in, buf, size, len);
        restore_tty();
    }
    if (write(out, "\n", 1) < 0) {
        /* as above */
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    return rc;
}

static int
from_terminal(const char *prompt, int confirm, char *buf, size_t *len)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY), in, out, rc;
    char *again = NULL;
    size_t alen = 0;

    in = out = fd;
    if (fd < 0) {
        in = STDIN_FILENO;
        out = STDERR_FILENO;
    }
    /* a mismatch is asked again, as ssh-keygen does, up to PASSPHRASE_TRIES times */
    for (int tries = 1;; tries++) {
        rc = prompt_tty(in, out, prompt, buf, PASSPHRASE_MAX, len);
        if (rc != 0 || !confirm || *len == 0)
            break;
        again = sodium_malloc(PASSPHRASE_MAX);
        if (!again)
            rc = -3;
        else if ((rc = prompt_tty(in, out, "Repeat passphrase: ", again, PASSPHRASE_MAX, &alen)) ==
                     0 &&
                 (alen != *len || sodium_memcmp(again, buf, alen) != 0))
            rc = -4;
        passphrase_free(again);
        again = NULL;
        if (rc != -4 || tries == PASSPHRASE_TRIES)
            break;
        dprintf(out, "Passphrases do not match; try again.\n");
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

int
passphrase_asks(const char *file)
{
    return !file && !getenv("PROCTOR_PASSPHRASE") && isatty(STDIN_FILENO);
}

int
passphrase_get(const char *file, const char *prompt, int confirm, char **out, size_t *len)
{
    char *buf = sodium_malloc(PASSPHRASE_MAX);
    const char *env = getenv("PROCTOR_PASSPHRASE");
    int rc = 0;

    *out = NULL;
    *len = 0;
    if (!buf) {
        cli_errorf("out of memory");
        return EXIT_IO;
    }
    if (file) {
        int fd = open(file, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            cli_errorf("%s: cannot open: %s", file, strerror(errno));
            passphrase_free(buf);
            return EXIT_IO;
        }
        rc = read_line(fd, buf, PASSPHRASE_MAX, len);
        close(fd);
    } else if (env) {
        size_t n = strlen(env);
        if (n >= PASSPHRASE_MAX) {
            rc = -2;
        } else {
            memcpy(buf, env, n + 1);
            *len = n;
        }
    } else if (isatty(STDIN_FILENO)) {
        rc = from_terminal(prompt, confirm, buf, len);
    } else {
        rc = read_line(STDIN_FILENO, buf, PASSPHRASE_MAX, len);
    }
    if (rc == -2)
        cli_errorf("passphrase too long (at most %d bytes)", PASSPHRASE_MAX - 1);
    else if (rc == -3)
        cli_errorf("out of memory");
    else if (rc == -4)
        cli_errorf("passphrases do not match");
    else if (rc < 0)
        cli_errorf("cannot read passphrase: %s", strerror(errno));
    else if (*len == 0)
        cli_errorf("empty passphrase (use --no-passphrase for a key without one)");
    if (rc < 0 || *len == 0) {
        passphrase_free(buf);
        *len = 0;
        return rc == -4 ? EXIT_USAGE : rc < 0 && rc != -2 ? EXIT_IO : EXIT_USAGE;
    }
    *out = buf;
    return 0;
}
