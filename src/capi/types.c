/* wasm.h type objects (value, function, global, table, memory, extern, import and export types)
 * and their conversions to and from wisp.h types. Type objects have no engine: they use the C
 * library allocator. Value types are immutable singletons, so they cost no allocation. */
#include <string.h>

#include "capi.h"

/* ---- value types ---- */

static const struct wasm_valtype_t valtypes[] = {
    {WASM_I32}, {WASM_I64}, {WASM_F32}, {WASM_F64}, {WISP_CAPI_V128}, {WASM_EXTERNREF}, {WASM_FUNCREF},
};

wasm_valtype_t *capi_valtype(wasm_valkind_t kind) {
    for (size_t i = 0; i < sizeof valtypes / sizeof valtypes[0]; i++)
        if (valtypes[i].kind == kind) return (wasm_valtype_t *)(uintptr_t)&valtypes[i];
    return NULL;
}

wasm_valtype_t *wasm_valtype_new(wasm_valkind_t kind) {
    /* v128 is only reported, never made: wasm_val_t cannot carry it. */
    return kind == WISP_CAPI_V128 ? NULL : capi_valtype(kind);
}

void wasm_valtype_delete(wasm_valtype_t *t) { (void)t; }

wasm_valtype_t *wasm_valtype_copy(const wasm_valtype_t *t) { return t ? capi_valtype(t->kind) : NULL; }

wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t *t) { return t ? t->kind : WASM_I32; }

/* ---- function types ---- */

static void *type_alloc(size_t size) { return base_calloc(&capi_libc, 1, size); }

static void type_free(void *p, size_t size) { base_free(&capi_libc, p, size); }

wasm_functype_t *wasm_functype_new(wasm_valtype_vec_t *params, wasm_valtype_vec_t *results) {
    wasm_functype_t *t = type_alloc(sizeof *t);
    if (!t) {
        wasm_valtype_vec_delete(params);
        wasm_valtype_vec_delete(results);
        return NULL;
    }
    t->ext.kind = WASM_EXTERN_FUNC;
    /* Take the vectors over; the caller's copies are now ours. */
    if (params) t->params = *params;
    if (results) t->results = *results;
    return t;
}

void wasm_functype_delete(wasm_functype_t *t) {
    if (!t) return;
    wasm_valtype_vec_delete(&t->params);
    wasm_valtype_vec_delete(&t->results);
    type_free(t, sizeof *t);
}

wasm_functype_t *wasm_functype_copy(const wasm_functype_t *t) {
    if (!t) return NULL;
    wasm_valtype_vec_t p, r;
    wasm_valtype_vec_copy(&p, &t->params);
    wasm_valtype_vec_copy(&r, &t->results);
    if (p.size != t->params.size || r.size != t->results.size) {
        wasm_valtype_vec_delete(&p);
        wasm_valtype_vec_delete(&r);
        return NULL;
    }
    return wasm_functype_new(&p, &r);
}

const wasm_valtype_vec_t *wasm_functype_params(const wasm_functype_t *t) { return t ? &t->params : NULL; }
const wasm_valtype_vec_t *wasm_functype_results(const wasm_functype_t *t) { return t ? &t->results : NULL; }

/* ---- global types ---- */

wasm_globaltype_t *wasm_globaltype_new(wasm_valtype_t *content, wasm_mutability_t mutability) {
    if (!content || mutability > WASM_VAR) return NULL;
    wasm_globaltype_t *t = type_alloc(sizeof *t);
    if (!t) return NULL;
    t->ext.kind = WASM_EXTERN_GLOBAL;
    t->content = content;
    t->mutability = mutability;
    return t;
}

void wasm_globaltype_delete(wasm_globaltype_t *t) {
    if (!t) return;
    wasm_valtype_delete(t->content);
    type_free(t, sizeof *t);
}

wasm_globaltype_t *wasm_globaltype_copy(const wasm_globaltype_t *t) {
    return t ? wasm_globaltype_new(wasm_valtype_copy(t->content), t->mutability) : NULL;
}

