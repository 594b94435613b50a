/* SPDX-License-Identifier: ISC */
/* item-report.c - proctor item-stats' output: the item analysis as a report, JSON or CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "commands.h"
#include "proctor/assignment.h"
#include "proctor/gradebook.h"
#include "proctor/item-stats.h"
#include "proctor/score.h"
#include "untrusted.h"

static void
report(const struct proctor_item_stats *s, const struct proctor_assignment *a, int method)
{
    char pts[32], flags[512], prompt[96];

    proctor_format_points(s->max, pts, sizeof pts);
    printf("Item analysis of %s (%s): %zu question%s, %s point%s; %zu student%s graded (%s "
           "attempt).\n",
           untrusted_str(a->id), untrusted_str(a->title), s->nitems, s->nitems == 1 ? "" : "s", pts,
           strcmp(pts, "1") == 0 ? "" : "s", s->students, s->students == 1 ? "" : "s",
           proctor_method_name((enum proctor_method)method));
    if (!s->students) {
        printf("No graded results: nothing to analyse.\n");
        return;
    }
    printf("\nTest: mean %.1f%%, median %.1f%%, standard deviation %.1f%%", s->mean, s->median,
           s->sd);
    if (s->has_alpha)
        printf(",\n      Cronbach's alpha %.2f, standard error %.1f%%.\n", s->alpha, s->sem);
    else
        printf(" (alpha needs two questions, two students and spread).\n");
    cli_histogram(stdout, s->histogram);
    for (size_t k = 0; k < s->nitems; k++) {
        const struct proctor_item_stat *it = &s->items[k];
        proctor_format_points(it->max, pts, sizeof pts);
        printf("\n%s %s (%s, %s point%s): answered %zu, facility %.1f%%", it->qid,
               it->bank_id ? untrusted_str(it->bank_id) : "(bank id not recorded)",
               it->q ? proctor_qtype_name(it->q->type) : "?", pts, strcmp(pts, "1") == 0 ? "" : "s",
               it->answered, it->facility);
        if (s->students > 1)
            printf(", SD %.1f%%", it->sd);
        if (it->has_discrimination)
            printf(", discrimination %.1f", it->discrimination);
        putchar('\n');
        if (it->q)
            printf("  %s\n", untrusted_str(cli_first_line(it->q->prompt, 72, prompt, sizeof prompt)));
        for (size_t o = 0; o < it->noptions; o++) {
            const struct proctor_item_option *op = &it->options[o];
            printf("    %-5s %c %3zu  %s\n", op->id, op->correct ? '*' : ' ', op->picked,
                   op->text ? untrusted_str(cli_first_line(op->text, 60, prompt, sizeof prompt)) : "");
        }
        if (it->flags)
            printf("  ! %s\n", proctor_item_flags(it, flags, sizeof flags));
    }
    printf("\nFacility: the mean score as a percentage of the points. Discrimination: 100 "
           "times the correlation with the rest of the test (below 20 is flagged low). "
           "* marks a right option.\n");
}

/* null when the figure is not defined */
static int
add_number(cJSON *o, const char *name, int have, double v)
{
    return have ? cJSON_AddNumberToObject(o, name, v) != NULL
                : cJSON_AddNullToObject(o, name) != NULL;
}

