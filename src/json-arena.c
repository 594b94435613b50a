/* SPDX-License-Identifier: ISC */
/* json-arena.c - a bump allocator per thread, and cJSON's allocation hooks through it. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "json-arena.h"

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

struct chunk {
    struct chunk *next;
    size_t size, used; /* bytes of data[] */
    _Alignas(ALIGN) unsigned char data[];
};

struct arena {
    struct chunk *head; /* the chunk allocated from; older ones follow */
    int open;
};

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int key_ok;
static _Thread_local struct arena *current; /* the open scope's arena, or NULL */

/* The free end of the head chunk while a scope is open (json_arena_take bumps it inline; the
 * head's `used` is brought up to date from it before anything else reads it); NULL and 0
 * otherwise. */
_Thread_local unsigned char *json_arena_next;
_Thread_local size_t json_arena_room;

static void
window_save(struct arena *a)
{
    if (a->head && json_arena_next)
        a->head->used = (size_t)(json_arena_next - a->head->data);
}

static void
window_load(struct arena *a)
{
    struct chunk *c = a->head;

    json_arena_next = c ? c->data + c->used : NULL;
    json_arena_room = c ? c->size - c->used : 0;
}

static void
arena_free(struct arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        free(c);
    }
    free(a);
}

static void
thread_done(void *p)
{
    arena_free(p);
}

static int
owned(const struct arena *a, const void *p)
{
    for (const struct chunk *c = a->head; c; c = c->next)
        if ((const unsigned char *)p >= c->data && (const unsigned char *)p < c->data + c->size)
            return 1;
    return 0;
}

static void *
hook_malloc(size_t n)
{
    if (!current)
        return malloc(n);
    return json_arena_take(n); /* cJSON asks for small pieces many times a file */
}

static void
hook_free(void *p)
{
    if (p && current && owned(current, p))
        return; /* taken back at the end of the scope */
    free(p);
}

static void
setup(void)
{
    cJSON_Hooks h = {hook_malloc, hook_free};

    key_ok = pthread_key_create(&key, thread_done) == 0;
    cJSON_InitHooks(&h);
}

int
json_arena_begin(void)
{
    struct arena *a;

    pthread_once(&once, setup);
    if (!key_ok)
        return -1;
    a = pthread_getspecific(key);
    if (!a) {
        if (!(a = calloc(1, sizeof *a)))
            return -1;
        if (pthread_setspecific(key, a) != 0) {
            free(a);
            return -1;
        }
    }
    a->open = 1;
    current = a;
    window_load(a);
    return 0;
}

/* A new chunk for n bytes (rounded already) at the head of a's list, the n bytes taken from
 * it; kept out of json_arena_alloc so that the bump stays a few instructions. */
/* A new chunk for n bytes (rounded already) at the head of a's list, the n bytes taken from
 * it; kept out of json_arena_alloc so that the bump stays a few instructions. */
static __attribute__((noinline)) void *
grow(struct arena *a, size_t n)
{
    struct chunk *c = a->head;
    size_t size = c ? c->size * 2 : CHUNK_MIN;

    while (size < n)
        size *= 2;
    if (!(c = malloc(sizeof *c + size)))
        return NULL;
    window_save(a); /* the old head's use, for the peak at the end */
    c->size = size;
    c->used = n;
    c->next = a->head;
    a->head = c;
    window_load(a);
    return c->data;
}

void *
json_arena_alloc(size_t n)
{
    struct arena *a = current;

    if (!a || n > SIZE_MAX / 2)
        return NULL;
    n = n ? (n + ALIGN - 1) & ~(size_t)(ALIGN - 1) : ALIGN;
    if (n - 1 < json_arena_room) {
        void *p = json_arena_next;
        json_arena_next += n;
        json_arena_room -= n;
        return p;
    }
    return grow(a, n);
}

void
json_arena_end(void)
{
    struct arena *a = current;
    struct chunk *c;

    if (!a)
        return;
    window_save(a);
    /* keep the largest (newest) chunk, big enough for the last scope's peak next time */
    c = a->head;
    if (c) {
        struct chunk *rest = c->next;
        size_t peak = c->used;
        for (struct chunk *r = rest; r; r = r->next)
            peak += r->used;
        while (rest) {
            struct chunk *n = rest->next;
            free(rest);
            rest = n;
        }
        c->next = NULL;
        c->used = 0;
        if (peak > c->size) {
            /* one chunk holding the whole peak, so the next scope allocates once */
            struct chunk *big = malloc(sizeof *big + peak);
            if (big) {
                free(c);
                big->size = peak;
                big->used = 0;
                big->next = NULL;
                c = big;
            }
        }
        a->head = c;
    }
    a->open = 0;
    current = NULL;
    json_arena_next = NULL;
    json_arena_room = 0;
}

void
json_arena_release(void)
{
    struct arena *a;

    if (!key_ok || current)
        return;
    a = pthread_getspecific(key);
    pthread_setspecific(key, NULL);
    arena_free(a);
}
