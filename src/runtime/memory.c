/* Linear memories: the whole maximum is reserved up front so the data never moves; growing only
 * commits more of the reservation. */
#include <string.h>

#include "../os/vmem.h"
#include "rt_internal.h"

static uint64_t round_up(uint64_t n, uint64_t align) { return (n + align - 1) & ~(align - 1); }

struct wisp_result rt_memory_setup(struct wisp_store *s, struct wisp_memory *mem, const struct mod_memtype *type) {
    const struct wisp_config *cfg = &s->engine->cfg;
    uint64_t cap = cfg->max_memory_bytes / RT_PAGE_SIZE;
    if (cap > RT_MAX_PAGES) cap = RT_MAX_PAGES;
    uint64_t max = type->lim.has_max && type->lim.max < cap ? type->lim.max : cap;
    if (type->lim.min > max)
        return base_error(s->alloc, WISP_ERR_LIMIT, UINT64_MAX, UINT32_MAX,
                          "memory of %llu pages exceeds the limit of %llu pages",
                          (unsigned long long)type->lim.min, (unsigned long long)max);

    /* At least one OS page is reserved so that data is never NULL, even for an empty memory. */
    uint64_t page = os_page_size();
    uint64_t reserve = round_up(max * RT_PAGE_SIZE, page);
    if (reserve == 0) reserve = page;
    uint64_t size = type->lim.min * RT_PAGE_SIZE;
    uint64_t committed = 0;
    uint8_t *data = rt_pool_take_memory(s->engine, reserve, &committed);
    if (data) {
        /* A reservation a freed store left: zero where committed; make exactly [0, size) so. */
        bool ok = committed < size   ? os_vmem_commit(data + committed, size - committed)
                  : committed > size ? os_vmem_decommit(data + size, committed - size)
                                     : true;
        if (ok) goto done;
        os_vmem_release(data, reserve);
    }
    data = os_vmem_reserve(reserve);
    if (!data) {
        /* Address space is short (32-bit hosts): settle for the minimum; growth then fails. */
        reserve = round_up(type->lim.min * RT_PAGE_SIZE, page);
        if (reserve == 0) reserve = page;
        data = os_vmem_reserve(reserve);
        if (!data) return base_oom();
        max = type->lim.min;
    }
    if (!os_vmem_commit(data, size)) {
        os_vmem_release(data, reserve);
        return base_oom();
    }
done:
    mem->data = data;
    mem->size = size;
    mem->reserved = reserve;
    mem->type = *type;
    mem->max_pages = max;
    mem->store = s;
    return base_ok();
}

/* Committed memory up to this size is cleared with memset when it goes back to the engine's
 * pool: cheaper than a system call on this size (about 0.7 us for 64 KiB), and its pages stay
 * mapped for the next user. Larger memories give their pages back to the system instead. */
#define RT_POOL_MEMSET_MAX (64u << 10)

void rt_memory_release(struct wisp_memory *mem) {
    if (!mem->data) return;
    struct wisp_engine *e = mem->store->engine;
    bool pooled = rt_pool_memory_room(e);
    if (pooled) {
        if (mem->size <= RT_POOL_MEMSET_MAX) memset(mem->data, 0, (size_t)mem->size);
        else pooled = os_vmem_zero(mem->data, mem->size);
    }
    if (!pooled || !rt_pool_give_memory(e, mem->data, mem->reserved, mem->size))
        os_vmem_release(mem->data, mem->reserved);
    mem->data = NULL;
    mem->size = 0;
    mem->reserved = 0;
}

int64_t rt_memory_grow(struct wisp_memory *mem, uint64_t delta) {
    uint64_t old = mem->size / RT_PAGE_SIZE;
    if (delta == 0) return (int64_t)old;
    if (delta > mem->max_pages - old) return -1;
    uint64_t new_size = (old + delta) * RT_PAGE_SIZE;
    if (new_size > mem->reserved) return -1;
    if (!os_vmem_commit(mem->data + mem->size, new_size - mem->size)) return -1;
    mem->size = new_size;
    mem->type.lim.min = old + delta;
    return (int64_t)old;
}

/* ---- public API ---- */

struct wisp_memory *wisp_memory_new(struct wisp_store *store, const struct wisp_memtype *type) {
    if (!store || !type) return NULL;
    const struct wisp_limits *l = &type->limits;
    if (l->min > RT_MAX_PAGES || (l->has_max && (l->max > RT_MAX_PAGES || l->max < l->min))) return NULL;
    struct rt_object *mark = store->objects;
    struct wisp_memory *mem = rt_obj_new(store, WISP_EXTERN_MEMORY, sizeof *mem);
    if (!mem) return NULL;
    struct mod_memtype mt = {{l->min, l->has_max ? l->max : 0, l->has_max}};
    struct wisp_result r = rt_memory_setup(store, mem, &mt);
    if (r.kind != WISP_OK) {
        wisp_result_free(&r);
        rt_store_unwind(store, mark);
        return NULL;
    }
    return mem;
}

uint8_t *wisp_memory_data(struct wisp_memory *mem) { return mem ? mem->data : NULL; }

uint64_t wisp_memory_size(const struct wisp_memory *mem) { return mem ? mem->size : 0; }

uint64_t wisp_memory_pages(const struct wisp_memory *mem) { return mem ? mem->size / RT_PAGE_SIZE : 0; }

void wisp_memory_type(const struct wisp_memory *mem, struct wisp_memtype *out) {
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!mem) return;
    out->limits.min = mem->type.lim.min;
    out->limits.max = mem->type.lim.has_max ? mem->type.lim.max : 0;
    out->limits.has_max = mem->type.lim.has_max;
}

struct wisp_result wisp_memory_grow(struct wisp_memory *mem, uint64_t delta, uint64_t *old_pages) {
    if (!mem) return rt_bad_arg("NULL handle");
    int64_t r = rt_memory_grow(mem, delta);
    if (r < 0)
        return base_error(mem->store->alloc, WISP_ERR_LIMIT, UINT64_MAX, UINT32_MAX,
                          "cannot grow memory of %llu pages by %llu pages (maximum %llu)",
                          (unsigned long long)(mem->size / RT_PAGE_SIZE), (unsigned long long)delta,
                          (unsigned long long)mem->max_pages);
    if (old_pages) *old_pages = (uint64_t)r;
    return base_ok();
}

static struct wisp_result range_check(struct wisp_memory *mem, uint64_t offset, size_t len, const void *buf) {
    if (len > 0 && !buf)
        return base_error(mem->store->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX, "NULL buffer");
    if (offset > mem->size || (uint64_t)len > mem->size - offset)
        return base_error(mem->store->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX,
                          "out of bounds memory access: %llu bytes at %llu in a memory of %llu bytes",
                          (unsigned long long)len, (unsigned long long)offset, (unsigned long long)mem->size);
    return base_ok();
}

struct wisp_result wisp_memory_read(struct wisp_memory *mem, uint64_t offset, void *buf, size_t len) {
    if (!mem) return rt_bad_arg("NULL handle");
    struct wisp_result r = range_check(mem, offset, len, buf);
    if (r.kind == WISP_OK && len) memcpy(buf, mem->data + offset, len);
    return r;
}

struct wisp_result wisp_memory_write(struct wisp_memory *mem, uint64_t offset, const void *buf, size_t len) {
    if (!mem) return rt_bad_arg("NULL handle");
    struct wisp_result r = range_check(mem, offset, len, buf);
    if (r.kind == WISP_OK && len) memcpy(mem->data + offset, buf, len);
    return r;
}
