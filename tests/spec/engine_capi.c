/* The spec runner's adapter for the standard C API (include/wasm.h), so the spec suite holds that
 * layer to the same results as wisp.h. wasm.h has no linker: imports are resolved here by name
 * from the registered instances' exports and the `spectest` objects, made through wasm.h too.
 *
 * What wasm.h cannot say is taken from the documented extension include/wasm_wisp.h:
 * - why wasm_module_new / wasm_module_validate / wasm_instance_new failed
 *   (wisp_capi_last_error_code: malformed vs invalid vs unlinkable; the spec distinguishes them);
 * - what a trap was (wisp_capi_trap_code; the message comes from wasm_trap_message and is
 *   checked as well).
 * Values: i32/i64/f32/f64 as in wasm_val_t (floats keep their bits), externref N as a
 * wasm_foreign_t whose host info is the runner's pointer for N, funcref results as non-null
 * markers. v128 values cannot be expressed: such actions are reported as unsupported (skipped).
 *
 * spec_api_capi_serialize (--api=capi-serialize) is the same except that every module compiled is
 * serialized, deleted and deserialized (wasm_module_serialize/deserialize) before it is used, so
 * the whole suite also runs on modules that went through the serialized form. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "wasm.h"
#include "wasm_wisp.h"

/* One name -> extern definition; the latest definition of a name wins, as in a linker. */
struct def {
    struct spec_name module, name;
    wasm_extern_t *ext; /* borrowed from an instance's export vector or a spectest object */
};

struct spec_instance {
    wasm_instance_t *inst;
    wasm_extern_vec_t exports;
    wasm_exporttype_vec_t types; /* the module's, for the names */
};

struct spec_module {
    wasm_module_t *mod;
};

struct foreign {
    void *host; /* spec_extern_ref(N) */
    wasm_foreign_t *obj;
};

struct spec_session {
    wasm_engine_t *engine;
    wasm_store_t *store;
    struct def *defs;
    size_t ndefs, capdefs;
    struct spec_module **mods;
    size_t nmods, capmods;
    struct spec_instance **insts;
    size_t ninsts, capinsts;
    struct foreign *foreigns;
    size_t nforeigns, capforeigns;
    wasm_func_t *print;
    wasm_extern_t *spectest[16]; /* the spectest objects (13), owned (as externs) */
    size_t nspectest;
};

static void *grow(void *p, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : 16;
    return spec_xrealloc(p, *cap * elem);
}

static struct spec_name name_of(const char *s, size_t len) {
    struct spec_name n;
    n.s = spec_xmalloc(len + 1);
    if (len) memcpy(n.s, s, len);
    n.s[len] = '\0';
    n.len = len;
    return n;
}

static bool name_eq(const struct spec_name *a, const wasm_name_t *b) {
    return a->len == b->size && (a->len == 0 || memcmp(a->s, b->data, a->len) == 0);
}

static void define(struct spec_session *s, const char *module, size_t mlen, const char *name, size_t nlen,
                   wasm_extern_t *ext) {
    s->defs = grow(s->defs, &s->capdefs, s->ndefs, sizeof *s->defs);
    struct def *d = &s->defs[s->ndefs++];
    d->module = name_of(module, mlen);
    d->name = name_of(name, nlen);
    d->ext = ext;
}

static wasm_extern_t *lookup(const struct spec_session *s, const wasm_name_t *module, const wasm_name_t *name) {
    for (size_t i = s->ndefs; i-- > 0;)
        if (name_eq(&s->defs[i].module, module) && name_eq(&s->defs[i].name, name)) return s->defs[i].ext;
    return NULL;
}

/* ---- outcomes -------------------------------------------------------------------------------- */

