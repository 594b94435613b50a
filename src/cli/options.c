/* SPDX-License-Identifier: ISC */
/* options.c - option tables to getopt_long, usage errors with suggestions, help and roff. */
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "render.h"

#define KEY_HELP 0x10000 /* --help; -h is the short form */

static int
is_short(int key)
{
    return key > 0 && key < 128 && isalnum(key);
}

static size_t
count_options(const struct cli_option *o)
{
    size_t n = 0;
    while (o && (o[n].name || o[n].key))
        n++;
    return n;
}

const struct cli_option *
cli_option_find(const struct command *cmd, int key)
{
    for (const struct cli_option *o = cmd->options; o && (o->name || o->key); o++)
        if (o->key == key)
            return o;
    return NULL;
}

const char *
cli_option_display(const struct cli_option *o, char *buf, size_t size)
{
    if (o->name)
        snprintf(buf, size, "--%s", o->name);
    else
        snprintf(buf, size, "-%c", o->key);
    return buf;
}

void
cli_args_init(struct cli_args *a, int argc, char **argv)
{
    size_t n, k = 0, s = 0;

    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    a->cmd = cli_find_command(argv[0]);
    assert(a->cmd); /* every command is in the table */
    n = count_options(a->cmd->options);
    assert(n + 2 <= sizeof a->longs / sizeof a->longs[0]);
    /* ':' first: a missing value is reported as ':', not '?' */
    a->shorts[s++] = ':';
    for (size_t i = 0; i < n; i++) {
        const struct cli_option *o = &a->cmd->options[i];
        assert(o->key != 'h' && o->key > 0);
        if (o->name)
            a->longs[k++] =
                (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->key};
        if (is_short(o->key)) {
            a->shorts[s++] = (char)o->key;
            if (o->arg)
                a->shorts[s++] = ':';
        }
    }
    a->longs[k++] = (struct option){"help", no_argument, NULL, KEY_HELP};
    a->shorts[s++] = 'h';
    a->shorts[s] = '\0';
    optind = 0; /* GNU getopt: start afresh */
    opterr = 0;
}

/* The long options of cmd whose names start with the n bytes of word. */
static size_t
prefix_matches(const struct command *cmd, const char *word, size_t n, const char **out, size_t max)
{
    size_t k = 0;
    for (const struct cli_option *o = cmd->options; o && (o->name || o->key); o++)
        if (o->name && strncmp(o->name, word, n) == 0 && k < max)
            out[k++] = o->name;
    if (strncmp("help", word, n) == 0 && k < max)
        out[k++] = "help";
    return k;
}

static const char *
option_name_at(void *ctx, size_t i)
{
    const struct command *cmd = ctx;
    size_t n = count_options(cmd->options), k = 0;
    for (size_t j = 0; j < n; j++)
        if (cmd->options[j].name && k++ == i)
            return cmd->options[j].name;
    return k == i ? "help" : NULL;
}

/* The usage error for what getopt_long refused; c is what it returned. */
static int
bad_option(struct cli_args *a, int c)
{
    const char *cmd = a->cmd->name;
    const char *word = optind > 0 && optind <= a->argc ? a->argv[optind - 1] : "";
    char buf[64];

    if (c == ':') {
        const struct cli_option *o = cli_option_find(a->cmd, optopt);
        if (o)
            return cli_usage_error(cmd, "option '%s' needs a value (%s)",
                                   cli_option_display(o, buf, sizeof buf), o->arg);
        return cli_usage_error(cmd, "option '%s' needs a value", word);
    }
    if (strncmp(word, "--", 2) == 0) {
        const char *name = word + 2, *hits[8];
        size_t n = strcspn(name, "="), k = prefix_matches(a->cmd, name, n, hits, 8);
        const struct cli_option *o = optopt ? cli_option_find(a->cmd, optopt) : NULL;
        if (o && !o->arg && name[n] == '=')
            return cli_usage_error(cmd, "option '--%s' takes no value", o->name);
        if (k > 1) {
            char list[256] = "";
            for (size_t i = 0; i < k; i++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s--%s", i ? ", " : "",
                         hits[i]);
            return cli_usage_error(cmd, "option '--%.*s' is ambiguous: %s", (int)n, name, list);
        }
        {
            char typed[64];
            const char *near;
            snprintf(typed, sizeof typed, "%.*s", (int)(n < 60 ? n : 60), name);
            near = cli_suggest(typed, option_name_at, (void *)a->cmd);
            if (near)
                return cli_usage_error(cmd, "unknown option '--%s'; did you mean '--%s'?", typed,
                                       near);
            return cli_usage_error(cmd, "unknown option '--%s'", typed);
        }
    }
    if (optopt && isprint(optopt))
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option '%s'", word);
}

