/* SPDX-License-Identifier: ISC */
/*
 * qti-export.c - a bank as an IMS QTI 3.0 content package (proctor/export.h): imsmanifest.xml,
 * items/<id>.xml for each question and stimuli/<doc>-p<N>.xml for each cited paragraph, a
 * qti-assessment-stimulus that its items reference. Every response is scored into SCORE, in
 * the question's points:
 *   choice, truefalse   qti-choice-interaction, map_response (the right choice: the points)
 *   multi               qti-choice-interaction, map_response: each right choice +points/n,
 *                       each wrong one -points/m, bounded by 0 and the points (proctor's rule)
 *   short               qti-text-entry-interaction, map_response over the accepted answers
 *                       (the whole response), case-insensitive unless case_sensitive
 *   numeric             qti-text-entry-interaction (float), the points inside [lo, hi]
 *   order               qti-order-interaction, the points for the right order
 *   match               qti-match-interaction (directedPair), map_response: points/n a pair
 *   essay               qti-extended-text-interaction, scored by a person: the rubric as a
 *                       qti-rubric-block for the scorer
 *   cloze               inline text entry and choice interactions in the passage, each gap
 *                       its share of the points
 * The explanation is modal feedback shown after the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export-internal.h"
#include "proctor/export.h"
#include "proctor/fileio.h"
#include "proctor/grade.h"
#include "sbuf.h"
#include "zip.h"

#define NS_ASI "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
#define XSD_ASI "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd"
#define NS_CP "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
#define XSD_CP "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
#define RP_MAP "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"

/* c as XML character data */
static void
xml_char(struct sbuf *b, char c)
{
    switch (c) {
    case '&': sbuf_str(b, "&amp;"); break;
    case '<': sbuf_str(b, "&lt;"); break;
    case '>': sbuf_str(b, "&gt;"); break;
    case '"': sbuf_str(b, "&quot;"); break;
    default:
        /* XML 1.0 has no place for other control characters */
        if ((unsigned char)c >= 0x20)
            sbuf_char(b, c);
    }
}

/* s as XML character data, white space folded */
static void
xml_text(struct sbuf *b, const char *s)
{
    export_folded(b, s, xml_char);
}

/* an id as an NCName: kebab-case ids may start with a digit */
static void
ident(struct sbuf *b, const char *prefix, const char *id)
{
    if (*id >= '0' && *id <= '9')
        sbuf_str(b, prefix);
    sbuf_str(b, id);
}

static void
points(struct sbuf *b, int64_t v)
{
    char buf[48];

    sbuf_str(b, proctor_format_points(v, buf, sizeof buf));
}

/* the share num/den of v, in thousandths (rounded down), as a number */
static void
share(struct sbuf *b, int64_t v, int64_t num, int64_t den, int negative)
{
    char buf[64];
    double x = (double)v * (double)num / (double)den / 1000.0;

    snprintf(buf, sizeof buf, "%s%.6g", negative ? "-" : "", x);
    sbuf_str(b, buf);
}

static void
stimulus_name(struct sbuf *b, const struct proctor_question *q)
{
    char buf[32];

    ident(b, "d-", q->doc->id);
    snprintf(buf, sizeof buf, "-p%zu", q->para + 1);
    sbuf_str(b, buf);
}

static void
open_item(struct sbuf *b, const struct proctor_question *q)
{
    sbuf_str(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<qti-assessment-item xmlns=\"" NS_ASI
                "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                "xsi:schemaLocation=\"" NS_ASI " " XSD_ASI "\" identifier=\"");
    ident(b, "q-", q->id);
    sbuf_str(b, "\" title=\"");
    ident(b, "q-", q->id);
    sbuf_str(b, "\" adaptive=\"false\" time-dependent=\"false\">\n");
}

