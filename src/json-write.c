/* SPDX-License-Identifier: ISC */
/* json-write.c - JSON laid out as the shipped bank's files are, for files people edit. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-write.h"

/*
 * s quoted and escaped: '"', '\\', \n, \r and \t by letter, other bytes below 32 as \u00xx,
 * runs of the rest copied whole. Two styles: proctor's files also write DEL as \u007f and
 * \b, \f as \u00xx; cJSON's (cjson set) writes \b and \f by letter and DEL as it is.
 */
static void
put_string(struct sbuf *b, const char *s, int cjson)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *run;
    unsigned char del = cjson ? 0 : 0x7f; /* 0: never met inside the string */

    sbuf_char(b, '"');
    for (;;) {
        char esc[8];
        for (run = p; *p > 31 && *p != '"' && *p != '\\' && *p != del; p++)
            ;
        sbuf_put(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        switch (*p) {
        case '"': sbuf_str(b, "\\\""); break;
        case '\\': sbuf_str(b, "\\\\"); break;
        case '\n': sbuf_str(b, "\\n"); break;
        case '\r': sbuf_str(b, "\\r"); break;
        case '\t': sbuf_str(b, "\\t"); break;
        case '\b':
        case '\f':
            if (cjson) {
                sbuf_str(b, *p == '\b' ? "\\b" : "\\f");
                break;
            }
            /* fall through */
        default:
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            sbuf_str(b, esc);
        }
        p++;
    }
    sbuf_char(b, '"');
}

void
json_write_string(struct sbuf *b, const char *s)
{
    put_string(b, s, 0);
}

void
json_write_number(struct sbuf *b, double x)
{
    char buf[40];

    if (!isfinite(x)) {
        sbuf_str(b, "null");
        return;
    }
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, sizeof buf, "%.0f", x);
    } else {
        /* the fewest significant digits that read back as x */
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, x);
            if (strtod(buf, NULL) == x)
                break;
        }
    }
    sbuf_str(b, buf);
}

void
json_write_cjson_string(struct sbuf *b, const char *s)
{
    put_string(b, s, 1);
}

void
json_write_cjson_int(struct sbuf *b, int64_t v)
{
    double d = (double)v, back;
    char buf[40];

    if (fabs(d) < 1e15) {
        /* exact as a double, and printed by cJSON as this integer: by hand */
        uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        size_t n = sizeof buf;
        do
            buf[--n] = (char)('0' + a % 10);
        while ((a /= 10) != 0);
        if (v < 0)
            buf[--n] = '-';
        sbuf_put(b, buf + n, sizeof buf - n);
        return;
    }
    /* cJSON's print_number: 15 significant digits when they read back as the value (by its
     * compare_double), else 17 */
    snprintf(buf, sizeof buf, "%1.15g", d);
    back = strtod(buf, NULL);
    if (!(fabs(back - d) <= (fabs(back) > fabs(d) ? fabs(back) : fabs(d)) * DBL_EPSILON))
        snprintf(buf, sizeof buf, "%1.17g", d);
    sbuf_str(b, buf);
}

static void
indent(struct sbuf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        sbuf_str(b, "  ");
}

static void
write_value(struct sbuf *b, const cJSON *v, int depth)
{
    const cJSON *c;

    if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        int obj = cJSON_IsObject(v);
        if (!v->child) {
            sbuf_str(b, obj ? "{}" : "[]");
            return;
        }
        sbuf_char(b, obj ? '{' : '[');
        for (c = v->child; c; c = c->next) {
            sbuf_char(b, '\n');
            indent(b, depth + 1);
            if (obj) {
                json_write_string(b, c->string);
                sbuf_str(b, ": ");
            }
            write_value(b, c, depth + 1);
            if (c->next)
                sbuf_char(b, ',');
        }
        sbuf_char(b, '\n');
        indent(b, depth);
        sbuf_char(b, obj ? '}' : ']');
    } else if (cJSON_IsString(v)) {
        json_write_string(b, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        json_write_number(b, v->valuedouble);
    } else if (cJSON_IsTrue(v)) {
        sbuf_str(b, "true");
    } else if (cJSON_IsFalse(v)) {
        sbuf_str(b, "false");
    } else {
        sbuf_str(b, "null");
    }
}

char *
json_write_pretty(const cJSON *v)
{
    struct sbuf b = {0};

    write_value(&b, v, 0);
    sbuf_char(&b, '\n');
    return sbuf_finish(&b);
}
