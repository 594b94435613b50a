/* SPDX-License-Identifier: ISC */
/* names.c - people's names as answers (see names.h). */
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "tokens.h"

#define GIVEN_MAX 8
#define SURNAME_BYTES 128

/* A person as an accepted answer writes them. */
struct person {
    const struct words *e;  /* the accepted answer */
    size_t s0, s1;          /* its surname: tokens [s0, s1) */
    size_t given[GIVEN_MAX];
    size_t ngiven;
    char surname[SURNAME_BYTES];
    size_t letters;
};

int
names_is_title(const char *key)
{
    static const char *const titles[] = {
        "mr", "mrs", "ms", "miss", "mister", "madam", "madame", "mme", "mlle", "monsieur",
        "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady", "president",
        "pres", "vice", "prime", "minister", "pm", "general", "gen", "lieutenant", "lt",
        "lieut", "major", "maj", "mgen", "bgen", "ltgen", "lgen", "colonel", "col",
        "brigadier", "brig", "captain", "capt", "commander", "cmdr", "cdr", "admiral", "adm",
        "sergeant", "sgt", "ambassador", "amb", "secretary", "sec", "undersecretary", "under",
        "assistant", "asst", "deputy", "special", "representative", "rep", "srsg", "senator",
        "sen", "congressman", "congresswoman", "governor", "gov", "king", "queen", "prince",
        "princess", "mayor", "judge", "justice", "father", "fr", "reverend", "rev", "bishop",
        "archbishop", "excellency", "hon", "honourable", "honorable", "chief", "head",
        "force", "fc", "envoy", "us", "as", "late", "former", "then", "current", "diplomat",
        "politician", "official", "leader", "statesman", "state", "foreign", "chairman",
        "chair", "director", "herr", "frau", NULL};

    for (size_t i = 0; titles[i]; i++)
        if (strcmp(titles[i], key) == 0)
            return 1;
    return 0;
}

/* Words that join a surname: "de Gaulle", "van der Berg". */
static int
is_particle(const char *key)
{
    static const char *const p[] = {"de", "del", "della", "di", "da", "du", "des", "van",
                                    "von", "der", "den", "ter", "le", "la", "bin", "ibn",
                                    "al", "el", "ben", "dos", "das", "do", NULL};

    for (size_t i = 0; p[i]; i++)
        if (strcmp(p[i], key) == 0)
            return 1;
    return 0;
}

/* Tokens [a, b) of w glued into one string of letters ("boohbooh"); 0 when they are not
 * letters side by side. */
static int
glue(const struct words *w, size_t a, size_t b, char *buf, size_t size, size_t *letters)
{
    size_t len = 0;

    *letters = 0;
    for (size_t x = a; x < b; x++) {
        const struct token *t = &w->tk.t[x];
        if ((t->flags & TOK_NUMBER) || t->letters == 0 || len + t->len + 1 > size)
            return 0;
        if (x > a && (t->sep & ~(unsigned)(SEP_SPACE | SEP_HYPHEN)))
            return 0;
        memcpy(buf + len, t->w, t->len);
        len += t->len;
        *letters += t->letters;
    }
    buf[len] = '\0';
    return len > 0;
}

/* "Juvénal Habyarimana", "Habyarimana, Juvénal", "Jacques-Roger Booh-Booh", "Mr Wirth". */
static int
person_read(const struct words *e, struct person *p)
{
    const struct tokens *tk = &e->tk;
    size_t n = tk->n, comma = 0, x;

    memset(p, 0, sizeof *p);
    p->e = e;
    if (n == 0)
        return -1;
    for (x = 1; x < n && !comma; x++)
        if (tk->t[x].sep & SEP_COMMA)
            comma = x;
    if (comma) {
        p->s0 = 0;
        p->s1 = comma;
        for (x = comma; x < n; x++)
            if (!names_is_title(tk->t[x].key) && !tokens_is_stop(tk->t[x].key) &&
                p->ngiven < GIVEN_MAX)
                p->given[p->ngiven++] = x;
    } else {
        p->s1 = n;
        p->s0 = n - 1;
        while (p->s0 > 0 && (tk->t[p->s0].sep & SEP_HYPHEN))
            p->s0--;
        while (p->s0 > 0 && is_particle(tk->t[p->s0 - 1].key))
            p->s0--;
        for (x = 0; x < p->s0; x++)
            if (!names_is_title(tk->t[x].key) && !tokens_is_stop(tk->t[x].key) &&
                p->ngiven < GIVEN_MAX)
                p->given[p->ngiven++] = x;
    }
    return glue(e, p->s0, p->s1, p->surname, sizeof p->surname, &p->letters) ? 0 : -1;
}

