/* Instantiation with WebAssembly 2.0 semantics (import matching, allocation, element and data
 * segment initialisation, start function) and access to an instance's exports.
 * An instance and everything it defines is one allocation; only table elements, memory
 * reservations and passive element segments live outside it. */
#include <string.h>

#include "../interp/interp.h"
#include "rt_internal.h"

/* Byte offsets of the arrays that follow struct wisp_instance in its block. */
struct layout {
    size_t funcs, tables, mems, globals, elems, own_funcs, own_tables, own_mems, own_globals, dropped, total;
};

static bool place(uint64_t *at, uint64_t count, uint64_t elem, size_t *out) {
    *at = (*at + 15u) & ~(uint64_t)15u;
    *out = (size_t)*at;
    *at += count * elem; /* counts are bounded by the decoder's limits: no 64-bit overflow */
    return *at <= SIZE_MAX;
}

static bool layout_of(const struct module *m, struct layout *l) {
    uint64_t at = sizeof(struct wisp_instance);
    uint32_t own_tables = m->ntables - m->ntables_imported, own_mems = m->nmems - m->nmems_imported;
    uint32_t own_globals = m->nglobals - m->nglobals_imported;
    bool ok = place(&at, m->nfuncs, sizeof(struct wisp_func *), &l->funcs) &&
              place(&at, m->ntables, sizeof(struct wisp_table *), &l->tables) &&
              place(&at, m->nmems, sizeof(struct wisp_memory *), &l->mems) &&
              place(&at, m->nglobals, sizeof(struct wisp_global *), &l->globals) &&
              place(&at, m->nelems, sizeof(struct rt_elem), &l->elems) &&
              place(&at, m->ncodes, sizeof(struct wisp_func), &l->own_funcs) &&
              place(&at, own_tables, sizeof(struct wisp_table), &l->own_tables) &&
              place(&at, own_mems, sizeof(struct wisp_memory), &l->own_mems) &&
              place(&at, own_globals, sizeof(struct wisp_global), &l->own_globals) &&
              place(&at, m->ndatas, sizeof(bool), &l->dropped);
    l->total = (size_t)at;
    return ok && at <= SIZE_MAX;
}

void rt_instance_release(struct wisp_instance *inst) {
    const struct module *m = inst->mod;
    if (!m) return;
    for (uint32_t i = m->ntables_imported; i < m->ntables; i++)
        if (inst->tables[i]) rt_table_release(inst->tables[i]);
    for (uint32_t i = m->nmems_imported; i < m->nmems; i++)
        if (inst->mems[i]) rt_memory_release(inst->mems[i]);
    for (uint32_t i = 0; i < m->nelems; i++)
        if (inst->elems[i].refs)
            base_free(inst->store->alloc, inst->elems[i].refs, (size_t)m->elems[i].count * sizeof(uintptr_t));
}

static struct wisp_result import_error(struct wisp_store *s, const struct mod_import *imp, int why) {
    if (why == 2)
        return base_error(s->alloc, WISP_ERR_UNLINKABLE, imp->offset, UINT32_MAX, "unknown import: \"%.*s\".\"%.*s\"",
                          (int)imp->module_len, imp->module, (int)imp->name_len, imp->name);
    return base_error(s->alloc, WISP_ERR_UNLINKABLE, imp->offset, UINT32_MAX,
                      "incompatible import type for \"%.*s\".\"%.*s\"", (int)imp->module_len, imp->module,
                      (int)imp->name_len, imp->name);
}

/* Objects that know their store must come from this one (globals and host functions do not
 * record it). */
static bool same_store(const struct wisp_store *s, const struct wisp_extern *ext) {
    switch (ext->kind) {
    case WISP_EXTERN_FUNC: return ext->of.func->kind != RT_FUNC_WASM || ext->of.func->inst->store == s;
    case WISP_EXTERN_TABLE: return ext->of.table->store == s;
    case WISP_EXTERN_MEMORY: return ext->of.memory->store == s;
    default: return true;
    }
}