/* A trap (owned, deleted here) as an outcome: its code from the extension, its message. */
static void trap_outcome(wasm_trap_t *trap, struct spec_outcome *out) {
    *out = spec_outcome_ok();
    out->kind = WISP_TRAP;
    out->trap = wisp_capi_trap_code(trap);
    wasm_message_t msg;
    wasm_trap_message(trap, &msg);
    size_t n = msg.size;
    while (n > 0 && msg.data[n - 1] == '\0') n--; /* the message includes its NUL */
    struct spec_name text = name_of(msg.data ? msg.data : "", n);
    out->message = text.s;
    wasm_byte_vec_delete(&msg);
    wasm_frame_t *origin = wasm_trap_origin(trap);
    if (origin) {
        out->func_index = wasm_frame_func_index(origin);
        out->offset = wasm_frame_module_offset(origin);
        wasm_frame_delete(origin);
    }
    wasm_trap_delete(trap);
}

/* The store's last error (after a failed call) as an outcome. */
static void error_outcome(const struct spec_session *s, const char *what, struct spec_outcome *out) {
    enum wisp_error_code code = wisp_capi_last_error_code(s->store);
    const char *msg = wisp_capi_last_error(s->store);
    if (code == WISP_ERR_NONE)
        *out = spec_outcome_error(WISP_ERR_NONE, "%s failed but wisp_capi_last_error_code says none (%s)", what,
                                  msg ? msg : "no message");
    else
        *out = spec_outcome_error(code, "%s", msg ? msg : "(no message)");
}

/* ---- values ---------------------------------------------------------------------------------- */

static wasm_ref_t *foreign_for(struct spec_session *s, void *host) {
    for (size_t i = 0; i < s->nforeigns; i++)
        if (s->foreigns[i].host == host) return wasm_foreign_as_ref(s->foreigns[i].obj);
    wasm_foreign_t *f = wasm_foreign_new(s->store);
    if (!f) return NULL;
    wasm_foreign_set_host_info(f, host);
    s->foreigns = grow(s->foreigns, &s->capforeigns, s->nforeigns, sizeof *s->foreigns);
    s->foreigns[s->nforeigns++] = (struct foreign){host, f};
    return wasm_foreign_as_ref(f);
}

/* wisp_value -> wasm_val_t (references borrowed). False if wasm.h cannot carry it. */
static bool to_val(struct spec_session *s, const struct wisp_value *v, wasm_val_t *out) {
    memset(out, 0, sizeof *out);
    switch (v->type) {
    case WISP_I32: out->kind = WASM_I32; out->of.i32 = v->of.i32; return true;
    case WISP_I64: out->kind = WASM_I64; out->of.i64 = v->of.i64; return true;
    case WISP_F32: out->kind = WASM_F32; memcpy(&out->of.f32, &v->of.f32_bits, 4); return true;
    case WISP_F64: out->kind = WASM_F64; memcpy(&out->of.f64, &v->of.f64_bits, 8); return true;
    case WISP_FUNCREF:
        out->kind = WASM_FUNCREF;
        return v->of.funcref == NULL; /* the spec tests pass only null function references */
    case WISP_EXTERNREF:
        out->kind = WASM_EXTERNREF;
        if (v->of.externref) out->of.ref = foreign_for(s, v->of.externref);
        return !v->of.externref || out->of.ref;
    default: return false;
    }
}

/* The non-null value a funcref result turns into (the runner only tells null from non-null). */
static const char funcref_marker;

/* wasm_val_t -> wisp_value; false if the kind is not one the runner knows. */
static bool from_val(const wasm_val_t *v, struct wisp_value *out) {
    memset(out, 0, sizeof *out);
    switch (v->kind) {
    case WASM_I32: out->type = WISP_I32; out->of.i32 = v->of.i32; return true;
    case WASM_I64: out->type = WISP_I64; out->of.i64 = v->of.i64; return true;
    case WASM_F32: out->type = WISP_F32; memcpy(&out->of.f32_bits, &v->of.f32, 4); return true;
    case WASM_F64: out->type = WISP_F64; memcpy(&out->of.f64_bits, &v->of.f64, 8); return true;
    case WASM_FUNCREF:
        out->type = WISP_FUNCREF;
        out->of.funcref = v->of.ref ? (struct wisp_func *)(void *)(uintptr_t)&funcref_marker : NULL;
        return true;
    case WASM_EXTERNREF:
        out->type = WISP_EXTERNREF;
        /* Our foreign objects carry the runner's pointer; anything else shows as itself. */
        out->of.externref = v->of.ref ? (wasm_ref_get_host_info(v->of.ref) ? wasm_ref_get_host_info(v->of.ref)
                                                                           : (void *)v->of.ref)
                                      : NULL;
        return true;
    default: return false;
    }
}

