/* wasm.h globals over wisp globals. */
#include <string.h>

#include "capi.h"

static struct wisp_global *wisp_global_of(const wasm_global_t *g) {
    const struct capi_ref *r = CAPI_CREF(g);
    return r && r->kind == CAPI_GLOBAL ? r->rt : NULL;
}

wasm_global_t *wasm_global_new(wasm_store_t *store, const wasm_globaltype_t *type, const wasm_val_t *val) {
    if (!store) return NULL;
    uint8_t ty = type && type->content ? capi_kind_to_wisp(type->content->kind) : 0;
    if (!ty || !val) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "wasm_global_new: no type or value");
        return NULL;
    }
    struct wisp_value v;
    const char *err = capi_val_to_wisp(store, val, ty, &v);
    if (err) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "wasm_global_new: %s", err);
        return NULL;
    }
    struct wisp_globaltype wt = {ty, type->mutability == WASM_VAR};
    struct wisp_global *g = wisp_global_new(store->ws, &wt, v);
    struct capi_ref *r = g ? capi_ref_of(store, CAPI_GLOBAL, g) : NULL;
    if (!r) capi_set_error(store, WISP_ERR_OUT_OF_MEMORY, "wasm_global_new: out of memory");
    return (wasm_global_t *)(void *)r;
}

wasm_globaltype_t *wasm_global_type(const wasm_global_t *global) {
    const struct wisp_global *g = wisp_global_of(global);
    if (!g) return NULL;
    struct wisp_globaltype wt;
    wisp_global_type(g, &wt);
    wasm_valtype_t *vt = capi_valtype(capi_kind_from_wisp(wt.type));
    return vt ? wasm_globaltype_new(vt, wt.mutable_ ? WASM_VAR : WASM_CONST) : NULL;
}

void wasm_global_get(const wasm_global_t *global, wasm_val_t *out) {
    if (!out) return;
    const struct wisp_global *g = wisp_global_of(global);
    if (!g) {
        memset(out, 0, sizeof *out);
        return;
    }
    struct wisp_value v = wisp_global_get(g);
    /* On failure (out of memory, v128) out holds the kind with a zero/null payload. */
    (void)capi_val_from_wisp(CAPI_CREF(global)->store, &v, out);
}

void wasm_global_set(wasm_global_t *global, const wasm_val_t *val) {
    struct wisp_global *g = wisp_global_of(global);
    if (!g) return;
    wasm_store_t *s = CAPI_REF(global)->store;
    struct wisp_globaltype wt;
    wisp_global_type(g, &wt);
    struct wisp_value v;
    const char *err = capi_val_to_wisp(s, val, wt.type, &v);
    if (err) {
        capi_set_error(s, WISP_ERR_ARGUMENT, "wasm_global_set: %s", err);
        return;
    }
    struct wisp_result r = wisp_global_set(g, v);
    if (r.kind != WISP_OK) capi_set_error_result(s, &r);
    wisp_result_free(&r);
}