static struct wisp_result eval_failed(struct wisp_store *s, uint64_t offset) {
    /* Only an allocation failure or a constant the evaluator does not know gets here. */
    return base_error(s->alloc, WISP_ERR_OUT_OF_MEMORY, offset, UINT32_MAX,
                      "cannot evaluate constant expression");
}

/* Allocates the instance and everything it defines; no effect outside the store yet. */
static struct wisp_result allocate(struct wisp_store *s, const struct wisp_module *module,
                                   const struct wisp_extern *imports, struct wisp_instance **out) {
    const struct module *m = module->mod;
    struct layout l;
    if (!layout_of(m, &l)) return base_oom();
    char *block = rt_obj_new(s, RT_OBJ_INSTANCE, l.total);
    if (!block) return base_oom();
    struct wisp_instance *inst = (struct wisp_instance *)block;
    inst->store = s;
    inst->module = module;
    inst->mod = m;
    inst->funcs = (struct wisp_func **)(block + l.funcs);
    inst->tables = (struct wisp_table **)(block + l.tables);
    inst->mems = (struct wisp_memory **)(block + l.mems);
    inst->globals = (struct wisp_global **)(block + l.globals);
    inst->elems = (struct rt_elem *)(block + l.elems);
    inst->own_funcs = (struct wisp_func *)(block + l.own_funcs);
    inst->data_dropped = (bool *)(block + l.dropped);
    struct wisp_table *own_tables = (struct wisp_table *)(block + l.own_tables);
    struct wisp_memory *own_mems = (struct wisp_memory *)(block + l.own_mems);
    struct wisp_global *own_globals = (struct wisp_global *)(block + l.own_globals);
    *out = inst;

    uint32_t nf = 0, nt = 0, nm = 0, ng = 0;
    for (uint32_t i = 0; i < m->nimports; i++) {
        switch (m->imports[i].kind) {
        case MOD_FUNC: inst->funcs[nf++] = imports[i].of.func; break;
        case MOD_TABLE: inst->tables[nt++] = imports[i].of.table; break;
        case MOD_MEMORY: inst->mems[nm++] = imports[i].of.memory; break;
        case MOD_GLOBAL: inst->globals[ng++] = imports[i].of.global; break;
        default: break;
        }
    }
    for (uint32_t i = 0; i < m->ncodes; i++) {
        uint32_t idx = m->nfuncs_imported + i;
        struct wisp_func *f = &inst->own_funcs[i];
        f->kind = RT_FUNC_WASM;
        f->type = &m->types[m->func_types[idx]];
        rt_functype_pub(f->type, &f->pub_type);
        f->inst = inst;
        f->index = idx;
        f->code = m->compiled ? m->compiled[i] : NULL;
        inst->funcs[idx] = f;
    }
    for (uint32_t i = m->ntables_imported; i < m->ntables; i++) inst->tables[i] = &own_tables[i - m->ntables_imported];
    for (uint32_t i = m->nmems_imported; i < m->nmems; i++) inst->mems[i] = &own_mems[i - m->nmems_imported];
    for (uint32_t i = m->ntables_imported; i < m->ntables; i++) {
        struct wisp_result r = rt_table_setup(s, inst->tables[i], &m->tables[i], 0);
        if (r.kind != WISP_OK) return r;
    }
    for (uint32_t i = m->nmems_imported; i < m->nmems; i++) {
        struct wisp_result r = rt_memory_setup(s, inst->mems[i], &m->mems[i]);
        if (r.kind != WISP_OK) return r;
    }
    inst->mem0 = m->nmems ? inst->mems[0] : NULL;
    inst->caller_mem = inst->mem0;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const struct mod_export *ex = &m->exports[i];
        if (ex->kind == MOD_MEMORY && ex->name_len == 6 && memcmp(ex->name, "memory", 6) == 0)
            inst->caller_mem = inst->mems[ex->index];
    }

    /* Globals in order: an initialiser may read the globals before it. */
    for (uint32_t i = m->nglobals_imported; i < m->nglobals; i++) {
        struct wisp_global *g = &own_globals[i - m->nglobals_imported];
        g->type = m->globals[i];
        struct mod_expr init = m->global_inits[i - m->nglobals_imported];
        if (rt_const_eval(inst, init, g->val) != 0) return eval_failed(s, init.start);
        inst->globals[i] = g;
    }

    /* Passive segments keep their references for table.init; active and declarative ones are
     * dropped by instantiation, so their items are evaluated straight into the table later. */
    for (uint32_t i = 0; i < m->nelems; i++) {
        const struct mod_elem *e = &m->elems[i];
        if (e->mode != MOD_SEG_PASSIVE || e->count == 0) continue;
        uintptr_t *refs = base_calloc(s->alloc, e->count, sizeof *refs);
        if (!refs) return base_oom();
        inst->elems[i].refs = refs;
        for (uint32_t k = 0; k < e->count; k++) {
            if (e->func_indices) {
                refs[k] = (uintptr_t)inst->funcs[e->func_indices[k]];
            } else {
                uint64_t v[2];
                if (rt_const_eval(inst, e->exprs[k], v) != 0) return eval_failed(s, e->exprs[k].start);
                refs[k] = (uintptr_t)v[0];
            }
        }
        inst->elems[i].count = e->count;
    }
    return base_ok();
}

