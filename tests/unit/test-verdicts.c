/* SPDX-License-Identifier: ISC */
/*
 * test-verdicts.c - the checks across result files (proctor_verdicts_settle) and the
 * gradebook built on them decide on the set of files, never their order: random classes of
 * verdicts (students, nonces, copies, attempts drawn from small sets so that they collide)
 * settled in many orders give every file the same verdict and the gradebook the same rows; the
 * map's JSON (proctor_verdict_json, proctor_verdict_line_json) byte for byte as cJSON printed
 * it before.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "harness.h"
#include "proctor/gradebook.h"
#include "proctor/score.h"
#include "proctor/verdict-json.h"
#include "proctor/verify.h"
#include "../../src/verdicts-internal.h"

#define NFILES 48
#define NCLASSES 60
#define NORDERS 6

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
draw(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static char names[NFILES][16];

/* A class: files f00..f47 by students s0..s5 (some by no roster key), with nonces, signed
 * bytes, answers, essays and attempts drawn from a few values each. */
static void
make_class(struct proctor_verdict *v)
{
    for (int i = 0; i < NFILES; i++) {
        struct proctor_verdict *x = &v[i];
        memset(x, 0, sizeof *x);
        snprintf(names[i], sizeof names[i], "f%02d.json", i);
        x->file = names[i];
        x->valid = draw(6) != 0;
        x->status = x->valid ? PROCTOR_STATUS_OK : PROCTOR_STATUS_INVALID;
        if (draw(8))
            snprintf(x->student, sizeof x->student, "s%u", draw(6));
        snprintf(x->name, sizeof x->name, "Student %s", x->student);
        if (!x->valid)
            snprintf(x->reason, sizeof x->reason, "bad signature %u", draw(3));
        x->attempt = 1 + draw(3);
        snprintf(x->finished, sizeof x->finished, "2024-05-0%uT10:00:00Z", 1 + draw(4));
        x->earned = 1000 * draw(4);
        x->max = 3000;
        x->have_hashes = x->valid;
        x->nonce[0] = (unsigned char)draw(10);
        x->payload_hash[0] = (unsigned char)draw(14);
        x->responses_hash[0] = (unsigned char)draw(5);
        x->copy_evidence = x->earned < x->max && draw(4) != 0;
        x->nessays = draw(3);
        for (size_t e = 0; e < x->nessays; e++)
            x->essay_hash[e][0] = (unsigned char)(1 + draw(12));
        if (draw(5) == 0)
            snprintf(x->warnings, sizeof x->warnings, "late");
    }
}

/* What a settled verdict says, to compare across orders. */
static int
same_verdict(const struct proctor_verdict *a, const struct proctor_verdict *b)
{
    return a->status == b->status && a->valid == b->valid && a->duplicate == b->duplicate &&
           strcmp(a->reason, b->reason) == 0 && strcmp(a->warnings, b->warnings) == 0;
}

static int
same_row(const struct proctor_gradebook_row *a, const struct proctor_gradebook_row *b)
{
    return strcmp(a->student, b->student) == 0 && a->status == b->status &&
           a->graded == b->graded && a->earned == b->earned && a->max == b->max &&
           a->files == b->files && a->counted == b->counted && a->attempt == b->attempt &&
           strcmp(a->finished, b->finished) == 0 && strcmp(a->reason, b->reason) == 0 &&
           strcmp(a->warnings, b->warnings) == 0;
}

static const char *
tohex(const unsigned char *bin, size_t n, char *hex)
{
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = "0123456789abcdef"[bin[i] >> 4];
        hex[2 * i + 1] = "0123456789abcdef"[bin[i] & 15];
    }
    hex[2 * n] = '\0';
    return hex;
}

/* The two JSON texts as the map made them with cJSON before they were written by hand: the
 * reference the hand-written ones are held to, byte for byte. */
