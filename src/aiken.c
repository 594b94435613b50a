/* SPDX-License-Identifier: ISC */
/*
 * aiken.c - Moodle's Aiken format read as Moodle's importer (question/format/aiken) reads
 * it, each question described for the import driver (import-internal.h): a line of question
 * text, its options "A) text" or "A. text" (the space after the label may be left out), and
 * "ANSWER: B". Lines shorter than two characters are skipped. An option or ANSWER line with
 * no question begun, a question with fewer than two options, a question left without its
 * ANSWER line and an ANSWER naming no option are reported, and reading goes on.
 */
#include <string.h>

#include "import-internal.h"

#define AIKEN_MAX_OPTIONS 26

struct aq {
    size_t at;          /* the question line */
    const char *prompt; /* NULL: no question begun */
    size_t nopts;
    const char *opts[AIKEN_MAX_OPTIONS];
    size_t opt_at[AIKEN_MAX_OPTIONS];
};

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\0';
}

static int
finish(struct importer *I, struct aq *q, size_t at, char letter)
{
    struct import_meta m;
    struct qdesc *d = import_desc(I);
    struct qnode *o, *opts;
    long right = letter - 'A';

    memset(&m, 0, sizeof m);
    m.tags_at = m.meta_at = m.src_at = q->at;
    if (!(o = import_begin(I, &m, q->at)))
        return PROCTOR_ENOMEM;
    if (q->nopts < 2)
        import_refuse(I, at, "a question needs at least 2 options before its ANSWER line");
    else if (right < 0 || right >= (long)q->nopts)
        import_refuse(I, at, "ANSWER %c names none of the options A to %c", letter,
                      (int)('A' + q->nopts - 1));
    qdesc_add_string(d, o, "type", "choice", import_at(at));
    qdesc_add_string(d, o, "prompt", q->prompt, import_at(q->at));
    opts = qdesc_add(d, o, "options", QNODE_ARRAY, import_at(q->at));
    for (size_t k = 0; k < q->nopts; k++) {
        static const char ids[] = "abcdefghijklmnopqrstuvwxyz";
        struct qnode *x = qdesc_add(d, opts, NULL, QNODE_OBJECT, import_at(q->opt_at[k]));
        char *id = import_str(I, ids + k, 1);
        if (!id)
            return PROCTOR_ENOMEM;
        qdesc_add_string(d, x, "id", id, import_at(q->opt_at[k]));
        qdesc_add_string(d, x, "text", q->opts[k], import_at(q->opt_at[k]));
        if ((long)k == right)
            qdesc_add_bool(d, x, "correct", 1, import_at(at));
    }
    q->prompt = NULL;
    q->nopts = 0;
    return import_end(I, o, &m);
}

int
aiken_read(struct importer *I, const char *text, size_t len)
{
    struct aq q;
    size_t i = 0;
    int rc = 0;

    memset(&q, 0, sizeof q);
    while (rc == 0 && i < len) {
        size_t a = i, b;
        while (i < len && text[i] != '\n' && text[i] != '\r')
            i++;
        b = i;
        if (i < len)
            i++;
        while (a < b && (is_space(text[a]) || text[a] == '\n'))
            a++;
        while (b > a && is_space(text[b - 1]))
            b--;
        if (b - a < 2)
            continue;
        if (text[a] >= 'A' && text[a] <= 'Z' && (text[a + 1] == ')' || text[a + 1] == '.')) {
            /* Moodle's /^[A-Z][).][ \t]?/: any such line is an option */
            size_t oa = a + 2;
            if (!q.prompt) {
                import_error(I, a,
                             "an option with no question begun (a question is a line of "
                             "text, then its options, then ANSWER:)");
                continue;
            }
            while (oa < b && is_space(text[oa]))
                oa++;
            if (q.nopts == AIKEN_MAX_OPTIONS) {
                import_error(I, a, "more than %d options", AIKEN_MAX_OPTIONS);
                continue;
            }
            if (!(q.opts[q.nopts] = import_str(I, text + oa, b - oa)))
                return PROCTOR_ENOMEM;
            q.opt_at[q.nopts++] = oa;
        } else if (b - a >= 7 && memcmp(text + a, "ANSWER:", 7) == 0) {
            size_t k = a + 7;
            if (!q.prompt) {
                import_error(I, a, "an ANSWER line with no question begun");
                continue;
            }
            while (k < b && is_space(text[k]))
                k++;
            rc = finish(I, &q, a, k < b ? text[k] : '?');
        } else {
            /* reported where the next question begins, as Moodle reports it */
            if (q.prompt)
                import_error(I, a,
                             "a question begins before the one before it ('%s') had its "
                             "ANSWER line: that one is not imported",
                             q.prompt);
            q.prompt = NULL;
            q.nopts = 0;
            if (!(q.prompt = import_str(I, text + a, b - a)))
                return PROCTOR_ENOMEM;
            q.at = a;
        }
    }
    if (rc == 0 && q.prompt)
        import_error(I, q.at, "the question has no ANSWER line");
    return rc;
}
