/* SPDX-License-Identifier: ISC */
/* fsrs.c - FSRS-6: memory states, intervals, fuzz and the learning/review state machine. */
#include <math.h>
#include <string.h>

#include "fnv1a.h"
#include "proctor/fsrs.h"

/* Bounds of fsrs-rs (FSRS-6): stability in [S_MIN, S_MAX] days, difficulty in [1, 10]. */
#define S_MIN 0.001
#define S_MAX 36500.0
#define D_MIN 1.0
#define D_MAX 10.0
#define INIT_S_MAX 100.0

static const double default_weights[PROCTOR_FSRS_NWEIGHTS] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

/* The decay of FSRS-5 weights, which had no w20. */
#define FSRS5_DECAY 0.5

const double *
proctor_fsrs_default_weights(void)
{
    return default_weights;
}

static double
clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

void
proctor_fsrs_init(struct proctor_fsrs *f)
{
    memset(f, 0, sizeof *f);
    memcpy(f->w, default_weights, sizeof f->w);
    f->retention = 0.9;
    f->max_interval = 36500;
    f->learning[0] = 60;
    f->learning[1] = 600;
    f->nlearning = 2;
    f->relearning[0] = 600;
    f->nrelearning = 1;
    f->fuzz = 1;
}

/* fsrs-rs's clip_parameters for FSRS-6 with one relearning step and the short-term floor of
 * w19 off, as FSRS::new applies them. */
static void
clip_weights(double *w)
{
    static const double lo[PROCTOR_FSRS_NWEIGHTS] = {
        S_MIN, S_MIN, S_MIN, S_MIN, D_MIN, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0,   0.0,   1.0,   0.0,   0.0,   0.0, 0.1};
    static const double hi[PROCTOR_FSRS_NWEIGHTS] = {
        INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, D_MAX, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0,        0.25,       0.9,        4.0,        1.0,   6.0, 2.0, 2.0,  0.8, 0.8};
    for (int i = 0; i < PROCTOR_FSRS_NWEIGHTS; i++)
        w[i] = clampd(w[i], lo[i], hi[i]);
}

int
proctor_fsrs_set_weights(struct proctor_fsrs *f, const double *w, size_t n,
                         struct proctor_error *err)
{
    double v[PROCTOR_FSRS_NWEIGHTS];

    switch (n) {
    case 0: memcpy(v, default_weights, sizeof v); break;
    case 17:
        /* FSRS-4.5 -> FSRS-6 as fsrs-rs's check_and_fill_parameters */
        memcpy(v, w, 17 * sizeof *v);
        v[4] = w[5] * 2.0 + w[4];
        v[5] = log(w[5] * 3.0 + 1.0) / 3.0;
        v[6] = w[6] + 0.5;
        v[17] = v[18] = v[19] = 0.0;
        v[20] = FSRS5_DECAY;
        break;
    case 19:
        memcpy(v, w, 19 * sizeof *v);
        v[19] = 0.0;
        v[20] = FSRS5_DECAY;
        break;
    case 21: memcpy(v, w, sizeof v); break;
    default:
        return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                 "expected 21 FSRS weights (or 19 or 17 from FSRS-5 or "
                                 "FSRS-4.5), got %zu",
                                 n);
    }
    for (int i = 0; i < PROCTOR_FSRS_NWEIGHTS; i++)
        if (!isfinite(v[i]))
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, 0,
                                     "FSRS weight w%d is not a finite number", i);
    clip_weights(v);
    memcpy(f->w, v, sizeof v);
    return 0;
}

/* ---- parsing ---- */

/* Where in text a byte offset is, for messages. */
static void
locate(const char *text, size_t off, long *line, long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xc0) != 0x80) {
            (*col)++;
        }
    }
}

static const double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * A decimal number at text[*i]: [-+]digits[.digits][(e|E)[-+]digits] or .digits, without the
 * locale's help (the program runs with setlocale(LC_ALL, "")). Returns 0 and advances *i, or
 * -1 when there is no number there. Up to 19 significant digits are kept, which is far past
 * what a double holds.
 */
