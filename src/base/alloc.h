/* The engine's single allocator: every allocation goes through a Lua-style hook. */
#ifndef WISP_BASE_ALLOC_H
#define WISP_BASE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "wisp.h"

struct wisp_allocator {
    wisp_alloc_fn fn;
    void *ud;
};

/* The default hook over malloc/realloc/free. */
void *base_default_alloc(void *ud, void *ptr, size_t old_size, size_t new_size);

/* Allocate n bytes (uninitialised); NULL on failure or n == 0. */
void *base_alloc(const struct wisp_allocator *a, size_t n);
/* Allocate count*size zeroed bytes with overflow check; NULL on failure. */
void *base_calloc(const struct wisp_allocator *a, size_t count, size_t size);
/* Resize; on failure returns NULL and leaves ptr untouched. */
void *base_realloc(const struct wisp_allocator *a, void *ptr, size_t old_size, size_t new_size);
void base_free(const struct wisp_allocator *a, void *ptr, size_t size);
/* Copies a byte string into a new NUL-terminated buffer of len+1 bytes. */
char *base_strndup(const struct wisp_allocator *a, const char *s, size_t len);

/* Grows a dynamic array so that it can hold at least `need` elements of `elem` bytes, doubling.
 * *items/ *cap are updated. Returns 0 on success, -1 on overflow or allocation failure. */
int base_grow(const struct wisp_allocator *a, void **items, size_t *cap, size_t need, size_t elem);

#endif