static char *
cjson_verdict(const struct proctor_verdict *v, const char *against)
{
    cJSON *o = cJSON_CreateObject(), *essays, *items;
    char hex[65], *text;
    cJSON_AddStringToObject(o, "against", against);
    cJSON_AddBoolToObject(o, "valid", v->valid);
    cJSON_AddStringToObject(o, "status", proctor_status_name(v->status));
    cJSON_AddStringToObject(o, "reason", v->reason);
    cJSON_AddStringToObject(o, "student", v->student);
    cJSON_AddStringToObject(o, "claimed", v->claimed);
    cJSON_AddStringToObject(o, "name", v->name);
    cJSON_AddStringToObject(o, "kind", v->kind);
    cJSON_AddStringToObject(o, "taken_id", v->taken_id);
    cJSON_AddStringToObject(o, "started", v->started);
    cJSON_AddStringToObject(o, "finished", v->finished);
    cJSON_AddNumberToObject(o, "attempt", (double)v->attempt);
    cJSON_AddNumberToObject(o, "earned", (double)v->earned);
    cJSON_AddNumberToObject(o, "max", (double)v->max);
    cJSON_AddNumberToObject(o, "essay_earned", (double)v->essay_earned);
    cJSON_AddNumberToObject(o, "essay_max", (double)v->essay_max);
    cJSON_AddNumberToObject(o, "unmarked", (double)v->unmarked);
    cJSON_AddBoolToObject(o, "late", v->late);
    cJSON_AddBoolToObject(o, "overtime", v->overtime);
    cJSON_AddStringToObject(o, "warnings", v->warnings);
    cJSON_AddBoolToObject(o, "duplicate", v->duplicate);
    cJSON_AddBoolToObject(o, "have_hashes", v->have_hashes);
    cJSON_AddStringToObject(o, "nonce", tohex(v->nonce, sizeof v->nonce, hex));
    cJSON_AddStringToObject(o, "payload_sha", tohex(v->payload_hash, 32, hex));
    cJSON_AddStringToObject(o, "responses_sha", tohex(v->responses_hash, 32, hex));
    cJSON_AddBoolToObject(o, "copy_evidence", v->copy_evidence);
    essays = cJSON_AddArrayToObject(o, "essays");
    for (size_t i = 0; i < v->nessays && i < PROCTOR_ESSAY_PRINTS; i++)
        cJSON_AddItemToArray(essays, cJSON_CreateString(tohex(v->essay_hash[i], 16, hex)));
    items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; i < v->nitems; i++) {
        cJSON *e = cJSON_CreateObject();
        char picks[17];
        snprintf(picks, sizeof picks, "%016llx", (unsigned long long)v->items[i].picks);
        cJSON_AddItemToArray(items, e);
        cJSON_AddNumberToObject(e, "earned", (double)v->items[i].earned);
        cJSON_AddStringToObject(e, "picks", picks);
        cJSON_AddBoolToObject(e, "answered", v->items[i].answered);
        cJSON_AddBoolToObject(e, "marked", v->items[i].marked);
    }
    text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