static int
parse_decimal(const char *text, size_t len, size_t *i, double *out)
{
    size_t p = *i;
    int neg = 0, digits = 0, kept = 0;
    uint64_t m = 0;
    long exp10 = 0;
    double v;

    if (p < len && (text[p] == '-' || text[p] == '+'))
        neg = text[p++] == '-';
    while (p < len && text[p] >= '0' && text[p] <= '9') {
        if (kept < 19) {
            m = m * 10 + (uint64_t)(text[p] - '0');
            if (m)
                kept++;
        } else {
            exp10++;
        }
        digits++;
        p++;
    }
    if (p < len && text[p] == '.') {
        p++;
        while (p < len && text[p] >= '0' && text[p] <= '9') {
            if (kept < 19) {
                m = m * 10 + (uint64_t)(text[p] - '0');
                if (m)
                    kept++;
                exp10--;
            }
            digits++;
            p++;
        }
    }
    if (!digits)
        return -1;
    if (p < len && (text[p] == 'e' || text[p] == 'E')) {
        size_t q = p + 1;
        int eneg = 0;
        long e = 0;
        if (q < len && (text[q] == '-' || text[q] == '+'))
            eneg = text[q++] == '-';
        if (q >= len || text[q] < '0' || text[q] > '9')
            return -1;
        while (q < len && text[q] >= '0' && text[q] <= '9') {
            if (e < 100000)
                e = e * 10 + (text[q] - '0');
            q++;
        }
        exp10 += eneg ? -e : e;
        p = q;
    }
    v = (double)m;
    if (m == 0)
        v = 0.0;
    else if (exp10 >= 0 && exp10 <= 22)
        v *= exact_pow10[exp10];
    else if (exp10 < 0 && exp10 >= -22)
        v /= exact_pow10[-exp10];
    else
        v *= pow(10.0, (double)exp10);
    *out = neg ? -v : v;
    *i = p;
    return 0;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int
proctor_fsrs_parse_weights(const char *text, size_t len, const char *path, double *w,
                           size_t *n, struct proctor_error *err)
{
    size_t i = 0, count = 0;
    int open = 0, closed = 0, need_number = 0;
    long line, col;

    *n = 0;
    for (;;) {
        while (i < len && (is_space(text[i]) || text[i] == '#')) {
            if (text[i] == '#')
                while (i < len && text[i] != '\n')
                    i++;
            else
                i++;
        }
        if (i >= len)
            break;
        if (closed) {
            locate(text, i, &line, &col);
            return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                     "unexpected text after ']' in the weights");
        }
        if (text[i] == '[' && !open && count == 0 && !need_number) {
            open = 1;
            i++;
            continue;
        }
        if (text[i] == ']' && open && !need_number) {
            closed = 1;
            i++;
            continue;
        }
        if (text[i] == ',') {
            if (count == 0 || need_number) {
                locate(text, i, &line, &col);
                return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                         "expected a number before ','");
            }
            need_number = 1;
            i++;
            continue;
        }
        {
            double v;
            size_t start = i;
            if (parse_decimal(text, len, &i, &v) < 0 ||
                (i < len && !is_space(text[i]) && text[i] != ',' && text[i] != '#' &&
                 text[i] != ']')) {
                size_t end = start;
                while (end < len && !is_space(text[end]) && text[end] != ',' && end - start < 20)
                    end++;
                locate(text, start, &line, &col);
                return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                         "expected a number, got '%.*s'", (int)(end - start),
                                         text + start);
            }
            if (!isfinite(v)) {
                locate(text, start, &line, &col);
                return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                         "weight %zu is out of range", count + 1);
            }
            if (count == PROCTOR_FSRS_NWEIGHTS) {
                locate(text, start, &line, &col);
                return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                         "more than %d FSRS weights", PROCTOR_FSRS_NWEIGHTS);
            }
            w[count++] = v;
            need_number = 0;
        }
    }
    if (need_number || (open && !closed)) {
        locate(text, len, &line, &col);
        return proctor_error_set(err, PROCTOR_EINVAL, path, line, col,
                                 need_number ? "expected a number after the last ','"
                                             : "expected ']' to close the weights");
    }
    if (count == 0)
        return proctor_error_set(err, PROCTOR_EINVAL, path, 0, 0, "no FSRS weights found");
    *n = count;
    return 0;
}