int
cli_next(struct cli_args *a)
{
    int c = getopt_long(a->argc, a->argv, a->shorts, a->longs, NULL);
    const struct cli_option *o;
    size_t i;
    char buf[64];

    if (c == -1)
        return CLI_END;
    if (c == KEY_HELP || c == 'h') {
        cli_print_command_help(stdout, a->cmd);
        a->status = EXIT_OK;
        return CLI_EXIT;
    }
    o = c == '?' || c == ':' ? NULL : cli_option_find(a->cmd, c);
    if (!o) {
        a->status = bad_option(a, c);
        return CLI_EXIT;
    }
    i = (size_t)(o - a->cmd->options);
    if (a->seen[i] && !(o->flags & CLI_REPEAT)) {
        a->status =
            cli_usage_error(a->cmd->name, "%s given twice", cli_option_display(o, buf, sizeof buf));
        return CLI_EXIT;
    }
    if (a->seen[i] < 255)
        a->seen[i]++;
    a->arg = optarg;
    return c;
}

int
cli_given(const struct cli_args *a, int key)
{
    const struct cli_option *o = cli_option_find(a->cmd, key);
    return o ? a->seen[o - a->cmd->options] : 0;
}

int
cli_given_count(const struct cli_args *a)
{
    int n = 0;
    for (size_t i = 0; i < sizeof a->seen; i++)
        n += a->seen[i];
    return n;
}

/* ---------------------------------------------------------------------------------------
 * Suggestions.
 */

/* Optimal string alignment distance (Levenshtein with swaps of neighbours), capped. */
static size_t
distance(const char *s, const char *t)
{
    size_t n = strlen(s), m = strlen(t);
    size_t d[3][65], *prev2 = d[0], *prev = d[1], *cur = d[2];

    if (n > 64 || m > 64)
        return (size_t)-1;
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t *tmp;
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = tolower((unsigned char)s[i - 1]) != tolower((unsigned char)t[j - 1]);
            size_t best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (prev[j - 1] + cost < best)
                best = prev[j - 1] + cost;
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        tmp = prev2;
        prev2 = prev;
        prev = cur;
        cur = tmp;
    }
    return prev[m];
}

const char *
cli_suggest(const char *word, const char *(*get)(void *ctx, size_t i), void *ctx)
{
    const char *best = NULL, *name;
    size_t bestd = (size_t)-1, len = strlen(word);
    /* how many edits still look like a typo of a word this long */
    size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;

    if (len == 0)
        return NULL;
    for (size_t i = 0; (name = get(ctx, i)) != NULL; i++) {
        size_t d = distance(word, name);
        /* a word that starts a longer name ("prac") is a likely abbreviation */
        if (len >= 3 && strncmp(name, word, len) == 0 && d > 1)
            d = 1;
        if (d < bestd) {
            bestd = d;
            best = name;
        }
    }
    return bestd <= limit ? best : NULL;
}

/* ---------------------------------------------------------------------------------------
 * Help.
 */

/* Writes text wrapped at width, the first line starting at column col (already written), the
 * later ones indented by indent. */
static void
wrap_hanging(FILE *f, const char *text, int col, int indent, int width)
{
    const char *p = text;
    int first = 1;

    while (*p) {
        const char *we;
        int wl;
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        we = p + strcspn(p, " ");
        wl = (int)(we - p);
        if (!first && col + 1 + wl > width) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, (size_t)wl, f);
        col += wl;
        first = 0;
        p = we;
    }
    fputc('\n', f);
}

#define HELP_COLUMN 24