static void
outcomes(struct sbuf *b, const struct proctor_question *q)
{
    sbuf_str(b, "  <qti-outcome-declaration identifier=\"SCORE\" cardinality=\"single\" "
                "base-type=\"float\"><qti-default-value><qti-value>0</qti-value>"
                "</qti-default-value></qti-outcome-declaration>\n"
                "  <qti-outcome-declaration identifier=\"MAXSCORE\" cardinality=\"single\" "
                "base-type=\"float\"><qti-default-value><qti-value>");
    points(b, q->points);
    sbuf_str(b, "</qti-value></qti-default-value></qti-outcome-declaration>\n");
    if (q->explain)
        sbuf_str(b, "  <qti-outcome-declaration identifier=\"FEEDBACK\" cardinality=\"single\" "
                    "base-type=\"identifier\"/>\n");
}

static void
stimulus_ref(struct sbuf *b, const struct proctor_question *q)
{
    if (!q->doc)
        return;
    sbuf_str(b, "  <qti-assessment-stimulus-ref identifier=\"");
    stimulus_name(b, q);
    sbuf_str(b, "\" href=\"../stimuli/");
    stimulus_name(b, q);
    sbuf_str(b, ".xml\" title=\"");
    xml_text(b, q->doc->title ? q->doc->title : q->doc->id);
    sbuf_str(b, "\"/>\n");
}

/* A response declaration: cardinality, base type, the correct values (each already an
 * identifier or pair), and a mapping (keys[i] -> values given by map) when nmap. */
static void
declare(struct sbuf *b, const char *id, const char *card, const char *type)
{
    sbuf_str(b, "  <qti-response-declaration identifier=\"");
    sbuf_str(b, id);
    sbuf_str(b, "\" cardinality=\"");
    sbuf_str(b, card);
    sbuf_str(b, "\" base-type=\"");
    sbuf_str(b, type);
    sbuf_str(b, "\">\n");
}

static void
value(struct sbuf *b, const char *prefix, const char *v, const char *v2)
{
    sbuf_str(b, "<qti-value>");
    if (prefix)
        ident(b, prefix, v);
    else
        xml_text(b, v);
    if (v2) {
        sbuf_char(b, ' ');
        ident(b, prefix, v2);
    }
    sbuf_str(b, "</qti-value>");
}

/* A map entry's case-sensitive attribute: none (identifiers), false or true (text). */
enum map_case { MAP_IDENT, MAP_CASELESS, MAP_CASED };

static void
map_entry(struct sbuf *b, const char *prefix, const char *key, const char *key2, int64_t pts,
          int64_t num, int64_t den, int negative, enum map_case cs)
{
    sbuf_str(b, "      <qti-map-entry map-key=\"");
    if (prefix)
        ident(b, prefix, key);
    else
        xml_text(b, key);
    if (key2) {
        sbuf_char(b, ' ');
        ident(b, prefix, key2);
    }
    sbuf_str(b, "\" mapped-value=\"");
    share(b, pts, num, den, negative);
    sbuf_str(b, cs == MAP_CASELESS ? "\" case-sensitive=\"false\"/>\n"
                : cs == MAP_CASED  ? "\" case-sensitive=\"true\"/>\n"
                                   : "\"/>\n");
}

static void
prompt_p(struct sbuf *b, const char *prompt)
{
    sbuf_str(b, "    <p>");
    xml_text(b, prompt);
    sbuf_str(b, "</p>\n");
}

static void
choices(struct sbuf *b, const struct proctor_option *o, size_t n, const char *tag)
{
    for (size_t i = 0; i < n; i++) {
        sbuf_str(b, "      <");
        sbuf_str(b, tag);
        sbuf_str(b, " identifier=\"");
        ident(b, "o-", o[i].id);
        sbuf_str(b, "\">");
        xml_text(b, o[i].text);
        sbuf_str(b, "</");
        sbuf_str(b, tag);
        sbuf_str(b, ">\n");
    }
}

