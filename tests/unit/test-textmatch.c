/* SPDX-License-Identifier: ISC */
/*
 * test-textmatch.c - every rule of short-answer matching (src/textmatch.c, src/names.c,
 * src/tokens.c, src/places.c), each with the answers it accepts and those it refuses, the
 * per-question switches, and the notes for the feedback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/grade.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Splits s at '|' into v (at most 8); returns the count. s is modified. */
static size_t
split(char *s, char **v)
{
    size_t n = 0;

    if (!s || !*s)
        return 0;
    v[n++] = s;
    for (; *s && n < 8; s++)
        if (*s == '|') {
            *s = '\0';
            v[n++] = s + 1;
        }
    return n;
}

struct row {
    const char *accept, *reject;
    int typos;
    unsigned flags;
    const char *given;
    int want;
    const char *why;
};

static int
check_row(const struct row *r, struct proctor_grade_note *note)
{
    char a[512], j[512], *av[8], *jv[8];
    struct proctor_short_rules rules;

    snprintf(a, sizeof a, "%s", r->accept);
    snprintf(j, sizeof j, "%s", r->reject ? r->reject : "");
    rules.accept = av;
    rules.naccept = split(a, av);
    rules.reject = jv;
    rules.nreject = split(j, jv);
    rules.typos = r->typos;
    rules.flags = r->flags;
    return proctor_short_check(&rules, r->given, note);
}

static void
run(const struct row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct proctor_grade_note note;
        CHECK_INT(check_row(&rows[i], &note), rows[i].want, "%s: '%s' %s for '%s'", rows[i].why,
                  rows[i].given, rows[i].want ? "accepted" : "refused", rows[i].accept);
        /* without a note (verify's grade) the check may stop at the first answer found */
        CHECK_INT(check_row(&rows[i], NULL), rows[i].want, "and so without a note");
    }
}

#define NAME PROCTOR_MATCH_NAME

