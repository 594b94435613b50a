/* SPDX-License-Identifier: ISC */
/*
 * ptyrun.c - runs a command on a fresh pseudo-terminal and drives it from a script of
 * expect/send steps, so the tests in tests/pty/ can exercise a real terminal (readline,
 * echo, Ctrl-C, window size) without Perl's IO::Pty or Tcl's expect.
 *
 * usage: ptyrun [-t SECS] [-s ROWSxCOLS] [-T TERM] [-l LOGFILE] SCRIPT -- CMD [ARG...]
 *
 *   -t SECS       global time limit for the whole run (default 30); no step outlives it
 *   -s ROWSxCOLS  initial window size (default 24x80)
 *   -T TERM       TERM for the command (default xterm)
 *   -l LOGFILE    write every byte the command printed to LOGFILE, as it arrives
 *   SCRIPT        the script file, or - to read it from standard input
 *
 * Exit status: 0 every step passed; 1 a step failed (the message names the script line and
 * shows the end of the output); 2 usage error; 77 no pseudo-terminal could be opened (the
 * tests print "skip - no pty"). On failure, and at the end of a passing script, the command
 * and its process group are killed if still running.
 *
 * Script: one step per line; blank lines and lines starting with '#' are ignored. TEXT is
 * the rest of the line after one space, with C escapes decoded: \r \n \t \a \b \e \\ \xHH.
 *
 *   expect TEXT      wait until TEXT appears in the output received since the last
 *                    successful expect; matched both against the raw bytes and against a
 *                    copy with escape sequences, \r and other control characters removed
 *   expect-re RE     the same with a POSIX extended regex (not escape-decoded) matched
 *                    against the cleaned copy; ^ and $ match at line ends
 *   not-expect TEXT  fail if TEXT appears anywhere in the output received so far
 *   send TEXT        type TEXT (nothing appended)
 *   sendline TEXT    type TEXT and a carriage return (the Enter key)
 *   sleep MS         wait MS milliseconds, still collecting output
 *   resize R C       set the window size; the kernel sends SIGWINCH to the command
 *   signal NAME      send INT, TERM, KILL, HUP, QUIT, ... to the command's process group
 *   expect-exit N    wait for the command to exit with status N
 *   expect-exit signal [NAME]   ... or to be killed by a signal (NAME if given)
 *   expect-eof       wait until the terminal is closed by every process holding it
 *   echo-off         wait until the terminal's ECHO flag is clear (a passphrase prompt)
 *   echo-on          wait until it is set again
 *   timeout SECS     limit each later wait step to SECS (default: the global limit)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_SKIP = 77 };

#define OUTPUT_CAP (64u << 20) /* a runaway command fails the run instead of eating memory */
#define SLICE_MS 20            /* longest single poll, so a child's exit is noticed promptly */

struct run {
    pid_t pid;
    int master;
    int logfd;
    char *out; /* everything the command printed */
    size_t len, cap;
    size_t mark;   /* offset just past the last successful expect */
    int eof;       /* the master read EOF/EIO: every holder of the slave closed it */
    int exited;    /* the child has been reaped; status is valid */
    int status;    /* from waitpid */
    long long end; /* global deadline, ms on the monotonic clock */
    long long step_ms;
    const char *script;
    long line;
    /* scratch for the cleaned copy of the output and its map back to raw offsets */
    char *clean;
    size_t *map;
    size_t scratch_cap;
};

static volatile sig_atomic_t child_pid;

static long long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
on_alarm(int sig)
{
    static const char msg[] = "ptyrun: global time limit passed; killing the command\n";
    (void)sig;
    if (child_pid > 0) {
        kill(-(pid_t)child_pid, SIGKILL);
        kill((pid_t)child_pid, SIGKILL);
    }
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing more can be done from a signal handler */
    }
    _exit(EXIT_FAIL);
}

static void
usage(void)
{
    fprintf(stderr, "usage: ptyrun [-t SECS] [-s ROWSxCOLS] [-T TERM] [-l LOGFILE] SCRIPT -- "
                    "CMD [ARG...]\n");
    exit(EXIT_USAGE);
}

