/* The spec runner's adapter for the native API (include/wisp.h): a wisp linker resolves imports,
 * results are copied into spec outcomes. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

struct spec_session {
    struct wisp_engine *engine;
    struct wisp_store *store;
    struct wisp_linker *linker;
    struct wisp_module **mods; /* every module compiled; freed after the store */
    size_t nmods, capmods;
};

/* The adapter's module and instance handles are the wisp objects themselves. */
static struct wisp_module *mod_of(struct spec_module *m) { return (struct wisp_module *)(void *)m; }
static struct wisp_instance *inst_of(struct spec_instance *i) { return (struct wisp_instance *)(void *)i; }

/* Moves a wisp result into an outcome and frees the result. */
static void take_result(struct wisp_result *r, struct spec_outcome *out) {
    memset(out, 0, sizeof *out);
    out->kind = r->kind;
    out->trap = r->trap;
    out->error = r->error;
    out->exit_code = r->exit_code;
    out->message = r->message ? spec_xstrdup(r->message) : NULL;
    out->offset = r->offset;
    out->func_index = r->func_index;
    wisp_result_free(r);
}

static void w_close(struct spec_session *s) {
    if (!s) return;
    if (s->linker) wisp_linker_free(s->linker);
    if (s->store) wisp_store_free(s->store); /* instances refer to their modules: free it first */
    for (size_t i = 0; i < s->nmods; i++) wisp_module_free(s->mods[i]);
    if (s->engine) wisp_engine_free(s->engine);
    free(s->mods);
    free(s);
}

static struct spec_session *w_open(struct spec_buf *err) {
    struct spec_session *s = spec_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->engine = wisp_engine_new(NULL);
    s->store = s->engine ? wisp_store_new(s->engine) : NULL;
    s->linker = s->store ? wisp_linker_new(s->store) : NULL;
    if (!s->linker) spec_buf_printf(err, "cannot create engine, store or linker");
    if (!s->linker || !spec_define_spectest(s->linker, s->store, err)) {
        w_close(s);
        return NULL;
    }
    return s;
}

static struct spec_module *w_compile(struct spec_session *s, const uint8_t *bytes, size_t len,
                                     struct spec_outcome *out) {
    struct wisp_module *mod = NULL;
    struct wisp_result r = wisp_module_new(s->engine, bytes, len, &mod);
    bool ok = r.kind == WISP_OK;
    take_result(&r, out);
    if (ok && !mod) {
        spec_outcome_free(out);
        *out = spec_outcome_error(WISP_ERR_NONE, "wisp_module_new returned success without a module");
    }
    if (!mod) return NULL;
    if (s->nmods == s->capmods) {
        s->capmods = s->capmods ? s->capmods * 2 : 16;
        s->mods = spec_xrealloc(s->mods, s->capmods * sizeof *s->mods);
    }
    s->mods[s->nmods++] = mod;
    if (!ok) return NULL; /* kept for freeing, but the compile failed */
    return (struct spec_module *)(void *)mod;
}

static void w_validate(struct spec_session *s, const uint8_t *bytes, size_t len, struct spec_outcome *out) {
    struct wisp_result r = wisp_module_validate(s->engine, bytes, len);
    take_result(&r, out);
}

static struct spec_instance *w_instantiate(struct spec_session *s, struct spec_module *m, struct spec_outcome *out) {
    struct wisp_instance *inst = NULL;
    struct wisp_result r = wisp_linker_instantiate(s->linker, mod_of(m), &inst);
    bool ok = r.kind == WISP_OK;
    take_result(&r, out);
    if (ok && !inst) {
        spec_outcome_free(out);
        *out = spec_outcome_error(WISP_ERR_NONE, "wisp_linker_instantiate returned success without an instance");
    }
    return ok ? (struct spec_instance *)(void *)inst : NULL;
}

static void w_register(struct spec_session *s, const struct spec_name *as, struct spec_instance *inst,
                       struct spec_outcome *out) {
    struct wisp_result r = wisp_linker_define_instance(s->linker, as->s, inst_of(inst));
    take_result(&r, out);
}

/* Looks up an export by a name that may contain NUL bytes. */
static bool find_export(const struct wisp_instance *inst, const struct spec_name *name, struct wisp_extern *out) {
    if (strlen(name->s) == name->len) return wisp_instance_export(inst, name->s, out);
    const struct wisp_module *mod = wisp_instance_module(inst);
    size_t n = wisp_instance_export_count(inst);
    for (size_t i = 0; i < n; i++) {
        struct wisp_export_desc d;
        const char *nm;
        if (wisp_module_export(mod, i, &d) && d.name_len == name->len && memcmp(d.name, name->s, name->len) == 0)
            return wisp_instance_export_at(inst, i, &nm, out);
    }
    return false;
}

static enum spec_action_status w_invoke(struct spec_session *s, struct spec_instance *inst,
                                        const struct spec_name *field, const struct wisp_value *args, size_t nargs,
                                        struct wisp_value **results, size_t *nresults, struct spec_outcome *out) {
    struct wisp_extern ext;
    if (!find_export(inst_of(inst), field, &ext)) return SPEC_ACTION_NO_EXPORT;
    if (ext.kind != WISP_EXTERN_FUNC) return SPEC_ACTION_WRONG_KIND;
    const struct wisp_functype *ft = wisp_func_type(ext.of.func);
    size_t n = ft ? ft->result_count : 0;
    *results = spec_xmalloc((n ? n : 1) * sizeof **results);
    memset(*results, 0, (n ? n : 1) * sizeof **results);
    *nresults = n;
    struct wisp_result r = wisp_func_call(s->store, ext.of.func, args, nargs, *results, n);
    take_result(&r, out);
    return SPEC_ACTION_DONE;
}

static enum spec_action_status w_get(struct spec_session *s, struct spec_instance *inst,
                                     const struct spec_name *field, struct wisp_value *value) {
    (void)s;
    struct wisp_extern ext;
    if (!find_export(inst_of(inst), field, &ext)) return SPEC_ACTION_NO_EXPORT;
    if (ext.kind != WISP_EXTERN_GLOBAL) return SPEC_ACTION_WRONG_KIND;
    *value = wisp_global_get(ext.of.global);
    return SPEC_ACTION_DONE;
}

const struct spec_api spec_api_wisp = {
    .name = "wisp",
    .unsupported = NULL,
    .has_v128 = true,
    .open = w_open,
    .close = w_close,
    .compile = w_compile,
    .validate = w_validate,
    .instantiate = w_instantiate,
    .register_instance = w_register,
    .invoke = w_invoke,
    .get = w_get,
};