static void
test_text_rules(void)
{
    static const struct row rows[] = {
        /* leading articles and prepositions, trailing brackets */
        {"Somalia", NULL, -1, 0, "in Somalia", 1, "a leading preposition"},
        {"Somalia", NULL, -1, 0, "the Somalia", 1, "a leading article"},
        {"Somalia", NULL, -1, 0, "Somalia (Mogadishu)", 1, "a trailing bracket"},
        {"Operational Support Group", NULL, -1, 0, "Operational Support Group (OSG)", 1,
         "a trailing bracket"},
        {"United Nations Assistance Mission for Rwanda", NULL, -1, 0,
         "United Nations Assistance Mission in Rwanda", 1, "little words swapped"},
        {"Shake Hands with the Devil", NULL, -1, 0, "Shake Hands Devil", 1,
         "little words left out"},
        /* containment */
        {"Arusha", NULL, -1, 0, "the Arusha Peace Accords (1993)", 1, "whole words inside"},
        {"Somalia", NULL, -1, 0, "It was in Somalia, 1993.", 1, "whole words inside"},
        {"Somalia", NULL, -1, 0, "Somaliland", 0, "never part of a word"},
        {"Operational Support Group", NULL, -1, 0, "Support Group", 0, "every word is needed"},
        {"Operational Support Group", NULL, -1, 0, "Operational Group Support", 0,
         "the words in order"},
        /* dotted and spaced acronyms */
        {"UNAMIR", NULL, -1, 0, "U.N.A.M.I.R.", 1, "a dotted acronym"},
        {"RGF", NULL, -1, 0, "R.G.F", 1, "a dotted acronym"},
        {"FAR", NULL, -1, 0, "F A R", 1, "a spaced acronym"},
        {"FAR", NULL, -1, 0, "F-A-R", 1, "an acronym spelled with hyphens"},
        {"FAR", NULL, -1, 0, "f-a-r", 0, "small letters with hyphens are not one word"},
        {"Operational Support Group", NULL, -1, 0, "Operational Support Grp", 1,
         "a usual contraction"},
        {"FAR", NULL, -1, 0, "the F.A.R. (Forces Armées Rwandaises)", 1, "in a longer answer"},
        {"UNAMIR", NULL, -1, 0, "UNOMIR", 0, "an acronym has no typo allowance"},
        {"RGF", NULL, -1, 0, "RPF", 0, "an acronym has no typo allowance"},
        /* typos, per word */
        {"Rwandan Government Forces", NULL, -1, 0, "Rwandan Goverment Forces", 1,
         "one slip in a long word"},
        {"United Nations Assistance Mission for Rwanda", NULL, -1, 0,
         "United Nations Assistance Mission for Uganda", 0, "Uganda is never Rwanda"},
        {"United Nations Assistance Mission for Rwanda", NULL, 2, 0,
         "United Nations Assistance Mission for Uganda", 0, "not even with typos 2"},
        {"Gambia", NULL, -1, 0, "Zambia", 0, "a place is never a slip for another"},
        {"Tunisia", NULL, -1, 0, "Tunesia", 1, "one slip"},
        {"Tunisia", NULL, -1, 0, "Tonesia", 0, "two slips in a 7-letter word"},
        {"Tunisia", NULL, -1, 0, "Tnuisia", 1, "two letters swapped: one slip"},
        {"Interahamwe", NULL, -1, 0, "Interahamvee", 1, "two slips in an 11-letter word"},
        {"Camp", NULL, -1, 0, "Kamp", 0, "none in a short word"},
        {"Somalia", NULL, -1, 0, "Xomalia", 0, "the first letter must be right"},
        {"Somalia", NULL, -1, 0, "oSmalia", 1, "or swapped with the second"},
        {"Resolution 909", NULL, -1, 0, "Resolution 990", 0, "numbers are exact"},
        {"Interahamwe", "Impuzamugambi", -1, 0, "Impuzamugambe", 0,
         "a word of a known wrong answer is not a slip"},
        {"Kigali", NULL, 0, 0, "Kigal", 0, "typos 0"},
        {"Kigali", NULL, 1, 0, "Kigalli", 1, "typos 1"},
        {"Interahamwe", NULL, 1, 0, "Interahamvee", 0, "typos 1 caps a long word"},
        {"Somalia", NULL, -1, 0, "Somalia", 1, "the same word"},
        /* forms of a word */
        {"Arusha Accords", NULL, -1, 0, "Arusha Accord", 1, "a singular"},
        {"Shake Hands with the Devil", NULL, -1, 0, "Shaking Hands with the Devil", 1,
         "an -ing form"},
        {"Canada", NULL, -1, 0, "Canadian", 1, "a people's adjective"},
        {"Canadian", NULL, -1, 0, "from Canada", 1, "a country for its adjective"},
        {"United States", NULL, -1, 0, "American", 1, "a place in two words"},
        {"Three months", NULL, -1, 0, "3 months", 1, "a number and its word"},
        /* shortened words and initials */
        {"Special Representative of the Secretary-General", NULL, -1, 0,
         "Special Rep. of the Secretary-General", 1, "an abbreviation"},
        {"Special Representative of the Secretary-General", NULL, -1, 0,
         "Special Representative of the SG", 1, "initials for two words"},
        {"Special Representative of the Secretary-General", NULL, -1, 0, "SRSG", 0,
         "initials never stand for the whole answer"},
        {"United Nations Assistance Mission for Rwanda", NULL, -1, 0,
         "UN Assistance Mission for Rwanda", 1, "UN for United Nations"},
        {"United Nations Assistance Mission for Rwanda", NULL, -1, 0, "UNAMIR", 0,
         "the acronym is not the name spelled out"},
        {"Tunisia", NULL, -1, 0, "Tun.", 0, "a one-word answer is not abbreviated"},
        {"Rwandan Government Forces", NULL, -1, 0, "Rwandan Govt Forces", 1, "a contraction"},
        /* words joined or split */
        {"Jean-Pierre", NULL, -1, 0, "Jeanpierre", 1, "written as one"},
        {"Camp Kigali", NULL, -1, 0, "Camp-Kigali", 1, "hyphenated"},
        {"Booh-Booh", NULL, -1, 0, "boohbooh", 1, "written as one"},
        /* negation */
        {"Somalia", NULL, -1, 0, "not Somalia", 0, "a negation before it"},
        {"Somalia", NULL, -1, 0, "It wasn't Somalia", 0, "a negation before it"},
        {"Somalia", NULL, -1, 0, "definitely not Somalia.", 0, "a negation before it"},
        {"Somalia", NULL, -1, 0, "Somalia, not Rwanda", 1, "a negation in another clause"},
        {"Somalia", NULL, -1, 0, "not Rwanda but Somalia", 1, "a negation in another clause"},
        {"Somalia", NULL, -1, 0, "Somalia? No, Rwanda", 0, "taken back"},
        {"Somalia", NULL, -1, 0, "no doubt Somalia", 1, "'no doubt' is no negation"},
        /* alternatives */
        {"Somalia", NULL, -1, 0, "Somalia or Rwanda", 0, "hedging with two candidates"},
        {"Somalia", NULL, -1, 0, "Somalia/Sudan", 0, "hedging with a slash"},
        {"Somalia", NULL, -1, 0, "either Somalia or Ethiopia", 0, "hedging"},
        {"Interahamwe", NULL, -1, 0, "Interahamwe or Impuzamugambi", 0, "hedging"},
        {"Arusha Accords|Arusha Peace Agreement", NULL, -1, 0,
         "Arusha Accords or Arusha Peace Agreement", 1, "every alternative accepted"},
        {"Somalia", NULL, -1, 0, "Somalia or so", 1, "'or so' offers no other"},
        /* known wrong answers */
        {"Interahamwe", "Impuzamugambi", -1, 0, "Interahamwe and Impuzamugambi", 0,
         "a known wrong answer beside it"},
        {"Interahamwe", "Impuzamugambi", -1, 0, "Interahamwe (not Impuzamugambi)", 1,
         "a known wrong answer negated"},
        {"Camp Kigali", "Kigali", -1, 0, "Camp Kigali", 1, "a wrong answer inside the right one"},
        {"Camp Kigali", "Kigali", -1, 0, "Kigali", 0, "the wrong answer alone"},
        {"Interahamwe", "Impuzamugambi", -1, 0, "Impuzamugambi", 0, "the wrong answer alone"},
        /* another country beside a country */
        {"Somalia", NULL, -1, 0, "Somalia and Rwanda", 0, "another country, 'and'"},
        {"Somalia", NULL, -1, 0, "Somalia, Rwanda", 0, "another country, a comma"},
        {"United Nations Assistance Mission for Rwanda", NULL, -1, 0,
         "United Nations Assistance Mission for Rwanda and Uganda", 0, "another country"},
        {"Canadian", NULL, -1, 0, "French Canadian", 1, "an adjective, not a list"},
        {"Canadian", NULL, -1, 0, "Canadian or French", 0, "hedging"},
        {"Somalia", NULL, -1, 0, "Somalia? Maybe Sudan", 0, "a hedge before another country"},
        {"Somalia", NULL, -1, 0, "Somalia, or perhaps Sudan", 0, "a hedge before another"},
        {"Somalia", NULL, -1, 0, "Probably Somalia, near Ethiopia", 1,
         "a hedge before the answer itself"},
        {"Arusha Accords", NULL, -1, 0, "the Arusha Accords, signed in Tanzania", 1,
         "a country in passing"},
        /* wildcards */
        {"*Dallaire", NULL, -1, 0, "General Roméo Dallaire", 1, "a wildcard"},
        {"*Dallaire", NULL, -1, 0, "not Dallaire", 0, "a wildcard, negated"},
        /* case, accents, containment switches */
        {"FAR", NULL, -1, PROCTOR_MATCH_CASE, "far", 0, "case_sensitive"},
        {"FAR", NULL, -1, PROCTOR_MATCH_CASE, "FAR", 1, "case_sensitive"},
        {"FAR", NULL, -1, 0, "far", 1, "case folded by default"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_CASE, "somalia", 0,
         "case_sensitive: a country's name in lower case (not 'another form' of the place)"},
        {"Somalia", NULL, 1, PROCTOR_MATCH_CASE, "SOmalia", 0,
         "case_sensitive: a slip of case is not a typo"},
        {"Kigali Camp", NULL, 2, PROCTOR_MATCH_CASE, "Kigali camp", 0,
         "case_sensitive: one word's case in a longer answer"},
        {"Somalia", NULL, 1, PROCTOR_MATCH_CASE, "Somalai", 1,
         "case_sensitive: a typo that keeps the case is still forgiven"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_CASE, "in Somalia", 1,
         "case_sensitive: containment is unchanged"},
        {"Somalia", NULL, -1, 0, "somalia", 1, "case folded by default: a place"},
        {"Roméo", NULL, 0, PROCTOR_MATCH_ACCENTS, "Romeo", 0, "accents_required"},
        {"Roméo", NULL, 0, PROCTOR_MATCH_ACCENTS, "Rome\xcc\x81o", 1,
         "accents_required: a decomposed accent is the same"},
        {"Roméo", NULL, 0, 0, "ROMEO", 1, "accents folded by default"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_WHOLE, "in Somalia", 0,
         "containment off: a leading preposition is more than the answer (as in Moodle)"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_WHOLE, "Somalia too", 0,
         "containment off: a word after it"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_WHOLE, "somalia", 1, "containment off: the answer"},
        {"The Hague", NULL, -1, PROCTOR_MATCH_WHOLE, "the Hague", 1,
         "containment off: the accepted answer's own little word"},
        {"The Hague", NULL, -1, PROCTOR_MATCH_WHOLE, "in the Hague", 0,
         "containment off: one little word more than the accepted answer has"},
        {"Frog", "Frogs", 0, PROCTOR_MATCH_WHOLE, "frog", 1,
         "a known wrong answer that is another form of the accepted one: the accepted form"},
        {"Frog", "Frogs", 0, PROCTOR_MATCH_WHOLE, "Frogs", 0,
         "a known wrong answer that is another form of the accepted one: the wrong form"},
        {"Frog", "Frogs", -1, 0, "a frog", 1, "a wrong form known, containment on: the right one"},
        {"United Nations Assistance Mission for Rwanda", NULL, -1, PROCTOR_MATCH_WHOLE,
         "United Nations Assistance Mission in Rwanda", 1,
         "containment off: a little word swapped inside the answer"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_WHOLE, "Somalia (Mogadishu)", 1,
         "containment off: a trailing bracket"},
        {"Somalia", NULL, -1, PROCTOR_MATCH_WHOLE, "It was Somalia", 0,
         "containment off: more words"},
        /* bad input */
        {"Somalia", NULL, -1, 0, "Som\xffu", 0, "invalid UTF-8"},
        {"Somalia", NULL, -1, 0, "", 0, "empty"},
        {"Somalia", NULL, -1, 0, "!?", 0, "no words"},
    };

    run(rows, N(rows));
}