/* RESPONSE inside [lo, hi] (thousandths) adds add to SCORE (or sets it) */
static void
range_rule(struct sbuf *b, const char *resp, int64_t lo, int64_t hi, int64_t pts, int64_t num,
           int64_t den)
{
    sbuf_str(b, "    <qti-response-condition><qti-response-if><qti-and><qti-gte><qti-variable "
                "identifier=\"");
    sbuf_str(b, resp);
    sbuf_str(b, "\"/><qti-base-value base-type=\"float\">");
    points(b, lo);
    sbuf_str(b, "</qti-base-value></qti-gte><qti-lte><qti-variable identifier=\"");
    sbuf_str(b, resp);
    sbuf_str(b, "\"/><qti-base-value base-type=\"float\">");
    points(b, hi);
    sbuf_str(b,
             "</qti-base-value></qti-lte></qti-and><qti-set-outcome-value identifier=\"SCORE\">"
             "<qti-sum><qti-variable identifier=\"SCORE\"/><qti-base-value base-type=\"float\">");
    share(b, pts, num, den, 0);
    sbuf_str(b, "</qti-base-value></qti-sum></qti-set-outcome-value></qti-response-if>"
                "</qti-response-condition>\n");
}

static void
feedback_rule(struct sbuf *b, const struct proctor_question *q)
{
    if (q->explain)
        sbuf_str(b, "    <qti-set-outcome-value identifier=\"FEEDBACK\"><qti-base-value "
                    "base-type=\"identifier\">EXPLAIN</qti-base-value></qti-set-outcome-value>\n");
}

static void
close_item(struct sbuf *b, const struct proctor_question *q)
{
    if (q->explain) {
        sbuf_str(b, "  <qti-modal-feedback outcome-identifier=\"FEEDBACK\" show-hide=\"show\" "
                    "identifier=\"EXPLAIN\"><qti-content-body><p>");
        xml_text(b, q->explain);
        sbuf_str(b, "</p></qti-content-body></qti-modal-feedback>\n");
    }
    sbuf_str(b, "</qti-assessment-item>\n");
}

/* An accepted answer as a QTI map key, which is compared with the whole response: a
 * wildcard pattern ("*Dallaire") without its '*' (the shortest response it accepts), the
 * spaces at its ends trimmed; NULL when nothing is left ("*", which takes every response:
 * the mapping's default then) or out of memory. */