/* Keeps the raw output: appends to the buffer and the log file. */
static int
take_output(struct run *r, const char *p, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        char *q;
        while (cap < r->len + n + 1)
            cap *= 2;
        if (cap > OUTPUT_CAP)
            return -1;
        q = realloc(r->out, cap);
        if (!q)
            return -1;
        r->out = q;
        r->cap = cap;
    }
    memcpy(r->out + r->len, p, n);
    r->len += n;
    r->out[r->len] = '\0';
    if (r->logfd >= 0) {
        size_t off = 0;
        while (off < n) {
            ssize_t w = write(r->logfd, p + off, n - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
    return 0;
}

static void
reap(struct run *r)
{
    int st;
    if (r->exited || r->pid <= 0)
        return;
    if (waitpid(r->pid, &st, WNOHANG) == r->pid) {
        r->exited = 1;
        r->status = st;
        child_pid = 0;
    }
}

/*
 * Reads whatever the command prints until `until` (ms) or, when wait_for_data is set, until
 * the first chunk arrives. Returns -1 when the output cap is exceeded.
 */
static int
pump(struct run *r, long long until, int wait_for_data)
{
    char chunk[8192];

    for (;;) {
        long long left = until - now_ms();
        int timeout = left <= 0 ? 0 : left > SLICE_MS ? SLICE_MS : (int)left;
        int got = 0;

        reap(r);
        if (!r->eof) {
            struct pollfd pfd = {.fd = r->master, .events = POLLIN};
            int n = poll(&pfd, 1, timeout);
            if (n < 0 && errno != EINTR)
                return -1;
            if (n > 0) {
                ssize_t k = read(r->master, chunk, sizeof chunk);
                if (k > 0) {
                    if (take_output(r, chunk, (size_t)k) < 0)
                        return -1;
                    got = 1;
                } else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
                    /* Linux reports EIO once the last holder of the slave has closed it */
                    r->eof = 1;
                }
            }
        } else if (timeout > 0) {
            struct timespec ts = {0, (long)timeout * 1000000L};
            nanosleep(&ts, NULL);
        }
        if ((got && wait_for_data) || now_ms() >= until)
            return 0;
        if (r->eof && r->exited && wait_for_data)
            return 0;
    }
}

/* Skips one escape sequence starting at s[i] == ESC; returns the offset after it. */
static size_t
skip_escape(const char *s, size_t n, size_t i)
{
    unsigned char c;

    if (++i >= n)
        return n;
    c = (unsigned char)s[i];
    if (c == '[') { /* CSI: parameters, intermediates, one final byte */
        i++;
        while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x3f)
            i++;
        return i < n ? i + 1 : n;
    }
    if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') { /* strings: to BEL or ST */
        for (i++; i < n; i++) {
            if (s[i] == '\a')
                return i + 1;
            if (s[i] == '\033' && i + 1 < n && s[i + 1] == '\\')
                return i + 2;
        }
        return n;
    }
    while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2f)
        i++; /* intermediates, as in ESC ( B */
    return i < n ? i + 1 : n;
}

/*
 * Builds r->clean from the raw output from offset `from`: escape sequences, \r and control
 * characters other than \n and \t removed. r->map[k] is the raw offset of r->clean[k].
 */
static size_t
clean_output(struct run *r, size_t from)
{
    size_t n = r->len - from, o = 0;
    const char *s = r->out + from;

    if (n + 1 > r->scratch_cap) {
        char *c = realloc(r->clean, n + 1);
        size_t *m;
        if (!c) {
            perror("ptyrun");
            exit(EXIT_FAIL);
        }
        r->clean = c;
        m = realloc(r->map, (n + 1) * sizeof *m);
        if (!m) {
            perror("ptyrun");
            exit(EXIT_FAIL);
        }
        r->map = m;
        r->scratch_cap = n + 1;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\033') {
            i = skip_escape(s, n, i);
            continue;
        }
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            i++;
            continue;
        }
        r->clean[o] = (char)c;
        r->map[o] = from + i;
        o++;
        i++;
    }
    r->clean[o] = '\0';
    return o;
}