/* ---- spectest ---------------------------------------------------------------------------------- */

static wasm_trap_t *spectest_print(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    return NULL;
}

static bool add_spectest(struct spec_session *s, const char *name, wasm_extern_t *ext, struct spec_buf *err) {
    if (!ext) {
        spec_buf_printf(err, "spectest.%s: cannot create through wasm.h", name);
        return false;
    }
    s->spectest[s->nspectest++] = ext;
    define(s, "spectest", 8, name, strlen(name), ext);
    return true;
}

static wasm_extern_t *spectest_global(struct spec_session *s, wasm_val_t v) {
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new(v.kind), WASM_CONST);
    wasm_global_t *g = gt ? wasm_global_new(s->store, gt, &v) : NULL;
    wasm_globaltype_delete(gt);
    return g ? wasm_global_as_extern(g) : NULL;
}

static bool define_spectest(struct spec_session *s, struct spec_buf *err) {
    static const struct {
        const char *name;
        wasm_valkind_t params[2];
        size_t n;
    } prints[] = {
        {"print", {0, 0}, 0},
        {"print_i32", {WASM_I32, 0}, 1},
        {"print_i64", {WASM_I64, 0}, 1},
        {"print_f32", {WASM_F32, 0}, 1},
        {"print_f64", {WASM_F64, 0}, 1},
        {"print_i32_f32", {WASM_I32, WASM_F32}, 2},
        {"print_f64_f64", {WASM_F64, WASM_F64}, 2},
    };
    for (size_t i = 0; i < sizeof prints / sizeof prints[0]; i++) {
        wasm_valtype_t *ps[2] = {NULL, NULL};
        for (size_t k = 0; k < prints[i].n; k++) ps[k] = wasm_valtype_new(prints[i].params[k]);
        wasm_valtype_vec_t params, results;
        wasm_valtype_vec_new(&params, prints[i].n, ps);
        wasm_valtype_vec_new_empty(&results);
        wasm_functype_t *ft = wasm_functype_new(&params, &results);
        wasm_func_t *f = ft ? wasm_func_new(s->store, ft, spectest_print) : NULL;
        wasm_functype_delete(ft);
        if (!add_spectest(s, prints[i].name, f ? wasm_func_as_extern(f) : NULL, err)) return false;
    }
    float f32 = 666.6f;
    double f64 = 666.6;
    if (!add_spectest(s, "global_i32", spectest_global(s, (wasm_val_t)WASM_I32_VAL(666)), err) ||
        !add_spectest(s, "global_i64", spectest_global(s, (wasm_val_t)WASM_I64_VAL(666)), err) ||
        !add_spectest(s, "global_f32", spectest_global(s, (wasm_val_t)WASM_F32_VAL(f32)), err) ||
        !add_spectest(s, "global_f64", spectest_global(s, (wasm_val_t)WASM_F64_VAL(f64)), err))
        return false;
    wasm_limits_t tl = {10, 20}, ml = {1, 2};
    wasm_tabletype_t *tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &tl);
    wasm_table_t *t = tt ? wasm_table_new(s->store, tt, NULL) : NULL;
    wasm_tabletype_delete(tt);
    if (!add_spectest(s, "table", t ? wasm_table_as_extern(t) : NULL, err)) return false;
    wasm_memorytype_t *mt = wasm_memorytype_new(&ml);
    wasm_memory_t *m = mt ? wasm_memory_new(s->store, mt) : NULL;
    wasm_memorytype_delete(mt);
    return add_spectest(s, "memory", m ? wasm_memory_as_extern(m) : NULL, err);
}