static void
test_name_rules(void)
{
    static const struct row rows[] = {
        {"Juvénal Habyarimana", NULL, -1, NAME, "Habyarimana", 1, "the surname alone"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "President Habyarimana", 1, "a title"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Pres. Habyarimana", 1, "a short title"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Juvenal Habyarimana", 1, "the full name"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "J. Habyarimana", 1, "an initial"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Habyarimana, Juvénal", 1, "surname first"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Habarimana", 1, "a slip in a long surname"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Agathe Habyarimana", 0,
         "another first name: another person"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "agathe habyarimana", 0,
         "another first name, in small letters"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Kagame", 0, "another person's surname"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "Habyarimana or Kagame", 0, "hedging"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "not Habyarimana", 0, "a negation"},
        {"Juvénal Habyarimana", NULL, -1, NAME, "the late President Juvénal Habyarimana", 1,
         "words of office before the name"},
        {"Timothy E. Wirth", NULL, -1, NAME, "Tim Wirth", 1, "a short first name"},
        {"Timothy E. Wirth", NULL, -1, NAME, "Under Secretary Wirth", 1, "an office"},
        {"Timothy E. Wirth", NULL, -1, NAME, "U/S Wirth", 1, "an abbreviated office"},
        {"Timothy E. Wirth", NULL, -1, NAME, "Worth", 0, "no slip in a short surname"},
        {"Timothy E. Wirth", NULL, -1, NAME, "John Wirth", 0, "another first name"},
        {"William Jefferson Clinton", NULL, -1, NAME, "Bill Clinton", 1, "a usual short form"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "J.-R. Booh-Booh", 1, "joined initials"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "Booh Booh", 1, "the surname spaced"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "Booh-Boo", 1, "a slip in the surname"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "Booh", 0, "half the surname"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "Dallaire and Booh-Booh", 0,
         "another person beside"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "Booh-Booh? no, Dallaire", 0, "taken back"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "the Cameroonian diplomat Booh-Booh", 1,
         "a description before"},
        {"Jacques-Roger Booh-Booh", NULL, -1, NAME, "Booh-Booh (from Cameroon)", 1,
         "a bracket after"},
        {"Charles de Gaulle", NULL, -1, NAME, "de Gaulle", 1, "a surname with a particle"},
        {"Charles de Gaulle", NULL, -1, NAME, "Gaulle", 0, "the particle is part of it"},
        {"Habyarimana, Juvénal", NULL, -1, NAME, "Juvénal Habyarimana", 1,
         "the accepted answer written surname first"},
    };

    run(rows, N(rows));
}

static void
test_notes(void)
{
    static const struct row typo = {"Juvénal Habyarimana", NULL, -1, NAME, "Habarimana", 1,
                                    "note"};
    static const struct row form = {"Shake Hands with the Devil", NULL, -1, 0,
                                    "Shaking Hands with the Devil", 1, "note"};
    static const struct row text = {"Special Representative of the Secretary-General", NULL, -1,
                                    0, "Special Represntative of the Secretary-Generl", 1, "note"};
    static const struct row plain = {"Somalia", NULL, -1, 0, "in Somalia", 1, "note"};
    struct proctor_grade_note note;

    check_row(&typo, &note);
    CHECK(note.flags == PROCTOR_NOTE_TYPO, "a slip is noted as a typo");
    CHECK_STR(note.wrote, "Habarimana", "the note says what was typed");
    CHECK_STR(note.expected, "Habyarimana", "and how the answer spells it");
    check_row(&form, &note);
    CHECK(note.flags == PROCTOR_NOTE_FORM, "another form is noted");
    CHECK_STR(note.wrote, "Shaking", "the form typed");
    CHECK_STR(note.expected, "Shake", "the form of the answer");
    check_row(&text, &note);
    CHECK_STR(note.wrote, "Represntative, Generl", "every word with a slip, in order");
    CHECK_STR(note.expected, "Representative, General", "each as the answer spells it");
    check_row(&plain, &note);
    CHECK(note.flags == 0 && note.wrote[0] == '\0', "no note for an answer as written");
    CHECK_INT(proctor_short_check(NULL, "x", &note), 0, "no rules: refused");
}

/* Typed answers to whole questions: the grading module reads them alike in the runner and
 * in verify, and notes what it accepted. */
static void
test_question(void)
{
    static char *accept[] = {(char *)"Juvénal Habyarimana"};
    struct proctor_question q;
    struct proctor_response r;
    struct proctor_grade_note note;

    memset(&q, 0, sizeof q);
    q.id = (char *)"q";
    q.type = PROCTOR_SHORT;
    q.points = 1000;
    q.accept = accept;
    q.naccept = 1;
    q.typos = -1;
    q.match = PROCTOR_MATCH_NAME;
    memset(&r, 0, sizeof r);
    r.answered = 1;
    r.text = (char *)"Pres. Habarimana";
    CHECK_INT(proctor_grade_noted(&q, &r, &note), 1000, "a name question grades a title and a slip");
    CHECK(note.flags & PROCTOR_NOTE_TYPO, "and notes the slip");
    r.text = (char *)"Agathe Habyarimana";
    CHECK_INT(proctor_grade_noted(&q, &r, &note), 0, "another person earns nothing");
    CHECK(note.flags == 0, "and no note");
}

/* What normalize's ASCII shortcut (src/textmatch.c) rests on: utf8proc's mapping, with the
 * flags normalize gives it, turns an ASCII text into the same text with A-Z folded to a-z,
 * character by character; checked for every ASCII character alone and for every pair. */
static void
ascii_map_is_case_fold(void)
{
    size_t bad = 0;

    for (int a = 1; a < 128; a++)
        for (int b = 0; b < 128; b++) {
            char s[3] = {(char)a, (char)b, 0}, want[3];
            utf8proc_uint8_t *m = NULL;
            for (int i = 0; i < 3; i++)
                want[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
            if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                             UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                 UTF8PROC_IGNORE) < 0 ||
                strcmp((const char *)m, want) != 0)
                bad++;
            free(m);
        }
    CHECK(bad == 0, "utf8proc maps ASCII as A-Z to a-z alone (%zu of 16 256 texts differ)", bad);
    {
        char *n = proctor_normalize("  The U.N.  Mission, 1,700 MEN!");
        CHECK_STR(n, "the u n mission 1700 men", "an ASCII text normalises as before");
        free(n);
    }
    {
        /* longer than normalize keeps on the stack */
        char in[6 * 60 + 1], want[5 * 60];
        char *n;
        for (int i = 0; i < 60; i++) {
            memcpy(in + 6 * i, "WORD, ", 6);
            memcpy(want + 5 * i, "word ", 5);
        }
        in[6 * 60] = '\0';
        want[5 * 60 - 1] = '\0';
        n = proctor_normalize(in);
        CHECK_STR(n, want, "a long ASCII text normalises as a short one");
        free(n);
    }
}

/* What normalize's ASCII word and group tests (is_word_cp, is_group_sep_cp in
 * src/textmatch.c) rest on: among ASCII characters utf8proc counts exactly the letters and
 * digits as letters, marks or numbers, and only ' ' as a space separator. */
static void
ascii_classes(void)
{
    size_t bad = 0;

    for (int c = 0; c < 128; c++) {
        utf8proc_category_t cat = utf8proc_category(c);
        int word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) != word ||
            (cat == UTF8PROC_CATEGORY_ZS) != (c == ' '))
            bad++;
    }
    CHECK(bad == 0, "utf8proc's classes of ASCII characters are the ones normalize assumes (%zu "
                    "differ)",
          bad);
}

int
main(void)
{
    ascii_map_is_case_fold();
    ascii_classes();
    test_text_rules();
    test_name_rules();
    test_notes();
    test_question();
    return harness_done();
}