/* Decodes C escapes in place; returns the new length or -1 (with *bad set) on a bad one. */
static long
decode(char *s, const char **bad)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\') {
            *o++ = *p;
            continue;
        }
        switch (*++p) {
        case 'r': *o++ = '\r'; break;
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'a': *o++ = '\a'; break;
        case 'b': *o++ = '\b'; break;
        case 'e': *o++ = '\033'; break;
        case '\\': *o++ = '\\'; break;
        case 'x': {
            int v = 0, k = 0;
            while (k < 2 && p[1] && strchr("0123456789abcdefABCDEF", p[1])) {
                char h = *++p;
                v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                k++;
            }
            if (k == 0) {
                *bad = "\\x needs one or two hex digits";
                return -1;
            }
            *o++ = (char)v;
            break;
        }
        default:
            *bad = "unknown escape (use \\r \\n \\t \\a \\b \\e \\\\ or \\xHH)";
            return -1;
        }
    }
    *o = '\0';
    return (long)(o - s);
}

/* Writes bytes with C escapes for anything unprintable, for failure reports. */
static void
put_visible(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\033')
            fputs("\\e", f);
        else if (c == '\\')
            fputs("\\\\", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
}

static void
describe_child(struct run *r, FILE *f)
{
    reap(r);
    if (!r->exited)
        fputs("# the command is still running\n", f);
    else if (WIFEXITED(r->status))
        fprintf(f, "# the command exited with status %d\n", WEXITSTATUS(r->status));
    else if (WIFSIGNALED(r->status))
        fprintf(f, "# the command was killed by signal %d (%s)\n", WTERMSIG(r->status),
                strsignal(WTERMSIG(r->status)));
}

/* Reports a failed step with the end of the output, then returns EXIT_FAIL. */
static int failf(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
failf(struct run *r, const char *fmt, ...)
{
    va_list ap;
    size_t from = r->mark, n, k;

    if (r->line > 0)
        fprintf(stderr, "ptyrun: %s:%ld: ", r->script, r->line);
    else
        fputs("ptyrun: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    n = clean_output(r, from);
    k = n > 1500 ? n - 1500 : 0;
    fprintf(stderr, "# output since the last match, escapes removed%s:\n",
            k ? " (last 1500 bytes)" : "");
    if (n == 0)
        fputs("# (nothing)\n", stderr);
    else {
        fwrite(r->clean + k, 1, n - k, stderr);
        if (r->clean[n - 1] != '\n')
            fputc('\n', stderr);
    }
    n = r->len - from;
    k = n > 400 ? n - 400 : 0;
    fprintf(stderr, "# the same, raw%s:\n", k ? " (last 400 bytes)" : "");
    put_visible(stderr, r->out + from + k, n - k);
    fputc('\n', stderr);
    describe_child(r, stderr);
    return EXIT_FAIL;
}

/* The deadline for the current wait step. */
static long long
step_end(const struct run *r)
{
    long long e = r->step_ms > 0 ? now_ms() + r->step_ms : r->end;
    return e < r->end ? e : r->end;
}

/* The end of one polling slice, no later than end. */
static long long
slice_end(long long end)
{
    long long e = now_ms() + SLICE_MS;
    return e < end ? e : end;
}

/* Finds the earliest match of TEXT (raw or cleaned) after the mark; -1 if none. */
static long
find_text(struct run *r, const char *text, size_t tn, size_t from, size_t *match_end)
{
    /* no memmem on an empty buffer: r->out is NULL before any output (UBSan) */
    const char *raw = !tn ? r->out + from
                          : r->len > from ? memmem(r->out + from, r->len - from, text, tn) : NULL;
    size_t n = clean_output(r, from);
    const char *cl = tn ? memmem(r->clean, n, text, tn) : r->clean;
    size_t best = (size_t)-1;

    if (raw)
        best = (size_t)(raw - r->out) + tn;
    if (cl && tn) {
        size_t e = r->map[(size_t)(cl - r->clean) + tn - 1] + 1;
        if (e < best)
            best = e;
    } else if (cl && !tn && from < best) {
        best = from;
    }
    if (best == (size_t)-1)
        return -1;
    *match_end = best;
    return 0;
}

static int
step_expect(struct run *r, const char *text, size_t tn)
{
    long long start = now_ms(), end = step_end(r);
    size_t e;

    for (;;) {
        if (find_text(r, text, tn, r->mark, &e) == 0) {
            r->mark = e;
            return 0;
        }
        if (r->eof && r->exited)
            return failf(r, "expect: output ended before it appeared");
        if (now_ms() >= end)
            return failf(r, "expect: timed out after %.1f s", (double)(now_ms() - start) / 1000);
        if (pump(r, end, 1) < 0)
            return failf(r, "expect: output cap of %u bytes exceeded or poll failed",
                         (unsigned)OUTPUT_CAP);
    }
}

static int
step_expect_re(struct run *r, const char *re)
{
    long long end = step_end(r);
    regex_t rx;
    int rc = regcomp(&rx, re, REG_EXTENDED | REG_NEWLINE);

    if (rc != 0) {
        char msg[256];
        regerror(rc, &rx, msg, sizeof msg);
        return failf(r, "expect-re: bad regex '%s': %s", re, msg);
    }
    for (;;) {
        regmatch_t m;
        size_t n = clean_output(r, r->mark);
        if (regexec(&rx, r->clean, 1, &m, 0) == 0) {
            size_t e = m.rm_eo > m.rm_so ? r->map[m.rm_eo - 1] + 1
                                         : (m.rm_so < (regoff_t)n ? r->map[m.rm_so] : r->len);
            r->mark = e;
            regfree(&rx);
            return 0;
        }
        if ((r->eof && r->exited) || now_ms() >= end) {
            regfree(&rx);
            return failf(r, "expect-re /%s/: %s", re,
                         r->eof && r->exited ? "output ended before it matched" : "timed out");
        }
        if (pump(r, end, 1) < 0) {
            regfree(&rx);
            return failf(r, "expect-re: output cap exceeded or poll failed");
        }
    }
}

static int
step_not_expect(struct run *r, const char *text, size_t tn)
{
    size_t e;
    pump(r, now_ms(), 0); /* whatever is already waiting */
    if (tn && find_text(r, text, tn, 0, &e) == 0) {
        size_t save = r->mark;
        int rc;
        r->mark = 0;
        rc = failf(r, "not-expect: the text appeared in the output");
        r->mark = save;
        return rc;
    }
    return 0;
}

/* Writes all of buf to the master, collecting output meanwhile so neither side blocks. */
static int
step_send(struct run *r, const char *buf, size_t n)
{
    long long end = step_end(r);
    size_t off = 0;

    while (off < n) {
        struct pollfd pfd = {.fd = r->master, .events = POLLOUT};
        int k;
        if (now_ms() >= end)
            return failf(r, "send: the terminal would not take input before the time limit");
        k = poll(&pfd, 1, SLICE_MS);
        if (k < 0 && errno != EINTR)
            return failf(r, "send: poll: %s", strerror(errno));
        if (k > 0 && (pfd.revents & POLLOUT)) {
            ssize_t w = write(r->master, buf + off, n - off);
            if (w > 0)
                off += (size_t)w;
            else if (w < 0 && errno != EAGAIN && errno != EINTR)
                return failf(r, "send: write: %s", strerror(errno));
        } else if (k > 0 && (pfd.revents & (POLLHUP | POLLERR))) {
            return failf(r, "send: the terminal was closed");
        }
        if (pump(r, now_ms(), 0) < 0)
            return failf(r, "send: output cap exceeded");
    }
    return 0;
}

static int
parse_signal(const char *name)
{
    static const struct {
        const char *name;
        int sig;
    } sigs[] = {{"INT", SIGINT},   {"TERM", SIGTERM}, {"KILL", SIGKILL}, {"HUP", SIGHUP},
                {"QUIT", SIGQUIT}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"WINCH", SIGWINCH},
                {"TSTP", SIGTSTP}, {"CONT", SIGCONT}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM}};

    if (strncmp(name, "SIG", 3) == 0)
        name += 3;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (strcmp(name, sigs[i].name) == 0)
            return sigs[i].sig;
    return -1;
}

static int
step_expect_exit(struct run *r, const char *arg)
{
    long long end = step_end(r);
    int want_sig = -2, want_code = -1;

    if (strncmp(arg, "signal", 6) == 0 && (arg[6] == '\0' || arg[6] == ' ')) {
        want_sig = arg[6] ? parse_signal(arg + 7) : 0;
        if (want_sig < 0)
            return failf(r, "expect-exit: unknown signal '%s'", arg + 7);
    } else {
        char *e;
        long v = strtol(arg, &e, 10);
        if (!*arg || *e || v < 0 || v > 255)
            return failf(r, "expect-exit: wants a status 0-255 or 'signal [NAME]', not '%s'",
                         arg);
        want_code = (int)v;
    }
    while (!r->exited && now_ms() < end)
        if (pump(r, slice_end(end), 0) < 0)
            break;
    if (!r->exited)
        return failf(r, "expect-exit %s: the command is still running", arg);
    pump(r, now_ms() + 50, 0); /* collect the last words for later steps and the log */
    if (want_code >= 0) {
        if (!WIFEXITED(r->status) || WEXITSTATUS(r->status) != want_code)
            return failf(r, "expect-exit %d: the command ended otherwise", want_code);
    } else if (!WIFSIGNALED(r->status) || (want_sig > 0 && WTERMSIG(r->status) != want_sig)) {
        return failf(r, "expect-exit %s: the command ended otherwise", arg);
    }
    return 0;
}

static int
step_expect_eof(struct run *r)
{
    long long end = step_end(r);
    while (!r->eof && now_ms() < end)
        if (pump(r, slice_end(end), 0) < 0)
            break;
    if (!r->eof)
        return failf(r, "expect-eof: the terminal is still open");
    return 0;
}

static int
step_echo(struct run *r, int want_on)
{
    long long end = step_end(r);
    for (;;) {
        struct termios t;
        /* On Linux, TCGETS on the master reports the slave's settings. */
        if (tcgetattr(r->master, &t) < 0)
            return failf(r, "echo-%s: tcgetattr: %s", want_on ? "on" : "off", strerror(errno));
        if (!!(t.c_lflag & ECHO) == want_on)
            return 0;
        if (now_ms() >= end)
            return failf(r, "echo-%s: the terminal's ECHO flag stayed %s", want_on ? "on" : "off",
                         want_on ? "clear" : "set");
        if (pump(r, slice_end(end), 0) < 0)
            return failf(r, "echo: output cap exceeded");
    }
}

static int
parse_ms(const char *s, double scale, long long *out)
{
    char *e;
    double v = strtod(s, &e);
    if (!*s || *e || v < 0 || v > 86400.0 * 1000 / scale)
        return -1;
    *out = (long long)(v * scale);
    return 0;
}

static int
step_resize(struct run *r, const char *arg)
{
    struct winsize ws = {0};
    unsigned rows, cols;
    char extra;

    if (sscanf(arg, "%u %u %c", &rows, &cols, &extra) != 2 || !rows || !cols || rows > 999 ||
        cols > 999)
        return failf(r, "resize: wants ROWS COLS, not '%s'", arg);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    if (ioctl(r->master, TIOCSWINSZ, &ws) < 0)
        return failf(r, "resize: TIOCSWINSZ: %s", strerror(errno));
    return 0;
}

static int
run_step(struct run *r, char *line)
{
    char *cmd = line, *arg = strchr(line, ' ');
    const char *bad = NULL;
    long n;

    if (arg)
        *arg++ = '\0';
    else
        arg = line + strlen(line);

    if (strcmp(cmd, "expect") == 0 || strcmp(cmd, "not-expect") == 0 ||
        strcmp(cmd, "send") == 0 || strcmp(cmd, "sendline") == 0) {
        n = decode(arg, &bad);
        if (n < 0)
            return failf(r, "%s: %s", cmd, bad);
        if (strcmp(cmd, "expect") == 0)
            return step_expect(r, arg, (size_t)n);
        if (strcmp(cmd, "not-expect") == 0)
            return step_not_expect(r, arg, (size_t)n);
        if (strcmp(cmd, "sendline") == 0)
            arg[n++] = '\r'; /* the NUL's place: decoding never lengthens the text */
        return step_send(r, arg, (size_t)n);
    }
    if (strcmp(cmd, "expect-re") == 0)
        return step_expect_re(r, arg);
    if (strcmp(cmd, "sleep") == 0) {
        long long ms;
        if (parse_ms(arg, 1, &ms) < 0)
            return failf(r, "sleep: wants milliseconds, not '%s'", arg);
        if (now_ms() + ms > r->end)
            return failf(r, "sleep %s: would pass the global time limit", arg);
        return pump(r, now_ms() + ms, 0) < 0 ? failf(r, "sleep: output cap exceeded") : 0;
    }
    if (strcmp(cmd, "timeout") == 0) {
        if (parse_ms(arg, 1000, &r->step_ms) < 0 || r->step_ms == 0)
            return failf(r, "timeout: wants seconds, not '%s'", arg);
        return 0;
    }
    if (strcmp(cmd, "resize") == 0)
        return step_resize(r, arg);
    if (strcmp(cmd, "signal") == 0) {
        int sig = parse_signal(arg);
        if (sig < 0)
            return failf(r, "signal: unknown signal '%s'", arg);
        reap(r);
        if (r->exited)
            return failf(r, "signal %s: the command has already exited", arg);
        if (kill(-r->pid, sig) < 0 && kill(r->pid, sig) < 0)
            return failf(r, "signal %s: %s", arg, strerror(errno));
        return 0;
    }
    if (strcmp(cmd, "expect-exit") == 0)
        return step_expect_exit(r, arg);
    if (strcmp(cmd, "expect-eof") == 0 && !*arg)
        return step_expect_eof(r);
    if (strcmp(cmd, "echo-off") == 0 && !*arg)
        return step_echo(r, 0);
    if (strcmp(cmd, "echo-on") == 0 && !*arg)
        return step_echo(r, 1);
    return failf(r, "unknown step '%s'", cmd);
}

/* Ends the command and everything in its process group; the terminal goes with it. */
static void
stop_child(struct run *r)
{
    long long end;

    reap(r);
    if (r->exited)
        return;
    kill(-r->pid, SIGHUP);
    kill(-r->pid, SIGTERM);
    kill(r->pid, SIGTERM);
    end = now_ms() + 500;
    while (!r->exited && now_ms() < end) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
        reap(r);
    }
    if (!r->exited) {
        kill(-r->pid, SIGKILL);
        kill(r->pid, SIGKILL);
        if (waitpid(r->pid, &r->status, 0) == r->pid)
            r->exited = 1;
    }
    child_pid = 0;
}

