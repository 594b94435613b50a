/* SPDX-License-Identifier: ISC */
/*
 * test-places.c - the places table (src/places.c) as places_find reads it: every alternative,
 * read from the source's alts[] table, is sorted after the one before (strcmp, what the
 * search by first byte and the binary search rest on), and places_find finds each by its
 * words with its own place and word count; words no place has are not found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../src/places.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

#define WORDS_MAX 8

int
main(void)
{
    FILE *f = fopen(SRCDIR "/src/places.c", "r");
    char line[512], prev[128] = "", words[128];
    size_t n = 0, unsorted = 0, missed = 0;
    int in_table = 0, place;

    CHECK(f != NULL, "src/places.c opens");
    if (!f)
        return harness_done();
    while (fgets(line, sizeof line, f)) {
        char *keys[WORDS_MAX], buf[128];
        size_t nk = 0, len = 0;
        if (strstr(line, "} alts[] = {")) {
            in_table = 1;
            continue;
        }
        if (!in_table)
            continue;
        if (strncmp(line, "};", 2) == 0)
            break;
        if (sscanf(line, " {\"%127[^\"]\", %d}", words, &place) != 2)
            continue;
        n++;
        if (strcmp(prev, words) >= 0 && !unsorted++)
            printf("# '%s' is not after '%s'\n", words, prev);
        snprintf(prev, sizeof prev, "%s", words);
        snprintf(buf, sizeof buf, "%s", words);
        for (char *w = strtok(buf, " "); w && nk < WORDS_MAX; w = strtok(NULL, " "))
            keys[nk++] = w;
        if (places_find((const char *const *)keys, nk, &len) != place || len != nk) {
            if (!missed++)
                printf("# '%s' (%d) is not found as itself\n", words, place);
        }
    }
    fclose(f);
    CHECK(n > 400, "the table reads (%zu alternatives)", n);
    CHECK(unsorted == 0, "every alternative is sorted after the one before (%zu are not)",
          unsorted);
    CHECK(missed == 0, "places_find finds every alternative as itself (%zu missed)", missed);
    {
        static const char *const none[] = {"okafor", "1700", "\xC3\xA9", "zz", "a", "~", "united"};
        size_t found = 0, len;
        for (size_t i = 0; i < sizeof none / sizeof *none; i++)
            found += places_find(&none[i], 1, &len) >= 0;
        CHECK(found == 0, "words no place has are not found (%zu found)", found);
    }
    {
        const char *us[] = {"united", "states", "america", "today"};
        size_t len = 0;
        CHECK(places_find(us, 4, &len) == 187 && len == 3,
              "the longest alternative wins: 'united states america' takes 3 words (%zu)", len);
    }
    return harness_done();
}
