/* SPDX-License-Identifier: ISC */
/*
 * gradebook-options.c - the options that shape a --csv gradebook (--format, --excel,
 * --[no-]per-question), read the same way by verify, item-stats and gradebook.
 */
#include "commands.h"
#include "proctor/gradebook.h"

int
cli_csv_shape_option(struct cli_csv_shape *s, const char *cmd, const struct cli_args *args,
                     int c)
{
    switch (c) {
    case CLI_K_EXCEL: s->flags |= PROCTOR_CSV_BOM; return 0;
    case CLI_K_ITEMS:
    case CLI_K_NOITEMS:
        if (cli_given(args, CLI_K_ITEMS) && cli_given(args, CLI_K_NOITEMS))
            return cli_usage_error(cmd, "give --per-question or --no-per-question, not both");
        if (c == CLI_K_NOITEMS)
            s->flags |= PROCTOR_CSV_NO_ITEMS;
        return 0;
    case CLI_K_FORMAT:
        if ((s->format = proctor_gradebook_format_parse(args->arg)) < 0)
            return cli_usage_error(cmd, "--format is proctor, moodle or canvas, not '%s'",
                                   args->arg);
        return 0;
    default: return -1;
    }
}

int
cli_csv_shape_given(const struct cli_args *args)
{
    return cli_given(args, CLI_K_FORMAT) || cli_given(args, CLI_K_ITEMS) ||
           cli_given(args, CLI_K_NOITEMS);
}

int
cli_csv_shape_check(const char *cmd, const struct cli_args *args, const char *csv)
{
    if (!csv && (cli_csv_shape_given(args) || cli_given(args, CLI_K_EXCEL)))
        return cli_usage_error(cmd, "--format, --excel and --[no-]per-question shape the "
                                    "--csv file: give --csv FILE");
    return 0;
}
