/* Modules: decode -> compile-while-validating -> keep; and their import/export descriptions. */
#include <string.h>

#include "../decode/decode.h"
#include "../interp/interp.h"
#include "../validate/validate.h"
#include "rt_internal.h"

/* Releases the compiled code (owned by the runtime) and then the decoded module. */
static void module_destroy(struct module *m) {
    if (!m) return;
    if (m->compiled) {
        for (uint32_t i = 0; i < m->ncodes; i++)
            if (m->compiled[i]) interp_code_free(&m->alloc, m->compiled[i]);
        base_free(&m->alloc, m->compiled, (size_t)m->ncodes * sizeof *m->compiled);
        m->compiled = NULL;
    }
    mod_free(m);
}

struct wisp_result wisp_module_new(struct wisp_engine *engine, const uint8_t *bytes, size_t len,
                                   struct wisp_module **out) {
    if (out) *out = NULL;
    if (!engine || !out || (len && !bytes)) return rt_bad_arg("NULL engine, bytes or out");
    struct module *m = NULL;
    struct wisp_result r = dec_module(&engine->alloc, bytes, len, &m);
    if (r.kind != WISP_OK) return r;

    struct cg_backend cg;
    memset(&cg, 0, sizeof cg);
    struct interp_backend *b = interp_backend_new(m, &cg);
    if (!b) {
        module_destroy(m);
        return base_oom();
    }
    r = val_module(m, &cg); /* owned by engine->alloc (m->owner_alloc) */
    interp_backend_free(b);
    if (r.kind != WISP_OK) {
        module_destroy(m);
        return r;
    }

    struct wisp_module *wm = base_alloc(&engine->alloc, sizeof *wm);
    if (!wm) {
        module_destroy(m);
        return base_oom();
    }
    wm->engine = engine;
    wm->mod = m;
    *out = wm;
    return base_ok();
}

struct wisp_result wisp_module_validate(struct wisp_engine *engine, const uint8_t *bytes, size_t len) {
    if (!engine || (len && !bytes)) return rt_bad_arg("NULL engine or bytes");
    struct module *m = NULL;
    struct wisp_result r = dec_module(&engine->alloc, bytes, len, &m);
    if (r.kind != WISP_OK) return r;
    r = val_module(m, NULL);
    module_destroy(m);
    return r;
}

void wisp_module_free(struct wisp_module *module) {
    if (!module) return;
    struct wisp_engine *e = module->engine;
    module_destroy(module->mod);
    base_free(&e->alloc, module, sizeof *module);
}

size_t wisp_module_import_count(const struct wisp_module *module) { return module ? module->mod->nimports : 0; }

bool wisp_module_import(const struct wisp_module *module, size_t i, struct wisp_import_desc *out) {
    if (!module || !out || i >= module->mod->nimports) return false;
    const struct module *m = module->mod;
    const struct mod_import *imp = &m->imports[i];
    memset(out, 0, sizeof *out);
    out->module = imp->module;
    out->module_len = imp->module_len;
    out->name = imp->name;
    out->name_len = imp->name_len;
    out->type.kind = (enum wisp_extern_kind)imp->kind;
    switch (imp->kind) {
    case MOD_FUNC: rt_functype_pub(&m->types[imp->of.func_type], &out->type.of.func); break;
    case MOD_TABLE:
        out->type.of.table.elem_type = imp->of.table.elem;
        out->type.of.table.limits.min = imp->of.table.lim.min;
        out->type.of.table.limits.max = imp->of.table.lim.has_max ? imp->of.table.lim.max : 0;
        out->type.of.table.limits.has_max = imp->of.table.lim.has_max;
        break;
    case MOD_MEMORY:
        out->type.of.memory.limits.min = imp->of.mem.lim.min;
        out->type.of.memory.limits.max = imp->of.mem.lim.has_max ? imp->of.mem.lim.max : 0;
        out->type.of.memory.limits.has_max = imp->of.mem.lim.has_max;
        break;
    case MOD_GLOBAL:
        out->type.of.global.type = imp->of.global.type;
        out->type.of.global.mutable_ = imp->of.global.mut;
        break;
    default: break;
    }
    return true;
}

size_t wisp_module_export_count(const struct wisp_module *module) { return module ? module->mod->nexports : 0; }

bool wisp_module_export(const struct wisp_module *module, size_t i, struct wisp_export_desc *out) {
    if (!module || !out || i >= module->mod->nexports) return false;
    const struct mod_export *ex = &module->mod->exports[i];
    memset(out, 0, sizeof *out);
    out->name = ex->name;
    out->name_len = ex->name_len;
    rt_module_externtype(module->mod, ex->kind, ex->index, &out->type);
    return true;
}

const char *wisp_module_func_name(const struct wisp_module *module, uint32_t func_index) {
    if (!module) return NULL;
    return mod_func_name(module->mod, func_index);
}
