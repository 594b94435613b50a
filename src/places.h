/* SPDX-License-Identifier: ISC */
/*
 * places.h - the countries proctor knows, with their other names and their people's
 * adjective ("Canada", "Canadian"), for matching answers (private to libproctor).
 *
 * A place is never taken for another by a typo allowance ("Zambia" is not a slip for
 * "Gambia"), its adjective is accepted for its name ("Canadian" for "Canada"), and another
 * place listed beside an accepted one ("Somalia and Rwanda") is a second candidate.
 */
#ifndef PROCTOR_PLACES_H
#define PROCTOR_PLACES_H

#include <stddef.h>

/*
 * The place named by the words keys[0..n) from the first: the longest name, other name or
 * adjective of a place that they begin with (words as tokens' keys, without "the", "of" and
 * the like: "democratic republic congo"). Returns the place's number and sets *len to the
 * words it takes; -1 when they name no place.
 */
int places_find(const char *const *keys, size_t n, size_t *len);

/* Whether the place is a country (not a continent or region, which never compete). */
int places_is_country(int place);

#endif