static void
print_option_help(FILE *f, const struct cli_option *o, int width)
{
    char lead[96];
    int n;

    if (is_short(o->key) && o->name)
        n = snprintf(lead, sizeof lead, "  -%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
    else if (o->name)
        n = snprintf(lead, sizeof lead, "      --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
    else
        n = snprintf(lead, sizeof lead, "  -%c%s%s", o->key, o->arg ? " " : "",
                     o->arg ? o->arg : "");
    fputs(lead, f);
    if (n + 2 > HELP_COLUMN) {
        fprintf(f, "\n%*s", HELP_COLUMN, "");
    } else {
        fprintf(f, "%*s", HELP_COLUMN - n, "");
    }
    {
        char help[512];
        snprintf(help, sizeof help, "%s%s", o->help,
                 o->flags & CLI_REPEAT ? "; may be repeated" : "");
        wrap_hanging(f, help, HELP_COLUMN, HELP_COLUMN, width);
    }
    if (o->example)
        fprintf(f, "%*se.g. %s\n", HELP_COLUMN, "", o->example);
}

void
cli_print_command_help(FILE *f, const struct command *cmd)
{
    struct style st = render_style(f);
    int width = st.width > 100 ? 100 : st.width;

    fprintf(f, "usage: %s\n\n", cmd->usage);
    fprintf(f, "%c%s.\n", toupper((unsigned char)cmd->summary[0]), cmd->summary + 1);
    if (cmd->description) {
        const char *p = cmd->description;
        /* paragraphs are separated by a blank line */
        while (*p) {
            const char *end = strstr(p, "\n\n");
            size_t len = end ? (size_t)(end - p) : strlen(p);
            char *para = strndup(p, len);
            fputc('\n', f);
            if (para) {
                for (char *c = para; *c; c++)
                    if (*c == '\n')
                        *c = ' ';
                wrap_hanging(f, para, 0, 0, width);
                free(para);
            }
            p += len;
            while (*p == '\n')
                p++;
        }
    }
    fputs("\nOptions:\n", f);
    for (const struct cli_option *o = cmd->options; o && (o->name || o->key); o++)
        print_option_help(f, o, width);
    fprintf(f, "  -h, --help%*sthis help\n", HELP_COLUMN - 12, "");
    fprintf(f, "\nSee proctor(1) for more; 'proctor --help' lists the commands.\n");
}

/* ---------------------------------------------------------------------------------------
 * The man page's OPTIONS section.
 */

static void
roff_text(FILE *f, const char *s)
{
    for (int bol = 1; *s; s++) {
        if (bol && (*s == '.' || *s == '\''))
            fputs("\\&", f);
        bol = 0;
        if (*s == '-')
            fputs("\\-", f);
        else if (*s == '\\')
            fputs("\\e", f);
        else
            fputc(*s, f);
    }
}

void
cli_print_roff_options(FILE *f)
{
    fputs(".\\\" Generated by 'proctor help --roff' from the option tables in src/cli/cmd-*.c;\n"
          ".\\\" run 'make man' after changing one (tests/cli/t03-help.sh compares them).\n"
          ".nh\n.ad l\n",
          f);
    for (const struct command *const *cp = commands; *cp; cp++) {
        const struct command *c = *cp;
        if (c->flags & CMD_HIDDEN || !c->options || !count_options(c->options))
            continue;
        fputs(".SS ", f);
        roff_text(f, c->name);
        fputc('\n', f);
        for (const struct cli_option *o = c->options; o->name || o->key; o++) {
            fputs(".TP\n", f);
            if (is_short(o->key))
                fprintf(f, "\\fB\\-%c\\fR%s", o->key, o->name ? ", " : "");
            if (o->name) {
                fputs("\\fB", f);
                fputs("\\-\\-", f);
                roff_text(f, o->name);
                fputs("\\fR", f);
            }
            if (o->arg) {
                fputs(" \\fI", f);
                roff_text(f, o->arg);
                fputs("\\fR", f);
            }
            fputc('\n', f);
            roff_text(f, o->help);
            if (o->flags & CLI_REPEAT)
                fputs("; may be repeated", f);
            fputc('\n', f);
            if (o->example) {
                fputs(".br\ne.g.\\&\n.B \"", f);
                for (const char *p = o->example; *p; p++)
                    if (*p == '"')
                        fputs("\\(dq", f);
                    else if (*p == '-')
                        fputs("\\-", f);
                    else if (*p == '\\')
                        fputs("\\e", f);
                    else
                        fputc(*p, f);
                fputs("\"\n", f);
            }
        }
    }
    fputs(".hy\n.ad b\n", f);
}
