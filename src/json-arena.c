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
    struct chunk *c;

    if (!current)
        return malloc(n);
    if (n > SIZE_MAX / 2)
        return NULL;
    /* the bump itself, inline: cJSON asks for small pieces many times a file */
    c = current->head;
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (c && c->size - c->used >= n) {
        void *p = c->data + c->used;
        c->used += n;
        return p;
    }
    return json_arena_alloc(n);
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
    return 0;
}

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
    c->size = size;
    c->used = n;
    c->next = a->head;
    a->head = c;
    return c->data;
}

void *
json_arena_alloc(size_t n)
{
    struct arena *a = current;
    struct chunk *c;

    if (!a || n > SIZE_MAX / 2)
        return NULL;
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    c = a->head;
    if (c && c->size - c->used >= n) {
        void *p = c->data + c->used;
        c->used += n;
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