static char *
read_script(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char tmp[4096];
    size_t k;

    if (!f) {
        fprintf(stderr, "ptyrun: cannot open '%s': %s\n", path, strerror(errno));
        exit(EXIT_USAGE);
    }
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (len + k + 2 > cap) {
            char *q;
            cap = (len + k + 2) * 2;
            q = realloc(buf, cap);
            if (!q) {
                perror("ptyrun");
                exit(EXIT_FAIL);
            }
            buf = q;
        }
        memcpy(buf + len, tmp, k);
        len += k;
    }
    if (ferror(f)) {
        fprintf(stderr, "ptyrun: cannot read '%s': %s\n", path, strerror(errno));
        exit(EXIT_USAGE);
    }
    if (f != stdin)
        fclose(f);
    if (!buf) {
        buf = malloc(1);
        if (!buf) {
            perror("ptyrun");
            exit(EXIT_FAIL);
        }
    }
    buf[len] = '\0';
    return buf;
}

/*
 * Runs in the child, which login_tty() has made a session leader with the pty as its
 * controlling terminal (so Ctrl-C reaches it). ready is a close-on-exec pipe: the parent
 * reads EOF once exec succeeds, or the errno when it fails.
 */
static void
exec_child(const char *term, char **cmd, int ready)
{
    int e;
    static const int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP,  SIGPIPE,
                               SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD, SIGALRM};
    sigset_t none;

    /* Dispositions set to ignore survive exec; give the command a normal start. */
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setenv("TERM", term, 1);
    execvp(cmd[0], cmd);
    e = errno;
    if (write(ready, &e, sizeof e) < 0) {
        /* the message below still reaches the terminal */
    }
    fprintf(stderr, "ptyrun: cannot run '%s': %s\n", cmd[0], strerror(e));
    _exit(127);
}

