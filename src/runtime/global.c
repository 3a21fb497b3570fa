/* Globals: one value in slot form plus its type. */
#include <string.h>

#include "rt_internal.h"

static bool valtype_ok(uint8_t t) {
    return t == WISP_I32 || t == WISP_I64 || t == WISP_F32 || t == WISP_F64 || t == WISP_V128 ||
           t == WISP_FUNCREF || t == WISP_EXTERNREF;
}

struct wisp_global *wisp_global_new(struct wisp_store *store, const struct wisp_globaltype *type,
                                    struct wisp_value value) {
    if (!store || !type || !valtype_ok(type->type) || value.type != type->type) return NULL;
    struct wisp_global *g = rt_obj_new(store, WISP_EXTERN_GLOBAL, sizeof *g);
    if (!g) return NULL;
    g->type.type = type->type;
    g->type.mut = type->mutable_;
    rt_value_to_slots(&value, g->val);
    return g;
}

void wisp_global_type(const struct wisp_global *g, struct wisp_globaltype *out) {
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!g) return;
    out->type = g->type.type;
    out->mutable_ = g->type.mut;
}

struct wisp_value wisp_global_get(const struct wisp_global *g) {
    if (!g) {
        struct wisp_value v;
        memset(&v, 0, sizeof v);
        return v;
    }
    return rt_slots_to_value(g->type.type, g->val);
}

struct wisp_result wisp_global_set(struct wisp_global *g, struct wisp_value value) {
    if (!g) return rt_bad_arg("NULL handle");
    if (!g->type.mut) return rt_bad_arg("global is immutable");
    if (value.type != g->type.type) return rt_bad_arg("value type does not match the global's type");
    rt_value_to_slots(&value, g->val);
    return base_ok();
}
