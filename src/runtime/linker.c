/* The linker: a (module, name) -> extern map that resolves a module's imports by name. */
#include <string.h>

#include "rt_internal.h"

struct link_entry {
    char *module; /* one allocation: module, NUL, name, NUL */
    char *name;   /* into it */
    size_t module_len;
    size_t name_len;
    uint32_t hash; /* of both names: most lookups compare nothing else */
    struct wisp_extern ext;
};

struct wisp_linker {
    struct wisp_store *store;
    const struct wisp_allocator *alloc; /* the engine's: the linker may outlive the store */
    struct link_entry *items;
    size_t count;
    size_t cap;
};

struct wisp_linker *wisp_linker_new(struct wisp_store *store) {
    if (!store) return NULL;
    struct wisp_linker *l = base_alloc(store->alloc, sizeof *l);
    if (!l) return NULL;
    memset(l, 0, sizeof *l);
    l->store = store;
    l->alloc = store->alloc;
    return l;
}

void wisp_linker_free(struct wisp_linker *l) {
    if (!l) return;
    const struct wisp_allocator *a = l->alloc;
    for (size_t i = 0; i < l->count; i++)
        base_free(a, l->items[i].module, l->items[i].module_len + l->items[i].name_len + 2);
    base_free(a, l->items, l->cap * sizeof *l->items);
    base_free(a, l, sizeof *l);
}

/* FNV-1a over the module name, a separator and the name. */
static uint32_t key_hash(const char *module, size_t mlen, const char *name, size_t nlen) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < mlen; i++) h = (h ^ (uint8_t)module[i]) * 16777619u;
    h = (h ^ 0xffu) * 16777619u;
    for (size_t i = 0; i < nlen; i++) h = (h ^ (uint8_t)name[i]) * 16777619u;
    return h;
}

static struct link_entry *find(const struct wisp_linker *l, const char *module, size_t mlen, const char *name,
                               size_t nlen, uint32_t hash) {
    for (size_t i = 0; i < l->count; i++) {
        struct link_entry *e = &l->items[i];
        if (e->hash == hash && e->module_len == mlen && e->name_len == nlen && memcmp(e->module, module, mlen) == 0 &&
            memcmp(e->name, name, nlen) == 0)
            return e;
    }
    return NULL;
}

static struct wisp_result define(struct wisp_linker *l, const char *module, size_t mlen, const char *name,
                                 size_t nlen, struct wisp_extern ext) {
    uint32_t hash = key_hash(module, mlen, name, nlen);
    struct link_entry *e = find(l, module, mlen, name, nlen, hash);
    if (e) {
        e->ext = ext;
        return base_ok();
    }
    const struct wisp_allocator *a = l->alloc;
    if (mlen > SIZE_MAX / 2 - 1 || nlen > SIZE_MAX / 2 - 1) return base_oom();
    if (base_grow(a, (void **)&l->items, &l->cap, l->count + 1, sizeof *l->items) != 0) return base_oom();
    char *m = base_alloc(a, mlen + nlen + 2);
    if (!m) return base_oom();
    if (mlen) memcpy(m, module, mlen);
    m[mlen] = 0;
    if (nlen) memcpy(m + mlen + 1, name, nlen);
    m[mlen + 1 + nlen] = 0;
    e = &l->items[l->count++];
    e->module = m;
    e->module_len = mlen;
    e->name = m + mlen + 1;
    e->name_len = nlen;
    e->hash = hash;
    e->ext = ext;
    return base_ok();
}

static bool extern_ok(const struct wisp_extern *ext) {
    switch (ext->kind) {
    case WISP_EXTERN_FUNC: return ext->of.func != NULL;
    case WISP_EXTERN_TABLE: return ext->of.table != NULL;
    case WISP_EXTERN_MEMORY: return ext->of.memory != NULL;
    case WISP_EXTERN_GLOBAL: return ext->of.global != NULL;
    default: return false;
    }
}

struct wisp_result wisp_linker_define(struct wisp_linker *l, const char *module, const char *name,
                                      struct wisp_extern ext) {
    if (!l || !module || !name) return rt_bad_arg("NULL linker, module or name");
    if (!extern_ok(&ext)) return rt_bad_arg("invalid extern");
    return define(l, module, strlen(module), name, strlen(name), ext);
}

struct wisp_result wisp_linker_define_func(struct wisp_linker *l, const char *module, const char *name,
                                           const struct wisp_functype *type, wisp_host_fn fn, void *env,
                                           void (*finalizer)(void *env)) {
    if (!l || !module || !name || !type || !fn) return rt_bad_arg("NULL linker, module, name, type or function");
    if (!rt_functype_valid(type)) return rt_bad_arg("invalid function type");
    struct wisp_extern ext;
    ext.kind = WISP_EXTERN_FUNC;
    ext.of.func = wisp_func_new(l->store, type, fn, env, finalizer);
    if (!ext.of.func) return base_oom();
    /* On failure the function stays in the store, which frees it (and runs the finalizer) later. */
    return define(l, module, strlen(module), name, strlen(name), ext);
}

struct wisp_result wisp_linker_define_instance(struct wisp_linker *l, const char *module,
                                               const struct wisp_instance *inst) {
    if (!l || !module || !inst) return rt_bad_arg("NULL linker, module or instance");
    size_t mlen = strlen(module);
    size_t n = wisp_instance_export_count(inst);
    for (size_t i = 0; i < n; i++) {
        const char *name;
        struct wisp_extern ext;
        wisp_instance_export_at(inst, i, &name, &ext);
        struct wisp_result r = define(l, module, mlen, name, inst->mod->exports[i].name_len, ext);
        if (r.kind != WISP_OK) return r;
    }
    return base_ok();
}

struct wisp_result wisp_linker_instantiate(struct wisp_linker *l, const struct wisp_module *module,
                                           struct wisp_instance **out) {
    if (out) *out = NULL;
    if (!l || !module || !out) return rt_bad_arg("NULL linker, module or out");
    const struct module *m = module->mod;
    const struct wisp_allocator *a = l->alloc;
    struct wisp_extern *ext = NULL;
    if (m->nimports) {
        ext = base_calloc(a, m->nimports, sizeof *ext);
        if (!ext) return base_oom();
    }
    struct wisp_result r = base_ok();
    for (uint32_t i = 0; i < m->nimports && r.kind == WISP_OK; i++) {
        const struct mod_import *imp = &m->imports[i];
        const struct link_entry *e = find(l, imp->module, imp->module_len, imp->name, imp->name_len,
                                          key_hash(imp->module, imp->module_len, imp->name, imp->name_len));
        if (!e)
            r = base_error(a, WISP_ERR_UNLINKABLE, imp->offset, UINT32_MAX, "unknown import: \"%.*s\".\"%.*s\"",
                           (int)imp->module_len, imp->module, (int)imp->name_len, imp->name);
        else
            ext[i] = e->ext;
    }
    if (r.kind == WISP_OK) r = wisp_instance_new(l->store, module, ext, m->nimports, out);
    base_free(a, ext, (size_t)m->nimports * sizeof *ext);
    return r;
}
