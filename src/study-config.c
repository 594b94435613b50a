/* SPDX-License-Identifier: ISC */
/* study-config.c - the study configuration file: "key = value" settings for study. */
#include <stdio.h>
#include <string.h>

#include "proctor/study.h"

static const char known[] = "weights, retention, new-per-day, max-interval, learning-steps, "
                            "relearning-steps, fuzz, certainty";

static int
on_off(const char *v, int *out)
{
    if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0) {
        *out = 1;
        return 0;
    }
    if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0 || strcmp(v, "false") == 0) {
        *out = 0;
        return 0;
    }
    return -1;
}

/* A whole number from lo to hi; -1 otherwise. */
static int
whole(const char *v, long lo, long hi, long *out)
{
    long x = 0;
    if (!*v)
        return -1;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9' || x > 100000000)
            return -1;
        x = x * 10 + (*p - '0');
    }
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

/* Applies key = value (both NUL-terminated, trimmed); column of the key and of the value. */
static int
apply(struct proctor_study_config *c, const char *key, const char *val, const char *path,
      long line, long kcol, long vcol, struct proctor_error *err)
{
    struct proctor_error e;
    long n;
    int b;

    if (strcmp(key, "weights") == 0) {
        if (!*val || strlen(val) >= sizeof c->weights)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, vcol,
                                     "weights: expected a weights file or a list of numbers");
        snprintf(c->weights, sizeof c->weights, "%s", val);
    } else if (strcmp(key, "retention") == 0) {
        double r;
        if (proctor_fsrs_parse_number(val, &r) < 0 || !(r > 0 && r <= 1))
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, vcol,
                                     "retention: expected a number above 0 and at most 1, "
                                     "such as 0.9");
        c->fsrs.retention = r;
    } else if (strcmp(key, "new-per-day") == 0) {
        if (whole(val, 0, 10000, &n) < 0)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, vcol,
                                     "new-per-day: expected a whole number from 0 to 10000");
        c->new_per_day = n;
    } else if (strcmp(key, "max-interval") == 0) {
        if (whole(val, 1, 36500, &n) < 0)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, vcol,
                                     "max-interval: expected a number of days from 1 to 36500");
        c->fsrs.max_interval = (int32_t)n;
    } else if (strcmp(key, "learning-steps") == 0 || strcmp(key, "relearning-steps") == 0) {
        int re = key[0] == 'r';
        if (proctor_fsrs_parse_steps(val, re ? c->fsrs.relearning : c->fsrs.learning,
                                     re ? &c->fsrs.nrelearning : &c->fsrs.nlearning, &e) < 0)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, vcol + e.column - 1,
                                     "%s: %s", key, e.msg);
    } else if (strcmp(key, "fuzz") == 0 || strcmp(key, "certainty") == 0) {
        if (on_off(val, &b) < 0)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, vcol,
                                     "%s: expected on or off", key);
        if (key[0] == 'f')
            c->fsrs.fuzz = b;
        else
            c->certainty = b;
    } else {
        return proctor_error_set(err, PROCTOR_EINVAL, path, line, kcol,
                                 "unknown setting '%.40s' (the settings are %s)", key, known);
    }
    return 0;
}

int
proctor_study_config_parse(const char *text, size_t len, const char *path,
                           struct proctor_study_config *c, struct proctor_error *err)
{
    size_t i = 0;
    long line = 0;

    while (i < len) {
        char buf[1200], *eq, *key, *val, *end;
        size_t start = i, n;
        long kcol, vcol;
        line++;
        while (i < len && text[i] != '\n')
            i++;
        n = i - start;
        if (i < len)
            i++;
        if (memchr(text + start, '\0', n))
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, 0,
                                     "a NUL byte in the configuration");
        if (n >= sizeof buf)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, 0, "line too long");
        memcpy(buf, text + start, n);
        buf[n] = '\0';
        if (n && buf[n - 1] == '\r')
            buf[--n] = '\0';
        key = buf + strspn(buf, " \t");
        if (*key == '\0' || *key == '#')
            continue;
        kcol = (long)(key - buf) + 1;
        eq = strchr(key, '=');
        if (!eq)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, kcol,
                                     "expected 'setting = value'");
        val = eq + 1 + strspn(eq + 1, " \t");
        vcol = (long)(val - buf) + 1;
        end = eq;
        while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        *end = '\0';
        end = val + strlen(val);
        while (end > val && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        *end = '\0';
        if (!*key)
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, kcol,
                                     "expected a setting's name before '='");
        if (apply(c, key, val, path, line, kcol, vcol, err) < 0)
            return PROCTOR_EINVAL;
    }
    return 0;
}
