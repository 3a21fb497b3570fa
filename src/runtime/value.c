/* Conversions between public values, slot form and type descriptions. */
#include <string.h>

#include "rt_internal.h"

void rt_functype_pub(const struct mod_functype *t, struct wisp_functype *out) {
    out->param_count = t->nparams;
    out->result_count = t->nresults;
    out->params = t->types;
    out->results = t->types ? t->types + t->nparams : NULL;
}

bool rt_functype_same(const struct mod_functype *a, const struct mod_functype *b) {
    if (a == b) return true;
    if (a->nparams != b->nparams || a->nresults != b->nresults) return false;
    size_t n = (size_t)a->nparams + a->nresults;
    return n == 0 || memcmp(a->types, b->types, n) == 0;
}

void rt_module_externtype(const struct module *m, uint8_t kind, uint32_t index, struct wisp_externtype *out) {
    memset(out, 0, sizeof *out);
    out->kind = (enum wisp_extern_kind)kind;
    switch (kind) {
    case MOD_FUNC: rt_functype_pub(&m->types[m->func_types[index]], &out->of.func); break;
    case MOD_TABLE: {
        const struct mod_tabletype *t = &m->tables[index];
        out->of.table.elem_type = t->elem;
        out->of.table.limits.min = t->lim.min;
        out->of.table.limits.max = t->lim.has_max ? t->lim.max : 0;
        out->of.table.limits.has_max = t->lim.has_max;
        break;
    }
    case MOD_MEMORY: {
        const struct mod_memtype *t = &m->mems[index];
        out->of.memory.limits.min = t->lim.min;
        out->of.memory.limits.max = t->lim.has_max ? t->lim.max : 0;
        out->of.memory.limits.has_max = t->lim.has_max;
        break;
    }
    case MOD_GLOBAL:
        out->of.global.type = m->globals[index].type;
        out->of.global.mutable_ = m->globals[index].mut;
        break;
    default: break;
    }
}

/* Limits of a provided object against an import's declared ones (2.0 import matching). */
static bool limits_match(const struct mod_limits *have, const struct mod_limits *want) {
    if (have->min < want->min) return false;
    if (!want->has_max) return true;
    return have->has_max && have->max <= want->max;
}

int rt_import_check(const struct module *m, const struct mod_import *imp, const struct wisp_extern *ext) {
    if (!ext) return 2;
    if ((uint8_t)ext->kind != imp->kind) {
        bool null_obj = (ext->kind == WISP_EXTERN_FUNC && !ext->of.func) ||
                        (ext->kind == WISP_EXTERN_TABLE && !ext->of.table) ||
                        (ext->kind == WISP_EXTERN_MEMORY && !ext->of.memory) ||
                        (ext->kind == WISP_EXTERN_GLOBAL && !ext->of.global);
        return null_obj ? 2 : 1;
    }
    switch (imp->kind) {
    case MOD_FUNC:
        if (!ext->of.func) return 2;
        return rt_functype_same(ext->of.func->type, &m->types[imp->of.func_type]) ? 0 : 1;
    case MOD_TABLE: {
        const struct wisp_table *t = ext->of.table;
        if (!t) return 2;
        if (t->type.elem != imp->of.table.elem) return 1;
        return limits_match(&t->type.lim, &imp->of.table.lim) ? 0 : 1;
    }
    case MOD_MEMORY: {
        const struct wisp_memory *mem = ext->of.memory;
        if (!mem) return 2;
        return limits_match(&mem->type.lim, &imp->of.mem.lim) ? 0 : 1;
    }
    case MOD_GLOBAL: {
        const struct wisp_global *g = ext->of.global;
        if (!g) return 2;
        return g->type.type == imp->of.global.type && g->type.mut == imp->of.global.mut ? 0 : 1;
    }
    default: return 1;
    }
}