int
proctor_fsrs_parse_number(const char *s, double *out)
{
    size_t i = 0, len = strlen(s);
    double v;
    if (parse_decimal(s, len, &i, &v) < 0 || i != len || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* A whole number at s[*i] up to max; -1 when there is none or it is larger. */
static int
parse_whole(const char *s, size_t *i, int64_t max, int64_t *out)
{
    size_t p = *i;
    int64_t v = 0;
    if (s[p] < '0' || s[p] > '9')
        return -1;
    while (s[p] >= '0' && s[p] <= '9') {
        if (v > (max - (s[p] - '0')) / 10)
            return -1;
        v = v * 10 + (s[p] - '0');
        p++;
    }
    *i = p;
    *out = v;
    return 0;
}

int
proctor_fsrs_parse_steps(const char *s, uint32_t *steps, size_t *n, struct proctor_error *err)
{
    size_t i = 0, count = 0;

    *n = 0;
    while (s[i] == ' ')
        i++;
    if (s[i] == '\0' || strcmp(s + i, "none") == 0)
        return 0;
    for (;;) {
        int64_t v, unit = 60;
        size_t start;
        while (s[i] == ' ')
            i++;
        start = i;
        if (parse_whole(s, &i, 10000000, &v) < 0)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)start + 1,
                                     "expected a step such as '10m' (s, m, h or d)");
        switch (s[i]) {
        case 's': unit = 1; i++; break;
        case 'm': unit = 60; i++; break;
        case 'h': unit = 3600; i++; break;
        case 'd': unit = 86400; i++; break;
        default: break;
        }
        v *= unit;
        if (v < 1 || v > PROCTOR_FSRS_MAX_STEP)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)start + 1,
                                     "a step must be from 1 second to 7 days");
        if (count == PROCTOR_FSRS_MAX_STEPS)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)start + 1,
                                     "at most %d steps", PROCTOR_FSRS_MAX_STEPS);
        steps[count++] = (uint32_t)v;
        while (s[i] == ' ')
            i++;
        if (s[i] == '\0')
            break;
        if (s[i] != ',')
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)i + 1,
                                     "expected ',' between steps");
        i++;
    }
    *n = count;
    return 0;
}

int
proctor_fsrs_parse_history(const char *s, int64_t max_elapsed, struct proctor_fsrs_item *items,
                           size_t max, size_t *n, struct proctor_error *err)
{
    size_t i = 0, count = 0;

    *n = 0;
    for (;;) {
        int64_t r, e;
        size_t start;
        while (s[i] == ' ' || s[i] == '\t')
            i++;
        start = i;
        if (s[i] == '\0' && count == 0)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)i + 1,
                                     "empty review history; expected 'rating:elapsed' pairs "
                                     "such as '3:0,3:1'");
        if (parse_whole(s, &i, 9, &r) < 0 || r < 1 || r > 4)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)start + 1,
                                     "expected a rating from 1 (again) to 4 (easy)");
        if (s[i] != ':')
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)i + 1,
                                     "expected ':' after the rating, as in '3:0'");
        i++;
        start = i;
        if (parse_whole(s, &i, max_elapsed, &e) < 0)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)start + 1,
                                     "expected the time since the previous review, a whole "
                                     "number from 0 to %lld",
                                     (long long)max_elapsed);
        if (count == max)
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)start + 1,
                                     "more than %zu reviews", max);
        items[count].rating = (int)r;
        items[count].elapsed = e;
        count++;
        while (s[i] == ' ' || s[i] == '\t')
            i++;
        if (s[i] == '\0')
            break;
        if (s[i] != ',')
            return proctor_error_set(err, PROCTOR_EINVAL, NULL, 0, (long)i + 1,
                                     "expected ',' between reviews");
        i++;
    }
    *n = count;
    return 0;
}

/* ---- memory states ---- */

/* FACTOR = 0.9^(1/DECAY) - 1 with DECAY = -w20, so that R(S, S) = 0.9. */
static double
curve_factor(const double *w)
{
    return pow(0.9, 1.0 / -w[20]) - 1.0;
}

