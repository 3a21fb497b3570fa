/* wasm.h externals: the view of a function, global, table or memory reference as an import or
 * export, and its type. */
#include <string.h>

#include "capi.h"

uint8_t capi_kind_from_wisp_extern(enum wisp_extern_kind k) {
    switch (k) {
    case WISP_EXTERN_FUNC: return CAPI_FUNC;
    case WISP_EXTERN_TABLE: return CAPI_TABLE;
    case WISP_EXTERN_MEMORY: return CAPI_MEMORY;
    case WISP_EXTERN_GLOBAL: return CAPI_GLOBAL;
    default: return CAPI_FOREIGN;
    }
}

void capi_extern_to_wisp(const struct capi_ref *r, struct wisp_extern *out) {
    memset(out, 0, sizeof *out);
    switch (r->kind) {
    case CAPI_FUNC: out->kind = WISP_EXTERN_FUNC; out->of.func = r->rt; break;
    case CAPI_GLOBAL: out->kind = WISP_EXTERN_GLOBAL; out->of.global = r->rt; break;
    case CAPI_TABLE: out->kind = WISP_EXTERN_TABLE; out->of.table = r->rt; break;
    case CAPI_MEMORY: out->kind = WISP_EXTERN_MEMORY; out->of.memory = r->rt; break;
    default: break;
    }
}

wasm_externkind_t wasm_extern_kind(const wasm_extern_t *e) {
    const struct capi_ref *r = CAPI_CREF(e);
    return capi_is_extern(r) ? r->kind : WASM_EXTERN_FUNC;
}

wasm_externtype_t *wasm_extern_type(const wasm_extern_t *e) {
    const struct capi_ref *r = CAPI_CREF(e);
    if (!capi_is_extern(r)) return NULL;
    struct wisp_externtype t;
    memset(&t, 0, sizeof t);
    switch (r->kind) {
    case CAPI_FUNC: t.kind = WISP_EXTERN_FUNC; t.of.func = *wisp_func_type(r->rt); break;
    case CAPI_GLOBAL: t.kind = WISP_EXTERN_GLOBAL; wisp_global_type(r->rt, &t.of.global); break;
    case CAPI_TABLE: t.kind = WISP_EXTERN_TABLE; wisp_table_type(r->rt, &t.of.table); break;
    default: t.kind = WISP_EXTERN_MEMORY; wisp_memory_type(r->rt, &t.of.memory); break;
    }
    return capi_externtype_from_wisp(&t);
}

/* Function, global, table and memory references are externals as they are. */
#define CAPI_EXTERN_CASTS(name, KIND)                                                                \
    wasm_extern_t *wasm_##name##_as_extern(wasm_##name##_t *p) { return (wasm_extern_t *)(void *)p; } \
    const wasm_extern_t *wasm_##name##_as_extern_const(const wasm_##name##_t *p) {                   \
        return (const wasm_extern_t *)(const void *)p;                                               \
    }                                                                                                \
    wasm_##name##_t *wasm_extern_as_##name(wasm_extern_t *e) {                                       \
        const struct capi_ref *r = CAPI_CREF(e);                                                     \
        return r && r->kind == KIND ? (wasm_##name##_t *)(void *)e : NULL;                           \
    }                                                                                                \
    const wasm_##name##_t *wasm_extern_as_##name##_const(const wasm_extern_t *e) {                   \
        const struct capi_ref *r = CAPI_CREF(e);                                                     \
        return r && r->kind == KIND ? (const wasm_##name##_t *)(const void *)e : NULL;               \
    }

CAPI_EXTERN_CASTS(func, CAPI_FUNC)
CAPI_EXTERN_CASTS(global, CAPI_GLOBAL)
CAPI_EXTERN_CASTS(table, CAPI_TABLE)
CAPI_EXTERN_CASTS(memory, CAPI_MEMORY)