const wasm_valtype_t *wasm_globaltype_content(const wasm_globaltype_t *t) { return t ? t->content : NULL; }
wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t *t) { return t ? t->mutability : WASM_CONST; }

/* ---- table types ---- */

wasm_tabletype_t *wasm_tabletype_new(wasm_valtype_t *element, const wasm_limits_t *limits) {
    if (!element || !limits) return NULL;
    wasm_tabletype_t *t = type_alloc(sizeof *t);
    if (!t) return NULL;
    t->ext.kind = WASM_EXTERN_TABLE;
    t->element = element;
    t->limits = *limits;
    return t;
}

void wasm_tabletype_delete(wasm_tabletype_t *t) {
    if (!t) return;
    wasm_valtype_delete(t->element);
    type_free(t, sizeof *t);
}

wasm_tabletype_t *wasm_tabletype_copy(const wasm_tabletype_t *t) {
    return t ? wasm_tabletype_new(wasm_valtype_copy(t->element), &t->limits) : NULL;
}

const wasm_valtype_t *wasm_tabletype_element(const wasm_tabletype_t *t) { return t ? t->element : NULL; }
const wasm_limits_t *wasm_tabletype_limits(const wasm_tabletype_t *t) { return t ? &t->limits : NULL; }

/* ---- memory types ---- */

wasm_memorytype_t *wasm_memorytype_new(const wasm_limits_t *limits) {
    if (!limits) return NULL;
    wasm_memorytype_t *t = type_alloc(sizeof *t);
    if (!t) return NULL;
    t->ext.kind = WASM_EXTERN_MEMORY;
    t->limits = *limits;
    return t;
}

void wasm_memorytype_delete(wasm_memorytype_t *t) { type_free(t, sizeof *t); }

wasm_memorytype_t *wasm_memorytype_copy(const wasm_memorytype_t *t) {
    return t ? wasm_memorytype_new(&t->limits) : NULL;
}

const wasm_limits_t *wasm_memorytype_limits(const wasm_memorytype_t *t) { return t ? &t->limits : NULL; }

/* ---- extern types ---- */

wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t *t) { return t ? t->kind : WASM_EXTERN_FUNC; }

void wasm_externtype_delete(wasm_externtype_t *t) {
    if (!t) return;
    switch (t->kind) {
    case WASM_EXTERN_FUNC: wasm_functype_delete((wasm_functype_t *)t); break;
    case WASM_EXTERN_GLOBAL: wasm_globaltype_delete((wasm_globaltype_t *)t); break;
    case WASM_EXTERN_TABLE: wasm_tabletype_delete((wasm_tabletype_t *)t); break;
    case WASM_EXTERN_MEMORY: wasm_memorytype_delete((wasm_memorytype_t *)t); break;
    default: break;
    }
}

wasm_externtype_t *wasm_externtype_copy(const wasm_externtype_t *t) {
    if (!t) return NULL;
    switch (t->kind) {
    case WASM_EXTERN_FUNC: return (wasm_externtype_t *)wasm_functype_copy((const wasm_functype_t *)t);
    case WASM_EXTERN_GLOBAL: return (wasm_externtype_t *)wasm_globaltype_copy((const wasm_globaltype_t *)t);
    case WASM_EXTERN_TABLE: return (wasm_externtype_t *)wasm_tabletype_copy((const wasm_tabletype_t *)t);
    case WASM_EXTERN_MEMORY: return (wasm_externtype_t *)wasm_memorytype_copy((const wasm_memorytype_t *)t);
    default: return NULL;
    }
}

/* The casts between an extern type and the type it is: the extern type is the first member. */
#define CAPI_EXTERNTYPE_CASTS(name, KIND)                                                            \
    wasm_externtype_t *wasm_##name##_as_externtype(wasm_##name##_t *t) { return t ? &t->ext : NULL; } \
    const wasm_externtype_t *wasm_##name##_as_externtype_const(const wasm_##name##_t *t) {           \
        return t ? &t->ext : NULL;                                                                   \
    }                                                                                                \
    wasm_##name##_t *wasm_externtype_as_##name(wasm_externtype_t *t) {                               \
        return t && t->kind == KIND ? (wasm_##name##_t *)t : NULL;                                   \
    }                                                                                                \
    const wasm_##name##_t *wasm_externtype_as_##name##_const(const wasm_externtype_t *t) {           \
        return t && t->kind == KIND ? (const wasm_##name##_t *)t : NULL;                             \
    }

