/* SPDX-License-Identifier: ISC */
/*
 * answer-key.c - test helper: prints, one per line, the answers a student would type to get
 * every question of a practice session right (or wrong), for the session `proctor practice
 * --seed SEED [-n N]` shows. It builds the session with the same library calls as the runner,
 * so the letters match what is displayed. With --assignment it does the same for what
 * `proctor take` shows a student: the assignment's questions in that student's order, the
 * answers from the answer key (or the open assignment itself), and each student's wrong
 * numbers and essay their own: two students' answers never agree by chance.
 * Instead of right or wrong, a pattern of one letter per question of the assignment, in its
 * order (q1 first): r right, w wrong, s skipped (":skip"), so that a test can build a class
 * whose item statistics it knows.
 *   usage: answer-key BANK SEED right|wrong [N]
 *          answer-key --assignment FILE KEY-FILE|- STUDENT right|wrong|PATTERN
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "proctor/assignment.h"
#include "proctor/grade.h"
#include "proctor/session.h"

static size_t
shown_at(const size_t *perm, size_t n, size_t canonical)
{
    for (size_t d = 0; perm && d < n; d++)
        if (perm[d] == canonical)
            return d;
    return canonical;
}

/* Who is answering: each student writes their own essay (an identical essay is a copy). */
static const char *writer = "the student";
/* How far a wrong number lies past the highest right one, in thousands: a student's own
 * (set from the id with --assignment), so that two students' wrong answers never agree by
 * chance, whatever order their questions come in (identical wrong answers are a copy). */
static int64_t wrong_by = 1;

static void
answer(const struct proctor_question *q, const size_t *perm, int right)
{
    char buf[64];
    size_t n = q->type == PROCTOR_MATCH ? q->nrights : q->noptions;

    switch (q->type) {
    case PROCTOR_CHOICE:
        for (size_t k = 0; k < q->noptions; k++)
            if (q->options[k].correct == right) {
                printf("%c\n", (int)('a' + shown_at(perm, n, k)));
                return;
            }
        break;
    case PROCTOR_MULTI: {
        int first = 1;
        for (size_t k = 0; k < q->noptions; k++)
            if (q->options[k].correct == right) {
                printf("%s%c", first ? "" : " ", (int)('a' + shown_at(perm, n, k)));
                first = 0;
            }
        printf("\n");
        return;
    }
    case PROCTOR_TRUEFALSE:
        printf("%s\n", (q->truth == right) ? "true" : "false");
        return;
    case PROCTOR_SHORT: {
        const char *a = q->accept[0];
        if (!right) {
            printf("zzzz qqqq\n");
            return;
        }
        for (; *a; a++)
            if (*a != '*')
                putchar(*a);
        putchar('\n');
        return;
    }
    case PROCTOR_NUMERIC:
        printf("%s\n",
               proctor_format_points(right ? q->value : q->hi + 1000000 * wrong_by, buf, sizeof buf));
        return;
    case PROCTOR_ORDER:
        for (size_t k = 0; k < q->noptions; k++) {
            size_t c = right ? k : q->noptions - 1 - k;
            printf("%s%c", k ? " " : "", (int)('a' + shown_at(perm, n, c)));
        }
        printf("\n");
        return;
    case PROCTOR_MATCH:
        for (size_t k = 0; k < q->npairs; k++) {
            size_t r = right ? k : (k + 1) % q->npairs;
            printf("%s%zu%c", k ? " " : "", k + 1, (int)('a' + shown_at(perm, n, r)));
        }
        printf("\n");
        return;
    case PROCTOR_ESSAY:
        printf("An answer by %s written for the test, long enough to count as a paragraph.\n",
               writer);
        return;
    case PROCTOR_CLOZE: /* a line per gap, as the runner asks them */
        for (size_t k = 0; k < q->ngaps; k++)
            answer(&q->gaps[k], NULL, right);
        return;
    }
    printf(":skip\n");
}

/* A number of the student's own, from 1 to 997 (the id's BLAKE2b). */
static int64_t
own_number(const char *id)
{
    unsigned char h[4];

    crypto_generichash(h, sizeof h, (const unsigned char *)id, strlen(id), NULL, 0);
    return 1 + (int64_t)(((uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | h[2] << 8 | h[3]) % 997);
}

static int
assignment(int argc, char **argv)
{
    struct proctor_assignment *a = NULL;
    struct proctor_bank *key = NULL;
    struct proctor_session *s = NULL;
    struct proctor_error err;

    if (argc != 6) {
        fprintf(stderr, "usage: answer-key --assignment FILE KEY-FILE|- STUDENT "
                        "right|wrong|PATTERN\n");
        return 2;
    }
    if (proctor_assignment_load(argv[2], &a, &err) < 0 ||
        (strcmp(argv[3], "-") != 0 && proctor_answer_key_load(argv[3], a, &key, &err) < 0) ||
        proctor_assignment_session(a, key ? key : a->bank, argv[4], &s, &err) < 0) {
        fprintf(stderr, "answer-key: %s: %s\n", err.path, err.msg);
        proctor_assignment_free(a);
        proctor_bank_free(key);
        return 3;
    }
    writer = argv[4];
    wrong_by = own_number(writer);
    for (size_t i = 0; i < s->n; i++) {
        const char *how = argv[5];
        int right = strcmp(how, "right") == 0;
        if (strcmp(how, "right") != 0 && strcmp(how, "wrong") != 0) {
            /* a pattern: the letter of this question, by its number in the assignment */
            unsigned long k = strtoul(s->q[i]->id + 1, NULL, 10);
            char c = k >= 1 && k <= strlen(how) ? how[k - 1] : 's';
            if (c == 's') {
                printf(":skip\n");
                continue;
            }
            right = c == 'r';
        }
        answer(s->q[i], s->perm[i], right);
    }
    proctor_session_free(s);
    proctor_bank_free(key);
    proctor_assignment_free(a);
    return 0;
}

int
main(int argc, char **argv)
{
    struct proctor_bank *bank = NULL;
    struct proctor_session *s = NULL;
    struct proctor_error err;
    int right;

    if (argc > 1 && strcmp(argv[1], "--assignment") == 0)
        return sodium_init() < 0 ? 2 : assignment(argc, argv);
    if (argc < 4 || sodium_init() < 0) {
        fprintf(stderr, "usage: answer-key BANK SEED right|wrong [N]\n");
        return 2;
    }
    right = strcmp(argv[3], "right") == 0;
    if (proctor_bank_load(argv[1], NULL, NULL, NULL, &bank, &err) != 0) {
        fprintf(stderr, "answer-key: cannot load %s\n", argv[1]);
        return 3;
    }
    if (proctor_session_new(bank, NULL, argc > 4 ? strtoul(argv[4], NULL, 10) : 0,
                            strtoull(argv[2], NULL, 10), 1, &s, &err) < 0) {
        fprintf(stderr, "answer-key: %s\n", err.msg);
        return 3;
    }
    for (size_t i = 0; i < s->n; i++)
        answer(s->q[i], s->perm[i], right);
    proctor_session_free(s);
    proctor_bank_free(bank);
    return 0;
}