static struct wisp_result init_elem(struct wisp_store *s, struct wisp_instance *inst, uint32_t i) {
    const struct module *m = inst->mod;
    const struct mod_elem *e = &m->elems[i];
    uint64_t off[2];
    if (rt_const_eval(inst, e->offset, off) != 0) return eval_failed(s, e->offset.start);
    struct wisp_table *t = inst->tables[e->table];
    uint64_t dst = (uint32_t)off[0];
    if (dst > t->size || e->count > t->size - dst) {
        struct wisp_result r = base_trap(s->alloc, WISP_TRAP_TABLE_OUT_OF_BOUNDS);
        r.offset = e->offset_in_module;
        return r;
    }
    for (uint32_t k = 0; k < e->count; k++) {
        uintptr_t ref;
        if (e->func_indices) {
            ref = (uintptr_t)inst->funcs[e->func_indices[k]];
        } else {
            uint64_t v[2];
            if (rt_const_eval(inst, e->exprs[k], v) != 0) return eval_failed(s, e->exprs[k].start);
            ref = (uintptr_t)v[0];
        }
        t->elems[dst + k] = ref;
    }
    return base_ok();
}

static struct wisp_result init_data(struct wisp_store *s, struct wisp_instance *inst, uint32_t i) {
    const struct module *m = inst->mod;
    const struct mod_data *d = &m->datas[i];
    uint64_t off[2];
    if (rt_const_eval(inst, d->offset, off) != 0) return eval_failed(s, d->offset.start);
    struct wisp_memory *mem = inst->mems[d->memory];
    uint64_t dst = (uint32_t)off[0];
    if (dst > mem->size || d->len > mem->size - dst) {
        struct wisp_result r = base_trap(s->alloc, WISP_TRAP_MEMORY_OUT_OF_BOUNDS);
        r.offset = d->start;
        return r;
    }
    if (d->len) memcpy(mem->data + dst, m->bytes + d->start, d->len);
    return base_ok();
}

