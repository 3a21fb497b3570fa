/* wasm.h memories over wisp linear memories. */
#include <string.h>

#include "capi.h"

static struct wisp_memory *wisp_memory_of(const wasm_memory_t *m) {
    const struct capi_ref *r = CAPI_CREF(m);
    return r && r->kind == CAPI_MEMORY ? r->rt : NULL;
}

wasm_memory_t *wasm_memory_new(wasm_store_t *store, const wasm_memorytype_t *type) {
    if (!store) return NULL;
    if (!type) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "wasm_memory_new: no type");
        return NULL;
    }
    struct wisp_memtype mt;
    memset(&mt, 0, sizeof mt);
    capi_limits_to_wisp(&type->limits, &mt.limits);
    struct wisp_memory *m = wisp_memory_new(store->ws, &mt);
    if (!m) {
        capi_set_error(store, WISP_ERR_LIMIT, "wasm_memory_new: bad limits (%u, %u) or out of memory",
                       (unsigned)type->limits.min, (unsigned)type->limits.max);
        return NULL;
    }
    struct capi_ref *r = capi_ref_of(store, CAPI_MEMORY, m);
    if (!r) capi_set_error(store, WISP_ERR_OUT_OF_MEMORY, "wasm_memory_new: out of memory");
    return (wasm_memory_t *)(void *)r;
}

wasm_memorytype_t *wasm_memory_type(const wasm_memory_t *memory) {
    const struct wisp_memory *m = wisp_memory_of(memory);
    if (!m) return NULL;
    struct wisp_memtype mt;
    wisp_memory_type(m, &mt);
    wasm_limits_t l;
    capi_limits_from_wisp(&mt.limits, &l);
    return wasm_memorytype_new(&l);
}

byte_t *wasm_memory_data(wasm_memory_t *memory) {
    struct wisp_memory *m = wisp_memory_of(memory);
    return m ? (byte_t *)wisp_memory_data(m) : NULL;
}

size_t wasm_memory_data_size(const wasm_memory_t *memory) {
    const struct wisp_memory *m = wisp_memory_of(memory);
    return m ? (size_t)wisp_memory_size(m) : 0;
}

wasm_memory_pages_t wasm_memory_size(const wasm_memory_t *memory) {
    const struct wisp_memory *m = wisp_memory_of(memory);
    return m ? (wasm_memory_pages_t)wisp_memory_pages(m) : 0;
}

bool wasm_memory_grow(wasm_memory_t *memory, wasm_memory_pages_t delta) {
    struct wisp_memory *m = wisp_memory_of(memory);
    if (!m) return false;
    struct wisp_result r = wisp_memory_grow(m, delta, NULL);
    bool ok = r.kind == WISP_OK;
    if (!ok) capi_set_error_result(CAPI_REF(memory)->store, &r);
    wisp_result_free(&r);
    return ok;
}