double
proctor_fsrs_retrievability(const struct proctor_fsrs *f, double elapsed_days, double stability)
{
    if (stability <= 0)
        return 0.0;
    if (elapsed_days < 0)
        elapsed_days = 0;
    return pow(1.0 + curve_factor(f->w) * elapsed_days / stability, -f->w[20]);
}

/* In single precision, operation for operation as fsrs-rs computes it, so that whole-day
 * intervals round as the reference rounds them (at retention 0.1 the double-precision value
 * is 3 days longer in 3 million). */
double
proctor_fsrs_interval(const struct proctor_fsrs *f, double stability)
{
    float decay = -(float)f->w[20];
    float factor = expf(logf(0.9f) / decay) - 1.0f;
    return (double)((float)stability / factor * (powf((float)f->retention, 1.0f / decay) - 1.0f));
}

int32_t
proctor_fsrs_interval_days(const struct proctor_fsrs *f, double stability)
{
    double d = round(proctor_fsrs_interval(f, stability));
    if (!(d >= 1.0))
        d = 1.0;
    if (d > (double)f->max_interval)
        d = (double)f->max_interval;
    return (int32_t)d;
}

static double
init_difficulty(const double *w, int rating)
{
    return w[4] - exp(w[5] * (rating - 1)) + 1.0;
}

void
proctor_fsrs_first(const struct proctor_fsrs *f, int rating, struct proctor_fsrs_memory *out)
{
    if (rating < 1)
        rating = 1;
    if (rating > 4)
        rating = 4;
    out->stability = clampd(f->w[rating - 1], S_MIN, S_MAX);
    out->difficulty = clampd(init_difficulty(f->w, rating), D_MIN, D_MAX);
}

static double
next_difficulty(const double *w, double d, int rating)
{
    double delta = -w[6] * (rating - 3);
    double damped = d + (10.0 - d) * delta / 9.0; /* linear damping */
    double reverted = w[7] * (init_difficulty(w, 4) - damped) + damped;
    return clampd(reverted, D_MIN, D_MAX);
}

static double
stability_after_recall(const double *w, double s, double d, double r, int rating)
{
    double hard_penalty = rating == 2 ? w[15] : 1.0;
    double easy_bonus = rating == 4 ? w[16] : 1.0;
    return s * (exp(w[8]) * (11.0 - d) * pow(s, -w[9]) * (exp((1.0 - r) * w[10]) - 1.0) *
                    hard_penalty * easy_bonus +
                1.0);
}

static double
stability_after_lapse(const double *w, double s, double d, double r)
{
    double lapse = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) * exp((1.0 - r) * w[14]);
    double ceiling = s / exp(w[17] * w[18]);
    return lapse < ceiling ? lapse : ceiling;
}

static double
stability_short_term(const double *w, double s, int rating)
{
    double sinc = exp(w[17] * (rating - 3 + w[18])) * pow(s, -w[19]);
    if (rating >= 2 && sinc < 1.0)
        sinc = 1.0; /* a same-day Hard, Good or Easy never lowers stability */
    return s * sinc;
}

double
proctor_fsrs_stability_recall(const struct proctor_fsrs *f, double s, double d, double r,
                              int rating)
{
    return stability_after_recall(f->w, s, d, r, rating);
}

double
proctor_fsrs_stability_lapse(const struct proctor_fsrs *f, double s, double d, double r)
{
    return stability_after_lapse(f->w, s, d, r);
}

double
proctor_fsrs_stability_same_day(const struct proctor_fsrs *f, double s, int rating)
{
    return stability_short_term(f->w, s, rating);
}

double
proctor_fsrs_next_difficulty(const struct proctor_fsrs *f, double d, int rating)
{
    return next_difficulty(f->w, d, rating);
}