/* Short forms of first names that do not begin the full one. */
static int
nickname(const char *a, const char *b)
{
    static const char *const pairs[][2] = {
        {"bill", "william"},   {"billy", "william"},   {"bob", "robert"},
        {"bobby", "robert"},   {"dick", "richard"},    {"rick", "richard"},
        {"ted", "edward"},     {"ned", "edward"},      {"jack", "john"},
        {"johnny", "john"},    {"jim", "james"},       {"jimmy", "james"},
        {"tony", "anthony"},   {"peggy", "margaret"},  {"maggie", "margaret"},
        {"liz", "elizabeth"},  {"beth", "elizabeth"},  {"betty", "elizabeth"},
        {"sue", "susan"},      {"kate", "katherine"},  {"kate", "catherine"},
        {"larry", "lawrence"}, {"harry", "henry"},     {"hank", "henry"},
        {"chuck", "charles"},  {"charlie", "charles"}, {"jerry", "gerald"},
        {"sandy", "alexander"}, {"sasha", "alexander"}, {"nick", "nicholas"},
        {"andy", "andrew"},    {"mike", "michael"},    {"tom", "thomas"},
        {"joe", "joseph"},     {"chris", "christopher"}, {"steve", "stephen"},
        {"steve", "steven"},   {"al", "albert"},       {"al", "alfred"}};

    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if ((!strcmp(a, pairs[i][0]) && !strcmp(b, pairs[i][1])) ||
            (!strcmp(b, pairs[i][0]) && !strcmp(a, pairs[i][1])))
            return 1;
    return 0;
}

/* Whether typed word g fits one of p's first names: the name, its initial, its start
 * ("Tim" for "Timothy"), a usual short form ("Bill" for "William"), a slip in it; or, typed
 * as joined initials ("J.-R."), the initials of its first names in order. */
static int
given_fits(const struct matchctx *M, const struct person *p, const struct token *g,
           int *edits)
{
    const struct tokens *tk = &p->e->tk;

    *edits = 0;
    if (g->flags & TOK_NUMBER)
        return 0;
    if (g->flags & TOK_ACRONYM) {
        size_t k = 0;
        for (size_t x = 0; x < p->ngiven && k < g->letters; x++)
            if (tk->t[p->given[x]].key[0] == g->key[k])
                k++;
        return k == g->letters;
    }
    for (size_t x = 0; x < p->ngiven; x++) {
        const struct token *f = &tk->t[p->given[x]];
        size_t gl = strlen(g->key), fl = strlen(f->key);
        if (!strcmp(g->w, f->w) || (g->letters == 1 && g->key[0] == f->key[0]))
            return 1;
        if (g->letters >= 3 && ((gl <= fl && !strncmp(f->key, g->key, gl)) ||
                                (fl <= gl && fl >= 3 && !strncmp(g->key, f->key, fl))))
            return 1;
        if (nickname(g->key, f->key))
            return 1;
        if (textmatch_within(f->w, g->w, textmatch_allowance(M, f->letters, 0), edits))
            return 1;
    }
    return 0;
}

/* Whether a typed word looks like part of a person's name. */
static int
name_like(const struct token *t, int uniform)
{
    const char *k = t->key;

    if ((t->flags & TOK_NUMBER) || t->letters < 2 || tokens_is_stop(k) ||
        tokens_is_filler(k) || tokens_is_negation(k) || tokens_is_or(k) ||
        names_is_title(k) || t->place >= 0)
        return 0;
    if (uniform)
        return 1;
    return (t->flags & TOK_CAPITAL) && !(t->flags & (TOK_UPPER | TOK_ACRONYM));
}

/* One place in G where person p is named. */
struct hit {
    size_t ws, we;
    long cost;
    unsigned note;
    char wrote[PROCTOR_NOTE_TEXT_MAX], expected[PROCTOR_NOTE_TEXT_MAX];
};

static void
hit_note(struct hit *h, const struct words *G, size_t gs, size_t ge, const struct words *e,
         size_t es, size_t ee)
{
    h->note |= PROCTOR_NOTE_TYPO;
    textmatch_note_add(h->wrote, sizeof h->wrote, G->text, G->tk.t[gs].start,
                       G->tk.t[ge - 1].end);
    textmatch_note_add(h->expected, sizeof h->expected, e->text, e->tk.t[es].start,
                       e->tk.t[ee - 1].end);
}

/*
 * Person p named at tokens [j, j + k) of G (the surname), with what stands before it
 * (titles, first names, initials) and after it ("Habyarimana, Juvénal"). 0 when the words
 * there are not p's surname, or a first name before it is another person's.
 */
