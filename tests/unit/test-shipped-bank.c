/* SPDX-License-Identifier: ISC */
/*
 * test-shipped-bank.c - the answers the bank review (docs/COURSE.md) found graded wrongly in
 * the shipped bank: natural right answers accepted, near misses naming something else refused.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "proctor/bank.h"
#include "proctor/grade.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static const struct proctor_bank *bank;

/* Whether answer typed to question id earns full points. */
static int
accepted(const char *id, const char *answer)
{
    const struct proctor_question *q = proctor_bank_find(bank, id);
    struct proctor_response r;
    struct proctor_error err;
    int full;

    if (!q)
        return -1;
    memset(&r, 0, sizeof r);
    if (proctor_response_parse(q, NULL, answer, &r, &err) < 0)
        return -1;
    full = proctor_grade(q, &r) == proctor_grade_max(q);
    proctor_response_release(&r);
    return full;
}

struct probe {
    const char *id, *answer;
    int want;
};

int
main(void)
{
    static const struct probe probes[] = {
        /* unamir-acronym: one typo, the natural long forms, and no other country */
        {"unamir-acronym", "United Nations Assistance Mission in Rwanda", 1},
        {"unamir-acronym", "The United Nations Assistance Mission for Rwanda", 1},
        {"unamir-acronym", "UN Assistance Mission in Rwanda", 1},
        {"unamir-acronym", "United Nations Assistant Mission for Rwanda", 1},
        {"unamir-acronym", "United Nations Assistance Mission for Uganda", 0},
        {"unamir-acronym", "UN Assistance Mission for Uganda", 0},
        {"unamir-acronym", "United Nations Observer Mission Uganda-Rwanda", 0},
        /* fax-weapons-source: typos in the spelled-out forms, not the RPF */
        {"fax-weapons-source", "Rwandan Goverment Forces", 1},
        {"fax-weapons-source", "Rwandese Government Force", 1},
        {"fax-weapons-source", "R.G.F.", 1},
        {"fax-weapons-source", "RGF (Rwandese Government Forces)", 1},
        {"fax-weapons-source", "RPF", 0},
        {"fax-weapons-source", "Rwandan Patriotic Front", 0},
        /* fax-srsg-term */
        {"fax-srsg-term", "Special Representative of the Secretary General of the United Nations", 1},
        {"fax-srsg-term", "Secretary-General's Special Representative", 1},
        {"fax-srsg-term", "Special Rep. of the Secretary-General", 1},
        {"fax-srsg-term", "Special Rapporteur", 0},
        /* wd-somalia, osg-wirth, osg-name */
        {"wd-somalia", "in Somalia", 1},
        {"wd-somalia", "Mogadishu, Somalia", 1},
        {"wd-somalia", "Somalia (Mogadishu)", 1},
        {"wd-somalia", "Sudan", 0},
        {"osg-wirth", "Mr. Wirth", 1},
        {"osg-wirth", "Tim Wirth", 1},
        {"osg-wirth", "Christopher", 0},
        {"osg-name", "the Operational Support Group", 1},
        {"osg-name", "Operational Support Group (OSG)", 1},
        {"osg-name", "Organisation Support Group", 0},
        /* unamir-400 asks for the summary's figure: 400 give or take 20 */
        {"unamir-400", "400", 1},
        {"unamir-400", "420", 1},
        {"unamir-400", "450", 0},
    };
    struct proctor_bank *b = NULL;
    struct proctor_error err;

    CHECK(proctor_bank_load_flags(SRCDIR "/questions", NULL, PROCTOR_BANK_NO_DIGEST, NULL, NULL,
                                  &b, &err) == 0 && b,
          "the shipped bank loads");
    if (!b)
        return harness_done();
    bank = b;
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++)
        CHECK(accepted(probes[i].id, probes[i].answer) == probes[i].want, "%s: '%s' %s",
              probes[i].id, probes[i].answer, probes[i].want ? "accepted" : "refused");
    proctor_bank_free(b);
    return harness_done();
}
