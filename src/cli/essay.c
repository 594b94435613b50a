/* SPDX-License-Identifier: ISC */
/* essay.c - an essay answer written in an editor or over several lines at the prompt. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "essay.h"

size_t
essay_words(const char *text)
{
    size_t n = 0;
    int in = 0;

    for (const char *p = text; p && *p; p++) {
        int blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (!blank && !in)
            n++;
        in = !blank;
    }
    return n;
}

const char *
essay_editor(void)
{
    const char *v = getenv("VISUAL"), *e = getenv("EDITOR");
    if (v && *v)
        return v;
    if (e && *e)
        return e;
    return NULL;
}

/* Whether the last line of buf (len bytes) holds only "." (with blanks around it). */
static int
ends_with_dot_line(const char *buf, size_t len)
{
    size_t start = len;
    while (start > 0 && buf[start - 1] != '\n')
        start--;
    while (start < len && (buf[start] == ' ' || buf[start] == '\t'))
        start++;
    if (start >= len || buf[start] != '.')
        return 0;
    for (size_t k = start + 1; k < len; k++)
        if (buf[k] != ' ' && buf[k] != '\t' && buf[k] != '\r')
            return 0;
    return 1;
}

/* Drops the last line of buf (the "." line) and the blank lines and blanks before it. */
static void
drop_last_line(char *buf, size_t *len)
{
    while (*len > 0 && buf[*len - 1] != '\n')
        (*len)--;
    while (*len > 0 && (buf[*len - 1] == '\n' || buf[*len - 1] == ' ' || buf[*len - 1] == '\t' ||
                        buf[*len - 1] == '\r'))
        (*len)--;
    buf[*len] = '\0';
}

static int
append(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 2 > *cap) {
        size_t c = (*len + n + 2) * 2;
        char *b = realloc(*buf, c);
        if (!b)
            return -1;
        *buf = b;
        *cap = c;
    }
    if (*len > 0)
        (*buf)[(*len)++] = '\n';
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

enum prompt_result
essay_read_lines(const char *first, char **text)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;

    *text = NULL;
    if (append(&buf, &len, &cap, first) < 0)
        return PROMPT_EOF;
    while (!ends_with_dot_line(buf, len)) {
        char *line = NULL;
        enum prompt_result r = prompt_read("  ", &line);
        if (r != PROMPT_LINE) {
            free(buf);
            return r;
        }
        if (append(&buf, &len, &cap, line) < 0) {
            free(line);
            free(buf);
            return PROMPT_EOF;
        }
        free(line);
    }
    drop_last_line(buf, &len);
    *text = buf;
    return PROMPT_LINE;
}

/* Writes the question as '#' lines, wrapped at about 70 columns. */
static void
comment(FILE *f, const char *label, const char *text)
{
    const char *p = text;
    size_t col = (size_t)fprintf(f, "# %s", label);

    while (*p) {
        size_t w = strcspn(p, " \n");
        if (col + 1 + w > 72) {
            fputs("\n#  ", f);
            col = 3;
        }
        fputc(' ', f);
        fwrite(p, 1, w, f);
        col += w + 1;
        p += w;
        while (*p == ' ' || *p == '\n')
            p++;
    }
    fputc('\n', f);
}

/* Runs editor on path through the shell, as git does; the exit status of the editor. */
static int
run_editor(const char *editor, const char *path)
{
    pid_t pid;
    int status;
    struct sigaction ign, oldint, oldquit;

    fflush(stdout);
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    /* Ctrl-C in the editor is the editor's */
    sigaction(SIGINT, &ign, &oldint);
    sigaction(SIGQUIT, &ign, &oldquit);
    pid = fork();
    if (pid == 0) {
        char cmd[4096];
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        snprintf(cmd, sizeof cmd, "%s \"$@\"", editor);
        execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
        _exit(127);
    }
    status = -1;
    if (pid > 0)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    sigaction(SIGINT, &oldint, NULL);
    sigaction(SIGQUIT, &oldquit, NULL);
    if (pid < 0 || status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The file read back: '#' lines dropped, blank lines at either end and trailing blanks of
 * the whole dropped. malloc'd; NULL when it cannot be read. */
static char *
read_back(const char *path)
{
    FILE *f = fopen(path, "r");
    char *line = NULL, *buf = NULL;
    size_t cap = 0, len = 0, bcap = 0;
    ssize_t n;

    if (!f)
        return NULL;
    buf = calloc(1, 1);
    while (buf && (n = getline(&line, &cap, f)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (line[0] == '#')
            continue;
        if (len == 0 && strspn(line, " \t\r") == (size_t)n)
            continue; /* blank lines before the text */
        if (append(&buf, &len, &bcap, line) < 0) {
            free(buf);
            buf = NULL;
        }
    }
    free(line);
    fclose(f);
    if (buf)
        while (len > 0 && strchr(" \t\r\n", buf[len - 1]))
            buf[--len] = '\0';
    return buf;
}

int
essay_edit(const char *editor, const struct proctor_question *q, const char *draft, char **text)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    FILE *f;
    int fd, st;

    *text = NULL;
    /* mkstemps's template: six X characters before ".txt", replaced by a unique name */
    static const char six_x[] = {'X', 'X', 'X', 'X', 'X', 'X', '\0'};
    snprintf(path, sizeof path, "%s/proctor-essay-%s.txt", tmp && *tmp ? tmp : "/tmp", six_x);
    fd = mkstemps(path, 4); /* mode 0600: an answer is nobody else's business */
    if (fd < 0 || !(f = fdopen(fd, "w"))) {
        cli_errorf("cannot make a file for the editor in '%s': %s", tmp && *tmp ? tmp : "/tmp",
                   strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    fprintf(f, "%s\n\n", draft ? draft : "");
    fputs("# Write your answer above. Lines starting with # are dropped.\n", f);
    comment(f, "Question:", q->prompt);
    if (q->min_words > 0)
        fprintf(f, "# At least %ld words.\n", q->min_words);
    fputs("# Save and quit to hand it in; an empty answer leaves the question as it is.\n", f);
    if (fclose(f) != 0) {
        cli_errorf("cannot write '%s': %s", path, strerror(errno));
        unlink(path);
        return -1;
    }
    st = run_editor(editor, path);
    if (st != 0) {
        if (st < 0)
            cli_errorf("cannot run the editor '%s': %s", editor, strerror(errno));
        else
            cli_errorf("the editor '%s' failed (exit %d); nothing taken from it", editor, st);
        unlink(path);
        return -1;
    }
    *text = read_back(path);
    unlink(path);
    if (!*text) {
        cli_errorf("cannot read back '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