static char *
to_json(const struct proctor_item_stats *s, const struct proctor_assignment *a, int method)
{
    cJSON *o = cJSON_CreateObject(), *t, *h, *qs;
    char pts[32], *text = NULL;
    int ok;

    ok = o && cJSON_AddStringToObject(o, "assignment", a->id) &&
         cJSON_AddStringToObject(o, "title", a->title) &&
         cJSON_AddStringToObject(o, "method", proctor_method_name((enum proctor_method)method)) &&
         cJSON_AddNumberToObject(o, "students", (double)s->students) &&
         cJSON_AddNumberToObject(o, "points", (double)s->max / 1000.0) &&
         (t = cJSON_AddObjectToObject(o, "test")) && add_number(t, "mean", s->students, s->mean) &&
         add_number(t, "median", s->students, s->median) &&
         add_number(t, "sd", s->students > 1, s->sd) &&
         add_number(t, "alpha", s->has_alpha, s->alpha) &&
         add_number(t, "sem", s->has_alpha, s->sem) &&
         (h = cJSON_AddArrayToObject(t, "histogram")) &&
         (qs = cJSON_AddArrayToObject(o, "questions"));
    for (int i = 0; ok && i < 10; i++)
        ok = cJSON_AddItemToArray(h, cJSON_CreateNumber((double)s->histogram[i]));
    for (size_t k = 0; ok && k < s->nitems; k++) {
        const struct proctor_item_stat *it = &s->items[k];
        cJSON *q = cJSON_CreateObject(), *fl, *ops = NULL;
        ok = q && cJSON_AddItemToArray(qs, q) && cJSON_AddStringToObject(q, "id", it->qid) &&
             (it->bank_id ? cJSON_AddStringToObject(q, "bank_id", it->bank_id)
                          : cJSON_AddNullToObject(q, "bank_id")) &&
             cJSON_AddStringToObject(q, "type", it->q ? proctor_qtype_name(it->q->type) : "") &&
             cJSON_AddStringToObject(q, "prompt", it->q ? it->q->prompt : "") &&
             cJSON_AddRawToObject(q, "points", proctor_format_points(it->max, pts, sizeof pts)) &&
             cJSON_AddNumberToObject(q, "answered", (double)it->answered) &&
             add_number(q, "facility", s->students > 0, it->facility) &&
             add_number(q, "sd", s->students > 1, it->sd) &&
             add_number(q, "discrimination", it->has_discrimination, it->discrimination) &&
             (fl = cJSON_AddArrayToObject(q, "flags"));
        if (ok && it->q && it->noptions)
            ok = (ops = cJSON_AddArrayToObject(q, "options")) != NULL;
        for (size_t o2 = 0; ok && ops && o2 < it->noptions; o2++) {
            const struct proctor_item_option *op = &it->options[o2];
            cJSON *e = cJSON_CreateObject();
            ok = e && cJSON_AddItemToArray(ops, e) && cJSON_AddStringToObject(e, "id", op->id) &&
                 (op->text ? cJSON_AddStringToObject(e, "text", op->text)
                           : cJSON_AddNullToObject(e, "text")) &&
                 cJSON_AddBoolToObject(e, "correct", op->correct) &&
                 cJSON_AddNumberToObject(e, "picked", (double)op->picked);
        }
        {
            static const struct {
                unsigned bit;
                const char *name;
            } names[] = {{PROCTOR_ITEM_NEGATIVE, "negative-discrimination"},
                         {PROCTOR_ITEM_LOW, "low-discrimination"},
                         {PROCTOR_ITEM_NO_SPREAD, "no-spread"},
                         {PROCTOR_ITEM_UNPICKED, "unpicked-distractor"},
                         {PROCTOR_ITEM_UNMARKED, "unmarked-essay"}};
            for (size_t i = 0; ok && i < sizeof names / sizeof names[0]; i++)
                if (it->flags & names[i].bit)
                    ok = cJSON_AddItemToArray(fl, cJSON_CreateString(names[i].name));
        }
    }
    if (ok)
        text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

int
cli_item_stats_report(struct proctor_gradebook *book, const struct proctor_assignment *a,
                      int method, int json, const char *csv, unsigned csv_flags)
{
    struct proctor_item_stats *s = NULL;
    struct proctor_error err;
    int rc = EXIT_OK;

    proctor_error_clear(&err);
    if (proctor_item_stats_compute(book, &s, &err) < 0)
        return cli_report(&err);
    if (json) {
        char *text = to_json(s, a, method);
        if (!text) {
            cli_errorf("out of memory");
            rc = EXIT_IO;
            goto out;
        }
        untrusted_json_line(stdout, text);
        cJSON_free(text);
    } else {
        report(s, a, method);
    }
    if (csv) {
        char *text = NULL;
        size_t len = 0;
        if (proctor_item_stats_csv(s, csv_flags, &text, &len) < 0) {
            cli_errorf("out of memory");
            rc = EXIT_IO;
            goto out;
        }
        rc = cli_write_csv(csv, text, len);
    }
out:
    proctor_item_stats_free(s);
    return rc;
}