void
proctor_fsrs_next(const struct proctor_fsrs *f, const struct proctor_fsrs_memory *m,
                  int64_t elapsed_days, int rating, struct proctor_fsrs_memory *out)
{
    const double *w = f->w;
    double s = clampd(m->stability, S_MIN, S_MAX), d = clampd(m->difficulty, D_MIN, D_MAX);
    double r, ns;

    if (rating < 1)
        rating = 1;
    if (rating > 4)
        rating = 4;
    if (elapsed_days < 0)
        elapsed_days = 0;
    r = proctor_fsrs_retrievability(f, (double)elapsed_days, s);
    if (elapsed_days == 0)
        ns = stability_short_term(w, s, rating);
    else if (rating == 1)
        ns = stability_after_lapse(w, s, d, r);
    else
        ns = stability_after_recall(w, s, d, r, rating);
    if (!isfinite(ns))
        ns = s;
    out->stability = clampd(ns, S_MIN, S_MAX);
    out->difficulty = next_difficulty(w, d, rating);
}

/* ---- fuzz ---- */

static uint64_t
splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t
proctor_fsrs_fuzz_seed(const char *id, uint32_t reps)
{
    uint64_t h = fnv1a(id); /* then mixed with reps */
    return splitmix64(h ^ ((uint64_t)reps << 32 | reps));
}

/* A number in [0, 1) from a seed. */
static double
fuzz_unit(uint64_t seed)
{
    return (double)(splitmix64(seed) >> 11) * 0x1.0p-53;
}

int32_t
proctor_fsrs_fuzz(const struct proctor_fsrs *f, int32_t ivl, int64_t elapsed_days, double u)
{
    static const struct {
        double start, end, factor;
    } ranges[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, INFINITY, 0.05}};
    double delta = 1.0, x = ivl, lo, hi, v;

    if (x < 2.5)
        return ivl;
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
        double top = x < ranges[k].end ? x : ranges[k].end;
        if (top > ranges[k].start)
            delta += ranges[k].factor * (top - ranges[k].start);
    }
    if (x > f->max_interval)
        x = f->max_interval;
    lo = round(x - delta);
    if (lo < 2)
        lo = 2;
    hi = round(x + delta);
    if (hi > f->max_interval)
        hi = f->max_interval;
    if (x > (double)elapsed_days && lo < (double)elapsed_days + 1)
        lo = (double)elapsed_days + 1;
    if (lo > hi)
        lo = hi;
    if (u < 0)
        u = 0;
    if (u >= 1)
        u = nextafter(1.0, 0.0);
    v = floor(u * (hi - lo + 1) + lo);
    if (v > hi)
        v = hi;
    return (int32_t)v;
}

/* ---- the state machine ---- */

/* Review intervals in whole days, fuzzed when f->fuzz is set. */
static int32_t
review_days(const struct proctor_fsrs *f, double stability, int64_t elapsed_days, uint64_t seed)
{
    int32_t days = proctor_fsrs_interval_days(f, stability);
    if (f->fuzz)
        days = proctor_fsrs_fuzz(f, days, elapsed_days, fuzz_unit(seed));
    return days;
}

/*
 * A learning or relearning step: the delay in seconds before the card comes back, with *step
 * updated, or 0 when the card graduates to the review state (py-fsrs and Anki).
 */
static int64_t
step_delay(const uint32_t *steps, size_t n, int *step, int rating)
{
    if (n == 0 || (*step >= (int)n && rating >= PROCTOR_FSRS_HARD))
        return 0;
    switch (rating) {
    case PROCTOR_FSRS_AGAIN: *step = 0; return steps[0];
    case PROCTOR_FSRS_HARD:
        if (*step == 0)
            return n == 1 ? (int64_t)steps[0] * 3 / 2 : ((int64_t)steps[0] + steps[1]) / 2;
        return steps[*step];
    case PROCTOR_FSRS_GOOD:
        if (*step + 1 >= (int)n)
            return 0;
        ++*step;
        return steps[*step];
    default: return 0;
    }
}

int
proctor_fsrs_review(const struct proctor_fsrs *f, struct proctor_fsrs_card *c, int64_t now,
                    int64_t elapsed_days, int rating, uint64_t seed,
                    struct proctor_fsrs_outcome *o)
{
    struct proctor_fsrs_memory m;
    struct proctor_fsrs_outcome out;
    int64_t delay = 0;

