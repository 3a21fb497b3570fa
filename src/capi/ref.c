/* The functions every wasm.h reference kind has (delete, copy, same, host info, casts to and from
 * wasm_ref_t), generated once for each kind, and foreign objects. */
#include "capi.h"

static bool ref_same(const struct capi_ref *a, const struct capi_ref *b) {
    if (a == b) return true;
    if (!a || !b || a->kind != b->kind) return false;
    /* Two handles of one compiled module are the same module. */
    return a->kind == CAPI_MODULE && a->rt == b->rt;
}

static void set_host_info(struct capi_ref *r, void *info, void (*finalizer)(void *)) {
    if (!r) return;
    /* Replaced information is finished with: finalize it (unless it is the same pointer). */
    if (r->finalizer && r->host_info != info) capi_ref_finalize(r);
    r->host_info = info;
    r->finalizer = finalizer;
}

static bool is_func(const struct capi_ref *r) { return r && r->kind == CAPI_FUNC; }
static bool is_global(const struct capi_ref *r) { return r && r->kind == CAPI_GLOBAL; }
static bool is_table(const struct capi_ref *r) { return r && r->kind == CAPI_TABLE; }
static bool is_memory(const struct capi_ref *r) { return r && r->kind == CAPI_MEMORY; }
static bool is_instance(const struct capi_ref *r) { return r && r->kind == CAPI_INSTANCE; }
static bool is_foreign(const struct capi_ref *r) { return r && r->kind == CAPI_FOREIGN; }
static bool is_trap(const struct capi_ref *r) { return r && r->kind == CAPI_TRAP; }
static bool is_module(const struct capi_ref *r) { return r && r->kind == CAPI_MODULE; }

#define CAPI_REF_BASE(name)                                                                          \
    void wasm_##name##_delete(wasm_##name##_t *p) { capi_ref_release(CAPI_REF(p)); }                \
    wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *p) {                                  \
        return (wasm_##name##_t *)(void *)capi_ref_retain(CAPI_REF(p));                              \
    }                                                                                                \
    bool wasm_##name##_same(const wasm_##name##_t *a, const wasm_##name##_t *b) {                    \
        return ref_same(CAPI_CREF(a), CAPI_CREF(b));                                                 \
    }                                                                                                \
    void *wasm_##name##_get_host_info(const wasm_##name##_t *p) { return p ? CAPI_CREF(p)->host_info : NULL; } \
    void wasm_##name##_set_host_info(wasm_##name##_t *p, void *info) { set_host_info(CAPI_REF(p), info, NULL); } \
    void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t *p, void *info, void (*fin)(void *)) { \
        set_host_info(CAPI_REF(p), info, fin);                                                       \
    }

#define CAPI_REF_KIND(name, check)                                                                   \
    CAPI_REF_BASE(name)                                                                              \
    wasm_ref_t *wasm_##name##_as_ref(wasm_##name##_t *p) { return (wasm_ref_t *)(void *)p; }         \
    const wasm_ref_t *wasm_##name##_as_ref_const(const wasm_##name##_t *p) {                         \
        return (const wasm_ref_t *)(const void *)p;                                                  \
    }                                                                                                \
    wasm_##name##_t *wasm_ref_as_##name(wasm_ref_t *r) {                                             \
        return check(CAPI_CREF(r)) ? (wasm_##name##_t *)(void *)r : NULL;                            \
    }                                                                                                \
    const wasm_##name##_t *wasm_ref_as_##name##_const(const wasm_ref_t *r) {                         \
        return check(CAPI_CREF(r)) ? (const wasm_##name##_t *)(const void *)r : NULL;                \
    }

CAPI_REF_BASE(ref)
CAPI_REF_KIND(func, is_func)
CAPI_REF_KIND(global, is_global)
CAPI_REF_KIND(table, is_table)
CAPI_REF_KIND(memory, is_memory)
CAPI_REF_KIND(extern, capi_is_extern)
CAPI_REF_KIND(instance, is_instance)
CAPI_REF_KIND(foreign, is_foreign)
CAPI_REF_KIND(trap, is_trap)
CAPI_REF_KIND(module, is_module)

wasm_foreign_t *wasm_foreign_new(wasm_store_t *store) {
    if (!store) return NULL;
    return (wasm_foreign_t *)(void *)capi_ref_new_owned(store, CAPI_FOREIGN, NULL);
}
