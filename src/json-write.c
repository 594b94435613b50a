/* SPDX-License-Identifier: ISC */
/* json-write.c - JSON laid out as the shipped bank's files are, for files people edit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-write.h"

void
json_write_string(struct sbuf *b, const char *s)
{
    sbuf_char(b, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char esc[8];
        switch (*p) {
        case '"': sbuf_str(b, "\\\""); break;
        case '\\': sbuf_str(b, "\\\\"); break;
        case '\n': sbuf_str(b, "\\n"); break;
        case '\t': sbuf_str(b, "\\t"); break;
        case '\r': sbuf_str(b, "\\r"); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                snprintf(esc, sizeof esc, "\\u%04x", *p);
                sbuf_str(b, esc);
            } else {
                sbuf_char(b, (char)*p);
            }
        }
    }
    sbuf_char(b, '"');
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
