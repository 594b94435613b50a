/* SPDX-License-Identifier: ISC */
/*
 * json-arena.h - per-thread scratch memory for work repeated file after file (verify's
 * reading of each result): one bump allocator a thread reuses, from which cJSON takes its
 * nodes while a scope is open, so that a file costs no malloc or free (private to libproctor).
 *
 * Rule: json_arena_begin opens a scope on the calling thread and json_arena_end closes it,
 * taking back everything allocated in it at once: nothing allocated inside (by
 * json_arena_alloc, or a cJSON tree built inside) may be used or freed after the end;
 * cJSON_Delete inside the scope is allowed and frees nothing. Memory malloc'd outside a
 * scope and freed by cJSON inside it goes back to free(). Scopes do not nest. A thread's
 * arena lives until the thread ends (json_arena_release frees the calling thread's sooner).
 */
#ifndef PROCTOR_JSON_ARENA_H
#define PROCTOR_JSON_ARENA_H

#include <stddef.h>
#include <stdint.h>

/* Opens the calling thread's scope; -1 when memory for the arena cannot be had (the caller
 * then works without one: every allocation goes to malloc as usual). */
int json_arena_begin(void);

/* n bytes (aligned for any type) from the open scope; NULL when out of memory or no scope
 * is open. */
void *json_arena_alloc(size_t n);

/* The inline bump of json_arena_alloc (verify takes a few hundred pieces a file): the free
 * end of the open scope's current chunk, and the bytes left in it (0 when no scope is
 * open). Only json-arena.c changes them. */
extern _Thread_local unsigned char *json_arena_next;
extern _Thread_local size_t json_arena_room;

/* json_arena_alloc, its common case inline. */
static inline void *
json_arena_take(size_t n)
{
    size_t r = (n + 15) & ~(size_t)15; /* ALIGN */

    if (n <= SIZE_MAX / 2 && r - 1 < json_arena_room) {
        void *p = json_arena_next;
        json_arena_next += r;
        json_arena_room -= r;
        return p;
    }
    return json_arena_alloc(n);
}

/* Closes the scope: everything allocated in it is taken back (the memory is kept for the
 * next scope of this thread). */
void json_arena_end(void);

/* Frees the calling thread's arena (outside a scope). */
void json_arena_release(void);

#endif