struct wisp_result wisp_instance_new(struct wisp_store *store, const struct wisp_module *module,
                                     const struct wisp_extern *imports, size_t nimports, struct wisp_instance **out) {
    if (out) *out = NULL;
    if (!store || !module || !out || (nimports && !imports)) return rt_bad_arg("NULL store, module, imports or out");
    const struct module *m = module->mod;
    if (nimports != m->nimports)
        return base_error(store->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX,
                          "the module has %u imports but %zu were given", m->nimports, nimports);
    for (uint32_t i = 0; i < m->nimports; i++) {
        int why = rt_import_check(m, &m->imports[i], &imports[i]);
        if (why) return import_error(store, &m->imports[i], why);
        if (!same_store(store, &imports[i])) {
            const struct mod_import *imp = &m->imports[i];
            return base_error(store->alloc, WISP_ERR_ARGUMENT, imp->offset, UINT32_MAX,
                              "import \"%.*s\".\"%.*s\" belongs to another store", (int)imp->module_len, imp->module,
                              (int)imp->name_len, imp->name);
        }
    }

    struct rt_object *mark = store->objects;
    struct wisp_instance *inst = NULL;
    struct wisp_result r = allocate(store, module, imports, &inst);
    if (r.kind != WISP_OK) {
        rt_store_unwind(store, mark);
        return r;
    }

    /* From here on effects are visible through imported tables and memories, so a trap leaves
     * the instance in the store (its functions may already sit in an imported table). */
    for (uint32_t i = 0; i < m->nelems; i++) {
        if (m->elems[i].mode != MOD_SEG_ACTIVE) continue;
        r = init_elem(store, inst, i);
        if (r.kind != WISP_OK) return r;
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        if (m->datas[i].mode != MOD_SEG_ACTIVE) continue;
        r = init_data(store, inst, i);
        if (r.kind != WISP_OK) return r;
        inst->data_dropped[i] = true;
    }
    if (m->has_start) {
        struct wisp_func *f = inst->funcs[m->start];
        uint64_t slots[2] = {0, 0};
        if (f->kind == RT_FUNC_HOST)
            r = rt_call_host(store, f, inst, slots);
        else if (rt_exec_ensure(store) != 0)
            r = base_oom();
        else
            r = interp_call(store, f, slots);
        if (r.kind != WISP_OK) return r;
    }
    *out = inst;
    return base_ok();
}

const struct wisp_module *wisp_instance_module(const struct wisp_instance *inst) { return inst ? inst->module : NULL; }

static void extern_of(const struct wisp_instance *inst, const struct mod_export *ex, struct wisp_extern *out) {
    memset(out, 0, sizeof *out);
    out->kind = (enum wisp_extern_kind)ex->kind;
    switch (ex->kind) {
    case MOD_FUNC: out->of.func = inst->funcs[ex->index]; break;
    case MOD_TABLE: out->of.table = inst->tables[ex->index]; break;
    case MOD_MEMORY: out->of.memory = inst->mems[ex->index]; break;
    case MOD_GLOBAL: out->of.global = inst->globals[ex->index]; break;
    default: break;
    }
}

bool wisp_instance_export(const struct wisp_instance *inst, const char *name, struct wisp_extern *out) {
    if (!inst || !name) return false;
    const struct module *m = inst->mod;
    size_t len = strlen(name);
    for (uint32_t i = 0; i < m->nexports; i++) {
        const struct mod_export *ex = &m->exports[i];
        if (ex->name_len == len && memcmp(ex->name, name, len) == 0) {
            if (out) extern_of(inst, ex, out);
            return true;
        }
    }
    return false;
}

size_t wisp_instance_export_count(const struct wisp_instance *inst) { return inst ? inst->mod->nexports : 0; }

bool wisp_instance_export_at(const struct wisp_instance *inst, size_t i, const char **name, struct wisp_extern *out) {
    if (!inst || i >= inst->mod->nexports) return false;
    const struct mod_export *ex = &inst->mod->exports[i];
    if (name) *name = ex->name;
    if (out) extern_of(inst, ex, out);
    return true;
}

struct wisp_result wisp_instance_call(struct wisp_instance *inst, const char *name, const struct wisp_value *args,
                                      size_t nargs, struct wisp_value *results, size_t nresults) {
    if (!inst || !name) return rt_bad_arg("NULL instance or name");
    struct wisp_extern ext;
    if (!wisp_instance_export(inst, name, &ext))
        return base_error(inst->store->alloc, WISP_ERR_NOT_FOUND, UINT64_MAX, UINT32_MAX, "no export named \"%s\"",
                          name);
    if (ext.kind != WISP_EXTERN_FUNC)
        return base_error(inst->store->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX,
                          "export \"%s\" is not a function", name);
    return wisp_func_call(inst->store, ext.of.func, args, nargs, results, nresults);
}