CAPI_EXTERNTYPE_CASTS(functype, WASM_EXTERN_FUNC)
CAPI_EXTERNTYPE_CASTS(globaltype, WASM_EXTERN_GLOBAL)
CAPI_EXTERNTYPE_CASTS(tabletype, WASM_EXTERN_TABLE)
CAPI_EXTERNTYPE_CASTS(memorytype, WASM_EXTERN_MEMORY)

/* ---- import and export types ---- */

wasm_importtype_t *wasm_importtype_new(wasm_name_t *module, wasm_name_t *name, wasm_externtype_t *type) {
    wasm_importtype_t *t = type_alloc(sizeof *t);
    if (!t) {
        wasm_name_delete(module);
        wasm_name_delete(name);
        wasm_externtype_delete(type);
        return NULL;
    }
    if (module) t->module = *module;
    if (name) t->name = *name;
    t->type = type;
    return t;
}

void wasm_importtype_delete(wasm_importtype_t *t) {
    if (!t) return;
    wasm_name_delete(&t->module);
    wasm_name_delete(&t->name);
    wasm_externtype_delete(t->type);
    type_free(t, sizeof *t);
}

wasm_importtype_t *wasm_importtype_copy(const wasm_importtype_t *t) {
    if (!t) return NULL;
    wasm_name_t m, n;
    wasm_name_copy(&m, &t->module);
    wasm_name_copy(&n, &t->name);
    wasm_externtype_t *ty = wasm_externtype_copy(t->type);
    if (m.size != t->module.size || n.size != t->name.size || (t->type && !ty)) {
        wasm_name_delete(&m);
        wasm_name_delete(&n);
        wasm_externtype_delete(ty);
        return NULL;
    }
    return wasm_importtype_new(&m, &n, ty);
}

const wasm_name_t *wasm_importtype_module(const wasm_importtype_t *t) { return t ? &t->module : NULL; }
const wasm_name_t *wasm_importtype_name(const wasm_importtype_t *t) { return t ? &t->name : NULL; }
const wasm_externtype_t *wasm_importtype_type(const wasm_importtype_t *t) { return t ? t->type : NULL; }

wasm_exporttype_t *wasm_exporttype_new(wasm_name_t *name, wasm_externtype_t *type) {
    wasm_exporttype_t *t = type_alloc(sizeof *t);
    if (!t) {
        wasm_name_delete(name);
        wasm_externtype_delete(type);
        return NULL;
    }
    if (name) t->name = *name;
    t->type = type;
    return t;
}

void wasm_exporttype_delete(wasm_exporttype_t *t) {
    if (!t) return;
    wasm_name_delete(&t->name);
    wasm_externtype_delete(t->type);
    type_free(t, sizeof *t);
}

wasm_exporttype_t *wasm_exporttype_copy(const wasm_exporttype_t *t) {
    if (!t) return NULL;
    wasm_name_t n;
    wasm_name_copy(&n, &t->name);
    wasm_externtype_t *ty = wasm_externtype_copy(t->type);
    if (n.size != t->name.size || (t->type && !ty)) {
        wasm_name_delete(&n);
        wasm_externtype_delete(ty);
        return NULL;
    }
    return wasm_exporttype_new(&n, ty);
}

const wasm_name_t *wasm_exporttype_name(const wasm_exporttype_t *t) { return t ? &t->name : NULL; }
const wasm_externtype_t *wasm_exporttype_type(const wasm_exporttype_t *t) { return t ? t->type : NULL; }

/* ---- conversions from and to wisp.h ---- */

