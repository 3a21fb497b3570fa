/* Allocation helpers over the engine's allocator hook. */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

void *base_default_alloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
    (void)ud;
    (void)old_size;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, new_size);
}

void *base_alloc(const struct wisp_allocator *a, size_t n) {
    if (n == 0) return NULL;
    return a->fn(a->ud, NULL, 0, n);
}

void *base_calloc(const struct wisp_allocator *a, size_t count, size_t size) {
    if (count == 0 || size == 0) return NULL;
    if (count > SIZE_MAX / size) return NULL;
    void *p = a->fn(a->ud, NULL, 0, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void *base_realloc(const struct wisp_allocator *a, void *ptr, size_t old_size, size_t new_size) {
    if (new_size == 0) {
        if (ptr) a->fn(a->ud, ptr, old_size, 0);
        return NULL;
    }
    return a->fn(a->ud, ptr, ptr ? old_size : 0, new_size);
}

void base_free(const struct wisp_allocator *a, void *ptr, size_t size) {
    if (ptr) a->fn(a->ud, ptr, size, 0);
}

char *base_strndup(const struct wisp_allocator *a, const char *s, size_t len) {
    if (len == SIZE_MAX) return NULL;
    char *p = a->fn(a->ud, NULL, 0, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = 0;
    return p;
}

int base_grow(const struct wisp_allocator *a, void **items, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem) return -1;
    void *p = base_realloc(a, *items, *cap * elem, ncap * elem);
    if (!p) return -1;
    *items = p;
    *cap = ncap;
    return 0;
}