static char *
text_key(const char *accepted)
{
    struct sbuf k = {0};
    char *s;
    size_t a = 0, n;

    for (const char *p = accepted; *p; p++)
        if (*p != '*')
            sbuf_char(&k, *p);
    if (!(s = sbuf_finish(&k)))
        return NULL;
    while (s[a] == ' ')
        a++;
    n = strlen(s + a);
    while (n > 0 && s[a + n - 1] == ' ')
        n--;
    memmove(s, s + a, n);
    s[n] = '\0';
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

/*
 * The mapping of a text entry gap or question: each accepted answer -> its share, compared
 * with the whole response (as Moodle does and "containment": false asks), case-insensitive
 * unless the question is case_sensitive. Containment has no sound QTI form (qti-substring
 * would take "Somaliland" and "not Somalia" for "Somalia"), so it is left out: stricter.
 */
static void
text_mapping(struct sbuf *b, const struct proctor_question *g, int64_t pts, int64_t num,
             int64_t den)
{
    enum map_case cs = (g->match & PROCTOR_MATCH_CASE) ? MAP_CASED : MAP_CASELESS;
    size_t written = 0, any = 0;
    char *key;

    for (size_t i = 0; i < g->naccept; i++)
        any += strspn(g->accept[i], "* ") == strlen(g->accept[i]); /* "*": every response */
    sbuf_str(b, "    <qti-correct-response>");
    key = text_key(g->accept[0]);
    value(b, NULL, key ? key : g->accept[0], NULL);
    free(key);
    sbuf_str(b, "</qti-correct-response>\n    <qti-mapping default-value=\"");
    if (any)
        share(b, pts, num, den, 0);
    else
        sbuf_char(b, '0');
    sbuf_str(b, "\">\n");
    for (size_t i = 0; i < g->naccept; i++) {
        if (!(key = text_key(g->accept[i])))
            continue;
        map_entry(b, NULL, key, NULL, pts, num, den, 0, cs);
        written++;
        free(key);
    }
    if (!written) /* a mapping holds at least one entry */
        map_entry(b, NULL, g->accept[0], NULL, pts, num, den, 0, cs);
    sbuf_str(b, "    </qti-mapping>\n  </qti-response-declaration>\n");
}

static void
choice_mapping(struct sbuf *b, const struct proctor_question *g, int64_t pts, int64_t num,
               int64_t den)
{
    sbuf_str(b, "    <qti-correct-response>");
    for (size_t i = 0; i < g->noptions; i++)
        if (g->options[i].correct)
            value(b, "o-", g->options[i].id, NULL);
    sbuf_str(b, "</qti-correct-response>\n    <qti-mapping default-value=\"0\">\n");
    for (size_t i = 0; i < g->noptions; i++)
        if (g->options[i].correct)
            map_entry(b, "o-", g->options[i].id, NULL, pts, num, den, 0, MAP_IDENT);
    sbuf_str(b, "    </qti-mapping>\n  </qti-response-declaration>\n");
}

static void
cloze_item(struct sbuf *b, const struct proctor_question *q)
{
    int64_t wsum = 0;
    const char *p = q->prompt;
    char resp[32];

    for (size_t k = 0; k < q->ngaps; k++)
        wsum += q->gaps[k].points;
    for (size_t k = 0; k < q->ngaps; k++) {
        const struct proctor_question *g = &q->gaps[k];
        snprintf(resp, sizeof resp, "RESPONSE_%zu", k + 1);
        if (g->type == PROCTOR_NUMERIC) {
            declare(b, resp, "single", "float");
            sbuf_str(b, "    <qti-correct-response><qti-value>");
            points(b, g->is_range ? g->lo : g->value);
            sbuf_str(b, "</qti-value></qti-correct-response>\n  </qti-response-declaration>\n");
        } else if (g->type == PROCTOR_CHOICE) {
            declare(b, resp, "single", "identifier");
            choice_mapping(b, g, q->points, g->points, wsum);
        } else {
            declare(b, resp, "single", "string");
            text_mapping(b, g, q->points, g->points, wsum);
        }
    }
    outcomes(b, q);
    stimulus_ref(b, q);
    sbuf_str(b, "  <qti-item-body>\n    <p>");
    /* the passage, each {k} an inline interaction */
    while (*p) {
        const char *m = strchr(p, '{');
        char *end;
        unsigned long k;
        if (!m) {
            xml_text(b, p);
            break;
        }
        k = strtoul(m + 1, &end, 10);
        if (end == m + 1 || *end != '}' || k < 1 || k > q->ngaps) {
            struct sbuf t = {0};
            char *s;
            sbuf_put(&t, p, (size_t)(m + 1 - p));
            if ((s = sbuf_finish(&t)) != NULL)
                xml_text(b, s);
            free(s);
            p = m + 1;
            continue;
        }
        {
            struct sbuf t = {0};
            char *s;
            sbuf_put(&t, p, (size_t)(m - p));
            if ((s = sbuf_finish(&t)) != NULL) {
                xml_text(b, s);
                if (m > p && (m[-1] == ' ' || m[-1] == '\n'))
                    sbuf_char(b, ' ');
            }
            free(s);
        }
        snprintf(resp, sizeof resp, "RESPONSE_%lu", k);
        if (q->gaps[k - 1].type == PROCTOR_CHOICE) {
            sbuf_str(b, "<qti-inline-choice-interaction response-identifier=\"");
            sbuf_str(b, resp);
            sbuf_str(b, "\" shuffle=\"false\">\n");
            choices(b, q->gaps[k - 1].options, q->gaps[k - 1].noptions, "qti-inline-choice");
            sbuf_str(b, "    </qti-inline-choice-interaction>");
        } else {
            sbuf_str(b, "<qti-text-entry-interaction response-identifier=\"");
            sbuf_str(b, resp);
            sbuf_str(b, "\"/>");
        }
        p = end + 1;
        if (*p == ' ' || *p == '\n')
            sbuf_char(b, ' ');
    }
    sbuf_str(b, "</p>\n  </qti-item-body>\n  <qti-response-processing>\n"
                "    <qti-set-outcome-value identifier=\"SCORE\"><qti-sum>"
                "<qti-base-value base-type=\"float\">0</qti-base-value>");
    for (size_t k = 0; k < q->ngaps; k++)
        if (q->gaps[k].type != PROCTOR_NUMERIC) {
            snprintf(resp, sizeof resp, "RESPONSE_%zu", k + 1);
            sbuf_str(b, "<qti-map-response identifier=\"");
            sbuf_str(b, resp);
            sbuf_str(b, "\"/>");
        }
    sbuf_str(b, "</qti-sum></qti-set-outcome-value>\n");
    for (size_t k = 0; k < q->ngaps; k++)
        if (q->gaps[k].type == PROCTOR_NUMERIC) {
            snprintf(resp, sizeof resp, "RESPONSE_%zu", k + 1);
            range_rule(b, resp, q->gaps[k].lo, q->gaps[k].hi, q->points, q->gaps[k].points, wsum);
        }
}

static void
item(struct sbuf *b, const struct proctor_question *q)
{
    size_t right = 0;

    open_item(b, q);
    switch (q->type) {
    case PROCTOR_CHOICE:
    case PROCTOR_MULTI:
        for (size_t i = 0; i < q->noptions; i++)
            right += q->options[i].correct != 0;
        declare(b, "RESPONSE", q->type == PROCTOR_CHOICE ? "single" : "multiple", "identifier");
        sbuf_str(b, "    <qti-correct-response>");
        for (size_t i = 0; i < q->noptions; i++)
            if (q->options[i].correct)
                value(b, "o-", q->options[i].id, NULL);
        sbuf_str(b, "</qti-correct-response>\n    <qti-mapping default-value=\"0\"");
        if (q->type == PROCTOR_MULTI) {
            sbuf_str(b, " lower-bound=\"0\" upper-bound=\"");
            points(b, q->points);
            sbuf_char(b, '"');
        }
        sbuf_str(b, ">\n");
        for (size_t i = 0; i < q->noptions; i++) {
            if (q->options[i].correct)
                map_entry(b, "o-", q->options[i].id, NULL, q->points, 1, (int64_t)right, 0,
                          MAP_IDENT);
            else if (q->type == PROCTOR_MULTI)
                map_entry(b, "o-", q->options[i].id, NULL, q->points, 1,
                          (int64_t)(q->noptions - right), 1, MAP_IDENT);
        }
        sbuf_str(b, "    </qti-mapping>\n  </qti-response-declaration>\n");
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b, "  <qti-item-body>\n");
        prompt_p(b, q->prompt);
        sbuf_str(b, "    <qti-choice-interaction response-identifier=\"RESPONSE\" max-choices=\"");
        sbuf_str(b, q->type == PROCTOR_CHOICE ? "1" : "0");
        sbuf_str(b, q->shuffle ? "\" shuffle=\"true\">\n" : "\" shuffle=\"false\">\n");
        choices(b, q->options, q->noptions, "qti-simple-choice");
        sbuf_str(b,
                 "    </qti-choice-interaction>\n  </qti-item-body>\n  <qti-response-processing>\n"
                 "    <qti-set-outcome-value identifier=\"SCORE\"><qti-map-response "
                 "identifier=\"RESPONSE\"/></qti-set-outcome-value>\n");
        break;
    case PROCTOR_TRUEFALSE:
        declare(b, "RESPONSE", "single", "identifier");
        sbuf_str(b, "    <qti-correct-response><qti-value>");
        sbuf_str(b, q->truth ? "true" : "false");
        sbuf_str(b, "</qti-value></qti-correct-response>\n    <qti-mapping default-value=\"0\">\n"
                    "      <qti-map-entry map-key=\"");
        sbuf_str(b, q->truth ? "true" : "false");
        sbuf_str(b, "\" mapped-value=\"");
        points(b, q->points);
        sbuf_str(b, "\"/>\n    </qti-mapping>\n  </qti-response-declaration>\n");
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b, "  <qti-item-body>\n");
        prompt_p(b, q->prompt);
        sbuf_str(b,
                 "    <qti-choice-interaction response-identifier=\"RESPONSE\" max-choices=\"1\" "
                 "shuffle=\"false\">\n      <qti-simple-choice identifier=\"true\">True"
                 "</qti-simple-choice>\n      <qti-simple-choice identifier=\"false\">False"
                 "</qti-simple-choice>\n    </qti-choice-interaction>\n  </qti-item-body>\n"
                 "  <qti-response-processing>\n    <qti-set-outcome-value identifier=\"SCORE\">"
                 "<qti-map-response identifier=\"RESPONSE\"/></qti-set-outcome-value>\n");
        break;
    case PROCTOR_SHORT:
        declare(b, "RESPONSE", "single", "string");
        text_mapping(b, q, q->points, 1, 1);
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b, "  <qti-item-body>\n    <p>");
        xml_text(b, q->prompt);
        sbuf_str(b, " <qti-text-entry-interaction response-identifier=\"RESPONSE\"/></p>\n"
                    "  </qti-item-body>\n  <qti-response-processing>\n"
                    "    <qti-set-outcome-value identifier=\"SCORE\"><qti-map-response "
                    "identifier=\"RESPONSE\"/></qti-set-outcome-value>\n");
        break;
    case PROCTOR_NUMERIC:
        declare(b, "RESPONSE", "single", "float");
        sbuf_str(b, "    <qti-correct-response><qti-value>");
        points(b, q->is_range ? q->lo : q->value);
        sbuf_str(b, "</qti-value></qti-correct-response>\n  </qti-response-declaration>\n");
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b, "  <qti-item-body>\n    <p>");
        xml_text(b, q->prompt);
        sbuf_str(b, " <qti-text-entry-interaction response-identifier=\"RESPONSE\"/></p>\n"
                    "  </qti-item-body>\n  <qti-response-processing>\n");
        range_rule(b, "RESPONSE", q->lo, q->hi, q->points, 1, 1);
        break;
    case PROCTOR_ORDER:
        declare(b, "RESPONSE", "ordered", "identifier");
        sbuf_str(b, "    <qti-correct-response>");
        for (size_t i = 0; i < q->noptions; i++)
            value(b, "o-", q->options[i].id, NULL);
        sbuf_str(b, "</qti-correct-response>\n  </qti-response-declaration>\n");
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b, "  <qti-item-body>\n");
        sbuf_str(b,
                 "    <qti-order-interaction response-identifier=\"RESPONSE\" shuffle=\"true\">\n"
                 "      <qti-prompt>");
        xml_text(b, q->prompt);
        sbuf_str(b, "</qti-prompt>\n");
        choices(b, q->options, q->noptions, "qti-simple-choice");
        sbuf_str(b,
                 "    </qti-order-interaction>\n  </qti-item-body>\n  <qti-response-processing>\n"
                 "    <qti-response-condition><qti-response-if><qti-match><qti-variable "
                 "identifier=\"RESPONSE\"/><qti-correct identifier=\"RESPONSE\"/></qti-match>"
                 "<qti-set-outcome-value identifier=\"SCORE\"><qti-base-value "
                 "base-type=\"float\">");
        points(b, q->points);
        sbuf_str(b, "</qti-base-value></qti-set-outcome-value></qti-response-if>"
                    "</qti-response-condition>\n");
        break;
    case PROCTOR_MATCH:
        declare(b, "RESPONSE", "multiple", "directedPair");
        sbuf_str(b, "    <qti-correct-response>");
        for (size_t i = 0; i < q->npairs; i++)
            value(b, "o-", q->options[i].id, q->rights[i].id);
        sbuf_str(b, "</qti-correct-response>\n    <qti-mapping default-value=\"0\">\n");
        for (size_t i = 0; i < q->npairs; i++)
            map_entry(b, "o-", q->options[i].id, q->rights[i].id, q->points, 1, (int64_t)q->npairs,
                      0, MAP_IDENT);
        sbuf_str(b, "    </qti-mapping>\n  </qti-response-declaration>\n");
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b,
                 "  <qti-item-body>\n    <qti-match-interaction response-identifier=\"RESPONSE\" "
                 "shuffle=\"true\" max-associations=\"");
        {
            char buf[32];
            snprintf(buf, sizeof buf, "%zu", q->npairs);
            sbuf_str(b, buf);
        }
        sbuf_str(b, "\">\n      <qti-prompt>");
        xml_text(b, q->prompt);
        sbuf_str(b, "</qti-prompt>\n      <qti-simple-match-set>\n");
        for (size_t i = 0; i < q->noptions; i++) {
            sbuf_str(b, "        <qti-simple-associable-choice identifier=\"");
            ident(b, "o-", q->options[i].id);
            sbuf_str(b, "\" match-max=\"1\">");
            xml_text(b, q->options[i].text);
            sbuf_str(b, "</qti-simple-associable-choice>\n");
        }
        sbuf_str(b, "      </qti-simple-match-set>\n      <qti-simple-match-set>\n");
        for (size_t i = 0; i < q->nrights; i++) {
            sbuf_str(b, "        <qti-simple-associable-choice identifier=\"");
            ident(b, "o-", q->rights[i].id);
            sbuf_str(b, "\" match-max=\"0\">");
            xml_text(b, q->rights[i].text);
            sbuf_str(b, "</qti-simple-associable-choice>\n");
        }
        sbuf_str(b,
                 "      </qti-simple-match-set>\n    </qti-match-interaction>\n  </qti-item-body>\n"
                 "  <qti-response-processing>\n    <qti-set-outcome-value identifier=\"SCORE\">"
                 "<qti-map-response identifier=\"RESPONSE\"/></qti-set-outcome-value>\n");
        break;
    case PROCTOR_ESSAY:
        declare(b, "RESPONSE", "single", "string");
        sbuf_str(b, "  </qti-response-declaration>\n");
        outcomes(b, q);
        stimulus_ref(b, q);
        sbuf_str(b, "  <qti-item-body>\n    <qti-rubric-block use=\"scoring\" view=\"scorer\">"
                    "<qti-content-body><p>");
        xml_text(b, q->rubric ? q->rubric : "");
        sbuf_str(b, "</p></qti-content-body></qti-rubric-block>\n");
        prompt_p(b, q->prompt);
        sbuf_str(b, "    <qti-extended-text-interaction response-identifier=\"RESPONSE\"/>\n"
                    "  </qti-item-body>\n");
        if (q->explain)
            sbuf_str(b, "  <qti-response-processing>\n");
        break;
    case PROCTOR_CLOZE: cloze_item(b, q); break;
    }
    if (q->type != PROCTOR_ESSAY || q->explain) {
        feedback_rule(b, q);
        sbuf_str(b, "  </qti-response-processing>\n");
    }
    close_item(b, q);
}

