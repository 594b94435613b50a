/* SPDX-License-Identifier: ISC */
/* pager.c - long output through $PAGER on a terminal, when it would not fit the screen. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pager.h"

static char *buf;
static size_t len;

int
pager_rows(void)
{
    struct winsize ws;
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
        return ws.ws_row;
    return 24;
}

size_t
pager_lines(const char *text, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    return lines;
}

FILE *
pager_open(void)
{
    FILE *m;
    if (!isatty(STDOUT_FILENO))
        return stdout;
    fflush(stdout);
    buf = NULL;
    len = 0;
    m = open_memstream(&buf, &len);
    return m ? m : stdout;
}

void
pager_close(FILE *f)
{
    const char *pager = getenv("PAGER");
    FILE *p = NULL;
    int rows = pager_rows();

    if (f == stdout)
        return;
    fclose(f);
    if (!buf)
        return;
    if (rows > 0 && pager_lines(buf, len) >= (size_t)rows) {
        struct sigaction ign, old;
        memset(&ign, 0, sizeof ign);
        ign.sa_handler = SIG_IGN;
        sigemptyset(&ign.sa_mask);
        /* a pager quit early closes the pipe: that is no error */
        sigaction(SIGPIPE, &ign, &old);
        p = popen(pager && *pager ? pager : "less -R", "w");
        if (p) {
            fwrite(buf, 1, len, p);
            pclose(p);
        }
        sigaction(SIGPIPE, &old, NULL);
    }
    if (!p) {
        fwrite(buf, 1, len, stdout);
        fflush(stdout);
    }
    free(buf);
    buf = NULL;
}
