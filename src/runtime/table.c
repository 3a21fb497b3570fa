/* Tables: arrays of references in slot form (0 = null), growable up to their maximum and the
 * configured cap. Unlike memories, a table's element array may move when it grows. */
#include <string.h>

#include "rt_internal.h"

static uint64_t table_cap(const struct wisp_store *s, const struct mod_tabletype *type) {
    uint64_t cap = s->engine->cfg.max_table_elems;
    if (cap > UINT32_MAX) cap = UINT32_MAX;
    return type->lim.has_max && type->lim.max < cap ? type->lim.max : cap;
}

struct wisp_result rt_table_setup(struct wisp_store *s, struct wisp_table *t, const struct mod_tabletype *type,
                                  uintptr_t init) {
    uint64_t max = table_cap(s, type);
    if (type->lim.min > max)
        return base_error(s->alloc, WISP_ERR_LIMIT, UINT64_MAX, UINT32_MAX,
                          "table of %llu elements exceeds the limit of %llu elements",
                          (unsigned long long)type->lim.min, (unsigned long long)max);
    uint64_t n = type->lim.min;
    uintptr_t *elems = NULL;
    if (n) {
        if (n > SIZE_MAX / sizeof *elems) return base_oom();
        if (init == 0) {
            elems = base_calloc(s->alloc, (size_t)n, sizeof *elems);
        } else {
            elems = base_alloc(s->alloc, (size_t)n * sizeof *elems);
            if (elems)
                for (uint64_t i = 0; i < n; i++) elems[i] = init;
        }
        if (!elems) return base_oom();
    }
    t->elems = elems;
    t->size = n;
    t->cap = n;
    t->type = *type;
    t->max_size = max;
    t->store = s;
    return base_ok();
}

void rt_table_release(struct wisp_table *t) {
    if (t->elems) base_free(t->store->alloc, t->elems, (size_t)t->cap * sizeof *t->elems);
    t->elems = NULL;
    t->size = t->cap = 0;
}

int64_t rt_table_grow(struct wisp_table *t, uint64_t delta, uintptr_t init) {
    uint64_t old = t->size;
    if (delta == 0) return (int64_t)old;
    if (delta > t->max_size - old) return -1;
    uint64_t need = old + delta;
    if (need > t->cap) {
        /* Double to keep repeated table.grow by 1 linear, but never past the maximum. */
        uint64_t ncap = t->cap * 2 > need ? t->cap * 2 : need;
        if (ncap > t->max_size) ncap = t->max_size;
        if (ncap < 8 && t->max_size >= 8) ncap = 8;
        if (ncap < need) ncap = need;
        if (ncap > SIZE_MAX / sizeof *t->elems) return -1;
        uintptr_t *e = base_realloc(t->store->alloc, t->elems, (size_t)t->cap * sizeof *e, (size_t)ncap * sizeof *e);
        if (!e) return -1;
        t->elems = e;
        t->cap = ncap;
    }
    for (uint64_t i = old; i < need; i++) t->elems[i] = init;
    t->size = need;
    t->type.lim.min = need;
    return (int64_t)old;
}

/* ---- public API ---- */

static bool ref_of(const struct wisp_value *v, uint8_t elem_type, uintptr_t *out) {
    if (v->type != elem_type) return false;
    *out = elem_type == WISP_FUNCREF ? (uintptr_t)v->of.funcref : (uintptr_t)v->of.externref;
    return true;
}

static struct wisp_value value_of(uint8_t elem_type, uintptr_t ref) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = elem_type;
    if (elem_type == WISP_FUNCREF)
        v.of.funcref = (struct wisp_func *)ref;
    else
        v.of.externref = (void *)ref;
    return v;
}

struct wisp_table *wisp_table_new(struct wisp_store *store, const struct wisp_tabletype *type, struct wisp_value init) {
    if (!store || !type) return NULL;
    const struct wisp_limits *l = &type->limits;
    if (type->elem_type != WISP_FUNCREF && type->elem_type != WISP_EXTERNREF) return NULL;
    if (l->min > UINT32_MAX || (l->has_max && (l->max > UINT32_MAX || l->max < l->min))) return NULL;
    uintptr_t ref;
    if (!ref_of(&init, type->elem_type, &ref)) return NULL;
    struct rt_object *mark = store->objects;
    struct wisp_table *t = rt_obj_new(store, WISP_EXTERN_TABLE, sizeof *t);
    if (!t) return NULL;
    struct mod_tabletype tt = {type->elem_type, {l->min, l->has_max ? l->max : 0, l->has_max}};
    struct wisp_result r = rt_table_setup(store, t, &tt, ref);
    if (r.kind != WISP_OK) {
        wisp_result_free(&r);
        rt_store_unwind(store, mark);
        return NULL;
    }
    return t;
}

void wisp_table_type(const struct wisp_table *t, struct wisp_tabletype *out) {
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!t) return;
    out->elem_type = t->type.elem;
    out->limits.min = t->type.lim.min;
    out->limits.max = t->type.lim.has_max ? t->type.lim.max : 0;
    out->limits.has_max = t->type.lim.has_max;
}

uint64_t wisp_table_size(const struct wisp_table *t) { return t ? t->size : 0; }

static struct wisp_result out_of_bounds(const struct wisp_table *t, uint64_t index) {
    return base_error(t->store->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX,
                      "out of bounds table access: index %llu in a table of %llu elements", (unsigned long long)index,
                      (unsigned long long)t->size);
}

static struct wisp_result wrong_type(const struct wisp_table *t) {
    return base_error(t->store->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX,
                      "value type does not match the table's element type");
}

struct wisp_result wisp_table_get(const struct wisp_table *t, uint64_t index, struct wisp_value *out) {
    if (!t || !out) return rt_bad_arg("NULL handle");
    if (index >= t->size) return out_of_bounds(t, index);
    *out = value_of(t->type.elem, t->elems[index]);
    return base_ok();
}

struct wisp_result wisp_table_set(struct wisp_table *t, uint64_t index, struct wisp_value value) {
    if (!t) return rt_bad_arg("NULL handle");
    uintptr_t ref;
    if (!ref_of(&value, t->type.elem, &ref)) return wrong_type(t);
    if (index >= t->size) return out_of_bounds(t, index);
    t->elems[index] = ref;
    return base_ok();
}

struct wisp_result wisp_table_grow(struct wisp_table *t, uint64_t delta, struct wisp_value init, uint64_t *old_size) {
    if (!t) return rt_bad_arg("NULL handle");
    uintptr_t ref;
    if (!ref_of(&init, t->type.elem, &ref)) return wrong_type(t);
    int64_t r = rt_table_grow(t, delta, ref);
    if (r < 0)
        return base_error(t->store->alloc, WISP_ERR_LIMIT, UINT64_MAX, UINT32_MAX,
                          "cannot grow table of %llu elements by %llu (maximum %llu)", (unsigned long long)t->size,
                          (unsigned long long)delta, (unsigned long long)t->max_size);
    if (old_size) *old_size = (uint64_t)r;
    return base_ok();
}
