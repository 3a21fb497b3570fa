/* Engine-wide pools of what short-lived stores keep taking and giving back: value stacks (with
 * the interpreter's call records) and linear-memory reservations, so that a store need not map
 * and unmap them each time. Any thread may use an engine, so the slots are lock-free. */
#include <string.h>

#include "../os/vmem.h"
#include "rt_internal.h"

#if !defined(__STDC_NO_ATOMICS__)
#include <stdatomic.h>
#define RT_POOLS 1
#else
#define RT_POOLS 0
#endif

#if RT_POOLS

/* Slots per pool. A pooled value stack keeps the pages it touched (a deep recursion: megabytes);
 * a pooled memory keeps at most RT_POOL_MEMSET_MAX bytes resident (see memory.c). */
#define RT_POOL_EXEC_SLOTS 4
#define RT_POOL_MEM_SLOTS 4

enum { SLOT_EMPTY = 0, SLOT_BUSY = 1, SLOT_FULL = 2 };

/* One pooled item; `state` hands it from thread to thread (BUSY while one of them fills or
 * empties it). exec: p = stack, a = its bytes, q = call records, b = their bytes.
 * memory: p = reservation, a = its bytes, b = bytes committed (readable, writable and zero). */
struct slot {
    atomic_int state;
    void *p, *q;
    uint64_t a, b;
};

struct rt_pools {
    struct slot exec[RT_POOL_EXEC_SLOTS];
    struct slot mem[RT_POOL_MEM_SLOTS];
};

static bool claim(struct slot *sl, int from) {
    int expect = from;
    if (atomic_load_explicit(&sl->state, memory_order_relaxed) != from) return false;
    return atomic_compare_exchange_strong_explicit(&sl->state, &expect, SLOT_BUSY, memory_order_acquire,
                                                   memory_order_relaxed);
}

static void settle(struct slot *sl, int to) { atomic_store_explicit(&sl->state, to, memory_order_release); }

struct rt_pools *rt_pools_new(const struct wisp_allocator *a) {
    struct rt_pools *p = base_alloc(a, sizeof *p);
    if (!p) return NULL;
    memset(p, 0, sizeof *p);
    for (int i = 0; i < RT_POOL_EXEC_SLOTS; i++) atomic_init(&p->exec[i].state, SLOT_EMPTY);
    for (int i = 0; i < RT_POOL_MEM_SLOTS; i++) atomic_init(&p->mem[i].state, SLOT_EMPTY);
    return p;
}

void rt_pools_free(const struct wisp_allocator *a, struct rt_pools *p) {
    if (!p) return;
    /* Only while nothing else uses the engine (its stores are gone). */
    for (int i = 0; i < RT_POOL_EXEC_SLOTS; i++) {
        struct slot *sl = &p->exec[i];
        if (atomic_load(&sl->state) != SLOT_FULL) continue;
        base_free(a, sl->p, (size_t)sl->a);
        base_free(a, sl->q, (size_t)sl->b);
    }
    for (int i = 0; i < RT_POOL_MEM_SLOTS; i++) {
        struct slot *sl = &p->mem[i];
        if (atomic_load(&sl->state) == SLOT_FULL) os_vmem_release(sl->p, sl->a);
    }
    base_free(a, p, sizeof *p);
}

bool rt_pool_take_exec(struct wisp_engine *e, struct rt_exec *x) {
    uint64_t want = e->cfg.value_stack_bytes;
    for (int i = 0; i < RT_POOL_EXEC_SLOTS; i++) {
        struct slot *sl = &e->pools->exec[i];
        if (!claim(sl, SLOT_FULL)) continue;
        if (sl->a != want) { /* cannot happen: one engine, one stack size; keep it anyway */
            settle(sl, SLOT_FULL);
            continue;
        }
        x->stack = sl->p;
        x->stack_end = x->stack + want / sizeof *x->stack;
        x->frames = sl->q;
        x->frames_bytes = (size_t)sl->b;
        sl->p = sl->q = NULL;
        settle(sl, SLOT_EMPTY);
        return true;
    }
    return false;
}

bool rt_pool_give_exec(struct wisp_engine *e, struct rt_exec *x) {
    uint64_t bytes = (uint64_t)((char *)x->stack_end - (char *)x->stack);
    if (!x->stack || bytes != e->cfg.value_stack_bytes) return false;
    for (int i = 0; i < RT_POOL_EXEC_SLOTS; i++) {
        struct slot *sl = &e->pools->exec[i];
        if (!claim(sl, SLOT_EMPTY)) continue;
        sl->p = x->stack;
        sl->a = bytes;
        sl->q = x->frames;
        sl->b = x->frames ? x->frames_bytes : 0;
        settle(sl, SLOT_FULL);
        return true;
    }
    return false;
}

uint8_t *rt_pool_take_memory(struct wisp_engine *e, uint64_t reserved, uint64_t *committed) {
    for (int i = 0; i < RT_POOL_MEM_SLOTS; i++) {
        struct slot *sl = &e->pools->mem[i];
        if (!claim(sl, SLOT_FULL)) continue;
        if (sl->a != reserved) {
            settle(sl, SLOT_FULL);
            continue;
        }
        uint8_t *data = sl->p;
        *committed = sl->b;
        sl->p = NULL;
        settle(sl, SLOT_EMPTY);
        return data;
    }
    return NULL;
}

bool rt_pool_memory_room(const struct wisp_engine *e) {
    for (int i = 0; i < RT_POOL_MEM_SLOTS; i++)
        if (atomic_load_explicit(&e->pools->mem[i].state, memory_order_relaxed) == SLOT_EMPTY) return true;
    return false;
}

bool rt_pool_give_memory(struct wisp_engine *e, uint8_t *data, uint64_t reserved, uint64_t committed) {
    for (int i = 0; i < RT_POOL_MEM_SLOTS; i++) {
        struct slot *sl = &e->pools->mem[i];
        if (!claim(sl, SLOT_EMPTY)) continue;
        sl->p = data;
        sl->a = reserved;
        sl->b = committed;
        settle(sl, SLOT_FULL);
        return true;
    }
    return false;
}

#else /* no C11 atomics: no pools, every store maps its own */

struct rt_pools {
    int unused;
};

struct rt_pools *rt_pools_new(const struct wisp_allocator *a) {
    struct rt_pools *p = base_alloc(a, sizeof *p);
    if (p) p->unused = 0;
    return p;
}

void rt_pools_free(const struct wisp_allocator *a, struct rt_pools *p) {
    if (p) base_free(a, p, sizeof *p);
}

bool rt_pool_take_exec(struct wisp_engine *e, struct rt_exec *x) { return (void)e, (void)x, false; }
bool rt_pool_give_exec(struct wisp_engine *e, struct rt_exec *x) { return (void)e, (void)x, false; }
uint8_t *rt_pool_take_memory(struct wisp_engine *e, uint64_t reserved, uint64_t *committed) {
    return (void)e, (void)reserved, (void)committed, NULL;
}
bool rt_pool_memory_room(const struct wisp_engine *e) { return (void)e, false; }
bool rt_pool_give_memory(struct wisp_engine *e, uint8_t *data, uint64_t reserved, uint64_t committed) {
    return (void)e, (void)data, (void)reserved, (void)committed, false;
}

#endif
