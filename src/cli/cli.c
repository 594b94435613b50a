/* SPDX-License-Identifier: ISC */
/* cli.c - error reporting and lookups shared by the subcommands. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "proctor/fileio.h"
#include "untrusted.h"

/*
 * Messages quote file names, ids and whatever a payload says, so everything after
 * "proctor: " goes through the untrusted-text printer: one message is one line.
 */
int
cli_report(const struct proctor_error *err)
{
    fputs("proctor: ", stderr);
    if (err->path[0]) {
        untrusted_puts(stderr, err->path);
        if (err->line > 0) {
            fprintf(stderr, ":%ld", err->line);
            if (err->column > 0)
                fprintf(stderr, ":%ld", err->column);
        }
        fputs(": ", stderr);
    }
    untrusted_puts(stderr, err->msg[0] ? err->msg : "unknown error");
    fputc('\n', stderr);
    return proctor_error_exit_status(err->code ? err->code : PROCTOR_EIO);
}

/* vfprintf to stderr through the untrusted-text printer. */
static void
vprint_escaped(const char *fmt, va_list ap)
{
    char buf[1024], *big = NULL;
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n >= (int)sizeof buf && (big = malloc((size_t)n + 1)) != NULL)
        vsnprintf(big, (size_t)n + 1, fmt, again);
    va_end(again);
    if (n > 0)
        untrusted_puts(stderr, big ? big : buf);
    free(big);
}

void
cli_errorf(const char *fmt, ...)
{
    va_list ap;
    fputs("proctor: ", stderr);
    va_start(ap, fmt);
    vprint_escaped(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
    const struct command *c = cli_find_command(cmd);
    va_list ap;

    fprintf(stderr, "proctor %s: ", cmd);
    va_start(ap, fmt);
    vprint_escaped(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (c)
        fprintf(stderr, "usage: %s\n", c->usage);
    fprintf(stderr, "Try 'proctor help %s' for more information.\n", cmd);
    return EXIT_USAGE;
}

int
cli_field_error(const char *cmd, const char *field, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "proctor %s: %s: ", cmd, field);
    va_start(ap, fmt);
    vprint_escaped(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_DATA;
}

static const char *
command_name_at(void *ctx, size_t i)
{
    size_t k = 0;
    (void)ctx;
    for (const struct command *const *c = commands; *c; c++)
        if (!((*c)->flags & CMD_HIDDEN) && k++ == i)
            return (*c)->name;
    return NULL;
}

int
cli_unknown_command(const char *word)
{
    const char *near = cli_suggest(word, command_name_at, NULL);
    if (near)
        cli_errorf("'%s' is not a proctor command; did you mean '%s'? See 'proctor --help'",
                   word, near);
    else
        cli_errorf("'%s' is not a proctor command; see 'proctor --help'", word);
    return EXIT_USAGE;
}

int
cli_report_bank(const char *dir, const struct proctor_error *err)
{
    if (err->code == PROCTOR_EIO && err->errnum == ENOENT) {
        cli_errorf("no question bank in '%s' (no sources/manifest.json); give --bank DIR or "
                   "set PROCTOR_BANK",
                   dir);
        return EXIT_IO;
    }
    return cli_report(err);
}

int
cli_exists_error(const char *path, int has_force)
{
    if (has_force)
        cli_errorf("'%s' already exists; use --force to replace it", path);
    else
        cli_errorf("'%s' already exists; give another file (proctor never overwrites it)", path);
    return EXIT_USAGE;
}

static int
is_bank(const char *dir)
{
    char p[PATH_MAX];
    struct stat st;
    snprintf(p, sizeof p, "%s/sources/manifest.json", dir);
    return stat(p, &st) == 0;
}

const char *
cli_bank_dir(const char *opt)
{
    static char buf[PATH_MAX];
    const char *env = getenv("PROCTOR_BANK");

    if (opt && *opt)
        return opt;
    if (env && *env)
        return env;
    if (is_bank("questions"))
        return "questions";
    snprintf(buf, sizeof buf, "%s/questions", PROCTOR_DATADIR);
    return buf;
}

const char *
cli_trusted_bank_dir(void)
{
    static char buf[PATH_MAX];
    const char *env = getenv("PROCTOR_BANK");

    if (env && *env)
        return env;
    snprintf(buf, sizeof buf, "%s/questions", PROCTOR_DATADIR);
    if (is_bank(buf))
        return buf;
    snprintf(buf, sizeof buf, "%s/questions", SRCDIR);
    return is_bank(buf) ? buf : NULL;
}

static const char *
xdg_dir(const char *var, const char *fallback, int mk, char *buf, size_t size)
{
    const char *base = getenv(var), *home = getenv("HOME");
    struct proctor_error err;

    if (base && *base == '/')
        snprintf(buf, size, "%s/proctor", base);
    else if (home && *home)
        snprintf(buf, size, "%s/%s/proctor", home, fallback);
    else
        return NULL;
    if (mk && proctor_mkdirs(buf, 0700, &err) < 0) {
        cli_report(&err);
        return NULL;
    }
    return buf;
}

const char *
cli_state_dir(int mk)
{
    static char buf[PATH_MAX];
    return xdg_dir("XDG_STATE_HOME", ".local/state", mk, buf, sizeof buf);
}

const char *
cli_config_dir(void)
{
    static char buf[PATH_MAX];
    return xdg_dir("XDG_CONFIG_HOME", ".config", 0, buf, sizeof buf);
}

const char *
cli_data_dir(int mk)
{
    static char buf[PATH_MAX];
    return xdg_dir("XDG_DATA_HOME", ".local/share", mk, buf, sizeof buf);
}

const char *
cli_shell_word(const char *s)
{
    size_t n = 0;
    char *q, *o;
    const char *shown;

    if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                       "_./:=@%+-,") == strlen(s))
        return untrusted_str(s);
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 4 : 1;
    if (!(q = malloc(n + 3)))
        return "?";
    o = q;
    *o++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    shown = untrusted_str(q);
    free(q);
    return shown;
}

long long
cli_parse_count(const char *s)
{
    char *end;
    long long v;

    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end)
        return -1;
    return v;
}

int
cli_use_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if (nc && *nc)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(f));
}