int
main(int argc, char **argv)
{
    struct run r = {.pid = -1, .master = -1, .logfd = -1};
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    const char *term = "xterm", *logpath = NULL;
    double limit = 30;
    char *script, *line, *next;
    int master, slave, status = EXIT_PASS, opt, ready[2], exec_errno = 0;
    long long t0;

    while ((opt = getopt(argc, argv, "+t:s:T:l:h")) != -1) {
        switch (opt) {
        case 't': {
            char *e;
            limit = strtod(optarg, &e);
            if (*e || !(limit > 0) || limit > 3600)
                usage();
            break;
        }
        case 's': {
            unsigned rows, cols;
            char extra;
            if (sscanf(optarg, "%ux%u%c", &rows, &cols, &extra) != 2 || !rows || !cols ||
                rows > 999 || cols > 999)
                usage();
            ws.ws_row = (unsigned short)rows;
            ws.ws_col = (unsigned short)cols;
            break;
        }
        case 'T': term = optarg; break;
        case 'l': logpath = optarg; break;
        default: usage();
        }
    }
    if (argc - optind < 3 || strcmp(argv[optind + 1], "--") != 0)
        usage();
    r.script = argv[optind];
    script = read_script(r.script);
    /* never a NULL buffer, so offsets into it are always valid */
    r.cap = 4096;
    r.out = malloc(r.cap);
    if (!r.out) {
        perror("ptyrun");
        return EXIT_FAIL;
    }
    r.out[0] = '\0';

    if (logpath) {
        r.logfd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (r.logfd < 0) {
            fprintf(stderr, "ptyrun: cannot create '%s': %s\n", logpath, strerror(errno));
            return EXIT_USAGE;
        }
    }
    if (openpty(&master, &slave, NULL, NULL, &ws) < 0) {
        fprintf(stderr, "ptyrun: no pseudo-terminal: %s\n", strerror(errno));
        return EXIT_SKIP;
    }
    if (pipe2(ready, O_CLOEXEC) < 0) {
        fprintf(stderr, "ptyrun: pipe: %s\n", strerror(errno));
        return EXIT_FAIL;
    }
    fflush(NULL);
    r.pid = fork();
    if (r.pid < 0) {
        fprintf(stderr, "ptyrun: fork: %s\n", strerror(errno));
        return EXIT_FAIL;
    }
    if (r.pid == 0) {
        close(master);
        close(ready[0]);
        if (r.logfd >= 0)
            close(r.logfd);
        if (login_tty(slave) < 0) {
            fprintf(stderr, "ptyrun: login_tty: %s\n", strerror(errno));
            _exit(127);
        }
        exec_child(term, argv + optind + 2, ready[1]);
    }
    close(slave);
    close(ready[1]);
    /*
     * Wait for the exec, so the first keys typed find the command's session in place: a
     * Ctrl-C sent before the child has a controlling terminal would only flush the input.
     */
    while (read(ready[0], &exec_errno, sizeof exec_errno) < 0 && errno == EINTR)
        ;
    close(ready[0]);
    child_pid = r.pid;
    r.master = master;
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    fcntl(master, F_SETFD, FD_CLOEXEC);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGALRM, on_alarm);
    /* A backstop: even a bug in a step loop cannot outlive the limit by much. */
    alarm((unsigned)limit + 5);
    t0 = now_ms();
    r.end = t0 + (long long)(limit * 1000);

    if (exec_errno) {
        r.line = 0;
        status = failf(&r, "cannot run '%s': %s", argv[optind + 2], strerror(exec_errno));
        line = NULL;
    } else
        line = script;
    for (; line && *line; line = next) {
        size_t n;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        r.line++;
        n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (run_step(&r, line) != 0) {
            status = EXIT_FAIL;
            break;
        }
    }
    stop_child(&r);
    alarm(0);
    if (r.logfd >= 0) {
        pump(&r, now_ms(), 0);
        close(r.logfd);
    }
    close(master);
    free(script);
    free(r.out);
    free(r.clean);
    free(r.map);
    return status;
}
