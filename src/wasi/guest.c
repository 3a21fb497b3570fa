/* Guest memory access for WASI calls: range checks (overflow-safe, in 64-bit), little-endian
 * loads and stores, guest paths and iovec arrays. Nothing here touches a byte it has not checked. */
#define _GNU_SOURCE 1
#include <string.h>

#include "../decode/reader.h"
#include "wasi_internal.h"

uint8_t *wasi_mem(struct wasi_call *c, uint64_t ptr, uint64_t len) {
    /* ptr and len come from u32 values, so ptr + len cannot wrap; check anyway for callers
     * that pass computed 64-bit lengths. */
    if (!c->mem) return NULL;
    if (ptr > c->mem_size || len > c->mem_size - ptr) return NULL;
    return c->mem + ptr;
}

void wasi_st16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
void wasi_st32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
void wasi_st64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}
uint16_t wasi_ld16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
uint32_t wasi_ld32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
uint64_t wasi_ld64(const uint8_t *p) { return (uint64_t)wasi_ld32(p) | ((uint64_t)wasi_ld32(p + 4) << 32); }

bool wasi_put32(struct wasi_call *c, uint32_t ptr, uint32_t v) {
    uint8_t *p = wasi_mem(c, ptr, 4);
    if (!p) return false;
    wasi_st32(p, v);
    return true;
}

bool wasi_put64(struct wasi_call *c, uint32_t ptr, uint64_t v) {
    uint8_t *p = wasi_mem(c, ptr, 8);
    if (!p) return false;
    wasi_st64(p, v);
    return true;
}

uint16_t wasi_path_get(struct wasi_call *c, uint32_t ptr, uint32_t len, struct wasi_path *out) {
    out->s = NULL;
    out->len = 0;
    const uint8_t *p = wasi_mem(c, ptr, len);
    if (!p) return WASI_EFAULT;
    if (len > WASI_PATH_MAX) return WASI_ENAMETOOLONG;
    if (memchr(p, 0, len)) return WASI_EINVAL;
    /* Paths are WASI `string`s: UTF-8. */
    if (!dec_utf8_valid(p, len)) return WASI_EILSEQ;
    out->s = base_strndup(c->w->alloc, (const char *)p, len);
    if (!out->s) return WASI_ENOMEM;
    out->len = len;
    return WASI_ESUCCESS;
}

void wasi_path_free(struct wisp_wasi *w, struct wasi_path *p) {
    if (p->s) base_free(w->alloc, p->s, p->len + 1);
    p->s = NULL;
}

uint16_t wasi_iovs_get(struct wasi_call *c, uint32_t iovs, uint32_t n, struct wasi_iovs *out) {
    out->iov = out->small;
    out->n = 0;
    out->total = 0;
    out->heap_size = 0;
    /* The whole array must be in memory even if we look at fewer entries. */
    const uint8_t *arr = wasi_mem(c, iovs, (uint64_t)n * 8);
    if (!arr) return WASI_EFAULT;
    if (n > WASI_MAX_IOVS) n = WASI_MAX_IOVS;
    if (n > sizeof out->small / sizeof out->small[0]) {
        out->heap_size = (size_t)n * sizeof(struct iovec);
        out->iov = base_alloc(c->w->alloc, out->heap_size);
        if (!out->iov) {
            out->heap_size = 0;
            out->iov = out->small;
            return WASI_ENOMEM;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t buf = wasi_ld32(arr + 8 * i), blen = wasi_ld32(arr + 8 * i + 4);
        uint8_t *p = wasi_mem(c, buf, blen);
        if (!p) {
            wasi_iovs_free(c->w, out);
            return WASI_EFAULT;
        }
        if (out->total >= WASI_MAX_RW) continue; /* checked, but not used: a short transfer */
        size_t take = blen;
        if (take > WASI_MAX_RW - out->total) take = WASI_MAX_RW - out->total;
        out->iov[out->n].iov_base = p;
        out->iov[out->n].iov_len = take;
        out->n++;
        out->total += take;
    }
    return WASI_ESUCCESS;
}

void wasi_iovs_free(struct wisp_wasi *w, struct wasi_iovs *v) {
    if (v->heap_size) base_free(w->alloc, v->iov, v->heap_size);
    v->heap_size = 0;
    v->iov = v->small;
    v->n = 0;
}