static void
stimulus(struct sbuf *b, const struct proctor_question *q)
{
    const struct proctor_para *p = &q->doc->paras[q->para];
    struct sbuf t = {0};
    char *s;

    sbuf_str(b,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<qti-assessment-stimulus xmlns=\"" NS_ASI
             "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
             "xsi:schemaLocation=\"" NS_ASI " " XSD_ASI "\" identifier=\"");
    stimulus_name(b, q);
    sbuf_str(b, "\" title=\"");
    xml_text(b, q->doc->title ? q->doc->title : q->doc->id);
    sbuf_str(b, "\">\n  <qti-stimulus-body>\n    <p>");
    sbuf_put(&t, q->doc->text + p->start, p->end - p->start);
    if ((s = sbuf_finish(&t)) != NULL)
        xml_text(b, s);
    else
        b->failed = 1;
    free(s);
    sbuf_str(b, "</p>\n  </qti-stimulus-body>\n</qti-assessment-stimulus>\n");
}

/* whether an earlier question cites the same paragraph */
static int
stimulus_seen(const struct proctor_bank *b, size_t upto, const struct proctor_question *q,
              const char *const *docs, size_t ndocs)
{
    for (size_t i = 0; i < upto; i++)
        if (b->questions[i].doc == q->doc && b->questions[i].para == q->para &&
            export_cites(&b->questions[i], docs, ndocs))
            return 1;
    return 0;
}