static char *
cjson_line(const char *file, const struct proctor_verdict *v, const char *check)
{
    cJSON *o = cJSON_CreateObject();
    int p = proctor_percent(v->earned, v->max);
    char *text;

    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddStringToObject(o, "status", proctor_status_name(v->status));
    cJSON_AddStringToObject(o, "reason", v->status == PROCTOR_STATUS_OK ? "" : v->reason);
    cJSON_AddStringToObject(o, "student", v->student);
    cJSON_AddStringToObject(o, "name", v->name);
    cJSON_AddStringToObject(o, "kind", v->kind);
    cJSON_AddStringToObject(o, "finished", v->finished);
    if (v->valid && strcmp(v->kind, "assignment") == 0) {
        int64_t e = v->earned + v->essay_earned, m = v->max + v->essay_max;
        p = proctor_percent(e, m);
        cJSON_AddStringToObject(o, "assignment", v->taken_id);
        cJSON_AddStringToObject(o, "started", v->started);
        cJSON_AddNumberToObject(o, "earned", (double)e);
        cJSON_AddNumberToObject(o, "max", (double)m);
        if (p < 0)
            cJSON_AddNullToObject(o, "percent");
        else
            cJSON_AddNumberToObject(o, "percent", p);
        cJSON_AddNumberToObject(o, "attempt", (double)v->attempt);
        cJSON_AddNumberToObject(o, "essay_earned", (double)v->essay_earned);
        cJSON_AddNumberToObject(o, "essay_max", (double)v->essay_max);
        cJSON_AddNumberToObject(o, "unmarked", (double)v->unmarked);
        cJSON_AddBoolToObject(o, "late", v->late);
        cJSON_AddBoolToObject(o, "overtime", v->overtime);
        cJSON_AddStringToObject(o, "warnings", v->warnings);
    } else if (v->valid) {
        cJSON_AddNumberToObject(o, "earned", (double)v->earned);
        cJSON_AddNumberToObject(o, "max", (double)v->max);
        if (p < 0)
            cJSON_AddNullToObject(o, "percent");
        else
            cJSON_AddNumberToObject(o, "percent", p);
        cJSON_AddNumberToObject(o, "attempt", (double)v->attempt);
        cJSON_AddStringToObject(o, "warnings", v->warnings);
    } else if (v->attempt) {
        cJSON_AddNumberToObject(o, "attempt", (double)v->attempt);
    }
    if (v->duplicate)
        cJSON_AddTrueToObject(o, "duplicate");
    if (v->claimed[0] && strcmp(v->claimed, v->student) != 0)
        cJSON_AddStringToObject(o, "claimed", v->claimed);
    if (check)
        cJSON_AddRawToObject(o, "check", check);
    text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

/* Text a file or a student controls: every byte value, escapes cJSON writes by letter. */
static void
nasty(char *dst, size_t size)
{
    size_t n = draw((unsigned)size - 1);
    for (size_t i = 0; i < n; i++)
        dst[i] = draw(4) ? "a\"\\\b\f\n\r\t\x01\x1f\x7f\xc3\xa9/ "[draw(16)] : (char)(1 + draw(255));
    dst[n] = '\0';
}

static void
map_json(void)
{
    static const int64_t numbers[] = {0, 1, -1, 999, 1000, 23000, -2500, 2147483647LL,
                                      2147483648LL, -2147483648LL, -2147483649LL,
                                      999999999999999LL, 1000000000000000LL,
                                      1000000000000001LL, 9007199254740993LL,
                                      INT64_MAX, INT64_MIN};
    size_t bad = 0, tried = 0;
    size_t nn = sizeof numbers / sizeof numbers[0];

    for (int round = 0; round < 3000; round++) {
        struct proctor_verdict v;
        struct proctor_verdict_item items[3];
        char file[40], against[40], *mine, *ref, *line, *refline;
        memset(&v, 0, sizeof v);
        nasty(v.reason, 60);
        nasty(v.student, 12);
        nasty(v.claimed, 12);
        nasty(v.name, 20);
        nasty(v.warnings, 40);
        nasty(file, sizeof file);
        nasty(against, sizeof against);
        snprintf(v.kind, sizeof v.kind, "%s", draw(2) ? "assignment" : "practice");
        nasty(v.taken_id, 10);
        nasty(v.started, 10);
        nasty(v.finished, 10);
        v.valid = (int)draw(2);
        v.status = (enum proctor_status)draw(5);
        v.attempt = numbers[draw((unsigned)nn)];
        v.earned = numbers[draw((unsigned)nn)];
        v.max = numbers[draw((unsigned)nn)];
        v.essay_earned = draw(3) ? 0 : numbers[draw((unsigned)nn)];
        v.essay_max = draw(3) ? 0 : numbers[draw((unsigned)nn)];
        if (v.essay_earned > INT64_MAX / 4 || v.essay_earned < INT64_MIN / 4 ||
            v.earned > INT64_MAX / 4 || v.earned < INT64_MIN / 4)
            v.essay_earned = 0; /* sums that do not overflow */
        if (v.essay_max > INT64_MAX / 4 || v.essay_max < INT64_MIN / 4 ||
            v.max > INT64_MAX / 4 || v.max < INT64_MIN / 4)
            v.essay_max = 0;
        v.unmarked = draw(4);
        v.late = (int)draw(2);
        v.overtime = (int)draw(2);
        v.duplicate = (int)draw(2);
        v.have_hashes = (int)draw(2);
        v.copy_evidence = (int)draw(2);
        for (size_t i = 0; i < sizeof v.nonce; i++)
            v.nonce[i] = (unsigned char)draw(256);
        v.payload_hash[3] = (unsigned char)draw(256);
        v.nessays = draw(PROCTOR_ESSAY_PRINTS + 1);
        v.essay_hash[0][5] = (unsigned char)draw(256);
        v.nitems = draw(4);
        for (size_t i = 0; i < v.nitems; i++)
            items[i] = (struct proctor_verdict_item){numbers[draw((unsigned)nn)],
                                                     (int)draw(2), (int)draw(2),
                                                     (uint64_t)draw(1u << 30) << draw(34)};
        v.items = v.nitems ? items : NULL;
        mine = proctor_verdict_json(&v, against);
        ref = cjson_verdict(&v, against);
        bad += !mine || !ref || strcmp(mine, ref) != 0;
        line = proctor_verdict_line_json(file, &v, draw(2) ? mine : NULL, NULL, NULL);
        v.items = NULL; /* the line's questions need an assignment: none here */
        v.nitems = 0;
        free(line);
        line = proctor_verdict_line_json(file, &v, mine, NULL, NULL);
        refline = cjson_line(file, &v, mine);
        bad += !line || !refline || strcmp(line, refline) != 0;
        if (bad && bad < 3 && (!mine || !ref || strcmp(mine, ref) || !line || !refline || strcmp(line, refline)))
            printf("#   %s\n#   %s\n#   %s\n#   %s\n", mine, ref, line, refline);
        tried += 2;
        free(mine);
        free(ref);
        free(line);
        free(refline);
    }
    CHECK(bad == 0, "the map's JSON written by hand is what cJSON printed, byte for byte (%zu "
                    "texts, %zu differ)", tried, bad);
}

int
main(void)
{
    static struct proctor_verdict base[NFILES], first[NFILES], now[NFILES], ref[2][NFILES];
    struct proctor_gradebook_row rows[NORDERS][8];
    size_t nrows[NORDERS];
    int bad_verdicts = 0, bad_rows = 0, conflicts = 0, duplicates = 0, over = 0, bad_grouped = 0;

    for (int c = 0; c < NCLASSES; c++) {
        make_class(base);
        for (int o = 0; o < NORDERS; o++) {
            size_t perm[NFILES];
            struct proctor_verdict *pv[NFILES];
            struct proctor_gradebook *g = NULL;
            int64_t limit = c % 3; /* none, 1 or 2 attempts */

            for (size_t i = 0; i < NFILES; i++)
                perm[i] = i;
            for (size_t i = NFILES - 1; o > 0 && i > 0; i--) { /* order 0: as made */
                size_t j = draw((unsigned)i + 1), t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            if (o == 1) /* order 1: reversed */
                for (size_t i = 0; i < NFILES; i++)
                    perm[i] = NFILES - 1 - i;
            /* laid out in input order, as verify keeps them */
            for (size_t i = 0; i < NFILES; i++) {
                now[i] = base[perm[i]];
                pv[i] = &now[i];
            }
            /* the reference: every step's entries sorted whole by its comparison (mode 1);
             * mode 2 puts many groups under one hash; mode 0 (below) is the real one */
            for (int mode = 1; mode <= 2; mode++) {
                struct proctor_verdict *pr[NFILES];
                for (size_t i = 0; i < NFILES; i++) {
                    ref[mode - 1][i] = now[i];
                    pr[i] = &ref[mode - 1][i];
                }
                verify_settle_collide(mode);
                proctor_verdicts_settle(pr, NFILES, limit);
                verify_settle_collide(0);
            }
            if (proctor_verdicts_settle(pv, NFILES, limit) != 0 ||
                proctor_gradebook_new(PROCTOR_METHOD_HIGHEST, &g, NULL) != 0) {
                CHECK(0, "settle and gradebook run");
                return harness_done();
            }
            for (size_t i = 0; i < NFILES; i++)
                for (int mode = 1; mode <= 2; mode++)
                    if ((!same_verdict(&now[i], &ref[0][i]) ||
                         !same_verdict(&ref[1][i], &ref[0][i])) &&
                        bad_grouped++ < 3)
                        printf("# class %d, order %d: %s grouped: '%s' / '%s', sorted whole: "
                               "'%s' / '%s'\n", c, o, now[i].file, now[i].reason,
                               now[i].warnings, ref[0][i].reason, ref[0][i].warnings);
            for (size_t i = 0; i < NFILES; i++)
                proctor_gradebook_add(g, pv[i]);
            nrows[o] = proctor_gradebook_count(g);
            for (size_t r = 0; r < nrows[o] && r < 8; r++)
                rows[o][r] = *proctor_gradebook_row(g, r);
            proctor_gradebook_free(g);
            if (o == 0) {
                for (size_t i = 0; i < NFILES; i++) {
                    first[perm[i]] = now[i];
                    conflicts += now[i].status == PROCTOR_STATUS_CONFLICT;
                    duplicates += now[i].duplicate;
                    over += strstr(now[i].reason, "over the limit") != NULL;
                }
                continue;
            }
            for (size_t i = 0; i < NFILES; i++)
                if (!same_verdict(&now[i], &first[perm[i]]) && bad_verdicts++ < 3)
                    printf("# class %d, order %d: %s: '%s' / '%s' vs '%s' / '%s'\n", c, o,
                           now[i].file, now[i].reason, now[i].warnings, first[perm[i]].reason,
                           first[perm[i]].warnings);
            if (nrows[o] != nrows[0])
                bad_rows++;
            for (size_t r = 0; r < nrows[o] && r < 8; r++)
                if (!same_row(&rows[o][r], &rows[0][r]) && bad_rows++ < 3)
                    printf("# class %d, order %d: row %s differs\n", c, o, rows[o][r].student);
        }
    }
    CHECK(bad_verdicts == 0, "every file's verdict is the same in %d orders of %d classes",
          NORDERS, NCLASSES);
    CHECK(bad_rows == 0, "every gradebook row is the same in every order");
    CHECK(bad_grouped == 0, "settling by hashed groups gives every verdict that sorting every "
                            "step whole gives, with many groups under one hash too");
    /* the classes do exercise what they test */
    CHECK(conflicts > 0 && duplicates > 0 && over > 0,
          "the classes hold conflicts (%d), duplicates (%d) and results over the limit (%d)",
          conflicts, duplicates, over);
    map_json();
    return harness_done();
}