void capi_limits_from_wisp(const struct wisp_limits *in, wasm_limits_t *out) {
    out->min = in->min > UINT32_MAX ? UINT32_MAX : (uint32_t)in->min;
    out->max = !in->has_max || in->max > UINT32_MAX ? wasm_limits_max_default : (uint32_t)in->max;
}

void capi_limits_to_wisp(const wasm_limits_t *in, struct wisp_limits *out) {
    out->min = in->min;
    out->has_max = in->max != wasm_limits_max_default;
    out->max = out->has_max ? in->max : 0;
}

/* A vector of valtypes for n wisp type codes; false if out of memory or a code is unknown. */
static bool valtypes_from_wisp(wasm_valtype_vec_t *out, const uint8_t *codes, uint32_t n) {
    wasm_valtype_vec_new_uninitialized(out, n);
    if (out->size != n) return false;
    for (uint32_t i = 0; i < n; i++) {
        out->data[i] = capi_valtype(capi_kind_from_wisp(codes[i]));
        if (!out->data[i]) return false;
    }
    return true;
}

wasm_functype_t *capi_functype_from_wisp(const struct wisp_functype *t) {
    wasm_valtype_vec_t p, r;
    bool ok = valtypes_from_wisp(&p, t->params, t->param_count);
    ok = valtypes_from_wisp(&r, t->results, t->result_count) && ok;
    if (!ok) {
        wasm_valtype_vec_delete(&p);
        wasm_valtype_vec_delete(&r);
        return NULL;
    }
    return wasm_functype_new(&p, &r);
}

wasm_externtype_t *capi_externtype_from_wisp(const struct wisp_externtype *t) {
    switch (t->kind) {
    case WISP_EXTERN_FUNC: return wasm_functype_as_externtype(capi_functype_from_wisp(&t->of.func));
    case WISP_EXTERN_GLOBAL: {
        wasm_valtype_t *vt = capi_valtype(capi_kind_from_wisp(t->of.global.type));
        if (!vt) return NULL;
        return wasm_globaltype_as_externtype(
            wasm_globaltype_new(vt, t->of.global.mutable_ ? WASM_VAR : WASM_CONST));
    }
    case WISP_EXTERN_TABLE: {
        wasm_valtype_t *vt = capi_valtype(capi_kind_from_wisp(t->of.table.elem_type));
        if (!vt) return NULL;
        wasm_limits_t l;
        capi_limits_from_wisp(&t->of.table.limits, &l);
        return wasm_tabletype_as_externtype(wasm_tabletype_new(vt, &l));
    }
    case WISP_EXTERN_MEMORY: {
        wasm_limits_t l;
        capi_limits_from_wisp(&t->of.memory.limits, &l);
        return wasm_memorytype_as_externtype(wasm_memorytype_new(&l));
    }
    default: return NULL;
    }
}

bool capi_functype_to_wisp(const wasm_functype_t *ft, struct wisp_functype *out, uint8_t *buf, size_t cap,
                           const struct wisp_allocator *a, uint8_t **heap, size_t *heap_size) {
    *heap = NULL;
    *heap_size = 0;
    size_t np = ft->params.size, nr = ft->results.size;
    if (np > UINT32_MAX || nr > UINT32_MAX || np > SIZE_MAX - nr) return false;
    size_t n = np + nr;
    uint8_t *codes = buf;
    if (n > cap) {
        codes = base_alloc(a, n);
        if (!codes) return false;
        *heap = codes;
        *heap_size = n;
    }
    for (size_t i = 0; i < n; i++) {
        const wasm_valtype_t *vt = i < np ? ft->params.data[i] : ft->results.data[i - np];
        codes[i] = vt ? capi_kind_to_wisp(vt->kind) : 0;
        if (!codes[i]) {
            if (*heap) base_free(a, *heap, *heap_size);
            *heap = NULL;
            *heap_size = 0;
            return false;
        }
    }
    out->param_count = (uint32_t)np;
    out->result_count = (uint32_t)nr;
    out->params = np ? codes : NULL;
    out->results = nr ? codes + np : NULL;
    return true;
}