/* ---- the adapter --------------------------------------------------------------------------------- */

static void c_close(struct spec_session *s) {
    if (!s) return;
    for (size_t i = 0; i < s->ninsts; i++) {
        wasm_extern_vec_delete(&s->insts[i]->exports);
        wasm_exporttype_vec_delete(&s->insts[i]->types);
        wasm_instance_delete(s->insts[i]->inst);
        free(s->insts[i]);
    }
    for (size_t i = 0; i < s->nmods; i++) {
        wasm_module_delete(s->mods[i]->mod);
        free(s->mods[i]);
    }
    for (size_t i = 0; i < s->nspectest; i++) {
        wasm_extern_t *e = s->spectest[i];
        switch (wasm_extern_kind(e)) {
        case WASM_EXTERN_FUNC: wasm_func_delete(wasm_extern_as_func(e)); break;
        case WASM_EXTERN_GLOBAL: wasm_global_delete(wasm_extern_as_global(e)); break;
        case WASM_EXTERN_TABLE: wasm_table_delete(wasm_extern_as_table(e)); break;
        default: wasm_memory_delete(wasm_extern_as_memory(e)); break;
        }
    }
    for (size_t i = 0; i < s->nforeigns; i++) wasm_foreign_delete(s->foreigns[i].obj);
    for (size_t i = 0; i < s->ndefs; i++) {
        spec_name_free(&s->defs[i].module);
        spec_name_free(&s->defs[i].name);
    }
    if (s->store) wasm_store_delete(s->store);
    if (s->engine) wasm_engine_delete(s->engine);
    free(s->defs);
    free(s->mods);
    free(s->insts);
    free(s->foreigns);
    free(s);
}

static struct spec_session *c_open(struct spec_buf *err) {
    struct spec_session *s = spec_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->engine = wasm_engine_new();
    s->store = s->engine ? wasm_store_new(s->engine) : NULL;
    if (!s->store) spec_buf_printf(err, "cannot create a wasm.h engine and store");
    if (!s->store || !define_spectest(s, err)) {
        c_close(s);
        return NULL;
    }
    return s;
}

static struct spec_module *compile(struct spec_session *s, const uint8_t *bytes, size_t len, bool roundtrip,
                                   struct spec_outcome *out) {
    wasm_byte_vec_t binary = {len, (byte_t *)(uintptr_t)bytes};
    wasm_module_t *mod = wasm_module_new(s->store, &binary);
    if (!mod) {
        error_outcome(s, "wasm_module_new", out);
        return NULL;
    }
    if (roundtrip) {
        wasm_byte_vec_t ser;
        wasm_module_serialize(mod, &ser);
        wasm_module_delete(mod);
        mod = ser.size ? wasm_module_deserialize(s->store, &ser) : NULL;
        wasm_byte_vec_delete(&ser);
        if (!mod) {
            const char *why = wisp_capi_last_error(s->store);
            *out = spec_outcome_error(WISP_ERR_NONE, "the module compiled but its serialized form did not load: %s",
                                      why ? why : "(no message)");
            return NULL;
        }
    }
    *out = spec_outcome_ok();
    struct spec_module *m = spec_xmalloc(sizeof *m);
    m->mod = mod;
    s->mods = grow(s->mods, &s->capmods, s->nmods, sizeof *s->mods);
    s->mods[s->nmods++] = m;
    return m;
}

static struct spec_module *c_compile(struct spec_session *s, const uint8_t *bytes, size_t len,
                                     struct spec_outcome *out) {
    return compile(s, bytes, len, false, out);
}

static struct spec_module *c_compile_serialized(struct spec_session *s, const uint8_t *bytes, size_t len,
                                                struct spec_outcome *out) {
    return compile(s, bytes, len, true, out);
}