static int
add(struct zip *z, const char *name, struct sbuf *b)
{
    char *s = sbuf_finish(b);

    memset(b, 0, sizeof *b);
    if (!s)
        return -1;
    zip_add(z, name, s, strlen(s));
    free(s);
    return 0;
}

int
proctor_export_qti(const struct proctor_bank *b, const char *const *docs, size_t ndocs,
                   const char *path, int flags, size_t *count, struct proctor_error *err)
{
    struct zip z = {0};
    struct sbuf man = {0}, x = {0}, name = {0};
    char *bytes, *nm;
    size_t len;
    int rc;

    *count = 0;
    sbuf_str(&man, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"" NS_CP
                   "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                   "xsi:schemaLocation=\"" NS_CP " " XSD_CP "\" identifier=\"proctor-bank\">\n"
                   "  <metadata><schema>QTI Package</schema><schemaversion>3.0.0</schemaversion>"
                   "</metadata>\n  <organizations/>\n  <resources>\n");
    for (size_t i = 0; i < b->nquestions; i++) {
        const struct proctor_question *q = &b->questions[i];
        if (!export_cites(q, docs, ndocs))
            continue;
        item(&x, q);
        sbuf_str(&name, "items/");
        ident(&name, "q-", q->id);
        sbuf_str(&name, ".xml");
        if (!(nm = sbuf_finish(&name)) || add(&z, nm, &x) < 0) {
            free(nm);
            goto oom;
        }
        memset(&name, 0, sizeof name);
        sbuf_str(&man, "    <resource identifier=\"item-");
        sbuf_str(&man, q->id);
        sbuf_str(&man, "\" type=\"imsqti_item_xmlv3p0\" href=\"");
        sbuf_str(&man, nm);
        sbuf_str(&man, "\">\n      <file href=\"");
        sbuf_str(&man, nm);
        sbuf_str(&man, "\"/>\n");
        free(nm);
        if (q->doc) {
            sbuf_str(&man, "      <dependency identifierref=\"stimulus-");
            stimulus_name(&man, q);
            sbuf_str(&man, "\"/>\n");
        }
        sbuf_str(&man, "    </resource>\n");
        ++*count;
        if (!q->doc || stimulus_seen(b, i, q, docs, ndocs))
            continue;
        stimulus(&x, q);
        sbuf_str(&name, "stimuli/");
        stimulus_name(&name, q);
        sbuf_str(&name, ".xml");
        if (!(nm = sbuf_finish(&name)) || add(&z, nm, &x) < 0) {
            free(nm);
            goto oom;
        }
        memset(&name, 0, sizeof name);
        sbuf_str(&man, "    <resource identifier=\"stimulus-");
        stimulus_name(&man, q);
        sbuf_str(&man, "\" type=\"imsqti_stimulus_xmlv3p0\" href=\"");
        sbuf_str(&man, nm);
        sbuf_str(&man, "\">\n      <file href=\"");
        sbuf_str(&man, nm);
        sbuf_str(&man, "\"/>\n    </resource>\n");
        free(nm);
    }
    sbuf_str(&man, "  </resources>\n</manifest>\n");
    if (add(&z, "imsmanifest.xml", &man) < 0)
        goto oom;
    if (!(bytes = zip_finish(&z, &len)))
        return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
    rc = proctor_file_write(path, bytes, len, 0644, flags, err);
    free(bytes);
    return rc;
oom:
    free(sbuf_finish(&man));
    free(sbuf_finish(&x));
    free(zip_finish(&z, &len));
    return proctor_error_set(err, PROCTOR_ENOMEM, path, 0, 0, "out of memory");
}
