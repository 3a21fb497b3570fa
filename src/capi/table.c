/* wasm.h tables over wisp tables. Elements are references: funcref elements are wasm_func_t
 * references of the store, externref elements any reference (see wasm_wisp.h). */
#include <string.h>

#include "capi.h"

static struct wisp_table *wisp_table_of(const wasm_table_t *t) {
    const struct capi_ref *r = CAPI_CREF(t);
    return r && r->kind == CAPI_TABLE ? r->rt : NULL;
}

wasm_table_t *wasm_table_new(wasm_store_t *store, const wasm_tabletype_t *type, wasm_ref_t *init) {
    if (!store) return NULL;
    uint8_t elem = type && type->element ? capi_kind_to_wisp(type->element->kind) : 0;
    if (elem != WISP_FUNCREF && elem != WISP_EXTERNREF) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "wasm_table_new: the element type must be a reference type");
        return NULL;
    }
    struct wisp_value v;
    const char *err = capi_ref_to_wisp(store, init, elem, &v);
    if (err) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "wasm_table_new: %s", err);
        return NULL;
    }
    struct wisp_tabletype wt;
    memset(&wt, 0, sizeof wt);
    wt.elem_type = elem;
    capi_limits_to_wisp(&type->limits, &wt.limits);
    struct wisp_table *t = wisp_table_new(store->ws, &wt, v);
    if (!t) {
        capi_set_error(store, WISP_ERR_LIMIT, "wasm_table_new: bad limits (%u, %u) or out of memory",
                       (unsigned)type->limits.min, (unsigned)type->limits.max);
        return NULL;
    }
    struct capi_ref *r = capi_ref_of(store, CAPI_TABLE, t);
    if (!r) capi_set_error(store, WISP_ERR_OUT_OF_MEMORY, "wasm_table_new: out of memory");
    return (wasm_table_t *)(void *)r;
}

wasm_tabletype_t *wasm_table_type(const wasm_table_t *table) {
    const struct wisp_table *t = wisp_table_of(table);
    if (!t) return NULL;
    struct wisp_tabletype wt;
    wisp_table_type(t, &wt);
    wasm_valtype_t *vt = capi_valtype(capi_kind_from_wisp(wt.elem_type));
    wasm_limits_t l;
    capi_limits_from_wisp(&wt.limits, &l);
    return vt ? wasm_tabletype_new(vt, &l) : NULL;
}

wasm_ref_t *wasm_table_get(const wasm_table_t *table, wasm_table_size_t index) {
    const struct wisp_table *t = wisp_table_of(table);
    if (!t) return NULL;
    struct wisp_value v;
    struct wisp_result r = wisp_table_get(t, index, &v);
    bool ok = r.kind == WISP_OK;
    wisp_result_free(&r);
    if (!ok) return NULL;
    wasm_val_t out;
    if (capi_val_from_wisp(CAPI_CREF(table)->store, &v, &out)) return NULL;
    return out.of.ref;
}

bool wasm_table_set(wasm_table_t *table, wasm_table_size_t index, wasm_ref_t *ref) {
    struct wisp_table *t = wisp_table_of(table);
    if (!t) return false;
    wasm_store_t *s = CAPI_REF(table)->store;
    struct wisp_tabletype wt;
    wisp_table_type(t, &wt);
    struct wisp_value v;
    const char *err = capi_ref_to_wisp(s, ref, wt.elem_type, &v);
    if (err) {
        capi_set_error(s, WISP_ERR_ARGUMENT, "wasm_table_set: %s", err);
        return false;
    }
    struct wisp_result r = wisp_table_set(t, index, v);
    bool ok = r.kind == WISP_OK;
    if (!ok) capi_set_error_result(s, &r);
    wisp_result_free(&r);
    return ok;
}

wasm_table_size_t wasm_table_size(const wasm_table_t *table) {
    const struct wisp_table *t = wisp_table_of(table);
    uint64_t n = t ? wisp_table_size(t) : 0;
    return n > UINT32_MAX ? UINT32_MAX : (wasm_table_size_t)n;
}

bool wasm_table_grow(wasm_table_t *table, wasm_table_size_t delta, wasm_ref_t *init) {
    struct wisp_table *t = wisp_table_of(table);
    if (!t) return false;
    wasm_store_t *s = CAPI_REF(table)->store;
    struct wisp_tabletype wt;
    wisp_table_type(t, &wt);
    struct wisp_value v;
    const char *err = capi_ref_to_wisp(s, init, wt.elem_type, &v);
    if (err) {
        capi_set_error(s, WISP_ERR_ARGUMENT, "wasm_table_grow: %s", err);
        return false;
    }
    struct wisp_result r = wisp_table_grow(t, delta, v, NULL);
    bool ok = r.kind == WISP_OK;
    if (!ok) capi_set_error_result(s, &r);
    wisp_result_free(&r);
    return ok;
}