static void c_validate(struct spec_session *s, const uint8_t *bytes, size_t len, struct spec_outcome *out) {
    wasm_byte_vec_t binary = {len, (byte_t *)(uintptr_t)bytes};
    if (wasm_module_validate(s->store, &binary)) *out = spec_outcome_ok();
    else error_outcome(s, "wasm_module_validate", out);
}

static struct spec_instance *c_instantiate(struct spec_session *s, struct spec_module *m, struct spec_outcome *out) {
    wasm_importtype_vec_t imports;
    wasm_module_imports(m->mod, &imports);
    wasm_extern_t **externs = spec_xmalloc((imports.size ? imports.size : 1) * sizeof *externs);
    for (size_t i = 0; i < imports.size; i++) {
        const wasm_name_t *mn = wasm_importtype_module(imports.data[i]);
        const wasm_name_t *nn = wasm_importtype_name(imports.data[i]);
        externs[i] = lookup(s, mn, nn);
        if (!externs[i]) {
            *out = spec_outcome_error(WISP_ERR_UNLINKABLE, "unknown import \"%.*s\" \"%.*s\"", (int)mn->size,
                                      mn->data, (int)nn->size, nn->data);
            free(externs);
            wasm_importtype_vec_delete(&imports);
            return NULL;
        }
    }
    wasm_extern_vec_t vec = {imports.size, externs};
    wasm_trap_t *trap = NULL;
    wasm_instance_t *inst = wasm_instance_new(s->store, m->mod, &vec, &trap);
    free(externs);
    wasm_importtype_vec_delete(&imports);
    if (!inst) {
        /* A link error has an error code and a trap saying why; a trap during instantiation has
         * only the trap. No trap at all breaks wasm_instance_new's documented contract. */
        enum wisp_error_code code = wisp_capi_last_error_code(s->store);
        if (!trap) *out = spec_outcome_error(WISP_ERR_NONE, "wasm_instance_new returned NULL without a trap");
        else if (code != WISP_ERR_NONE) {
            wasm_trap_delete(trap);
            error_outcome(s, "wasm_instance_new", out);
        } else trap_outcome(trap, out);
        return NULL;
    }
    if (trap) { /* a success must not hand back a trap */
        wasm_trap_delete(trap);
        *out = spec_outcome_error(WISP_ERR_NONE, "wasm_instance_new returned an instance and a trap");
    } else {
        *out = spec_outcome_ok();
    }
    struct spec_instance *si = spec_xmalloc(sizeof *si);
    si->inst = inst;
    wasm_instance_exports(inst, &si->exports);
    wasm_module_exports(m->mod, &si->types);
    s->insts = grow(s->insts, &s->capinsts, s->ninsts, sizeof *s->insts);
    s->insts[s->ninsts++] = si;
    if (si->exports.size != si->types.size) {
        spec_outcome_free(out);
        *out = spec_outcome_error(WISP_ERR_NONE, "the instance has %zu exports, its module %zu", si->exports.size,
                                  si->types.size);
        return NULL;
    }
    return out->kind == WISP_OK ? si : NULL;
}

static void c_register(struct spec_session *s, const struct spec_name *as, struct spec_instance *inst,
                       struct spec_outcome *out) {
    for (size_t i = 0; i < inst->types.size; i++) {
        const wasm_name_t *n = wasm_exporttype_name(inst->types.data[i]);
        define(s, as->s, as->len, n->data, n->size, inst->exports.data[i]);
    }
    *out = spec_outcome_ok();
}

static wasm_extern_t *find_export(struct spec_instance *inst, const struct spec_name *field) {
    for (size_t i = 0; i < inst->types.size; i++)
        if (name_eq(field, wasm_exporttype_name(inst->types.data[i]))) return inst->exports.data[i];
    return NULL;
}

static bool has_v128(const wasm_valtype_vec_t *v) {
    for (size_t i = 0; i < v->size; i++)
        if (wasm_valtype_kind(v->data[i]) == WISP_CAPI_V128) return true;
    return false;
}

