/* SPDX-License-Identifier: ISC */
/* prompt.c - readline on a terminal, getline elsewhere, and the signals that interrupt them. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "prompt.h"

#define HISTORY_MAX 500

static volatile sig_atomic_t got_int, got_term, got_alarm;
static time_t deadline;
static int use_rl, use_hist;
static const char *hist_path;
static const char *const *words;
static const char *const *cmds;
static void (*idle_fn)(void *);
static void *idle_ctx;
static int idle_ms, idle_due; /* idle_due: idle_fn not yet called in this read */

static void
on_signal(int sig)
{
    if (sig == SIGINT)
        got_int = 1;
    else if (sig == SIGALRM)
        got_alarm = 1;
    else
        got_term = 1;
}

/*
 * Readline runs through its callback interface: we wait in select(), so a signal (Ctrl-C,
 * SIGTERM, the deadline's SIGALRM) interrupts the wait itself and the line can be abandoned
 * cleanly. readline's own signal handlers stay off (rl_catch_signals = 0); ours only set flags.
 */
static char *cb_line;
static int cb_done;

static void
on_line(char *line)
{
    cb_line = line;
    cb_done = 1;
    /* removing the handler here stops readline from showing the prompt again */
    rl_callback_handler_remove();
}

static int
pending_signal(void)
{
    return got_int || got_term || got_alarm;
}

/* Reads a line with readline; NULL at end of input or when a signal arrived. */
static char *
rl_read(const char *prompt)
{
    cb_line = NULL;
    cb_done = 0;
    rl_callback_handler_install(prompt, on_line);
    while (!cb_done) {
        fd_set fds;
        struct timeval tv = {idle_ms / 1000, (idle_ms % 1000) * 1000};
        int n;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        if (pending_signal())
            break;
        n = select(STDIN_FILENO + 1, &fds, NULL, NULL, idle_due ? &tv : NULL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (n == 0) {
            /* no key for idle_ms */
            idle_due = 0;
            idle_fn(idle_ctx);
            continue;
        }
        rl_callback_read_char();
    }
    if (!cb_done) {
        /* abandoned: drop the partial line and give the terminal back */
        rl_free_line_state();
        rl_callback_sigcleanup();
        rl_callback_handler_remove();
    }
    return cb_done ? cb_line : NULL;
}

static char *
generator(const char *text, int state)
{
    static size_t i, j, len;
    if (!state) {
        i = j = 0;
        len = strlen(text);
    }
    if (text[0] == ':') {
        while (cmds && cmds[i]) {
            const char *c = cmds[i++];
            if (strncmp(c, text, len) == 0)
                return strdup(c);
        }
        return NULL;
    }
    while (words && words[j]) {
        const char *w = words[j++];
        if (strncasecmp(w, text, len) == 0)
            return strdup(w);
    }
    return NULL;
}

static char **
complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* never complete file names */
    return rl_completion_matches(text, generator);
}

void
prompt_open(int history, const char *histfile)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read must return EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    use_rl = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (!use_rl)
        return;
    rl_readline_name = "proctor";
    rl_attempted_completion_function = complete;
    rl_catch_signals = 0;
    rl_completer_word_break_characters = " \t,";
    use_hist = history && histfile;
    hist_path = histfile;
    if (use_hist) {
        stifle_history(HISTORY_MAX);
        read_history(hist_path);
    }
}

void
prompt_close(void)
{
    if (use_rl && use_hist) {
        write_history(hist_path);
        history_truncate_file(hist_path, HISTORY_MAX);
    }
}

int
prompt_is_tty(void)
{
    return use_rl;
}

int
prompt_terminated(void)
{
    return got_term;
}

void
prompt_set_deadline(time_t when)
{
    deadline = when;
    got_alarm = 0;
    alarm(0);
}

/* Arms the alarm for the deadline; returns 1 when it has already passed. */
static int
arm_deadline(void)
{
    time_t now = time(NULL);
    if (!deadline)
        return 0;
    if (now >= deadline || got_alarm)
        return 1;
    alarm((unsigned)(deadline - now));
    return 0;
}

void
prompt_set_idle(void (*fn)(void *), void *ctx, int ms)
{
    idle_fn = fn;
    idle_ctx = ctx;
    idle_ms = ms;
}

/* Whether stdin's buffer already holds input (read with an earlier line), so that a line
 * is there without waiting; unknown elsewhere than glibc (then no). */
static int
stdin_buffered(void)
{
#ifdef __GLIBC__
    return stdin->_IO_read_ptr < stdin->_IO_read_end;
#else
    return 0;
#endif
}

void
prompt_set_words(const char *const *w)
{
    words = w;
}

void
prompt_set_commands(const char *const *c)
{
    cmds = c;
}

enum prompt_result
prompt_read(const char *prompt, char **line)
{
    *line = NULL;
    got_int = 0;
    if (got_term)
        return PROMPT_TERM;
    if (arm_deadline())
        return PROMPT_TIMEUP;
    idle_due = idle_fn != NULL;
    if (use_rl) {
        char *l;
        fflush(stdout);
        l = rl_read(prompt);
        alarm(0);
        if (got_term) {
            free(l);
            return PROMPT_TERM;
        }
        if (got_alarm) {
            free(l);
            fputc('\n', stdout);
            return PROMPT_TIMEUP;
        }
        if (got_int) {
            free(l);
            fputc('\n', stdout);
            return PROMPT_INTERRUPT;
        }
        if (!l)
            return PROMPT_EOF;
        if (use_hist && l[0] && l[0] != ':')
            add_history(l);
        *line = l;
        return PROMPT_LINE;
    } else {
        char *buf = NULL;
        size_t cap = 0;
        ssize_t n;
        fputs(prompt, stdout);
        fflush(stdout);
        if (idle_due && !stdin_buffered()) {
            /* no line begun within idle_ms (a line begun and left unfinished on a pipe is
             * waited for as it is) */
            struct pollfd p = {STDIN_FILENO, POLLIN, 0};
            if (poll(&p, 1, idle_ms) == 0)
                idle_fn(idle_ctx);
        }
        errno = 0;
        n = getline(&buf, &cap, stdin);
        alarm(0);
        if (got_alarm) {
            free(buf);
            fputc('\n', stdout);
            return PROMPT_TIMEUP;
        }
        if (n < 0) {
            free(buf);
            if (got_term)
                return PROMPT_TERM;
            if (got_int)
                return PROMPT_INTERRUPT;
            return PROMPT_EOF;
        }
        if (!isatty(STDIN_FILENO))
            fputc('\n', stdout); /* keep a piped transcript readable */
        if (n > 0 && buf[n - 1] == '\n')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '\r') /* CRLF input */
            buf[--n] = '\0';
        *line = buf;
        return PROMPT_LINE;
    }
}

int
prompt_yes_no(const char *question, int dflt)
{
    for (;;) {
        char *l = NULL;
        enum prompt_result r = prompt_read(question, &l);
        int ans = -2;
        if (r == PROMPT_EOF || r == PROMPT_TERM || r == PROMPT_TIMEUP)
            return -1;
        if (r == PROMPT_INTERRUPT)
            return -1;
        if (!l[0])
            ans = dflt;
        else if (strcasecmp(l, "y") == 0 || strcasecmp(l, "yes") == 0)
            ans = 1;
        else if (strcasecmp(l, "n") == 0 || strcasecmp(l, "no") == 0)
            ans = 0;
        free(l);
        if (ans != -2)
            return ans;
        fputs("Please answer y or n.\n", stdout);
    }
}
