/* SPDX-License-Identifier: ISC */
/*
 * verdicts-internal.h - a switch for the tests of proctor_verdicts_settle (private to
 * libproctor and its tests).
 */
#ifndef PROCTOR_VERDICTS_INTERNAL_H
#define PROCTOR_VERDICTS_INTERNAL_H

/*
 * With on 1, settling gives every entry the same grouping hash, so that each step sorts all
 * its entries by its comparison as settling did before the hashes (test-verdicts holds the
 * grouped sort to it); with 2, four hashes in all (many groups under each); 0 (the default)
 * groups by the real hash.
 */
void verify_settle_collide(int on);

#endif