    if (rating < 1 || rating > 4)
        return PROCTOR_EUSAGE;
    if (c->state < PROCTOR_FSRS_NEW || c->state > PROCTOR_FSRS_RELEARNING || c->step < 0)
        return PROCTOR_EUSAGE;
    if (elapsed_days < 0)
        elapsed_days = 0;
    memset(&out, 0, sizeof out);
    out.state_before = c->state;
    out.retrievability = -1;
    if (c->state == PROCTOR_FSRS_NEW) {
        proctor_fsrs_first(f, rating, &m);
        c->step = 0;
    } else {
        struct proctor_fsrs_memory before = {c->stability, c->difficulty};
        out.retrievability = proctor_fsrs_retrievability(
            f, (double)elapsed_days, clampd(c->stability, S_MIN, S_MAX));
        proctor_fsrs_next(f, &before, elapsed_days, rating, &m);
    }

    switch (c->state) {
    case PROCTOR_FSRS_NEW:
    case PROCTOR_FSRS_LEARNING:
    case PROCTOR_FSRS_RELEARNING: {
        int relearn = c->state == PROCTOR_FSRS_RELEARNING;
        int step = c->step;
        delay = relearn ? step_delay(f->relearning, f->nrelearning, &step, rating)
                        : step_delay(f->learning, f->nlearning, &step, rating);
        if (delay > 0) {
            c->state = relearn ? PROCTOR_FSRS_RELEARNING : PROCTOR_FSRS_LEARNING;
            c->step = step;
        } else {
            c->state = PROCTOR_FSRS_REVIEW;
            c->step = 0;
            out.days = review_days(f, m.stability, elapsed_days, seed);
            delay = (int64_t)out.days * 86400;
        }
        break;
    }
    case PROCTOR_FSRS_REVIEW:
        if (rating == PROCTOR_FSRS_AGAIN) {
            c->lapses++;
            if (f->nrelearning > 0) {
                c->state = PROCTOR_FSRS_RELEARNING;
                c->step = 0;
                delay = f->relearning[0];
            } else {
                out.days = review_days(f, m.stability, elapsed_days, seed);
                delay = (int64_t)out.days * 86400;
            }
        } else {
            /* hard <= good < easy, as ts-fsrs and Anki order them (one fuzz draw for all) */
            struct proctor_fsrs_memory before = {c->stability, c->difficulty}, mm;
            int32_t ivl[5];
            for (int g = PROCTOR_FSRS_HARD; g <= PROCTOR_FSRS_EASY; g++) {
                proctor_fsrs_next(f, &before, elapsed_days, g, &mm);
                ivl[g] = review_days(f, mm.stability, elapsed_days, seed);
            }
            if (ivl[PROCTOR_FSRS_HARD] > ivl[PROCTOR_FSRS_GOOD])
                ivl[PROCTOR_FSRS_HARD] = ivl[PROCTOR_FSRS_GOOD];
            if (ivl[PROCTOR_FSRS_GOOD] < ivl[PROCTOR_FSRS_HARD] + 1)
                ivl[PROCTOR_FSRS_GOOD] = ivl[PROCTOR_FSRS_HARD] + 1;
            if (ivl[PROCTOR_FSRS_EASY] < ivl[PROCTOR_FSRS_GOOD] + 1)
                ivl[PROCTOR_FSRS_EASY] = ivl[PROCTOR_FSRS_GOOD] + 1;
            out.days = ivl[rating];
            if (out.days > f->max_interval)
                out.days = f->max_interval;
            c->step = 0;
            delay = (int64_t)out.days * 86400;
        }
        break;
    default: break;
    }
    c->stability = m.stability;
    c->difficulty = m.difficulty;
    c->reps++;
    c->last_review = now;
    c->due = now + delay;
    out.interval = delay;
    if (o)
        *o = out;
    return 0;
}

const char *
proctor_fsrs_state_name(int state)
{
    switch (state) {
    case PROCTOR_FSRS_NEW: return "new";
    case PROCTOR_FSRS_LEARNING: return "learning";
    case PROCTOR_FSRS_REVIEW: return "review";
    case PROCTOR_FSRS_RELEARNING: return "relearning";
    default: return "?";
    }
}
