/* SPDX-License-Identifier: ISC */
/*
 * jsonpos.h - source positions for cJSON nodes (private to libproctor).
 *
 * cJSON nodes carry no positions. After cJSON has parsed a text, jsonpos_build walks the same
 * text with a small scanner, whose values come in the same pre-order as cJSON's tree, and
 * records each node's offset: for an object member the offset of its key, otherwise of its
 * value. Rule: the index borrows nothing; free it with jsonpos_free.
 */
#ifndef PROCTOR_JSONPOS_H
#define PROCTOR_JSONPOS_H

#include <stddef.h>

#include <cJSON.h>

struct jsonpos_entry {
    const cJSON *node;
    size_t offset;
};

struct jsonpos {
    struct jsonpos_entry *v; /* sorted by node pointer */
    size_t n;
    int full;            /* v covers every node, not only the shallow ones */
    const cJSON *root;   /* for building the full index on demand */
    size_t len;
    size_t *line_starts; /* byte offset of each line's start */
    size_t nlines;
    const char *text;
};

/* Builds the index of root (parsed from text). Returns 0, or -1 on out of memory. */
int jsonpos_build(struct jsonpos *p, const cJSON *root, const char *text, size_t len);
void jsonpos_free(struct jsonpos *p);

/* Line and column (1-based; column counts UTF-8 characters) of a byte offset. */
void jsonpos_linecol(const struct jsonpos *p, size_t offset, long *line, long *col);

/* Line and column of node; 0, 0 when unknown (or out of memory). */
void jsonpos_node(struct jsonpos *p, const cJSON *node, long *line, long *col);

#endif