static enum spec_action_status c_invoke(struct spec_session *s, struct spec_instance *inst,
                                        const struct spec_name *field, const struct wisp_value *args, size_t nargs,
                                        struct wisp_value **results, size_t *nresults, struct spec_outcome *out) {
    wasm_extern_t *ext = find_export(inst, field);
    if (!ext) return SPEC_ACTION_NO_EXPORT;
    wasm_func_t *func = wasm_extern_as_func(ext);
    if (!func) return SPEC_ACTION_WRONG_KIND;
    wasm_functype_t *ft = wasm_func_type(func);
    bool v128 = !ft || has_v128(wasm_functype_params(ft)) || has_v128(wasm_functype_results(ft));
    size_t nres = ft ? wasm_functype_results(ft)->size : 0;
    wasm_functype_delete(ft);
    if (v128) return SPEC_ACTION_UNSUPPORTED;

    wasm_val_t *in = spec_xmalloc((nargs ? nargs : 1) * sizeof *in);
    wasm_val_t *res = spec_xmalloc((nres ? nres : 1) * sizeof *res);
    for (size_t i = 0; i < nargs; i++) {
        if (!to_val(s, &args[i], &in[i])) {
            free(in);
            free(res);
            return SPEC_ACTION_UNSUPPORTED;
        }
    }
    for (size_t i = 0; i < nres; i++) res[i] = (wasm_val_t)WASM_INIT_VAL;
    wasm_val_vec_t av = {nargs, in}, rv = {nres, res};
    wasm_trap_t *trap = wasm_func_call(func, &av, &rv);
    *results = spec_xmalloc((nres ? nres : 1) * sizeof **results);
    memset(*results, 0, (nres ? nres : 1) * sizeof **results);
    *nresults = nres;
    if (trap) {
        trap_outcome(trap, out);
    } else {
        *out = spec_outcome_ok();
        for (size_t i = 0; i < nres; i++) {
            if (!from_val(&res[i], &(*results)[i]) && out->kind == WISP_OK)
                *out = spec_outcome_error(WISP_ERR_NONE, "result %zu has the unknown kind %u", i,
                                          (unsigned)res[i].kind);
            wasm_val_delete(&res[i]);
        }
    }
    free(in);
    free(res);
    return SPEC_ACTION_DONE;
}

static enum spec_action_status c_get(struct spec_session *s, struct spec_instance *inst,
                                     const struct spec_name *field, struct wisp_value *value) {
    (void)s;
    wasm_extern_t *ext = find_export(inst, field);
    if (!ext) return SPEC_ACTION_NO_EXPORT;
    wasm_global_t *g = wasm_extern_as_global(ext);
    if (!g) return SPEC_ACTION_WRONG_KIND;
    wasm_globaltype_t *gt = wasm_global_type(g);
    bool v128 = !gt || wasm_valtype_kind(wasm_globaltype_content(gt)) == WISP_CAPI_V128;
    wasm_globaltype_delete(gt);
    if (v128) return SPEC_ACTION_UNSUPPORTED;
    wasm_val_t v;
    wasm_global_get(g, &v);
    bool ok = from_val(&v, value);
    wasm_val_delete(&v);
    return ok ? SPEC_ACTION_DONE : SPEC_ACTION_UNSUPPORTED;
}

const struct spec_api spec_api_capi = {
    .name = "capi",
    .unsupported = "v128 values cannot be expressed in wasm.h",
    .has_v128 = false,
    .open = c_open,
    .close = c_close,
    .compile = c_compile,
    .validate = c_validate,
    .instantiate = c_instantiate,
    .register_instance = c_register,
    .invoke = c_invoke,
    .get = c_get,
};

const struct spec_api spec_api_capi_serialize = {
    .name = "capi-serialize",
    .unsupported = "v128 values cannot be expressed in wasm.h",
    .has_v128 = false,
    .open = c_open,
    .close = c_close,
    .compile = c_compile_serialized,
    .validate = c_validate,
    .instantiate = c_instantiate,
    .register_instance = c_register,
    .invoke = c_invoke,
    .get = c_get,
};