static int
hit_at(const struct matchctx *M, const struct person *p, const struct words *G, size_t j,
       size_t k, size_t tlo, size_t thi, struct hit *h)
{
    char buf[SURNAME_BYTES];
    size_t letters, t;
    int edits = 0, uniform = tokens_uniform_case(&G->tk);

    memset(h, 0, sizeof *h);
    if (j + k > thi || !glue(G, j, j + k, buf, sizeof buf, &letters))
        return 0;
    if (strcmp(buf, p->surname) != 0) {
        if ((k == 1 && G->tk.t[j].place >= 0) ||
            !textmatch_within(p->surname, buf, textmatch_allowance(M, p->letters, 1), &edits))
            return 0;
        hit_note(h, G, j, j + k, p->e, p->s0, p->s1);
    }
    h->ws = j;
    h->we = j + k;
    h->cost = 100L * edits;
    /* before: titles, first names, initials */
    for (t = j; t > tlo && !tokens_break_before(&G->tk, t); t--) {
        const struct token *b = &G->tk.t[t - 1];
        int e = 0;
        if (names_is_title(b->key)) {
            h->ws = t - 1;
            continue;
        }
        if (b->place >= 0)
            continue;
        if (p->ngiven > 0 && given_fits(M, p, b, &e)) {
            h->ws = t - 1;
            if (e) {
                h->cost += 100L * e;
                hit_note(h, G, t - 1, t, p->e, p->given[0], p->given[p->ngiven - 1] + 1);
            }
            continue;
        }
        if (p->ngiven > 0 && name_like(b, uniform))
            return 0; /* "Agathe Habyarimana": someone else */
        break;
    }
    /* after, in the same clause or after a comma: first names ("Habyarimana, Juvénal") */
    if (p->ngiven > 0 && h->we < thi && !(G->tk.t[h->we].sep & ~(unsigned)(SEP_SPACE | SEP_COMMA))) {
        size_t end = h->we;
        int all = 1, e;
        for (t = h->we; t < thi && (t == h->we || !tokens_break_before(&G->tk, t)); t++) {
            if (!given_fits(M, p, &G->tk.t[t], &e)) {
                all = 0;
                break;
            }
            end = t + 1;
        }
        if (all && end > h->we)
            h->we = end;
    }
    return 1;
}

struct names_ctx {
    const struct matchctx *M;
    const struct person *people;
    size_t n;
};

/* The closest place in tokens [tlo, thi) of G where one of the people is named. */
static int
find_hit(const struct matchctx *M, const struct person *people, size_t n, const struct words *G,
         size_t tlo, size_t thi, struct hit *best)
{
    struct hit h;
    int found = 0;

    best->cost = (long)1 << 40;
    for (size_t i = 0; i < n; i++) {
        if (!people[i].e)
            continue;
        for (size_t j = tlo; j < thi; j++)
            for (size_t k = 1; k <= 3; k++)
                if (hit_at(M, &people[i], G, j, k, tlo, thi, &h) && h.cost < best->cost) {
                    *best = h;
                    found = 1;
                }
    }
    return found;
}

static int
names_fits(void *ctx, const struct words *G, size_t clo, size_t chi)
{
    const struct names_ctx *N = ctx;
    struct hit h;

    return chi > clo &&
           find_hit(N->M, N->people, N->n, G, G->c[clo], G->c[chi - 1] + 1, &h);
}

/* Another person's name joined to the one found: "Dallaire and Booh-Booh". */
static int
other_person_beside(const struct words *G, size_t ws, size_t we)
{
    int uniform = tokens_uniform_case(&G->tk);

    for (size_t x = 0; x < G->n; x++) {
        size_t t = G->c[x];
        if (t >= ws && t < we)
            continue;
        if (name_like(&G->tk.t[t], uniform) && textmatch_joined_name(G, ws, we, t))
            return 1;
    }
    return 0;
}

int
names_check(const struct matchctx *M, char *const *accept, const struct words *acc, size_t n,
            const struct words *G, struct proctor_grade_note *note)
{
    struct person people[16];
    struct names_ctx N;
    struct hit h;
    size_t np = 0, from = 0;

    (void)accept;
    for (size_t i = 0; i < n && np < 16; i++)
        if (acc[i].tk.n > 0 && person_read(&acc[i], &people[np]) == 0)
            np++;
    N = (struct names_ctx){M, people, np};
    /* each place a person is named, closest first: the first not refused counts */
    while (from < G->tk.n && find_hit(M, people, np, G, from, G->tk.n, &h)) {
        if (!textmatch_refused(M, G, h.ws, h.we, 1, names_fits, &N) &&
            !other_person_beside(G, h.ws, h.we)) {
            if (note) {
                note->flags |= h.note;
                snprintf(note->wrote, sizeof note->wrote, "%s", h.wrote);
                snprintf(note->expected, sizeof note->expected, "%s", h.expected);
            }
            return 1;
        }
        from = h.we;
    }
    return 0;
}
